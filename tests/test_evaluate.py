"""``extract evaluate``: gold readers, scoring by hand-checked counts, the annotation round trip, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED, SHARED

import extract.pipeline
from extract import Report, evaluate
from extract.cli import main
from extract.exports import to_label_studio
from extract.gold import GoldError, map_label, read_gold
from extract.records import DateRecord, Document, Entity, Quantity, Source

S1 = "国务院总理李强在北京会见了美国总统。"
S2 = "科技日报记者杨宇航报道，西藏自治区众创空间增至34家。"
# Gold, as another project would tag these sentences (its own labels).
GOLD_1 = [("ORG", 0, 3), ("PER", 5, 7), ("LOC", 8, 10), ("LOC", 13, 15)]
GOLD_2 = [("ORG", 0, 4), ("PER", 6, 9), ("LOC", 12, 14)]


def bio(text: str, spans: list[tuple[str, int, int]], scheme: str = "BIO") -> str:
    tags = ["O"] * len(text)
    for label, start, end in spans:
        if scheme == "BIOES" and end - start == 1:
            tags[start] = f"S-{label}"
            continue
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
        if scheme == "BIOES":
            tags[end - 1] = f"E-{label}"
    return "".join(f"{ch} {tag}\n" for ch, tag in zip(text, tags))


def jsonl(items: list[tuple[str, list[tuple[str, int, int]]]]) -> str:
    lines = []
    for n, (text, spans) in enumerate(items, 1):
        entities = [{"label": label, "start": s, "end": e, "text": text[s:e]} for label, s, e in spans]
        lines.append(json.dumps({"id": f"s{n}", "text": text, "entities": entities}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def entity(n: int, type_: str, text: str, start: int, end: int) -> Entity:
    return Entity(id=f"e{n}", type=type_, span=(start, end), text=text[start:end], article=None, rule="test")


# What the stubbed pipeline predicts on each sentence: 北京 and 美国 on S1 (right), and on
# S2 科技日报 (right), 杨宇航 (right), 西藏自治区 (the gold says 西藏: wrong span), plus an EVENT
# the gold set does not annotate.
PREDICTED = {
    S1: [("LOCATION", 8, 10), ("LOCATION", 13, 15)],
    S2: [("ORG", 0, 4), ("PERSON", 6, 9), ("LOCATION", 12, 17), ("EVENT", 12, 20)],
}


@pytest.fixture
def stub_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(text: str, doc_id: str | None = None, *, reference_date=None) -> Document:
        source = Source(path=None, sha256="0" * 64, encoding="utf-8", chars=len(text), bytes=len(text.encode()))
        ents = [entity(n, t, text, s, e) for n, (t, s, e) in enumerate(PREDICTED.get(text, []), 1)]
        return Document(id="stub", source=source, entities=ents)

    monkeypatch.setattr(extract.pipeline, "extract", fake)


def test_bio_counts_checked_by_hand(tmp_path: Path, stub_pipeline: None) -> None:
    path = tmp_path / "two.bio"
    path.write_text(bio(S1, GOLD_1) + "\n" + bio(S2, GOLD_2), encoding="utf-8")
    report = evaluate(path)
    by = {t: (s.tp, s.n_pred, s.n_gold) for t, s in report.by_type.items()}
    # LOCATION: 北京, 美国 right; 西藏自治区 against 西藏 wrong -> tp 2 of 3 predicted, 3 gold.
    # ORG: 科技日报 right, 国务院 missed -> 1 of 1, 2 gold.  PERSON: 杨宇航 right, 李强 missed.
    assert by == {"LOCATION": (2, 3, 3), "ORG": (1, 1, 2), "PERSON": (1, 1, 2)}
    assert (report.overall.tp, report.overall.n_pred, report.overall.n_gold) == (4, 5, 7)
    assert report.overall.p == pytest.approx(0.8) and report.overall.r == pytest.approx(0.5714, abs=1e-4)
    assert report.overall.f1 == pytest.approx(2 * 0.8 * (4 / 7) / (0.8 + 4 / 7), abs=1e-4)
    assert "EVENT" not in report.by_type  # not annotated by the gold set: not spurious
    assert report.items == 2


def test_jsonl_bio_and_bioes_forms_agree(tmp_path: Path, stub_pipeline: None) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl([(S1, GOLD_1), (S2, GOLD_2)]), encoding="utf-8")
    (tmp_path / "a.bio").write_text(bio(S1, GOLD_1) + "\n" + bio(S2, GOLD_2), encoding="utf-8")
    (tmp_path / "a.bmes").write_text(bio(S1, GOLD_1, "BIOES") + "\n" + bio(S2, GOLD_2, "BIOES"), encoding="utf-8")
    reports = [evaluate(tmp_path / name) for name in ("a.jsonl", "a.bio", "a.bmes")]
    assert reports[0].by_type == reports[1].by_type == reports[2].by_type
    assert reports[0].overall == reports[1].overall == reports[2].overall


def test_cluener_native_form_and_conll_columns_agree(tmp_path: Path, stub_pipeline: None) -> None:
    """CLUENER's own JSON ({"label": {type: {surface: [[start, last]]}}}, end inclusive) and a
    CoNLL file with a part-of-speech column read as the same gold as the JSONL form."""
    label: dict = {}
    for kind, s, e in GOLD_2:
        label.setdefault(kind, {}).setdefault(S2[s:e], []).append([s, e - 1])
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": S2, "label": label}, ensure_ascii=False) + "\n", "utf-8")
    columns = "".join(f"{line.split()[0]} x {line.split()[1]}\n" for line in bio(S2, GOLD_2).splitlines())
    (tmp_path / "c.conll").write_text(columns, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(jsonl([(S2, GOLD_2)]), encoding="utf-8")
    got = [
        sorted((s.type, s.start, s.end) for s in read_gold(tmp_path / n).items[0].spans)
        for n in ("c.jsonl", "c.conll", "a.jsonl")
    ]
    assert got[0] == got[1] == got[2] == sorted([("ORG", 0, 4), ("PERSON", 6, 9), ("LOCATION", 12, 14)])


def test_errors_list_misses_and_spurious_with_context(stub_pipeline: None, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl([(S2, GOLD_2)]), encoding="utf-8")
    report = evaluate(tmp_path / "a.jsonl", errors=5)
    missed = [(e.type, e.text, e.near) for e in report.errors if e.kind == "missed"]
    spurious = [(e.type, e.text, e.context) for e in report.errors if e.kind == "spurious"]
    assert missed == [("LOCATION", "西藏", "LOCATION 西藏自治区")]
    assert spurious == [("LOCATION", "西藏自治区", "科技日报记者杨宇航报道，[西藏自治区]众创空间增至34家。")]


def test_types_option_limits_scoring(stub_pipeline: None, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl([(S1, GOLD_1), (S2, GOLD_2)]), encoding="utf-8")
    report = evaluate(tmp_path / "a.jsonl", types=["person"])
    assert list(report.by_type) == ["PERSON"]
    assert (report.overall.tp, report.overall.n_gold) == (1, 2)


def test_values_of_quantities_and_dates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = "今年新增企业300家，投资13.8万元。"

    def fake(t: str, doc_id: str | None = None, *, reference_date=None) -> Document:
        source = Source(path=None, sha256="0" * 64, encoding="utf-8", chars=len(t), bytes=len(t.encode()))
        q1 = Quantity(id="q1", span=(6, 10), text="300家", value=300, unit="家", article=None, rule="t")
        q2 = Quantity(id="q2", span=(13, 19), text="13.8万元", value=13800, unit="元", article=None, rule="t")
        d1 = DateRecord(id="d1", span=(0, 2), text="今年", value="2026", kind="relative", article=None, rule="t")
        return Document(id="stub", source=source, quantities=[q1, q2], dates=[d1])

    monkeypatch.setattr(extract.pipeline, "extract", fake)
    line = {
        "id": "v",
        "text": text,
        "entities": [],
        "quantities": [
            {"start": 6, "end": 10, "value": "300", "unit": "家"},
            {"start": 13, "end": 19, "value": "138000", "unit": "元"},  # the stub's 13800 is wrong
        ],
        "dates": [{"start": 0, "end": 2, "value": "2026"}],
    }
    (tmp_path / "v.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(tmp_path / "v.jsonl")
    assert report.by_type["QUANTITY"].tp == 2 and report.by_type["DATE"].tp == 1
    assert (report.values["QUANTITY"].matched, report.values["QUANTITY"].correct) == (2, 1)
    assert (report.values["DATE"].matched, report.values["DATE"].correct) == (1, 1)


def test_label_table_maps_other_sets_labels() -> None:
    assert [map_label(x) for x in ("PER", "nr", "address", "scene", "company", "government", "GPE", "book")] == [
        "PERSON",
        "PERSON",
        "LOCATION",
        "LOCATION",
        "ORG",
        "ORG",
        "LOCATION",
        "WORK",
    ]
    assert map_label("position") == "TITLE"
    assert map_label("something-else") == "SOMETHING-ELSE"


def test_label_studio_round_trip_on_the_seed_page(tmp_path: Path, seed_doc, seed_raw) -> None:
    """Export -> people accept every prediction as their annotation -> evaluate: F1 1.0."""
    tasks = to_label_studio([(seed_doc, seed_raw)])
    for task in tasks:
        result = [dict(r, origin="manual") for r in task["predictions"][0]["result"]]
        task["annotations"] = [{"id": 1, "was_cancelled": False, "result": result}]
        task["predictions"][0]["result"] = []  # predictions are never read as gold
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    report = evaluate(path)
    assert report.overall.n_gold > 150
    assert report.overall.f1 == 1.0
    assert set(report.by_type) >= {"PERSON", "ORG", "LOCATION", "QUANTITY", "DATE", "QUOTE"}


def test_label_studio_unannotated_tasks_are_skipped(tmp_path: Path) -> None:
    tasks = [{"data": {"text": S1}, "predictions": [{"result": []}]}]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    report = evaluate(path)
    assert (report.items, report.skipped) == (0, 1)


def test_our_conll_export_reads_back_as_gold(tmp_path: Path, seed_doc) -> None:
    out = tmp_path / "seed.conll"
    assert main(["export", "--to", "conll", str(SEED), "-o", str(out)]) == 0
    (gold,) = read_gold(out).items
    want = {(e.type, *e.span) for e in seed_doc.entities if e.type in ("PERSON", "ORG", "LOCATION")}
    got = {(s.type, s.start, s.end) for s in gold.spans}
    assert got <= want and len(want - got) == 2  # BIO cannot nest: 重庆市 and 南岸区 are left out
    raw = SEED.read_text(encoding="utf-8")
    for s in gold.spans:  # raw offsets: the characters are where the export says (BIO keeps no whitespace)
        assert "".join(gold.text[s.start : s.end].split()) == "".join(raw[s.start : s.end].split())


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"id": 1, "text": "北京"}\n{"id": 2, "text": \n', ":2:"),
        ('{"id": 1, "text": "北京", "entities": [{"type": "LOC", "start": 0, "end": 9}]}\n', ":1:"),
        ('{"id": 1, "text": "北京", "entities": [{"type": "LOC", "start": 0, "end": 2, "text": "上海"}]}\n', ":1:"),
    ],
)
def test_bad_gold_names_file_and_line(tmp_path: Path, content: str, where: str, capsys) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError):
        read_gold(path)
    assert main(["evaluate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"bad.jsonl{where}" in err


def test_bad_bio_tag_names_the_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.bio"
    path.write_text("北 B-LOC\n京 X-LOC\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    assert "bad.bio:2: not a BIO/BIOES tag" in capsys.readouterr().err


def test_command_usage_and_json(tmp_path: Path, capsys, stub_pipeline: None) -> None:
    assert main(["evaluate"]) == 2
    assert main(["evaluate", str(tmp_path / "missing.jsonl")]) == 1
    assert "missing.jsonl: no such file" in capsys.readouterr().err
    (tmp_path / "a.jsonl").write_text(jsonl([(S1, GOLD_1)]), encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "a.jsonl"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"overall", "by_type", "values", "items", "seconds"}
    assert set(data["overall"]) == {"p", "r", "f1", "tp", "n_pred", "n_gold"}
    assert data["by_type"]["LOCATION"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 2, "n_pred": 2, "n_gold": 2}
    assert Report.model_validate(data).items == 1
    assert main(["evaluate", str(tmp_path / "a.jsonl"), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "missed" in out and "[李强]" in out


PD_DEV = SHARED / "dev" / "ner_peoples_daily_dev.jsonl"


def test_peoples_daily_jsonl_and_bio_agree_to_the_item(tmp_path: Path) -> None:
    if not PD_DEV.exists():
        pytest.skip(f"development data not found at {PD_DEV} (shared/ is not part of a clone)")
    lines = [json.loads(line) for line in PD_DEV.read_text(encoding="utf-8").splitlines()[:400]]
    (tmp_path / "pd.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    blocks = [bio(x["text"], [(e["label"], e["start"], e["end"]) for e in x["entities"]]) for x in lines]
    (tmp_path / "pd.bio").write_text("\n".join(blocks), encoding="utf-8")
    a, b = read_gold(tmp_path / "pd.jsonl"), read_gold(tmp_path / "pd.bio")
    assert [(x.text, sorted(map(tuple, (vars(s).values() for s in x.spans)))) for x in a.items] == [
        (x.text, sorted(map(tuple, (vars(s).values() for s in x.spans)))) for x in b.items
    ]
    ra, rb = evaluate(tmp_path / "pd.jsonl"), evaluate(tmp_path / "pd.bio")
    assert ra.by_type == rb.by_type and ra.overall == rb.overall
