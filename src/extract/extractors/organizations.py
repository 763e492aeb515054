"""Organizations: known bodies and the suffix grammar, full names with their form word, short forms, brands, lists, agencies.

* ``find_named_orgs``: the organization finder of ``org_names`` (bodies written
  without a suffix or abbreviated: 国务院, 全国人大常委会, 中国作协, WTO; a proper
  name and a suffix: 辽宁队, 中共中央统战部), which starts a name at a place;
* ``find_full_orgs``: a form word (…有限公司, …孵化器, …科技厅) and the name
  before it, walked leftwards over jieba's tokens to a hard stop;
* ``find_short_forms``: a company's short name when its full name is on the
  page (翠湖科创 for 北京翠湖科创科技发展有限公司);
* ``find_brand_orgs``: a brand and a trade word (纳通医疗, 龙净环保);
* ``find_enumerated_orgs``: the items of a list closed by 等 and a head noun
  (英伟达、百度、华为等20多家龙头企业);
* ``find_agencies``: news agencies, in the text and in photo credits.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache, lru_cache

import regex

from ..rule_schema import OrganizationTable
from ..rules import REGEX_TIMEOUT, load_table
from ..tokenize import Token
from . import Candidate
from .entity_rules import load_lexicon
from .entity_scan import HAN_WORD, LATIN, PUNCT, EntityScan, finditer
from .lexicon import load_places, load_tags
from .org_lexicon import load_org_lexicon
from .org_names import find_org_names
from .place_gazetteer import load_place_lexicon

# Tags that end the first item of a list walking leftwards (和英伟达 -> 英伟达); numerals
# are allowed, since names hold them (龙新三维).
_ITEM_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "r", "d", "v", "f", "ad", "y"})
_BRAND_WORD = regex.compile(r"\p{Han}{2,4}")
# The character before the run of list items (names and 、) that ends where an enumeration's 等 starts,
# searched backwards from 等 (a run searched forwards is tried from every start of its window).
_ITEM_EDGE = regex.compile(r"(?r)[^\p{Han}A-Za-z0-9·、]")
_ITEM_MAX = 12
# A known body and a list item before 等 and an organization noun outrank a person name of the same span
# (西门子 read as 西门 + 子, 筑梦·创享 as a dotted name).
BODY_PRIORITY = 4
BRAND_CACHE = 65_536  # words whose brand tests are kept
# Forms that name a government only after its place.
GOVERNMENT_FORMS = frozenset({"政府", "人民政府"})


def find_named_orgs(scan: EntityScan) -> None:
    """The organization finder's names: known bodies (priority over a form-word walk of the same span) and suffixes."""
    for span in find_org_names(scan.text, scan.page.tokens, scan.place_spans, scan.words, scan.org_visits):
        scan.emit(span.start, span.end, "ORG", span.rule, BODY_PRIORITY if span.rule.startswith("org/body") else 1)


def _stop_index(scan: EntityScan, tokens: list[Token]) -> list[Token] | None:
    """Cut after the rightmost stop word: a verb (共建, 设立) ends the name whatever follows;
    a noun (企业, 制造商) ends it when the right part still names something.  None: no name."""
    for k in range(len(tokens) - 1, -1, -1):
        word = tokens[k].text
        if word in scan.lex.org_stop or scan.hard_stop(tokens[k]):
            right = tokens[k + 1 :]
            if any(scan.is_proper(t.text) for t in right):
                return right
            if scan.hard_stop(tokens[k]):
                return None
    return tokens


def _walk_left(scan: EntityScan, pos: int, max_chars: int = 20) -> int:
    """Start of the name part before reading ``pos``: tokens up to a hard stop, cut after a soft stop."""
    tokens: list[Token] = []
    end = pos  # the tokens walked over tile [pos, end)
    if pos not in scan.tok_end:
        tok = scan.tok_covering.get(pos - 1)  # a token over pos - 1 not ending at pos covers pos too
        if tok is not None:  # the form is the tail of a word: 服务公司, 科技厅
            tokens.append(Token(scan.text[tok.start : pos], tok.start, pos))
            pos = tok.start
    while pos - 1 >= 0 and pos in scan.tok_end:
        tok = scan.tok_end[pos]
        if scan.hard_stop(tok) and not (tokens and tok.text in scan.lex.org_stop):
            break
        if tokens and end - tok.start > max_chars:
            break
        tokens.append(tok)
        pos = tok.start
    tokens.reverse()
    kept = _stop_index(scan, _from_place(scan, tokens))
    if kept is None:
        return -1
    tokens = kept
    while tokens and (scan.hard_stop(tokens[0]) or tokens[0].text == "·"):
        tokens = tokens[1:]
    if tokens and tokens[0].text[0] in scan.lex.lead_function and scan.tag(tokens[0].text) is None:
        # jieba glued a function word to an unknown name (以岱/家山, 了泽东/公司) or to a place's
        # character (到区/民政局, 这是/丰台区): the name starts after it
        if len(tokens[0].text) > 2:
            return tokens[0].start + 1 if any(scan.is_proper(t.text) for t in tokens) else -1
        tokens = tokens[1:]
    if not tokens or not any(scan.is_proper(t.text) for t in tokens):
        return -1
    return tokens[0].start


def _is_place(word: str) -> bool:
    """A place of the gazetteers (divisions, countries, cities), not one learned on the page or tagged by jieba."""
    return word in load_place_lexicon().names


def _from_place(scan: EntityScan, tokens: list[Token]) -> list[Token]:
    """Left of its last place, a name starts at a place or a name only: 经/海口市中级人民法院, 荣获/郑州市,
    but 中国铁路上海局集团有限公司 whole."""
    last = next((k for k in range(len(tokens) - 1, -1, -1) if _is_place(tokens[k].text)), None)
    if last is None:
        return tokens
    first = next((k for k in range(last) if _is_place(tokens[k].text) or _heads_place(scan, tokens[k].text)), last)
    return tokens[first:]


def _heads_place(scan: EntityScan, word: str) -> bool:
    """A word that may stand before a place inside a name: a body (中国电信/武汉分公司), a country's form (俄/太平洋舰队),
    a name jieba does not know (新浪乐居/北京公司) or tags as an organization."""
    if LATIN.fullmatch(word) or word in load_place_lexicon().countries or word in load_org_lexicon().bodies:
        return True
    return scan.tag(word) in (None, "nt") and len(word) >= 2 and HAN_WORD.fullmatch(word) is not None


def find_full_orgs(scan: EntityScan) -> list[tuple[int, int, str]]:
    text, lex = scan.text, scan.lex
    forms = dict(lex.org_forms)
    found: list[tuple[int, int, str]] = []
    for s, e in scan.page.triggers.hits("org/form"):
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
        form = text[s:e]
        before = scan.tok_end.get(s)
        if form in GOVERNMENT_FORMS and not (_is_place(text[start:s]) or (before and _is_place(before.text))):
            continue  # 政府 closes a place's name (北京市政府), not a phrase's (一是精简政府)
        rule = forms[form]
        found.append((start, e, rule))
        scan.emit(start, e, "ORG", rule, priority=1)
    return found


def find_agencies(scan: EntityScan) -> None:
    for s, e in scan.page.triggers.hits("org/agency"):
        scan.emit(s, e, "ORG", "org/agency", priority=5)
    # agencies in photo credits, which are not part of the reading text: 新华社记者 黄伟/摄
    raw = scan.page.raw
    for article in scan.page.articles:
        for credit in article.credits:
            s, e = credit.span
            for m in scan.lex.agency_re.finditer(raw, s, e, timeout=REGEX_TIMEOUT):
                found = m.span()
                fields = {"type": "ORG", "article": article.id}
                scan.out.append(Candidate("entities", None, "org/agency", fields, 2, raw=found))


def _strip_place(scan: EntityScan, name: str) -> str:
    places = load_places()
    for n in range(min(len(name) - 2, 9), 1, -1):
        if name[:n] in places or name[:n] in scan.places:
            return name[n:]
    return name


def find_short_forms(scan: EntityScan, full: list[tuple[int, int, str]]) -> None:
    """A company's short name, when its full name is on the page: 翠湖科创 for 北京翠湖科创科技发展有限公司."""
    text = scan.text
    taken: set[int] = set()
    for s, e, _ in full:
        taken.update(range(s, e))
    found: dict[str, list[tuple[int, int]]] = {}  # core -> its short forms (a name printed again has the same)
    for s, e, rule in full:
        if rule != "org/form.company":
            continue
        name = text[s:e]
        core = _strip_place(scan, name)
        hits = found.get(core)
        if hits is None:
            hits = found[core] = _short_hits(scan, core, taken)
        for hs, he in hits:
            scan.emit(hs, he, "ORG", "org/short_form", priority=1, canonical=name)


def _short_hits(scan: EntityScan, core: str, taken: set[int]) -> list[tuple[int, int]]:
    """The occurrences outside the full names of the longest head of ``core`` (four characters or more, not all
    of it) that has any, each on token boundaries.  Every head starts where the four-character one does, so the
    text is read once per name, not once per head."""
    text = scan.text
    starts: list[int] = []
    if len(core) > 4:
        pos = text.find(core[:4])
        while pos >= 0:
            starts.append(pos)
            pos = text.find(core[:4], pos + 1)
    for n in range(len(core) - 1, 3, -1):
        short = core[:n]
        hits: list[tuple[int, int]] = []
        free = 0  # occurrences do not overlap, the leftmost first (as str.find reads them)
        for hs in starts:
            if hs < free or not text.startswith(short, hs):
                continue
            free = he = hs + n
            if hs not in taken and hs in scan.boundaries and he in scan.boundaries:
                hits.append((hs, he))
        if hits:
            return hits
    return []


def find_brand_orgs(scan: EntityScan) -> None:
    """A brand and a trade word: 纳通医疗, 龙合智能 (the brand unknown to jieba or tagged as a name).

    Only a token in which a trade word starts can be either (a trade word, or a brand joined to one): the
    trigger pass gives those starts, so the tokens are not all read (0.39 -> 0.1 ms on the seed page, pure).
    """
    page = scan.page
    tokens, token_starts = page.tokens, page.token_starts
    before = len(scan.out)  # the names found before this pass (not the brands it adds) cover a brand
    covered: set[int] | None = None
    trade = _company_trades()
    last = -1
    for pos in page.triggers.starts(TRADE_GROUP):
        k = bisect_right(token_starts, pos) - 1
        if k <= last or pos >= tokens[k].end:
            continue  # the token was read at an earlier start (or none holds the start)
        last = k
        tok = tokens[k]
        if tok.text in trade and k > 0:
            prev = tokens[k - 1]
            if covered is None:
                covered = _org_chars(scan.out[:before])
            if prev.start in covered or tok.end - 1 in covered:
                continue
            if prev.end == tok.start and len(prev.text) >= 2 and _brand_word(prev.text):
                scan.emit(prev.start, tok.end, "ORG", "org/brand.trade")
        elif len(tok.text) >= 4 and _joined_brand(tok.text):
            scan.emit(tok.start, tok.end, "ORG", "org/brand.trade")  # jieba joined a brand and its trade: 龙净环保


TRADE_GROUP = "org/trade"
"""The trigger group of the company trades (``trigger_groups``)."""


def _org_chars(candidates: list[Candidate]) -> set[int]:
    """The reading offsets inside an organization among ``candidates``."""
    covered: set[int] = set()
    for c in candidates:
        if c.fields.get("type") == "ORG" and c.span is not None:
            covered.update(range(*c.span))
    return covered


def company_trades() -> tuple[str, ...]:
    """The trade words that make a company after a brand, for the trigger pass."""
    return tuple(sorted(_company_trades()))


@lru_cache(maxsize=BRAND_CACHE)
def _joined_brand(word: str) -> bool:
    """An unknown word that is a brand and a trade word (龙净环保), memoized per word."""
    if load_tags().get(word) is not None or not HAN_WORD.fullmatch(word):
        return False
    return any(word.endswith(t) and _brand_word(word[: -len(t)]) for t in _company_trades())


@cache
def _company_trades() -> frozenset[str]:
    """The trade words that make a company after a brand (all but those of an activity)."""
    return load_lexicon().trade - _activity_words()


@cache
def _activity_words() -> frozenset[str]:
    """Trade words that name an activity (教育, 建设): after a brand they make no company (org/brand.activity)."""
    rows = load_table(OrganizationTable).word
    return frozenset(s for row in rows if row.id == "org/brand.activity" for s in row.surfaces)


@lru_cache(maxsize=BRAND_CACHE)
def _brand_word(word: str) -> bool:
    """A brand's word: two to four characters, no place, no trade word, unknown to jieba or a name to it."""
    lex = load_lexicon()
    if not _BRAND_WORD.fullmatch(word) or word in load_places() or word[0] in lex.lead_function:
        return False
    if any(t in word for t in lex.trade):
        return False
    entry = load_tags().get(word)
    return entry is None or entry[0] in {"nr", "nrt", "nz"}


def _list_items(text: str, end_items: int) -> list[tuple[int, int]]:
    """The items before an enumeration's 等, read leftwards (2 to 12 characters each, separated by 、)."""
    window = max(0, end_items - 200)
    edge = _ITEM_EDGE.search(text, window, end_items, timeout=REGEX_TIMEOUT)
    start = window if edge is None else edge.end()
    if start >= end_items:
        return []
    items: list[tuple[int, int]] = []
    pos = end_items
    for part in reversed(text[start:end_items].split("、")):
        if len(part) < 2:
            break
        items.append((pos - min(len(part), _ITEM_MAX), pos))
        if len(part) > _ITEM_MAX:
            break
        pos -= len(part) + 1
    items.reverse()
    return items


def find_enumerated_orgs(scan: EntityScan) -> None:
    """英伟达、百度、华为等20多家龙头企业: the items before 等 and a head noun.

    The pattern anchors on 等 and its head noun; the items are then read
    leftwards, which costs one short search per 等 instead of trying every
    start of the page.
    """
    for m in finditer(scan.lex.enumeration_re, scan.text):
        for n, (start, end) in enumerate(_list_items(scan.text, m.start())):
            if n == 0:
                start = _walk_items_left(scan, end)
                if start < 0:
                    continue
            if end - start < 2 or start not in scan.boundaries or end not in scan.boundaries:
                continue
            if scan.text[start:end] in load_org_lexicon().generic:
                continue  # 银行等金融机构: a kind of organization, not one
            scan.emit(start, end, "ORG", "org/enumeration", BODY_PRIORITY)


def _walk_items_left(scan: EntityScan, end: int) -> int:
    pos = end
    while pos in scan.tok_end:
        tok = scan.tok_end[pos]
        if PUNCT.search(tok.text) or tok.text in scan.lex.org_stop or scan.tag(tok.text) in _ITEM_STOP_TAGS:
            break
        pos = tok.start
        if end - pos >= 8:
            break
    return pos if pos < end else -1
