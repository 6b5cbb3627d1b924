"""Packed inputs: many documents in one file or stream, each with its own report and metadata.

At millions of documents, opening one small file per document costs more than the rules; a pack
avoids that. Formats, chosen by the name's suffix:

* JSONL (``.jsonl``, ``.ndjson``, optionally compressed: ``.gz``, ``.zst``): one JSON object per line
  with the text (field ``text``) and optional ``id``, ``url``, ``title``, ``region``, ``source``,
  ``fetched_at`` (the manifest's columns). Example line::

      {"id": "hubei/6191", "url": "https://example.org/6191.html", "text": "（湖北省）宜昌市…"}

* Parquet (``.parquet``, read one row group at a time with pyarrow): one row per document, the same
  columns.
* WARC (``.warc``, ``.warc.gz``, read with warcio): each ``response`` record is a document; its HTTP
  body is decoded like a file, its ``WARC-Target-URI`` is the document's URL and its ``WARC-Date``
  its ``fetched_at``.

Field names are mapped with :class:`FieldMap` (``--text-field``, ``--id-field``, ``--field url=link``).
A record's report is written at ``<report-dir>/<pack path>/<id>.json``; ``id`` defaults to the line
(row, record) number. A bad record is an input error naming the pack and the record; the pack's other
records are still checked. A pack can also be read from standard input (``-``) or from an fsspec URL
(``s3://…``, ``gs://…``, ``hf://…``, ``memory://…``) when the backend is installed.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from scrapegate.checks.document import LONE_SURROGATE, MANIFEST_FIELDS, ManifestEntry, field_problem
from scrapegate.checks.errors import InputError, UsageError
from scrapegate.checks.outputs import name_problem

JSONL_SUFFIXES = (".jsonl", ".ndjson")
COMPRESSIONS = (".gz", ".zst")
STDIN = "-"
STDIN_KEY = "stdin"
# Path segments of word characters, dots and dashes; no empty, "." or ".." segment, no leading "/".
_SAFE_ID = re.compile(r"^(?!\.\.?(?:/|$))[\w.\-]+(?:/(?!\.\.?(?:/|$))[\w.\-]+)*$")
_URL = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class FieldMap:
    """Which record fields hold the text, the id and the manifest's fields."""

    text: str = "text"
    id: str = "id"
    metadata: dict[str, str] = field(default_factory=dict)
    """Manifest field -> record field, for the fields whose names differ (``{"url": "link"}``)."""

    def source_of(self, manifest_field: str) -> str:
        return self.metadata.get(manifest_field, manifest_field)

    @classmethod
    def parse(cls, text: str | None = None, id: str | None = None,
              mappings: list[str] | None = None) -> FieldMap:
        """From the CLI's ``--text-field``, ``--id-field`` and ``--field FIELD=NAME`` values."""
        metadata = {}
        for mapping in mappings or []:
            target, sep, source = mapping.partition("=")
            target, source = target.strip(), source.strip()
            if not sep or not source or target not in MANIFEST_FIELDS:
                raise UsageError(f"--field {mapping!r}: expected FIELD=NAME with FIELD one of "
                                 f"{', '.join(MANIFEST_FIELDS)}")
            metadata[target] = source
        return cls(text=text or "text", id=id or "id", metadata=metadata)


@dataclass(frozen=True)
class PackRecord:
    """One good record: its report key, where it is (``pack.jsonl:3``), its text or raw bytes."""

    key: str
    where: str
    entry: ManifestEntry
    text: str | None = None
    data: bytes | None = None  # a WARC payload is decoded like a file


def is_url(name: str) -> bool:
    return bool(_URL.match(name)) and not name.lower().startswith("file://")


def pack_format(name: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` when the name is a pack's, else None."""
    lower = name.lower()
    for compression in ("", *COMPRESSIONS):
        if any(lower.endswith(s + compression) for s in JSONL_SUFFIXES):
            return "jsonl"
    if lower.endswith(".parquet"):
        return "parquet"
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    return None


def is_pack(path: Path | str) -> bool:
    return pack_format(str(path)) is not None


def open_source(source: Path | str) -> IO[bytes]:
    """A binary stream of a local path, ``-`` (standard input) or an fsspec URL, as stored."""
    name = str(source)
    if name == STDIN:
        return sys.stdin.buffer
    if is_url(name):
        try:
            import fsspec
        except ImportError:
            raise UsageError(f"{name}: reading URLs needs fsspec (pip install 'scrapegate[formats]') "
                             "and the file system's backend (s3fs, gcsfs, huggingface_hub …)") from None
        try:
            return fsspec.open(name, "rb").open()
        except (ImportError, ValueError) as exc:
            raise UsageError(f"{name}: {exc}") from None
    return open(source, "rb")


def _decompressed(stream: IO[bytes], name: str) -> IO[bytes]:
    lower = name.lower()
    if lower.endswith(".gz") and not lower.endswith(".warc.gz"):
        return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]
    if lower.endswith(".zst"):
        try:
            import zstandard
        except ImportError:
            raise UsageError(f"{name}: reading .zst needs zstandard (pip install 'scrapegate[formats]')") \
                from None
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True))
    return stream


def raw_records(source: Path | str, fmt: str, display: str,
                data: bytes | None = None) -> Iterator[tuple[int, Any]]:
    """(number, record) per record in file order; a record is a dict, or an error message string.

    JSONL numbers are line numbers (blank lines are skipped but counted), Parquet numbers are row
    numbers, WARC numbers count response records. ``data`` is the source's bytes when they were
    already read (standard input). Raises OSError when the source cannot be read.
    """
    with (io.BytesIO(data) if data is not None else open_source(source)) as raw:
        stream = _decompressed(raw, str(source) if source != STDIN else "")
        if fmt == "jsonl":
            yield from _jsonl_records(stream)
        elif fmt == "parquet":
            yield from _parquet_records(stream, display)
        else:
            yield from _warc_records(stream, display)


def _jsonl_records(stream: IO[bytes]) -> Iterator[tuple[int, Any]]:
    # JSON escapes \n inside strings, so records end at \n only; str.splitlines() would also split on
    # U+2028, U+0085 and others, which json.dumps(ensure_ascii=False) leaves unescaped.
    for number, line_bytes in enumerate(stream, start=1):
        line = line_bytes.decode("utf-8-sig" if number == 1 else "utf-8", errors="strict") \
            if isinstance(line_bytes, bytes) else line_bytes
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not valid JSON ({exc.msg})"
            continue
        except (ValueError, RecursionError) as exc:
            yield number, f"not readable JSON ({type(exc).__name__}: {str(exc)[:80]})"
            continue
        yield number, record if isinstance(record, dict) else "expected a JSON object"


def _parquet_records(stream: IO[bytes], display: str) -> Iterator[tuple[int, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{display}: reading Parquet needs pyarrow (pip install 'scrapegate[formats]')") \
            from None
    source = stream if stream.seekable() else io.BytesIO(stream.read())
    number = 0
    for batch in pq.ParquetFile(source).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            yield number, row


def _warc_records(stream: IO[bytes], display: str) -> Iterator[tuple[int, Any]]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise UsageError(f"{display}: reading WARC needs warcio (pip install 'scrapegate[formats]')") from None
    number = 0
    for record in ArchiveIterator(stream):
        if record.rec_type != "response":
            continue
        number += 1
        headers = record.rec_headers
        yield number, {"id": number, "url": headers.get_header("WARC-Target-URI"),
                       "fetched_at": headers.get_header("WARC-Date"),
                       "body": record.content_stream().read()}


def iter_pack(source: Path | str, key: str, display: str, fields: FieldMap = FieldMap(),  # noqa: B008 (frozen)
              data: bytes | None = None, read_from: Path | None = None) -> Iterator[PackRecord | InputError]:
    """Each good record of a pack, or an input error per bad record (or for an unreadable pack), in
    pack order, as the pack is read: the pack is never held whole. ``read_from``: where the pack's
    bytes are when not at ``source`` (standard input spooled to a file)."""
    fmt = pack_format(str(source)) or "jsonl"
    if fmt == "warc":
        fields = FieldMap()  # warcio's records carry the manifest's own names
    seen: set[str] = set()
    good = bad = 0
    try:
        for number, record in raw_records(read_from or source, fmt, display, data):
            # where: for messages, as the user named the pack; the key's form for summary.json
            where = f"{display}:{number}"
            made = make_record(record, number, f"{key}/", where, fields, seen, raw=fmt == "warc")
            if isinstance(made, str):
                bad += 1
                yield InputError(where, made, f"{key}:{number}")
            else:
                good += 1
                yield made
    except UsageError:
        raise
    except (OSError, UnicodeDecodeError, EOFError, ValueError) as exc:
        bad += 1
        yield InputError(display, f"cannot read {fmt} pack: {exc}", key)
    except Exception as exc:  # noqa: BLE001 - a corrupt archive raises the library's own errors
        bad += 1
        yield InputError(display, f"cannot read {fmt} pack: {type(exc).__name__}: {exc}", key)
    if not good and not bad:
        yield InputError(display, f"{fmt} pack holds no records (empty, or only blank lines)", key)


def read_pack(source: Path | str, key: str, display: str, fields: FieldMap = FieldMap(),  # noqa: B008 (frozen)
              data: bytes | None = None) -> tuple[list[PackRecord], list[InputError]]:
    """Every good record of a pack, and an input error per bad record (or for an unreadable pack)."""
    records: list[PackRecord] = []
    errors: list[InputError] = []
    for made in iter_pack(source, key, display, fields, data):
        if isinstance(made, InputError):
            errors.append(made)
        else:
            records.append(made)
    return records, errors


_NO_METADATA = ManifestEntry()


def make_record(record: Any, number: int, prefix: str, where: str, fields: FieldMap, seen: set[str],
                raw: bool = False) -> PackRecord | str:
    """A good record (its key, ``prefix`` and id, unique in ``seen``, which it joins), or what is
    wrong with it. ``seen`` holds the records' keys, the strings the caller keeps for them anyway
    (a set of the ids held a second string a record: ~50 bytes each at a million records).

    ``raw``: the record carries bytes (``body``) to decode rather than a text field.
    """
    if isinstance(record, str):
        return record
    problem = _problem(record, raw, fields)
    if problem:
        return problem
    record_id = record_id_of(record, number, fields)
    key = prefix + record_id
    if not _SAFE_ID.match(record_id) or key in seen:
        return f"id {record_id[:80]!r} is repeated or not a safe relative name"
    problem = name_problem(f"{key}.json")
    if problem:
        return problem
    seen.add(key)
    entry = ManifestEntry(**{f: _metadata(record, f, fields) for f in MANIFEST_FIELDS})
    entry = _NO_METADATA if entry == _NO_METADATA else entry  # one shared object for the many without
    if raw:
        return PackRecord(key, where, entry, data=record["body"])
    return PackRecord(key, where, entry, text=record[fields.text])


def record_id_of(record: dict[str, Any], number: int, fields: FieldMap) -> str:
    value = record.get(fields.id)
    return str(number if value in (None, "") else value)


def _metadata(record: dict[str, Any], manifest_field: str, fields: FieldMap) -> str | None:
    value = record.get(fields.source_of(manifest_field))
    return str(value) if value not in (None, "") else None


def _problem(record: Any, raw: bool, fields: FieldMap) -> str | None:
    if not isinstance(record, dict):
        return "expected a JSON object"
    if raw:
        return None if record["body"].strip() else "empty response body"
    text = record.get(fields.text)
    if not isinstance(text, str):
        return f"no '{fields.text}' string"
    if not text.strip():
        return "empty text"
    if LONE_SURROGATE.search(text):
        return "text holds lone surrogate code points (broken \\u escapes)"
    if isinstance(record.get(fields.id), (dict, list, bool, float)):
        return f"'{fields.id}' must be a string or an integer"
    for name in MANIFEST_FIELDS:  # the manifest's rules: a pack is a manifest with the texts inside
        value = record.get(fields.source_of(name))
        if value in (None, ""):
            continue
        problem = f"'{name}' must be a string" if isinstance(value, (dict, list)) else field_problem(name, str(value))
        if problem:
            return problem
    return None
