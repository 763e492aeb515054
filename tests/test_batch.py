"""Batch runs: order, resume after a kill, stdin, existing outputs, long inputs, Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED

from extract import extract
from extract.layout import normalize
from extract.pipeline import split_chunks


def cli(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True, **kw)


def make_inputs(folder: Path, n: int) -> list[Path]:
    """n distinct pages (distinct sha256): the seed page with a numbered closing line."""
    folder.mkdir(parents=True, exist_ok=True)
    page = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"page_{i:03d}.txt"
        path.write_text(page + f"\n第{i}页。\n", encoding="utf-8")
        paths.append(path)
    return paths


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jobs_2_gives_the_same_lines_in_input_order(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 6)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli("run", str(tmp_path / "in"), "-o", str(one), "--jobs", "1").returncode == 0
    result = cli("run", str(tmp_path / "in"), "-o", str(two), "--jobs", "2")
    assert result.returncode == 0
    assert one.read_bytes() == two.read_bytes()
    assert [Path(r["source"]["path"]).name for r in records(two)] == [f"page_{i:03d}.txt" for i in range(6)]
    assert result.stderr.strip().splitlines()[-1].startswith("extract: 6 documents, 0 errors")


def test_existing_output_needs_resume_or_force(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = cli("run", str(SEED), "-o", str(out))
    assert result.returncode == 2 and "--resume" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert cli("run", str(SEED), "-o", str(out), "--force").returncode == 0
    assert len(records(out)) == 1


def test_killed_run_resumes_to_exactly_one_record_per_input(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", 30)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "-o", str(out), "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 3 <= written < len(inputs), "the kill should land part way"
    # a torn last line, as a kill in the middle of a write would leave
    with open(out, "ab") as fh:
        fh.write(b'{"schema_version": "1.0.0", "id": "torn')
    result = cli("run", str(tmp_path / "in"), "-o", str(out), "--resume", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"{written} skipped" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines]  # every line whole
    names = sorted(Path(d["source"]["path"]).name for d in docs)
    assert names == sorted(p.name for p in inputs)
    assert len({d["source"]["sha256"] for d in docs}) == len(inputs)


def test_stdin_is_one_document() -> None:
    data = SEED.read_bytes()
    result = cli("run", "-", input=data.decode("utf-8"))
    assert result.returncode == 0
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["source"]["path"] == "-"
    assert len(doc["articles"]) == 7


def test_pages_split_by_form_feed_are_processed_one_by_one() -> None:
    page = SEED.read_text(encoding="utf-8")
    one = extract(page)
    two = extract(page + "\f" + page)
    assert len(two.articles) == 2 * len(one.articles)
    assert len(two.entities) == 2 * len(one.entities)
    shift = len(page) + 1
    for a, b in zip(one.entities, two.entities[len(one.entities) :], strict=True):
        assert b.span == (a.span[0] + shift, a.span[1] + shift) and b.text == a.text
        assert b.article == f"a{int(a.article[1:]) + len(one.articles)}"
    raw = page + "\f" + page
    for record in two.spanned():
        assert normalize(raw[record.span[0] : record.span[1]]) == record.text


def test_long_text_is_cut_at_blank_lines_after_sentence_ends() -> None:
    text = "第一段。\n\n第二段，\n\n还没完。\n\n第三段。\n"
    chunks = split_chunks(text, limit=12)
    assert chunks[0] == (0, 5)  # after 第一段。 and its line break
    assert all(text[s:e].strip() for s, e in chunks)
    assert "".join(text[s:e] for s, e in chunks) == text
    assert split_chunks("x" * 25, limit=10) == [(0, 10), (10, 20), (20, 25)]


def test_dask_engine_matches_jobs_1(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    make_inputs(tmp_path / "in", 4)
    (tmp_path / "in" / "zz_binary.txt").write_bytes(b"\x00\x01\x02binary")
    reference = tmp_path / "serial.jsonl"
    assert cli("run", str(tmp_path / "in"), "-o", str(reference), "--jobs", "1").returncode == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask.jsonl"
        result = cli(
            "run", str(tmp_path / "in"), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address
        )
    assert result.returncode == 1, result.stderr
    assert records(out) == records(reference)


def test_many_page_line_equals_the_document(tmp_path: Path) -> None:
    """The batch writes a many-page input chunk by chunk; its line is the library's document."""
    page = SEED.read_text(encoding="utf-8")
    path = tmp_path / "pages.txt"
    path.write_text("\f".join([page] * 3), encoding="utf-8")
    result = cli("run", str(path))
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    from extract import extract_file

    assert line == json.loads(extract_file(path).model_dump_json())
    assert [a["id"] for a in line["articles"]] == [f"a{i}" for i in range(1, 22)]


def test_long_input_goes_through_a_spill_file_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long input's line is written by the worker to a spill file and copied out: same bytes."""
    import io

    import extract.batch as batch
    from extract import extract_file

    page = SEED.read_text(encoding="utf-8")
    path = tmp_path / "pages.txt"
    path.write_text("\f".join([page] * 2), encoding="utf-8")
    monkeypatch.setattr(batch, "SPILL_BYTES", 0)  # every input spills
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    assert batch.run_batch([str(path), str(SEED)], str(out), jobs=1, stderr=err) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == json.loads(extract_file(path).model_dump_json())
    assert json.loads(lines[1]) == json.loads(extract_file(SEED).model_dump_json())
