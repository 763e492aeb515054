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

__all__ = ["disk_cached", "entity_table", "load_jieba_tags", "load_places", "load_tags"]


@cache
def load_jieba_tags() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary: word -> (part-of-speech tag, frequency).

    Parsing its 349,000 lines takes about 0.33 s of a cold start; the parsed
    table is kept in the user's cache folder (``disk_cached``) and loads in
    about 0.11 s.
    """
    path = jieba_dict_path()

    def parse() -> dict[str, tuple[str, int]]:
        # One tuple per distinct (tag, frequency): 17,000 for 349,000 words, so the
        # cached file holds and unpickles a fifth fewer objects (0.16 -> 0.11 s).  The
        # values are typed ``object`` here: a compiled build (mypyc) would unbox a
        # ``tuple[str, int]`` and box a new tuple at every store, sharing none.
        tags: dict[str, object] = {}
        shared: dict[object, object] = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    pair: object = (parts[2], int(parts[1]))
                    tags[parts[0]] = shared.setdefault(pair, pair)
        return cast("dict[str, tuple[str, int]]", tags)

    return disk_cached("jieba-tags", parse, __file__)


@cache
def load_tags() -> dict[str, tuple[str, int]]:
    """jieba's dictionary with the package's user dictionary on top (its words are common words too)."""
    tags = dict(load_jieba_tags())
    for word, freq, tag in load_user_words():  # the one reader of data/userdict.txt
        tags[word] = (tag, freq)
    return tags


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
