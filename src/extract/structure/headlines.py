"""Headlines: headline lines printed apart from their bodies, matched to articles by shared bigrams.

When two headlines claim one run of paragraphs, the run is split where the
vocabulary switches; a headline's lines are kicker, headline and subheadline.
"""

from __future__ import annotations

import itertools

import ahocorasick_rs

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
    share whose last occurrence is at k or after.  Counting occurrences per
    block, summed once for every cut, replaces building the union of every
    prefix and suffix of the run.
    """

    def __init__(self, first: dict[str, int], last: dict[str, int]):
        self.first = first
        self.last = last

    def shares(self, head: set[str], n: int) -> tuple[list[float], list[float]]:
        """The share of ``head`` before each cut k of n blocks, and from k on (k = 0 .. n)."""
        size = len(head)
        if not size:
            return [0.0] * (n + 1), [0.0] * (n + 1)
        first_at = [0] * n  # how many bigrams of head first occur in block i
        last_at = [0] * n
        for b in head:
            i = self.first.get(b)
            if i is not None:
                first_at[i] += 1
                last_at[self.last[b]] += 1
        found = sum(first_at)
        before = [c / size for c in itertools.accumulate(first_at, initial=0)]
        after = [(found - c) / size for c in itertools.accumulate(last_at, initial=0)]
        return before, after


def _best_split(spread: _Spread, n: int, a: set[str], b: set[str]) -> tuple[float, int, bool]:
    """Best cut k of n blocks (a before k and b after, or the reverse) and its margin."""
    best = (-1.0, 0, True)
    before_a, after_a = spread.shares(a, n)
    before_b, after_b = spread.shares(b, n)
    for k in range(1, n):
        for a_first in (True, False):
            if a_first:
                own_a, other_a, own_b, other_b = before_a[k], after_a[k], after_b[k], before_b[k]
            else:
                own_a, other_a, own_b, other_b = before_b[k], after_b[k], after_a[k], before_a[k]
            if min(own_a, own_b) < MIN_SCORE:
                continue
            if own_a < PREFERENCE * other_a or own_b < PREFERENCE * other_b:
                continue
            margin = (own_a - other_a) + (own_b - other_b)
            if margin > best[0]:
                best = (margin, k, a_first)
    return best


class _BigramFinder:
    """The headlines' bigrams a text holds: one automaton of them (``ahocorasick_rs``, compiled Rust)
    finds every one in one scan, where a search for each bigram scanned the text once per bigram
    (83 bigrams over 4,600 characters on the seed page: HeadBigrams 0.42 -> 0.29 ms, pure, the automaton built)."""

    def __init__(self, heads: set[str]):
        self.heads = heads
        self.automaton = (
            ahocorasick_rs.AhoCorasick(
                list(heads), implementation=ahocorasick_rs.Implementation.ContiguousNFA, store_patterns=True
            )
            if heads
            else None
        )

    def held(self, chars: str) -> set[str]:
        if self.automaton is None:
            return set()
        # ``chars`` is ``word_chars`` of a text: no lone surrogate, which could not cross into Rust.
        return set(self.automaton.find_matches_as_strings(chars, overlapping=True))


class _Run:
    """The headlines' bigrams each block of a run holds, and all of them."""

    def __init__(self, blocks: list[Block], finder: _BigramFinder):
        self.held = [finder.held(b.chars) for b in blocks] if finder.heads else []
        self.found: set[str] = set().union(*self.held)


class HeadBigrams:
    """The bigrams of the floating headline lines, and where the page's runs hold them.

    A block's bigrams matter only where a headline has them: the automaton of the headlines'
    bigrams finds them in each block's text (in C) rather than every bigram of the page built (a
    Python set).  The runs are those of ``segment_articles``; ``split_segments`` cuts them into
    parts (consecutive blocks), whose bigrams are those their blocks hold.
    """

    def __init__(self, segments: list[Segment], floating: list[tuple[Block, int]]):
        self.heads: set[str] = set().union(*(block.bigrams for block, _ in floating if block.kind == "orphan"))
        finder = _BigramFinder(self.heads)
        self._block_run: dict[int, tuple[_Run, int]] = {}  # id(block) -> its run, its index there
        for seg in segments:
            run = _Run(seg.blocks, finder)
            for k, b in enumerate(seg.blocks):
                self._block_run[id(b)] = (run, k)

    def _part(self, seg: Segment) -> tuple[_Run, int, int, bool]:
        """The run of ``seg``, the first and the last index of its blocks there, and whether it is whole."""
        run, first = self._block_run[id(seg.blocks[0])]
        last = first + len(seg.blocks) - 1
        return run, first, last, first == 0 and last == len(run.held) - 1

    def of_segment(self, seg: Segment) -> set[str]:
        """The headlines' bigrams the blocks of ``seg`` hold."""
        if not seg.blocks or not self.heads:
            return set()
        run, first, last, whole = self._part(seg)
        if whole or not run.found:
            return run.found
        return set().union(*run.held[first : last + 1])

    def spread(self, seg: Segment, sought: set[str]) -> _Spread:
        """Where the bigrams ``sought`` first and last occur among the blocks of ``seg``."""
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        if not seg.blocks or not self.heads:
            return _Spread(first, last)
        run, a, z, _ = self._part(seg)
        held = run.held
        # A segment's headlines are floating headline lines (the first line of an orphan block, its only
        # one), whose bigrams ``self.heads`` holds: every bigram sought is one the automaton looked for.
        assert sought <= self.heads
        # Each bigram's first block read forwards, its last backwards: each is set once.
        left = sought & run.found
        for k in range(a, z + 1):
            for b in held[k] & left:
                first[b] = k - a
                left.discard(b)
            if not left:
                break
        left = set(first)
        for k in range(z, a - 1, -1):
            for b in held[k] & left:
                last[b] = k - a
                left.discard(b)
            if not left:
                break
        return _Spread(first, last)


def split_segments(segments: list[Segment], heads: HeadBigrams) -> list[Segment]:
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
        cand_bigrams = [bigrams(cand.line.text) for cand in cands]
        # Only the bigrams of the competing headlines are ever looked up.
        spread = heads.spread(seg, set().union(*cand_bigrams))
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
        first_text = {b for b, i in spread.first.items() if i < k}
        second_text = {b for b, i in spread.last.items() if i >= k}
        for idx, cand in enumerate(cands):
            h = cand_bigrams[idx]
            if idx in (x, y):
                to_first = (idx == x) == x_first
            else:
                to_first = _share(h, first_text) >= _share(h, second_text)
            (first if to_first else second).headlines.append(cand)
        queue[:0] = [first, second]
    return out


def assign_headlines(
    segments: list[Segment], floating: list[tuple[Block, int]], heads: HeadBigrams
) -> dict[int, list[CreditLayout]]:
    """Attach floating headline lines to segments; return floating bylines per segment."""
    seg_bigrams = [heads.of_segment(s) for s in segments]
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
