"""The held-out benches run on an install with the bench extra only (``pip install '.[bench]'``, no pytest): a
measuring venv installs scrapegate that way and runs the repository's bench scripts with it. A bench that
imports a test helper needing pytest stops before it reads anything (region_accuracy did, through
tests/script_loader.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
HELD_OUT_BENCHES = ("bench_spam_detection", "bench_chrome", "bench_truncation", "region_accuracy",
                    "region_title_url", "bench_families", "bench_fixed_cost")

# pytest made unimportable (a None entry in sys.modules makes ``import pytest`` raise ImportError), then
# each bench imported as its own script imports it: bench/ first on the path, its main() not run.
_PROBE = """
import importlib.util, sys
sys.modules["pytest"] = None
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2:]:
    spec = importlib.util.spec_from_file_location(name, f"{sys.argv[1]}/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    assert callable(module.main), name
"""


def test_the_held_out_benches_import_without_pytest():
    run = subprocess.run([sys.executable, "-c", _PROBE, str(BENCH), *HELD_OUT_BENCHES],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
