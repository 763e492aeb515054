"""Batch engines: what runs ``process_input`` over the tasks, and yields the outcomes in input order.

* ``serial`` (``--jobs 1``) in this process;
* ``processes`` (``--jobs N``): a pool of worker processes, each loading the
  tokenizer once in its initializer;
* ``dask`` (``--engine dask --scheduler ADDRESS``): a Dask cluster; inputs
  travel as bytes, since a worker on another machine cannot read our paths.

When the consumer closes an engine's generator early (an interruption), the
pool finishes the inputs in flight and cancels the rest.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path
from typing import Any

from .batch_workers import STDIN, Outcome, Task, init_worker, process_input, process_owned, release_owned, warm_worker

Outcomes = Generator[Outcome, None, None]


class BatchError(Exception):
    """A usage problem with a batch (exit code 2)."""


def start_engine(tasks: list[Task], engine: str, jobs: int, scheduler: str | None) -> Outcomes:
    """The outcomes of ``tasks`` from the engine the options choose (serial for one job or one task)."""
    if engine == "dask":
        assert scheduler is not None  # run_batch checks the options first
        return dask_engine(tasks, scheduler)
    if jobs <= 1 or len(tasks) <= 1:
        return serial(tasks)
    return processes(tasks, jobs)


def serial(tasks: Iterable[Task]) -> Outcomes:
    try:
        for task in tasks:
            yield process_owned(task)
    finally:
        release_owned()


def process_chunk(tasks: list[Task]) -> list[Outcome]:
    """``process_input`` over a few tasks in one worker call (fewer round trips)."""
    return [process_owned(task) for task in tasks]


# How often the parent checks that every worker is alive while it waits for a result.
LIVENESS_SECONDS = 1.0


def processes(tasks: list[Task], jobs: int) -> Outcomes:
    # The process pool's modules load here, not at import: `--jobs 1` and a cold start of one page
    # need none of them (multiprocessing and its pool are ~10 ms of an import).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork where there is fork (Linux), the platform's default elsewhere (spawn):
    # either way a worker's parent is this process, which init_worker checks
    # (a forkserver would be the parent instead).
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    others = set(multiprocessing.active_children())
    chunks = [tasks[start:end] for start, end in guided_chunks(len(tasks), jobs)]
    with ProcessPoolExecutor(jobs, context, initializer=init_worker, initargs=(os.getpid(),)) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        seen: set[Any] = set()  # the workers seen running, across the whole run
        try:
            for chunk in chunks:
                pending.append(pool.submit(process_chunk, chunk))
                if len(pending) >= 4 * jobs:  # a bounded window in flight, results in input order
                    yield from _result(pending.popleft(), others, seen)
            while pending:
                yield from _result(pending.popleft(), others, seen)
        except BrokenProcessPool:
            # A worker died (kill -9, out of memory).  The pool stops the others
            # with SIGTERM, which workers ignore, then waits for them: one blocked
            # writing a result that nobody reads would keep it waiting for ever.
            for worker in set(multiprocessing.active_children()) - others:
                worker.kill()
            raise
        finally:
            # An interruption (this generator closed early): the inputs not yet
            # started are cancelled, those in flight finish.
            for future in pending:
                future.cancel()


def guided_chunks(n_tasks: int, jobs: int, largest: int = 8) -> list[tuple[int, int]]:
    """[start, end) runs of the tasks for the workers, each about a quarter of a worker's share of what
    is left (at most ``largest``), so the last ones are single inputs.

    A run is sent and returned in one message (fewer round trips than one input at a time), but
    the workers finish together only if the last runs are small: with runs of eight pages to the
    end, one worker sat idle for half a run on average (about 0.1 s of a 5 MB batch).
    """
    out: list[tuple[int, int]] = []
    start = 0
    while start < n_tasks:
        size = max(1, min(largest, (n_tasks - start) // (4 * jobs)))
        out.append((start, start + size))
        start += size
    return out


def _result(future: Future[list[Outcome]], others: set[Any], seen: set[Any]) -> list[Outcome]:
    """The outcomes of one chunk; a worker found dead while waiting breaks the pool.

    The pool notices a dead worker itself, except when the worker died in the
    middle of writing a result: the pool's reader then waits for the rest of that
    message for ever.  So the parent looks at its workers every second.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    while True:
        alive = set(multiprocessing.active_children()) - others
        if seen - alive:  # one that was running is gone
            raise BrokenProcessPool("a worker process died")
        seen |= alive
        try:
            return future.result(timeout=LIVENESS_SECONDS)
        except FuturesTimeout:
            continue


def dask_engine(tasks: list[Task], scheduler: str, window: int = 64) -> Outcomes:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise BatchError("the dask engine needs the extra: pip install 'zh-extract[dask]'") from exc
    with Client(scheduler) as client:
        client.run(warm_worker)
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
