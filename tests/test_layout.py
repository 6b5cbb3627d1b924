"""The layout the engine depends on: checks/ imports no family, and every family package ships."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from scrapegate.checks.registry import BUILTIN_FAMILIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_the_engine_imports_no_family():
    """checks/ reaches families only through the registry's list of names (importlib)."""
    offending = {f"{p.name}: {m}" for p in sorted((ROOT / "checks").glob("*.py"))
                 for m in imports(p) if m.startswith("scrapegate.rules")}
    assert offending == set()


def test_every_family_package_is_shipped():
    """setuptools is given the package list (checks/ and rules/ are mapped under scrapegate.*): a
    family package missing from it installs without its code."""
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]
    on_disk = {"scrapegate.rules." + p.parent.name for p in (ROOT / "rules").glob("*/__init__.py")}
    assert set(BUILTIN_FAMILIES) <= on_disk
    assert on_disk - set(packages) == set()
