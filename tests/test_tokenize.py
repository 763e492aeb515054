"""The tokenizer stage: the package's own jieba instance, offsets, and pinned segmentations.

The pinned rows show a jieba upgrade or a user-dictionary change as a test diff.
"""

from __future__ import annotations

import jieba
import pytest

from extract.tokenize import load_tokenizer, tokenize

PINNED = [
    ("众创空间总面积超过13.8万平方米", ["众创空间", "总面积", "超过", "13.8", "万平方米"]),
    ("岱家山加速器围绕瞪羚企业", ["岱", "家山", "加速器", "围绕", "瞪羚企业"]),  # 岱家山 is unknown to jieba
    ("国家级专精特新小巨人企业", ["国家级", "专精特新", "小巨人", "企业"]),
    ("龙岩高新区（经开区）", ["龙岩", "高新区", "（", "经开区", "）"]),
]


@pytest.mark.parametrize(("text", "words"), PINNED, ids=[t for t, _ in PINNED])
def test_pinned_segmentation(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == words


def test_offsets_align_and_shift() -> None:
    text = "西藏自治区众创空间 孵化企业增至1448家"
    tokens = tokenize(text, offset=100)
    for token in tokens:
        assert text[token.start - 100 : token.end - 100] == token.text
    assert all(not t.text.isspace() for t in tokens)


def test_private_instance_leaves_global_jieba_alone() -> None:
    tokenizer = load_tokenizer()
    assert tokenizer is not jieba.dt
    assert load_tokenizer() is tokenizer  # loaded once per process
    assert "瞪羚企业" in tokenizer.FREQ
