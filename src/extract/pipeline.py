"""Pipeline: ingest -> layout repair -> structure -> tokens -> extractors -> overlap resolution -> records.

``extract`` and ``extract_file`` are the library's entry points; both are pure
functions of their input (no module-level settings) and picklable, so a batch
can run them in worker processes.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .assemble import build_document
from .extractors import all_extractors
from .ingest import IngestError, RawText, read_bytes, sha256_of
from .page import build_page
from .records import Document, ErrorRecord, Source
from .relations import link_records
from .resolve import resolve_overlaps
from .structure import find_articles
from .tokenize import tokenize


def _doc_id(path: str | None, sha256: str) -> str:
    return Path(path).stem if path else sha256[:16]


def extract_raw(
    raw: RawText, path: str | None = None, doc_id: str | None = None, *, reference_date: dt.date | None = None
) -> Document:
    """Run every stage on decoded text."""
    text = raw.text
    source = Source(path=path, sha256=raw.sha256, encoding=raw.encoding, chars=len(text), bytes=raw.n_bytes)
    page = build_page(text, find_articles(text))
    page.reference_date = reference_date
    for unit in page.units:
        page.tokens.extend(tokenize(page.text[unit.start : unit.end], unit.start))
    candidates = [cand for find in all_extractors() for cand in find(page)]
    doc = build_document(doc_id or _doc_id(path, raw.sha256), source, page, resolve_overlaps(candidates))
    doc = link_records(page, doc)
    update: dict[str, object] = {"warnings": list(raw.notes)} if raw.notes else {}
    if reference_date is not None:
        update["reference_date"] = reference_date.isoformat()
    return doc.model_copy(update=update) if update else doc


# Inputs longer than this are processed a chunk at a time (bounded memory per
# worker); pages separated by form feeds are always processed one by one.
MAX_CHUNK = 200_000


def split_chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """[start, end) chunks of ``text``: its pages (form feeds), long pages cut at blank lines.

    A long page is cut at the last blank line before ``limit`` that follows a
    sentence end, else at the last line break, else (a single enormous line)
    at ``limit`` itself.
    """
    chunks: list[tuple[int, int]] = []
    page_start = 0
    while page_start <= len(text):
        ff = text.find("\f", page_start)
        page_end = len(text) if ff < 0 else ff
        start = page_start
        while page_end - start > limit:
            window_end = start + limit
            cut = -1
            pos = text.rfind("\n\n", start, window_end)
            while pos > start:
                before = text[start:pos].rstrip()
                if before and before[-1] in "。！？!?”’」』":
                    cut = pos + 1
                    break
                pos = text.rfind("\n\n", start, pos)
            if cut < 0:
                nl = text.rfind("\n", start + 1, window_end)
                cut = nl + 1 if nl > start else window_end
            chunks.append((start, cut))
            start = cut
        chunks.append((start, page_end))
        if ff < 0:
            break
        page_start = ff + 1
    return [c for c in chunks if text[c[0] : c[1]].strip()] or [(0, len(text))]


def extract_decoded(
    raw: RawText, path: str | None = None, doc_id: str | None = None, *, reference_date: dt.date | None = None
) -> Document:
    """``extract_raw`` on each chunk of a long or many-page text, merged into one document."""
    chunks = split_chunks(raw.text)
    if len(chunks) == 1 and chunks[0] == (0, len(raw.text)):
        return extract_raw(raw, path, doc_id, reference_date=reference_date)
    parts: list[tuple[int, Document]] = []
    for start, end in chunks:
        part = RawText(raw.text[start:end], raw.encoding, raw.sha256, raw.n_bytes, raw.notes if not parts else ())
        parts.append((start, extract_raw(part, path, doc_id, reference_date=reference_date)))
    source = Source(path=path, sha256=raw.sha256, encoding=raw.encoding, chars=len(raw.text), bytes=raw.n_bytes)
    return merge_documents(parts, doc_id or _doc_id(path, raw.sha256), source, reference_date)


_ID_PREFIXES = {"articles": "a", "entities": "e", "quantities": "q", "dates": "d", "quotes": "u", "relations": "r"}


def _shift_spans(node: object, offset: int) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "span" and isinstance(value, list | tuple) and len(value) == 2:
                node[key] = [value[0] + offset, value[1] + offset]
            else:
                _shift_spans(value, offset)
    elif isinstance(node, list):
        for item in node:
            _shift_spans(item, offset)


def merge_documents(
    parts: list[tuple[int, Document]], doc_id: str, source: Source, reference_date: dt.date | None
) -> Document:
    """One document from chunk documents: spans shifted by each chunk's offset, ids renumbered."""
    merged: dict[str, list[dict]] = {name: [] for name in _ID_PREFIXES}
    errors: list[dict] = []
    warnings: list[str] = []
    for offset, doc in parts:
        warnings.extend(doc.warnings)
        data = doc.model_dump(mode="python")
        _shift_spans(data, offset)
        ids: dict[str, str] = {}
        for name, prefix in _ID_PREFIXES.items():
            for item in data.get(name, []):
                new = f"{prefix}{len(merged[name]) + 1}"
                ids[item["id"]] = new
                item["id"] = new
                merged[name].append(item)
        for name in _ID_PREFIXES:
            for item in merged[name][len(merged[name]) - len(data.get(name, [])) :]:
                if item.get("article") in ids:
                    item["article"] = ids[item["article"]]
                if item.get("speaker_id") in ids:
                    item["speaker_id"] = ids[item["speaker_id"]]
                if "args" in item:
                    item["args"] = [ids.get(a, a) for a in item["args"]]
        errors.extend(data.get("errors", []))
    return Document.model_validate(
        {
            "id": doc_id,
            "source": source,
            "reference_date": reference_date.isoformat() if reference_date else None,
            "errors": errors,
            "warnings": warnings,
            **merged,
        }
    )


def extract(text: str, doc_id: str | None = None, *, reference_date: dt.date | None = None) -> Document:
    """Extract a ``Document`` from page text given as a string.

    ``reference_date`` resolves relative dates (今年, 去年, 近日); without it they
    are reported with an empty value.
    """
    data = text.encode("utf-8", "surrogatepass")
    raw = RawText(text=text, encoding="utf-8", sha256=sha256_of(data), n_bytes=len(data))
    return extract_decoded(raw, None, doc_id, reference_date=reference_date)


def error_document(
    path: str | None, reason: str, stage: str = "ingest", sha256: str = "", n_bytes: int = 0
) -> Document:
    return Document(
        id=_doc_id(path, sha256) if path else (sha256[:16] or "unknown"),
        source=Source(path=path, sha256=sha256, encoding="", chars=0, bytes=n_bytes),
        errors=[ErrorRecord(file=path, stage=stage, reason=reason)],
    )


# Inputs above this size are refused with an error record rather than read
# (a batch over an archive should not stall on one stray dump); a caller
# that means it passes a larger max_bytes (extract run --max-bytes).
MAX_INPUT_BYTES = 32 * 1024 * 1024


def extract_file(
    path: str | os.PathLike[str], *, reference_date: dt.date | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> Document:
    """Extract a ``Document`` from a file; an unreadable file gives one with ``errors``."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise IngestError("is a directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(f"too large: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        data = p.read_bytes()
    except IngestError as exc:
        return error_document(name, exc.reason)
    except FileNotFoundError:
        return error_document(name, "no such file")
    except PermissionError:
        return error_document(name, "permission denied")
    except OSError as exc:
        return error_document(name, f"cannot be read: {exc.strerror or exc}")
    return extract_bytes(data, name, reference_date=reference_date)


def extract_bytes(data: bytes, path: str | None = None, *, reference_date: dt.date | None = None) -> Document:
    """Extract a ``Document`` from an input's bytes (``path`` only names it)."""
    try:
        raw = read_bytes(data)
    except IngestError as exc:
        return error_document(path, exc.reason, sha256=sha256_of(data), n_bytes=len(data))
    doc_id = None if path not in (None, "-") else sha256_of(data)[:16]
    try:
        return extract_decoded(raw, path, doc_id, reference_date=reference_date)
    except TimeoutError:
        # A pattern hit its time bound on this text (regex module timeout).
        return error_document(path, "a pattern timed out on this text", "extract", raw.sha256, raw.n_bytes)
