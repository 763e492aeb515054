"""Quantities: a numeral with its unit or measure word, and how sure its value is.

Rules compose through resolved values (Duckling style): the number grammar
(``extract.numbers``) finds and resolves numerals; this module looks right of
each for a unit from ``data/units.toml`` (after an infix vague word, 200余家)
and a qualifier after it (400家左右), left of it for a qualifier
(``data/qualifiers.toml``: 超过, 约, 不足) or 第 (an ordinal), and merges two
numerals joined by a range connector (20至30名).  A candidate is vetoed when
it overlaps a set phrase (一站式, 百年), when its numeral is the indefinite
article 一 before a count word (一批, 一条), when Latin letters touch it (5G,
Web3.0), or when either edge cuts a jieba token (JioNLP's rule: 李四人民币 never
gives 四人民币).  Years, dates and "15年来" are dates: quantity candidates
compete with the dates layer in overlap resolution, and dates win ties.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from ..numbers import (
    BIG_UNITS,
    DIGITS,
    SMALL_UNITS,
    Numeral,
    NumeralSpan,
    clean,
    find_numerals,
    resolve_numeral,
)
from ..page import Page
from ..rules import REGEX_TIMEOUT, alternation, load_data
from ..tokenize import Token
from . import Candidate

LAYER = "quantities"
QUANTITY_PRIORITY = 1  # dates take precedence on ties (2019年 is a year, not a duration)
_MAGNITUDE_CHARS = frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)
# Characters that, right before a numeral, make it part of a version, code or URL.
_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_CODE_CHARS = frozenset("._%=/&?#@\\")


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
    per_row: dict[str, Any]
    set_phrase_pattern: regex.Pattern[str]


@cache
def quantity_rules() -> QuantityRules:
    """The unit and qualifier tables, compiled once per process."""
    units_data = load_data("units.toml")
    qual_data = load_data("qualifiers.toml")
    units: dict[str, UnitRule] = {}
    for row in units_data["unit"]:
        for surface in row["surfaces"]:
            unit = row.get("unit") or (surface if len(row["surfaces"]) > 1 else row["surfaces"][0])
            units[surface] = UnitRule(row["id"], surface, unit, row["kind"], str(row.get("scale", "")))
    by_position: dict[str, dict[str, QualifierRule]] = {"before": {}, "infix": {}, "after": {}, "numeral": {}}
    for row in qual_data["qualifier"]:
        for surface in row["surfaces"]:
            rule = QualifierRule(
                row["id"],
                surface,
                row["position"],
                row["qualifier"],
                row.get("in_span", True),
                frozenset(row.get("not_after", ())),
            )
            by_position[row["position"]][surface] = rule
    per_row = units_data["per"][0]
    per = {surface: (per_row["id"], Decimal(factor)) for surface, factor in per_row["surfaces"].items()}
    from ..numbers import NUMERAL

    return QuantityRules(
        units=units,
        unit_pattern=regex.compile(alternation(units)),
        before=by_position["before"],
        before_pattern=regex.compile(rf"(?:{alternation(by_position['before'])})$"),
        infix=by_position["infix"],
        after=by_position["after"],
        after_pattern=regex.compile(rf"{alternation(by_position['after'])}(?!游)"),
        numeral_prefix=by_position["numeral"],
        connectors=frozenset(qual_data["range"][0]["surfaces"]),
        per=per,
        # Not after a numeral: 五百分之2.2 is a fraction, not 2.2 %.
        per_pattern=regex.compile(rf"(?<![\d{_NUMERAL_CHARS}])(?:{alternation(per)})(?P<num>{NUMERAL}|[百千万])"),
        per_row=per_row,
        set_phrase_pattern=regex.compile(alternation(units_data["set_phrases"]["surfaces"])),
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


class Interior:
    """The offsets strictly inside a jieba token: a span edge there cuts a word.

    Tokens come sorted by offset; a lookup is one bisect over their starts.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, tokens: Sequence[Token] = ()) -> None:
        self._starts = [tok.start for tok in tokens]
        self._ends = [tok.end for tok in tokens]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and self._starts[k] < pos < self._ends[k]


def token_interior(tokens: Sequence[Token]) -> Interior:
    """Offsets inside the jieba tokens of a text (tokens sorted by offset)."""
    return Interior(tokens)


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
    inside = inside if inside is not None else Interior()
    vetoed = bytearray(len(text) + 1)  # 1 on every character of a set phrase
    for m in rules.set_phrase_pattern.finditer(text, timeout=REGEX_TIMEOUT):
        vetoed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    numerals = find_numerals(text, bare=True)
    out: list[Found] = []
    used_as_max: set[int] = set()
    for k, span in enumerate(numerals):
        if span.start in used_as_max:
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


@cache
def _discount_pattern() -> regex.Pattern[str]:
    digits = "一二三四五六七八九"
    return regex.compile(rf"(?<![{_NUMERAL_CHARS}\d])(?P<a>[{digits}])(?P<b>[{digits}])折")


def _discounts(text: str, rules: QuantityRules, inside: Interior) -> list[Found]:
    """五五折 = 55 %, 三八折 = 38 %: two digits before 折 are read place by place."""
    unit = rules.units["折"]
    out = []
    for m in _discount_pattern().finditer(text, timeout=REGEX_TIMEOUT):
        if m.start() in inside:
            continue
        value = Decimal(DIGITS[m.group("a")] * 10 + DIGITS[m.group("b")])
        out.append(Found(m.start(), m.end(), value, None, unit.unit, unit.kind, "exact", False, unit.id))
    return out


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
            Found(m.start(), end, value, value_max, rules.per_row["unit"], rules.per_row["kind"],
                  "range" if value_max is not None else "exact", False, rule_id)
        )  # fmt: skip
    return out


def _quantity_at(
    text: str, span: NumeralSpan, following: NumeralSpan | None, rules: QuantityRules, inside: Interior
) -> tuple[Found, NumeralSpan | None] | None:
    start, end, numeral = span.start, span.end, span.numeral
    if start > 0 and (_is_latin(text[start - 1]) or text[start - 1] in _CODE_CHARS or text[start - 1].isdigit()):
        return None  # Web3.0, B1Lab, q=30%25: a code or an address, not a count
    if start > 0 and text[start - 1] in "分之":
        return None  # the numerator of a per-hundred form, found by _per_quantities
    value, value_max, qualifier = numeral.value, numeral.value_max, _qualifier_of(numeral, rules)
    second: NumeralSpan | None = None
    # A range: 20至30名, 20-30家 (the connector sits between two numerals).
    if following is not None and following.start - end == 1 and text[end] in rules.connectors and value_max is None:
        if following.numeral.value_max is None and following.numeral.value > value:
            second, value_max, qualifier = following, following.numeral.value, "range"
            end = following.end
    pos = end
    infix = ""
    if pos < len(text) and text[pos] in rules.infix and not numeral.vague:
        infix = text[pos]
        pos += 1
    m = None
    if not infix and end - start > 1 and text[end - 1] in _MAGNITUDE_CHARS and second is None:
        # 12千米, 300兆瓦, 1.2亿千瓦时: a unit that begins with a magnitude character.
        led = rules.unit_pattern.match(text, end - 1, timeout=REGEX_TIMEOUT)
        shorter = resolve_numeral(text[start : end - 1]) if led is not None else None
        if led is not None and shorter is not None and len(led.group()) > 1:
            m, numeral, value, qualifier = led, shorter, shorter.value, _qualifier_of(shorter, rules)
    if m is None:
        m = rules.unit_pattern.match(text, pos, timeout=REGEX_TIMEOUT)
    if m is None:
        return None
    unit = rules.units[m.group()]
    if infix:
        if infix == "几" or unit.kind == "percent":
            return None
        qualifier = rules.infix[infix].qualifier
    pos = m.end()
    ordinal = start > 0 and text[start - 1] == "第"
    first = text[start:end]
    if first in ("一", "壹") and unit.kind == "count" and not ordinal and not numeral.vague:
        # 一批, 一条, 一套: the indefinite article before a measure word, not a count.
        if start == 0 or rules.before_pattern.search(text, max(0, start - 4), start, timeout=REGEX_TIMEOUT) is None:
            return None
    if ordinal:
        start -= 1
        if second is not None or numeral.vague:
            return None
    if start in inside:
        return None  # the numeral's first character belongs to a word: 李四人民币
    if pos in inside and len(m.group()) == 1 and unit.kind in ("count", "percent"):
        return None  # a one-character measure word that begins a word: 一成立, 3个人
    if pos < len(text) and text[pos] == "半" and value_max is None and not ordinal:
        value += Decimal("0.5")  # 三年半, 一吨半: and a half
        pos += 1
    value = _scaled(value, unit)
    value_max = _scaled(value_max, unit) if value_max is not None else None
    # A qualifier after the unit: 400家左右, 2000万元以上.
    after = rules.after_pattern.match(text, pos, timeout=REGEX_TIMEOUT) if not ordinal else None
    if after is not None and qualifier == "exact":
        qualifier = rules.after[after.group()].qualifier
        pos = after.end()
    # A qualifier before the numeral: 超过4000人次, 近一吨 (emphasis words stay out of the span).
    before = None
    if not ordinal:
        before = rules.before_pattern.search(text, max(0, start - 4), start, timeout=REGEX_TIMEOUT)
        if (
            before is not None
            and before.start() > 0
            and text[before.start() - 1] in rules.before[before.group()].not_after
        ):
            before = None  # the 约 of 签约, the 近 of 附近
        if before is not None:
            rule = rules.before[before.group()]
            if rule.in_span and qualifier == "exact":
                qualifier = rule.qualifier
                start = before.start()
    if numeral.bare and (before is None or not rules.before[before.group()].in_span):
        return None  # a lone 千 or 百 (百年, 百度) is a number only after a bound: 逾千名
    return (
        Found(start, pos, value, value_max, unit.unit, unit.kind, qualifier, ordinal, unit.id),
        second,
    )


def articles_of(page: Page) -> Callable[[int], str | None]:
    """The article id at a reading offset (one bisect; ``Page.unit_at`` rebuilds its index per call)."""
    starts = [u.start for u in page.units]

    def article_at(pos: int) -> str | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and page.units[k].start <= pos < page.units[k].end:
            return page.units[k].article
        return None

    return article_at


def find_quantities(page: Page) -> list[Candidate]:
    """Quantity candidates on a page, one per unit of text (headline, paragraph)."""
    inside = token_interior(page.tokens)
    text = page.text
    article_at = articles_of(page)
    out = []
    for found in find_quantities_in(text, inside):
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
                page.to_raw(found.start, found.end),
                found.rule,
                fields,
                priority=QUANTITY_PRIORITY,
                competes_with=frozenset({"dates"}),
            )
        )
    return out


__all__ = ["DIGITS", "Found", "find_quantities", "find_quantities_in", "quantity_rules"]
