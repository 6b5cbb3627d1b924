"""The whole regulations without an entry-into-force clause (bench/corpora/truncation_unclosed.jsonl,
TRUNCATION_UNCLOSED.md) hold together on a clone without their texts: ids, files and splits as the builder
(scripts/build_truncation_unclosed.py) derives them, train/dev publishers only, no source an earlier list
already has. And the builder's completeness test reads article and chapter numbering as stated."""

from __future__ import annotations

import doctest
import hashlib

import pytest
from script_loader import corpus_rows, load_script


@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_unclosed")


def test_rows_are_train_dev_complete_and_new(builder) -> None:
    rows = corpus_rows("truncation_unclosed.jsonl")
    earlier = {r["source"] for r in corpus_rows("truncation.jsonl")}
    assert rows
    for row in rows:
        path = row["source"].split(":", 2)[2]
        assert row["source"].startswith(("github:LawRefBook/Laws:", "github:kong0107/mojLawSplitJSON:"))
        assert row["id"] == "unclosed-" + hashlib.sha256(path.encode()).hexdigest()[:10]
        assert row["parent"] == row["id"] and row["file"] == f"unclosed/texts/{row['id']}.txt"
        assert row["split"] == builder.publisher_split(row["site"]) and row["split"] in ("train", "dev")
        assert row["kind"] == "complete" and not row["cut_start"] and not row["cut_end"]
        assert row["ending"] in ("ordinary-article", "in-force-wording")
        assert row["source"] not in earlier
    assert len({r["id"] for r in rows}) == len(rows)


def test_completeness_reads_numbering(builder) -> None:
    assert doctest.testmod(builder).failed == 0
    assert builder.chinese_number("一百零三") == 103 and builder.chinese_number("十二") == 12
    whole = "某法\n第一章 总则\n第一条 为了规范。\n第二条 适用于本市。\n第二章 附则\n第三条 由某局负责解释。\n"
    assert builder.whole_articled(whole)
    assert not builder.whole_articled(whole + "附件：某表\n")
    assert not builder.whole_articled(whole.replace("第二章 附则", "第三章 附则"))
