"""Issue 18: after kill -9 of the main process, its pool workers exit instead of running on."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return "Z" not in state.split()[1]  # a zombie has exited; only its parent's reaping is left


def test_pool_workers_exit_when_the_main_process_is_killed(tmp_path: Path, seeds_dir: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for n in range(60):  # enough work that the pool is busy when the main process dies
        for seed in sorted(seeds_dir.glob("*.txt")):
            shutil.copy(seed, batch / f"{n:02d}_{seed.name}")
    main = subprocess.Popen([sys.executable, "-m", "scrapegate.checks.cli", "check", str(batch),
                             "--report-dir", str(tmp_path / "out"), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and main.poll() is None:
            workers = {c for c in _children(main.pid) if _running(c)}
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        os.kill(main.pid, signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(w) for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _running(w)]
        for pid in left:  # never leave them behind, even when the test fails
            os.kill(pid, signal.SIGKILL)
        assert not left, f"workers still running after the main process was killed: {left}"
    finally:
        if main.poll() is None:
            main.kill()


def test_sigterm_removes_the_runs_temporary_files(tmp_path: Path) -> None:
    """SIGTERM (a CI job's timeout) ended the process without cleaning up: a pack's spool, as large as
    its text (936 MB of a killed million-record run stood in /tmp), stayed. (It is in the run's scratch
    folder inside the report folder now.) The main process now unwinds
    as on Ctrl-C and exits 143. The signal is sent as soon as the spool holds data, while the run still
    reads the pack (20,000 records; the whole check takes far longer)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    pack = tmp_path / "pack.jsonl"
    pack.write_text("".join(f'{{"id": "r{i}", "text": "关于开展春季植树活动的通知。各单位请于三月十二日前组织植树{i}棵。"}}\n'
                            for i in range(20000)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "scrapegate.checks.cli", "check", str(pack), "--report-dir",
                                str(tmp_path / "out"), "-q", "--jobs", "1"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, cwd=tmp_path, env={**os.environ, "TMPDIR": str(temporary)})
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while not any(p.is_file() and p.stat().st_size for p in (tmp_path / "out").glob(".scrapegate-*-scratch/*")):
        assert time.monotonic() < deadline and process.poll() is None, "the run never spooled its input"
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    assert process.wait(120) == 143
    assert "terminated (SIGTERM)" in process.stderr.read().decode("utf-8")
    assert list(temporary.iterdir()) == []
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []
