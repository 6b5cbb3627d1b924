"""Mismatch precision and recall of the title and URL claims (RG002, RG003) on the region corpus's
real pages, as ``bench/region_accuracy.py`` measures RG001 for manifest declarations.

Each real page of the split whose text names its unit so that its province can be told (the
pages ``region_accuracy.load_corpus`` keeps with an adcode) is checked as it is and once more with
another page's claim put in its manifest:

* title: its own heading (the rules' ``heading_title``) when the heading names a unit; a wrong
  title is the heading of another page of the split whose heading names a unit of another
  province (chosen by a fixed hash of the two ids), given as the manifest ``title``; flagged = an
  RG002 error (what fails the gate);
* URL: its own URL (manifest ``url``); a wrong URL is another page's URL whose tokens name a
  region (``url_claims.url_region``: a province's pinyin, a macro-region, a prefecture's or
  county's pinyin) none of whose provinces is the page's; flagged = an RG003 warning (RG003 is a
  warning at most: URLs are weak evidence).

Counted: how many pages' own titles and URLs name a region at all (the claims RG002/RG003 can
check), errors on the pages' own claims (false alarms; an own URL or title that names another
region than the label is listed, since it may be a real mismatch: a subdomain naming another
city), and errors on the swapped claims (recall).

``--source`` keeps the pages of one set (``search-pages-fresh7``: ``bench/corpora/region_fresh7.jsonl``;
the sources are ``region_accuracy.FRESH_SETS``'s, ``shared-corpus`` and ``repo-fixture``); the wrong claims are
then taken from that set's pages only. Run:

    python bench/region_title_url.py [--split test|dev|train|all] [--corpus DIR] [--source SOURCE] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from region_accuracy import load_corpus  # noqa: E402
from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document, ManifestEntry  # noqa: E402
from scrapegate.checks.findings import Severity  # noqa: E402
from scrapegate.rules.region.gazetteer import gazetteer, resolve_declared  # noqa: E402
from scrapegate.rules.region.url_claims import url_region  # noqa: E402
from scrapegate.rules.region.rules import TitleRegionMismatch, UrlRegionMismatch  # noqa: E402
from scrapegate.rules.segmentation import heading_title  # noqa: E402


def _order(a: str, b: str) -> str:
    return hashlib.sha256(f"{a}|{b}".encode()).hexdigest()


def _flagged(rule: TitleRegionMismatch | UrlRegionMismatch, docs: list[Document],
             severity: Severity) -> list[bool]:
    ctx = BatchContext.build(docs)
    return [any(f.severity is severity for f in rule.check(doc, ctx)) for doc in docs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test", "all"])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("--source", help="only the pages of this source (a fresh set's, shared-corpus, ...)")
    parser.add_argument("-v", dest="verbose", action="store_true")
    args = parser.parse_args()
    gaz = gazetteer()
    pages = [(row, text, adcode) for row, text, adcode in load_corpus(Path(args.corpus), args.split)
             if adcode and row["source"] != "generated" and args.source in (None, row["source"])]
    province = {row["id"]: gaz.province(adcode).adcode for row, _, adcode in pages}

    # the pages' own headings, and which provinces a heading names
    plain = [Document.from_text(row["id"], text) for row, text, _ in pages]
    ctx = BatchContext.build(plain)
    titles: dict[str, tuple[str, set[str]]] = {}
    for (row, _, _), doc in zip(pages, plain):
        title = heading_title(doc, ctx)
        candidates = resolve_declared(title, gaz) if title else ()
        if candidates:
            titles[row["id"]] = (title, {gaz.province(c).adcode for c in candidates})
    urls = {row["id"]: (row["url"], {gaz.province(c).adcode for c in named.candidates})
            for row, _, _ in pages if row.get("url") and (named := url_region(row["url"]))}

    def swap(claims: dict[str, tuple[str, set[str]]], key: str) -> str | None:
        others = sorted((_order(key, other), claim) for other, (claim, provinces) in claims.items()
                        if other != key and province[key] not in provinces)
        return others[0][1] if others else None

    print(f"== split {args.split}{f', source {args.source}' if args.source else ''}: "
          f"{len(pages)} real pages naming their unit")
    for kind, claims, rule, field, severity in (
            ("title", titles, TitleRegionMismatch(), "title", Severity.ERROR),
            ("URL", urls, UrlRegionMismatch(), "url", Severity.WARNING)):
        own = [(row, text) for row, text, _ in pages if row["id"] in claims]
        own_docs = [Document.from_text(row["id"], text, manifest=ManifestEntry(**{field: claims[row["id"]][0]}))
                    for row, text in own]
        own_flags = _flagged(rule, own_docs, severity)
        disagree = [row["id"] for row, _ in own if province[row["id"]] not in claims[row["id"]][1]]
        wrong = [(row, text, claim) for row, text, _ in pages if (claim := swap(claims, row["id"]))]
        wrong_docs = [Document.from_text(row["id"], text, manifest=ManifestEntry(**{field: claim}))
                      for row, text, claim in wrong]
        wrong_flags = _flagged(rule, wrong_docs, severity)
        false_alarms = sum(own_flags)
        caught = sum(wrong_flags)
        print(f"  {kind}: {len(claims)}/{len(pages)} pages' own {kind}s name a region "
              f"({len(disagree)} of them another province than the label)")
        print(f"    own {kind}s: {rule.code} {severity.name.lower()}s {false_alarms}/{len(own)}")
        print(f"    another page's {kind} (another province): caught {caught}/{len(wrong)}"
              + (f" = {caught / len(wrong):.3f}" if wrong else ""))
        if caught + false_alarms:
            print(f"    precision {caught}/{caught + false_alarms} = {caught / (caught + false_alarms):.3f}")
        if args.verbose:
            for (row, _), flag in zip(own, own_flags):
                if flag or row["id"] in disagree:
                    print(f"    own {'FP' if flag else '  '} {row['id']} {claims[row['id']][0][:60]}")
            for (row, _, claim), flag in zip(wrong, wrong_flags):
                if not flag:
                    print(f"    FN  {row['id']} given {claim[:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
