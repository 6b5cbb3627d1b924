"""The summary's per-document list is written to disk as the reports are done (reports.PerDocument),
not built whole at the end: summary.json is byte for byte what it was, at --jobs 1 and 2, whether
reports are kept or not; with ``keep_reports=False`` ``CheckResult.summary["per_document"]`` is the
on-disk list itself (read-only, decoded when read, equal to the list)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scrapegate.checks.api import check_paths, check_texts
from scrapegate.checks.json_indent import dumps_indented
from scrapegate.checks.reports import PerDocument


@pytest.fixture
def batch(workdir: Path) -> Path:
    for copy in ("c1", "c2"):  # 15 documents: --jobs 2 writes the reports in workers
        shutil.copytree(workdir / "batch", workdir / "batch" / copy, ignore=shutil.ignore_patterns("c*"))
    return workdir


@pytest.mark.parametrize("report_format", ["json", "jsonl"])
def test_summary_file_is_the_same_whether_reports_are_kept_or_not(batch: Path, report_format: str) -> None:
    files = {}
    for jobs in (1, 2):
        for keep in (True, False):
            out = batch / f"out-{jobs}-{keep}"
            result = check_paths(["batch"], report_dir=out, jobs=jobs, keep_reports=keep, report_format=report_format)
            files[jobs, keep] = (out / "summary.json").read_bytes()
            entries = result.summary["per_document"]
            assert isinstance(entries, list if keep else PerDocument)
            assert len(entries) == 15 and [e["path"] for e in entries] == sorted(e["path"] for e in entries)
            assert entries == json.loads(files[jobs, keep])["per_document"]
            assert dumps_indented(result.summary) + "\n" == files[jobs, keep].decode("utf-8")
    assert len(set(files.values())) == 1


def test_entries_come_out_in_key_order_whatever_order_the_documents_came_in(workdir: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted((workdir / "batch").glob("*.txt"))]
    records = [{"id": name, "text": text} for name, text in zip(["d", "b", "e", "a", "c"], texts)]
    kept = check_texts(records, write_reports=True, report_dir="kept")
    streamed = check_texts(records, write_reports=True, report_dir="streamed", keep_reports=False)
    assert (workdir / "kept" / "summary.json").read_bytes() == (workdir / "streamed" / "summary.json").read_bytes()
    entries = streamed.summary["per_document"]
    assert [e["path"] for e in entries] == ["a", "b", "c", "d", "e"]
    assert entries[-1] == entries[4] == kept.summary["per_document"][4] and entries[1:3] == kept.summary["per_document"][1:3]
    assert entries == kept.summary["per_document"] and kept.summary["per_document"] == list(entries)
    with pytest.raises(IndexError):
        entries[5]
