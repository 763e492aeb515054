"""Gold annotations for ``extract evaluate``: JSON Lines, character BIO/CoNLL, Label Studio exports.

Every reader gives ``GoldItem``s: a text and its annotated spans, with labels
mapped to our record types by the table ``data/labels.toml``.  A file that
cannot be read, or a line that does not parse or points outside its text, raises
``GoldError`` naming the file and the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from .rules import load_data

FORMATS = ("jsonl", "bio", "label-studio")
# Extensions -> format; anything else is sniffed from the first non-blank character.
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".bio": "bio",
    ".conll": "bio",
    ".bmes": "bio",
    ".char": "bio",
    ".tsv": "bio",
    ".txt": "bio",
    ".json": "label-studio",
}


class GoldError(Exception):
    """A gold file that cannot be read: ``str()`` is 'file:line: reason'."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")


@dataclass(frozen=True)
class GoldSpan:
    type: str
    start: int
    end: int
    value: str | None = None  # quantities and dates: the gold value, when given
    unit: str | None = None
    value_max: str | None = None


@dataclass
class GoldItem:
    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    line: int | None = None  # where the item starts in its file


@dataclass
class GoldSet:
    """The items of one gold file and the types it annotates (after mapping)."""

    path: str
    format: str
    items: list[GoldItem]
    types: set[str]
    skipped: int = 0  # items without annotations (Label Studio tasks nobody annotated)


@cache
def label_table() -> dict[str, str]:
    """Upper-cased gold label -> our type, from ``data/labels.toml``."""
    table: dict[str, str] = {}
    for row in load_data("labels.toml")["label"]:
        for label in row["labels"]:
            table[label.upper()] = row["type"]
    return table


def map_label(label: str) -> str:
    """Our type for another set's label (``PER`` -> ``PERSON``); an unknown label in upper case."""
    key = label.strip().upper()
    return label_table().get(key, key)


def detect_format(path: Path, fmt: str | None = None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise GoldError(str(path), None, f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return fmt
    by_ext = EXTENSIONS.get(path.suffix.lower())
    if by_ext and by_ext != "label-studio":
        return by_ext
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        head = fh.read(4096).lstrip()
    if head.startswith("["):
        return "label-studio"
    if head.startswith("{"):  # one task object (.json) or one object per line
        return "label-studio" if by_ext == "label-studio" and "\n{" not in head else "jsonl"
    return "bio"


def read_gold(path: str | Path, fmt: str | None = None) -> GoldSet:
    """The gold items of one file, in ``fmt`` or the format its extension or content shows."""
    p = Path(path)
    try:
        kind = detect_format(p, fmt)
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(str(path), None, "no such file") from None
    except IsADirectoryError:
        raise GoldError(str(path), None, "is a directory") from None
    except UnicodeDecodeError as exc:
        raise GoldError(str(path), None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise GoldError(str(path), None, f"cannot be read: {exc.strerror or exc}") from None
    if kind == "jsonl":
        items, skipped = _read_jsonl(str(path), text), 0
    elif kind == "bio":
        items, skipped = _read_bio(str(path), text), 0
    else:
        items, skipped = _read_label_studio(str(path), text)
    types = {s.type for item in items for s in item.spans}
    if kind == "jsonl":
        types |= _jsonl_declared_types(text)
    return GoldSet(str(path), kind, items, types, skipped)


# --- JSON Lines -------------------------------------------------------------------------------


def _jsonl_declared_types(text: str) -> set[str]:
    """QUANTITY and DATE are annotated when any line carries the key, even with an empty list."""
    out = set()
    if '"quantities"' in text:
        out.add("QUANTITY")
    if '"dates"' in text:
        out.add("DATE")
    return out


def _span(path: str, line: int, text: str, raw: Any, kind: str) -> GoldSpan:
    if not isinstance(raw, dict):
        raise GoldError(path, line, f"an item of {kind!r} is not an object")
    try:
        start, end = int(raw["start"]), int(raw["end"])
    except (KeyError, TypeError, ValueError):
        raise GoldError(path, line, f"an item of {kind!r} has no integer start and end") from None
    if not 0 <= start < end <= len(text):
        raise GoldError(path, line, f"span [{start}, {end}) is outside the text of {len(text)} characters")
    surface = raw.get("text")
    if isinstance(surface, str) and surface != text[start:end]:
        raise GoldError(path, line, f"span [{start}, {end}) reads {text[start:end]!r}, the item says {surface!r}")
    if kind == "entities":
        label = raw.get("type") or raw.get("label")
        if not isinstance(label, str) or not label:
            raise GoldError(path, line, "an entity has neither type nor label")
        return GoldSpan(map_label(label), start, end)
    value = raw.get("value")
    unit = raw.get("unit")
    value_max = raw.get("value_max")
    return GoldSpan(
        "QUANTITY" if kind == "quantities" else "DATE",
        start,
        end,
        None if value is None else str(value),
        None if unit is None else str(unit),
        None if value_max is None else str(value_max),
    )


def _cluener_entities(path: str, line: int, label: dict[str, Any]) -> list[dict[str, Any]]:
    """CLUENER2020's own form, ``"label": {type: {surface: [[start, last], ...]}}`` (end inclusive)."""
    out = []
    for kind, surfaces in label.items():
        if not isinstance(surfaces, dict):
            raise GoldError(path, line, f'"label" of type {kind!r} is not an object of surfaces')
        for surface, places in surfaces.items():
            for place in places:
                if not (isinstance(place, list) and len(place) == 2):
                    raise GoldError(path, line, f"{kind} {surface!r}: a place is not [start, last]")
                out.append({"label": kind, "start": place[0], "end": int(place[1]) + 1, "text": surface})
    return out


def _read_jsonl(path: str, text: str) -> list[GoldItem]:
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(path, n, f"not JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise GoldError(path, n, 'a line must be an object with a "text" string')
        body = data["text"]
        if "entities" not in data and isinstance(data.get("label"), dict):
            data["entities"] = _cluener_entities(path, n, data["label"])
        spans: list[GoldSpan] = []
        for kind in ("entities", "quantities", "dates"):
            listed = data.get(kind) or []
            if not isinstance(listed, list):
                raise GoldError(path, n, f"{kind!r} is not a list")
            spans.extend(_span(path, n, body, raw, kind) for raw in listed)
        items.append(GoldItem(str(data.get("id", f"line-{n}")), body, spans, n))
    return items


# --- character BIO / CoNLL --------------------------------------------------------------------


def _split_bio_line(path: str, n: int, line: str) -> tuple[str, int | None, str]:
    """(character, offset or None, tag) of one line: 'char tag' or 'char offset tag' (our export)."""
    parts = line.split()
    if len(parts) == 1:  # the character itself was a space: only the tag is left
        return " ", None, parts[0]
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1]), parts[2]
    if len(parts) >= 2 and len(parts[0]) == 1:  # CoNLL columns: the character first, the tag last
        return parts[0], None, parts[-1]
    raise GoldError(path, n, f"expected 'character tag' or 'character offset tag', got {line!r}")


def _tag(path: str, n: int, tag: str) -> tuple[str, str]:
    """('B'|'I'|'E'|'S'|'O', label) of a BIO or BIOES tag (B-PER, I-LOC, M-ORG, S-PER, O)."""
    if tag in ("O", "o"):
        return "O", ""
    head, sep, label = tag.partition("-")
    if not sep:
        head, sep, label = tag.partition("_")
    head = head.upper()
    if not sep or not label or head not in ("B", "I", "M", "E", "S"):
        raise GoldError(path, n, f"not a BIO/BIOES tag: {tag!r}")
    return ("I" if head == "M" else head), label


class _BioBuilder:
    """Characters and spans of one item while its lines are read."""

    def __init__(self, item_id: str, line: int) -> None:
        self.id, self.line = item_id, line
        self.chars: list[str] = []
        self.spans: list[GoldSpan] = []
        self.open: tuple[str, int] | None = None  # (type, start) of the entity being read
        self.gap_break = False
        self.prev_end = 0

    def add(self, path: str, n: int, char: str, offset: int | None, tag: str) -> None:
        if offset is not None:  # our export skips whitespace: put it back as spaces or a line break
            if offset < len(self.chars):
                raise GoldError(path, n, f"offset {offset} goes back (the item is at {len(self.chars)})")
            fill = "\n" if self.gap_break else " "
            self.chars.extend(fill * (offset - len(self.chars)))
        self.gap_break = False
        head, label = _tag(path, n, tag)
        prev_end = self.prev_end  # an entity ends after its last character, not at a gap filled after it
        pos = len(self.chars)
        self.chars.append(char)
        self.prev_end = pos + 1
        kind = map_label(label) if label else ""
        if head in ("B", "S", "O") or (self.open and self.open[0] != kind):
            self.close(prev_end)
        if head in ("B", "S") or (head in ("I", "E") and self.open is None):
            self.open = (kind, pos)  # an I- after O opens an entity, as conlleval reads it
        if head in ("E", "S"):
            self.close(pos + 1)

    def close(self, end: int) -> None:
        if self.open is not None:
            self.spans.append(GoldSpan(self.open[0], self.open[1], end))
            self.open = None

    def item(self) -> GoldItem:
        self.close(self.prev_end)
        return GoldItem(self.id, "".join(self.chars), self.spans, self.line)


def _read_bio(path: str, text: str) -> list[GoldItem]:
    """Items of a BIO file: sentences between blank lines, or documents after ``-DOCSTART-`` lines.

    Our own export (``char offset tag``) keeps raw offsets and marks documents
    with ``-DOCSTART- id``; its blank lines part paragraphs inside a document.
    """
    items: list[GoldItem] = []
    offsets = any(len(line.split()) == 3 and line.split()[1].isdigit() for line in text.splitlines()[:50])
    current: _BioBuilder | None = None
    count = 0

    def finish() -> None:
        nonlocal current
        if current is not None and current.chars:
            items.append(current.item())
        current = None

    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("-DOCSTART-"):
            finish()
            count += 1
            name = line.split(maxsplit=1)[1] if " " in line.strip() else f"doc-{count}"
            current = _BioBuilder(name, n)
            continue
        if not line.strip():
            if offsets and current is not None:
                current.gap_break = True  # a paragraph break inside a document of our export
            else:
                finish()
            continue
        if current is None:
            count += 1
            current = _BioBuilder(f"sentence-{count}", n)
        char, offset, tag = _split_bio_line(path, n, line)
        current.add(path, n, char, offset, tag)
    finish()
    return items


# --- Label Studio -----------------------------------------------------------------------------


def _task_text(path: str, n: int, task: dict[str, Any]) -> str:
    data = task.get("data")
    if not isinstance(data, dict):
        raise GoldError(path, n, "a task has no 'data' object")
    if isinstance(data.get("text"), str):
        return data["text"]
    for value in data.values():
        if isinstance(value, str):
            return value
    raise GoldError(path, n, "a task's data has no text")


def _annotation(task: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The results of the task's first annotation that was not cancelled; None when nobody annotated it."""
    for annotation in task.get("annotations") or []:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            result = annotation.get("result")
            return result if isinstance(result, list) else []
    return None


def _read_label_studio(path: str, text: str) -> tuple[list[GoldItem], int]:
    """Tasks of a Label Studio JSON export: the people's ``annotations``, never the ``predictions``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(path, exc.lineno, f"not JSON: {exc.msg}") from None
    tasks = data if isinstance(data, list) else [data]
    items, skipped = [], 0
    for n, task in enumerate(tasks, 1):
        where = f"task {n}"
        if not isinstance(task, dict):
            raise GoldError(path, None, f"{where} is not an object")
        body = _task_text(path, n, task)
        results = _annotation(task)
        if results is None:
            skipped += 1
            continue
        spans = []
        for result in results:
            value = result.get("value") if isinstance(result, dict) else None
            if not isinstance(value, dict) or "start" not in value or not value.get("labels"):
                continue  # relations, choices, text areas: not spans
            label = value["labels"][0]
            start, end = int(value["start"]), int(value["end"])
            if not 0 <= start < end <= len(body):
                raise GoldError(path, None, f"{where}: span [{start}, {end}) is outside its text")
            spans.append(GoldSpan(map_label(label), start, end))
        items.append(GoldItem(str(task.get("id", (task.get("data") or {}).get("doc_id", n))), body, spans, None))
    return items, skipped


def same_value(gold: GoldSpan, value: object, unit: str | None = None) -> bool:
    """Whether a matched record carries the gold value: numbers compared exactly, dates as strings;
    the unit too when the gold gives one."""
    if gold.type == "DATE":
        return str(value) == gold.value
    try:
        if value is None or Decimal(str(gold.value)) != Decimal(str(value)):
            return False
    except InvalidOperation:
        return False
    return gold.unit is None or gold.unit == unit
