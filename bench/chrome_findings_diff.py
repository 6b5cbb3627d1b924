"""Benchmark guard for speed work on the BP family: dump what it finds and what it hands other rules, diff two dumps.

    python bench/chrome_findings_diff.py dump OUT.jsonl [--generated 400] [--corpus /work/corpora/chrome]
    python bench/chrome_findings_diff.py compare OLD.jsonl NEW.jsonl
    python bench/chrome_findings_diff.py speed [--docs 3000] [--corpus /work/corpora/chrome]

Run ``dump`` with each tree's venv (the tree before and after a change), then ``compare``: every
line must be identical. Per document it records the BP findings (code, severity, message, span,
excerpt, details), the chrome analysis the rules share (each analysed line's evidence: phrases,
shape, recurrence, marks; the chrome line indexes, the scorer's probabilities), the body lines and
the page heading other families read, and on an HTML page the parsed blocks (spans, runs, text,
tag, landmarks, class tokens, link characters, heading, path, table), the title, the read ranges
and the ``--write-clean`` rendering.

Inputs: the seed reports as one batch; the repository's real-page fixtures (``tests/fixtures/real_*``)
and the texts of the BP rules' case files (``tests/rules/BP*.toml``), each page alone and each folder or
case file as one batch; every text and HTML page under ``--corpus`` (default /work/corpora/chrome: texts,
fresh and more pages, the HTML dataset's pages, the readability pages) alone and each folder as one
batch (templates recur across a folder's pages); the labelled pages written into HTML by
``bench_chrome.page_html`` (what the speed bench times), as one batch; ``--generated`` scraped
reports of three sites (``tests/chrome_fixtures.bench_corpus``) in batches of 50.

``speed``: the speed section of ``bench_chrome.py`` alone (BP family, MB/s per core on ``--docs``
generated reports and on the test pages in our HTML templates x20), so that runs of two trees' venvs
can alternate in one job; then the same as the runner holds documents (``family_speed`` in both modes).
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from scrapegate.checks import html  # noqa: E402
from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.boilerplate import RULES, chrome  # noqa: E402

import findings_dump  # noqa: E402  (this script's folder)

ROOT = HERE.parent


def _batches(generated: int, corpus: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(batch name, [(key, text)]) for every input set."""
    out = [("seeds", [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))])]
    groups: dict[str, list[tuple[str, str]]] = {}
    for root in (corpus, ROOT / "tests" / "fixtures"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".txt", ".html") and "parts" not in path.parent.name:
                key = str(path.relative_to(root))
                groups.setdefault(f"folder:{path.parent.relative_to(root)}", []).append(
                    (key, path.read_text(encoding="utf-8", errors="replace")))
    for path in sorted((ROOT / "tests" / "rules").glob("BP*.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8"))
        groups[f"cases:{path.stem}"] = [(f"{path.stem}/{kind}/{k}.txt", case["text"])
                                        for kind in ("flagged", "passing")
                                        for k, case in enumerate(cases.get(kind, []))]
    for name, items in groups.items():
        out.append((name, items))
        out.extend((f"page:{key}", [(key, text)]) for key, text in items)
    from bench_chrome import page_html
    from chrome_eval import load_pages
    pages = load_pages(corpus, quiet=True)
    out.append(("page_html", [(f"{p.id}.html", page_html(p)) for p in pages]))
    if generated:
        from chrome_fixtures import bench_corpus
        docs = [(f"g{i}.txt", g.text) for i, g in enumerate(bench_corpus(generated, 7))]
        out.extend((f"generated/{i}", docs[i:i + 50]) for i in range(0, len(docs), 50))
    return out


def _evidence(ev: chrome.LineEvidence) -> list:
    return [ev.index, list(ev.line), [(p.phrase, p.kind, p.weight) for p in ev.phrases], ev.content_chars,
            ev.coverage, ev.prose, ev.heading, ev.frequency, ev.recurring, ev.chrome, ev.label, ev.learned,
            ev.title, ev.listed]


def _record(doc: Document, ctx: BatchContext, rules: list) -> dict:
    findings = [f.to_json() for rule in rules for f in rule.check(doc, ctx)]
    analysis = chrome.chrome_analysis(doc, ctx)
    heading = chrome.page_heading(doc, ctx)
    record = {
        "findings": findings,
        "analysis": [analysis.first, analysis.last, analysis.chrome, sorted(analysis.probability.items()),
                     analysis.candidates, [_evidence(analysis.evidence[i]) for i in sorted(analysis.evidence)]],
        "lines": [list(line) for line in analysis.lines],
        "body": [list(line) for line in chrome.body_lines(doc, ctx)],
        "heading": list(heading) if heading else None,
    }
    if html.is_html(doc):
        page = html.page(doc)
        removed = [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)]
        ids: dict[int, int] = {-1: -1}  # element ids are memory addresses: numbered in order met
        record["page"] = [page.title, [[b.start, b.end, b.text, b.runs, b.tag, sorted(b.landmarks), b.tokens,
                                        b.content, b.link_chars, b.heading,
                                        [ids.setdefault(k, len(ids)) for k in b.path],
                                        ids.setdefault(b.table, len(ids))] for b in page.blocks]]
        record["read"] = [html.read_ranges(doc), hashlib.sha1(html.read_text(doc).encode()).hexdigest()]
        record["render"] = html.render(doc, removed)
    return record


def main() -> None:
    parser, sub = findings_dump.commands(__doc__.split("\n")[0])
    sub.choices["dump"].add_argument("--corpus", type=Path, default=Path("/work/corpora/chrome"))
    speed = sub.add_parser("speed")
    speed.add_argument("--docs", type=int, default=3000)
    speed.add_argument("--corpus", type=Path, default=Path("/work/corpora/chrome"))
    args = parser.parse_args()
    if args.command == "speed":
        from bench_chrome import family_speed, speed_inputs
        from chrome_eval import load_pages
        texts, sources = speed_inputs(args.docs, load_pages(args.corpus, split="test", quiet=True))
        family_speed("generated plain-text reports", texts, (False, True))
        family_speed("HTML pages (x20)", sources, (False, True))
    elif args.command == "dump":
        rules = [r() for r in RULES]
        findings_dump.dump(args.out, _batches(args.generated, args.corpus), lambda doc, ctx: _record(doc, ctx, rules))
    else:
        sys.exit(findings_dump.compare(args.old, args.new, "BP"))


if __name__ == "__main__":
    main()
