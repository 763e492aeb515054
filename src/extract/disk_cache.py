"""Values derived from data files, kept between processes in the user's cache folder.

A derived value (jieba's tagged dictionary packed, the place lexicon, the
given-name model, the rule tables validated) is built on first use, pickled
under ``$XDG_CACHE_HOME/extract`` and read back by later processes, keyed by
the files it is derived from: a new version of any of them builds it again.
``regex_code`` keeps the tables' compiled patterns in the same folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import resources
from typing import TypeVar, cast

T = TypeVar("T")


def jieba_dict_path() -> str:
    spec = importlib.util.find_spec("jieba")  # the file only: importing jieba would load its modules for nothing
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: its dictionary gives the entity rules their word tags")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


def fingerprint(*paths: str) -> str:
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
    key = fingerprint(jieba_dict_path(), *data_files(), *sources)
    if any(not source.endswith(".py") for source in sources):
        # Derived by a compiled module (setup.py): kept apart from what its source derives, so that
        # a process of each form (EXTRACT_PURE=1) does not prune the other's file at every start.
        name = f"{name}.compiled"
    cache_file = os.path.join(cache_folder(), f"{name}-{key}.pickle")
    found = read_cached(cache_file)
    if found is not None:
        return cast(T, found)
    value = build()
    write_cached(cache_file, value)
    return value


def data_files() -> list[str]:
    """The package's data files (the rule tables, the gazetteers): what every derived value is keyed by."""
    data = resources.files("extract.data")
    return sorted(str(f) for f in data.iterdir() if f.is_file())  # type: ignore[attr-defined]


def cache_folder() -> str:
    """``$XDG_CACHE_HOME/extract`` or ``~/.cache/extract``."""
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "extract")


def read_cached(cache_file: str) -> object | None:
    """The value pickled in ``cache_file``; None when it is missing or unreadable (it is then built again)."""
    try:
        with open(cache_file, "rb") as fh:
            return cast(object, pickle.load(fh))
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None


def write_cached(cache_file: str, value: object) -> None:
    """Pickle ``value`` to ``cache_file`` whole or not at all, and remove the files of the same name
    built for other keys; a folder that cannot be written is no error (the value is built again)."""
    folder, base = os.path.split(cache_file)
    name = base.rpartition("-")[0]
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{name}-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
        _prune(folder, name, cache_file)
    except OSError:
        pass


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
