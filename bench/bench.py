"""Benchmark: the pipeline against jieba.lcut on the same text, one run, one table.

    python bench/bench.py [--mb 5] [--seed 0]

Builds a corpus from raw/ (pages repeated in shuffled order, each copy made
distinct by a numbered closing line, at least --mb megabytes), then measures
in this one run:

* jieba.lcut alone over the corpus texts (the baseline: pure-Python jieba) and
  the full pipeline (extract.extract_file) over the same files, in this
  process, alternating file by file (both see the same load of the machine);
  the package's tokenizer alone over the same texts;
* `extract run --jobs 1` and `--jobs 2` over the corpus, as a user runs them,
  three times each, alternating, the fastest run of each kept;
* peak memory (max RSS of any process of the batch run);
* cold start: `extract run` on one page against `python -c "import jieba;
  jieba.lcut(...)"` on the same page text, each a fresh process, best of three;
* growth: one page against the same page ten times longer.

It measures the package as this environment imports it: compiled by mypyc when
installed with a compiler (setup.py), pure Python under ``EXTRACT_PURE=1``; the
first row of the table says which.

Ratios are what to compare across machines; absolute figures vary.
`EXTRACT_TOKENIZER=jieba python bench/bench.py` measures the pipeline with the
pure-Python fallback tokenizer (the baseline stays jieba.lcut either way).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, megabytes: float, seed: int) -> list[Path]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    rng = random.Random(seed)
    paths: list[Path] = []
    size = 0
    n = 0
    while size < megabytes * 1_000_000:
        text = rng.choice(pages) + f"\n第{n}页完。\n"
        path = folder / f"{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        size += len(text.encode("utf-8"))
        n += 1
    rng.shuffle(paths)
    return paths


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# The child processes may keep compiled modules (__pycache__), as an installed package does: a
# sandbox that sets PYTHONDONTWRITEBYTECODE would make every cold start of a source checkout compile
# its modules anew, while jieba's, installed by pip, come compiled.  (The first run writes them;
# the cold start is the best of three.)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_python(args: list[str]) -> tuple[float, int]:
    """Wall seconds of ``python ARGS``, and the peak RSS (KB) of the processes run so far."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds of an `extract` command, and the peak RSS (KB) of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract", *args], check=False, stdout=subprocess.DEVNULL, env=CHILD_ENV)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        paths = build_corpus(corpus, args.mb, args.seed)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        chars = sum(len(t) for t in texts)

        # The command runs come first, while this process is small: a child's
        # peak RSS counts what it shared with this process before exec.
        # Three times each, alternating, the fastest of each kept: a machine whose load
        # changes during the run shifts both alike.
        out1, out2 = work / "jobs1.jsonl", work / "jobs2.jsonl"
        jobs_runs: dict[int, list[float]] = {1: [], 2: []}
        peak_kb = 0
        for _ in range(3):
            for jobs, out in ((1, out1), (2, out2)):
                seconds, peak = run_cli(["run", str(corpus), "-o", str(out), "--jobs", str(jobs), "--force"])
                jobs_runs[jobs].append(seconds)
                peak_kb = max(peak_kb, peak)
        t_jobs1, t_jobs2 = min(jobs_runs[1]), min(jobs_runs[2])
        same = out1.read_bytes() == out2.read_bytes()

        page = ROOT / "raw" / "000_d374caa49a14d1ad.txt"
        # Cold: a fresh interpreter each time; the two alternate so that both
        # see the same state of the disk cache.
        cold_runs: dict[str, list[float]] = {"extract": [], "jieba": []}
        lcut_page = "import sys, jieba; jieba.lcut(sys.argv[1])"
        for _ in range(3):
            cold_runs["extract"].append(run_cli(["run", str(page)])[0])
            cold_runs["jieba"].append(run_python(["-c", lcut_page, page.read_text(encoding="utf-8")])[0])
        cold, cold_jieba = min(cold_runs["extract"]), min(cold_runs["jieba"])

        # One long input: pages joined by form feeds, about 3 MB in one file.
        big = work / "big.txt"
        big.write_text("\f".join(texts[: max(1, int(3e6 // max(1, len(texts[0].encode("utf-8")))))]), encoding="utf-8")
        before_big = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t_big, peak_big_kb = run_cli(["run", str(big), "-o", str(work / "big.jsonl"), "--jobs", "1"])
        big_mb = big.stat().st_size / 1e6
        big_peak_known = peak_big_kb > before_big

        import jieba

        import extract
        from extract.tokenize import load_tokenizer

        try:
            from extract.tokenize import choose_tokenizer

            tokenizer = choose_tokenizer()
        except ImportError:  # a checkout from before rjieba (to measure it with this script)
            tokenizer = "jieba"

        jieba.setLogLevel(logging.WARNING)  # this script is the application: it may set jieba's logger
        jieba.lcut("预热")  # load both dictionaries before timing
        loaded = load_tokenizer()
        cut = loaded if callable(loaded) else loaded.lcut  # older checkouts return a jieba.Tokenizer
        cut("预热")
        extract.extract_file(page)  # and the entity lexicons

        # File by file, jieba.lcut and the pipeline alternate, so that both see
        # the same load of the machine: their ratio holds when the load changes.
        t_lcut = t_pipe = 0.0
        for p, t in zip(paths, texts, strict=True):
            t_lcut += timed(lambda t=t: jieba.lcut(t))
            t_pipe += timed(lambda p=p: extract.extract_file(p))
        t_cut = timed(lambda: [cut(t) for t in texts])

        one = page.read_text(encoding="utf-8")
        ten = "\n\n".join([one] * 10)
        t_one = min(timed(lambda: extract.extract(one)) for _ in range(5))
        t_ten = min(timed(lambda: extract.extract(ten)) for _ in range(3))
        stages = stage_costs(one, tokenizer)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    form = extract.native_state() if hasattr(extract, "native_state") else "pure"  # older checkouts: pure
    rows = [
        ("corpus", f"{len(paths)} files, {mb:.2f} MB, {chars:,} characters", ""),
        ("the package's modules", form, "setup.py; EXTRACT_PURE=1 for the pure form"),
        ("jieba.lcut alone", f"{mb / t_lcut:.3f} MB/s ({t_lcut:.1f} s)", "baseline"),
        (f"tokenizer alone ({tokenizer})", f"{mb / t_cut:.3f} MB/s ({t_cut:.1f} s)", f"{t_lcut / t_cut:.1f} x lcut"),
        (
            "pipeline, in process",
            f"{mb / t_pipe:.3f} MB/s ({t_pipe:.1f} s)",
            f"{t_lcut / t_pipe:.2f} of lcut (target >= 1.0)",
        ),
        ("extract run --jobs 1", f"{mb / t_jobs1:.3f} MB/s ({t_jobs1:.1f} s)", f"{t_lcut / t_jobs1:.2f} of lcut"),
        (
            "extract run --jobs 2",
            f"{mb / t_jobs2:.3f} MB/s ({t_jobs2:.1f} s)",
            f"{t_jobs1 / t_jobs2:.2f} x jobs 1 (target >= 1.8); same output: {same}",
        ),
        ("peak memory, any process", f"{peak_kb / 1024:.0f} MB", "target < 300 MB per worker"),
        (
            "cold start, one page: extract run / jieba.lcut",
            f"{cold:.2f} s / {cold_jieba:.2f} s",
            f"{cold / cold_jieba:.2f} of cold jieba (target <= 1.0)",
        ),
        (
            f"one file of {big_mb:.1f} MB (pages split by form feeds)",
            f"{t_big:.1f} s, peak {peak_big_kb / 1024:.0f} MB" + ("" if big_peak_known else " (or less)"),
            "bounded memory: a page at a time",
        ),
        (
            "one page / ten times longer",
            f"{t_one * 1000:.1f} ms / {t_ten * 1000:.1f} ms",
            f"{t_ten / t_one:.1f} x (about 10 is linear)",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(width)} | result | ratio |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for name, result, ratio in rows:
        print(f"| {name.ljust(width)} | {result} | {ratio} |")
    print()
    lcut_ms = stages.pop("jieba.lcut (baseline)")
    print("| stage, seed page (best of 20) | ms | of jieba.lcut |")
    print("|---|---|---|")
    print(f"| jieba.lcut (baseline) | {lcut_ms:.1f} | 1.00 |")
    for name, ms in stages.items():
        print(f"| {name} | {ms:.1f} | {ms / lcut_ms:.2f} |")


def stage_costs(raw: str, tokenizer: str, repeat: int = 20) -> dict[str, float]:
    """Milliseconds per stage on one page, best of ``repeat``, after a warm-up run (the steps of extract_raw).

    The cyclic collector is paused, as ``extract_raw`` pauses it (``pipeline._no_cycle_collection``):
    else its passes land on whichever stage allocates when they fall due.
    """
    from extract.pipeline import _no_cycle_collection

    with _no_cycle_collection():
        best = _stage_runs(raw, tokenizer, repeat)
    total = sum(v for k, v in best.items() if k != "jieba.lcut (baseline)")
    best["whole pipeline (sum of stages)"] = total
    return best


def _stage_runs(raw: str, tokenizer: str, repeat: int) -> dict[str, float]:
    import jieba

    from extract.assemble import build_document
    from extract.doc import build_doc
    from extract.extractors import all_extractors, place_candidates
    from extract.layout import split_lines
    from extract.records import Source
    from extract.relations import link_records
    from extract.resolve import resolve_overlaps
    from extract.structure import find_articles

    best: dict[str, float] = {}

    def keep(name: str, start: float) -> float:
        now = time.perf_counter()
        best[name] = min(best.get(name, float("inf")), (now - start) * 1000)
        return now

    source = Source(path=None, sha256="", encoding="utf-8", chars=len(raw), bytes=0)
    for _ in range(repeat + 1):
        t = time.perf_counter()
        jieba.lcut(raw)
        t = keep("jieba.lcut (baseline)", t)
        lines = split_lines(raw)
        t = keep("layout", t)
        page = build_doc(raw, find_articles(lines))
        t = keep("structure + document", t)
        page.tokenize()
        t = keep(f"tokens ({tokenizer}, own instance)", t)
        page.triggers  # noqa: B018 (computed here, it is not charged to the first finder that reads it)
        t = keep("trigger pass (Aho-Corasick)", t)
        candidates = []
        for find in all_extractors():
            candidates += find(page)
            t = keep(f"extractor {find.__name__}", t)
        kept = resolve_overlaps(place_candidates(page, candidates))
        t = keep("raw spans + overlap resolution", t)
        doc = build_document("bench", source, page, kept)
        t = keep("records (pydantic)", t)
        link_records(page, doc, kept)
        keep("relations", t)
    return best


if __name__ == "__main__":
    main()
