"""The report phase in worker processes (``--jobs 2``, eight documents or more, reports written to a
folder, no baseline): the same files, byte for byte, as the report phase in the main process
(``--jobs 1``), with batch findings and per-file ignores changing what is reported; with a baseline
(consumed in document order) the main process reports, and the files are the same too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scrapegate.checks.api import check_paths
from scrapegate.checks.cli import main
from scrapegate.checks.runner import SERIAL_BELOW


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def batch(workdir: Path) -> Path:
    seeds = sorted((workdir / "batch").glob("*.txt"))
    for n, seed in enumerate(seeds):  # exact copies: duplicate findings, added after pass 2
        shutil.copy(seed, workdir / "batch" / f"copy_{n}.txt")
    assert len(list((workdir / "batch").glob("*.txt"))) >= SERIAL_BELOW
    (workdir / "scrapegate.toml").write_text('[per-file-ignores]\n"batch/001_*" = ["SP", "DU"]\n', encoding="utf-8")
    assert main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1", "--select", "SP,TR"]) == 0
    return workdir


@pytest.mark.parametrize("report_format,baseline", [("json", False), ("jsonl", False), ("json", True)])
def test_reports_written_by_workers_are_those_of_the_main_process(batch: Path, report_format: str,
                                                                  baseline: bool) -> None:
    for jobs in ("1", "2"):
        main(["check", "batch", "--report-dir", f"out{jobs}", "--jobs", jobs, "--report-format", report_format,
              *(["--baseline", "baseline.json"] if baseline else [])])
    serial, parallel = _tree(batch / "out1"), _tree(batch / "out2")
    assert parallel == serial
    summary = json.loads(serial["summary.json"])
    assert summary["findings"]["by_category"].get("duplicate", 0) > 0
    assert not baseline or summary["baseline"]["suppressed"] > 0
    ignored = [json.loads(line) for line in serial["documents.reports.jsonl"].splitlines()] if report_format == \
        "jsonl" else [json.loads(serial["001_7c00190a20eabef2.txt.json"])]
    codes = {f["code"][:2] for r in ignored if r["document"]["path"].startswith("001_") for f in r["findings"]}
    assert not codes & {"SP", "DU"}


def test_results_as_reported_are_kept(batch: Path) -> None:
    """Findings a worker dropped (per-file ignores, baseline) are dropped from the run's results too."""
    results = {jobs: check_paths(["batch"], report_dir=f"api{jobs}", jobs=jobs) for jobs in (1, 2)}
    for jobs, result in results.items():
        held = {r.document.key: sorted(f.code for f in r.findings) for r in result.run.results}  # type: ignore[union-attr]
        reported = {key: sorted(f["code"] for f in report["findings"]) for key, report in result.reports.items()}
        assert held == reported, jobs
    assert results[1].reports == results[2].reports
    assert results[1].summary == results[2].summary


def test_ignores_that_keep_a_documents_batch_findings(batch: Path) -> None:
    """A per-file ignore that changes a document's findings but keeps its duplicate findings: the
    summary counts the kept batch findings (a worker's result replaced the stored one first and
    the run stopped with an IndexError)."""
    (batch / "scrapegate.toml").write_text('[per-file-ignores]\n"batch/001_*" = ["TR"]\n', encoding="utf-8")
    for jobs in ("1", "2"):
        assert main(["check", "batch", "--report-dir", f"out{jobs}", "--jobs", jobs]) == 1
    serial, parallel = _tree(batch / "out1"), _tree(batch / "out2")
    assert parallel == serial
    codes = {f["code"][:2] for f in json.loads(serial["001_7c00190a20eabef2.txt.json"])["findings"]}
    assert "DU" in codes and "TR" not in codes
