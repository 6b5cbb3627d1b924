"""The clause scorer's numbers for a whole text (clause bounds, clause probabilities, hot windows, per-character
weights), computed for one text or for a group of texts at once.

A group pays numpy's fixed cost per step once instead of once per text (about twenty steps a text, most of
the scorer's time on a short page). The group's texts are scored as one concatenation, and each text's
numbers are the slices of the group's that lie inside it: its clauses (a text's edge breaks a clause as a
clause break does), its windows (a window across two texts is dropped) and its characters' weights (the
n-grams across two texts weigh 0). They are the numbers :func:`scores_alone` computes: the weights ship as
float16 (multiples of 2**-24, at most 6.3 in magnitude), so every sum of them, a prefix sum of the whole group
included, is exact in float64, in any order; a zero's sign aside, which adding the scorer's bias or
:meth:`ClauseScorer.clause_logits`' ``+ 0.0`` removes (:func:`exact_sums` checks the shipped weights).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from scrapegate.rules.spam import model

GROUP_TEXT_CHARS = model.COVERAGE_CACHED
"""A longer text is scored alone (its prefix sums are blocked, see :class:`model.BlockedPrefix`; a group
gains nothing on it)."""


@dataclass
class ClauseScores:
    """One text's clause scores (view offsets)."""

    cp: np.ndarray
    """The text's code points (:func:`model.code_points`)."""
    parts: tuple[np.ndarray, np.ndarray, np.ndarray]
    """Its 1-, 2- and 3-gram weights (:meth:`model.ClauseScorer.contributions`)."""
    starts: np.ndarray
    ends: np.ndarray
    """Each clause's start and end (:func:`model.clause_bounds`)."""
    probs: np.ndarray
    """Each clause's probability."""
    windows: np.ndarray
    """Starts of the windows of ``width`` characters at the logit threshold ..."""
    window_logits: np.ndarray
    """... and their logits."""
    char_scores: np.ndarray
    """Each character's mean n-gram weight (:meth:`model.ClauseScorer.char_scores`)."""
    _prefixes: list[model.Prefix] | None = field(default=None, repr=False)

    def prefixes(self, sc: model.ClauseScorer) -> list[model.Prefix]:
        """The text's own prefix sums (:meth:`model.ClauseScorer.prefix_sums`); of a text scored in a
        group, computed when first read."""
        if self._prefixes is None:
            self._prefixes = sc.prefix_sums(self.parts)
        return self._prefixes


def scores_alone(text: str, ngrams: model.Ngrams, sc: model.ClauseScorer, width: int) -> ClauseScores:
    """The clause scores of one non-empty text from its :func:`model.ngrams`."""
    cp, parts = ngrams
    starts, ends = model.clause_bounds(cp)
    prefixes = sc.prefix_sums(parts)
    probs = model.sigmoid(sc.clause_logits(starts, ends, prefixes))
    windows, window_logits = sc.hot_windows(prefixes, len(text), width)
    return ClauseScores(cp, parts, starts, ends, probs, windows, window_logits,
                        sc.char_scores(parts, len(text)), prefixes)


GROUP_LIMIT_CHARS = 1 << 24
"""At most this many characters are scored as one group."""


def exact_sums(sc: model.ClauseScorer) -> bool:
    """Whether every sum of the scorer's weights over a group is exact in float64: each weight a multiple of
    2**-24, and GROUP_LIMIT_CHARS times the largest below 2**29 (all partial sums are then multiples of 2**-24
    below 2**53 * 2**-24).

    >>> exact_sums(model.scorer())
    True
    """
    return sc.exact_sums_below(GROUP_LIMIT_CHARS)


def score_group(texts: Sequence[str], sc: model.ClauseScorer, width: int) -> list[ClauseScores | None]:
    """The clause scores of each text as :func:`scores_alone` gives them, computed for the texts at once;
    None for a text left to be scored alone (empty, or longer than GROUP_TEXT_CHARS)."""
    chosen = [k for k, t in enumerate(texts) if 0 < len(t) <= GROUP_TEXT_CHARS]
    out: list[ClauseScores | None] = [None] * len(texts)
    if len(chosen) < 2 or not exact_sums(sc):
        return out
    lengths = np.array([len(texts[k]) for k in chosen], dtype=np.int64)
    if int(lengths.sum()) > GROUP_LIMIT_CHARS:
        return out
    heads = np.zeros(len(chosen), dtype=np.int64)
    np.cumsum(lengths[:-1], out=heads[1:])
    tails = heads + lengths
    total = int(tails[-1])
    cp = model.code_points("".join(texts[k] for k in chosen))
    g1, g2, g3 = sc.contributions(cp)
    # The n-grams across two texts (their starts in the last one or two characters of a text) weigh 0:
    # no text's own slice holds them, and the group's character weights must not count them.
    inner = tails[:-1]
    g2[inner - 1] = 0.0
    g3[_crossing_trigrams(inner, total)] = 0.0
    starts, ends = _clause_bounds(cp, heads, tails)
    prefixes: list[model.Prefix] = [model.whole_prefix(g) for g in (g1, g2, g3)]
    probs = model.sigmoid(sc.clause_logits(starts, ends, prefixes))
    windows, window_logits = sc.hot_windows(prefixes, total, width)
    owner = np.searchsorted(heads, windows, side="right") - 1
    inside = windows + width <= tails[owner]
    windows, window_logits = windows[inside], window_logits[inside]
    char_scores = _group_char_scores((g1, g2, g3), lengths)
    clause_at = np.searchsorted(starts, heads).tolist()
    clause_to = clause_at[1:] + [len(starts)]
    window_at = np.searchsorted(windows, heads).tolist()
    window_to = window_at[1:] + [len(windows)]
    for j, k in enumerate(chosen):
        a, n = int(heads[j]), int(lengths[j])
        c0, c1, w0, w1 = clause_at[j], clause_to[j], window_at[j], window_to[j]
        out[k] = ClauseScores(cp[a:a + n], (g1[a:a + n], g2[a:a + max(0, n - 1)], g3[a:a + max(0, n - 2)]),
                              starts[c0:c1] - a, ends[c0:c1] - a, probs[c0:c1], windows[w0:w1] - a,
                              window_logits[w0:w1], char_scores[a:a + n])
    return out


def _crossing_trigrams(inner: np.ndarray, total: int) -> np.ndarray:
    """Starts of the trigrams across a text's end (``inner``: the texts' ends but the last's) in a group of
    ``total`` characters."""
    starts = np.concatenate((inner - 2, inner - 1))
    return starts[(starts >= 0) & (starts < total - 2)]


def _clause_bounds(cp: np.ndarray, heads: np.ndarray, tails: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`model.clause_bounds` of each text, in group offsets, one after the other: the group's clause
    breaks and the texts' edges bound the clauses; empty ones are dropped."""
    breaks = model._IS_BREAK.take(cp).nonzero()[0]
    starts = np.concatenate((heads, breaks + 1))
    ends = np.concatenate((breaks, tails))
    starts.sort(kind="stable")
    ends.sort(kind="stable")
    keep = ends > starts
    return starts[keep], ends[keep]


def _group_char_scores(parts: tuple[np.ndarray, np.ndarray, np.ndarray], lengths: np.ndarray) -> np.ndarray:
    """:func:`model.whole_text_char_scores` of each text, one after the other (the n-grams across texts
    weigh 0), each divided by its own text's n-gram coverage."""
    score = model.ngram_weight_sums(parts)
    score /= np.concatenate([model.ngram_coverage(int(m)) for m in lengths.tolist()])
    return score
