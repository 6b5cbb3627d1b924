"""Helpers the CLI-level tests share: a digest of an output tree, a JSONL pack written from records."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every regular file under `folder`, by relative path (symlinks left out: the output
    safety tests plant them and check they were not followed)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def write_pack(path: Path, records: list[object]) -> None:
    """One JSON line per record; a str is written as it is (a malformed line on purpose)."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")
