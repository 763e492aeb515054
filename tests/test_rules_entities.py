"""Every entity row (data/person.toml, organization.toml, place.toml, event_work.toml).

Each example must be found, and nothing else may claim its words: no other
entity overlaps the expected one, except places nested inside a place (重庆市
and 南岸区 in 重庆市南岸区), the only nesting the records allow.  An example names
one entity of its sentence, so entities elsewhere in the sentence are not
judged here (tests/test_entities.py judges whole sentences).  Each negative
must not fire its row.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import extract
from extract.extractors.lexicon import entity_table


def _rows() -> list[dict[str, Any]]:
    table = entity_table()
    return [row for value in table.values() if isinstance(value, list) for row in value]


def _examples() -> list:
    return [
        pytest.param(row["id"], sentence, expected, id=f"{row['id']}:{sentence[:10]}")
        for row in _rows()
        for sentence, expected in row.get("examples", [])
    ]


def _negatives() -> list:
    return [
        pytest.param(row["id"], sentence, id=f"{row['id']}:{sentence[:10]}")
        for row in _rows()
        for sentence in row.get("negatives", [])
    ]


def _records(sentence: str) -> list[tuple[str, str]]:
    doc = extract(sentence)
    return [(e.rule, e.text) for e in doc.entities]


@pytest.mark.parametrize(("rule", "sentence", "expected"), _examples())
def test_row_example(rule: str, sentence: str, expected: str) -> None:
    entities = extract(sentence).entities
    hits = [e for e in entities if e.text == expected]
    assert hits, f"{rule}: {expected} not in {[(e.rule, e.text) for e in entities]}"
    hit = hits[0]
    start, end = hit.span
    unexpected = [
        (e.type, e.text, e.rule)
        for e in entities
        if e is not hit
        and e.span[0] < end
        and start < e.span[1]
        and not (hit.type == e.type == "LOCATION" and start <= e.span[0] and e.span[1] <= end and e.span != hit.span)
    ]
    assert unexpected == [], f"{rule}: {expected} ({hit.type}, {hit.rule}) overlapped by {unexpected}"


@pytest.mark.parametrize(("rule", "sentence"), _negatives())
def test_row_negative(rule: str, sentence: str) -> None:
    prefix = rule.split(".")[0] if rule.startswith("person/title") else rule
    found = [(r, t) for r, t in _records(sentence) if r.startswith(prefix)]
    assert found == [], f"{rule} fired on {sentence}: {found}"
