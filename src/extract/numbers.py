"""Number grammar: find numerals in text and resolve each to an exact value.

One grammar for every way a Chinese page writes a number: Arabic digits with
thousands separators and decimals (1,448 · 13.8), Chinese numerals small and
large (十一 · 两 · 一千四百四十八 · 二〇二四), the financial forms (壹贰叁 · 拾佰仟),
mixed forms (13.8万 · 3千 · 1.2亿 · 千万), fractions (三分之一 · 1/3), negatives
(负三十二) and vague forms whose value is a bound (十多万 · 500余万 · 二十几万 ·
上千 · 数百) or a range (二三十 · 十几).

Extract and parse are separate steps: ``find_numerals`` yields spans,
``resolve_numeral`` computes the value of one span's text.  Values are exact
(``Decimal``); a fraction that does not terminate is rounded to 28 significant
digits by the decimal context, never through a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import regex

from .number_notation import notation_pattern, resolve_notation
from .regex_code import compile_regex
from .rules import REGEX_TIMEOUT

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
ZEROS = "零〇○"
_NARROW = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)} | {0xFF0E: ord(".")}  # １２．５ as the page folds it
CHEQUE_CLOSE = ("圆整", "元整", "整")  # 叁万伍仟圆整: how a cheque or invoice closes an amount
POINTS = "点點"
NEGATIVE = "负負-－"
# Words that make a numeral a bound: 十多万, 500余万, 二十几万 (Recognizers-Text
# reads them as the round value, and so do we; the quantity gets the qualifier).
VAGUE = "多余几幾"

_CN_DIGITS = "".join(DIGITS)
_CN_UNITS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_MAGNITUDES = "十拾百佰千仟万萬亿億兆"

# An Arabic number: thousands groups (1,234,567; the full-width comma of 45，300.50,
# as PDF text prints it; a space, 1 234 567) or a plain run, an optional decimal
# part, and a k or w suffix (20k = 20000, 8w = 80000; not before a Latin letter,
# so 5kg stays 5 kg).  Possessive quantifiers: a long digit run is scanned once.
ARABIC = (
    r"(?:\d{1,3}+(?:(?:[,，]\d{3})++|(?: \d{3})++)(?![\d])|\d++)(?:\.\d++)?+"
    r"(?: ?[kK](?![\p{Latin}\d])|[wW](?![\p{Latin}\d]))?+|\.\d++"
)
THOUSANDS = ",， "  # separators inside an Arabic number
SUFFIXES: dict[str, int] = {"k": 1000, "K": 1000, "w": 10000, "W": 10000}
# A Chinese (or mixed) integer: digits, magnitudes and zeros in any order; the
# resolver checks the order.  A vague word may sit before a magnitude (十多万).
_CN_RUN = rf"[{_CN_DIGITS}{_CN_UNITS}]++"
_PART = (
    rf"(?:{ARABIC}|{_CN_RUN})"
    rf"(?:(?:{ARABIC})|{_CN_RUN}|[{VAGUE}](?=[{_MAGNITUDES}])|(?<=[十拾])[几幾](?![{_MAGNITUDES}]))*+"
)
# After 点 the digits are read one by one; 两 is never one of them (一点两小时).
_DECIMAL_DIGITS = _CN_DIGITS.replace("两", "").replace("兩", "").replace("俩", "").replace("倆", "")
_DECIMAL = rf"(?:[{POINTS}][{_DECIMAL_DIGITS}]++)?+"
_INTEGER = rf"{_PART}{_DECIMAL}"
# Fractions: 三分之一, 3分之1, 一又二分之一, 1/3; and the numeral itself.
# 上千, 数百, 几十: a magnitude with a vague prefix, a bound rather than a number.
VAGUE_PREFIX = "上数几幾"
FEW = "数几幾"  # 几百, 数十: between two and nine of the magnitude
_VAGUE_MAGNITUDE = rf"[{VAGUE_PREFIX}][十百千万亿]++"  # never the financial 拾 (上拾取)
NUMERAL = (
    rf"(?:{_VAGUE_MAGNITUDE}|"
    # A dash after a numeral or a percent sign joins a range (2万-9万, 20%-35%): no minus sign.
    rf"(?:[负負]|(?<![\d.%{_CN_DIGITS}{_CN_UNITS}])[-－](?=\.?\d))?+"
    rf"(?:(?:{_INTEGER})(?:又| (?=\d++[/／]\d)))?+"
    # The integer read once for 三分之一 and a plain 三 (分之 optional after it), not twice;
    # 1/3 may come first: no integer before 分之 ends on a slash.
    rf"(?:\d++[/／]\d++(?!\d)|(?:{_INTEGER})(?:分之(?:[负負])?{_INTEGER})?))"
)


@dataclass(frozen=True)
class Numeral:
    """A resolved numeral: ``value``, and ``value_max`` for a range (二三十)."""

    value: Decimal
    value_max: Decimal | None = None
    vague: str = ""  # the vague word that made it a bound (多 余 几), if any
    bare: bool = False  # a lone magnitude (千 in 逾千名), a number only next to a qualifier


@cache
def numeral_pattern() -> regex.Pattern[str]:
    return compile_regex(NUMERAL)


def _positional(s: str) -> Decimal | None:
    """二〇二四 -> 2024: a run of digit characters read place by place."""
    if not s or any(ch not in DIGITS for ch in s):
        return None
    return Decimal("".join(str(DIGITS[ch]) for ch in s))


def _tokens(s: str) -> list[tuple[str, Decimal]] | None:
    """Split an integer numeral into ('d', digit) ('a', arabic) ('u', unit) ('U', big unit) ('0', zero)."""
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if (ch.isdigit() and ch.isascii()) or ch == ".":
            j = i
            while j < len(s) and ((s[j].isascii() and s[j].isdigit()) or s[j] in THOUSANDS or s[j] == "."):
                j += 1
            while s[j - 1] in THOUSANDS:
                j -= 1  # 3.2 k: the space before a suffix is no separator
            text = "".join(c for c in s[i:j] if c not in THOUSANDS)
            if text.count(".") > 1 or text.endswith("."):
                return None
            value = Decimal(text)
            rest = s[j:].lstrip(" ")
            if rest[:1] and rest[0] in SUFFIXES:  # 20k, 3.2 k, 8w
                value *= SUFFIXES[rest[0]]
                j = len(s) - len(rest) + 1
            out.append(("a", value))
            i = j
            continue
        if ch in ZEROS:
            out.append(("0", Decimal(0)))
        elif ch in DIGITS:
            out.append(("d", Decimal(DIGITS[ch])))
        elif ch in SMALL_UNITS:
            out.append(("u", Decimal(SMALL_UNITS[ch])))
        elif ch in BIG_UNITS:
            out.append(("U", Decimal(BIG_UNITS[ch])))
        else:
            return None
        i += 1
    return out


def _integer(s: str) -> Decimal | None:
    """The value of an integer numeral with magnitudes (一千零一万零一, 13.8万, 5亿1万4千6百)."""
    if len(s) > 1 and s[-1] in "两兩" and s[-2] not in "一壹":
        return None  # 三十两, 二两: 两 is a digit only before a magnitude or a measure word; at the end, a unit
    tokens = _tokens(s)
    if not tokens:
        return None
    kinds = "".join(k for k, _ in tokens)
    if kinds.strip("d0") == "" and len(tokens) > 1:
        # 二〇二四, 一九九一, 二〇〇: digits only, read positionally; never 两两,
        # and two digits without a zero are a range (三四个), not 34.
        if any(ch in "两兩俩倆" for ch in s) or (len(s) < 3 and not any(ch in ZEROS for ch in s)):
            return None
        return _positional(s)
    return _magnitudes(s, tokens)


def _magnitudes(s: str, tokens: list[tuple[str, Decimal]]) -> Decimal | None:
    """The value of the tokens of ``s`` read section by section: digits times small units, under big units."""
    total = Decimal(0)  # value of the completed big-unit sections
    section = Decimal(0)  # value below the current big unit
    number: Decimal | None = None
    number_kind = ""
    last_small: Decimal | None = None
    last_big: Decimal | None = None
    zero_seen = False
    for kind, val in tokens:
        if kind in "da":
            if number is not None:
                return None  # two numbers in a row: 两两, 3 4
            number, number_kind = val, kind
        elif kind == "0":
            if number is not None:
                return None
            zero_seen = True
        elif kind == "u":
            if last_small is not None and val >= last_small and number is None:
                return None  # 百百
            n = number if number is not None else Decimal(1)
            if number is None and section == 0 and total == 0 and len(tokens) == 1 and s != "十":
                return None  # a lone 百, 千 or 拾 is a word (拾起), not a number
            section += n * val
            number, last_small, zero_seen = None, val, False
        else:  # big unit
            if number is not None:
                section += number
            number = None
            if section == 0:
                if total == 0:
                    return None  # a lone 万, or 万万
                total *= val  # 万亿, 4万万: the big unit multiplies all read so far
                last_big = (last_big or Decimal(1)) * val
            elif last_big is not None and val < last_big:
                total += section * val  # 5亿1万: a smaller section after a larger one
            else:
                total = (total + section) * val
                last_big = val
            section, last_small, zero_seen = Decimal(0), None, False
    if number is not None:
        if number_kind == "d" and not zero_seen and len(tokens) > 1:
            # 一万三 = 13000, 九百九 = 990: a bare final digit counts in the unit below.
            prev_kind, prev_val = tokens[-2]
            if prev_kind == "u" and prev_val > 10:
                number *= prev_val / 10
            elif prev_kind == "U":
                number *= prev_val / 10
        section += number
    return clean(total + section)


def clean(value: Decimal) -> Decimal:
    """138000.0 -> 138000, 0.50 -> 0.5: one spelling per value."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _fraction_digits(s: str) -> Decimal | None:
    value = _positional(s)
    if value is None:
        return None
    return value / Decimal(10) ** len(s)


def _unsigned(s: str) -> Decimal | None:
    """An integer numeral with an optional 点 decimal part (四百点五, 两千万点五五四四)."""
    for point in POINTS:
        if point in s:
            head, _, tail = s.partition(point)
            whole = _integer(head) if head else None
            frac = _fraction_digits(tail)
            if whole is None or frac is None:
                return None
            return clean(whole + frac)
    return _integer(s)


def _fraction(s: str) -> Decimal | None:
    whole = Decimal(0)
    joiner = "又" if "又" in s else " " if " " in s else ""
    if joiner:  # 三又三分之一, 1 4/3: a whole number and a fraction
        head, _, s = s.partition(joiner)
        w = _unsigned(head)
        if w is None:
            return None
        whole = w
    if "分之" in s:
        den_s, _, num_s = s.partition("分之")
        sign = Decimal(1)
        if num_s[:1] in "负負":
            sign, num_s = Decimal(-1), num_s[1:]
        den, num = _unsigned(den_s), _unsigned(num_s)
    elif "/" in s:
        num_s, _, den_s = s.partition("/")
        sign, num, den = Decimal(1), _unsigned(num_s), _unsigned(den_s)
    else:
        return None
    if den is None or num is None or den == 0:
        return None
    return clean(whole + sign * num / den)


@lru_cache(maxsize=8192)
def resolve_numeral(s: str) -> Numeral | None:
    """The value of ``s`` when it is wholly one numeral, else None (cached: numerals repeat).

    Ranges written with adjacent digits (二三十 → 20..30, 十几 → 11..19) give
    ``value_max``; a vague word (十多万, 500余万) is dropped from the value and
    named in ``vague``.
    """
    s = s.strip()
    if not s:
        return None
    sign = Decimal(1)
    if s[0] in NEGATIVE:
        sign, s = Decimal(-1), s[1:]
        if not s:
            return None
    if s[0] in VAGUE_PREFIX:
        scale = _integer("一" + s[1:]) if len(s) > 1 and all(ch in _MAGNITUDES for ch in s[1:]) else None
        if scale is None:
            return None
        if s[0] in FEW:  # 几百万, 数十亿: a few of the magnitude, 2 to 9 of it
            return Numeral(sign * 2 * scale, sign * 9 * scale, s[0])
        return Numeral(sign * scale, None, s[0])  # 上千: up to the magnitude
    s = s.replace("／", "/")
    if "分之" in s or "/" in s:
        value = _fraction(s)
        return Numeral(sign * value) if value is not None else None
    vague = ""
    first = next((ch for ch in s if ch in VAGUE), "")  # the first vague word: no regex call for one set
    if first:
        vague = first
        if vague in "几幾" and s.endswith(vague) and s[:-1].endswith(("十", "拾")):
            base = _unsigned(s[:-1])  # 十几 = 11..19, 二十几 = 21..29
            if base is None:
                return None
            return Numeral(sign * (base + 1), sign * (base + 9), vague)
        if vague in "几幾":
            head, _, tail = s.partition(vague)  # 二十几万 = 21万..29万
            if head.endswith(("十", "拾")) and tail and all(ch in BIG_UNITS for ch in tail):
                base, scale = _unsigned(head), _integer("一" + tail)
                if base is None or scale is None:
                    return None
                return Numeral(sign * (base + 1) * scale, sign * (base + 9) * scale, vague)
        s = s.replace(vague, "", 1)
        if any(ch in VAGUE for ch in s):
            return None
    rng = _adjacent_range(s)
    if rng is not None:
        low, high = rng
        return Numeral(sign * low, sign * high, vague)
    value = _unsigned(s)
    if value is None:
        return None
    return Numeral(sign * value, None, vague)


def _adjacent_range(s: str) -> tuple[Decimal, Decimal] | None:
    """三四 → (3, 4), 二三十 → (20, 30), 三四百万 → (3000000, 4000000): two successive digits."""
    if len(s) < 2 or s[0] not in DIGITS or s[1] not in DIGITS:
        return None
    a, b = DIGITS[s[0]], DIGITS[s[1]]
    if a == 0 or b != a + 1:
        return None
    if len(s) == 2:
        return Decimal(a), Decimal(b)  # 三四个: three or four
    if s[2] not in SMALL_UNITS and s[2] not in BIG_UNITS:
        return None
    low, high = _integer(s[0] + s[2:]), _integer(s[1:])
    if low is None or high is None:
        return None
    return low, high


def parse_number(s: str) -> Decimal | None:
    """The exact value of a string that is wholly one numeral, else None.

    >>> parse_number("一千零一万零一"), parse_number("13.8万"), parse_number("两")
    (Decimal('10010001'), Decimal('138000.0'), Decimal('2'))

    Ranges (二三十) are not one number and give None; vague numerals give
    their round value (十多万 → 100000), as the quantity layer reads them.
    Scientific and power notations (2e5, 2^5) and the amounts of a cheque
    (叁万伍仟圆整: the financial 圆整 or 整 closes the amount) are read too.
    """
    if not isinstance(s, str) or not s or s != s.strip():
        return None
    s = s.translate(_NARROW)
    if notation_pattern().fullmatch(s, timeout=REGEX_TIMEOUT):
        return resolve_notation(s)
    for close in CHEQUE_CLOSE:
        if s.endswith(close) and len(s) > len(close):
            s = s.removesuffix(close)
            break
    if not numeral_pattern().fullmatch(s, timeout=REGEX_TIMEOUT):
        return None
    numeral = resolve_numeral(s)
    if numeral is None or numeral.value_max is not None:
        return None
    return numeral.value


@dataclass(frozen=True)
class NumeralSpan:
    start: int
    end: int
    numeral: Numeral


def find_numerals(text: str, bare: bool = False) -> list[NumeralSpan]:
    """Every maximal numeral in ``text`` that resolves, left to right.

    With ``bare``, a lone magnitude (百 千 万 亿) is kept too, marked ``bare``:
    the quantity layer accepts it only after a qualifier (逾千名, 超千亿美元).
    """
    out = []
    for m in numeral_pattern().finditer(text, timeout=REGEX_TIMEOUT):
        start, end = m.span()
        found = m.group()
        numeral = resolve_numeral(found)
        if numeral is None and end - start > 1 and found[-1] in "两兩":
            end -= 1  # 三千两百两: the last 两 is the unit (a tael)
            numeral = resolve_numeral(text[start:end])
        if numeral is None and bare and end - start == 1 and found in _MAGNITUDES:
            value = _integer("一" + found)
            numeral = Numeral(value, bare=True) if value is not None else None
        # A run that does not resolve (两两, 七十百) is no numeral: no guessing at a prefix.
        if numeral is not None:
            out.append(NumeralSpan(start, end, numeral))
    return out
