"""Collect whole web articles of publishers the truncation corpus lacks (news sites, portals, blogs) for
train/dev, from two hand-extracted content datasets, with their original pages and cut copies.

    python scripts/build_truncation_news.py --magic-html /work/.mirror/opendatalab+magic-html/repo \
        --immortal /work/.mirror/immortal-autumn+Chinese-Web-Content-Extraction-Dataset/repo \
        [--corpus /work/corpora/truncation]

Issue 12: the real complete documents of train/dev are nearly all regulations (the test split's false
alarms are news, notices and commentary of publishers no fold saw). Sources, each text whole by
construction (a person copied an article's whole content area out of its saved page):

* github:opendatalab/magic-html, ``benchmark/data/article/base.json`` (URL and hand-extracted content
  of each saved page ``htmls/<key>.html``): the Chinese articles;
* github:immortal-autumn/Chinese-Web-Content-Extraction-Dataset, ``cleaned/<id>.txt`` (content) and
  ``original/<id>.html`` (page); the URL is the one ``bench/corpora/chrome.jsonl`` records for the page
  (pages recorded without one are left out: no publisher to split by).

Kept: at least 200 Han characters and no kana (Japanese pages are left out); the publisher (the URL's
host without ``www.``/``m.``) split by the corpus's one rule (``build_truncation_corpus.publisher_split``):
test publishers are not read; nor are the sites ``bench/corpora/chrome_html2.jsonl`` names (a chrome list built
from magic-html's pages that keeps its sites to itself). Genre from the host: ``bbs``/``tieba``/``zhidao`` forum, ``blog`` blog,
the rest ``news`` (portals' and papers' articles, commentary). Each text gets the main builder's
copies (``generate``, the train/dev pools: plain, footer line, HTML rendering, pack record, a table,
sometimes a traditional copy; and up to six cut copies, one kind each), and the saved page itself
as a complete copy (``c-page``, an ``.html`` file: the page's own chrome around the whole article).

Writes ``<corpus>/news/texts/``, ``<corpus>/news/packs/<split>.jsonl`` and the labels
``bench/corpora/truncation_news.jsonl`` (``truncation.jsonl``'s fields, ``file`` relative to the corpus
folder, ``"added": "news"``; read with ``--labels``, alone or after ``labels-rebuildable.jsonl``).
Deterministic: the same mirrors give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_chrome_html2 import listed_domains, registered_domain  # noqa: E402
from build_truncation_corpus import (  # noqa: E402
    Source, copy_row, generate, host, label_line, publisher_split, write_copy, write_packs)

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "bench" / "corpora" / "truncation_news.jsonl"
MAGIC = "github:opendatalab/magic-html"
IMMORTAL = "github:immortal-autumn/Chinese-Web-Content-Extraction-Dataset"
MIN_HAN = 200
# Extracted contents that are not whole, found by reading the page they came from (left out, not relabelled):
LEFT_OUT = {
    "original/bbdf5079-e7a9-45bd-9bba-20cf65c676f1.html":
        "the content stops at 大多是长, inside a sentence the page goes on with (辈给的，…)",
}
SEED = 22
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def _show(git_dir: Path, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def genre_of(site: str) -> str:
    """The page's genre, read from its host's name."""
    if re.search(r"bbs|tieba|zhidao", site):
        return "forum"
    return "blog" if "blog" in site else "news"


def chinese(text: str) -> bool:
    return len(_HAN.findall(text)) >= MIN_HAN and not _KANA.search(text)


def load_magic(git_dir: Path) -> list[tuple[Source, bytes]]:
    base = json.loads(_show(git_dir, "benchmark/data/article/base.json"))
    out = []
    for key, row in sorted(base.items()):
        if not chinese(row["content"]):
            continue
        path = f"benchmark/data/article/htmls/{key}.html"
        out.append((Source(f"news-{key[:10]}", row["content"], row["url"], host(row["url"]), "", "simplified", None,
                           f"{MAGIC}:{path}"), _show(git_dir, path)))
    return out


def load_immortal(git_dir: Path) -> list[tuple[Source, bytes]]:
    urls = {}
    for line in (ROOT / "bench" / "corpora" / "chrome.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("source", "").startswith(IMMORTAL + ":") and not row["url"].startswith("github:"):
            urls[row["source"].split(":", 2)[2]] = row["url"]
    out = []
    for path, url in sorted(urls.items()):
        if path in LEFT_OUT:
            continue
        stem = Path(path).stem
        text = _show(git_dir, f"cleaned/{stem}.txt").decode("utf-8")
        if not chinese(text):
            continue
        out.append((Source(f"news-{stem[:10]}", text, url, host(url), "", "simplified", None, f"{IMMORTAL}:{path}"),
                    _show(git_dir, path)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--magic-html", type=Path, required=True, help="git directory of " + MAGIC)
    parser.add_argument("--immortal", type=Path, required=True, help="git directory of " + IMMORTAL)
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    parser.add_argument("--labels", type=Path, default=LIST)
    args = parser.parse_args()

    out_dir = args.corpus / "news"
    (out_dir / "texts").mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    packs: dict[str, list[dict]] = {}
    held = Counter()
    # chrome_html2.jsonl, built from magic-html's pages too, keeps its sites to itself (its sites are in no other list)
    html2 = listed_domains([ROOT / "bench" / "corpora" / "chrome_html2.jsonl"])
    shared = 0
    for src, page in load_magic(args.magic_html) + load_immortal(args.immortal):
        split = publisher_split(src.site)
        if split == "test":
            held[src.site] += 1
            continue
        if registered_domain(src.site) in html2:
            shared += 1
            continue
        src.genre = genre_of(src.site)
        src.text = src.text.replace("\r\n", "\n").strip("\n") + "\n"
        rng = random.Random(f"{SEED}:{src.id}")
        base = {"split": split, "site": src.site, "url": src.url, "source": src.origin,
                "genre": src.genre, "script": src.script, "province": None}
        made = generate(src, "fit", rng) + [("c-page", {"cut_start": False, "cut_end": False, "kind": "complete",
                                                         "format": "page"}, "")]
        for suffix, labels, text in made:
            row, fmt = copy_row(base, src.id, suffix, labels, "real" if suffix == "c-plain" else "derived")
            if fmt == "page":
                row["file"], row["format"] = f"news/texts/{row['id']}.html", "html"
                (args.corpus / row["file"]).write_bytes(page)
            else:
                write_copy(args.corpus, "news/", row, fmt, text, packs)
            row["added"] = "news"
            rows.append(row)
    write_packs(out_dir / "packs", packs)
    args.labels.write_text("".join(label_line(r) for r in rows), encoding="utf-8")
    digest = hashlib.sha256(args.labels.read_bytes()).hexdigest()[:12]
    print(f"{len(rows)} documents from {len({r['parent'] for r in rows})} texts of "
          f"{len({r['site'] for r in rows})} publishers; test publishers not read: {sum(held.values())} texts of "
          f"{len(held)}; sites of chrome_html2.jsonl left out: {shared} texts; labels sha256 {digest}")
    for split in ("train", "dev"):
        sub = [r for r in rows if r["split"] == split]
        print(f"{split}: {len({r['parent'] for r in sub})} texts, complete {sum(r['kind'] == 'complete' for r in sub)}, "
              f"cut {sum(r['kind'] != 'complete' for r in sub)}, genres "
              f"{dict(Counter(r['genre'] for r in sub if r['origin'] == 'real'))}")


if __name__ == "__main__":
    main()
