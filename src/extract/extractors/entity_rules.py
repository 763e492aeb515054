"""Entity rules: the rows of the person, organization, place and event/work tables, compiled once.

``load_lexicon`` reads ``data/person.toml``, ``organization.toml``,
``place.toml`` and ``event_work.toml`` (validated by ``extract.rules``) and
compiles what the finders search with: title, honorific and speech-verb
alternations, the 据X介绍 frames, organization forms, zone, venue, event and
work patterns.  The person name is the shared part ``{person_name}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..regex_code import compile_regex
from ..rules import (
    EntityRow,
    EventWorkTable,
    OrganizationTable,
    PersonTable,
    PlaceTable,
    alternation,
    compile_row,
    load_table,
    part_surfaces,
    shared_parts,
)


@dataclass(frozen=True)
class Lexicon:
    surnames_single: frozenset[str]
    surnames_compound: frozenset[str]
    name: str  # regex source of a person name
    titles: tuple[tuple[str, regex.Pattern[str]], ...]  # (rule id, pattern of its titles)
    title_words: dict[str, tuple[str, ...]]  # rule id -> the words of every row (a trigger group each)
    title_patterns: dict[str, regex.Pattern[str]]  # rule id -> the row's own pattern, of the rows with one
    title_tail_re: regex.Pattern[str]  # titles joined by 、 at the end of a text: 教授、博士生导师
    honorifics: frozenset[str]
    honorific_re: regex.Pattern[str]
    speech_verbs: tuple[str, ...]
    frames: tuple[tuple[str, regex.Pattern[str]], ...]
    org_forms: tuple[tuple[str, str], ...]  # (surface, rule id), longest first
    agency_re: regex.Pattern[str]
    trade: frozenset[str]
    org_stop: frozenset[str]
    not_proper: frozenset[str]  # vetoed gazetteer words and generic words jieba does not know
    org_kinds: frozenset[str]  # modifiers of a generic organization noun (上市公司)
    lead_function: frozenset[str]  # prepositions jieba may glue to an unknown name (以岱/家山)
    enumeration_re: regex.Pattern[str]
    zone_re: regex.Pattern[str]
    zone_words: frozenset[str]
    venue_words: tuple[str, ...]
    divisions: frozenset[str]
    event_words: tuple[str, ...]
    ordinal_event_re: regex.Pattern[str]
    work_title_re: regex.Pattern[str]
    work_project_re: regex.Pattern[str]
    work_programme_re: regex.Pattern[str]

    def is_surname_start(self, text: str) -> bool:
        return text[:1] in self.surnames_single or text[:2] in self.surnames_compound


def _by_id(rows: tuple[EntityRow, ...]) -> dict[str, EntityRow]:
    return {row.id: row for row in rows}


def _words(rows: dict[str, EntityRow], rule_id: str) -> frozenset[str]:
    row = rows[rule_id]
    return frozenset(row.surfaces) | frozenset(row.chars)


def _titles(person: PersonTable) -> tuple[tuple[tuple[str, regex.Pattern[str]], ...], regex.Pattern[str]]:
    titles, sources = [], []
    for row in person.title:
        source = alternation(row.surfaces)
        if row.pattern:
            source = row.pattern + "|" + source
        sources.append(source)
        titles.append((row.id, compile_regex(f"(?:{source})")))
    tail = "(?P<titles>(?:{t})(?:、(?:{t}))*)$".format(t="|".join(f"(?:{t})" for t in sources))
    return tuple(titles), compile_regex(tail)


@cache
def load_lexicon() -> Lexicon:
    from .place_gazetteer import load_place_lexicon

    person, org = load_table(PersonTable), load_table(OrganizationTable)
    place, event_work = load_table(PlaceTable), load_table(EventWorkTable)
    titles, title_tail = _titles(person)
    honorifics = frozenset(person.honorific[0].surfaces)
    verbs = part_surfaces("speech_verb")
    frames = tuple((row.id, compile_row(row)) for row in person.speech if row.pattern != "{speech_verb}")
    forms = sorted(((s, row.id) for row in org.form for s in row.surfaces), key=lambda f: -len(f[0]))
    words = _by_id(org.word)
    zones, events, works = place.zone[0], _by_id(event_work.event), _by_id(event_work.work)
    return Lexicon(
        surnames_single=frozenset(part_surfaces("surname_single")),
        surnames_compound=frozenset(part_surfaces("surname_compound")),
        name=shared_parts()["person_name"],
        titles=titles,
        title_words={row.id: tuple(row.surfaces) for row in person.title},
        title_patterns={row.id: compile_regex(f"(?:{row.pattern})") for row in person.title if row.pattern},
        title_tail_re=title_tail,
        honorifics=honorifics,
        honorific_re=compile_regex(f"(?:{alternation(honorifics)})"),
        speech_verbs=verbs,
        frames=frames,
        org_forms=tuple(forms),
        agency_re=compile_row(org.agency[0]),
        trade=frozenset(org.trade[0].surfaces),
        org_stop=_words(words, "org/stop"),
        not_proper=_words(words, "org/generic") | load_place_lexicon().vetoes | _words(words, "org/kind"),
        org_kinds=_words(words, "org/kind"),
        lead_function=_words(words, "org/lead_function"),
        enumeration_re=compile_row(org.enumeration[0]),
        zone_re=compile_row(zones),
        zone_words=frozenset(zones.surfaces),
        venue_words=tuple(place.venue[0].surfaces),
        divisions=frozenset(place.division[0].surfaces),
        event_words=tuple(events["event/ordinal"].surfaces),
        ordinal_event_re=compile_row(events["event/ordinal"]),
        work_title_re=compile_row(works["work/title"]),
        work_project_re=compile_row(works["work/project"]),
        work_programme_re=compile_row(works["work/programme"]),
    )
