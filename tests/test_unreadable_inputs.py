"""Inputs this user may not read: a file is an input error naming it, a folder that cannot be listed
is one too (os.walk skipped it without a word: its documents were missed), and the other documents
are reported. Permissions mean nothing to root, so as root the check runs as ``nobody`` through
``setpriv`` (skipped where that cannot run); as any other user, in this process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

TEXT = "第一号通知。本单位将于下周召开会议，请各部门准时参加。\n"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def place() -> Iterator[Path]:
    # Not tmp_path: pytest's folder is private to its user, nobody could not reach it.
    folder = Path(tempfile.mkdtemp(prefix="scrapegate-unreadable-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for sub in folder.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _check(place: Path, *args: str) -> tuple[int, str]:
    argv = ["check", *args, "--jobs", "1", "-q", "--report-dir", "out"]
    if not _as_root():
        from scrapegate.checks.cli import main
        cwd = os.getcwd()
        os.chdir(place)
        try:
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
            return code, err.getvalue()
        finally:
            os.chdir(cwd)
    if shutil.which("setpriv") is None:
        pytest.skip("runs as root and setpriv is missing: cannot check as another user")
    probe = subprocess.run([*NOBODY, sys.executable, "-c", "import scrapegate.checks.cli"], cwd=place,
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"nobody cannot run this Python and package: {probe.stderr.strip()[-200:]}")
    done = subprocess.run([*NOBODY, sys.executable, "-m", "scrapegate.checks.cli", *argv], cwd=place,
                          capture_output=True, text=True, timeout=300)
    return done.returncode, done.stderr


def _tree(place: Path) -> None:
    (place / "in" / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.txt", "sub/d.txt"):
        (place / "in" / name).write_text(TEXT, encoding="utf-8")
    (place / "in").chmod(0o777)
    (place / "in" / "b.txt").chmod(0)
    (place / "in" / "sub").chmod(0)


def test_an_unreadable_file_and_an_unlistable_folder_are_input_errors_naming_them(place: Path) -> None:
    _tree(place)
    code, err = _check(place, "in")
    assert code == 2
    assert "in/b.txt: permission denied: cannot read the file" in err
    assert "in/sub: permission denied: cannot list the folder" in err
    assert sorted(p.name for p in (place / "out").iterdir()) == ["a.txt.json", "c.txt.json", "summary.json"]
    summary = json.loads((place / "out" / "summary.json").read_text("utf-8"))
    assert sorted(e["path"] for e in summary["input_errors"]) == ["b.txt", "sub"]


def test_an_unlistable_root_folder_says_so(place: Path) -> None:
    _tree(place)
    code, err = _check(place, "in/sub")
    assert code == 2
    assert "in/sub: permission denied: cannot list the folder" in err and "holds no documents" not in err
