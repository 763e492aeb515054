"""The row tables of the place and organization finders, by file name.

``data/place_rules.toml``, ``data/org_rules.toml`` and ``data/org_bodies.toml``
hold the words of the place and organization finders as rows of the project's
one rule schema (``rule_schema.NameRow``: an ``id``, the surfaces, the words
around them, ``examples`` that must be found and ``negatives`` that must not),
loaded and validated by the one loader, ``rules.load_table``.
"""

from __future__ import annotations

from importlib import resources

from ..rule_schema import NameRow, OrgBodyTable, OrgRuleTable, PlaceRuleTable, Table
from ..rules import load_table

NAME_TABLES: dict[str, type[Table]] = {
    PlaceRuleTable.FILE: PlaceRuleTable,
    OrgRuleTable.FILE: OrgRuleTable,
    OrgBodyTable.FILE: OrgBodyTable,
}

NameTable = dict[str, tuple[NameRow, ...]]
"""Rows by section (``abbrev``, ``suffix`` ...), in file order."""


def load_name_table(name: str) -> NameTable:
    """The rows of ``data/<name>`` by section, validated by the rule schema (``rules.RuleTableError`` names the row)."""
    table = load_table(NAME_TABLES[name])
    return {section: getattr(table, section) for section in type(table).model_fields}


def rows_of(name: str, section: str) -> tuple[NameRow, ...]:
    return load_name_table(name).get(section, ())


def surfaces_of(name: str, section: str) -> frozenset[str]:
    """Every surface of every row of one section."""
    return frozenset(s for row in rows_of(name, section) for s in row.surfaces)


def load_gazetteer_lines(name: str) -> list[list[str]]:
    """The tab-separated rows of a generated gazetteer file (``#`` lines are its header)."""
    text = resources.files("extract.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
