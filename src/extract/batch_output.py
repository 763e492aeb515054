"""Batch output: whole lines appended in order, the progress line and summary, and what ``--resume`` skips.

Lines are appended whole to the output (one ``os.write`` per line on an
``O_APPEND`` descriptor), so an interrupted run leaves only whole lines behind,
except perhaps a torn last line, which ``done_hashes`` cuts off before
``--resume`` skips the inputs already done.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .batch_workers import Outcome, Signals
from .ingest import IngestError

# --- resume ------------------------------------------------------------------


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


def file_sha(path: str) -> str | None:
    """The sha256 of a file read in blocks (a large input is never held whole here), None if unreadable."""
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except (OSError, IngestError):
        return None


# --- output ----------------------------------------------------------------


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


def write_outcomes(
    outcomes: Iterable[Outcome],
    output: str | None,
    progress: Progress,
    signals: Signals,
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
