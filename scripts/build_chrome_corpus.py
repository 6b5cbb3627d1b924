"""Assemble the labelled chrome corpus (issue 11) outside the repository, and its URL/label list inside.

    python scripts/build_chrome_corpus.py [--shared /work/shared/corpus] [--pages DIR] [--out DIR]
    python scripts/build_chrome_corpus.py --extra fresh2     # one extra list (see write_extra_list)

Sources (third-party texts, never committed):

* ``--shared``: the shared development corpus (``index.jsonl`` + ``texts/``); its ``chrome_lines``
  (exact line texts) are mapped to line numbers (every occurrence of a chrome line is chrome; a bare
  value without Han between two chrome lines, a member panel's 3259, too: see ``_sandwiched_values``);
* ``--html-mirror``: a git snapshot of immortal-autumn/Chinese-Web-Content-Extraction-Dataset (69 real
  Chinese HTML pages, 2000s portals, blogs and forums, with each page's main text cut out by hand in
  ``cleaned/``). The page is decoded (its declared encoding) and read into blocks by
  :mod:`scrapegate.checks.html`; a block whose text (white space removed) lies in the hand-cut main text
  (a short one only in the stretch between the body blocks around it, see ``_aligned_windows``)
  is the page's own, a block with almost none of its 4-grams there is chrome, the rest (and the page's
  title, which the cut leaves out) ambiguous. Written twice: the page (``html/<id>.html``, UTF-8) and its
  blocks one a line (``texts/<id>.txt``), the same labels for both.
* ``--pages``: ``search_pages_*.txt`` files written while reading stored public web pages (the
  ``search`` tool's "pages" corpus): a page starts with ``=== <url> | <script> | <genre>`` (from
  chrome_fresh12 on ``=== <url> | <script> | <genre> | <query>``, the exact query that returned the page)
  and each following line is ``C|text`` (chrome), ``B|text`` (the page's own text) or ``A|text`` (either
  reading is defensible: left out of the scores). Pages are excerpts from the page's start (long pages
  abridged after a few paragraphs).

Writes ``<out>/texts/<id>.txt`` and ``<out>/labels.jsonl`` (id, url, site, split, script, genre, source,
chrome_lines, ambiguous_lines: 1-based line numbers) for the pages it could build. The repository's list,
``bench/corpora/chrome.jsonl``, is the reference: a rebuilt page keeps its listed id, split and labels and
is written only when its line count and labels equal the listed ones; a listed page that cannot be rebuilt
here (the search tool finds pages by meaning, not URL, so its pages are lost with their folder) keeps its
row and is counted missing; a page not listed yet is appended to the list with a new id. A page whose URL
is already in the shared corpus is skipped. The split is by site (host without ``www.``/``m.``): sha1 of the site, fixed thresholds, so
all pages of one site land in one split and a rebuild gives the same split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from chrome_eval import EXTRA_LISTS  # noqa: E402

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


_HAN = re.compile("[\u3400-\u9fff]")
VALUE_CHARS = 12


def _sandwiched_values(lines: list[str], chrome: set[int]) -> list[int]:
    """Lines (1-based) that are bare values between two chrome lines: a forum's member panel lists 威望 /
    3259 / 金钱 / 164 and the shared labels name the labels but not every number. A line of at most
    VALUE_CHARS characters without a Han character whose nearest non-blank lines are both chrome is the
    panel's too (a title between a breadcrumb and a date line has Han and stays as labelled)."""
    filled = [i + 1 for i, ln in enumerate(lines) if ln.strip()]
    out = []
    for k in range(1, len(filled) - 1):
        text = lines[filled[k] - 1].strip()
        if (filled[k] not in chrome and len(text) <= VALUE_CHARS and not _HAN.search(text)
                and filled[k - 1] in chrome and filled[k + 1] in chrome):
            out.append(filled[k])
    return out


def shared_pages(root: Path):
    for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (root / "texts" / row["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        wanted = {c.strip() for c in row["chrome_lines"] if c.strip()}
        chrome = [i + 1 for i, ln in enumerate(lines) if ln.strip() and ln.strip() in wanted]
        chrome = sorted(chrome + _sandwiched_values(lines, set(chrome)))
        script = row.get("script") or guess_script(text)
        yield {"url": row["url"], "source": f"shared:{row['file']}", "script": script,
               "genre": row.get("genre") or row["bucket"], "chrome_lines": chrome,
               "ambiguous_lines": [], "text": text}


def search_pages(folder: Path):
    for path in sorted(folder.glob("search_pages_*.txt")):
        yield from search_pages_file(path)


def search_pages_file(path: Path):
    """The pages of one ``search_pages_*.txt`` file (format in the module docstring)."""
    page = None
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("=== "):
            if page:
                yield page
            url, script, genre, *query = (part.strip() for part in raw[4:].split("|", 3))
            page = {"url": url, "source": f"search:{path.name}", "script": script, "genre": genre,
                    "chrome_lines": [], "ambiguous_lines": [], "lines": []}
            if query:
                page["query"] = query[0]
        elif page is not None and raw:
            label, text = raw[0], raw[2:]
            page["lines"].append(text)
            if label == "C" and text.strip():
                page["chrome_lines"].append(len(page["lines"]))
            elif label == "A" and text.strip():
                page["ambiguous_lines"].append(len(page["lines"]))
    if page:
        yield page


_WHITE = re.compile(r"\s+")
_WRAPPER = re.compile(r'^\s*<text id="([^"]*)"[^>]*?(?:encoding="([^"]*)")?[^>]*>', re.S)
_CANONICAL = re.compile(r'<link[^>]+rel="canonical"[^>]+href="(https?://[^"]+)"'
                        r'|<meta[^>]+property="og:url"[^>]+content="(https?://[^"]+)"', re.I)
_DATASET = "github:immortal-autumn/Chinese-Web-Content-Extraction-Dataset"
BODY_SHARE = 0.8
CHROME_SHARE = 0.2
"""A block with at least BODY_SHARE of its 4-grams in the hand-cut text is body, at most CHROME_SHARE chrome."""


def _grams(text: str) -> set[str]:
    return {text[k:k + 4] for k in range(max(1, len(text) - 3))}


ANCHOR_CHARS = 8
"""A block of at least this many characters found in the hand-cut text is body wherever it is; a shorter one
(社会, 29, 图片: a menu item, a calendar day) is found in any long text by chance, so it is body only where it
is found between the cut text's places of the body blocks around it (see :func:`_aligned_windows`)."""


def _aligned_windows(keys: list[str], gold: str) -> list[tuple[int, int]]:
    """For each block, the stretch of the hand-cut text where it may sit: from the end of the nearest anchor
    before it (a block of ANCHOR_CHARS or more characters found in the cut text after the anchor before it) to the start
    of the nearest anchor after it. The cut text keeps the page's order, so a short block outside that
    stretch is not the body's."""
    places: list[tuple[int, int] | None] = []
    cursor = 0
    for key in keys:
        # Left to right: a block repeated in the cut text (a table's 同上 row) anchors at its next place.
        at = gold.find(key, cursor) if len(key) >= ANCHOR_CHARS else -1
        places.append((at, at + len(key)) if at >= 0 else None)
        cursor = at + len(key) if at >= 0 else cursor
    windows = []
    for k in range(len(keys)):
        before = next((p for p in reversed(places[:k]) if p), None)
        after = next((p for p in places[k + 1:] if p), None)
        windows.append((before[1] if before else 0, after[0] if after else len(gold)))
    return windows


def html_pages(mirror: Path):
    """Pages of the Chinese-Web-Content-Extraction-Dataset snapshot, labelled by block (see the docstring)."""
    import subprocess

    from scrapegate.checks import html
    from scrapegate.checks.document import Document

    def show(path: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{path}"], check=True,
                              capture_output=True).stdout

    names = subprocess.run(["git", "--git-dir", str(mirror), "ls-tree", "-r", "--name-only", "HEAD", "original"],
                           check=True, capture_output=True, text=True).stdout.split()
    for name in sorted(names):
        raw = show(name)
        head = raw[:600].decode("ascii", "replace")
        wrapper = _WRAPPER.match(head)
        # The newer pages are bare HTML: their address is the canonical link, when they give one.
        canonical = _CANONICAL.search(raw[:20000].decode("utf-8", "replace"))
        url = wrapper.group(1) if wrapper else (canonical.group(1) or canonical.group(2)) if canonical else f"{_DATASET}:{name}"
        declared = (wrapper.group(2) or "").lower() if wrapper else ""
        encodings = {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8", "utf-8": "utf-8"}
        body = raw[len(wrapper.group(0).encode("ascii", "replace")):] if wrapper else raw
        source = None
        for encoding in (encodings.get(declared), "utf-8", "gb18030", "big5"):
            if encoding:
                try:
                    source = body.decode(encoding).lstrip("\ufeff")
                    break
                except UnicodeDecodeError:
                    continue
        if source is None:
            source = body.decode("gb18030", "replace")
        source = re.sub(r"</text>\s*$", "", source.strip()) + "\n"
        gold = _WHITE.sub("", show("cleaned/" + name.split("/")[-1].rsplit(".", 1)[0] + ".txt").decode("utf-8"))
        if not gold:
            continue
        gold_grams = _grams(gold)
        blocks = html.page(Document.from_text("page.html", source)).blocks
        title = re.search(r"<title[^>]*>(.*?)</title>", source, re.S | re.I)
        title_key = _WHITE.sub("", title.group(1)) if title else ""
        lines, chrome, ambiguous = [], [], []
        keys = [_WHITE.sub("", b.text) for b in blocks if b.text.strip()]
        windows = _aligned_windows(keys, gold)
        for block in blocks:
            text = block.text.strip()
            if not text:
                continue
            lines.append(text)
            key = keys[len(lines) - 1]
            grams = _grams(key)
            share = len(grams & gold_grams) / len(grams)
            start, end = windows[len(lines) - 1]
            if (key in gold and (len(key) >= ANCHOR_CHARS or gold.find(key, start, end) >= 0)) \
                    or share >= BODY_SHARE:
                continue
            if share <= CHROME_SHARE and not (title_key and (key in title_key or title_key in key)):
                chrome.append(len(lines))
            else:
                ambiguous.append(len(lines))
        text = "\n".join(lines) + "\n"
        yield {"url": url, "source": f"{_DATASET}:{name}",
               "script": guess_script(text), "genre": "web-page", "chrome_lines": chrome,
               "ambiguous_lines": ambiguous, "text": text, "html": source}


def _listed(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


LABEL_FIELDS = ("lines", "chrome_lines", "ambiguous_lines")

EXTRA_PREFIXES = {name: extra.prefix for name, extra in EXTRA_LISTS.items() if extra.prefix}
"""The extra labelled lists this builder writes (``bench/corpora/chrome_<name>.jsonl``) and their id prefixes
(named with the other lists in ``bench/chrome_eval.EXTRA_LISTS``)."""


def _row(page: dict, text: str) -> dict:
    """A listed row's fields for a page and its text (every list but the extra lists' id)."""
    site = site_of(page["url"])
    return {"url": page["url"], "site": site, "split": split_of(site), "script": page["script"],
            "genre": page["genre"], "source": page["source"], "lines": text.count("\n") + 1,
            "chrome_lines": page["chrome_lines"], "ambiguous_lines": page["ambiguous_lines"]}


def write_extra_list(name: str, root: Path, listed: Path) -> None:
    """Rows of ``bench/corpora/chrome_<name>.jsonl`` from ``<root>/<name>/search_pages_<name>.txt`` (the
    ``search_pages`` format), and its texts as ``<root>/<name>/texts/<id>.txt`` (the layout
    ``bench/chrome_eval.load_extra_pages`` reads). A listed row never changes: a page whose URL is listed
    must rebuild to the same line count and labels, a new page is appended (id: the prefix and the first 10
    hex digits of sha256 of its URL; site and split as for every list). A page whose header names its query
    also gets ``query``, ``search_corpus`` ("pages") and ``text_sha1`` (sha1 of the text written, UTF-8), so a
    lost text is found again with one search and checked byte for byte."""
    folder = root / name
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = _listed(listed)
    by_url = {row["url"]: row for row in rows}
    added = 0
    for page in search_pages_file(folder / f"search_pages_{name}.txt"):
        text = "\n".join(page.pop("lines")) + "\n"
        query = page.pop("query", None)
        row = {"id": EXTRA_PREFIXES[name] + hashlib.sha256(page["url"].encode()).hexdigest()[:10],
               **_row(page, text)}
        if query is not None:
            row.update(query=query, search_corpus="pages", text_sha1=hashlib.sha1(text.encode()).hexdigest())
        old = by_url.get(row["url"])
        if old is not None and any(old.get(k) != row.get(k) for k in (*LABEL_FIELDS, "text_sha1")):
            raise SystemExit(f"{old['id']}: the text here does not rebuild the listed labels")
        if old is None:
            rows.append(row)
            by_url[row["url"]] = row
            added += 1
        (folder / "texts" / f"{row['id']}.txt").write_text(text, encoding="utf-8")
    with open(listed, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{listed.name}: {len(rows)} rows ({added} new), texts in {folder / 'texts'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--html-mirror", type=Path,
                        default=Path("/work/.mirror/immortal-autumn+Chinese-Web-Content-Extraction-Dataset/repo"))
    parser.add_argument("--pages", type=Path, default=Path("/work/corpora/chrome"))
    parser.add_argument("--out", type=Path, default=Path("/work/corpora/chrome"))
    parser.add_argument("--listed", type=Path, default=REPO / "bench" / "corpora" / "chrome.jsonl")
    parser.add_argument("--extra", choices=sorted(EXTRA_PREFIXES),
                        help="write only this extra list (bench/corpora/chrome_<name>.jsonl) from <out>/<name>/")
    args = parser.parse_args()
    if args.extra:
        write_extra_list(args.extra, args.out, REPO / "bench" / "corpora" / f"chrome_{args.extra}.jsonl")
        return

    (args.out / "texts").mkdir(parents=True, exist_ok=True)
    (args.out / "html").mkdir(parents=True, exist_ok=True)
    # The repository's list is the reference: a page rebuilt from its source keeps its listed id, split
    # and labels; a listed page whose text cannot be rebuilt here (a search-tool page) keeps its row and
    # is reported missing; only a page not listed yet gets a new row (and id).
    listed = _listed(args.listed)
    by_url = {row["url"]: row for row in listed}
    # Pages another list holds (chrome_fresh.jsonl: the collector's fresh pages, read from the same
    # search_pages_*.txt format in the same folder) are that list's, never appended to this one.
    elsewhere = {row["url"] for other in sorted(args.listed.parent.glob("chrome_*.jsonl"))
                 if other != args.listed for row in _listed(other) if "url" in row}  # not chrome_review.jsonl
    taken = {row["id"] for row in listed}
    pages = list(shared_pages(args.shared)) + list(search_pages(args.pages))
    if args.html_mirror.exists():
        pages += list(html_pages(args.html_mirror))
    built: dict[str, dict] = {}
    added = 0
    mismatched = []
    skipped_elsewhere = 0
    for page in pages:
        if page["url"] in built:
            continue
        if page["url"] in elsewhere and page["url"] not in by_url:
            skipped_elsewhere += 1
            continue
        if "lines" in page:
            page["text"] = "\n".join(page.pop("lines")) + "\n"
        text = page.pop("text")
        source = page.pop("html", None)
        row = _row(page, text)
        old = by_url.get(page["url"])
        if old is not None:
            # The listed labels number the lines of the text they were made on: a text rebuilt with
            # another line count (or other labels) is not that text, and is not written.
            if any(old[k] != row[k] for k in LABEL_FIELDS):
                mismatched.append(f"{old['id']}: {old['lines']} lines listed, {row['lines']} rebuilt")
                built[page["url"]] = {}
                continue
            page_id = old["id"]
            row = {k: v for k, v in old.items() if k != "missing"}
            row["id"] = page_id
        else:
            page_id = next(f"p{k:03d}" for k in range(len(taken) + 1) if f"p{k:03d}" not in taken)
            taken.add(page_id)
            row = {"id": page_id, **row}
            listed.append(row)
            by_url[row["url"]] = row
            added += 1
        (args.out / "texts" / f"{page_id}.txt").write_text(text, encoding="utf-8")
        if source is not None:
            (args.out / "html" / f"{page_id}.html").write_text(source, encoding="utf-8")
            row["html"] = f"html/{page_id}.html"
        built[page["url"]] = row
    rows = [built[row["url"]] for row in listed if built.get(row["url"])]
    with open(args.out / "labels.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({**row, "text": f"texts/{row['id']}.txt"}, ensure_ascii=False) + "\n")
    if added:
        with open(args.listed, "w", encoding="utf-8") as out:
            for row in listed:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    missing = [row for row in listed if not built.get(row["url"])]
    by_split: dict[str, list] = {}
    for row in rows:
        by_split.setdefault(row["split"], []).append(row)
    for split, members in sorted(by_split.items()):
        sites = {r["site"] for r in members}
        trad = sum(r["script"] == "traditional" for r in members)
        chrome = sum(bool(r["chrome_lines"]) for r in members)
        gone = sum(r["split"] == split for r in missing)
        print(f"{split:<6} {len(members):4d} pages {len(sites):4d} sites {trad:3d} traditional "
              f"{chrome:4d} with chrome; {gone} listed pages without a text here")
    print(f"{len(rows)} of {len(listed)} listed pages written to {args.out}, {added} new; "
          f"{len(missing)} missing (labels kept in {args.listed.name}: "
          + ", ".join(f"{k} {sum(r['source'].split(':')[0] == k for r in missing)}"
                      for k in sorted({r['source'].split(':')[0] for r in missing})) + ")")
    if skipped_elsewhere:
        print(f"{skipped_elsewhere} pages of search_pages_*.txt skipped: listed in another chrome_*.jsonl")
    for line in mismatched:
        print(f"  not written, line count or labels differ from the list: {line}")


if __name__ == "__main__":
    main()
