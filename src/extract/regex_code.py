"""The tables' patterns, compiled once per machine: the ``regex`` module's code for them, kept between processes.

``regex`` parses and optimises a pattern in Python before its C engine takes
it; for the ~110 patterns the tables make (the date rows' combined matchers
alone are 9,000 characters) that was 0.2-0.3 s of every cold start, a quarter
of it.  ``compile_regex`` keeps what the parser hands the engine (the
arguments of ``_regex.compile``: the pattern's code as a list of integers, its
group names, its required string) in the user's cache folder, and a later
process builds the same pattern from them in about 40 µs.

This reads one private interface of ``regex``, so it is fenced in:

* the cache file is keyed by the installed ``regex`` module's files and
  Python's version, so code captured from one release is never given to
  another (and by the package's data files, so that it holds the patterns of
  the current tables only);
* an entry is used only for the same source, flags and default version, and
  a pattern the engine will not build from it (or builds for another source)
  is compiled the public way, as it is when anything about the capture is not
  as expected;
* ``tests/test_regex_code.py`` checks every kept pattern against a fresh
  ``regex.compile`` (flags, groups, and every match on the seed page), and
  that a second process parses none.

New code is written to the cache by ``save_compiled``, which the pipeline
calls after a text (a first run, or a rule first used by this text).
"""

from __future__ import annotations

import os
import sys
import threading
import types

import regex
from regex import _main as regex_main

from .disk_cache import cache_folder, data_files, fingerprint, read_cached, write_cached

Key = tuple[str, int, int]  # (source, flags, regex.DEFAULT_VERSION)

_ARITY = 11  # _regex.compile(pattern, flags, code, group_index, index_group, named_lists, named_list_indexes,
#             req_offset, req_chars, req_flags, group_count)
_lock = threading.Lock()
_store: dict[Key, tuple[object, ...]] | None = None
_unsaved = False


def compile_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the kept code when there is some."""
    global _unsaved
    key = (source, int(flags), int(regex.DEFAULT_VERSION))
    store = _loaded()
    args = store.get(key)
    if args is not None:
        pattern = _build(source, int(flags), args)
        if pattern is not None:
            return pattern
    pattern, captured = _compile_capturing(source, flags)
    if captured is not None:
        store[key] = captured
        _unsaved = True
    return pattern


def save_compiled() -> None:
    """Write the code compiled since the cache was read, if any (a file of another key is replaced)."""
    global _unsaved
    if _unsaved and _store is not None:
        _unsaved = False
        write_cached(_cache_file(), dict(_store))


def _cache_file() -> str:
    # Keyed by the data files too: a table edited writes a new file and the old one, with the code of
    # patterns no table makes any more, is removed (the store would otherwise only grow).
    module_files = [regex_main.__file__, regex_main._regex.__file__, regex_main._regex_core.__file__]
    key = fingerprint(*(path for path in module_files if path), sys.executable, *data_files())
    return os.path.join(cache_folder(), f"regex-code-{key}.pickle")


def _loaded() -> dict[Key, tuple[object, ...]]:
    global _store
    if _store is None:
        found = read_cached(_cache_file())
        _store = found if isinstance(found, dict) else {}
    return _store


def _build(source: str, flags: int, args: tuple[object, ...]) -> regex.Pattern[str] | None:
    """The pattern built by the engine from kept arguments; None if they do not make ``source``'s
    with ``flags``."""
    try:
        pattern: regex.Pattern[str] = regex_main._regex.compile(*args)
    except Exception:  # arguments of another layout: compile the public way
        return None
    return pattern if pattern.pattern == source and pattern.flags & flags == flags else None


def _compile_capturing(source: str, flags: int) -> tuple[regex.Pattern[str], tuple[object, ...] | None]:
    """``regex.compile`` (bypassing its own cache), and the arguments its parser gave the engine.

    For the length of the call, ``regex._main`` sees a copy of its engine module whose ``compile``
    records its arguments; a compile of another source in another thread meanwhile is recorded
    nowhere (it is told apart by the source object) and otherwise unaffected.
    """
    captured: list[tuple[object, ...]] = []
    with _lock:  # the engine read under the lock: another capture's copy is never taken for it
        engine = regex_main._regex

        def capture(*args: object) -> object:
            if args and args[0] is source:
                captured.append(args)
            return engine.compile(*args)

        spy = types.ModuleType(engine.__name__)
        spy.__dict__.update(engine.__dict__)
        spy.compile = capture  # type: ignore[attr-defined]
        regex_main._regex = spy
        try:
            pattern = regex.compile(source, flags, cache_pattern=False)
        finally:
            regex_main._regex = engine
    if len(captured) == 1 and len(captured[0]) == _ARITY:
        return pattern, captured[0]
    return pattern, None
