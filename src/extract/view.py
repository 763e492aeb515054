"""View: ``extract view PATH [-o page.html]``, one file's extraction as a self-contained HTML page.

The page is built by ``render_html`` (``view_render``: records as nested
marks over the reading text, a legend, a side panel), with the CSS and JS of
``view_assets``; this module reads the file and writes the page.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .records import Document
from .view_render import render_html

__all__ = ["load_page", "render_html", "run_view"]


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
