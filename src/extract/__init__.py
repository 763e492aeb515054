"""extract: information extraction from Chinese page text (newspapers, reports, bulletins).

Library entry points: ``extract(text) -> Document``, ``extract_file(path) -> Document``,
``evaluate(gold_files) -> Report``, and ``find_numbers(text)`` / ``parse_number(s)`` for numbers alone.
"""

from typing import TYPE_CHECKING, Any

from ._native import native_state  # first: chooses compiled or pure modules for what follows
from .number_finder import NumberFound, find_numbers
from .numbers import parse_number
from .pipeline import extract, extract_file
from .records import SCHEMA_VERSION, Document

if TYPE_CHECKING:
    from .evaluation import Report, evaluate
    from .view import render_html

# Imported on first use: a run (`extract run`, `extract()`) needs neither the
# evaluator nor the HTML view, and a cold start pays for every module imported.
_LAZY = {"Report": "evaluation", "evaluate": "evaluation", "render_html": "view"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "native_state",
    "parse_number",
    "render_html",
]
