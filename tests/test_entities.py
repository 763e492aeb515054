"""Entities in real news usage: one parametrized case per sentence, written for these tests.

Each row is (sentence, every entity expected as (type, text)): the sentence
must yield exactly these, no fewer (recall) and no others (precision); an
empty list means no entity at all.  Known gaps are marked strict ``xfail`` with
their reason rather than deleted.  Nested places are kept only inside places
(重庆市 and 南岸区 in 重庆市南岸区), so 北京 inside 北京创业孵育协会 is not expected.
"""

from __future__ import annotations

import pytest

from extract import extract

CASES: list[tuple[str, list[tuple[str, str]], str | None]] = [
    ("公司董事长王建国在会上致辞。", [("PERSON", "王建国")], None),
    ("协会会长刘志强介绍了协会的发展情况。", [("PERSON", "刘志强")], None),
    ("科技局局长张伟介绍，全区新增科技型企业120家。", [("PERSON", "张伟")], None),
    ("外交部发言人毛宁回答了记者提问。", [("PERSON", "毛宁"), ("ORG", "外交部")], None),
    ("研究所所长欧阳明高接受了记者采访。", [("PERSON", "欧阳明高")], None),
    ("图为青年创业者曾进正在制作蝴蝶标本。", [("PERSON", "曾进")], None),
    (
        "村民买买提·艾力说，今年的收成比去年好。",
        [("PERSON", "买买提·艾力")],
        "dotted names take the title before them when jieba joins them",
    ),
    ("新华社记者赵宇采写了这篇报道。", [("PERSON", "赵宇"), ("ORG", "新华社")], None),
    ("天津大学教授、博士生导师赵黎明首先探讨了这一模式。", [("PERSON", "赵黎明"), ("ORG", "天津大学")], None),
    ("公司与集美大学赵振业院士团队签署了合作协议。", [("PERSON", "赵振业"), ("ORG", "集美大学")], None),
    ("王小丫女士出席了当天的活动。", [("PERSON", "王小丫")], None),
    ("“这是两个比较标准深入的实践。”李达表示。", [("PERSON", "李达")], None),
    ("彭小军认为，国内银行现在走的是台湾的发卡模式。", [("PERSON", "彭小军"), ("LOCATION", "台湾")], None),
    ("据王海涛介绍，园区已入驻企业50家。", [("PERSON", "王海涛")], None),
    ("在李达看来，反向孵化是一种服务。", [("PERSON", "李达")], None),
    (
        "北京创业孵育协会常务副秘书长闫芳表示，孵化器要开放资源。",
        [("PERSON", "闫芳"), ("ORG", "北京创业孵育协会")],
        None,
    ),
    ("翠湖科创首席创新官李达表示，将继续推进合作。", [("PERSON", "李达"), ("ORG", "翠湖科创")], None),
    ("市长李强指出，要加快推进重大项目建设。", [("PERSON", "李强")], None),
    ("该公司总经理陈刚透露，新工厂将于年底投产。", [("PERSON", "陈刚")], None),
    ("副市长周波强调，要守住安全底线。", [("PERSON", "周波")], None),
    (
        "中国科学院院士、清华大学教授薛其坤作了报告。",
        [("PERSON", "薛其坤"), ("ORG", "中国科学院"), ("ORG", "清华大学")],
        None,
    ),
    ("主任医师刘芳提醒，夏季要注意防暑。", [("PERSON", "刘芳")], None),
    ("“我们对未来充满信心。”张明说。", [("PERSON", "张明")], None),
    ("“产品已经出口到20多个国家。”公司负责人王磊介绍。", [("PERSON", "王磊")], None),
    ("高级工程师孙宏斌带领团队攻克了技术难题。", [("PERSON", "孙宏斌")], None),
    ("运动员苏炳添在比赛中打破了纪录。", [("PERSON", "苏炳添")], None),
    ("教练郎平对队员的表现表示满意。", [("PERSON", "郎平")], None),
    ("导演张艺谋透露了新片的拍摄计划。", [("PERSON", "张艺谋")], None),
    ("律师王红认为，这一条款存在漏洞。", [("PERSON", "王红")], None),
    ("校长林建华在开学典礼上致辞。", [("PERSON", "林建华")], None),
    ("党委书记杨光主持召开了专题会议。", [("PERSON", "杨光")], None),
    ("李明表示，园区将进一步优化营商环境。", [("PERSON", "李明")], None),
    ("据刘洋透露，该项目总投资超过10亿元。", [("PERSON", "刘洋")], None),
    ("在王教授看来，这一发现意义重大。", [("PERSON", "王")], None),  # a bare surname before a title refers to a person
    ("“技术创新是企业发展的关键。”黄海涛坦言。", [("PERSON", "黄海涛")], None),
    (
        "志愿者阿依古丽·买买提为游客提供讲解服务。",
        [("PERSON", "阿依古丽·买买提")],
        "the part after the middle dot runs on to the next token boundary",
    ),
    ("记者赵宇在现场看到，工人们正在紧张施工。", [("PERSON", "赵宇")], None),
    ("北京翠湖科创科技发展有限公司于今年发起了共创计划。", [("ORG", "北京翠湖科创科技发展有限公司")], None),
    ("企业新疆春秋文创科技股份有限公司报名参赛。", [("ORG", "新疆春秋文创科技股份有限公司")], None),
    ("国产化芯片制造商龙芯中科技术有限公司达成深度合作。", [("ORG", "龙芯中科技术有限公司")], None),
    ("记者从西藏自治区科技厅获悉，该区成效显著。", [("ORG", "西藏自治区科技厅")], None),
    ("乌鲁木齐市科学技术局相关专家参与了指导。", [("ORG", "乌鲁木齐市科学技术局")], None),
    ("陕西省科技企业孵化器协会组织会员单位调研。", [("ORG", "陕西省科技企业孵化器协会")], None),
    ("西藏自治区科技创业服务中心相关负责人介绍了情况。", [("ORG", "西藏自治区科技创业服务中心")], None),
    ("这里是武汉岱家山瞪羚企业加速器。", [("ORG", "武汉岱家山瞪羚企业加速器")], None),
    ("双方共建龙芯翠湖产业协同孵化器。", [("ORG", "龙芯翠湖产业协同孵化器")], None),
    ("湖北日报刊发了评论员文章。", [("ORG", "湖北日报")], None),
    ("患者被送往武汉协和医院救治。", [("ORG", "武汉协和医院")], None),
    ("科技日报讯（记者杨宇航）近日从有关部门获悉。", [("ORG", "科技日报"), ("PERSON", "杨宇航")], None),
    ("新华社北京7月1日电，会议在京召开。", [("ORG", "新华社"), ("LOCATION", "北京"), ("LOCATION", "京")], None),
    ("翠湖科创还联合纳通医疗推进生态加速计划。", [("ORG", "翠湖科创"), ("ORG", "纳通医疗")], None),
    (
        "我们还和英伟达、百度、华为等20多家龙头企业开展合作。",
        [("ORG", "英伟达"), ("ORG", "百度"), ("ORG", "华为")],
        None,
    ),
    ("其中，龙新三维等6家企业成为特色展的亮点。", [("ORG", "龙新三维")], None),
    ("还举行了龙工、龙净环保等企业授牌仪式。", [("ORG", "龙工"), ("ORG", "龙净环保")], None),
    ("深圳市腾讯计算机系统有限公司发布了财报。", [("ORG", "深圳市腾讯计算机系统有限公司")], None),
    ("浙江大学与杭州市人民政府签署战略合作协议。", [("ORG", "浙江大学"), ("ORG", "杭州市人民政府")], None),
    ("中国人民银行发布了最新数据。", [("ORG", "中国人民银行")], None),
    ("龙岩高新区管委会出台了扶持政策。", [("ORG", "龙岩高新区管委会")], None),
    ("上海市科学技术委员会公布了立项名单。", [("ORG", "上海市科学技术委员会")], None),
    ("广东省人民医院的专家进行了会诊。", [("ORG", "广东省人民医院")], None),
    ("中国科学技术大学的研究团队取得突破。", [("ORG", "中国科学技术大学")], None),
    ("湖南省农业科学院研究员李明介绍了新品种。", [("ORG", "湖南省农业科学院"), ("PERSON", "李明")], None),
    (
        "北京实创科技园开发建设股份有限公司与北京翠湖科创科技发展有限公司携手合作。翠湖科创表示支持。",
        [
            ("ORG", "北京实创科技园开发建设股份有限公司"),
            ("ORG", "北京翠湖科创科技发展有限公司"),
            ("ORG", "翠湖科创"),
        ],
        None,
    ),
    ("苏州工业园区管委会发布了新政策。", [("ORG", "苏州工业园区管委会")], None),
    ("从西藏自治区科技厅获悉，该自治区成效显著。", [("ORG", "西藏自治区科技厅")], None),
    ("推送企业参加新疆维吾尔自治区的行业比赛。", [("LOCATION", "新疆维吾尔自治区")], None),
    ("培育国家、湖北省级知识产权示范优势企业。", [("LOCATION", "湖北省")], None),
    (
        "在重庆市南岸区，青年创业者为老街注入新活力。",
        [("LOCATION", "重庆市南岸区"), ("LOCATION", "重庆市"), ("LOCATION", "南岸区")],
        None,
    ),
    ("龙岩高新区（经开区）组织6家企业参展。", [("LOCATION", "龙岩高新区（经开区）")], None),
    ("在推进中关村科学城北区产业计划的进程中。", [("LOCATION", "中关村科学城北区")], None),
    ("代表们赴咸阳高新区开展交流活动。", [("LOCATION", "咸阳高新区")], None),
    ("活动周在龙岩会展中心启动。", [("LOCATION", "龙岩会展中心")], "jieba glues 周在; the organization walk passes it"),
    ("比赛在北京体育馆举行。", [("LOCATION", "北京体育馆")], None),
    ("乌鲁木齐高新区（新市区）企业积极参赛。", [("LOCATION", "乌鲁木齐高新区（新市区）")], None),
    (
        "游客在杭州西湖边欣赏美景。",
        [("LOCATION", "杭州西湖"), ("LOCATION", "杭州"), ("LOCATION", "西湖")],
        None,
    ),
    ("长江经济带沿线省市加快绿色发展。", [("LOCATION", "长江")], None),
    ("他从广州出发，经长沙抵达武汉。", [("LOCATION", "广州"), ("LOCATION", "长沙"), ("LOCATION", "武汉")], None),
    ("成都市高新区聚集了大量电子信息企业。", [("LOCATION", "成都市高新区")], None),
    ("雄安新区建设稳步推进。", [("LOCATION", "雄安新区")], None),
    (
        "昨天，江苏省南京市发布了暴雨预警。",
        [("LOCATION", "江苏省南京市"), ("LOCATION", "江苏省"), ("LOCATION", "南京市")],
        None,
    ),
    (
        "云南省大理白族自治州的洱海风景优美。",
        [
            ("LOCATION", "云南省大理白族自治州"),
            ("LOCATION", "云南省"),
            ("LOCATION", "大理白族自治州"),
            ("LOCATION", "洱海"),
        ],
        None,
    ),
    (
        "深圳前海自贸区吸引了大批港资企业。",
        [("LOCATION", "深圳"), ("LOCATION", "前海自贸区")],
        "前海 is not a proper word to jieba",
    ),
    (
        "内蒙古自治区鄂尔多斯市加快能源转型。",
        [("LOCATION", "内蒙古自治区鄂尔多斯市"), ("LOCATION", "内蒙古自治区"), ("LOCATION", "鄂尔多斯市")],
        None,
    ),
    ("第十一届新疆创新创业大赛举办。", [("EVENT", "第十一届新疆创新创业大赛")], None),
    (
        "第二届“龙岩人才活动周”在龙岩会展中心启动。",
        [("EVENT", "第二届“龙岩人才活动周”"), ("LOCATION", "龙岩会展中心")],
        "龙岩 is not in the place gazetteer, so place/venue (a known place + 会展中心) does not fire and 中心 makes"
        " an ORG (org/form.research); on the seed page 龙岩 is learned from 龙岩高新区 and the venue is a LOCATION",
    ),
    (
        "开展“广交流、提质效、共发展”（第六期）交流活动。",
        [("EVENT", "“广交流、提质效、共发展”（第六期）交流活动")],
        None,
    ),
    ("乌鲁木齐创新创业大赛聚集了创新资源。", [("EVENT", "乌鲁木齐创新创业大赛")], None),
    ("18家企业参加新疆创新创业大赛", [("EVENT", "新疆创新创业大赛")], None),
    ("第十九届中国国际工业博览会在上海开幕。", [("EVENT", "第十九届中国国际工业博览会"), ("LOCATION", "上海")], None),
    ("第三届数字中国建设峰会在福州举行。", [("EVENT", "第三届数字中国建设峰会"), ("LOCATION", "福州")], None),
    ("第二十届上海国际电影节落下帷幕。", [("EVENT", "第二十届上海国际电影节")], None),
    ("北京马拉松比赛吸引了3万名跑者。", [("EVENT", "北京马拉松比赛")], None),
    ("第五届“创客中国”大赛启动报名。", [("EVENT", "第五届“创客中国”大赛")], None),
    ("杭州亚运会的筹备工作进展顺利。", [("LOCATION", "杭州")], None),
    ("按照《创新加速器建设指引》要求推进工作。", [("WORK", "《创新加速器建设指引》")], None),
    ("他创作了长篇小说《平凡的世界》。", [("WORK", "《平凡的世界》")], None),
    (
        "《中华人民共和国民法典》自2021年起施行。",
        [("WORK", "《中华人民共和国民法典》"), ("LOCATION", "中华人民共和国")],
        None,
    ),
    (
        "“春秋链开放网络Web3.0”“参葛补肾胶囊产业化应用”等参赛项目展现出竞争力。",
        [("WORK", "春秋链开放网络Web3.0"), ("WORK", "参葛补肾胶囊产业化应用")],
        None,
    ),
    ("“智慧农场”“数字乡村”等项目获得一等奖。", [("WORK", "智慧农场"), ("WORK", "数字乡村")], None),
    ("电影《流浪地球》票房突破40亿元。", [("WORK", "《流浪地球》"), ("LOCATION", "地球")], None),
    ("他每天都会阅读《人民日报》。", [("WORK", "《人民日报》"), ("ORG", "人民日报")], None),
    ("为企业送去“及时雨”，总金额超过千万元。", [], None),
    ("北京还涌现了一批孵化器。", [("LOCATION", "北京")], None),
    ("国家级高新区数量持续增加。", [], None),
    ("外商在中国设立研发中心和创新中心。", [("LOCATION", "中国")], None),
    ("这家公司发展很快。", [], None),
    ("公司表示将加大研发投入。", [], None),
    ("他说这很重要。", [], None),
    ("相关负责人表示，将继续推进。", [], None),
    ("涌现出数字环保领域创新型企业20多家。", [], None),
    ("聚集了金融、创业、投资等创新资源。", [], None),
]


def _params() -> list:
    params = []
    for n, (sentence, expected, gap) in enumerate(CASES, 1):
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        params.append(pytest.param(sentence, expected, id=f"{n:03d}-{sentence[:12]}", marks=marks))
    return params


def test_table_has_at_least_100_sentences() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(("sentence", "expected"), _params())
def test_entities_in_sentence(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = [(e.type, e.text) for e in extract(sentence).entities]
    missing = [item for item in expected if item not in found]
    unexpected = [item for item in found if item not in expected]
    assert not missing, f"{missing} not in {found}"
    assert not unexpected, f"unexpected {unexpected} (expected only {expected})"
