"""Tables built once per process, built with fewer Python-level steps: each equals its definition."""

from __future__ import annotations

import unicodedata

import numpy as np

from scrapegate.checks import textnorm
from scrapegate.checks.textnorm import from_code_points
from scrapegate.rules.truncation.model import EDGE_CHARS, EdgeTables, model


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


def test_gram_index_is_the_bigram_keys() -> None:
    for tables in (model().edges, EdgeTables({}, {}, {"近日": 1.5, "日，": 0.5, "近": 2.0, "a\U0002a6a5": -1.0}, {},
                                             {}, {})):
        index = tables._gram_index
        for which, table in (("first", tables.first), ("final", tables.final)):
            keys, ratios = index[which]
            assert np.all(keys[1:] > keys[:-1])
            assert dict(zip(keys.tolist(), ratios.tolist())) == {(ord(g[0]) << 21) | ord(g[1]): v
                                                                 for g, v in table.items() if len(g) == 2}


def _paragraph_by_strings(tables: EdgeTables, which: str, text: str) -> float:
    """EdgeTables.paragraph as it was written first: each bigram a string looked up in the table."""
    chars = "".join(c for c in (text[:EDGE_CHARS] if which == "first" else text[-EDGE_CHARS:]) if c not in " \t\u3000\xa0")
    if len(chars) < 2:
        return 0.0
    table = tables.first if which == "first" else tables.final
    grams = [a + b for a, b in zip(chars, chars[1:])]
    score = sum(table.get(g, 0.0) for g in grams) / len(grams)
    return max(-3.0, min(3.0, score)) / 3.0


def test_paragraph_scores_are_the_string_lookups() -> None:
    tables = model().edges
    known = [g for g in tables.final if len(g) == 2][:400] + [g for g in tables.first if len(g) == 2][:400]
    texts = ["", "近", "近日", " 近 日\u3000，", "a\U0002a6a5b" * 30, "".join(known), "".join(known[::-1]) + "。",
             "".join(known[k] + "\xa0" + known[k + 1][0] for k in range(0, 300, 3))]
    texts += ["".join(known[k:k + n]) for k in range(0, 600, 37) for n in (1, 5, 29, 31, 59, 61, 70)]
    for text in texts:
        for which in ("first", "final"):
            assert tables.paragraph(which, text) == _paragraph_by_strings(tables, which, text), (which, text)


def test_paragraph_pairs_are_each_paragraph_alone() -> None:
    """The merged look-up of a document's opening and closing gives each score as looked up alone,
    also where a text has fewer than two characters left (the pair across the two texts is no bigram)."""
    tables = model().edges
    known = [g for g in tables.final if len(g) == 2][:300] + [g for g in tables.first if len(g) == 2][:300]
    texts = ["", "近", "近日", " 近 日\u3000，", "a\U0002a6a5b" * 30, "".join(known[:90]), "".join(known[::-7]) + "。"]
    texts += ["".join(known[k:k + n]) for k in range(0, 600, 53) for n in (1, 2, 31, 70)]
    for opening in texts:
        for closing in texts[::3]:
            assert tables.paragraphs(opening, closing) == (tables.paragraph("first", opening),
                                                           tables.paragraph("final", closing)), (opening, closing)
