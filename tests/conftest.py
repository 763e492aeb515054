from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SEED = RAW / "000_d374caa49a14d1ad.txt"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        nargs="?",
        const="all",
        default="",
        metavar="LISTS",
        help="rewrite tests/golden from the current output, all lists or a comma-separated few "
        "(articles,paragraphs,sentences,entities,quantities,dates,quotes,relations); review the diff like code",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> frozenset[str]:
    """Names of the golden lists to rewrite; empty in a normal run."""
    value = str(request.config.getoption("--update-golden") or "")
    if value == "all":
        from golden import LISTS

        return frozenset(LISTS)
    return frozenset(v.strip() for v in value.split(",") if v.strip())


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc():
    from extract import extract_file

    return extract_file(SEED)
