"""extract: information extraction from Chinese page text (newspapers, reports, bulletins).

Library entry points: ``extract(text) -> Document``, ``extract_file(path) -> Document``,
``evaluate(gold_files) -> Report``, and ``find_numbers(text)`` / ``parse_number(s)`` for numbers alone.
"""

from .evaluation import Report, evaluate
from .number_finder import NumberFound, find_numbers
from .numbers import parse_number
from .pipeline import extract, extract_file
from .records import SCHEMA_VERSION, Document
from .view import render_html

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "NumberFound",
    "Report",
    "__version__",
    "evaluate",
    "extract",
    "extract_file",
    "find_numbers",
    "parse_number",
    "render_html",
]
