"""Accuracy of the inferred region on real documents (tests/fixtures/real_regions) and the fixtures.

Counts, per document: exact unit right, province right, wrong (a determined answer in another
province, or a unit that neither contains nor lies inside the expected one) and undeterminable.
A wrong answer is much worse than an undeterminable one. Run:

    /tmp/venv/bin/python bench/region_accuracy.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document, ManifestEntry  # noqa: E402
from scrapegate.rules.region.gazetteer import gazetteer  # noqa: E402
from scrapegate.rules.region.inference import document_inference  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real_regions"


def real_cases() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in (REAL / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, adcode, province, url, note = line.split("\t")
        rows.append((name, (REAL / name).read_text(encoding="utf-8"), adcode, province, url))
    return rows


def judge(expected: str | None, got: str | None) -> str:
    gaz = gazetteer()
    if expected is None:
        return "exact" if got is None else "wrong"
    if got is None:
        return "undeterminable"
    if got == expected:
        return "exact"
    if gaz.related(got, expected):
        return "related"        # right line of descent, wrong depth
    if gaz.province(got).adcode == gaz.province(expected).adcode:
        return "province"       # right province, wrong unit
    return "wrong"


def evaluate(name: str, docs: list[tuple[str, str, str | None, str | None]], verbose: bool,
             with_url: bool = False) -> None:
    gaz = gazetteer()
    documents = [Document.from_text(key, text,
                                    manifest=ManifestEntry(url=url) if url and with_url else None)
                 for key, text, _, url in docs]
    ctx = BatchContext.build(documents)
    tally: dict[str, int] = {}
    for doc, (key, _, expected, _) in zip(documents, docs):
        inference = document_inference(doc, ctx)
        verdict = judge(expected, inference.adcode)
        tally[verdict] = tally.get(verdict, 0) + 1
        if verbose and verdict != "exact":
            got = (f"{gaz.province(inference.adcode).name}{gaz.display_name(inference.adcode)}"
                   if inference.adcode else f"- ({inference.reason})")
            want = f"{gaz.province(expected).name}{gaz.display_name(expected)}" if expected else "-"
            print(f"  {verdict:14} {key:40} want {want:24} got {got} conf={inference.confidence}")
    n = len(docs)
    exact = tally.get("exact", 0)
    province_ok = exact + tally.get("related", 0) + tally.get("province", 0)
    print(f"{name}: {n} documents | exact {exact} ({exact / n:.0%}) | province right "
          f"{province_ok} ({province_ok / n:.0%}) | related {tally.get('related', 0)} | "
          f"undeterminable {tally.get('undeterminable', 0)} | wrong {tally.get('wrong', 0)}")


def main() -> None:
    verbose = "-v" in sys.argv
    real = [(name, text, adcode, url) for name, text, adcode, _, url in real_cases()]
    evaluate("real documents (tuned on)", [r for r in real if not r[0].startswith("h")], verbose)
    evaluate("real documents (held out)", [r for r in real if r[0].startswith("h")], verbose)
    from region_fixtures import CASES, HARD_CASES, SEED_EXPECTED
    fixtures = [(c.key, c.text, c.adcode, None) for c in [*CASES, *HARD_CASES]]
    evaluate("written fixtures", fixtures, verbose)
    seeds = [(p.name, Document.from_bytes(p.name, p.read_bytes()).text,
              SEED_EXPECTED[p.name][0], None) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    evaluate("seeds", seeds, verbose)


if __name__ == "__main__":
    main()
