"""The duplicate profiles of a batch as the main process holds them: on disk, a few bytes each in memory.

A million documents' profiles (MinHash signatures of 512 bytes, anchor keys, normalised bodies)
would not fit the main process's budget of about 2 KB per document, so :class:`ProfileStore` keeps

* each whole profile pickled in the run's :class:`~scrapegate.checks.spill.Spill` (read back to verify
  a candidate pair, choose a keeper or update the index);
* the signatures, one 512-byte row per profile, in a temporary file, read in chunks to cut LSH bands
  (:meth:`band_columns`) and by row to estimate a candidate pair's similarity;
* the anchors (key, characters covered) in another temporary file, read in chunks and partitioned on
  disk by key (:meth:`anchor_parts`), so grouping them never holds the whole batch's anchors;
* in memory, per profile: the exact-body digest (16 bytes), offsets (8 + 8 bytes), the number of
  distinct 5-grams (4 bytes) and the body length (8 bytes).

What the runner holds per document is the profile's row (the rules' ``compact``); a batch rule reads
a :class:`StoredProfile` made from it (``expand``: the store, the row and the body length), which reads
like a :class:`DuplicateProfile`, loading the rest from the spill when asked. A worker sends the profile
as a :class:`PackedProfile` (the rules' ``pack``): what the store writes, ready to write.
"""

from __future__ import annotations

import dataclasses
import os
from array import array
from typing import IO, Any, Callable, Iterator, Mapping, NamedTuple, Sequence

import numpy as np
from scrapegate.checks.spill import Pickled, Spill, read_at, seek_read, temporary_file
from scrapegate.rules.duplicates.profile import NUM_PERM, DuplicateProfile, band_key_matrix

_SIGNATURE_BYTES = NUM_PERM * 4
_ANCHOR = np.dtype([("key", "<i8"), ("chars", "<u4")])
_CHUNK_ROWS = 1 << 10  # signatures read 512 KB at a time (and cut into bands as 1 MB of uint64), anchors a few MB
_OWNED = np.dtype([("key", "<i8"), ("chars", "<u4"), ("owner", "<i8")])
_ANCHOR_PARTS = 64  # a part of 10,000 documents' anchors is about 20,000 of them (16 parts: 15 MB peak)


class PackedProfile(NamedTuple):
    """A profile as :meth:`ProfileStore.add` writes it, made where the profile was (a worker): the
    profile pickled without its signature and anchors (the store's own files hold them, and
    :meth:`ProfileStore.load` puts them back), its exact digest in 16 bytes, its anchors as the
    anchor file's records."""

    whole: Pickled
    exact: bytes
    shingles: int
    body_chars: int
    signature: bytes
    anchors: bytes

    @classmethod
    def of(cls, profile: DuplicateProfile) -> PackedProfile:
        if len(profile.signature) != _SIGNATURE_BYTES:
            raise ValueError(f"a signature of {len(profile.signature)} bytes, not {_SIGNATURE_BYTES}")
        keys, chars = profile.anchors()
        anchors = np.empty(len(keys), dtype=_ANCHOR)
        anchors["key"], anchors["chars"] = keys, chars
        rest = dataclasses.replace(profile, signature=b"", anchor_keys=b"", anchor_chars=b"")
        return cls(Pickled(rest), profile.exact.ljust(16, b"\0")[:16], profile.shingles, profile.body_chars,
                   profile.signature, anchors.tobytes())


class StoredProfile:
    """A profile kept in a :class:`ProfileStore`: its body length at hand, everything else read back
    from the store on access (``profile.quality``, ``profile.normalized_body``, ``profile.anchors()``…)."""

    __slots__ = ("store", "row", "body_chars")

    def __init__(self, store: ProfileStore, row: int, body_chars: int) -> None:
        self.store, self.row, self.body_chars = store, row, body_chars

    def full(self) -> DuplicateProfile:
        return self.store.load(self.row)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store.load(self.row), name)

    def __getstate__(self) -> Any:
        raise TypeError("a stored profile belongs to the process that stored it")


class ProfileStore:
    """Append-only: :meth:`add` a profile, get its row; :meth:`stored` reads it as a :class:`StoredProfile`."""

    def __init__(self, spill: Spill | None = None, *,
                 read: Callable[[IO[bytes], int, int], bytes] = read_at) -> None:
        """``read``: how the signature and anchor files are read back (``seek_read`` where there is
        no ``os.pread``; the tests run both)."""
        self._spill = spill if spill is not None else Spill()
        self._read = read
        self._numbers = array("Q")
        self._exact = bytearray()
        self._anchor_ends = array("Q", [0])
        self._shingles = array("I")
        self._body_chars = array("Q")
        self._signatures: IO[bytes] = temporary_file("scrapegate-signatures-")
        self._anchors: IO[bytes] = temporary_file("scrapegate-anchors-")
        self._last: tuple[int, DuplicateProfile] | None = None

    @classmethod
    def of(cls, spill: Spill) -> ProfileStore:
        """The run's store, kept beside its spill (one per run)."""
        return spill.companion("duplicates.profiles", lambda: cls(spill))

    def __len__(self) -> int:
        return len(self._numbers)

    def add(self, profile: DuplicateProfile | PackedProfile) -> int:
        packed = profile if isinstance(profile, PackedProfile) else PackedProfile.of(profile)
        row = len(self._numbers)
        self._numbers.append(self._spill.put(packed.whole))
        self._exact += packed.exact
        self._shingles.append(packed.shingles)
        self._body_chars.append(packed.body_chars)
        if self._read is seek_read:  # a read moved the files' offsets
            self._signatures.seek(0, os.SEEK_END)
            self._anchors.seek(0, os.SEEK_END)
        self._signatures.write(packed.signature)  # buffered (reads are preads after a flush)
        self._anchors.write(packed.anchors)
        self._anchor_ends.append(self._anchor_ends[-1] + len(packed.anchors) // _ANCHOR.itemsize)
        return row

    def stored(self, row: int) -> StoredProfile:
        return StoredProfile(self, row, self._body_chars[row])

    def load(self, row: int) -> DuplicateProfile:
        last = self._last
        if last is not None and last[0] == row:
            return last[1]
        rest: DuplicateProfile = self._spill.get(self._numbers[row])
        self._signatures.flush()
        self._anchors.flush()
        signature = self._read(self._signatures, _SIGNATURE_BYTES, row * _SIGNATURE_BYTES)
        start, stop = self._anchor_ends[row], self._anchor_ends[row + 1]
        anchors = np.frombuffer(self._read(self._anchors, (stop - start) * _ANCHOR.itemsize,
                                           start * _ANCHOR.itemsize), dtype=_ANCHOR)
        profile = dataclasses.replace(rest, signature=signature, anchor_keys=anchors["key"].tobytes(),
                                      anchor_chars=anchors["chars"].tobytes())
        self._last = (row, profile)
        return profile

    def exact(self, rows: np.ndarray) -> np.ndarray:
        """The exact-body digests of these rows as (n, 2) uint64."""
        digests = np.frombuffer(bytes(self._exact), dtype=np.uint64).reshape(-1, 2) if self._exact else \
            np.empty((0, 2), dtype=np.uint64)
        return digests[rows]

    def body_chars(self, rows: np.ndarray) -> np.ndarray:
        """Each row's body length (``DuplicateProfile.body_chars``) as int64."""
        return np.frombuffer(self._body_chars, dtype=np.uint64)[rows].astype(np.int64) if len(self._body_chars) \
            else np.zeros(len(rows), dtype=np.int64)

    def shingle_counts(self, rows: np.ndarray) -> np.ndarray:
        """Each row's number of distinct 5-grams (``DuplicateProfile.shingles``; 0: not counted)."""
        return np.frombuffer(self._shingles, dtype=np.uint32)[rows] if len(self._shingles) else \
            np.zeros(len(rows), dtype=np.uint32)

    def signatures_in_order(self, rows: np.ndarray) -> np.ndarray:
        """The signatures of these rows (any order), each run of consecutive rows in one read (the rows
        asked for are a few scattered over the store: reading it in chunks would read most of the file)."""
        order = np.argsort(rows, kind="stable")
        out = np.empty((len(rows), NUM_PERM), dtype=np.uint32)
        at = 0
        for block in self._signature_runs(rows[order]):
            out[order[at:at + len(block)]] = block
            at += len(block)
        return out

    def _signature_runs(self, rows: np.ndarray) -> Iterator[np.ndarray]:
        """The signatures of ``rows`` (ascending), one read per run of consecutive rows."""
        if not len(rows):
            return
        self._signatures.flush()
        ends = np.flatnonzero(np.diff(rows) != 1) + 1
        for lo, hi in zip([0, *ends.tolist()], [*ends.tolist(), len(rows)]):
            data = self._read(self._signatures, (hi - lo) * _SIGNATURE_BYTES, int(rows[lo]) * _SIGNATURE_BYTES)
            yield np.frombuffer(data, dtype=np.uint32).reshape(hi - lo, NUM_PERM)

    def _signature_chunks(self, rows: np.ndarray) -> Iterator[np.ndarray]:
        """The signatures of ``rows`` (ascending) in chunks, in order."""
        self._signatures.flush()
        for lo in range(0, len(self), _CHUNK_ROWS):
            hi = min(len(self), lo + _CHUNK_ROWS)
            first, last = np.searchsorted(rows, [lo, hi])
            if first == last:
                continue
            data = self._read(self._signatures, (hi - lo) * _SIGNATURE_BYTES, lo * _SIGNATURE_BYTES)
            block = np.frombuffer(data, dtype=np.uint32).reshape(hi - lo, NUM_PERM)
            yield block[rows[first:last] - lo]

    def band_columns(self, rows: np.ndarray) -> Iterator[np.ndarray]:
        """The LSH band keys of these rows (ascending), one band at a time: each an int64 array
        aligned with ``rows``. The bands are cut chunk by chunk and written band-major to disk."""
        files: list[IO[bytes]] = []
        try:
            for block in self._signature_chunks(rows):
                bands = band_key_matrix(block)
                if not files:
                    files = [temporary_file("scrapegate-bands-") for _ in range(bands.shape[1])]
                for band, handle in enumerate(files):
                    handle.write(np.ascontiguousarray(bands[:, band]).tobytes())
            for handle in files:
                handle.seek(0)
                yield np.frombuffer(handle.read(), dtype=np.int64)
                handle.close()
        finally:
            for handle in files:
                handle.close()

    def anchor_parts(self, rows: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The anchors of these rows (ascending) as (keys, owners, characters), owners being positions
        in ``rows``, in :data:`_ANCHOR_PARTS` parts by key (all of a key's anchors in one part, in the
        order of ``rows``): partitioned through temporary files, one part in memory at a time."""
        self._anchors.flush()
        ends = np.frombuffer(self._anchor_ends, dtype=np.uint64).astype(np.int64)
        parts = [temporary_file("scrapegate-anchor-part-") for _ in range(_ANCHOR_PARTS)]
        try:
            for lo in range(0, len(self), _CHUNK_ROWS):
                hi = min(len(self), lo + _CHUNK_ROWS)
                first, last = np.searchsorted(rows, [lo, hi])
                if first == last:
                    continue
                start, stop = int(ends[lo]), int(ends[hi])
                data = np.frombuffer(self._read(self._anchors, (stop - start) * _ANCHOR.itemsize,
                                                start * _ANCHOR.itemsize), dtype=_ANCHOR)
                counts = ends[lo + 1:hi + 1] - ends[lo:hi]
                chosen = np.zeros(hi - lo, dtype=bool)
                chosen[rows[first:last] - lo] = True
                picked = data[np.repeat(chosen, counts)]
                block = np.empty(len(picked), dtype=_OWNED)
                block["key"], block["chars"] = picked["key"], picked["chars"]
                block["owner"] = np.repeat(np.arange(first, last), counts[rows[first:last] - lo])
                part = (block["key"] >> 57).astype(np.intp) & (_ANCHOR_PARTS - 1)
                order = np.argsort(part, kind="stable")
                bounds = np.searchsorted(part[order], np.arange(_ANCHOR_PARTS + 1))
                for n, handle in enumerate(parts):
                    handle.write(block[order[bounds[n]:bounds[n + 1]]].tobytes())
            for handle in parts:
                handle.seek(0)
                block = np.frombuffer(handle.read(), dtype=_OWNED)
                handle.close()
                yield block["key"].copy(), block["owner"].copy(), block["chars"].astype(np.int64)
        finally:
            for handle in parts:
                handle.close()


def stored_rows(profiles: Mapping[str, Any], keys: Sequence[str]) -> tuple[ProfileStore, np.ndarray]:
    """The store holding the profiles of ``keys`` and each one's row. Profiles held elsewhere (the
    Python API and tests hand in :class:`DuplicateProfile` objects) are stored in a fresh one first,
    so the batch is searched the same way whoever built it."""
    store: ProfileStore | None = None
    rows = np.empty(len(keys), dtype=np.int64)
    for i, key in enumerate(keys):
        p = profiles[key]
        if not isinstance(p, StoredProfile) or (store is not None and p.store is not store):
            break
        store = p.store
        rows[i] = p.row
    else:
        if store is not None:
            return store, rows
    fresh = ProfileStore()
    for i, key in enumerate(keys):
        p = profiles[key]
        rows[i] = fresh.add(p.full() if isinstance(p, StoredProfile) else p)
    return fresh, rows
