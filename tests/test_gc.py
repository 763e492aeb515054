"""The pipeline pauses Python's cyclic garbage collector while it processes a text, and restores it."""

from __future__ import annotations

import gc
from pathlib import Path

from extract import extract
from extract.pipeline import write_document_line

PAGE_PATH = next((Path(__file__).resolve().parent.parent / "raw").glob("*.txt"))
PAGE = PAGE_PATH.read_text(encoding="utf-8")


def test_no_collection_while_a_page_is_processed() -> None:
    extract(PAGE)  # tables loaded
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    runs = 3
    gc.collect()
    gc.callbacks.append(count)
    try:
        for _ in range(runs):
            extract(PAGE)
    finally:
        gc.callbacks.remove(count)
    # At most the one young-generation pass that follows each page, when the collector
    # is on again (without the pause: about a dozen a page, and full passes now and then).
    assert len(collections) <= runs, collections
    assert set(collections) <= {0}, collections
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        extract("新华社北京3月5日电 会议今天开幕。")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_batch_line_frees_its_document_before_the_collector_resumes() -> None:
    """``extract run`` writes each document and frees it with the collector still paused, so resuming it
    finds little young to walk: five pages of a batch pass with one collection at most."""
    import io

    from extract.ingest import read_bytes

    raw = read_bytes(PAGE.encode("utf-8"))
    write_document_line(raw, io.BytesIO())  # tables loaded
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        lines = [io.BytesIO() for _ in range(5)]
        for out in lines:
            write_document_line(raw, out)
    finally:
        gc.callbacks.remove(count)
    assert len(collections) <= 1, collections  # without the pause held: one a page
    assert len({out.getvalue() for out in lines}) == 1 and lines[0].getvalue().startswith(b'{"')
    assert gc.isenabled()


def test_a_batch_process_freezes_its_tables_after_its_first_input() -> None:
    """``process_owned``: after a batch process's first input, what it holds is out of the collector's walks
    (no pass walks the tables again), and a serial batch gives it back at its end."""
    from extract.batch_engines import serial
    from extract.batch_workers import Task

    tasks = [Task(path=str(PAGE_PATH)) for _ in range(3)]
    frozen: list[int] = []
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    before = gc.get_freeze_count()
    outcomes = serial(tasks)
    first = next(outcomes)
    frozen.append(gc.get_freeze_count())
    gc.callbacks.append(count)
    try:
        rest = list(outcomes)
    finally:
        gc.callbacks.remove(count)
    assert gc.get_freeze_count() == before  # given back
    assert frozen[0] > before + 10_000  # the tables and everything else the process held
    assert len(passes) <= 1, passes
    assert all(o.line == first.line for o in rest) and first.line is not None and gc.isenabled()
