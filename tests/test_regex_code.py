"""The tables' patterns built from kept code (``regex_code``) are the patterns ``regex.compile`` makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from extract import regex_code
from extract.regex_code import compile_regex

SEED = sorted((Path(__file__).resolve().parents[1] / "raw").glob("*.txt"))[0]


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and no store read yet (as in a new process)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_code, "_store", None)
    monkeypatch.setattr(regex_code, "_unsaved", False)
    return tmp_path / "extract"


def _behaviour(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, timeout=10)]


def test_every_kept_pattern_is_the_one_regex_compiles(fresh_store: Path) -> None:
    """A process runs the seed page and keeps its patterns; each, built from the kept code, is compared
    with a fresh compile: source, flags, groups, and every match (with its groups) on the page."""
    env = {**os.environ, "XDG_CACHE_HOME": str(fresh_store.parent)}
    subprocess.run([sys.executable, "-m", "extract", "run", str(SEED)], env=env, check=True, capture_output=True)
    compile_regex("(?:十|百)+", regex.POSIX)  # and one with flags, made here
    regex_code.save_compiled()
    assert len(list(fresh_store.glob("regex-code-*.pickle"))) == 1
    regex_code._store = None  # read the file back
    store = regex_code._loaded()
    assert len(store) >= 50  # the tables' patterns (106 in 2026-12)
    assert any(flags & regex.POSIX for _, flags, _ in store)
    text = SEED.read_text(encoding="utf-8")
    for (source, flags, _version), args in store.items():
        built = regex_code._build(source, flags, args)
        assert built is not None, source[:80]
        fresh = regex.compile(source, flags, cache_pattern=False)
        assert (built.flags, built.groups, built.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
        assert _behaviour(built, text) == _behaviour(fresh, text), source[:80]


def test_code_of_another_layout_or_source_is_not_used(fresh_store: Path) -> None:
    source = "(?P<n>[0-9]+)万"
    key = (source, 0, int(regex.DEFAULT_VERSION))
    regex_code._store = {key: ("no", "such", "layout")}
    assert compile_regex(source).match("12万").group("n") == "12"  # compiled the public way
    assert len(regex_code._store[key]) == 11  # and its code captured again
    other = regex_code._store[key]
    regex_code._store[("[a-z]+", 0, key[2])] = other  # another source's code under this key
    assert compile_regex("[a-z]+").pattern == "[a-z]+"
    regex_code._store[(source, int(regex.POSIX), key[2])] = other  # code made without the flag asked for
    assert compile_regex(source, regex.POSIX).flags & regex.POSIX


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the folder would be under a file
    monkeypatch.setattr(regex_code, "_store", None)
    assert compile_regex("[0-9]{2,}年").search("2024年") is not None
    regex_code.save_compiled()
    assert not regex_code._unsaved


def test_a_second_process_parses_no_table_pattern(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = (
        "import sys, extract\n"
        "from regex import _main\n"
        "parsed = []\n"
        "original = _main._compile\n"
        "_main._compile = lambda pattern, *rest: parsed.append(pattern) or original(pattern, *rest)\n"
        "extract.extract(open(sys.argv[1], encoding='utf-8').read())\n"
        "print(sum(len(p) > 200 for p in parsed))\n"
    )
    first = subprocess.run([sys.executable, "-c", code, str(SEED)], env=env, check=True, capture_output=True, text=True)
    second = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], env=env, check=True, capture_output=True, text=True
    )
    assert int(first.stdout) >= 20  # the tables' long patterns, parsed by the first process
    assert int(second.stdout) == 0
