"""Input roots holding the same relative names (``scrapegate check site1/ site2/``, both with
``index.html``): each of those roots' documents is keyed with the root's name in front
(``site1/index.html``), with as many parent folders as tell the roots apart; roots without a clash,
and runs without one, keep their keys. Every path that keys documents reads the one key: reports,
summary, outputs, --write-clean, --report-format jsonl, baselines, the index, --jobs 2, Ray."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from scrapegate.checks.api import check_paths
from scrapegate.checks.cli import main
from scrapegate.checks.errors import UsageError
from scrapegate.checks.inputs import discover
from tree_fixtures import tree_digest, write_pack

PAGE = "宜昌市猇亭区人民政府关于做好{}工作的通知\n各街道办事处、区直各单位：\n现将{}工作的有关事项通知如下，请认真贯彻落实。\n"


def _site(folder: Path, names: dict[str, str]) -> None:
    for name, topic in names.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(PAGE.format(topic, topic), encoding="utf-8")


def _keys(paths: list[str]) -> list[str]:
    found, errors = discover(paths, ("txt", "jsonl"))
    assert not errors
    return found.keys


def test_two_folders_with_one_file_name_are_keyed_with_their_roots(workdir: Path) -> None:
    _site(workdir / "site1", {"index.txt": "防汛", "about.txt": "防火"})
    _site(workdir / "site2", {"index.txt": "安全生产"})
    _site(workdir / "other", {"news.txt": "招商"})
    assert _keys(["site1", "site2", "other"]) == ["news.txt", "site1/about.txt", "site1/index.txt",
                                                   "site2/index.txt"]
    assert main(["check", "site1/", "site2", "other", "--report-dir", "out", "-q", "--fail-on", "never"]) == 0
    assert sorted(tree_digest(workdir / "out")) == ["news.txt.json", "site1/about.txt.json", "site1/index.txt.json",
                                                    "site2/index.txt.json", "summary.json"]
    report = json.loads((workdir / "out" / "site2" / "index.txt.json").read_text("utf-8"))
    assert report["document"]["path"] == "site2/index.txt" and "安全生产" in report["document"]["title"]
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert [d["report"] for d in summary["per_document"]][1:] == ["site1/about.txt.json", "site1/index.txt.json",
                                                                  "site2/index.txt.json"]


def test_three_folders_and_files_named_directly(workdir: Path) -> None:
    for n, topic in enumerate(["防汛", "防火", "安全生产"], start=1):
        _site(workdir / f"s{n}", {"index.txt": topic})
    assert _keys(["s1", "s2", "s3"]) == ["s1/index.txt", "s2/index.txt", "s3/index.txt"]
    assert _keys(["s3/index.txt", "s1/index.txt", "s2"]) == ["s1/index.txt", "s2/index.txt", "s3/index.txt"]


def test_roots_with_one_name_take_as_many_parent_folders_as_tell_them_apart(workdir: Path) -> None:
    _site(workdir / "a" / "x" / "site", {"index.txt": "防汛"})
    _site(workdir / "b" / "x" / "site", {"index.txt": "防火"})
    _site(workdir / "c" / "site", {"index.txt": "招商"})
    assert _keys(["a/x/site", "c/site"]) == ["c/site/index.txt", "x/site/index.txt"]
    assert _keys(["a/x/site", "b/x/site", "c/site/"]) == ["a/x/site/index.txt", "b/x/site/index.txt",
                                                          "c/site/index.txt"]


def test_a_prefixed_key_meeting_another_roots_key_prefixes_that_root_too(workdir: Path) -> None:
    _site(workdir / "site1", {"index.txt": "防汛"})
    _site(workdir / "site2", {"index.txt": "防火"})
    _site(workdir / "whole", {"site1/index.txt": "招商"})  # its key site1/index.txt is site1's prefixed one
    assert _keys(["site1", "site2", "whole"]) == ["site1/index.txt", "site2/index.txt", "whole/site1/index.txt"]


def test_a_pack_and_a_folder_holding_a_pack_of_one_name(workdir: Path) -> None:
    records = [{"id": "r1", "text": PAGE.format("防汛", "防汛")}, {"id": "r2", "text": PAGE.format("防火", "防火")}]
    (workdir / "site1").mkdir()
    (workdir / "site2").mkdir()
    write_pack(workdir / "site1" / "crawl.jsonl", records)
    write_pack(workdir / "site2" / "crawl.jsonl", records[:1])
    _site(workdir / "site2", {"index.txt": "招商"})
    assert _keys(["site1", "site2/crawl.jsonl"]) == ["site1/crawl.jsonl/r1", "site1/crawl.jsonl/r2",
                                                     "site2/crawl.jsonl/r1"]
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")
    assert main(["check", "site1", "site2/crawl.jsonl", "site2/index.txt", "--report-dir", "out",
                 "--report-format", "jsonl", "--write-clean", "clean", "-q", "--fail-on", "never"]) == 0
    assert sorted(tree_digest(workdir / "out")) == ["documents.reports.jsonl", "site1/crawl.jsonl.reports.jsonl",
                                                    "site2/crawl.jsonl.reports.jsonl", "summary.json"]
    lines = (workdir / "out" / "site2" / "crawl.jsonl.reports.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["document"]["path"] for line in lines] == ["site2/crawl.jsonl/r1"]
    assert sorted(tree_digest(workdir / "clean")) == ["site1/crawl.jsonl", "site2/crawl.jsonl", "site2/index.txt"]


def test_a_file_named_twice_stays_one_document(workdir: Path) -> None:
    _site(workdir / "site1", {"index.txt": "防汛", "about.txt": "防火"})
    _site(workdir / "site2", {"index.txt": "安全生产"})
    keys = ["site1/about.txt", "site1/index.txt", "site2/index.txt"]
    assert _keys(["site1/index.txt", "site1", "site2"]) == keys
    assert _keys(["site2", "./site1/", "site1/index.txt"]) == keys
    assert _keys(["site1/index.txt", "site1/index.txt", "site2/index.txt"]) == ["site1/index.txt", "site2/index.txt"]


def test_input_errors_of_a_prefixed_root_carry_its_prefix(workdir: Path) -> None:
    _site(workdir / "site1", {"index.txt": "防汛"})
    _site(workdir / "site2", {"index.txt": "防火"})
    (workdir / "site2" / "empty.txt").write_text("", encoding="utf-8")
    (workdir / "site2" / "gone.txt").symlink_to(workdir / "nowhere.txt")
    result = check_paths(["site1", "site2"], write_reports=False, fail_on="never")
    assert sorted(result.reports) == ["site1/index.txt", "site2/index.txt"]
    assert sorted(e["path"] for e in result.summary["input_errors"]) == ["site2/empty.txt", "site2/gone.txt"]


def test_reports_do_not_depend_on_argument_order_or_jobs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(workdir / "batch", workdir / "site1")
    shutil.copytree(workdir / "batch", workdir / "site2")  # the same names, exact duplicates of site1's
    outputs = []
    for n, arguments in enumerate([["site1", "site2", "--jobs", "1"], ["site2", "site1", "--jobs", "1"],
                                   ["site2/", "./site1", "--jobs", "2"]]):
        main(["check", *arguments, "--report-dir", f"out{n}", "--output-format", "jsonl", "--fail-on", "never"])
        outputs.append(capsys.readouterr().out)
    assert tree_digest(workdir / "out0") == tree_digest(workdir / "out1") == tree_digest(workdir / "out2")
    assert outputs[0] == outputs[1] == outputs[2]
    rows = [json.loads(line) for line in outputs[0].splitlines()]
    du = [r for r in rows if r["code"].startswith("DU")]
    assert du and {r["report"].split("/")[0] for r in rows} == {"site1", "site2"}
    assert all(r["details"]["other"].split("/")[0] in ("site1", "site2") for r in du)


def test_sarif_names_the_files_and_the_prefixed_reports(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(workdir / "batch", workdir / "site1")
    shutil.copytree(workdir / "batch", workdir / "site2")
    assert main(["check", "site1", "site2", "--output-format", "sarif", "-o", "out.sarif", "--fail-on", "never"]) == 0
    sarif = json.loads((workdir / "out.sarif").read_text("utf-8"))
    files = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
             for loc in r["locations"]}
    assert any(f.startswith("site1/") for f in files) and any(f.startswith("site2/") for f in files)


def test_a_baseline_and_the_index_key_the_documents_alike(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(workdir / "batch", workdir / "site1")
    shutil.copytree(workdir / "batch", workdir / "site2")
    assert main(["baseline", "site1", "site2", "-o", "base.json", "-q"]) == 0
    entries = json.loads((workdir / "base.json").read_text("utf-8"))
    assert "site1/000_6c315c879fc3e2f4.txt" in json.dumps(entries, ensure_ascii=False)
    assert main(["check", "site2", "site1", "--baseline", "base.json", "-q"]) == 0  # every finding known
    main(["check", "site1", "site2", "--index", "idx.sqlite", "--update-index", "-q", "--fail-on", "never"])
    capsys.readouterr()
    (workdir / "site3").mkdir()
    shutil.copy(workdir / "batch" / "000_6c315c879fc3e2f4.txt", workdir / "site3" / "copy.txt")
    main(["check", "site3", "--index", "idx.sqlite", "--output-format", "jsonl", "--select", "DU", "--fail-on", "never"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(r["details"]["other"] in ("site1/000_6c315c879fc3e2f4.txt", "site2/000_6c315c879fc3e2f4.txt")
               for r in rows)


def test_two_urls_with_one_last_part_are_two_documents(workdir: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/cli17a/x/index.txt", PAGE.format("防汛", "防汛").encode("utf-8"))
    memory.pipe("/cli17b/y/index.txt", PAGE.format("防火", "防火").encode("utf-8"))
    try:
        assert _keys(["memory://cli17a/x/index.txt", "memory://cli17b/y/index.txt"]) == ["x/index.txt", "y/index.txt"]
        assert _keys(["memory://cli17a/x/index.txt", "memory://cli17a/x/index.txt"]) == ["index.txt"]
    finally:
        memory.rm("/cli17a", recursive=True)
        memory.rm("/cli17b", recursive=True)


def test_a_clash_no_prefix_settles_is_still_a_usage_error(workdir: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/cli17c.txt", PAGE.format("防汛", "防汛").encode("utf-8"))
    memory.pipe("/cli17c.txt/", PAGE.format("防火", "防火").encode("utf-8"))
    try:  # two URLs of one last part, without a folder to tell them apart
        with pytest.raises(UsageError, match="^memory://cli17c.txt/: has the same report name 'cli17c.txt' as"):
            discover(["memory://cli17c.txt", "memory://cli17c.txt/"], ("txt",))
    finally:
        memory.rm("/cli17c.txt", recursive=True)


def test_a_root_folder_name_that_is_not_utf8_prefixes_its_keys_escaped(workdir: Path) -> None:
    # The name's byte 0xff is written \xff in the key, as messages and summary.json name such bytes;
    # before, the clash was a usage error for the whole run.
    odd = os.fsdecode(b"s\xffite")
    _site(workdir / "a" / odd, {"index.txt": "防汛"})
    _site(workdir / "b" / "site", {"index.txt": "防火"})
    assert _keys([f"a/{odd}", "b/site"]) == ["s\\xffite/index.txt", "site/index.txt"]
    assert main(["check", f"a/{odd}", "b/site", "--report-dir", "out", "-q", "--fail-on", "never"]) == 0
    report = json.loads((workdir / "out" / "s\\xffite" / "index.txt.json").read_text("utf-8"))
    assert report["document"]["path"] == "s\\xffite/index.txt" and "防汛" in report["document"]["title"]


@pytest.mark.parametrize("fmt", ["full", "sarif"])
def test_findings_of_a_root_whose_name_is_not_utf8_go_to_an_output_file(workdir: Path, fmt: str) -> None:
    # -o writes UTF-8: the name's lone surrogate stopped the run (internal error, exit 3)
    odd = os.fsdecode(b"s\xffite")
    _site(workdir / odd, {"index.txt": "防汛"})
    assert main(["check", odd, "--report-dir", "out", "-q", "--fail-on", "never", "--output-format", fmt,
                 "-o", "found.txt"]) == 0
    written = (workdir / "found.txt").read_text("utf-8")
    assert "xffite/index.txt" in written and "udcff" not in written  # s\xffite (SARIF: s%5Cxffite)


def test_ray_keys_as_the_local_engine(workdir: Path) -> None:
    pytest.importorskip("ray.data", reason="--engine ray needs scrapegate[ray]")
    _site(workdir / "site1", {"index.txt": "防汛", "about.txt": "防火"})
    _site(workdir / "site2", {"index.txt": "安全生产"})
    assert main(["check", "site1", "site2", "--report-dir", "local", "--jobs", "1", "-q", "--fail-on", "never"]) == 0
    assert main(["check", "site1", "site2", "--report-dir", "ray", "--engine", "ray", "--jobs", "2", "-q",
                 "--fail-on", "never"]) == 0
    assert tree_digest(workdir / "local") == tree_digest(workdir / "ray")
    assert "site2/index.txt.json" in tree_digest(workdir / "ray")


def test_the_audit_page_finds_prefixed_documents_under_the_roots_parent(workdir: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _site(workdir / "site1", {"index.txt": "防汛"})
    _site(workdir / "site2", {"index.txt": "防火"})
    assert main(["check", "site1", "site2", "--report-dir", "out", "-q", "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["report", "out", "-o", "audit.html"]) == 0
    assert capsys.readouterr().out.strip() == "Wrote the audit page of 2 documents to audit.html"
    page = (workdir / "audit.html").read_text("utf-8")
    assert "site2/index.txt" in page and "安全生产" not in page and "防火" in page
