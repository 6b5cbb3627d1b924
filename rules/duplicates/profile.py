"""The duplicate-detection profile of one document: what workers compute and the index stores.

The *signature scheme* fixed here is shared by in-batch matching and the persistent index, so every
constant that changes a stored value is part of :data:`SCHEME` and recorded in the index's meta table:

* the body is ``body_lines`` (the document's own text, chrome removed); in a page of raw HTML,
  markup (tags, scripts, styles, comments) is dropped from those lines and entities are decoded;
* each body line is reduced to its letters, digits and Han (a content farm's pinyin glosses as in
  經(jīng)濟, white space, line breaks and all punctuation go, so re-flowed copies and copies with
  other punctuation are one text), NFKC-folded (full- and half-width forms are one), lower-cased
  and converted from traditional to simplified characters (OpenCC ``t2s``,
  :func:`scrapegate.checks.textnorm.to_simplified`, the converter the spam family uses; 著 and 着
  are one character), so a copy in traditional characters is the same body; the lines are joined
  without separators into the *normalised body*;
* shingles are character 5-grams of that string (never words: splitting on ``\\W`` would make a
  Chinese clause one token), hashed with numpy to 64 bits;
* the MinHash signature comes from rensa's ``RMinHash`` (128 permutations, fixed seed) over those
  hashes; LSH cuts its first 125 values into 25 bands of 5 rows, one 63-bit key per band. A pair
  with Jaccard 0.7 shares a band with probability 0.99 (0.75: 0.999), one with 0.3 (reports
  sharing stock passages) with probability 0.06, so stock-heavy batches stay near linear;
* anchor keys propose containment candidates whatever the line breaks: an anchor is a position of
  the normalised body whose 5-gram hash is 0 modulo :data:`ANCHOR_EVERY` (content-defined, so a
  copy re-wrapped or cut short has the same anchors in the text they share), keyed by a hash of
  three 5-grams within the :data:`ANCHOR_SPAN` characters from there; each key carries the
  characters up to the next anchor, so shared keys measure shared text.

A profile also carries cheap quality signals of the copy (:class:`Quality`: U+FFFD and 锟斤拷
damage, raw markup, chrome share, pinyin glosses, traditional script), used with the other families' findings to choose which copy
of a cluster to keep.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import NamedTuple, Sequence

import numpy as np
import opencc
import rensa
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.textnorm import (PINYIN_GLOSS, drop_non_word, has_pinyin_gloss, has_traditional, nfkc,
                                        to_simplified)
from scrapegate.rules.segmentation import document_title, source_url

SCHEME_VERSION = 2
SHINGLE_SIZE = 5
NUM_PERM = 128
BANDS = 25
ROWS = 5
MINHASH_SEED = 20230131
ANCHOR_EVERY = 64
ANCHOR_SPAN = 24

# Raw HTML: a document is treated as markup when it has one of these elements.
_HTML_ELEMENT = re.compile(r"<(?:!doctype|html|head|body|div|p|br|span|table|td|li|meta|script|style"
                           r"|a|h[1-6])\b", re.IGNORECASE)
_MARKUP = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->|<[^<>]*>",
                     re.IGNORECASE | re.DOTALL)
_DAMAGE = re.compile("\ufffd|锟斤拷|烫烫烫|屯屯屯")
_U64 = np.uint64
_POLY = _U64(0x100000001B3)
_MASK63 = (1 << 63) - 1
# The anchor key hashes the 5-grams at these offsets from the anchor (within ANCHOR_SPAN characters).
_ANCHOR_OFFSETS = (0, 10, ANCHOR_SPAN - SHINGLE_SIZE)
_CANARY_TEXT = "經(jīng)濟發展報告，臺灣　ＡＢＣ１２３，面臨著"


def scheme() -> dict[str, str]:
    """Everything an index must agree on to be readable: recorded in and checked against its meta."""
    return {
        "scheme_version": str(SCHEME_VERSION),
        "normal_form": "markup and pinyin glosses dropped, letters/digits/Han only, NFKC, "
                       "lower case, OpenCC t2s, 著=着",
        "normal_form_canary": normalize_text(_CANARY_TEXT),
        "opencc_version": opencc.__version__,
        "shingle_size": str(SHINGLE_SIZE),
        "num_perm": str(NUM_PERM),
        "bands": str(BANDS),
        "rows": str(ROWS),
        "minhash": "rensa.RMinHash",
        "minhash_seed": str(MINHASH_SEED),
        "minhash_algorithm_version": str(rensa.RMinHash.ALGORITHM_VERSION),
        "minhash_canary": canary_digest(),
        "anchor_every": str(ANCHOR_EVERY),
        "anchor_span": str(ANCHOR_SPAN),
        "anchor_offsets": ",".join(map(str, _ANCHOR_OFFSETS)),
    }


@dataclass(frozen=True)
class Quality:
    """Cheap signals of how clean a copy is, computed with its profile (no other family needed).

    ``damaged``: U+FFFD and 锟斤拷-style runs in the body (bytes lost in decoding); ``markup``: the
    document is raw HTML; ``chrome_share``: the share of its non-blank characters outside the body;
    ``glosses``: pinyin glosses glued after characters (經(jīng)濟, a content farm's obfuscation);
    ``converted``: the body was in traditional characters (converted for the normal form).
    """

    damaged: int = 0
    markup: bool = False
    chrome_share: float = 0.0
    glosses: int = 0
    converted: bool = False


@dataclass(frozen=True)
class DuplicateProfile:
    """A document's duplicate-detection payload: small, picklable, enough to verify any pair.

    ``body`` is the normalised body (verification recomputes exact shingle sets from it; in the main
    process of a run the whole profile is kept on disk, :mod:`~scrapegate.rules.duplicates.store`); ``line_*``
    arrays describe each body line: its offset in the normalised body and its span in the decoded
    text; ``anchor_*`` the distinct anchor keys and the characters each covers.
    """

    sha256: str
    source: str | None
    title: str | None
    exact: bytes
    body_chars: int
    body_span: tuple[int, int] | None
    body: str
    signature: bytes
    line_offsets: bytes
    line_starts: bytes
    line_ends: bytes
    anchor_keys: bytes
    anchor_chars: bytes
    quality: Quality = Quality()
    shingles: int = 0
    """How many distinct 5-grams the normalised body has (the size of its exact shingle set); 0 when
    not counted."""

    @property
    def normalized_body(self) -> str:
        return self.body

    def band_keys(self) -> list[int]:
        return band_keys(np.frombuffer(self.signature, dtype=np.uint32))

    def lines(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(offsets in the normalised body, starts, ends in the decoded text) per body line."""
        return (np.frombuffer(self.line_offsets, dtype=np.uint32),
                np.frombuffer(self.line_starts, dtype=np.uint32), np.frombuffer(self.line_ends, dtype=np.uint32))

    def anchors(self) -> tuple[np.ndarray, np.ndarray]:
        """(distinct anchor keys as int64, characters from each to the next anchor)."""
        return (np.frombuffer(self.anchor_keys, dtype=np.int64),
                np.frombuffer(self.anchor_chars, dtype=np.uint32))


def normalize_lines(texts: list[str]) -> list[str]:
    """Each text (a line: no line break in it) in the normal form (see the module docstring)."""
    return _normal_form(texts)[0]


def _normal_form(texts: list[str]) -> tuple[list[str], bool, int]:
    """(the texts in the normal form, whether traditional characters were converted, how many
    pinyin glosses were dropped), each step one pass over the joined lines; text with no
    traditional character skips the converter. 著 becomes 着: Taiwanese text writes 面臨著 where
    mainland text writes 面临着, and the converter keeps 著 (a simplified character too)."""
    text = "\n".join(texts)
    glosses = 0
    if has_pinyin_gloss(text):
        text, glosses = PINYIN_GLOSS.subn("", text)
    text = drop_non_word(text)
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = drop_non_word(nfkc(text))
    if "_" in text:
        text = text.replace("_", "")
    converted = has_traditional(text)
    simplified = to_simplified(text) if converted else text
    return simplified.lower().replace("著", "着").split("\n"), converted, glosses


def normalize_text(text: str) -> str:
    """One text in the normal form: letters, digits and Han only, NFKC, lower case, simplified."""
    return normalize_lines([text])[0]


def profile_from_lines(lines: list[tuple[int, int, str]], *, sha256: str, source: str | None = None,
                       title: str | None = None, quality: Quality = Quality()) -> DuplicateProfile:
    """Build the profile from body lines given as (start, end, text) in the decoded document;
    ``quality`` gets the normal form's own signals (glosses, conversion) added."""
    body = _normalised(lines, quality)
    positions = shingle_positions(body.text)
    return _profile(body, minhash_signature(positions), anchors(positions, len(body.text)),
                    distinct_count(positions), sha256, source, title)


class _Body(NamedTuple):
    """A document's normalised body and its lines' places, before its shingles are hashed."""

    text: str
    offsets: list[int]
    starts: list[int]
    ends: list[int]
    quality: Quality


def _normalised(lines: list[tuple[int, int, str]], quality: Quality) -> _Body:
    norms, converted, glosses = _normal_form([text for _, _, text in lines])
    kept = [(start, end, norm) for (start, end, _), norm in zip(lines, norms) if norm]
    parts = [norm for _, _, norm in kept]
    return _Body("".join(parts), [0, *accumulate(len(norm) for norm in parts)][:-1],
                 [start for start, _, _ in kept], [end for _, end, _ in kept],
                 replace(quality, glosses=glosses, converted=converted))


def _profile(body: _Body, signature: np.ndarray, anchored: tuple[np.ndarray, np.ndarray], shingles: int,
             sha256: str, source: str | None, title: str | None) -> DuplicateProfile:
    anchor_keys, anchor_chars = anchored
    return DuplicateProfile(
        sha256=sha256, source=source, title=title,
        exact=hashlib.blake2b(body.text.encode("utf-8"), digest_size=16).digest(),
        body_chars=len(body.text),
        body_span=(body.starts[0], body.ends[-1]) if body.starts else None,
        body=body.text,
        signature=signature.tobytes(),  # MinHash ignores repeats: no unique()
        line_offsets=np.asarray(body.offsets, dtype=np.uint32).tobytes(),
        line_starts=np.asarray(body.starts, dtype=np.uint32).tobytes(),
        line_ends=np.asarray(body.ends, dtype=np.uint32).tobytes(),
        anchor_keys=anchor_keys.tobytes(), anchor_chars=anchor_chars.tobytes(),
        quality=body.quality, shingles=shingles,
    )


def is_markup(text: str) -> bool:
    """Whether the text is raw HTML (has a common HTML element)."""
    return "<" in text and _HTML_ELEMENT.search(text) is not None


def markup_free_lines(text: str, lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The lines of ``text`` with its HTML markup removed (tags, scripts, styles, comments; entities
    decoded); call it for a document that :func:`is_markup`. Spans stay the lines' spans."""
    cuts = [(m.start(), m.end()) for m in _MARKUP.finditer(text)]
    out: list[tuple[int, int, str]] = []
    i = 0
    for start, end, _line in lines:
        while i < len(cuts) and cuts[i][1] <= start:
            i += 1
        pieces, at, j = [], start, i
        while j < len(cuts) and cuts[j][0] < end:
            if cuts[j][0] > at:
                pieces.append(text[at:cuts[j][0]])
            at = max(at, cuts[j][1])
            j += 1
        if at < end:
            pieces.append(text[at:end])
        kept = "".join(pieces)
        if "&" in kept:
            kept = html.unescape(kept).replace("\n", " ")  # &#10; would split the line
        out.append((start, end, kept))
    return out


def document_profile(doc: Document, ctx: BatchContext) -> DuplicateProfile:
    """The document's profile from its body lines (chrome removed), memoised on the document."""
    def compute() -> DuplicateProfile:
        lines, quality, source, title = _profile_inputs(doc, ctx)
        return profile_from_lines(lines, sha256=doc.sha256, source=source, title=title, quality=quality)
    return doc.batch_memo(ctx, "duplicate_profile", compute)


def document_profiles(docs: Sequence[Document], ctx: BatchContext) -> None:
    """Memoise the profiles of a group of documents (:func:`document_profile` of each, the same
    profiles) with their shingles hashed in one array and their MinHash signatures made in one call:
    per document, those numpy and rensa calls cost more than their work on a short page. A document
    whose profile inputs raise is left to :func:`document_profile`, which meets the exception again
    where the run records it; so is every document when the group's hashing raises."""
    wanted: list[tuple[Document, _Body, str | None, str | None]] = []
    for doc in docs:
        if doc.batch_memoised(ctx, "duplicate_profile"):
            continue
        try:
            lines, quality, source, title = _profile_inputs(doc, ctx)
            wanted.append((doc, _normalised(lines, quality), source, title))
        except Exception:
            continue
    if not wanted:
        return
    try:
        positions = shingle_positions_of([body.text for _, body, _, _ in wanted])
        made = zip(minhash_signatures(positions),
                   anchors_of(positions, [len(body.text) for _, body, _, _ in wanted]),
                   map(distinct_count, positions))
        profiles = [_profile(body, *parts, doc.sha256, source, title)
                    for (doc, body, source, title), parts in zip(wanted, made)]
    except Exception:
        return
    for (doc, _, _, _), profile in zip(wanted, profiles):
        doc.batch_memo(ctx, "duplicate_profile", lambda profile=profile: profile)  # type: ignore[misc]


def _profile_inputs(doc: Document, ctx: BatchContext) -> tuple[list[tuple[int, int, str]], Quality,
                                                                 str | None, str | None]:
    """(body lines as (start, end, text), quality, source URL, title) for a document's profile."""
    from scrapegate.rules.boilerplate.chrome import body_lines, non_blank_lines

    lines = [(line.start, line.end, line.text) for line in body_lines(doc, ctx)]
    markup = is_markup(doc.text)
    if markup:
        lines = markup_free_lines(doc.text, lines)
    body_chars = sum(end - start for start, end, _ in lines)
    all_chars = sum(line.end - line.start for line in non_blank_lines(doc))
    quality = Quality(
        damaged=len(_DAMAGE.findall("\n".join(text for _, _, text in lines))),
        markup=markup,
        chrome_share=round(1 - body_chars / all_chars, 4) if all_chars else 0.0)
    indexed = bool(ctx.index_path)  # the title and source are stored in the index only
    return (lines, quality, source_url(doc) if indexed else None,
            document_title(doc, ctx) if indexed else None)


def anchors(positions: np.ndarray, body_chars: int) -> tuple[np.ndarray, np.ndarray]:
    """(distinct anchor keys, characters covered by each) from a body's 5-gram hashes per position.

    An anchor key is non-zero, signed 63-bit (fits an SQLite INTEGER); a key found twice in one
    body keeps its first occurrence.
    """
    last = len(positions) - 1 - _ANCHOR_OFFSETS[-1]
    if last < 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
    at = np.flatnonzero((positions[:last + 1] & _U64(ANCHOR_EVERY - 1)) == 0)
    if len(at) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
    keys = _anchor_keys(positions, at)
    chars = np.empty(len(at), dtype=np.uint32)
    chars[:-1] = np.diff(at)
    chars[-1] = body_chars - at[-1]
    # np.unique(keys, return_index=True) without its overhead (bodies are short): sorted distinct
    # keys, each with its first occurrence (a stable sort puts it first among equal keys)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first], chars[order[first]]


def anchors_of(positions: Sequence[np.ndarray], body_chars: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`anchors` of each body (its 5-gram hashes per position and its length), the same arrays,
    computed over all the bodies at once: per body, its dozen numpy calls cost more than their work on
    a short page. Each body's anchors are its own positions (none reaches into the next body), its keys
    sorted with its own (a stable sort by body, then key, keeps a repeated key's first occurrence first).

    >>> rng = np.random.default_rng(5)
    >>> bodies = [rng.integers(0, 1 << 63, n, dtype=np.uint64) for n in (0, 5, 19, 20, 700, 3000)]
    >>> bodies.append(np.tile(bodies[-1][:640], 3))  # repeated keys
    >>> lengths = [len(p) + 4 for p in bodies]
    >>> all(np.array_equal(a, b) and a.dtype == b.dtype for (ka, ca), p, n in zip(anchors_of(bodies, lengths),
    ...     bodies, lengths) for a, b in zip((ka, ca), anchors(p, n)))
    True
    """
    empty = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32))
    bounds = np.zeros(len(positions) + 1, dtype=np.intp)
    np.cumsum([len(p) for p in positions], out=bounds[1:])
    if not len(positions) or not bounds[-1]:
        return [empty] * len(positions)
    flat = np.concatenate(positions)
    at = np.flatnonzero((flat & _U64(ANCHOR_EVERY - 1)) == 0)
    body = np.searchsorted(bounds, at, side="right") - 1
    local = at - bounds[body]
    # an anchor needs its three 5-grams inside its own body (anchors(): at most ``last``)
    inside = local <= (bounds[1:] - bounds[:-1] - 1 - _ANCHOR_OFFSETS[-1])[body]
    at, body, local = at[inside], body[inside], local[inside]
    if not len(at):
        return [empty] * len(positions)
    keys = _anchor_keys(flat, at)
    chars = np.empty(len(at), dtype=np.uint32)
    chars[:-1] = np.diff(at)
    ends = np.flatnonzero(np.append(body[1:] != body[:-1], True))  # each body's last anchor
    chars[ends] = np.asarray(body_chars, dtype=np.intp)[body[ends]] - local[ends]
    order = np.lexsort((keys, body))
    keys, body = keys[order], body[order]
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    first[1:] |= body[1:] != body[:-1]
    kept_keys, kept_chars, kept_body = keys[first], chars[order[first]], body[first]
    cuts = np.searchsorted(kept_body, np.arange(len(positions) + 1)).tolist()
    return [(kept_keys[a:b], kept_chars[a:b]) if b > a else empty for a, b in zip(cuts, cuts[1:])]


def _anchor_keys(positions: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The anchor key of each position in ``at`` (its 5-gram hashes at _ANCHOR_OFFSETS after it, mixed):
    non-zero, signed 63-bit."""
    acc = positions[at]  # the first offset is 0: 0 * _POLY + positions[at]
    for offset in _ANCHOR_OFFSETS[1:]:
        acc *= _POLY
        acc += positions[at + offset]
    acc = _mix64(acc)
    acc &= _U64(_MASK63)
    keys = acc.view(np.int64)
    keys[keys == 0] = 1
    return keys


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 arithmetic wraps, which is intended), in place: pass
    an array of your own (the callers' are temporaries)."""
    x ^= x >> _U64(30)
    x *= _U64(0xBF58476D1CE4E5B9)
    x ^= x >> _U64(27)
    x *= _U64(0x94D049BB133111EB)
    x ^= x >> _U64(31)
    return x


def shingle_positions(body: str) -> np.ndarray:
    """Hash of the 5-gram starting at each position of the normalised body (uint64, not unique)."""
    if not body:
        return np.empty(0, dtype=_U64)
    codes = np.ones(max(len(body), SHINGLE_SIZE), dtype=_U64)  # each code + 1; a short body padded with 0 + 1
    codes[:len(body)] += np.frombuffer(body.encode("utf-32-le"), dtype=np.uint32)
    return _rolled(codes)


def _rolled(codes: np.ndarray) -> np.ndarray:
    """The mixed polynomial hash of each 5-gram of ``codes`` (code points + 1, as uint64)."""
    count = max(len(codes) - SHINGLE_SIZE + 1, 0)
    acc = codes[:count].copy()  # the first round: 0 * _POLY + code + 1
    for k in range(1, SHINGLE_SIZE):
        acc *= _POLY
        acc += codes[k : k + count]
    return _mix64(acc)


def shingle_positions_of(bodies: Sequence[str]) -> list[np.ndarray]:
    """:func:`shingle_positions` of each body (views of one array), hashed over the bodies joined:
    each padded as that function pads it (U+0000, whose code + 1 is its padding's 1), a body's hashes
    are those of the positions whose 5-gram lies inside it.

    >>> bodies = ["", "ab", "abcdefg", "一二三四五六"]
    >>> all(np.array_equal(a, shingle_positions(b)) for a, b in zip(shingle_positions_of(bodies), bodies))
    True
    """
    padded = [body + "\0" * (SHINGLE_SIZE - len(body)) if 0 < len(body) < SHINGLE_SIZE else body
              for body in bodies]
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    codes += _U64(1)
    acc = _rolled(codes)
    out: list[np.ndarray] = []
    at = 0
    for body in padded:
        out.append(acc[at : at + len(body) - SHINGLE_SIZE + 1] if body else np.empty(0, dtype=_U64))
        at += len(body)
    return out


def minhash_signatures(positions: Sequence[np.ndarray]) -> list[np.ndarray]:
    """:func:`minhash_signature` of each array of shingle hashes, the non-empty ones in one call."""
    out = [np.zeros(NUM_PERM, dtype=np.uint32)] * len(positions)
    filled = [i for i, p in enumerate(positions) if len(p)]
    if filled:
        ends = np.zeros(len(filled) + 1, dtype=_U64)
        np.cumsum([len(positions[i]) for i in filled], out=ends[1:])
        for i, row in zip(filled, _digests(np.concatenate([positions[i] for i in filled]), ends)):
            out[i] = row
    return out


def _digests(flat: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """rensa RMinHash digests (one uint32 row of NUM_PERM a document) of shingle hashes laid end to
    end, document i's being ``flat[ends[i]:ends[i + 1]]``; the flat-buffer call reads the array in
    place: the same digests as the per-row call, at a fraction of its CPU."""
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, ends, NUM_PERM, MINHASH_SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32)


def shingle_hashes(body: str) -> np.ndarray:
    """The sorted set of 5-gram hashes of the normalised body."""
    ordered = np.sort(shingle_positions(body))
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]  # 5x faster than unique()


def distinct_count(positions: np.ndarray) -> int:
    """How many distinct values ``positions`` holds: ``len(shingle_hashes(body))`` from its positions."""
    if len(positions) < 2:
        return len(positions)
    ordered = np.sort(positions)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


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
    return _digests(shingles, np.array([0, len(shingles)], dtype=_U64))[0]


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 63-bit key per LSH band (the band number is folded in)."""
    return band_key_matrix(signature.reshape(1, -1))[0].tolist()


def band_key_matrix(signatures: np.ndarray) -> np.ndarray:
    """:func:`band_keys` of many signatures at once: one row of int64 band keys per signature row."""
    rows = signatures[:, : BANDS * ROWS].astype(_U64).reshape(len(signatures), BANDS, ROWS)
    acc = np.broadcast_to(np.arange(1, BANDS + 1, dtype=_U64) * _U64(0x9E3779B97F4A7C15),
                          (len(signatures), BANDS))
    for r in range(ROWS):
        acc = _mix64(acc * _POLY + rows[:, :, r])
    return (acc & _U64(_MASK63)).astype(np.int64)


def canary_digest() -> str:
    """Digest of a fixed token set: changes whenever rensa's signatures change, whatever its version."""
    tokens = np.arange(1, 200, dtype=_U64) * _U64(0x9E3779B97F4A7C15)
    return hashlib.sha256(minhash_signature(tokens).tobytes()).hexdigest()[:16]

