"""The fresh truncation pages (bench/corpora/truncation_fresh4.jsonl and truncation_fresh15.jsonl,
TRUNCATION_FRESH4.md, TRUNCATION_FRESH15.md) hold together on a clone without their texts: each row carries the id, split and file the builder derives
(scripts/build_truncation_fresh.py), one publisher sits in one split, and no publisher of the first corpus
(truncation.jsonl, truncation_pages.jsonl; for fresh15 also the lists added after it) is one of them, so each new
test part is publishers nobody tuned on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from script_loader import corpus_rows, load_script

SETS = ("fresh4", "fresh15")
EARLIER = {"fresh4": ("truncation.jsonl", "truncation_pages.jsonl"),
           "fresh15": ("truncation.jsonl", "truncation_pages.jsonl", "truncation_fresh4.jsonl",
                       "truncation_envlaw.jsonl", "truncation_platform1.jsonl")}
FIELDS = {"id", "parent", "split", "site", "url", "source", "origin", "genre", "script", "province", "format", "file",
          "cut_start", "cut_end", "kind", "added", "query"}
RESTORED = {"search_corpus", "text_sha1", "restore_query"}
"""What scripts/restore_search_texts.py adds to a row whose lost text it gave back."""


@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_fresh")


@pytest.mark.parametrize("name", SETS)
def test_rows_carry_the_builders_id_split_and_labels(builder, name: str) -> None:
    rows = corpus_rows(f"truncation_{name}.jsonl")
    assert rows
    for row in rows:
        assert FIELDS <= set(row) <= FIELDS | RESTORED, row["url"]
        assert row["id"] == f"{name}-" + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["parent"] == row["id"] and row["file"] == f"{name}/texts/{row['id']}.txt"
        assert row["split"] == builder.split_of(row["site"])
        assert row["kind"] == ("real-cut" if row["cut_start"] or row["cut_end"] else "complete")
        assert row["script"] in ("simplified", "traditional") and row["query"]
    assert len({r["url"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"train", "dev", "test"}


@pytest.mark.parametrize("name", SETS)
def test_publishers_are_new_and_each_in_one_split(name: str) -> None:
    rows = corpus_rows(f"truncation_{name}.jsonl")
    earlier = {r["site"] for listed in EARLIER[name] for r in corpus_rows(listed)}
    assert not {r["site"] for r in rows} & earlier
    splits: dict[str, set[str]] = {}
    for r in rows:
        splits.setdefault(r["site"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values())


def test_pages_file_format(builder, tmp_path: Path) -> None:
    path = tmp_path / "pages_x.txt"
    path.write_text("=== https://www.example.gov.cn/a.html | simplified | notice | complete | 山东省\n"
                    "# query: 放假 通知\n关于放假的通知\n\n各单位：\n特此通知。\n"
                    "=== https://m.mirror.example.com/b | traditional | news | cut-end |  | example.gov.tw\n"
                    "# query: 新聞\n第一段\n", encoding="utf-8")
    first, second = builder.pages(path)
    assert first["site"] == "example.gov.cn" and first["province"] == "山东省" and first["query"] == "放假 通知"
    assert first["lines"] == ["关于放假的通知", "各单位：", "特此通知。"]
    assert second["site"] == "example.gov.tw" and second["province"] is None and second["label"] == "cut-end"


def test_a_short_header_names_its_line(builder, tmp_path: Path) -> None:
    path = tmp_path / "pages_x.txt"
    path.write_text("=== https://www.example.gov.cn/a.html | simplified | notice | complete | 山东省\n关于放假的通知\n"
                    "=== https://www.example.gov.cn/b.html | simplified | complete\n第一段\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"pages_x\.txt:3: a header needs .* has 3 field"):
        builder.pages(path)
