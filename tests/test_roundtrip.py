"""Every span of every record points back to the page: normalize(raw[start:end]) == text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import SEED

from extract import Document, extract, extract_file
from extract.layout import normalize


def assert_round_trip(doc: Document, raw: str) -> int:
    count = 0
    for record in doc.spanned():
        start, end = record.span
        assert 0 <= start <= end <= len(raw)
        assert normalize(raw[start:end]) == record.text, (type(record).__name__, record.span, record.text)
        count += 1
    for article in doc.articles:
        start, end = article.span
        assert 0 <= start <= end <= len(raw)
    return count


def test_every_seed_record_round_trips(seed_doc: Document, seed_raw: str) -> None:
    assert assert_round_trip(seed_doc, seed_raw) > 100


def test_spans_shift_with_a_prefix(seed_raw: str) -> None:
    base = extract(seed_raw)
    prefix = "\n \n\u3000\n"  # blank layout lines: no new records, every offset moves
    shifted = extract(prefix + seed_raw)
    assert len(shifted.spanned()) == len(base.spanned())
    for a, b in zip(base.spanned(), shifted.spanned(), strict=True):
        assert b.span == (a.span[0] + len(prefix), a.span[1] + len(prefix))
        assert b.text == a.text


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),  # with BOM
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_encoding_gives_the_same_records(
    encoding: str, seed_doc: Document, seed_raw: str, tmp_path: Path
) -> None:
    path = tmp_path / f"page.{encoding}.txt"
    path.write_bytes(ENCODINGS[encoding](seed_raw))
    doc = extract_file(path)
    assert not doc.errors
    for name in ("articles", "entities", "quantities", "dates", "quotes", "relations"):
        assert getattr(doc, name) == getattr(seed_doc, name), name
    assert doc.source.chars == len(seed_raw)
    assert_round_trip(doc, seed_raw)


def test_seed_is_the_shared_page() -> None:
    shared = SEED.parents[2] / "shared" / "seeds" / SEED.name
    if not shared.exists():
        pytest.skip("../shared/seeds is not present in this checkout")
    assert SEED.read_bytes() == shared.read_bytes()
