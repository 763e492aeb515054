"""Every row of every rule table: a well-formed unique id, each example found, each negative not.

One case per example and per negative; the test id and the failure message
name the table and the row (``quantity.toml:quantity/count.jia:…``).  Examples
run as the pipeline runs them: quantities and dates through ``figures``
(layout, jieba tokens, overlap resolution), entities, quotes and relations
through ``extract``, structure markers on a printed line, shared parts and
numerals on their own.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from figures import figures

from extract import extract, parse_number
from extract.extractors.org_names import find_org_names
from extract.extractors.person_names import find_person_names
from extract.extractors.place_names import find_place_names
from extract.rule_schema import (
    OrgBodyTable,
    OrgRuleTable,
    PersonCueTable,
    PersonSurnameTable,
    PersonTranslitTable,
    PersonVetoTable,
    PlaceRuleTable,
)
from extract.rules import (
    ROW_ID,
    TABLES,
    DateTable,
    Example,
    NumeralTable,
    PartRow,
    QualifierRow,
    QuantityTable,
    QuoteTable,
    RelationTable,
    Row,
    SharedTable,
    StructureTable,
    Table,
    UnitRow,
    all_tables,
    compile_pattern,
    load_table,
    table_parts,
)
from extract.structure.lines import structure_rules
from extract.tokenize import tokenize

ROWS: list[tuple[Table, str, Row]] = [(t, s, r) for t in all_tables() for s, r in t.sections()]
ENTITY_TABLES = {"person.toml", "organization.toml", "place.toml", "event_work.toml"}
# The name finders' tables run on the finders themselves (tokens made from the text):
# the person-name finder, and the place and organization finders (with their type).
PERSON_NAME_TABLES = {PersonSurnameTable, PersonCueTable, PersonTranslitTable, PersonVetoTable}
NAME_TABLE_TYPES = {PlaceRuleTable: "LOCATION", OrgRuleTable: "ORG", OrgBodyTable: "ORG"}


def _name(table: Table, row: Row, text: str = "") -> str:
    return f"{table.FILE}:{row.id}" + (f":{text[:16]}" if text else "")


EXAMPLES = [
    pytest.param(
        t, s, r, ex, id=_name(t, r, ex.text), marks=[pytest.mark.xfail(reason=ex.gap, strict=True)] if ex.gap else []
    )
    for t, s, r in ROWS
    for ex in r.examples
]
NEGATIVES = [pytest.param(t, s, r, text, id=_name(t, r, text)) for t, s, r in ROWS for text in r.negatives]


def test_every_table_loads() -> None:
    assert [type(t) for t in all_tables()] == list(TABLES)


@pytest.mark.parametrize(("table", "section", "row"), [pytest.param(t, s, r, id=_name(t, r)) for t, s, r in ROWS])
def test_row_id_and_examples(table: Table, section: str, row: Row) -> None:
    assert re.fullmatch(ROW_ID, row.id), f"{_name(table, row)}: malformed id"
    assert row.examples, f"{_name(table, row)}: no examples"


def test_row_ids_are_unique() -> None:
    ids = [r.id for _, _, r in ROWS]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def _check_quantity(table: Table, row: Row, ex: Example) -> None:
    text, quantities, _ = figures(ex.text)
    match = ex.match or ex.text
    found = [q for q in quantities if text[q.start : q.end] == match]
    assert found, (
        f"{_name(table, row)}: {match!r} not found in {ex.text!r}; got {[text[q.start : q.end] for q in quantities]}"
    )
    q = found[0]
    assert q.value == Decimal(ex.value or "nan"), _name(table, row)
    assert q.value_max == (Decimal(ex.value_max) if ex.value_max else None), _name(table, row)
    qualifier = ex.qualifier or ("range" if ex.value_max else None)
    if qualifier is None and isinstance(row, QualifierRow):
        qualifier = row.qualifier
    assert q.qualifier == (qualifier or "exact"), _name(table, row)
    unit = ex.unit or (
        row.unit or (row.surfaces[0] if len(row.surfaces) == 1 else None) if isinstance(row, UnitRow) else None
    )
    if unit is not None:
        assert q.unit == unit, _name(table, row)
    if ex.rule or not isinstance(row, QualifierRow):
        assert q.rule == (ex.rule or row.id), _name(table, row)
    assert q.ordinal == ex.ordinal, _name(table, row)


def _check_date(table: Table, row: Row, ex: Example) -> None:
    if isinstance(row, PartRow):  # a part of the date patterns ({years}): on its own
        assert compile_pattern("{" + row.id.removeprefix("date/part.") + "}", **table_parts(table)).fullmatch(ex.text)
        return
    text, _, dates = figures(ex.text, ex.ref)
    match = ex.match or ex.text
    found = [d for d in dates if text[d.start : d.end] == match]
    assert found, f"{_name(table, row)}: {match!r} not found; got {[text[d.start : d.end] for d in dates]}"
    assert found[0].rule == (ex.rule or row.id), _name(table, row)
    assert found[0].value == ex.value, _name(table, row)


def _check_structure(table: Table, row: Row, ex: Example) -> None:
    rules = structure_rules()
    if row.id == "label.section":
        assert ex.text in rules.labels
        return
    if row.id == "label.caption_start":
        assert ex.text.startswith(rules.caption_start)
        return
    marker = next(m for m in rules.markers() if m.id == row.id)
    m = marker.search(ex.text)
    assert m is not None, f"{_name(table, row)}: no match in {ex.text!r}"
    if ex.names is not None:
        names = [
            n.group() for g in ("names", "names2") if m.groupdict().get(g) for n in rules.name.finditer(m.group(g))
        ]
        assert names == list(ex.names), _name(table, row)


def _person_names(text: str) -> list[tuple[str, str | None]]:
    """The person finder's names in ``text``: (name, the full name it links to)."""
    return [(text[s.start : s.end], s.canonical) for s in find_person_names(text, tokenize(text))]


def _place_org_names(text: str, type_: str) -> list[tuple[str, str]]:
    """The place and organization finders' names of ``type_`` in ``text``: (name, rule)."""
    tokens = tokenize(text)
    places = find_place_names(text, tokens)
    return [(text[s.start : s.end], s.rule) for s in places + find_org_names(text, tokens, places) if s.type == type_]


def _check_name(table: Table, row: Row, ex: Example) -> None:
    if type(table) in PERSON_NAME_TABLES:
        found = _person_names(ex.text)
        wanted = ex.matches or ((ex.match,) if ex.match else ())
        for name in wanted:
            assert name in [n for n, _ in found], f"{_name(table, row)}: {name!r} not found in {ex.text!r}: {found}"
        if ex.canonical is not None:
            assert (wanted[-1], ex.canonical) in found, f"{_name(table, row)}: {found}"
        return
    found_names = _place_org_names(ex.text, NAME_TABLE_TYPES[type(table)])
    assert any(n == ex.match and (ex.rule is None or rule == ex.rule) for n, rule in found_names), (
        f"{_name(table, row)}: {ex.match!r} (rule {ex.rule or 'any'}) not found in {ex.text!r}: {found_names}"
    )


def _check_record(table: Table, row: Row, ex: Example) -> None:
    doc = extract(ex.text)
    records: list[Any] = {"quote.toml": doc.quotes, "relation.toml": doc.relations}.get(table.FILE, doc.entities)
    got = [(r.text, r.rule) for r in records]
    assert (ex.match, ex.rule or row.id) in got, f"{_name(table, row)}: {ex.match!r} not found in {ex.text!r}: {got}"
    if ex.speaker is not None:
        assert any(q.speaker == ex.speaker for q in doc.quotes if q.text == ex.match), _name(table, row)


@pytest.mark.parametrize(("table", "section", "row", "example"), EXAMPLES)
def test_example(table: Table, section: str, row: Row, example: Example) -> None:
    if isinstance(table, SharedTable):
        assert compile_pattern("{" + row.id.removeprefix("shared/") + "}").fullmatch(example.text), _name(table, row)
    elif isinstance(table, NumeralTable):
        assert parse_number(example.text) == Decimal(example.value or "nan"), _name(table, row)
    elif isinstance(table, QuantityTable):
        _check_quantity(table, row, example)
    elif isinstance(table, DateTable):
        _check_date(table, row, example)
    elif isinstance(table, StructureTable):
        _check_structure(table, row, example)
    elif type(table) in PERSON_NAME_TABLES or type(table) in NAME_TABLE_TYPES:
        _check_name(table, row, example)
    else:
        _check_record(table, row, example)


@pytest.mark.parametrize(("table", "section", "row", "text"), NEGATIVES)
def test_negative(table: Table, section: str, row: Row, text: str) -> None:
    name = _name(table, row, text)
    if isinstance(table, SharedTable):
        assert not compile_pattern("{" + row.id.removeprefix("shared/") + "}").fullmatch(text), name
    elif isinstance(table, NumeralTable):
        assert parse_number(text) is None, name
    elif isinstance(table, QuantityTable):
        quantities = figures(text)[1]
        if isinstance(row, QualifierRow):
            assert all(q.qualifier != row.qualifier for q in quantities), name
        elif section in ("veto", "modifier"):
            assert quantities == [], name
        else:
            assert all(q.rule != row.id for q in quantities), name
    elif isinstance(table, DateTable):
        import datetime as dt

        if isinstance(row, PartRow):
            assert not compile_pattern("{" + row.id.removeprefix("date/part.") + "}", **table_parts(table)).fullmatch(
                text
            )
        elif section == "veto":  # a figurative use: no date at all
            assert figures(text, dt.date(2024, 7, 1))[2] == [], name
        else:
            assert all(d.rule != row.id for d in figures(text, dt.date(2024, 7, 1))[2]), name
    elif isinstance(table, StructureTable):
        rules = structure_rules()
        if row.id == "label.section":
            assert text not in rules.labels, name
        elif row.id == "label.caption_start":
            assert not text.startswith(rules.caption_start), name
        else:
            assert next(m for m in rules.markers() if m.id == row.id).search(text) is None, name
    elif type(table) in PERSON_NAME_TABLES:  # no person name at all
        assert _person_names(text) == [], name
    elif type(table) in NAME_TABLE_TYPES:  # no name of the row's type
        assert _place_org_names(text, NAME_TABLE_TYPES[type(table)]) == [], name
    else:
        doc = extract(text)
        records: list[Any] = {"quote.toml": doc.quotes, "relation.toml": doc.relations}.get(table.FILE, doc.entities)
        prefix = "person/title" if row.id.startswith("person/title") else row.id
        assert [(r.text, r.rule) for r in records if r.rule.startswith(prefix)] == [], name


@pytest.mark.parametrize(
    "phrase",
    [s for r in load_table(QuantityTable).veto for s in r.surfaces if r.id == "quantity/veto.set_phrase"],
    ids=lambda p: f"quantity.toml:quantity/veto.set_phrase:{p}",
)
def test_set_phrase_is_no_quantity(phrase: str) -> None:
    assert figures(f"他们提出{phrase}的做法")[1] == []


def test_quote_and_relation_tables_load() -> None:
    assert load_table(QuoteTable).quote and load_table(RelationTable).relation
