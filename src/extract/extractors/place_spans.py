"""The spans of the place finder and the jieba tag look-up its rules share."""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from .place_gazetteer import PlaceLexicon

LOCATION = "LOCATION"

TOKEN_TEXT = itemgetter(0)
"""A token's text (read in C over the page's tokens)."""


class NameSpan(NamedTuple):
    """A name found in a text: ``[start, end)`` offsets, type (LOCATION, ORG) and the rule that found it."""

    start: int
    end: int
    type: str
    rule: str


Found = tuple[list[NameSpan], int] | None
"""The spans a rule found at a token and the index of the token after them."""


def span(start: int, end: int, rule: str) -> NameSpan:
    return NameSpan(start, end, LOCATION, rule)


def word_tag(lex: PlaceLexicon, word: str) -> str:
    return lex.tags.tag(word)
