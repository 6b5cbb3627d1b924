"""Is a short place name a word of its sentence, or the middle of other words (入海口, 强农惠农富农)?

The neighbourhood of a short name (four characters either side, within its run of Chinese characters)
is cut into the most probable sequence of words under a unigram model of jionlp's word counts
(``gazetteer_segment_words.tsv``, built by ``scripts/build_segment_words.py``). The name may take a
following suffix as one word counted like the name alone (陕西人, 长沙地区, 新疆自治区): the level words
its gazetteer's own names end in (省, 自治区, 县) and a small class of people and place suffixes
(``PLACE_SUFFIXES``). The name is no word of its sentence when a word of two or more characters
overlaps it without covering it from its first character (入|海口 → 入海口, 惠农 in 农惠农), unless that
word is the name between other unit names (广西南宁). A word that starts with the name (北京日报,
上海港) leaves it standing: it is the name's own compound. Single characters never cross it, so a
name the counts do not know (卓尼) stays.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from scrapegate.checks.textnorm import HAN
from scrapegate.rules import data

SEGMENT_WORDS = "gazetteer_segment_words.tsv"
TOTAL = "#total\t"  # the table's line holding the corpus total its counts are out of
REACH = 4  # characters read either side of the name
MAX_WORD = 4  # the longest word of the table
# what follows a place name as part of its own word: its people, speech, extent (陕西人, 河南话)
PLACE_SUFFIXES = ("人", "籍", "方言", "话", "地区", "境内", "全境", "一带")


class SegmentWords:
    """Word counts (``word -> count``) and the log of the corpus total they are counted in."""

    def __init__(self, counts: dict[str, int], total: int) -> None:
        self.counts = counts
        self.log_total = math.log(total)

    def best_words(self, text: str, joined: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
        """The most probable cut of ``text`` into words, as (start, end) pairs; ``joined`` adds
        spans read as one word with the given count (a name with its suffix). Unknown single
        characters count once; unknown longer spans are no word.

        >>> words = SegmentWords({"入": 50, "海": 90, "口": 80, "入海口": 30, "海口": 40}, 1000)
        >>> words.best_words("入海口", {})
        [(0, 3)]
        """
        counts = self.counts
        log_total = self.log_total
        longest = max([MAX_WORD, *(end - start for start, end in joined)])
        best = [0.0] + [-math.inf] * len(text)
        back = [0] * (len(text) + 1)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - longest), end):
                count = max(counts.get(text[start:end], 0), joined.get((start, end), 0))
                if not count:
                    if end - start > 1:
                        continue
                    count = 1
                score = best[start] + math.log(count) - log_total
                if score > best[end]:
                    best[end], back[end] = score, start
        cut = []
        end = len(text)
        while end > 0:
            cut.append((back[end], end))
            end = back[end]
        return cut[::-1]

    def may_cross(self, text: str, start: int, end: int) -> bool:
        """Is there any word of the table (two or more characters) that overlaps ``text[start:end]``
        other than one starting with it and covering it? Without one, no cut of ``text`` can put a
        word across the name, so :meth:`best_words` need not run (most short names' neighbourhoods).

        >>> words = SegmentWords({"入海口": 30, "海口": 40, "海口市": 20}, 1000)
        >>> words.may_cross("在入海口", 2, 4), words.may_cross("在海口市", 1, 3)
        (True, False)
        """
        counts = self.counts
        for word_start in range(max(0, start - MAX_WORD + 1), end):
            for word_end in range(max(word_start + 2, start + 1), min(len(text), word_start + MAX_WORD) + 1):
                if (word_start != start or word_end < end) and counts.get(text[word_start:word_end]):
                    return True
        return False


@lru_cache(maxsize=1)
def segment_words() -> SegmentWords:
    """The packaged word counts, loaded once per process (on the first short name checked)."""
    text = data.read_text(SEGMENT_WORDS)
    total_line = text.index(TOTAL)
    body = text.index("\n", total_line) + 1
    cells = text[body:].split()  # word, count, word, count ... (a word holds no white space)
    return SegmentWords(dict(zip(cells[::2], map(int, cells[1::2]))), int(text[total_line + len(TOTAL) : body]))


def suffixes_by_first(suffixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The suffixes a name may take (:func:`inside_other_words`), by their first character.

    >>> suffixes_by_first(("自治区", "地区", "区", "人"))
    {'自': ('自治区',), '地': ('地区',), '区': ('区',), '人': ('人',)}
    """
    found: dict[str, tuple[str, ...]] = {}
    for suffix in suffixes:
        found[suffix[0]] = (*found.get(suffix[0], ()), suffix)
    return found


def inside_other_words(text: str, start: int, end: int, suffixes: dict[str, tuple[str, ...]],
                       is_name: Callable[[str], bool], words: SegmentWords | None = None) -> bool:
    """Does the best cut of the name ``text[start:end]``'s neighbourhood put a word across it?
    ``suffixes`` (:func:`suffixes_by_first`) may follow the name as part of its word; ``is_name``
    tells a unit's name (a word made of the name and other names, 广西南宁, is no crossing).

    >>> words = SegmentWords({"入": 50, "海": 90, "口": 80, "入海口": 30, "海口": 40, "在": 99,
    ...                       "陕": 5, "西": 70, "人": 99, "西人": 9, "陕西": 20}, 1000)
    >>> def no_name(span): return False
    >>> people = suffixes_by_first(("人",))
    >>> inside_other_words("在入海口", 2, 4, people, no_name, words), inside_other_words("陕西人", 0, 2, people, no_name, words)
    (True, False)
    """
    following = tuple(suffix for suffix in suffixes.get(text[end : end + 1], ())
                      if text.startswith(suffix, end))
    lo = max(0, start - REACH)
    hi = end + max((REACH, *map(len, following)))
    return _crossed(text[lo:hi], start - lo, end - lo, following, is_name, words or segment_words())


@lru_cache(maxsize=1 << 14)
def _crossed(text: str, start: int, end: int, following: tuple[str, ...], is_name: Callable[[str], bool],
             words: SegmentWords) -> bool:
    """:func:`inside_other_words` on the only characters it reads around the name, ``following``
    being the suffixes that follow it; cached, as the same name recurs in the same words (县人民政府)
    within a document and across a batch."""
    lo = start
    while lo > 0 and start - lo < REACH and HAN.match(text, lo - 1):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < REACH and HAN.match(text, hi):
        hi += 1
    own = max(words.counts.get(text[start:end], 0), 1)
    joined = {}
    for suffix in following:
        joined[(start - lo, end - lo + len(suffix))] = own
        hi = max(hi, end + len(suffix))
    window = text[lo:hi]
    name_start, name_end = start - lo, end - lo
    if not words.may_cross(window, name_start, name_end):
        return False
    for word_start, word_end in words.best_words(window, joined):
        if (word_end - word_start < 2 or word_end <= name_start or word_start >= name_end
                or (word_start == name_start and word_end >= name_end)):
            continue  # a single character, a word beside the name, or the name's own compound
        if word_start < name_start and word_end >= name_end and all(
                not part or is_name(part) for part in (window[word_start:name_start], window[name_end:word_end])):
            continue  # 广西南宁: a word made of unit names around the name (``is_name``: any unit's name)
        return True
    return False
