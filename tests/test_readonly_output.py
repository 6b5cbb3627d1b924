"""An output folder the user may not write to is a usage error before any work (exit 2 naming the
folder and the flag), never a crash when the first report or the summary is written.

Root may write into any folder, so the check runs in a child process, as the user ``nobody`` when the
tests run as root: the child imports scrapegate and checks a batch once as root (so nothing is imported
later from where ``nobody`` cannot read, such as an interpreter under /root), then drops to ``nobody``
(``os.setuid``: ``runuser -u nobody`` cannot start an interpreter that ``nobody`` may not read).
Skipped where there is no such user or no POSIX permissions."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

pwd = pytest.importorskip("pwd")

DOC = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。\n"

# argv: the runs as JSON, [[flag, folder], ...]; prints [[exit code, stderr], ...]
CHILD = r"""
import contextlib, io, json, os, pwd, sys
from scrapegate.checks.cli import main

if os.geteuid() == 0:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", "in", "--report-dir", "warm", "--write-clean", "warm-clean", "-q"]) == 0
    nobody = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setgid(nobody.pw_gid)
    os.setuid(nobody.pw_uid)
done = []
for flag, folder in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        args = ["check", "in", "-q", flag, folder] + ([] if flag == "--report-dir" else ["--report-dir", "open/r"])
        done.append([main(args), err.getvalue()])
print(json.dumps(done))
"""


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder ``nobody`` can read (pytest's own temporary folders are private to their user)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root and there is no user nobody to drop to")
    folder = Path(tempfile.mkdtemp(prefix="scrapegate-readonly-"))
    try:
        folder.chmod(0o755)
        (folder / "in").mkdir(mode=0o755)
        (folder / "in" / "a.txt").write_text(DOC, encoding="utf-8")
        (folder / "in" / "a.txt").chmod(0o644)
        (folder / "readonly").mkdir(mode=0o555)
        (folder / "readonly").chmod(0o555)  # the umask may have taken bits off mkdir's mode
        (folder / "open").mkdir()
        (folder / "open").chmod(0o777)
        yield folder
    finally:
        for path in (folder / "readonly", folder / "open"):
            if path.exists():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def _run(folder: Path, runs: list[list[str]]) -> list[tuple[int, str]]:
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(runs)], cwd=folder, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return [(code, err) for code, err in json.loads(done.stdout)]


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(shared_dir: Path) -> None:
    readonly = shared_dir / "readonly"
    (readonly_report, readonly_clean, inside_readonly, writable) = _run(shared_dir, [
        ["--report-dir", "readonly"], ["--write-clean", "readonly"], ["--report-dir", "readonly/sub"],
        ["--report-dir", "open/r"]])
    assert readonly_report == (2, "scrapegate: error: --report-dir readonly: not writable (permission denied)\n")
    assert readonly_clean == (2, "scrapegate: error: --write-clean readonly: not writable (permission denied)\n")
    assert inside_readonly[0] == 2
    assert "--report-dir readonly/sub: cannot create it (Permission denied)" in inside_readonly[1]
    assert not any(readonly.iterdir())
    # the same user writes where it may: the refusal is the folder's, not the user's
    assert writable == (0, "")
    assert (shared_dir / "open" / "r" / "a.txt.json").is_file()
    assert (shared_dir / "open" / "r" / "summary.json").is_file()


def test_an_output_file_in_a_folder_that_cannot_be_written_is_a_usage_error(shared_dir: Path) -> None:
    # Written under a temporary name in its folder and renamed: before, the whole check ran, the reports
    # were written, and the run then stopped naming the temporary file ('readonly/.found.txt.x1y2.tmp:
    # Permission denied'); now a usage error before anything is read or written
    found, audit = _run(shared_dir, [["--output-file", "readonly/found.txt"], ["--html", "readonly/audit.html"]])
    folder = (shared_dir / "readonly").resolve()
    assert found == (2, "scrapegate: error: --output-file readonly/found.txt: cannot write in the folder "
                        f"{folder} (permission denied)\n")
    assert audit == (2, f"scrapegate: error: --html readonly/audit.html: cannot write in the folder {folder} "
                        "(permission denied)\n")
    assert not (shared_dir / "open" / "r").exists() and not any((shared_dir / "readonly").iterdir())
