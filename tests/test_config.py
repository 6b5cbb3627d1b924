"""Config: discovery, strict keys, rule options and severities, per-file ignores."""

from __future__ import annotations

import json
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
    ({"jobs": "2"}, "'jobs' must be a int"),
    ({"rules": {"ZZ404": {}}}, "unknown rule code 'ZZ404'"),
    ({"rules": {"ZZ001": {"treshold": 2}}}, "unknown option 'treshold'"),
    ({"rules": {"ZZ001": {"enabled": "yes"}}}, "rules.ZZ001.enabled must be bool"),
    ({"rules": {"ZZ001": {"severity": "fatal"}}}, "severity must be error, warning or info"),
    ({"per-file-ignores": {"*.txt": ["QQ1"]}}, "unknown rule code or prefix 'QQ1'"),
])
def test_bad_config_names_the_key(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
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
