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

from .extractors import Candidate


class _Kept:
    """The winners of one layer, sorted by start, for overlap queries by bisection."""

    def __init__(self, layer: str) -> None:
        self.layer = layer
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.items: list[Candidate] = []
        self.longest = 0
        self.declared: set[str] = set()  # layers these winners compete with

    def add(self, cand: Candidate, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.items.insert(i, cand)
        if end - start > self.longest:
            self.longest = end - start
        self.declared |= cand.competes_with

    def clashes(self, cand: Candidate, start: int, end: int) -> bool:
        """Whether a winner overlapping ``[start, end)`` excludes ``cand``."""
        layer = cand.layer
        same = layer == self.layer
        # Every winner here competes with cand when the layers are the same or cand names
        # this one; otherwise only the winners that name cand's layer do.
        all_compete = same or self.layer in cand.competes_with
        nested = same and cand.nested_ok
        starts, ends = self.starts, self.ends
        # A winner starting before start - longest ends before start.
        floor = start - self.longest
        i = bisect.bisect_left(starts, end) - 1
        while i >= 0 and starts[i] >= floor:
            other_end = ends[i]
            if other_end > start and (all_compete or layer in self.items[i].competes_with):
                # A nested_ok candidate strictly inside a winner of its layer survives.
                if not (nested and starts[i] <= start and end <= other_end and (start, end) != (starts[i], other_end)):
                    return True
            i -= 1
        return False


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Survivors, sorted by span then layer; exact duplicates collapse to one.

    Candidates are taken longest first, then by priority, then earliest (then
    by rule, then as given); each is checked only against the winners it could
    overlap (found by bisection), so the cost grows with n log n for the usual
    short candidates rather than n squared.  Both orders are sorted as tuples
    built once (no key function called per comparison, no span read twice).
    """
    order: list[tuple[int, int, int, str, int, int]] = []
    for i, cand in enumerate(candidates):
        start, end = cand.where
        order.append((start - end, -cand.priority, start, cand.rule, i, end))
    order.sort()
    kept: dict[str, _Kept] = {}
    survivors: list[tuple[int, int, str, str, int, Candidate]] = []
    for _, _, start, rule, i, end in order:
        cand = candidates[i]
        layer = cand.layer
        clash = False
        for name, group in kept.items():
            # Only the layers that can compete with cand: its own, those it names, those naming it.
            if (name == layer or name in cand.competes_with or layer in group.declared) and group.clashes(
                cand, start, end
            ):
                clash = True
                break
        if not clash:
            if layer not in kept:
                kept[layer] = _Kept(layer)
            kept[layer].add(cand, start, end)
            survivors.append((start, end, layer, rule, len(survivors), cand))
    survivors.sort()  # by span, layer and rule; ties stay in the order taken
    return [s[5] for s in survivors]
