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
