"""The JSON Schemas of the per-file report and of ``summary.json``, generated from the registry.

The engine's own fields are written here; each family adds what it declares (:class:`Family`):
its category, its rules' codes and the shape of their ``details``, the keys it adds to a report's
``document`` block and to the summary. ``scrapegate schema [report|summary]`` prints the schemas of
the installed rules (plugins included); the copies shipped in ``checks/schema/`` are those of the
built-in families, kept in sync by a test (regenerate: ``python -m scrapegate.checks.schemas``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from scrapegate.checks.registry import CAPPED_DETAILS, Family, Rule, all_rules, families as installed_families

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SHIPPED = Path(__file__).resolve().parent / "schema"
_COUNT = {"type": "integer", "minimum": 0}
_SEVERITY_COUNTS = {"type": "object", "required": ["error", "warning", "info"],
                    "properties": {"error": _COUNT, "warning": _COUNT, "info": _COUNT}}
_VERSION = {"type": "string", "pattern": "^1\\.\\d+$"}
_TOOL = {"type": "object", "required": ["name", "version"],
         "properties": {"name": {"const": "scrapegate"}, "version": {"type": "string"}}}


def _categories(families: Iterable[Family], rules: Iterable[type[Rule]]) -> list[str]:
    ordered = [f.category for f in families]
    return list(dict.fromkeys(ordered + sorted({r.category for r in rules} - set(ordered))))


def report_schema(families: tuple[Family, ...] | None = None,
                  rules: dict[str, type[Rule]] | None = None) -> dict[str, Any]:
    """The per-file report's schema for these families and rules (default: everything installed)."""
    families = installed_families() if families is None else families
    rules = all_rules() if rules is None else rules
    document_keys = {key: value for f in families for key, value in f.document_schema.items()}
    finding = {
        "type": "object",
        "required": ["code", "name", "category", "severity", "message", "span", "excerpt", "details"],
        "properties": {
            "code": {"enum": sorted(rules)},
            "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "category": {"enum": _categories(families, rules.values())},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "minLength": 1},
            "span": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["start", "end"],
                "properties": {"start": {"type": "integer", "minimum": 0},
                               "end": {"type": "integer", "minimum": 0}},
                "additionalProperties": False}]},
            "excerpt": {"type": ["string", "null"]},
            "details": {"type": "object", "properties": CAPPED_DETAILS},
        },
        "allOf": [{"if": {"properties": {"category": {"const": f.category}}},
                   "then": {"properties": {"details": f.details_schema}}}
                  for f in families if f.details_schema],
    }
    return {
        "$schema": DRAFT,
        "$id": "https://scrapegate.dev/schema/report-1.0.json",
        "title": "scrapegate per-file validation report, schema version 1",
        "type": "object",
        "required": ["schema_version", "tool", "document", "status", "findings", "summary"],
        "properties": {
            "schema_version": _VERSION,
            "tool": _TOOL,
            "document": {
                "type": "object",
                "required": ["path", "sha256", "bytes", "encoding", "chars", *document_keys],
                "properties": {
                    "path": {"type": "string"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "bytes": _COUNT,
                    "encoding": {"type": "string"},
                    "chars": _COUNT,
                    **document_keys,
                    "decoding": {"type": "object"},
                    "manifest": {"type": ["object", "null"]},
                },
            },
            "status": {"enum": ["fail", "warn", "pass"]},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "summary": _SEVERITY_COUNTS,
            "rule_errors": {"type": "array", "items": {"type": "object", "required": ["code", "error"]}},
            "removed": {"type": "array", "items": {
                "type": "object", "required": ["start", "end", "categories", "chars"]}},
        },
        "$defs": {"finding": finding},
    }


def summary_schema(families: tuple[Family, ...] | None = None) -> dict[str, Any]:
    """``summary.json``'s schema for these families (default: everything installed)."""
    families = installed_families() if families is None else families
    family_keys = {key: value for f in families for key, value in f.summary_schema.items()}
    return {
        "$schema": DRAFT,
        "$id": "https://scrapegate.dev/schema/summary-1.0.json",
        "title": "scrapegate batch summary, schema version 1",
        "type": "object",
        "required": ["schema_version", "tool", "fail_on", "status", "documents", "findings",
                     *family_keys, "per_document", "input_errors", "rule_errors"],
        "properties": {
            "schema_version": _VERSION,
            "tool": _TOOL,
            "fail_on": {"enum": ["error", "warning", "info", "never"]},
            "status": {"enum": ["error", "fail", "warn", "pass"]},
            "documents": {"type": "object", "required": ["total", "fail", "warn", "pass", "input_errors"],
                          "properties": {k: _COUNT for k in ("total", "fail", "warn", "pass", "input_errors")}},
            "findings": {
                "type": "object", "required": ["total", "by_severity", "by_category", "by_code"],
                "properties": {
                    "total": {"type": "integer"},
                    "by_severity": _SEVERITY_COUNTS,
                    # Open: a plugin's category or code is counted like a built-in one.
                    "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "by_code": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
            },
            **family_keys,
            "per_document": {"type": "array", "items": {
                "type": "object", "required": ["path", "status", "report", "error", "warning", "info"],
                "properties": {
                    "path": {"type": "string"},
                    "status": {"enum": ["fail", "warn", "pass"]},
                    "report": {"type": "string", "description": "the report's name inside --report-dir (see "
                                                                "README: colliding names get ~N)"},
                    "clean": {"type": "string", "description": "with --write-clean: the cleaned text's name "
                                                               "inside that folder"}}}},
            "input_errors": {"type": "array", "items": {
                "type": "object", "required": ["path", "error"],
                "properties": {"path": {"type": "string", "description": "the document's name relative to its "
                                        "input root (pack records: <pack>:<line>), else the path as given"}}}},
            "rule_errors": {"type": "array", "items": {"type": "object", "required": ["path", "code", "error"]}},
            "baseline": {
                "description": "Present with --baseline: the findings the baseline held (left out of the "
                               "reports) and its entries no finding matched (stale).",
                "type": "object", "required": ["file", "entries", "suppressed", "stale"],
                "properties": {
                    "file": {"type": "string"}, "entries": _COUNT, "suppressed": _COUNT,
                    "stale": {"type": "array", "items": {
                        "type": "object", "required": ["fingerprint", "code", "document", "excerpt"],
                        "properties": {"fingerprint": {"type": "string"}, "code": {"type": "string"},
                                       "document": {"type": "string"}, "excerpt": {"type": ["string", "null"]}}}},
                },
            },
        },
    }


def schema_text(which: str, *, include_plugins: bool = True) -> str:
    """The schema as the shipped files hold it: indented JSON, UTF-8, a final newline."""
    families = installed_families(include_plugins)
    if which == "report":
        schema = report_schema(families, all_rules(include_plugins=include_plugins))
    else:
        schema = summary_schema(families)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # regenerate the shipped copies
    for name in ("report", "summary"):
        (SHIPPED / f"{name}.schema.json").write_text(schema_text(name, include_plugins=False), encoding="utf-8")
