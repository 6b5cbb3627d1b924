"""Shapes of the site's furniture printed above a page's title in plain text, on any site: the site's name as a
website (…官方網站), a breadcrumb's fragment (a lone ``>``, ``财经频道 > 国内财经``), a breadcrumb's column named again
on a line of its own, a flipbook viewer's page header (``Page 28 - 月報六月號``), a bilingual menu or column label
(``境內遠足 Local Hiking``).

Each predicate reads one line folded as chrome phrases are (simplified, half-width, a mirror's glossed readings
removed: :func:`scrapegate.rules.boilerplate.chrome.phrase_fold`), but :func:`bilingual_label`, which reads the line
as printed (its Latin capitals count); where such a line counts as chrome (above the head's title only) is
:func:`scrapegate.rules.boilerplate.chrome._mark_head_furniture`'s business.
"""

from __future__ import annotations

import re

_WEBSITE_NAME = re.compile("[\u3400-\u9fff]{2,24}网站")
"""A site's name as a website, Han characters only (河南省体育彩票管理中心官方网站, 某某县人民政府门户网站)."""


def site_name_line(folded: str) -> bool:
    """A line that is only a site's name as a website (…官方网站, …门户网站, …网站; spaces ignored).

    >>> site_name_line("河南省体育彩票管理中心官方网站"), site_name_line("澳门特别行政区政府 入口网站")
    (True, True)
    >>> site_name_line("关于加强政府网站建设的通知"), site_name_line("hx8866官方网站"), site_name_line("网站")
    (False, False, False)
    >>> site_name_line("关于整合县级政府网站")  # a headline about websites, not a site's name
    False
    """
    squeezed = "".join(folded.split())
    return _WEBSITE_NAME.fullmatch(squeezed) is not None and "关于" not in squeezed


STEP = r"(?:>>?|›|»|&gt;)"
"""A breadcrumb's step between two crumbs (首页 > 新闻, 首页>>新闻, 首页 » 新闻, an HTML page's escaped &gt;)."""
_CRUMB = r"[^\s>›»。，,;；!！?？:：()（）]{1,12}"
_SEPARATORS_ONLY = re.compile(r"[\s>›»<‹«|｜/\\\-–—_·•.…:：~*=#]+")
_SHORT_TRAIL = re.compile(rf"\s*(?:{STEP}\s*)?{_CRUMB}(?:\s*{STEP}\s*{_CRUMB})?\s*(?:{STEP}\s*)?")
_TRAIL_LABEL = re.compile(r"^.{0,8}?(?:位置|导航)\s*[:：]\s*")
_TRAIL_SPLIT = re.compile(rf"\s*(?:{STEP}|/)\s*")


def trail_fragment(folded: str) -> bool:
    """A breadcrumb's fragment: a line of separators alone (``>``, ``| |``, ``-``), or one or two crumbs with a
    step between them or dangling (``财经频道 > 国内财经``, ``> 正文``, ``新闻中心 >``). Three crumbs or more are a
    whole trail (the breadcrumb shape); a crumb alone without a step is not a fragment.

    >>> [trail_fragment(t) for t in (">", "- -", "财经频道 > 国内财经", "> 正文", "新闻中心 >")]
    [True, True, True, True, True]
    >>> [trail_fragment(t) for t in ("新闻中心", "收入 > 支出,说明增长", "2 > 1", "")]
    [False, False, False, False]
    """
    text = folded.strip()
    if not text:
        return False
    if _SEPARATORS_ONLY.fullmatch(text):
        return True
    if not re.search(STEP, text) or not _SHORT_TRAIL.fullmatch(text):
        return False
    return all(re.search(r"[^\W\d_]", crumb) for crumb in _TRAIL_SPLIT.split(text) if crumb)


def trail_crumbs(folded: str) -> set[str]:
    """The crumbs of a breadcrumb trail (its label, 您所在的位置:, left out), spaces removed.

    >>> sorted(trail_crumbs("您所在的位置:政务公开 > 工作报告"))
    ['工作报告', '政务公开']
    """
    if not re.search(STEP, folded):
        return set()
    text = _TRAIL_LABEL.sub("", folded.strip())
    return {"".join(crumb.split()) for crumb in _TRAIL_SPLIT.split(text) if crumb.strip()}


_FLIPBOOK_PAGE = re.compile(r"(?i)\s*(?:page|p\.)\s*\d{1,4}\s*[-–—|:]\s*\S.{0,60}|\s*第\s*\d{1,4}\s*页\s*[-–—|:]\s*\S.{0,60}")


def flipbook_page_header(folded: str) -> bool:
    """A flipbook viewer's page header: the page's number, then the publication's name (Page 28 - 年度月報六月號).

    >>> flipbook_page_header("Page 28 - 2024-25年度总监月报六月号"), flipbook_page_header("第3页 - 校刊")
    (True, True)
    >>> flipbook_page_header("Page 28"), flipbook_page_header("页面设计 - 基础")
    (False, False)
    """
    return _FLIPBOOK_PAGE.fullmatch(folded) is not None


_HAN_LABEL = "[\u3400-\u9fff]{2,12}"
_LATIN_LABEL = r"[A-Z][A-Za-z'’.&-]*(?: (?:&|[A-Za-z][A-Za-z'’.&-]*)){0,4}"
_BILINGUAL_LABEL = re.compile(rf"\s*(?:{_HAN_LABEL}[ \t\u3000]+{_LATIN_LABEL}|{_LATIN_LABEL}[ \t\u3000]+{_HAN_LABEL})\s*")


def bilingual_label(text: str) -> bool:
    """A menu item or a column's label printed in two languages (境內遠足 Local Hiking, 關於我們 About Us): a few Han
    characters and a few Latin words starting with a capital, either first, nothing else (no punctuation, no digit),
    as a Hong Kong, Macao or Taiwan site labels its columns. Read on the line as printed.

    >>> bilingual_label("境內遠足 Local Hiking"), bilingual_label("已舉辦活動 Past Activities"), bilingual_label("News 新聞")
    (True, True, True)
    >>> bilingual_label("境內遠足活動(2022年12月行程)"), bilingual_label("使用 iPhone 拍攝"), bilingual_label("第1章 Intro")
    (False, False, False)
    """
    return _BILINGUAL_LABEL.fullmatch(text) is not None
