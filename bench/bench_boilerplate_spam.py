"""Benchmark: boilerplate + spam rule families against decoding, and Aho-Corasick against `re`.

    python bench/bench_boilerplate_spam.py [--docs 10000] [--seed 7]

On ``--docs`` generated scraped reports (three sites' chrome, one in twenty with an injection):

* decode: ``scrapegate.checks.decoding.decode`` on the UTF-8 bytes (the baseline the issue names),
  and on GB18030 copies of the same texts (the cascade's slower, common case for Chinese sites);
* both families: every BP and SP rule on every document with a batch context (template lines),
  with the document's line split included (first rule to touch the document) and excluded (the split
  is shared by every rule of a run);
* the context build (line fingerprints, shared by all rules; reported separately);
* the offer lexicon: the ahocorasick-rs automaton the rules use against a compiled ``re``
  alternation of the same terms (longest first), over the same folded text, same hit count checked.

Throughput is MB of UTF-8 input per second of wall time, single process.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import ahocorasick_rs  # noqa: E402

from chrome_fixtures import bench_corpus  # noqa: E402

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules import boilerplate, spam  # noqa: E402


def timed(label: str, megabytes: float, func, repeat: int = 1):
    """Run ``func`` ``repeat`` times; report the best time (the least disturbed by other processes)."""
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        seconds = min(seconds, time.perf_counter() - start)
    print(f"{label:<44} {seconds:8.2f} s  {megabytes / seconds:8.1f} MB/s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    generated = bench_corpus(args.docs, args.seed)
    raws = [g.text.encode("utf-8") for g in generated]
    mb = sum(len(r) for r in raws) / 1e6
    chars = sum(len(g.text) for g in generated)
    print(f"{len(raws)} documents, {mb:.1f} MB UTF-8, {chars / 1e6:.1f} M characters")

    timed("decode UTF-8 (scrapegate.checks.decoding)", mb, lambda: [decode(r) for r in raws], 3)
    gb = [g.text.encode("gb18030") for g in generated]
    timed("decode GB18030 copies (same texts)", mb, lambda: [decode(r) for r in gb], 3)
    docs = [Document.from_bytes(g.key, r) for g, r in zip(generated, raws)]
    ctx, _ = timed("batch context (line fingerprints)", mb, lambda: BatchContext.build(docs))

    rules = [r() for r in boilerplate.RULES + spam.RULES]
    bp_rules = [r() for r in boilerplate.RULES]

    def family_time(label: str, selected, split_lines: bool, repeat: int = 3) -> tuple[int, list[Document]]:
        """Best of ``repeat`` runs, each on fresh documents (nothing memoised) with cold caches."""
        best, found, fresh = float("inf"), 0, []
        for _ in range(repeat):
            fresh = [Document.from_bytes(g.key, r) for g, r in zip(generated, raws)]
            if split_lines:
                for doc in fresh:
                    doc.lines  # noqa: B018 - the shared split, outside the timed part
            boilerplate.clear_caches()
            start = time.perf_counter()
            found = sum(1 for doc in fresh for rule in selected for _ in rule.check(doc, ctx))
            best = min(best, time.perf_counter() - start)
        print(f"{label:<44} {best:8.2f} s  {mb / best:8.1f} MB/s")
        return found, fresh

    family_time("boilerplate family (BP001-BP004)", bp_rules, False)
    found, _ = family_time("boilerplate + spam families (BP, SP)", rules, False)
    # In a run every rule shares the document's line split (scrapegate.checks.document), so the
    # families' own share is measured with the lines already split as well.
    _, fresh = family_time("  the same, lines already split", rules, True)
    counts: dict[str, int] = {}
    for doc in fresh:
        for rule in rules:
            for f in rule.check(doc, ctx):
                counts[f.code] = counts.get(f.code, 0) + 1
    print(f"  findings: {found} {dict(sorted(counts.items()))}")

    folded = [boilerplate.fold(g.text) for g in generated]
    lex = spam.lexicon()
    terms = spam.lexicon_terms()
    alternation = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    ac_hits, ac_seconds = timed(f"offer lexicon, ahocorasick-rs ({len(terms)} terms)", mb,
                                lambda: sum(len(lex.automaton.find_matches_as_indexes(t)) for t in folded), 3)
    re_hits, re_seconds = timed("offer lexicon, re alternation (same terms)", mb,
                                lambda: sum(1 for t in folded for _ in alternation.finditer(t)), 3)
    print(f"  hits: ahocorasick {ac_hits}, re {re_hits}; automaton {re_seconds / ac_seconds:.1f}x faster")

    # Scaling: the same comparison with 400 more (random, never matching) Han terms, the size a
    # maintained brand list reaches. The automaton's cost barely moves; the alternation's does.
    rng = random.Random(args.seed)
    more = terms + ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 5)))
                    for _ in range(400)]
    big = ahocorasick_rs.AhoCorasick(more, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                     implementation=ahocorasick_rs.Implementation.DFA)
    big_re = re.compile("|".join(re.escape(t) for t in sorted(more, key=len, reverse=True)))
    _, ac_seconds = timed(f"  {len(more)} terms, ahocorasick-rs", mb,
                          lambda: sum(len(big.find_matches_as_indexes(t)) for t in folded), 3)
    _, re_seconds = timed(f"  {len(more)} terms, re alternation", mb,
                          lambda: sum(1 for t in folded for _ in big_re.finditer(t)), 3)
    print(f"  automaton {re_seconds / ac_seconds:.1f}x faster")


if __name__ == "__main__":
    main()
