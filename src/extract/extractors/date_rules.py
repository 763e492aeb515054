"""The date table compiled once: one pattern of all rows, the trigger scan, the clock and the vetoes.

Every row of ``data/date.toml`` becomes one alternative of a single pattern,
matched in POSIX mode (leftmost, longest) at the places the trigger scans find:
a numeral before a date word or a separator, and the words that begin a date
(a key of a row's word tables: 今年, 康熙, 春节; or one of a row's ``starts``).  A row marked
``attach`` (the time of day) is matched only where a day ends.  Each row's own
pattern is kept too: when the longest match is refused (an impossible date),
the rows are tried one by one at that place for the next longest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..regex_code import compile_regex
from ..rule_schema import DateRow, DateTable, DateVetoRow
from ..rules import compile_row, expand, load_table, local_parts, table_parts

# Where a numeral starts a date: a run of digits or Chinese numerals before a
# date word or a separator (二〇二四年, 十月, 三年前, 2019-2022, 2010.01.29),
# a bare year before a name (2024中关村), eight digits (20231115).
_NUMERAL_TRIGGER = (
    r"(?<![\d〇○零一二三四五六七八九十两千廿])[\d〇○零一二三四五六七八九十两千廿]+"
    r"(?=[年月日号世天周季/.\-:：\s]|个月|个星期)|(?<!\d)(?:19|20)\d{2}(?=\p{Han})|(?<!\d)\d{8}(?!\d)"
)


@dataclass(frozen=True)
class DateRule:
    row: DateRow
    pattern: regex.Pattern[str]  # the row alone (the fallback when the longest match is refused)

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def kind(self) -> str:
        return self.row.kind


@dataclass(frozen=True)
class Veto:
    """What before or after a date word makes it figurative (企盼明天更美好)."""

    before: tuple[str, ...]
    after: tuple[str, ...]


@cache
def _compile_posix(source: str) -> regex.Pattern[str]:
    """A matcher's pattern, compiled once, on first use."""
    return compile_regex(source, regex.POSIX)


@dataclass(frozen=True)
class Matcher:
    """Some rows as one pattern (group r<i> for ``rules[i]``), matched leftmost-longest."""

    rules: tuple[DateRule, ...]
    source: str  # the rows' alternation, compiled on first use: a page meets few of the start words

    @property
    def pattern(self) -> regex.Pattern[str]:
        return _compile_posix(self.source)

    def rule_of(self, m: regex.Match[str]) -> DateRule:
        # One branch of the top-level alternation matched, so one r<i> took part: the group
        # closed last is it (its rows' own groups are inside it), else the rows are asked in turn.
        name = m.lastgroup
        if name is not None and name[:1] == "r" and name[1:].isdigit() and m.start(name) >= 0:
            return self.rules[int(name[1:])]
        return next(r for i, r in enumerate(self.rules) if m.start(f"r{i}") >= 0)


@dataclass(frozen=True)
class DateRules:
    rules: tuple[DateRule, ...]  # every row but the clock
    every: Matcher  # all rows: tried where a numeral or a pattern start triggers
    by_word: dict[
        str, Matcher
    ]  # the rows a literal start word may begin (从: the ranges); the trigger pass finds the words
    numerals: regex.Pattern[str]  # numerals and the starts that are patterns (近 before a numeral)
    clock: DateRule  # the time of day, tried where a day ends
    vetoes: dict[str, Veto]  # date word -> its figurative contexts


def _starts(row: DateRow) -> list[str]:
    """Where a match of ``row`` may begin: its ``starts``, else the keys of its shifts; eras and festivals."""
    out = list(row.starts)
    if not row.starts:
        out += [regex.escape(k) for k in row.shifts]
    out += [regex.escape(k) for k in (*row.eras, *row.festivals)]
    return out


def _literal(start: str) -> bool:
    return regex.escape(start) == start


def _vetoes(rows: tuple[DateVetoRow, ...]) -> dict[str, Veto]:
    out: dict[str, Veto] = {}
    for row in rows:
        for word in row.words:
            had = out.get(word, Veto((), ()))
            out[word] = Veto(had.before + row.before, had.after + row.after)
    return out


def _matcher(rules: tuple[DateRule, ...], parts: dict[str, str]) -> Matcher:
    sources = (expand(r.row.pattern or "", **{**parts, **local_parts(r.row)}) for r in rules)
    return Matcher(rules, "|".join(f"(?P<r{i}>{src})" for i, src in enumerate(sources)))


def _by_word(rules: tuple[DateRule, ...], parts: dict[str, str]) -> dict[str, Matcher]:
    """For each literal start word, the rows it may begin, as one pattern (one per set of rows)."""
    rows: dict[str, tuple[DateRule, ...]] = {}
    for rule in rules:
        for start in _starts(rule.row):
            if _literal(start):
                rows[start] = (*rows.get(start, ()), rule)
    matchers: dict[tuple[str, ...], Matcher] = {}
    for group in rows.values():
        key = tuple(r.id for r in group)
        if key not in matchers:
            matchers[key] = _matcher(group, parts)
    return {word: matchers[tuple(r.id for r in group)] for word, group in rows.items()}


@cache
def date_rules() -> DateRules:
    """The rows of ``data/date.toml``, compiled once per process."""
    table = load_table(DateTable)
    parts = table_parts(table)
    rules = tuple(DateRule(row, compile_row(row, parts)) for row in table.date if not row.attach)
    starts = sorted({s for r in rules for s in _starts(r.row)}, key=lambda s: (-len(s), s))
    clock_row = next(row for row in table.date if row.attach)
    return DateRules(
        rules=rules,
        every=_matcher(rules, parts),
        by_word=_by_word(rules, parts),
        numerals=compile_regex("|".join([_NUMERAL_TRIGGER, *(s for s in starts if not _literal(s))])),
        clock=DateRule(clock_row, compile_row(clock_row, parts)),
        vetoes=_vetoes(table.veto),
    )
