"""Is a short place name a word of its sentence, or the middle of other words (入海口, 强农惠农富农)?

The neighbourhood of a short name (four characters either side, within its run of Chinese characters)
is cut into the most probable sequence of words under a unigram model of jionlp's word counts
(``gazetteer_segment_words.tsv``, built by ``scripts/build_segment_words.py``). The name may take a
following suffix as one word counted like the name alone (陕西人, 长沙地区, 新疆自治区): the level words
its gazetteer's own names end in (省, 自治区, 县) and a small class of people and place suffixes
(``PLACE_SUFFIXES``). The name is no word of its sentence when a word of two or more characters
overlaps it without covering it from its first character (入|海口 → 入海口, 惠农 in 农惠农), unless that
word is the name between other unit names (广西南宁). A word that starts with the name (北京日报,
上海港) leaves it standing: it is the name's own compound, when what follows the name in it follows
many unit names in the table's words (日报, 港, 队, 省委: :func:`own_compound_rests`) or the word is
rare beside the name. A word the name mostly lives in, with a rest no other place takes (多伦多, 三明治,
大理石, 黄梅戏, 乌兰巴托, 南华早报: at least ``COMPOUND_SHARE`` of the name's own count), is a word of its
own, a foreign place, a thing or a product named after the place: the name is inside it. Single
characters never cross the name, so a name the counts do not know (卓尼) stays.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import lru_cache

from scrapegate.checks.textnorm import HAN
from scrapegate.rules import data

SEGMENT_WORDS = "gazetteer_segment_words.tsv"
TOTAL = "#total\t"  # the table's line holding the corpus total its counts are out of
REACH = 4  # characters read either side of the name
MAX_WORD = 4  # the longest word of the table
# what follows a place name as part of its own word: its people, speech, extent (陕西人, 河南话)
PLACE_SUFFIXES = ("人", "籍", "方言", "话", "地区", "境内", "全境", "一带")
# a compound's rest that follows at least this many unit names in the table's words is a place's own
# (港 17, 日报 15, 医院 6, 机场 5); rests after fewer are some word's (戏, 巴托, 仪器, 群岛 4)
OWN_REST_NAMES = 5
# a compound with another rest at least this share of its name's count holds the name as its part
# (多伦多 3.5, 黄梅戏 0.97, 大理石 0.73, 三明治 0.45, 安吉拉 0.13); rarer ones stay the name's (广州某 0.01)
COMPOUND_SHARE = 0.1


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


@dataclass(frozen=True, eq=False)
class PlaceWords:
    """What a gazetteer tells the word cut about place names: the suffixes a name may take as one word
    with it, by their first character (:func:`suffixes_by_first`), whether a span is some unit's name,
    and the rests that make a compound the place's own (:func:`own_compound_rests`). Compared by
    identity: one per gazetteer."""

    suffixes: dict[str, tuple[str, ...]]
    is_name: Callable[[str], bool]
    own_rests: Container[str]


def suffixes_by_first(suffixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The suffixes a name may take (:func:`inside_other_words`), by their first character.

    >>> suffixes_by_first(("自治区", "地区", "区", "人"))
    {'自': ('自治区',), '地': ('地区',), '区': ('区',), '人': ('人',)}
    """
    found: dict[str, tuple[str, ...]] = {}
    for suffix in suffixes:
        found[suffix[0]] = (*found.get(suffix[0], ()), suffix)
    return found


def own_compound_rests(words: SegmentWords, names: Container[str]) -> frozenset[str]:
    """What follows at least ``OWN_REST_NAMES`` different unit names (``names``) inside words of the
    table: a compound of a name and such a rest is the place's own (上海港, 北京日报, 辽宁队).

    >>> ports = ("上海", "天津", "宁波", "大连", "青岛")
    >>> words = SegmentWords({**{f"{name}港": 9 for name in ports}, "三明治": 9}, 1000)
    >>> sorted(own_compound_rests(words, {*ports, "三明"}))
    ['港']
    """
    followers = Counter(word[cut:] for word in words.counts for cut in range(2, len(word))
                        if word[:cut] in names)
    return frozenset(rest for rest, count in followers.items() if count >= OWN_REST_NAMES)


def inside_other_words(text: str, start: int, end: int, place: PlaceWords, words: SegmentWords | None = None) -> bool:
    """Does the best cut of the name ``text[start:end]``'s neighbourhood put a word across it, or read
    it as part of a word of its own (三明治)? ``place`` (:class:`PlaceWords`): the suffixes that may
    follow the name as part of its word, which spans are unit names (a word made of the name and
    other names, 广西南宁, is no crossing), and which compounds are a place's own.

    >>> words = SegmentWords({"入": 50, "海": 90, "口": 80, "入海口": 30, "海口": 40, "在": 99, "陕": 5,
    ...                       "西": 70, "人": 99, "西人": 9, "陕西": 20, "治": 40, "三明": 9, "三明治": 8}, 1000)
    >>> place = PlaceWords(suffixes_by_first(("人",)), lambda span: False, frozenset())
    >>> [inside_other_words(text, start, end, place, words)
    ...  for text, start, end in (("在入海口", 2, 4), ("陕西人", 0, 2), ("三明治", 0, 2))]
    [True, False, True]
    """
    following = tuple(suffix for suffix in place.suffixes.get(text[end : end + 1], ())
                      if text.startswith(suffix, end))
    lo = max(0, start - REACH)
    hi = end + max((REACH, *map(len, following)))
    return _crossed(text[lo:hi], start - lo, end - lo, following, place, words or segment_words())


@lru_cache(maxsize=1 << 14)
def _crossed(text: str, start: int, end: int, following: tuple[str, ...], place: PlaceWords,
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
    counts = words.counts
    # words the name mostly lives in, with a rest few places take (三明治, 多伦多)
    compounds = {word_end for word_end in range(name_end + 1, min(len(window), name_start + MAX_WORD) + 1)
                 if (name_start, word_end) not in joined and window[name_end:word_end] not in place.own_rests
                 and counts.get(window[name_start:word_end], 0) >= COMPOUND_SHARE * own
                 and not place.is_name(window[name_start:word_end])}
    if not compounds and not words.may_cross(window, name_start, name_end):
        return False
    for word_start, word_end in words.best_words(window, joined):
        if word_start == name_start and word_end >= name_end:
            if word_end in compounds:
                return True  # 三明治, 黄梅戏: a word of its own that the name is part of
            continue  # the name, the name with a suffix (陕西人) or its own compound (北京日报, 上海港)
        if word_end - word_start < 2 or word_end <= name_start or word_start >= name_end:
            continue  # a single character or a word beside the name
        if word_start < name_start and word_end >= name_end and all(
                not part or place.is_name(part) for part in (window[word_start:name_start], window[name_end:word_end])):
            continue  # 广西南宁: a word made of unit names around the name (``is_name``: any unit's name)
        return True
    return False
