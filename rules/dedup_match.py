"""Pair documents whose bodies are duplicates: candidates first, then an explicit check of each pair.

Candidates come from two cheap sources: LSH band collisions of the MinHash signatures (near copies)
and shared normalised lines (partial copies). Neither is trusted: every candidate pair is verified on
the exact shingle sets (Jaccard and containment) against the thresholds, so a band collision or a
shared stock passage alone never makes a pair.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, Iterable

import numpy as np

from scrapegate.rules.dedup_profile import (SHINGLE_SIZE, DuplicateProfile, shared_count,
                                            shingle_hashes, shingle_positions)

EXACT = "exact"
NEAR = "near"
CONTAINMENT = "containment"
_LINE_SHARED_FRACTION = 0.5
_PAIR_CHUNK = 65536
# How far below a threshold a signature estimate may fall and the pair still be checked exactly:
# about 4 standard errors of a 128-permutation Jaccard estimate (containment is estimated from the
# Jaccard estimate and the body lengths, so its error is larger).
JACCARD_MARGIN = 0.15
CONTAINMENT_MARGIN = 0.3


@dataclass(frozen=True)
class MatchThresholds:
    """The thresholds that decide whether a verified pair is a duplicate, and of which kind."""

    near_threshold: float = 0.7
    containment_threshold: float = 0.8
    containment_max_length_ratio: float = 0.85
    min_body_chars: int = 200
    max_line_frequency: int = 50


@dataclass(frozen=True)
class Verdict:
    kind: str
    similarity: float


@dataclass(frozen=True)
class Match:
    """A verified pair. ``keep`` is the copy worth keeping (the longer, or the first by key); for
    containment it is the document that contains ``drop``."""

    keep: str
    drop: str
    kind: str
    similarity: float
    keep_spans: tuple[tuple[int, int], ...]
    drop_spans: tuple[tuple[int, int], ...]


class ShingleCache:
    """Exact shingle sets computed on demand from compressed bodies, bounded (LRU)."""

    def __init__(self, load: Callable[[str], str], size: int = 1024) -> None:
        self._load = load
        self._size = size
        self._sets: OrderedDict[str, np.ndarray] = OrderedDict()

    def __call__(self, key: str) -> np.ndarray:
        found = self._sets.get(key)
        if found is not None:
            self._sets.move_to_end(key)
            return found
        value = shingle_hashes(self._load(key))
        self._sets[key] = value
        if len(self._sets) > self._size:
            self._sets.popitem(last=False)
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
    offsets, starts, ends, _ = profile.lines()
    bounds = np.append(offsets, profile.body_chars).astype(np.int64)
    last = len(shared) - 1
    runs: list[tuple[int, int]] = []
    previous = -2
    for i in range(len(offsets)):
        lo = min(int(bounds[i]), last)
        hi = max(lo + 1, min(int(bounds[i + 1]), len(shared)))
        if shared[lo:hi].mean() < _LINE_SHARED_FRACTION:
            continue
        if previous == i - 1 and runs:
            runs[-1] = (runs[-1][0], int(ends[i]))
        else:
            runs.append((int(starts[i]), int(ends[i])))
        previous = i
    return tuple(runs)


def overall_span(spans: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    spans = list(spans)
    return (spans[0][0], spans[-1][1]) if spans else None


def find_matches(profiles: dict[str, DuplicateProfile],
                 thresholds: MatchThresholds) -> list[Match]:
    """All verified duplicate pairs of a batch, in a stable order.

    Exact copies collapse onto one representative (the first key); near and containment pairs are
    searched among representatives only, so a hundred identical copies cost one.
    """
    eligible = {k: profiles[k] for k in sorted(profiles)
                if profiles[k].body_chars >= thresholds.min_body_chars}
    matches: list[Match] = []
    groups: dict[bytes, list[str]] = defaultdict(list)
    for key, profile in eligible.items():
        groups[profile.exact].append(key)
    representatives: list[str] = []
    for members in groups.values():
        keep = members[0]
        representatives.append(keep)
        for drop in members[1:]:
            matches.append(Match(keep, drop, EXACT, 1.0, (_body(eligible[keep]),),
                                 (_body(eligible[drop]),)))
    representatives.sort()
    by_lines = _line_candidates(eligible, representatives, thresholds)
    by_bands = _lsh_candidates(eligible, representatives) - by_lines
    candidates = by_lines | plausible_pairs(by_bands, eligible, thresholds)
    cache = ShingleCache(lambda k: eligible[k].normalized_body)
    for a, b in sorted(candidates):
        pa, pb = eligible[a], eligible[b]
        set_a, set_b = cache(a), cache(b)
        verdict = judge(set_a, pa.body_chars, set_b, pb.body_chars, thresholds)
        if verdict is None:
            continue
        keep, drop = (a, b) if (pa.body_chars, b) >= (pb.body_chars, a) else (b, a)
        if verdict.kind == NEAR:
            keep_spans, drop_spans = (_body(eligible[keep]),), (_body(eligible[drop]),)
        else:
            keep_spans = shared_spans(eligible[keep], cache(drop))
            drop_spans = shared_spans(eligible[drop], cache(keep))
        matches.append(Match(keep, drop, verdict.kind, round(verdict.similarity, 4),
                             keep_spans, drop_spans))
    return sorted(matches, key=lambda m: (m.keep, m.drop))


def plausible_pairs(pairs: Iterable[tuple[str, str]], profiles: dict[str, DuplicateProfile],
                    thresholds: MatchThresholds) -> set[tuple[str, str]]:
    """The band-collision pairs whose full signatures make a duplicate plausible.

    Reports that share stock passages collide in a band now and then, and in a large batch those
    collisions grow with the square of its size; comparing the whole 128-value signatures first
    (vectorised) drops pairs far below both thresholds before the exact check. The margins are
    several standard errors of the estimate wide, so a pair that would pass the exact check is not
    dropped in practice; a pair kept here is still verified exactly.
    """
    pairs = sorted(pairs)
    if not pairs:
        return set()
    keys = sorted({k for pair in pairs for k in pair})
    row = {k: i for i, k in enumerate(keys)}
    signatures = np.stack([np.frombuffer(profiles[k].signature, dtype=np.uint32) for k in keys])
    sizes = np.array([max(1, profiles[k].body_chars - SHINGLE_SIZE + 1) for k in keys], dtype=float)
    left = np.array([row[a] for a, _ in pairs])
    right = np.array([row[b] for _, b in pairs])
    keep = np.zeros(len(pairs), dtype=bool)
    for lo in range(0, len(pairs), _PAIR_CHUNK):
        a, b = left[lo:lo + _PAIR_CHUNK], right[lo:lo + _PAIR_CHUNK]
        keep[lo:lo + _PAIR_CHUNK] = plausible(signatures[a], sizes[a], signatures[b], sizes[b],
                                              thresholds)
    return {pair for pair, ok in zip(pairs, keep.tolist()) if ok}


def plausible(sig_a: np.ndarray, size_a: np.ndarray, sig_b: np.ndarray, size_b: np.ndarray,
              thresholds: MatchThresholds) -> np.ndarray:
    """Vectorised: could these pairs be near or containment duplicates, judging by signatures?"""
    jaccard = np.count_nonzero(sig_a == sig_b, axis=1) / sig_a.shape[1]
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    contained = shared / np.minimum(size_a, size_b)
    return (jaccard >= thresholds.near_threshold - JACCARD_MARGIN) | (
        contained >= thresholds.containment_threshold - CONTAINMENT_MARGIN)


def _body(profile: DuplicateProfile) -> tuple[int, int]:
    return profile.body_span or (0, 0)


def _lsh_candidates(profiles: dict[str, DuplicateProfile], keys: list[str]) -> set[tuple[str, str]]:
    buckets: dict[int, list[str]] = defaultdict(list)
    for key in keys:
        for band in profiles[key].band_keys():
            buckets[band].append(key)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(combinations(members, 2))
    return pairs


def _line_candidates(profiles: dict[str, DuplicateProfile], keys: list[str],
                     thresholds: MatchThresholds) -> set[tuple[str, str]]:
    """Pairs sharing enough distinctive lines to be worth verifying as partial copies.

    Lines found in more than ``max_line_frequency`` documents are stock passages: they propose no
    pairs and do not count in the share of shared lines (the exact check still counts them).
    """
    postings: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for key in keys:
        for h, chars in profiles[key].hashed_lines().items():
            postings[h].append((key, chars))
    shared: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()  # characters in each document's distinctive (non-stock) lines
    for members in postings.values():
        if len(members) > thresholds.max_line_frequency:
            continue
        for key, chars in members:
            totals[key] += chars
        for (a, chars_a), (b, chars_b) in combinations(members, 2):
            shared[a, b] += min(chars_a, chars_b)
    floor = thresholds.containment_threshold / 2
    return {pair for pair, chars in shared.items()
            if chars >= floor * min(totals[pair[0]], totals[pair[1]])}
