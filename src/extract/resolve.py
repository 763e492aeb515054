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

import bisect
from collections import defaultdict

from .extractors import Candidate


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _compete(a: Candidate, b: Candidate) -> bool:
    return a.layer == b.layer or b.layer in a.competes_with or a.layer in b.competes_with


class _Kept:
    """The winners of one layer, sorted by start, for overlap queries by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[Candidate] = []
        self.longest = 0
        self.declared: set[str] = set()  # layers these winners compete with

    def add(self, cand: Candidate) -> None:
        i = bisect.bisect_right(self.starts, cand.where[0])
        self.starts.insert(i, cand.where[0])
        self.items.insert(i, cand)
        self.longest = max(self.longest, cand.where[1] - cand.where[0])
        self.declared |= cand.competes_with

    def overlapping(self, span: tuple[int, int]) -> list[Candidate]:
        # A winner starting before span[0] - longest ends before span[0].
        out = []
        i = bisect.bisect_left(self.starts, span[1]) - 1
        floor = span[0] - self.longest
        while i >= 0 and self.starts[i] >= floor:
            item = self.items[i]
            if item.where[1] > span[0]:
                out.append(item)
            i -= 1
        return out


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Survivors, sorted by span then layer; exact duplicates collapse to one.

    Candidates are taken longest first; each is checked only against the
    winners it could overlap (found by bisection), so the cost grows with
    n log n for the usual short candidates rather than n squared.
    """
    kept: dict[str, _Kept] = defaultdict(_Kept)
    survivors: list[Candidate] = []
    order = sorted(
        candidates,
        key=lambda c: (-(c.where[1] - c.where[0]), -c.priority, c.where[0], c.rule),
    )
    for cand in order:
        layers = {cand.layer} | set(cand.competes_with)
        layers |= {name for name, group in kept.items() if cand.layer in group.declared}
        clash = False
        for layer in layers:
            if layer not in kept:
                continue
            for other in kept[layer].overlapping(cand.where):
                if not _compete(cand, other):
                    continue
                if (
                    other.layer == cand.layer
                    and cand.nested_ok
                    and _inside(cand.where, other.where)
                    and cand.where != other.where
                ):
                    continue
                clash = True
                break
            if clash:
                break
        if not clash:
            kept[cand.layer].add(cand)
            survivors.append(cand)
    return sorted(survivors, key=lambda c: (c.where[0], c.where[1], c.layer, c.rule))
