"""A betting brand substituted for an institution's name: the hacked school, hospital or government
page keeps its text and replaces its own name, every time it occurs, with an operator's
(``[金沙官网]在主教320会议室召开…``, ``仪式由[suncitygroup太阳新城官网]党委书记…主持``).

The institution's name has places of its own in such prose, whatever the words of the brand:

* before what the acting body does or owns: 召开, 举办, 党委, 校长, 师生, 学子, 班子成员, 第十五届 …
  (:data:`_SLOT_WORD`); a date written straight before the name is the sentence's;
* as the subject of an event held somewhere: ``X在[place]召开/举行/举办`` (:data:`_EVENT_AFTER`);
* as the subject before 开展 (``[X]开展…活动``), when the name by itself scores as brands do
  (:data:`ACTIVITY_SLOT_PROBABILITY`: any subject of ordinary prose stands there too);
* before its own bodies (学位评定委员会, 图书馆, 研究生院, 学生工作领导小组) and as the issuer of a cited document,
  ``《[X]关于…的决定》`` (:func:`issuer_ends`), ``《[X]课程考试管理工作实施细则》`` (:func:`_title_heads`: a
  title's head needs the slot's score, a book's or a law's subject being written there too);
* at the head of a document title, before its year or its subject (``[X]2024年硕士研究生复试工作
  办法``, ``[X]研究生国家奖学金评审实施细则``);
* in a news item's byline among its writers (``本网讯([金沙贵宾会尊享每一刻] 黄引娣)``, :func:`_byline_names`);
* signing a notice, alone on the line before its closing date (``[伟德BETVlCTOR1946]\\n2023年6月``,
  :func:`_signatures`);
* as what a student enters (``入读[X]的毕业学子``, ``踏入[X]的新人``, :data:`_ENROLLED`);
* in the site-name slot after the title (``…活动的通知-[pg电子麻将胡了]``, :func:`title_suffix`): a
  site's own name there (人民网, 58同城, 微博) carries no gambling or adult word.

A name found there that lacks an institution's suffix (大学, 学院, 医院, 局 …) is a brand when the
clause scorer rates it spam (real names score near 0: 西南交通大学 0.002, 临沧市公安局 0.003), or when
it mixes Latin letters into Han (``151amjs澳金沙门``, ``suncitygroup太阳新城官网``), or when it is written
in another script than the page (a simplified brand recurring in a traditional page,
:mod:`.script_shift`); digits do not
count (``全校400余名``, ``表1``, ``二0二五学年``), but for three or more glued to a name scoring as a brand
(``72886必赢网站``, ``365体育官网``; written in several slots of the page, ``188金宝``, it needs only the
slot's score) and for letters and digits mixed in one token, even before an
institution's suffix (``304am永利集团``). A site number glued to the name's edge (:func:`glued_number`:
``6672海湾国际主办``, ``…集团3371团委``) makes it a brand in the slot however little the scorer knows
its words; outside any slot, a company or offer word with such a number (:func:`numbered_names`:
``星河集团5521``, ``太阳成集团tyc4633``) needs a modest score. A name never starts inside an address: the last label of one glued to the host's next word
(``…ob55646.[top]某某考察``) is the address's. A contract's code and unit (``nw2标段``,
``yx10项目``) is no site's address. A name ending in a site's word, or before a year, that opens a dated sentence
(``9月4日,[294俄罗斯登陆官方]迎来了…``, :func:`_dated_subjects`) stands in the body's place too. A brand dressed as a foreign firm's subsidiary scores by its glossed head
(``太阳集团(中国)[有限公司]``), and a 的 written into a recurring brand (``新葡的京官网``) is no clause. A name ending in 集团/公司 with a dean, a principal or
teachers and students after it (``7788…集团公司院长``) is a school's name replaced with its suffix kept. In a title the name must score higher, the
title being all the context there is. Once found, the brand's Latin core is the brand too
(``WilliamHill中文官方网站`` -> every standalone ``WilliamHill``), and so is its Han name without the
address and site words glued to it (``16877太阳集团安全入口`` -> ``太阳集团在化工楼召开…``,
:func:`han_cores`), and its name without the ``(中国)`` suffix in the page's menu (:func:`brand_segments`).

Executed example (``python -m doctest``)::

    >>> from scrapegate.rules.spam import model
    >>> sorted(substituted_brands("14时,金沙官网在主教320会议室召开招生工作推进会。", model.scorer()))
    ['金沙官网']
    >>> substituted_brands("党委副书记出席仪式。全校400余名师生参加活动。", model.scorer())
    {}
    >>> sorted(substituted_brands("由学生会、6672海湾国际主办的读书分享会举行。", model.scorer()))
    ['6672海湾国际']
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from os.path import commonprefix
from typing import NamedTuple

import ahocorasick_rs
from scrapegate.checks.textnorm import HAN as _HAN
from scrapegate.checks.textnorm import FOUR_HAN, HAN_CHARS, han_count
from scrapegate.rules import data
from scrapegate.rules.spam import extent, model

NAME_MAX_CHARS = 20
"""A name in the slot is at most this long (``suncitygroup太阳新城官网`` is 20)."""
BRAND_SLOT_PROBABILITY = 0.6
"""A Han name of three characters or more in the institution's slot, without an institution's
suffix, that scores this much is a brand (real institutions' names score near 0: 西南交通大学 0.002,
国家体育总局 0.05). Chosen on the train/dev pages and the chrome corpus' clean train/dev pages with
the scorer of 001baf4: words that land in the slot in clean prose score up to 0.5 (博客网 0.50 before
董事长, 返校后 0.19), brands mostly above 0.9 (金沙官网 0.98, 威尼斯人91111 0.98, 意昂4体育 0.98)."""
TITLE_SLOT_PROBABILITY = 0.5
"""At the head of a title, where nothing else tells a name's role, a name needs this score."""
PINYIN_SUFFIX_PROBABILITY = 0.8
"""A name with an institution's suffix but a long Latin (pinyin) run glued to its Han scoring this
much is a brand (``jinnianhui今年会``); ``google中国公司`` scores 0.21, ``ieee中国委员会`` 0.04."""
GLUED_CORE_PROBABILITY = 0.9
"""A Latin word in the slot is a brand when, where it is glued to Han words elsewhere in the page,
the glued token scores this much (``williamhill`` next to ``williamhill官网开放办学``)."""
LATIN_CORE_MIN_LETTERS = 5
"""A found brand's Latin part this long is reported wherever it stands alone."""
_LATIN_WORD = re.compile("[a-z]{%d,}" % LATIN_CORE_MIN_LETTERS)
_LATIN_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

ACTIVITY_SLOT_PROBABILITY = 0.9
"""A name before 开展 (``[优德88手机版app首页]开展季节性全民健身活动``) is a brand when it scores this much.
开展 follows any subject of ordinary prose (社区开展, 医疗器械注册人开展: 注册人 scores 0.63), so the slot
asks for the score brands have (0.9 and more) rather than the 0.6 of the slots only a body has."""
_ACTIVITY_VERB = "开展"
_ACTIVITY_ADVERB = re.compile("(?:扎实|积极|认真|深入|广泛|大力|全面|持续|集中|联合|共同|主动|组织|陆续|先后|定期|多次)+$")
"""How 开展 is done (扎实开展, 组织开展): the verb's, not the end of the name before it."""

_NAME_CHAR = re.compile(f"[a-z0-9(){HAN_CHARS}]")
_HOLDING_VERB = re.compile("召开|举办|举行|主办|承办")
"""What an institution does: never inside its name."""
# A campus is named by its side (南校区): that character is the host's, not the end of the name before it.
_CAMPUS = "|".join(side + "校区" for side in "东西南北主新老本") + "|校区"
_SLOT_LITERAL_WORDS = ("党委|党总支|副书记|书记|副院长|执行院长|院长|副校长|校长|主任|董事长|" + _HOLDING_VERB.pattern + "|"
                       + _CAMPUS + "|领导班子|师生|教职工|团委|调研|考察|学位评定委员会|学术委员会|研究生院|研究生会|图书馆|校友会|分工会|工会|学生会|"
                       "党支部|员工党支部|学生党支部|本科生党支部|研究生党支部|团总支|首届|班子成员|学子|"
                       # the body's standing working group on one of its works (X安全工作领导小组)
                       "工作领导小组|员工工作领导小组|学生工作领导小组|"
                       # the body's yearly meeting on one of its works (华体会体育[科技工作会]与会代表)
                       "科技工作会|科研工作会|教学工作会|党建工作会|招生工作会|就业工作会|学生工作会|安全工作会|宣传工作会")
_COHORT = re.compile(r"(?:19|20)\d\d级")
"""A school's cohort (2017级): its name stands before the year."""
_SLOT_WORD = re.compile(_SLOT_LITERAL_WORDS + r"|第[\d一二三四五六七八九十百]+届|\d{4}届|" + _COHORT.pattern)
"""The slot's words; :func:`slot_word_starts` finds where they start without trying every position."""
_SLOT_LITERALS = ahocorasick_rs.AhoCorasick(_SLOT_LITERAL_WORDS.split("|"),
                                            matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)
"""The literal slot words as one automaton: leftmost-first matches are the alternation's (the
earliest start, then the first word listed). The regex tried the alternation at every common first
character (学, 院, 主 …): the largest cost of the family on a report."""
_ORDINAL_CHARS = frozenset("一二三四五六七八九十百")
# An event held at a place: the name stands before 在/于 and the place, the verb after it.
_EVENT_AFTER = re.compile(r"(?:在(?!线)|于)[^,。;!?\n]{1,24}?(?:召开|举行|举办|开展|组织)")
_TITLE_HEAD = re.compile(r"(?:20\d{2}(?:年|[春夏秋冬]季|学年)|研究生|博士|硕士|本科|学位|招生)")
"""Where a title's topic starts after its subject's name: its year (2024年, 2018秋季), a degree, 招生."""
_PREPOSITION = re.compile("到|在|由|向|对|赴|代表|莅临|走进|来到|了|访问|经|来自|就|与|和|同|及|培养|感受|为|给|据|随|受")
"""The prepositions anywhere: no one of them starts inside another and ends elsewhere (来到 holds
到, ending where it ends), so a scan finds every place where one ends."""
# A preposition that is half of a word (在线, 和平) is no boundary.
_COMPOUNDS = frozenset({"在线", "和平", "同城", "与会", "对外", "为民", "就业", "经济", "经典", "来自", "了解"})
_COMPOUND = re.compile("|".join(sorted(_COMPOUNDS)))
_SLOT_PREFIX = re.compile("^(?:在|到|由|向|对|赴|代表|莅临|走进|来到|慰问了|访问|欢迎访问|经|来自)")
_SLOT_ADVERB = re.compile("(?:成功|正式|隆重|顺利|近日|日前|今天|今日|再次|首次)+$"
                          "|(?:首任|前任|现任|新任|时任|名誉|代理|常务|行政|教学|分管|专职|兼职)$")
"""What ends a name but belongs to the verb (正式[召开]) or to the role after it (首任[院长], 常务[副院长],
行政[副院长])."""
# A 大厅 is a hall (服务大厅, a casino's 游戏大厅: 澳门新莆京游戏大厅), not a department (教育厅, 办公厅); a
# 网站 is a site, not a station.
_INSTITUTION_SUFFIXES = tuple("大学|学院|学校|中学|小学|幼儿园|政府|局|委|厅|部|处|办|中心|公司|集团|协会|学会|"
                              "医院|院|所|站|队|会|社|馆|镇|乡|村|街道|区|县|市|省|校|系|科|室|组|团|电视台|电台|报|"
                              "社区|支部|基地|园|场|厂|行|分行|银行|法院|检察院|我们|全体|双方|大家".split("|"))
_NOT_INSTITUTION_SUFFIXES = ("大厅", "网站")
"""Endings of a suffix (厅, 站) that are no body's: no other suffix ends in one of them."""


def institution_name(name: str) -> bool:
    """The name ends in an institution's suffix. A bare 会 ends a body's name (工会, 委员会, 同乡会) only
    after a character ordinary text writes before 会: betting venues end in 会 too, glued to their
    brand (俄罗斯贵宾会, 金沙会, 乐鱼会: 宾会, 沙会, 鱼会 are pairs nobody else writes). The suffix is
    read by ``endswith`` (before a last line break, where a pattern's ``$`` also matches): a pattern
    anchored at the end was tried at every position of the name.

    >>> institution_name("潮州同乡会"), institution_name("俄罗斯贵宾会")
    (True, False)
    """
    end = name[:-1] if name.endswith("\n") else name
    if not end.endswith(_INSTITUTION_SUFFIXES) or end.endswith(_NOT_INSTITUTION_SUFFIXES):
        return False
    return not end.endswith("会") or end.endswith(("协会", "学会")) or extent.unordinary_han_pairs(name[-2:]) == 0


_CLAUSE_WORD = re.compile(r"在|是|的|了|我|将|已|与|和|及|为|于|\d[年月日]|[今昨明去]年|今天|今日|第")
# Latin letters in a Han name mark a brand (151amjs澳金沙门); digits alone do not: they count
# (全校400余名), number (表1) or date (二0二五学年) things as often.
_LATIN_IN_HAN = re.compile(r"[a-z]{2}")
LEGAL_SUFFIX = "集团有限公司|股份有限公司|有限公司|集团|公司"
"""A firm's legal suffixes, longest first (a match takes the whole suffix)."""
_SUBSTITUTED_HEAD = re.compile(f"([a-z0-9{HAN_CHARS}]{{3,}}?)(?:{LEGAL_SUFFIX})$")
_GLOSSED_LEGAL_NAME = re.compile(f"([a-z0-9{HAN_CHARS}]{{2,}}\\([{HAN_CHARS}]{{2,3}}\\))(?:{LEGAL_SUFFIX})$")
"""A name with a region in brackets and a firm's legal suffix after it: the head, gloss kept, is scored."""
_INSTITUTION_WORD = re.compile("大学|学院|医院|政府|委员会|中心|协会|学会|研究院|银行|彩票|博彩|娱乐场")
"""Words of a legitimate body inside a head (中国福利彩票发行中心, 博彩监察协调局): the lottery's and the
casino regulator's and operators' own bodies are no substituted brand."""
_LATIN_GLUED_HEAD = re.compile(f"([{HAN_CHARS}]{{2,}}[a-z]{{4,}})(?=[{HAN_CHARS}]{{2}})")
"""A Han name with a Latin word glued after it and more Han after that: a brand and its Latin
spelling in front of a name."""
_SCHOOL_ROLE = re.compile("院长|副院长|执行院长|校长|副校长|师生|学子|教职工|学位评定委员会|研究生院|" + _CAMPUS + "|校友会")
"""Slot words only a school (or a hospital) has."""
_COMPANY_END = re.compile("(?:集团|公司)$")
SCHOOL_OFFER_NAME_PROBABILITY = 0.2
"""A name ending in a site's offer word (:data:`_OFFER_END`) before what only a school or a hospital
has (教职工, 师生, 校长 …: :data:`_SCHOOL_ROLE`) is a brand from this score: no school is named X平台 or
X娱乐, and a brand of two ordinary characters and such a word scores low (半岛平台 0.27, 半岛体育 0.21)."""
_OFFER_END = re.compile("(?:平台|体育|娱乐|官网|官方|棋牌|彩票|电竞|真人|网址|入口)$")
_SITE_WORDS = "官方网站|网站|官网|平台|官方|入口|首页"
_ACTION_TAIL = re.compile(f"(?<=[a-z0-9{HAN_CHARS}])(?:{_SITE_WORDS}|app)$")
"""An offer's last word after a brand's name (72886必赢[网站]): the name stands without it too."""
_PUBLIC_BODY = re.compile("(?:人大|政协|人大常委会|政府|委员会|法院|检察院|大学|学院|学校|中学|小学|医院|[局厅委办])$")
"""A public body's name (德州人大, 市政府, 某某大学): its own site is named after it; a firm (集团, 公司)
is no public body, a brand keeping one's suffix (永利集团官网) still reads as a brand."""


def public_body(name: str) -> bool:
    """``name`` ends as a public body's name does (:data:`_PUBLIC_BODY`: 某县人民政府, 某市文化和旅游局)."""
    return _PUBLIC_BODY.search(name) is not None


_EVENT = re.compile("(?:典礼|仪式|会议|大会|活动|论坛|讲座|展|赛|节|礼|典)$")
_WORKS_CODE = re.compile(r"[a-z]{1,4}-?\d{1,3}(?:标段|合同段|施工段|项目部?|工程|工区|分部)$")
"""A construction contract's code and its unit (沿江高速[lj3标段], [yx10项目]部, sg5合同段): the letters and
digits number a section of works, not a betting site's address."""
_LATIN_CORE = re.compile(r"[a-z][a-z0-9]*")
LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")
_NUMBER_BRAND = re.compile(f"(?!(?:19|20)\\d\\d)\\d{{3,}}[{HAN_CHARS}]{{2}}")
"""Three digits or more (not a year) glued to a Han name: a betting site's number (72886必赢,
365足球外围平台)."""
_ADDRESS_TOKEN = re.compile(f"(?:\\d{{2,}}[a-z]{{2,}}|[a-z]{{2,}}\\d{{2,}})[a-z0-9]*[{HAN_CHARS}]")
"""Letters and digits mixed in one token glued to Han (304am永利集团, hg0088皇冠): a betting site's
address written as its name; an institution's name has no such token before its suffix."""
_SITE_WORD_HEAD = re.compile(f"([a-z0-9{HAN_CHARS}]{{2,}}?(?:主站|总站|官网|官方网站|官方客服|网址|入口|首页|登录))"
                             f"(?=[{HAN_CHARS}]{{2,}})")
"""A name's head ending in a site's word (主站, 官网, 网址 …) with more Han after it (a unit's name)."""
_ADDRESS_HEAD = re.compile(f"([a-z0-9{HAN_CHARS}]{{2,}}?(?:\\d{{2,}}[a-z]{{2,}}|[a-z]{{2,}}\\d{{2,}})[a-z0-9]*)"
                           f"(?=[{HAN_CHARS}]{{2,}})")
"""A name's head ending in a site's address token (3512vip, vip3512) with more Han after it."""
_REGION_GLOSS = re.compile(f"\\([{HAN_CHARS}]{{2,3}}\\)")
"""A place in brackets inside a name, as brands write their (中国) (永利首页(上海)集团…): no gloss."""
_PINYIN_GLUED = re.compile(f"[a-z]{{6,}}[{HAN_CHARS}]|[{HAN_CHARS}][a-z]{{6,}}")
GLUED_NUMBER_PROBABILITY = 0.05
"""A name with a site number glued to its edge (:func:`glued_number`) is a brand from this score."""
_LEADING_NUMBER = re.compile(f"(\\d{{4,8}})([{HAN_CHARS}]{{2}})")
_TRAILING_NUMBER = re.compile(f"[{HAN_CHARS}]{{2}}\\d{{3,8}}$")
_ROOM_NUMBER = re.compile(f"(?:[楼馆栋幢座舍厦堂]|[{HAN_CHARS}][a-z])\\d{{3,4}}$")
"""A room's number after its building's name (厚学楼[1208], 数字大厦[309], 礼堂[201], 工一[b503], 图书馆[a201]):
where an event is held. After a building word it is never a site's number; after a Latin letter, only where
the name stands as the place of an event (在[X]召开, :func:`_venue`)."""
_SECURITIES_PREFIXES = ("60", "00", "30", "68")
_YEAR_OR_SECURITIES_END = re.compile(f"(?:19|20)\\d\\d$|[^\\d](?:{'|'.join(_SECURITIES_PREFIXES)})\\d{{4}}$")
"""A year closing a name, or a listed company's six-digit securities code (中国平安601318)."""
_COUNTED_OR_DATED = re.compile("[年月日号届级期名人个位余多万亿元家所项次班台套件条米吨亩户岁天周栋幢楼层室座批强分千公平立兆]")


_FOUNDING_SLOGAN = re.compile(f"[a-z{HAN_CHARS}]{{2,10}}(?:18|19|20)\\d\\d(?:源于|源自|始于|创于|创立于|起源于)[{HAN_CHARS}]{{2,4}}")
"""A brand's founding slogan written as its name (``伟德国际1946源于英国``): the year glued between the
name and its origin, with no 年, as an operator's banner sets it; prose writes the year as a date
(始于1946年, 1946年源于英国)."""


def glued_number(name: str) -> bool:
    """A run of digits glued to the Han edge of a name, 4-8 before it (9888拉…), 3-8 after it
    (…集团8814): how betting sites write their address into the name they substitute. An
    institution's name holds no such number; a year (2021级), a count (1280名), a room (4004室) or a
    public service number (12345热线) is not one, and three digits before a name are as often a
    programme's (985高校)."""
    m = _LEADING_NUMBER.match(name)
    if m:
        digits, after = m.groups()
        return not (_SERVICE_NUMBER.fullmatch(digits) or _COUNTED_OR_DATED.match(after))
    return (bool(_TRAILING_NUMBER.search(name)) and not _YEAR_OR_SECURITIES_END.search(name)
            and not _ROOM_NUMBER.search(name))


RECURRING_OFFER_NAME_PROBABILITY = 0.3
"""A slot's name with an offer word in it (官网, 国际, 体育 …) that the page writes at least
RECURRING_NAME_MIN times is a brand from this score when the page shows it inserted
(:func:`_inserted_brand`). Chosen on train+dev with out-of-fold scorers: recurring slot names of clean and
look-alike pages score at most 0.22 (and hold no offer word), substituted brands written so 0.30-0.53
(利国国际老牌w66, 英国立博集团官网); a firm's own name in its own news scores as much (华策影视娱乐 0.51
before 董事长)."""
RECURRING_NAME_MIN = 2
_SITE_OR_GAME_WORDS = "官网|官方|网站|平台|网址|线路|主站|总站|首页|入口|app|登录|网页版|手机版|彩票|棋牌|真人"
"""The offer words no body's own name holds (a site's, a game's), where a firm's name may hold 国际, 体育, 娱乐
or 电子 (the other words of :data:`_OFFER_IN_NAME`)."""
_OFFER_IN_NAME = re.compile(f"{_SITE_OR_GAME_WORDS}|国际|体育|娱乐|电子")

UNHEARD_NAME_PROBABILITY = 0.25
"""A slot's name of UNHEARD_NAME_MIN_HAN Han characters or more, holding UNHEARD_NAME_MIN_PAIRS pairs
ordinary text never writes side by side, that the page writes RECURRING_NAME_MIN times or more is
a brand from this score (:func:`unheard_name`) when the page shows it inserted (:func:`_inserted_brand`).
Chosen on train/dev: the brands so written score 0.28-0.31 (必威西汉姆联, 麻花天美星空果冻: a betting
brand or adult studios glued to a club's name), clean recurring slot names 0.36-0.51 but short and of
ordinary pairs (港福堂, 博客网). Long transliterated names of real bodies score anywhere from 0.02 to 0.6
(卡内基梅隆 0.14, 约翰霍普金斯 0.32, 斯特拉斯克莱德 0.44, 阿伯里斯特威斯 0.55): the score and the shape
cannot tell them from such a brand, only the rest of the page can."""
UNHEARD_NAME_MIN_HAN = 5
UNHEARD_NAME_MIN_PAIRS = 2


def unheard_name(text: str, name: str) -> bool:
    """``name`` is long (UNHEARD_NAME_MIN_HAN Han characters), made of pairs ordinary text never writes
    (UNHEARD_NAME_MIN_PAIRS of them: 必威, 姆联 …) and written RECURRING_NAME_MIN times or more in
    ``text``, as a hack writes its brand wherever the body's name stood. A body's long name mostly
    carries its suffix or is made of pairs others write (西汉姆联队 has one unheard pair); where it is
    not (新东方烹饪, 卡内基梅隆: two), it mostly scores far below UNHEARD_NAME_PROBABILITY.

    >>> unheard_name("必威西汉姆联工会组织活动。为必威西汉姆联发展贡献力量。", "必威西汉姆联")
    True
    >>> unheard_name("港福堂举行崇拜。港福堂执事会议。", "港福堂")
    False
    """
    return (han_count(name) >= UNHEARD_NAME_MIN_HAN and text.count(name) >= RECURRING_NAME_MIN
            and extent.unordinary_han_pairs(name) >= UNHEARD_NAME_MIN_PAIRS)


def _offer_worded(text: str, name: str) -> bool:
    """``name`` holds an offer word (:data:`_OFFER_IN_NAME`) and is written RECURRING_NAME_MIN times or more
    in ``text``: once, a slot's 网站 or 平台 is the page's own (该网站, 平台公司)."""
    return _OFFER_IN_NAME.search(name) is not None and text.count(name) >= RECURRING_NAME_MIN


def _shape_bar(text: str, name: str, offer_worded: bool) -> float:
    """The score from which a name in a slot is a brand when the page shows it inserted (:func:`_corroborated`):
    RECURRING_OFFER_NAME_PROBABILITY for an offer-worded name (:func:`_offer_worded`), UNHEARD_NAME_PROBABILITY
    for a long unheard one, else 1 (its shape adds nothing to the score)."""
    bar = 1.0
    if offer_worded:
        bar = RECURRING_OFFER_NAME_PROBABILITY
    if unheard_name(text, name):
        bar = min(bar, UNHEARD_NAME_PROBABILITY)
    return bar


_SITE_OR_GAME_WORD = re.compile(_SITE_OR_GAME_WORDS)
_SCHOOL_PAGE = re.compile("师生|教职工|学子|校长|院长|学生|教师|教学|全校|我校|本校|学院|学校|医院|医护|患者")
"""Words only a school's or a hospital's page writes: the bodies whose names a hack replaces."""


_TRADE_NAME = re.compile(f"[{HAN_CHARS}]{{2,8}}(?:娱乐|体育|电竞|传媒|影视|国际|电子)(?:集团|控股)?")
"""A firm's name of Han words and its trade (英皇娱乐, 腾讯体育, 银河娱乐集团): the scorer rates the trade words
as a betting site's (娱乐 0.9), so such a firm in its own news reads as a brand in its slots."""
_TIME_WORD_END = re.compile("(?:昨日|昨天|今日|今天|日前|近日|前日|早前|明日|今晨|昨晚)$")
"""A time word the news writes right after its subject (银河娱乐集团[昨日]于…举办): no part of the name."""
_FIRM_ROLE = re.compile("董事长|董事会|股东|总裁|主席|首席执行官|总经理|上市公司|有限公司")
"""What a firm's own news writes of it, and a school's or a hospital's page does not."""


def firm_own_news(text: str, name: str) -> bool:
    """``name`` is a firm's trade name (:data:`_TRADE_NAME`) on a page that writes of a firm's officers or
    shareholders (:data:`_FIRM_ROLE`) and nothing of a school or a hospital (:data:`_SCHOOL_PAGE`): the
    firm's own news, where its name stands in every slot (英皇娱乐在…举办, 英皇娱乐董事长), not a brand
    written over a hacked body's name.

    >>> firm_own_news("英皇娱乐在香港举办发布会。英皇娱乐董事长致辞。", "英皇娱乐")
    True
    >>> firm_own_news("英皇娱乐在礼堂举办迎新晚会。英皇娱乐校长致辞。", "英皇娱乐")
    False
    """
    return _TRADE_NAME.fullmatch(name) is not None and _page_kind(text) == (True, False)


@functools.lru_cache(maxsize=4)
def _page_kind(text: str) -> tuple[bool, bool]:
    """Whether ``text`` writes of a firm's officers (:data:`_FIRM_ROLE`), and of a school or a hospital
    (:data:`_SCHOOL_PAGE`): read once a page (a page can hold thousands of glued runs that ask)."""
    return _FIRM_ROLE.search(text) is not None, _SCHOOL_PAGE.search(text) is not None


def school_page(text: str) -> bool:
    """Whether ``text`` writes of a school or a hospital (:data:`_SCHOOL_PAGE`), the bodies whose names a hack replaces
    (:func:`_page_kind`'s second answer, without its scan for a firm's officers)."""
    return _SCHOOL_PAGE.search(text) is not None


def _inserted_brand(text: str, name: str, score: SlotScore, bar: float, page_hacked: bool) -> float | None:
    """The probability of a slot name that did not read as a brand at its slot's ``bar`` (or is a firm's own
    name in its news, :func:`firm_own_news`) when the page shows it inserted, else None. A name standing
    in a body's place again and again is what a hack writes, but also what a foreign university's or a
    firm's own news writes (斯特拉斯克莱德校长, 华策影视娱乐董事长): its recurrence is the ordinary evidence of
    its own page, and alone it lowers nothing. What the name's shape says of it (:func:`_shape_bar`: an
    offer word, pairs ordinary text never writes) counts when the page shows it inserted
    (:func:`_corroborated`), and then the shape's score is enough.

    >>> score = SlotScore(0.44, False)
    >>> _inserted_brand("斯特拉斯克莱德在礼堂举行典礼。斯特拉斯克莱德校长致辞。", "斯特拉斯克莱德", score, 0.6, False)
    >>> _inserted_brand("必威富勒姆联在礼堂举行典礼。必威富勒姆联校长致辞。bw8866必威富勒姆联", "必威富勒姆联", score, 0.6, False)
    0.5
    """
    offer_worded = _offer_worded(text, name)
    p = score.passes(min(bar, _shape_bar(text, name, offer_worded)), name)
    return p if p is not None and _corroborated(text, name, page_hacked, offer_worded) else None


def _corroborated(text: str, name: str, page_hacked: bool, offer_worded: bool) -> bool:
    """Whether the page shows ``name`` inserted: it is hacked by another signal (``page_hacked``: an
    exact hit, a scored run, a brand found in a slot at the full bar); it also writes the name glued
    to a site's letters or digits, or with an offer word after it (bw8866[X], [X]官网); or, for an
    offer-worded name (``offer_worded``, :func:`_offer_worded`), the word is a site's or a game's
    (:data:`_SITE_OR_GAME_WORD`: 澳门金鼎十大网站排名榜), or the page is a school's or a hospital's
    (:data:`_SCHOOL_PAGE`), which no firm named X体育 or X娱乐 runs.

    >>> _corroborated("斯特拉斯克莱德在礼堂举行典礼。斯特拉斯克莱德校长致辞。", "斯特拉斯克莱德", False, False)
    False
    >>> _corroborated("必威富勒姆联在礼堂举行典礼。必威富勒姆联党委书记致辞。bw8866必威富勒姆联", "必威富勒姆联", False, False)
    True
    """
    if page_hacked or (offer_worded and (_SITE_OR_GAME_WORD.search(name) or _page_kind(text)[1])):
        return True
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at and text[at - 1] in _LATIN_ALNUM) or (end < len(text) and text[end] in _LATIN_ALNUM) or (
                _OFFER_IN_NAME.match(text, end)):
            return True
        at = text.find(name, end)
    return False


OFFER_TAIL_NAME_PROBABILITY = 0.6
"""Outside any slot, a name ending in a site's offer words (:data:`_OFFER_TAIL`: 永利集团[官网],
…[登录入口]) that the page writes RECURRING_NAME_MIN times or more is a brand from this score: a
hack writes its brand wherever the name stood, as the subject of whatever the body did
(``[X]组织了…``, ``长期以来,[X]十分重视…``), where no slot word follows. The page's own site
written so twice (学校官网 0.30, 中国政府网官网 0.21) scores far lower."""
_OFFER_TAILS = ("官网", "官方网站", "官方入口", "登录入口", "网址", "备用线路", "手机版", "网页版")
_OFFER_TAIL = ahocorasick_rs.AhoCorasick(_OFFER_TAILS, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)
"""The offer tails as one automaton (leftmost-first: the alternation's matches, ~2x faster a page)."""
HOST_HEAD_PROBABILITY = 0.1
FIND_BUDGET_CHARS = 1 << 20
"""Candidates times text length up to which each candidate is looked up with ``str.find`` (at most
RECURRING_NAME_MIN passes over the text each): building an automaton for a few names costs 100-600
µs, 10-40 times the finds on a page of a few thousand characters; past it, one automaton pass."""
_HOST_HEAD = re.compile(f"([{HAN_CHARS}]+)[a-z0-9]")


def _recurring(text: str, candidates: list[str], budget: int = FIND_BUDGET_CHARS) -> Callable[[str], bool]:
    """Whether a candidate occurs RECURRING_NAME_MIN times or more in ``text``, as ``text.count``
    counts (occurrences that do not overlap)."""
    if len(candidates) * len(text) <= budget:
        def recurs(name: str) -> bool:  # a find per occurrence, stopping at RECURRING_NAME_MIN
            at = -len(name)
            for _ in range(RECURRING_NAME_MIN):
                at = text.find(name, at + len(name))
                if at < 0:
                    return False
            return True
        return recurs
    # Every candidate counted in one pass over the text (a count per candidate would read the text
    # once per offer tail and cut: quadratic in a long page full of 网址).
    # The overlapping matches of one candidate come in order; one that starts before the last
    # counted one ends overlaps it (str.count skips it).
    count: Counter[int] = Counter()
    counted_end: dict[int, int] = {}
    for i, start, end in ahocorasick_rs.AhoCorasick(candidates).find_matches_as_indexes(text, overlapping=True):
        if start >= counted_end.get(i, 0):
            count[i] += 1
            counted_end[i] = end
    return {name for i, name in enumerate(candidates) if count[i] >= RECURRING_NAME_MIN}.__contains__


def _offer_tail_names(text: str, tails: list[tuple[int, int, int]], sc: model.ClauseScorer) -> set[str]:
    """The longest name ending at each offer tail (:data:`_OFFER_TAIL`) that the page writes
    RECURRING_NAME_MIN times or more, read back over name characters (:func:`_name_before`); a
    host's word the brand was glued to (政府[pp电子娱乐官网]: Han scoring below HOST_HEAD_PROBABILITY
    before the brand's Latin or digits) is not part of it. ``tails``: the tails' matches in ``text``, read once
    for this and :func:`_inside_names`."""
    runs = [(_name_before(text, s) + text[s:e], e - s) for _, s, e in tails]
    if not runs:
        return set()
    recurs = _recurring(text, sorted({run[cut:] for run, tail in runs for cut in range(len(run) - tail - 1)}))
    names = set()
    for run, tail in runs:
        for cut in range(len(run) - tail - 1):
            name = run[cut:]
            if recurs(name):
                head = _HOST_HEAD.match(name)
                if head and sc.probability(head.group(1)) < HOST_HEAD_PROBABILITY:
                    name = name[head.end(1):]
                if not _kind_word(name[:len(name) - tail]):
                    names.add(name)
                break
    return names


INSIDE_NAME_MAX_HAN = 8
_BODY_SUFFIXES = tuple(suffix for suffix in _INSTITUTION_SUFFIXES if len(suffix) >= 2 and _HAN.match(suffix))


def _inside_names(text: str, tails: list[tuple[int, int, int]],
                  sc: model.ClauseScorer) -> Iterator[tuple[str, float]]:
    """Brands with their site word (:data:`_OFFER_TAIL`: 官网, 网址 …) glued inside an institution's name,
    between the body's suffix and the rest of its name (福州大学[雷竞技官网]五四红旗分团委), scoring
    GLUED_CORE_PROBABILITY or more, and their probability: a hack writes the brand into the name;
    the body's own site is named after the body (福州大学官网) or after one of its units, whose name
    scores far lower (研究生院官网 0.14, 体育部官网 0.80), and a Han word goes on after a site word only in
    a name it was glued into.

    >>> text = "福州大学雷竞技官网五四红旗分团委评选活动举行"
    >>> [name for name, _ in _inside_names(text, _OFFER_TAIL.find_matches_as_indexes(text), model.scorer())]
    ['雷竞技官网']
    >>> text = "请登录福州大学研究生院官网查看,或福州大学官网首页"
    >>> list(_inside_names(text, _OFFER_TAIL.find_matches_as_indexes(text), model.scorer()))
    []
    """
    for _, s, e in tails:
        if e >= len(text) or not _HAN.match(text[e]):
            continue
        window = text[max(0, s - INSIDE_NAME_MAX_HAN - 3):s]
        body_end = max((window.rfind(suffix) + len(suffix) for suffix in _BODY_SUFFIXES if suffix in window),
                       default=-1)
        head = window[body_end:] if body_end >= 0 else ""
        if (2 <= len(head) <= INSIDE_NAME_MAX_HAN and _HAN_RUN.fullmatch(head) and not institution_name(head)
                and (p := sc.probability(head + text[s:e])) >= GLUED_CORE_PROBABILITY):
            yield head + text[s:e], p


KIND_WORD_MAX_CHARS = 3


def _kind_word(head: str) -> bool:
    """``head``, before an offer tail, is only a body's or a place's kind (度假区[官方网站], 学校[官网],
    景区[官网]): the page's short reference to its own body (请参考度假区官方网站), cut from the full name
    (上海迪士尼度假区), not a brand: an institution's suffix word of KIND_WORD_MAX_CHARS characters at
    most whose pairs ordinary text writes."""
    return (len(head) <= KIND_WORD_MAX_CHARS and institution_name(head)
            and extent.unordinary_han_pairs(head) == 0)


SITE_LETTERS_MAX = 5
"""Letters a betting site writes before its number (tyc4633, wns8885556): at most this many."""
NUMBERED_NAME_PROBABILITY = 0.4
"""Outside a slot, a company or offer word with a site number glued (:func:`numbered_names`) is a
brand from this score."""
_OFFER_HEAD = ("集团", "娱乐", "国际", "官网", "体育", "平台", "彩票", "棋牌", "电子", "真人", "网址", "线路", "主站",
               "总站", "首页", "入口", "app")
_DIGIT_RUN = re.compile("[0-9](?<![0-9].)[0-9][0-9]++(?!" + _COUNTED_OR_DATED.pattern + "|[.%])")
"""A run of three digits or more, unless a count, a date, a decimal or a percentage (2023年, 500强,
3.5, 12%): most runs of a report, skipped by the scan itself. Single classes (a quantified digit class scans
about 3x slower); the look-behind after the first digit keeps the scan's first-character test and
never retries inside a run (linear), the possessive run never gives back a digit to the look-ahead."""
_NAME_AFTER_NUMBER = re.compile(f"[{HAN_CHARS}]{{1,8}}?(?:{'|'.join(_OFFER_HEAD)})")
_SERVICE_NUMBER = re.compile("(?:19|20)\\d\\d|12\\d{3}|11\\d|12\\d|95\\d{3}|96\\d{3}")
"""A year, or a public service number (12345, 12306, 110, 120, 95588) written before its platform."""


def numbered_names(text: str) -> list[str]:
    """Names where a company or offer word (集团, 娱乐, 官网, 平台, 线路 …) has a run of 3-8 digits
    glued after it, with up to SITE_LETTERS_MAX letters before or after the digits (…集团8814, 太阳成集团tyc4633,
    金沙集团1862cc), or a name ending in one has it glued before (7163银河主站): a betting
    site's number in its name, wherever the name stands. A year, a count (集团500强, 平台100家), a
    securities code and a public service number (12345热线平台) are none."""
    names = []
    for m in _DIGIT_RUN.finditer(text):  # digit runs first: a scan for the words tried every position
        digits, s, e = m.group(), m.start(), m.end()
        if len(digits) > 8 or _SERVICE_NUMBER.fullmatch(digits):
            continue
        head = s
        while head > max(0, s - SITE_LETTERS_MAX) and "a" <= text[head - 1] <= "z":
            head -= 1  # a site's letters before its number (集团[tyc]4633)
        if any(text.endswith(_OFFER_HEAD, max(0, h - 3), h) for h in {s, head}) and not (
                len(digits) == 6 and digits[:2] in _SECURITIES_PREFIXES):
            tail = e
            while tail < min(len(text), e + SITE_LETTERS_MAX) and "a" <= text[tail] <= "z":
                tail += 1  # a site's letters after its number (集团1862[cc]), ending the token
            name = _name_before(text, e if tail < len(text) and text[tail] in _LATIN_ALNUM else tail)
            if han_count(name) >= 3:
                names.append(name)
        if not (s and (text[s - 1].isdecimal() or text[s - 1] in ".")) and not (
                s and "a" <= text[s - 1] <= "z"):
            after = _NAME_AFTER_NUMBER.match(text, e)
            if after:
                names.append(text[s:after.end()])
    return names


@functools.lru_cache(maxsize=2)
def slot_word_starts(text: str) -> tuple[int, ...]:
    """Where the words of a body's slot (党委, 师生, 召开, 第二届 …) start in ``text``: the starts of
    ``_SLOT_WORD.finditer(text)``, found by the literal words by themselves (a pattern with a
    leading digit class made the regex try every position of a report), the ordinals read back
    from each 届 (第十四届, 2023届) and the cohorts from each 级 (2017级). The kinds share no character, so
    they never overlap. Kept for the page's two readers (:func:`substituted_brands` and the repeated
    names' slot ends), each of which scanned the whole text for them."""
    starts = [start for _, start, _ in _SLOT_LITERALS.find_matches_as_indexes(text)]
    at = text.find("届")
    while at >= 0:
        j = at
        while j and (text[j - 1].isdecimal() or text[j - 1] in _ORDINAL_CHARS):
            j -= 1
        if j < at and j and text[j - 1] == "第":
            starts.append(j - 1)
        elif at >= 4 and all(c.isdecimal() for c in text[at - 4:at]):
            starts.append(at - 4)
        at = text.find("届", at + 1)
    at = text.find("级")
    while at >= 0:
        if at >= 4 and _COHORT.match(text, at - 4):
            starts.append(at - 4)
        at = text.find("级", at + 1)
    return tuple(sorted(starts))


@functools.lru_cache(maxsize=2)
def event_starts(text: str) -> tuple[int, ...]:
    """Starts of ``_EVENT_AFTER.finditer(text)``, tried only at each 在 and 于 (the regex alone tried
    every position of the text). Kept for the page's two readers, as :func:`slot_word_starts` is."""
    candidates = []
    for char in "在于":
        at = text.find(char)
        while at >= 0:
            candidates.append(at)
            at = text.find(char, at + 1)
    out, end = [], 0
    for at in sorted(candidates):
        if at >= end:
            m = _EVENT_AFTER.match(text, at)
            if m:
                out.append(at)
                end = m.end()
    return tuple(out)


@functools.lru_cache(maxsize=2)
def issuer_ends(text: str) -> tuple[int, ...]:
    """Where the issuer's name ends in a cited document's title, ``《[X]关于…的决定》``: the body
    that issues it, as an institution's own name slot. Kept for the page's two readers, as
    :func:`slot_word_starts` is."""
    out = []
    at = text.find("关于")
    while at >= 0:
        opening = text.rfind("《", max(0, at - NAME_MAX_CHARS - 1), at)
        if opening >= 0 and at - opening >= 3 and all(_NAME_CHAR.match(c) for c in text[opening + 1:at]):
            out.append(at)
        at = text.find("关于", at + 2)
    return tuple(out)


_TITLE_TOPIC = re.compile("(?:19|20)\\d\\d年|关于|课程|考试|教学|管理|工作|党建|民主生活会|实施|[\"“]?十[一二三四五六七八九]五")
"""Where a cited title's topic starts after its issuer's name (《[X]课程考试管理工作实施细则》,
《[X]2024年全面从严治党工作要点》, 《[X]“十四五”事业发展规划》)."""


_SIGNATURE_DATE = re.compile(r"(?:19|20)\d\d(?:年\d{1,2}(?:月(?:\d{1,2}日?)?)?|[-./]\d{1,2}[-./]\d{1,2})[ \t]*$")
"""A date line as a notice ends (2020年9月15日, 2023-06-20; a month or a day may be cut off)."""


_SENTENCE_END = frozenset("。!?;:…")


def _signatures(text: str) -> list[str]:
    """The issuer's name signing a notice, ``…都是诈骗。\\n[X]\\n2023年6月20日``: a line of name characters
    alone right before the closing date line (the 落款, the body's own name slot), after the notice's
    text (a line ending a sentence, or a paragraph of more than two names' length: a list of items and
    dates, a menu, a date under a title is no notice's close).

    >>> _signatures("请各单位遵照执行。特此通知。\\n\\n教务处\\n2024年3月1日\\n")
    ['教务处']
    >>> _signatures("2023年工作报告\\nVIP专享\\n2024-06-13\\n")
    []
    """
    out = []
    lines = [line.strip() for line in text.split("\n")]
    body = ""  # the last non-empty line before the current one
    for name, date in zip(lines, lines[1:]):
        if ((len(body) > 2 * NAME_MAX_CHARS or body[-1:] in _SENTENCE_END) and 2 <= len(name) <= NAME_MAX_CHARS and _SIGNATURE_DATE.fullmatch(date)
                and all(_NAME_CHAR.match(c) for c in name)):
            out.append(name)
        body = name or body
    return out


_BYLINE = re.compile(r"(?:本网讯|本报讯|网讯|讯)[ \t]*[((]([^()()\n]{2,40})[))]")
_BYLINE_SPLIT = re.compile(r"[\s、,,/]+")


def _byline_names(text: str) -> list[str]:
    """The names a news item's byline credits, ``本网讯([X] 黄引娣)``: its writers and their roles
    (通讯员, 记者), each a short name, where a hack writes its brand or slogan too.

    >>> _byline_names("本网讯(通讯员 张明、王丽)3月22日,学院举办大赛。")
    ['通讯员', '张明', '王丽']
    """
    out: list[str] = []
    if "讯" not in text:
        return out  # each byline word ends in 讯: no scan of the text (most pages have none)
    for m in _BYLINE.finditer(text):
        for name in _BYLINE_SPLIT.split(m.group(1)):
            if 2 <= len(name) <= NAME_MAX_CHARS and all(_NAME_CHAR.match(c) for c in name):
                out.append(name)
    return out


_CREDIT = re.compile(r"\(([^()\n]{2,60})\)")
_CREDIT_ROLE = re.compile("(?:教工|学生)?(?:通讯员|撰稿人?|摄影|供稿|审稿人?|审核人?|(?:责任)?编辑|记者|作者|责编|文字|图片|图文)"
                          r"(?=[\s、,/;:]|$)")
"""A credit's role word, closing the credit or followed by a separator: one that runs on into words
(作者开源速度会比官网慢一点) opens a remark in brackets, not a credit."""
_CREDIT_SPLIT = re.compile(r"[\s、,/;:]+")


def _credit_names(text: str) -> list[str]:
    """The site-like names a bracketed credit line gives (``(撰稿:[X] 黄严;摄影:[X])``, ``([X]教工通讯员 胡敏
    审稿人 詹玉刚)``): where the writers, the photographer or the office that sent the piece stand, a
    hack writes its brand in place of the school's office. Only a name with an offer word, or with
    Latin letters or digits among its Han characters, is read: people's names there score as high as
    0.6 (汤诗瑶), and a name without Han characters is a staff code (责任编辑:孙启浩 CN037).

    >>> _credit_names("活动圆满结束。(撰稿:jbwin金博 王丽;摄影:学院团委)")
    ['jbwin金博']
    """
    out: list[str] = []
    for m in _CREDIT.finditer(text):
        if _CREDIT_ROLE.search(m.group(1)):
            for part in _CREDIT_ROLE.split(m.group(1)):
                out.extend(name for name in _CREDIT_SPLIT.split(part)
                           if 2 <= len(name) <= NAME_MAX_CHARS and all(_NAME_CHAR.match(c) for c in name)
                           and _HAN.search(name) and (LATIN_OR_DIGIT.search(name) or _OFFER_IN_NAME.search(name)))
    return out


_SOURCE = re.compile(f"(?:来源|创建部门|发布部门|发布单位)[ \t]*:[ \t]*([a-z0-9(){HAN_CHARS}]{{2,{NAME_MAX_CHARS}}}?)"
                     "(?=[ \t]*(?:\n|$|发布时间|发布日期|作者|编辑|浏览|点击|时间))")
"""An article's source or issuing office (来源:新华网, 创建部门:宣传部), closing its line or before the next
field of the article's metadata (发布时间, 作者): the publication or office it is taken from (an address
after it is a learned run's to read)."""
_SOURCE_OFFER = re.compile("下载|注册|开户|登录|登陆|投注|入口|网址|app")
_ENROLLED = re.compile(f"(?:入读|踏入|考入|考进|升入|就读于)([a-z0-9{HAN_CHARS}]{{3,{NAME_MAX_CHARS}}}?)(?=的|[,;。、])")
"""A school as what a student enters (``入读[X]的毕业学子``, ``刚刚踏入[X]的新人``, ``考入[X],``): its name
stands there with no slot word after it."""


def _title_heads(text: str) -> list[str]:
    """The issuer's name heading each cited title, ``《[X]课程考试管理办法》``: name characters from the
    《 to the first topic word (:data:`_TITLE_TOPIC`), two of them at least."""
    out = []
    at = text.find("《")
    while at >= 0:
        m = _TITLE_TOPIC.search(text, at + 3, at + 1 + NAME_MAX_CHARS + 4)
        if m and all(_NAME_CHAR.match(c) for c in text[at + 1:m.start()]):
            out.append(text[at + 1:m.start()])
        at = text.find("《", at + 1)
    return out


_NOT_NAME_CHAR = re.compile("[^" + _NAME_CHAR.pattern[1:])


_ADDRESS_MARKS = frozenset("./:@")


def _name_start(text: str, i: int) -> int:
    """Where the name characters before ``i`` start: back to a boundary or a preposition, at most
    NAME_MAX_CHARS + 1 of them (one scan each for the boundary and for the prepositions)."""
    j = max(0, i - NAME_MAX_CHARS - 1)
    boundary = _NOT_NAME_CHAR.search(text[j:i][::-1])
    if boundary:
        j = i - boundary.start()
    if j and text[j - 1] in _ADDRESS_MARKS:
        # An address's last label glued to the host's next word (…ob55646.[top]夏寶龍考察) ends the
        # address: the name starts after it.
        while j < i and text[j].isascii() and text[j].isalnum():
            j += 1
    # the last preposition ending inside the name characters, unless half of a word (在线)
    for m in reversed(list(_PREPOSITION.finditer(text, max(0, j - 2), i))):
        if m.end() <= j:
            break
        if text[m.end() - 1:m.end() + 1] not in _COMPOUNDS:
            j = m.end()
            break
    return j


_VISIT = ("考察", "调研")


@functools.lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Provinces' and prefectures' names and short forms (广东省, 广东, 澳门, 深圳), from the gazetteer."""
    out = set()
    for row in data.read_rows("gazetteer.tsv"):
        if row[1] in ("1", "2"):
            out.add(row[2])
            out.update(filter(None, row[4].split("|")))
    return frozenset(out)


def _visitor(name: str) -> str:
    """``name`` before a visit (考察, 调研) without the region it ends in: the place visited, the name
    before it the visitor's (夏宝龙[澳门]考察, a title's shorthand for 夏宝龙在澳门考察), judged alone.

    >>> _visitor("夏宝龙澳门"), _visitor("金沙官网")
    ('夏宝龙', '金沙官网')
    """
    for n in range(min(len(name) - 2, 8), 1, -1):
        if name[-n:] in _region_names():
            return name[:-n]
    return name


def _venue(text: str, end: int, name: str) -> bool:
    """Whether ``name``, ending at ``end`` (where the slot word begins, or the space before it), is the
    room an event is held in (学院在[工一b503]召开…, 于[图书馆a201] 举行): written after 在 or 于, ending in
    a room's number. The body holding the event stands before the 在.

    >>> text = "学院在工一b503召开全院教职工大会"
    >>> _venue(text, text.find("召开"), "工一b503")
    True
    >>> text = "学院在工一b503 召开全院教职工大会"
    >>> _venue(text, text.find(" 召开"), "工一b503")
    True
    >>> text = "澳门新葡京b888召开全院大会"
    >>> _venue(text, text.find("召开"), "澳门新葡京b888")
    False
    """
    at = end - len(name)
    return at > 0 and text[at - 1] in "在于" and bool(_ROOM_NUMBER.search(name))


def _name_before(text: str, i: int) -> str:
    """The name ending at ``i``: name characters back to a boundary or a preposition."""
    j = _name_start(text, i)
    if i - j > NAME_MAX_CHARS:
        return ""
    name = text[j:i]
    inner = _SLOT_LITERALS.find_matches_as_indexes(name)
    if inner:
        # 我院召开[X]召开…, 院长[X]院长: the name stands after the verb or the role, not across it
        name = name[inner[-1][2]:]
    # A date written straight before the name (12月14日[X]于…举办) is the sentence's, not the name's;
    # a date then 于/在 (2020年11月11日于公教楼102举办) opens a place, no name.
    undated = _LEADING_DATE.sub("", name)
    if undated != name and undated[:1] in "于在":
        return ""
    return _SLOT_ADVERB.sub("", _SLOT_PREFIX.sub("", undated))


def _filler_de(name: str, sc: model.ClauseScorer) -> bool:
    """A 的 written into a brand to break its words (新葡的京官网): the name's one clause word, without
    which the name scores GLUED_CORE_PROBABILITY or more; a possessive in the host's words (学校的官网:
    学校官网 0.30) does not."""
    return (name.count("的") == 1 and len(_CLAUSE_WORD.findall(_COMPOUND.sub("", name))) == 1
            and "的" not in name[:1] + name[-1:] and sc.probability(name.replace("的", "")) >= GLUED_CORE_PROBABILITY)


_DAY_TIME = "(?:上午|下午|中午|晚上|晚)?(?:\\d{1,2}[时点](?:\\d{1,2}分|半)?)?"
_DATED = re.compile(f"\\d{{1,2}}月\\d{{1,2}}日{_DAY_TIME}[,,]")
_LEADING_DATE = re.compile(f"^(?:(?:19|20)\\d\\d年)?\\d{{1,2}}月\\d{{1,2}}日{_DAY_TIME}")
_SITE_WORD = re.compile(_SITE_WORDS)
YEAR_AHEAD = re.compile("(?:19|20)\\d\\d(?:[年级届]|[春夏秋冬]季|学年)")
"""A year opening what the body holds (X2023年校友工作年会, X2016级新生, X2018秋季运动会): the name ends before it."""


def _dated(text: str) -> Iterator[re.Match[str]]:
    """``_DATED.finditer(text)``, tried only where a match can start: one or two characters before
    each 月 (its day is one or two digits before 月; the regex alone tried every position of a report)."""
    end = 0
    at = text.find("月")
    while at >= 0:
        for start in (at - 2, at - 1):
            if start >= end:
                m = _DATED.match(text, start)
                if m:
                    yield m
                    end = m.end()
                    break
        at = text.find("月", at + 1)


def _dated_subjects(text: str) -> list[list[str]]:
    """Names opening a dated sentence (``9月4日,[294俄罗斯登陆官方]迎来了…``),
    the subject of what the body did that day, when they end in a site's word or before a year
    (``3月24日上午,[X]2023年校友工作年会…``): for each date, the strings of name characters from its
    comma to each such end, longest first, without a slot word inside (召开, 党委 …)."""
    out = []
    for m in _dated(text):
        stretch = text[m.end():m.end() + NAME_MAX_CHARS]
        n = 0
        while n < len(stretch) and _NAME_CHAR.match(stretch[n]):
            n += 1
        ends = [w.end() for w in _SITE_WORD.finditer(stretch, 0, n)]
        ends += [y.start() for y in YEAR_AHEAD.finditer(stretch, 0, n + 1) if y.start() >= 2]
        names = [stretch[:end] for end in sorted(set(ends), reverse=True)]
        out.append([name for name in names if not _SLOT_LITERALS.find_matches_as_indexes(name)])
    return out


_LIST_ITEM = f"[{HAN_CHARS}a-z0-9()]{{2,{NAME_MAX_CHARS}}}+"
# Each item possessive: a shorter item would end before a name character, never before 、 or the
# list's end, so no match changes; a start whose 、 is out of reach fails at once instead of after
# 20 retries (0.100 -> 0.055 s on 600 generated reports).
_LIST_ITEMS = re.compile(f"{_LIST_ITEM}(?:、{_LIST_ITEM})+")
LIST_BODIES_MIN = 2
"""A list of names joined by 、 holding this many schools' or hospitals' names (法学院、[X]、旅游学院): its
other items are bodies of one kind, so an item without such a suffix stands in one's place. Firms
(新濠博亚娱乐 among casino operators' 有限公司) and places are listed with all sorts of other items."""
_SCHOOL_SUFFIXES = ("学院", "大学", "学校", "中学", "小学", "医院", "研究院", "研究所")
_SCHOOL_SUFFIX_WORDS = ahocorasick_rs.AhoCorasick(_SCHOOL_SUFFIXES)
_SCHOOL_BODY = re.compile(f"(?:{'|'.join(_SCHOOL_SUFFIXES)})(?=、|$)")
"""A list item ending as a school's or a hospital's name, found in the whole list at once: one match
per such item (two suffixes ending at one place would overlap)."""


def _listed_among_bodies(text: str) -> list[str]:
    """Items of a 、-joined list of names in which LIST_BODIES_MIN others or more are a school's or a
    hospital's, the item itself ending in no institution's suffix (法学院、[澳门新葡萄娱乐]、旅游学院)."""
    out: list[str] = []
    for a, b in _school_stretches(text):
        at = text.find("、", a, b)
        while at >= 0:
            m = _LIST_ITEMS.search(text, max(0, at - NAME_MAX_CHARS), at + NAME_MAX_CHARS * 8)
            if m is not None and m.start() <= at < m.end():
                listed = m.group()
                if len(_SCHOOL_BODY.findall(listed)) >= LIST_BODIES_MIN:
                    items = listed.split("、")
                    out.extend(item for item in items if not institution_name(item))
                at = text.find("、", m.end(), b)
            else:
                at = text.find("、", at + 1, b)
    return out


# (traditional forms too: brand_family reads them on a text folded without the script's conversion; each
# alternative opens with one literal character, so a search skips to those: one opening with a class
# makes it try every position, 8x the time of the scan)
PARTY_NAME = re.compile("中共|共青[团團]|民[进進]|民盟|民革|民建|农工[党黨]|農工[党黨]|致公[党黨]|九三[学學]社|台盟|臺盟")
PARTY_UNIT_WORD = re.compile("基[层層]委[员員][会會]|[总總]支部委[员員][会會]|支部委[员員][会會]|委[员員][会會]|[总總]支部|[总總]支|支部|"
                             "工委|[党黨]委")
_PARTY_UNIT = re.compile(f"(?:{PARTY_NAME.pattern})([a-z0-9{HAN_CHARS}]{{2,{NAME_MAX_CHARS}}}?)(?:{PARTY_UNIT_WORD.pattern})")
"""A party's or the League's unit in a body (``共青团[X]委员会``, ``民进[X]支部``): the body's name stands
between the organisation and its unit."""


def _party_unit_names(text: str) -> list[str]:
    """The names framed by a party's or the League's name and one of its units (:data:`_PARTY_UNIT`).

    >>> _party_unit_names("共青团某某职业学院委员会、民进门徒平台支部委员会")
    ['某某职业学院', '门徒平台']
    """
    return [m.group(1) for m in _PARTY_UNIT.finditer(text)]


_OUTSIDE_LIST = re.compile(f"[^{HAN_CHARS}a-z0-9()、]")
"""A character no list of names (:data:`_LIST_ITEMS`) holds: lists lie inside the stretches between them."""


def _school_stretches(text: str) -> list[tuple[int, int]]:
    """The stretches of list characters (items' and 、) holding LIST_BODIES_MIN school suffixes or more,
    in text order: a list that can hold as many lies in one of them. The 、 of other stretches need
    no look: each stretch's first 、 is looked at whatever came before (a list never reaches past its
    stretch), so the 、 looked at in these stretches, and the lists found, are the same."""
    found = sorted({at for _, at, _ in _SCHOOL_SUFFIX_WORDS.find_matches_as_indexes(text, overlapping=True)})
    stretches: list[tuple[int, int]] = []
    for p, q in zip(found, found[1:]):
        if (stretches and q < stretches[-1][1]) or _OUTSIDE_LIST.search(text, p, q):
            continue  # in the stretch taken already, or in two stretches
        start = p
        while start and not _OUTSIDE_LIST.match(text, start - 1):
            start -= 1
        after = _OUTSIDE_LIST.search(text, q)
        stretches.append((start, after.start() if after else len(text)))
    return stretches


class SlotScore(NamedTuple):
    """What the scorer and the shape say of a name in an institution's place (:func:`_slot_score`)."""
    probability: float
    by_shape: bool
    """A brand whatever the bar: Latin glued into its Han, another script than the page, a site's number
    glued to it, a ``(中国)`` gloss, no Han at all."""

    def passes(self, bar: float, name: str) -> float | None:
        """The brand's probability when the name is one at ``bar``, else None."""
        if self.by_shape or (self.probability >= bar and len(name) >= 3):
            return max(self.probability, 0.5)
        return None


def _slot_score(name: str, sc: model.ClauseScorer, sentence_slot: bool = True, foreign: bool = False,
                recurring: bool = False) -> SlotScore | None:
    """The name's score in an institution's place, None when its shape rules a brand out (an institution's
    own name, a clause, an event, a room); scored once, compared with the bar of each reading
    (:meth:`SlotScore.passes`). ``recurring``: the name is the exact string the page writes in several
    places (an offer-tail name), so a 的 inside it is no clause reaching into the host's words
    (:func:`_filler_de`)."""
    if not 2 <= len(name) <= NAME_MAX_CHARS or _WORKS_CODE.search(name):
        return None
    if (tail := _ACTION_TAIL.search(name)) and _PUBLIC_BODY.search(name, 0, tail.start()):
        return None  # a public body's own site (德州人大[官方网站], 市政府官网), where it publishes
    if _FOUNDING_SLOGAN.fullmatch(name):
        return SlotScore(sc.probability(name), True)
    if glued_number(name) and "(" not in name and not institution_name(name) and (
            p := sc.probability(name)) >= GLUED_NUMBER_PROBABILITY:
        # A site number glued to the name: a brand whatever its other words (a 的 or 为 in it,
        # a kept 集团/公司) and however little the scorer knows them.
        return SlotScore(p, True)
    addressed_institution = institution_name(name) and not (
        _PINYIN_GLUED.search(name) and sc.probability(name) >= PINYIN_SUFFIX_PROBABILITY)
    if addressed_institution and not _ADDRESS_TOKEN.search(name):
        # an institution's name, unless a pinyin brand (jinnianhui今年会) or an address-like token
        # (304am永利集团: then held to the bar) is glued to it
        return None
    has_han = bool(_HAN.search(name))
    if not has_han and not re.search(r"[a-z]{2}.*\d|\d.*[a-z]{2}", name):
        return None  # a Latin word alone (IEEE, WAIC) is an organisation's acronym
    bare = _REGION_GLOSS.sub("", name)
    if "(" in bare or ")" in bare:
        return None  # a gloss (南京聯(lián)合) or the end of one (…University)分管: it starts inside the brackets
    if name[0].isdigit() and not re.match(r"\d+[a-z]", name) and not (
            _NUMBER_BRAND.match(name) and sc.probability(name) >= (
                BRAND_SLOT_PROBABILITY if _ACTION_TAIL.search(name) or recurring else GLUED_CORE_PROBABILITY)):
        # A room (28幢310); 151amjs… is a brand's address-like name, and so is a long number glued
        # to a name that scores as a brand (72886必赢网站), or as a site when the name ends in a
        # site's word (888集团[网站], 294俄罗斯登陆[官方]) or is written in several slots of the page
        # (188金宝在…举行, 188金宝董事长: a hack writes its brand wherever the name stood).
        return None
    if (sentence_slot and _CLAUSE_WORD.search(_COMPOUND.sub("", name)) and not _PINYIN_GLUED.search(name)
            and not (recurring and _filler_de(name, sc))):
        return None  # a verb, a date or a pronoun: a clause (2月10日长宁镇在政府大院内), not a name
    if _EVENT.search(name):
        return None  # the event itself (二0二五学年毕业典礼于…举行), not the body holding it
    latin = has_han and bool(_LATIN_IN_HAN.search(name))
    return SlotScore(sc.probability(name),
                     not addressed_institution and (latin or foreign or "(中国)" in name or not has_han))


def _brand_like(name: str, sc: model.ClauseScorer, threshold: float,
                sentence_slot: bool = True, foreign: bool = False, recurring: bool = False) -> float | None:
    """The name's probability when it reads as a brand in an institution's place at ``threshold``, else None."""
    score = _slot_score(name, sc, sentence_slot, foreign, recurring)
    return score.passes(threshold, name) if score is not None else None


def glossed_brand(name: str, sc: model.ClauseScorer) -> float | None:
    """The probability of ``name``'s glossed head when ``name`` is a brand dressed as a foreign firm's
    subsidiary (太阳集团(中国)[有限公司]): the head scores BRAND_SLOT_PROBABILITY or more, which real
    firms' names so glossed do not (西门子(中国) 0.28, 阿斯利康(中国) 0.52); else None."""
    legal = _GLOSSED_LEGAL_NAME.match(name)
    if legal and (q := sc.probability(legal.group(1))) >= BRAND_SLOT_PROBABILITY:
        return q
    return None


def _two_char_brand(name: str, sc: model.ClauseScorer) -> float | None:
    """The probability of a two-character name nobody writes together (必威, 必赢) that scores as a
    brand, for the places only a body's name takes (a school's cohort, its principal, a title's
    head before its year); else None. A firm's two-character name (腾讯) scores as high elsewhere,
    and a school's short name (北大, 华科) is ordinary text's."""
    if len(name) != 2 or han_count(name) != 2 or institution_name(name) or not extent.unordinary_han_pairs(name):
        return None
    p = sc.probability(name)
    return p if p >= BRAND_SLOT_PROBABILITY else None


def _two_char_name_of_school(text: str, name: str, sc: model.ClauseScorer) -> float | None:
    """The probability of a two-character name of pairs ordinary text writes that scores as a brand
    (BRAND_SLOT_PROBABILITY), standing where only the school's own name stands (the caller's: its cohort,
    its notice's signature, its news office's byline or credit) on a school's or a hospital's page
    (:data:`_SCHOOL_PAGE`) that writes it RECURRING_NAME_MIN times or more; else None. A casino
    operator's short name (永利 0.66: a notice signed [永利]) replaced the school's; an operator named as
    itself on a school's page (永利第二届奖学金, 永利代表致辞: a donor) holds no such place. A school's own
    short name scores far lower (北大 0.03, 清华 0.08, 复旦 0.06), and a place's name (澳门 0.67) is where
    the school is, no brand."""
    if (len(name) != 2 or han_count(name) != 2 or institution_name(name) or name in _region_names()
            or text.count(name) < RECURRING_NAME_MIN):
        return None
    p = sc.probability(name)
    return p if p >= BRAND_SLOT_PROBABILITY and _page_kind(text)[1] else None


def _glued_to_han(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Spans of ``word`` (Latin letters) with four Han characters glued after it, not inside a
    longer Latin token on its left: found by ``str.find`` (a pattern per word was compiled per page)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (not at or text[at - 1] not in _LATIN_ALNUM) and FOUR_HAN.match(text, end):
            yield at, end + 4
        at = text.find(word, at + 1)


def substituted_brands(text: str, sc: model.ClauseScorer,
                       foreign_script=None, page_hacked: bool = False) -> dict[str, float]:
    """Brands standing in an institution's place in ``text`` (the spam view) and their probability.
    ``foreign_script(name)``: the name is written in another script than the page around it (a
    simplified brand in a traditional page: 延安大學[必一体育]院長), which marks it as inserted
    whatever its score. ``page_hacked``: another signal found spam on the page (:func:`_inserted_brand`)."""
    brands: dict[str, float] = {}
    seen: set[str] = set()
    # names in a slot below its bar, or a firm's own in its news, with their score and the slot's bar: brands
    # when the page shows them inserted (:func:`_inserted_brand`)
    weighed: dict[str, tuple[SlotScore, float]] = {}

    def consider(name: str, threshold: float) -> None:
        if party := PARTY_NAME.match(name):
            name = name[party.end():]  # the organisation whose unit the body has (民进[X]支部): not the body's name
        name = _TIME_WORD_END.sub("", name)
        if name in seen:
            return
        seen.add(name)
        score = _slot_score(name, sc, foreign=len(name) >= 3 and foreign_script is not None and foreign_script(name),
                            recurring=name[:1].isdigit() and text.count(name) >= RECURRING_NAME_MIN)
        if score is not None:
            if (p := score.passes(threshold, name)) is not None and not firm_own_news(text, name):
                brands[name] = p
                return
            weighed[name] = score, threshold
        if (firm := _FIRM_NAME.fullmatch(name)) and _addressed_elsewhere(text, firm.group(1)):
            # A firm's name holding the body's place whose head the page writes elsewhere with a site's
            # letters and number glued before it (由[永利集团]主办 and [yl23455永利]): the brand's address.
            brands[name] = brands[firm.group(1)] = max(sc.probability(name), 0.5)
            return
        latin_head = _LATIN_GLUED_HEAD.match(name)
        if latin_head and (head_p := sc.probability(latin_head.group(1))) >= BRAND_SLOT_PROBABILITY:
            # A brand with its Latin name glued before the institution's own (乐投letou[某某学校]):
            # the hack put it in front of the name instead of in its place. A rest holding an offer
            # word is the site's own page dressed as a unit (必赢bwin[线路检测中心]): the brand's too.
            brands[name if _OFFER_IN_NAME.search(name, latin_head.end()) else latin_head.group(1)] = head_p
            return
        site = _SITE_WORD_HEAD.match(name)
        if (site and LATIN_OR_DIGIT.search(site.group(1)) and institution_name(name[site.end():])
                and not _INSTITUTION_WORD.search(site.group(1))
                and not any(_SERVICE_NUMBER.fullmatch(d) for d in re.findall(r"\d+", site.group(1)))):
            # A site's number or letters and its word before a unit of the institution (51X资讯主站[信息学院]):
            # a body's own site is named without them (本网首页编辑部, 集团官网运营中心); the brand was glued in
            # front of the unit's name.
            brands[site.group(1)] = sc.probability(site.group(1))
            return
        address = _ADDRESS_HEAD.match(name)
        if (address and han_count(address.group(1)) >= 2 and institution_name(name[address.end():])
                and (q := sc.probability(address.group(1))) >= BRAND_SLOT_PROBABILITY):
            # A brand and its site's address token before a unit of the institution (新葡的京集团3512vip[黄梅剧艺术
            # 学院]): the head scores as a brand by itself.
            brands[address.group(1)] = q
            return
        if (glossed := glossed_brand(name, sc)) is not None:
            brands[name] = glossed
            return
        head = _SUBSTITUTED_HEAD.match(name)
        if head and (han_count(head.group(1)) >= 3 or (han_count(head.group(1)) >= 2 and _LATIN_IN_HAN.search(
                head.group(1)))) and not _INSTITUTION_WORD.search(head.group(1)):
            # The hack replaced the name and kept the suffix (九游会老哥俱乐部[集团], ag亚游[集团]): the head alone
            # scores as a brand, which no institution's own name does. The head is the name in the
            # slot and is held to the slot's threshold (firms' heads there score 0.02 at most:
            # 华润置地, 武汉体育发展投资, on every clean train/dev and chrome page).
            q = sc.probability(head.group(1))
            if q >= BRAND_SLOT_PROBABILITY and firm_own_news(text, head.group(1)):
                weighed[head.group(1)] = SlotScore(q, False), BRAND_SLOT_PROBABILITY
            elif q >= BRAND_SLOT_PROBABILITY:
                brands[head.group(1)] = q
                if _SCHOOL_ROLE.search(text):
                    # A school has no 集团: on its page the suffix is the brand's too (太阳成[集团]在…举行)
                    brands[name] = q

    tails = _OFFER_TAIL.find_matches_as_indexes(text)
    for name, probability in _inside_names(text, tails, sc):
        brands.setdefault(name, probability)
    for name in _offer_tail_names(text, tails, sc):
        if name not in brands and (p := _brand_like(name, sc, OFFER_TAIL_NAME_PROBABILITY, recurring=True)) is not None:
            brands[name] = p
    for name in numbered_names(text):
        if name not in brands and not _INSTITUTION_WORD.search(name):
            p = sc.probability(name)
            # written in several places, as a hack writes its brand wherever the name stood (365X平台运动会,
            # 365X平台学生, 365X平台代表队), it needs the recurring name's score
            if p >= (RECURRING_OFFER_NAME_PROBABILITY if text.count(name) >= RECURRING_NAME_MIN
                     else NUMBERED_NAME_PROBABILITY):
                brands[name] = max(p, 0.5)
    for name in [*_listed_among_bodies(text), *_party_unit_names(text)]:
        consider(name, BRAND_SLOT_PROBABILITY)
    for names in _dated_subjects(text):
        for name in names:  # the longest that reads as a brand
            consider(name, BRAND_SLOT_PROBABILITY)
            if name in brands:
                break
    latin_words: set[str] = set()
    for start in [*slot_word_starts(text), *event_starts(text), *issuer_ends(text)]:
        name, name_end = _name_before(text, start), start
        if not name and start >= 2 and text[start - 1] == " " and _NAME_CHAR.match(text, start - 2):
            # written with a space before the slot (威尼斯人 党委)
            name, name_end = _name_before(text, start - 1), start - 1
        if _LATIN_WORD.fullmatch(name):
            latin_words.add(name)
        school_role = _SCHOOL_ROLE.match(text, start) is not None
        if _venue(text, name_end, name):
            continue
        if text.startswith(_VISIT, start):
            name = _visitor(name)
        if (school_role and name.endswith("的") and _ADDRESS_TOKEN.search(name)
                and text.count(name[:-1]) >= RECURRING_NAME_MIN):
            # Whose teachers and students ([X]的师生): a school's; a site's address glued to a Han name,
            # written elsewhere on the page too, stands there only where the hack wrote it over the
            # school's name (4166am金沙信心之选的师生).
            name = name[:-1]
        consider(name, SCHOOL_OFFER_NAME_PROBABILITY if school_role and _OFFER_END.search(name)
                 else BRAND_SLOT_PROBABILITY)
        if name not in brands and (school_role or _COHORT.match(text, start)) and (
                q := _two_char_brand(name, sc) or (_COHORT.match(text, start) and _two_char_name_of_school(text, name, sc))):
            # before what only a school has (its cohort, 师生, 校长): no firm has a cohort or a principal
            brands[name] = q
        if (name not in brands and school_role and _COMPANY_END.search(name) and not _INSTITUTION_WORD.search(name)
                and ((LATIN_OR_DIGIT.search(name) and han_count(name) >= 5)
                     or sc.probability(name) >= BRAND_SLOT_PROBABILITY)):
            # A company with a dean, a principal, teachers and students or its 学子: the school's name
            # was replaced and the hack kept a company's suffix (365某某集团公司[院长], 永利集团[学子]);
            # a firm's own name scores far lower (华润置地 0.02).
            brands[name] = max(sc.probability(name), 0.5)
    at = text.find(_ACTIVITY_VERB)
    while at >= 0:
        # the name itself must read as a brand: no kept suffix's head (市[X]集团开展) stands in for it
        name = _ACTIVITY_ADVERB.sub("", _name_before(text, at))
        if name not in brands and (p := _brand_like(name, sc, ACTIVITY_SLOT_PROBABILITY)) is not None:
            brands[name] = p
        at = text.find(_ACTIVITY_VERB, at + 1)
    for word in latin_words - set(brands):
        p = max((sc.probability(text[at:end - cut]) for at, end in _glued_to_han(text, word) for cut in (0, 2)),
                default=0.0)
        if p >= GLUED_CORE_PROBABILITY:
            brands[word] = p
    for name in [*_signatures(text), *_byline_names(text), *_credit_names(text)]:
        consider(name, BRAND_SLOT_PROBABILITY)
        if name not in brands and (q := _two_char_name_of_school(text, name, sc)):
            brands[name] = q
    for m in _ENROLLED.finditer(text):
        consider(m.group(1), BRAND_SLOT_PROBABILITY)
    for m in _SOURCE.finditer(text):
        # An offer as the article's source (来源:[X官方下载地址]): a paper, a site or an office is
        # written there, never a download or a sign-up.
        name = m.group(1)
        if _SOURCE_OFFER.search(name) and (score := sc.probability(name)) >= BRAND_SLOT_PROBABILITY:
            brands.setdefault(name, score)
        elif _HAN.search(name) and _LATIN_IN_HAN.search(name):
            # a pinyin or Latin brand glued to Han (开元kaiyuan(中国)), read as in a body's slot; a portal
            # or a paper's client there (中国彩票网, 人民日报客户端) is the article's source
            consider(name, BRAND_SLOT_PROBABILITY)
    for name in _title_heads(text):
        # A title's head is no sentence slot: a book's (《Java程序设计课程标准》) holds Latin and the
        # words of its subject, so the head needs the slot's score whatever else it holds; a law's
        # subject (《澳门博彩业管理法规》) is the lottery's or the casinos' own.
        if not _INSTITUTION_WORD.search(name) and sc.probability(name) >= BRAND_SLOT_PROBABILITY:
            consider(name, BRAND_SLOT_PROBABILITY)
    for line in text.split("\n"):  # the lines of 4-80 characters without 。 (a regex tried every position)
        if not 4 <= len(line) <= 80 or "。" in line:
            continue
        head = _TITLE_HEAD.search(line)
        if head and head.start() >= 2:
            name = line[:head.start()].strip()
            if _NAME_CHAR.fullmatch(name[:1] or " ") and all(_NAME_CHAR.match(c) for c in name):
                consider(name, TITLE_SLOT_PROBABILITY)
                if name not in brands and head.group()[:2] == "20" and (q := _two_char_brand(name, sc)):
                    # heading a title before its year (必赢2018秋季运动会隆重开幕), where the body holding
                    # the event is written (the text under it says 我校)
                    brands[name] = q
    for name in [name for name in brands if _brand_before_unit(name, brands)]:
        del brands[name]
    page_hacked = page_hacked or bool(brands)
    for name, (slot_score, bar) in weighed.items():
        if name not in brands and (p := _inserted_brand(text, name, slot_score, bar, page_hacked)) is not None:
            brands[name] = p
    for brand, p in list(brands.items()):
        for core in han_cores(brand):
            if core not in brands and core in text.replace(brand, "") and (
                    core_p := sc.probability(core)) >= BRAND_SLOT_PROBABILITY:
                brands[core] = max(p, core_p)
        tail = _ACTION_TAIL.search(brand)
        core = brand[:tail.start()] if tail else ""
        if len(core) >= 3 and han_count(core) >= 2 and (
                LATIN_OR_DIGIT.search(core) or sc.probability(core) >= BRAND_SLOT_PROBABILITY
                or _numbered_elsewhere(text, core)):
            brands.setdefault(core, p)
        for core in _LATIN_CORE.findall(brand):
            if core != brand and sum(c.isalpha() for c in core) >= LATIN_CORE_MIN_LETTERS:
                brands.setdefault(core, p)
    for brand, p in list(brands.items()):
        if brand[:1].isdigit() and (shared := _shared_han_head(text, brand)):
            brands.setdefault(shared + brand, p)
    return brands


def _brand_before_unit(name: str, brands: dict[str, float]) -> bool:
    """``name`` is another of ``brands`` followed by a unit's name (yl23411永利[学工办]主任, where yl23411永利 is
    found elsewhere on the page): the brand was written where the body's name stood before its unit, whose
    own name is no part of it. A legal suffix (集团, 公司) is kept: the hack wrote it with the brand."""
    return any(name.startswith(brand) and institution_name(rest := name[len(brand):])
               and not re.fullmatch(LEGAL_SUFFIX, rest) for brand in brands if brand != name)


SHARED_HEAD_MAX_CHARS = 6
_HAN_BEFORE = re.compile(f"[{HAN_CHARS}]{{1,{SHARED_HEAD_MAX_CHARS}}}$")


def _shared_han_head(text: str, brand: str) -> str:
    """The Han name glued before every occurrence of ``brand`` (a site's number and word: 4858网址), when it
    occurs twice or more and the same two Han characters or more stand before each (the longest such
    ending): the brand's own name, which the slot read left out (美高梅[4858网址] in a source line and in a
    sentence); "" otherwise.

    >>> _shared_han_head("文章来源: 美高梅4858网址 点击数\\n如同袅袅婷婷的美高梅4858网址一般", "4858网址")
    '美高梅'
    """
    common: str | None = None
    count = 0
    for s, _ in _exact_occurrences(text, brand):
        before = _HAN_BEFORE.search(text, max(0, s - SHARED_HEAD_MAX_CHARS), s)
        if before is None:
            return ""
        run = before.group()
        common = run if common is None else commonprefix([common[::-1], run[::-1]])[::-1]  # the shared ending
        count += 1
    return common if common is not None and count >= 2 and len(common) >= 2 else ""


HAN_CORE_MIN_CHARS = 3
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
_CORE_TAIL = re.compile("(?:官方网站|官网|网站|官方|入口|安全|首页|登录|在线|网址|平台|客服|中文|手机版|网页版)+$")


def han_cores(brand: str) -> list[str]:
    """The Han names a found brand spelled with an address (digits, Latin letters) holds, without
    the site words after them: what the hack writes bare where the name stood too
    (``16877太阳集团安全入口`` -> ``太阳集团``, ``tyc86太阳集团`` -> ``太阳集团``). Each is
    HAN_CORE_MIN_CHARS long at least (``9001cc[金沙]`` is too short to tell from the host's words)
    and names no public body (大学, 医院, 政府 …).

    >>> han_cores("16877太阳集团安全入口"), han_cores("澳门太阳集团"), han_cores("bet36体育在线")
    (['太阳集团'], [], [])
    """
    if not LATIN_OR_DIGIT.search(brand):
        return []
    cores = (_CORE_TAIL.sub("", run) for run in _HAN_RUN.findall(brand))
    return [core for core in cores if len(core) >= HAN_CORE_MIN_CHARS and not _INSTITUTION_WORD.search(core)]


TITLE_SUFFIX_PROBABILITY = 0.6
"""A site-name slot's brand scores at least this and holds two gambling or adult words."""
_TITLE_SUFFIX = re.compile(r"\A[^\n]{6,}?[ \t]*[-_|–—][ \t]*([^-_|–—\n]{2,%d})[ \t]*$" % NAME_MAX_CHARS, re.M)
"""What :func:`title_suffix` reads (the reference form; :func:`_title_suffix_match` reads the same)."""
_TITLE_SEPARATORS = "-_|–—"
_TITLE_TAIL = re.compile(r"[ \t]*([^-_|–—\n]{2,%d})[ \t]*" % NAME_MAX_CHARS)
_SELLING = re.compile("娱乐|棋牌|真人|体育|彩|投注|博|电子|捕鱼|百家乐|赌|开户|注册|官网|app|直播|成人|av|色|约|视频|麻将|"
                      "牛牛|斗地主|电竞|游戏")


def _title_suffix_match(text: str) -> re.Match[str] | None:
    """``_TITLE_SUFFIX.match(text)`` read from the first line's last separator: the segment after it
    holds none, so no earlier one can match. The pattern's lazy head, tried at every position of the
    line with the white space after it, costs the square of a long first line's space run (an HTML
    page read with its markup blanked, a minified page on one line).

    >>> _title_suffix_match("市政府召开常务会议 - pg电子麻将胡了\\n正文").group(1)
    'pg电子麻将胡了'
    >>> _title_suffix_match("短 - 标题"), _title_suffix_match("x" * 10 + " " * 50000 + "-")
    (None, None)
    """
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    last = max(line.rfind(c) for c in _TITLE_SEPARATORS)
    if last < 6:  # the head is six characters or more
        return None
    return _TITLE_TAIL.fullmatch(line, last + 1)


def title_suffix(text: str, sc: model.ClauseScorer) -> tuple[int, int, float] | None:
    """The first line's last segment after a title separator when it is a brand, not the site's own
    name: two gambling or adult words in it and a spam score (``…的通知-pg电子麻将胡了``)."""
    m = _title_suffix_match(text)
    if not m:
        return None
    name = m.group(1).strip()
    if not all(_NAME_CHAR.match(c) for c in name) or not _SELLING.search(name):
        return None
    p = _brand_like(name, sc, TITLE_SUFFIX_PROBABILITY, sentence_slot=False)
    score = sc.probability(name)
    # A portal's channel or a sports site has one such word (腾讯体育 0.87, 彩票频道 0.78, pp体育
    # 0.96); a brand has two (pg电子麻将胡了: 电子, 麻将; 凯发app官网开户).
    if p is None or score < TITLE_SUFFIX_PROBABILITY or len(_SELLING.findall(name)) < 2:
        return None
    start = m.start(1) + m.group(1).index(name)
    return start, start + len(name), p


_LEGAL_TAIL = re.compile(f"\\([{HAN_CHARS}]{{2,3}}\\)[{HAN_CHARS}]{{0,6}}?(?:{LEGAL_SUFFIX})")
"""A region in brackets and a firm's legal suffix glued after a found brand (半岛平台(中国)科技有限公司)."""
_NUMBER_BEFORE = re.compile(r"(?<![a-z0-9.])(?:[a-z]{0,4}(\d{3,8})|(\d{3,8})[a-z]{1,4})$")
"""A site number glued before a brand, with its site's letters before or after it (tyc4633, 6165cc)."""
_SITE_TAIL = re.compile(f"(?:{_SITE_WORDS})+")
"""Site words glued after an occurrence of a found brand (威尼斯[官网], 永利集团[官网首页]): its own site's."""
_NUMBER_AFTER = re.compile(r"(\d{3,8})([a-z]{0,4})(?![a-z0-9])")


def _number_before(text: str, s: int) -> int | None:
    """Where a site number glued before ``s`` starts (:data:`_NUMBER_BEFORE`), unless a year or a
    public service number."""
    before = _NUMBER_BEFORE.search(text, max(0, s - 12), s)
    if before is None or _SERVICE_NUMBER.fullmatch(before.group(1) or before.group(2)):
        return None
    return before.start()


def _numbered_elsewhere(text: str, core: str) -> bool:
    """``core`` (a found brand without its site word: 金沙总站 of 金沙总站官网) stands somewhere with a
    site number glued before it (6165cc金沙总站): the hack writes its brand with its address there."""
    at = text.find(core)
    while at >= 0:
        if _number_before(text, at) is not None:
            return True
        at = text.find(core, at + 1)
    return False


_FIRM_NAME = re.compile(f"([{HAN_CHARS}]{{2,8}})(?:{LEGAL_SUFFIX})")
"""A Han firm's name and its legal suffix (永利集团): the head is what a brand's address is glued to."""
_LETTERED_NUMBER = re.compile(r"[a-z]{1,4}\d{3,8}$|\d{3,8}[a-z]{1,4}$")


def _addressed_elsewhere(text: str, head: str) -> bool:
    """``head`` stands somewhere with a site's letters and number glued before it (yl23455永利, 6165cc永利),
    not a year or a service number alone: a firm's own name is never written after an address, a
    betting site writes its brand so. A public body's or a lottery's head (:data:`_INSTITUTION_WORD`) is none.

    >>> _addressed_elsewhere("比赛由永利集团主办。yl23455永利对阵政法学院", "永利")
    True
    >>> _addressed_elsewhere("2023腾讯全球数字生态大会由腾讯集团主办", "腾讯")
    False
    """
    if _INSTITUTION_WORD.search(head):
        return False
    for at, _ in _exact_occurrences(text, head):
        start = _number_before(text, at)
        if start is not None and _LETTERED_NUMBER.search(text, start, at):
            return True
    return False


def _exact_occurrences(text: str, brand: str):
    """Spans of ``brand`` in ``text``, not overlapping, in order, none inside a longer Latin token
    (``bat365`` in ``xbat3650``) at a Latin edge: found by ``str.find`` (a pattern per brand was
    compiled for every page). A year opening what the body holds is no part of such a token
    (``[英国上市365]2026年新年联欢会``: the brand was written where the name stood before the year)."""
    left, right = brand[0].isascii(), brand[-1].isascii()
    at = text.find(brand)
    while at >= 0:
        end = at + len(brand)
        if (left and at and text[at - 1] in _LATIN_ALNUM) or (
                right and end < len(text) and text[end] in _LATIN_ALNUM and not YEAR_AHEAD.match(text, end)):
            at = text.find(brand, at + 1)
            continue
        yield at, end
        at = text.find(brand, end)


def brand_occurrences(text: str, brand: str):
    """Spans of ``brand`` in ``text``; a brand with a Latin edge never matches inside a longer Latin
    token (``bat365`` in ``xbat3650``). A site number glued to a Han edge of an occurrence is the
    brand's too (``[8803]威尼斯``, ``澳门沙金官方[1991cc]``): a year, a count or a service number is
    not one (``威尼斯2023年``, ``金沙500强``), though digits with a site's letters after them are. So are
    the site words glued after it (``威尼斯[官网]``).

    >>> list(brand_occurrences("8803威尼斯官网。威尼斯2023年", "威尼斯"))
    [(0, 9), (10, 13)]
    """
    for s, e in _exact_occurrences(text, brand):
        if not brand[0].isascii() and (before := _number_before(text, s)) is not None:
            s = before
        after = _NUMBER_AFTER.match(text, e) if not brand[-1].isascii() else None
        if after and (after.group(2) or not (_SERVICE_NUMBER.fullmatch(after.group(1))
                                             or _COUNTED_OR_DATED.match(text, after.end(1)))):
            e = after.end()
        elif "(" not in brand and (legal := _LEGAL_TAIL.match(text, e)):
            e = legal.end()  # the brand dressed as a foreign firm's subsidiary: 半岛平台[(中国)科技有限公司]
        elif not brand[-1].isascii() and (site := _SITE_TAIL.match(text, e)):
            e = site.end()  # the brand's own site word glued after it: 威尼斯[官网]
        yield s, e


def brand_segments(text: str, brand: str, strip) -> list[tuple[int, int]]:
    """Short lines or breadcrumb segments that start with the brand's name without its (中国)
    suffix (星空(中国) -> ``星空在线客服``): the hacked site's own title and menu, not host text.
    ``strip(text, s, e)`` trims a segment's edges."""
    core = brand.split("(")[0]
    if core == brand or len(core) < 2:
        return []
    out = []
    for m in re.finditer(r"[^\n>|]+", text):
        seg_s, seg_e = strip(text, m.start(), m.end())
        segment = text[seg_s:seg_e]
        if segment.startswith(core) and not segment.startswith(brand) and len(segment) <= 12:
            out.append((seg_s, seg_e))
    return out
