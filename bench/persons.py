"""Measure the person-name finder alone on annotated real text: PERSON precision, recall, F1, speed.

    python bench/persons.py                 # People's Daily dev and CLUENER dev
    python bench/persons.py --errors 30     # and that many misses and false positives in context

Each line's ``text`` goes through ``tokenize(text)`` and
``find_person_names(text, tokens)``; a prediction counts when its start and
end equal a gold PERSON span's (exact match).  The data sets are read from
``../shared/`` beside the project and never copied into it.  The time is that
of the finder alone (tokens made beforehand), per 1,000 characters, after a
warm-up run that loads the tables.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from extract.extractors.person_names import find_person_names
from extract.tokenize import Token, tokenize

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {
    "peoples-daily": SHARED / "dev" / "ner_peoples_daily_dev.jsonl",
    "cluener": SHARED / "conformance" / "ner_cluener.jsonl",
}


def load(path: Path) -> list[tuple[str, set[tuple[int, int]]]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold = {(e["start"], e["end"]) for e in row["entities"] if e["type"] == "PERSON"}
                items.append((row["text"], gold))
    return items


def context(text: str, start: int, end: int, width: int = 12) -> str:
    return f"{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}"


def measure(name: str, path: Path, errors: int, seed: int) -> None:
    items = load(path)
    tokens: list[list[Token]] = [tokenize(text) for text, _ in items]
    find_person_names(items[0][0], tokens[0])  # load the tables before timing
    began = time.perf_counter()
    found = [find_person_names(text, toks) for (text, _), toks in zip(items, tokens, strict=True)]
    seconds = time.perf_counter() - began
    chars = sum(len(text) for text, _ in items)
    tp = fp = fn = 0
    misses: list[str] = []
    spurious: list[str] = []
    for (text, gold), spans in zip(items, found, strict=True):
        pred = {(s.start, s.end) for s in spans}
        rules = {(s.start, s.end): s.rule for s in spans}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        misses.extend(context(text, s, e) for s, e in sorted(gold - pred))
        spurious.extend(f"{context(text, s, e)}  {rules[(s, e)]}" for s, e in sorted(pred - gold))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"{name}: PERSON P {p:.3f} R {r:.3f} F1 {f1:.3f} (tp {tp} fp {fp} fn {fn}); "
        f"{1000 * seconds / chars * 1000:.3f} ms per 1,000 characters ({chars:,} characters)"
    )
    if errors:
        rng = random.Random(seed)
        for label, lines in (("missed", misses), ("spurious", spurious)):
            print(f"  {label} ({len(lines)}):")
            for line in rng.sample(lines, min(errors, len(lines))):
                print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many misses and false positives per set")
    parser.add_argument("--seed", type=int, default=0, help="seed of the error sample")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only these sets (default: all)")
    args = parser.parse_args(argv)
    ran = False
    for name in args.set or list(SETS):
        path = SETS[name]
        if not path.exists():
            print(f"{name}: {path} not found, skipped", file=sys.stderr)
            continue
        measure(name, path, args.errors, args.seed)
        ran = True
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
