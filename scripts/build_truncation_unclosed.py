"""Collect whole regulations of train/dev publishers that end without an entry-into-force (施行) clause.

    python scripts/build_truncation_unclosed.py --laws /work/.mirror/LawRefBook+Laws/repo \
        --moj /work/.mirror/kong0107+mojLawSplitJSON/repo [--corpus /work/corpora/truncation]

Issue 12: the old test split's complete documents flagged are copies of judicial interpretations that end
on an ordinary article, normal for their genre; train/dev holds no text of that genre, and the corpus
builder leaves out train/dev local regulations without the clause (the mirror's copies of those are often
cut). This list gathers what the mirrors give of the class from publishers whose site is a train or dev
site of ``truncation.jsonl`` (``build_truncation_corpus.publisher_split``), read whole:

* github:LawRefBook/Laws, the national folders (publisher ``flk.npc.gov.cn``, a dev site; the State
  Council's ``gov.cn:国务院`` and the supreme court's ``court.gov.cn`` are test sites and are not read);
  the ministries' folders (``ministry:…``, each by its own split). A text counts as whole only when its
  articles run 第一条 … 第N条 without a gap and the text stops inside 第N条 (no annex, table or figure
  caption after it), and, when it is written in chapters, its chapters run without a gap and the last
  one is its supplementary provisions (附则): a text whose last chapter is another one may have lost
  its closing chapters (the mirror's 长江保护法 stops at 第七十九条 of 96, numbering unbroken). The
  civil code's books (民法典/…编) are parts of one text and are left out.
* github:kong0107/mojLawSplitJSON (Taiwan's regulations, one JSON record per regulation with every
  article: whole by construction), the categories whose site ``law.moj.gov.tw:<category>`` is a train
  or dev site.

Left out: texts of 400 characters or fewer or more than 30,000, a text whose path or title a
``truncation.jsonl`` row already has, and a title that occurs in a test document of the built corpus
(``--corpus``'s labels and texts, when present). Each row is labelled ``complete`` and says how the text
ends (``ending``: ``ordinary-article``, or ``in-force-wording`` when its last article states its effect
in other words: 生效, 适用之, 实行, 执行). The texts go to ``<corpus>/unclosed/texts/<id>.txt``, the labels
to ``bench/corpora/truncation_unclosed.jsonl`` (``truncation.jsonl``'s fields, ``file`` relative to the
corpus folder; read with ``--labels``). No judicial interpretation, reply (批复, 答复) or court rule of a
train/dev publisher is in either mirror: see bench/corpora/TRUNCATION_UNCLOSED.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_truncation_corpus import (  # noqa: E402
    CITED_TITLE,
    ENTRY_INTO_FORCE_CLAUSE,
    LAW_MORE_NATIONAL,
    SUPPLEMENTARY,
    _closes_in_force,
    _git_files,
    _git_show,
    _law_markdown_to_text,
    law_title,
    moj_page,
    publisher_split,
)

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "bench" / "corpora" / "truncation_unclosed.jsonl"
MIN_CHARS, MAX_CHARS = 400, 30000
_NUMERAL = {c: i for i, c in enumerate("零一二三四五六七八九")}
ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇]+)条(?:\s|$)")
CHAPTER = re.compile(r"^第([一二三四五六七八九十百零〇]+)章(?:\s|$)")
AFTER_LAST = re.compile(r"^(?:附件|附录|附表|附图|附：|注：)|[表图]$|^续表")
IN_FORCE_WORDING = re.compile(r"(?:生效|適用之|适用之|實行|实行|執行|执行)[。.]?$")


def chinese_number(s: str) -> int:
    """``一百零三`` → 103 (the numerals of article and chapter numbers)."""
    s = s.replace("〇", "零")
    section, digit = 0, 0
    for c in s:
        if c in _NUMERAL:
            digit = _NUMERAL[c]
        elif c == "十":
            section += (digit or 1) * 10
            digit = 0
        elif c == "百":
            section += (digit or 1) * 100
            digit = 0
    return section + digit


def whole_articled(text: str) -> bool:
    """The articles run 第一条…第N条 without a gap, the text stops inside 第N条, and chapters (if any)
    run without a gap with 附则 last.

    >>> whole_articled("某规定\\n第一条 为了规范。\\n第二条 适用于本市。\\n第三条 由某局负责解释。\\n")
    True
    >>> whole_articled("某规定\\n第一条 为了规范。\\n第三条 适用于本市。\\n")
    False
    >>> whole_articled("某法\\n第一章 总则\\n第一条 为了规范。\\n第二章 管理\\n第二条 应当登记。\\n")
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    numbers, chapters, last_article_line = [], [], -1
    for i, line in enumerate(lines):
        if (m := ARTICLE.match(line)) is not None:
            numbers.append(chinese_number(m.group(1)))
            last_article_line = i
        elif (m := CHAPTER.match(line)) is not None and len(line) <= 30:
            chapters.append((chinese_number(m.group(1)), line))
    if len(numbers) < 3 or numbers != list(range(1, len(numbers) + 1)):
        return False
    if any(AFTER_LAST.search(line) or CHAPTER.match(line) for line in lines[last_article_line + 1:]):
        return False
    if chapters:
        if [n for n, _ in chapters] != list(range(1, len(chapters) + 1)):
            return False
        if not SUPPLEMENTARY.match(chapters[-1][1]):
            return False
    return True


def ending(last_article: str) -> str:
    return "in-force-wording" if IN_FORCE_WORDING.search(last_article.strip()) else "ordinary-article"


def row(doc_id: str, text: str, url: str, site: str, source: str, script: str, publisher: str, how: str) -> dict:
    return {"id": doc_id, "parent": doc_id, "split": publisher_split(site), "site": site, "url": url, "source": source,
            "origin": "real", "genre": "regulation", "script": script,
            "province": "台湾省" if script == "traditional" else None, "format": "txt",
            "file": f"unclosed/texts/{doc_id}.txt", "cut_start": False, "cut_end": False, "kind": "complete",
            "added": "unclosed", "publisher": publisher, "ending": how, "chars": len(text)}


def from_laws(git_dir: Path, taken: set[str], titles: set[str]) -> list[tuple[dict, str]]:
    out = []
    for name in _git_files(git_dir, "."):
        parts = name.split("/")
        if not name.endswith(".md") or name.endswith("_index.md") or len(parts) < 2 or name in taken:
            continue
        if parts[0] in LAW_MORE_NATIONAL:
            site, publisher = LAW_MORE_NATIONAL[parts[0]], "全国人民代表大会及其常务委员会"
        elif parts[0] == "部门规章" and len(parts) >= 3:
            site, publisher = f"ministry:{parts[1]}", parts[1]
        else:
            continue  # DLC: local regulations (doubtful copies, see the module docstring); test publishers
        if publisher_split(site) == "test":
            continue
        text = _law_markdown_to_text(_git_show(git_dir, name))
        if not MIN_CHARS < len(text) <= MAX_CHARS or _closes_in_force(text) or law_title(text) in titles:
            continue
        if not whole_articled(text):
            continue
        lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
        last_article = "\n".join(lines[max(i for i, line in enumerate(lines) if ARTICLE.match(line)):])
        if ENTRY_INTO_FORCE_CLAUSE.search(CITED_TITLE.sub("", last_article)):
            continue  # the clause opens the last article (本法自…起施行。 then its transitional paragraphs)
        titles.add(law_title(text))
        last = lines[-1]
        doc_id = "unclosed-" + hashlib.sha256(name.encode()).hexdigest()[:10]
        out.append((row(doc_id, text, f"https://github.com/LawRefBook/Laws/blob/HEAD/{name}", site,
                        f"github:LawRefBook/Laws:{name}", "simplified", publisher, ending(last)), text))
    return out


def from_moj(git_dir: Path, taken: set[str], titles: set[str]) -> list[tuple[dict, str]]:
    out = []
    for name in _git_files(git_dir, "FalVMingLing"):
        if not name.endswith(".json") or name in taken:
            continue
        d = json.loads(_git_show(git_dir, name))
        body = d.get("法規類別", "").split("＞")[0] or "law.moj.gov.tw"
        site = f"law.moj.gov.tw:{body}"
        articles = [a for a in d.get("法規內容", []) if a.get("條文內容")]
        if publisher_split(site) == "test" or len(articles) < 3 or d.get("法規性質") == "憲法":
            continue
        if re.search(r"施行|實施", articles[-1]["條文內容"]) or d["法規名稱"] in titles:
            continue
        text = moj_page(d)
        if not MIN_CHARS < len(text) <= MAX_CHARS:
            continue
        doc_id = "unclosed-" + hashlib.sha256(name.encode()).hexdigest()[:10]
        out.append((row(doc_id, text, d.get("法規網址", ""), site, f"github:kong0107/mojLawSplitJSON:{name}",
                        "traditional", body, ending(articles[-1]["條文內容"])), text))
    return out


def test_titles(corpus: Path) -> str:
    """The built corpus's test documents (plain copies), joined: a title found there is left out."""
    labels = corpus / "labels.jsonl"
    if not labels.exists():
        return ""
    texts = []
    for line in labels.open(encoding="utf-8"):
        r = json.loads(line)
        if r["split"] == "test" and r["file"].endswith(".txt") and (corpus / r["file"]).exists():
            texts.append((corpus / r["file"]).read_text(encoding="utf-8")[:300])
    return "\n".join(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--laws", type=Path, required=True, help="git directory of github:LawRefBook/Laws")
    parser.add_argument("--moj", type=Path, required=True, help="git directory of github:kong0107/mojLawSplitJSON")
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    parser.add_argument("--labels", type=Path, default=LIST)
    args = parser.parse_args()
    earlier = [json.loads(line) for line in (ROOT / "bench" / "corpora" / "truncation.jsonl").open(encoding="utf-8")]
    taken = {r["source"].split(":", 2)[2] for r in earlier if r["source"].startswith("github:")}
    titles: set[str] = set()
    for r in earlier:
        if r["source"].startswith("github:LawRefBook/Laws:"):
            titles.add(re.sub(r"\(\d{4}-\d{2}-\d{2}\)\.md$", "", r["source"].rsplit("/", 1)[1]))
    seen = test_titles(args.corpus)
    found = from_laws(args.laws, taken, titles) + from_moj(args.moj, taken, titles)
    found = [(r, t) for r, t in found if law_title(t) not in seen]
    out = args.corpus / "unclosed" / "texts"
    out.mkdir(parents=True, exist_ok=True)
    with args.labels.open("w", encoding="utf-8") as f:
        for r, text in found:
            (out / f"{r['id']}.txt").write_text(text, encoding="utf-8")
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r, _ in found:
        print(r["split"], r["site"], r["ending"], r["chars"], r["source"].rsplit("/", 1)[1][:60])
    print(len(found), "texts")


if __name__ == "__main__":
    main()
