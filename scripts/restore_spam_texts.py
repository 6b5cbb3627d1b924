"""Restore lost page texts of the spam corpus' search sets from saved search answers.

    python scripts/restore_spam_texts.py [--out /work/corpora/spam]

The texts of the sets collected with the search tool before session 28 (``spam_labels.SEARCH_SETS`` up to
``fresh17``) were lost; their label rows stay (``bench/corpora/spam_<set>.jsonl``; the first set's in
``bench/corpora/spam.jsonl`` only). A page is found again by searching the tool's ``pages`` corpus with words
of its spam strings, note or topic; each answer that returned a row's page is saved as
``--out/restored/raw/<name>.json``: ``{"query", "corpus", "results": [{"url", "excerpt"}]}``, the results cut to
those whose address is a row's URL (scheme and trailing slash aside), the excerpt exactly as the tool gave it.

This writes, per set, ``--out/restored/<set>.jsonl`` (the builder's format: url, kind, spam, text; labels as
the row has them) and adds to the set's label rows ``query``, ``search_corpus``, ``text_sha1`` (sha1 of the
text, UTF-8) and ``label_check``: ``ok`` when every spam string is verbatim in the text, else ``missing: ``
and the strings that are not (the builder leaves such a page out: its labels cannot be checked on this
text). Rows of the first set that come back are written to ``bench/corpora/spam_search.jsonl`` (its labels
copied from ``spam.jsonl``). A row that already names a ``text_sha1`` must get that text back, so a reset
restores the same bytes with one search per query. Labels are never changed here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from spam_labels import SEARCH_SETS  # noqa: E402

CORPORA = Path(__file__).resolve().parent.parent / "bench" / "corpora"
LOST = tuple(name for name, _, _ in SEARCH_SETS if name != "fresh18")
"""The sets whose texts were lost (fresh18 keeps its own, with the query of each page)."""
FIRST_FIELDS = ("url", "site", "split", "kind", "spam_strings")


def url_key(url: str) -> str:
    """A URL without its scheme and trailing slash: the search tool writes some addresses either way."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
            break
    return url.rstrip("/")


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def label_rows() -> dict[str, list[dict]]:
    """Each lost set's label rows: the first set's from spam.jsonl (restored ones from spam_search.jsonl,
    which carries what the restore added), the others' from spam_<set>.jsonl."""
    sets = {name: read_rows(CORPORA / f"spam_{name}.jsonl") for name in LOST if name != "search"}
    restored = {row["url"]: row for row in read_rows(CORPORA / "spam_search.jsonl")}
    first = [restored.get(row["url"], {k: row[k] for k in FIRST_FIELDS})
             for row in read_rows(CORPORA / "spam.jsonl")
             if row["source"] == "real" and row["origin"] == "search-pages"]
    sets["search"] = first
    return sets


def answers(raw: Path) -> dict[str, tuple[str, str, str]]:
    """URL key -> (query, corpus, excerpt), the first saved answer (by file name) that returned it."""
    found: dict[str, tuple[str, str, str]] = {}
    for path in sorted(raw.glob("*.json")):
        answer = json.loads(path.read_text(encoding="utf-8"))
        for result in answer["results"]:
            found.setdefault(url_key(result["url"]), (answer["query"], answer["corpus"], result["excerpt"]))
    return found


def label_check(text: str, strings: list[str]) -> str:
    missing = [s for s in strings if s not in text]
    return "ok" if not missing else "missing: " + " | ".join(missing)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/work/corpora/spam"))
    args = parser.parse_args()
    folder = args.out / "restored"
    found = answers(folder / "raw")
    matched: set[str] = set()
    for name, rows in label_rows().items():
        texts = []
        for row in rows:
            hit = found.get(url_key(row["url"]))
            if hit is None:
                continue
            query, corpus, text = hit
            sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
            if row.get("text_sha1", sha1) != sha1:
                raise SystemExit(f"spam_{name}.jsonl: {row['url']}'s saved text is not the one its text_sha1 names")
            row.update(query=query, search_corpus=corpus, text_sha1=sha1,
                       label_check=label_check(text, row["spam_strings"]))
            texts.append(dict(url=row["url"], kind=row["kind"], spam=row["spam_strings"], text=text))
            matched.add(url_key(row["url"]))
        if not texts:
            continue
        write_jsonl(folder / f"{name}.jsonl", texts)
        restored = [r for r in rows if "text_sha1" in r] if name == "search" else rows
        write_jsonl(CORPORA / f"spam_{name}.jsonl", restored)
        checked = sum(r.get("label_check") == "ok" for r in rows)
        print(f"{name}: {len(texts)} of {len(rows)} rows restored, {checked} with every spam string in the text")
    unmatched = sorted(set(found) - matched)
    if unmatched:
        raise SystemExit(f"saved answers whose address is no row's URL: {unmatched}")


if __name__ == "__main__":
    main()
