"""Structure: repaired printed lines (the layout stage's ``split_lines``) -> articles with
headlines, bylines, paragraphs, sentences.

A PDF page comes out as one line per printed line, every line followed by a
blank line, columns of several articles interleaved and headlines printed
away from their bodies.  The steps, each a small function below:

1. ``classify_lines`` (``lines``): a line is a section label, a byline, a credit, or text;
   a text line may end in a photo credit or a signature, which are split off.
2. ``group_paragraphs`` (``paragraphs``): paragraph ends are inferred from the typesetting.  A
   paragraph's first line is indented two characters (which the PDF dropped,
   so it is about two characters shorter than the column), and its last line
   ends in 。！？… (and closing quotes), usually short of the column.
   Short lines without punctuation that stand alone are headline lines.
3. ``segment_articles`` (``articles``): a new article starts at a dateline (本报讯, 科技日报讯
   …), after a signature or a photo credit, and where the column width changes.
4. ``assign_headlines`` (``headlines``): headline lines printed apart from their bodies are
   matched to articles by shared character bigrams; when two headlines claim
   one run of paragraphs, the run is split where the vocabulary switches.

That is the printed page.  ``page_layout`` tells it from any other text: a page
whose paragraphs are indented, and a web text or a news archive (one paragraph
a line, headline lines before their body), have each headline, byline and
credit go with the body printed after it.  A text without any body (one line,
a cell) is read as body.  Each article's dateline (``datelines``) opens its
first paragraph, closes it (（新华社东京3月19日电）) or is a byline (本报记者X报道);
``article_dates`` gives its date for the resolvers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..layout import Line
from .articles import ArticleLayout, HeadlineLayout, Segment, segment_articles
from .datelines import DatelineLayout, resolve_dateline, year_in
from .headlines import HeadBigrams, assign_headlines, assign_in_order, headline_roles, split_segments
from .lines import CreditLayout, Name, classify_lines, read_lead, structure_rules
from .paragraphs import find_sentences, group_paragraphs, page_layout

__all__ = [
    "ArticleLayout",
    "CreditLayout",
    "DatelineLayout",
    "HeadlineLayout",
    "Name",
    "PageLayout",
    "article_dates",
    "find_articles",
    "find_layout",
    "find_sentences",
]


@dataclass
class PageLayout:
    """The articles of a page, and its furniture: lines printed on it that belong to no article."""

    articles: list[ArticleLayout]
    furniture: list[Line]


def find_layout(lines: list[Line]) -> PageLayout:
    """The page's articles from its repaired lines, in the order their bodies are printed, and its furniture."""
    units = classify_lines(lines)
    layout = page_layout(units)
    blocks = group_paragraphs(units, layout)
    # A page whose paragraphs are indented prints each headline over its body, as a web text does.
    columns = layout == "columns"
    segments, floating = segment_articles(blocks, columns)
    if columns:
        # Headlines first claim runs; runs claimed twice are split; then the
        # headlines are assigned again to the final runs.
        heads = HeadBigrams(segments, floating)
        assign_headlines(segments, floating, heads)
        segments = split_segments(segments, heads)
        for seg in segments:
            seg.headlines.clear()
        bylines = assign_headlines(segments, floating, heads)
    else:
        bylines = assign_in_order(segments, floating)
    articles = [_article(n, seg, bylines.get(id(seg), [])) for n, seg in enumerate(segments, 1)]
    furniture = [unit.line for block in blocks if block.kind == "label" for unit in block.units]
    return PageLayout(articles, furniture)


def find_articles(lines: list[Line]) -> list[ArticleLayout]:
    """The page's articles from its repaired lines, in the order their bodies are printed."""
    return find_layout(lines).articles


def _article(n: int, seg: Segment, bylines: list[CreditLayout]) -> ArticleLayout:
    credits: list[CreditLayout] = list(bylines)
    dateline = None
    for k, block in enumerate(seg.paragraphs):
        if block.units[0].lead is not None:
            credit, found = read_lead(block.units)
            if credit is not None:
                credits.append(credit)
            if k == 0:
                dateline = found
    credits.extend(seg.credits)
    photo = any(b.role == "caption" for b in seg.blocks) or any(
        c.role in ("photographer", "source", "picture_note") for c in seg.credits
    )
    if photo:
        for block in seg.blocks:
            if block.kind == "paragraph" and any(w in block.text for w in structure_rules().caption_start):
                block.role = "caption"
    return ArticleLayout(
        id=f"a{n}",
        kind="photo" if photo else "article",
        headlines=headline_roles(seg.headlines),
        paragraphs=seg.blocks,
        credits=credits,
        # The dateline opening the first paragraph, else closing the article, else a byline's (本报记者X报道).
        dateline=dateline or seg.closing or next((c.dateline for c in credits if c.dateline is not None), None),
    )


def article_dates(articles: list[ArticleLayout], reference: dt.date | None) -> dict[str, dt.date]:
    """Each article's own date, from its dateline: the year printed in its headline, else the year of
    an earlier dateline of the document, else the reference date's."""
    out: dict[str, dt.date] = {}
    year: int | None = None
    for article in articles:
        if article.dateline is None:
            continue
        year = year_in([h.line.text for h in article.headlines]) or year
        date = resolve_dateline(article.dateline, reference, year)
        if date is not None:
            out[article.id] = date
            year = date.year
    return out
