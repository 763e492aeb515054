"""Entities: persons, organizations, places, events and works on the page's reading text, in passes.

Each pass (one module per dimension: ``places``, ``persons``,
``organizations``, ``events_works``) proposes candidates with the id of the
rule that fired; ``extract.resolve`` decides between overlapping ones (the
longest, then the higher priority).  The passes share one ``EntityScan``,
because later rules use what earlier ones found: places come first (a place
name is not a person, an organization may start with one), a person named
once is found again (person/repeat), a company's full name gives its short
form (org/short_form), a zone's place gives that place elsewhere
(place/zone_name).
"""

from __future__ import annotations

from functools import cache

from ..doc import Doc
from . import Candidate
from .entity_scan import new_scan
from .events_works import find_events, find_works
from .organizations import (
    find_agencies,
    find_brand_orgs,
    find_enumerated_orgs,
    find_full_orgs,
    find_named_orgs,
    find_short_forms,
)
from .persons import find_cued_persons, find_named_persons, find_repeated_persons
from .place_gazetteer import load_place_lexicon
from .places import find_gazetteer_places, find_learned_places, find_venues, find_zones


def find_entities(page: Doc) -> list[Candidate]:
    """Every entity candidate of the page, in passes (later rules use what earlier ones learned)."""
    scan = new_scan(page)
    find_zones(scan)
    find_gazetteer_places(scan)
    find_learned_places(scan)
    find_venues(scan)
    find_cued_persons(scan)
    find_named_persons(scan)
    find_repeated_persons(scan)
    find_named_orgs(scan)
    full = find_full_orgs(scan)
    find_short_forms(scan, full)
    find_brand_orgs(scan)
    find_enumerated_orgs(scan)
    find_agencies(scan)
    find_events(scan)
    find_works(scan)
    nest_in_works(scan.out)
    return drop_org_prefixes(drop_country_generic(scan.out, page.text), page.text)


def drop_country_generic(candidates: list[Candidate], text: str) -> list[Candidate]:
    """印度政府, 美国公司, 中印两国政府: a country and a generic word are no organization (place/country.generic)."""
    lex = load_place_lexicon()
    generic, countries = lex.generic_after, lex.countries
    sizes = _generic_sizes()
    kept = []
    for c in candidates:
        if c.span and c.fields["type"] == "ORG":
            name = text[c.span[0] : c.span[1]]
            # the name's tail of each generic word's length, not each generic word, is looked up
            if any(k < len(name) and name[-k:] in generic and name[:-k] in countries for k in sizes):
                continue
        kept.append(c)
    return kept


@cache
def _generic_sizes() -> tuple[int, ...]:
    """The lengths of the generic words that follow a country (政府, 公司 ...)."""
    return tuple(sorted({len(w) for w in load_place_lexicon().generic_after}))


def nest_in_works(candidates: list[Candidate]) -> None:
    """A name inside a work's title survives beside the work, as People's Daily marks it: a person, a place
    of the gazetteers (《中国在发展》 -> 中国; not a short form or a word jieba alone calls a place: 《伊苏7》,
    《江山美色》), a known body or an organization that is the whole title (《人民日报》; not 《美国陆军3》)."""
    works = [c.span for c in candidates if c.span and c.fields["type"] == "WORK"]
    if not works:
        return
    for c in candidates:
        if c.span is None or c.fields["type"] == "WORK" or c.rule.startswith(WEAK_IN_TITLES):
            continue
        for s, e in works:
            if s <= c.span[0] and c.span[1] <= e and _stands_in_title(c, s, e):
                c.nested_ok = True
                break


def _stands_in_title(c: Candidate, s: int, e: int) -> bool:
    if c.fields["type"] != "ORG":
        return True
    return c.span == (s + 1, e - 1) or c.rule.startswith("org/body")


WEAK_IN_TITLES = ("place/jieba", "place/abbrev", "place/feature")
"""Rules whose places are too weak to stand inside a title on their own."""


def drop_org_prefixes(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A name-model person that starts an organization named on the page is its short name (龙芯 of 龙芯中科)."""
    orgs = {text[c.span[0] : c.span[1]] for c in candidates if c.span and c.fields["type"] == "ORG"}
    starts = {org[:k] for org in orgs for k in range(2, min(len(org), 5))}
    return [
        c
        for c in candidates
        if not (c.span and c.rule.startswith("person/name.") and text[c.span[0] : c.span[1]] in starts)
    ]
