"""The spam corpus' labelled rows whose page text is missing (``bench/corpora/spam.jsonl`` rows marked
``"text_missing": true``: pages found with the search tool, whose excerpts cannot be fetched again by
URL, and the generated copies of them). The benches skip them and say how many they skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "corpora" / "spam.jsonl"

SEARCH_SETS = (
    ("search", "search-pages", "search_pages.jsonl"),
    ("fresh", "search-pages-fresh", "search_pages_fresh.jsonl"),
    ("more", "search-pages-more", "more/search_pages_more.jsonl"),
    ("fresh2", "search-pages-fresh2", "fresh2/search_pages_fresh2.jsonl"),
    ("fresh3", "search-pages-fresh3", "fresh3/search_pages_fresh3.jsonl"),
    ("fresh4", "search-pages-fresh4", "fresh4/search_pages_fresh4.jsonl"),
    ("fresh5", "search-pages-fresh5", "fresh5/search_pages_fresh5.jsonl"),
    ("fresh6", "search-pages-fresh6", "fresh6/search_pages_fresh6.jsonl"),
    ("fresh7", "search-pages-fresh7", "fresh7/search_pages_fresh7.jsonl"),
    ("fresh8", "search-pages-fresh8", "fresh8/search_pages_fresh8.jsonl"),
    ("fresh9", "search-pages-fresh9", "fresh9/search_pages_fresh9.jsonl"),
    ("fresh10", "search-pages-fresh10", "fresh10/search_pages_fresh10.jsonl"),
    ("fresh11", "search-pages-fresh11", "fresh11/search_pages_fresh11.jsonl"),
    ("fresh12", "search-pages-fresh12", "fresh12/search_pages_fresh12.jsonl"),
    ("fresh13", "search-pages-fresh13", "fresh13/search_pages_fresh13.jsonl"),
    ("fresh14", "search-pages-fresh14", "fresh14/search_pages_fresh14.jsonl"),
    ("fresh15", "search-pages-fresh15", "fresh15/search_pages_fresh15.jsonl"),
    ("fresh16", "search-pages-fresh16", "fresh16/search_pages_fresh16.jsonl"),
    ("fresh17", "search-pages-fresh17", "fresh17/search_pages_fresh17.jsonl"),
    ("fresh18", "search-pages-fresh18", "fresh18/search_pages_fresh18.jsonl"),
    ("fresh19", "search-pages-fresh19", "fresh19/search_pages_fresh19.jsonl"),
    ("fresh20", "search-pages-fresh20", "fresh20/search_pages_fresh20.jsonl"),
)
"""The sets of real pages found with the search tool, in the order ``scripts/build_spam_corpus.py`` reads
them: (name, origin of its pages, its texts' file under the corpus folder). The first set's texts were
lost; ``fresh`` was collected after that, ``more`` and every later set on sites no earlier list has
(labels and URLs of each in ``bench/corpora/spam_<name>.jsonl``). A new set is one row here."""

LATER_ORIGINS = frozenset(origin for _, origin, _ in SEARCH_SETS[1:])
SHOWN_APART = tuple(name for name, _, _ in SEARCH_SETS[2:])
"""The sets the benches also show alone."""
_ORIGIN = {name: origin for name, origin, _ in SEARCH_SETS}

def missing(splits: tuple[str, ...] = ("train", "dev", "test")) -> Counter:
    """(source, kind) counts of the rows of ``splits`` whose text is missing."""
    if not LABELS.exists():
        return Counter()
    rows = (json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip())
    return Counter((r["source"], r["kind"]) for r in rows if r.get("text_missing") and r["split"] in splits)


def missing_note(splits: tuple[str, ...] = ("train", "dev", "test")) -> str:
    count = missing(splits)
    if not count:
        return f"labelled rows without text ({'/'.join(splits)}): none"
    detail = ", ".join(f"{source} {kind} {n}" for (source, kind), n in sorted(count.items()))
    return (f"skipped {sum(count.values())} labelled rows of {'/'.join(splits)} whose text is missing "
            f"(search-tool excerpts not restorable, and their generated copies): {detail}")


def is_fresh(page: dict) -> bool:
    """A real page collected after the first corpus (any set but the first), or a generated copy of one."""
    return page.get("origin") in LATER_ORIGINS


def in_set(page: dict, name: str) -> bool:
    """A real page of the search set ``name`` (``SEARCH_SETS``), or a generated copy of one."""
    return page.get("origin") == _ORIGIN[name]
