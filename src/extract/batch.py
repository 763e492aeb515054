"""Batch: many inputs -> one JSON line each, in input order, on one core, many, or a cluster.

The unit of work is ``process_input``: a pure, picklable function from an
input (its path and, for a cluster, its bytes) to the JSON line of its
document.  Three engines run it:

* ``serial`` (``--jobs 1``) in this process;
* ``processes`` (``--jobs N``): a pool of worker processes, each loading the
  tokenizer once in its initializer;
* ``dask`` (``--engine dask --scheduler ADDRESS``): a Dask cluster; inputs
  travel as bytes, since a worker on another machine cannot read our paths.

Whatever the engine, lines come back in input order and are appended whole
to the output (one ``os.write`` per line on an ``O_APPEND`` descriptor), so an
interrupted run leaves only whole lines behind, except perhaps a torn last
line, which ``--resume`` cuts off before skipping the inputs already done.

Interruptions: while ``run_batch`` runs (in the main thread), SIGINT (Ctrl-C)
and SIGTERM raise ``Interrupted`` in this process, never in the middle of a
line; the lines written so far stay whole, the one-line summary is written
(ending ``interrupted by SIGTERM``), and the exception carries the exit code
``extract run`` returns: 128 + the signal number, 130 for SIGINT and 143 for
SIGTERM, as a shell reports a process killed by that signal.  Pool workers
ignore both signals (a Ctrl-C reaches the whole process group) and leave the
shutdown to this process: the inputs in flight are finished, the rest are
cancelled.  A worker whose parent dies (``kill -9``) exits within a second or
so: on Linux the kernel kills it (``PR_SET_PDEATHSIG``), elsewhere a watchdog
thread sees that its parent changed.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import io
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from .ingest import IngestError, sha256_of
from .pipeline import MAX_INPUT_BYTES, error_document, error_messages, load_input, write_bytes_line
from .records import Document

STDIN = "-"


# Inputs larger than this have their line written to a spill file by the
# worker and copied to the output by the writer, so that neither holds the
# line of a long input in memory (a 3 MB input makes a 15 MB line).
SPILL_BYTES = 1 << 20


@dataclass(frozen=True)
class Task:
    path: str
    data: bytes | None = None  # the input's bytes, when the worker cannot read the path
    reference_date: dt.date | None = None
    max_bytes: int = MAX_INPUT_BYTES
    spill_dir: str | None = None  # where a long input's line may go (same machine only)


@dataclass
class Outcome:
    line: str | None  # the JSON line, or None when it is in ``spill``
    errors: list[str]
    spill: str | None = None  # a file holding the line (deleted once copied)


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files as given, and the *.txt files under folders, sorted, in argument order."""
    for given in paths:
        p = Path(given)
        if given != STDIN and p.is_dir():
            for child in sorted(p.rglob("*.txt")):
                # Not only regular files: a broken link or a link loop is an
                # input too, and gets its error record instead of vanishing.
                if not child.is_dir():
                    yield str(child)
        else:
            yield given


def process_input(task: Task) -> Outcome:
    """One input -> its JSON line and its error messages.  Never raises."""
    try:
        data = task.data
        if data is not None and len(data) > task.max_bytes:
            reason = f"too large: over the limit of {task.max_bytes:,} bytes (--max-bytes)"
            failed: Document | None = error_document(task.path, reason, sha256=sha256_of(data), n_bytes=len(data))
        elif data is None:
            data, failed = load_input(task.path, task.max_bytes)
        else:
            failed = None
        if failed is None and data is not None:
            if task.spill_dir is not None and len(data) > SPILL_BYTES:
                fd, spill = tempfile.mkstemp(prefix="line-", suffix=".json", dir=task.spill_dir)
                with os.fdopen(fd, "wb") as fh:
                    errors = write_bytes_line(data, fh, task.path, reference_date=task.reference_date)
                return Outcome(None, errors, spill)
            buffer = io.BytesIO()
            errors = write_bytes_line(data, buffer, task.path, reference_date=task.reference_date)
            return Outcome(buffer.getvalue().decode("utf-8"), errors)
        assert failed is not None
        doc = failed
    except Exception as exc:  # a bug must cost one record, not the batch
        doc = error_document(task.path, f"internal error: {type(exc).__name__}: {exc}", "extract")
    return Outcome(doc.model_dump_json(), error_messages(doc))


def _warm_worker() -> None:
    from .tokenize import load_tokenizer

    load_tokenizer()


# --- pool workers: die with the parent, leave signals to it ------------------

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_SECONDS = 0.5  # how often a worker checks that its parent is still there


def _init_worker(parent: int) -> None:
    """Initializer of a pool worker started by the process ``parent``."""
    # A Ctrl-C reaches the whole process group, a supervisor's SIGTERM may too:
    # the parent decides what happens to the inputs in flight, not the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent)
    _warm_worker()


def _die_with_parent(parent: int) -> None:
    """Exit when ``parent`` dies, even by SIGKILL, when nothing could tell us to."""
    if sys.platform.startswith("linux"):
        try:  # the kernel sends SIGKILL (SIGTERM is ignored above) when the parent dies
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl: the watchdog alone
            pass
    if os.getppid() != parent:  # it died before we got here (and before prctl took effect)
        os._exit(1)
    # Portable fallback (and a second line on Linux): an orphan is adopted by
    # another process, so its parent pid changes.
    threading.Thread(target=_watch_parent, args=(parent,), name="extract-watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


# --- interruptions ---------------------------------------------------------


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal; ``exit_code`` is 128 + its number (130 SIGINT, 143 SIGTERM)."""

    def __init__(self, signum: int):
        self.signum = signum
        self.exit_code = 128 + signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)


class _Signals:
    """SIGINT and SIGTERM raise ``Interrupted`` in this process, between lines, once.

    Installed only in the main thread (Python runs handlers there), and only
    over the default handlers: a signal the caller ignores stays ignored.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.saved: dict[int, Any] = {}
        self.writing = False
        self.pending: int | None = None
        self.fired = False

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for signum, default in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL)):
                if signal.getsignal(signum) is default:
                    self.saved[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self.saved.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid or self.fired:  # a worker not yet initialized; a shutdown under way
            return
        if self.writing:
            self.pending = signum
            return
        self.fired = True
        raise Interrupted(signum)

    @contextmanager
    def line(self) -> Iterator[None]:
        """A section no signal interrupts (one output line); a signal in it is raised at its end."""
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.pending is not None and not self.fired:
            self.fired = True
            raise Interrupted(self.pending)


# --- output ----------------------------------------------------------------


def done_hashes(path: str) -> set[str]:
    """sha256 of the inputs that already have a document in ``path``.

    A torn last line (a run killed mid-write) is cut off first.  Error records
    do not count as done: their inputs are tried again.
    """
    p = Path(path)
    if not p.exists():
        return set()
    with open(p, "rb+") as fh:
        data = fh.read()
        whole = data.rfind(b"\n") + 1
        if whole < len(data):
            fh.truncate(whole)
    hashes = set()
    for line in data[:whole].splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        sha = record.get("source", {}).get("sha256")
        if sha and not record.get("errors"):
            hashes.add(sha)
    return hashes


class LineWriter:
    """Appends whole lines to a file descriptor (or a text stream)."""

    def __init__(self, target: str | TextIO):
        self.stream: TextIO | None = None
        self.fd: int | None = None
        if isinstance(target, str):
            self.fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        else:
            self.stream = target

    def write(self, line: str) -> None:
        if self.stream is not None:
            self.stream.write(line + "\n")
            self.stream.flush()
            return
        self._write_bytes((line + "\n").encode("utf-8"))

    def write_spill(self, spill: str) -> None:
        """Copy a spilled line and its newline, a block at a time, then delete the spill."""
        try:
            with open(spill, "rb") as fh:
                if self.stream is not None:
                    self.stream.flush()
                    target = getattr(self.stream, "buffer", None)
                    if target is None:
                        self.stream.write(fh.read().decode("utf-8") + "\n")
                        return
                    shutil.copyfileobj(fh, target, 1 << 20)
                    target.write(b"\n")
                    target.flush()
                    return
                for block in iter(lambda: fh.read(1 << 20), b""):
                    self._write_bytes(block)
                self._write_bytes(b"\n")
        finally:
            os.unlink(spill)

    def _write_bytes(self, data: bytes) -> None:
        assert self.fd is not None
        while data:
            written = os.write(self.fd, data)
            data = data[written:]

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


# --- progress --------------------------------------------------------------


@dataclass
class Progress:
    total: int
    stream: TextIO
    live: bool
    start: float = field(default_factory=time.monotonic)
    done: int = 0
    errors: int = 0
    skipped: int = 0
    _last: float = 0.0

    def update(self, errors: int) -> None:
        self.done += 1
        self.errors += errors
        now = time.monotonic()
        if self.live and (now - self._last > 0.2 or self.done == self.total):
            self._last = now
            elapsed = now - self.start
            rate = self.done / elapsed if elapsed > 0 else 0.0
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            self.stream.write(
                f"\r{self.done}/{self.total} files  {rate:.1f} pages/s  {self.errors} errors  {left:.0f} s left "
            )
            self.stream.flush()

    def summary(self, stopped: str = "") -> str:
        if self.live:
            self.stream.write("\n")
        seconds = time.monotonic() - self.start
        skipped = f", {self.skipped} skipped (already done)" if self.skipped else ""
        stopped = f", {stopped}" if stopped else ""
        return f"extract: {self.done} documents, {self.errors} errors{skipped}, {seconds:.1f} s{stopped}"


# --- engines ---------------------------------------------------------------


Outcomes = Generator[Outcome, None, None]


def _serial(tasks: Iterable[Task]) -> Outcomes:
    for task in tasks:
        yield process_input(task)


def _processes(tasks: list[Task], jobs: int) -> Outcomes:
    # fork where there is fork (Linux), the platform's default elsewhere (spawn):
    # either way a worker's parent is this process, which _init_worker checks
    # (a forkserver would be the parent instead).
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    others = set(multiprocessing.active_children())
    with ProcessPoolExecutor(jobs, context, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
        try:
            # Small chunks keep the order cheap and the workers evenly busy.  When
            # this generator is closed early (an interruption), the map cancels the
            # inputs not yet started and the pool waits for those in flight.
            yield from pool.map(process_input, tasks, chunksize=max(1, min(8, len(tasks) // (4 * jobs))))
        except BrokenProcessPool:
            # A worker died (kill -9, out of memory).  The pool stops the others
            # with SIGTERM, which workers ignore, then waits for them: one blocked
            # writing a result that nobody reads would keep it waiting for ever.
            for worker in set(multiprocessing.active_children()) - others:
                worker.kill()
            raise


def _dask(tasks: list[Task], scheduler: str, window: int = 64) -> Outcomes:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise BatchError("the dask engine needs the extra: pip install 'zh-extract[dask]'") from exc
    with Client(scheduler) as client:
        client.run(_warm_worker)
        pending: list[Any] = []
        for task in tasks:
            if task.data is None and task.path != STDIN:
                task = Task(
                    task.path, _read_or_none(task.path, task.max_bytes), task.reference_date, task.max_bytes, None
                )
            pending.append(client.submit(process_input, task, pure=False))
            if len(pending) >= window:  # bounded: only a window of inputs in flight
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _read_or_none(path: str, max_bytes: int) -> bytes | None:
    # An unreadable or oversized file stays a path: the worker reports why, as for local runs.
    try:
        if Path(path).stat().st_size > max_bytes:
            return None
        return Path(path).read_bytes()
    except OSError:
        return None


class BatchError(Exception):
    """A usage problem with a batch (exit code 2)."""


def run_batch(
    paths: Sequence[str],
    output: str | None,
    *,
    jobs: int = 1,
    engine: str = "processes",
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    reference_date: dt.date | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    stdin: Any = None,
) -> int:
    """Run a batch; return the exit code (0 all good, 1 some error records).

    SIGINT and SIGTERM raise ``Interrupted`` (a ``KeyboardInterrupt``) after
    the summary is written; its ``exit_code`` is 130 or 143.  A worker that
    dies (killed, out of memory) stops the run: 1, with a line that says so.
    """
    if output is not None and Path(output).exists() and not (resume or force):
        raise BatchError(f"{output} exists: pass --resume to continue it or --force to overwrite it")
    if resume and output is None:
        raise BatchError("--resume needs -o FILE")
    if output is not None and Path(output).is_dir():
        raise BatchError(f"{output} is a directory")
    if engine == "dask" and not scheduler:
        raise BatchError("--engine dask needs --scheduler ADDRESS")
    with _Signals() as signals:
        if force and not resume and output is not None:
            Path(output).write_bytes(b"")
        progress = Progress(total=0, stream=stderr, live=stderr.isatty())
        spill_dir = tempfile.TemporaryDirectory(prefix="extract-spill-")
        outcomes: Outcomes | None = None
        try:
            done = done_hashes(output) if resume and output is not None else set()
            tasks, progress.skipped = _tasks(paths, done, reference_date, max_bytes, spill_dir.name, engine, stdin)
            progress.total = len(tasks)
            if engine == "dask":
                assert scheduler is not None
                outcomes = _dask(tasks, scheduler)
            elif jobs <= 1 or len(tasks) <= 1:
                outcomes = _serial(tasks)
            else:
                outcomes = _processes(tasks, jobs)
            _write_outcomes(outcomes, output, progress, signals, stdout, stderr)
        except KeyboardInterrupt as exc:
            if outcomes is not None:
                outcomes.close()  # the pool finishes the inputs in flight and cancels the rest
            name = exc.name if isinstance(exc, Interrupted) else "SIGINT"
            stderr.write(progress.summary(f"interrupted by {name}") + "\n")
            raise
        except BrokenProcessPool:
            stderr.write(
                "extract: a worker process died (killed, or out of memory?); rerun with --resume to continue\n"
            )
            stderr.write(progress.summary("stopped: a worker process died") + "\n")
            return 1
        finally:
            if outcomes is not None:
                outcomes.close()
            spill_dir.cleanup()
    stderr.write(progress.summary() + "\n")
    return 1 if progress.errors else 0


def _tasks(
    paths: Sequence[str],
    done: set[str],
    reference_date: dt.date | None,
    max_bytes: int,
    spill_dir: str,
    engine: str,
    stdin: Any,
) -> tuple[list[Task], int]:
    """The tasks of the inputs not already done, and how many were skipped."""
    spill = spill_dir if engine != "dask" else None  # cluster workers share no disk with us
    tasks: list[Task] = []
    skipped = 0
    for path in iter_inputs(paths):
        if path == STDIN:
            data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
            task = Task(STDIN, data, reference_date, max_bytes, spill)
        else:
            task = Task(path, None, reference_date, max_bytes, spill)
        if done:
            sha = sha256_of(task.data) if task.data is not None else _file_sha(path)
            if sha in done:
                skipped += 1
                continue
        tasks.append(task)
    return tasks, skipped


def _write_outcomes(
    outcomes: Iterable[Outcome],
    output: str | None,
    progress: Progress,
    signals: _Signals,
    stdout: TextIO,
    stderr: TextIO,
) -> None:
    """Append each outcome's line whole, in order; report its errors and the progress."""
    writer = LineWriter(output if output is not None else stdout)
    try:
        for outcome in outcomes:
            with signals.line():  # the line, its errors and its count, or none of them
                if outcome.spill is not None:
                    writer.write_spill(outcome.spill)
                else:
                    assert outcome.line is not None
                    writer.write(outcome.line)
                for message in outcome.errors:
                    if progress.live:
                        stderr.write("\n")
                    stderr.write(f"extract: {message}\n")
                progress.update(len(outcome.errors))
    finally:
        writer.close()


def _file_sha(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:  # in blocks: a large input is never held whole here
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except (OSError, IngestError):
        return None
