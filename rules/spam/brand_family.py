"""A found brand's other forms on the same hacked page, and each injected run's whole repeated string.

A hack that substitutes a betting operator for an institution's name does not always write the same
string: the brand's core comes with one offer word here and another there (``304am[永利]集团`` in
the slots, ``[永利]集团官网`` in a sentence; ``[开云](中国)`` before 校长, ``[开云]足球`` before 在),
and only some of its places are slots a signal reads. Once one form is found:

* :func:`brand_core`: the brand's distinctive Han name, what is left when its Latin or digit token,
  its ``(中国)`` gloss and its offer words (集团, 官网, 体育, 入口 …) are taken off;
* :func:`family_runs`: every other occurrence of the core that an offer word, a gloss or a Latin or
  digit token is glued to (``开云足球``, ``开云手机入口``), or any occurrence when the core is a name
  ordinary text never writes (two Han characters no ordinary bigram has); the occurrence is the run,
  with all its glued offer words.

A hack also writes its whole string every time (``金沙9001cc以诚为本首页`` four times), while a
signal may find only part of it (``本首页``): :func:`repeated_extent` grows each occurrence of a
found run by the name characters that another occurrence shares on the same side (the host text
around two occurrences differs: 下午,[X]实验室 / 以及[X]党委).

Executed example (``python -m doctest``)::

    >>> brand_core("304am永利集团"), brand_core("开云(中国)"), brand_core("雷竞技raybet"), brand_core("百家乐")
    ('永利', '开云', '雷竞技', '百家乐')
    >>> brand_core("爱体育手机版app")
    '爱体育'
    >>> text = "开云(中国)校长出席。开云足球在礼堂召开大会,并介绍了开云足球的发展。"
    >>> [text[s:e] for s, e in family_runs(text, "开云", [(0, 6)])]
    ['开云足球', '开云足球']
    >>> text = "下午,金沙9001cc以诚为本首页实验室开展检查。以及金沙9001cc以诚为本首页党委书记出席。"
    >>> s = text.index("本首页")
    >>> [text[a:b] for a, b in repeated_extent(text, [(s, s + 3), (text.index("本首页", s + 1), text.index("本首页", s + 1) + 3)])]
    ['金沙9001cc以诚为本首页', '金沙9001cc以诚为本首页']
"""

from __future__ import annotations

import os
import re

from scrapegate.checks.textnorm import HAN_CHARS
from scrapegate.rules.spam import extent
from scrapegate.rules.spam.institution_slot import _SLOT_WORD, PARTY_NAME, PARTY_UNIT_WORD, YEAR_AHEAD
from scrapegate.rules.spam.spans import SpanIndex

BRAND_WORDS = ("有限公司", "股份", "官方网站", "网页版", "手机版", "客户端", "集团", "公司", "国际", "娱乐",
               "官网", "官方", "体育", "足球", "平台", "彩票", "棋牌", "电子", "真人", "网址", "网站", "线路",
               "主站", "首页", "入口", "登录", "登陆", "注册", "开户", "下载", "手机", "在线", "app", "诚信")
"""Offer and company words a betting brand's name is written with (an operator's name is its core
plus some of these, and the trust it claims: ``tengbo9885官网诚信(中国)官方网站``): never the core itself."""
CORE_MIN_HAN = 2
FAMILY_MAX_CHARS = 20
"""A family run (core and glued words) is at most this long."""
REPEAT_MAX_GROWTH = 16
"""Characters an occurrence grows by on each side at most (the longest brand strings are ~20)."""

_GLOSS = re.compile(f"[(（][{HAN_CHARS}]{{2,3}}[)）]")
_TOKEN = re.compile("[a-z0-9]+")
_WORDS = re.compile("|".join(sorted(BRAND_WORDS, key=len, reverse=True)))
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def brand_core(run: str) -> str | None:
    """The first Han stretch of a found brand (folded text) without its offer words, when at least
    two characters are left; None for a run with no name of its own (官网登录)."""
    bare = _TOKEN.sub(" ", _GLOSS.sub(" ", run))
    for m in _HAN_RUN.finditer(bare):
        core = m.group()
        while True:
            head = _WORDS.match(core)
            tail = next((w for w in BRAND_WORDS if core.endswith(w) and len(core) > len(w)), None)
            if head and len(core) > head.end():
                shorter = core[head.end():]
            elif tail:
                shorter = core[:-len(tail)]
            else:
                break
            if len(shorter) < CORE_MIN_HAN:
                break  # the offer word is the name's own (爱[体育]手机版app: the brand is 爱体育)
            core = shorter
        if len(core) >= CORE_MIN_HAN and not _WORDS.fullmatch(core):
            return core
    return None


def _glued_words_end(text: str, at: int, tokens: bool = True) -> int:
    """Where the offer words, glosses and (with ``tokens``) Latin or digit tokens glued after ``at`` end."""
    end = at
    while end - at < FAMILY_MAX_CHARS:
        m = _WORDS.match(text, end) or _GLOSS.match(text, end) or (_TOKEN.match(text, end) if tokens else None)
        if not m:
            break
        end = m.end()
    return end


def tail_end(text: str, end: int) -> int:
    """Where a found run ending at ``end`` ends with the offer words and glosses glued after it, when
    they reach the end of the clause (``[tengbo9885官网]诚信(中国)官方网站`` on its title line); ``end``
    when nothing is glued or the glued words run into the host's (金沙官网诚信经营: 经营 is the host's).

    >>> text = "tengbo9885官网诚信(中国)官方网站\\n某公司工会举办比赛"
    >>> text[:tail_end(text, 12)]
    'tengbo9885官网诚信(中国)官方网站'
    >>> tail_end("金沙官网诚信经营,服务至上", 4)
    4
    >>> text = "欢迎访问金沙(集团)有限公司-官方网站!"
    >>> text[4:tail_end(text, 6)]
    '金沙(集团)有限公司-官方网站'
    """
    grown = _glued_words_end(text, end, tokens=False)
    if grown > end and text[grown:grown + 1] == "-" and (site := _glued_words_end(text, grown + 1, tokens=False)) > grown + 1:
        grown = site  # the firm's name and its site's, joined by a hyphen: …(集团)有限公司-官方网站
    return grown if grown > end and (grown == len(text) or not _name_char(text[grown])) else end


COUNTRY_HEAD = ("中国·", "中国•")
"""A country's name and a middle dot before a betting brand's name (中国·3522vip浦京): the operator's site name
claims a country, as a firm's name claims a legal form."""


def head_start(text: str, start: int) -> int:
    """Where a found run starting at ``start`` starts with the country head written before it
    (:data:`COUNTRY_HEAD`); ``start`` when there is none.

    >>> text = "欢迎访问中国·3522vip浦京(集团)有限公司-官方网站!"
    >>> text[head_start(text, 7):tail_end(text, 16)]
    '中国·3522vip浦京(集团)有限公司-官方网站'
    """
    for head in COUNTRY_HEAD:
        if text.startswith(head, start - len(head)):
            return start - len(head)
    return start


def family_runs(text: str, core: str, taken: list[tuple[int, int]],
                index: SpanIndex | None = None, found: str = "") -> list[tuple[int, int]]:
    """Occurrences of a found brand's ``core`` in ``text`` (folded) outside ``taken`` spans, each
    with the offer words glued after it; bare ones only when the core is no ordinary word. ``index``:
    the taken spans' index when the caller keeps one (a page's cores are asked about the same spans).
    ``found``: the found run's text; an occurrence first takes the name characters it shares with
    the found run after the core (a digit inside the name, 红足一[1世足球]官网 after 红足一1世足球网官方网站
    was found: the core stops at the digit).

    >>> text = "在红足一1世足球网官方网站副院长致辞。本次红足一1世足球官网共有代表队参赛。"
    >>> [text[s:e] for s, e in family_runs(text, "红足一", [(1, 13)], found="红足一1世足球网官方网站")]
    ['红足一1世足球官网']
    """
    unordinary = extent.unordinary_han_pairs(core) > 0
    after_core = found[found.index(core) + len(core):] if core in found else ""
    out = []
    if index is None:
        index = SpanIndex(taken)
    at = text.find(core)
    while at >= 0:
        end = at + len(core)
        if not index.overlaps(at, end):
            grown = _glued_words_end(text, end + _shared_name(text, end, after_core))
            before = text[at - 1] if at else ""
            glued_latin = bool(before) and before.isascii() and before.isalnum()
            if not glued_latin and (grown > end or unordinary):
                out.append((at, grown))
        at = text.find(core, end)
    return out


def _shared_name(text: str, at: int, name: str) -> int:
    """How many name characters ``text`` at ``at`` shares with ``name`` (stopping before a slot word
    and at FAMILY_MAX_CHARS)."""
    n = 0
    while n < min(len(name), FAMILY_MAX_CHARS) and at + n < len(text) and text[at + n] == name[n] \
            and _name_char(name[n]):
        n += 1
    slot = _SLOT_WORD.search(text, at, at + n)
    return slot.start() - at if slot else n


def _name_char(c: str) -> bool:
    return (c.isascii() and c.isalnum()) or bool(_HAN_RUN.match(c)) or c in "()()·-"


_FUNCTION_CHARS = extent._FUNCTION_CHARS


def _name_prefix(piece: str) -> str:
    """``piece`` up to its first character that is no name character."""
    for n, c in enumerate(piece):
        if not _name_char(c):
            return piece[:n]
    return piece


def _longest_shared(keys: list[str]) -> list[int]:
    """For each key, the length of the longest prefix it shares with any other key: in sorted order
    that other key is one of its neighbours, so a brand a page writes thousands of times costs a
    sort, not every pair of its occurrences."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    best = [0] * len(keys)
    for x, y in zip(order, order[1:]):
        n = len(os.path.commonprefix((keys[x], keys[y])))
        best[x] = max(best[x], n)
        best[y] = max(best[y], n)
    return best


HOST_STRETCH_HAN = 4
"""Growth stops before this many Han characters in a row that ordinary text writes (every pair of
them an ordinary bigram): the host's own words after the brand (习近平[X]新时代中国特色…)."""


def _host_cut(piece: str, reverse: bool = False) -> int:
    """How much of ``piece`` (read outwards from the run; ``reverse``: ``piece`` is the left growth
    read backwards) comes before a stretch of HOST_STRETCH_HAN ordinary Han characters (an offer
    word's characters are the brand's, never the host's)."""
    offer: set[int] = set()
    for m in _WORDS.finditer(piece[::-1] if reverse else piece):
        offer.update(range(m.start(), m.end()))
    if reverse:
        offer = {len(piece) - 1 - i for i in offer}
    ordinary = 0
    for k, c in enumerate(piece):
        pair = (c + piece[k - 1]) if reverse and k else piece[k - 1:k + 1] if k else ""
        if k not in offer and _HAN_RUN.match(c) and (
                not ordinary or extent.unordinary_han_pairs(pair) == 0):
            ordinary += 1
            if ordinary >= HOST_STRETCH_HAN:
                return k - ordinary + 1
        else:
            # an unordinary pair ends the stretch; its second character may start the next one
            ordinary = 1 if k not in offer and _HAN_RUN.match(c) else 0
    return len(piece)


def _name_like(piece: str) -> bool:
    """A brand's piece, not the host's words the hack glued it to twice (习近平[X]新时代中国特色…):
    Latin letters or digits, an offer word, or a Han pair ordinary text never writes."""
    return bool(_TOKEN.search(piece) or _WORDS.search(piece)) or extent.unordinary_han_pairs(piece) > 0


def repeated_extent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each of ``spans`` (occurrences of one found run) grown by the name characters another
    occurrence shares on the same side, never into an institution's slot word (党委, 校长 …: the
    host's words after a substituted name are often the same), a party's name or unit framing the
    body's (民进[X]支部委员会) nor into the year opening what the
    body holds (必赢[2018秋季运动会] in a title and its breadcrumb), and only by a piece that reads as a
    name (:func:`_name_like`)."""
    out = []
    # the name characters each occurrence has on either side (the left ones read outwards)
    rights = _longest_shared([_name_prefix(text[e:e + REPEAT_MAX_GROWTH]) for _, e in spans])
    lefts = _longest_shared([_name_prefix(text[max(0, s - REPEAT_MAX_GROWTH):s][::-1]) for s, _ in spans])
    for (s, e), right, left in zip(spans, rights, lefts):
        slot = _SLOT_WORD.search(text, e, e + right) or PARTY_UNIT_WORD.search(text, e, e + right)
        if slot:
            right = slot.start() - e
        party = [m.end() for m in PARTY_NAME.finditer(text, s - left, s)]
        if party:
            left = s - party[-1]  # the party's or the League's name framing the body's (民进[X]支部)
        if YEAR_AHEAD.match(text, e):
            right = 0
        while right and text[e + right - 1] in _FUNCTION_CHARS:
            right -= 1  # the host's particle both occurrences end on (…[X]的), not the run's
        while left and text[s - left] in _FUNCTION_CHARS:
            left -= 1  # 介绍了[X] / 参观了[X]
        right = _host_cut(text[e:e + right])
        left = _host_cut(text[s - left:s][::-1], reverse=True)
        left = left if _name_like(text[s - left:s]) else 0
        right = right if _name_like(text[e:e + right]) else 0
        out.append((s - left, e + right))
    return out
