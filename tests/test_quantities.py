"""Quantities: a table of phrases from real usage, the vetoes, and the invariants on a page.

Each row: the sentence, the quantity's text, value, value_max, unit, unit kind
and qualifier (ordinal rows say so).  Rows come from news and report text
(Science and Technology Daily, People's Daily, statistical bulletins).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from figures import figures
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract
from extract.layout import normalize

# (sentence, match, value, value_max, unit, unit_kind, qualifier)
QUANTITIES: list[tuple[str, str, str, str | None, str, str, str]] = [
    ("全市规模以上工业企业达2856家", "2856家", "2856", None, "家", "count", "exact"),
    ("新增市场主体12.6万户", "12.6万户", "126000", None, "户", "count", "exact"),
    ("接待游客超过1.2亿人次", "超过1.2亿人次", "120000000", None, "人次", "count", "more_than"),
    ("城镇新增就业1244万人", "1244万人", "12440000", None, "人", "count", "exact"),
    ("全年粮食产量6.95亿吨", "6.95亿吨", "695000000", None, "吨", "mass", "exact"),
    ("国内生产总值126万亿元", "126万亿元", "126000000000000", None, "元", "currency", "exact"),
    ("研发经费投入3.3万亿元", "3.3万亿元", "3300000000000", None, "元", "currency", "exact"),
    ("同比增长5.2%", "5.2%", "5.2", None, "%", "percent", "exact"),
    ("比上年提高0.8个百分点", "0.8个百分点", "0.8", None, "个百分点", "percent", "exact"),
    ("占比约三成", "约三成", "30", None, "%", "percent", "approx"),
    ("增长百分之十二", "百分之十二", "12", None, "%", "percent", "exact"),
    ("新建5G基站33.7万个", "33.7万个", "337000", None, "个", "count", "exact"),
    ("高速铁路营业里程4.5万公里", "4.5万公里", "45000", None, "公里", "length", "exact"),
    ("森林覆盖率达24.02%", "24.02%", "24.02", None, "%", "percent", "exact"),
    ("新增耕地面积12万亩", "12万亩", "120000", None, "亩", "area", "exact"),
    ("规划用地约3.5平方公里", "约3.5平方公里", "3.5", None, "平方公里", "area", "approx"),
    ("改造老旧小区5.3万个", "5.3万个", "53000", None, "个", "count", "exact"),
    ("签约项目近百个", "近百个", "100", None, "个", "count", "less_than"),
    ("吸引投资逾50亿元", "逾50亿元", "5000000000", None, "元", "currency", "more_than"),
    ("培训学员不少于500人", "不少于500人", "500", None, "人", "count", "at_least"),
    ("每年支持20至30家企业", "20至30家", "20", "30", "家", "count", "range"),
    ("项目周期为3-5年", "3-5年", "3", "5", "年", "duration", "range"),
    ("二三十名志愿者", "二三十名", "20", "30", "名", "count", "range"),
    ("十几个国家和地区", "十几个", "11", "19", "个", "count", "range"),
    ("吸引上千人参加", "上千人", "1000", None, "人", "count", "at_least"),
    ("数百家企业参展", "数百家", "200", "900", "家", "count", "range"),
    ("1000万元以上的项目", "1000万元以上", "10000000", None, "元", "currency", "at_least"),
    ("职工人数300人以下", "300人以下", "300", None, "人", "count", "at_most"),
    ("投资1.5亿美元", "1.5亿美元", "150000000", None, "美元", "currency", "exact"),
    ("融资2000万美元", "2000万美元", "20000000", None, "美元", "currency", "exact"),
    ("装机容量达120万千瓦", "120万千瓦", "1200000", None, "千瓦", "power", "exact"),
    ("年发电量45亿千瓦时", "45亿千瓦时", "4500000000", None, "千瓦时", "energy", "exact"),
    ("存储容量2TB", "2TB", "2", None, "TB", "data", "exact"),
    ("建筑面积8000平方米", "8000平方米", "8000", None, "平方米", "area", "exact"),
    ("历时三个月", "三个月", "3", None, "个月", "duration", "exact"),
    ("连续运行72小时", "72小时", "72", None, "小时", "duration", "exact"),
    ("用时不到两周", "不到两周", "2", None, "周", "duration", "less_than"),
    ("年满18周岁", "18周岁", "18", None, "周岁", "age", "exact"),
    ("最高气温38℃", "38℃", "38", None, "℃", "temperature", "exact"),
    ("获得发明专利授权127件", "127件", "127", None, "件", "count", "exact"),
    ("举办各类活动428场", "428场", "428", None, "场", "count", "exact"),
    ("共有12所高校参与", "12所", "12", None, "所", "count", "exact"),
    ("出台政策措施三十条", "三十条", "30", None, "条", "count", "exact"),
    ("惠及农户3200余户", "3200余户", "3200", None, "户", "count", "more_than"),
    ("招募了400家左右生态企业", "400家左右", "400", None, "家", "count", "approx"),
    ("总金额超过千万元", "超过千万元", "10000000", None, "元", "currency", "more_than"),
    ("进口金额超千亿美元", "超千亿美元", "100000000000", None, "美元", "currency", "more_than"),
    ("全场八折", "八折", "80", None, "%", "percent", "exact"),
    ("两千万元", "两千万元", "20000000", None, "元", "currency", "exact"),
    ("拨付资金壹佰伍拾万元", "壹佰伍拾万元", "1500000", None, "元", "currency", "exact"),
    ("奖励1,200元", "1,200元", "1200", None, "元", "currency", "exact"),
    # issue 14: forms of real news
    ("营收45，300.50元", "45，300.50元", "45300.5", None, "元", "currency", "exact"),
    ("融资三到五万美元", "三到五万美元", "30000", "50000", "美元", "currency", "range"),
    ("月薪2万-9万元不等", "2万-9万元", "20000", "90000", "元", "currency", "range"),
    ("比例为20％—35％", "20%—35%", "20", "35", "%", "percent", "range"),
    ("损失几百万元", "几百万元", "2000000", "9000000", "元", "currency", "range"),
    ("十几个项目", "十几个", "11", "19", "个", "count", "range"),
    ("效率提高三成五", "三成五", "35", None, "%", "percent", "exact"),
    ("以2小时08分15秒夺冠", "2小时08分15秒", "7695", None, "秒", "duration", "exact"),
    ("他身高一米八五", "一米八五", "1.85", None, "米", "length", "exact"),
    ("跳过两米半", "两米半", "2.5", None, "米", "length", "exact"),
    ("庆祝建校120周年", "120周年", "120", None, "周年", "count", "exact"),
    ("位于北纬39度", "39度", "39", None, "度", "angle", "exact"),
    ("车身转了90度", "90度", "90", None, "度", "angle", "exact"),
    ("气温升至38度", "38度", "38", None, "度", "temperature", "exact"),
    ("打二两酒", "二两", "2", None, "两", "mass", "exact"),
    ("这个手机壳五元三毛", "五元三毛", "5.3", None, "元", "currency", "exact"),
    ("一共三块五毛", "三块五毛", "3.5", None, "元", "currency", "exact"),
    ("售价US$20，", "US$20", "20", None, "美元", "currency", "exact"),
    ("以每股5.2新元成交", "5.2新元", "5.2", None, "新元", "currency", "exact"),
    ("价值300泰铢", "300泰铢", "300", None, "泰铢", "currency", "exact"),
    ("全场打对折", "对折", "50", None, "%", "percent", "exact"),
]

ORDINALS = [
    ("第十一届新疆创新创业大赛", "第十一届", "11", "届"),
    ("第二届龙岩人才活动周", "第二届", "2", "届"),
    ("第六期交流活动", "第六期", "6", "期"),
    ("我国第一批投放市场的产品", "第一批", "1", "批"),
    ("第3次全国普查", "第3次", "3", "次"),
]

# Sentences with numerals that hold no quantity.
NO_QUANTITY = [
    "提供一站式服务",
    "一企一策按需服务",
    "开展了一系列探索",
    "遇到一些问题",
    "获得一定物理空间",
    "一方面提升能力",
    "第一时间响应",
    "一批外商在中国设立研发中心",
    "为一条百年老街注入新场景",
    "创制出一套交互式联络图",
    "一项项创新展品",
    "5G智慧工厂",
    "春秋链开放网络Web3.0",
    "1.1类中药创新药",
    "翠湖科创B1Lab首席创新官",
    "与百度等企业合作",
    "15年来，这里累计培育",
    "2019年，翠湖科创",
    "2019-2022年，翠湖科创",
    "李四人民币很多",
    "大家签约了",
    "夹在中间两头受气",
    "这一招一箭双雕",
    "做事三心二意",
    "（附图片2张）",
    "三三两两地走来",
    "把纸对折起来",
]


@pytest.mark.parametrize(("sentence", "match", "value", "value_max", "unit", "kind", "qualifier"), QUANTITIES)
def test_quantity(
    sentence: str, match: str, value: str, value_max: str | None, unit: str, kind: str, qualifier: str
) -> None:
    text, quantities, _ = figures(sentence)
    found = [q for q in quantities if text[q.start : q.end] == match]
    assert found, [text[q.start : q.end] for q in quantities]
    q = found[0]
    assert (q.value, q.value_max) == (Decimal(value), Decimal(value_max) if value_max else None)
    assert (q.unit, q.unit_kind, q.qualifier, q.ordinal) == (unit, kind, qualifier, False)


@pytest.mark.parametrize(("sentence", "match", "value", "unit"), ORDINALS)
def test_ordinal(sentence: str, match: str, value: str, unit: str) -> None:
    text, quantities, _ = figures(sentence)
    assert [(text[q.start : q.end], q.value, q.unit, q.ordinal) for q in quantities] == [
        (match, Decimal(value), unit, True)
    ]


@pytest.mark.parametrize("sentence", NO_QUANTITY)
def test_no_quantity(sentence: str) -> None:
    text, quantities, _ = figures(sentence)
    assert [text[q.start : q.end] for q in quantities] == []


def test_quantity_across_a_line_break_on_a_page() -> None:
    doc = extract("在赛前准备阶段，专家对辖区 200\n余家企业进行面对面宣传和指导。\n")
    assert [(q.text, q.value, q.qualifier) for q in doc.quantities] == [("200余家", 200, "more_than")]
    assert doc.quantities[0].span == (14, 20)  # raw offsets: the line break is inside


def test_values_are_decimal_and_json_numbers(seed_doc) -> None:  # type: ignore[no-untyped-def]
    for q in seed_doc.quantities:
        assert isinstance(q.value, Decimal)
    data = seed_doc.model_dump(mode="json")
    assert all(isinstance(q["value"], int | float) for q in data["quantities"])


def test_seed_page_spans_round_trip(seed_doc, seed_raw: str) -> None:  # type: ignore[no-untyped-def]
    for item in [*seed_doc.quantities, *seed_doc.dates]:
        start, end = item.span
        assert normalize(seed_raw[start:end]) == item.text


def test_prefixing_text_shifts_every_offset(seed_raw: str) -> None:
    prefix = "按语。\n\n"
    base, shifted = extract(seed_raw), extract(prefix + seed_raw)
    for a, b in ((base.quantities, shifted.quantities), (base.dates, shifted.dates)):
        assert [(x.span[0] + len(prefix), x.span[1] + len(prefix), x.text) for x in a] == [(*x.span, x.text) for x in b]


def test_years_and_relative_dates_are_not_quantities(seed_doc) -> None:  # type: ignore[no-untyped-def]
    units = {(q.text, q.unit) for q in seed_doc.quantities}
    assert not any(unit == "年" for _, unit in units)
    dates = {d.text for d in seed_doc.dates}
    assert {"15年来", "2019年", "2019-2022年"} <= dates


_ALPHABET = "0123456789.,-%一二三四五六七八九十百千万亿两零余多几约超过近第家个元年月日成折分之半以上左右 、，"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_text_gives_well_formed_quantities(text: str) -> None:
    reading, quantities, dates = figures(text)
    spans = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    assert all(0 <= s < e <= len(reading) for s, e in spans)
    for q in quantities:
        assert isinstance(q.value, Decimal)
        assert q.value_max is None or (q.qualifier == "range" and q.value_max > q.value)
