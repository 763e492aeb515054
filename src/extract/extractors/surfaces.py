"""A table's literal words found by dict lookups: the lengths to try at a character, longest first.

A word read at a position tries only the lengths of the table's words that start (or end) with the
character there: most characters start or end words of one or two lengths, not the seven of a
whole table, and no regex call is made (each costs about 3 µs with its timeout).  A leaf module
(it imports nothing of the package) so that the tables' modules can all build on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def sizes_by(words: Iterable[str], at: int) -> dict[str, tuple[int, ...]]:
    """The lengths of ``words``, longest first, by their character ``at`` (0: first, -1: last); empty words aside."""
    sizes: dict[str, set[int]] = {}
    for word in words:
        if word:
            sizes.setdefault(word[at], set()).add(len(word))
    return {ch: tuple(sorted(found, reverse=True)) for ch, found in sizes.items()}


@dataclass(frozen=True)
class Surfaces:
    """A table's literal surfaces: the longest at a place, as the table's trie alternation
    (``rules.alternation``) matches it, without a regex call (a page asks one or two for every numeral)."""

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first character -> the lengths of its surfaces, longest first

    @classmethod
    def of(cls, words: Iterable[str]) -> Surfaces:
        kept = frozenset(w for w in words if w)
        return cls(kept, sizes_by(kept, 0))

    def end_at(self, text: str, pos: int) -> int:
        """The end of the longest surface that begins at ``pos``, else -1."""
        if pos >= len(text):
            return -1
        for length in self.lengths.get(text[pos], ()):
            end = pos + length
            if end <= len(text) and text[pos:end] in self.words:
                return end
        return -1
