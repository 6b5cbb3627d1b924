"""Benchmark guard for speed work on the BP family: dump what it finds and what it hands other rules, diff two dumps.

    python bench/chrome_findings_diff.py dump OUT.jsonl [--generated 400]
    python bench/chrome_findings_diff.py compare OLD.jsonl NEW.jsonl

Run ``dump`` with each tree's venv (the tree before and after a change), then ``compare``: every
line must be identical. Per document it records the BP findings (code, severity, message, span,
excerpt, details), the chrome analysis the rules share (each analysed line's evidence: phrases,
shape, recurrence, marks; the chrome line indexes, the scorer's probabilities), the body lines and
the page heading other families read, and on an HTML page the parsed blocks (spans, runs, text,
tag, landmarks, class tokens, link characters, heading, path, table), the title, the read ranges
and the ``--write-clean`` rendering.

Inputs: the seed reports as one batch; every text and HTML page under /work/corpora/chrome (texts,
fresh and more pages, the HTML dataset's pages, the readability pages) alone and each folder as one
batch (templates recur across a folder's pages); the labelled pages written into HTML by
``bench_chrome.page_html`` (what the speed bench times), as one batch; ``--generated`` scraped
reports of three sites (``tests/chrome_fixtures.bench_corpus``) in batches of 50.
"""

from __future__ import annotations

import hashlib
import sys
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
CORPUS = Path("/work/corpora/chrome")


def _batches(generated: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """(batch name, [(key, text)]) for every input set."""
    out = [("seeds", [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))])]
    folders: dict[Path, list[tuple[str, str]]] = {}
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".html") and "parts" not in path.parent.name:
            key = str(path.relative_to(CORPUS))
            folders.setdefault(path.parent, []).append((key, path.read_text(encoding="utf-8", errors="replace")))
    for folder, items in folders.items():
        out.append((f"folder:{folder.relative_to(CORPUS)}", items))
        out.extend((f"page:{key}", [(key, text)]) for key, text in items)
    from bench_chrome import page_html
    from chrome_eval import load_pages
    pages = load_pages(quiet=True)
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
    parser, _ = findings_dump.commands(__doc__.split("\n")[0])
    args = parser.parse_args()
    if args.command == "dump":
        rules = [r() for r in RULES]
        findings_dump.dump(args.out, _batches(args.generated), lambda doc, ctx: _record(doc, ctx, rules))
    else:
        sys.exit(findings_dump.compare(args.old, args.new, "BP"))


if __name__ == "__main__":
    main()
