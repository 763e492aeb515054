"""Technical number notations: scientific (2e5, 12.32e+14, -12e-1) and powers (2^5, 1.1^+23, 2^-1).

News rarely prints them, but reports, tables and data notes do, and
Recognizers-Text's NumberModel reads them.  Find and resolve are apart, as in
``extract.numbers``: ``NOTATION`` finds a span, ``resolve_notation`` computes
its exact ``Decimal`` (a power is exact to the decimal context's 28 digits).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from .regex_code import compile_regex

# A signed decimal, then an exponent (e/E) or a power (^); never inside a code
# (0x3e5, v2^3): no Latin letter, digit, point or caret on either side.  An
# exponent of at most three digits keeps every value computable at once.
NOTATION = (
    r"(?<![\p{Latin}\d.^])[-－]?+\d++(?:\.\d++)?+"
    r"(?:[eE][+\-－]?+\d{1,3}+|\^[+\-－]?+\d{1,3}+)(?![\p{Latin}\d.^])"
)
_MINUS = str.maketrans({"－": "-"})


@cache
def notation_pattern() -> regex.Pattern[str]:
    return compile_regex(NOTATION)


def resolve_notation(s: str) -> Decimal | None:
    """The value of ``s`` when it is wholly one scientific or power notation, else None."""
    s = s.translate(_MINUS)
    try:
        if "^" in s:
            base, _, exponent = s.partition("^")
            sign = -1 if base.startswith("-") else 1  # -2.5^-1: the sign stays outside the power
            value = sign * Decimal(base.lstrip("-")) ** int(exponent)
        else:
            value = Decimal(s)
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return None
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()
