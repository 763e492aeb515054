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
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jieba


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets into the page's reading text
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
    tokens = []
    for word, start, end in load_tokenizer().tokenize(text):
        if text[start:end] != word:
            raise RuntimeError(f"jieba token {word!r} does not align with text at {start}:{end}")
        if word.isspace():
            continue
        tokens.append(Token(word, start + offset, end + offset))
    return tokens
