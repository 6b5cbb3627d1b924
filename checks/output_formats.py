"""What ``scrapegate check`` prints: one finding stream in the formats editors and CI systems read.

The names follow ruff's ``--output-format``:

* ``full``: ``path:line:col: CODE [severity] message`` (the historical text output);
* ``concise``: ``path:line:col: CODE message``, without the fix advice;
* ``grouped``: findings under their file, the fix advice printed once per rule at the end;
* ``json`` (a JSON array of every finding) and ``jsonl`` (one finding object per line);
* ``sarif``: SARIF 2.1.0 with the rules' metadata and documentation (GitHub code scanning);
* ``github``: workflow commands (``::error file=…,line=…,col=…,title=…::message``);
* ``gitlab``: the GitLab code quality report (a JSON array with fingerprints);
* ``junit``: JUnit XML, one test suite per file, one failing test case per finding.

Locations: lines and columns are 1-based, columns count code points (SARIF says so in
``columnKind``). A record of a pack has no file of its own: its location is the pack file and, in a
plain JSONL pack, the line that holds the record (column 1), which editors and CI parsers open
correctly; the record id and the position inside its text are given separately (``record``,
``text_line``, ``text_column``).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from scrapegate.checks import __version__
from scrapegate.checks.baseline import fingerprints
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.errors import printable
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.packs import JSONL_SUFFIXES, STDIN, STDIN_KEY, pack_format
from scrapegate.checks.registry import Rule
from scrapegate.checks.reports import json_line
from scrapegate.checks.runner import WORKER, BatchRun, DocumentResult, RuleCrash, result_identity

OUTPUT_FORMATS = ("full", "concise", "grouped", "json", "jsonl", "sarif", "github", "gitlab", "junit")
TEXT_FORMATS = ("full", "concise", "grouped")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class Row:
    """One finding with the location a reader of the output needs."""

    file: str
    """The file to open: the path as the user named it, or the pack file for a pack record."""
    line: int
    column: int
    end_line: int | None
    end_column: int | None
    key: str
    """The document's report name (``<report-dir>/<key>.json``)."""
    record: str | None
    """For a pack record: its id; ``line`` is then the pack's line and the text position follows."""
    text_line: int | None
    text_column: int | None
    fingerprint: str
    finding: Finding

    @property
    def where(self) -> str:
        """``path:line:col`` as compilers print it."""
        return f"{one_line(self.file)}:{self.line}:{self.column}"

    @property
    def record_note(self) -> str:
        if self.record is None:
            return ""
        at = f", text line {self.text_line} column {self.text_column}" if self.text_line else ""
        return f" (record {one_line(self.record)}{at})"


_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]} | {9: "\\t", 10: "\\n", 13: "\\r"}


def one_line(name: str) -> str:
    """A file name, record id or message (which may name another file) as one printable line: a
    control character in it (a newline in a file name) is written as its escape, so that one finding
    stays one line of the text output."""
    return name.translate(_CONTROL_ESCAPES)


def pack_location(doc: Document) -> tuple[str, int] | None:
    """(pack, line) of a pack record, whose display name is ``<pack>:<number>``; else None.

    The line is the record's line in a plain JSONL pack (or a JSONL pack on standard input, ``-``); in a
    compressed JSONL, Parquet or WARC pack the number is no line of the file, so the location is the
    pack's first line.
    """
    file, _, number = doc.path.rpartition(":")
    if not number.isdigit() or not (pack_format(file) or file == STDIN):
        return None
    return file, int(number) if file == STDIN or file.lower().endswith(JSONL_SUFFIXES) else 1


def document_rows(doc: Document, findings: Iterable[Finding], identity: str | None) -> list[Row]:
    """The findings' rows; ``identity`` None: every row's fingerprint is "" (a format that prints none)."""
    rows = []
    packed = pack_location(doc)
    record = None
    if packed:
        name = (STDIN_KEY if packed[0] == STDIN else packed[0].replace("\\", "/").rsplit("/", 1)[-1]) + "/"
        record = doc.key.split(name, 1)[1] if name in doc.key else doc.key
    # A name's bytes that are not UTF-8 written \xff, as input errors name them: a lone surrogate
    # cannot go into the UTF-8 of -o files, SARIF or JSON.
    file = printable(packed[0] if packed else doc.path)
    ordered = sorted(findings, key=Finding.sort_key)
    prints = fingerprints(doc.text, identity, ordered) if identity is not None else [""] * len(ordered)
    for f, fp in zip(ordered, prints):
        start = doc.position(f.span.start) if f.span else None
        end = doc.position(f.span.end) if f.span else None
        if packed:
            loc = (file, packed[1], 1, None, None)
        else:
            loc = (file, *(start or (1, 1)), *(end or (None, None)))
        rows.append(Row(*loc, key=doc.key, record=record, text_line=start[0] if start else None,
                        text_column=start[1] if start else None,
                        fingerprint=fp, finding=f))
    return rows


FINGERPRINTED = frozenset({"json", "jsonl", "sarif", "gitlab"})
"""The output formats that print each finding's fingerprint (the others' rows leave it "")."""


def rows_of(run: BatchRun, fingerprinted: bool = True) -> list[Row]:
    """Every finding's row; ``fingerprinted=False`` skips the fingerprints, whose document identity
    can cost a describe per document (a run whose selection left the provenance family out), so a
    document without findings has none computed."""
    return [row for res in run.results for row in _rows(res, run.context, fingerprinted)]


def rows_and_crash_lines(run: BatchRun, fingerprinted: bool = True) -> tuple[list[Row], list[str]]:
    """:func:`rows_of` and the crash lines (each document's, then the batch's) in one reading of the
    results: each result (and its document) is read back from the run's spill and unpickled when
    iterated, so two readings cost the main process twice that (on 3,000 short pages, --jobs 1, the
    second was ~2 % of the check's CPU)."""
    gathered = PrintedRows(fingerprinted)
    for res in run.results:
        gathered(res, run.context)
    return gathered.rows, gathered.crashes + _batch_crashes(run)


class PrintedRows:
    """:func:`rows_of` and each result's crash lines gathered while ``check_paths`` reports the
    results (its ``_reported``), so that :func:`render` does not read every result and its document
    back from the spill again (on 3,000 short pages, --jobs 1, ~1.5 % of the process's CPU). ``seen``
    counts the results added: when the reports were written by workers, none were."""

    def __init__(self, fingerprinted: bool) -> None:
        self.fingerprinted = fingerprinted
        self.rows: list[Row] = []
        self.crashes: list[str] = []
        self.seen = 0

    def __call__(self, res: DocumentResult, ctx: BatchContext) -> None:
        self.seen += 1
        self.rows += _rows(res, ctx, self.fingerprinted)
        self.crashes += _result_crashes(res)


def _rows(res: DocumentResult, ctx: BatchContext, fingerprinted: bool) -> list[Row]:
    if not res.findings:
        return []
    return document_rows(res.document, res.findings, result_identity(res, ctx) if fingerprinted else None)


def _result_crashes(res: DocumentResult) -> list[str]:
    return [f"{res.document.path}: {_crashed(c)}" for c in res.crashes]


def _batch_crashes(run: BatchRun) -> list[str]:
    return [f"batch: rule {c.code} crashed: {c.error}" for c in run.batch_crashes]


def _crashed(crash: RuleCrash) -> str:
    """A worker that died on a document is no rule's crash: its message says what happened."""
    return crash.error if crash.code == WORKER else f"rule {crash.code} crashed: {crash.error}"


# --- colour -----------------------------------------------------------------------------------------

_SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "36"}


def colour_wanted(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Colour on a terminal; never when ``NO_COLOR`` is set to anything (https://no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("FORCE_COLOR", "") != "":
        return True
    return hasattr(stream, "isatty") and stream.isatty() and env.get("TERM") != "dumb"


class Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def severity(self, severity: str) -> str:
        return self(severity, _SEVERITY_COLOUR.get(severity, "0"))


# --- the fix advice ---------------------------------------------------------------------------------

def split_advice(message: str) -> tuple[str, str]:
    """A message is ``what was found; what to do``: the text after the last ``; ``, if any."""
    what, sep, advice = message.rpartition("; ")
    return (what, advice) if sep else (message, "")


def shared_advice(rows: Iterable[Row]) -> dict[str, str]:
    """Per rule code, the advice every one of its findings ends with (codes that vary are left out)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        seen[row.finding.code].add(split_advice(row.finding.message)[1])
    return {code: next(iter(advice)) for code, advice in seen.items() if len(advice) == 1 and "" not in advice}


# --- text formats -----------------------------------------------------------------------------------

def format_full(rows: list[Row], paint: Paint) -> list[str]:
    return [f"{paint(row.where, '1')}: {paint(row.finding.code, '1')} "
            f"[{paint.severity(row.finding.severity.value)}] {one_line(row.finding.message)}{row.record_note}"
            for row in rows]


def format_concise(rows: list[Row], paint: Paint) -> list[str]:
    return [f"{paint(row.where, '1')}: {paint(row.finding.code, _SEVERITY_COLOUR[row.finding.severity.value])} "
            f"{one_line(split_advice(row.finding.message)[0])}{row.record_note}" for row in rows]


def format_grouped(rows: list[Row], paint: Paint, rules: dict[str, type[Rule]]) -> list[str]:
    advice = shared_advice(rows)
    by_file: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_file[row.file].append(row)
    out: list[str] = []
    for file, file_rows in by_file.items():
        out.append(paint(f"{one_line(file)}:", "1;4"))
        width = max(len(f"{r.line}:{r.column}") for r in file_rows)
        for row in file_rows:
            f = row.finding
            message = one_line(split_advice(f.message)[0] if f.code in advice else f.message)
            out.append(f"  {f'{row.line}:{row.column}':<{width}} {paint(f.code, '1')} "
                       f"[{paint.severity(f.severity.value)}] {message}{row.record_note}")
        out.append("")
    if advice:
        out.append(paint("Fix advice:", "1"))
        for code in sorted(advice):
            name = f" ({rules[code].name})" if code in rules else ""
            out.append(f"  {paint(code, '1')}{name}: {advice[code]}")
    return out


def format_statistics(rows: list[Row], paint: Paint) -> list[str]:
    """ruff's ``--statistics``: per rule code, how many findings and at which severities."""
    counts = Counter(r.finding.code for r in rows)
    names = {r.finding.code: r.finding.name for r in rows}
    severities: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        severities[r.finding.code][r.finding.severity.value] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    out = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        sev = ", ".join(f"{severities[code][s.value]} {paint.severity(s.value)}"
                        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if severities[code][s.value])
        out.append(f"{n:>{width}}  {paint(code, '1')}  {names[code]:<28} {sev}")
    return out


# --- machine formats --------------------------------------------------------------------------------

def finding_record(row: Row) -> dict[str, Any]:
    """The object ``json`` and ``jsonl`` print per finding: the report's finding plus its location."""
    return {
        "file": row.file,
        "location": {"line": row.line, "column": row.column},
        "end_location": ({"line": row.end_line, "column": row.end_column}
                         if row.end_line is not None else None),
        "report": f"{row.key}.json",
        "document": row.key,
        "record": row.record,
        "text_location": ({"line": row.text_line, "column": row.text_column}
                          if row.record is not None and row.text_line is not None else None),
        "fingerprint": row.fingerprint,
        **row.finding.to_json(),
    }


def format_json(rows: list[Row]) -> str:
    return json.dumps([finding_record(r) for r in rows], ensure_ascii=False, indent=2) + "\n"


def format_jsonl(rows: list[Row]) -> str:
    return b"".join(json_line(finding_record(r)) for r in rows).decode("utf-8")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative path as a URI reference; an absolute one as a file: URI."""
    posix = path.replace(os.sep, "/")
    return ("file://" if posix.startswith("/") else "") + quote(posix, safe="/:")


def format_sarif(rows: list[Row], rules: dict[str, type[Rule]], crashes: list[str]) -> str:
    used = sorted({r.finding.code for r in rows} | set(rules))
    index = {code: i for i, code in enumerate(used)}
    descriptors = []
    for code in used:
        rule = rules.get(code)
        doc = rule.documentation() if rule else ""
        descriptors.append({
            "id": code,
            "name": rule.name if rule else code,
            "shortDescription": {"text": rule.summary() if rule else code},
            "fullDescription": {"text": doc or code},
            "help": {"text": doc or code},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity.value] if rule else "warning"},
            "properties": {"category": rule.category if rule else "unknown"},
        })
    results = []
    for row in rows:
        f = row.finding
        region: dict[str, int] = {"startLine": row.line, "startColumn": row.column}
        if row.end_line is not None and row.end_column is not None:
            region.update(endLine=row.end_line, endColumn=row.end_column)
        properties: dict[str, Any] = {"category": f.category, "severity": f.severity.value,
                                      "document": row.key, "details": f.details}
        if f.span is not None:
            properties["span"] = f.span.to_json()
        if row.record is not None:
            properties["record"] = row.record
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity.value],
            "message": {"text": f.message + row.record_note},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(row.file)}, "region": region}}],
            "partialFingerprints": {"scrapegate/v1": row.fingerprint},
            "properties": properties,
        })
    notifications = [{"level": "error", "message": {"text": c}} for c in crashes]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "scrapegate", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "invocations": [{"executionSuccessful": not crashes, "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(rows: list[Row]) -> list[str]:
    """GitHub Actions workflow commands; endColumn only on one-line spans, as GitHub requires."""
    out = []
    for row in rows:
        f = row.finding
        params = [f"file={_escape_property(row.file)}", f"line={row.line}"]
        if row.end_line is not None:
            params.append(f"endLine={row.end_line}")
        params.append(f"col={row.column}")
        if row.end_line == row.line and row.end_column is not None:
            params.append(f"endColumn={row.end_column}")
        params.append(f"title={_escape_property(f'{f.code} {f.name}')}")
        out.append(f"::{_GITHUB_LEVEL[f.severity.value]} {','.join(params)}::"
                   f"{_escape_data(f.code + ' ' + f.message + row.record_note)}")
    return out


_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def format_gitlab(rows: list[Row]) -> str:
    """GitLab code quality: fingerprints are unique per finding, stable across unrelated edits."""
    seen: Counter = Counter()
    issues = []
    for row in rows:
        f = row.finding
        seen[row.fingerprint] += 1
        unique = row.fingerprint if seen[row.fingerprint] == 1 else f"{row.fingerprint}-{seen[row.fingerprint]}"
        issues.append({
            "description": f"{f.message}{row.record_note}",
            "check_name": f"{f.code} {f.name}",
            "fingerprint": unique,
            "severity": _GITLAB_SEVERITY[f.severity.value],
            "location": {"path": row.file, "lines": {"begin": row.line, "end": row.end_line or row.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def format_junit(rows: list[Row], documents: list[Document], crashes: list[str]) -> str:
    """One test suite per file; a document without findings is one passing case, a finding a failure."""
    by_file: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_file[row.file].append(row)
    files = list(dict.fromkeys([*(loc[0] if (loc := pack_location(d)) else d.path for d in documents),
                                *by_file]))
    root = ET.Element("testsuites", name="scrapegate", tests="0", failures="0", errors=str(len(crashes)))
    total = failures = 0
    for file in files:
        file_rows = by_file.get(file, [])
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(max(1, len(file_rows))),
                              failures=str(len(file_rows)), errors="0")
        if not file_rows:
            ET.SubElement(suite, "testcase", name="scrapegate", classname=file)
        for row in file_rows:
            f = row.finding
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {row.line}:{row.column}", classname=file)
            failure = ET.SubElement(case, "failure", message=f.message, type=f"{f.code} {f.severity.value}")
            failure.text = f"{row.where}: {f.code} [{f.severity.value}] {f.message}{row.record_note}"
        total += max(1, len(file_rows))
        failures += len(file_rows)
    if crashes:
        suite = ET.SubElement(root, "testsuite", name="rule errors", tests=str(len(crashes)), failures="0",
                              errors=str(len(crashes)))
        for crash in crashes:
            case = ET.SubElement(suite, "testcase", name=crash, classname="scrapegate")
            ET.SubElement(case, "error", message=crash)
        total += len(crashes)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- putting it together ------------------------------------------------------------------------------

def render(fmt: str, run: BatchRun, rules: dict[str, type[Rule]], *, paint: Paint,
           statistics: bool = False, printed: PrintedRows | None = None) -> str:
    """Everything ``check`` prints for the findings, in ``fmt`` (no summary line). ``printed``: the
    rows and crash lines gathered as the run reported every result (made with ``fingerprinted`` as
    ``fmt`` and ``statistics`` ask); used only when it saw every result."""
    if printed is not None and printed.seen == len(run.results):
        rows, crashes = printed.rows, printed.crashes + _batch_crashes(run)
    else:
        rows, crashes = rows_and_crash_lines(run, fmt in FINGERPRINTED and not statistics)
    if statistics:
        return _lines(format_statistics(rows, paint))
    writers: dict[str, Callable[[], str]] = {
        "full": lambda: _lines(format_full(rows, paint) + crashes),
        "concise": lambda: _lines(format_concise(rows, paint) + crashes),
        "grouped": lambda: _lines(format_grouped(rows, paint, rules) + crashes),
        "json": lambda: format_json(rows),
        "jsonl": lambda: format_jsonl(rows),
        "sarif": lambda: format_sarif(rows, rules, crashes),
        "github": lambda: _lines(format_github(rows)),
        "gitlab": lambda: format_gitlab(rows),
        "junit": lambda: format_junit(rows, [r.document for r in run.results], crashes),
    }
    return writers[fmt]()


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def summary_line(summary: dict[str, Any], report_dir: str | None, paint: Paint) -> str:
    counts = summary["findings"]["by_severity"]
    docs = summary["documents"]
    found = (f"Found {plural(summary['findings']['total'], 'finding')} "
             f"({paint(plural(counts['error'], 'error'), '31') if counts['error'] else '0 errors'}, "
             f"{plural(counts['warning'], 'warning')}, {counts['info']} info) in "
             f"{plural(docs['total'], 'document')}: {docs['fail']} fail, {docs['warn']} warn, {docs['pass']} pass.")
    if report_dir is not None:
        found += f" Reports in {report_dir.rstrip('/')}/"
    return found


__all__ = ["OUTPUT_FORMATS", "Row", "render", "rows_of", "summary_line", "colour_wanted", "Paint"]
