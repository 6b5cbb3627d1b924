"""Issue 14's benchmark: copies across scripts and formats, distinct reports of the same place.

    python bench/bench_dup_kinds.py [--size 3000] [--seed 0]

A generated batch (bench/dup_corpus.py: build_kinds_batch): distinct reports of a few places, a
report per place and year, so a place's reports share its name, its profile paragraph and the stock
passages; and copies of them, in turn exact (other chrome), re-flowed (re-wrapped at another width,
wide punctuation), partial (cut at 30-70 %), partial and re-flowed, edited (figures changed, a
paragraph dropped, another title), GB18030 bytes, Big5 bytes in Taiwanese traditional characters,
raw HTML, traditional characters (UTF-8) and traditional with pinyin glosses. Ground truth is the
planting: a copy and its original are a true pair; two distinct reports never are.

Reported, all in one run on the same documents: scrapegate's DU001-DU003 (pairs named by findings,
and whether planted pairs end in one duplicate cluster), and datasketch's MinHashLSH (threshold
0.7, 128 permutations, 5-gram shingles, candidates as reported pairs) on (a) the decoded text with
white space removed, as a pipeline would feed it, and (b) scrapegate's normalised body. Pair recall
per copy kind, precision (reported pairs whose documents are one original's family), false pairs
between distinct reports, keepers; speed as MB/s of input per CPU second (process time: other jobs
on a shared machine do not distort it) for chrome removal, DU profile and matching, and datasketch.

Measured (2 cores shared with other jobs, --size 3000, seed 0, 28.9 MB): scrapegate pair recall
0.998 (every traditional, Big5, glossed and HTML copy linked; one partial and one edited copy not)
at precision 1.0, 0 false pairs between the 1,966 distinct reports of 165 places; DU profile+match
21.7 MB/s per core (12.8 with chrome removal); datasketch on the text: recall 0.41 at precision
1.0, 2.0 MB/s; datasketch on our normalised body: recall 0.76 (misses the partial and most edited
copies), 2.3 MB/s. Before issue 14 the DU rules ran at about 9 MB/s on bench_duplicates' corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dup_corpus import (  # noqa: E402
    COPY_KINDS,
    build_kinds_batch,
    datasketch_index,
    datasketch_pairs,
    run_duplicate_rules,
)

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.duplicates.match import UnionFind  # noqa: E402
from scrapegate.rules.duplicates.rules import clusters_and_keepers  # noqa: E402


def _pairs_of_findings(findings) -> set[tuple[str, str]]:
    return {(min(k, f.details["other"]), max(k, f.details["other"])) for k, f in findings}


def _score(name: str, pairs: set[tuple[str, str]], planted, family: dict[str, str],
           mb: float, seconds: float | None) -> dict:
    """Pairs are scored as the clusters they make (union-find), since a batch's exact copies are
    linked through one of them rather than each to the original: a planted pair is found when its
    two documents end in one cluster; precision is the share of all pairs inside reported clusters
    whose documents are one original's family. ``direct`` counts planted pairs named as such."""
    links = UnionFind()
    for a, b in pairs:
        links.union(a, b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in links.parent:
        clusters[links.root(key)].append(key)
    implied = good = 0
    for members in clusters.values():
        by_family = Counter(family[k] for k in members)
        implied += len(members) * (len(members) - 1) // 2
        good += sum(n * (n - 1) // 2 for n in by_family.values())
    truth = {(min(p.original, p.copy), max(p.original, p.copy)): p.kind for p in planted}
    direct = Counter(kind for pair, kind in truth.items() if pair in pairs)
    linked = Counter(kind for (a, b), kind in truth.items()
                     if a in links.parent and b in links.parent and links.connected(a, b))
    total = Counter(truth.values())
    distinct = {(a, b) for a, b in pairs if a.startswith("r") and b.startswith("r")}
    row = {"method": name, "reported_pairs": len(pairs), "pairs_in_clusters": implied,
           "precision": round(good / implied, 4) if implied else None,
           "pair_recall": round(sum(linked.values()) / len(truth), 4),
           "direct_pair_recall": round(sum(direct.values()) / len(truth), 4),
           "false_pairs_between_distinct_reports": len(distinct),
           "recall_by_kind": {k: f"{linked[k]}/{total[k]}" for k in COPY_KINDS}}
    if seconds:
        row["cpu_s"] = round(seconds, 3)
        row["mb_per_s"] = round(mb / seconds, 2)
    return row


def run_datasketch(bodies: dict[str, str]) -> tuple[set[tuple[str, str]], float]:
    import datasketch  # noqa: F401  (imported before the clock starts)

    t0 = time.process_time()
    pairs = datasketch_pairs(*datasketch_index(bodies, 0.7))
    return pairs, time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-datasketch", action="store_true")
    args = parser.parse_args()

    raw, planted = build_kinds_batch(args.size, args.seed)
    mb = sum(len(r) for _, r in raw) / 1e6
    docs = [Document.from_bytes(key, data) for key, data in raw]
    ctx = BatchContext.build(docs)
    family = {d.key: d.key for d in docs}
    family.update({p.copy: p.original for p in planted})
    places = len({k.split("_")[1] for k in family if k.startswith("r")})
    print(f"{len(docs)} documents, {mb:.1f} MB: {len(docs) - len(planted)} distinct reports of "
          f"{places} places, {len(planted)} copies ({dict(Counter(p.kind for p in planted))})")

    findings, payloads, secs = run_duplicate_rules(docs, ctx)
    ours = _score("scrapegate DU001-DU003", _pairs_of_findings(findings), planted, family, mb,
                  secs["profile"] + secs["match"])
    ours["mb_per_s_with_chrome"] = round(mb / sum(secs.values()), 2)
    ours["cpu_s_by_phase"] = {k: round(v, 3) for k, v in secs.items()}
    rows = [ours]
    if not args.no_datasketch:
        naive = {d.key: "".join(d.text.split()) for d in docs}
        pairs, seconds = run_datasketch(naive)
        rows.append(_score("datasketch MinHashLSH, text", pairs, planted, family, mb, seconds))
        pairs, seconds = run_datasketch({k: p.normalized_body for k, p in payloads.items()})
        rows.append(_score("datasketch MinHashLSH, scrapegate body", pairs, planted, family, mb,
                           seconds))
    for row in rows:
        print()
        for key, value in row.items():
            print(f"  {key}: {value}")

    # the keep choice: which member of each cluster is kept, by what it is
    kept = Counter()
    for _members, keeper in clusters_and_keepers(findings):
        kept["original" if keeper and keeper.startswith("r") else
             keeper.split("_", 1)[1].rsplit(".", 1)[0] if keeper else "none"] += 1
    print(f"\nkeepers of {sum(kept.values())} clusters, by what they are: {dict(kept)}")
    unlinked = defaultdict(list)
    pairs = _pairs_of_findings(findings)
    for p in planted:
        if (min(p.original, p.copy), max(p.original, p.copy)) not in pairs:
            unlinked[p.kind].append(p.copy)
    for kind, keys in sorted(unlinked.items()):
        print(f"  not paired with its original: {kind}: {len(keys)} e.g. {keys[:3]}")


if __name__ == "__main__":
    main()
