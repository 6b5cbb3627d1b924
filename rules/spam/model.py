"""The learned clause scorer: hashed character n-grams (1-3) of the normalised view, logistic regression.

Trained by ``scripts/train_spam.py`` (fixed seed, numpy only); the weights ship as
``rules/spam/model/clause_scorer.npz`` (float16). Inference is numpy only:

* the text's normalised view (:func:`scrapegate.checks.textnorm.normalized_view`: NFKC, invisible
  characters dropped, traditional to simplified) is cut into clauses at clause punctuation and line
  breaks; digits all read as ``0`` (a QQ number, a lottery period and a figure look alike to it);
* every character n-gram is hashed (multiply-shift on its code points) to one of ``2**bits`` weights;
  a clause's logit is ``bias + sum(weights of its n-grams) / sqrt(clause length)``, computed for all
  clauses at once from prefix sums;
* per character, the mean weight of the n-grams that cover it: the run inside a clause that carries
  the spam (:func:`best_run`, a maximum-sum segment), so an injection glued into a host sentence is
  located without the host text.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "model" / "clause_scorer.npz"

# Clause punctuation of the view (after NFKC: ASCII , ; : ! ? and the CJK 。、), line breaks and the
# separators of keyword-stuffed title lines (| _).
CLAUSE_BREAKS = ",;:!?。、\n\r|_"
_IS_BREAK = np.zeros(0x110000, dtype=bool)  # indexed by any code point (no clipping pass)
_IS_BREAK[[ord(c) for c in CLAUSE_BREAKS]] = True
_MIX = np.uint64(0x9E3779B97F4A7C15)
_P1, _P2, _P3 = np.uint64(0x100000001B3), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
_WORD = (1 << 64) - 1
SHORT_TEXT_CHARS = 24
"""A text this short is scored by :meth:`ClauseScorer.probability` in plain Python (the same hashes,
the same sums in the same order): a numpy pipeline's fixed cost is ~20 steps per call, and names and
keywords are scored one by one."""
HASH_BLOCK = 1 << 16
"""Characters hashed at once by :meth:`ClauseScorer.contributions` (a text longer is hashed in
blocks of this many)."""
WINDOW_BLOCK = 1 << 16
"""Windows scored at once by :meth:`ClauseScorer.hot_windows`."""
PREFIX_BLOCK = 1 << 16
"""Prefix sums accumulated at once by :class:`BlockedPrefix` (the prefix sums of a longer text)."""
SHORT_TEXTS_CACHED = 1 << 13
"""Short texts whose probability is kept (a few hundred bytes each)."""


def code_points(view: str) -> np.ndarray:
    """The view's code points, digits folded to ``0``."""
    # uint32 (4 bytes a character, not 8): the hashes multiply it by uint64 constants, which widens
    # it exactly, so every hash is the one of uint64 code points.
    cp = np.frombuffer(view.encode("utf-32-le"), dtype=np.uint32).copy()
    np.putmask(cp, (cp - np.uint32(48)) < 10, np.uint32(48))  # 0-9: one unsigned comparison
    return cp


def ngram_indexes(cp: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed 1-, 2- and 3-gram indexes; the n-gram starting at character ``i`` is entry ``i``."""
    flat, n = _flat_ngram_indexes(cp, bits)
    return flat[:n], flat[n:2 * n - 1], flat[2 * n - 1:]


def _flat_ngram_indexes(cp: np.ndarray, bits: int) -> tuple[np.ndarray, int]:
    """The 1-, 2- and 3-gram indexes of :func:`ngram_indexes` one after the other in one array
    (each numpy step once per text, not once per n: short pages are dominated by per-call costs)."""
    n = len(cp)
    h = np.empty(n + max(0, n - 1) + max(0, n - 2), dtype=np.uint64)
    # Array arithmetic on unsigned integers wraps silently (no overflow check: no errstate needed,
    # whose context costs more than the hashing of a short page).
    h1 = h[:n]
    np.multiply(cp, _P1, out=h1)
    h1 += np.uint64(1)
    if n > 1:
        h2 = h[n:2 * n - 1]
        np.multiply(cp[1:], _P2, out=h2)
        h2 += h1[:-1]
        h2 += np.uint64(2)
        if n > 2:
            h3 = h[2 * n - 1:]
            np.multiply(cp[2:], _P3, out=h3)
            h3 += h2[:-1]
            h3 += np.uint64(3)
    h *= _MIX
    h >>= np.uint64(64 - bits)
    return h.view(np.int64), n


def clause_bounds(cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the clauses (non-empty runs between clause breaks)."""
    breaks = _IS_BREAK.take(cp).nonzero()[0]
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(cp)]))
    keep = ends > starts
    return starts[keep], ends[keep]


@dataclass(frozen=True)
class ClauseScorer:
    weights: np.ndarray  # float32, 2**bits
    bias: float
    bits: int
    threshold: float
    """Clause probability from which a clause is a spam candidate (chosen on the dev split)."""
    char_threshold: float
    """Per-character weight above which a character counts towards a spam run (best_run)."""

    @cached_property
    def logit_threshold(self) -> float:
        """Computed once: every text's clause and window logits are compared with it."""
        return float(np.log(self.threshold / (1 - self.threshold)))

    @cached_property
    def _weight_grid(self) -> tuple[bool, float]:
        """(every weight a multiple of 2**-24, the largest weight's magnitude)."""
        w = self.weights.astype(np.float64)
        scaled = w * float(1 << 24)
        return bool(np.array_equal(scaled, np.round(scaled))), float(np.abs(w).max())

    def exact_sums_below(self, chars: int) -> bool:
        """Whether every sum of up to ``chars`` weights is exact in float64 (see :mod:`.clause_scores`):
        the weights are multiples of 2**-24 and ``chars`` times the largest is below 2**29."""
        on_grid, largest = self._weight_grid
        return on_grid and chars * largest < 2.0 ** 29

    def contributions(self, cp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The 1-, 2- and 3-gram weights, float32 as shipped: every sum of them is taken in float64
        (the conversion is exact, so the sums are those of float64 weights at half the memory). A
        long text is hashed in blocks (the hashes of a block need its 2 characters after it), so
        its 8-byte hashes never exist for the whole text at once."""
        n = len(cp)
        if n <= HASH_BLOCK:
            flat, n = _flat_ngram_indexes(cp, self.bits)
            w = self.weights.take(flat)
            return w[:n], w[n:2 * n - 1], w[2 * n - 1:]
        g1 = np.empty(n, dtype=self.weights.dtype)
        g2 = np.empty(n - 1, dtype=self.weights.dtype)
        g3 = np.empty(n - 2, dtype=self.weights.dtype)
        for a in range(0, n, HASH_BLOCK):
            b = min(a + HASH_BLOCK, n)
            h1, h2, h3 = ngram_indexes(cp[a:b + 2], self.bits)
            m = b - a
            self.weights.take(h1[:m], out=g1[a:b])
            self.weights.take(h2[:min(m, n - 1 - a)], out=g2[a:min(b, n - 1)])
            self.weights.take(h3[:min(m, n - 2 - a)], out=g3[a:min(b, n - 2)])
        return g1, g2, g3

    def prefix_sums(self, parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[Prefix]:
        """Prefix sums of the 1-, 2- and 3-gram weights (shared by clause and window scores); of a
        text longer than PREFIX_BLOCK, :class:`BlockedPrefix` (the same numbers, read on demand)."""
        if len(parts[0]) > PREFIX_BLOCK:
            return [BlockedPrefix(g) for g in parts]
        return [whole_prefix(g) for g in parts]

    def logits(self, cp: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               prefixes: list[Prefix] | None = None) -> np.ndarray:
        if prefixes is None:
            prefixes = self.prefix_sums(self.contributions(cp))
        total = np.zeros(len(starts))
        for n, prefix in enumerate(prefixes):
            size = len(prefix) - 1
            last = np.minimum(np.maximum(ends - n, starts), size)  # n-grams ending by end
            total += prefix[last] - prefix[np.minimum(starts, size)]
        length = np.maximum(ends - starts, 1)
        return self.bias + total / np.sqrt(length)

    @cached_property
    def _weight_array(self) -> array:
        """The float64 weights as an ``array`` (one Python float per look-up, for short texts)."""
        return array("d", self.weights.astype(np.float64).tobytes())

    def clause_logits(self, starts: np.ndarray, ends: np.ndarray, prefixes: list[Prefix]) -> np.ndarray:
        """:meth:`logits` of clauses with ``starts < ends <= len(cp)`` (clause bounds, runs inside
        the text): the same sums and the same order, without the clamps such clauses never need
        (a unigram or bigram range ends at ``ends`` or ``ends - 1``, never before ``starts``)."""
        p1, p2, p3 = prefixes
        total = p1[ends] - p1[starts]
        total += 0.0  # as logits' zeros + first term (a sum of -0.0 weights reads +0.0)
        total += p2[ends - 1] - p2[starts]
        size = len(p3) - 1
        total += p3[np.minimum(np.maximum(ends - 2, starts), size)] - p3[np.minimum(starts, size)]
        return self.bias + total / np.sqrt(ends - starts)

    def probability(self, text: str) -> float:
        """The probability of one clause of view text."""
        if len(text) <= SHORT_TEXT_CHARS:
            return self._short_probability(text)
        return self._numpy_probability(text)

    def _numpy_probability(self, text: str) -> float:
        cp = code_points(text)
        return float(sigmoid(self.logits(cp, np.array([0]), np.array([len(cp)]))[0]))

    @cached_property
    def _short_probability(self) -> Callable[[str], float]:
        """:meth:`probability` of a short text, memoised: the same names and keywords are scored
        several times on a page (by several of its rules) and across pages."""
        @lru_cache(maxsize=SHORT_TEXTS_CACHED)
        def short(text: str) -> float:
            logit = self._short_logit(text)
            return float(sigmoid(np.float64(logit))) if logit is not None else self._numpy_probability(text)
        return short

    def _short_logit(self, text: str) -> float | None:
        """:meth:`logits` of ``text`` as one clause, computed as it does in numpy: the n-gram hashes
        wrap at 64 bits, each n-gram size's weights are summed from the first (a prefix sum's last
        entry), the sizes added in order. None for a lone surrogate (numpy's encoding raises)."""
        cps = []
        for ch in text:
            c = ord(ch)
            if 0xD800 <= c <= 0xDFFF:
                return None
            cps.append(48 if 48 <= c <= 57 else c)
        n = len(cps)
        p1, p2, p3, mix, shift = int(_P1), int(_P2), int(_P3), int(_MIX), 64 - self.bits
        w = self._weight_array
        h1 = [(c * p1 + 1) & _WORD for c in cps]
        h2 = [(cps[i + 1] * p2 + h1[i] + 2) & _WORD for i in range(n - 1)]
        h3 = [(cps[i + 2] * p3 + h2[i] + 3) & _WORD for i in range(n - 2)]
        total = 0.0
        for hashes in (h1, h2, h3):
            part = 0.0  # a prefix sum's difference with its first entry, 0.0 - 0.0 without n-grams
            for k, h in enumerate(hashes):
                weight = w[((h * mix) & _WORD) >> shift]
                part = weight if k == 0 else part + weight
            total += part
        return self.bias + total / math.sqrt(max(n, 1))

    def window_logits(self, prefixes: list[Prefix], n: int, width: int,
                      first: int = 0, stop: int | None = None) -> np.ndarray:
        """Logit of every window of ``width`` characters (entry ``i``: characters i..i+width-1),
        scored like a clause of that length: finds a short injection inside a long host clause.
        Only the windows starting at ``first:stop``, when given."""
        if n < width:
            return np.zeros(0)
        stop = n - width + 1 if stop is None else min(stop, n - width + 1)
        first = min(first, stop)
        size = stop - first
        total = np.zeros(size)
        step = np.empty(size)
        for k, prefix in enumerate(prefixes):
            span = width - k
            sums = prefix[first:first + span + size]  # one range read for both ends of the windows
            np.subtract(sums[span:span + size], sums[:size], out=step)
            total += step
        total /= np.sqrt(width)
        total += self.bias
        return total

    def hot_windows(self, prefixes: list[Prefix], n: int, width: int) -> tuple[np.ndarray, np.ndarray]:
        """The windows of :meth:`window_logits` at the logit threshold: (starts, logits), computed
        WINDOW_BLOCK windows at a time (the same numbers; no whole-text array of logits)."""
        idx, vals = [], []
        for first in range(0, max(n - width + 1, 1), WINDOW_BLOCK):
            logits = self.window_logits(prefixes, n, width, first, first + WINDOW_BLOCK)
            hot = (logits >= self.logit_threshold).nonzero()[0]
            idx.append(hot + first)
            vals.append(logits[hot])
        if len(idx) == 1:
            return idx[0], vals[0]
        return np.concatenate(idx), np.concatenate(vals)

    def char_scores(self, parts: tuple[np.ndarray, np.ndarray, np.ndarray], n: int,
                    start: int = 0, end: int | None = None) -> np.ndarray:
        """Mean weight of the n-grams covering each character (of characters ``start:end`` only,
        with the same sums in the same order: a candidate clause needs its own, not the text's)."""
        end = n if end is None else min(end, n)
        start = min(start, end)
        if start == 0 and end == n and n > 2:
            return whole_text_char_scores(parts, n)
        score = np.zeros(end - start)
        count = np.zeros(end - start)
        for k, g in enumerate(parts):
            for j in range(k + 1):
                # characters i with j <= i < j + len(g), inside start:end: g[i - j] covers them
                lo, hi = max(start, j), min(end, j + len(g))
                if lo < hi:
                    score[lo - start:hi - start] += g[lo - j:hi - j]
                    count[lo - start:hi - start] += 1
        return score / np.maximum(count, 1)


def whole_prefix(g: np.ndarray) -> np.ndarray:
    """The prefix sums of ``g`` as one float64 array, 0.0 first (a text up to PREFIX_BLOCK characters).
    The weights are widened first and summed in place: the same doubles as ``g.cumsum(dtype=np.float64)``,
    whose cast inside the sum took 5-8x the time on a group's arrays (300,000 weights: 6.2 ms against 0.8)."""
    prefix = np.empty(len(g) + 1)
    prefix[0] = 0.0
    sums = prefix[1:]
    sums[:] = g
    sums.cumsum(out=sums)
    return prefix


class BlockedPrefix:
    """The prefix sums of one long weight array, ``[0.0, g[0], g[0] + g[1], ...]`` in float64, read
    like that array (``len``, an integer array of indexes, a slice with step 1) but never held
    whole: only the sum at every PREFIX_BLOCK-th entry is kept, and a read accumulates the blocks it
    touches from there (the same additions in the same order as ``cumsum``, so the same doubles).
    A long text's three whole-text arrays took 24 bytes a character, twice its n-gram weights."""

    __slots__ = ("_g", "_carry")

    def __init__(self, g: np.ndarray):
        self._g = g
        carry = np.empty((len(g) + PREFIX_BLOCK - 1) // PREFIX_BLOCK + 1)
        carry[0] = 0.0
        for j in range(1, len(carry)):
            carry[j] = self._block(j - 1, PREFIX_BLOCK, carry[j - 1])[-1]
        self._carry = carry

    def _block(self, j: int, stop: int, start_sum: float | None = None) -> np.ndarray:
        """Entries ``j * PREFIX_BLOCK`` to ``j * PREFIX_BLOCK + stop`` of the prefix sums."""
        a = j * PREFIX_BLOCK
        g = self._g[a:a + stop]
        out = np.empty(len(g) + 1)
        out[0] = self._carry[j] if start_sum is None else start_sum
        if j == 0:  # entry 1 is g[0] itself, as cumsum writes it (not 0.0 + g[0]: -0.0 stays -0.0)
            g.cumsum(dtype=np.float64, out=out[1:])
        else:
            out[1:] = g
            np.add.accumulate(out, out=out)
        return out

    def __len__(self) -> int:
        return len(self._g) + 1

    def __getitem__(self, key: np.ndarray | slice) -> np.ndarray:
        if isinstance(key, slice):
            lo, hi, step = key.indices(len(self))
            assert step == 1
            if hi <= lo:
                return np.zeros(0)
            j = lo // PREFIX_BLOCK
            return self._block(j, hi - 1 - j * PREFIX_BLOCK)[lo - j * PREFIX_BLOCK:]
        idx = np.asarray(key)
        out = np.empty(idx.shape)
        if not idx.size:
            return out
        flat = idx.ravel()
        ordered = bool((flat[1:] >= flat[:-1]).all())  # clause bounds come sorted: no sort to undo
        order = None if ordered else np.argsort(flat, kind="stable")
        ranked = flat if order is None else flat[order]
        blocks = ranked // PREFIX_BLOCK
        cuts = np.flatnonzero(blocks[1:] != blocks[:-1]) + 1
        values = np.empty(len(flat))
        for a, b in zip(np.concatenate(([0], cuts)).tolist(), np.concatenate((cuts, [len(flat)])).tolist()):
            j = int(blocks[a])
            base = j * PREFIX_BLOCK
            values[a:b] = self._block(j, int(ranked[b - 1]) - base)[ranked[a:b] - base]
        if order is None:
            return values.reshape(idx.shape)
        out.ravel()[order] = values
        return out


Prefix = np.ndarray | BlockedPrefix
"""The prefix sums of :meth:`ClauseScorer.prefix_sums`: an array, or of a long text a
:class:`BlockedPrefix`."""

Ngrams = tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]
"""A text's code points (:func:`code_points`) and 1-, 2- and 3-gram weights
(:meth:`ClauseScorer.contributions`)."""


def ngrams(text: str, sc: ClauseScorer) -> Ngrams:
    cp = code_points(text)
    return cp, sc.contributions(cp)


COVERAGE_CACHED = 1 << 14
"""Texts up to this length have their :func:`ngram_coverage` cached (a longer one's is a few
constants, and a cached array of it would outlive its page)."""


@lru_cache(maxsize=512)
def ngram_coverage(n: int) -> np.ndarray:
    """How many 1-, 2- and 3-grams of a text of ``n`` characters cover each character (at least 1)."""
    count = np.ones(n)
    for size in (2, 3):
        for j in range(size):
            count[j:j + max(0, n - size + 1)] += 1
    return count


def whole_text_char_scores(parts: tuple[np.ndarray, np.ndarray, np.ndarray], n: int) -> np.ndarray:
    """:meth:`ClauseScorer.char_scores` of a whole text: the same additions in the same order, as
    whole-array steps instead of slices computed per n-gram size and offset."""
    score = ngram_weight_sums(parts)
    if n <= COVERAGE_CACHED:
        score /= ngram_coverage(n)
    else:  # ngram_coverage's counts, divided by in place (no whole-text array of them)
        score[2:n - 2] /= 6.0
        score[[0, n - 1]] /= 3.0
        score[[1, n - 2]] /= 5.0
    return score


def ngram_weight_sums(parts: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Each character's sum of the weights of the 1-, 2- and 3-grams covering it, in float64 (what
    :func:`whole_text_char_scores` divides by the coverage)."""
    g1, g2, g3 = parts
    n = len(g1)
    score = np.add(g1, 0.0, dtype=np.float64)  # a float64 copy, zeros signed as the sliced sums' (0.0 + g)
    score[:n - 1] += g2
    score[1:] += g2
    score[:n - 2] += g3
    score[1:n - 1] += g3
    score[2:] += g3
    return score


def best_run(scores: np.ndarray, threshold: float) -> tuple[int, int, float]:
    """Maximum-sum segment of ``scores - threshold``: (start, end, sum)."""
    best, best_start, best_end = 0.0, 0, 0
    run, run_start = 0.0, 0
    # Python floats (the same doubles): a numpy scalar per step costs several times more.
    for i, s in enumerate((scores - threshold).tolist()):
        if run <= 0:
            run, run_start = s, i
        else:
            run += s
        if run > best:
            best, best_start, best_end = run, run_start, i + 1
    return best_start, best_end, best


@lru_cache(maxsize=1)
def scorer() -> ClauseScorer:
    """The shipped scorer, loaded once."""
    with np.load(MODEL_PATH) as z:
        return ClauseScorer(weights=z["weights"].astype(np.float32), bias=float(z["bias"]),
                            bits=int(z["bits"]), threshold=float(z["threshold"]),
                            char_threshold=float(z["char_threshold"]))


def sigmoid(x):
    if isinstance(x, float):  # a Python float or np.float64 (float32's exp overflows from 89)
        safe = x > -700.0
    else:
        safe = isinstance(x, np.ndarray) and x.dtype == np.float64 and (not x.size or x.min() > -700.0)
    if safe:  # exp cannot overflow: no error state to set (entering one costs more than a page's exp)
        return 1.0 / (1.0 + np.exp(-x))
    # exp overflows to inf for very negative logits (a long run of one character): 1 / inf is the right 0.0
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))
