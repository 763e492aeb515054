"""The seed page against its golden files: checked truth, not a snapshot.

A plain run compares; ``pytest --update-golden`` (or ``--update-golden=dates,quantities``
for some lists) rewrites the files and then
fails on purpose, so a regeneration never passes silently and its diff gets read.
A missing golden file fails too.
"""

from __future__ import annotations

import pytest
from golden import GOLDEN, LISTS, dump_lines, load_lines, project

from extract import Document


@pytest.mark.parametrize("name", LISTS)
def test_seed_page_matches_golden(name: str, seed_doc: Document, update_golden: frozenset[str]) -> None:
    path = GOLDEN / seed_doc.id / f"{name}.jsonl"
    actual = project(seed_doc)[name]
    if name in update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_lines(actual), encoding="utf-8")
        pytest.fail(f"rewrote {path.relative_to(GOLDEN.parent)}: review its diff, then run without --update-golden")
    assert path.exists(), f"missing golden file {path}; create it with --update-golden and review every line"
    expected = load_lines(path)
    for n, (want, got) in enumerate(zip(expected, actual), 1):
        assert got == want, f"{name} line {n} differs"
    assert len(actual) == len(expected), f"{name}: {len(actual)} records, golden has {len(expected)}"
