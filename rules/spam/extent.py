"""The learned extent of an injected run: per character of the text around a found hit, in the run or
not, so a hit on one known term, a contact id or a scorer's guess becomes the whole injected run (and
a hit that reaches into the host's sentence is cut back to the run).

Trained by ``scripts/train_spam_extent.py`` (fixed seed, numpy only) on the train split's labelled
runs, around the detector's own hits and around partial and overlong pieces of each run; the weights
ship as ``rules/spam/model/run_extent.npz``. Inference is numpy only. Features of character ``i``
(:func:`features`), all of the spam view (:mod:`.learned`):

* its character class (Han, Latin, digit, space, line break, clause punctuation, title separator,
  other) and the classes of its neighbours: the class transitions where a glued run starts or ends
  (``…政府bob体育下载…``);
* the clause scorer's per-character spam score (:meth:`.model.ClauseScorer.char_scores`) at ``i`` and
  its means in windows to the left and the right; the probability of ``i``'s clause;
* how ordinary the text around ``i`` is: whether its character bigrams occur in ordinary written
  Chinese of the domain (a hashed table of bigram counts of complete documents and the train split's
  clean pages); an unseen brand or offer word (红黑大战, 空姐兼职) is made of bigrams ordinary text
  does not have, whatever the scorer knows of it;
* where ``i`` stands to the hit: inside it, its distance, the clause breaks, line breaks and
  sentence ends between them;
* the token ``i`` belongs to (an id, an address: Latin, digits, ``./:``) and the shape of its line
  (length, title separators, Han share).

A small network (one hidden layer) gives each character's probability; the run is the hit with its
edges cut back to characters at IN_RUN or more and grown outwards over characters at GROW or more
(:func:`best_segment`, never across a sentence end, across a line break only at ACROSS_LINE): the
edges are where the characters stop being the run's, and the span is always exact code points of
the text.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

import numpy as np

from scrapegate.rules.spam import learned, model

MODEL_PATH = Path(__file__).resolve().parent / "model" / "run_extent.npz"
REACH = 80
"""Characters each side of a hit that the run may grow over."""
BIGRAM_BITS = 18

_CLASS_NAMES = ("han", "latin", "digit", "space", "newline", "clause", "title", "other")
_CLASS = np.full(0x110000, 7, dtype=np.int8)
_CLASS[0x3400:0x4DC0] = 0
_CLASS[0x4E00:0xA000] = 0
_CLASS[0xF900:0xFB00] = 0
_CLASS[0x20000:0x2FA20] = 0
_CLASS[[ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = 1
_CLASS[[ord(c) for c in "0123456789"]] = 2
_CLASS[[ord(c) for c in " \t\u3000\xa0"]] = 3
_CLASS[[ord(c) for c in "\n\r"]] = 4
_CLASS[[ord(c) for c in ",;:!?。、,;:!?"]] = 5
_CLASS[[ord(c) for c in "_|-/~★·•"]] = 6
_IS_CLAUSE_BREAK = np.zeros(0x110000, dtype=bool)
_IS_CLAUSE_BREAK[[ord(c) for c in model.CLAUSE_BREAKS]] = True  # the clause scorer's clauses (columns 33-34)
_TOKEN_CHARS = np.zeros(0x110000, dtype=bool)
_TOKEN_CHARS[[ord(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789./:@_-?=&%#"]] = True
_BG1, _BG2 = np.uint64(0x100000001B3), np.uint64(0xC2B2AE3D27D4EB4F)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_WORD = (1 << 64) - 1

N_FEATURES = 3 * len(_CLASS_NAMES) + 5 + 4 + 2 + 6 + 2 + 3
_NEIGHBOURS = np.zeros((24, 8 * 8 * 8))
"""The class columns (0-23) of a character by ``(previous * 8 + own) * 8 + next`` class."""
for _code in range(8 * 8 * 8):
    _NEIGHBOURS[[_code // 8 % 8, 8 + _code // 64, 16 + _code % 8], _code] = 1
_LINE_COUNTS = np.zeros((3, 8))
"""Per class: a character, a title separator or clause mark, a Han character (a line's shape)."""
_LINE_COUNTS[0] = 1
_LINE_COUNTS[1, [5, 6]] = 1
_LINE_COUNTS[2, 0] = 1
_GRAM_SHIFT = np.array([[0], [-1], [0], [-1], [-2]])
"""The 2-, 2-, 3-, 3- and 3-grams covering a character start this far from it ..."""
_GRAM_FIRST = np.array([[0], [1], [0], [1], [2]])
_GRAM_ROOM = np.array([[2], [1], [3], [2], [1]])
"""... and lie inside its window when it is at least _GRAM_FIRST from its start and _GRAM_ROOM from
its end (as model.whole_text_char_scores adds them, in this order)."""


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    with np.load(MODEL_PATH) as z:
        return {k: z[k] for k in z.files}


def bigram_indexes(cp: np.ndarray, bits: int = BIGRAM_BITS) -> np.ndarray:
    """Hashed index of the bigram starting at each character but the last (digits folded)."""
    if len(cp) < 2:
        return np.zeros(0, dtype=np.int64)
    return _bigram_index(cp[:-1], cp[1:], bits)


def _bigram_index(first: np.ndarray, second: np.ndarray, bits: int = BIGRAM_BITS) -> np.ndarray:
    return ((first * _BG1 + second * _BG2) * _MIX >> np.uint64(64 - bits)).view(np.int64)


def unordinary_han_pairs(piece: str) -> int:
    """How many bigrams of two Han characters in ``piece`` (view text) ordinary text never holds: an
    operator's name is made of them (俄罗斯贵宾会: 斯贵, 宾会), a word of the host's own topic is not
    (电子游戏, 威尼斯人).

    >>> unordinary_han_pairs("电子游戏"), unordinary_han_pairs("斗地主赢") > 0
    (0, True)
    """
    if len(piece) <= SHORT_PIECE_CHARS:
        return _short_unordinary_han_pairs(piece)
    return int(unordinary_han_pair_starts(model.code_points(piece)).sum())


def han_chars(cp: np.ndarray) -> np.ndarray:
    """Per code point of ``cp`` (:func:`model.code_points`), whether :data:`_CLASS` counts it Han."""
    return _CLASS.take(cp.astype(np.int64)) == 0


def unordinary_han_pair_starts(cp: np.ndarray, han: np.ndarray | None = None) -> np.ndarray:
    """Per code point of ``cp`` (:func:`model.code_points`, unsigned) but the last: it and the next are
    two Han characters ordinary text never writes side by side (``han``: :func:`han_chars` of ``cp``,
    when the caller has it)."""
    if han is None:
        han = han_chars(cp)
    return han[:-1] & han[1:] & (_weights()["table"].take(bigram_indexes(cp)) == 0)


SHORT_PIECE_CHARS = 32
"""A piece this short (a name, a brand's core) is read in plain Python: numpy's fixed cost of some ten
calls is most of the time of a few characters."""


_HAN_BYTES = (_CLASS == 0).tobytes()
"""Per code point, 1 when :data:`_CLASS` counts it Han (a byte read in Python, for short pieces)."""


@lru_cache(maxsize=1)
def _table_bytes() -> bytes:
    return _weights()["table"].tobytes()


def _short_unordinary_han_pairs(piece: str) -> int:
    """:func:`unordinary_han_pairs` by Python integers (the same 64-bit hashes, the same Han classes)."""
    table = _table_bytes()
    mix, bg1, bg2, shift = int(_MIX), int(_BG1), int(_BG2), 64 - BIGRAM_BITS
    count = 0
    for a, b in zip(piece, piece[1:]):
        x, y = ord(a), ord(b)
        if _HAN_BYTES[x] and _HAN_BYTES[y] and not table[((x * bg1 + y * bg2) * mix & _WORD) >> shift]:
            count += 1
    return count


def features(text: str, seed_s: int, seed_e: int, table: np.ndarray,
             sc: model.ClauseScorer) -> np.ndarray:
    """The feature rows of every character of ``text`` for the hit at ``seed_s:seed_e`` (see
    :func:`_features`)."""
    return _features(text, model.ngrams(text, sc), [(0, len(text), seed_s, seed_e)], table, sc)[0]


def _features(text: str, ngrams: model.Ngrams, windows: list[tuple[int, int, int, int]], table: np.ndarray,
              sc: model.ClauseScorer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature rows of the characters of every window ``(lo, hi, seed_s, seed_e)`` of ``text``
    (the view; its :func:`.model.ngrams`) for its hit at ``seed_s:seed_e`` (window offsets), the
    windows' rows one after another, each window read as if it were the whole text (its first
    character follows a line break, its n-grams and clauses end at its edges): columns 0-23 the
    classes of the character and its neighbours, 24-28 scorer scores and window means, 29-32
    ordinary bigrams, 33-34 the clause, 35-40 the hit, 41-42 the token, 43-45 the line. Also the
    character classes, and the ordinary-bigram count of the bigram starting at each character (the
    decoding reads them too).

    All windows of a page are computed at once: a window is a few hundred characters, and numpy's
    fixed cost per call is most of the time, so it is paid once per page, not once per hit. Every
    value is the one a window computed alone gives: floating-point sums run in the same order from
    each window's own start (one cumulative sum per window), and a missing term is added as -0.0
    (which changes no sum, not even a zero's sign)."""
    cp_text, (g1, g2, g3) = ngrams
    h = len(windows)
    lo, n, seed_s, seed_e = np.array(windows).T
    n = n - lo
    total = int(n.sum())
    base = np.zeros(h, dtype=np.int64)  # each window's first row
    base[1:] = n.cumsum()[:-1]
    which = np.arange(h).repeat(n)  # the window of each row
    i = np.arange(total)
    row = base.repeat(n)
    j = i - row  # the row's offset in its window
    size = n.repeat(n)
    pos = j + lo.repeat(n)  # the row's offset in the text
    first = j == 0
    last = j == size - 1
    raw = np.frombuffer("".join(text[a:b] for a, b, _, _ in windows).encode("utf-32-le"), dtype=np.uint32)
    cls = _CLASS.take(raw).astype(np.int64)
    out = np.empty((N_FEATURES, total))  # a feature per row: filled whole, transposed at the end
    # The classes of the character and its neighbours; before a window's first character and after
    # its last: a line break.
    prev = np.empty(total, dtype=np.int64)
    prev[1:] = cls[:-1]
    prev[base] = 4
    nxt = np.empty(total, dtype=np.int64)
    nxt[:-1] = cls[1:]
    nxt[base + n - 1] = 4
    _NEIGHBOURS.take((prev * 8 + cls) * 8 + nxt, axis=1, out=out[:24])

    # The scorer's mean n-gram weight per character (model.whole_text_char_scores of the window).
    inside = (j >= _GRAM_FIRST) & (j <= size - _GRAM_ROOM)
    grams = np.empty((5, total))
    at = pos + _GRAM_SHIFT
    # The weights are float32 (model.ClauseScorer.contributions): taken, then widened exactly.
    if len(g2):
        grams[:2] = g2.take(at[:2], mode="clip")
    if len(g3):
        grams[2:] = g3.take(at[2:], mode="clip")
    np.copyto(grams, -0.0, where=~inside)
    stacked = np.empty((5, total))  # scores, unseen, 1-, 2- and 3-gram weights: summed per window
    stacked[2] = g1.take(pos)
    score = stacked[2] + 0.0
    for g in grams:
        score += g
    score /= inside.sum(axis=0) + 1.0
    np.minimum(np.maximum(score, -4.0), 4.0, out=out[24])
    taken = table.take(_bigram_index(cp_text.take(pos), cp_text.take(pos + 1, mode="clip")))
    counts = taken / 32.0
    np.copyto(out[29], counts)
    np.copyto(out[29], 0.0, where=~inside[0])
    out[30, 0] = 0.0
    out[30, 1:] = counts[:-1]
    np.copyto(out[30], 0.0, where=first)
    stacked[0] = out[24]
    np.equal(np.minimum(out[29], out[30]), 0, out=stacked[1])
    stacked[3] = grams[0]
    stacked[4] = grams[2]
    # Prefix sums from each window's start: a zero column, then the window's (prefix j of window k
    # at base + k + j).
    sums = np.empty((5, total + h))
    zero = base + np.arange(h)
    sums[:, zero] = 0.0
    for b, m, z in zip(base.tolist(), n.tolist(), zero.tolist()):
        stacked[:, b:b + m].cumsum(axis=1, out=sums[:, z + 1:z + 1 + m])
    zero = zero.repeat(n)
    at = zero + j
    # Means over the 4 and 10 characters before and after each character (not itself).
    lo4, hi4 = np.maximum(0, j - 4), np.minimum(size, j + 5)
    lo10, hi10 = np.maximum(0, j - 10), np.minimum(size, j + 11)
    means = sums[:2]
    left4 = (means.take(at, axis=1) - means.take(zero + lo4, axis=1)) / np.maximum(1, j - lo4)
    right4 = (means.take(zero + hi4, axis=1) - means.take(at + 1, axis=1)) / np.maximum(1, hi4 - j - 1)
    out[25] = left4[0]
    out[26] = right4[0]
    scores = sums[0]
    out[27] = (scores.take(at) - scores.take(zero + lo10)) / np.maximum(1, j - lo10)
    out[28] = (scores.take(zero + hi10) - scores.take(at + 1)) / np.maximum(1, hi10 - j - 1)
    out[31] = left4[1]
    out[32] = right4[1]

    # The probability (as a scaled logit) and the length of the character's clause
    # (model.clause_bounds and ClauseScorer.clause_logits of the window).
    breaks = _IS_CLAUSE_BREAK.take(raw)
    words = ~breaks
    opens = words.copy()
    opens[1:] &= breaks[:-1] | first[1:]
    closes = words.copy()
    closes[:-1] &= breaks[1:] | last[:-1]
    c_s = opens.nonzero()[0]
    if len(c_s):
        c_e = closes.nonzero()[0] + 1
        r_s = c_s + which[c_s]  # the clause's start and end prefix
        r_e = c_e + which[c_s]
        w0 = zero[c_s]
        room = w0 + np.maximum(size[c_s] - 2, 0)  # the window's last 3-gram prefix
        p1, p2, p3 = sums[2], sums[3], sums[4]
        clause = p1.take(r_e) - p1.take(r_s)
        clause += 0.0
        clause += p2.take(r_e - 1) - p2.take(r_s)
        clause += p3.take(np.minimum(np.maximum(r_e - 2, r_s), room)) - p3.take(np.minimum(r_s, room))
        logits = np.minimum(np.maximum(sc.bias + clause / np.sqrt(c_e - c_s), -10.0), 10.0) / 5.0
        of = opens.cumsum() - 1
        np.copyto(out[33], logits.take(of, mode="clip"))
        np.copyto(out[34], (np.log1p(c_e - c_s) / 4.0).take(of, mode="clip"))
        np.copyto(out[33:35], 0.0, where=breaks)
    else:
        out[33:35] = 0.0

    # Where the character stands to the hit: clause breaks, line breaks and sentence ends between.
    newline = cls == 4
    marks = np.zeros((3, total + 1), dtype=np.int64)
    flags = np.empty((3, total), dtype=np.int64)
    flags[0] = breaks
    flags[1] = newline
    np.equal(raw, ord("。"), out=flags[2])
    flags.cumsum(axis=1, out=marks[:, 1:])
    seed_s = seed_s.repeat(n)
    seed_e = seed_e.repeat(n)
    left_side = j < seed_s
    right_side = j >= seed_e
    # between i + 1 and the hit's start, or between its end and i (marks[x] - marks[y], 0 inside)
    x = np.where(left_side, row + seed_s, np.where(right_side, i, 0))
    y = np.where(left_side, i + 1, np.where(right_side, row + seed_e, 0))
    between = marks.take(x, axis=1) - marks.take(y, axis=1)
    np.logical_not(left_side | right_side, out=out[35])
    out[36] = left_side
    out[37] = np.minimum(np.where(left_side, seed_s - j, np.where(right_side, j - seed_e + 1, 0)), 60) / 20.0
    out[38] = np.minimum(between[0], 5) / 5.0
    out[39] = np.minimum(between[1], 3) / 3.0
    out[40] = np.minimum(between[2], 2) / 2.0

    # The token of Latin, digits and address characters the character belongs to, and its digits.
    out[41:43] = 0.0
    tok = _TOKEN_CHARS.take(raw)
    if tok.any():
        a = tok.copy()
        a[1:] &= ~tok[:-1] | first[1:]
        b = tok.copy()
        b[:-1] &= ~tok[1:] | last[:-1]
        a, b = a.nonzero()[0], b.nonzero()[0] + 1
        digits = np.zeros(total + 1, dtype=np.int64)
        (cls == 2).cumsum(out=digits[1:])
        run = np.arange(len(a)).repeat(b - a)
        at_tok = tok.nonzero()[0]
        out[41, at_tok] = (np.minimum(b - a, 20) / 10.0)[run]
        out[42, at_tok] = (np.minimum(digits[b] - digits[a], 12) / 6.0)[run]

    # The line's shape (a window's first line starts at its start): its length, title separators
    # and clause marks, Han characters.
    line_start = first.copy()
    line_start[1:] |= newline[:-1]
    line = np.add.reduceat(_LINE_COUNTS.take(cls, axis=1), line_start.nonzero()[0], axis=1)
    line = line.take(line_start.cumsum() - 1, axis=1)
    out[43] = np.log1p(line[0]) / 5.0
    length = np.maximum(1, line[0])
    out[44] = line[1] / length * 4
    out[45] = line[2] / length
    return out.T.astype(np.float32, order="C"), cls, taken


def probabilities(x: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    z = (x - w["mean"]) / w["scale"]
    h = np.tanh(z @ w["w1"] + w["b1"])
    return 1.0 / (1.0 + np.exp(-(h @ w["w2"] + w["b2"])))


IN_RUN = 0.5
"""A character of the hit is the run's from this probability on (below it at the hit's edges, the
hit is cut there)."""
GROW = 0.5
"""The run grows over characters outside the hit from this probability on."""
ACROSS_LINE = 0.8
"""A run grows across a line break (a link list, a keyword line under another) only onto characters
this likely: a host's next line is never the run's by default."""
MIN_GROWTH = 4
"""A side grows only by at least this many letters, digits or Han characters: a run's missing part
(the brand before a contact id, the rest of a keyword line), not a character or two of the host's
at a found edge (the model's edges are least sure right next to a found hit)."""
UNORDINARY_SHARE = 0.2
"""A grown piece of Han text needs at least this share of its bigrams unseen in ordinary text, or the
clause scorer's GROW_SCORE by itself: the run's missing words are unlisted brands and offers
(金禧血战到底, 空姐兼职), a host's words next to a contact id are ordinary (全年接待游客QQ:…)."""
GROW_SCORE = 0.5


def best_segment(p: np.ndarray, text: str, seed_s: int, seed_e: int, accept,
                 cut: bool = True) -> tuple[int, int] | None:
    """The hit's run: its edges cut where its characters fall below IN_RUN, or grown outwards over
    characters at IN_RUN or more (stepping over one weaker separator, across a line break only at
    ACROSS_LINE, never across a sentence end: no labelled run holds a 。). None when no character
    of the hit reaches IN_RUN."""
    if seed_e <= seed_s or p[seed_s:seed_e].max() < IN_RUN:
        return None
    a, b = seed_s, seed_e
    while cut and p[a] < IN_RUN:
        a += 1
    while cut and p[b - 1] < IN_RUN:
        b -= 1
    if a == seed_s:
        grown = _grow(p, text, a, -1)
        a = grown if accept(grown, a) else a
    if b == seed_e:
        grown = _grow(p, text, b - 1, 1) + 1
        b = grown if accept(b, grown) else b
    return a, b


def _letters(piece: str) -> int:
    return sum(c.isalnum() for c in piece)


def _grow(p: np.ndarray, text: str, edge: int, step: int) -> int:
    """The farthest character from ``edge`` (the run's last one on that side) the run reaches in
    direction ``step``."""
    i, j = edge, edge + step
    floor = GROW
    while 0 <= j < len(p):
        if text[j] in "。@":
            break
        if text[j] == "\n":
            floor = ACROSS_LINE
            j += step
            continue
        if p[j] >= floor:
            i, j = j, j + step
            continue
        k = j + step  # one weak separator (not a letter, a digit or a Han character), then a strong one
        if 0 <= k < len(p) and not text[j].isalnum() and p[k] >= floor:
            i, j = k, k + step
            continue
        break
    return i


_EDGE = learned.EDGE + "\n\r"
"""What a run's edges are trimmed of: the clause edges, and line breaks."""


def refine(text: str, hits: list[tuple[int, int, bool]], sc: model.ClauseScorer | None = None,
           ngrams: model.Ngrams | None = None, joined: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The run through each hit ``(start, end, cut)`` of ``text`` (view offsets) by the learned extent
    model (``cut``: the hit's own edges may be cut, else it only grows; ``ngrams``: the text's
    :func:`.model.ngrams`, when the caller has them; ``joined``: indexes of hits whose growth is one
    keyword run with them, accepted when the run scores GROW_SCORE as a whole). Each hit's run is read
    from its own window; the windows' features are computed together (:func:`_features`)."""
    if not hits:
        return []
    sc = sc or model.scorer()
    w = _weights()
    runs = [(s, e) for s, e, _ in hits]  # a hit whose window is too long to read stays as found
    read = [k for k, (s, e, _) in enumerate(hits) if e - s + 2 * REACH <= WINDOW_MAX_CHARS]
    windows = [(max(0, s - REACH), min(len(text), e + REACH), s, e) for s, e, _ in hits]
    if not read:
        return runs
    ngrams = ngrams or model.ngrams(text, sc)
    # Windows in groups of at most FEATURE_ROWS rows (a window's rows are the same in any group):
    # a long page's hundreds of hits do not hold all their feature rows at once.
    groups: list[list[int]] = [[]]
    rows = 0
    for k in read:
        lo, hi, _, _ = windows[k]
        if groups[-1] and rows + hi - lo > FEATURE_ROWS:
            groups.append([])
            rows = 0
        groups[-1].append(k)
        rows += hi - lo
    for group in groups:
        x, cls, taken = _features(text, ngrams, [(lo, hi, s - lo, e - lo) for lo, hi, s, e in (windows[k] for k in group)],
                                  w["table"], sc)
        row = 0
        for k in group:
            lo, hi, start, end = windows[k]
            n = hi - lo
            runs[k] = _run(text, lo, hi, start, end, hits[k][2], sc, probabilities(x[row:row + n], w),
                           cls[row:row + n], taken[row:row + n - 1], k in joined)
            row += n
    return runs


FEATURE_ROWS = 1 << 15
"""Feature rows (characters of hits' windows) :func:`refine` computes at once."""
WINDOW_MAX_CHARS = 1 << 14
"""A hit whose window (the hit and REACH each side) would be longer than this is not read by the
model: its run is the hit as found, as when no character of it reaches IN_RUN. A window's feature
rows cost about 1 KB a character and are computed whole (its clauses and lines end at its edges), so
one hit of a whole page (a 200,000-character token run) took 200 MB; the model learned the edges of
runs a few hundred characters long."""


def _run(text: str, lo: int, hi: int, start: int, end: int, cut: bool, sc: model.ClauseScorer,
         p: np.ndarray, cls: np.ndarray, taken: np.ndarray, joined: bool = False) -> tuple[int, int]:
    """The run through the hit ``start:end`` from its window ``lo:hi``'s probabilities, classes and
    ordinary-bigram counts (``joined``: see :func:`refine`)."""
    window = text[lo:hi]
    han_pair = (cls[:-1] == 0) & (cls[1:] == 0)  # the bigram starting at k is two Han characters
    unordinary = taken == 0

    def accept(a: int, b: int) -> bool:
        piece = window[a:b]
        if _letters(piece) < MIN_GROWTH:
            return False
        if joined and sc.probability(window[min(a, start - lo):max(b, end - lo)]) >= GROW_SCORE:
            return True
        han = han_pair[a:max(a, b - 1)].nonzero()[0] + a
        if not len(han):
            return True  # Latin, digits, an address: no ordinary words to tell
        return bool(np.count_nonzero(unordinary[han]) / len(han) >= UNORDINARY_SHARE) or sc.probability(piece) >= GROW_SCORE

    seg = best_segment(p, window, start - lo, end - lo, accept, cut)
    if seg is None:
        return start, end
    a, b = seg[0] + lo, seg[1] + lo
    # Only a moved edge is stripped: a hit's own edges are its signal's.
    while a != start and a < b and text[a] in _EDGE:
        a += 1
    while b != end and b > a and text[b - 1] in _EDGE:
        b -= 1
    return (a, b) if b > a else (start, end)


GLUED_TAIL_WORDS = ("官方网站", "官网", "网址", "平台", "注册", "开户", "下载", "登录", "登陆", "入口", "app",
                     "客户端", "首页", "网页版", "手机版", "游戏", "大厅", "线路")
_RUN_START_BREAKS = frozenset(",;:!?。、\n\r|_ \t()[]【】《》<>\"'“”‘’·•-~*")
_FUNCTION_CHARS = frozenset("的了是在和与及为我你他她们这那其之年月日时也都就将被把对从向于等")
LEAD_MAX_CHARS = 3
"""A run standing at a clause's start takes at most this many name characters before its hit."""


def _name_char(c: str) -> bool:
    return (c.isascii() and c.isalnum()) or (_CLASS[ord(c)] == 0 and c not in _FUNCTION_CHARS)


def glued_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A hit on an offer term that stands at a clause's start (nothing of the host's glued before it)
    is the whole offer: the brand's name characters between the clause start and the hit
    ([米乐]彩票开户, [开云]捕鱼登录, at most LEAD_MAX_CHARS, no function characters) and the offer words
    glued after it (足球投注[网址], bbin真人[平台], 彩票开户app下[载]). A hit glued to the host's
    words on its left keeps its edges: the words after it may be the host's own (政府pp电子娱乐[官网]).

    >>> text = "全年经济平稳运行,米乐彩票开户app下载\\n"
    >>> s, e = glued_edges(text, text.index("彩票"), text.index("app") + 4)
    >>> text[s:e]
    '米乐彩票开户app下载'
    >>> text = "建成im体育官网一批数字化车间。"
    >>> s, e = glued_edges(text, 2, 6)
    >>> text[s:e]
    'im体育'
    >>> text = "建议您到相关地区政府pp电子娱乐官网浏览"
    >>> s, e = glued_edges(text, text.index("pp"), text.index("官网"))
    >>> text[s:e]
    'pp电子娱乐'
    """
    lead = start
    # A hit that opens with Latin or digits holds its brand already (建成[im体育]官网 stays).
    while (lead > 0 and start - lead < LEAD_MAX_CHARS and _CLASS[ord(text[start])] == 0
           and _name_char(text[lead - 1])):
        lead -= 1
    if lead > 0 and text[lead - 1] not in _RUN_START_BREAKS:
        return start, end  # glued to the host's words: no clause start
    start = lead
    while (grown := glued_tail_end(text, start, end)) is not None:
        end = grown
    return start, end


_GLUED_TAIL_WORD = re.compile("|".join(GLUED_TAIL_WORDS))
"""The tail words as one alternation: no word is another's prefix, so at most one starts anywhere."""


def glued_tail_end(text: str, start: int, end: int) -> int | None:
    """Where an offer word ends that starts at most three characters before ``end`` (not before
    ``start``) and reaches past it (app下[载] -> app下载), or None."""
    for at in range(end, max(start, end - 3) - 1, -1):
        word = _GLUED_TAIL_WORD.match(text, at)
        if word and word.end() > end:
            return word.end()
    return None


INITIALS_PATH = MODEL_PATH.with_name("pinyin_initials.npy")
"""Per Han code point from U+3400, a bit per letter its pinyin readings start with
(``scripts/build_pinyin_initials.py``, from pypinyin's table)."""
_INITIALS_FIRST = 0x3400
_SITE_LETTERS = frozenset(string.ascii_letters)
_SITE_TOKEN_CHARS = _SITE_LETTERS | frozenset(string.digits + ".")
SITE_LETTERS_MIN, SITE_LETTERS_MAX = 2, 5
"""A site's letters that spell a name's initials: two (yl, hg) to five."""


@lru_cache(maxsize=1)
def _initials() -> np.ndarray:
    return np.load(INITIALS_PATH)


def spells_initials(name: str, letters: str) -> bool:
    """Each character of ``name`` has a pinyin reading starting with the letter of ``letters`` at its place (the
    two are as long): 新葡京 and xpj, 永利 and YL; a polyphonic character by any reading (长: c or z).

    >>> spells_initials("新葡京", "xpj"), spells_initials("永利", "YL"), spells_initials("发展", "gd")
    (True, True, False)
    """
    if len(name) != len(letters):
        return False
    table = _initials()
    for c, letter in zip(name, letters.lower()):
        k = ord(c) - _INITIALS_FIRST
        if not (0 <= k < len(table) and "a" <= letter <= "z" and int(table[k]) >> (ord(letter) - 97) & 1):
            return False
    return True


def _token_bounds(text: str, at: int, step: int, limit: int) -> int:
    """Where the token of Latin letters, digits and dots running from ``at`` in direction ``step`` ends (exclusive
    when ``step`` is 1, the token's first character when -1), not beyond ``limit``."""
    i = at
    while (i < limit if step > 0 else i > limit) and text[i if step > 0 else i - 1] in _SITE_TOKEN_CHARS:
        i += step
    return i


def _leading_letters(token: str) -> str:
    n = 0
    while n < len(token) and token[n] in _SITE_LETTERS:
        n += 1
    return token[:n]


def _name_spelt(text: str, a: int, b: int, letters: str) -> bool:
    return (SITE_LETTERS_MIN <= len(letters) <= SITE_LETTERS_MAX and 0 <= a and b <= len(text)
            and all(_name_char(c) and not c.isascii() for c in text[a:b]) and spells_initials(text[a:b], letters))


def initials_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` (a found run) grown over a brand's name and its site's letters when the letters spell the
    name's pinyin initials, on either side: a span that opens with a site token takes the name before it
    (新世纪[xsj777登录]) or, ending with one, the name after it ([yl23411]永利); a span whose edge is the name takes
    the token beside it ([永利]yl23411, xpj88[新葡京]). A site is named by its brand's initials (新葡京 xpj, 皇冠 hg),
    and the host's words beside a brand's letters spell them by chance only (two letters: about one pair in
    four hundred).

    >>> text = "粮食连续新世纪xsj777登录7年丰收"
    >>> s, e = initials_edges(text, text.index("xsj"), text.index("登录") + 2)
    >>> text[s:e]
    '新世纪xsj777登录'
    >>> text = "院团委老师李岚,yl23411永利学工办主任"
    >>> s, e = initials_edges(text, text.index("yl"), text.index("永"))
    >>> text[s:e]
    'yl23411永利'
    >>> text = "由澳门永利yl88.com主办"
    >>> s, e = initials_edges(text, text.index("永"), text.index("yl"))
    >>> text[s:e]
    '永利yl88.com'
    >>> text = "国内生产总值GDP增长"
    >>> initials_edges(text, text.index("GDP"), text.index("增")) == (text.index("GDP"), text.index("增"))
    True
    """
    a, b = start, end
    if start < end and text[start] in _SITE_LETTERS:  # the span opens with a token: the name before it
        letters = _leading_letters(text[start:_token_bounds(text, start, 1, end)])
        if _name_spelt(text, start - len(letters), start, letters):
            a = start - len(letters)
    elif start > 0 and text[start - 1] in _SITE_TOKEN_CHARS:  # a token before the span's name
        t = _token_bounds(text, start, -1, max(0, start - 24))
        letters = _leading_letters(text[t:start])
        if _name_spelt(text, start, start + len(letters), letters):
            a = t
    if start < end and text[end - 1] in _SITE_TOKEN_CHARS:  # the span ends with a token: the name after it
        t = _token_bounds(text, end, -1, start)
        letters = _leading_letters(text[t:end])
        if _name_spelt(text, end, end + len(letters), letters):
            b = end + len(letters)
    elif end < len(text) and text[end] in _SITE_LETTERS:  # a token after the span's name
        t = _token_bounds(text, end, 1, min(len(text), end + 24))
        letters = _leading_letters(text[end:t])
        if _name_spelt(text, end - len(letters), end, letters):
            b = t
    return a, b
