"""Build: the pipeline's per-page modules compiled to C with mypyc, when it can be done.

The project is configured in pyproject.toml; this file only adds the compiled
modules.  mypyc (part of mypy, MIT) compiles the typed Python of the modules
listed below into C extensions that sit beside their sources; Python imports an
extension before a source file of the same name.  The sources stay the truth:

* ``EXTRACT_PURE=1`` at build time builds no extension (a pure-Python install);
* an extension that fails to build is skipped (``optional``), and its source
  is used;
* at import, ``extract._native`` checks the build's record of its sources
  (``native.json``, written here) against the sources on disk, and imports
  every module from source when one was edited since the build, or when
  ``EXTRACT_PURE=1`` is set.

Which modules: the per-page path (layout, structure, document, finders,
resolution, assembly), except those that define pydantic models (mypyc cannot
compile a class derived from one) and the pipeline's driver, which tests
patch.  README, "Speed", gives what the compiled build gains.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "src" / "extract"

COMPILED = [
    "layout.py",
    "doc.py",
    "tokenize.py",
    "triggers.py",
    "resolve.py",
    "assemble.py",
    "relations.py",
    "numbers.py",
    "number_finder.py",
    "number_notation.py",
    "structure/*.py",
    "extractors/*.py",
]
NOT_COMPILED = {"extractors/quantity_rules.py"}  # defines rule rows (pydantic models)


def compiled_sources() -> list[Path]:
    """The modules to compile, as paths under src/extract."""
    found = [p for pattern in COMPILED for p in sorted(PACKAGE.glob(pattern))]
    return [p for p in found if p.relative_to(PACKAGE).as_posix() not in NOT_COMPILED]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class BuildNative(build_ext):
    """build_ext on both cores, writing ``extract/native.json``: the hash of each compiled source."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def build_extensions(self) -> None:
        # mypyc puts most of the code in one extension of many C files, which setuptools compiles one
        # after the other: compile them on every core (the install takes about half as long).
        compile_serial = self.compiler.compile

        def compile_parallel(sources: list[str], *args: object, **kwargs: object) -> list[str]:
            if len(sources) < 2 or not self.parallel or self.parallel < 2:
                return compile_serial(sources, *args, **kwargs)
            with ThreadPoolExecutor(self.parallel) as pool:
                parts = pool.map(lambda source: compile_serial([source], *args, **kwargs), sources)
                return [obj for objects in parts for obj in objects]

        self.compiler.compile = compile_parallel
        super().build_extensions()

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        target = Path(self.get_ext_fullpath("extract.layout")).parent / "native.json"
        outputs = {ext.name: self.get_ext_fullpath(ext.name) for ext in self.extensions}
        if not all(os.path.exists(out) for name, out in outputs.items() if name.endswith("__mypyc")):
            # The shared library failed to build (optional): a module's extension would fail to import
            # without it, so none is kept and the package is pure.
            for out in outputs.values():
                if os.path.exists(out):
                    os.remove(out)
            target.unlink(missing_ok=True)
            return
        built = {}
        for path in compiled_sources():
            name = module_name(path)
            if os.path.exists(self.get_ext_fullpath(name)):
                built[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        target.write_text(json.dumps({"modules": built}, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def native_extensions() -> list:
    if os.environ.get("EXTRACT_PURE", "").strip() == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # built without the build requirements (no isolation): a pure install
        return []
    paths = [str(p.relative_to(ROOT)) for p in compiled_sources()]  # src/ has no __init__: extract.* names
    try:
        extensions = mypycify(
            ["--ignore-missing-imports", "--check-untyped-defs", *paths], group_name="extract", multi_file=True
        )
    except (Exception, SystemExit) as error:  # mypyc exits on a type error: build the pure package
        print(f"setup.py: mypyc failed ({error!r}); building the pure-Python package", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no compiler, or a failed build: the source is used
    return extensions


setup(ext_modules=native_extensions(), cmdclass={"build_ext": BuildNative})
