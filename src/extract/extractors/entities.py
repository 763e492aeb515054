"""Entities: persons, organizations, places, events and works on the page's reading text.

Each finder proposes candidates with the id of the rule (a row of
``data/person.toml``, ``organization.toml``, ``place.toml``, ``event_work.toml``) that fired; ``extract.resolve`` decides between
overlapping ones.  Names are found by their context, never by a lexicon alone:
a title before (首席创新官李达), an honorific or a speech verb after (赵振业院士,
李达表示), a form word closing an organization (…有限公司), a division or zone
word closing a place.  jieba's tokens give the edges: a name whose edge cuts a
token is vetoed, so 曾进行 never yields 曾进.  The page is read in passes,
because later rules use what earlier ones found: a person named once is found
again (person/repeat), a company's full name gives its short form
(org/short_form), a zone's place gives that place elsewhere (place/zone_name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from ..doc import Doc
from ..rules import REGEX_TIMEOUT, compile_pattern
from ..tokenize import Token
from . import Candidate
from .entity_rules import Lexicon, load_lexicon
from .lexicon import load_places, load_tags

# Tags of jieba's dictionary that end a name walking leftwards: prepositions,
# conjunctions, particles, pronouns, adverbs, numerals, measure words, locality
# words, verbs (for verbs, except the trade words that sit inside names).
_HARD_STOP_TAGS = frozenset(
    {"p", "c", "u", "uj", "ul", "ug", "uz", "ud", "uv", "r", "d", "m", "q", "y", "e", "o", "f", "ad", "v", "vd"}
)
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
# Single-character tokens that cannot end a three-character name (李明在, 王强说).
_NAME_TAIL_STOP_TAGS = frozenset({"p", "c", "d", "u", "uj", "ul", "r", "v", "f", "m", "q", "y", "ad", "vn"})
_PUNCT = regex.compile(r"[^\p{Han}A-Za-z0-9·]")
# Tags that end the first item of a list walking leftwards (和英伟达 -> 英伟达); numerals
# are allowed, since names hold them (龙新三维).
_ITEM_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "r", "d", "v", "f", "ad", "y"})
_LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9.\-+]*")
_HAN_WORD = regex.compile(r"\p{Han}+")
_QUOTED = regex.compile(r"“([^“”]+)”")
_BRAND_WORD = regex.compile(r"\p{Han}{2,4}")
# The run of list items (names and 、) that ends where an enumeration's 等 starts.
_ITEM_RUN = regex.compile(r"[\p{Han}A-Za-z0-9·、]+\Z")
_ITEM_MAX = 12


@dataclass
class _Scan:
    page: Doc
    lex: Lexicon
    text: str
    boundaries: frozenset[int]
    tok_start: dict[int, Token]
    tok_end: dict[int, Token]
    tok_covering: _TokenAt  # reading position -> token containing it
    out: list[Candidate] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # places learned on this page (龙岩 from 龙岩高新区)
    zones: dict[int, int] = field(default_factory=dict)  # end -> start of the zones found
    org_form_words: frozenset[str] = frozenset()

    def emit(
        self,
        start: int,
        end: int,
        etype: str,
        rule: str,
        priority: int = 0,
        nested_ok: bool = False,
        canonical: str | None = None,
    ) -> None:
        if end <= start or "\n" in self.text[start:end]:
            return
        fields = {"type": etype, "article": self.page.article_at(start)}
        if canonical:
            fields["canonical"] = canonical
        self.out.append(Candidate("entities", (start, end), rule, fields, priority, nested_ok))

    def tag(self, word: str) -> str | None:
        entry = load_tags().get(word)
        return entry[0] if entry else None

    def is_proper(self, word: str) -> bool:
        """A word that names something: unknown to jieba, or tagged as a name, or a place."""
        if _LATIN.fullmatch(word):
            return True
        if not _HAN_WORD.fullmatch(word) or word in self.lex.not_proper:
            return False
        if word in load_places() or word in self.places:
            return True
        tag = self.tag(word)
        return tag is None or tag in _PROPER_TAGS

    def hard_stop(self, tok: Token) -> bool:
        word = tok.text
        if word == "·":
            return False
        if _PUNCT.search(word) or word.isdigit():
            return True
        if word in self.lex.trade:
            return False
        if word in self.org_form_words:
            return True  # the end of another name: 科学技术局/特邀
        tag = self.tag(word)
        return tag in _HARD_STOP_TAGS


class _TokenAt:
    """The token containing a reading position (the document's index, read as a mapping)."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def get(self, pos: int, default: Token | None = None) -> Token | None:
        tok = self.doc.token_at(pos)
        return default if tok is None else tok

    def __contains__(self, pos: int) -> bool:
        return self.get(pos) is not None

    def __getitem__(self, pos: int) -> Token:
        tok = self.get(pos)
        if tok is None:
            raise KeyError(pos)
        return tok


def _scan(page: Doc) -> _Scan:
    lex = load_lexicon()
    scan = _Scan(page, lex, page.text, page.boundaries, page.token_starting, page.token_ending, _TokenAt(page))
    scan.org_form_words = frozenset(
        f for f, rule in lex.org_forms if rule in ("org/form.company", "org/form.government")
    )
    return scan


def _occurrences(text: str, literal: str) -> Iterable[tuple[int, int]]:
    """Non-overlapping [start, end) of a literal in ``text`` (str.find: no pattern to compile)."""
    start = text.find(literal)
    while start >= 0 and literal:
        yield start, start + len(literal)
        start = text.find(literal, start + len(literal))


def _finditer(pattern: regex.Pattern[str], text: str) -> Iterable[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT)


# --- persons -----------------------------------------------------------------


def _common_word(scan: _Scan, name: str) -> bool:
    """A word of the dictionary that is not a person name (公司, 王国)."""
    entry = load_tags().get(name)
    return entry is not None and not entry[0].startswith("nr") and entry[1] >= 50


def _name_after(scan: _Scan, pos: int) -> tuple[int, int] | None:
    """The person name starting at reading ``pos`` (after a title), if one does."""
    text = scan.text
    if pos not in scan.boundaries:
        return None
    m = compile_pattern("{dotted_name}").match(text[pos : pos + 24], timeout=REGEX_TIMEOUT)
    if m and pos + m.end() in scan.boundaries:
        return pos, pos + m.end()
    lengths = (4, 3) if text[pos : pos + 2] in scan.lex.surnames_compound else (3, 2)
    if not scan.lex.is_surname_start(text[pos:]):
        return None
    for n in lengths:
        name = text[pos : pos + n]
        if len(name) < n or not _HAN_WORD.fullmatch(name) or pos + n not in scan.boundaries:
            continue
        if n == lengths[0] and _weak_tail(scan, pos + n - 1):
            continue
        if _common_word(scan, name):
            continue
        return pos, pos + n
    return None


def _weak_tail(scan: _Scan, i: int) -> bool:
    """The character at ``i`` is a function word standing alone (李明在), not a given name."""
    tok = scan.tok_start.get(i)
    if tok is None or tok.end != i + 1:
        return False
    return scan.tag(tok.text) in _NAME_TAIL_STOP_TAGS


def _name_before(scan: _Scan, end: int) -> tuple[int, int] | None:
    """The person name ending at reading ``end`` (before a verb or honorific), if one does."""
    text = scan.text
    if end not in scan.boundaries:
        return None
    m = compile_pattern("{dotted_name}$").search(text[max(0, end - 24) : end], timeout=REGEX_TIMEOUT)
    if m:
        start = end - (m.end() - m.start())
        while start < end and start not in scan.boundaries:
            start += 1
        if "·" in text[start:end]:
            return start, end
    for n in (4, 3, 2):
        start = end - n
        name = text[start:end]
        if start < 0 or not _HAN_WORD.fullmatch(name) or start not in scan.boundaries:
            continue
        if n == 4 and name[:2] not in scan.lex.surnames_compound:
            continue
        if n < 4 and not scan.lex.is_surname_start(name):
            continue
        if n == 3 and start + 1 in scan.boundaries and not _lone_surname(scan, start):
            continue  # 赵/黎明 keeps three characters; 长/王强 (局长王强) does not
        if n >= 3 and scan.lex.title_tail_re.search(text[max(0, start - 12) : start + n - 2], timeout=REGEX_TIMEOUT):
            continue  # 首席创新官/李达: the first character closes a title
        if _common_word(scan, name) or _weak_tail(scan, end - 1):
            continue
        return start, end
    return None


def _lone_surname(scan: _Scan, i: int) -> bool:
    tok = scan.tok_start.get(i)
    return tok is not None and tok.end == i + 1 and scan.lex.is_surname_start(tok.text)


def find_persons(scan: _Scan) -> None:
    lex, text = scan.lex, scan.text
    spans: list[tuple[int, int, str]] = []
    for rule_id, title_re in lex.titles:
        for m in _finditer(title_re, text):
            found = _name_after(scan, m.end())
            if found:
                spans.append((*found, rule_id))
    for m in _finditer(lex.honorific_re, text):
        if m.end() not in scan.boundaries:
            continue
        found = _name_before(scan, m.start())
        if found:
            spans.append((*found, "person/honorific"))
    for m in _finditer(lex.speech_verb_re, text):
        if m.start() not in scan.boundaries or m.end() not in scan.boundaries:
            continue
        found = _name_before(scan, m.start())
        if found:
            spans.append((*found, "person/speaker.verb"))
    for rule_id, frame in lex.frames:
        for m in _finditer(frame, text):
            s, e = m.span("name")
            if scan.lex.honorific_re.search(text, e - 2, e, timeout=REGEX_TIMEOUT) or any(
                t.search(text, e - 2, e, timeout=REGEX_TIMEOUT) for _, t in lex.titles
            ):
                continue  # 在王教授看来: a title, not a name
            if s in scan.boundaries and e in scan.boundaries and not _common_word(scan, text[s:e]):
                spans.append((s, e, rule_id))
    for s, e, rule_id in spans:
        scan.emit(s, e, "PERSON", rule_id, priority=6 if rule_id.startswith("person/title") else 5)
        scan.persons.add(text[s:e])
    for article in scan.page.articles:
        for credit in article.credits:
            scan.persons.update(n.text for n in credit.names if len(n.text) >= 2)


def find_repeated_persons(scan: _Scan) -> None:
    """Every other mention of a person already named on the page."""
    for name in sorted(scan.persons, key=len, reverse=True):
        for start, end in _occurrences(scan.text, name):
            if start in scan.boundaries and end in scan.boundaries:
                scan.emit(start, end, "PERSON", "person/repeat", priority=4)


# --- organizations -----------------------------------------------------------


def _walk_left(scan: _Scan, pos: int, max_chars: int = 20) -> int:
    """Start of the name part before reading ``pos``: tokens up to a hard stop, cut after a soft stop."""
    tokens: list[Token] = []
    if pos not in scan.tok_end and pos in scan.tok_covering and pos - 1 in scan.tok_covering:
        tok = scan.tok_covering[pos - 1]  # the form is the tail of a word: 服务公司, 科技厅
        tokens.append(Token(scan.text[tok.start : pos], tok.start, pos))
        pos = tok.start
    while pos - 1 >= 0 and pos in scan.tok_end:
        tok = scan.tok_end[pos]
        if scan.hard_stop(tok) and not (tokens and tok.text in scan.lex.org_stop):
            break
        if tokens and pos - tok.start + sum(len(t.text) for t in tokens) > max_chars:
            break
        tokens.append(tok)
        pos = tok.start
    tokens.reverse()
    # cut after the rightmost stop word: a verb (共建, 设立) ends the name whatever follows;
    # a noun (企业, 制造商) ends it when the right part still names something
    for k in range(len(tokens) - 1, -1, -1):
        word = tokens[k].text
        if word in scan.lex.org_stop or scan.hard_stop(tokens[k]):
            right = tokens[k + 1 :]
            if any(scan.is_proper(t.text) for t in right):
                tokens = right
                break
            if scan.hard_stop(tokens[k]):
                return -1
    while tokens and (scan.hard_stop(tokens[0]) or tokens[0].text == "·"):
        tokens = tokens[1:]
    if (
        tokens
        and len(tokens[0].text) > 2
        and tokens[0].text[0] in scan.lex.lead_function
        and scan.tag(tokens[0].text) is None
    ):
        # jieba glued a preposition to an unknown name: 以岱/家山, 除翠湖
        return tokens[0].start + 1 if any(scan.is_proper(t.text) for t in tokens) else -1
    if not tokens or not any(scan.is_proper(t.text) for t in tokens):
        return -1
    return tokens[0].start


def find_full_orgs(scan: _Scan) -> list[tuple[int, int, str]]:
    text, lex = scan.text, scan.lex
    forms = dict(lex.org_forms)
    found: list[tuple[int, int, str]] = []
    for m in _finditer(lex.org_form_re, text):
        s, e = m.span()
        if e not in scan.boundaries:
            continue
        start = _walk_left(scan, s)
        if s in scan.zones and (start < 0 or start >= s or start > scan.zones[s]):
            start = scan.zones[s]  # 乌鲁木齐高新区（新市区）科学技术局
        if start < 0 or start >= s:
            tok = scan.tok_covering.get(s)
            if not (tok and tok.start < s and tok.end == e and scan.tag(tok.text) == "nt"):
                continue
            if text[tok.start : s] in scan.lex.org_kinds:
                continue  # jieba tags 上市公司 nt, but it names a kind of company, not one
            start = tok.start  # a name jieba knows as an organization: 天津大学
        rule = forms[m.group()]
        found.append((start, e, rule))
        scan.emit(start, e, "ORG", rule, priority=1)
    return found


def find_agencies(scan: _Scan) -> None:
    for m in _finditer(scan.lex.agency_re, scan.text):
        scan.emit(m.start(), m.end(), "ORG", "org/agency", priority=2)
    # agencies in photo credits, which are not part of the reading text: 新华社记者 黄伟/摄
    raw = scan.page.raw
    for article in scan.page.articles:
        for credit in article.credits:
            s, e = credit.span
            for m in scan.lex.agency_re.finditer(raw, s, e, timeout=REGEX_TIMEOUT):
                fields = {"type": "ORG", "article": article.id}
                scan.out.append(Candidate("entities", None, "org/agency", fields, 2, raw=m.span()))


def _strip_place(scan: _Scan, name: str) -> str:
    places = load_places()
    for n in range(min(len(name) - 2, 9), 1, -1):
        if name[:n] in places or name[:n] in scan.places:
            return name[n:]
    return name


def find_short_forms(scan: _Scan, full: list[tuple[int, int, str]]) -> None:
    """A company's short name, when its full name is on the page: 翠湖科创 for 北京翠湖科创科技发展有限公司."""
    text = scan.text
    taken: set[int] = set()
    for s, e, _ in full:
        taken.update(range(s, e))
    for s, e, rule in full:
        if rule != "org/form.company":
            continue
        name = text[s:e]
        core = _strip_place(scan, name)
        for n in range(len(core) - 1, 3, -1):
            short = core[:n]
            hits = [
                (hs, he)
                for hs, he in _occurrences(text, short)
                if hs not in taken and hs in scan.boundaries and he in scan.boundaries
            ]
            if hits:
                for hs, he in hits:
                    scan.emit(hs, he, "ORG", "org/short_form", priority=1, canonical=name)
                break


def find_brand_orgs(scan: _Scan) -> None:
    """A brand and a trade word: 纳通医疗, 龙合智能 (the brand unknown to jieba or tagged as a name)."""
    tokens = scan.page.tokens
    covered: set[int] = set()
    for c in scan.out:
        if c.fields.get("type") == "ORG" and c.span is not None:
            covered.update(range(*c.span))
    for k, tok in enumerate(tokens):
        if tok.text in scan.lex.trade and k > 0:
            prev = tokens[k - 1]
            if prev.start in covered or tok.end - 1 in covered:
                continue
            if prev.end == tok.start and len(prev.text) >= 2 and _brand_word(scan, prev.text):
                scan.emit(prev.start, tok.end, "ORG", "org/brand.trade")
        elif len(tok.text) >= 4 and scan.tag(tok.text) is None and _HAN_WORD.fullmatch(tok.text):
            # jieba joined an unknown brand and its trade word: 龙净环保
            for trade in scan.lex.trade:
                if tok.text.endswith(trade) and _brand_word(scan, tok.text[: -len(trade)]):
                    scan.emit(tok.start, tok.end, "ORG", "org/brand.trade")
                    break


def _brand_word(scan: _Scan, word: str) -> bool:
    if not _BRAND_WORD.fullmatch(word) or word in load_places() or word[0] in scan.lex.lead_function:
        return False
    if any(t in word for t in scan.lex.trade):
        return False
    tag = scan.tag(word)
    return tag is None or tag in {"nr", "nrt", "nz"}


def find_enumerated_orgs(scan: _Scan) -> None:
    """英伟达、百度、华为等20多家龙头企业: the items before 等 and a head noun.

    The pattern anchors on 等 and its head noun; the items are then read
    leftwards (2 to 12 characters each, separated by 、), which costs one
    short search per 等 instead of trying every start of the page.
    """
    text = scan.text
    for m in _finditer(scan.lex.enumeration_re, text):
        end_items = m.start()
        run = _ITEM_RUN.search(text, max(0, end_items - 200), end_items, timeout=REGEX_TIMEOUT)
        if run is None:
            continue
        items: list[tuple[int, int]] = []
        pos = end_items
        for part in reversed(run.group().split("、")):
            if len(part) < 2:
                break
            items.append((pos - min(len(part), _ITEM_MAX), pos))
            if len(part) > _ITEM_MAX:
                break
            pos -= len(part) + 1
        items.reverse()
        for n, (start, end) in enumerate(items):
            if n == 0:
                start = _walk_items_left(scan, end)
                if start < 0:
                    continue
            if end - start < 2 or start not in scan.boundaries or end not in scan.boundaries:
                continue
            scan.emit(start, end, "ORG", "org/enumeration")


def _walk_items_left(scan: _Scan, end: int) -> int:
    pos = end
    while pos in scan.tok_end:
        tok = scan.tok_end[pos]
        if _PUNCT.search(tok.text) or tok.text in scan.lex.org_stop or scan.tag(tok.text) in _ITEM_STOP_TAGS:
            break
        pos = tok.start
        if end - pos >= 8:
            break
    return pos if pos < end else -1


# --- places --------------------------------------------------------------------


def find_places(scan: _Scan) -> None:
    places = load_places()
    divisions = scan.lex.divisions
    tokens = scan.page.tokens
    k = 0
    while k < len(tokens):
        if tokens[k].text not in places:
            k += 1
            continue
        run = [tokens[k]]
        j = k + 1
        while j < len(tokens) and tokens[j].start == run[-1].end:
            word = tokens[j].text
            if word in places or word in divisions:
                run.append(tokens[j])
                j += 1
            else:
                break
        if len(run) == 1:
            scan.emit(run[0].start, run[0].end, "LOCATION", "place/gazetteer")
        else:
            scan.emit(run[0].start, run[-1].end, "LOCATION", "place/division")
            for tok in run:
                if tok.text in places:
                    scan.emit(tok.start, tok.end, "LOCATION", "place/gazetteer", nested_ok=True)
        k = j


def _place_before(scan: _Scan, pos: int, proper_ok: bool) -> int:
    """Start of the place (or, with ``proper_ok``, the proper name) ending at reading ``pos``."""
    tok = scan.tok_end.get(pos)
    if tok is None:
        return -1
    start = -1
    if tok.text in scan.lex.divisions:
        prev = scan.tok_end.get(tok.start)
        if prev and prev.text in load_places():
            start = prev.start
    elif tok.text in load_places() or tok.text in scan.places:
        start = tok.start
    elif proper_ok and 2 <= len(tok.text) <= 4 and scan.is_proper(tok.text):
        return tok.start
    if start >= 0:
        prev = scan.tok_end.get(start)  # 重庆市 + 南岸区
        if prev and prev.text in load_places():
            start = prev.start
    return start


def find_zones(scan: _Scan) -> None:
    text = scan.text
    for m in _finditer(scan.lex.zone_re, text):
        s, e = m.span()
        if e not in scan.boundaries:
            continue
        start = _place_before(scan, s, proper_ok=True)
        if start < 0:
            continue
        scan.emit(start, e, "LOCATION", "place/zone", priority=2)
        scan.zones[e] = start
        prefix = text[start:s]
        if prefix not in load_places() and prefix[-1:] not in scan.lex.divisions:
            scan.places.add(prefix)


def find_learned_places(scan: _Scan) -> None:
    for tok in scan.page.tokens:
        if tok.text in scan.places:
            scan.emit(tok.start, tok.end, "LOCATION", "place/zone_name")


def find_venues(scan: _Scan) -> None:
    for m in _finditer(scan.lex.venue_re, scan.text):
        if m.end() not in scan.boundaries:
            continue
        start = _place_before(scan, m.start(), proper_ok=False)
        if start >= 0:
            scan.emit(start, m.end(), "LOCATION", "place/venue", priority=3)


# --- events and works ------------------------------------------------------------


def find_events(scan: _Scan) -> None:
    text, lex = scan.text, scan.lex
    ordinal: list[tuple[int, int]] = []
    for m in _finditer(lex.ordinal_event_re, text):
        ordinal.append(m.span())
        scan.emit(m.start(), m.end(), "EVENT", "event/ordinal", priority=2)
    for m in _finditer(lex.event_re, text):
        s, e = m.span()
        if e not in scan.boundaries or any(a <= s < b for a, b in ordinal):
            continue
        pos = s
        start = -1
        while pos in scan.tok_end and s - pos < 14:
            tok = scan.tok_end[pos]
            if scan.hard_stop(tok):
                break
            if tok.text in load_places() or tok.text in scan.places:
                start = tok.start
            pos = tok.start
        if start >= 0:
            scan.emit(start, e, "EVENT", "event/place_named", priority=2)


def find_works(scan: _Scan) -> None:
    text, lex = scan.text, scan.lex
    for m in _finditer(lex.work_title_re, text):
        scan.emit(m.start(), m.end(), "WORK", "work/title", priority=3)
    for m in _finditer(lex.work_programme_re, text):
        if m.end() in scan.boundaries:
            scan.emit(m.start(), m.end(), "WORK", "work/programme", priority=3)
    for m in _finditer(lex.work_project_re, text):
        for q in _QUOTED.finditer(m.group("quotes"), timeout=REGEX_TIMEOUT):
            s = m.start("quotes") + q.start(1)
            scan.emit(s, s + len(q.group(1)), "WORK", "work/project", priority=3)


def find_entities(page: Doc) -> list[Candidate]:
    """Every entity candidate of the page, in passes (later rules use what earlier ones learned)."""
    scan = _scan(page)
    find_persons(scan)
    find_repeated_persons(scan)
    find_zones(scan)
    find_places(scan)
    find_learned_places(scan)
    find_venues(scan)
    full = find_full_orgs(scan)
    find_short_forms(scan, full)
    find_brand_orgs(scan)
    find_enumerated_orgs(scan)
    find_agencies(scan)
    find_events(scan)
    find_works(scan)
    return scan.out
