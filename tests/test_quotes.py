"""Quotes in real news usage: one parametrized case per passage, written for these tests.

Each row is (rule, passage, quotes expected as (text inside the marks, speaker),
known gap).  The rule names what the row covers: the attribution before the
quote (李达表示，“…”), after it (“…”闫芳表示。), a split quote (“…”他说，“…”),
a quote across paragraphs, a speaker named only by title or role
(相关负责人表示), the 据X介绍 and 在X看来 frames, and quotation marks that only
name a thing (“反向孵化”, “小巨人”), which are no quotes.  The speaker is the
person's name after a title, else the attribution as written.  A passage on
several lines is laid out as printed: one paragraph a line, indented by two
ideographic spaces.  A quote across paragraphs keeps the opening mark of the
paragraph that goes on (资源。“同时…), as the raw slice does.  Known gaps are
strict ``xfail`` rows with their reason.
"""

from __future__ import annotations

import pytest

from extract import extract

Q = list[tuple[str, str | None]]

CASES: list[tuple[str, str, Q, str | None]] = [
    # --- attribution before the quote -----------------------------------------
    ("before", "李达表示，“孵化是一种服务，更是一种责任。”", [("孵化是一种服务，更是一种责任。", "李达")], None),
    (
        "before",
        "公司董事长王建国说：“今年的订单已经排到了年底。”",
        [("今年的订单已经排到了年底。", "王建国")],
        None,
    ),
    (
        "before",
        "赵黎明指出：“孵化器应利用自身优势，以市场需求为出发点。”",
        [("孵化器应利用自身优势，以市场需求为出发点。", "赵黎明")],
        None,
    ),
    (
        "before",
        "外交部发言人毛宁表示：“中方愿同各方一道，维护地区和平稳定。”",
        [("中方愿同各方一道，维护地区和平稳定。", "毛宁")],
        None,
    ),
    (
        "before",
        "彭小军认为：“国内银行走的是发卡模式，这条路很难走通。”",
        [("国内银行走的是发卡模式，这条路很难走通。", "彭小军")],
        None,
    ),
    (
        "before",
        "市长李强强调，“要守住安全生产底线，决不能麻痹大意。”",
        [("要守住安全生产底线，决不能麻痹大意。", "李强")],
        None,
    ),
    (
        "before",
        "教授、博士生导师赵黎明指出：“孵化器应利用自身技术资源优势。”",
        [("孵化器应利用自身技术资源优势。", "赵黎明")],
        None,
    ),
    (
        "before",
        "新疆维吾尔自治区科技厅副厅长买买提·艾力表示：“大赛为创业者搭建了平台。”",
        [("大赛为创业者搭建了平台。", "买买提·艾力")],
        None,
    ),
    ("before", "村民买买提·艾力说：“今年的收成比去年好。”", [("今年的收成比去年好。", "买买提·艾力")], None),
    (
        "before",
        "张伟在会上强调：“要把群众的安危冷暖放在心上。”",
        [("要把群众的安危冷暖放在心上。", "张伟")],
        None,
    ),
    (
        "before",
        "李达在接受记者采访时表示：“孵化器要开放资源，做好服务。”",
        [("孵化器要开放资源，做好服务。", "李达")],
        None,
    ),
    (
        "before",
        "王红说：“只要肯干，日子就会越来越好。”她的脸上露出了笑容。",
        [("只要肯干，日子就会越来越好。", "王红")],
        None,
    ),
    # --- attribution after the quote -------------------------------------------
    ("after", "“我们将继续加大研发投入。”闫芳表示。", [("我们将继续加大研发投入。", "闫芳")], None),
    (
        "after",
        "“希望更多年轻人回到家乡创业。”村党支部书记李明笑着说。",
        [("希望更多年轻人回到家乡创业。", "李明")],
        None,
    ),
    ("after", "“这次比赛让我收获很大。”选手刘洋告诉记者。", [("这次比赛让我收获很大。", "刘洋")], None),
    (
        "after",
        "“创新是引领发展的第一动力。”天津大学教授赵黎明说。",
        [("创新是引领发展的第一动力。", "赵黎明")],
        None,
    ),
    ("after", "“我们一定会把这件事办好！”王红激动地说。", [("我们一定会把这件事办好！", "王红")], None),
    ("after", "“孵化器不仅要‘孵’，更要‘育’。”赵黎明说。", [("孵化器不仅要‘孵’，更要‘育’。", "赵黎明")], None),
    (
        "after",
        "“今年以来，园区新增企业120家。”据园区管委会主任刘志强介绍，入驻企业涵盖多个领域。",
        [("今年以来，园区新增企业120家。", "刘志强")],
        None,
    ),
    (
        "after",
        "“有困难，找我们！”这是园区工作人员常说的一句话。",
        [("有困难，找我们！", None)],
        None,
    ),
    (
        "after",
        "李达走进展厅，拿起一块芯片。“这是我们的新产品。”他说。",
        [("这是我们的新产品。", "李达")],
        "a pronoun speaker is kept as written (他); finding the person it stands for is coreference",
    ),
    # --- split quotes ------------------------------------------------------------
    (
        "split",
        "“这是一个好的开始。”他说，“但我们还有很长的路要走。”",
        [("这是一个好的开始。", "他"), ("但我们还有很长的路要走。", "他")],
        None,
    ),
    (
        "split",
        "“市场需求越来越大。”公司负责人王磊介绍，“我们正在扩建生产线。”",
        [("市场需求越来越大。", "王磊"), ("我们正在扩建生产线。", "王磊")],
        None,
    ),
    (
        "split",
        "“我们希望把更多好项目留在本地。”乌鲁木齐市科学技术局局长王强说，“这是大赛的意义所在。”",
        [("我们希望把更多好项目留在本地。", "王强"), ("这是大赛的意义所在。", "王强")],
        None,
    ),
    (
        "split",
        "“产品质量是企业的生命线。”总经理陈刚说，“我们每一道工序都严格把关。”",
        [("产品质量是企业的生命线。", "陈刚"), ("我们每一道工序都严格把关。", "陈刚")],
        None,
    ),
    # --- across paragraphs ---------------------------------------------------------
    (
        "paragraphs",
        "　　北京创业孵育协会常务副秘书长闫芳表示：\n　　“孵化器应该开放更多有价值的资源。”\n",
        [("孵化器应该开放更多有价值的资源。", "闫芳")],
        None,
    ),
    (
        "paragraphs",
        "　　闫芳说，“孵化器要开放更多资源。\n　　“也希望更多企业参与进来。”\n",
        [("孵化器要开放更多资源。“也希望更多企业参与进来。", "闫芳")],
        None,
    ),
    (
        "paragraphs",
        "　　“核心逻辑是融通发展。”李达说。\n"
        "　　“未来，我们将搭建平台，整合要素资源。\n"
        "　　“同时，我们也希望更多企业加入进来，共同推动产业发展。”\n",
        [
            ("核心逻辑是融通发展。", "李达"),
            ("未来，我们将搭建平台，整合要素资源。“同时，我们也希望更多企业加入进来，共同推动产业发展。", "李达"),
        ],
        None,
    ),
    (
        "paragraphs",
        "　　李达表示，“孵化是一种服\n务，更是一种责任。”\n",
        [("孵化是一种服务，更是一种责任。", "李达")],
        None,
    ),
    # --- speaker named by title or role ------------------------------------------
    (
        "title",
        "相关负责人表示，“将进一步优化营商环境，吸引更多企业落户。”",
        [("将进一步优化营商环境，吸引更多企业落户。", "相关负责人")],
        None,
    ),
    (
        "title",
        "“下一步，我们将加快项目建设进度。”该局相关负责人表示。",
        [("下一步，我们将加快项目建设进度。", "该局相关负责人")],
        None,
    ),
    (
        "title",
        "中心相关负责人表示：“我们将继续做好服务，为创业者提供更好的环境。”",
        [("我们将继续做好服务，为创业者提供更好的环境。", "中心相关负责人")],
        None,
    ),
    (
        "title",
        "“人才是第一资源。”龙岩市委组织部相关负责人表示，将持续优化人才政策。",
        [("人才是第一资源。", "龙岩市委组织部相关负责人")],
        None,
    ),
    # --- 据X介绍 and 在X看来 frames -------------------------------------------------
    (
        "frame",
        "据王海涛介绍，园区已入驻企业50家。“我们还会引进更多优质项目。”",
        [("我们还会引进更多优质项目。", "王海涛")],
        None,
    ),
    (
        "frame",
        "据园区管委会主任刘志强介绍，入驻企业涵盖多个领域。“今年我们还会引进更多优质项目。”",
        [("今年我们还会引进更多优质项目。", "刘志强")],
        None,
    ),
    (
        "frame",
        "据翠湖科创首席创新官李达介绍，“我们已和20多家龙头企业开展合作。”",
        [("我们已和20多家龙头企业开展合作。", "李达")],
        None,
    ),
    (
        "frame",
        "在李达看来，反向孵化是一种服务。“孵化器要做的，是把需求和能力连接起来。”",
        [("孵化器要做的，是把需求和能力连接起来。", "李达")],
        None,
    ),
    (
        "frame",
        "据业内人士透露，“这类项目的回报周期较长。”",
        [("这类项目的回报周期较长。", "业内人士")],
        None,
    ),
    # --- marks that name a thing: no quote ----------------------------------------
    ("name", "该园区探索“反向孵化”模式，成效明显。", [], None),
    ("name", "企业入选国家级专精特新“小巨人”名单。", [], None),
    ("name", "园区提供“一站式”服务，帮助企业解决难题。", [], None),
    ("name", "“十四五”期间，全区将新建众创空间20家。", [], None),
    ("name", "记者了解到，该公司被评为“专精特新”企业，产品远销海外。", [], None),
    ("name", "所谓“反向孵化”，就是以大企业需求为导向的孵化方式。", [], None),
    ("name", "该企业荣获“优秀创业导师”称号。", [], None),
    ("name", "“绿水青山就是金山银山”的理念深入人心。", [], None),
    ("name", "“AI+”行业应用共创计划正式启动。", [], None),
    ("name", "业内人士称“反向孵化”是一种新的孵化模式。", [], None),
    ("name", "李达介绍，“反向孵化”就是从大企业的需求出发。", [], None),
    ("name", "据介绍，该项目采用“企业出题、高校答题”的合作模式。", [], None),
]


def _params() -> list:
    params = []
    for n, (rule, text, expected, gap) in enumerate(CASES, 1):
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        params.append(pytest.param(text, expected, id=f"{n:02d}-{rule}-{text.strip()[:10]}", marks=marks))
    return params


def test_table_has_at_least_30_passages() -> None:
    assert len(CASES) >= 30


def test_table_covers_every_rule() -> None:
    assert {rule for rule, *_ in CASES} == {"before", "after", "split", "paragraphs", "title", "frame", "name"}


@pytest.mark.parametrize(("text", "expected"), _params())
def test_quotes_in_passage(text: str, expected: Q) -> None:
    found = [(q.text, q.speaker) for q in extract(text).quotes]
    assert found == expected
