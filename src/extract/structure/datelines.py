"""Datelines: who filed an article, where and when (本报北京12月31日讯, 新华社东京3月5日电, （据新华社电）).

The markers of ``data/structure.toml`` that read a dateline share the part
``{dateline}`` (shared.toml), whose named groups are read here: ``agency``,
``place``, ``month``, ``day``.  A dateline prints no year (and 据新华社10日电 no
month): ``resolve_dateline`` takes them from the document (a year printed in
the article's headline, an earlier dateline) or from the reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from ..layout import Line, normalize

# A year printed in a headline (2024年): the year of the article's dateline.
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# How far after the reference date a dateline may lie: an archive's reference
# date is the day of publication or later, so a later month-day is last year's.
_AHEAD = dt.timedelta(days=31)


@dataclass
class DatelineLayout:
    agency: str | None
    place: str | None
    month: int | None
    day: int | None
    span: tuple[int, int]  # raw offsets of the dateline as printed (本报北京12月31日讯)
    line: Line | None = None  # a closing dateline's own line, a unit of reading text


def _number(text: str | None) -> int | None:
    return int(normalize(text)) if text else None


def dateline_from_match(m: regex.Match[str], to_raw: Callable[[int, int], tuple[int, int]]) -> DatelineLayout | None:
    """The dateline a marker matched (``to_raw`` maps the matched text to raw offsets), if it reads one."""
    groups = m.groupdict()
    if not groups.get("dateline"):
        return None
    return DatelineLayout(
        agency=groups.get("agency") or None,
        place=groups.get("place") or None,
        month=_number(groups.get("month")),
        day=_number(groups.get("day")),
        span=to_raw(m.start("dateline"), m.end("dateline")),
    )


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def resolve_dateline(dateline: DatelineLayout, reference: dt.date | None, year: int | None) -> dt.date | None:
    """The date of a dateline: its month and day in ``year`` (printed in the document), else the
    last such date not far after the reference date; a day alone is in the reference date's month
    (or the month before, when the day is still ahead)."""
    month, day = dateline.month, dateline.day
    if day is None:
        return None
    if month is not None and year is not None:
        return _day(year, month, day)
    if reference is None:
        return None
    if month is not None:
        found = _day(reference.year, month, day)
        if found is not None and found > reference + _AHEAD:
            found = _day(reference.year - 1, month, day)
        return found
    y, m = reference.year, reference.month
    for _ in range(3):  # 31日 in a month of 30 days: the month before that
        found = _day(y, m, day)
        if found is not None and found <= reference + dt.timedelta(days=1):
            return found
        y, m = _previous_month(y, m)
    return None


def year_in(texts: list[str]) -> int | None:
    """A year printed in ``texts`` (an article's headline lines), if any."""
    for text in texts:
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def dateline_record(dateline: DatelineLayout | None, date: dt.date | None, raw: str) -> dict[str, Any] | None:
    """The ``Article.dateline`` field: agency, place, date (ISO) and the span printed."""
    if dateline is None:
        return None
    start, end = dateline.span
    return {
        "agency": dateline.agency,
        "place": dateline.place,
        "date": date.isoformat() if date else None,
        "span": dateline.span,
        "text": normalize(raw[start:end]),
    }
