"""Pipeline: ingest -> layout -> structure -> document -> tokens -> finders -> raw spans -> overlap
resolution -> records -> relations.

``extract`` and ``extract_file`` are the library's entry points; both are pure
functions of their input (no module-level settings) and picklable, so a batch
can run them in worker processes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .assemble import build_document
from .doc import build_doc
from .extractors import all_extractors, place_candidates
from .ingest import IngestError, RawText, read_bytes, sha256_of
from .layout import split_lines
from .records import ID_PREFIXES, Document, ErrorRecord, Source
from .regex_code import save_compiled
from .relations import link_records
from .resolve import resolve_overlaps
from .structure import find_layout


def _doc_id(path: str | None, sha256: str) -> str:
    return Path(path).stem if path else sha256[:16]


def as_reference_date(value: object) -> dt.date | None:
    """``reference_date`` as a date: a ``datetime.date``, a ``datetime`` (its date) or an ISO string.

    Any other type is a ``TypeError``, a string that is no ISO date a
    ``ValueError``; both name the parameter.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"reference_date: not an ISO date (YYYY-MM-DD): {value!r}") from None
    raise TypeError(
        f"reference_date must be a datetime.date or an ISO date string (YYYY-MM-DD), not {type(value).__name__}"
    )


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one text is processed, then restore it.

    The stages allocate many short-lived objects and make almost no reference
    cycles (they are freed by reference counting), yet every 700 allocations
    the collector walks the young objects, and now and then every object of
    the process, the loaded lexicons included: measured on the seed page, 0.9
    collections a page cost about a fifth of the pipeline's time.  Paused, a
    hundred pages need none.  The collector runs again as before afterwards
    (and stays off if the caller had turned it off).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def extract_raw(
    raw: RawText, path: str | None = None, doc_id: str | None = None, *, reference_date: dt.date | None = None
) -> Document:
    """Run every stage on decoded text."""
    with _no_cycle_collection():
        doc = _extract_raw(raw, path, doc_id, reference_date)
    save_compiled()  # patterns this text compiled first (a first run), kept for the next process
    return doc


def _extract_raw(raw: RawText, path: str | None, doc_id: str | None, reference_date: dt.date | None) -> Document:
    text = raw.text
    source = Source(path=path, sha256=raw.sha256, encoding=raw.encoding, chars=len(text), bytes=raw.n_bytes)
    lines = split_lines(text)  # layout: printed lines, repaired, with their offset maps
    layout = find_layout(lines)  # structure: articles, and the page furniture of no article
    page = build_doc(text, layout.articles, reference_date, layout.furniture)  # the one document
    page.tokenize()
    candidates = place_candidates(page, [cand for find in all_extractors() for cand in find(page)])
    kept = resolve_overlaps(candidates)
    doc = build_document(doc_id or _doc_id(path, raw.sha256), source, page, kept)
    doc = link_records(page, doc, kept)
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


def _chunk_documents(
    raw: RawText, path: str | None, doc_id: str | None, reference_date: dt.date | None
) -> Iterator[tuple[int, Document]]:
    """``extract_raw`` on each chunk, one at a time, with the chunk's raw offset."""
    for k, (start, end) in enumerate(split_chunks(raw.text)):
        part = RawText(raw.text[start:end], raw.encoding, raw.sha256, raw.n_bytes, raw.notes if k == 0 else ())
        yield start, extract_raw(part, path, doc_id, reference_date=reference_date)


def _is_one_chunk(raw: RawText) -> bool:
    chunks = split_chunks(raw.text)
    return len(chunks) == 1 and chunks[0] == (0, len(raw.text))


def extract_decoded(
    raw: RawText, path: str | None = None, doc_id: str | None = None, *, reference_date: dt.date | None = None
) -> Document:
    """``extract_raw`` on each chunk of a long or many-page text, merged into one document."""
    if _is_one_chunk(raw):
        return extract_raw(raw, path, doc_id, reference_date=reference_date)
    merged: dict[str, list[dict]] = {name: [] for name in ID_PREFIXES}
    warnings: list[str] = []
    errors: list[dict] = []
    counts = dict.fromkeys(ID_PREFIXES, 0)
    for offset, doc in _chunk_documents(raw, path, doc_id, reference_date):
        data = doc.model_dump(mode="python")
        _renumber(data, offset, counts)
        for name in ID_PREFIXES:
            merged[name].extend(data[name])
        warnings.extend(data["warnings"])
        errors.extend(data["errors"])
    head = _head(raw, path, doc_id, reference_date, warnings, errors)
    return Document.model_validate({**head.model_dump(mode="python"), **merged})


def write_document_line(
    raw: RawText,
    out: BinaryIO,
    path: str | None = None,
    doc_id: str | None = None,
    *,
    reference_date: dt.date | None = None,
) -> list[str]:
    """Write the JSON line of a document (without its newline) to ``out``; return its error messages.

    A long or many-page text is written chunk by chunk: each chunk's records
    go to one spill file per list as soon as the chunk is done, and the line
    is then copied out of them, so memory holds one chunk's records whatever
    the size of the input.
    """
    if _is_one_chunk(raw):
        # The collector stays paused until the document is written and freed: resumed while it is
        # alive, its first pass walked the document's ~1,700 objects (0.35-0.45 ms of a page).
        with _no_cycle_collection():
            doc = extract_raw(raw, path, doc_id, reference_date=reference_date)
            out.write(doc.model_dump_json().encode("utf-8"))
            messages = error_messages(doc)
            del doc
        return messages
    spills = {name: tempfile.TemporaryFile() for name in ID_PREFIXES}
    try:
        warnings: list[str] = []
        errors: list[dict] = []
        counts = dict.fromkeys(ID_PREFIXES, 0)
        for offset, doc in _chunk_documents(raw, path, doc_id, reference_date):
            data = doc.model_dump(mode="json")
            before = dict(counts)
            _renumber(data, offset, counts)
            for name in ID_PREFIXES:
                for k, item in enumerate(data[name]):
                    sep = b"," if before[name] or k else b""
                    spills[name].write(sep + json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode())
            warnings.extend(data["warnings"])
            errors.extend(data["errors"])
        head = _head(raw, path, doc_id, reference_date, warnings, errors)
        out.write(b"{")
        for n, (key, value) in enumerate(head.model_dump(mode="json").items()):  # the model's key order
            out.write((b"," if n else b"") + json.dumps(key).encode() + b":")
            if key in spills:
                spills[key].seek(0)
                out.write(b"[")
                shutil.copyfileobj(spills[key], out)
                out.write(b"]")
            else:
                out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
        out.write(b"}")
        return [f"{e['file']}: {e['reason']}" for e in errors]
    finally:
        for spill in spills.values():
            spill.close()


def _head(
    raw: RawText,
    path: str | None,
    doc_id: str | None,
    reference_date: dt.date | None,
    warnings: list[str],
    errors: list[dict],
) -> Document:
    """The document without its record lists: id, source, reference date, warnings, errors."""
    source = Source(path=path, sha256=raw.sha256, encoding=raw.encoding, chars=len(raw.text), bytes=raw.n_bytes)
    return Document.model_validate(
        {
            "id": doc_id or _doc_id(path, raw.sha256),
            "source": source,
            "reference_date": reference_date.isoformat() if reference_date else None,
            "warnings": warnings,
            "errors": errors,
        }
    )


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


def _renumber(data: dict, offset: int, counts: dict[str, int]) -> None:
    """Shift a chunk document's spans by its offset and continue the ids of the chunks before it."""
    _shift_spans(data, offset)
    ids: dict[str, str] = {}
    for name, prefix in ID_PREFIXES.items():
        for item in data[name]:
            counts[name] += 1
            ids[item["id"]] = item["id"] = f"{prefix}{counts[name]}"
    for name in ID_PREFIXES:
        for item in data[name]:
            if item.get("article") in ids:
                item["article"] = ids[item["article"]]
            if item.get("speaker_id") in ids:
                item["speaker_id"] = ids[item["speaker_id"]]
            if "args" in item:
                item["args"] = [ids.get(a, a) for a in item["args"]]


def extract(text: str, doc_id: str | None = None, *, reference_date: dt.date | str | None = None) -> Document:
    """Extract a ``Document`` from page text given as a string.

    ``reference_date`` (a ``datetime.date`` or an ISO string, "2024-07-01")
    resolves relative dates (今年, 去年, 近日); without it they are reported
    with an empty value.
    """
    ref = as_reference_date(reference_date)
    data = text.encode("utf-8", "surrogatepass")
    raw = RawText(text=text, encoding="utf-8", sha256=sha256_of(data), n_bytes=len(data))
    return extract_decoded(raw, None, doc_id, reference_date=ref)


def error_messages(doc: Document) -> list[str]:
    """One readable line per error of a document: 'file: reason'."""
    return [f"{e.file}: {e.reason}" for e in doc.errors]


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


def load_input(path: str | os.PathLike[str], max_bytes: int = MAX_INPUT_BYTES) -> tuple[bytes | None, Document | None]:
    """An input file's bytes, or the error document that says why it cannot be read."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise IngestError("is a directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(f"too large: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        return p.read_bytes(), None
    except IngestError as exc:
        return None, error_document(name, exc.reason)
    except FileNotFoundError:
        return None, error_document(name, "no such file")
    except PermissionError:
        return None, error_document(name, "permission denied")
    except OSError as exc:
        return None, error_document(name, f"cannot be read: {exc.strerror or exc}")


def decode_input(data: bytes, path: str | None) -> tuple[RawText | None, Document | None]:
    """Decoded text of an input's bytes, or the error document that says why it has none."""
    try:
        return read_bytes(data), None
    except IngestError as exc:
        return None, error_document(path, exc.reason, sha256=sha256_of(data), n_bytes=len(data))


def _stdin_id(path: str | None, data: bytes) -> str | None:
    return None if path not in (None, "-") else sha256_of(data)[:16]


def extract_file(
    path: str | os.PathLike[str], *, reference_date: dt.date | str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> Document:
    """Extract a ``Document`` from a file; an unreadable file gives one with ``errors``."""
    ref = as_reference_date(reference_date)  # a bad argument fails before any reading
    data, failed = load_input(path, max_bytes)
    if failed is not None or data is None:
        assert failed is not None
        return failed
    return extract_bytes(data, os.fspath(path), reference_date=ref)


def extract_bytes(data: bytes, path: str | None = None, *, reference_date: dt.date | str | None = None) -> Document:
    """Extract a ``Document`` from an input's bytes (``path`` only names it)."""
    return extract_bytes_and_text(data, path, reference_date=reference_date)[0]


def extract_bytes_and_text(
    data: bytes, path: str | None = None, *, reference_date: dt.date | str | None = None
) -> tuple[Document, str]:
    """The document of an input's bytes and the raw text its spans point into ("" when undecodable)."""
    ref = as_reference_date(reference_date)
    raw, failed = decode_input(data, path)
    if raw is None:
        assert failed is not None
        return failed, ""
    try:
        return extract_decoded(raw, path, _stdin_id(path, data), reference_date=ref), raw.text
    except TimeoutError:
        # A pattern hit its time bound on this text (regex module timeout).
        doc = error_document(path, "a pattern timed out on this text", "extract", raw.sha256, raw.n_bytes)
        return doc, raw.text


def write_bytes_line(
    data: bytes, out: BinaryIO, path: str | None = None, *, reference_date: dt.date | None = None
) -> list[str]:
    """``extract_bytes`` as a batch writes it: its JSON line to ``out``; return its error messages."""
    raw, failed = decode_input(data, path)
    if raw is None:
        assert failed is not None
        out.write(failed.model_dump_json().encode("utf-8"))
        return error_messages(failed)
    start = out.tell()
    try:
        return write_document_line(raw, out, path, _stdin_id(path, data), reference_date=reference_date)
    except TimeoutError:
        out.seek(start)
        out.truncate()
        doc = error_document(path, "a pattern timed out on this text", "extract", raw.sha256, raw.n_bytes)
        out.write(doc.model_dump_json().encode("utf-8"))
        return error_messages(doc)
