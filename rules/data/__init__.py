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


def province_abbreviations(everyday: bool = True) -> str:
    """The provinces' one-character names (``province_abbreviations.tsv``); ``everyday`` False
    leaves out those that are first an ordinary word (云, 新, 吉, 青, 宁).

    >>> province_abbreviations()[:8], "秦" in province_abbreviations(), "云" in province_abbreviations(everyday=False)
    ('京津沪渝冀豫云滇', True, False)
    """
    rows = [row + [""] * (3 - len(row)) for row in read_rows("province_abbreviations.tsv")]
    return "".join(c for _, names, common in rows for c in names if everyday or c not in common)
