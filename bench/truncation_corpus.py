"""Load the truncation corpus built by ``scripts/build_truncation_corpus.py`` as scrapegate documents.

The labels (``bench/corpora/truncation.jsonl``, also copied next to the texts) say for every document
its split, site, genre, whether each end is cut and the kind of cut. The texts live outside the
repository (default ``/work/corpora/truncation``); HTML copies are read as the runner reads ``.html`` files
and pack copies come from the split's ``packs/<split>.jsonl`` as the runner reads pack records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scrapegate.checks.document import Document

DEFAULT_DIR = Path("/work/corpora/truncation")
LABELS = Path(__file__).resolve().parent / "corpora" / "truncation.jsonl"


@dataclass
class Item:
    label: dict
    doc: Document
    raw: bytes

    @property
    def cut(self) -> dict[str, bool]:
        return {"start": bool(self.label["cut_start"]), "end": bool(self.label["cut_end"])}


def load(split: str | None, corpus_dir: Path = DEFAULT_DIR, labels: Path = LABELS) -> list[Item]:
    rows = [json.loads(line) for line in labels.open(encoding="utf-8")]
    packs: dict[str, dict[str, dict]] = {}
    items = []
    for row in rows:
        if split is not None and row["split"] not in split.split(","):
            continue
        file = row["file"]
        if "#" in file:
            pack, rid = file.split("#", 1)
            if pack not in packs:
                packs[pack] = {r["id"]: r for r in map(json.loads, (corpus_dir / pack).open(encoding="utf-8"))}
            raw = packs[pack][rid]["text"].encode("utf-8")
            key = f"{pack}/{rid}"
        else:
            raw = (corpus_dir / file).read_bytes()
            key = file
        items.append(Item(row, Document.from_bytes(key, raw), raw))
    return items
