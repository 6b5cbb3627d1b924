"""Progress: a tqdm bar on a terminal; one-line heartbeats in a CI log; nothing with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

from tqdm import tqdm

from scrapegate.checks import progress
from scrapegate.checks.cli import main


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_heartbeat_lines_name_the_phase_rate_and_eta() -> None:
    clock, out = _Clock(), io.StringIO()
    beat = progress.Heartbeat("checking", 1000, "document", out, interval=10, clock=clock)
    for _ in range(10):
        clock.now += 1
        beat.update(50)
    clock.now += 10
    beat.update(500)
    beat.close()
    assert out.getvalue().splitlines() == [
        "scrapegate: checking: 1,000 documents",
        "scrapegate: checking 500/1,000 documents (50%), 50.0/s, ETA 0:10",
        "scrapegate: checking done: 1,000 documents in 20.0 s (50.0/s)",
    ]


def test_a_phase_closed_before_its_end_says_it_stopped() -> None:
    # Ctrl-C or SIGTERM closes the phase in a finally: before, the log said 'checking done: 128 documents'
    # of a run that stopped at 128 of 3,000
    clock, out = _Clock(), io.StringIO()
    beat = progress.Heartbeat("checking", 3000, "document", out, interval=10, clock=clock)
    clock.now += 4
    beat.update(128)
    beat.close()
    assert out.getvalue().splitlines()[-1] == "scrapegate: checking stopped: 128/3,000 documents in 4.0 s (32.0/s)"


def test_a_short_phase_in_a_log_stays_quiet() -> None:
    clock, out = _Clock(), io.StringIO()
    beat = progress.Heartbeat("reading", 5, "document", out, interval=10, clock=clock)
    beat.update(5)
    beat.close()
    assert out.getvalue() == ""


def test_a_terminal_gets_a_tqdm_bar() -> None:
    progress.configure("auto")
    bar = progress.progress("checking", 10, stream=_Terminal())
    assert isinstance(bar, tqdm)
    bar.update(10)
    bar.close()
    assert isinstance(progress.progress("checking", 10, stream=io.StringIO()), progress._Silent)


def test_check_writes_heartbeats_to_a_log_and_none_when_quiet(workdir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SCRAPEGATE_PROGRESS_INTERVAL", "0")
    main(["check", "batch", "--report-dir", "out", "--jobs", "1"])
    err = capsys.readouterr().err
    assert "scrapegate: reading 1/5 documents (20%)" in err
    # a consumer that zips the pass with its items stops at the last result: it is counted before
    assert "scrapegate: reading done: 5 documents in " in err
    assert "scrapegate: checking done: 5 documents in " in err
    assert "scrapegate: batch rules done: " in err
    main(["check", "batch", "--report-dir", "out", "--jobs", "1", "--quiet"])
    assert "scrapegate: " not in capsys.readouterr().err
    progress.configure("auto")
