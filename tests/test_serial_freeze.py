"""A --jobs 1 check freezes the heap once pass 2's first group of documents is done, as forked workers do at
their start, and unfreezes it when the check's passes end (an exception too); a short check, or a
process that froze objects itself, is left alone. Each case runs in a fresh interpreter with the real
collector: a probe rule (freeze_probe_plugin) reads ``gc.get_freeze_count()`` as pass 2 checks each
document, and the test process's own freeze state is neither read nor changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scrapegate.checks.runner import FREEZE_SERIAL_FROM, GROUP_DOCUMENTS

_SCRIPT = """
import gc, json, sys
sys.path.insert(0, {tests!r})
import freeze_probe_plugin as probe
from scrapegate.checks import registry
from scrapegate.checks.api import check_paths
from scrapegate.checks.runner import _frozen_after_first, FREEZE_SERIAL_FROM

families = (*registry.builtin_families(), probe.FAMILY)
registry.builtin_families = lambda: families
out = {{}}
{body}
print(json.dumps(out))
"""


def _run(tmp_path: Path, body: str, documents: int = FREEZE_SERIAL_FROM) -> dict:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for n in range(documents):
        (folder / f"{n:03d}.txt").write_text(f"第{n}号通知。本单位将于下周召开会议，请各部门准时参加。\n", "utf-8")
    script = _SCRIPT.format(tests=str(Path(__file__).parent), body=body.replace("FOLDER", repr(str(folder))))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_jobs_1_check_freezes_after_the_first_group_and_unfreezes_at_the_end(tmp_path: Path) -> None:
    out = _run(tmp_path, """
out["before"] = gc.get_freeze_count()
check_paths([FOLDER], select=["ZZ905"], jobs=1, write_reports=False)
out["seen"], out["after"] = probe.SEEN, gc.get_freeze_count()
""")
    seen = out["seen"]
    assert out["before"] == 0 and len(seen) == FREEZE_SERIAL_FROM
    # Pass 2 analyses documents in groups: the heap is frozen once the first group is done, once.
    frozen_from = next(i for i, count in enumerate(seen) if count)
    assert 0 < frozen_from <= GROUP_DOCUMENTS
    assert set(seen[:frozen_from]) == {0}
    # Frozen objects that die leave the count; a second freeze would add the objects made since.
    assert seen[frozen_from:] == sorted(seen[frozen_from:], reverse=True)
    assert out["after"] == 0


def test_a_short_check_or_an_earlier_freeze_is_left_alone(tmp_path: Path) -> None:
    out = _run(tmp_path, """
check_paths([FOLDER], select=["ZZ905"], jobs=1, write_reports=False)
out["short"], probe.SEEN[:] = list(probe.SEEN), []
gc.freeze()  # the caller froze objects of its own
out["own"] = gc.get_freeze_count()
check_paths([FOLDER], select=["ZZ905"], jobs=1, write_reports=False)
out["seen"] = list(probe.SEEN)
out["after"] = gc.get_freeze_count()
""", documents=FREEZE_SERIAL_FROM - 1)
    assert out["short"] == [0] * (FREEZE_SERIAL_FROM - 1)
    assert out["own"] > 0 and 0 < min(out["seen"]) <= max(out["seen"]) <= out["own"]
    assert 0 < out["after"] <= out["own"]  # neither frozen again nor unfrozen


def test_the_check_of_enough_documents_with_an_earlier_freeze_keeps_it(tmp_path: Path) -> None:
    out = _run(tmp_path, """
gc.freeze()
out["own"] = gc.get_freeze_count()
check_paths([FOLDER], select=["ZZ905"], jobs=1, write_reports=False)
out["seen"], out["after"] = list(probe.SEEN), gc.get_freeze_count()
""")
    assert out["own"] > 0 and 0 < min(out["seen"]) <= max(out["seen"]) <= out["own"]
    assert 0 < out["after"] <= out["own"]


def test_an_exception_unfreezes(tmp_path: Path) -> None:
    out = _run(tmp_path, """
try:
    with _frozen_after_first(FREEZE_SERIAL_FROM) as first_done:
        first_done()
        out["inside"] = gc.get_freeze_count()
        raise RuntimeError
except RuntimeError:
    pass
out["after"] = gc.get_freeze_count()
""", documents=0)
    assert out["inside"] > 0 and out["after"] == 0
