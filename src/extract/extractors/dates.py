"""Dates: find date spans in the reading text (the values are resolved in ``date_resolve``).

Two trigger scans (numerals, words) find where a date may begin; there the one pattern of all
rows (``date_rules``) takes the longest match.  A match is refused when its
value is impossible (2月30日), when a bare day or a year-shaped number is
followed by a numeral or a unit (三月十五家, 2000人), when its first character
is inside a jieba word (节日前夕), or when a veto row makes it figurative
(企盼明天更美好); then the next longest match at that place is taken.  A time of
day right after a day joins it (3月5日上午10时).  All candidates go to overlap
resolution, where dates win ties against quantities (2019年 is a year, not a
duration).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..doc import Doc, Interior
from ..rules import REGEX_TIMEOUT
from ..triggers import Triggers, find_triggers
from . import Candidate
from .date_calendar import clock_time
from .date_resolve import is_day, resolve_date
from .date_rules import DateRule, DateRules, Matcher, date_rules
from .date_values import DateValue
from .quantity_rules import quantity_rules

LAYER = "dates"
RefAt = Callable[[int], dt.date | None]
DATE_PRIORITY = 2  # above quantities (1): a year is a date
WINDOW = 64  # characters a date may span from its start
_NUMERAL_CHARS = frozenset("0123456789〇○零一二三四五六七八九十百千万亿两")


@dataclass(frozen=True)
class DateFound:
    start: int
    end: int
    value: str
    kind: str
    rule: str
    calendar: str = "gregorian"
    lunar: str | None = None


def _groups(m: regex.Match[str], rule: DateRule) -> dict[str, str | None]:
    """The row's own named groups that matched (the combined pattern has every row's)."""
    return {k: v for k in rule.pattern.groupindex if (v := m.group(k)) is not None}


def _unit_follows(text: str, pos: int, magnitudes: str) -> bool:
    """2000人, 2024万元, 三月十五家: a number followed by a unit or magnitude is a quantity."""
    if pos < len(text) and text[pos] in magnitudes:
        return True
    return quantity_rules().unit_surfaces.end_at(text, pos) >= 0


def _bare_day_refused(text: str, end: int, rule: DateRule, g: dict[str, str | None]) -> bool:
    """A day without 日 (八月十五) is one when written in Chinese after a month and nothing counted follows."""
    if "dd" not in rule.pattern.groupindex or not g.get("d") or g.get("dd") or not g.get("m"):
        return False
    if g["d"].isascii() and not (g.get("y") or g.get("yy")):  # type: ignore[union-attr]
        return True  # 3月15: Arabic digits need 日 unless a year leads
    return (end < len(text) and text[end] in _NUMERAL_CHARS | {"日", "号"}) or _unit_follows(text, end, "")


def _figurative(text: str, start: int, end: int, rules: DateRules) -> bool:
    veto = rules.vetoes.get(text[start:end])
    if veto is None:
        return False
    return any(text.startswith(w, start - len(w)) for w in veto.before if start >= len(w)) or any(
        text.startswith(w, end) for w in veto.after
    )


def _accept(
    text: str, rule: DateRule, m: regex.Match[str], g: dict[str, str | None], ref: dt.date | None, rules: DateRules
) -> DateValue | None:
    if rule.row.unit_veto and _unit_follows(text, m.end(), rule.row.magnitudes):
        return None
    if _bare_day_refused(text, m.end(), rule, g) or _figurative(text, m.start(), m.end(), rules):
        return None
    return resolve_date(rule.row, g, ref)


def _longest_at(text: str, pos: int, matcher: Matcher, ref: dt.date | None, rules: DateRules) -> DateFound | None:
    """The longest accepted date starting at ``pos``: the combined match, else the rows' own, longest first."""
    endpos = min(len(text), pos + WINDOW)
    m = matcher.pattern.match(text, pos, endpos, timeout=REGEX_TIMEOUT)
    if m is None:
        return None
    rule = matcher.rule_of(m)
    g = _groups(m, rule)
    value = _accept(text, rule, m, g, ref, rules)
    if value is not None:
        return _with_clock(text, rule, m, g, value, rules)
    if rule.row.unit_veto:
        return None  # 2000人: no shorter date starts on a quantity's number
    matches = [(r, x) for r in matcher.rules if (x := r.pattern.match(text, pos, endpos, timeout=REGEX_TIMEOUT))]
    for rule, m in sorted(matches, key=lambda rm: -rm[1].end()):
        g = _groups(m, rule)
        value = _accept(text, rule, m, g, ref, rules)
        if value is not None:
            return _with_clock(text, rule, m, g, value, rules)
    return None


def _with_clock(
    text: str, rule: DateRule, m: regex.Match[str], g: dict[str, str | None], value: DateValue, rules: DateRules
) -> DateFound:
    """The date, with the time of day that follows a day (3月5日上午10时 -> 2024-03-05T10:00)."""
    end, iso = m.end(), value.value
    if is_day(rule.row, g):
        clock = rules.clock.pattern.match(text, end, min(len(text), end + 16), timeout=REGEX_TIMEOUT)
        hhmm = clock_time(_groups(clock, rules.clock), rules.clock.row.parts) if clock is not None else None
        if clock is not None and hhmm is not None:
            end, iso = clock.end(), f"{iso}T{hhmm}" if iso else ""
    return DateFound(m.start(), end, iso, rule.kind, rule.id, value.calendar, value.lunar)


def find_dates_in(
    text: str,
    ref: dt.date | None = None,
    inside: Interior | None = None,
    ref_at: RefAt | None = None,
    triggers: Triggers | None = None,
) -> list[DateFound]:
    """Date spans in reading text, leftmost and longest from each trigger.

    ``inside`` holds the offsets inside jieba tokens: a date whose first
    character is inside a word is dropped (the 日前 of 节日前夕).  ``ref_at``
    gives the reference date at an offset (an article's own date); else ``ref``.
    """
    inside = inside if inside is not None else Interior([], [])
    rules = date_rules()
    out: list[DateFound] = []
    last_end = 0
    # Both scans run to their end first: a regex timeout bounds the scan, not the work done at its hits.
    numerals = [(m.start(), rules.every) for m in rules.numerals.finditer(text, timeout=REGEX_TIMEOUT)]
    triggers = triggers if triggers is not None else find_triggers(text)
    words = [(start, rules.by_word[text[start:end]]) for start, end in triggers.hits("date/word")]
    for pos, matcher in heapq.merge(numerals, words, key=lambda hit: hit[0]):
        if pos < last_end or pos in inside:
            continue
        found = _longest_at(text, pos, matcher, ref_at(pos) if ref_at is not None else ref, rules)
        if found is not None:
            out.append(found)
            last_end = found.end
    return out


def find_dates(doc: Doc) -> list[Candidate]:
    """Date candidates of the document."""
    out = []

    def ref_at(pos: int) -> dt.date | None:
        return doc.date_of(doc.article_at(pos))  # the article's dateline date, else --reference-date

    for found in find_dates_in(doc.text, doc.reference_date, doc.interior, ref_at, doc.triggers):
        fields = {
            "value": found.value,
            "kind": found.kind,
            "calendar": found.calendar,
            "lunar": found.lunar,
            "article": doc.article_at(found.start),
        }
        out.append(Candidate(LAYER, (found.start, found.end), found.rule, fields, priority=DATE_PRIORITY))
    return out
