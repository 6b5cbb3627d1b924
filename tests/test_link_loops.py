"""Symbolic links that lead back to themselves (``a -> b -> a``), wherever a path is named: Path.resolve
raises RuntimeError on them before Python 3.13, which stopped the run as an internal error (exit 3).
An input loop is an input error naming it, the other documents are reported; an output file or folder
named by a loop is a usage error, and the link is left as it was (writing would replace it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scrapegate.checks.cli import main

TEXT = "第一号通知。本单位将于下周召开会议，请各部门准时参加。\n"


@pytest.fixture
def looped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("loop2.txt", tmp_path / "in" / "loop.txt")
    os.symlink("loop.txt", tmp_path / "in" / "loop2.txt")
    return tmp_path


def test_a_loop_named_as_an_input_is_an_input_error(looped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "in/loop.txt", "in/a.txt", "--report-dir", "out", "-q", "--fail-on", "never"]) == 2
    assert "in/loop.txt: a loop of symbolic links" in capsys.readouterr().err
    assert (looped / "out" / "a.txt.json").exists()


def test_a_loop_met_in_a_folder_is_an_input_error(looped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "in", "--report-dir", "out", "-q", "--fail-on", "never"]) == 2
    err = capsys.readouterr().err
    assert "in/loop.txt: a loop of symbolic links" in err and "in/loop2.txt: a loop of symbolic links" in err
    assert (looped / "out" / "a.txt.json").exists()


@pytest.mark.parametrize("flag", ["-o", "--html"])
def test_an_output_file_named_by_a_loop_is_a_usage_error(looped: Path, capsys: pytest.CaptureFixture[str],
                                                          flag: str) -> None:
    assert main(["check", "in/a.txt", flag, "in/loop.txt", "--report-dir", "out", "-q"]) == 2
    assert "loop.txt: a loop of symbolic links; write the file elsewhere" in capsys.readouterr().err
    assert os.readlink(looped / "in" / "loop.txt") == "loop2.txt"


def test_the_audit_page_written_to_a_loop_is_a_usage_error(looped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "in/a.txt", "--report-dir", "out", "-q", "--fail-on", "never"]) == 0
    assert main(["report", "out", "-o", "in/loop.txt"]) == 2
    assert "--output in/loop.txt: a loop of symbolic links; write the page elsewhere" in capsys.readouterr().err
    assert os.readlink(looped / "in" / "loop.txt") == "loop2.txt"


def test_a_report_folder_named_by_a_loop_is_a_usage_error(looped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "in/a.txt", "--report-dir", "in/loop.txt", "-q"]) == 2
    assert "--report-dir in/loop.txt" in capsys.readouterr().err
    assert os.readlink(looped / "in" / "loop.txt") == "loop2.txt"


@pytest.mark.parametrize("flag", ["--index", "--baseline", "--manifest", "--config"])
def test_a_file_read_through_a_loop_is_a_usage_error(looped: Path, capsys: pytest.CaptureFixture[str],
                                                     flag: str) -> None:
    # --index only warned that it did not exist (exit 0); the others said "cannot read it ([Errno 40] …)",
    # "cannot read manifest" or "config file not found"
    os.symlink("loop2.csv", looped / "in" / "loop.csv")
    os.symlink("loop.csv", looped / "in" / "loop2.csv")
    name = "in/loop.csv" if flag == "--manifest" else "in/loop.txt"
    assert main(["check", "in/a.txt", flag, name, "--report-dir", "out", "-q", "--fail-on", "never"]) == 2
    err = capsys.readouterr().err
    assert err == f"scrapegate: error: {flag} {name}: a loop of symbolic links; name the file itself\n"
    assert not (looped / "out").exists()


def test_a_baseline_run_reading_a_loop_is_a_usage_error(looped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "in/a.txt", "--index", "in/loop.txt", "-o", "base.json", "-q"]) == 2
    assert "--index in/loop.txt: a loop of symbolic links; name the file itself" in capsys.readouterr().err
    assert not (looped / "base.json").exists()
