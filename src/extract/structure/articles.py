"""Articles: runs of paragraphs that form one article, and the blocks floating between them.

A new article starts at a dateline (本报讯, 科技日报讯 …), after a signature, a
photo credit or a closing dateline (（新华社东京3月19日电）), and where the column
width changes.  A credit printed right under a headline line (（本报记者张晓晴摄）)
belongs to the article of that headline, not to the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout import Line
from .datelines import DatelineLayout
from .lines import CreditLayout, Unit, structure_rules
from .paragraphs import Block, starts_item

WIDTH_CHANGE = 2.5  # column widths differing this much are different columns


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
    dateline: DatelineLayout | None = None


@dataclass
class Segment:
    blocks: list[Block] = field(default_factory=list)  # paragraphs and subheadings
    credits: list[CreditLayout] = field(default_factory=list)
    headlines: list[Unit] = field(default_factory=list)
    closed: bool = False
    closing: DatelineLayout | None = None  # a dateline printed after the body

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def last_paragraph(self) -> Block | None:
        paragraphs = self.paragraphs
        return paragraphs[-1] if paragraphs else None


def _column_change(a: Block, b: Block) -> bool:
    return len(a.units) >= 2 and len(b.units) >= 2 and abs(a.width - b.width) >= WIDTH_CHANGE


def _between_paragraphs(current: Segment, nxt: Block | None, columns: bool) -> bool:
    """A short line between two paragraphs of one open article, in one column: its subheading."""
    return (
        not current.closed
        and bool(current.blocks)
        and current.blocks[-1].kind == "paragraph"
        and nxt is not None
        and nxt.kind == "paragraph"
        and nxt.units[0].lead is None
        and not (columns and _column_change(current.blocks[-1], nxt))
    )


def segment_articles(blocks: list[Block], columns: bool = True) -> tuple[list[Segment], list[tuple[Block, int]]]:
    """Runs of paragraphs that form one article, and the floating blocks.

    Floating blocks (headline lines and bylines printed away from a body) are
    returned with the index of the segment that follows them.  ``columns``:
    a change of column width starts another article (a page whose paragraphs
    are marked by indentation is read without it: its line widths vary).
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
                or (columns and prev is not None and not starts_item(first) and _column_change(prev, block))
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
            if current is not None and _between_paragraphs(current, nxt, columns):
                block.role = "subheading"
                current.blocks.append(block)
            else:
                floating.append((block, len(segments)))
        elif block.kind in ("credit", "signature"):
            unit = block.units[0]
            assert unit.credit is not None
            if current is None or (i and blocks[i - 1].kind == "orphan"):
                floating.append((block, len(segments)))  # under a headline: its article's
                continue
            current.credits.append(unit.credit)
            current.closed = True
        elif block.kind == "closing":
            if current is not None and current.closing is None:
                current.closing = block.units[0].dateline
                current.closed = True
        elif block.kind == "byline":
            floating.append((block, len(segments)))
        # labels belong to no article
    return segments, floating
