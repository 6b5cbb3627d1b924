"""The wheel carries every file of the package folders (rule code, weights, tables, schemas), and
setuptools builds it without warning that a data folder is left out of the packages configuration."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FOLDERS = {"checks": "scrapegate/checks", "rules": "scrapegate/rules"}


def _source_files() -> set[str]:
    return {f"{package}/{p.relative_to(ROOT / top).as_posix()}"
            for top, package in PACKAGE_FOLDERS.items()
            for p in (ROOT / top).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")}


def test_the_wheel_carries_every_data_file_without_setuptools_warnings(tmp_path):
    source = tmp_path / "src"  # a copy: the build leaves build/ and *.egg-info where it runs
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for top in PACKAGE_FOLDERS:
        shutil.copytree(ROOT / top, source / top, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--verbose", "-w", str(tmp_path / "dist"),
                          str(source)], capture_output=True, text=True)
    if run.returncode != 0 and ("No matching distribution" in run.stderr or "Could not find a version" in run.stderr):
        pytest.skip("the build backend (setuptools) cannot be installed here")
    assert run.returncode == 0, run.stderr[-2000:]
    log = run.stdout + run.stderr
    assert "absent from the `packages` configuration" not in log
    assert "Package would be ignored" not in log
    (wheel,) = (tmp_path / "dist").glob("scrapegate-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    expected = _source_files()
    assert {"scrapegate/rules/spam/model/clause_scorer.npz", "scrapegate/rules/truncation/model/weights.json",
            "scrapegate/rules/placeholder/data/surnames.txt", "scrapegate/checks/schema/report.schema.json"} <= expected
    assert sorted(expected - shipped) == []
