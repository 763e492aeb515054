"""Layout repair: raw page text -> reading text, with a map back to the raw text.

The raw text is the truth: records point into it.  Every character of the
reading text remembers the raw code points it came from, so that any span found
later on the reading text is reported as a ``[start, end)`` slice of the raw text.

What repair does, one printed line at a time:

* undoubles a line whose glyphs were printed twice by a bold font
  ("图片来源图片来源：：" reads "图片来源：");
* folds full-width digits and Latin letters to ASCII (and ``％`` and ``．``);
* drops the spaces that touch a CJK character or CJK punctuation ("13.8 万平方米"
  reads "13.8万平方米"), keeps one space between two Latin or digit runs.

Lines are then joined without a separator (Chinese is typeset without spaces, and
a line may break inside a word or a number: "对辖区 200" / "余家企业"), and blank
lines vanish.  ``normalize`` applies the very same repair to any raw slice; it is
what a record's ``text`` is checked against.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

# Undoubling is only tried on lines this short: doubled bold glyphs are
# headlines, labels and credits, never long body lines, and the check is
# quadratic in the line length.
MAX_DOUBLED_LINE = 400

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FOLD.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FOLD[0xFF05] = ord("%")  # ％ only ever follows a number
_FOLD[0xFF0E] = ord(".")  # ． in running Chinese text is a decimal point (１３．８)


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, CJK and general punctuation, arrows, symbols."""
    return ord(ch) >= 0x2000


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\u3000"


# The escapes are read by ``re``: the source holds no lone surrogate.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each lone surrogate (possible in decoded text), one code point for one:
    offsets hold for both.  A lone surrogate cannot be encoded as UTF-8: it cannot cross into Rust
    (the segmenter, the automata) nor be written in a page."""
    return _SURROGATE.sub("\ufffd", text)


_FOLDED = "".join(map(chr, sorted(_FOLD)))  # the characters folded, for a character class
_FOLDABLE = re.compile(f"[{_FOLDED}]")


def _fold(line: str) -> str:
    # Folding is per character, never by context, so that a slice of a line
    # folds exactly as the whole line does.  (Most lines hold nothing to fold:
    # one search at C speed spares the per-character table lookups.)
    return line.translate(_FOLD) if _FOLDABLE.search(line) else line


_POSITIONS = array("q", range(1 << 16))
_MAX_POSITIONS = 1 << 22  # 32 MB of offsets at most; larger texts build their arrays anew


def _positions(start: int, end: int) -> array:
    """``array("q", range(start, end))``, sliced from one shared array (a C copy, not a Python loop)."""
    global _POSITIONS
    if end > len(_POSITIONS):
        if end > _MAX_POSITIONS:
            return array("q", range(start, end))
        _POSITIONS = array("q", range(max(end, 2 * len(_POSITIONS))))
    return _POSITIONS[start:end]


def find_doubling(line: str) -> list[tuple[int, int]] | None:
    """Split ``line`` into segments each printed twice in a row, or return None.

    Returns ``[(start, length), ...]`` of the doubled segments covering the whole
    line ("AABBCC" style) with the fewest segments.  A line qualifies only when
    at least half of its characters sit in segments of two or more glyphs, so
    an ordinary reduplication ("看看") or a line of one repeated mark is left as
    printed.  Segments count as long only with two distinct glyphs or more, so
    a run of one mark ("：：：：", "哈哈哈哈") is never undoubled.
    """
    n = len(line)
    if n < 4 or n % 2 or n > MAX_DOUBLED_LINE:
        return None
    if any(count % 2 for count in Counter(line).values()):
        return None
    inf = n + 1
    best = [inf] * (n + 1)
    choice = [0] * (n + 1)
    best[n] = 0
    for i in range(n - 2, -1, -1):
        # A segment at i of length seg repeats only where its first glyph does (line[i + seg] ==
        # line[i]): those lengths are found by str.find, shortest first, as a loop over every length
        # would try them (the O(n^2) slice comparisons were 60 us on a 34-character credit line).
        ch = line[i]
        limit = i + (n - i) // 2 + 1
        j = line.find(ch, i + 1, limit)
        while j >= 0:
            seg = j - i
            if best[j + seg] + 1 < best[i] and line[i:j] == line[j : j + seg]:
                best[i] = best[j + seg] + 1
                choice[i] = seg
            j = line.find(ch, j + 1, limit)
    if best[0] >= inf:
        return None
    segments = []
    i = 0
    while i < n:
        seg = choice[i]
        segments.append((i, seg))
        i += 2 * seg
    long_chars = sum(2 * seg for i, seg in segments if len(set(line[i : i + seg])) >= 2)
    if 2 * long_chars < n:
        return None
    return segments


@dataclass
class MappedText:
    """Reading text whose every character knows its raw ``[start, end)``.

    Almost every reading character comes from exactly one raw character, so
    the map stores one raw start per character (8 bytes) and an exception
    table for the rest: separators that stand for no raw text, and undoubled
    characters.  For those, ``special[i] = (end, full_end, seg_start)``:
    ``end`` closes the first printed copy; ``full_end`` differs only for the
    last character of an undoubled segment, where it covers the second copy
    too; ``seg_start`` is the reading index where that segment starts.
    ``to_raw`` uses them so that a span covering a whole doubled segment
    covers both copies in the raw text.
    """

    text: str = ""
    starts: array = field(default_factory=lambda: array("q"))
    special: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def concat(cls, parts: list[MappedText], sep: str = "") -> MappedText:
        """Join ``parts``; each separator character stands for no raw text."""
        starts = array("q")
        special: dict[int, tuple[int, int, int]] = {}
        offset = 0
        prev: MappedText | None = None
        for part in parts:
            if sep and prev is not None:
                # A separator sits, zero-width, at the raw end of the part before it.
                pos = prev.raw_end() if len(prev) else (starts[-1] if starts else 0)
                for _ in sep:
                    special[offset] = (pos, pos, offset)
                    starts.append(pos)
                    offset += 1
            starts.extend(part.starts)
            if part.special:  # most parts (a line read as printed) have no exception table
                for i, (e, full, seg) in part.special.items():
                    special[i + offset] = (e, full, seg + offset)
            offset += len(part.text)
            prev = part
        return cls(sep.join([part.text for part in parts]), starts, special)

    def end_of(self, i: int) -> int:
        """Raw end of reading character ``i`` (its first printed copy)."""
        sp = self.special.get(i)
        return sp[0] if sp else self.starts[i] + 1

    def seg_start(self, i: int) -> int:
        """Reading index where the undoubled segment of character ``i`` starts (``i`` if none)."""
        sp = self.special.get(i)
        return sp[2] if sp else i

    def raw_end(self) -> int:
        """Raw end of the whole text, second copies included."""
        return self.to_raw(0, len(self.text))[1] if self.text else 0

    def shifted(self, delta: int) -> MappedText:
        """The same text mapped ``delta`` raw positions further."""
        starts = array("q", (s + delta for s in self.starts))
        special = {i: (e + delta, f + delta, seg) for i, (e, f, seg) in self.special.items()}
        return MappedText(self.text, starts, special)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a reading-text span ``[start, end)`` to a raw-text span."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span {start}:{end} outside reading text of {n}")
        if start == end:
            pos = self.starts[start] if start < n else (self.end_of(n - 1) if n else 0)
            return pos, pos
        last = end - 1
        sp = self.special.get(last)
        if sp is None:
            return self.starts[start], self.starts[last] + 1
        raw_end, full_end, seg_start = sp
        if full_end != raw_end and seg_start >= start:
            raw_end = full_end
        return self.starts[start], raw_end

    def from_raw(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Smallest reading span whose characters lie in raw ``[raw_start, raw_end)``."""
        n = len(self.text)
        start = bisect.bisect_left(self.starts, raw_start)
        while start < n and start in self.special and self.special[start][0] == self.starts[start]:
            start += 1  # a zero-width separator is never the start of a span
        end = bisect.bisect_left(self.starts, raw_end)
        return start, max(start, end)


# Invisible format characters (zero-width spaces and joiners, bidi controls,
# a BOM inside the text, soft hyphens) vanish from the reading text, like
# line breaks: they would split words for the tokenizer and the rules.  Listed one by one, for
# str.strip (a gap run holds a space unless they are all it holds) as for the character classes.
_INVISIBLE = "".join(map(chr, (0xAD, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF)))
# One run of blank and invisible characters together: whether a space stays depends on the visible
# characters around the whole run ("0 \u00ad" at a line's end reads "0", as its slice normalizes).
_GAP_RUN = re.compile(rf"[\s\u3000{_INVISIBLE}]+")


def _maybe_doubled(line: str) -> bool:
    """Cheap test before ``find_doubling``: the line starts with a repeated prefix."""
    n = len(line)
    if n < 4 or n % 2 or n > MAX_DOUBLED_LINE:
        return False
    k = line.find(line[0], 1, n // 2 + 1)
    while k > 0:
        if line[:k] == line[k : 2 * k]:
            return True
        k = line.find(line[0], k + 1, n // 2 + 1)
    return False


def repair_line(raw: str, start: int, end: int) -> MappedText:
    """Repair one printed line ``raw[start:end]`` (no newline inside)."""
    # str.strip drops exactly what _is_space calls a space (U+3000 and \r included).
    printed = raw[start:end]
    line = printed.strip()
    if line:
        start += len(printed) - len(printed.lstrip())
    end = start + len(line)
    doubling = find_doubling(line) if _maybe_doubled(line) else None
    if doubling is not None:
        return _repair_doubled(line, start, doubling)
    if not _GAP_RUN.search(line):
        return MappedText(_fold(line), _positions(start, end))
    # Spaces: a run touching a wide character goes; between two narrow ones it
    # becomes one space, mapped to the run's first raw character.  Invisible
    # characters always go.
    # The offsets are the line's, the gaps' cut out (a kept space keeps its run's first offset).
    texts: list[str] = []
    cuts: list[tuple[int, int]] = []
    pos = 0
    n = len(line)
    for m in _GAP_RUN.finditer(line):
        a, b = m.span()
        texts.append(line[pos:a])
        keep = 0 < a and b < n and not (is_wide(line[a - 1]) or is_wide(line[b]))
        if keep and m.group().strip(_INVISIBLE):
            texts.append(" ")
            a += 1
        cuts.append((a, b))
        pos = b
    texts.append(line[pos:])
    starts = _positions(start, end)
    for a, b in reversed(cuts):
        del starts[a:b]
    return MappedText(_fold("".join(texts)), starts)


def _repair_doubled(line: str, start: int, doubling: list[tuple[int, int]]) -> MappedText:
    # per reading character: raw start, raw end of the first copy, raw end
    # including the second copy, segment number
    chars: list[str] = []
    units: list[tuple[int, int, int, int]] = []
    for seg_no, (i, seg) in enumerate(doubling):
        for k in range(seg):
            pos = start + i + k
            full = start + i + 2 * seg if k == seg - 1 else pos + 1
            chars.append(line[i + k])
            units.append((pos, pos + 1, full, seg_no))
    folded = _fold("".join(chars))
    out_text: list[str] = []
    starts = array("q")
    special: dict[int, tuple[int, int, int]] = {}
    seg_first: dict[int, int] = {}
    n = len(units)
    for idx, ((s, e, full, seg_id), ch) in enumerate(zip(units, folded)):
        if _is_space(ch):
            prev_ch = folded[idx - 1] if idx else ""
            next_ch = folded[idx + 1] if idx + 1 < n else ""
            if not prev_ch or not next_ch or is_wide(prev_ch) or is_wide(next_ch) or _is_space(prev_ch):
                continue
            ch = " "
        i = len(out_text)
        out_text.append(ch)
        starts.append(s)
        special[i] = (e, full, seg_first.setdefault(seg_id, i))
    return MappedText("".join(out_text), starts, special)


@dataclass
class Line:
    """One printed, non-blank line: its raw extent and its repaired text (not to be changed once built)."""

    raw_start: int
    raw_end: int
    raw_text: str
    mapped: MappedText
    # Blank space printed before and after the text on its line, in em (an
    # ideographic space 1, an ASCII space 0.5): a paragraph's first line is
    # indented by about two characters, a centred headline is padded on both sides.
    lead_space: float = 0.0
    trail_space: float = 0.0
    indented: bool = False  # as a paragraph's first line: about two characters before, nothing after
    # The repaired text, ``mapped.text``: an attribute, not a property, as the structure stage reads
    # it thousands of times a page.
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.mapped.text


def _space_width(raw: str, start: int, end: int) -> float:
    """Width in em of the blank characters of ``raw[start:end]`` (a line's margin)."""
    margin = raw[start:end]
    wide = margin.count("\u3000")
    return wide + 0.5 * (len(margin) - wide - margin.count("\r"))


# Any character that repair would change: a gap (space or invisible character), or one to fold.
_REPAIRED = re.compile(rf"[\s\u3000{_INVISIBLE}{_FOLDED}]")


def split_lines(raw: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank printed lines of ``raw[start:end]``, each repaired."""
    end = len(raw) if end is None else end
    lines: list[Line] = []
    pos = start
    for printed in raw[start:end].split("\n"):
        stop = pos + len(printed)
        if not printed or (len(printed) < 4 and printed.isspace()):
            pass  # a blank layout line
        elif not _REPAIRED.search(printed) and not _maybe_doubled(printed):
            # Most lines: nothing to strip, drop, fold or undouble; the reading text is the line.
            lines.append(Line(pos, stop, printed, MappedText(printed, _positions(pos, stop))))
        else:
            mapped = repair_line(raw, pos, stop)
            if mapped.text:
                raw_start = mapped.starts[0]
                raw_end = mapped.raw_end()
                lead = _space_width(raw, pos, raw_start) if raw_start > pos else 0.0
                trail = _space_width(raw, raw_end, stop) if stop > raw_end else 0.0
                indented = 1.5 <= lead <= 2.5 and trail == 0.0
                lines.append(Line(raw_start, raw_end, raw[raw_start:raw_end], mapped, lead, trail, indented))
        pos = stop + 1
    return lines


def repair(raw: str, start: int = 0, end: int | None = None) -> MappedText:
    """Reading text of ``raw[start:end]``: its lines repaired and joined."""
    return MappedText.concat([line.mapped for line in split_lines(raw, start, end)])


def normalize(raw_slice: str) -> str:
    """The normalized surface of a raw slice: what a record's ``text`` must equal."""
    printed = raw_slice.split("\n")
    joined = "".join(printed)
    # Most slices (a record spanning two printed lines) hold nothing ``_REPAIRED`` finds but line
    # breaks (where ``split_lines`` cuts; a line holding no blank is never a blank line): split_lines
    # would take its fast path on every line (unless one may be doubled), whose text is the line
    # itself; empty lines vanish.
    if not _REPAIRED.search(joined) and not any(map(_maybe_doubled, printed)):
        return joined
    # The text alone: the lines' offset maps are not joined.
    return "".join([line.text for line in split_lines(raw_slice)])
