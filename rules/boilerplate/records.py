"""Feeds of repeated records at a plain-text document's edges: chrome by their shape's period.

A page read as plain text keeps the feeds its template printed after (or before) the article: headline /
source / counter triplets, headline / teaser / timestamp, numbered top-10 lists, comment feeds (user
[place] timestamp / comment / 顶 N ...). Each line gets a coarse shape class (:func:`line_class`); a run
whose classes repeat with a period of 1 to ``MAX_PERIOD`` lines at least ``MIN_RECORDS`` times is a
feed. It is chrome when it reaches the document's edge zone (it ends at or after the last clean-prose
line, or starts at or before the first), each of its records holds a headline-sized line and a marker
line (a time, a count, a short source, a number or bullet prefix; before the text a short line is no
marker), its lines are not all short cells (a flattened table) and its headlines are not written in the
document's own words.

>>> classes = [line_class(t) for t in ["2024-05-01 10:20", "18", "· 新品发布", "3、 行情回顾与展望", "第 五 章 附则", "新闻频道"]]
>>> classes
['time', 'count', 'item', 'item', 'ordinal', 'short']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence


MAX_PERIOD = 8
"""A comment feed's record is its header, the comment and a row of actions split over lines (顶 / 踩 / 回复 / 举报 ...)."""
MIN_RECORDS = 3
NAMED_TIME_CHARS = 18
"""A time line this long names its record too (a comment's author and place beside the time)."""
ITEM_MIN_CHARS = 5
"""A numbered headline names something after its number; fewer content characters are a section's number or name."""
SHORT_CHARS = 9
"""A source name, a channel word or an action: at most this many content characters."""
HEADLINE_CHARS = 10
"""Each record names something at least this long (a headline, a comment): a flattened table's cells do not."""
OWN_WORDS_SHARE = 0.5
"""Above this share of their Han bigrams in the document's own text, the headlines are the document's own list."""
TEASER_CHARS = 60
"""A line longer than this is a paragraph, not a feed's headline or teaser (cut short by the template)."""
PARAGRAPH_CHARS = 40
"""A sentence this long outside a feed is the document's text going on: no feed beyond it is at the edge."""
WINDOW_LINES = 200
"""Lines looked at on each side of the edge: a feed longer than this is caught by its part at the edge."""

_CONTENT_RUN = re.compile(r"[^\W_]+")
_TIME = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}|\d+\s*(?:分钟|小时|天)前")
_COUNT = re.compile(r"^[\W_]*(?:[^\W\d_]{0,4}\s*)?[+]?\d[\d,.万kKwW+]*\s*(?:[^\W\d_]{0,4})?[\W_]*"
                    r"(?:\s+[^\W\d_]{0,4}\s*\d[\d,.万kKwW+]*\s*[^\W\d_]{0,4})*$")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[·•●▪◆■※>»]|\[\d{1,2}\]|[（(]\d{1,2}[)）])\s*")
_ORDINAL = re.compile(r"^\s*(?:\[\d{1,3}\]|[（(]\d{1,3}[)）]|\d{1,3}[.．、]|[一二三四五六七八九十]{1,3}[、.．])\s*$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[一二三四五六七八九十百]{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
                       r"|\[\d{1,3}\]|第\s*[一二三四五六七八九十百零〇\d]{1,4}\s*[章节節条條款部分编編])")
_SENTENCE_END = tuple("。！？!?；;…")
_STATEMENT_END = tuple("。；;")
"""A headline may end in a question or an exclamation (赴港上市真的冷了吗？), not in a full stop."""
_CLAUSE = re.compile("[。！？；，!?;]")
_HAN = re.compile("[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")


def _content(text: str, bound: int, pos: int = 0) -> int:
    """``count_chars(_CONTENT_RUN, text, pos)`` where it is at most ``bound``, else some number above it: the
    callers only compare it with ``bound``, and a paragraph's runs need not all be read to know it is long."""
    total = 0
    for run in _CONTENT_RUN.finditer(text, pos):
        total += run.end() - run.start()
        if total > bound:
            break
    return total


CONTENT_CAP = TEASER_CHARS
"""A line's content is counted once, up to this many characters (the ``counts`` the feed search passes round,
line number to count): the largest bound any test compares it with, so a count above it answers them all."""


def line_class(text: str, content: int | None = None) -> str:
    """The line's shape class: ``time``, ``count``, ``ordinal`` (a number alone or nearly: ``[3]``, ``第 24 條``), ``item`` (a numbered
    or bulleted headline), ``short``,
    ``head`` (a headline: no sentence end), ``prose``, or ``empty`` (no content). ``content``: the line's
    :func:`_content` up to at least 48 when the caller has it."""
    text = text.strip()
    if content is None:
        content = _content(text, 48)
    if not content:
        return "empty"
    digit = _DIGIT.search(text)  # a time and a count hold a digit (most lines have none)
    if digit and len(text) <= 48 and _TIME.search(text, digit.start()):
        return "time"
    numbered = _NUMBERED.match(text)
    if _ORDINAL.match(text) or (numbered and _content(text, ITEM_MIN_CHARS, numbered.end()) < ITEM_MIN_CHARS):
        return "ordinal"  # a number, or a section's number and its name (第 五 章 附則): the document's own
    if numbered:
        return "item" if content <= 48 and not text.endswith(_STATEMENT_END) else "prose"
    if digit and _COUNT.match(text):
        return "count"
    if _ITEM.match(text) and not text.endswith(_STATEMENT_END) and content <= 48:
        return "item"
    if content <= SHORT_CHARS and not text.endswith(_SENTENCE_END):
        return "short"
    return "prose" if text.endswith(_SENTENCE_END) else "head"


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _records_fit(texts: Sequence[str], classes: Sequence[str], counts: Mapping[int, int], start: int, end: int,
                 period: int) -> bool:
    """The run's records are a feed's: bulleted or numbered headlines one a line; or records that each name
    something (a headline, a comment) beside a marker. A time or a count marks a feed's record; with only a
    short line (a source, a column's name) beside it, the other lines must be headlines, not sentences (a
    subheading and its paragraph are the document's). Never a numbered line in a longer record (the document's
    own sections, notes and references), nor a paragraph longer than a teaser."""
    if period == 1:
        return classes[start] == "item"
    if all(classes[i] == "prose" for i in range(start, end)):
        return False
    for i in range(start, end):
        if classes[i] in ("item", "ordinal") and _NUMBERED.match(texts[i]):
            return False
        if classes[i] in ("prose", "head") and counts[i] > TEASER_CHARS:
            return False
    named = sum(1 for i in range(start, end) if (classes[i] in ("head", "prose", "item") and counts[i] >= HEADLINE_CHARS)
                or (classes[i] == "time" and counts[i] >= NAMED_TIME_CHARS))
    if named < (end - start) // period:
        return False
    run = classes[start:end]
    if "time" in run or "count" in run:
        return True
    return "short" in run and "prose" not in run


def periodic_runs(texts: Sequence[str], lo: int, hi: int, partial_end: bool = False,
                  classes: Sequence[str] | None = None, counts: Mapping[int, int] | None = None
                  ) -> list[tuple[int, int, int]]:
    """Maximal runs ``(start, end, period)`` (``end`` exclusive) of lines ``lo``..``hi`` whose classes repeat with
    a period of 1 to ``MAX_PERIOD`` at least ``MIN_RECORDS`` times, shortest period first. Then, on the lines
    left, the runs whose records are marked by a time or a count in the same place and whose other lines are
    any text (a comment is a word, a question or a sentence: 大家注意安全 / 请过往车辆谨慎慢行! / 有出行需要的要注意了.).
    A run is of whole records, or with ``partial_end`` ends where its period ends (after the text, the last
    record's lines that follow the period are the feed's: before it, they may be the document's title).
    ``classes``: the lines' :func:`line_class` when the caller has them (only lines ``lo``..``hi`` are read);
    ``counts``: the lines' content counts up to CONTENT_CAP when the caller has them (of lines ``lo``..``hi``)."""
    if counts is None:
        counts = {i: _content(t, CONTENT_CAP) for i, t in enumerate(texts)}
    if classes is None:
        classes = [line_class(t, counts[i]) for i, t in enumerate(texts)]
    runs: list[tuple[int, int, int]] = []
    taken = [False] * len(texts)
    for marked, start, end, period in _repeats(classes, lo, hi):
        if marked:
            start = _first_fixed_slot(classes, start, end, period)
        whole = start + (end - start) // period * period
        if whole - start < MIN_RECORDS * period:  # too few records, however the end is cut
            continue
        if partial_end:  # but not into a paragraph: the text going on after a feed's whole records
            end = next((k for k in range(whole, end) if _paragraph(texts[k], counts[k])), end)
        else:
            end = whole
        if (end - start) // period >= MIN_RECORDS and not any(taken[start:end]) \
                and (not marked or any(classes[k] in ("time", "count") for k in range(start, start + period))) \
                and _records_fit(texts, classes, counts, start, end, period):
            runs.append((start, end, period))
            for k in range(start, end):
                taken[k] = True
    return sorted(runs)


# A line's key in the records' period: a headline reads as a sentence when it asks or exclaims (head and prose
# are one key); read loosely (the second pass) a short line is any text too. 0: a line outside the windows.
_KEYS = {"": 0, "time": 1, "count": 2, "ordinal": 3, "item": 4, "short": 5, "empty": 6, "head": 7, "prose": 7}
_LOOSE_KEYS = {**_KEYS, "short": 7}
_EQUAL_RUNS = {period: re.compile(b"\\x00{%d,}" % ((MIN_RECORDS - 1) * period)) for period in range(1, MAX_PERIOD + 1)}
"""Per period, a run of lines each with the key of the line ``period`` above it long enough for MIN_RECORDS
records, as zero bytes of the keys' XOR with the keys shifted by the period."""


def _repeats(classes: Sequence[str], lo: int, hi: int) -> Iterator[tuple[bool, int, int, int]]:
    """``(marked, start, end, period)`` of every maximal run of lines ``lo``..``hi`` at least ``MIN_RECORDS``
    records long in which each line from ``start + period`` has the key of the line ``period`` above it: of the
    classes' keys (``marked`` False) for the periods 1 to ``MAX_PERIOD``, then of the loose keys (True) from
    period 2; by pass, period and start. The keys of a period are compared all at once, as bytes XOR-ed with
    themselves shifted by the period (a loop over the lines for each period cost more than the feed search)."""
    window = classes[lo:hi]
    size = len(window)
    for marked, table in ((False, _KEYS), (True, _LOOSE_KEYS)):
        keys = bytes(map(table.__getitem__, window))
        for period in range(2 if marked else 1, min(MAX_PERIOD, size // MIN_RECORDS) + 1):
            n = size - period
            same = (int.from_bytes(keys[period:], "little") ^ int.from_bytes(keys[:n], "little")).to_bytes(n, "little")
            for run in _EQUAL_RUNS[period].finditer(same):
                yield marked, lo + run.start(), lo + run.end() + period, period


def _first_fixed_slot(classes: Sequence[str], start: int, end: int, period: int) -> int:
    """Where the run's records begin: at the first line whose class is the same in every record. Read as any
    text, the document's last sentences match a record's comment and action lines, and the run would begin
    inside the text."""
    for offset in range(period):
        slot = classes[start + offset:end:period]
        if slot.count(slot[0]) == len(slot):
            return start + offset
    return end


def feed_lines(texts: Sequence[str], first: int, last: int) -> list[int]:
    """Indexes of the lines (of ``texts``, the document's non-blank lines) in edge feeds of repeated records.

    ``first``/``last`` are the first and last clean-prose lines (-1 when none: no feed then, the whole
    document would be one). A feed's headlines may read as sentences (a teaser, a question), so the
    clean-prose bounds may lie inside a feed: a run is at the tail when no paragraph of prose follows it
    but in other feeds (at the head: precedes it), and it starts after the first clean-prose line (ends
    before the last). A bulleted list that goes on past the run (:func:`list_goes_on`: the next line carries the
    items' bullet, a longer item the run stopped at) is the text's own, at either edge.

    >>> notes = ["社區園圃認養計畫", "本會今年再次開放社區園圃認養,歡迎居民以家庭為單位報名。", "注意事項",
    ...          "• 每戶限認養一格園圃", "• 園圃內僅可種植蔬菜與花卉", "• 請勿使用化學農藥", "• 工具可向管理室借用",
    ...          "• 連續兩個月未照顧的園圃,本會將收回並通知候補名單上的居民遞補,候補名單依報名先後排列,遞補結果將於公告欄張貼",
    ...          "王小明 李美華 陳大文"]
    >>> feed_lines(notes, 1, 1)
    []
    """
    n = len(texts)
    if first < 0 or n < 2 * MIN_RECORDS:
        return []
    tail_lo, head_hi = max(first + 1, last - WINDOW_LINES), min(n, first + WINDOW_LINES)
    # each line's content count and class once, for the lines of the two windows (the only ones the runs are read in)
    counts = {i: _content(t, CONTENT_CAP) for i, t in enumerate(texts) if i < head_hi or i >= tail_lo}
    classes = [line_class(t, counts[i]) if i in counts else "" for i, t in enumerate(texts)]
    out: list[int] = []
    bigrams: dict[int, set[str]] = {}
    # A bulleted feed whose bullet goes on after it (a longer item, or one with a phrase) is the text's own list.
    tail = [r for r in periodic_runs(texts, tail_lo, n, partial_end=True, classes=classes, counts=counts)
            if not (r[2] == 1 and r[1] < n and list_goes_on(texts[r[0]:r[1]], texts[r[1]]))]
    out.extend(_edge_chain(texts, classes, counts, bigrams, sorted(tail, reverse=True), n, first, last, at_tail=True))
    head = [r for r in periodic_runs(texts, 0, head_hi, classes=classes, counts=counts)
            if r[1] - 1 < last and _marked_for_head(classes, r[0], r[1])
            and not (r[0] < first <= r[1] and list_goes_on(texts[r[0]:first], texts[first]))]
    out.extend(_edge_chain(texts, classes, counts, bigrams, head, 0, first, last, at_tail=False))
    return sorted(set(out))


def _marked_for_head(classes: Sequence[str], start: int, end: int) -> bool:
    """A run before the text is a feed only when a time, a count or a bullet marks its records: above the text a
    short line beside a headline is as often a menu's last entry or a column's name over the document's own
    title (and its slogan or summary) as a feed's source, and the title would be taken as the run's last record.

    >>> _marked_for_head([line_class(t) for t in ["要闻", "老城区公交线路下月起调整部分站点迁移"] * 3], 0, 6)
    False
    >>> _marked_for_head([line_class(t) for t in ["老城区公交线路下月起调整部分站点迁移", "2024-05-01 10:20"] * 3], 0, 6)
    True
    """
    return any(classes[i] in _HEAD_MARKERS for i in range(start, end))


_HEAD_MARKERS = frozenset({"time", "count", "item"})


LIST_BULLETS = frozenset("•·●◆■▪※")


def list_goes_on(items: Sequence[str], following: str) -> bool:
    """Whether the lines ``items`` right above the text's first sentence ``following`` are the first items of the
    text's own bulleted list: most of them and that sentence start with the same bullet (■ 備有停車空間 / ■ 電動麻將 /
    … then ■ 包棟說明:民宿為透天建築…). A site's menu or feed ends before the text; a list that goes on into it is the
    text's.

    >>> list_goes_on(["■ 備有停車空間", "■ 電動麻將", "■ 提供烤肉場地"], "■ 包棟說明:民宿為透天建築,房型配置請參考訂房須知。")
    True
    >>> list_goes_on(["· 首页", "· 新闻", "· 公告"], "本站今日起试行新的投稿办法,欢迎读者来稿。")
    False
    """
    bullet = following.strip()[:1]
    if bullet not in LIST_BULLETS:
        return False
    return 2 * sum(item.strip()[:1] == bullet for item in items) > len(items)


def _paragraph(text: str, content: int) -> bool:
    """A sentence (or a clause) at least PARAGRAPH_CHARS long, outside any feed: the document's text
    (``content``: the line's content count up to CONTENT_CAP)."""
    return content >= PARAGRAPH_CHARS and _CLAUSE.search(text) is not None


def _edge_chain(texts: Sequence[str], classes: Sequence[str], counts: Mapping[int, int], bigrams: dict[int, set[str]],
                runs: list[tuple[int, int, int]], edge: int, first: int, last: int, at_tail: bool) -> list[int]:
    """The runs, taken from the document's edge inwards, until one has a paragraph of prose between it and
    the edge (or the runs taken), or the document's last clean-prose line when that is a full sentence outside every
    run (:func:`_closing_sentence`); the lines between two runs taken (no paragraph there) go with them."""
    out: list[int] = []
    in_runs = {i for start, end, _period in runs for i in range(start, end)}
    for start, end, _period in runs:
        between = range(end, edge) if at_tail else range(edge, start)
        if any(_paragraph(texts[i], counts[i])
               or (i == last and i not in in_runs and _closing_sentence(texts[i], counts[i])) for i in between):
            break
        if _own_words(texts, classes, bigrams, start, end, first, last):
            break
        if out and len(between) <= MAX_PERIOD:
            out.extend(between)
        out.extend(range(start, end))
        edge = start if at_tail else end
    return out


SENTENCE_CHARS = 20
"""The document's last clean-prose line, a full sentence this long outside the feeds, is the text going on however
short it is (本届中学组的决赛将分开两个组别进行比赛,分别为精英赛及先锋赛。 under a results list)."""


def _closing_sentence(text: str, content: int) -> bool:
    """A statement (。；) of SENTENCE_CHARS or more content characters: the text's own last sentence when it is the last
    clean-prose line outside the feeds (a feed's teaser is inside its run)."""
    return content >= SENTENCE_CHARS and text.strip().endswith(_STATEMENT_END)


def _own_words(texts: Sequence[str], classes: Sequence[str], bigrams: dict[int, set[str]], start: int, end: int,
               first: int, last: int) -> bool:
    """The run's headline lines are mostly written in the bigrams of the document's text outside it
    (``bigrams``: each line's :func:`_bigrams` once read, kept for the other runs of the document)."""

    def of(i: int) -> set[str]:
        found = bigrams.get(i)
        if found is None:
            found = bigrams[i] = _bigrams(texts[i])
        return found

    body: set[str] = set()
    for i in range(first, last + 1):
        if not start <= i < end:
            body |= of(i)
    grams = [g for i in range(start, end) if classes[i] in ("head", "prose", "item") for g in of(i)]
    if not grams:
        return False
    return sum(g in body for g in grams) > OWN_WORDS_SHARE * len(grams)
