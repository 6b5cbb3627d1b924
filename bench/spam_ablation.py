"""Ablation guard for single-page SP rules: the train/dev figures with one rule switched off.

    python bench/spam_ablation.py [--corpus /work/corpora/spam/pages.jsonl] [--splits train dev]

For each ablation (``founding-slogan``: no founding slogan in a slot; ``school-offer``: a name ending in an
offer word before a school's role word held to the slot's threshold instead of
``SCHOOL_OFFER_NAME_PROBABILITY``; ``source-offer``: no offer read on a ``来源:`` line) the pages whose SP
findings change are listed by id and label, with the real/semi-synthetic figures of
``bench_spam_detection`` (its ``score`` and ``line``: found, runs located, false pages, look-alikes), so a
rule that only one page needs shows as one page.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from bench_spam_detection import line, score, sp_findings

from scrapegate.rules.spam import detector, institution_slot, learned


def _clear_caches() -> None:
    for module in (detector, learned, institution_slot):
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()


ABLATIONS = {
    "founding-slogan": lambda: setattr(institution_slot, "_FOUNDING_SLOGAN", re.compile(r"(?!)")),
    "school-offer": lambda: setattr(institution_slot, "SCHOOL_OFFER_NAME_PROBABILITY",
                                    institution_slot.BRAND_SLOT_PROBABILITY),
    "source-offer": lambda: setattr(institution_slot, "_SOURCE", re.compile(r"(?!)")),
}


def figures(pages: list[dict], found: dict[str, list]) -> dict:
    """bench_spam_detection's page figures of ``pages`` for the findings ``found`` (by page id)."""
    return score(pages, lambda p: (bool(found[p["id"]]),
                                   [(f.span.start, f.span.end) for f in found[p["id"]] if f.span]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--splits", nargs="+", default=["train", "dev"])
    args = parser.parse_args()
    pages = [json.loads(x) for x in args.corpus.read_text(encoding="utf-8").splitlines()]
    pages = [p for p in pages if p["split"] in args.splits and p["kind"] != "spam-domain-only"]
    base = {p["id"]: sp_findings(p) for p in pages}
    for name, switch_off in ABLATIONS.items():
        saved = {m: dict(vars(m)) for m in (detector, learned, institution_slot)}
        switch_off()
        _clear_caches()
        after = {p["id"]: sp_findings(p) for p in pages}
        for m, values in saved.items():
            for k, v in values.items():
                setattr(m, k, v)
        _clear_caches()
        print(f"== without {name}")
        for subset in ("real", "semi"):
            chosen = [p for p in pages if (p["source"] == "real") == (subset == "real")]
            print(line(f"{subset}, with", figures(chosen, base)))
            print(line(f"{subset}, without", figures(chosen, after)))
        for p in pages:
            old = [(f.code, f.span and (f.span.start, f.span.end)) for f in base[p["id"]]]
            new = [(f.code, f.span and (f.span.start, f.span.end)) for f in after[p["id"]]]
            if old != new:
                print(f"  changes {p['id']} ({p['split']}, {p['kind']}, site {p['site']}): "
                      f"{len(old)} -> {len(new)} findings")


if __name__ == "__main__":
    main()
