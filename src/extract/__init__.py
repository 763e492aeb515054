"""extract: information extraction from Chinese page text (newspapers, reports, bulletins).

Library entry points: ``extract(text) -> Document``, ``extract_file(path) -> Document`` and
``evaluate(gold_files) -> Report``.
"""

from .evaluation import Report, evaluate
from .numbers import parse_number
from .pipeline import extract, extract_file
from .records import SCHEMA_VERSION, Document
from .view import render_html

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "Report",
    "__version__",
    "evaluate",
    "extract",
    "extract_file",
    "parse_number",
    "render_html",
]
