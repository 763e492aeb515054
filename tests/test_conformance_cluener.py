"""CLUENER2020 development set (shared/conformance/ner_cluener.jsonl): precision and recall per type.

Read at test time, never copied into the repository; skipped when the folder is
absent.  A match is the same type and the same [start, end).  Our conventions
differ from the suite's (it tags positions such as 记者 as entities, and games,
movies and books without 《》 as works; we find names by their context only), so
the floors below are the figures measured when they were set, not targets: a
drop below one is a regression.  Rules are never tuned to single sentences here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from extract import extract

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "ner_cluener.jsonl"
TYPES = ("PERSON", "ORG", "LOCATION", "WORK")
# (precision, recall) floors, measured on the 1,343 sentences.
FLOORS = {
    "PERSON": (0.75, 0.21),  # measured 0.781 / 0.230
    "ORG": (0.67, 0.15),  # measured 0.697 / 0.153 (government organ forms added)
    "LOCATION": (0.21, 0.29),  # measured 0.234 / 0.318: jieba's ns tags are noisy
    "WORK": (0.95, 0.44),  # measured 0.976 / 0.468
}


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float, int, int, int]]:
    if not DATA.exists():
        pytest.skip(f"CLUENER conformance data not found at {DATA} (shared/ is not part of a clone)")
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        want = {(e["type"], e["start"], e["end"]) for e in case["entities"] if e["type"] in TYPES}
        text = case["text"]
        got = {(e.type, e.span[0], e.span[1]) for e in extract(text).entities if e.type in TYPES}
        for t, *_ in want:
            gold[t] += 1
        for t, *_ in got:
            predicted[t] += 1
        for t, *_ in want & got:
            tp[t] += 1
    out = {}
    for t in TYPES:
        p = tp[t] / predicted[t] if predicted[t] else 0.0
        r = tp[t] / gold[t] if gold[t] else 0.0
        out[t] = (p, r, tp[t], predicted[t], gold[t])
        print(f"CLUENER {t}: precision {p:.3f} ({tp[t]}/{predicted[t]}), recall {r:.3f} ({tp[t]}/{gold[t]})")
    return out


@pytest.mark.parametrize("etype", TYPES)
def test_cluener_stays_above_floor(etype: str, scores: dict[str, tuple[float, float, int, int, int]]) -> None:
    p, r, *_ = scores[etype]
    floor_p, floor_r = FLOORS[etype]
    assert p >= floor_p and r >= floor_r, (
        f"{etype}: precision {p:.3f} (floor {floor_p}), recall {r:.3f} (floor {floor_r})"
    )
