"""Transliterated foreign names: runs of transliteration characters, and names joined by a dot or a hyphen.

* ``foreign_at``: a run of tokens made of transliteration characters (普京,
  默克尔, 阿尔布赖特), scored by its characters, jieba's tag and the cue words
  around it; clubs in a league report and towns after 在 or 前往 pay for it;
* ``dotted_at``: parts joined by a middle dot (柯拉热·萨吾提, 马·莱万多夫斯基),
  whatever their characters, or by a hyphen between two transliterated runs
  (汤姆-克鲁斯).
"""

from __future__ import annotations

from .person_context import Candidate
from .person_lexicon import FOREIGN, NAME_TAGS
from .person_walk import CUE, TEAM_CLAUSE, TEAM_VETO, WalkBase, is_han

FOREIGN_THRESHOLD = 3.0
"""Score a transliterated candidate needs on its own."""

FOREIGN_NR_COMMON = 300
"""Frequency from which a two-character ``nr`` entry read as a transliteration is the ordinary word it
mostly is (文明 6584, 高雅 309; 罗斯 177 stays a name): PD PERSON P 0.912 -> 0.917, CLUENER 0.716 -> 0.718,
recall unchanged on both."""

NO_CUE = 0.0
"""What a transliteration run without a middle dot or a person cue pays: places and clubs read like names."""


class ForeignWalk(WalkBase):
    """The walk's transliterated and dotted candidates."""

    def foreign_at(self, index: int) -> list[Candidate]:
        """A run of transliteration tokens starting at this token (not continuing one before it).

        The run stops at a middle dot: ``dotted_at`` reads dotted names whole.
        """
        last = index
        while last + 1 < len(self.tokens) and self.tokens[last + 1].start == self.tokens[last].end:
            if not self._foreign_token(last + 1):
                break
            last += 1
        start, end = self.tokens[index].start, self.tokens[last].end
        if end - start < 2:
            return []
        score = sum(self.lex.translit.get(ch, 0.0) for ch in self.text[start:end])
        score += self._foreign_dictionary(start, end) + self._foreign_evidence(start, end, 0)
        return [Candidate(start, end, "person/name.foreign", score - FOREIGN_THRESHOLD, "foreign")]

    def dotted_at(self, index: int) -> list[Candidate]:
        """A name whose parts a middle dot joins (柯拉热·萨吾提), whatever their characters.

        The part before the dot is a name's word or one transliteration
        character standing for a given name (马·莱万多夫斯基, 阿·德米特里延科).
        After the dot the name runs on over name words and words made of
        transliteration characters (莱/万多/夫斯基: jieba reads 万多 as a
        numeral), and an unknown word is cut before a particle that jieba
        glued to it (延科均 -> 延科, 马斯说 -> 马斯).
        """
        tokens = self.tokens
        first = index - 1
        if first < 0 or tokens[first].end != tokens[index].start:
            return []
        if tokens[index].text in self.lex.hyphens:
            return self._hyphened(index)
        if not (self._dotted_part(first) or self._initial(first)):
            return []
        while first > 0 and tokens[first - 1].end == tokens[first].start and self._foreign_token(first - 1):
            first -= 1
        last = index + 1
        if last >= len(tokens) or tokens[last].start != tokens[index].end:
            return []
        end = self._dotted_part_end(last)
        if end is None:
            return []
        while end == tokens[last].end and last + 1 < len(tokens) and tokens[last + 1].start == end:
            if tokens[last + 1].text in self.lex.dots and last + 2 < len(tokens):
                after = self._dotted_part_end(last + 2)
                if after is None:
                    break
                last, end = last + 2, after
            elif self._foreign_token(last + 1) or self._translit_word(last + 1, last + 2):
                last += 1
                end = tokens[last].end
            else:
                word = tokens[last + 1].text
                if len(word) >= 2 and word not in self.lex.tags and word[-1] in self.lex.tail_veto:
                    if all(ch in self.lex.translit for ch in word[:-1]):  # 德米特里/延科均 -> 延科
                        end = tokens[last + 1].end - 1
                break
        start = tokens[first].start
        margin = self.lex.dot_weight - FOREIGN_THRESHOLD + self._context(start, end)
        return [Candidate(start, end, "person/name.dotted", margin, "foreign")]

    def _hyphened(self, index: int) -> list[Candidate]:
        """Two transliteration runs joined by a hyphen (汤姆-克鲁斯): a name, with a person cue or a strong run."""
        tokens, lex = self.tokens, self.lex
        last = index + 1
        if last >= len(tokens) or tokens[last].start != tokens[index].end:
            return []
        if not (self._foreign_token(index - 1) and self._foreign_token(last)):
            return []
        first = index - 1
        while first > 0 and tokens[first - 1].end == tokens[first].start and self._foreign_token(first - 1):
            first -= 1
        while last + 1 < len(tokens) and tokens[last + 1].start == tokens[last].end and self._foreign_token(last + 1):
            last += 1
        start, end = tokens[first].start, tokens[last].end
        if self._near_team_word(start, end):
            return []  # 切尔西-阿森纳 vs ...: two clubs paired
        score = lex.hyphen_weight + sum(
            lex.translit.get(ch, 0.0) for ch in self.text[start:end] if ch not in lex.hyphens
        )
        margin = score + self._context(start, end) - FOREIGN_THRESHOLD
        return [Candidate(start, end, "person/name.dotted", margin, "foreign")]

    def _initial(self, index: int) -> bool:
        """A one-character token of a transliteration character before a dot: an initial (马·, 阿·, 拉·)."""
        word = self.tokens[index].text
        return len(word) == 1 and word in self.lex.translit

    def _translit_word(self, index: int, following: int) -> bool:
        """A token of transliteration characters, whatever jieba's tag, that another name token follows."""
        tokens, lex = self.tokens, self.lex
        word = tokens[index].text
        if len(word) < 2 or word in lex.word_veto or not all(ch in lex.translit for ch in word):
            return False
        return (
            following < len(tokens) and tokens[following].start == tokens[index].end and self._foreign_token(following)
        )

    def _dotted_part_end(self, index: int) -> int | None:
        """Where a name's part after a dot ends in this token: all of it, before a glued particle, or nowhere."""
        tok = self.tokens[index]
        if self._dotted_part(index):
            entry = self.lex.tags.get(tok.text)
            if entry is None and len(tok.text) >= 3 and tok.text[-1] in self.lex.tail_veto:
                return tok.end - 1  # 延科均, 马斯说: jieba's unknown word took the particle along
            return tok.end
        return None

    def _foreign_token(self, index: int) -> bool:
        """A token that can be part of a transliterated name: its characters, and no ordinary word."""
        return bool(self.lex.word_flags(self.tokens[index].text) & FOREIGN)

    def _dotted_part(self, index: int) -> bool:
        word = self.tokens[index].text
        entry = self.lex.tags.get(word)
        if not word or not all(is_han(ch) for ch in word):
            return False
        translit = all(ch in self.lex.translit for ch in word)
        return entry is None or translit or entry[0] in NAME_TAGS or entry[0] == "nrt"

    def _foreign_evidence(self, start: int, end: int, dots: int) -> float:
        """Cue words around a transliteration run; without one it needs more evidence, near a team word it is none.

        Clubs, landmarks and foreign places read like names (切尔西, 卢浮宫,
        夏威夷) and jieba tags them as names, so a run with no middle dot and
        no person cue (a title, a speech verb, an honorific) pays ``NO_CUE``,
        and one next to a sports word (主场, vs, 战胜) is vetoed.
        """
        if self._near_team_word(start, end):
            return -TEAM_VETO
        context = self._context(start, end)
        if dots or context >= CUE:
            return context
        team = TEAM_CLAUSE if self._team_clause(start, end) else 0.0
        return context - NO_CUE - team - self._place_before(start)

    def _foreign_dictionary(self, start: int, end: int) -> float:
        entry = self.lex.tags.get(self.text[start:end])
        if entry is None:
            return 0.0
        tag, freq = entry
        if tag in NAME_TAGS and end - start == 2 and freq >= FOREIGN_NR_COMMON:
            return -3.0  # jieba tags ordinary words nr (文明, 高雅): used this often, the word
        if tag in NAME_TAGS or tag == "nrt":
            return 2.0
        return -3.0  # a place (芬兰, 科索沃) or an ordinary word
