"""jieba's dictionary as the entity rules read it: a word's part-of-speech tag and frequency, found on demand.

The dictionary has 349,000 words.  Kept between processes as a dict, it took
0.14-0.2 s to unpickle in every process (a fifth of a cold start, and again in
every worker of ``--jobs N``), though a page asks for a few hundred words.  It
is kept instead packed: its words sorted and joined in one string, and for
each word the index of its (tag, frequency) pair among the 17,000 distinct
ones.  Loading splits the string (0.03 s); a word is found by bisection (in C,
about 1 µs), and a dict in front remembers every word asked for, so a word
costs one dict lookup from its second time on.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import cast

from .memo import remember

Entry = tuple[str, int]  # (part-of-speech tag, frequency)
Packed = tuple[str, bytes, list[Entry]]  # the sorted words joined by newlines, their pairs' indexes, the pairs

_NOT_ASKED = object()


def pack(entries: dict[str, Entry]) -> Packed:
    """The form kept between processes (words hold no newline: jieba's dictionary splits lines at blanks)."""
    words = sorted(entries)
    index: dict[Entry, int] = {}
    codes = array("I", [index.setdefault(entries[word], len(index)) for word in words])
    return "\n".join(words), codes.tobytes(), list(index)


class WordTags:
    """word -> (tag, frequency) from the packed dictionary, with ``extra`` words over it (the user dictionary).

    Only what the rules ask is offered: ``get``, ``tag``, ``freq`` and ``in``.
    """

    def __init__(self, packed: Packed, extra: dict[str, Entry] | None = None) -> None:
        blob, codes, entries = packed
        self._words: list[str] = blob.split("\n") if blob else []
        self._codes: array[int] = array("I")
        self._codes.frombytes(codes)
        # Typed ``object``: a compiled build (mypyc) would unbox a ``tuple[str, int]`` read from the
        # list and box a new one for every caller, where the shared tuple can be handed out as it is.
        self._entries: list[object] = cast("list[object]", entries)
        self._extra: dict[str, object] = cast("dict[str, object]", dict(extra or {}))
        self._memo: dict[str, object] = {}  # word -> its entry, or None for a word the dictionary lacks

    def with_words(self, extra: dict[str, Entry]) -> WordTags:
        """The same dictionary with ``extra`` over it (its words win)."""
        out = WordTags(("", b"", []))
        out._words, out._codes, out._entries = self._words, self._codes, self._entries
        out._extra = {**self._extra, **cast("dict[str, object]", extra)}
        return out

    def get(self, word: str) -> Entry | None:
        found = self._memo.get(word, _NOT_ASKED)
        if found is _NOT_ASKED:
            found = remember(self._memo, word, self._find(word))
        return cast("Entry | None", found)

    def tag(self, word: str) -> str:
        """The word's tag, "" for a word the dictionary lacks."""
        entry = self.get(word)
        return "" if entry is None else entry[0]

    def freq(self, word: str) -> int:
        """The word's frequency, 0 for a word the dictionary lacks."""
        entry = self.get(word)
        return 0 if entry is None else entry[1]

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def _find(self, word: str) -> object:
        extra = self._extra.get(word)
        if extra is not None:
            return extra
        words = self._words
        k = bisect_left(words, word)
        if k < len(words) and words[k] == word:
            return self._entries[self._codes[k]]
        return None
