"""The spam corpus' labelled rows whose page text is missing (``bench/corpora/spam.jsonl`` rows marked
``"text_missing": true``: pages found with the search tool, whose excerpts cannot be fetched again by
URL, and the generated copies of them). The benches skip them and say how many they skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "corpora" / "spam.jsonl"

#: Real pages collected after the text of the earlier search-tool pages was lost.
FRESH_ORIGIN = "search-pages-fresh"
#: More such pages, on sites neither the earlier nor the fresh set has (``spam_more.jsonl``).
MORE_ORIGIN = "search-pages-more"
#: Real pages collected after every earlier search-tool text was lost (``spam_fresh2.jsonl``).
FRESH2_ORIGIN = "search-pages-fresh2"
#: A later batch of such pages (``spam_fresh3.jsonl``).
FRESH3_ORIGIN = "search-pages-fresh3"
#: A third batch on sites no earlier list has (``spam_fresh4.jsonl``).
FRESH4_ORIGIN = "search-pages-fresh4"
#: A fourth batch on sites no earlier list has (``spam_fresh5.jsonl``).
FRESH5_ORIGIN = "search-pages-fresh5"


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
    """A real page collected after the first corpus (the fresh, more, fresh2, fresh3, fresh4 or fresh5
    set), or a generated copy of one."""
    return page.get("origin") in (FRESH_ORIGIN, MORE_ORIGIN, FRESH2_ORIGIN, FRESH3_ORIGIN, FRESH4_ORIGIN,
                                  FRESH5_ORIGIN)


def is_more(page: dict) -> bool:
    """A real page of the `more` set (``spam_more.jsonl``), or a generated copy of one."""
    return page.get("origin") == MORE_ORIGIN


def is_fresh2(page: dict) -> bool:
    """A real page of the fresh2 set (``spam_fresh2.jsonl``), or a generated copy of one."""
    return page.get("origin") == FRESH2_ORIGIN


def is_fresh3(page: dict) -> bool:
    """A real page of the fresh3 set (``spam_fresh3.jsonl``), or a generated copy of one."""
    return page.get("origin") == FRESH3_ORIGIN


def is_fresh4(page: dict) -> bool:
    """A real page of the fresh4 set (``spam_fresh4.jsonl``), or a generated copy of one."""
    return page.get("origin") == FRESH4_ORIGIN


def is_fresh5(page: dict) -> bool:
    """A real page of the fresh5 set (``spam_fresh5.jsonl``), or a generated copy of one."""
    return page.get("origin") == FRESH5_ORIGIN
