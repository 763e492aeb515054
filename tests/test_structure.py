"""Structure on small printed pages: paragraphs, headlines, bylines, articles."""

from __future__ import annotations

from extract import extract
from extract.structure import find_sentences


def page(*lines: str) -> str:
    """Lines as a PDF prints them: each followed by a blank line."""
    return "\n\n".join(lines) + "\n"


COLUMN = [
    "本报讯 近日，某市举办了第三届创新创",  # 17 wide: a first line carries its lead
    "业大赛，共有来自全国各地的一百多家企",
    "业报名参加了比赛。",  # short and closed: paragraph end
    "大赛现场，参赛企业以生动的语言、翔",  # indented first line
    "实的数据和鲜活的案例展示了各自在科",
    "技创新领域的最新成果与未来愿景。",
]


def test_paragraphs_end_at_short_closed_lines() -> None:
    doc = extract(page(*COLUMN))
    assert len(doc.articles) == 1
    texts = [p.text for p in doc.articles[0].paragraphs]
    assert texts == [
        "本报讯近日，某市举办了第三届创新创业大赛，共有来自全国各地的一百多家企业报名参加了比赛。",
        "大赛现场，参赛企业以生动的语言、翔实的数据和鲜活的案例展示了各自在科技创新领域的最新成果与未来愿景。",
    ]


def test_full_line_ending_a_sentence_continues_when_next_line_is_full() -> None:
    lines = [
        "本报讯 近日，某市举办了第三届创新创",
        "业大赛，一百多家企业报名参加比赛。",  # ends a sentence at full width
        "评委们来自高校、企业和投资机构，他们",  # full width: same paragraph
        "对参赛项目进行了现场打分和点评。",
    ]
    doc = extract(page(*lines))
    assert len(doc.articles[0].paragraphs) == 1


def test_floating_headline_and_signature() -> None:
    lines = [
        "创新创业大赛在某市举办",
        "本报讯 近日，某市举办了第三届创新创",
        "业大赛，共有来自全国各地的一百多家企",
        "业报名参加了比赛。 张三 李四",
    ]
    doc = extract(page(*lines))
    [article] = doc.articles
    assert article.headline == "创新创业大赛在某市举办"
    assert article.byline == ["张三", "李四"]
    assert [c.role for c in article.credits] == ["signature"]
    assert article.paragraphs[0].text.endswith("参加了比赛。")


def test_byline_line_and_lead_reporter() -> None:
    lines = [
        "本报记者 王小明",
        "某市创新创业大赛开幕",
        "科技日报讯 （记者 赵六）近日，某市举",
        "办了第三届创新创业大赛，共有一百多家",
        "企业报名参加了比赛。",
    ]
    doc = extract(page(*lines))
    [article] = doc.articles
    assert article.byline == ["王小明", "赵六"]
    persons = [(e.text, e.rule) for e in doc.entities if e.type == "PERSON"]
    assert persons == [("王小明", "person/byline.reporter"), ("赵六", "person/byline.reporter")]


def test_photo_caption_with_credit_is_its_own_item() -> None:
    lines = [
        "本报讯 近日，某市举办了第三届创新创",
        "业大赛，共有一百多家企业报名参加。",
        "在某市某区，青年创业者们为一条百年老街注入新场景、新业态、新活力。图为青年",
        "创业者正在制作标本创意产品。 新华社记者 黄伟/摄",
    ]
    doc = extract(page(*lines))
    assert [a.kind for a in doc.articles] == ["article", "photo"]
    photo = doc.articles[1]
    assert photo.byline == ["黄伟"]
    assert photo.paragraphs[0].role == "caption"


def test_sentences_keep_closing_quotes() -> None:
    text = "“这是实践。后来，我们还合作。”李达表示。"
    assert [text[s:e] for s, e in find_sentences(text)] == ["“这是实践。", "后来，我们还合作。”", "李达表示。"]


def test_empty_and_blank_pages_give_no_articles() -> None:
    assert extract("").articles == []
    assert extract("\n\n   \n").articles == []


def test_page_furniture_is_kept_with_its_span(seed_doc, seed_raw) -> None:
    """A section label of the printed page is furniture: a record with its span, in no article."""
    assert [(f.kind, f.text) for f in seed_doc.furniture] == [("label", "图片新闻")]
    (label,) = seed_doc.furniture
    assert seed_raw[label.span[0] : label.span[1]] == "图片新闻"
    assert all(not (a.span[0] <= label.span[0] < a.span[1]) for a in seed_doc.articles)


def test_outside_a_printed_page_a_label_word_is_text() -> None:
    from extract import extract

    doc = extract("综合新闻")
    assert doc.furniture == [] and doc.articles


def test_each_paragraph_block_has_its_unit_and_the_unit_its_sentences(seed_raw) -> None:
    """The document gives each unit's sentences; a paragraph's record reads them through
    ``Doc.block_units``, which must lead every block to the unit holding its very text."""
    from extract.doc import build_doc
    from extract.layout import split_lines
    from extract.structure import find_layout

    page = build_doc(seed_raw, find_layout(split_lines(seed_raw)).articles)
    blocks = [(a, b, block) for a, art in enumerate(page.articles) for b, block in enumerate(art.paragraphs)]
    assert len(blocks) > 20 and len(page.block_units) == len(blocks)
    for a, b, block in blocks:
        unit = page.units[page.block_units[(a, b)]]
        assert page.text[unit.start : unit.end] == block.mapped.text
        found = page.unit_sentences(page.block_units[(a, b)])
        assert found == find_sentences(block.mapped.text)
