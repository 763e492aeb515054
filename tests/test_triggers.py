"""The trigger pass finds what each group's alternation finds, on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from extract.rules import alternation
from extract.triggers import TriggerTable, find_triggers, trigger_groups

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "ner_peoples_daily_dev.jsonl"
SEED = ROOT / "raw" / "000_d374caa49a14d1ad.txt"


def _texts() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            texts.append("\n".join(json.loads(line)["text"] for line in fh))
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("group", sorted(trigger_groups()))
def test_hits_are_what_the_alternation_finds(group: str) -> None:
    pattern = regex.compile(alternation(trigger_groups()[group]))
    found = 0
    for text in TEXTS:
        triggers = find_triggers(text)
        assert triggers.hits(group) == [m.span() for m in pattern.finditer(text)]
        assert triggers.starts(group) == sorted({m.start() for m in pattern.finditer(text, overlapped=True)})
        found += len(triggers.hits(group))
    assert found > 0, f"{group}: no hit on the seed page or the dev sentences: the group is not exercised"


def test_leftmost_then_longest_without_overlap() -> None:
    table = TriggerTable.build({"a": ["中国", "中国人民银行", "人民", "银行"], "b": ["人民"]})
    triggers = table.scan("中国人民银行和人民")
    assert triggers.hits("a") == [(0, 6), (7, 9)]
    assert triggers.hits("b") == [(2, 4), (7, 9)]
    assert triggers.starts("a") == [0, 2, 4, 7]


def test_a_lone_surrogate_keeps_the_offsets() -> None:
    table = TriggerTable.build({"a": ["银行"]})
    assert table.scan("\ud800银行").hits("a") == [(1, 3)]
