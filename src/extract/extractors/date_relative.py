"""Relative dates: words and counts read from the reference date (今年, 上周三, 近三年, 下周末, 去年本月十日).

The reference date is the article's own date (its dateline), else
``--reference-date``; without one the value is "".  Counts of years, months,
weeks or days are day-exact: the past ones end on the reference date (近三年
read on 2017-03-22: 2014-03-22/2017-03-22), the future ones start the day after
(未来两天: the two days after it); 3年前 and 3天后 are a point.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..rule_schema import DateRow, Shift
from .date_calendar import count
from .date_values import DAY, DateValue, Groups, day_span, iso, month_span, point, shift_month


def _moved(ref: dt.date, unit: str, n: int) -> dt.date:
    """``ref`` moved by ``n`` years, months, weeks or days (a 29th of February or a 31st clamps to the month)."""
    if unit in ("year", "month"):
        y, m = shift_month(ref.year, ref.month, 12 * n if unit == "year" else n)
        return dt.date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))
    return ref + (7 * n if unit == "week" else n) * DAY


def _span(row: DateRow, g: Groups, ref: dt.date) -> str | None:
    """15年来, 近三年, 未来三年, 前1周, 3年前: a count of units (the row's `shifts`) before or after ``ref``."""
    n, shift = count(g.get("n")), row.shifts.get(g.get("u") or "")
    if n is None or shift is None or n < 1:
        return None
    unit = shift.unit
    suffix = g.get("suffix")
    future = g.get("future") is not None or suffix == "后"
    if suffix in ("前", "后"):  # 3年前: a point at the grain it is written in
        day = _moved(ref, unit, n if future else -n)
        return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(unit, day.isoformat())
    if future:
        return f"{(ref + DAY).isoformat()}/{_moved(ref, unit, n).isoformat()}"
    return f"{_moved(ref, unit, -n).isoformat()}/{ref.isoformat()}"


def _weekday(row: DateRow, g: Groups, ref: dt.date) -> str:
    """本周一 (this week's), 上一个周三 (the previous one), 最后一个周三 (the last of the month)."""
    wd = row.weekdays[g.get("wd") or ""]
    shift = row.shifts.get(g.get("week") or "")
    if shift is not None and shift.unit == "occurrence":
        delta = ((ref.weekday() - wd) if shift.n < 0 else (wd - ref.weekday())) % 7 or 7
        return (ref + shift.n * delta * DAY).isoformat()
    if shift is not None and shift.unit == "last":
        last = ref.replace(day=calendar.monthrange(ref.year, ref.month)[1])
        return (last - ((last.weekday() - wd) % 7) * DAY).isoformat()
    monday = ref - ref.weekday() * DAY + 7 * (shift.n if shift is not None else 0) * DAY
    return (monday + wd * DAY).isoformat()


def _deictic(shift: Shift, g: Groups, ref: dt.date) -> str | None:
    """今天, 近日, 上个月, 下周, 下周末, 本月十日."""
    d = count(g.get("d"))
    if d is not None and shift.unit != "month":
        return None
    if shift.unit == "recent":
        return f"{(ref - shift.n * DAY).isoformat()}/{ref.isoformat()}"
    if shift.unit == "day":
        return (ref + shift.n * DAY).isoformat()
    if shift.unit == "month":
        y, m = shift_month(ref.year, ref.month, shift.n)
        return iso(y, m, d) if d is not None else f"{y:04d}-{m:02d}"
    monday = ref - ref.weekday() * DAY + shift.n * 7 * DAY
    if shift.unit == "weekend":
        return f"{(monday + 5 * DAY).isoformat()}/{(monday + 6 * DAY).isoformat()}"
    return f"{monday.isoformat()}/{(monday + 6 * DAY).isoformat()}"


def _year_shift(row: DateRow, shift: Shift, g: Groups, ref: dt.date) -> str | None:
    """今年上半年, 去年7月13日, 去年本月十日, 明年四月."""
    y = ref.year + shift.n
    if g.get("rm"):  # 去年本月十日: a day of the reference month, that year
        return iso(y, ref.month, count(g.get("d")))
    if not g.get("part") and not g.get("m"):
        return f"{y:04d}"
    return point(row, g, y, ref)


def resolve_relative(row: DateRow, g: Groups, ref: dt.date | None) -> DateValue | None:
    """The value of a relative date; "" without a reference date."""
    if ref is None:
        return DateValue("")
    if g.get("u"):
        return DateValue(v) if (v := _span(row, g, ref)) is not None else None
    shift = row.shifts.get(g.get("rel") or "")
    if shift is not None and shift.unit == "year":
        value = _year_shift(row, shift, g, ref)
    elif shift is not None:
        value = _deictic(shift, g, ref)
    elif g.get("wd") is not None:
        value = _weekday(row, g, ref)
    elif g.get("part"):  # 年底, 上半年 alone: of the reference year
        first, last = row.parts[g["part"] or ""]
        value = month_span(ref.year, first, last)
    elif g.get("mpart"):  # 月底 alone: of the reference month
        value = day_span(ref.year, ref.month, *row.month_parts[g["mpart"] or ""])
    else:
        return None
    return DateValue(value) if value is not None else None
