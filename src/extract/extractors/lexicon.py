"""Lexicons of the entity rules: jieba's tagged dictionary and the place gazetteer drawn from it.

Everything loads on first use and is kept for the process (``functools.cache``):
the place gazetteer is the set of words jieba's own dictionary tags ``ns``
(place names, about 17,000), and the same dictionary's tags tell a name jieba
knows as a person (``nr``) from a common word (``n``, ``v`` ...).  The rule tables
are compiled in ``entity_rules``.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from ..disk_cache import disk_cached, jieba_dict_path
from ..rules import EventWorkTable, OrganizationTable, PersonTable, PlaceTable, load_table
from ..tokenize import load_user_words
from .word_tags import WordTags, pack

__all__ = ["entity_table", "jieba_entries", "load_jieba_tags", "load_places", "load_tags"]


@cache
def jieba_entries() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary parsed whole, word -> (part-of-speech tag, frequency), in its order: what
    the derived lexicons are built from when their kept files are missing (about 0.33 s)."""
    # The values are typed ``object`` while stored: a compiled build (mypyc) would otherwise unbox and
    # box each tuple again.
    entries: dict[str, object] = {}
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                entries[parts[0]] = (parts[2], int(parts[1]))
    return cast("dict[str, tuple[str, int]]", entries)


@cache
def load_jieba_tags() -> WordTags:
    """jieba's own dictionary as the rules read it (``word_tags``): kept packed in the user's cache
    folder (``disk_cached``), loaded in about 0.03 s."""
    from . import word_tags  # its layout is part of what is kept

    return WordTags(disk_cached("jieba-tags", lambda: pack(jieba_entries()), __file__, word_tags.__file__ or ""))


@cache
def load_tags() -> WordTags:
    """jieba's dictionary with the package's user dictionary on top (its words are common words too)."""
    # the one reader of data/userdict.txt
    return load_jieba_tags().with_words({word: (tag, freq) for word, freq, tag in load_user_words()})


@cache
def load_places() -> frozenset[str]:
    """jieba's ``ns`` words of two characters or more, less the common words of ``place/veto.common``
    (derived with the place lexicon, which is kept between processes: no pass over jieba's dictionary)."""
    from .place_gazetteer import load_place_lexicon

    return load_place_lexicon().jieba_places


def entity_table() -> dict[str, list[dict[str, Any]]]:
    """Every entity row by section, examples as [sentence, expected entity] (for tests/test_rules_entities.py)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model in (PersonTable, OrganizationTable, PlaceTable, EventWorkTable):
        for section, row in load_table(model).sections():
            examples = [[ex.text, ex.match] for ex in row.examples if ex.rule is None and ex.match]
            out.setdefault(section, []).append({"id": row.id, "examples": examples, "negatives": list(row.negatives)})
    return out
