"""Every ``>>>`` example in the package's docstrings runs and holds (rules and shared modules say
what they do by an executed example; an example no test runs can go stale unnoticed)."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil

import pytest

import scrapegate.checks
import scrapegate.rules


def _modules_with_examples() -> list[str]:
    names = []
    packages = ((scrapegate.checks.__path__, "scrapegate.checks."), (scrapegate.rules.__path__, "scrapegate.rules."))
    for info in (info for path, prefix in packages for info in pkgutil.walk_packages(path, prefix)):
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec is not None else None
        if origin and origin.endswith(".py"):
            with open(origin, encoding="utf-8") as source:
                if ">>> " in source.read():
                    names.append(info.name)
    return sorted(names)


MODULES = _modules_with_examples()


def test_the_examples_are_found() -> None:
    spam = {f"scrapegate.rules.spam.{name}" for name in
            ("brand_family", "detector", "extent", "institution_slot", "learned", "register", "script_shift")}
    assert spam | {"scrapegate.checks.textnorm", "scrapegate.checks.lazy_sequence",
                   "scrapegate.rules.truncation.body"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
