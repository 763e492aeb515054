"""The row tables of the place and organization finders: schema and loader.

``data/place_rules.toml``, ``data/org_rules.toml`` and ``data/org_bodies.toml``
hold the words of the place and organization finders as rows (the project's
convention: an ``id``, the surfaces, ``examples`` that must be found and
``negatives`` that must not).  Rows are validated here (unknown keys are
errors, so a typo cannot silently switch a row off) and loaded once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError


class RowExample(BaseModel):
    """A sentence and the name a row must find in it (``rule``: when another row's span is expected)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    match: str
    rule: str | None = None


class NameRow(BaseModel):
    """One row: its surfaces, the context words around them, vetoes, examples and negatives."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    surfaces: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    vetoes: tuple[str, ...] = ()
    examples: tuple[RowExample, ...] = ()
    negatives: tuple[str, ...] = ()


NameTable = dict[str, tuple[NameRow, ...]]
"""Rows by section (``abbrev``, ``suffix`` ...), in file order."""


@cache
def load_name_table(name: str) -> NameTable:
    """The rows of ``data/<name>``, validated; raises ``ValueError`` naming the file and row."""
    text = resources.files("extract.data").joinpath(name).read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    table: NameTable = {}
    for section, rows in raw.items():
        if not isinstance(rows, list):
            raise ValueError(f"{name}: [{section}] must be an array of tables ([[{section}]])")
        parsed = []
        for number, row in enumerate(rows, 1):
            try:
                parsed.append(NameRow.model_validate(row))
            except ValidationError as exc:
                raise ValueError(f"{name}: [[{section}]] row {number} ({row.get('id', '?')}): {exc}") from exc
        table[section] = tuple(parsed)
    return table


def rows_of(name: str, section: str) -> tuple[NameRow, ...]:
    return load_name_table(name).get(section, ())


def surfaces_of(name: str, section: str) -> frozenset[str]:
    """Every surface of every row of one section."""
    return frozenset(s for row in rows_of(name, section) for s in row.surfaces)


def load_gazetteer_lines(name: str) -> list[list[str]]:
    """The tab-separated rows of a generated gazetteer file (``#`` lines are its header)."""
    text = resources.files("extract.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
