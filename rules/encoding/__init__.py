"""Encoding (EN…): how the bytes were decoded, bytes nothing decodes, mojibake, U+FFFD, control and private-use characters."""

from scrapegate.checks.registry import Family
from scrapegate.rules.encoding.rules import RULES

FAMILY = Family(
    name="encoding",
    category="encoding",
    prefix="EN",
    rules=tuple(RULES),
    details_schema={"properties": {
        "byte_offset": {"type": "integer", "x-rules": ["EN001", "EN002"],
                        "description": "Where the bytes start in the file (0-based)."},
        "length": {"type": "integer", "x-rules": ["EN001"], "description": "How many bytes could not be decoded."},
        "bytes": {"type": "string", "x-rules": ["EN001"], "description": "Those bytes in hex (ff fe …)."},
        "encoding": {"type": "string", "x-rules": ["EN001", "EN002"],
                     "description": "EN001: the encoding they failed to decode in; EN002: the encoding of "
                                    "this part of the file."},
        "at_end": {"type": "boolean", "x-rules": ["EN001"],
                   "description": "The bytes are the file's last: a character cut off by a truncated download."},
        "main_encoding": {"type": "string", "x-rules": ["EN002"], "description": "The encoding of the rest of the file."},
        "byte_length": {"type": "integer", "x-rules": ["EN002"], "description": "The part's length in bytes."},
        "segments": {"type": "array", "items": {"type": "object"}, "x-rules": ["EN002"],
                     "description": "Every part of the file in order, {encoding, start, end, byte_offset} "
                                    "(start and end in code points of the text), at most the first 20."},
        "segments_total": {"type": "integer", "x-rules": ["EN002"], "description": "How many parts there are."},
        "kind": {"type": "string", "x-rules": ["EN003"],
                 "description": "The mix-up that garbled the text (utf8-read-as-gbk …), as explanation says it."},
        "explanation": {"type": "string", "x-rules": ["EN003"], "description": "The mix-up in words."},
        "decoded_as": {"type": "string", "x-rules": ["EN003"],
                       "description": "How this file was decoded (when it was not plain UTF-8, the wrong reading "
                                      "may be the check's own)."},
        "repaired": {"type": "string", "x-rules": ["EN003"],
                     "description": "The text the garbled run probably was (clipped when long), when a repair was "
                                    "found."},
        "count": {"type": "integer", "x-rules": ["EN004", "EN005", "EN006"],
                  "description": "How many characters the run has."},
        "kinds": {"type": "array", "items": {"type": "string"}, "x-rules": ["EN005"],
                  "description": "The kinds of invisible characters in the run (zero-width, bidi, c0-control, c1-control, format, line-separator)."},
        "code_points": {"type": "array", "items": {"type": "string"}, "x-rules": ["EN005", "EN006"],
                        "description": "The distinct code points of the run (U+200B …), sorted."},
    }},
)

__all__ = ["FAMILY", "RULES"]
