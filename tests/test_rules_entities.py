"""Every row of data/entities.toml: its examples must be found by that row, its negatives must not fire it."""

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
    found = _records(sentence)
    texts = [t for _, t in found]
    assert expected in texts, f"{rule}: {expected} not in {found}"


@pytest.mark.parametrize(("rule", "sentence"), _negatives())
def test_row_negative(rule: str, sentence: str) -> None:
    prefix = rule.split(".")[0] if rule.startswith("person/title") else rule
    found = [(r, t) for r, t in _records(sentence) if r.startswith(prefix)]
    assert found == [], f"{rule} fired on {sentence}: {found}"
