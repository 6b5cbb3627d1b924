"""The persistent duplicate index: one SQLite file of earlier documents' duplicate profiles.

A pre-ingest gate must catch a copy of something ingested last month. The index stores, per
document, what finding each kind of duplicate needs: the exact body hash, the MinHash LSH band keys
(indexed, so a lookup is an SQL join on band keys, never a scan), the anchor keys of its normalised
body (for partial copies) and the compressed normalised body (to verify every candidate exactly), plus
its key, sha256, source and when it was indexed, for the report.

Large groups: when the index holds many near-copies of one report (a site scraped day after day),
a lookup stays bounded per batch document: an exact body fetches at most ``matches_per_document``
indexed copies, an LSH band shared by more indexed documents than
:func:`scrapegate.rules.duplicates.match.bucket_limit` proposes only a few of them (a different few per
batch document and band), and a batch document's candidates are verified best signature estimate
first until it has ``matches_per_document`` matches.

Safety: the file is opened in WAL mode and every update is one transaction, so a run killed midway
leaves the index as it was before that run; a new index is made beside its name and moved in whole, so a
refused first write leaves no file. The signature scheme (see
:func:`scrapegate.rules.duplicates.profile.scheme`) is recorded in the ``meta`` table; an index written
under another scheme is refused with :class:`DuplicateIndexError`, never silently misread; the
message says how to rebuild it. Scheme 2 (traditional characters and punctuation folded, anchor keys
instead of line keys) cannot read a scheme-1 index.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator, Mapping

import numpy as np
from scrapegate.checks.reports import UMASK
from scrapegate.rules.duplicates.match import (
    CONTAINMENT,
    EXACT,
    MatchThresholds,
    ShingleCache,
    bucket_limit,
    estimate,
    judge,
    shared_spans,
    whole_body,
)
from scrapegate.rules.duplicates.profile import DuplicateProfile, scheme

FORMAT_NAME = "scrapegate-duplicate-index"
SCHEME_CHANGES = ("scheme 2 compares bodies in simplified characters without punctuation and keys "
                  "partial copies by anchors instead of lines, so scheme-1 entries cannot be matched")
_BUSY_TIMEOUT_S = 60.0
# A band shared by many indexed documents proposes this many of them per batch document.
_LARGE_BAND_SAMPLE = 2
_QUERY_TABLES = ("q_exact", "q_bands", "q_anchors", "q_keys", "q_large")

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT,
    title TEXT,
    indexed_at TEXT NOT NULL,
    exact BLOB NOT NULL,
    body_chars INTEGER NOT NULL,
    signature BLOB NOT NULL,
    body BLOB NOT NULL,
    UNIQUE (key, sha256)
);
CREATE INDEX documents_by_exact ON documents (exact);
CREATE TABLE bands (band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (band, doc)) WITHOUT ROWID;
CREATE TABLE anchors (anchor INTEGER NOT NULL, doc INTEGER NOT NULL, chars INTEGER NOT NULL,
                      PRIMARY KEY (anchor, doc)) WITHOUT ROWID;
CREATE INDEX anchors_by_doc ON anchors (doc);
CREATE TABLE anchor_freq (anchor INTEGER PRIMARY KEY, n INTEGER NOT NULL);
"""


class DuplicateIndexError(ValueError):
    """The duplicate index cannot be used: not an index, or written under another signature scheme."""


@dataclass(frozen=True)
class IndexedDocument:
    """What the index recorded about an earlier document, for the report."""

    key: str
    sha256: str
    source: str | None
    title: str | None
    indexed_at: str


@dataclass(frozen=True)
class IndexMatch:
    """A batch document matched against an indexed one. ``direction`` says, for containment, whether
    the batch document ``is-contained`` in the indexed one or ``contains`` it."""

    key: str
    indexed: IndexedDocument
    kind: str
    similarity: float
    direction: str | None
    spans: tuple[tuple[int, int], ...]


class DuplicateIndex:
    """An open index file. Use as a context manager; queries and updates run in the main process."""

    def __init__(self, path: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self.verified_pairs = 0  # exact checks done by the last find(), for benchmarks and tests

    @classmethod
    def open(cls, path: str, *, create: bool = False) -> DuplicateIndex | None:
        """Open (and with ``create``, initialise) the index; None when it does not exist yet."""
        if not (os.path.exists(path) and os.path.getsize(path) > 0):
            if not create:
                if os.path.exists(path):  # never an index: a new one is moved in whole (_create)
                    raise DuplicateIndexError(f"{path}: an empty file (0 bytes), not a scrapegate duplicate "
                                              "index (add --update-index to create the index in it)")
                return None
            cls._create(path)
        try:
            index = cls(path, _connect(path))
            index._check_meta()
        except sqlite3.DatabaseError as exc:
            raise DuplicateIndexError(f"{path}: not a usable scrapegate duplicate index ({exc})") from exc
        return index

    @classmethod
    def _create(cls, path: str) -> None:
        """Write an empty index beside ``path`` (a link's target) and move it in whole, so a refused write
        (a full disk) or a killed run leaves no 0-byte or half-made index under the name. A new name is
        taken by a hard link, which fails if another run created the index meanwhile (theirs is kept);
        an empty file there is replaced."""
        target = os.path.realpath(path)
        folder, name = os.path.split(target)
        try:
            fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise DuplicateIndexError(f"{path}: cannot create the index ({exc.strerror or exc})") from exc
        os.close(fd)
        try:
            os.chmod(temporary, 0o666 & ~UMASK)  # mkstemp makes 0600; as reports are written
            with cls(path, _connect(temporary)) as index:
                index._initialise()
            if os.path.exists(target):
                os.replace(temporary, target)
            else:
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    pass
        except (sqlite3.DatabaseError, OSError) as exc:
            raise DuplicateIndexError(f"{path}: cannot create the index ({exc})") from exc
        finally:
            for leftover in (temporary, f"{temporary}-wal", f"{temporary}-shm"):
                if os.path.exists(leftover):
                    os.unlink(leftover)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _initialise(self) -> None:
        with self.transaction():
            for statement in _SCHEMA.strip().split(";"):
                if statement.strip():
                    self._db.execute(statement)
            rows = [("format", FORMAT_NAME), *sorted(scheme().items())]
            self._db.executemany("INSERT INTO meta (name, value) VALUES (?, ?)", rows)

    def _check_meta(self) -> None:
        try:
            recorded = dict(self._db.execute("SELECT name, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise DuplicateIndexError(
                f"{self.path}: not a scrapegate duplicate index (no readable meta table: {exc})") from exc
        if recorded.get("format") != FORMAT_NAME:
            raise DuplicateIndexError(f"{self.path}: not a scrapegate duplicate index "
                                      f"(format {recorded.get('format')!r}, expected {FORMAT_NAME!r})")
        expected = scheme()
        mismatches = [f"{name} is {recorded.get(name)!r} in the index but {value!r} here"
                      for name, value in expected.items() if recorded.get(name) != value]
        if not mismatches:
            return
        fix = (f"to rebuild it, move {self.path} aside and run `scrapegate check <the documents it "
               f"indexed> --index {self.path} --update-index` (or pass another --index path)")
        version = recorded.get("scheme_version")
        if version != expected["scheme_version"]:
            raise DuplicateIndexError(
                f"{self.path}: duplicate index written under scheme_version {version!r}, this version "
                f"of scrapegate reads scheme_version {expected['scheme_version']!r} only "
                f"({SCHEME_CHANGES}); {fix}")
        raise DuplicateIndexError(
            f"{self.path}: duplicate index written with an incompatible signature scheme "
            f"({'; '.join(mismatches)}); {fix}")

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT name, value FROM meta"))

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # -- updates ---------------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on any exception)."""
        return _Transaction(self._db)

    def add(self, profiles: Mapping[str, DuplicateProfile], *, min_body_chars: int = 0,
            indexed_at: str | None = None) -> int:
        """Add the batch's documents in one transaction; returns how many were new.

        A document already indexed under the same key and sha256 is not added twice.
        """
        when = indexed_at or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        added = 0
        with self.transaction():
            added = self.insert(profiles, min_body_chars=min_body_chars, indexed_at=when)
        return added

    def insert(self, profiles: Mapping[str, DuplicateProfile], *, min_body_chars: int,
               indexed_at: str) -> int:
        """Insert rows; call inside :meth:`transaction` (``add`` does both)."""
        bands: list[tuple[int, int]] = []
        anchors: list[tuple[int, int, int]] = []
        frequency: Counter[int] = Counter()
        added = 0
        for key in sorted(profiles):
            p = profiles[key]
            if p.body_chars < min_body_chars or p.body_chars == 0:
                continue
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO documents (key, sha256, source, title, indexed_at, exact, "
                "body_chars, signature, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, p.sha256, p.source, p.title, indexed_at, p.exact, p.body_chars,
                 p.signature, zlib.compress(p.normalized_body.encode("utf-8"), 1)))
            if cursor.rowcount != 1:
                continue
            doc_id = cursor.lastrowid
            assert doc_id is not None  # a row was inserted
            added += 1
            bands.extend((band, doc_id) for band in set(p.band_keys()))
            rows = _anchor_rows(p)
            anchors.extend((h, doc_id, c) for h, c in rows)
            frequency.update(h for h, _ in rows)
        # one statement per table for the whole batch (per document, the calls cost more than the rows)
        self._db.executemany("INSERT OR IGNORE INTO bands (band, doc) VALUES (?, ?)", bands)
        self._db.executemany("INSERT OR IGNORE INTO anchors (anchor, doc, chars) VALUES (?, ?, ?)",
                             anchors)
        self._db.executemany("INSERT INTO anchor_freq (anchor, n) VALUES (?, ?) "
                             "ON CONFLICT (anchor) DO UPDATE SET n = n + excluded.n",
                             sorted(frequency.items()))
        return added

    # -- lookups ---------------------------------------------------------------------------------

    def find(self, profiles: Mapping[str, DuplicateProfile],
             thresholds: MatchThresholds) -> list[IndexMatch]:
        """Verified matches of the batch's documents against indexed ones, in a stable order.

        An indexed entry with the same key and sha256 as a document of this batch is that document
        checked again: it is skipped, both as a match of itself and of its in-batch copies (those
        pairs are reported within the batch already), so re-running a batch is stable. Each batch
        document gets at most ``matches_per_document`` matches (exact ones first, then the
        candidates with the best signature estimate that pass the exact check).
        """
        batch = {k: profiles[k] for k in sorted(profiles)
                 if profiles[k].body_chars >= thresholds.min_body_chars}
        if not batch:
            return []
        keys = list(batch)
        in_batch = {(key, p.sha256) for key, p in profiles.items()}
        target = thresholds.matches_per_document
        self._stage_queries(keys, batch, in_batch)
        exact = self._exact_pairs(target)
        by_anchors = self._anchor_pairs(thresholds)
        by_bands = self._band_pairs(keys, batch, bucket_limit(thresholds)) - by_anchors - exact
        ranked: dict[int, list[tuple[float, int]]] = defaultdict(list)
        indexed_chars: dict[int, int] = {}
        for (number, doc_id), (estimated, ok) in self._estimates(
                (by_anchors - exact) | by_bands, keys, batch, thresholds, indexed_chars).items():
            if ok or (number, doc_id) in by_anchors:
                ranked[number].append((-estimated, doc_id))
        entries: dict[int, IndexedDocument] = {}
        out: list[IndexMatch] = []
        found: Counter[int] = Counter()
        for number, doc_id in sorted(exact):
            entry = self._entry(doc_id, entries)
            key = keys[number]
            found[number] += 1
            out.append(IndexMatch(key, entry, EXACT, 1.0, None, (whole_body(batch[key]),)))
        bodies = ShingleCache(self._body, max_bytes=32 << 20)
        batch_sets: ShingleCache[str] = ShingleCache(lambda k: batch[k].normalized_body, max_bytes=32 << 20)
        self.verified_pairs = 0
        for number in sorted(ranked):
            key = keys[number]
            for _, doc_id in sorted(ranked[number]):
                if found[number] >= target:
                    break
                entry = self._entry(doc_id, entries)
                if (entry.key, entry.sha256) in in_batch:
                    continue
                chars, indexed_set = indexed_chars[doc_id], bodies(doc_id)
                mine = batch_sets(key)
                self.verified_pairs += 1
                verdict = judge(mine, batch[key].body_chars, indexed_set, chars, thresholds)
                if verdict is None:
                    continue
                found[number] += 1
                direction = None
                spans: tuple[tuple[int, int], ...] = (whole_body(batch[key]),)
                if verdict.kind == CONTAINMENT:
                    direction = "is-contained" if batch[key].body_chars <= chars else "contains"
                    spans = shared_spans(batch[key], indexed_set)
                out.append(IndexMatch(key, entry, verdict.kind, round(verdict.similarity, 4),
                                      direction, spans))
        for table in _QUERY_TABLES:
            self._db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        return sorted(out, key=lambda m: (m.key, m.indexed.key, m.indexed.sha256))

    def _stage_queries(self, keys: list[str], batch: Mapping[str, DuplicateProfile],
                       in_batch: set[tuple[str, str]]) -> None:
        db = self._db
        for table, columns in (("q_exact", "number INTEGER, exact BLOB"),
                               ("q_bands", "number INTEGER, band INTEGER"),
                               ("q_anchors", "number INTEGER, anchor INTEGER, chars INTEGER"),
                               ("q_keys", "key TEXT, sha256 TEXT, PRIMARY KEY (key, sha256)"),
                               ("q_large", "band INTEGER PRIMARY KEY")):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
            db.execute(f"CREATE TEMP TABLE {table} ({columns})")
        db.executemany("INSERT INTO q_exact VALUES (?, ?)",
                       [(n, batch[k].exact) for n, k in enumerate(keys)])
        db.executemany("INSERT INTO q_bands VALUES (?, ?)",
                       [(n, band) for n, k in enumerate(keys) for band in set(batch[k].band_keys())])
        db.executemany("INSERT INTO q_anchors VALUES (?, ?, ?)",
                       [(n, h, c) for n, k in enumerate(keys) for h, c in _anchor_rows(batch[k])])
        db.executemany("INSERT INTO q_keys VALUES (?, ?)", sorted(in_batch))

    def _estimates(self, pairs: set[tuple[int, int]], keys: list[str],
                   batch: Mapping[str, DuplicateProfile], thresholds: MatchThresholds,
                   indexed_chars: dict[int, int]) -> dict[tuple[int, int], tuple[float, bool]]:
        """{(number, doc id): (signature Jaccard estimate, plausible)}, see
        :func:`~scrapegate.rules.duplicates.match.estimate`; fills ``indexed_chars`` with the
        body length of each indexed document named."""
        if not pairs:
            return {}
        ordered = sorted(pairs)
        numbers = sorted({n for n, _ in ordered})
        signatures = [np.frombuffer(batch[keys[n]].signature, dtype=np.uint32) for n in numbers]
        chars = [batch[keys[n]].body_chars for n in numbers]
        row = {("batch", n): i for i, n in enumerate(numbers)}
        for doc_id in sorted({d for _, d in ordered}):
            signature, body_chars = self._db.execute(
                "SELECT signature, body_chars FROM documents WHERE id = ?", (doc_id,)).fetchone()
            row["index", doc_id] = len(signatures)
            signatures.append(np.frombuffer(signature, dtype=np.uint32))
            chars.append(body_chars)
            indexed_chars[doc_id] = body_chars
        left = np.array([row["batch", n] for n, _ in ordered])
        right = np.array([row["index", d] for _, d in ordered])
        return dict(zip(ordered, estimate(np.stack(signatures), chars, left, right, thresholds)))

    def _exact_pairs(self, limit: int) -> set[tuple[int, int]]:
        """Indexed documents with the same body, at most ``limit`` per batch document (the first
        indexed), documents of this batch excluded."""
        numbers: dict[bytes, list[int]] = defaultdict(list)
        for number, exact in self._db.execute("SELECT number, exact FROM q_exact"):
            numbers[exact].append(number)
        pairs: set[tuple[int, int]] = set()
        for exact in sorted(numbers):
            ids = [doc_id for (doc_id,) in self._db.execute(
                "SELECT d.id FROM documents d WHERE d.exact = ? AND NOT EXISTS (SELECT 1 FROM q_keys "
                "k WHERE k.key = d.key AND k.sha256 = d.sha256) ORDER BY d.id LIMIT ?", (exact, limit))]
            pairs.update((number, doc_id) for number in numbers[exact] for doc_id in ids)
        return pairs

    def _band_pairs(self, keys: list[str], batch: Mapping[str, DuplicateProfile],
                    limit: int) -> set[tuple[int, int]]:
        """Indexed documents sharing a band with a batch document: all of them in a band of at most
        ``limit`` indexed documents; in a larger band a few, from a place in the band's member list
        that a hash of band and batch key picks (documents of this batch left out)."""
        db = self._db
        large = [band for (band,) in db.execute(
            "SELECT band FROM bands WHERE band IN (SELECT band FROM q_bands) GROUP BY band "
            "HAVING COUNT(*) > ? ORDER BY band", (limit,))]
        db.executemany("INSERT INTO q_large VALUES (?)", [(band,) for band in large])
        pairs = set(db.execute(
            "SELECT DISTINCT q.number, b.doc FROM q_bands q JOIN bands b ON b.band = q.band "
            "WHERE q.band NOT IN (SELECT band FROM q_large)"))
        if not large:
            return pairs
        wanted = set(large)
        numbers: dict[int, list[int]] = defaultdict(list)
        for number, key in enumerate(keys):
            for band in set(batch[key].band_keys()) & wanted:
                numbers[band].append(number)
        for band in large:
            members = [doc for (doc,) in db.execute(
                "SELECT b.doc FROM bands b JOIN documents d ON d.id = b.doc WHERE b.band = ? AND NOT "
                "EXISTS (SELECT 1 FROM q_keys k WHERE k.key = d.key AND k.sha256 = d.sha256) "
                "ORDER BY b.doc", (band,))]
            if not members:
                continue
            salt = band.to_bytes(8, "little", signed=True)
            for number in numbers[band]:
                start = int.from_bytes(hashlib.blake2b(
                    keys[number].encode("utf-8"), digest_size=8, salt=salt).digest(), "little")
                for i in range(min(_LARGE_BAND_SAMPLE, len(members))):
                    pairs.add((number, members[(start + i) % len(members)]))
        return pairs

    def _anchor_pairs(self, thresholds: MatchThresholds) -> set[tuple[int, int]]:
        """Indexed documents sharing enough non-stock text (anchor keys) with a batch document to
        verify."""
        cap = thresholds.max_line_frequency
        rows = self._db.execute(
            "SELECT q.number, l.doc, SUM(q.chars) FROM q_anchors q "
            "JOIN anchor_freq f ON f.anchor = q.anchor AND f.n <= ? "
            "JOIN anchors l ON l.anchor = q.anchor GROUP BY q.number, l.doc", (cap,)).fetchall()
        if not rows:
            return set()
        # characters in distinctive (non-stock) lines, on both sides
        mine = dict(self._db.execute(
            "SELECT q.number, SUM(q.chars) FROM q_anchors q LEFT JOIN anchor_freq f "
            "ON f.anchor = q.anchor WHERE f.n IS NULL OR f.n <= ? GROUP BY q.number", (cap,)))
        theirs: dict[int, int] = {}
        for doc_id in sorted({doc_id for _, doc_id, _ in rows}):
            theirs[doc_id] = self._db.execute(
                "SELECT COALESCE(SUM(l.chars), 0) FROM anchors l JOIN anchor_freq f "
                "ON f.anchor = l.anchor WHERE l.doc = ? AND f.n <= ?", (doc_id, cap)).fetchone()[0]
        floor = thresholds.containment_threshold / 2
        return {(number, doc_id) for number, doc_id, shared in rows
                if shared >= floor * min(mine.get(number, 0), theirs[doc_id])}

    def _body(self, doc_id: int) -> str:
        """An indexed document's normalised body (for its exact shingle set)."""
        (body,) = self._db.execute("SELECT body FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return zlib.decompress(body).decode("utf-8")

    def _entry(self, doc_id: int, cache: dict[int, IndexedDocument]) -> IndexedDocument:
        if doc_id not in cache:
            row = self._db.execute("SELECT key, sha256, source, title, indexed_at FROM documents "
                                   "WHERE id = ?", (doc_id,)).fetchone()
            cache[doc_id] = IndexedDocument(*row)
        return cache[doc_id]


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type:
            self._db.execute("ROLLBACK")
            return
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error:  # SQLITE_FULL, SQLITE_IOERR: the transaction may still be open
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _anchor_rows(profile: DuplicateProfile) -> list[tuple[int, int]]:
    keys, chars = profile.anchors()
    return list(zip(keys.tolist(), chars.tolist()))


def check_index(path: str, *, create: bool = False) -> None:
    """Raise :class:`DuplicateIndexError` now if ``path`` is not a usable index.

    For the command line: call it before any work so a bad ``--index`` is a usage error (exit 2)
    rather than a failure after the whole batch was read. A missing file is fine (with ``create``
    it is created, as ``--update-index`` would).
    """
    index = DuplicateIndex.open(path, create=create)
    if index is not None:
        index.close()


def iter_keys(index: DuplicateIndex) -> Iterator[tuple[str, str]]:
    """(key, sha256) of every indexed document, in insertion order."""
    yield from index._db.execute("SELECT key, sha256 FROM documents ORDER BY id")
