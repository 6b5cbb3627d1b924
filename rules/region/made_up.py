"""A county's short name that a text makes a city's (云梦市 in a novel): the text's own made-up place.

A county (云梦县) has no city of its name, and the gazetteer is recent enough that a county it lists
was no city before; so a text that writes the short name as a city (云梦市召开人民代表大会) names
another place: a story's city, or a county under a name of its own making. Every bare use of that
short name in the text is the same place (许多人谈到云梦), so none of them is evidence; a full name
(云梦县) still is. Not before 市场, 市民, 市区, 市级 and 市县 (云梦市场监管局: the county's market
bureau), and not for Taiwan, whose counties hold a city of their name (宜蘭縣宜蘭市).
"""

from __future__ import annotations

from scrapegate.rules.region.gazetteer import ALIAS, TAIWAN, Gazetteer, Mention

_CITY = "市"
_NOT_CITY = ("市场", "市民", "市区", "市级", "市县")


def made_up_dropped(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` without the short names that the text also writes as a city's when every unit
    they may denote is a county (see the module's docstring).

    >>> from scrapegate.rules.region.gazetteer import gazetteer
    >>> gaz = gazetteer()
    >>> text = gaz.normalize("许多人谈到云梦,总会说起旅游。那天云梦市召开人民代表大会。")
    >>> [m.surface for m in made_up_dropped(text, gaz.mention_list(text), gaz)]
    []
    >>> text = gaz.normalize("云梦市场监管局检查了云梦的超市。")
    >>> [m.surface for m in made_up_dropped(text, gaz.mention_list(text), gaz)]
    ['云梦', '云梦']
    """
    made_up = {m.surface for m in mentions
               if m.kind == ALIAS and text.startswith(_CITY, m.end) and not text.startswith(_NOT_CITY, m.end)
               and all(gaz.unit(c).name.endswith("县") and not c.startswith(TAIWAN) for c in m.candidates)}
    if not made_up:
        return mentions
    return [m for m in mentions if not (m.kind == ALIAS and m.surface in made_up)]
