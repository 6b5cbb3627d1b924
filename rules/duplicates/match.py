"""Pair documents whose bodies are duplicates: candidates first, then an explicit check of each pair.

Candidates come from two cheap sources: LSH band collisions of the MinHash signatures (near copies)
and shared anchor keys of the normalised bodies (partial copies, whatever their line breaks).
Neither is trusted: every reported pair is verified on the exact shingle sets (Jaccard and
containment) against the thresholds, so a band collision or a shared stock passage alone never
makes a pair. A partial copy keeps only the pairs with its best containers (:func:`best_containers`).

Large groups of near-copies (a site serving one report under a thousand URLs) would make both steps
quadratic: every pair of the group collides in a band and would be verified. So the work per document
is bounded: an LSH bucket of more than :func:`bucket_limit` documents proposes only a few pairs per
member (its neighbours in a pseudo-random order of the bucket that differs per band, so the 25 bands
together link the group like a random graph), and candidates are verified best-estimate first while a
union-find tracks which documents verified pairs already connect: a pair is skipped once its two
documents are connected and each has ``matches_per_document`` verified matches. Skipping never
splits a group (a skipped pair is connected already), so the groups are those that verifying every
candidate would give; each document is verified against its closest candidates, and the number of
exact checks grows linearly with the batch. A group of at most ``matches_per_document`` + 1
near-copies is still verified pairwise.

Pairs proposed by anchors only are checked against their signatures too, by a test that knows the
exact shingle-set sizes: a pair passes the exact check only if its Jaccard is at least what
containment of the shorter body (or a near copy) needs, and each of the 128 MinHash values agrees
with probability equal to the Jaccard, so a pair whose signatures agree on so few values that a
Jaccard that high would give that few with probability below :data:`MISS_PROBABILITY` is not
verified. On a batch of stock-heavy short pages (a million built from a few hundred sentences) most
anchor pairs share one passage junction and fall far below, and their exact checks dominated the run.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Callable, Generic, Hashable, Iterable, Mapping, Sequence, TypeVar

import numpy as np
from scrapegate.checks.key_list import sorted_keys
from scrapegate.checks.lazy_sequence import Selected
from scrapegate.checks.spill import temporary_file
from scrapegate.rules.duplicates.profile import (
    NUM_PERM,
    SHINGLE_SIZE,
    DuplicateProfile,
    shared_count,
    shingle_hashes,
    shingle_positions,
)
from scrapegate.rules.duplicates.store import ProfileStore, stored_rows

EXACT = "exact"
NEAR = "near"
CONTAINMENT = "containment"
_LINE_SHARED_FRACTION = 0.5
_PAIR_CHUNK = 65536
_AGREE_CHUNK = 8192  # pairs whose two signatures are compared at once: 2 x 4 MB of rows (65,536 took 67 MB)
# A large LSH bucket pairs each member with this many following members in the band's order.
_BUCKET_NEIGHBOURS = 2
# How far below a threshold a signature estimate may fall and the pair still be checked exactly:
# about 4 standard errors of a 128-permutation Jaccard estimate (containment is estimated from the
# Jaccard estimate and the body lengths, so its error is larger).
JACCARD_MARGIN = 0.15
CONTAINMENT_MARGIN = 0.3
# An anchor pair is not verified when a pair that passes the exact check would show signatures that
# agree so little with at most this probability (see the module docstring).
MISS_PROBABILITY = 1e-9
# A partial copy's containers contain it within this share of the best one, or are not its source.
CONTAINER_MARGIN = 0.05
# A "partial copy" found in more unrelated documents than this is their shared stock text.
MAX_SOURCES = 2


@dataclass(frozen=True)
class MatchThresholds:
    """The thresholds that decide whether a verified pair is a duplicate, and of which kind."""

    near_threshold: float = 0.7
    containment_threshold: float = 0.8
    containment_max_length_ratio: float = 0.85
    min_body_chars: int = 200
    max_line_frequency: int = 50
    matches_per_document: int = 10


@dataclass(frozen=True)
class Verdict:
    kind: str
    similarity: float


@dataclass(frozen=True)
class Match:
    """A verified pair: ``longer`` has the longer body (of equal ones, the first by key; for
    containment it is the document that contains ``shorter``). Which copy of a cluster to keep is
    decided over the whole cluster (:func:`choose_keepers`). The spans are where the shared text
    lies in each document."""

    longer: str
    shorter: str
    kind: str
    similarity: float
    longer_spans: tuple[tuple[int, int], ...]
    shorter_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class BatchMatches:
    """The verified pairs of a batch, and how much checking it took (candidates proposed, exact
    checks done), which grows linearly with the batch even for large groups of near-copies."""

    matches: tuple[Match, ...]
    candidate_pairs: int
    verified_pairs: int


K = TypeVar("K", bound=Hashable)


class ShingleCache(Generic[K]):
    """Exact shingle sets computed on demand from compressed bodies, bounded in bytes (LRU).

    The bound is in bytes rather than entries so that a large group of near-copies, verified in
    order of similarity rather than by document, fits whole and each set is computed once.
    """

    def __init__(self, load: Callable[[K], str], max_bytes: int = 128 << 20) -> None:
        self._load = load
        self._max_bytes = max_bytes
        self._bytes = 0
        self._sets: OrderedDict[K, np.ndarray] = OrderedDict()

    def __call__(self, key: K) -> np.ndarray:
        found = self._sets.get(key)
        if found is not None:
            self._sets.move_to_end(key)
            return found
        value = shingle_hashes(self._load(key))
        self._sets[key] = value
        self._bytes += value.nbytes
        while self._bytes > self._max_bytes and len(self._sets) > 1:
            _, dropped = self._sets.popitem(last=False)
            self._bytes -= dropped.nbytes
        return value


def judge(set_a: np.ndarray, chars_a: int, set_b: np.ndarray, chars_b: int,
          thresholds: MatchThresholds) -> Verdict | None:
    """Verify a candidate pair on exact shingle sets: near, containment or nothing.

    A clearly shorter body mostly found in the longer one is a partial copy (containment); bodies of
    similar length with a high Jaccard are near-duplicates.
    """
    if len(set_a) == 0 or len(set_b) == 0:
        return None
    shared = shared_count(set_a, set_b)
    jaccard = shared / (len(set_a) + len(set_b) - shared)
    shorter = set_a if chars_a <= chars_b else set_b
    contained = shared / len(shorter)
    length_ratio = min(chars_a, chars_b) / max(chars_a, chars_b)
    if contained >= thresholds.containment_threshold \
            and length_ratio <= thresholds.containment_max_length_ratio:
        return Verdict(CONTAINMENT, contained)
    if jaccard >= thresholds.near_threshold:
        return Verdict(NEAR, jaccard)
    if contained >= thresholds.containment_threshold:
        return Verdict(CONTAINMENT, contained)
    return None


def shared_spans(profile: DuplicateProfile, other_set: np.ndarray) -> tuple[tuple[int, int], ...]:
    """Spans (in the decoded text) of the runs of body lines whose text mostly occurs in the other.

    A line counts as shared when most of the 5-grams starting in it occur in the other body;
    consecutive shared body lines merge into one span.
    """
    positions = shingle_positions(profile.normalized_body)
    if len(positions) == 0 or len(other_set) == 0:
        return ()
    found = np.minimum(np.searchsorted(other_set, positions), len(other_set) - 1)
    shared = other_set[found] == positions
    offsets, starts, ends = profile.lines()
    # share of shared 5-grams starting in each line (at least one position per line), vectorised
    total = np.concatenate(([0], np.cumsum(shared)))
    lo = np.minimum(offsets.astype(np.int64), len(shared) - 1)
    hi = np.maximum(lo + 1, np.minimum(np.append(offsets[1:], profile.body_chars), len(shared)))
    kept = np.flatnonzero((total[hi] - total[lo]) / (hi - lo) >= _LINE_SHARED_FRACTION).tolist()
    runs: list[tuple[int, int]] = []
    previous = -2
    for i in kept:
        if previous == i - 1 and runs:
            runs[-1] = (runs[-1][0], int(ends[i]))
        else:
            runs.append((int(starts[i]), int(ends[i])))
        previous = i
    return tuple(runs)


def overall_span(spans: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    spans = list(spans)
    return (spans[0][0], spans[-1][1]) if spans else None


def find_matches(profiles: Mapping[str, DuplicateProfile], thresholds: MatchThresholds) -> BatchMatches:
    """The verified duplicate pairs of a batch, in a stable order whatever the order of ``profiles``.

    Exact copies collapse onto one representative (the first key); near and containment pairs are
    searched among representatives only, so a hundred identical copies cost one. Candidates are
    verified in order of their estimated similarity (best first, then by keys); a candidate is
    skipped when verified pairs already connect its two documents and each of them has
    ``matches_per_document`` verified matches (see the module docstring).

    Candidate pairs are integer codes (``i * n + j`` for representatives ``i < j`` of ``n``, so the
    order of codes is the order of key pairs) in sorted numpy arrays, de-duplicated with numpy:
    8 bytes a pair where a set of key pairs took over a hundred, so a million documents whose
    stock passages fill large LSH buckets keep their candidates in memory.
    """
    # the keys on disk (the runner's come in order), read when a pair is verified: a list of the
    # strings cost the batch phase's peak about 80 bytes a document
    everything = sorted_keys(profiles)
    store, all_rows = stored_rows(profiles, everything)
    # each profile is read by its row from here on: a lookup by key in the runner's map costs more
    # than the store's arrays, and the verification looks up every pair's two documents
    wide = np.flatnonzero(store.body_chars(all_rows) >= thresholds.min_body_chars)
    keys = Selected(everything, wide)
    rows = all_rows[wide]
    del all_rows
    matches: list[Match] = []
    representatives = _exact_copies(store, rows, keys, matches)
    rep_rows = rows[representatives]
    rep_keys = Selected(everything, wide[representatives])
    del wide
    rep_chars = array("q", store.body_chars(rep_rows).tobytes())  # 8 bytes each; a list of ints took 36
    n = len(rep_keys)
    by_anchors = _anchor_candidates(store, rep_rows, rep_keys, thresholds)
    by_bands = np.setdiff1d(_lsh_candidates(store, rep_rows, rep_keys, bucket_limit(thresholds)),
                            by_anchors, assume_unique=True)
    anchored, pairs = len(by_anchors), np.concatenate((by_anchors, by_bands))
    del by_anchors, by_bands
    agree, ok = _signature_agreement(store, rep_rows, rep_keys, pairs, anchored, thresholds)
    pairs, agree = pairs[ok], agree[ok]
    del ok
    ranked = pairs[np.lexsort((pairs, -agree))]  # most equal signature values first, then by keys
    del pairs, agree
    target = thresholds.matches_per_document
    parent = array("q", range(n))
    found = array("I", bytes(4 * n))
    verified = 0
    load = lambda i: store.load(int(rep_rows[i]))  # noqa: E731 (a representative's whole profile)
    cache: ShingleCache[int] = ShingleCache(lambda i: load(i).normalized_body, max_bytes=32 << 20)
    for lo in range(0, len(ranked), _PAIR_CHUNK):
        for code in ranked[lo:lo + _PAIR_CHUNK].tolist():
            i, j = divmod(code, n)
            if found[i] >= target and found[j] >= target and _root(parent, i) == _root(parent, j):
                continue
            a, b = rep_keys[i], rep_keys[j]
            chars_a, chars_b = rep_chars[i], rep_chars[j]
            set_a, set_b = cache(i), cache(j)
            verified += 1
            verdict = judge(set_a, chars_a, set_b, chars_b, thresholds)
            if verdict is None:
                continue
            found[i] += 1
            found[j] += 1
            ri, rj = _root(parent, i), _root(parent, j)
            parent[max(ri, rj)] = min(ri, rj)
            longer, shorter = (i, j) if (chars_a, b) >= (chars_b, a) else (j, i)
            longer_spans: tuple[tuple[int, int], ...]
            shorter_spans: tuple[tuple[int, int], ...]
            if verdict.kind == NEAR:
                longer_spans = (whole_body(load(longer)),)
                shorter_spans = (whole_body(load(shorter)),)
            else:
                longer_spans = shared_spans(load(longer), cache(shorter))
                shorter_spans = shared_spans(load(shorter), cache(longer))
            matches.append(Match(rep_keys[longer], rep_keys[shorter], verdict.kind, round(verdict.similarity, 4),
                                 longer_spans, shorter_spans))
    matches = best_containers(matches)
    return BatchMatches(tuple(sorted(matches, key=lambda m: (m.longer, m.shorter))),
                        candidate_pairs=len(ranked), verified_pairs=verified)


def _root(parent: array[int], i: int) -> int:
    """The root of ``i`` in a union-find over integers (path halving): an array of 8 bytes a document
    (a list of ints took 36, :class:`UnionFind`'s dict of string keys about 100), for a million of them."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _exact_copies(store: ProfileStore, rows: np.ndarray, keys: Sequence[str], matches: list[Match]) -> np.ndarray:
    """Group the documents (``keys``, sorted, at ``rows`` of ``store``) by their exact-body digest,
    sorting the digests rather than hashing a million of them into a dictionary: each group's first
    key is its representative, the others its exact copies (appended to ``matches``). Returns the
    representatives' positions in ``keys``, ascending."""
    if not keys:
        return np.empty(0, dtype=np.int64)
    digests = store.exact(rows)
    order = np.lexsort((np.arange(len(keys)), digests[:, 1], digests[:, 0]))
    ordered = digests[order]
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    first = order[np.flatnonzero(starts)][np.cumsum(starts) - 1]
    for at in np.flatnonzero(~starts).tolist():
        rep, other = int(first[at]), int(order[at])
        matches.append(Match(keys[rep], keys[other], EXACT, 1.0, (whole_body(store.load(int(rows[rep]))),),
                             (whole_body(store.load(int(rows[other]))),)))
    return np.sort(order[starts])


def best_containers(matches: list[Match]) -> list[Match]:
    """Drop the containment pairs of a partial copy with documents that are not its source.

    A short document made mostly of text a place's reports all share (the title, the county's
    profile paragraph, the opening formulas) is "contained" in each of them, although it copies
    one. Its source contains it best: of the documents that contain a partial copy, those whose
    share is more than :data:`CONTAINER_MARGIN` below the best are dropped, unless exact or near
    pairs connect them to the best container (copies of the source, which contain it as well).
    When the containers left are still more than :data:`MAX_SOURCES` unrelated documents (not
    connected by exact or near pairs), the text is what they all share, not a copy of one of them,
    and none of its containment pairs is kept.
    """
    containers: dict[str, list[Match]] = defaultdict(list)
    copies = UnionFind()
    for m in matches:
        if m.kind == CONTAINMENT:
            containers[m.shorter].append(m)
        else:
            copies.union(m.longer, m.shorter)
    dropped: set[int] = set()
    for found in containers.values():
        best = max(found, key=lambda m: (m.similarity, m.longer))
        kept = []
        for m in found:
            if m.similarity < best.similarity - CONTAINER_MARGIN \
                    and not copies.connected(m.longer, best.longer):
                dropped.add(id(m))
            else:
                kept.append(m)
        if len({copies.root(m.longer) for m in kept}) > MAX_SOURCES:
            dropped.update(id(m) for m in kept)
    return [m for m in matches if id(m) not in dropped]


def bucket_limit(thresholds: MatchThresholds) -> int:
    """LSH buckets up to this size propose all their pairs; larger ones a few pairs per member."""
    return 2 * (thresholds.matches_per_document + 1)


def spanning_links(matches: Iterable[Match]) -> dict[str, str]:
    """For each document with a match, the one other document it must name so that the named pairs
    connect every group of duplicates: {document: parent} over a spanning forest of the matches.

    The forest keeps the most similar pairs (exact first, then by similarity, then keys: Kruskal),
    and each tree is rooted at its first key; every document but a root names its parent, so one
    named pair per document is enough to keep its whole group one cluster.
    """
    ordered = sorted(matches, key=lambda m: (m.kind != EXACT, -m.similarity, m.longer, m.shorter))
    links = UnionFind()
    tree: dict[str, list[str]] = defaultdict(list)
    for m in ordered:
        if links.union(m.longer, m.shorter):
            tree[m.longer].append(m.shorter)
            tree[m.shorter].append(m.longer)
    parents: dict[str, str] = {}
    seen: set[str] = set()
    for root in sorted(tree):
        if root in seen:
            continue
        seen.add(root)
        frontier = [root]
        while frontier:
            following: list[str] = []
            for node in frontier:
                for other in sorted(tree[node]):
                    if other not in seen:
                        seen.add(other)
                        parents[other] = node
                        following.append(other)
            frontier = following
    return parents


def groups(matches: Iterable[Match]) -> list[list[str]]:
    """The groups of documents the matches connect (sorted keys, sorted by first key)."""
    links = UnionFind()
    for m in matches:
        links.union(m.longer, m.shorter)
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(links.parent):
        members[links.root(key)].append(key)
    return sorted(members.values())


class UnionFind:
    """Disjoint sets of string keys (path halving; the smaller key is a group's root)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        parent = self.parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def connected(self, a: str, b: str) -> bool:
        return self.root(a) == self.root(b)

    def union(self, a: str, b: str) -> bool:
        """Join the groups of a and b; False when they were one group already."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _signature_agreement(store: ProfileStore, rows: np.ndarray, keys: Sequence[str], pairs: np.ndarray,
                         anchored: int, thresholds: MatchThresholds) -> tuple[np.ndarray, np.ndarray]:
    """For each pair code (see :func:`find_matches`; ``keys`` at ``rows`` of ``store``): how many of
    the two MinHash signatures' values are equal, and whether the pair is worth the exact check.

    Reports that share stock passages collide in a band now and then, and in a large batch those
    collisions grow with the square of its size; comparing the whole 128-value signatures first
    (vectorised, in chunks of pairs) drops pairs far below both thresholds before the exact check.
    The margins are several standard errors of the estimate wide, so a pair that would pass the
    exact check is not dropped in practice; a pair kept here is still verified exactly. The count
    also orders the verification, closest pairs first. The first ``anchored`` pairs were proposed by
    anchors: the estimate of a small partial copy's containment is too loose for those margins, so
    they are tested with the exact set sizes instead (:func:`could_pass`). Only the signatures of
    documents named in a pair are read, from disk, one chunk of pairs at a time.
    """
    n = len(keys)
    agree = np.zeros(len(pairs), dtype=np.int16)  # at most NUM_PERM
    ok = np.zeros(len(pairs), dtype=bool)
    if not len(pairs):
        return agree, ok
    seen = np.zeros(n, dtype=bool)  # the documents named in a pair, without sorting 2 x 8 bytes a pair
    seen[pairs // n] = True
    seen[pairs % n] = True
    named = np.flatnonzero(seen)
    del seen
    chars = store.body_chars(rows[named])
    sizes = shingle_counts(chars)
    distinct = store.shingle_counts(rows[named]).astype(np.int64)
    for lo in range(0, len(pairs), _AGREE_CHUNK):
        chunk = pairs[lo:lo + _AGREE_CHUNK]
        a, b = np.searchsorted(named, chunk // n), np.searchsorted(named, chunk % n)
        # only this chunk's signatures in memory (all the named documents' took 512 bytes each)
        wanted, at = np.unique(np.concatenate((a, b)), return_inverse=True)
        signatures = store.signatures_in_order(rows[named[wanted]])
        equal = np.count_nonzero(signatures[at[:len(a)]] == signatures[at[len(a):]], axis=1)
        agree[lo:lo + _AGREE_CHUNK] = equal
        by_anchor = np.arange(lo, lo + len(chunk)) < anchored
        ok[lo:lo + _AGREE_CHUNK] = np.where(
            by_anchor, could_pass(equal, distinct[a], distinct[b], chars[a], chars[b], thresholds),
            plausible(equal / NUM_PERM, sizes[a], sizes[b], thresholds))
    return agree, ok


def could_pass(equal: np.ndarray, set_a: np.ndarray, set_b: np.ndarray, chars_a: np.ndarray,
               chars_b: np.ndarray, thresholds: MatchThresholds) -> np.ndarray:
    """Vectorised: could pairs whose MinHash signatures agree on ``equal`` of their values pass the
    exact check (:func:`judge`), given their exact shingle-set sizes and body lengths?

    :func:`judge` needs the shared 5-grams to cover ``containment_threshold`` of the shorter body's
    set, or a Jaccard of ``near_threshold``; either means a Jaccard of at least ``needed``. A pair is
    dropped when a Jaccard that high would let at most ``equal`` signature values agree with a
    probability below :data:`MISS_PROBABILITY`. A size of 0 (not counted) keeps the pair.
    """
    c = thresholds.containment_threshold
    shorter = np.where(chars_a <= chars_b, set_a, set_b).astype(float)
    union = np.maximum(set_a + set_b - c * shorter, 1.0)
    needed = np.minimum(c * shorter / union, thresholds.near_threshold)
    return (set_a == 0) | (set_b == 0) | (needed <= _largest_jaccard()[equal])


@lru_cache(maxsize=1)
def _largest_jaccard() -> np.ndarray:
    """For k = 0 … NUM_PERM agreeing signature values: the largest Jaccard J (rounded up) for which
    P(K ≤ k) ≥ :data:`MISS_PROBABILITY`, K ~ Binomial(NUM_PERM, J): a pair with a Jaccard above it
    shows more than k agreeing values but with a smaller probability. Bisection on each k at once."""
    ks = np.arange(NUM_PERM + 1)
    log_choose = np.array([math.lgamma(NUM_PERM + 1) - math.lgamma(i + 1) - math.lgamma(NUM_PERM - i + 1)
                           for i in ks])
    below = np.arange(NUM_PERM + 1)[None, :] <= ks[:, None]  # the terms i <= k of each CDF
    lo, hi = np.zeros(NUM_PERM + 1), np.ones(NUM_PERM + 1)
    for _ in range(60):
        mid = (lo + hi) / 2
        with np.errstate(divide="ignore", invalid="ignore"):  # mid rounds to 1.0 on the last rows
            log_pmf = log_choose[None, :] + ks[None, :] * np.log(mid)[:, None] \
                + (NUM_PERM - ks)[None, :] * np.log1p(-mid)[:, None]
        cdf = np.where(below, np.exp(np.nan_to_num(log_pmf, nan=-np.inf)), 0.0).sum(axis=1)
        likely = cdf >= MISS_PROBABILITY
        lo, hi = np.where(likely, mid, lo), np.where(likely, hi, mid)
    hi[-1] = 1.0  # every value agrees: any Jaccard
    return hi


def estimate(signatures: np.ndarray, body_chars: Iterable[int], left: np.ndarray, right: np.ndarray,
             thresholds: MatchThresholds) -> list[tuple[float, bool]]:
    """(Jaccard estimate rounded to 6 places, plausible) for each pair of rows (left[i], right[i]) of
    ``signatures`` (one uint32 MinHash signature per row, ``body_chars`` the row's body length).

    Computed in chunks of pairs, so memory stays bounded however many pairs a batch (or a lookup in
    the index) proposes. Used by the index lookups (:meth:`DuplicateIndex.find`).
    """
    sizes = shingle_counts(np.fromiter(body_chars, dtype=np.int64))
    jaccard = np.zeros(len(left))
    keep = np.zeros(len(left), dtype=bool)
    for lo in range(0, len(left), _PAIR_CHUNK):
        a, b = left[lo:lo + _PAIR_CHUNK], right[lo:lo + _PAIR_CHUNK]
        chunk = signature_jaccard(signatures[a], signatures[b])
        jaccard[lo:lo + _PAIR_CHUNK] = chunk
        keep[lo:lo + _PAIR_CHUNK] = plausible(chunk, sizes[a], sizes[b], thresholds)
    return [(round(j, 6), ok) for j, ok in zip(jaccard.tolist(), keep.tolist())]


def shingle_counts(body_chars: np.ndarray) -> np.ndarray:
    """Vectorised (float): how many 5-grams (with repeats) normalised bodies of ``body_chars``
    characters have; at least 1 each. An array, where a list built by a Python loop over the
    documents named in candidate pairs cost the batch phase about 40 bytes each.

    >>> shingle_counts(np.array([0, 4, 5, 12])).tolist()
    [1.0, 1.0, 1.0, 8.0]
    """
    return np.maximum(1, body_chars.astype(np.int64) - (SHINGLE_SIZE - 1)).astype(float)


def signature_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Vectorised: the share of equal MinHash values, an estimate of the Jaccard similarity."""
    return np.count_nonzero(sig_a == sig_b, axis=1) / sig_a.shape[1]


def plausible(jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray,
              thresholds: MatchThresholds) -> np.ndarray:
    """Vectorised: could these pairs be near or containment duplicates, judging by their signature
    Jaccard estimates (:func:`signature_jaccard`) and shingle counts?"""
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    contained = shared / np.minimum(size_a, size_b)
    return (jaccard >= thresholds.near_threshold - JACCARD_MARGIN) | (
        contained >= thresholds.containment_threshold - CONTAINMENT_MARGIN)


def whole_body(profile: DuplicateProfile) -> tuple[int, int]:
    """The span of the profile's body in the decoded text; (0, 0) for a document without one."""
    return profile.body_span or (0, 0)


def _lsh_candidates(store: ProfileStore, rows: np.ndarray, keys: Sequence[str], limit: int) -> np.ndarray:
    """Pair codes (sorted, unique; see :func:`find_matches`) of documents sharing an LSH band: all
    pairs of a bucket of up to ``limit`` documents; in a larger bucket each member is paired with the
    next few in an order that is pseudo-random per band (a hash of band and key), so the cost per
    document is bounded whatever the bucket's size. ``keys`` (sorted) are at ``rows`` of ``store``;
    one band's keys and the pairs found so far are in memory at a time."""
    n = len(keys)
    found = np.empty(0, dtype=np.int64)
    if not n:
        return found
    order = np.argsort(rows, kind="stable")
    for column in store.band_columns(rows[order]):
        a, b, _, large = _grouped_pairs(column, order, None, limit, large_groups=True)
        codes = [a.astype(np.int64) * n + b]
        for band, owners in large:
            salt = int(band).to_bytes(8, "little", signed=True)
            digests = [hashlib.blake2b(keys[i].encode("utf-8"), digest_size=8, salt=salt).digest()
                       for i in owners]
            shuffled = np.array(owners, dtype=np.int64)[sorted(range(len(owners)), key=digests.__getitem__)]
            for step in range(1, _BUCKET_NEIGHBOURS + 1):
                x, y = shuffled[:-step], shuffled[step:]
                codes.append(np.minimum(x, y) * n + np.maximum(x, y))
        found = np.union1d(found, np.concatenate(codes))
    return found


def _anchor_candidates(store: ProfileStore, rows: np.ndarray, keys: Sequence[str],
                       thresholds: MatchThresholds) -> np.ndarray:
    """Pair codes (sorted, unique; see :func:`find_matches`) of documents sharing enough distinctive
    text, by anchor keys, to be worth verifying as partial copies.

    Anchors are content-defined positions of the normalised body (see
    :mod:`~scrapegate.rules.duplicates.profile`), so a copy cut short or wrapped at other places
    shares the anchors of the text it shares. An anchor found in more than ``max_line_frequency``
    documents is a stock passage: it proposes no pairs and does not count in the share of shared
    text (the exact check still counts it). Grouping and counting are vectorised (numpy), one part
    of the anchors (by key, :meth:`ProfileStore.anchor_parts`) at a time.
    """
    n = len(keys)
    if not n:
        return np.empty(0, dtype=np.int64)
    order = np.argsort(rows, kind="stable")
    totals = np.zeros(n)
    pairs = _PairFiles(n)
    for anchor, position, chars in store.anchor_parts(rows[order]):
        if len(anchor) == 0:
            continue
        owner = order[position]
        a, b, weight, _ = _grouped_pairs(anchor, owner, chars, thresholds.max_line_frequency)
        # characters in each document's distinctive (non-stock) anchors
        by_key = np.argsort(anchor, kind="stable")
        ordered = anchor[by_key]
        sizes = np.diff(np.append(np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))),
                                  len(ordered)))
        common = np.empty(len(anchor), dtype=bool)
        common[by_key] = np.repeat(sizes <= thresholds.max_line_frequency, sizes)
        totals += np.bincount(owner[common], weights=chars[common], minlength=n)
        if len(a):
            unique, inverse = np.unique(a.astype(np.int64) * n + b, return_inverse=True)
            pairs.add(unique, np.bincount(inverse, weights=weight))
    floor = thresholds.containment_threshold / 2
    kept = [np.empty(0, dtype=np.int64)]
    for codes, weights in pairs.ranges():
        # bincount adds each pair's weights in the order of the anchor parts that found it
        unique, inverse = np.unique(codes, return_inverse=True)
        shared = np.bincount(inverse, weights=weights)
        pa, pb = unique // n, unique % n
        kept.append(unique[shared >= floor * np.minimum(totals[pa], totals[pb])])
    return np.concatenate(kept)


class _PairFiles:
    """Candidate pairs (code, weight) of :func:`_anchor_candidates` as each anchor part finds them,
    written to temporary files by range of pair code (the first document's position; 1,024 documents
    a range, at most 256 ranges), then read back one range at a time: most pairs are dropped once all
    parts are summed, and holding them all until then was the batch phase's peak (about 30 pairs a
    document, 80 bytes each while merged). A range of more than :data:`PIECE_PAIRS` pairs is read in
    pieces of consecutive documents (a document's pairs in one piece): on reports that share stock
    passages a document's pairs grow with the batch (at 30,000 generated reports a range of 1,024
    documents held about 450,000 pairs, 32 MB while summed)."""

    _PAIR = np.dtype([("code", "<i8"), ("weight", "<f8")])
    DOCUMENTS_PER_RANGE = 1024
    MAX_RANGES = 256
    PIECE_PAIRS = 1 << 16  # 1 MB of pairs on disk, about 8 MB while summed
    MAX_PIECES = 64  # files open at once for one range's pieces

    def __init__(self, n: int) -> None:
        count = min(self.MAX_RANGES, max(1, n // self.DOCUMENTS_PER_RANGE))
        self._n, self._step = n, -(-n // count)
        self._bounds = np.arange(1, count, dtype=np.int64) * self._step * n  # code of (first document, 0)
        self._files: list[IO[bytes] | None] = [None] * count

    def add(self, codes: np.ndarray, weights: np.ndarray) -> None:
        """Append pairs: ``codes`` sorted, ``weights`` aligned with them."""
        cuts = [0, *np.searchsorted(codes, self._bounds).tolist(), len(codes)]
        for r, (lo, hi) in enumerate(zip(cuts, cuts[1:])):
            if lo == hi:
                continue
            block = np.empty(hi - lo, dtype=self._PAIR)
            block["code"], block["weight"] = codes[lo:hi], weights[lo:hi]
            handle = self._files[r]
            if handle is None:
                handle = self._files[r] = temporary_file("scrapegate-anchor-pairs-")
            handle.write(block.tobytes())

    def ranges(self) -> Iterable[tuple[np.ndarray, np.ndarray]]:
        """(codes, weights) of each range, or piece of one, in order of code (the pieces of a range
        are intervals of its first documents, in order), each in the order added; the files are
        closed as they are read."""
        try:
            for r, handle in enumerate(self._files):
                if handle is None:
                    continue
                self._files[r] = None
                with handle:
                    yield from self._pieces(handle, r * self._step)
        finally:
            for handle in self._files:
                if handle is not None:
                    handle.close()

    def _pieces(self, handle: IO[bytes], first: int) -> Iterable[tuple[np.ndarray, np.ndarray]]:
        pairs = handle.seek(0, 2) // self._PAIR.itemsize
        handle.seek(0)
        if pairs <= self.PIECE_PAIRS:
            block = np.frombuffer(handle.read(), dtype=self._PAIR)
            yield block["code"].copy(), block["weight"].copy()
            return
        per_document = np.zeros(self._step, dtype=np.int64)  # the range's pairs by first document
        for block in self._chunks(handle):
            per_document += np.bincount(block["code"] // self._n - first, minlength=self._step)
        size = max(self.PIECE_PAIRS, -(-pairs // self.MAX_PIECES))
        # each piece starts at the document where the running count passes a multiple of ``size``
        starts = np.unique(np.searchsorted(np.cumsum(per_document), np.arange(size, pairs, size), side="right"))
        pieces = [temporary_file("scrapegate-anchor-pairs-") for _ in range(len(starts) + 1)]
        try:
            for block in self._chunks(handle):
                piece = np.searchsorted(starts, block["code"] // self._n - first, side="right")
                order = np.argsort(piece, kind="stable")
                bounds = np.searchsorted(piece[order], np.arange(len(pieces) + 1))
                for k, out in enumerate(pieces):
                    out.write(block[order[bounds[k]:bounds[k + 1]]].tobytes())
            for out in pieces:
                out.seek(0)
                block = np.frombuffer(out.read(), dtype=self._PAIR)
                out.close()
                yield block["code"].copy(), block["weight"].copy()
        finally:
            for out in pieces:
                out.close()

    def _chunks(self, handle: IO[bytes]) -> Iterable[np.ndarray]:
        handle.seek(0)
        while data := handle.read(self.PIECE_PAIRS * self._PAIR.itemsize):
            yield np.frombuffer(data, dtype=self._PAIR)


def _grouped_pairs(values: np.ndarray, owner: np.ndarray, weights: np.ndarray | None, limit: int,
                   large_groups: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                        list[tuple[int, list[int]]]]:
    """Pairs of owners sharing a value, vectorised: (first owners, second owners, the smaller weight
    of each pair, and with ``large_groups`` the groups larger than ``limit`` as (value, owners)).
    Every pair of a group of 2 to ``limit`` members is listed, with the smaller owner first; owners
    are assumed distinct within a group (each owner lists a value once). The pairs come size by size,
    then by place pair (i, j) within the group (as ``combinations``), then group by group: one array
    per group size (a few dozen), not one per place pair (over a thousand small arrays per size,
    whose headers were most of the batch phase's peak on a batch of stock-heavy pages)."""
    order = np.argsort(values, kind="stable")
    values, owner = values[order], owner[order]
    weights = np.ones(len(values)) if weights is None else weights[order]
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    sizes = np.diff(np.append(starts, len(values)))
    first: list[np.ndarray] = []
    second: list[np.ndarray] = []
    weight: list[np.ndarray] = []
    for size in range(2, min(limit, int(sizes.max(initial=0))) + 1):
        at = starts[sizes == size]
        if len(at) == 0:
            continue
        i, j = np.triu_indices(size, 1)  # the order of combinations(range(size), 2)
        left, right = (i[:, None] + at[None, :]).ravel(), (j[:, None] + at[None, :]).ravel()
        x, y = owner[left], owner[right]
        first.append(np.minimum(x, y))
        second.append(np.maximum(x, y))
        weight.append(np.minimum(weights[left], weights[right]))
        del left, right, x, y
    large = [(values[s], owner[s:s + n].tolist()) for s, n in zip(starts[sizes > limit].tolist(),
                                                                  sizes[sizes > limit].tolist())] \
        if large_groups else []
    if not first:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0), large
    return np.concatenate(first), np.concatenate(second), np.concatenate(weight), large
