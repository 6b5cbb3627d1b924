"""Every family at once on the shared development corpus (real pages with hand labels), as one dashboard.

This corpus (../shared/corpus, 135 real pages from 135 sites, labels in index.jsonl) is development
data, not a held-out test set: each family's own held-out figures come from its bench script and its
site-split corpus. This script is a regression dashboard: run it before and after a change and compare.

Per page it runs ``check_paths`` once (the page's URL in a manifest, every page checked alone so
batch recurrence does not help) and reports:

* spam: pages with a spam finding among bucket b (spam pages, with labelled injected runs) and among
  the others (false alarms; bucket c is legitimate look-alikes), and the share of labelled injected
  runs that an SP span covers (≥ 80 % of the run, at most 20 characters beyond it);
* boilerplate: labelled chrome lines covered by a BP span (recall) and BP-covered characters that
  lie on labelled chrome lines (precision, on pages whose chrome is fully labelled);
* truncation: TR001/TR002 against ``cut_end``/``cut_start`` (``cut_end`` mostly marks the ~2,000
  character excerpt cap, so end-cut recall here is a weak figure);
* region: the inferred province against the labelled one (pages that have one).

    python bench/eval_shared_corpus.py [CORPUS_DIR]
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from scrapegate.checks.api import check_paths

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def evaluate(corpus: Path) -> dict[str, float]:
    rows = [json.loads(line) for line in (corpus / "index.jsonl").read_text("utf-8").splitlines()]
    counts: Counter[str] = Counter()
    chrome_label_chars = chrome_hit_chars = bp_chars = bp_on_chrome = 0
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            folder = Path(tmp) / row["file"].removesuffix(".txt")
            folder.mkdir()
            text = (corpus / "texts" / row["file"]).read_text("utf-8")
            (folder / row["file"]).write_text(text, "utf-8")
            with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows([["path", "url"], [row["file"], row["url"]]])
            result = check_paths([str(folder / row["file"])], manifest=folder / "manifest.csv",
                                 write_reports=False, jobs=1, fail_on="never")
            report = result.reports[row["file"]]
            findings = report["findings"]
            codes = {f["code"] for f in findings}
            by = lambda prefix: [(f["span"]["start"], f["span"]["end"]) for f in findings  # noqa: E731
                                 if f["code"].startswith(prefix) and f["span"]]
            spam_page = any(c.startswith("SP") for c in codes)
            if row["bucket"] == "b":
                counts["spam_pages"] += 1
                counts["spam_found"] += spam_page
                for run in row["spam_strings"]:
                    start = text.find(run)
                    counts["runs"] += 1
                    spans = by("SP")
                    cover = _covered(spans, start, start + len(run))
                    over = [s for s in spans if s[0] < start + len(run) and s[1] > start]
                    extra = sum(e - s for s, e in over) - cover
                    counts["runs_located"] += cover >= 0.8 * len(run) and extra <= 20
            else:
                counts["clean_pages"] += 1
                counts["clean_flagged"] += spam_page
                if row["bucket"] == "c":
                    counts["lookalike_pages"] += 1
                    counts["lookalike_flagged"] += spam_page
            lines, offset, line_spans = text.split("\n"), 0, []
            for line in lines:
                line_spans.append((offset, offset + len(line), line))
                offset += len(line) + 1
            chrome = set(row["chrome_lines"])
            bp = by("BP")
            if chrome:
                labelled = [(s, e) for s, e, line in line_spans if line in chrome and line.strip()]
                chrome_label_chars += sum(e - s for s, e in labelled)
                chrome_hit_chars += sum(_covered(bp, s, e) for s, e in labelled)
            if row["has_chrome"] == bool(chrome):  # chrome fully labelled (or none): precision counts
                bp_chars += sum(e - s for s, e in bp)
                bp_on_chrome += sum(_covered(bp, s, e) for s, e, line in line_spans if line in chrome)
            for where, code, label in (("end", "TR001", row["cut_end"]), ("start", "TR002", row["cut_start"])):
                if label is None:
                    continue
                flagged = code in codes
                counts[f"{where}_{'cut' if label else 'whole'}"] += 1
                counts[f"{where}_{'cut' if label else 'whole'}_flagged"] += flagged
            if row["province"]:
                inferred = (report["document"].get("region") or {}).get("inferred") or {}
                counts["region_pages"] += 1
                counts["region_right"] += inferred.get("province") == row["province"]
                counts["region_none"] += not inferred
    ratio = lambda a, b: counts[a] / counts[b] if counts[b] else float("nan")  # noqa: E731
    return {
        "spam pages found (b)": ratio("spam_found", "spam_pages"),
        "injected runs located (b)": ratio("runs_located", "runs"),
        "other pages with a spam finding": ratio("clean_flagged", "clean_pages"),
        "look-alike pages flagged (c)": ratio("lookalike_flagged", "lookalike_pages"),
        "chrome line chars covered": chrome_hit_chars / chrome_label_chars if chrome_label_chars else float("nan"),
        "BP chars on labelled chrome": bp_on_chrome / bp_chars if bp_chars else float("nan"),
        "end cuts flagged (mostly excerpt caps)": ratio("end_cut_flagged", "end_cut"),
        "whole ends flagged": ratio("end_whole_flagged", "end_whole"),
        "start cuts flagged": ratio("start_cut_flagged", "start_cut"),
        "whole starts flagged": ratio("start_whole_flagged", "start_whole"),
        "province right": ratio("region_right", "region_pages"),
        "province undetermined": ratio("region_none", "region_pages"),
    }


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not (corpus / "index.jsonl").is_file():
        sys.exit(f"no corpus at {corpus} (index.jsonl)")
    for name, value in evaluate(corpus).items():
        print(f"{name:<42}{value:>7.3f}")


if __name__ == "__main__":
    main()
