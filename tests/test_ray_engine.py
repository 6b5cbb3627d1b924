"""The Ray engine (`scrapegate check --engine ray`): the same passes on a local Ray, the same report bytes.

Ray is in the test extra, so CI runs this; without Ray installed the comparison skips (the option
errors do not need Ray and always run).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from tree_fixtures import tree_digest, write_pack


def _batch(workdir: Path) -> None:
    """The seeds, a second copy of them (enough documents for more than one Ray batch, and exact
    duplicates for the batch rules), a near copy with a line changed, a JSONL pack and an unreadable
    file (an input error)."""
    batch = workdir / "batch"
    shutil.copytree(batch, workdir / "copy")
    shutil.move(str(workdir / "copy"), batch / "copy")
    first = sorted(batch.glob("*.txt"))[0]
    lines = first.read_text("utf-8").splitlines()
    lines[len(lines) // 2] = "本段在复制时被改写,用来检验近似重复。"
    (batch / "near_copy.txt").write_text("\n".join(lines), "utf-8")
    records = [{"id": "r1", "text": first.read_text("utf-8")},
               {"id": "r2", "text": "宜昌市猇亭区人民政府工作报告\n各位代表:现在,我代表区人民政府向大会报告工作。"}]
    write_pack(workdir / "pack.jsonl", records)
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)


def test_ray_reports_are_byte_identical_to_the_local_engine(workdir: Path, monkeypatch) -> None:
    pytest.importorskip("ray.data", reason="--engine ray needs scrapegate[ray]")
    from scrapegate.checks.ray_engine import RayMapper

    monkeypatch.setattr(RayMapper, "window", 8)  # the 15 documents in two windows a pass
    _batch(workdir)
    local = main(["check", "batch", "pack.jsonl", "--report-dir", "local", "--jobs", "1", "-q"])
    on_ray = main(["check", "batch", "pack.jsonl", "--report-dir", "ray", "--engine", "ray", "--jobs", "2", "-q"])
    assert local == on_ray == 2  # the binary file is an input error in both
    tree = tree_digest(workdir / "local")
    assert len(tree) == 2 * 5 + 1 + 2 + 1  # the reports, the near copy's, the pack's two and the summary
    assert tree == tree_digest(workdir / "ray")
    summary = json.loads((workdir / "ray" / "summary.json").read_text("utf-8"))
    assert any(f["code"].startswith("DU") for r in (workdir / "ray").glob("copy/*.json")
               for f in json.loads(r.read_text("utf-8"))["findings"])
    assert summary["input_errors"]


def test_ray_address_needs_the_ray_engine(workdir: Path, capsys) -> None:
    assert main(["check", "batch", "--ray-address", "auto"]) == 2
    assert "--ray-address needs --engine ray" in capsys.readouterr().err


def test_an_unknown_engine_is_a_usage_error(workdir: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "batch", "--engine", "spark"])
    assert exit_.value.code == 2
    assert "invalid choice: 'spark'" in capsys.readouterr().err
