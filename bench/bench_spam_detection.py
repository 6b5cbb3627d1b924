"""Benchmark: injected-spam detection on the labelled corpus, against public-lexicon baselines.

    python bench/bench_spam_detection.py [--corpus /work/corpora/spam/pages.jsonl] [--split test]
                                         [--speed-docs 3000] [--show]

The corpus is built by ``scripts/build_spam_corpus.py`` (labels and URLs: ``bench/corpora/spam.jsonl``;
figures and sources: ``bench/corpora/SPAM.md``). Semi-synthetic pages of the test split carry
held-out injections (``scripts/spam_heldout.py``) that nothing in training shares.
Rows of the split whose text is missing (``"text_missing"`` in the labels) are skipped and counted;
real pages collected later (``spam_labels.SEARCH_SETS`` after the first; from ``more`` on also each set
alone) and the rest are also shown apart.
Each page of the split is checked alone (a batch of one: no sibling pages to diff against) by every
SP rule. Figures, for real pages and for semi-synthetic pages (real hosts with generated injections)
separately and together:

* spam pages found: pages with labelled spam runs that get any SP finding;
* runs located: labelled runs (adjacent ones joined) covered by one finding's span (the span covers >= 80 % of the run and
  exceeds it by <= 20 characters);
* pages with a false finding: clean and look-alike pages with any SP finding (SP005, pinyin
  obfuscation, is a different finding: a content-farm copy; counted separately);
* look-alikes flagged: look-alike pages with any SP finding.

Baselines on the same pages: a plain substring match of a public lexicon (konsheng/Sensitive-lexicon,
MIT: 色情词库 + 色情类型 + 广告类型, read from a local snapshot) and datatrove's C4BadWordsFilter (zh),
when installed. Speed: the SP family (every SP rule, batch of one per document, fresh documents) in
MB/s of UTF-8 input per core, against decoding the same bytes (the baseline the project uses).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from collections import Counter
from pathlib import Path

from spam_labels import SHOWN_APART, in_set, is_fresh, missing_note

from scrapegate.checks.context import BatchContext
from scrapegate.checks.decoding import decode
from scrapegate.checks.document import Document
from scrapegate.rules.boilerplate import RULES as BP_RULES
from scrapegate.rules.spam import RULES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LEXICON = Path("/work/.mirror/konsheng+Sensitive-lexicon/repo")
LEXICON_COMMIT = "5a8da94c61c160e203a6b2fcfafbea642404d50c"
LEXICON_FILES = ("Vocabulary/色情词库.txt", "Vocabulary/色情类型.txt", "Vocabulary/广告类型.txt")


def located(run: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    s, e = run
    for a, b in spans:
        overlap = max(0, min(b, e) - max(a, s))
        if overlap >= 0.8 * (e - s) and (b - a) - overlap <= 20:
            return True
    return False


def miss_kind(run: tuple[int, int], spans: list[tuple[int, int]], runs: list[tuple[int, int]]) -> str:
    """Why ``run`` is not located, by the span overlapping it most: ``untouched`` (no span overlaps it),
    ``split`` (spans together cover 80 % of it, none alone), ``merged`` (the span also overlaps another
    of the page's ``runs``), ``long`` (it covers the run but exceeds it by more than 20 characters),
    ``short`` (it covers under 80 % and exceeds by at most 20), ``short+long`` (both).

    >>> miss_kind((10, 20), [(0, 5)], []), miss_kind((10, 20), [(12, 16), (16, 20)], [])
    ('untouched', 'split')
    >>> miss_kind((10, 20), [(10, 45)], [(10, 20), (30, 40)]), miss_kind((10, 20), [(5, 45)], [(10, 20)])
    ('merged', 'long')
    >>> miss_kind((10, 20), [(14, 20)], [(10, 20)]), miss_kind((10, 40), [(35, 70)], [(10, 40)])
    ('short', 'short+long')
    """
    s, e = run

    def overlap(span: tuple[int, int]) -> int:
        return max(0, min(span[1], e) - max(span[0], s))

    touching = [span for span in spans if overlap(span)]
    if not touching:
        return "untouched"
    best = max(touching, key=overlap)
    covered = overlap(best) >= 0.8 * (e - s)
    if not covered:
        union = set()
        for a, b in touching:
            union.update(range(max(a, s), min(b, e)))
        if len(union) >= 0.8 * (e - s):
            return "split"
    if any(other != run and best[0] < other[1] and other[0] < best[1] for other in runs):
        return "merged"
    long = (best[1] - best[0]) - overlap(best) > 20
    return ("short+long" if long else "short") if not covered else "long"


def injected_runs(page: dict) -> list[tuple[int, int]]:
    """The labelled runs, adjacent ones (only white space, bullets or punctuation between them)
    joined: a block of injected lines is one run, as the rules report it."""
    runs: list[list[int]] = []
    text = page["text"]
    for s, e in sorted(page["spans"]):
        if runs and not text[runs[-1][1]:s].strip(" \t\r\n•·,,。;;|_-"):  # noqa: B005 (a set of characters)
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e])
    return [tuple(r) for r in runs]


def sp_findings(page: dict) -> list:
    """Every SP finding of the page checked alone, except SP005 (pinyin obfuscation: a content-farm
    copy, which the corpus labels do not cover; its count is printed separately)."""
    doc = Document.from_text("page.txt", page["text"])
    ctx = BatchContext.build([doc])
    return [f for rule in RULES if rule.code != "SP005" for f in rule().check(doc, ctx)]


def pinyin_pages(pages: list[dict]) -> int:
    rule = next(r for r in RULES if r.code == "SP005")()
    count = 0
    for page in pages:
        doc = Document.from_text("page.txt", page["text"])
        count += any(True for _ in rule.check(doc, BatchContext.build([doc])))
    return count


def lexicon_terms() -> list[str]:
    if not LEXICON.exists():
        return []
    terms = set()
    for name in LEXICON_FILES:
        out = subprocess.run(["git", "-C", str(LEXICON), "show", f"{LEXICON_COMMIT}:{name}"],
                             capture_output=True, check=True).stdout.decode("utf-8")
        terms.update(t.strip() for t in out.splitlines() if t.strip())
    return sorted(terms)


def c4_filter():
    try:
        from datatrove.data import Document as DTDocument
        from datatrove.pipeline.filters import C4BadWordsFilter
    except ImportError:
        return None
    f = C4BadWordsFilter(default_language="zh", keep_fraction=0.0)

    def flagged(text: str) -> bool:
        return f.filter(DTDocument(text=text, id="x", metadata={"language": "zh"})) is not True
    try:
        flagged("测试")  # the filter downloads its word list at first use
    except Exception as error:  # noqa: BLE001 (offline, or a backend missing: skip the peer, say why)
        print(f"  (C4BadWordsFilter unavailable: {type(error).__name__}: {str(error)[:80]})")
        return None
    return flagged


def score(pages: list[dict], flag) -> dict:
    """Page-level figures for a detector ``flag(page) -> (any finding, [spans])``."""
    c = Counter()
    for page in pages:
        hit, spans = flag(page)
        if page["kind"] in ("spam", "spam_page"):
            c["spam"] += 1
            c["found"] += bool(hit)
            for run in injected_runs(page):
                c["runs"] += 1
                c["located"] += spans is not None and located(run, spans)
        elif page["kind"] in ("clean", "lookalike"):
            c["clean"] += 1
            c["false"] += bool(hit)
            if page["kind"] == "lookalike":
                c["look"] += 1
                c["look_flagged"] += bool(hit)
    return c


def line(name: str, c: Counter, spans: bool = True) -> str:
    def frac(a, b):
        return f"{c[a]}/{c[b]} = {c[a] / c[b]:.3f}" if c[b] else "n/a"
    runs = frac("located", "runs") if spans else "(no spans)"
    return (f"  {name:<28} found {frac('found', 'spam'):<18} runs {runs:<18} "
            f"false pages {frac('false', 'clean'):<16} look-alikes flagged {frac('look_flagged', 'look')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--split", default="test")
    parser.add_argument("--speed-docs", type=int, default=3000)
    parser.add_argument("--show", action="store_true",
                        help="print false findings and the runs not located, each with its miss_kind")
    args = parser.parse_args()
    pages = [json.loads(x) for x in args.corpus.read_text(encoding="utf-8").splitlines()]
    pages = [p for p in pages if p["split"] == args.split and p["kind"] != "spam-domain-only"]
    sites = {p["site"] for p in pages}
    kinds = Counter((p["source"], p["kind"]) for p in pages)
    print(f"split {args.split}: {len(pages)} pages from {len(sites)} sites; "
          + ", ".join(f"{s} {k} {n}" for (s, k), n in sorted(kinds.items())))

    cache: dict[str, list] = {}

    def ours(page):
        found = cache.setdefault(page["id"], sp_findings(page))
        return bool(found), [(f.span.start, f.span.end) for f in found if f.span]

    terms = lexicon_terms()

    def lexicon(page):
        text = page["text"]
        spans = []
        for t in terms:
            at = text.find(t)
            while at >= 0:
                spans.append((at, at + len(t)))
                at = text.find(t, at + 1)
        return bool(spans), spans

    c4 = c4_filter()
    print(missing_note((args.split,)))
    real = [p for p in pages if p["source"] == "real"]
    semi = [p for p in pages if p["source"] != "real"]
    subsets = [("real pages", real), ("semi-synthetic pages", semi), ("all", pages)]
    if any(is_fresh(p) for p in pages):
        subsets[1:1] = [("real pages, restored (earlier corpus)", [p for p in real if not is_fresh(p)]),
                        ("real pages, fresh (collected after the first corpus)", [p for p in real if is_fresh(p)])]
        subsets[3:3] = [(f"real pages, of which the {name} set (spam_{name}.jsonl)",
                         [p for p in real if in_set(p, name)]) for name in SHOWN_APART]
        subsets[-1:-1] = [("semi-synthetic, restored hosts", [p for p in semi if not is_fresh(p)]),
                        ("semi-synthetic, fresh hosts", [p for p in semi if is_fresh(p)])]
    for subset, chosen in subsets:
        if not chosen:
            continue
        sites = len({p["site"] for p in chosen})
        print(f"{subset} ({len(chosen)} pages, {sites} sites)")
        print(line("scrapegate SP", score(chosen, ours)))
        if terms:
            print(line(f"lexicon substring ({len(terms)})", score(chosen, lexicon)))
        if c4 is not None:
            print(line("datatrove C4BadWordsFilter", score(chosen, lambda p: (c4(p["text"]), None)),
                       spans=False))
    print(f"SP005 (pinyin-obfuscated content-farm copy, not counted above) on {pinyin_pages(pages)} "
          f"of {len(pages)} pages")
    if not terms:
        print("  (public lexicon snapshot absent: baseline skipped)")
    if c4 is None:
        print("  (C4BadWordsFilter baseline skipped: datatrove not installed, or its word list unavailable)")

    if args.show:
        kinds: Counter = Counter()
        for page in pages:
            found = cache[page["id"]]
            spans = [(f.span.start, f.span.end) for f in found if f.span]
            if page["kind"] in ("clean", "lookalike") and found:
                for f in found:
                    seg = page["text"][f.span.start:f.span.end] if f.span else "(page)"
                    print(f"FALSE {page['id']} {f.code} {seg[:70]!r} {f.details.get('probability')}")
            runs = injected_runs(page)
            for run in runs:
                if not located(run, spans):
                    kind = miss_kind(run, spans, runs)
                    kinds[kind] += 1
                    got = [page["text"][a:b][:40] for a, b in spans]
                    print(f"MISS {kind} {page['id']} {page['text'][run[0]:run[1]][:70]!r} got {got}")
        print("runs not located, by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))

    if args.speed_docs:
        seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        speed("corpus pages of the split", [p["text"] for p in pages], args.speed_docs)
        speed("seed reports (7-20 KB each)", seeds, args.speed_docs // 10)


def speed(label: str, texts: list[str], count: int) -> None:
    """MB/s of UTF-8 input per core (CPU seconds of this process, so other jobs on a shared machine
    do not count): decoding (baseline), the SP family alone (with the chrome
    analysis it needs), and the SP family's own share when the boilerplate family already ran (as in
    a full run, where both share the memoised chrome analysis). Contexts are built beforehand
    (shared by every family of a run); best of three runs on fresh documents."""
    texts = (texts * (count // max(1, len(texts)) + 1))[:count]
    raws = [t.encode("utf-8") for t in texts]
    mb = sum(len(r) for r in raws) / 1e6

    def best(func) -> float:
        times = []
        for _ in range(3):
            docs = [Document.from_bytes(f"{i}.txt", r) for i, r in enumerate(raws)]
            ctxs = [BatchContext.build([d]) for d in docs]
            times.append(func(docs, ctxs))
        return min(times)

    def timed(rules, before=()):
        def run(docs, ctxs):
            check_seconds(docs, ctxs, before)
            return check_seconds(docs, ctxs, rules)
        return run

    def decode_all(docs, ctxs):
        start = time.process_time()
        for r in raws:
            decode(r)
        return time.process_time() - start

    sp = [r() for r in RULES]
    bp = [r() for r in BP_RULES]
    print(f"speed, {label}: {len(raws)} documents, {mb:.1f} MB, one core")
    print(f"  decode (baseline)                          {mb / best(decode_all):8.1f} MB/s")
    print(f"  SP family alone (incl. chrome analysis)    {mb / best(timed(sp)):8.1f} MB/s")
    print(f"  SP family after BP (its own share)         {mb / best(timed(sp, bp)):8.1f} MB/s")


def check_seconds(docs: list[Document], ctxs: list[BatchContext], rules) -> float:
    """CPU seconds of this process spent running every rule on every document (findings dropped)."""
    start = time.process_time()
    for doc, ctx in zip(docs, ctxs):
        for rule in rules:
            for _ in rule.check(doc, ctx):
                pass
    return time.process_time() - start


if __name__ == "__main__":
    main()
