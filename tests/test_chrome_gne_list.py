"""bench/corpora/chrome_gne.jsonl (CHROME_GNE.md: real HTML pages of a news extractor's test set, labelled by hand)
holds together on a clone without the pages: each row's id, split and source are the builder's
(scripts/build_chrome_gne.py), its site is the registered domain of its address, and its labels are line numbers of
the blocks it counts."""

from __future__ import annotations

import hashlib

import pytest
from script_loader import corpus_rows, load_script

FIELDS = {"id", "url", "site", "split", "script", "genre", "source", "lines", "chrome_lines", "ambiguous_lines"}


@pytest.fixture(scope="module")
def builder():
    return load_script("build_chrome_gne")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return corpus_rows("chrome_gne.jsonl")


def test_rows_carry_the_builders_id_split_and_source(rows: list[dict], builder) -> None:
    assert rows
    for row in rows:
        assert set(row) == FIELDS, row.get("id")
        assert row["id"] == builder.PREFIX + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["split"] == builder.split_of(row["site"])
        assert row["source"].startswith(builder.SNAPSHOT + ":") and row["source"].endswith(".html")
        assert row["script"] in ("simplified", "traditional")
    assert len({row["source"] for row in rows}) == len({row["url"] for row in rows}) == len(rows)


def test_a_site_is_the_registered_domain_of_the_pages_address(rows: list[dict], builder) -> None:
    from build_chrome_corpus import site_of

    for row in rows:
        if row["url"].startswith("http"):
            host = site_of(row["url"])
            assert host == row["site"] or host.endswith("." + row["site"]), row["id"]


def test_labels_are_distinct_line_numbers_of_the_counted_blocks(rows: list[dict]) -> None:
    for row in rows:
        chrome, ambiguous = row["chrome_lines"], row["ambiguous_lines"]
        assert chrome == sorted(set(chrome)) and ambiguous == sorted(set(ambiguous)), row["id"]
        assert not set(chrome) & set(ambiguous), row["id"]
        assert all(1 <= n <= row["lines"] - 1 for n in chrome + ambiguous), row["id"]
        assert len(chrome) + len(ambiguous) < row["lines"] - 1, row["id"]  # every page keeps a body line


def test_hand_label_ranges_and_declared_charsets(builder) -> None:
    assert builder.numbers("3, 5-7,10") == [3, 5, 6, 7, 10]
    assert builder.numbers("") == []
    page = '<html><head><meta charset="gb2312"></head><body><p>县政府通知</p></body></html>'
    assert builder.decoded(page.encode("gb18030")) == page
    assert builder.decoded("\ufeff<p>正文</p>".encode()) == "<p>正文</p>"
