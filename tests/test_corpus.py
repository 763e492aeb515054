"""The nasty-input corpus: every bad file gives a clear error record or a valid document.

One batch over tests/corpus/ plus inputs made here (a 50 MB file, a folder
named like a file, a symlink loop, an unreadable file, a missing path): one
record per input, the others still written, exit code 1, one stderr line per
error, and every document's spans round-trip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from extract import Document
from extract.layout import normalize

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
MADE_HERE = {  # file -> words of its error reason
    "fifty_mb.txt": "too large",
    "symlink_loop.txt": "symbolic links",
    "missing.txt": "no such file",
    "unreadable.txt": "permission denied",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, dict], str]:
    folder = tmp_path_factory.mktemp("corpus")
    for case in EXPECTED.values():
        shutil.copy(CORPUS / case["file"], folder / case["file"])
    with open(folder / "fifty_mb.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, instant to make
    os.symlink(folder / "symlink_loop_b.lnk", folder / "symlink_loop.txt")
    os.symlink(folder / "symlink_loop.txt", folder / "symlink_loop_b.lnk")
    (folder / "a_folder.txt").mkdir()  # a directory named like a file: walked, yields nothing
    unreadable = folder / "unreadable.txt"
    unreadable.write_text("众创空间。\n", encoding="utf-8")
    unreadable.chmod(0)
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    args = [str(folder), str(folder / "missing.txt")]
    result = subprocess.run(
        [sys.executable, "-m", "extract", "run", *args, "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    unreadable.chmod(0o644)
    records = {Path(r["source"]["path"]).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return result, records, str(folder)


def test_exit_code_and_one_record_per_input(batch) -> None:
    result, records, _ = batch
    assert result.returncode == 1
    expected_names = {c["file"] for c in EXPECTED.values()} | set(MADE_HERE)
    assert expected_names <= set(records)
    assert "a_folder.txt" not in records
    errors = [line for line in result.stderr.splitlines() if line.startswith("extract: ") and "documents," not in line]
    assert len(errors) == sum(1 for r in records.values() if r["errors"])


@pytest.mark.parametrize("name", list(EXPECTED), ids=list(EXPECTED))
def test_corpus_file(name: str, batch) -> None:
    case = EXPECTED[name]
    _, records, _ = batch
    record = records[case["file"]]
    if case["outcome"] == "error":
        assert record["errors"], record
        assert case["reason"] in record["errors"][0]["reason"]
        return
    assert not record["errors"], record["errors"]
    doc = Document.model_validate(record)
    if "encoding" in case:
        assert doc.source.encoding == case["encoding"]
    assert case.get("min_articles", 0) <= len(doc.articles) <= case.get("max_articles", 10**6)
    if "warning" in case:
        assert any(case["warning"] in w for w in doc.warnings), doc.warnings
    raw = (CORPUS / case["file"]).read_bytes()
    from extract.ingest import decode

    text = decode(raw)[0]
    for item in doc.spanned():
        assert normalize(text[item.span[0] : item.span[1]]) == item.text


@pytest.mark.parametrize("name", list(MADE_HERE), ids=list(MADE_HERE))
def test_inputs_made_here(name: str, batch) -> None:
    _, records, _ = batch
    reason = MADE_HERE[name]
    if name == "unreadable.txt" and os.geteuid() == 0:
        pytest.skip("running as root: a file with mode 000 is still readable")
    assert records[name]["errors"], records[name]
    assert reason in records[name]["errors"][0]["reason"]


def test_odd_input_names_never_write_outside_the_output(tmp_path: Path) -> None:
    """Input names with dots, newlines and shell characters: `run` writes only
    its -o file, `export --to brat` only inside its folder."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    page = "本报讯 近日，众创空间已达 34家。\n"
    for name in ("..txt", "...txt", "a\nb.txt", "$(touch pwned).txt", "-rf.txt"):
        (inputs / name).write_text(page, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    before = set(tmp_path.rglob("*"))
    run = subprocess.run(
        [sys.executable, "-m", "extract", "run", str(inputs), "-o", "out.jsonl"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert len((work / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    brat = work / "brat"
    export = subprocess.run(
        [sys.executable, "-m", "extract", "export", "--to", "brat", str(inputs), "-o", str(brat)],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert export.returncode == 0, export.stderr
    created = set(tmp_path.rglob("*")) - before
    assert all(p == work / "out.jsonl" or p == brat or brat in p.parents for p in created), sorted(map(str, created))
    assert not (work / "pwned").exists()


def test_a_run_of_digits_is_no_quantity(batch: tuple[subprocess.CompletedProcess[str], dict, str]) -> None:
    """20,000 ones and 家: no figure a text states (quantities.MAX_FIGURE), so its line reads back with json."""
    _, records, _ = batch
    assert records["long_digit_run.txt"]["quantities"] == []
