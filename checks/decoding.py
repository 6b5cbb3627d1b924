"""Turn raw bytes into text, recording how, so that spans can point at what went wrong.

Cascade (first that fits wins):

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16/UTF-32 without a BOM, recognised by NUL bytes on one side of the code units, or, when they
   are too few (Chinese text has NULs only in ASCII characters and in a few like 一), by a UTF-16
   reading free of control characters that is more plausible than the UTF-8 one;
3. strict UTF-8 (the fast path: a clean UTF-8 or ASCII file costs a NUL search and one decode);
4. the legacy Chinese encodings GB18030, Big5-HKSCS and cp950 (Big5 as Windows writes it), decoded
   strictly and ranked by plausibility: the share of common characters (GB2312 level 1 and Big5
   common characters plus CJK punctuation, read from the codecs). A declared charset, if the caller
   knows one, is tried first and wins ties; gb2312/gbk/cp936 are widened to gb18030 (猇 is not in
   GB2312) and big5 to big5hkscs. A random-looking soup of rare characters is rejected: Big5 read as
   GBK scores about 0.25, real text about 0.99. UTF-16 without any NUL competes here too;
5. charset-normalizer, restricted to :data:`FALLBACK_CANDIDATES` (never cp949/johab: on short Chinese
   text it guesses those, charset-normalizer issue #216);
6. per-line decoding when the file mixes encodings (a UTF-8 page with a GBK footer) or nothing fits
   the whole file: every line is decoded with the encoding that reads it best (a UTF-8 line with a
   broken byte stays UTF-8) and recorded as an :class:`EncodedSegment`. A line holding UTF-8 text and
   legacy text side by side (no line break at the seam) is split where the bytes stop being UTF-8.

Bytes no candidate decodes become U+FFFD (one per invalid sequence, exactly what
``bytes.decode(encoding, "replace")`` yields) and each run of them is recorded as an
:class:`UndecodableRun`: nothing is dropped silently, ``errors="ignore"`` is never used. The text is
kept exactly as decoded, so spans are code-point offsets into it.

:func:`looks_binary` tells a loader that a file is not text at all (PNG, PDF, ZIP, NUL-laden data).
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple

from scrapegate.checks.findings import Span

UTF8 = "utf-8"
GB18030 = "gb18030"
BIG5HKSCS = "big5hkscs"
CP950 = "cp950"
UTF16 = "utf-16"
UTF32 = "utf-32"

#: Legacy encodings tried strictly, in order of preference on a tie (the first target is mainland text).
#: Big5 comes in two incompatible flavours: HKSCS and Microsoft's cp950 (Taiwan) put different
#: characters at C6A1-C8FE, where cp950 has ①-⑩ and HKSCS has kana. They agree everywhere else, so
#: they tie (big5hkscs reported) unless the text uses that range; then plausibility decides.
LEGACY_CANDIDATES: tuple[str, ...] = (GB18030, BIG5HKSCS, CP950)
#: What charset-normalizer may choose from when nothing above fits. Korean code pages are left out on
#: purpose: on short Chinese text charset-normalizer picks cp949/johab (its issue #216).
FALLBACK_CANDIDATES: tuple[str, ...] = (GB18030, BIG5HKSCS, CP950, "shift_jis", "euc_jp", "cp1252")
#: A whole-file decoding whose plausibility is at least this is accepted without further search.
PLAUSIBLE = 0.7
#: A strict decoding of the preferred candidate this plausible needs no comparison with the others
#: (Big5 read as GBK scores about 0.25, GBK read as Big5 about 0.5).
EARLY_ACCEPT = 0.9
#: Candidates are ranked on this many leading characters (errors are counted over the whole file).
PLAUSIBILITY_SAMPLE = 2048
#: Below this many judged characters a plausibility score says little.
MIN_JUDGED_CHARS = 8

_DECLARED_ALIASES = {
    "gb2312": GB18030, "gbk": GB18030, "cp936": GB18030, "x-gbk": GB18030, "euc-cn": GB18030,
    "euc_cn": GB18030, "gb18030": GB18030, "windows-936": GB18030, "ms936": GB18030,
    "big5": BIG5HKSCS, "big5-hkscs": BIG5HKSCS, "big5hkscs": BIG5HKSCS, "x-big5": BIG5HKSCS,
    "cp950": CP950, "windows-950": CP950, "ms950": CP950,
}

_BOMS: tuple[tuple[bytes, str, str, str], ...] = (
    # Order matters: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF8, UTF8, UTF8, ""),
    (codecs.BOM_UTF32_LE, UTF32, "utf-32-le", "le"),
    (codecs.BOM_UTF32_BE, UTF32, "utf-32-be", "be"),
    (codecs.BOM_UTF16_LE, UTF16, "utf-16-le", "le"),
    (codecs.BOM_UTF16_BE, UTF16, "utf-16-be", "be"),
)


_BOM_PREFIXES = tuple(bom for bom, _, _, _ in _BOMS)


@dataclass(frozen=True)
class UndecodableRun:
    """A run of bytes no candidate encoding decodes; ``span`` is where its U+FFFD stand-ins sit.

    ``raw_hex`` is the hex of the run's bytes (at most :data:`MAX_HEX_BYTES` of them; ``length``
    is the full byte count).
    """

    span: Span
    byte_offset: int
    raw_hex: str
    length: int = 0
    encoding: str = ""


MAX_HEX_BYTES = 32


@dataclass(frozen=True)
class EncodedSegment:
    """A stretch of text decoded with one encoding (files that mix encodings have several)."""

    span: Span
    encoding: str
    byte_offset: int = 0
    byte_length: int = 0


@dataclass
class Decoded:
    """The decoded text and how it was obtained.

    ``encoding`` is the contract's name ("utf-8", "gb18030", "big5hkscs", "cp950" (Big5 as Windows
    writes it), "utf-16", "utf-32", or a fallback's Python codec name); for a file mixing encodings it is the encoding of most of the text.
    ``method`` says which step of the cascade decided: "empty", "bom", "nul-pattern", "strict",
    "declared", "plausibility", "charset-normalizer", "per-line", "replace".
    ``confidence`` is 1.0 for self-validating decodings (BOM, strict UTF-8) and the plausibility
    score otherwise. ``byte_order`` is "le" or "be" for UTF-16/32, else None. ``declared`` is the
    caller's declared charset as given.
    """

    text: str
    encoding: str
    method: str
    confidence: float = 1.0
    bom: bool = False
    segments: list[EncodedSegment] = field(default_factory=list)
    undecodable: list[UndecodableRun] = field(default_factory=list)
    byte_order: str | None = None
    declared: str | None = None

    @property
    def is_mixed(self) -> bool:
        return len({s.encoding for s in self.segments}) > 1


# --- what "looks like text" means -------------------------------------------------------------------


def _double_byte_han(first: int, last: int, encoding: str) -> frozenset[str]:
    chars: set[str] = set()
    for lead in range(first >> 8, (last >> 8) + 1):
        for trail in range(0x40, 0xFF):
            if first <= (lead << 8) | trail <= last:
                try:
                    ch = bytes((lead, trail)).decode(encoding)
                except UnicodeDecodeError:
                    continue
                if "\u4e00" <= ch <= "\u9fff":
                    chars.add(ch)
    return frozenset(chars)


@lru_cache(maxsize=None)
def gb2312_level1() -> frozenset[str]:
    """The 3755 GB2312 level-1 characters (the most used simplified ones), read from the codec."""
    return _double_byte_han(0xB0A1, 0xD7FE, "gb2312")


@lru_cache(maxsize=None)
def big5_common() -> frozenset[str]:
    """The 5401 Big5 常用字 (the most used traditional ones, A440-C67E), read from the codec."""
    return _double_byte_han(0xA440, 0xC67E, "big5")


# Punctuation and symbols ordinary Chinese text uses: CJK symbols and punctuation, fullwidth forms,
# general punctuation (dashes, quotes, ellipsis), CJK compatibility forms (Big5 punctuation maps
# there), and the handful of Latin-1/letterlike/number/shape symbols reports are full of.
_COMMON_SYMBOL_RANGES = (
    (0x3000, 0x303F), (0xFF01, 0xFF65), (0x2010, 0x2027), (0x2030, 0x2033), (0xFE30, 0xFE4F),
    (0x2460, 0x249B), (0x2160, 0x217F), (0x3220, 0x3229), (0x25A0, 0x25CF), (0x2190, 0x2193),
)
_COMMON_SYMBOLS = "·×÷°±§¥¢£€№℃‰※★☆∶"


@lru_cache(maxsize=None)
def common_characters() -> frozenset[str]:
    """Characters whose presence makes decoded text look like ordinary Chinese (either script)."""
    symbols = {chr(cp) for first, last in _COMMON_SYMBOL_RANGES for cp in range(first, last + 1)}
    return gb2312_level1() | big5_common() | symbols | set(_COMMON_SYMBOLS)


def char_class(points: Iterable[int]) -> str:
    """The members of a regex character class (without brackets) matching exactly these code points,
    consecutive ones written as ranges."""
    return char_class_of_ranges((point, point) for point in sorted(points))


def char_class_of_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    """:func:`char_class` of the code points of these ``(first, last)`` ranges, given in order and not
    overlapping, without listing each point (a range that starts right after the one before it
    continues it, as consecutive points do)."""
    merged: list[list[int]] = []
    for lo, hi in ranges:
        if merged and lo == merged[-1][1] + 1:
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    return "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                   for lo, hi in merged)


@lru_cache(maxsize=None)
def uncommon_pattern() -> re.Pattern[str]:
    """A regex matching one non-ASCII, non-space character outside :func:`common_characters`."""
    members = char_class(ord(ch) for ch in common_characters() if ch > "\x7f")
    return re.compile(f"[^\\x00-\\x7f\\s{members}]")


_HIGH_BYTES = bytes(range(0x80, 0x100))


def plausibility(text: str) -> tuple[float, int]:
    """(share of common characters, number judged) over the non-ASCII, non-space characters.

    Text with nothing to judge scores 1.0. Real Chinese text, simplified or traditional, scores about
    0.99 even with rare place names; legacy bytes decoded with the wrong codec score 0.25-0.5.
    """
    # Counted with C-level scans: iterating a str in Python costs ~100 ns a character. C0 controls
    # other than white space count as judged and uncommon: text does not hold them, wrong readings do.
    encoded = text.encode("utf-8", "surrogatepass")
    ascii_only = encoded.translate(None, _HIGH_BYTES)
    controls = len(ascii_only) - len(ascii_only.translate(None, _CONTROL_BYTES))
    judged = (len(text) - len(ascii_only) - text.count("\u3000") - text.count("\u00a0")) + controls
    if judged <= 0:
        return 1.0, 0
    uncommon = len(text) - len(uncommon_pattern().sub("", text)) + controls
    return max(0.0, 1.0 - uncommon / judged), judged


# --- binary detection -------------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (DOC/XLS/PPT)"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"8BPS", "Photoshop image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
_BINARY_SAMPLE = 8192
#: The C0 control characters text does not hold: U+0000-U+001F except tab, line feed, vertical tab,
#: form feed and carriage return. A UTF-16 reading holding one is not text.
_C0_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
#: The same as bytes, except ESC (0x1B), deliberately: ANSI colour sequences put it in files that are
#: text, so it neither makes a file look binary nor counts against a reading's plausibility.
_CONTROL_BYTES = bytes(b for b in range(32) if _C0_CONTROLS.match(chr(b)) and b != 0x1B)


def looks_binary(raw: bytes) -> str | None:
    """Why ``raw`` is not a text document ("PNG image", "NUL bytes: binary data"), or None if it may be.

    Checks magic numbers, then the first 8 KB for NUL and other control bytes outside a UTF-16/32
    pattern. A stray NUL or two in a long text is not binary: the encoding rules flag those. Neither
    is trailing NUL padding (judged without it) nor UTF-16 text without BOM or ASCII, whose CJK code
    units hold bytes 0x00-0x1F (recognised by a valid, control-free, plausible UTF-16 reading).
    """
    head = raw[:_BINARY_SAMPLE]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if head[:2] == b"MZ" and b"\x00" in head[:64]:
        return "Windows executable"
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return "BMP image"
    if not head:
        return None
    unpadded = raw.rstrip(b"\x00") if raw.endswith(b"\x00") else raw
    if not unpadded:
        return "only NUL bytes: binary data"
    if any(head.startswith(bom) for bom, *_ in _BOMS) or _nul_pattern(head) is not None:
        return None
    # Trailing NUL padding (a fixed-size buffer, a scraper's preallocated file) does not make the text
    # before it binary: judge that text; the NUL run is decoded and EN005 flags it.
    head = unpadded[:_BINARY_SAMPLE]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    nuls = head.count(0)
    suspicious_nuls = nuls and (nuls * 100 >= len(head) or nuls >= 16)
    suspicious_controls = controls * 20 >= len(head) and controls >= 8
    if (suspicious_nuls or suspicious_controls) and _reads_as_utf16_text(head):
        # UTF-16 without a BOM or ASCII: its bytes hold NULs (一 is 00 4E) and C0 values (不 is
        # 0D 4E) as halves of CJK code units, not as characters.
        return None
    if suspicious_nuls:
        return "NUL bytes outside a UTF-16/UTF-32 pattern: binary data"
    if suspicious_controls:
        return "control bytes make up over 5% of the start: binary data"
    return None


_UTF16_CODECS = ("utf-16-le", "utf-16-be")


@dataclass(frozen=True)
class _Utf16Reading:
    """``sample`` read as UTF-16 in one byte order (an odd last byte left out)."""

    codec: str
    text: str
    stand_ins: int  # U+FFFD for invalid code units (unpaired surrogates)
    controls: int  # C0 control characters (:data:`_C0_CONTROLS`)

    @property
    def clean(self) -> bool:
        """Valid and free of control characters: random bytes read as UTF-16 are neither."""
        return not self.stand_ins and not self.controls


def _read_as_utf16(sample: bytes, codec: str, *, cut: bool = False) -> _Utf16Reading:
    """The one way we ask "does this read as UTF-16?". With ``cut`` (``sample`` is the start of a
    longer file) a stand-in at the very end is dropped: the sample may end inside a surrogate pair."""
    text = sample[: len(sample) - len(sample) % 2].decode(codec, "replace")
    if cut and text.endswith("\ufffd"):
        text = text[:-1]
    return _Utf16Reading(codec, text, text.count("\ufffd"), len(_C0_CONTROLS.findall(text)))


def _reads_as_utf16_text(sample: bytes) -> bool:
    """A UTF-16 (LE or BE) reading of ``sample`` is valid, free of control characters and plausible
    text (random bytes read as UTF-16 hit unpaired surrogates, controls and rare characters)."""
    cut = len(sample) - len(sample) % 2 == _BINARY_SAMPLE
    for codec in _UTF16_CODECS:
        reading = _read_as_utf16(sample, codec, cut=cut)
        if not reading.clean:
            continue
        score, judged = plausibility(reading.text)
        if judged >= MIN_JUDGED_CHARS and score >= PLAUSIBLE:
            return True
    return False


# --- decoding with a record of every replaced byte run -----------------------------------------------

_record = threading.local()
_RECORD_HANDLER = "scrapegate.record"


def _record_errors(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _record.errors.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error(_RECORD_HANDLER, _record_errors)


def _decode_recording(raw: bytes, codec: str, reported: str, byte_base: int = 0,
                      text_base: int = 0, *, strict_first: bool = True) -> tuple[str, list[UndecodableRun]]:
    """``raw.decode(codec, "replace")`` plus a record of each replaced run (offsets shifted by bases).

    A strict decoding is tried first (the common case, no error handler involved) unless the caller
    knows it fails (``strict_first=False``).
    """
    if strict_first:
        try:
            return raw.decode(codec), []
        except UnicodeDecodeError:
            pass
    _record.errors = []
    try:
        text = raw.decode(codec, _RECORD_HANDLER)
        errors = _record.errors
    finally:
        _record.errors = []
    runs: list[UndecodableRun] = []
    position = text_base
    previous_end = 0
    run_start: int | None = None
    run_text = 0
    stand_ins = 0
    for start, end in errors:
        if start != previous_end or run_start is None:
            if run_start is not None:
                runs.append(_run(raw, run_start, previous_end, run_text, stand_ins, reported,
                                 byte_base))
            position += len(raw[previous_end:start].decode(codec, "replace"))
            run_start, run_text, stand_ins = start, position, 0
        stand_ins += 1
        position += 1
        previous_end = end
    if run_start is not None:
        runs.append(_run(raw, run_start, previous_end, run_text, stand_ins, reported, byte_base))
    return text, runs


def _run(raw: bytes, start: int, end: int, text_start: int, stand_ins: int, reported: str,
         byte_base: int) -> UndecodableRun:
    chunk = raw[start : min(end, start + MAX_HEX_BYTES)]
    return UndecodableRun(span=Span(text_start, text_start + stand_ins), byte_offset=byte_base + start,
                          raw_hex=chunk.hex(" "), length=end - start, encoding=reported)


# --- the cascade --------------------------------------------------------------------------------------


def normalize_declared(declared: str | None) -> str | None:
    """The codec we use for a declared charset name, or None if Python does not know it."""
    if not declared:
        return None
    name = declared.strip().lower().strip("\"'")
    if name in _DECLARED_ALIASES:
        return _DECLARED_ALIASES[name]
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    if canonical in _DECLARED_ALIASES:
        return _DECLARED_ALIASES[canonical]
    return {"utf-8-sig": UTF8}.get(canonical, canonical)


def _reported_name(codec: str) -> str:
    if codec.startswith("utf-16"):
        return UTF16
    if codec.startswith("utf-32"):
        return UTF32
    return codec.replace("_", "-") if codec.startswith("utf") else codec


META_PRESCAN_BYTES = 4096
"""How far into a file a ``<meta charset>`` is looked for (HTML5's prescan reads 1024 bytes; pages
with long inline scripts in their head put it later)."""
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9][A-Za-z0-9._:-]{0,39})""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta charset="gbk">`` or ``<meta http-equiv=
    "Content-Type" content="text/html; charset=gb2312">`` tag near its start, if any.

    It is a real declaration: :func:`decode` tries it first among the legacy encodings and reports
    ``method = "declared"`` when it is the reading chosen. It never overrides a BOM or strict UTF-8
    (a UTF-8 page that still says ``charset=gb2312`` after a CMS migration stays UTF-8)."""
    match = _META_CHARSET.search(raw[:META_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode(raw: bytes, declared: str | None = None) -> Decoded:
    """Decode ``raw``; ``declared`` is a charset named by the source (HTTP header, meta tag), if any."""
    if not raw:
        return Decoded(text="", encoding=UTF8, method="empty", declared=declared,
                       segments=[])
    for bom, reported, codec, order in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            text, runs = _decode_recording(body, codec, reported, byte_base=len(bom))
            return _single(text, reported, "bom", 1.0, runs, len(bom), len(body), bom=True,
                           byte_order=order or None, declared=declared)
    if b"\x00" in raw:
        wide = _nul_pattern(raw[:_BINARY_SAMPLE]) or _wide_by_comparison(raw)
        if wide is not None:
            reported, codec, order = wide
            text, runs = _decode_recording(raw, codec, reported)
            return _single(text, reported, "nul-pattern", 1.0, runs, 0, len(raw), byte_order=order,
                           declared=declared)
    try:
        text = raw.decode(UTF8)
    except UnicodeDecodeError:
        pass
    else:
        return _single(text, UTF8, "strict", 1.0, [], 0, len(raw), declared=declared)
    return _decode_legacy(raw, declared)


def decode_again(raw: bytes, earlier: Decoded) -> Decoded:
    """``decode(raw, declared_charset(raw))`` of bytes that decoded to ``earlier`` before (its text
    may be dropped): a whole-file legacy reading that was strict is redone with its codec, without
    ranking the candidates again; anything else is decoded in full. For the same bytes the result is
    :func:`decode`'s (a caller checks that the bytes are the same, e.g. by their digest)."""
    declared = declared_charset(raw)
    if (earlier.method in ("declared", "plausibility") and earlier.encoding in LEGACY_CANDIDATES
            and earlier.declared == declared and raw and not raw.startswith(_BOM_PREFIXES)):
        try:
            text = raw.decode(earlier.encoding)
        except UnicodeDecodeError:
            pass
        else:
            return _single(text, earlier.encoding, earlier.method, earlier.confidence, [], 0, len(raw),
                           declared=declared)
    return decode(raw, declared)


def _single(text: str, encoding: str, method: str, confidence: float, runs: list[UndecodableRun],
            byte_offset: int, byte_length: int, *, bom: bool = False, byte_order: str | None = None,
            declared: str | None = None) -> Decoded:
    return Decoded(text=text, encoding=encoding, method=method, confidence=round(confidence, 4),
                   bom=bom, segments=[EncodedSegment(Span(0, len(text)), encoding, byte_offset,
                                                     byte_length)],
                   undecodable=runs, byte_order=byte_order, declared=declared)


def _nul_pattern(sample: bytes) -> tuple[str, str, str] | None:
    """(reported, codec, byte order) when NULs sit where UTF-16/32 puts them for ASCII and BMP text."""
    usable = len(sample) - len(sample) % 4
    if usable < 4:
        return None
    sample = sample[:usable]
    by_position = [sample[i::4].count(0) for i in range(4)]
    units = usable // 4
    nuls = sum(by_position)
    if nuls < 2:
        return None
    # UTF-32: the top two bytes of every code unit are zero for BMP text.
    if by_position[2] == units and by_position[3] == units:
        return UTF32, "utf-32-le", "le"
    if by_position[0] == units and by_position[1] == units:
        return UTF32, "utf-32-be", "be"
    even = by_position[0] + by_position[2]
    odd = by_position[1] + by_position[3]
    # UTF-16: ASCII characters (newlines, digits, punctuation) put a NUL in their high byte. Chinese
    # text has fewer of them than English but all on one side; binary data scatters them.
    if odd >= 4 * max(even, 1) and odd >= 2:
        codec, order = "utf-16-le", "le"
    elif even >= 4 * max(odd, 1) and even >= 2:
        codec, order = "utf-16-be", "be"
    else:
        return None
    # Confirm: the text must be (almost) free of C0 controls and invalid code units, and look like
    # text; a few are tolerated here, since the NULs already point at UTF-16.
    reading = _read_as_utf16(sample, codec)
    if reading.controls > len(reading.text) // 50 or reading.stand_ins > len(reading.text) // 50:
        return None
    score, judged = plausibility(reading.text)
    if judged >= MIN_JUDGED_CHARS and score < 0.5:
        return None
    return UTF16, codec, order


def _wide_by_comparison(raw: bytes) -> tuple[str, str, str] | None:
    """UTF-16 when a short or Chinese-heavy text's NULs are too few for :func:`_nul_pattern`: the
    UTF-16 reading must be free of control characters and more plausible than the UTF-8 one."""
    sample = raw[:_BINARY_SAMPLE]
    as_utf8 = sample.decode(UTF8, "replace")
    best: tuple[float, str] | None = None
    for codec in _UTF16_CODECS:
        reading = _read_as_utf16(sample, codec)
        if not reading.clean:
            continue
        score, _ = plausibility(reading.text)
        if best is None or score > best[0]:
            best = (score, codec)
    if best is None or best[0] <= plausibility(_C0_CONTROLS.sub("\ufffd", as_utf8))[0]:
        return None
    return UTF16, best[1], best[1][-2:]


def _legacy_order(declared: str | None) -> list[str]:
    preferred = normalize_declared(declared)
    order = list(LEGACY_CANDIDATES)
    if preferred and preferred != UTF8:
        order = [preferred] + [c for c in order if c != preferred]
    return order


@dataclass
class _Line:
    start: int
    raw: bytes
    kind: str  # "ascii", "utf-8" (valid, non-ASCII), "other"
    utf8: str | None = None  # the line decoded, for a "utf-8" line
    #: For an "other" line that holds UTF-8 and legacy text side by side: its pieces (start, end,
    #: codec), offsets into ``raw`` (see :func:`_byte_runs`).
    pieces: list[tuple[int, int, str]] | None = None


def _split_lines(raw: bytes) -> list[_Line]:
    lines = []
    offset = 0
    for chunk in raw.splitlines(keepends=True):
        if chunk.isascii():
            line = _Line(offset, chunk, "ascii")
        else:
            try:
                line = _Line(offset, chunk, UTF8, chunk.decode(UTF8))
            except UnicodeDecodeError:
                line = _Line(offset, chunk, "other")
        lines.append(line)
        offset += len(chunk)
    return lines


#: A stretch of valid UTF-8 (ASCII included).
_UTF8_STRETCH = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+")
#: A UTF-8 stretch counts as UTF-8 text inside a line that is not valid UTF-8 only with this many
#: non-ASCII characters, all but a few common: legacy bytes form valid UTF-8 by accident only in short
#: stretches of rare characters.
MIN_UTF8_RUN_CHARS = 8
#: Eight UTF-8 CJK characters in a row: a cheap test of whole bytes before any line is split.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){%d}" % MIN_UTF8_RUN_CHARS)
#: A piece between UTF-8 stretches is legacy text when a legacy codec decodes it strictly, plausibly
#: and with at least this many judged characters (a broken UTF-8 character is one or two).
MIN_LEGACY_PIECE_CHARS = 4


def _trim_uncommon(text: str) -> tuple[int, int]:
    """(start, end) of ``text`` without the rare non-ASCII characters at its two ends: where legacy
    bytes meet UTF-8 ones, a legacy character's bytes may read as a valid but rare UTF-8 one."""
    common = common_characters()
    start, end = 0, len(text)
    while start < end and text[start] > "\x7f" and text[start] not in common:
        start += 1
    while end > start and text[end - 1] > "\x7f" and text[end - 1] not in common:
        end -= 1
    return start, end


def _byte_runs(raw: bytes, candidates: list[str]) -> list[tuple[int, int, str]] | None:
    """A line that is not valid UTF-8 split into pieces (start, end, codec) when it holds UTF-8 text
    and legacy text side by side (a UTF-8 page whose GBK footer has no line break before it); None
    when it does not. Stretches of UTF-8 too short or rare to be text stay with the legacy pieces;
    bytes between UTF-8 stretches that no legacy codec reads as text (a broken UTF-8 character) stay
    UTF-8, to be recorded as undecodable."""
    utf8_runs: list[tuple[int, int]] = []
    for match in _UTF8_STRETCH.finditer(raw):
        if match.end() - match.start() < 2 * MIN_UTF8_RUN_CHARS:
            continue
        whole = match.group().decode(UTF8)
        first, last = _trim_uncommon(whole)
        text = whole[first:last]
        encoded = text.encode(UTF8)
        if len(text) - len(encoded.translate(None, _HIGH_BYTES)) < MIN_UTF8_RUN_CHARS:
            continue
        score, judged = plausibility(text)
        if judged < MIN_UTF8_RUN_CHARS or score < EARLY_ACCEPT:
            continue
        start = match.start() + len(whole[:first].encode(UTF8))
        utf8_runs.append((start, start + len(encoded)))
    if not utf8_runs:
        return None
    pieces: list[tuple[int, int, str]] = []

    def add(start: int, end: int, codec: str) -> None:
        if pieces and pieces[-1][2] == codec:
            pieces[-1] = (pieces[-1][0], end, codec)
        elif end > start:
            pieces.append((start, end, codec))

    position = 0
    for start, end in utf8_runs + [(len(raw), len(raw))]:
        if start > position:
            add(position, start, _legacy_piece(raw[position:start], candidates) or UTF8)
        add(start, end, UTF8)
        position = end
    if all(codec == UTF8 for _, _, codec in pieces):
        return None
    return pieces


def _legacy_piece(raw: bytes, candidates: list[str]) -> str | None:
    """The legacy codec that reads ``raw`` strictly as plausible text, if any, when UTF-8 reads it
    as broken (a UTF-8 character cut short, with a few whole ones before it, can read as legacy
    text too, but UTF-8 then breaks once, legacy text read as UTF-8 about every other character)."""
    best = _rank_candidates(raw, candidates)[0]
    if best.errors or best.judged < MIN_LEGACY_PIECE_CHARS or best.score < PLAUSIBLE:
        return None
    if 2 * raw.decode(UTF8, "replace").count("\ufffd") < best.judged:
        return None
    return best.codec


class _Reading(NamedTuple):
    """One candidate's reading of the bytes, kept so the winner is not decoded again."""

    score: float  # plausibility of the (replace-decoded) text's first PLAUSIBILITY_SAMPLE characters
    codec: str
    errors: int  # U+FFFD stand-ins; 0 when the codec decodes the bytes strictly
    judged: int
    text: str


def _rank_candidates(raw: bytes, candidates: list[str], good_enough: float | None = None,
                     known: dict[str, str | None] | None = None) -> list[_Reading]:
    """Candidates best first. Stand-ins count as uncommon characters, so errors lower a candidate's
    score; on a tie fewer errors, then the earlier candidate, win. With ``good_enough``, a strict
    decoding scoring at least that on plenty of characters ends the search early (the common case).
    ``known`` holds strict decodings the caller already tried ({codec: text, or None if it failed}):
    they are not tried again."""
    known = known or {}
    rows = []
    for preference, codec in enumerate(candidates):
        text = known.get(codec)
        errors = 0
        if text is None and codec in known:
            text = raw.decode(codec, "replace")
            errors = max(1, text.count("\ufffd"))
        elif text is None:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                text = raw.decode(codec, "replace")
                errors = max(1, text.count("\ufffd"))
        if errors > 8 and errors * 10 > len(text):
            score, judged = 0.0, len(text)  # hopeless: not worth judging
        else:
            score, judged = plausibility(text[:PLAUSIBILITY_SAMPLE])
        rows.append((-score, errors, preference, _Reading(score, codec, errors, judged, text)))
        if (good_enough is not None and preference == 0 and not errors and score >= good_enough
                and judged >= 64):
            break  # the preferred reading is clearly right: skip the rest
    rows.sort(key=lambda row: row[:3])
    return [row[3] for row in rows]


def _recorded(raw: bytes, reading: _Reading, reported: str, byte_base: int = 0,
              text_base: int = 0) -> tuple[str, list[UndecodableRun]]:
    """The reading's text and its undecodable runs: the ranked text itself when it was strict."""
    if not reading.errors:
        return reading.text, []
    return _decode_recording(raw, reading.codec, reported, byte_base, text_base, strict_first=False)


def _decode_legacy(raw: bytes, declared: str | None) -> Decoded:
    """After strict UTF-8 failed on ``raw`` (see :func:`decode`)."""
    lines = _split_lines(raw)
    candidates = _legacy_order(declared)
    if _UTF8_CJK_RUN.search(raw):
        for line in lines:
            if line.kind == "other":
                line.pieces = _byte_runs(line.raw, candidates)
    has_utf8_lines = any(line.kind == UTF8 or line.pieces for line in lines)
    declared_codec = normalize_declared(declared)
    if not has_utf8_lines:
        # One encoding for the whole file, unless nothing fits (then per line, below). UTF-16 text
        # without a BOM has no NUL bytes when it has no ASCII (short Chinese text): a candidate too.
        wide = list(_UTF16_CODECS) if len(raw) % 2 == 0 else []
        best = _rank_candidates(raw, candidates + [UTF8] + wide, EARLY_ACCEPT, known={UTF8: None})[0]
        method = "declared" if best.codec == declared_codec else "plausibility"
        reported = _reported_name(best.codec)
        if best.codec in wide:
            if best.errors == 0 or best.score >= PLAUSIBLE:
                text, runs = _recorded(raw, best, UTF16)
                return _single(text, UTF16, "replace" if runs else method, best.score, runs, 0,
                               len(raw), byte_order=best.codec[-2:], declared=declared)
        elif best.score >= PLAUSIBLE or best.judged < MIN_JUDGED_CHARS:
            text, runs = _recorded(raw, best, reported)
            return _single(text, reported, "replace" if runs else method, best.score, runs, 0,
                           len(raw), declared=declared)
        fallback = _fallback(raw, best.score, best.errors)
        if fallback is not None:
            fallback.declared = declared
            return fallback
        if best.errors == 0:
            return _single(best.text, reported, method, best.score, [], 0, len(raw),
                           declared=declared)
        legacy = best.codec if best.codec in candidates else candidates[0]
    else:
        other = b"".join(_legacy_bytes(line) for line in lines if line.kind == "other")
        legacy = _rank_candidates(other, candidates)[0].codec
    return _decode_per_line(lines, candidates, legacy, declared)


def _legacy_bytes(line: _Line) -> bytes:
    """An "other" line's bytes that are not UTF-8 text."""
    if not line.pieces:
        return line.raw
    return b"".join(line.raw[start:end] for start, end, codec in line.pieces if codec != UTF8)


def _fallback(raw: bytes, best_score: float, best_errors: int) -> Decoded | None:
    """charset-normalizer, restricted to :data:`FALLBACK_CANDIDATES`; only if its reading is strict
    and not clearly worse than the best candidate so far. (UTF-16 without BOM or NULs needs no
    fallback: it is one of the ranked candidates.)"""
    from charset_normalizer import from_bytes

    guess = from_bytes(raw, cp_isolation=list(FALLBACK_CANDIDATES), explain=False).best()
    if guess is None:
        return None
    codec = codecs.lookup(guess.encoding).name
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    score, judged = plausibility(text)
    # Our plausibility measures Chinese; for other languages trust charset-normalizer unless its
    # reading is clearly worse as Chinese than a strict legacy reading.
    if best_errors == 0 and judged and score < best_score - 0.2:
        return None
    confidence = max(0.0, 1.0 - float(guess.chaos))
    return _single(text, _reported_name(codec), "charset-normalizer", confidence, [], 0, len(raw))


def _decode_per_line(lines: list[_Line], candidates: list[str], legacy: str, declared: str | None) -> Decoded:
    """Decode line by line: UTF-8 where a line is valid UTF-8, else the best legacy candidate."""
    pieces: list[str] = []
    runs: list[UndecodableRun] = []
    assigned: list[tuple[int, int, str, int, int]] = []  # text start, end, encoding, byte off, byte len
    position = 0
    for line in lines:
        if line.kind == "ascii":
            text, encoding = line.raw.decode("ascii"), ""
        elif line.kind == UTF8:
            text, encoding = _utf8_or_legacy(line, legacy)
        elif line.pieces:
            for start, end, codec in line.pieces:
                text, piece_runs = _decode_recording(line.raw[start:end], codec, codec,
                                                     line.start + start, position)
                runs.extend(piece_runs)
                pieces.append(text)
                assigned.append((position, position + len(text), codec, line.start + start, end - start))
                position += len(text)
            continue
        else:
            encoding, text, line_runs = _decode_line(line, legacy, candidates, position)
            runs.extend(line_runs)
        pieces.append(text)
        assigned.append((position, position + len(text), encoding, line.start, len(line.raw)))
        position += len(text)
    text = "".join(pieces)
    segments = _merge_segments(assigned)
    sizes: dict[str, int] = {}
    for segment in segments:
        sizes[segment.encoding] = sizes.get(segment.encoding, 0) + len(segment.span)
    main = max(sizes, key=lambda e: (sizes[e], e == UTF8)) if sizes else UTF8
    score, _ = plausibility(text)
    method = "per-line" if len(sizes) > 1 else ("replace" if runs else "plausibility")
    return Decoded(text=text, encoding=main, method=method, confidence=round(score, 4),
                   segments=segments, undecodable=runs, declared=declared)


def _utf8_or_legacy(line: _Line, legacy: str) -> tuple[str, str]:
    """A line valid in UTF-8 stays UTF-8 unless the legacy reading is strict and clearly more plausible
    (very short legacy lines can pass as UTF-8 by accident)."""
    as_utf8 = line.utf8
    assert as_utf8 is not None
    utf8_score, _ = plausibility(as_utf8)
    try:
        as_legacy = line.raw.decode(legacy)
    except UnicodeDecodeError:
        return as_utf8, UTF8
    legacy_score, _ = plausibility(as_legacy)
    if legacy_score > utf8_score + 0.3:
        return as_legacy, legacy
    return as_utf8, UTF8


def _decode_line(line: _Line, legacy: str, candidates: list[str],
                 text_base: int) -> tuple[str, str, list[UndecodableRun]]:
    """(encoding, text, undecodable runs) of a line that is not valid UTF-8: the document's legacy
    encoding if it decodes the line strictly and plausibly; else whichever candidate (UTF-8 included:
    a few broken bytes in a UTF-8 line) reads the line most plausibly."""
    raw = line.raw
    try:
        as_legacy: str | None = raw.decode(legacy)
    except UnicodeDecodeError:
        as_legacy = None
    if as_legacy is not None and plausibility(as_legacy)[0] >= PLAUSIBLE:
        return legacy, as_legacy, []
    ordered = [legacy] + [c for c in candidates if c != legacy] + [UTF8]
    best = _rank_candidates(raw, ordered, known={legacy: as_legacy, UTF8: None})[0]
    text, runs = _recorded(raw, best, best.codec, line.start, text_base)
    return best.codec, text, runs


def _merge_segments(assigned: list[tuple[int, int, str, int, int]]) -> list[EncodedSegment]:
    """Adjacent lines of one encoding form one segment; ASCII lines join their neighbours."""
    current = next((encoding for _, _, encoding, _, _ in assigned if encoding), UTF8)
    segments: list[EncodedSegment] = []
    for start, end, encoding, byte_offset, byte_length in assigned:
        current = encoding or current
        if segments and segments[-1].encoding == current:
            last = segments[-1]
            segments[-1] = EncodedSegment(Span(last.span.start, end), current, last.byte_offset,
                                          last.byte_length + byte_length)
        else:
            segments.append(EncodedSegment(Span(start, end), current, byte_offset, byte_length))
    return segments


__all__ = [
    "Decoded", "EncodedSegment", "UndecodableRun", "decode", "declared_charset", "looks_binary", "plausibility",
    "common_characters", "gb2312_level1", "big5_common", "normalize_declared", "char_class",
]
