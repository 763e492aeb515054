"""Dates: absolute, range and relative dates (filled in by the dates grammar)."""

from __future__ import annotations

from ..page import Page
from . import Candidate


def find_dates(page: Page) -> list[Candidate]:
    return []
