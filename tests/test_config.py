"""Config: discovery, strict keys, rule options and severities, per-file ignores."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from scrapegate.checks.config import find_config, parse_config, selected
from scrapegate.checks.errors import ConfigError
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, NoOptions

from dataclasses import dataclass


@dataclass(frozen=True)
class _Options:
    threshold: float = 0.5
    words: tuple[str, ...] = ("a",)
    enabled: bool = True


class _OptionRule(DocumentRule):
    """Test rule with options.

    Used to check option parsing.
    """

    code = "ZZ001"
    name = "option-rule"
    category = "provenance"
    severity = Severity.INFO
    Options = _Options


class _PlainRule(DocumentRule):
    """Test rule without options.

    Used to check option parsing.
    """

    code = "ZZ002"
    name = "plain-rule"
    category = "provenance"
    severity = Severity.INFO
    Options = NoOptions


KNOWN = {"ZZ001": _OptionRule, "ZZ002": _PlainRule}


def _parse(table: dict) -> object:
    return parse_config(table, KNOWN, source="scrapegate.toml", base=Path("/base"))


def test_options_and_severity_overrides_are_typed() -> None:
    cfg = _parse({"rules": {"ZZ001": {"threshold": 1, "words": ["x", "y"], "severity": "error"}}})
    settings = cfg.rules["ZZ001"]
    assert settings.options == {"threshold": 1.0, "words": ("x", "y")}
    assert settings.severity is Severity.ERROR


@pytest.mark.parametrize("table, message", [
    ({"selct": ["ZZ"]}, "unknown key 'selct'"),
    ({"select": ["QQ"]}, "unknown rule code or prefix 'QQ'"),
    ({"fail-on": "sometimes"}, "'fail-on' must be one of"),
    ({"jobs": "2"}, "'jobs' must be an integer, got '2'"),  # was 'must be a int'
    ({"max-file-size": 1.5}, "'max-file-size' must be an integer, got 1.5"),
    ({"rules": {"ZZ404": {}}}, "unknown rule code 'ZZ404'"),
    ({"rules": {"ZZ001": {"treshold": 2}}}, "unknown option 'treshold'"),
    ({"rules": {"ZZ001": {"enabled": "yes"}}}, "rules.ZZ001.enabled must be a boolean (true or false), got 'yes'"),
    ({"rules": {"ZZ001": {"severity": "fatal"}}}, "severity must be error, warning or info"),
    ({"per-file-ignores": {"*.txt": ["QQ1"]}}, "unknown rule code or prefix 'QQ1'"),
    # an empty code is a prefix of every code: ignore = [""] switched every rule off, exit 0
    ({"ignore": [""]}, "ignore: an empty rule code ''"),
    ({"select": ["", "SP"]}, "select: an empty rule code ''"),
    ({"per-file-ignores": {"*": [" "]}}, "per-file-ignores '*': an empty rule code ' '"),
    ({"select": []}, "'select' is empty"),  # ran every rule, as --select '' did
])
def test_bad_config_names_the_key(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        _parse(table)


def test_relative_paths_are_relative_to_the_config_file() -> None:
    cfg = _parse({"paths": ["docs"], "report-dir": "out"})
    assert cfg.paths == ["/base/docs"] and cfg.report_dir == "/base/out"


def test_selection_follows_the_most_specific_prefix() -> None:
    assert selected("BP001", [], [])
    assert not selected("BP001", [], ["BP"])
    assert selected("BP001", ["BP001"], ["BP"])
    assert not selected("SP001", ["BP"], [])


def test_nearest_pyproject_with_a_scrapegate_table_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.scrapegate]\nfail-on = 'warning'\n", encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(inner) == tmp_path / "pyproject.toml"
    (inner / "scrapegate.toml").write_text("fail-on = 'info'\n", encoding="utf-8")
    assert find_config(inner) == inner / "scrapegate.toml"


def test_malformed_config_file_exits_2(workdir: Path, capsys) -> None:
    (workdir / "scrapegate.toml").write_text("fail-on = \n", encoding="utf-8")
    assert main(["check", "batch", "--report-dir", "out"]) == 2
    assert "scrapegate.toml: cannot read config" in capsys.readouterr().err


def test_config_unknown_key_exits_2(workdir: Path, capsys) -> None:
    (workdir / "scrapegate.toml").write_text("colour = 'red'\n", encoding="utf-8")
    assert main(["check", "batch", "--report-dir", "out"]) == 2
    assert "unknown key 'colour'" in capsys.readouterr().err


def test_per_file_ignores_drop_matching_findings(workdir: Path) -> None:
    main(["check", "batch", "--report-dir", "all", "--jobs", "1"])
    reports = {p.name: json.loads(p.read_text("utf-8")) for p in (workdir / "all").glob("*.txt.json")}
    name, report = next((n, r) for n, r in sorted(reports.items()) if r["findings"])
    code = report["findings"][0]["code"]
    doc = report["document"]["path"]
    (workdir / "scrapegate.toml").write_text(f'[per-file-ignores]\n"{doc}" = ["{code}"]\n', encoding="utf-8")
    main(["check", "batch", "--report-dir", "some", "--jobs", "1"])
    again = json.loads((workdir / "some" / name).read_text("utf-8"))
    assert code not in {f["code"] for f in again["findings"]}


# ---- family settings, kebab-case keys, severities both ways -------------------------------------

def _builtin(table: dict):
    from scrapegate.checks.registry import all_rules

    return parse_config(table, all_rules(include_plugins=False), source="scrapegate.toml", base=Path("/base"))


def _du_rules(cfg):
    from scrapegate.checks.api import build_rules
    from scrapegate.checks.registry import all_rules

    return build_rules(cfg, all_rules(include_plugins=False), ["DU"], [])


def test_a_family_setting_is_one_object_for_all_its_rules() -> None:
    cfg = _builtin({"duplicates": {"near-threshold": 0.8}})
    rules = _du_rules(cfg)
    assert [r.code for r in rules] == ["DU001", "DU002", "DU003", "DU004"]
    assert len({id(r.options) for r in rules}) == 1 and rules[0].options.near_threshold == 0.8
    assert cfg.warnings == []


def test_the_old_per_rule_snake_case_spelling_still_works_for_the_whole_family() -> None:
    cfg = _builtin({"rules": {"DU002": {"near_threshold": 0.8}}})
    rules = _du_rules(cfg)
    assert {r.options.near_threshold for r in rules} == {0.8}  # DU002 no longer disagrees with DU001/DU003
    assert len({id(r.options) for r in rules}) == 1
    assert any("'near_threshold' is deprecated, write 'near-threshold'" in w for w in cfg.warnings)
    assert any("set it in [tool.scrapegate.duplicates]" in w for w in cfg.warnings)


def test_a_family_setting_set_twice_differently_is_an_error() -> None:
    with pytest.raises(ConfigError, match="'near-threshold' is set twice"):
        _builtin({"duplicates": {"near-threshold": 0.8}, "rules": {"DU003": {"near-threshold": 0.9}}})
    with pytest.raises(ConfigError, match="unknown setting 'near-treshold'"):
        _builtin({"duplicates": {"near-treshold": 0.8}})


def test_a_rule_setting_takes_kebab_case_and_snake_case_with_a_warning() -> None:
    from scrapegate.checks.api import build_rules
    from scrapegate.checks.registry import all_rules

    for key, warned in (("min-annotations", False), ("min_annotations", True)):
        cfg = _builtin({"rules": {"SP005": {key: 8}}})
        [rule] = build_rules(cfg, all_rules(include_plugins=False), ["SP005"], [])
        assert rule.options.min_annotations == 8 and bool(cfg.warnings) is warned


@pytest.mark.parametrize("code, configured, text", [
    # TR001 grades a structural cut as a warning; configured as an error, every finding is one.
    ("TR001", "error", "某县工作要点\n  今年全县经济运行总体平稳,主要指标好于预期。\n"
                       "  重点项目建设稳步推进,全年完成投资八十亿元。\n  今年重点做好三个方面工作:\n"
                       "  一、抓好项目建设。全年新开工项目三十个。\n  二、抓好民生保障。新增就业五千人。\n"),
    # SP001 is an error by default; configured as info, it is info.
    ("SP001", "info", "某区人民政府工作报告\n  建议您到相关地区政府pp电子娱乐官网浏览。\n"),
])
def test_a_configured_severity_applies_up_and_down(code, configured, text, tmp_path) -> None:
    from scrapegate.checks import check_paths

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "scrapegate.toml").write_text("", encoding="utf-8")
    plain = check_paths([tmp_path / "docs"], config=tmp_path / "scrapegate.toml", select=[code],
                        write_reports=False, jobs=1)
    assert {f["severity"] for f in plain.reports["a.txt"]["findings"]} != {configured}
    (tmp_path / "scrapegate.toml").write_text(f'[rules.{code}]\nseverity = "{configured}"\n', encoding="utf-8")
    set_ = check_paths([tmp_path / "docs"], config=tmp_path / "scrapegate.toml", select=[code],
                       write_reports=False, jobs=1)
    assert {f["severity"] for f in set_.reports["a.txt"]["findings"]} == {configured}


def test_every_builtin_setting_is_documented_and_shown(capsys) -> None:
    from scrapegate.checks.registry import all_rules, settings_of

    for code, rule in all_rules(include_plugins=False).items():
        settings = settings_of(rule.Options)
        assert all(s.doc for s in settings), (code, [s.key for s in settings if not s.doc])
        assert main(["rule", code]) == 0
        shown = capsys.readouterr().out
        for s in settings:
            assert f"  {s.key} ({s.type}, default " in shown
    assert main(["rule", "DU002"]) == 0
    assert "Settings of the duplicates family, shared by all its rules (set in [tool.scrapegate.duplicates])" \
        in capsys.readouterr().out


# ---- a rule that reads a part of its family's settings (RG001/RG002 and RG003) ------------------

def _rg_rules(cfg):
    from scrapegate.checks.api import build_rules
    from scrapegate.checks.registry import all_rules

    return {r.code: r for r in build_rules(cfg, all_rules(include_plugins=False), ["RG001", "RG002", "RG003"], [])}


def test_each_region_rule_lists_only_the_family_settings_it_reads(capsys) -> None:
    shown = {}
    for code in ("RG001", "RG002", "RG003"):
        assert main(["rule", code]) == 0
        shown[code] = capsys.readouterr().out
    for code in ("RG001", "RG002"):
        assert "  error-probability (float" in shown[code] and "  error-confidence (float" in shown[code]
        assert "strong-confidence" not in shown[code]
    assert "  strong-confidence (float" in shown["RG003"]
    assert "error-probability" not in shown["RG003"] and "error-confidence" not in shown["RG003"]
    assert "Settings of the region family that this rule reads (set in [tool.scrapegate.region]" in shown["RG003"]


def test_the_region_family_table_still_takes_every_setting_and_each_rule_gets_its_part() -> None:
    cfg = _builtin({"region": {"strong-confidence": 0.7, "error-probability": 0.9, "error-confidence": 0.5}})
    rules = _rg_rules(cfg)
    assert cfg.warnings == []
    for code in ("RG001", "RG002"):
        assert (rules[code].options.error_probability, rules[code].options.error_confidence) == (0.9, 0.5)
        assert not hasattr(rules[code].options, "strong_confidence")
    assert rules["RG003"].options.strong_confidence == 0.7
    assert not hasattr(rules["RG003"].options, "error_probability")


def test_a_region_setting_in_the_table_of_a_rule_that_does_not_read_it_still_works() -> None:
    cfg = _builtin({"rules": {"RG003": {"error-probability": 0.9}, "RG001": {"strong_confidence": 0.7}}})
    rules = _rg_rules(cfg)
    assert rules["RG001"].options.error_probability == rules["RG002"].options.error_probability == 0.9
    assert rules["RG003"].options.strong_confidence == 0.7
    assert any("rules.RG003: error-probability is a setting of the region family" in w
               and "set it in [tool.scrapegate.region] (it now applies to RG001, RG002, the RG rules that read it)" in w
               for w in cfg.warnings), cfg.warnings
    assert any("rules.RG001: strong-confidence is a setting of the region family" in w
               and "(it now applies to RG003, the RG rule that reads it)" in w for w in cfg.warnings), cfg.warnings
    with pytest.raises(ConfigError, match=r"rules.RG003: unknown option 'error-probabilty' \(known: severity, "
                                          "strong-confidence, error-probability, error-confidence\\)"):
        _builtin({"rules": {"RG003": {"error-probabilty": 0.9}}})


def test_error_probability_set_under_rg003_reaches_rg001_in_a_run(tmp_path) -> None:
    from scrapegate.checks import check_paths

    seeds = Path(__file__).parent.parent / "seeds"
    (tmp_path / "scrapegate.toml").write_text("[rules.RG003]\nerror-probability = 0.999\n", encoding="utf-8")
    run = check_paths([seeds], config=tmp_path / "scrapegate.toml", expect_region="湖北省", select=["RG001"],
                      write_reports=False, jobs=1)
    findings = [f for report in run.reports.values() for f in report["findings"]]
    assert findings and {f["severity"] for f in findings} == {"warning"}  # errors at the default 0.8
    assert all(f["details"]["probability"] < 0.999 for f in findings)
