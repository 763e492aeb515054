"""Bounded per-word memos: the finders' tests of a word, computed once and kept for the process.

A page's words are few and recur from page to page, but unknown words are unbounded over a long run:
every word memo is emptied when it holds ``WORD_MEMO`` words, and starts again.
"""

from __future__ import annotations

from typing import TypeVar

V = TypeVar("V")

WORD_MEMO = 200_000
"""Words a memo keeps before it is emptied (bounded memory)."""


def remember(memo: dict[str, V], word: str, value: V) -> V:
    """``value``, kept for ``word`` in a memo of at most ``WORD_MEMO`` words (emptied when full)."""
    if len(memo) >= WORD_MEMO:
        memo.clear()
    memo[word] = value
    return value
