"""Placeholder family (PH): page-level precision/recall per split on real pages, and speed.

Corpus: /work/corpora/placeholder (texts + labels.jsonl; the URL and label list is
bench/corpora/placeholder.jsonl), split by site. ``train``/``dev`` pages were read while writing
the detector; ``test`` pages were collected afterwards and never tuned on. The shared development
corpus (/work/shared/corpus, 135 pages of government documents, spam, news) counts as negatives:
a PH finding there is a false positive unless the page really holds template text.

A page is predicted positive when any PH rule flags it at error or warning severity. Speed: the
placeholder detector on the corpus texts repeated to ~5 MB, in MB/s per core, against a baseline of
one compiled regular expression scanning the same text (``re.finditer('[Xx×]{2,}')``).

    python bench/bench_placeholder.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from scrapegate.checks.document import Document
from scrapegate.rules.placeholder.detector import _hits, placeholder_hits

CORPUS = Path("/work/corpora/placeholder")
SHARED = Path("/work/shared/corpus")


def pages() -> list[tuple[str, str, bool, str]]:
    """(split, site, labelled positive, text) for every page."""
    out = []
    for line in (CORPUS / "labels.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        out.append((row["split"], row["site"], row["labels"]["placeholder"],
                    (CORPUS / "texts" / row["file"]).read_text("utf-8")))
    if SHARED.exists():
        for line in (SHARED / "index.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            path = SHARED / "texts" / row["file"] if "file" in row else SHARED / row["path"]
            out.append(("shared", row.get("site", "?"), False, path.read_text("utf-8")))
    return out


def main() -> int:
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    misses, false = [], []
    for split, site, positive, text in pages():
        hits = placeholder_hits(Document.from_text(site, text))
        predicted = bool(hits)
        key = ("tp" if positive else "fp") if predicted else ("fn" if positive else "tn")
        counts[split][key] += 1
        if key == "fn":
            misses.append(f"{split} {site}")
        if key == "fp":
            false.append(f"{split} {site}: {[h.text for h in hits][:5]}")
    print("split   pages  tp  fp  fn  tn  precision  recall")
    for split in ("train", "dev", "test", "shared"):
        c = counts[split]
        n = sum(c.values())
        if not n:
            continue
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        print(f"{split:<7} {n:>5} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3} {c['tn']:>3}  {precision:>9.2f}  {recall:>6.2f}")
    for line in misses:
        print("missed:", line)
    for line in false:
        print("false positive:", line)

    text = "\n".join(t for _, _, _, t in pages())
    text = text * max(1, 5_000_000 // max(1, len(text.encode("utf-8"))))
    size = len(text.encode("utf-8")) / 1e6
    baseline = re.compile("[Xx×]{2,}")
    start = time.perf_counter()
    sum(1 for _ in baseline.finditer(text))
    base_s = time.perf_counter() - start
    start = time.perf_counter()
    _hits(text)
    ph_s = time.perf_counter() - start
    print(f"speed on {size:.1f} MB: placeholder detector {size / ph_s:.1f} MB/s, "
          f"baseline regex {size / base_s:.1f} MB/s (one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
