"""Rule tables: one row schema, one loader for every table in ``extract/data``.

A rule is a row with a stable ``id``, its ``surfaces`` or ``pattern``,
``examples`` that must match (with the value they give) and ``negatives`` that
must not; ``tests/test_rule_rows.py`` runs every example and negative of every
row.  Each table (one file per dimension: numeral, quantity, date, person,
organization, place, event_work, quote, relation, structure) is a pydantic
model whose sections are lists of rows; a row type declares its own typed
fields (a unit's ``kind``, a qualifier's ``position``) and nothing else is
accepted (``extra="forbid"``).  A table is validated when it is first loaded,
and a bad row raises ``RuleTableError`` naming the file and the row id.

Shared parts (``shared.toml``: numeral classes, range connectors, the person
name, news agencies, the 据X介绍 frames) are defined once and referenced by name
in patterns as ``{part}``; ``expand`` substitutes them, and every pattern of a
table is expanded and compiled when the table loads.

Time bounds on untrusted text: every pattern of the ``regex`` module that
runs on page text passes ``timeout=REGEX_TIMEOUT`` (a timeout becomes an
error record for that input).  The few ``re`` patterns (layout's space runs,
structure's trigger and bigram filter, the view's surrogate filter) are one
character class or an alternation of literals: linear by construction.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any, ClassVar, Literal, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

# Seconds one pattern may spend on one piece of text before the regex module
# raises TimeoutError (untrusted text is bounded).
REGEX_TIMEOUT = 1.0

# dimension/name.variant: quantity/area.sqm, person/title.job, byline.reporter_line.
ROW_ID = r"^[a-z][a-z_]*(?:/[a-z][a-z0-9_]*)?(?:\.[a-z][a-z0-9_]*)*$"
_PART_REF = regex.compile(r"\{([a-z][a-z_]*)\}")


class RuleTableError(ValueError):
    """A table that does not follow the schema: the message names the file and the row."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A text a row must match, and what it must give."""

    text: str
    match: str | None = None  # the expected span's text (default: the whole text)
    value: str | None = None  # a quantity's or numeral's Decimal, a date's ISO value
    value_max: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    ordinal: bool = False
    ref: dt.date | None = None  # the reference date of a relative date
    rule: str | None = None  # the rule of the expected record, when not the row's own (a veto, a stop word)
    names: tuple[str, ...] | None = None  # the person names a credit pattern reads
    speaker: str | None = None  # a quote's speaker


class Row(_Strict):
    """One rule: an id, its surfaces or pattern, examples and negatives."""

    id: str = Field(pattern=ROW_ID)
    surfaces: tuple[str, ...] = ()
    pattern: str | None = None
    examples: tuple[Example, ...] = Field(min_length=1)
    negatives: tuple[str, ...] = ()


# --- shared parts -------------------------------------------------------------


class PartRow(Row):
    """A named regex part: ``pattern``, or ``surfaces`` as an alternation; ``chars`` a character class."""

    chars: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> PartRow:
        if sum(map(bool, (self.surfaces, self.pattern, self.chars))) != 1:
            raise ValueError("a part has exactly one of surfaces, pattern, chars")
        return self


# --- numerals ----------------------------------------------------------------


class NumeralRow(Row):
    """Characters of the number grammar and their values (零 0, 十 10, 万 10000)."""

    values: dict[str, int] = {}


# --- quantities -----------------------------------------------------------------

UnitKind = Literal[
    "count", "currency", "area", "length", "mass", "volume", "energy", "power", "data",
    "duration", "age", "temperature", "percent",
]  # fmt: skip


class UnitRow(Row):
    kind: UnitKind
    unit: str | None = None  # the record's unit (default: the surface, or the only surface)
    scale: str | None = None  # a Decimal factor (三成 = 30 %) or "discount" (八折 = 80 %)


class PerRow(Row):
    """Per-hundred forms: 百分之 -> factor 1 of a percent."""

    factors: dict[str, str]
    kind: UnitKind
    unit: str


class CompoundRow(Row):
    """A measure written in two units (3分20秒): each unit's size in the smallest one."""

    kind: UnitKind
    sizes: dict[str, int]


class QualifierRow(Row):
    position: Literal["before", "infix", "after", "numeral"]
    qualifier: Literal["more_than", "at_least", "less_than", "at_most", "approx", "exact", "range"]
    in_span: bool = True  # emphasis words (高达) stay outside the quantity's text
    not_after: tuple[str, ...] = ()  # the 签 of 签约: the word belongs to another word
    not_before: tuple[str, ...] = ()  # the 游 of 上下游


class VetoRow(Row):
    """Surfaces that stop a candidate: set phrases, or what stands right ``before`` a numeral."""

    before: tuple[str, ...] = ()


# --- dates ----------------------------------------------------------------------


class Shift(_Strict):
    """How far a relative word moves from the reference date: 去年 is year -1."""

    unit: Literal["year", "month", "week", "day", "recent"]  # recent: the n days up to the reference date (近日)
    n: int


class DateRow(Row):
    kind: Literal["absolute", "range", "relative"]
    unit_veto: bool = False  # a unit or magnitude after the match makes it a quantity (2000人)
    shifts: dict[str, Shift] = {}  # relative words: 去年 -> years -1
    parts: dict[str, tuple[int, int]] = {}  # parts of a year: 上半年 -> months 1..6
    weekdays: dict[str, int] = {}  # 一 -> 0 (Monday)
    magnitudes: str = ""  # characters after a year-shaped number that make it a quantity


# --- entities, quotes, relations -----------------------------------------------


class EntityRow(Row):
    heads: tuple[str, ...] = ()  # head nouns closing a list or a programme name
    districts: tuple[str, ...] = ()  # parts of a zone: 北区
    chars: str = ""  # single-character surfaces (prepositions)
    vetoes: tuple[str, ...] = ()  # words that look like a match and are not (jieba ns words that are no places)


class RelationRow(Row):
    leads: tuple[str, ...] = ()  # words that open a clause and are no part of a subject
    tails: tuple[str, ...] = ()  # linking verbs and qualifiers between a subject and its quantity
    vetoes: tuple[str, ...] = ()


class StructureRow(Row):
    role: str = ""
    requires: tuple[str, ...] = ()  # the line must contain one of these for the pattern to run


# --- tables ---------------------------------------------------------------------


class Table(_Strict):
    FILE: ClassVar[str]

    def sections(self) -> Iterator[tuple[str, Row]]:
        for name in type(self).model_fields:
            for row in getattr(self, name):
                yield name, row


class SharedTable(Table):
    FILE = "shared.toml"
    part: tuple[PartRow, ...]


class NumeralTable(Table):
    FILE = "numeral.toml"
    numeral: tuple[NumeralRow, ...]


class QuantityTable(Table):
    FILE = "quantity.toml"
    unit: tuple[UnitRow, ...]
    per: tuple[PerRow, ...]
    compound: tuple[CompoundRow, ...]
    qualifier: tuple[QualifierRow, ...]
    modifier: tuple[Row, ...]
    veto: tuple[VetoRow, ...]


class DateTable(Table):
    FILE = "date.toml"
    date: tuple[DateRow, ...]


class PersonTable(Table):
    FILE = "person.toml"
    title: tuple[EntityRow, ...]
    honorific: tuple[EntityRow, ...]
    speech: tuple[EntityRow, ...]


class OrganizationTable(Table):
    FILE = "organization.toml"
    form: tuple[EntityRow, ...]
    agency: tuple[EntityRow, ...]
    trade: tuple[EntityRow, ...]
    enumeration: tuple[EntityRow, ...]
    word: tuple[EntityRow, ...]  # generic words, kinds and stop words: what a name is not


class PlaceTable(Table):
    FILE = "place.toml"
    zone: tuple[EntityRow, ...]
    venue: tuple[EntityRow, ...]
    division: tuple[EntityRow, ...]
    gazetteer: tuple[EntityRow, ...]


class EventWorkTable(Table):
    FILE = "event_work.toml"
    event: tuple[EntityRow, ...]
    work: tuple[EntityRow, ...]


class QuoteTable(Table):
    FILE = "quote.toml"
    quote: tuple[EntityRow, ...]


class RelationTable(Table):
    FILE = "relation.toml"
    relation: tuple[RelationRow, ...]


class StructureTable(Table):
    FILE = "structure.toml"
    byline: tuple[StructureRow, ...]
    lead: tuple[StructureRow, ...]
    credit: tuple[StructureRow, ...]
    signature: tuple[StructureRow, ...]
    label: tuple[StructureRow, ...]


TABLES: tuple[type[Table], ...] = (
    SharedTable, NumeralTable, QuantityTable, DateTable, PersonTable, OrganizationTable,
    PlaceTable, EventWorkTable, QuoteTable, RelationTable, StructureTable,
)  # fmt: skip
T = TypeVar("T", bound=Table)


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse ``extract/data/<name>`` (TOML), once per process; rule tables go through ``load_table``."""
    with resources.files("extract.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


def _row_named(data: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """The id of the row an error location points into (section, index, ...)."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        rows = data.get(loc[0])
        if isinstance(rows, list) and loc[1] < len(rows) and isinstance(rows[loc[1]], dict):
            return f"row {rows[loc[1]].get('id', f'{loc[0]}[{loc[1]}]')!r}"
        return f"row {loc[0]}[{loc[1]}]"
    return "table"


@cache
def load_table(model: type[T]) -> T:
    """The table of ``model`` validated, its patterns expanded and compiled, once per process."""
    data = load_data(model.FILE)
    try:
        table = model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _row_named(data, tuple(err["loc"]))
        field = ".".join(str(p) for p in err["loc"][2:]) or str(err["loc"][0])
        raise RuleTableError(f"{model.FILE}: {where}: {field}: {err['msg']}") from None
    seen: set[str] = set()
    for _, row in table.sections():
        if row.id in seen:
            raise RuleTableError(f"{model.FILE}: row {row.id!r}: id is not unique")
        seen.add(row.id)
        if row.pattern is not None and model is not SharedTable:
            try:
                compile_row(row)
            except (KeyError, regex.error) as exc:
                raise RuleTableError(f"{model.FILE}: row {row.id!r}: pattern: {exc}") from None
    return table


def all_tables() -> list[Table]:
    return [load_table(model) for model in TABLES]


def alternation(surfaces: Iterable[str]) -> str:
    """A regex alternation of literal surfaces, longest first (平方米 before 米, 股份有限公司 before 公司)."""
    return "|".join(regex.escape(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


@cache
def shared_parts() -> dict[str, str]:
    """Every shared part by name, as regex source with its own references expanded."""
    rows = {row.id.removeprefix("shared/"): row for row in load_table(SharedTable).part}
    out: dict[str, str] = {}

    def source(name: str, stack: tuple[str, ...]) -> str:
        if name in out:
            return out[name]
        if name not in rows or name in stack:
            raise KeyError(f"unknown or circular part {{{name}}}")
        row = rows[name]
        if row.chars:
            src = "[" + "".join(regex.escape(c) for c in row.chars) + "]"
        elif row.surfaces:
            src = f"(?:{alternation(row.surfaces)})"
        else:
            assert row.pattern is not None
            src = "(?:" + _PART_REF.sub(lambda m: source(m.group(1), (*stack, name)), row.pattern) + ")"
        out[name] = src
        return src

    for row in load_table(NumeralTable).numeral:  # {digit}, {small_unit}: the number grammar's characters
        chars = "".join(row.values) or "".join(row.surfaces)
        out[row.id.removeprefix("numeral/")] = "[" + "".join(regex.escape(c) for c in chars) + "]"
    for name in rows:
        source(name, ())
    return out


def part_surfaces(name: str) -> tuple[str, ...]:
    """The surfaces (or characters) of a shared part: 至, 到, - for {to}."""
    row = next(r for r in load_table(SharedTable).part if r.id == f"shared/{name}")
    return row.surfaces or tuple(row.chars)


def expand(pattern: str, **local: str) -> str:
    """``pattern`` with every ``{part}`` replaced: ``local`` parts first, then the shared ones."""
    parts = shared_parts()

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name in local:
            return local[name]
        if name not in parts:
            raise KeyError(f"unknown part {{{name}}}")
        return parts[name]

    return _PART_REF.sub(sub, pattern)


@cache
def compile_pattern(pattern: str, **local: str) -> regex.Pattern[str]:
    """A table pattern expanded and compiled, once per process."""
    return regex.compile(expand(pattern, **local))


def local_parts(row: Row) -> dict[str, str]:
    """A row's own words as parts of its pattern: {surfaces}, {heads}, {shifts} (the keys of a table) ..."""
    out = {}
    for name in type(row).model_fields:
        value = getattr(row, name)
        if name not in ("examples", "negatives") and value and isinstance(value, tuple | dict):
            if all(isinstance(v, str) for v in value):
                out[name] = f"(?:{alternation(value)})"
    return out


def compile_row(row: Row) -> regex.Pattern[str]:
    """The row's pattern with its own words and the shared parts substituted, compiled once."""
    assert row.pattern is not None, row.id
    return compile_pattern(row.pattern, **local_parts(row))
