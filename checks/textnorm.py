"""Text normalisation shared by rules: line fingerprints for template learning, width folding,
traditional-to-simplified conversion, and the character classes and heading patterns several rules
must agree on (Han characters, pinyin glosses, heading ordinals, a heading's core characters)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A run of digits becomes one 0, punctuation (ASCII and CJK) and white space go: CCNet-style line normalisation, so
# that "浏览次数:1234" and "浏览次数:987" are the same template line.
_DIGITS = re.compile(r"\d+")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def nfkc(text: str) -> str:
    """NFKC (full-width to half-width, compatibility forms), skipped when it would change nothing."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


_T2S: list = []  # the OpenCC converter, created on first use (per process)


def to_simplified(text: str) -> str:
    """Traditional Chinese characters and phrases converted to simplified (OpenCC ``tw2s``: ``t2s``
    plus the Taiwan variant forms, so 面臨著 becomes 面临着 while 著名 stays): one converter for every
    rule that must see 經濟發展 and 经济发展 as the same text. Simplified text comes back unchanged;
    line breaks are kept, so a caller may convert many lines joined by ``\n`` in one call and split
    them again."""
    if text.isascii():
        return text
    if not _T2S:
        import opencc

        _T2S.append(opencc.OpenCC("tw2s"))
    return _T2S[0].convert(text)


def normalize_line(line: str) -> str:
    return _DROP.sub("", _DIGITS.sub("0", nfkc(line))).lower()


def line_fingerprint(line: str) -> int | None:
    """64-bit fingerprint of a normalised line, or None when nothing is left after normalisation."""
    norm = normalize_line(line)
    if not norm:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


# Han characters: CJK Unified Ideographs, Extension A and the compatibility ideographs (a rule that
# wants a narrower class says why where it defines it).
HAN_CHARS = "\u3400-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CHARS}]")

# A content farm's pinyin gloss after a character (經(jīng)濟(jì), 報(bào)告): a Han character before it
# and at least one tone-marked vowel inside, so 报告(2023) and 区(县) stay.
PINYIN_GLOSS = re.compile(
    f"(?<=[{HAN_CHARS}])[(（](?=[a-z\u00e0-\u01dc]*[\u00e0-\u01dc])[a-z\u00e0-\u01dc]{{1,8}}[)）]")

# A heading's leading ordinal: 一、 （三） 第二章 第一部分 1. ①. Not 2.5亿 (a digit after the point).
HEADING_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]|\d{1,2}[、.．](?!\d)|[①-⑳])"
)

_WHITE_SPACE = re.compile(r"\s+")


def heading_core(text: str) -> str:
    """A heading's characters: pinyin glosses and all white space removed (政 府 工 作 报 告 and
    政府工作報(bào)告 are 政府工作报告 and 政府工作報告)."""
    return _WHITE_SPACE.sub("", PINYIN_GLOSS.sub("", text))
