"""Benchmark: site chrome found on real pages (issue 11), plain text and HTML, and the family's speed.

    python scripts/build_chrome_corpus.py          # the labelled pages (outside the repository)
    python bench/bench_chrome.py [--split test] [--speed-docs 3000]

* Plain text: the split's real pages as one batch and as batches of one page; chrome character recall
  and precision, body loss (share of the pages' own characters removed), by place (head / inline /
  foot, from the labels) and script. Then the split's fresh pages (``bench/corpora/chrome_fresh.jsonl``,
  sites in no other corpus, texts in /work/corpora/chrome/fresh) when their texts are here, and the split's
  more pages (``bench/corpora/chrome_more.jsonl``, texts in /work/corpora/chrome/more) the same way.
* HTML, real: the split's pages labelled as published HTML (Chinese-Web-Content-Extraction-Dataset,
  labels from its hand-cut main text; see scripts/build_chrome_corpus.py), scrapegate beside
  readability-lxml and trafilatura, scored the same way (below).
* ``--html``: only the real HTML pages, side by side: chrome.jsonl's, each extra list labelled as HTML
  (``chrome_gne.jsonl``: news-extractor test pages labelled by hand, bench/corpora/CHROME_GNE.md) and all of them.
* Held-out generated batch (bench/chrome_heldout.py): twelve site templates written for measuring only,
  as text and as HTML side by side. Every section also prints the rules alone (learned scorer off).
* HTML, our templates: the same pages written into HTML by our own templates (``page_html``: three layouts, from
  semantic ``nav``/``footer`` markup to anonymous ``div``s where only link text and the words
  themselves tell), because the stored pages are text. scrapegate (its ``--write-clean`` rendering),
  readability-lxml and trafilatura (when installed: ``pip install '.[bench]'``) on the same pages,
  scored the same way: a labelled line counts as kept when its text (white space removed) is in the
  tool's output text. The templates place chrome where the labels say it is, so these HTML figures
  measure reading structure, not finding unknown templates: the real-page figures are the plain-text ones.
* Speed: the boilerplate family (BP001-BP004, line split and HTML parsing included) on generated
  plain-text reports and on the HTML pages, MB of UTF-8 input per second on one core, against
  decoding the same bytes (the baseline) in the same run; and the HTML parsers alone (why lexbor).
"""

from __future__ import annotations

import argparse
import hashlib
import html as htmllib
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from chrome_eval import (EXTRA_LISTS, Page, Score, line_places, load_extra_pages, load_pages,  # noqa: E402
                         removed_by_line)

from scrapegate.checks import html  # noqa: E402
from scrapegate.checks.context import BatchContext, LineCounter, line_fingerprints, line_map  # noqa: E402
from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.boilerplate import RULES, chrome, scorer  # noqa: E402

_SPACE = re.compile(r"\s+")


@contextmanager
def rules_only() -> Iterator[None]:
    """The detector with its learned scorer switched off (the rules alone), for before/after rows."""
    from dataclasses import replace

    original = scorer.line_model
    model = replace(original(), threshold=1.01)
    scorer.line_model = lambda: model  # type: ignore[assignment]
    try:
        yield
    finally:
        scorer.line_model = original


def text_scores(pages: list[Page], batch: bool) -> Score:
    docs = [Document.from_text(p.id + ".txt", p.text) for p in pages]
    shared = BatchContext.build(docs) if batch else None
    score = Score()
    for page, doc in zip(pages, docs):
        ctx = shared or BatchContext.build([doc])
        spans = [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)]
        score.add(page, removed_by_line(page.text, spans))
    return score


# ------------------------------------------------------------------------------------------- HTML

def _esc(text: str) -> str:
    return htmllib.escape(text.strip(), quote=False)


def page_html(page: Page) -> str:
    """The page's lines in one of three HTML layouts (chosen by the page id): semantic landmarks,
    class-named divs, or anonymous divs. Short chrome lines are links, as menus are."""
    layout = int(hashlib.sha1(page.id.encode()).hexdigest(), 16) % 3
    places = line_places(page)
    lines = page.text.split("\n")
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", _esc(page.site), "</title>",
           "<style>p{margin:0}</style><script>var page = 1;</script></head><body>"]
    wrappers = {
        0: {"head": ("<header><nav><ul>", "</ul></nav></header>"), "inline": ("<aside>", "</aside>"),
            "foot": ("<footer>", "</footer>"), "body": ("<article>", "</article>")},
        1: {"head": ("<div class='top-menu'><ul>", "</ul></div>"),
            "inline": ("<div class='share-bar'>", "</div>"),
            "foot": ("<div id='bottom-info'>", "</div>"), "body": ("<div class='con'>", "</div>")},
        2: {"head": ("<div class='w1'><ul>", "</ul></div>"), "inline": ("<div class='w3'>", "</div>"),
            "foot": ("<div class='w4'>", "</div>"), "body": ("<div class='w2'>", "</div>")},
    }[layout]
    current = None
    first_body = True
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        role = "body" if number not in page.chrome else places[number]
        if role != current:
            if current:
                out.append(wrappers[current][1])
            out.append(wrappers[role][0])
            current = role
        text = _esc(line)
        if role == "body":
            if first_body and len(line.strip()) <= 60:
                out.append(f"<h1>{text}</h1>")
            else:
                out.append(f"<p>{text}</p>")
            first_body = False
        elif role == "head":
            short = len(line.strip()) <= 16
            out.append(f"<li><a href='/c/{number}.html'>{text}</a></li>" if short else f"<li>{text}</li>")
        else:
            short = len(line.strip()) <= 16
            out.append(f"<p><a href='/r/{number}.html'>{text}</a></p>" if short else f"<p>{text}</p>")
    if current:
        out.append(wrappers[current][1])
    out.append("</body></html>")
    return "\n".join(out)


def kept_scores(pages: list[Page], outputs: list[str]) -> Score:
    """Score tools by their output text: a labelled line is removed when its text is not in the output."""
    score = Score()
    for page, output in zip(pages, outputs):
        flat = _SPACE.sub("", htmllib.unescape(output or ""))
        removed = {}
        for number, line in enumerate(page.text.split("\n"), 1):
            key = _SPACE.sub("", line)
            if key and key not in flat:
                removed[number] = len(line.strip())
        score.add(page, removed)
    return score


def scrapegate_outputs(pages: list[Page], sources: list[str]) -> list[str]:
    docs = [Document.from_text(p.id + ".html", s) for p, s in zip(pages, sources)]
    ctx = BatchContext.build(docs)
    outputs = []
    for doc in docs:
        spans = [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)]
        outputs.append(html.render(doc, spans))
    return outputs


def readability_outputs(sources: list[str]) -> list[str] | None:
    try:
        import lxml.html
        from readability import Document as Readable
    except ImportError:
        return None
    out = []
    for source in sources:
        summary = Readable(source).summary(html_partial=True)
        out.append(lxml.html.fromstring(summary).text_content() if summary.strip() else "")
    return out


def trafilatura_outputs(sources: list[str]) -> list[str] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return [trafilatura.extract(s, include_comments=False, include_tables=True) or "" for s in sources]


def print_text_scores(label: str, pages: list[Page], width: int = 18) -> None:
    """The pages' scores as plain text: one batch, batches of one, and one batch with the rules alone."""
    for batch in (True, False):
        print(f"  {label:<{width}} {'one batch' if batch else 'batches of one':<15} {text_scores(pages, batch).summary()}")
    with rules_only():
        print(f"  {label:<{width}} {'(rules only)':<15} {text_scores(pages, True).summary()}")


def heldout_figures() -> None:
    """The generated batch of templates written only for measuring (bench/chrome_heldout.py)."""
    from chrome_heldout import TEMPLATES, generate

    pages = generate()
    listed = 0
    chrome_lines = 0
    for page in pages:
        doc = Document.from_text(page.id + ".txt", page.text)
        phrases, _ = chrome._find_phrases(doc, [ln for ln in doc.lines if ln.text.strip()])
        numbered = {ln.number for ln in doc.lines if ln.text.strip()}
        chrome_lines += len(page.chrome)
        listed += sum(1 for k, ln in enumerate([ln for ln in doc.lines if ln.text.strip()])
                      if k in phrases and ln.number in page.chrome and ln.number in numbered)
    print(f"held-out generated batch: {len(pages)} pages, {len(TEMPLATES)} templates written for measuring only "
          f"({sum(t.traditional for t in TEMPLATES)} traditional); {listed} of {chrome_lines} chrome lines "
          f"hold a listed chrome phrase")
    print_text_scores("plain text", pages, width=0)
    print("  HTML, side by side")
    html_side_by_side(pages, [p.html or "" for p in pages])


def html_side_by_side(pages: list[Page], sources: list[str]) -> None:
    with rules_only():
        print(f"  {'(rules only)':<15} {kept_scores(pages, scrapegate_outputs(pages, sources)).summary()}")
    for name, outputs in (("scrapegate", scrapegate_outputs(pages, sources)),
                          ("readability-lxml", readability_outputs(sources)),
                          ("trafilatura", trafilatura_outputs(sources))):
        if outputs is None:
            print(f"  {name:<15} not installed")
            continue
        print(f"  {name:<15} {kept_scores(pages, outputs).summary()}")


def html_only(pages: list[Page], split: str, conventions: bool) -> None:
    """The real HTML pages side by side: chrome.jsonl's, each extra list labelled as HTML, and all of them."""
    groups = [("chrome.jsonl", [p for p in pages if p.html is not None])]
    groups += [(f"chrome_{name}.jsonl", [p for p in load_extra_pages(name, split=split, conventions=conventions)
                                         if p.html is not None]) for name in EXTRA_LISTS]
    groups = [(label, members) for label, members in groups if members]
    if len(groups) > 1:
        groups.append(("all real HTML", [p for _, members in groups for p in members]))
    for label, members in groups:
        print(f"HTML, {split} split, {label}: {len(members)} pages, {len({p.site for p in members})} sites")
        html_side_by_side(members, [p.html or "" for p in members])


# ------------------------------------------------------------------------------------------ speed

def family_speed(label: str, keyed: list[tuple[str, bytes]], modes: tuple[bool, ...] = (False,)) -> list[float]:
    """MB/s of the BP family on the documents in each mode (the decode baseline timed once): all of them held
    (with their analyses) until the end; or, with ``engine`` (True), as the runner's two passes hold them, each
    document read for the batch's line counts and dropped (:func:`runner_context`), then read again, checked and
    dropped (one document held at a time: the garbage collector then has little to walk)."""
    mb = sum(len(raw) for _, raw in keyed) / 1e6
    best_decode = min(_timed(lambda: [decode(raw) for _, raw in keyed]) for _ in range(2))
    rules = [r() for r in RULES]

    def check(doc: Document, ctx: BatchContext) -> None:
        for rule in rules:
            for _ in rule.check(doc, ctx):
                pass

    def run() -> None:
        docs = [Document.from_bytes(key, raw) for key, raw in keyed]
        ctx = BatchContext.build(docs)
        chrome.clear_caches()
        for doc in docs:
            check(doc, ctx)

    def run_engine() -> None:
        ctx = runner_context(keyed)
        chrome.clear_caches()
        for key, raw in keyed:
            check(Document.from_bytes(key, raw), ctx)

    out = []
    for engine in modes:
        best = min(_timed(run_engine if engine else run) for _ in range(2))
        how = "two passes, one document held" if engine else "all documents held"
        print(f"  {label:<38} {mb:6.1f} MB: BP family {mb / best:6.1f} MB/s per core, {how} "
              f"(decode baseline {mb / best_decode:6.1f} MB/s; both include reading the bytes into documents)")
        out.append(mb / best)
    return out


def runner_context(keyed: list[tuple[str, bytes]]) -> BatchContext:
    """The batch context as the runner's pass 1 builds it (``runner.read_pass``, one process): each document
    read, its line fingerprints counted and the document dropped; then the documents that first hold a line of
    two or more documents read again for those lines' texts. The same context as ``BatchContext.build``."""
    counter = LineCounter()
    for key, raw in keyed:
        counter.add(line_fingerprints(Document.from_bytes(key, raw)))
    counts, first = counter.frequent()
    wanted: dict[int, set[int]] = {}
    for fp, number in first.items():
        wanted.setdefault(number, set()).add(fp)
    templates: dict[int, str] = {}
    for number in sorted(wanted):
        key, raw = keyed[number]
        templates.update((fp, text) for fp, text in line_map(Document.from_bytes(key, raw)).items()
                         if fp in wanted[number])
    return BatchContext(documents=counter.documents, line_doc_freq={fp: counts[fp] for fp in templates},
                        template_lines=templates)


def _timed(func) -> float:
    """CPU seconds of this process (per core: other processes on the machine do not count)."""
    start = time.process_time()
    func()
    return time.process_time() - start


def parser_speed(sources: list[str]) -> None:
    """Parse-only throughput of the candidate parsers on the same pages (CPU time, one core)."""
    import html.parser
    mb = sum(len(s.encode("utf-8")) for s in sources) / 1e6

    class Positions(html.parser.HTMLParser):
        def handle_data(self, data: str) -> None:
            self.getpos()

    def stdlib() -> None:
        for s in sources:
            p = Positions(convert_charrefs=False)
            p.feed(s)
            p.close()

    candidates = [("html.parser (stdlib, positions)", stdlib)]
    try:
        from selectolax.lexbor import LexborHTMLParser
        candidates.append(("selectolax/lexbor (tree, text)", lambda: [
            [n.text(deep=False) for n in LexborHTMLParser(s).root.traverse(include_text=True)] for s in sources]))
    except ImportError:
        pass
    try:
        import lxml.html
        candidates.append(("lxml (tree, text)", lambda: [
            [e.text for e in lxml.html.fromstring(s).iter()] for s in sources]))
    except ImportError:
        pass
    for name, run in candidates:
        print(f"  {name:<38} {mb / min(_timed(run) for _ in range(2)):6.1f} MB/s")


def speed_inputs(docs: int, pages: list) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """What the family's speed is timed on: ``docs`` generated plain-text reports (seed 7), and the
    labelled ``pages`` in our HTML templates twenty times over, as (key, source bytes)."""
    from chrome_fixtures import bench_corpus
    texts = [(g.key, g.text.encode("utf-8")) for g in bench_corpus(docs, 7)]
    rendered = [(p.id, page_html(p).encode("utf-8")) for p in pages]
    html = [(f"{key}-{k}.html", source) for k in range(20) for key, source in rendered]
    return texts, html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--speed-docs", type=int, default=3000)
    parser.add_argument("--without-conventions", action="store_true",
                        help="score against the lists' own labels, without bench/corpora/chrome_convention.jsonl")
    parser.add_argument("--html", action="store_true",
                        help="only the real HTML pages (chrome.jsonl's and every list labelled as HTML), side by side")
    args = parser.parse_args()
    conventions = not args.without_conventions

    pages = load_pages(split=args.split, conventions=conventions)
    if args.html:
        html_only(pages, args.split, conventions)
        return
    sites = {p.site for p in pages}
    trad = sum(p.script == "traditional" for p in pages)
    print(f"{args.split} split: {len(pages)} real pages from {len(sites)} sites ({trad} traditional script), "
          f"{sum(bool(p.chrome) for p in pages)} with chrome")
    print("plain text (real pages)")
    groups = (("all", pages), ("published as text", [p for p in pages if p.html is None]),
              ("HTML pages' blocks", [p for p in pages if p.html is not None]))
    for label, members in groups:
        print_text_scores(label, members)

    for name, listed in EXTRA_LISTS.items():
        about = listed.about
        extra = load_extra_pages(name, split=args.split, conventions=conventions)
        if extra:
            print(f"{name} pages (bench/corpora/chrome_{name}.jsonl: {about}, labelled as text; "
                  f"{len(extra)} pages, {len({p.site for p in extra})} sites, "
                  f"{sum(p.script == 'traditional' for p in extra)} traditional)")
            print_text_scores(name, extra)
            real_extra = [p for p in extra if p.html is not None]
            if real_extra:
                print(f"  {name} as published HTML, side by side")
                html_side_by_side(real_extra, [p.html or "" for p in real_extra])

    real = [p for p in pages if p.html is not None]
    print(f"HTML: real pages as published ({len(real)} pages, {len({p.site for p in real})} sites), side by side")
    html_side_by_side(real, [p.html or "" for p in real])
    sources = [page_html(p) for p in pages]
    print("HTML (our templates around the same real pages)")
    html_side_by_side(pages, sources)

    heldout_figures()
    if not args.speed_docs:
        return
    print("speed (one process)")
    texts, html = speed_inputs(args.speed_docs, pages)
    family_speed("generated plain-text reports", texts)
    family_speed("HTML pages (x20)", html)
    print("HTML parsers alone, same pages (x20)")
    parser_speed(sources * 20)


if __name__ == "__main__":
    main()
