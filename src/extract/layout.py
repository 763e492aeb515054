"""Layout repair: raw page text -> reading text, with a map back to the raw text.

The raw text is the truth (DEVELOPERS.md, principle 1).  Every character of the
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


def _fold(line: str) -> str:
    # Folding is per character, never by context, so that a slice of a line
    # folds exactly as the whole line does.
    return line.translate(_FOLD)


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
        for seg in range(1, (n - i) // 2 + 1):
            if best[i + 2 * seg] + 1 < best[i] and line[i : i + seg] == line[i + seg : i + 2 * seg]:
                best[i] = best[i + 2 * seg] + 1
                choice[i] = seg
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

    ``ends[i]`` is the end of the first printed copy of character ``i``;
    ``full_ends[i]`` differs only for the last character of an undoubled
    segment, where it covers the second copy too, and ``seg_starts[i]`` is the
    reading index where that segment starts.  ``to_raw`` uses them so that a
    span covering a whole doubled segment covers both copies in the raw text.
    """

    text: str = ""
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))
    full_ends: array = field(default_factory=lambda: array("q"))
    seg_starts: array = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.text)

    def append(self, other: MappedText) -> None:
        offset = len(self.text)
        self.text += other.text
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)
        self.full_ends.extend(other.full_ends)
        self.seg_starts.extend(s + offset for s in other.seg_starts)

    def append_separator(self, sep: str, raw_pos: int) -> None:
        """Add characters that stand for no raw text (zero-width at raw_pos)."""
        for ch in sep:
            i = len(self.text)
            self.text += ch
            self.starts.append(raw_pos)
            self.ends.append(raw_pos)
            self.full_ends.append(raw_pos)
            self.seg_starts.append(i)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a reading-text span ``[start, end)`` to a raw-text span."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside reading text of {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else (self.full_ends[-1] if self.text else 0)
            return pos, pos
        last = end - 1
        raw_end = self.ends[last]
        if self.full_ends[last] != raw_end and self.seg_starts[last] >= start:
            raw_end = self.full_ends[last]
        return self.starts[start], raw_end

    def from_raw(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Smallest reading span whose characters lie in raw ``[raw_start, raw_end)``."""
        start = bisect.bisect_left(self.starts, raw_start)
        end = bisect.bisect_left(self.starts, raw_end)
        return start, max(start, end)


def repair_line(raw: str, start: int, end: int) -> MappedText:
    """Repair one printed line ``raw[start:end]`` (no newline inside)."""
    while start < end and _is_space(raw[start]):
        start += 1
    while end > start and (_is_space(raw[end - 1]) or raw[end - 1] == "\r"):
        end -= 1
    line = raw[start:end]
    # (reading char, raw start, raw end of first copy, raw end incl. second copy, segment id)
    units: list[tuple[str, int, int, int, int]] = []
    doubling = find_doubling(line)
    if doubling is None:
        units = [(ch, start + i, start + i + 1, start + i + 1, i) for i, ch in enumerate(line)]
    else:
        for seg_no, (i, seg) in enumerate(doubling):
            for k in range(seg):
                pos = start + i + k
                full = start + i + 2 * seg if k == seg - 1 else pos + 1
                units.append((line[i + k], pos, pos + 1, full, -1 - seg_no))
    folded = _fold("".join(u[0] for u in units))
    out = MappedText()
    seg_first: dict[int, int] = {}
    n = len(units)
    for idx, (unit, ch) in enumerate(zip(units, folded)):
        if _is_space(ch):
            prev_ch = folded[idx - 1] if idx else ""
            next_ch = folded[idx + 1] if idx + 1 < n else ""
            if not prev_ch or not next_ch or is_wide(prev_ch) or is_wide(next_ch) or _is_space(prev_ch):
                continue
            ch = " "
        _, s, e, full, seg_id = unit
        i = len(out.text)
        seg_start = seg_first.setdefault(seg_id, i) if seg_id < 0 else i
        out.text += ch
        out.starts.append(s)
        out.ends.append(e)
        out.full_ends.append(full)
        out.seg_starts.append(seg_start)
    return out


@dataclass(frozen=True)
class Line:
    """One printed, non-blank line: its raw extent and its repaired text."""

    raw_start: int
    raw_end: int
    raw_text: str
    mapped: MappedText

    @property
    def text(self) -> str:
        return self.mapped.text


def split_lines(raw: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank printed lines of ``raw[start:end]``, each repaired."""
    end = len(raw) if end is None else end
    lines: list[Line] = []
    pos = start
    while pos < end:
        nl = raw.find("\n", pos, end)
        stop = end if nl < 0 else nl
        mapped = repair_line(raw, pos, stop)
        if mapped.text:
            raw_start = mapped.starts[0]
            raw_end = max(mapped.full_ends)
            lines.append(Line(raw_start, raw_end, raw[raw_start:raw_end], mapped))
        pos = stop + 1
    return lines


def repair(raw: str, start: int = 0, end: int | None = None) -> MappedText:
    """Reading text of ``raw[start:end]``: its lines repaired and joined."""
    out = MappedText()
    for line in split_lines(raw, start, end):
        out.append(line.mapped)
    return out


def normalize(raw_slice: str) -> str:
    """The normalized surface of a raw slice: what a record's ``text`` must equal."""
    return repair(raw_slice).text
