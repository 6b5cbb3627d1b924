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
_URL = re.compile(r"https?://[^\s<>\"'，。、；）)】]+", re.IGNORECASE)
_LABELLED_URL = re.compile(
    r"(?:本文地址|本文链接|原文地址|原文链接|文章地址|本页地址|网址|来源网址|转载请注明出处)\s*[:：]\s*"
    r"(?P<url>(?:https?://|/)[^\s<>\"'，。；）)】]+)"
)


def document_title(doc: Document, ctx: BatchContext) -> str | None:
    """The manifest title, else the document's own heading line among its first lines, else None."""
    if doc.manifest and doc.manifest.title:
        return doc.manifest.title
    line = title_line(doc, ctx)
    return line.text.strip() if line else None


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
