"""Japanese names: a surname of the Japanese rows and one to three given characters, or the surname alone before a cue.

A mixin of the name walk (``person_names._Walk``), which scores the
dictionary and the token edges of a candidate for all kinds of names.
"""

from __future__ import annotations

from .person_context import Candidate
from .person_foreign import ForeignWalk
from .person_walk import CUE, is_han

IDIOM_TAGS = frozenset({"i", "l"})
"""jieba's tags of idioms and set phrases: a four-character entry of another tag that starts with a Japanese surname is a name."""

JAPANESE_LONE_WEIGHT = 2.0
"""Weight of a Japanese surname row (no Chinese word) from which the surname alone may be a name (桥本首相)."""

JAPANESE_LONE_THRESHOLD = 3.5
"""Score a Japanese surname alone needs: its weight and a person cue right after it (a title, a speech verb)."""


class JapaneseWalk(ForeignWalk):
    """The walk's Japanese candidates (``japanese_at``); the scoring helpers are the name walk's."""

    threshold: float  # the score a name needs (person_names.THRESHOLD)

    def _dictionary(self, start: int, end: int) -> float:
        raise NotImplementedError

    def _edges(self, start: int, end: int, inside: bool, first: int | None) -> float:
        raise NotImplementedError

    def japanese_at(self, index: int) -> list[Candidate]:
        """The best Japanese name at this token: a surname of the Japanese rows and one to three given characters.

        Scored like a Chinese name, with the Japanese surname's weight; a three-character
        given name (龙太郎) is scored on its last two characters.
        """
        text, lex = self.text, self.lex
        pos = self.tokens[index].start
        surname = text[pos : pos + 3] if text[pos : pos + 3] in lex.japanese else text[pos : pos + 2]
        weight = lex.japanese[surname][1] + self._before(pos)
        first = pos + len(surname)
        best: Candidate | None = None
        for size in (1, 2, 3):
            end = first + size
            given = text[first:end]
            if len(given) < size or not all(is_han(ch) for ch in given):
                break
            if given[0] in lex.start_veto or given[:2] in lex.after or given[:1] in lex.after:
                break
            if given[-1] in lex.tail_veto:
                continue
            dictionary, given_score = self._dictionary(pos, end), self._given(given[-2:])
            if end - pos >= 4 and dictionary < 0:  # jieba lists Japanese full names under other tags (东条英机 n)
                dictionary = 1.0 if self.lex.tags.tag(text[pos:end]) not in IDIOM_TAGS else dictionary
            if end - pos >= 4 and dictionary > 0 and self._whole_token(pos, end):
                # jieba's one word for the full name: its given name need not read as a Chinese one (英机)
                dictionary, given_score = 2.0, max(0.0, given_score)
            score = weight + given_score + dictionary
            score += self._edges(pos, end, False, index) + self._after(end)
            if best is None or score - self.threshold > best.margin:
                best = Candidate(pos, end, lex.japanese[surname][0], score - self.threshold, "japanese")
        lone = self.tokens[index].text == surname and lex.japanese[surname][1] >= JAPANESE_LONE_WEIGHT
        cue = self._after(first) if lone else 0.0
        if cue >= CUE and (best is None or best.margin < 0):
            # 桥本首相, 桥本还表示: the surname alone, as Japanese public figures are named
            rule = f"{lex.japanese[surname][0]}.alone"
            best = Candidate(pos, first, rule, weight + cue - JAPANESE_LONE_THRESHOLD, "japanese")
        return [best] if best is not None else []

    def _whole_token(self, start: int, end: int) -> bool:
        """``[start, end)`` is one token."""
        index = self.starts.get(start)
        return index is not None and self.tokens[index].end == end
