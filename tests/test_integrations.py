"""The pre-commit hook and the composite GitHub Action run the real gate with the options they name."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from scrapegate.checks.cli import main

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"


def test_pre_commit_hook_runs_the_gate_on_the_staged_files(workdir: Path, capsys) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "scrapegate" and hook["language"] == "python" and hook["require_serial"]
    files = sorted(str(p.relative_to(workdir)) for p in (workdir / "batch").iterdir())
    assert all(re.search(hook["files"], f) for f in files)
    assert not re.search(hook["files"], "picture.png")
    program, *args = shlex.split(hook["entry"])
    assert program == "scrapegate"
    assert main([*args, "--jobs", "1", *files]) == 1  # pre-commit appends the file names
    out = capsys.readouterr().out
    assert "batch/001_7c00190a20eabef2.txt:23:102: SP001 " in out
    assert (workdir / ".scrapegate" / "reports" / "summary.json").is_file()


def _gate_step(action: dict) -> dict:
    return next(step for step in action["runs"]["steps"] if step.get("id") == "gate")


def test_action_is_a_composite_that_uploads_sarif() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in action["runs"]["steps"]:  # inputs reach scripts through env, never pasted into code
        assert "${{" not in step.get("run", ""), step


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("scrapegate") is None,
                    reason="needs bash and the installed scrapegate command")
def test_action_gate_step_writes_valid_sarif_and_the_exit_code(workdir: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    step = _gate_step(action)
    output = workdir / "github_output"
    env = {**os.environ, "PATHS": "batch", "ARGS": "--jobs 1", "REPORT_DIR": "gate-reports",
           "SARIF_FILE": "gate.sarif", "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(["bash", "-c", step["run"]], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert output.read_text().strip() == "exit-code=1"  # the seed batch fails the gate
    log = json.loads((workdir / "gate.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    assert "Reports in gate-reports/" in done.stderr
