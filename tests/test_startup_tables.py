"""Tables built once per process, built with fewer Python-level steps: each equals its definition."""

from __future__ import annotations

import unicodedata

import numpy as np

from scrapegate.checks import textnorm
from scrapegate.checks.textnorm import from_code_points
from scrapegate.rules.truncation.model import EdgeTables, model


def test_view_flags_are_the_per_character_definition() -> None:
    expected = np.zeros(0x110000, dtype=np.uint8)
    for c in range(0x10000):
        ch = chr(c)
        invisible = textnorm._INVISIBLE.match(ch) is not None
        if invisible:
            expected[c] |= textnorm._INVISIBLE_FLAG
        if c >= 0x80 and not 0xD800 <= c <= 0xDFFF and (invisible or unicodedata.normalize("NFKC", ch) != ch):
            expected[c] |= textnorm._CHANGING_FLAG
    expected[0x10000:] |= textnorm._CHANGING_FLAG | textnorm._ASTRAL_FLAG
    expected[[ord(c) for c in textnorm.simplified_chars()]] |= textnorm._TRADITIONAL_FLAG
    assert np.array_equal(textnorm._view_flags(), expected)


def test_unstable_runs_match_every_character_but_the_stable_ones() -> None:
    every = from_code_points(np.arange(0x110000, dtype=np.uint32))
    matched = np.zeros(0x110000, dtype=bool)
    for m in textnorm._nfkc_unstable_runs().finditer(every):
        matched[m.start():m.end()] = True
    stable = np.zeros(0x110000, dtype=bool)
    stable[[ord(c) for c in textnorm.nfkc_stable_chars()]] = True
    assert np.array_equal(matched, ~stable)


def test_gram_index_is_the_sorted_bigram_keys() -> None:
    for tables in (model().edges, EdgeTables({}, {}, {"近日": 1.5, "日，": 0.5, "近": 2.0, "a\U0002a6a5": -1.0}, {},
                                             {}, {})):
        index = tables._gram_index
        for which, table in (("first", tables.first), ("final", tables.final)):
            pairs = sorted(((ord(g[0]) << 21) | ord(g[1]), v) for g, v in table.items() if len(g) == 2)
            keys, values = index[which]
            assert keys.dtype == np.int64 and values.dtype == np.float64
            assert keys.tolist() == ([k for k, _ in pairs] or [-1])
            assert values.tolist() == ([v for _, v in pairs] or [0.0])
