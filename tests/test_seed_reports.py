"""The seed batch's reports in tests/seed_reports/ are a reviewed example: they must match what the tool
writes.

When a rule changes on purpose, regenerate them (``scrapegate check seeds/ --report-dir
tests/seed_reports``, from the repository root) and review the diff like code: it shows exactly what
the change does to real documents. They are kept out of ``reports/``, the default output folder, so
a run of the README's command writes its reports there afresh instead of over reviewed files.
"""

from __future__ import annotations

from pathlib import Path

from scrapegate.checks import check_paths
from scrapegate.checks.reports import dumps, report_name

ROOT = Path(__file__).resolve().parent.parent


def test_committed_seed_reports_are_current(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = check_paths(["seeds"], write_reports=False, jobs=1)
    committed = ROOT / "tests" / "seed_reports"
    for key, report in result.reports.items():
        path = committed / report_name(key)
        assert path.read_text("utf-8") == dumps(report), f"{path} is stale: run `scrapegate check seeds/ --report-dir tests/seed_reports`"
    assert (committed / "summary.json").read_text("utf-8") == dumps(result.summary)
