"""Off-topic blocks: a page's other articles, sidebars and replies, judged against its main block.

A page has one main text. Teasers of other articles, a blog's sidebar, a forum's replies, a portal's
columns sit in blocks before and after it, and they are written as prose: no phrase list, line shape
or widget pattern tells them from the document's own paragraphs. What tells them is context:

* the **main block** (:func:`main_block`): the run of lines between the rules' chrome lines that
  holds the most prose; every line in it is the document's, whatever the model says (a complete
  report's own sections are never taken);
* each line **outside** it is weighed by a logistic model (:data:`FEATURES`): where it lies against
  the main block (before or after, how far, how much chrome in between), how much of its
  vocabulary (character pairs) the main block and the title share, against how much it shares with
  its neighbours, the shape of the block it sits in (runs of lines of similar length, short and long
  lines alternating, dates and counters), its own shape (length, sentence marks, digits) and, on an
  HTML page, its structure (link text, landmarks, class tokens, whether it shares the main block's
  container);
* a second pass adds the first pass's probabilities of the lines around it (a teaser list is a run).

Weights (``rules/data/boilerplate_offtopic_model.json``) are trained by ``scripts/train_offtopic.py``
on the train and dev splits of the labelled chrome corpus with site folds; the threshold is the
lowest at which the characters added on held-out site folds are at least 0.99 chrome (the issue's
target); none is on the current corpus (best 0.986 at 0.99), so the shipped threshold is 1.0 and the
model adds nothing until a retrain on more pages finds one. Inference is numpy.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from scrapegate.rules import data

if TYPE_CHECKING:
    from scrapegate.checks.document import Line
    from scrapegate.rules.boilerplate.chrome import LineEvidence
    from scrapegate.rules.boilerplate.scorer import BlockFacts

MODEL_FILE = "boilerplate_offtopic_model.json"
MIN_CORE_CHARS = 200
"""A page whose main block holds fewer prose characters than this has no main block to judge against."""
WINDOW = 3
"""Lines either side that make a line's neighbourhood (block shape)."""
PROFILE_CHARS = 2000
"""The main block's vocabulary is read from at most this many of its characters (its first lines)."""

_PAIR_TEXT = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"[。!！?？;；]")
_CLAUSE = re.compile("[,，、]")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_DATE = re.compile(r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}-\d{1,2}\b")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_COUNT = re.compile(r"[(（\[［]\s*\d+\s*(?:/\s*\d+\s*)?[)）\]］]|\d+\s*[次人条篇楼字]")
_BRACKETED_NAME = re.compile(r"[【\[［(（][^】\]］)）]{1,12}[】\]］)）]")
_TABLE_ROW = re.compile(r"\|[^|\n]*\||\S(?: {2,}|\t|\u3000)\S+(?: {2,}|\t|\u3000)\S")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…|>>|»)\s*$")

OWN = ("log_chars", "prose", "sentences", "clauses", "digit_share", "latin_share", "date", "time", "count",
       "bracketed", "ellipsis", "heading", "phrases")
PLACE = ("before", "after", "log_lines_to_core", "log_chars_to_core", "chrome_between", "position",
         "core_share", "log_core_chars", "touches_chrome", "log_to_chrome")
SIMILARITY = ("sim_core", "sim_core_rel", "sim_title", "title_in_line", "sim_neighbours", "no_pairs", "topic_share",
              "log_topic_pairs")
SHAPE = ("log_segment_chars", "log_segment_lines", "segment_prose_share", "window_cv", "window_short",
         "window_dates", "window_chrome", "alternation")
STRUCTURE = ("html", "link_share", "landmark", "chrome_token", "content_token", "list_item", "cell",
             "core_container")
FEATURES = (*OWN, *PLACE, *SIMILARITY, *SHAPE, *STRUCTURE)
"""Pass-1 feature names, in matrix column order."""
PASS2 = ("p_prev2", "p_prev", "p_next", "p_next2", "p_segment")
"""Pass-2 features added to pass 1's: the pass-1 probabilities around the line and its segment's mean."""


@dataclass(frozen=True)
class OfftopicModel:
    mean1: np.ndarray
    scale1: np.ndarray
    coef1: np.ndarray
    bias1: float
    mean2: np.ndarray
    scale2: np.ndarray
    coef2: np.ndarray
    bias2: float
    threshold: float


@lru_cache(maxsize=1)
def model() -> OfftopicModel:
    raw = data.read_json(MODEL_FILE)
    if tuple(raw["features"]) != FEATURES or tuple(raw["pass2"]) != PASS2:
        raise ValueError(f"{MODEL_FILE} was trained on other features: retrain with scripts/train_offtopic.py")
    arr = {k: np.asarray(raw[k], dtype=np.float64) for k in ("mean1", "scale1", "coef1", "mean2", "scale2", "coef2")}
    return OfftopicModel(arr["mean1"], arr["scale1"], arr["coef1"], float(raw["bias1"]), arr["mean2"],
                         arr["scale2"], arr["coef2"], float(raw["bias2"]), float(raw["threshold"]))


@dataclass(frozen=True)
class Layout:
    """A page's lines split into segments by the rules' chrome lines, and its main block."""

    segments: list[tuple[int, int]]
    """Maximal runs ``[i, j)`` of non-chrome lines."""
    core: tuple[int, int]
    """The segment with the most prose characters; (0, 0) when the page has none worth the name."""
    core_chars: int
    total_chars: int


def main_block(sizes: Sequence[int], prose: Sequence[bool], chrome: set[int]) -> Layout:
    """The segments between chrome lines and the one holding the most prose characters."""
    n = len(sizes)
    segments: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if i in chrome:
            i += 1
            continue
        j = i
        while j < n and j not in chrome:
            j += 1
        segments.append((i, j))
        i = j
    best, best_chars = (0, 0), 0
    for a, b in segments:
        chars = sum(sizes[k] for k in range(a, b) if prose[k])
        if chars > best_chars:
            best, best_chars = (a, b), chars
    if best_chars < MIN_CORE_CHARS:
        best = (0, 0)
    # The whole segment is the main block: its short lines between or around the prose (a reference
    # list, an agenda, a table) are the document's as often as not.
    return Layout(segments, best, best_chars, sum(sizes))


def profile_of(lines: Sequence[Line], layout: Layout, sizes: Sequence[int],
               prose: Sequence[bool], pairs: PairCache) -> tuple[Counter[str], float]:
    """The main block's vocabulary (in how many of its lines, the first PROFILE_CHARS characters, each
    character pair occurs) and the page's own yardstick for "on topic": the median share of a core
    prose line's pairs found in another core line."""
    a, b = layout.core
    profile: Counter[str] = Counter()
    profiled: list[int] = []
    taken = 0
    for k in range(a, b):
        if taken >= PROFILE_CHARS:
            break
        profile.update(pairs(k))
        profiled.append(k)
        taken += sizes[k]
    shares = []
    for k in [k for k in profiled if prose[k]][:12]:
        mine = pairs(k)
        if mine:
            shares.append(sum(1 for q in mine if profile[q] > 1) / len(mine))
    return profile, float(np.median(shares)) if shares else 0.0


def candidates(lines: Sequence[Line], layout: Layout, chrome: set[int], profile: Counter[str],
               guarded: Callable[[str], bool], pairs: PairCache,
               pagers: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """The lines the model weighs: non-chrome lines outside the main block, where the main block takes
    in the segments next to it whose vocabulary it shares (ON_TOPIC_SHARE: a report's other pages
    after a pager, its text after a table) and keeps the HEAD_KEEP lines just above it (title,
    dateline); a line that shares ON_TOPIC_SHARE of its pairs with the main block, or is ``guarded``
    (names the document's genre), or is a table's row (cells set apart by ``|``, tabs or wide spaces:
    a document's own figures), is never weighed."""
    outside = candidates_by_shape(lines, layout, chrome, guarded)
    if not outside:
        return []
    segments = layout.segments
    at = segments.index(layout.core)
    lo = hi = at

    def joins(segment: tuple[int, int], gap: range) -> bool:
        """On topic, or the next page of the text after a pager (共9页 上一页 1 2 下一页)."""
        return any(k in pagers for k in gap) or _segment_share(segment, profile, pairs) >= ON_TOPIC_SHARE

    while lo > 0 and joins(segments[lo - 1], range(segments[lo - 1][1], segments[lo][0])):
        lo -= 1
    while hi + 1 < len(segments) and joins(segments[hi + 1], range(segments[hi][1], segments[hi + 1][0])):
        hi += 1
    start, end = segments[lo][0], segments[hi][1]
    above = [i for i in range(start) if i not in chrome][-HEAD_KEEP:] if HEAD_KEEP else []
    return [i for i in outside if not (start <= i < end or i in above
                                       or _share(pairs(i), profile) >= ON_TOPIC_SHARE)]


def candidates_by_shape(lines: Sequence[Line], layout: Layout, chrome: set[int],
                        guarded: Callable[[str], bool]) -> list[int]:
    """The non-chrome lines outside the main block's segment that are not ``guarded`` and not a table's
    row: a superset of :func:`candidates` that needs no vocabulary (most pages stop here)."""
    a, b = layout.core
    if a == b:
        return []
    out = []
    for i in [*range(a), *range(b, len(lines))]:
        if i in chrome:
            continue
        text = lines[i].text
        if not (guarded(text) or _TABLE_ROW.search(text) or _figures_row(text)):
            out.append(i)
    return out


TOPIC_LINES = 3
"""A character pair in at least this many of the main block's lines is one of its topic's."""
_FIGURE = re.compile(r"[-+]?\d[\d.,，%‰]*")


def _figures_row(text: str) -> bool:
    """A row of figures (卫生1 380.6 419, 类别 件数 比率 aside): two or more numbers, at most one other cell."""
    cells = text.split()
    figures = sum(1 for cell in cells if _FIGURE.fullmatch(cell))
    return figures >= 2 and figures >= len(cells) - 1


ON_TOPIC_SHARE = 0.5
"""A line or segment with at least this share of its character pairs in the main block is on topic."""
HEAD_KEEP = 3
"""The non-chrome lines just above the main block (title, dateline, author) are never weighed."""


def _segment_share(segment: tuple[int, int], profile: Counter[str], pairs: PairCache) -> float:
    union: set[str] = set()
    for k in range(*segment):
        union |= pairs(k)
    return _share(union, profile)


class PairCache:
    """The character pairs of a page's lines (letters, digits and Han; punctuation and space dropped),
    each line's computed once."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.cache: dict[int, set[str]] = {}

    def __call__(self, k: int) -> set[str]:
        got = self.cache.get(k)
        if got is None:
            got = self.cache[k] = _pairs(self.lines[k].text)
        return got


def _pairs(text: str) -> set[str]:
    squeezed = _PAIR_TEXT.sub("", text)
    return set(map(operator.add, squeezed, squeezed[1:]))


def _share(pairs: set[str], other: set[str] | Counter[str]) -> float:
    if not pairs:
        return 0.0
    return sum(1 for p in pairs if p in other) / len(pairs)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class PageView:
    """What the features read of one page: its lines, the rules' evidence and decisions, and (HTML) the
    blocks' structure."""

    lines: list[Line]
    evidence: dict[int, LineEvidence]
    chrome: set[int]
    facts: Sequence[BlockFacts] | None = None
    tokens: list[tuple[str, ...]] | None = None
    title: str = ""
    profile: Counter[str] = field(default_factory=Counter)
    core_self: float = 0.0
    pairs: PairCache = field(init=False)

    def __post_init__(self) -> None:
        self.pairs = PairCache(self.lines)


def features(view: PageView, layout: Layout, rows: list[int], prose: Sequence[bool],
             sizes: Sequence[int]) -> np.ndarray:
    """Pass-1 features of the lines ``rows`` (all outside the main block)."""
    lines, evidence, chrome = view.lines, view.evidence, view.chrome
    n = len(lines)
    a, b = layout.core
    profile, core_self = view.profile, view.core_self
    title_pairs = _pairs(view.title)
    chrome_sorted = sorted(chrome)
    # Prefix sums: characters and chrome lines before each index.
    chars_before = [0]
    chrome_before = [0]
    for k in range(n):
        chars_before.append(chars_before[-1] + sizes[k])
        chrome_before.append(chrome_before[-1] + (k in chrome))
    segment_at = [bisect.bisect_right(layout.segments, (i, n + 1)) - 1 for i in rows]
    segment_facts: dict[int, tuple[int, int, int]] = {}
    dated: dict[int, bool] = {}
    pairs_of = view.pairs
    core_path = Counter(view.tokens[k] for k in range(a, b)).most_common(1)[0][0] if view.tokens else ()

    def is_dated(k: int) -> bool:
        got = dated.get(k)
        if got is None:
            got = dated[k] = bool(_DATE.search(lines[k].text) or _TIME.search(lines[k].text))
        return got

    out = []
    for i, seg in zip(rows, segment_at):
        text = lines[i].text.strip()
        size = max(1, sizes[i])
        ev = evidence.get(i)
        before = i < a
        lo, hi = (i + 1, a) if before else (b, i)
        gap = max(0, hi - lo)
        chars_between = chars_before[max(lo, hi)] - chars_before[lo]
        chrome_between = (chrome_before[max(lo, hi)] - chrome_before[lo]) / (gap or 1)
        at = bisect.bisect_left(chrome_sorted, i)
        near = min((abs(chrome_sorted[j] - i) for j in (at - 1, at) if 0 <= j < len(chrome_sorted)), default=n)
        mine = pairs_of(i)
        sim_core = _share(mine, profile)
        # The main block's topic: pairs found in TOPIC_LINES or more of its lines (于欢, 苏银霞 in a story
        # about them), not its function words alone.
        topic = sum(1 for q in mine if profile.get(q, 0) >= TOPIC_LINES)
        neighbours = [k for k in (i - 1, i + 1) if 0 <= k < n and k not in chrome]
        sim_nb = max((_jaccard(mine, pairs_of(k)) for k in neighbours), default=0.0)
        sa, sb = layout.segments[seg] if seg >= 0 and layout.segments[seg][1] > i else (i, i + 1)
        if seg not in segment_facts:
            segment_facts[seg] = (chars_before[sb] - chars_before[sa], sb - sa,
                                  sum(sizes[k] for k in range(sa, sb) if prose[k]))
        seg_chars, seg_lines, seg_prose = segment_facts[seg]
        window = range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
        wsizes = [sizes[k] for k in window]
        wmean = sum(wsizes) / len(wsizes)
        wstd = math.sqrt(sum((v - wmean) ** 2 for v in wsizes) / len(wsizes))
        shorts = [v < 20 for v in wsizes]
        alternation = sum(1 for x, y in zip(shorts, shorts[1:]) if x != y) / max(1, len(shorts) - 1)
        facts = view.facts[i] if view.facts else None
        out.append([
            math.log1p(size), float(prose[i]), *_text_shape(text, size), float(bool(ev is not None and ev.heading)),
            float(bool(ev is not None and ev.phrases)),
            float(before), float(not before), math.log1p(gap), math.log1p(chars_between), chrome_between,
            i / max(1, n - 1), layout.core_chars / max(1, layout.total_chars), math.log1p(layout.core_chars),
            float((i - 1) in chrome or (i + 1) in chrome), math.log1p(near),
            sim_core, sim_core - core_self, _share(mine, title_pairs), _share(title_pairs, mine), sim_nb,
            float(not mine), topic / (len(mine) or 1), math.log1p(topic),
            math.log1p(seg_chars), math.log1p(seg_lines), seg_prose / max(1, seg_chars),
            wstd / (wmean or 1.0), sum(shorts) / len(shorts),
            sum(1 for k in window if is_dated(k)) / len(window),
            sum(1 for k in window if k in chrome) / len(window), alternation,
            float(facts is not None),
            *((facts.link_share, float(facts.landmark), float(facts.chrome_token), float(facts.content_token),
               float(facts.list_item), float(facts.cell)) if facts is not None else (0.0,) * 6),
            _path_share(core_path, view.tokens[i]) if view.tokens else 0.0,
        ])
    return np.asarray(out, dtype=np.float64).reshape(len(out), len(FEATURES))


@lru_cache(maxsize=1 << 14)
def _text_shape(text: str, size: int) -> tuple[float, ...]:
    """The features of a line that depend on its text alone, cached (a site's sidebar recurs on its pages)."""
    return (len(_SENTENCE.findall(text)) * 100 / size, len(_CLAUSE.findall(text)) * 100 / size,
            len(_DIGIT.findall(text)) / size, len(_LATIN.findall(text)) / size, float(bool(_DATE.search(text))),
            float(bool(_TIME.search(text))), float(bool(_COUNT.search(text))),
            float(bool(_BRACKETED_NAME.search(text))), float(bool(_ELLIPSIS.search(text))))


def _path_share(path: tuple[str, ...], mine: tuple[str, ...]) -> float:
    """How much of the main block's most common class/id path a block's path shares (1: the same container)."""
    if not path and not mine:
        return 1.0
    return len(set(path) & set(mine)) / max(1, len(set(path) | set(mine)))


HEADLINE_PROBABILITY = 0.5
"""A taken line's headline (the line above it in its segment, short, no sentence end) goes with it when
rated at least this: a teaser is taken whole or not at all."""
HEADLINE_CHARS = 60
_SENTENCE_END = tuple("。!！?？;；…")


def taken(lines: Sequence[Line], rows: list[int], p: np.ndarray, segments: list[tuple[int, int]],
          threshold: float) -> list[int]:
    """The lines rated at or above ``threshold``, each with its headline (see HEADLINE_PROBABILITY)."""
    at = dict(zip(rows, p.tolist()))
    seg_of = {k: seg for seg in segments for k in range(*seg) if k in at}
    out = {i for i in rows if at[i] >= threshold}
    for i in sorted(out):
        head = i - 1
        text = lines[head].text.strip() if head >= 0 else ""
        if (at.get(head, 0.0) >= HEADLINE_PROBABILITY and seg_of.get(head) == seg_of[i]
                and len(text) <= HEADLINE_CHARS and not text.endswith(_SENTENCE_END)):
            out.add(head)
    return sorted(out)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def pass2_matrix(x1: np.ndarray, p1: np.ndarray, rows: list[int], segments: list[tuple[int, int]]) -> np.ndarray:
    at = {r: k for k, r in enumerate(rows)}

    def p(i: int) -> float:
        k = at.get(i)
        return float(p1[k]) if k is not None else 0.0

    segment_mean = {}
    for sa, sb in segments:
        members = [p(k) for k in range(sa, sb) if k in at]
        if members:
            segment_mean[(sa, sb)] = sum(members) / len(members)
    seg_of = {k: (sa, sb) for sa, sb in segments for k in range(sa, sb)}
    around = [[p(i - 2), p(i - 1), p(i + 1), p(i + 2), segment_mean.get(seg_of.get(i, (-1, -1)), p(i))]
              for i in rows]
    return np.hstack([x1, np.asarray(around, dtype=np.float64).reshape(len(rows), len(PASS2))])


def probabilities(x1: np.ndarray, rows: list[int], segments: list[tuple[int, int]],
                  m: OfftopicModel | None = None) -> np.ndarray:
    if not rows:
        return np.zeros(0)
    m = m or model()
    p1 = _sigmoid(((x1 - m.mean1) / m.scale1) @ m.coef1 + m.bias1)
    x2 = pass2_matrix(x1, p1, rows, segments)
    return _sigmoid(((x2 - m.mean2) / m.scale2) @ m.coef2 + m.bias2)
