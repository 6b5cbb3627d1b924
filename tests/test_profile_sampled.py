"""bench/profile_sampled.py counts only the samples of the measured repetitions: its ``shares`` example (a warm-up's
stack and a repetition's) holds."""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_shares_leave_the_warm_up_out() -> None:
    spec = importlib.util.spec_from_file_location("profile_sampled", BENCH / "profile_sampled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["profile_sampled"] = module
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0
