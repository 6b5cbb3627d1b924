"""Baselines: adopt the gate on a batch that already has findings; only new findings fail it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema

from scrapegate.checks.cli import main

SUMMARY_SCHEMA = Path(__file__).resolve().parent.parent / "checks" / "schema" / "summary.schema.json"
SPAM_DOC = "batch/001_7c00190a20eabef2.txt"
CLEAN_DOC = "batch/003_1610248ea291dfaf.txt"


def _insert_line(path: Path, at: int, line: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    lines.insert(at, line)
    path.write_text("\n".join(lines), "utf-8")


def test_adopt_then_only_a_new_defect_fails(workdir: Path, capsys) -> None:
    assert main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1"]) == 0
    assert "Wrote 17 findings of 5 documents" in capsys.readouterr().out
    entries = json.loads((workdir / "baseline.json").read_text("utf-8"))["entries"]
    assert len(entries) == 17

    # Adopted: the same batch passes against its baseline.
    assert main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1"]) == 0
    assert "Found 0 findings" in capsys.readouterr().out

    # Edits elsewhere move every finding of the spam document: the baseline still holds them.
    _insert_line(workdir / SPAM_DOC, 8, "各级政府要坚持依法行政，自觉接受人大监督，主动听取政协意见。")
    # A new defect in another document.
    lines = (workdir / CLEAN_DOC).read_text("utf-8").split("\n")
    lines[10] = lines[10][:40] + "澳门威尼斯人娱乐场" + lines[10][40:]
    (workdir / CLEAN_DOC).write_text("\n".join(lines), "utf-8")

    code = main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1",
                 "--output-format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    new = json.loads(captured.out)
    assert [(f["file"], f["code"], f["location"]["line"]) for f in new] == [(CLEAN_DOC, "SP001", 11)]
    assert "17 findings already in it, not reported; 0 stale entries" in captured.err
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    jsonschema.validate(summary, json.loads(SUMMARY_SCHEMA.read_text("utf-8")))
    assert summary["baseline"]["suppressed"] == 17 and summary["baseline"]["stale"] == []
    assert summary["documents"]["fail"] == 1
    spam_report = json.loads((workdir / "out" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
    assert spam_report["findings"] == [] and spam_report["status"] == "pass"


def test_fixed_findings_are_listed_as_stale(workdir: Path, capsys) -> None:
    main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1", "--select", "SP,TR"])
    text = (workdir / SPAM_DOC).read_text("utf-8")
    (workdir / SPAM_DOC).write_text(text.replace("pp电子娱乐", ""), "utf-8")
    capsys.readouterr()
    assert main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1",
                 "--select", "SP,TR"]) == 0
    err = capsys.readouterr().out
    assert "Baseline baseline.json: 8 findings already in it, not reported; " in err
    assert "1 stale entry (fixed, or no longer checked):" in err
    assert "  001_7c00190a20eabef2.txt: SP001 " in err


def test_a_repeated_term_is_two_entries(workdir: Path, capsys) -> None:
    """Fingerprints count occurrences: baselining one injection does not hide a second copy of it."""
    main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1", "--select", "SP"])
    _insert_line(workdir / SPAM_DOC, 12, "欢迎访问政府pp电子娱乐官网。")
    capsys.readouterr()
    assert main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1",
                 "--select", "SP", "--output-format", "concise"]) == 1
    out = capsys.readouterr().out
    assert out.count("SP001") == 1


def test_a_bad_baseline_is_a_usage_error(workdir: Path, capsys) -> None:
    (workdir / "not-a-baseline.json").write_text('{"entries": []}', "utf-8")
    for name, message in (("missing.json", "no such file"), ("not-a-baseline.json", "not a scrapegate baseline")):
        assert main(["check", "batch", "--baseline", name, "--report-dir", "out"]) == 2
        assert message in capsys.readouterr().err


def test_a_baseline_whose_file_name_is_not_utf8_is_named_in_the_summary(workdir: Path, capsys) -> None:
    # summary.json names the baseline: the name's byte 0xff is written \xff, as input errors name such
    # bytes; before, the lone surrogate stopped the run when the summary was written (internal error, exit 3)
    name = os.fsdecode(b"base\xff.json")
    assert main(["baseline", "batch", "-o", name, "--jobs", "1", "--select", "SP"]) == 0
    assert main(["check", "batch", "--baseline", name, "--report-dir", "out", "--jobs", "1", "--select", "SP"]) == 0
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["baseline"]["file"] == "base\\xff.json" and summary["baseline"]["suppressed"] == 1


def test_a_baseline_entry_holding_a_lone_surrogate_is_a_usage_error(workdir: Path, capsys) -> None:
    # a broken \u escape (an edited baseline) never matches, so it would be listed stale in summary.json,
    # which UTF-8 cannot hold: before, an internal error (exit 3) once every document was checked
    main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1", "--select", "SP"])
    data = json.loads((workdir / "baseline.json").read_text("utf-8"))
    data["entries"][0]["excerpt"] = "pp\udcff"
    (workdir / "baseline.json").write_text(json.dumps(data), "utf-8")  # ASCII: the escape stays \udcff
    capsys.readouterr()
    assert main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1"]) == 2
    assert "--baseline baseline.json: an entry holds lone surrogate code points" in capsys.readouterr().err
    assert not (workdir / "out").exists()


def test_moved_documents_keep_their_baseline_when_identified_by_url(workdir: Path, capsys) -> None:
    """Seed 001 names its source URL in its text: its identity survives a rename."""
    main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1", "--select", "SP"])
    shutil.move(workdir / SPAM_DOC, workdir / "batch" / "renamed.txt")
    capsys.readouterr()
    assert main(["check", "batch", "--baseline", "baseline.json", "--report-dir", "out", "--jobs", "1",
                 "--select", "SP"]) == 0


def test_a_selection_without_the_describing_families_keeps_identities(workdir: Path, capsys) -> None:
    """``--select SP`` runs neither the provenance nor the region describe (none of their rules run):
    the reports keep those fields' defaults, yet each finding's identity is the one a full run gives
    it (the title is found when the baseline needs it), so a full run's baseline still holds them."""
    assert main(["baseline", "batch", "-o", "baseline.json", "--jobs", "1"]) == 0
    assert main(["check", "batch", "--select", "SP", "--report-dir", "sp", "--jobs", "1"]) == 1
    spam_report = json.loads((workdir / "sp" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
    assert spam_report["findings"]
    assert spam_report["document"]["title"] is None
    assert spam_report["document"]["region"] == {"declared": None, "inferred": None}
    capsys.readouterr()
    assert main(["check", "batch", "--select", "SP", "--baseline", "baseline.json", "--report-dir", "out",
                 "--jobs", "1"]) == 0
    assert "Found 0 findings" in capsys.readouterr().out


def test_gitlab_fingerprints_do_not_depend_on_the_selection(workdir: Path, capsys) -> None:
    def spam_fingerprints(*select: str) -> dict[tuple[str, int], str]:
        main(["check", "batch", *select, "--report-dir", "out", "--jobs", "1", "--output-format", "gitlab"])
        rows = json.loads(capsys.readouterr().out)
        return {(r["location"]["path"], r["location"]["lines"]["begin"]): r["fingerprint"]
                for r in rows if r["check_name"].startswith("SP")}

    selected = spam_fingerprints("--select", "SP")
    assert selected and selected == spam_fingerprints()


def test_a_baseline_and_a_fingerprinted_format_describe_each_document_once(workdir: Path, monkeypatch,
                                                                          capsys) -> None:
    """``--select SP`` leaves provenance and region undescribed; a finding's identity describes the
    document then. The baseline reads it in the report phase and the json output's fingerprints read it
    again: one describe per document and family, not two."""
    import dataclasses
    from collections import Counter

    from scrapegate.checks import runner
    from scrapegate.checks.baseline import dumps_baseline

    calls: Counter[tuple[str, str]] = Counter()

    def counting(family):
        def describe(doc, ctx):
            calls[(family.name, doc.key)] += 1
            return family.describe(doc, ctx)
        return dataclasses.replace(family, describe=describe) if family.describe is not None else family

    counted = tuple(counting(f) for f in runner.families())
    monkeypatch.setattr(runner, "families", lambda *a, **k: counted)
    (workdir / "empty.json").write_text(dumps_baseline([]), "utf-8")
    assert main(["check", "batch", "--select", "SP", "--baseline", "empty.json", "--report-dir", "out",
                 "--jobs", "1", "--output-format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["fingerprint"] for r in rows)
    assert calls and max(calls.values()) == 1, calls
