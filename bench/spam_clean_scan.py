"""SP findings on other corpora's clean train/dev texts: where the spam rules fire on text nobody injected.

    python bench/spam_clean_scan.py dump OUT.jsonl
    python bench/spam_clean_scan.py compare OLD.jsonl NEW.jsonl

``dump`` checks every text alone (a batch of one, as bench_spam_detection does) with every SP rule but
SP005 and writes one line per finding (document, code, probability, the span's text and 30 characters of
context). The texts: the chrome corpus's train/dev pages (chrome.jsonl and every extra list whose texts
are here, ``chrome_eval.EXTRA_LISTS``), the truncation corpus's train/dev documents (the longest
``.txt`` text of each parent: its other texts are cuts of it), the region corpus's train/dev fresh-list
pages, and the shared corpus's clean and look-alike train/dev pages. The chrome and truncation corpora
also hold the shared corpus's b pages (real injected spam): their findings are expected, read them apart.
Test pages are never read. ``compare`` lists the findings gone and added between two dumps (run
``dump`` with each tree's venv).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from chrome_eval import EXTRA_LISTS, load_extra_pages, load_pages

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.spam import RULES

ROOT = Path(__file__).resolve().parent.parent
TRUNCATION = Path("/work/corpora/truncation")
REGION = Path("/work/corpora/region/texts")
SHARED = Path("/work/shared/corpus/texts")
SPLITS = ("train", "dev")


def texts() -> Iterator[tuple[str, str]]:
    """(key, text) of every clean train/dev text found on this machine."""
    for split in SPLITS:
        for page in load_pages(split=split, quiet=True):
            yield f"chrome/{page.id}", page.text
        for name in EXTRA_LISTS:
            for page in load_extra_pages(name, split=split, quiet=True):
                yield f"chrome-{name}/{page.id}", page.text
    if (TRUNCATION / "labels.jsonl").exists():
        longest: dict[str, tuple[int, Path, str]] = {}
        for line in (TRUNCATION / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            path = TRUNCATION / row["file"]
            if row["split"] in SPLITS and row["file"].endswith(".txt") and path.exists():
                key = row.get("parent") or row["id"]
                if key not in longest or path.stat().st_size > longest[key][0]:
                    longest[key] = (path.stat().st_size, path, row["id"])
        for _, path, doc_id in sorted(longest.values(), key=lambda x: x[2]):
            yield f"truncation/{doc_id}", path.read_text(encoding="utf-8", errors="replace")
    for listed in sorted((ROOT / "bench" / "corpora").glob("region_fresh*.jsonl")):
        for line in listed.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            path = REGION / f"{row['id']}.txt"
            if row.get("split") in SPLITS and path.exists():
                yield f"region/{row['id']}", path.read_text(encoding="utf-8", errors="replace")
    for line in (ROOT / "bench" / "corpora" / "spam.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if (row.get("origin") == "shared-corpus" and row["source"] == "real" and row["split"] in SPLITS
                and row["kind"] in ("clean", "lookalike")):
            path = SHARED / row["id"].split("/", 1)[1]
            if path.exists():
                yield f"shared/{path.name}", path.read_text(encoding="utf-8", errors="replace")


def dump(out: Path) -> None:
    rules = [rule() for rule in RULES if rule.code != "SP005"]
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for key, text in texts():
            count += 1
            doc = Document.from_text("page.txt", text)
            ctx = BatchContext.build([doc])
            for rule in rules:
                for f in rule.check(doc, ctx):
                    s, e = (f.span.start, f.span.end) if f.span else (0, 0)
                    fh.write(json.dumps({"doc": key, "code": f.code, "p": f.details.get("probability"),
                                         "span": doc.text[s:e], "context": doc.text[max(0, s - 30):e + 30]},
                                        ensure_ascii=False) + "\n")
    print(f"{count} documents", file=sys.stderr)


def compare(old: Path, new: Path) -> None:
    def findings(path: Path) -> set[tuple[str, str, str]]:
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        return {(r["doc"], r["code"], r["span"]) for r in rows}
    before, after = findings(old), findings(new)
    for title, found in (("gone", before - after), ("added", after - before)):
        print(f"{title}: {len(found)}")
        for doc, code, span in sorted(found):
            print(f"  {doc} {code} {span[:60]!r}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(__doc__)
