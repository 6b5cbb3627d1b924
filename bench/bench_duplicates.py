"""Benchmark of the duplicate family (DU001-DU003) against datasketch's MinHashLSH, in one run.

    /tmp/venv/bin/python bench/bench_duplicates.py [--sizes 5000,10000,20000] [--baseline-size 20000]
        [--cluster-sizes 200,800,1600,3200]

For each size a generated corpus (bench/dup_corpus.py: distinct reports sharing stock passages, with
planted exact, near and truncated copies; 3-15 KB each) is checked in a fresh subprocess, so peak
memory (ru_maxrss) is per size. Reported: CPU seconds (process time, so that other jobs on a shared
machine do not distort them) and docs/s for chrome removal, profiling (collect, single process) and
batch matching (check_batch), payload bytes, peak RSS; and the same corpus across two runs through
the SQLite index (distinct reports indexed, copies checked against it). The baseline is datasketch's MinHash + MinHashLSH
used as its documentation shows (MinHash(num_perm=128).update_batch over the same 5-gram shingles
of the same bodies; MinHashLSH(threshold=0.7).insert / .query), on the same corpus.

With ``--cluster-sizes``, also one site's near-identical pages (bench/dup_corpus.py:
near_copy_cluster: one report, every page with its own title, a figure or two changed and its own
chrome) at each size: CPU seconds, exact checks done (verified pairs) against the pairs of the group,
peak RSS, and whether the pages form one cluster with a finding each; then the first half of the
pages indexed and the second half checked against the index (CPU seconds, exact checks, matched). Verifying every pair made this
case quadratic; the verified pairs per document should stay flat as the group grows.

Precision and recall are measured against exact Jaccard / containment of the 5-gram sets (ground
truth: Jaccard >= 0.7, or >= 80% of the shorter body contained in the longer) over the planted pairs,
every pair either method reported, and a random sample of pairs. Needs the `bench` extra (datasketch).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dup_corpus import (  # noqa: E402
    build_corpus,
    datasketch_index,
    datasketch_pairs,
    near_copy_cluster,
    run_duplicate_rules,
)

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.duplicates.index import DuplicateIndex  # noqa: E402
from scrapegate.rules.duplicates.match import MatchThresholds, judge  # noqa: E402
from scrapegate.rules.duplicates.profile import document_profile, shingle_hashes  # noqa: E402
from scrapegate.rules.duplicates.rules import (ContainedCopy, DuplicateOptions, ExactDuplicate,  # noqa: E402
                                              NearDuplicate, analyse, duplicate_clusters)

THRESHOLDS = MatchThresholds()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _documents(size: int, seed: int) -> tuple[list[Document], BatchContext]:
    corpus, _ = build_corpus(size, seed)
    docs = [Document.from_text(key, text) for key, text in corpus]
    return docs, BatchContext.build(docs)


def worker_ours(size: int, seed: int, out: Path) -> dict:
    docs, ctx = _documents(size, seed)
    rss_corpus = _peak_mb()
    findings, payloads, seconds = run_duplicate_rules(docs, ctx)
    pairs = [(min(key, f.details["other"]), max(key, f.details["other"]), f.details["kind"])
             for key, f in findings if f.severity.value != "info"]  # the copy-to-drop side names each pair once
    t0, t1 = 0.0, seconds["chrome"]
    t2, t3 = t1 + seconds["profile"], t1 + seconds["profile"] + seconds["match"]
    payload_bytes = sum(len(pickle.dumps(p)) for p in payloads.values())
    out.write_text(json.dumps(pairs))
    result = {"method": "scrapegate", "docs": size, "chrome_s": t1 - t0, "profile_s": t2 - t1,
              "match_s": t3 - t2, "total_s": t3 - t1, "docs_per_s": size / (t3 - t1),
              "profile_docs_per_s": size / (t2 - t1),
              "payload_kb_per_doc": payload_bytes / size / 1024,
              "peak_rss_mb": _peak_mb(), "rss_after_corpus_mb": rss_corpus, "pairs": len(pairs)}
    result.update(_index_run(payloads, out.with_suffix(".sqlite")))
    return result


def _index_run(payloads: dict, path: Path) -> dict:
    """Across runs: index the distinct reports, then check the copies against the index."""
    path.unlink(missing_ok=True)
    first = {k: p for k, p in payloads.items() if k.startswith("r")}
    second = {k: p for k, p in payloads.items() if not k.startswith("r")}
    t0 = time.perf_counter()
    with DuplicateIndex.open(str(path), create=True) as index:
        index.add(first)
    t1 = time.perf_counter()
    with DuplicateIndex.open(str(path)) as index:
        found = index.find(second, THRESHOLDS)
    t2 = time.perf_counter()
    size_mb = path.stat().st_size / 1e6
    path.unlink()
    return {"index_docs": len(first), "index_add_docs_per_s": len(first) / (t1 - t0),
            "index_mb": size_mb, "index_query_docs": len(second),
            "index_query_docs_per_s": len(second) / (t2 - t1),
            "index_matched_docs": len({m.key for m in found})}


def worker_cluster(size: int, seed: int, out: Path) -> dict:
    """One site's ``size`` near-identical pages through DU001-DU003."""
    docs = [Document.from_text(key, text) for key, text in near_copy_cluster(size, seed)]
    ctx = BatchContext.build(docs)
    by_key = {d.key: d for d in docs}
    t0 = time.process_time()
    rules = [ExactDuplicate(), NearDuplicate(), ContainedCopy()]
    payloads = {d.key: rules[0].collect(d, ctx) for d in docs}
    t1 = time.process_time()
    findings = [kf for rule in rules for kf in rule.check_batch(by_key, payloads, ctx)]
    t2 = time.process_time()
    analysis = analyse(payloads, ctx, DuplicateOptions())
    clusters = duplicate_clusters(findings)
    # across runs: the first half of the pages indexed, the second half checked against them
    keys = sorted(payloads)
    path = out.with_suffix(".sqlite")
    path.unlink(missing_ok=True)
    with DuplicateIndex.open(str(path), create=True) as index:
        index.add({k: payloads[k] for k in keys[:size // 2]})
        t3 = time.process_time()
        found = index.find({k: payloads[k] for k in keys[size // 2:]}, THRESHOLDS)
        t4 = time.process_time()
        index_verified = index.verified_pairs
    path.unlink()
    return {"method": "near-copy group", "docs": size, "profile_s": t1 - t0, "match_s": t2 - t1,
            "pairs_in_group": size * (size - 1) // 2, "candidate_pairs": analysis.candidate_pairs,
            "verified_pairs": analysis.verified_pairs, "matches": len(analysis.matches),
            "findings": len(findings), "docs_with_finding": len({k for k, _ in findings}),
            "clusters": [len(c) for c in clusters], "peak_rss_mb": _peak_mb(),
            "index_find_s": t4 - t3, "index_verified_pairs": index_verified,
            "index_matched_docs": len({m.key for m in found})}


def worker_datasketch(size: int, seed: int, out: Path) -> dict:
    import datasketch  # noqa: F401  (imported before the clock starts)

    docs, ctx = _documents(size, seed)
    bodies = {d.key: document_profile(d, ctx).normalized_body for d in docs}
    rss_corpus = _peak_mb()
    t0 = time.process_time()
    sketches, lsh = datasketch_index(bodies, THRESHOLDS.near_threshold)
    t1 = time.process_time()
    pairs = {(a, b, "candidate") for a, b in datasketch_pairs(sketches, lsh)}
    t2 = time.process_time()
    out.write_text(json.dumps(sorted(pairs)))
    return {"method": "datasketch MinHashLSH", "docs": size, "profile_s": t1 - t0, "match_s": t2 - t1,
            "total_s": t2 - t0, "docs_per_s": size / (t2 - t0), "peak_rss_mb": _peak_mb(),
            "rss_after_corpus_mb": rss_corpus, "pairs": len(pairs)}


def _spawn(method: str, size: int, seed: int, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, "--size", str(size), "--seed", str(seed),
           "--pairs-out", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def evaluate(size: int, seed: int, reported: dict[str, list[tuple[str, str, str]]],
             sample: int) -> dict[str, dict]:
    """Precision/recall of each method against exact Jaccard/containment ground truth."""
    corpus, planted = build_corpus(size, seed)
    docs = [Document.from_text(key, text) for key, text in corpus]
    ctx = BatchContext.build(docs)
    profiles = {d.key: document_profile(d, ctx) for d in docs}
    sets: dict[str, np.ndarray] = {}

    def truth(a: str, b: str) -> str | None:
        pa, pb = profiles[a], profiles[b]
        if min(pa.body_chars, pb.body_chars) < THRESHOLDS.min_body_chars:
            return None
        if pa.exact == pb.exact:
            return "exact"
        for k in (a, b):
            if k not in sets:
                sets[k] = shingle_hashes(profiles[k].normalized_body)
        verdict = judge(sets[a], pa.body_chars, sets[b], pb.body_chars, THRESHOLDS)
        return verdict.kind if verdict else None

    keys = sorted(profiles)
    rng = random.Random(seed)
    universe = {tuple(sorted((p.original, p.copy))) for p in planted}
    universe |= {tuple(sorted(rng.sample(keys, 2))) for _ in range(sample)}
    found: dict[str, set[tuple[str, str]]] = {}
    for method, pairs in reported.items():
        found[method] = {(a, b) for a, b, _ in pairs}
        universe |= found[method]
    # scrapegate collapses exact copies onto one kept copy that carries the group's other pairs
    exact_groups: dict[str, set[str]] = defaultdict(set)
    for a, b, kind in reported.get("scrapegate", []):
        if kind == "exact":
            exact_groups[a].update((a, b))
            exact_groups[b].update((a, b))
    if "scrapegate" in found:
        implied = set()
        for a, b in found["scrapegate"]:
            for x in exact_groups.get(a, {a}):
                for y in exact_groups.get(b, {b}):
                    if x != y:
                        implied.add((min(x, y), max(x, y)))
        found["scrapegate"] |= implied
        universe |= implied
    labels = {pair: truth(*pair) for pair in sorted(universe)}
    positives = {pair for pair, kind in labels.items() if kind}
    planted_kind = {tuple(sorted((p.original, p.copy))): p.kind for p in planted}
    results = {}
    for method, pairs in found.items():
        true_found = pairs & positives
        distinct = {(a, b) for a, b in pairs if a.startswith("r") and b.startswith("r")}
        per_kind = {}
        for kind in ("exact", "near", "containment"):
            wanted = {p for p in positives if labels[p] == kind}
            per_kind[kind] = {"truth": len(wanted),
                              "recall": round(len(wanted & pairs) / len(wanted), 4) if wanted else None}
        planted_recall = {}
        for kind in ("exact", "near", "containment"):
            wanted = {p for p, k in planted_kind.items() if k == kind}
            planted_recall[kind] = round(len(wanted & pairs) / len(wanted), 4) if wanted else None
        results[method] = {
            "reported_pairs": len(pairs), "true_positive": len(true_found),
            "precision": round(len(true_found) / len(pairs), 4) if pairs else None,
            "recall": round(len(true_found) / len(positives), 4) if positives else None,
            "recall_by_true_kind": per_kind, "recall_of_planted_copies": planted_recall,
            "pairs_between_distinct_reports": len(distinct),
            "false_pairs_between_distinct_reports": len(distinct - positives)}
    results["ground_truth"] = {"pairs_judged": len(labels), "positives": len(positives),
                               "planted": len(planted), "random_pairs_sampled": sample}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--baseline-size", type=int, default=20000, help="0 to skip datasketch")
    parser.add_argument("--cluster-sizes", default="",
                        help="also time one site's near-identical pages at these sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample-pairs", type=int, default=20000)
    parser.add_argument("--worker", choices=["ours", "datasketch", "cluster"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pairs-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = {"ours": worker_ours, "datasketch": worker_datasketch,
               "cluster": worker_cluster}[args.worker]
        print(json.dumps(run(args.size, args.seed, args.pairs_out)))
        return

    tmp = Path(f"/tmp/bench_duplicates_{args.seed}")
    tmp.mkdir(exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        rows.append(_spawn("ours", size, args.seed, tmp / f"ours_{size}.json"))
        print(json.dumps(rows[-1]), flush=True)
    if args.baseline_size:
        rows.append(_spawn("datasketch", args.baseline_size, args.seed,
                           tmp / f"datasketch_{args.baseline_size}.json"))
        print(json.dumps(rows[-1]), flush=True)

    print("\nmethod                  docs   chrome s  profile s  match s  docs/s(profile+match)  "
          "peak RSS MB (corpus alone)")
    for r in rows:
        print(f"{r['method']:22s} {r['docs']:6d} {r.get('chrome_s', 0):9.2f} {r['profile_s']:10.2f} "
              f"{r['match_s']:8.2f} {r['docs_per_s']:22.0f}  {r['peak_rss_mb']:.0f} "
              f"({r['rss_after_corpus_mb']:.0f})")
    ours = [r for r in rows if r["method"] == "scrapegate"]
    print("\nacross runs (wall clock, SQLite index of the distinct reports, then the copies checked):")
    for r in ours:
        print(f"  {r['docs']:6d}: indexed {r['index_docs']} at {r['index_add_docs_per_s']:.0f} docs/s "
              f"({r['index_mb']:.0f} MB); checked {r['index_query_docs']} at "
              f"{r['index_query_docs_per_s']:.0f} docs/s, {r['index_matched_docs']} matched")
    if len(ours) > 1:
        base = ours[0]
        print("\nscaling (time per document relative to the smallest size; 1.0 = linear):")
        for r in ours:
            profile = r["profile_s"] / r["docs"] / (base["profile_s"] / base["docs"])
            match = r["match_s"] / r["docs"] / (base["match_s"] / base["docs"])
            print(f"  {r['docs']:6d}: profile {profile:.2f}  match {match:.2f}")

    if args.cluster_sizes:
        print("\none site's near-identical pages (CPU s; every pair verified would be 'pairs'):")
        print("  docs  profile s  match s   pairs in group  candidates  verified  verified/doc  "
              "peak RSS MB  clusters  docs with a finding | index: half checked against half, "
              "s, verified, matched")
        for size in (int(s) for s in args.cluster_sizes.split(",")):
            r = _spawn("cluster", size, args.seed, tmp / f"cluster_{size}.json")
            print(f"  {size:5d} {r['profile_s']:9.2f} {r['match_s']:8.2f} {r['pairs_in_group']:16d} "
                  f"{r['candidate_pairs']:11d} {r['verified_pairs']:9d} "
                  f"{r['verified_pairs'] / size:13.1f} {r['peak_rss_mb']:12.0f}  {r['clusters']}  "
                  f"{r['docs_with_finding']} | {r['index_find_s']:.2f} {r['index_verified_pairs']} "
                  f"{r['index_matched_docs']}", flush=True)

    size = args.baseline_size if args.baseline_size in sizes else sizes[-1]
    reported = {"scrapegate": [tuple(p) for p in json.loads((tmp / f"ours_{size}.json").read_text())]}
    if args.baseline_size == size:
        reported["datasketch"] = [tuple(p) for p in json.loads(
            (tmp / f"datasketch_{size}.json").read_text())]
    print(f"\nquality at {size} documents:")
    print(json.dumps(evaluate(size, args.seed, reported, args.sample_pairs), indent=1))


if __name__ == "__main__":
    main()
