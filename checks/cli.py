"""The ``scrapegate`` command line: check, baseline, report, rules, rule CODE, schema.

Exit codes: 0 gate passed, 1 gate failed, 2 usage/config/manifest/input error, 3 a rule (or a document's report) crashed.
A command whose standard output was closed early (``scrapegate rules | head``) exits 141 quietly, as a
program stopped by SIGPIPE; ``check`` keeps its gate's code there (its reports are written).
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import io
import json
import os
import re
import signal
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NoReturn, Sequence

from scrapegate.checks import __version__, progress
from scrapegate.checks.api import (
    EXIT_GATE_FAILED,
    EXIT_INTERNAL,
    EXIT_PASSED,
    EXIT_USAGE,
    CheckResult,
    build_rules,
    check_paths,
    ignored_codes,
    resolve_config,
    selected_codes,
)
from scrapegate.checks.audit_html import documents_from_report_dir, documents_from_run, render_page
from scrapegate.checks.baseline import dumps_baseline, result_entries
from scrapegate.checks.charsets import shared_charsets
from scrapegate.checks.config import FAIL_ON, Config, family_of
from scrapegate.checks.errors import UsageError, printable
from scrapegate.checks.output_formats import (
    FINGERPRINTED,
    OUTPUT_FORMATS,
    TEXT_FORMATS,
    Paint,
    PrintedRows,
    colour_wanted,
    plural,
    render,
    summary_line,
)
from scrapegate.checks.outputs import link_loop, resolved, writable
from scrapegate.checks.packs import FieldMap, is_pack
from scrapegate.checks.ray_engine import ENGINES
from scrapegate.checks.registry import Rule, all_rules, details_keys, reads_family_settings, settings_of
from scrapegate.checks.reports import REPORT_FORMATS, dumps, write_atomic
from scrapegate.checks.runner import result_identity
from scrapegate.checks.schemas import schema_text
from scrapegate.checks.suggest import did_you_mean

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `cat … | head`
EXIT_TERMINATED = 143  # 128 + SIGTERM


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


class Parser(argparse.ArgumentParser):
    """argparse without abbreviations (``--fail`` is not ``--fail-on``) and with did-you-mean hints."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(message + self.suggestion(message))

    def suggestion(self, message: str) -> str:
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if choice:
            options = re.findall(r"'([^']*)'", choice.group(2))
            return did_you_mean(choice.group(1), options)
        unknown = re.search(r"unrecognized arguments: (.*)$", message)
        if unknown:
            flags = [t.split("=", 1)[0] for t in unknown.group(1).split() if t.startswith("-")]
            if flags:
                return did_you_mean(flags[0], list(self._option_string_actions))
        return ""


def _add_input_options(cmd: argparse.ArgumentParser) -> None:
    """The options that choose and read the documents: shared by ``check`` and ``baseline``."""
    cmd.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: config 'paths')")
    cmd.add_argument("--manifest", metavar="FILE", help="CSV or JSONL: path, url, title, region, source, fetched_at")
    cmd.add_argument("--expect-region", metavar="NAME", help="the region every document should belong to")
    cmd.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes")
    cmd.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated codes or prefixes")
    cmd.add_argument("--config", metavar="FILE", help="config file (default: nearest pyproject.toml or scrapegate.toml)")
    cmd.add_argument("--jobs", type=int, metavar="N",
                     help="worker processes (default: all cores; with --engine ray, at most N Ray workers)")
    cmd.add_argument("--engine", choices=ENGINES, default="local",
                     help="local: a process pool on this machine (default); ray: the same passes on Ray Data "
                          "(pip install 'scrapegate[ray]'), reports identical")
    cmd.add_argument("--ray-address", metavar="ADDR",
                     help="with --engine ray: an existing Ray cluster (auto, host:6379 or ray://host:10001; "
                          "default: RAY_ADDRESS, else a local Ray)")
    cmd.add_argument("--index", metavar="PATH", help="persistent index of earlier documents (duplicates across runs)")
    cmd.add_argument("--text-field", metavar="NAME", help="packs: the field holding the text (default: text)")
    cmd.add_argument("--id-field", metavar="NAME", help="packs: the field holding the id (default: id)")
    cmd.add_argument("--field", action="append", metavar="FIELD=NAME", default=[],
                     help="packs: read manifest FIELD (url, title, region, source, fetched_at) from NAME")
    cmd.add_argument("--quiet", "-q", action="store_true",
                     help="print the findings (or errors) only: no summary line, no progress")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="scrapegate",
        description="Data-quality and provenance checks for scraped documents.",
        epilog="Exit codes: 0 passed, 1 gate failed, 2 usage/config/manifest/input error, 3 a rule (or a document's report) crashed.",
    )
    parser.add_argument("--version", action="version", version=f"scrapegate {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    check = sub.add_parser("check", help="check files and folders, write one JSON report per document")
    _add_input_options(check)
    check.add_argument("--report-dir", metavar="DIR", help="where reports go (default: reports/)")
    check.add_argument("--report-format", choices=REPORT_FORMATS, default="json",
                       help="json: one report file per document (default); jsonl: one file per input "
                            "shard, one report a line (<pack>.reports.jsonl, documents.reports.jsonl)")
    check.add_argument("--output-format", choices=OUTPUT_FORMATS, metavar="FORMAT",
                       help=f"what goes to stdout: {', '.join(OUTPUT_FORMATS)} (default: full)")
    check.add_argument("--format", choices=("text", "json"),
                       help="older spelling: text is --output-format full, json prints summary.json")
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the findings there instead of stdout")
    check.add_argument("--statistics", action="store_true", help="print how many findings each rule has, not the findings")
    check.add_argument("--fail-on", choices=FAIL_ON, help="gate threshold (default: error)")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when the gate fails (input and internal errors still exit 2 and 3)")
    check.add_argument("--baseline", metavar="FILE",
                       help="fail only on findings not in this baseline (written by `scrapegate baseline`)")
    check.add_argument("--show-settings", action="store_true", help="print the resolved settings and exit")
    check.add_argument("--html", metavar="FILE", help="also write the HTML audit page of this run")
    check.add_argument("--write-clean", metavar="DIR", help="also write texts without boilerplate and spam")
    check.add_argument("--update-index", action="store_true", help="add this batch to --index after the run")
    check.add_argument("--attributes", metavar="DIR",
                       help="also write Dolma-style span attributes, one file per input shard")

    baseline = sub.add_parser("baseline", help="record today's findings, so that `check --baseline` fails only on new ones")
    _add_input_options(baseline)
    baseline.add_argument("--output", "-o", metavar="FILE", default="scrapegate-baseline.json",
                          help="where the baseline goes (default: scrapegate-baseline.json)")

    report = sub.add_parser("report", help="write the HTML audit page of a report folder")
    report.add_argument("report_dir", metavar="REPORT_DIR", help="a folder written by `scrapegate check`")
    report.add_argument("--output", "-o", metavar="FILE", default="audit.html", help="default: audit.html")
    report.add_argument("--root", action="append", metavar="DIR", default=[],
                        help="where the checked documents are, to show their text (repeatable; default: the "
                             "config's paths and the current folder)")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "markdown"), default="text",
                       help="markdown: the full documentation of every rule (docs/RULES.md)")
    rule = sub.add_parser("rule", help="print one rule's documentation")
    rule.add_argument("code")
    schema = sub.add_parser("schema", help="print the JSON Schema of the reports")
    schema.add_argument("which", nargs="?", choices=("report", "summary"), default="report")
    return parser


def severity_range(rule: type[Rule]) -> str:
    """The severities a rule's findings print with: ``warning|error`` for a rule that grades them."""
    graded = rule.severities or (rule.severity,)
    return "|".join(s.value for s in sorted(set(graded), key=lambda s: s.rank))


def _cmd_rules(fmt: str) -> int:
    if fmt == "markdown":
        print(rules_markdown(), end="")
        return 0
    for code, rule in all_rules().items():
        print(f"{code}  {rule.name:<32} {rule.category:<12} {severity_range(rule):<14} {rule.summary()}")
    return 0


def _options_text(rule: type[Rule]) -> list[str]:
    """The rule's settings: key, type, default and meaning, and the config table that sets them."""
    settings = settings_of(rule.Options)
    if not settings:
        return []
    family = family_of(rule)
    if family is not None and family.settings is rule.Options:
        heading = (f"Settings of the {family.name} family, shared by all its rules "
                   f"(set in [tool.scrapegate.{family.name}]):")
    elif family is not None and reads_family_settings(family, rule):
        heading = (f"Settings of the {family.name} family that this rule reads (set in "
                   f"[tool.scrapegate.{family.name}], one value for every rule that reads it):")
    else:
        heading = f"Settings (set in [tool.scrapegate.rules.{rule.code}]):"
    lines = ["", heading]
    for s in settings:
        lines.append(f"  {s.key} ({s.type}, default {_toml_value(s.default)})")
        lines.extend(f"      {line}" for line in textwrap.wrap(s.doc, 92))
    return lines


def _toml_value(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (tuple, list, frozenset, set)):
        return json.dumps(sorted(value) if isinstance(value, (set, frozenset)) else list(value),
                          ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _severity_text(rule: type[Rule]) -> str:
    graded = severity_range(rule)
    if "|" not in graded:
        return f"default severity: {graded}"
    return f"severity: {graded} (graded by how sure the finding is; a configured severity applies to all)"


def _details_text(rule: type[Rule]) -> list[str]:
    """What each key of the rule's findings' ``details`` means (from its family's details schema)."""
    keys = details_keys(family_of(rule), rule.code)
    if not keys:
        return []
    lines = ["", "Details (the keys of each finding's `details` in the reports):"]
    for key, description in keys:
        lines.append(f"  {key}")
        lines.extend(f"      {line}" for line in textwrap.wrap(description, 92))
    return lines


def rule_documentation(rule: type[Rule]) -> str:
    lines = [f"{rule.code} ({rule.name})", f"category: {rule.category}",
             _severity_text(rule), "", rule.documentation(), *_details_text(rule), *_options_text(rule)]
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """Every rule's documentation, generated from the docstrings (kept as docs/RULES.md)."""
    parts = ["# scrapegate rules\n\nGenerated by `scrapegate rules --format markdown` from the rules' "
             "docstrings; do not edit by hand.\n"]
    for rule in all_rules(include_plugins=False).values():
        graded = severity_range(rule)
        severity = f"severity `{graded}` (graded)" if "|" in graded else f"default severity `{graded}`"
        parts.append(f"## {rule.code} `{rule.name}`\n\ncategory `{rule.category}`, {severity}"
                     "\n\n```text\n"
                     + "\n".join([rule.documentation(), *_details_text(rule), *_options_text(rule)]) + "\n```\n")
    return "\n".join(parts)


def _cmd_rule(code: str) -> int:
    rule = all_rules().get(code.upper())
    if rule is None:
        print(f"scrapegate: unknown rule code '{code}'{did_you_mean(code.upper(), all_rules())} "
              "(see `scrapegate rules`)", file=sys.stderr)
        return EXIT_USAGE
    print(rule_documentation(rule), end="")
    return 0


def _cmd_schema(which: str) -> int:
    print(schema_text(which), end="")
    return 0


def _input_arguments(args: argparse.Namespace) -> dict[str, Any]:
    progress.configure("off" if args.quiet else "log")
    return dict(manifest=args.manifest, expect_region=args.expect_region, config=args.config,
                select=args.select, ignore=args.ignore, jobs=args.jobs, index=args.index,
                engine=args.engine, ray_address=args.ray_address,
                fields=FieldMap.parse(args.text_field, args.id_field, args.field))


def _show_settings(args: argparse.Namespace) -> int:
    """ruff's --show-settings: the configuration this run would use, resolved, as JSON."""
    known = all_rules()
    cfg = resolve_config(args.config, known)
    inputs = _input_arguments(args)
    select = selected_codes(inputs["select"], known, cfg)
    ignore = ignored_codes(inputs["ignore"], known, cfg)
    rules = build_rules(cfg, known, select, ignore)
    settings = {
        "config": cfg.source,
        "paths": args.paths or cfg.paths,
        "manifest": args.manifest or cfg.manifest,
        "expect_region": args.expect_region or cfg.expect_region,
        "report_dir": args.report_dir or cfg.report_dir,
        "fail_on": args.fail_on or cfg.fail_on,
        "baseline": args.baseline,
        "jobs": args.jobs or cfg.jobs or os.cpu_count() or 1,
        "max_file_size": cfg.max_file_size,
        "extensions": list(cfg.extensions),
        "select": select,
        "ignore": ignore,
        "per_file_ignores": cfg.per_file_ignores,
        "output_format": _output_format(args),
        "rules": {r.code: {"severity": (r.configured_severity.value if r.configured_severity is not None
                                        else severity_range(type(r))),
                           "options": dataclasses.asdict(r.options)}
                  for r in rules},
    }
    sys.stdout.write(json.dumps(settings, ensure_ascii=False, indent=2, default=list) + "\n")
    return 0


def _output_format(args: argparse.Namespace) -> str:
    """--output-format, or its older spelling --format (text = full; json = the summary, as before)."""
    if args.format and args.output_format:
        raise UsageError("--format and --output-format: give one (--format is the older spelling)")
    if args.format == "json":
        return "summary"
    return args.output_format or "full"


def check_output_files(args: argparse.Namespace, files: Sequence[tuple[str, str | None]]) -> None:
    """Output files (--output-file, --html, baseline -o) must have a folder, must not be an input,
    and must not lie in a walked input folder when the next run would read them as documents."""
    for flag, name in (("--config", args.config), ("--manifest", args.manifest),
                       ("--baseline", getattr(args, "baseline", None)),
                       ("--index", None if getattr(args, "update_index", False) else args.index)):
        if name and link_loop(name):  # else "does not exist" (--index: a warning, exit 0) or an errno
            raise UsageError(f"{flag} {name}: a loop of symbolic links; name the file itself")
    cfg = resolve_config(args.config, all_rules())
    inputs = [Path(p) for p in (args.paths or cfg.paths) if p != "-" and "://" not in p]
    folders = _output_folders(args, cfg)
    read = [(flag, name, resolved(name)) for flag, name in _files_read(args, cfg)]
    for read_flag, read_name, read_real in read:
        if (kept := _writing_folder(read_real, folders)) is not None:
            folder_flag, folder, what = kept
            raise UsageError(f"{read_flag} {read_name}: lies in {folder_flag} {folder}, where this run writes "
                             f"{what} of the same kind of name; move it out of that folder")
    written_files: list[tuple[str, str, Path]] = []
    for flag, name in files:
        if name is None:
            continue
        if not name.strip():
            raise UsageError(f"{flag}: an empty file name")
        target = Path(os.path.abspath(name))
        if not target.parent.is_dir():
            raise UsageError(f"{flag} {name}: the folder {target.parent} does not exist")
        if target.is_dir():
            raise UsageError(f"{flag} {name}: is a folder")
        if link_loop(target):  # writing would replace the link with a file
            raise UsageError(f"{flag} {name}: a loop of symbolic links; write the file elsewhere")
        real = resolved(target)  # what is written: a link's target (reports.write_atomic)
        if (real.is_file() or not real.exists()) and real.parent.is_dir() and not writable(real.parent):
            raise UsageError(f"{flag} {name}: cannot write in the folder {real.parent} (permission denied)")
        for other_flag, other, other_real in written_files:
            if real == other_real or _same_file(real, other_real):
                raise UsageError(f"{flag} {name}: the same file as {other_flag} {other}; give each its own file")
        written_files.append((flag, name, real))
        for read_flag, read_name, read_real in read:
            if read_flag != flag and (real == read_real or _same_file(real, Path(read_name))):
                raise UsageError(f"{flag} {name}: is the {read_flag} file this run reads; write it elsewhere")
        readable = real.name.lower().endswith(tuple("." + e for e in cfg.extensions)) or is_pack(real.name)
        for given in inputs:
            source = Path(os.path.abspath(given))
            source_real = resolved(source)
            if real == source_real or _same_file(real, source) or (
                    readable and source.is_dir() and source_real in real.parents):
                raise UsageError(f"{flag} {name}: would overwrite an input or be read as one next run "
                                 f"({given}); write it outside the inputs")
        if (kept := _writing_folder(real, folders)) is not None:
            folder_flag, folder, what = kept
            raise UsageError(f"{flag} {name}: could overwrite {what} this run writes in {folder_flag} {folder}; "
                             "write it outside that folder")


def _writing_folder(real: Path, folders: list[tuple[str, str, Callable[[str], bool], str]]
                    ) -> tuple[str, str, str] | None:
    """The output folder (flag, folder, what it holds) that holds the resolved path ``real`` and where the
    run writes files of its kind of name, if any (see :func:`_output_folders`)."""
    for folder_flag, folder, written, what in folders:
        if written(real.name.lower()) and resolved(folder) in real.parents:
            return folder_flag, folder, what
    return None


def _files_read(args: argparse.Namespace, cfg: Config) -> list[tuple[str, str]]:
    """The files besides the inputs that the run reads (flag, name): the config, the manifest, the
    baseline, the duplicate index. An output file must not replace one (``-o baseline.json --baseline
    baseline.json`` emptied the baseline); ``--index`` with ``--update-index`` is both, on purpose."""
    read = [("--config", args.config or cfg.source), ("--manifest", args.manifest or cfg.manifest),
            ("--baseline", getattr(args, "baseline", None)), ("--index", args.index)]
    return [(flag, name) for flag, name in read if name and name != "-" and "://" not in name]


def _write_named(flag: str, name: str, text: str) -> None:
    """:func:`write_atomic` of a file the user named, saying when it removed the temporary files a
    killed run left beside it."""
    removed = write_atomic(Path(name), text)
    if removed:
        print(f"scrapegate: warning: {flag} {name}: removed {removed} temporary file{'s' * (removed > 1)} "
              f"(.{resolved(name).name}.*.tmp) left by an earlier run that was killed", file=sys.stderr)


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` both exist and are one file (a hard link to an input file)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _output_folders(args: argparse.Namespace, cfg: Config) -> list[tuple[str, str, Callable[[str], bool], str]]:
    """The output folders of a ``check`` (``baseline`` has none): (flag, folder, whether a lower-case file
    name is of those the run writes there, what they are). A report folder holds ``<document>.json``,
    ``summary.json`` and ``--report-format jsonl``'s ``<shard>.reports.jsonl``; a cleaned or attributes
    folder holds files named as the inputs and packs are."""
    if not hasattr(args, "report_dir"):
        return []
    extensions = tuple("." + e for e in cfg.extensions)
    copies = lambda n: n.endswith(extensions) or is_pack(n)  # noqa: E731
    given: list[tuple[str, str | None, Callable[[str], bool], str]] = [
        ("--report-dir", args.report_dir or cfg.report_dir, lambda n: n.endswith((".json", ".jsonl")), "a report"),
        ("--write-clean", args.write_clean, copies, "a cleaned document"),
        ("--attributes", args.attributes, copies, "an attributes file")]
    return [(flag, folder, written, what) for flag, folder, written, what in given if folder]


def _cmd_check(args: argparse.Namespace) -> int:
    fmt = _output_format(args)
    check_output_files(args, [("--output-file", args.output_file), ("--html", args.html),
                              ("--index", args.index if args.update_index else None)])
    printed = None if fmt == "summary" else PrintedRows(fmt in FINGERPRINTED and not args.statistics)
    result = check_paths(args.paths, report_dir=args.report_dir, fail_on=args.fail_on,
                         write_clean=args.write_clean, update_index=args.update_index,
                         baseline=args.baseline, attributes=args.attributes, report_format=args.report_format,
                         keep_reports=bool(args.html), _reported=printed, **_input_arguments(args))
    _print_problems(result)
    with _printing(args.output_file):
        if fmt == "summary":
            text = _encodable_json(result.summary, None if args.output_file else sys.stdout)
        else:
            paint = Paint(args.output_file is None and colour_wanted(sys.stdout))
            assert result.run is not None
            text = render(fmt, result.run, all_rules(), paint=paint, statistics=args.statistics, printed=printed)
        if args.output_file:
            _write_named("--output-file", args.output_file, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    if args.html:
        assert result.run is not None
        texts = {res.document.key: res.document.text for res in result.run.results}
        origin = f"report folder {result.report_dir}" if result.report_dir else "scrapegate check"
        _write_named("--html", args.html, render_page(result.summary, documents_from_run(result.reports, texts),
                                                      origin=origin))
    if not args.quiet:
        to_stdout = args.output_file is None and (fmt in TEXT_FORMATS or args.statistics)
        stream = sys.stdout if to_stdout else sys.stderr
        with _printing(None):
            _print_baseline(result.summary.get("baseline"), stream)
            line = summary_line(result.summary, result.report_dir, Paint(colour_wanted(stream)))
            print(line + (f"; audit page {args.html}" if args.html else ""), file=stream)
            stream.flush()
    if args.exit_zero and result.exit_code == EXIT_GATE_FAILED:
        return EXIT_PASSED
    return result.exit_code


@contextmanager
def _printing(file_name: str | None) -> Iterator[None]:
    """Around writes to ``file_name`` (None: standard output). A reader of standard output that went
    away (``scrapegate check … | head``) ends the printing quietly: the reports are written and the
    exit code stays the gate's. Any other failed write names where it went (``standard output: No
    space left on device``), not an empty file name."""
    try:
        yield
    except BrokenPipeError:
        if file_name is not None:
            raise OSError(errno.EPIPE, os.strerror(errno.EPIPE), file_name) from None
        _drop_stdout()
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror, file_name or "standard output") from None


def _drop_stdout() -> None:
    """Send what is still buffered for standard output, and anything printed later, nowhere (its
    reader is gone; the interpreter's own flush at exit would fail again)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return  # not a real file (a test's capture)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def _print_problems(result: CheckResult) -> None:
    for warning in result.warnings:
        print(f"scrapegate: warning: {warning}", file=sys.stderr)
    for error in result.run.input_errors if result.run else ():
        print(f"scrapegate: error: {error.path}: {error.problem}", file=sys.stderr)


STALE_SHOWN = 20


def _print_baseline(baseline: dict[str, Any] | None, stream: Any) -> None:
    if baseline is None:
        return
    stale = baseline["stale"]
    print(f"Baseline {baseline['file']}: {plural(baseline['suppressed'], 'finding')} already in it, not reported; "
          f"{plural(len(stale), 'stale entry', 'stale entries')} (fixed, or no longer checked)"
          + (":" if stale else "."), file=stream)
    for entry in stale[:STALE_SHOWN]:
        print(f"  {entry['document']}: {entry['code']} {entry['excerpt'] or ''}".rstrip(), file=stream)
    if len(stale) > STALE_SHOWN:
        print(f"  … and {len(stale) - STALE_SHOWN} more (summary.json lists them all)", file=stream)


def _cmd_baseline(args: argparse.Namespace) -> int:
    check_output_files(args, [("--output", args.output)])
    result = check_paths(args.paths, write_reports=False, fail_on="never", **_input_arguments(args))
    _print_problems(result)
    assert result.run is not None
    entries = [e for res in result.run.results if res.findings
               for e in result_entries(res.document.key, res.document.text,
                                       result_identity(res, result.run.context), res.findings)]
    _write_named("--output", args.output, dumps_baseline(entries))
    if not args.quiet:
        print(f"Wrote {plural(len(entries), 'finding')} of {plural(len(result.run.results), 'document')} "
              f"to the baseline {args.output}; check against it with --baseline {args.output}")
    return result.exit_code


def _tolerant_streams() -> None:
    """Text output never crashes on a terminal or pipe that cannot encode Chinese (e.g.
    PYTHONIOENCODING=latin-1) or on file names that are not valid UTF-8: such characters are
    written as backslash escapes instead."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _encodable_json(obj: object, out: Any) -> str:
    """The JSON as reports are written (UTF-8, not escaped) when ``out`` can take it, else ASCII
    with \\u escapes: still the same JSON value."""
    text = dumps(obj)
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(obj, ensure_ascii=True, indent=2, default=list) + "\n"  # default: per_document on disk
    return text


def _check_audit_output(name: str, folder: Path, roots: Sequence[Path], paths: Sequence[str]) -> None:
    """``scrapegate report -o`` must not replace what the page is made of: a report of the folder
    (``summary.json``, a document's ``.json``) or a checked document under a root (``pack.jsonl`` for its
    records ``pack.jsonl/r1``)."""
    if link_loop(name):  # writing would replace the link with a file
        raise UsageError(f"--output {name}: a loop of symbolic links; write the page elsewhere")
    target = resolved(name)
    if target.name.lower().endswith((".json", ".jsonl")) and resolved(folder) in target.parents:
        raise UsageError(f"--output {name}: would overwrite a report of {folder}; write the page outside it")
    for root in roots:
        base = Path(os.path.abspath(root))
        for path in paths:
            parts = path.split("/")
            if any(resolved(base.joinpath(*parts[:k])) == target for k in range(1, len(parts) + 1)):
                raise UsageError(f"--output {name}: would overwrite the checked document {path} (under {root}); "
                                 "write the page elsewhere")


def _cmd_report(args: argparse.Namespace) -> int:
    folder = Path(args.report_dir)
    if not (folder / "summary.json").is_file():
        raise UsageError(f"{folder}: no summary.json here; give the --report-dir of a `scrapegate check` run")
    if args.root:
        roots = [Path(r) for r in args.root]
    else:
        cfg = resolve_config(None, all_rules())
        roots = [*(Path(p) if Path(p).is_dir() else Path(p).parent for p in cfg.paths), Path(".")]
    summary, documents, skipped = documents_from_report_dir(folder, roots)
    _check_audit_output(args.output, folder, roots, [entry["path"] for entry in summary["per_document"]])
    left_off = len(summary["per_document"]) - len(documents)
    _write_named("--output", args.output, render_page(summary, documents, origin=f"report folder {folder}",
                                                      left_off=left_off))
    for problem in skipped:
        print(f"scrapegate: error: {printable(problem)}; left off the page", file=sys.stderr)
    missing = sum(d.text is None for d in documents)
    print(f"Wrote the audit page of {plural(len(documents), 'document')} to {args.output}"
          + (f" ({plural(left_off, 'report')} left off)" if left_off else "")
          + (f"; {plural(missing, 'text')} not shown ({documents[0].note if missing == len(documents) else 'see the page'})"
             if missing else ""))
    return EXIT_USAGE if skipped else EXIT_PASSED


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "rules":
        return _cmd_rules(args.format)
    if args.command == "rule":
        return _cmd_rule(args.code)
    if args.command == "schema":
        return _cmd_schema(args.which)
    if args.command == "baseline":
        return _cmd_baseline(args)
    if args.command == "report":
        return _cmd_report(args)
    if args.show_settings:
        return _show_settings(args)
    return _cmd_check(args)


class Terminated(BaseException):
    """SIGTERM (a CI job's timeout, ``kill``) raised in the main process, so that the run unwinds as on
    Ctrl-C: its temporary files (a pack's spool, the size of its text) are removed and no half-written
    output is left under its final name. Python's default ends the process at once, cleaning nothing."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise Terminated


@contextmanager
def _terminable() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` while the command runs (the previous handler after it)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    with _terminable(), shared_charsets():  # the rules' patterns compiled in the run: see charsets
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # the subcommand's own usage and a hint, not the top-level usage
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        subparsers.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        code = _run_command(args)
        sys.stdout.flush()  # here, where a reader that went away is caught, not at the interpreter's exit
        return code
    except UsageError as exc:
        print(f"scrapegate: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("scrapegate: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("scrapegate: terminated (SIGTERM)", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError as exc:
        if exc.filename is not None:  # a named file (a FIFO given as -o), reported as below
            print(f"scrapegate: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
        _drop_stdout()  # the reader of `scrapegate rules | head` has what it wanted
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename is not None else ""  # an OutputError's message names it
        print(f"scrapegate: error: {printable(where + str(exc.strerror or exc))}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - an internal error must say so and exit 3
        print(f"scrapegate: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
