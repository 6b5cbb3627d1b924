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

A brand written over a school's name need not score as one (``老王论坛`` 0.21, ``工口漫画`` 0.20), nor
occur three times (``ag平台``, twice). On a school's or a hospital's page, a name SLOT_MIN_COUNT times or
more with the same shape (or three digits) that stands once at least where a body's name stands, before
a word of its slot (:func:`in_body_slot`: ``[老王论坛]\\n第二届教职工代表大会``), is read by the slot
model (:func:`slot_features`, ``scripts/train_repeated_name.py``): a logistic model of the scorer's
log-odds, the name's shape and count, and where its occurrences stand (contexts learned from real
texts around bodies' own names, a line break the hack's link left, prose around it), trained on the
corpus's train pages and on real train texts whose own body's name was replaced by an invented brand;
it is a brand from the model's bar.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

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


def _in_long_runs(ranked: np.ndarray, min_count: int) -> np.ndarray:
    """Per entry of sorted keys, whether its key occurs ``min_count`` times or more: some
    ``min_count`` consecutive entries that hold it are equal (the first and last of them)."""
    later = min_count - 1
    same = ranked[:-later] == ranked[later:]  # entries i .. i + later hold one key
    out = np.zeros(len(ranked), dtype=bool)
    for k in range(min_count):
        out[k:k + len(same)] |= same
    return out


def _hot_positions(cp: np.ndarray, counts: tuple[int, ...]) -> list[np.ndarray]:
    """Per count of ``counts``, whether each position's trigram occurs that many times or more, read on
    the keys sorted once (no inverse index and counts, as ``np.unique`` makes). A text longer than
    REPEAT_BLOCK positions has its keys sorted in place, the recurring ones kept, and each block of
    positions' keys made again and looked up among them: no whole-text array but the sorted keys."""
    size = len(cp) - 2
    hots = [np.zeros(size, dtype=bool) for _ in counts]
    if size <= REPEAT_BLOCK:
        keys = _trigram_keys(cp)
        order = np.argsort(keys)
        ranked = keys[order]
        for hot, count in zip(hots, counts):
            hot[order] = _in_long_runs(ranked, count)
        return hots
    ranked = np.empty(size, dtype=np.int64)
    for a in range(0, size, REPEAT_BLOCK):
        ranked[a:a + REPEAT_BLOCK] = _trigram_keys(cp[a:a + REPEAT_BLOCK + 2])
    ranked.sort()
    recurring_by_count = [ranked[count - 1:][ranked[:1 - count] == ranked[count - 1:]] for count in counts]
    del ranked
    for hot, recurring in zip(hots, recurring_by_count):
        if len(recurring):
            last = len(recurring) - 1
            for a in range(0, size, REPEAT_BLOCK):
                keys = _trigram_keys(cp[a:a + REPEAT_BLOCK + 2])
                hot[a:a + REPEAT_BLOCK] = recurring.take(np.minimum(np.searchsorted(recurring, keys), last)) == keys
    return hots


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


def _repeated_strings(text: str, cp: np.ndarray | None = None, min_count: int = REPEAT_MIN_COUNT) -> list[str]:
    """Strings of name characters that occur ``min_count`` times or more, each as long as its
    occurrences agree (a run of positions whose trigram recurs that often), by numpy over the text's
    trigrams, REPEAT_BLOCK positions at a time. ``cp``: the text's :func:`.model.code_points`, when the
    caller has them (read only)."""
    return _repeated_strings_by_count(text, cp, (min_count,))[0]


def _repeated_strings_by_count(text: str, cp: np.ndarray | None, counts: tuple[int, ...]) -> list[list[str]]:
    """:func:`_repeated_strings` for each of ``counts``, the trigrams sorted and the name pairs marked once."""
    if len(text) < REPEAT_MIN_CHARS * min(counts):
        return [[] for _ in counts]
    if cp is None:
        cp = model.code_points(text)
    hots = _hot_positions(cp, counts)
    if not any(hot.any() for hot in hots):
        return [[] for _ in counts]
    # A run of recurring positions holds a pair a name is told by when one starts at one of its
    # positions or right after its last (the run's trigrams cover it).
    pairs = _name_pairs(cp)
    near = pairs[:-1] | pairs[1:]
    return [_named_pieces(text, hot, near) if len(text) >= REPEAT_MIN_CHARS * count else []
            for hot, count in zip(hots, counts)]


def _named_pieces(text: str, hot: np.ndarray, near: np.ndarray) -> list[str]:
    """The names in the runs of ``hot`` positions holding a position of ``near`` (a pair a name is told
    by starts there or right after it: :func:`_name_pairs`). A run of recurring text with no such pair is
    the prose's own phrase (the same sentence in a feed, a table's header), read no further."""
    marked = hot & near
    if not marked.any():
        return []
    padded = np.zeros(len(hot) + 2, dtype=np.int8)
    padded[1:-1] = hot
    edges = (padded[1:] != padded[:-1]).nonzero()[0]
    firsts, ends = edges[::2], edges[1::2]  # the runs [first, end)
    marked_before = np.zeros(len(hot) + 1, dtype=np.int64)
    np.cumsum(marked, out=marked_before[1:])
    keep = marked_before[ends] > marked_before[firsts]  # the runs holding a marked position
    # each piece is the longest text its trigrams share (the same piece at every occurrence: read once);
    # a name inside it stops at a non-name character (the line break joining the pieces is one)
    pieces = {text[a:b + 2] for a, b in zip(firsts[keep].tolist(), ends[keep].tolist())}
    return sorted({name for name in _NAME_PIECE.findall("\n".join(pieces))
                   if REPEAT_MIN_CHARS <= len(name) <= REPEAT_MAX_CHARS})


NAMES_CACHED = 1 << 14
"""Repeated strings whose name test is kept: a site's pages repeat the same phrases (its name, its
sections' names), each tested on every page."""


def scored_name(text: str, name: str, starts: list[int], sc: model.ClauseScorer) -> bool:
    """Whether the scorer's test takes ``name`` (at ``starts`` in ``text``): REPEAT_MIN_COUNT occurrences or
    more, a name's shape scoring NAME_PROBABILITY (:func:`_is_name`), and not defined or written as the
    page's subject (:func:`_defined`); the slot model reads only the candidates it does not take. A brand
    written over a city's name opens the clauses the city's name did (``3月4日,[澳门太阳集0638]市红十字会医院…``),
    which the slot model weighs on a school's or a hospital's page.

    >>> page = "市澳门新葡澳京7906集团开展活动。组织市澳门新葡澳京7906集团人员参加。市直澳门新葡澳京7906系统。"
    >>> starts = _starts(page, "澳门新葡澳京7906")
    >>> scored_name(page, "澳门新葡澳京7906", starts, model.scorer()), scored_name(page, "澳门新葡澳京7906", starts[:2], model.scorer())
    (True, False)
    >>> opened = "澳门太阳集0638市医院召开大会。\\n澳门太阳集0638市医院职工参加。3月4日,澳门太阳集0638市医院举行活动。"
    >>> scored_name(opened, "澳门太阳集0638", _starts(opened, "澳门太阳集0638"), model.scorer())
    False
    """
    return len(starts) >= REPEAT_MIN_COUNT and _is_name(name, sc) and not _defined(text, name, starts)


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
            and not institution_slot.institution_name(name) and not learned.everyday_words(name)
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


SLOT_MODEL_PATH = Path(__file__).with_name("model") / "repeated_name_slot.npz"
"""The slot model (``scripts/train_repeated_name.py``): the context tables, the logistic weights of
:func:`slot_features` and the bar from which a name is a brand (``bar``: the trainer sets it above every
name of the clean and look-alike train/dev pages it would be read on)."""
SLOT_MIN_COUNT = 2
"""A name the slot model reads occurs this often: a hack writes its brand wherever the body's name stood,
twice in a short notice."""
CONTEXT_BITS = 14
"""The context tables' size: character bigrams hashed to 2**CONTEXT_BITS entries."""
_SENTENCE_END = frozenset("。!?;…")


def _context(table: np.ndarray, text: str, at: int) -> float:
    """``table``'s entry for the bigram ``text[at:at + 2]`` (0 for one off the text's ends)."""
    if at < 0 or at + 2 > len(text):
        return 0.0
    return float(table[extent.bigram_indexes(model.code_points(text[at:at + 2]), CONTEXT_BITS)[0]])


def slot_features(text: str, name: str, starts: list[int], sc: model.ClauseScorer,
                  weights: dict[str, np.ndarray]) -> list[float]:
    """What the slot model reads of ``name`` at ``starts`` in ``text`` (view text): the scorer's log-odds
    of the name, how often it occurs, its shape (Latin glued to Han, digits, pairs ordinary text never
    writes, a short Han name as persons have), and per occurrence, averaged: how much more often the two
    characters after it (past a line break) and the two before it follow and precede a body's own name
    than any text (the trainer's tables, learned from real texts: ``党委``, ``师生`` after one, ``来自``
    before); as shares: a line break right after it inside a sentence (the markup the hack's link
    left), a clause opening before it, the whole line, prose around it (:func:`_in_prose`: a brand written
    over a body's name stands in sentences, a menu's or a widget's word on short lines). ``weights``: the
    slot model's (:func:`slot_weights`; the trainer passes the tables it is fitting with).

    >>> text = "来自色花堂\\n八个系的学生合唱团参赛。色花堂党委书记致辞。"
    >>> [round(x, 2) for x in slot_features(text, "色花堂", _starts(text, "色花堂"), model.scorer(), slot_weights())][8:]
    [0.5, 0.5, 0.0, 1.0]
    """
    p = min(max(sc.probability(name), 1e-4), 1 - 1e-4)
    size = len(name)
    n = len(text)

    def share(test) -> float:
        return sum(1 for at in starts if test(at, at + size)) / len(starts)

    def broken(at: int, e: int) -> bool:
        return e < n and text[e] == "\n" and at > 0 and text[at - 1] not in _SENTENCE_END and text[at - 1] != "\n"

    after = sum(_context(weights["after"], text, at + size + (text[at + size:at + size + 1] == "\n"))
                for at in starts) / len(starts)
    before = sum(_context(weights["before"], text, at - 2) for at in starts) / len(starts)
    return [math.log(p / (1 - p)), math.log(len(starts)), float(bool(_LATIN_AND_HAN.search(name))),
            float(bool(_TWO_DIGITS.search(name))), float(min(extent.unordinary_han_pairs(name), 2)),
            float(han_count(name) <= 3 and not _LATIN_OR_DIGIT.search(name)), after, before,
            share(broken), share(lambda at, e: not at or text[at - 1] in _CLAUSE_OPENERS),
            share(lambda at, e: (not at or text[at - 1] == "\n") and (e >= n or text[e] == "\n")),
            share(lambda at, e: _in_prose(text, at, e))]


PROSE_REACH = 24
"""How far on each side of a name :func:`_in_prose` reads."""
PROSE_MIN_HAN = 16
_CLAUSE_MARK = re.compile("[,。;、]")


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether the PROSE_REACH characters on each side of ``text[start:end]`` (across line breaks) hold
    PROSE_MIN_HAN Han characters or more and a clause mark: a sentence's words, not a menu's."""
    around = text[max(0, start - PROSE_REACH):start] + text[end:end + PROSE_REACH]
    return han_count(around) >= PROSE_MIN_HAN and _CLAUSE_MARK.search(around) is not None


_TWO_DIGITS = re.compile(r"\d\d")
_LATIN_OR_DIGIT = re.compile("[a-z0-9]")


@lru_cache(maxsize=1)
def slot_weights() -> dict[str, np.ndarray]:
    """The shipped slot model (SLOT_MODEL_PATH), read once."""
    with np.load(SLOT_MODEL_PATH) as z:
        return {k: z[k] for k in z.files}


_BODY_WORDS = re.compile("开展|组织|荣获|获得|参加|参与|全体|领导|学生|广大|教师|老师|员工|职工")
"""What a body does and has, beside the slot's words: a hack writes its brand wherever the body's name stood
(``[X]组织开展…``, ``[X]学生的创新精神``, ``[X]工会``), and a name the slot model reads must stand so once.
The unit word after a place's name (``[X]市红十字会医院``, ``[w优德88网]市将推行``) marks the place's slot too,
but 市, 县, 区 and 院 stand so often in a report that reading the names before them cost the SP family 10 %
on the seed reports: left out."""


def body_slot_ends(text: str) -> set[int]:
    """Where a name standing in a body's slot ends: before a word of the slot
    (:func:`.institution_slot.slot_word_starts`: 党委, 师生, 召开, 第二届 …) or of what a body does and has
    (:data:`_BODY_WORDS`: 开展, 荣获, 学生, 员工 …), before the 在 or 于 of an event it holds
    (:func:`.institution_slot.event_starts`: ``X在礼堂举行``, ``X于9月29日下午开展``), at the end of a cited
    title's issuer (:func:`.institution_slot.issuer_ends`: ``《X关于…》``), or before the line break before one.

    >>> text = "外国语学院于9月29日下午开展了消防演练,增强了学院师生防火意识。"
    >>> sorted(body_slot_ends(text))
    [5, 13, 26]
    """
    starts = [*institution_slot.slot_word_starts(text), *institution_slot.event_starts(text),
              *institution_slot.issuer_ends(text), *(m.start() for m in _BODY_WORDS.finditer(text))]
    return {at - 1 if at and text[at - 1] == "\n" else at for at in starts}


def in_body_slot(name: str, starts: list[int], ends: set[int]) -> bool:
    """Whether ``name`` at one of ``starts`` at least ends at one of ``ends`` (:func:`body_slot_ends`): where
    the slot model's name must stand once (a product's model or a widget's word the model rates high
    stands in none)."""
    return any(at + len(name) in ends for at in starts)


def slot_probability(features: list[float], w: dict[str, np.ndarray]) -> float:
    """The probability that a repeated name with ``features`` (:func:`slot_features`) is a substituted brand,
    by the slot model ``w`` (:func:`slot_weights`, or the trainer's fit)."""
    z = float(w["bias"][0] + ((np.asarray(features) - w["mean"]) / w["scale"]) @ w["weights"])
    return 1 / (1 + math.exp(-z))


def slot_candidates(text: str, cp: np.ndarray | None = None, repeated: list[list[str]] | None = None,
                    ends: set[int] | None = None) -> list[tuple[str, list[int]]]:
    """Names the slot model reads: strings SLOT_MIN_COUNT times or more in ``text``, and those read
    REPEAT_MIN_COUNT times or more (one written before different words, ``[w优德88网]院``, ``[w优德88网]市``,
    is whole only there; ``repeated``: both lists, :func:`_repeated_strings_by_count`, when the caller has
    them), when ``ends`` is given only those that end at one of them somewhere (:func:`body_slot_ends`),
    with a name's shape
    (two Han characters or more; Latin letters, three digits or a pair ordinary text never writes),
    no institution's suffix, no everyday word or person by kin, nor defined by the page (a naming word
    before, a gloss after, a closing quote after: the title of a work, ``「e-topia竞界的彼方」``), each with
    its occurrences' starts outside longer Latin tokens."""
    out = []
    if repeated is None:
        repeated = _repeated_strings_by_count(text, cp, (REPEAT_MIN_COUNT, SLOT_MIN_COUNT))
    names = {*repeated[0], *repeated[1]}
    if ends is not None:
        names &= {text[max(0, end - size):end] for end in ends for size in range(REPEAT_MIN_CHARS, REPEAT_MAX_CHARS + 1)}
    for name in sorted(names):
        if not (han_count(name) >= 2 and (_LATIN_AND_HAN.search(name) or _THREE_DIGITS.search(name)
                                          or extent.unordinary_han_pairs(name) > 0)
                and "(" not in name and ")" not in name and not institution_slot.institution_name(name)
                and not learned.everyday_words(name) and not _PERSON_END.search(name)):
            continue
        starts = [at for at in _starts(text, name) if not _inside_latin(text, at, at + len(name))]
        if len(starts) >= SLOT_MIN_COUNT and not any(
                _NAMING_BEFORE.search(text, max(0, at - 3), at) or _GLOSS_AFTER.match(text, at + len(name))
                or text[at + len(name):at + len(name) + 1] in _CLOSING_QUOTES for at in starts):
            out.append((name, starts))
    return out


_THREE_DIGITS = re.compile(r"\d{3}")
_CLOSING_QUOTES = frozenset("」』》”\"'")


def _inside_latin(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts or ends inside a longer Latin token (u[topia…])."""
    return bool(start and text[start].isascii() and text[start - 1].isascii() and _NAME_CHAR.match(text[start - 1])
                or end < len(text) and text[end].isascii() and _NAME_CHAR.match(text[end]) and text[end - 1].isascii())


def _starts(text: str, name: str) -> list[int]:
    starts = []
    at = text.find(name)
    while at >= 0:
        starts.append(at)
        at = text.find(name, at + len(name))
    return starts


def repeated_names(text: str, taken: list[tuple[int, int]],
                   cp: np.ndarray | None = None) -> list[tuple[int, int, str, float]]:
    """View spans ``(start, end, name, probability)`` of a repeated unknown name's occurrences that overlap
    no span of ``taken`` (the hits found before, view offsets): a name REPEAT_MIN_COUNT times or more that
    scores NAME_PROBABILITY (the scorer's probability), or, on a school's or a hospital's page
    (:func:`.institution_slot.school_page`), one in a body's slot once at least (:func:`in_body_slot`) that
    the slot model rates at its bar or more where it stands (:func:`slot_candidates`, :func:`slot_features`;
    the bar is the model file's ``bar``: its probability). ``cp``: the text's :func:`.model.code_points`,
    when the caller has them.

    >>> page = ("市澳门新葡澳京7906集团开展重阳节活动。\\n近期,市澳门新葡澳京7906集团组织离退休人员参加活动,"
    ...         "共有143名市直澳门新葡澳京7906系统离退休人员参加。")
    >>> [n for _, _, n, _ in repeated_names(page, [])]
    ['澳门新葡澳京7906', '澳门新葡澳京7906', '澳门新葡澳京7906']
    >>> wiki = "2011年自组一人娱乐公司jk娱乐。jk娱乐(2011年至2014年)。携jk娱乐的员工签约。"
    >>> repeated_names(wiki, [])
    []
    >>> school = ("2018年4月11日,老王论坛\\n第二届教职工代表大会在外语楼报告厅召开,学院党委副书记主持。"
    ...           "大会在国歌声中开始。院长代表老王论坛\\n班子作工作报告,回顾了学院工作。大会审议通过了"
    ...           "《老王论坛\\n教职工代表大会章程》、《老王论坛\\n业绩津贴发放办法》等文件。")
    >>> [n for _, _, n, _ in repeated_names(school, [])]
    ['老王论坛', '老王论坛', '老王论坛', '老王论坛']
    >>> person = "党委书记廖仲磊在会上强调,实验室安全关乎师生安危。廖仲磊在总结时指出,学院将建立常态化机制。"
    >>> repeated_names(person, [])
    []
    """
    sc = model.scorer()
    taken_index = SpanIndex(taken)
    out: list[tuple[int, int, str, float]] = []

    def add(name: str, starts: list[int], probability: float) -> None:
        for at in starts:
            end = at + len(name)
            if not _inside_latin(text, at, end) and not taken_index.overlaps(at, end):
                out.append((at, end, name, probability))

    ends = body_slot_ends(text) if institution_slot.school_page(text) else set()
    repeated = _repeated_strings_by_count(text, cp, (REPEAT_MIN_COUNT, SLOT_MIN_COUNT) if ends else (REPEAT_MIN_COUNT,))
    for name in repeated[0]:
        # the name test (kept per name) before the scan for the name's starts: most repeated strings are the prose's
        if _is_name(name, sc) and scored_name(text, name, starts := _starts(text, name), sc):
            add(name, starts, sc.probability(name))
    if ends:
        weights = slot_weights()
        bar = float(weights["bar"][0])
        for name, starts in slot_candidates(text, cp, repeated, ends):
            if scored_name(text, name, starts, sc):
                continue  # the test above read it
            if in_body_slot(name, starts, ends) and (
                    p := slot_probability(slot_features(text, name, starts, sc, weights), weights)) >= bar:
                add(name, starts, p)
    out.sort()
    kept: list[tuple[int, int, str, float]] = []
    for hit in out:  # two names over the same characters: the first, longest at a start, stands
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept
