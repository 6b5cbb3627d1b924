"""The rules' data files (phrase lists, lexicons, genre profiles, the gazetteer) and how to read them.

Data is kept out of code so that a new chrome phrase, brand or genre is an edit to a file here.
Text files are UTF-8; lines starting with ``#`` are comments; table columns are tab-separated.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_rows(name: str) -> list[list[str]]:
    """A data file's non-blank, non-comment lines, split on tabs."""
    return [line.split("\t") for line in read_text(name).splitlines()
            if line.strip() and not line.startswith("#")]


def read_json(name: str) -> Any:
    return json.loads(read_text(name))


def names(prefix: str, suffix: str) -> list[str]:
    """Data files named ``<prefix>*<suffix>``, sorted."""
    return sorted(p.name for p in resources.files(__name__).iterdir()
                  if p.name.startswith(prefix) and p.name.endswith(suffix))
