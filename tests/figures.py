"""Run the quantity and date finders on a snippet as the pipeline runs them on a page.

The pipeline needs a page (articles, paragraphs) around its figures; a test of
one phrase does not have one.  This helper applies the same steps to a bare
string: layout normalization, jieba tokens, both finders, and the one overlap
resolution (quantities compete with dates).
"""

from __future__ import annotations

import datetime as dt

from extract.doc import interior_of
from extract.extractors import Candidate
from extract.extractors.dates import DATE_PRIORITY, DateFound, find_dates_in
from extract.extractors.quantities import QUANTITY_PRIORITY, Found, find_quantities_in
from extract.layout import normalize
from extract.resolve import resolve_overlaps
from extract.tokenize import tokenize


def figures(text: str, reference_date: dt.date | None = None) -> tuple[str, list[Found], list[DateFound]]:
    """The reading text of ``text``, and the quantities and dates that survive on it."""
    reading = normalize(text)
    inside = interior_of(tokenize(reading))
    cands = [
        Candidate(
            "quantities", (f.start, f.end), f.rule, {"found": f}, QUANTITY_PRIORITY, competes_with=frozenset({"dates"})
        )
        for f in find_quantities_in(reading, inside)
    ]
    cands += [
        Candidate("dates", (f.start, f.end), f.rule, {"found": f}, DATE_PRIORITY)
        for f in find_dates_in(reading, reference_date, inside)
    ]
    kept = resolve_overlaps(cands)
    quantities = [c.fields["found"] for c in kept if c.layer == "quantities"]
    dates = [c.fields["found"] for c in kept if c.layer == "dates"]
    return reading, quantities, dates
