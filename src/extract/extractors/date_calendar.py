"""Calendars for the date resolver: lunar dates, festivals, solar terms, two-digit years, clock times.

The lunar calendar comes from ``lunar_python`` (6tail's lunar, MIT licence),
imported the first time a lunar date is resolved: ``import extract`` stays
light.  A lunar month is written 1..12, a leap month (闰四月) is passed to
``lunar_python`` as a negative month, and a lunar date is printed as ISO-like
text (``2015-10-01``, a leap month with an ``L``: ``2020-04L-01``) in the
record's ``lunar`` field, while ``value`` holds the Gregorian date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..numbers import resolve_numeral
from ..rule_schema import Festival


@dataclass(frozen=True)
class LunarDay:
    """A day (or, with ``day`` None, a month) of the lunar calendar; ``day`` -1 is the month's last."""

    year: int | None
    month: int
    day: int | None = None
    leap: bool = False

    def text(self, year: int | None = None) -> str:
        y = self.year if self.year is not None else year
        head = f"{y:04d}" if y is not None else "-"
        month = f"{self.month:02d}" + ("L" if self.leap else "")
        if self.day is None:
            return f"{head}-{month}"
        return f"{head}-{month}-{self.day_in(y):02d}"

    def day_in(self, year: int | None) -> int:
        """The day of the month; the last day (-1) is the 30th without a year (大年三十)."""
        assert self.day is not None
        if self.day != -1:
            return self.day
        return _month_days(year, self.month, self.leap) if year is not None else 30


@cache
def _lunar() -> Any:
    import lunar_python  # noqa: PLC0415: a heavy import, only when a lunar date is resolved

    return lunar_python


def _month_days(year: int, month: int, leap: bool) -> int:
    return int(_lunar().LunarMonth.fromYm(year, -month if leap else month).getDayCount())


def to_gregorian(year: int, month: int, day: int, leap: bool = False) -> dt.date | None:
    """The Gregorian date of a lunar date; None when the lunar calendar has no such day (正月三十 in 2017)."""
    try:
        if day == -1:
            day = _month_days(year, month, leap)
        solar = _lunar().Lunar.fromYmd(year, -month if leap else month, day).getSolar()
    except Exception:  # lunar_python raises a bare Exception for a day or leap month it does not have
        return None
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def lunar_month_span(year: int, month: int, leap: bool = False) -> tuple[dt.date, dt.date] | None:
    """The first and last Gregorian days of a lunar month."""
    first = to_gregorian(year, month, 1, leap)
    last = to_gregorian(year, month, -1, leap)
    return (first, last) if first is not None and last is not None else None


def lunar_year_of(day: dt.date) -> int:
    """The lunar year a Gregorian day falls in (2017-01-20 is still lunar 2016)."""
    return int(_lunar().Solar.fromYmd(day.year, day.month, day.day).getLunar().getYear())


def resolve_lunar(lunar: LunarDay, ref: dt.date | None) -> tuple[dt.date | None, int | None]:
    """A lunar day's Gregorian date and its lunar year: its own year, else the nearest at or before ``ref``."""
    assert lunar.day is not None
    if lunar.year is not None:
        return to_gregorian(lunar.year, lunar.month, lunar.day, lunar.leap), lunar.year
    if ref is None:
        return None, None
    year = lunar_year_of(ref)
    for y in range(year, year - 3, -1):
        day = to_gregorian(y, lunar.month, lunar.day, lunar.leap)
        if day is not None and day <= ref:
            return day, y
    return None, None


def solar_term(year: int, term: str) -> dt.date | None:
    """The day of a solar term (清明, 冬至) in a Gregorian year."""
    for lunar_year in (year, year + 1):
        table = _lunar().Lunar.fromYmd(lunar_year, 1, 1).getJieQiTable()
        solar = table.get(term)
        if solar is not None and solar.getYear() == year:
            return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    return None


def festival_in(festival: Festival, year: int) -> dt.date | None:
    """A festival's day in a Gregorian year (除夕 of 2024 is lunar 2023-12-30, 2024-02-09)."""
    if festival.calendar == "solar_term":
        return solar_term(year, festival.term)
    if festival.calendar == "gregorian":
        try:
            return dt.date(year, festival.month, festival.day)
        except ValueError:
            return None
    for lunar_year in (year, year - 1):
        day = to_gregorian(lunar_year, festival.month, festival.day)
        if day is not None and day.year == year:
            return day
    return None


def count(s: str | None, numerals: dict[str, int] | None = None) -> int | None:
    """A year, month, day or count in digits or Chinese (二〇二四, 十二, 15), or led by 初, 廿 or 元 (初一, 廿三)."""
    if not s:
        return None
    for lead, base in (numerals or {}).items():
        if s.startswith(lead):
            rest = s[len(lead) :]
            tail = count(rest) if rest else 0
            return None if tail is None else base + tail
    numeral = resolve_numeral(s)
    if numeral is None or numeral.value_max is not None or numeral.vague:
        return None
    value = numeral.value
    return int(value) if value == value.to_integral_value() else None


def two_digit_year(s: str, ref: dt.date | None = None) -> int | None:
    """07 -> 2007, 五七 -> 1957: the latest such year up to ten years after ``ref`` (without one, the POSIX
    strptime window: 69-99 in the 1900s); 三四 (three or four) is no year."""
    if s.isascii():
        n = count(s)
    else:  # 九八, 零八: digits read one by one
        first, second = count(s[0]), count(s[1])
        if first is None or second is None or second == first + 1:
            return None  # 三四年, 七八年: two neighbouring numerals are a vague count
        n = 10 * first + second
    if n is None or not 0 <= n <= 99:
        return None
    if ref is not None:
        return 2000 + n if 2000 + n <= ref.year + 10 else 1900 + n
    return 1900 + n if n >= 69 else 2000 + n


def clock_time(g: dict[str, str | None], hours: dict[str, tuple[int, int]]) -> str | None:
    """HH:MM of a clock time (下午3点半 -> 15:30); a part of the day moves an hour below it by twelve."""
    hour = count(g.get("hh"))
    minute = 30 if g.get("half") else count(g.get("mi")) or 0
    if hour is None or hour > 24 or minute > 59:
        return None
    part = hours.get(g.get("ampm") or "")
    if part is not None and hour < part[0] and hour + 12 <= part[1]:
        hour += 12
    if hour == 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def lunar_of(day: dt.date) -> LunarDay:
    """The lunar date of a Gregorian day (2024-02-10 -> lunar 2024-01-01)."""
    lunar = _lunar().Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = int(lunar.getMonth())
    return LunarDay(int(lunar.getYear()), abs(month), int(lunar.getDay()), leap=month < 0)
