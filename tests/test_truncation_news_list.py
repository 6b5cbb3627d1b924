"""The whole web articles of new publishers (bench/corpora/truncation_news.jsonl, TRUNCATION_NEWS.md) hold
together on a clone without their texts: ids, files and splits as the builder (scripts/build_truncation_news.py)
derives them, train/dev publishers only, each text's copies complete and its cut copies labelled by kind."""

from __future__ import annotations

from collections import defaultdict

import pytest
from script_loader import corpus_rows, load_script


@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_news")


def test_rows_are_train_dev_and_labelled(builder) -> None:
    rows = corpus_rows("truncation_news.jsonl")
    assert rows and len({r["id"] for r in rows}) == len(rows)
    by_parent: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_parent[row["parent"]].append(row)
        assert row["source"].startswith((builder.MAGIC + ":", builder.IMMORTAL + ":"))
        assert row["source"].split(":", 2)[2] not in builder.LEFT_OUT
        assert row["split"] == builder.publisher_split(row["site"]) and row["split"] in ("train", "dev")
        assert row["site"] == builder.host(row["url"]) and row["genre"] == builder.genre_of(row["site"])
        assert row["added"] == "news" and row["id"].startswith(row["parent"] + ".")
        complete = row["kind"] == "complete"
        assert complete == (not row["cut_start"] and not row["cut_end"])
        assert row["file"].startswith("news/packs/" if row["format"] == "pack" else "news/texts/")
    for parent, copies in by_parent.items():
        suffixes = {r["id"][len(parent) + 1:] for r in copies}
        assert {"c-plain", "c-page", "c-html", "c-pack"} <= suffixes
        assert next(r for r in copies if r["id"].endswith(".c-plain"))["origin"] == "real"
        assert all(r["origin"] == "derived" for r in copies if not r["id"].endswith(".c-plain"))


def test_genre_and_language_are_read_as_stated(builder) -> None:
    assert builder.genre_of("bbs6.netease.com") == "forum" and builder.genre_of("blog.yesky.com") == "blog"
    assert builder.genre_of("news.sina.com.cn") == "news"
    assert builder.chinese("某" * 200) and not builder.chinese("某" * 199)
    assert not builder.chinese("某" * 300 + "です")
