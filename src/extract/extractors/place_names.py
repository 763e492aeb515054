"""Place finder: one walk over a text's jieba tokens, gazetteer lookups in sets and dicts.

``find_place_names(text, tokens)`` gives the places of a paragraph as
``NameSpan`` (start, end, "LOCATION", rule id), sorted and not overlapping, in
the conventions of People's Daily: a country as a modifier is a place
(中国经济 -> 中国), one-character short forms are places where they pair or
follow a verb of travel (中美关系 -> 中, 美; 访华 -> 华; 美军 -> 美).

Evidence, strongest first, at each token:

1. a gazetteer name (divisions, CLDR countries, regions and cities, table rows),
   over one or more whole tokens, or at the start of a token whose rest is a noun
   (中国京剧 -> 中国);
2. one-character short forms in pairs and contexts (``place/abbrev.*``);
3. a name jieba does not know closed by a division or feature word (曲麻莱县, 恒山, 猴魁岛: ``place_suffixed``);
4. a word jieba's dictionary tags ``ns``, unless vetoed (上市, 东西, 哥哥 ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from ..tokenize import Token
from .memo import remember
from .place_gazetteer import NAME_TAGS, PlaceLexicon, load_place_lexicon
from .place_spans import TOKEN_TEXT, Found, NameSpan, span, word_tag
from .place_suffixed import NO_PLAN, suffixed_name, word_plan

# jieba tags of a word that may follow a place inside one token (中国京剧, 印度政府).
NOUN_TAGS = frozenset({"n", "nz", "vn", "nt", "ng", "an"})
# jieba tags of a two-character word spelled with short forms that is not a pair (中意 v, 美德 n).
PAIR_TAGS = frozenset({"ns", "j", "t", "nt", "nz", ""})
# Directions after a short form that make one region of a word jieba tags ``ns`` (闽西, 苏北, 皖南).
REGION_DIRECTIONS = frozenset("东西南北")


def find_place_names(
    text: str, tokens: Sequence[Token], words: list[str] | None = None, visits: Iterable[int] | None = None
) -> list[NameSpan]:
    """The places in ``text`` (its ``tokens`` from ``extract.tokenize.tokenize``), sorted, not overlapping; ``words``,
    the tokens' texts, and ``visits``, the indexes of the tokens whose kind is not ``SKIP``, in order, when the
    caller has them (``EntityScan``: the other tokens can start no place; every token is read when not given)."""
    lex = load_place_lexicon()
    if words is None:
        words = list(map(TOKEN_TEXT, tokens))
    memo, closers = lex.word_kinds, lex.closers
    spans: list[NameSpan] = []
    i = 0
    for k in range(len(words)) if visits is None else visits:
        word = words[k]
        kind = memo.get(word)
        if kind is None:
            kind = remember(memo, word, _word_kind(lex, word))
        if not kind or k < i or (kind & UNLESS_CLOSED and (k + 1 == len(words) or words[k + 1] not in closers)):
            continue  # the fast path; inside the place found before; a word that starts one only before a closer
        if kind & JOINS and not _may_join(lex, tokens, k):
            kind &= ~GAZETTEER  # 的, 和: a name's first word only, and the next word continues no name
        found = (
            (kind & GAZETTEER and _gazetteer(lex, tokens, k))
            or (kind & SHORT and _short_forms(lex, tokens, k))
            or (kind & SUFFIXED and suffixed_name(lex, tokens, k))
            or (kind & JIEBA and _jieba_place(lex, tokens, k))
        )
        if found:
            new, i = found
            spans.extend(new)
    return spans


def word_kind(word: str) -> int:
    """The kind of ``word`` (``SKIP``: no place starts at it), memoized."""
    lex = load_place_lexicon()
    kind = lex.word_kinds.get(word)
    if kind is None:
        kind = remember(lex.word_kinds, word, _word_kind(lex, word))
    return kind


SKIP, UNLESS_CLOSED, GAZETTEER, SHORT, SUFFIXED, JIEBA, JOINS = 0, 1, 2, 4, 8, 16, 32
"""Word kinds (bits): never a place start; one only before a division or feature word; which rules may
fire at the word (each rule's test on the word alone, so that the others are not tried); and, with
``GAZETTEER``, a word that starts a gazetteer name only with the words after it (a prefix, no name, no head
of one: 的, 和 start some name, but ``_gazetteer`` is asked only when the next word continues one)."""


def _word_kind(lex: PlaceLexicon, word: str) -> int:
    """The kind of ``word``, memoized per word in ``lex.word_kinds`` (one lookup per token)."""
    if not word[0].isalpha():
        return SKIP
    kind = 0
    if word in lex.tags and word not in lex.triggers and word[0] not in lex.trigger_chars:
        kind = UNLESS_CLOSED
    heads = range(2, min(len(word) - 1, lex.max_len) + 1)
    if word in lex.names:
        kind |= GAZETTEER
    elif word in lex.prefixes:
        kind |= GAZETTEER
        if not any(word[:k] in lex.names for k in heads):
            kind |= JOINS  # no head of the word is a name: _gazetteer_in_token finds none
    elif any(word[:k] in lex.names for k in heads):
        kind |= GAZETTEER
        if any(word[:k] in lex.names and word[k:] in lex.names for k in heads):
            kind &= ~UNLESS_CLOSED  # 北京人民大会堂, 中国台北: two places in one word of jieba's
    if _may_short(lex, word):
        kind |= SHORT
    if word not in lex.vetoes and len(word) >= 2 and word.isalpha() and word_plan(lex, word) != NO_PLAN:
        kind |= SUFFIXED
    if len(word) >= 2 and word_tag(lex, word) == "ns":
        kind |= JIEBA
    return SKIP if kind == UNLESS_CLOSED else kind  # before a closer too, no rule would be tried


def _may_join(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> bool:
    """The word at ``i`` and the next one, printed together, are a gazetteer name or start one: the second
    step of ``_gazetteer``'s walk, the only one that may find a name at a ``JOINS`` word."""
    j = i + 1
    if j == len(tokens) or tokens[j].start != tokens[i].end:
        return False
    joined = tokens[i].text + tokens[j].text
    return joined in lex.names or joined in lex.prefixes


def _gazetteer(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """The longest gazetteer name over whole tokens from ``i``, with a division or feature word after it."""
    best: tuple[int, str] | None = None
    surface = ""
    j = i
    while j < len(tokens) and (j == i or tokens[j].start == tokens[j - 1].end):
        surface += tokens[j].text
        if len(surface) > lex.max_len:
            break
        if surface in lex.names and surface not in lex.vetoes:
            best = (j, lex.names[surface])
        if surface not in lex.prefixes:
            break
        j += 1
    if best is not None:
        j, rule = best
        start, end = tokens[i].start, tokens[j].end
        nxt = j + 1
        if nxt < len(tokens) and tokens[nxt].start == end and _closes_name(lex, surface, tokens[nxt].text):
            return [span(start, tokens[nxt].end, "place/division.suffix")], nxt + 1
        return [span(start, end, rule)], j + 1
    return _gazetteer_in_token(lex, tokens[i], i)


def _closes_name(lex: PlaceLexicon, stem: str, word: str) -> bool:
    """北京 + 市, 莱茵 + 省: a division word printed apart from the name it closes."""
    if word not in lex.division_suffixes or len(word) > 3:
        return False
    return stem + word not in lex.vetoes


def _gazetteer_in_token(lex: PlaceLexicon, token: Token, i: int) -> Found:
    """A name at the start of a token whose rest is a noun: 中国京剧 -> 中国, 印度政府 -> 印度."""
    word = token.text
    if len(word) >= 3 and word[-1] in lex.name_rests and word[:-1] in lex.names and word[:-1] not in lex.vetoes:
        return [span(token.start, token.end - 1, lex.names[word[:-1]])], i + 1  # 法国人, 中国式
    for k in range(min(len(word) - 2, lex.max_len), 1, -1):
        head, rest = word[:k], word[k:]
        if head in lex.names and head not in lex.vetoes:
            if rest in lex.names and rest not in lex.vetoes:  # 北京人民大会堂: two places in one word
                end = token.start + k
                return [span(token.start, end, lex.names[head]), span(end, token.end, lex.names[rest])], i + 1
            if word_tag(lex, rest) in NOUN_TAGS or rest in lex.head_after or rest in lex.pair_after:
                return [span(token.start, token.start + k, lex.names[head])], i + 1
            return None
    return None


def _short_forms(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """One-character forms: in pairs (中美, 港澳台), after a verb (访华), before a head word (美军)."""
    token = tokens[i]
    word = token.text
    abbrev = lex.abbrev
    if word[0] not in abbrev and not (word in lex.visit_before or word[0] in lex.visit_before):
        return None
    run = 0
    while run < len(word) and word[run] in abbrev:
        run += 1
    if run >= 2 and _after_noun(lex, tokens, i):
        return [], i + 1  # 小说/中加/插: a localizer after a noun, not a pair (nor jieba's ns word)
    # 韩三国 after 中日: one form whose pair began in the word before
    joined = run == 1 and i > 0 and tokens[i - 1].end == token.start and _all_short(lex, tokens[i - 1].text)
    if (run >= 2 or joined) and word[:run] not in lex.names:
        rest = word[run:]
        if word[:run] not in lex.pair_vetoes and (rest in lex.pair_after or (not rest and _pairs_alone(lex, word))):
            return [span(token.start + k, token.start + k + 1, "place/abbrev.pair") for k in range(run)], i + 1
        if run == 2 and _pair_in_context(lex, tokens, i, word[:run], rest):
            return [span(token.start + k, token.start + k + 1, "place/abbrev.pair") for k in range(run)], i + 1
    if run == 1 and len(word) == 1:
        found = _split_pair(lex, tokens, i) or _listed(lex, tokens, i) or _head(lex, tokens, i)
        if found:
            return found
    if len(word) >= 2 and word[0] in abbrev and word[1:] in lex.head_after and word not in lex.head_vetoes:
        return [span(token.start, token.start + 1, "place/abbrev.head")], i + 1
    return _visit(lex, tokens, i)


def _may_short(lex: PlaceLexicon, word: str) -> bool:
    """Whether ``_short_forms`` may find a form at a token of ``word``: the tests of its rules on the word
    alone (在, 以, 中心 reach none of them), the rules that read the tokens around it kept."""
    abbrev = lex.abbrev
    if word[0] not in abbrev and word[0] not in lex.visit_before and word not in lex.visit_before:
        return False
    if len(word) == 1 or word in lex.visit_before or (len(word) >= 2 and word[1] in abbrev):
        return True  # pairs, lists and visits read the tokens around the word (中美, 中/美, 访/华, 访华)
    if word[0] in abbrev and word[1:] in lex.pair_after and word[0] not in lex.names and word[0] not in lex.pair_vetoes:
        return True  # 韩三国 after 中日
    if word[0] in abbrev and word[1:] in lex.head_after and word not in lex.head_vetoes:
        return True  # 美军
    return len(word) >= 3 and word[0] in lex.visit_before and word[1] in lex.visit_forms and word[2:] in lex.tags


def _after_noun(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> bool:
    """The token starts with a form that is also a localizer, printed right after a common noun (小说中)."""
    token = tokens[i]
    if token.text[0] not in lex.localizers or i == 0 or tokens[i - 1].end != token.start:
        return False
    return word_tag(lex, tokens[i - 1].text) == "n"


def _all_short(lex: PlaceLexicon, word: str) -> bool:
    return len(word) >= 2 and word not in lex.pair_vetoes and all(ch in lex.abbrev for ch in word)


def _pairs_alone(lex: PlaceLexicon, word: str) -> bool:
    """港澳, 中日 (words jieba knows as places or abbreviations), 美日 (unknown, of forms that pair freely).

    Three forms or more in one word are a list whatever jieba's tag (京津冀, 港澳台).
    """
    if len(word) >= 3 or word in lex.pair_words:
        return True
    if len(word) == 2 and word[1] in REGION_DIRECTIONS and word_tag(lex, word) == "ns":
        return False  # 闽西, 苏北, 湘西: a province's form and a direction name one region
    if word in lex.tags:
        return word_tag(lex, word) in PAIR_TAGS
    return all(ch in lex.pair_alone for ch in word)


def _pair_in_context(lex: PlaceLexicon, tokens: Sequence[Token], i: int, pair: str, rest: str) -> bool:
    """中非合作, 中意两国, 中蒙/边界: a pair that is also a word, or one jieba tags otherwise, before a pair word."""
    if pair in lex.pair_vetoes and pair not in lex.pair_context:
        return False
    if rest:
        return rest in lex.pair_context_after
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.start == tokens[i].end and nxt.text in lex.pair_context_after


def _listed(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """中、阿两国: one-character forms listed with 、, the last before a count word in its own token."""
    spans: list[NameSpan] = []
    j = i
    while j + 2 < len(tokens) and len(tokens[j].text) == 1 and tokens[j].text in lex.abbrev:
        if tokens[j + 1].text != "、":
            break
        spans.append(span(tokens[j].start, tokens[j].end, "place/abbrev.pair"))
        j += 2
    last = tokens[j].text if spans and j < len(tokens) else ""
    if last[:1] not in lex.abbrev:
        return None
    if len(last) > 1 and last[1:] in lex.pair_after:
        return [*spans, span(tokens[j].start, tokens[j].start + 1, "place/abbrev.pair")], j + 1
    if len(last) == 1 and j + 1 < len(tokens) and tokens[j + 1].text in lex.pair_context_after:
        return [*spans, span(tokens[j].start, tokens[j].end, "place/abbrev.pair")], j + 1
    return None


def _split_pair(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """Short forms printed as separate words before a pair word: 中/美/关系."""
    j = i
    while j < len(tokens) and len(tokens[j].text) == 1 and tokens[j].text in lex.abbrev:
        if j > i and tokens[j].start != tokens[j - 1].end:
            break
        j += 1
    if j - i < 2:
        return None
    free = all(t.text in lex.pair_alone for t in tokens[i:j]) and not _after_noun(lex, tokens, i)
    if free or (j < len(tokens) and tokens[j].text in lex.pair_context_after):  # 中/美/禁毒合作: forms that pair freely
        return [span(t.start, t.end, "place/abbrev.pair") for t in tokens[i:j]], j
    return None


def _head(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """A short form printed apart from the word it modifies: 俄/总统."""
    token = tokens[i]
    if token.text in lex.head_alone:
        return [span(token.start, token.end, "place/abbrev.head")], i + 1
    if i + 1 < len(tokens) and tokens[i + 1].start == token.end and tokens[i + 1].text in lex.head_after:
        if token.text + tokens[i + 1].text not in lex.head_vetoes:
            return [span(token.start, token.end, "place/abbrev.head")], i + 1
    return None


def _visit(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """访华, 赴美, 抵京: one word jieba knows, or the verb and the short form printed apart."""
    token = tokens[i]
    word = token.text
    if len(word) == 2 and word[0] in lex.visit_before and word[1] in lex.abbrev and word not in lex.visit_vetoes:
        if (
            word_tag(lex, word) in VISIT_TAGS
        ):  # unknown to jieba (访韩, 访意: joined by its HMM) or a verb or name to it
            return [span(token.end - 1, token.end, "place/abbrev.visit")], i + 1
    if len(word) >= 3 and word[0] in lex.visit_before and word[1] in lex.visit_forms and word[2:] in lex.tags:
        if word[:2] not in lex.visit_vetoes:  # 对华政策, 驻华大使, 来华访问: jieba joined the visit and a word
            return [span(token.start + 1, token.start + 2, "place/abbrev.visit")], i + 1
    if word in lex.visit_before and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.start == token.end and nxt.text in lex.visit_forms and word + nxt.text not in lex.visit_vetoes:
            return [span(nxt.start, nxt.end, "place/abbrev.visit")], i + 2
    return None


def _jieba_place(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """A word jieba's dictionary tags ``ns``: weak evidence, kept unless ``place/veto.common`` lists it."""
    token = tokens[i]
    word = token.text
    tail = lex.jieba_tails.get(word)
    if tail is None:
        tail = remember(lex.jieba_tails, word, _jieba_tail(lex, word))
    if tail < 0:
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.start == token.end and len(nxt.text) == 1 and word_tag(lex, nxt.text) in BOUND_TAGS:
        return None  # 比亚/庇: the word is the head of a longer name jieba cut (比亚庇)
    if tail:
        return [span(token.start, token.end - tail, "place/jieba.ns")], i + 1
    if _person_cued(tokens, i) or _dotted(tokens, i):
        return None  # 国务委员罗干, 巴拉克表示, 瑞斯·维瑟斯彭: jieba's dictionary tags some names ns
    return [span(token.start, token.end, "place/jieba.ns")], i + 1


def _jieba_tail(lex: PlaceLexicon, word: str) -> int:
    """What ``_jieba_place`` may make of a word by its own tests (memoized in ``lex.jieba_tails``): -1 no place,
    0 the whole word, else the length of the generic tail after the place it names (亚洲各国 -> 亚洲)."""
    if len(word) < 2 or word_tag(lex, word) != "ns" or word in lex.vetoes:
        return -1
    if any(word.endswith(x) and word[: -len(x)] in lex.vetoes for x in lex.division_suffixes):
        return -1  # 沿海地区, 边疆地区: a common word and a division word
    for tail in lex.generic_after:  # 亚洲各国 (one ns word of jieba's): the place is its head
        if word.endswith(tail) and word[: -len(tail)] in lex.names:
            return len(tail)
    if len(word) == 4 and _common(lex, word[:2]) and _common(lex, word[2:]) and word[2:] not in lex.closers:
        return -1  # 加大力度, 热爱祖国, 深山老林: two common words (not 琉球群岛, 天府广场)
    return 0


def _person_cued(tokens: Sequence[Token], i: int) -> bool:
    """A title right before the word (the person finder's, ``person_cues.toml``) or a verb of saying
    right after it: what jieba's ``ns`` tag alone names there is a person."""
    titles, speech = _person_cues()
    before = tokens[i - 1] if i > 0 and tokens[i - 1].end == tokens[i].start else None
    after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end else None
    return (before is not None and before.text in titles) or (after is not None and after.text in speech)


def _dotted(tokens: Sequence[Token], i: int) -> bool:
    """The word touches a middle dot: it is part of a dotted foreign name (瑞斯·维瑟斯彭), no place."""
    before = i > 0 and tokens[i - 1].end == tokens[i].start and tokens[i - 1].text.endswith("·")
    after = i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end and tokens[i + 1].text.startswith("·")
    return before or after


@cache
def _person_cues() -> tuple[frozenset[str], frozenset[str]]:
    """The titles of the person finder's cue table, and the verbs of saying (``shared/speech_verb``)."""
    from ..rules import part_surfaces
    from .person_lexicon import table_rows

    titles = frozenset(s for row in table_rows("person_cues.toml", "title") for s in row["surfaces"])
    return titles, frozenset(part_surfaces("speech_verb"))


def _common(lex: PlaceLexicon, word: str) -> bool:
    """A word jieba knows with a tag that is no name's."""
    tag = word_tag(lex, word)
    return bool(tag) and tag not in NAME_TAGS


VISIT_TAGS = frozenset({"", "v", "vn", "j", "ns", "nz"})
"""jieba's tags of a two-character word of a visit verb and a short form that is a visit (访华 v, 对华 nz, 访韩 none)."""

BOUND_TAGS = frozenset({"vg", "ag", "tg", "dg", "rg", "mg", "yg"})
"""jieba's tags of a character that is no word of its own (庇 vg): one printed right after a place word of jieba's
is the rest of a longer name it cut."""
