"""Organization finder: known bodies and a suffix grammar, in one walk over the tokens.

``find_org_names(text, tokens, places)`` gives the organizations of a
paragraph as ``NameSpan`` (start, end, "ORG", rule id), sorted and not
overlapping, the longest nested form kept as People's Daily annotates it
(中共中央统战部, 国务院残疾人工作协调委员会):

* a known body (``org_bodies.toml``: 国务院, 全国人大常委会, 中国作协, 欧盟 ...);
* [place]? + proper words + a suffix (``org/suffix.*``: 委员会 部 局 公司 大学 队 报 ...),
  the name starting at its leftmost proper word: a place, a known body, a
  word jieba tags as a name (ns nr nz nt j) or does not know, a Latin name.
  Ordinary nouns and verbs may stand between it and the suffix, never before
  it, so "代表X委员会" is X委员会 at most and 有关部门 or 上市公司 nothing;
* a title printed in one word with the end of a name ends it: 外交部长 -> 外交部.

``places`` are the spans of ``find_place_names`` on the same text: a name
may start with one; the places inside an organization are left to overlap
resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..tokenize import Token
from .memo import remember
from .org_cued import cued_head, cued_span, load_cued
from .org_lexicon import BODY_ALONE, BODY_JOINED, BRANCH_ROWS, OrgLexicon, StartPlan, load_org_lexicon
from .place_gazetteer import load_place_lexicon
from .place_names import NameSpan
from .place_spans import TOKEN_TEXT

ORG = "ORG"

# jieba tags of the words a name may hold between its first word and its suffix.
INNER_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "j", "vn", "v", "an", "b", "ng", "eng", "l", "a"})
# jieba tags of a word that may start a name.
PROPER_TAGS = frozenset({"ns", "nz", "nt", "j", "eng"})
# jieba tags of verbs and adverbs: 带队 is no team, 首破 starts no name.
VERB_TAGS = frozenset({"v", "vd", "vi", "d", "ad", "p", "c", "r", "m", "q", "u", "f", "t"})
FUNCTION_TAGS = frozenset({"d", "p", "c", "r", "m", "q", "u", "f", "t", "v", "vd", "zg", "y", "uj", "ul", "mq"})
MAX_TOKENS = 8  # words of a name before its suffix


def find_org_names(
    text: str,
    tokens: Sequence[Token],
    places: Sequence[NameSpan],
    words: list[str] | None = None,
    visits: Iterable[int] | None = None,
) -> list[NameSpan]:
    """The organizations in ``text`` (its ``tokens``; ``places`` from ``find_place_names``), sorted, not overlapping.

    ``words``: the tokens' texts; ``visits``: the indexes of the tokens whose ``word_end`` is not ``NEVER``, in
    order (``EntityScan.words``, ``.org_visits``: the other tokens end and start nothing); every token when not
    given.
    """
    lex = load_org_lexicon()
    if words is None:
        words = list(map(TOKEN_TEXT, tokens))
    place_starts = {p.start: p.end for p in places}
    place_inside = {t for p in places for t in range(p.start, p.end)}
    place_ends = {p.end: p.start for p in places}
    candidates: list[NameSpan] = []
    body_starts: dict[int, int] = {}  # end -> start of the bodies found: a body of several tokens starts a name
    ends = lex.word_ends
    for i in range(len(words)) if visits is None else visits:
        word = words[i]
        size = ends.get(word, UNKNOWN)
        if size == UNKNOWN:
            size = remember(ends, word, _word_end(lex, word))
        if size == NEVER:
            continue  # the fast path: this word neither ends a name nor starts a known body
        token = tokens[i]
        plan = lex.word_starts.get(word)
        if plan is None:
            plan = remember(lex.word_starts, word, _start_plan(lex, word))
        body = None
        if plan.body == BODY_ALONE or (plan.body and _body_continues(lex, tokens, words, i)):
            body = _body_at(lex, tokens, i)
        if body is None and plan.placed:
            body = NameSpan(token.start, token.end, ORG, plan.placed)
        if body is None and plan.cued:
            body = cued_span(text, tokens, i, plan.cued)
        if body is not None:
            if body.rule in BRANCH_ROWS and body.start in place_ends:  # 天津市/妇联, 西藏自治区/科协
                body = NameSpan(place_ends[body.start], body.end, ORG, body.rule)
            candidates.append(body)
            body_starts[body.end] = min(body.start, body_starts.get(body.end, body.start))
        if size == NO_END or (word in lex.titles and i > 0 and _names_before_title(lex, words[i - 1])):
            continue  # 财政部/副/部长, 中联部/部长: a title after a name, not 部 and 长
        end = token.start + size
        start = _name_start(lex, tokens, i, place_starts, place_inside, body_starts)
        if start is None and _self_named(lex, word[:size]):
            start = token.start
        if start is None and end == token.end:
            start = _titled_start(lex, text, tokens, i)
        if start is not None:
            candidates.append(NameSpan(start, end, ORG, lex.suffix_of(text[start:end]) or "org/suffix.government"))
    return _longest(candidates)


def _heads_place(lex: OrgLexicon, word: str) -> bool:
    """A word that may stand before a place inside a name: a body (中国电信/武汉分公司), a one-character country
    form (俄/太平洋舰队), a name jieba does not know (新浪乐居/北京公司) or tags as an organization."""
    if word in lex.bodies or word in load_place_lexicon().countries or word.isascii():
        return True
    return _tag(lex, word) in ("", "nt") and len(word) >= 2


def _names_before_title(lex: OrgLexicon, word: str) -> bool:
    return word == "副" or word in lex.bodies or lex.suffix_of(word) is not None


def _body_at(lex: OrgLexicon, tokens: Sequence[Token], i: int) -> NameSpan | None:
    """The longest known body over whole tokens from ``i``; a title after it in the same word is cut off."""
    best = None
    surface = ""
    start = tokens[i].start
    for j in range(i, len(tokens)):
        token = tokens[j]
        if j > i and token.start != tokens[j - 1].end:
            break
        word = token.text
        joined = surface + word
        prefix = joined in lex.body_next
        head = 0 if prefix else _glued_head(lex, surface, word)
        if head:  # a body jieba glued to the word after it: 立博/主胜 read as 立博主胜, 加/拉塔/萨雷上
            return NameSpan(start, token.start + head, ORG, _body_rule(lex, joined))
        surface = joined
        rule = lex.bodies.get(surface)
        if rule is not None:
            best = NameSpan(start, token.end, ORG, rule)
        else:
            for stem in lex.title_stems(surface):
                if len(stem) > 1 and stem in lex.bodies:
                    best = NameSpan(start, start + len(stem), ORG, lex.bodies[stem])
                    break
        if not prefix or len(surface) >= lex.body_max_len:
            break
    return best


def _body_head(lex: OrgLexicon, surface: str, word: str) -> int:
    """The length of the head of ``word`` that closes a known body after ``surface``, when jieba does not know
    ``word`` (it glued the body's end to what follows); 0 when none."""
    return 0 if (surface + word) in lex.body_next else _glued_head(lex, surface, word)


def _glued_head(lex: OrgLexicon, surface: str, word: str) -> int:
    """``_body_head`` once ``surface + word`` is known to start no longer body."""
    if len(word) < 2 or _tag(lex, word):
        return 0
    for k in range(len(word) - 1, 0, -1):
        if len(surface) + k >= 2 and surface + word[:k] in lex.bodies:
            return len(word) if word[k:] in lex.suffixes else k  # 萨雷队 closes 加拉塔萨雷 and its suffix
    return 0


def _body_rule(lex: OrgLexicon, text: str) -> str:
    """The rule of the longest body ``text`` starts with."""
    return next(lex.bodies[text[:k]] for k in range(len(text), 1, -1) if text[:k] in lex.bodies)


def _start_plan(lex: OrgLexicon, word: str) -> StartPlan:
    """What may start at this word (a body, a place and a body, a cued name): a word's tests, memoized."""
    cued = cued_head(load_cued(), word, bool(_tag(lex, word)))
    return StartPlan(_body_plan(lex, word), _placed_body(lex, word), cued)


def _body_plan(lex: OrgLexicon, word: str) -> int:
    """Whether ``_body_at`` may find a body at a token of ``word``: ``BODY_ALONE`` when the word alone may give
    one, ``BODY_JOINED`` when only the words after it may (its next step reads the word after it: that word
    joined on starts a longer body, or closes one it glued to what follows, or ends in a title after one, and
    each begins with a character that follows ``word`` in a body), 0 when none may."""
    if word in lex.bodies or _body_head(lex, "", word) > 0:
        return BODY_ALONE
    if any(len(stem) > 1 and stem in lex.bodies for stem in lex.title_stems(word)):
        return BODY_ALONE
    if word not in lex.body_next:
        return 0
    if any(word[:k] in lex.bodies for k in range(2, len(word))):
        return BODY_ALONE  # a body that a title over this word and the next may follow (中联部副/部长)
    return BODY_JOINED


def _body_continues(lex: OrgLexicon, tokens: Sequence[Token], words: list[str], i: int) -> bool:
    """The next word, printed right after the word at ``i``, starts with a character that follows it in a body."""
    j = i + 1
    return j < len(words) and tokens[j].start == tokens[i].end and words[j][0] in lex.body_next[words[i]]


def _placed_body(lex: OrgLexicon, word: str) -> str:
    """美国国务院, 日本外交部: the rule of one word of a place's name and a state body, ministry or association."""
    for k in range(2, min(len(word) - 1, 6)):
        body = word[k:]
        if word[:k] in lex.places and body in lex.bodies and lex.bodies[body] in BRANCH_ROWS:
            return lex.bodies[body]
    return ""


UNKNOWN, NEVER, NO_END = -3, -2, -1
"""Memo values of ``_word_end``: not yet computed; no organization ends or starts here; none ends here."""


def word_end(word: str) -> int:
    """What ``word`` ends (``NEVER``: it neither ends nor starts an organization), memoized."""
    lex = load_org_lexicon()
    size = lex.word_ends.get(word, UNKNOWN)
    if size == UNKNOWN:
        size = remember(lex.word_ends, word, _word_end(lex, word))
    return size


def _word_end(lex: OrgLexicon, word: str) -> int:
    """What a word can do, computed once per word (``lex.word_ends``): ``NEVER`` (the fast path), ``NO_END``, or
    the length of the organization name it ends (``_org_end``)."""
    if not word[0].isalpha() or (
        word[-1] not in lex.last_chars
        and word not in lex.body_next
        and word not in lex.bodies
        and not _body_head(lex, "", word)
        and not cued_head(load_cued(), word, bool(_tag(lex, word)))
    ):
        return NEVER
    end = _org_end(lex, word)
    return NO_END if end is None else end


def _org_end(lex: OrgLexicon, word: str) -> int | None:
    """Where in ``word`` an organization ending in it ends: after its suffix, before a title (外交部长 -> 外交部)."""
    if word in lex.generic:
        return len(word) if word in lex.suffixes else None
    rule = lex.suffix_of(word)
    if rule is not None:
        # 带队, 组队: a verb or adverb jieba knows that ends in a one-character suffix
        if word in lex.suffixes or _tag(lex, word) not in VERB_TAGS or word in lex.bodies:
            return len(word)
        return None
    for stem in lex.title_stems(word):
        if stem in lex.bodies or lex.suffix_of(stem) is not None:
            return len(stem)
    return None


def _tag(lex: OrgLexicon, word: str) -> str:
    return lex.tags.tag(word)


def _name_start(
    lex: OrgLexicon,
    tokens: Sequence[Token],
    i: int,
    place_starts: dict[int, int],
    place_inside: set[int],
    body_starts: dict[int, int],
) -> int | None:
    """The start of the leftmost proper word of the name before token ``i`` (None when it has none).

    Ordinary nouns may stand inside a name, a verb only right before its suffix
    (残疾人工作协调委员会), never a number or a punctuation mark.  A known body
    of several tokens counts as one proper word (中/储粮/黑龙江/分公司).
    """
    start = None
    placed = False
    j = i - 1
    while j >= 0 and i - j <= MAX_TOKENS and tokens[j].end == tokens[j + 1].start:
        if tokens[j].end in body_starts and body_starts[tokens[j].end] <= tokens[j].start:
            start = body_starts[tokens[j].end]  # the body's first token comes next
            while j >= 0 and tokens[j].start > start:
                j -= 1
            j -= 1
            continue
        word = tokens[j].text
        if word in lex.kinds or not word.isalpha():
            break
        tag = _tag(lex, word)
        is_place = word in lex.places
        if _anchors(lex, word, tag, tokens[j].start, place_starts, place_inside) and (
            is_place or not placed or _heads_place(lex, word)
        ):  # left of a place only a place or a name starts it: 日电/中国国家发展计划委员会
            start = tokens[j].start
        elif tag not in INNER_TAGS or (tag == "v" and (j != i - 1 or tokens[i].text not in lex.suffixes)):
            break  # a verb stands only right before a suffix printed as its own word (工作协调/委员会)
        placed = placed or is_place
        j -= 1
    return start


def _anchors(
    lex: OrgLexicon, word: str, tag: str, start: int, place_starts: dict[int, int], place_inside: set[int]
) -> bool:
    """A word that may start an organization's name: a place, a body, a name jieba tags or does not know."""
    if word in lex.generic or word in lex.place_vetoes:
        return False
    if start in place_starts or start in place_inside or word in lex.bodies or tag in PROPER_TAGS:
        return True
    if not tag:  # a word jieba does not know, unless it starts with a function word (正由, 首破, 本报讯)
        return len(word) >= 2 and _tag(lex, word[0]) not in FUNCTION_TAGS
    return len(word) >= 2 and lex.suffix_of(word) is not None and tag not in VERB_TAGS


def _titled_start(lex: OrgLexicon, text: str, tokens: Sequence[Token], i: int) -> int | None:
    """《费加罗报》, 《新闻报》: a paper's name that fills a title, whatever its words (People's Daily marks it)."""
    if lex.suffix_of(tokens[i].text) != MEDIA or not text.startswith("》", tokens[i].end):
        return None
    j = i
    while j > 0 and i - j < MAX_TOKENS and tokens[j - 1].text.isalnum():
        j -= 1
    if j == i or tokens[j].start == 0 or text[tokens[j].start - 1] != "《":
        return None
    return tokens[j].start


MEDIA = "org/suffix.media"


def _self_named(lex: OrgLexicon, name: str) -> bool:
    """辽宁队, 统战部, 新华社: one word that is a name by itself (a place and a suffix, or jieba's ``nt``)."""
    if name in lex.generic or len(name) < 2:
        return False
    if name in lex.bodies:
        return True
    if _tag(lex, name) == "nt":  # jieba's organizations, but not a kind of one (中资银行, 国有银行, 外贸公司)
        return not any(
            len(name) > k and name[-k:] in lex.suffixes and name[:-k] in lex.kinds for k in lex.suffix_lengths
        )
    for k in lex.suffix_lengths:
        if len(name) > k + 1 and name[-k:] in lex.suffixes:
            stem = name[:-k]
            if stem in lex.places or stem in lex.bodies or _tag(lex, stem) in {"ns", "nt", "j"}:
                return True
            # one dictionary word of a body and its unit (公安部经济犯罪侦查局), not of a body and a title (省委常委)
            if lex.title_stems(name):
                return False
            return any(stem[:n] in lex.bodies for n in range(min(len(stem), lex.body_max_len), 1, -1))
    return False


def _longest(candidates: list[NameSpan]) -> list[NameSpan]:
    """The longest candidates that do not overlap, then the earliest: the nested form People's Daily keeps."""
    kept: list[NameSpan] = []
    taken: set[int] = set()
    for span in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
        if not any(k in taken for k in range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept)
