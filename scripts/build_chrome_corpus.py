"""Assemble the labelled chrome corpus (issue 11) outside the repository, and its URL/label list inside.

    python scripts/build_chrome_corpus.py [--shared /work/shared/corpus] [--pages DIR] [--out DIR]

Sources (third-party texts, never committed):

* ``--shared``: the shared development corpus (``index.jsonl`` + ``texts/``); its ``chrome_lines``
  (exact line texts) are mapped to line numbers (every occurrence of a chrome line is chrome);
* ``--pages``: ``search_pages_*.txt`` files written while reading stored public web pages (the
  ``search`` tool's "pages" corpus): a page starts with ``=== <url> | <script> | <genre>`` and each
  following line is ``C|text`` (chrome), ``B|text`` (the page's own text) or ``A|text`` (either reading
  is defensible: left out of the scores). Pages are excerpts from the page's start (long pages abridged
  after a few paragraphs).

Writes ``<out>/texts/<id>.txt`` and ``<out>/labels.jsonl`` (id, url, site, split, script, genre, source,
chrome_lines, ambiguous_lines: 1-based line numbers) and the same rows without text paths to
``bench/corpora/chrome.jsonl`` in the repository. A page whose URL is already in the shared corpus is
skipped. The split is by site (host without ``www.``/``m.``): sha1 of the site, fixed thresholds, so
all pages of one site land in one split and a rebuild gives the same split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
TRAIN_MAX = 0.40
DEV_MAX = 0.50
"""sha1(site) mapped to [0, 1): below TRAIN_MAX train, below DEV_MAX dev, else test."""


def site_of(url: str) -> str:
    host = (urlparse(url).hostname or url).lower()
    for prefix in ("www.", "m."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def split_of(site: str) -> str:
    value = int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) / 0x100000000
    return "train" if value < TRAIN_MAX else "dev" if value < DEV_MAX else "test"


_HAN_TRAD = re.compile("[們這個來時會對說點體發經國與關開處應實將後數據頁網區]")
_HAN_SIMP = re.compile("[们这个来时会对说点体发经国与关开处应实将后数据页网区]")


def guess_script(text: str) -> str:
    trad, simp = len(_HAN_TRAD.findall(text)), len(_HAN_SIMP.findall(text))
    return "traditional" if trad > simp else "simplified"


def shared_pages(root: Path):
    for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (root / "texts" / row["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        wanted = {c.strip() for c in row["chrome_lines"] if c.strip()}
        chrome = [i + 1 for i, ln in enumerate(lines) if ln.strip() and ln.strip() in wanted]
        script = row.get("script") or guess_script(text)
        yield {"url": row["url"], "source": f"shared:{row['file']}", "script": script,
               "genre": row.get("genre") or row["bucket"], "chrome_lines": chrome,
               "ambiguous_lines": [], "text": text}


def search_pages(folder: Path):
    for path in sorted(folder.glob("search_pages_*.txt")):
        page = None
        for raw in path.read_text(encoding="utf-8").split("\n"):
            if raw.startswith("=== "):
                if page:
                    yield page
                url, script, genre = (part.strip() for part in raw[4:].split("|"))
                page = {"url": url, "source": f"search:{path.name}", "script": script, "genre": genre,
                        "chrome_lines": [], "ambiguous_lines": [], "lines": []}
            elif page is not None and raw:
                label, text = raw[0], raw[2:]
                page["lines"].append(text)
                if label == "C" and text.strip():
                    page["chrome_lines"].append(len(page["lines"]))
                elif label == "A" and text.strip():
                    page["ambiguous_lines"].append(len(page["lines"]))
        if page:
            yield page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--pages", type=Path, default=Path("/work/corpora/chrome"))
    parser.add_argument("--out", type=Path, default=Path("/work/corpora/chrome"))
    args = parser.parse_args()

    (args.out / "texts").mkdir(parents=True, exist_ok=True)
    rows, seen = [], set()
    pages = list(shared_pages(args.shared)) + list(search_pages(args.pages))
    for page in pages:
        if page["url"] in seen:
            continue
        seen.add(page["url"])
        if "lines" in page:
            page["text"] = "\n".join(page.pop("lines")) + "\n"
        text = page.pop("text")
        page_id = f"p{len(rows):03d}"
        (args.out / "texts" / f"{page_id}.txt").write_text(text, encoding="utf-8")
        site = site_of(page["url"])
        rows.append({"id": page_id, "url": page["url"], "site": site, "split": split_of(site),
                     "script": page["script"], "genre": page["genre"], "source": page["source"],
                     "lines": text.count("\n") + 1,
                     "chrome_lines": page["chrome_lines"], "ambiguous_lines": page["ambiguous_lines"]})
    with open(args.out / "labels.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({**row, "text": f"texts/{row['id']}.txt"}, ensure_ascii=False) + "\n")
    with open(REPO / "bench" / "corpora" / "chrome.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    by_split: dict[str, list] = {}
    for row in rows:
        by_split.setdefault(row["split"], []).append(row)
    for split, members in sorted(by_split.items()):
        sites = {r["site"] for r in members}
        trad = sum(r["script"] == "traditional" for r in members)
        chrome = sum(bool(r["chrome_lines"]) for r in members)
        print(f"{split:<6} {len(members):4d} pages {len(sites):4d} sites {trad:3d} traditional "
              f"{chrome:4d} with chrome")


if __name__ == "__main__":
    main()
