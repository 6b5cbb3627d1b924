"""A unit's short name that a text places in a foreign country (美国德州: Texas): a foreign homograph.

Some short names are also the Chinese names of places abroad: 德州 is 山东's 德州市 and Texas, 南澳 is
汕头's 南澳县 and South Australia, 长岛 a former county of 烟台 and Long Island. A text that writes the
name right after a foreign country's (美国德州, 澳大利亚南澳; the countries are CLDR's, written by
scripts/build_foreign_countries.py) speaks of the place abroad, and every bare use of that short name in
the text is the same place (德州大学, 德州的油田), so none of them is evidence; a full name (德州市) still is,
and a text that writes one of its units in full keeps the short name too (山东德州市 … 美国德州: both).
"""

from __future__ import annotations

import functools

from scrapegate.rules import data
from scrapegate.rules.region.gazetteer import ALIAS, FORMER, NAME, Gazetteer, Mention


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[frozenset[str], tuple[int, ...], frozenset[str]]:
    """The foreign countries' names, their lengths and their last characters."""
    names = frozenset(row[0] for row in data.read_rows("region_foreign_countries.txt"))
    return names, tuple(sorted({len(name) for name in names})), frozenset(name[-1] for name in names)


def _after_country(text: str, start: int) -> bool:
    """Does a foreign country's name end right at ``start``?"""
    names, lengths, last = _countries()
    return text[start - 1] in last and any(text[start - length : start] in names
                                           for length in lengths if length <= start)


def abroad_dropped(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` without the short names the text places in a foreign country (see the module):
    a prefecture's or a county's (新加坡山东周 is 山东's week in Singapore), not right after another
    name (内蒙古包头: 蒙古 is no country there).

    >>> from scrapegate.rules.region.gazetteer import gazetteer
    >>> gaz = gazetteer()
    >>> text = "美国德州遭遇寒潮,德州大学停课,德州电网濒临崩溃。"
    >>> [m.surface for m in abroad_dropped(text, gaz.mention_list(text), gaz)]
    []
    >>> [m.surface for m in abroad_dropped("内蒙古包头", gaz.mention_list("内蒙古包头"), gaz)]
    ['内蒙古', '包头']
    >>> text = "德州市举办招商会,来自美国德州的客商与德州企业签约。"
    >>> [m.surface for m in abroad_dropped(text, gaz.mention_list(text), gaz)]
    ['德州市', '德州', '德州']
    """
    ends = {m.end for m in mentions}
    abroad = {m.surface for m in mentions
              if m.kind == ALIAS and m.start and m.start not in ends and _after_country(text, m.start)
              and all(gaz.unit(c).level > 1 for c in m.candidates)}
    if not abroad:
        return mentions
    named = {c for m in mentions if m.kind == NAME or m.kind == FORMER for c in m.candidates}
    dropped = {m.surface for m in mentions if m.surface in abroad and named.isdisjoint(m.candidates)}
    return [m for m in mentions if not (m.kind == ALIAS and m.surface in dropped)] if dropped else mentions
