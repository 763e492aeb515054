"""The cache of derived values (``disk_cache.disk_cached``): built once, reused, old versions removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.disk_cache import disk_cached


def test_built_once_then_read_and_old_versions_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "module.py"
    source.write_text("v1", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": len(calls)}

    assert disk_cached("sample", build, str(source)) == {"a": 1}
    assert disk_cached("sample", build, str(source)) == {"a": 1}  # read back, not built again
    assert len(calls) == 1
    other = tmp_path / "extract" / "other-0000.pickle"
    other.write_bytes(b"")  # another cache's file stays
    source.write_text("version two", encoding="utf-8")  # a new version of the source: a new key
    assert disk_cached("sample", build, str(source)) == {"a": 2}
    names = sorted(p.name for p in (tmp_path / "extract").iterdir())
    assert len([n for n in names if n.startswith("sample-")]) == 1, names
    assert "other-0000.pickle" in names


def test_compiled_and_source_forms_keep_their_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process of each form (compiled module, EXTRACT_PURE=1) derives its own file; neither prunes the other's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "module.py"
    extension = tmp_path / "module.cpython-311-x86_64-linux-gnu.so"
    source.write_text("v1", encoding="utf-8")
    extension.write_bytes(b"v1")
    calls: list[str] = []

    def build(form: str) -> str:
        calls.append(form)
        return form

    for _ in range(2):
        assert disk_cached("sample", lambda: build("source"), str(source)) == "source"
        assert disk_cached("sample", lambda: build("compiled"), str(extension)) == "compiled"
    assert calls == ["source", "compiled"]  # each built once, then read back
    names = sorted(p.name for p in (tmp_path / "extract").iterdir())
    assert [n.split("-")[0] for n in names] == ["sample", "sample.compiled"], names


def test_a_second_process_reads_every_cache_back(tmp_path: Path) -> None:
    """Each derived table is read back by the next process, not rebuilt (a value pickle cannot restore, such
    as a frozen class compiled by mypyc, would be rebuilt and rewritten at every start, silently)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = "import extract; extract.extract('北京市人民政府办公厅主任王海涛说，今年增长了3%。')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    folder = tmp_path / "extract"
    first = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert {name.split("-")[0].split(".")[0] for name in first} >= {"jieba", "places", "given", "rule"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == first
