"""Date values: the named groups of one match -> an ISO 8601 value (the finder is ``dates.py``).

A value is a date, a month, a year, ``--MM-DD`` or ``---DD`` for a day without
its year or month, or an interval ``a/b`` (both ends included); a time of day
adds ``THH:MM``.  Lunar dates (农历, 正月初一, festivals, an era's months) carry
the lunar date too.  Relative dates resolve against the reference date (the
article's own date, else ``--reference-date``) and are left empty without one;
a month and day without a year take the year that puts them nearest at or
before the reference date (12月3日 read on 1月10日 is last December's).
"""

from __future__ import annotations

import datetime as dt

from ..rule_schema import DateRow, Shift
from .date_calendar import LunarDay, count, festival_in, lunar_month_span, lunar_of, resolve_lunar, to_gregorian
from .date_relative import resolve_relative
from .date_values import DateValue, Groups, day_span, iso, nearest_day, nearest_year, point, read_year


def _absolute(row: DateRow, g: Groups, ref: dt.date | None) -> str | None:
    written, y = read_year(g, ref)
    if written and y is None:
        return None
    d = count(g.get("d"))
    if g.get("m") is None and d is not None and not g.get("part"):  # 29日: the nearest such day
        if ref is None:
            return f"---{d:02d}" if 1 <= d <= 31 else None
        return nearest_day(d, ref)
    return point(row, g, y, ref)


def _range(row: DateRow, g: Groups, ref: dt.date | None) -> str | None:
    """Two dates joined: the end inherits what it leaves out (7月1日至3日); it may not come first."""
    start = _absolute(row, {**g, "mpart": None}, ref)
    if start is None or "/" in start:
        return None
    y = int(start[:4]) if start[:1].isdigit() else None
    written, y2 = read_year(g, ref, "y2", "yy2")
    if written and y2 is None:
        return None
    if y2 is not None and g.get("before"):  # 2018年之前: up to the year before
        y2 -= 1
    y2 = y2 if written else y
    m2, d2 = count(g.get("m2")), count(g.get("d2"))
    if g.get("d2") is not None:
        m2 = m2 if m2 is not None else count(g.get("m"))
        end = iso(y2, m2, d2)
        if end and not written and y is not None and end < start and g.get("m2"):
            end = iso(y + 1, m2, d2)  # 12月30日至1月2日 ends in the next year
    elif g.get("m2") is not None:
        end = iso(y2, m2)
    else:
        end = iso(y2)
    if end is None or (end <= start and end[:1] != "-"):
        return None
    return f"{start}/{end}"


def _century(row: DateRow, g: Groups) -> str | None:
    """上世纪90年代 (1990/1999), 20世纪 (1900/1999), 19世纪下半叶 (1850/1899)."""
    century = g.get("century") or ""
    if century in ("上世纪", ""):
        first = 1900
    elif century == "本世纪":
        first = 2000
    else:
        n = count(century.removesuffix("世纪"))
        if n is None or not 1 <= n <= 22:
            return None
        first = (n - 1) * 100
    if g.get("decade") is not None:
        decade = count(g["decade"])
        return None if decade is None else f"{first + decade:04d}/{first + decade + 9:04d}"
    a, b = row.parts.get(g.get("part") or "", (0, 99))
    return f"{first + a:04d}/{first + b:04d}"


def _month_week(g: Groups, ref: dt.date | None) -> str | None:
    """十月的第一周: days 1-7 of the month (the n-th week counts seven days from the first)."""
    m, n = count(g.get("m")), count(g.get("n"))
    if m is None or n is None or not 1 <= m <= 12:
        return None
    y = nearest_year(m, None, ref) if ref is not None else None
    return day_span(y, m, 7 * n - 6, 7 * n)


def _lunar_date(row: DateRow, g: Groups, ref: dt.date | None) -> DateValue | None:
    """农历2015年十月初一, 正月初一, 闰四月: a lunar day or month, and its Gregorian date."""
    y = count(g.get("y")) if g.get("y") else None
    m = count(g.get("m")) if g.get("m") else row.months.get(g.get("mname") or "")
    leap = bool(g.get("leap"))
    if m is None or not 1 <= m <= 12:
        return None
    if not g.get("ld"):
        return _lunar_month(y, m, leap)
    d = count(g.get("ld"), row.numerals)
    if d is None or not 1 <= d <= 30:
        return None
    lunar = LunarDay(y, m, d, leap)
    day, year = resolve_lunar(lunar, ref)
    if day is None:
        return None if y is not None or ref is not None else DateValue("", "lunar", lunar.text())
    return DateValue(day.isoformat(), "lunar", LunarDay(year, m, d, leap).text())


def _lunar_month(y: int | None, m: int, leap: bool) -> DateValue | None:
    if y is None:
        return DateValue("", "lunar", LunarDay(None, m, None, leap).text())
    span = lunar_month_span(y, m, leap)
    if span is None:
        return None
    return DateValue(f"{span[0].isoformat()}/{span[1].isoformat()}", "lunar", LunarDay(y, m, None, leap).text())


def _festival(row: DateRow, g: Groups, ref: dt.date | None) -> DateValue | None:
    """2015年春节, 今年中秋, 国庆: a festival's day in the year written, else the nearest at or before ``ref``."""
    festival = row.festivals[g.get("fest") or ""]
    lunar = festival.calendar == "lunar"
    shift = row.shifts.get(g.get("rel") or "")
    year = count(g.get("y")) if g.get("y") else None
    if shift is not None:
        if ref is None:
            return DateValue("", festival.calendar if lunar else "gregorian")
        year = ref.year + shift.n
    if year is not None:
        day = festival_in(festival, year)
    elif ref is not None:
        day = festival_in(festival, ref.year)
        if day is None or day > ref:
            day = festival_in(festival, ref.year - 1)
    else:
        if festival.calendar == "gregorian":
            return DateValue(iso(None, festival.month, festival.day) or "")
        return DateValue("", "lunar", LunarDay(None, festival.month, festival.day).text() if lunar else None)
    if day is None:
        return None
    return DateValue(day.isoformat(), "lunar", lunar_of(day).text()) if lunar else DateValue(day.isoformat())


def _era(row: DateRow, g: Groups) -> DateValue | None:
    """康熙二十年 (1681), 康熙三年五月 (a lunar month of 1664), 民国三年 (1914)."""
    n = count(g.get("ey"), row.numerals)
    if n is None or n < 1:
        return None
    year = row.eras[g.get("era") or ""] + n - 1
    if row.calendar == "gregorian":
        value = iso(year, count(g.get("m")), count(g.get("d")))
        return DateValue(value) if value else None
    m = count(g.get("m")) if g.get("m") else row.months.get(g.get("mname") or "")
    leap = bool(g.get("leap"))
    if m is None:
        return DateValue(f"{year:04d}", "lunar", f"{year:04d}")
    if not g.get("ld"):
        return _lunar_month(year, m, leap)
    d = count(g.get("ld"), row.numerals)
    day = to_gregorian(year, m, d, leap) if d is not None else None
    return DateValue(day.isoformat(), "lunar", LunarDay(year, m, d, leap).text()) if day else None


def resolve_date(row: DateRow, g: Groups, ref: dt.date | None) -> DateValue | None:
    """The value of one match of ``row``; None when the text names no such date (2月30日, 三四年)."""
    if row.kind == "relative":
        return resolve_relative(row, g, ref)
    if g.get("fest"):
        return _festival(row, g, ref)
    if g.get("era"):
        return _era(row, g)
    if row.calendar == "lunar":
        return _lunar_date(row, g, ref)
    if g.get("century") or g.get("decade"):
        value = _century(row, g)
    elif g.get("n"):
        value = _month_week(g, ref)
    elif row.kind == "range":
        value = _range(row, g, ref)
    else:
        value = _absolute(row, g, ref)
    return DateValue(value) if value is not None else None


def is_day(row: DateRow, g: Groups) -> bool:
    """Whether a match names one day (a time of day may follow it): 3月5日, 今天, 周三, 春节."""
    if row.kind == "range" or g.get("mpart") or g.get("part"):
        return False
    if g.get("d") or g.get("ld") or g.get("wd") or g.get("fest"):
        return True
    shift: Shift | None = row.shifts.get(g.get("rel") or "")
    return shift is not None and shift.unit == "day"
