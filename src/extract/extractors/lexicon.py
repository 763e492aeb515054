"""Lexicons of the entity rules: jieba's tagged dictionary and the place gazetteer drawn from it.

Everything loads on first use and is kept for the process (``functools.cache``):
the place gazetteer is the set of words jieba's own dictionary tags ``ns``
(place names, about 17,000), and the same dictionary's tags tell a name jieba
knows as a person (``nr``) from a common word (``n``, ``v`` ...).  The rule tables
are compiled in ``entity_rules``.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import tempfile
from functools import cache
from typing import Any

from ..rules import EventWorkTable, OrganizationTable, PersonTable, PlaceTable, load_table
from ..tokenize import load_user_words


@cache
def load_jieba_tags() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary: word -> (part-of-speech tag, frequency).

    Parsing its 349,000 lines takes about 0.33 s of a cold start; the parsed
    table is kept in the user's cache folder (``$XDG_CACHE_HOME/extract`` or
    ``~/.cache/extract``, not a shared temp folder, since it is unpickled),
    keyed by the dictionary's size and time, and loads in about 0.16 s.
    """
    spec = importlib.util.find_spec("jieba")  # the file only: importing jieba would load its modules for nothing
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: its dictionary gives the entity rules their word tags")
    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    stat = os.stat(path)
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "extract")
    cache_file = os.path.join(folder, f"jieba-tags-{stat.st_size}-{stat.st_mtime_ns}.pickle")
    try:
        with open(cache_file, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict) and cached:
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    tags: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = (parts[2], int(parts[1]))
    try:  # written whole or not at all: a reader never sees half a cache
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="jieba-tags-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tags, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError:
        pass
    return tags


@cache
def load_tags() -> dict[str, tuple[str, int]]:
    """jieba's dictionary with the package's user dictionary on top (its words are common words too)."""
    tags = dict(load_jieba_tags())
    for word, freq, tag in load_user_words():  # the one reader of data/userdict.txt
        tags[word] = (tag, freq)
    return tags


@cache
def load_places() -> frozenset[str]:
    """jieba's ``ns`` words of two characters or more, less the common words of ``place/veto.common``."""
    from .place_gazetteer import load_place_lexicon

    vetoes = load_place_lexicon().vetoes
    return frozenset(w for w, (t, _) in load_jieba_tags().items() if t == "ns" and len(w) >= 2 and w not in vetoes)


def entity_table() -> dict[str, list[dict[str, Any]]]:
    """Every entity row by section, examples as [sentence, expected entity] (for tests/test_rules_entities.py)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model in (PersonTable, OrganizationTable, PlaceTable, EventWorkTable):
        for section, row in load_table(model).sections():
            examples = [[ex.text, ex.match] for ex in row.examples if ex.rule is None and ex.match]
            out.setdefault(section, []).append({"id": row.id, "examples": examples, "negatives": list(row.negatives)})
    return out
