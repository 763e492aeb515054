"""Lines: each printed line is a section label, a byline, a credit, a signature, or text.

The markers are the rows of ``data/structure.toml``; a text line may end in a
photo credit or a signature, which are split off, and a text line that opens
with a dateline (本报讯, 科技日报讯 …) carries it as its ``lead``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import regex

from ..layout import Line, repair_line
from ..rules import REGEX_TIMEOUT, StructureRow, StructureTable, compile_pattern, compile_row, load_table


@dataclass(frozen=True)
class Marker:
    """A row of structure.toml with its compiled pattern."""

    row: StructureRow
    pattern: regex.Pattern[str]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def role(self) -> str:
        return self.row.role

    def search(self, text: str) -> regex.Match[str] | None:
        if self.row.requires and not any(r in text for r in self.row.requires):
            return None
        return self.pattern.search(text, timeout=REGEX_TIMEOUT)


@dataclass(frozen=True)
class StructureRules:
    name: regex.Pattern[str]
    byline: tuple[Marker, ...]
    lead: tuple[Marker, ...]
    credit: tuple[Marker, ...]
    signature: tuple[Marker, ...]
    labels: frozenset[str]
    caption_start: tuple[str, ...]
    # One search tells whether any rule could match a line: the union of the
    # rules' `requires` substrings (most body lines contain none of them).
    trigger: re.Pattern[str]

    def markers(self) -> tuple[Marker, ...]:
        return self.byline + self.lead + self.credit + self.signature


@cache
def structure_rules() -> StructureRules:
    table = load_table(StructureTable)
    groups = {
        key: tuple(Marker(row, compile_row(row)) for row in getattr(table, key))
        for key in ("byline", "lead", "credit", "signature")
    }
    markers = [m for ms in groups.values() for m in ms]
    assert all(m.row.requires for m in markers), "every structure rule needs `requires`"
    needles = sorted({r for m in markers for r in m.row.requires})
    labels = {row.id: row for row in table.label}
    return StructureRules(
        name=compile_pattern("{byline_name}"),
        labels=frozenset(labels["label.section"].surfaces),
        caption_start=labels["label.caption_start"].surfaces,
        trigger=re.compile("|".join(re.escape(n) for n in needles)),
        **groups,
    )


def display_width(text: str) -> float:
    """Printed width in em: 1 for CJK characters and CJK punctuation, 0.5 for ASCII.

    Computed from the UTF-8 length (ASCII 1 byte, CJK 3 bytes), which runs at
    C speed: (bytes + chars) / 4.
    """
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) / 4


@dataclass
class Name:
    text: str
    span: tuple[int, int]


@dataclass
class CreditLayout:
    role: str
    rule: str
    span: tuple[int, int]
    text: str
    names: list[Name] = field(default_factory=list)


@dataclass
class Unit:
    """One classified piece of the page, in raw order."""

    kind: str  # text, label, byline, credit, signature
    line: Line
    width: float = 0.0
    credit: CreditLayout | None = None
    lead: Marker | None = None
    lead_credit: CreditLayout | None = None


def _names_in(text: str, offset: int) -> list[Name]:
    rules = structure_rules()
    return [
        Name(m.group(), (offset + m.start(), offset + m.end()))
        for m in rules.name.finditer(text, timeout=REGEX_TIMEOUT)
    ]


def _credit_from_match(rule: Marker, m: regex.Match[str], line: Line, on_raw: bool) -> CreditLayout:
    """Build a credit from a match on the line as printed (or as repaired)."""
    start = m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    names: list[Name] = []
    if on_raw:
        raw_span = (line.raw_start + start, line.raw_start + m.end())
        for group in ("names", "names2"):
            if group in m.groupdict() and m.group(group):
                names += _names_in(m.group(group), line.raw_start + m.start(group))
    else:
        raw_span = line.mapped.to_raw(start, m.end())
    return CreditLayout(rule.role, rule.id, raw_span, "", names)


def _split_line(line: Line, raw_cut: int) -> Line:
    """The part of ``line`` before raw offset ``raw_cut``, repaired."""
    raw = line.raw_text
    shifted = repair_line(raw, 0, raw_cut - line.raw_start).shifted(line.raw_start)
    end = shifted.raw_end() if len(shifted) else line.raw_start
    return Line(line.raw_start, end, raw[: end - line.raw_start], shifted)


def classify_lines(lines: list[Line]) -> list[Unit]:
    rules = structure_rules()
    units: list[Unit] = []
    for line in lines:
        if line.text in rules.labels:
            units.append(Unit("label", line))
            continue
        if not rules.trigger.search(line.raw_text) and not rules.trigger.search(line.text):
            units.append(Unit("text", line, width=display_width(line.text)))
            continue
        byline = next((r for r in rules.byline if r.search(line.raw_text)), None)
        if byline is not None:
            m = byline.search(line.raw_text)
            assert m is not None
            units.append(Unit("byline", line, credit=_credit_from_match(byline, m, line, True)))
            continue
        credit = None
        for rule in rules.credit + rules.signature:
            for text, on_raw in ((line.raw_text, True), (line.text, False)):
                m = rule.search(text)
                if m is not None:
                    credit = _credit_from_match(rule, m, line, on_raw)
                    break
            if credit is not None:
                break
        body = line
        if credit is not None:
            if credit.span[0] <= line.raw_start:
                units.append(Unit("signature" if credit.role == "signature" else "credit", line, credit=credit))
                continue
            body = _split_line(line, credit.span[0])
        unit = Unit("text", body, width=display_width(body.text))
        for lead in rules.lead:
            m = lead.search(body.raw_text)
            if m is not None:
                unit.lead = lead
                if m.groupdict().get("names"):
                    unit.lead_credit = _credit_from_match(lead, m, body, True)
                break
        units.append(unit)
        if credit is not None:
            kind = "signature" if credit.role == "signature" else "credit"
            units.append(Unit(kind, line, credit=credit))
    for unit in units:
        if unit.credit is not None:
            unit.credit.text = unit.line.raw_text  # replaced by normalized text in records
    return units
