"""Places named with a division or feature word: 曲麻莱县, 巴达赫尚省, 恒山, 猴魁岛, 下叔村."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ..tokenize import Token
from .memo import remember
from .place_gazetteer import NAME_TAGS, PlaceLexicon, SuffixPlan
from .place_spans import Found, span, word_tag


def suffixed_name(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """A name jieba does not know that ends in a division word (曲麻莱县), or a name and a feature word (恒/山)."""
    token = tokens[i]
    word = token.text
    plan = lex.plans.get(word)
    if plan is None:
        plan = remember(lex.plans, word, _word_plan(lex, word))
    if plan.settlement:
        return [span(token.start, token.end, "place/settlement")], i + 1
    if plan.foreign:
        foreign = _foreign_division(lex, tokens, i)
        if foreign is not None:
            return foreign
    if plan.whole:
        return [span(token.start, token.end, plan.whole)], i + 1
    if plan.feature and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        feature = nxt.text
        if feature[-1] in lex.feature_localizers and feature[:-1] in lex.feature_suffixes:
            feature = feature[:-1]  # 摩顿/岛上: jieba joined the feature word and a localizer
        joined = word + feature
        if nxt.start == token.end and feature in lex.feature_suffixes and joined not in lex.feature_vetoes:
            if word_tag(lex, joined) in {"", "ns"} and joined not in lex.vetoes:
                return [span(token.start, nxt.start + len(feature), "place/feature")], i + 2
    return None


NO_PLAN = SuffixPlan(False, False, "", False)


def word_plan(lex: PlaceLexicon, word: str) -> SuffixPlan:
    """What ``suffixed_name`` may find at a token of ``word`` (``NO_PLAN``: nothing), memoized in ``lex.plans``."""
    plan = lex.plans.get(word)
    return remember(lex.plans, word, _word_plan(lex, word)) if plan is None else plan


def _word_plan(lex: PlaceLexicon, word: str) -> SuffixPlan:
    if word in lex.vetoes:
        return NO_PLAN
    tag = word_tag(lex, word)
    if _settlement(lex, word, tag):
        return SuffixPlan(True, False, "", False)
    chars, _ = _foreign_rows()
    foreign = all(ch in chars for ch in word) and (not tag or tag in NAME_TAGS)
    whole = ""
    if not tag and len(word) >= 3 and word.isalpha():
        for suffix in lex.division_suffixes:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2 and stem not in lex.division_vetoes:
                if word_tag(lex, stem) in NAME_TAGS or not word_tag(lex, stem):
                    whole = "place/division.suffix"
                    break
        if not whole and _joined_feature(lex, word):
            whole = "place/feature.joined"
    feature = (not tag or tag in FEATURE_STEM_TAGS) and len(word) >= 2 and word.isalpha()
    return SuffixPlan(False, foreign, whole, feature)


def _joined_feature(lex: PlaceLexicon, word: str) -> bool:
    """猴魁岛, 广福路: a word jieba does not know, of a name and a feature word its model joined (the name no
    common word)."""
    for suffix in lex.joined_features:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and word not in lex.feature_vetoes:
            if word_tag(lex, stem[0]) in FUNCTION_TAGS or len(stem) > 3:
                return False  # 为喀/岛: a preposition its model glued to the name
            if len(stem) == 2 and stem[0] in lex.top_surnames:
                return False  # 张之路: a person's name of a common surname and two characters
            return not word_tag(lex, stem) or word_tag(lex, stem) in NAME_TAGS
    return False


def _foreign_division(lex: PlaceLexicon, tokens: Sequence[Token], i: int) -> Found:
    """巴达赫尚/省, 塔科马/市, 贾拉拉巴德/州: a transliterated name of three or more characters (every character one
    that transliterations use, each token unknown to jieba or a name to it) and a division word printed apart."""
    foreign = _foreign_rows()
    chars, suffixes = foreign
    stem, j = "", i
    while j < len(tokens) and (j == i or tokens[j].start == tokens[j - 1].end):
        word = tokens[j].text
        if not all(ch in chars for ch in word) or (word_tag(lex, word) and word_tag(lex, word) not in NAME_TAGS):
            break
        stem += word
        j += 1
    if len(stem) < 3 or len(stem) > 8 or j >= len(tokens) or stem in lex.vetoes:
        return None
    nxt = tokens[j]
    if nxt.start == tokens[j - 1].end and nxt.text in suffixes:
        return [span(tokens[i].start, nxt.end, "place/division.foreign")], j + 1
    return None


@cache
def _foreign_rows() -> tuple[frozenset[str], frozenset[str]]:
    """The transliteration characters (``person_translit.toml``) and the division words of ``place/division.foreign``."""
    from .person_lexicon import table_rows
    from .place_gazetteer import _row

    chars = frozenset(ch for row in table_rows("person_translit.toml", "translit") for ch in row.get("chars", ""))
    return chars, frozenset(_row("division", "place/division.foreign").surfaces)


def _settlement(lex: PlaceLexicon, word: str, tag: str) -> bool:
    """下叔村, 陇穷村, 红庙李村: a village, town or township word of a name jieba does not know and 村, 镇, 乡 ...
    (jieba may tag the word n; not 度假村, 贫困村, 特色镇: their first part is a common word)."""
    if len(word) not in (3, 4) or word[-1] not in lex.settlement_suffixes or word in lex.feature_vetoes:
        return False
    stem = word[:-1]
    stem_tag = word_tag(lex, stem)
    return tag in SETTLEMENT_TAGS and (not stem_tag or stem_tag in NAME_TAGS) and stem not in lex.division_vetoes


FEATURE_STEM_TAGS = frozenset({"ns", "nr", "nrt", "nz"})
"""jieba's tags of a known word that may name a place before a feature word (香格里拉 nrt + 岛)."""

FUNCTION_TAGS = frozenset({"p", "c", "u", "r", "d", "f"})
"""jieba's tags of a function character, which starts no name."""

SETTLEMENT_TAGS = frozenset({"", "n", "nr", "nz"})
"""jieba's tags of a settlement's word that may still be a name (jieba tags many village words n; its ns words are
left to place/jieba.ns)."""
