"""Manifests: pandera validation with every problem named by row and column, fields in reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from scrapegate.checks.errors import ManifestError
from scrapegate.checks.manifest import load_manifest


def test_csv_manifest_fields_flow_into_reports(workdir: Path) -> None:
    (workdir / "m.csv").write_text(
        "path,url,title,region,source,fetched_at\n"
        "batch/000_6c315c879fc3e2f4.txt,https://example.org/6191.html,Some title,湖北省,example,2024-01-02T03:04:05Z\n"
        "batch/001_7c00190a20eabef2.txt,,,,,\n",
        encoding="utf-8")
    main(["check", "batch", "--manifest", "m.csv", "--report-dir", "out", "--jobs", "1"])
    doc = json.loads((workdir / "out" / "000_6c315c879fc3e2f4.txt.json").read_text("utf-8"))["document"]
    assert doc["source_url"] == "https://example.org/6191.html"
    assert doc["title"] == "Some title"
    assert doc["manifest"] == {"url": "https://example.org/6191.html", "title": "Some title",
                               "region": "湖北省", "source": "example", "fetched_at": "2024-01-02T03:04:05Z"}
    empty_row = json.loads((workdir / "out" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
    assert empty_row["document"]["manifest"] == dict.fromkeys(["url", "title", "region", "source", "fetched_at"])
    no_row = json.loads((workdir / "out" / "002_605ba49512da1802.txt.json").read_text("utf-8"))
    assert no_row["document"]["manifest"] is None


def test_every_problem_is_named_with_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,url,fetched_at\n"
                        "a.txt,ftp://x,yesterday\n"
                        "missing.txt,,\n"
                        "a.txt,,\n", encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_manifest(manifest)
    message = str(info.value)
    assert "line 2, column 'url'" in message
    assert "line 2, column 'fetched_at'" in message and "ISO 8601" in message
    assert "line 3, column 'path': no such file 'missing.txt'" in message
    assert "column 'path': fails field_uniqueness" in message


def test_missing_path_column(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("url\nhttps://a.example/\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="missing required column 'path'"):
        load_manifest(manifest)


def test_jsonl_manifest_and_its_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    good = tmp_path / "m.jsonl"
    good.write_text('{"path": "a.txt", "region": "宜昌市", "url": null}\n', encoding="utf-8")
    entries, warnings = load_manifest(good)
    (entry,) = entries.values()
    assert entry.region == "宜昌市" and entry.url is None and warnings == []
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "a.txt"}\n{"path": \n', encoding="utf-8")
    with pytest.raises(ManifestError, match="line 2: not valid JSON"):
        load_manifest(bad)


@pytest.mark.parametrize(("line", "problem"), [
    ('"path": "a\\udcff.txt"', "'path' holds lone surrogate code points"),  # a file name's byte 0xff
    ('"path": "a.txt", "title": "\\ud800"', "'title' holds lone surrogate code points"),
    ('"path": "a.txt", "url": "https://a.gov.cn/\\udcff"', "'url' holds lone surrogate code points"),
    ('"path": "a.txt", "note": "x\\ud800"', "'note' holds lone surrogate code points"),  # an extra column
    ('"path": "a.txt", "no\\ud800te": "x"', "the key 'no\\ud800te' holds lone surrogate code points"),
])
def test_a_jsonl_manifest_line_with_a_broken_escape_is_named(tmp_path: Path, line: str, problem: str) -> None:
    # JSON's \u escapes can write lone surrogates, which UTF-8 (the manifest frame, the reports) cannot
    # hold: before, an internal error (UnicodeEncodeError, exit 3) instead of the manifest's line
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "a.txt"}\n{' + line + "}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=f"^{re.escape(str(manifest))}: line 2: {re.escape(problem)}"):
        load_manifest(manifest)


def test_a_manifest_path_naming_a_folder_says_so(tmp_path: Path) -> None:
    # before: "no such file 'sub'" of a folder that is there
    (tmp_path / "sub").mkdir()
    manifest = tmp_path / "m.csv"
    manifest.write_text("path\nsub\ngone.txt\n", encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        load_manifest(manifest)
    assert str(raised.value).splitlines()[1:] == [f"  {manifest}: line 2, column 'path': a folder, not a file 'sub'",
                                                  f"  {manifest}: line 3, column 'path': no such file 'gone.txt'"]


def test_extra_columns_are_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,titel\na.txt,x\n", encoding="utf-8")
    _, warnings = load_manifest(manifest)
    assert warnings == [f"{manifest}: column 'titel' is not a manifest column and is ignored"]


def test_bad_manifest_exits_2_from_the_cli(workdir: Path, capsys) -> None:
    (workdir / "m.csv").write_text("path,fetched_at\nbatch/000_6c315c879fc3e2f4.txt,soon\n", encoding="utf-8")
    assert main(["check", "batch", "--manifest", "m.csv", "--report-dir", "out"]) == 2
    assert "m.csv: line 2, column 'fetched_at'" in capsys.readouterr().err
    assert not (workdir / "out").exists()


def test_manifest_alone_names_the_inputs(workdir: Path) -> None:
    (workdir / "m.jsonl").write_text('{"path": "batch/004_550990f762e950b4.txt"}\n', encoding="utf-8")
    main(["check", "--manifest", "m.jsonl", "--report-dir", "out", "--jobs", "1"])
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["004_550990f762e950b4.txt.json", "summary.json"]


def test_manifest_alone_keeps_folders_apart(tmp_path: Path, monkeypatch) -> None:
    for folder in ("a", "b"):
        (tmp_path / "data" / folder).mkdir(parents=True)
        (tmp_path / "data" / folder / "report.txt").write_text(f"{folder}县人民政府工作报告\n正文。\n", encoding="utf-8")
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "m.csv").write_text("path\n../data/a/report.txt\n../data/b/report.txt\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--manifest", "meta/m.csv", "--report-dir", "out", "--jobs", "1"])
    assert (tmp_path / "out" / "a" / "report.txt.json").is_file()
    assert (tmp_path / "out" / "b" / "report.txt.json").is_file()
