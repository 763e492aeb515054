"""Overlap resolution across layers: ``competes_with`` (quantities against dates)."""

from __future__ import annotations

from extract.extractors import Candidate
from extract.resolve import resolve_overlaps


def _cand(layer: str, span: tuple[int, int], rule: str, priority: int = 0, **kw: object) -> Candidate:
    return Candidate(layer, span, rule, {}, priority=priority, **kw)  # type: ignore[arg-type]


def test_layers_without_competes_with_never_clash() -> None:
    out = resolve_overlaps([_cand("entities", (0, 4), "e"), _cand("quantities", (0, 4), "q")])
    assert [c.layer for c in out] == ["entities", "quantities"]


def test_year_is_a_date_not_a_duration() -> None:
    # "2019年": same span, the date has the higher priority.
    qty = _cand("quantities", (0, 5), "quantity/duration", 1, competes_with=frozenset({"dates"}))
    date = _cand("dates", (0, 5), "date/y", 2)
    assert resolve_overlaps([qty, date]) == [date]


def test_longer_relative_date_beats_inner_duration() -> None:
    # "15年来": the date (4 chars) is longer than the duration 15年 (3 chars).
    qty = _cand("quantities", (0, 3), "quantity/duration", 1, competes_with=frozenset({"dates"}))
    date = _cand("dates", (0, 4), "date/rel.years_since", 2)
    assert resolve_overlaps([date, qty]) == [date]


def test_competes_with_is_symmetric() -> None:
    date = _cand("dates", (0, 6), "date/ym", 2, competes_with=frozenset({"quantities"}))
    qty = _cand("quantities", (2, 4), "quantity/x", 1)
    assert resolve_overlaps([qty, date]) == [date]


def test_longer_quantity_beats_shorter_date() -> None:
    qty = _cand("quantities", (0, 8), "quantity/x", 1, competes_with=frozenset({"dates"}))
    date = _cand("dates", (0, 4), "date/y.modifier", 2)
    assert resolve_overlaps([qty, date]) == [qty]


def test_nested_ok_does_not_cross_layers() -> None:
    outer = _cand("dates", (0, 8), "date/x", 2)
    inner = _cand("quantities", (2, 4), "q", 1, nested_ok=True, competes_with=frozenset({"dates"}))
    assert resolve_overlaps([outer, inner]) == [outer]


def test_same_layer_behaviour_unchanged() -> None:
    a = _cand("entities", (0, 6), "long")
    b = _cand("entities", (0, 3), "short", nested_ok=True)
    c = _cand("entities", (2, 8), "clash")
    assert [x.rule for x in resolve_overlaps([a, b, c])] == ["short", "long"]
