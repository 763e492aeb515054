"""Batch: many inputs -> one JSON line each, in input order, on one core, many, or a cluster.

The unit of work is ``process_input`` (``batch_workers``): a pure, picklable
function from an input (its path and, for a cluster, its bytes) to the JSON
line of its document.  Three engines run it (``batch_engines``): ``serial``
(``--jobs 1``), ``processes`` (``--jobs N``, a pool of worker processes) and
``dask`` (``--engine dask --scheduler ADDRESS``).

Whatever the engine, lines come back in input order and are appended whole
to the output (``batch_output``: one ``os.write`` per line on an ``O_APPEND``
descriptor), so an interrupted run leaves only whole lines behind, except
perhaps a torn last line, which ``--resume`` cuts off before skipping the
inputs already done.

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

import datetime as dt
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import BrokenExecutor  # a pool's BrokenProcessPool (its module loads with --jobs 2 only)
from pathlib import Path
from typing import Any, TextIO

from .batch_engines import BatchError, Outcomes, start_engine
from .batch_output import LineWriter, Progress, done_hashes, file_sha, write_outcomes
from .batch_workers import STDIN, Interrupted, Outcome, Signals, Task, process_input
from .ingest import sha256_of
from .pipeline import MAX_INPUT_BYTES

__all__ = [
    "STDIN",
    "BatchError",
    "Interrupted",
    "LineWriter",
    "Outcome",
    "Progress",
    "Task",
    "done_hashes",
    "iter_inputs",
    "process_input",
    "run_batch",
]


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


def _check_options(output: str | None, resume: bool, force: bool, engine: str, scheduler: str | None) -> None:
    """Raise ``BatchError`` for options that cannot make a run."""
    if output is not None and Path(output).exists() and not (resume or force):
        raise BatchError(f"{output} exists: pass --resume to continue it or --force to overwrite it")
    if resume and output is None:
        raise BatchError("--resume needs -o FILE")
    if output is not None and Path(output).is_dir():
        raise BatchError(f"{output} is a directory")
    if engine == "dask" and not scheduler:
        raise BatchError("--engine dask needs --scheduler ADDRESS")


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
    _check_options(output, resume, force, engine, scheduler)
    with Signals() as signals:
        if force and not resume and output is not None:
            Path(output).write_bytes(b"")
        progress = Progress(total=0, stream=stderr, live=stderr.isatty())
        spill_dir = tempfile.TemporaryDirectory(prefix="extract-spill-")
        outcomes: Outcomes | None = None
        try:
            done = done_hashes(output) if resume and output is not None else set()
            tasks, progress.skipped = _tasks(paths, done, reference_date, max_bytes, spill_dir.name, engine, stdin)
            progress.total = len(tasks)
            outcomes = start_engine(tasks, engine, jobs, scheduler)
            write_outcomes(outcomes, output, progress, signals, stdout, stderr)
        except KeyboardInterrupt as exc:
            if outcomes is not None:
                outcomes.close()  # the pool finishes the inputs in flight and cancels the rest
            name = exc.name if isinstance(exc, Interrupted) else "SIGINT"
            stderr.write(progress.summary(f"interrupted by {name}") + "\n")
            raise
        except BrokenExecutor:
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
            sha = sha256_of(task.data) if task.data is not None else file_sha(path)
            if sha in done:
                skipped += 1
                continue
        tasks.append(task)
    return tasks, skipped
