"""Compiled or pure: which form of the package's modules this process imports.

A build with a C compiler compiles the per-page modules with mypyc (see
``setup.py``); each extension sits beside its source, and Python imports an
extension before a source.  ``native.json``, written by the build, records the
hash of each compiled source.  When a source no longer matches (it was edited
since the build), or when ``EXTRACT_PURE=1`` is set, every ``extract`` module
is imported from its source instead, so an edit always takes effect and the
two forms never mix in one process.  ``native_state()`` says which form is in
use and why.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ENV_VAR = "EXTRACT_PURE"
PACKAGE = Path(__file__).resolve().parent
MANIFEST = PACKAGE / "native.json"


class SourceOnly(importlib.abc.MetaPathFinder):
    """Finds ``extract`` modules among source files only, passing over compiled extensions."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("extract.") or not path:
            return None
        loaders = [(importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES)]
        for entry in path:
            spec = importlib.machinery.FileFinder(entry, *loaders).find_spec(fullname)
            if spec is not None and spec.loader is not None:
                return spec
        return None


def compiled_modules(manifest: Path = MANIFEST) -> dict[str, str]:
    """The build's record: each compiled module's name and the sha256 of the source it was built from."""
    recorded: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))["modules"]
    return recorded


def stale_modules(recorded: dict[str, str], root: Path = PACKAGE.parent) -> list[str]:
    """The ``recorded`` modules whose source under ``root`` differs from the one they were built from."""
    stale = []
    for name, digest in recorded.items():
        source = root.joinpath(*name.split("."))
        source = source / "__init__.py" if source.is_dir() else source.with_suffix(".py")
        try:
            if hashlib.sha256(source.read_bytes()).hexdigest() != digest:
                stale.append(name)
        except OSError:
            stale.append(name)
    return stale


def _choose() -> str:
    if os.environ.get(ENV_VAR, "").strip() == "1":
        return f"pure ({ENV_VAR}=1)"
    if not MANIFEST.exists():
        return "pure (no compiled build)"
    try:
        recorded = compiled_modules()
        stale = stale_modules(recorded)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "pure (native.json unreadable)"
    if stale:
        return f"pure (edited since the compiled build: {', '.join(sorted(stale)[:3])}; rebuild with pip install)"
    if not recorded:
        return "pure (no module was compiled)"
    return "compiled (mypyc)"


_STATE = _choose()
if "edited since" in _STATE:
    warnings.warn(f"extract: {_STATE}", RuntimeWarning, stacklevel=2)
if not _STATE.startswith("compiled") and not any(isinstance(f, SourceOnly) for f in sys.meta_path):
    sys.meta_path.insert(0, SourceOnly())


def native_state() -> str:
    """``compiled (mypyc)``, or ``pure (...)`` with the reason."""
    return _STATE
