"""Real Chinese HTML pages labelled by hand for chrome (issue 11): ``bench/corpora/chrome_gne.jsonl``.

    python scripts/build_chrome_gne.py [--mirror DIR] [--out /work/corpora/chrome/gne]
    python scripts/build_chrome_gne.py --labels FILE      # add pages from a hand-label file

Source: the saved article pages in a git snapshot of GeneralNewsExtractor/GeneralNewsExtractor (``tests/``,
``visiable_test/``: news portals, government and institution sites, WeChat and Toutiao articles, saved as
published, 2014-2021). The snapshot gives no main-content annotation; each page was labelled by hand, block by
block (bench/corpora/CHROME_GNE.md). A page is decoded as scrapegate decodes a file (its meta charset declared), read into
blocks by :mod:`scrapegate.checks.html` and written twice, as the page (``<out>/html/<id>.html``, UTF-8) and as its
non-blank blocks one a line (``<out>/texts/<id>.txt``), the layout ``bench/chrome_eval.load_extra_pages("gne")``
reads. The labels are the blocks' 1-based line numbers, so a listed row is written only when its page gives the
listed number of lines; a page that does not (the block reader changed) is reported and left out.

A hand-label file has one page a line, ``path|site|url|genre|body|ambiguous`` (``#`` starts a comment): ``body`` and
``ambiguous`` are line ranges (``12,15-20``) and every other line is chrome; an empty ``url`` stands for the page's
place in the snapshot. ``site`` is the page's registered domain (sina.com.cn for news.sina.com.cn and
finance.sina.com.cn: one site template, one split), split by ``build_chrome_corpus.split_of``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "scripts"))

from build_chrome_corpus import guess_script, split_of  # noqa: E402
from chrome_eval import EXTRA_LISTS  # noqa: E402

SNAPSHOT = "github:GeneralNewsExtractor/GeneralNewsExtractor"
PREFIX = "cg_"


def decoded(raw: bytes) -> str:
    """The page's text as ``scrapegate check`` reads the file (:func:`scrapegate.checks.decoding.decode` with the
    charset its meta tag declares)."""
    from scrapegate.checks.decoding import decode, declared_charset

    return decode(raw, declared_charset(raw)).text


def block_lines(source: str) -> list[str]:
    """The page's non-blank blocks, one a line, each block's runs of white space made one space (the chrome
    corpus's HTML pages, scripts/build_chrome_corpus.html_pages, keep a block's inner white space)."""
    from scrapegate.checks import html
    from scrapegate.checks.document import Document

    return [" ".join(b.text.split()) for b in html.page(Document.from_text("page.html", source)).blocks
            if b.text.strip()]


def numbers(ranges: str) -> list[int]:
    """``"3,5-7"`` -> [3, 5, 6, 7]."""
    out: list[int] = []
    for part in filter(None, (p.strip() for p in ranges.split(","))):
        low, _, high = part.partition("-")
        out += range(int(low), int(high or low) + 1)
    return out


def hand_rows(path: Path, show, snapshot: str = SNAPSHOT, prefix: str = PREFIX) -> list[dict]:
    """Rows for the pages of a hand-label file (see the module docstring) of the snapshot ``snapshot``, ids
    starting with ``prefix`` (build_chrome_html2 reads its label files so too)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, site, url, genre, body, ambiguous = (f.strip() for f in line.split("|"))
        lines = block_lines(decoded(show(name)))
        keep, unsure = set(numbers(body)), set(numbers(ambiguous))
        if keep & unsure or max(keep | unsure) > len(lines):
            raise SystemExit(f"{name}: body and ambiguous overlap or run past the page's {len(lines)} lines")
        text = "\n".join(lines) + "\n"
        url = url or f"{snapshot}:{name}"
        rows.append({"id": prefix + hashlib.sha256(url.encode()).hexdigest()[:10], "url": url, "site": site,
                     "split": split_of(site), "script": guess_script(text), "genre": genre,
                     "source": f"{snapshot}:{name}", "lines": text.count("\n") + 1,
                     "chrome_lines": [n for n in range(1, len(lines) + 1) if n not in keep | unsure],
                     "ambiguous_lines": sorted(unsure)})
    return rows


def list_arguments(parser: argparse.ArgumentParser, name: str, mirror: str) -> None:
    """The options every builder of a list of snapshot pages takes: the snapshot's git directory, the corpus folder,
    the list (``chrome_eval.EXTRA_LISTS[name]``) and a hand-label file to add."""
    parser.add_argument("--mirror", type=Path, default=Path(mirror))
    parser.add_argument("--out", type=Path, default=EXTRA_LISTS[name].root)
    parser.add_argument("--listed", type=Path, default=EXTRA_LISTS[name].listed)
    parser.add_argument("--labels", type=Path, help="a hand-label file: its pages are added to the list")


def git_show(mirror: Path) -> Callable[[str], bytes]:
    """A reader of the snapshot's files at HEAD (a path -> its bytes)."""
    def show(name: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{name}"], check=True,
                              capture_output=True).stdout
    return show


def build(args: argparse.Namespace, show: Callable[[str], bytes], snapshot: str = SNAPSHOT,
          prefix: str = PREFIX) -> None:
    """Add the pages of ``args.labels`` to the list (when given) and write every listed page whose block count is
    still the listed one as ``<out>/html/<id>.html`` and ``<out>/texts/<id>.txt``."""
    rows = ([json.loads(ln) for ln in args.listed.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if args.listed.exists() else [])
    if args.labels:
        known = {row["id"] for row in rows}
        rows += [row for row in hand_rows(args.labels, show, snapshot, prefix) if row["id"] not in known]
        with open(args.listed, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    for folder in ("texts", "html"):
        (args.out / folder).mkdir(parents=True, exist_ok=True)
    written = 0
    for row in rows:
        source = decoded(show(row["source"].split(":", 2)[2]))
        lines = block_lines(source)
        if len(lines) + 1 != row["lines"]:
            print(f"{row['id']}: the page gives {len(lines)} blocks, not the labelled {row['lines'] - 1}: left out")
            continue
        (args.out / "texts" / f"{row['id']}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (args.out / "html" / f"{row['id']}.html").write_text(source, encoding="utf-8")
        written += 1
    print(f"{args.listed.name}: {len(rows)} rows, {written} pages written to {args.out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    list_arguments(parser, "gne", "/work/.mirror/GeneralNewsExtractor+GeneralNewsExtractor/repo")
    args = parser.parse_args()
    build(args, git_show(args.mirror))


if __name__ == "__main__":
    main()
