"""Build the session-26 set of whole rules and regulations of new publishers (issue 12): ``truncation_fresh26.jsonl``.

    python scripts/build_truncation_fresh26.py [--corpus /work/corpora/truncation]

Reads ``<corpus>/fresh26/pages_fresh26.txt`` (third-party text, never in the repository; the format of
``build_truncation_fresh.py``: ``=== URL | script | genre | label | province | publisher``, a ``# query:`` line,
an optional ``# source:`` line (the repository copy a page was read from; default: the search tool's pages),
then the page's lines as the search tool's ``pages`` corpus returned them from the page's beginning) and writes

* every page as found (``c-plain``, origin ``real``) and the copies ``build_truncation_corpus.generate`` makes of a
  complete one (footer line, HTML rendering, pack record, an inserted table, a traditional-script copy; cut copies
  of each kind, origin ``derived``), with the generator's template pool of the page's split (``test`` pool for the
  test part, ``fit`` otherwise), under ``<corpus>/fresh26/texts`` and ``<corpus>/fresh26/packs``;
* the labels ``bench/corpora/truncation_fresh26.jsonl`` (``truncation.jsonl``'s fields plus ``publisher``,
  ``ending`` and ``query``; ``file`` relative to the corpus folder: read with ``--labels``).

The publisher (the issuing body's site: a court, a school, a town) decides the split, by the hash of ``fresh26:`` +
publisher (50 % train, 20 % dev, 30 % test), so the test part is publishers nobody tuned on. A publisher whose
registered domain any ``bench/corpora/truncation*.jsonl`` list already names stops the build, as does a page listed
twice. ``ending`` says how a complete text ends: ``closing`` when its last item states its entry into force, who
interprets it or its effect (本规定自…施行, 由…负责解释, …生效), else ``ordinary-article`` (the class of issue 12).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_chrome_html2 import listed_domains, registered_domain  # noqa: E402
from build_truncation_corpus import (  # noqa: E402
    LABEL_KEYS, Source, copy_row, generate, site_split, write_copy, write_packs)
from build_truncation_fresh import LABELS, pages  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NAME = "fresh26"
LIST = ROOT / "bench" / "corpora" / f"truncation_{NAME}.jsonl"
SHARES = (("train", 0.5), ("dev", 0.2), ("test", 0.3))
SEED = 26
ITEM = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[条條]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")
SELF = r"本[^,，。;；]{0,8}?(?:规定|規定|办法|辦法|细则|細則|规则|規則|制度|章程|公约|公約|守则|守則|须知|須知|条例|條例|准则|準則|规范|規範|要点|要點|意见|意見|决定|決定|解释|解釋|规程|規程|约定|規約|规约)"
CLOSING = re.compile(SELF + r".{0,40}(?:施行|实施|實施|生效|执行|執行|实行|實行|解释|解釋|适用之|適用之)"
                     r"|(?:施行|实施|實施|实行|實行|生效)[。.]?$|负责解释|負責解釋|解释权|解釋權"
                     r"|" + SELF + r".{0,40}(?:修订|修訂)")


def split_of(publisher: str) -> str:
    """A publisher's split: its own salt and shares, so this set makes a test part of its own."""
    return site_split(f"{NAME}:{publisher}", SHARES)


def ending(text: str) -> str:
    """``closing`` when the text's last numbered item (else its last line) states its entry into force, effect or
    interpreter, else ``ordinary-article``.

    >>> ending("某规定\\n一、按时到岗。\\n二、本规定自发布之日起施行。\\n")
    'closing'
    >>> ending("某规则\\n1、保持安静。\\n2、爱护公物。\\n关闭窗口\\n")
    'ordinary-article'
    >>> ending("第五条 违者处理。\\n第六条 本系列管理制度自2022年1月1日起开始实行。\\n")
    'closing'
    >>> ending("十、借期两周。\\n十一、本制度2008年10月制定,2010年10月修订。\\n")
    'closing'
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    items = [i for i, line in enumerate(lines) if ITEM.match(line)]
    last = lines[items[-1]:] if items else lines[-1:]
    return "closing" if any(CLOSING.search(line) for line in last[:3]) else "ordinary-article"


def earlier_lists(name: str, own: Path) -> list[Path]:
    """The truncation lists a set of session ``name`` (``freshNN``) checks its publishers against: every list but
    its own and the fresh sets of later sessions, so a later set never stops an earlier one's rebuild."""
    def later(path: Path) -> bool:
        number = path.stem.removeprefix("truncation_fresh")
        return number.isdigit() and int(number) > int(name.removeprefix("fresh"))
    return [p for p in sorted((ROOT / "bench" / "corpora").glob("truncation*.jsonl")) if p != own and not later(p)]


def build(corpus: Path, labels: Path, name: str, seed: int, split_of: Callable[[str], str],
          is_taken: Callable[[str], bool], fields: Callable[[str], dict] = lambda text: {}) -> list[dict]:
    """Write the set ``name`` read from ``<corpus>/<name>/pages_<name>.txt``: every page as found, the copies of each
    complete one, and the labels at ``labels`` (``fields`` adds a page's own fields, written before ``query``); a
    publisher ``is_taken`` or a page listed twice stops it. Returns the rows."""
    folder = corpus / name
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    packs: dict[str, list[dict]] = {}
    seen: set[str] = set()
    extra_keys: tuple[str, ...] = ()
    for page in pages(folder / f"pages_{name}.txt"):
        url, publisher = page["url"], page["site"]
        if url in seen:
            raise SystemExit(f"{url} is listed twice")
        seen.add(url)
        if is_taken(publisher):
            raise SystemExit(f"{url}: publisher {publisher} is already in a truncation list")
        split = split_of(publisher)
        text = "\n".join(page["lines"]) + "\n"
        doc_id = f"{name}-" + hashlib.sha256(url.encode()).hexdigest()[:10]
        cut_start, cut_end = LABELS[page["label"]]
        src = Source(doc_id, text, url, publisher, page["genre"], page["script"], page["province"],
                     page["source"] or f"search-pages:{url}", cut_start, cut_end)
        base = {"split": split, "site": publisher, "url": url, "source": src.origin, "genre": src.genre,
                "script": src.script, "province": src.province}
        own = fields(text)
        extra_keys = tuple(own)
        extra = {"added": name, "publisher": publisher, "query": page["query"], **own}
        if page["label"] != "complete":
            row = dict(base, id=doc_id, parent=doc_id, origin="real", format="txt", file=f"{name}/texts/{doc_id}.txt",
                       cut_start=cut_start, cut_end=cut_end, kind="real-cut", **extra)
            (corpus / row["file"]).write_text(text, encoding="utf-8")
            rows.append(row)
            continue
        extra["ending"] = ending(text)
        rng = random.Random(f"{seed}:{doc_id}")
        for suffix, labels_of, copy in generate(src, "test" if split == "test" else "fit", rng):
            row, fmt = copy_row(base, doc_id, suffix, labels_of, "real" if suffix == "c-plain" else "derived")
            if suffix == "c-plain":
                row["id"] = doc_id
            write_copy(corpus, f"{name}/", row, fmt, copy, packs)
            rows.append(dict(row, **extra))
    write_packs(folder / "packs", packs)
    keys = (*LABEL_KEYS, "publisher", "ending", *extra_keys, "query")
    labels.write_text("".join(json.dumps({k: r[k] for k in keys if k in r}, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    for split in ("train", "dev", "test"):
        real = [r for r in rows if r["split"] == split and r["origin"] == "real"]
        complete = [r for r in real if r["kind"] == "complete"]
        articles = (f", {sum(r['numbering'] == 'article' for r in complete)} in 第N条 articles"
                    if "numbering" in extra_keys else "")
        print(f"{split}: {len(real)} pages of {len({r['publisher'] for r in real})} publishers, {len(complete)} complete "
              f"({sum(r['ending'] == 'ordinary-article' for r in complete)} ending on an ordinary article{articles}), "
              f"{sum(r['split'] == split for r in rows) - len(real)} derived copies; genres "
              f"{dict(Counter(r['genre'] for r in real))}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    parser.add_argument("--labels", type=Path, default=LIST)
    args = parser.parse_args()
    taken = listed_domains(earlier_lists(NAME, args.labels))
    build(args.corpus, args.labels, NAME, SEED, split_of, lambda publisher: registered_domain(publisher) in taken)


if __name__ == "__main__":
    main()
