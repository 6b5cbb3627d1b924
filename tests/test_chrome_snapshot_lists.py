"""The chrome lists of real HTML pages taken from a GitHub snapshot hold together on a clone without the pages:
bench/corpora/chrome_gne.jsonl (CHROME_GNE.md: a news extractor's test set) and chrome_html2.jsonl (CHROME_HTML2.md:
whole saved pages of an extraction benchmark), both labelled by hand. Each row's id, split and source are its
builder's (scripts/build_chrome_gne.py, scripts/build_chrome_html2.py), its site is the registered domain of its
address, and its labels are line numbers of the blocks it counts."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
from script_loader import corpus_rows, load_script

FIELDS = {"id", "url", "site", "split", "script", "genre", "source", "lines", "chrome_lines", "ambiguous_lines"}
BUILDERS = {"chrome_gne.jsonl": "build_chrome_gne", "chrome_html2.jsonl": "build_chrome_html2"}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def listed(request) -> tuple[list[dict], ModuleType]:
    """Each list's rows in turn, with its builder."""
    return corpus_rows(request.param), load_script(BUILDERS[request.param])


@pytest.fixture(scope="module")
def gne() -> ModuleType:
    return load_script("build_chrome_gne")


@pytest.fixture(scope="module")
def html2() -> ModuleType:
    return load_script("build_chrome_html2")


def test_rows_carry_the_builders_id_split_and_source(listed: tuple[list[dict], ModuleType]) -> None:
    rows, builder = listed
    assert rows
    for row in rows:
        assert set(row) == FIELDS, row.get("id")
        assert row["id"] == builder.PREFIX + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["split"] == builder.split_of(row["site"])
        assert row["source"].startswith(builder.SNAPSHOT + ":") and row["source"].endswith(".html")
        assert row["script"] in ("simplified", "traditional")
    assert len({row["source"] for row in rows}) == len({row["url"] for row in rows}) == len(rows)


def test_a_site_is_the_registered_domain_of_the_pages_address(listed: tuple[list[dict], ModuleType]) -> None:
    from build_chrome_corpus import site_of

    for row in listed[0]:
        if row["url"].startswith("http"):
            host = site_of(row["url"])
            assert host == row["site"] or host.endswith("." + row["site"]), row["id"]


def test_labels_are_distinct_line_numbers_of_the_counted_blocks(listed: tuple[list[dict], ModuleType]) -> None:
    for row in listed[0]:
        chrome, ambiguous = row["chrome_lines"], row["ambiguous_lines"]
        assert chrome == sorted(set(chrome)) and ambiguous == sorted(set(ambiguous)), row["id"]
        assert not set(chrome) & set(ambiguous), row["id"]
        assert all(1 <= n <= row["lines"] - 1 for n in chrome + ambiguous), row["id"]
        assert len(chrome) + len(ambiguous) < row["lines"] - 1, row["id"]  # every page keeps a body line


def test_hand_label_ranges_and_declared_charsets(gne) -> None:
    assert gne.numbers("3, 5-7,10") == [3, 5, 6, 7, 10]
    assert gne.numbers("") == []
    page = '<html><head><meta charset="gb2312"></head><body><p>县政府通知</p></body></html>'
    assert gne.decoded(page.encode("gb18030")) == page
    assert gne.decoded("\ufeff<p>正文</p>".encode()) == "<p>正文</p>"


def test_registered_domains_and_ranges(html2) -> None:
    assert html2.registered_domain("economy.caijing.com.cn") == "caijing.com.cn"
    assert html2.registered_domain("www.1905.com") == "1905.com"
    assert html2.registered_domain("piyao.kepuchina.cn") == "kepuchina.cn"
    assert html2.ranges([3, 5, 6, 7, 10]) == "3,5-7,10"
    assert html2.numbers(html2.ranges([1, 2, 4])) == [1, 2, 4]


def test_html2_names_no_site_of_an_earlier_list(html2) -> None:
    folder = Path(html2.__file__).resolve().parent.parent / "bench" / "corpora"
    earlier = [p for p in folder.glob("*.jsonl") if p.name != "chrome_html2.jsonl"]
    assert not {row["site"] for row in corpus_rows("chrome_html2.jsonl")} & html2.listed_domains(earlier)


def test_a_proposal_reads_body_off_the_main_text(html2) -> None:
    lines = ["首页 新闻 图片", "县里今天召开了防汛工作会议，部署了下一阶段的工作。", "相关阅读", "会议要求各乡镇落实责任。"]
    gold = "县里今天召开了防汛工作会议，部署了下一阶段的工作。\n会议要求各乡镇落实责任。"
    assert html2.proposed(lines, gold) == ([2, 4], [])
