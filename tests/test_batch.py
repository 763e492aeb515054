"""Batch runs: order, resume after a kill, signals, orphaned workers, stdin, existing outputs, long inputs, Dask."""

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


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc")


def _stat(pid: int) -> list[str]:
    """Fields of /proc/PID/stat after the command name: state, ppid, ... ([] when there is no such process)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(int(stat.parent.name))
        if fields and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """A zombie (dead, waiting for whoever adopted it to reap it) is not running."""
    fields = _stat(pid)
    return bool(fields) and fields[0] not in ("Z", "X")


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@needs_proc
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    page = SEED.read_bytes()
    for i in range(200):
        (folder / f"copy_{i:03d}.txt").write_bytes(page)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extract", "run", str(folder), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2 and out.exists() and out.stat().st_size > 0, 60)
        workers = children(proc.pid)
        proc.kill()  # SIGKILL to the parent alone: nothing can tell the workers
        proc.wait()
        assert wait_for(lambda: not any(running(w) for w in workers), 10), (
            f"workers {[w for w in workers if running(w)]} outlived their parent"
        )
    finally:
        proc.kill()
        for worker in workers:
            if running(worker):
                os.kill(worker, signal.SIGKILL)


@needs_proc
def test_a_dead_worker_stops_the_run_without_hanging(tmp_path: Path) -> None:
    """Workers ignore SIGTERM, so the pool's own SIGTERM cannot stop them when one dies: the run kills them."""
    inputs = make_inputs(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    workers: list[int] = []
    try:
        assert wait_for(lambda: out.exists() and out.read_bytes().count(b"\n") >= 3, 60)
        workers = children(proc.pid)
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 1, err
    assert "a worker process died" in err and "Traceback" not in err, err
    assert not [w for w in workers if running(w)]
    docs = records(out)  # whole lines
    assert len(docs) < len(inputs)


@pytest.mark.parametrize(
    ("signum", "group", "code"),
    [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)],
    ids=["sigterm-to-the-parent", "ctrl-c-to-the-group"],
)
def test_signal_ends_the_run_with_a_summary_and_resume_completes_it(
    tmp_path: Path, signum: signal.Signals, group: bool, code: int
) -> None:
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN and signum == signal.SIGINT:
        pytest.skip("SIGINT is ignored here, and so in the run")
    inputs = make_inputs(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert wait_for(lambda: out.exists() and out.read_bytes().count(b"\n") >= 3, 60)
        workers = children(proc.pid) if Path("/proc/self/stat").exists() else []
        if group:  # as a terminal sends Ctrl-C: to the parent and its workers
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == code, err
    assert "Traceback" not in err, err
    data = out.read_bytes()
    assert data.endswith(b"\n")  # whole lines only
    docs = [json.loads(line) for line in data.splitlines()]
    assert 3 <= len(docs) < len(inputs), "the signal should land part way"
    summary = err.splitlines()[-2]
    assert summary.startswith(f"extract: {len(docs)} documents, 0 errors, "), err
    assert summary.endswith(f", interrupted by {signum.name}"), err
    assert err.splitlines()[-1] == "extract: interrupted; rerun with --resume to continue"
    assert not [w for w in workers if running(w)], "the workers end with the run"
    if signum == signal.SIGINT:
        return  # resuming is the same after either signal
    result = cli("run", str(tmp_path / "in"), "-o", str(out), "--resume", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert f"{len(docs)} skipped" in result.stderr
    docs = records(out)
    assert sorted(Path(d["source"]["path"]).name for d in docs) == sorted(p.name for p in inputs)
    assert len({d["source"]["sha256"] for d in docs}) == len(inputs)


def test_watchdog_alone_ends_an_orphaned_worker(tmp_path: Path) -> None:
    """Where there is no PR_SET_PDEATHSIG, the watchdog thread sees the parent change and exits."""
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    script = """
import os, sys, time
from extract import batch_workers
parent = os.getpid()
ready_r, ready_w = os.pipe()
child = os.fork()
if child == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # our reader sees EOF when the parent exits
    os.dup2(devnull, 2)
    sys.platform = "darwin"  # as where there is no prctl: the watchdog alone
    batch_workers._die_with_parent(parent)
    os.write(ready_w, b"x")  # the watchdog runs: now the parent may go
    time.sleep(60)
    os._exit(0)
os.read(ready_r, 1)
print(child, flush=True)
os._exit(0)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    orphan = int(result.stdout)
    try:
        if Path("/proc/self/stat").exists():
            assert wait_for(lambda: not running(orphan), 10), "the orphan outlived its parent"
        else:
            assert wait_for(lambda: not _pid_exists(orphan), 10), "the orphan outlived its parent"
    finally:
        if running(orphan):
            os.kill(orphan, signal.SIGKILL)


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


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
    import extract.batch_workers as batch_workers
    from extract import extract_file

    page = SEED.read_text(encoding="utf-8")
    path = tmp_path / "pages.txt"
    path.write_text("\f".join([page] * 2), encoding="utf-8")
    monkeypatch.setattr(batch_workers, "SPILL_BYTES", 0)  # every input spills
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    assert batch.run_batch([str(path), str(SEED)], str(out), jobs=1, stderr=err) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == json.loads(extract_file(path).model_dump_json())
    assert json.loads(lines[1]) == json.loads(extract_file(SEED).model_dump_json())


def test_guided_chunks_cover_every_task_once_and_end_in_single_inputs() -> None:
    from extract.batch_engines import guided_chunks

    for n_tasks, jobs in ((0, 2), (1, 2), (7, 1), (313, 2), (1000, 4)):
        chunks = guided_chunks(n_tasks, jobs)
        assert [k for start, end in chunks for k in range(start, end)] == list(range(n_tasks))
        assert all(1 <= end - start <= 8 for start, end in chunks)
    chunks = guided_chunks(313, 2)
    assert chunks[0] == (0, 8) and chunks[-4 * 2 :] == [(k, k + 1) for k in range(305, 313)]
