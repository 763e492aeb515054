"""jieba's dictionary as the rules read it (``word_tags.WordTags``): the same entries as the dictionary parsed whole."""

from __future__ import annotations

import pytest

from extract.extractors import memo
from extract.extractors.lexicon import jieba_entries, load_jieba_tags, load_tags
from extract.extractors.word_tags import WordTags, pack
from extract.tokenize import load_user_words


def test_every_word_of_jieba_has_its_entry_and_others_none() -> None:
    entries = jieba_entries()
    tags = load_jieba_tags()  # read back from the packed form kept between processes
    assert len(entries) > 300_000
    assert all(tags.get(word) == entry for word, entry in entries.items())
    for word in ("", "恕弟不恭", "北京市人民政府办公厅", "\uffff", "a", "０"):
        assert (tags.get(word) is None) == (word not in entries), word
        assert (word in tags) == (word in entries)
    assert tags.tag("北京") == entries["北京"][0] == "ns"
    assert tags.freq("北京") == entries["北京"][1] > 0
    assert (tags.tag("恕弟不恭"), tags.freq("恕弟不恭")) == ("", 0)


def test_user_words_go_over_jieba_s() -> None:
    tags, entries = load_tags(), jieba_entries()
    user = {word: (tag, freq) for word, freq, tag in load_user_words()}
    assert user
    for word, entry in user.items():
        assert tags.get(word) == entry
    plain = next(w for w in entries if w not in user)
    assert tags.get(plain) == entries[plain]


def test_packed_round_trip_with_extra_words_and_a_full_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "WORD_MEMO", 3)
    entries = {"上海": ("ns", 3000), "上": ("f", 90000), "北京": ("ns", 3000), "张三": ("nr", 5)}
    tags = WordTags(pack(entries))
    over = tags.with_words({"张三": ("n", 1), "新词": ("nz", 9)})
    for _ in range(3):  # past the memo's limit, it starts again and the answers stay
        assert [tags.get(w) for w in ("上海", "上", "北京", "张三", "新词", "上海市")] == [
            ("ns", 3000),
            ("f", 90000),
            ("ns", 3000),
            ("nr", 5),
            None,
            None,
        ]
        assert over.get("张三") == ("n", 1) and over.get("新词") == ("nz", 9) and over.get("北京") == ("ns", 3000)
    assert WordTags(pack({})).get("上") is None
