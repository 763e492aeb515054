"""Tokenizer stage: jieba word segmentation with offsets into the reading text.

The package owns its ``jieba.Tokenizer`` (never jieba's global instance, which
any importer can change), built on first use and kept for the process, with a
user dictionary of the domain's words shipped as package data
(``data/userdict.txt``: 众创空间, 孵化器, 瞪羚企业, 专精特新, 高新区 ...).
Only ``Tokenizer.tokenize`` runs over whole pages; part-of-speech tagging
(``jieba.posseg``) is about six times slower and is left to extractors that
need it on a few words.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from typing import NamedTuple

import jieba


class Token(NamedTuple):
    """A word with its offsets into the page's reading text (a tuple: cheap to make by the thousand)."""

    text: str
    start: int
    end: int


@cache
def load_tokenizer() -> jieba.Tokenizer:
    """The package's tokenizer, built once per process (about 1 s, cached dictionary)."""
    # jieba logs its dictionary loading at DEBUG to stderr; keep batch output clean.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with resources.as_file(resources.files("extract.data").joinpath("userdict.txt")) as path:
        tokenizer.load_userdict(str(path))
    return tokenizer


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` with offsets shifted by ``offset``; raises if jieba drifts."""
    words = list(load_tokenizer().cut(text))
    if "".join(words) != text:  # the words must tile the text, or offsets would drift
        raise RuntimeError("jieba's words do not tile the text")
    tokens = []
    pos = offset
    for word in words:
        end = pos + len(word)
        if word[0] not in _SPACE:
            tokens.append(Token(word, pos, end))
        pos = end
    return tokens


_SPACE = frozenset(" \t\n\r\u3000")
