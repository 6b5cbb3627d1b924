"""Scoring of chrome detection against the labelled chrome corpus (shared by bench_chrome and training).

A page's labels are 1-based line numbers (``chrome_lines``, ``ambiguous_lines``); every other non-blank
line is the page's own text. A line's characters (stripped of surrounding white space) count as
removed when a chrome span covers them. Ambiguous lines are left out of every figure.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CORPUS = Path("/work/corpora/chrome")
LISTED = Path(__file__).resolve().parent / "corpora" / "chrome.jsonl"
"""The labelled pages (URLs, sites, splits, labels): the reference for every figure."""
REVIEW = LISTED.parent / "chrome_review.jsonl"
"""Reviewed labels of train and dev pages (id, label C/A/B, line numbers or "all", reason): applied over
the listed labels when the pages are read, so the builder's list stays what the sources give. A review
of a test page is refused (the test split is never relabelled)."""
CONVENTION = LISTED.parent / "chrome_convention.jsonl"
"""Label conventions settled after a list was made (id, label, line numbers, convention, reason), applied to the
lines they name in every list and every split, test included: one reading applied to all lists alike, not a
review of a page's labels. ``credit``: a line made only of credits (bylines, editor and source credits) is chrome,
as every fresh list labels it (bench/corpora/CHROME.md, session 13); ``caption``: a photo caption that ends on its
photographer's credit is body (session 14)."""
CONVENTIONS = frozenset({"credit", "caption", "title_echo"})
"""The settled conventions a row of :data:`CONVENTION` may name."""


def reviewed(page_id: str, split: str, chrome: set[int], ambiguous: set[int], lines: int,
             review: Path = REVIEW) -> tuple[set[int], set[int]]:
    """``chrome`` and ``ambiguous`` with the review's rows for ``page_id`` applied in file order."""
    for row in _rows_by_id(review).get(page_id, ()):
        if split == "test":
            raise ValueError(f"{review.name} relabels test page {page_id}: the test split is never reviewed")
        numbers = set(range(1, lines + 1)) if row["lines"] == "all" else set(row["lines"])
        chrome, ambiguous = _relabel(chrome, ambiguous, row["label"], numbers)
    return chrome, ambiguous


def conventional(page_id: str, chrome: set[int], ambiguous: set[int],
                 convention: Path = CONVENTION) -> tuple[set[int], set[int]]:
    """``chrome`` and ``ambiguous`` with the convention rows naming ``page_id`` applied (any split)."""
    for row in _rows_by_id(convention).get(page_id, ()):
        chrome, ambiguous = _relabel(chrome, ambiguous, row["label"], set(row["lines"]))
    return chrome, ambiguous


def _relabel(chrome: set[int], ambiguous: set[int], label: str, numbers: set[int]) -> tuple[set[int], set[int]]:
    """New sets: ``numbers`` taken out of both and put under ``label`` (C chrome, A ambiguous, B body)."""
    chrome, ambiguous = chrome - numbers, ambiguous - numbers
    {"C": chrome, "A": ambiguous, "B": set()}[label].update(numbers)
    return chrome, ambiguous


def _rows_by_id(path: Path) -> dict[str, list[dict]]:
    """A relabelling file's rows by page id, in file order (none without the file); read once per version."""
    return _parsed_rows(path, path.stat().st_mtime_ns) if path.exists() else {}


@lru_cache(maxsize=8)
def _parsed_rows(path: Path, version: int) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows.setdefault(row["id"], []).append(row)
    return rows


@dataclass
class Page:
    id: str
    url: str
    site: str
    split: str
    script: str
    genre: str
    text: str
    chrome: set[int]
    ambiguous: set[int]
    html: str | None = None
    """The page's HTML source when it was labelled as HTML (its text is then its blocks, one a line)."""


def load_pages(root: Path = CORPUS, split: str | None = None, quiet: bool = False,
               listed: Path = LISTED, conventions: bool = True) -> list[Page]:
    """The listed pages (``bench/corpora/chrome.jsonl``: labels, split) whose text is in ``root``
    (``scripts/build_chrome_corpus.py`` writes it). A listed page without a text there (a search-tool page
    not found again), or whose text has another line count than its labels number, is skipped and counted
    on stderr; its labels stay in the list. ``conventions=False`` reads the labels without the
    :data:`CONVENTION` rows (figures under the lists' own readings)."""
    pages = []
    skipped: list[str] = []
    for line in listed.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if split and row["split"] != split:
            continue
        page_id = row["id"]
        path = root / "texts" / f"{page_id}.txt"
        if not path.exists():
            skipped.append(row["source"].split(":")[0])
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") + 1 != row["lines"]:
            skipped.append("line count differs")
            continue
        html_path = root / "html" / f"{page_id}.html"
        source = html_path.read_text(encoding="utf-8") if html_path.exists() else None
        chrome, ambiguous = set(row["chrome_lines"]), set(row["ambiguous_lines"])
        if listed == LISTED:
            chrome, ambiguous = reviewed(page_id, row["split"], chrome, ambiguous, row["lines"])
        if conventions and listed.parent == LISTED.parent:
            chrome, ambiguous = conventional(page_id, chrome, ambiguous)
        pages.append(Page(page_id, row["url"], row["site"], row["split"], row["script"], row["genre"],
                          text, chrome, ambiguous, source))
    if skipped and not quiet:
        counts = ", ".join(f"{k} {skipped.count(k)}" for k in sorted(set(skipped)))
        print(f"[chrome corpus] {split or 'all'}: {len(pages)} pages read, {len(skipped)} listed pages skipped "
              f"({counts}; no text in {root} or not the labelled text)", file=sys.stderr)
    return pages


@dataclass(frozen=True)
class ExtraList:
    """A labelled list beside chrome.jsonl: its rows, the folder holding its texts as ``texts/<id>.txt``, what it
    holds, and the id prefix of the lists ``scripts/build_chrome_corpus.py --extra`` writes (None: built otherwise)."""
    listed: Path
    root: Path
    about: str
    prefix: str | None = None


EXTRA_LISTS = {
    "fresh": ExtraList(LISTED.parent / "chrome_fresh.jsonl", CORPUS / "fresh", "sites in no other corpus", "cf_"),
    "more": ExtraList(LISTED.parent / "chrome_more.jsonl", CORPUS / "more", "more sites in no other corpus", "cm_"),
    "fresh2": ExtraList(LISTED.parent / "chrome_fresh2.jsonl", CORPUS / "fresh2", "sites in no earlier list", "cf2_"),
    "fresh3": ExtraList(LISTED.parent / "chrome_fresh3.jsonl", CORPUS / "fresh3", "sites in no earlier list, later",
                        "cf3_"),
    "fresh4": ExtraList(LISTED.parent / "chrome_fresh4.jsonl", CORPUS / "fresh4",
                        "sites in no earlier list, session 12", "cf4_"),
    "fresh5": ExtraList(LISTED.parent / "chrome_fresh5.jsonl", CORPUS / "fresh5",
                        "sites in no earlier list, session 15", "cf5_"),
    "gne": ExtraList(LISTED.parent / "chrome_gne.jsonl", CORPUS / "gne",
                     "real HTML pages of a news-extractor's test set, labelled by hand, session 17"),
    "inline": ExtraList(LISTED.parent / "chrome_inline.jsonl", CORPUS / "inline",
                        "pages with chrome between body lines, sites in no earlier list, session 18", "ci_"),
    "html2": ExtraList(LISTED.parent / "chrome_html2.jsonl", CORPUS / "html2",
                       "whole saved HTML pages of an extraction benchmark, labelled by hand, session 19"),
    "fresh6": ExtraList(LISTED.parent / "chrome_fresh6.jsonl", CORPUS / "fresh6",
                        "sites in no earlier list, session 20", "cf6_"),
    "fresh7": ExtraList(LISTED.parent / "chrome_fresh7.jsonl", CORPUS / "fresh7",
                        "sites in no earlier list, session 21", "cf7_"),
    "fresh8": ExtraList(LISTED.parent / "chrome_fresh8.jsonl", CORPUS / "fresh8",
                        "sites in no earlier list, session 22", "cf8_"),
    "fresh9": ExtraList(LISTED.parent / "chrome_fresh9.jsonl", CORPUS / "fresh9",
                        "sites in no earlier list, session 24", "cf9_"),
    "fresh10": ExtraList(LISTED.parent / "chrome_fresh10.jsonl", CORPUS / "fresh10",
                         "sites in no earlier list, session 25", "cf10_"),
    "fresh11": ExtraList(LISTED.parent / "chrome_fresh11.jsonl", CORPUS / "fresh11",
                         "sites in no earlier list, half traditional, county sites, session 27", "cf11_"),
    "fresh12": ExtraList(LISTED.parent / "chrome_fresh12.jsonl", CORPUS / "fresh12",
                         "sites in no earlier list, government, schools, hospitals, companies, news, forums, a third "
                         "traditional, each row with its search query, session 28", "cf12_"),
}
"""The labelled lists beside chrome.jsonl (each documented in bench/corpora/CHROME_<NAME>.md), the one place they are
named: the loaders, bench_chrome, train_chrome and the builder read them from here."""


def load_extra_pages(name: str, split: str | None = None, quiet: bool = False,
                     conventions: bool = True) -> list[Page]:
    """The pages of ``split`` of the extra list ``name`` (``fresh``, ``more``, ``fresh2`` … ``fresh12``, see
    :data:`EXTRA_LISTS`) whose texts are here (none when the list or the texts are missing)."""
    listed, root = EXTRA_LISTS[name].listed, EXTRA_LISTS[name].root
    if not listed.exists():
        return []
    if not (root / "texts").exists():
        if not quiet:
            rows = [json.loads(line) for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]
            wanted = sum(split is None or row["split"] == split for row in rows)
            print(f"[chrome corpus] {name} {split or 'all'}: 0 pages read, {wanted} listed pages skipped "
                  f"(no texts in {root}: rebuild with scripts/build_chrome_corpus.py --extra {name} from its "
                  f"search_pages_{name}.txt, see bench/corpora/CHROME_{name.upper()}.md)", file=sys.stderr)
        return []
    return load_pages(root, split, quiet, listed=listed, conventions=conventions)


def line_places(page: Page) -> dict[int, str]:
    """head / inline / foot for each chrome line: before the first body line, after the last, between."""
    lines = page.text.split("\n")
    body = [i + 1 for i, ln in enumerate(lines) if ln.strip() and i + 1 not in page.chrome
            and i + 1 not in page.ambiguous]
    first, last = (body[0], body[-1]) if body else (len(lines) + 1, 0)
    return {n: "head" if n < first else "foot" if n > last else "inline" for n in page.chrome}


@dataclass
class Score:
    chrome: int = 0
    chrome_found: int = 0
    body: int = 0
    body_lost: int = 0
    by_place: dict[str, list[int]] = field(default_factory=dict)
    by_script: dict[str, list[int]] = field(default_factory=dict)
    pages_with_loss: list[str] = field(default_factory=list)

    def add(self, page: Page, removed_by_line: dict[int, int]) -> None:
        places = line_places(page)
        lost_here = 0
        for i, line in enumerate(page.text.split("\n")):
            n = i + 1
            size = len(line.strip())
            if not size or n in page.ambiguous:
                continue
            removed = min(size, removed_by_line.get(n, 0))
            if n in page.chrome:
                self.chrome += size
                self.chrome_found += removed
                for key, table in ((places[n], self.by_place), (page.script, self.by_script)):
                    cell = table.setdefault(key, [0, 0])
                    cell[0] += size
                    cell[1] += removed
            else:
                self.body += size
                self.body_lost += removed
                lost_here += removed
        if lost_here:
            self.pages_with_loss.append(f"{page.id}:{lost_here}")

    @property
    def recall(self) -> float:
        return self.chrome_found / self.chrome if self.chrome else 1.0

    @property
    def precision(self) -> float:
        removed = self.chrome_found + self.body_lost
        return self.chrome_found / removed if removed else 1.0

    @property
    def body_loss(self) -> float:
        return self.body_lost / self.body if self.body else 0.0

    def summary(self) -> str:
        places = " ".join(f"{k} {v[1] / v[0]:.3f}" for k, v in sorted(self.by_place.items()) if v[0])
        scripts = " ".join(f"{k} {v[1] / v[0]:.3f}" for k, v in sorted(self.by_script.items()) if v[0])
        return (f"recall {self.recall:.3f} precision {self.precision:.4f} body loss {self.body_loss:.4%} "
                f"| place: {places} | script: {scripts}")


def removed_by_line(text: str, spans: list[tuple[int, int]]) -> dict[int, int]:
    """Characters of each (1-based) line's stripped text covered by the spans."""
    out: dict[int, int] = {}
    if not spans:
        return out
    spans = sorted(spans)
    pos = 0
    for i, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        s0 = start + line.index(stripped[0])
        s1 = s0 + len(stripped)
        covered = 0
        for a, b in spans:
            if b <= s0:
                continue
            if a >= s1:
                break
            covered += min(b, s1) - max(a, s0)
        if covered:
            out[i + 1] = covered
    return out
