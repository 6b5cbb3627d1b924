"""`scrapegate check --output-format …`: each format checked against what its readers expect.

SARIF against the OASIS SARIF 2.1.0 JSON Schema shipped in tests/schemas (see its README), JUnit with
an XML parser, GitHub workflow commands against their documented grammar, GitLab code quality
against its documented fields; the text formats, --statistics, --exit-zero, --quiet, colour,
--show-settings, the did-you-mean hints and pack-record locations.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from scrapegate.checks.cli import main
from scrapegate.checks.output_formats import colour_wanted, plural, split_advice

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"
SEED_FINDINGS = 17  # tests/seed_reports/summary.json: the seed batch's findings


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "batch", "--report-dir", "out", "--jobs", "1", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _report_findings(workdir: Path) -> list[tuple[str, dict]]:
    return [(p.name[:-5], f) for p in sorted((workdir / "out").glob("*.txt.json"))
            for f in json.loads(p.read_text("utf-8"))["findings"]]


def test_sarif_is_valid_sarif_2_1_0_with_rule_metadata(workdir: Path, capsys) -> None:
    code, out, err = _run(capsys, "--output-format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == SEED_FINDINGS
    rules = run["tool"]["driver"]["rules"]
    sp001 = next(r for r in rules if r["id"] == "SP001")
    assert sp001["name"] == "injected-gambling-term" and "gambling" in sp001["help"]["text"]
    spam = next(r for r in results if r["ruleId"] == "SP001")
    assert rules[spam["ruleIndex"]]["id"] == "SP001" and spam["level"] == "error"
    region = spam["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (23, 102)
    assert spam["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "batch/001_7c00190a20eabef2.txt"
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    assert "Found 17 findings" in err  # the summary line goes to stderr, stdout is the SARIF log


# https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
_GITHUB = re.compile(r"^::(?P<level>error|warning|notice) (?P<params>[^:]*)::(?P<message>.+)$")
_GITHUB_PARAM = re.compile(r"^(file|line|endLine|col|endColumn|title)=([^,:\r\n]*)$")


def test_github_lines_follow_the_workflow_command_grammar(workdir: Path, capsys) -> None:
    (workdir / "batch" / "comma, colon: 100%.txt").write_text(
        "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n", encoding="utf-8")
    _, out, _ = _run(capsys, "--output-format", "github")
    lines = out.splitlines()
    assert len(lines) > SEED_FINDINGS
    for line in lines:
        match = _GITHUB.match(line)
        assert match, line
        params = dict(_GITHUB_PARAM.match(p).groups() for p in match["params"].split(","))
        assert {"file", "line", "col", "title"} <= set(params)
        assert all(params[k].isdigit() for k in ("line", "col"))
        if "endColumn" in params:
            assert params["endLine"] == params["line"]
        assert "\n" not in match["message"]
    odd = [line for line in lines if "comma" in line]
    assert odd and all("file=batch/comma%2C colon%3A 100%25.txt," in line for line in odd)
    spam = next(line for line in lines if "SP001" in line)
    assert spam.startswith("::error file=batch/001_7c00190a20eabef2.txt,line=23,")


def test_junit_parses_and_counts_findings(workdir: Path, capsys) -> None:
    _, out, _ = _run(capsys, "--output-format", "junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 5
    failures = root.findall(".//testcase/failure")
    assert len(failures) == SEED_FINDINGS == int(root.get("failures"))
    assert int(root.get("tests")) == len(root.findall(".//testcase")) == SEED_FINDINGS
    assert any(f.get("type") == "SP001 error" for f in failures)


def test_gitlab_code_quality(workdir: Path, capsys) -> None:
    _, out, _ = _run(capsys, "--output-format", "gitlab")
    issues = json.loads(out)
    assert len(issues) == SEED_FINDINGS
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"].startswith("batch/") and issue["location"]["lines"]["begin"] >= 1


def test_json_and_jsonl_hold_every_finding_of_the_reports(workdir: Path, capsys) -> None:
    _, out, _ = _run(capsys, "--output-format", "json")
    findings = json.loads(out)
    _, out_lines, _ = _run(capsys, "--output-format", "jsonl")
    assert [json.loads(line) for line in out_lines.splitlines()] == findings
    reported = _report_findings(workdir)
    assert [(f["document"], {k: f[k] for k in r}) for f, (_, r) in zip(findings, reported)] == reported
    spam = next(f for f in findings if f["code"] == "SP001")
    assert spam["file"] == "batch/001_7c00190a20eabef2.txt" and spam["location"] == {"line": 23, "column": 102}
    assert spam["report"] == "001_7c00190a20eabef2.txt.json"


def test_grouped_prints_fix_advice_once_per_rule(workdir: Path, capsys) -> None:
    _, out, _ = _run(capsys, "--output-format", "grouped")
    advice = "re-fetch the complete document (check pagination"
    assert out.count(advice) == 2  # TR001 and TR002, once each, not once per finding
    assert out.count("batch/001_7c00190a20eabef2.txt:\n") == 1
    assert "  23:102 SP001 [error] gambling offer 'pp电子娱乐' inserted into the text on line 23\n" in out
    assert "\nFix advice:\n" in out and "  SP001 (injected-gambling-term): remove it\n" in out


def test_concise_and_full(workdir: Path, capsys) -> None:
    _, concise, _ = _run(capsys, "--output-format", "concise")
    assert "batch/001_7c00190a20eabef2.txt:23:102: SP001 gambling offer 'pp电子娱乐' inserted into the text on line 23\n" in concise
    assert "re-fetch" not in concise
    _, full, _ = _run(capsys)
    _, text, _ = _run(capsys, "--format", "text")
    assert full == text
    assert ("batch/001_7c00190a20eabef2.txt:23:102: SP001 [error] gambling offer 'pp电子娱乐' inserted into "
            "the text on line 23; remove it\n") in full
    assert full.splitlines()[-1] == ("Found 17 findings (9 errors, 7 warnings, 1 info) in 5 documents: "
                                     "4 fail, 0 warn, 1 pass. Reports in out/")


def test_format_and_output_format_together_is_a_usage_error(workdir: Path, capsys) -> None:
    code, _, err = _run(capsys, "--format", "json", "--output-format", "json")
    assert code == 2 and "give one" in err


def test_statistics_quiet_exit_zero_and_output_file(workdir: Path, capsys) -> None:
    code, out, _ = _run(capsys, "--statistics")
    assert code == 1
    rows = [line.split() for line in out.splitlines()[:-1]]
    assert [r[:3] for r in rows[:1]] == [["4", "BP002", "footer-chrome"]]
    assert sum(int(r[0]) for r in rows) == SEED_FINDINGS
    code, out, err = _run(capsys, "--quiet", "--exit-zero")
    assert code == 0 and len(out.splitlines()) == SEED_FINDINGS and "Found" not in out + err
    code, out, err = _run(capsys, "--output-format", "sarif", "--output-file", "scan.sarif")
    assert code == 1 and json.loads((workdir / "scan.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert out == "" and "Reports in out/" in err


def test_fail_on_never_changes_only_the_exit_code(workdir: Path, capsys) -> None:
    assert _run(capsys, "--fail-on", "never")[0] == 0
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["fail_on"] == "never" and summary["documents"]["fail"] == 4
    report = json.loads((workdir / "out" / "001_7c00190a20eabef2.txt.json").read_text("utf-8"))
    assert report["status"] == "fail"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(workdir: Path, capsys) -> None:
    assert colour_wanted(_Terminal(), {})
    assert not colour_wanted(_Terminal(), {"NO_COLOR": "1"})
    assert not colour_wanted(io.StringIO(), {})
    _, out, _ = _run(capsys)
    assert "\033[" not in out  # captured output is no terminal


def test_forced_colour_paints_codes_and_severities(workdir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = _run(capsys)
    assert "\033[31merror\033[0m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in _run(capsys)[1]


def test_show_settings(workdir: Path, capsys) -> None:
    (workdir / "scrapegate.toml").write_text('fail-on = "warning"\n[rules.SP001]\nseverity = "warning"\n',
                                             encoding="utf-8")
    assert main(["check", "batch", "--show-settings", "--ignore", "DU"]) == 0
    settings = json.loads(capsys.readouterr().out)
    assert settings["config"].endswith("scrapegate.toml") and settings["fail_on"] == "warning"
    assert settings["rules"]["SP001"]["severity"] == "warning" and "DU001" not in settings["rules"]
    assert not (workdir / "reports").exists()  # nothing was checked


def test_pack_records_are_located_at_their_line_of_the_pack(workdir: Path, capsys) -> None:
    text = (workdir / "batch" / "001_7c00190a20eabef2.txt").read_text("utf-8")
    lines = [{"id": "a", "text": "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。"},
             {"id": "hubei/b", "text": text}]
    (workdir / "pack.jsonl").write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), "utf-8")
    main(["check", "pack.jsonl", "--report-dir", "out", "--jobs", "1", "--select", "SP"])
    out = capsys.readouterr().out
    assert ("pack.jsonl:2:1: SP001 [error] gambling offer 'pp电子娱乐' inserted into the text on line 23; "
            "remove it (record hubei/b, text line 23 column 102)\n") in out
    main(["check", "pack.jsonl", "--report-dir", "out", "--jobs", "1", "--select", "SP", "--output-format", "json"])
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding["file"] == "pack.jsonl" and finding["location"] == {"line": 2, "column": 1}
    assert finding["record"] == "hubei/b" and finding["text_location"] == {"line": 23, "column": 102}


@pytest.mark.parametrize("args, hint", [
    (["check", "batch", "--fial-on", "never"], "did you mean '--fail-on'"),
    (["check", "batch", "--fail", "never"], "did you mean '--fail-on'"),  # no abbreviations
    (["check", "batch", "--output-format", "sarf"], "did you mean 'sarif'"),
    (["chek", "batch"], "did you mean 'check'"),
])
def test_typos_get_a_suggestion_and_the_subcommand_usage(workdir: Path, capsys, args, hint) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert hint in err
    if args[0] == "check":
        assert err.startswith("usage: scrapegate check")


def test_unknown_rule_codes_get_a_suggestion(workdir: Path, capsys) -> None:
    assert main(["rule", "SP01"]) == 2
    assert "did you mean 'SP001'" in capsys.readouterr().err
    code, _, err = _run(capsys, "--select", "TR01")
    assert code == 2 and "unknown rule code or prefix 'TR01'; did you mean 'TR001'" in err


def test_rules_show_the_severities_that_print() -> None:
    from scrapegate.checks.cli import severity_range
    from scrapegate.checks.registry import all_rules

    rules = all_rules()
    assert severity_range(rules["SP001"]) == "error"
    assert severity_range(rules["TR001"]) == "warning|error"


def test_plurals() -> None:
    assert plural(1, "error") == "1 error" and plural(2, "error") == "2 errors"
    assert plural(1, "stale entry", "stale entries") == "1 stale entry"
    assert split_advice("a; b; fix it") == ("a; b", "fix it")


def test_every_printed_severity_is_in_the_rules_listed_range(workdir: Path, capsys) -> None:
    import shutil

    from scrapegate.checks.cli import severity_range
    from scrapegate.checks.registry import all_rules

    shutil.copy(workdir / "batch" / "004_550990f762e950b4.txt", workdir / "batch" / "copy.txt")
    _, out, _ = _run(capsys, "--output-format", "json", "--expect-region", "湖北省")
    findings = json.loads(out)
    rules = all_rules()
    assert {"DU001", "SP001", "TR001"} <= {f["code"] for f in findings}
    for f in findings:
        assert f["severity"] in severity_range(rules[f["code"]]).split("|"), f


def test_unknown_codes_in_the_config_get_a_suggestion(workdir: Path, capsys) -> None:
    (workdir / "scrapegate.toml").write_text('ignore = ["BP01"]\n', encoding="utf-8")
    code, _, err = _run(capsys)
    assert code == 2 and "unknown rule code or prefix 'BP01'; did you mean 'BP001'" in err
    (workdir / "scrapegate.toml").write_text('[rules.SP01]\nseverity = "warning"\n', encoding="utf-8")
    code, _, err = _run(capsys)
    assert code == 2 and "unknown rule code 'SP01'; did you mean 'SP001'" in err


def test_a_pack_on_standard_input_is_located_at_its_line(workdir: Path, capsys, monkeypatch) -> None:
    import sys

    text = (workdir / "batch" / "001_7c00190a20eabef2.txt").read_text("utf-8")
    data = json.dumps({"id": "x", "text": "正文。"}) + "\n" + json.dumps({"id": "y", "text": text}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    main(["check", "-", "--report-dir", "out", "--jobs", "1", "--select", "SP", "--output-format", "concise"])
    out = capsys.readouterr().out
    assert out.startswith("-:2:1: SP001 gambling offer 'pp电子娱乐' inserted into the text on line 23 "
                          "(record y, text line 23 column 102)\n")
