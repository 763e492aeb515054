"""Extractors: each finds candidates on a page and names the rule that fired.

An extractor is a function ``find_*(page) -> list[Candidate]``.  Candidates
carry raw spans (converted from reading offsets with ``Page.to_raw``); the
overlap resolution stage (``extract.resolve``) decides between them and the
records stage turns the survivors into pydantic records.  The extractors of the
numbers, dates, entities and quotes issues register here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..page import Page


@dataclass(frozen=True)
class Candidate:
    layer: str  # entities, quantities, dates, quotes: candidates compete within a layer
    span: tuple[int, int]  # raw offsets
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)
    priority: int = 0  # breaks ties between equally long candidates (higher wins)
    nested_ok: bool = False  # may survive inside a longer candidate of its layer
    competes_with: frozenset[str] = frozenset()  # other layers it excludes on overlap (quantities vs dates)


Extractor = Callable[[Page], list[Candidate]]


def all_extractors() -> list[Extractor]:
    from .bylines import find_byline_persons
    from .dates import find_dates
    from .entities import find_entities
    from .quantities import find_quantities
    from .quotes import find_quotes

    return [find_byline_persons, find_entities, find_quotes, find_quantities, find_dates]
