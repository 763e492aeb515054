"""Command line: ``extract run PATH... [-o FILE] [--jobs N] [--resume]``, ``extract schema``,
``extract view PATH [-o page.html]``, ``extract export --to FORMAT PATH... -o OUT`` and
``extract evaluate GOLD... [--types T,...] [--errors N] [--json]``.

Exit codes: 0 every input gave a document, 1 some inputs gave error records
(the others are still written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, native_state
from .batch import BatchError, run_batch
from .pipeline import MAX_INPUT_BYTES
from .records import json_schema

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extract", description="Information extraction from Chinese page text.")
    parser.add_argument("--version", action="version", version=f"extract {__version__}, {native_state()}")
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="extract documents from files and folders (*.txt), one JSON line each")
    run_p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked for *.txt), or - for stdin")
    run_p.add_argument("-o", "--output", metavar="FILE", help="append JSON Lines here instead of stdout")
    run_p.add_argument(
        "-j", "--jobs", type=_positive, default=os.cpu_count() or 1, help="worker processes (default: the cores)"
    )
    run_p.add_argument("--resume", action="store_true", help="skip inputs whose sha256 already has a document in FILE")
    run_p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    run_p.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_INPUT_BYTES,
        help=f"inputs larger than this give an error record (default {MAX_INPUT_BYTES:,})",
    )
    run_p.add_argument("--engine", choices=("processes", "dask"), default="processes")
    run_p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, with --engine dask")
    run_p.add_argument(
        "--reference-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="resolve relative dates (今年, 去年, 近日) against this date",
    )
    schema_p = sub.add_parser("schema", help="print the JSON Schema of the document record")
    schema_p.add_argument("-o", "--output", metavar="FILE")
    view_p = sub.add_parser("view", help="render one file's extraction as a self-contained HTML page")
    view_p.add_argument("path", metavar="PATH", help="a page text file")
    view_p.add_argument("-o", "--output", metavar="FILE", help="write the HTML here instead of stdout")
    view_p.add_argument("--reference-date", type=_iso_date, metavar="YYYY-MM-DD")
    export_p = sub.add_parser("export", help="export extractions for annotation tools (Label Studio, brat, CoNLL BIO)")
    export_p.add_argument("--to", required=True, choices=("label-studio", "brat", "conll"), dest="fmt")
    export_p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (walked for *.txt)")
    export_p.add_argument("-o", "--output", required=True, metavar="OUT", help="a file; a folder for brat")
    export_p.add_argument("--reference-date", type=_iso_date, metavar="YYYY-MM-DD")
    eval_p = sub.add_parser("evaluate", help="score extract against gold annotations (JSONL, BIO, Label Studio)")
    eval_p.add_argument("gold", nargs="+", metavar="GOLD", help="gold files: .jsonl, BIO/CoNLL, Label Studio .json")
    eval_p.add_argument("--types", metavar="T,...", help="score only these types (PERSON,ORG,LOCATION,...)")
    eval_p.add_argument("--errors", type=_count, default=0, metavar="N", help="list N missed and N spurious items")
    eval_p.add_argument("--json", action="store_true", help="print the report as JSON")
    eval_p.add_argument("--format", choices=("jsonl", "bio", "label-studio"), help="default: by extension or content")
    eval_p.add_argument("--reference-date", type=_iso_date, metavar="YYYY-MM-DD")
    return parser


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a count: {value!r}")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {value!r}")
    return number


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
    if args.command == "view":
        from .view import run_view

        return run_view(args.path, args.output, reference_date=args.reference_date)
    if args.command == "evaluate":
        from .evaluation import run_evaluate

        return run_evaluate(
            args.gold,
            types=args.types,
            errors=args.errors,
            as_json=args.json,
            reference_date=args.reference_date,
            fmt=args.format,
        )
    if args.command == "export":
        from .exports import run_export

        return run_export(args.paths, args.fmt, args.output, reference_date=args.reference_date)
    try:
        return run_batch(
            args.paths,
            args.output,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            resume=args.resume,
            force=args.force,
            reference_date=args.reference_date,
            max_bytes=args.max_bytes,
        )
    except BatchError as exc:
        sys.stderr.write(f"extract: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C 130, SIGTERM 143 (batch.Interrupted.exit_code)
        sys.stderr.write("extract: interrupted; rerun with --resume to continue\n")
        return getattr(exc, "exit_code", 130)


if __name__ == "__main__":
    raise SystemExit(main())
