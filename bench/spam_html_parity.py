"""Spam detection on the same pages read as text and as HTML (each line a ``<p>``): an HTML page must
lose nothing against its text (found pages, located runs, pages without spans flagged).

    python bench/spam_html_parity.py [--corpus /work/corpora/spam/pages.jsonl]

Pages of the train and dev splits without ``<``, ``>`` or ``&`` (so labelled offsets map one to one
into the markup). A run is located when a hit covers at least 80 % of it, exceeds it by at most 20
characters and holds no more tags than the run itself.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from pathlib import Path

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.spam.detector import spam_hits

from spam_labels import missing_note  # this script's folder

HEAD = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n'


def as_html(text: str) -> tuple[str, list[int], list[int]]:
    """The page with each line a paragraph, and each line's start in the text and in the markup."""
    parts, text_starts, html_starts = [HEAD], [], []
    at, pos = 0, len(HEAD)
    for line in text.split("\n"):
        text_starts.append(at)
        html_starts.append(pos + 3)
        parts.append(f"<p>{line}</p>\n")
        at += len(line) + 1
        pos += len(line) + 8
    parts.append("</body></html>\n")
    return "".join(parts), text_starts, html_starts


def score(doc: Document, runs: list[tuple[int, int]]) -> tuple[bool, int, bool]:
    """Found (a hit touches a run), runs located, any hit at all."""
    hits = [(h.span.start, h.span.end) for h in spam_hits(doc, BatchContext.build([doc]))]
    found = any(s < he and hs < e for s, e in runs for hs, he in hits)
    located = 0
    for s, e in runs:
        for hs, he in hits:
            cover = max(0, min(e, he) - max(s, hs))
            if (cover >= 0.8 * (e - s) and (he - hs) - cover <= 20
                    and doc.text.count("<", hs, he) == doc.text.count("<", s, e)):
                located += 1
                break
    return found, located, bool(hits)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    corpus = parser.parse_args().corpus
    if not corpus.exists():
        sys.exit(f"{corpus}: no spam corpus (build it with scripts/build_spam_corpus.py)")
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] in ("train", "dev") and not any(c in r["text"] for c in "<>&")]
    print(missing_note(("train", "dev")))
    totals = {"text": [0, 0, 0], "html": [0, 0, 0]}
    spam_pages = runs_total = clean_pages = 0
    for row in rows:
        text, runs = row["text"], [(s, e) for s, e in row["spans"]]
        markup, text_starts, html_starts = as_html(text)

        def moved(offset: int) -> int:
            k = bisect.bisect_right(text_starts, offset) - 1
            return offset - text_starts[k] + html_starts[k]

        name = row["id"].replace("/", "_")
        results = {"text": score(Document.from_text(name + ".txt", text), runs),
                   "html": score(Document.from_text(name + ".html", markup),
                                 [(moved(s), moved(e)) for s, e in runs])}
        if runs:
            spam_pages += 1
            runs_total += len(runs)
        else:
            clean_pages += 1
        for view, (found, located, any_hit) in results.items():
            if runs:
                totals[view][0] += found
                totals[view][1] += located
            else:
                totals[view][2] += any_hit
    print(f"{len(rows)} pages: {spam_pages} with spam ({runs_total} runs), {clean_pages} without")
    for view, (found, located, flagged) in totals.items():
        print(f"{view}: found {found}/{spam_pages}, located {located}/{runs_total}, "
              f"pages without spam flagged {flagged}/{clean_pages}")


if __name__ == "__main__":
    main()
