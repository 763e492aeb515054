"""Organizations named with a place or a common word (data/org_cued.toml), and bodies jieba glues to the next word.

Every row of ``org_cued.toml`` runs its examples (the name must be found as an
ORG with the row's rule) and its negatives (no ORG of the row).  The other
cases pin the finder's handling of bodies that jieba cuts or glues
(立博主胜, 中/储粮/黑龙江/分公司) and the People's Daily conventions kept
where CLUENER differs (X政府 is no organization; the country is a place).
"""

from __future__ import annotations

import pytest
from _pytest.mark import ParameterSet

from extract.extractors.org_cued import cued_rows, place_leads
from extract.extractors.org_names import find_org_names
from extract.extractors.place_names import NameSpan, find_place_names
from extract.extractors.place_rows import RowExample
from extract.tokenize import tokenize


def orgs(text: str) -> list[tuple[str, str]]:
    tokens = tokenize(text)
    places = find_place_names(text, tokens)
    spans: list[NameSpan] = find_org_names(text, tokens, places)
    return [(text[s.start : s.end], s.rule) for s in spans]


def _cases(kind: str) -> list[ParameterSet]:
    cases = []
    for row in (*cued_rows(), *place_leads()):
        items = row.examples if kind == "example" else row.negatives
        for number, item in enumerate(items, 1):
            cases.append(pytest.param(row.id, item, id=f"{row.id}:{kind}{number}"))
    return cases


@pytest.mark.parametrize(("row_id", "example"), _cases("example"))
def test_cued_example(row_id: str, example: RowExample) -> None:
    found = orgs(example.text)
    rules = {example.rule} if example.rule else {row.id for row in cued_rows()}
    assert any(f == (example.match, rule) for f in found for rule in rules), (
        f"{row_id}: {example.match!r} not in {found}"
    )


@pytest.mark.parametrize(("row_id", "negative"), _cases("negative"))
def test_cued_negative(row_id: str, negative: str) -> None:
    found = orgs(negative)
    rules = {row.id for row in cued_rows()} if row_id not in {row.id for row in cued_rows()} else {row_id}
    assert not [f for f in found if f[1] in rules], f"{row_id}: {negative!r} gave {found}"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("欧赔方面，立博主胜上调到1.62。", "立博"),  # jieba glues 立博主胜
        ("来自土耳其的加拉塔萨雷上上赛季主场输给埃因霍温。", "加拉塔萨雷"),  # 加/拉塔/萨雷上
        ("加拉塔萨雷队vs梅塔利斯特队两队在欧洲赛场交锋。", "加拉塔萨雷队"),  # the suffix glued to the body's end
        (
            "据上述中储粮黑龙江分公司人士介绍，收购进展顺利。",
            "中储粮黑龙江分公司",
        ),  # a body of two tokens starts a name
        ("交通银行深圳分行信用卡部相关人士表示。", "交通银行深圳分行"),
        ("法国全国性日报《费加罗报》以此为题发表评论。", "费加罗报"),  # a paper filling a title (People's Daily)
        ("在国会山与共和党议员举行会谈，关联法案难以在本次国会获得通过。", "国会"),
    ],
)
def test_bodies_jieba_cuts_or_glues(text: str, name: str) -> None:
    assert name in [n for n, _ in orgs(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("2006-07赛季至今意甲主队7胜2平。", "意甲主队"),  # 主队 is no suffix: the league alone
        ("印度政府已采取了保卫国家安全的措施。", "印度政府"),  # People's Daily: 印度 is a place, 政府 no name
        ("日本政府决定追加预算。", "日本政府"),
        ("他每天都看《人生》这本书。", "人生"),
        ("一场暴雪袭击了北方地区，交通部门组织清雪。", "暴雪"),
    ],
)
def test_not_an_organization(text: str, absent: str) -> None:
    assert absent not in [n for n, _ in orgs(text)]
