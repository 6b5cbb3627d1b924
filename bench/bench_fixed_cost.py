"""Benchmark: each family's CPU time a document split into a per-document part and a per-KB part.

    python bench/bench_fixed_cost.py [--docs 300] [--rounds 3] [--families SP,TR]

Issue 15 asks for 10 MB/s per core. A family's time on a document is about ``fixed + marginal × KB``;
the fixed part (tables looked up, numpy pipelines of a few calls each, dozens of small analyses that
run whatever the length) decides short pages, the marginal part decides long reports and is the
ceiling no per-document saving lifts: at ``marginal`` ms a KB a family cannot pass 1 / marginal MB/s.

Three sets from one generator (``bench/corpus.py``), so that they differ in length, not in kind:
``generated`` (3-15 KB reports), ``short`` (``corpus.short_records``, 0.5-1.5 KB) and ``tiny`` (the
first 60 characters of each short record); each measured as :mod:`bench_families` measures (its
``Measurer``: fresh documents, pass 2's grouped order, CPU time, best of ``--rounds``). The fit is a
least-squares line through the three sets' (mean KB, ms a document). The shared real pages, when
``/work/shared/corpus/texts`` exists, are measured too and printed beside the line's prediction for
their size (not part of the fit). Not a test: numbers vary by machine and load.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_families  # noqa: E402  (this script's folder)
from corpus import short_records  # noqa: E402

TINY_CHARS = 60
FITTED = ("generated", "short", "tiny")


def build(folder: Path, docs: int) -> Path:
    """The sets' texts as bench_families writes them, plus the ``tiny`` set."""
    sets_file = bench_families.build_sets(["generated", "short", "shared"], docs, folder)
    with open(sets_file, "a", encoding="utf-8") as out:
        for record in short_records(docs):
            out.write(json.dumps({"set": "tiny", "key": record["id"], "text": record["text"][:TINY_CHARS]},
                                 ensure_ascii=False) + "\n")
    return sets_file


def measure(sets_file: Path, families: list[str] | None, rounds: int) -> tuple[dict, dict]:
    """({(set, label): best CPU seconds}, {set: {'_mb', '_docs'}})."""
    measurer = bench_families.Measurer(sets_file, families)
    labels = measurer.labels(False)
    best: dict[tuple[str, str], float] = {}
    for _ in range(rounds):
        for name in measurer.by_set:
            for label in labels:
                seconds = measurer.seconds(name, label)
                best[name, label] = min(best.get((name, label), float("inf")), seconds)
    return best, measurer.sizes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=300, help="documents per set")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--families", help="only these family prefixes, comma-separated (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        best, sizes = measure(build(Path(tmp), args.docs), args.families.split(",") if args.families else None,
                              args.rounds)
    labels = list(dict.fromkeys(label for _, label in best))
    kb = {name: figures["_mb"] * 1000 / figures["_docs"] for name, figures in sizes.items()}

    def per_doc(name: str, label: str) -> float:
        return best[name, label] / sizes[name]["_docs"] * 1e3

    print(f"{'set':<10} {'docs':>5} {'KB/doc':>7}  " + " ".join(f"{label:>7}" for label in labels) + "  (ms a document)")
    for name in sizes:
        print(f"{name:<10} {int(sizes[name]['_docs']):>5} {kb[name]:7.2f}  "
              + " ".join(f"{per_doc(name, label):7.3f}" for label in labels))
    fitted = [name for name in FITTED if name in sizes]
    x = np.array([[1.0, kb[name]] for name in fitted])
    print(f"\n{'family':<8} {'fixed ms/doc':>12} {'ms per KB':>10} {'fixed at 1 KB':>14} {'ceiling MB/s':>13}"
          + ("  shared: measured / line" if "shared" in sizes else ""))
    for label in labels:
        (fixed, marginal), *_ = np.linalg.lstsq(x, np.array([per_doc(name, label) for name in fitted]), rcond=None)
        row = (f"{label:<8} {fixed:12.3f} {marginal:10.3f} {100 * fixed / (fixed + marginal):13.0f}% "
               f"{(1 / marginal if marginal > 0 else float('inf')):13.2f}")
        if "shared" in sizes:
            row += f"  {per_doc('shared', label):.3f} / {fixed + marginal * kb['shared']:.3f} ms"
        print(row)


if __name__ == "__main__":
    main()
