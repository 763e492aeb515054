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

from ..doc import Doc, DocUnit
from ..regex_code import compile_regex
from ..rules import REGEX_TIMEOUT, QuoteTable, alternation, compile_pattern, compile_row, load_table
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
    before_longest: regex.Pattern[str]  # ``before`` searched backwards, longest first (POSIX)
    role: regex.Pattern[str]  # a role before a name that is no title: 连长, 种植户
    previous: regex.Pattern[str]  # a name in the sentence before a quote, speaking
    interview: regex.Pattern[str]  # 记者：… / 王教授：… opening a paragraph


@cache
def _patterns() -> _Patterns:
    rows = {row.id: row for row in load_table(QuoteTable).quote}
    before = compile_row(rows["quote/speaker.before"])
    return _Patterns(
        after=compile_row(rows["quote/speaker.after"]),
        before=before,
        before_longest=compile_regex(before.pattern, before.flags | regex.REVERSE | regex.POSIX),
        frame=compile_row(rows["quote/speaker.context"]),
        adverbial=compile_row(rows["quote/speaker.adverbial"]),
        role=compile_regex(f"(?:{alternation(rows['quote/speaker.role'].surfaces)})$"),
        previous=compile_row(rows["quote/speaker.previous_sentence"]),
        interview=compile_row(rows["quote/interview"]),
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


def _name_end_re() -> regex.Pattern[str]:
    return compile_pattern(r"(?:{person_name})\Z")


def _speaker(who: str) -> str:
    """The person's name at the end of an attribution, after a title; else the attribution as written."""
    lex = load_lexicon()
    who = who.removeprefix("据")  # 据业内人士透露: 据 frames the attribution, it names no one
    adverbial = _patterns().adverbial.search(who, timeout=REGEX_TIMEOUT)
    if adverbial and adverbial.start() > 0:
        who = who[: adverbial.start()]
    # Every place a name ending the attribution starts, in one overlapped scan (not one
    # fullmatch per place).  A name after a title or a role first: 副厅长买买提·艾力 is a title and
    # a dotted name, not one name.
    starts = [m.start() for m in _name_end_re().finditer(who, overlapped=True, timeout=REGEX_TIMEOUT)]
    inner = [i for i in starts if 0 < i < len(who) - 1]
    role = _patterns().role
    for i in inner:
        if lex.title_tail_re.search(who[:i]) or role.search(who[:i]):
            return who[i:]
    if starts and starts[0] == 0:
        return who
    for i in inner:
        if "·" in who[i:]:
            return who[i:]
    return who


def _before(text: str, at: int, start: int, patterns: _Patterns) -> str | None:
    """The attribution ending at ``at`` (李达表示，“), searched from ``start``: the speaker, if any.

    The forward search would try every start from ``start`` on (~40 us); its match is the one that
    starts leftmost, which is where the longest match ending at ``at`` starts: one backward POSIX
    search finds that start (the row's ``$`` fails at once at every other end), and the row's own
    pattern, matched there, reads the attribution.  The row alone says how long an attribution is.
    """
    longest = patterns.before_longest.search(text, start, at, timeout=REGEX_TIMEOUT)
    if longest is None or longest.end() != at:
        return None
    b = patterns.before.match(text, longest.start(), at, timeout=REGEX_TIMEOUT)
    return _speaker(b.group("who")) if b and b.end() == at else None


def _previous_sentence(text: str, at: int, start: int, patterns: _Patterns) -> str | None:
    """The speaker named in the sentence before a quote that opens a sentence at ``at``: a title or
    role and a name, speaking (村党支部书记赵春生说得很实在。“…”)."""
    if at <= start or text[at - 1] not in "。！？!?":
        return None
    begin = max(_last_sentence_end(text, start, at - 1), at - 80)
    lex, role = load_lexicon(), patterns.role
    for m in patterns.previous.finditer(text, begin, at, overlapped=True, timeout=REGEX_TIMEOUT):
        head = max(begin, m.start() - 12)
        titled = lex.title_tail_re.search(text, head, m.start()) or role.search(text, head, m.start())
        if titled:
            return str(m.group("who"))
    return None


def _last_sentence_end(text: str, start: int, end: int) -> int:
    """Where the sentence ending at ``end`` begins: after the sentence end before it, else ``start``."""
    for i in range(end - 1, start - 1, -1):
        if text[i] in "。！？!?":
            return i + 1
    return start


def _interviews(page: Doc, patterns: _Patterns) -> list[Candidate]:
    """Dialogue paragraphs (记者：…？ / 王教授：…) in the articles where the interviewer asks."""
    text = page.text
    found: dict[str, list[tuple[DocUnit, regex.Match[str]]]] = {}
    for unit in page.units:
        if unit.kind != "paragraph":
            continue
        m = patterns.interview.match(text[unit.start : unit.end], timeout=REGEX_TIMEOUT)
        if m is not None:
            found.setdefault(unit.article, []).append((unit, m))
    out = []
    for article, turns in found.items():
        if not any(m.group("who") in ("记者", "问", "主持人") for _, m in turns):
            continue  # no interviewer: 金额：100元 is a label, not an answer
        for unit, m in turns:
            fields = {"speaker": m.group("who"), "article": article}
            out.append(Candidate("quotes", (unit.start + m.end(), unit.end), "quote/interview", fields))
    return out


def find_quotes(page: Doc) -> list[Candidate]:
    patterns = _patterns()
    text = page.text
    out: list[Candidate] = _interviews(page, patterns)
    pending: _Quote | None = None  # an open quotation from the previous paragraph
    last_speaker: tuple[str, str] | None = None
    previous_unit: DocUnit | None = None
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
        context = _context(text, unit) if quotes else None
        for q in quotes:
            if q.close_at == unit.end and not text[q.start : q.end].endswith("”") and text[unit.end - 1] != "”":
                pending = q
                continue
            opener = page.unit_at(q.open_at)  # a quotation across paragraphs opens in an earlier one
            open_start = opener.start if opener is not None else unit.start
            who = _attribution(text, q, unit, open_start, patterns)
            if who == _TERM:
                continue
            if who is None and q.open_at == open_start and previous_unit is not None:
                prev = previous_unit  # 闫芳表示： / “…” in the next paragraph
                if text[prev.end - 1] in "：:" and (name := _before(text, prev.end, prev.start, patterns)):
                    who = (name, "quote/speaker.before")
            if who is None and not _SENTENCE.search(text, q.start, q.end, timeout=REGEX_TIMEOUT):
                continue  # a name in quotation marks, not speech
            who = who or context or _from_previous(text, q, open_start, last_speaker, patterns)
            article = page.unit_at(q.start)
            fields = {"speaker": who[0] or None, "article": article.article if article else None}
            out.append(Candidate("quotes", (q.start, q.end), who[1], fields))
            last_speaker = who if who[0] else None
        previous_unit = unit
    return sorted(out, key=lambda c: c.span or (0, 0))


_TERM = ("", "term")  # quotation marks around a term in the speaker's own sentence


def _attribution(text: str, q: _Quote, unit: DocUnit, open_start: int, patterns: _Patterns) -> tuple[str, str] | None:
    """The speaker printed after the quote (“…”闫芳表示。) or right before it (李达表示，“…”)."""
    m = patterns.after.match(text, q.close_at, unit.end, timeout=REGEX_TIMEOUT)
    if m:
        return (_speaker(m.group("who")), "quote/speaker.after")
    name = _before(text, q.open_at, open_start, patterns)
    if name is None:
        return None
    if not _SENTENCE.search(text, q.start, q.end, timeout=REGEX_TIMEOUT) and _CLAUSE_GOES_ON.match(
        text, q.close_at, unit.end, timeout=REGEX_TIMEOUT
    ):
        return _TERM  # 李达介绍，“反向孵化”就是…: a term in the speaker's own sentence
    return (name, "quote/speaker.before")


def _context(text: str, unit: DocUnit) -> tuple[str, str] | None:
    """A frame in the paragraph that names the speaker of its quotes: 在李达看来, 据王海涛介绍."""
    context = None
    for m in _patterns().frame.finditer(text, unit.start, unit.end, timeout=REGEX_TIMEOUT):
        who_frame = m.group("who") or _speaker(m.group("who2"))
        if _name_re().fullmatch(who_frame, timeout=REGEX_TIMEOUT):  # 据介绍 or 据业内人士透露: no one named
            context = (who_frame, "quote/speaker.context")
    return context


def _from_previous(
    text: str, q: _Quote, open_start: int, last_speaker: tuple[str, str] | None, patterns: _Patterns
) -> tuple[str, str]:
    """The speaker of a quote without attribution: named in the sentence before, else the speaker of
    the paragraph of speech before, else unknown."""
    name = _previous_sentence(text, q.open_at, open_start, patterns)
    if name is not None:
        return (name, "quote/speaker.previous_sentence")
    if last_speaker is not None and q.open_at == open_start:
        return (last_speaker[0], "quote/speaker.previous")  # a paragraph of speech after one attributed
    return ("", "quote/speaker.unknown")
