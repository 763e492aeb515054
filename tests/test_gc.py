"""The pipeline pauses Python's cyclic garbage collector while it processes a text, and restores it."""

from __future__ import annotations

import gc
from pathlib import Path

from extract import extract

PAGE = next((Path(__file__).resolve().parent.parent / "raw").glob("*.txt")).read_text(encoding="utf-8")


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
