"""Persons: names found by their cue words, by the name model, and again where the page repeats them.

Three passes over the page:

* ``find_cued_persons``: a title before (首席创新官李达), an honorific or a
  speech verb after (赵振业院士, 李达表示), a frame (据王海涛介绍); the name's
  edges fall on jieba's token edges, so 曾进行 never yields 曾进;
* ``find_named_persons``: the name model of ``person_names`` (a surname and a
  given-name grammar, transliterations, dotted names, lists, credits, bare
  surnames linked to a full name), which needs no cue word; a candidate the
  place gazetteer knows (吉隆坡, 莫斯科) is a place, not a person;
* ``find_repeated_persons``: every other mention of a name found on the page.
"""

from __future__ import annotations

import regex

from ..rules import REGEX_TIMEOUT, compile_pattern
from ..triggers import matches_at
from .entity_scan import HAN_WORD, EntityScan, finditer, occurrences
from .lexicon import load_tags
from .person_lexicon import FUNCTION_WORD, load_person_lexicon
from .person_names import find_person_names
from .place_gazetteer import load_place_lexicon

# Single-character tokens that cannot end a three-character name (李明在, 王强说).
_NAME_TAIL_STOP_TAGS = frozenset({"p", "c", "d", "u", "uj", "ul", "r", "v", "f", "m", "q", "y", "ad", "vn"})
# A given part that is a dictionary word of these tags, this frequent, is that word (都/悉数, 都/遭到,
# 向/记者): function words and verbs from a low frequency, nouns and adjectives from a higher one, so
# that given names which are also words (建军, 海燕, 文华) still pass.
_GIVEN_FUNCTION_TAGS = frozenset({"p", "c", "d", "u", "uj", "ul", "r", "f", "m", "q", "y", "ad"})
_GIVEN_FUNCTION_FREQ = 50
_GIVEN_CONTENT_TAGS = frozenset({"v", "vn", "n", "a", "t", "vd", "an"})
_GIVEN_CONTENT_FREQ = 500
# jieba's tags of proper nouns and times that a name next to a cue may carry in its dictionary (罗干: ns),
# below this frequency: PD PERSON recall +4 names, no new spurious one (CLUENER unchanged).
_CUED_PROPER_TAGS = frozenset({"ns", "nz", "nt", "t"})
_CUED_PROPER_FREQ = 1000
# The middle dot that joins the parts of the shared/dotted_name pattern: every dotted name holds one.
MIDDLE_DOT = "·"
# Given-name score (person_lexicon) below which a cue's candidate is no name: 过, 在, 不 end no given name.
POOR_GIVEN = -1.0
# A name found by the name model: below the cue rules and the places it may be mistaken for.
MODEL_PRIORITY = 3
# A name of the model right after a post (前世界冠军戴维斯): as sure as a cue rule's name.
TITLED_PRIORITY = 5


def _common_word(name: str, *, cued: bool = False) -> bool:
    """A word of the dictionary that is not a person name (公司, 王国).

    Next to a cue (``cued``: a title before, a speech verb after) a proper noun's
    entry of jieba that is not used very often is read as the name it also is:
    jieba lists some public figures as places or times (国务委员罗干, 罗干说: ns).
    """
    entry = load_tags().get(name)
    if entry is None or entry[0].startswith("nr") or entry[1] < 50:
        return False
    return not (cued and entry[0] in _CUED_PROPER_TAGS and entry[1] < _CUED_PROPER_FREQ)


def _poor_name(scan: EntityScan, start: int, end: int) -> bool:
    """A surname-shaped string that is not a full name: its given part is a title or a common word.

    向记者 (a title), 侯女士 (an honorific: People's Daily marks the surname
    alone, which ``link_bare_surnames`` finds), 都悉数 and 都遭到 (an adverb
    and a word), 和业主 (a conjunction standing alone before a word).
    """
    text = scan.text
    size = 2 if text[start : start + 2] in scan.lex.surnames_compound else 1
    given = text[start + size : end]
    if not given:
        return False
    lex = load_person_lexicon()
    if given in lex.after or given in lex.before:
        return True
    if lex.given_score(given) < POOR_GIVEN:  # 商量/过, 作家/曾在, 总理/周二晚: no given name's characters
        return True
    if len(given) < 2:  # a one-character given name is nearly always a word too (李达, 曾进)
        return False
    tags = load_tags()
    entry = tags.get(given)
    if entry is not None and entry[0] in _GIVEN_FUNCTION_TAGS and entry[1] >= _GIVEN_FUNCTION_FREQ:
        return True
    if entry is not None and entry[0] in _GIVEN_CONTENT_TAGS and entry[1] >= _GIVEN_CONTENT_FREQ:
        return True
    tok = scan.tok_start.get(start)
    if tok is not None and tok.end == start + size:  # the surname stands alone as a word
        lone = tags.get(tok.text)
        return lone is not None and lone[0] in _GIVEN_FUNCTION_TAGS and lone[1] >= FUNCTION_WORD and entry is not None
    return False


def _name_after(scan: EntityScan, pos: int) -> tuple[int, int] | None:
    """The person name starting at reading ``pos`` (after a title), if one does."""
    text = scan.text
    if pos not in scan.boundaries:
        return None
    window = text[pos : pos + 24]
    # shared/dotted_name joins its parts with a middle dot: without one the regex call (1-3 us) cannot match
    m = compile_pattern("{dotted_name}").match(window, timeout=REGEX_TIMEOUT) if MIDDLE_DOT in window else None
    if m:
        trimmed = _trim_dotted(scan, pos, pos + m.end())
        if trimmed:
            return trimmed
    lengths = (4, 3) if text[pos : pos + 2] in scan.lex.surnames_compound else (3, 2)
    if not scan.lex.is_surname_start(text[pos:]):
        return None
    for n in lengths:
        name = text[pos : pos + n]
        if len(name) < n or not HAN_WORD.fullmatch(name):
            continue
        if pos + n not in scan.boundaries and not _glued_tail(scan, pos, pos + n):
            continue
        if n == lengths[0] and (_weak_tail(scan, pos + n - 1) or _glued_tail(scan, pos, pos + n - 1)):
            continue
        if _common_word(name, cued=True) or _poor_name(scan, pos, pos + n):
            continue
        return pos, pos + n
    return None


def _glued_tail(scan: EntityScan, start: int, end: int) -> bool:
    """``[start, end)`` and one particle or verb after it are one token, which jieba glued (赵华说 -> 赵华)."""
    tok = scan.tok_end.get(end + 1)
    if tok is None or tok.start != start or tok.text in load_tags():  # jieba's unknown word only (not 金正日)
        return False
    lex = load_person_lexicon()
    return scan.text[end] in lex.tail_veto and scan.text[end] not in lex.place_tail


def _weak_tail(scan: EntityScan, i: int) -> bool:
    """The character at ``i`` is a function word standing alone (李明在), not a given name."""
    tok = scan.tok_start.get(i)
    if tok is None or tok.end != i + 1:
        return False
    return scan.tag(tok.text) in _NAME_TAIL_STOP_TAGS


def _dotted_before(scan: EntityScan, end: int) -> tuple[int, int] | None:
    text = scan.text
    window = text[max(0, end - 24) : end]
    m = compile_pattern("{dotted_name}$").search(window, timeout=REGEX_TIMEOUT) if MIDDLE_DOT in window else None
    if m:
        start = end - (m.end() - m.start())
        while start < end and start not in scan.boundaries:
            start += 1
        if MIDDLE_DOT in text[start:end]:
            trimmed = _trim_dotted(scan, start, end)
            if trimmed and trimmed[1] == end:
                return trimmed
    return None


_DOTTED_PART_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz"})


def _dotted_word(word: str) -> bool:
    """A token that can be part of a dotted name: unknown to the dictionary, or a name's or place's word."""
    entry = load_tags().get(word)
    return entry is None or entry[0] in _DOTTED_PART_TAGS


def _trim_dotted(scan: EntityScan, start: int, end: int) -> tuple[int, int] | None:
    """The dotted name inside ``[start, end)``: its outer parts end at the first ordinary word.

    The pattern's parts take up to eight characters, so a name runs into the
    words around it: 丹尼斯·霍珀等藏家 -> 丹尼斯·霍珀, 会长育亭·维沙蓬先生介绍
    -> 育亭·维沙蓬.  The parts are read token by token from the dots outwards.
    """
    text = scan.text
    first, last = text.find(MIDDLE_DOT, start, end), text.rfind(MIDDLE_DOT, start, end)
    if first < 0:
        return None
    head = first
    while head > start and (tok := scan.tok_end.get(head)) is not None and tok.start >= start:
        if not _dotted_word(tok.text):
            break
        head = tok.start
    tail = last + 1
    glued = False
    while tail < end and (tok := scan.tok_start.get(tail)) is not None and tok.end <= end:
        if _glued_particle(tok.text):  # 雷斯及, 马斯说: jieba's unknown word took the particle along
            tail, glued = tok.end - 1, True
            break
        if not _dotted_word(tok.text):
            break
        tail = tok.end
    if head == first or tail == last + 1 or head not in scan.boundaries:
        return None
    if tail not in scan.boundaries and not glued:
        return None
    return head, tail


def _glued_particle(word: str) -> bool:
    """An unknown word of transliteration characters and a particle after them (雷斯及, 延科均)."""
    lex = load_person_lexicon()
    return (
        len(word) >= 2
        and word not in load_tags()
        and word[-1] in lex.tail_veto
        and all(ch in lex.translit for ch in word[:-1])
    )


def _name_before(scan: EntityScan, end: int) -> tuple[int, int] | None:
    """The person name ending at reading ``end`` (before a verb or honorific), if one does."""
    text = scan.text
    if end not in scan.boundaries:
        return None
    dotted = _dotted_before(scan, end)
    if dotted:
        return dotted
    for n in (4, 3, 2):
        start = end - n
        name = text[start:end]
        if start < 0 or not HAN_WORD.fullmatch(name) or start not in scan.boundaries:
            continue
        if n == 4 and name[:2] not in scan.lex.surnames_compound:
            continue
        if n < 4 and not scan.lex.is_surname_start(name):
            continue
        if n == 3 and start + 1 in scan.boundaries and not _lone_surname(scan, start):
            continue  # 赵/黎明 keeps three characters; 长/王强 (局长王强) does not
        if n >= 3 and scan.lex.title_tail_re.search(text[max(0, start - 12) : start + n - 2], timeout=REGEX_TIMEOUT):
            continue  # 首席创新官/李达: the first character closes a title
        if _common_word(name, cued=True) or _weak_tail(scan, end - 1) or _poor_name(scan, start, end):
            continue
        return start, end
    return None


def _lone_surname(scan: EntityScan, i: int) -> bool:
    """A surname standing alone as a token, not one of the function words among the surnames (和/白林)."""
    tok = scan.tok_start.get(i)
    if tok is None or tok.end != i + 1 or not scan.lex.is_surname_start(tok.text):
        return False
    return load_person_lexicon().surnames.get(tok.text, ("", 1.0))[1] > 0


def _framed(scan: EntityScan) -> list[tuple[int, int, str]]:
    """Names in the 据X介绍 frames, unless the frame holds a title (在王教授看来)."""
    lex, text = scan.lex, scan.text
    spans = []
    for rule_id, frame in lex.frames:
        for m in finditer(frame, text):
            s, e = m.span("name")
            if lex.honorific_re.search(text, e - 2, e, timeout=REGEX_TIMEOUT) or any(
                t.search(text, e - 2, e, timeout=REGEX_TIMEOUT) for _, t in lex.titles
            ):
                continue
            if (
                s in scan.boundaries
                and e in scan.boundaries
                and not _common_word(text[s:e])
                and not _poor_name(scan, s, e)
            ):
                spans.append((s, e, rule_id))
    return spans


def _title_spans(scan: EntityScan, group: str, pattern: regex.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of ``finditer(pattern, text)`` for a title row's group of the trigger pass: the
    group's hits when the row is words only."""
    own = scan.lex.title_patterns.get(group)
    if own is None:
        return scan.page.triggers.hits(group)
    # A row's pattern and its words (首席…官|经理|…): the whole pattern is matched only where its own
    # pattern or one of its words (the trigger group) starts; the alternation, scanned at every
    # character, cost 0.08 ms of the seed page.
    text = scan.text
    starts = {m.start() for m in own.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT)}
    starts.update(scan.page.triggers.starts(group))
    return [m.span() for m in matches_at(pattern, text, sorted(starts))]


def find_cued_persons(scan: EntityScan) -> None:
    lex, text, boundaries = scan.lex, scan.text, scan.boundaries
    spans: list[tuple[int, int, str]] = []
    for rule_id, title_re in lex.titles:
        for _, end in _title_spans(scan, rule_id, title_re):
            found = _name_after(scan, end)
            if found:
                spans.append((*found, rule_id))
    for start, end in scan.page.triggers.hits("person/honorific"):
        found = _name_before(scan, start) if end in boundaries else None
        if found:
            spans.append((*found, "person/honorific"))
    for start, end in scan.page.triggers.hits("person/speaker.verb"):
        if start not in boundaries or end not in boundaries:
            continue
        found = _name_before(scan, start)
        if found:
            spans.append((*found, "person/speaker.verb"))
    spans.extend(_framed(scan))
    for s, e, rule_id in spans:
        scan.emit(s, e, "PERSON", rule_id, priority=6 if rule_id.startswith("person/title") else 5)
        scan.persons.add(text[s:e])
    for article in scan.page.articles:
        for credit in article.credits:
            scan.persons.update(n.text for n in credit.names if len(n.text) >= 2)


def find_named_persons(scan: EntityScan) -> None:
    """The name model's persons (no cue word needed), less the names the place gazetteer knows."""
    text = scan.text
    places = load_place_lexicon().names
    forms = {p.start for p in scan.place_spans if p.end - p.start == 1}
    page = scan.page
    for span in find_person_names(
        text, page.tokens, page.token_starts, page.token_ends, scan.words, scan.person_visits
    ):
        name = text[span.start : span.end]
        titled = _titled(text, span.start)
        if (name in places or name in scan.places) and not titled:
            continue  # 吉隆坡, 莫斯科: transliterated places read like names (not 前世界冠军戴维斯)
        if all(k in forms for k in range(span.start, span.end)):
            continue  # 黄淮: one-character places in a row, not a surname and a given name
        priority = TITLED_PRIORITY if titled else MODEL_PRIORITY  # a post before it outranks a city's name
        scan.emit(span.start, span.end, "PERSON", span.rule, priority, canonical=span.canonical)


def _titled(text: str, start: int) -> bool:
    """A person's post ends right at ``start`` (前世界冠军/戴维斯, 总统/杰斐逊)."""
    found = load_person_lexicon().cue_before(text, start)
    return found is not None and found[1].rule.startswith("person/title")


def find_repeated_persons(scan: EntityScan) -> None:
    """Every other mention of a person already named on the page."""
    for name in sorted(scan.persons, key=len, reverse=True):
        for start, end in occurrences(scan.text, name):
            if start in scan.boundaries and end in scan.boundaries:
                scan.emit(start, end, "PERSON", "person/repeat", priority=4)
