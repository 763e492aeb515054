"""Overlap resolution: one named function decides between competing candidates.

Within a layer (entities, quantities, dates, quotes), the longest candidate
wins, then the one with the higher priority, then the earliest; a candidate
inside a winner survives only when it is marked ``nested_ok`` (an entity in
its own right, such as 重庆市 inside 重庆市南岸区).  Candidates of different
layers never compete, unless one names the other's layer in ``competes_with``:
a quantity candidate competes with dates, so that 2019年 (a year) and 15年来 (a
relative date) are not also durations, and the same rule (longest, then
priority, then earliest) decides between them.
"""

from __future__ import annotations

from .extractors import Candidate


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _compete(a: Candidate, b: Candidate) -> bool:
    return a.layer == b.layer or b.layer in a.competes_with or a.layer in b.competes_with


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Survivors, sorted by span then layer; exact duplicates collapse to one."""
    kept: list[Candidate] = []
    order = sorted(
        candidates,
        key=lambda c: (-(c.span[1] - c.span[0]), -c.priority, c.span[0], c.rule),
    )
    for cand in order:
        clash = False
        for other in kept:
            if not _compete(cand, other) or not _overlaps(cand.span, other.span):
                continue
            if (
                other.layer == cand.layer
                and cand.nested_ok
                and _inside(cand.span, other.span)
                and cand.span != other.span
            ):
                continue
            clash = True
            break
        if not clash:
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.span[0], c.span[1], c.layer, c.rule))
