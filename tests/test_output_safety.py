"""Issue 18: nothing is written outside the output folders, no output overwrites an input or another
output, and bad inputs are input errors (exit 2 naming the file and the record), never crashes."""

from __future__ import annotations

import json
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from tree_fixtures import tree_digest, write_pack
from scrapegate.checks.outputs import OutputError, OutputFolder, assign_names

DOC = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。\n"


def _summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text("utf-8"))


# --- output folders may not overlap the inputs ------------------------------------------------

def test_report_dir_equal_to_the_input_folder_is_refused(workdir: Path, capsys) -> None:
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "json"]\n', encoding="utf-8")
    (workdir / "batch" / "a.txt").write_text(DOC, encoding="utf-8")
    (workdir / "batch" / "a.txt.json").write_text('{"keep": true}', encoding="utf-8")
    before = tree_digest(workdir / "batch")
    assert main(["check", "batch", "--report-dir", "batch"]) == 2
    assert f"--report-dir batch: overlaps the input folder {workdir / 'batch'}" in capsys.readouterr().err
    assert tree_digest(workdir / "batch") == before


@pytest.mark.parametrize("args", [
    ["data/2024", "--write-clean", "data"],            # a parent of the input folder
    ["data/2024", "--write-clean", "."],
    ["data/2024", "--report-dir", "data/2024/out"],     # inside the input folder
    ["data/2024/x.txt", "--write-clean", "data/2024"],  # the folder holding an input file
    ["data/2024/x.txt", "--report-dir", "data"],
])
def test_output_folders_overlapping_an_input_are_refused(workdir: Path, capsys, args) -> None:
    (workdir / "data" / "2024").mkdir(parents=True)
    (workdir / "data" / "2024" / "x.txt").write_text(DOC, encoding="utf-8")
    before = tree_digest(workdir)
    if "--report-dir" not in args:
        args = [*args, "--report-dir", "out"]
    assert main(["check", *args]) == 2
    assert "overlaps the input" in capsys.readouterr().err
    assert tree_digest(workdir) == before and not (workdir / "data" / "2024" / "out").exists()


@pytest.mark.parametrize("clean", ["out", "out/clean"])
def test_write_clean_and_report_dir_may_not_overlap(workdir: Path, capsys, clean: str) -> None:
    assert main(["check", "batch", "--report-dir", "out", "--write-clean", clean]) == 2
    assert "overlap; use separate folders" in capsys.readouterr().err
    assert not (workdir / "out").exists()


@pytest.mark.parametrize("args, what", [
    (["--output-file", "out/summary.json", "--output-format", "sarif"], "a report"),  # the batch summary
    (["--output-file", "out/a.txt.json", "--output-format", "json"], "a report"),  # a document's report
    (["--html", "clean/a.txt", "--write-clean", "clean"], "a cleaned document"),
])
def test_output_files_never_land_on_this_runs_reports(workdir: Path, capsys, args, what: str) -> None:
    """-o and --html went over what the run had just written (summary.json became the SARIF log)."""
    (workdir / "mine").mkdir()
    (workdir / "mine" / "a.txt").write_text(DOC, encoding="utf-8")
    assert main(["check", "mine", "--report-dir", "out", "-q"]) == 0
    (workdir / "clean").mkdir()
    before = tree_digest(workdir)
    assert main(["check", "mine", "--report-dir", "out", "-q", *args]) == 2
    flag, name = args[0], args[1]
    assert f"{flag} {name}: could overwrite {what} this run writes in" in capsys.readouterr().err
    assert tree_digest(workdir) == before
    # a file of another kind may stand beside the reports (a SARIF log, the audit page)
    assert main(["check", "mine", "--report-dir", "out", "-q", "--output-file", "out/gate.sarif",
                 "--output-format", "sarif", "--html", "out/audit.html"]) == 0
    assert _summary(workdir / "out")["documents"]["total"] == 1


@pytest.mark.parametrize("args, message", [
    (["check", "--baseline", "made/base.json", "-o", "made/base.json"],  # emptied the baseline, exit 0
     "--output-file made/base.json: is the --baseline file this run reads"),
    (["check", "--baseline", "made/base.json", "--html", "made/base.json"],
     "--html made/base.json: is the --baseline file this run reads"),
    (["check", "--manifest", "made/manifest.csv", "-o", "made/manifest.csv"],
     "--output-file made/manifest.csv: is the --manifest file this run reads"),
    (["baseline", "--manifest", "made/manifest.csv", "-o", "made/manifest.csv"],
     "--output made/manifest.csv: is the --manifest file this run reads"),
    (["check", "--index", "made/index.db", "-o", "made/index.db"],  # a read-only index became the findings
     "--output-file made/index.db: is the --index file this run reads"),
    (["check", "--config", "made/scrapegate.toml", "-o", "made/scrapegate.toml"],
     "--output-file made/scrapegate.toml: is the --config file this run reads"),
    (["check", "--html", "made/page.html", "-o", "made/page.html"],  # one overwrote the other
     "--html made/page.html: the same file as --output-file made/page.html"),
    (["check", "--index", "made/index.db", "--update-index", "-o", "made/index.db"],
     "--output-file made/index.db: is the --index file this run reads"),
    (["check", "--baseline", "out/base.json"],  # the report folder's <document>.json are written there
     "--baseline out/base.json: lies in --report-dir out, where this run writes a report"),
])
def test_output_files_never_replace_a_file_the_run_reads(workdir: Path, capsys, args, message: str) -> None:
    """The baseline, manifest, config and index are read by the run: an output file named as one of them
    (or two output files named alike) is a usage error, and nothing is written."""
    assert main(["baseline", "batch", "-o", "base.json", "-q", "--jobs", "1"]) == 0
    assert main(["check", "batch", "--index", "index.db", "--update-index", "--report-dir", "first", "-q",
                 "--jobs", "1"]) == 1
    made = workdir / "made"
    made.mkdir()
    (workdir / "out").mkdir()
    shutil.move(workdir / "base.json", made / "base.json")
    shutil.copy(made / "base.json", workdir / "out" / "base.json")
    shutil.move(workdir / "index.db", made / "index.db")
    (made / "manifest.csv").write_text("path,url\nbatch/000_6c315c879fc3e2f4.txt,http://www.gov.cn/a\n", "utf-8")
    (made / "scrapegate.toml").write_text('fail-on = "error"\n', "utf-8")
    before = tree_digest(workdir)
    capsys.readouterr()
    command, *rest = args
    assert main([command, "batch", *rest, *(["--report-dir", "out"] if command == "check" else []), "-q",
                 "--jobs", "1"]) == 2
    assert message in capsys.readouterr().err
    assert tree_digest(workdir) == before


@pytest.mark.parametrize("flag", ["--write-clean", "--report-dir"])
def test_an_empty_output_path_is_a_usage_error(workdir: Path, capsys, flag: str) -> None:
    before = tree_digest(workdir)
    args = ["check", "batch", flag, ""] + (["--report-dir", "out"] if flag == "--write-clean" else [])
    assert main(args) == 2
    assert f"{flag}: empty path" in capsys.readouterr().err
    assert tree_digest(workdir) == before


# --- never written through a link -------------------------------------------------------------

def test_reports_and_clean_texts_are_not_written_through_links_in_the_output_folders(
        workdir: Path, capsys) -> None:
    inputs = workdir / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "a.txt").write_text(DOC, encoding="utf-8")
    (inputs / "b.txt").write_text(DOC.replace("植树", "种花"), encoding="utf-8")
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    victim = workdir / "victim.txt"
    victim.write_text("do not touch", encoding="utf-8")
    for out in ("out", "clean"):
        (workdir / out).mkdir()
        (workdir / out / "sub").symlink_to(elsewhere, target_is_directory=True)
    (workdir / "out" / "b.txt.json").symlink_to(victim)  # a planted link at a report's own name
    code = main(["check", "in", "--report-dir", "out", "--write-clean", "clean", "--fail-on", "never"])
    err = capsys.readouterr().err
    assert code == 2
    assert "report not written" in err and "cleaned text not written" in err and "symbolic link" in err
    assert list(elsewhere.iterdir()) == [] and victim.read_text("utf-8") == "do not touch"
    # the link at b.txt.json was replaced by the report (rename never writes through a link)
    assert not (workdir / "out" / "b.txt.json").is_symlink()
    assert json.loads((workdir / "out" / "b.txt.json").read_text("utf-8"))["document"]["path"] == "b.txt"
    assert (workdir / "clean" / "b.txt").is_file()
    summary = _summary(workdir / "out")
    assert {e["path"] for e in summary["input_errors"]} == {"sub/a.txt"}


def test_output_folder_write_refuses_links_files_and_dot_names(tmp_path: Path) -> None:
    (tmp_path / "target").mkdir()
    folder = OutputFolder("--report-dir", tmp_path / "out")
    (tmp_path / "out" / "link").symlink_to(tmp_path / "target")
    (tmp_path / "out" / "file").write_text("x", encoding="utf-8")
    for name in ("link/a.json", "file/a.json", "../a.json", "a/./b.json", "x" * 256 + ".json"):
        with pytest.raises(OutputError):
            folder.write(name, "{}")
    folder.write("deep/er/a.json", "{}")
    assert (tmp_path / "out" / "deep" / "er" / "a.json").read_text("utf-8") == "{}"
    assert list((tmp_path / "target").iterdir()) == []
    assert not [p for p in (tmp_path / "out").rglob(".scrapegate-*")]  # no temporary file left


def test_a_link_in_a_walked_folder_to_a_file_outside_is_not_read(workdir: Path, capsys) -> None:
    secret = workdir / "secret.txt"
    secret.write_text("机密文件内容：账户口令一二三四五。\n", encoding="utf-8")
    (workdir / "batch" / "leak.txt").symlink_to(secret)
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "1"]) == 2
    assert "leak.txt: symbolic link to a file outside the folder; not read" in capsys.readouterr().err
    assert not (workdir / "out" / "leak.txt.json").exists()
    assert not any("机密" in p.read_text("utf-8") for p in (workdir / "out").rglob("*.json"))
    # a link named on the command line is the user's choice: it is read
    assert main(["check", "batch/leak.txt", "--report-dir", "out2", "--fail-on", "never"]) == 0


@pytest.mark.parametrize("flag", ["--output-file", "--html"])
def test_an_output_file_linked_to_an_input_in_a_walked_folder_is_refused(workdir: Path, capsys, flag: str) -> None:
    """`-o findings.log`, a symbolic link to batch/004_….txt, emptied that input (then exit 3): the
    check read the link's name (.log, not a document) instead of the name it writes."""
    (workdir / "findings.log").symlink_to(workdir / "batch" / "004_550990f762e950b4.txt")
    before = tree_digest(workdir / "batch")
    assert main(["check", "batch", "--report-dir", "out", "-q", flag, "findings.log"]) == 2
    assert f"{flag} findings.log: would overwrite an input" in capsys.readouterr().err
    assert tree_digest(workdir / "batch") == before and not (workdir / "out").exists()


def test_an_output_file_hard_linked_to_an_input_leaves_the_input_whole(workdir: Path, capsys) -> None:
    """A hard link cannot be told from its folder's other names without walking them: -o is written
    under a temporary name and renamed, so the input keeps its text (opening it for writing emptied it);
    a hard link to an input named on the command line is refused."""
    os.link(workdir / "batch" / "004_550990f762e950b4.txt", workdir / "findings.log")
    before = tree_digest(workdir / "batch")
    assert main(["check", "batch", "--report-dir", "out", "-q", "--fail-on", "never",
                 "--output-file", "findings.log"]) == 0
    assert tree_digest(workdir / "batch") == before
    assert "PV001" in (workdir / "findings.log").read_text("utf-8")
    os.link(workdir / "batch" / "003_1610248ea291dfaf.txt", workdir / "gate.log")
    assert main(["check", "batch/003_1610248ea291dfaf.txt", "--report-dir", "out", "-q",
                 "--output-file", "gate.log"]) == 2
    assert "--output-file gate.log: would overwrite an input" in capsys.readouterr().err
    assert tree_digest(workdir / "batch") == before


def test_an_output_file_through_a_link_is_written_where_the_link_points(workdir: Path) -> None:
    (workdir / "logs").mkdir()
    (workdir / "latest.sarif").symlink_to(workdir / "logs" / "gate.sarif")
    assert main(["check", "batch", "--report-dir", "out", "-q", "--fail-on", "never",
                 "--output-format", "sarif", "--output-file", "latest.sarif"]) == 0
    assert (workdir / "latest.sarif").is_symlink()
    assert json.loads((workdir / "logs" / "gate.sarif").read_text("utf-8"))["version"] == "2.1.0"


def test_an_updated_index_in_a_walked_folder_is_refused(workdir: Path, capsys) -> None:
    """--index batch/index.txt --update-index created the index in the input folder, where the same run
    (and every later one) read it as a document."""
    assert main(["check", "batch", "--report-dir", "out", "-q", "--index", "batch/index.txt",
                 "--update-index"]) == 2
    assert "--index batch/index.txt: would overwrite an input or be read as one" in capsys.readouterr().err
    assert not (workdir / "batch" / "index.txt").exists()


def test_a_summary_that_cannot_be_written_names_its_path(workdir: Path, capsys, monkeypatch) -> None:
    """A full device while summary.json was written printed `scrapegate: error: : No space left on
    device`, naming nothing; a folder standing at its name printed a stray ': ' before the message."""
    real_open = OutputFolder.open

    def full(self, name):
        if name != "summary.json":
            return real_open(self, name)
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(OutputFolder, "open", full)
        assert main(["check", "batch", "--report-dir", "out", "-q"]) == 2
    assert f"scrapegate: error: {workdir / 'out' / 'summary.json'}: No space left on device" in capsys.readouterr().err
    (workdir / "out2" / "summary.json").mkdir(parents=True)
    assert main(["check", "batch", "--report-dir", "out2", "-q"]) == 2
    assert (f"scrapegate: error: {workdir / 'out2' / 'summary.json'} is a folder; not overwritten"
            in capsys.readouterr().err)


# --- colliding report names get distinct names ------------------------------------------------

def test_assign_names_scheme() -> None:
    names = assign_names({"summary": "summary.json", "a.txt": "a.txt.json", "a.txt.json/b": "a.txt.json/b.json",
                          "a.txt~2": "a.txt~2.json", "c": "c.json"}, reserved={"summary.json"})
    assert names == {"summary": "summary~2.json", "a.txt": "a.txt~3.json", "a.txt.json/b": "a.txt.json/b.json",
                     "a.txt~2": "a.txt~2.json", "c": "c.json"}
    assert assign_names({"a": "p.jsonl.gz", "b": "p.jsonl.gz"})["b"] == "p~2.jsonl.gz"
    assert assign_names({"b/p.jsonl": "p.jsonl", "a/p.jsonl": "p.jsonl"}) == {"a/p.jsonl": "p.jsonl",
                                                                             "b/p.jsonl": "p~2.jsonl"}


def test_a_document_named_summary_does_not_overwrite_the_batch_summary(workdir: Path) -> None:
    (workdir / "docs").mkdir()
    (workdir / "docs" / "summary").write_text(DOC, encoding="utf-8")
    (workdir / "m.csv").write_text("path\ndocs/summary\n", encoding="utf-8")
    assert main(["check", "--manifest", "m.csv", "--report-dir", "out", "--fail-on", "never"]) == 0
    summary = _summary(workdir / "out")
    assert summary["per_document"][0]["path"] == "summary"
    assert summary["per_document"][0]["report"] == "summary~2.json"
    report = json.loads((workdir / "out" / "summary~2.json").read_text("utf-8"))
    assert report["document"]["path"] == "summary"


def test_a_file_beside_a_folder_of_its_report_name_gets_a_distinct_name(workdir: Path) -> None:
    (workdir / "in" / "a.txt.json").mkdir(parents=True)
    (workdir / "in" / "a.txt").write_text(DOC, encoding="utf-8")
    (workdir / "in" / "a.txt.json" / "b.txt").write_text(DOC.replace("植树", "种花"), encoding="utf-8")
    assert main(["check", "in", "--report-dir", "out", "--fail-on", "never"]) == 0
    reports = {e["path"]: e["report"] for e in _summary(workdir / "out")["per_document"]}
    assert reports == {"a.txt": "a.txt~2.json", "a.txt.json/b.txt": "a.txt.json/b.txt.json"}
    for key, name in reports.items():
        assert json.loads((workdir / "out" / name).read_text("utf-8"))["document"]["path"] == key


def test_pack_ids_x_and_x_json_slash_y_get_distinct_report_names(workdir: Path) -> None:
    write_pack(workdir / "p.jsonl", [{"id": "x", "text": DOC}, {"id": "x.json/y", "text": DOC + "二"}])
    assert main(["check", "p.jsonl", "--report-dir", "out", "--write-clean", "clean", "--fail-on", "never"]) == 0
    entries = {e["path"]: (e["report"], e["clean"]) for e in _summary(workdir / "out")["per_document"]}
    assert entries == {"p.jsonl/x": ("p.jsonl/x~2.json", "p.jsonl"),
                       "p.jsonl/x.json/y": ("p.jsonl/x.json/y.json", "p.jsonl")}
    for key, (report, _) in entries.items():
        assert json.loads((workdir / "out" / report).read_text("utf-8"))["document"]["path"] == key
    assert len((workdir / "clean" / "p.jsonl").read_text("utf-8").splitlines()) == 2


def test_a_plain_file_and_a_pack_needing_its_name_as_a_folder_get_distinct_clean_names(workdir: Path) -> None:
    (workdir / "a" / "p.jsonl").mkdir(parents=True)
    (workdir / "a" / "p.jsonl" / "d.txt").write_text(DOC, encoding="utf-8")
    (workdir / "b").mkdir()
    write_pack(workdir / "b" / "p.jsonl", [{"id": "x", "text": DOC + "二"}])
    assert main(["check", "a", "b/p.jsonl", "--report-dir", "out", "--write-clean", "clean",
                 "--attributes", "attrs", "--fail-on", "never"]) == 0
    entries = {e["path"]: e["clean"] for e in _summary(workdir / "out")["per_document"]}
    assert entries == {"p.jsonl/d.txt": "p.jsonl/d.txt", "p.jsonl/x": "p~2.jsonl"}
    assert (workdir / "clean" / "p.jsonl" / "d.txt").is_file() and (workdir / "clean" / "p~2.jsonl").is_file()
    assert sorted(p.name for p in (workdir / "attrs").iterdir()) == ["documents.jsonl", "p.jsonl"]


# --- bad input is an input error, never a crash ------------------------------------------------

@pytest.mark.parametrize("line, message", [
    ('{"id": "n", "text": "正文。", "n": ' + "9" * 5000 + "}", "not readable JSON"),
    ("[" * 100_000 + "]" * 100_000, "not readable JSON (RecursionError"),
    ('{"text": "正文。", "x": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001, "not readable JSON"),
    ('{"id": "u", "text": "正文。", "url": "not a url"}', "'url' is not an http(s) URL"),
    ('{"id": "f", "text": "正文。", "fetched_at": "yesterday"}', "'fetched_at' is not an ISO 8601"),
    ('{"id": "r", "text": "正文。", "region": "' + "省" * 50 + '"}', "'region' must be 2 to 40"),
    ('{"id": "' + "长" * 100 + '", "text": "正文。"}', "output name too long"),
])
def test_bad_pack_records_are_input_errors_naming_the_line(workdir: Path, capsys, line: str, message: str) -> None:
    (workdir / "p.jsonl").write_text('{"id": "ok", "text": "正文。"}\n' + line + "\n", encoding="utf-8")
    assert main(["check", "p.jsonl", "--report-dir", "out", "--fail-on", "never"]) == 2
    err = capsys.readouterr().err
    assert "p.jsonl:2: " in err and message in err
    assert (workdir / "out" / "p.jsonl" / "ok.json").is_file()
    assert _summary(workdir / "out")["input_errors"][0]["path"] == "p.jsonl:2"


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_pack_is_an_input_error(workdir: Path, capsys, content: str) -> None:
    (workdir / "p.jsonl").write_text(content, encoding="utf-8")
    assert main(["check", "p.jsonl", "--report-dir", "out"]) == 2
    assert "p.jsonl: jsonl pack holds no records" in capsys.readouterr().err


def test_a_deeply_nested_manifest_line_is_a_manifest_error(workdir: Path, capsys) -> None:
    (workdir / "m.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert main(["check", "--manifest", "m.jsonl", "--report-dir", "out"]) == 2
    assert "m.jsonl: line 1: not readable JSON" in capsys.readouterr().err


def test_a_file_name_too_long_for_its_report_is_an_input_error(workdir: Path, capsys) -> None:
    name = "长" * 83 + ".txt"  # 253 bytes: a valid file name, but its report name is 258 bytes
    (workdir / "batch" / name).write_text(DOC, encoding="utf-8")
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "1"]) == 2
    assert f"{name}: output name too long for the file system" in capsys.readouterr().err
    assert _summary(workdir / "out")["documents"]["total"] == 5


def test_input_error_paths_in_the_summary_do_not_depend_on_the_working_folder(workdir: Path) -> None:
    (workdir / "batch" / "empty.txt").write_text("", encoding="utf-8")
    write_pack(workdir / "batch" / "p.jsonl", [{"text": "正文。"}, "{bad"])
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")
    main(["check", "batch", "--report-dir", "a", "--jobs", "1"])
    (workdir / "sub").mkdir()
    os.chdir(workdir / "sub")
    main(["check", str(workdir / "batch"), "--report-dir", str(workdir / "b"), "--jobs", "1",
          "--config", str(workdir / "scrapegate.toml")])
    first, second = (workdir / "a" / "summary.json").read_bytes(), (workdir / "b" / "summary.json").read_bytes()
    assert first == second
    assert [e["path"] for e in json.loads(first)["input_errors"]] == ["p.jsonl:2", "empty.txt"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_to_a_latin1_terminal_does_not_crash(workdir: Path, fmt: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    done = subprocess.run([sys.executable, "-m", "scrapegate.checks.cli", "check", "batch", "--report-dir",
                           "out", "--jobs", "1", "--format", fmt], env=env, capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("latin-1")
    if fmt == "json":
        assert json.loads(out) == _summary(workdir / "out")
    else:
        assert "SP001" in out and "\\u" in out and "Found" in out


def test_two_packs_of_one_name_get_distinct_clean_and_attribute_files(workdir: Path) -> None:
    for folder, record in (("a", "x"), ("b", "y")):
        (workdir / folder).mkdir()
        write_pack(workdir / folder / "p.jsonl", [{"id": record, "text": DOC + record}])
    assert main(["check", "a/p.jsonl", "b/p.jsonl", "--report-dir", "out", "--write-clean", "clean",
                 "--attributes", "attrs", "--fail-on", "never"]) == 0
    assert sorted(p.name for p in (workdir / "clean").iterdir()) == ["p.jsonl", "p~2.jsonl"]
    assert sorted(p.name for p in (workdir / "attrs").iterdir()) == ["p.jsonl", "p~2.jsonl"]
    ids = {json.loads(line)["id"] for p in (workdir / "attrs").iterdir() for line in p.read_text("utf-8").splitlines()}
    assert ids == {"x", "y"}


def test_report_names_renamed_sparsely_as_assign_names_would() -> None:
    from scrapegate.checks.outputs import renamed_with_suffix

    keys = ["summary", "summary~2", "a", "a.json/b", "a~2", "x", "x.json", "x.json.json/y", "d/e", "d",
            "d~2.json/f", "p.q", "p.q.json/r", "é", "é.json/1"]
    full = assign_names({key: f"{key}.json" for key in keys}, reserved={"summary.json"})
    renamed = renamed_with_suffix(keys, ".json", reserved={"summary.json"})
    assert renamed == {key: name for key, name in full.items() if name != f"{key}.json"}
    assert len(renamed) >= 4



@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a writer mid-write")
def test_cleaning_up_unfinished_writes_leaves_another_runs_writes_alone(tmp_path: Path) -> None:
    this_run, other_run = OutputFolder("--report-dir", tmp_path), OutputFolder("--report-dir", tmp_path)
    pid = os.fork()
    if pid == 0:  # a worker of this run killed while it writes a.json
        with this_run.open("a.json") as handle:
            handle.write(b"{")
            os._exit(0)
    os.waitpid(pid, 0)
    with other_run.open("sub/b.json") as handle:
        handle.write(b"{}")
        assert this_run.remove_unfinished() == 1  # the dead worker's half-written a.json only
        assert this_run.remove_unfinished() == 0
    assert (tmp_path / "sub" / "b.json").read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["b.json"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a writer mid-write")
def test_a_later_run_removes_the_temporary_files_of_killed_runs_only(tmp_path: Path) -> None:
    pytest.importorskip("fcntl")
    killed, alive = OutputFolder("--report-dir", tmp_path), OutputFolder("--report-dir", tmp_path)
    pid = os.fork()
    if pid == 0:  # an earlier run SIGKILLed while it wrote sub/a.json
        with killed.open("sub/a.json") as handle:
            handle.write(b"{")
            os._exit(0)
    os.waitpid(pid, 0)
    (tmp_path / "outside.txt").write_bytes(b"not ours")
    (tmp_path / ".scrapegate-notes.tmp").write_bytes(b"named otherwise")
    (tmp_path / ".scrapegate-0badc0de-0123456789ab.tmp").symlink_to(tmp_path / "outside.txt")
    with alive.open("b.json") as handle:  # an earlier run still writing
        handle.write(b"{")
        long_ago = 1_000_000_000
        for path in tmp_path.rglob(".scrapegate-*.tmp"):
            os.utime(path, (long_ago, long_ago), follow_symlinks=False)
        later = OutputFolder("--report-dir", tmp_path)
        fresh = tmp_path / ".scrapegate-00000000-000000000000.tmp"  # written after the later run started
        fresh.write_bytes(b"{")
        assert later.remove_stale() == (1, [])
        assert later.remove_stale() == (0, [])
    assert (tmp_path / "b.json").read_bytes() == b"{"
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        ".scrapegate-00000000-000000000000.tmp", ".scrapegate-0badc0de-0123456789ab.tmp",
        ".scrapegate-notes.tmp", "b.json", "outside.txt", "sub"]


def test_check_reports_the_killed_runs_temporary_files_it_removed(workdir: Path, capsys) -> None:
    pytest.importorskip("fcntl")
    stale = workdir / "out" / "sub" / ".scrapegate-0123abcd-0123456789ab.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"{\"half")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
    assert not stale.exists()
    assert ("warning: --report-dir out: removed 1 temporary file (.scrapegate-*.tmp) left by an earlier run "
            "that was killed") in capsys.readouterr().err


def _open_temporaries() -> set[tuple[str, str]]:
    """The anonymous (deleted) files this process has open, as (descriptor, path) (Linux: /proc/self/fd)."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith(" (deleted)"):
            found.add((fd, target))
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd")
def test_the_runs_temporary_files_are_inside_its_report_folder_and_gone_after(workdir: Path) -> None:
    """What the main process keeps per document (spills, the summary's entries, the duplicate profiles)
    is on disk in a scratch folder inside the report folder, not in TMPDIR: the run writes nothing
    outside the folders it was given. The folder is gone when the run ends."""
    from scrapegate.checks.api import check_paths

    before = _open_temporaries()  # other tests' (their results are still alive)
    seen: list[set[tuple[str, str]]] = []
    result = check_paths(["batch"], report_dir="out", jobs=1, fail_on="never", keep_reports=False,
                         _reported=lambda result, ctx: seen.append(_open_temporaries() - before))
    assert len(seen) == 5
    folders = {os.path.dirname(path) for fd, path in set().union(*seen)}
    assert folders and all(Path(f).parent == (workdir / "out").resolve() and Path(f).name.endswith("-scratch")
                           for f in folders), folders
    assert [p.name for p in (workdir / "out").iterdir() if p.name.startswith(".")] == []
    assert len(list(result.summary["per_document"])) == 5  # its file, anonymous, still reads


def test_a_packs_spool_is_in_the_scratch_folder_not_in_tmpdir(workdir: Path, monkeypatch) -> None:
    """A pack's records are copied to a spool file (as large as the pack's text) that both passes read
    back. Discovery now runs inside the run's scratch folder, so the spool is made there and goes with
    it: nothing in TMPDIR during the run or after it."""
    import tempfile

    from scrapegate.checks.api import check_paths

    tmp = workdir / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    with open(workdir / "pack.jsonl", "w", encoding="utf-8") as out:
        for n, seed in enumerate(sorted((workdir / "batch").glob("*.txt"))):
            out.write(json.dumps({"id": f"r{n}", "text": seed.read_text("utf-8")}, ensure_ascii=False) + "\n")
    spools: list[list[Path]] = []
    result = check_paths(["pack.jsonl"], report_dir="out", jobs=1, fail_on="never", keep_reports=False,
                         _reported=lambda result, ctx: spools.append(
                             [p for p in (workdir / "out").glob(".scrapegate-*-scratch/*") if p.stat().st_size]))
    assert result.summary["documents"]["total"] == 5 and len(spools) == 5
    assert all(len(found) == 1 and found[0].name.startswith("pack.jsonl.") for found in spools), spools
    assert list(tmp.iterdir()) == []
    assert [p.name for p in (workdir / "out").iterdir() if p.name.startswith(".")] == []


def test_the_scratch_folder_is_removed_when_the_run_fails(workdir: Path) -> None:
    from scrapegate.checks.api import check_paths

    def fail(result, ctx):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        check_paths(["batch"], report_dir="out", jobs=1, _reported=fail)
    assert [p.name for p in (workdir / "out").iterdir() if p.name.startswith(".")] == []


def test_check_removes_the_scratch_folder_of_a_killed_run_but_not_a_live_ones(workdir: Path, capsys) -> None:
    pytest.importorskip("fcntl")
    out = workdir / "out"
    out.mkdir()
    stale = out / ".scrapegate-0123abcd-scratch"  # a killed run's: its anonymous files went with it
    stale.mkdir()
    live = OutputFolder("--report-dir", out)
    with live.scratch() as in_use:
        for folder in (stale, in_use):
            os.utime(folder, (1_000_000_000, 1_000_000_000))
        main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
        assert not stale.exists() and in_use.is_dir()
    assert not in_use.exists()
    assert ("warning: --report-dir out: removed 1 scratch folder (.scrapegate-*-scratch) left by an earlier run "
            "that was killed") in capsys.readouterr().err


def test_a_named_output_file_removes_the_temporaries_a_killed_write_left(workdir: Path, capsys) -> None:
    """-o, --html and baseline -o are written to .<name>.<8>.tmp and renamed; SIGKILL between the two
    left that file beside the output for good. The next write of the same file removes it (and says so),
    but not a temporary file another run holds locked, nor one newer than this process."""
    import fcntl

    folder = workdir / "gate"
    folder.mkdir()
    stale, locked, newer = (folder / f".out.sarif.{n}.tmp" for n in ("abcd_123", "lockd123", "newer123"))
    other = folder / ".other.sarif.abcd1234.tmp"
    for f in (stale, locked, newer, other):
        f.write_text("half a file", "utf-8")
        os.utime(f, (1e9, 1e9))
    os.utime(newer, None)
    newer_time = newer.stat().st_mtime + 3600
    os.utime(newer, (newer_time, newer_time))
    holder = os.open(locked, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_SH)
    try:
        assert main(["check", "batch", "--report-dir", "out", "--jobs", "1", "-q", "--output-format", "sarif",
                     "-o", "gate/out.sarif"]) == 1
    finally:
        os.close(holder)
    err = capsys.readouterr().err
    assert "warning: --output-file gate/out.sarif: removed 1 temporary file (.out.sarif.*.tmp) left by an earlier run" in err
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (locked, newer, other)) + ["out.sarif"]
