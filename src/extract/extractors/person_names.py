"""Person names in running text, without needing a cue word: one walk over the tokens.

``find_person_names(text, tokens)`` scores candidate names where the tokens
make one possible and keeps the best non-overlapping ones:

* Chinese names: a surname of the table (single or compound) and one or two
  given-name characters, scored by the given-name model (character statistics
  of jieba's person entries, ``person_lexicon``), jieba's tag of the whole
  candidate, how its edges sit on the tokens (a name may end inside a token
  that glues it to the next character, 高云江说, but may not cut a dictionary
  word: 党委副) and the cue words around it (titles, speech verbs, credits);
* Japanese names: a surname of the Japanese rows and one to three given
  characters (桥本龙太郎), or the surname alone before a person cue (桥本首相);
* transliterated foreign names (``person_foreign``): runs of tokens made of
  transliteration characters (普京, 默克尔, 阿尔布赖特), parts joined by a
  middle dot or a hyphen (阿卜杜拉·本·侯赛因, 汤姆-克鲁斯); the cue words
  around every kind of candidate are read by ``person_walk``;
* then lists (``person_context``): a confirmed member of "A、B、C和D" vouches
  for the others of the same shape, a bare surname before a title
  (王部长) links to the one full name with that surname printed earlier, and
  a short form after a full name (its given name, a Japanese surname, the
  last part of a dotted name) links to it.

Offsets are those of ``tokens`` (``tokenize(text)``: offsets into ``text``).
Cost: a few dictionary lookups per token that starts with a surname or a
transliteration character.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..tokenize import Token
from .person_context import (
    LIST_MARGIN,
    Candidate,
    find_eponyms,
    link_bare_surnames,
    link_short_forms,
    select,
    spread_lists,
)
from .person_japanese import JapaneseWalk
from .person_lexicon import (
    BARE,
    CHINESE,
    COMPOUND,
    CONTENT_TAGS,
    DOT,
    FOREIGN,
    FUNCTION_WORD,
    JAPANESE,
    NAME_TAGS,
    PERSON_TAGS,
    load_person_lexicon,
)
from .person_walk import CUE, TEAM_CLAUSE, TEAM_VETO, is_han
from .place_spans import TOKEN_TEXT

THRESHOLD = 4.5
"""Score a Chinese candidate needs on its own (surname weight + given-name characters + evidence).

Lowered from 5.0 once the vetoes of this round (clubs, places after 在, jieba's name tag weighed by
the given name) had raised precision: PD PERSON 0.909/0.770 -> 0.895/0.785, CLUENER 0.695/0.643 ->
0.681/0.675 (F1 0.834 -> 0.837 and 0.668 -> 0.678)."""

NR_COMMON = 100
"""Frequency from which a two-character ``nr`` entry of jieba is read as the ordinary word it mostly is."""

VERB_AFTER_FREQ = 1000
"""Frequency from which a one-character verb or function word after a two-character name ends no name (张骞/乘)."""

NR_CUED = 1000
"""Frequency below which a frequent two-character ``nr`` entry next to a person cue is a name (彭真同志, not 明星选手)."""

NR_FAMOUS = 50
"""Frequency from which a three-character ``nr`` entry of jieba is a public figure whatever its characters (蒋介石)."""

NR_GIVEN = 2.0
"""Given-name score from which jieba's name tag on a candidate counts in full (less in proportion below it)."""

FUNCTION_TAGS = frozenset({"p", "c", "d", "u", "uj", "ul", "uz", "ug", "r", "f", "m", "q", "y", "v", "ad", "zg"})
"""jieba tags of a one-character token that ends a sentence's word, not a name (在, 和, 说, 了)."""


INSIDE_COST = 1.0  # ``_Walk._edges``: a candidate that starts inside a token
EDGE_END = 0.5  # ... that ends on a token edge
UNKNOWN_WORD = 1.0  # ... that is jieba's unknown word
EDGES_MAX = EDGE_END + UNKNOWN_WORD
"""The most ``_Walk._edges`` adds (every other term of it is a cost)."""

BOUND_SLACK = 1e-9
"""Rounding room of the bound that skips ``_edges``: only a candidate clearly below the margin is skipped."""

VETO_LIFT = 0.5
"""Given-name score from which a vetoed character may stand in an unknown word that jieba reads as one (罗豪才)."""


class PersonSpan(NamedTuple):
    """A person name: ``[start, end)`` in the text, the rule that found it, the full name of a short form."""

    start: int
    end: int
    rule: str
    canonical: str | None = None


def find_person_names(
    text: str,
    tokens: Sequence[Token],
    starts: list[int] | None = None,
    ends: list[int] | None = None,
    words: list[str] | None = None,
    visits: Iterable[int] | None = None,
) -> list[PersonSpan]:
    """Person names of ``text`` (its jieba ``tokens`` given), sorted by start.

    ``starts``, ``ends`` and ``words``: the tokens' offsets and texts, when the caller has them
    (``Doc.token_starts``, ``EntityScan.words``); ``visits``: the indexes of the tokens with flags, in order
    (``EntityScan.person_visits``: the other tokens start no candidate); every token when not given.
    """
    if not tokens:
        return []
    lex = load_person_lexicon()
    if words is None:
        words = list(map(TOKEN_TEXT, tokens))
    walk = _Walk(text, tokens, lex, starts, ends)
    candidates: list[Candidate] = []
    bare: list[Token] = []
    known = lex.flags  # the memo read inline: one lookup a token, no call
    for index in range(len(words)) if visits is None else visits:
        flags = known.get(words[index])
        if flags is None:
            flags = lex.word_flags(words[index])
        if not flags:
            continue
        if flags & CHINESE:
            candidates.extend(walk.chinese_at(index))
        elif flags & COMPOUND:
            candidates.extend(walk.compound_at(index))
        if flags & FOREIGN and not (  # a run is read from its first token
            index and tokens[index - 1].end == tokens[index].start and lex.word_flags(words[index - 1]) & FOREIGN
        ):
            candidates.extend(walk.foreign_at(index))
        if flags & BARE:
            bare.append(tokens[index])
        if flags & DOT:
            candidates.extend(walk.dotted_at(index))
        if flags & JAPANESE:
            candidates.extend(walk.japanese_at(index))
    chosen = select(candidates)
    eponyms, cups = find_eponyms(text, lex)
    if cups:  # 尤伯杯 is no person, 尤伯 inside it is
        chosen = [c for c in chosen if not any(s < c.end and c.start < e for s, e in cups)]
    if not chosen and not bare:
        return [PersonSpan(*p) for p in eponyms]
    chosen = spread_lists(text, chosen, candidates, lex)
    spans = [PersonSpan(c.start, c.end, c.rule) for c in chosen]
    spans.extend(link_bare_surnames(text, bare, chosen, lex))
    shorts = link_short_forms(text, walk.starts, walk.ends, chosen, lex)
    if shorts:  # a short form outranks the pieces of it read alone (莱万多夫斯基, not 夫斯基)
        spans = [s for s in spans if not any(f.start <= s.start and s.end <= f.end for f in shorts)]
    return sorted(spans + shorts + [PersonSpan(*p) for p in eponyms])


def _common_nr(entry: tuple[str, int] | None, size: int, below: int) -> bool:
    """A two-character ``nr`` entry of jieba used often, but less than ``below``: a word (阳光) or a name (彭真)."""
    return entry is not None and entry[0] in NAME_TAGS and size == 2 and NR_COMMON <= entry[1] < below


def _famous(entry: tuple[str, int] | None, size: int) -> bool:
    """jieba's entry of a public figure (nrfg: 习近平), or a three-character name entry used often (蒋介石)."""
    if entry is None:
        return False
    return entry[0] == "nrfg" or (size >= 3 and entry[0] in NAME_TAGS and entry[1] >= NR_FAMOUS)


class _Walk(JapaneseWalk):
    """The text, its tokens indexed by their edges, and the scoring of candidates at each token."""

    threshold = THRESHOLD

    # --- Chinese names ---------------------------------------------------------

    def chinese_at(self, index: int) -> list[Candidate]:
        """The best Chinese candidate starting at this token, or inside it when jieba glued it on."""
        tok = self.tokens[index]
        if self._measure_word(index):
            return []  # 3张卫星, 五任县长: a numeral and its measure word
        positions = [tok.start]
        if 2 <= len(tok.text) <= 3 and tok.text not in self.lex.tags:  # an unknown word: a name may start inside
            positions.extend(range(tok.start + 1, tok.end))
        glued = len(positions) > 1 and self._function_head(tok.text)
        found = []
        for pos in positions:
            # 但/葛菲, 和/白林: a function word glued to a name; the name starts after it
            inside = pos != tok.start
            best = self._best_chinese(
                pos, None if inside else index, inside=inside and not (glued and pos == tok.start + 1)
            )
            if best is not None:
                found.append(best)
        return found

    def _measure_word(self, index: int) -> bool:
        """A one-character token that is a frequent word (张, 段, 位) right after a numeral or a determiner."""
        tok = self.tokens[index]
        entry = self.lex.tags.get(tok.text)
        if len(tok.text) != 1 or entry is None or entry[1] < FUNCTION_WORD or tok.start == 0:
            return False
        return self.lex.after_numeral(self.text, tok.start) or self.text[tok.start - 1] in self.lex.determiners

    def _verb_after(self, pos: int) -> bool:
        """The character at ``pos`` is a one-character verb or function word after a name jieba knows (张骞/乘)."""
        index = self.starts.get(pos)
        if index is None or index == 0 or self.tokens[index].end != pos + 1:
            return False
        name = self.tokens[index - 1].text
        if len(name) != 2 or self.lex.tags.tag(name) not in NAME_TAGS:
            return False
        entry = self.lex.tags.get(self.tokens[index].text)
        return entry is not None and entry[0] in FUNCTION_TAGS and entry[1] >= VERB_AFTER_FREQ

    def _function_head(self, word: str) -> bool:
        """``word`` starts with a frequent one-character function word (但, 和, 向) and a surname follows it."""
        entry = self.lex.tags.get(word[0])
        return (
            entry is not None
            and self.lex.surnames.get(word[0], ("", 0.0))[1] <= 0  # 张 (q) is a surname first
            and entry[0] in FUNCTION_TAGS
            and entry[1] >= FUNCTION_WORD
            and (word[1:3] in self.lex.surnames or word[1] in self.lex.surnames)
        )

    def compound_at(self, index: int) -> list[Candidate]:
        """A dictionary word made of a known name and a suffix (邓小平理论, 马克思主义): the name."""
        tok = self.tokens[index]
        for suffix, cue in self.lex.suffixes.items():
            name = tok.text[: -len(suffix)]
            if tok.text.endswith(suffix) and len(name) >= 2 and self.lex.tags.tag(name) in PERSON_TAGS:
                return [Candidate(tok.start, tok.start + len(name), cue.rule, cue.weight, "chinese")]
        return []

    def _best_chinese(self, pos: int, first_token: int | None, *, inside: bool) -> Candidate | None:
        """The best Chinese name at ``pos``; ``first_token``: the index of the token starting there, if one does."""
        text, lex = self.text, self.lex
        surname = text[pos : pos + 2]
        row = lex.surnames.get(surname)
        if row is None:
            surname = text[pos]
            row = lex.surnames.get(surname)
            if row is None:
                return None
        weight = row[1] + self._before(pos)
        best: Candidate | None = None
        first = pos + len(surname)
        for end in (first + 1, first + 2):
            # the given name's characters are read one at a time: the first was read for the shorter name
            if end > len(text) or not is_han(text[end - 1]):
                break
            given, name = text[first:end], text[pos:end]
            if name in lex.word_veto or given[-1] in lex.place_tail or name in lex.japanese:
                continue  # 池田, 山口: a Japanese surname alone is read by japanese_at, with its cue
            if (given[0] in lex.start_veto or given[-1] in lex.tail_veto) and not self._one_name_token(
                first_token, pos, end
            ):
                continue
            if end - first == 2 and self._verb_after(end - 1):
                continue  # 张骞/乘/槎: a verb standing alone after the name, not its last character
            if given in lex.after:  # a title or honorific after a bare surname (李先生, 胡老), not a given name
                if end - first == 1:
                    continue  # but 文, 图, 老 also start given names: 赵文陶, 王图强
                break
            given_score = lex.given_score(given)
            entry = lex.tags.get(name)  # jieba's word for the whole candidate, read once for the tests below
            dictionary = self._word_score(entry, pos, end)
            if dictionary < 0 and _common_nr(entry, end - pos, NR_CUED) and self._context(pos, end) >= CUE:
                dictionary = 0.0  # 彭真同志, 贺龙元帅: a person cue reads a frequent nr entry as the name it is
            elif dictionary > 0 and not _famous(entry, end - pos):
                # jieba tags clubs, places and things nr (阿森纳, 玉玺, 黄花梨): its name tag counts
                # in full only for a given name of a name's characters
                dictionary *= min(1.0, max(0.0, given_score / NR_GIVEN))
            score, after = weight + given_score + dictionary, self._after(end)
            if (
                score + after + (EDGES_MAX - INSIDE_COST if inside else EDGES_MAX) - THRESHOLD
                < -LIST_MARGIN - BOUND_SLACK
            ):
                continue  # too weak even with the best edges: 44 of the seed page's 150 candidates skip _edges
            score = score + self._edges(pos, end, inside, first_token) + after  # the sum in its old order
            if score - THRESHOLD < -LIST_MARGIN:
                continue  # too weak to be kept or vouched for by a list: the vetoes below can only lower it
            if self._near_team_word(pos, end):
                score -= TEAM_VETO
            elif self._context(pos, end) < CUE and self._translit_shaped(pos, end):
                if self._team_clause(pos, end):
                    score -= TEAM_CLAUSE  # 阿森纳, 巴勒莫 in a league report: a club
                score -= self._place_before(pos)  # 在杜塞尔多夫: a town
            if best is None or score - THRESHOLD > best.margin:
                best = Candidate(pos, end, "person/name.chinese", score - THRESHOLD, "chinese")
        return best

    def _one_name_token(self, index: int | None, start: int, end: int) -> bool:
        """``[start, end)`` is one token that jieba reads as a name, or an unknown word of name characters.

        The vetoed characters (才, 之, 均, 和) do occur in names (罗豪才, 龚育之,
        李宝均, 陈和生); jieba keeps such a name whole where it is one.
        ``index``: the token that starts at ``start``, if one does.
        """
        if index is None or self.tokens[index].end != end:
            return False
        head = self.lex.tags.get(self.text[start : start + 2])
        if end - start == 3 and head is not None and head[1] >= NR_COMMON:
            return False  # a frequent word and the character after it (林子/里), glued by jieba
        entry = self.lex.tags.get(self.text[start:end])
        if entry is not None:
            return entry[0] in NAME_TAGS
        given = self.text[start + 1 : end]
        if given[-1] in self.lex.adverbs:
            return False  # 哈文则/去了: an adverb jieba glued to the name, before its verb
        return self.lex.given_last.get(given[-1], 0.0) >= VETO_LIFT and (
            len(given) < 2 or self.lex.given_first.get(given[0], 0.0) >= VETO_LIFT
        )

    def _dictionary(self, start: int, end: int) -> float:
        """jieba's word for the whole candidate: a person entry is evidence, any other word counts against."""
        return self._word_score(self.lex.tags.get(self.text[start:end]), start, end)

    def _word_score(self, entry: tuple[str, int] | None, start: int, end: int) -> float:
        """``_dictionary`` of the candidate ``[start, end)`` whose entry of jieba is ``entry``."""
        if entry is None:
            return 0.0
        tag, freq = entry
        if tag == "nrfg":  # jieba's entries of historical and public figures: names whatever their frequency
            return 2.0
        if tag in NAME_TAGS:
            # jieba tags many ordinary words nr (阳光, 高峰, 石家庄): a two-character
            # entry used often is more likely such a word than a person
            return -2.0 if end - start == 2 and freq >= NR_COMMON else 2.0
        if tag == "nrt":
            return 0.5
        if tag not in CONTENT_TAGS:  # jieba's dictionary tags some famous names oddly (周恩来: t)
            # a three-character entry with a given name of a name's characters is the name (not 国庆节)
            if end - start == 3:
                return 0.0 if self.lex.given_score(self.text[start + 1 : end]) >= NR_GIVEN else -1.0
            if end - start != 2:
                return -1.0  # a two-character one is the time or word it is listed as (南宋, 明明): below
        return -2.0 - min(3.0, math.log10(freq + 1.0))

    def _edges(self, start: int, end: int, inside: bool, first: int | None) -> float:
        """How the candidate sits on the tokens: cutting a dictionary word costs, ending on a token edge helps.

        ``first``: the index of the token that starts at ``start``, if one does.  At most ``EDGES_MAX``.
        """
        score = -INSIDE_COST if inside else 0.0
        starts, tokens, tags = self.starts, self.tokens, self.lex.tags
        if end in self.ends:
            score += EDGE_END
            whole = first
            if whole is None:  # 但/葛菲: the name is the unknown word less its head
                glued = starts.get(start - 1)
                if glued is not None and self._function_head(tokens[glued].text):
                    whole = glued
            if whole is not None and tokens[whole].end == end:
                unknown = tokens[whole].text
                if unknown not in tags and (whole != first or not self._function_head(unknown)):
                    score += UNKNOWN_WORD  # jieba's unknown word (但葛菲 counts for 葛菲, not for itself)
            elif self._unknown_and_one(first, end):
                score += UNKNOWN_WORD  # 张友/香, 高允/连: jieba's unknown word cut one character short
        else:
            tok = tokens[self._token_at(end)]
            rest = tok.text[end - tok.start :]
            if not self._is_glue(rest):
                score -= 2.5 if tok.text in tags else 0.7
        index = first
        while index is not None and index < len(tokens) and tokens[index].end <= end:
            word = tokens[index]
            if len(word.text) >= 2 and word.end - word.start < end - start:  # a word inside the candidate
                entry = tags.get(word.text)
                if entry is not None and entry[0] not in NAME_TAGS:
                    score -= min(2.0, 0.5 * math.log10(entry[1] + 1.0))
            index += 1
        return score

    def _unknown_and_one(self, first: int | None, end: int) -> bool:
        """``[start, end)`` is an unknown two-character token and a one-character token that is no function word.

        jieba's HMM often reads the first two characters of a three-character
        name as the unknown word and leaves the last one alone (张友/香父子);
        the whole name then earns what the two-character head would.
        ``first``: the index of the token that starts the candidate, if one does.
        """
        if first is None or first + 1 >= len(self.tokens):
            return False
        head, last = self.tokens[first], self.tokens[first + 1]
        if head.end - head.start != 2 or head.text in self.lex.tags or last.end != end or last.end - last.start != 1:
            return False
        entry = self.lex.tags.get(last.text)
        return last.text not in self.lex.tail_veto and (entry is None or entry[0] not in FUNCTION_TAGS)

    def _is_glue(self, rest: str) -> bool:
        """A token's rest after a name that jieba glued on: a cue word, a list separator, a particle."""
        lex = self.lex
        return rest in lex.after or rest in lex.suffixes or rest[0] in lex.tail_veto or rest[0] in lex.separators
