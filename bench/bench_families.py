"""Benchmark: MB/s per core of each rule family, this install against a baseline's, in one run.

    python bench/bench_families.py [--baseline /work/venvs/base15/bin/python] [--docs 1000]
                                   [--sets generated,short,shared,seeds] [--rounds 3] [--families SP,BP]
                                   [--marginal] [--paired N]

One command for the per-family table issue 15 asks for. The parent builds each document set once
(``generated``: bench/corpus.py's 3-15 KB reports in mixed encodings, decoded; ``short``:
``corpus.short_records``' 0.5-1.5 KB pages; ``shared``: the labelled real pages of
``/work/shared/corpus/texts`` when that folder exists; ``seeds``: the repository's seed reports) and
writes their texts to a temporary JSONL. Then, ``--rounds`` times, a fresh process of this install
and one of ``--baseline`` (another interpreter with its own scrapegate, e.g. a venv of the last
accepted main) each measure every family on every set, alternately, so both see the same load;
each figure is the best round (the least disturbed).

A family's figure is CPU time (``time.process_time``, so it means MB/s per core on a shared
machine) of what a check spends on it per document: its ``describe`` hook, every rule's ``check``
(per-document rules) or ``collect`` (batch rules), then each batch rule's ``check_batch`` over the
set (in groups of documents, rule by rule, through ``runner.analyse_documents`` where the install has
it, as its pass 2 does; else document by document), on fresh :class:`Document` objects (no memoised analysis carried over), with the set's
:class:`BatchContext` (template lines) built outside the timing. An analysis families share (the
chrome zones the title and truncation read) is paid by each family alone and once in ``all``.
With ``--marginal``, each family is also timed on documents all the other families were run on
first (``TR after``): what it adds to a check of all rules, the shared analyses paid already. MB is the UTF-8 size of the texts. ``decode`` is ``Document.from_bytes`` plus the line split: the
floor every check pays first. Not a test: numbers vary by machine and load.

With ``--paired N`` (and ``--baseline``) the two installs run as two long-lived processes, and each
measurement of this install (one family or ``all`` on one set) is taken right beside the baseline's
of the same cell, the order alternating, N pairs per cell, the cells in a shuffled order each round:
the table adds the median of the pairs' ratios and its quartiles. On a shared machine whose load moves
within a minute, a whole round's best is often minutes from the other install's; a pair's halves are
seconds apart.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = Path("/work/shared/corpus/texts")


def build_sets(names: list[str], docs: int, folder: Path) -> Path:
    """The sets' texts as ``{"set", "key", "text"}`` lines in ``folder/sets.jsonl``."""
    sys.path.insert(0, str(HERE))
    from corpus import generate_corpus, short_records

    from scrapegate.checks.inputs import discover, read_document

    rows: list[dict[str, str]] = []
    for name in names:
        if name == "generated":
            pages = folder / "generated"
            pages.mkdir()
            generate_corpus(pages, docs)
            items, _ = discover([str(pages)], ("txt",))
            rows += [{"set": name, "key": item.key, "text": read_document(item, 1 << 26).text} for item in items]
        elif name == "short":
            rows += [{"set": name, "key": record["id"], "text": record["text"]} for record in short_records(docs)]
        elif name == "shared":
            if not SHARED.is_dir():
                print(f"(no {SHARED}: set 'shared' left out)")
                continue
            rows += [{"set": name, "key": p.name, "text": p.read_bytes().decode("utf-8", "replace")}
                     for p in sorted(SHARED.iterdir())[:docs]]
        elif name == "seeds":
            rows += [{"set": name, "key": p.name, "text": p.read_text("utf-8")}
                     for p in sorted((HERE.parent / "seeds").glob("*.txt"))[:docs]]
        else:
            raise SystemExit(f"unknown set {name!r}")
    target = folder / "sets.jsonl"
    with open(target, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return target


class Measurer:
    """One install's measurements in this process: the sets read once, the rules built once, each
    set's :class:`BatchContext` built and the models warmed up before any timing."""

    def __init__(self, sets_file: Path, wanted: list[str] | None):
        from scrapegate.checks.api import build_rules
        from scrapegate.checks.config import Config
        from scrapegate.checks.context import BatchContext
        from scrapegate.checks.registry import all_rules, families

        known = all_rules()
        chosen = [f for f in families(include_plugins=False) if wanted is None or f.prefix in wanted]
        self.plan = [(f.prefix, [f], build_rules(Config(), known, [f.prefix], [])) for f in chosen]
        self.plan.append(("all", chosen, [r for _, _, rules in self.plan for r in rules]))
        self.by_set: dict[str, list[tuple[str, bytes]]] = {}
        with open(sets_file, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                self.by_set.setdefault(row["set"], []).append((row["key"], row["text"].encode("utf-8")))
        self.contexts = {name: BatchContext.build(self.fresh(keyed)) for name, keyed in self.by_set.items()}
        for name, keyed in self.by_set.items():  # warm-up: models, gazetteers, patterns
            self.one(self.fresh(keyed[:20]), self.plan[-1][1], self.plan[-1][2], self.contexts[name])

    @staticmethod
    def fresh(keyed: list[tuple[str, bytes]]) -> list[Any]:
        from scrapegate.checks.document import Document

        return [Document.from_bytes(key, raw) for key, raw in keyed]

    @staticmethod
    def one(docs: list[Any], fams: list[Any], rules: list[Any], ctx: Any) -> float:
        """CPU seconds of ``rules`` (and ``fams``' describe) over ``docs``, as pass 2 runs them."""
        from scrapegate.checks import runner
        from scrapegate.checks.registry import BatchRule

        grouped = getattr(runner, "analyse_documents", None)  # pass 2's own order, where the install has it
        batch = [r for r in rules if isinstance(r, BatchRule)]
        payloads: dict[str, dict[str, Any]] = {r.code: {} for r in batch}
        start = time.process_time()
        if grouped is not None:
            size = runner.GROUP_DOCUMENTS
            for at in range(0, len(docs), size):
                for result in grouped(docs[at:at + size], rules, ctx):
                    for code, payload in result.payloads.items():
                        payloads[code][result.document.key] = payload
        else:
            for doc in docs:
                for family in fams:
                    if family.describe is not None:
                        family.describe(doc, ctx)
                for rule in rules:
                    if isinstance(rule, BatchRule):
                        payloads[rule.code][doc.key] = rule.collect(doc, ctx)
                    else:
                        for _ in rule.check(doc, ctx):
                            pass
        by_key = {doc.key: doc for doc in docs}
        for rule in batch:
            for _ in rule.check_batch(by_key, payloads[rule.code], ctx):
                pass
        return time.process_time() - start

    def sizes(self) -> dict[str, dict[str, float]]:
        """{set: {'_mb': MB (UTF-8), '_docs': documents}}."""
        return {name: {"_mb": sum(len(raw) for _, raw in keyed) / 1e6, "_docs": len(keyed)}
                for name, keyed in self.by_set.items()}

    def labels(self, marginal: bool) -> list[str]:
        return ["decode", *[label for label, _, _ in self.plan],
                *([f"{label} after" for label, _, _ in self.plan[:-1]] if marginal else [])]

    def seconds(self, name: str, label: str) -> float:
        """CPU seconds of one measurement: ``decode``, a family (or ``all``) on fresh documents, or
        ``<family> after``: the family on documents all the other measured families were run on first."""
        keyed, ctx = self.by_set[name], self.contexts[name]
        if label == "decode":
            start = time.process_time()
            for doc in self.fresh(keyed):
                _ = doc.lines
            return time.process_time() - start
        family = label.removesuffix(" after")
        _, fams, rules = next(entry for entry in self.plan if entry[0] == family)
        docs = self.fresh(keyed)
        if label.endswith(" after"):
            self.one(docs, [f for f in self.plan[-1][1] if f not in fams],
                     [r for r in self.plan[-1][2] if r not in rules], ctx)
        return self.one(docs, fams, rules, ctx)


def measure(sets_file: Path, wanted: list[str] | None, marginal: bool = False) -> dict[str, dict[str, float]]:
    """{set: {family or 'decode'/'all': CPU seconds, '_mb': MB}} in this process; with ``marginal``,
    also ``'<family> after'``: the family's CPU seconds on documents every other family has already
    been run on (what it adds to a check of all rules: an analysis it shares is paid already)."""
    measurer = Measurer(sets_file, wanted)
    out = measurer.sizes()
    for name, figures in out.items():
        for label in measurer.labels(marginal):
            figures[label] = measurer.seconds(name, label)
    return out


def serve(sets_file: Path, wanted: list[str] | None, marginal: bool) -> None:
    """The child of ``--paired``: prints its sets' sizes and labels as one JSON line, then answers each
    ``SET<TAB>LABEL`` line on stdin with the CPU seconds of one measurement, until stdin closes."""
    measurer = Measurer(sets_file, wanted)
    print(json.dumps({"sets": measurer.sizes(), "labels": measurer.labels(marginal)}), flush=True)
    for line in sys.stdin:
        name, label = line.rstrip("\n").split("\t")
        print(measurer.seconds(name, label), flush=True)


def child_command(python: str, mode: str, sets_file: Path, args: argparse.Namespace) -> list[str]:
    """The command of a measuring child (``mode``: ``--child`` or ``--serve``) run by ``python``."""
    return [python, __file__, mode, str(sets_file), *(["--families", args.families] if args.families else []),
            *(["--marginal"] if args.marginal else [])]


def paired(sets_file: Path, pythons: dict[str, str], args: argparse.Namespace) -> None:
    """``--paired N``: one long-lived child per install; each measurement of this install is paired
    with the baseline's of the same set and family taken right before or after it (the order
    alternating), N pairs each, the (set, family) cells visited in a shuffled order every round. On a
    loaded machine the two halves of a pair see about the same load, so the pair's ratio is steadier
    than a ratio of two best rounds minutes apart."""
    import random
    import statistics

    children = {who: subprocess.Popen(child_command(python, "--serve", sets_file, args), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                      cwd=sets_file.parent, env={**os.environ, "PYTHONPATH": ""})
                for who, python in pythons.items()}
    heads = {who: json.loads(child.stdout.readline()) for who, child in children.items()}  # type: ignore[union-attr]
    sizes, labels = heads["this"]["sets"], [label for label in heads["this"]["labels"]
                                            if label in heads["baseline"]["labels"]]
    cells = [(name, label) for name in sizes for label in labels]
    times: dict[tuple[str, str], dict[str, list[float]]] = {cell: {"this": [], "baseline": []} for cell in cells}
    rng = random.Random(15)

    def ask(who: str, name: str, label: str) -> float:
        child = children[who]
        child.stdin.write(f"{name}\t{label}\n")  # type: ignore[union-attr]
        child.stdin.flush()  # type: ignore[union-attr]
        return float(child.stdout.readline())  # type: ignore[union-attr]

    for round_ in range(args.paired):
        rng.shuffle(cells)
        for k, (name, label) in enumerate(cells):
            for who in (("this", "baseline") if (round_ + k) % 2 == 0 else ("baseline", "this")):
                times[name, label][who].append(ask(who, name, label))
        print(f"pair {round_ + 1}/{args.paired} done", file=sys.stderr)
    for child in children.values():
        child.stdin.close()  # type: ignore[union-attr]
        child.wait()
    print(f"{'set':<10} {'docs':>5} {'MB':>6}  {'family':<9} {'MB/s per core':>14} {'baseline':>9} "
          f"{'ratio':>6} {'pair ratios: median [quartiles]':>32}")
    for name, figures in sizes.items():
        for label in labels:
            mine, base = times[name, label]["this"], times[name, label]["baseline"]
            ratios = sorted(b / max(m, 1e-9) for m, b in zip(mine, base))
            quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
            rate, base_rate = figures["_mb"] / max(min(mine), 1e-9), figures["_mb"] / max(min(base), 1e-9)
            print(f"{name:<10} {int(figures['_docs']):>5} {figures['_mb']:6.2f}  {label:<9} {rate:14.2f} "
                  f"{base_rate:9.2f} {rate / base_rate:5.2f}x {quartiles[1]:10.3f}x [{quartiles[0]:.3f}-{quartiles[2]:.3f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", help="another Python with its own scrapegate (e.g. /work/venvs/base15/bin/python)")
    parser.add_argument("--docs", type=int, default=1000, help="documents per generated set (and at most per set)")
    parser.add_argument("--sets", default="generated,short,shared,seeds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--families", help="only these family prefixes, comma-separated (default: all)")
    parser.add_argument("--marginal", action="store_true",
                        help="also each family run after the other families measured (all of them without --families) "
                             "on the same documents ('TR after')")
    parser.add_argument("--paired", type=int, metavar="N",
                        help="with --baseline: N pairs of measurements per set and family from two long-lived "
                             "processes, each of this install's right beside the baseline's (instead of --rounds)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    wanted = args.families.split(",") if args.families else None
    if args.child:
        print(json.dumps(measure(args.child, wanted, args.marginal)))
        return
    if args.serve:
        serve(args.serve, wanted, args.marginal)
        return
    if args.paired and not args.baseline:
        raise SystemExit("--paired needs --baseline")
    with tempfile.TemporaryDirectory() as tmp:
        sets_file = build_sets(args.sets.split(","), args.docs, Path(tmp))
        pythons = {"this": sys.executable, **({"baseline": args.baseline} if args.baseline else {})}
        if args.paired:
            paired(sets_file, pythons, args)
            return
        best: dict[str, dict[str, dict[str, float]]] = {who: {} for who in pythons}
        for round_ in range(args.rounds):
            for who, python in pythons.items():
                done = subprocess.run(child_command(python, "--child", sets_file, args), capture_output=True, text=True, check=False,
                                      cwd=tmp, env={**os.environ, "PYTHONPATH": ""})
                if done.returncode:
                    raise SystemExit(f"{who} ({python}) failed:\n{done.stderr[-3000:]}")
                for name, figures in json.loads(done.stdout.strip().splitlines()[-1]).items():
                    kept = best[who].setdefault(name, figures)
                    for label, seconds in figures.items():
                        kept[label] = min(kept[label], seconds)
            print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    header = f"{'set':<10} {'docs':>5} {'MB':>6}  {'family':<9} {'MB/s per core':>14}"
    if args.baseline:
        header += f" {'baseline':>9} {'ratio':>6}"
    print(header)
    for name, figures in best["this"].items():
        labels = ["decode", *[k for k in figures if not k.startswith("_") and k not in ("decode", "all")
                              and not k.endswith(" after")], "all", *[k for k in figures if k.endswith(" after")]]
        for label in labels:
            rate = figures["_mb"] / max(figures[label], 1e-9)
            row = f"{name:<10} {int(figures['_docs']):>5} {figures['_mb']:6.2f}  {label:<9} {rate:14.2f}"
            base = best.get("baseline", {}).get(name)
            if base is not None and label in base:
                base_rate = base["_mb"] / max(base[label], 1e-9)
                row += f" {base_rate:9.2f} {rate / base_rate:5.2f}x"
            print(row)


if __name__ == "__main__":
    main()
