"""Corpus scale (issue 15): documents read twice instead of held, JSONL report files, reports not kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapegate.checks.api import check_paths
from scrapegate.checks.cli import main
from scrapegate.checks.errors import InputError, UsageError
from scrapegate.checks.inputs import discover, read_document
from scrapegate.checks.runner import StoredDocument


def _pack(workdir: Path, seeds_dir: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:3]]
    rows = [{"id": f"r{i}", "text": t} for i, t in enumerate(texts)] + [{"id": "copy", "text": texts[0]}]
    (workdir / "batch" / "pack.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")


def test_jsonl_reports_hold_the_per_file_reports_one_a_line(workdir: Path, seeds_dir: Path) -> None:
    _pack(workdir, seeds_dir)
    main(["check", "batch", "--report-dir", "a", "--jobs", "2"])
    assert main(["check", "batch", "--report-dir", "b", "--jobs", "2", "--report-format", "jsonl"]) == 1
    per_file = json.loads((workdir / "a" / "summary.json").read_text("utf-8"))
    summary = json.loads((workdir / "b" / "summary.json").read_text("utf-8"))
    assert sorted(p.name for p in (workdir / "b").iterdir()) == [
        "documents.reports.jsonl", "pack.jsonl.reports.jsonl", "summary.json"]
    lines = {name: (workdir / "b" / name).read_text("utf-8").splitlines()
             for name in ("documents.reports.jsonl", "pack.jsonl.reports.jsonl")}
    by_shard: dict[str, list[str]] = {}
    for entry, before in zip(summary["per_document"], per_file["per_document"]):
        assert entry == {**before, "report": entry["report"]}
        by_shard.setdefault(entry["report"], []).append(entry["path"])
        assert entry["report"] == ("pack.jsonl.reports.jsonl" if entry["path"].startswith("pack.jsonl/")
                                   else "documents.reports.jsonl")
    for name, paths in by_shard.items():  # one line per report, in the summary's order
        assert [json.loads(line)["document"]["path"] for line in lines[name]] == paths
        for line, path in zip(lines[name], paths):
            assert json.loads(line) == json.loads((workdir / "a" / before_name(per_file, path)).read_text("utf-8"))
    pack_reports = [json.loads(line) for line in lines["pack.jsonl.reports.jsonl"]]
    assert any(f["code"].startswith("DU") for r in pack_reports for f in r["findings"])  # batch findings too
    assert main(["report", "b", "-o", "audit.html", "--root", "batch"]) == 0
    assert "pack.jsonl/copy" in (workdir / "audit.html").read_text("utf-8")


def before_name(summary: dict, path: str) -> str:
    return next(e["report"] for e in summary["per_document"] if e["path"] == path)


def test_reports_not_kept_are_written_the_same(workdir: Path) -> None:
    kept = check_paths(["batch"], report_dir="a", jobs=1)
    lean = check_paths(["batch"], report_dir="b", jobs=1, keep_reports=False)
    assert lean.summary == kept.summary
    for key, report in kept.reports.items():
        assert lean.reports[key] == {"status": report["status"], "summary": report["summary"]}
        name = before_name(kept.summary, key)
        assert (workdir / "b" / name).read_bytes() == (workdir / "a" / name).read_bytes()


def test_a_document_that_changes_between_the_two_reads_is_an_input_error(workdir: Path) -> None:
    (item,), _ = discover([str(sorted((workdir / "batch").glob("*.txt"))[0])], ("txt",))
    stored = StoredDocument.of(read_document(item, 1 << 20), item, 1 << 20)
    assert stored.text == read_document(item, 1 << 20).text and stored.chars == len(stored.text)
    StoredDocument._last = None
    item.path.write_text("另一份文件。", encoding="utf-8")
    with pytest.raises(InputError, match="changed while being checked"):
        stored.load()


def test_an_unknown_report_format_is_a_usage_error(workdir: Path) -> None:
    with pytest.raises(UsageError, match="--report-format must be one of json, jsonl"):
        check_paths(["batch"], report_dir="out", report_format="parquet")
    assert not (workdir / "out").exists()
