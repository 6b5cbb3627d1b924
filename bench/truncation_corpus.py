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


def load(split: str | None, corpus_dir: Path = DEFAULT_DIR, labels: Path = LABELS,
         missing: list[str] | None = None) -> list[Item]:
    """The rows of ``labels`` in ``split`` (comma-separated splits; None: all) with their texts. A row whose text
    is not in ``corpus_dir`` (the search-tool pages a machine reset lost) stops the load with an error naming it,
    unless ``missing`` is given: then its id is appended there and the row left out (a bench measures what is
    there and says how much is not; a trainer must not fit on a silently smaller set)."""
    rows = [json.loads(line) for line in labels.open(encoding="utf-8")]
    packs: dict[str, dict[str, dict]] = {}
    items = []
    for row in rows:
        if split is not None and row["split"] not in split.split(","):
            continue
        file = row["file"]
        try:
            if "#" in file:
                pack, rid = file.split("#", 1)
                if pack not in packs:
                    packs[pack] = {r["id"]: r for r in map(json.loads, (corpus_dir / pack).open(encoding="utf-8"))}
                raw = packs[pack][rid]["text"].encode("utf-8")
                key = f"{pack}/{rid}"
            else:
                raw = (corpus_dir / file).read_bytes()
                key = file
        except (FileNotFoundError, KeyError):
            if missing is None:
                raise SystemExit(f"{labels}: the text of {row['id']} ({corpus_dir / file}) is not there; rebuild the "
                                 f"corpus (scripts/build_truncation_*.py) or pass --labels with the rows whose texts "
                                 f"exist") from None
            missing.append(row["id"])
            continue
        items.append(Item(row, Document.from_bytes(key, raw), raw))
    return items
