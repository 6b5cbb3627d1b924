"""Benchmark: the truncation rules (TR001, TR002) on the held-out split of the truncation corpus.

    python bench/bench_truncation.py [--split test] [--corpus /work/corpora/truncation] [--labels FILE] [--repeat 3]

Needs the corpus built by ``scripts/build_truncation_corpus.py`` (texts outside the repository; the
labels are ``bench/corpora/truncation.jsonl``). The split is read as one batch, as a run would read it.

Prints, for the split (test by default: sites no training or threshold choice ever saw):

* complete documents flagged (any TR finding), overall and per genre, format and script;
* recall per end (a cut end with a finding at that end), finding precision (findings on an end that
  was really cut), recall per kind of cut (a document counts when every cut end has a finding), the
  same per kind and end (which end a both-ends or middle-excerpt cut loses), and how often the
  finding's ``kind`` names the kind of cut that was made;
* the same figures for a reimplementation (not the datatrove code) of FineWeb-2's Chinese
  (``cmn_Hani``) line-punctuation quality filter, which drops whole documents: it cannot say which
  end, so a dropped cut document counts for every cut end (generous to it), a dropped complete one
  is a false alarm;
* speed in MB/s of input per core (CPU seconds of this process, so other load on the machine does
  not count; best of ``--repeat``): a read + decode
  baseline (``Document.from_bytes`` on the bytes, already read), the TR rules with the chrome analysis they read already done
  (their own cost, as in a run where the BP rules computed it), and TR cold (chrome analysis
  included).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from truncation_corpus import DEFAULT_DIR, LABELS, load  # noqa: E402

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.boilerplate.chrome import body_lines  # noqa: E402
from scrapegate.rules.truncation.rules import RULES  # noqa: E402

# FineWeb-2 cmn_Hani (github:huggingface/fineweb-2 configs/cmn_Hani.yml): line_punct_thr 0.106; the
# FineWebQualityFilter defaults for the rest (short lines < 30 characters, 0.67 of lines; duplicated
# line characters 0.01). Its word-based new_line_ratio needs a word tokenizer and is left out.
FW_LINE_PUNCT_THR = 0.106
FW_SHORT_LINE_LEN, FW_SHORT_LINE_THR = 30, 0.67
FW_CHAR_DUP_THR = 0.01
FW_STOP_CHARS = (".", "!", "?", "。", "！", "？", "…", '"', "'")  # no ” 」 』: as the field notes say


def fineweb2_drops(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return True
    if sum(line.endswith(FW_STOP_CHARS) for line in lines) / len(lines) <= FW_LINE_PUNCT_THR:
        return True
    if sum(len(line) < FW_SHORT_LINE_LEN for line in lines) / len(lines) >= FW_SHORT_LINE_THR:
        return True
    seen: set[str] = set()
    dup = 0
    for line in lines:
        if line in seen:
            dup += len(line)
        seen.add(line)
    return dup / max(1, sum(len(line) for line in lines)) >= FW_CHAR_DUP_THR


def tr_findings(items, ctx) -> list[dict[str, object]]:
    rules = [r() for r in RULES]
    out = []
    for item in items:
        found = {}
        for rule in rules:
            for f in rule.check(item.doc, ctx):
                found[f.details["where"]] = f
        out.append(found)
    return out


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.1%})" if b else "0/0"


def report(name: str, items, flagged_ends: list[set[str]], kinds: list[dict[str, str]] | None) -> None:
    complete = [i for i, it in enumerate(items) if not it.cut["start"] and not it.cut["end"]]
    fa = [i for i in complete if flagged_ends[i]]
    print(f"\n== {name}")
    print(f"complete documents flagged: {pct(len(fa), len(complete))}")
    for key in ("genre", "format", "script"):
        by = Counter(items[i].label[key] for i in complete)
        bad = Counter(items[i].label[key] for i in fa)
        print(f"  by {key}: " + ", ".join(f"{k} {bad[k]}/{n}" for k, n in sorted(by.items())))
    if fa:
        print("  flagged: " + ", ".join(sorted(items[i].label["id"] for i in fa)[:12])
              + (" …" if len(fa) > 12 else ""))
    tp = fp = 0
    for where in ("start", "end"):
        cut = [i for i, it in enumerate(items) if it.cut[where]]
        hit = [i for i in cut if where in flagged_ends[i]]
        print(f"recall {where}: {pct(len(hit), len(cut))}")
        tp += sum(1 for i, it in enumerate(items) if where in flagged_ends[i] and it.cut[where])
        fp += sum(1 for i, it in enumerate(items) if where in flagged_ends[i] and not it.cut[where])
    print(f"finding precision: {pct(tp, tp + fp)}")
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, it in enumerate(items):
        if not (it.cut["start"] or it.cut["end"]):
            continue
        k = it.label["kind"]
        per_kind[k][1] += 1
        per_kind[k][0] += all(w in flagged_ends[i] for w in ("start", "end") if it.cut[w])
    print("recall per kind of cut: " + ", ".join(f"{k} {pct(a, n)}" for k, (a, n) in sorted(per_kind.items())))
    # Which end a kind loses: a both-ends or middle-excerpt document counts as missed when either end is.
    per_end: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for i, it in enumerate(items):
        for where in ("start", "end"):
            if it.cut[where]:
                per_end[(it.label["kind"], where)][1] += 1
                per_end[(it.label["kind"], where)][0] += where in flagged_ends[i]
    print("recall per kind and end: " + ", ".join(f"{k} {w} {pct(a, n)}" for (k, w), (a, n) in sorted(per_end.items())))
    if kinds is None:
        return
    agree: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, it in enumerate(items):
        for where in ("start", "end"):
            expected = it.label.get(f"{where}_kind")
            if it.label["kind"] == "table-row":
                expected = "table-row"
            elif it.label["kind"] == "pagination":
                expected = "pagination"
            elif it.label["kind"] == "before-closing":
                expected = "before-closing"
            if expected and where in kinds[i]:
                agree[expected][1] += 1
                agree[expected][0] += kinds[i][where] == expected
    print("finding kind names the cut: " + ", ".join(f"{k} {pct(a, n)}" for k, (a, n) in sorted(agree.items())))


def timed(label: str, mb: float, func, repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    print(f"{label:<58} {best:7.2f} s {mb / best:8.1f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--labels", type=Path, default=LABELS, help="the corpus's labels (default: the committed list)")
    parser.add_argument("--no-speed", action="store_true", help="the detection figures only")
    args = parser.parse_args()

    missing: list[str] = []
    items = load(args.split, args.corpus, args.labels, missing)
    sites = {it.label["site"] for it in items}
    provinces = {it.label["province"] for it in items if it.label["province"]}
    print(f"{args.split}: {len(items)} documents from {len(sites)} sites, {len(provinces)} provinces/regions; "
          f"{sum(not it.cut['start'] and not it.cut['end'] for it in items)} complete"
          + (f"; {len(missing)} labelled rows left out, their texts missing (first: {missing[0]})" if missing else ""))
    ctx = BatchContext.build([it.doc for it in items])
    findings = tr_findings(items, ctx)
    report("scrapegate TR001/TR002", items, [set(f) for f in findings],
           [{w: f.details.get("kind") for w, f in fd.items()} for fd in findings])
    errors = Counter(f.severity.value for fd in findings for f in fd.values())
    print(f"severities: {dict(errors)}")
    drops = [fineweb2_drops(it.doc.text) for it in items]
    report("FineWeb-2 cmn_Hani line-punctuation filter (reimplemented; whole-document verdict)", items,
           [{w for w in ("start", "end") if it.cut[w] or not (it.cut["start"] or it.cut["end"])} if d else set()
            for it, d in zip(items, drops)], None)

    if args.no_speed:
        return
    everything = load(None, args.corpus, args.labels, [])
    raws = [(it.doc.key, it.raw) for it in everything]
    mb = sum(len(r) for _, r in raws) / 1e6
    print(f"\nspeed on the whole corpus ({len(raws)} documents, {mb:.1f} MB), one process:")
    timed("baseline: decode (Document.from_bytes, bytes in memory)", mb, lambda: [Document.from_bytes(k, r) for k, r in raws],
          args.repeat)
    docs = [Document.from_bytes(k, r) for k, r in raws]
    full_ctx = BatchContext.build(docs)
    rules = [r() for r in RULES]

    def tr_warm() -> None:
        fresh = [Document.from_bytes(k, r) for k, r in raws]
        for d in fresh:
            body_lines(d, full_ctx)
        start = time.process_time()
        for d in fresh:
            for rule in rules:
                list(rule.check(d, full_ctx))
        tr_warm.seconds = time.process_time() - start  # type: ignore[attr-defined]

    best = float("inf")
    for _ in range(args.repeat):
        tr_warm()
        best = min(best, tr_warm.seconds)  # type: ignore[attr-defined]
    print(f"{'TR001+TR002, chrome analysis already done (their own cost)':<58} {best:7.2f} s {mb / best:8.1f} MB/s")

    def tr_cold() -> None:
        for d in [Document.from_bytes(k, r) for k, r in raws]:
            for rule in rules:
                list(rule.check(d, full_ctx))
    timed("TR001+TR002 cold (chrome analysis + decode included)", mb, tr_cold, args.repeat)


if __name__ == "__main__":
    main()
