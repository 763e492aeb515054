"""The page as the stages see it: raw text, reading text with its map, articles, tokens.

Structure builds the reading text from the page's units (headline lines,
paragraphs, credits) in raw order, joined by a newline that stands for no raw
text; every later stage works on reading offsets and converts to raw spans
with ``Page.to_raw`` when it emits a candidate.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .layout import MappedText
from .structure import ArticleLayout
from .tokenize import Token


@dataclass(frozen=True)
class PageUnit:
    kind: str  # headline, paragraph, subheading, caption, credit
    article: str
    start: int  # reading offsets
    end: int


@dataclass
class Page:
    raw: str
    reading: MappedText
    units: list[PageUnit]
    articles: list[ArticleLayout]
    tokens: list[Token] = field(default_factory=list)
    reference_date: dt.date | None = None  # what relative dates resolve against

    @property
    def text(self) -> str:
        return self.reading.text

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.reading.to_raw(start, end)

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [u.start for u in self.units]

    def unit_at(self, pos: int) -> PageUnit | None:
        """The unit containing reading offset ``pos``."""
        k = bisect.bisect_right(self._unit_starts, pos) - 1
        if k >= 0 and self.units[k].start <= pos < self.units[k].end:
            return self.units[k]
        return None


def build_page(raw: str, articles: list[ArticleLayout]) -> Page:
    pieces: list[tuple[int, str, str, MappedText]] = []
    for article in articles:
        for headline in article.headlines:
            pieces.append((headline.line.raw_start, "headline", article.id, headline.line.mapped))
        for block in article.paragraphs:
            kind = "subheading" if block.kind == "orphan" else ("caption" if block.role == "caption" else "paragraph")
            pieces.append((block.raw_start, kind, article.id, block.mapped))
    pieces.sort(key=lambda p: p[0])
    units = []
    start = 0
    for _, kind, article_id, mapped in pieces:
        units.append(PageUnit(kind, article_id, start, start + len(mapped)))
        start += len(mapped) + 1  # the newline between units
    reading = MappedText.concat([mapped for *_, mapped in pieces], "\n")
    return Page(raw=raw, reading=reading, units=units, articles=articles)
