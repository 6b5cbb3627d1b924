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
_IS_CLAUSE_BREAK[[ord(c) for c in ",;:!?。、\n\r|_"]] = True
_TOKEN_CHARS = np.zeros(0x110000, dtype=bool)
_TOKEN_CHARS[[ord(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789./:@_-?=&%#"]] = True
_BG1, _BG2 = np.uint64(0x100000001B3), np.uint64(0xC2B2AE3D27D4EB4F)
_MIX = np.uint64(0x9E3779B97F4A7C15)

N_FEATURES = 3 * len(_CLASS_NAMES) + 5 + 4 + 2 + 6 + 2 + 3


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    with np.load(MODEL_PATH) as z:
        return {k: z[k] for k in z.files}


def bigram_indexes(cp: np.ndarray, bits: int = BIGRAM_BITS) -> np.ndarray:
    """Hashed index of the bigram starting at each character but the last (digits folded)."""
    if len(cp) < 2:
        return np.zeros(0, dtype=np.int64)
    h = cp[:-1] * _BG1 + cp[1:] * _BG2
    h *= _MIX
    h >>= np.uint64(64 - bits)
    return h.view(np.int64)


def unordinary_han_pairs(piece: str) -> int:
    """How many bigrams of two Han characters in ``piece`` (view text) ordinary text never holds: an
    operator's name is made of them (俄罗斯贵宾会: 斯贵, 宾会), a word of the host's own topic is not
    (电子游戏, 威尼斯人).

    >>> unordinary_han_pairs("电子游戏"), unordinary_han_pairs("斗地主赢") > 0
    (0, True)
    """
    cp = model.code_points(piece)
    if len(cp) < 2:
        return 0
    cls = _CLASS.take(cp.astype(np.int64))
    han_pair = (cls[:-1] == 0) & (cls[1:] == 0)
    return int(((_weights()["table"].take(bigram_indexes(cp)) == 0) & han_pair).sum())


def features(text: str, seed_s: int, seed_e: int, table: np.ndarray,
             sc: model.ClauseScorer) -> np.ndarray:
    """The feature rows of every character of ``text`` for the hit at ``seed_s:seed_e`` (see
    :func:`_features`)."""
    return _features(text, seed_s, seed_e, table, sc)[0]


def window_ngrams(ngrams: model.Ngrams, lo: int, hi: int) -> model.Ngrams:
    """The code points and n-gram weights of characters ``lo:hi`` from a whole text's: the n-grams
    inside the window, the same values the window's own hashing gives."""
    cp, (g1, g2, g3) = ngrams
    n = hi - lo
    return cp[lo:hi], (g1[lo:hi], g2[lo:lo + max(0, n - 1)], g3[lo:lo + max(0, n - 2)])


def _features(text: str, seed_s: int, seed_e: int, table: np.ndarray, sc: model.ClauseScorer,
              ngrams: model.Ngrams | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature rows, with the character classes and the ordinary-bigram counts that the
    decoding reads too (computed once). The feature rows of every character of ``text`` (a window of the view) for the hit at
    ``seed_s:seed_e`` (window offsets), written into one array (columns: 0-23 the classes of the
    character and its neighbours, 24-28 scorer scores and window means, 29-32 ordinary bigrams,
    33-34 the clause, 35-40 the hit, 41-42 the token, 43-45 the line). ``ngrams``: the window's
    code points and n-gram weights when the caller has them (:func:`window_ngrams`).

    A window is a few hundred characters: numpy's Python-level wrappers (clip, stack, cumsum,
    flatnonzero, diff, repeat) cost more than their work here, so the ufuncs and methods are called."""
    n = len(text)
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cls = _CLASS.take(raw).astype(np.int64)
    out = np.zeros((n, N_FEATURES))
    idx = np.arange(n)
    out[idx, cls] = 1
    out[0, 12] = 1  # before the first character and after the last: a line break
    out[idx[1:], 8 + cls[:-1]] = 1
    out[idx[:-1], 16 + cls[1:]] = 1
    out[n - 1, 20] = 1
    cp, parts = ngrams or model.ngrams(text, sc)
    cs = np.minimum(np.maximum(model.whole_text_char_scores(parts, n), -4.0), 4.0)
    taken = table.take(bigram_indexes(cp))
    counts = taken.astype(np.float64) / 32.0 if n > 1 else np.zeros(0)
    out[:-1, 29] = counts
    out[1:, 30] = counts
    unseen = (np.minimum(out[:, 29], out[:, 30]) == 0).astype(np.float64)
    both = np.empty((n + 1, 2))
    both[0] = 0.0
    pair = np.empty((n, 2))
    pair[:, 0] = cs
    pair[:, 1] = unseen
    pair.cumsum(axis=0, out=both[1:])
    # Means over the 4 and 10 characters before and after each character (not itself).
    lo4, hi4 = np.maximum(0, idx - 4), np.minimum(n, idx + 5)
    lo10, hi10 = np.maximum(0, idx - 10), np.minimum(n, idx + 11)
    left4 = (both[idx] - both[lo4]) / np.maximum(1, idx - lo4)[:, None]
    right4 = (both[hi4] - both[idx + 1]) / np.maximum(1, hi4 - idx - 1)[:, None]
    out[:, 24] = cs
    out[:, 25] = left4[:, 0]
    out[:, 26] = right4[:, 0]
    out[:, 27] = (both[idx, 0] - both[lo10, 0]) / np.maximum(1, idx - lo10)
    out[:, 28] = (both[hi10, 0] - both[idx + 1, 0]) / np.maximum(1, hi10 - idx - 1)
    out[:, 31] = left4[:, 1]
    out[:, 32] = right4[:, 1]

    # The probability (as a scaled logit) and the length of the character's clause.
    starts, ends = model.clause_bounds(cp)
    if len(starts):
        logits = np.minimum(np.maximum(sc.clause_logits(starts, ends, sc.prefix_sums(parts)), -10.0), 10.0) / 5.0
        which = np.searchsorted(ends, idx, side="right")
        inside = which < len(starts)
        wi = np.minimum(which, len(starts) - 1)
        inside &= starts[wi] <= idx
        out[:, 33] = np.where(inside, logits[wi], 0.0)
        out[:, 34] = np.where(inside, np.log1p(ends[wi] - starts[wi]) / 4.0, 0.0)

    # Where the character stands to the hit: clause breaks, line breaks and sentence ends between.
    breaks = _IS_CLAUSE_BREAK.take(raw)
    newline = cls == 4
    sentence = raw == ord("。")
    marks = np.zeros((n + 1, 3), dtype=np.int64)
    flags = np.empty((n, 3), dtype=np.int64)
    flags[:, 0] = breaks
    flags[:, 1] = newline
    flags[:, 2] = sentence
    flags.cumsum(axis=0, out=marks[1:])
    before = marks[seed_s] - marks[np.minimum(idx + 1, seed_s)]
    after = marks[np.maximum(idx, seed_e)] - marks[seed_e]
    left_side = idx < seed_s
    right_side = idx >= seed_e
    between = np.where(left_side[:, None], before, np.where(right_side[:, None], after, 0))
    out[:, 35] = (~left_side & ~right_side)
    out[:, 36] = left_side
    dist = np.where(left_side, seed_s - idx, np.where(right_side, idx - seed_e + 1, 0))
    out[:, 37] = np.minimum(dist, 60) / 20.0
    out[:, 38] = np.minimum(between[:, 0], 5) / 5.0
    out[:, 39] = np.minimum(between[:, 1], 3) / 3.0
    out[:, 40] = np.minimum(between[:, 2], 2) / 2.0

    # The token of Latin, digits and address characters the character belongs to, and its digits.
    tok = _TOKEN_CHARS.take(raw)
    if tok.any():
        padded = np.concatenate(([0], tok.astype(np.int8), [0]))
        edges = (padded[1:] != padded[:-1]).nonzero()[0]
        a, b = edges[::2], edges[1::2]
        dc = np.concatenate(([0], (cls == 2).cumsum()))
        run = np.arange(len(a)).repeat(b - a)
        pos = tok.nonzero()[0]
        out[pos, 41] = (np.minimum(b - a, 20) / 10.0)[run]
        out[pos, 42] = (np.minimum(dc[b] - dc[a], 12) / 6.0)[run]

    # The line's shape.
    line_id = np.concatenate(([0], newline.cumsum()[:-1]))
    line_len = np.bincount(line_id).astype(np.float64)
    titles = np.bincount(line_id, weights=(cls == 6) | (cls == 5)).astype(np.float64)
    han = np.bincount(line_id, weights=(cls == 0)).astype(np.float64)
    ll = line_len[line_id]
    out[:, 43] = np.log1p(ll) / 5.0
    out[:, 44] = titles[line_id] / np.maximum(1, ll) * 4
    out[:, 45] = han[line_id] / np.maximum(1, ll)
    return out.astype(np.float32), cls, taken


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


def refine(text: str, start: int, end: int, sc: model.ClauseScorer | None = None,
           cut: bool = True, ngrams: model.Ngrams | None = None) -> tuple[int, int]:
    """The run through the hit ``text[start:end]`` (view offsets) by the learned extent model
    (``cut``: the hit's own edges may be cut, else it only grows; ``ngrams``: the text's
    :func:`.model.ngrams`, when the caller has them, read for the window)."""
    sc = sc or model.scorer()
    w = _weights()
    lo = max(0, start - REACH)
    hi = min(len(text), end + REACH)
    window = text[lo:hi]
    x, cls, taken = _features(window, start - lo, end - lo, w["table"], sc,
                              window_ngrams(ngrams, lo, hi) if ngrams else None)
    han_pair = (cls[:-1] == 0) & (cls[1:] == 0)  # the bigram starting at k is two Han characters
    unordinary = taken == 0

    def accept(a: int, b: int) -> bool:
        piece = window[a:b]
        if _letters(piece) < MIN_GROWTH:
            return False
        han = han_pair[a:max(a, b - 1)].nonzero()[0] + a
        if not len(han):
            return True  # Latin, digits, an address: no ordinary words to tell
        return bool(unordinary[han].mean() >= UNORDINARY_SHARE) or sc.probability(piece) >= GROW_SCORE

    seg = best_segment(probabilities(x, w), window, start - lo, end - lo, accept, cut)
    if seg is None:
        return start, end
    a, b = seg[0] + lo, seg[1] + lo
    # Only a moved edge is stripped: a hit's own edges are its signal's.
    while a != start and a < b and text[a] in _EDGE:
        a += 1
    while b != end and b > a and text[b - 1] in _EDGE:
        b -= 1
    return (a, b) if b > a else (start, end)


_GLUED_TAIL_WORDS = ("官方网站", "官网", "网址", "平台", "注册", "开户", "下载", "登录", "登陆", "入口", "app",
                     "客户端", "首页", "网页版", "手机版", "游戏", "大厅")
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
    while (grown := _glued_tail_end(text, start, end)) is not None:
        end = grown
    return start, end


def _glued_tail_end(text: str, start: int, end: int) -> int | None:
    """Where an offer word ends that starts at most three characters before ``end`` (not before
    ``start``) and reaches past it (app下[载] -> app下载), or None."""
    for at in range(end, max(start, end - 3) - 1, -1):
        for word in _GLUED_TAIL_WORDS:
            if at + len(word) > end and text.startswith(word, at):
                return at + len(word)
    return None
