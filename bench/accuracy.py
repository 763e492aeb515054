"""The accuracy table of the README, in one run: ``python bench/accuracy.py``.

- the seed page against its golden files, per list (a record counts as right
  when its golden line is equal in every field);
- People's Daily NER dev and CLUENER dev per type, with ``extract.evaluate``;
- the Recognizers-Text conformance files, pass rates as tests/test_conformance_rt.py
  computes them.

The data sets are read from ``../shared/`` (never copied into the repository);
a set that is absent is reported as such.  Prints Markdown; ``--readme``
writes it between the accuracy markers of README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

import extract  # noqa: E402
from extract import evaluate  # noqa: E402

SEED = ROOT / "raw" / "000_d374caa49a14d1ad.txt"
SETS = {
    "People's Daily dev": SHARED / "dev" / "ner_peoples_daily_dev.jsonl",
    "CLUENER dev": SHARED / "conformance" / "ner_cluener.jsonl",
}


def seed_rows() -> list[str]:
    from golden import GOLDEN, LISTS, load_lines, project

    got = project(extract.extract_file(SEED))
    rows = ["| list | golden | extracted | equal | precision | recall |", "|---|---:|---:|---:|---:|---:|"]
    for name in LISTS:
        want = Counter(json.dumps(x, sort_keys=True) for x in load_lines(GOLDEN / SEED.stem / f"{name}.jsonl"))
        have = Counter(json.dumps(x, sort_keys=True) for x in got[name])
        same = sum((want & have).values())
        n_want, n_have = sum(want.values()), sum(have.values())
        p = same / n_have if n_have else 1.0
        r = same / n_want if n_want else 1.0
        rows.append(f"| {name} | {n_want} | {n_have} | {same} | {p:.3f} | {r:.3f} |")
    return rows


def ner_rows() -> list[str]:
    rows = ["| data set | type | precision | recall | F1 | gold |", "|---|---|---:|---:|---:|---:|"]
    for title, path in SETS.items():
        if not path.exists():
            rows.append(f"| {title} | (not found at {path}) | | | | |")
            continue
        report = evaluate(path)
        for name, s in [*report.by_type.items(), ("overall", report.overall)]:
            name = f"**{name}**" if name == "overall" else name
            rows.append(f"| {title} | {name} | {s.p:.3f} | {s.r:.3f} | {s.f1:.3f} | {s.n_gold} |")
        sys.stderr.write(f"{title}: {report.items} items in {report.seconds:.1f} s\n")
    return rows


def conformance_rows() -> list[str]:
    import test_conformance_rt as rt

    rows = [
        "| Recognizers-Text file | entries | excluded | passed | of all | of supported |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    if not rt.CONFORMANCE.is_dir():
        return [*rows, f"| (not found at {rt.CONFORMANCE}) | | | | | |"]
    exclusions = rt.load_exclusions()
    for suite in rt.SUITES:
        if not (rt.CONFORMANCE / suite.file).exists():
            continue
        t = rt.run_suite(suite, exclusions)
        name = suite.file.removesuffix(".jsonl")
        rows.append(f"| {name} | {t.total} | {t.excluded} | {t.passed} | {t.passed / t.total:.1%} | {t.rate:.1%} |")
    return rows


def write_readme(tables: str) -> None:
    """Replace what stands between the accuracy markers of README.md."""
    readme = ROOT / "README.md"
    start, end = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
    text = readme.read_text(encoding="utf-8")
    a, b = text.index(start) + len(start), text.index(end)
    readme.write_text(text[:a] + "\n" + tables + "\n" + text[b:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="also write the tables into README.md")
    args = parser.parse_args()
    started = time.perf_counter()
    out = ["### Seed page against its golden files", "", *seed_rows(), ""]
    out += ["### Entities on annotated news (exact span and type)", "", *ner_rows(), ""]
    out += ["### Recognizers-Text conformance", "", *conformance_rows()]
    text = "\n".join(out)
    print(text)
    if args.readme:
        write_readme(text.replace("### ", "#### "))
    sys.stderr.write(f"accuracy: {time.perf_counter() - started:.1f} s\n")


if __name__ == "__main__":
    main()
