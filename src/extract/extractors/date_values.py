"""Gregorian arithmetic for the date resolvers: ISO values, months and days, the nearest year; reading the groups.

A value is ISO 8601: a date, a month, a year, ``--MM-DD`` or ``---DD`` for a
day without its year or month, or an interval ``a/b`` with both ends included.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..rule_schema import DateRow
from .date_calendar import count, two_digit_year

Groups = dict[str, str | None]
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DateValue:
    value: str  # ISO 8601, Gregorian; "" when it needs a reference date
    calendar: str = "gregorian"
    lunar: str | None = None  # the lunar date, when the text is one (2015-10-01, --01-01)


def iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
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


def shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def month_span(y: int, first: int, last: int) -> str:
    """Months ``first``..``last`` of year ``y`` (13, 14: January and February of the next year)."""
    a, b = shift_month(y, first, 0), shift_month(y, last, 0)
    return f"{a[0]:04d}-{a[1]:02d}" if a == b else f"{a[0]:04d}-{a[1]:02d}/{b[0]:04d}-{b[1]:02d}"


def day_span(y: int | None, m: int, first: int, last: int) -> str | None:
    """Days ``first``..``last`` of a month (31: its last day, 2月底 -> 21..29 in a leap year)."""
    last = min(last, calendar.monthrange(y if y is not None else 2001, m)[1])
    a, b = iso(y, m, first), iso(y, m, last)
    return f"{a}/{b}" if a and b else None


def nearest_year(m: int, d: int | None, ref: dt.date) -> int | None:
    """The year that puts month ``m`` (day ``d``) nearest at or before ``ref``; 2月29日 only in a leap year."""
    if not 1 <= m <= 12:
        return None
    for y in range(ref.year, ref.year - 8, -1):
        if d is not None and d > calendar.monthrange(y, m)[1]:
            continue
        if (y, m, d or 1) <= (ref.year, ref.month, ref.day):
            return y
    return None


def nearest_day(d: int, ref: dt.date) -> str | None:
    """Day ``d`` of the reference month when it is not after the reference date, else of a month before."""
    y, m = ref.year, ref.month
    for _ in range(12):
        if d <= calendar.monthrange(y, m)[1] and (y, m, d) <= (ref.year, ref.month, ref.day):
            return iso(y, m, d)
        y, m = shift_month(y, m, -1)
    return None


def read_year(g: Groups, ref: dt.date | None, four: str = "y", two: str = "yy") -> tuple[bool, int | None]:
    """(written, value) of the year groups: 2024, 二〇二四, 两千零四, or two digits (07, 零八)."""
    if g.get(four):
        y = count(g[four])
        return True, y if y is not None and 1 <= y <= 2199 else None
    if g.get(two):
        return True, two_digit_year(g[two] or "", ref)
    return False, None


def point(row: DateRow, g: Groups, y: int | None, ref: dt.date | None) -> str | None:
    """A year, month or day, or a part of a year or month (2024年上半年, 3月上旬), from the groups."""
    m, d = count(g.get("m")), count(g.get("d"))
    if g.get("part"):
        first, last = row.parts[g["part"] or ""]
        return month_span(y, first, last) if y is not None else None
    days = row.month_parts.get(g.get("mpart") or "")
    if y is None and ref is not None and m is not None:
        y = nearest_year(m, d if days is None else days[0], ref)  # 12月3日 read on 1月10日 is last December's
    if days is not None and m is not None:
        return day_span(y, m, *days)
    return iso(y, m, d)
