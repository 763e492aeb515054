"""Structure: printed lines -> articles with headlines, bylines, paragraphs, sentences.

A PDF page comes out as one line per printed line, every line followed by a
blank line, columns of several articles interleaved and headlines printed
away from their bodies.  The steps, each a small function below:

1. ``classify_lines``: a line is a section label, a byline, a credit, or text;
   a text line may end in a photo credit or a signature, which are split off.
2. ``group_paragraphs``: paragraph ends are inferred from the typesetting.  A
   paragraph's first line is indented two characters (which the PDF dropped,
   so it is about two characters shorter than the column), and its last line
   ends in 。！？… (and closing quotes), usually short of the column.
   Short lines without punctuation that stand alone are headline lines.
3. ``segment_articles``: a new article starts at a dateline (本报讯, 科技日报讯
   …), after a signature or a photo credit, and where the column width changes.
4. ``assign_headlines``: headline lines printed apart from their bodies are
   matched to articles by shared character bigrams; when two headlines claim
   one run of paragraphs, the run is split where the vocabulary switches.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

import regex

from .layout import Line, MappedText, repair_line, split_lines
from .rules import REGEX_TIMEOUT, PatternRule, structure_rules

TERMINAL = frozenset("。！？!?…")
CLOSERS = "”’」』）)》"
# Punctuation inside a line that headlines do not carry but body text does.
BODY_PUNCT = frozenset("，。；：、！？,;:")
WINDOW = 6  # lines either side used to estimate the column width
INDENT = 1.5  # a paragraph's first line is about two characters short
SHORT = 1.5  # tolerance for a line to count as short of the column
# A subheading printed inside an article is well short of an indented first
# line (11-12 characters in a 17-character column on the seed page).
SUBHEADING_SHORT = 4.0
WIDER = 1.4  # a line this much wider than the column is another item's
WIDTH_CHANGE = 2.5  # column widths differing this much are different columns
MIN_SCORE = 0.25  # bigram share below which a headline does not name a run
PREFERENCE = 2.0  # how much more a headline must match its own part to split a run
SENTENCE_END = regex.compile(r"[。！？!?]+[”’」』）)]*")


def display_width(text: str) -> float:
    """Printed width in em: 1 for CJK characters and CJK punctuation, 0.5 for ASCII.

    Computed from the UTF-8 length (ASCII 1 byte, CJK 3 bytes), which runs at
    C speed: (bytes + chars) / 4.
    """
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) / 4


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


@dataclass
class Name:
    text: str
    span: tuple[int, int]


@dataclass
class CreditLayout:
    role: str
    rule: str
    span: tuple[int, int]
    text: str
    names: list[Name] = field(default_factory=list)


@dataclass
class Unit:
    """One classified piece of the page, in raw order."""

    kind: str  # text, label, byline, credit, signature
    line: Line
    width: float = 0.0
    credit: CreditLayout | None = None
    lead: PatternRule | None = None
    lead_credit: CreditLayout | None = None


@dataclass
class Block:
    """A paragraph (one or more text units) or a standalone line."""

    kind: str  # paragraph, orphan, byline, label, credit, signature
    units: list[Unit]
    role: str = "body"  # for paragraphs: body, subheading, caption

    @property
    def raw_start(self) -> int:
        return self.units[0].line.raw_start

    @property
    def width(self) -> float:
        """The column width of a paragraph: the median of its inner lines
        (its first line is indented and its last is usually short)."""
        inner = sorted(u.width for u in self.units[1:-1])
        return inner[len(inner) // 2] if inner else max(u.width for u in self.units)

    @cached_property
    def mapped(self) -> MappedText:
        return MappedText.concat([unit.line.mapped for unit in self.units])

    @cached_property
    def text(self) -> str:
        return "".join(u.line.text for u in self.units)

    @cached_property
    def bigrams(self) -> set[str]:
        return _bigrams(self.text)


@dataclass
class HeadlineLayout:
    role: str
    line: Line


@dataclass
class ArticleLayout:
    id: str
    kind: str
    headlines: list[HeadlineLayout]
    paragraphs: list[Block]
    credits: list[CreditLayout]


# --- 1. lines ---------------------------------------------------------------


def _names_in(text: str, offset: int) -> list[Name]:
    rules = structure_rules()
    return [
        Name(m.group(), (offset + m.start(), offset + m.end()))
        for m in rules.name.finditer(text, timeout=REGEX_TIMEOUT)
    ]


def _credit_from_match(rule: PatternRule, m: regex.Match[str], line: Line, on_raw: bool) -> CreditLayout:
    """Build a credit from a match on the line as printed (or as repaired)."""
    start = m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    names: list[Name] = []
    if on_raw:
        raw_span = (line.raw_start + start, line.raw_start + m.end())
        for group in ("names", "names2"):
            if group in m.groupdict() and m.group(group):
                names += _names_in(m.group(group), line.raw_start + m.start(group))
    else:
        raw_span = line.mapped.to_raw(start, m.end())
    return CreditLayout(rule.role, rule.id, raw_span, "", names)


def _split_line(line: Line, raw_cut: int) -> Line:
    """The part of ``line`` before raw offset ``raw_cut``, repaired."""
    raw = line.raw_text
    shifted = repair_line(raw, 0, raw_cut - line.raw_start).shifted(line.raw_start)
    end = shifted.raw_end() if len(shifted) else line.raw_start
    return Line(line.raw_start, end, raw[: end - line.raw_start], shifted)


def classify_lines(lines: list[Line]) -> list[Unit]:
    rules = structure_rules()
    units: list[Unit] = []
    for line in lines:
        if line.text in rules.labels:
            units.append(Unit("label", line))
            continue
        if not rules.trigger.search(line.raw_text) and not rules.trigger.search(line.text):
            units.append(Unit("text", line, width=display_width(line.text)))
            continue
        byline = next((r for r in rules.byline if r.search(line.raw_text)), None)
        if byline is not None:
            m = byline.search(line.raw_text)
            assert m is not None
            units.append(Unit("byline", line, credit=_credit_from_match(byline, m, line, True)))
            continue
        credit = None
        for rule in rules.credit + rules.signature:
            for text, on_raw in ((line.raw_text, True), (line.text, False)):
                m = rule.search(text)
                if m is not None:
                    credit = _credit_from_match(rule, m, line, on_raw)
                    break
            if credit is not None:
                break
        body = line
        if credit is not None:
            if credit.span[0] <= line.raw_start:
                units.append(Unit("signature" if credit.role == "signature" else "credit", line, credit=credit))
                continue
            body = _split_line(line, credit.span[0])
        unit = Unit("text", body, width=display_width(body.text))
        for lead in rules.lead:
            m = lead.search(body.raw_text)
            if m is not None:
                unit.lead = lead
                if m.groupdict().get("names"):
                    unit.lead_credit = _credit_from_match(lead, m, body, True)
                break
        units.append(unit)
        if credit is not None:
            kind = "signature" if credit.role == "signature" else "credit"
            units.append(Unit(kind, line, credit=credit))
    for unit in units:
        if unit.credit is not None:
            unit.credit.text = unit.line.raw_text  # replaced by normalized text in records
    return units


# --- 2. paragraphs ----------------------------------------------------------


def _column_widths(units: list[Unit]) -> dict[int, float]:
    """Estimated column width at each text unit: the median width nearby.

    Most lines of a column are full, so the median is the column width; it
    stays so with a few short lines (paragraph ends) or a few lines of a
    wider neighbouring item (a photo caption) in the window.
    """
    text_idx = [i for i, u in enumerate(units) if u.kind == "text"]
    widths = [units[i].width for i in text_idx]
    out: dict[int, float] = {}
    for k, i in enumerate(text_idx):
        window = sorted(widths[max(0, k - WINDOW) : k + WINDOW + 1])
        out[i] = window[len(window) // 2]
    return out


def _starts_item(unit: Unit) -> bool:
    return unit.lead is not None or unit.line.text.startswith(structure_rules().caption_start)


def group_paragraphs(units: list[Unit]) -> list[Block]:
    column = _column_widths(units)
    blocks: list[Block] = []
    current: list[Unit] = []

    def close() -> None:
        if current:
            blocks.append(Block("paragraph", current.copy()))
            current.clear()

    for i, unit in enumerate(units):
        if unit.kind != "text":
            close()
            blocks.append(Block(unit.kind, [unit]))
            continue
        if current and _starts_item(unit):
            close()
        nxt = units[i + 1] if i + 1 < len(units) else None
        next_is_text = nxt is not None and nxt.kind == "text" and not _starts_item(nxt)
        width, col = unit.width, column[i]
        first = not current
        text = unit.line.text
        if first and not ends_sentence(text) and not BODY_PUNCT.intersection(text) and width <= col - SUBHEADING_SHORT:
            if nxt is None or not next_is_text or nxt.width <= col - 1.0:
                blocks.append(Block("orphan", [unit]))
                continue
        current.append(unit)
        if not next_is_text:
            close()
            continue
        assert nxt is not None
        if nxt.width >= WIDER * max(col, width):
            close()  # the next line belongs to a wider column: another item
            continue
        if ends_sentence(text):
            expected = col - (INDENT if first else 0.0)
            short = width <= expected - SHORT
            next_indented = col - 2 * INDENT - SHORT + 1.0 <= nxt.width <= col - 1.0
            nxt_text = nxt.line.text
            next_heading = (
                nxt.width <= col - SUBHEADING_SHORT
                and not ends_sentence(nxt_text)
                and not BODY_PUNCT.intersection(nxt_text)
            )
            if short or next_indented or next_heading:
                close()
    close()
    # A "paragraph" that never ends a sentence and has no body punctuation at
    # all is a stack of headline lines (kicker, headline, subheadline).
    out: list[Block] = []
    for block in blocks:
        if (
            block.kind == "paragraph"
            and not ends_sentence(block.units[-1].line.text)
            and not any(BODY_PUNCT.intersection(u.line.text) for u in block.units)
        ):
            out.extend(Block("orphan", [u]) for u in block.units)
        else:
            out.append(block)
    return out


# --- 3. articles ------------------------------------------------------------


@dataclass
class Segment:
    blocks: list[Block] = field(default_factory=list)  # paragraphs and subheadings
    credits: list[CreditLayout] = field(default_factory=list)
    headlines: list[Unit] = field(default_factory=list)
    closed: bool = False

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def last_paragraph(self) -> Block | None:
        paragraphs = self.paragraphs
        return paragraphs[-1] if paragraphs else None


def _column_change(a: Block, b: Block) -> bool:
    return len(a.units) >= 2 and len(b.units) >= 2 and abs(a.width - b.width) >= WIDTH_CHANGE


def segment_articles(blocks: list[Block]) -> tuple[list[Segment], list[tuple[Block, int]]]:
    """Runs of paragraphs that form one article, and the floating blocks.

    Floating blocks (headline lines and bylines printed away from a body) are
    returned with the index of the segment that follows them.
    """
    segments: list[Segment] = []
    floating: list[tuple[Block, int]] = []
    current: Segment | None = None
    for i, block in enumerate(blocks):
        if block.kind == "paragraph":
            first = block.units[0]
            prev = current.last_paragraph() if current else None
            new = (
                current is None
                or current.closed
                or first.lead is not None
                or (prev is not None and not _starts_item(first) and _column_change(prev, block))
            )
            if new:
                current = Segment()
                segments.append(current)
            assert current is not None
            current.blocks.append(block)
            if first.line.text.startswith(structure_rules().caption_start):
                block.role = "caption"
        elif block.kind == "orphan":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            inside = (
                current is not None
                and not current.closed
                and current.blocks
                and current.blocks[-1].kind == "paragraph"
                and nxt is not None
                and nxt.kind == "paragraph"
                and nxt.units[0].lead is None
                and not _column_change(current.blocks[-1], nxt)
            )
            if inside:
                assert current is not None
                block.role = "subheading"
                current.blocks.append(block)
            else:
                floating.append((block, len(segments)))
        elif block.kind in ("credit", "signature"):
            unit = block.units[0]
            assert unit.credit is not None
            if current is None:
                floating.append((block, 0))
                continue
            current.credits.append(unit.credit)
            current.closed = True
        elif block.kind == "byline":
            floating.append((block, len(segments)))
        # labels belong to no article
    return segments, floating


# --- 4. headlines -----------------------------------------------------------


_NOT_WORD = re.compile(r"[\W_]+")


def _bigrams(text: str) -> set[str]:
    """Character bigrams of the letters, digits and ideographs of ``text``."""
    chars = _NOT_WORD.sub("", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _share(head: set[str], text_bigrams: set[str]) -> float:
    return len(head & text_bigrams) / len(head) if head else 0.0


class _Spread:
    """Where each bigram of a run of blocks first and last occurs (block indices).

    A headline's share of the blocks before a cut k is the share of its
    bigrams whose first occurrence is before k; of the blocks from k on, the
    share whose last occurrence is at k or after.  Counting by bisection
    replaces building the union of every prefix and suffix of the run.
    """

    def __init__(self, block_bigrams: list[set[str]]):
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}
        for i, bigrams in enumerate(block_bigrams):
            for bigram in bigrams:
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


def _split_segments(segments: list[Segment]) -> list[Segment]:
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
        spread = _Spread(block_bigrams)
        best = (-1.0, 0, True, 0, 0)
        for x, y in itertools.combinations(range(len(cands)), 2):
            heads = _bigrams(cands[x].line.text), _bigrams(cands[y].line.text)
            margin, k, x_first = _best_split(spread, len(blocks), *heads)
            if margin > best[0]:
                best = (margin, k, x_first, x, y)
        margin, k, x_first, x, y = best
        if margin < 0:
            out.append(seg)
            continue
        first = Segment(blocks=blocks[:k], credits=[])
        second = Segment(blocks=blocks[k:], credits=seg.credits, closed=seg.closed)
        first_text = set().union(*block_bigrams[:k])
        second_text = set().union(*block_bigrams[k:])
        for idx, cand in enumerate(cands):
            h = _bigrams(cand.line.text)
            if idx in (x, y):
                to_first = (idx == x) == x_first
            else:
                to_first = _share(h, first_text) >= _share(h, second_text)
            (first if to_first else second).headlines.append(cand)
        queue[:0] = [first, second]
    return out


def assign_headlines(segments: list[Segment], floating: list[tuple[Block, int]]) -> dict[int, list[CreditLayout]]:
    """Attach floating headline lines to segments; return floating bylines per segment."""
    seg_bigrams = [set().union(*(b.bigrams for b in s.blocks)) for s in segments]
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


def _headline_roles(units: list[Unit]) -> list[HeadlineLayout]:
    if not units:
        return []
    units = sorted(units, key=lambda u: u.line.raw_start)
    main = max(range(len(units)), key=lambda k: (display_width(units[k].line.text), -k))
    roles = []
    for k, unit in enumerate(units):
        role = "headline" if k == main else ("kicker" if k < main else "subheadline")
        roles.append(HeadlineLayout(role, unit.line))
    return roles


def find_articles(raw: str) -> list[ArticleLayout]:
    """The page's articles, in the order their bodies are printed."""
    units = classify_lines(split_lines(raw))
    blocks = group_paragraphs(units)
    segments, floating = segment_articles(blocks)
    # Headlines first claim runs; runs claimed twice are split; then the
    # headlines are assigned again to the final runs.
    assign_headlines(segments, floating)
    segments = _split_segments(segments)
    for seg in segments:
        seg.headlines.clear()
    bylines = assign_headlines(segments, floating)
    articles = []
    for n, seg in enumerate(segments, 1):
        credits: list[CreditLayout] = list(bylines.get(id(seg), []))
        for block in seg.paragraphs:
            lead = block.units[0].lead_credit
            if lead is not None:
                credits.append(lead)
        credits.extend(seg.credits)
        photo = any(b.role == "caption" for b in seg.blocks) or any(
            c.role in ("photographer", "source") for c in seg.credits
        )
        if photo:
            for block in seg.blocks:
                if block.kind == "paragraph" and any(w in block.text for w in structure_rules().caption_start):
                    block.role = "caption"
        articles.append(
            ArticleLayout(
                id=f"a{n}",
                kind="photo" if photo else "article",
                headlines=_headline_roles(seg.headlines),
                paragraphs=seg.blocks,
                credits=credits,
            )
        )
    return articles


def find_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph's reading text (ends kept with closing quotes)."""
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text, timeout=REGEX_TIMEOUT):
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans
