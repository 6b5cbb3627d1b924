"""Build complete mainland regulations, rules and official replies for the truncation corpus from a
compilation of environmental law (github:Fungwingwaa/cee, a VuePress site, one Markdown page per text).

    python scripts/build_truncation_envlaw.py /work/.mirror/Fungwingwaa+cee/repo [--corpus /work/corpora/truncation]

Reads the pages of ``docs/posts/P2``-``P6`` (State Council regulations, local regulations, ministries' and
provincial governments' rules, discretion rules, judicial and ministry interpretations and replies) and
writes each as the plain text a site shows (title, the revision note under it, chapter headings, articles,
a reply's sign-off; the page's table of contents and its source-link box left out) to
``<corpus>/envlaw/texts/<id>.txt``, and the labels ``bench/corpora/truncation_envlaw.jsonl`` (the fields of
``truncation.jsonl``, ``file`` relative to the corpus folder, read with ``--labels``). Every text is whole
(labelled ``complete``); its ``url`` is the page's own source link (原文链接).

Split by publisher. A publisher some earlier list already holds keeps that list's site and split (the
State Council's regulations are ``gov.cn:国务院``, a test site; the national people's congress's laws
``flk.npc.gov.cn``; a provincial or city congress its ``lawrefbook:`` site; the supreme court's texts
``court.gov.cn``); a text whose title is already in ``truncation.jsonl``'s sources is left out. Any
other publisher is the source link's host, split as the fresh pages are (``build_truncation_fresh.split_of``:
50 % train, 20 % dev, 30 % test), so the ministry's rules (mee.gov.cn), the provincial government's and the
provincial and city environment bureaux' texts each fall whole into one split.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_truncation_corpus import _git_files, _git_show, host, law_title  # noqa: E402
from build_truncation_fresh import split_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPO = "github:Fungwingwaa/cee"
FOLDERS = ("docs/posts/P2/", "docs/posts/P3/", "docs/posts/P4/", "docs/posts/P5/", "docs/posts/P6/")
# Publishers an earlier list names, by the page's author line (the issuing body; 等 and 原 taken off).
KNOWN_SITES = {"国务院": "gov.cn:国务院", "全国人民代表大会常务委员会": "flk.npc.gov.cn",
               "全国人民代表大会": "flk.npc.gov.cn", "广东省人民代表大会常务委员会": "lawrefbook:广东省人大常委会",
               "江门市人民代表大会常务委员会": "lawrefbook:江门市人大常委会", "最高人民法院": "court.gov.cn",
               "最高人民法院、最高人民检察院": "court.gov.cn", "公安部": "ministry:公安部"}
GENRES = {"行政法规": "regulation", "地方性法规": "regulation", "规章": "regulation", "自由裁量": "regulation",
          "法律解释": "interpretation"}
SOURCE_LINK = re.compile(r"<(https?://[^>\s]+)>")


def page_text(md: str) -> tuple[dict[str, str], str, str]:
    """The page's front matter, its text as a site shows it, and its source link ('' if none)."""
    _, front, body = md.replace("\r\n", "\n").split("---\n", 2)
    meta: dict[str, str] = {}
    key = ""
    for line in front.split("\n"):
        if re.match(r"^\w+:", line):
            key, _, value = line.partition(":")
            meta[key] = value.strip()
        elif line.strip().startswith("- ") and key and not meta.get(key):
            meta[key] = line.strip()[2:]
    link = SOURCE_LINK.search(body.split("::: warning", 1)[1]) if "::: warning" in body else None
    lines = [meta["title"]]
    skipping = False
    for raw in body.split("\n"):
        line = raw.strip()
        if skipping:  # inside a box left out (the table of contents, the source link): one ::: closes it
            skipping = line != ":::"
            continue
        if line.startswith(("::: details", "::: warning")):
            skipping = True
            continue
        box = re.match(r"^::: (?:tip|info) (.+)$", line)
        if box:  # a box's title is shown above it (修订信息, 附件, 附录)
            lines.append(box.group(1).strip())
            continue
        if line.startswith(":::") or line in ("---", "[[toc]]") or line.startswith("@tab"):
            continue
        line = re.sub(r"\{align=\"\w+\"\}$", "", re.sub(r"^#+\s*", "", line))
        line = re.sub(r"^- ", "", line)
        line = re.sub(r"\[([^]]+)\]\([^)]*\)(?:\{[^}]*\})?", r"\1", line)  # a link (an attachment): its text
        line = re.sub(r"<br\s*/?>", "\n", line)
        line = html.unescape(re.sub(r"<[^>]+>", "", line)).replace("\u2003", "　")
        for part in line.split("\n"):
            part = part.strip().strip("　")
            if part:
                lines.append(part)
    return meta, "\n".join(lines) + "\n", link.group(1) if link else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path, help="the fetched snapshot's git directory")
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    args = parser.parse_args()
    folder = args.corpus / "envlaw" / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    corpus_rows = [json.loads(line) for line in (ROOT / "bench" / "corpora" / "truncation.jsonl").open()]
    seen_titles = {re.sub(r"[（(].*$", "", Path(r["source"].rsplit(":", 1)[-1]).stem) for r in corpus_rows}
    rows, left_out = [], []
    for name in (n for under in FOLDERS for n in _git_files(args.repo, under)):
        if not name.endswith(".md") or name.endswith("README.md"):
            continue
        meta, text, url = page_text(_git_show(args.repo, name))
        author = re.sub(r"^原|等$", "", meta.get("author", ""))
        title = law_title(text)
        if not url or len(text) < 400 or title in seen_titles:
            left_out.append(f"{title} ({'seen' if title in seen_titles else 'short or no link'})")
            continue
        site = KNOWN_SITES.get(author) or host(url)
        split = next((r["split"] for r in corpus_rows if r["site"] == site), None) or split_of(site)
        doc_id = "envlaw-" + hashlib.sha256(name.encode()).hexdigest()[:10]
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        province = "广东省" if author.startswith(("广东", "江门")) else None
        rows.append({"id": doc_id, "parent": doc_id, "split": split, "site": site, "url": url,
                     "source": f"{REPO}:{name}", "origin": "real", "genre": GENRES[meta["category"]],
                     "script": "simplified", "province": province, "format": "txt",
                     "file": f"envlaw/texts/{doc_id}.txt", "cut_start": False, "cut_end": False,
                     "kind": "complete", "added": "envlaw", "publisher": author})
    out = ROOT / "bench" / "corpora" / "truncation_envlaw.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print("left out:", *left_out, sep="\n  ")
    for split in ("train", "dev", "test"):
        sub = [r for r in rows if r["split"] == split]
        print(f"{split}: {len(sub)} texts, sites {sorted({r['site'] for r in sub})}")


if __name__ == "__main__":
    main()
