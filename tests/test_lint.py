"""ruff and mypy stay clean (run as tests so the README's one test command checks them)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

LINTED = [name for name in ("src", "tests", "bench") if (ROOT / name).is_dir()]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *LINTED],
        ["ruff", "format", "--check", *LINTED],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_clean(command: list[str]) -> None:
    if command[0] != sys.executable and shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} not installed")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
