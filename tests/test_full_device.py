"""Writes the device refuses part-way (a full disk; here the process's file size limit, RLIMIT_FSIZE,
which fails a write the same way, EFBIG for ENOSPC): the error names the file it was writing, and the
run's other outputs stand. Each case runs in a child process that holds the limit."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("resource")

LIMITED = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
"""


def _child(tmp_path: Path, body: str) -> str:
    done = subprocess.run([sys.executable, "-c", LIMITED + textwrap.dedent(body)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_named_output_file_the_device_refuses_is_named(tmp_path: Path) -> None:
    # Before: OSError without a file name, printed 'scrapegate: error: No space left on device' for
    # --html, -o and baseline -o alike
    out = _child(tmp_path, """
        from pathlib import Path
        from scrapegate.checks.reports import write_atomic
        try:
            write_atomic(Path("audit.html"), "页" * 5000)
        except OSError as exc:
            print(exc.filename, exc.strerror)
    """)
    assert out == f"{(tmp_path / 'audit.html').resolve()} File too large"
    assert list(tmp_path.iterdir()) == []  # the temporary file is removed, nothing half-written


def test_a_reports_file_the_device_refuses_is_an_input_error_of_its_shard(tmp_path: Path) -> None:
    # --report-format jsonl: closing the refused file flushed into the same device and raised again out
    # of the handler, so the run stopped there (exit 2, 'No space left on device', no summary.json)
    out = _child(tmp_path, """
        from pathlib import Path
        from scrapegate.checks.api import _ShardFiles
        from scrapegate.checks.outputs import OutputFolder
        errors = []
        files = _ShardFiles(OutputFolder("--report-dir", Path("out")), errors)
        for n in range(40):
            files.write_line("documents.reports.jsonl", f"in/{n}.txt", ("{}" + " " * 1000 + "\\n").encode())
        files.close()
        print("\\n".join(str(e) for e in errors))
    """)
    (error,) = out.splitlines()  # the first refused write (when the buffer is flushed) is the shard's error
    assert re.fullmatch(rf"in/\d+\.txt: reports not written: {re.escape(str(tmp_path.resolve()))}/out/"
                        r"documents\.reports\.jsonl: File too large", error)
    assert list((tmp_path / "out").iterdir()) == []
