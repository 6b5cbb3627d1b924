"""Text normalisation shared by rules: line fingerprints for template learning, width folding,
traditional-to-simplified conversion, and the character classes and heading patterns several rules
must agree on (Han characters, pinyin glosses, heading ordinals, a heading's core characters)."""

from __future__ import annotations

import bisect
import hashlib
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from scrapegate.checks import char_runs
from scrapegate.checks.decoding import char_class

# A run of digits becomes one 0, punctuation (ASCII and CJK) and white space go: CCNet-style line normalisation, so
# that "浏览次数:1234" and "浏览次数:987" are the same template line.
_DIGITS = re.compile(r"\d+")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def nfkc(text: str) -> str:
    """NFKC (full-width to half-width, compatibility forms), skipped when it would change nothing.

    Exactly ``unicodedata.normalize("NFKC", text)``, but only the runs of characters outside
    :func:`_nfkc_stable` are normalised (each with the stable character before it, which a run may
    compose with): a Chinese text with a few full-width digits costs a scan, not a normalisation of
    every character (7x less CPU on reports)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    if len(text) >= _WIDE_FOLD_MIN_CHARS:
        text = _fold_wide(text)
    pieces: list[str] = []
    last = 0
    for m in _nfkc_unstable_runs().finditer(text):
        start = m.start() - 1 if m.start() > last else m.start()
        pieces.append(text[last:start])
        pieces.append(unicodedata.normalize("NFKC", text[start:m.end()]))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


_WIDE_FOLD_MIN_CHARS = 64
"""Texts at least this long have their full-width forms folded by a table first (shorter ones: the
array round trip costs more than the runs it saves)."""


def _fold_wide(text: str) -> str:
    """Full-width ASCII (U+FF01-FF5E) and the ideographic space to their NFKC forms, by one table
    look-up over the code points. NFKC of the result is NFKC of ``text``: a character and its NFKC
    form are compatibility-equivalent, equivalence holds in any context, and NFKC is one form per
    equivalence class. In Chinese text these are ~90 % of the characters NFKC changes (，：（）！？),
    one every ~20 characters: folded here, the run loop below meets a few runs instead of one each."""
    codes = code_points(text)
    wide = (codes >= 0xFF01) & (codes <= 0xFF5E)
    space = codes == 0x3000
    if not (wide.any() or space.any()):
        return text
    codes = codes.copy()
    codes[wide] -= 0xFEE0
    codes[space] = 0x20
    return from_code_points(codes)


# Scripts whose characters are all left alone by NFKC and never combine with a neighbour, checked
# character by character below (the ranges only bound the table).
_NFKC_STABLE_RANGES = ((0x00, 0x24F), (0x2000, 0x2BFF), (0x3000, 0x303F), (0x3400, 0x4DBF),
                       (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


@lru_cache(maxsize=1)
def nfkc_stable_chars() -> str:
    """The characters of :data:`_NFKC_STABLE_RANGES` that NFKC keeps, are starters (combining class
    0) and are not the second character of any canonical composition: NFKC of a text is NFKC of its
    pieces cut before each of them (Unicode's "boundary before": quick check Yes and class 0)."""
    seconds = _composition_seconds()
    return "".join(c for a, b in _NFKC_STABLE_RANGES for c in map(chr, range(a, b + 1))
                   if unicodedata.combining(c) == 0 and unicodedata.normalize("NFKC", c) == c
                   and c not in seconds)


@lru_cache(maxsize=1)
def _composition_seconds() -> frozenset[str]:
    """Every character that is the second of a two-character canonical decomposition (one that
    composes with the character before it), Hangul vowels and trailing consonants included."""
    seconds = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    for code in range(COMPOSITES_BELOW):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    return frozenset(seconds)


COMPOSITES_BELOW = 0x10000
"""The composites looked at (the BMP, ~20 ms): the astral ones (Kaithi, Grantha, musical symbols …)
have astral second characters, outside the stable ranges (a test checks every code point)."""


@lru_cache(maxsize=1)
def _nfkc_unstable_runs() -> re.Pattern[str]:
    # the class spelled as ranges: 70 of them compile in a quarter of the time of 30,000 characters
    return re.compile(f"[^{char_class(map(ord, nfkc_stable_chars()))}]+")


def normalize_line(line: str) -> str:
    return _DROP.sub("", _DIGITS.sub("0", nfkc(line))).lower()


def line_fingerprint(line: str) -> int | None:
    """64-bit fingerprint of a normalised line, or None when nothing is left after normalisation."""
    return _fingerprint(normalize_line(line))


def _fingerprint(norm: str) -> int | None:
    if not norm:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def line_fingerprints(lines: Sequence[str]) -> list[int | None]:
    """:func:`line_fingerprint` of each line, normalised all at once: one NFKC pass over the lines
    joined by line breaks (no character composes with or normalises to a line break), and the digit
    runs and the characters :data:`_DROP` removes found in one array of code points (a line's
    regular-expression passes cost more than its hash). A line break inside a line (an HTML page's text
    run) becomes a space first: both are white space the normalisation drops, and neither composes."""
    if not lines:
        return []
    if any("\n" in line for line in lines):
        lines = [line.replace("\n", " ") for line in lines]
    codes = code_points(nfkc("\n".join(lines)))
    classes = char_classes().take(codes)
    digit = (classes & DIGIT) != 0
    first_digit = digit.copy()  # a run of digits becomes one 0
    first_digit[1:] &= ~digit[:-1]
    keep = ((classes & WORD) != 0) & ~digit & (codes != ord("_"))
    keep |= first_digit
    keep |= codes == ord("\n")
    kept = codes[keep]
    kept[first_digit[keep]] = ord("0")
    # lower() of the joined lines is the lines' lower(): a line break is neither cased nor
    # case-ignorable, so it ends a final sigma's context as the end of a line does
    return [_fingerprint(norm) for norm in from_code_points(kept).lower().split("\n")]


# Character classes of the regular expressions (Unicode \w and \d), per code point.
WORD, DIGIT = 1, 2


@lru_cache(maxsize=1)
def char_classes() -> np.ndarray:
    """A uint8 per code point: bit :data:`WORD` where ``\\w`` matches it, :data:`DIGIT` where ``\\d``
    does; from :func:`char_class_runs`, so it agrees with the regular expressions it replaces whatever
    the Unicode version."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, runs in zip((WORD, DIGIT), char_class_runs()):
        for start, end in zip(runs[0::2], runs[1::2]):
            table[start:end] |= bit
    return table


def char_class_runs(scan: bool = False) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The runs of code points that ``\\w`` matches and those that ``\\d`` matches, each as flat
    ``(start, end, start, end, ...)``: found by running the patterns over every code point (about
    40 ms a process), or, under the Unicode version of :mod:`scrapegate.checks.char_runs` (what this
    Python's regular expressions read their classes from), as written there by
    ``scripts/build_char_runs.py`` (``scan``: always scanned)."""
    if not scan and char_runs.UNIDATA_VERSION == unicodedata.unidata_version:
        return char_runs.WORD_RUNS, char_runs.DIGIT_RUNS
    every = from_code_points(np.arange(0x110000, dtype=np.uint32))
    word, digit = ([edge for m in re.finditer(pattern, every) for edge in m.span()] for pattern in (r"\w+", r"\d+"))
    return tuple(word), tuple(digit)


def code_points(text: str) -> np.ndarray:
    """The text's code points (uint32; a lone surrogate passes through)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_code_points(codes: np.ndarray) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def drop_non_word(text: str) -> str:
    """``re.sub(r"[^\\w\\n]+", "", text)``: letters, digits, Han, ``_`` and line breaks kept, by one
    lookup per code point (a regular expression tests each character's Unicode properties: 4x the
    CPU on a report)."""
    codes = code_points(text)
    keep = (char_classes().take(codes) & WORD) != 0
    keep |= codes == ord("\n")
    return from_code_points(codes[keep])


# Han characters: CJK Unified Ideographs, Extension A and the compatibility ideographs, not the
# Yijing hexagram symbols between them (a rule that wants a narrower class says why where it defines it).
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CHARS}]")
FOUR_HAN = re.compile(f"[{HAN_CHARS}]{{4}}")  # a four-character word's or slogan's shape
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def count_chars(runs: re.Pattern[str], text: str, pos: int = 0, endpos: int = sys.maxsize) -> int:
    """How many characters of ``text[pos:endpos]`` a character class matches, from the class's run
    pattern (``[…]+``): the runs' lengths summed. ``len(re.findall("[…]", …))`` built a string per
    character (about 6x the CPU on Han text)."""
    return sum(map(len, runs.findall(text, pos, endpos)))


def han_count(text: str, pos: int = 0, endpos: int = sys.maxsize) -> int:
    """How many Han characters ``text[pos:endpos]`` holds (:data:`HAN`)."""
    return count_chars(HAN_RUN, text, pos, endpos)

# A content farm's pinyin gloss after a character (經(jīng)濟(jì), 報(bào)告): a Han character before it
# and at least one tone-marked vowel inside, so 报告(2023) and 区(县) stay; some farms leave a space
# before the closing bracket (南樂(lè )縣, 網(wǎng)絡(luò )).
# The bracket first and the character before it behind it: a pattern led by a look-behind is tried at
# every position, one led by a class skips to its characters (a fourth of the time over a page's lines).
PINYIN_GLOSS = re.compile(
    f"[(（](?<=[{HAN_CHARS}][(（])(?=[a-z\u00e0-\u01dc]*[\u00e0-\u01dc])[a-z\u00e0-\u01dc]{{1,8}} ?[)）]")

# A heading's leading ordinal: 一、 （三） 第二章 第一部分 1. ①. Not 2.5亿 (a digit after the point).
HEADING_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]|\d{1,2}[、.．](?!\d)|[①-⑳])"
)

_WHITE_SPACE = re.compile(r"\s+")


def has_pinyin_gloss(text: str) -> bool:
    """Whether :data:`PINYIN_GLOSS` can match at all: an opening bracket followed by pinyin letters
    with a tone-marked vowel. Tried at each bracket (found by ``str.find``), where the pattern
    itself, which starts with a look-behind, is tried at every position, and a search for a
    tone-marked vowel anywhere scans the whole text."""
    for bracket in "(（":
        at = text.find(bracket)
        while at >= 0:
            if _GLOSS_OPENING.match(text, at + 1):
                return True
            at = text.find(bracket, at + 1)
    return False


_GLOSS_OPENING = re.compile("[a-z\u00e0-\u01dc]*[\u00e0-\u01dc]")


def heading_core(text: str) -> str:
    """A heading's characters: pinyin glosses and all white space removed (政 府 工 作 报 告 and
    政府工作報(bào)告 are 政府工作报告 and 政府工作報告)."""
    return _WHITE_SPACE.sub("", PINYIN_GLOSS.sub("", text))


# ------------------------------------------------------------------------------- normalised view

# Format characters that split a word invisibly (zero-width space/joiners, word joiner, soft hyphen,
# BOM, bidi marks, variation selectors, tag characters): dropped from the view.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                        "\ufe00-\ufe0f\ufeff\U000e0001-\U000e007f]")


class NormalizedView:
    """One comparable form of a text with a map back to it: NFKC (full-width letters and digits to
    ASCII), invisible characters dropped, ASCII lower-cased, traditional characters converted to
    simplified with OpenCC (``t2s``). Each view character comes from exactly one source character.

    OpenCC converts phrases; a conversion that changes a line's length is redone character by
    character, and a character whose conversion changes length is kept, so :meth:`source_span`
    returns exact code points of the source.

    >>> v = normalized_view("ｐｐ電\u200b子娛樂")
    >>> v.text, v.source_span(0, len(v.text))
    ('pp电子娱乐', (0, 7))
    """

    __slots__ = ("text", "_view_at", "_source_at", "source_length")

    def __init__(self, text: str, anchors: list[tuple[int, int]], source_length: int):
        self.text = text
        # Piecewise map: from view offset _view_at[k] on, view and source advance together from
        # _source_at[k] (an expanded character, ㈱ -> (株), is one anchor per view character).
        self._view_at = [v for v, _ in anchors]
        self._source_at = [s for _, s in anchors]
        self.source_length = source_length

    @property
    def same_offsets(self) -> bool:
        """Every view character sits at its source character's offset (nothing dropped or expanded)."""
        return len(self._view_at) == 1 and len(self.text) == self.source_length

    def source_offset(self, i: int) -> int:
        """Source offset of view character ``i`` (``len(view)`` maps to the source's end)."""
        if i >= len(self.text):
            return self.source_length
        k = bisect.bisect_right(self._view_at, i) - 1
        return self._source_at[k] + (i - self._view_at[k])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source code points covering view characters ``start:end`` (end exclusive)."""
        if start >= end:
            at = self.source_offset(start)
            return at, at
        return self.source_offset(start), self.source_offset(end - 1) + 1


# Full-width ASCII (upper case straight to lower case) and the ideographic space: the common NFKC
# changes, with ASCII lower-casing, done by one 1:1 translation.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({c: c - 0xFEE0 + 32 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH.update({c: c + 32 for c in range(0x41, 0x5B)})
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}
# re.sub with a lookup is ~20x faster than str.translate with a dict on CJK text.
_FOLDABLE = re.compile("[A-Z\uff01-\uff5e\u3000]")


def fold_chars() -> dict[str, str]:
    """Each character :func:`fold` changes, with what it becomes."""
    return dict(_FOLD_CHARS)


def fold(text: str) -> str:
    """ASCII lower-casing and full-width-to-half-width folding that keeps every offset (the fold of
    the normalised view and of chrome phrase matching)."""
    return _FOLDABLE.sub(lambda m: _FOLD_CHARS[m.group()], text)


def _needs_work(text: str, flags: int) -> bool:
    """``text`` is not NFKC or holds an invisible character (``flags``: its :func:`_view_flags`,
    or-ed; a text with an astral character is searched, the table marks none invisible)."""
    return (not unicodedata.is_normalized("NFKC", text) or bool(flags & _INVISIBLE_FLAG)
            or bool(flags & _ASTRAL_FLAG) and bool(_INVISIBLE.search(text)))


@lru_cache(maxsize=1)
def _converter():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC traditional-to-simplified conversion (phrases and characters): the one converter of
    every family (spam, duplicates). Line breaks are kept, so many lines joined by ``\n`` can be
    converted in one call and split again."""
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _traditional_converter():
    import opencc
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """OpenCC simplified-to-traditional conversion, the inverse of :func:`to_simplified` (line breaks
    kept, so one call converts many lines)."""
    return _traditional_converter().convert(text)


@lru_cache(maxsize=1)
def simplified_chars() -> dict[str, str]:
    """The Han characters :func:`to_simplified` changes on their own, each with what it makes of it
    (one conversion of all of them at start-up, about 10 ms)."""
    han = [chr(c) for a, b in _class_ranges(HAN_CHARS) for c in range(a, b + 1)]
    return {a: b for a, b in zip(han, to_simplified("\n".join(han)).split("\n")) if a != b}


@lru_cache(maxsize=1)
def traditional_chars() -> re.Pattern[str]:
    """The Han characters :func:`to_simplified` changes on their own (the keys of :func:`simplified_chars`),
    as a class."""
    return re.compile("[" + "".join(simplified_chars()) + "]")


def has_traditional(text: str) -> bool:
    """Whether the text holds a character :func:`to_simplified` would change on its own: one regex
    search, far cheaper than a conversion, to skip converting simplified text (a phrase of
    characters that only change together, 瞭解 alone, is not seen)."""
    return not text.isascii() and traditional_chars().search(text) is not None


@lru_cache(maxsize=65536)
def _changes(c: str) -> bool:
    """The view changes this character (NFKC or invisible); cached across documents."""
    return bool(_INVISIBLE.match(c)) or unicodedata.normalize("NFKC", c) != c


_CHANGING_FLAG, _INVISIBLE_FLAG, _TRADITIONAL_FLAG, _ASTRAL_FLAG = 1, 2, 4, 8


@lru_cache(maxsize=1)
def _view_flags() -> np.ndarray:
    """Per code point, what the view does with it (built once, ~40 ms): ``_CHANGING_FLAG`` for every
    non-ASCII BMP character the view changes (NFKC or the invisible class) and every astral one
    (checked one by one by :func:`_changing_spans`), ``_INVISIBLE_FLAG`` for the BMP characters of
    the invisible class, ``_TRADITIONAL_FLAG`` for the characters :func:`to_simplified` changes on
    their own, ``_ASTRAL_FLAG`` above the BMP. One table look-up per character tells what a text
    needs, where a regular expression's character class tested every range at every position."""
    flags = np.zeros(0x110000, dtype=np.uint8)
    bmp = from_code_points(np.arange(0x10000, dtype=np.uint32))
    invisible = {m.start() for m in _INVISIBLE.finditer(bmp)}  # a class of single characters
    flags[list(invisible)] |= _INVISIBLE_FLAG
    normalize = unicodedata.normalize  # _changes of each, without its cache's cost
    flags[[c for c in range(0x80, 0x10000) if not 0xD800 <= c <= 0xDFFF
           and (c in invisible or normalize("NFKC", bmp[c]) != bmp[c])]] |= _CHANGING_FLAG
    flags[0x10000:] |= _CHANGING_FLAG | _ASTRAL_FLAG
    flags[[ord(c) for c in simplified_chars()]] |= _TRADITIONAL_FLAG
    return flags


def _flags_of(text: str) -> tuple[np.ndarray, int]:
    """The :func:`_view_flags` of each character of ``text``, and all of them or-ed."""
    flags = _view_flags().take(code_points(text))
    return flags, int(np.bitwise_or.reduce(flags)) if len(flags) else 0


def _class_ranges(spelled: str) -> list[tuple[int, int]]:
    """The (first, last) code points of a character class body spelled as ranges only (``a-zA-Z``)."""
    return [(ord(a), ord(b)) for a, b in zip(spelled[0::3], spelled[2::3])]


_INVISIBLE_RUN = re.compile(f"{_INVISIBLE.pattern}+")


def _changing_spans(folded: str, flags: np.ndarray) -> list[tuple[int, int]]:
    """Where the view rebuilds the text: each character NFKC changes, and each run of invisible
    characters (a page of zero-width spaces is one run, not a million). ``flags``: the text's
    :func:`_flags_of`, whose changing characters are the only ones looked at."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for i in np.flatnonzero(flags & _CHANGING_FLAG).tolist():
        if i < pos:
            continue
        run = _INVISIBLE_RUN.match(folded, i)
        if run is not None:
            pos = run.end()
            spans.append((i, pos))
            continue
        pos = i + 1
        if _changes(folded[i]):
            spans.append((i, pos))
    return spans


def normalized_view(text: str, folded: str | None = None) -> NormalizedView:
    """The :class:`NormalizedView` of ``text`` (``folded``: its :func:`fold`, when the caller has it)."""
    if folded is None:
        folded = fold(text)
    anchors = [(0, 0)]
    if folded.isascii():
        return NormalizedView(folded, anchors, len(text))
    flags, present = _flags_of(folded)
    # Without a character the view changes there is no span to rebuild (nothing to ask NFKC).
    if present & _CHANGING_FLAG and _needs_work(folded, present):
        # Only the characters NFKC or the invisible class would change are rebuilt (found by one
        # table look-up); a run of invisible characters is dropped at once, with the one anchor its
        # last character would leave.
        # A text that is not NFKC only by composition (e + U+0301) has no span: it is kept as it is.
        spans = _changing_spans(folded, flags)
        pieces: list[str] = []
        shift = last = 0
        for i, end in spans:
            pieces.append(folded[last:i])
            c = folded[i:end]
            if end - i > 1 or _INVISIBLE.match(c):
                shift -= end - i
                last = end
                anchors.append((i + shift + (end - i), last))
                continue
            n = unicodedata.normalize("NFKC", c).lower()
            at = i + shift
            anchors.extend((at + k, i) for k in range(len(n)))
            pieces.append(n)
            shift += len(n) - 1
            last = i + 1
            anchors.append((i + 1 + shift, last))
        pieces.append(folded[last:])
        if spans:
            folded = "".join(pieces)
            present = _flags_of(folded)[1] if not folded.isascii() else 0
    if not present & _TRADITIONAL_FLAG:
        # Nothing to convert (a search for a character OpenCC changes on its own is ~10x cheaper
        # than the conversion of a simplified text).
        return NormalizedView(folded, anchors, len(text))
    simple = to_simplified(folded)
    if len(simple) != len(folded):
        simple = "".join(_simplify_line(line) for line in folded.splitlines(keepends=True))
    return NormalizedView(simple, anchors, len(text))


def _simplify_line(line: str) -> str:
    converted = to_simplified(line)
    if len(converted) == len(line):
        return converted
    out = []
    for c in line:
        s = to_simplified(c)
        out.append(s if len(s) == 1 else c)
    return "".join(out)
