"""A name no ordinary text writes, repeated on the page where no slot or offer word stands beside it: a
hacked page substitutes its brand for the institution's name (or glues it into sentences) wherever the
name stood, so the brand recurs, and every occurrence is the injection (``市[澳门新葡澳京7906]集团开展…``,
``市直[澳门新葡澳京7906]系统离退休人员``). Read after the extent model on the spam view's text (lower-cased,
simplified), so no trainer's input moves.

A repeated string is a candidate when it is REPEAT_MIN_CHARS to REPEAT_MAX_CHARS long, holds two Han
characters or more, occurs REPEAT_MIN_COUNT times or more, scores NAME_PROBABILITY by itself, and is a
name: Latin letters glued to Han, or a pair of Han characters ordinary text never writes. Not a
candidate: a name ending in an institution's or a unit's word (:func:`.institution_slot.institution_name`:
潮州同乡会, …集团, …大学), everyday reduplicated words and a person named by kin (小花妈妈), and a name the page itself defines: an
occurrence glued after a naming word (``娱乐公司JK娱乐``, ``名为…``) or before a gloss in brackets that
holds a year or a Latin spelling (``JK娱乐(2011年至2014年)``), or half of whose occurrences open a
clause: an encyclopaedia's or a news page's subject.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from scrapegate.checks.textnorm import HAN_CHARS, han_count
from scrapegate.rules.spam import extent, institution_slot, learned, model
from scrapegate.rules.spam.spans import SpanIndex

REPEAT_MIN_COUNT = 3
REPEAT_MIN_CHARS = 3
REPEAT_MAX_CHARS = 16
NAME_PROBABILITY = 0.9
"""The scorer's probability for the name alone (spam18's repeated-name probe on train/dev: brands of
hacked pages score 0.93-0.999; clean names repeated on clean train/dev texts up to 0.96 (小花妈妈,
an everyday word), so the name tests below carry the rest)."""

_NAME_CHAR = re.compile(f"[a-z0-9{HAN_CHARS}]")
_NAME_PIECE = re.compile(f"[a-z0-9{HAN_CHARS}()]+")
_LATIN_AND_HAN = re.compile(f"[a-z].*[{HAN_CHARS}]|[{HAN_CHARS}].*[a-z]", re.S)
_PERSON_END = re.compile(f"([{HAN_CHARS}])\\1$")
"""A name ending in a reduplicated word names a person by kin or pet name (小花妈妈, 豆豆爸爸, 王家宝宝)."""
_NAMING_BEFORE = re.compile("(?:公司|品牌|组合|乐队|团体|工作室|名为|名叫|叫做|称为|简称|又称|即)$")
_CLAUSE_OPENERS = frozenset("\n,,。;;!!??:: \t")
_GLOSS_AFTER = re.compile(r"[(（][^()（）\n]{0,24}(?:\d{4}|[a-z]{3})")


REPEAT_BLOCK = 1 << 16
"""Positions whose trigram keys or pair classes are made at once by :func:`_repeated_strings` (a long
text's per-position arrays are built a block at a time, not as whole-text temporaries)."""


def _trigram_keys(cp: np.ndarray) -> np.ndarray:
    """Each position's trigram as one int64 (21 bits a code point); ``cp`` holds its trigrams' code
    points (two more than the keys)."""
    keys = cp[:-2].astype(np.int64)
    keys <<= 42
    keys |= cp[1:-1].astype(np.int64) << 21
    keys |= cp[2:]
    return keys


def _in_long_runs(ranked: np.ndarray) -> np.ndarray:
    """Per entry of sorted keys, whether its key occurs REPEAT_MIN_COUNT times or more: some
    REPEAT_MIN_COUNT consecutive entries that hold it are equal (the first and last of them)."""
    later = REPEAT_MIN_COUNT - 1
    same = ranked[:-later] == ranked[later:]  # entries i .. i + later hold one key
    out = np.zeros(len(ranked), dtype=bool)
    for k in range(REPEAT_MIN_COUNT):
        out[k:k + len(same)] |= same
    return out


def _hot_positions(cp: np.ndarray) -> np.ndarray:
    """Whether each position's trigram occurs REPEAT_MIN_COUNT times or more, read on the keys in
    sorted order (no inverse index and counts, as ``np.unique`` makes). A text longer than
    REPEAT_BLOCK positions has its keys sorted in place, the recurring ones kept, and each block of
    positions' keys made again and looked up among them: no whole-text array but the sorted keys."""
    size = len(cp) - 2
    hot = np.zeros(size, dtype=bool)
    if size <= REPEAT_BLOCK:
        keys = _trigram_keys(cp)
        order = np.argsort(keys)
        hot[order] = _in_long_runs(keys[order])
        return hot
    ranked = np.empty(size, dtype=np.int64)
    for a in range(0, size, REPEAT_BLOCK):
        ranked[a:a + REPEAT_BLOCK] = _trigram_keys(cp[a:a + REPEAT_BLOCK + 2])
    ranked.sort()
    later = REPEAT_MIN_COUNT - 1
    recurring = ranked[later:][ranked[:-later] == ranked[later:]]
    del ranked
    if len(recurring):
        last = len(recurring) - 1
        for a in range(0, size, REPEAT_BLOCK):
            keys = _trigram_keys(cp[a:a + REPEAT_BLOCK + 2])
            hot[a:a + REPEAT_BLOCK] = recurring.take(np.minimum(np.searchsorted(recurring, keys), last)) == keys
    return hot


_PAIR_CLASS = extent.han_chars(np.arange(0x110000, dtype=np.uint32)).astype(np.int8)
_PAIR_CLASS[[ord(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789()"]] = 2
"""Per code point: 1 Han (:func:`.extent.han_chars`), 2 a Latin letter, a digit or a bracket, 0 else; a pair
whose classes add up to 3 is a Han character beside one of the others."""


def _name_pairs(cp: np.ndarray) -> np.ndarray:
    """Per position but the last, whether a pair a name is told by starts there: a Han pair ordinary text
    never writes, or a Han character beside a Latin letter, a digit or a bracket (:func:`_is_name`), a
    block at a time."""
    out = np.zeros(max(len(cp) - 1, 0), dtype=bool)
    for a in range(0, len(cp) - 1, REPEAT_BLOCK):
        block = cp[a:a + REPEAT_BLOCK + 1]
        kind = _PAIR_CLASS.take(block)
        out[a:a + len(block) - 1] = ((kind[:-1] + kind[1:]) == 3) | extent.unordinary_han_pair_starts(block, kind == 1)
    return out


def _repeated_strings(text: str, cp: np.ndarray | None = None) -> list[str]:
    """Strings of name characters that occur REPEAT_MIN_COUNT times or more, each as long as its
    occurrences agree (a run of positions whose trigram recurs that often), by numpy over the text's
    trigrams, REPEAT_BLOCK positions at a time. ``cp``: the text's :func:`.model.code_points`, when the
    caller has them (read only)."""
    n = len(text)
    if n < REPEAT_MIN_CHARS * REPEAT_MIN_COUNT:
        return []
    if cp is None:
        cp = model.code_points(text)
    hot = _hot_positions(cp)
    if not hot.any():
        return []
    # A run of recurring text with no pair a name is told by is the prose's own phrase (the same
    # sentence in a feed, a table's header), read no further. A run of recurring positions holds such a
    # pair when one starts at one of its positions or right after its last (the run's trigrams cover it).
    pairs = _name_pairs(cp)
    marked = hot & (pairs[:-1] | pairs[1:])
    if not marked.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], hot.view(np.int8), [0]))))
    del hot
    firsts, ends = edges[::2], edges[1::2]
    keep = np.unique(np.searchsorted(firsts, np.flatnonzero(marked), side="right") - 1)  # runs holding one
    # each piece is the longest text its trigrams share (the same piece at every occurrence: read once);
    # a name inside it stops at a non-name character
    pieces = {text[a:b + 2] for a, b in zip(firsts[keep].tolist(), ends[keep].tolist())}
    return sorted({name for piece in pieces for name in _NAME_PIECE.findall(piece)
                   if REPEAT_MIN_CHARS <= len(name) <= REPEAT_MAX_CHARS})


NAMES_CACHED = 1 << 14
"""Repeated strings whose name test is kept: a site's pages repeat the same phrases (its name, its
sections' names), each tested on every page."""


def _is_name(name: str, sc: model.ClauseScorer) -> bool:
    if sc is model.scorer():  # the shipped scorer's answers are kept: a pure function of the string
        return _is_shipped_name(name)
    return _name_test(name, sc)


@lru_cache(maxsize=NAMES_CACHED)
def _is_shipped_name(name: str) -> bool:
    return _name_test(name, model.scorer())


def _name_test(name: str, sc: model.ClauseScorer) -> bool:
    # the name test first: most repeated strings of a page are its prose's words, which it refuses
    return (han_count(name) >= 2
            and (bool(_LATIN_AND_HAN.search(name)) or extent.unordinary_han_pairs(name) > 0)
            and not institution_slot.institution_name(name) and not learned._everyday_words(name)
            and not _PERSON_END.search(name) and sc.probability(name) >= NAME_PROBABILITY)


def _defined(text: str, name: str, starts: list[int]) -> bool:
    """The page defines the name (a naming word before it, a gloss after it) or writes it as its
    subject: half of its occurrences or more open a clause (a news page on a firm, ``,PP体育已与…续约``,
    ``PP体育此前…``), where a brand put in an institution's place stands inside the name it replaced
    (``市[X]集团``, ``市直[X]系统``)."""
    if any(_NAMING_BEFORE.search(text, max(0, at - 3), at) or _GLOSS_AFTER.match(text, at + len(name))
           for at in starts):
        return True
    return 2 * sum(not at or text[at - 1] in _CLAUSE_OPENERS for at in starts) >= len(starts)


def repeated_names(text: str, taken: list[tuple[int, int]],
                   cp: np.ndarray | None = None) -> list[tuple[int, int, str]]:
    """View spans ``(start, end, name)`` of a repeated unknown name's occurrences that overlap no span
    of ``taken`` (the hits found before, view offsets), each name REPEAT_MIN_COUNT times or more
    (``cp``: the text's :func:`.model.code_points`, when the caller has them).

    >>> page = ("市澳门新葡澳京7906集团开展重阳节活动。\\n近期,市澳门新葡澳京7906集团组织离退休人员参加活动,"
    ...         "共有143名市直澳门新葡澳京7906系统离退休人员参加。")
    >>> [n for _, _, n in repeated_names(page, [])]
    ['澳门新葡澳京7906', '澳门新葡澳京7906', '澳门新葡澳京7906']
    >>> wiki = "2011年自组一人娱乐公司jk娱乐。jk娱乐(2011年至2014年)。携jk娱乐的员工签约。"
    >>> repeated_names(wiki, [])
    []
    """
    sc = model.scorer()
    taken_index = SpanIndex(taken)
    out: list[tuple[int, int, str]] = []
    for name in _repeated_strings(text, cp):
        if not _is_name(name, sc):
            continue
        starts = []
        at = text.find(name)
        while at >= 0:
            starts.append(at)
            at = text.find(name, at + len(name))
        if len(starts) < REPEAT_MIN_COUNT or _defined(text, name, starts):
            continue
        for at in starts:
            end = at + len(name)
            if (at and _NAME_CHAR.match(text[at - 1]) and text[at - 1].isascii() and name[0].isascii()
                    or end < len(text) and text[end].isascii() and _NAME_CHAR.match(text[end])
                    and name[-1].isascii()):
                continue  # inside a longer Latin token
            if not taken_index.overlaps(at, end):
                out.append((at, end, name))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for hit in out:  # two names over the same characters: the first, longest at a start, stands
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept
