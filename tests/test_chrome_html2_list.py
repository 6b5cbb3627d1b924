"""bench/corpora/chrome_html2.jsonl (CHROME_HTML2.md: whole saved pages of an extraction benchmark, labelled by hand)
holds together on a clone without the pages: each row's id, split and source are the builder's
(scripts/build_chrome_html2.py), its site is the registered domain of its address, and its labels are line numbers of
the blocks it counts."""

from __future__ import annotations

import hashlib

import pytest
from script_loader import corpus_rows, load_script

FIELDS = {"id", "url", "site", "split", "script", "genre", "source", "lines", "chrome_lines", "ambiguous_lines"}


@pytest.fixture(scope="module")
def builder():
    return load_script("build_chrome_html2")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return corpus_rows("chrome_html2.jsonl")


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


def test_registered_domains_and_ranges(builder) -> None:
    assert builder.registered_domain("economy.caijing.com.cn") == "caijing.com.cn"
    assert builder.registered_domain("www.1905.com") == "1905.com"
    assert builder.registered_domain("piyao.kepuchina.cn") == "kepuchina.cn"
    assert builder.ranges([3, 5, 6, 7, 10]) == "3,5-7,10"
    assert builder.numbers(builder.ranges([1, 2, 4])) == [1, 2, 4]


def test_no_site_of_an_earlier_list(rows: list[dict], builder) -> None:
    from pathlib import Path

    folder = Path(builder.__file__).resolve().parent.parent / "bench" / "corpora"
    earlier = [p for p in folder.glob("*.jsonl") if p.name != "chrome_html2.jsonl"]
    assert not {row["site"] for row in rows} & builder.listed_domains(earlier)


def test_a_proposal_reads_body_off_the_main_text(builder) -> None:
    lines = ["首页 新闻 图片", "县里今天召开了防汛工作会议，部署了下一阶段的工作。", "相关阅读", "会议要求各乡镇落实责任。"]
    gold = "县里今天召开了防汛工作会议，部署了下一阶段的工作。\n会议要求各乡镇落实责任。"
    assert builder.proposed(lines, gold) == ([2, 4], [])
