"""A decoded document and the analysis rules share about it (lines, memoised results)."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, NamedTuple, TypeVar

from scrapegate.checks.decoding import Decoded, declared_charset, decode, decode_again
from scrapegate.checks.findings import Span

T = TypeVar("T")


@dataclass(frozen=True)
class ManifestEntry:
    """What the manifest (or the command line) says about a document. None means unknown."""

    url: str | None = None
    title: str | None = None
    region: str | None = None
    source: str | None = None
    fetched_at: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return dataclasses.asdict(self)


MANIFEST_FIELDS = tuple(f.name for f in dataclasses.fields(ManifestEntry))
URL_PATTERN = r"^https?://[^\s]+$"
REGION_LENGTH = (2, 40)


def is_iso8601(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


#: A lone surrogate (a broken \u escape in JSON) cannot be written to a UTF-8 report.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_problem(name: str, value: str) -> str | None:
    """Why a value read from JSON cannot go into a report: a lone surrogate, or None."""
    return f"'{name}' holds lone surrogate code points (broken \\u escapes)" if LONE_SURROGATE.search(value) else None


def field_problem(name: str, value: str) -> str | None:
    """Why a manifest field's value is refused (the manifest's pandera model and JSONL packs apply
    the same rules), or None."""
    if problem := surrogate_problem(name, value):
        return problem
    if name == "url" and not re.match(URL_PATTERN, value):
        return f"'url' is not an http(s) URL ({value[:80]!r})"
    if name == "fetched_at" and not is_iso8601(value):
        return f"'fetched_at' is not an ISO 8601 date-time ({value[:80]!r})"
    if name == "region" and not REGION_LENGTH[0] <= len(value) <= REGION_LENGTH[1]:
        return f"'region' must be {REGION_LENGTH[0]} to {REGION_LENGTH[1]} characters ({value[:80]!r})"
    return None


class Line(NamedTuple):
    """One line of the decoded text, without its line break. ``number`` is 1-based.

    A NamedTuple, not a dataclass: every document makes hundreds of these, and every rule reads them.
    """

    number: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Document:
    """One input file, decoded. ``key`` is its path relative to the input root (the report's name)."""

    key: str
    path: str
    sha256: str
    size: int
    decoded: Decoded
    manifest: ManifestEntry | None = None
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _batch_memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _batch: object = field(default=None, repr=False, compare=False)

    @classmethod
    def from_bytes(cls, key: str, raw: bytes, *, path: str | None = None,
                   manifest: ManifestEntry | None = None, earlier: Decoded | None = None,
                   sha256: str | None = None) -> Document:
        """``earlier``: how these bytes decoded before, if known (:func:`decode_again`); ``sha256``:
        their digest, if the caller has it already."""
        decoded = decode(raw, declared_charset(raw)) if earlier is None else decode_again(raw, earlier)
        return cls(key=key, path=path or key, sha256=sha256 or hashlib.sha256(raw).hexdigest(), size=len(raw),
                   decoded=decoded, manifest=manifest)

    @classmethod
    def from_text(cls, key: str, text: str, *, manifest: ManifestEntry | None = None) -> Document:
        """A UTF-8 document made from text: convenient for tests and for Python callers."""
        return cls.from_bytes(key, text.encode("utf-8"), manifest=manifest)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_memo"], state["_batch_memo"], state["_batch"] = {}, {}, None
        return state

    @property
    def text(self) -> str:
        return self.decoded.text

    @property
    def chars(self) -> int:
        """The text's length in code points."""
        return len(self.text)

    @property
    def encoding(self) -> str:
        return self.decoded.encoding

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a piece of analysis that depends on this document alone, once (e.g. its lines)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def batch_memo(self, ctx: object, key: str, compute: Callable[[], T]) -> T:
        """Compute analysis that also depends on the batch (its chrome, its body) once per context.

        The document normally meets one context per run; checked again under another (as tests and
        API callers do), everything batch-dependent is recomputed rather than served stale.
        """
        if ctx is not self._batch:
            self._batch, self._batch_memo = ctx, {}
        if key not in self._batch_memo:
            self._batch_memo[key] = compute()
        return self._batch_memo[key]

    def batch_memoised(self, ctx: object, key: str) -> bool:
        """Whether :meth:`batch_memo` holds ``key`` for this context."""
        return ctx is self._batch and key in self._batch_memo

    @property
    def lines(self) -> list[Line]:
        return self.memo("lines", lambda: split_lines(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        starts = self.memo("line_starts", lambda: [line.start for line in self.lines])
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return index + 1, offset - starts[index] + 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[Line]:
    """Split on \\n, \\r\\n and \\r, keeping exact offsets into ``text``."""
    if "\r" not in text:
        return _split_on(text, "\n")
    if text.count("\r") == text.count("\n") == text.count("\r\n"):
        return _split_on(text, "\r\n")
    lines: list[Line] = []
    start = 0
    for number, brk in enumerate(_LINE_BREAK.finditer(text), start=1):
        lines.append(Line(number, start, brk.start(), text[start : brk.start()]))
        start = brk.end()
    if start < len(text) or not lines:
        lines.append(Line(len(lines) + 1, start, len(text), text[start:]))
    return lines


def _split_on(text: str, brk: str) -> list[Line]:
    """:func:`split_lines` of a text whose only line break is ``brk`` (one C split, no regex)."""
    parts = text.split(brk)
    if len(parts) > 1 and not parts[-1]:
        parts.pop()
    lines: list[Line] = []
    make = Line._make
    start, step = 0, len(brk)
    for number, part in enumerate(parts, 1):
        end = start + len(part)
        lines.append(make((number, start, end, part)))
        start = end + step
    return lines
