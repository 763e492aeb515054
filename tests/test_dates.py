"""Dates: a table of absolute, range and relative dates, with and without a reference date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from figures import figures

from extract import extract

REF = dt.date(2024, 7, 1)

# (sentence, match, kind, value without a reference date, value with REF)
DATES: list[tuple[str, str, str, str, str]] = [
    ("2009 年 7 月 13 日，公司注册成立", "2009年7月13日", "absolute", "2009-07-13", "2009-07-13"),
    ("2024年2月29日发布", "2024年2月29日", "absolute", "2024-02-29", "2024-02-29"),
    ("二〇二四年一月一日起施行", "二〇二四年一月一日", "absolute", "2024-01-01", "2024-01-01"),
    ("1949年10月1日", "1949年10月1日", "absolute", "1949-10-01", "1949-10-01"),
    ("2023年12月", "2023年12月", "absolute", "2023-12", "2023-12"),
    ("2008 年，天津大学教授首先探讨", "2008年", "absolute", "2008", "2008"),
    ("二〇二四年工作要点", "二〇二四年", "absolute", "2024", "2024"),
    ("2023年度报告", "2023年度", "absolute", "2023", "2023"),
    ("在推进2024中关村科学城北区计划", "2024", "absolute", "2024", "2024"),
    ("2010-01-29", "2010-01-29", "absolute", "2010-01-29", "2010-01-29"),
    ("2010/1/29", "2010/1/29", "absolute", "2010-01-29", "2010-01-29"),
    ("7月13日上午", "7月13日", "absolute", "--07-13", "2023-07-13"),  # nearest at or before REF
    ("十二月三日", "十二月三日", "absolute", "--12-03", "2023-12-03"),
    ("3月5号", "3月5号", "absolute", "--03-05", "2024-03-05"),
    ("2019-2022年，翠湖科创", "2019-2022年", "range", "2019/2022", "2019/2022"),
    ("2019年至2022年", "2019年至2022年", "range", "2019/2022", "2019/2022"),
    ("2023年3月至5月", "2023年3月至5月", "range", "2023-03/2023-05", "2023-03/2023-05"),
    ("2024年7月1日至3日", "2024年7月1日至3日", "range", "2024-07-01/2024-07-03", "2024-07-01/2024-07-03"),
    ("7月1日至3日", "7月1日至3日", "range", "--07-01/--07-03", "2024-07-01/2024-07-03"),
    ("7月30日至8月2日", "7月30日至8月2日", "range", "--07-30/--08-02", "2023-07-30/2023-08-02"),
    ("近日，第十一届大赛举办", "近日", "relative", "", "2024-06-24/2024-07-01"),
    ("日前，记者获悉", "日前", "relative", "", "2024-06-24/2024-07-01"),
    ("今年上半年，西藏", "今年上半年", "relative", "", "2024-01/2024-06"),
    ("今年下半年", "今年下半年", "relative", "", "2024-07/2024-12"),
    ("今年一季度", "今年一季度", "relative", "", "2024-01/2024-03"),
    ("于今年携手", "今年", "relative", "", "2024"),
    ("去年", "去年", "relative", "", "2023"),
    ("前年", "前年", "relative", "", "2022"),
    ("明年", "明年", "relative", "", "2025"),
    ("今年7月", "今年7月", "relative", "", "2024-07"),
    ("去年底", "去年底", "relative", "", "2023-12"),
    ("昨天", "昨天", "relative", "", "2024-06-30"),
    ("今天", "今天", "relative", "", "2024-07-01"),
    ("上个月", "上个月", "relative", "", "2024-06"),
    ("15 年来，这里累计培育", "15年来", "relative", "", "2009-07-01/2024-07-01"),
    ("未来三年", "未来三年", "relative", "", "2024-07-02/2027-07-01"),
    ("近5年", "近5年", "relative", "", "2019-07-01/2024-07-01"),
    ("过去十年", "过去十年", "relative", "", "2014-07-01/2024-07-01"),
    ("3年前", "3年前", "relative", "", "2021"),
    # years in Chinese numerals and in two digits
    ("二○○一年九月", "二○○一年九月", "absolute", "2001-09", "2001-09"),
    ("两千零四年八月十五", "两千零四年八月十五", "absolute", "2004-08-15", "2004-08-15"),
    ("他07年以后就没再来过", "07年", "absolute", "2007", "2007"),
    ("零八年奥运会", "零八年", "absolute", "2008", "2008"),
    ("九八年抗洪", "九八年", "absolute", "1998", "1998"),
    # centuries and decades
    ("20世纪的中国", "20世纪", "range", "1900/1999", "1900/1999"),
    ("二十世纪九十年代", "二十世纪九十年代", "range", "1990/1999", "1990/1999"),
    # 号 as the day, a day without 日
    ("下次的12号", "12号", "absolute", "---12", "2024-06-12"),
    ("一月二十三", "一月二十三", "absolute", "--01-23", "2024-01-23"),
    # lunar dates and festivals
    ("农历2015年十月初一", "农历2015年十月初一", "absolute", "2015-11-12", "2015-11-12"),
    ("大年三十", "大年三十", "absolute", "", "2024-02-09"),
    ("2015年春节", "2015年春节", "absolute", "2015-02-19", "2015-02-19"),
    ("国庆节期间", "国庆节", "absolute", "--10-01", "2023-10-01"),
    ("元旦", "元旦", "absolute", "--01-01", "2024-01-01"),
    # parts of periods
    ("3月上旬", "3月上旬", "absolute", "--03-01/--03-10", "2024-03-01/2024-03-10"),
    ("月底前完成", "月底", "relative", "", "2024-07-21/2024-07-31"),
    ("去年岁末", "去年岁末", "relative", "", "2023-12"),
    ("今年春天", "今年春天", "relative", "", "2024-03/2024-05"),
    ("2023年第一季度", "2023年第一季度", "absolute", "2023-01/2023-03", "2023-01/2023-03"),
    # relative forms
    ("前1周", "前1周", "relative", "", "2024-06-24/2024-07-01"),
    ("下1年", "下1年", "relative", "", "2024-07-02/2025-07-01"),
    ("上一个周三", "上一个周三", "relative", "", "2024-06-26"),
    ("最后一个周三", "最后一个周三", "relative", "", "2024-07-31"),
    ("下周末", "下周末", "relative", "", "2024-07-13/2024-07-14"),
    ("去年本月十日", "去年本月十日", "relative", "", "2023-07-10"),
    # ranges
    ("从一月十日到十二日", "从一月十日到十二日", "range", "--01-10/--01-12", "2024-01-10/2024-01-12"),
    ("三月二十八日到四月15日", "三月二十八日到四月15日", "range", "--03-28/--04-15", "2024-03-28/2024-04-15"),
    ("3月5日至4月10日", "3月5日至4月10日", "range", "--03-05/--04-10", "2024-03-05/2024-04-10"),
    ("2018/1/10-2018/7/10", "2018/1/10-2018/7/10", "range", "2018-01-10/2018-07-10", "2018-01-10/2018-07-10"),
    # times of day
    ("3月5日上午10时", "3月5日上午10时", "absolute", "--03-05T10:00", "2024-03-05T10:00"),
    ("今天15点20分", "今天15点20分", "relative", "", "2024-07-01T15:20"),
    ("29日17:00", "29日17:00", "absolute", "---29T17:00", "2024-06-29T17:00"),
    # numeric forms
    ("2010.01.29", "2010.01.29", "absolute", "2010-01-29", "2010-01-29"),
    ("出票日期：20231115", "20231115", "absolute", "2023-11-15", "2023-11-15"),
    # era years
    ("康熙二十年", "康熙二十年", "era", "1681", "1681"),
    ("民国三年", "民国三年", "era", "1914", "1914"),
]

NO_DATE = [
    "如今，一部分入驻项目",
    "目前，加速器企业",
    "每年芯片进口金额",
    "未来，我们将搭建平台",
    "展望未来",
    "吸纳就业2000人",
    "投资2024万元",
    "1448家",
    "节日前夕",
    "5000年的历史",
    "2月30日",
    "企盼明天更美好",
    "回过头看看昨天",
    "订单号20231115",
    "三四年前",
    "3号楼",
    "三月十五家企业",
    "政治清明",
]


@pytest.mark.parametrize(("sentence", "match", "kind", "plain", "resolved"), DATES)
def test_date(sentence: str, match: str, kind: str, plain: str, resolved: str) -> None:
    for ref, want in ((None, plain), (REF, resolved)):
        text, _, dates = figures(sentence, ref)
        assert [(text[d.start : d.end], d.kind, d.value) for d in dates] == [(match, kind, want)], ref


@pytest.mark.parametrize("sentence", NO_DATE)
def test_no_date(sentence: str) -> None:
    text, _, dates = figures(sentence, REF)
    assert [text[d.start : d.end] for d in dates] == []


def test_reference_date_reaches_the_records() -> None:
    page = "据了解，今年上半年，众创空间孵化企业1448家。15 年来，累计培育企业88家。\n"
    plain = extract(page)
    dated = extract(page, reference_date=REF)
    assert [(d.text, d.value) for d in plain.dates] == [("今年上半年", ""), ("15年来", "")]
    assert [(d.text, d.value) for d in dated.dates] == [
        ("今年上半年", "2024-01/2024-06"),
        ("15年来", "2009-07-01/2024-07-01"),
    ]
    assert dated.reference_date == "2024-07-01"
    assert [q.text for q in dated.quantities] == ["1448家", "88家"]


@pytest.mark.parametrize(
    "given",
    ["2024-07-01", " 2024-07-01\n", dt.date(2024, 7, 1), dt.datetime(2024, 7, 1, 23, 59)],
    ids=["iso-string", "iso-string-spaced", "date", "datetime"],
)
def test_reference_date_as_a_string_a_date_or_a_datetime(given: object, tmp_path: Path) -> None:
    from extract.pipeline import extract_bytes, extract_file

    page = "今年上半年，众创空间孵化企业1448家。\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    for doc in (
        extract(page, reference_date=given),
        extract_file(path, reference_date=given),
        extract_bytes(page.encode("utf-8"), reference_date=given),
    ):
        assert doc.reference_date == "2024-07-01"
        assert [(d.text, d.value) for d in doc.dates] == [("今年上半年", "2024-01/2024-06")]


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        (20240701, TypeError, "reference_date must be a datetime.date or an ISO date string (YYYY-MM-DD), not int"),
        (b"2024-07-01", TypeError, "not bytes"),
        (1.5, TypeError, "not float"),
        ("2024-13-01", ValueError, "reference_date: not an ISO date (YYYY-MM-DD): '2024-13-01'"),
        ("yesterday", ValueError, "reference_date: not an ISO date"),
        ("", ValueError, "reference_date: not an ISO date"),
    ],
)
def test_reference_date_of_another_type_or_malformed_is_refused(given: object, error: type, message: str) -> None:
    from extract.pipeline import extract_bytes, extract_file

    calls = (
        lambda: extract("今年", reference_date=given),
        lambda: extract_bytes("今年".encode(), reference_date=given),
        lambda: extract_file("no/such/file.txt", reference_date=given),  # refused before reading
    )
    for call in calls:
        with pytest.raises(error) as caught:
            call()
        assert message in str(caught.value)


def test_seed_page_dates_resolve_with_a_reference_date(seed_raw: str) -> None:
    doc = extract(seed_raw, reference_date=REF)
    values = {d.text: d.value for d in doc.dates}
    assert values["今年上半年"] == "2024-01/2024-06"
    assert values["15年来"] == "2009-07-01/2024-07-01"
    assert values["2009年7月13日"] == "2009-07-13"
    assert all(d.value for d in doc.dates)


def test_relative_dates_resolve_against_the_article_date() -> None:
    """今天 and 去年 in an article read against its own (dateline) date, not --reference-date."""
    from extract.doc import build_doc
    from extract.extractors.dates import find_dates
    from extract.layout import split_lines
    from extract.structure import find_articles

    raw = "会议今天开幕，去年同期举办了首届。12月3日闭幕。\n"
    page = build_doc(raw, find_articles(split_lines(raw)), REF)
    page.tokenize()
    article = page.article_at(0)
    assert article is not None
    page.article_dates[article] = dt.date(2025, 1, 10)
    got = {page.text[c.span[0] : c.span[1]]: c.fields["value"] for c in find_dates(page) if c.span}
    assert got == {"今天": "2025-01-10", "去年": "2024", "12月3日": "2024-12-03"}


@pytest.mark.parametrize(
    ("sentence", "calendar", "lunar", "value"),
    [
        ("农历2015年十月初一", "lunar", "2015-10-01", "2015-11-12"),
        ("正月初一", "lunar", "2024-01-01", "2024-02-10"),
        ("中秋", "lunar", "2023-08-15", "2023-09-29"),
        ("康熙三年五月", "lunar", "1664-05", "1664-05-25/1664-06-23"),
        ("民国三年", "gregorian", None, "1914"),
        ("国庆节", "gregorian", None, "2023-10-01"),
    ],
)
def test_lunar_dates_keep_their_lunar_date(sentence: str, calendar: str, lunar: str | None, value: str) -> None:
    doc = extract(sentence, reference_date=REF)
    assert [(d.calendar, d.lunar, d.value) for d in doc.dates] == [(calendar, lunar, value)]
