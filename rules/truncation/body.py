"""The body a truncation judgement reads: paragraphs, numbered items, title lines, sentence ends.

:class:`Body` is built once per document (inside the memoised analysis) from ``body_lines`` (the
document's own text, chrome set aside) and offers the small questions every truncation check asks:
does this line end a sentence, is it a title line, is it a sign-off, which ordinal starts it.

Markup is not text: ``.html`` files are read as text, so a paragraph is the *visible* part of a
line, with leading and trailing tags (``<p>``, ``</p></div>``), HTML comments, ``<script>``/``<style>``
blocks, white-space entities (``&nbsp;``, ``&emsp;``) and control characters (NUL padding) set
aside; a line that is nothing but markup is no paragraph at all.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, Line
from scrapegate.checks.findings import Span
from scrapegate.rules.boilerplate.chrome import body_lines, simplify_chars
from scrapegate.rules.boilerplate.chrome import non_blank_lines
from scrapegate.rules.truncation.data import (
    HAN,
    OrdinalFamily,
    break_or_clause_mark,
    chinese_to_int,
    cues,
    punctuation,
    sequences,
    tail_patterns,
)

_TITLE_BREAKS = re.compile(r"[，,、；;]")
_BRACKET_OPENERS = {"）": "（(", ")": "(（", "】": "【[", "〕": "〔", "〉": "〈", "]": "[【"}

_TAG = r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"
_SPACE_ENTITY = r"&(?:nbsp|ensp|emsp|thinsp|zwsp|zwnj|zwj|#0*160|#[xX]0*[aA]0|#0*12288|#[xX]0*3000);"
_MARKUP_UNIT = (r"(?:<!--.*?-->|<![A-Za-z][^<>]*>|<(script|style|title)\b[^<>]*>.*?</\1\s*>|" + _TAG + "|"
                + _SPACE_ENTITY + r"|[\s\x00-\x08\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff])")
_LEADING_MARKUP = re.compile(f"{_MARKUP_UNIT}+", re.IGNORECASE)  # used with match(pos)
# White space, C0 controls (NUL padding), DEL and zero-width or direction marks: nothing to read.
_INVISIBLE = frozenset(" \t\r\n\x0b\x0c\u3000\u00a0\x7f\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
                       + "".join(map(chr, range(0x20))))
_INVISIBLE_CHARS = "".join(sorted(_INVISIBLE))
_INDENT_CHARS = " \u3000\t\u00a0"
_MARKUP_AT_END = re.compile(f"{_MARKUP_UNIT}$", re.IGNORECASE)
_BLOCK_END_TAG = re.compile(r"</(script|style|title)\s*>$", re.IGNORECASE)
_TAGS = re.compile(_TAG)
_ANCHOR = re.compile(r"<a\s[^<>]*>([^<>]{0,80})</a\s*>", re.IGNORECASE)
# Where a block that is not text (a comment, a script, the page's <title>) opens, and what ends it.
_BLOCK_OPENERS = re.compile(r"<!--|<(script|style|title)\b[^<>]*>", re.IGNORECASE)
_BLOCK_CLOSERS = {"comment": re.compile(r"-->"),
                  **{kind: re.compile(rf"</{kind}\s*>", re.IGNORECASE) for kind in ("script", "style", "title")}}
_TAIL_ENTITY_CHARS = 120
_TAIL_ENTITIES = re.compile(r"(?:&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)+$")
_INDENT_AFTER_MARKUP = re.compile(r"(?:[ \u3000\t\u00a0]|&(?:nbsp|ensp|emsp|#0*160|#0*12288);)$", re.IGNORECASE)
# A numbered item may start right after a short label ending in a colon: 附件：1.…, 附：(一)…
_ITEM_LABEL = re.compile(r"^[^\s，,。；;！!？?：:（）()、]{1,8}[：:]\s*")
_ITEM_LABEL_CHARS = 9  # the longest label and its colon


_OPENERS = frozenset("".join(_BRACKET_OPENERS.values()))


def _matching_opener(text: str) -> int:
    """The index of the bracket that opens the one closing ``text`` (nested pairs skipped: a reading
    inside the aside, ``(縣統(tǒng)計局供稿)``, is not its opener), or -1.

    >>> _matching_opener("增长37.4%。(縣統(tǒng)計局供稿)")
    8
    """
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in _BRACKET_OPENERS:
            depth += 1
        elif ch in _OPENERS:
            depth -= 1
            if depth == 0:
                return i
    return -1


@dataclass(slots=True)  # not frozen: a frozen init costs 1-2 µs a paragraph, and nothing changes one
class Paragraph:
    """A non-blank body line, stripped; offsets point into the decoded text."""

    index: int
    start: int
    end: int
    text: str
    indented: bool
    line: str = ""  # the whole line, markup included (a link line is recognised by its markup)


@dataclass(slots=True)  # not frozen, as Paragraph
class Ordinal:
    family: OrdinalFamily
    value: int
    paragraph: int
    offset: int  # in the paragraph text

    @property
    def label(self) -> str:
        return self.family.format(self.value)


@dataclass(frozen=True)
class Signal:
    """One piece of evidence that a side of the document is missing."""

    name: str
    hard: bool
    evidence: str
    expected: str | None = None
    found: str | None = None


@dataclass(frozen=True)
class TruncationOptions:
    """Shared by both truncation rules."""

    short_line_chars: int = 30          # an unpunctuated last line up to this long may be a sign-off
    header_max_chars: int = 60          # leading unpunctuated lines up to this long are title lines
    header_max_lines: int = 6           # at most this many leading lines are title lines
    indent_share: float = 0.75          # share of indented paragraphs that makes an unindented opening odd
    indent_min_paragraphs: int = 4      # the indentation test needs at least this many paragraphs
    open_list_paragraphs: int = 6       # a list stopping this close to the end is "still open"
    attachment_search: int = 30         # an 附件 list this close to the end is judged apart from the text
    genre_checks: bool = True           # apply genre profiles (rules/data/genre_*.json)
    structural: bool = True             # weigh structure-only evidence (numbering, genre parts, tables)
    warn_at: float | None = None        # probability of a cut from which an end is reported (warning);
                                        # None: the shipped model's threshold (chosen on held-out sites)
    error_at: float | None = None       # probability from which it is an error; None: the model's


class Body:
    """The non-blank body lines of one document with their numbered items and title-line count."""

    def __init__(self, doc: Document, ctx: BatchContext, options: TruncationOptions) -> None:
        self.doc, self.ctx, self.options = doc, ctx, options
        self.punct = punctuation()
        self.seq = sequences()
        self.paragraphs = _paragraphs(doc, ctx)
        # The paragraphs joined by line breaks (one string a pattern scans in one call), and where each starts.
        self.joined = "\n".join([p.text for p in self.paragraphs])
        self.starts = _starts(self.paragraphs)
        self.ordinals = _find_ordinals(self.paragraphs, self.seq.families, self.seq.inline_probe,
                                       (self.joined, self.starts))
        self.header = self._header_count()
        self._ends: dict[int, bool] = {}
        self._extras: dict[int, str | None] = {}
        self._stops = _plain_stops()

    def stripped_core(self, text: str) -> str:
        core = text.rstrip()
        while core and core[-1] in self.punct.closers:
            core = core[:-1].rstrip()
        return core

    def is_terminated(self, text: str, *, strict: bool = False) -> bool:
        """Ends with sentence-final punctuation, possibly followed by closing quotes or brackets.

        ``strict``: a bare closing bracket does not count (a title such as ``…报告(2023年1月5日)``).
        """
        # Most lines end with a full stop: the answer without the steps below (no entity, no closer,
        # no cell separator, no decimal point can end such a line; only an excerpt's dots 。。。 can).
        marks = _plain_stops().get(text[-1:])
        if marks is not None and not text.endswith(marks):
            return True
        text = without_cell_tail(text)
        if not text:
            return True
        core = self.stripped_core(text)
        if core != text and strict:
            return bool(core) and core[-1] in self.punct.terminal
        if core != text:
            if not core or core[-1] in self.punct.terminal:
                return True
            if core[-1] in self.punct.lead_in:
                return False
            # A bare closing quote (…之都”) is accepted: complete paragraphs end that way more often
            # than cuts land right after one. A bare closing bracket only closes a parenthetical that
            # is the whole line ((记者 张晓)) or follows a full stop, also one inside a closed quotation
            # (。(完), 吗？”（姚峰 上海报道）: a byline); after words it is an aside inside an unfinished
            # sentence, or a reading added to the last word (地區(qū)).
            closer = text[len(core):].strip()[-1]
            if closer in _BRACKET_OPENERS:
                opened = _matching_opener(text)
                before = self.stripped_core(text[:opened]) if opened >= 0 else core
                return opened >= 0 and (not before or before[-1] in self.punct.terminal)
            return True
        if self.ends_with_excerpt_mark(core):
            return False
        last = core[-1]
        if last in ".．" and len(core) > 1 and core[-2].isdigit() and HAN.search(core):
            return False  # 增长5. : a decimal number cut after its point
        if last in self.punct.line_final:
            return len(core) > 1 and not core[-2].isdigit()  # 好开心~ ends a post's sentence; 每天8~ is a range cut
        return last in self.punct.terminal

    def ends_sentence(self, p: Paragraph) -> bool:
        """:meth:`is_terminated` for a body paragraph, remembered (several checks ask it of the same ones)."""
        text = p.text
        marks = self._stops.get(text[-1:])
        if marks is not None and not text.endswith(marks):
            return True  # a plain full stop: answered as is_terminated's first step does, without a call
        known = self._ends.get(p.index)
        if known is None:
            known = self._ends[p.index] = self.is_terminated(p.text)
        return known

    def ends_with_excerpt_mark(self, text: str) -> bool:
        """``…能节尽...``: dots a page prints in place of the rest of a text, right after words."""
        core = text.rstrip()
        for mark in self.punct.excerpt_marks:
            if core.endswith(mark) and len(core) > len(mark) and HAN.match(core[-len(mark) - 1]):
                return True
        return False

    def ends_with_signoff(self, text: str) -> bool:
        """``…联系电话：0574-58587336 慈溪掌起镇人民政府 2023年11月24日 |``: the issuing body and the date
        run into the end of the paragraph, a signed text's close."""
        core = without_cell_tail(text)
        return core[-1:] == "日" and tail_patterns().inline_signoff.search(simplify_chars(core)) is not None

    def ends_with_lead_in(self, text: str) -> bool:
        core = unescape_tail(text.rstrip())
        return bool(core) and core[-1] in self.punct.lead_in

    def line_ordinal(self, index: int) -> Ordinal | None:
        for o in self.ordinals:
            if o.paragraph == index and o.offset == 0 and not o.family.inline:
                return o
        return None

    def is_header_line(self, p: Paragraph) -> bool:
        text = p.text
        if (len(text) > self.options.header_max_chars or self.is_terminated(text, strict=True)
                or self.ends_with_lead_in(text)):
            return False
        if _TITLE_BREAKS.search(text) or self.line_ordinal(p.index) is not None or figure_row(text):
            return False
        return True

    def _header_count(self) -> int:
        n = 0
        for p in self.paragraphs[: self.options.header_max_lines]:
            if not self.is_header_line(p):
                break
            n += 1
        return n if n < len(self.paragraphs) else 0

    def first_sentence_span(self, p: Paragraph) -> Span:
        for i, ch in enumerate(p.text):
            if ch in self.punct.terminal and i > 0:
                j = i + 1
                while j < len(p.text) and (p.text[j] in self.punct.closers or p.text[j] in self.punct.terminal):
                    j += 1
                return Span(p.start, p.start + j)
        return Span(p.start, p.end)

    def last_sentence_span(self, p: Paragraph) -> Span:
        entities = _tail_entities(p.text)
        plain_until = entities.start() if entities else len(p.text)  # offsets before it hold in p.text
        text = self.stripped_core(unescape_tail(p.text))
        body = text.rstrip("".join(self.punct.terminal))
        cut = 0
        for i in range(len(body) - 1, -1, -1):
            if body[i] in self.punct.terminal:
                cut = i + 1
                break
        cut = min(cut, plain_until)
        while cut < len(p.text) and p.text[cut] in self.punct.closers:
            cut += 1
        return Span(p.start + cut, p.end)

    def is_signoff(self, p: Paragraph) -> bool:
        """A line that may close a complete text unpunctuated: a sign-off (date, byline, (完), page
        link)."""
        tail = tail_patterns()
        if len(p.text) <= tail.signoff_max_chars:
            # Traditional-script sign-offs (新聞聯絡人：, 發稿單位：) read as their simplified form.
            text = simplify_chars(p.text)
            if any(r.search(text) for r in tail.signoff):
                return True
        return False

    def _credit_line(self, p: Paragraph) -> bool:
        """A credit laid out as labels and names on lines of their own (作者 / 王某某 / 编辑 / 李某): a label
        line, or a short name line (no punctuation, no digits) next to one (the page's chrome pass may have
        taken the first label away: the names under it then stand right above the next label)."""
        if len(p.text) > CREDIT_NAME_CHARS:
            return False
        if _credit_label_line(p):
            return True
        return _CREDIT_NAMES.fullmatch(p.text.strip()) is not None and any(map(_credit_label_line, self._near(p)))

    def _block_name_line(self, p: Paragraph) -> bool:
        """A short name line right above a signature or contact block's date or field line
        (某某区供暖工作领导小组 / 2024年10月8日; 项某 老师 / 电话：…): an issuer or a contact no suffix names.
        Not a numbered line (一、… or 第三章 above a date is a heading left empty), nor one holding a
        sentence's function words (的, 要, 将 …: a sentence cut short above the date)."""
        if len(p.text) > BLOCK_NAME_CHARS or (below := self._line_below(p)) is None:
            return False
        return (_BLOCK_NAME.fullmatch(p.text.strip()) is not None and not _SENTENCE_WORDS.search(p.text)
                and self.line_ordinal(p.index) is None
                and any(r.search(below) for r in tail_patterns().block))

    def _contact_head(self, p: Paragraph) -> bool:
        """A short line heading or leading into contact details (二、联系方式, 咨询电话如下：) right above a
        contact's field line (联系人：…, 电话：…): the block it introduces is there."""
        tail = tail_patterns()
        if len(p.text) > CREDIT_NAME_CHARS or tail.contact_head.match(simplify_chars(p.text.strip())) is None:
            return False
        below = self._line_below(p)
        return below is not None and any(r.search(below) for r in tail.contact)

    def _line_below(self, p: Paragraph) -> str | None:
        """The paragraph right below ``p``, stripped, in simplified characters (None: ``p`` is the last)."""
        if p.index + 1 >= len(self.paragraphs):
            return None
        return simplify_chars(self.paragraphs[p.index + 1].text.strip())

    def ends_with_address(self, text: str) -> bool:
        """``…发送至邮箱：name@example.com``: a sentence ending with an address or a number after its label."""
        return tail_patterns().address_end.search(text.rstrip()) is not None

    def _near(self, p: Paragraph) -> list[Paragraph]:
        """The paragraphs right above and right below ``p``."""
        return [q for q in self.paragraphs[max(0, p.index - 1):p.index + 2] if q is not p]

    def is_reference(self, p: Paragraph) -> bool:
        """A line citing a source, at any length (a URL, a Markdown or HTML link)."""
        line = strip_tags(_ANCHOR.sub(r"[\1](link)", p.line or p.text))
        return any(r.search(line) for r in tail_patterns().reference)

    def tail_extra(self, p: Paragraph) -> str | None:
        """What a line under the text is when it is not text: ``"signoff"`` (a date, a byline),
        ``"reference"`` (a source link: a page adds it whether or not the text above is whole, so it
        says nothing of the text's end), ``"caption"`` (a photo's caption ending in its credit, (黃瓊蕙攝): as
        little), ``"pager"`` (共3页 下一页) or ``"chrome"`` (footer chrome the
        boilerplate pass left: a newspaper's name, a copyright line, an e-mail written with #, (at) or AT, a
        bare ``|``, a related-links label such as ``相关报道：``); None for text. Remembered per
        paragraph: the checks of both ends read the last lines several times (a third of the calls)."""
        if p.index not in self._extras:
            self._extras[p.index] = self._tail_extra(p)
        return self._extras[p.index]

    def _tail_extra(self, p: Paragraph) -> str | None:
        if self.is_signoff(p) or self._credit_line(p) or self._block_name_line(p) or self._contact_head(p):
            return "signoff"
        if self.is_reference(p):
            return "reference"
        if any(r.search(p.text) for r in tail_patterns().caption):
            return "caption"
        c = cues()
        if len(p.text) <= c.pager_max_chars and c.pager.search(p.text):
            return "pager"
        if len(p.text) <= c.chrome_tail_max_chars and c.chrome_tail.match(p.text):
            return "chrome"
        if _EMPTY_LABEL.fullmatch(p.text) and any(_EMPTY_LABEL.fullmatch(q.text) for q in self._near(p)):
            return "chrome"  # a page template's empty fields (关联稿件： 相关附件：), not a lead-in
        return None

    def doc_tail_lines(self, n: int = 8) -> list[str]:
        """The document's last ``n`` non-blank lines (chrome included), tags removed, last first; at
        most its second half, so that a short page's pager above the text is not read as one below."""
        lines = non_blank_lines(self.doc)
        n = min(n, len(lines) // 2)
        return [strip_tags(line.text) for line in reversed(lines[len(lines) - n:])]

    def doc_head_lines(self, n: int = 8) -> list[str]:
        """The document's first ``n`` non-blank lines (chrome included), tags removed; at most its
        first half (rounded up: a lone pager line is above the text)."""
        lines = non_blank_lines(self.doc)
        return [strip_tags(line.text) for line in lines[:min(n, (len(lines) + 1) // 2)]]

    def top_sections(self) -> list[Ordinal]:
        return [o for o in self.ordinals if o.family.level == 1]


CREDIT_NAME_CHARS = 20
BLOCK_NAME_CHARS = 30
_BLOCK_NAME = re.compile(r"[\u4e00-\u9fff（）()·・\s　]{2,}")
_SENTENCE_WORDS = re.compile(r"[的了要将把被是在对着应须得让使从向]")
_CREDIT_NAMES = re.compile(r"[\u4e00-\u9fffA-Za-z·・\s　、/|｜]+")


def _credit_label_line(p: Paragraph) -> bool:
    """A short line that is only a credit's label (编辑, 排版: truncation_tail.json's credit_label)."""
    text = p.text.strip()
    return len(text) <= CREDIT_NAME_CHARS and tail_patterns().credit_label.fullmatch(simplify_chars(text)) is not None


# A field label with nothing after it: two or more stacked at the end are a page template's fields.
_EMPTY_LABEL = re.compile(r"[^\s，,。；;！!？?：:、]{2,8}[：:]")
_CELL_SPLIT = re.compile(r"\s*[|｜]\s*|\t+|[ \u3000]{2,}")
TABLE_ROWS_MAX = 60
BAR_CHARS = ("|", "｜")  # a Markdown table row's bars


# A part's or a table's number written before its title (第六章, 第二节, 表2, 图 3, 附件1): with the title
# after two spaces, the line is that part's heading or the table's caption, not a row of two cells.
_LABEL_CELL = re.compile(r"(?:第\s*[一二三四五六七八九十百零〇\d]+\s*[章节節编編篇部条條]|(?:附\s*[表件]|[表图圖])\s*[\d一二三四五六七八九十]+)$")


def row_cells(text: str) -> list[str]:
    """A table row's cells (what :func:`table_cells` counts), its outer bars and white space left out."""
    return [c for c in _CELL_SPLIT.split(text.strip().strip("|｜ ")) if c]


def table_cells(text: str) -> int:
    """Cells of a table row written as text (``| a | b |``, tab- or space-separated), 0 for prose and for
    a heading or caption whose number and title stand apart (``第六章  附则``, ``表2  2025年主要指标``).

    >>> table_cells("粮食总产量  905.7  7.2"), table_cells("| 第六章 | 附则 |")
    (3, 2)
    >>> table_cells("第六章  附则"), table_cells("表2  2025年主要指标完成情况"), table_cells("附件1  名单")
    (0, 0, 0)
    """
    return len(_table_row(text))


def _table_row(text: str) -> list[str]:
    """The cells :func:`table_cells` counts, none for a line that is no table row."""
    stripped = text.strip()
    if not stripped or break_or_clause_mark().search(stripped):
        return []
    cells = row_cells(stripped)
    if len(cells) < 2 or max(len(c) for c in cells) > 24:
        return []
    if len(cells) == 2 and not stripped.startswith(BAR_CHARS) and _LABEL_CELL.match(cells[0]):
        return []
    return cells


_DECIMAL_CELL = re.compile(r"[-+−]?[0-9０-９]+(?:[.．]([0-9０-９]*))?%?")


def figure_row(text: str) -> bool:
    """A table row holding a figure in a cell of its own (``年末常住人口  850.3  2.6``): a table's line, never a title
    line, however short and unpunctuated (a headline's parts stand apart by spaces too, but hold no bare figure).

    >>> figure_row("年末常住人口  850.3  2.6"), figure_row("全区推进会召开 部署2026年重点工作")
    (True, False)
    """
    return any(_DECIMAL_CELL.fullmatch(c) for c in _table_row(text))


FIGURE_ROWS = 3  # rows above the last one a column's decimals are read from


def _decimals(cell: str) -> int | None:
    """Decimal places of a figure cell (``7.2`` 1, ``7`` and ``7.`` 0); None for any other cell."""
    m = _DECIMAL_CELL.fullmatch(cell)
    return None if m is None else len(m.group(1) or "")


def figure_cut_short(rows: list[str]) -> tuple[str, int] | None:
    """(the last row's last cell, the places its column shows above it) when the last row is as wide as the
    rows right above it and its last figure has fewer decimal places than that column's figures above it
    (up to three, which agree; a single one only right under the table's header row): the row was cut
    inside its last figure. A whole table prints a column to one precision.

    >>> rows = ["指标  绝对数  比上年增长(%)", "粮食总产量  905.7  7.2", "地区生产总值  685.4  1.0"]
    >>> figure_cut_short(rows + ["社会消费品零售总额  72.0  6"]), figure_cut_short(rows[:2] + ["工业增加值  72.0  6."])
    (('6', 1), ('6.', 1))
    >>> figure_cut_short(rows + ["社会消费品零售总额  72.0  6.4"]), figure_cut_short(["项目  数量", "住房  12", "交通  3"])
    (None, None)
    >>> figure_cut_short(["甲  7.2", "乙  6"])  # no header: one row above says nothing of the column
    """
    last = row_cells(rows[-1])
    places = _decimals(last[-1]) if last else None
    column: list[int] = []
    header = False
    for text in reversed(rows[-1 - FIGURE_ROWS:-1]):
        cells = row_cells(text)
        found = _decimals(cells[-1]) if len(cells) == len(last) else None
        if found is None:
            header = len(cells) == len(last)
            break
        column.append(found)
    if places is None or not column or len(set(column)) != 1 or places >= column[0] or (len(column) == 1 and not header):
        return None
    return last[-1], column[0]


def strip_tags(text: str) -> str:
    """A line's text without its markup, stripped (how the pager, head and reference lines are read)."""
    return _TAGS.sub("", text).strip()


def text_lines(doc: Document, ctx: BatchContext) -> list[Line]:
    """``body_lines`` and, when the body ends at a table row, the rows of that table the chrome pass
    set aside after it (figures in short cells read like a list of links): a table is the text's own.
    Also a whole Markdown table set aside right under the body when its last row stops before its
    closing bar (a header recurring across the batch's documents reads like a template line): page
    chrome never holds half a row, so the text was cut inside that table."""
    body = body_lines(doc, ctx)
    if not body:
        return body
    if not table_cells(strip_tags(body[-1].text)):
        return body + _cut_bar_table(doc, body[-1])
    rows = []
    for line in _lines_under(doc, body[-1]):
        if not table_cells(strip_tags(line.text)):
            break
        rows.append(line)
    return body + rows


def _lines_under(doc: Document, last: Line) -> list[Line]:
    """The TABLE_ROWS_MAX non-blank lines under ``last`` (the body's last line), chrome included: where a
    table the chrome pass set aside after the text stands."""
    lines = non_blank_lines(doc)
    k = bisect_right([line.start for line in lines], last.start)
    return lines[k:k + TABLE_ROWS_MAX]


_BAR_LINE_AHEAD = re.compile(r"[ \t\u3000\r\n]*[|｜]")


def _cut_bar_table(doc: Document, last: Line) -> list[Line]:
    """The Markdown rows (``| a | b |``) right under ``last``, the body's last line, when they are two or more and
    only the last one stops before its closing bar: the table the text was cut in. Else none.

    >>> doc = Document.from_bytes("t.txt", "正文。\\n| 指标 | 2025年 |\\n|---|---|\\n| 交通1\\n某某日报".encode())
    >>> [line.text for line in _cut_bar_table(doc, doc.lines[0])]
    ['| 指标 | 2025年 |', '|---|---|', '| 交通1']
    >>> whole = Document.from_bytes("t.txt", "正文。\\n| 指标 | 2025年 |\\n|---|---|\\n| 交通1 | 5 |".encode())
    >>> _cut_bar_table(whole, whole.lines[0])
    []
    """
    if _BAR_LINE_AHEAD.match(doc.text, last.end) is None:  # most bodies: no table under them
        return []
    rows: list[Line] = []
    for line in _lines_under(doc, last):
        text = line.text.strip()
        if not text.startswith(BAR_CHARS):
            break
        rows.append(line)
        if not text.endswith(BAR_CHARS):
            return rows if len(rows) >= 2 else []
    return []


def _paragraphs(doc: Document, ctx: BatchContext) -> list[Paragraph]:
    out: list[Paragraph] = []
    open_block: str | None = None  # a comment or script block still open from an earlier line
    for line in text_lines(doc, ctx):
        raw = line.text
        if open_block is None and "<" not in raw and "&" not in raw:
            # No markup on the line: the paragraph is the line without invisible characters.
            text = raw.strip(_INVISIBLE_CHARS)
            if text:
                begin = 0 if raw[0] == text[0] else raw.index(text)
                out.append(Paragraph(len(out), line.start + begin, line.start + begin + len(text), text,
                                     begin > 0 and raw[begin - 1] in _INDENT_CHARS, raw))
            continue
        first = 0
        if open_block is not None:
            close = _BLOCK_CLOSERS[open_block].search(raw)
            if close is None:
                continue
            open_block, first = None, close.end()
        last, open_block = _open_block_start(raw, first)
        lead = _LEADING_MARKUP.match(raw, first, last)
        begin = lead.end() if lead else first
        end = _visible_end(raw, begin, last)
        if begin >= end:
            continue
        indented = bool(_INDENT_AFTER_MARKUP.search(_TAGS.sub("", raw[:begin])))
        out.append(Paragraph(len(out), line.start + begin, line.start + end, raw[begin:end], indented, raw))
    return out


def _visible_end(raw: str, begin: int, end: int) -> int:
    """Where the trailing markup of ``raw[begin:end]`` starts, found backwards one unit at a time (a
    regex anchored at the end would retry from every position: quadratic on a long line)."""
    lowered: str | None = None
    while end > begin:
        last = raw[end - 1]
        if last in _INVISIBLE:
            end -= 1
            continue
        if last == ">":
            opener = raw.rfind("<!--", begin, end) if raw.endswith("-->", begin, end) else raw.rfind("<", begin, end)
            close = _BLOCK_END_TAG.match(raw, opener, end) if opener >= 0 else None
            if close:  # a one-line <script>…</script>: the whole element
                lowered = raw.lower() if lowered is None else lowered
                opener = lowered.rfind("<" + close.group(1).lower(), begin, opener)
        elif last == ";":
            opener = raw.rfind("&", max(begin, end - 12), end)
        else:
            break
        if opener < 0 or not _MARKUP_AT_END.match(raw, opener, end):
            break
        end = opener
    return end


def _open_block_start(raw: str, first: int) -> tuple[int, str | None]:
    """(where a comment or script/style block left open at the end of the line starts, its kind);
    (len(raw), None) when every block opened on the line closes on it."""
    position = first
    while True:
        opener = _BLOCK_OPENERS.search(raw, position)
        if opener is None:
            return len(raw), None
        kind = (opener.group(1) or "comment").lower()
        close = _BLOCK_CLOSERS[kind].search(raw, opener.end() if kind != "comment" else opener.start() + 4)
        if close is None:
            return opener.start(), kind
        position = close.end()


def _tail_entities(text: str) -> re.Match[str] | None:
    """The run of character entities ``text`` ends with (looked for in its last characters only)."""
    return _TAIL_ENTITIES.search(text, max(0, len(text) - _TAIL_ENTITY_CHARS)) if "&" in text else None


def unescape_tail(text: str) -> str:
    """``text`` with the character entities it ends with decoded (``…发展。&rdquo;`` → ``…发展。”``)."""
    entities = _tail_entities(text)
    return text[: entities.start()] + html.unescape(entities.group()) if entities else text


def without_cell_tail(text: str) -> str:
    """``text`` without the cell separators a flattened table row leaves after it (…百分点。 |, …。&nbsp;|), nor
    any white space or entity before them: none is part of the last sentence."""
    text = unescape_tail(text.rstrip()).rstrip()
    while text and text[-1] in "|｜":
        text = unescape_tail(text.rstrip("|｜").rstrip()).rstrip()
    return text


@lru_cache(maxsize=1)
def _plain_stops() -> dict[str, tuple[str, ...]]:
    """Sentence-final marks that decide alone (not a decimal point), each with the excerpt marks ending in it."""
    punct = punctuation()
    return {c: tuple(m for m in punct.excerpt_marks if m.endswith(c)) for c in sorted(punct.terminal - {".", "．"})}


def _starts(paragraphs: list[Paragraph]) -> list[int]:
    """Where each paragraph starts in their texts joined by line breaks."""
    return [0, *accumulate([len(p.text) + 1 for p in paragraphs[:-1]])] if paragraphs else []


_FEW_SPANS = 32
"""Up to this many matches, :func:`_touched` finds their paragraphs by bisection in Python: numpy's fixed
cost (``np.unique`` above all) is most of the time of a few."""


def _touched(pattern: re.Pattern[str], joined: str, starts: list[int]) -> set[int]:
    """Indexes of the paragraphs (starting at ``starts`` in ``joined``) that a match of ``pattern`` overlaps."""
    spans = [m.span() for m in pattern.finditer(joined)]
    if len(spans) <= _FEW_SPANS:
        out: set[int] = set()
        for a, b in spans:
            out.update(range(bisect_right(starts, a) - 1, bisect_right(starts, max(a, b - 1))))
        return out
    bounds = np.asarray(spans)
    bounds[:, 1] = np.maximum(bounds[:, 0], bounds[:, 1] - 1)
    first, last = np.searchsorted(starts, bounds, side="right").T - 1
    if np.array_equal(first, last):
        return set(first.tolist())
    return {k for a, b in zip(first.tolist(), last.tolist()) for k in range(a, b + 1)}


def _find_ordinals(paragraphs: list[Paragraph], families: tuple[OrdinalFamily, ...],
                   inline_probe: re.Pattern[str] | None, joined: tuple[str, list[int]]) -> list[Ordinal]:
    """Every numbered item of the paragraphs, in reading order; ``inline_probe``: the inline families'
    probes in one pattern (a paragraph without a hit holds no inline member); ``joined``: the
    paragraphs' texts joined by line breaks and where each starts (:attr:`Body.joined`), so that the
    probe scans them in one call and only paragraphs that can hold a member are read one by one."""
    found: list[Ordinal] = []
    # Per first character, the families a paragraph opening with it can hold a member of (every inline
    # family, the line families whose members can start with it), in their order.
    at_head: dict[str, list[OrdinalFamily]] = {}
    line_heads = [f.first for f in families if not f.inline and f.first is not None]
    if inline_probe is not None and len(line_heads) == sum(not f.inline for f in families):
        text, starts = joined
        with_inline = _touched(inline_probe, text, starts)
        heads = frozenset().union(*line_heads)
        # A paragraph no line family can open (by its first character), with no label (a colon among its
        # first characters) and no inline probe hit holds no numbered item.
        candidates = [p for p in paragraphs if p.index in with_inline or p.text[0] in heads
                      or "：" in p.text[:_ITEM_LABEL_CHARS] or ":" in p.text[:_ITEM_LABEL_CHARS]]
    else:
        with_inline, candidates = None, paragraphs
    for p in candidates:
        text = p.text
        head = text[:_ITEM_LABEL_CHARS]
        # A label (附件：) ends in a colon among the first characters: the regex only when one is there.
        label = _ITEM_LABEL.match(text) if "：" in head or ":" in head else None
        if label:
            candidate_families: Sequence[OrdinalFamily] = families
        elif (known := at_head.get(text[0])) is not None:
            candidate_families = known
        else:
            candidate_families = at_head[text[0]] = [f for f in families
                                                     if f.inline or f.first is None or text[0] in f.first]
        if with_inline is not None:
            inline = p.index in with_inline
        else:
            inline = inline_probe is None or inline_probe.search(text) is not None
        for fam in candidate_families:
            if fam.inline:
                if not inline or (fam.probe is not None and not fam.probe.search(text)):
                    continue
                located = [(m, m.start("num")) for m in fam.pattern.finditer(text)]
            elif (m := fam.pattern.match(text)) is not None:
                located = [(m, 0)]
            elif label and (m := fam.pattern.match(text[label.end():])) is not None:
                located = [(m, label.end())]  # 附件：1.… : the list's first item, not a heading line
            else:
                continue
            for m, offset in located:
                value = chinese_to_int(m.group("num"))
                if value:
                    found.append(Ordinal(fam, value, p.index, offset))
    found.sort(key=lambda o: (o.paragraph, o.offset, o.family.level))
    return found
