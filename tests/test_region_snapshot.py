"""The region family's answers on the repository's own documents are pinned: the excerpts of
``tests/fixtures/real_regions``, the written fixtures and the seeds, each also from a line in its
middle and in traditional script. Per document: the inferred unit and confidence in clear, and a
digest of everything else (every piece of evidence with its offsets and weight, the reason, the
report's region block, every region rule's findings with a right and a wrong declaration).

A change meant only to make the family faster must leave every row as it is; a change meant to
change answers rewrites the file with ``python bench/region_snapshot.py --golden`` and says why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from region_snapshot import GOLDEN, golden_rows  # noqa: E402


def test_region_answers_are_as_pinned() -> None:
    pinned = {row["key"]: row for row in map(json.loads, GOLDEN.read_text(encoding="utf-8").splitlines())}
    now = {row["key"]: row for row in golden_rows()}
    assert sorted(now) == sorted(pinned)
    changed = [f"{key}: {pinned[key]} -> {now[key]}" for key in sorted(now) if now[key] != pinned[key]]
    assert not changed, "region answers changed:\n" + "\n".join(changed[:20])
