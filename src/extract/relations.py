"""Relations stage: links between records, built once every record has its id.

- ``person_role``: a person, the title printed before the name (or the
  honorific after it), and the organization printed right before the title:
  北京创业孵育协会常务副秘书长闫芳 -> (闫芳, 常务副秘书长, 北京创业孵育协会).
  ``args`` are [person id] or [person id, organization id].
- ``statistic``: what was counted, and the quantity record that counts it:
  自治区级众创空间已达34家 -> (自治区级众创空间, 34家).  The subject is the clause
  before the quantity, less its leading connective or date and its linking verb.
- Each quote's ``speaker_id`` is the id of the nearest person record, before
  the quote in its article, whose text is the quote's speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex
from pydantic import TypeAdapter

from .assemble import Spans, reading_spans, surface
from .doc import Doc
from .extractors import Candidate
from .extractors.entity_rules import load_lexicon
from .records import Document, Entity, Quote, Relation
from .regex_code import compile_regex
from .rules import REGEX_TIMEOUT, RelationTable, alternation, load_table

GAP_MAX = 12
"""Characters at most between an organization and the title after it (中国科学院/院士, 某公司董事会/董事长)."""
_GAP = regex.compile(rf"[\p{{Han}}A-Za-z0-9·]{{0,{GAP_MAX}}}")
# Clause edges before a quantity, and what is not part of its subject.
_CLAUSE_EDGE_BACK = regex.compile(r"(?r)[，。；：！？、,;:!?\n“”]")
_HAN = regex.compile(r"\p{Han}")
_TWO_HAN = regex.compile(r"\p{Han}[^\p{Han}]*\p{Han}")  # a subject names something in two characters at least


@dataclass(frozen=True)
class _Words:
    lead: regex.Pattern[str]  # connectives that open a clause: 其中, 同时
    tail: regex.Pattern[str]  # linking verbs and qualifiers before a quantity: 已达, 超过
    # The first characters of the connectives and the last of the verbs: a clause that
    # starts or ends with none of them needs no regex call (most do not).
    lead_first: frozenset[str]
    tail_last: frozenset[str]
    not_roles: frozenset[str]  # forms of address after a name: 先生, 女士


@cache
def _words() -> _Words:
    rows = {row.id: row for row in load_table(RelationTable).relation}
    statistic = rows["relation/statistic.subject_before"]
    return _Words(
        lead=compile_regex(f"^(?:{alternation(statistic.leads)})+"),
        tail=compile_regex(f"(?:{alternation(statistic.tails)})+$"),
        lead_first=frozenset(s[0] for s in statistic.leads),
        tail_last=frozenset(s[-1] for s in statistic.tails),
        not_roles=frozenset(rows["relation/person_role.honorific_after"].vetoes),
    )


def _relation(
    page: Doc,
    n: int,
    rtype: str,
    args: list[str],
    roles: dict[str, str],
    span: tuple[int, int],
    article: str | None,
    rule: str,
) -> dict[str, object]:
    """A relation as plain data: ``link_records`` validates them all in one call."""
    raw_span = page.to_raw(*span)
    text = surface(page, span, raw_span)
    return {
        "id": f"r{n}",
        "type": rtype,
        "args": args,
        "roles": roles,
        "span": raw_span,
        "text": text,
        "article": article,
        "rule": rule,
    }


@cache
def _relation_list() -> TypeAdapter[list[Relation]]:
    return TypeAdapter(list[Relation])


def find_person_roles(
    page: Doc, doc: Document, spans: Spans
) -> list[tuple[str, list[str], dict[str, str], tuple[int, int], str | None, str]]:
    lex = load_lexicon()
    text = page.text
    entity_spans = spans["entities"]
    orgs = [
        (e, span) for e, span in zip(doc.entities, entity_spans, strict=True) if e.type == "ORG" and span is not None
    ]
    out = []
    seen: set[tuple[int, int]] = set()
    for person, span in zip(doc.entities, entity_spans, strict=True):
        if person.type != "PERSON" or person.span in seen:
            continue
        seen.add(person.span)
        if span is None:
            continue  # a name printed outside the reading text (a credit line)
        ps, pe = span
        title, ts, end, rule = None, ps, pe, ""
        m = lex.title_tail_re.search(text, max(0, ps - 30), ps, timeout=REGEX_TIMEOUT)
        if m:
            title, ts, rule = m.group("titles"), m.start(), "relation/person_role.title_before"
        else:
            h = lex.honorific_re.match(text, pe, timeout=REGEX_TIMEOUT)
            if h and h.group() not in _words().not_roles:
                title, end, rule = h.group(), h.end(), "relation/person_role.honorific_after"
        if title is None:
            continue
        org: Entity | None = None
        org_start = ts
        for entity, (os_, oe) in orgs:
            if (
                0 <= ts - oe <= GAP_MAX
                and (org is None or oe > org_start)
                and _GAP.fullmatch(text, oe, ts, timeout=REGEX_TIMEOUT)
            ):
                org, org_start = entity, os_
        args = [person.id] + ([org.id] if org else [])
        roles = {"person": person.text, "title": title}
        if org is not None:
            roles["organization"] = text[org_start:ts]
        out.append(("person_role", args, roles, (org_start if org else ts, end), person.article, rule))
    return out


def find_statistics(
    page: Doc, doc: Document, spans: Spans
) -> list[tuple[str, list[str], dict[str, str], tuple[int, int], str | None, str]]:
    text = page.text
    words = _words()
    out = []
    # A date that opens the clause says when, not what: 去年全区粮食总产量 -> 全区粮食总产量.
    date_ends = {span[0]: span[1] for span in spans["dates"] if span is not None}
    for q, span in zip(doc.quantities, spans["quantities"], strict=True):
        if q.ordinal or span is None:
            continue
        qs, qe = span
        unit = page.unit_at(qs)
        if unit is None or (qe < unit.end and _HAN.match(text[qe])):
            continue  # 18家企业: the quantity modifies the noun after it, it does not state a count
        # The clause starts after the last edge before the quantity (a reverse
        # search: one step back per character of the clause, not of the unit).
        edge = _CLAUSE_EDGE_BACK.search(text, unit.start, qs, timeout=REGEX_TIMEOUT)
        cs = edge.end() if edge else unit.start
        clause = text[cs:qs]
        lead = words.lead.match(clause, timeout=REGEX_TIMEOUT) if clause[:1] in words.lead_first else None
        start = cs + (lead.end() if lead else 0)
        if date_ends.get(start, qs) < qs:
            start = date_ends[start]
            if text[start] in words.lead_first:  # 去年全年粮食总产量: the pattern's ^ holds at the slice's start only
                lead = words.lead.match(text[start:qs], timeout=REGEX_TIMEOUT)
                start += lead.end() if lead else 0
        subject = text[start:qs]
        # The clause holds no line break (an edge), so the pattern's $ is its end.
        if subject[-1:] in words.tail_last:
            subject = words.tail.sub("", subject, timeout=REGEX_TIMEOUT)
        if subject.endswith(("等", "的", "和", "与")) or not _TWO_HAN.search(subject, timeout=REGEX_TIMEOUT):
            continue
        roles = {"subject": subject, "quantity": q.text}
        out.append(("statistic", [q.id], roles, (start, qe), q.article, "relation/statistic.subject_before"))
    return out


def link_speakers(doc: Document) -> list[Quote]:
    # The persons by name and article: a quote reads only the persons it can name.
    persons: dict[tuple[str, str | None], list[Entity]] = {}
    for entity in doc.entities:
        if entity.type == "PERSON":
            persons.setdefault((entity.text, entity.article), []).append(entity)
    quotes = []
    for quote in doc.quotes:
        match = None
        if quote.speaker is not None:
            for person in persons.get((quote.speaker, quote.article), ()):
                if match is None or (person.span[0] <= quote.span[1] and person.span[0] > match.span[0]):
                    match = person
        quotes.append(quote.model_copy(update={"speaker_id": match.id}) if match else quote)
    return quotes


def link_records(page: Doc, doc: Document, kept: list[Candidate]) -> Document:
    """The document with its relations and its quotes' speaker ids (``kept``: the candidates of its records)."""
    spans = reading_spans(kept)
    found = find_person_roles(page, doc, spans) + find_statistics(page, doc, spans)
    found.sort(key=lambda r: (r[3], r[0]))
    relations = _relation_list().validate_python([_relation(page, n, *r) for n, r in enumerate(found, 1)])
    return doc.model_copy(update={"relations": relations, "quotes": link_speakers(doc)})
