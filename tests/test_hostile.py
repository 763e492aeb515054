"""Crafted texts that make naive patterns backtrack or loop: each is processed
within a bound (every pattern carries the regex module's timeout), or reported
as an error; the alarm below only turns a hang into a failure."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from extract import extract, extract_file
from extract.layout import normalize

HANG = 60  # seconds: far above any case's cost, only a hang reaches it

CRAFTED = {
    "digits-100k": "1" * 100_000,
    "digits-with-commas": "1," * 30_000,
    "de-100k": "的" * 100_000,
    "open-quotes": "“" * 50_000,
    "quote-pairs": "“啊”" * 20_000,
    "one-char-200k": "啊" * 200_000,
    "no-line-break-200k": ("众创空间孵化企业增至1448家，占比31%。" * 10_000)[:200_000],
    "chinese-numerals": "一二三四五六七八九十百千万亿" * 10_000,
    "brackets": "（" * 30_000 + "《" * 30_000,
    "middle-dots": "·" * 50_000,
    "year-ranges": "2019-2022年" * 10_000,
    "enumeration": "英伟达、" * 10_000 + "等企业",
    "short-lines": "第一行。\n\n" * 10_000,
}


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    def fail(signum, frame):  # pragma: no cover - only on a hang
        raise AssertionError(f"no result within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("text", list(CRAFTED.values()), ids=list(CRAFTED))
def test_crafted_text_completes(text: str) -> None:
    with hang_guard(HANG):
        doc = extract(text)
    assert doc.source.chars == len(text)
    for item in doc.spanned():
        assert normalize(text[item.span[0] : item.span[1]]) == item.text


def test_a_timed_out_pattern_becomes_an_error_record(tmp_path, monkeypatch) -> None:
    """When a pattern hits its time bound, the input gets an error record, not a crash."""
    import extract.pipeline as pipeline

    def slow(*args, **kwargs):
        raise TimeoutError("regex timed out")

    monkeypatch.setattr(pipeline, "find_layout", slow)
    path = tmp_path / "page.txt"
    path.write_text("众创空间。\n", encoding="utf-8")
    doc = extract_file(path)
    assert doc.errors and "timed out" in doc.errors[0].reason
