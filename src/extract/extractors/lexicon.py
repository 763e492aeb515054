"""Lexicons of the entity rules: jieba's tagged dictionary and the place gazetteer drawn from it.

Everything loads on first use and is kept for the process (``functools.cache``):
the place gazetteer is the set of words jieba's own dictionary tags ``ns``
(place names, about 17,000), and the same dictionary's tags tell a name jieba
knows as a person (``nr``) from a common word (``n``, ``v`` ...).  The rule tables
are compiled in ``entity_rules``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar, cast

from ..rules import EventWorkTable, OrganizationTable, PersonTable, PlaceTable, load_table
from ..tokenize import load_user_words

T = TypeVar("T")


def _jieba_dict_path() -> str:
    spec = importlib.util.find_spec("jieba")  # the file only: importing jieba would load its modules for nothing
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: its dictionary gives the entity rules their word tags")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


def _fingerprint(*paths: str) -> str:
    """A key for what was derived from these files: their names, sizes and times."""
    digest = hashlib.sha1()
    for path in paths:
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def disk_cached(name: str, build: Callable[[], T], *sources: str) -> T:
    """``build()``, kept between processes in the user's cache folder, keyed by jieba's dictionary,
    the package's data files and ``sources`` (the modules that derive it).

    The folder is ``$XDG_CACHE_HOME/extract`` or ``~/.cache/extract`` (not a shared temp
    folder, since the files are unpickled); a file is written whole or not at all, and a
    missing, stale or unreadable one is simply built again.
    """
    data = resources.files("extract.data")
    files = sorted(str(f) for f in data.iterdir() if f.is_file())  # type: ignore[attr-defined]
    key = _fingerprint(_jieba_dict_path(), *files, *sources)
    if any(not source.endswith(".py") for source in sources):
        # Derived by a compiled module (setup.py): kept apart from what its source derives, so that
        # a process of each form (EXTRACT_PURE=1) does not prune the other's file at every start.
        name = f"{name}.compiled"
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "extract")
    cache_file = os.path.join(folder, f"{name}-{key}.pickle")
    try:
        with open(cache_file, "rb") as fh:
            return cast(T, pickle.load(fh))
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        pass
    value = build()
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{name}-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
        _prune(folder, name, cache_file)
    except OSError:
        pass
    return value


def _prune(folder: str, name: str, keep: str) -> None:
    """Remove the files of ``name`` built for other versions of its sources (each edit or upgrade
    writes a new key; without this the folder grows by every old version)."""
    for entry in os.scandir(folder):
        stem, _, suffix = entry.name.rpartition("-")
        if stem == name and suffix.endswith(".pickle") and entry.path != keep:
            try:
                os.remove(entry.path)
            except OSError:
                pass


@cache
def load_jieba_tags() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary: word -> (part-of-speech tag, frequency).

    Parsing its 349,000 lines takes about 0.33 s of a cold start; the parsed
    table is kept in the user's cache folder (``disk_cached``) and loads in
    about 0.11 s.
    """
    path = _jieba_dict_path()

    def parse() -> dict[str, tuple[str, int]]:
        tags: dict[str, tuple[str, int]] = {}
        # One tuple per distinct (tag, frequency): 17,000 for 349,000 words, so the
        # cached file holds and unpickles a fifth fewer objects (0.16 -> 0.11 s).
        shared: dict[tuple[str, int], tuple[str, int]] = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    pair = (parts[2], int(parts[1]))
                    tags[parts[0]] = shared.setdefault(pair, pair)
        return tags

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
