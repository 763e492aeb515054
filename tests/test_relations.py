"""Relations in real news usage: one parametrized case per sentence, written for these tests.

Each row is (sentence, relations expected, known gap); a relation is (type,
roles, texts of the records its ``args`` point at).  ``person_role`` args are the
PERSON record and, when an organization is printed before the title, its ORG
record (天津大学管理与经济学部教授赵黎明 -> the 天津大学 record; the role's
organization keeps the whole surface).  ``statistic`` args are the quantity
record.  An empty list means the sentence must yield no relation: a polite form
(女士) is no role, a quantity before its noun (18家企业) states no count.  Known
gaps are strict ``xfail`` rows with their reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import extract

Relation = tuple[str, dict[str, str], list[str]]

CASES: list[tuple[str, list[Relation], str | None]] = [
    (
        "北京创业孵育协会常务副秘书长闫芳表示，孵化器要开放资源。",
        [
            (
                "person_role",
                {"person": "闫芳", "title": "常务副秘书长", "organization": "北京创业孵育协会"},
                ["闫芳", "北京创业孵育协会"],
            )
        ],
        None,
    ),
    (
        "天津大学教授赵黎明首先探讨了这一模式。",
        [("person_role", {"person": "赵黎明", "title": "教授", "organization": "天津大学"}, ["赵黎明", "天津大学"])],
        None,
    ),
    (
        "翠湖科创首席创新官李达表示，将继续推进合作。",
        [("person_role", {"person": "李达", "title": "首席创新官", "organization": "翠湖科创"}, ["李达", "翠湖科创"])],
        None,
    ),
    (
        "北京翠湖科创科技发展有限公司首席创新官李达表示，将继续推进合作。",
        [
            (
                "person_role",
                {"person": "李达", "title": "首席创新官", "organization": "北京翠湖科创科技发展有限公司"},
                ["李达", "北京翠湖科创科技发展有限公司"],
            )
        ],
        None,
    ),
    (
        "外交部发言人毛宁回答了记者提问。",
        [("person_role", {"person": "毛宁", "title": "发言人", "organization": "外交部"}, ["毛宁", "外交部"])],
        None,
    ),
    (
        "公司与集美大学赵振业院士团队签署了合作协议。",
        [("person_role", {"person": "赵振业", "title": "院士", "organization": "集美大学"}, ["赵振业", "集美大学"])],
        None,
    ),
    (
        "湖南省农业科学院研究员李明介绍了新品种。",
        [
            (
                "person_role",
                {"person": "李明", "title": "研究员", "organization": "湖南省农业科学院"},
                ["李明", "湖南省农业科学院"],
            )
        ],
        None,
    ),
    (
        "天津大学管理与经济学部教授、博士生导师赵黎明首先探讨了这一模式。",
        [
            (
                "person_role",
                {"person": "赵黎明", "title": "教授、博士生导师", "organization": "天津大学管理与经济学部"},
                ["赵黎明", "天津大学"],
            )
        ],
        None,
    ),
    (
        "陕西省科技企业孵化器协会会长刘志强介绍了协会的发展情况。",
        [
            (
                "person_role",
                {"person": "刘志强", "title": "会长", "organization": "陕西省科技企业孵化器协会"},
                ["刘志强", "陕西省科技企业孵化器协会"],
            )
        ],
        None,
    ),
    (
        "深圳市腾讯计算机系统有限公司董事长马化腾出席了会议。",
        [
            (
                "person_role",
                {"person": "马化腾", "title": "董事长", "organization": "深圳市腾讯计算机系统有限公司"},
                ["马化腾", "深圳市腾讯计算机系统有限公司"],
            )
        ],
        None,
    ),
    (
        "清华大学校长王希勤在开学典礼上致辞。",
        [("person_role", {"person": "王希勤", "title": "校长", "organization": "清华大学"}, ["王希勤", "清华大学"])],
        None,
    ),
    (
        "乌鲁木齐市科学技术局局长王强介绍了大赛情况。",
        [
            (
                "person_role",
                {"person": "王强", "title": "局长", "organization": "乌鲁木齐市科学技术局"},
                ["王强", "乌鲁木齐市科学技术局"],
            )
        ],
        None,
    ),
    (
        "图为青年创业者曾进正在制作蝴蝶标本。",
        [("person_role", {"person": "曾进", "title": "青年创业者"}, ["曾进"])],
        None,
    ),
    ("市长李强指出，要加快推进重大项目建设。", [("person_role", {"person": "李强", "title": "市长"}, ["李强"])], None),
    (
        "新华社记者赵宇采写了这篇报道。",
        [("person_role", {"person": "赵宇", "title": "记者", "organization": "新华社"}, ["赵宇", "新华社"])],
        None,
    ),
    (
        "华为公司创始人任正非接受了采访。",
        [("person_role", {"person": "任正非", "title": "创始人", "organization": "华为公司"}, ["任正非", "华为公司"])],
        None,
    ),
    (
        "中国科学院院士、清华大学教授薛其坤作了报告。",
        [("person_role", {"person": "薛其坤", "title": "教授", "organization": "清华大学"}, ["薛其坤", "清华大学"])],
        None,
    ),
    ("王小丫女士出席了当天的活动。", [], None),
    (
        "截至目前，自治区级众创空间已达34家。",
        [("statistic", {"subject": "自治区级众创空间", "quantity": "34家"}, ["34家"])],
        None,
    ),
    (
        "2023年，在孵企业申请各类知识产权3282件，授权知识产权1929件。",
        [
            ("statistic", {"subject": "在孵企业申请各类知识产权", "quantity": "3282件"}, ["3282件"]),
            ("statistic", {"subject": "授权知识产权", "quantity": "1929件"}, ["1929件"]),
        ],
        None,
    ),
    (
        "众创空间总面积超过13.8万平方米。",
        [("statistic", {"subject": "众创空间总面积", "quantity": "超过13.8万平方米"}, ["超过13.8万平方米"])],
        None,
    ),
    (
        "全区众创空间吸纳就业5487人。",
        [("statistic", {"subject": "全区众创空间吸纳就业", "quantity": "5487人"}, ["5487人"])],
        None,
    ),
    (
        "园区累计培育高新技术企业88家。",
        [("statistic", {"subject": "园区累计培育高新技术企业", "quantity": "88家"}, ["88家"])],
        None,
    ),
    (
        "今年上半年全省新增市场主体12.3万户。",
        [("statistic", {"subject": "全省新增市场主体", "quantity": "12.3万户"}, ["12.3万户"])],
        None,
    ),
    (
        "该项目总投资超过10亿元。",
        [("statistic", {"subject": "该项目总投资", "quantity": "超过10亿元"}, ["超过10亿元"])],
        None,
    ),
    ("18家企业参加新疆创新创业大赛。", [], None),
    ("其中，国家级众创空间8家。", [("statistic", {"subject": "国家级众创空间", "quantity": "8家"}, ["8家"])], None),
    (
        "去年全区粮食总产量达到58.6万吨。",
        [("statistic", {"subject": "全区粮食总产量", "quantity": "58.6万吨"}, ["58.6万吨"])],
        None,
    ),
    (
        "全市规模以上工业增加值增长6.5%。",
        [("statistic", {"subject": "全市规模以上工业增加值增长", "quantity": "6.5%"}, ["6.5%"])],
        None,
    ),
    (
        "截至2023年底，全市共有高新技术企业1200家。",
        [("statistic", {"subject": "全市高新技术企业", "quantity": "1200家"}, ["1200家"])],
        "a linking verb inside the subject (共有) is kept; only the one before the quantity is cut",
    ),
    (
        "大学生创业企业（团队）占比高达31%。",
        [("statistic", {"subject": "大学生创业企业（团队）占比", "quantity": "31%"}, ["31%"])],
        None,
    ),
    (
        "促成产学研合作项目152项，吸纳就业5000余人。",
        [
            ("statistic", {"subject": "促成产学研合作项目", "quantity": "152项"}, ["152项"]),
            ("statistic", {"subject": "吸纳就业", "quantity": "5000余人"}, ["5000余人"]),
        ],
        None,
    ),
]

# The record lists and types each relation's args point at, in order.
ARG_TYPES = {"person_role": ["PERSON", "ORG"], "statistic": ["quantity"]}


def _params() -> list:
    params = []
    for n, (sentence, expected, gap) in enumerate(CASES, 1):
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        kind = expected[0][0] if expected else "none"
        params.append(pytest.param(sentence, expected, id=f"{n:02d}-{kind}-{sentence[:10]}", marks=marks))
    return params


def test_table_has_at_least_20_sentences() -> None:
    assert len(CASES) >= 20
    assert {rel[0] for _, expected, _ in CASES for rel in expected} == {"person_role", "statistic"}


def _arg(doc: Any, arg: str) -> tuple[str, str]:
    """(type, text) of the record an arg id points at; quantities have the type ``quantity``."""
    for entity in doc.entities:
        if entity.id == arg:
            return entity.type, entity.text
    for quantity in doc.quantities:
        if quantity.id == arg:
            return "quantity", quantity.text
    raise AssertionError(f"{arg} points at no entity or quantity record")


@pytest.mark.parametrize(("sentence", "expected"), _params())
def test_relations_in_sentence(sentence: str, expected: list[Relation]) -> None:
    doc = extract(sentence)
    found = []
    for rel in doc.relations:
        args = [_arg(doc, a) for a in rel.args]
        assert [t for t, _ in args] == ARG_TYPES[rel.type][: len(args)], f"{rel.id} args {args}"
        found.append((rel.type, dict(rel.roles), [text for _, text in args]))
    assert found == [(t, roles, texts) for t, roles, texts in expected]
