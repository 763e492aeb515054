"""Build src/extract/data/currency_cldr.txt: currency names and symbols in Chinese, from CLDR.

Each line is ``code<TAB>unit<TAB>surface<TAB>position``: the ISO 4217 code,
the unit a record carries (CLDR's simplified Chinese display name), one way
the currency is printed, and where it stands: ``after`` the number (names:
新加坡元, 港幣) or ``before`` it (symbols: US$, HK$, €, £).

Sources: the display names of locales zh and zh_Hant, the standard symbols of
zh, and the symbols of en for the currencies whose zh symbol is the code
itself ($ for USD, as Chinese news prints it), with the full-width forms of
one-character symbols (￥ for ¥).  Historic currencies (a name
with a parenthesis or years), funds and metals (X.. codes other than XBT) are
left out.  The hand-written aliases of news usage (新元, 港币, 美金, 块钱) stay
in quantity.toml.

Run: ``python tools/build_currencies.py`` with ``babel`` installed (``pip
install babel``).  The output is sorted, so a rebuild from the same babel
release gives the same file.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "extract" / "data" / "currency_cldr.txt"
# Symbols that are letters or stand for several currencies in Chinese text ($
# goes to USD alone, ¥ to CNY; kr, R, Fr and the like are words in Latin text).
SYMBOL_SKIP = {"ILR", "XCG", "XAF", "XOF", "XPF"}


def _names(locale: object, code: str) -> list[str]:
    name = locale.currencies.get(code, "")  # type: ignore[attr-defined]
    if not name or any(c in name for c in "()（）0123456789") or name == code:
        return []
    return [name]


def build() -> list[tuple[str, str, str, str]]:
    import babel
    from babel import Locale

    zh, hant, en = Locale.parse("zh"), Locale.parse("zh_Hant"), Locale.parse("en")
    rows: set[tuple[str, str, str, str]] = set()
    for code in zh.currencies:
        if code.startswith("X") and code != "XBT":
            continue
        unit = _names(zh, code)
        if not unit:
            continue
        for surface in unit + _names(hant, code):
            rows.add((code, unit[0], surface, "after"))
        if code in SYMBOL_SKIP:
            continue
        for symbol in (zh.currency_symbols.get(code, ""), en.currency_symbols.get(code, "")):
            if symbol and symbol != code and not symbol.isalpha() and len(symbol) <= 3:
                rows.add((code, unit[0], symbol, "before"))
    # One currency per symbol: the first code in sorted order wins a clash, except
    # the two that Chinese news means by a bare symbol.
    preferred = {"$": "USD", "¥": "CNY", "£": "GBP"}
    by_symbol: dict[str, tuple[str, str, str, str]] = {}
    for row in sorted(rows):
        if row[3] == "before":
            if row[2] in preferred and row[0] != preferred[row[2]]:
                continue
            by_symbol.setdefault(row[2], row)
    # The full-width forms of a symbol (￥, ＄, ￡: NFKC folds them to ¥, $, £), as PDF text prints them.
    for code, unit, symbol, position in list(by_symbol.values()):
        for cp in range(0xFF01, 0xFFEF):
            if len(symbol) == 1 and unicodedata.normalize("NFKC", chr(cp)) == symbol:
                by_symbol[chr(cp)] = (code, unit, chr(cp), position)
    names = sorted(r for r in rows if r[3] == "after")
    assert babel.__version__
    return names + sorted(by_symbol.values())


def main() -> None:
    import babel

    header = [
        "# Currency names and symbols in Chinese, from the Unicode CLDR: code, unit, surface, position.",
        f"# Source: CLDR as shipped by the babel package {babel.__version__}, locales zh, zh_Hant (names) and zh, en (symbols).",
        "# Licence: Unicode License v3 (CLDR data); babel itself is BSD-3-Clause.",
        "# Built by tools/build_currencies.py; do not edit by hand.",
    ]
    lines = ["\t".join(row) for row in build()]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} rows")


if __name__ == "__main__":
    main()
