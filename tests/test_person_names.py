"""The person-name finder: names cut from their neighbours, short forms, offsets, and floors on dev data.

The rows of its data files (``data/person_*.toml``) run with every other rule
row in tests/test_rule_rows.py.  The floors read the annotated sets of
``../shared/`` and skip when they are absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.extractors.person_names import PersonSpan, find_person_names
from extract.tokenize import tokenize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _names(text: str) -> list[PersonSpan]:
    return find_person_names(text, tokenize(text))


SPANS = [
    ("记者王海、刘洋、陈静报道", ["王海", "刘洋", "陈静"]),
    ("新建的大桥。刘建华摄", ["刘建华"]),
    ("新建的大桥。刘建华/摄", ["刘建华"]),
    ("连长李明华带队出发。", ["李明华"]),
    ("党委副书记主持会议。", []),
    ("江泽民主席会见了他们。", ["江泽民"]),
    ("俄联邦委员会主席斯特罗耶夫和国家杜马主席举行了会谈。", ["斯特罗耶夫"]),
    ("船工张友香父子摇着小船来了。", ["张友香"]),
    ("王刚在会上发言。", ["王刚"]),
    ("妻子赵文陶无怨无悔地厮守着他。", ["赵文陶"]),
    ("这对选手不太摸底，但葛菲／顾俊还是很快就摸出了对手的路数。", ["葛菲", "顾俊"]),
    ("郑州公安局针对张金柱案件开展了教育。", ["张金柱"]),
    ("小林子里有几只鸟。", []),
    ("市商务委副主任张新生表示，将继续推进。", ["张新生"]),
    ("这3张卫星图片记录了70年代的变化。", []),
    ("汉武帝派张骞出使西域。张骞乘槎的故事流传久远。", ["张骞"]),  # not 张骞乘: 乘 is a verb
    ("", []),
]


@pytest.mark.parametrize(("text", "names"), SPANS, ids=[t or "empty" for t, _ in SPANS])
def test_names_cut_from_their_neighbours(text: str, names: list[str]) -> None:
    assert [text[s.start : s.end] for s in _names(text)] == names


def test_bare_surname_links_to_the_full_name() -> None:
    text = "副部长王铁成到会讲话。王部长指出，要做好秋粮收购工作。"
    spans = _names(text)
    assert [(text[s.start : s.end], s.canonical) for s in spans] == [("王铁成", None), ("王", "王铁成")]


SHORT_FORMS = [
    ("她叫王俊平，今年十八岁。俊平说，她想上大学。", [("王俊平", None), ("俊平", "王俊平")]),
    ("日本首相桥本龙太郎今天访华。桥本在会谈中表示，双方要合作。", [("桥本龙太郎", None), ("桥本", "桥本龙太郎")]),
    (
        "研究所马·莱万多夫斯基副教授说，莱万多夫斯基的研究很重要。",
        [("马·莱万多夫斯基", None), ("莱万多夫斯基", "马·莱万多夫斯基")],
    ),
    ("李建国是工人。建国以来，变化很大。", [("李建国", None)]),
]


@pytest.mark.parametrize(("text", "expected"), SHORT_FORMS, ids=[t for t, _ in SHORT_FORMS])
def test_short_forms_link_to_the_full_name(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(text[s.start : s.end], s.canonical) for s in _names(text)] == expected


def test_offsets_follow_the_tokens() -> None:
    text = "本报讯 记者王海报道"
    spans = _names(text)
    assert [text[s.start : s.end] for s in spans] == ["王海"]
    shifted = find_person_names(text, [t._replace() for t in tokenize(text)])
    assert shifted == spans


def test_importing_the_finder_loads_no_jieba() -> None:
    code = (
        "import sys, extract; before = 'jieba' in sys.modules; "
        "import extract.extractors.person_names; print(before, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == out[1], "importing the person finder must not import jieba"


FLOORS = [  # the finder alone (bench/persons.py): PD 0.833/0.774, CLUENER 0.653/0.662 after issue 12's second round
    ("dev/ner_peoples_daily_dev.jsonl", 0.82, 0.76),
    ("conformance/ner_cluener.jsonl", 0.64, 0.65),
]


@pytest.mark.parametrize(("path", "min_precision", "min_recall"), FLOORS, ids=[p for p, _, _ in FLOORS])
def test_floor_on_annotated_news(path: str, min_precision: float, min_recall: float) -> None:
    file = SHARED / path
    if not file.exists():
        pytest.skip(f"{file} not found (the annotated sets are read from ../shared/, never copied)")
    tp = fp = fn = 0
    with file.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold = {(e["start"], e["end"]) for e in row["entities"] if e["type"] == "PERSON"}
            pred = {(s.start, s.end) for s in _names(row["text"])}
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    assert tp / (tp + fp) >= min_precision and tp / (tp + fn) >= min_recall, (tp, fp, fn)
