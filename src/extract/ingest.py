"""Ingest: bytes of an input file -> decoded raw text, or a reason it cannot be read.

Encodings tried, in order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides
alone; otherwise strict UTF-8, then strict GB18030 (a superset of GBK and
GB2312, the common legacy encodings of Chinese text files).  Bytes that look
binary (NUL bytes without a UTF-16/32 BOM, or many C0 control characters) are
refused rather than decoded into noise.  The raw text is the decoded text
without its BOM: every offset the pipeline reports counts code points of it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, LF, VT, FF, CR and ESC are rare in text;
# above this share of the first 64 KiB the file is treated as binary.
_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
# The other C0 controls, counted in C (a loop over 64 K characters in Python cost 1.3 ms a file):
# one character class, linear by construction (``re``, see rules.py).
_CONTROLS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x20) if c not in _ALLOWED_CONTROLS) + "]")


class IngestError(Exception):
    """The input cannot be turned into text; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    sha256: str
    n_bytes: int
    notes: tuple[str, ...] = ()  # repairs made while decoding


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    controls = len(_CONTROLS.findall(sample))
    return bool(sample) and controls / len(sample) > _CONTROL_SHARE


def decode(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode ``data``; return ``(text, encoding, notes)`` or raise IngestError.

    Notes say what was repaired: an incomplete character cut off at the end
    of a UTF-8 file is dropped; a file whose lines mix UTF-8 and GB18030 is
    decoded line by line (encoding ``mixed``).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise IngestError(f"starts with a {encoding} byte-order mark but does not decode: {exc}") from None
            name = "utf-8-sig" if encoding == "utf-8-sig" else encoding.replace("-le", "").replace("-be", "")
            if _looks_binary(text[:65536]):
                raise IngestError(f"binary content (control characters) after a {name} byte-order mark")
            return text, name, ()
    if b"\x00" in data[:65536]:
        raise IngestError("binary file: NUL bytes and no UTF-16/UTF-32 byte-order mark")
    text, encoding, notes = _decode_utf8_or_gb18030(data)
    if _looks_binary(text[:65536]):
        raise IngestError(f"binary content: too many control characters (decoded as {encoding})")
    return text, encoding, notes


def _decode_utf8_or_gb18030(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as exc:
        failure = exc
    if failure.end == len(data) and failure.reason == "unexpected end of data":
        try:
            text = data[: failure.start].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            dropped = len(data) - failure.start
            return (
                text,
                "utf-8",
                (f"truncated UTF-8: an incomplete character of {dropped} bytes at the end was dropped",),
            )
    if any(b >= 0x80 for b in data[: failure.start]):
        # Valid UTF-8 with non-ASCII text before the first failure: lines of
        # two encodings (a UTF-8 file with GBK lines pasted in).  Line by line.
        return _decode_lines(data)
    try:
        return data.decode("gb18030"), "gb18030", ()
    except UnicodeDecodeError:
        pass
    raise IngestError("cannot be decoded as UTF-8, UTF-16/32 with a byte-order mark, or GB18030")


def _decode_lines(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    parts: list[str] = []
    counts = {"utf-8": 0, "gb18030": 0}
    for line in data.splitlines(keepends=True):
        for encoding in ("utf-8", "gb18030"):
            try:
                parts.append(line.decode(encoding))
            except UnicodeDecodeError:
                continue
            counts[encoding] += 1
            break
        else:
            raise IngestError("mixed encodings: a line decodes neither as UTF-8 nor as GB18030")
    return "".join(parts), "mixed", (f"lines decoded as UTF-8: {counts['utf-8']}, as GB18030: {counts['gb18030']}",)


def read_bytes(data: bytes) -> RawText:
    text, encoding, notes = decode(data)
    return RawText(text=text, encoding=encoding, sha256=sha256_of(data), n_bytes=len(data), notes=notes)
