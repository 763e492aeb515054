"""Tokenizer stage: word segmentation with offsets into the reading text.

Two segmenters of the same dictionary and algorithm, each a private instance
(never a package's global one, which any importer can change) built on first
use and kept for the process, with the domain's words shipped as package data
(``data/userdict.txt``: 众创空间, 孵化器, 瞪羚企业, 专精特新, 高新区 ...):

* ``rjieba``, the Python binding of jieba-rs (jieba's algorithm and dictionary
  in Rust), used when it is installed: about 14 times faster than jieba on
  人民日报 sentences, with the same words on 2,318 of 2,318 of them;
* ``jieba``, the pure-Python original: the reference and the fallback, used
  when rjieba cannot be imported or when ``EXTRACT_TOKENIZER=jieba`` asks for it.

Nothing is imported or loaded until the first text is segmented, so
``import extract`` stays light.  Part-of-speech tagging (``jieba.posseg``) is
about six times slower and is left out: extractors read the tags from the
dictionary (``extractors/lexicon.py``).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import logging
import os
import re
import sys
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import accumulate, islice, repeat
from typing import TYPE_CHECKING, NamedTuple

from .layout import replace_surrogates

if TYPE_CHECKING:  # both are imported on first use only
    import jieba
    import rjieba

TOKENIZERS = ("rjieba", "jieba")
"""The segmenters, in order of preference."""

ENV_VAR = "EXTRACT_TOKENIZER"
"""Environment variable naming the segmenter (``jieba`` or ``rjieba``); unset or empty: the first available."""


class Token(NamedTuple):
    """A word with its offsets into the page's reading text (a tuple: cheap to make by the thousand)."""

    text: str
    start: int
    end: int


Cut = Callable[[str], list[str]]
"""A segmenter: the words of a text, in order, tiling it."""


def choose_tokenizer(name: str | None = None) -> str:
    """The segmenter to use: ``name``, else ``$EXTRACT_TOKENIZER``, else rjieba when it is installed."""
    name = name or os.environ.get(ENV_VAR, "").strip().lower()
    if name:
        if name not in TOKENIZERS:
            raise ValueError(f"{ENV_VAR} or tokenizer must be one of {', '.join(TOKENIZERS)}, not {name!r}")
        return name
    return _default_tokenizer()


@cache
def _default_tokenizer() -> str:
    return "jieba" if _rjieba_class() is None else "rjieba"


def load_tokenizer(name: str | None = None) -> Cut:
    """The segmenter ``name`` (see ``choose_tokenizer``), built once per process."""
    name = choose_tokenizer(name)
    return _rjieba_cut() if name == "rjieba" else _jieba_cut()


def load_user_words() -> list[tuple[str, int, str]]:
    """The user dictionary: (word, frequency, tag) per line of ``data/userdict.txt``."""
    text = resources.files("extract.data").joinpath("userdict.txt").read_text(encoding="utf-8")
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3 or not parts[1].isdigit():
            raise ValueError(f"userdict.txt line {number}: expected 'word frequency tag', got {line!r}")
        words.append((parts[0], int(parts[1]), parts[2]))
    return words


@cache
def _rjieba_class() -> type[rjieba.Jieba] | None:
    """rjieba's ``Jieba`` class, or None when rjieba cannot be imported.

    ``import rjieba`` builds a default instance, a copy of the dictionary that
    this package never uses (0.1 s of a cold start, and again in every worker).
    The compiled module is loaded alone instead, not registered in
    ``sys.modules``, so a later ``import rjieba`` elsewhere runs as usual.  If
    rjieba's layout changes, the package is imported the ordinary way.
    """
    if "rjieba" not in sys.modules:
        try:
            package = importlib.util.find_spec("rjieba")  # finds the package without running it
        except (ImportError, ValueError):
            return None
        if package is None:
            return None
        try:
            spec = importlib.machinery.PathFinder.find_spec("rjieba.rjieba", package.submodule_search_locations)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module.Jieba
        except (ImportError, AttributeError, OSError):
            pass
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba


@cache
def load_rjieba() -> rjieba.Jieba:
    """A private jieba-rs instance with the user dictionary (about 0.1 s; rjieba's own default instance is left alone)."""
    jieba_class = _rjieba_class()
    if jieba_class is None:
        raise ImportError("rjieba is not installed: pip install rjieba, or set EXTRACT_TOKENIZER=jieba")
    segmenter = jieba_class()
    for word, freq, tag in load_user_words():
        segmenter.add_word(word, freq, tag)
    return segmenter


@cache
def load_jieba() -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with the user dictionary (about 1 s, from jieba's cached dictionary).

    jieba reports its dictionary loading at DEBUG on its own logger, whose
    handler writes to stderr.  A filter on that logger drops those messages
    while this tokenizer loads and is removed afterwards: the level of jieba's
    shared logger, which the application owns, is never changed.
    """
    import jieba

    logger = logging.getLogger("jieba")
    quiet = _BelowWarning()
    logger.addFilter(quiet)
    try:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word, freq, tag in load_user_words():
            tokenizer.add_word(word, freq, tag)
    finally:
        logger.removeFilter(quiet)
    return tokenizer


class _BelowWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


@cache
def _rjieba_cut() -> Cut:
    segmenter = load_rjieba()

    def cut(text: str) -> list[str]:
        try:
            return segmenter.cut(text)
        except UnicodeEncodeError:
            # A lone surrogate (possible in decoded text) cannot cross into Rust,
            # whose strings are UTF-8: U+FFFD, one code point too, stands in for
            # it, and the words are cut from the original text by their lengths.
            words = segmenter.cut(replace_surrogates(text))
            pieces, pos = [], 0
            for word in words:
                pieces.append(text[pos : pos + len(word)])
                pos += len(word)
            return pieces

    return cut


@cache
def _jieba_cut() -> Cut:
    tokenizer = load_jieba()
    return lambda text: list(tokenizer.cut(text))


def tokenize(text: str, offset: int = 0, *, tokenizer: str | None = None) -> list[Token]:
    """Words of ``text`` with offsets shifted by ``offset``; raises if the segmenter drifts.

    ``tokenizer`` names the segmenter (``rjieba`` or ``jieba``); by default
    ``$EXTRACT_TOKENIZER``, else rjieba when it is installed.
    """
    return segment(text, offset, tokenizer=tokenizer).tokens


class Segmentation(NamedTuple):
    """``tokenize``'s tokens with the offsets the document indexes by, read off the words' lengths
    once (not from the tokens again, one attribute read per token)."""

    tokens: list[Token]
    starts: list[int]  # each token's start
    ends: list[int]  # each token's end
    edges: list[int]  # the offsets where a token starts or ends, ascending (equal offsets repeated)
    words: list[str]  # each token's text


def segment(text: str, offset: int = 0, *, tokenizer: str | None = None) -> Segmentation:
    """``tokenize``, and the tokens' starts, ends and edges."""
    words = load_tokenizer(tokenizer)(text)
    if "".join(words) != text:  # the words must tile the text, or offsets would drift
        raise RuntimeError("the tokenizer's words do not tile the text")
    starts = list(accumulate(map(len, words), initial=offset))
    n = len(words)
    # The words that are blank (the newline between two units) are no tokens: found from the
    # text's few blank characters rather than by a test of every word.
    blank: list[int] = []
    for m in _BLANK.finditer(text):
        k = bisect_left(starts, m.start() + offset)
        if k < n and starts[k] == m.start() + offset:
            blank.append(k)
    # Thousands of Tokens a page, made in C (map, zip, tuple.__new__: no constructor call per
    # word), their offsets sliced from the words' edges; then the few blank words go from each.
    tokens = list(map(tuple.__new__, repeat(Token), zip(words, starts, islice(starts, 1, None))))
    token_starts, token_ends, texts = starts[:n], starts[1:], list(words)
    for k in reversed(blank):
        del tokens[k], token_starts[k], token_ends[k], texts[k]
    return Segmentation(tokens, token_starts, token_ends, _token_edges(starts, blank), texts)


def _token_edges(edges: list[int], blank: list[int]) -> list[int]:
    """The words' ``edges`` that are edges of a token: all of them but where no token is on either
    side (a blank word's edge with the text's start or end, or another blank word, on its other side)."""
    n = len(edges) - 1
    if not blank:
        return edges if n else []
    skipped = set(blank)
    gone = [
        i
        for i in sorted({*blank, *(k + 1 for k in blank)})
        if not ((i < n and i not in skipped) or (i > 0 and i - 1 not in skipped))
    ]
    if not gone:
        return edges
    edges = edges.copy()
    for i in reversed(gone):
        del edges[i]
    return edges


# A word that begins with one of these is blank (jieba keeps runs of white space apart from
# words): a single character class, linear by construction (``re``: see rules.py).
_BLANK = re.compile("[ \t\n\r\u3000]")
