"""Quantity forms beyond a numeral and one unit: each reads one form at a numeral or in one scan.

Money in a unit and its subunits (五元三毛 = 5.3 元), a currency symbol before
the number (US$20, ￥300), digits continuing a value after its unit (三成五 =
35 %, 一米八五 = 1.85 米), 块 as money at a clause end, the kind of a bare 度
(an angle after 北纬 or 转了), fixed phrases (对折 = 50 %), two-digit discounts
(五五折), compound measures (2小时08分15秒) and per-hundred forms (百分之三十).
The rows are in ``data/quantity_forms.toml`` and ``data/quantity.toml``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from ..doc import Interior
from ..numbers import DIGITS, NumeralSpan, clean, numeral_pattern, resolve_numeral
from ..rules import REGEX_TIMEOUT
from ..triggers import Triggers, matches_at
from .quantity_rules import QuantityRules, UnitRule


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


def scaled(value: Decimal, unit: UnitRule) -> Decimal:
    if unit.scale == "discount":  # 八折 = 80 %, 75折 = 75 %
        return clean(value * 10) if value < 10 else value
    if unit.scale:
        return clean(value * Decimal(unit.scale))
    return value


def symbol_before(text: str, start: int, rules: QuantityRules) -> tuple[int, UnitRule] | None:
    """US$20, ￥300: a currency symbol right before the numeral (one space allowed), and its unit."""
    if start == 0 or text[start - 1] not in rules.symbol_last:
        return None
    m = rules.symbol_pattern.search(text, max(0, start - 4), start, timeout=REGEX_TIMEOUT)
    if m is None:
        return None
    return m.start(), rules.symbols[m.group().rstrip(" ")]


def money_tail(text: str, pos: int, unit: UnitRule, rules: QuantityRules) -> tuple[int, Decimal]:
    """五元三毛, 3元2角5分, 两美元又三美分: the subunits after a main unit, as (end, amount in the main unit)."""
    entry = rules.subunits.get(unit.surface)
    if entry is None:
        return pos, Decimal(0)
    row, sizes = entry
    amount, end = Decimal(0), pos
    while end < len(text):
        at = end + next((len(j) for j in row.joiners if text.startswith(j, end)), 0)
        m = numeral_pattern().match(text, at, min(len(text), at + 8), timeout=REGEX_TIMEOUT)
        if m is None:
            break
        numeral = resolve_numeral(m.group())
        sub = next((s for s in sorted(sizes, key=len, reverse=True) if text.startswith(s, m.end())), None)
        if numeral is None or numeral.value_max is not None or numeral.vague or sub is None:
            break
        amount += numeral.value * sizes[sub]
        end = m.end() + len(sub)
    return end, amount


def decimal_tail(text: str, pos: int, unit: UnitRule, rules: QuantityRules) -> tuple[int, Decimal]:
    """三成五, 一米八五: one or two digits after the unit continue the value as its decimals."""
    if unit.surface not in rules.tails:
        return pos, Decimal(0)
    end = pos
    while end < len(text) and end - pos < 2 and text[end] in DIGITS and text[end] not in "两兩俩倆":
        end += 1
    if end == pos or (end < len(text) and (text[end] in DIGITS or numeral_pattern().match(text, end) is not None)):
        return pos, Decimal(0)  # 三成五百人: the digits begin another number
    if rules.unit_surfaces.end_at(text, end) >= 0:
        return pos, Decimal(0)
    digits = "".join(str(DIGITS[ch]) for ch in text[pos:end])
    return end, Decimal(digits) / Decimal(10) ** len(digits)


def at_clause_end(text: str, pos: int) -> bool:
    """Nothing Han or numeric follows: the clause ends (花费我三块。)."""
    if pos >= len(text):
        return True
    ch = text[pos]
    return not (ch.isalnum() or "\u4e00" <= ch <= "\u9fff")


def degree_kind(text: str, start: int, rules: QuantityRules) -> str | None:
    """An angle when a coordinate or turn cue stands just before the numeral (北纬39度, 转了90度)."""
    window = text[max(0, start - rules.angle.window) : start]
    return rules.angle.kind if any(cue in window for cue in rules.angle.cues) else None


def phrase_quantities(text: str, rules: QuantityRules, inside: Interior, triggers: Triggers) -> list[Found]:
    """对折, 半成: phrases that are a value by themselves."""
    out = []
    for start, end in triggers.hits("quantity/phrase"):
        row, value = rules.phrases[text[start:end]]
        if start in inside or any(text.startswith(w, end) for w in row.not_before):
            continue
        if row.cues and not any(text.endswith(cue, 0, start) for cue in row.cues):
            continue  # 对折 alone folds a sheet; 打对折 is a discount
        out.append(Found(start, end, value, None, row.unit, row.kind, "exact", False, row.id))
    return out


def discounts(text: str, rules: QuantityRules, inside: Interior) -> list[Found]:
    """五五折 = 55 %, 三八折 = 38 %: two digits before 折 are read place by place."""
    unit = rules.units["折"]
    out = []
    for m in rules.discount_pattern.finditer(text, timeout=REGEX_TIMEOUT):
        if m.start() in inside:
            continue
        value = Decimal(DIGITS[m.group("a")] * 10 + DIGITS[m.group("b")])
        out.append(Found(m.start(), m.end(), value, None, unit.unit, unit.kind, "exact", False, unit.id))
    return out


def compound_at(text: str, span: NumeralSpan, rules: QuantityRules, inside: Interior) -> Found | None:
    """3分20秒 = 200 秒, 2小时08分15秒 = 7695 秒: a measure in two or three units, valued in the last."""
    if span.end >= len(text) or text[span.end] not in rules.compound_starts:
        return None
    m = rules.compound_pattern.match(text, span.start, timeout=REGEX_TIMEOUT)
    if m is None or m.end("a") != span.end or span.start in inside:
        return None
    parts = [(m.group(g), m.group("u" + g)) for g in "abc" if m.group(g) is not None]
    numerals = [resolve_numeral(n) for n, _ in parts]
    sizes = [rules.compound.sizes[u] for _, u in parts]
    if any(n is None or n.value_max is not None or n.vague for n in numerals):
        return None
    if any(big <= small for big, small in itertools.pairwise(sizes)):
        return None  # 3秒20分 is no one measure
    small = sizes[-1]
    total = sum((n.value * size for n, size in zip(numerals, sizes) if n is not None), Decimal(0))
    value = clean(total / small)
    row = rules.compound
    return Found(m.start(), m.end(), value, None, parts[-1][1], row.kind, "exact", False, row.id)


def per_quantities(text: str, rules: QuantityRules, inside: Interior, triggers: Triggers) -> list[Found]:
    out = []
    for m in matches_at(rules.per_pattern, text, triggers.starts("quantity/per")):
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
