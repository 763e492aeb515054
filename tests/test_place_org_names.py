"""Place and organization finders: spans, offsets, and the dev-set floors.

The rows of their tables (``data/place_rules.toml``, ``data/org_bodies.toml``,
``data/org_rules.toml``) run with every other rule row in
tests/test_rule_rows.py.  The dev-set floors read ``../shared/`` at test time
and skip when it is absent.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from extract.extractors.org_names import find_org_names
from extract.extractors.place_names import NameSpan, find_place_names
from extract.tokenize import tokenize

TABLES = {"place_rules.toml": "LOCATION", "org_bodies.toml": "ORG", "org_rules.toml": "ORG"}
ROOT = Path(__file__).resolve().parent.parent
PEOPLES_DAILY = ROOT.parent / "shared" / "dev" / "ner_peoples_daily_dev.jsonl"


def names(text: str) -> list[NameSpan]:
    tokens = tokenize(text)
    places = find_place_names(text, tokens)
    return places + find_org_names(text, tokens, places)


def test_spans_are_sorted_disjoint_and_typed() -> None:
    text = "中共中央统战部副部长在京会见了美国财政部代表团，双方就中美经贸关系交换了意见。"
    tokens = tokenize(text)
    places = find_place_names(text, tokens)
    orgs = find_org_names(text, tokens, places)
    for spans, type_ in ((places, "LOCATION"), (orgs, "ORG")):
        assert spans == sorted(spans)
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
        assert all(s.type == type_ and 0 <= s.start < s.end <= len(text) and s.rule for s in spans)


def test_offsets_shift_with_a_prefix() -> None:
    text = "中国作协在京召开会议。"
    prefix = "据报道，"
    plain = [(s.end - s.start, s.type, s.rule) for s in names(text)]
    shifted = [(s.end - s.start, s.type, s.rule) for s in names(prefix + text) if s.start >= len(prefix)]
    assert plain == shifted


def test_import_extract_does_not_import_jieba() -> None:
    import subprocess
    import sys

    code = "import sys, extract.extractors.place_names, extract.extractors.org_names; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


@pytest.mark.skipif(not PEOPLES_DAILY.exists(), reason="../shared/dev/ner_peoples_daily_dev.jsonl is absent")
def test_peoples_daily_floors() -> None:
    """Floors below today's figures on the People's Daily dev set (bench/places_orgs.py prints them)."""
    counts = {t: [0, 0, 0] for t in ("LOCATION", "ORG")}  # matched, found, gold
    with PEOPLES_DAILY.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            found = names(item["text"])
            orgs = [s for s in found if s.type == "ORG"]
            kept = {(s.start, s.end, s.type) for s in found if s.type == "ORG" or not _inside(s, orgs)}
            gold = {(e["start"], e["end"], e["type"]) for e in item["entities"] if e["type"] in counts}
            for type_, tally in counts.items():
                mine = {k for k in kept if k[2] == type_}
                theirs = {k for k in gold if k[2] == type_}
                tally[0] += len(mine & theirs)
                tally[1] += len(mine)
                tally[2] += len(theirs)
    for type_, floor in (("LOCATION", 0.75), ("ORG", 0.60)):
        matched, found_n, gold_n = counts[type_]
        f1 = 2 * matched / (found_n + gold_n)
        assert f1 >= floor, f"{type_} F1 {f1:.3f} below the floor {floor}"


def _inside(span: NameSpan, orgs: list[NameSpan]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in orgs)
