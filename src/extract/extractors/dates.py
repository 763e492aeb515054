"""Dates: absolute (2009年7月13日), ranges (2019-2022年) and relative dates (今年上半年, 15年来).

The rows of ``data/date.toml`` find spans (one pattern per written form);
``resolve_date`` turns a match into an ISO 8601 value: a date, a month, a year,
``--MM-DD`` for a day without its year, or an interval ``a/b``.  Relative dates
resolve against their article's own date (its dateline, ``Doc.date_of``), else
the page's reference date (``extract(..., reference_date=)``), and are left
empty without one; a month and day without a year take the year that puts
them nearest at or before that date (12月3日 read on 1月10日 is last December's).  All candidates of all rows go to overlap
resolution, where the longest wins (2009年7月13日 over 2009年), and dates win
ties against quantities (2019年 is a year, not a duration).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex

from ..doc import Doc, Interior
from ..numbers import resolve_numeral
from ..rules import REGEX_TIMEOUT, DateRow, DateTable, Shift, compile_row, load_table
from . import Candidate
from .quantity_rules import quantity_rules

LAYER = "dates"
RefAt = Callable[[int], dt.date | None]
DATE_PRIORITY = 2  # above quantities (1): a year is a date


@dataclass(frozen=True)
class DateRule:
    row: DateRow
    pattern: regex.Pattern[str]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def kind(self) -> str:
        return self.row.kind


@dataclass(frozen=True)
class DateFound:
    start: int
    end: int
    value: str
    kind: str
    rule: str


@cache
def date_rules() -> tuple[DateRule, ...]:
    """The rows of ``data/date.toml``, compiled once per process."""
    return tuple(DateRule(row, compile_row(row)) for row in load_table(DateTable).date)


def _small(s: str | None) -> int | None:
    """A year, month, day or count written in digits or Chinese (二〇二四, 十二, 15)."""
    if not s:
        return None
    numeral = resolve_numeral(s)
    if numeral is None or numeral.value_max is not None or numeral.vague:
        return None
    value = numeral.value
    return int(value) if value == value.to_integral_value() else None


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    """ISO 8601 of a year, month or day; None when the calendar has no such date."""
    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None:
        if m is None:
            return None
        last = calendar.monthrange(y if y is not None else 2000, m)[1]  # 2000: a leap year allows 2-29
        if not 1 <= d <= last:
            return None
    if y is None:
        if m is None:
            return None
        return f"--{m:02d}-{d:02d}" if d is not None else f"--{m:02d}"
    out = f"{y:04d}"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _month_span(y: int, first: int, last: int) -> str:
    return f"{y:04d}-{first:02d}" if first == last else f"{y:04d}-{first:02d}/{y:04d}-{last:02d}"


def _resolve_relative(row: DateRow, g: dict[str, str | None], ref: dt.date) -> str:
    rel = g.get("rel")
    shift = row.shifts.get(rel) if rel is not None else None
    if shift is not None and shift.unit == "year":
        y = ref.year + shift.n
        part = g.get("part")
        if part:
            first, last = row.parts[part]
            return _month_span(y, first, last)
        m, d = _small(g.get("m")), _small(g.get("d"))
        return _iso(y, m, d) or ""
    if shift is not None:
        return _resolve_deictic(shift, ref)
    if g.get("wd") is not None:
        return _resolve_weekday(row, g, ref)
    return _resolve_span(g, ref)


def _resolve_weekday(row: DateRow, g: dict[str, str | None], ref: dt.date) -> str:
    monday = ref - dt.timedelta(days=ref.weekday())
    week = row.shifts.get(g.get("week") or "")
    weeks = week.n if week is not None else 0
    return (monday + dt.timedelta(days=7 * weeks + row.weekdays[g["wd"] or ""])).isoformat()


def _resolve_deictic(shift: Shift, ref: dt.date) -> str:
    day = dt.timedelta(days=1)
    if shift.unit == "recent":
        return f"{(ref - shift.n * day).isoformat()}/{ref.isoformat()}"
    if shift.unit == "day":
        return (ref + shift.n * day).isoformat()
    if shift.unit == "month":
        y, m = _shift_month(ref.year, ref.month, shift.n)
        return f"{y:04d}-{m:02d}"
    monday = ref - ref.weekday() * day + shift.n * 7 * day
    return f"{monday.isoformat()}/{(monday + 6 * day).isoformat()}"


def _resolve_span(g: dict[str, str | None], ref: dt.date) -> str:
    """15年来, 近三年, 未来三年, 3年前: a count of years, months or days from the reference date."""
    n = _small(g.get("n") or g.get("n2") or g.get("n3"))
    unit = g.get("u") or g.get("u2") or g.get("u3")
    if n is None or unit is None:
        return ""
    suffix = g.get("suffix")
    future = g.get("future") is not None or suffix == "后"
    point = suffix in ("前", "后")  # 3年前: a point in time, not an interval
    sign = 1 if future else -1
    if unit == "年":
        other = ref.year + sign * n
        if point or (future and n == 1):
            return f"{other:04d}"
        return f"{ref.year + 1:04d}/{other:04d}" if future else f"{other:04d}/{ref.year:04d}"
    if unit == "个月":
        y, m = _shift_month(ref.year, ref.month, sign * n)
        if point:
            return f"{y:04d}-{m:02d}"
        here = f"{ref.year:04d}-{ref.month:02d}"
        return f"{here}/{y:04d}-{m:02d}" if future else f"{y:04d}-{m:02d}/{here}"
    other_day = ref + sign * n * dt.timedelta(days=1)
    if point:
        return other_day.isoformat()
    if future:  # 未来两天: the two days after the reference date
        return f"{(ref + dt.timedelta(days=1)).isoformat()}/{other_day.isoformat()}"
    return f"{other_day.isoformat()}/{ref.isoformat()}"


def _resolve_decade(g: dict[str, str | None]) -> str | None:
    decade = _small(g.get("decade"))
    century = g.get("century")
    if decade is None:
        return None
    if century in (None, "上世纪"):
        first = 1900
    elif century == "本世纪":
        first = 2000
    else:
        n = _small(century.removesuffix("世纪"))
        if n is None:
            return None
        first = (n - 1) * 100
    return f"{first + decade:04d}/{first + decade + 9:04d}"


def _nearest_year(m: int, d: int | None, ref: dt.date) -> int | None:
    """The year that puts month ``m`` (day ``d``) nearest at or before ``ref``; 2月29日 only in a leap year."""
    if not 1 <= m <= 12:
        return None
    for y in range(ref.year, ref.year - 8, -1):
        if d is not None and d > calendar.monthrange(y, m)[1]:
            continue
        if (y, m, d or 1) <= (ref.year, ref.month, ref.day):
            return y
    return None


def _nearest_day(d: int, ref: dt.date) -> str | None:
    """Day ``d`` of the reference month when it is not after the reference date, else of a month before."""
    y, m = ref.year, ref.month
    for _ in range(12):
        if d <= calendar.monthrange(y, m)[1] and (y, m, d) <= (ref.year, ref.month, ref.day):
            return _iso(y, m, d)
        y, m = _shift_month(y, m, -1)
    return None


def resolve_date(rule: DateRule, g: dict[str, str | None], ref: dt.date | None) -> str | None:
    """The ISO value of one match; "" when it needs a reference date; None when invalid."""
    if rule.kind == "relative":
        return _resolve_relative(rule.row, g, ref) if ref is not None else ""
    if g.get("decade") is not None:
        return _resolve_decade(g)
    if g.get("y3") is not None:
        g = {**g, "y": g["y3"], "y2": g["y4"]}
    y, m, d = _small(g.get("y")), _small(g.get("m")), _small(g.get("d"))
    if m is None and d is not None:  # 29日: the nearest month at or before the reference date with that day
        if ref is None:
            return f"---{d:02d}" if 1 <= d <= 31 else None
        return _nearest_day(d, ref)
    if g.get("y") is not None and y is None:
        return None
    if y is None and ref is not None and m is not None:
        y = _nearest_year(m, d, ref)  # 12月3日 read on 1月10日 is last December's
    start = _iso(y, m, d)
    if start is None:
        return None
    if rule.kind != "range":
        return start
    y2, m2, d2 = _small(g.get("y2")), _small(g.get("m2")), _small(g.get("d2"))
    if g.get("d2") is not None:  # 7月1日至3日: the end inherits month and year
        end = _iso(y, m2 if m2 is not None else m, d2)
    elif g.get("m2") is not None:
        end = _iso(y2 if y2 is not None else y, m2)
    else:
        end = _iso(y2)
    if end is None or (end <= start and end[:1] != "-"):
        return None
    return f"{start}/{end}"


def find_dates_in(
    text: str, ref: dt.date | None = None, inside: Interior | None = None, ref_at: RefAt | None = None
) -> list[DateFound]:
    """Date spans in reading text, every row's matches (overlaps are resolved later).

    ``inside`` holds the offsets inside jieba tokens: a date whose first
    character is inside a word is dropped (the 日前 of 节日前夕).  ``ref_at``
    gives the reference date at an offset (an article's own date); else ``ref``.
    """
    inside = inside if inside is not None else Interior([], [])
    unit_pattern = quantity_rules().unit_pattern
    out = []
    for rule in date_rules():
        for m in rule.pattern.finditer(text, overlapped=False, timeout=REGEX_TIMEOUT):
            if rule.row.unit_veto and _unit_follows(text, m.end(), rule.row.magnitudes, unit_pattern):
                continue
            if m.start() in inside:
                continue  # the left edge cuts a word (节日前夕); a right edge may (16日晚)
            groups = {k: v for k, v in m.groupdict().items()}
            value = resolve_date(rule, groups, ref_at(m.start()) if ref_at is not None else ref)
            if value is None:
                continue
            out.append(DateFound(m.start(), m.end(), value, rule.kind, rule.id))
    return out


def _unit_follows(text: str, pos: int, magnitudes: str, unit_pattern: regex.Pattern[str]) -> bool:
    """2000人, 2024万元: a year-shaped number followed by a unit or magnitude is a quantity."""
    if pos < len(text) and text[pos] in magnitudes:
        return True
    return unit_pattern.match(text, pos, timeout=REGEX_TIMEOUT) is not None


def find_dates(doc: Doc) -> list[Candidate]:
    """Date candidates of the document."""
    out = []

    def ref_at(pos: int) -> dt.date | None:
        return doc.date_of(doc.article_at(pos))  # the article's dateline date, else --reference-date

    for found in find_dates_in(doc.text, doc.reference_date, doc.interior, ref_at):
        fields = {"value": found.value, "kind": found.kind, "article": doc.article_at(found.start)}
        out.append(Candidate(LAYER, (found.start, found.end), found.rule, fields, priority=DATE_PRIORITY))
    return out
