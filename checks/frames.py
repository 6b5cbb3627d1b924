"""Findings as a pandas DataFrame, for notebooks and pipelines (pandas and pandera load only here)."""

from __future__ import annotations

import json
from typing import Any

COLUMNS = ("path", "status", "code", "name", "category", "severity", "message", "start", "end",
           "excerpt", "probability", "details")


def findings_schema() -> Any:
    """The frame's pandera schema: one row per finding; ``start``/``end`` null when it has no span."""
    import pandera.pandas as pa

    text = pa.Column(str)
    return pa.DataFrameSchema(
        {
            "path": text,
            "status": pa.Column(str, pa.Check.isin(["fail", "warn", "pass"])),
            "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,3}\d{3}$")),
            "name": text,
            "category": text,
            "severity": pa.Column(str, pa.Check.isin(["error", "warning", "info"])),
            "message": text,
            "start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "end": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "excerpt": pa.Column(str, nullable=True),
            "probability": pa.Column(float, pa.Check.in_range(0.0, 1.0), nullable=True),
            "details": text,
        },
        strict=True,
        ordered=True,
        coerce=True,
    )


def findings_frame(reports: dict[str, dict[str, Any]]) -> Any:
    import pandas as pd

    rows = []
    for path, report in sorted(reports.items()):
        for f in report["findings"]:
            span = f.get("span") or {}
            probability = f["details"].get("probability")
            rows.append({
                "path": path, "status": report["status"], "code": f["code"], "name": f["name"],
                "category": f["category"], "severity": f["severity"], "message": f["message"],
                "start": span.get("start"), "end": span.get("end"), "excerpt": f.get("excerpt"),
                "probability": float(probability) if isinstance(probability, (int, float)) else None,
                "details": json.dumps(f["details"], ensure_ascii=False, sort_keys=True),
            })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return findings_schema().validate(frame)
