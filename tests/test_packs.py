"""JSONL packs: many documents in one file, each with its own report and metadata."""

from __future__ import annotations

import json
from pathlib import Path

from scrapegate.checks.cli import main


def _pack(path: Path, lines: list[object]) -> None:
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n",
                    encoding="utf-8")


def test_pack_records_get_their_own_reports(workdir: Path, seeds_dir: Path, capsys) -> None:
    text = (seeds_dir / "004_550990f762e950b4.txt").read_text("utf-8")
    _pack(workdir / "batch.jsonl", [
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
    _pack(workdir / "batch" / "more.jsonl", [{"id": "copy", "text": text}])
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")
    main(["check", "batch", "--report-dir", "out", "--jobs", "1", "--select", "DU"])
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert ["004_550990f762e950b4.txt", "more.jsonl/copy"] in summary["duplicate_clusters"]
