"""View: a document rendered as one self-contained HTML page, for people to check an extraction.

``render_html(document, raw_text)`` shows the page as reading text, article by
article (headlines, then bylines, paragraphs and credits in raw order), every
entity, quantity, date and quote highlighted by type, a legend with counts
(click a type to hide its highlights), the relations of each article as a list
under it, and a side panel that shows, on hover, the record under the pointer
and every record around it: type, id, normalized value and unit, qualifier,
rule, raw offsets.

The page needs nothing outside itself: inline CSS and JS, no fonts, images or
requests (a Content-Security-Policy forbids them), and all page text is escaped
(a page that contains ``<script>`` shows it as text).  Record details travel as
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
import datetime as dt
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .layout import repair
from .records import Document, Spanned

# The record lists highlighted in the page, in the order they nest when two
# records have the same extent (the first is the outer one).
HIGHLIGHTED = ("quotes", "entities", "dates", "quantities")

# Colors of the types the records model knows; a type added later gets the
# fallback style (class t-other) and still shows in the legend.
TYPE_STYLES = {
    "PERSON": "background:#ffd3d3",
    "ORG": "background:#cfe0ff",
    "LOCATION": "background:#cdeccd",
    "EVENT": "background:#ecd5ff",
    "WORK": "background:#ffe2b8",
    "QUANTITY": "background:#ffe8d6;border-bottom:3px solid #e8590c",
    "DATE": "background:#d3f4f4;border-bottom:3px dotted #0b7285",
    "QUOTE": "background:#fff8c4;border-bottom:2px solid #c9a400",
}

_SURROGATE = re.compile("[\ud800-\udfff]")


def _esc(text: str) -> str:
    return html.escape(_SURROGATE.sub("\ufffd", text), quote=True)


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


_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.9 "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif;
  color: #222; background: #f6f6f3; }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { margin: 0; font-size: 20px; }
header .meta { color: #666; font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; padding: 0; list-style: none; }
.legend li { cursor: pointer; font-size: 13px; padding: 0 6px; border-radius: 3px; user-select: none; }
.legend li.off { opacity: .35; text-decoration: line-through; }
.wrap { display: flex; gap: 16px; padding: 16px 20px; align-items: flex-start; }
main { flex: 1; min-width: 0; }
aside#panel { width: 340px; position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto;
  background: #fff; border: 1px solid #ccc; border-radius: 6px; padding: 10px 12px; font-size: 13px; line-height: 1.5; }
aside#panel .card { border-top: 1px solid #eee; padding: 6px 0; }
aside#panel .card:first-of-type { border-top: 0; }
aside#panel .card h3 { margin: 0 0 4px; font-size: 14px; }
aside#panel .card .text { font-size: 15px; margin-bottom: 4px; }
aside#panel dl { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; margin: 0; }
aside#panel dt { color: #666; }
aside#panel dd { margin: 0; word-break: break-all; }
.article { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px; margin-bottom: 16px; }
.article .ameta { color: #888; font-size: 12px; }
.u-kicker { font-size: 15px; color: #555; margin: 2px 0; }
.u-headline { font-size: 22px; font-weight: bold; margin: 2px 0; }
.u-subheadline { font-size: 17px; color: #444; margin: 2px 0; }
.u-body, .u-caption, .u-subheading, .u-credit { margin: 6px 0; }
.u-subheading { font-weight: bold; }
.u-caption { color: #444; font-style: italic; }
.u-credit { color: #555; font-size: 14px; }
.u-credit::before { content: attr(data-role) " · "; color: #999; font-size: 12px; }
.relations { font-size: 13px; color: #444; margin: 8px 0 0; padding-left: 18px; line-height: 1.6; }
.relations li.linked-src { background: #eef; }
mark.rec { color: inherit; padding: 0 1px; border-radius: 2px; cursor: help;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.rec.active { outline: 2px solid #222; }
mark.rec.linked { outline: 2px dashed #5c3d99; }
mark.t-other { background: #e5e5e5; }
.loose { font-size: 14px; }
""" + "".join(
    f"mark.t-{label}, .legend .t-{label} {{ {style} }}\nbody.hide-{label} mark.t-{label} {{ background: none; border: 0; }}\n"
    for label, style in TYPE_STYLES.items()
)

_JS = """
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  var panel = document.getElementById("panel");
  var active = [];
  function clear(list, cls) { list.forEach(function (el) { el.classList.remove(cls); }); }
  function pieces(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark.rec"), function (el) {
      return el.getAttribute("data-id") === id;
    });
  }
  function card(id) {
    var rec = records[id];
    var box = document.createElement("div");
    box.className = "card";
    var h = document.createElement("h3");
    h.textContent = rec.label + " " + id;
    var t = document.createElement("div");
    t.className = "text";
    t.textContent = rec.text;
    var dl = document.createElement("dl");
    rec.rows.forEach(function (row) {
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      dd.textContent = row[1];
      dd.setAttribute("data-field", row[0]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    box.appendChild(h);
    box.appendChild(t);
    box.appendChild(dl);
    return box;
  }
  function show(target) {
    var ids = [];
    for (var el = target; el && el !== document.body; el = el.parentElement) {
      if (el.matches && el.matches("mark.rec")) {
        var id = el.getAttribute("data-id");
        if (ids.indexOf(id) < 0) { ids.push(id); }
      }
    }
    if (!ids.length) { return; }
    clear(active, "active");
    active = [];
    panel.textContent = "";
    ids.forEach(function (id) {
      pieces(id).forEach(function (p) { p.classList.add("active"); active.push(p); });
      panel.appendChild(card(id));
    });
  }
  document.addEventListener("mouseover", function (ev) {
    var t = ev.target;
    if (t && t.closest) {
      var mark = t.closest("mark.rec");
      if (mark) { show(mark); }
      var rel = t.closest("li.relation");
      clear(Array.prototype.slice.call(document.querySelectorAll("mark.linked")), "linked");
      if (rel) {
        (rel.getAttribute("data-args") || "").split(" ").forEach(function (id) {
          if (id) { pieces(id).forEach(function (p) { p.classList.add("linked"); }); }
        });
      }
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll(".legend li"), function (li) {
    li.addEventListener("click", function () {
      li.classList.toggle("off");
      document.body.classList.toggle("hide-" + li.getAttribute("data-label"));
    });
  });
})();
"""


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
    sections = []
    for article in document.articles:
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
        relations = by_article.pop(article.id, [])
        if relations:
            parts.append(f'<ul class="relations">{_relation_items(relations)}</ul>')
        parts.append("</section>")
        sections.append("".join(parts))
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

    counts = Counter(m.label for m in renderer.marks)
    labels = [label for label in TYPE_STYLES if counts[label]] + sorted(set(counts) - set(TYPE_STYLES))
    legend = "".join(
        f'<li class="{_css_class(label)}" data-label="{_esc(label)}" title="click to hide or show">'
        f"{_esc(label)} {counts[label]}</li>"
        for label in labels
    )
    details = {m.key: {"label": m.label, "text": m.record.text, "rows": _rows(m.record)} for m in renderer.marks}
    source = document.source
    meta = (
        f"{_esc(source.path or '(text)')} · {source.chars} chars · {source.encoding or '?'} · "
        f"{len(document.articles)} articles · {len(renderer.marks)} records highlighted · "
        f"{len(document.relations)} relations · schema {_esc(document.schema_version)}"
    )
    page = f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(document.id)} · extract</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{_esc(document.id)}</h1>
<div class="meta">{meta}</div>
<ul class="legend">{legend}</ul>
</header>
<div class="wrap">
<main>
{"".join(sections)}
</main>
<aside id="panel"><p>Hover a highlighted record to see it here: type, value and unit, qualifier, rule, raw offsets.</p></aside>
</div>
<script type="application/json" id="records">{_json_for_script(details)}</script>
<script>{_JS}</script>
</body>
</html>
"""
    return _SURROGATE.sub("\ufffd", page)


def load_page(path: str, *, reference_date: dt.date | None = None) -> tuple[Document, str]:
    """The document of a file and the raw text its spans point into ("" when it could not be read)."""
    from .pipeline import extract_bytes_and_text, load_input

    data, failed = load_input(path)
    if data is None:
        assert failed is not None
        return failed, ""  # the error record, worded as in a run
    return extract_bytes_and_text(data, path, reference_date=reference_date)


def run_view(path: str, output: str | None, *, reference_date: dt.date | None = None) -> int:
    """``extract view PATH [-o FILE]``: 0 when the page rendered, 1 when the input gave errors (still rendered)."""
    document, raw = load_page(path, reference_date=reference_date)
    page = render_html(document, raw)
    if output:
        Path(output).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    for error in document.errors:
        sys.stderr.write(f"extract: {error.file or path}: {error.reason}\n")
    return 1 if document.errors else 0
