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
