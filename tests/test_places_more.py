"""Places: the world's cities of GeoNames, paths of places, and words that are no places.

Each case runs the whole pipeline on one sentence and checks the LOCATION
records it gives: the places expected are there, and the words listed as no
place are not.
"""

from __future__ import annotations

import pytest

from extract import extract


def _places(sentence: str) -> list[str]:
    return [e.text for e in extract(sentence).entities if e.type == "LOCATION"]


CASES = [
    # foreign cities of GeoNames' list (place_cities.txt), missing from CLDR's exemplar cities
    ("莫斯科晴14℃／28℃法兰克福晴15℃／25℃巴黎晴", ["莫斯科", "法兰克福", "巴黎"], []),
    ("在伯尔尼，代表团与瑞士学者座谈。", ["伯尔尼", "瑞士"], []),
    ("哈萨克斯坦迁都阿斯塔纳。", ["哈萨克斯坦", "阿斯塔纳"], []),
    # a city's name that jieba knows as a person's, of a small city: the person
    ("杰克逊表示将继续努力。", [], ["杰克逊"]),
    ("汉密尔顿在大选中获胜。", [], ["汉密尔顿"]),
    # a province or country by its short name before a place: two places, not one
    ("本报江苏宜兴5月9日电", ["江苏", "宜兴"], ["江苏宜兴"]),
    ("其余大部分还得从美国加利福尼亚进口。", ["美国", "加利福尼亚"], ["美国加利福尼亚"]),
    ("在重庆市南岸区，创业者为老街注入活力。", ["重庆市南岸区", "重庆市", "南岸区"], []),
    # landmarks, and two places in one word of jieba's (北京人民大会堂)
    ("纪念活动六月六日在北京人民大会堂举行。", ["北京", "人民大会堂"], ["北京人民大会堂"]),
    ("今年的中国台北公开赛推迟举行。", ["中国", "台北"], []),
    ("伦敦上万人聚集在通往白金汉宫的皇家大道上。", ["伦敦", "白金汉宫"], []),
    # words jieba tags ns that are no places
    ("近7个多月以来西甲首次输球。", [], ["西甲"]),
    ("估计庞贝军团很难爆大冷。", [], ["大冷"]),
    ("他们从北仑河口出发。", [], ["河口", "北仑"]),
    # a place word of jieba's cut from a longer name (比亚/庇), a localizer after a noun (小说中/加插)
    ("论浮潜，这里都要比亚庇更有优势。", [], ["比亚"]),
    ("在小说中加插一些历史背景。", [], ["中", "加", "中加"]),
    ("发展中美关系是双方的共同愿望。", ["中", "美"], []),
    ("孢子粉是名贵中药。", ["中"], []),
    # forms that pair freely, printed as words of their own (中/美/禁毒); 亚欧 before 两大洲 is a pair
    ("罗干说，中美禁毒合作进行得比较好。", ["中", "美"], []),
    ("这有助于加强亚欧两大洲之间的合作。", ["亚", "欧"], ["亚欧"]),
    ("在会议中美方表示欢迎。", ["美"], ["中"]),
    # a name and a feature word: printed apart, joined by jieba's model, or with a localizer (岛上)
    ("猴魁岛由两座小岛组成。", ["猴魁岛"], []),
    ("摩顿岛上有唯一的度假村。", ["摩顿岛"], ["摩顿岛上"]),
    ("香格里拉岛位于南半球。", ["香格里拉岛"], []),
    ("其中张之路的《魔表》已经改编成电影。", [], ["张之路"]),
    ("这项历史性协议为喀岛迎来和平。", [], ["为喀岛"]),
    # a path is whole only from a city (杭州西湖), not from a place of another kind (六里桥 + 京良路)
    ("双方在内蒙古乌审旗召开会议。", ["内蒙古", "乌审旗"], ["内蒙古乌审旗"]),
]


@pytest.mark.parametrize(("sentence", "expected", "absent"), CASES, ids=[c[0][:12] for c in CASES])
def test_places(sentence: str, expected: list[str], absent: list[str]) -> None:
    found = _places(sentence)
    assert [p for p in expected if p not in found] == [], found
    assert [p for p in absent if p in found] == [], found
