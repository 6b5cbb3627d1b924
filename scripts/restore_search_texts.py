"""Give lost search-tool page texts back to the chrome and region lists (issues 11 and 13) from saved look-ups.

    python scripts/restore_search_texts.py FOUND.jsonl [--corpora /work/corpora] [--reading READING.json]

The texts of the chrome lists' and region_fresh lists' search-tool pages were lost in a machine reset; their rows
(URL, site, split, labels) are committed. ``FOUND.jsonl`` holds search results saved while looking for them, one a
line: ``{"query", "search_corpus", "url", "excerpt"}`` (the exact query sent, the corpus, ``pages``, the result's
address and its excerpt as the tool returned it). A result gives its text to a listed row that has none only when
its address is the row's URL (scheme and a trailing slash aside); the first such result wins.

* chrome (``bench/chrome_eval.EXTRA_LISTS`` built from ``search_pages_<name>.txt``): the labels number the lines
  of the excerpt's opening, so the text is the excerpt's first non-blank lines (a line of white space only is
  blank), as many as the row numbers, each as the tool gave it (the lists left out the line the tool cut and, on
  long pages, the rest); an excerpt with fewer lines is refused. Whether the labels fit the lines is checked by
  reading: where they fit only with body paragraphs left out inside (the lists abridged long pages), the
  reading names the excerpt lines kept (``keep``, 1-based among its non-blank lines). The page is added to ``<corpora>/chrome/<name>/search_pages_<name>.txt`` with the
  row's labels (``C``/``B``/``A``) and its query, so ``build_chrome_corpus.py --extra <name>`` writes it;
* region (``build_region_corpus.FRESH_SETS``): the text is the whole excerpt, added to the set's
  ``search_pages_*.jsonl`` that ``build_region_corpus.py`` reads.

The row gets ``query``, ``search_corpus`` and ``text_sha1`` (sha1 of the text, UTF-8), so that a later reset is
undone with one search and a byte-for-byte check, and ``label_check`` where ``READING.json`` (``{id: {"keep": [...],
"label_check": note}}``) says the text contradicts or strains its label or was abridged to fit it (the label is kept).
Prints what it restored and what it refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from build_chrome_corpus import search_pages_file  # noqa: E402
from build_region_corpus import FRESH_SETS  # noqa: E402
from chrome_eval import EXTRA_LISTS  # noqa: E402


def address(url: str) -> str:
    """A URL without its scheme and trailing slash: two addresses are one page when these are equal."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
            break
    return url.rstrip("/")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows one JSON object a line, atomically (a temporary file renamed over the old one)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    tmp.replace(path)


def chrome_text(excerpt: str, row: dict, keep: list[int] | None = None) -> tuple[str | None, str]:
    """The labelled text of a chrome row from its excerpt (its first lines, as many as the row numbers, or the
    lines ``keep`` names), or None and why not."""
    lines = [line for line in excerpt.split("\n") if line.strip()]
    if keep is not None:
        lines = [lines[n - 1] for n in keep if n <= len(lines)]
    wanted = row["lines"] - 1
    if len(lines) < wanted:
        return None, f"the excerpt has {len(lines)} non-blank lines, the row numbers {wanted}"
    return "\n".join(lines[:wanted]) + "\n", ""


def chrome_page_block(row: dict, text: str, query: str) -> str:
    """The page as ``search_pages_<name>.txt`` holds it: header with the query, then labelled lines."""
    chrome, ambiguous = set(row["chrome_lines"]), set(row["ambiguous_lines"])
    out = [f"=== {row['url']} | {row['script']} | {row['genre']} | {query}"]
    for n, line in enumerate(text[:-1].split("\n"), 1):
        out.append(("C" if n in chrome else "A" if n in ambiguous else "B") + "|" + line)
    return "\n".join(out) + "\n"


class Restorer:
    """Rows without a text, by address, of the chrome lists (name -> list file) and region sets (list file -> the
    ``search_pages_*.jsonl`` its builder reads); :meth:`take` gives them saved results, :meth:`write` writes."""

    def __init__(self, corpora: Path, reading: dict[str, dict], chrome_lists: dict[str, Path],
                 region_sets: dict[Path, Path]) -> None:
        self.corpora = corpora
        self.reading = reading
        self.lists: dict[Path, list[dict]] = {}
        self.by_address: dict[str, list[tuple[tuple[str, str], Path, dict]]] = {}
        self.chrome_blocks: dict[str, list[str]] = {}
        self.region_texts: dict[Path, list[dict]] = {}
        self.restored: list[str] = []
        self.restored_ids: set[str] = set()
        self.refused: list[str] = []
        for name, listed in chrome_lists.items():
            self._index(("chrome", name), listed)
        for listed, texts in region_sets.items():
            self._index(("region", str(texts)), listed)

    def _index(self, target: tuple[str, str], listed: Path) -> None:
        rows = read_jsonl(listed)
        self.lists[listed] = rows
        for row in rows:
            if "text_sha1" not in row and row.get("source", "search").startswith("search"):
                self.by_address.setdefault(address(row["url"]), []).append((target, listed, row))

    def take(self, found: dict) -> None:
        for (kind, where), listed, row in self.by_address.get(address(found["url"]), []):
            if "text_sha1" in row:
                continue
            if kind == "chrome":
                text, why = chrome_text(found["excerpt"], row, self.reading.get(row["id"], {}).get("keep"))
                if text is None:
                    self.refused.append(f"{listed.name} {row['id']} ({row['split']}): {why}")
                    continue
                self.chrome_blocks.setdefault(where, []).append(chrome_page_block(row, text, found["query"]))
            else:
                text = found["excerpt"]
                self.region_texts.setdefault(Path(where), []).append(
                    {"id": row["id"], "url": row["url"], "text": text})
            row.update(query=found["query"], search_corpus=found["search_corpus"], text_sha1=sha1(text))
            self.restored.append(f"{listed.name} {row['id']} ({row['split']})")
            self.restored_ids.add(row["id"])

    def write(self) -> None:
        for name, blocks in self.chrome_blocks.items():
            folder = self.corpora / "chrome" / name
            folder.mkdir(parents=True, exist_ok=True)
            pages = folder / f"search_pages_{name}.txt"
            old = pages.read_text(encoding="utf-8") if pages.is_file() else ""
            tmp = pages.with_name(pages.name + ".tmp")
            tmp.write_text(old + "".join(blocks), encoding="utf-8")
            list(search_pages_file(tmp))  # the builder reads what was written
            tmp.replace(pages)
        for path, items in self.region_texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_jsonl(path, read_jsonl(path) + items)
        for listed, rows in self.lists.items():
            checked = [row for row in rows if "text_sha1" in row and "label_check" in self.reading.get(row["id"], {})
                       and row.get("label_check") != self.reading[row["id"]]["label_check"]]
            for row in checked:
                row["label_check"] = self.reading[row["id"]]["label_check"]
            if checked or any(row["id"] in self.restored_ids for row in rows):
                write_jsonl(listed, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("found", type=Path)
    parser.add_argument("--corpora", type=Path, default=Path("/work/corpora"))
    parser.add_argument("--reading", type=Path)
    args = parser.parse_args()
    reading = json.loads(args.reading.read_text(encoding="utf-8")) if args.reading else {}
    chrome_lists = {name: extra.listed for name, extra in EXTRA_LISTS.items() if extra.prefix}
    region_sets = {listed: args.corpora / "region" / texts for listed, texts, _, _ in FRESH_SETS}
    restorer = Restorer(args.corpora, reading, chrome_lists, region_sets)
    for found in read_jsonl(args.found):
        restorer.take(found)
    restorer.write()
    for line in restorer.restored:
        print("restored", line)
    for line in restorer.refused:
        print("refused ", line)
    print(f"{len(restorer.restored)} restored, {len(restorer.refused)} refused")


if __name__ == "__main__":
    main()
