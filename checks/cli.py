"""The ``scrapegate`` command line: check, rules, rule CODE, schema.

Exit codes: 0 gate passed, 1 gate failed, 2 usage/config/manifest/input error, 3 a rule crashed.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Sequence

from scrapegate.checks import __version__
from scrapegate.checks.api import EXIT_INTERNAL, EXIT_USAGE, CheckResult, check_paths
from scrapegate.checks.config import FAIL_ON
from scrapegate.checks.errors import UsageError
from scrapegate.checks.packs import FieldMap
from scrapegate.checks.registry import Rule, all_rules
from scrapegate.checks.reports import dumps


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrapegate",
        description="Data-quality and provenance checks for scraped documents.",
        epilog="Exit codes: 0 passed, 1 gate failed, 2 usage/config/manifest/input error, 3 a rule crashed.",
    )
    parser.add_argument("--version", action="version", version=f"scrapegate {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check files and folders, write one JSON report per document")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: config 'paths')")
    check.add_argument("--manifest", metavar="FILE", help="CSV or JSONL: path, url, title, region, source, fetched_at")
    check.add_argument("--expect-region", metavar="NAME", help="the region every document should belong to")
    check.add_argument("--report-dir", metavar="DIR", help="where reports go (default: reports/)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="what goes to stdout")
    check.add_argument("--fail-on", choices=FAIL_ON, help="gate threshold (default: error)")
    check.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes")
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated codes or prefixes")
    check.add_argument("--config", metavar="FILE", help="config file (default: nearest pyproject.toml or scrapegate.toml)")
    check.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    check.add_argument("--write-clean", metavar="DIR", help="also write texts without boilerplate and spam")
    check.add_argument("--index", metavar="PATH", help="persistent index of earlier documents (duplicates across runs)")
    check.add_argument("--update-index", action="store_true", help="add this batch to --index after the run")
    check.add_argument("--attributes", metavar="DIR",
                       help="also write Dolma-style span attributes, one file per input shard")
    check.add_argument("--text-field", metavar="NAME", help="packs: the field holding the text (default: text)")
    check.add_argument("--id-field", metavar="NAME", help="packs: the field holding the id (default: id)")
    check.add_argument("--field", action="append", metavar="FIELD=NAME", default=[],
                       help="packs: read manifest FIELD (url, title, region, source, fetched_at) from NAME")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "markdown"), default="text",
                       help="markdown: the full documentation of every rule (docs/RULES.md)")
    rule = sub.add_parser("rule", help="print one rule's documentation")
    rule.add_argument("code")
    schema = sub.add_parser("schema", help="print the JSON Schema of the reports")
    schema.add_argument("which", nargs="?", choices=("report", "summary"), default="report")
    return parser


def _print_text(result: CheckResult) -> None:
    run = result.run
    assert run is not None
    lines = []
    for res in run.results:
        for f in sorted(res.findings, key=lambda f: f.sort_key()):
            line, col = res.document.position(f.span.start) if f.span else (1, 1)
            lines.append(f"{res.document.path}:{line}:{col}: {f.code} [{f.severity.value}] {f.message}")
        for crash in res.crashes:
            lines.append(f"{res.document.path}: rule {crash.code} crashed: {crash.error}")
    for crash in run.batch_crashes:
        lines.append(f"batch: rule {crash.code} crashed: {crash.error}")
    if lines:
        print("\n".join(lines))
    s = result.summary
    counts = s["findings"]["by_severity"]
    docs = s["documents"]
    print(f"Found {s['findings']['total']} findings ({counts['error']} errors, {counts['warning']} warnings, "
          f"{counts['info']} info) in {docs['total']} documents: "
          f"{docs['fail']} fail, {docs['warn']} warn, {docs['pass']} pass.")


def _cmd_rules(fmt: str) -> int:
    if fmt == "markdown":
        print(rules_markdown(), end="")
        return 0
    for code, rule in all_rules().items():
        print(f"{code}  {rule.name:<32} {rule.category.value:<12} {rule.severity.value:<8} {rule.summary()}")
    return 0


def _options_text(rule: type[Rule]) -> list[str]:
    fields = rule.option_fields()
    if not fields:
        return []
    return ["", f"Options (set in [tool.scrapegate.rules.{rule.code}]):",
            *(f"  {f.name} = {f.default!r}" for f in fields)]


def rule_documentation(rule: type[Rule]) -> str:
    lines = [f"{rule.code} ({rule.name})", f"category: {rule.category.value}",
             f"default severity: {rule.severity.value}", "", rule.documentation(), *_options_text(rule)]
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """Every rule's documentation, generated from the docstrings (kept as docs/RULES.md)."""
    parts = ["# scrapegate rules\n\nGenerated by `scrapegate rules --format markdown` from the rules' "
             "docstrings; do not edit by hand.\n"]
    for rule in all_rules(include_plugins=False).values():
        parts.append(f"## {rule.code} `{rule.name}`\n\ncategory `{rule.category.value}`, default severity "
                     f"`{rule.severity.value}`\n\n```text\n"
                     + "\n".join([rule.documentation(), *_options_text(rule)]) + "\n```\n")
    return "\n".join(parts)


def _cmd_rule(code: str) -> int:
    rule = all_rules().get(code.upper())
    if rule is None:
        print(f"scrapegate: unknown rule code '{code}' (see `scrapegate rules`)", file=sys.stderr)
        return EXIT_USAGE
    print(rule_documentation(rule), end="")
    return 0


def _cmd_schema(which: str) -> int:
    text = resources.files("scrapegate.checks").joinpath(f"schema/{which}.schema.json").read_text("utf-8")
    print(text, end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "rules":
            return _cmd_rules(args.format)
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "schema":
            return _cmd_schema(args.which)
        result = check_paths(
            args.paths, manifest=args.manifest, expect_region=args.expect_region, config=args.config,
            select=args.select, ignore=args.ignore, fail_on=args.fail_on, jobs=args.jobs,
            report_dir=args.report_dir, write_clean=args.write_clean, index=args.index,
            update_index=args.update_index,
            fields=FieldMap.parse(args.text_field, args.id_field, args.field), attributes=args.attributes,
        )
    except UsageError as exc:
        print(f"scrapegate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("scrapegate: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - an internal error must say so and exit 3
        print(f"scrapegate: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    for warning in result.warnings:
        print(f"scrapegate: warning: {warning}", file=sys.stderr)
    for error in result.summary["input_errors"]:
        print(f"scrapegate: error: {error['path']}: {error['error']}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(dumps(result.summary))
    else:
        _print_text(result)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
