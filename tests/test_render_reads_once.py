"""The text output reads each result back from the run's spill once: its rows and its crash lines
come from one pass (two readings doubled what the main process spent unpickling results)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapegate.checks import runner
from scrapegate.checks.api import check_paths
from scrapegate.checks.cli import main
from scrapegate.checks.output_formats import Paint, PrintedRows, render, rows_and_crash_lines, rows_of
from scrapegate.checks.registry import all_rules
from scrapegate.checks.runner import RuleCrash


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The places of the results read back from the run's spill."""
    seen: list[int] = []
    item = runner.ResultStore._item

    def counted(store: runner.ResultStore, i: int) -> runner.DocumentResult:
        seen.append(i)
        return item(store, i)

    monkeypatch.setattr(runner.ResultStore, "_item", counted)
    return seen


@pytest.mark.parametrize("fmt", ["full", "jsonl", "sarif"])
def test_render_reads_every_result_once(workdir: Path, reads: list[int], fmt: str) -> None:
    run = check_paths(["batch"], jobs=1, write_reports=False).run
    assert run is not None and len(run.results) >= 2
    reads.clear()
    render(fmt, run, all_rules(), paint=Paint(False))
    assert sorted(reads) == list(range(len(run.results)))


def test_rows_and_crash_lines_are_the_rows_and_every_crash(workdir: Path) -> None:
    run = check_paths(["batch"], jobs=1, write_reports=False).run
    assert run is not None
    first = run.results[0]
    first.crashes.append(RuleCrash("XX001", "boom"))
    run.results.replace(0, first)
    run.batch_crashes.append(RuleCrash("DU001", "batch boom"))
    for fingerprinted in (True, False):
        rows, crashes = rows_and_crash_lines(run, fingerprinted)
        assert rows == rows_of(run, fingerprinted) and rows
        assert crashes[0] == f"{first.document.path}: rule XX001 crashed: boom" and len(crashes) == 2
        assert crashes[-1] == "batch: rule DU001 crashed: batch boom"


@pytest.mark.parametrize("fmt", ["full", "jsonl"])
def test_check_reads_every_result_once(workdir: Path, reads: list[int], capsys: pytest.CaptureFixture[str],
                                       fmt: str) -> None:
    """The CLI's report loop gathers the printed rows: the output reads no result again (before: the
    report loop and then render each read every result)."""
    main(["check", "batch", "--jobs", "1", "--exit-zero", "-q", "--output-format", fmt, "--report-dir", "out"])
    printed = capsys.readouterr().out
    assert printed and sorted(reads) == list(range(len(list((workdir / "batch").iterdir()))))


def test_printed_rows_are_those_of_one_reading(workdir: Path) -> None:
    for fingerprinted, formats in ((True, ("sarif", "jsonl")), (False, ("full", "grouped"))):
        printed = PrintedRows(fingerprinted)
        run = check_paths(["batch"], jobs=1, report_dir="out", _reported=printed).run
        assert run is not None and printed.seen == len(run.results)
        rows, crashes = rows_and_crash_lines(run, fingerprinted)
        assert printed.rows == rows and rows and printed.crashes == crashes
        for fmt in formats:
            assert (render(fmt, run, all_rules(), paint=Paint(False), printed=printed)
                    == render(fmt, run, all_rules(), paint=Paint(False)))


def test_render_reads_the_results_when_the_rows_were_not_gathered(workdir: Path) -> None:
    """Reports written by workers pass no result to ``_reported``: render reads the results."""
    run = check_paths(["batch"], jobs=1, write_reports=False).run
    assert run is not None
    unseen = PrintedRows(False)
    assert render("full", run, all_rules(), paint=Paint(False), printed=unseen) == render(
        "full", run, all_rules(), paint=Paint(False))
    assert unseen.seen == 0 and "batch" in render("full", run, all_rules(), paint=Paint(False), printed=unseen)
