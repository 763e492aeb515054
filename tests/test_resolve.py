"""Overlap resolution: longest, then priority, then earliest; nested only when allowed."""

from __future__ import annotations

from extract.extractors import Candidate
from extract.resolve import resolve_overlaps


def cand(start: int, end: int, rule: str = "r", layer: str = "entities", **kw: object) -> Candidate:
    return Candidate(layer, (start, end), rule, **kw)  # type: ignore[arg-type]


def spans(cands: list[Candidate]) -> list[tuple[int, int, str]]:
    return [(c.span[0], c.span[1], c.rule) for c in cands]


def test_longest_wins() -> None:
    assert spans(resolve_overlaps([cand(0, 3, "short"), cand(0, 6, "long")])) == [(0, 6, "long")]


def test_priority_breaks_ties_then_earliest() -> None:
    assert spans(resolve_overlaps([cand(0, 4, "low"), cand(0, 4, "high", priority=5)])) == [(0, 4, "high")]
    assert spans(resolve_overlaps([cand(2, 6, "later"), cand(0, 4, "earlier")])) == [(0, 4, "earlier")]


def test_nested_kept_only_when_allowed() -> None:
    outer = cand(0, 6, "place/county")
    inner = cand(0, 3, "place/city", nested_ok=True)
    crossing = cand(4, 8, "other", nested_ok=True)
    assert spans(resolve_overlaps([inner, outer, crossing])) == [(0, 3, "place/city"), (0, 6, "place/county")]


def test_layers_do_not_compete() -> None:
    result = resolve_overlaps([cand(0, 4, "a", layer="entities"), cand(0, 4, "b", layer="quantities")])
    assert len(result) == 2


def test_exact_duplicates_collapse() -> None:
    assert len(resolve_overlaps([cand(0, 2, "x"), cand(0, 2, "x")])) == 1


def test_output_sorted_by_span() -> None:
    result = resolve_overlaps([cand(10, 12), cand(0, 2), cand(5, 6)])
    assert [c.span for c in result] == [(0, 2), (5, 6), (10, 12)]
