"""Batch workers: the unit of work, the lifecycle of a pool worker, and the signals of a run.

The unit of work is ``process_input``: a pure, picklable function from a
``Task`` to the ``Outcome`` of its input, the JSON line of its document (or,
for a long input, a spill file that holds it: ``SPILL_BYTES``).

A pool worker ignores SIGINT and SIGTERM and leaves the shutdown to its
parent, and exits when its parent dies, even by SIGKILL (``init_worker``).
The parent, while it writes, turns both signals into ``Interrupted`` between
two lines, never inside one (``Signals``).  ``batch`` tells the whole story.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from .ingest import sha256_of
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


def process_owned(task: Task) -> Outcome:
    """``process_input`` in a process the batch owns (the command's own, or a pool worker): its first
    input runs with the cyclic collector paused, and what the process then holds, the tables that
    input loaded, is moved out of the collector's walks (``gc.freeze``) before it resumes.

    Resumed with the tables young, the collector's first pass walked every one of their objects
    (13-16 ms a process), and every full pass after it walked them again.  Not for Dask workers,
    whose processes run other work too; a serial batch gives them back at its end (``release_owned``).
    """
    global _settled
    if _settled or not gc.isenabled():
        return process_input(task)
    gc.disable()
    try:
        return process_input(task)
    finally:
        _settled = True
        gc.freeze()
        gc.enable()


_settled = False  # this process has frozen its tables (process_owned)


def release_owned() -> None:
    """Give what ``process_owned`` froze back to the collector (a serial batch ends in the caller's process)."""
    global _settled
    if _settled:
        gc.unfreeze()
        _settled = False


def warm_worker() -> None:
    from .tokenize import load_tokenizer

    load_tokenizer()


# --- pool workers: die with the parent, leave signals to it ------------------

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_SECONDS = 0.5  # how often a worker checks that its parent is still there


def init_worker(parent: int) -> None:
    """Initializer of a pool worker started by the process ``parent``."""
    # A Ctrl-C reaches the whole process group, a supervisor's SIGTERM may too:
    # the parent decides what happens to the inputs in flight, not the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent)
    warm_worker()


def _die_with_parent(parent: int) -> None:
    """Exit when ``parent`` dies, even by SIGKILL, when nothing could tell us to."""
    if sys.platform.startswith("linux"):
        import ctypes  # in the worker only

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


class Signals:
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

    def __enter__(self) -> Signals:
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
