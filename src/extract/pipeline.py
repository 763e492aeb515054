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
    if reference_date is not None:
        doc = doc.model_copy(update={"reference_date": reference_date.isoformat()})
    return doc


def extract(text: str, doc_id: str | None = None, *, reference_date: dt.date | None = None) -> Document:
    """Extract a ``Document`` from page text given as a string.

    ``reference_date`` resolves relative dates (今年, 去年, 近日); without it they
    are reported with an empty value.
    """
    data = text.encode("utf-8", "surrogatepass")
    raw = RawText(text=text, encoding="utf-8", sha256=sha256_of(data), n_bytes=len(data))
    return extract_raw(raw, None, doc_id, reference_date=reference_date)


def error_document(
    path: str | None, reason: str, stage: str = "ingest", sha256: str = "", n_bytes: int = 0
) -> Document:
    return Document(
        id=_doc_id(path, sha256) if path else (sha256[:16] or "unknown"),
        source=Source(path=path, sha256=sha256, encoding="", chars=0, bytes=n_bytes),
        errors=[ErrorRecord(file=path, stage=stage, reason=reason)],
    )


def extract_file(path: str | os.PathLike[str], *, reference_date: dt.date | None = None) -> Document:
    """Extract a ``Document`` from a file; an unreadable file gives one with ``errors``."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise IngestError("is a directory")
        data = p.read_bytes()
    except IngestError as exc:
        return error_document(name, exc.reason)
    except FileNotFoundError:
        return error_document(name, "no such file")
    except PermissionError:
        return error_document(name, "permission denied")
    except OSError as exc:
        return error_document(name, f"cannot be read: {exc.strerror or exc}")
    try:
        raw = read_bytes(data)
    except IngestError as exc:
        return error_document(name, exc.reason, sha256=sha256_of(data), n_bytes=len(data))
    try:
        return extract_raw(raw, name, reference_date=reference_date)
    except TimeoutError:
        # A pattern hit its time bound on this text (regex module timeout).
        return error_document(name, "a pattern timed out on this text", "extract", raw.sha256, raw.n_bytes)
