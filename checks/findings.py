"""The finding: what a rule reports about one document (where, why, how sure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How sure a rule is that a finding must block ingestion. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


Category = str
"""A finding's category: the category its rule family declares (``"spam"``, ``"duplicate"`` …).

A plain string, not a closed set: a plugin family adds its own, and every consumer (reports, the
summary's ``by_category``, ``--write-clean``) takes a category it has never seen as it is."""


@dataclass(frozen=True, order=True)
class Span:
    """Code-point offsets into the decoded text, end exclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def to_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


EXCERPT_CONTEXT = 12
EXCERPT_MAX_SPAN = 60


def excerpt(text: str, span: Span | None) -> str | None:
    """A short, single-line view of the span with a little context: ``...政府pp电子娱乐官网...``."""
    if span is None:
        return None
    start, end = span.start, span.end
    if end - start > EXCERPT_MAX_SPAN:
        half = EXCERPT_MAX_SPAN // 2
        core = text[start : start + half] + "…" + text[end - half : end]
    else:
        core = text[start:end]
    before = text[max(0, start - EXCERPT_CONTEXT) : start]
    after = text[end : end + EXCERPT_CONTEXT]
    out = ("..." if start > EXCERPT_CONTEXT else "") + before + core + after
    out += "..." if end + EXCERPT_CONTEXT < len(text) else ""
    return " ".join(out.split())


@dataclass
class Finding:
    """One problem found in one document. Field order is the JSON key order of the report."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    span: Span | None
    excerpt: str | None
    details: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        start = self.span.start if self.span else -1
        end = self.span.end if self.span else -1
        return (start, end, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "span": self.span.to_json() if self.span else None,
            "excerpt": self.excerpt,
            "details": self.details,
        }
