"""Packed inputs: one JSONL file holding many documents, one JSON object per line.

At millions of documents, opening one small file per document costs more than the rules; a pack
avoids that. Each line is an object with ``text`` (required) and optional ``id``, ``url``, ``title``,
``region``, ``source``, ``fetched_at`` (the manifest's columns). A record's report is written at
``<report-dir>/<pack path>/<id>.json``; ``id`` defaults to the line number. Example line::

    {"id": "hubei/6191", "url": "https://example.org/6191.html", "text": "（湖北省）宜昌市…"}

A bad line is an input error naming the pack and the line; the pack's other records are still checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from scrapegate.checks.document import MANIFEST_FIELDS, ManifestEntry
from scrapegate.checks.errors import InputError

PACK_SUFFIXES = (".jsonl", ".ndjson")
# Path segments of word characters, dots and dashes; no empty, "." or ".." segment, no leading "/".
_SAFE_ID = re.compile(r"^(?!\.\.?(?:/|$))[\w.\-]+(?:/(?!\.\.?(?:/|$))[\w.\-]+)*$")


def is_pack(path: Path) -> bool:
    return path.suffix.lower() in PACK_SUFFIXES


def read_pack(path: Path, key: str, display: str) -> tuple[list[tuple[str, str, str, str, ManifestEntry]],
                                                           list[InputError]]:
    """(record key, display name, text, manifest entry) per good line, and an error per bad line."""
    records, errors, seen = [], [], set()
    try:
        # JSON escapes \n inside strings, so records end at \n only; str.splitlines() would also split
        # on U+2028, U+0085 and others, which json.dumps(ensure_ascii=False) leaves unescaped.
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [InputError(display, f"cannot read pack: {exc}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{display}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(where, f"not valid JSON ({exc.msg})"))
            continue
        problem = _problem(record)
        if problem:
            errors.append(InputError(where, problem))
            continue
        record_id = str(number if record.get("id") in (None, "") else record["id"])
        if not _SAFE_ID.match(record_id) or record_id in seen:
            errors.append(InputError(where, f"id {record_id!r} is repeated or not a safe relative name"))
            continue
        seen.add(record_id)
        entry = ManifestEntry(**{f: (str(record[f]) if record.get(f) not in (None, "") else None)
                                 for f in MANIFEST_FIELDS})
        records.append((f"{key}/{record_id}", where, record["text"], entry))
    return records, errors


def _problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return "expected a JSON object"
    text = record.get("text")
    if not isinstance(text, str):
        return "no 'text' string"
    if not text.strip():
        return "empty text"
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return "text holds lone surrogate code points (broken \\u escapes)"
    return None
