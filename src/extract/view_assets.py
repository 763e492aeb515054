"""View assets: the colors of the record types, and the page's inline CSS and JS.

The page needs nothing outside itself: the CSS and JS are inlined (a
Content-Security-Policy forbids fonts, images and requests), and the JS fills
the side panel with ``textContent`` only, from the JSON of the ``records``
block.
"""

from __future__ import annotations

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

CSS = """
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

JS = """
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
