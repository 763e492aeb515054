"""The batch command: files and folders in, one JSON line each out, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEED


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True, cwd=cwd)


def test_binary_file_gives_error_record_and_others_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a_page.txt")
    (folder / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (folder / "c_page.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    (folder / "ignored.bin").write_bytes(b"\x00")
    out = tmp_path / "out.jsonl"
    result = run_cli("run", str(folder), "-o", str(out))
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["source"]["path"]).name for r in records] == ["a_page.txt", "b_binary.txt", "c_page.txt"]
    assert [bool(r["errors"]) for r in records] == [False, True, False]
    error = records[1]["errors"][0]
    assert error["file"].endswith("b_binary.txt") and "binary" in error["reason"]
    assert "b_binary.txt" in result.stderr and "binary" in result.stderr
    assert records[0]["articles"] == records[2]["articles"]
    assert records[2]["source"]["encoding"] == "gb18030"


def test_missing_file_and_directory_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    result = run_cli("run", str(tmp_path / "missing.txt"), str(SEED))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["errors"][0]["reason"] == "no such file"
    assert not records[1]["errors"]


def test_usage_error_exit_code() -> None:
    assert run_cli("run").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_schema_command_prints_json() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Document"


def test_library_and_cli_agree(seed_doc) -> None:
    result = run_cli("run", str(SEED))
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["articles"] == json.loads(seed_doc.model_dump_json())["articles"]
