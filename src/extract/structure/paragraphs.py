"""Paragraphs: paragraph ends inferred from the typesetting, and sentences.

A paragraph's first line is indented two characters (which the PDF dropped,
so it is about two characters shorter than the column), and its last line
ends in 。！？… (and closing quotes), usually short of the column.  Short lines
without punctuation that stand alone are headline lines (``orphan`` blocks).

That holds for a printed page only: a text whose lines are indented or broken
inside sentences at a column width (``page_layout``).  Any other text (a news
archive, a web page, one line) has one paragraph a line, and its lines without
a sentence end are headline lines; section labels are page furniture only on a
printed page.  A text without any body (one line, a cell) is read as body.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..layout import MappedText
from .lines import Unit, structure_rules

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
# Two character classes: linear by construction, so ``re`` (no timeout: a regex call with one costs
# more than this search on a paragraph).
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")
BROKEN_SHARE = 0.25  # share of lines broken inside a sentence that makes a printed page
BROKEN_ENOUGH = 8.0  # or this many: a web text breaks lines only at paragraph ends
WEB_HEADLINE = 32.0  # em: a line of a web text without a sentence end this narrow is a headline line
SUBTITLE_DASH = ("——", "--", "─")  # a subheadline's opening dash


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


@dataclass
class Block:
    """A paragraph (one or more text units) or a standalone line."""

    kind: str  # paragraph, orphan, byline, label, credit, signature
    units: list[Unit]
    role: str = "body"  # for paragraphs: body, subheading, caption
    # Computed once by the properties below (see Doc in doc.py: not functools.cached_property).
    _mapped: MappedText | None = field(init=False, repr=False, compare=False)
    _bigrams: set[str] | None = field(init=False, repr=False, compare=False)
    _chars: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._mapped = None
        self._bigrams = None
        self._chars = None

    @property
    def raw_start(self) -> int:
        return self.units[0].line.raw_start

    @property
    def width(self) -> float:
        """The column width of a paragraph: the median of its inner lines
        (its first line is indented and its last is usually short)."""
        inner = sorted(u.width for u in self.units[1:-1])
        return inner[len(inner) // 2] if inner else max(u.width for u in self.units)

    @property
    def mapped(self) -> MappedText:
        if self._mapped is None:
            units = self.units
            # A block of one line reads as that line: its map is shared (a MappedText is never changed).
            self._mapped = (
                units[0].line.mapped if len(units) == 1 else MappedText.concat([u.line.mapped for u in units])
            )
        return self._mapped

    @property
    def text(self) -> str:
        """The lines' texts joined, once: by the block's map (a block of several lines is a paragraph,
        whose map the document reads anyway)."""
        return self.mapped.text

    @property
    def bigrams(self) -> set[str]:
        if self._bigrams is None:
            self._bigrams = bigrams(self.text)
        return self._bigrams

    @property
    def chars(self) -> str:
        """``word_chars`` of the text: where the headlines' bigrams are looked for (``headlines.HeadBigrams``)."""
        if self._chars is None:
            self._chars = word_chars(self.text)
        return self._chars


_NOT_WORD = re.compile(r"[\W_]+")


def bigrams(text: str) -> set[str]:
    """Character bigrams of the letters, digits and ideographs of ``text``."""
    chars = word_chars(text)
    # Slices, not a call per bigram: the seed page's lines 0.95 -> 0.70 ms.
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def word_chars(text: str) -> str:
    """The letters, digits and ideographs of ``text``: its bigrams are those of this string."""
    return _NOT_WORD.sub("", text)


def _column_widths(units: list[Unit]) -> dict[int, float]:
    """Estimated column width at each text unit: the median width nearby.

    Most lines of a column are full, so the median is the column width; it
    stays so with a few short lines (paragraph ends) or a few lines of a
    wider neighbouring item (a photo caption) in the window.
    """
    text_idx = [i for i, u in enumerate(units) if u.kind == "text"]
    widths = [units[i].width for i in text_idx]
    out: dict[int, float] = {}
    # The window of line k is widths[k - WINDOW : k + WINDOW + 1], kept sorted as it slides:
    # one line enters and one leaves per step, instead of a sort per line.
    window = sorted(widths[: WINDOW + 1])
    n = len(widths)
    for k, i in enumerate(text_idx):
        out[i] = window[len(window) // 2]
        if k + WINDOW + 1 < n:
            bisect.insort(window, widths[k + WINDOW + 1])
        if k >= WINDOW:
            del window[bisect.bisect_left(window, widths[k - WINDOW])]
    return out


def starts_item(unit: Unit, caption: tuple[str, ...] | None = None) -> bool:
    """Whether the line opens an item (a lead, or a caption opening): no line before it goes on into
    it.  ``caption``: the caption openings, read once by a caller that asks of every line."""
    if caption is None:
        caption = structure_rules().caption_start
    return unit.lead is not None or unit.line.text.startswith(caption)


def page_layout(units: list[Unit]) -> str:
    """How the text is laid out: ``indented`` (a printed page whose paragraphs are indented),
    ``columns`` (a printed page: lines broken inside sentences at a column width), else
    ``lines`` (a web text or an archive: a line breaks only at a paragraph end)."""
    text = [u for u in units if u.kind == "text"]
    if any(u.line.indented for u in text):
        return "indented"
    if len(text) < 4:
        return "lines"
    widths = sorted(u.width for u in text)
    column = widths[len(widths) // 2]
    needed = min(BROKEN_ENOUGH, max(2.0, BROKEN_SHARE * len(text)))
    broken = 0
    for u, nxt in itertools.pairwise(units):
        if u.kind == "text" and nxt.kind == "text" and not ends_sentence(u.line.text):
            if u.width >= column - 2 or not BODY_PUNCT.isdisjoint(u.line.text):
                broken += 1
                if broken >= needed:
                    return "columns"
    return "lines"


def _web_blocks(units: list[Unit]) -> list[Block]:
    """One block a line: a paragraph, or a headline line (no sentence end, narrow, or a dash
    subtitle).  A line with body punctuation and no sentence end goes on in the next line, unless
    it follows a headline line (a subheadline: 今年前三季度，全国新设经营主体2160万户)."""
    blocks: list[Block] = []
    going_on = False
    for unit in units:
        kind = "text" if unit.kind == "label" else unit.kind  # no page furniture outside a printed page
        if kind != "text":
            blocks.append(Block(kind, [unit]))
            going_on = False
            continue
        unit.kind = "text"
        text = unit.line.text
        if going_on:
            blocks[-1].units.append(unit)
        else:
            heading = unit.lead is None and not ends_sentence(text)
            heading = heading and (unit.width <= WEB_HEADLINE or text.startswith(SUBTITLE_DASH))
            after_headline = bool(blocks) and blocks[-1].kind == "orphan"
            if heading and not BODY_PUNCT.isdisjoint(text) and not after_headline:
                heading = False  # a sentence broken across lines: 专家对辖区 200 / 余家企业…
            blocks.append(Block("orphan" if heading else "paragraph", [unit]))
        going_on = blocks[-1].kind == "paragraph" and not ends_sentence(text)
    return blocks


def _indented_blocks(units: list[Unit]) -> list[Block]:
    """A printed page whose paragraphs are indented: an indented line opens a paragraph, a centred
    line is a headline line, other lines go on with the paragraph before them."""
    blocks: list[Block] = []
    current: list[Unit] = []
    for unit in units:
        line = unit.line
        centred = line.lead_space > 0 and line.trail_space > 0
        if unit.kind != "text" or centred or line.indented or starts_item(unit) or not current:
            if current:
                blocks.append(Block("paragraph", current))
                current = []
            if unit.kind != "text":
                blocks.append(Block(unit.kind, [unit]))
                continue
            text = line.text
            if centred or (not line.indented and not ends_sentence(text) and BODY_PUNCT.isdisjoint(text)):
                blocks.append(Block("orphan", [unit]))
                continue
        current.append(unit)
    if current:
        blocks.append(Block("paragraph", current))
    return blocks


def group_paragraphs(units: list[Unit], layout: str) -> list[Block]:
    """Paragraphs and standalone lines: by the typesetting on a printed page (``page_layout``),
    a line each elsewhere."""
    if layout == "lines":
        blocks = _web_blocks(units)
    elif layout == "indented":
        blocks = _indented_blocks(units)
    else:
        blocks = _printed_blocks(units)
    if not any(b.kind == "paragraph" for b in blocks):
        # No body at all (one line, a cell, a list of headlines): every line is read as body.
        for block in blocks:
            if block.kind == "orphan":
                block.kind = "paragraph"
    return blocks


def _line_flags(units: list[Unit]) -> tuple[list[bool], list[bool]]:
    """Whether each line may go on the line before it (text that opens no item), with a last False;
    and whether it ends a sentence."""
    caption = structure_rules().caption_start
    joins = [u.kind == "text" and not starts_item(u, caption) for u in units]
    joins.append(False)
    return joins, [u.kind == "text" and ends_sentence(u.line.text) for u in units]


def _printed_blocks(units: list[Unit]) -> list[Block]:
    column = _column_widths(units)
    blocks: list[Block] = []
    current: list[Unit] = []

    def close() -> None:
        if current:
            blocks.append(Block("paragraph", current.copy()))
            current.clear()

    joins, ends = _line_flags(units)
    for i, unit in enumerate(units):
        if unit.kind != "text":
            close()
            blocks.append(Block(unit.kind, [unit]))
            continue
        if current and not joins[i]:
            close()
        nxt = units[i + 1] if i + 1 < len(units) else None
        next_is_text = joins[i + 1]
        width, col = unit.width, column[i]
        first = not current
        text = unit.line.text
        if first and not ends[i] and BODY_PUNCT.isdisjoint(text) and width <= col - SUBHEADING_SHORT:
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
        if ends[i]:
            expected = col - (INDENT if first else 0.0)
            short = width <= expected - SHORT
            next_indented = col - 2 * INDENT - SHORT + 1.0 <= nxt.width <= col - 1.0
            nxt_text = nxt.line.text
            next_heading = nxt.width <= col - SUBHEADING_SHORT and not ends[i + 1] and BODY_PUNCT.isdisjoint(nxt_text)
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
            and all(BODY_PUNCT.isdisjoint(u.line.text) for u in block.units)
        ):
            out.extend(Block("orphan", [u]) for u in block.units)
        else:
            out.append(block)
    return out


def find_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph's reading text (ends kept with closing quotes)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    starts = [0, *ends]
    if starts[-1] < len(text) and text[starts[-1] :].strip():
        ends.append(len(text))
    else:
        starts.pop()
    if " " not in text:
        return list(zip(starts, ends))
    # A sentence starts at its first printed character: the space kept between two
    # narrow characters (! 0) belongs to no sentence, as a record's text never starts with one.
    out = []
    for a, b in zip(starts, ends):
        while a < b and text[a] == " ":
            a += 1
        if a < b:
            out.append((a, b))
    return out
