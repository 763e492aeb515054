"""The compiled build (mypyc, see setup.py) and the pure-Python sources give the same records;
an edited source is never shadowed by a stale extension."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, SHARED

import extract
from extract._native import SourceOnly, compiled_modules, native_state, stale_modules

DEV = SHARED / "dev" / "ner_peoples_daily_dev.jsonl"

# Records of the seed page and of the first 400 dev sentences, as JSON lines, printed by a child
# process (one importing every module from source, one importing the compiled build).
DUMP = """
import json, sys
from pathlib import Path
import extract
texts = [Path(sys.argv[1]).read_text(encoding="utf-8")]
if Path(sys.argv[2]).exists():
    lines = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()[:400]
    texts += [json.loads(line)["text"] for line in lines]
for text in texts:
    doc = extract.extract(text, reference_date="2020-01-01")
    print(doc.model_dump_json(exclude={"source", "extractor"}))
"""


def _dump(pure: bool) -> tuple[str, str]:
    env = {**os.environ, "EXTRACT_PURE": "1" if pure else ""}
    code = "import extract; print(extract.native_state())\n" + DUMP
    out = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(DEV)], env=env, capture_output=True, text=True, check=True
    ).stdout
    state, _, records = out.partition("\n")
    return state, records


def test_state_is_named() -> None:
    assert native_state().startswith(("compiled (mypyc)", "pure ("))


def test_compiled_and_pure_give_the_same_records() -> None:
    if not native_state().startswith("compiled"):
        pytest.skip(f"no compiled build in use: {native_state()}")
    pure_state, pure = _dump(pure=True)
    compiled_state, compiled = _dump(pure=False)
    assert pure_state == "pure (EXTRACT_PURE=1)" and compiled_state == "compiled (mypyc)"
    texts = 1 + (min(400, len(DEV.read_text(encoding="utf-8").splitlines())) if DEV.exists() else 0)
    assert pure.count("\n") == texts
    for i, (a, b) in enumerate(zip(pure.splitlines(), compiled.splitlines(), strict=True)):
        assert a == b, f"text {i}: compiled and pure records differ"


def test_compiled_modules_are_extensions() -> None:
    """In a compiled build the finders are extensions; under EXTRACT_PURE=1 they are sources."""
    from extract import layout
    from extract.extractors import person_names

    if native_state().startswith("compiled"):
        assert layout.__file__ is not None and layout.__file__.endswith(".so")
        assert person_names.__file__ is not None and person_names.__file__.endswith(".so")
    code = "import extract.layout as m, extract.extractors.person_names as p; print(m.__file__, p.__file__)"
    env = {**os.environ, "EXTRACT_PURE": "1"}
    files = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert [f.rsplit(".", 1)[-1] for f in files.stdout.split()] == ["py", "py"]


def test_an_edited_source_is_stale(tmp_path: Path) -> None:
    package = tmp_path / "extract"
    (package / "sub").mkdir(parents=True)
    (package / "mod.py").write_text("A = 1\n")
    (package / "sub" / "__init__.py").write_text("B = 2\n")
    digests = {
        "extract.mod": hashlib.sha256(b"A = 1\n").hexdigest(),
        "extract.sub": hashlib.sha256(b"B = 2\n").hexdigest(),
    }
    manifest = package / "native.json"
    manifest.write_text(json.dumps({"modules": digests}))
    recorded = compiled_modules(manifest)
    assert recorded == digests
    assert stale_modules(recorded, tmp_path) == []
    (package / "mod.py").write_text("A = 3\n")
    assert stale_modules(recorded, tmp_path) == ["extract.mod"]
    (package / "sub" / "__init__.py").unlink()
    assert stale_modules(recorded, tmp_path) == ["extract.mod", "extract.sub"]


def test_source_only_finder_passes_over_extensions(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text("A = 1\n")
    (tmp_path / "mod.cpython-311-x86_64-linux-gnu.so").write_bytes(b"not a library")
    spec = SourceOnly().find_spec("extract.mod", [str(tmp_path)])
    assert spec is not None and spec.origin == str(tmp_path / "mod.py")
    assert SourceOnly().find_spec("other.mod", [str(tmp_path)]) is None  # only the package's modules
    assert extract.native_state() == native_state()
