"""The entity stage's shared state: one ``EntityScan`` per page, read and filled by every entity pass.

The passes (``places``, ``persons``, ``organizations``, ``events_works``) run
in the order ``entities.find_entities`` gives and share what earlier ones
learned: the persons named on the page (for their later mentions), the places
learned from zone names (龙岩 from 龙岩高新区), the zones found, the place
spans (an organization may start with one).  ``EntityScan.emit`` is the one
place a candidate is made; word tests that every pass asks (``tag``,
``is_proper``, ``hard_stop``) are answered from jieba's dictionary and the
rule tables, memoized per word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from ..doc import Doc, TokenIndex
from ..rules import REGEX_TIMEOUT
from ..tokenize import Token
from . import Candidate
from .entity_rules import Lexicon, load_lexicon
from .lexicon import load_places, load_tags
from .memo import remember
from .org_names import NEVER, word_end
from .person_lexicon import load_person_lexicon
from .place_names import SKIP, NameSpan, word_kind

# Tags of jieba's dictionary that end a name walking leftwards: prepositions,
# conjunctions, particles, pronouns, adverbs, numerals, measure words, locality
# words, verbs (for verbs, except the trade words that sit inside names).
HARD_STOP_TAGS = frozenset(
    {"p", "c", "u", "uj", "ul", "ug", "uz", "ud", "uv", "r", "d", "m", "q", "y", "e", "o", "f", "ad", "v", "vd"}
)
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
PUNCT = regex.compile(r"[^\p{Han}A-Za-z0-9·]")
LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9.\-+]*")
HAN_WORD = regex.compile(r"\p{Han}+")


@dataclass
class EntityScan:
    page: Doc
    lex: Lexicon
    text: str
    boundaries: frozenset[int]
    tok_start: TokenIndex  # reading offset -> the token starting there
    tok_end: TokenIndex  # reading offset -> the token ending there
    tok_covering: TokenAt  # reading position -> token containing it
    words: list[str]  # the tokens' texts, read by the place, person and organization walks
    place_visits: list[int]  # the indexes of the tokens each walk visits (``walk_visits``)
    org_visits: list[int]
    person_visits: list[int]
    out: list[Candidate] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # places learned on this page (龙岩 from 龙岩高新区)
    place_spans: list[NameSpan] = field(default_factory=list)  # the place finder's names, for organizations
    zones: dict[int, int] = field(default_factory=dict)  # end -> start of the zones found
    # Memo of is_proper for the words that are names only as places learned on the page, kept for the page
    # from the first question on (a place learned later does not change the answer).
    _proper: dict[str, bool] = field(default_factory=dict)

    def emit(
        self,
        start: int,
        end: int,
        etype: str,
        rule: str,
        priority: int = 0,
        nested_ok: bool = False,
        canonical: str | None = None,
    ) -> None:
        if end <= start or self.text.find("\n", start, end) >= 0:
            return
        fields = {"type": etype, "article": self.page.article_at(start)}
        if canonical:
            fields["canonical"] = canonical
        self.out.append(Candidate("entities", (start, end), rule, fields, priority, nested_ok))

    def tag(self, word: str) -> str | None:
        entry = load_tags().get(word)
        return entry[0] if entry else None

    def is_proper(self, word: str) -> bool:
        """A word that names something: unknown to jieba, or tagged as a name, or a place."""
        kind = _PROPER_KINDS.get(word)
        if kind is None:
            kind = remember(_PROPER_KINDS, word, _proper_kind_of(self.lex, word))
        if kind != PLACE_ONLY:
            return kind == PROPER
        known = self._proper.get(word)
        if known is None:
            known = self._proper[word] = word in self.places
        return known

    def hard_stop(self, tok: Token) -> bool:
        """A word that ends a name walking leftwards (a function word, a verb, punctuation, another name's form)."""
        known = _STOPS.get(tok.text)
        if known is None:
            known = remember(_STOPS, tok.text, _stops_name(self.lex, tok.text))
        return known


# The word tests of every page, memoized for the process (every scan reads the one ``load_lexicon()``).
_PROPER_KINDS: dict[str, int] = {}
_STOPS: dict[str, bool] = {}
COMMON, PROPER, PLACE_ONLY = 0, 1, 2
"""Kinds of word for ``is_proper``: no name; a name; a name only as a place learned on the page."""


def _proper_kind_of(lex: Lexicon, word: str) -> int:
    if LATIN.fullmatch(word):
        return PROPER
    if not HAN_WORD.fullmatch(word) or word in lex.not_proper:
        return COMMON
    if word in load_places():
        return PROPER
    entry = load_tags().get(word)
    return PROPER if entry is None or entry[0] in PROPER_TAGS else PLACE_ONLY


def _stops_name(lex: Lexicon, word: str) -> bool:
    if word == "·":
        return False
    if PUNCT.search(word) or word.isdigit():
        return True
    if word in lex.trade:
        return False
    if word in org_form_words():
        return True  # the end of another name: 科学技术局/特邀
    entry = load_tags().get(word)
    return entry is not None and entry[0] in HARD_STOP_TAGS


@cache
def org_form_words() -> frozenset[str]:
    """The form words of companies and governments (有限公司, 科学技术局), built once."""
    return frozenset(f for f, rule in load_lexicon().org_forms if rule in ("org/form.company", "org/form.government"))


class TokenAt:
    """The token containing a reading position (the document's index, read as a mapping)."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def get(self, pos: int, default: Token | None = None) -> Token | None:
        tok = self.doc.token_at(pos)
        return default if tok is None else tok

    def __contains__(self, pos: int) -> bool:
        return self.get(pos) is not None

    def __getitem__(self, pos: int) -> Token:
        tok = self.get(pos)
        if tok is None:
            raise KeyError(pos)
        return tok


def new_scan(page: Doc) -> EntityScan:
    lex = load_lexicon()
    words = page.token_words
    places, orgs, persons = walk_visits(words)
    return EntityScan(
        page,
        lex,
        page.text,
        page.boundaries,
        page.token_starting,
        page.token_ending,
        TokenAt(page),
        words,
        places,
        orgs,
        persons,
    )


PLACE_WALK, ORG_WALK, PERSON_WALK = 1, 2, 4
"""The walks that visit a word (bits): its place kind is not ``SKIP``, it ends or starts an organization, it has
a person's flags."""

_WALKS: dict[str, int] = {}


def walk_visits(words: list[str]) -> tuple[list[int], list[int], list[int]]:
    """The indexes of the words the place, organization and person walks visit, in order: one memo lookup a
    word for the three walks, which then read ~1,200 tokens of the seed page instead of 3 x 2,800."""
    places: list[int] = []
    orgs: list[int] = []
    persons: list[int] = []
    memo = _WALKS
    for index, word in enumerate(words):
        walks = memo.get(word)
        if walks is None:
            walks = _walks_of(word)
        if walks:
            if walks & PLACE_WALK:
                places.append(index)
            if walks & ORG_WALK:
                orgs.append(index)
            if walks & PERSON_WALK:
                persons.append(index)
    return places, orgs, persons


def _walks_of(word: str) -> int:
    """The walks that visit ``word`` (``PLACE_WALK | ...``), from each walk's own memoized test, memoized."""
    walks = PLACE_WALK if word_kind(word) != SKIP else 0
    if word_end(word) != NEVER:
        walks |= ORG_WALK
    if load_person_lexicon().word_flags(word):
        walks |= PERSON_WALK
    return remember(_WALKS, word, walks)


def occurrences(text: str, literal: str) -> Iterable[tuple[int, int]]:
    """Non-overlapping [start, end) of a literal in ``text`` (str.find: no pattern to compile)."""
    start = text.find(literal)
    while start >= 0 and literal:
        yield start, start + len(literal)
        start = text.find(literal, start + len(literal))


def finditer(pattern: regex.Pattern[str], text: str) -> Iterable[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT)
