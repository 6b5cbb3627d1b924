"""Build the platform-1 held-out part of the truncation corpus: 60 whole State Council and General Office
documents of gov.cn (notices, opinions, decisions, replies, two regulations), from an SQL dump of a
crawler's table (github:ZhouYNF/platform-1, ``db/ge_policy_raw20190217.sql``).

    python scripts/build_truncation_platform1.py /work/.mirror/ZhouYNF+platform-1/repo [--corpus /work/corpora/truncation]

Each row of the dump holds one gov.cn policy page (``crawl_url``): its document (``content``, the HTML of
the page's text cell) and the page's middle part (``html``: the index box above the text, the text, the
page's tools and banners under it). Every document is written twice to ``<corpus>/platform1/texts/``:

* ``<id>.c-plain.txt``: the document's text, one line per paragraph or table row (cells as ``| a | b |``);
* ``<id>.c-html.html``: the page part as crawled, read as the runner reads an HTML file.

Both are labelled ``complete``: gov.cn prints each document whole (the pages end with the sign-off and
date, ``（此件公开发布）``, the entry-into-force article, or the document's last attachment), and the
crawler kept the whole text cell. Labels go to ``bench/corpora/truncation_platform1.jsonl`` (the fields of
``truncation.jsonl``, ``file`` relative to the corpus folder, read with ``--labels``; plus ``doctype``,
read from the title, and ``publisher``).

Split: all test (the lead's decision, session 14). Both publishers are gov.cn's State Council pages, and
``gov.cn:国务院`` is a test site; the General Office (国务院办公厅, its own site here) is the same site's
documents, so it goes with it. Never tune on this part. A document whose title a ``truncation.jsonl``
source already has is left out.
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
from build_truncation_corpus import _git_show  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPO = "github:ZhouYNF/platform-1"
DUMP = "db/ge_policy_raw20190217.sql"
COLUMNS = ("id", "crawl_url", "crawl_time", "index_number", "title", "release_office", "release_number",
           "policy_basis", "wiritten_time", "release_time", "effect_time", "content", "image_url", "status",
           "html", "remark")
# The document's kind by its title's last word (the regulations are State Council decrees, 国令).
DOCTYPES = ("通知", "意见", "决定", "批复", "复函", "答复", "函", "通报", "条例")


def sql_rows(dump: str) -> list[dict[str, str]]:
    """The rows of the dump's ``insert into … values (…);`` statements (quoted strings with \\ escapes)."""
    rows = []
    at = 0
    while (start := dump.find("values (", at)) >= 0:
        i = start + len("values (")
        values: list[str] = []
        while True:
            while dump[i] in " \n\r\t":
                i += 1
            if dump[i] == "'":
                i += 1
                buf = []
                while True:
                    c = dump[i]
                    if c == "\\":
                        buf.append(dump[i + 1])
                        i += 2
                    elif c == "'" and dump[i + 1] == "'":
                        buf.append("'")
                        i += 2
                    elif c == "'":
                        i += 1
                        break
                    else:
                        buf.append(c)
                        i += 1
                values.append("".join(buf))
            else:
                bare = re.match(r"[^,)]*", dump[i:])
                assert bare is not None
                values.append(bare.group(0).strip())
                i += bare.end()
            while dump[i] in " \n\r\t":
                i += 1
            i += 1
            if dump[i - 1] == ")":
                break
        rows.append(dict(zip(COLUMNS, values, strict=True)))
        at = i
    return rows


def plain_text(cell: str) -> str:
    """The document's text (the page's text cell): a line per paragraph or line break, a table row's cells
    as ``| a | b |``."""
    cell = re.sub(r'(?is)^.*?<td class="b12c" id="UCAP-CONTENT">|</td>\s*</tr>\s*<tr>\s*<td></td>.*$', "", cell)
    cell = re.sub(r"(?i)<br\s*/?>", "\n", cell)
    cell = re.sub(r"(?i)<t[dh]\b[^>]*>", "\x01", cell)
    cell = re.sub(r"(?i)</(?:p|div|tr|h\d|li|table)>", "\n", cell)
    text = html.unescape(re.sub(r"<[^>]*>", "", cell)).replace("\xa0", " ")
    lines = []
    for line in text.split("\n"):
        if "\x01" in line:
            cells = [c.strip() for c in line.split("\x01")[1:]]
            line = "| " + " | ".join(cells) + " |" if any(cells) else ""
        if line.strip():
            lines.append(line.strip())
    return "\n".join(lines) + "\n"


def doctype(title: str) -> str:
    return next((d for d in DOCTYPES if title.endswith(d)), "other")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path, help="the fetched snapshot's git directory")
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    args = parser.parse_args()
    folder = args.corpus / "platform1" / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    sources = " ".join(json.loads(line)["source"] for line in (ROOT / "bench" / "corpora" / "truncation.jsonl").open())
    rows, left_out = [], []
    for page in sql_rows(_git_show(args.repo, DUMP)):
        if page["title"] in sources:
            left_out.append(page["title"])
            continue
        parent = "platform1-" + hashlib.sha256(page["crawl_url"].encode()).hexdigest()[:10]
        publisher = page["release_office"].split("、")[0]
        kind = doctype(page["title"])
        for copy, ext, text in (("c-plain", "txt", plain_text(page["content"])), ("c-html", "html", page["html"])):
            doc_id = f"{parent}.{copy}"
            (folder / f"{doc_id}.{ext}").write_text(text, encoding="utf-8")
            rows.append({"id": doc_id, "parent": parent, "split": "test", "site": f"gov.cn:{publisher}",
                         "url": page["crawl_url"], "source": f"{REPO}:{DUMP}#id={page['id']}", "origin": "real",
                         "genre": "regulation" if kind == "条例" else "notice", "script": "simplified",
                         "province": None, "format": "html" if ext == "html" else "txt",
                         "file": f"platform1/texts/{doc_id}.{ext}", "cut_start": False, "cut_end": False,
                         "kind": "complete", "added": "platform1", "publisher": page["release_office"],
                         "doctype": kind})
    out = ROOT / "bench" / "corpora" / "truncation_platform1.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows ({len(rows) // 2} documents), left out (title seen): {left_out}")


if __name__ == "__main__":
    main()
