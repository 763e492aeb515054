"""Byline persons: the reporters, photographers and signatures that structure found."""

from __future__ import annotations

from ..page import Page
from . import Candidate

_RULES = {
    "reporter": "person/byline.reporter",
    "photographer": "person/credit.photographer",
    "signature": "person/signature",
}


def find_byline_persons(page: Page) -> list[Candidate]:
    out = []
    for article in page.articles:
        for credit in article.credits:
            rule = _RULES.get(credit.role)
            if rule is None:
                continue
            for name in credit.names:
                out.append(
                    Candidate(
                        "entities",
                        name.span,
                        rule,
                        {"type": "PERSON", "article": article.id, "via": credit.rule},
                        priority=10,
                    )
                )
    return out
