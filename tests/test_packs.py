"""JSONL packs: many documents in one file, each with its own report and metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from tree_fixtures import write_pack


def test_pack_records_get_their_own_reports(workdir: Path, seeds_dir: Path, capsys) -> None:
    text = (seeds_dir / "004_550990f762e950b4.txt").read_text("utf-8")
    write_pack(workdir / "batch.jsonl", [
        {"id": "hubei/zhangwan", "url": "https://example.org/zw.html", "region": "湖北省", "text": text},
        {"text": "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。"},
        "{not json",
        {"id": "x", "text": ""},
        {"id": "../escape", "text": "正文。"},
    ])
    code = main(["check", "batch.jsonl", "--report-dir", "out", "--jobs", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "batch.jsonl:3: not valid JSON" in err
    assert "batch.jsonl:4: empty text" in err
    assert "batch.jsonl:5: id '../escape'" in err
    first = json.loads((workdir / "out" / "batch.jsonl" / "hubei" / "zhangwan.json").read_text("utf-8"))
    assert first["document"]["path"] == "batch.jsonl/hubei/zhangwan"
    assert first["document"]["source_url"] == "https://example.org/zw.html"
    assert first["document"]["manifest"]["region"] == "湖北省"
    assert first["document"]["chars"] == len(text)
    second = json.loads((workdir / "out" / "batch.jsonl" / "2.json").read_text("utf-8"))
    assert second["document"]["title"] == "关于开展春季植树活动的通知"


def test_a_pack_and_a_folder_of_the_same_text_find_the_duplicate(workdir: Path, seeds_dir: Path) -> None:
    text = (seeds_dir / "004_550990f762e950b4.txt").read_text("utf-8")
    write_pack(workdir / "batch" / "more.jsonl", [{"id": "copy", "text": text}])
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")
    main(["check", "batch", "--report-dir", "out", "--jobs", "1", "--select", "DU"])
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert ["004_550990f762e950b4.txt", "more.jsonl/copy"] in summary["duplicate_clusters"]


def test_pack_lines_split_only_at_newlines_and_a_bom_is_fine(workdir: Path) -> None:
    records = [{"id": 0, "text": "第一段\u2028同一行。\n第二行\u0085还是正文。"}, {"id": "b", "text": "另一份文件。"}]
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    (workdir / "p.jsonl").write_bytes("\ufeff".encode() + body.encode("utf-8"))
    assert main(["check", "p.jsonl", "--report-dir", "out", "--jobs", "1", "--fail-on", "never"]) == 0
    assert sorted(p.name for p in (workdir / "out" / "p.jsonl").iterdir()) == ["0.json", "b.json"]


@pytest.mark.parametrize("bad_id", ["x//y", "z/", "/abs", "a/../b", ".."])
def test_pack_ids_that_would_collide_or_escape_are_refused(workdir: Path, capsys, bad_id: str) -> None:
    write_pack(workdir / "p.jsonl", [{"id": bad_id, "text": "正文。"}])
    assert main(["check", "p.jsonl", "--report-dir", "out"]) == 2
    assert "is repeated or not a safe relative name" in capsys.readouterr().err


def test_a_cleaned_pack_is_a_pack_of_the_same_name(workdir: Path) -> None:
    body = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。"
    write_pack(workdir / "p.jsonl", [{"id": "a", "text": "首页 > 通知公告\n" + body}, {"id": "a/b", "text": body}])
    assert main(["check", "p.jsonl", "--report-dir", "out", "--write-clean", "clean", "--fail-on", "never",
                 "--select", "BP"]) == 0
    rows = [json.loads(line) for line in (workdir / "clean" / "p.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "a/b"]
    assert rows[0]["text"].strip() == body and rows[0]["scrapegate"]["codes"] == ["BP001"]
    assert rows[1]["text"] == body and rows[1]["scrapegate"] == {"status": "pass", "codes": [], "removed": []}


@pytest.mark.parametrize("field", ["title", "source", "url"])
def test_a_record_whose_manifest_field_holds_a_broken_escape_is_an_input_error(workdir: Path, capsys,
                                                                              field: str) -> None:
    # A lone surrogate cannot go into a UTF-8 report: before, an internal error (exit 3) that lost
    # summary.json and the reports of the records after it
    body = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。"
    bad = json.dumps({"id": "b", "text": body, field: "https://a.gov.cn/\udcff"})  # ASCII: written \udcff
    write_pack(workdir / "p.jsonl", [{"id": "a", "text": body}, bad, {"id": "c", "text": body}])
    assert main(["check", "p.jsonl", "--report-dir", "out", "--jobs", "1", "--fail-on", "never"]) == 2
    assert f"p.jsonl:2: '{field}' holds lone surrogate code points" in capsys.readouterr().err
    assert sorted(p.name for p in (workdir / "out" / "p.jsonl").iterdir()) == ["a.json", "c.json"]
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["input_errors"][0]["path"] == "p.jsonl:2"


def test_a_cleaned_pack_keeps_a_broken_escape_of_a_field_it_does_not_read(workdir: Path) -> None:
    # The field is copied back as it was read (\udcff, escaped); before, UnicodeEncodeError writing the
    # cleaned pack stopped the run (internal error, exit 3, no summary.json)
    body = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。"
    write_pack(workdir / "p.jsonl", [json.dumps({"id": "a", "text": "首页 > 通知公告\n" + body,
                                                 "crawl_name": "s\udcffite/a.html"}), {"id": "b", "text": body}])
    assert main(["check", "p.jsonl", "--report-dir", "out", "--write-clean", "clean", "--fail-on", "never",
                 "--select", "BP"]) == 0
    lines = (workdir / "clean" / "p.jsonl").read_bytes().splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows[0]["crawl_name"] == "s\udcffite/a.html" and rows[0]["text"].strip() == body
    assert rows[0]["scrapegate"]["codes"] == ["BP001"] and rows[1]["text"] == body
    assert lines[1].decode("utf-8") == json.dumps(rows[1], ensure_ascii=False, separators=(",", ":"))
    assert (workdir / "out" / "summary.json").exists()
