"""Exports: documents handed to annotation and training tools, with offsets into the text written beside them.

Every format writes the **raw text itself** (as decoded, without BOM, line
breaks and all, UTF-8) next to its annotations, so record spans are written
unchanged: an offset in an export is a code-point offset into that text, and
``text[start:end]`` is the record's raw slice.  Files are written with
``newline=""`` so that a ``\\r`` of the raw text stays in place; read them back
the same way (Python: ``open(path, encoding="utf-8", newline="")``).

* **Label Studio** (``to_label_studio``, one JSON file): a list of tasks,
  ``data.text`` the raw text, the records as ``predictions`` (pre-annotations)
  of ``labels`` regions with code-point ``start``/``end`` (Label Studio counts
  code points, not UTF-16 units), ``text`` the raw slice, ``labels`` the type
  (PERSON, ORG, LOCATION, EVENT, WORK, QUANTITY, DATE, QUOTE) and ``meta.text``
  the record's id, rule and normalized value.  ``LABEL_STUDIO_CONFIG`` is the
  labeling config they import into (``from_name="label"``, ``to_name="text"``).
* **brat standoff** (``write_brat``, a folder): ``<doc id>.txt`` (the raw
  text), ``<doc id>.ann`` and one ``annotation.conf``.  Each record is a
  text-bound annotation ``T<n>``; a span that runs over line breaks is written
  as fragments (``start end;start end``) that leave out the line breaks, as
  brat requires, so its extent is still the first start and the last end.  An
  ``AnnotatorNotes`` line keeps the record's id, rule and value, and a quote
  with a known speaker gets a ``Speaker`` relation to the speaker's entity.
* **CoNLL BIO** (``to_conll``, one file): character-level BIO for PERSON, ORG
  and LOCATION, one raw character per line as ``char offset tag``; whitespace
  characters are not written (the offset column keeps the others in place), a
  blank line closes a sequence at the start of each headline, paragraph or
  credit (never inside an entity), and each document opens with
  ``-DOCSTART- <doc id>``.  BIO cannot nest: an entity inside another entity
  of these types is left out (the outer one is kept); ``conll_entities`` says
  which entities a document's BIO holds.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import __version__
from .records import Document, Spanned

# The record lists exported as spans, and their label when not an entity.
SPAN_LISTS = ("entities", "quantities", "dates", "quotes")
LIST_LABELS = {"quantities": "QUANTITY", "dates": "DATE", "quotes": "QUOTE"}
ENTITY_LABELS = ("PERSON", "ORG", "LOCATION", "EVENT", "WORK")
LABELS = (*ENTITY_LABELS, "QUANTITY", "DATE", "QUOTE")
CONLL_LABELS = ("PERSON", "ORG", "LOCATION")

LABEL_STUDIO_CONFIG = (
    "<View>\n"
    '  <Labels name="label" toName="text">\n'
    + "".join(f'    <Label value="{label}"/>\n' for label in LABELS)
    + "  </Labels>\n"
    '  <Text name="text" value="$text"/>\n'
    "</View>\n"
)


@dataclass(frozen=True)
class SpanRecord:
    """A record as the exports see it: its label, raw span and what to note about it."""

    id: str
    label: str
    start: int
    end: int
    note: str
    record: Spanned


def _value(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _note(record: Spanned) -> str:
    parts = [f"id={getattr(record, 'id', '')}", f"rule={getattr(record, 'rule', '')}"]
    for name in ("value", "value_max", "unit", "qualifier", "kind", "canonical", "speaker"):
        value = getattr(record, name, None)
        if value not in (None, ""):
            parts.append(f"{name}={_value(value)}")
    return " ".join(parts)


def span_records(document: Document) -> list[SpanRecord]:
    """The exported records of a document, in span order (then longest first)."""
    out = []
    for name in SPAN_LISTS:
        for record in getattr(document, name):
            label = str(getattr(record, "type", "")) if name == "entities" else LIST_LABELS[name]
            start, end = record.span
            out.append(SpanRecord(str(getattr(record, "id", "")), label, start, end, _note(record), record))
    return sorted(out, key=lambda r: (r.start, -r.end, LABELS.index(r.label) if r.label in LABELS else 99))


# --- Label Studio ---------------------------------------------------------------------------


def to_label_studio(documents: Iterable[tuple[Document, str]]) -> list[dict]:
    """Label Studio tasks, one per (document, raw text), with the records as predictions."""
    tasks = []
    for document, raw in documents:
        results = [
            {
                "id": rec.id,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": "prediction",
                "value": {"start": rec.start, "end": rec.end, "text": raw[rec.start : rec.end], "labels": [rec.label]},
                "meta": {"text": [rec.note]},
            }
            for rec in span_records(document)
        ]
        tasks.append(
            {
                "data": {"text": raw, "doc_id": document.id, "path": document.source.path},
                "predictions": [{"model_version": f"extract {__version__}", "result": results}],
            }
        )
    return tasks


def write_label_studio(documents: Iterable[tuple[Document, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        json.dump(to_label_studio(documents), fh, ensure_ascii=False, indent=1)
        fh.write("\n")


# --- brat standoff ----------------------------------------------------------------------------


def brat_fragments(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces without line breaks (an empty span stays one piece)."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for i in range(start, end):
        if raw[i] in "\r\n":
            if i > pos:
                pieces.append((pos, i))
            pos = i + 1
    if end > pos:
        pieces.append((pos, end))
    return pieces or [(start, end)]


def to_brat(document: Document, raw: str) -> str:
    """The ``.ann`` text of a document over its raw text."""
    lines = []
    tids: dict[str, str] = {}
    for n, rec in enumerate(span_records(document), 1):
        tid = f"T{n}"
        tids.setdefault(rec.id, tid)
        pieces = brat_fragments(raw, rec.start, rec.end)
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        surface = " ".join(raw[a:b] for a, b in pieces).replace("\t", " ")
        lines.append(f"{tid}\t{rec.label} {offsets}\t{surface}")
        lines.append(f"#{n}\tAnnotatorNotes {tid}\t{rec.note}")
    n_rel = 0
    for quote in document.quotes:
        if quote.speaker_id in tids and quote.id in tids:
            n_rel += 1
            lines.append(f"R{n_rel}\tSpeaker Arg1:{tids[quote.id]} Arg2:{tids[quote.speaker_id]}")
    return "".join(line + "\n" for line in lines)


BRAT_CONF = (
    "[entities]\n"
    + "".join(f"{label}\n" for label in LABELS)
    + "\n[relations]\nSpeaker\tArg1:QUOTE, Arg2:PERSON|ORG\n"
    + "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
    + "\n[events]\n\n[attributes]\n"
)


def _unique_names(documents: list[tuple[Document, str]]) -> list[str]:
    names: list[str] = []
    for document, _ in documents:
        name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in document.id) or "document"
        base, k = name, 1
        while name in names:
            k += 1
            name = f"{base}-{k}"
        names.append(name)
    return names


def write_brat(documents: Iterable[tuple[Document, str]], folder: Path) -> list[Path]:
    """``<name>.txt`` and ``<name>.ann`` per document and ``annotation.conf`` in ``folder``; the .ann paths."""
    docs = list(documents)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (document, raw) in zip(_unique_names(docs), docs):
        (folder / f"{name}.txt").write_text(raw, encoding="utf-8", newline="")
        ann = folder / f"{name}.ann"
        ann.write_text(to_brat(document, raw), encoding="utf-8", newline="")
        written.append(ann)
    (folder / "annotation.conf").write_text(BRAT_CONF, encoding="utf-8", newline="")
    return written


def read_brat(ann_text: str) -> list[tuple[str, str, int, int, list[tuple[int, int]], str]]:
    """Text-bound annotations of an ``.ann`` text: (id, label, start, end, fragments, surface)."""
    out = []
    for line in ann_text.splitlines():
        if not line.startswith("T"):
            continue
        tid, head, surface = line.split("\t", 2)
        label, offsets = head.split(" ", 1)
        pieces = [(int(a), int(b)) for a, b in (piece.split(" ") for piece in offsets.split(";"))]
        out.append((tid, label, pieces[0][0], pieces[-1][1], pieces, surface))
    return out


# --- CoNLL BIO --------------------------------------------------------------------------------


def conll_entities(document: Document) -> list[SpanRecord]:
    """The PERSON/ORG/LOCATION records the BIO holds: not empty, not inside another one kept."""
    kept: list[SpanRecord] = []
    for rec in span_records(document):
        if rec.label not in CONLL_LABELS or rec.start >= rec.end:
            continue
        if kept and rec.start < kept[-1].end:
            continue  # inside (or across) the entity kept before it: BIO cannot nest
        kept.append(rec)
    return kept


def _unit_starts(document: Document) -> set[int]:
    starts = set()
    for article in document.articles:
        for item in (*article.headlines, *article.paragraphs, *article.credits):
            starts.add(item.span[0])
    return starts


def conll_lines(document: Document, raw: str) -> Iterator[str]:
    """The BIO lines of one document, ``-DOCSTART-`` first, no trailing blank line."""
    tags: dict[int, str] = {}
    inside: set[int] = set()
    for rec in conll_entities(document):
        tags[rec.start] = f"B-{rec.label}"
        for i in range(rec.start + 1, rec.end):
            tags[i] = f"I-{rec.label}"
            inside.add(i)
    breaks = _unit_starts(document) - inside
    yield f"-DOCSTART- {document.id}"
    pending_break = True
    for i, ch in enumerate(raw):
        if i in breaks:
            pending_break = True
        if ch.isspace():
            continue
        if pending_break:
            yield ""
            pending_break = False
        yield f"{ch} {i} {tags.get(i, 'O')}"


def to_conll(documents: Iterable[tuple[Document, str]]) -> str:
    blocks = ["\n".join(conll_lines(document, raw)) for document, raw in documents]
    return "\n\n".join(blocks) + "\n"


def write_conll(documents: Iterable[tuple[Document, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_conll(documents), encoding="utf-8", newline="")


def read_conll(text: str) -> dict[str, list[tuple[str, int, int]]]:
    """Entities per document id from BIO text: (label, start, end) with end = last character + 1."""
    docs: dict[str, list[tuple[str, int, int]]] = {}
    current: list[tuple[str, int, int]] = []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-"):
            current = docs.setdefault(line.split(" ", 1)[1] if " " in line else "", [])
            continue
        if not line:
            continue
        _, offset, tag = line.rsplit(" ", 2)
        pos = int(offset)
        if tag.startswith("B-"):
            current.append((tag[2:], pos, pos + 1))
        elif tag.startswith("I-") and current and current[-1][0] == tag[2:]:
            label, start, _ = current[-1]
            current[-1] = (label, start, pos + 1)
    return docs


FORMATS = ("label-studio", "brat", "conll")


def export(documents: Iterable[tuple[Document, str]], fmt: str, out: Path) -> None:
    """Write ``documents`` (each with its raw text) in ``fmt`` to ``out``: a file, or a folder for brat."""
    if fmt == "label-studio":
        write_label_studio(documents, out)
    elif fmt == "brat":
        write_brat(documents, out)
    elif fmt == "conll":
        write_conll(documents, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


def run_export(paths: list[str], fmt: str, output: str, *, reference_date: dt.date | None = None) -> int:
    """``extract export --to FORMAT PATH... -o OUT``: 0 when every input gave a document, 1 when some gave errors.

    Inputs that gave errors are reported on stderr and left out of the export.
    """
    from .batch import iter_inputs
    from .view import load_page

    documents = []
    failed = 0
    for path in iter_inputs(paths):
        document, raw = load_page(path, reference_date=reference_date)
        if document.errors:
            failed += 1
            for error in document.errors:
                sys.stderr.write(f"extract: {error.file or path}: {error.reason}\n")
            continue
        documents.append((document, raw))
    out = Path(output)
    if fmt != "brat" and out.is_dir():
        sys.stderr.write(f"extract: {output} is a folder; --to {fmt} writes one file\n")
        return 2
    if fmt == "brat" and out.exists() and not out.is_dir():
        sys.stderr.write(f"extract: {output} is a file; --to brat writes a folder\n")
        return 2
    export(documents, fmt, out)
    return 1 if failed else 0
