"""Outputs a data pipeline consumes: cleaned packs in their own format, and Dolma-style span attributes.

* ``--write-clean`` on a pack writes the same format (JSONL with its compression, or Parquet; a WARC
  pack becomes JSONL) at ``<clean-dir>/<pack path>``: every original field is kept, the text field
  holds the cleaned text, and a ``scrapegate`` field says what happened to the record::

      {"id": "a", "url": "…", "text": "<cleaned>", "scrapegate": {"status": "fail",
       "codes": ["BP001", "SP001"], "removed": [{"start": 0, "end": 12, "categories": ["boilerplate"],
       "chars": 12}]}}

  Records that could not be checked (input errors) are left out, so the output holds only checked text.
* ``--attributes DIR`` writes one attribute file per input shard (a pack, or ``documents.jsonl`` for
  the plain files of the run), line-aligned with the shard's records, in the shape Dolma's mixer reads::

      {"id": "a", "attributes": {"scrapegate__SP001": [[2511, 2517, 1.0]], "scrapegate__TR001": [[0, 900, 0.5]]}}

  Each finding is ``[start, end, score]``; the score is the finding's ``details.probability`` when the
  rule is learned, else its severity (error 1.0, warning 0.5, info 0.1). A finding without a span
  covers the whole document. A record that could not be checked has empty attributes.
"""

from __future__ import annotations

import gzip
import json
from contextlib import contextmanager
from typing import IO, Any, Iterable, Iterator, Mapping

from scrapegate.checks.findings import Category, Finding
from scrapegate.checks.outputs import OutputFolder
from scrapegate.checks.packs import FieldMap, pack_format, raw_records, record_id_of
from scrapegate.checks.reports import json_line

SEVERITY_SCORE = {"error": 1.0, "warning": 0.5, "info": 0.1}
PLAIN_SHARD = "documents.jsonl"


def cleaned(text: str, findings: Iterable[Finding],
            removable: set[Category]) -> tuple[str, list[dict[str, Any]]]:
    """The text without the spans of removable findings, and what was removed (merged, sorted)."""
    spans = sorted((f.span.start, f.span.end, f.category)
                   for f in findings if f.category in removable and f.span is not None)
    merged: list[list[Any]] = []
    for start, end, category in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if category not in merged[-1][2]:
                merged[-1][2].append(category)
        else:
            merged.append([start, end, [category]])
    kept, cursor = [], 0
    for start, end, _ in merged:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    return "".join(kept), [{"start": s, "end": e, "categories": sorted(c), "chars": e - s}
                           for s, e, c in merged]


@contextmanager
def _compressed_writer(folder: OutputFolder, name: str) -> Iterator[IO[bytes] | gzip.GzipFile]:
    with folder.open(name) as raw:
        name = name.lower()
        if name.endswith(".gz"):
            # mtime=0: byte-identical output across runs
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                yield gz
        elif name.endswith(".zst"):
            import zstandard

            with zstandard.ZstdCompressor().stream_writer(raw, closefd=False) as zst:
                yield zst
        else:
            yield raw


def clean_pack_name(pack_key: str) -> str:
    """The name of a pack's cleaned copy inside --write-clean: the same name, a WARC pack as JSONL."""
    if pack_format(pack_key) == "warc":
        return pack_key.removesuffix(".gz").removesuffix(".warc") + ".jsonl"
    return pack_key


def write_clean_pack(source: str, pack_key: str, folder: OutputFolder, name: str, fields: FieldMap,
                     outcome: Mapping[str, tuple[str, dict[str, Any]]], data: bytes | None = None) -> None:
    """Stream the pack again and write each checked record with its cleaned text and a scrapegate block.

    ``outcome`` maps a record's report key to (cleaned text, scrapegate block).
    """
    fmt = pack_format(source) or "jsonl"
    rows = _clean_rows(source, fmt, pack_key, fields, outcome, data)
    if fmt == "parquet":
        _write_parquet(rows, folder, name)
        return
    with _compressed_writer(folder, name) as out:
        for row in rows:
            out.write(_pack_line(row))


def _pack_line(row: dict[str, Any]) -> bytes:
    """A cleaned record's JSONL line. A field the checks do not read may hold a lone surrogate (a \\u escape
    of the input, e.g. a file name's undecodable byte): UTF-8 cannot hold it, so that record is written with
    every non-ASCII character escaped, the same values."""
    try:
        return json_line(row)
    except UnicodeEncodeError:
        return (json.dumps(row, separators=(",", ":")) + "\n").encode("ascii")


def _clean_rows(source: str, fmt: str, pack_key: str, fields: FieldMap,
                outcome: Mapping[str, tuple[str, dict[str, Any]]], data: bytes | None) -> Iterator[dict[str, Any]]:
    text_field = "text" if fmt == "warc" else fields.text
    id_fields = FieldMap() if fmt == "warc" else fields
    for number, record in raw_records(source, fmt, source, data):
        if isinstance(record, str):
            continue
        key = f"{pack_key}/{record_id_of(record, number, id_fields)}"
        if key not in outcome:
            continue
        text, block = outcome[key]
        row = {k: v for k, v in record.items() if k != "body"}
        row[text_field] = text
        row["scrapegate"] = block
        yield row


def _write_parquet(rows: Iterator[dict[str, Any]], folder: OutputFolder, name: str, batch: int = 1024) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    with folder.open(name) as out:
        buffer: list[dict[str, Any]] = []
        for row in rows:
            row["scrapegate"] = json.dumps(row["scrapegate"], ensure_ascii=False)
            buffer.append(row)
            if len(buffer) >= batch:
                writer = _write_batch(pa, pq, writer, out, buffer)
                buffer = []
        if buffer or writer is None:
            writer = _write_batch(pa, pq, writer, out, buffer)
        writer.close()


def _write_batch(pa: Any, pq: Any, writer: Any, out: IO[bytes], rows: list[dict[str, Any]]) -> Any:
    table = pa.Table.from_pylist(rows) if rows else pa.table({"scrapegate": pa.array([], pa.string())})
    if writer is None:
        writer = pq.ParquetWriter(out, table.schema)
    writer.write_table(table.cast(writer.schema) if table.schema != writer.schema else table)
    return writer


def attribute_spans(text_length: int, findings: Iterable[Finding]) -> dict[str, list[list[float | int]]]:
    """Dolma attributes of one document: ``scrapegate__<CODE>`` -> [[start, end, score], …]."""
    attributes: dict[str, list[list[float | int]]] = {}
    for f in sorted(findings, key=Finding.sort_key):
        probability = f.details.get("probability") if isinstance(f.details, dict) else None
        score = float(probability) if isinstance(probability, (int, float)) else SEVERITY_SCORE[f.severity.value]
        start, end = (f.span.start, f.span.end) if f.span is not None else (0, text_length)
        attributes.setdefault(f"scrapegate__{f.code}", []).append([start, end, round(score, 4)])
    return attributes


def attributes_name(pack_key: str | None) -> str:
    """One attribute file per shard: a JSONL pack keeps its name, other packs get ``.jsonl`` added."""
    if pack_key is None:
        return PLAIN_SHARD
    if pack_format(pack_key) == "jsonl":
        return pack_key
    return pack_key + ".jsonl"


def write_attributes(folder: OutputFolder, name: str, lines: Iterable[dict[str, Any]]) -> None:
    with _compressed_writer(folder, name) as out:
        for line in lines:
            out.write(json_line(line))


def pack_attribute_lines(source: str, pack_key: str, fields: FieldMap,
                         found: dict[str, dict[str, Any]], data: bytes | None = None) -> Iterator[dict[str, Any]]:
    """One attribute line per record of the pack, in file order (a record not checked: no attributes)."""
    fmt = pack_format(source) or "jsonl"
    id_fields = FieldMap() if fmt == "warc" else fields
    for number, record in raw_records(source, fmt, source, data):
        record_id = str(number) if isinstance(record, str) else record_id_of(record, number, id_fields)
        yield {"id": record_id, "attributes": found.get(f"{pack_key}/{record_id}", {})}
