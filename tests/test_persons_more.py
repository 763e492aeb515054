"""Persons through the whole pipeline: the cue rules of ``persons`` and the name model together.

Each row is (sentence, every entity expected as (type, text)): the sentence
must yield exactly these.  Written for these tests (issue 12, the second
person round: names glued to a neighbour, bare surnames that jieba lists
with their title, a post before a name that a city shares).
"""

from __future__ import annotations

import pytest

from extract import extract

CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("政治系法学班班长赵华说，大家都很气愤。", [("PERSON", "赵华")]),
    ("彭真同志夫妇曾参加过我和白林同志的婚礼。", [("PERSON", "彭真"), ("PERSON", "白林")]),
    ("还有一次，李先生在办公桌旁一直坐到下午。", [("PERSON", "李")]),
    ("那么古老的城墙依然完好。", []),
    ("大师赛上，前世界冠军戴维斯胜了对手。", [("PERSON", "戴维斯")]),
    ("执行主任彼得·皮奥在开幕式上讲话。", [("PERSON", "彼得·皮奥")]),
    ("对辖区200余家企业进行面对面宣传。", []),
    # jieba's dictionary lists some public figures under another tag (罗干: ns, 周恩来: t)
    ("国务委员罗干今天会见了来访的客人。", [("PERSON", "罗干")]),
    ("罗干说，双方的合作进行得很好。", [("PERSON", "罗干")]),
    ("这是一部研究周恩来经济思想的专著。", [("PERSON", "周恩来")]),
    ("南宋诗人写过这首诗。", []),
    ("国庆节期间，游客明显增多。", []),
    # a frequent word that jieba tags as a name is no transliteration (文明 nr)
    ("向建设富强、民主、文明的社会主义现代化国家迈进。", []),
    # jieba's one word for a Japanese full name, whose given name reads as no Chinese one (英机)
    ("东条英机自忖罪责难逃。", [("PERSON", "东条英机")]),
    # cups and prizes named after persons: the person inside the word (person_cues.toml [[eponym]])
    ("中国女队第三次捧起尤伯杯。", [("ORG", "中国女队"), ("PERSON", "尤伯")]),
    ("本届汤尤杯赛将在香港举行。", [("PERSON", "汤"), ("PERSON", "尤"), ("LOCATION", "香港")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"{i:02d}-{t[:12]}" for i, (t, _) in enumerate(CASES)])
def test_persons_in_sentence(text: str, expected: list[tuple[str, str]]) -> None:
    found = sorted((e.type, e.text) for e in extract(text).entities)
    assert found == sorted(expected)
