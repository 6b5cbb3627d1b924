"""Where a document came from: its own title and its source URL, for the report's document block.

The manifest wins where it has a value; otherwise both are read from the text, never from site chrome
for the title (a navigation line is not a title) and preferably from labelled chrome for the URL
(``本文地址:/baogao/huadong/5905.html`` is how aggregators print a page's address).
"""

from __future__ import annotations

import re

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, Line
from scrapegate.checks.textnorm import HEADING_ORDINAL, heading_core
from scrapegate.rules import data

TITLE_SEARCH_LINES = 6
TITLE_MAX_CHARS = 80
_SENTENCE_END = tuple("。！？!?；;，,：:")
# The document-genre words (报告, 公报, 规划, 决议 …): the list boilerplate keeps its own titles by.
_TITLE_WORDS = re.compile("|".join(re.escape(row[0].strip())
                                   for row in data.read_rows("boilerplate_title_words.txt")))
# Not a title although it names the genre: a breadcrumb (首页>政务公开>政府工作报告), a bulleted
# or labelled metadata value (• 政府工作报告, 组配分类: 报告全文), the report's opening sentence
# (我代表区人民政府向大会报告工作), reported speech or a sentence (代表说:“……。”).
_NOT_TITLE = re.compile(
    r"^\s*(?:当前位置|您的位置|您现在的位置|位置\s*[:：]|[•·▪●◆■])|[>＞»›].*[>＞»›]|我代表|向大会报告"
    r"|(?:发布机构|组配分类|索引号|发布日期|发布时间|信息来源|成文日期|文号)\s*[:：]|[:：]\s*[“\"]|。")
# A bare genre label (政府报告, 政府工作报告): a later, fuller heading in the window is preferred.
_BARE_GENRE = re.compile(r"^(?:\d{4}年度?)?(?:政府)?(?:工作)?[报報]告(?:全文)?$")
# A line that opens the body rather than naming it: a numbered heading (一、 （三） 第二章 ①) or the
# address to the delegates.
_BODY_START = re.compile(r"^\s*各位代表")
# A news headline names no genre (孝昌开展环境综合整治“百日行动”): a short first line, no sentence,
# no byline or dateline, not a list of keywords, a menu or a site's name, right before the story's
# first paragraph.
HEADLINE_MIN_CHARS = 6
HEADLINE_MAX_CHARS = 40
_NOT_HEADLINE = re.compile(
    r"^\s*(?:本[报報][讯訊]|[记記]者|通[讯訊][员員]|[来來]源|作者|[编編][辑輯]|[发發]布|[时時][间間]|日期|原创|原創"
    r"|\d{2,4}\s*[-/年.]\s*\d{1,2})|[网網][讯訊]|[>＞»›]|https?://|www\.|\.(?:jpg|jpeg|png|gif)\b"
    r"|(?:[网網]站|[门門]户[网網]?)$",
    re.IGNORECASE)
_KEYWORD_SEPARATORS = re.compile(r"[,，_|｜]")
_GAPS = re.compile(r"\s+")  # a menu (首页 政务公开 长沙方志 …) or spaced-out letters (领 导 邮 箱)
_PROSE_END = re.compile(r"[。！？!?]")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_URL = re.compile(r"https?://[^\s<>\"'，。、；）)】]+", re.IGNORECASE)
_LABELLED_URL = re.compile(
    r"(?:本文地址|本文链接|原文地址|原文链接|文章地址|本页地址|网址|来源网址|转载请注明出处)\s*[:：]\s*"
    r"(?P<url>(?:https?://|/)[^\s<>\"'，。；）)】]+)"
)


def document_title(doc: Document, ctx: BatchContext) -> str | None:
    """The manifest title, else the document's own heading line among its first lines (a heading
    naming its genre, else a news headline: :func:`headline_line`), else None."""
    if doc.manifest and doc.manifest.title:
        return doc.manifest.title
    line = headline_line(doc, ctx)
    return line.text.strip() if line else None


def heading_title(doc: Document, ctx: BatchContext) -> str | None:
    """The manifest title, else the document's own heading naming its genre (:func:`title_line`),
    else None: a title that claims a unit, as region reads titles. A news headline is left out:
    its places are the story's (南京麻将游戏 … 澳门中区赌场, 投身双城经济圈…), read without the
    body's context, and on train/dev pages checking them against the body raised RG002 errors on 7
    of 83 own headlines naming a unit."""
    if doc.manifest and doc.manifest.title:
        return doc.manifest.title
    line = title_line(doc, ctx)
    return line.text.strip() if line else None


def headline_line(doc: Document, ctx: BatchContext) -> Line | None:
    """:func:`title_line`, else the news headline above the story's first paragraph: a short line
    with no sentence in it, no byline, dateline, menu, keyword list or site name, followed within
    two lines by a paragraph (孝昌开展环境综合整治“百日行动” / 为构建平安和谐校园,…。)."""
    def find() -> Line | None:
        from scrapegate.rules.boilerplate.chrome import body_lines

        heading = title_line(doc, ctx)
        return heading if heading is not None else _headline(body_lines(doc, ctx)[:TITLE_SEARCH_LINES])

    return doc.batch_memo(ctx, "headline_line", find)


def title_line(doc: Document, ctx: BatchContext) -> Line | None:
    """The document's own heading line among its first body lines (chrome excluded), if any; on an
    HTML page its first heading element (h1, else h2 ...) outside the chrome."""
    from scrapegate.rules.boilerplate.chrome import body_lines, page_heading

    def find() -> Line | None:
        heading = page_heading(doc, ctx)
        if heading is not None:
            return heading
        candidates = [l for l in body_lines(doc, ctx)[:TITLE_SEARCH_LINES] if _looks_like_title(l)]
        if not candidates:
            return None
        fuller = [l for l in candidates if not _BARE_GENRE.match(heading_core(l.text))]
        return candidates[0] if not _BARE_GENRE.match(heading_core(candidates[0].text)) or not fuller \
            else fuller[0]

    return doc.batch_memo(ctx, "title_line", find)


def _looks_like_title(line: Line) -> bool:
    text = line.text.strip()
    if not text or len(text) > TITLE_MAX_CHARS or HEADING_ORDINAL.match(text) or _BODY_START.match(text):
        return False
    if text.endswith(_SENTENCE_END) or _NOT_TITLE.search(text):
        return False
    return bool(_TITLE_WORDS.search(heading_core(text)))


def _headline(lines: list[Line]) -> Line | None:
    """The news headline among a document's first body lines: a headline-shaped line before the
    story's first paragraph, which follows it within two lines (a repeated headline or a photo
    caption may stand between)."""
    for i, line in enumerate(lines):
        if _prose(line):
            return None  # the story has begun: a headline stands above it
        if headline_shaped(line) and any(_prose(l) for l in lines[i + 1 : i + 3]):
            return line
    return None


def headline_shaped(line: Line) -> bool:
    text = line.text.strip()
    if not HEADLINE_MIN_CHARS <= len(text) <= HEADLINE_MAX_CHARS or text.endswith(_SENTENCE_END):
        return False
    if HEADING_ORDINAL.match(text) or _BODY_START.match(text) or _NOT_TITLE.search(text):
        return False
    if (_NOT_HEADLINE.search(text) or len(_KEYWORD_SEPARATORS.findall(text)) > 1
            or len(_GAPS.findall(text)) > 2):
        return False
    return len(_HAN_CHAR.findall(text)) * 3 >= len(text.replace(" ", "")) * 2


def _prose(line: Line) -> bool:
    """A paragraph of the story: longer than any headline, with a sentence in it."""
    text = line.text.strip()
    return len(text) > HEADLINE_MAX_CHARS and _PROSE_END.search(text) is not None


def source_url(doc: Document) -> str | None:
    """The manifest URL, else a labelled page address in the text, else the first absolute URL."""
    if doc.manifest and doc.manifest.url:
        return doc.manifest.url
    return doc.memo("text_url", lambda: _url_from_text(doc.text))


def page_url(doc: Document) -> str | None:
    """The page's own address: the manifest URL, else a labelled page address in the text (本文地址:
    …); never a bare URL found in the text, which may be anyone's."""
    if doc.manifest and doc.manifest.url:
        return doc.manifest.url
    labelled = _LABELLED_URL.search(doc.text)
    return labelled.group("url") if labelled else None


def _url_from_text(text: str) -> str | None:
    labelled = _LABELLED_URL.search(text)
    if labelled:
        return labelled.group("url")
    plain = _URL.search(text)
    return plain.group(0) if plain else None
