"""Benchmark: decoding and the encoding rules against plain read + UTF-8 decode, in one run.

    python bench/bench_decode.py [--docs 10000] [--seed 0] [--folder DIR] [--keep]

Generates a corpus (bench/corpus.py: 3-15 KB documents in UTF-8, GB18030, GBK, Big5, UTF-16 with and
without BOM, UTF-8 with BOM, and UTF-8 pages with a GBK footer), reads every file once untimed so all
phases see a warm page cache, then times each phase over all files and prints docs/s and MB/s.
Phases are a list of (name, per-file function): add one by extending :data:`PHASES`; each is timed
the same way against the same files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import EXPECTED_ENCODING, CorpusFile, generate_corpus  # noqa: E402

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.encoding.rules import RULES as ENCODING_RULES  # noqa: E402

PerFile = Callable[[Path], object]


def read_utf8_replace(path: Path) -> object:
    """The baseline: what a pipeline that assumes UTF-8 does."""
    return path.read_bytes().decode("utf-8", errors="replace")


def read_decode(path: Path) -> object:
    return decode(path.read_bytes())


_CTX = BatchContext()
_RULES = [rule() for rule in ENCODING_RULES]


def read_decode_encoding_rules(path: Path) -> object:
    doc = Document.from_bytes(path.name, path.read_bytes())
    return [finding for rule in _RULES for finding in rule.check(doc, _CTX)]


PHASES: list[tuple[str, PerFile]] = [
    ("read + utf-8 decode (replace), baseline", read_utf8_replace),
    ("read + decode()", read_decode),
    ("read + decode + encoding rules EN001-EN006", read_decode_encoding_rules),
]


def time_phase(files: list[CorpusFile], per_file: PerFile) -> float:
    start = time.perf_counter()
    for item in files:
        per_file(item.path)
    return time.perf_counter() - start


def check_detection(files: list[CorpusFile]) -> tuple[Counter, Counter, int]:
    """(labels, methods, wrong): how each file was decoded and how many got the wrong encoding."""
    methods: Counter = Counter()
    labels: Counter = Counter()
    wrong = 0
    for item in files:
        decoded = decode(item.path.read_bytes())
        labels[item.label] += 1
        methods[decoded.method] += 1
        mixed_ok = item.label != "mixed" or decoded.is_mixed
        if decoded.encoding not in EXPECTED_ENCODING[item.label] or not mixed_ok or decoded.undecodable:
            wrong += 1
    return labels, methods, wrong


def compare_charset_normalizer(files: list[CorpusFile]) -> None:
    """charset-normalizer alone (unrestricted, as most pipelines call it) on the first files: its
    speed next to decode(), and how often it names an encoding that reads the bytes differently."""
    from charset_normalizer import from_bytes

    raws = [item.path.read_bytes() for item in files]
    started = time.perf_counter()
    guesses = [from_bytes(raw).best() for raw in raws]
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = [decode(raw) for raw in raws]
    our_seconds = time.perf_counter() - started
    wrong = sum(1 for guess, mine in zip(guesses, ours) if guess is None or str(guess) != mine.text)
    names = Counter(guess.encoding if guess else None for guess in guesses)
    print(f"\ncharset-normalizer alone on {len(files)} files: {len(files) / seconds:.0f} docs/s, "
          f"{seconds / our_seconds:.0f}x slower than decode(); its text differs from ours on "
          f"{wrong} ({', '.join(f'{k} {v}' for k, v in names.most_common(6))})")


def run(n_docs: int, seed: int, folder: Path | None, keep: bool, compare_docs: int = 0) -> None:
    own_folder = folder is None
    folder = folder or Path(tempfile.mkdtemp(prefix="scrapegate-bench-"))
    try:
        started = time.perf_counter()
        files = generate_corpus(folder, n_docs, seed=seed)
        total = sum(item.size for item in files)
        print(f"corpus: {len(files)} documents, {total / 1e6:.1f} MB in {folder} "
              f"(generated in {time.perf_counter() - started:.1f} s)")
        for item in files:  # warm the page cache so no phase pays for cold reads
            item.path.read_bytes()
        labels, methods, wrong = check_detection(files)
        print("encodings:", ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
        print("decided by:", ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))
        print(f"wrong encoding, missed mix or spurious undecodable bytes: {wrong} of {len(files)}")
        print()
        print(f"{'phase':<46} {'seconds':>8} {'docs/s':>9} {'MB/s':>7} {'vs baseline':>11}")
        baseline = None
        for name, per_file in PHASES:
            seconds = time_phase(files, per_file)
            baseline = baseline or seconds
            print(f"{name:<46} {seconds:>8.2f} {len(files) / seconds:>9.0f} "
                  f"{total / 1e6 / seconds:>7.1f} {seconds / baseline:>10.1f}x")
        if compare_docs:
            compare_charset_normalizer(files[:compare_docs])
    finally:
        if own_folder and not keep:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder", type=Path, help="write the corpus here (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temp corpus folder")
    parser.add_argument("--compare-charset-normalizer", type=int, default=300, metavar="N",
                        help="also time unrestricted charset-normalizer on the first N files "
                             "(default 300; 0 to skip: it is slow)")
    args = parser.parse_args(argv)
    run(args.docs, args.seed, args.folder, args.keep, args.compare_charset_normalizer)


if __name__ == "__main__":
    main()
