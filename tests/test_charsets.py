"""checks.charsets: inside shared_charsets() the rules' patterns compile to the same code as outside."""

from __future__ import annotations

import re
import sys

import pytest

from scrapegate.checks.charsets import shared_charsets
from scrapegate.checks.registry import builtin_families

optimiser = getattr(getattr(re, "_compiler", None), "_optimize_charset", None)
pytestmark = pytest.mark.skipif(optimiser is None, reason="no re._compiler._optimize_charset in this Python")

HAN = "㐀-䶿一-鿿豈-\ufaff"
SAMPLES: list[tuple[str | bytes, int]] = [
    (f"[{HAN}]", 0),
    (f"[{HAN}]+[a-z]", 0),
    (f"[^{HAN}a-z0-9()]", 0),
    (f"[a-z{HAN}]{{2,10}}", re.IGNORECASE),   # case folding: the fixes table is part of the key
    ("[k-oſ]", re.IGNORECASE),                 # ſ folds to s: a fix
    ("[^\\W\\d_]", 0),                         # categories
    ("[\U00020000-\U0002a6df一-鿿]", 0),       # a class beyond the BMP
    ("[ΣσςA-F]", re.IGNORECASE | re.ASCII),
    (b"[\x00-\x7f]+", 0),
]


def module_patterns() -> set[tuple[str | bytes, int]]:
    builtin_families()
    found = set()
    for name, module in list(sys.modules.items()):
        if name.startswith("scrapegate."):
            for value in list(vars(module).values()):
                if isinstance(value, re.Pattern):
                    found.add((value.pattern, value.flags))
    return found


def compiled(pairs: list[tuple[str | bytes, int]]) -> list[re.Pattern]:
    re.purge()
    return [re.compile(pattern, flags) for pattern, flags in pairs]


def test_same_code_inside_and_outside() -> None:
    pairs = sorted(module_patterns(), key=repr) + SAMPLES
    assert len(pairs) > 300
    outside = compiled(pairs)
    with shared_charsets():
        first = compiled(pairs)
        again = compiled(pairs)  # every class now from the kept results
    # Pattern equality compares the flags, the pattern and the compiled code
    assert first == outside
    assert again == outside
    assert [p.groupindex for p in again] == [p.groupindex for p in outside]


def test_restored_after_the_block_and_nested_blocks_share() -> None:
    with shared_charsets():
        inner = re._compiler._optimize_charset
        assert inner is not optimiser
        with shared_charsets():
            assert re._compiler._optimize_charset is inner
        assert re._compiler._optimize_charset is inner
    assert re._compiler._optimize_charset is optimiser
    with pytest.raises(ValueError), shared_charsets():
        raise ValueError
    assert re._compiler._optimize_charset is optimiser


def test_a_class_is_optimised_once() -> None:
    calls = []

    def counting(charset, iscased=None, fixup=None, fixes=None):
        calls.append(charset)
        return optimiser(charset, iscased, fixup, fixes)

    re._compiler._optimize_charset = counting
    try:
        with shared_charsets():
            re.purge()
            re.compile(f"[{HAN}]x")
            re.compile(f"y[{HAN}]")
            re.compile(f"[{HAN}a]")
    finally:
        re._compiler._optimize_charset = optimiser
    # the info prefix and the body ask for the class of each pattern; the second pattern's is kept
    assert len({repr(c) for c in calls}) == len(calls)


def test_an_optimiser_with_other_parameters_is_left_as_it_is() -> None:
    """A Python whose private optimiser takes other parameters keeps it: the wrapper would pass them wrongly."""

    def other(charset, fixup, fixes, isunicode):
        return optimiser(charset, None, fixup, fixes)

    re._compiler._optimize_charset = other
    try:
        with shared_charsets():
            assert re._compiler._optimize_charset is other
    finally:
        re._compiler._optimize_charset = optimiser


def test_char_class_runs_are_this_pythons() -> None:
    """textnorm.char_classes reads checks/char_runs.py under its Unicode version: the runs there are
    what a scan finds (else: python scripts/build_char_runs.py), and the table is the scan's either way."""
    import unicodedata

    import numpy as np

    from scrapegate.checks import char_runs, textnorm

    scanned = textnorm.char_class_runs(scan=True)
    if char_runs.UNIDATA_VERSION == unicodedata.unidata_version:
        assert (char_runs.WORD_RUNS, char_runs.DIGIT_RUNS) == scanned
    assert textnorm.char_class_runs() == scanned
    every = textnorm.from_code_points(np.arange(0x110000, dtype=np.uint32))
    table = textnorm.char_classes()
    for bit, pattern in ((textnorm.WORD, r"\w"), (textnorm.DIGIT, r"\d")):
        expected = np.zeros(0x110000, dtype=bool)
        expected[[m.start() for m in re.finditer(pattern, every)]] = True
        assert np.array_equal((table & bit) != 0, expected)


def test_special_patterns_from_ranges() -> None:
    """encoding's invisible and private-use class, spelled from ranges, is the one spelled from every
    code point (as before)."""
    from scrapegate.checks.decoding import char_class, char_class_of_ranges
    from scrapegate.rules.encoding import rules

    rules._special_patterns.cache_clear()
    bmp_only, every = rules._special_patterns()
    points = {ord(ch) for ch in rules._invisible()} | {
        p for lo, hi in rules._PRIVATE_USE_RANGES for p in range(lo, hi + 1)}
    assert every.pattern == f"[{char_class(points)}]+"
    assert bmp_only.pattern == f"[{char_class(p for p in points if p <= 0xFFFF)}]+"
    for ranges in ([], [(5, 5)], [(5, 5), (6, 9), (11, 11), (12, 12)], [(0x41, 0x5A), (0xE000, 0xF8FF)]):
        assert char_class_of_ranges(ranges) == char_class(p for lo, hi in ranges for p in range(lo, hi + 1))
