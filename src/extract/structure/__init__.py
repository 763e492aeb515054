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
"""

from __future__ import annotations

from ..layout import Line
from .articles import ArticleLayout, HeadlineLayout, segment_articles
from .headlines import assign_headlines, headline_roles, split_segments
from .lines import CreditLayout, Name, classify_lines, structure_rules
from .paragraphs import find_sentences, group_paragraphs

__all__ = ["ArticleLayout", "CreditLayout", "HeadlineLayout", "Name", "find_articles", "find_sentences"]


def find_articles(lines: list[Line]) -> list[ArticleLayout]:
    """The page's articles from its repaired lines, in the order their bodies are printed."""
    units = classify_lines(lines)
    blocks = group_paragraphs(units)
    segments, floating = segment_articles(blocks)
    # Headlines first claim runs; runs claimed twice are split; then the
    # headlines are assigned again to the final runs.
    assign_headlines(segments, floating)
    segments = split_segments(segments)
    for seg in segments:
        seg.headlines.clear()
    bylines = assign_headlines(segments, floating)
    articles = []
    for n, seg in enumerate(segments, 1):
        credits: list[CreditLayout] = list(bylines.get(id(seg), []))
        for block in seg.paragraphs:
            lead = block.units[0].lead_credit
            if lead is not None:
                credits.append(lead)
        credits.extend(seg.credits)
        photo = any(b.role == "caption" for b in seg.blocks) or any(
            c.role in ("photographer", "source") for c in seg.credits
        )
        if photo:
            for block in seg.blocks:
                if block.kind == "paragraph" and any(w in block.text for w in structure_rules().caption_start):
                    block.role = "caption"
        articles.append(
            ArticleLayout(
                id=f"a{n}",
                kind="photo" if photo else "article",
                headlines=headline_roles(seg.headlines),
                paragraphs=seg.blocks,
                credits=credits,
            )
        )
    return articles
