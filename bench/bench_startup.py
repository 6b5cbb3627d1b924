"""Start-up time: ``scrapegate --version`` against a bare ``python -c pass`` (target: within 0.15 s).

Each command runs ``--runs`` times in a fresh process; the minimum and the median wall time are
printed (the minimum is the figure that other processes on the machine disturb least), and the
minimum CPU time (user + system) of the child, which a busy machine inflates much less. Also times
``import scrapegate.checks.cli`` and checks that it leaves pandas and pandera unimported (they serve
only the manifest).

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time

TARGET = 0.15


def timed(command: list[str], runs: int) -> tuple[float, float, float]:
    """(min wall, median wall, min CPU) seconds."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times), statistics.median(times), min(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    script = shutil.which("scrapegate")
    if script is None:
        print("scrapegate is not installed in this environment", file=sys.stderr)
        return 2
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("scrapegate --version", [script, "--version"]),
        ("import scrapegate.checks.cli", [sys.executable, "-c", "import scrapegate.checks.cli"]),
    ]
    results = {name: timed(command, runs) for name, command in rows}
    base, _, base_cpu = results["python -c pass"]
    print(f"{'command':<32} {'min s':>7} {'median s':>9} {'min - bare':>11} {'cpu s':>7} {'cpu - bare':>11}")
    for name, (low, median, cpu) in results.items():
        print(f"{name:<32} {low:>7.3f} {median:>9.3f} {low - base:>11.3f} {cpu:>7.3f} {cpu - base_cpu:>11.3f}")
    for what, extra in (("wall", results["scrapegate --version"][0] - base),
                        ("CPU", results["scrapegate --version"][2] - base_cpu)):
        print(f"scrapegate --version costs {extra:.3f} s ({what}) over a bare interpreter "
              f"({'within' if extra <= TARGET else 'OVER'} the {TARGET} s target)")
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, scrapegate.checks.cli; "
         "print(sorted(m for m in ('pandas', 'pandera', 'numpy') if m in sys.modules))"],
        check=True, capture_output=True, text=True).stdout.strip()
    print(f"heavy modules imported by the CLI before any work: {loaded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
