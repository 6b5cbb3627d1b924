"""Compiling the rules' regular expressions: a character class met again is not optimised again.

Most of the rules' ~600 patterns hold the Han class ``[㐀-䶿一-鿿豈-﫿]``, alone or with a few more
characters. Compiling a class walks every code point of its ranges in Python (CPython's
``re._compiler._optimize_charset``: 28,000 steps for the Han class, about 1 ms), and a process spent
3 M such steps, 0.12 s CPU, at its start; 2,200 classes are compiled, 630 of them distinct, holding
0.8 M of the steps. The optimiser is a pure function of its arguments (the class's items, and the
case-folding functions and table under ``re.IGNORECASE``): inside :func:`shared_charsets` its results
are kept and returned again for the same arguments, so the patterns compiled are the same ones
(``re.Pattern`` equality compares the compiled code; a test compiles every pattern of the rules' modules
both ways). On a Python without that function, or with one whose parameters are not CPython 3.11-3.13's
(:data:`SIGNATURE`: the wrapper would pass them wrongly), nothing changes.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SIGNATURE = ("charset", "iscased", "fixup", "fixes")
"""The optimiser's parameters the wrapper passes on and keys its results by."""


@contextmanager
def shared_charsets() -> Iterator[None]:
    """Within the block, each distinct character class is optimised once (see the module's docstring);
    nested blocks share the outer one's results."""
    compiler = getattr(re, "_compiler", None)
    optimize = getattr(compiler, "_optimize_charset", None)
    if optimize is None or getattr(optimize, "shared", False) or not _known(optimize):
        yield
        return
    kept: dict[Any, tuple[tuple[list[Any], bool], Any]] = {}

    def shared(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> tuple[list[Any], bool]:
        try:
            # the case tables are module constants: the same dict each time
            key = (tuple(charset), iscased, fixup, id(fixes) if fixes is not None else None)
            found = kept.get(key)
        except TypeError:  # an item that cannot be a key: optimised as it always is
            return optimize(charset, iscased, fixup, fixes)
        if found is None:
            # the table is kept with the result: its id is not reused while the key is
            found = kept[key] = (optimize(charset, iscased, fixup, fixes), fixes)
        (items, cased), _ = found
        return list(items), cased

    shared.shared = True  # type: ignore[attr-defined]
    compiler._optimize_charset = shared  # type: ignore[union-attr]
    try:
        yield
    finally:
        compiler._optimize_charset = optimize  # type: ignore[union-attr]


def _known(optimize: Any) -> bool:
    """``optimize`` takes :data:`SIGNATURE`'s parameters (a private function: another Python may change it)."""
    try:
        return tuple(inspect.signature(optimize).parameters) == SIGNATURE
    except (TypeError, ValueError):
        return False
