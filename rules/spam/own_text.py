"""Classes of a page's own text that the clause scorer reads as spam, tested on a scorer's guess after
its extent is read (:func:`.detector.spam_hits`; the trainers read the hits before, so no weight moves).

Each test takes the spam view's text (lower-cased, simplified), the guess's view span, the scorer and
``listed`` (whether a text holds a listed offer term), and says whether the guess is the host's:

* :func:`prose_words`: ordinary words inside a sentence of prose (由[小额贷款]担保基金…, 说[爸爸妈妈把你]们…);
* :func:`cited_address`: an address cited after a name in brackets (淘宝网(http://www.taobao.com)) or in a
  reference entry (…[J]. 现代市场营销, 2018, 8(2): 7-16. https://doi.org/10.…);
* :func:`section_home`: a section's home link (娱乐首页) where the page's menu names that section (| 娱乐 |);
* :func:`forum_handle`: a user's name of Latin letters and digits (SYDNEY999) on a forum's page;
* :func:`widget_row`: a row of share and sign-in buttons (新浪微博 微信 QQ空间, 报料 注册 登录);
* :func:`markup_residue`: the page's HTML written out as text (</p><p style="box-sizing: border-box">);
* :func:`list_byline`: a listed item's source and time (爱要娱乐 2021-10-06 21:04:51) among the list's others.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scrapegate.checks.textnorm import HAN, HAN_CHARS, han_count
from scrapegate.rules.spam import extent, learned, model, register

Listed = Callable[[str], bool]

GROW_PROBABILITY = learned.GROW_PROBABILITY
HOST_MIN_HAN = 4
"""Han characters of a sentence outside a guess for the guess to stand inside prose."""
SENTENCE_REACH = 400
"""Characters read on each side of a guess for its sentence (detector.SENTENCE_REACH is this one:
:func:`.detector._sentence` reads a match's as far): a page with no sentence break, one line of prose
a hundred thousand characters long, must not make every guess score the whole text."""
_SENTENCE_BREAKS = "。!?;\n"
_REDUPLICATED = re.compile(r"(.)\1")


def _sentence(text: str, s: int, e: int) -> tuple[int, int]:
    floor, ceiling = max(0, s - SENTENCE_REACH), min(len(text), e + SENTENCE_REACH)
    left = max(text.rfind(c, floor, s) for c in _SENTENCE_BREAKS) + 1
    rights = [i for i in (text.find(c, e, ceiling) for c in _SENTENCE_BREAKS) if i >= 0]
    return max(left, floor), min(rights, default=ceiling)


def prose_words(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess ``s:e`` is ordinary words of a sentence of prose: only Han characters, no gambling,
    adult or action word, no listed term; the words alone under the scorer's threshold (the guess came
    from a window reaching past them) and no pair of Han characters ordinary text never writes, or
    else a reduplicated family word with at most two characters on either side (说[爸爸妈妈]把你);
    HOST_MIN_HAN Han characters of its sentence outside it, and the whole sentence scoring under
    GROW_PROBABILITY. The scorer weighs single words it learned from loan offers and adult keyword
    lines (小额贷款 0.86, 爸爸妈妈 0.99); the sentence they stand in is a law's or a letter's. An offer
    glued into prose scores spam by itself (黑户秒批贷款 0.99), a brand without an offer word holds a
    pair nobody writes (欢乐娱人城).

    >>> from scrapegate.rules.spam import model
    >>> text = "创业人员资金不足的,可以申请小额担保贷款,由小额贷款担保基金提供担保,财政部门给予贴息。"
    >>> prose_words(text, text.find("由小额"), text.find("由小额") + 5, model.scorer(), lambda t: False)
    True
    >>> text = "创业人员资金不足的,可以申请,由黑户秒批贷款担保基金提供担保,财政部门给予贴息。"
    >>> prose_words(text, text.find("由黑户"), text.find("由黑户") + 7, model.scorer(), lambda t: False)
    False
    """
    piece = text[s:e]
    if learned.LATIN_OR_DIGIT.search(piece) or learned.spam_word(piece) or listed(piece) or "\n" in piece.strip():
        return False
    family = _REDUPLICATED.search(piece) and all(len(x) <= 2 for x in _REDUPLICATED.split(piece))
    if not family and (extent.unordinary_han_pairs(piece) or sc.probability(piece) >= sc.threshold):
        return False
    a, b = _sentence(text, s, e)
    if han_count(text, a, s) + han_count(text, e, b) < HOST_MIN_HAN:
        return False
    return sc.probability(text[a:b]) < GROW_PROBABILITY


_URL = r"(?:https?://|www\.)[a-z0-9./_%?=&#:~+-]"
"""An address's opening and the class of its characters (the view is lower-cased)."""
_ADDRESS = re.compile(_URL + r"+|(?:doi\s*:\s*)?10\.\d{4,9}/[^\s]+")
_BRACKETED_ADDRESS = re.compile(r"\(\s*" + _URL + r"+\s*\)")
_OPEN_BRACKETED_ADDRESS = re.compile(r"\(\s*" + _URL + "*$")
_REFERENCE = re.compile(r"\[(?:j|m|c|d|n|r|s|p|a|z|g|eb|db|cp)(?:/ol)?\]|doi\s*[:.]|doi\.org/")
"""A reference entry's document type (GB/T 7714: [J] journal, [M] book, [EB/OL] web page …) or a DOI."""


def cited_address(text: str, s: int, e: int, sc: model.ClauseScorer, offers_nothing: Callable[[int], bool]) -> bool:
    """The guess ``s:e`` scores spam for an address it cites: an address in brackets after a name
    (淘宝网(http://www.taobao.com)), or any address on a reference entry's line (a DOI), and without
    its addresses it scores under GROW_PROBABILITY on a line that offers nothing (``offers_nothing(at)``:
    no listed term, tip word, offer action or messenger label). A site an injection names is its
    offer's (…官网注册(www.…)), or a brand the scorer reads without the address.

    >>> from scrapegate.rules.spam import model
    >>> text = "即网上社区——淘宝网(http://www.taobao.com),为会员提供网上商务服务。"
    >>> cited_address(text, 0, text.find(")") + 1, model.scorer(), lambda at: True)
    True
    """
    line_start, line_end = learned.line_bounds(text, s, e)
    piece = text[s:e]
    if _BRACKETED_ADDRESS.search(piece):
        rest = _BRACKETED_ADDRESS.sub("", piece)
    elif _REFERENCE.search(text, line_start, line_end) and _ADDRESS.search(piece):
        rest = _ADDRESS.sub("", piece)
    else:
        return False
    # an address cut by the span's end keeps its bracket open
    rest = _OPEN_BRACKETED_ADDRESS.sub("", rest)
    return not learned.spam_word(rest) and sc.probability(rest) < GROW_PROBABILITY and offers_nothing(s)


_SECTION_HOME = re.compile(f"([{HAN_CHARS}]{{2,4}})(?:首页|频道|主页)")
_MENU_SPLIT = re.compile(r"[|·\s]+")
MENU_MIN_ITEMS = 5
MENU_ITEM_MAX_CHARS = 6


def section_home(text: str, s: int, e: int) -> bool:
    """The guess ``s:e`` is a section's home link (娱乐首页, 体育频道) alone on its line, and the page's
    own menu (a line of MENU_MIN_ITEMS short items or more) names that section (… | 体育 | 娱乐 | …):
    the site's navigation, not a brand's link (a brand is no section of the page's menu).

    >>> text = "资讯首页 | 财经 | 体育 | 娱乐 | 汽车 | 房产\\n娱乐首页\\n明星\\n电影"
    >>> section_home(text, text.find("娱乐首页"), text.find("娱乐首页") + 4)
    True
    >>> section_home("资讯首页 | 财经 | 体育 | 汽车 | 房产\\n金沙首页\\n明星", 26, 30)
    False
    """
    line_start, line_end = learned.line_bounds(text, s, e)
    m = _SECTION_HOME.fullmatch(text[line_start:line_end].strip())
    if not m or not text[s:e].strip() or text[s:e].strip() not in m.group():
        return False
    section = m.group(1)
    for line in text.split("\n"):
        if section in line:
            items = [x for x in _MENU_SPLIT.split(line) if x]
            if (len(items) >= MENU_MIN_ITEMS and section in items
                    and sum(len(x) <= MENU_ITEM_MAX_CHARS for x in items) >= MENU_MIN_ITEMS):
                return True
    return False


_HANDLE = re.compile(r"[a-z]{4,}\d{2,}")
_FORUM_MARKS = re.compile("网友|发表于|张贴|楼主|跟帖|回帖|帖子|楼层|回复|版主|发帖")
FORUM_MIN_MARKS = 2
"""Distinct forum words (发表于, 回复, 楼主, 网友 …) on a page for it to be a forum's or a blog's."""


def forum_handle(text: str, s: int, e: int, listed: Listed) -> bool:
    """The guess ``s:e`` opens with a user's name of four Latin letters or more and digits (sydney999,
    idiot94) not glued to Han before it, on a page with FORUM_MIN_MARKS forum words (发表于, 回复, 网友,
    张贴 …), and holds nothing else that offers (no gambling, adult or action word, no listed term,
    no address). A betting site writes its number glued to its Han name (伟德betvictor1946) or with an
    offer word (bet365体育).

    >>> text = "文学城网友推荐\\n•\\nsydney999对我感觉\\n由海姑娘张贴 @ 2005-06-10"
    >>> forum_handle(text, text.find("sydney"), text.find("sydney") + 9, lambda t: False)
    True
    """
    m = _HANDLE.match(text, s)
    if not m or (s and (text[s - 1].isalnum() or text[s - 1] in ".@/:")):
        return False
    piece = text[s:e]
    if learned.spam_word(piece) or listed(piece) or re.search(r"www|http|\.[a-z]{2,}|@", piece):
        return False
    return len(set(_FORUM_MARKS.findall(text))) >= FORUM_MIN_MARKS


_WIDGET = re.compile("登录|登陆|注册|分享|扫一扫|关注|收藏|打印|微博|微信|qq|空间|邮箱|朋友圈|客户端|下载|app|"
                     "新浪|腾讯|人人网|豆瓣|搜索|订阅|帮助")
_ROW_ITEM = re.compile(r"[^\s|]+")
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})?")


def widget_row(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess ``s:e`` is a row of the page's share and sign-in buttons (新浪微博 微信 qq空间; 报料 注册
    登录 下载app): each item, split at spaces and line breaks, holds a button's word (a platform, 登录,
    分享, 下载 …) or the publisher's own channel (报料, 投稿), or is a share count, and what an item holds
    besides scores under GROW_PROBABILITY with no gambling or adult word; nothing listed. A sign-up
    offer keeps its bonus (注册送彩金) or its brand (金沙登录).

    >>> from scrapegate.rules.spam import model
    >>> text = "分享\\n新浪微博 微信 qq空间\\n回复"
    >>> widget_row(text, text.find("微博"), text.find("qq") + 2, model.scorer(), lambda t: False)
    True
    >>> text = "注册送彩金 登录 下载app"
    >>> widget_row(text, 0, len(text), model.scorer(), lambda t: False)
    False
    """
    piece = text[s:e]
    if listed(piece):
        return False
    items = _ROW_ITEM.findall(piece)
    if len(items) < 2:
        return False
    for item in items:
        if _COUNT.fullmatch(item):
            continue
        if not (_WIDGET.search(item) or register.own_contact_label(item)):
            return False
        rest = _WIDGET.sub("", item)
        if rest and (learned.spam_word(rest) or learned.LATIN_OR_DIGIT.search(rest)
                     or sc.probability(rest) >= GROW_PROBABILITY):
            return False
    return True


def markup_residue(text: str, s: int, e: int) -> bool:
    """The guess ``s:e`` is HTML markup left in the text (a CMS field holding its tags: ``</p><p
    style="box-sizing: border-box; …">``): no Han character, a tag or an attribute, no address. The
    scorer reads attribute words as it reads Latin brands; the guess units already skip such a clause
    with no Han in it, but a guess cut out of a clause holding the paragraph's text is read here.

    >>> text = '建成安置点1468个。</p><p style="box-sizing: border-box; outline: none">五年过渡期以来'
    >>> markup_residue(text, text.find("</p>"), text.find('none"') + 4)
    True
    >>> markup_residue('<a href="http://ob5566.com">', 0, 27)
    False
    """
    piece = text[s:e]
    return (not HAN.search(piece) and bool(learned.MARKUP.search(piece))
            and not _ADDRESS.search(piece))


_BYLINE = re.compile(r"(?P<name>[^\s\d][^\n]{0,23}?)[ \t]+\d{4}-\d{1,2}-\d{1,2}(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*")
BYLINE_MIN_LINES = 3
"""Lines of a source's name and a date on a page for them to be a list's bylines."""


def list_byline(text: str, s: int, e: int, listed: Listed) -> bool:
    """The guess ``s:e`` stands in a line made of a source's name and a date and time (爱要娱乐 2021-10-06
    21:04:51, cnBeta.COM 2021-10-06 19:54:44) on a page with BYLINE_MIN_LINES such lines or more: the
    bylines of a list of related articles, each its author's account name. The name holds no listed term,
    no action word (官网, 注册, app …), no id of five digits or more; a brand injected into prose or a
    title has no such line of its own among others.

    >>> lines = ["金错刀 2021-10-06 16:22:06", "爱要娱乐 2021-10-06 21:04:51", "九派新闻 2021-10-07 07:50:03"]
    >>> text = "\\n".join(lines)
    >>> list_byline(text, text.find("爱要"), text.find("爱要") + 15, lambda t: False)
    True
    >>> list_byline(lines[1], 0, 15, lambda t: False)
    False
    """
    line_start, line_end = learned.line_bounds(text, s, e)
    m = _BYLINE.fullmatch(text, line_start, line_end)
    if not m:
        return False
    name = m.group("name")
    if listed(name) or learned.offer_action(name) or re.search(r"\d{5}", name):
        return False
    return sum(1 for line in text.split("\n") if _BYLINE.fullmatch(line)) >= BYLINE_MIN_LINES
