"""Per-file reports and the batch summary, exactly as the contract shapes them, written atomically.

Reports are deterministic: the same input and config give byte-identical per-file reports (no
clocks, findings sorted by position then code, JSON keys in a fixed order).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from array import array
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, overload

from scrapegate.checks import __version__
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.key_list import KeyList
from scrapegate.checks.json_indent import EncodedList, dumps_indented, encode_item
from scrapegate.checks.outputs import hold, older_file, remove_unlocked, resolved
from scrapegate.checks.registry import families
from scrapegate.checks.runner import BatchRun, DocumentResult, RuleCrash
from scrapegate.checks.spill import SpilledList, read_at, temporary_file, write_temporary

SCHEMA_VERSION = "1.0"
TOOL = {"name": "scrapegate", "version": __version__}
STATUSES = ("fail", "warn", "pass")
SUMMARY_NAME = "summary.json"


def gate_rank(fail_on: str) -> int:
    """The lowest severity rank that fails the gate; above any real rank for ``never``."""
    return Severity(fail_on).rank if fail_on != "never" else 99


def document_status(findings: Iterable[Finding], fail_on: str) -> str:
    worst = max((f.severity.rank for f in findings), default=0)
    if worst >= gate_rank(fail_on):
        return "fail"
    return "warn" if worst >= Severity.WARNING.rank else "pass"


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


REPORT_FORMATS = ("json", "jsonl")
PLAIN_SHARD = "documents"


def report_name(key: str) -> str:
    return f"{key}.json"


def shard_report_name(pack_key: str | None) -> str:
    """With ``--report-format jsonl``: the reports file of a pack, or of the plain files."""
    return f"{pack_key or PLAIN_SHARD}.reports.jsonl"


def build_report(result: DocumentResult, fail_on: str,
                 removed: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = result.document
    findings = sorted(result.findings, key=Finding.sort_key)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": dict(TOOL),
        "document": {
            "path": doc.key,
            "sha256": doc.sha256,
            "bytes": doc.size,
            "encoding": doc.encoding,
            "chars": doc.chars,
            **result.described,
            "decoding": {"method": doc.decoded.method, "confidence": round(doc.decoded.confidence, 3),
                         "bom": doc.decoded.bom},
            "manifest": doc.manifest.to_json() if doc.manifest else None,
        },
        "status": document_status(findings, fail_on),
        "findings": [f.to_json() for f in findings],
        "summary": severity_counts(findings),
    }
    if result.crashes:
        report["rule_errors"] = [c.to_json() for c in result.crashes]
    if removed is not None:
        report["removed"] = removed
    return report


class SummaryTally:
    """What the summary counts of the documents' findings and crashes, added one result at a time
    (the report phase adds each as it reports it, so the results are not read back from disk again)."""

    def __init__(self) -> None:
        self.severities: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        # on disk: a batch's duplicate findings, whole, cost the main process over 1 KB each
        self.own: dict[str, SpilledList[tuple[str, Finding]]] = {f.name: SpilledList() for f in families()
                                                                 if f.summarize is not None}
        self._category_of = {f.category: f.name for f in families() if f.summarize is not None}
        self.crashed: list[dict[str, Any]] = []

    def add(self, result: DocumentResult) -> None:
        self.add_findings(result.document.key, result.findings, result.crashes)

    def add_findings(self, key: str, findings: list[Finding], crashes: list[RuleCrash]) -> None:
        """:meth:`add` of a result's parts."""
        self.add_counted(key, finding_counts(findings), [f for f in findings if f.category in self._category_of],
                         crashes)

    def add_counted(self, key: str, counts: Mapping[tuple[str, str, str], int], summarized: list[Finding],
                    crashes: list[RuleCrash]) -> None:
        """:meth:`add_findings` of findings as the report phase's workers send them back: their
        :func:`finding_counts`, and whole only those of the categories a family summarizes."""
        for (severity, category, code), n in counts.items():
            self.severities[severity] += n
            self.categories[category] += n
            self.codes[code] += n
        for f in summarized:
            self.own[self._category_of[f.category]].append((key, f))
        self.crashed.extend({"path": key, **c.to_json()} for c in crashes)


def finding_counts(findings: Iterable[Finding]) -> Counter[tuple[str, str, str]]:
    """How many findings there are of each (severity, category, code): what the summary counts."""
    return Counter((f.severity.value, f.category, f.code) for f in findings)


def summarized_categories() -> frozenset[str]:
    """The categories whose findings a family's ``summarize`` reads (the summary needs them whole)."""
    return frozenset(f.category for f in families() if f.summarize is not None)


class PerDocument(EncodedList):
    """The summary's ``per_document`` list, written to an anonymous temporary file one entry at a
    time as the reports are done (:meth:`add`), each entry already encoded as ``summary.json`` holds
    it; in memory, per document, two 8-byte offsets (its key is on disk too: :class:`KeyList`). Read
    in the summary's order (by key): entries are dictionaries decoded when read, never held. Compares
    equal to the list of its entries."""

    def __init__(self) -> None:
        self._file = temporary_file("scrapegate-summary-", buffering=0)
        self._ends = array("Q", [0])
        self._keys = KeyList()
        self._last_key: str | None = None
        self._order: array[int] | None = None
        self._sorted = True
        self._pending: list[bytes] = []
        self._pending_size = 0

    def add(self, key: str, status: str, report: str, clean: str | None, counts: Mapping[str, int]) -> None:
        """The entry of one document (``clean``: its cleaned text's name, with --write-clean)."""
        entry = {"path": key, "status": status, "report": report, **({"clean": clean} if clean is not None else {}),
                 **counts}
        data = encode_item(entry).encode("utf-8")
        if self._last_key is not None and key < self._last_key:
            self._sorted = False
        self._keys.append(key)
        self._last_key = key
        self._ends.append(self._ends[-1] + len(data))
        self._pending.append(data)
        self._pending_size += len(data)
        self._order = None
        if self._pending_size >= 1 << 20:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._file.seek(0, os.SEEK_END)
            write_temporary(self._file, b"".join(self._pending))
            self._pending, self._pending_size = [], 0

    def _place(self, i: int) -> int:
        if self._sorted:
            return i
        if self._order is None:
            keys = list(self._keys)  # held while they are sorted (the keys came out of order)
            self._order = array("Q", sorted(range(len(keys)), key=keys.__getitem__))
        return self._order[i]

    def _bytes(self, place: int) -> bytes:
        self._flush()
        start, end = self._ends[place], self._ends[place + 1]
        return read_at(self._file, end - start, start)

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("per_document index out of range")
        return json.loads(self._bytes(self._place(i)))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (json.loads(text) for text in self.encoded_items())

    def encoded_items(self) -> Iterator[str]:
        self._flush()
        for i in range(len(self)):
            yield self._bytes(self._place(i)).decode("utf-8")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, PerDocument)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<per_document: {len(self):,} entries on disk>"


def build_summary(run: BatchRun, reports: Mapping[str, dict[str, Any]], fail_on: str, tally: SummaryTally,
                  per_document: PerDocument, keep: bool = True) -> dict[str, Any]:
    """The batch summary. ``tally``: the counts of every result of ``run.results`` (the report phase
    adds each as it reports it); ``per_document``: each report's entry, added as it was done, held as
    a list with ``keep``, else the summary's ``per_document`` is that :class:`PerDocument` itself (on
    disk)."""
    family_fields: dict[str, Any] = {}
    for family in families():
        if family.summarize is not None:
            family_fields.update(family.summarize(tally.own[family.name]))
    by_status = Counter(rep["status"] for rep in reports.values())
    severities = tally.severities
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": dict(TOOL),
        "fail_on": fail_on,
        "status": overall_status(run, reports, bool(tally.crashed)),
        "documents": {"total": len(reports), **{s: by_status.get(s, 0) for s in STATUSES},
                      "input_errors": len(run.input_errors)},
        "findings": {
            "total": sum(severities.values()),
            "by_severity": {s.value: severities.get(s.value, 0)
                            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
            "by_category": dict(sorted(tally.categories.items())),
            "by_code": dict(sorted(tally.codes.items())),
        },
        **family_fields,
        "per_document": list(per_document) if keep else per_document,
        "input_errors": [{"path": e.key or e.path, "error": e.problem} for e in run.input_errors],
        "rule_errors": [*tally.crashed, *({"path": key, **c.to_json()} for key, c in run.lost),
                        *({"path": None, **c.to_json()} for c in run.batch_crashes)],
    }


def overall_status(run: BatchRun, reports: Mapping[str, dict[str, Any]], rule_crashed: bool) -> str:
    """error (input or rule errors) > fail > warn > pass. ``rule_crashed``: whether a per-document
    rule crashed."""
    if run.input_errors or run.batch_crashes or run.lost or rule_crashed:
        return "error"
    statuses = {rep["status"] for rep in reports.values()}
    return next((s for s in STATUSES if s in statuses), "pass")


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)`` and a line break (by a faster encoder)."""
    return dumps_indented(obj) + "\n"


def json_line(obj: Any) -> bytes:
    """One line of JSONL: the reports file, --write-clean and --attributes packs, ``--output-format jsonl``."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _current_umask()


_STARTED = time.time()


def remove_stale_temporaries(path: Path) -> int:
    """Remove the temporary files of :func:`write_atomic` that a process killed while it wrote ``path``
    (SIGKILL) left beside it, ``.<name>.<8 characters>.tmp``; how many. Only a regular file named so,
    last changed before this process started and that no process holds locked (a writer holds a lock
    on its temporary file until the rename) is removed; where files cannot be locked, none is."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed = 0
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return 0
    for name in names:
        stale = os.path.join(path.parent, name)
        if older_file(stale, _STARTED) and remove_unlocked(stale):
            removed += 1
    return removed


def write_atomic(path: Path, text: str) -> int:
    """Write a file the user named (a baseline, --output-file, an audit page) via a temporary file in the
    same folder and rename: readers never see half of it, and a failed write leaves the old file whole.
    A symbolic link is followed to the file it names (the link stays); the rename replaces that name
    only, so another hard link to the old file (an input document) keeps its text, where opening the
    name for writing emptied it. A FIFO or a device (``-o /dev/stdout``) is written in place. Output
    folders use outputs.OutputFolder instead. Returns how many temporary files of killed writes of the
    same file it removed (:func:`remove_stale_temporaries`)."""
    if path.exists() and not path.is_file():
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return 0
    path = resolved(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    removed = remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    hold(fd)  # until renamed: another run's remove_stale_temporaries leaves it alone
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes 0600; reports are for everyone the umask allows
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:  # a full device: say which file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return removed


__all__ = ["RuleCrash", "SummaryTally", "finding_counts", "summarized_categories", "PerDocument", "build_report", "build_summary", "write_atomic", "dumps", "document_status"]
