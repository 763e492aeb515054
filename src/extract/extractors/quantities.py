"""Quantities: a numeral with its unit or measure word, and how sure its value is.

Rules compose through resolved values (Duckling style): the number grammar
(``extract.numbers``) finds and resolves numerals; this module looks right of
each for a unit from ``data/quantity.toml`` (after an infix vague word, 200余家)
and a qualifier after it (400家左右), left of it for a qualifier
(the table's qualifier rows: 超过, 约, 不足) or 第 (an ordinal), and merges two
numerals joined by a range connector (20至30名).  A candidate is vetoed when
it overlaps a set phrase (一站式, 百年), when its numeral is the indefinite
article 一 before a count word (一批, 一条), when Latin letters touch it (5G,
Web3.0), or when either edge cuts a jieba token (JioNLP's rule: 李四人民币 never
gives 四人民币).  Years, dates and "15年来" are dates: quantity candidates
compete with the dates layer in overlap resolution, and dates win ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from ..doc import Doc, Interior, interior_of
from ..numbers import (
    BIG_UNITS,
    DIGITS,
    NUMERAL,
    SMALL_UNITS,
    Numeral,
    NumeralSpan,
    clean,
    find_numerals,
    resolve_numeral,
)
from ..rules import (
    REGEX_TIMEOUT,
    CompoundRow,
    PerRow,
    QuantityTable,
    alternation,
    compile_pattern,
    compile_row,
    load_table,
    part_surfaces,
)
from ..tokenize import Token
from . import Candidate

LAYER = "quantities"
QUANTITY_PRIORITY = 1  # dates take precedence on ties (2019年 is a year, not a duration)
_MAGNITUDE_CHARS = frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)


@dataclass(frozen=True)
class UnitRule:
    id: str
    surface: str
    unit: str
    kind: str
    scale: str  # "" | a Decimal factor | "discount"


@dataclass(frozen=True)
class QualifierRule:
    id: str
    surface: str
    position: str  # before, infix, after, numeral
    qualifier: str
    in_span: bool
    not_after: frozenset[str]  # the 签 of 签约: the word belongs to another word


@dataclass(frozen=True)
class QuantityRules:
    units: dict[str, UnitRule]  # by surface
    unit_pattern: regex.Pattern[str]
    before: dict[str, QualifierRule]
    before_pattern: regex.Pattern[str]
    infix: dict[str, QualifierRule]
    after: dict[str, QualifierRule]
    after_pattern: regex.Pattern[str]
    numeral_prefix: dict[str, QualifierRule]
    connectors: frozenset[str]
    per: dict[str, tuple[str, Decimal]]  # 百分之 -> (rule id, factor)
    per_pattern: regex.Pattern[str]
    per_row: PerRow
    compound: CompoundRow
    compound_pattern: regex.Pattern[str]
    compound_starts: frozenset[str]  # first characters of a compound's first unit (分 of 3分20秒)
    discount_pattern: regex.Pattern[str]
    set_phrase_pattern: regex.Pattern[str]
    code_chars: frozenset[str]  # Web3.0, q=30%25: a numeral after these is a code
    numerator: tuple[str, ...]  # 分之: the numerator of a fraction
    indefinite: frozenset[str]  # 一批: the indefinite article
    ordinal: str  # 第
    half: str  # 半


def _qualifiers(table: QuantityTable) -> dict[str, dict[str, QualifierRule]]:
    by_position: dict[str, dict[str, QualifierRule]] = {"before": {}, "infix": {}, "after": {}, "numeral": {}}
    for row in table.qualifier:
        for surface in row.surfaces:
            rule = QualifierRule(row.id, surface, row.position, row.qualifier, row.in_span, frozenset(row.not_after))
            by_position[row.position][surface] = rule
    return by_position


@cache
def quantity_rules() -> QuantityRules:
    """The quantity table (data/quantity.toml), compiled once per process."""
    table = load_table(QuantityTable)
    units: dict[str, UnitRule] = {}
    for row in table.unit:
        for surface in row.surfaces:
            unit = row.unit or (surface if len(row.surfaces) > 1 else row.surfaces[0])
            units[surface] = UnitRule(row.id, surface, unit, row.kind, row.scale or "")
    by_position = _qualifiers(table)
    after_rows = [row for row in table.qualifier if row.position == "after"]
    not_before = "".join(sorted({c for row in after_rows for c in row.not_before}))
    connector = next(row for row in table.qualifier if row.qualifier == "range")
    vetoes = {row.id: row for row in table.veto}
    modifiers = {row.id: row for row in table.modifier}
    per_row = table.per[0]
    per = {surface: (row.id, Decimal(f)) for row in table.per for surface, f in row.factors.items()}
    compound = table.compound[0]
    discount = next(row for row in table.unit if row.scale == "discount")
    return QuantityRules(
        units=units,
        unit_pattern=regex.compile(alternation(units)),
        before=by_position["before"],
        before_pattern=regex.compile(rf"(?:{alternation(by_position['before'])})$"),
        infix=by_position["infix"],
        after=by_position["after"],
        after_pattern=regex.compile(rf"(?:{alternation(by_position['after'])})(?![{regex.escape(not_before)}])"),
        numeral_prefix=by_position["numeral"],
        connectors=frozenset(part_surfaces("to")) if connector.pattern == "{to}" else frozenset(),
        per=per,
        # Not after a numeral: 五百分之2.2 is a fraction, not 2.2 %.
        per_pattern=compile_pattern(
            rf"(?<!\d|{{digit}}|{{small_unit}}|{{big_unit}})(?:{alternation(per)})(?P<num>{NUMERAL}|[百千万])"
        ),
        per_row=per_row,
        compound=compound,
        compound_pattern=compile_row(compound),
        compound_starts=frozenset(s[0] for s in compound.sizes),
        discount_pattern=compile_row(discount),
        set_phrase_pattern=regex.compile(alternation(vetoes["quantity/veto.set_phrase"].surfaces)),
        code_chars=frozenset(vetoes["quantity/veto.code"].before),
        numerator=vetoes["quantity/veto.numerator"].before,
        indefinite=frozenset(vetoes["quantity/veto.indefinite"].surfaces),
        ordinal=modifiers["quantity/modifier.ordinal"].surfaces[0],
        half=modifiers["quantity/modifier.half"].surfaces[0],
    )


@dataclass(frozen=True)
class Found:
    """A quantity on reading text, before it becomes a candidate."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    unit_kind: str
    qualifier: str
    ordinal: bool
    rule: str


def token_interior(tokens: Sequence[Token]) -> Interior:
    """Offsets inside the jieba tokens of a text without a document (tokens sorted by offset)."""
    return interior_of(list(tokens))


def _scaled(value: Decimal, unit: UnitRule) -> Decimal:
    if unit.scale == "discount":  # 八折 = 80 %, 75折 = 75 %
        return clean(value * 10) if value < 10 else value
    if unit.scale:
        return clean(value * Decimal(unit.scale))
    return value


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _qualifier_of(numeral: Numeral, rules: QuantityRules) -> str:
    if numeral.value_max is not None:
        return "range"
    if numeral.vague in rules.numeral_prefix:
        return rules.numeral_prefix[numeral.vague].qualifier
    if numeral.vague:
        return "more_than"
    return "exact"


def find_quantities_in(text: str, inside: Interior | None = None) -> list[Found]:
    """Quantities in one reading text; ``inside`` holds offsets inside jieba tokens."""
    rules = quantity_rules()
    inside = inside if inside is not None else Interior([], [])
    vetoed = bytearray(len(text) + 1)  # 1 on every character of a set phrase
    for m in rules.set_phrase_pattern.finditer(text, timeout=REGEX_TIMEOUT):
        vetoed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    numerals = find_numerals(text, bare=True)
    out: list[Found] = []
    used_as_max: set[int] = set()
    for k, span in enumerate(numerals):
        if span.start in used_as_max:
            continue
        compound = _compound_at(text, span, rules, inside)
        if compound is not None:
            if k + 1 < len(numerals):
                used_as_max.add(numerals[k + 1].start)
            if not any(vetoed[compound.start : compound.end]):
                out.append(compound)
            continue
        result = _quantity_at(text, span, numerals[k + 1] if k + 1 < len(numerals) else None, rules, inside)
        if result is None:
            continue
        found, second = result
        if second is not None:
            used_as_max.add(second.start)
        if any(vetoed[found.start : found.end]):
            continue
        out.append(found)
    out.extend(_per_quantities(text, rules, inside))
    out.extend(_discounts(text, rules, inside))
    return out


def _discounts(text: str, rules: QuantityRules, inside: Interior) -> list[Found]:
    """五五折 = 55 %, 三八折 = 38 %: two digits before 折 are read place by place."""
    unit = rules.units["折"]
    out = []
    for m in rules.discount_pattern.finditer(text, timeout=REGEX_TIMEOUT):
        if m.start() in inside:
            continue
        value = Decimal(DIGITS[m.group("a")] * 10 + DIGITS[m.group("b")])
        out.append(Found(m.start(), m.end(), value, None, unit.unit, unit.kind, "exact", False, unit.id))
    return out


def _compound_at(text: str, span: NumeralSpan, rules: QuantityRules, inside: Interior) -> Found | None:
    """3分20秒 = 200 秒: a measure in two units, valued in the second (the compound row's sizes)."""
    if span.end >= len(text) or text[span.end] not in rules.compound_starts:
        return None
    m = rules.compound_pattern.match(text, span.start, timeout=REGEX_TIMEOUT)
    if m is None or m.end("a") != span.end or span.start in inside:
        return None
    a, b = resolve_numeral(m.group("a")), resolve_numeral(m.group("b"))
    if a is None or b is None or a.value_max is not None or b.value_max is not None or a.vague or b.vague:
        return None
    sizes = rules.compound.sizes
    big, small = sizes[m.group("ua")], sizes[m.group("ub")]
    if big <= small:
        return None  # 3秒20分 is no one measure
    value = clean((a.value * big + b.value * small) / small)
    row = rules.compound
    return Found(m.start(), m.end(), value, None, m.group("ub"), row.kind, "exact", False, row.id)


def _per_quantities(text: str, rules: QuantityRules, inside: Interior) -> list[Found]:
    out = []
    for m in rules.per_pattern.finditer(text, timeout=REGEX_TIMEOUT):
        num = m.group("num")
        numeral = resolve_numeral("一" + num) if num in "百千万" else resolve_numeral(num)  # 百分之百
        while numeral is None and len(num) > 1:
            num = num[:-1]  # 百分之七十百分位: the numeral ends where it resolves
            numeral = resolve_numeral(num)
        end = m.start("num") + len(num)
        if numeral is None or end in inside:
            continue
        per = m.group()[: m.start("num") - m.start()]
        rule_id, factor = rules.per[per]
        value = numeral.value * factor
        value_max = numeral.value_max * factor if numeral.value_max is not None else None
        out.append(
            Found(m.start(), end, value, value_max, rules.per_row.unit, rules.per_row.kind,
                  "range" if value_max is not None else "exact", False, rule_id)
        )  # fmt: skip
    return out


def _code_before(text: str, start: int, rules: QuantityRules) -> bool:
    """Web3.0, B1Lab, q=30%25, 三分之: the numeral continues a code, an address or a fraction."""
    if start == 0:
        return False
    ch = text[start - 1]
    if _is_latin(ch) or ch in rules.code_chars or ch.isdigit():
        return True
    return any(text.endswith(word, 0, start) for word in rules.numerator)


def _range_end(text: str, span: NumeralSpan, following: NumeralSpan | None, rules: QuantityRules) -> NumeralSpan | None:
    """The second numeral of a range (20至30名, 20-30家): a connector between two rising numerals."""
    end, numeral = span.end, span.numeral
    if following is None or following.start - end != 1 or text[end] not in rules.connectors:
        return None
    if numeral.value_max is not None or following.numeral.value_max is not None:
        return None
    return following if following.numeral.value > numeral.value else None


def _unit_at(
    text: str, span: NumeralSpan, pos: int, led_ok: bool, rules: QuantityRules
) -> tuple[regex.Match[str], Numeral] | None:
    """The unit after the numeral, and the numeral it counts (12千米: 千 begins the unit)."""
    start, end = span.start, span.end
    if led_ok and end - start > 1 and text[end - 1] in _MAGNITUDE_CHARS:
        led = rules.unit_pattern.match(text, end - 1, timeout=REGEX_TIMEOUT)
        shorter = resolve_numeral(text[start : end - 1]) if led is not None else None
        if led is not None and shorter is not None and len(led.group()) > 1:
            return led, shorter
    m = rules.unit_pattern.match(text, pos, timeout=REGEX_TIMEOUT)
    return (m, span.numeral) if m is not None else None


def _qualifier_before(text: str, start: int, rules: QuantityRules) -> QualifierRule | None:
    """超过4000人次, 近一吨: the qualifier right before the numeral (not the 约 of 签约)."""
    before = rules.before_pattern.search(text, max(0, start - 4), start, timeout=REGEX_TIMEOUT)
    if before is None:
        return None
    rule = rules.before[before.group()]
    if before.start() > 0 and text[before.start() - 1] in rule.not_after:
        return None
    return rule


def _quantity_at(
    text: str, span: NumeralSpan, following: NumeralSpan | None, rules: QuantityRules, inside: Interior
) -> tuple[Found, NumeralSpan | None] | None:
    start, numeral = span.start, span.numeral
    if _code_before(text, start, rules):
        return None
    second = _range_end(text, span, following, rules)
    end = second.end if second is not None else span.end
    vague = numeral.vague or numeral.value_max is not None  # 四五多个 is no one bound
    infix = text[end] if end < len(text) and text[end] in rules.infix and not vague else ""
    found = _unit_at(text, span, end + len(infix), not infix and second is None, rules)
    if found is None:
        return None
    m, numeral = found
    unit = rules.units[m.group()]
    qualifier = "range" if second is not None else _qualifier_of(numeral, rules)
    if infix:
        if infix == "几" or unit.kind == "percent":
            return None
        qualifier = rules.infix[infix].qualifier
    pos = m.end()
    ordinal = start > 0 and text[start - 1] == rules.ordinal
    if text[start:end] in rules.indefinite and unit.kind == "count" and not ordinal and not numeral.vague:
        if start == 0 or _qualifier_before(text, start, rules) is None:
            return None  # 一批, 一条, 一套: the indefinite article before a measure word, not a count
    if ordinal:
        start -= 1
        if second is not None or numeral.vague:
            return None
    if start in inside:
        return None  # the numeral's first character belongs to a word: 李四人民币
    if pos in inside and len(m.group()) == 1 and unit.kind in ("count", "percent"):
        return None  # a one-character measure word that begins a word: 一成立, 3个人
    value = numeral.value
    value_max = second.numeral.value if second is not None else span.numeral.value_max
    if text.startswith(rules.half, pos) and value_max is None and not ordinal:
        value += Decimal("0.5")  # 三年半, 一吨半: and a half
        pos += len(rules.half)
    if ordinal:
        if numeral.bare:
            return None
        return Found(start, pos, _scaled(value, unit), None, unit.unit, unit.kind, qualifier, True, unit.id), second
    found_q = _qualified(text, start, pos, value, value_max, numeral, unit, qualifier, rules)
    return (found_q, second) if found_q is not None else None


def _qualified(
    text: str,
    start: int,
    pos: int,
    value: Decimal,
    value_max: Decimal | None,
    numeral: Numeral,
    unit: UnitRule,
    qualifier: str,
    rules: QuantityRules,
) -> Found | None:
    """The quantity with the qualifiers around it: 400家左右, 2000万元以上, 超过4000人次."""
    after = rules.after_pattern.match(text, pos, timeout=REGEX_TIMEOUT)
    if after is not None and qualifier == "exact":
        qualifier = rules.after[after.group()].qualifier
        pos = after.end()
    before = _qualifier_before(text, start, rules)
    if before is not None and before.in_span and qualifier == "exact":
        qualifier = before.qualifier
        start -= len(before.surface)
    if numeral.bare and (before is None or not before.in_span):
        return None  # a lone 千 or 百 (百年, 百度) is a number only after a bound: 逾千名
    value_max = _scaled(value_max, unit) if value_max is not None else None
    return Found(start, pos, _scaled(value, unit), value_max, unit.unit, unit.kind, qualifier, False, unit.id)


def find_quantities(doc: Doc) -> list[Candidate]:
    """Quantity candidates of the document."""
    article_at = doc.article_at
    out = []
    for found in find_quantities_in(doc.text, doc.interior):
        fields = {
            "value": found.value,
            "value_max": found.value_max,
            "unit": found.unit,
            "unit_kind": found.unit_kind,
            "qualifier": found.qualifier,
            "ordinal": found.ordinal,
            "article": article_at(found.start),
        }
        out.append(
            Candidate(
                LAYER,
                (found.start, found.end),
                found.rule,
                fields,
                priority=QUANTITY_PRIORITY,
                competes_with=frozenset({"dates"}),
            )
        )
    return out


__all__ = ["DIGITS", "Found", "find_quantities", "find_quantities_in", "quantity_rules"]
