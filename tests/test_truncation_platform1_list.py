"""The platform-1 held-out part of the truncation corpus (bench/corpora/truncation_platform1.jsonl,
TRUNCATION_PLATFORM1.md) holds together on a clone without its texts: every row is a test row of a gov.cn
State Council site with the id and file the builder derives (scripts/build_truncation_platform1.py), each
document twice (plain text and the crawled page part). And the builder reads the dump's SQL and a text cell
as the text the page shows."""

from __future__ import annotations

import hashlib

import pytest
from script_loader import corpus_rows, load_script


@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_platform1")


def test_rows_are_test_rows_of_the_state_councils_site() -> None:
    rows = corpus_rows("truncation_platform1.jsonl")
    assert rows and len(rows) == 2 * len({r["parent"] for r in rows})
    for row in rows:
        assert row["split"] == "test" and row["site"] in ("gov.cn:国务院", "gov.cn:国务院办公厅")
        assert row["url"].startswith("http://www.gov.cn/zhengce/content/")
        assert row["parent"] == "platform1-" + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        ext = "html" if row["format"] == "html" else "txt"
        copy = "c-html" if ext == "html" else "c-plain"
        assert row["id"] == f"{row['parent']}.{copy}" and row["file"] == f"platform1/texts/{row['id']}.{ext}"
        assert row["kind"] == "complete" and not row["cut_start"] and not row["cut_end"]
    assert len({r["id"] for r in rows}) == len(rows)


DUMP = """insert into ge_policy_raw (id, crawl_url, crawl_time, index_number, title, release_office, release_number, \
policy_basis, wiritten_time, release_time, effect_time, content, image_url, status, html, remark) values (7, \
'http://www.gov.cn/a.htm', '2019-02-17 15:09:45', '0001', '某某的复函', '国务院办公厅', '国办函〔2004〕1号', null, \
'2019-02-27', '2019-03-15', null, '<tbody> <tr> <td class="b12c" id="UCAP-CONTENT"><p>某某的复函</p> \
<p>你省来函收悉。现函复如下：</p><table><tr><td>项目</td><td>金额</td></tr></table><p>国务院办公厅<br>\
二〇〇四年一月一日</p><p>It\\'s &nbsp;ok</p></td> </tr> <tr> <td></td> </tr> </tbody>', null, 1, '<div>page</div>', 'HTML');
"""


def test_the_dump_reads_as_rows_and_the_cell_as_the_pages_text(builder) -> None:
    (row,) = builder.sql_rows(DUMP)
    assert row["id"] == "7" and row["release_office"] == "国务院办公厅" and row["policy_basis"] == "null"
    assert row["html"] == "<div>page</div>" and row["remark"] == "HTML"
    assert builder.plain_text(row["content"]).split("\n") == [
        "某某的复函", "你省来函收悉。现函复如下：", "| 项目 | 金额 |", "国务院办公厅", "二〇〇四年一月一日", "It's  ok", ""]
    assert builder.doctype(row["title"]) == "复函"
