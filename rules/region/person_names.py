"""A county's short name that is a person's name in the text (县长卫辉, 县委书记金东, 主任傅明山).

Many county-level short forms are also given names or whole two-character names: 卫辉, 金东, 明山,
丹阳, 乌兰. Right after an official's or a reporter's title (with a surname between, or as the whole
name), a short form followed by no more Han characters, or by what a person does in a report
(表示, 介绍, 陪同), names the official, not the county; so does a prefecture's or a county's short form
between a surname and a title after it (刘昆明主任: 昆明 is the director's given name); so does every other bare use of that short
form in the same text (座谈会上,金东介绍了), unless the text names one of its units in full; and
so does a short form between two people's names in a list (张力、韩志然、乌兰、李佳). A byline's name
(作者：涅阳城, 文/安吉) is a person's too, a pen name or a real one: a short form inside it, there
or wherever the text writes that name again, is no mention (阳城 of 涅阳城 is not 阳城县).
"""

from __future__ import annotations

import functools
import re

from scrapegate.checks.textnorm import HAN, HAN_CHARS
from scrapegate.rules.region.gazetteer import ALIAS, FORMER, LEVEL_CHARS, NAME, Gazetteer, Mention

# an official's or a reporter's title, right before the name (one space may stand between: 记者 卫辉)
_TITLE = re.compile(f"(?:书记|[{LEVEL_CHARS}镇乡村]长|主任|主席|记者|通讯员|代表|委员|局长|部长|厅长|处长|同志)[ \\t\\u3000]?$")
_TITLE_SPAN = 4
# what a person does right after the name in a report
_PERSON_VERBS = ("表示", "介绍", "指出", "强调", "说", "陪同", "主持", "出席", "一行", "同志", "率队")


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    from scrapegate.rules.placeholder.detector import surnames
    return surnames()


def _person_at(text: str, start: int, end: int) -> bool:
    """Is the short name at [start, end) a person's name after a title (县长卫辉, 主任傅明山)?"""
    after = text[end : end + 1]
    if after and HAN.match(after) and not text.startswith(_PERSON_VERBS, end):
        return False
    if _TITLE.search(text, max(0, start - _TITLE_SPAN), start):
        return True
    return (start > 0 and text[start - 1] in _surnames()
            and _TITLE.search(text, max(0, start - 1 - _TITLE_SPAN), start - 1) is not None)


# a person's title or form of address right after a surname and the name (刘昆明主任, 王金东书记); not a
# unit's office (昆明市长, 沁县县长: the unit's mayor) nor a group (昆明代表团)
_WRAP = frozenset(" \n\u3000")
_TITLE_AFTER = ("主任", "书记", "主席", "局长", "部长", "厅长", "处长", "同志", "先生", "女士", "老师")


def _surnamed_before_title(text: str, start: int, end: int) -> bool:
    """Is the short name at [start, end) a person's given name between a surname and a title
    (省扶贫办刘昆明主任: 昆明 is the director's name, not 昆明市; a wrapped line's space may stand after
    the surname: 刘 昆明主任)?"""
    if not text.startswith(_TITLE_AFTER, end):
        return False
    before = start - 1 if start > 1 and text[start - 1] in _WRAP else start
    return before > 0 and text[before - 1] in _surnames()


_NAME_ITEM = re.compile(f"[{HAN_CHARS}]{{2,3}}")
_LIST_MARK = "、"
# the next item: two or three Han characters closed by 、, 等, a punctuation mark or a space
_NEXT_ITEM = re.compile(f"[{HAN_CHARS}]{{2,3}}(?=[、等,，。;；:：\\s]|$)")


def _listed_person(text: str, start: int, end: int, places: set[int]) -> bool:
    """Is the short name at [start, end) an item of a list of people's names (张力、韩志然、乌兰、
    李佳): between two 、, the items either side two or three Han characters led by a surname and
    holding no place name (``places``: where the text's mentions start)?"""
    if text[start - 1 : start] != _LIST_MARK or text[end : end + 1] != _LIST_MARK:
        return False
    before = text.rfind(_LIST_MARK, max(0, start - 5), start - 1)
    after = _NEXT_ITEM.match(text, end + 1)
    if before < 0 or after is None:
        return False
    items = [(before + 1, start - 1), (end + 1, after.end())]
    return all(
        _NAME_ITEM.fullmatch(text, a, b) and text[a] in _surnames()
        and not any(a <= p < b for p in places) for a, b in items)


# a byline: 作者/笔名/文/诗 then a name of two to four Han characters standing alone (作者：涅阳城, 文/安吉),
# not a unit's own name (作者：安吉县 is the county writing); 文 and 诗 alone, not ending a word or a
# name (记者陈大文/宜兰报导 is a reporter's dateline). The label's first character is matched first and the
# rest checked behind it: a pattern opening with a look-behind or a choice of words was tried at every
# position (3x the time on a report), one opening with a class skips to its characters.
_BYLINE = re.compile(f"[作笔署文诗](?:(?<=作)者|(?<=[笔署])名|(?<=[文诗])(?<![{HAN_CHARS}][文诗]))"
                     f"[:：/／][ \\t\\u3000]*([{HAN_CHARS}]{{2,4}})(?![{HAN_CHARS}])")


# what a text holds wherever _BYLINE matches (a cheap test before it): its labels, and 文 or 诗 only
# with a separator after them, as 文 alone is in most texts
_BYLINE_HINTS = ("作者", "笔名", "署名") + tuple(label + sep for label in "文诗" for sep in ":：/／")


def _byline_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes a byline's name (see :data:`_BYLINE`), at the byline and elsewhere."""
    names = {m.group(1) for m in _BYLINE.finditer(text) if m.group(1)[-1] not in LEVEL_CHARS}
    spans = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return spans


def person_names_dropped(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """The mentions without the short forms the text uses as a person's name (see the module).

    >>> from scrapegate.rules.region.gazetteer import gazetteer
    >>> text = "县委副书记、县长卫辉,副县长冯梅陪同。卫辉表示,将推动发展。"
    >>> [m.surface for m in person_names_dropped(text, gazetteer().mention_list(text), gazetteer())]
    []
    >>> text = "出席的有张力、韩志然、乌兰、李佳等同志。"
    >>> [m.surface for m in person_names_dropped(text, gazetteer().mention_list(text), gazetteer())]
    []
    >>> text = "秋思 作者：涅阳城 月照空山静。涅阳城，诗词爱好者。"
    >>> [m.surface for m in person_names_dropped(text, gazetteer().mention_list(text), gazetteer())]
    []
    >>> text = "同车的刘昆明主任接到信息:“昆明主任,您来沁县了吗?”我提醒昆明,不能让县里知道。"
    >>> [m.surface for m in person_names_dropped(text, gazetteer().mention_list(text), gazetteer())]
    ['沁县']
    >>> text = "卫辉市召开会议。县长卫辉主持会议,卫辉经济稳步增长。"
    >>> [m.surface for m in person_names_dropped(text, gazetteer().mention_list(text), gazetteer())]
    ['卫辉市', '卫辉']
    """
    if any(hint in text for hint in _BYLINE_HINTS):
        bylines = _byline_spans(text)
        if bylines:
            mentions = [m for m in mentions if not (m.kind == ALIAS and any(
                a <= m.start and m.end <= b for a, b in bylines))]
    units = gaz.units
    starts = {m.start for m in mentions}
    persons = {m.surface for m in mentions
               if m.kind == ALIAS and len(m.surface) == 2 and (
                   (all(units[c].level == 3 for c in m.candidates)
                    and (_person_at(text, m.start, m.end) or _listed_person(text, m.start, m.end, starts)))
                   or (all(units[c].level in (2, 3) for c in m.candidates)
                       and _surnamed_before_title(text, m.start, m.end)))}
    if not persons:
        return mentions
    named = {c for m in mentions if m.kind in (NAME, FORMER) for c in m.candidates}
    dropped = {surface for surface in persons
               if named.isdisjoint(c for m in mentions if m.surface == surface for c in m.candidates)}
    dropped_at = {m.start for m in mentions if m.surface in persons and (
        _person_at(text, m.start, m.end) or _listed_person(text, m.start, m.end, starts))}
    return [m for m in mentions if m.surface not in dropped and m.start not in dropped_at]
