"""Byline persons: the reporters, photographers and signatures that structure found."""

from __future__ import annotations

from ..doc import Doc
from . import Candidate

_RULES = {
    "reporter": "person/byline.reporter",
    "photographer": "person/credit.photographer",
    "signature": "person/signature",
}


def find_byline_persons(doc: Doc) -> list[Candidate]:
    """Names structure found on printed lines: raw spans, and their reading span when they lie in a unit."""
    out = []
    for article in doc.articles:
        for credit in article.credits:
            rule = _RULES.get(credit.role)
            if rule is None:
                continue
            for name in credit.names:
                out.append(
                    Candidate(
                        "entities",
                        _reading_span(doc, name.span),
                        rule,
                        {"type": "PERSON", "article": article.id, "via": credit.rule},
                        priority=10,
                        raw=name.span,
                    )
                )
    return out


def _reading_span(doc: Doc, raw: tuple[int, int]) -> tuple[int, int] | None:
    """Where a name printed at ``raw`` lies in the reading text, if it does (credit lines are not units)."""
    start, end = doc.reading.from_raw(*raw)
    if start < end and doc.reading.to_raw(start, end) == raw and "\n" not in doc.text[start:end]:
        return start, end
    return None
