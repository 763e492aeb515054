"""``extract evaluate``: score the pipeline against gold annotations.

Each gold item's text goes through ``extract(text)`` exactly as a library user
would run it; a prediction matches a gold span when type, start and end are
the same.  Precision, recall and F1 come per type and micro-averaged over the
types scored.  A type is scored when the gold set annotates it and the
pipeline produces it: our EVENT and WORK records are not spurious against a
PER/LOC/ORG set, and a gold TITLE (which we do not produce) is reported as not
scored rather than as misses.  For quantities and dates with gold values, the
value accuracy of the matched items is reported too.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from .gold import GoldError, GoldItem, GoldSet, GoldSpan, read_gold, same_value
from .records import Document

# The record types the pipeline writes, and the list each comes from.
PRODUCED = {
    "PERSON": "entities",
    "ORG": "entities",
    "LOCATION": "entities",
    "EVENT": "entities",
    "WORK": "entities",
    "QUANTITY": "quantities",
    "DATE": "dates",
    "QUOTE": "quotes",
}
CONTEXT = 12  # characters shown either side of an error


class Score(BaseModel):
    p: float
    r: float
    f1: float
    tp: int
    n_pred: int
    n_gold: int


class ValueScore(BaseModel):
    matched: int = Field(description="matched items whose gold carries a value")
    correct: int
    accuracy: float


class ErrorItem(BaseModel):
    kind: Literal["missed", "spurious"]
    item: str
    type: str
    span: tuple[int, int]
    text: str
    context: str = Field(description="the text around it, the item in [brackets]")
    near: str | None = Field(default=None, description="an overlapping item of the other side, 'TYPE text'")


class Report(BaseModel):
    overall: Score
    by_type: dict[str, Score]
    values: dict[str, ValueScore] = Field(default_factory=dict)
    items: int
    seconds: float
    not_scored: list[str] = Field(default_factory=list, description="gold types the pipeline does not produce")
    skipped: int = Field(default=0, description="gold items without annotations (unannotated tasks)")
    errors: list[ErrorItem] = Field(default_factory=list)
    files: dict[str, Report] = Field(default_factory=dict, description="one report per gold file, when several")


class _Tally:
    def __init__(self) -> None:
        self.tp: dict[str, int] = {}
        self.pred: dict[str, int] = {}
        self.gold: dict[str, int] = {}
        self.value_matched: dict[str, int] = {}
        self.value_correct: dict[str, int] = {}
        self.missed: list[ErrorItem] = []
        self.spurious: list[ErrorItem] = []

    def count(self, counter: dict[str, int], key: str, n: int = 1) -> None:
        counter[key] = counter.get(key, 0) + n

    def merge(self, other: _Tally) -> None:
        for name in ("tp", "pred", "gold", "value_matched", "value_correct"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key, n in theirs.items():
                self.count(mine, key, n)
        self.missed += other.missed
        self.spurious += other.spurious


def _f(tp: int, n_pred: int, n_gold: int) -> Score:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p=round(p, 4), r=round(r, 4), f1=round(f1, 4), tp=tp, n_pred=n_pred, n_gold=n_gold)


def predictions(doc: Document, types: set[str]) -> dict[tuple[str, int, int], object]:
    """The document's records of the scored types, by (type, start, end)."""
    out: dict[tuple[str, int, int], object] = {}
    for record in doc.entities:
        if record.type in types:
            out[(record.type, *record.span)] = record
    for name, kind in (("quantities", "QUANTITY"), ("dates", "DATE"), ("quotes", "QUOTE")):
        if kind in types:
            for record in getattr(doc, name):
                out[(kind, *record.span)] = record
    return out


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"{before}[{text[start:end]}]{after}".replace("\n", "⏎")


def _near(key: tuple[str, int, int], others: Iterable[tuple[str, int, int]], text: str) -> str | None:
    for t, s, e in others:
        if s < key[2] and key[1] < e and (t, s, e) != key:
            return f"{t} {text[s:e]}"
    return None


def score_item(item: GoldItem, doc: Document, types: set[str], tally: _Tally) -> None:
    """Add one item's matches, misses and spurious records to ``tally``."""
    gold: dict[tuple[str, int, int], GoldSpan] = {(s.type, s.start, s.end): s for s in item.spans if s.type in types}
    pred = predictions(doc, types)
    for key in gold:
        tally.count(tally.gold, key[0])
    for key in pred:
        tally.count(tally.pred, key[0])
    for key, span in gold.items():
        record = pred.get(key)
        if record is None:
            tally.missed.append(_error("missed", item, key, pred))
            continue
        tally.count(tally.tp, key[0])
        if span.value is not None:
            tally.count(tally.value_matched, key[0])
            if _value_ok(span, record):
                tally.count(tally.value_correct, key[0])
    for key in pred.keys() - gold.keys():
        tally.spurious.append(_error("spurious", item, key, gold))


def _value_ok(span: GoldSpan, record: object) -> bool:
    """The record's value (and unit and upper bound, when the gold gives them) equal the gold's."""
    if not same_value(span, getattr(record, "value", None), getattr(record, "unit", None)):
        return False
    if span.value_max is None:
        return True
    upper = GoldSpan(span.type, span.start, span.end, span.value_max)
    return same_value(upper, getattr(record, "value_max", None))


def _error(
    kind: Literal["missed", "spurious"], item: GoldItem, key: tuple[str, int, int], others: Iterable
) -> ErrorItem:
    t, s, e = key
    return ErrorItem(
        kind=kind,
        item=item.id,
        type=t,
        span=(s, e),
        text=item.text[s:e],
        context=_context(item.text, s, e),
        near=_near(key, others, item.text),
    )


def _report(tally: _Tally, types: set[str], items: int, seconds: float, not_scored: set[str], errors: int) -> Report:
    by_type = {t: _f(tally.tp.get(t, 0), tally.pred.get(t, 0), tally.gold.get(t, 0)) for t in sorted(types)}
    overall = _f(sum(tally.tp.values()), sum(tally.pred.values()), sum(tally.gold.values()))
    values = {
        t: ValueScore(
            matched=n, correct=tally.value_correct.get(t, 0), accuracy=round(tally.value_correct.get(t, 0) / n, 4)
        )
        for t, n in sorted(tally.value_matched.items())
        if n
    }
    listed = tally.missed[:errors] + tally.spurious[:errors] if errors else []
    return Report(
        overall=overall,
        by_type=by_type,
        values=values,
        items=items,
        seconds=round(seconds, 2),
        not_scored=sorted(not_scored),
        errors=listed,
    )


def _run(
    gold: GoldSet, types: set[str] | None, reference_date: dt.date | None, progress: _Progress | None
) -> tuple[_Tally, set[str], set[str]]:
    from .pipeline import extract

    scored = (gold.types & PRODUCED.keys()) if types is None else (set(types) & PRODUCED.keys())
    not_scored = gold.types - PRODUCED.keys() if types is None else set(types) - PRODUCED.keys()
    tally = _Tally()
    for item in gold.items:
        score_item(item, extract(item.text, reference_date=reference_date), scored, tally)
        if progress:
            progress.step()
    return tally, scored, not_scored


def evaluate(
    gold: str | Path | Sequence[str | Path],
    *,
    types: Iterable[str] | None = None,
    reference_date: dt.date | str | None = None,
    errors: int = 0,
    fmt: str | None = None,
    progress: bool = False,
) -> Report:
    """Score ``extract()`` against one gold file or several (``GoldError`` when one cannot be read).

    ``types`` limits the scored types (default: those the gold set annotates
    and the pipeline produces); ``errors`` lists that many missed and that many
    spurious items; ``fmt`` is ``jsonl``, ``bio`` or ``label-studio`` (default:
    by extension or content).  With several files, ``files`` holds the report of each.
    """
    paths = [gold] if isinstance(gold, str | Path) else list(gold)
    wanted = {t.strip().upper() for t in types} if types is not None else None
    from .pipeline import as_reference_date

    ref = as_reference_date(reference_date)
    sets = [read_gold(p, fmt) for p in paths]
    started = time.perf_counter()
    bar = _Progress(sum(len(s.items) for s in sets)) if progress else None
    total, all_types, all_not = _Tally(), set(), set()
    files: dict[str, Report] = {}
    n_items = 0
    for gold_set in sets:
        t0 = time.perf_counter()
        tally, scored, not_scored = _run(gold_set, wanted, ref, bar)
        files[gold_set.path] = _report(tally, scored, len(gold_set.items), time.perf_counter() - t0, not_scored, errors)
        files[gold_set.path].skipped = gold_set.skipped
        total.merge(tally)
        all_types |= scored
        all_not |= not_scored
        n_items += len(gold_set.items)
    if bar:
        bar.done()
    report = _report(total, all_types, n_items, time.perf_counter() - started, all_not, errors)
    report.skipped = sum(s.skipped for s in sets)
    if len(sets) > 1:
        report.files = files
    return report


class _Progress:
    """A one-line progress count on stderr, only when it is a terminal and the run is long."""

    def __init__(self, total: int) -> None:
        self.total, self.n = total, 0
        self.on = total >= 200 and sys.stderr.isatty()
        self.started = time.perf_counter()

    def step(self) -> None:
        self.n += 1
        if self.on and (self.n % 50 == 0 or self.n == self.total):
            rate = self.n / max(time.perf_counter() - self.started, 1e-9)
            sys.stderr.write(f"\revaluate: {self.n:,}/{self.total:,} items, {rate:,.0f}/s")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\n")


# --- the command ------------------------------------------------------------------------------


def format_report(report: Report, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'type':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>6} {'predicted':>9} {'gold':>6}")
    rows = [*report.by_type.items(), ("overall", report.overall)]
    for name, s in rows:
        lines.append(f"{name:<10} {s.p:>9.3f} {s.r:>7.3f} {s.f1:>6.3f} {s.tp:>6} {s.n_pred:>9} {s.n_gold:>6}")
    for name, v in report.values.items():
        lines.append(f"{name} values: {v.correct}/{v.matched} matched items right ({v.accuracy:.3f})")
    if report.not_scored:
        lines.append(
            f"not scored (the gold set annotates them, extract does not produce them): {', '.join(report.not_scored)}"
        )
    if report.skipped:
        lines.append(f"skipped: {report.skipped} items without annotations")
    lines.append(f"{report.items:,} items in {report.seconds:.1f} s")
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    out = []
    for e in report.errors:
        near = f"  (near {e.near})" if e.near else ""
        out.append(f"{e.kind:<8} {e.type:<9} {e.item:<20} {e.context}{near}")
    return "\n".join(out)


def run_evaluate(
    paths: list[str],
    *,
    types: str | None,
    errors: int,
    as_json: bool,
    reference_date: dt.date | None,
    fmt: str | None,
) -> int:
    """``extract evaluate``: 0 when scored, 1 when a gold file cannot be read."""
    try:
        report = evaluate(
            paths,
            types=types.split(",") if types else None,
            reference_date=reference_date,
            errors=errors,
            fmt=fmt,
            progress=True,
        )
    except GoldError as exc:
        sys.stderr.write(f"extract: {exc}\n")
        return 1
    if as_json:
        data = report.model_dump(mode="json", exclude_defaults=False)
        if not errors:
            data.pop("errors")
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return 0
    for path, sub in report.files.items():
        sys.stdout.write(format_report(sub, path) + "\n\n")
    sys.stdout.write(format_report(report, "all files" if report.files else paths[0]) + "\n")
    if errors:
        sys.stdout.write("\n" + format_errors(report) + "\n")
    return 0
