"""Baselines: adopt the gate on a corpus that already has findings, and fail only on new ones.

``scrapegate baseline PATH… -o scrapegate-baseline.json`` records every current finding as a
fingerprint; ``scrapegate check PATH… --baseline scrapegate-baseline.json`` then drops the findings
the baseline holds (from the output, the reports, the statuses and the exit code) and lists the
baseline entries no finding matched any more (stale: fixed, or the document is gone).

A fingerprint is independent of where the finding sits, so it survives edits elsewhere in the
document: it hashes

* the rule code,
* the flagged text (the span's text with white space collapsed; nothing for a finding without a span),
* the document's identity by content: its source URL (manifest, else found in the text), else its
  title, else its report name,
* the occurrence number of that same (code, text) in the document (a term injected twice is two
  findings, and fixing one of them leaves one).

Line numbers, offsets and messages (which quote line numbers) are never part of it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from scrapegate.checks import __version__
from scrapegate.checks.document import LONE_SURROGATE
from scrapegate.checks.errors import UsageError, printable
from scrapegate.checks.findings import Finding

FORMAT = "scrapegate-baseline"
VERSION = 1


def document_identity(key: str, described: Mapping[str, Any]) -> str:
    """What names a document independently of where its findings sit: URL, else title, else name."""
    if described.get("source_url"):
        return f"url:{described['source_url']}"
    if described.get("title"):
        return f"title:{described['title']}"
    return f"path:{key}"


def flagged_text(text: str, finding: Finding) -> str:
    if finding.span is None:
        return ""
    return " ".join(text[finding.span.start:finding.span.end].split())


def fingerprints(text: str, identity: str, findings: Iterable[Finding]) -> list[str]:
    """The fingerprint of each finding, in the order given (occurrences counted in that order)."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        flagged = flagged_text(text, f)
        seen[(f.code, flagged)] += 1
        material = "\0".join((f.code, identity, flagged, str(seen[(f.code, flagged)])))
        out.append(hashlib.sha256(material.encode("utf-8")).hexdigest()[:32])
    return out


@dataclass
class Entry:
    fingerprint: str
    code: str
    document: str
    excerpt: str | None

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "code": self.code, "document": self.document,
                "excerpt": self.excerpt}


def result_entries(key: str, text: str, identity: str, findings: list[Finding]) -> list[Entry]:
    ordered = sorted(findings, key=Finding.sort_key)
    return [Entry(fp, f.code, key, f.excerpt)
            for fp, f in zip(fingerprints(text, identity, ordered), ordered)]


def dumps_baseline(entries: Iterable[Entry]) -> str:
    ordered = sorted(entries, key=lambda e: (e.document, e.code, e.fingerprint))
    return json.dumps({"format": FORMAT, "version": VERSION, "tool": {"name": "scrapegate", "version": __version__},
                       "entries": [e.to_json() for e in ordered]}, ensure_ascii=False, indent=2) + "\n"


@dataclass
class Baseline:
    """A loaded baseline; :meth:`suppress` consumes entries, :meth:`stale` is what was never matched."""

    path: str
    entries: list[Entry]
    _unused: Counter = field(default_factory=Counter)
    suppressed: int = 0

    def __post_init__(self) -> None:
        self._unused = Counter(e.fingerprint for e in self.entries)

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"--baseline {path}: no such file (write one with `scrapegate baseline`)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"--baseline {path}: cannot read it ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
            raise UsageError(f"--baseline {path}: not a scrapegate baseline (write one with `scrapegate baseline`)")
        if data.get("version") != VERSION:
            raise UsageError(f"--baseline {path}: baseline version {data.get('version')!r}, this scrapegate "
                             f"reads version {VERSION}; write it again")
        try:
            entries = [Entry(str(e["fingerprint"]), str(e["code"]), str(e["document"]), e.get("excerpt"))
                       for e in data["entries"]]
        except (KeyError, TypeError) as exc:
            raise UsageError(f"--baseline {path}: a malformed entry ({exc})") from None
        if any(LONE_SURROGATE.search(str(s)) for e in entries for s in (e.fingerprint, e.code, e.document, e.excerpt or "")):
            raise UsageError(f"--baseline {path}: an entry holds lone surrogate code points (broken \\u escapes), "
                             "which summary.json cannot hold; write it again")
        return cls(str(path), entries)

    def suppress(self, key: str, text: str, identity: str, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not hold; the ones it holds are counted and consumed."""
        ordered = sorted(findings, key=Finding.sort_key)
        kept = []
        for fp, f in zip(fingerprints(text, identity, ordered), ordered):
            if self._unused[fp] > 0:
                self._unused[fp] -= 1
                self.suppressed += 1
            else:
                kept.append(f)
        return kept

    def stale(self) -> list[Entry]:
        left = Counter(self._unused)
        out = []
        for e in self.entries:
            if left[e.fingerprint] > 0:
                left[e.fingerprint] -= 1
                out.append(e)
        return out

    def summary(self) -> dict[str, Any]:
        return {"file": printable(self.path), "entries": len(self.entries), "suppressed": self.suppressed,
                "stale": [e.to_json() for e in self.stale()]}

