"""A short name the text places in another province: a namesake place there, not the unit.

Islands, towns and estates share short names with counties elsewhere: Hong Kong's 长洲 island with
梧州's 长洲区, 东莞's 沙田镇 with Hong Kong's 沙田区. A text that says where such a place lies (长洲位于
香港离岛区, 沙田地处东莞市西北部, 长洲是香港著名的旅游景点) names a unit of another province right after
it; the short name is then that place, and so is every other bare use of it in the text (长洲太平清醮,
前往长洲), unless the text names one of its units in full (长洲区). Each such mention counts as a
mention of the place's unit (香港): the page is about a place there.

"是" places only before a phrase of standing (长洲是香港著名的…, X是Y境内的…): 桂林是杭州的友好城市 is a
relation, not a place.
"""

from __future__ import annotations

import re

from scrapegate.rules.region.gazetteer import ALIAS, FORMER, GUARDED, NAME, Gazetteer, Mention

# what a place belongs to or lies in (also the inference's affiliations: 江背镇隶属于江西省赣州市兴国县)
AFFILIATION_WORDS = "隶属于?|属于|位于|地处|坐落于"
# a placing verb, then an optional 中国/我国, then the unit the place lies in
_PLACING = re.compile(f"(?:{AFFILIATION_WORDS}|坐落在|是(?=[^，。,；;\n]{{2,12}}?(?:著名|知名|有名|境内)))"
                      "(?:中国|我国)?")


# what makes the unit after the verb a reference point, not where the place lies: a border with
# another (位于重庆与湖北交界处), a direction from it (位于重庆以东, 重庆东侧)
_REFERENCE_POINT = re.compile("[与和、及跟]|以?[东南西北](?:面|侧|边|方)|以[东南西北]|交界|接壤|之间|附近|对岸|毗邻|边界")


def _placed_in(text: str, mention: Mention, following: Mention | None, gaz: Gazetteer) -> bool:
    """Does ``following`` name, right after a placing verb behind ``mention``, a unit in a province
    none of the mention's units lies in, and not as a reference point (see :data:`_REFERENCE_POINT`)?"""
    if following is None or following.kind == GUARDED:
        return False
    placing = _PLACING.match(text, mention.end)
    if (placing is None or placing.end() != following.start
            or _REFERENCE_POINT.match(text, following.end) is not None):
        return False
    provinces = {gaz.province_code(c) for c in mention.candidates}
    return provinces.isdisjoint(gaz.province_code(c) for c in following.candidates)


def namesakes_relocated(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` with the short names the text places in another province (see the module)
    made mentions of the unit they are placed in.

    >>> from scrapegate.rules.region.gazetteer import gazetteer
    >>> gaz = gazetteer()
    >>> text = "长洲是香港著名的旅游景点之一。前往长洲可在中环乘渡轮。"
    >>> [(m.surface, gaz.unit(m.candidates[0]).name) for m in namesakes_relocated(text, gaz.mention_list(text), gaz)]
    [('长洲', '香港特别行政区'), ('香港', '香港特别行政区'), ('长洲', '香港特别行政区')]
    >>> text = "长洲区位于梧州市东部。长洲有很多老街。"
    >>> [(m.surface, gaz.unit(m.candidates[0]).name) for m in namesakes_relocated(text, gaz.mention_list(text), gaz)]
    [('长洲区', '长洲区'), ('梧州市', '梧州市'), ('长洲', '长洲区')]
    """
    if _PLACING.search(text) is None:  # most texts: no placing verb, no per-mention check
        return mentions
    units = gaz.units
    places: dict[str, tuple[str, ...]] = {}
    for i, mention in enumerate(mentions):
        if (mention.kind == ALIAS and mention.surface not in places
                and all(units[c].level > 1 for c in mention.candidates)
                and _placed_in(text, mention, mentions[i + 1] if i + 1 < len(mentions) else None, gaz)):
            places[mention.surface] = mentions[i + 1].candidates
    if not places:
        return mentions
    named = {c for m in mentions if m.kind in (NAME, FORMER) for c in m.candidates}
    return [m._replace(candidates=places[m.surface])
            if m.kind == ALIAS and m.surface in places and named.isdisjoint(m.candidates) else m
            for m in mentions]
