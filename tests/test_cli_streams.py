"""The command line when its output cannot be written: a reader that went away (``| head``), a full
device, a full temporary folder. Each runs the real CLI in a child process (the failures are the
operating system's); the error names where the write went, never an empty file name."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "scrapegate.checks.cli"]
SPAM = "建议您到相关地区政府pp电子娱乐官网浏览。\n"  # SP001's example: an error, the gate fails (exit 1)


def _batch(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i:02d}.txt").write_text(f"第{i}份。{SPAM}", encoding="utf-8")
    return folder


def _closed_reader(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with its standard output a pipe whose reader closed before anything was written."""
    child = subprocess.Popen(CLI + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode("utf-8", "replace")
    return child.wait(timeout=300), err


def test_check_into_a_closed_pipe_keeps_the_gate_code_and_writes_the_reports(tmp_path):
    batch = _batch(tmp_path / "in", 40)  # findings enough to fill the pipe's buffer, and a few lines only
    for quiet in ([], ["-q"]):
        code, err = _closed_reader(["check", str(batch), "--report-dir", "out", "--jobs", "1", *quiet], tmp_path)
        assert code == 1, err  # the gate's: SP001 errors
        assert "Broken pipe" not in err and "Exception ignored" not in err, err
        assert (tmp_path / "out" / "summary.json").is_file()


def test_other_commands_into_a_closed_pipe_exit_quietly(tmp_path):
    for command in (["rules"], ["schema"]):
        code, err = _closed_reader(command, tmp_path)
        assert (code, err) == (141, ""), (command, err)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_named(tmp_path):
    batch = _batch(tmp_path / "in", 2)
    with open("/dev/full", "wb") as full:
        ran = subprocess.run(CLI + ["check", str(batch), "--report-dir", "out", "--jobs", "1"], cwd=tmp_path,
                             stdout=full, stderr=subprocess.PIPE, timeout=300)
    assert ran.returncode == 2
    assert ran.stderr.decode().strip() == "scrapegate: error: standard output: No space left on device"
    ran = subprocess.run(CLI + ["check", str(batch), "--report-dir", "out", "--jobs", "1", "-o", "/dev/full"],
                         cwd=tmp_path, capture_output=True, timeout=300)
    assert ran.returncode == 2
    assert "scrapegate: error: /dev/full: No space left on device" in ran.stderr.decode()


def test_a_full_temporary_folder_is_named(tmp_path):
    resource = pytest.importorskip("resource")
    batch = _batch(tmp_path / "in", 40)  # the spill of 40 documents outgrows 4 KB; a report does not
    tmp = tmp_path / "tmp"
    tmp.mkdir()

    def small_files() -> None:  # the child's files stop at 4 KB: writing past that fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    ran = subprocess.run(CLI + ["check", str(batch), "--report-dir", "out", "--jobs", "1", "-q"], cwd=tmp_path,
                         capture_output=True, timeout=300, preexec_fn=small_files,
                         env={**os.environ, "TMPDIR": str(tmp)})
    assert ran.returncode == 2
    # with a report folder the run's temporary files are in its scratch folder there, removed at the end
    said = ran.stderr.decode()
    assert re.search(rf"scrapegate: error: {re.escape(str(tmp_path / 'out'))}/\.scrapegate-[0-9a-f]{{8}}-scratch "
                     r"\(the run's temporary files, inside its output folder\): File too large", said), said
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []
    # without one (a baseline is written to a file of its own), in the system's temporary folder
    ran = subprocess.run(CLI + ["baseline", str(batch), "-o", "baseline.json", "--jobs", "1"], cwd=tmp_path,
                         capture_output=True, timeout=300, preexec_fn=small_files,
                         env={**os.environ, "TMPDIR": str(tmp)})
    assert ran.returncode == 2
    assert f"scrapegate: error: {tmp} (the run's temporary files" in ran.stderr.decode(), ran.stderr.decode()
