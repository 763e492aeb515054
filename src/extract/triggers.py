"""The trigger pass: the literal surfaces of the rule tables, found in one scan of the page.

A finder that looks for a word of its table anywhere on the page (an
organization's form 公司, a venue 体育馆, an event 博览会, a title 局长, a speech
verb 表示, a set phrase 一举两得, a date word 昨天 ...) reads the hits of its
group from this pass, instead of scanning the page with an alternation of its
own: one Aho–Corasick automaton (``ahocorasick_rs``, compiled Rust) holds the
surfaces of every group and finds all of them, overlapping, in one linear scan
(about 0.1 ms for a page of 5,000 characters, where the alternations it
replaces cost about 1.5 ms under the ``regex`` module, each one scan).

For each group the pass gives:

* ``hits(group)``: what ``finditer`` of the alternation of the group's
  surfaces gives, leftmost, then longest, never overlapping
  (``tests/test_triggers.py`` checks it against the alternations on real text);
* ``starts(group)``: every offset where a surface of the group begins, for a
  pattern that opens with the group (``pattern.match`` at each start, skipping
  starts inside the last match, finds what ``pattern.finditer`` finds).

The groups and their surfaces come from the tables (``trigger_groups``); the
pass is linear in the text whatever it holds (no timeout needed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs
import regex

from .layout import replace_surrogates
from .rules import REGEX_TIMEOUT, part_surfaces


@dataclass(frozen=True)
class TriggerTable:
    """The automaton of every group's surfaces, and the groups each surface belongs to."""

    groups: tuple[str, ...]
    automaton: ahocorasick_rs.AhoCorasick
    surface_groups: tuple[tuple[int, ...], ...]  # by the automaton's pattern index

    @classmethod
    def build(cls, groups: Mapping[str, Iterable[str]]) -> TriggerTable:
        names = tuple(groups)
        members: dict[str, list[int]] = {}
        for k, name in enumerate(names):
            for surface in groups[name]:
                if surface and k not in members.setdefault(surface, []):
                    members[surface].append(k)
        surfaces = list(members)
        automaton = ahocorasick_rs.AhoCorasick(
            surfaces, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=ahocorasick_rs.Implementation.DFA
        )  # a DFA: built in 4 ms once, scans a third faster than the default NFA
        return cls(names, automaton, tuple(tuple(members[s]) for s in surfaces))

    def scan(self, text: str) -> Triggers:
        """Every group's hits in ``text``: one pass of the automaton."""
        try:
            matches = self.automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            # A lone surrogate cannot cross into Rust (UTF-8): U+FFFD, one code point too, stands in.
            matches = self.automaton.find_matches_as_indexes(replace_surrogates(text), overlapping=True)
        longest: list[dict[int, int]] = [{} for _ in self.groups]
        for index, start, end in matches:
            for k in self.surface_groups[index]:
                ends = longest[k]
                if ends.get(start, -1) < end:
                    ends[start] = end
        return Triggers(dict(zip(self.groups, longest, strict=True)))


class Triggers:
    """One text's hits, by group (``TriggerTable.scan``)."""

    def __init__(self, longest: dict[str, dict[int, int]]):
        self._longest = longest  # group -> start -> end of the longest surface starting there
        self._hits: dict[str, list[tuple[int, int]]] = {}

    def hits(self, group: str) -> list[tuple[int, int]]:
        """[start, end) of the group's surfaces: leftmost, then longest, not overlapping (as ``finditer``)."""
        found = self._hits.get(group)
        if found is None:
            ends = self._longest[group]
            found = []
            last = -1
            for start in sorted(ends):
                if start >= last:
                    last = ends[start]
                    found.append((start, last))
            self._hits[group] = found
        return found

    def starts(self, group: str) -> list[int]:
        """Every offset where a surface of the group begins, in order."""
        return sorted(self._longest[group])


@cache
def trigger_table() -> TriggerTable:
    """The trigger pass over every group of ``trigger_groups``, built once per process."""
    return TriggerTable.build(trigger_groups())


def trigger_groups() -> dict[str, tuple[str, ...]]:
    """Each group's surfaces, read from the rule tables (group names are the rows or parts they come from)."""
    from .extractors.date_rules import date_rules
    from .extractors.entity_rules import load_lexicon
    from .extractors.organizations import TRADE_GROUP, company_trades
    from .extractors.quantity_rules import quantity_rules

    groups: dict[str, tuple[str, ...]] = {}
    lex = load_lexicon()
    groups.update(lex.title_words)
    groups["person/honorific"] = tuple(sorted(lex.honorifics))
    groups["person/speaker.verb"] = lex.speech_verbs
    groups["org/form"] = tuple(form for form, _ in lex.org_forms)
    groups[TRADE_GROUP] = company_trades()
    groups["place/venue"] = lex.venue_words
    groups["place/zone"] = tuple(sorted(lex.zone_words))
    groups["event/word"] = lex.event_words
    groups["org/agency"] = part_surfaces("agency")
    groups["date/word"] = tuple(date_rules().by_word)
    groups["quantity/veto.set_phrase"] = quantity_rules().set_phrases
    groups["quantity/per"] = tuple(quantity_rules().per)
    groups["quantity/phrase"] = tuple(quantity_rules().phrases)
    return groups


def matches_at(pattern: regex.Pattern[str], text: str, starts: list[int]) -> list[regex.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every match begins at one of ``starts``
    (a group's ``starts``, for a pattern that opens with the group's surfaces)."""
    out = []
    last = 0
    for start in starts:
        if start >= last:
            m = pattern.match(text, start, timeout=REGEX_TIMEOUT)
            if m is not None and m.end() > start:
                out.append(m)
                last = m.end()
    return out


def find_triggers(text: str) -> Triggers:
    """The trigger pass on ``text``."""
    return trigger_table().scan(text)
