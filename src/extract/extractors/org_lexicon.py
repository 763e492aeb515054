"""The organization lexicon: known bodies, suffixes, titles and vetoes, built once.

Sources, each named in its data file: ``data/org_bodies.toml`` (organizations
written without a suffix or abbreviated) and ``data/org_rules.toml`` (the
suffix grammar's words); jieba's dictionary tags (``nt``) as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from .place_rows import rows_of, surfaces_of
from .word_tags import WordTags

BODIES = "org_bodies.toml"
RULES = "org_rules.toml"

BRANCH_ROWS = frozenset({"org/body.state", "org/body.state.foreign", "org/body.ministry", "org/body.association"})
"""Rows of ``org_bodies.toml`` whose bodies a place right before them names as its own, the nested form People's
Daily keeps (美国国务院, 天津市妇联, 西藏自治区科协); not parties or media (日本/自民党, 香港/新华社 stay apart)."""


class StartPlan(NamedTuple):
    """What may start at a word, by its own tests (``org_names._start_plan``, memoized per word)."""

    body: int  # a known body over this token and the next ones (国务院, 中/储粮): BODY_* (0: none)
    placed: str  # the rule of a place and a body in this one word (美国国务院), "" when none
    cued: int  # the length of the cued name the word starts with (罗马), 0 when none


BODY_ALONE, BODY_JOINED = 1, 2
"""``StartPlan.body``: a body may be read from the word whatever follows it; only when the next word starts
with a character of ``OrgLexicon.body_next`` (科技, 家, 新: the start of a body, no body or head of one)."""


@dataclass(frozen=True)
class OrgLexicon:
    bodies: dict[str, str]  # surface -> rule id
    body_next: dict[str, frozenset[str]]  # a body's proper prefix -> the characters that follow it in a body
    body_max_len: int
    suffixes: dict[str, str]  # surface -> rule id
    suffix_lengths: tuple[int, ...]  # the lengths of the suffixes, longest first
    titles: frozenset[str]
    title_lengths: tuple[int, ...]  # longest first
    title_ends: frozenset[str]  # the last characters of the titles: a word ending in none ends in no title
    generic: frozenset[str]  # words ending in a suffix that name no organization
    kinds: frozenset[str]  # words that make a kind of organization, never a name
    places: frozenset[str]  # the place gazetteer's names: 辽宁 in 辽宁队
    place_vetoes: frozenset[str]  # common words jieba tags as places (城市) start no name
    tags: WordTags
    # The fast path: a word whose last character ends no suffix or title and
    # that starts no body can end or start no organization.
    last_chars: frozenset[str]
    word_ends: dict[str, int] = field(default_factory=dict)  # word -> what it ends (org_names._word_end), memoized
    word_starts: dict[str, StartPlan] = field(default_factory=dict)  # word -> what may start at it (org_names)

    def suffix_of(self, word: str) -> str | None:
        """The rule id of the longest suffix ``word`` ends with."""
        for k in self.suffix_lengths:
            if len(word) >= k and word[-k:] in self.suffixes:
                return self.suffixes[word[-k:]]
        return None

    def title_stems(self, word: str) -> list[str]:
        """What precedes each title ``word`` ends with, longest title first: 外交部长 -> [外交部, 外交部长[:-2]]."""
        if not word or word[-1] not in self.title_ends:
            return []
        return [word[:-k] for k in self.title_lengths if len(word) > k and word[-k:] in self.titles]


@cache
def load_org_lexicon() -> OrgLexicon:
    """Every table of the organization finder, built on first use and kept for the process."""
    from .lexicon import load_jieba_tags
    from .place_gazetteer import load_place_lexicon

    bodies = {s: row.id for row in rows_of(BODIES, "body") for s in row.surfaces}
    suffixes: dict[str, str] = {}
    for row in rows_of(RULES, "suffix"):
        for surface in row.surfaces:
            suffixes.setdefault(surface, row.id)
    body_next = _next_chars(bodies)
    return OrgLexicon(
        bodies=bodies,
        body_next=body_next,
        body_max_len=max(map(len, bodies)),
        suffixes=suffixes,
        suffix_lengths=tuple(sorted({len(s) for s in suffixes}, reverse=True)),
        titles=surfaces_of(RULES, "title"),
        title_lengths=tuple(sorted({len(t) for t in surfaces_of(RULES, "title")}, reverse=True)),
        title_ends=frozenset(t[-1] for t in surfaces_of(RULES, "title")),
        generic=surfaces_of(RULES, "veto"),
        kinds=surfaces_of(RULES, "kind"),
        places=frozenset(load_place_lexicon().names),
        place_vetoes=load_place_lexicon().vetoes,
        tags=load_jieba_tags(),
        # a word of a place and a body (日本外务省) ends in a branch body's last character
        last_chars=frozenset(w[-1] for w in (*suffixes, *branch_bodies(bodies), *surfaces_of(RULES, "title"))),
    )


def _next_chars(bodies: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each prefix of a body -> the characters that follow it in the bodies (科技 -> 部, 日 ...)."""
    following: dict[str, set[str]] = {}
    for body in bodies:
        for k in range(1, len(body)):
            following.setdefault(body[:k], set()).add(body[k])
    return {prefix: frozenset(chars) for prefix, chars in following.items()}


def branch_bodies(bodies: dict[str, str]) -> list[str]:
    """The bodies a place before them may join in one word (美国国务院, 日本外务省)."""
    return [b for b, rule in bodies.items() if rule in BRANCH_ROWS]
