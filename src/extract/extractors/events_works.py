"""Events and works: ordinal and place-named events, titles in 《》, quoted programmes and projects."""

from __future__ import annotations

import regex

from ..rules import REGEX_TIMEOUT
from .entity_scan import EntityScan, finditer
from .lexicon import load_places

_QUOTED = regex.compile(r"“([^“”]+)”")


def find_events(scan: EntityScan) -> None:
    """第十一届新疆创新创业大赛 (event/ordinal); 乌鲁木齐创新创业大赛, a place and an event word (event/place_named)."""
    text, lex = scan.text, scan.lex
    ordinal: list[tuple[int, int]] = []
    for m in finditer(lex.ordinal_event_re, text):
        ordinal.append(m.span())
        scan.emit(m.start(), m.end(), "EVENT", "event/ordinal", priority=2)
    for s, e in scan.page.triggers.hits("event/word"):
        if e not in scan.boundaries or any(a <= s < b for a, b in ordinal):
            continue
        pos = s
        start = -1
        while pos in scan.tok_end and s - pos < 14:
            tok = scan.tok_end[pos]
            if scan.hard_stop(tok):
                break
            if tok.text in load_places() or tok.text in scan.places:
                start = tok.start
            pos = tok.start
        if start >= 0:
            scan.emit(start, e, "EVENT", "event/place_named", priority=2)


def find_works(scan: EntityScan) -> None:
    text, lex = scan.text, scan.lex
    for m in finditer(lex.work_title_re, text):
        scan.emit(m.start(), m.end(), "WORK", "work/title", priority=3)
    for m in finditer(lex.work_programme_re, text):
        if m.end() in scan.boundaries:
            scan.emit(m.start(), m.end(), "WORK", "work/programme", priority=3)
    for m in finditer(lex.work_project_re, text):
        for q in _QUOTED.finditer(m.group("quotes"), timeout=REGEX_TIMEOUT):
            s = m.start("quotes") + q.start(1)
            scan.emit(s, s + len(q.group(1)), "WORK", "work/project", priority=3)
