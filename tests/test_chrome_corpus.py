"""The chrome corpus on a machine where only part of it can be rebuilt (scripts/build_chrome_corpus.py and
bench/chrome_eval.load_pages): the repository's list of labelled pages is the reference; a page rebuilt with
its listed line count keeps its id and labels, a listed page without a text is skipped and counted, never
dropped from the list, and a rebuilt text whose line count differs from the listed one is not used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from chrome_eval import load_pages  # noqa: E402

PAGE = "导航菜单\n某县人民政府关于开展春季植树活动的通知\n各乡镇人民政府:为改善生态环境,现就开展春季植树活动通知如下。\n版权所有 某县人民政府\n"


def _row(page_id: str, url: str, source: str, lines: int, chrome: list[int], split: str = "train") -> dict:
    return {"id": page_id, "url": url, "site": url.split("/")[2], "split": split, "script": "simplified",
            "genre": "notice", "source": source, "lines": lines, "chrome_lines": chrome, "ambiguous_lines": []}


def test_partial_rebuild_keeps_listed_ids_and_labels_and_counts_the_missing(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "texts").mkdir(parents=True)
    (shared / "texts" / "001_a.txt").write_text(PAGE, encoding="utf-8")
    (shared / "texts" / "002_b.txt").write_text(PAGE + "多出的一行\n", encoding="utf-8")
    index = [{"url": "http://a.example.gov.cn/1.html", "file": "001_a.txt", "bucket": "notice",
              "chrome_lines": ["导航菜单", "版权所有 某县人民政府"]},
             {"url": "http://b.example.gov.cn/2.html", "file": "002_b.txt", "bucket": "notice",
              "chrome_lines": ["导航菜单"]}]
    (shared / "index.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in index), "utf-8")
    listed = tmp_path / "chrome.jsonl"
    rows = [_row("p007", "http://a.example.gov.cn/1.html", "shared:001_a.txt", 5, [1, 4]),
            _row("p008", "http://b.example.gov.cn/2.html", "shared:002_b.txt", 5, [1]),
            _row("mp009", "http://c.example.com/3.html", "search:search_pages_01.txt", 9, [1, 2])]
    before = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    listed.write_text(before, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "build_chrome_corpus.py"), "--shared", str(shared),
                           "--html-mirror", str(tmp_path / "no-mirror"), "--pages", str(tmp_path / "no-pages"),
                           "--out", str(out), "--listed", str(listed)], capture_output=True, text=True, check=True)
    assert listed.read_text(encoding="utf-8") == before  # nothing new: the list is not rewritten
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["p007.txt"]
    assert "1 of 3 listed pages written" in done.stdout and "2 missing" in done.stdout
    assert "p008: 5 lines listed, 6 rebuilt" in done.stdout
    written = [json.loads(line) for line in (out / "labels.jsonl").read_text("utf-8").splitlines()]
    assert [(r["id"], r["chrome_lines"]) for r in written] == [("p007", [1, 4])]

    (out / "texts" / "p008.txt").write_text(PAGE + "多出的一行\n", encoding="utf-8")  # a text that is not the labelled one
    pages = load_pages(out, "train", listed=listed)
    assert [(p.id, p.chrome) for p in pages] == [("p007", {1, 4})]


def test_label_review_applies_to_train_and_dev_pages_and_refuses_test_pages(tmp_path: Path) -> None:
    from chrome_eval import LISTED, REVIEW, reviewed

    review = tmp_path / "review.jsonl"
    review.write_text(json.dumps({"id": "p001", "label": "C", "lines": [2, 3], "reason": "a metadata table"}) + "\n"
                      + json.dumps({"id": "p001", "label": "B", "lines": [5], "reason": "the article goes on"}) + "\n"
                      + json.dumps({"id": "p002", "label": "A", "lines": "all", "reason": "another page's text"}) + "\n",
                      encoding="utf-8")
    assert reviewed("p001", "train", {1, 5}, {3}, 6, review) == ({1, 2, 3}, set())
    assert reviewed("p002", "dev", {1}, set(), 3, review) == (set(), {1, 2, 3})
    assert reviewed("p003", "test", {1}, set(), 3, review) == ({1}, set())
    try:
        reviewed("p001", "test", set(), set(), 6, review)
    except ValueError as error:
        assert "test split is never reviewed" in str(error)
    else:
        raise AssertionError("a review of a test page was applied")
    # The repository's review names train and dev pages only, and every row says why.
    splits = {row["id"]: row["split"] for row in map(json.loads, LISTED.read_text("utf-8").splitlines())}
    rows = [json.loads(line) for line in REVIEW.read_text("utf-8").splitlines()]
    assert rows and all(splits[r["id"]] in ("train", "dev") and r["reason"] and r["label"] in "CAB" for r in rows)


def test_label_conventions_apply_to_every_split_and_name_listed_lines(tmp_path: Path) -> None:
    from chrome_eval import CONVENTION, CONVENTIONS, EXTRA_LISTS, LISTED, conventional

    convention = tmp_path / "convention.jsonl"
    convention.write_text(json.dumps({"id": "p001", "label": "C", "lines": [4], "convention": "credit",
                                      "reason": "a byline"}) + "\n", encoding="utf-8")
    assert conventional("p001", {1}, {4}, convention) == ({1, 4}, set())  # p001 is a test page: applied
    assert conventional("p002", {1}, {4}, convention) == ({1}, {4})
    # The repository's rows name a listed page's lines (any list), a known convention and why.
    listed = {}
    for path in (LISTED, *(extra.listed for extra in EXTRA_LISTS.values())):
        if path.exists():
            listed.update({row["id"]: row["lines"] for row in map(json.loads, path.read_text("utf-8").splitlines())})
    rows = [json.loads(line) for line in CONVENTION.read_text("utf-8").splitlines()]
    assert rows and all(r["id"] in listed and r["label"] in "CAB" and r["convention"] in CONVENTIONS and r["reason"]
                        and all(1 <= n <= listed[r["id"]] for n in r["lines"]) for r in rows)
