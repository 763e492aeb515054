"""Rule tables: load the data files shipped in ``extract/data`` once per process.

A rule is a row with a stable ``id``, its pattern or surfaces, ``examples``
that must match and ``negatives`` that must not; tests run every example.
Patterns are compiled once, here, and every match on page text goes through
``search``/``finditer`` with the time bound of ``REGEX_TIMEOUT``.

Time bounds on untrusted text: every pattern of the ``regex`` module that
runs on page text passes ``timeout=REGEX_TIMEOUT`` (a timeout becomes an
error record for that input).  The few ``re`` patterns (layout's space runs,
structure's trigger and bigram filter, the view's surrogate filter) are one
character class or an alternation of literals: linear by construction.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import regex

# Seconds one pattern may spend on one piece of text before the regex module
# raises TimeoutError (DEVELOPERS.md, principle 5: untrusted text is bounded).
REGEX_TIMEOUT = 1.0


@dataclass(frozen=True)
class PatternRule:
    id: str
    role: str
    pattern: regex.Pattern[str]
    examples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # the text must contain one of these for the pattern to run
    extra: dict[str, Any] = field(default_factory=dict)

    def search(self, text: str, pos: int = 0) -> regex.Match[str] | None:
        if self.requires and not any(r in text for r in self.requires):
            return None
        return self.pattern.search(text, pos, timeout=REGEX_TIMEOUT)

    def finditer(self, text: str) -> Any:
        return self.pattern.finditer(text, timeout=REGEX_TIMEOUT)


def alternation(surfaces: Iterable[str]) -> str:
    """A regex alternation of literal surfaces, longest first (平方米 before 米, 股份有限公司 before 公司)."""
    return "|".join(regex.escape(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse ``extract/data/<name>`` (TOML), once per process."""
    with resources.files("extract.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


def compile_rows(rows: list[dict[str, Any]], substitutions: dict[str, str]) -> tuple[PatternRule, ...]:
    out = []
    for row in rows:
        source = row["pattern"]
        for key, value in substitutions.items():
            source = source.replace("{" + key + "}", value)
        extra = {
            k: v for k, v in row.items() if k not in {"id", "role", "pattern", "examples", "negatives", "requires"}
        }
        out.append(
            PatternRule(
                id=row["id"],
                role=row.get("role", ""),
                pattern=regex.compile(source),
                examples=tuple(row.get("examples", ())),
                negatives=tuple(row.get("negatives", ())),
                requires=tuple(row.get("requires", ())),
                extra=extra,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class StructureRules:
    name: regex.Pattern[str]
    byline: tuple[PatternRule, ...]
    lead: tuple[PatternRule, ...]
    credit: tuple[PatternRule, ...]
    signature: tuple[PatternRule, ...]
    labels: frozenset[str]
    label_rule: dict[str, Any]
    caption_start: tuple[str, ...]
    # One search tells whether any rule could match a line: the union of the
    # rules' `requires` substrings (most body lines contain none of them).
    trigger: re.Pattern[str]

    def all_pattern_rules(self) -> tuple[PatternRule, ...]:
        return self.byline + self.lead + self.credit + self.signature


@cache
def structure_rules() -> StructureRules:
    data = load_data("structure.toml")
    name = data["name"]["pattern"]
    subs = {"name": name}
    groups = {key: compile_rows(data[key], subs) for key in ("byline", "lead", "credit", "signature")}
    needles = sorted({r for rules in groups.values() for rule in rules for r in rule.requires})
    assert all(rule.requires for rules in groups.values() for rule in rules), "every structure rule needs `requires`"
    return StructureRules(
        name=regex.compile(name),
        labels=frozenset(data["labels"]["surfaces"]),
        label_rule=data["labels"],
        caption_start=tuple(data["leads"]["caption_start"]),
        trigger=re.compile("|".join(re.escape(n) for n in needles)),
        **groups,
    )
