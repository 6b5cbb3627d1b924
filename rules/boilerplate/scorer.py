"""The learned line scorer: the probability that a line is site chrome, from its shape and neighbourhood.

The phrase, position and recurrence rules of :mod:`scrapegate.rules.boilerplate.chrome` find chrome
that says what it is (当前位置, 版权所有, 上一篇). Site templates nobody wrote a phrase for (a portal's
tab labels, a forum's member panel, a wiki's tagline, a news site's teaser list) share a shape instead:
short lines without sentence marks, digits and dates, separators, runs of such lines at the edges of
the page, lines that recur in the batch. Two logistic regressions weigh those features:

* pass 1 scores every candidate line from its own features and its neighbours' (:data:`FEATURES`);
* pass 2 adds the pass-1 probabilities of the two lines before and after it, so a run of chrome
  lines lifts its members and a lone short line between paragraphs stays body.

Weights (``rules/data/boilerplate_line_model.json``) are trained by ``scripts/train_chrome.py`` on the
train and dev pages of the labelled chrome corpora recorded in ``scripts/chrome_trained_pages.txt``
(``bench/corpora/chrome.jsonl``'s shared-corpus and HTML-dataset pages, ``chrome_gne``, ``chrome_html2``, and the
search-tool lists whose texts were on the machine: ``chrome_fresh9`` and ``chrome_fresh10`` since session 26),
deterministically; inference
is numpy only. The rules' decisions are an input
feature and are never undone: the model only adds chrome, and only lines that touch chrome (blocks grow)
or runs of likely lines, never an HTML block the markup places in the page's running text (its element
shares its parent with a paragraph of it: ``chrome._mark_placed``) nor a line whose shape or place makes it the
text's own (``chrome.scorer_may_add``: table rows, signature dates, ...), at a threshold chosen out of fold over
several site-fold assignments. A threshold of 1 or more switches the scorer off (no candidate is weighed): the training found no
threshold at which its additions were precise enough.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np

from scrapegate.rules import data

if TYPE_CHECKING:
    from scrapegate.rules.boilerplate.chrome import LineEvidence

MODEL_FILE = "boilerplate_line_model.json"
CANDIDATE_MAX_CHARS = 80
"""Lines longer than this (stripped, in characters) are never scored: body paragraphs and long
disclaimers are the rules' business. Keeps the scorer's cost to the short lines of a page."""

GROW_LINES = 6
"""The scorer extends a rules' chrome block by at most this many lines each way."""

ADD_MAX_CHARS = 20
"""The scorer adds only lines with fewer content characters than this (menu items, labels, link titles):
on held-out site folds its longer additions (a timetable row, a comment, a teaser) were body as often
as chrome. Longer chrome is the rules' business."""

RUN_LINES = 3
"""A run of at least this many adjacent likely lines is chrome without touching the rules' chrome (a
portal's menu, a related-articles list nobody wrote a phrase for); shorter runs must touch chrome."""

_KIND_GROUPS = (
    ("navigation", "breadcrumb", "sitemap", "accessibility"),
    ("metadata",),
    ("share", "print", "qrcode"),
    ("copyright", "disclaimer", "contact", "address"),
    ("comment", "account"),
    ("related", "pagination"),
)
_KIND_SETS = tuple(frozenset(group) for group in _KIND_GROUPS)
_NO_KINDS = (0.0,) * len(_KIND_GROUPS)
_SEPARATORS = re.compile(r"[|｜>»›/·•▪■◆→]|&gt;")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile("[\u3400-\u9fff]")
SENTENCE_END = tuple("。!！?？;；…")
"""What a sentence ends with (a line ending so is prose, not a menu item or a label)."""
_DATE = re.compile(r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}")
_LABELLED = re.compile(r"^\s*[^\s:：]{1,8}\s*[:：]")
_BRACKETED = re.compile(r"^\s*[【\[［(（<《].{0,12}[】\]］)）>》]\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_COUNTER = re.compile(r"\d+\s*(?:次|人|条|則|条评论|評|评|瀏覽|浏览|閱讀|阅读|收藏|點讚|点赞|回复|回覆|查看)")

_BULLET = re.compile(r"^\s*[·•●▪◆■□○◇※*#>\-]")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|>>|»)\s*$")
_TRAILING_COUNT = re.compile(r"[(（\[［]\s*[\d\-/:. ]{2,20}\s*[)）\]］]\s*$")
_SPACED_TOKENS = re.compile(r"\S+")

OWN = ("log_chars", "tiny", "short", "prose", "sentence_end", "punct_share", "digit_share", "latin_share",
       "han_share", "date", "url", "counter", "symbols_only", "labelled", "separators", "tokens", "short_tokens", "bracketed", "heading",
       "strong", "weak", "coverage", *(f"kind_{g[0]}" for g in _KIND_GROUPS), "rule_chrome", "head_zone",
       "tail_zone", "no_prose", "to_first_prose", "from_last_prose", "mean_token", "position", "near_start", "near_end", "recurring", "log_freq",
       "bullet", "ellipsis_end", "trailing_count", "colon_end", "menu_tokens",
       "html", "link_share", "all_link", "landmark", "chrome_token", "content_token", "list_item", "cell",
       "before_long")
NEIGHBOUR = ("short", "prose", "rule_chrome", "strong", "date", "recurring", "link_share", "menu_tokens")
FEATURES = (*OWN, *(f"prev_{f}" for f in NEIGHBOUR), *(f"next_{f}" for f in NEIGHBOUR),
            "run_short_before", "run_short_after", "to_rule_chrome")
"""Pass-1 feature names, in matrix column order."""
PASS2 = ("p_prev2", "p_prev", "p_self", "p_next", "p_next2")
"""Pass-2 features added to pass 1's: the pass-1 probabilities around the line."""


@dataclass(frozen=True)
class LineModel:
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
def line_model() -> LineModel:
    raw = data.read_json(MODEL_FILE)
    if tuple(raw["features"]) != FEATURES or tuple(raw["pass2"]) != PASS2:
        raise ValueError(f"{MODEL_FILE} was trained on other features: retrain with scripts/train_chrome.py")
    arr = {k: np.asarray(v, dtype=np.float64) for k, v in raw.items()
           if k in ("mean1", "scale1", "coef1", "mean2", "scale2", "coef2")}
    return LineModel(arr["mean1"], arr["scale1"], arr["coef1"], float(raw["bias1"]),
                     arr["mean2"], arr["scale2"], arr["coef2"], float(raw["bias2"]), float(raw["threshold"]))


@dataclass(frozen=True)
class BlockFacts:
    """What an HTML page's structure says about one block (all zero for plain text)."""

    link_share: float = 0.0
    landmark: bool = False
    chrome_token: bool = False
    content_token: bool = False
    list_item: bool = False
    cell: bool = False
    before_long: bool = False
    """Before the page's first long paragraph (where site navigation sits)."""


_TEXT = BlockFacts()


class PageFacts(Protocol):
    """The blocks' facts of an HTML page by line index (a list, or made on demand)."""

    def __len__(self) -> int: ...

    def __getitem__(self, i: int) -> BlockFacts: ...


@lru_cache(maxsize=1 << 15)
def _text_shape(text: str, content: int) -> tuple[float, ...]:
    """The features of a line that depend on its text alone, cached (template lines recur)."""
    size = len(text) or 1
    digits = len(_DIGIT.findall(text))
    latin = len(_LATIN.findall(text))
    han = len(_HAN.findall(text))
    tokens = text.split()
    return (
        float(text.endswith(SENTENCE_END)), (size - content) / size, digits / (content or 1),
        latin / (content or 1), han / (content or 1), float(_DATE.search(text) is not None),
        min(1.0, sum(len(u) for u in _URL.findall(text)) / size), math.log1p(len(_COUNTER.findall(text))),
        float(_LABELLED.match(text) is not None), math.log1p(len(_SEPARATORS.findall(text))),
        math.log1p(len(tokens)), float(len(tokens) >= 3 and all(len(t) <= 6 for t in tokens)),
        float(_BRACKETED.match(text) is not None),
        math.log1p(sum(len(t) for t in tokens) / (len(tokens) or 1)),
        float(_BULLET.match(text) is not None), float(_ELLIPSIS_END.search(text) is not None),
        float(_TRAILING_COUNT.search(text) is not None), float(text.endswith((":", "："))),
        float(len(tokens) >= 3 and sum(len(t) <= 4 for t in tokens) >= 0.7 * len(tokens)),
    )


def _own_features(ev: LineEvidence | None, i: int, n: int, first: int, last: int,
                  facts: BlockFacts | None) -> list[float]:
    if ev is None:
        return [0.0] * len(OWN)
    content = ev.content_chars
    (sentence_end, punct, digit, latin, han, date, url, counter, labelled, separators, tokens, short_tokens,
     bracketed, mean_token, bullet, ellipsis, trailing, colon, menu) = _text_shape(ev.text, content)
    kinds = {p.kind for p in ev.phrases}
    strong = sum(1 for p in ev.phrases if p.weight >= 2)
    f = facts or _TEXT
    return [
        math.log1p(content), float(content <= 4), float(content < 20), float(ev.prose),
        sentence_end, punct, digit, latin, han, date, url, counter, float(content == 0),
        labelled, separators, tokens, short_tokens, bracketed, float(ev.heading),
        float(strong), float(len(ev.phrases) - strong), ev.coverage,
        *((float(not kinds.isdisjoint(group)) for group in _KIND_SETS) if kinds else _NO_KINDS),
        float(ev.chrome), float(first >= 0 and i < first), float(last >= 0 and i > last), float(first < 0),
        math.log1p(first - i) if 0 <= i < first else 0.0, math.log1p(i - last) if 0 <= last < i else 0.0,
        mean_token, i / max(1, n - 1), float(i < 3), float(i >= n - 3), float(ev.recurring),
        math.log1p(ev.frequency), bullet, ellipsis, trailing, colon, menu,
        float(facts is not None), f.link_share, float(f.link_share >= 0.95), float(f.landmark),
        float(f.chrome_token), float(f.content_token), float(f.list_item), float(f.cell), float(f.before_long),
    ]


_NEIGHBOUR_AT = tuple(OWN.index(f) for f in NEIGHBOUR)
_LOG1P = tuple(math.log1p(k) for k in range(7))
_SHORT = OWN.index("short")
_PROSE = OWN.index("prose")


def feature_matrix(evidence: dict[int, LineEvidence], candidates: list[int], n: int, first: int,
                   last: int, facts: PageFacts | None = None) -> np.ndarray:
    """Pass-1 features of the candidate lines (indexes into the document's non-blank lines); ``facts``
    are the blocks' structure on an HTML page, one per line."""
    own: dict[int, list[float]] = {}
    rule_chrome = sorted(i for i, ev in evidence.items() if ev.chrome)

    def row(i: int) -> list[float]:
        if i not in own:
            own[i] = _own_features(evidence.get(i), i, n, first, last, facts[i] if facts else None)
        return own[i]

    def to_rule_chrome(i: int) -> float:
        if not rule_chrome:
            return math.log1p(n)
        k = bisect.bisect_left(rule_chrome, i)
        near = min(abs(rule_chrome[j] - i) for j in (k - 1, k) if 0 <= j < len(rule_chrome))
        return math.log1p(near)

    shortish: dict[int, bool] = {}

    def short_run(i: int, step: int) -> float:
        """Short non-prose analysed lines in a row before (step -1) or after (+1) the line, at most 6."""
        count, j = 0, i + step
        while 0 <= j < n and count < 6:
            short = shortish.get(j)
            if short is None:
                ev = evidence.get(j)
                short = shortish[j] = ev is not None and ev.content_chars < 20 and not ev.prose
            if not short:
                break
            count += 1
            j += step
        return _LOG1P[count]

    rows = []
    for i in candidates:
        prev, nxt = row(i - 1) if i > 0 else None, row(i + 1) if i + 1 < n else None
        rows.append([*row(i),
                     *([prev[k] for k in _NEIGHBOUR_AT] if prev else [0.0] * len(NEIGHBOUR)),
                     *([nxt[k] for k in _NEIGHBOUR_AT] if nxt else [0.0] * len(NEIGHBOUR)),
                     short_run(i, -1), short_run(i, 1), to_rule_chrome(i)])
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def pass2_matrix(x1: np.ndarray, p1: np.ndarray, candidates: list[int]) -> np.ndarray:
    """Pass-1 features plus the pass-1 probabilities two lines either side (0 for non-candidates)."""
    at = {c: k for k, c in enumerate(candidates)}
    # Index len(candidates) reads the 0.0 appended for a line that is no candidate.
    padded = np.append(np.asarray(p1, dtype=np.float64), 0.0)
    none = len(candidates)
    index = np.asarray([[at.get(i + d, none) for d in (-2, -1, 0, 1, 2)] for i in candidates],
                       dtype=np.intp).reshape(len(candidates), len(PASS2))
    return np.hstack([x1, padded[index]])


def probabilities(x1: np.ndarray, candidates: list[int], model: LineModel | None = None) -> np.ndarray:
    """Pass-2 chrome probabilities of the candidate lines."""
    if not candidates:
        return np.zeros(0)
    model = model or line_model()
    p1 = _sigmoid(((x1 - model.mean1) / model.scale1) @ model.coef1 + model.bias1)
    x2 = pass2_matrix(x1, p1, candidates)
    return _sigmoid(((x2 - model.mean2) / model.scale2) @ model.coef2 + model.bias2)
