"""Benchmark guard for speed work on the SP family: dump its findings, diff two dumps, time it.

    python bench/spam_findings_diff.py dump OUT.jsonl [--generated 400] [--pages MORE.jsonl ...]
    python bench/spam_findings_diff.py compare OLD.jsonl NEW.jsonl
    python bench/spam_findings_diff.py speed [--set seeds|shared|spam|spspeed] [--docs N]

Run ``dump`` with each tree's venv (the tree before and after a change), then ``compare``: every
finding (code, severity, message, span, excerpt, details with probabilities) must be identical.
Inputs: the seed reports as one batch (as ``scrapegate check seeds/`` reads them); every page of
the shared corpus (/work/shared/corpus/texts) alone and all together as one batch (sibling
diffs); every page of the spam corpus (/work/corpora/spam/pages.jsonl, when present) alone, as
``bench_spam_detection.py`` checks them; ``--generated`` scraped reports of three sites
(``tests/chrome_fixtures.bench_corpus``) in batches of 50; each page of every ``--pages`` file
(JSON lines with ``id`` and ``text``: e.g. pages with generated injections) alone.

``speed``: MB/s of UTF-8 input per core (CPU seconds of this process: other jobs on a shared
machine do not count) of every SP rule on fresh documents (batch of one, context built
beforehand), against decoding the same bytes in the same run; best of ``--repeat`` runs. Alternate
runs of the two trees' venvs to compare them on a loaded machine.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.spam import RULES  # noqa: E402

import findings_dump  # noqa: E402  (this script's folder)
from bench_spam_detection import check_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus/texts")
SPAM_CORPUS = Path("/work/corpora/spam/pages.jsonl")
SPEED_PAGES = Path("/work/corpora/spspeed/pages.jsonl")
"""The speed guard's 3,967 pages (session 10's speed work: the shared, region and fixture texts, the
rule case texts, and each host's injected, held-out, look-alike and traditional copies; scratch, not
in the repo): ``--set spspeed`` reads an even sample of ``--docs`` of them."""


def _batches(generated: int, more: list[Path] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """(batch name, [(key, text)]) for every input set."""
    out = []
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    out.append(("seeds", [(p.name, p.read_text(encoding="utf-8")) for p in seeds]))
    if SHARED.is_dir():
        shared = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(SHARED.iterdir())]
        out.append(("shared-batch", shared))
        out.extend((f"shared/{k}", [(k, t)]) for k, t in shared)
    if SPAM_CORPUS.is_file():
        for line in SPAM_CORPUS.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            out.append((f"spam/{page['id']}", [("page.txt", page["text"])]))
    if generated:
        from chrome_fixtures import bench_corpus
        docs = [(f"g{i}.txt", g.text) for i, g in enumerate(bench_corpus(generated, 7))]
        out.extend((f"generated/{i}", docs[i:i + 50]) for i in range(0, len(docs), 50))
    for path in more:
        for line in path.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            out.append((f"{path.stem}/{page['id']}", [("page.txt", page["text"])]))
    return out


def speed(which: str, count: int, repeat: int) -> None:
    if which == "seeds":
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    elif which == "shared":
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SHARED.iterdir())]
    else:
        source = SPAM_CORPUS if which == "spam" else SPEED_PAGES
        texts = [json.loads(x)["text"] for x in source.read_text(encoding="utf-8").splitlines()]
        if which == "spspeed" and count < len(texts):  # each host followed by its copies: evenly over the file
            texts = [texts[i * len(texts) // count] for i in range(count)]
    texts = (texts * (count // max(1, len(texts)) + 1))[:count]
    raws = [t.encode("utf-8") for t in texts]
    mb = sum(len(r) for r in raws) / 1e6
    rules = [r() for r in RULES]

    def sp() -> float:
        docs = [Document.from_bytes(f"{i}.txt", r) for i, r in enumerate(raws)]
        ctxs = [BatchContext.build([d]) for d in docs]
        return check_seconds(docs, ctxs, rules)

    def decoding() -> float:
        start = time.process_time()
        for r in raws:
            decode(r)
        return time.process_time() - start

    sp()  # warm-up: lexicons, automata, model
    base = min(decoding() for _ in range(repeat))
    family = min(sp() for _ in range(repeat))
    print(f"{which}: {len(raws)} docs {mb:.2f} MB; decode {mb / base:7.1f} MB/s; "
          f"SP family {mb / family:6.1f} MB/s per core")


def main() -> None:
    parser, sub = findings_dump.commands(__doc__.split("\n")[0])
    sub.choices["dump"].add_argument("--pages", type=Path, action="append", default=[])
    s = sub.add_parser("speed")
    s.add_argument("--set", default="seeds", choices=("seeds", "shared", "spam", "spspeed"))
    s.add_argument("--docs", type=int, default=200)
    s.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "dump":
        rules = [r() for r in RULES]
        findings_dump.dump(args.out, _batches(args.generated, args.pages),
                           lambda doc, ctx: {"findings": [f.to_json() for rule in rules for f in rule.check(doc, ctx)]})
    elif args.command == "compare":
        sys.exit(findings_dump.compare(args.old, args.new, "SP"))
    else:
        speed(args.set, args.docs, args.repeat)


if __name__ == "__main__":
    main()
