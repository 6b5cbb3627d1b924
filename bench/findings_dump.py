"""Dump and diff per-document records of a rule family: the guard that speed work changed nothing
(``bench/spam_findings_diff.py``, ``bench/chrome_findings_diff.py``).

Each script names its input batches and what it records of a document; ``dump`` writes one sorted
JSON line per document, ``compare`` says how many documents differ and shows the first few keys that
do, old and new.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document

Batches = Iterable[tuple[str, list[tuple[str, str]]]]


def dump(path: Path, batches: Batches, record: Callable[[Document, BatchContext], dict]) -> None:
    """One line per document of every batch (checked together, as a run checks a batch)."""
    with path.open("w", encoding="utf-8") as out:
        for name, items in batches:
            docs = [Document.from_text(k, t) for k, t in items]
            ctx = BatchContext.build(docs)
            for doc in docs:
                out.write(json.dumps({"batch": name, "doc": doc.key, **record(doc, ctx)},
                                     ensure_ascii=False, sort_keys=True) + "\n")


def compare(old: Path, new: Path, family: str) -> int:
    """0 when both dumps are identical line for line, else 1 (and the first differences printed)."""
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    findings = sum(len(json.loads(x)["findings"]) for x in a)
    if len(a) != len(b):
        print(f"different document counts: {len(a)} vs {len(b)}")
        return 1
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in differ[:5]:
        xs, ys = json.loads(x), json.loads(y)
        for key in [k for k in xs if xs[k] != ys.get(k)]:
            print(xs["batch"], xs["doc"], key)
            print("  OLD", json.dumps(xs[key], ensure_ascii=False)[:600])
            print("  NEW", json.dumps(ys.get(key), ensure_ascii=False)[:600])
    print(f"{len(a)} documents, {findings} {family} findings; {len(differ)} documents differ")
    return 1 if differ else 0


def commands(description: str) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The ``dump OUT [--generated N]`` and ``compare OLD NEW`` commands both scripts share."""
    parser = argparse.ArgumentParser(description=description)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--generated", type=int, default=400)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    return parser, sub
