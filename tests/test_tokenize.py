"""The tokenizer stage: both segmenters (rjieba, and jieba as reference), offsets, pinned segmentations.

The pinned rows show a jieba or rjieba upgrade, or a user-dictionary change, as
a test diff.  Both segmenters must give the same records on the seed page; the
words they segment differently on real 人民日报 sentences are listed and bounded.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract
from extract.tokenize import ENV_VAR, TOKENIZERS, choose_tokenizer, load_jieba, load_rjieba, tokenize

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "raw" / "000_d374caa49a14d1ad.txt"
DEV_SAMPLE = ROOT.parent / "shared" / "dev" / "ner_peoples_daily_dev.jsonl"
SAMPLE_SENTENCES = 500
MAX_DIFFERING = 5  # of SAMPLE_SENTENCES; 0 measured (rjieba 0.2.2, jieba 0.42.1)

PINNED = [
    ("众创空间总面积超过13.8万平方米", ["众创空间", "总面积", "超过", "13.8", "万平方米"]),
    ("岱家山加速器围绕瞪羚企业", ["岱", "家山", "加速器", "围绕", "瞪羚企业"]),  # 岱家山 is unknown to jieba
    ("国家级专精特新小巨人企业", ["国家级", "专精特新", "小巨人", "企业"]),
    ("龙岩高新区（经开区）", ["龙岩", "高新区", "（", "经开区", "）"]),
]


@pytest.fixture(params=TOKENIZERS)
def tokenizer(request: pytest.FixtureRequest) -> str:
    if request.param == "rjieba":
        pytest.importorskip("rjieba", reason="rjieba is not installed: only the jieba fallback can be tested")
    return request.param


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter (nothing imported yet), with ``env`` on top of this one's environment."""
    environ = {k: v for k, v in os.environ.items() if k != ENV_VAR} | env
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=ROOT, check=False, timeout=120
    )


@pytest.mark.parametrize(("text", "words"), PINNED, ids=[t for t, _ in PINNED])
def test_pinned_segmentation(text: str, words: list[str], tokenizer: str) -> None:
    assert [t.text for t in tokenize(text, tokenizer=tokenizer)] == words


def test_offsets_align_and_shift(tokenizer: str) -> None:
    text = "西藏自治区众创空间 孵化企业增至1448家"
    tokens = tokenize(text, offset=100, tokenizer=tokenizer)
    for token in tokens:
        assert text[token.start - 100 : token.end - 100] == token.text
    assert all(not t.text.isspace() for t in tokens)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_is_tiled(text: str) -> None:
    """Both segmenters tile any text (tokenize raises otherwise); tokens are sorted and disjoint."""
    for name in TOKENIZERS:
        if name == "rjieba" and choose_tokenizer() != "rjieba":
            continue  # not installed
        tokens = tokenize(text, offset=7, tokenizer=name)
        assert all(text[t.start - 7 : t.end - 7] == t.text for t in tokens)
        assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


@pytest.mark.parametrize("text", ["\ud800", "众创\udfff空间", "a\udc80\ud800b 13.8万"], ids=["alone", "inside", "pair"])
def test_lone_surrogates_are_tiled(text: str, tokenizer: str) -> None:
    """Decoded text may hold lone surrogates; rjieba (Rust strings are UTF-8) must still segment it."""
    tokens = tokenize(text, tokenizer=tokenizer)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert "".join(t.text for t in tokens) == text.replace(" ", "")


def test_private_jieba_instance_leaves_global_jieba_alone() -> None:
    import jieba

    tokenizer = load_jieba()
    assert tokenizer is not jieba.dt
    assert load_jieba() is tokenizer  # loaded once per process
    assert "瞪羚企业" in tokenizer.FREQ


def test_private_rjieba_instance_leaves_global_rjieba_alone() -> None:
    rjieba = pytest.importorskip("rjieba")
    segmenter = load_rjieba()
    assert segmenter is not rjieba._DEFAULT_JIEBA
    assert load_rjieba() is segmenter
    assert segmenter.has_word("瞪羚企业")
    assert not rjieba.has_word("瞪羚企业")


def test_rjieba_imports_as_usual_after_the_package_loads_it() -> None:
    """The package loads rjieba's compiled module alone (no default instance); ``import rjieba`` still works after."""
    pytest.importorskip("rjieba")
    code = (
        "import sys\n"
        "from extract.tokenize import load_rjieba\n"
        "segmenter = load_rjieba()\n"
        "print('rjieba' in sys.modules)\n"
        "import rjieba\n"
        "print(type(segmenter) is rjieba.Jieba, '/'.join(rjieba.cut('瞪羚企业')), '/'.join(segmenter.cut('瞪羚企业')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "瞪羚/企业", "瞪羚企业"]


def test_environment_variable_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "jieba")
    assert choose_tokenizer() == "jieba"
    assert choose_tokenizer("rjieba") == "rjieba"  # an explicit name wins
    monkeypatch.setenv(ENV_VAR, "JIEBA ")
    assert choose_tokenizer() == "jieba"
    monkeypatch.setenv(ENV_VAR, "spacy")
    with pytest.raises(ValueError, match="EXTRACT_TOKENIZER"):
        choose_tokenizer()


def test_default_is_rjieba_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rjieba")
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert choose_tokenizer() == "rjieba"


def test_falls_back_to_jieba_without_rjieba() -> None:
    code = (
        "import sys; sys.modules['rjieba'] = None\n"  # import rjieba now raises ImportError
        "import extract\n"
        "from extract.tokenize import choose_tokenizer, tokenize\n"
        "extract.extract('科技日报讯 众创空间总面积超过13.8万平方米。')\n"
        "print(choose_tokenizer(), 'jieba' in sys.modules, '/'.join(t.text for t in tokenize('龙岩高新区（经开区）')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["jieba", "True", "龙岩/高新区/（/经开区/）"]


def test_import_extract_loads_no_tokenizer() -> None:
    """``import extract`` imports neither jieba nor rjieba, and no cached loader of a tokenizer or dictionary has run."""
    code = (
        "import sys, extract\n"
        "print(sorted(m for m in sys.modules if 'jieba' in m))\n"
        "loaders = {f'{module.__name__}.{name}': f.cache_info().currsize\n"
        "    for module in list(sys.modules.values()) if module.__name__.startswith('extract')\n"
        "    for name, f in vars(module).items() if hasattr(f, 'cache_info')\n"
        "    and any(w in name for w in ('jieba', 'tag', 'tokenizer', 'dict', 'user_words'))}\n"
        "print(sorted(loaders), sorted(name for name, size in loaders.items() if size))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    modules, loaders = result.stdout.splitlines()
    assert modules == "[]"
    assert "'extract.tokenize.load_jieba'" in loaders and "'extract.tokenize.load_rjieba'" in loaders
    assert loaders.endswith(" []"), f"loaded at import: {loaders}"
    assert result.stderr == ""


def test_jieba_fallback_is_quiet_and_leaves_its_logger_alone() -> None:
    """No dictionary-loading lines on stderr, and jieba's shared logger keeps its level and has no filter left."""
    code = (
        "import logging, extract\n"
        "extract.extract('众创空间总面积超过13.8万平方米。')\n"
        "logger = logging.getLogger('jieba')\n"
        "print(logging.getLevelName(logger.level), len(logger.filters))\n"
    )
    result = run_python(code, **{ENV_VAR: "jieba"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["DEBUG", "0"]  # jieba's own setting
    assert result.stderr == ""


def test_same_records_on_seed_page(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rjieba")
    documents = {}
    for name in TOKENIZERS:
        monkeypatch.setenv(ENV_VAR, name)
        documents[name] = extract.extract_file(SEED_PAGE).model_dump()
    assert documents["rjieba"] == documents["jieba"]


def test_token_differences_on_real_text() -> None:
    """rjieba against jieba on the first 人民日报 sentences of the dev set: the differing ones, printed and bounded."""
    pytest.importorskip("rjieba")
    if not DEV_SAMPLE.exists():
        pytest.skip(f"{DEV_SAMPLE} is absent (shared development data, not part of the repository)")
    with open(DEV_SAMPLE, encoding="utf-8") as fh:
        sentences = [json.loads(line)["text"] for line, _ in zip(fh, range(SAMPLE_SENTENCES))]
    differing = []
    for text in sentences:
        reference = [t.text for t in tokenize(text, tokenizer="jieba")]
        compiled = [t.text for t in tokenize(text, tokenizer="rjieba")]
        if compiled != reference:
            differing.append((text, reference, compiled))
    for text, reference, compiled in differing:
        print(f"{text}\n  jieba:  {' / '.join(reference)}\n  rjieba: {' / '.join(compiled)}")
    print(f"{len(differing)} of {len(sentences)} sentences segmented differently")
    assert len(differing) <= MAX_DIFFERING
