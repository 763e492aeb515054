"""The document object: built once per text, read by every later stage (as spaCy's ``Doc``).

It holds the raw text, the reading text with its offset map (``MappedText``),
the units of reading text (headline lines, paragraphs, captions, subheadings,
credits) with their articles, the sentences, and the tokens with their
indexes: which token starts or ends at an offset, which covers it, the set of
token and unit edges (the boundary set), and the offsets strictly inside a
token (the interior, where an edge would cut a word).

Every finder reads the ``Doc`` and returns candidates in *reading* offsets; the
records stage converts each span to raw offsets once (``Doc.to_raw``).  No
stage converts back and no finder builds an index of its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from .layout import Line, MappedText
from .structure import ArticleLayout, article_dates, find_sentences
from .tokenize import Token, segment
from .triggers import Triggers, find_triggers

# A token's offsets read in C (map over thousands of tokens a page, no loop of attribute reads).
_START = itemgetter(1)
_END = itemgetter(2)


@dataclass(frozen=True)
class DocUnit:
    kind: str  # headline, paragraph, subheading, caption, dateline (a closing dateline)
    article: str
    start: int  # reading offsets
    end: int


class Interior:
    """The offsets strictly inside a token: a span edge there cuts a word (one bisect per lookup)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self._starts, self._ends = starts, ends

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and self._starts[k] < pos < self._ends[k]

    def start_of_word(self, pos: int) -> int:
        """The start of the token that ``pos`` is inside (``pos`` itself when it is a token edge)."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return self._starts[k] if k >= 0 and self._starts[k] < pos < self._ends[k] else pos

    def end_of_word(self, pos: int) -> int:
        """The end of the token that ``pos`` is inside (``pos`` itself when it is a token edge)."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return self._ends[k] if k >= 0 and self._starts[k] < pos < self._ends[k] else pos


def interior_of(tokens: list[Token]) -> Interior:
    """The interior of a token list sorted by offset (for a text without a ``Doc``)."""
    return Interior([t.start for t in tokens], [t.end for t in tokens])


class TokenIndex:
    """Tokens by one of their edges, read as a mapping offset -> token (``get``, ``in``, ``[]``).

    A list indexed by offset: built in one pass over the tokens without hashing (two dicts of a
    page's 2,800 tokens cost 0.3 ms), and read by an index.
    """

    __slots__ = ("_at",)

    def __init__(self, size: int, edges: list[int], tokens: list[Token]):
        at: list[Token | None] = [None] * (size + 1)
        for edge, tok in zip(edges, tokens, strict=True):
            at[edge] = tok
        self._at = at

    def get(self, pos: int, default: Token | None = None) -> Token | None:
        if 0 <= pos < len(self._at):
            tok = self._at[pos]
            if tok is not None:
                return tok
        return default

    def __contains__(self, pos: int) -> bool:
        return 0 <= pos < len(self._at) and self._at[pos] is not None

    def __getitem__(self, pos: int) -> Token:
        tok = self.get(pos)
        if tok is None:
            raise KeyError(pos)
        return tok


@dataclass
class Doc:
    raw: str
    reading: MappedText
    units: list[DocUnit]
    articles: list[ArticleLayout]
    tokens: list[Token] = field(default_factory=list)
    reference_date: dt.date | None = None  # what relative dates resolve against (--reference-date)
    article_dates: dict[str, dt.date] = field(default_factory=dict)  # an article's own date (its dateline)
    furniture: list[Line] = field(default_factory=list)  # printed lines of no article (section labels)
    # (article index, paragraph index) -> the index of that paragraph block's unit
    block_units: dict[tuple[int, int], int] = field(default_factory=dict)
    # What the properties below compute once (plain attributes, not functools.cached_property, which
    # a compiled build (mypyc) would turn into a property that computes on every read).
    _unit_starts: list[int] | None = field(init=False, repr=False, compare=False)
    _token_starts: list[int] | None = field(init=False, repr=False, compare=False)
    _token_ends: list[int] | None = field(init=False, repr=False, compare=False)
    _token_edges: list[int] | None = field(init=False, repr=False, compare=False)  # from the tokenizer stage
    _token_words: list[str] | None = field(init=False, repr=False, compare=False)
    _interior: Interior | None = field(init=False, repr=False, compare=False)
    _token_starting: TokenIndex | None = field(init=False, repr=False, compare=False)
    _token_ending: TokenIndex | None = field(init=False, repr=False, compare=False)
    _boundaries: frozenset[int] | None = field(init=False, repr=False, compare=False)
    _triggers: Triggers | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._unit_starts = None
        self._token_starts = None
        self._token_ends = None
        self._token_edges = None
        self._token_words = None
        self._interior = None
        self._token_starting = None
        self._token_ending = None
        self._boundaries = None
        self._triggers = None

    @property
    def text(self) -> str:
        return self.reading.text

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.reading.to_raw(start, end)

    # --- units and articles ----------------------------------------------------------------

    @property
    def unit_starts(self) -> list[int]:
        if self._unit_starts is None:
            self._unit_starts = [u.start for u in self.units]
        return self._unit_starts

    def unit_at(self, pos: int) -> DocUnit | None:
        """The unit containing reading offset ``pos``."""
        k = bisect.bisect_right(self.unit_starts, pos) - 1
        if k >= 0 and self.units[k].start <= pos < self.units[k].end:
            return self.units[k]
        return None

    def article_at(self, pos: int) -> str | None:
        """The id of the article of the unit at (or last before) reading offset ``pos``."""
        k = bisect.bisect_right(self.unit_starts, pos) - 1
        return self.units[k].article if k >= 0 else None

    def date_of(self, article: str | None) -> dt.date | None:
        """The date relative dates of an article resolve against: its dateline's, else the reference date."""
        if article is not None and article in self.article_dates:
            return self.article_dates[article]
        return self.reference_date

    def unit_sentences(self, k: int) -> list[tuple[int, int]]:
        """The sentences of unit ``k``, in offsets of the unit's own text (read by the records of its
        paragraph, ``assemble``)."""
        unit = self.units[k]
        return find_sentences(self.text[unit.start : unit.end])

    @property
    def triggers(self) -> Triggers:
        """The trigger pass over the reading text: the tables' literal surfaces, found in one scan."""
        if self._triggers is None:
            self._triggers = find_triggers(self.text)
        return self._triggers

    # --- tokens ----------------------------------------------------------------------------

    def tokenize(self) -> None:
        """The tokenizer stage: the words of the reading text, in one call.

        Units are joined by a newline, which both segmenters treat as a block
        edge, so a unit's words are those it would get alone.
        """
        words = segment(self.text)
        self.tokens = words.tokens
        # The offset indexes come with the tokens (the words' edges), not read again from each token.
        self._token_starts, self._token_ends, self._token_edges = words.starts, words.ends, words.edges
        self._token_words = words.words

    @property
    def token_words(self) -> list[str]:
        """Each token's text."""
        if self._token_words is None:
            self._token_words = [t.text for t in self.tokens]
        return self._token_words

    @property
    def token_starts(self) -> list[int]:
        if self._token_starts is None:
            self._token_starts = list(map(_START, self.tokens))
        return self._token_starts

    @property
    def token_ends(self) -> list[int]:
        if self._token_ends is None:
            self._token_ends = list(map(_END, self.tokens))
        return self._token_ends

    @property
    def interior(self) -> Interior:
        if self._interior is None:
            self._interior = Interior(self.token_starts, self.token_ends)
        return self._interior

    @property
    def token_starting(self) -> TokenIndex:
        """The token that starts at a reading offset."""
        if self._token_starting is None:
            self._token_starting = TokenIndex(len(self.text), self.token_starts, self.tokens)
        return self._token_starting

    @property
    def token_ending(self) -> TokenIndex:
        """The token that ends at a reading offset."""
        if self._token_ending is None:
            self._token_ending = TokenIndex(len(self.text), self.token_ends, self.tokens)
        return self._token_ending

    @property
    def boundaries(self) -> frozenset[int]:
        """Offsets where a token or a unit starts or ends."""
        if self._boundaries is None:
            self._boundaries = self._compute_boundaries()
        return self._boundaries

    def _compute_boundaries(self) -> frozenset[int]:
        units = self.units
        edges = self._token_edges
        tokens = (self.token_starts, self.token_ends) if edges is None else (edges,)
        return frozenset(chain(*tokens, (u.start for u in units), (u.end for u in units)))

    def token_at(self, pos: int) -> Token | None:
        """The token containing reading offset ``pos``."""
        k = bisect.bisect_right(self.token_starts, pos) - 1
        if k >= 0 and pos < self.tokens[k].end:
            return self.tokens[k]
        return None


def build_doc(
    raw: str, articles: list[ArticleLayout], reference_date: dt.date | None = None, furniture: list[Line] | None = None
) -> Doc:
    """The document of a page: its units of reading text in raw order, joined by a newline
    that stands for no raw text."""
    # (raw start, kind, article id, reading text, (article index, paragraph index) of a paragraph block)
    pieces: list[tuple[int, str, str, MappedText, tuple[int, int] | None]] = []
    for a, article in enumerate(articles):
        for headline in article.headlines:
            pieces.append((headline.line.raw_start, "headline", article.id, headline.line.mapped, None))
        for b, block in enumerate(article.paragraphs):
            kind = "subheading" if block.kind == "orphan" else ("caption" if block.role == "caption" else "paragraph")
            pieces.append((block.raw_start, kind, article.id, block.mapped, (a, b)))
        closing = article.dateline.line if article.dateline is not None else None
        if closing is not None:  # a closing dateline (（新华社东京3月19日电）) is read: its place and date
            pieces.append((closing.raw_start, "dateline", article.id, closing.mapped, None))
    pieces.sort(key=lambda p: p[0])
    units = []
    block_units: dict[tuple[int, int], int] = {}
    start = 0
    for k, (_, kind, article_id, mapped, place) in enumerate(pieces):
        units.append(DocUnit(kind, article_id, start, start + len(mapped)))
        start += len(mapped) + 1  # the newline between units
        if place is not None:
            block_units[place] = k
    reading = MappedText.concat([piece[3] for piece in pieces], "\n")
    dates = article_dates(articles, reference_date)
    return Doc(
        raw=raw,
        reading=reading,
        units=units,
        articles=articles,
        reference_date=reference_date,
        article_dates=dates,
        furniture=furniture or [],
        block_units=block_units,
    )
