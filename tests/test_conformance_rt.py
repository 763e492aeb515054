"""Conformance with Microsoft Recognizers-Text's Chinese specs, as a pass-rate report.

The specs are read at test time from ``../shared/conformance/rt_*.jsonl``
(never copied into the repository; the tests skip when the folder is absent).
Each file gets one test that computes its pass rate over all its entries and
fails only when the rate falls below the floor measured when these tests were
written: a regression fails, and the report shows every file's rate.  Cases whose convention we
deliberately do not share are listed, each with its reason, in
``tests/conformance_exclusions.toml``; they are counted apart.

An entry passes when our results on its input are exactly its results, as
(normalized surface, value) pairs: numbers from the number finder, units from
the quantities of the matching kind, ordinals from the ordinal quantities
without their measure word (第一名 as 第一), dates from the date finders (values
compared as intervals against the spec's resolution for its reference date).
A file whose every entry is excluded fails: its rate would measure nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from figures import figures

from extract import find_numbers
from extract.extractors.dates import DateFound
from extract.layout import normalize
from extract.numbers import find_numerals

CONFORMANCE = Path(__file__).resolve().parents[1].parent / "shared" / "conformance"
EXCLUSIONS = Path(__file__).resolve().parent / "conformance_exclusions.toml"

Result = tuple[str, Any]  # (normalized surface, value)


# --- what we find on an input ----------------------------------------------


def ours_numbers(text: str, ref: dt.date | None) -> list[Result]:
    """Every number ``extract.find_numbers`` reports (it follows the NumberModel convention)."""
    return [(n.text, n.value) for n in find_numbers(text)]


def _ours_quantities(kinds: set[str]) -> Callable[[str, dt.date | None], list[Result]]:
    def run(text: str, ref: dt.date | None) -> list[Result]:
        reading, quantities, _ = figures(text, ref)
        return [(reading[q.start : q.end], q.value) for q in quantities if q.unit_kind in kinds]

    return run


def ours_ordinals(text: str, ref: dt.date | None) -> list[Result]:
    """Ordinals as the spec prints them: 第 and the numeral, the measure word cut off (第一名 -> 第一).

    We report an ordinal as a quantity with its measure word (第十一届, 第一名);
    the spec reports 第 and the numeral alone, so ours are compared without it.
    """
    reading, quantities, _ = figures(text, ref)
    numeral_end = {span.start: span.end for span in find_numerals(reading)}
    out = []
    for q in quantities:
        end = numeral_end.get(q.start + 1)
        if q.ordinal and q.unit_kind == "count" and end is not None:
            out.append((reading[q.start : end], q.value))
    return out


def ours_dates(text: str, ref: dt.date | None) -> list[Result]:
    """Every date record, whole: the comparison reads its Gregorian value, or its lunar date."""
    reading, _, dates = figures(text, ref)
    return [(reading[d.start : d.end], d) for d in dates]


def ours_durations(text: str, ref: dt.date | None) -> list[Result]:
    reading, quantities, _ = figures(text, ref)
    return [(reading[q.start : q.end], None) for q in quantities if q.unit_kind == "duration"]


# --- their values -------------------------------------------------------------


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value.rstrip("%"))
    except InvalidOperation:
        return None


def _same_number(ours: Any, theirs: Any) -> bool:
    want = _decimal(str(theirs))
    if want is None or not isinstance(ours, Decimal):
        return False
    # The spec prints repeating fractions to 15 significant digits.
    return abs(ours - want) <= Decimal("1e-12") * max(Decimal(1), abs(want))


def _interval(iso: str) -> tuple[dt.date, dt.date] | None:
    """ISO year, month, day or a/b interval -> [start, end) dates."""
    if "/" in iso:
        a, b = iso.split("/", 1)
        first, last = _interval(a), _interval(b)
        return (first[0], last[1]) if first and last else None
    try:
        if len(iso) == 4:
            y = int(iso)
            return dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
        if len(iso) == 7:
            y, m = int(iso[:4]), int(iso[5:7])
            return dt.date(y, m, 1), dt.date(y + m // 12, m % 12 + 1, 1)
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return None
    return day, day + dt.timedelta(days=1)


def _same_lunar(ours: str, timex: str) -> bool:
    """Our lunar date against the spec's Timex, which keeps lunar dates in the lunar calendar (XXXX: no year)."""
    if timex.startswith("XXXX"):
        return ours.endswith(timex[4:])
    return ours == timex


def _same_date(ours: Any, theirs: Any) -> bool:
    """Our value as an interval against the spec's resolution for its reference date.

    A lunar date (农历2015年十月初一, 正月初一, 神龙元年十一月) is compared by its
    lunar date: the spec's Timex keeps it in the lunar calendar (2015-10-01), and
    its resolutions read that as a Gregorian date, which it is not; our ``value``
    is the Gregorian date (2015-11-12) and our ``lunar`` the lunar one.
    """
    if not isinstance(ours, DateFound) or not isinstance(theirs, dict):
        return False
    if ours.calendar == "lunar" and ours.lunar and isinstance(theirs.get("Timex"), str):
        return _same_lunar(ours.lunar, theirs["Timex"])
    mine = _interval(ours.value) if ours.value else None
    if mine is None:
        return False
    for key in ("FutureResolution", "PastResolution"):
        res = theirs.get(key) or {}
        if "date" in res:
            day = dt.date.fromisoformat(res["date"][:10])
            if mine == (day, day + dt.timedelta(days=1)):
                return True
        if "startDate" in res and "endDate" in res:
            start, end = dt.date.fromisoformat(res["startDate"][:10]), dt.date.fromisoformat(res["endDate"][:10])
            # The spec's end is exclusive for whole periods, inclusive for day ranges.
            if mine in ((start, end), (start, end + dt.timedelta(days=1))):
                return True
    return False


# --- the report -----------------------------------------------------------------


@dataclass(frozen=True)
class Suite:
    file: str
    find: Callable[[str, dt.date | None], list[Result]]
    compare: Callable[[Any, Any], bool] | None  # None: spans only
    floor: float  # pass rate over all entries, as measured (2026-12, issue 14); a drop below fails


SUITES = [
    Suite("rt_number_NumberModel.jsonl", ours_numbers, _same_number, 0.922),
    Suite("rt_number_PercentModel.jsonl", _ours_quantities({"percent"}), _same_number, 0.947),
    Suite("rt_number_OrdinalModel.jsonl", ours_ordinals, _same_number, 0.2),
    Suite("rt_numberwithunit_CurrencyModel.jsonl", _ours_quantities({"currency"}), _same_number, 0.931),
    Suite(
        "rt_numberwithunit_DimensionModel.jsonl",
        _ours_quantities({"area", "length", "mass", "volume", "data", "energy", "power"}),
        _same_number,
        0.896,
    ),
    Suite("rt_numberwithunit_AgeModel.jsonl", _ours_quantities({"age"}), _same_number, 0.5),
    Suite("rt_numberwithunit_TemperatureModel.jsonl", _ours_quantities({"temperature"}), _same_number, 0.6),
    Suite("rt_datetime_DateExtractor.jsonl", ours_dates, None, 0.903),
    Suite("rt_datetime_DateParser.jsonl", ours_dates, _same_date, 0.830),
    Suite("rt_datetime_DatePeriodExtractor.jsonl", ours_dates, None, 0.948),
    Suite("rt_datetime_DatePeriodParser.jsonl", ours_dates, _same_date, 0.879),
    Suite("rt_datetime_DurationExtractor.jsonl", ours_durations, None, 1.0),
]


def load_exclusions() -> dict[tuple[str, int], str]:
    """(file, spec index) -> the reason we do not follow the spec there."""
    data = tomllib.loads(EXCLUSIONS.read_text(encoding="utf-8"))
    return {(row["file"], int(row["index"])): row["reason"] for row in data.get("case", [])}


def entries(file: str) -> Iterator[dict[str, Any]]:
    with (CONFORMANCE / file).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def passes(suite: Suite, entry: dict[str, Any]) -> bool:
    context = entry.get("context") or {}
    ref = dt.date.fromisoformat(context["ReferenceDateTime"][:10]) if context.get("ReferenceDateTime") else None
    ours = suite.find(entry["input"], ref)
    theirs = [(normalize(r["raw_text"]).strip(), r["value"]) for r in entry["results"]]
    if [s for s, _ in ours] != [s for s, _ in theirs]:
        return False
    if suite.compare is None:
        return True
    return all(suite.compare(mine, want) for (_, mine), (_, want) in zip(ours, theirs))


@dataclass
class Tally:
    total: int = 0
    excluded: int = 0
    passed: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def supported(self) -> int:
        return self.total - self.excluded

    @property
    def rate(self) -> float:
        return self.passed / self.supported if self.supported else 1.0


def run_suite(suite: Suite, exclusions: dict[tuple[str, int], str]) -> Tally:
    tally = Tally()
    for entry in entries(suite.file):
        tally.total += 1
        if (suite.file, entry["source"]["index"]) in exclusions:
            tally.excluded += 1
            continue
        if passes(suite, entry):
            tally.passed += 1
        else:
            tally.failed.append(f"{entry['source']['index']}: {entry['input'][:40]}")
    return tally


class _Report:
    """Prints the pass rates as a table at the end of the session."""

    def __init__(self) -> None:
        self.rows: dict[str, Tally] = {}

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.rows:
            return
        write = terminalreporter.write_line
        terminalreporter.section("Recognizers-Text conformance (excluded cases: tests/conformance_exclusions.toml)")
        write(f"{'file':<42} {'entries':>7} {'excluded':>8} {'passed':>6} {'of all':>7} {'of supported':>12}")
        for file, t in sorted(self.rows.items()):
            write(f"{file:<42} {t.total:>7} {t.excluded:>8} {t.passed:>6} {t.passed / t.total:>7.1%} {t.rate:>12.1%}")


@pytest.fixture(scope="session")
def report(pytestconfig: pytest.Config) -> _Report:
    plugin = pytestconfig.pluginmanager.get_plugin("rt-conformance-report")
    if plugin is None:
        plugin = _Report()
        pytestconfig.pluginmanager.register(plugin, "rt-conformance-report")
    return plugin


@pytest.fixture(scope="session")
def exclusions() -> dict[tuple[str, int], str]:
    if not CONFORMANCE.is_dir():
        pytest.skip(f"conformance data not found at {CONFORMANCE} (a clone outside the workspace has none)")
    return load_exclusions()


@pytest.mark.parametrize("suite", SUITES, ids=[s.file.removesuffix(".jsonl") for s in SUITES])
def test_conformance_pass_rate(suite: Suite, exclusions: dict[tuple[str, int], str], report: _Report) -> None:
    if not (CONFORMANCE / suite.file).exists():
        pytest.skip(f"{suite.file} not in {CONFORMANCE}")
    tally = run_suite(suite, exclusions)
    report.rows[suite.file] = tally
    assert tally.supported, f"{suite.file}: every entry is excluded, so its pass rate measures nothing"
    rate = tally.passed / tally.total
    print(
        f"{suite.file}: {tally.passed}/{tally.total} pass ({rate:.1%}); "
        f"{tally.passed}/{tally.supported} of the supported ({tally.rate:.1%}), {tally.excluded} excluded"
    )
    assert rate >= suite.floor, f"pass rate {rate:.1%} fell below {suite.floor:.1%}; failing: {tally.failed[:20]}"


def test_exclusions_name_real_cases_that_still_fail() -> None:
    """Each excluded case exists, has a reason, and still fails (else it leaves the list)."""
    if not CONFORMANCE.is_dir():
        pytest.skip(f"conformance data not found at {CONFORMANCE}")
    data = tomllib.loads(EXCLUSIONS.read_text(encoding="utf-8"))
    suites = {s.file: s for s in SUITES}
    for row in data.get("case", []):
        by_index = {e["source"]["index"]: e for e in entries(row["file"])}
        entry = by_index.get(row["index"])
        assert entry is not None and entry["input"] == row["input"], row
        assert row["reason"].strip(), row
        assert not passes(suites[row["file"]], entry), f"excluded case now passes, remove it: {row}"
