"""Benchmark: decode + framework (no-op rule set) and the full rule set, against plain read + UTF-8 decode.

    python bench/bench_framework.py [--docs 10000] [--jobs 2] [--folder DIR]

Generates a corpus of 3-15 KB documents in mixed encodings (bench/corpus.py), then times, in the
same run: (a) the baseline: read every file and decode it as UTF-8 with errors='replace'; (b) the
scrapegate runner with no rules (reading, decoding, line fingerprints, batch context, pool); (c) the
runner with every built-in rule. Prints docs/s and MB/s for each. Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_corpus  # noqa: E402

from scrapegate.checks.api import build_rules  # noqa: E402
from scrapegate.checks.config import Config  # noqa: E402
from scrapegate.checks.inputs import discover  # noqa: E402
from scrapegate.checks.registry import all_rules  # noqa: E402
from scrapegate.checks.runner import run_batch  # noqa: E402


def _row(label: str, seconds: float, docs: int, megabytes: float) -> str:
    return f"{label:<44} {seconds:8.2f} s {docs / seconds:10.0f} docs/s {megabytes / seconds:8.2f} MB/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="scrapegate-bench-"))
    if not any(folder.iterdir()):
        generate_corpus(folder, args.docs)
    items, errors = discover([str(folder)], ("txt",))
    assert not errors, errors
    megabytes = sum(i.path.stat().st_size for i in items) / 1e6
    print(f"{len(items)} documents, {megabytes:.1f} MB in {folder}")

    start = time.perf_counter()
    for item in items:
        item.path.read_bytes().decode("utf-8", errors="replace")
    print(_row("baseline: read + utf-8 decode (1 process)", time.perf_counter() - start, len(items), megabytes))

    known = all_rules()
    for label, rules, jobs in [
        ("scrapegate, no rules, 1 job", [], 1),
        (f"scrapegate, no rules, {args.jobs} jobs", [], args.jobs),
        (f"scrapegate, all rules, {args.jobs} jobs", build_rules(Config(), known, [], []), args.jobs),
    ]:
        start = time.perf_counter()
        run = run_batch(items, rules, jobs=jobs, max_file_size=50 * 1024 * 1024)
        assert len(run.results) == len(items), run.input_errors[:3]
        print(_row(label, time.perf_counter() - start, len(items), megabytes))


if __name__ == "__main__":
    main()
