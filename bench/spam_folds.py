"""Out-of-fold figures of the spam detector on train+dev, and the clause threshold they choose.

    python bench/spam_folds.py [--assignments 3] [--folds 3] [--thresholds 0.85,0.9,0.93,0.95,0.97,0.98]
                               [--mixes 0,0.7] [--shipped] [--models /tmp/spam-folds] [--show 0.95]

The clause scorer (``scripts/train_spam.py``) trains on train+dev, so no split is left to choose its
threshold on or to measure the detector with. Here the sites of train+dev (but the dev pages no
trainer reads, ``train_spam.DEV_HELD_ORIGINS``: a refit is judged on them) are dealt into ``--folds``
folds, ``--assignments`` times with different hashes; for each fold a scorer is trained on the other
folds' pages (and every page-free source), and every SP rule checks the fold's pages (each alone)
with that scorer at each threshold of ``--thresholds``. The figures (as
``bench/bench_spam_detection.py`` counts them) are summed over folds and shown per assignment, so a
threshold is chosen for how it does on every assignment, not on one lucky split. ``--show T`` prints
the misses and false findings at threshold T (the first assignment), with the fold model's
probability of each missed run. The test split is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
import train_spam  # noqa: E402
from bench_spam_detection import injected_runs, located, score, sp_findings  # noqa: E402
from spam_labels import is_fresh  # noqa: E402

from scrapegate.checks.textnorm import normalized_view  # noqa: E402
from scrapegate.rules.spam import model  # noqa: E402


def fold_of(site: str, assignment: int, folds: int) -> int:
    return int(hashlib.sha256(f"{assignment}:{site}".encode()).hexdigest(), 16) % folds


def train_fold(job: tuple[int, int, int, Path, Path, list[str]]) -> Path:
    assignment, k, folds, corpus, out, argv = job
    if out.exists():
        return out
    args = train_spam.arguments(["--corpus", str(corpus), *argv])
    pages = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]

    def use(page):
        return (page["split"] in ("train", "dev") and not train_spam.held_dev(page)
                and fold_of(page["site"], assignment, folds) != k)

    held = {p["site"] for p in pages if not use(p)}
    negatives = train_spam.negative_texts(train_spam.ordinary_negatives(args.ordinary, held, args.region))
    clauses, labels, weights = train_spam.training_examples([p for p in pages if use(p)], negatives,
                                                            random.Random(args.seed), args)
    w, b = train_spam.fit(clauses, labels, weights, args)
    train_spam.save(out, w, b, args.bits, args.threshold)
    return out


def use_model(path: Path, threshold: float, mix: float = 0.0) -> model.ClauseScorer:
    if mix:
        mixed = path.with_name(f"{path.stem}-mix{mix}.npz")
        if not mixed.exists():
            train_spam.mix_with_prior(path, train_spam.PRIOR_PATH, mix, mixed)
        path = mixed
    model.MODEL_PATH = path
    model.scorer.cache_clear()
    sc = model.scorer()
    object.__setattr__(sc, "threshold", threshold)
    sc.__dict__.pop("logit_threshold", None)
    return sc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--assignments", type=int, default=3)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--thresholds", default="0.85,0.9,0.93,0.95,0.97,0.98")
    parser.add_argument("--mixes", default="0", help="shares of the prior scorer's weights to try")
    parser.add_argument("--models", type=Path, default=Path("/tmp/spam-folds"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=float, default=None)
    parser.add_argument("--shipped", action="store_true",
                        help="also the shipped scorer on the same pages (it has seen some of them)")
    parser.add_argument("train_args", nargs="*", help="passed to train_spam.py (after --)")
    args = parser.parse_args()
    args.models.mkdir(parents=True, exist_ok=True)
    pages = [json.loads(x) for x in args.corpus.read_text(encoding="utf-8").splitlines()]
    pages = [p for p in pages if p["split"] in ("train", "dev") and p["kind"] != "spam-domain-only"
             and not train_spam.held_dev(p)]
    jobs = [(a, k, args.folds, args.corpus, args.models / f"a{a}k{k}.npz", args.train_args)
            for a in range(args.assignments) for k in range(args.folds)]
    with Pool(args.jobs) as pool:
        paths = pool.map(train_fold, jobs, chunksize=1)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    mixes = [float(m) for m in args.mixes.split(",")]
    subsets = {"real": lambda p: p["source"] == "real",
               "real restored": lambda p: p["source"] == "real" and not is_fresh(p),
               "real fresh": lambda p: p["source"] == "real" and is_fresh(p),
               "real unseen": lambda p: p["source"] == "real" and (is_fresh(p) or p["split"] == "dev"),
               "generated": lambda p: p["source"] != "real"}
    shipped = model.MODEL_PATH
    results: dict[tuple, Counter] = {}
    misses = []
    for (a, k, *_), path in zip(jobs, paths):
        fold = [p for p in pages if fold_of(p["site"], a, args.folds) == k]
        runs = [("fold", (t, mix)) for t in thresholds for mix in mixes]
        if args.shipped and a == 0:
            runs.append(("shipped", None))
        for name, t in runs:
            if name == "shipped":
                model.MODEL_PATH = shipped
                model.scorer.cache_clear()
                sc = model.scorer()
            else:
                sc = use_model(path, *t)
            cache = {p["id"]: sp_findings(p) for p in fold}

            def ours(page, cache=cache):
                found = cache[page["id"]]
                return bool(found), [(f.span.start, f.span.end) for f in found if f.span]

            for subset, keep in subsets.items():
                chosen = [p for p in fold if keep(p)]
                key = (name, t if name == "fold" else (0, 0), a, subset)  # "shipped" runs only in assignment 0
                results.setdefault(key, Counter()).update(score(chosen, ours))
            if args.show is not None and a == 0 and name == "fold" and t == (args.show, mixes[-1]):
                for page in fold:
                    if page["source"] != "real":
                        continue
                    found = cache[page["id"]]
                    _, spans = ours(page)
                    if page["kind"] in ("clean", "lookalike"):
                        for f in found:
                            seg = page["text"][f.span.start:f.span.end] if f.span else "(page)"
                            misses.append(f"FALSE {page['id']} {f.code} {seg[:70]!r}")
                    for run in injected_runs(page):
                        if not located(run, spans):
                            text = page["text"][run[0]:run[1]]
                            p = sc.probability(normalized_view(text).text)
                            got = [page["text"][x:y][:40] for x, y in spans]
                            misses.append(f"MISS {page['id']} p={p:.2f} {text[:70]!r} got {got}")
    for key in sorted(results, key=lambda x: (x[0], x[3], x[1], x[2])):
        c = results[key]
        name, t, a, subset = key

        def frac(x, y):
            return f"{c[x]}/{c[y]}" if c[y] else "n/a"
        print(f"{name:<8} t={t[0]:<5} mix={t[1]:<4} a={a} {subset:<14} found {frac('found', 'spam'):<8} runs "
              f"{frac('located', 'runs'):<8} false pages {frac('false', 'clean'):<8} "
              f"look-alikes {frac('look_flagged', 'look')}")
    for line in misses:
        print(line)


if __name__ == "__main__":
    main()
