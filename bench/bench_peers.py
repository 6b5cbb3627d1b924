"""Benchmark: scrapegate against datatrove's and Data-Juicer's comparable pipelines, same corpus, same run.

    python bench/bench_peers.py [--docs 1000] [--folder DIR] [--only ours,datatrove,data-juicer]

The corpus is bench_scale.py's (bench/corpus.py: 3-15 KB documents in mixed encodings) plus planted
copies of its documents, written as UTF-8 files beside them: 10% exact copies, 10% near copies
(every figure changed, one paragraph dropped) and 10% partial copies (the first 30-70%), by
bench/dup_corpus.py's own transformations. Each pipeline runs alone in a fresh subprocess, one
process, and is timed in CPU seconds of that process and its children (the machine is shared: wall
time would measure the neighbours), from the first document to the last result:

- scrapegate, end to end as ``scrapegate check --jobs 1`` runs it: read and decode the files, every
  selected rule, every report written (findings with spans); and ``ours-texts``, the same rules on
  the decoded texts the peers get, through ``check_texts`` (reports built and kept, no file). ``filters``: the per-document families
  (BP, SP, TR, EN: chrome, spam, cuts, encoding); ``dedup``: DU (exact, near and partial copies,
  with the copy each one duplicates); ``all``: every rule.
- datatrove (0.10; Chinese through its spaCy + jieba word tokenizer), on the texts already decoded
  (decoding is not timed: they cannot read GBK or Big5 files): ``filters``: GopherRepetitionFilter,
  FineWebQualityFilter, C4QualityFilter and GopherQualityFilter, language ``zh``, each asked about
  every document (``filter(doc)``, the lightest call; the pipeline would skip documents an earlier
  filter dropped). C4BadWordsFilter and LanguageFilter are left out: they download word lists and a
  fastText model at run time, which this machine cannot. ``dedup``: the four MinHash stages
  (signatures, buckets, clusters, filter; MinhashConfig defaults, 5-word shingles) through its
  LocalPipelineExecutor, one worker (the bucket stage needs one task per bucket). It needs
  ``xxhash<4``: with xxhash 4 its default hash refuses ``str`` ("Strings must be encoded").
- Data-Juicer (1.6), on the same decoded texts, each op's ``run`` over a dataset with ``num_proc=1``:
  ``filters``: the Chinese-capable ops that need no download (alphanumeric, average and maximum line
  length, character repetition, special characters, text length, word repetition and words number
  with ``lang="zh"``; stopwords, flagged words, perplexity and language id download lists or models
  and are left out). ``dedup``: DocumentDeduplicator then DocumentMinhashDeduplicator
  (``tokenization="character"``, 5-character windows, Jaccard 0.7).

Printed: MB per CPU second (corpus bytes as stored), scrapegate's speed over the peer's (the ratio
the issue asks to be at least 3), and what each found: documents flagged or dropped; for dedup, the
planted copies found (the copy or its original flagged, for a peer removed) and other documents
flagged or removed. A peer that is not installed is skipped with a note. Not a test: numbers vary by
machine and load. Peers: ``pip install datatrove spacy jieba tokenizers py-data-juicer 'ray[data]'``
(Data-Juicer imports Ray and installs scipy itself on first use) in a separate virtualenv.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_corpus  # noqa: E402

FAMILIES = {"filters": ["BP", "SP", "TR", "EN"], "dedup": ["DU"], "all": []}
PEERS = {"datatrove": "datatrove", "data-juicer": "data_juicer"}


# --- the corpus -------------------------------------------------------------------------------


def build(folder: Path, docs: int, seed: int = 0) -> dict[str, Any]:
    """Generate the corpus (once per folder) and plant copies; returns {"planted": [[copy, original,
    kind], ...]} (also written to planted.json)."""
    record = folder / "planted.json"
    if record.exists():
        saved = json.loads(record.read_text("utf-8"))
        if saved["docs"] == docs:
            return saved
    import numpy as np
    from dup_corpus import Generator

    from scrapegate.checks.inputs import InputFile, read_document

    for old in folder.glob("*.txt"):
        old.unlink()
    files = generate_corpus(folder, docs, seed)
    gen = Generator(seed)
    rng = np.random.default_rng(seed + 1)
    planted = []
    for n, kind in enumerate(["exact", "near", "partial"] * (docs // 10)):
        original = files[int(rng.integers(0, len(files)))].path
        text = read_document(InputFile(key=original.name, path=original, display=str(original)), 1 << 24).text
        lines = text.splitlines()
        if kind == "near":
            lines = gen.near(lines)
        elif kind == "partial":
            lines = gen.truncated(lines)
        copy = folder / f"copy_{n:05d}_{kind}.txt"
        copy.write_text("\n".join(lines), "utf-8")
        planted.append([copy.name, original.name, kind])
    saved = {"docs": docs, "planted": planted}
    record.write_text(json.dumps(saved), "utf-8")
    return saved


def _texts(files: list[Path]) -> list[tuple[str, str]]:
    """(name, text) as scrapegate decodes them: what the peers are given (not timed)."""
    from scrapegate.checks.inputs import InputFile, read_document

    return [(f.name, read_document(InputFile(key=f.name, path=f, display=str(f)), 1 << 24).text) for f in files]


# --- one pipeline, in a child process ----------------------------------------------------------


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def ours(files: list[Path], what: str) -> tuple[Callable[[], dict[str, Any]], Callable[[], None]]:
    from scrapegate.checks.api import check_paths

    out = tempfile.mkdtemp(prefix="scrapegate-peers-")

    def run() -> dict[str, Any]:
        select = FAMILIES[what] or None
        result = check_paths(files, report_dir=out, jobs=1, fail_on="never", select=select, keep_reports=False)
        flagged: dict[str, set[str]] = {}
        for report in Path(out).glob("*.json"):
            if report.name != "summary.json":
                codes = {f["code"] for f in json.loads(report.read_text("utf-8"))["findings"]}
                if codes:
                    flagged[report.name[:-len(".json")]] = codes
        return {"flagged": sorted(k for k, codes in flagged.items() if what != "dedup" or
                                  any(c.startswith("DU") for c in codes)),
                "findings": result.summary["findings"]["total"] if "findings" in result.summary else None}

    return run, lambda: None


def ours_in_memory(texts: list[tuple[str, str]], what: str) -> Callable[[], dict[str, Any]]:
    """The same rules on the texts the peers get (no file read or decoded, no report file written;
    the reports are built and kept)."""
    from scrapegate.checks.api import check_texts

    def run() -> dict[str, Any]:
        result = check_texts([{"id": name, "text": text} for name, text in texts], jobs=1, fail_on="never",
                             select=FAMILIES[what] or None)
        return {"flagged": sorted(k for k, r in result.reports.items()
                                  if any(what != "dedup" or f["code"].startswith("DU") for f in r["findings"]))}

    return run


def datatrove_filters(texts: list[tuple[str, str]]) -> Callable[[], dict[str, Any]]:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter, FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter,
    )

    filters = [GopherRepetitionFilter(language="zh"), FineWebQualityFilter(language="zh"),
               C4QualityFilter(language="zh"), GopherQualityFilter(language="zh")]

    def run() -> dict[str, Any]:
        dropped: dict[str, int] = {}
        gone = set()
        for name, text in texts:
            for f in filters:
                verdict = f.filter(Document(text=text, id=name))
                if verdict is not True and not (isinstance(verdict, tuple) and verdict[0]):
                    dropped[type(f).__name__] = dropped.get(type(f).__name__, 0) + 1
                    gone.add(name)
        return {"flagged": sorted(gone), "by_filter": dropped}

    return run


def datatrove_dedup(texts: list[tuple[str, str]]) -> Callable[[], dict[str, Any]]:
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature,
    )

    work = Path(tempfile.mkdtemp(prefix="datatrove-minhash-"))
    config = MinhashConfig()
    kept: list[str] = []

    def collect(data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for doc in data:
            kept.append(doc.id)
            yield doc

    def docs() -> list[Any]:
        return [Document(text=text, id=name) for name, text in texts]

    def stage(steps: list[Any], name: str, tasks: int = 1) -> None:
        LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1, logging_dir=str(work / "logs" / name),
                              skip_completed=False).run()

    def run() -> dict[str, Any]:
        stage([docs(), MinhashDedupSignature(output_folder=str(work / "sigs"), config=config, language="zh")], "sigs")
        stage([MinhashDedupBuckets(input_folder=str(work / "sigs"), output_folder=str(work / "buckets"),
                                   config=config)], "buckets", tasks=config.num_buckets)  # one task a bucket
        stage([MinhashDedupCluster(input_folder=str(work / "buckets"), output_folder=str(work / "remove"),
                                   config=config)], "cluster")
        stage([docs(), MinhashDedupFilter(input_folder=str(work / "remove")), collect], "filter")
        names = {name for name, _ in texts}
        return {"flagged": sorted(names - set(kept))}

    return run


def _dj_dataset(texts: list[tuple[str, str]]) -> Any:
    from data_juicer.core.data import NestedDataset
    from datasets import Dataset

    return NestedDataset(Dataset.from_list([{"text": text, "id": name} for name, text in texts]))


def data_juicer_filters(texts: list[tuple[str, str]]) -> Callable[[], dict[str, Any]]:
    from data_juicer.ops.filter import (
        AlphanumericFilter, AverageLineLengthFilter, CharacterRepetitionFilter, MaximumLineLengthFilter,
        SpecialCharactersFilter, TextLengthFilter, WordRepetitionFilter, WordsNumFilter,
    )

    ops = [AlphanumericFilter(num_proc=1), AverageLineLengthFilter(num_proc=1),
           CharacterRepetitionFilter(num_proc=1), MaximumLineLengthFilter(num_proc=1),
           SpecialCharactersFilter(num_proc=1), TextLengthFilter(num_proc=1),
           WordRepetitionFilter(lang="zh", num_proc=1), WordsNumFilter(lang="zh", num_proc=1)]

    def run() -> dict[str, Any]:
        names = {name for name, _ in texts}
        gone: set[str] = set()
        by_op = {}
        for op in ops:  # each op over every document, as for the other pipelines
            kept = set(op.run(_dj_dataset(texts))["id"])
            by_op[type(op).__name__] = len(names - kept)
            gone |= names - kept
        return {"flagged": sorted(gone), "by_filter": by_op}

    return run


def data_juicer_dedup(texts: list[tuple[str, str]]) -> Callable[[], dict[str, Any]]:
    from data_juicer.ops.deduplicator import DocumentDeduplicator, DocumentMinhashDeduplicator

    exact = DocumentDeduplicator(num_proc=1)
    near = DocumentMinhashDeduplicator(tokenization="character", window_size=5, jaccard_threshold=0.7, num_proc=1)

    def run() -> dict[str, Any]:
        dataset = near.run(exact.run(_dj_dataset(texts)))
        return {"flagged": sorted({name for name, _ in texts} - set(dataset["id"]))}

    return run


def child(folder: Path, who: str, what: str) -> dict[str, Any]:
    logging.disable(logging.INFO)
    files = sorted(folder.glob("*.txt"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    if who == "ours":
        run, _ = ours(files, what)
    elif who == "ours-texts":
        run = ours_in_memory(_texts(files), what)
    else:
        _quiet_peers()
        texts = _texts(files)
        run = {("datatrove", "filters"): datatrove_filters, ("datatrove", "dedup"): datatrove_dedup,
               ("data-juicer", "filters"): data_juicer_filters,
               ("data-juicer", "dedup"): data_juicer_dedup}[who, what](texts)
    warm_up(who, files[0])
    cpu, wall = _cpu(), time.perf_counter()
    found = run()
    return {"docs": len(files), "mb": megabytes, "cpu": _cpu() - cpu, "wall": time.perf_counter() - wall, **found}


def warm_up(who: str, first: Path) -> None:
    """Load what is loaded once per process (scrapegate's tables and models, datatrove's jieba
    dictionary) before the clock starts, so a small corpus does not measure start-up. Data-Juicer's
    ops load theirs when built, before the clock too."""
    text = _texts([first])[0][1]
    if who.startswith("ours"):
        from scrapegate.checks.api import check_texts

        check_texts([text])
    elif who == "datatrove":
        from datatrove.utils.word_tokenizers import load_word_tokenizer

        load_word_tokenizer("zh").word_tokenize(text)


def _quiet_peers() -> None:
    os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")
    try:
        from loguru import logger

        logger.remove()
        logger.add(sys.stderr, level="ERROR")
    except ImportError:
        pass
    try:
        import datasets

        datasets.disable_progress_bars()
        datasets.disable_caching()
    except ImportError:
        pass


# --- the parent: run each pipeline, print the table -------------------------------------------


def measure(folder: Path, who: str, what: str) -> dict[str, Any] | str:
    command = [sys.executable, __file__, "--child", str(folder), "--who", who, "--what", what]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def found_copies(result: dict[str, Any], planted: list[list[str]]) -> str:
    flagged = set(result["flagged"])
    by_kind: dict[str, list[int]] = {}
    in_pairs = set()
    for copy, original, kind in planted:
        hit = by_kind.setdefault(kind, [0, 0])
        hit[0] += copy in flagged or original in flagged
        hit[1] += 1
        in_pairs |= {copy, original}
    kinds = ", ".join(f"{kind} {hit}/{total}" for kind, (hit, total) in by_kind.items())
    return f"planted copies found: {kinds}; other documents flagged: {len(flagged - in_pairs)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="generated documents (copies: 30%% more)")
    parser.add_argument("--folder", type=Path, help="corpus folder (kept; generated if empty)")
    parser.add_argument("--only", default="ours,datatrove,data-juicer")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--who", help=argparse.SUPPRESS)
    parser.add_argument("--what", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.who, args.what)))
        return
    folder = args.folder or Path(tempfile.mkdtemp(prefix="scrapegate-peers-"))
    folder.mkdir(parents=True, exist_ok=True)
    planted = build(folder, args.docs)["planted"]
    chosen = set(args.only.split(","))
    base: dict[str, dict[str, Any]] = {}  # "ours filters" / "ours-texts filters": ours, to compare
    print(f"corpus: {folder} ({args.docs:,} generated documents + {len(planted):,} planted copies)")
    for what in ("filters", "dedup", "all"):
        for who in ["ours", "ours-texts", *PEERS]:
            if who not in chosen.union({"ours-texts"} if "ours" in chosen else set()) or (
                    what == "all" and who != "ours"):
                continue
            if who in PEERS and importlib.util.find_spec(PEERS[who]) is None:
                print(f"{who:<12} {what:<8} skipped: {PEERS[who]} is not installed")
                continue
            result = measure(folder, who, what)
            if isinstance(result, str):
                print(f"{who:<12} {what:<8} {result}")
                continue
            speed = result["mb"] / result["cpu"]
            vs = ""
            if who.startswith("ours"):
                base[f"{who} {what}"] = result
            else:
                ratios = [f"{result['cpu'] / base[f'{ours} {what}']['cpu']:.2f}x" for ours in ("ours", "ours-texts")
                          if f"{ours} {what}" in base]
                vs = f" | scrapegate {' / '.join(ratios)} faster (files / texts)" if ratios else ""
            found = (found_copies(result, planted) if what == "dedup" else
                     f"documents flagged/dropped: {len(result['flagged']):,}"
                     + (f" {result['by_filter']}" if "by_filter" in result else ""))
            print(f"{who:<12} {what:<8} {result['docs']:,} docs {result['mb']:.1f} MB {result['cpu']:7.1f} CPU s "
                  f"{speed:5.2f} MB per CPU s{vs} | {found}", flush=True)


if __name__ == "__main__":
    main()
