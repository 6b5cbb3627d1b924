"""Progress on stderr while a batch is read and checked.

On a terminal: a tqdm bar per phase (reading, checking, batch rules, writing reports) with the count,
the rate and the ETA; it appears once a phase has run for half a second, so short runs stay quiet. When stderr is not
a terminal (a CI log) and the command line asked for it: a one-line heartbeat per phase, when it
starts (for batches of at least :data:`HEARTBEAT_MIN_ITEMS`), every :data:`HEARTBEAT_SECONDS`
seconds (``SCRAPEGATE_PROGRESS_INTERVAL`` overrides) and when it ends, e.g.::

    scrapegate: checking 6,400/20,000 documents (32%), 412/s, ETA 0:33

Library callers get the bar on a terminal and nothing else; ``scrapegate check --quiet`` turns all
of it off.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable, TextIO


def _tqdm() -> Any:
    """tqdm's bar class, imported on the first bar (it costs start-up time every run otherwise);
    None without tqdm, and terminals get the heartbeat lines."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm

HEARTBEAT_SECONDS = 10.0
HEARTBEAT_MIN_ITEMS = 100
BAR_DELAY = 0.5
MODES = ("auto", "log", "off")
_mode = "auto"


def configure(mode: str) -> None:
    """``auto``: a bar on a terminal only; ``log``: also heartbeat lines when not a terminal; ``off``."""
    global _mode
    if mode not in MODES:
        raise ValueError(f"progress mode must be one of {MODES}, got {mode!r}")
    _mode = mode


def _interval() -> float:
    try:
        return max(0.0, float(os.environ.get("SCRAPEGATE_PROGRESS_INTERVAL", HEARTBEAT_SECONDS)))
    except ValueError:
        return HEARTBEAT_SECONDS


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return (f"{hours}:" if hours else "") + f"{rest // 60:{'02' if hours else ''}d}:{rest % 60:02d}"


class Heartbeat:
    """Periodic one-line progress for logs: start, every ``interval`` seconds, end."""

    def __init__(self, phase: str, total: int, unit: str, stream: TextIO, interval: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.phase, self.total, self.unit, self.stream = phase, total, unit, stream
        self.interval, self.clock = interval, clock
        self.done = 0
        self.start = self.last = clock()
        self.announced = total >= HEARTBEAT_MIN_ITEMS
        if self.announced:
            self._line(f"{phase}: {total:,} {self._units(total)}")

    def _units(self, n: int) -> str:
        return self.unit if n == 1 else self.unit + "s"

    def _line(self, text: str) -> None:
        self.stream.write(f"scrapegate: {text}\n")
        self.stream.flush()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now - self.last >= self.interval and self.done < self.total:
            self.last = now
            elapsed = now - self.start
            rate = self.done / elapsed if elapsed > 0 else 0.0
            eta = f", ETA {_duration((self.total - self.done) / rate)}" if rate > 0 else ""
            self._line(f"{self.phase} {self.done:,}/{self.total:,} {self._units(self.total)} "
                       f"({self.done / self.total:.0%}), {rate:,.1f}/s{eta}")
            self.announced = True

    def close(self) -> None:
        elapsed = self.clock() - self.start
        if self.announced or elapsed >= self.interval:
            rate = f" ({self.done / elapsed:,.1f}/s)" if elapsed > 0 else ""
            if self.done < self.total:  # closed by an interrupt or an error: not done
                self._line(f"{self.phase} stopped: {self.done:,}/{self.total:,} {self._units(self.total)} "
                           f"in {elapsed:.1f} s{rate}")
            else:
                self._line(f"{self.phase} done: {self.done:,} {self._units(self.done)} in {elapsed:.1f} s{rate}")


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress(phase: str, total: int, unit: str = "document", stream: TextIO | None = None) -> Any:
    """A progress reporter with ``update(n)`` and ``close()`` for one phase of ``total`` items."""
    stream = stream or sys.stderr
    if _mode == "off" or total <= 0:
        return _Silent()
    terminal = hasattr(stream, "isatty") and stream.isatty()
    bar = _tqdm() if terminal else None
    if bar is not None:
        return bar(total=total, desc=phase, unit=unit, file=stream, delay=BAR_DELAY, leave=False,
                    dynamic_ncols=True, mininterval=0.2)
    if terminal or _mode == "log":
        return Heartbeat(phase, total, unit, stream, _interval())
    return _Silent()
