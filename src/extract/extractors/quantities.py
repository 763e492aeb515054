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

The tables are compiled in ``quantity_rules.py``; the forms beyond one
numeral and one unit (money in subunits, symbols, compound measures, per-hundred
forms, fixed phrases) are read in ``quantity_forms.py``.  A range shares its
multiplier (三到五万美元 = 30000..50000) and a dash between two numerals is a
range, never a minus sign (2万-9万元).
"""

from __future__ import annotations

from decimal import Decimal

from ..doc import Doc, Interior
from ..numbers import BIG_UNITS, DIGITS, SMALL_UNITS, Numeral, NumeralSpan, find_numerals, resolve_numeral
from ..rules import REGEX_TIMEOUT
from ..triggers import Triggers, find_triggers
from . import Candidate
from .lexicon import load_tags
from .quantity_forms import (
    Found,
    at_clause_end,
    compound_at,
    decimal_tail,
    degree_kind,
    discounts,
    money_tail,
    per_quantities,
    phrase_quantities,
    scaled,
    symbol_before,
)
from .quantity_rules import QualifierRule, QuantityRules, UnitRule, quantity_rules

LAYER = "quantities"
QUANTITY_PRIORITY = 1  # dates take precedence on ties (2019年 is a year, not a duration)
_MAGNITUDE_CHARS = frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)


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


# A numeral longer than this is no figure a text states (a run of digits, a code or a
# hash); JSON readers would also refuse its value (Python's int() stops at 4,300 digits).
MAX_FIGURE = 40
# Dictionary tags of nouns (the PKU tag set jieba uses): a measure word glued to one still measures.
NOUN_TAGS = frozenset({"n", "nz", "ng"})
# jieba's tags of particles, prepositions, conjunctions and modal words: what a measured noun never starts with.
# A numeral right after the measure word (十一届三中全会) is no noun either.
NOT_NOUN_START_TAGS = frozenset({"u", "uj", "ul", "uz", "ud", "ug", "uv", "p", "c", "y", "e", "m"})
# Below this dictionary frequency a measure word glued to its noun (节车厢: 3) is jieba's
# bookkeeping, not a word of its own (个人: 12,744, 名义: 1,671).
RARE_WORD = 100


def find_quantities_in(text: str, inside: Interior | None = None, triggers: Triggers | None = None) -> list[Found]:
    """Quantities in one reading text; ``inside`` holds offsets inside jieba tokens, ``triggers``
    the text's trigger pass (made here when not given)."""
    rules = quantity_rules()
    inside = inside if inside is not None else Interior([], [])
    triggers = triggers if triggers is not None else find_triggers(text)
    vetoed = bytearray(len(text) + 1)  # 1 on every character of a set phrase or an idiom
    for start, end in triggers.hits("quantity/veto.set_phrase"):
        vetoed[start:end] = b"\x01" * (end - start)
    numerals = _split_at_symbols(text, find_numerals(text, bare=True), rules)
    out: list[Found] = []
    skip_until = -1  # numerals inside the quantity just read (the end of a range, a subunit)
    for k, span in enumerate(numerals):
        if span.start < skip_until or span.end - span.start > MAX_FIGURE:
            continue
        following = numerals[k + 1] if k + 1 < len(numerals) else None
        found = compound_at(text, span, rules, inside) or _quantity_at(text, span, following, rules, inside)
        if found is None:
            continue
        skip_until = found.end
        if not any(vetoed[found.start : found.end]):
            out.append(found)
    out.extend(per_quantities(text, rules, inside, triggers))
    out.extend(discounts(text, rules, inside))
    out.extend(phrase_quantities(text, rules, inside, triggers))
    return out


def _split_at_symbols(text: str, numerals: list[NumeralSpan], rules: QuantityRules) -> list[NumeralSpan]:
    """$20，300美圆: after a currency symbol a full-width comma separates two amounts, not thousands."""
    out = []
    for span in numerals:
        cut = text.find("，", span.start, span.end)
        if cut < 0 or symbol_before(text, span.start, rules) is None:
            out.append(span)
            continue
        parts = [(span.start, cut), (cut + 1, span.end)]
        resolved = [(a, b, resolve_numeral(text[a:b])) for a, b in parts]
        out.extend(NumeralSpan(a, b, n) for a, b, n in resolved if n is not None)
    return out


def _code_before(text: str, start: int, rules: QuantityRules) -> bool:
    """Web3.0, B1Lab, q=30%25, 三分之, 附图片2张: the numeral continues a code or a note, counts nothing."""
    if start == 0:
        return False
    ch = text[start - 1]
    if _is_latin(ch) or ch in rules.code_chars or ch.isdigit():
        return True
    return text.endswith(rules.numerator, 0, start)


def _shared(first: str, second: str) -> Decimal | None:
    """三到五万 → 30000: the low end of a range takes the multiplier its high end is written with.

    After a bare digit the whole magnitude run is shared (三到五千万 → 三千万); after a
    small magnitude only the big units (六百到八百亿 → 六百亿, 十到二十万 → 十万).
    """
    last_digit = max((k for k, ch in enumerate(second) if ch not in _MAGNITUDE_CHARS), default=-1)
    run = second[last_digit + 1 :]
    if not run or last_digit < 0 or any(ch in BIG_UNITS for ch in first):
        return None  # 1-十两: a high end of magnitudes alone (十, 百) is a number, not a multiplier
    if first[-1] in _MAGNITUDE_CHARS:
        run = run.lstrip("".join(SMALL_UNITS))
    numeral = resolve_numeral(first + run) if run else None
    return numeral.value if numeral is not None and numeral.value_max is None else None


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
) -> tuple[int, int, Numeral] | None:
    """The unit after the numeral (its start and end), and the numeral it counts (12千米: 千 begins the unit)."""
    start, end = span.start, span.end
    units = rules.unit_surfaces
    if led_ok and end - start > 1 and text[end - 1] in _MAGNITUDE_CHARS:
        led = units.end_at(text, end - 1)
        shorter = resolve_numeral(text[start : end - 1]) if led >= 0 else None
        if shorter is not None and led - (end - 1) > 1:
            return end - 1, led, shorter
    unit_end = units.end_at(text, pos)
    if unit_end < 0:
        return None
    if rules.units[text[pos:unit_end]].kind == "count":
        more = units.end_at(text, unit_end)
        if more >= 0 and rules.units[text[unit_end:more]].kind == "currency":
            return unit_end, more, span.numeral  # 20个比特币: the measure word before a currency
    return pos, unit_end, span.numeral


def _unit_in_context(text: str, start: int, unit_end: int, unit: UnitRule, rules: QuantityRules) -> UnitRule | None:
    """The unit as its context reads it: 度 an angle after 北纬, 块 money at a clause end, 两 a weight."""
    if unit.surface in rules.clause_end:
        row = rules.clause_end[unit.surface]
        money = UnitRule(row.id, unit.surface, row.unit, row.kind, "")
        if at_clause_end(text, unit_end) or money_tail(text, unit_end, money, rules)[1]:
            return money  # 花费我三块。 三块五毛: money; 三块石头: a measure word
        return unit
    if unit.surface == rules.angle.unit and unit.kind == "temperature":
        kind = degree_kind(text, start, rules)
        return UnitRule(rules.angle.id, unit.surface, unit.unit, kind, "") if kind else unit
    if unit.id == "quantity/mass.liang" and rules.unit_surfaces.end_at(text, unit_end) >= 0:
        return None  # 三两个人: 两 before a measure word is no weight
    return unit


def _qualifier_before(text: str, start: int, rules: QuantityRules) -> QualifierRule | None:
    """超过4000人次, 近一吨: the qualifier right before the numeral (not the 约 of 签约)."""
    if start == 0 or text[start - 1] not in rules.before_last:
        return None
    before = rules.before_pattern.search(text, max(0, start - 4), start, timeout=REGEX_TIMEOUT)
    if before is None:
        return None
    rule = rules.before[before.group()]
    if before.start() > 0 and text[before.start() - 1] in rule.not_after:
        return None
    return rule


def _symbol_quantity(
    text: str, span: NumeralSpan, second: NumeralSpan | None, rules: QuantityRules, inside: Interior
) -> Found | None:
    """US$20, ￥300: a currency symbol before the number gives its unit."""
    symbol = symbol_before(text, span.start, rules)
    if symbol is None or span.numeral.bare or span.numeral.vague:
        return None
    start, unit = symbol
    end = second.end if second is not None else span.end
    if end in inside and not at_clause_end(text, end):
        return None
    high = second.numeral.value if second is not None else None
    return Found(
        start, end, span.numeral.value, high, unit.unit, unit.kind, "range" if high else "exact", False, unit.id
    )


def _quantity_at(
    text: str, span: NumeralSpan, following: NumeralSpan | None, rules: QuantityRules, inside: Interior
) -> Found | None:
    start, numeral = span.start, span.numeral
    if _code_before(text, start, rules):
        return None
    second = _range_end(text, span, following, rules)
    end = second.end if second is not None else span.end
    vague = numeral.vague or numeral.value_max is not None  # 四五多个 is no one bound
    infix = text[end] if end < len(text) and text[end] in rules.infix and not vague else ""
    found = _unit_at(text, span, end + len(infix), not infix and second is None, rules)
    if infix:  # 300多明尼加比索: the vague word may begin the unit; the longer reading wins
        whole = _unit_at(text, span, end, second is None, rules)
        if whole is not None and (found is None or whole[1] > found[1]):
            infix, found = "", whole
    if found is None:
        return _symbol_quantity(text, span, second, rules, inside)
    unit_start, unit_end, numeral = found
    unit = _unit_in_context(text, start, unit_end, rules.units[text[unit_start:unit_end]], rules)
    if unit is None:
        return None
    qualifier = "range" if second is not None else _qualifier_of(numeral, rules)
    if infix:
        if infix == "几" or unit.kind == "percent":
            return None
        qualifier = rules.infix[infix].qualifier
    ordinal = start > 0 and text[start - 1] == rules.ordinal
    if text[start:end] in rules.indefinite and unit.kind == "count" and not ordinal and not numeral.vague:
        if start == 0 or _qualifier_before(text, start, rules) is None:
            return None  # 一批, 一条, 一套: the indefinite article before a measure word, not a count
    if ordinal:
        start -= 1
        if second is not None or numeral.vague or numeral.bare:
            return None
    if start in inside:
        return None  # the numeral's first character belongs to a word: 李四人民币
    if unit_end in inside and unit_end - unit_start == 1 and unit.kind in ("count", "percent"):
        if not _noun_follows(text, unit_end, inside):
            return None  # a one-character measure word that begins a word: 一成立, 十分之
        # jieba glued the measure word to its noun: 16节车厢, 三节课
    low = numeral.value
    high = second.numeral.value if second is not None else span.numeral.value_max
    if second is not None:
        shared = _shared(text[span.start : span.end], text[second.start : second.end])
        if shared is not None and high is not None and shared < high:
            low = shared  # 三到五万 -> 30000; never a low end at or above the high one (1-1百两)
    return _measured(text, start, unit_end, (low, high), numeral, unit, qualifier, ordinal, following, rules)


def _noun_follows(text: str, pos: int, inside: Interior) -> bool:
    """jieba glued the measure word to a noun it measures: the rest of the token is a noun of the
    dictionary and the glued token is no common word of its own (节车厢, 节课; not 个人, 名义, 成立),
    or the glued token is no word of the dictionary at all (jieba's model joined the measure word
    to a word it does not know: 12家工坊, 12家非|遗工坊) and no particle follows the measure word."""
    end = inside.end_of_word(pos)
    tags = load_tags()
    glued = tags.get(text[inside.start_of_word(pos) : end])  # the whole token: 节车厢, 家工坊, 三部曲
    if glued is None:
        after = tags.get(text[pos])
        return after is None or after[0] not in NOT_NOUN_START_TAGS
    if glued[1] >= RARE_WORD:
        return False  # a word of its own: 个人, 名义, 成立
    entry = tags.get(text[pos:end])
    return entry is not None and entry[0] in NOUN_TAGS


def _measured(
    text: str,
    start: int,
    pos: int,
    values: tuple[Decimal, Decimal | None],
    numeral: Numeral,
    unit: UnitRule,
    qualifier: str,
    ordinal: bool,
    following: NumeralSpan | None,
    rules: QuantityRules,
) -> Found | None:
    """The value with what follows its unit: subunits (五元三毛), decimals (三成五), 半, a second end (20%—35%)."""
    value, value_max = values
    if value_max is None and not ordinal:
        pos, extra = money_tail(text, pos, unit, rules)
        if not extra:
            pos, extra = decimal_tail(text, pos, unit, rules)
        if not extra and text.startswith(rules.half, pos):
            pos, extra = pos + len(rules.half), Decimal("0.5")  # 三年半, 一吨半: and a half
        value += extra
    if ordinal:
        return Found(start, pos, scaled(value, unit), None, unit.unit, unit.kind, qualifier, True, unit.id)
    if value_max is None and qualifier == "exact" and following is not None and following.start == pos + 1:
        if text[pos] in rules.connectors and text.startswith(unit.surface, following.end):
            if following.numeral.value > value and following.numeral.value_max is None:
                value_max, qualifier = following.numeral.value, "range"  # 20%—35%, 2万元-9万元
                pos = following.end + len(unit.surface)
    return _qualified(text, start, pos, value, value_max, numeral, unit, qualifier, rules)


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
    after = None
    if pos < len(text) and text[pos] in rules.after_first:
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
    value_max = scaled(value_max, unit) if value_max is not None else None
    return Found(start, pos, scaled(value, unit), value_max, unit.unit, unit.kind, qualifier, False, unit.id)


def find_quantities(doc: Doc) -> list[Candidate]:
    """Quantity candidates of the document."""
    article_at = doc.article_at
    out = []
    for found in find_quantities_in(doc.text, doc.interior, doc.triggers):
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
