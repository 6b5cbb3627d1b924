"""End-to-end checks of `scrapegate check`: reports, determinism, exit codes, bad input."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import jsonschema
import pytest

from scrapegate.checks import registry
from scrapegate.checks.cli import main
from tree_fixtures import tree_digest

SCHEMAS = Path(__file__).resolve().parent.parent / "checks" / "schema"


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))


def test_seed_batch_reports_follow_the_contract(workdir: Path, capsys) -> None:
    code = main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
    assert code in (0, 1)
    names = sorted(p.name for p in (workdir / "out").iterdir())
    assert names == sorted([p.name + ".json" for p in (workdir / "batch").iterdir()] + ["summary.json"])
    report_schema, summary_schema = _schema("report"), _schema("summary")
    for path in (workdir / "out").glob("*.txt.json"):
        report = json.loads(path.read_text("utf-8"))
        jsonschema.validate(report, report_schema)
        raw = (workdir / "batch" / report["document"]["path"]).read_bytes()
        assert report["document"]["sha256"] == hashlib.sha256(raw).hexdigest()
        assert report["document"]["bytes"] == len(raw)
        assert report["document"]["chars"] == len(raw.decode("utf-8"))
        assert list(report) [:6] == ["schema_version", "tool", "document", "status", "findings", "summary"]
        for finding in report["findings"]:
            span = finding["span"]
            assert span is None or 0 <= span["start"] <= span["end"] <= report["document"]["chars"]
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    jsonschema.validate(summary, summary_schema)
    assert summary["documents"]["total"] == 5
    assert "Found" in capsys.readouterr().out


def test_reports_are_byte_identical_across_runs_and_job_counts(workdir: Path) -> None:
    for copy in ("x", "y"):  # enough documents that --jobs 2 really uses the process pool
        shutil.copytree(workdir / "batch", workdir / "batch" / copy, ignore=shutil.ignore_patterns("x"))
    main(["check", "batch", "--report-dir", "a", "--jobs", "1"])
    main(["check", "batch", "--report-dir", "b", "--jobs", "2"])
    assert tree_digest(workdir / "a") == tree_digest(workdir / "b")


def test_inputs_are_never_modified(workdir: Path) -> None:
    before = tree_digest(workdir / "batch")
    main(["check", "batch", "--report-dir", "out", "--write-clean", "clean", "--jobs", "1"])
    assert tree_digest(workdir / "batch") == before


def test_json_format_prints_the_summary(workdir: Path, capsys) -> None:
    main(["check", "batch", "--report-dir", "out", "--format", "json", "--jobs", "1"])
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((workdir / "out" / "summary.json").read_text("utf-8"))


def test_fail_on_never_always_passes(workdir: Path) -> None:
    assert main(["check", "batch", "--report-dir", "out", "--fail-on", "never", "--jobs", "1"]) == 0


def test_write_clean_removes_exactly_the_reported_spans(workdir: Path) -> None:
    main(["check", "batch", "--report-dir", "out", "--write-clean", "clean", "--jobs", "1"])
    for report_path in (workdir / "out").glob("*.txt.json"):
        report = json.loads(report_path.read_text("utf-8"))
        text = (workdir / "batch" / report["document"]["path"]).read_text("utf-8")
        expected, cursor = [], 0
        for removed in report["removed"]:
            expected.append(text[cursor:removed["start"]])
            cursor = removed["end"]
        expected.append(text[cursor:])
        cleaned = (workdir / "clean" / report["document"]["path"]).read_text("utf-8")
        assert cleaned == "".join(expected)


@pytest.mark.parametrize("args, message", [
    (["check", "nowhere"], "nowhere: no such file or directory"),
    (["check", "batch", "--select", "QQ"], "unknown rule code or prefix 'QQ'"),
    (["check", "batch", "--ignore", "EN999"], "unknown rule code or prefix 'EN999'"),
    (["check", "batch", "--jobs", "0"], "--jobs must be at least 1"),
    (["check", "batch", "--expect-region", "胡北省"], "--expect-region '胡北省': not a province"),
    (["check", "batch", "--expect-region", ""], "--expect-region: empty"),  # ran with no region check, exit 1
    (["check", "batch", "--expect-region", " "], "--expect-region: empty"),
    (["check", "batch", "--select", ""], "--select: empty"),  # ran every rule
    (["check", "batch", "--select", " , "], "--select: empty"),
    (["check", "batch", "--ignore", ""], "--ignore: empty"),  # ignored nothing, as if left out
    (["check", "batch", "--ignore", " , "], "--ignore: empty"),
])
def test_usage_errors_exit_2_with_a_clear_message(workdir: Path, capsys, args, message) -> None:
    assert main([*args, "--report-dir", "out"]) == 2
    assert message in capsys.readouterr().err


def _bad_inputs(folder: Path) -> dict[str, str]:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf")  # decoded: no text at all (passed, exit 0)
    (folder / "spaces16.txt").write_bytes(" \n\t\n".encode("utf-16"))  # white space in two-byte units
    (folder / "ideographic.txt").write_text("\u3000\u3000\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "big.txt").write_bytes("正文。".encode() * 400)
    (folder / "dangling.txt").symlink_to(folder / "missing-target.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()
    os.mkfifo(folder / "pipe.txt")
    return {"empty.txt": "empty file", "bom.txt": "file holds no text", "spaces16.txt": "file holds only white space",
            "ideographic.txt": "file holds only white space", "image.txt": "not a text document", "big.txt": "over the size limit",
            "dangling.txt": "broken symbolic link", "socket.txt": "not a regular file",
            "pipe.txt": "not a regular file"}


def test_bad_inputs_are_named_and_do_not_lose_other_reports(workdir: Path, capsys) -> None:
    expected = _bad_inputs(workdir / "bad")
    (workdir / "scrapegate.toml").write_text("max-file-size = 2000\n", encoding="utf-8")
    small = workdir / "bad" / "ok.txt"
    small.write_text("一段正常的正文。\n", encoding="utf-8")
    assert main(["check", "bad", "--report-dir", "out", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    for name, problem in expected.items():
        assert any(name in line and problem in line for line in err.splitlines()), (name, err)
    assert (workdir / "out" / "ok.txt.json").is_file()
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert {Path(e["path"]).name for e in summary["input_errors"]} == set(expected)


def test_bad_inputs_in_a_parallel_run(workdir: Path, capsys) -> None:
    for copy in range(3):
        shutil.copytree(workdir / "batch", workdir / "batch" / f"copy{copy}", ignore=shutil.ignore_patterns("copy*"))
    (workdir / "batch" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "2"]) == 2
    assert "image.txt: not a text document" in capsys.readouterr().err
    assert len(list((workdir / "out").rglob("*.txt.json"))) == 20


def test_a_folder_without_documents_is_an_error(workdir: Path, capsys) -> None:
    (workdir / "nothing").mkdir()
    (workdir / "nothing" / "image.png").write_bytes(b"\x89PNG")
    assert main(["check", "nothing", "--report-dir", "out"]) == 2
    assert "nothing: directory holds no documents" in capsys.readouterr().err


def test_hidden_files_are_skipped(workdir: Path) -> None:
    (workdir / "batch" / ".draft.txt").write_text("隐藏文件。", encoding="utf-8")
    main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
    assert not (workdir / "out" / ".draft.txt.json").exists()


def test_a_crashing_rule_is_recorded_and_exits_3(workdir: Path, monkeypatch, capsys) -> None:
    import crashing_rule_plugin

    families = (*registry.builtin_families(), crashing_rule_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "1"]) == 3
    assert "ZZ901 crashed: RuntimeError: boom" in capsys.readouterr().out
    reports = {p.name: json.loads(p.read_text("utf-8")) for p in (workdir / "out").glob("*.txt.json")}
    assert len(reports) == 5
    crashed = [name for name, rep in reports.items() if rep.get("rule_errors")]
    assert crashed == ["001_7c00190a20eabef2.txt.json"]
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["rule_errors"][0]["code"] == "ZZ901"


def test_a_report_that_cannot_be_built_is_a_crash_of_its_document(workdir: Path, monkeypatch) -> None:
    import unreportable_rule_plugin

    families = (*registry.builtin_families(), unreportable_rule_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    for copy in ("c1", "c2"):  # 15 documents: --jobs 2 builds the reports in workers
        shutil.copytree(workdir / "batch", workdir / "batch" / copy, ignore=shutil.ignore_patterns("c*"))
    assert main(["check", "batch", "--report-dir", "a", "--jobs", "1"]) == 3
    assert main(["check", "batch", "--report-dir", "b", "--jobs", "2"]) == 3
    assert tree_digest(workdir / "a") == tree_digest(workdir / "b")
    assert len(list((workdir / "a").rglob("*.txt.json"))) == 15
    summary = json.loads((workdir / "a" / "summary.json").read_text("utf-8"))
    crashed = sorted(e["path"] for e in summary["rule_errors"])
    assert crashed == sorted(f"{copy}{name}.txt" for copy in ("", "c1/", "c2/")
                             for name in ("001_7c00190a20eabef2", "002_605ba49512da1802"))
    assert summary["rule_errors"][0] == {
        "path": "001_7c00190a20eabef2.txt", "code": "report",
        "error": "report not built: TypeError: Object of type set is not JSON serializable (findings of ZZ902 left out)"}
    report = json.loads((workdir / "a" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
    assert report["rule_errors"] == [{"code": "report", "error": summary["rule_errors"][0]["error"]}]
    codes = {f["code"] for f in report["findings"]}
    assert "SP001" in codes and "ZZ902" not in codes and report["status"] == "fail"
    report = json.loads((workdir / "a" / "002_605ba49512da1802.txt.json").read_text("utf-8"))
    assert report["findings"] == [] and report["rule_errors"] == [{"code": "report", "error": (
        "report not built: TypeError: '<' not supported between instances of 'str' and 'NoneType' "
        "(all findings left out)")}]


def test_rules_listing_and_rule_documentation(capsys) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    codes = [line.split()[0] for line in listing]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    for code in codes:
        assert main(["rule", code]) == 0
        doc = capsys.readouterr().out
        assert doc.startswith(code) and len(doc.splitlines()) >= 5
    assert main(["rule", "XX000"]) == 2


@pytest.mark.parametrize("which", ["report", "summary"])
def test_schema_command_prints_a_valid_schema(capsys, which) -> None:
    assert main(["schema", which]) == 0
    printed = capsys.readouterr().out
    jsonschema.Draft202012Validator.check_schema(json.loads(printed))
    assert printed == (SCHEMAS / f"{which}.schema.json").read_text("utf-8")


@pytest.mark.parametrize("which", ["report", "summary"])
def test_shipped_schemas_are_generated_from_the_registry(which) -> None:
    from scrapegate.checks.schemas import schema_text

    assert (SCHEMAS / f"{which}.schema.json").read_text("utf-8") == schema_text(which, include_plugins=False), \
        ("the schemas are generated: edit checks/schemas.py (engine fields) or the family's FAMILY "
         "(its fields), then run python -m scrapegate.checks.schemas")


def test_report_schema_knows_every_category_and_code() -> None:
    from scrapegate.checks.registry import all_rules, families

    finding = _schema("report")["$defs"]["finding"]["properties"]
    assert finding["code"]["enum"] == sorted(all_rules(include_plugins=False))
    assert finding["category"]["enum"] == [f.category for f in families(include_plugins=False)]


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert "scrapegate 0.1.0" in capsys.readouterr().out


def test_bare_rules_folder_refuses_import(monkeypatch) -> None:
    import importlib
    import sys

    monkeypatch.syspath_prepend(str(SCHEMAS.parent.parent))
    monkeypatch.delitem(sys.modules, "rules", raising=False)
    with pytest.raises(ImportError, match="scrapegate.rules"):
        importlib.import_module("rules")


def test_rules_documentation_is_current() -> None:
    from scrapegate.checks.cli import rules_markdown

    committed = (SCHEMAS.parent.parent / "docs" / "RULES.md").read_text("utf-8")
    assert committed == rules_markdown(), "regenerate: scrapegate rules --format markdown > docs/RULES.md"


def test_index_across_runs_from_the_command_line(workdir: Path) -> None:
    first = workdir / "first"
    first.mkdir()
    shutil.copy(workdir / "batch" / "004_550990f762e950b4.txt", first / "report.txt")
    assert main(["check", "first", "--index", "idx.sqlite", "--update-index", "--report-dir", "r1"]) in (0, 1)
    second = workdir / "second"
    second.mkdir()
    text = (first / "report.txt").read_text("utf-8")
    (second / "copy.txt").write_bytes(("首页 | 新闻 | 联系我们\n" + text).encode("gb18030"))
    main(["check", "second", "--index", "idx.sqlite", "--report-dir", "r2"])
    report = json.loads((workdir / "r2" / "copy.txt.json").read_text("utf-8"))
    (finding,) = [f for f in report["findings"] if f["code"] == "DU004"]
    assert finding["details"]["kind"] == "exact" and finding["details"]["other"] == "report.txt"


@pytest.mark.parametrize("args, message", [
    (["--index", "bogus.sqlite"], "--index bogus.sqlite:"),
    (["--update-index"], "--update-index needs --index"),
    (["--index", "empty.sqlite"], "--index empty.sqlite: empty.sqlite: an empty file (0 bytes)"),  # ran silently
])
def test_index_usage_errors(workdir: Path, capsys, args, message) -> None:
    (workdir / "bogus.sqlite").write_bytes(b"this is not a database" * 100)
    (workdir / "empty.sqlite").touch()
    assert main(["check", "batch", "--report-dir", "out", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("clean", ["batch", "batch/clean"])
def test_write_clean_into_the_input_folder_is_refused(workdir: Path, capsys, clean: str) -> None:
    before = tree_digest(workdir / "batch")
    assert main(["check", "batch", "--write-clean", clean, "--report-dir", "out"]) == 2
    assert f"--write-clean {clean}: overlaps the input folder {workdir / 'batch'}" in capsys.readouterr().err
    assert tree_digest(workdir / "batch") == before


@pytest.mark.parametrize("flag", ["--report-dir", "--write-clean"])
@pytest.mark.parametrize(("folder", "message"), [("afile", "exists and is not a folder"),
                                                 ("afile/sub", "its parent afile exists and is not a folder")])
def test_an_output_folder_that_is_a_file_is_a_usage_error(workdir: Path, capsys, flag: str, folder: str,
                                                          message: str) -> None:
    (workdir / "afile").write_text("x", encoding="utf-8")
    args = ["check", "batch", flag, folder] + (["--report-dir", "out"] if flag != "--report-dir" else [])
    assert main(args) == 2
    assert f"{flag} {folder}: {message}" in capsys.readouterr().err
    assert (workdir / "afile").read_text(encoding="utf-8") == "x"


def test_a_refused_output_folder_leaves_no_folder_the_run_created(workdir: Path, capsys) -> None:
    # The folders are created in order: before, --report-dir new/out/r stayed behind, empty, when
    # --write-clean was refused after it; a folder that was there before stays
    (workdir / "afile").write_text("x", encoding="utf-8")
    (workdir / "kept").mkdir()
    assert main(["check", "batch", "--report-dir", "new/out/r", "--attributes", "kept", "--write-clean", "afile"]) == 2
    assert "--write-clean afile: exists and is not a folder" in capsys.readouterr().err
    assert sorted(p.name for p in workdir.iterdir()) == ["afile", "batch", "kept"]


def test_a_usage_error_names_a_path_that_is_not_utf8_as_input_errors_do(workdir: Path, capsys) -> None:
    # the byte 0xff is written \xff, as in input errors and summary.json; before, the message showed the
    # lone surrogate as \udcff (stderr's backslashreplace), a name no tool or user writes
    odd = os.fsdecode(b"s\xffite")
    (workdir / odd).mkdir()
    (workdir / odd / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main(["check", odd, "--report-dir", odd]) == 2
    assert main(["check", "batch", "--baseline", os.fsdecode(b"base\xff.json")]) == 2
    err = capsys.readouterr().err
    assert "scrapegate: error: --report-dir s\\xffite: overlaps the input folder " in err
    assert "scrapegate: error: --baseline base\\xff.json: no such file" in err and "udcff" not in err


def test_a_file_name_that_is_not_utf8_is_an_input_error_and_the_batch_is_reported(workdir: Path, capsys) -> None:
    # the name's byte 0xff cannot go into UTF-8 summary.json as it is: written \xff, the run goes on
    (workdir / "batch" / os.fsdecode(b"bad\xffname.txt")).write_text("正文。\n", encoding="utf-8")
    assert main(["check", "batch", "--report-dir", "out", "--fail-on", "never"]) == 2
    assert "batch/bad\\xffname.txt: the file name is not valid UTF-8 (rename it)" in capsys.readouterr().err
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["input_errors"] == [{"path": "bad\\xffname.txt",
                                        "error": "the file name is not valid UTF-8 (rename it); not read"}]
    assert (workdir / "out" / "004_550990f762e950b4.txt.json").exists()


def test_a_newline_in_a_file_name_keeps_each_finding_on_one_line(workdir: Path, capsys) -> None:
    seed = (workdir / "batch" / "004_550990f762e950b4.txt").read_bytes()
    (workdir / "batch" / "new\nline.txt").write_bytes(seed)
    main(["check", "batch", "--report-dir", "out", "--fail-on", "never"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("batch/new\\nline.txt:") for line in lines)
    assert not any(line.startswith("line.txt") for line in lines)


def test_one_file_reached_twice_is_one_document(workdir: Path) -> None:
    (workdir / "batch" / "link.txt").symlink_to(workdir / "batch" / "004_550990f762e950b4.txt")
    main(["check", "batch", "batch/004_550990f762e950b4.txt", "--report-dir", "out", "--select", "DU"])
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["documents"]["total"] == 5 and summary["duplicate_clusters"] == []
    assert not (workdir / "out" / "link.txt.json").exists()


def test_reports_are_readable_as_the_umask_allows(workdir: Path) -> None:
    old = os.umask(0o022)
    try:
        main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
    finally:
        os.umask(old)
    assert (workdir / "out" / "summary.json").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("command", [["baseline", "batch", "-o", "b.json"], ["check", "batch", "--show-settings"]])
@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_an_empty_select_is_a_usage_error_in_every_command(workdir: Path, capsys, command, flag) -> None:
    assert main([*command, flag, ""]) == 2
    assert f"{flag}: empty" in capsys.readouterr().err


def test_an_empty_file_given_to_update_index_becomes_the_index(workdir: Path) -> None:
    (workdir / "idx.sqlite").touch()  # mktemp's file, say
    assert main(["check", "batch", "--report-dir", "out", "--index", "idx.sqlite", "--update-index"]) in (0, 1)
    assert main(["check", "batch", "--report-dir", "out2", "--index", "idx.sqlite"]) in (0, 1)


def test_a_missing_index_without_update_is_a_warning(workdir: Path, capsys) -> None:
    main(["check", "batch", "--report-dir", "out", "--index", "nothing.sqlite"])
    assert "--index nothing.sqlite does not exist" in capsys.readouterr().err
    assert not (workdir / "nothing.sqlite").exists()


def test_per_file_ignores_match_paths_relative_to_the_config(workdir: Path) -> None:
    (workdir / "scrapegate.toml").write_text('[per-file-ignores]\n"batch/001_*" = ["SP", "BP", "TR", "RG", "PV"]\n',
                                             encoding="utf-8")
    for target in ("batch", "batch/001_7c00190a20eabef2.txt"):
        main(["check", target, "--report-dir", "out", "--jobs", "1"])
        report = json.loads((workdir / "out" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
        assert report["findings"] == [], target
