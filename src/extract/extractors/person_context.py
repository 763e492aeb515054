"""Names confirmed by the names around them: lists, and bare surnames before a title.

Passes after the token walk of ``person_names``:

* ``select``: the candidates over their threshold, none overlapping a better one;
* ``spread_lists``: in "A、B、C和D" (and 记者王海、刘洋、陈静报道) one name
  found on its own vouches for a neighbour across a list separator, when the
  neighbour is a candidate of the same kind whose score is within
  ``LIST_MARGIN`` of the threshold; a newly confirmed name vouches in turn.
* ``link_bare_surnames``: a surname alone before a title or honorific
  (王部长, 郑先生, 胡老) is a name; its canonical form is the one full name
  with that surname found earlier in the text, if there is exactly one.
* ``link_short_forms``: once a full name is found, its short forms later in
  the text are the same person without any cue: the given name of a Chinese
  name (王俊平 ... 俊平), the surname of a Japanese one (桥本龙太郎 ... 桥本),
  the last part of a dotted one (马·莱万多夫斯基 ... 莱万多夫斯基).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..tokenize import Token
from .person_lexicon import NAME_TAGS, PersonLexicon

if TYPE_CHECKING:
    from .person_names import PersonSpan

LIST_MARGIN = 3.0
"""How far below its threshold a list member may score and still be vouched for."""


class Candidate(NamedTuple):
    """A scored candidate name: ``margin`` is its score less its threshold (kept when >= 0)."""

    start: int
    end: int
    rule: str
    margin: float
    kind: str  # "chinese" or "foreign": a list vouches only for members of the same kind


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates over their threshold, best first, none overlapping a better one.

    A transliteration run or a Japanese name over its threshold outranks a
    Chinese candidate that it strictly contains (谷口清 in 谷口清太郎): jieba tags the head of a long transliteration as a
    name (斯特罗/耶夫, 赫里斯/坚科), whose surname-shaped start would cut it.
    """
    runs = _by_position([c for c in candidates if c.kind in ("foreign", "japanese") and c.margin >= 0])
    if runs:
        candidates = [c for c in candidates if c.kind != "chinese" or not _inside_run(c, runs)]
    dotted = _by_position([c for c in candidates if c.rule == "person/name.dotted"])
    if dotted:  # 彼得·皮奥: no part of a dotted name stands alone, whether the name is kept or not
        candidates = [c for c in candidates if not _inside_run(c, dotted)]
    taken: list[Candidate] = []
    used: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-c.margin, c.start)):
        if cand.margin < 0:
            break
        if used.isdisjoint(range(cand.start, cand.end)):
            taken.append(cand)
            used.update(range(cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)


def _by_position(runs: list[Candidate]) -> dict[int, list[Candidate]]:
    """The ``runs`` that cover each position of the text (a run is a few characters long)."""
    cover: dict[int, list[Candidate]] = {}
    for run in runs:
        for i in range(run.start, run.end):
            cover.setdefault(i, []).append(run)
    return cover


def _inside_run(cand: Candidate, runs: dict[int, list[Candidate]]) -> bool:
    """``cand`` lies inside one of the ``runs`` (indexed by ``_by_position``) and is shorter than it."""
    size = cand.end - cand.start
    return any(r.end >= cand.end and r.end - r.start > size for r in runs.get(cand.start, ()))


def spread_lists(
    text: str, chosen: list[Candidate], candidates: list[Candidate], lex: PersonLexicon
) -> list[Candidate]:
    """``chosen`` with the list members that a chosen neighbour vouches for."""
    by_start: dict[int, Candidate] = {}
    by_end: dict[int, Candidate] = {}
    for cand in candidates:
        if cand.margin >= -LIST_MARGIN:
            if cand.start not in by_start or cand.margin > by_start[cand.start].margin:
                by_start[cand.start] = cand
            if cand.end not in by_end or cand.margin > by_end[cand.end].margin:
                by_end[cand.end] = cand
    used = {i for c in chosen for i in range(c.start, c.end)}
    result = list(chosen)
    work = list(chosen)
    longest = max((len(s) for s in lex.separators), default=1)
    while work:
        name = work.pop()
        for size in range(1, longest + 1):
            if text[name.end : name.end + size] in lex.separators:
                work.extend(_vouch(by_start.get(name.end + size), name, used, result))
            if text[name.start - size : name.start] in lex.separators:
                work.extend(_vouch(by_end.get(name.start - size), name, used, result))
    return sorted(result, key=lambda c: c.start)


def _vouch(cand: Candidate | None, voucher: Candidate, used: set[int], result: list[Candidate]) -> list[Candidate]:
    """Confirm ``cand`` as a list member of ``voucher``'s kind, if it overlaps nothing chosen."""
    if cand is None or cand.kind != voucher.kind or not used.isdisjoint(range(cand.start, cand.end)):
        return []
    member = cand._replace(rule="person/list")
    used.update(range(cand.start, cand.end))
    result.append(member)
    return [member]


def link_bare_surnames(
    text: str, tokens: Sequence[Token], chosen: list[Candidate], lex: PersonLexicon
) -> list[PersonSpan]:
    """Surnames alone before a title or honorific, each linked to its full name when it is unambiguous.

    ``tokens`` are the tokens that are a surname or a surname glued to a title (flag ``BARE``).
    """
    from .person_names import PersonSpan

    used = {i for c in chosen for i in range(c.start, c.end)}
    full_names = [(c.start, text[c.start : c.end]) for c in chosen if c.kind == "chinese"]
    spans = []
    for tok in tokens:
        surname = _bare_surname(text, tok, lex)
        if surname is None or tok.start in used:
            continue
        if lex.after_numeral(text, tok.start):
            continue  # 200余家企业, 三张先生: a numeral's 余 or measure word
        cue = _cue_after(text, tok.start + len(surname), lex)
        if cue is None or _starts_word(text, tok.start + len(surname), lex, surname):
            continue
        if text.startswith(surname, tok.start + len(surname)):
            continue  # 法学班/班长, 三连/连长: a unit before its own head, not a surname
        earlier = {name for start, name in full_names if start < tok.start and name.startswith(surname)}
        canonical = earlier.pop() if len(earlier) == 1 else None
        spans.append(PersonSpan(tok.start, tok.start + len(surname), cue, canonical))
    return spans


BARE_WORD_FREQ = 50
"""Frequency from which a dictionary word across a bare surname and its title is read as that word."""

FREQUENT_SURNAME = 2.0
"""Surname weight (the top band) from which a word across the surname and its title may still be the pair (江主席)."""

PAIR_WORD_FREQ = 1000
"""Frequency from which such a word is read as the word even after a frequent surname."""


def _starts_word(text: str, end: int, lex: PersonLexicon, surname: str) -> bool:
    """The surname ending at ``end`` starts a dictionary word with the title's first characters.

    古老 (那么古老的), 元老 (政坛元老), 班主任: an adjective or a noun, not 古 or 元 before 老.
    jieba also lists some surname-and-title pairs as words (李先生 nr, 江主席 n): a
    name's tag, or a frequent surname in a word that is not frequent itself, is the pair.
    """
    frequent = lex.surnames[surname][1] >= FREQUENT_SURNAME
    for size in (2, 3):
        entry = lex.tags.get(text[end - 1 : end - 1 + size])
        if entry is None or entry[1] < BARE_WORD_FREQ:
            continue
        if not frequent or (entry[0] not in NAME_TAGS and entry[1] >= PAIR_WORD_FREQ):
            return True
    return False


def _bare_surname(text: str, tok: Token, lex: PersonLexicon) -> str | None:
    """The surname that this token is, or starts when jieba glued the title to it (郑先生)."""
    for size in (2, 1):
        surname = tok.text[:size]
        if len(surname) == size and lex.surnames.get(surname, ("", 0.0))[1] > 0:  # not 由, 向 ...
            rest = tok.text[size:]
            if not rest or rest in lex.after:
                return surname
    return None


def _cue_after(text: str, pos: int, lex: PersonLexicon) -> str | None:
    """The rule of a title or honorific right after ``pos`` that may follow a bare surname."""
    for size in range(min(lex.max_cue, len(text) - pos), 0, -1):
        cue = lex.after.get(text[pos : pos + size])
        if cue is not None:
            if not cue.bare_surname or text[pos + size : pos + size + 1] in cue.not_before:
                return None  # 刘家村: a village, not the Liu family
            return f"{cue.rule}.surname"
    return None


SHORT_WORD_FREQ = 100
"""Frequency from which a given name that is also a dictionary word (建国, 海燕 as nouns) is not linked alone."""


def link_short_forms(
    text: str, starts: Container[int], ends: Container[int], chosen: list[Candidate], lex: PersonLexicon
) -> list[PersonSpan]:
    """Short forms of the chosen full names printed after them, each linked to its full name.

    ``starts`` and ``ends`` hold the tokens' edges.  A short form must stand on
    them (or end where a particle was glued on) and cross no chosen name (it may cover one read inside it);
    a given name that is a frequent dictionary word of another kind is left
    alone.  One scan of the text for all short forms, so a long page costs in
    proportion to its length.
    """
    from .person_names import PersonSpan

    first: dict[str, tuple[int, str]] = {}  # short form -> (end of its first full name, the full name)
    for cand in chosen:
        full = text[cand.start : cand.end]
        for short in _short_forms(full, cand, lex):
            first.setdefault(short, (cand.end, full))
    if not first:
        return []
    covering = {i: c for c in chosen for i in range(c.start, c.end)}
    pattern = re.compile("|".join(re.escape(s) for s in sorted(first, key=len, reverse=True)))
    spans: list[PersonSpan] = []
    for m in pattern.finditer(text):
        pos, end = m.span()
        after, full = first[m.group()]
        if pos < after or pos not in starts:
            continue
        if not (end in ends or (end < len(text) and text[end] in lex.tail_veto)):
            continue
        head, tail = covering.get(pos), covering.get(end - 1)
        if (head is not None and head.start < pos) or (tail is not None and tail.end > end):
            continue  # it would cut across a name already found
        spans.append(PersonSpan(pos, end, "person/name.short", full))
    return spans


def _short_forms(full: str, cand: Candidate, lex: PersonLexicon) -> list[str]:
    """The forms by which a text names this person again after ``full``."""
    if cand.kind == "japanese" and not cand.rule.endswith(".alone"):
        surname = full[:3] if full[:3] in lex.japanese else full[:2]
        return [surname] if len(full) > len(surname) else []
    if cand.kind == "foreign":
        parts = _split_parts(full, lex)
        return parts[-1:] if len(parts) >= 2 and len(parts[-1]) >= 2 else []
    surname = full[:2] if full[:2] in lex.surnames else full[:1]
    given = full[len(surname) :]
    if len(given) != 2 or surname not in lex.surnames:
        return []
    entry = lex.tags.get(given)
    if entry is not None and entry[0] not in NAME_TAGS and entry[1] >= SHORT_WORD_FREQ:
        return []  # 建国, 文明: the given name is also a word
    return [given]


def _split_parts(name: str, lex: PersonLexicon) -> list[str]:
    parts, current = [], ""
    for ch in name:
        if ch in lex.dots or ch in lex.hyphens:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def find_eponyms(text: str, lex: PersonLexicon) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The persons inside the cups and prizes named after them (尤伯杯 -> 尤伯, 汤尤杯 -> 汤, 尤), and those words."""
    if lex.eponym_re is None:
        return [], []
    persons: list[tuple[int, int, str]] = []
    words: list[tuple[int, int]] = []
    for m in lex.eponym_re.finditer(text):
        rule, parts = lex.eponyms[m.group()]
        words.append(m.span())
        persons.extend((m.start() + s, m.start() + e, rule) for s, e in parts)
    return persons, words
