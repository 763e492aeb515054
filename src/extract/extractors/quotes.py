"""Quotes: speech in “ ” with its speaker, attributed before, after, or by the paragraph's context.

A quotation is speech when its attribution sits next to it (李达表示，“…” or
“…”闫芳表示。) or when it holds a sentence (。！？); marks that only name a thing
(“反向孵化”, “小巨人”) are not quotes, nor is a term quoted inside the speaker's
own sentence (李达介绍，“反向孵化”就是…).  A quotation left open at the end of a
paragraph goes on in the next one when that one opens with “ (the convention
of quotes across paragraphs).  The speaker is the name before the speech verb
when there is one (翠湖科创B1Lab首席创新官李达 -> 李达, 张伟在会上 -> 张伟), else the whole
attribution as written (西藏自治区科技创业服务中心相关负责人).  The record's span
is the text inside the marks; its ``speaker_id`` is linked to the person's
entity record in ``extract.relations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..doc import Doc
from ..rules import REGEX_TIMEOUT, QuoteTable, compile_pattern, compile_row, load_table, part_surfaces
from . import Candidate
from .entity_rules import load_lexicon

_SENTENCE = regex.compile(r"[。！？!?…]")
# A closing mark followed by more of the same clause: “反向孵化”就是… names a term.
_CLAUSE_GOES_ON = regex.compile(r"[\p{Han}A-Za-z0-9]")


@dataclass(frozen=True)
class _Quote:
    start: int  # reading offsets of the text inside the marks
    end: int
    open_at: int  # offset of the opening mark
    close_at: int  # offset after the closing mark


@dataclass(frozen=True)
class _Patterns:
    after: regex.Pattern[str]  # attribution after the closing mark: ”闫芳表示。
    before: regex.Pattern[str]  # attribution before the opening mark: 李达表示，“
    frame: regex.Pattern[str]  # 在X看来, 据X介绍
    adverbial: regex.Pattern[str]  # 在会上, 激动地, 也: between a speaker and the verb
    verb_tail: regex.Pattern[str]  # a speech verb (and 道, and a comma) ending where the search ends
    verb_reach: int  # characters a verb, 道 and a comma take at most
    before_reach: int  # characters an attribution before a mark takes at most


@cache
def _patterns() -> _Patterns:
    rows = {row.id: row for row in load_table(QuoteTable).quote}
    verb_reach = max(len(v) for v in part_surfaces("speech_verb")) + 2
    return _Patterns(
        after=compile_row(rows["quote/speaker.after"]),
        before=compile_row(rows["quote/speaker.before"]),
        frame=compile_row(rows["quote/speaker.context"]),
        adverbial=compile_row(rows["quote/speaker.adverbial"]),
        verb_tail=compile_pattern("{speech_verb}(?:道)?[，：:]?$"),
        verb_reach=verb_reach,
        before_reach=30 + verb_reach,
    )


def _quotations(text: str, start: int, end: int) -> list[_Quote]:
    out: list[_Quote] = []
    i = start
    while True:
        o = text.find("“", i, end)
        if o < 0:
            return out
        c = text.find("”", o + 1, end)
        if c < 0:
            out.append(_Quote(o + 1, end, o, end))  # left open: may go on in the next paragraph
            return out
        out.append(_Quote(o + 1, c, o, c + 1))
        i = c + 1


def _name_re() -> regex.Pattern[str]:
    return compile_pattern("{person_name}")


def _speaker(who: str) -> str:
    """The person's name at the end of an attribution, after a title; else the attribution as written."""
    lex = load_lexicon()
    name = _name_re()
    who = who.removeprefix("据")  # 据业内人士透露: 据 frames the attribution, it names no one
    adverbial = _patterns().adverbial.search(who, timeout=REGEX_TIMEOUT)
    if adverbial and adverbial.start() > 0:
        who = who[: adverbial.start()]
    # A name after a title first: 副厅长买买提·艾力 is a title and a dotted name, not one name.
    for i in range(1, len(who) - 1):
        if lex.title_tail_re.search(who[:i]) and name.fullmatch(who, i, timeout=REGEX_TIMEOUT):
            return who[i:]
    if name.fullmatch(who, timeout=REGEX_TIMEOUT):
        return who
    for i in range(1, len(who) - 1):
        if "·" in who[i:] and name.fullmatch(who, i, timeout=REGEX_TIMEOUT):
            return who[i:]
    return who


def find_quotes(page: Doc) -> list[Candidate]:
    patterns = _patterns()
    after_re, before_re, frame_re = patterns.after, patterns.before, patterns.frame
    text = page.text
    out: list[Candidate] = []
    pending: _Quote | None = None  # an open quotation from the previous paragraph
    last_speaker: tuple[str, str] | None = None
    for unit in page.units:
        if unit.kind == "headline":
            pending = None
            continue
        quotes = _quotations(text, unit.start, unit.end)
        if pending is not None:
            if quotes and quotes[0].open_at == unit.start:
                first = quotes[0]
                quotes[0] = _Quote(pending.start, first.end, pending.open_at, first.close_at)
            else:
                quotes.insert(0, pending)
            pending = None
        context: tuple[str, str] | None = None
        for m in frame_re.finditer(text, unit.start, unit.end, timeout=REGEX_TIMEOUT):
            who_frame = m.group("who") or _speaker(m.group("who2"))
            if _name_re().fullmatch(who_frame, timeout=REGEX_TIMEOUT):  # 据介绍 or 据业内人士透露: no one named
                context = (who_frame, "quote/speaker.context")
        for q in quotes:
            if q.close_at == unit.end and not text[q.start : q.end].endswith("”") and text[unit.end - 1] != "”":
                pending = q
                continue
            inner = text[q.start : q.end]
            who: tuple[str, str] | None = None
            opener = page.unit_at(q.open_at)  # a quotation across paragraphs opens in an earlier one
            open_unit_start = opener.start if opener is not None else unit.start
            m = after_re.match(text, q.close_at, unit.end, timeout=REGEX_TIMEOUT)
            if m:
                who = (_speaker(m.group("who")), "quote/speaker.after")
            else:
                # The attribution ends at the opening mark and is at most
                # 30 characters, a verb, 道 and a comma long: search only there.
                window = max(open_unit_start, q.open_at - patterns.before_reach)
                b = None
                # Cheap test first: a speech verb right before the mark.
                tail_start = max(window, q.open_at - patterns.verb_reach)
                if patterns.verb_tail.search(text, tail_start, q.open_at, timeout=REGEX_TIMEOUT):
                    b = before_re.search(text, window, q.open_at, timeout=REGEX_TIMEOUT)
                if b and b.end() == q.open_at:
                    who = (_speaker(b.group("who")), "quote/speaker.before")
                    if not _SENTENCE.search(inner, timeout=REGEX_TIMEOUT) and _CLAUSE_GOES_ON.match(
                        text, q.close_at, unit.end, timeout=REGEX_TIMEOUT
                    ):
                        continue  # 李达介绍，“反向孵化”就是…: a term in the speaker's own sentence
            if who is None and not _SENTENCE.search(inner, timeout=REGEX_TIMEOUT):
                continue  # a name in quotation marks, not speech
            if who is None and context is not None and context[0]:
                who = context
            if who is None and last_speaker is not None and q.open_at == open_unit_start:
                who = (last_speaker[0], "quote/speaker.previous")  # a paragraph of speech after one attributed
            if who is None:
                who = ("", "quote/speaker.unknown")
            article = page.unit_at(q.start)
            out.append(
                Candidate(
                    "quotes",
                    (q.start, q.end),
                    who[1],
                    {"speaker": who[0] or None, "article": article.article if article else None},
                )
            )
            last_speaker = who if who[0] else None
    return out
