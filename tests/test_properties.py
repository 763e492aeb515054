"""Property tests: for any text, extract returns a valid, explainable, deterministic Document.

Example counts are bounded (settings below) so the suite stays fast in CI.
"""

from __future__ import annotations

from decimal import Decimal

from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import Document, extract, parse_number
from extract.layout import normalize

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEED_TEXT = SEED.read_text(encoding="utf-8")
CJK = "众创空间孵化器企业科技日报讯记者表示北京西藏自治区乌鲁木齐高新区的了是在有和人家个件年月日今去近超过余多约左右第届期"
NUMERALS = "0123456789零〇一二两三四五六七八九十百千万亿壹贰叁拾佰仟.%,-~至"
MARKS = "，。！？、；：“”‘’《》（）【】·—…→ \u3000\n\n\n\t"

cjk_text = st.text(alphabet=st.sampled_from(CJK + NUMERALS + MARKS), max_size=400)
any_text = st.text(max_size=300)
with_controls = st.text(alphabet=st.characters(codec=None, max_codepoint=0x3000), max_size=200).map(
    lambda s: s.replace("a", "\x00").replace("b", "\x1b").replace("c", "\ufeff")
)
lone_surrogates = st.lists(
    st.one_of(st.sampled_from(list(CJK + NUMERALS)), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=100,
).map("".join)


@st.composite
def seed_fragments(draw: st.DrawFn) -> str:
    """Slices of the real page, glued together: realistic layout, odd cuts."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(SEED_TEXT) - 1))
        length = draw(st.integers(0, 1500))
        pieces.append(SEED_TEXT[start : start + length])
    glue = draw(st.sampled_from(["", "\n", "\n\n", "\f", " ", "“", "（"]))
    return glue.join(pieces)


def check_document(doc: Document, text: str) -> None:
    Document.model_validate(doc.model_dump())  # the output is a valid record
    assert doc.source.chars == len(text)
    for record in doc.spanned():
        start, end = record.span
        assert 0 <= start <= end <= len(text)
        assert normalize(text[start:end]) == record.text, (type(record).__name__, record.span)
    for name in ("entities", "quantities", "dates", "quotes", "relations"):
        spans = [r.span for r in getattr(doc, name)]
        assert spans == sorted(spans), f"{name} not sorted by span"
        ids = [r.id for r in getattr(doc, name)]
        assert len(ids) == len(set(ids))
    article_ids = {a.id for a in doc.articles}
    for name in ("entities", "quantities", "dates", "quotes", "relations"):
        for r in getattr(doc, name):
            assert r.article is None or r.article in article_ids
    for a in doc.articles:
        assert 0 <= a.span[0] <= a.span[1] <= len(text)


@PROPERTY
@given(cjk_text)
def test_cjk_text(text: str) -> None:
    check_document(extract(text), text)


@PROPERTY
@given(any_text)
def test_any_unicode(text: str) -> None:
    check_document(extract(text), text)


@PROPERTY
@given(with_controls)
def test_control_characters_nul_and_bom(text: str) -> None:
    check_document(extract(text), text)


@PROPERTY
@given(lone_surrogates)
def test_lone_surrogates(text: str) -> None:
    check_document(extract(text), text)


@settings(max_examples=25, deadline=None)
@given(seed_fragments())
def test_page_fragments(text: str) -> None:
    check_document(extract(text), text)


@settings(max_examples=15, deadline=None)
@given(seed_fragments())
def test_deterministic(text: str) -> None:
    assert extract(text) == extract(text)


@settings(max_examples=15, deadline=None)
@given(seed_fragments(), st.sampled_from(["\n", "\n\n \n", "\u3000\n", "\r\n\r\n"]))
def test_blank_prefix_shifts_every_span(text: str, prefix: str) -> None:
    base, shifted = extract(text), extract(prefix + text)
    base_spans = [(r.span, r.text) for r in base.spanned()]
    shifted_spans = [((r.span[0] - len(prefix), r.span[1] - len(prefix)), r.text) for r in shifted.spanned()]
    assert shifted_spans == base_spans


# --- numbers: write in Chinese numerals, parse back ---------------------------

DIGITS = "零一二三四五六七八九"
SMALL = ["", "十", "百", "千"]


def write_below_10000(n: int) -> str:
    """Standard Chinese numeral for 0 < n < 10000 (零 for inner zeros)."""
    out, zero = "", False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (d == 1 and power == 1 and not out) else DIGITS[d]) + SMALL[power]
    return out


def write_chinese(n: int) -> str:
    """Standard Chinese numeral for 0 <= n < 10**16 (万, 亿 groups)."""
    if n == 0:
        return "零"
    groups = [(n // 10**12) % 10**4, (n // 10**8) % 10**4, (n // 10**4) % 10**4, n % 10**4]
    names = ["万亿", "亿", "万", ""]
    out, pending_zero = "", False
    for group, name in zip(groups, names, strict=True):
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        part = write_below_10000(group)
        if out and part.startswith("十"):
            part = "一" + part
        out += part + name
        pending_zero = False
    return out


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(write_chinese(n)) == n, write_chinese(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_separators_round_trips(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2, allow_nan=False),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("千", 10**3), ("百万", 10**6), ("千万", 10**7)]),
)
def test_mixed_magnitudes_agree_with_arabic(value: Decimal, magnitude: tuple[str, int]) -> None:
    word, factor = magnitude
    text = format(value.normalize(), "f")
    assert parse_number(text + word) == value * factor
