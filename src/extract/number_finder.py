"""Every number of a text, with its span and exact value: ``find_numbers`` (the public one).

Recognizers-Text's NumberModel convention: every numeral that stands as a
number is reported, bare ones included (no unit needed), with its exact value;
a numeral inside a word is not (一切, 四川, 陆地), nor the number of a
percentage (31%, which is a percent, not a number), nor a range (二三十, 十几:
no one value; the quantity layer reads ranges).  The number of a per-hundred
form is reported (百分之五十五 → 五十五), as that model does.

The text is read as the pipeline reads a page (layout repair: full-width
digits folded, spaces next to Chinese dropped), and every span is given back
in the offsets of the text as passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .doc import interior_of
from .extractors.quantity_rules import quantity_rules
from .layout import repair
from .number_notation import notation_pattern, resolve_notation
from .numbers import VAGUE, numeral_pattern, resolve_numeral
from .rules import REGEX_TIMEOUT
from .tokenize import tokenize

# 百分之, 千分之, 万分之 ...: the number after it is the number (百分之五十五 → 55).
_PER = regex.compile(r"[百佰千仟万萬]{1,4}分之")


@dataclass(frozen=True)
class NumberFound:
    """One number: ``[start, end)`` offsets into the text as given, its surface, its exact value."""

    start: int
    end: int
    text: str
    value: Decimal


def _numeral_spans(reading: str) -> list[tuple[int, int, Decimal, bool]]:
    """(start, end, value, after 分之) in reading offsets: notations first, then the numerals outside them."""
    out = [
        (m.start(), m.end(), value, False)
        for m in notation_pattern().finditer(reading, timeout=REGEX_TIMEOUT)
        if (value := resolve_notation(m.group())) is not None
    ]
    taken = {pos for start, end, _, _ in out for pos in range(start, end)}
    for m in numeral_pattern().finditer(reading, timeout=REGEX_TIMEOUT):
        start, end = m.span()
        if start in taken or end - 1 in taken:
            continue
        per = _PER.match(reading, start, end, timeout=REGEX_TIMEOUT)
        if per is not None:
            start = per.end()  # 百分之五十五点五七九: the number is what follows 分之
        numeral = resolve_numeral(reading[start:end]) if start < end else None
        if numeral is not None and numeral.value_max is None:
            out.append((start, end, numeral.value, per is not None))
    return sorted(out)


def find_numbers(text: str) -> list[NumberFound]:
    """Every number in ``text`` that stands as a number, left to right, with its exact value.

    >>> [(n.text, n.value) for n in find_numbers("共有1,448家企业，增长了百分之五，约二十万人")]
    [('1,448', Decimal('1448')), ('五', Decimal('5')), ('二十万', Decimal('200000'))]
    """
    mapped = repair(text)
    reading = mapped.text
    tokens = tokenize(reading)
    inside = interior_of(tokens)
    token_end = {pos: tok.end for tok in tokens for pos in range(tok.start + 1, tok.end)}
    units = quantity_rules().units
    out = []
    for start, end, value, per in _numeral_spans(reading):
        if start in inside and not per:
            continue  # 一切, 四川: the numeral begins inside a word (百分之五 is cut as 百分之五)
        rest = reading[end : token_end[end]] if end in inside else ""
        if rest and rest not in units and rest not in VAGUE:
            continue  # 十分 of 十分重要; but 十个 (a measure word) and 四百多 (a vague word) stand
        if reading.startswith("%", end):
            continue  # the number of a percentage is a percent
        raw_start, raw_end = mapped.to_raw(start, end)
        out.append(NumberFound(raw_start, raw_end, reading[start:end], value))
    return out
