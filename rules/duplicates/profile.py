"""The duplicate-detection profile of one document: what workers compute and the index stores.

The *signature scheme* fixed here is shared by in-batch matching and the persistent index, so every
constant that changes a stored value is part of :data:`SCHEME` and recorded in the index's meta table:

* the body is ``body_lines`` (the document's own text, chrome removed), each line NFKC-folded (full-
  and half-width punctuation and digits become one form) with all white space removed, then joined
  without separators, so re-wrapped copies of one text normalise to the same string;
* shingles are character 5-grams of that string (never words: splitting on ``\\W`` would make a
  Chinese clause one token), hashed with numpy to 64 bits;
* the MinHash signature comes from rensa's ``RMinHash`` (128 permutations, fixed seed) over those
  hashes; LSH cuts its first 125 values into 25 bands of 5 rows, one 63-bit key per band. A pair
  with Jaccard 0.7 shares a band with probability 0.99 (0.75: 0.999), one with 0.3 (reports
  sharing stock passages) with probability 0.06, so stock-heavy batches stay near linear;
* line keys (a hash of the first :data:`LINE_KEY_CHARS` characters of each normalised body line of
  at least :data:`MIN_LINE_CHARS` characters) propose containment candidates: a line cut short by a
  truncation keeps the key of the full line.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np
import rensa
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.textnorm import nfkc
from scrapegate.rules.segmentation import document_title, source_url

SCHEME_VERSION = 1
SHINGLE_SIZE = 5
NUM_PERM = 128
BANDS = 25
ROWS = 5
MINHASH_SEED = 20230131
MIN_LINE_CHARS = 10
LINE_KEY_CHARS = 32

_WHITESPACE = re.compile(r"\s+")
_U64 = np.uint64
_POLY = _U64(0x100000001B3)
_MASK63 = (1 << 63) - 1


def scheme() -> dict[str, str]:
    """Everything an index must agree on to be readable: recorded in and checked against its meta."""
    return {
        "scheme_version": str(SCHEME_VERSION),
        "shingle_size": str(SHINGLE_SIZE),
        "num_perm": str(NUM_PERM),
        "bands": str(BANDS),
        "rows": str(ROWS),
        "minhash": "rensa.RMinHash",
        "minhash_seed": str(MINHASH_SEED),
        "minhash_algorithm_version": str(rensa.RMinHash.ALGORITHM_VERSION),
        "minhash_canary": canary_digest(),
        "min_line_chars": str(MIN_LINE_CHARS),
        "line_key_chars": str(LINE_KEY_CHARS),
    }


@dataclass(frozen=True)
class DuplicateProfile:
    """A document's duplicate-detection payload: small, picklable, enough to verify any pair.

    ``body`` is the normalised body, zlib-compressed (verification recomputes exact shingle sets
    from it); ``line_*`` arrays describe each body line: its offset in the normalised body, its span
    in the decoded text and its line key (0 for lines too short to key).
    """

    sha256: str
    source: str | None
    title: str | None
    exact: bytes
    body_chars: int
    body_span: tuple[int, int] | None
    body: bytes
    signature: bytes
    line_offsets: bytes
    line_starts: bytes
    line_ends: bytes
    line_hashes: bytes

    @property
    def normalized_body(self) -> str:
        return zlib.decompress(self.body).decode("utf-8")

    def band_keys(self) -> list[int]:
        return band_keys(np.frombuffer(self.signature, dtype=np.uint32))

    def lines(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(offsets in the normalised body, starts, ends in the decoded text, hashes) per body line."""
        return (np.frombuffer(self.line_offsets, dtype=np.uint32),
                np.frombuffer(self.line_starts, dtype=np.uint32),
                np.frombuffer(self.line_ends, dtype=np.uint32),
                np.frombuffer(self.line_hashes, dtype=np.int64))

    def hashed_lines(self) -> dict[int, int]:
        """{line key: characters} for the distinct keyed lines (first occurrence)."""
        offsets, _, _, hashes = self.lines()
        ends = np.append(offsets[1:], self.body_chars)
        out: dict[int, int] = {}
        for h, start, end in zip(hashes.tolist(), offsets.tolist(), ends.tolist()):
            if h:
                out.setdefault(h, end - start)
        return out


def normalize_text(text: str) -> str:
    """NFKC (width folding) and no white space at all: the light normalisation of the body."""
    return _WHITESPACE.sub("", nfkc(text))


def profile_from_lines(lines: list[tuple[int, int, str]], *, sha256: str, source: str | None = None,
                       title: str | None = None) -> DuplicateProfile:
    """Build the profile from body lines given as (start, end, text) in the decoded document."""
    parts: list[str] = []
    offsets: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    hashes: list[int] = []
    position = 0
    for start, end, text in lines:
        norm = normalize_text(text)
        if not norm:
            continue
        parts.append(norm)
        offsets.append(position)
        starts.append(start)
        ends.append(end)
        hashes.append(line_hash(norm[:LINE_KEY_CHARS]) if len(norm) >= MIN_LINE_CHARS else 0)
        position += len(norm)
    body = "".join(parts)
    signature = minhash_signature(shingle_positions(body))  # MinHash ignores repeats: no unique()
    return DuplicateProfile(
        sha256=sha256, source=source, title=title,
        exact=hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest(),
        body_chars=len(body),
        body_span=(starts[0], ends[-1]) if starts else None,
        body=zlib.compress(body.encode("utf-8"), 3),
        signature=signature.tobytes(),
        line_offsets=np.asarray(offsets, dtype=np.uint32).tobytes(),
        line_starts=np.asarray(starts, dtype=np.uint32).tobytes(),
        line_ends=np.asarray(ends, dtype=np.uint32).tobytes(),
        line_hashes=np.asarray(hashes, dtype=np.int64).tobytes(),
    )


def document_profile(doc: Document, ctx: BatchContext) -> DuplicateProfile:
    """The document's profile from its body lines (chrome removed), memoised on the document."""
    from scrapegate.rules.boilerplate.chrome import body_lines

    def compute() -> DuplicateProfile:
        lines = [(line.start, line.end, line.text) for line in body_lines(doc, ctx)]
        return profile_from_lines(lines, sha256=doc.sha256, source=source_url(doc),
                                  title=document_title(doc, ctx))
    return doc.batch_memo(ctx, "duplicate_profile", compute)


def line_hash(normalized_line: str) -> int:
    """Non-zero signed 63-bit hash of a normalised line (fits an SQLite INTEGER)."""
    digest = hashlib.blake2b(normalized_line.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") & _MASK63) or 1


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 arithmetic wraps, which is intended)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def shingle_positions(body: str) -> np.ndarray:
    """Hash of the 5-gram starting at each position of the normalised body (uint64, not unique)."""
    if not body:
        return np.empty(0, dtype=_U64)
    codes = np.frombuffer(body.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    if len(codes) < SHINGLE_SIZE:
        codes = np.concatenate([codes, np.zeros(SHINGLE_SIZE - len(codes), dtype=_U64)])
    count = len(codes) - SHINGLE_SIZE + 1
    acc = np.zeros(count, dtype=_U64)
    for k in range(SHINGLE_SIZE):
        acc = acc * _POLY + codes[k : k + count] + _U64(1)
    return _mix64(acc)


def shingle_hashes(body: str) -> np.ndarray:
    """The sorted set of 5-gram hashes of the normalised body."""
    ordered = np.sort(shingle_positions(body))
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]  # 5x faster than unique()


def shared_count(a: np.ndarray, b: np.ndarray) -> int:
    """|a ∩ b| for sorted unique arrays, by binary search (no sort of the concatenation)."""
    if len(a) == 0 or len(b) == 0:
        return 0
    if len(a) > len(b):
        a, b = b, a
    found = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return int(np.count_nonzero(b[found] == a))


def minhash_signature(shingles: np.ndarray) -> np.ndarray:
    """rensa RMinHash digest (uint32 × NUM_PERM) of shingle hashes (repeats allowed); zeros if none."""
    if len(shingles) == 0:
        return np.zeros(NUM_PERM, dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_token_hash_sets([shingles], NUM_PERM, MINHASH_SEED)
    return np.asarray(matrix.to_rows()[0], dtype=np.uint32)


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 63-bit key per LSH band (the band number is folded in)."""
    rows = signature[: BANDS * ROWS].astype(_U64).reshape(BANDS, ROWS)
    acc = np.arange(1, BANDS + 1, dtype=_U64) * _U64(0x9E3779B97F4A7C15)
    for r in range(ROWS):
        acc = _mix64(acc * _POLY + rows[:, r])
    return (acc & _U64(_MASK63)).astype(np.int64).tolist()


def canary_digest() -> str:
    """Digest of a fixed token set: changes whenever rensa's signatures change, whatever its version."""
    tokens = np.arange(1, 200, dtype=_U64) * _U64(0x9E3779B97F4A7C15)
    return hashlib.sha256(minhash_signature(tokens).tobytes()).hexdigest()[:16]

