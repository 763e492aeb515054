"""View renderer: a document as one self-contained HTML page, for people to check an extraction.

``render_html(document, raw_text)`` shows the page as reading text, article by
article (headlines, then bylines, paragraphs and credits in raw order), every
entity, quantity, date and quote highlighted by type, a legend with counts
(click a type to hide its highlights), the relations of each article as a list
under it, and a side panel that shows, on hover, the record under the pointer
and every record around it: type, id, normalized value and unit, qualifier,
rule, raw offsets.

The page needs nothing outside itself: inline CSS and JS (``view_assets``),
no fonts, images or requests (a Content-Security-Policy forbids them), and all
page text is escaped (a page that contains ``<script>`` shows it as text).  Record details travel as
JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` written as ``\\u`` escapes, and the panel fills itself with
``textContent`` only.

Markup of nested and overlapping records
----------------------------------------
Each displayed unit (a headline, a paragraph, a credit) is the reading text of
its raw span, repaired by ``layout.repair``, so that every displayed character
knows the raw offset it came from; a record covers the characters whose raw
offset lies in its ``[start, end)``.  Records become ``<mark>`` elements nested
properly: at each boundary the marks that end there are closed, and the marks
that start there are opened, longest first (a quote is opened before the
entity inside it, an entity before the quantity inside it), so a record that
lies inside another is a child element of it.  Two records that cross
(``[a b) [c d)`` with ``a < c < b < d``), or a record that runs over two units,
cannot be one element: the record is cut at the boundary and its later pieces
are marked ``class="cont"``.  Every record therefore has exactly one element
without ``cont`` (its first piece) and shares its ``data-id`` with its other
pieces: ``mark.rec:not(.cont)`` counts the records, and hovering any piece
highlights them all.  A record whose raw span shows in no unit (or an empty
span) is listed, as its own mark, under "Records outside the article text".
"""

from __future__ import annotations

import bisect
import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .layout import repair, replace_surrogates
from .records import Article, Document, Spanned
from .view_assets import CSS, JS, TYPE_STYLES

# The record lists highlighted in the page, in the order they nest when two
# records have the same extent (the first is the outer one).
HIGHLIGHTED = ("quotes", "entities", "dates", "quantities")


def _esc(text: str) -> str:
    return html.escape(replace_surrogates(text), quote=True)


def _label(kind: str, record: Spanned) -> str:
    if kind == "entities":
        return str(getattr(record, "type", "ENTITY"))
    return {"quantities": "QUANTITY", "dates": "DATE", "quotes": "QUOTE"}.get(kind, kind.upper())


def _css_class(label: str) -> str:
    return f"t-{label}" if label in TYPE_STYLES else "t-other"


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple | list) and all(isinstance(v, int) for v in value):
        return "[" + ", ".join(str(v) for v in value) + ")" if len(value) == 2 else json.dumps(list(value))
    if isinstance(value, dict):
        return " · ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


# Fields shown first in the panel; the others follow in model order.
_FIRST_FIELDS = ("type", "value", "value_max", "unit", "unit_kind", "qualifier", "ordinal", "kind", "speaker")


def _rows(record: Spanned) -> list[list[str]]:
    """The panel's rows for a record: [field, shown value], every non-empty field."""
    fields = list(type(record).model_fields)
    ordered = [f for f in _FIRST_FIELDS if f in fields] + [f for f in fields if f not in _FIRST_FIELDS]
    rows = []
    for name in ordered:
        value = getattr(record, name)
        if name in ("id", "span", "text") or value is None or value is False or value in ("", [], {}):
            continue
        rows.append([name, _show(value)])
    rows.append(["raw offsets", _show(record.span)])
    return rows


@dataclass(frozen=True)
class _Mark:
    key: str  # data-id: the record id, unique in the page
    label: str  # PERSON ... QUANTITY, DATE, QUOTE
    record: Spanned
    order: int  # nesting order for equal extents


@dataclass(frozen=True)
class _Unit:
    kind: str  # kicker, headline, subheadline, body, subheading, caption, credit
    span: tuple[int, int]
    note: str = ""


def _marks(document: Document) -> list[_Mark]:
    marks: list[_Mark] = []
    used: Counter[str] = Counter()
    for order, kind in enumerate(HIGHLIGHTED):
        for record in getattr(document, kind):
            rid = str(getattr(record, "id", "") or f"{kind}{len(marks) + 1}")
            used[rid] += 1
            key = rid if used[rid] == 1 else f"{rid}#{used[rid]}"
            marks.append(_Mark(key, _label(kind, record), record, order))
    return marks


def _units(article) -> list[_Unit]:
    units = [_Unit(h.role, h.span) for h in article.headlines]
    body = [_Unit(p.role, p.span) for p in article.paragraphs]
    body += [_Unit("credit", c.span, c.role) for c in article.credits]
    return units + sorted(body, key=lambda u: u.span)


class _Renderer:
    def __init__(self, document: Document, raw: str) -> None:
        self.raw = raw
        self.marks = _marks(document)
        self.by_start = sorted(self.marks, key=lambda m: m.record.span[0])
        self.starts = [m.record.span[0] for m in self.by_start]
        self.longest = max((m.record.span[1] - m.record.span[0] for m in self.marks), default=0)
        self.seen: set[str] = set()

    def _open(self, mark: _Mark) -> str:
        cont = mark.key in self.seen
        self.seen.add(mark.key)
        classes = f"rec {_css_class(mark.label)}" + (" cont" if cont else "")
        return f'<mark class="{classes}" data-id="{_esc(mark.key)}">'

    def unit_html(self, unit: _Unit) -> str:
        """The reading text of a unit with its records as properly nested marks."""
        start, end = unit.span
        mapped = repair(self.raw, start, end)
        text = mapped.text
        offsets = list(mapped.starts)
        spans: list[tuple[int, int, _Mark]] = []
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        for mark in self.by_start[lo:hi]:
            a, b = mark.record.span
            ci, cj = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
            if ci < cj:
                spans.append((ci, cj, mark))
        spans.sort(key=lambda s: (s[0], -s[1], s[2].order))
        bounds = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
        out: list[str] = []
        stack: list[tuple[int, _Mark]] = []  # (end, mark), outermost first
        k = 0
        pos = 0
        for bound in bounds:
            out.append(_esc(text[pos:bound]))
            pos = bound
            ending = [i for i, (e, _) in enumerate(stack) if e == bound]
            reopen: list[tuple[int, _Mark]] = []
            if ending:
                # Close down to the outermost mark that ends here; the marks
                # above it that go on (crossing records) are opened again.
                cut = ending[0]
                reopen = [item for item in stack[cut:] if item[0] != bound]
                out.append("</mark>" * (len(stack) - cut))
                del stack[cut:]
            starting: list[tuple[int, _Mark]] = []
            while k < len(spans) and spans[k][0] == bound:
                starting.append((spans[k][1], spans[k][2]))
                k += 1
            for item in sorted(reopen + starting, key=lambda it: (-it[0], it[1].order)):
                out.append(self._open(item[1]))
                stack.append(item)
        out.append("</mark>" * len(stack))
        return "".join(out)

    def loose_html(self) -> str:
        """Marks of the records that showed in no unit, each with its text and offsets."""
        items = []
        for mark in self.marks:
            if mark.key in self.seen:
                continue
            a, b = mark.record.span
            items.append(f"<li>{self._open(mark)}{_esc(mark.record.text) or '∅'}</mark> <small>[{a}, {b})</small></li>")
        return "".join(items)


def _relation_items(relations: Iterable) -> str:
    items = []
    for rel in relations:
        roles = " · ".join(f"{_esc(k)}: {_esc(v)}" for k, v in rel.roles.items())
        args = " ".join(_esc(a) for a in rel.args)
        items.append(
            f'<li class="relation" data-args="{args}"><b>{_esc(rel.id)}</b> <i>{_esc(rel.type)}</i> '
            f"「{_esc(rel.text)}」 {roles} <small>→ {args or '–'} · {_esc(rel.rule)} · "
            f"[{rel.span[0]}, {rel.span[1]})</small></li>"
        )
    return "".join(items)


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_html(document: Document, raw_text: str) -> str:
    """The document over its raw text as one self-contained HTML page (see the module docstring)."""
    if len(raw_text) != document.source.chars and document.source.chars:
        raise ValueError(
            f"raw text has {len(raw_text)} code points, the document was extracted from {document.source.chars}"
        )
    renderer = _Renderer(document, raw_text)
    by_article: dict[str | None, list] = {}
    for rel in document.relations:
        by_article.setdefault(rel.article, []).append(rel)
    sections = [_article_section(article, renderer, by_article.pop(article.id, [])) for article in document.articles]
    loose = renderer.loose_html()
    rest = [rel for rels in by_article.values() for rel in rels]
    if loose or rest:
        sections.append(
            '<section class="article loose"><div class="ameta">Records outside the article text</div>'
            + (f"<ul>{loose}</ul>" if loose else "")
            + (f'<ul class="relations">{_relation_items(rest)}</ul>' if rest else "")
            + "</section>"
        )
    if document.errors:
        errors = "".join(f"<li>{_esc(e.stage)}: {_esc(e.reason)}</li>" for e in document.errors)
        sections.insert(
            0, f'<section class="article errors"><div class="ameta">Errors</div><ul>{errors}</ul></section>'
        )
    details = {m.key: {"label": m.label, "text": m.record.text, "rows": _rows(m.record)} for m in renderer.marks}
    page = _PAGE.format(
        title=_esc(document.id),
        meta=_meta(document, renderer.marks),
        legend=_legend(renderer.marks),
        sections="".join(sections),
        records=_json_for_script(details),
        css=CSS,
        js=JS,
    )
    return replace_surrogates(page)


def _article_section(article: Article, renderer: _Renderer, relations: list) -> str:
    """An article's section: its ids and span, its units with their marks, its relations."""
    parts = [
        f'<section class="article" id="article-{_esc(article.id)}">',
        f'<div class="ameta">{_esc(article.id)} · {_esc(article.kind)} · raw [{article.span[0]}, {article.span[1]})'
        + (f" · byline: {_esc('、'.join(article.byline))}" if article.byline else "")
        + "</div>",
    ]
    for unit in _units(article):
        tag = "h2" if unit.kind in ("kicker", "headline", "subheadline") else "p"
        role = f' data-role="{_esc(unit.note)}"' if unit.note else ""
        parts.append(
            f'<{tag} class="unit u-{_esc(unit.kind)}"{role} title="raw [{unit.span[0]}, {unit.span[1]})">'
            f"{renderer.unit_html(unit)}</{tag}>"
        )
    if relations:
        parts.append(f'<ul class="relations">{_relation_items(relations)}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _legend(marks: list[_Mark]) -> str:
    """The legend: a switch per record type shown, with its count (known types first, in style order)."""
    counts = Counter(m.label for m in marks)
    labels = [label for label in TYPE_STYLES if counts[label]] + sorted(set(counts) - set(TYPE_STYLES))
    return "".join(
        f'<li class="{_css_class(label)}" data-label="{_esc(label)}" title="click to hide or show">'
        f"{_esc(label)} {counts[label]}</li>"
        for label in labels
    )


def _meta(document: Document, marks: list[_Mark]) -> str:
    source = document.source
    return (
        f"{_esc(source.path or '(text)')} · {source.chars} chars · {source.encoding or '?'} · "
        f"{len(document.articles)} articles · {len(marks)} records highlighted · "
        f"{len(document.relations)} relations · schema {_esc(document.schema_version)}"
    )


_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · extract</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="meta">{meta}</div>
<ul class="legend">{legend}</ul>
</header>
<div class="wrap">
<main>
{sections}
</main>
<aside id="panel"><p>Hover a highlighted record to see it here: type, value and unit, qualifier, rule, raw offsets.</p></aside>
</div>
<script type="application/json" id="records">{records}</script>
<script>{js}</script>
</body>
</html>
"""
