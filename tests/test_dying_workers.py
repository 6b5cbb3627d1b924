"""A worker process that dies on a document (killed, a crash in native code, ``os._exit``) never
loses the other documents' reports: the document's chunk is run again one document at a time in a
fresh worker, the document that kills that one too gets an error report naming what happened, and the
run goes on and exits 3 (an internal error, as a rule's crash)."""

from __future__ import annotations

import json
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from scrapegate.checks import registry
from scrapegate.checks.cli import main
from scrapegate.checks.runner import Lost, _map, _pool, _submitted


@pytest.fixture
def dying(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import dying_worker_plugin

    families = (*registry.builtin_families(), dying_worker_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    for copy in ("c1", "c2"):  # 15 documents: --jobs 2 checks and reports them in workers
        shutil.copytree(workdir / "batch", workdir / "batch" / copy, ignore=shutil.ignore_patterns("c*"))
    return workdir


def _reports(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text("utf-8"))
            for p in sorted(folder.rglob("*.txt.json"))}


def test_a_worker_that_dies_on_a_document_loses_no_other_report(dying: Path, capsys) -> None:
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "2"]) == 3
    printed = capsys.readouterr().out
    reports = _reports(dying / "out")
    assert len(reports) == 15
    errors = {name: rep["rule_errors"] for name, rep in reports.items() if rep.get("rule_errors")}
    assert errors == {
        "c1/003_1610248ea291dfaf.txt.json": [{"code": "worker", "error": (
            "not checked: its worker process exited with code 7, twice (the second time alone in a fresh worker)")}],
        "c2/004_550990f762e950b4.txt.json": [{"code": "worker", "error": (
            "not checked: its worker process was killed by signal 9 (SIGKILL), twice (the second time alone "
            "in a fresh worker)")}],
        "000_6c315c879fc3e2f4.txt.json": [{"code": "worker", "error": (
            "report not built: its worker process exited with code 7, twice (the second time alone in a fresh "
            "worker) (all findings left out)")}]}
    assert reports["c1/003_1610248ea291dfaf.txt.json"]["findings"] == []
    assert reports["000_6c315c879fc3e2f4.txt.json"]["findings"] == []
    assert "c2/004_550990f762e950b4.txt: not checked: its worker process was killed by signal 9" in printed
    summary = json.loads((dying / "out" / "summary.json").read_text("utf-8"))
    assert summary["status"] == "error" and summary["documents"]["total"] == 15
    assert sorted(e["path"] for e in summary["rule_errors"]) == [
        "000_6c315c879fc3e2f4.txt", "c1/003_1610248ea291dfaf.txt", "c2/004_550990f762e950b4.txt"]
    assert not list((dying / "out").rglob(".scrapegate-*"))  # no report half written by a dead worker


def test_the_other_reports_are_those_of_a_run_without_deaths(dying: Path) -> None:
    # Without the duplicate rules (a document left unchecked is nobody's copy) every other report is
    # byte for byte that of a run where no worker dies.
    assert main(["check", "batch", "--report-dir", "died", "--jobs", "2", "--ignore", "DU"]) == 3
    assert main(["check", "batch", "--report-dir", "lived", "--jobs", "2", "--ignore", "DU,ZZ904,ZZ905"]) == 1
    died, lived = _reports(dying / "died"), _reports(dying / "lived")
    touched = {"c1/003_1610248ea291dfaf.txt.json", "c2/004_550990f762e950b4.txt.json", "000_6c315c879fc3e2f4.txt.json"}
    assert died.keys() == lived.keys()
    assert {k: v for k, v in died.items() if k not in touched} == {k: v for k, v in lived.items() if k not in touched}


def test_a_dying_report_worker_loses_no_jsonl_shard(dying: Path) -> None:
    # The main process writes the shard files under temporary names while the workers report: the
    # cleanup of what a dead worker left must not take them.
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "2", "--report-format", "jsonl"]) == 3
    summary = json.loads((dying / "out" / "summary.json").read_text("utf-8"))
    assert summary["input_errors"] == []
    lines = (dying / "out" / "documents.reports.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 15
    assert not list((dying / "out").rglob(".scrapegate-*"))


def _dies_on_three(n: int) -> int:
    import os

    if n == 3:
        os._exit(3)
    if n == 5:
        raise MemoryError("no room")
    return n * n


def test_the_pool_gives_up_only_the_items_that_fail_twice() -> None:
    out = list(_map(_dies_on_three, list(range(40)), 2, "test"))
    assert [o for o in out if not isinstance(o, Lost)] == [n * n for n in range(40) if n not in (3, 5)]
    assert out[3] == Lost("its worker process exited with code 3, twice (the second time alone in a fresh worker)")
    assert out[5] == Lost("MemoryError: no room (raised in a worker process, twice; the second time alone in a "
                          "fresh worker)")


def test_a_chunk_submitted_to_a_pool_already_broken_fails_as_those_in_flight() -> None:
    # _map submits the next chunk before it reads the oldest result: a worker may have died in between.
    pool = _pool(1, None, ())
    try:
        with pytest.raises(BrokenProcessPool):
            pool.submit(_dies_on_three, 3).result()
        late = _submitted(pool, _dies_on_three, [1, 2], [0, 1], None)
        assert isinstance(late.exception(), BrokenProcessPool)
    finally:
        pool.shutdown(wait=True)


class _KeptHere:
    """An item that cannot be pickled: forked workers must read it from the items they inherited."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __reduce__(self):  # type: ignore[no-untyped-def]
        raise TypeError("not sent to a worker")


def _square(item: _KeptHere) -> int:
    return item.n * item.n


def test_forked_workers_read_the_items_by_place() -> None:
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    assert list(_map(_square, [_KeptHere(n) for n in range(40)], 2, "test")) == [n * n for n in range(40)]
