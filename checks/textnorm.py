"""Text normalisation shared by rules: line fingerprints for template learning, width folding, and the
heading patterns several rules must agree on."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A run of digits becomes one 0, punctuation (ASCII and CJK) and white space go: CCNet-style line normalisation, so
# that "浏览次数:1234" and "浏览次数:987" are the same template line.
_DIGITS = re.compile(r"\d+")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_line(line: str) -> str:
    if not line.isascii() and not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", line)
    return _DROP.sub("", _DIGITS.sub("0", line)).lower()


def line_fingerprint(line: str) -> int | None:
    """64-bit fingerprint of a normalised line, or None when nothing is left after normalisation."""
    norm = normalize_line(line)
    if not norm:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


# A heading's leading ordinal: 一、 （三） 第二章 第一部分 1. ①. Not 2.5亿 (a digit after the point).
HEADING_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]|\d{1,2}[、.．](?!\d)|[①-⑳])"
)
