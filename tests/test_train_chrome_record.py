"""scripts/train_chrome.py's record of the pages the shipped line scorer was fitted on: the record and the weights
agree, it names only train/dev pages of the lists the trainer reads, and a rebuild without their texts stops naming
every missing page by list (read on a clone without the corpora: no text is needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_loader import CORPORA, load_script

train_chrome = load_script("train_chrome")


def listed_splits() -> dict[tuple[str, str], str]:
    """(record list name, page id) -> split, for every row of the lists the trainer may read."""
    files = {train_chrome.CHROME_LIST: CORPORA / "chrome.jsonl"}
    files.update({name: CORPORA / f"chrome_{name}.jsonl" for name in train_chrome.TRAINING_LISTS})
    out = {}
    for name, path in files.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[(name, row["id"])] = row["split"]
    return out


def test_the_shipped_weights_name_the_recorded_pages_in_order():
    model = json.loads(train_chrome.OUT.read_text(encoding="utf-8"))
    assert model["pages"] == [page_id for _, page_id in train_chrome.read_record()]


def test_the_record_names_only_train_and_dev_pages_of_the_read_lists():
    splits = listed_splits()
    record = train_chrome.read_record()
    assert len(set(record)) == len(record)
    assert {splits.get(key) for key in record} <= {"train", "dev"}


def test_a_rebuild_without_the_texts_names_every_missing_page(tmp_path: Path):
    record = [("chrome", "p219"), ("gne", "no-such-page"), ("chrome", "p097")]
    with pytest.raises(SystemExit) as stop:
        train_chrome.recorded_pages(tmp_path, record)
    message = str(stop.value)
    assert "3 of the 3 recorded training pages have no text" in message
    assert "chrome 2: p219, p097" in message and "gne 1: no-such-page" in message


def test_a_written_record_reads_back(tmp_path: Path):
    page = train_chrome.Page("cf9_x", "u", "s", "train", "simplified", "web-page", "t", set(), set(), None)
    path = tmp_path / "record.txt"
    train_chrome.write_record({"chrome": [], "fresh9": [page]}, path)
    assert path.read_text(encoding="utf-8") == "fresh9 cf9_x\n"
    assert train_chrome.read_record(path) == [("fresh9", "cf9_x")]
