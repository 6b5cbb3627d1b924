from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (so no project config is picked up) holding a copy of the seeds."""
    shutil.copytree(SEEDS, tmp_path / "batch")
    monkeypatch.chdir(tmp_path)
    return tmp_path
