"""Whole saved Chinese HTML pages with inline chrome, labelled block by block (issue 11): ``chrome_html2.jsonl``.

    python scripts/build_chrome_html2.py [--mirror DIR] [--out /work/corpora/chrome/html2]
    python scripts/build_chrome_html2.py --propose FILE   # a label file to read and correct by hand
    python scripts/build_chrome_html2.py --labels FILE    # add the pages of a hand-label file to the list

Source: the saved pages of an extraction benchmark in a git snapshot of opendatalab/magic-html
(``benchmark/data/{article,forum}/htmls/<sha256>.html``, whole pages as published: news, government, science,
culture, literature and forum pages, 2020s), with each page's address and its main text in
``benchmark/data/<kind>/base.json``. The candidates are the pages whose main text is Chinese (Han characters, no
kana) on a registered domain named by none of the repository's lists (``bench/corpora/*.jsonl``).

``--propose`` writes a first reading of each candidate: a block is body when its text lies in the benchmark's main
text (the alignment of ``build_chrome_corpus.html_pages``), chrome when almost none of its 4-grams are there, else
ambiguous; and a review sheet (``<file>.sheet``: every block with its proposed label). The benchmark's main text is
not our convention (it keeps bylines, cuts titles, keeps or drops comment threads by kind), so every page was then
read by hand and its label line corrected (bench/corpora/CHROME_HTML2.md); the label file is what the list holds.

Label files and rows are those of ``build_chrome_gne`` (one page a line, ``path|site|url|genre|body|ambiguous``,
every other block chrome); pages are written as ``<out>/html/<id>.html`` (UTF-8) and ``<out>/texts/<id>.txt``
(non-blank blocks one a line), the layout ``bench/chrome_eval.load_extra_pages("html2")`` reads; a listed page whose
block count is no longer the listed one (the block reader changed) is reported and left out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "scripts"))

from build_chrome_corpus import _aligned_windows, _grams, ANCHOR_CHARS, BODY_SHARE, CHROME_SHARE  # noqa: E402
from build_chrome_corpus import split_of  # noqa: E402
from build_chrome_gne import block_lines, build, decoded, git_show, list_arguments, numbers  # noqa: E402,F401

SNAPSHOT = "github:opendatalab/magic-html"
PREFIX = "ch2_"
KINDS = ("article", "forum")
_HAN = re.compile("[\u3400-\u9fff]")
_KANA = re.compile("[\u3040-\u30ff]")
_WHITE = re.compile(r"\s+")
MIN_HAN = 50
"""A candidate's main text holds at least this many Han characters (and no kana: Japanese pages are left out)."""


def registered_domain(host: str) -> str:
    """``news.sina.com.cn`` -> ``sina.com.cn``, ``www.1905.com`` -> ``1905.com``: pages of one publisher share a
    template, so the split is by this name.

    >>> registered_domain("economy.caijing.com.cn"), registered_domain("bbs.nanshengbbs.top")
    ('caijing.com.cn', 'nanshengbbs.top')
    """
    parts = host.lower().split(".")
    if len(parts) >= 3 and parts[-2] in ("com", "net", "org", "gov", "edu", "ac") and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def listed_domains(paths) -> set[str]:
    """The registered domains of every address, site and source named by the lists at ``paths``."""
    out = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            for key in ("site", "url", "source"):
                value = row.get(key) if isinstance(row, dict) else None
                if isinstance(value, str) and value:
                    host = urlparse(value).hostname if "://" in value else value
                    if host and "." in host:
                        out.add(registered_domain(host))
    return out


def candidates(show, skip: set[str]) -> list[tuple[str, str, str, str]]:
    """(path, site, url, main text) of the benchmark's Chinese pages on sites in none of the lists."""
    out = []
    for kind in KINDS:
        base = json.loads(show(f"benchmark/data/{kind}/base.json"))
        for key, entry in sorted(base.items()):
            text, url = entry.get("content", ""), entry["url"]
            site = registered_domain(urlparse(url).hostname or "")
            if len(_HAN.findall(text)) >= MIN_HAN and not _KANA.search(text) and site not in skip:
                out.append((f"benchmark/data/{kind}/htmls/{key}.html", site, url, text))
    return out


def ranges(values: list[int]) -> str:
    """[3, 5, 6, 7] -> ``"3,5-7"``."""
    out: list[str] = []
    for n in values:
        if out and n == int(out[-1].split("-")[-1]) + 1:
            out[-1] = out[-1].split("-")[0] + f"-{n}"
        else:
            out.append(str(n))
    return ",".join(out)


def proposed(lines: list[str], gold: str) -> tuple[list[int], list[int]]:
    """Body and ambiguous line numbers read off the benchmark's main text (every other line chrome)."""
    gold = _WHITE.sub("", gold)
    gold_grams = _grams(gold)
    keys = [_WHITE.sub("", line) for line in lines]
    windows = _aligned_windows(keys, gold)
    body, unsure = [], []
    for n, key in enumerate(keys, 1):
        start, end = windows[n - 1]
        share = len(_grams(key) & gold_grams) / len(_grams(key))
        if (key in gold and (len(key) >= ANCHOR_CHARS or gold.find(key, start, end) >= 0)) or share >= BODY_SHARE:
            body.append(n)
        elif share > CHROME_SHARE:
            unsure.append(n)
    return body, unsure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    list_arguments(parser, "html2", "/work/.mirror/opendatalab+magic-html/repo")
    parser.add_argument("--propose", type=Path, help="write a first reading of every candidate page here")
    args = parser.parse_args()
    show = git_show(args.mirror)

    if args.propose:
        others = [p for p in (REPO / "bench" / "corpora").glob("*.jsonl") if p.name != args.listed.name]
        found = candidates(show, listed_domains(others))
        with open(args.propose, "w", encoding="utf-8") as out, \
                open(f"{args.propose}.sheet", "w", encoding="utf-8") as sheet:
            out.write("# path | site | url | genre | B ranges | A ranges   (every other block line is chrome)\n")
            for name, site, url, gold in found:
                lines = block_lines(decoded(show(name)))
                body, unsure = proposed(lines, gold)
                genre = "forum" if "/forum/" in name else "article"
                out.write(f"{name}|{site}|{url}|{genre}|{ranges(body)}|{ranges(unsure)}\n")
                sheet.write(f"=== {name} {site} {url} ({len(lines)} blocks, split {split_of(site)})\n")
                for n, line in enumerate(lines, 1):
                    mark = "B" if n in body else "A" if n in unsure else "C"
                    sheet.write(f"{n:4d} {mark} {line[:160]}\n")
        print(f"{len(found)} candidate pages proposed in {args.propose}")
        return
    build(args, show, SNAPSHOT, PREFIX)


if __name__ == "__main__":
    main()
