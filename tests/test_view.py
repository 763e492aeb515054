"""The HTML view without a browser: one mark per record, proper nesting, escaping, no network, the CLI."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEED

from extract import extract, render_html
from extract.cli import main
from extract.records import Article, Document, Entity, Paragraph, Quantity, Quote, Source


class Marks(HTMLParser):
    """Every ``mark.rec`` with its data-id, whether it is a continuation, and the ids of the marks around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.marks: list[tuple[str, bool, tuple[str, ...]]] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "img", "input", "link"):
            return
        a = dict(attrs)
        rid = a.get("data-id") if tag == "mark" else None
        if rid is not None:
            around = tuple(r for t, r in self.stack if r is not None)
            self.marks.append((rid, "cont" in (a.get("class") or "").split(), around))
        self.stack.append((tag, rid))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
            return
        self.stack.pop()


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    return parser


def page_doc(raw: str, *, entities=(), quantities=(), quotes=(), paragraphs=None) -> Document:
    """A hand-made document over ``raw``: one article whose paragraphs are the given spans (default: all)."""
    spans = paragraphs or [(0, len(raw))]
    article = Article(
        id="a1",
        kind="article",
        headline=None,
        span=(spans[0][0], spans[-1][1]),
        paragraphs=[Paragraph(span=s, text=raw[s[0] : s[1]], role="body") for s in spans],
    )
    return Document(
        id="t",
        source=Source(path=None, sha256="0" * 64, encoding="utf-8", chars=len(raw), bytes=len(raw.encode())),
        articles=[article],
        entities=list(entities),
        quantities=list(quantities),
        quotes=list(quotes),
    )


def ent(raw: str, rid: str, start: int, end: int, type_: str = "ORG") -> Entity:
    return Entity(id=rid, type=type_, span=(start, end), text=raw[start:end], article="a1", rule="test")


def qty(raw: str, rid: str, start: int, end: int, value: str) -> Quantity:
    return Quantity(
        id=rid, span=(start, end), text=raw[start:end], value=Decimal(value), unit="名", article="a1", rule="test"
    )


def quote(raw: str, rid: str, start: int, end: int) -> Quote:
    return Quote(id=rid, span=(start, end), text=raw[start:end], speaker=None, article="a1", rule="test")


RAW = "他说：“北京大学有3000名学生。”清华大学的二号楼很高。"
#      0 1 2 3 4     8 9   13  15 17 18  21


def test_seed_page_has_one_mark_per_record(seed_doc, seed_raw) -> None:
    marks = parse(render_html(seed_doc, seed_raw))
    records = [*seed_doc.entities, *seed_doc.quantities, *seed_doc.dates, *seed_doc.quotes]
    firsts = [rid for rid, cont, _ in marks.marks if not cont]
    assert marks.balanced
    assert sorted(firsts) == sorted(r.id for r in records)
    assert {rid for rid, _, _ in marks.marks} == {r.id for r in records}


def test_seed_page_nests_entities_inside_quotes(seed_doc, seed_raw) -> None:
    marks = parse(render_html(seed_doc, seed_raw))
    quotes = {q.id: q.span for q in seed_doc.quotes}
    inside = [
        (e.id, qid)
        for e in seed_doc.entities
        for qid, (a, b) in quotes.items()
        if a <= e.span[0] and e.span[1] <= b and e.span != (a, b)
    ]
    around = {rid: set(ar) for rid, cont, ar in marks.marks if not cont}
    for eid, qid in inside:
        assert qid in around[eid], f"{eid} is not drawn inside {qid}"


def test_nested_records_are_nested_elements() -> None:
    doc = page_doc(
        RAW,
        quotes=[quote(RAW, "u1", 4, 17)],
        entities=[ent(RAW, "e1", 4, 8), ent(RAW, "e2", 18, 26)],
        quantities=[qty(RAW, "q1", 9, 14, "3000"), qty(RAW, "q2", 23, 25, "2")],  # q2 二号 inside e2
    )
    marks = parse(render_html(doc, RAW))
    assert marks.balanced
    assert {rid: (cont, around) for rid, cont, around in marks.marks} == {
        "u1": (False, ()),
        "e1": (False, ("u1",)),
        "q1": (False, ("u1",)),
        "e2": (False, ()),
        "q2": (False, ("e2",)),
    }


def test_crossing_records_are_cut_into_pieces() -> None:
    # e1 = 北京大学有, q1 = 有3000名: they cross at 有.
    doc = page_doc(RAW, entities=[ent(RAW, "e1", 4, 9)], quantities=[qty(RAW, "q1", 8, 14, "3000")])
    marks = parse(render_html(doc, RAW))
    assert marks.balanced
    assert [(rid, cont) for rid, cont, _ in marks.marks] == [("e1", False), ("q1", False), ("q1", True)]


def test_record_over_two_paragraphs_has_one_first_piece() -> None:
    raw = "北京\n大学"
    doc = page_doc(raw, entities=[ent(raw, "e1", 0, 5)], paragraphs=[(0, 2), (3, 5)])
    marks = parse(render_html(doc, raw))
    assert [(rid, cont) for rid, cont, _ in marks.marks] == [("e1", False), ("e1", True)]


def test_record_outside_every_unit_is_listed() -> None:
    raw = "北京大学\n\n清华大学"
    doc = page_doc(raw, entities=[ent(raw, "e1", 0, 4), ent(raw, "e2", 6, 10)], paragraphs=[(0, 4)])
    page = render_html(doc, raw)
    assert "Records outside the article text" in page
    assert [(rid, cont) for rid, cont, _ in parse(page).marks] == [("e1", False), ("e2", False)]


HOSTILE = "本报讯 北京大学</mark><script>alert(1)</script>发布消息，共有3000名学生。\n"


def test_page_text_is_escaped() -> None:
    page = render_html(extract(HOSTILE), HOSTILE)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 2  # the record data and the page's own script
    assert parse(page).balanced


def test_record_data_cannot_close_its_script_block() -> None:
    doc = page_doc(HOSTILE, entities=[ent(HOSTILE, "e1", 8, 39)])
    page = render_html(doc, HOSTILE)
    block = re.search(r'<script type="application/json" id="records">(.*?)</script>', page, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1)
    assert json.loads(block.group(1))["e1"]["text"] == HOSTILE[8:39]


def test_page_is_self_contained(seed_doc, seed_raw) -> None:
    page = render_html(seed_doc, seed_raw)
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_quantity_details_carry_the_exact_value(seed_doc, seed_raw) -> None:
    page = render_html(seed_doc, seed_raw)
    data = json.loads(re.search(r'id="records">(.*?)</script>', page, re.S).group(1))
    for q in seed_doc.quantities:
        rows = dict(data[q.id]["rows"])
        assert data[q.id]["label"] == "QUANTITY"
        assert rows["value"] == format(q.value, "f")
        assert rows["unit"] == q.unit and rows["qualifier"] == q.qualifier
        assert rows["raw offsets"] == f"[{q.span[0]}, {q.span[1]})"


def test_relations_are_listed_under_their_article(seed_doc, seed_raw) -> None:
    page = render_html(seed_doc, seed_raw)
    for rel in seed_doc.relations:
        assert f"<b>{rel.id}</b>" in page


def test_raw_text_of_another_length_is_refused(seed_doc, seed_raw) -> None:
    with pytest.raises(ValueError, match="code points"):
        render_html(seed_doc, seed_raw + "x")


def test_cli_view_writes_the_page(tmp_path: Path, seed_doc) -> None:
    out = tmp_path / "page.html"
    assert main(["view", str(SEED), "-o", str(out)]) == 0
    marks = parse(out.read_text(encoding="utf-8"))
    assert len([m for m in marks.marks if not m[1]]) == sum(
        len(x) for x in (seed_doc.entities, seed_doc.quantities, seed_doc.dates, seed_doc.quotes)
    )


def test_cli_view_of_a_missing_file_renders_its_error(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(["view", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert "no such file" in out.read_text(encoding="utf-8")
