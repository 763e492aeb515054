"""Ingest: every encoding the issue names decodes to the same raw text; binary is refused."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from extract.ingest import IngestError, decode, read_bytes

PAGE = "科技日报讯 （记者 杨宇航）近日\n\n从西藏自治区科技厅获悉，众创空间 34家。\n"

ENCODED = [
    ("utf-8", PAGE.encode("utf-8"), "utf-8"),
    ("utf-8-bom", codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8-sig"),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "utf-16"),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "utf-16"),
    ("utf-32-le-bom", codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le"), "utf-32"),
    ("gb18030", PAGE.encode("gb18030"), "gb18030"),
    ("gbk", PAGE.encode("gbk"), "gb18030"),
]

BINARY = [
    ("png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("nul-bytes", b"abc\x00\x00def"),
    ("random-high-bytes", bytes([0xFF, 0xFE, 0xFD]) * 10 + b"\x81"),
    ("control-characters", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20),
    ("utf-16-bom-odd-length", codecs.BOM_UTF16_LE + "众创".encode("utf-16-le") + b"\x00\xd8"),
]


@pytest.mark.parametrize(("data", "encoding"), [(d, e) for _, d, e in ENCODED], ids=[n for n, _, _ in ENCODED])
def test_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    text, used, notes = decode(data)
    assert notes == ()
    assert text == PAGE
    assert used == encoding


@pytest.mark.parametrize("data", [d for _, d in BINARY], ids=[n for n, _ in BINARY])
def test_binary_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        decode(data)
    assert info.value.reason


def test_read_bytes_records_hash_and_size() -> None:
    data = PAGE.encode("gb18030")
    raw = read_bytes(data)
    assert raw.n_bytes == len(data)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.encoding == "gb18030"


def test_empty_input_is_an_empty_utf8_text() -> None:
    assert decode(b"") == ("", "utf-8", ())


def test_truncated_utf8_drops_the_incomplete_character_and_says_so() -> None:
    data = "众创空间".encode()[:-1]  # the last character cut after 2 of its 3 bytes
    text, encoding, notes = decode(data)
    assert (text, encoding) == ("众创空", "utf-8")
    assert "2 bytes" in notes[0]


def test_mixed_utf8_and_gbk_lines_decode_line_by_line() -> None:
    data = "第一行众创空间\n".encode() + "第二行孵化器\n".encode("gbk") + "第三行\n".encode()
    text, encoding, notes = decode(data)
    assert text == "第一行众创空间\n第二行孵化器\n第三行\n"
    assert encoding == "mixed"
    assert "UTF-8: 2, as GB18030: 1" in notes[0]


def test_gbk_file_starting_with_ascii_is_gb18030_not_mixed() -> None:
    data = b"2024 report\n" + "众创空间".encode("gbk")
    assert decode(data)[:2] == ("2024 report\n众创空间", "gb18030")
