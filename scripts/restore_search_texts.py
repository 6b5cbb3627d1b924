"""Give lost search-tool page texts back to the chrome and region lists (issues 11 and 13) from saved look-ups.

    python scripts/restore_search_texts.py FOUND.jsonl [FOUND.jsonl ...] [--corpora /work/corpora] [--reading READING.json ...]

(the sessions' files in order, e.g. ``/work/corpora/restore29/found.jsonl /work/corpora/restore30/found.jsonl
/work/corpora/restore31/found.jsonl``)

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
  ``search_pages_*.jsonl`` that ``build_region_corpus.py`` reads;
* truncation (the real search-page rows of ``truncation.jsonl`` and ``truncation_fresh4/15/26/27.jsonl``): the text
  is the excerpt's non-blank lines, each as the tool gave it (the builders' pages-file convention), written to the
  row's ``file`` under ``<corpora>/truncation``. fresh26 and fresh27 also hold copies the builder derives from each
  complete page (footer, HTML, pack, cuts): the page is added to ``<name>/pages_<name>.txt`` with the row's labels
  and query, the set's builder is run on those pages into a scratch folder, and only when every row it makes
  equals the committed row of that id (labels, ``ending``, ``numbering``, cut positions) is it run for real
  (texts and packs; the committed list is not rewritten). ``truncation.jsonl``'s search pages are the excerpt as the
  tool gave it, blank lines kept (``build_truncation_corpus.py --pages`` kept the whole excerpt), and their copies
  (``c-footer``, ``c-html``, ``c-pack``, ``c-table``, ``c-trad``, ``x-*``) are made again by that builder's
  ``generate`` (seed 12, one stream per page id): a page is written with its copies only when the rows ``generate``
  makes from it equal the page's committed rows (ids, labels, formats, files), else refused. A row that has a query
  keeps it (the query that found the page again, when another, is ``restore_query``).

The row gets ``query``, ``search_corpus`` and ``text_sha1`` (sha1 of the text, UTF-8), so that a later reset is
undone with one search and a byte-for-byte check, and ``label_check`` where ``READING.json`` (``{id: {"keep": [...],
"label_check": note}}``) says the text contradicts or strains its label or was abridged to fit it (the label is kept).
Prints what it restored and what it refused.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from build_chrome_corpus import search_pages_file  # noqa: E402
from build_region_corpus import FRESH_SETS  # noqa: E402
from chrome_eval import EXTRA_LISTS  # noqa: E402
from restore_spam_texts import read_rows, url_key  # noqa: E402


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


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


TRUNCATION_LISTS = {"truncation.jsonl": "", "truncation_fresh4.jsonl": "fresh4", "truncation_fresh15.jsonl": "fresh15",
                    "truncation_fresh26.jsonl": "fresh26", "truncation_fresh27.jsonl": "fresh27"}
COPYING_BUILDERS = {"fresh26": "build_truncation_fresh26", "fresh27": "build_truncation_fresh27"}
CUT_LABEL = {(False, False): "complete", (False, True): "cut-end", (True, False): "cut-start", (True, True): "cut-both"}


def truncation_text(excerpt: str) -> str | None:
    """A truncation page's text from its excerpt (non-blank lines as given), or None when a line would read as a
    pages-file header."""
    lines = [line for line in excerpt.split("\n") if line.strip()]
    if not lines or any(line.startswith("=== ") for line in lines) or lines[0].startswith(("# query: ", "# source: ")):
        return None
    return "\n".join(lines) + "\n"


def truncation_page_block(row: dict, text: str) -> str:
    """The page as a ``pages_<name>.txt`` of ``build_truncation_fresh.py``'s format holds it, with the row's labels."""
    label = CUT_LABEL[(bool(row["cut_start"]), bool(row["cut_end"]))]
    publisher = row.get("publisher") or row["site"]
    return (f"=== {row['url']} | {row['script']} | {row['genre']} | {label} | {row['province'] or ''} | {publisher}\n"
            f"# query: {row['query']}\n{text}")


def rebuild_with_copies(corpus: Path, name: str, blocks: list[str], committed: list[dict]) -> list[str]:
    """Add ``blocks`` to ``<corpus>/<name>/pages_<name>.txt`` and run the set's builder (texts, copies, packs) when
    a scratch build of the pages makes exactly the committed rows of their ids; else return the differences and
    change nothing."""
    builder = importlib.import_module(COPYING_BUILDERS[name])
    fields = (lambda text: {"numbering": builder.numbering(text)}) if hasattr(builder, "numbering") else (lambda text: {})
    pages = corpus / name / f"pages_{name}.txt"
    text = (pages.read_text(encoding="utf-8") if pages.is_file() else "") + "".join(blocks)
    by_id = {row["id"]: row for row in committed}
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / name).mkdir()
        (Path(scratch) / name / pages.name).write_text(text, encoding="utf-8")
        builder.build(Path(scratch), Path(scratch) / "labels.jsonl", name, builder.SEED, builder.split_of,
                      lambda publisher: False, fields)
        built = read_rows(Path(scratch) / "labels.jsonl")
    for row in built:
        old = by_id.get(row["id"])
        if old is None:
            problems.append(f"{row['id']}: not a committed row")
            continue
        diff = sorted(k for k in row if old.get(k) != row[k])
        if diff:
            problems.append(f"{row['id']}: {', '.join(diff)} differ from the committed row")
    if problems:
        return problems
    pages.parent.mkdir(parents=True, exist_ok=True)
    pages.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        builder.build(corpus, Path(scratch) / "labels.jsonl", name, builder.SEED, builder.split_of,
                      lambda publisher: False, fields)
    return []


CORPUS_SEED = 12
"""The seed ``build_truncation_corpus.py`` built ``truncation.jsonl`` with (its default)."""


def main_copies(row: dict, text: str) -> list[tuple[dict, str]]:
    """(row, file content) of every copy ``build_truncation_corpus.generate`` makes of the page ``row`` (a
    ``truncation.jsonl`` c-plain row) with ``text``: the page itself, its complete copies and its cuts, in the
    builder's order, each row with the builder's ``file`` and ``format`` (a pack copy's content is its record's
    text)."""
    import random

    builder = importlib.import_module("build_truncation_corpus")
    extra = {"added": row["added"]} if "added" in row else {}
    src = builder.Source(row["parent"], text, row["url"], row["site"], row["genre"], row["script"], row["province"],
                         row["source"], extra=extra)
    pool = "test" if row["split"] == "test" else "fit"
    base = {"source": src.origin, "url": src.url, "site": src.site, "split": row["split"], "genre": src.genre,
            "script": src.script, "province": src.province, **extra}
    out = []
    for suffix, labels, made in builder.generate(src, pool, random.Random(f"{CORPUS_SEED}:{src.id}")):
        copy, fmt = builder.copy_row(base, src.id, suffix, labels, "real" if suffix == "c-plain" else "derived")
        copy["format"] = fmt
        if fmt == "html":
            copy["file"] = f"texts/{copy['id']}.html"
            made = builder.to_html(made, made.strip().split("\n")[0][:60])
        elif fmt == "pack":
            copy["file"] = f"packs/{row['split']}.jsonl#{copy['id']}"
        else:
            copy["file"] = f"texts/{copy['id']}.txt"
        out.append((copy, made))
    return out


def write_with_copies(corpus: Path, row: dict, text: str, committed: list[dict]) -> list[str]:
    """Write the ``truncation.jsonl`` page ``row`` (its text) and its copies under ``corpus`` when the rows
    :func:`main_copies` makes equal the committed rows of the page (a pack copy replaces its record in the split's
    pack); else return the differences and write nothing."""
    made = main_copies(row, text)
    mine = {old["id"]: old for old in committed if old["parent"] == row["parent"]}
    problems = [f"{row['parent']}: the builder makes {sorted(set(c['id'] for c, _ in made) ^ set(mine))} "
                f"(only one side)"] if {c["id"] for c, _ in made} != set(mine) else []
    restored_keys = ("query", "search_corpus", "text_sha1", "restore_query", "label_check")
    for copy, _ in made:
        old = mine.get(copy["id"], {})
        diff = sorted(k for k in set(copy) | set(old) if k not in restored_keys and copy.get(k) != old.get(k))
        if old and diff:
            problems.append(f"{copy['id']}: {', '.join(diff)} differ from the committed row")
    if problems:
        return problems
    packs: dict[str, list[dict]] = {}
    for copy, content in made:
        if "#" in copy["file"]:
            pack, rid = copy["file"].split("#", 1)
            if pack not in packs:
                packs[pack] = read_rows(corpus / pack) if (corpus / pack).is_file() else []
            packs[pack] = [r for r in packs[pack] if r["id"] != rid] + [{"id": rid, "text": content, "url": copy["url"]}]
        else:
            (corpus / copy["file"]).parent.mkdir(parents=True, exist_ok=True)
            (corpus / copy["file"]).write_text(content, encoding="utf-8")
    for pack, records in packs.items():
        (corpus / pack).parent.mkdir(parents=True, exist_ok=True)
        write_jsonl(corpus / pack, records)
    return []


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
                 region_sets: dict[Path, Path], truncation_lists: dict[Path, str] | None = None) -> None:
        self.corpora = corpora
        self.reading = reading
        self.lists: dict[Path, list[dict]] = {}
        self.by_address: dict[str, list[tuple[tuple[str, str], Path, dict]]] = {}
        self.chrome_blocks: dict[str, list[str]] = {}
        self.region_texts: dict[Path, list[dict]] = {}
        self.truncation_pages: dict[Path, list[tuple[dict, str]]] = {}
        self.truncation_names: dict[Path, str] = {}
        self.restored: list[str] = []
        self.restored_ids: set[str] = set()
        self.refused: list[str] = []
        for name, listed in chrome_lists.items():
            self._index(("chrome", name), listed)
        for listed, texts in region_sets.items():
            self._index(("region", str(texts)), listed)
        for listed, name in (truncation_lists or {}).items():
            self.truncation_names[listed] = name
            self._index(("truncation", name), listed)

    def _index(self, target: tuple[str, str], listed: Path) -> None:
        rows = read_rows(listed)
        self.lists[listed] = rows
        for row in rows:
            if target[0] == "truncation" and (row.get("origin") != "real" or not row.get("source", "").startswith(
                    "search-pages")):
                continue
            if "text_sha1" not in row and row.get("source", "search").startswith("search"):
                self.by_address.setdefault(url_key(row["url"]), []).append((target, listed, row))

    def take(self, found: dict) -> None:
        for (kind, where), listed, row in self.by_address.get(url_key(found["url"]), []):
            if "text_sha1" in row:
                continue
            if kind == "chrome":
                text, why = chrome_text(found["excerpt"], row, self.reading.get(row["id"], {}).get("keep"))
                if text is None:
                    self.refused.append(f"{listed.name} {row['id']} ({row['split']}): {why}")
                    continue
                self.chrome_blocks.setdefault(where, []).append(chrome_page_block(row, text, found["query"]))
            elif kind == "truncation":
                text = found["excerpt"] if where == "" else truncation_text(found["excerpt"])
                if text is None:
                    self.refused.append(f"{listed.name} {row['id']} ({row['split']}): a line reads as a pages-file header")
                    continue
                self.truncation_pages.setdefault(listed, []).append((row, text))
                if row.get("query") and row["query"] != found["query"]:
                    row["restore_query"] = found["query"]
                row.update(query=row.get("query") or found["query"], search_corpus=found["search_corpus"],
                           text_sha1=sha1(text))
                self.restored.append(f"{listed.name} {row['id']} ({row['split']})")
                self.restored_ids.add(row["id"])
                continue
            else:
                text = found["excerpt"]
                self.region_texts.setdefault(Path(where), []).append(
                    {"id": row["id"], "url": row["url"], "text": text})
            row.update(query=found["query"], search_corpus=found["search_corpus"], text_sha1=sha1(text))
            self.restored.append(f"{listed.name} {row['id']} ({row['split']})")
            self.restored_ids.add(row["id"])

    def _take_back(self, listed: Path, row: dict) -> None:
        """Undo :meth:`take` for a truncation row whose builder refused the page: the row as committed, not restored."""
        for key in ("search_corpus", "text_sha1", "restore_query"):
            row.pop(key, None)
        self.restored_ids.discard(row["id"])
        self.restored.remove(f"{listed.name} {row['id']} ({row['split']})")

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
            write_jsonl(path, read_rows(path) + items)
        for listed, found_pages in self.truncation_pages.items():
            name = self.truncation_names[listed]
            if name in COPYING_BUILDERS:
                problems = rebuild_with_copies(self.corpora / "truncation", name,
                                               [truncation_page_block(row, text) for row, text in found_pages],
                                               self.lists[listed])
                for row, _ in found_pages if problems else ():
                    self._take_back(listed, row)
                self.refused.extend(f"{listed.name}: {problem}" for problem in problems)
                continue
            if name == "":
                for row, text in found_pages:
                    problems = write_with_copies(self.corpora / "truncation", row, text, self.lists[listed])
                    if problems:
                        self._take_back(listed, row)
                        self.refused.extend(f"{listed.name}: {problem}" for problem in problems)
                continue
            for row, text in found_pages:
                path = self.corpora / "truncation" / row["file"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        for listed, rows in self.lists.items():
            checked = [row for row in rows if "text_sha1" in row and "label_check" in self.reading.get(row["id"], {})
                       and row.get("label_check") != self.reading[row["id"]]["label_check"]]
            for row in checked:
                row["label_check"] = self.reading[row["id"]]["label_check"]
            if checked or any(row["id"] in self.restored_ids for row in rows):
                write_jsonl(listed, rows)


def saved_results(paths: list[Path]) -> list[dict]:
    """The saved look-ups of several ``FOUND.jsonl`` files (one per session), in order: an earlier session's result
    for an address comes first, so it keeps the text it gave."""
    return [found for path in paths for found in read_rows(path)]


def readings(paths: list[Path]) -> dict[str, dict]:
    """The ``READING.json`` files merged by row id, a later file's entry replacing an earlier one's."""
    merged: dict[str, dict] = {}
    for path in paths:
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("found", type=Path, nargs="+", help="saved look-ups, read in order (one session's after another's)")
    parser.add_argument("--corpora", type=Path, default=Path("/work/corpora"))
    parser.add_argument("--reading", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    reading = readings(args.reading)
    chrome_lists = {name: extra.listed for name, extra in EXTRA_LISTS.items() if extra.prefix}
    region_sets = {listed: args.corpora / "region" / texts for listed, texts, _, _ in FRESH_SETS}
    corpora_dir = ROOT / "bench" / "corpora"
    truncation_lists = {corpora_dir / listed: name for listed, name in TRUNCATION_LISTS.items()}
    restorer = Restorer(args.corpora, reading, chrome_lists, region_sets, truncation_lists)
    for found in saved_results(args.found):
        restorer.take(found)
    restorer.write()
    for line in restorer.restored:
        print("restored", line)
    for line in restorer.refused:
        print("refused ", line)
    print(f"{len(restorer.restored)} restored, {len(restorer.refused)} refused")


if __name__ == "__main__":
    main()
