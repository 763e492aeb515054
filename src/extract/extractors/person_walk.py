"""The walk of the person-name finder: the text, its tokens, and the cue words around a candidate.

``WalkBase`` holds what every kind of candidate reads: tokens indexed by
their edges, the cue words before and after a span (titles, speech verbs,
adverbs, a speaker's label, a possessive), and the words of sport and place
that make a transliteration a club or a town.  The kinds of candidate build
on it: transliterated and dotted names (``person_foreign``), Chinese and
Japanese names (``person_names``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..tokenize import Token
from .person_lexicon import PersonLexicon

LEAD_WORD_FREQ = 100
"""Frequency from which a word that a one-character lead ends is read as that word (根据, not 据)."""

CUE = 1.0
"""Context score from which a transliteration run has a person cue next to it (a title, a speech verb)."""

PUNCTUATION = frozenset("，。、；：！？“”‘’（）《》〈〉「」『』—…,.;:!?()\"'")
"""Marks next to a candidate that count as a faint cue: a name often stands alone between them."""

SPEAKER_LABEL = 2.0
"""Evidence of a name that opens a line and a colon follows: the speaker of an interview or a transcript."""

LABEL_MARKS = frozenset("：:")
"""Colons after a speaker's name at the head of a line."""

LABEL_REACH = 4
"""Longest head of a line, in characters, read as a speaker's name before a colon."""

ADVERB_ALONE = 1.0
"""Evidence of an adverb right after a candidate with no speech verb after it (李建华又安排)."""

POSSESSIVE = 0.5
"""Evidence of 的 right after a candidate: a person is often the owner or author of what follows."""

TEAM_VETO = 6.0
"""What a transliteration run right next to a sports word pays: it is a team (切尔西主场, 战胜拉齐奥)."""

TEAM_CLAUSE = 3.0
"""What a transliteration without a person cue pays in a sentence of league tables or betting (联赛, 赔率)."""

SENTENCE_ENDS = "。！？；!?;\n"
"""Marks that end the sentence in which ``TEAM_CLAUSE`` words are looked for."""

SENTENCE_REACH = 40
"""How far, in characters, that sentence is read on either side of a candidate."""

_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_ENDS) + "]")

PLACE_BEFORE = 4.0
"""What a transliteration without a person cue pays right after a word of place (在杜塞尔多夫, 前往伯尔尼)."""


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class TokenEdges:
    """The index of the token with an edge at an offset, read by bisection from the sorted edges.

    The page's lists of token starts and ends exist already (``Doc.token_starts``): reading them
    spares a dict of every token's edge a page, for a few hundred lookups (0.4 ms of the seed page, pure).
    """

    __slots__ = ("offsets",)

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = offsets

    def get(self, pos: int) -> int | None:
        k = bisect_left(self.offsets, pos)
        return k if k < len(self.offsets) and self.offsets[k] == pos else None

    def __contains__(self, pos: object) -> bool:
        return isinstance(pos, int) and self.get(pos) is not None


class WalkBase:
    """The text, its tokens indexed by their edges, and the cue words around a candidate."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        lex: PersonLexicon,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        """``starts`` and ``ends``: the tokens' offsets, when the caller has them (``Doc.token_starts``)."""
        self.text = text
        self.tokens = tokens
        self.lex = lex
        self._before_at: dict[int, float] = {}  # the cue scores, read once per position
        self._after_at: dict[int, float] = {}
        self.starts = TokenEdges([t.start for t in tokens] if starts is None else starts)
        self.ends = TokenEdges([t.end for t in tokens] if ends is None else ends)

    def _token_at(self, pos: int) -> int:
        """Index of the token that covers ``pos``, if it starts at most 7 characters before (else 0)."""
        offsets = self.starts.offsets
        k = bisect_right(offsets, pos) - 1
        return k if k >= 0 and pos - offsets[k] < 8 else 0

    def _context(self, start: int, end: int) -> float:
        """Cue words right before and right after the candidate."""
        return self._before(start) + self._after(end)

    def _before(self, start: int) -> float:
        """The longest cue word ending at ``start`` (a title, a reporter, a lead word), or a faint punctuation cue."""
        score = self._before_at.get(start)
        if score is None:
            score = self._before_at[start] = self._read_before(start)
        return score

    def _after(self, end: int) -> float:
        """The longest cue word starting at ``end``; a word that makes the candidate a place costs instead."""
        score = self._after_at.get(end)
        if score is None:
            score = self._after_at[end] = self._read_after(end)
        return score

    def _read_before(self, start: int) -> float:
        text = self.text
        found = self.lex.cue_before(text, start)
        if found is None:  # no cue word ends here
            return 0.3 if start == 0 or text[start - 1] in PUNCTUATION else 0.0
        size, cue = found
        if size == 1 and start >= 2 and self.lex.tags.freq(text[start - 2 : start]) >= LEAD_WORD_FREQ:
            return 0.0  # 根据/数据, 参与/给与: the character ends a word, it is no lead of its own
        return cue.weight

    def _read_after(self, end: int) -> float:
        text, lex = self.text, self.lex
        for size in lex.after_sizes.get(text[end : end + 1], ()):
            following = text[end : end + size]
            if len(following) < size:
                continue
            if following in lex.place_after:  # 耿镇, 休斯公司: part of a place or organization name
                return -4.0
            cue = lex.after.get(following)
            if cue is not None:
                return cue.weight
        if text[end : end + 1] in LABEL_MARKS and end - (text.rfind("\n", 0, end) + 1) <= LABEL_REACH:
            return SPEAKER_LABEL  # 姜山：…, 奥田：… at the head of a line: who speaks in a transcript
        if text[end : end + 1] == "的":
            return POSSESSIVE  # 王发林的公司, 张之路的《魔表》
        return self._adverb_speech(end) or (0.3 if end == len(text) or text[end] in PUNCTUATION else 0.0)

    def _adverb_speech(self, end: int) -> float:
        """An adverb and a speech verb after it (也说, 还表示): the adverb row's weight; an adverb alone, less."""
        text, lex = self.text, self.lex
        if text[end : end + 1] not in lex.adverb_heads:
            return 0.0
        for size in (3, 2, 1):
            adverb = lex.adverbs.get(text[end : end + size])
            if adverb is None:
                continue
            for verb_size in (3, 2, 1):
                if text[end + size : end + size + verb_size] in lex.speech:
                    return adverb.weight
            return ADVERB_ALONE  # 郑全军又安排, 唐四清却一头栽倒: a subject before its verb
        return 0.0

    def _place_before(self, start: int) -> float:
        """``PLACE_BEFORE`` when a word of place stands right before ``start`` (在, 前往, 迁都), else 0."""
        before = self.lex.place_before
        return PLACE_BEFORE if any(self.text[max(0, start - n) : start] in before for n in (1, 2, 3)) else 0.0

    def _team_clause(self, start: int, end: int) -> bool:
        """A word of league tables or betting in the sentence around ``[start, end)`` (联赛, 赔率, 客场)."""
        text, words = self.text, self.lex.team_clause_re
        if words is None:
            return False
        left = max(0, start - SENTENCE_REACH)
        for mark in _SENTENCE_END.finditer(text, left, start):  # the sentence starts after the last end before
            left = mark.end()
        close = _SENTENCE_END.search(text, end, end + SENTENCE_REACH)
        return words.search(text, left, end + SENTENCE_REACH if close is None else close.start()) is not None

    def _translit_shaped(self, start: int, end: int) -> bool:
        """Three or more characters, all of the transliteration table: a foreign name or a club."""
        return end - start >= 3 and all(ch in self.lex.translit for ch in self.text[start:end])

    def _near_team_word(self, start: int, end: int) -> bool:
        text, lex = self.text, self.lex
        before = start > 0 and text[start - 1] in lex.team_tails
        after = text[end : end + 1] in lex.team_heads
        if not (before or after):
            return False
        for size in (2, 3, 4):
            if (before and text[max(0, start - size) : start] in lex.team_before) or (
                after and text[end : end + size] in lex.team_after
            ):
                return True
        return text[end : end + 1] in lex.team_after

    def _given(self, given: str) -> float:
        return self.lex.given_score(given)
