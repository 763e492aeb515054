"""Records stage: page layout and resolved candidates -> the pydantic ``Document``.

Every record's ``text`` is computed here, once, as the normalized surface of
its raw slice, so the round trip ``normalize(raw[start:end]) == text`` holds by
construction and is asserted by the tests.
"""

from __future__ import annotations

from typing import Any

from .doc import Doc
from .extractors import Candidate
from .layout import normalize
from .records import (
    ID_PREFIXES,
    DateRecord,
    Document,
    Entity,
    Quantity,
    Quote,
    Source,
)
from .structure.datelines import dateline_record

# Each record layer: its id prefix and the names of its model's fields (a candidate's
# ``fields`` may hold more, for the finders' own use: an entity's ``via``).
_LAYERS: dict[str, tuple[str, frozenset[str]]] = {
    name: (ID_PREFIXES[name], frozenset(model.model_fields))
    for name, model in (("entities", Entity), ("quantities", Quantity), ("dates", DateRecord), ("quotes", Quote))
}


def _surface(raw: str, span: tuple[int, int]) -> str:
    return normalize(raw[span[0] : span[1]])


def build_articles(page: Doc) -> list[dict[str, Any]]:
    """The articles as plain data: ``build_document`` validates the whole document in one call."""
    raw = page.raw
    articles = []
    for a, layout in enumerate(page.articles):
        paragraphs: list[dict[str, Any]] = []
        for b, block in enumerate(layout.paragraphs):
            # A block's reading text is the normalized surface of its raw span
            # by construction (layout.normalize runs the same repair); it is its unit's text.
            mapped = block.mapped
            text = mapped.text
            found = page.unit_sentences(page.block_units[(a, b)])
            sentences = [{"span": mapped.to_raw(s, e), "text": text[s:e]} for s, e in found]
            role = "subheading" if block.kind == "orphan" else block.role
            paragraphs.append({"span": mapped.to_raw(0, len(text)), "text": text, "role": role, "sentences": sentences})
        headlines = [
            {"span": (h.line.raw_start, h.line.raw_end), "text": h.line.text, "role": h.role} for h in layout.headlines
        ]
        credits: list[dict[str, Any]] = [
            {
                "span": c.span,
                "text": _surface(raw, c.span),
                "role": c.role,
                "names": [n.text for n in c.names],
                "rule": c.rule,
            }
            for c in layout.credits
        ]
        byline: list[str] = []
        for credit in credits:
            byline.extend(n for n in credit["names"] if n not in byline)
        main = next((h["text"] for h in headlines if h["role"] == "headline"), None)
        body_spans: list[tuple[int, int]] = [p["span"] for p in paragraphs] + [
            c["span"] for c in credits if c["role"] != "reporter"
        ]
        span = (min(s for s, _ in body_spans), max(e for _, e in body_spans)) if body_spans else (0, 0)
        articles.append(
            {
                "id": layout.id,
                "kind": layout.kind,
                "headline": main,
                "headlines": headlines,
                "byline": byline,
                "credits": credits,
                "span": span,
                "paragraphs": paragraphs,
                "dateline": dateline_record(layout.dateline, page.article_dates.get(layout.id), raw),
            }
        )
    return articles


def surface(doc: Doc, span: tuple[int, int] | None, raw: tuple[int, int]) -> str:
    """A record's text: the reading text of its span, or the normalized raw slice when it has no
    reading span (a name on a credit line) or spans two units (a quote over two paragraphs)."""
    if span is not None:
        text = doc.text[span[0] : span[1]]
        if "\n" not in text:
            return text
    return _surface(doc.raw, raw)


Spans = dict[str, list[tuple[int, int] | None]]  # per layer, each record's reading span (None: it has none)


def reading_spans(kept: list[Candidate]) -> Spans:
    """Each record's reading span, in the order of its layer's list (the k-th has id prefix + k)."""
    out: Spans = {name: [] for name in _LAYERS}
    for cand in kept:
        out[cand.layer].append(cand.span)
    return out


def build_document(doc_id: str, source: Source, page: Doc, candidates: list[Candidate]) -> Document:
    """The validated document: records built as plain data, then validated in one call
    (pydantic-core validates the nested lists without a Python call per record)."""
    layers: dict[str, list[dict[str, Any]]] = {name: [] for name in _LAYERS}
    for cand in candidates:
        prefix, names = _LAYERS[cand.layer]
        items = layers[cand.layer]
        fields = cand.fields
        if not fields.keys() <= names:
            fields = {k: v for k, v in fields.items() if k in names}
        raw = cand.where
        text = surface(page, cand.span, raw)
        items.append({**fields, "id": f"{prefix}{len(items) + 1}", "span": raw, "text": text, "rule": cand.rule})
    furniture = [
        {
            "id": f"{ID_PREFIXES['furniture']}{n}",
            "kind": "label",
            "span": (line.raw_start, line.raw_end),
            "text": line.text,
        }
        for n, line in enumerate(page.furniture, 1)
    ]
    articles = build_articles(page)
    return Document.model_validate(
        {"id": doc_id, "source": source, "articles": articles, "furniture": furniture, **layers}
    )
