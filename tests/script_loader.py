"""The scripts of ``scripts/`` loaded as modules for the tests (they are not a package), and the corpus lists
they write (``bench/corpora/*.jsonl``) read back."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
CORPORA = SCRIPTS.parent / "bench" / "corpora"


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` run as the module ``name``, registered in ``sys.modules`` (dataclasses look
    their module up there), with ``scripts/`` on the import path while it runs (a script may import a
    sibling)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module


def corpus_rows(name: str) -> list[dict]:
    """The rows of ``bench/corpora/<name>`` (JSON lines; blank lines skipped)."""
    return [json.loads(line) for line in (CORPORA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def list_fixtures(script: str, names) -> tuple:
    """The fixtures of a test module over corpus lists: ``builder``, ``scripts/<script>.py`` loaded once, and
    ``listed``, ``(name, rows)`` of each list of ``names`` in turn. Assign them to those two names in the module:
    ``builder, listed = list_fixtures("build_x_corpus", LISTS)``."""

    @pytest.fixture(scope="module")
    def builder() -> ModuleType:
        return load_script(script)

    @pytest.fixture(scope="module", params=sorted(names))
    def listed(request) -> tuple[str, list[dict]]:
        return request.param, corpus_rows(request.param)

    return builder, listed


def named_sites(names, site_of, skip=lambda row: False) -> set[str]:
    """Every site the rows of the lists ``names`` name (bar the rows ``skip`` picks): their ``site`` fields
    and the sites of their URLs, however deep, lower-cased."""
    out: set[str] = set()
    for name in names:
        for row in corpus_rows(name):
            if not skip(row):
                _sites(row, site_of, out)
    return out


def _sites(value, site_of, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "site" and isinstance(item, str):
                out.add(item.lower())
            elif isinstance(item, str) and item.startswith("http"):
                out.add(site_of(item))
            else:
                _sites(item, site_of, out)
    elif isinstance(value, list):
        for item in value:
            _sites(item, site_of, out)
