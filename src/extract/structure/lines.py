"""Lines: each printed line is a section label, a byline, a credit, a signature, or text.

The markers are the rows of ``data/structure.toml``; a text line may end in a
photo credit or a signature, which are split off, and a text line that opens
with a dateline (本报讯, 科技日报讯 …) carries it as its ``lead``.  A dateline
closing an article on its own line (（新华社东京3月19日电）) is a ``closing`` unit.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import regex

from ..layout import Line, repair_line
from ..rules import REGEX_TIMEOUT, StructureRow, StructureTable, compile_pattern, compile_row, load_table
from .datelines import DatelineLayout, dateline_from_match


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

    def search(self, text: str, present: frozenset[str] | None = None) -> regex.Match[str] | None:
        """The rule's match in ``text``; ``present``: the needles of ``text`` when known (one scan a line)."""
        if present is not None:
            if present.isdisjoint(self.row.requires):
                return None
        elif self.row.requires and not any(r in text for r in self.row.requires):
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
    needles: tuple[str, ...]
    by_needles: dict[frozenset[str], tuple[Marker, ...]] = field(default_factory=dict)

    def present(self, text: str) -> frozenset[str]:
        """The rules' `requires` substrings that occur in ``text``."""
        return frozenset(n for n in self.needles if n in text)

    def closing(self, present: frozenset[str]) -> tuple[Marker, ...]:
        """The credit and signature rules that may match a text holding the needles ``present``.

        Lines hold few distinct needle sets (a space, 记者, 摄 ...): one filter per set, kept.
        """
        found = self.by_needles.get(present)
        if found is None:
            found = tuple(m for m in self.credit + self.signature if not present.isdisjoint(m.row.requires))
            if len(self.by_needles) < 1024:
                self.by_needles[present] = found
        return found

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
        needles=tuple(needles),
        byline=groups["byline"],
        lead=groups["lead"],
        credit=groups["credit"],
        signature=groups["signature"],
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
    dateline: DatelineLayout | None = None  # a byline that is a dateline too (本报记者 X 报道)


@dataclass
class Unit:
    """One classified piece of the page, in raw order."""

    kind: str  # text, label, byline, credit, signature, closing (a closing dateline)
    line: Line
    width: float = 0.0
    credit: CreditLayout | None = None
    lead: Marker | None = None
    dateline: DatelineLayout | None = None  # of a byline that is a dateline too


ToRaw = Callable[[int, int], tuple[int, int]]  # a matched text's span -> raw span


def _names_in(text: str, offset: int, to_raw: ToRaw) -> list[Name]:
    rules = structure_rules()
    return [
        Name(m.group(), to_raw(offset + m.start(), offset + m.end()))
        for m in rules.name.finditer(text, timeout=REGEX_TIMEOUT)
    ]


def _credit_from_match(rule: Marker, m: regex.Match[str], line: Line, on_raw: bool) -> CreditLayout:
    """Build a credit from a match on the line as printed (or as repaired); its text is the line's."""
    if on_raw:
        credit = credit_from_match(rule, m, lambda s, e: (line.raw_start + s, line.raw_start + e))
    else:
        credit = credit_from_match(rule, m, line.mapped.to_raw)
    credit.text = line.raw_text  # replaced by normalized text in records
    return credit


def credit_from_match(rule: Marker, m: regex.Match[str], to_raw: ToRaw) -> CreditLayout:
    """A credit from a match on a printed line or on a paragraph's reading text (``to_raw`` maps it)."""
    start = m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    names: list[Name] = []
    for group in ("names", "names2"):
        if group in m.groupdict() and m.group(group):
            names += _names_in(m.group(group), m.start(group), to_raw)
    return CreditLayout(rule.role, rule.id, to_raw(start, m.end()), "", names, dateline_from_match(m, to_raw))


def _split_line(line: Line, raw_cut: int) -> Line:
    """The part of ``line`` before raw offset ``raw_cut``, repaired."""
    raw = line.raw_text
    shifted = repair_line(raw, 0, raw_cut - line.raw_start).shifted(line.raw_start)
    end = shifted.raw_end() if len(shifted) else line.raw_start
    return Line(line.raw_start, end, raw[: end - line.raw_start], shifted, line.lead_space, 0.0, line.indented)


def _line_credit(line: Line, present: frozenset[str]) -> CreditLayout | None:
    """The first credit or signature rule matching the line as printed, else as repaired
    (``present``: the rules' needles in the printed line)."""
    for rule in structure_rules().closing(present):
        for text, raw in ((line.raw_text, True), (line.text, False)):
            m = rule.pattern.search(text, timeout=REGEX_TIMEOUT)
            if m is not None:
                return _credit_from_match(rule, m, line, raw)
    return None


def _credit_unit(line: Line, credit: CreditLayout) -> Unit:
    if credit.role == "dateline":  # a closing dateline: the article's dateline, not a credit
        assert credit.dateline is not None
        credit.dateline.line = line
        return Unit("closing", line, dateline=credit.dateline)
    return Unit("signature" if credit.role == "signature" else "credit", line, credit=credit)


def _text_unit(line: Line, present: frozenset[str]) -> Unit:
    unit = Unit("text", line, width=display_width(line.text))
    unit.lead = next((lead for lead in structure_rules().lead if lead.search(line.raw_text, present)), None)
    return unit


LEAD_LINES = 3  # printed lines a dateline and its reporters take at most


def read_lead(units: list[Unit]) -> tuple[CreditLayout | None, DatelineLayout | None]:
    """The reporters and the dateline of a paragraph opening with a dateline.

    Read on its first printed lines as printed, joined without their line
    breaks: a column may break inside the reporters (（记者何静、马 / 晓东）),
    and the spaces between names (记者 陈光远 刘慧敏) are kept.
    """
    lines = [u.line for u in units[:LEAD_LINES]]
    text = "".join(line.raw_text for line in lines)
    starts = list(itertools.accumulate((len(line.raw_text) for line in lines[:-1]), initial=0))

    def to_raw(start: int, end: int) -> tuple[int, int]:
        k = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_right(starts, max(start, end - 1)) - 1
        return lines[k].raw_start + start - starts[k], lines[j].raw_start + end - starts[j]

    own = units[0].lead  # the marker its first line matched: tried first, the others when it names no one
    leads = structure_rules().lead
    found: tuple[CreditLayout | None, DatelineLayout | None] = (None, None)
    for lead in (own, *(m for m in leads if m is not own)) if own is not None else leads:
        m = lead.search(text)
        if m is not None:
            credit = credit_from_match(lead, m, to_raw)
            if credit.names:
                return credit, credit.dateline
            found = found if found[1] is not None else (None, credit.dateline)
    return found


def classify_lines(lines: list[Line]) -> list[Unit]:
    rules = structure_rules()
    units: list[Unit] = []
    for line in lines:
        if line.text in rules.labels:
            units.append(Unit("label", line, width=display_width(line.text)))
            continue
        # Every rule is tried only on a line holding one of its needles as printed (below): a line
        # without any is text (even when repair joins one: 记 者 reads 记者).
        if not rules.trigger.search(line.raw_text):
            units.append(Unit("text", line, width=display_width(line.text)))
            continue
        # The needles of the printed line stand for those of the repaired line and of any part of it.
        on_raw = rules.present(line.raw_text)
        byline = next((r for r in rules.byline if r.search(line.raw_text, on_raw)), None)
        if byline is not None:
            m = byline.search(line.raw_text)
            assert m is not None
            found = _credit_from_match(byline, m, line, True)
            units.append(Unit("byline", line, credit=found, dateline=found.dateline))
            continue
        credit = _line_credit(line, on_raw)
        if credit is not None and credit.span[0] <= line.raw_start:
            units.append(_credit_unit(line, credit))
            continue
        body = line if credit is None else _split_line(line, credit.span[0])
        units.append(_text_unit(body, on_raw))
        if credit is not None:
            units.append(_credit_unit(line, credit))
    return units
