"""Every example and negative of every unit, qualifier and date row runs here, one case each.

A failure names its row (the test id is the row id and the example text).
Examples run through the finders as the pipeline runs them (``figures``: layout
normalization, jieba tokens, overlap resolution), so the token vetoes and the
competition with dates apply as on a page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from figures import figures

from extract.rules import load_data


def _rows(name: str, *tables: str) -> list[dict[str, Any]]:
    data = load_data(name)
    return [row for table in tables for row in data[table]]


def _examples(rows: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(row, ex, id=f"{row['id']}:{ex['text']}") for row in rows for ex in row.get("examples", ())]


def _negatives(rows: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(row, text, id=f"{row['id']}:{text}") for row in rows for text in row.get("negatives", ())]


QUANTITY_ROWS = _rows("units.toml", "unit", "per") + _rows("qualifiers.toml", "qualifier", "range")
DATE_ROWS = _rows("dates.toml", "date")


def _row_unit(row: dict[str, Any]) -> str | None:
    if "unit" in row and isinstance(row["unit"], str):
        return row["unit"]
    surfaces = row.get("surfaces")
    if isinstance(surfaces, list) and len(surfaces) == 1 and row["id"].startswith("quantity/"):
        return surfaces[0]
    return None


@pytest.mark.parametrize(("row", "example"), _examples(QUANTITY_ROWS))
def test_quantity_example(row: dict[str, Any], example: dict[str, Any]) -> None:
    text, quantities, _ = figures(example["text"])
    match = example.get("match", example["text"])
    found = [q for q in quantities if text[q.start : q.end] == match]
    assert found, f"{match!r} not found; got {[text[q.start : q.end] for q in quantities]}"
    q = found[0]
    assert q.value == Decimal(example["value"])
    assert q.value_max == (Decimal(example["value_max"]) if "value_max" in example else None)
    want_qualifier = example.get("qualifier", row.get("qualifier"))
    if "value_max" in example:
        want_qualifier = "range"
    if want_qualifier in (None, "exact") and row["id"].startswith("quantity/"):
        want_qualifier = "exact"
    if want_qualifier is not None:
        assert q.qualifier == want_qualifier
    unit = example.get("unit", _row_unit(row))
    if unit is not None:
        assert q.unit == unit
    if row["id"].startswith("quantity/"):
        assert q.rule == row["id"]
        assert q.unit_kind == row["kind"]
    assert q.ordinal == example.get("ordinal", False)


@pytest.mark.parametrize(("row", "text"), _negatives(QUANTITY_ROWS))
def test_quantity_negative(row: dict[str, Any], text: str) -> None:
    _, quantities, _ = figures(text)
    if row["id"].startswith("qualifier/"):
        assert all(q.qualifier != row["qualifier"] for q in quantities), quantities
    else:
        assert all(q.rule != row["id"] for q in quantities), quantities


@pytest.mark.parametrize(
    "phrase", load_data("units.toml")["set_phrases"]["surfaces"], ids=lambda p: f"quantity/veto.set_phrase:{p}"
)
def test_set_phrase_is_no_quantity(phrase: str) -> None:
    assert figures(f"他们提出{phrase}的做法")[1] == []


@pytest.mark.parametrize(("row", "example"), _examples(DATE_ROWS))
def test_date_example(row: dict[str, Any], example: dict[str, Any]) -> None:
    ref = dt.date.fromisoformat(example["ref"]) if "ref" in example else None
    text, _, dates = figures(example["text"], ref)
    match = example.get("match", example["text"])
    found = [d for d in dates if text[d.start : d.end] == match]
    assert found, f"{match!r} not found; got {[text[d.start : d.end] for d in dates]}"
    assert found[0].rule == row["id"]
    assert found[0].kind == row["kind"]
    assert found[0].value == example["value"]


@pytest.mark.parametrize(("row", "text"), _negatives(DATE_ROWS))
def test_date_negative(row: dict[str, Any], text: str) -> None:
    _, _, dates = figures(text, dt.date(2024, 7, 1))
    assert all(d.rule != row["id"] for d in dates), dates


@pytest.mark.parametrize("row", QUANTITY_ROWS + DATE_ROWS, ids=lambda row: row["id"])
def test_every_row_has_examples(row: dict[str, Any]) -> None:
    assert row.get("examples"), f"{row['id']} has no examples"


def test_row_ids_are_unique() -> None:
    ids = [row["id"] for row in QUANTITY_ROWS + DATE_ROWS]
    assert len(ids) == len(set(ids))
