"""Measure the place and organization finders on annotated sentences.

    python bench/places_orgs.py                 # People's Daily dev and CLUENER dev, from ../shared/
    python bench/places_orgs.py --errors 30     # and that many misses and false positives per type and set
    python bench/places_orgs.py FILE.jsonl ...  # other gold files of the same JSON Lines format

Each sentence is tokenized (``extract.tokenize.tokenize``, not timed), then
``find_place_names`` and ``find_org_names`` run on it (timed: the cost of this
stage per 1,000 characters).  A place inside an organization is dropped, as
the overlap resolution of the pipeline does (People's Daily and CLUENER
annotate the longest name only).  Scores are exact span and type matches,
per type: LOCATION and ORG.  The data sets are read where they are, never
copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from extract.extractors.org_names import find_org_names
from extract.extractors.place_names import NameSpan, find_place_names
from extract.tokenize import tokenize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = [
    ROOT.parent / "shared" / "dev" / "ner_peoples_daily_dev.jsonl",
    ROOT.parent / "shared" / "conformance" / "ner_cluener.jsonl",
]
TYPES = ("LOCATION", "ORG")


def find_names(text: str) -> tuple[list[NameSpan], float]:
    """The places and organizations of one text, places inside organizations dropped, and the seconds it took."""
    tokens = tokenize(text)
    started = time.perf_counter()
    places = find_place_names(text, tokens)
    orgs = find_org_names(text, tokens, places)
    seconds = time.perf_counter() - started
    kept = [p for p in places if not any(o.start < p.end and p.start < o.end for o in orgs)]
    return sorted(kept + orgs), seconds


def measure(path: Path, errors: int) -> None:
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    missed: dict[str, list[str]] = {t: [] for t in TYPES}
    spurious: dict[str, list[str]] = {t: [] for t in TYPES}
    chars = 0
    seconds = 0.0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            text = item["text"]
            chars += len(text)
            found, took = find_names(text)
            seconds += took
            gold = {(e["start"], e["end"], e["type"]) for e in item["entities"] if e["type"] in TYPES}
            pred = {(s.start, s.end, s.type): s.rule for s in found}
            for start, end, kind in gold | set(pred):
                key = (start, end, kind)
                tally = counts[kind]
                context = f"{text[max(0, start - 12) : start]}[{text[start:end]}]{text[end : end + 12]}"
                if key in gold and key in pred:
                    tally["tp"] += 1
                elif key in gold:
                    tally["fn"] += 1
                    missed[kind].append(context)
                else:
                    tally["fp"] += 1
                    spurious[kind].append(f"{context}  ({pred[key]})")
    print(f"{path.name}: {chars:,} characters, {1000 * seconds / chars * 1000:.3f} ms per 1,000 characters")
    for kind in TYPES:
        tp, fp, fn = counts[kind]["tp"], counts[kind]["fp"], counts[kind]["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {kind:9} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (gold {tp + fn}, found {tp + fp}, matched {tp})")
    for kind in TYPES:
        if errors:
            print(f"  -- {kind} missed ({len(missed[kind])}):")
            for context in missed[kind][:errors]:
                print("    " + context)
            print(f"  -- {kind} false positives ({len(spurious[kind])}):")
            for context in spurious[kind][:errors]:
                print("    " + context)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="gold JSON Lines files (default: the two dev sets)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N misses and false positives")
    args = parser.parse_args(argv)
    files = args.files or [p for p in DEFAULT_SETS if p.exists()]
    if not files:
        print("no gold files: ../shared/ is absent; give files as arguments", file=sys.stderr)
        return 2
    tokenize("预热")  # load the tokenizer and the tables before timing
    find_names("中美两国在北京举行会谈。")
    for path in files:
        measure(path, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
