"""The truncation model: one logistic regression per end over the analysis's evidence.

Each end of a body is described by a fixed vector of features (:data:`FEATURES`: the signals the
analysis found, 0/1, and a few graded facts such as the share of full sentences), and
``model/weights.json`` turns it into a calibrated probability that this end was cut. The weights are
fitted by ``scripts/train_truncation.py`` (numpy, fixed seed, site-split corpus) and say how reliably
each piece of evidence holds: a genre profile's missing closing counts for what it proved on real
complete reports, not as a requirement. Inference is a dot product (numpy only).
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from importlib import resources

import numpy as np

from scrapegate.checks.textnorm import HAN_CHARS, code_points
from scrapegate.rules.boilerplate.chrome import simplify_chars
from scrapegate.rules.truncation.data import punctuation

#: Feature names per end, in the order of the weight vectors.
FEATURES: dict[str, tuple[str, ...]] = {
    "end": (
        "stops-mid-sentence", "stops-at-excerpt-mark", "stops-after-lead-in", "stops-after-heading",
        "heading-shaped-last-line", "stops-at-fragment", "sequence-unfinished", "notes-missing",
        "no-closing", "parts-missing", "pagination", "stops-mid-row", "ends-in-table",
        "closing-line", "closing-above", "genre-closing", "signed-off", "genre", "body-size", "sentence-share", "last-line-length",
        "final-paragraph-score", "table-captioned", "final-shaped", "final-length-ratio", "final-body-overlap", "final-neighbour-overlap",
        "final-digits", "unclosed", "unclosed-articled", "unclosed-sectioned", "unclosed-addressed", "articled",
        "sectioned", "addressed", "outlined", "outline-parts", "outline-last-share", "outline-sub-short",
        "final-item", "closing-part", "stops-before-closing-part", "untitled-below-cut-start", "stops-mid-figure",
    ),
    "start": (
        "opens-mid-sentence", "opens-inside-sequence", "opens-with-connective", "opens-mid-paragraph",
        "no-opening", "later-page", "opening-line", "title-lines", "genre", "body-size", "sentence-share",
        "sentence-start-score", "first-paragraph-score", "unusual-sentence-start", "opening-length-ratio",
        "title-shaped-line", "opens-mid-word", "opens-above-gap", "untitled-above-cut-end", "unindented-text-start",
        "opens-mid-row",
    ),
}

#: Signals that make an end reportable only from the model's score-only threshold: evidence of the
#: body's shape, which complete texts show too, unlike a broken sentence, and the other end's cut read
#: as a sign of this one (an untitled passage that lost its beginning; pages that lost only that are many).
SCORE_ONLY = frozenset({"no-ending", "untitled-opening", "unusual-sentence-start", "ends-in-table", "untitled-below-cut-start",
                        "unindented-text-start"})


_SKIP = set(" \t\u3000\xa0")
SCORE_CLIP = 3.0
WORD_CLIP = 6.0
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
_LEADING_SKIP = " \t\u3000\xa0“「『《（(【"
EDGE_CHARS = 120


_SKIPPED = re.compile("[" + "".join(sorted(_SKIP)) + "]")


_FINAL_TAG = np.int64(1 << 42)
"""Set in a bigram key (first code point << 21 | second, below 2**42) of the final-paragraph table."""


def _bigrams(text: str) -> list[str]:
    chars = _SKIPPED.sub("", text)
    return list(map(operator.add, chars[:-1], chars[1:]))  # each pair made in C, not by a join


@dataclass(frozen=True)
class EdgeTables:
    """Character-bigram log-ratios that say how a text's edges read (a small naive-Bayes model).

    ``start``: how much likelier a bigram is at the start of a sentence than anywhere (a body that
    opens mid-sentence opens with an ordinary mid-sentence bigram); ``first``/``final``: how much
    likelier a bigram is in a text's first / final paragraph than in any paragraph (openings read
    近日, 为进一步; closings read 下一步, 营造…氛围, 而奋斗). Unknown bigrams score 0.
    """

    start: dict[str, float]
    start_char: dict[str, float]
    first: dict[str, float]
    final: dict[str, float]
    word_char: dict[str, float]  # how much rarer a character is at the start of a word than inside one
    word_pair: dict[str, float]  # the same for a character pair (only pairs found inside words)

    def sentence_start(self, text: str) -> float:
        """The first character's start log-ratio plus the first bigram's when it is known."""
        chars = [c for c in text[:4] if c not in _SKIP]
        if not chars:
            return 0.0
        score = self.start_char.get(chars[0], 0.0)
        if len(chars) > 1:
            score += self.start.get(chars[0] + chars[1], 0.0)
        return max(-SCORE_CLIP, min(SCORE_CLIP, score)) / SCORE_CLIP

    def word_start(self, text: str) -> float:
        """How unlike the start of a word the first two Han characters are, from a lexicon's words
        (``济条…``: 济 ends 经济 and 救济, begins almost nothing), in [-1, 0]: -1 reads as the middle of
        a word, 0 as a possible word start."""
        han = _HAN_RUN.match(text.lstrip(_LEADING_SKIP))
        if han is None or len(han.group()) < 2:
            return 0.0
        pair = han.group()[:2]
        score = self.word_char.get(pair[0], 0.0) + self.word_pair.get(pair, 0.0)
        return max(-WORD_CLIP, min(0.0, score)) / WORD_CLIP

    def paragraph(self, which: str, text: str) -> float:
        """Mean log-ratio of the bigrams of a first paragraph's opening / a final paragraph's ending
        (``EDGE_CHARS`` characters: where openings and closings are worded).

        >>> tables = EdgeTables({}, {}, {"近日": 1.5, "日，": 0.5}, {}, {}, {})
        >>> tables.paragraph("first", "近日，")  # (1.5 + 0.5) / 2 bigrams, over SCORE_CLIP
        0.3333333333333333
        >>> tables.paragraph("final", "近日，"), tables.paragraph("first", "近")
        (0.0, 0.0)
        >>> tables.paragraph("first", "近日，" * 25)  # 74 bigrams: (25 × 2.0) / 74 / 3
        0.22522522522522523
        """
        return self._scores([(text, which == "final")])[0]

    def paragraphs(self, opening: str, closing: str) -> tuple[float, float]:
        """``(paragraph("first", opening), paragraph("final", closing))``, both texts' bigrams looked up
        in one pass over the two tables merged (a document's two calls paid numpy's fixed cost twice).

        >>> tables = EdgeTables({}, {}, {"近日": 1.5, "日，": 0.5}, {"而奋斗": 1.0, "奋斗": 0.9}, {}, {})
        >>> tables.paragraphs("近日，", "为之而奋斗") == (tables.paragraph("first", "近日，"),
        ...                                             tables.paragraph("final", "为之而奋斗"))
        True
        """
        return self.paragraphs_many([(opening, closing)])[0]

    def paragraphs_many(self, pairs: list[tuple[str, str]]) -> list[tuple[float, float]]:
        """:meth:`paragraphs` of each (opening, closing) pair, every text's bigrams looked up in one pass over
        the merged tables (a group of documents pays numpy's fixed costs, and the tables' reads from memory,
        once); each text's log-ratios summed alone, in text order, as :meth:`paragraphs` sums them.

        >>> tables = EdgeTables({}, {}, {"近日": 1.5, "日，": 0.5}, {"而奋斗": 1.0, "奋斗": 0.9}, {}, {})
        >>> pairs = [("近日，", "为之而奋斗"), ("近", "奋斗"), ("日，近日", "")]
        >>> tables.paragraphs_many(pairs) == [tables.paragraphs(*pair) for pair in pairs]
        True
        """
        scores = self._scores([(text, final) for pair in pairs for text, final in zip(pair, (False, True))])
        return list(zip(scores[0::2], scores[1::2]))

    def _scores(self, texts: list[tuple[str, bool]]) -> list[float]:
        """The clipped mean log-ratio of each text's edge bigrams (0 below 2 characters), each (text, final)
        read against the final table when ``final``, else the first: its ``EDGE_CHARS`` last / first
        characters. All texts' bigrams are looked up at once in the merged tables (a final text's keys carry
        :data:`_FINAL_TAG`; an untagged key finds only the first table's keys, which lie below every tagged one)."""
        keys, ratios = self._joint_index
        if not len(keys):
            return [0.0] * len(texts)
        edges = [_SKIPPED.sub("", text[-EDGE_CHARS:] if final else text[:EDGE_CHARS]) for text, final in texts]
        codes = code_points("".join(edges)).astype(np.int64)
        found = codes[:-1] << 21
        found |= codes[1:]
        bounds = np.cumsum([len(edge) for edge in edges]).tolist()
        heads = [0] + bounds[:-1]
        for (_, final), head, bound in zip(texts, heads, bounds):
            if final and bound - head >= 2:
                found[head:bound - 1] |= _FINAL_TAG
        # The pair across two texts is no bigram of either (no key is negative).
        across = [bound - 1 for bound in bounds[:-1] if 0 < bound <= len(found)]
        found[across] = -1
        # looked up in sorted order: numpy's binary search starts each key where the one before it ended
        # (half the time of a group's look-ups, the same positions)
        order = found.argsort()
        at = np.empty_like(order)
        at[order] = keys.searchsorted(found[order])
        known = keys.take(at, mode="clip") == found
        values = np.where(known, ratios.take(at, mode="clip"), 0.0).tolist()
        # each text's values summed in text order by Python's sum, as the bigram strings' log-ratios were: the same float
        return [max(-SCORE_CLIP, min(SCORE_CLIP, sum(values[head:bound - 1]) / (bound - 1 - head))) / SCORE_CLIP
                if bound - head >= 2 else 0.0 for head, bound in zip(heads, bounds)]

    @cached_property
    def _joint_index(self) -> tuple[np.ndarray, np.ndarray]:
        """:attr:`_gram_index`'s two tables as one: the final table's keys tagged by :data:`_FINAL_TAG`
        (above every untagged key, so the concatenation is sorted)."""
        (first_keys, first_ratios), (final_keys, final_ratios) = self._gram_index["first"], self._gram_index["final"]
        return np.concatenate((first_keys, final_keys | _FINAL_TAG)), np.concatenate((first_ratios, final_ratios))

    @cached_property
    def _gram_index(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per paragraph table, its bigrams as sorted integers (first code point << 21 | second) and their
        log-ratios in that order: a text's bigrams are made as integers at once and found by one
        searchsorted. Arrays, not a dict keyed by the integers: each table holds ~28,500 bigrams, and a
        dict of boxed ints and floats (~2.5 MB) is out of the processor's caches by the time the next
        document's analysis reads it. Alone and warm the dict was a little faster (15 against 17 µs for
        120 characters); in a check of all rules, where every family's tables compete for the caches, the
        arrays (0.46 MB) take 27 µs a call against the dict's 55 (process time, 300 short pages)."""
        out = {}
        for which, table in (("first", self.first), ("final", self.final)):
            grams = [gram for gram in table if len(gram) == 2]
            codes = code_points("".join(grams)).astype(np.int64)
            keys = (codes[0::2] << 21) | codes[1::2]  # distinct bigrams, distinct keys
            order = np.argsort(keys, kind="stable")
            out[which] = (keys[order], np.array([table[gram] for gram in grams], dtype=np.float64)[order])
        return out


def _log_ratios(positive: dict[str, int], overall: dict[str, int], min_count: int) -> dict[str, float]:
    n_pos, n_all = sum(positive.values()) or 1, sum(overall.values()) or 1
    vocab = len(overall) + 1
    out = {}
    for gram, total in overall.items():
        pos = positive.get(gram, 0)
        if total < min_count and pos < 2:
            continue
        out[gram] = round(math.log((pos + 0.5) / (n_pos + 0.5 * vocab)) - math.log((total + 0.5) / (n_all + 0.5 * vocab)), 3)
    return out


def build_edge_tables(documents: list[list[str]], words: tuple[dict[str, float], dict[str, float]],
                      min_count: int = 4) -> EdgeTables:
    """Count the tables from complete documents, each a list of its prose paragraphs in order;
    ``words``: the word-start tables (:func:`word_start_tables`)."""
    starts: dict[str, int] = {}
    start_chars: dict[str, int] = {}
    chars: dict[str, int] = {}
    firsts: dict[str, int] = {}
    finals: dict[str, int] = {}
    overall: dict[str, int] = {}
    breaks = punctuation().sentence_breaks
    for paragraphs in documents:
        for k, para in enumerate(paragraphs):
            for c in para:
                if c not in _SKIP:
                    chars[c] = chars.get(c, 0) + 1
            for g in _bigrams(para):
                overall[g] = overall.get(g, 0) + 1
            if k == 0:
                for g in _bigrams(para[:EDGE_CHARS]):
                    firsts[g] = firsts.get(g, 0) + 1
            if k == len(paragraphs) - 1:
                for g in _bigrams(para[-EDGE_CHARS:]):
                    finals[g] = finals.get(g, 0) + 1
            sentence_starts = [0] + [i + 1 for i, ch in enumerate(para) if ch in breaks and i + 3 <= len(para)]
            for i in sentence_starts:
                head = _bigrams(para[i:i + 4])
                if head:
                    starts[head[0]] = starts.get(head[0], 0) + 1
                    start_chars[head[0][0]] = start_chars.get(head[0][0], 0) + 1
    return EdgeTables(_log_ratios(starts, overall, min_count), _log_ratios(start_chars, chars, min_count),
                      _log_ratios(firsts, overall, min_count),
                      _log_ratios(finals, overall, min_count), *words)


WORD_CHAR_MAX = -0.5  # kept: characters at least this much rarer at a word's start than inside words
WORD_PAIR_MAX = -1.0
WORD_PAIR_MIN_COUNT = 50


def word_start_tables(lexicon: list[tuple[str, int]]) -> tuple[dict[str, float], dict[str, float]]:
    """From a lexicon's (word, frequency) entries: per character, the log-ratio of its frequency as a
    word's first character to its frequency inside words; per character pair, of its frequency as a
    word's first two characters to its frequency further inside (only pairs that are mostly inside
    words, seen often enough, are kept)."""
    first: dict[str, int] = {}
    inside: dict[str, int] = {}
    prefix: dict[str, int] = {}
    within: dict[str, int] = {}
    for word, freq in lexicon:
        if not _HAN_RUN.fullmatch(word):
            continue
        first[word[0]] = first.get(word[0], 0) + freq
        for c in word[1:]:
            inside[c] = inside.get(c, 0) + freq
        if len(word) >= 2:
            prefix[word[:2]] = prefix.get(word[:2], 0) + freq
        for i in range(1, len(word) - 1):
            within[word[i:i + 2]] = within.get(word[i:i + 2], 0) + freq
    chars = {c: round(math.log((first.get(c, 0) + 1) / (n + 1)), 3) for c, n in inside.items()}
    pairs = {p: round(math.log((prefix.get(p, 0) + 1) / (n + 1)), 3) for p, n in within.items()
             if n >= WORD_PAIR_MIN_COUNT}
    return ({c: v for c, v in sorted(chars.items()) if v <= WORD_CHAR_MAX},
            {p: v for p, v in sorted(pairs.items()) if v <= WORD_PAIR_MAX})


def edge_paragraph_texts(opening: str, closing: str) -> tuple[str, str]:
    """The opening's first and the closing's last ``EDGE_CHARS`` characters in simplified characters, as
    the edge tables were counted: the texts :meth:`EdgeTables.paragraphs` scores.

    >>> edge_paragraph_texts("近日，" * 50, "為之而奮鬥")[1]
    '为之而奋斗'
    """
    return simplify_chars(opening[:EDGE_CHARS]), simplify_chars(closing[-EDGE_CHARS:])


def edge_features(tables: EdgeTables, opening: str, closing: str, sentence: str,
                  paragraph_scores: tuple[float, float] | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """(start features, end features) read from the opening and the final paragraph's texts, and the
    opening's first characters when it is prose (``sentence``; "" for a heading or an address line).
    Texts are read in simplified characters, as the tables were counted. ``paragraph_scores``: the two
    paragraphs' :meth:`EdgeTables.paragraphs` of those texts, when a group's look-up made them."""
    folded = simplify_chars(sentence) if sentence else ""
    first, final = paragraph_scores if paragraph_scores is not None else tables.paragraphs(
        *edge_paragraph_texts(opening, closing))
    return ({"sentence-start-score": tables.sentence_start(folded) if sentence else 0.0,
             "word-start-score": tables.word_start(folded) if sentence else 0.0,
             "first-paragraph-score": first},
            {"final-paragraph-score": final})


@dataclass(frozen=True)
class Model:
    weights: dict[str, np.ndarray]
    bias: dict[str, float]
    warning: dict[str, float]  # per end, the threshold for an end with structural evidence (no hard signal)
    error: float
    score_only: dict[str, float]  # per end, the threshold for an end whose only evidence is in SCORE_ONLY
    hard: dict[str, float]  # per end, the threshold for an end with hard evidence (a broken sentence or row)
    edges: EdgeTables

    def threshold(self, where: str, hard: bool, shape_only: bool) -> float:
        """The probability from which an end is reported: calibrated apart for hard evidence, for
        structural evidence and for the body's shape alone (out of fold, under one false-alarm budget)."""
        if shape_only:
            return self.score_only[where]
        return self.hard[where] if hard else self.warning[where]

    def probability(self, where: str, features: dict[str, float]) -> float:
        names = FEATURES[where]
        x = np.array(list(map(features.get, names, repeat(0.0, len(names)))), dtype=np.float64)  # no generator frames
        z = float(np.dot(self.weights[where], x)) + self.bias[where]
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0  # math.exp overflows past 709


def load_weights(raw: dict) -> Model:
    weights, bias = {}, {}
    for where, names in FEATURES.items():
        side = raw[where]
        if tuple(side["features"]) != names:
            raise ValueError(f"truncation model: the {where} features of weights.json are not {names}")
        weights[where] = np.asarray(side["weights"], dtype=np.float64)
        bias[where] = float(side["bias"])
    edges = raw["edges"]
    thresholds = raw["thresholds"]
    warning = {where: float(thresholds["warning"][where]) for where in FEATURES}
    return Model(weights, bias, warning, float(thresholds["error"]),
                 {where: float(thresholds["score_only"][where]) for where in FEATURES},
                 {where: float(thresholds["hard"][where]) for where in FEATURES},
                 EdgeTables(edges["start"], edges["start_char"], edges["first"], edges["final"], edges["word_char"],
                            edges["word_pair"]))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (``rules/truncation/model/weights.json``)."""
    folder = resources.files("scrapegate.rules.truncation").joinpath("model")
    raw = json.loads(folder.joinpath("weights.json").read_text(encoding="utf-8"))
    raw["edges"] = json.loads(folder.joinpath("edges.json").read_text(encoding="utf-8"))
    return load_weights(raw)
