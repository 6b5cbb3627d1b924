"""Build a set of fresh real pages for the truncation corpus from a hand-written pages file.

    python scripts/build_truncation_fresh.py fresh4 [--corpus /work/corpora/truncation]

Reads ``<corpus>/<name>/pages_<name>.txt`` (third-party text, never in the repository) and writes one text
per page, ``<corpus>/<name>/texts/<id>.txt``, and the labels ``bench/corpora/truncation_<name>.jsonl`` (the
fields of ``truncation.jsonl``; ``file`` is relative to the corpus folder, so ``bench/truncation_corpus.load``
reads them with ``--labels``). The pages file holds pages read from the search tool's stored public pages
(corpus ``pages``), each the excerpt the tool returned from the page's beginning, labelled by hand::

    === URL | script | genre | label | province [| publisher]
    # query: the look-up that found it
    # source: github:owner/repo@commit:path (optional: the repository copy the page was read from)
    the page's lines, chrome included

``label`` is ``complete``, ``cut-end``, ``cut-start`` or ``cut-both``. The publisher (default: the URL's
host, see ``build_truncation_corpus.host``) decides the split: a mirror names the site it copies, and
several hosts of one publisher name one. Splits by the hash of ``fresh:`` + publisher (50 % train,
20 % dev, 30 % test), so a publisher's pages share a split and the test part is publishers nobody tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_truncation_corpus import host, site_split  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARES = (("train", 0.5), ("dev", 0.2), ("test", 0.3))
LABELS = {"complete": (False, False), "cut-end": (False, True), "cut-start": (True, False), "cut-both": (True, True)}


def split_of(publisher: str) -> str:
    """A new publisher's split: its own salt and shares, so the fresh pages make a test part of their own."""
    return site_split(f"fresh:{publisher}", SHARES)


def pages(path: Path) -> list[dict]:
    """The pages of a pages file (format in the module docstring), in file order."""
    out: list[dict] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("=== "):
            fields = [f.strip() for f in line[4:].split("|")]
            if len(fields) < 5:
                raise SystemExit(f"{path}:{number}: a header needs URL | script | genre | label | province, "
                                 f"has {len(fields)} field(s)")
            url, script, genre, label, province = fields[:5]
            if label not in LABELS:
                raise SystemExit(f"{url}: label {label!r} is not one of {', '.join(LABELS)}")
            out.append({"url": url, "script": script, "genre": genre, "label": label, "province": province or None,
                        "site": fields[5] if len(fields) > 5 and fields[5] else host(url), "query": "", "source": "", "lines": []})
        elif line.startswith("# query: ") and out and not out[-1]["lines"]:
            out[-1]["query"] = line[len("# query: "):]
        elif line.startswith("# source: ") and out and not out[-1]["lines"]:
            out[-1]["source"] = line[len("# source: "):].strip()
        elif line.strip() and out:
            out[-1]["lines"].append(line)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("name", help="the set's name: reads <corpus>/<name>/pages_<name>.txt")
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    args = parser.parse_args()
    folder = args.corpus / args.name
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows, seen = [], set()
    for page in pages(folder / f"pages_{args.name}.txt"):
        if page["url"] in seen:
            raise SystemExit(f"{page['url']} is listed twice")
        seen.add(page["url"])
        doc_id = f"{args.name}-" + hashlib.sha256(page["url"].encode()).hexdigest()[:10]
        (folder / "texts" / f"{doc_id}.txt").write_text("\n".join(page["lines"]) + "\n", encoding="utf-8")
        cut_start, cut_end = LABELS[page["label"]]
        rows.append({"id": doc_id, "parent": doc_id, "split": split_of(page["site"]), "site": page["site"],
                     "url": page["url"], "source": f"search-pages:{page['url']}", "origin": "real",
                     "genre": page["genre"], "script": page["script"], "province": page["province"], "format": "txt",
                     "file": f"{args.name}/texts/{doc_id}.txt", "cut_start": cut_start, "cut_end": cut_end,
                     "kind": "complete" if page["label"] == "complete" else "real-cut", "added": args.name,
                     "query": page["query"]})
    out = ROOT / "bench" / "corpora" / f"truncation_{args.name}.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for split in ("train", "dev", "test"):
        sub = [r for r in rows if r["split"] == split]
        print(f"{split}: {len(sub)} pages, {sum(r['kind'] == 'complete' for r in sub)} complete, "
              f"{len({r['site'] for r in sub})} publishers")


if __name__ == "__main__":
    main()
