"""Benchmark: region inference per document, one automaton pass per document against one per line.

    python bench/bench_region.py [--docs 2000] [--seed 7]

On ``--docs`` documents recombined from the seeds' sentences (``bench/corpus.py``, 3-15 KB each)
and on the real excerpts of ``tests/fixtures/real_regions``:

* baseline: decoding the same documents' UTF-8 bytes (``scrapegate.checks.decoding.decode``) and
  their line split, which every run pays anyway;
* per line: the evidence collected line by line (``collect_evidence`` called once per body line:
  one automaton pass, one sentence split and one traditional-character check per line, as the
  region rules did before);
* per document: ``infer_region`` on the whole body as the rules run it now (one pass, plus the
  scoring), and ``collect_evidence`` alone for a like-for-like comparison with the per-line mode.

Reports milliseconds per document and MB/s of UTF-8 bytes per core (CPU time of this process, so
other load on the machine counts little; the best of ``--repeat`` runs), the baseline measured in
the same run, and checks that both modes find the same names. Issue 13's target: infer_region at
30 MB/s per core or more on the generated reports.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate_corpus  # noqa: E402

from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.region.gazetteer import gazetteer  # noqa: E402
from scrapegate.rules.region.inference import collect_evidence, infer_region  # noqa: E402


def timed(func, docs, repeat: int) -> float:
    """CPU milliseconds per document, the best of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            func(doc)
        best = min(best, time.process_time() - start)
    return best / len(docs) * 1000


def lines_of(doc: Document) -> list[tuple[int, str]]:
    return [(line.start, line.text) for line in doc.lines if not line.is_blank]


def run(label: str, docs: list[Document], repeat: int) -> None:
    prepared = [(doc, lines_of(doc)) for doc in docs]
    raw = [doc.text.encode("utf-8") for doc in docs]
    gazetteer()
    per_line = [sorted((ev.start, ev.surface) for line in lines for ev in collect_evidence([line]))
                for _, lines in prepared]
    per_doc = [sorted((ev.start, ev.surface) for ev in collect_evidence(lines))
               for _, lines in prepared]
    same = sum(a == b for a, b in zip(per_line, per_doc))
    base = timed(lambda data: [line for line in decode(data).text.splitlines()], raw, repeat)
    line_ms = timed(lambda item: [collect_evidence([line]) for line in item[1]], prepared, repeat)
    doc_ms = timed(lambda item: collect_evidence(item[1]), prepared, repeat)
    infer_ms = timed(lambda item: infer_region(item[1]), prepared, repeat)
    size = sum(len(doc.text) for doc in docs) / len(docs)
    megabytes = sum(len(data) for data in raw) / len(docs) / 1e6  # per document

    def rate(ms: float) -> str:
        return f"{ms:7.3f} ms/doc {megabytes / ms * 1000:7.1f} MB/s per core"

    print(f"{label}: {len(docs)} documents, {size:,.0f} characters on average")
    print(f"  baseline decode + line split   {rate(base)}")
    print(f"  evidence, one pass per line    {rate(line_ms)}")
    print(f"  evidence, one pass per doc     {rate(doc_ms)}  ({line_ms / doc_ms:.1f}x)")
    print(f"  infer_region (per doc, scored) {rate(infer_ms)}")
    print(f"  same names found in both modes: {same}/{len(docs)} documents")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        written = generate_corpus(Path(folder), args.docs, seed=args.seed)
        paths = [Path(folder) / getattr(item, "path", item) for item in written]
        docs = [Document.from_bytes(p.name, p.read_bytes()) for p in paths if p.is_file()]
    random.Random(args.seed).shuffle(docs)
    run("generated corpus", docs, args.repeat)
    real = [Document.from_text(p.name, p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "tests" / "fixtures" / "real_regions").glob("*.txt"))]
    seeds = [Document.from_bytes(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    run("real excerpts", real, args.repeat * 5)
    run("seeds", seeds, args.repeat * 50)


if __name__ == "__main__":
    main()
