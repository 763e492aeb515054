"""Lexicon of the person-name finder: its tables and the given-name model, loaded once.

The tables are the package's data files ``data/person_*.toml`` (surnames,
cue words, transliteration characters, vetoes; sources and licences in their
headers).  The given-name model is computed here from jieba's own dictionary,
never pasted into code: of the dictionary's person entries (tag ``nr``) that
start with a surname of the table, how often each character appears in the
given name, against how often it appears in the dictionary's ordinary words.
A character that names favour (华, 明, 秀) scores high, one that ordinary words
favour (的, 用, 副) low.  Everything loads on first use (``functools.cache``)
and nothing imports jieba: the dictionary is read through ``lexicon.load_jieba_tags``
(and, to build the model, ``lexicon.jieba_entries``), imported inside the function.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from ..rule_schema import PersonCueTable, PersonSurnameTable, PersonTranslitTable, PersonVetoTable, Table
from ..rules import load_table
from .memo import remember
from .surfaces import sizes_by
from .word_tags import WordTags

DATA_FILES = tuple(table.FILE for table in (PersonSurnameTable, PersonCueTable, PersonTranslitTable, PersonVetoTable))
"""The data files of the person-name finder, in ``extract/data``."""

NAME_TAGS = frozenset({"nr", "nrfg"})
"""jieba's tags of Chinese person names (``nrt`` is mostly transliterations)."""

CLIP = 3.0
"""Bound of a character's given-name score: one character never decides alone."""

CONTENT_TAGS = frozenset({"n", "ns", "nt", "nz", "v", "vn", "a", "an", "i", "l", "s", "ad", "d", "c", "p", "r"})
"""jieba tags of words that are not names: a candidate that is such a word is (almost) never one."""

PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
"""jieba's tags of person names, Chinese and transliterated."""

COMMON = 20
"""Dictionary frequency from which a word starting with a surname is read as that word, never a name
(jieba lists many rarer compounds that glue a surname to a given name: 石粉 in 石粉兰, 金志 in 金志贤)."""

FUNCTION_WORD = 10_000
"""Dictionary frequency from which a one-character word is read as that word: 和 (c), 都 (d), 向 (p)."""

# Flags of a token (PersonLexicon.word_flags): which candidates the walk tries there.
CHINESE = 1  # a Chinese name may start at the token (or inside it, for an unknown word)
COMPOUND = 2  # a dictionary word made of a known name and a suffix: 邓小平理论
FOREIGN = 4  # the token may be part of a transliterated name
BARE = 8  # a surname alone, or glued to a title: 王 (部长), 郑先生
DOT = 16  # a middle dot
JAPANESE = 32  # a Japanese surname starts the token: 桥本 (龙太郎), 谷口 (清太郎)

FREQUENT_SURNAME = 2.0
"""Weight of the surname band (the hundred most frequent) that starts a name even where it is a frequent word too."""

UNSEEN = -0.5
"""Score of a character found in neither names nor words of the dictionary (rare, or not Chinese)."""


@dataclass(frozen=True)
class Cue:
    """A context word: the row it comes from, its weight, whether it follows a bare surname, and
    the characters that may not come right after it there (刘家 is a family, 刘家村 a village)."""

    rule: str
    weight: float
    bare_surname: bool = False
    not_before: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PersonLexicon:
    surnames: dict[str, tuple[str, float]]  # surname -> (rule id, weight), single and compound
    given_first: dict[str, float]  # char -> score as the first of two given-name characters
    given_last: dict[str, float]  # char -> score as the last (or only) given-name character
    given_default: float  # score of a character seen in neither names nor words (UNSEEN)
    before: dict[str, Cue]  # words printed before a name: titles, reporters, leads
    after: dict[str, Cue]  # words printed after a name: titles, honorifics, speech verbs, credits
    credits: dict[str, Cue]  # words cut off after a name: 摄, /摄, 报道
    separators: frozenset[str]  # list separators: 、 和 与
    translit: dict[str, float]  # transliteration character -> weight
    dots: frozenset[str]  # middle dots joining the parts of a name
    dot_weight: float  # evidence a middle dot between two name parts gives
    tail_veto: frozenset[str]  # characters that never end a given name
    place_tail: frozenset[str]  # characters that end place names (村, 镇, 堡): never a given name's, even in one word
    start_veto: frozenset[str]  # characters that never start a given name
    word_veto: frozenset[str]  # words shaped like names that are not
    place_after: frozenset[str]  # words after a candidate that make it a place or organization
    team_before: frozenset[str]  # words right before a transliteration that make it a sports team (战胜, vs)
    team_after: frozenset[str]  # words right after a transliteration that make it a sports team (主场, vs)
    place_before: frozenset[str]  # words right before a transliteration that make it a place (在, 前往)
    suffixes: dict[str, Cue]  # words glued to a famous name in one dictionary word: 理论 (邓小平理论)
    max_cue: int  # length of the longest cue surface
    before_sizes: dict[str, tuple[int, ...]]  # last character -> lengths of the cue words before a name it ends
    after_sizes: dict[str, tuple[int, ...]]  # first character -> lengths of the cue and place words after a name
    tags: WordTags  # jieba's dictionary: word -> (tag, frequency)
    flags: dict[str, int] = field(default_factory=dict)  # word -> what it can be part of (word_flags), memoized
    japanese: dict[str, tuple[str, float]] = field(default_factory=dict)  # Japanese surname -> (rule id, weight)
    numerals: frozenset[str] = frozenset()  # numerals: a surname-shaped word after one is a measure word (三张)
    determiners: frozenset[str] = frozenset()  # words before a measure word as numerals are (这位, 有位)
    hyphens: frozenset[str] = frozenset()  # hyphens joining the parts of a foreign name: 汤姆-克鲁斯
    hyphen_weight: float = 0.0  # evidence a hyphen between two transliterated parts gives
    team_tails: frozenset[str] = frozenset()  # last characters of the team words before a name (战胜, vs)
    team_heads: frozenset[str] = frozenset()  # first characters of the team words after a name (主场, 队)
    speech: dict[str, Cue] = field(default_factory=dict)  # speech verbs, which may follow an adverb (也说)
    adverbs: dict[str, Cue] = field(default_factory=dict)  # adverbs between a speaker and the verb: 也, 还
    adverb_heads: frozenset[str] = frozenset()  # first characters of the adverbs
    eponyms: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = field(default_factory=dict)
    """Cup or prize word -> (rule id, the persons' offsets in it): 汤尤杯 -> ((0, 1), (1, 2))."""
    eponym_re: re.Pattern[str] | None = None  # the eponyms' words, longest first
    # words of league tables and betting anywhere in the sentence (联赛, 赔率): one search of a sentence
    team_clause_re: re.Pattern[str] | None = None

    def given_score(self, given: str) -> float:
        """The given-name model's score of one or two characters (the last, and the first of two)."""
        score = self.given_last.get(given[-1], self.given_default)
        if len(given) == 2:
            score += self.given_first.get(given[0], self.given_default)
        return score

    def after_numeral(self, text: str, pos: int) -> bool:
        """The reading before ``pos`` ends with a numeral (a digit, 三, 两), spaces and line breaks aside."""
        i = pos - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        return i >= 0 and (text[i].isdigit() or text[i] in self.numerals)

    def cue_before(self, text: str, start: int) -> tuple[int, Cue] | None:
        """The longest cue word (``before``) that ends at ``start``, with its length, else None."""
        sizes = self.before_sizes.get(text[start - 1]) if start else None
        if sizes is None:
            return None  # no cue word ends with the character before: most places are read without a slice
        for size in sizes:
            cue = self.before.get(text[start - size : start]) if size <= start else None
            if cue is not None:
                return size, cue
        return None

    def word_flags(self, word: str) -> int:
        """What a token can start or be part of (``CHINESE | FOREIGN | ...``), computed once per word."""
        flags = self.flags.get(word)
        if flags is None:
            flags = remember(self.flags, word, _classify(self, word))
        return flags


PERSON_TABLES: dict[str, type[Table]] = {
    PersonSurnameTable.FILE: PersonSurnameTable,
    PersonCueTable.FILE: PersonCueTable,
    PersonTranslitTable.FILE: PersonTranslitTable,
    PersonVetoTable.FILE: PersonVetoTable,
}


@cache
def load_person_table(name: str) -> dict[str, Any]:
    """The rows of ``extract/data/<name>`` by section, validated by the rule schema (``rules.load_table``),
    as the keys the file sets (a row without ``chars`` has no ``chars`` key).

    Read off the models' fields: ``model_dump`` would build each table's serializer first (the
    models are built on first use, ``defer_build``), about 5 ms a table at every start."""
    table = load_table(PERSON_TABLES[name])
    sections = type(table).model_fields
    return {sections[n].alias or n: [_file_keys(row) for row in getattr(table, n)] for n in sections}


def _file_keys(row: Any) -> dict[str, Any]:
    """A row as the keys its file sets (nested models, such as examples, are left as they are)."""
    fields = type(row).model_fields
    return {fields[n].alias or n: getattr(row, n) for n in fields if n in row.model_fields_set}


def table_rows(name: str, table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` in the data file ``name``."""
    return list(load_person_table(name).get(table, []))


def _chars(row: dict[str, Any]) -> list[str]:
    return [ch for ch in row.get("chars", "") if not ch.isspace()]


def load_surnames(*, japanese: bool = False) -> dict[str, tuple[str, float]]:
    """Surname -> (rule id, weight) from ``person_surnames.toml``: the Chinese rows, or the Japanese ones."""
    surnames: dict[str, tuple[str, float]] = {}
    for row in table_rows("person_surnames.toml", "surname"):
        if bool(row.get("japanese", False)) != japanese:
            continue
        for surname in _chars(row) + list(row.get("surfaces", [])):
            surnames[surname] = (row["id"], float(row["weight"]))
    return surnames


def _cues(table: str, *, default_bare: bool = False) -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    for row in table_rows("person_cues.toml", table):
        cue = Cue(row["id"], float(row["weight"]), bool(row.get("bare_surname", default_bare)))
        for surface in row["surfaces"]:
            cues.setdefault(surface, cue)
    return cues


FAMILY_ROW = "person/honorific.family"
"""The cue row of 家 after a surname (刘家), which the characters of ``person/veto.family_place`` may not follow."""


def _veto(row_id: str) -> dict[str, Any]:
    return next(row for row in table_rows("person_vetoes.toml", "veto") if row["id"] == row_id)


def given_name_scores(
    tags: dict[str, tuple[str, int]], surnames: dict[str, tuple[str, float]]
) -> tuple[dict[str, float], dict[str, float], float]:
    """Log-odds of each character in given names against ordinary words (first, last, unseen).

    Names: the dictionary's ``nr`` entries made of a surname of the table and
    one or two characters.  Words: every other entry, each counted by the
    logarithm of its frequency, so that frequent function words weigh more
    than rare idioms.  Add-one smoothing; scores are clipped to ``CLIP``.
    """
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    words: dict[str, float] = {}
    for word, (tag, freq) in tags.items():
        if tag in NAME_TAGS:
            surname = word[:2] if word[:2] in surnames else word[:1] if word[:1] in surnames else ""
            given = word[len(surname) :]
            if surname and 1 <= len(given) <= 2:
                last[given[-1]] += 1
                if len(given) == 2:
                    first[given[0]] += 1
        elif tag != "nrt":
            weight = math.log(freq + 1.0)
            for ch in set(word):
                words[ch] = words.get(ch, 0.0) + weight
    n_words = sum(words.values())

    def odds(counts: Counter[str]) -> tuple[dict[str, float], float]:
        total = sum(counts.values())
        scores = {}
        for ch in set(counts) | set(words):
            value = math.log((counts[ch] + 1.0) / total) - math.log((words.get(ch, 0.0) + 1.0) / n_words)
            scores[ch] = max(-CLIP, min(CLIP, value))
        return scores, math.log(1.0 / total) - math.log(1.0 / n_words)

    first_scores, _ = odds(first)
    last_scores, _ = odds(last)
    return first_scores, last_scores, UNSEEN


@cache
def load_person_lexicon() -> PersonLexicon:
    """The finder's tables and model, built on first use (about 0.3 s with jieba's cached dictionary)."""
    from ..disk_cache import disk_cached
    from .lexicon import jieba_entries, load_jieba_tags  # jieba's dictionary, read on first use only

    tags = load_jieba_tags()
    surnames = load_surnames()
    # The model reads all of jieba's dictionary (about 1.3 s): kept between processes.
    given_first, given_last, unseen = disk_cached(
        "given-names", lambda: given_name_scores(jieba_entries(), surnames), __file__
    )
    titles = _cues("title")
    before = {**_cues("lead"), **_cues("reporter"), **titles}
    credits = _cues("credit")
    after = {**_cues("speech"), **titles, **_cues("honorific", default_bare=True), **credits}
    family_place = frozenset(_chars(_veto("person/veto.family_place")))  # 刘家村 is a village
    after = {w: replace(c, not_before=family_place) if c.rule == FAMILY_ROW else c for w, c in after.items()}
    translit, (dots, dot_weight), (hyphens, hyphen_weight) = _translit_tables()
    place_after = frozenset(_veto("person/veto.place_after")["surfaces"])
    words = set(_veto("person/veto.word")["surfaces"]) | set(_veto("person/veto.translit")["surfaces"])
    team_clause = tuple(_veto("person/veto.team_clause")["surfaces"])
    return PersonLexicon(
        surnames=surnames,
        given_first=given_first,
        given_last=given_last,
        given_default=unseen,
        before=before,
        after=after,
        credits=credits,
        separators=frozenset(s for row in table_rows("person_cues.toml", "list") for s in row["surfaces"]),
        translit=translit,
        dots=dots,
        dot_weight=dot_weight,
        tail_veto=frozenset(_chars(_veto("person/veto.tail")) + _chars(_veto("person/veto.place_tail"))),
        place_tail=frozenset(_chars(_veto("person/veto.place_tail"))),
        start_veto=frozenset(_chars(_veto("person/veto.given_start"))),
        word_veto=frozenset(words),
        place_after=place_after,
        team_before=frozenset(_veto("person/veto.team_context")["before"]),
        team_after=frozenset(_veto("person/veto.team_context")["after"]),
        team_clause_re=re.compile("|".join(map(re.escape, team_clause))) if team_clause else None,
        place_before=frozenset(_veto("person/veto.place_before")["surfaces"]),
        suffixes=_cues("suffix"),
        max_cue=max(len(s) for s in (*before, *after)),
        before_sizes=sizes_by(before, -1),
        after_sizes=sizes_by((*after, *place_after), 0),
        tags=tags,
        japanese=load_surnames(japanese=True),
        numerals=frozenset(_chars(_veto("person/veto.measure_before"))),
        determiners=frozenset(_chars(_veto("person/veto.determiner"))),
        hyphens=hyphens,
        hyphen_weight=hyphen_weight,
        team_tails=frozenset(w[-1] for w in _veto("person/veto.team_context")["before"]),
        team_heads=frozenset(w[0] for w in _veto("person/veto.team_context")["after"]),
        speech=_cues("speech"),
        adverbs=_cues("adverb"),
        adverb_heads=frozenset(w[0] for w in _cues("adverb")),
        eponyms=(eponyms := _eponyms()),
        eponym_re=re.compile("|".join(map(re.escape, sorted(eponyms, key=len, reverse=True)))) if eponyms else None,
    )


def _translit_tables() -> tuple[dict[str, float], tuple[frozenset[str], float], tuple[frozenset[str], float]]:
    """The transliteration characters and their weight; the characters around a middle dot and a hyphen
    (``.dotted``, ``.hyphen`` rows), each set with its weight."""
    translit: dict[str, float] = {}
    marks: dict[str, tuple[frozenset[str], float]] = {".dotted": (frozenset(), 0.0), ".hyphen": (frozenset(), 0.0)}
    for row in table_rows("person_translit.toml", "translit"):
        kind = next((k for k in marks if row["id"].endswith(k)), None)
        if kind is not None:
            marks[kind] = (marks[kind][0] | frozenset(_chars(row)), float(row["weight"]))
        else:
            for ch in _chars(row):
                translit.setdefault(ch, float(row["weight"]))
    return translit, marks[".dotted"], marks[".hyphen"]


def _eponyms() -> dict[str, tuple[str, tuple[tuple[int, int], ...]]]:
    """The cups and prizes named after persons, each with the persons' offsets in its word."""
    out: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    for row in table_rows("person_cues.toml", "eponym"):
        persons = sorted(row["persons"], key=len, reverse=True)
        for word in row["surfaces"]:
            part, spans, i = word.removesuffix(row["head"]), [], 0
            while i < len(part):  # the part is the persons' names one after another (汤尤 -> 汤, 尤)
                name = next(p for p in persons if part.startswith(p, i))
                spans.append((i, i + len(name)))
                i += len(name)
            out[word] = (row["id"], tuple(spans))
    return out


def _classify(lex: PersonLexicon, word: str) -> int:
    """The flags of ``word`` (see ``CHINESE`` ...): cheap tests that spare the walk most tokens."""
    entry = lex.tags.get(word)
    flags = 0
    surname = word[:2] if word[:2] in lex.surnames else word[:1] if word[:1] in lex.surnames else ""
    common = entry is not None and len(word) >= 2 and entry[0] in CONTENT_TAGS and entry[1] >= COMMON
    bare = surname
    if entry is not None and entry[0] not in PERSON_TAGS and (len(word) >= 4 or entry[1] >= FUNCTION_WORD):
        bare = ""  # a frequent word of one character (和, 都, 时, 任) or an idiom does not start a name,
        if len(word) >= 4 or not surname or lex.surnames[surname][1] < FREQUENT_SURNAME:
            surname = ""  # except that the most frequent surnames may (张/大伟, 曾/世民), not alone
    if common:
        if any(word.endswith(s) and lex.tags.tag(word[: -len(s)]) in PERSON_TAGS for s in lex.suffixes):
            flags |= COMPOUND
    elif surname or (entry is None and 2 <= len(word) <= 3 and any(ch in lex.surnames for ch in word[1:])):
        flags |= CHINESE
    if word[:2] in lex.japanese or word[:3] in lex.japanese:
        flags |= JAPANESE
    if word in lex.dots or word in lex.hyphens:
        flags |= DOT
    elif all(ch in lex.translit for ch in word) and word not in lex.word_veto:
        if entry is None or len(word) == 1 or entry[0] in PERSON_TAGS or entry[0] == "ns":
            flags |= FOREIGN
    if bare and lex.surnames[bare][1] > 0 and (word == bare or word[len(bare) :] in lex.after):
        flags |= BARE
    return flags
