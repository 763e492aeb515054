"""The committed JSON Schema is the models' schema, and the CLI output validates against it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED

from extract.records import Document, json_schema

SCHEMA = ROOT / "schemas" / "document.schema.json"


def test_committed_schema_matches_models() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema drifted: run `python -m extract schema -o schemas/document.schema.json`"


def test_cli_output_validates(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "extract", "run", str(SEED)], capture_output=True, text=True, check=True
    ).stdout
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert len(record["articles"]) == 7
    Document.model_validate_json(lines[0])


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"span": [5, 3]}, "start <= end"),
        ({"span": [-1, 3]}, "start <= end"),
        ({"type": "THING"}, "type"),
    ],
)
def test_validators_reject_bad_records(patch: dict, message: str) -> None:
    from pydantic import ValidationError

    from extract.records import Entity

    good = {"id": "e1", "type": "PERSON", "text": "李达", "span": [0, 2], "article": None, "rule": "x"}
    Entity.model_validate(good)
    with pytest.raises(ValidationError, match=message):
        Entity.model_validate({**good, **patch})


def test_document_rejects_span_past_the_text() -> None:
    from pydantic import ValidationError

    data = {
        "id": "d",
        "source": {"path": None, "sha256": "0", "encoding": "utf-8", "chars": 3, "bytes": 9},
        "entities": [{"id": "e1", "type": "PERSON", "text": "李达", "span": [2, 4], "article": None, "rule": "x"}],
    }
    with pytest.raises(ValidationError, match="past the raw text"):
        Document.model_validate(data)
