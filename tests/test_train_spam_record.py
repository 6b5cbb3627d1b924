"""scripts/train_spam.py reads exactly the pages and documents its record names, and stops when one is missing."""

from __future__ import annotations

import json

import pytest
from script_loader import load_script

train_spam = load_script("train_spam")


def _args(tmp_path, record: str, labels: list[dict] | None = None):
    corpus = tmp_path / "pages.jsonl"
    pages = [{"id": "a/1", "site": "a.example", "split": "train", "origin": "shared-corpus", "kind": "clean",
              "text": "本页正文。", "spans": []}]
    corpus.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    ordinary = tmp_path / "labels.jsonl"
    if labels is not None:
        (tmp_path / "doc.txt").write_text("普通文件。", encoding="utf-8")
        ordinary.write_text("".join(json.dumps(r) + "\n" for r in labels), encoding="utf-8")
    (tmp_path / "record.txt").write_text(record, encoding="utf-8")
    args = train_spam.arguments(["--corpus", str(corpus), "--ordinary", str(ordinary),
                                 "--pages", str(tmp_path / "record.txt")])
    return args, pages


def test_the_record_decides_what_is_read(tmp_path):
    labels = [{"id": "d1", "file": "doc.txt"}, {"id": "d2", "file": "doc.txt"}]
    args, pages = _args(tmp_path, "page a/1\nordinary d1\n", labels)
    chosen = train_spam.recorded(args, pages)
    assert [p["id"] for p in chosen["page"]] == ["a/1"]
    assert chosen["ordinary"] == [("d1", "普通文件。")]
    assert chosen["web"] == []


def test_a_missing_page_stops_the_trainer(tmp_path):
    args, pages = _args(tmp_path, "page a/1\npage b/2\n")
    with pytest.raises(SystemExit, match="1 recorded pages have no text.*b/2"):
        train_spam.recorded(args, pages)


def test_a_missing_ordinary_document_stops_the_trainer(tmp_path):
    args, pages = _args(tmp_path, "page a/1\nordinary d1\nordinary gone\n", [{"id": "d1", "file": "doc.txt"}])
    with pytest.raises(SystemExit, match="1 recorded ordinary documents missing.*gone"):
        train_spam.recorded(args, pages)


def _first_row(listed: str, split: str) -> dict:
    rows = [json.loads(line) for line in (train_spam.REPO / "bench" / "corpora" / listed).read_text(
        encoding="utf-8").splitlines()]
    return next(r for r in rows if r.get("split") == split and "id" in r)


def test_a_recorded_region_page_is_read_without_its_spam_term_lines_and_a_missing_one_stops(tmp_path):
    row = _first_row("region_fresh10.jsonl", "train")
    (tmp_path / f"{row['id']}.txt").write_text("本县召开防汛工作会议。\n澳门金沙娱乐城开户\n会议要求压实责任。",
                                               encoding="utf-8")
    assert train_spam.region_pages(tmp_path, set(), {row["id"]}) == [
        (row["id"], "本县召开防汛工作会议。\n会议要求压实责任。")]
    with pytest.raises(SystemExit, match=f"1 recorded region pages have no text.*{row['id']}"):
        train_spam.region_pages(tmp_path / "gone", set(), {row["id"]})


def test_a_recorded_web_document_missing_stops_the_trainer(tmp_path):
    row = _first_row("truncation_fresh15.jsonl", "train")
    with pytest.raises(SystemExit, match=f"1 recorded web documents missing.*{row['id']}"):
        train_spam.web_documents(tmp_path, set(), {row["id"]})
    (tmp_path / row["file"]).parent.mkdir(parents=True)
    (tmp_path / row["file"]).write_text("关于停水的通知。", encoding="utf-8")
    assert train_spam.web_documents(tmp_path, set(), {row["id"]}) == [(row["id"], "关于停水的通知。")]


def test_the_positive_share_is_the_positives_weight_in_the_loss():
    # one clause each way, the same features: the fitted probability tends to the share the positives weigh
    for share in (0.2, 0.5, 0.8):
        w, b = train_spam.train(["同一句", "同一句"], [1, 0], [1.0, 1.0], 10, 0, steps=400, positive_share=share)
        p = float(train_spam.probabilities(w, b, 10, ["同一句"])[0])
        assert abs(p - share) < 0.02, (share, p)


def test_a_later_sets_train_pages_are_read_and_its_dev_pages_held_out(tmp_path):
    pages = [{"id": f"search/{n}", "site": f"s{n}.example", "split": split, "origin": "search-pages-fresh16",
              "kind": "spam", "text": "正文。", "spans": []} for n, split in ((1, "train"), (2, "dev"), (3, "test"))]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    every, trained = train_spam.corpus_pages(corpus)
    assert [p["id"] for p in trained] == ["search/1", "search/3"]  # the test page is dropped by --splits
    assert [p["id"] for p in every if train_spam.held_dev(p)] == ["search/2"]
