"""The place lexicon: gazetteers, short forms, context words and vetoes, built once.

Sources, each named in its data file: China's divisions (GB/T 2260 code lists,
``data/place_divisions.txt``), countries, regions and cities from CLDR
(``data/place_world.txt``), the world's cities from GeoNames
(``data/place_cities.txt``), the rows of ``data/place_rules.toml``, and jieba's
dictionary words tagged ``ns`` as weak evidence (vetoed by ``place/veto.common``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, NamedTuple

from .place_rows import load_gazetteer_lines, rows_of, surfaces_of
from .word_tags import WordTags

RULES = "place_rules.toml"

# jieba tags of words that are places or names; a short form jieba knows with
# another tag (前进 v, 光明 n) is a common word.
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"})


class SuffixPlan(NamedTuple):
    """What ``place_suffixed.suffixed_name`` may find at a word, by the word's own tests (``PlaceLexicon.plans``)."""

    settlement: bool  # the word is a settlement's name (下叔村)
    foreign: bool  # the word may start a transliterated name before a division word (巴达赫尚/省)
    whole: str  # the rule of a name that is the word alone (曲麻莱县, 猴魁岛), "" when none
    feature: bool  # the word may be a name before a feature word (恒/山)


@dataclass(frozen=True)
class PlaceLexicon:
    names: dict[str, str]  # surface -> rule id, every gazetteer name
    jieba_places: frozenset[str]  # jieba's ns words of two characters or more, less the vetoed (lexicon.load_places)
    prefixes: frozenset[str]  # every proper prefix of a name, for token-by-token matching
    max_len: int
    vetoes: frozenset[str]
    abbrev: dict[str, str]  # one-character form -> rule id
    pair_after: frozenset[str]
    pair_alone: frozenset[str]  # forms that pair in a word jieba does not know
    pair_vetoes: frozenset[str]
    pair_context: frozenset[str]  # pairs that are also a word (中非, 中意): a pair only before a pair word
    pair_words: frozenset[str]  # two forms that are a pair wherever they stand (黄淮)
    localizers: frozenset[str]  # forms that are also localizers after a noun (小说中)
    name_rests: frozenset[str]  # one character after a name in its word: 法国人, 中国式
    pair_context_after: frozenset[str]  # the pair words, with those of printed-apart forms (三个, 首脑会晤)
    visit_before: frozenset[str]
    visit_forms: frozenset[str]
    visit_vetoes: frozenset[str]
    head_after: frozenset[str]
    head_vetoes: frozenset[str]
    head_alone: frozenset[str]  # forms that are places as a word of their own (俄)
    generic_after: frozenset[str]  # 政府, 公司: after a country, a word for its organs or firms in general
    countries: frozenset[str]  # CLDR country names and the one-character country forms
    above_cities: frozenset[str]  # provinces (full and short names), countries and world regions
    division_suffixes: tuple[str, ...]  # longest first
    division_vetoes: frozenset[str]
    feature_suffixes: frozenset[str]
    feature_vetoes: frozenset[str]
    feature_localizers: frozenset[str]  # 上, 边 ...: jieba may join one to the feature word (岛上)
    joined_features: tuple[str, ...]  # feature words that close a name in one unknown word (猴魁岛)
    top_surnames: frozenset[str]  # the hundred commonest surnames (person_surnames.toml): 张之路 is a person
    settlement_suffixes: frozenset[str]  # 村, 镇, 乡 ...: a three-character word ending in one may be a settlement
    tags: WordTags  # jieba's dictionary
    # The fast path of the walk: a word jieba knows, not in `triggers`, whose
    # first character is not in `trigger_chars` and that no suffix word follows,
    # can start no place (most words of a text).
    triggers: frozenset[str]
    trigger_chars: frozenset[str]
    closers: frozenset[str]  # division and feature words
    # Memos of the word tests, bounded by ``memo.WORD_MEMO`` (their values read this lexicon: they are kept in it).
    word_kinds: dict[str, int] = field(default_factory=dict)  # word -> fast-path kind (place_names), memoized
    plans: dict[str, SuffixPlan] = field(default_factory=dict)  # word -> what place_suffixed may find at it
    jieba_tails: dict[str, int] = field(default_factory=dict)  # word -> what place/jieba.ns makes of it (place_names)


def _row(section: str, rid: str):  # type: ignore[no-untyped-def]
    return next(r for r in rows_of(RULES, section) if r.id == rid)


def short_form(name: str, suffixes: tuple[str, ...], ethnic_re: re.Pattern[str]) -> str:
    """湖南省 -> 湖南, 新疆维吾尔自治区 -> 新疆, 延边朝鲜族自治州 -> 延边; the name itself when nothing is stripped."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = ethnic_re.sub("", stem)
            return stem
    return name


def _division_names(
    suffixes: tuple[str, ...], vetoes: frozenset[str], tags: dict[str, tuple[str, int]]
) -> tuple[dict[str, str], set[str]]:
    """The division names and short forms by rule id, and the province-level ones among them."""
    ethnic = sorted(surfaces_of(RULES, "ethnic"), key=len, reverse=True)
    ethnic_re = re.compile("(?:(?:" + "|".join(map(re.escape, ethnic)) + ")族?)+$")
    names: dict[str, str] = {}
    provinces: set[str] = set()
    for name, level, *_ in load_gazetteer_lines("place_divisions.txt"):
        names[name] = "place/division.gbt2260"
        short = short_form(name, suffixes, ethnic_re)
        if level == "province":  # 内蒙古自治区, 内蒙古 (its short form strips 蒙古 as an ethnic name)
            provinces |= {name, short, short_form(name, suffixes, re.compile("$^"))}
        if len(short) < 2 or short == name or short in vetoes:
            continue
        tag = tags.get(short, ("", 0))[0]
        # A county's short form is a place only when jieba does not know it as
        # a common word; provinces and prefectures are known by their short forms.
        if level == "county" and tag not in {"", "ns"}:
            continue
        names.setdefault(short, "place/division.short")
    return names, provinces


def _world_names(tags: dict[str, tuple[str, int]]) -> dict[str, str]:
    names = {}
    for name, kind, *_ in load_gazetteer_lines("place_world.txt"):
        tag = tags.get(name, ("", 0))[0]
        if kind == "city" and tag and tag not in NAME_TAGS:
            continue  # 万象 (Vientiane) is also "everything"
        names[name] = f"place/cldr.{kind}"
    return names


PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
BIG_CITY = 500_000
"""A GeoNames city whose name jieba knows as a person's is a place only when it is a capital or this large."""


def _city_names(tags: dict[str, tuple[str, int]]) -> dict[str, str]:
    """GeoNames' cities by their transliterated Chinese names: every character one that transliterations use
    (person_translit.toml; not Japanese or traditional forms), no common word's tag, two characters only for a
    word jieba tags ``ns``; a name jieba tags as a person's (杰克逊, 麦迪逊) only for a capital or a big city
    (伯尔尼, 慕尼黑)."""
    from .person_lexicon import table_rows

    chars = frozenset(ch for row in table_rows("person_translit.toml", "translit") for ch in row.get("chars", ""))
    names = {}
    for name, _country, population, kind, *_ in load_gazetteer_lines("place_cities.txt"):
        tag = tags.get(name, ("", 0))[0]
        if (tag and tag not in NAME_TAGS) or (len(name) < 3 and tag != "ns") or not set(name) <= chars:
            continue
        if tag in PERSON_TAGS and kind != "capital" and int(population) < BIG_CITY:
            continue
        names[name] = "place/geonames.city"
    return names


def _top_surnames() -> frozenset[str]:
    from .person_lexicon import load_surnames

    return frozenset(s for s, (rid, _) in load_surnames().items() if rid == "person/surname.top100")


@cache
def load_place_lexicon() -> PlaceLexicon:
    """Every table of the place finder, built on first use (about 0.7 s: it reads all of jieba's
    dictionary) and kept for the process and, without the dictionary itself, between processes."""
    from ..disk_cache import disk_cached
    from .lexicon import jieba_entries, load_jieba_tags

    tags = load_jieba_tags()
    # Kept as a dict of its fields: a compiled build (mypyc) makes PlaceLexicon a native class that
    # pickle cannot restore (its frozen attributes refuse the assignments), so every start rebuilt it.
    kept = disk_cached("places", lambda: _fields(_build_place_lexicon(jieba_entries())), __file__)
    return PlaceLexicon(**{**kept, "tags": tags})


def _fields(lexicon: PlaceLexicon) -> dict[str, Any]:
    return {f.name: getattr(lexicon, f.name) for f in fields(lexicon) if f.name != "tags"}


def _gazetteer_names(
    suffixes: tuple[str, ...], division_vetoes: frozenset[str], vetoes: frozenset[str], tags: dict[str, tuple[str, int]]
) -> tuple[dict[str, str], set[str]]:
    """Every gazetteer name and the id of the row that lists it (China's divisions first, then CLDR's
    names, GeoNames' cities, the table's own names; vetoed words out), and the provinces."""
    names, provinces = _division_names(suffixes, division_vetoes, tags)
    for name, rid in _world_names(tags).items():
        names.setdefault(name, rid)
    for name, rid in _city_names(tags).items():
        names.setdefault(name, rid)
    for row in rows_of(RULES, "name"):
        for surface in row.surfaces:
            names.setdefault(surface, row.id)
    for surface in vetoes:
        names.pop(surface, None)
    return names, provinces


def _build_place_lexicon(tags: dict[str, tuple[str, int]]) -> PlaceLexicon:
    division = _row("division", "place/division.gazetteer")
    suffixes = tuple(sorted(division.surfaces, key=len, reverse=True))
    vetoes = surfaces_of(RULES, "veto")
    names, provinces = _gazetteer_names(suffixes, frozenset(division.vetoes), vetoes, tags)
    prefixes = frozenset(n[:k] for n in names for k in range(1, len(n)))
    abbrev = {s: row.id for row in rows_of(RULES, "abbrev") for s in row.surfaces}
    context = _row("pair", "place/abbrev.pair_in_context")
    pair, visit, head = (
        _row("pair", "place/abbrev.pair"),
        _row("visit", "place/abbrev.visit"),
        _row("head", "place/abbrev.head"),
    )
    feature = _row("feature", "place/feature")
    jieba_places = {w for w, (t, _) in tags.items() if t == "ns"}
    settlement = _row("settlement", "place/settlement")
    settled = {w for w in tags if len(w) in (3, 4) and w[-1] in settlement.surfaces}
    triggers = frozenset(names) | prefixes | frozenset(visit.before) | jieba_places | settled
    trigger_chars = frozenset(abbrev) | {v[0] for v in visit.before}
    return PlaceLexicon(
        names=names,
        jieba_places=frozenset(w for w in jieba_places if len(w) >= 2 and w not in vetoes),
        prefixes=prefixes,
        max_len=max(map(len, names)),
        vetoes=vetoes,
        abbrev=abbrev,
        pair_after=frozenset(pair.after),
        pair_alone=frozenset(pair.surfaces),
        pair_vetoes=frozenset(pair.vetoes),
        pair_context=frozenset(context.surfaces),
        pair_context_after=frozenset(pair.after) | frozenset(context.after),
        pair_words=frozenset(_row("pair", "place/abbrev.pair_word").surfaces),
        localizers=frozenset(_row("pair", "place/abbrev.pair_localizer").surfaces),
        name_rests=frozenset(_row("head", "place/name.head").after),
        visit_before=frozenset(visit.before),
        visit_forms=frozenset(visit.surfaces),
        visit_vetoes=frozenset(visit.vetoes),
        head_after=frozenset(head.after),
        head_vetoes=frozenset(head.vetoes),
        head_alone=frozenset(head.surfaces),
        generic_after=frozenset(_row("generic", "place/country.generic").after),
        countries=frozenset(n for n, rid in names.items() if rid == "place/cldr.country")
        | frozenset(s for s, rid in abbrev.items() if rid == "place/abbrev.country"),
        above_cities=frozenset(provinces)
        | frozenset(n for n, rid in names.items() if rid.startswith(("place/cldr.country", "place/cldr.region"))),
        division_suffixes=suffixes,
        division_vetoes=frozenset(division.vetoes),
        feature_suffixes=frozenset(feature.surfaces),
        feature_vetoes=frozenset(feature.vetoes) | frozenset(settlement.vetoes),
        feature_localizers=frozenset(feature.after),
        joined_features=tuple(sorted(_row("feature", "place/feature.joined").surfaces, key=len, reverse=True)),
        top_surnames=_top_surnames(),
        settlement_suffixes=frozenset(settlement.surfaces),
        tags=WordTags(("", b"", [])),  # jieba's dictionary is put in by load_place_lexicon
        triggers=triggers,
        trigger_chars=trigger_chars,
        closers=frozenset(suffixes) | frozenset(feature.surfaces),
    )
