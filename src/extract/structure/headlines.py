"""Headlines: headline lines printed apart from their bodies, matched to articles by shared bigrams.

When two headlines claim one run of paragraphs, the run is split where the
vocabulary switches; a headline's lines are kicker, headline and subheadline.
"""

from __future__ import annotations

import bisect
import itertools

from .articles import HeadlineLayout, Segment
from .lines import CreditLayout, Unit, display_width
from .paragraphs import BODY_PUNCT, SUBTITLE_DASH, Block, bigrams

MIN_SCORE = 0.25  # bigram share below which a headline does not name a run
PREFERENCE = 2.0  # how much more a headline must match its own part to split a run


def _share(head: set[str], text_bigrams: set[str]) -> float:
    return len(head & text_bigrams) / len(head) if head else 0.0


class _Spread:
    """Where each bigram of a run of blocks first and last occurs (block indices).

    A headline's share of the blocks before a cut k is the share of its
    bigrams whose first occurrence is before k; of the blocks from k on, the
    share whose last occurrence is at k or after.  Counting by bisection
    replaces building the union of every prefix and suffix of the run.
    """

    def __init__(self, block_bigrams: list[set[str]], heads: set[str]):
        # Only the bigrams of the competing headlines are ever looked up.
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}
        for i, grams in enumerate(block_bigrams):
            for bigram in grams & heads:
                self.first.setdefault(bigram, i)
                self.last[bigram] = i

    def profile(self, head: set[str]) -> tuple[list[int], list[int], int]:
        firsts = sorted(self.first[b] for b in head if b in self.first)
        lasts = sorted(self.last[b] for b in head if b in self.last)
        return firsts, lasts, len(head)

    @staticmethod
    def before(profile: tuple[list[int], list[int], int], k: int) -> float:
        firsts, _, size = profile
        return bisect.bisect_left(firsts, k) / size if size else 0.0

    @staticmethod
    def after(profile: tuple[list[int], list[int], int], k: int) -> float:
        _, lasts, size = profile
        return (len(lasts) - bisect.bisect_left(lasts, k)) / size if size else 0.0


def _best_split(spread: _Spread, n: int, a: set[str], b: set[str]) -> tuple[float, int, bool]:
    """Best cut k of n blocks (a before k and b after, or the reverse) and its margin."""
    best = (-1.0, 0, True)
    profiles = {True: (spread.profile(a), spread.profile(b)), False: (spread.profile(b), spread.profile(a))}
    for k in range(1, n):
        for a_first in (True, False):
            pa, pb = profiles[a_first]
            own_a, other_a = spread.before(pa, k), spread.after(pa, k)
            own_b, other_b = spread.after(pb, k), spread.before(pb, k)
            if min(own_a, own_b) < MIN_SCORE:
                continue
            if own_a < PREFERENCE * other_a or own_b < PREFERENCE * other_b:
                continue
            margin = (own_a - other_a) + (own_b - other_b)
            if margin > best[0]:
                best = (margin, k, a_first)
    return best


def split_segments(segments: list[Segment]) -> list[Segment]:
    """Split runs claimed by two headlines that each prefer their own part."""
    out: list[Segment] = []
    queue = list(segments)
    while queue:
        seg = queue.pop(0)
        cands = seg.headlines
        blocks = seg.blocks
        if len(cands) < 2 or len(blocks) < 2:
            out.append(seg)
            continue
        block_bigrams = [b.bigrams for b in blocks]
        cand_bigrams = [bigrams(cand.line.text) for cand in cands]
        all_heads = set().union(*cand_bigrams)
        spread = _Spread(block_bigrams, all_heads)
        best = (-1.0, 0, True, 0, 0)
        for x, y in itertools.combinations(range(len(cands)), 2):
            margin, k, x_first = _best_split(spread, len(blocks), cand_bigrams[x], cand_bigrams[y])
            if margin > best[0]:
                best = (margin, k, x_first, x, y)
        margin, k, x_first, x, y = best
        if margin < 0:
            out.append(seg)
            continue
        first = Segment(blocks=blocks[:k], credits=[])
        second = Segment(blocks=blocks[k:], credits=seg.credits, closed=seg.closed)
        first_text = set().union(*(grams & all_heads for grams in block_bigrams[:k]))
        second_text = set().union(*(grams & all_heads for grams in block_bigrams[k:]))
        for idx, cand in enumerate(cands):
            h = cand_bigrams[idx]
            if idx in (x, y):
                to_first = (idx == x) == x_first
            else:
                to_first = _share(h, first_text) >= _share(h, second_text)
            (first if to_first else second).headlines.append(cand)
        queue[:0] = [first, second]
    return out


def assign_headlines(segments: list[Segment], floating: list[tuple[Block, int]]) -> dict[int, list[CreditLayout]]:
    """Attach floating headline lines to segments; return floating bylines per segment."""
    # A segment's bigrams matter only where a floating headline has them.
    heads = set().union(*(block.bigrams for block, _ in floating if block.kind == "orphan"))
    seg_bigrams = [set().union(*(b.bigrams & heads for b in s.blocks)) for s in segments]
    line_segment: list[tuple[Block, int]] = []
    for block, following in floating:
        if block.kind != "orphan" or not segments:
            continue
        h = block.bigrams
        scores = [_share(h, sb) for sb in seg_bigrams]
        best = max(range(len(segments)), key=lambda k: (scores[k], -abs(k - following)))
        if scores[best] < MIN_SCORE:
            best = min(following, len(segments) - 1)
        segments[best].headlines.append(block.units[0])
        line_segment.append((block, best))
    # Bylines printed among headline lines go with the headline that follows them.
    bylines: dict[int, list[CreditLayout]] = {}
    for block, following in floating:
        if block.kind not in ("byline", "credit", "signature") or not segments:
            continue
        unit = block.units[0]
        assert unit.credit is not None
        after = [(b.raw_start, seg) for b, seg in line_segment if b.raw_start > block.raw_start]
        target = min(after)[1] if after else min(following, len(segments) - 1)
        bylines.setdefault(id(segments[target]), []).append(unit.credit)
    return bylines


def assign_in_order(segments: list[Segment], floating: list[tuple[Block, int]]) -> dict[int, list[CreditLayout]]:
    """Outside a printed page, headline lines, bylines and credits go with the body printed after them."""
    bylines: dict[int, list[CreditLayout]] = {}
    if not segments:
        return bylines
    for block, following in floating:
        seg = segments[min(following, len(segments) - 1)]
        unit = block.units[0]
        if block.kind == "orphan":
            seg.headlines.append(unit)
        elif unit.credit is not None:
            bylines.setdefault(id(seg), []).append(unit.credit)
    return bylines


def _main_headline(texts: list[str]) -> int:
    """Which line of a headline block is the headline: not a dash subtitle; of three, the middle
    one (kicker, headline, subheadline); of two, the first when the second reads as a sentence
    (a subheadline with a comma), else the wider; else the widest."""
    lines = [k for k, text in enumerate(texts) if not text.startswith(SUBTITLE_DASH)] or [0]
    if len(lines) == 3 and lines == [0, 1, 2]:
        return 1
    if len(lines) == 2 and not BODY_PUNCT.isdisjoint(texts[lines[1]]) and BODY_PUNCT.isdisjoint(texts[lines[0]]):
        return lines[0]
    return max(lines, key=lambda k: (display_width(texts[k]), -k))


def headline_roles(units: list[Unit]) -> list[HeadlineLayout]:
    if not units:
        return []
    units = sorted(units, key=lambda u: u.line.raw_start)
    main = _main_headline([u.line.text for u in units])
    roles = []
    for k, unit in enumerate(units):
        role = "headline" if k == main else ("kicker" if k < main else "subheadline")
        roles.append(HeadlineLayout(role, unit.line))
    return roles
