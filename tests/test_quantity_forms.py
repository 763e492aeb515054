"""Every row of quantity_forms.toml: each example found with its value and unit, each negative not.

One case per example and per negative, named by the row (``quantity_forms.toml:quantity/money.yuan:…``).
Examples run as the pipeline runs them (``figures``: layout, jieba tokens,
overlap resolution).  The currency names and symbols generated from CLDR
(``currency_cldr.txt``) are checked the same way, one amount per surface.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from figures import figures

from extract.extractors.quantity_rules import QuantityFormTable, load_currencies
from extract.rules import Example, Row, load_table

ROWS = [(section, row) for section, row in load_table(QuantityFormTable).sections()]


def _name(row: Row, text: str) -> str:
    return f"quantity_forms.toml:{row.id}:{text[:16]}"


@pytest.mark.parametrize(
    ("row", "example"), [pytest.param(r, ex, id=_name(r, ex.text)) for _, r in ROWS for ex in r.examples]
)
def test_example(row: Row, example: Example) -> None:
    text, quantities, _ = figures(example.text)
    match = example.match or example.text
    found = [q for q in quantities if text[q.start : q.end] == match]
    assert found, f"{_name(row, example.text)}: {match!r} not in {[text[q.start : q.end] for q in quantities]}"
    assert found[0].value == Decimal(example.value or "nan")
    if example.unit is not None:
        assert found[0].unit == example.unit


@pytest.mark.parametrize(("row", "text"), [pytest.param(r, t, id=_name(r, t)) for _, r in ROWS for t in r.negatives])
def test_negative(row: Row, text: str) -> None:
    assert [q for q in figures(text)[1] if q.rule == row.id] == []


NAMES, SYMBOLS = load_currencies()


@pytest.mark.parametrize("surface", sorted(NAMES), ids=lambda s: f"currency_cldr.txt:{s}")
def test_cldr_currency_name_after_a_number(surface: str) -> None:
    text, quantities, _ = figures(f"价值300{surface}，")
    assert [(text[q.start : q.end], q.value, q.unit_kind) for q in quantities] == [
        (f"300{surface}", Decimal(300), "currency")
    ]


@pytest.mark.parametrize("symbol", sorted(SYMBOLS), ids=lambda s: f"currency_cldr.txt:{s}")
def test_cldr_currency_symbol_before_a_number(symbol: str) -> None:
    _, quantities, _ = figures(f"售价{symbol}20，")
    assert [(q.value, q.unit, q.unit_kind) for q in quantities] == [(Decimal(20), SYMBOLS[symbol].unit, "currency")]


def test_unit_lookup_is_the_longest_unit_as_the_alternation_matches() -> None:
    """``QuantityRules.unit_surfaces`` (dict lookups) finds at every place what a trie alternation of the unit surfaces matches."""
    import json
    from pathlib import Path

    import regex

    from extract.extractors.quantity_rules import quantity_rules
    from extract.rules import alternation

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "raw").glob("*.txt"))]
    dev = root.parent / "shared" / "dev" / "ner_peoples_daily_dev.jsonl"
    if dev.exists():
        with dev.open(encoding="utf-8") as fh:
            texts.append("\n".join(json.loads(line)["text"] for line in fh))
    rules = quantity_rules()
    pattern = regex.compile(alternation(rules.units))
    found = 0
    for text in texts:
        for pos in range(len(text)):
            m = pattern.match(text, pos)
            assert rules.unit_surfaces.end_at(text, pos) == (m.end() if m else -1), (text[pos : pos + 8], pos)
            found += m is not None
    assert found > 1000
