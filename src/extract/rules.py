"""Rule tables: one loader for every table in ``extract/data``, shared parts, patterns compiled once.

The row types and tables are pydantic models (``rule_schema``, re-exported
here).  A table is validated when it is first loaded (``load_table``), and a
bad row raises ``RuleTableError`` naming the file and the row id.

Shared parts (``shared.toml``: numeral classes, range connectors, the person
name, news agencies, the 据X介绍 frames) are defined once and referenced by name
in patterns as ``{part}``; ``expand`` substitutes them, and every pattern of a
table is expanded and compiled when the table loads.

Time bounds on untrusted text: every pattern of the ``regex`` module that
runs on page text passes ``timeout=REGEX_TIMEOUT`` (a timeout becomes an
error record for that input).  The few ``re`` patterns (layout's blank, invisible
and foldable characters and its surrogate filter, the sentence end, the structure
rules' needles, the input's control characters, the person lexicon's team and
eponym words) are character classes or alternations of literal words:
linear by construction.  The tables' literal words found anywhere on a page go
through the trigger pass (``triggers.py``: one Aho–Corasick scan, linear too).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import regex
from pydantic import ValidationError

from .regex_code import compile_regex
from .rule_schema import (
    ROW_ID,
    TABLES,
    CompoundRow,
    DateRow,
    DateTable,
    EntityRow,
    EventWorkTable,
    Example,
    NumeralRow,
    NumeralTable,
    OrganizationTable,
    PartRow,
    PerRow,
    PersonTable,
    PlaceTable,
    QualifierRow,
    QuantityTable,
    QuoteTable,
    RelationRow,
    RelationTable,
    Row,
    SharedTable,
    Shift,
    StructureRow,
    StructureTable,
    Table,
    UnitKind,
    UnitRow,
    VetoRow,
)

__all__ = [
    "REGEX_TIMEOUT",
    "ROW_ID",
    "TABLES",
    "CompoundRow",
    "DateRow",
    "DateTable",
    "EntityRow",
    "EventWorkTable",
    "Example",
    "NumeralRow",
    "NumeralTable",
    "OrganizationTable",
    "PartRow",
    "PerRow",
    "PersonTable",
    "PlaceTable",
    "QualifierRow",
    "QuantityTable",
    "QuoteTable",
    "RelationRow",
    "RelationTable",
    "Row",
    "RuleTableError",
    "SharedTable",
    "Shift",
    "StructureRow",
    "StructureTable",
    "Table",
    "UnitKind",
    "UnitRow",
    "VetoRow",
    "all_tables",
    "alternation",
    "compile_pattern",
    "compile_row",
    "expand",
    "load_data",
    "load_table",
    "local_parts",
    "part_surfaces",
    "shared_parts",
]

# Seconds one pattern may spend on one piece of text before the regex module
# raises TimeoutError (untrusted text is bounded).
REGEX_TIMEOUT = 1.0
_PART_REF = regex.compile(r"\{([a-z][a-z_]*)\}")


class RuleTableError(ValueError):
    """A table that does not follow the schema: the message names the file and the row."""


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


def _validate(model: type[T]) -> T:
    """``model``'s file parsed and validated (a bad row raises ``RuleTableError`` naming it)."""
    data = load_data(model.FILE)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _row_named(data, tuple(err["loc"]))
        field = ".".join(str(p) for p in err["loc"][2:]) or str(err["loc"][0])
        raise RuleTableError(f"{model.FILE}: {where}: {field}: {err['msg']}") from None


@cache
def _validated_tables() -> dict[str, Table]:
    """Every table of ``TABLES`` validated, by file name, kept between processes (``disk_cached``,
    keyed by the data files and the schema): parsing the TOML is about a tenth of a second of
    each cold start, reading the validated tables back a hundredth."""
    from .disk_cache import disk_cached

    return disk_cached("rule-tables", lambda: {m.FILE: _validate(m) for m in TABLES}, *_schema_files(), __file__)


def _validated_table(model: type[T]) -> Table:
    """A table whose model a finder defines itself (``QuantityFormTable``), validated and kept between
    processes alone, keyed by its data file and the model's module as well."""
    import sys

    from .disk_cache import disk_cached

    module = sys.modules[model.__module__].__file__ or ""
    return disk_cached(f"rule-table-{model.FILE}", lambda: _validate(model), *_schema_files(), __file__, module)


def _schema_files() -> tuple[str, ...]:
    """What validated tables depend on besides their data: the schema, and pydantic, which validates
    and pickles them (its version file; pydantic pins its compiled core's version exactly)."""
    from pydantic import version

    from . import rule_schema

    return rule_schema.__file__ or "", version.__file__ or ""


@cache
def load_table(model: type[T]) -> T:
    """The table of ``model`` validated, its patterns expanded and compiled, once per process."""
    cached = _validated_tables().get(model.FILE) if model in TABLES else _validated_table(model)
    table = cached if isinstance(cached, model) else _validate(model)
    seen: set[str] = set()
    try:
        parts = table_parts(table)
    except (KeyError, regex.error) as exc:
        raise RuleTableError(f"{model.FILE}: part: {exc}") from None
    for _, row in table.sections():
        if row.id in seen:
            raise RuleTableError(f"{model.FILE}: row {row.id!r}: id is not unique")
        seen.add(row.id)
        if row.pattern is not None and model is not SharedTable:
            try:
                compile_row(row, parts)
            except (KeyError, regex.error) as exc:
                raise RuleTableError(f"{model.FILE}: row {row.id!r}: pattern: {exc}") from None
    return table


def all_tables() -> list[Table]:
    return [load_table(model) for model in TABLES]


_Trie = dict[str, "_Trie"]


def alternation(surfaces: Iterable[str]) -> str:
    """The regex source of a choice of literal surfaces, longest first (平方米 before 米, 股份有限公司
    before 公司), written as a trie: ``元|美元|美分`` becomes ``(?:元|美(?:元|分))``.

    A flat alternation makes the regex engine try every surface in turn at each place; a trie follows
    the text from its first character (the units and currency names after a number: 0.71 -> 0.55 ms
    a page).  The match is the same: a greedy optional branch is tried before the shorter surface
    that ends where it begins."""
    root: _Trie = {}
    for surface in set(surfaces):
        node = root
        for ch in surface:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(root)


def _trie_source(node: _Trie) -> str:
    # A letter or digit (every Han character) needs no escape: regex.escape, a Python loop, only for the rest.
    branches = [(ch if ch.isalnum() else regex.escape(ch)) + _trie_source(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


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
    return compile_regex(expand(pattern, **local))


def local_parts(row: Row) -> dict[str, str]:
    """A row's own words as parts of its pattern: {surfaces}, {heads}, {shifts} (the keys of a table) ..."""
    out = {}
    for name in type(row).model_fields:
        value = getattr(row, name)
        if name not in ("examples", "negatives") and value and isinstance(value, tuple | dict):
            if all(isinstance(v, str) for v in value):
                out[name] = f"(?:{alternation(value)})"
    return out


def table_parts(table: Table) -> dict[str, str]:
    """A table's own parts (its ``part`` section, date.toml's {years}), for its own rows; each may use those above it."""
    out: dict[str, str] = {}
    if isinstance(table, SharedTable):
        return out
    for row in getattr(table, "part", ()):
        name = row.id.split("/", 1)[-1].removeprefix("part.")
        if row.chars:
            out[name] = "[" + "".join(regex.escape(c) for c in row.chars) + "]"
        elif row.surfaces:
            out[name] = f"(?:{alternation(row.surfaces)})"
        else:
            out[name] = "(?:" + expand(row.pattern or "", **out) + ")"
    return out


def compile_row(row: Row, parts: dict[str, str] | None = None) -> regex.Pattern[str]:
    """The row's pattern with its own words, its table's parts and the shared parts substituted, compiled once."""
    assert row.pattern is not None, row.id
    return compile_pattern(row.pattern, **{**(parts or {}), **local_parts(row)})
