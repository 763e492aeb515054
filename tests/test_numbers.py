"""The number grammar: ``parse_number`` over a table of written numbers, and its invariants.

Rows are written from real usage (news, reports, bulletins): Arabic with
separators and decimals, Chinese small and large, financial forms, mixed
forms, vague and range forms, fractions, negatives.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import find_numbers, parse_number
from extract.layout import normalize
from extract.numbers import find_numerals, resolve_numeral

NUMBERS: list[tuple[str, str]] = [
    # Arabic
    ("0", "0"),
    ("7", "7"),
    ("1448", "1448"),
    ("1,448", "1448"),
    ("1,050,000,000", "1050000000"),
    ("13.8", "13.8"),
    ("10,000.233", "10000.233"),
    ("4.800", "4.8"),
    (".5", "0.5"),
    ("-10000", "-10000"),
    # Chinese, small
    ("一", "1"),
    ("两", "2"),
    ("十", "10"),
    ("十一", "11"),
    ("二十", "20"),
    ("九十九", "99"),
    ("一百", "100"),
    ("一百零一", "101"),
    ("一百一十", "110"),
    ("二百五十", "250"),
    ("四百五", "450"),
    ("九百九", "990"),
    ("九百九十九", "999"),
    ("一千零五", "1005"),
    ("一千零五十", "1050"),
    ("一千四百四十八", "1448"),
    ("两千三百五", "2350"),
    ("千三", "1300"),
    ("百三", "130"),
    ("零十", "10"),
    # Chinese, large
    ("一万", "10000"),
    ("一万三", "13000"),
    ("三万五千", "35000"),
    ("一万零二百五十", "10250"),
    ("九万零四百", "90400"),
    ("九十二万四", "924000"),
    ("四十万", "400000"),
    ("一百万零四", "1000004"),
    ("四千万", "40000000"),
    ("四千零五万", "40050000"),
    ("四千万零六千", "40006000"),
    ("一千零一万零一", "10010001"),
    ("四亿", "400000000"),
    ("五亿零六", "500000006"),
    ("四亿五千六百四十二万零一十五", "456420015"),
    ("四十五亿四千零四万", "4540040000"),
    ("四万万", "400000000"),
    ("一万五千亿", "1500000000000"),
    ("二十一万亿", "21000000000000"),
    ("五兆六十二亿四万五千二", "5006200045200"),
    ("一百零十万", "1100000"),
    # positional digits (years, codes)
    ("二〇二四", "2024"),
    ("一九九一", "1991"),
    ("二零零八", "2008"),
    # financial and traditional forms
    ("壹佰伍拾", "150"),
    ("肆佰陆拾", "460"),
    ("拾万零五十六", "100056"),
    ("十万柒仟捌佰伍拾肆", "107854"),
    ("贰仟零贰拾", "2020"),
    ("兩千四百五", "2450"),
    ("五億零六", "500000006"),
    ("四萬萬", "400000000"),
    # mixed Arabic and Chinese
    ("13.8万", "138000"),
    ("3千", "3000"),
    ("1.2亿", "120000000"),
    ("36.57亿", "3657000000"),
    ("4.78万亿", "4780000000000"),
    ("千万", "10000000"),
    ("千亿", "100000000000"),
    ("10万万", "1000000000"),
    ("5万4千6百", "54600"),
    ("5亿1万4千6百", "500014600"),
    ("3万4000", "34000"),
    ("1千零20", "1020"),
    ("2千零30万", "20300000"),
    ("1,100万", "11000000"),
    ("1,100.9亿", "110090000000"),
    ("350万亿", "350000000000000"),
    # decimals with 点
    ("零点五", "0.5"),
    ("二点五", "2.5"),
    ("十五点七", "15.7"),
    ("四百点五", "400.5"),
    ("两千点零", "2000"),
    ("两千三点一", "2300.1"),
    ("两千万点五五四四", "20000000.5544"),
    ("四百亿点零五零", "40000000000.05"),
    # negatives
    ("负三十二", "-32"),
    ("负10000", "-10000"),
    ("负六点六", "-6.6"),
    ("负1.1", "-1.1"),
    ("负四十五亿零四百零四万", "-4504040000"),
    # fractions
    ("二分之一", "0.5"),
    ("五分之一", "0.2"),
    ("一百分之二", "0.02"),
    ("一千分之一", "0.001"),
    ("3/5", "0.6"),
    ("-3/2", "-1.5"),
    ("负一又二分之一", "-1.5"),
    ("3又一千分之23", "3.023"),
    ("二十五分之一百四十四", "5.76"),
    # vague: the round value (the quantity gets the bound)
    ("十多万", "100000"),
    ("500余万", "5000000"),
    ("一千多万", "10000000"),
    ("一百零几万", "1000000"),
    ("上千", "1000"),
    ("上万", "10000"),
]

NOT_NUMBERS = [
    "",
    "abc",
    "一站式",
    "一切",
    "万",
    "万万",
    "百",
    "两两",
    " 3",
    "3 ",
    "十几",  # a range, 11..19
    "二三十",  # a range, 20..30
    "31%",  # a quantity with its unit, not a numeral
    "1.2.3",
    "四川",
]


@pytest.mark.parametrize(("text", "value"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parse_number(text: str, value: str) -> None:
    result = parse_number(text)
    assert result == Decimal(value)
    assert isinstance(result, Decimal)


def test_repeating_fraction_is_exact_to_the_decimal_context() -> None:
    third = parse_number("三分之一")
    assert third is not None and abs(third - Decimal(1) / 3) == 0
    assert parse_number("1/3") == third


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("二三十", "20", "30"),
        ("三四百", "300", "400"),
        ("十几", "11", "19"),
        ("二十几", "21", "29"),
        ("二十几万", "210000", "290000"),
        ("几百万", "2000000", "9000000"),
        ("数十亿", "2000000000", "9000000000"),
        ("几十", "20", "90"),
    ],
)
def test_ranges_resolve_with_a_maximum(text: str, low: str, high: str) -> None:
    numeral = resolve_numeral(text)
    assert numeral is not None
    assert (numeral.value, numeral.value_max) == (Decimal(low), Decimal(high))


def test_find_numerals_in_running_text() -> None:
    text = "对辖区200余家企业，总金额超过千万元，第十一届，13.8万平方米"
    assert [(text[s.start : s.end], s.numeral.value) for s in find_numerals(text)] == [
        ("200", Decimal(200)),
        ("千万", Decimal(10000000)),
        ("十一", Decimal(11)),
        ("13.8万", Decimal(138000)),
    ]


def test_long_digit_runs_stay_fast() -> None:
    text = "1" * 5000 + "," + "2" * 5000 + "." * 10
    assert find_numerals(text)  # possessive digit runs: linear, no timeout


_CN = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write ``n`` (0 <= n < 10**16) in Chinese numerals, the standard way."""
    if n == 0:
        return "零"

    def below_10k(k: int) -> str:
        out, zero = "", False
        for unit, place in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // unit % 10
            if digit:
                if zero and out:
                    out += "零"
                out += _CN[digit] + place
                zero = False
            else:
                zero = True
        return out

    parts = []
    for big, name in ((10**12, "兆"), (10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // big % 10**4
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(below_10k(chunk) + name)
        elif parts and parts[-1] != "零":
            parts.append("零")
    text = "".join(parts).rstrip("零")
    return text


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_number_to_chinese_and_back(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_arabic_round_trip(n: int, cents: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n}.{cents:02d}") == Decimal(f"{n}.{cents:02d}")


# find_numbers: every number of a text that stands as a number, with its exact value.
FOUND: list[tuple[str, list[tuple[str, str]]]] = [
    ("共有1,448家企业", [("1,448", "1448")]),
    ("营收45，300.50元", [("45，300.50", "45300.5")]),
    ("粉丝突破8w", [("8w", "80000")]),
    ("月薪20k起", [("20k", "20000")]),
    ("这里有一百二十三个人", [("一百二十三", "123")]),
    ("三又三分之一", [("三又三分之一", "3.333333333333333333333333333")]),
    ("增长了百分之五", [("五", "5")]),
    ("同比增长31%，达到二十万人", [("二十万", "200000")]),  # the number of a percentage is a percent
    ("系数为2e5", [("2e5", "200000")]),
    ("一切都好，四川很美", []),  # numerals inside words
    ("十几个人", []),  # a range has no one value
    ("金额为壹万贰仟元", [("壹万贰仟", "12000")]),
    ("１２３４５", [("12345", "12345")]),
]


@pytest.mark.parametrize(("text", "want"), FOUND, ids=[t for t, _ in FOUND])
def test_find_numbers(text: str, want: list[tuple[str, str]]) -> None:
    found = find_numbers(text)
    assert [(n.text, n.value) for n in found] == [(s, Decimal(v)) for s, v in want]
    for n in found:
        assert normalize(text[n.start : n.end]) == n.text  # spans are offsets into the text as given


@given(st.text(alphabet="一二三四五六七八九十百千万亿零两0123456789,.，%个人的是了 ", max_size=40))
def test_find_numbers_spans_round_trip(text: str) -> None:
    prefix = "据悉，"
    shifted = find_numbers(prefix + text)
    for n in shifted:
        assert 0 <= n.start < n.end <= len(prefix) + len(text)
        assert isinstance(n.value, Decimal)
