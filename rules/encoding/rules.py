"""Encoding: bytes that could not be decoded, files mixing encodings, garbled text, invisible characters.

The decoder (:mod:`scrapegate.checks.decoding`) records what it could not decode and which encodings
it used; these rules turn that record, and what the decoded text itself shows, into findings:

* EN001 undecodable-bytes: byte runs no candidate encoding decodes (our U+FFFD stand-ins);
* EN002 mixed-encodings: a file whose lines are in different encodings;
* EN003 mojibake: text that was decoded with the wrong codec and saved again (锟斤拷, 鍦ㄧ嚎, Ã¤,
  ÔÚÏß), judged run by run so that one garbled line in a clean document gets a span on that line;
* EN004 replacement-characters: U+FFFD already present in the source (not our stand-ins);
* EN005 control-characters: C0/C1 controls, zero-width, bidi and other invisible format characters;
* EN006 private-use-characters: private-use code points (rare characters from a site's font).

Which encoding a clean file was in is provenance, not a defect: it goes in the report's document
block, never in a finding.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from scrapegate.checks.context import BatchContext
from scrapegate.checks.decoding import (
    char_class,
    char_class_of_ranges,
    common_characters,
    plausibility,
    uncommon_pattern,
)
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity, Span
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules import data

_REPLACEMENT = "\ufffd"
_MAX_LISTED = 20
_MAX_REPAIRED = 500  # characters of a repair kept in details


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Covered:
    """Spans sorted and merged once, so that the parts of a stretch outside all of them are found by
    binary search (linear in the spans, not quadratic as a test per position against each span)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((span.start, span.end) for span in spans if span.end > span.start):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def uncovered(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The maximal runs of start..end outside every span."""
        position = start
        i = bisect_right(self._ends, start)  # the first span ending after start
        while i < len(self._starts) and self._starts[i] < end:
            if self._starts[i] > position:
                yield position, self._starts[i]
            position = max(position, self._ends[i])
            i += 1
        if position < end:
            yield position, end


# --- EN001 -------------------------------------------------------------------------------------------


class UndecodableBytes(DocumentRule):
    """Bytes that no candidate encoding decodes; they were replaced with U+FFFD.

    Flags each run of bytes the decoder could not read, with the span of the U+FFFD characters that
    stand in for them and, in ``details``, the byte offset and the bytes in hex. A run at the very end
    of the file is a multi-byte character cut in half: the file was truncated.

    Why: the characters those bytes encoded are lost; the text is not what the source said. The fix is
    upstream: re-fetch the page, or find the encoding it was really in.

    Example: a GBK file with the bytes ``ff ff`` inserted into ``建设`` decodes as ``建��设``: one
    finding at the two stand-ins, ``details`` = ``{"byte_offset": 99, "length": 2, "bytes": "ff ff", ...}``.
    """

    code = "EN001"
    name = "undecodable-bytes"
    category = "encoding"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        for run in doc.decoded.undecodable:
            at_end = run.byte_offset + run.length >= doc.size
            where = ("at the end of the file (a multi-byte character cut off: the file was truncated)"
                     if at_end else f"at byte offset {run.byte_offset}")
            plural = "s" if run.length != 1 else ""
            message = (f"{run.length} byte{plural} ({_clip(run.raw_hex, 40)}) {where} could not be "
                       f"decoded as {run.encoding or doc.encoding} and were replaced with U+FFFD; "
                       "re-fetch the file or find the encoding it is really in")
            yield self.finding(doc, message, run.span, details={
                "byte_offset": run.byte_offset, "length": run.length, "bytes": run.raw_hex,
                "encoding": run.encoding or doc.encoding, "at_end": at_end,
            })


# --- EN002 -------------------------------------------------------------------------------------------


class MixedEncodings(DocumentRule):
    """Parts of the file are in different encodings (e.g. a UTF-8 page with a GBK footer).

    Flags each stretch of lines whose encoding differs from the encoding of most of the file. The
    decoder read every line with the encoding that fits it, so the text is usually right, but per-line
    detection is a guess on short lines, and a file stitched together from differently encoded parts
    usually has other seams (duplicated or missing text). ``details`` lists every segment.

    Why a warning: nothing is lost when every line decoded cleanly (lost bytes are EN001's errors),
    but the file is not what a single fetch of one page produces; check the flagged lines and re-save
    the file in one encoding.

    Example: a UTF-8 report whose last three lines (本文地址, 留言与评论, 验证码) are GBK bytes: one
    finding on those lines, ``details`` = ``{"encoding": "gb18030", "main_encoding": "utf-8", ...}``.
    """

    code = "EN002"
    name = "mixed-encodings"
    category = "encoding"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        decoded = doc.decoded
        if not decoded.is_mixed:
            return
        main = decoded.encoding
        listed = [{"encoding": s.encoding, "start": s.span.start, "end": s.span.end,
                   "byte_offset": s.byte_offset} for s in decoded.segments[:_MAX_LISTED]]
        for segment in decoded.segments:
            if segment.encoding == main or not len(segment.span):
                continue
            first, _ = doc.position(segment.span.start)
            last, _ = doc.position(max(segment.span.start, segment.span.end - 1))
            lines = f"line {first} is" if first == last else f"lines {first}-{last} are"
            message = (f"{lines} encoded in {segment.encoding} while the rest of the file is "
                       f"{main}: the file was stitched together from differently encoded parts; "
                       "check these lines and re-save the file in one encoding")
            yield self.finding(doc, message, segment.span, details={
                "encoding": segment.encoding, "main_encoding": main, "byte_offset": segment.byte_offset,
                "byte_length": segment.byte_length, "segments": listed,
                "segments_total": len(decoded.segments),
            })


# --- EN003 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MojibakeOptions:
    """Thresholds of the mojibake detector.

    They are family-level, not rule options: EN003 reports the garbled stretches, and EN004 and
    EN005 leave out the U+FFFD and invisible characters inside those very stretches, so the three
    rules share one detection (:data:`MOJIBAKE_THRESHOLDS`, one pass per document). Configuring them
    per rule would make EN004/EN005 hide findings on stretches EN003 does not report.
    """

    min_run_chars: int = 2
    """CJK runs shorter than this are not judged on their own."""
    max_common_share: float = 0.75
    """A CJK run is suspect when at most this share of its characters are common ones."""
    min_repaired_share: float = 0.8
    """A repair is accepted when at least this share of the repaired characters are common ones ..."""
    min_gain: float = 0.3
    """... the repair raises the common share by at least this much ..."""
    max_lost_share: float = 0.34
    """... and at most this share of the repaired characters are lost (U+FFFD or unencodable)."""
    min_cross_repair_chars: int = 4
    """A GBK<->Big5 repair needs at least this many repaired characters (both codes are dense)."""
    unreadable_min_han: int = 8
    """Without a repair, a stretch is flagged (warning) only with at least this many Han characters
    ..."""
    unreadable_max_common_share: float = 0.35
    """... of which at most this share are common ones."""


@dataclass(frozen=True)
class MojibakeHit:
    """One garbled stretch: its span, how it was garbled and, when reversible, the repaired text."""

    span: Span
    kind: str
    repaired: str | None
    explanation: str
    certain: bool


@dataclass(frozen=True)
class _Part:
    """A judged piece of a line: ``strong`` when repaired or a marker, else a suspect run."""

    start: int
    end: int
    strong: bool
    kind: str = "unreadable"
    explanation: str = "mostly rare characters in a row: text decoded with the wrong codec"


# How text gets garbled: the codec it was wrongly read with, then the codec its bytes really were in.
_CJK_TRANSFORMS = (
    ("gb18030", "utf-8", "utf8-read-as-gbk", "UTF-8 bytes were decoded as GBK and saved again"),
    ("big5hkscs", "utf-8", "utf8-read-as-big5", "UTF-8 bytes were decoded as Big5 and saved again"),
    ("gb18030", "big5hkscs", "big5-read-as-gbk", "Big5 bytes were decoded as GBK and saved again"),
    ("big5hkscs", "gb18030", "gbk-read-as-big5", "GBK bytes were decoded as Big5 and saved again"),
    ("shift_jis", "utf-8", "utf8-read-as-shift-jis",
     "UTF-8 bytes were decoded as Shift-JIS and saved again"),
    ("cp949", "utf-8", "utf8-read-as-korean", "UTF-8 bytes were decoded as CP949 and saved again"),
)
_LATIN_TRANSFORMS = (
    ("utf-8", "utf8-read-as-latin1", "UTF-8 bytes were decoded as Latin-1/Windows-1252 and saved again"),
    ("gb18030", "gbk-read-as-latin1", "GBK bytes were decoded as Latin-1/Windows-1252 and saved again"),
    ("big5hkscs", "big5-read-as-latin1",
     "Big5 bytes were decoded as Latin-1/Windows-1252 and saved again"),
)

# Runs of non-ASCII text between spaces, ASCII and CJK punctuation: the unit the CJK check judges.
_RUN_BREAKS = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·．"
_CJK_RUN = re.compile(f"[^\\x00-\\x7f\\s{_RUN_BREAKS}]+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# What a wrong double-byte reading scatters among the Han characters it produces.
_DEBRIS = re.compile("[\ufffd\ue000-\uf8ff\u3040-\u30ff\u3100-\u312f\u2500-\u257f\u0370-\u04ff"
                     "\uff61-\uff9f\u00c0-\u00ff\u3200-\u32ff\U00020000-\U0003134f]")
# From the first to the last non-ASCII, non-space character of a stretch.
_NON_ASCII_SPAN = re.compile("[^\\x00-\\x7f\\s](?:.*[^\\x00-\\x7f\\s])?", re.DOTALL)
_LOST = re.compile("[?\ufffd]+")
_TWO_WIDE = re.compile("[^\x00-\xff].*?[^\x00-\xff]", re.DOTALL)  # two characters from U+0100 on
# How far a garbled stretch may widen over the rest of its line, each way (characters): a line of a
# megabyte must not be rescanned for each of its stretches.
EXTEND_REACH = 2000

# Windows-1252 maps 0x80-0x9F to these; Latin-1 maps them to C1 controls. Either way each is one byte.
_CP1252_SPECIALS = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0)
                    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_LATIN_TO_BYTE = {chr(b): b for b in range(0x100)} | _CP1252_SPECIALS
_LATIN_HIGH = "".join(sorted(ch for ch in _LATIN_TO_BYTE if ord(ch) >= 0x80)) + _REPLACEMENT
# A high character, then optionally one ASCII byte a double-byte code could use as its trail.
_LATIN_RUN = re.compile(f"(?:[{re.escape(_LATIN_HIGH)}][\\x40-\\x7e]?)+")
# Garbling by a Latin-1 reading always leaves two such characters next to each other, or with one
# byte between them: a cheap test that skips the run search on almost every clean document.
_LATIN_PAIR = re.compile("[\u00a1-\u00ff][^\\s]?[\u00a1-\u00ff]")
_LATIN_CLASSIC = re.compile("[ÃÂ][\u0080-\u00bf" + re.escape("".join(_CP1252_SPECIALS)) + "]")


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, int, str, str], ...]:
    """(marker, minimum consecutive repeats, kind, explanation), longest marker first."""
    rows = [(marker, int(repeats), kind, why) for marker, repeats, kind, why in data.read_rows(
        "encoding_mojibake_markers.tsv")]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


class _Taken:
    """Spans that never overlap one another, asked whether a new span overlaps any: a sorted list
    and bisect, so a page of thousands of garbled runs is not checked run against run."""

    def __init__(self, parts: Iterable[_Part] = ()) -> None:
        self.spans: list[tuple[int, int]] = sorted((p.start, p.end) for p in parts)

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect_right(self.spans, (start, end))
        return bool((at and self.spans[at - 1][1] > start) or (at < len(self.spans) and self.spans[at][0] < end))

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))


def _marker_parts(text: str) -> list[_Part]:
    """Runs of consecutive marker strings (str.find: far faster than a regex alternation here)."""
    parts: list[_Part] = []
    taken = _Taken()
    for marker, repeats, kind, why in _markers():
        position = text.find(marker)
        while position >= 0:
            end = position
            count = 0
            while text.startswith(marker, end):
                end += len(marker)
                count += 1
            if count >= repeats and not taken.overlaps(position, end):
                parts.append(_Part(position, end, True, kind, why))
                taken.add(position, end)
            position = text.find(marker, end)
    return parts


def _latin_bytes(run: str, lost: int) -> bytes:
    """The bytes a Latin-1/Windows-1252 reading turned into ``run``; U+FFFD (a byte Windows-1252
    leaves undefined) becomes ``lost``."""
    return bytes(_LATIN_TO_BYTE.get(ch, lost if ch == _REPLACEMENT else 0x3F) for ch in run)


def _latin_suspect(run: str) -> bool:
    """At least two Latin-1 characters (U+0080-U+00FF, or U+FFFD for a byte Windows-1252 leaves
    undefined), and they make up a third of the run's non-ASCII characters."""
    latin1 = sum(1 for ch in run if "\x80" <= ch <= "\u00ff" or ch == _REPLACEMENT)
    high = sum(1 for ch in run if ch >= "\x80")
    return latin1 >= 2 and latin1 * 3 >= high


def _repair_latin(run: str) -> tuple[str, str] | None:
    """(kind, explanation) when a Latin-looking run, already found suspect (:func:`_latin_suspect`),
    is another encoding's bytes read as Latin-1.

    Chinese text is full of characters Windows-1252 also has (“”‘’…—·×); a run of those alone is
    punctuation, not garbling: the bytes of a double-byte code or a UTF-8 lead byte read as Latin-1
    are letters and signs of U+00A1-U+00FF, so at least two of those are required.
    """
    # 0x8D: a continuation byte, so a lost byte inside a UTF-8 sequence does not hide the rest.
    raw = _latin_bytes(run, 0x8D)
    for codec, kind, why in _LATIN_TRANSFORMS:
        repaired = raw.decode(codec, "replace")
        errors = repaired.count(_REPLACEMENT)
        non_ascii = [ch for ch in repaired if ch >= "\x80" and ch != _REPLACEMENT]
        if codec == "utf-8":
            wide = any(ch >= "\u0800" for ch in non_ascii)
            if non_ascii and errors * 4 <= len(non_ascii) and (
                    wide or len(non_ascii) >= 2 or _LATIN_CLASSIC.search(run)):
                return kind, why
            continue
        score, judged = plausibility(repaired)
        if len(set(_HAN.findall(repaired))) >= 2 and score >= 0.8 and errors * 10 <= judged:
            return kind, why
    return None


def _encode_as_read(text: str, codec: str) -> bytes:
    """``text`` back to the bytes it was wrongly read from. A GBK reading (Windows code page 936)
    turned byte 0x80 into €, which GB18030 itself encodes as a2 e3: ``涓€`` is e4 b8 80 (一)."""
    if codec != "gb18030":
        return text.encode(codec, "replace")
    return b"\x80".join(part.encode(codec, "replace") for part in text.split("€"))


def _repair_cjk(run: str, score: float, options: MojibakeOptions) -> tuple[str, str] | None:
    """(kind, explanation) of the transform that turns a suspect CJK run into plausible text."""
    best: tuple[float, str, str] | None = None
    source = run.replace(_REPLACEMENT, "?")
    # Wrong readings land on rare Han characters. Without them a run is Japanese kana, box drawing or
    # symbols, which the dense Big5/GBK tables would otherwise "repair" into common characters.
    common = common_characters()
    rare_han = sum(1 for ch in _HAN.findall(run) if ch not in common)
    if not rare_han:
        return None
    for read_as, really, kind, why in _CJK_TRANSFORMS:
        if really != "utf-8" and rare_han < 2:
            continue
        repaired = _encode_as_read(source, read_as).decode(really, "replace")
        lost = len(_LOST.findall(repaired))  # a lost byte costs one character, shown as "�?"
        kept = _LOST.sub("", repaired)
        repaired_score, judged = plausibility(kept)
        total = judged + lost
        if judged < 2 or lost > options.max_lost_share * total:
            continue
        if really != "utf-8":
            # Both double-byte codes are dense: short runs map onto common characters by chance.
            if total < options.min_cross_repair_chars or (lost and total < 2 * options.min_cross_repair_chars):
                continue
        elif total < 4 and (lost > 1 or repaired_score < 1.0):
            continue
        if (repaired_score >= options.min_repaired_share and repaired_score - score >= options.min_gain
                and (best is None or repaired_score > best[0])):
            best = (repaired_score, kind, why)
    return None if best is None else (best[1], best[2])


#: The thresholds EN003, EN004 and EN005 share (see :class:`MojibakeOptions`).
MOJIBAKE_THRESHOLDS = MojibakeOptions()


def find_mojibake(doc: Document, options: MojibakeOptions | None = None) -> list[MojibakeHit]:
    """Garbled stretches of ``doc`` (a garbled stretch of a line, or consecutive garbled lines);
    memoised per document and options. The rules use :data:`MOJIBAKE_THRESHOLDS`."""
    options = options or MOJIBAKE_THRESHOLDS
    return doc.memo(_memo_key(options), lambda: _find_mojibake(doc.text, options))


@lru_cache(maxsize=64)
def _memo_key(options: MojibakeOptions) -> str:
    """The detection's memo key for ``options``, made once per options (a dataclass repr per call was
    most of what the three rules' second and third calls cost a document)."""
    return f"encoding.mojibake:{options!r}"


def _find_mojibake(text: str, options: MojibakeOptions) -> list[MojibakeHit]:
    if text.isascii():
        return []
    parts = _marker_parts(text)
    if _LATIN_PAIR.search(text):
        markers = _Taken(parts)  # Latin runs never overlap one another: only markers can be in the way
        for match in _LATIN_RUN.finditer(text):
            if markers.overlaps(*match.span()):
                continue
            run = match.group()
            if not _latin_suspect(run):
                continue
            repair = _repair_latin(run)
            if repair is not None:
                parts.append(_Part(match.start(), match.end(), True, *repair))
            elif "\ufffd" not in run:
                # e.g. one GBK character read as Latin-1 (Äê = 年): too short to repair alone.
                parts.append(_Part(match.start(), match.end(), False))
    _judge_cjk_runs(text, options, parts)
    return _group(text, parts, options) if parts else []


def _judge_cjk_runs(text: str, options: MojibakeOptions, parts: list[_Part]) -> None:
    """Judge the runs that hold an uncommon character; a run of common characters only is clean."""
    uncommon = uncommon_pattern()
    taken = _Taken(parts)
    done_until = 0
    while (found := uncommon.search(text, done_until)) is not None:  # skips the run just judged
        position = found.start()
        done_until = position + 1
        start = position
        while start > 0 and not _is_run_break(text[start - 1]):
            start -= 1
        match = _CJK_RUN.match(text, start)
        if match is None:  # pragma: no cover - the uncommon character itself starts a run
            continue
        done_until = max(done_until, match.end())
        run = match.group()
        if max(run) < "\u0100" or taken.overlaps(*match.span()):
            continue
        _judge_run(run, match.start(), match.end(), options, parts)


def _is_run_break(ch: str) -> bool:
    return ch < "\x80" or ch.isspace() or ch in _RUN_BREAKS


def _clean_between(text: str, start: int, end: int, options: MojibakeOptions) -> bool:
    """Whether ordinary text (a run of at least 3 mostly common characters) lies in start..end."""
    for match in _CJK_RUN.finditer(text, start, end):
        run = match.group()
        if len(run) >= 3 and plausibility(run)[0] > options.max_common_share:
            return True
    return False


def _judge_run(run: str, start: int, end: int, options: MojibakeOptions, parts: list[_Part]) -> None:
    score, _ = plausibility(run)
    if score > options.max_common_share:
        return
    repair = None
    if len(run) >= options.min_run_chars and _TWO_WIDE.search(run):
        repair = _repair_cjk(run, score, options)
    if repair is not None:
        parts.append(_Part(start, end, True, *repair))
    else:
        # Too short or not repairable alone: its neighbours on the line may explain it.
        parts.append(_Part(start, end, False))


def _group(text: str, parts: list[_Part], options: MojibakeOptions) -> list[MojibakeHit]:
    """Join the parts of one line unless ordinary text lies between them; report a group when it holds
    a repaired part or a marker (error), or when it is a long stretch of mostly rare Han (warning)."""
    parts.sort(key=lambda p: (p.start, p.end))
    groups: list[list[_Part]] = []
    last_end, group_kinds = -1, set[str]()  # of the last group, kept up to date rather than recomputed
    for part in parts:
        if groups:
            gap = text[last_end : part.start]
            kinds = group_kinds | ({part.kind} if part.strong else set())
            if part.start <= last_end or ("\n" not in gap and "\r" not in gap and (
                    not _clean_between(text, last_end, part.start, options)
                    or any(_garbled_alike(gap, kind, options) for kind in kinds))):
                groups[-1].append(part)
                last_end, group_kinds = max(last_end, part.end), kinds
                continue
        groups.append([part])
        last_end, group_kinds = part.end, {part.kind} if part.strong else set()
    hits = []
    for group in groups:
        start, end = group[0].start, max(p.end for p in group)
        strong = [p for p in group if p.strong]
        if not strong and end - start >= 4:
            # Runs split by ASCII (a double-byte code's trail bytes read as letters) repair together.
            stretch = text[start:end]
            repair = _repair_cjk(stretch, plausibility(stretch)[0], options)
            if repair is not None:
                strong = [_Part(start, end, True, *repair)]
        if strong:
            main = max(strong, key=lambda p: p.end - p.start)
            start, end = _extend_on_line(text, start, end, main.kind, options)
            if text[end - 1] == _REPLACEMENT and end < len(text) and "\x40" <= text[end] <= "\x7e":
                end += 1  # a lead byte the wrong codec rejected leaves its trail byte as a letter
            hits.append(MojibakeHit(Span(start, end), main.kind, _repair_span(text[start:end], main.kind),
                                    main.explanation, True))
        elif _unreadable(text[start:end], options):
            hits.append(MojibakeHit(Span(start, end), group[0].kind, None, group[0].explanation, False))
    return _join_lines(text, hits, options)


def _join_lines(text: str, hits: list[MojibakeHit], options: MojibakeOptions) -> list[MojibakeHit]:
    """One finding for consecutive garbled lines of one kind (a whole page read with the wrong codec),
    when what lies between them is ASCII, blank, or short lines that repair the same way."""
    joined: list[MojibakeHit] = []
    grown: set[int] = set()  # indexes of joined hits that grew: repaired once, at the end
    for hit in hits:
        if joined:
            last = joined[-1]
            between = _NON_ASCII_SPAN.search(text, last.span.end, hit.span.start)
            if (last.kind == hit.kind and last.certain == hit.certain and (
                    between is None or _garbled_alike(between.group(), hit.kind, options, 0.5))):
                joined[-1] = MojibakeHit(Span(last.span.start, hit.span.end), hit.kind, None,
                                         hit.explanation, hit.certain)
                grown.add(len(joined) - 1)
                continue
        joined.append(hit)
    for index in grown:
        hit = joined[index]
        joined[index] = MojibakeHit(hit.span, hit.kind, _repair_span(text[hit.span.start : hit.span.end], hit.kind),
                                    hit.explanation, hit.certain)
    return joined


def _extend_on_line(text: str, start: int, end: int, kind: str,
                    options: MojibakeOptions) -> tuple[int, int]:
    """Widen a garbled stretch to the rest of its line when that rest repairs like it (its runs were
    too short, or looked common by chance, to be judged alone)."""
    floor, ceiling = max(0, start - EXTEND_REACH), min(len(text), end + EXTEND_REACH)
    line_start = max(text.rfind("\n", floor, start), text.rfind("\r", floor, start), floor - 1) + 1
    newline = [i for i in (text.find("\n", end, ceiling), text.find("\r", end, ceiling)) if i >= 0]
    line_end = min(newline) if newline else ceiling
    head = _NON_ASCII_SPAN.search(text, line_start, start)
    if head and _garbled_alike(text[head.start() : start], kind, options):
        start = head.start()
    tail = _NON_ASCII_SPAN.search(text, end, line_end)
    if tail and _garbled_alike(text[end : tail.end()], kind, options):
        end = tail.end()
    return start, end


def _garbled_alike(gap: str, kind: str, options: MojibakeOptions, max_lost: float | None = None) -> bool:
    """Whether text between two garbled parts survives their repair: clean text does not (repairing
    it garbles it), while garbled text that looks clean by chance (Big5 common characters out of GBK
    bytes) repairs into ordinary text like its neighbours."""
    repaired = _repair_span(gap, kind)
    if repaired is None:
        return False
    lost = len(_LOST.findall(repaired))
    score, judged = plausibility(_LOST.sub("", repaired))
    max_lost = options.max_lost_share if max_lost is None else max_lost
    return (judged > 0 and lost <= max_lost * (judged + lost)
            and score >= options.min_repaired_share)


def _unreadable(stretch: str, options: MojibakeOptions) -> bool:
    """Mostly rare Han *and* the debris a wrong codec leaves (U+FFFD, kana, bopomofo, Greek, box
    drawing ...): a list of rare characters (龘靐齉) has the first but not the second."""
    han = _HAN.findall(stretch)
    if len(han) < options.unreadable_min_han:
        return False
    share, _ = plausibility("".join(han))
    if share > options.unreadable_max_common_share:
        return False
    debris = len(_DEBRIS.findall(stretch))
    return debris * 20 >= len(stretch) - stretch.count(" ")


def _repair_span(garbled: str, kind: str) -> str | None:
    """The stretch repaired with the transform of its longest part; lost characters shown as one
    U+FFFD each."""
    for read_as, really, name, _ in _CJK_TRANSFORMS:
        if name == kind:
            raw = _encode_as_read(garbled.replace(_REPLACEMENT, "?"), read_as)
            return _LOST.sub(_REPLACEMENT, raw.decode(really, "replace"))
    for really, name, _ in _LATIN_TRANSFORMS:
        if name == kind:
            # 0xFF is never valid inside UTF-8, GBK or Big5: a lost byte shows as lost.
            return _LOST.sub(_REPLACEMENT, _latin_bytes(garbled, 0xFF).decode(really, "replace"))
    return None


class Mojibake(DocumentRule):
    """Garbled text: characters decoded with the wrong codec and saved again (mojibake).

    Flags, run by run (one span per garbled stretch of a line, so one bad line in a clean document is
    pinpointed):

    * **error**, reversible garbling: the run, re-encoded with the codec it was wrongly read with and
      decoded with the right one, becomes ordinary text. UTF-8 read as GBK (``鍦ㄧ嚎`` = 在线), as
      Big5, Shift-JIS or CP949; Big5 read as GBK and GBK read as Big5; UTF-8 read as Latin-1/
      Windows-1252 (``Ã¤`` = ä, ``åœ¨çº¿`` = 在线); GBK or Big5 read as Latin-1 (``ÔÚÏß`` = 在线,
      ``¿D ªù``-style runs). The repaired text is in the message and ``details.repaired`` (a repair over 500 characters is
      cut and ends in …).
    * **error**, marker strings only garbling produces (``锟斤拷``: U+FFFD read as GBK; data:
      ``rules/data/encoding_mojibake_markers.tsv``).
    * **warning**, a long run of Han characters that are mostly rare (few of the 3755 GB2312 level-1
      or 5401 Big5 common characters) that no known transform repairs.

    A run is suspect only when few of its characters are common ones, so clean text in either script,
    with rare place names (猇亭, 垚, 犇), classical quotations, English, numbers and URLs, is not
    flagged; and a suspect run is flagged as an error only when its repair is clearly more plausible.

    Why: garbled text is wrong content that passes every other check; a corpus must not learn it.

    The detection thresholds are the family's (EN004 and EN005 skip what lies inside the stretches
    reported here, so the three rules share one detection), not options of this rule.

    Example: ``涓€骞存潵,鎴戜滑鍧氭寔`` is flagged (error, utf8-read-as-gbk), repaired ``一年来,我们坚持``.
    """

    code = "EN003"
    name = "mojibake"
    category = "encoding"
    severity = Severity.ERROR
    severities = (Severity.WARNING, Severity.ERROR)  # warning when the garbling is not certain

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        for hit in find_mojibake(doc):
            # When the file itself was not plain UTF-8, the wrong reading may be ours: say how we read it.
            details: dict = {"kind": hit.kind, "explanation": hit.explanation,
                             "decoded_as": doc.encoding}
            if hit.repaired is not None:
                details["repaired"] = _clip(hit.repaired, _MAX_REPAIRED)
                message = (f"garbled text (mojibake): {hit.explanation}; it probably read "
                           f"“{_clip(hit.repaired)}”: re-fetch the page with the right encoding")
            elif hit.certain:
                message = (f"garbled text (mojibake): {hit.explanation}; re-fetch the page with the "
                           "right encoding")
            else:
                message = ("probably garbled text: a run of mostly rare characters that no known "
                           "encoding mix-up explains; check this passage against the source")
            yield self.finding(doc, message, hit.span, details=details,
                               severity=None if hit.certain else Severity.WARNING)


# --- EN004 -------------------------------------------------------------------------------------------

_REPLACEMENT_RUN = re.compile(f"{_REPLACEMENT}+")


class ReplacementCharacters(DocumentRule):
    """U+FFFD replacement characters already present in the source file.

    Flags each run of U+FFFD that the source itself contains: not the stand-ins our decoder put in
    place of undecodable bytes (those are EN001) and not inside garbled text (EN003 explains those).

    Why: U+FFFD is what some earlier program wrote where it could not decode a character: the original
    characters were lost before the file reached us, and no decoding can bring them back. Re-fetch the
    page from its source.

    Example: ``宜昌市猇亭区`` saved by a tool that could not encode 猇 as ``宜昌市�亭区``: one
    finding on the ``�``.
    """

    code = "EN004"
    name = "replacement-characters"
    category = "encoding"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        if _REPLACEMENT not in doc.text:
            return
        covered = _Covered([run.span for run in doc.decoded.undecodable]
                           + [hit.span for hit in find_mojibake(doc)])
        for match in _REPLACEMENT_RUN.finditer(doc.text):
            for start, end in covered.uncovered(match.start(), match.end()):
                count = end - start
                message = (f"{count} U+FFFD replacement character{'s' if count > 1 else ''} in the "
                           "source: characters were lost before this file was saved; re-fetch the "
                           "page from its source")
                yield self.finding(doc, message, (start, end), details={"count": count})


# --- EN005 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ControlCharacterOptions:
    """Which kinds of invisible characters to flag (kinds from encoding_invisible_chars.tsv)."""

    ignore_kinds: tuple[str, ...] = ()
    """Kinds not to flag, e.g. ``("format",)`` to accept soft hyphens."""


@lru_cache(maxsize=1)
def _invisible() -> dict[str, tuple[str, str]]:
    """Each invisible character the data file lists: (kind, name)."""
    table: dict[str, tuple[str, str]] = {}
    for first, last, kind, name in data.read_rows("encoding_invisible_chars.tsv"):
        for point in range(int(first, 16), int(last, 16) + 1):
            table[chr(point)] = (kind, name)
    return table


_PRIVATE_USE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


_PRIVATE_RUN = re.compile(
    "[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _PRIVATE_USE_RANGES) + "]+")


@lru_cache(maxsize=1)
def _invisible_run() -> re.Pattern[str]:
    """A run of the invisible characters the data file lists."""
    return re.compile(f"[{char_class(ord(ch) for ch in _invisible())}]+")


@lru_cache(maxsize=1)
def _special_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of invisible or private-use characters: (BMP only, all planes). Scanning for BMP ranges is
    much faster, and astral characters are rare enough to check for first."""
    # as ranges: the private-use planes hold 137,000 code points (a set of them cost 20 ms a process)
    private = _PRIVATE_USE_RANGES
    every = sorted([(p, p) for p in {ord(ch) for ch in _invisible()}
                    if not any(lo <= p <= hi for lo, hi in private)] + list(private))
    bmp = [(lo, min(hi, 0xFFFF)) for lo, hi in every if lo <= 0xFFFF]
    return re.compile(f"[{char_class_of_ranges(bmp)}]+"), re.compile(f"[{char_class_of_ranges(every)}]+")


def special_runs(doc: Document) -> list[tuple[int, int]]:
    """Spans of the runs of invisible and private-use characters in ``doc`` (one shared scan)."""
    def scan() -> list[tuple[int, int]]:
        text = doc.text
        bmp_only, every = _special_patterns()
        astral = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
        return [m.span() for m in (every if astral else bmp_only).finditer(text)]
    return doc.memo("encoding.special_runs", scan)


class ControlCharacters(DocumentRule):
    """Invisible control and format characters in the text.

    Flags each run of: C0 controls other than tab, line feed and carriage return (NUL, vertical tab,
    form feed ...); DEL; C1 controls (U+0080-U+009F); zero-width characters (U+200B-U+200D, U+2060,
    U+FEFF inside the text); bidirectional marks, embeddings, overrides and isolates; soft hyphens and
    other invisible format characters (data: ``rules/data/encoding_invisible_chars.tsv``). A byte order
    mark the decoder consumed is not in the text and is not flagged; U+3000 ideographic space and
    U+00A0 no-break space are legitimate typography and are not flagged either.

    Why a warning: the text is readable, but invisible characters break search, deduplication and
    tokenisation, can hide injected text (bidi overrides), and show that something upstream mangled
    the page. Strip them before ingestion.

    Example: ``政府\\u200b工作报告`` is flagged: one zero-width space at offset 2.
    """

    code = "EN005"
    name = "control-characters"
    category = "encoding"
    severity = Severity.WARNING
    Options = ControlCharacterOptions

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        table = _invisible()
        text = doc.text
        invisible = _invisible_run()
        garbled: _Covered | None = None
        for run_start, run_end in special_runs(doc):
            for found in invisible.finditer(text, run_start, run_end):
                if garbled is None:
                    garbled = _Covered(hit.span for hit in find_mojibake(doc))
                for start, end in garbled.uncovered(*found.span()):
                    chars = set(text[start:end])  # a run may be a megabyte of one character
                    kinds = sorted({table[ch][0] for ch in chars} - set(self.options.ignore_kinds))
                    if not kinds:
                        continue
                    code_points = sorted({f"U+{ord(ch):04X}" for ch in chars})
                    names = sorted({table[ch][1] for ch in chars if table[ch][0] in kinds})
                    count = end - start
                    message = (f"{count} invisible character{'s' if count > 1 else ''} "
                               f"({', '.join(names[:3])}; {', '.join(code_points[:3])}) in the text: "
                               "they break search and deduplication and may hide text; remove them")
                    yield self.finding(doc, message, (start, end), details={
                        "kinds": kinds, "code_points": code_points[:_MAX_LISTED], "count": count})


# --- EN006 -------------------------------------------------------------------------------------------

class PrivateUseCharacters(DocumentRule):
    """Private-use code points (U+E000-U+F8FF and planes 15-16) in the text.

    Flags each run of private-use characters. They have no standard meaning: a site's own font draws
    them (often a rare character the site's system lacked, e.g. a place-name character), and the
    GB18030-2000 and Big5 user-defined areas decode to them. Everywhere else they show as boxes or as
    the wrong glyph.

    Why a warning: one character of the text is unreadable outside the source site; look it up in the
    page (or its font) and replace it with the standard character.

    Example: bytes ``fe 51`` in a GBK file decode to ``U+E816`` (a character GB18030-2005 moved to
    the standard range): one finding on it.
    """

    code = "EN006"
    name = "private-use-characters"
    category = "encoding"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        text = doc.text
        for run_start, run_end in special_runs(doc):
            for found in _PRIVATE_RUN.finditer(text, run_start, run_end):
                start, end = found.span()
                count = end - start
                code_points = sorted({f"U+{ord(ch):04X}" for ch in text[start:end]})
                message = (f"{count} private-use character{'s' if count > 1 else ''} "
                           f"({', '.join(code_points[:3])}): they show as boxes or wrong glyphs "
                           "outside the source site; replace them with the standard characters")
                yield self.finding(doc, message, (start, end), details={
                    "code_points": code_points[:_MAX_LISTED], "count": count})


RULES = [UndecodableBytes, MixedEncodings, Mojibake, ReplacementCharacters, ControlCharacters,
         PrivateUseCharacters]
