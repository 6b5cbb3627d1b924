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
* :func:`list_byline`: a listed item's source and time (爱要娱乐 2021-10-06 21:04:51) among the list's others;
* :func:`listed_firms`: one of firms of one kind listed in a sentence ([腾讯游戏]、网易游戏发布了…).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from scrapegate.checks.textnorm import HAN, HAN_CHARS, PINYIN_GLOSS, han_count
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

    What it rests on: the guessed words alone scoring under the scorer's threshold. A brand of Han
    characters only, no offer word, no listed term and only pairs ordinary text writes would be read
    as prose words too: of the 144 distinct labelled runs of the spam corpus's real train/dev pages,
    four have that shape (杏宇, 雷竞技, 太阳成集团, 菠菜担保论坛; none was guessed alone inside clean
    prose there, so none is dropped). The last example is such a name: if the scorer guessed it alone
    in a law's sentence, this test would call it the law's words.

    >>> from scrapegate.rules.spam import model
    >>> text = "创业人员资金不足的,可以申请小额担保贷款,由小额贷款担保基金提供担保,财政部门给予贴息。"
    >>> prose_words(text, text.find("由小额"), text.find("由小额") + 5, model.scorer(), lambda t: False)
    True
    >>> text = "创业人员资金不足的,可以申请,由黑户秒批贷款担保基金提供担保,财政部门给予贴息。"
    >>> prose_words(text, text.find("由黑户"), text.find("由黑户") + 7, model.scorer(), lambda t: False)
    False
    >>> text = "创业人员资金不足的,可以申请担保贷款,由雷竞技担保基金提供担保,财政部门给予贴息。"
    >>> prose_words(text, text.find("雷竞技"), text.find("雷竞技") + 3, model.scorer(), lambda t: False)
    True
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
    elif _ADDRESS.search(piece) and _REFERENCE.search(text, line_start, line_end):
        rest = _ADDRESS.sub("", piece)
    else:
        return False
    # an address cut by the span's end keeps its bracket open
    rest = _OPEN_BRACKETED_ADDRESS.sub("", rest)
    if _SITE_WORD.fullmatch(rest.strip()):
        # a bare site word scores as an offer's (网站 0.71): whose site it is, the clause before it
        # says (届时请留意协会于[网站(www.…)]发出的公告; 金沙[官网(www.…)] stays the brand's)
        rest = text[register.clause_around(text, s, s, _OWNER_BREAKS, OWNER_MAX_CHARS)[0]:s] + rest
    return not learned.spam_word(rest) and sc.probability(rest) < GROW_PROBABILITY and offers_nothing(s)


_SITE_WORD = re.compile("(?:官方)?网站|官网|网页|主页|网址")
OWNER_MAX_CHARS = 12
"""Characters before a bare site word read for its owner (协会于网站), back to the clause's start
(after its last :data:`_OWNER_BREAKS` character)."""
_OWNER_BREAKS = ",。;!?:\n"


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


_HANDLE = re.compile(r"(?=[a-z0-9_]*?[a-z]{4})[a-z][a-z0-9_]{3,19}(?![a-z0-9_])")
"""A user's name: a Latin letter, then letters, digits or underscores (sydney999, idiot94, xiao_ming,
zboygirl), at least four letters in a row, at most twenty characters."""
_FORUM_MARKS = re.compile("网友|发表于|张贴|楼主|跟帖|回帖|帖子|楼层|回复|版主|发帖|博客|博主|博文|日志|留言")
FORUM_MIN_MARKS = 2
"""Distinct forum words (发表于, 回复, 楼主, 网友, 博客 …) on a page for it to be a forum's or a blog's."""


@lru_cache(maxsize=1)
def _forum_marks(text: str) -> int:
    """Distinct forum words on the page: one scan a page, however many guesses ask (the text's hash is
    kept by the string, so a lookup does not read it again). One page is kept: a page's guesses are read
    together, and a large page's text is not held after the next page's."""
    return len(set(_FORUM_MARKS.findall(text)))


def _is_handle(name: str) -> bool:
    """A handle that no brand writes bare: with digits or an underscore (sydney999, xiao_ming)."""
    return any(c.isdigit() or c == "_" for c in name)


def forum_handle(text: str, s: int, e: int, listed: Listed) -> bool:
    """The guess ``s:e`` opens with a user's name (:data:`_HANDLE`: sydney999, idiot94, xiao_ming) not
    glued to a letter, a digit or an address before it, on a page with FORUM_MIN_MARKS forum or blog
    words (发表于, 回复, 网友, 张贴, 博客 …), and holds nothing else that offers (no gambling, adult or
    action word, no listed term, no address but the user's own). A name of letters alone (zboygirl) is
    a user's when its line writes it again as a path of an address (…/blog/zboygirl/), the user's own
    page; a letters-only brand has no such page of its own. A betting site writes its number glued
    to its Han name (伟德betvictor1946) or with an offer word (bet365体育).

    >>> text = "文学城网友推荐\\n•\\nsydney999对我感觉\\n由海姑娘张贴 @ 2005-06-10"
    >>> forum_handle(text, text.find("sydney"), text.find("sydney") + 9, lambda t: False)
    True
    >>> text = "博客首页 博文 留言\\nzboygirl http://blog.example.com/blog/zboygirl/ 复制地址"
    >>> forum_handle(text, text.find("zboy"), len(text), lambda t: False)
    True
    >>> text = "博客首页 博文 留言\\nkaiyun 开云体育"
    >>> forum_handle(text, text.find("kaiyun"), len(text), lambda t: False)
    False
    """
    m = _HANDLE.match(text, s)
    if not m or (s and (text[s - 1].isalnum() or text[s - 1] in ".@/:")):
        return False
    name, piece = m.group(), text[s:e]
    own_page = re.compile(rf"(?:https?://|www\.)[^\s]*/{re.escape(name)}(?:/[^\s]*)?(?=\s|$)")
    if not _is_handle(name) and not own_page.search(text, *learned.line_bounds(text, s, e)):
        return False
    rest = own_page.sub("", text[m.end():e])  # the name's letters are no word (happy_fish: app)
    if learned.spam_word(rest) or listed(piece) or re.search(r"www|http|\.[a-z]{2,}|@", rest):
        return False
    return _forum_marks(text) >= FORUM_MIN_MARKS


SHARE_NETWORKS = ("facebook", "twitter", "plurk", "line", "instagram", "youtube", "linkedin", "pinterest", "reddit",
                  "email")
"""The networks a page's share row names (folded): its buttons' words here, and no messenger id after a
label in ``detector._NOT_AN_ID``."""
_WIDGET = re.compile("登录|登陆|注册|分享|扫一扫|关注|收藏|打印|微博|微信|qq|空间|邮箱|朋友圈|客户端|下载|app|"
                     "新浪|腾讯|人人网|豆瓣|搜索|订阅|帮助|" + "|".join(SHARE_NETWORKS) + "|脸书|推特")
"""A button's word: an action, or a network the page shares to (``分享至: facebook line plurk twitter``: a
row naming Line among the other networks is its share buttons, not a Line id)."""
_SERVICE = re.compile("邮箱|空间|相册|网盘|博客|客户端")
_SERVICE_KIND = re.compile("免费|付费|vip|个人|企业|手机")
"""A service the site's own account gives (邮箱, 网盘) and the kinds it names it by (注册免费邮箱, 注册VIP邮箱)."""
_ROW_ITEM = re.compile(r"[^\s|]+")
_ITEM_GAP = re.compile(r"[\s|]")
WIDGET_ROW_MAX_CHARS = 80
"""Characters of a row of buttons at most, its cut items read whole."""
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})?")


def widget_row(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess ``s:e`` is a row of the page's share and sign-in buttons (新浪微博 微信 qq空间; 报料 注册
    登录 下载app): each item, split at spaces and line breaks, holds a button's word (a platform, 登录,
    分享, 下载 …) or the publisher's own channel (报料, 投稿), or is a share count, and what an item holds
    besides (but the kind of a service the site's account gives: 注册[免费]邮箱, 注册[VIP]邮箱) scores
    under GROW_PROBABILITY with no gambling or adult word; nothing listed. A sign-up offer keeps its
    bonus (注册送彩金) or its brand (金沙登录).

    >>> from scrapegate.rules.spam import model
    >>> text = "分享\\n新浪微博 微信 qq空间\\n回复"
    >>> widget_row(text, text.find("微博"), text.find("qq") + 2, model.scorer(), lambda t: False)
    True
    >>> text = "注册送彩金 登录 下载app"
    >>> widget_row(text, 0, len(text), model.scorer(), lambda t: False)
    False
    >>> widget_row("登录\\n注册免费邮箱", 0, 9, model.scorer(), lambda t: False)
    True
    >>> widget_row("登录\\n注册免费邮箱\\n注册vip邮箱(特权邮箱,付费)", 0, 15, model.scorer(), lambda t: False)
    True
    """
    # an item cut by the guess's edge is read whole (注册VIP|邮箱)
    while s > 0 and e - s < WIDGET_ROW_MAX_CHARS and not _ITEM_GAP.match(text, s - 1):
        s -= 1
    while e < len(text) and e - s < WIDGET_ROW_MAX_CHARS and not _ITEM_GAP.match(text, e):
        e += 1
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
        if _SERVICE.search(item):
            rest = _SERVICE_KIND.sub("", rest)
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


_DATE = (r"(?:\d{4}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日"
         r"|\d{1,2}-\d{1,2}(?=[ \t]+\d{1,2}:\d{2}))")
"""A byline's date: 2021-10-06, 2021/10/06, 2021.10.06, 2021年10月6日, or a month and day with a time
after it (10-06 21:04)."""
_BYLINE = re.compile(r"(?P<name>[^\s\d][^\n]{0,23}?)[ \t]+" + _DATE + r"(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*")
BYLINE_MIN_LINES = 3
"""Lines of a source's name and a date on a page for them to be a list's bylines."""


@lru_cache(maxsize=1)
def _byline_lines(text: str) -> int:
    """Lines of the page that are a name and a date: one scan a page, however many guesses ask."""
    return sum(1 for line in text.split("\n") if _BYLINE.fullmatch(line))


def list_byline(text: str, s: int, e: int, listed: Listed) -> bool:
    """The guess ``s:e`` stands in a line made of a source's name and a date (and a time: 爱要娱乐
    2021-10-06 21:04:51, cnBeta.COM 2021/10/06, 游民星空 10-06 19:54) on a page with BYLINE_MIN_LINES
    such lines or more: the bylines of a list of related articles, each its author's account name. The
    name holds no listed term, no action word (官网, 注册, app …), no id of five digits or more; a brand
    injected into prose or a title has no such line of its own among others.

    >>> lines = ["金错刀 2021-10-06 16:22:06", "爱要娱乐 2021-10-06 21:04:51", "九派新闻 2021-10-07 07:50:03"]
    >>> text = "\\n".join(lines)
    >>> list_byline(text, text.find("爱要"), text.find("爱要") + 15, lambda t: False)
    True
    >>> list_byline(lines[1], 0, 15, lambda t: False)
    False
    >>> text = "金错刀 2021年10月6日\\n爱要娱乐 2021年10月6日\\n九派新闻 10-07 07:50"
    >>> list_byline(text, text.find("爱要"), text.find("爱要") + 4, lambda t: False)
    True
    """
    line_start, line_end = learned.line_bounds(text, s, e)
    m = _BYLINE.fullmatch(text, line_start, line_end)
    if not m:
        return False
    name = m.group("name")
    if listed(name) or learned.offer_action(name) or re.search(r"\d{5}", name):
        return False
    return _byline_lines(text) >= BYLINE_MIN_LINES


MENU_MIN_LINES = 6
"""Consecutive short lines around a guess for them to be a menu (a portal's column of links)."""
MENU_MIN_OTHERS = 2
"""Lines of the column beside the guess scoring under GROW_PROBABILITY, at least (and more than half
of them: a column's heading, 精彩短信:, may score higher)."""
MENU_LINE_MAX_CHARS = 12
"""Characters of a menu's line at most (its item, stripped)."""
_LINE_END_MARKS = " \t!。.…>»"
_MENU_OFFER = re.compile("体育|娱乐|棋牌|真人|彩票|博彩|投注|电竞|集团|国际|运动|论坛|赌|开奖|六合|一肖|一码|特码|老虎机|"
                         "捕鱼|视讯|网投|无码|一区|二区|三区|成人|午夜|人妻|不卡|偷拍|自拍|激情|日韩|欧美|中文字幕|"
                         "少妇|熟女|丝袜|影院|约炮|援交|裸|精品|av")
"""Words of a brand's or an adult keyword's core (体育, 集团, 国际, 精品 …): an item holding one is no
menu's own service, however low it scores alone (开云体育). A portal's menus write 彩 and 游戏 of its
ring tones and games (彩屏动画, 小游戏), which the scorer's gambling words hold."""


def menu_lines(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess ``s:e`` is whole lines of a column of short items (MENU_MIN_LINES lines or more in a
    row, each at most MENU_LINE_MAX_CHARS characters: a portal's menu of services, its column of
    promoted links), and each of its lines alone scores under the scorer's threshold with nothing
    listed, no action word and no brand's or adult keyword's core (:data:`_MENU_OFFER`: 体育, 集团,
    精品 …), while most of the column's other lines (MENU_MIN_OTHERS or more) score under GROW_PROBABILITY. The
    scorer reads a window of several items (和弦铃声 / 原唱KTV / 彩色图片 / 彩屏动画) as a keyword list;
    a keyword list's lines each read as spam alone (国产精品 / 一区二区), a brand inserted into a menu
    holds a listed term or a brand's core (金沙娱乐, 开云体育), and an injected column has no clean
    items around it.

    >>> from scrapegate.rules.spam import model
    >>> text = "精彩短信\\n向左走向右走\\n和弦铃声\\n原唱ktv\\n彩色图片\\n彩屏动画\\n疯狂音效\\n天气预报\\n搜狐商城"
    >>> menu_lines(text, text.find("和弦"), text.find("彩屏动画") + 4, model.scorer(), lambda t: False)
    True
    >>> text = "精彩短信\\n向左走向右走\\n国产精品\\n一区二区\\n疯狂音效\\n天气预报\\n搜狐商城"
    >>> menu_lines(text, text.find("国产"), text.find("一区二区") + 4, model.scorer(), lambda t: False)
    False
    """
    line_start, line_end = learned.line_bounds(text, s, e)
    if text[line_start:s].strip() or text[e:line_end].strip(_LINE_END_MARKS):
        return False
    guessed = text[line_start:line_end].split("\n")
    if listed(text[s:e]) or any(len(x.strip()) > MENU_LINE_MAX_CHARS for x in guessed):
        return False
    for line in guessed:
        item = line.strip(_LINE_END_MARKS)
        if item and (learned.offer_action(item) or _MENU_OFFER.search(item) or sc.probability(item) >= sc.threshold):
            return False
    before = _column(text, line_start, -1)
    after = _column(text, line_end, 1)
    if len(before) + len(guessed) + len(after) < MENU_MIN_LINES:
        return False
    others = before + after
    clean = sum(sc.probability(x) < GROW_PROBABILITY for x in others)
    return clean >= MENU_MIN_OTHERS and 2 * clean > len(others)


def _column(text: str, at: int, step: int) -> list[str]:
    """The short lines in a row before (``step`` -1, ``at`` a line's start) or after (``step`` 1, ``at``
    a line's end) a line, each at most MENU_LINE_MAX_CHARS characters, the nearest first; at most
    MENU_MIN_LINES of them (enough to tell a column)."""
    lines: list[str] = []
    while len(lines) < MENU_MIN_LINES:
        if step < 0:
            if at <= 0:
                break
            start = text.rfind("\n", 0, at - 1) + 1
            line, at = text[start:at - 1], start
        else:
            if at >= len(text):
                break
            end = text.find("\n", at + 1)
            end = len(text) if end < 0 else end
            line, at = text[at + 1:end], end
        item = line.strip(_LINE_END_MARKS)
        if not item or len(item) > MENU_LINE_MAX_CHARS:
            break
        lines.append(item)
    return lines


def own_contact(text: str, s: int, e: int, contacts: re.Pattern[str], own_line: Callable[[int], bool]) -> bool:
    """The guess ``s:e`` holds contact ids (``contacts``: QQ, WeChat, an address) and each stands on the
    publisher's own contact line (``own_line(at)``: labelled 客服, 投稿, 报料 … on a line that offers
    nothing, the lines the contact rule already leaves alone), with no gambling, adult or action word
    beside them: a footer's 客服QQ:12345678 among 联系我们 and 投稿邮箱, which the scorer reads as a
    contact offer.

    >>> import re
    >>> text = "联系我们 | 网站地图 | 客服qq:12345678 | 投稿邮箱"
    >>> s = text.find("客服")
    >>> own_contact(text, s, s + 13, re.compile(r"qq:\\d+"), lambda at: True)
    True
    """
    ids = [m.start() for m in contacts.finditer(text, s, e)]
    return (bool(ids) and all(map(own_line, ids))
            and not learned.spam_word(contacts.sub("", text[s:e])))


_SPEC_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:[a-z]{1,3}|匹|马力|挡|速|缸|门|座|寸|英寸|万|元|毫安|升|公里)?"
                         r"|[a-z]{1,2}\d{1,2}")
"""One item of a specification list: a number with its unit (3.0t, 350匹, 8at, 5000mah: Latin units
are any one to three letters) or a short model code (v6, i7)."""
_SPEC_CHAR = re.compile(r"[\d.a-z+\s匹马力挡速缸门座寸英万元毫安升公里]")
"""A character of a specification list: of its items (see _SPEC_TOKEN) or its joins."""
_SPEC_ITEM = re.compile(r"[^+\s]+")
"""One item of a clause whose items are joined by ``+`` or spaces."""
SPEC_MIN_ITEMS = 3
SPEC_REST_MAX_HAN = 2
"""Han characters of a guess outside its specification list at most (a cut neighbour word: 网 of 网友)."""


def spec_list(text: str, s: int, e: int, listed: Listed) -> bool:
    """The guess ``s:e`` is a product's specification list (3.0T V6+350匹+8AT, 6.7英寸+120hz+5000mah):
    a clause of SPEC_MIN_ITEMS items or more joined by ``+`` or spaces, each a number with its unit or a
    short model code, with at most SPEC_REST_MAX_HAN Han characters of the guess outside it and no
    gambling, adult or action word there; nothing listed. The scorer reads runs of Latin letters and
    digits as a brand's id; a brand's id is glued to its name or an offer, never a list of measures.

    >>> text = "马自达6即将发售,3.0t v6+350匹+8at,网友:这价格是真的香"
    >>> spec_list(text, text.find("0t"), text.find("网友") + 1, lambda t: False)
    True
    >>> text = "马自达6即将发售,3.0t v6+350匹+8at,金沙娱乐"
    >>> spec_list(text, text.find("0t"), len(text), lambda t: False)
    False
    """
    if text[s] not in ",;。\n" and not _SPEC_CHAR.match(text, s):
        return False  # the guess opens inside a clause holding what no item is made of
    clause_start = max(text.rfind(c, 0, s + 1) for c in ",;。\n") + 1
    ends = [i for i in (text.find(c, s) for c in ",;。\n") if i >= 0]
    clause_end = min(ends, default=len(text))
    if text.find("+", clause_start, clause_end) < 0:
        return False
    # Items are read lazily: a long clause of prose fails at its first item, not after splitting it all.
    items = 0
    for m in _SPEC_ITEM.finditer(text, clause_start, clause_end):
        if not _SPEC_TOKEN.fullmatch(m.group()):
            return False
        items += 1
    if items < SPEC_MIN_ITEMS or listed(text[s:e]):
        return False
    rest = text[min(s, clause_start):clause_start] + text[clause_end:max(e, clause_end)]
    return han_count(rest) <= SPEC_REST_MAX_HAN and not learned.spam_word(rest)


_RANKED_HEADING = re.compile(r"(?P<head>.+?)\s*top\s?(?:[1-9]\d?|100)", re.DOTALL)


def ranked_heading(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess is a ranked list's heading: a topic and ``Top N`` (电影号热门Top10, a blog's
    配置技巧Top 10). ``Top N`` lifts any heading's score (电影号热门 0.13, with Top10 0.86); the topic
    alone scores under GROW_PROBABILITY and holds nothing listed, while a betting list's heading scores
    high by itself (十大正规博彩平台 0.90).

    >>> from scrapegate.rules.spam import model
    >>> text = "电影号热门top10\\n1 细思恐极的人性寓言"
    >>> ranked_heading(text, 0, text.find("\\n"), model.scorer(), lambda t: False)
    True
    >>> text = "十大正规博彩平台top10\\n1 某某"
    >>> ranked_heading(text, 0, text.find("\\n"), model.scorer(), lambda t: False)
    False
    """
    m = _RANKED_HEADING.fullmatch(text, s, e)
    if m is None:
        return False
    head = m.group("head")
    return han_count(head) >= 2 and not listed(head) and sc.probability(head) < GROW_PROBABILITY


KIND_CHARS = 2
"""The characters of a firm's name that say its kind (游戏, 娱乐, 体育, 集团): the last ones."""
LIST_ITEM_MAX_CHARS = 10
_LIST_ITEM = re.compile(f"[{HAN_CHARS}]{{{KIND_CHARS + 1},{LIST_ITEM_MAX_CHARS}}}")
"""A listed firm's name: Han characters, a head and its kind word."""
GLOSSED_ITEM_MAX_CHARS = 4 * LIST_ITEM_MAX_CHARS


def listed_firms(text: str, s: int, e: int, sc: model.ClauseScorer, listed: Listed) -> bool:
    """The guess ``s:e`` is one name of a list of firms of one kind, joined by 、, in a sentence of prose
    ([腾讯游戏]、网易游戏发布了…的通知): Han only, no listed term, no pair ordinary text never writes, a
    name next to it in the list ending in the same kind word under another head, and the whole
    sentence scoring under GROW_PROBABILITY. The scorer learned the kind words from betting sites
    (游戏, 娱乐, 体育), so a firm's name scores as one; firms named together are the sentence's
    subjects or objects. A brand a hack put into a list carries its address or its offer
    (由学生会、6672海湾国际主办), or the sentence makes one.

    >>> from scrapegate.rules.spam import model
    >>> text = "本报讯 近日,腾讯游戏、网易游戏发布了关于暑期未成年人限玩的通知,调整了限玩时间。"
    >>> listed_firms(text, text.find("腾讯"), text.find("腾讯") + 4, model.scorer(), lambda t: False)
    True
    >>> text = "近日,学生会、金沙娱乐联合举办了迎新晚会,欢迎新同学。"
    >>> listed_firms(text, text.find("金沙"), text.find("金沙") + 4, model.scorer(), lambda t: False)
    False
    """
    piece = text[s:e]
    if (not _LIST_ITEM.fullmatch(piece) or listed(piece) or extent.unordinary_han_pairs(piece)
            or not (text.startswith("、", e) or text.endswith("、", 0, s))):
        return False
    kind = piece[-KIND_CHARS:]
    # the name after it ends at its kind word (the sentence's verb follows it unmarked), read without the
    # pinyin a content farm glosses it with (網(wǎng)易游戲); the one before ends at 、
    after = PINYIN_GLOSS.sub("", text[e + 1:e + 1 + GLOSSED_ITEM_MAX_CHARS]) if text.startswith("、", e) else ""
    kind_at = after.find(kind, 1, LIST_ITEM_MAX_CHARS)
    before = s - 1 if text.endswith("、", 0, s) else -1
    if not ((kind_at > 0 and _LIST_ITEM.fullmatch(after, 0, kind_at + KIND_CHARS))
            or (before > KIND_CHARS and text.endswith(kind, 0, before)
                and han_count(text, before - KIND_CHARS - 1, before) == KIND_CHARS + 1)):
        return False
    a, b = _sentence(text, s, e)
    return sc.probability(text[a:b]) < GROW_PROBABILITY
