"""Command line: ``extract run PATH... [-o FILE]`` and ``extract schema``.

Exit codes: 0 every input gave a document, 1 some inputs gave error records
(the others are still written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .pipeline import error_document, extract_file
from .records import Document, json_schema

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files as given, and the *.txt files under folders, sorted, in argument order."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*.txt")):
                if child.is_file():
                    yield str(child)
        else:
            yield given


def _process(path: str, reference_date: dt.date | None = None) -> Document:
    try:
        return extract_file(path, reference_date=reference_date)
    except Exception as exc:  # a bug must cost one record, not the batch
        return error_document(path, f"internal error: {type(exc).__name__}: {exc}", "extract")


def run(paths: Sequence[str], out: TextIO, err: TextIO, reference_date: dt.date | None = None) -> int:
    status = EXIT_OK
    for path in iter_inputs(paths):
        doc = _process(path, reference_date)
        out.write(doc.model_dump_json() + "\n")
        out.flush()
        for error in doc.errors:
            status = EXIT_ERRORS
            err.write(f"extract: {error.file}: {error.reason}\n")
    return status


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extract", description="Information extraction from Chinese page text.")
    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="extract documents from files and folders (*.txt), one JSON line each")
    run_p.add_argument("paths", nargs="+", metavar="PATH")
    run_p.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here instead of stdout")
    run_p.add_argument(
        "--reference-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="resolve relative dates (今年, 去年, 近日) against this date",
    )
    schema_p = sub.add_parser("schema", help="print the JSON Schema of the document record")
    schema_p.add_argument("-o", "--output", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command == "schema":
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            return run(args.paths, fh, sys.stderr, args.reference_date)
    return run(args.paths, sys.stdout, sys.stderr, args.reference_date)


if __name__ == "__main__":
    raise SystemExit(main())
