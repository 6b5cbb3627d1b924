"""Benchmark: the SP family on injections in vocabularies it never saw (``scripts/spam_novel.py``).

    python bench/spam_generalisation.py [--corpus /work/corpora/spam/pages.jsonl] [--split dev]
                                        [--pool dev] [--copies 3] [--seed 10] [--show]

Each real clean page of the split (``scripts/build_spam_corpus.py``'s site split) gets ``--copies``
copies, each with one or two injections of the split's word pool placed as hacked pages place them
(glued into a host sentence, a whole sentence, a headline suffix, a keyword-stuffed line, a link
list one title per line, a footer line). The scorer trains on the ``train`` pool only, so the dev
figures are figures on words nobody fitted it to. There is no test pool: the test split's held-out
injections are ``scripts/spam_heldout.py``'s, measured by ``bench_spam_detection.py``.

Figures: copies found (any SP finding), injected runs located (``bench_spam_detection.located``:
the span covers >= 80 % of the run and exceeds it by <= 20 characters) by placement, each run not
located classed by ``bench_spam_detection.miss_kind`` (untouched, split, merged, long, short), and
false pages (the clean originals with any SP finding).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import spam_novel as sn  # noqa: E402
from bench_spam_detection import located, miss_kind, sp_findings  # noqa: E402
from spam_labels import missing_note  # noqa: E402

MISS_KINDS = ("untouched", "split", "merged", "long", "short", "short+long")
"""What :func:`bench_spam_detection.miss_kind` calls a run not located."""
_HAN_PAIR = re.compile(r"(?<=[\u4e00-\u9fff]{6})(?=[\u4e00-\u9fff]{6})")


def inject(rng: random.Random, text: str, pool: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """A copy of ``text`` with one or two injections: (text, injected spans, placements)."""
    spans: list[tuple[int, int]] = []
    places: list[str] = []
    for _ in range(rng.choice([1, 1, 2])):
        where, run = sn.place(rng, pool)
        lines = text.split("\n")
        if where == "glued":
            gaps = [m.start() for m in _HAN_PAIR.finditer(text)]
            if not gaps:
                continue
            at = rng.choice(gaps)
            new, start = text[:at] + run + text[at:], at
        elif where == "sentence":
            stops = [i + 1 for i, c in enumerate(text) if c == "。"]
            if not stops:
                continue
            at = rng.choice(stops)
            new, start = text[:at] + run + "。" + text[at:], at
        elif where == "title-suffix":
            at = len(lines[0])
            sep = rng.choice([" - ", "_", "|"])
            new, start = text[:at] + sep + run + text[at:], at + len(sep)
        elif where == "footer":
            new, start = text.rstrip("\n") + "\n" + run + "\n", len(text.rstrip("\n")) + 1
        else:  # a stuffed line or a link list between two lines of the body
            k = rng.randint(1, max(1, len(lines) - 1))
            at = sum(len(x) + 1 for x in lines[:k])
            new, start = text[:at] + run + "\n" + text[at:], at
        shift = len(new) - len(text)
        spans = [(a + shift, b + shift) if a >= start else (a, b) for a, b in spans]
        spans.append((start, start + len(run)))
        places.append(where)
        text = new
    return text, spans, places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--split", default="dev", choices=sn.POOLS)
    parser.add_argument("--pool", choices=sn.POOLS, help="the word pool (default: the split's); the dev pool on "
                        "the train split's pages is a larger sample of words nobody fitted the scorer to")
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--show", action="store_true", help="print misses and false findings")
    args = parser.parse_args()
    pages = [json.loads(x) for x in args.corpus.read_text(encoding="utf-8").splitlines()]
    clean = sorted((p for p in pages if p["split"] == args.split and p["source"] == "real"
                    and p["kind"] in ("clean", "lookalike")), key=lambda p: p["id"])
    print(missing_note((args.split,)))
    pool = args.pool or args.split
    rng = random.Random(args.seed)
    c: Counter = Counter()
    for page in clean:
        if sp_findings(page):
            c["false"] += 1
            if args.show:
                print(f"FALSE {page['id']}")
        for k in range(args.copies):
            text, spans, places = inject(rng, page["text"], pool)
            if not spans:
                continue
            found = sp_findings({"text": text})
            got = [(f.span.start, f.span.end) for f in found if f.span]
            c["copies"] += 1
            c["found"] += bool(found)
            for run, where in zip(spans, places):
                ok = located(run, got)
                c[f"runs {where}"] += 1
                c[f"located {where}"] += ok
                c["runs"] += 1
                c["located"] += ok
                if not ok:
                    kind = miss_kind(run, got, spans)
                    c[f"{kind} {where}"] += 1
                    c[kind] += 1
                if args.show and not ok:
                    print(f"MISS {kind} {page['id']}#{k} {where} {text[run[0]:run[1]][:60]!r} got "
                          f"{[text[a:b][:30] for a, b in got]}")
    print(f"split {args.split}: {len(clean)} clean real pages, {c['copies']} injected copies "
          f"(word pool {pool})")
    print(f"  copies found {c['found']}/{c['copies']}   runs located {c['located']}/{c['runs']}   "
          f"false pages {c['false']}/{len(clean)}")
    for where in dict.fromkeys(sn.PLACES):  # PLACES repeats "glued" to weight the draw
        misses = ", ".join(f"{kind} {c[f'{kind} {where}']}" for kind in MISS_KINDS if c[f"{kind} {where}"])
        print(f"  {where:<13} located {c[f'located {where}']}/{c[f'runs {where}']}" + (f"   not: {misses}" if misses else ""))
    print("  not located, by kind: " + ", ".join(f"{kind} {c[kind]}" for kind in MISS_KINDS if c[kind]))


if __name__ == "__main__":
    main()
