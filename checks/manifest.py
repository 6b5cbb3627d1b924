"""The manifest: one row per document (CSV or JSONL), validated with a pandera model.

Columns: ``path`` (required; relative to the manifest's folder, or absolute), and optional ``url``,
``title``, ``region``, ``source``, ``fetched_at`` (ISO 8601). Empty cells mean unknown. Every problem
is collected (pandera's lazy validation) and reported at once, each naming its row and column.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series
from scrapegate.checks.document import (LONE_SURROGATE, MANIFEST_FIELDS, REGION_LENGTH, URL_PATTERN, ManifestEntry,
                                        is_iso8601, surrogate_problem)
from scrapegate.checks.errors import ManifestError, printable
from scrapegate.checks.outputs import resolved

COLUMNS = ("path", *MANIFEST_FIELDS)


class ManifestModel(pa.DataFrameModel):
    """One row per document. Extra columns are kept out of reports and named in a warning."""

    path: Series[str] = pa.Field(nullable=False, unique=True, str_length={"min_value": 1})
    url: Series[str] | None = pa.Field(nullable=True, str_matches=URL_PATTERN)
    title: Series[str] | None = pa.Field(nullable=True)
    region: Series[str] | None = pa.Field(nullable=True, str_length={"min_value": REGION_LENGTH[0], "max_value": REGION_LENGTH[1]})
    source: Series[str] | None = pa.Field(nullable=True)
    fetched_at: Series[str] | None = pa.Field(nullable=True)

    @pa.check("fetched_at", name="ISO 8601 date-time")
    def _fetched_at_is_iso(cls, series: Series[str]) -> Series[bool]:
        return series.map(lambda v: pd.isna(v) or is_iso8601(v)).astype(bool)

    class Config:
        strict = False


def _read_frame(path: Path) -> tuple[pd.DataFrame, str]:
    """The manifest as strings (empty -> NA), and what to call a row in messages ("row" / "line")."""
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            records = []
            for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ManifestError(f"{path}: line {number}: not valid JSON ({exc.msg})") from None
                except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
                    raise ManifestError(f"{path}: line {number}: not readable JSON "
                                        f"({type(exc).__name__}: {str(exc)[:80]})") from None
                if not isinstance(record, dict):
                    raise ManifestError(f"{path}: line {number}: expected a JSON object")
                if problem := _surrogate_in(record):
                    raise ManifestError(f"{path}: line {number}: {problem}")
                records.append({k: None if v is None or v == "" else str(v) for k, v in record.items()})
            return pd.DataFrame.from_records(records, index=pd.RangeIndex(1, len(records) + 1)), "line"
        if path.suffix.lower() in (".csv", ".tsv"):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                sep="\t" if path.suffix.lower() == ".tsv" else ",")
            frame.index = pd.RangeIndex(2, len(frame) + 2)  # line numbers: the header is line 1
            frame.columns = [str(c).strip() for c in frame.columns]
            return frame.replace("", None), "line"
    except ManifestError:
        raise
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ManifestError(f"{path}: cannot read manifest: {exc}") from exc
    raise ManifestError(f"{path}: manifest must be .csv, .tsv, .jsonl or .ndjson")


def _surrogate_in(record: dict[str, object]) -> str | None:
    """A key or string value of a JSONL manifest line that UTF-8 (pandas' strings, the reports) cannot hold,
    named, or None. The CSV is read as strict UTF-8; JSON's \\u escapes can write lone surrogates."""
    for name, value in record.items():
        if LONE_SURROGATE.search(name):
            return f"the key '{printable(name)}' holds lone surrogate code points (broken \\u escapes)"
        if isinstance(value, str) and (problem := surrogate_problem(name, value)):
            return problem
    return None


def _describe_failures(path: Path, errors: pa.errors.SchemaErrors, unit: str) -> list[str]:
    messages = []
    for case in errors.failure_cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        if case.index is None or pd.isna(case.index):
            if check == "column_in_dataframe":
                messages.append(f"{path}: missing required column '{case.failure_case}'")
            else:
                messages.append(f"{path}: column '{column}': {check}: {case.failure_case}")
            continue
        value = "empty" if case.failure_case is None or pd.isna(case.failure_case) else repr(case.failure_case)
        messages.append(f"{path}: {unit} {int(case.index)}, column '{column}': fails {check} ({value})")
    return sorted(set(messages), key=messages.index)


def _cell(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def _line_number(message: str) -> int:
    match = re.search(r": (?:line|row) (\d+),", message)
    return int(match.group(1)) if match else 0


def load_manifest(path: Path) -> tuple[dict[Path, ManifestEntry], list[str]]:
    """Entries keyed by the resolved file path, and warnings. Raises ManifestError listing every problem."""
    frame, unit = _read_frame(path)
    if frame.empty and "path" not in frame.columns:
        raise ManifestError(f"{path}: manifest is empty (it needs at least a 'path' column)")
    try:
        frame = ManifestModel.validate(frame, lazy=True)
        problems: list[str] = []
    except pa.errors.SchemaErrors as exc:
        problems = _describe_failures(path, exc, unit)
    warnings = [f"{path}: column '{c}' is not a manifest column and is ignored"
                for c in frame.columns if c not in COLUMNS]
    entries: dict[Path, ManifestEntry] = {}
    if "path" in frame.columns:
        for index, row in frame.iterrows():
            value = _cell(row.get("path"))
            if value is None:
                continue
            file = resolved(path.parent / value)
            if not file.is_file():
                what = "a folder, not a file" if file.is_dir() else "no such file"
                problems.append(f"{path}: {unit} {index}, column 'path': {what} '{value}'")
                continue
            entries[file] = ManifestEntry(**{c: _cell(row.get(c)) for c in MANIFEST_FIELDS})
    if problems:
        problems.sort(key=_line_number)
        raise ManifestError("invalid manifest:\n  " + "\n  ".join(problems))
    return entries, warnings
