"""Organizations named with a place or a common word, found only where their sentence speaks of what they do.

``data/org_cued.toml`` holds rows of such names (a club named after its
city: 罗马, 利物浦; a studio named with a common word: 暴雪) and each row's
cue words (主场, 赔率, vs; 游戏, 玩家).  ``cued_span`` reads one token: the
name is an organization when it is the whole token, or the head of a word
jieba does not know (不来梅主场 glued), no preposition stands right before a
place's name (在罗马) nor a place's word after it (利物浦市长), and a cue word
stands in the same sentence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from ..tokenize import Token
from .place_names import NameSpan
from .place_rows import RowExample

CUED = "org_cued.toml"
# Sentence ends: the cue must stand in the name's sentence.
SENTENCE_ENDS = "。！？；\n!?;"


class CuedRow(BaseModel):
    """Names (``surfaces``) that are organizations where a ``cue`` stands in their sentence; ``place_lead``
    rows have no cues: their words, right before a name, keep it a place."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    surfaces: tuple[str, ...]
    cues: tuple[str, ...] = ()
    places: bool = False  # the names are places too: a place lead before one keeps it a place (在罗马)
    examples: tuple[RowExample, ...] = ()
    negatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class CuedTable:
    names: dict[str, CuedRow]  # surface -> its row
    max_len: int
    place_leads: frozenset[str]  # 在罗马, 抵达利物浦: the place, not the club
    place_tails: frozenset[str]  # 利物浦市长, 罗马郊区: the place, not the club


@cache
def _sections() -> dict[str, tuple[CuedRow, ...]]:
    raw = tomllib.loads(resources.files("extract.data").joinpath(CUED).read_text(encoding="utf-8"))
    return {section: tuple(CuedRow.model_validate(row) for row in rows) for section, rows in raw.items()}


def cued_rows() -> tuple[CuedRow, ...]:
    return _sections().get("cued", ())


def place_leads() -> tuple[CuedRow, ...]:
    return (*_sections().get("place_lead", ()), *_sections().get("place_tail", ()))


@cache
def load_cued() -> CuedTable:
    names = {s: row for row in cued_rows() for s in row.surfaces}
    sections = _sections()
    leads = frozenset(s for row in sections.get("place_lead", ()) for s in row.surfaces)
    tails = frozenset(s for row in sections.get("place_tail", ()) for s in row.surfaces)
    return CuedTable(names, max(map(len, names), default=0), leads, tails)


def cued_head(table: CuedTable, word: str, known: bool) -> int:
    """The length of the cued name ``word`` is or starts with (a word jieba does not know only); 0 when none."""
    if word in table.names:
        return len(word)
    if known or len(word) < 3:
        return 0
    return next((k for k in range(min(len(word) - 1, table.max_len), 1, -1) if word[:k] in table.names), 0)


def cued_span(text: str, tokens: Sequence[Token], i: int, size: int) -> NameSpan | None:
    """The organization of the first ``size`` characters of token ``i`` when its sentence holds a cue of its row."""
    token = tokens[i]
    table = load_cued()
    row = table.names[token.text[:size]]
    lead = i > 0 and tokens[i - 1].end == token.start and tokens[i - 1].text in table.place_leads
    tail = i + 1 < len(tokens) and tokens[i + 1].start == token.end and tokens[i + 1].text in table.place_tails
    if row.places and (lead or tail):
        return None
    start = max(text.rfind(c, 0, token.start) for c in SENTENCE_ENDS) + 1
    ends = [e for e in (text.find(c, token.start) for c in SENTENCE_ENDS) if e >= 0]
    sentence = text[start : min(ends, default=len(text))]
    if not any(cue in sentence for cue in row.cues):
        return None
    return NameSpan(token.start, token.start + size, "ORG", row.id)
