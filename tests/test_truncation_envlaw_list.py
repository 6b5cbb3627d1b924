"""The environmental-law texts for the truncation corpus (bench/corpora/truncation_envlaw.jsonl,
TRUNCATION_ENVLAW.md) hold together on a clone without their texts: each row carries the id, file and split
the builder derives (scripts/build_truncation_envlaw.py): a publisher an earlier list holds keeps that list's
site and split, any other is split as the fresh pages are, one publisher in one split. And the builder reads a
page of the compilation (VuePress Markdown) as the text a site shows."""

from __future__ import annotations

import hashlib

import pytest
from script_loader import corpus_rows, load_script



@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_envlaw")


def test_rows_carry_the_builders_id_file_and_split(builder) -> None:
    rows = corpus_rows("truncation_envlaw.jsonl")
    earlier = {r["site"]: r["split"] for r in corpus_rows("truncation.jsonl")}
    assert rows
    for row in rows:
        path = row["source"].split(":", 2)[2]
        assert row["source"].startswith("github:Fungwingwaa/cee:docs/posts/P")
        assert row["id"] == "envlaw-" + hashlib.sha256(path.encode()).hexdigest()[:10]
        assert row["parent"] == row["id"] and row["file"] == f"envlaw/texts/{row['id']}.txt"
        assert row["split"] == earlier.get(row["site"], builder.split_of(row["site"]))
        assert row["kind"] == "complete" and not row["cut_start"] and not row["cut_end"]
        assert row["url"].startswith("http") and row["publisher"]
    assert len({r["id"] for r in rows}) == len(rows)
    splits: dict[str, set[str]] = {}
    for r in rows:
        splits.setdefault(r["site"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values())
    assert {r["split"] for r in rows} == {"train", "dev", "test"}


PAGE = """---
title: 某市扬尘防治办法
icon: article
author: 某市人民政府
category:
  - 规章
---

::: tip 修订信息

（2021年5月1日某市人民政府令第3号公布）

:::

::: details 目录

::: tabs

@tab 条例

- 第1~2条：[1](#t1)&emsp;[2](#t2)

:::

## 第一章&emsp;总则{align="center"}

<p id="t1">&emsp;&emsp;<b>第一条</b>&emsp;为了防治扬尘，制定本办法。</p>
<p id="t2">&emsp;&emsp;<b>第二条</b>&emsp;下列工地应当采取防尘措施：<br>
&emsp;&emsp;（一）房屋建筑工地；<br>
&emsp;&emsp;（二）道路工地。</p>

::: info 附件

- [1、防尘措施清单（式样）](/static/doc/a.doc){target="_blank"}

:::

---

::: warning 原文链接

<http://www.example.gov.cn/a/b.html>

:::
"""


def test_a_page_reads_as_the_text_a_site_shows(builder) -> None:
    meta, text, link = builder.page_text(PAGE)
    assert meta["author"] == "某市人民政府" and meta["category"] == "规章"
    assert link == "http://www.example.gov.cn/a/b.html"
    assert text.split("\n") == [
        "某市扬尘防治办法", "修订信息", "（2021年5月1日某市人民政府令第3号公布）", "第一章　总则",
        "第一条　为了防治扬尘，制定本办法。", "第二条　下列工地应当采取防尘措施：", "（一）房屋建筑工地；",
        "（二）道路工地。", "附件", "1、防尘措施清单（式样）", ""]
