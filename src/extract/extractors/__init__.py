"""Extractors: each finds candidates on the document and names the rule that fired.

An extractor is a function ``find_*(doc) -> list[Candidate]``.  Candidates
carry reading-text spans; ``place_candidates`` gives each its raw span once,
the overlap resolution stage (``extract.resolve``) decides between them on raw
spans, and the records stage turns the survivors into pydantic records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..doc import Doc


@dataclass(slots=True)
class Candidate:
    layer: str  # entities, quantities, dates, quotes: candidates compete within a layer
    span: tuple[int, int] | None  # reading offsets; None for a name printed outside the reading text
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)
    priority: int = 0  # breaks ties between equally long candidates (higher wins)
    nested_ok: bool = False  # may survive inside a longer candidate of its layer
    competes_with: frozenset[str] = frozenset()  # other layers it excludes on overlap (quantities vs dates)
    raw: tuple[int, int] | None = None  # raw offsets, set once by place_candidates (or by the finder)

    @property
    def where(self) -> tuple[int, int]:
        """The raw span when known, else the reading span (what overlap resolution compares)."""
        if self.raw is not None:
            return self.raw
        assert self.span is not None
        return self.span


Extractor = Callable[[Doc], list[Candidate]]


def place_candidates(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Give every candidate its raw span: the one conversion from reading to raw offsets."""
    to_raw = doc.reading.to_raw
    for cand in candidates:
        if cand.raw is None and cand.span is not None:
            cand.raw = to_raw(*cand.span)
    return candidates


def all_extractors() -> list[Extractor]:
    from .bylines import find_byline_persons
    from .dates import find_dates
    from .entities import find_entities
    from .quantities import find_quantities
    from .quotes import find_quotes

    return [find_byline_persons, find_entities, find_quotes, find_quantities, find_dates]
