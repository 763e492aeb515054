"""Places: gazetteer names, one-character forms, division paths, zones, venues and places learned on the page.

* ``find_zones``: a place or a proper name and a zone word (龙岩高新区（经开区）,
  中关村科学城北区); the name before the zone word is learned as a place of the page;
* ``find_gazetteer_places``: the place finder of ``place_names`` (China's
  divisions, CLDR countries and cities, short forms in pairs and contexts,
  names closed by a division or feature word, jieba's ``ns`` words less the
  vetoed ones); places printed one after the other are also recorded whole,
  each part kept inside it, when they are full division names (重庆市南岸区)
  or start at a city (杭州西湖), not after a province or country by its
  short name (江苏/泰兴市, 美国/加利福尼亚: People's Daily marks them apart);
* ``find_learned_places``: other mentions of the places learned from zones;
* ``find_venues``: a place and a venue word (北京体育馆, 龙岩会展中心).
"""

from __future__ import annotations

from ..triggers import matches_at
from .entity_scan import EntityScan
from .lexicon import load_places
from .place_gazetteer import load_place_lexicon
from .place_names import NameSpan, find_place_names

# A place of the gazetteer wins over a person name of the same span (吉隆坡).
PLACE_PRIORITY = 4
# A name and a feature word jieba's model joined (张之路 may be a person's name): the name model's person wins.
WEAK_RULES = frozenset({"place/feature.joined"})
WEAK_PRIORITY = 2


def _place_before(scan: EntityScan, pos: int, proper_ok: bool) -> int:
    """Start of the place (or, with ``proper_ok``, the proper name) ending at reading ``pos``."""
    tok = scan.tok_end.get(pos)
    if tok is None:
        return -1
    start = -1
    if tok.text in scan.lex.divisions:
        prev = scan.tok_end.get(tok.start)
        if prev and prev.text in load_places():
            start = prev.start
    elif tok.text in load_places() or tok.text in scan.places:
        start = tok.start
    elif proper_ok and 2 <= len(tok.text) <= 4 and scan.is_proper(tok.text):
        return tok.start
    if start >= 0:
        prev = scan.tok_end.get(start)  # 重庆市 + 南岸区
        if prev and prev.text in load_places():
            start = prev.start
    return start


def find_zones(scan: EntityScan) -> None:
    text = scan.text
    for m in matches_at(scan.lex.zone_re, text, scan.page.triggers.starts("place/zone")):
        s, e = m.span()
        if e not in scan.boundaries:
            continue
        start = _place_before(scan, s, proper_ok=True)
        if start < 0:
            continue
        scan.emit(start, e, "LOCATION", "place/zone", priority=2)
        scan.zones[e] = start
        prefix = text[start:s]
        if prefix not in load_places() and prefix[-1:] not in scan.lex.divisions:
            scan.places.add(prefix)


def find_gazetteer_places(scan: EntityScan) -> None:
    """The place finder's names; a run of adjacent names of two characters or more is also one place."""
    run: list[NameSpan] = []
    for span in find_place_names(scan.text, scan.page.tokens, scan.words, scan.place_visits):
        weak = span.rule in WEAK_RULES
        scan.emit(span.start, span.end, "LOCATION", span.rule, WEAK_PRIORITY if weak else PLACE_PRIORITY)
        scan.place_spans.append(span)
        if span.end - span.start < 2:
            _emit_path(scan, run)
            run = []
        elif run and run[-1].end == span.start:
            run.append(span)
        else:
            _emit_path(scan, run)
            run = [span]
    _emit_path(scan, run)


# The rules of a full division name, printed with its division word (重庆市, 南岸区, 巴达赫尚省).
FULL_DIVISION_RULES = frozenset({"place/division.gbt2260", "place/division.suffix", "place/division.foreign"})


# The rules of a city's name, which may start a path (杭州西湖).
CITY_RULES = FULL_DIVISION_RULES | {"place/division.short", "place/cldr.city", "place/geonames.city", "place/capital"}


def _emit_path(scan: EntityScan, run: list[NameSpan]) -> None:
    """重庆市南岸区, 杭州西湖: the whole path, and each part again as a place nested inside it.

    A province or a country printed before a place by its short name is the place's region, as in a dateline
    or an address (江苏泰兴市, 美国加利福尼亚, 北京王府井): People's Daily marks the parts apart, so no whole is
    recorded; a path of full division names (重庆市南岸区) or one that starts at a city (杭州西湖) is one place.
    """
    if len(run) < 2:
        return
    full = all(span.rule in FULL_DIVISION_RULES for span in run)
    first = run[0]
    above = load_place_lexicon().above_cities
    from_city = first.rule in CITY_RULES and not any(scan.text[s.start : s.end] in above for s in run)
    if not (full or from_city):
        return
    scan.emit(run[0].start, run[-1].end, "LOCATION", "place/division", PLACE_PRIORITY)
    for span in run:
        scan.emit(span.start, span.end, "LOCATION", span.rule, PLACE_PRIORITY, nested_ok=True)


def find_learned_places(scan: EntityScan) -> None:
    """The tokens that are a place learned on the page, in the text's order (each place looked for in the text,
    not each token in the places: a page learns few)."""
    found: list[tuple[int, int]] = []
    for place in scan.places:
        start = scan.text.find(place) if place else -1
        while start >= 0:
            tok = scan.tok_start.get(start)
            if tok is not None and tok.text == place:
                found.append((tok.start, tok.end))
            start = scan.text.find(place, start + 1)
    for start, end in sorted(found):
        scan.emit(start, end, "LOCATION", "place/zone_name")


def find_venues(scan: EntityScan) -> None:
    for s, e in scan.page.triggers.hits("place/venue"):
        if e not in scan.boundaries:
            continue
        start = _place_before(scan, s, proper_ok=False)
        if start >= 0:
            scan.emit(start, e, "LOCATION", "place/venue", priority=3)
