"""Rule table schema: the row types and the tables of ``extract/data``, one pydantic model each.

A rule is a row with a stable ``id``, its ``surfaces`` or ``pattern``,
``examples`` that must match (with the value they give) and ``negatives`` that
must not; ``tests/test_rule_rows.py`` runs every example and negative of every
row.  Each table (one file per dimension: numeral, quantity, date, person,
organization, place, event_work, quote, relation, structure) is a pydantic
model whose sections are lists of rows; a row type declares its own typed
fields (a unit's ``kind``, a qualifier's ``position``) and nothing else is
accepted (``extra="forbid"``).  ``rules`` loads and validates the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# dimension/name.variant: quantity/area.sqm, person/title.job, byline.reporter_line.
ROW_ID = r"^[a-z][a-z_]*(?:/[a-z][a-z0-9_]*)?(?:\.[a-z][a-z0-9_]*)*$"


class _Strict(BaseModel):
    # Validators are built when a table is first validated, not at import: a process that reads the
    # validated tables back from the cache (``rules.load_table``) never needs them (import 80 -> 20 ms).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Example(_Strict):
    """A text a row must match, and what it must give."""

    text: str
    match: str | None = None  # the expected span's text (default: the whole text)
    value: str | None = None  # a quantity's or numeral's Decimal, a date's ISO value
    value_max: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    ordinal: bool = False
    ref: dt.date | None = None  # the reference date of a relative date
    rule: str | None = None  # the rule of the expected record, when not the row's own (a veto, a stop word)
    names: tuple[str, ...] | None = None  # the person names a credit pattern reads
    speaker: str | None = None  # a quote's speaker
    matches: tuple[str, ...] | None = None  # several names one text must give (a list, a reporter line)
    canonical: str | None = None  # the full name a short form in the text links to
    gap: str | None = None  # a known miss, kept with its reason: the example is an expected failure


class Row(_Strict):
    """One rule: an id, its surfaces or pattern, examples and negatives."""

    id: str = Field(pattern=ROW_ID)
    surfaces: tuple[str, ...] = ()
    pattern: str | None = None
    examples: tuple[Example, ...] = Field(min_length=1)
    negatives: tuple[str, ...] = ()


# --- shared parts -------------------------------------------------------------


class PartRow(Row):
    """A named regex part: ``pattern``, or ``surfaces`` as an alternation; ``chars`` a character class."""

    chars: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> PartRow:
        if sum(map(bool, (self.surfaces, self.pattern, self.chars))) != 1:
            raise ValueError("a part has exactly one of surfaces, pattern, chars")
        return self


# --- numerals ----------------------------------------------------------------


class NumeralRow(Row):
    """Characters of the number grammar and their values (零 0, 十 10, 万 10000)."""

    values: dict[str, int] = {}


# --- quantities -----------------------------------------------------------------

UnitKind = Literal[
    "count", "currency", "area", "length", "mass", "volume", "energy", "power", "data",
    "duration", "age", "temperature", "percent",
]  # fmt: skip


class UnitRow(Row):
    kind: UnitKind
    unit: str | None = None  # the record's unit (default: the surface, or the only surface)
    scale: str | None = None  # a Decimal factor (三成 = 30 %) or "discount" (八折 = 80 %)


class PerRow(Row):
    """Per-hundred forms: 百分之 -> factor 1 of a percent."""

    factors: dict[str, str]
    kind: UnitKind
    unit: str


class CompoundRow(Row):
    """A measure written in two units (3分20秒): each unit's size in the smallest one."""

    kind: UnitKind
    sizes: dict[str, int]


class QualifierRow(Row):
    position: Literal["before", "infix", "after", "numeral"]
    qualifier: Literal["more_than", "at_least", "less_than", "at_most", "approx", "exact", "range"]
    in_span: bool = True  # emphasis words (高达) stay outside the quantity's text
    not_after: tuple[str, ...] = ()  # the 签 of 签约: the word belongs to another word
    not_before: tuple[str, ...] = ()  # the 游 of 上下游


class VetoRow(Row):
    """Surfaces that stop a candidate: set phrases, or what stands right ``before`` a numeral."""

    before: tuple[str, ...] = ()


# --- dates ----------------------------------------------------------------------


class Shift(_Strict):
    """How far a relative word moves from the reference date: 去年 is year -1."""

    # recent: the n days up to the reference date (近日); weekend: the Saturday and Sunday of a
    # week (下周末); occurrence: a weekday's previous (-1) or next (+1) occurrence (上一个周三);
    # last: a weekday's last occurrence in the month (最后一个周三)
    unit: Literal["year", "month", "week", "day", "recent", "weekend", "occurrence", "last"]
    n: int


class Festival(_Strict):
    """A festival's day: a month and day of the Gregorian or the lunar calendar, or a solar term (清明)."""

    calendar: Literal["gregorian", "lunar", "solar_term"]
    month: int = Field(default=1, ge=1, le=12)
    day: int = Field(default=1, ge=-1, le=31)  # -1: the month's last day (除夕, the eve of 春节)
    term: str = ""  # a solar term's name (清明)


class DateRow(Row):
    kind: Literal["absolute", "range", "relative", "era"]
    unit_veto: bool = False  # a unit or magnitude after the match makes it a quantity (2000人)
    shifts: dict[str, Shift] = {}  # relative words: 去年 -> years -1
    parts: dict[str, tuple[int, int]] = {}  # parts of a year: 上半年 -> months 1..6 (13, 14: of the next year)
    month_parts: dict[str, tuple[int, int]] = {}  # parts of a month: 上旬 -> days 1..10 (31: the last day)
    weekdays: dict[str, int] = {}  # 一 -> 0 (Monday)
    magnitudes: str = ""  # characters after a year-shaped number that make it a quantity
    months: dict[str, int] = {}  # month names: 正 -> 1, 腊 -> 12 (lunar months)
    numerals: dict[str, int] = {}  # numeral words the number grammar does not read: 初 (初一), 廿 (20), 元 (元年)
    eras: dict[str, int] = {}  # era names -> the Gregorian year of their first year (康熙 -> 1662)
    festivals: dict[str, Festival] = {}  # festival names -> their day (春节 -> lunar 1-1)
    contexts: tuple[str, ...] = ()  # words before a match that make it a date (日期 20231115)
    follows: tuple[str, ...] = ()  # words after a match that make it a date (12号上午)
    starts: tuple[str, ...] = ()  # regex: how a match may begin, besides a numeral or a key of its word tables
    attach: bool = False  # extends a day found by another row (a time of day); never found alone
    calendar: Literal["gregorian", "lunar"] = "gregorian"  # the calendar of its months and days (农历, an era's)


class DateVetoRow(Row):
    """Figurative uses of date words (企盼明天更美好): the words, and what stands before or after them."""

    words: tuple[str, ...]
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


# --- entities, quotes, relations -----------------------------------------------


class EntityRow(Row):
    heads: tuple[str, ...] = ()  # head nouns closing a list or a programme name
    districts: tuple[str, ...] = ()  # parts of a zone: 北区
    chars: str = ""  # single-character surfaces (prepositions)
    vetoes: tuple[str, ...] = ()  # words that look like a match and are not (jieba ns words that are no places)


class NameRow(Row):
    """A row of the place and organization name finders: surfaces and the words around them."""

    before: tuple[str, ...] = ()  # words that must stand before a surface (访 before 华)
    after: tuple[str, ...] = ()  # words after a surface that make it a name (关系 after 中美)
    vetoes: tuple[str, ...] = ()  # words spelled with the surfaces that are no names


class CuedRow(NameRow):
    """Names that are organizations only where a ``cue`` word stands in their sentence (罗马 with 主场)."""

    cues: tuple[str, ...] = ()
    places: bool = False  # the names are places too: a place lead before one keeps it a place (在罗马)


class SurnameRow(Row):
    """A band of surnames: one-character ``chars`` or compound ``surfaces``, and the evidence they weigh."""

    chars: str = ""  # whitespace ignored
    weight: float
    japanese: bool = False  # a Japanese surname (two characters, with a given name of one to three)


class CueRow(Row):
    """Words around a name that are evidence of a person (titles, speech verbs, list separators)."""

    weight: float
    bare_surname: bool = False  # the word also makes a surname alone a person (王部长)


class EponymRow(Row):
    """Cups and prizes named after persons: each surface is the persons' part(s) and the ``head`` (尤伯杯, 汤尤杯)."""

    head: str  # the word after the persons' part: 杯, 奖, 文学奖
    persons: tuple[str, ...]  # the persons' parts the surfaces are made of (尤伯, 尤; 汤, 尤 for 汤尤杯)


class PersonVetoRow(Row):
    """What a person name does not start or end with, or stand between."""

    chars: str = ""
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


class TranslitRow(Row):
    """Characters of transliterated foreign names, and the evidence a run of them weighs."""

    chars: str
    weight: float


class RelationRow(Row):
    leads: tuple[str, ...] = ()  # words that open a clause and are no part of a subject
    tails: tuple[str, ...] = ()  # linking verbs and qualifiers between a subject and its quantity
    vetoes: tuple[str, ...] = ()


class StructureRow(Row):
    role: str = ""
    requires: tuple[str, ...] = ()  # the line must contain one of these for the pattern to run


# --- tables ---------------------------------------------------------------------


class Table(_Strict):
    FILE: ClassVar[str]

    def sections(self) -> Iterator[tuple[str, Row]]:
        for name in type(self).model_fields:
            for row in getattr(self, name):
                yield name, row


class SharedTable(Table):
    FILE = "shared.toml"
    part: tuple[PartRow, ...]


class NumeralTable(Table):
    FILE = "numeral.toml"
    numeral: tuple[NumeralRow, ...]


class QuantityTable(Table):
    FILE = "quantity.toml"
    unit: tuple[UnitRow, ...]
    per: tuple[PerRow, ...]
    compound: tuple[CompoundRow, ...]
    qualifier: tuple[QualifierRow, ...]
    modifier: tuple[Row, ...]
    veto: tuple[VetoRow, ...]


class DateTable(Table):
    FILE = "date.toml"
    part: tuple[PartRow, ...]  # pieces of the date patterns ({years}, {lunar_day}): parts for date rows only
    date: tuple[DateRow, ...]
    veto: tuple[DateVetoRow, ...]


class PersonTable(Table):
    FILE = "person.toml"
    title: tuple[EntityRow, ...]
    honorific: tuple[EntityRow, ...]
    speech: tuple[EntityRow, ...]


class OrganizationTable(Table):
    FILE = "organization.toml"
    form: tuple[EntityRow, ...]
    agency: tuple[EntityRow, ...]
    trade: tuple[EntityRow, ...]
    enumeration: tuple[EntityRow, ...]
    word: tuple[EntityRow, ...]  # generic words, kinds and stop words: what a name is not


class PlaceTable(Table):
    FILE = "place.toml"
    zone: tuple[EntityRow, ...]
    venue: tuple[EntityRow, ...]
    division: tuple[EntityRow, ...]
    gazetteer: tuple[EntityRow, ...]


class PersonSurnameTable(Table):
    FILE = "person_surnames.toml"
    surname: tuple[SurnameRow, ...]


class PersonCueTable(Table):
    FILE = "person_cues.toml"
    title: tuple[CueRow, ...]
    honorific: tuple[CueRow, ...]
    speech: tuple[CueRow, ...]
    credit: tuple[CueRow, ...]
    reporter: tuple[CueRow, ...]
    separator: tuple[CueRow, ...] = Field(alias="list")  # the file's section is [[list]]
    lead: tuple[CueRow, ...]
    suffix: tuple[CueRow, ...]
    adverb: tuple[CueRow, ...]  # adverbs between a speaker and the speech verb: 也, 还 (王海也说)
    eponym: tuple[EponymRow, ...]  # cups and prizes named after persons: the person inside (尤伯杯 -> 尤伯)


class PersonVetoTable(Table):
    FILE = "person_vetoes.toml"
    veto: tuple[PersonVetoRow, ...]


class PersonTranslitTable(Table):
    FILE = "person_translit.toml"
    translit: tuple[TranslitRow, ...]


class OrgCuedTable(Table):
    FILE = "org_cued.toml"
    cued: tuple[CuedRow, ...]
    place_lead: tuple[NameRow, ...]
    place_tail: tuple[NameRow, ...]


class PlaceRuleTable(Table):
    FILE = "place_rules.toml"
    abbrev: tuple[NameRow, ...]
    pair: tuple[NameRow, ...]
    visit: tuple[NameRow, ...]
    head: tuple[NameRow, ...]
    generic: tuple[NameRow, ...]
    division: tuple[NameRow, ...]
    ethnic: tuple[NameRow, ...]
    feature: tuple[NameRow, ...]
    settlement: tuple[NameRow, ...]
    name: tuple[NameRow, ...]
    veto: tuple[NameRow, ...]


class OrgRuleTable(Table):
    FILE = "org_rules.toml"
    suffix: tuple[NameRow, ...]
    title: tuple[NameRow, ...]
    veto: tuple[NameRow, ...]
    kind: tuple[NameRow, ...]


class OrgBodyTable(Table):
    FILE = "org_bodies.toml"
    body: tuple[NameRow, ...]


class EventWorkTable(Table):
    FILE = "event_work.toml"
    event: tuple[EntityRow, ...]
    work: tuple[EntityRow, ...]


class QuoteTable(Table):
    FILE = "quote.toml"
    quote: tuple[EntityRow, ...]


class RelationTable(Table):
    FILE = "relation.toml"
    relation: tuple[RelationRow, ...]


class StructureTable(Table):
    FILE = "structure.toml"
    byline: tuple[StructureRow, ...]
    lead: tuple[StructureRow, ...]
    credit: tuple[StructureRow, ...]
    signature: tuple[StructureRow, ...]
    label: tuple[StructureRow, ...]


TABLES: tuple[type[Table], ...] = (
    SharedTable, NumeralTable, QuantityTable, DateTable, PersonTable, OrganizationTable,
    PlaceTable, EventWorkTable, QuoteTable, RelationTable, StructureTable,
    PersonSurnameTable, PersonCueTable, PersonVetoTable, PersonTranslitTable,
    PlaceRuleTable, OrgRuleTable, OrgBodyTable, OrgCuedTable,
)  # fmt: skip
"""Every rule table; the name finders' tables (person_*, place_rules, org_*) at the end."""
