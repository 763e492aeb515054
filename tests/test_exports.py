"""Exports round-trip on the seed page: what Label Studio, brat and BIO files say is what the document says."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED

from extract.cli import main
from extract.exports import (
    CONLL_LABELS,
    LABEL_STUDIO_CONFIG,
    LABELS,
    brat_fragments,
    conll_entities,
    read_brat,
    read_conll,
    span_records,
    to_conll,
    to_label_studio,
    write_brat,
    write_conll,
    write_label_studio,
)
from extract.pipeline import extract
from extract.records import Document, Entity, Source


def read_exact(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def doc_spans(doc) -> Counter:
    """(label, start, end) of every record the exports carry, counted."""
    labels = {"quantities": "QUANTITY", "dates": "DATE", "quotes": "QUOTE"}
    out: Counter = Counter()
    for e in doc.entities:
        out[(e.type, *e.span)] += 1
    for name, label in labels.items():
        for r in getattr(doc, name):
            out[(label, *r.span)] += 1
    return out


def test_seed_records_are_exported(seed_doc) -> None:
    assert doc_spans(seed_doc) == Counter((r.label, r.start, r.end) for r in span_records(seed_doc))
    assert sum(doc_spans(seed_doc).values()) > 100  # the seed page has many records: the round trips mean something


def test_brat_round_trip_on_the_seed_page(tmp_path: Path, seed_doc, seed_raw) -> None:
    (ann_path,) = write_brat([(seed_doc, seed_raw)], tmp_path)
    text = read_exact(ann_path.with_suffix(".txt"))
    assert text == seed_raw
    annotations = read_brat(read_exact(ann_path))
    assert Counter((label, start, end) for _, label, start, end, _, _ in annotations) == doc_spans(seed_doc)
    for _, _, _, _, pieces, surface in annotations:
        assert surface == " ".join(text[a:b] for a, b in pieces)
        assert all("\n" not in text[a:b] for a, b in pieces)
    conf = read_exact(tmp_path / "annotation.conf")
    assert {label for _, label, *_ in annotations} <= set(conf.split())


def test_brat_speaker_relations_point_at_the_quote_and_its_speaker(tmp_path: Path, seed_doc, seed_raw) -> None:
    (ann_path,) = write_brat([(seed_doc, seed_raw)], tmp_path)
    ann = read_exact(ann_path)
    spans = {tid: (label, start, end) for tid, label, start, end, _, _ in read_brat(ann)}
    entities = {e.id: e for e in seed_doc.entities}
    expected = Counter(
        (("QUOTE", *q.span), (entities[q.speaker_id].type, *entities[q.speaker_id].span))
        for q in seed_doc.quotes
        if q.speaker_id in entities
    )
    found: Counter = Counter()
    for line in ann.splitlines():
        if line.startswith("R"):
            _, body = line.split("\t")
            _, arg1, arg2 = body.split(" ")
            found[(spans[arg1.split(":")[1]], spans[arg2.split(":")[1]])] += 1
    assert found == expected


BRAT_FRAGMENTS = [
    ("one line", "北京大学", 0, 4, [(0, 4)]),
    ("over a line break", "北京\n大学", 0, 5, [(0, 2), (3, 5)]),
    ("over a blank line with CR", "北京\r\n\r\n大学", 0, 8, [(0, 2), (6, 8)]),
    ("empty", "北京", 1, 1, [(1, 1)]),
]


@pytest.mark.parametrize(
    ("raw", "start", "end", "pieces"), [c[1:] for c in BRAT_FRAGMENTS], ids=[c[0] for c in BRAT_FRAGMENTS]
)
def test_brat_fragments(raw: str, start: int, end: int, pieces: list[tuple[int, int]]) -> None:
    assert brat_fragments(raw, start, end) == pieces


def test_conll_round_trip_on_the_seed_page(tmp_path: Path, seed_doc, seed_raw) -> None:
    out = tmp_path / "seed.conll"
    write_conll([(seed_doc, seed_raw)], out)
    text = read_exact(out)
    found = read_conll(text)[seed_doc.id]
    kept = conll_entities(seed_doc)
    assert found == [(r.label, r.start, r.end) for r in kept]
    # What BIO leaves out: only entities inside another PERSON/ORG/LOCATION entity.
    entities = [e for e in seed_doc.entities if e.type in CONLL_LABELS]
    outer = [
        e
        for e in entities
        if not any(o is not e and o.span[0] <= e.span[0] and e.span[1] <= o.span[1] for o in entities)
    ]
    assert sorted((e.type, *e.span) for e in outer) == sorted(found)
    # Every written character is the raw character at its offset.
    for line in text.splitlines():
        if line and not line.startswith("-DOCSTART-"):
            char, offset, _ = line.split(" ")
            assert seed_raw[int(offset)] == char


def test_conll_sequences_never_cut_an_entity(tmp_path: Path, seed_doc, seed_raw) -> None:
    out = tmp_path / "seed.conll"
    write_conll([(seed_doc, seed_raw)], out)
    previous = ""
    for line in read_exact(out).splitlines():
        tag = line.split(" ")[-1] if line and not line.startswith("-DOCSTART-") else ""
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], line
        previous = tag


def test_conll_keeps_the_outer_of_nested_entities() -> None:
    raw = "重庆市南岸区政府发布消息。"
    source = Source(path=None, sha256="0" * 64, encoding="utf-8", chars=len(raw), bytes=len(raw.encode()))

    def entity(rid: str, type_: str, start: int, end: int) -> Entity:
        return Entity(id=rid, type=type_, span=(start, end), text=raw[start:end], article=None, rule="test")

    doc = Document(
        id="t",
        source=source,
        entities=[entity("e1", "ORG", 0, 8), entity("e2", "LOCATION", 0, 3), entity("e3", "LOCATION", 3, 6)],
    )
    assert [(r.id, r.label) for r in conll_entities(doc)] == [("e1", "ORG")]
    assert read_conll(to_conll([(doc, raw)])) == {"t": [("ORG", 0, 8)]}


def test_label_studio_round_trip_on_the_seed_page(tmp_path: Path, seed_doc, seed_raw) -> None:
    out = tmp_path / "tasks.json"
    write_label_studio([(seed_doc, seed_raw)], out)
    (task,) = json.loads(read_exact(out))
    assert task["data"]["text"] == seed_raw
    (prediction,) = task["predictions"]
    results = prediction["result"]
    assert Counter((r["value"]["labels"][0], r["value"]["start"], r["value"]["end"]) for r in results) == doc_spans(
        seed_doc
    )
    for r in results:
        value = r["value"]
        assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
        assert (r["from_name"], r["to_name"], r["type"]) == ("label", "text", "labels")
        assert value["labels"][0] in LABELS
    assert len({r["id"] for r in results}) == len(results)


def test_label_studio_config_names_every_label() -> None:
    for label in LABELS:
        assert f'<Label value="{label}"/>' in LABEL_STUDIO_CONFIG
    assert 'name="label"' in LABEL_STUDIO_CONFIG and 'name="text"' in LABEL_STUDIO_CONFIG


def test_label_studio_offsets_are_code_points() -> None:
    raw = "𠀀北京大学发布消息。\n"  # an astral character first: two UTF-16 units, one code point
    doc = extract(raw)
    (task,) = to_label_studio([(doc, raw)])
    for r in task["predictions"][0]["result"]:
        assert raw[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]


@pytest.mark.parametrize("fmt", ["label-studio", "brat", "conll"])
def test_cli_export(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("brat" if fmt == "brat" else f"out.{fmt}")
    assert main(["export", "--to", fmt, str(SEED.parent), "-o", str(out)]) == 0
    if fmt == "brat":
        assert sorted(p.name for p in out.iterdir()) == [
            f"{SEED.stem}.ann",
            f"{SEED.stem}.txt",
            "annotation.conf",
        ]
    else:
        assert out.is_file() and out.stat().st_size > 0


def test_cli_export_refuses_a_file_for_brat(tmp_path: Path) -> None:
    out = tmp_path / "a-file"
    out.write_text("", encoding="utf-8")
    assert main(["export", "--to", "brat", str(SEED), "-o", str(out)]) == 2


def test_cli_export_reports_unreadable_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    assert main(["export", "--to", "conll", str(SEED), str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert read_exact(out).count("-DOCSTART-") == 1


def test_cli_export_needs_a_format(tmp_path: Path) -> None:
    assert main(["export", str(SEED), "-o", str(tmp_path / "x")]) == 2
