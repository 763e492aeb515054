"""Layout repair: line joining, undoubling, width folding, and the map back to raw."""

from __future__ import annotations

import pytest

from extract.layout import find_doubling, normalize, repair, split_lines

REPAIRS = [
    ("join-cjk-lines", "众创空间总面积超过\n\n13.8 万平方米，为初创", "众创空间总面积超过13.8万平方米，为初创"),
    ("number-across-single-newline", "对辖区 200\n余家企业", "对辖区200余家企业"),
    ("latin-across-single-newline", "智能装车系统、5G\n智慧工厂", "智能装车系统、5G智慧工厂"),
    ("blank-layout-lines-dropped", "\n\n  \n第一行\n\n\n\n第二行\n \n", "第一行第二行"),
    (
        "undouble-bold-credit",
        "图片来源图片来源：：陕西省科技企业孵化器协会陕西省科技企业孵化器协会",
        "图片来源：陕西省科技企业孵化器协会",
    ),
    ("fold-full-width", "増至１４４８家，占比３１％，ＡＩ大模型，１３．８万", "増至1448家，占比31%，AI大模型，13.8万"),
    ("space-between-latin-kept", "春秋链开放网络 Web3.0 and more", "春秋链开放网络Web3.0 and more"),
    ("ideographic-space-dropped", "本报记者\u3000邓淑华", "本报记者邓淑华"),
    ("crlf-line-ends", "第一行\r\n\r\n第二行\r\n", "第一行第二行"),
    ("reduplication-kept", "看看", "看看"),
    ("invisible-characters-dropped", "众\u200b创\u200d空\u202e间\ufeff已达\u00a034家", "众创空间已达34家"),
    ("repeated-phrase-in-body-kept", "研究研究再说研究研究", "研究研究再说研究研究"),
    # A space is kept by the visible characters around it, invisible ones between them read through
    # (hypothesis found "0 \u00ad": the line read "0 ", its slice normalized to "0").
    ("space-before-invisible-at-line-end", "0 \u00ad", "0"),
    ("space-and-invisible-between-latin", "a \u200bb c\u00ad d", "a b c d"),
]


@pytest.mark.parametrize(("raw", "reading"), [(r, e) for _, r, e in REPAIRS], ids=[n for n, _, _ in REPAIRS])
def test_repair(raw: str, reading: str) -> None:
    assert repair(raw).text == reading


@pytest.mark.parametrize(
    ("line", "segments"),
    [
        ("图片来源图片来源：：", [(0, 4), (8, 1)]),
        ("陕西省科技企业孵化器协会陕西省科技企业孵化器协会", [(0, 12)]),
        ("看看", None),
        ("：：：：", None),
        ("哈哈哈哈", None),
        ("众创空间建设", None),
    ],
)
def test_find_doubling(line: str, segments: list[tuple[int, int]] | None) -> None:
    assert find_doubling(line) == segments


@pytest.mark.parametrize("raw", [r for _, r, _ in REPAIRS], ids=[n for n, _, _ in REPAIRS])
def test_every_reading_span_round_trips(raw: str) -> None:
    """Any span of the reading text maps to a raw slice that normalizes back to it.

    Known limits, which extractors do not produce: a span that starts or ends
    with a space; in an undoubled line, a span that spans several segments but
    starts or ends inside one (its raw slice is half doubled); a slice of
    ordinary text that is itself a doubled string ("研究研究" inside a longer
    line reads as printed, alone it reads as doubled), and the reverse, one
    doubled glyph alone ("：：").
    """
    mapped = repair(raw)
    doubled = any(find_doubling(line.raw_text) for line in split_lines(raw))
    text = mapped.text
    n = len(mapped)

    for start in range(n):
        for end in range(start + 1, n + 1):
            if text[start].isspace() or text[end - 1].isspace():
                continue
            if doubled and mapped.seg_start(start) != mapped.seg_start(end - 1):
                cut_start = mapped.seg_start(start) != start
                cut_end = end < n and mapped.seg_start(end) == mapped.seg_start(end - 1)
                if cut_start or cut_end:
                    continue
            s, e = mapped.to_raw(start, end)
            if not doubled and find_doubling(raw[s:e]):
                continue
            if doubled and len(set(raw[s:e])) == 1:
                continue  # "：：" alone: one glyph twice reads as printed
            assert normalize(raw[s:e]) == mapped.text[start:end], (start, end, raw[s:e])


def test_whole_doubled_segments_cover_both_copies() -> None:
    raw = "图片来源图片来源：：陕西省科技企业孵化器协会陕西省科技企业孵化器协会"
    mapped = repair(raw)
    org = mapped.text.index("陕西省")
    assert mapped.to_raw(org, len(mapped)) == (10, len(raw))
    assert mapped.to_raw(0, len(mapped)) == (0, len(raw))
    # a part of one segment is a part of its first copy
    assert raw.__getitem__(slice(*mapped.to_raw(org, org + 3))) == "陕西省"


def test_offsets_shift_with_a_prefix() -> None:
    raw = "对辖区 200\n余家企业"
    base = repair(raw)
    shifted = repair("前缀\n\n" + raw)
    assert shifted.text == "前缀" + base.text
    assert [s + 4 for s in base.starts] == list(shifted.starts[2:])


def test_lines_keep_their_raw_extent() -> None:
    raw = " ▶ 本报记者 邓淑华\n\n图片新闻\n"
    lines = split_lines(raw)
    assert [(line.raw_start, line.raw_end, line.text) for line in lines] == [
        (1, 11, "▶本报记者邓淑华"),
        (13, 17, "图片新闻"),
    ]
