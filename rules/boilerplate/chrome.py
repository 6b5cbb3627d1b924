"""Boilerplate: site chrome (navigation, page metadata, footers, disclaimers, comment widgets) as spans.

Every non-blank line is weighed on three signals, then adjacent chrome lines are grouped into blocks:

* **phrases** (data: ``rules/data/boilerplate_phrases.tsv``): known Chinese and English chrome phrases
  with a kind (navigation, metadata, disclaimer, comment ...) and a weight. A weight-2 phrase
  (导航菜单, 版权所有, 不代表本站立场, 验证码) marks a short line on its own; weight-1 phrases (首页, 来源:,
  本站) need a second signal.
* **position**: the *head zone* is everything before the first line of clean prose (a sentence-like
  line without chrome phrases), the *tail zone* everything after the last one. Chrome lives there;
  the same phrase in the middle of the body needs stronger evidence. In the zones a publication
  timestamp (``2021年05月14日 20:42 新浪网``) counts as a weak metadata phrase (a bare date or
  weekday line only in the head zone: at the end a date is the document's signature), a field value between
  its label and the next label (``• 索引号:`` / ``6107280000/2024-001005`` / ``• 主题分类:``) and
  widget fragments touching chrome (``字号:[`` / 大 / 中 / 小 / ``]``) are chrome too, and after
  the first chrome line of the tail zone every line with a chrome phrase that is not the document's
  prose, and the lines that are not sentences between two of the footer's chrome lines (a signature, a
  date or a contact list of the document's own are never such a run's). Letter-spaced labels (``索   引
  号``, ``首 页 政 务 公 开``) are matched with the spaces between Han characters removed (only on the lines analysed). A line that starts with a strong
  metadata label (``索引号 … 分类 其他; …``) is a field, not prose, even with a sentence mark.
  Two or more adjacent short lines with metadata phrases (来源:红网 / 作者:黄曦 / 编辑:刘飞越) are
  chrome anywhere. The neighbourhood also keeps text: a 联系电话 line between two
  ``label: value`` lines of the document (办公时间 / 电子邮件) is the document's own contact list.
* **the batch** (``ctx.line_doc_freq``): a normalised line recurring in several documents of the batch
  is template, CCNet-style. Recurrence alone never makes a line chrome, because every government
  report repeats 各位代表, its headings and stock political sentences word for word. A recurring line
  is chrome only when it is short, not a heading or a lead-in, and *sandwiched* by phrase chrome in a
  head or tail zone (between the document edge and a chrome line, or between two chrome lines);
  recurring prose is chrome only in a zone and with chrome phrases (a site's long disclaimer).

The functions :func:`chrome_blocks` and :func:`body_lines` are shared with the truncation, region and
duplicate rules (they judge the body, never the chrome); both are memoised per document.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Collection, Iterator

import ahocorasick_rs
import numpy as np
from scrapegate.checks import html
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, Line
from scrapegate.checks.findings import Span
from scrapegate.checks.textnorm import (HAN, HAN_CHARS, HEADING_ORDINAL, code_points, fold, fold_chars, from_code_points,
                                        line_fingerprint, simplified_chars)
from scrapegate.rules import data
from scrapegate.rules.boilerplate import head_furniture, records, recurrence, scorer, scorer_keeps
from scrapegate.rules.boilerplate.regional import mainland_wording
from scrapegate.rules.placeholder.detector import surnames

# Detection thresholds. They are shared by every rule that uses chrome_blocks/body_lines, so they are
# module constants rather than per-rule options (two rules must never disagree on what the body is).
PROSE_MIN_CHARS = 20
"""A line with at least this many content characters and a sentence mark (。;!?) is prose."""
MIN_RECURRENCE = 2
"""A line is a batch template line when its fingerprint occurs in at least this many documents."""
_LETTER = re.compile(r"[^\W\d_]")
"""A line without one has no batch frequency (see ``_analyse_document``)."""
WEAK_COVERAGE = 0.5
"""Weak-phrase lines in the body are chrome when phrases cover this share of their content."""
SHORT_PROSE_CHARS = 30
"""Prose lines shorter than this that carry a strong chrome phrase do not bound the head and tail zones."""
PROSE_CHROME_SCORE = 3
"""A prose line in a head/tail zone is chrome at this score: 2 per strong phrase, 1 per weak one
(of the kinds written as sentences: disclaimer, copyright, comment ...), 2 when it recurs in the batch
(a disclaimer with one strong phrase and one weak one scores 3)."""

WEAK_LINE_COVERAGE = 0.3
"""A lone weak phrase other than a label (来源:, 联系电话) marks an edge line only when it covers this share."""
_LABEL_KINDS = frozenset({"metadata", "contact", "address"})
_LINK_LABEL_KINDS = frozenset({"navigation", "pagination", "related"})
"""Kinds whose strong phrase followed by a colon at a line's start labels a link (查看完整版本: …, 上一篇：…): the line is
a field, never prose, however its linked title ends (?, !), unless it ends like a statement (。;): a sentence of the
text glued to the label."""
_STATEMENT_END = ("。", ";", "；")

LONG_LINE_CHARS = 400
"""Lines with more content characters than this (a whole page on one line, a long paragraph) are
chrome only when phrases cover at least LONG_LINE_COVERAGE of them: never lose a body to one phrase."""
LONG_LINE_COVERAGE = 0.15

_PROSE_CHROME_KINDS = frozenset({"disclaimer", "copyright", "comment", "contact", "address", "qrcode",
                                 "share", "print"})

_DIGIT = re.compile(r"\d")
_CLAUSE_MARK = re.compile("[,，、]")
_SENTENCE_MARK = re.compile(r"[。;；!！?？]")
_LEAD_IN_END = tuple(":：,，、")
_CONTENT = re.compile(r"[^\W_]", re.UNICODE)
_NON_CONTENT = re.compile(r"[\W_]", re.UNICODE)
_LINE_START_SKIP = " \t\u3000【[(（<《「•·●▪◆■*-"
# A publication timestamp: a date followed by a time of day (2021年05月14日 20:42, 2010/1/6 16:43:13, ISO's
# 2008-01-06T07:42; Taiwan's content systems write the half of the day before it: 2026-01-13 上午 08:35:49), or
# the English date of a blog's post or reply header (September 19th, 2005 at 7:32 pm).
# No two white-space runs stand side by side in either pattern: each would try every split of a long
# run of spaces between them (quadratic: 20,000 spaces after a date cost seconds a line).
_TIMESTAMP = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日\s*|\s+|T)"
                        r"(?:(?:上午|下午|早上|中午|晚上|凌晨|AM|PM|am|pm)\s*)?\d{1,2}:\d{2}"
                        r"|\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
                        r"(?:,? at|,)? \d{1,2}:\d{2}"
                        # a bulletin board's ctime: Sat Aug  3 01:56:16 2013
                        r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}"
                        r"\s+\d{1,2}:\d{2}(?::\d{2})?\s+\d{4}")
# Matched against the stripped line (fullmatch), so no white space needs matching at either end.
# A year of the Republic of China calendar (Taiwan: 102.2.20 is 2013-02-20, 民國102年2月20日) is a date too.
_DATE = r"(?:\d{4}|(?:民國|民国)?(?:9\d|1[01]\d))\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?"
_WEEKDAY_WORD = r"星期[一二三四五六日天]|[周週][一二三四五六日]"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# An English date with or without its weekday (Monday, November 25, 2024; 25 Nov 2024): a blog's date header or a
# header's clock.
_ENGLISH_DATE = (r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
                 rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})")
# An event's dates as a range (2022年05月30日-06月02日, 03月05日 - 03月30日): each end a date with its year or a month
# and day written with 月.
_MONTH_DAY = r"\d{1,2}\s*月\s*\d{1,2}\s*日?"
_DATE_RANGE = rf"(?:{_DATE}|{_MONTH_DAY})\s*(?:-|~|～|–|—|至|到)\s*(?:{_DATE}|{_MONTH_DAY})"
# A page's record of its own date under a label no phrase names (公告日期：2024-05-02, 上載日期, 張貼日期; 发布日期 and
# 更新时间 are phrases), read in simplified characters (see shape_view): a record wherever it stands, as a timestamp
# is (a signature's date has no such label).
_RECORD_DATE = (r"(?:公告|上载|上传|张贴|刊登|发刊|出刊|修订|最后更新|最后修订|最近修订)(?:日期|时间)\s*[:：]\s*"
                rf"{_DATE}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?")
# A date in Hong Kong's and Macao's day-first order (16/02/2023), alone on its line: a bare date line like 2023-02-16.
_DAY_FIRST_DATE = r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*(?:19|20)\d{2}"
_DATE_LINE = re.compile(f"(?:{_DATE})?(?:\\s*(?:{_WEEKDAY_WORD}))?|{_ENGLISH_DATE}|{_DATE_RANGE}|{_DAY_FIRST_DATE}")
_RECORD_DATE_LINE = re.compile(_RECORD_DATE)
# A content system's "last modified" stamp in any date format (最後修改於 週四, 04 八月 2022 04:40, read simplified): the
# label, then a short run holding a year; no sentence.
_MODIFIED_ON = re.compile(r"\s*最后(?:修改|更新|编辑)于\s*[:：]?[^。！？!?；;]{0,24}?(?:19|20)\d\d[^。！？!?；;]{0,16}")


def has_timestamp(text: str) -> bool:
    """Whether ``text`` holds a publication timestamp (:data:`_TIMESTAMP`); both of its forms end on a time of day,
    so a line without a colon is refused without a search."""
    return ":" in text and _TIMESTAMP.search(text) is not None


_LABEL_END = (":", "：")
LABEL_LOOK_CHARS = 16
"""How far into a line a metadata label at its start is looked for."""
FRAGMENT_MAX_CHARS = 2
"""Lines with at most this many content characters (大 / 中 / 小, 默认) are widget fragments."""
LATIN_FRAGMENT_MAX_CHARS = 8
"""Lines without Han and with at most this many content characters (``]``, ``0/200``) are fragments."""
VALUE_MAX_CHARS = 40
"""A field value on the line after its label (索引号: / 6107280000/2024-001005) is at most this long."""


def folded_text(doc: Document) -> str:
    """The document's text folded with :func:`fold`, computed once per document."""
    return doc.memo("folded_text", lambda: fold(doc.text))


@lru_cache(maxsize=1)
def _traditional() -> tuple[re.Pattern[str], dict[str, str]]:
    # One-to-one characters of the CJK Unified Ideographs block, so the fold keeps every offset.
    table = {trad: simp for trad, simp in simplified_chars().items()
             if len(simp) == 1 and "\u4e00" <= trad <= "\u9fff"}
    return re.compile("[" + "".join(table) + "]+"), table


def simplify_chars(text: str) -> str:
    """Traditional characters folded one by one to simplified (瀏覽 -> 浏览, 關閉 -> 关闭) so phrases match; keeps every offset."""
    pattern, table = _traditional()
    return pattern.sub(lambda run: "".join(table[c] for c in run.group()), text)


_COLON_FORMS = {"︰": ":", "∶": ":"}
"""Two characters printed as a colon that no normal form makes one: Big5's A14A (︰, a vertical two-dot leader, what
Taiwan and Hong Kong pages type as 時間︰) and GB2312's A1C3 (∶, a ratio sign, in older mainland pages' 来源∶)."""


@lru_cache(maxsize=1)
def _punctuation_forms() -> dict[str, str]:
    """The punctuation Big5 pages are decoded to (cp950, the Windows code page browsers use) that :func:`fold` leaves
    as it is, mapped to the character it stands for: its compatibility normal form (﹕ -> :, ﹐ -> ,, ﹑ -> 、) or what
    plain Big5 decodes the same bytes to (cp950's ∕ for Big5's ／ -> /), when that is one punctuation character; and
    :data:`_COLON_FORMS`. Each maps one character to one, so offsets hold.

    >>> {c: _punctuation_forms()[c] for c in "∕﹕﹐︰"}
    {'∕': '/', '﹕': ':', '﹐': ',', '︰': ':'}
    """
    forms = {}
    for lead in (0xA1, 0xA2):  # Big5's rows of symbols
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            raw = bytes((lead, trail))
            char = raw.decode("cp950", errors="ignore")
            if len(char) != 1 or fold(char) != char or char == "‧":  # an interpunct (國際‧兩岸), not plain Big5's bullet
                continue
            for reading in (unicodedata.normalize("NFKC", char), raw.decode("big5", errors="ignore")):
                folded = fold(reading)
                if len(folded) == 1 and folded != char and (unicodedata.category(folded).startswith("P")
                                                            or folded in "/|"):
                    forms[char] = folded
                    break
    return {**forms, **_COLON_FORMS}


@lru_cache(maxsize=1)
def _punctuation() -> tuple[re.Pattern[str], dict[str, str]]:
    forms = _punctuation_forms()
    return re.compile("[" + re.escape("".join(forms)) + "]"), forms


def fold_punctuation(text: str) -> str:
    """``text`` with the punctuation of Big5 and GB2312 pages that reads as another mark folded to it (何高祿∕報導 ->
    何高祿/報導, 時間︰ -> 時間:, see :func:`_punctuation_forms`); keeps every offset."""
    pattern, forms = _punctuation()
    return pattern.sub(lambda char: forms[char.group()], text) if pattern.search(text) else text


@lru_cache(maxsize=1)
def _foldable_marks() -> re.Pattern[str]:
    """A traditional character or a mark of :func:`fold_punctuation`: what makes :func:`phrase_text` fold a text."""
    return re.compile("[" + "".join(_traditional()[1]) + re.escape("".join(_punctuation_forms())) + "]")


def phrase_fold(text: str) -> str:
    """:func:`fold`, :func:`simplify_chars` and :func:`fold_punctuation`: the form chrome phrases are matched in."""
    if len(text) < PHRASE_FOLD_TABLE_CHARS:
        foldable, folded = _one_pass_fold()
        return foldable.sub(lambda char: folded[char.group()], text)
    # Both folds map one character to one character: on a long text one table look-up per code point
    # costs less than the two passes' calls per folded character (a Chinese page's ，：（）).
    codes = code_points(text)
    table = _phrase_fold_table()
    if int(codes.max()) < len(table):
        return from_code_points(table[codes])
    return from_code_points(np.where(codes < len(table), table[codes & 0xFFFF], codes))


@lru_cache(maxsize=1)
def _one_pass_fold() -> tuple[re.Pattern[str], dict[str, str]]:
    """:func:`fold`, :func:`simplify_chars` and :func:`fold_punctuation` as one substitution, character by character:
    no character one changes is changed by another (fold's are Latin and full-width forms, which it maps to ASCII;
    simplify's are Han, which it maps to Han; fold_punctuation's are marks fold leaves, which it maps to folded
    marks), so one pass over a short text does all three folds' work."""
    pattern, table = _traditional()
    chars = {**fold_chars(), **table, **_punctuation_forms()}
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]"), chars


PHRASE_FOLD_TABLE_CHARS = 256
"""Texts at least this long are folded by :func:`_phrase_fold_table`."""


@lru_cache(maxsize=1)
def _phrase_fold_table() -> np.ndarray:
    """:func:`phrase_fold` of every BMP code point (none outside the BMP changes), made by the two
    folds themselves, so the table cannot disagree with them."""
    every = from_code_points(np.arange(0x10000, dtype=np.uint32))
    return code_points(fold_punctuation(simplify_chars(fold(every)))).copy()


TRADITIONAL_SAMPLE_CHARS = 4000
"""Folding to simplified costs a pass over the text; it is made when the text's first or last this many
characters (where chrome lives) hold a traditional character."""


def phrase_text(doc: Document) -> str:
    """The document's text in :func:`phrase_fold` form, computed once per document. A text whose
    head and tail are free of traditional characters is taken as simplified throughout, and one whose head and tail
    are free of :func:`fold_punctuation`'s marks as free of them."""
    def compute() -> str:
        folded = folded_text(doc)
        pattern = _foldable_marks()
        n = TRADITIONAL_SAMPLE_CHARS
        if pattern.search(folded, 0, n) or pattern.search(folded, max(n, len(folded) - n)):
            return phrase_fold(folded)  # fold(folded) is folded: this is simplify_chars(fold_punctuation(folded))
        return folded
    return doc.memo("phrase_text", compute)


@dataclass(frozen=True, eq=False)
class ChromePhrase:
    """A chrome phrase of the data file; one object per row, so identity is equality."""

    phrase: str
    kind: str
    weight: int
    at_start: bool
    content: int = 0
    """Content characters of the phrase (letters, digits, Han): its share of a line's coverage."""


@dataclass(frozen=True)
class _PhraseMatcher:
    automaton: ahocorasick_rs.AhoCorasick
    phrases: tuple[ChromePhrase, ...]


def _regional_variants() -> dict[str, list[str]]:
    """Each phrase's Taiwan and Hong Kong wordings (列印 for 打印), derived from OpenCC at build time by
    ``scripts/build_chrome_variants.py``."""
    out: dict[str, list[str]] = {}
    for phrase, variant in data.read_rows("boilerplate_phrase_variants.tsv"):
        out.setdefault(phrase, []).append(variant)
    return out


@lru_cache(maxsize=1)
def _phrase_matcher() -> _PhraseMatcher:
    rows = [tuple(cell.strip() for cell in row) for row in data.read_rows("boilerplate_phrases.tsv")]
    regional = _regional_variants()
    spelled = [([phrase_fold(phrase), *regional.get(phrase, [])], kind, weight, where)
               for phrase, kind, weight, where in rows]
    # The rows' own spellings first; a regional wording is added only where no row spells it already.
    seen = {variants[0] for variants, *_ in spelled}
    phrases = [ChromePhrase(variants[0], kind, int(weight), where == "start",
                            len(_CONTENT.findall(variants[0]))) for variants, kind, weight, where in spelled]
    for variants, kind, weight, where in spelled:
        for folded in variants[1:]:
            if folded not in seen:
                seen.add(folded)
                phrases.append(ChromePhrase(folded, kind, int(weight), where == "start",
                                            len(_CONTENT.findall(folded))))
    automaton = ahocorasick_rs.AhoCorasick([p.phrase for p in phrases],
                                           matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA)
    return _PhraseMatcher(automaton, tuple(phrases))


@dataclass(frozen=True)
class ChromeBlock:
    """A run of adjacent chrome lines (blank lines between them included): one finding, one span.

    ``lines`` are the block's non-blank chrome lines; ``reasons`` say why, readable by a user
    (``phrase:导航菜单``, ``batch-template``, ``learned``, ``position:head``). ``position`` is ``head`` (before the
    document's text), ``tail`` (after it) or ``inline`` (inside it); ``kinds`` the chrome kinds of the
    phrases found (navigation, metadata, disclaimer, comment ...); ``probability`` the learned scorer's lowest
    probability over the lines it added to the block (None when it added none).
    """

    span: Span
    lines: tuple[Line, ...]
    reasons: tuple[str, ...]
    position: str = "inline"
    kinds: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    probability: float | None = None


@dataclass(slots=True)
class LineEvidence:
    """What the three signals say about one non-blank line.

    Phrase-free lines strictly between the first and the last clean-prose line cannot be chrome and
    are not analysed further, unless their shape says they are a record of the page (a credit, tags:
    ``_record_lines_between``): their shape fields (content_chars, prose, heading, frequency) keep
    their defaults.
    """

    index: int
    line: Line
    phrases: list[ChromePhrase] = field(default_factory=list)
    content_chars: int = 0
    coverage: float = 0.0
    prose: bool = False
    heading: bool = False
    frequency: int = 0
    recurring: bool = False
    chrome: bool = False
    label: bool = False
    """The line starts with a strong metadata label (索引号, 发布日期 ...): a field, never prose."""
    learned: bool = False
    """Marked chrome by the learned scorer (no rule marked it)."""
    title: bool = False
    """The head zone's likely title (its longest line that is not chrome, few phrase words, no separators), which the
    learned scorer never takes: a title sandwiched by chrome looks like a template line."""
    listed: bool = False
    """A contact line inside the document's own ``label: value`` list: body, which no later pass
    (footer, field values, fragments, templates) may mark as chrome."""
    placed: bool = False
    """An HTML block the page's structure places in its text (see :func:`_mark_placed`): the learned scorer
    never takes it."""

    @property
    def markable(self) -> bool:
        """Not chrome yet and free to become chrome by its neighbourhood."""
        return not self.chrome and not self.listed

    @property
    def strong(self) -> list[ChromePhrase]:
        return [p for p in self.phrases if p.weight >= 2]

    @property
    def text(self) -> str:
        return self.line.text.strip()

    @property
    def clean_prose(self) -> bool:
        """Sentence-like and too weakly marked to be chrome anywhere: the document's own text, which
        bounds the zones (a sentence that mentions 网站地图 once is still the report speaking)."""
        if not self.prose or self.label or self.score >= PROSE_CHROME_SCORE:
            return False
        # A short exclamation with a strong chrome phrase (下载新闻APP客户端,随时随地看新闻!) is no
        # evidence that the document's text has started or is still going on.
        return not (self.content_chars < SHORT_PROSE_CHARS and any(p.weight >= 2 for p in self.phrases))

    @property
    def score(self) -> int:
        """Chrome score of a prose line: only the kinds of chrome that are written as sentences
        (disclaimers, copyright, comment rules) count; a sentence naming 网站地图 or 网上办事 is the
        report talking about its website."""
        phrases = [p for p in self.phrases if p.kind in _PROSE_CHROME_KINDS]
        strong = sum(1 for p in phrases if p.weight >= 2)
        return 2 * strong + (len(phrases) - strong) + (2 if self.recurring else 0)


@dataclass
class ChromeAnalysis:
    """One document's chrome analysis, shared by every rule that needs it (memoised per document).

    ``lines`` are the non-blank lines; indexes below are into it. Only the lines that can be chrome
    are analysed (``evidence``): the head zone (up to the first clean-prose line), the tail zone
    (from the last one) and lines with chrome phrases. ``first``/``last`` index the first and last
    clean-prose lines, (-1, -1) when the document has none. ``chrome`` lists chrome line indexes.
    """

    lines: list[Line]
    evidence: dict[int, LineEvidence]
    first: int
    last: int
    chrome: list[int]
    probability: dict[int, float] = field(default_factory=dict)
    """The learned scorer's chrome probability of each line it weighed (short lines near chrome), but of none it must
    leave as the text's own (:func:`scorer_may_add`)."""
    candidates: list[int] = field(default_factory=list)
    """The lines the scorer weighed."""


def chrome_analysis(doc: Document, ctx: BatchContext) -> ChromeAnalysis:
    """The document's :class:`ChromeAnalysis`, computed once per document and batch context."""
    return doc.batch_memo(ctx, "chrome_analysis", lambda: _analyse_document(doc, ctx))


def chrome_blocks(doc: Document, ctx: BatchContext) -> list[ChromeBlock]:
    """The document's chrome blocks in text order, computed once per document and shared by all rules."""
    return doc.batch_memo(ctx, "chrome_blocks", lambda: _blocks(chrome_analysis(doc, ctx)))


def body_lines(doc: Document, ctx: BatchContext) -> list[Line]:
    """Non-blank lines outside chrome blocks: the document's own text. On an HTML page, the source text
    runs of its body blocks (exact slices of the source, so offsets into a line's text stay offsets
    into the document)."""
    def compute() -> list[Line]:
        analysis = chrome_analysis(doc, ctx)
        chrome = set(analysis.chrome)
        kept = [i for i in range(len(analysis.lines)) if i not in chrome]
        if html.is_html(doc):
            return html.run_lines(doc, kept)
        return [analysis.lines[i] for i in kept]
    return doc.batch_memo(ctx, "body_lines", compute)


def page_heading(doc: Document, ctx: BatchContext) -> Line | None:
    """An HTML page's own heading: its highest-level heading element outside the chrome (h1 before
    h2 ...), as a line spanning the heading's text; None for plain text or a page without one."""
    if not html.is_html(doc):
        return None
    analysis = chrome_analysis(doc, ctx)
    chrome = set(analysis.chrome)
    blocks = html.page(doc).blocks
    headings = [(b.heading, i) for i, b in enumerate(blocks) if b.heading and i not in chrome and b.text]
    if not headings:
        return None
    block = blocks[min(headings)[1]]
    line = analysis.lines[min(headings)[1]]
    return Line(line.number, block.runs[0][0], block.runs[-1][1], block.text)


def non_blank_lines(doc: Document) -> list[Line]:
    """The lines the analysis weighs, memoised: the non-blank lines of a text, the text blocks of an
    HTML page (:func:`scrapegate.checks.html.block_lines`)."""
    def compute() -> list[Line]:
        if html.is_html(doc):
            return html.block_lines(doc)
        return [line for line in doc.lines if line.text and not line.text.isspace()]
    return doc.memo("non_blank_lines", compute)


# Line shapes and fingerprints are pure functions of a line's text; site template lines recur in
# every page of a site, so short lines are cached across documents (long ones are body prose).
_CACHE_MAX_CHARS = 160


def _shape_uncached(text: str) -> tuple[int, bool, bool]:
    text = text.strip()
    content = _content_chars(text)
    prose = content >= PROSE_MIN_CHARS and _SENTENCE_MARK.search(text) is not None
    return content, prose, HEADING_ORDINAL.match(text) is not None


_shape_cached = lru_cache(maxsize=1 << 15)(_shape_uncached)
_fingerprint_cached = lru_cache(maxsize=1 << 15)(line_fingerprint)


def count_content(text: str, start: int = 0, end: int | None = None) -> int:
    """Letters, digits and Han in ``text[start:end]``. Counted as the complement of punctuation and
    space: Chinese prose has few of those, so the match list stays short."""
    end = len(text) if end is None else min(end, len(text))
    return max(0, end - start) - len(_NON_CONTENT.findall(text, start, end))


def clear_caches() -> None:
    """Empty the cross-document caches of line shapes and fingerprints (for benchmarks)."""
    for cached in (_shape_cached, _fingerprint_cached, _shape_marks_cached, _record_shaped, _dateline_rest):
        cached.cache_clear()


def line_shape(text: str) -> tuple[int, bool, bool]:
    """(content characters, prose, heading) of a line."""
    return _shape_cached(text) if len(text) <= _CACHE_MAX_CHARS else _shape_uncached(text)


def cached_fingerprint(text: str) -> int | None:
    """:func:`line_fingerprint`, cached for short lines (template lines recur across documents)."""
    return _fingerprint_cached(text) if len(text) <= _CACHE_MAX_CHARS else line_fingerprint(text)


_EXACT_CONTENT_CHARS = 2 * PROSE_MIN_CHARS + 8
"""Content characters of a (stripped) line shorter than this are counted exactly; of a longer one
they may be estimated from its head."""


def _content_chars(text: str) -> int:
    """Letters, digits and Han in ``text``; exact below _EXACT_CONTENT_CHARS, else possibly a bound."""
    if len(text) >= _EXACT_CONTENT_CHARS:
        head = count_content(text, 0, _EXACT_CONTENT_CHARS)
        if head >= PROSE_MIN_CHARS:
            return max(head, len(text) * head // _EXACT_CONTENT_CHARS)
    return count_content(text)


def shape_view(text: str) -> str:
    """A line as the shapes read it: in simplified characters and mainland wording (會員登入 -> 会员登录), so each
    shape's words are written once and hold for either script and region; for matching only (lengths may change).

    >>> shape_view("請點選這裡檢視全部")
    '请点击这里查看全部'
    """
    return mainland_wording(simplify_chars(fold_punctuation(text)))


def _shape_marks_uncached(text: str) -> tuple[bool, bool, tuple[ChromePhrase, ...]]:
    content = line_shape(text)[0]
    text = shape_view(text)
    timestamp = (has_timestamp(text) or (("期" in text or "间" in text)
                                         and _RECORD_DATE_LINE.fullmatch(text.strip()) is not None)
                 or ("最后" in text and _MODIFIED_ON.fullmatch(text) is not None))
    date_line = _DATE_LINE.fullmatch(text.strip()) is not None
    shaped: tuple[ChromePhrase, ...] = ()
    # A breadcrumb trail (中国教育在线> 高等继续教育> 学术交流 > 正文) and a counter row
    # (7 评论 12621 浏览 77 收藏) say what they are by their shape, in any site's words.
    if content <= VALUE_MAX_CHARS * 2:
        if not _BREADCRUMB_MARKS.isdisjoint(text) and (_BREADCRUMB.search(text) or _HOME_TRAIL.match(text)
                                                     and not _SPACED_TRAIL.fullmatch(text)):
            shaped = (_BREADCRUMB_PHRASE,)
        elif not _COUNTER_CHARS.isdisjoint(text) and len(_COUNTERS.findall(text)) >= 2:
            shaped = (_COUNTER_PHRASE,)
    if (":" in text or "：" in text) and content <= VALUE_MAX_CHARS * 3 \
            and (("|" in text or "｜" in text) and _field_row(text) or _spaced_field_row(text)):
        shaped = (*shaped, _FIELD_ROW_PHRASE)
    if content <= BBS_HEADER_CHARS and _BBS_HEADER.match(text):
        shaped = (*shaped, _BBS_HEADER_PHRASE)
    if "_" in text and content <= VALUE_MAX_CHARS * 2 and _SLOT_NAME.fullmatch(text.strip()):
        shaped = (*shaped, _SLOT_NAME_PHRASE)
    if (content <= MENU_LINE_CHARS and _menu_line(text)) or _long_menu(text) or _bilingual_menu(text):
        shaped = (*shaped, _MENU_PHRASE)
    if content <= VALUE_MAX_CHARS and "者" in text and _BYLINE.search(text):
        shaped = (*shaped, _BYLINE_PHRASE)
    record = _record_shapes(text, content)
    if _COUNTER_PHRASE in shaped and _COUNTER_PHRASE in record:
        record.remove(_COUNTER_PHRASE)
    return timestamp, date_line, (*shaped, *record)


_FIELD_ROW_PHRASE = ChromePhrase("<field row>", "metadata", 2, False)
_SLOT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")
"""A line that is only a name in snake case (dushi_top_nav_01, dushi_city_vancouver): a template's slot, an
advertisement's or a menu's placeholder printed where its content did not load; no sentence of any language is
written so. Read where chrome is read (the head and tail, lines with phrases), never between the text's lines."""
_SLOT_NAME_PHRASE = ChromePhrase("<template slot name>", "accessibility", 2, False)

_BAR_CELLS = re.compile("[|｜]")
_CELL_LABEL = re.compile(r"[^:：]{1,16}[:：]")
FIELD_CELL_CHARS = 30


def _field_row(text: str) -> bool:
    """Fields set apart by bars, a page's record of itself in any site's words: two cells or more that are a label
    with or without its value (集换式卡牌 | 456人在玩 | 大小:26.70M | 版本号:V7.65.68, Author: | 行遍天下 | ISBN: | 66…),
    or a lone label and its value (Publication: | September 1, 2016 |); every cell short, no sentence. A title with a
    bar (…记者手记|重返香港:城市复常与新生的交响) has one labelled cell only.

    >>> _field_row("Publisher: | 宏碩文化 | Publication: | September 1, 2016 |"), _field_row("ISBN: | 6650000000292 |")
    (True, True)
    >>> _field_row("新华社香港4月1日电记者手记|重返香港:城市复常与新生的交响"), _field_row("首页 | 新闻 | 体育")
    (False, False)
    """
    cells = [cell.strip() for cell in _BAR_CELLS.split(text) if cell.strip()]
    if len(cells) < 2 or any(len(cell) > FIELD_CELL_CHARS or _SENTENCE_MARK.search(cell) for cell in cells):
        return False
    if sum(1 for cell in cells if _CELL_LABEL.match(cell)) >= 2:
        return True
    return len(cells) == 2 and _CELL_LABEL.fullmatch(cells[0]) is not None  # a label alone, its value after the bar


_SPACED_CELLS = re.compile(r"\s{2,}|\u3000+")
_LABELLED_CELL = re.compile(r"[^:：\s]{1,6}[:：]\s*\S.*")
SPACED_FIELDS = 3
"""A row of at least this many ``label:value`` cells set apart by white space is a record of the page (see
:func:`_spaced_field_row`); two are as often a body's own pair (姓名:张三  性别:男)."""


def _spaced_field_row(text: str) -> bool:
    """Fields set apart by runs of white space, a newsletter's or a record's header row in any site's words: SPACED_FIELDS
    cells or more, every one a short label with its value, no sentence.

    >>> _spaced_field_row("发刊期数:第412期  发刊频率:每日一次  发行量:459  发行者:发心的人")
    True
    >>> _spaced_field_row("姓名:张三  性别:男"), _spaced_field_row("时间:上午九点  地点:会议室  内容:学习文件。")
    (False, False)
    """
    cells = [cell for cell in _SPACED_CELLS.split(text.strip()) if cell]
    return len(cells) >= SPACED_FIELDS and all(len(cell) <= FIELD_CELL_CHARS and _LABELLED_CELL.fullmatch(cell)
                                               and not _SENTENCE_MARK.search(cell) for cell in cells)


def _record_shapes(text: str, content: int) -> list[ChromePhrase]:
    """The shapes of a record of the page that ``text`` has (a widget's or an answer box's label, a media player's
    message, tags, a credit or a reprint's source, a board post's signature, a reply's header or a dated credit row, a
    blog post's footer, an archive's pager, an image's name or Markdown, an e-paper's page header, a journal's issue
    line), ``content`` its content characters: the part of :func:`shape_marks` that also makes a
    line chrome between two lines of the text (:func:`_record_lines_between`, which asks it of every short line).
    A mirror's line with readings glossed into its words (編發(fā):胡鳳茹) has the shape of the line without them."""
    if "(" in text and _PINYIN_GLOSS.search(text):
        text = _PINYIN_GLOSS.sub("", text)
        content = count_content(text)
    shaped: list[ChromePhrase] = []
    # every count, time and stamp holds a digit: most lines have none
    digit = content <= VALUE_MAX_CHARS * 2 and _DIGIT.search(text) is not None
    if content <= VALUE_MAX_CHARS:
        if digit and (not _VISIT_COUNT_CHARS.isdisjoint(text) and _VISIT_COUNT.search(text)
                      or "人" in text and _READER_COUNT.fullmatch(text) or _counter_row(text)
                      or ("分钟" in text or "EAD" in text.upper()) and _READING_TIME.fullmatch(text)):
            shaped.append(_COUNTER_PHRASE)
        if not _ACCOUNT_PROMPT_CHARS.isdisjoint(text) and _ACCOUNT_PROMPT.search(text):
            shaped.append(_ACCOUNT_PROMPT_PHRASE)
    if content <= WIDGET_LABEL_CHARS:
        if _WIDGET_LABEL.fullmatch(text):
            shaped.append(_WIDGET_LABEL_PHRASE)
        elif _LIST_HEADING.fullmatch(text):
            shaped.append(_LIST_HEADING_PHRASE)
        elif ("附" in text) and _ATTACHMENT_BOX_LABEL.fullmatch(text):
            shaped.append(_DOWNLOAD_PHRASE)
        elif _ANSWER_BOX_LABEL.fullmatch(text):
            shaped.append(_ANSWER_BOX_PHRASE)
        elif _MORE_LINK.fullmatch(text) or _POST_LIST_LABEL.fullmatch(text):
            shaped.append(_MORE_LINK_PHRASE)
        elif _READ_ALOUD.fullmatch(text):
            shaped.append(_READ_ALOUD_PHRASE)
    if content <= WELCOME_BANNER_CHARS and not _WELCOME_CHARS.isdisjoint(text) and _WELCOME_BANNER.fullmatch(text):
        shaped.append(_WELCOME_PHRASE)
    if content <= LANGUAGE_SWITCH_CHARS and _language_switch(text):
        shaped.append(_LANGUAGE_PHRASE)
    if content <= HOTLINE_CHARS and ("线" in text or "線" in text) and _HOTLINE.fullmatch(text):
        shaped.append(_HOTLINE_PHRASE)
    if content <= SPACED_TRAIL_CHARS and ("首" in text or "主" in text) and _SPACED_TRAIL.fullmatch(text):
        shaped.append(_BREADCRUMB_PHRASE)
    if content <= WIKI_SOURCE_CHARS and ("自" in text) and _WIKI_SOURCE.fullmatch(text):
        shaped.append(_WIKI_SOURCE_PHRASE)
    if content <= 6 and _FLOOR.fullmatch(text):
        shaped.append(_FLOOR_PHRASE)
    if digit and content <= WEATHER_CHARS and _WEATHER.fullmatch(text):
        shaped.append(_WEATHER_PHRASE)
    if (content <= PLAYER_MESSAGE_CHARS and not _PLAYER_MESSAGE_CHARS.isdisjoint(text)
            and _PLAYER_MESSAGE.fullmatch(text)):
        shaped.append(_PLAYER_MESSAGE_PHRASE)
    if content <= WIDGET_BAR_CHARS and not _WIDGET_BAR_CHARS.isdisjoint(text) and _widget_bar(text):
        shaped.append(_WIDGET_BAR_PHRASE)
    if content <= CREDIT_MAX_CHARS and ("图" in text or "圖" in text) and _IMAGE_CREDIT.fullmatch(text):
        shaped.append(_IMAGE_CREDIT_PHRASE)
    if content <= VALUE_MAX_CHARS * 2 and ("搜" in text or "标签" in text or "標籤" in text) and _HOT_SEARCH.fullmatch(text):
        shaped.append(_LIST_HEADING_PHRASE)
    if content <= 17 and ("目" in text or "ontents" in text) and _TOC_PLUGIN_LABEL.fullmatch(text):
        shaped.append(_TOC_PHRASE)
    if content <= LAYOUT_IMAGE_CHARS and ("image" in text or "img" in text or "spacer" in text) \
            and _LAYOUT_IMAGE_TEXT.fullmatch(text):
        shaped.append(_IMAGE_NAME_PHRASE)
    if content <= 12 and ":00" in text and _PLAYER_CLOCK.fullmatch(text):
        shaped.append(_PLAYER_MESSAGE_PHRASE)
    if ("{" in text[:8] or "<%" in text[:8]) and content <= VALUE_MAX_CHARS * 2 and _TEMPLATE_LEAK.match(text):
        shaped.append(_WIDGET_LABEL_PHRASE)
    if content <= VALUE_MAX_CHARS and _POSTED_IN.fullmatch(text):
        shaped.append(_COUNTER_PHRASE)
    if content <= 8 and ("讯" in text or "訊" in text) and _NEWSROOM_DATELINE.fullmatch(text):
        shaped.append(_CREDIT_PHRASE)
    if _inline_image(text):
        shaped.append(_IMAGE_NAME_PHRASE)
    if content <= LINK_PROMPT_CHARS and not _LINK_PROMPT_CHARS.isdisjoint(text) and _LINK_PROMPT.fullmatch(text):
        shaped.append(_LINK_PROMPT_PHRASE)
    if _ad_line(text, content):
        shaped.append(_AD_PHRASE)
    if ("#" in text or "＃" in text) and content <= VALUE_MAX_CHARS * 2 and _HASHTAGS.match(text):
        shaped.append(_HASHTAG_PHRASE)
    if content <= CREDIT_MAX_CHARS and (not _CREDIT_CHARS.isdisjoint(text) and _credit_line(text)
                                        or not _REPRINT_CHARS.isdisjoint(text) and _REPRINT_SOURCE.fullmatch(text)
                                        or "By" in text and _LATIN_BYLINE.fullmatch(text)):
        shaped.append(_CREDIT_PHRASE)
    if content <= VALUE_MAX_CHARS * 2:
        if ("※" in text or "◆" in text or "◇" in text) and _BBS_SIGNATURE.match(text):
            shaped.append(_BBS_SIGNATURE_PHRASE)
        if ("发表于" in text or "發表於" in text) and _POST_HEADER.fullmatch(text):
            shaped.append(_POST_HEADER_PHRASE)
        elif digit and ":" in text and _dated_credit(text):
            shaped.append(_POST_HEADER_PHRASE)
        if not _POST_FOOTER_CHARS.isdisjoint(text) and _POST_FOOTER.fullmatch(text):
            shaped.append(_COUNTER_PHRASE)
        if digit and _COMPACT_STAMP.fullmatch(text):
            shaped.append(_IMAGE_NAME_PHRASE)
        elif ("." in text[:48]) and _ICON_ITEM.match(text):
            shaped.append(_ITEM_LIST_PHRASE)
        if digit and (_RELATIVE_TIME.fullmatch(text) or ":" in text and _LONE_TIME.fullmatch(text)):
            shaped.append(_POST_TIME_PHRASE)
        if ("页" in text or "頁" in text) and _ARCHIVE_PAGER.fullmatch(text):
            shaped.append(_ARCHIVE_PAGER_PHRASE)
        if ("." in text or "_" in text or "第" in text) and _IMAGE_NAME.search(text):
            shaped.append(_IMAGE_NAME_PHRASE)
        if "版" in text and _PAPER_PAGE.match(text):
            shaped.append(_PAPER_PAGE_PHRASE)
        elif "版" in text and _PRINT_SOURCE.fullmatch(text):
            shaped.append(_CREDIT_PHRASE)
        if "期" in text and _JOURNAL_ISSUE.match(text) and not _BULLETIN_NAME.search(text):
            shaped.append(_JOURNAL_ISSUE_PHRASE)
    if "》" in text and "本" in text[:8] and _TITLED_PERMALINK.match(text):
        shaped.append(_PERMALINK_PHRASE)
    if "![" in text and _MARKDOWN_IMAGES.fullmatch(text):
        shaped.append(_IMAGE_NAME_PHRASE)
    return shaped


COUNTER_ROW_LEFT_CHARS = 2
"""A line of two or more counters (评论:0  点击:3097, 7 评论 12621 浏览) with at most this many content characters
besides them is a widget's counter row anywhere; a sentence (本文阅读100次,评论20条) leaves more."""


def _counter_row(text: str) -> bool:
    if _COUNTER_CHARS.isdisjoint(text):
        return False
    rest, found = _COUNTERS.subn("", text)  # one pass: the counters' number and what they leave
    return found >= 2 and count_content(rest) <= COUNTER_ROW_LEFT_CHARS


_shape_marks_cached = lru_cache(maxsize=1 << 15)(_shape_marks_uncached)


def shape_marks(text: str) -> tuple[bool, bool, tuple[ChromePhrase, ...]]:
    """What a line that is not prose says by its shape alone: (a publication timestamp, a bare date or
    weekday line, the shape phrases it carries: breadcrumb or counter row, menu line); cached for short
    lines, which recur across a site's pages."""
    return _shape_marks_cached(text) if len(text) <= _CACHE_MAX_CHARS else _shape_marks_uncached(text)


def _analyse_document(doc: Document, ctx: BatchContext, learned: bool = True) -> ChromeAnalysis:
    lines = non_blank_lines(doc)
    page_blocks = html.page(doc).blocks if html.is_html(doc) else None
    title_h1 = next((i for i, b in enumerate(page_blocks) if b.heading == 1 and 2 * b.link_chars < len(b.text)),
                    -1) if page_blocks else -1
    folded = "" if page_blocks else phrase_text(doc)
    phrases_at, covered = _find_phrases(doc, lines, page_blocks is not None)
    use_batch = ctx.documents >= MIN_RECURRENCE
    evidence: dict[int, LineEvidence] = {}
    first_clean = -1  # set once the head scan has met the first clean-prose line

    def analyse(i: int) -> LineEvidence:
        ev = evidence.get(i)
        if ev is not None:
            return ev
        line = lines[i]
        phrases = phrases_at.get(i)
        # Letter-spaced labels and menus can only matter here, in the zones: matched again only
        # for the lines analysed (a scan of the whole text for them would cost more).
        head = None
        if " " in line.text.strip():  # letter spacing has a space between two Han characters
            spaced = _letter_spaced_phrases(line.text)
            if spaced and spaced[0]:
                phrases = phrases_at[i] = spaced[0]
                covered[i] = spaced[1]
                head = _SPACE_BETWEEN_HAN.sub("", phrase_fold(line.text[:4 * LABEL_LOOK_CHARS]))
        if "(" in line.text and head is None and (phrases or page_blocks) and _PINYIN_GLOSS.search(line.text):
            # a mirror's readings glossed into its words (免責(zé)聲明): matched without them (_add_glossed_phrases
            # on a text; here on an HTML page's block)
            if not phrases:
                glossed = _glossed_phrases(line.text)
                if glossed and glossed[0]:
                    phrases = phrases_at[i] = glossed[0]
                    covered[i] = glossed[1]
            if phrases:
                head = _unglossed(line.text[:4 * LABEL_LOOK_CHARS])
        if phrases and i and _KEYWORDS_LABEL.match(_unglossed(line.text[:4 * LABEL_LOOK_CHARS])) \
                and _ABSTRACT_LABEL.match(_unglossed(lines[i - 1].text[:4 * LABEL_LOOK_CHARS])):
            phrases = phrases_at[i] = []  # a paper's own keywords under its abstract, not the site's tag row
        ev = LineEvidence(i, line, phrases if phrases is not None else [])
        if phrases:
            if head is None:  # folded only for a line with phrases: most lines have none
                if page_blocks:
                    joined, starts = _joined_blocks(doc)
                    head = joined[starts[i]:starts[i] + min(LABEL_LOOK_CHARS, len(line.text))]
                else:
                    head = folded[line.start:line.start + LABEL_LOOK_CHARS]
            head = head.lstrip(_LINE_START_SKIP)
            ev.label = any(p.weight >= 2 and head.startswith(p.phrase)
                           and (p.kind == "metadata" or p.kind in _LINK_LABEL_KINDS
                                and head[len(p.phrase):].lstrip().startswith(_LABEL_END)
                                and not line.text.rstrip().endswith(_STATEMENT_END))
                           for p in phrases)
        ev.content_chars, ev.prose, ev.heading = line_shape(line.text)
        if page_blocks and (i == title_h1 or (_own_heading(page_blocks[i]) and not _over_links(page_blocks, i))):
            ev.heading = True
        if phrases is not None:
            # The shape's count is exact for short lines (white space is not content either way).
            exact = (ev.content_chars if len(line.text.strip()) < _EXACT_CONTENT_CHARS
                     else count_content(line.text))
            ev.coverage = min(1.0, covered[i] / (exact or 1))
        # Recurrence only changes the decision for lines with chrome phrases and for short lines;
        # fingerprinting every body paragraph would cost more than all the rest.
        # A publication timestamp anywhere at the edges; a bare date or weekday only before the
        # document's text (after it, a date is the document's own signature date).
        if not ev.prose:
            timestamp, date_line, shaped = shape_marks(line.text)
            if timestamp or (first_clean < 0 and date_line):
                ev.phrases = ev.phrases + [_TIMESTAMP_PHRASE]
            if shaped:
                ev.phrases = ev.phrases + list(shaped)
                if ev.heading and _IMAGE_NAME_PHRASE in shaped:
                    ev.heading = False  # 6.jpg starts like a numbered heading (6.) but names a file
            elif phrases and any(p.kind in _PROMPT_KINDS for p in phrases) \
                    and _subscribe_prompt(shape_view(line.text), ev.content_chars):
                # a follow prompt run into its share bar (…扫二维码关注我们 分享:) reads as no sentence
                ev.phrases = ev.phrases + [_SUBSCRIBE_PHRASE]
        elif prompt := _prose_prompt(line.text, ev.content_chars):
            ev.phrases = ev.phrases + prompt
        elif ("![" in line.text[:LABEL_LOOK_CHARS] and _MARKDOWN_IMAGES.fullmatch(line.text)
              or _inline_image(line.text)):
            ev.prose = False  # an image's alt text and address, however sentence-like the alt text reads
            ev.phrases = ev.phrases + [_IMAGE_NAME_PHRASE]
        # A prose line is chrome only with phrases of the kinds written as sentences; recurrence
        # cannot change the decision for the others (fingerprinting long paragraphs is costly).
        if use_batch and (not ev.prose or (phrases is not None
                                           and any(p.kind in _PROSE_CHROME_KINDS for p in phrases))):
            # A line without a letter (0101, 2016, 12.5) fingerprints like every other number of the
            # batch (a digit run reads 0): its count is of unrelated pages' numbers, not a template.
            # A long line (fingerprinted on each reading, not cached) too long to be a template line
            # has frequency 0 unread.
            if _LETTER.search(line.text) and not (len(line.text) > _CACHE_MAX_CHARS
                                                  and recurrence.cannot_recur(line.text, ctx)):
                ev.frequency = ctx.frequency(cached_fingerprint(line.text))
                ev.recurring = ev.frequency >= MIN_RECURRENCE
        evidence[i] = ev
        return ev

    # Only the head and tail zones (up to the first and from the last clean-prose line), lines with
    # chrome phrases and lines shaped as a record of the page can hold chrome; other lines between are
    # body without a look.
    n = len(lines)
    first = last = -1
    foreign = -1  # the first clean-prose line without Han, taken as the first only when no line with Han follows
    for i in range(n):
        if analyse(i).clean_prose:
            if _bounds_text(lines[i].text):
                first = first_clean = i
                break
            if foreign < 0:
                foreign = i
    if first < 0 and foreign >= 0:
        first = first_clean = foreign
    if first >= 0:
        for i in range(n - 1, first - 1, -1):
            if analyse(i).clean_prose and (i == first or _bounds_text(lines[i].text)):
                last = i
                break
        for i in phrases_at:
            analyse(i)
        for i in _record_lines_between(lines, first, last, evidence):
            analyse(i)
    for i in _item_runs(doc, lines, page_blocks is not None):
        ev = analyse(i)
        if not ev.heading:
            ev.phrases = ev.phrases + [_ITEM_LIST_PHRASE]
    titles, numbered = _title_list_lines(doc, lines, page_blocks is not None, phrases_at, first)
    for i in titles:
        ev = analyse(i)
        if i in numbered:
            ev.heading = False  # 1. 公车路线调整 under 【编辑精选】: a numbered headline, not a section of the text
        if not ev.prose and not ev.heading:
            ev.phrases = ev.phrases + [_TITLE_LIST_PHRASE]
    signed = _signed_contact_lines(lines, evidence, analyse)
    _decide(evidence, n, first, last, signed)
    _mark_after_text_section(lines, evidence, first, analyse, last)
    _mark_teaser_runs(lines, evidence, first, analyse)
    _extend_footer_to_end(evidence, n, first, analyse)
    fed: set[int] = set()
    if not page_blocks:
        for i in records.feed_lines([line.text for line in lines], first, last):
            ev = analyse(i)
            if ev.markable and not ev.heading:
                if not ev.chrome:
                    fed.add(i)
                ev.chrome = True
                ev.phrases = ev.phrases + [_FEED_PHRASE]
    if page_blocks:
        for i in range(n):
            if i not in evidence:
                analyse(i)
        _mark_page_structure(page_blocks, evidence, html.page(doc).title)
    if not page_blocks:
        _mark_number_runs(lines, evidence, analyse)
        _mark_headline_lines(evidence, n, first, last)
    # The passes after _decide marked more chrome: fragments touching it (the bullet of each item of a
    # list they took) are chrome too.
    _mark_fragment_runs(evidence, list(range(n)) if first < 0 else [*range(first), *range(last + 1, n)])
    if not page_blocks:  # an HTML page's blocks have their own, structural pass (_mark_sandwiched)
        _fill_sandwiched_runs(evidence, n, first, last, analyse, fed)
        # Last: a line it takes is no anchor for the passes above (a list's last items and the title after them).
        _mark_loose_edge_lines(lines, evidence, first, last, folded, analyse)
        _mark_column_label(evidence, first)
        _mark_head_furniture(evidence, first)
        _mark_looped_head_lines(evidence, first)
        _mark_interface_english(evidence, n, first)
        _mark_head_field_boxes(evidence, first)
        # After every pass that reads chrome lines as anchors: the rows these take anchor nothing.
        _mark_repeated_datelines(lines, evidence, first, last, analyse)
        _mark_title_echoes(lines, evidence, first, last, analyse)
        _mark_labelled_bullet_runs(lines, evidence, analyse)
        _mark_contents_widgets(lines, evidence, analyse)
        _mark_download_boxes(lines, evidence, analyse)
        _mark_account_sentences(evidence)
        _mark_member_panels(lines, evidence, folded, analyse)
        _mark_image_placeholders(lines, evidence, first, last, analyse)
        _mark_ad_sentences(evidence)
        _mark_notice_sections(lines, evidence, analyse)
        _mark_publication_rows(lines, evidence, first, analyse)
        _mark_headed_lists(lines, evidence, analyse)
        _mark_headed_feeds(lines, evidence, first, analyse)
    if not learned:
        candidates = _candidates(lines, evidence, analyse)
        return ChromeAnalysis(lines, evidence, first, last, sorted(i for i, ev in evidence.items() if ev.chrome),
                              candidates=candidates)
    # The scorer runs only when its training found a threshold at which it adds chrome precisely.
    model = scorer.line_model()
    candidates = _candidate_indexes(lines, evidence) if model.threshold < 1.0 else []
    probability: dict[int, float] = {}
    # Only a line the scorer may add can change the outcome: a first look by shape alone (cached),
    # then the analysis of the candidates and their neighbours.
    if any(_shape_addable(lines[i].text) and not (i in evidence and evidence[i].chrome) for i in candidates):
        _analyse_around(candidates, n, analyse)
        _mark_head_title(evidence, first, n)
    else:
        candidates = []
    addable = [i for i in candidates if scorer_may_add(evidence, i)]
    if addable:
        # An addable line's probability reads the pass-1 probabilities of the candidates two lines
        # either side: those are all the rows needed.
        listed = set(candidates)
        needed = sorted({j for i in addable for j in range(i - 2, i + 3)} & listed)
        facts = _block_facts(page_blocks, evidence) if page_blocks else None
        p = scorer.probabilities(scorer.feature_matrix(evidence, needed, n, first, last, facts), needed, model)
        # What a reader of the analysis (TR's trailing-chrome evidence) may take as the scorer's word: the chrome lines'
        # probabilities and those of the lines it may add, never of a line kept as the text's own (a cut table row).
        may_add = set(addable)
        probability = {i: q for i, q in zip(needed, p.tolist()) if evidence[i].chrome or i in may_add}
        _grow_learned(evidence, probability, model.threshold, n)
    chrome = sorted(i for i, ev in evidence.items() if ev.chrome)
    return ChromeAnalysis(lines, evidence, first, last, chrome, probability, candidates)


FOREIGN_PROSE_MAX_CHARS = 160
"""A sentence without Han shorter than this (white space included) does not bound the head and tail zones of a page
whose text is in Han: an interface's English (a flipbook viewer's ``Enjoying your free trial? Only 9 days left!
Upgrade Now``, ``The words you are searching are inside this book.``) is no sign that the text has started."""


def _bounds_text(text: str) -> bool:
    """Whether a clean-prose line may bound the head and tail zones (see :data:`FOREIGN_PROSE_MAX_CHARS`): it holds Han
    or is long (an English paragraph of a bilingual text). ``_bounds_text("Go to new dashboard, try it out!")`` is
    False, ``_bounds_text("我县全年完成地区生产总值120亿元。")`` True."""
    return len(text) >= FOREIGN_PROSE_MAX_CHARS or HAN.search(text) is not None


RECORD_LINE_CHARS = 2 * VALUE_MAX_CHARS + 20
"""Lines longer than this (white space included) are not looked at by :func:`_record_lines_between`."""


def _record_lines_between(lines: list[Line], first: int, last: int, evidence: dict[int, LineEvidence]) -> list[int]:
    """Lines between the first and the last clean-prose line that are a record of the page, not its text, by their
    shape alone (:func:`_record_shapes`): a credit ((记者陈勋), 编辑:李楠), the page's tags (#社會福利服務), a
    journal's issue line, an image's file name, an e-paper's page header, a widget's or a Q&A page's label, and a
    directory or column menu joined into one line (:func:`_long_menu`: a page printed twice, desktop and mobile,
    has the first copy's footer directory between the two texts). The
    zones are analysed line by line; between them only lines with chrome phrases are, so without this look a
    mirror page whose injected title reads as prose (the zone ends at line 1) keeps such lines as text. A cheap
    length test first, then the record shapes alone."""
    out = []
    for i in range(first + 1, last):
        text = lines[i].text
        if i not in evidence and ((len(text) <= RECORD_LINE_CHARS and _record_shaped(text))
                                  or (text.count(" ") >= LONG_MENU_ITEMS - 1 and _long_menu(text))
                                  or _inline_image(text)):
            out.append(i)
    return out


@lru_cache(maxsize=1 << 15)
def _record_shaped(text: str) -> bool:
    """Whether a line (at most RECORD_LINE_CHARS long, so cached) has a record shape: a site's credit and label
    lines recur on its pages."""
    return bool(_record_shapes(shape_view(text), line_shape(text)[0]))


# Class and id tokens of site chrome (``<div class="breadcrumb">``, ``id="footer"``): whole tokens,
# or any token containing one of the longer words (topnav, sharebox, copyright_info).
_CHROME_TOKENS = frozenset({
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "footer", "foot", "header",
    "share", "comment", "comments", "related", "copyright", "sidebar", "side", "banner", "toolbar", "tools",
    "pager", "pagination", "page-nav", "login", "search", "location", "position", "weizhi", "dqwz",
    "friendlink", "links", "link", "ad", "ads", "advert", "recommend", "hot", "rank", "top", "bottom",
    "print", "qrcode", "erweima", "tags", "tag", "social", "subscribe", "widget", "skip", "bread"})
_CHROME_WORDS = ("nav", "menu", "crumb", "footer", "copyright", "sidebar", "share", "comment", "related",
                 "pagination", "toolbar", "banner", "friendlink", "qrcode", "erweima", "recommend", "reply",
                 "pinglun", "player")
_CONTENT_TOKENS = frozenset({"content", "article", "main", "text", "detail", "details", "zoom", "body",
                             "entry", "post", "story", "news_content", "article_content", "tpl_content",
                             "maincontent", "artcontent", "contentbox", "pages_content", "txt", "con",
                             "conn", "view", "page_content"})
LINK_SHARE = 0.6
"""A block whose text is at least this share link text is a link (menu item, related title) ..."""
LINK_BLOCK_CHARS = 40
"""... when it has at most this many content characters and no sentence of its own."""
ALL_LINK_SHARE = 0.9
"""A block whose text is at least this share link text is chrome at any length, in any container."""


@lru_cache(maxsize=1 << 14)
def _token_kind(token: str) -> str:
    if token in _CONTENT_TOKENS:
        return "content"
    if token in _CHROME_TOKENS or any(word in token for word in _CHROME_WORDS):
        return "chrome"
    return ""


_BOX_OVER_CONTENT = ("comment", "reply", "pinglun", "respond", "related", "recommend")
"""A content token (post, text, content) inside a box named by one of these words is the box item's: a
comment's own text, a related post's title."""
_NOT_BOX = ("open", "count", "num")
"""... unless the token names a state or a count (``comments-open`` on a page's ``body``)."""


@lru_cache(maxsize=1 << 14)
def _nearest_kind(tokens: tuple[str, ...]) -> str:
    """The kind (``chrome``, ``content`` or ``""``) of the nearest class/id token that has one; a content
    token counts as ``chrome`` under a comment or related box (_BOX_OVER_CONTENT) that itself sits in
    a content element (``post-text`` in ``comment-box`` in ``article-content``: a reply; a ``body``'s
    own classes have no content element above them)."""
    kinds = [_token_kind(t) for t in tokens]
    nearest = next((k for k, kind in enumerate(kinds) if kind), -1)
    if nearest < 0:
        return ""
    if kinds[nearest] == "content":
        for j in range(nearest + 1, len(tokens)):
            token = tokens[j]
            if (any(word in token for word in _BOX_OVER_CONTENT) and not any(w in token for w in _NOT_BOX)
                    and "content" in kinds[j + 1:]):
                return "chrome"
    return kinds[nearest]


def _mark_page_structure(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], title: str = "") -> None:
    """An HTML page's structure marks chrome the text cannot show: blocks inside ``nav``, ``header``,
    ``footer``, ``aside`` and ``form``, or under an element whose class or id names chrome
    (breadcrumb, share, comment, related, copyright ...) with no content element (article, main,
    class="content") nearer, and short blocks that are mostly link text (menus, related lists). A
    heading is marked only as the heading of such a box (a reply's or a related list's, see
    :func:`_box_heading`); a paragraph of prose is marked only by a footer, comment or copyright
    container, the chrome that is written in sentences. Then the page's layout (see
    :func:`_mark_page_layout`). A data table's cells stay (:func:`_keep_data_tables`)."""
    _keep_data_tables(blocks, evidence)
    opening = _opening_post(blocks, evidence)
    for i, block in enumerate(blocks):
        ev = evidence[i]
        if ev.chrome or not ev.markable:
            continue
        nearest = _nearest_kind(block.tokens)
        if block.heading:
            if _box_heading(block, nearest):
                ev.chrome = True
            continue
        by_container = i not in opening and (nearest == "chrome"
                                             or (nearest == "" and not block.content and bool(block.landmarks)))
        long_prose = ev.prose and ev.content_chars >= PROSE_MIN_CHARS * 2
        if by_container and long_prose:
            by_container = bool(block.landmarks & {"footer"}) or any(
                word in token for token in block.tokens[:3] for word in ("footer", "copyright", "comment"))
        size = max(1, len(block.text.replace(" ", "")))
        link_like = (block.link_chars >= LINK_SHARE * _unstamped_size(block)
                     and ev.content_chars <= LINK_BLOCK_CHARS and not ev.prose and nearest != "content")
        # Nearly all link text, whatever its length or container: a list of links (related titles, a
        # menu in one cell), not the page's own words.
        all_links = block.link_chars >= ALL_LINK_SHARE * size and ev.content_chars >= 2
        if by_container or link_like or all_links:
            ev.chrome = True
    _mark_page_layout(blocks, evidence, title)
    _mark_placed(blocks, evidence)


def _reply_boxed(tokens: tuple[str, ...]) -> bool:
    """A block whose nearest class/id token names content (post, body, text) but which :func:`_nearest_kind`
    reads as chrome: a content element inside a comment or reply box (a reader's comment, a thread's post)."""
    kind = next((k for k in map(_token_kind, tokens) if k), "")
    return kind == "content" and _nearest_kind(tokens) == "chrome"


def _opening_post(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> set[int]:
    """The blocks of a thread's opening post, which :func:`_mark_page_structure` must not take by its container.
    A forum that names every post a comment (Flarum's ``Post CommentPost`` in a ``PostStream``) puts the thread's
    first post in the same box as the replies, so the box rule that takes a reader's comment under an article
    took the post the page is about. When the page's running text outside such boxes is less than MAIN_MIN_CHARS
    (no article of its own above them), the boxes are the thread: its first post is body (the replies stay as
    the box rule reads them, the forum convention's ambiguous follow-ups). The posts are told apart by the stream:
    the deepest element every two adjacent boxed blocks share holds the posts as its children, and the first
    child is the opening post. Blocks inside landmarks (the post's header row, its action buttons) stay chrome."""
    boxed = [i for i, block in enumerate(blocks) if block.path and _reply_boxed(block.tokens)]
    if not boxed:
        return set()
    inside = set(boxed)
    own = sum(evidence[i].content_chars for i, block in enumerate(blocks)
              if i not in inside and evidence[i].prose and not evidence[i].chrome and not block.landmarks
              and _nearest_kind(block.tokens) != "chrome")
    if own >= MAIN_MIN_CHARS:
        return set()
    depth = min((_shared_depth(blocks[a].path, blocks[b].path) for a, b in zip(boxed, boxed[1:])),
                default=len(blocks[boxed[0]].path) - 1)
    first = blocks[boxed[0]].path
    if depth >= len(first):
        return set()
    post = first[depth]
    return {i for i in boxed if len(blocks[i].path) > depth and blocks[i].path[depth] == post
            and not blocks[i].landmarks}


def _shared_depth(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """How many outermost elements two blocks' paths share."""
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    return k


def _over_links(blocks: tuple[html.Block, ...], i: int) -> bool:
    """The block after block ``i`` is mostly link text: ``i`` heads a list of links (相关新闻, 点击排行)."""
    if i + 1 >= len(blocks):
        return False
    after = blocks[i + 1]
    return 2 * after.link_chars >= after.size


def _own_heading(block: html.Block) -> bool:
    """A heading element of the page's own: its first ``h1`` that is not a link (a logo is one; later
    ``h1`` may title a side box: 今日新闻, 点击排行) or a heading inside a content element (article,
    main, class="content"), nearer than any chrome class. No pass over short lines or phrases takes it
    (联系我们 over the office's address in a notice) unless it heads a list of links (see
    :func:`_over_links`); only a chrome box's class does (:func:`_box_heading`). This function answers
    the second part."""
    if not block.heading or 2 * block.link_chars >= len(block.text):
        return False
    nearest = _nearest_kind(block.tokens)
    return nearest == "content" or (nearest == "" and block.content)


DATA_TABLE_CELLS = 4
"""A table of at least this many cells ..."""
DATA_CELL_CHARS = 2.5
"""... of this many content characters on average (a calendar's 一 / 二 / 1 / 2 has fewer) ..."""
DATA_NUMBER_SHARE = 0.25
"""... at least this share of them numbers (a figure, a date, an amount), with no sentence and almost no
link text, is a data table: the document's own figures."""
_NUMBER_CELL = re.compile(r"^[^\d]{0,6}\d[\d\s,.:/%％年月日万亿元吨-]*[^\d]{0,4}$")


def _keep_data_tables(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> None:
    """The cells of a data table (see DATA_TABLE_CELLS) are body: no pass over short lines, fragments or
    neighbours takes them (蔬菜 / 1260 / 水果 / 830 after 数据来源 is a table, not a footer's fragments).
    A layout table (a page laid out in cells) has a cell of prose or of links, so it is none."""
    tables: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.table >= 0:
            tables.setdefault(block.table, []).append(i)
    for members in tables.values():
        cells = [i for i in members if blocks[i].tag in _CELL_TAGS]
        if len(cells) < DATA_TABLE_CELLS or any(evidence[i].prose for i in members):
            continue
        text = sum(blocks[i].size for i in members)
        links = sum(blocks[i].link_chars for i in members)
        chars = sum(evidence[i].content_chars for i in cells)
        numbers = sum(1 for i in cells if _NUMBER_CELL.match(blocks[i].text))
        if (links * 10 <= text and chars >= DATA_CELL_CHARS * len(cells)
                and numbers >= DATA_NUMBER_SHARE * len(cells)):
            for i in members:
                evidence[i].chrome = False
                evidence[i].listed = True


_BOX_WORDS = ("comment", "reply", "related", "recommend", "sidebar", "footer", "menu", "nav", "rank",
              "hot", "links", "friendlink", "share")


def _box_heading(block: html.Block, nearest: str) -> bool:
    """A heading below h1 whose nearest class/id token names a chrome box of the kinds that carry their
    own headings (comments and replies, related or recommended lists, side bars, footers, menus): the
    box's heading (评论 / # re: 标题 2004-12-27 网友 / 相关文章), not a section of the page's text."""
    if block.heading < 2 or nearest != "chrome":
        return False
    token = next(t for t in block.tokens if _token_kind(t))
    return any(word in token for word in _BOX_WORDS)


MAIN_SHARE = 0.7
"""The page's main text is the deepest element holding at least this share of its parent's running text
(non-link characters of prose blocks), walking down from the page's root (see :func:`_main_element`)."""
MAIN_MIN_CHARS = 2 * PROSE_MIN_CHARS
"""A page with less running text than this has no main text to place the rest around."""


def _main_element(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> tuple[int, int, int] | None:
    """The page's main text element and its first and last block, or None for a page without running
    text: from the page's root, step into the child element that holds at least MAIN_SHARE of the
    running text of its parent, as long as there is one. Text split over sibling elements (an article in
    two parts around an advertisement, a post and its attachment list) stops the walk at their common
    parent, so the main text then takes in both parts and what lies between them."""
    weight: dict[int, int] = {}
    children: dict[int, set[int]] = {}
    parent_of: dict[int, int] = {}
    weight_get = weight.get
    root = None
    for i, block in enumerate(blocks):
        ev = evidence[i]
        if not ev.prose or ev.chrome or not block.path:
            continue
        size = max(1, block.size)
        running = ev.content_chars * max(0, size - block.link_chars) // size
        path = block.path
        if root is None:
            root = path[0]
        for element in path:
            weight[element] = weight_get(element, 0) + running
        parent_of.update(zip(path[1:], path))
    if root is None or weight.get(root, 0) < MAIN_MIN_CHARS:
        return None
    for child, parent in parent_of.items():  # in the order the children were first met
        children.setdefault(parent, set()).add(child)
    node = root
    while node in children:
        best = max(children[node], key=weight.__getitem__)
        if weight[best] < MAIN_SHARE * weight[node] or best not in children:
            break  # the text is split, or the step would go into one paragraph (a single <p> is no main text)
        node = best
    inside = [i for i, block in enumerate(blocks) if node in block.path]
    return node, inside[0], inside[-1]


LINK_BOX_SHARE = 0.5
"""A box outside the main text (an element without a sentence of running text) whose text is at least
this share link text is a list of links ..."""
LINK_BOX_BLOCKS = 3
"""... when it holds at least this many blocks: its short blocks that are not links (the list's label
相关报道:, a date cell, 更多 >>, 暂无相关信息) are the list's too."""


def _linked_sentence(block: html.Block, ev: LineEvidence) -> bool:
    """A sentence that is mostly link text (LINK_SHARE): another page's title that reads as a sentence (…你知道吗？),
    not running text of this page."""
    return ev.prose and block.link_chars >= LINK_SHARE * _unstamped_size(block) and ev.content_chars <= LIST_GAP_MAX_CHARS


def _unstamped_size(block: html.Block) -> int:
    """The block's size (at least 1) without the characters of the dates and times written beside its link: a news
    list's item is its linked title and a plain date (2021-01-19 南京治银屑病哪里好), which halves the link share of a short
    title though the item is a link to another page all the same."""
    size = max(1, block.size)
    if not block.link_chars or not _DIGIT.search(block.text):
        return size
    stamped = sum(len(m.group().replace(" ", "")) for m in _DATELINE_DATE.finditer(block.text))
    return max(1, block.link_chars, size - stamped)


def _box_candidate(block: html.Block, ev: LineEvidence, main: int) -> bool:
    """A short block outside the main text, not chrome yet and free to become so, no sentence (but a linked one)
    or heading."""
    return (not ev.chrome and ev.markable and not ev.heading and main not in block.path
            and (not ev.prose and ev.content_chars <= LINK_BLOCK_CHARS or _linked_sentence(block, ev)))


def _mark_link_boxes(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], main: int) -> None:
    """See LINK_BOX_SHARE. A block's box is its outermost element that neither holds the main text nor
    any sentence (a side column holding a disclaimer is no box; the link list inside it is)."""
    candidates = [i for i, block in enumerate(blocks) if _box_candidate(block, evidence[i], main)]
    if not candidates:
        return
    prose: set[int] = set()
    for i, block in enumerate(blocks):
        if evidence[i].prose and not _linked_sentence(block, evidence[i]):
            prose.update(block.path)
    boxes = {i: box for i in candidates
             if (box := next((e for e in blocks[i].path if e not in prose), None)) is not None}
    if not boxes:
        return
    # (characters, link characters, blocks) of each box, summed over the blocks inside it
    sizes = {box: [0, 0, 0] for box in boxes.values()}
    wanted = sizes.keys()
    for block in blocks:
        for element in wanted & set(block.path):
            cell = sizes[element]
            cell[0] += block.size
            cell[1] += block.link_chars
            cell[2] += 1
    for i, box in boxes.items():
        total, links, count = sizes[box]
        if count >= LINK_BOX_BLOCKS and links >= LINK_BOX_SHARE * total:
            evidence[i].chrome = True


SANDWICH_BLOCKS = 2
"""At most this many short blocks between two chrome blocks, outside the main text, are chrome too ..."""


def _mark_sandwiched(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], main: tuple[int, int],
                     key: str) -> None:
    """... when they are labels (ending in a colon), mostly links or too short for a title (a list's
    label 相关报道: between a share bar and its links, a forum's 分数:100 between its member panels).
    Inside the main text's element a short line between two chrome blocks may be a caption or a
    table's cell, and a title may sit between a menu and a date line: they stay."""
    n = len(blocks)

    def short(i: int) -> bool:
        ev, block = evidence[i], blocks[i]
        if ((main[0] <= i <= main[1]) or not ev.markable or ev.prose or block.heading
                or ev.content_chars > VALUE_MAX_CHARS or _titled(block, key)):
            return False
        return (ev.content_chars < _TITLE_MIN_CHARS or ev.text.endswith(_LABEL_END)
                or 2 * block.link_chars >= block.size)

    for i, j in _runs(short, 1, n - 1):
        if j - i <= SANDWICH_BLOCKS and evidence[i - 1].chrome and j < n and evidence[j].chrome:
            for k in range(i, j):
                evidence[k].chrome = True


_TITLE_KEY = re.compile(r"\W+")
_TITLE_PARTS = re.compile(r"\s*[_|｜–—]\s*|\s+-\s+|\s{2,}")


def _titled(block: html.Block, key: str) -> bool:
    """The block's text (six or more characters) is part of the page's ``<title>`` key (栏目名 and site
    name around the title) or holds it."""
    text = _TITLE_KEY.sub("", block.text)
    return len(key) >= _TITLE_MIN_CHARS and len(text) >= _TITLE_MIN_CHARS and (text in key or key in text)


def _title_like(block: html.Block, ev: LineEvidence) -> bool:
    """A block that could be the page's title: not chrome, six or more characters with Han, not mostly
    links or phrase words, no separators (|, >, wide gaps) and no label colon at its end (回复线索:)."""
    return (not ev.chrome and ev.content_chars >= _TITLE_MIN_CHARS and block.link_chars * 2 < len(block.text)
            and ev.coverage < WEAK_LINE_COVERAGE and HAN.search(block.text) is not None
            and not _SEPARATED.search(block.text) and not block.text.endswith(_LABEL_END))


HEADER_BLOCK_CHARS = 80
"""A header block above the title that is not mostly links has at most this many content characters."""


def _mark_page_layout(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], title: str) -> None:
    """After the page's text, the footer: once a chrome block follows the last paragraph of the page (and
    its main text element), the later blocks that are not sentences are the footer's (the same tests as
    the header's below). Lines between the text and that chrome block (a signature, a date) stay, and
    so does a second part of the text after an interruption (the last paragraph bounds the footer; a list of
    other pages' titles, some phrased as questions, is no paragraph: :func:`_headline_slots`).
    Above the page's own title lies the site's header: its blocks that are not sentences (menus, the
    site's name, breadcrumbs, log-in links, a date) are chrome in any site's words and markup. The title
    is the last ``h1`` before the main text's first paragraph (:func:`_main_element`; a site's logo in an
    ``h1`` comes before the article's), else the last block there that repeats most of the page's
    ``<title>``; without either, the last block before the main text's element that could be a title
    (six or more characters, not mostly links) and what follows it stay. Headings, blocks repeating the
    ``<title>``, blocks inside a content element (article, main, class="content"; above the title not inside a
    ``header`` or ``nav`` landmark) and long blocks that are not mostly links stay."""
    found = _main_element(blocks, evidence)
    if found is None:
        return
    main = found[1:]
    _mark_link_boxes(blocks, evidence, found[0])
    key = _TITLE_KEY.sub("", title)
    _mark_sandwiched(blocks, evidence, main, key)
    prose = [i for i in range(main[0], main[1] + 1) if evidence[i].prose]
    lead = next((i for i in prose if evidence[i].content_chars >= 2 * PROSE_MIN_CHARS), prose[0])
    end = next((i for i in range(lead, -1, -1) if blocks[i].heading == 1 and count_content(blocks[i].text) >= 2
                and blocks[i].link_chars * 2 < len(blocks[i].text)), -1)
    if end < 0:
        # The block repeating most of the <title>, or one of its parts (标题_站点名, 标题 - 栏目 | 站点)
        parts = {part for part in map(lambda p: _TITLE_KEY.sub("", p), _TITLE_PARTS.split(title))
                 if len(part) >= _TITLE_MIN_CHARS}
        end = next((i for i in range(lead, -1, -1) if _titled(blocks[i], key)
                    and (2 * len(_TITLE_KEY.sub("", blocks[i].text)) >= len(key)
                         or _TITLE_KEY.sub("", blocks[i].text) in parts)), -1)
    if end < 0:
        end = next((i for i in range(main[0] - 1, -1, -1) if _title_like(blocks[i], evidence[i])), main[0])
    listed = _headline_slots(blocks, evidence, main[1])
    last = max([main[1], *(i for i in range(main[1] + 1, len(blocks))
                            if evidence[i].clean_prose and not evidence[i].chrome and i not in listed)])
    footer = next((i for i in range(last + 1, len(blocks)) if evidence[i].chrome), len(blocks))
    after = range(footer + 1, len(blocks))
    wrapper = blocks[main[0]].tokens
    for i in [*range(end), *after]:
        ev, block = evidence[i], blocks[i]
        if not ev.markable or ev.prose or block.heading or block.content or _titled(block, key):
            continue
        if (block.link_chars * 2 < block.size
                and ev.content_chars > HEADER_BLOCK_CHARS):
            continue
        # A content word's class (text, con) inside the page's header or menu landmark, outside any article or
        # main element, names the header's own parts (a search box's carousel of hot headlines). One on an
        # element around the main text too (a page-wide div#content) names no part at all (_own_tokens).
        if _nearest_kind(_own_tokens(block.tokens, wrapper)) != "content" or (
                i < end and block.landmarks & _HEADER_LANDMARKS):
            ev.chrome = True
    _mark_linked_headings(blocks, evidence, found[0], key)
    _mark_headed_boxes(blocks, evidence, blocks[lead].path)
    _mark_template_siblings(blocks, evidence, found[0], key)
    _mark_list_gaps(blocks, evidence)


def _headline_slots(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], after: int) -> set[int]:
    """The blocks after the main text that fill a template slot (see :func:`_mark_template_siblings`) of at least
    TEMPLATE_ITEMS short blocks (LIST_GAP_MAX_CHARS at most, no heading, no full stop): a list of other pages' titles,
    some of which read as sentences (…究竟何许人也？), is no part of the page's running text and does not hold the
    footer off. A second part of the text after an interruption writes its sentences with full stops: it stays."""
    slots: dict[tuple[str, tuple[str, ...], int], list[int]] = {}
    for i in range(after + 1, len(blocks)):
        block = blocks[i]
        if block.tokens:
            slots.setdefault((block.tag, block.tokens, len(block.path)), []).append(i)
    return {i for members in slots.values() if len(members) >= TEMPLATE_ITEMS
            and all(not blocks[i].heading and evidence[i].content_chars <= LIST_GAP_MAX_CHARS
                    and not _FULL_STOP.search(blocks[i].text) for i in members)
            for i in members}


def _own_tokens(tokens: tuple[str, ...], wrapper: tuple[str, ...]) -> tuple[str, ...]:
    """A block's class/id tokens without those it shares, as the outermost ones, with the main text's first block
    (``wrapper``): the tokens of elements that hold the main text too (a page-wide ``div.main`` or
    ``div#content`` around the article, its side column and its footer) say nothing about which of them a block
    is in."""
    k = 0
    for a, b in zip(reversed(tokens), reversed(wrapper)):
        if a != b:
            break
        k += 1
    return tokens[:len(tokens) - k] if k else tokens


_HEADER_LANDMARKS = frozenset({"header", "nav"})


def _mark_placed(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> None:
    """Blocks the page's structure places in its running text: those whose element shares its parent with a
    paragraph of it (a sentence that is not chrome), as a table's rows written as lines, a list of short items
    and a subheading sit among the paragraphs they belong to. The learned scorer, which weighs a short line
    by its shape and its neighbours' lines, never takes them: where the markup groups a line with the text,
    that reading stands (a menu, a related list or a share bar has a container of its own)."""
    parents = {block.path[-2] for i, block in enumerate(blocks)
               if len(block.path) >= 2 and evidence[i].clean_prose and not evidence[i].chrome}
    if not parents:
        return
    for i, block in enumerate(blocks):
        if len(block.path) >= 2 and block.path[-2] in parents:
            evidence[i].placed = True


HEADED_BOX_COVERAGE = 0.8
"""A heading is a related list's when a related-list phrase covers at least this share of it (推荐阅读, 相关新闻)."""
_LIST_BOX_HEADING_CHARS = 12


def _mark_headed_boxes(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence],
                       lead_path: tuple[int, ...]) -> None:
    """A heading that names a related list (a listed related phrase covering it: 推荐阅读, 相关新闻, 熱門文章) heads a box of
    other pages: the heading and every block after it in its parent element, teasers written as sentences included,
    are chrome, unless that element holds the main text's lead paragraph (a heading among the text's paragraphs
    heads no box of its own)."""
    for i, block in enumerate(blocks):
        ev = evidence[i]
        if (not block.heading or len(block.path) < 2 or ev.listed or ev.coverage < HEADED_BOX_COVERAGE
                or ev.content_chars > _LIST_BOX_HEADING_CHARS
                or not _names_related_list(ev, shaped=False)):
            continue
        box = block.path[-2]
        if box in lead_path:
            continue
        ev.chrome = True
        for j in range(i + 1, len(blocks)):
            if box not in blocks[j].path:
                break
            if evidence[j].markable:
                evidence[j].chrome = True


def _names_related_list(ev: LineEvidence, shaped: bool) -> bool:
    """The line carries a listed related-list phrase (推荐阅读, 相关新闻), or with ``shaped`` a list heading's shape
    alone; not a shape-only phrase such as a more link (更多), whose list may be the page's own."""
    return any(p.kind == "related" and p.weight >= 2
               and (not p.phrase.startswith("<") or shaped and p is _LIST_HEADING_PHRASE) for p in ev.phrases)


def _mark_linked_headings(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], main: int,
                          key: str) -> None:
    """Outside the main text's element, a heading below h1 that is all link text (ALL_LINK_SHARE) is the title of
    another page in a list of them (a feed's or a side box's ``<h3><a>…</a></h3>``), not a section of this page's
    text: the passes over link text leave headings alone, so a list of linked headings stayed. The page's title
    (its ``<title>``'s words) stays."""
    for i, block in enumerate(blocks):
        ev = evidence[i]
        if (block.heading >= 2 and ev.markable and main not in block.path and ev.content_chars >= 2
                and block.link_chars >= ALL_LINK_SHARE * max(1, block.size) and not _titled(block, key)):
            ev.chrome = True


TEMPLATE_ITEMS = 3
"""A template slot (blocks of one tag under the same chain of class and id tokens) repeated at least this many times
on a page ..."""
TEMPLATE_CHROME_SHARE = 0.5
"""... of which at least this share is chrome by the other passes, is a list of the site's (other articles' titles
with their sources and counters): see :func:`_mark_template_siblings`."""


def _mark_template_siblings(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence], main: int,
                            key: str) -> None:
    """Outside the main text's element, a short block filling the same template slot as chrome blocks (same tag,
    same class and id tokens up to the page's root, same depth; see TEMPLATE_ITEMS) is chrome too: the items of a
    recommendation feed or a list of other articles, where one title reads as a sentence (ends in ？), runs longer
    than a link's title or lost its link, while its siblings were taken as links. Blocks inside the main text's
    element count in their slot's share but are never taken; the page's title and its first heading stay."""
    slots: dict[tuple[str, tuple[str, ...], int], list[int]] = {}
    for i, block in enumerate(blocks):
        if block.tokens and block.heading != 1:
            slots.setdefault((block.tag, block.tokens, len(block.path)), []).append(i)
    for members in slots.values():
        if len(members) < TEMPLATE_ITEMS:
            continue
        chrome = sum(evidence[i].chrome for i in members)
        if chrome < TEMPLATE_CHROME_SHARE * len(members):
            continue
        for i in members:
            ev, block = evidence[i], blocks[i]
            if (ev.markable and main not in block.path and ev.content_chars <= LIST_GAP_MAX_CHARS
                    and not _titled(block, key)):
                ev.chrome = True


LIST_GAP_MAX_CHARS = 4 * PROSE_MIN_CHARS
"""A list item between two chrome items of its list is chrome when it has at most this many content
characters (a thread's other posts, one of them phrased as a sentence)."""


def _mark_list_gaps(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> None:
    """A list item (``li``, ``dd``, ``dt``) whose neighbours are chrome items of the same list (or of a
    list nested in it) is the list's too: a forum thread's list of posts where one title reads as a
    sentence or carries a label colon (转：提醒大家注意！！ 【 网友 】 08-12 12:14 661字). Headings and
    long paragraphs stay."""
    for i in range(1, len(blocks) - 1):
        block, ev = blocks[i], evidence[i]
        if (block.tag not in _GAP_ITEM_TAGS or not ev.markable or block.heading
                or ev.content_chars > LIST_GAP_MAX_CHARS):
            continue
        parent = block.path[:-1]
        if all(evidence[j].chrome and blocks[j].tag in _GAP_ITEM_TAGS
               and _same_list(parent, blocks[j].path) for j in (i - 1, i + 1)):
            ev.chrome = True


_GAP_ITEM_TAGS = frozenset({"li", "dd", "dt"})


def _same_list(parent: tuple[int, ...], path: tuple[int, ...]) -> bool:
    """An item with this path is in the list ``parent`` (the path of an item's list), in a list nested
    in one of its items, or holds that list (``parent`` nested in it)."""
    other = path[:-1]
    k = min(len(parent), len(other))
    return k > 0 and parent[:k] == other[:k]


_TITLE_MIN_CHARS = 6
_SEPARATED = re.compile(r"[|｜>»›]|\s{2,}")


def _mark_head_title(evidence: dict[int, LineEvidence], first: int, n: int) -> None:
    """Mark the head zone's likely title (see LineEvidence.title)."""
    head = [evidence[i] for i in range(first if first >= 0 else min(n, 12)) if i in evidence]
    titles = [ev for ev in head if not ev.chrome and ev.coverage < WEAK_LINE_COVERAGE and not ev.prose
              and ev.content_chars >= _TITLE_MIN_CHARS and HAN.search(ev.text) and not _SEPARATED.search(ev.text)]
    if titles:
        max(titles, key=lambda ev: ev.content_chars).title = True


_LIST_TAGS = frozenset({"li", "dd", "dt", "option", "menu"})
_CELL_TAGS = frozenset({"td", "th"})


def _block_facts(blocks: tuple[html.Block, ...], evidence: dict[int, LineEvidence]) -> _Facts:
    """The scorer's view of each block's place in the page: link share, landmarks, the nearest class/id
    token's kind, list item or table cell, before the first long paragraph."""
    long_at = next((i for i in range(len(blocks)) if evidence[i].prose
                    and evidence[i].content_chars >= 2 * PROSE_MIN_CHARS), len(blocks))
    return _Facts(blocks, long_at)


class _Facts:
    """The blocks' :class:`scorer.BlockFacts`, each made when the scorer first reads it (it reads the
    few lines near chrome)."""

    def __init__(self, blocks: tuple[html.Block, ...], long_at: int) -> None:
        self.blocks, self.long_at = blocks, long_at
        self.made: dict[int, scorer.BlockFacts] = {}

    def __len__(self) -> int:
        return len(self.blocks)

    def __getitem__(self, i: int) -> scorer.BlockFacts:
        facts = self.made.get(i)
        if facts is None:
            block = self.blocks[i]
            nearest = _nearest_kind(block.tokens)
            size = max(1, block.size)
            facts = self.made[i] = scorer.BlockFacts(
                min(1.0, block.link_chars / size), bool(block.landmarks), nearest == "chrome",
                nearest == "content" or block.content, block.tag in _LIST_TAGS, block.tag in _CELL_TAGS,
                i < self.long_at)
        return facts


def addable_line(ev: LineEvidence | None) -> bool:
    """A line the learned scorer may make chrome: not chrome yet, short, not a heading, the head's title
    or a sentence (a list item ending in 。 is the document's own words)."""
    return (ev is not None and ev.markable and not ev.heading and not ev.title
            and ev.content_chars < scorer.ADD_MAX_CHARS and not ev.text.endswith(scorer.SENTENCE_END))


def scorer_may_add(evidence: dict[int, LineEvidence], i: int) -> bool:
    """An :func:`addable_line` that is not the text's own by its shape or place: a notice's signature date
    (:func:`_signature_date`) and the lines of :func:`scorer_keeps.keeps` (table rows, a clause cut by the line
    breaks, dialogue, a line between two paragraphs) stay body whatever the scorer says."""
    return (addable_line(evidence.get(i)) and not scorer_keeps.keeps(evidence, i)
            and not _signature_date(evidence, i))


def _grow_learned(evidence: dict[int, LineEvidence], probability: dict[int, float], threshold: float,
                  n: int) -> None:
    """Lines the scorer rates at or above ``threshold`` become chrome when they touch chrome: blocks
    the rules found grow over the template lines around them (a forum's member panel after 找回密码,
    a portal's tab labels above 当前位置), one line at a time, both ways, at most scorer.GROW_LINES
    from the nearest chrome line (a poem of short lines after a chrome line is not a menu). A run of
    scorer.RUN_LINES or more likely lines is chrome by itself (a menu or a related list nobody wrote a
    phrase for) and grows the same way. A likely line alone or in pairs that touches no chrome (a date
    under the title, a short heading between paragraphs) stays body: precision first. A block an HTML page's
    markup places in its running text (LineEvidence.placed) is never taken: the scorer is fitted on it as on
    any short line, but where the markup has read a line as the text's, that reading stands."""
    def likely(i: int) -> bool:
        ev = evidence.get(i)
        return (ev is not None and not ev.placed and probability.get(i, 0.0) >= threshold
                and scorer_may_add(evidence, i))

    run: list[int] = []
    for i in [*sorted(probability), -1]:
        if i >= 0 and likely(i) and (not run or run[-1] == i - 1):
            run.append(i)
            continue
        if len(run) >= scorer.RUN_LINES:
            for k in run:
                evidence[k].chrome = evidence[k].learned = True
        run = [i] if i >= 0 and likely(i) else []
    seeds = [i for i, ev in evidence.items() if ev.chrome]
    for seed in seeds:
        for step in (-1, 1):
            i = seed + step
            while 0 <= i < n and abs(i - seed) <= scorer.GROW_LINES and likely(i):
                evidence[i].chrome = evidence[i].learned = True
                i += step


def _shape_addable(text: str) -> bool:
    """:func:`addable_line` as far as the line's text alone tells."""
    content, prose, heading = line_shape(text)
    return content < scorer.ADD_MAX_CHARS and not prose and not heading and not text.strip().endswith(scorer.SENTENCE_END)


def _candidates(lines: list[Line], evidence: dict[int, LineEvidence],
                analyse: Callable[[int], LineEvidence]) -> list[int]:
    """:func:`_candidate_indexes`, each analysed with its neighbours."""
    candidates = _candidate_indexes(lines, evidence)
    _analyse_around(candidates, len(lines), analyse)
    return candidates


def _analyse_around(candidates: list[int], n: int, analyse: Callable[[int], LineEvidence]) -> None:
    for i in candidates:
        for j in (i - 1, i, i + 1):
            if 0 <= j < n:
                analyse(j)


def _candidate_indexes(lines: list[Line], evidence: dict[int, LineEvidence]) -> list[int]:
    """The lines the learned scorer weighs: short lines without a sentence (the only ones it can add)
    within scorer.GROW_LINES of a chrome line or in a run of scorer.RUN_LINES or more such lines, and
    the chrome lines near them (whose probability a finding reports), each analysed with its neighbours."""
    n = len(lines)
    near: set[int] = set()
    for i in sorted(i for i, ev in evidence.items() if ev.chrome):
        near.update(range(max(0, i - scorer.GROW_LINES), min(n, i + scorer.GROW_LINES + 1)))
    short = [len(line.text.strip()) <= scorer.CANDIDATE_MAX_CHARS and not line_shape(line.text)[1]
             for line in lines]
    # Runs of short lines anywhere (menus, related lists), not only near the rules' chrome.
    for i, j in _runs(short.__getitem__, 0, n):
        if j - i >= scorer.RUN_LINES:
            near.update(range(i, j))
    return sorted(i for i in near if short[i] or (i in evidence and evidence[i].chrome))


def rules_analysis(doc: Document, ctx: BatchContext) -> ChromeAnalysis:
    """The rules' analysis without the learned scorer, as the scorer finds it (candidates analysed with
    their neighbours, the head's title marked), for ``scripts/train_chrome.py``: not memoised."""
    analysis = _analyse_document(doc, ctx, learned=False)
    _mark_head_title(analysis.evidence, analysis.first, len(analysis.lines))
    return analysis


def scorer_features(doc: Document, analysis: ChromeAnalysis) -> Any:
    """The scorer's pass-1 feature matrix of ``analysis``'s candidates."""
    facts = _block_facts(html.page(doc).blocks, analysis.evidence) if html.is_html(doc) else None
    return scorer.feature_matrix(analysis.evidence, analysis.candidates, len(analysis.lines), analysis.first,
                                 analysis.last, facts)


def learned_lines(analysis: ChromeAnalysis, probability: dict[int, float], threshold: float) -> list[int]:
    """The lines the scorer would add to ``analysis`` (a :func:`rules_analysis`) at ``threshold`` with
    these candidate probabilities; the analysis is left as it was."""
    evidence = analysis.evidence
    before = {i: (ev.chrome, ev.learned) for i, ev in evidence.items()}
    _grow_learned(evidence, probability, threshold, len(analysis.lines))
    added = sorted(i for i, ev in evidence.items() if ev.chrome and not before[i][0])
    for i, (was_chrome, was_learned) in before.items():
        evidence[i].chrome, evidence[i].learned = was_chrome, was_learned
    return added


def _find_phrases(doc: Document, lines: list[Line],
                  per_line: bool = False) -> tuple[dict[int, list[ChromePhrase]], dict[int, int]]:
    """Chrome phrases per line index (one automaton pass over the whole text; on an HTML page one per
    block, whose text is not a slice of the source) and the content characters they cover
    (leftmost-longest matches do not overlap, so their counts add up)."""
    phrases_at: dict[int, list[ChromePhrase]] = {}
    covered: dict[int, int] = {}
    if not lines:
        return phrases_at, covered
    matcher = _phrase_matcher()
    if per_line:
        # One automaton pass: no phrase holds a line break, so the joined text's leftmost-longest
        # matches are each block's own.
        joined, line_starts = _joined_blocks(doc)
        block_matches = matcher.automaton.find_matches_as_indexes(joined)
        if not block_matches:
            return phrases_at, covered
        grouped: dict[int, list[tuple[int, int, int]]] = {}
        for match in block_matches:
            grouped.setdefault(bisect.bisect_right(line_starts, match[1]) - 1, []).append(match)
        for at, line_matches in grouped.items():
            found, chars = _line_phrases(line_matches, joined, line_starts[at])
            if found:
                phrases_at[at] = found
                covered[at] = chars
        return phrases_at, covered
    folded = phrase_text(doc)
    matches = matcher.automaton.find_matches_as_indexes(folded)
    starts = [line.start for line in lines]
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    for match in matches:
        at = bisect.bisect_right(starts, match[1]) - 1
        if at >= 0 and match[2] <= lines[at].end:
            by_line.setdefault(at, []).append(match)
    for at, line_matches in by_line.items():
        found, chars = _line_phrases(line_matches, folded, lines[at].start)
        if found:
            phrases_at[at] = found
            covered[at] = chars
    if "(" in folded and _PINYIN_GLOSS.search(folded):
        _add_glossed_phrases(lines, phrases_at, covered)
    return phrases_at, covered


def _add_glossed_phrases(lines: list[Line], phrases_at: dict[int, list[ChromePhrase]], covered: dict[int, int]) -> None:
    """On a mirror that glosses its characters' readings (責(zé)任編輯, 關(guān)鍵詞), the phrases of each glossed line
    matched without the readings, where they cover more than the glossed text's own matches (責任編輯 in
    責(zé)任編輯 is found only so, 編輯 alone without): a glossed line between the zones is otherwise never looked at."""
    for at, line in enumerate(lines):
        if "(" not in line.text:
            continue
        glossed = _glossed_phrases(line.text)
        if glossed and glossed[0] and glossed[1] > covered.get(at, 0):
            phrases_at[at], covered[at] = glossed


def _joined_blocks(doc: Document) -> tuple[str, list[int]]:
    """An HTML page's block texts (its :func:`non_blank_lines`) joined by line breaks in :func:`phrase_fold`
    form (one fold for all the blocks: folding keeps lengths, so the joined text splits back) and where each
    block starts in it."""
    def compute() -> tuple[str, list[int]]:
        lines = non_blank_lines(doc)
        line_starts = [0]
        for line in lines[:-1]:
            line_starts.append(line_starts[-1] + len(line.text) + 1)
        return phrase_fold("\n".join(line.text for line in lines)), line_starts
    return doc.memo("html_phrase_joined", compute)


def _line_phrases(matches: list[tuple[int, int, int]], text: str,
                  line_start: int) -> tuple[list[ChromePhrase], int]:
    """The distinct phrases of one line's automaton matches in ``text`` (a start-of-line phrase only
    where nothing but list marks precede it from ``line_start``) and the content characters all the
    matches cover (leftmost-longest matches do not overlap, so their counts add up)."""
    table = _phrase_matcher().phrases
    found: list[ChromePhrase] = []
    chars = 0
    for pattern, start, end in matches:
        phrase = table[pattern]
        if phrase.at_start and text[line_start:start].strip(_LINE_START_SKIP):
            continue
        if phrase.phrase.endswith(_COUNT_WORD_ENDS) and _worded_count(text, start, end):
            continue
        if phrase not in found:
            found.append(phrase)
        chars += phrase.content
    return found, chars


_COUNT_WORD_ENDS = ("次数", "次數", "人次", "点击数", "點擊數")
"""The ends of the phrases that name a page's counter (浏览次数, 访问次数, 瀏覽人次, 点击数)."""
_COUNT_AFTER = re.compile(r"[ \t\u3000]*[:：\d(（]")


def _worded_count(text: str, start: int, end: int) -> bool:
    """Whether the counter phrase at ``text[start:end]`` is a word of a sentence, not a counter's label: a Han character
    runs into it and no count or colon follows (a title's 无限访问次数, 累计点击数达百万); 本文浏览次数:, 访问次数 128 and
    a row's last cell, 信息来源:区政府办 访问次数, are counters.

    >>> text = "分享短链接工具:支持生成短链接,无限访问次数"
    >>> _worded_count(text, len(text) - 4, len(text)), _worded_count("本文访问次数:128", 2, 6)
    (True, False)
    """
    return start > 0 and HAN.match(text, start - 1) is not None and _COUNT_AFTER.match(text, end) is None


# Letter-spaced labels and menus (首 页 政 务 公 开, 索   引   号, 名        称): three or more
# single Han characters separated by spaces, or two separated by several.
_SPACED_HAN = re.compile("[\u3400-\u9fff](?: +[\u3400-\u9fff]){2,}|[\u3400-\u9fff] {2,}[\u3400-\u9fff]")
_SPACE_BETWEEN_HAN = re.compile("(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")


# The bracket first, the character before it after (a pattern led by a look-behind is tried at every position).
_PINYIN_GLOSS = re.compile("\\((?<=[\u3400-\u9fff]\\()[a-zà-üā-ǜɡ]{1,6}\\)")
"""A reading in brackets after a character, as machine-converted mirror pages print them (免責(zé)聲明, 相關(guān)新聞)."""


_KEYWORDS_LABEL = re.compile(r"(?i)[\s\[【(]*(?:关键词|关键字|key\s*words?)")
_ABSTRACT_LABEL = re.compile(r"(?i)[\s\[【(]*(?:摘\s*要|内容提要|提\s*要|abstract)")
"""A paper's keywords line (关键词: 标准化,集约化) right under its abstract (摘 要:…, [摘要]…) is the paper's; both
are read at a line's start (``match``), so what follows the label does not matter."""


def _unglossed(text: str) -> str:
    """``text`` folded as chrome phrases are (:func:`phrase_fold`), a mirror's glossed readings removed (責(zé)任 ->
    责任)."""
    return _PINYIN_GLOSS.sub("", phrase_fold(text))


def _glossed_phrases(text: str) -> tuple[list[ChromePhrase], int] | None:
    """Phrases of a line whose characters carry bracketed readings (免責(zé)聲明, 相關(guān)新聞), matched with the readings
    removed, with the content characters they cover; None when the line has no such reading."""
    if not _PINYIN_GLOSS.search(text):
        return None
    bare = _unglossed(text)
    return _line_phrases(_phrase_matcher().automaton.find_matches_as_indexes(bare), bare, 0)


def _letter_spaced_phrases(text: str) -> tuple[list[ChromePhrase], int] | None:
    """Phrases of a letter-spaced line matched with the spaces between Han characters removed,
    with the content characters they cover; None when the line is not letter-spaced."""
    if not _SPACED_HAN.search(text):
        return None
    squeezed = _SPACE_BETWEEN_HAN.sub("", phrase_fold(text))
    return _line_phrases(_phrase_matcher().automaton.find_matches_as_indexes(squeezed), squeezed, 0)


def _decide(evidence: dict[int, LineEvidence], n: int, first: int, last: int,
            signed: Collection[int] = ()) -> list[int]:
    """Mark chrome lines (``ev.chrome``) and return their indexes in order; ``signed`` are a notice's own contact
    lines (:func:`_signed_contact_lines`), kept."""
    for i, ev in evidence.items():
        if ev.heading or not ev.phrases:
            continue
        # A menu line's shape covers the whole line, however long (a directory joined into one line).
        if ev.content_chars > LONG_LINE_CHARS and ev.coverage < LONG_LINE_COVERAGE and _MENU_PHRASE not in ev.phrases:
            continue
        zone = first < 0 or i < first or i > last
        if ev.prose:
            ev.chrome = ((zone and (ev.score >= PROSE_CHROME_SCORE or ev.label) and not _own_contact_paragraph(ev))
                         or _ITEM_LIST_PHRASE in ev.phrases or ((first < 0 or i < first) and _titled_trail(ev)))
        elif ev.strong:
            ev.chrome = True
        else:
            several = len({p.phrase for p in ev.phrases}) >= 2 and ev.coverage >= WEAK_COVERAGE
            # One weak phrase on a short line at the edge: 来源:县政府办 is chrome, but a title
            # (关于政务服务工作的报告), a sentence or a bracketed note closing the text is the document's
            # own (a bracketed credit, (天水在线编辑:马文洁), is chrome by its shape: _credit_line).
            # A weak word that is not a label (分享, 首页) must also fill a good part of the line:
            # 分享 in a forum thread's title ([经验分享] 老房子电路改造的几点体会) is the title's; so is
            # a navigation word filling less than half of the line right above the document's first
            # sentence (县人民政府信息公开指南(2024年): the title names the section it was filed under).
            labelled = any(p.kind in _LABEL_KINDS for p in ev.phrases)
            lone_at_edge = (zone and not ev.text.endswith(scorer.SENTENCE_END)
                            and not (ev.text.startswith(("(", "（")) and not _DIGIT.search(ev.text))
                            and (labelled or ev.coverage >= WEAK_LINE_COVERAGE)
                            and not _title_words().search(ev.text)
                            and not (not labelled and i == first - 1 and ev.coverage < WEAK_COVERAGE
                                     and ev.content_chars >= _TITLE_MIN_CHARS))
            if lone_at_edge and not several and _signature_date(evidence, i):
                ev.listed = True
                continue
            ev.chrome = several or lone_at_edge
    _mark_counted_copies(evidence, n, first, last)
    _mark_metadata_runs(evidence)
    _keep_contact_lists(evidence)
    for i in signed:
        evidence[i].chrome = False
        evidence[i].listed = True
    _extend_over_fields_and_fragments(evidence, n, first, last)
    _mark_split_field_runs(evidence, first)
    _mark_empty_field_labels(evidence, first)
    _mark_contact_numbers(evidence, n, first, last)
    anchors = _navigation_anchors(evidence, n, first)
    # the lines marked above the last anchor are before it: neither it nor its trail's title changes
    title = _trail_title(evidence, anchors[-1], first) if anchors else None
    _keep_own_titles(evidence, anchors, n, first)
    _extend_above_navigation(evidence, anchors, title)
    _mark_head_menus(evidence, n, first, title)
    _extend_with_templates(evidence, n, first, last)
    _fill_footer_gaps(evidence, n, first, last)
    return sorted(i for i, ev in evidence.items() if ev.chrome)


COPY_RUN_LINES = 3
"""At least this many lines in a row that differ only in their numbers are a page index, a pager or an archive."""
COPY_KEY_CHARS = 4
"""... when they have at least this many content characters besides the numbers (图1 / 图2 / 图3 are a text's own)."""
_NUMBER_RUN = re.compile(r"\d+")
_PAGE_INDEX_PHRASE = ChromePhrase("<page index>", "pagination", 2, False)


def _mark_counted_copies(evidence: dict[int, LineEvidence], n: int, first: int, last: int) -> None:
    """Before or after the document's text, COPY_RUN_LINES or more lines that are one line counted on (a document
    share's page index: 數碼攝像機常識_第1頁 / …_第2頁 / …_第3頁, a gallery's or a pager's numbered links) are chrome:
    the text does not repeat its own line with a number counted on."""
    zone = range(n) if first < 0 else [*range(first), *range(last + 1, n)]
    keys = {i: (_NUMBER_RUN.sub("#", evidence[i].text), _NUMBER_RUN.findall(evidence[i].text)) for i in zone
            if _DIGIT.search(evidence[i].text) and not evidence[i].prose}
    if len(keys) < COPY_RUN_LINES:
        return

    def counted(k: int) -> bool:
        """Line k is line k - 1 with one number moved on by one (a law's dated adoption records, 2003年12月4日
        …第1299次会议通过 / 2022年2月15日 …第1864次会议通过, change several)."""
        if k - 1 not in keys or keys[k][0] != keys[k - 1][0]:
            return False
        moved = [(int(a), int(b)) for a, b in zip(keys[k - 1][1], keys[k][1]) if a != b]
        return len(moved) == 1 and abs(moved[0][1] - moved[0][0]) == 1

    def mark(run: list[int]) -> None:
        if len(run) >= COPY_RUN_LINES and count_content(keys[run[0]][0]) >= COPY_KEY_CHARS:
            for k in run:
                if evidence[k].markable and not evidence[k].heading:
                    _mark_chrome(evidence[k], _PAGE_INDEX_PHRASE)

    run: list[int] = []
    for k in sorted(keys):
        if run and counted(k):
            run.append(k)
        else:
            mark(run)
            run = [k]
    mark(run)


_TRAIL_STEP = re.compile(rf"[ \t\u3000]*{head_furniture.STEP}[ \t\u3000]*")


def _titled_trail(ev: LineEvidence) -> bool:
    """A location trail led by its label whose last step is the page's title, a question or an exclamation
    (您所在的位置: 首页>>机缘问答>>念佛结束怎么回向?放生又怎么回向?>>): prose by the title's marks, chrome by its
    label and its steps (two or more; the label must start the line, 位置:脚中心凹陷处。 is a text's own field).

    >>> text = "您所在的位置: 首页>>问答>>念佛结束怎么回向?放生又怎么回向?>>"
    >>> ev = LineEvidence(0, Line(1, 0, len(text), text),
    ...                   [ChromePhrase("您所在的位置", "breadcrumb", 2, True)], content_chars=27, prose=True)
    >>> _titled_trail(ev)
    True
    """
    head = phrase_fold(ev.text[:LABEL_LOOK_CHARS]).lstrip(_LINE_START_SKIP)
    return (ev.content_chars <= RECORD_LINE_CHARS and len(_TRAIL_STEP.findall(ev.text)) >= 2
            and any(p.kind == "breadcrumb" and p.weight >= 2 and head.startswith(p.phrase) for p in ev.phrases))


COMMENT_OPENER_COVERAGE = 0.8
"""A line that is not chrome by the rules opens a comment section when comment phrases cover this share of it
(评论, 网友评论, 评论(63): the thread's heading alone on its line)."""
TEXT_RESUMES_RATIO = 2
"""See :func:`_text_goes_on`: a reply may be longer than the text's longest paragraph, but not much
longer than the text's longest run of paragraphs."""
NOTICE_RESUMES_RATIO = 2
"""After a site's notice (not a comment box's opener) no stretch of prose may hold more than this share of the text's
longest: readers' replies are prose, the lists a site prints after its notice are headlines and teasers."""
MAX_OPENERS = 8
"""How many openers are tried, in text order, before the page is taken to have no after-text section."""
_SECTION_PHRASE = ChromePhrase("<after-text section>", "related", 2, False)
_TEASER_PHRASE = ChromePhrase("<teaser list>", "related", 2, False)
_FEED_PHRASE = ChromePhrase("<feed of records>", "related", 2, False)


def _opens_section(ev: LineEvidence) -> bool:
    """Does the line open the after-text section: a comment box's opener (no sentence, a comment
    phrase, and chrome by the rules already, 【 发表评论 】【 关闭窗口 】, 0条评论, or nearly nothing else on
    the line, 评论) or a reply's own header (a reply word and a time of day on a short line)? (A list of
    other articles' heading, 相关新闻, opened a section too for a while; it was taken back: on the
    held-out generated batch it took a text's last paragraph after an inline box.)"""
    if ev.prose:
        return False
    if any(p.kind == "comment" for p in ev.phrases) and (
            ev.chrome or (ev.coverage >= COMMENT_OPENER_COVERAGE and not ev.listed)):
        return True
    return bool(ev.content_chars <= VALUE_MAX_CHARS and not ev.listed and _REPLY_WORD.search(ev.text)
                and has_timestamp(ev.text))


_NOTICE_OPENER_KINDS = frozenset({"disclaimer"})
_FIRST_SENTENCE = re.compile("[^。！？!?；;]*[。！？!?；;]?")
NOTICE_HEAD_SHARE = 3 / 4
"""A site notice's first sentence holds at least this share of its line's content characters (see :func:`_site_notice`)."""


def _site_notice(ev: LineEvidence) -> bool:
    """A sentence of the site's notice under an article (39健康网原创内容，未经授权不得转载，违者必究。, 声明：该文观点仅代表作者
    本人…): chrome prose by its phrases (see :attr:`LineEvidence.score`), one of them a strong disclaimer's (a
    copyright's may name an office of the text's own: 主办单位, 承办单位 in a regulation). The article has ended above it
    when the text does not go on after it (see :func:`_mark_after_text_section`)."""
    if not (ev.prose and not ev.listed and ev.score >= PROSE_CHROME_SCORE
            and any(p.weight >= 2 and p.kind in _NOTICE_OPENER_KINDS for p in ev.phrases)):
        return False
    # The line is the notice: its first sentence is the notice's and NOTICE_HEAD_SHARE of the line at least (a paragraph
    # of the text with a notice glued to either end, 凡注明为…原创作品的,未经许可,不得转载;坚定不移推进…, goes on being the text).
    first_sentence = _FIRST_SENTENCE.match(ev.text)
    head = first_sentence.group() if first_sentence else ev.text
    if NOTICE_HEAD_SHARE * count_content(ev.text) > count_content(head):
        return False
    folded, viewed = phrase_fold(head), shape_view(head)
    if any(p is _SITE_DISCLAIMER_PHRASE for p in ev.phrases) \
            and (_site_disclaimer(viewed) or _REPRINT_NOTICE.search(viewed) is not None):
        return True
    # The notice's first strong phrase opens its clause (the later ones follow it: …,不代表本站立场).
    at = [(folded.find(p.phrase), p.phrase) for p in ev.phrases
          if p.weight >= 2 and p.kind in _NOTICE_OPENER_KINDS and not p.phrase.startswith("<")]
    at = [(i, phrase) for i, phrase in at if i >= 0]
    return bool(at) and _opens_clause(folded, min(at)[1])


_CLAUSE_BREAK = re.compile("[,，、;；:：。!！?？]")
NOTICE_CLAUSE_LEAD_CHARS = 8
"""A notice's phrase has at most this many content characters before it in its clause (未经书面授权请勿转载); more, and
the phrase was glued to another clause (全面增强发展后劲本文仅代表作者观点)."""


def _opens_clause(folded: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``folded`` (a :func:`phrase_fold` text) near the start of its clause.

    >>> _opens_clause(phrase_fold("健康网专稿，未经书面授权请勿转载。"), "请勿转载")
    True
    >>> _opens_clause(phrase_fold("全面增强发展后劲本文仅代表作者观点，不代表本站立场。"), "仅代表作者观点")
    False
    """
    at = folded.find(phrase)
    if at < 0:
        return False
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, at)]
    return count_content(folded, breaks[-1] if breaks else 0, at) <= NOTICE_CLAUSE_LEAD_CHARS


REPLY_HEADER_CHARS = 120
"""A reply's header line is at most this long (in characters, white space included)."""
_REPLY_WORD = re.compile(r"楼|樓|回复|回覆|评论|評論|留言|发表于|發表於|张贴|張貼|\bre:", re.I)
"""A word of a reply's header (楼层: 第 2 楼 时间: 2005-08-28 23:38:58, # re: 标题 2004-12-27 12:46 网名); with a
publication timestamp on a short line after the text's start, the header opens the replies."""


def _mark_chrome(ev: LineEvidence, phrase: ChromePhrase) -> None:
    """Make a line chrome, naming the pass's ``phrase`` as its reason when it carries no phrase of its own."""
    ev.chrome = True
    if not ev.phrases:
        ev.phrases = [phrase]


NOTICE_HEADING_CHARS = 12
_NOTICE_KINDS = frozenset({"disclaimer", "copyright", "contact", "accessibility"})
_NOTICE_NAME_END = re.compile(r"(?:声明|聲明|政策|条款|條款|公告|告示|须知|須知)[\s:：]*$")
_NOTICE_PHRASE = ChromePhrase("<site notice section>", "disclaimer", 2, False)


def _mark_notice_sections(lines: list[Line], evidence: dict[int, LineEvidence],
                          analyse: Callable[[int], LineEvidence]) -> None:
    """The paragraphs under a site notice's heading (免責聲明, 版權公告, 收集個人資料聲明, 隱私權政策, 無障礙聲明: a chrome
    line naming a notice of the site, alone on its line) are that notice's, up to the next line that is no sentence:
    a site's disclaimer, copyright or privacy page printed as text, or such a notice under an article. Its sentences
    speak of 本網站 and 本局 in their own words, which phrases alone do not reach."""
    n = len(lines)
    for i in sorted(i for i, ev in evidence.items() if ev.chrome and not ev.prose
                    and 0 < ev.content_chars <= NOTICE_HEADING_CHARS and _NOTICE_NAME_END.search(ev.text)
                    and any(p.weight >= 2 and p.kind in _NOTICE_KINDS for p in ev.phrases)):
        for j in range(i + 1, n):
            ev = analyse(j)
            if not ev.prose or ev.heading or not ev.markable and not ev.chrome:
                break
            if ev.markable:
                _mark_chrome(ev, _NOTICE_PHRASE)


def _mark_after_text_section(lines: list[Line], evidence: dict[int, LineEvidence], first: int,
                             analyse: Callable[[int], LineEvidence], last: int) -> None:
    """After the document's first sentence, the first line that opens a comment box (see
    :func:`_opens_section`) or is the site's notice under the article (:func:`_site_notice`) after which the text does
    not go on (:func:`_text_goes_on`) starts
    the page's after-text section, which runs to the end of the page: the readers' replies (prose, with
    their own dated headers ``# re: 标题 2004-12-27 12:46 网名``) and whatever the page prints after them
    (related lists, the footer). Replies are prose like the text, so the head and tail zones cannot see
    them; the opener can. A counter row before the last line of prose (评论:0  点击:3097 under the title) counts the
    page's readers: it opens nothing."""
    if first < 0:
        return
    # A reply's header has no phrase, so it may not have been analysed: the short lines with a time of day are.
    for i in range(first + 1, len(lines)):
        text = lines[i].text
        if i not in evidence and len(text) <= REPLY_HEADER_CHARS and has_timestamp(text):
            analyse(i)
    openers = [i for i in sorted(evidence) if i > first and (_opens_section(evidence[i]) or _site_notice(evidence[i]))
               and not (i < last and _COUNTER_PHRASE in evidence[i].phrases and _counter_row(evidence[i].text))
               ][:MAX_OPENERS]
    if not openers:
        return
    sizes: dict[int, int] = {}
    # The document's text lies before the opener when no stretch after it holds more than
    # TEXT_RESUMES_RATIO times the longest stretch between the first sentence and it (else a side
    # bar's 评论排行榜 was printed above the article).
    opener = next((i for i in openers if not _text_goes_on(lines, evidence, first, i, sizes,
                                                            NOTICE_RESUMES_RATIO if _site_notice(evidence[i])
                                                            and not _opens_section(evidence[i])
                                                            else TEXT_RESUMES_RATIO)), -1)
    if opener < 0:
        return
    for i in range(opener, len(lines)):
        ev = analyse(i)
        if ev.markable:
            _mark_chrome(ev, _SECTION_PHRASE)


def _text_goes_on(lines: list[Line], evidence: dict[int, LineEvidence], first: int, opener: int,
                  sizes: dict[int, int], ratio: float) -> bool:
    """Whether a longer stretch of adjacent prose lines follows line ``opener`` than ``ratio`` times the longest
    between the first sentence and it (content characters). A stretch's lines are prose that no rule marked
    and that carry no timestamp (a reply's header). A line without evidence has no phrase and is no rule's chrome: its
    shape alone tells (the lines are not analysed for this). The stretch after is measured first, and the text before
    is read only until a stretch long enough turns up (a long article's own paragraphs come first): ``sizes`` keeps
    each line's share (-1: ends a stretch) for the other openers."""

    def size(i: int) -> int:
        found = sizes.get(i)
        if found is None:
            ev = evidence.get(i)
            if ev is not None:
                content, prose, text = ev.content_chars, ev.prose and not ev.chrome and not ev.listed, ev.text
            else:
                content, prose, _ = line_shape(lines[i].text)
                text = lines[i].text
            found = sizes[i] = content if prose and not has_timestamp(text) else -1
        return found

    after = run = 0
    for i in range(len(lines) - 1, opener, -1):
        chars = size(i)
        run = run + chars if chars >= 0 else 0
        after = max(after, run)
    before = run = 0
    for i in range(first, opener):
        if after <= ratio * before:
            return False
        chars = size(i)
        run = run + chars if chars >= 0 else 0
        before = max(before, run)
    return after > ratio * before


FOOTER_GAP_CHARS = 2 * VALUE_MAX_CHARS
"""A line of the footer's gaps (see :func:`_fill_footer_gaps`) has at most this many content characters."""


def _gap_line(ev: LineEvidence, max_chars: int, issuers: bool = False) -> bool:
    """Can the line sit in a run of lines between two chrome lines and be chrome with them: short (``max_chars``
    content characters), no sentence, no heading, and none of a document's own short lines (a title naming its
    genre, a date written out, an issuer's name: a signature; with ``issuers`` an issuer's name may, the run
    deciding)?"""
    return (ev.markable and not ev.prose and not ev.heading and ev.content_chars <= max_chars
            and not _title_words().search(ev.text) and not _WRITTEN_DATE.fullmatch(ev.text)
            and (issuers or not _issuer_line(ev)))


def _issuer_line(ev: LineEvidence) -> bool:
    return _ISSUER_END.search(simplify_chars(ev.text.rstrip())) is not None


def _loose_line(ev: LineEvidence, max_chars: int, issuers: bool = False) -> bool:
    """A short line that is none of a document's own short lines (see :func:`_gap_line`) and neither ends
    like a sentence nor leads in to the next line (发至:, 正文如下:)."""
    return (_gap_line(ev, max_chars, issuers) and not ev.text.endswith(scorer.SENTENCE_END)
            and not ev.text.endswith(_LEAD_IN_END))


def _fill_sandwiched_runs(evidence: dict[int, LineEvidence], n: int, first: int, last: int,
                          analyse: Callable[[int], LineEvidence], fed: Collection[int] = ()) -> None:
    """In plain text, after the document's text has started, a run of short lines that are not sentences (a box's items:
    1 热销车型价格回升 新三样11万元以上, 政策原文, 客户端) between two chrome lines is the chrome's too: the page
    printed a box there, and its heading and its end are chrome. Not before the text's second sentence (a
    title sits between a breadcrumb and a metadata row, under a slogan that may read as a sentence); a heading, a line naming a document's genre, an organisation's
    name or a written-out date (a signature) keeps its run, and so does a run holding any other line or closed by
    a wiki's edit link (the section heading it edits). A line
    only a feed of records took (``fed``: a feed's headline may read as a sentence) still counts as the text's
    sentence for where the text starts: the feed pass moves no anchor."""
    if first < 0:
        return

    # The text has started once two of its sentences (not chrome) have passed: a site's slogan or menu line
    # ending in ! can be the first clean prose, with the title still to come after it.
    # (A line between the zones that was never analysed has no phrase: the body's, as in _body_bounds.)
    sentences = (i for i in range(first, n) if (i not in evidence and i <= last)
                 or (i in evidence and evidence[i].clean_prose and (not evidence[i].chrome or i in fed)))
    start = next(sentences, -1)
    start = next(sentences, -1) if start >= 0 else -1
    if start < 0:
        return
    chrome = [i for i in sorted(evidence) if i > start and evidence[i].chrome]
    for left, right in zip(chrome, chrome[1:]):
        # A wiki's edit link closes its section's heading ([编辑] / 臺灣 / [编辑]): the run is the text's heading.
        if right - left > 1 and not _EDIT_LINK.fullmatch(evidence[right].text) \
                and all(_loose_line(analyse(k), VALUE_MAX_CHARS) for k in range(left + 1, right)):
            for k in range(left + 1, right):
                evidence[k].chrome = True


FOOTER_LINK_RUN_LINES = 6
FOOTER_LINK_ISSUER_SHARE = 3
"""See :func:`_fill_footer_gaps`: a run of at least FOOTER_LINK_RUN_LINES lines of which at most one in
FOOTER_LINK_ISSUER_SHARE ends like an issuer's name is no signature."""


def _fill_footer_gaps(evidence: dict[int, LineEvidence], n: int, first: int, last: int) -> None:
    """After the document's text, a run of lines that are not sentences between two chrome lines of the
    footer (a link, a sponsor's slogan, a licence number no phrase names: 短信推广 / · 影视 | 江山风雨情 /
    *经营许可证编号…) is the footer's too, however long: the text ended before the footer began, and the
    footer's own lines around the run say where it ends. Only for a document with at least two lines of
    clean prose (a tail zone that starts after one line is a page's head). A run holding a heading, a line
    naming a document's genre (…工作报告, a title), a date written out or an organisation's name (a
    signature; in a long run of links a few names of the site's partners, 开放图书馆, do not keep it), or
    touching a line kept as the document's own stays; so does a run bounded by a contact
    line (联系电话: a notice's own list of contacts is chrome by its phrases too)."""
    if not 0 <= first < last:
        return

    def fillable(i: int) -> bool:
        return _gap_line(evidence[i], FOOTER_GAP_CHARS, issuers=True)

    def not_signed(i: int, j: int) -> bool:
        # A signature is an issuer or two over a date: a run that long with few names ending like an issuer's
        # (开放图书馆 among 所有期刊 / 学科分类 / 投稿须知 …) is a footer's list of links.
        named = sum(_issuer_line(evidence[k]) for k in range(i, j))
        return named == 0 or (j - i >= FOOTER_LINK_RUN_LINES and named * FOOTER_LINK_ISSUER_SHARE <= j - i)

    def anchor(ev: LineEvidence) -> bool:
        # A contact line is chrome in a site's footer and in a notice's own list of contacts alike; a link's
        # label alone (联系我们, 关于我们: the phrase is the whole line, no number, no value after a colon) is the
        # footer's.
        return ev.chrome and not (ev.phrases and all(p.kind in _CONTACT_KINDS for p in ev.phrases)
                                  and not _link_label(ev))

    start = next((i for i in range(last + 1, n) if evidence[i].chrome), n)
    for i, j in _runs(fillable, start + 1, n):
        if j < n and anchor(evidence[i - 1]) and anchor(evidence[j]) and not_signed(i, j):
            for k in range(i, j):
                evidence[k].chrome = True


_TEASER_TRAIL = " \t\r\u3000|｜"
"""What may follow a teaser's ellipsis on its line (a list's column separator)."""
TEASER_MIN_CHARS = 30
"""A teaser has at least this many content characters (a short line ending in … is a menu's or a title's)."""
TEASER_GAP_LINES = 3
"""Two teasers of one list are at most this many lines apart (a title, a date or counters line, 詳情 between)."""
TEASER_EDGE_LINES = 2
"""The list's lines before its first teaser (its heading, the first title) and after its last (counters,
詳情) taken with it."""


def _mark_teaser_runs(lines: list[Line], evidence: dict[int, LineEvidence], first: int,
                      analyse: Callable[[int], LineEvidence]) -> None:
    """After the document's own text has started, two or more teasers of other articles (lines cut short with one
    ellipsis) with only short lines that are no sentences between them (their titles,
    dates, counters, 詳情 links) are a list of other articles the page prints (相关推荐, 即時新聞): chrome, with
    its heading and first title before and its last counters after. A page whose text is such a list (a news
    list page: no clean prose line before the first teaser that is not a teaser) keeps it."""
    if first < 0:
        return
    n = len(lines)

    def teaser(i: int) -> bool:
        # One ellipsis ends it, as a site cuts another article's first sentences (…, ...); a writer's own is
        # doubled (……).
        text = lines[i].text.rstrip(_TEASER_TRAIL)
        cut = text[:-3] if text.endswith("...") else text[:-1] if text.endswith("…") else None
        return cut is not None and not cut.endswith(("…", ".")) and count_content(text) >= TEASER_MIN_CHARS

    def between(i: int) -> bool:
        ev = analyse(i)
        return ev.markable and not ev.prose and ev.content_chars <= VALUE_MAX_CHARS

    def edge(i: int) -> bool:
        return _gap_line(analyse(i), VALUE_MAX_CHARS)

    teasers = [i for i in range(first + 1, n) if teaser(i)]
    runs: list[list[int]] = []
    for i in teasers:
        if runs and i - runs[-1][-1] <= TEASER_GAP_LINES and all(between(k) for k in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    own = first  # the next line to read for the page's own clean prose (one walk for all runs: a news list
    found = False  # page of thousands of teasers read its head again per run)
    for run in runs:
        if len(run) < 2:
            continue
        while not found and own < run[0]:
            found = analyse(own).clean_prose and not teaser(own)
            own += 1
        if not found:
            continue
        start = run[0]
        while start > run[0] - TEASER_EDGE_LINES and start - 1 > first and edge(start - 1):
            start -= 1
        end = run[-1]
        while end < run[-1] + TEASER_EDGE_LINES and end + 1 < n and edge(end + 1):
            end += 1
        for k in range(start, end + 1):
            ev = analyse(k)
            if ev.markable:
                _mark_chrome(ev, _TEASER_PHRASE)


_DATELINE_DATE = re.compile(_DATE + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_WEEKDAY = re.compile(_WEEKDAY_WORD)
DATELINE_REST_CHARS = 6
"""A dateline row holds a date and at most this many content characters besides it (宋秉謙, 星期三): a byline's
name or a weekday; an event's description under a chronology's date (圖書館於舊城區開館) is longer."""
DATELINE_REPEATS = 2
"""A dateline row between two lines of the text is chrome when the page has this many with the same words."""


@lru_cache(maxsize=1 << 15)
def _dateline_rest(text: str) -> str | None:
    """The words of a dateline row besides its date (``<weekday>`` for a weekday alone: every dated post of an
    archive names its own), or None when the line is no dateline row: no date, a bare date or time, a range
    (2024年3月12日—4月12日), a label or a sentence besides it, or more than DATELINE_REST_CHARS content characters."""
    found = _DATELINE_DATE.search(text)
    if found is None:
        return None
    after = text[found.end():].lstrip()
    if after.startswith(("-", "—", "~", "～", "至", "到")):
        return None
    rest, weekdays = _WEEKDAY.subn("", text[:found.start()] + " " + text[found.end():])
    if _DATELINE_DATE.search(rest) or _SENTENCE_MARK.search(rest) or _CLAUSE_MARK.search(rest) or ":" in rest \
            or "：" in rest or count_content(rest) > DATELINE_REST_CHARS:
        return None
    words = "".join(_CONTENT.findall(rest))
    # A bare date or time (2019-09-08, 2005-03-18 01:58:01) is no template's row by itself: a guestbook's or a
    # log's entries are dated so, and those dates are the entries' own.
    return words or ("<weekday>" if weekdays else None)


def _mark_repeated_datelines(lines: list[Line], evidence: dict[int, LineEvidence], first: int, last: int,
                             analyse: Callable[[int], LineEvidence]) -> None:
    """Dateline rows (a date with at most a byline's name or a weekday beside it) that the page prints two or more
    times with the same words are a template's: a list page's byline under each teaser (宋秉謙 2022/09/14 15:44), a
    blog archive's date over each post (2014年3月12日 星期三). Those between two lines of the text are chrome (the
    ones at its edges are the edge passes'). A chronology's dated events differ in their words and stay; so does a
    signature's date under the office's name (:func:`_signature_date`)."""
    if first < 0 or last - first < 2:
        return
    groups: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        text = line.text.strip()
        if len(text) <= RECORD_LINE_CHARS and _DIGIT.search(text):
            rest = _dateline_rest(text)
            if rest is not None:
                groups.setdefault(rest, []).append(i)
    for rows in groups.values():
        if len(rows) < DATELINE_REPEATS:
            continue
        for i in rows:
            if first < i < last:
                ev = analyse(i)
                if i > 0:
                    analyse(i - 1)
                if ev.markable and not ev.heading and not ev.prose and not _signature_date(evidence, i):
                    _mark_chrome(ev, _DATELINE_PHRASE)


_DATELINE_PHRASE = ChromePhrase("<repeated dateline>", "metadata", 2, False)
_TITLE_ECHO_PHRASE = ChromePhrase("<title echo>", "accessibility", 2, False)
_IMAGE_SUFFIX = re.compile(r"\s*(?:[-_—,，:：]\s*)?(?:[（(]\s*)?(?:组图|組圖|图片|圖片|图|圖)\s*\d{1,2}\s*[)）]?$"
                           r"|\s*[,，]?\s*第\s*\d{1,2}\s*[张張]$")


def _mark_title_echoes(lines: list[Line], evidence: dict[int, LineEvidence], first: int, last: int,
                       analyse: Callable[[int], LineEvidence]) -> None:
    """The page's title printed again after the text has started, alone on its line, with an image's number (标题-图1,
    标题(图2), 标题,第3张) or without one between two lines of the text: an image's alt text standing in for the
    image, chrome (the lists' convention, bench/corpora/CHROME.md). With a number, the title is any line before the
    text's first clean-prose line that is no chrome and no sentence; alone, it is the head's title (:func:`_head_title`)
    and its neighbours are not chrome. A page restating its title over the text (before its first clean-prose line,
    under a summary: before two of the text's clean-prose lines have passed, or after a print bar), a page's second
    copy (its title followed by the text again), a numbered heading, and an office's name again in its signature
    after the text's last clean-prose line are the text's own."""
    if first < 1:
        return
    titles = {}
    for i in range(first):
        ev = evidence.get(i)
        if ev is not None and not ev.chrome and not ev.prose and ev.content_chars >= _TITLE_MIN_CHARS:
            titles[ev.text.strip()] = i
    if not titles:
        return
    head_title = _head_title(evidence, first)
    title = evidence[head_title].text if head_title >= 0 else None
    for i in range(first + 1, len(lines)):
        text = lines[i].text.strip()
        if text == title:
            # Between two lines of the text only: after chrome (打印本页 / 关闭窗口) the title opens the text. A page
            # printed twice (desktop, then mobile): the second copy's title is followed by its text again.
            after = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
            if i > last:
                # After the text, over a box of the site's (作者資訊, 相关文章): the box's echo of the page it is on.
                if not (i + 1 in evidence and evidence[i + 1].chrome):
                    continue
            elif i == last or any(k in evidence and evidence[k].chrome for k in (i - 1, i + 1)) \
                    or any(line.text.strip() == after for line in lines[head_title + 1:i]):
                continue
            # As in _fill_sandwiched_runs, the text has started once two of its sentences have passed: a title
            # restated under a summary of the page (one prose line) opens the text.
            if sum(1 for k in range(first, i) if k in evidence and evidence[k].clean_prose
                   and not evidence[k].chrome) + sum(1 for k in range(first, i) if k not in evidence) < 2:
                continue
            ev = analyse(i)
            if ev.heading or ev.chrome:
                continue
        else:
            if not (text.rstrip(")）")[-1:].isdigit() or text.endswith(("张", "張"))):
                continue
            bare = _IMAGE_SUFFIX.sub("", text)
            if bare == text or bare not in titles:
                continue
            ev = analyse(i)
        if ev.markable:
            _mark_chrome(ev, _TITLE_ECHO_PHRASE)


_BULLET_NEAR_START = re.compile(r"[^○●•·▪◆◇□■]{0,22}([○●•·▪◆◇□■])")
_RELATED_LABEL = re.compile(r"(?:其它|其他|更多|相关|相關|延伸|推荐|推薦|热门|熱門|精彩)的?"
                            r"(?:作品|文章|阅读|閱讀|新闻|新聞|资讯|資訊|推荐|推薦|内容|內容|专题|專題|链接|鏈接)")
RELATED_LABEL_CHARS = 20
"""A related list's label (杜甫的其它作品, 相关阅读) has at most this many content characters."""
BULLET_ITEM_CHARS = 20
"""An item of a bulleted related list (○ 春夜喜雨) is a title of at most this many content characters."""
_LABELLED_RUN_PHRASE = ChromePhrase("<labelled bullet list>", "related", 2, False)


def _bullet_item(text: str, bullet: str) -> bool:
    """Whether ``text`` is one item of a bulleted list led by ``bullet``: the bullet, then a short title that is no
    sentence."""
    text = text.strip()
    return (text[:1] == bullet and count_content(text) <= BULLET_ITEM_CHARS
            and _SENTENCE_MARK.search(text) is None)


def _mark_labelled_bullet_runs(lines: list[Line], evidence: dict[int, LineEvidence],
                               analyse: Callable[[int], LineEvidence]) -> None:
    """A related list's label (杜甫的其它作品, 相关阅读, 更多推荐) over two or more bulleted titles (○ 春望 / ○ 茅屋为秋风所破歌),
    or glued to the first of them (杜甫的其它作品○ 春望), is chrome wherever it is, its titles with it: a document
    lists its own points under its own words, not under a word for other articles. Titles that read as sentences end
    the list."""
    n = len(lines)
    i = 0
    while i < n:
        text = lines[i].text.strip()
        found = _BULLET_NEAR_START.match(text) if len(text) <= RECORD_LINE_CHARS else None
        if found is None:
            i += 1
            continue
        bullet = found.group(1)
        at = found.start(1)
        label = text[:at]
        if at == 0:  # the label on the line above
            above = lines[i - 1].text.strip() if i > 0 else ""
            label_line = i - 1 if (above and count_content(above) <= RELATED_LABEL_CHARS
                                   and _RELATED_LABEL.search(above)) else None
            items_from = i
        else:
            label_line = i if count_content(label) <= RELATED_LABEL_CHARS and _RELATED_LABEL.search(label) else None
            items_from = i + 1
        if label_line is None:
            i += 1
            continue
        end = items_from
        while end < n and _bullet_item(lines[end].text, bullet):
            end += 1
        if end - items_from + (at > 0) < 2:
            i += 1
            continue
        for k in range(label_line, end):
            ev = analyse(k)
            if ev.markable and not ev.heading:
                _mark_chrome(ev, _LABELLED_RUN_PHRASE)
        i = end


# A table-of-contents widget a platform prints into the article (內容目錄 / Toggle…, 目录 [隐藏], 📌目录): its label
# with a widget's control word (Toggle, [隐藏], 展开, 收起) on the label's line or glued to the first entry. Chrome by
# the lists' convention (CHROME_FRESH.md: a platform-made table of contents has its label as chrome; one the author
# typed into the text, 【目錄】 over the text's own numbered headings, is body and has no control word).
_TOC_LABEL = re.compile(r"[\s【\[(（]*(?:内容|內容|文章|本文|页面|頁面)?(?:目录|目錄|目 录|目 錄)[\s】\])）]*"
                        r"(?P<control>(?:[\[【(（]?\s*(?:隐藏|隱藏|显示|顯示|展开|展開|收起|折叠|摺疊|Toggle|hide|show)"
                        r"\s*[\]】)）]?\s*)*)", re.I)
_TOC_CONTROL = re.compile(r"\s*(?:Toggle|[\[【]\s*(?:隐藏|隱藏|显示|顯示|展开|展開|收起|折叠|摺疊)\s*[\]】])", re.I)
TOC_ENTRY_CHARS = 30
"""An entry of a table-of-contents widget (Toggle解析多病共治:定義、必要性…) has at most this many content characters."""
_TOC_PHRASE = ChromePhrase("<contents widget>", "navigation", 2, False)


def _mark_contents_widgets(lines: list[Line], evidence: dict[int, LineEvidence],
                           analyse: Callable[[int], LineEvidence]) -> None:
    """A table of contents printed by the site's widget, not typed by the author: its label (目录, 內容目錄) with a
    control word (Toggle, [隐藏], 展开) on its line or starting the next, and the entries that start with a control
    word, are chrome wherever they stand. A label alone, 【目錄】 over the text's own headings, stays the text's."""
    for i, line in enumerate(lines):
        if "目" not in line.text:
            continue
        text = line.text.strip()
        if not 2 <= len(text) <= 2 * TOC_ENTRY_CHARS:
            continue
        label = _TOC_LABEL.fullmatch(text)
        if label is None:
            continue
        end = i + 1
        while end < len(lines) and _TOC_CONTROL.match(lines[end].text) \
                and count_content(lines[end].text) <= TOC_ENTRY_CHARS + 6 \
                and not lines[end].text.rstrip().endswith(scorer.SENTENCE_END):
            end += 1
        if not label.group("control").strip() and end == i + 1:
            continue
        for k in range(i, end):
            ev = analyse(k)
            if ev.markable:
                _mark_chrome(ev, _TOC_PHRASE)


# A download box: a bracketed download label (【免费下载链接】…, …→【 下载地址 】, [全文下载]), or a line that is only
# file links: an attachment label (附件：, 附件下载：, 相关附件) and file names with a document's or an archive's
# extension (报名表.doc, 竞赛规程.pdf), a size or a download count beside them.
_DOWNLOAD_LABEL = re.compile(r"[【\[]\s*[^\s】\]]{0,6}(?:下载|下載)[^\s】\]]{0,6}\s*[】\]]")
_FILE_EXTENSIONS = r"\.(?:docx?|xlsx?|pdf|pptx?|wps|et|zip|rar|7z|txt|ceb)(?![A-Za-z0-9])"
_FILE_EXTENSION = re.compile(_FILE_EXTENSIONS, re.I)
_FILE_LINK = re.compile(r"[^\s:：|｜,，、;；]{1,60}" + _FILE_EXTENSIONS, re.I)
_ATTACHMENT_LABEL = re.compile(r"\s*(?:相关|相關)?(?:附件|附件下载|附件下載|文件下载|文件下載|点击下载|點擊下載|下载|下載)"
                               r"\s*\d{0,2}\s*[:：]?")
_FILE_EXTRA = re.compile(r"[\s(（\[【]*(?:\d+(?:\.\d+)?\s*(?:[KMG]i?B|[KMG]|字节|位元組)|下载次数|下載次數|下载|下載"
                         r"|点击|點擊|次|\d+)[\s)）\]】:：]*", re.I)
DOWNLOAD_LINE_CHARS = 60
"""A line led or ended by a bracketed download label holds at most this many content characters besides a link."""
DOWNLOAD_LABEL_MIN_CHARS = 4
"""A bracketed download label names a link with at least this many content characters (【下载地址】, not [下载])."""
_CHINESE_SENTENCE_MARK = re.compile("[。；！？]")
_DOWNLOAD_PHRASE = ChromePhrase("<download box>", "navigation", 2, False)


def download_line(text: str) -> bool:
    """A line of a download box: a bracketed download label at its start (then a file's or a package's name
    and a link) or at its end after a short lead (安装…客户端→【 下载地址 】), or file links alone, with or
    without an attachment label.

    >>> download_line("附件：运动会报名表.doc")
    True
    >>> download_line("【免费下载链接】fonts-wqy-microhei (mirror of https://example.org/fonts.git)")
    True
    >>> download_line("请于本月底前将报名表.doc文件发至工会邮箱。")
    False
    """
    stripped = text.strip()
    label = _DOWNLOAD_LABEL.search(stripped)
    # A label of two characters ([下载] before a forum thread's title) names the thread's kind, not a link.
    if label is not None and count_content(label.group()) >= DOWNLOAD_LABEL_MIN_CHARS:
        if label.start() <= 1:
            return not _CHINESE_SENTENCE_MARK.search(stripped)
        return (label.end() == len(stripped) and not _SENTENCE_MARK.search(stripped)
                and count_content(stripped, 0, label.start()) <= DOWNLOAD_LINE_CHARS)
    if "." not in stripped or _SENTENCE_MARK.search(stripped):
        return False
    rest = _ATTACHMENT_LABEL.sub("", stripped, count=1) if _ATTACHMENT_LABEL.match(stripped) else stripped
    names = _FILE_LINK.findall(rest)
    if not names:
        return False
    rest = _FILE_LINK.sub(" ", rest)
    rest = re.sub(r"[\s:：|｜,，、;；·•\d.()（）\-]+", " ", _FILE_EXTRA.sub(" ", rest)).strip()
    return not rest


def _mark_download_boxes(lines: list[Line], evidence: dict[int, LineEvidence],
                         analyse: Callable[[int], LineEvidence]) -> None:
    """Lines of a download box (:func:`download_line`) are chrome wherever they stand: links to files, not the
    text; an attachment label alone on the line above its file links goes with them."""
    for i, line in enumerate(lines):
        text = line.text
        # What download_line needs, cheaply: a download word or a file's extension.
        if "下载" not in text and "下載" not in text and not _FILE_EXTENSION.search(text):
            continue
        if len(text.strip()) > 4 * DOWNLOAD_LINE_CHARS or not download_line(text):
            continue
        marked = [i]
        if i > 0 and _ATTACHMENT_LABEL.fullmatch(lines[i - 1].text.strip()):
            marked.insert(0, i - 1)
        for k in marked:
            ev = analyse(k)
            if ev.markable and not ev.heading:
                _mark_chrome(ev, _DOWNLOAD_PHRASE)


ACCOUNT_SENTENCE_CHARS = 60
"""A line of at most this many content characters ..."""


_WIDGET_PROMPT = re.compile(r"(?:^|(?<=[\s,，。.;；:：!！?？]))(?:(?:马上|立即|免费)注册|(?:馬上|立即|免費)註冊|(?:没有|沒有)(?:账号|帐号|帳號)\s*[?？]"
                            r"|您(?:尚未|还未|還未|还没有|還沒有)(?:登录|登陆|登入|注册|註冊))")
"""The prompts only an account widget writes, each opening a clause (a notice's 请登录…平台办理 and 企业可立即注册并… are
the text's instructions)."""


def _account_sentence(text: str) -> bool:
    """... that opens with an account widget's own prompt (:data:`_WIDGET_PROMPT`: 马上注册，结交更多好友，享用更多功能，
    让你轻松玩转社区。) or holds one beside another prompt to log in or register (:data:`_ACCOUNT_PROMPT`: 您需要登录才可以
    下载或查看，没有账号？立即注册) is an account widget's sentence, however it is punctuated: a forum's or a site's
    box written in sentences, which the shape test of short lines never sees."""
    if _ACCOUNT_PROMPT_CHARS.isdisjoint(text) or len(text) > 3 * ACCOUNT_SENTENCE_CHARS:
        return False
    own = _WIDGET_PROMPT.search(text)
    if own is None or count_content(text) > ACCOUNT_SENTENCE_CHARS:
        return False
    return count_content(text, 0, own.start()) == 0 or len(_ACCOUNT_PROMPT.findall(text)) >= 2


def _mark_account_sentences(evidence: dict[int, LineEvidence]) -> None:
    """Lines of an account widget written in sentences (:func:`_account_sentence`) are chrome wherever they stand.
    Each holds an account phrase (登录, 没有账号, 馬上註冊 and 立即註冊 in either script), so only the lines analysed for
    one are read (a search of every line cost a tenth of the family's time)."""
    for ev in evidence.values():
        if (not ev.chrome and ev.markable and not ev.heading and any(p.kind == "account" for p in ev.phrases)
                and _account_sentence(shape_view(ev.text))):
            _mark_chrome(ev, _ACCOUNT_PROMPT_PHRASE)


# A forum's or a blog's counters of its member, one a line (發表:280 / 積分:385 / 註冊:2002-04-15), matched in the
# folded text (simplified, ASCII colon): a count or a date after a profile's field name and nothing else.
_PROFILE_FIELD = re.compile(r"^[ \t\u3000]*(?:发表|发帖|帖子|主题|回复|回帖|积分|注册|注册时间|精华|金钱|威望|贡献|经验|"
                            r"在线时间|最后登录|阅读权限|uid|粉丝|文章|日志|评论|留言|访问|好友|听众|分数|人气|获赞)"
                            r"[ \t\u3000]*:[ \t\u3000]*(?:\d[\d,]*|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
                            r"[ \t\u3000]*$", re.M | re.I)
PROFILE_FIELDS = 3
"""A member panel has at least this many counter lines, with only chrome lines between them."""
_MEMBER_RANK = re.compile(r"会员|版主|站长|管理员|斑竹|元老|新手|新人|博主|楼主|贵宾|vip|用户组|lv\.?\s*\d", re.I)
MEMBER_LINE_CHARS = 16
"""The member's rank and name above the counters are lines of at most this many content characters."""
_MEMBER_PANEL_PHRASE = ChromePhrase("<member panel>", "account", 2, False)


def _mark_member_panels(lines: list[Line], evidence: dict[int, LineEvidence], folded: str,
                        analyse: Callable[[int], LineEvidence]) -> None:
    """A forum post's member panel: PROFILE_FIELDS or more lines of the poster's counters (:data:`_PROFILE_FIELD`), only
    chrome between them, and above them the member's rank (資深會員, 版主) with the member's name over it. A reader's
    counters are the site's, not the post's; an ordinary table of counts names no profile field.

    >>> page = chr(10).join(["表單關閉時如何釋放動態建立的元件", "flyup", "資深會員", "發表:280", "積分:385",
    ...                      "註冊:2002-04-15", "請問各位先進,在表單關閉時要如何釋放動態建立的元件,才不會造成記憶體流失?"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['flyup', '資深會員', '發表:280', '積分:385', '註冊:2002-04-15']
    """
    if ":" not in folded:
        return
    starts = [line.start for line in lines]
    fields = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in _PROFILE_FIELD.finditer(folded)})
    panel: list[int] = []
    for i in [*fields, -1]:
        if panel and i >= 0 and all(analyse(k).chrome for k in range(panel[-1] + 1, i)):
            panel.append(i)
            continue
        if len(panel) >= PROFILE_FIELDS:
            for k in range(panel[0], panel[-1] + 1):
                _mark_chrome(analyse(k), _MEMBER_PANEL_PHRASE)
            rank = panel[0] - 1
            if rank >= 1 and _member_line(analyse(rank)) and _MEMBER_RANK.search(folded, lines[rank].start, lines[rank].end):
                _mark_chrome(evidence[rank], _MEMBER_PANEL_PHRASE)
                if _member_line(analyse(rank - 1)):
                    _mark_chrome(evidence[rank - 1], _MEMBER_PANEL_PHRASE)
        panel = [i]


def _member_line(ev: LineEvidence) -> bool:
    return ev.markable and not ev.prose and ev.content_chars <= MEMBER_LINE_CHARS and not _SENTENCE_MARK.search(ev.text)


def _mark_ad_sentences(evidence: dict[int, LineEvidence]) -> None:
    """An advertisement's teaser written as a sentence after its label (广告 通知：…先别留学！) is chrome like a short one
    (:data:`_AD_LINE`, which marks only a line that is no prose by its shape)."""
    for ev in evidence.values():
        if ev.prose and ev.markable and not ev.heading and _AD_PHRASE in ev.phrases:
            _mark_chrome(ev, _AD_PHRASE)


UNDER_TITLE_REST_CHARS = 16
"""A publication row under the title holds a full timestamp and at most this many content characters besides it (a
source's or an author's name, a comment count: 游民星空[整理] 1, 公文搜 … 政府报告)."""
UNDER_TITLE_TITLE_CHARS = 48
"""The line above a publication row is a title: at most this many content characters."""
_SECONDS = re.compile(r"^:\d{2}")
_FULL_STOP = re.compile("[。;；]")
_PUBLICATION_PHRASE = ChromePhrase("<publication row>", "metadata", 2, False)


HEADED_LIST_ITEMS = 3
"""A list under a list box's heading has at least this many headlines (see :func:`_mark_headed_lists`)."""
HEADLINE_MIN_CHARS = 6
HEADLINE_MAX_CHARS = 48
"""A headline of such a list has this many content characters or fewer (and at least HEADLINE_MIN_CHARS)."""
TAB_LABEL_CHARS = 10
"""A short label between a list's headlines (its tab's name: 要闻, 宏观) has at most this many content characters.
(Until session 26 this was a second ``LIST_LABEL_CHARS = 4``, shadowed by the list label's 10 below, which is what
applied; the value kept is the one that was measured.)"""
_HEADED_LIST_PHRASE = ChromePhrase("<headed list>", "related", 2, False)
_HEADLINE_END = ("。", ";", "；", ":", "：", ",", "，", "、")
_RANK = re.compile(r"(\d{1,2})\s*[、.．]\s*\S")
"""A ranked list's item number (1、 赴港上市真的冷了吗？): the items numbered 1, 2, 3 … in turn are the list's, not the
text's numbered headings."""


def _mark_headed_lists(lines: list[Line], evidence: dict[int, LineEvidence],
                       analyse: Callable[[int], LineEvidence]) -> None:
    """Under a list box's heading that is chrome (相关阅读, 热门文章, 推荐新闻: :func:`_names_related_list` on a short
    line), the run of headlines that follows is the box's list of other articles: short lines (HEADLINE_MIN_CHARS to
    HEADLINE_MAX_CHARS content characters) with no full stop, no trailing comma or colon and no heading's numbering,
    at least HEADED_LIST_ITEMS of them (numbered 1、2、3、… in turn or not numbered), with the box's chrome lines and its
    tab labels (要闻) between them. The run ends at the first other line: the text's next paragraph when the box sat
    inside it. A headline with a figure or a semicolon (国家统计局：7月份CPI同比上涨2.7%，涨幅略有扩大；PPI…) reads as
    prose to the other passes and bounded the zones they look at.

    >>> page = chr(10).join(["河堤步道完成改造重新开放", "沿河步道经过三个月的施工完成改造,新铺设的透水路面已投入使用。",
    ...                    "管理处表示,下一步将在步道两侧补种乔木,并定期组织志愿者开展巡查活动。", "相关阅读",
    ...                    "城区新增三处口袋公园 年底前全部开放", "5月全市空气优良天数占比达到92.3%；PM2.5浓度同比下降",
    ...                    "老旧小区加装电梯补贴标准公布"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['相关阅读', '城区新增三处口袋公园 年底前全部开放', '5月全市空气优良天数占比达到92.3%；PM2.5浓度同比下降', '老旧小区加装电梯补贴标准公布']
    """
    n = len(lines)
    headings = sorted(i for i, ev in evidence.items() if ev.chrome and not ev.prose
                      and 0 < ev.content_chars <= _LIST_BOX_HEADING_CHARS
                      and _names_related_list(ev, shaped=True))
    done = -1
    for i in headings:
        if i <= done:
            continue
        taken, items, end = _headline_run(i + 1, n, analyse)
        while taken and evidence[taken[-1]].content_chars < HEADLINE_MIN_CHARS:
            taken.pop()
        if items >= HEADED_LIST_ITEMS:
            for k in taken:
                _mark_chrome(evidence[k], _HEADED_LIST_PHRASE)
            done = end - 1


_HEADED_FEED_PHRASE = ChromePhrase("<headed feed>", "related", 2, False)
HEADED_FEED_TEASERS = 2
"""A headed feed may end on a sentence when it holds at least this many, each after a line that is none (two teasers
under their headlines; the chrome below took the last one's date)."""


def _mark_headed_feeds(lines: list[Line], evidence: dict[int, LineEvidence], first: int,
                       analyse: Callable[[int], LineEvidence]) -> None:
    """After the document's text has started, the lines between a related list's heading (a listed phrase covering a
    short line: 推荐阅读, 热门新闻, 猜你喜欢) and the next chrome line are the box's feed of other articles, teasers
    written as sentences included (a headline, its first sentence, its date or counts), when they read as a feed and
    not as the text going on: no heading, no two sentences in a row, and a last line that is no sentence (the feed's
    date, count or last headline; the text's paragraphs run on, and end on a sentence) unless HEADED_FEED_TEASERS
    sentences are in it. :func:`_mark_headed_lists` takes only runs of headlines.

    >>> page = chr(10).join(["河堤步道完成改造重新开放", "沿河步道经过三个月的施工完成改造,新铺设的透水路面已投入使用。",
    ...                    "管理处表示,下一步将在步道两侧补种乔木,并定期组织志愿者开展巡查活动。", "推荐阅读",
    ...                    "城区新增三处口袋公园", "三处公园分别位于老城、新区和滨江,年底前全部开放。", "2024-05-02",
    ...                    "老旧小区加装电梯补贴标准公布", "版权所有 © 河堤日报"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines][1:4]
    ['城区新增三处口袋公园', '三处公园分别位于老城、新区和滨江,年底前全部开放。', '2024-05-02']
    """
    if first < 0:
        return
    n = len(lines)
    headings = [i for i, ev in sorted(evidence.items()) if i > first and ev.chrome and not ev.prose
                and 0 < ev.content_chars <= _LIST_BOX_HEADING_CHARS and ev.coverage >= HEADED_BOX_COVERAGE
                and _names_related_list(ev, shaped=False)]
    for i in headings:
        run: list[LineEvidence] = []
        j = i + 1
        while j < n and not (ev := analyse(j)).chrome:
            run.append(ev)
            j += 1
        if not run or j == n or any(ev.heading or ev.title or not ev.markable for ev in run) \
                or any(a.prose and b.prose for a, b in zip(run, run[1:])):
            continue
        if run[-1].prose and sum(ev.prose for ev in run) < HEADED_FEED_TEASERS:
            continue  # one sentence last: the text's last paragraph after the box's headline
        for ev in run:
            _mark_chrome(ev, _HEADED_FEED_PHRASE)


def _headline_run(start: int, n: int, analyse: Callable[[int], LineEvidence]) -> tuple[list[int], int, int]:
    """The run of headlines from line ``start`` under a list box's heading (see :func:`_mark_headed_lists`): the
    lines not chrome yet it takes (headlines and tab labels), how many headlines it holds (another pass's
    included) and the line it stops at."""
    taken: list[int] = []
    items = 0
    rank = 1  # the number a ranked list's next item carries (点击排行: 1、 … 10、)
    j = start
    while j < n:
        ev = analyse(j)
        text = ev.text
        if _DATED_FIELD.match(text) or (ev.label and any(p.kind == "metadata" for p in ev.strong)):
            break  # the page's own field (公告日期：2024-05-02, 發布單位：…): the heading named its column over its title
        if ev.chrome:
            # the list's items another pass took, the box's own lines (the next box's heading, 更多); a menu or
            # a metadata row is another box
            if _headline(ev):
                items += 1
            elif ev.prose or ev.content_chars > _LIST_BOX_HEADING_CHARS or not items:
                break
            else:
                rank = 1
            j += 1
            continue
        ranked = _RANK.match(text)
        if ranked and ev.markable and int(ranked.group(1)) == rank:
            rank += 1
        elif not ev.markable or ev.heading or ev.title or _ORDINAL_START.match(text):
            break
        if _headline(ev):
            if j + 1 < n and _paragraph(analyse(j + 1)):
                break  # the text's title or a subheading over its paragraph
            items += 1
            taken.append(j)
        elif 0 < ev.content_chars <= TAB_LABEL_CHARS and not ev.prose:
            taken.append(j)
        else:
            break
        j += 1
    return taken, items, j


def _headline(ev: LineEvidence) -> bool:
    """A headline's shape: HEADLINE_MIN_CHARS to HEADLINE_MAX_CHARS content characters, no full stop, not ending in a
    comma, colon or semicolon."""
    return (HEADLINE_MIN_CHARS <= ev.content_chars <= HEADLINE_MAX_CHARS and not ev.text.endswith(_HEADLINE_END)
            and "。" not in ev.text)


def _paragraph(ev: LineEvidence) -> bool:
    """A paragraph of the text: clean prose longer than a headline or holding a full stop."""
    return ev.clean_prose and (ev.content_chars > HEADLINE_MAX_CHARS or "。" in ev.text)


def _mark_publication_rows(lines: list[Line], evidence: dict[int, LineEvidence], first: int,
                           analyse: Callable[[int], LineEvidence]) -> None:
    """The page's publication row right under its title: a full timestamp (a date and a time) with at most a
    source's or an author's name and a count beside it, no sentence and no clause (2019-09-05 11:10 游民星空[整理] 1).
    The edge passes miss it when the title reads as a sentence (…就要收到律师函了！ is the first clean-prose line, so
    the row stands between two lines of the text) or names a genre (…政府工作报告(全文): a title's words guard the
    head's lone lines). One row, right under a short line that is no chrome, at most one line below the text's
    first clean-prose line: a dated entry further down (a log's, a chronology's) is the text's."""
    if first < 0:
        return
    for i in range(1, min(first + 2, len(lines))):
        text = lines[i].text.strip()
        if len(text) > RECORD_LINE_CHARS or not _DIGIT.search(text):
            continue
        stamp = _TIMESTAMP.search(text)
        if stamp is None:
            continue
        rest = (text[:stamp.start()] + " " + _SECONDS.sub("", text[stamp.end():])).strip()
        if _SENTENCE_MARK.search(rest) or _CLAUSE_MARK.search(rest) or count_content(rest) > UNDER_TITLE_REST_CHARS:
            continue
        title = analyse(i - 1)
        # A title may end on ！ or ？; a line with a full stop is a paragraph, and a time under it is its story's.
        if title.chrome or title.heading or not 0 < title.content_chars <= UNDER_TITLE_TITLE_CHARS \
                or _FULL_STOP.search(title.text):
            continue
        ev = analyse(i)
        if ev.markable and not ev.heading and not ev.prose:
            ev.chrome = True
            ev.phrases = ev.phrases + [_PUBLICATION_PHRASE]


_FOOTER_ANCHOR_KINDS = frozenset({"copyright", "sitemap", "qrcode", "share", "print"})
_FOOTER_LINE_KINDS = frozenset({"copyright", "sitemap", "qrcode", "disclaimer", "contact", "address", "share",
                                "print", "navigation", "account", "accessibility"})


def _extend_footer_to_end(evidence: dict[int, LineEvidence], n: int, first: int,
                          analyse: Callable[[int], LineEvidence]) -> None:
    """After the document's text, a footer that starts with a line marked by a strong copyright, site-map,
    QR-code, share or print phrase (版权所有, ICP备, 网站地图, 扫一扫在手机上查看当前页面, 订阅频道, 打印本页) runs to the
    end of the page when every line from it on is chrome already, carries a phrase of the kinds a footer prints (主办:…承办:…, a
    browser advice sentence naming 浏览器, a telephone line) or is a short line that is no sentence (THE END,
    a partner's name; see :func:`_gap_line`). A footer's advice can read as a sentence, so the text's last clean
    prose line may lie inside the footer: the zones cannot see it, the run to the end can. The document's own
    contact paragraph, a heading, a genre word, a written date or an organisation's name (a signature) ends
    the run, and nothing is marked. A footer is the smaller part of the page's prose: a run that would take more
    clean-prose characters not yet chrome than lie before its anchor started above the text (a forum's [复制链接]
    share row over the first post, whose words 分辨率 and 登录 are a footer's), and is not marked."""
    if first < 0:
        return

    def footer_line(i: int) -> bool:
        ev = analyse(i)
        if ev.chrome:
            return True
        if ev.listed or ev.heading:
            return False
        if ev.phrases:
            return (all(p.kind in _FOOTER_LINE_KINDS for p in ev.phrases) and not _own_contact_paragraph(ev)
                    and not _title_words().search(ev.text))
        return _gap_line(ev, FOOTER_GAP_CHARS)

    anchors = [i for i in sorted(evidence) if i > first and evidence[i].chrome
               and any(p.weight >= 2 and p.kind in _FOOTER_ANCHOR_KINDS for p in evidence[i].phrases)]
    def prose_chars(span: range) -> int:
        return sum(evidence[i].content_chars for i in span
                   if i in evidence and evidence[i].clean_prose and not evidence[i].chrome)

    stop = -1  # the first line after the last anchor tried that is no footer line
    for anchor in anchors:
        if anchor < stop:
            continue  # the same line stops this anchor's run (a walk per anchor was quadratic)
        stop = next((i for i in range(anchor + 1, n) if not footer_line(i)), n)
        if stop == n and prose_chars(range(anchor + 1, n)) <= prose_chars(range(first, anchor)):
            for i in range(anchor + 1, n):
                evidence[i].chrome = True
            return


CONTACT_PARAGRAPH_CHARS = 100
"""A prose line of at least this many content characters whose only chrome phrases are contact and address
labels ..."""


def _own_contact_paragraph(ev: LineEvidence) -> bool:
    """... is the document's own paragraph that gives its office's telephone and address (公告期为…。
    联系电话:… 通讯地址:…, 邮编…。 听证告知:…), not a site footer, which says who runs the site in a line
    or two (a footer's copyright or disclaimer phrase keeps it chrome)."""
    return (ev.content_chars >= CONTACT_PARAGRAPH_CHARS and not ev.recurring
            and all(p.kind in _CONTACT_KINDS for p in ev.phrases))


_WRITTEN_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_ISSUER_END = re.compile(r"(?:局|委|委员会|办公室|办|厅|部|院|政府|中心|总队|支队|大队|会|所|站|处|署|馆|公司|集团|大学|学院|学校)$")
ISSUER_MAX_CHARS = 40
"""An issuing organisation's line (…统计局 国家统计局…调查总队) has at most this many content characters."""


def _signature_date(evidence: dict[int, LineEvidence], i: int) -> bool:
    """A bare date written out in words (2023年4月26日, no time of day) right under a line that names an
    organisation (…卫生健康局, …人民政府, …调查总队) and carries no chrome phrase: the document's own
    dateline or signature, not the page's publication date (which comes with a label or a time). It is
    body, and no later pass may take it (``listed``)."""
    if not _WRITTEN_DATE.fullmatch(evidence[i].text):
        return False
    before = evidence.get(i - 1)
    return (before is not None and not before.phrases and not before.prose and not before.heading
            and 4 <= before.content_chars <= ISSUER_MAX_CHARS and HAN.search(before.text) is not None
            and _ISSUER_END.search(simplify_chars(before.text.rstrip())) is not None)


def _mark_metadata_runs(evidence: dict[int, LineEvidence]) -> None:
    """Two or more adjacent short lines that each carry a metadata phrase (来源:红网 / 作者:黄曦 /
    编辑:刘飞越) are a metadata block wherever they are: a document's own text does not list
    sources and editors line by line."""
    for i, ev in evidence.items():
        if ev.chrome or ev.prose or ev.heading or not _metadata_line(ev):
            continue
        if _metadata_line(evidence.get(i - 1)) or _metadata_line(evidence.get(i + 1)):
            ev.chrome = True


SPLIT_FIELD_PAIRS = 3
"""Fields split over two lines in a run before the text: at least this many (see :func:`_mark_split_field_runs`)."""
SPLIT_LABEL_CHARS = 8
SPLIT_VALUE_CHARS = 2 * VALUE_MAX_CHARS
"""A split field's value may be the document's title (吉林省人民政府关于禁止…的通告), longer than a field's value."""


def _mark_split_field_runs(evidence: dict[int, LineEvidence], first: int) -> None:
    """Before the text, a run of at least SPLIT_FIELD_PAIRS fields each split over two lines (a label with nothing
    after its colon, then its value: 索 引 号： / 11220000013544357T/2022-00426 / 分 类： / 环境监测、保护与治理 /
    发文机关： / 吉林省人民政府), two or more of whose labels carry a metadata phrase, is a disclosure table read as
    text: all its labels and values are chrome, the labels no phrase names (分 类, 发文机关) and the values after
    them too (:func:`_extend_over_fields_and_fragments` takes a value only between two chrome labels). A
    document's own details before its text (时间： / 地点： / 主办：) name no metadata. A document share's or a download
    page's file properties (文件格式： / .ppt / 上传者： / 张三 / 文件大小： / 954 KB) count as metadata: a file's format,
    size, uploader or licence is the page's, never a text's own detail.

    A value is whole on its line: a line that opens a bracket it does not close (the first line of a title
    broken over two, ``…关于印发《政府网站集约化`` / ``试点工作方案》的通知``) is no field's value, so a label
    above it is a field left empty (``主 题 词：`` with its cell blank), the run's last line."""
    i = 0
    while i < first - 1:
        j = i
        while j + 1 < first and _split_label(evidence.get(j)) and _split_value(evidence.get(j + 1)):
            j += 2
        end = j + 1 if j + 1 < first and _split_label(evidence.get(j)) and _opens_unclosed(evidence.get(j + 1)) else j
        if (j - i) // 2 >= SPLIT_FIELD_PAIRS and sum(_metadata_line(evidence[k]) or _file_property_label(evidence[k])
                                                     for k in range(i, j, 2)) >= 2:
            for k in range(i, end):
                if evidence[k].markable and not evidence[k].heading:
                    evidence[k].chrome = True
            i = j
        else:
            i += 1


_FILE_PROPERTY_LABEL = re.compile("(?:格式|大小|上传|上傳|上传者|上傳者|授权|授權|页数|頁數|下载次数|下載次數)\\s*[:：]$")


def _file_property_label(ev: LineEvidence) -> bool:
    """A split label naming a property of a file offered for download by its last word (素材格式:, 文件大小:, 上傳者:)."""
    text = ev.text.rstrip()
    if "(" in text:  # a mirror's readings glossed into its words: 素材授權(quán):
        text = _PINYIN_GLOSS.sub("", text)
    return _FILE_PROPERTY_LABEL.search(text) is not None


def _mark_empty_field_labels(evidence: dict[int, LineEvidence], first: int) -> None:
    """Before the text, a field's label alone on its line (• 公告單位: / • 發佈日期: / 2017-01-09 / • 內容訊息:), next to
    a chrome line of the page's metadata (a label with a metadata phrase, or a date, a value they mark), is a field
    of the same form: its label, whatever it names, with its value left empty or printed as the text below. A line
    ending in a lead-in's words (各鄉執行日期如下:) is longer or sits in the text, not among the form's rows."""
    for i in range(max(0, first)):
        ev = evidence.get(i)
        if (ev is None or not ev.markable or ev.heading or not _split_label(ev)
                or ev.content_chars < 2 or not _BARE_LABEL.fullmatch(ev.text)):
            continue
        if _form_row(evidence, i + 1, i + 2) or _form_row(evidence, i - 1, i - 2):
            ev.chrome = True


def _form_row(evidence: dict[int, LineEvidence], j: int, k: int) -> bool:
    """Line ``j`` is a chrome row of a form laid out one field a line: a metadata label alone (• 發佈日期:), or a value
    (a date) with such a label on its other side ``k``. A full row (发布时间:2023-02-27 来源:…) is a table's, whose
    neighbours are the text's (各位代表: under it is the report's salutation)."""
    ev = evidence.get(j)
    if ev is None or not ev.chrome or not _metadata_line(ev):
        return False
    if _split_label(ev):
        return True
    other = evidence.get(k)
    return other is not None and other.chrome and _split_label(other) and _metadata_line(other)


def _mark_contact_numbers(evidence: dict[int, LineEvidence], n: int, first: int, last: int) -> None:
    """In the head and tail zones, a phone number alone on its line right under a chrome contact label without a
    number of its own (业务咨询热线 / 13926265878) is that label's value: the template's contact box."""
    for i in range(1, n):
        ev, above = evidence.get(i), evidence.get(i - 1)
        if (ev is None or above is None or not ev.markable or not above.chrome or (first <= i <= last and first >= 0)
                or _DIGIT.search(above.text) or not any(p.kind in _CONTACT_KINDS for p in above.phrases)):
            continue
        if _PHONE_NUMBER.fullmatch(ev.text):
            ev.chrome = True


_PHONE_DIGITS = r"\d[\d\s\-－—()（）]{5,18}\d"
"""A phone number's digits and the separators written between them (400-800-1234, (0755) 2345 6789)."""
_PHONE_NUMBER = re.compile(rf"[\s(（+]*{_PHONE_DIGITS}\s*")


_BARE_LABEL = re.compile(r"[•·●▪■*\s-]*[^\s:：,，。;；、]{2,8}\s*[:：]")


def _split_label(ev: LineEvidence | None) -> bool:
    return (ev is not None and not ev.prose and ev.content_chars <= SPLIT_LABEL_CHARS
            and ev.text.rstrip().endswith(_LABEL_END))


def _split_value(ev: LineEvidence | None) -> bool:
    return (ev is not None and not ev.prose and ev.content_chars <= SPLIT_VALUE_CHARS
            and not ev.text.rstrip().endswith(_LABEL_END) and not _opens_unclosed(ev))


_BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("「", "」"), ("【", "】"), ("〔", "〕"), ("[", "]"))


def _opens_unclosed(ev: LineEvidence | None) -> bool:
    """The line opens a bracket or quotation it does not close: its text goes on below it."""
    return ev is not None and any(ev.text.count(a) > ev.text.count(b) for a, b in _BRACKET_PAIRS)


def _metadata_line(ev: LineEvidence | None) -> bool:
    return (ev is not None and not ev.prose and not ev.heading
            and any(p.kind == "metadata" for p in ev.phrases))


_LABELLED = re.compile(r"^\s*[^\s:：]{2,8}\s*[:：]\s*\S")
_CONTACT_KINDS = frozenset({"contact", "address"})


LINK_LABEL_COVERAGE = 0.8


def _link_label(ev: LineEvidence) -> bool:
    """A line that is only a link's label (联系我们, 关于我们): its phrases cover nearly all of it, with no digit and
    no colon (联系电话:0710-1234567 is a contact, not a link)."""
    return (ev.coverage >= LINK_LABEL_COVERAGE and not _DIGIT.search(ev.text)
            and ":" not in ev.text and "：" not in ev.text)


SIGNED_BLOCK_LINES = 6
"""At most this many ``label: value`` lines right above a notice's signature are its own contact block."""


_FIELD_LABEL = re.compile(r"\s*([^:：\n]{1,16})[:：]\s*\S")


def _field_line(text: str) -> bool:
    """A ``label: value`` line whose label may be spaced out to a width (邮    箱:…, 联 系 人:…)."""
    m = _FIELD_LABEL.match(text)
    return m is not None and 2 <= count_content(m.group(1)) <= 8 and not _SENTENCE_MARK.search(m.group(1))


def _signed_contact_lines(lines: list[Line], evidence: dict[int, LineEvidence],
                          analyse: Callable[[int], LineEvidence]) -> list[int]:
    """The ``label: value`` lines right above a notice's signature (its issuer, then the date written out:
    联系人 / 联系电话 / 服务热线 / 邮箱 over 街道文化站 / 2024年9月1日) when one of them carries a contact phrase and
    every phrase among them is a weak contact or address word: the notice's own contact block, which a site's
    footer, signed by no one, is not. Returned to be kept (``listed``) whatever passes run after.

    >>> page = chr(10).join(["社区摄影大赛征稿启事", "街道文化站举办社区摄影大赛,作品须为本人原创,反映社区生活和邻里互助。",
    ...                    "每位作者限投五幅,截稿日期为十月三十一日,获奖作品将在文化站展厅展出。", "联系人:王老师",
    ...                    "服务热线:0591-12345678", "邮箱:sheying@example.com", "街道文化站", "2024年9月1日"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    []
    """
    kept: list[int] = []
    for i in [i for i, ev in list(evidence.items()) if i >= 2 and _WRITTEN_DATE.fullmatch(ev.text)]:
        if not _ISSUER_END.search(simplify_chars(lines[i - 1].text.rstrip())):
            continue
        analyse(i - 1)
        if not _signature_date(evidence, i):
            continue
        block = []
        for j in range(i - 2, max(i - 2 - SIGNED_BLOCK_LINES, -1), -1):
            if not _field_line(lines[j].text):
                break
            ev = analyse(j)
            if ev.prose or ev.heading or any(p.kind not in _CONTACT_KINDS or p.weight >= 2 and p is not _HOTLINE_PHRASE
                                             for p in ev.phrases):
                break
            block.append(j)
        if any(evidence[j].phrases for j in block):
            kept += block
    return kept


def _keep_contact_lists(evidence: dict[int, LineEvidence]) -> None:
    """A contact line between two ``label: value`` lines of the document is part of its own list.

    A disclosure guide or a notice ends with its office's 办公地址 / 办公时间 / 联系电话 / 电子邮件;
    only 联系电话 is a chrome phrase, but its neighbours show it is one item of the document's list,
    not a footer (a site footer's neighbours are chrome themselves). The line is marked ``listed``,
    so the footer that may start above the list (本文地址 / 办公地址 / 联系电话 …) does not take it back.
    """
    for i, ev in evidence.items():
        if (not ev.chrome or ev.prose or not ev.phrases
                or any(p.kind not in _CONTACT_KINDS for p in ev.phrases)):
            continue
        before, after = evidence.get(i - 1), evidence.get(i + 1)
        if all(nb is not None and not nb.chrome and not nb.phrases and _LABELLED.match(nb.text)
               for nb in (before, after)):
            ev.chrome = False
            ev.listed = True


_TIMESTAMP_PHRASE = ChromePhrase("<date time>", "metadata", 1, False)
_BREADCRUMB_PHRASE = ChromePhrase("<breadcrumb>", "breadcrumb", 2, False)
_COUNTER_PHRASE = ChromePhrase("<counters>", "metadata", 2, False)
_TITLE_LIST_PHRASE = ChromePhrase("<title list>", "related", 2, False)
_ITEM_LIST_PHRASE = ChromePhrase("<item list>", "related", 2, False)
# The end of an item in a list of other posts or articles: a date or time of day (…回家过年 2024-05-02,
# 【 梅骏 】 08-11 16:58) or a widget count (138字 [140/0], 12 回复), at the end of its line. A date with
# dots carries its year (2024.5.2): a bare 45.2 or 6.5 ends a row of figures, not a post.
_ITEM_END = re.compile(r"(?:(?:(?:\d{2,4}\s*[-/年]\s*)?\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?|\d{2,4}\.\d{1,2}\.\d{1,2})"
                       r"(?:[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?"
                       r"|\d{1,2}:\d{2}(?::\d{2})?|\[\s*\d+\s*/\s*\d+\s*\]"
                       r"|\d+\s*(?:字|次浏览|次阅读|浏览|阅读|评论|回复|点击|瀏覽|閱讀|評論|回覆|點擊))"
                       r"[ \t\u3000]*[)）\]］]?[ \t\u3000]*$", re.M)
_ITEM_TAIL = re.compile(r"[\d\]字览读论复击覽讀論覆擊][ \t\r\u3000)）\]］]*$", re.M)
_ITEM_TAIL_LAST = re.compile(r"[\d\]字览读论复击覽讀論覆擊]")
_ITEM_TAIL_TRAIL = " \t\r\u3000)）]］"


def _item_tail(text: str) -> bool:
    """``_ITEM_TAIL.search(text)`` for a text without ``\\n``, from its end: the searching regex tries every
    digit of a body line. The last character before the trailing marks must be a tail character, unless a
    ``]`` (both) is among the marks."""
    head = text.rstrip(_ITEM_TAIL_TRAIL)
    return "]" in text[len(head):] or (head != "" and _ITEM_TAIL_LAST.match(head[-1]) is not None)


ITEM_RUN_LINES = 3
"""At least this many adjacent lines ending like list items make a list of other posts or articles ..."""
ITEM_CHARS = (4, 150)
"""... each with this many content characters before its date or count (a bare date line is no item, a
paragraph is no item), not a ``label: value`` field (报名时间:2024年3月1日) and not numbered (一、开幕式 5月2日
9:00): those are the document's own schedule."""
_FIELD = re.compile(r"^\s*[^\s:：]{1,8}\s*[:：]")
_DATED_FIELD = re.compile(rf"{_FIELD.pattern}\s*{_DATE}")
"""A field whose value is a date (公告日期：2024-05-02): where a list under a list heading stops (:func:`_headline_run`)."""


def _item_runs(doc: Document, lines: list[Line], per_line: bool) -> list[int]:
    """Indexes of the lines in runs of ITEM_RUN_LINES or more adjacent lines that each end like an item of a
    list of other posts or articles (a date, a time of day or a widget count after a headline or a reply:
    ``旅行中，谁忽悠了你？ 【 版主 】 08-11 16:06 298字 [4321/87]``), in any site's words: a forum's
    replies, a blog's archive, a portal's related news. The document's own lines do not end in a date,
    one after another."""
    # A cheap look for lines ending in a digit or a count word first, then the whole shape only on runs of
    # such lines. Line by line; a text holding \r keeps the whole-text pass, whose $ does not end a line at
    # a lone \r (the line-by-line test would find tails there the pass never did).
    if per_line or "\r" not in doc.text:
        tails = {k for k, line in enumerate(lines) if _item_tail(line.text)}
    else:
        starts = [line.start for line in lines]
        tails = set()
        for match in _ITEM_TAIL.finditer(doc.text):
            k = bisect.bisect_right(starts, match.start()) - 1
            if k >= 0 and match.end() <= lines[k].end + 1:
                tails.add(k)
    if len(tails) < ITEM_RUN_LINES:
        return []

    def item(k: int) -> bool:
        text = lines[k].text.rstrip()
        match = _ITEM_END.search(text) if k in tails else None
        if match is None:
            return False
        head = text[:match.start()]
        return (ITEM_CHARS[0] <= count_content(head) <= ITEM_CHARS[1] and not _FIELD.match(head)
                and not _CHINESE_ORDINAL.match(head) and not _DIGIT_ORDINAL.match(head))

    out = []
    for i, j in _runs(tails.__contains__, min(tails), max(tails) + 1):
        if j - i >= ITEM_RUN_LINES:
            out += [k for a, b in _runs(item, i, j) if b - a >= ITEM_RUN_LINES for k in range(a, b)]
    return out
# A headline with its date in brackets at the end (第六届年会胜利闭幕 (2006-12-19)[ 836 ]): one item of
# a list of other articles; and a line of several bullet-led headlines (· 标题一 · 标题二).
_DATED_TITLE = re.compile(r"^[^\n。；;]{4,60}[（(]\s*\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
                          r"[^()（）\n]{0,14}[)）](?:\s*\[\s*\d+\s*\])?[ \t\u3000]*$", re.M)
# A headline that ends on its count of readers in square brackets (- 畢福劍主持中大贊天門山 [6897], …題目答案... [45438]):
# three digits or more, as a reference's number ([12]) has fewer; two in a row, as dated ones.
_SQUARE_COUNTED_TITLE = re.compile(r"[^\n。；;!！?？\[\]]{4,60}\[\s*\d{3,7}\s*\][ \t\u3000]*")
# One pattern a bracket, led by it (see _PINYIN_GLOSS): a literal first character is found by a plain scan.
_COUNT_ENDS = tuple((bracket, re.compile(re.escape(bracket) + rf"(?<=\d{re.escape(bracket)})[ \t\u3000]*$", re.M))
                    for bracket in ")）]")
"""Where a counted headline (either bracket) can end: the lines looked at for one."""
# A headline ending on its count of readers in round brackets (2. 偶像新人王写真(7928), 地球－你未曾见过的一面！(组图)(5451)):
# three to seven digits that do not read as a year ((2019) ends a book's record); COUNTED_RUN_LINES of them in a row.
_COUNTED_TITLE = re.compile(r"[^\n。；;]{4,60}[（(]\s*(?!(?:19|20)\d\d\s*[)）])\d{3,7}\s*[)）][ \t\u3000]*")
COUNTED_RUN_LINES = 3
_BULLET_TITLES = re.compile(r"^[ \t\u3000]*[·•][^\n·•。；;]{2,48}(?:[ \t\u3000]+[·•][^\n·•。；;]{2,48})+[ \t\u3000]*$",
                            re.M)


# A headline filed under a bracketed section label: [头条] 标题, 【 食品 】 标题 (no sentence end, no colon).
_FILED_TITLE = re.compile(r"^[ \t\u3000]*(?:【[ \t\u3000]*[^】\n]{1,6}?[ \t\u3000]*】|\[[ \t\u3000]*[^\]\n]{1,6}?[ \t\u3000]*\])"
                          r"[ \t\u3000]*[^\n。！？；;!?:：【\[]{4,40}[ \t\u3000]*$", re.M)
FILED_RUN_LINES = 3
"""At least this many adjacent headlines filed under bracketed section labels are a list of other articles."""
# A list's label: a short line ending in a colon (本版其他文章:) or in brackets (【小编推荐】).
_LIST_LABEL = re.compile(r"^[ \t\u3000]*(?:【[^】\n]{1,12}】|\[[^\]\n]{1,12}\]|[^\n。！？；;!?:：]{1,12}[:：])[ \t\u3000]*$",
                         re.M)
LIST_LABEL_CHARS = 10
"""A list's label line has at most this many content characters ..."""
LIST_ITEM_CHARS = (4, 40)
"""... and each headline under it between these many, with no sentence mark, colon or Chinese ordinal."""
_DIGIT_ORDINAL = re.compile(r"^\s*\d{1,2}[、.．](?!\d)")
_CHINESE_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百\d]+[章节部分篇条])")


def _headline_like(text: str) -> bool:
    """A line that reads as another article's headline: short, no sentence, no ``label:``, no section ordinal."""
    content = count_content(text)
    return (LIST_ITEM_CHARS[0] <= content <= LIST_ITEM_CHARS[1] and not _SENTENCE_MARK.search(text)
            and ":" not in text and "：" not in text and not _CHINESE_ORDINAL.match(text))


def _labelled_list(lines: list[Line], label: int, phrased: bool) -> list[int]:
    """The label line and the headlines under it, or nothing: a label-like short line followed by two or
    more headline-like lines, the run ending where prose (or the document) resumes. A document's own
    heading over its list (主要任务: / 1.加快推进产业升级。) has sentences under it, a title block
    (…政府工作报告 / 日期 / 署名) names the document's genre, and a one-character label is a law's structure header
    (條: over a section's number, title and opening words): all stay body."""
    text = lines[label].text.strip()
    if (HEADING_ORDINAL.match(text) or not 2 <= count_content(text) <= LIST_LABEL_CHARS
            or not (phrased or _LIST_LABEL.match(text))):
        return []
    j = label + 1
    while j < len(lines) and _headline_like(lines[j].text.strip()):
        j += 1
    if j - label - 1 < 2:
        return []
    if j < len(lines) and not _SENTENCE_MARK.search(lines[j].text):
        return []
    if any(_title_words().search(lines[k].text) for k in range(label, j)):
        return []
    return list(range(label, j))


@lru_cache(maxsize=8)
def _after_newline(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (which starts with ``^``, multi-line) as a pattern that starts with the line break before
    the line: the regular-expression engine then skips to line breaks instead of trying every position."""
    assert pattern.pattern.startswith("^") and pattern.flags & re.M
    return re.compile("\n(" + pattern.pattern[1:] + ")", pattern.flags)


def _line_start_matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``pattern.finditer(text)`` for a ``^``-anchored multi-line pattern whose matches never
    end right after a line break, found faster (see :func:`_after_newline`)."""
    first = pattern.match(text)
    if first is not None:
        yield first.span()
    for match in _after_newline(pattern).finditer(text, first.end() if first is not None else 0):
        yield match.span(1)


def _title_list_lines(doc: Document, lines: list[Line], per_line: bool,
                      phrases_at: dict[int, Any] | None = None, first: int = -1) -> tuple[list[int], set[int]]:
    """Indexes of the lines that list other articles' headlines: two or more adjacent dated headlines (or
    headlines with their readers' count, [6897]), one line of several bullet-led headlines, FILED_RUN_LINES or more adjacent headlines each filed under a
    bracketed section label (``[头条] 标题`` / ``【 食品 】 标题``), or a label over two or more headlines (延伸阅读: / · 标题一 /
    · 标题二, see :func:`_labelled_list`). Found by regex passes over the whole text (the lines between
    the zones are otherwise never read); a label without a colon or brackets must carry a chrome phrase,
    and a label is looked for only after ``first``, the document's first line of prose (before it, a
    list ending where prose starts ends with the document's own title).
    Also returns the listed headlines that start with a digit ordinal (1. 标题), which are items, not headings."""
    # A widget's or an image's label (文章插图, 编辑摘要: kind accessibility) heads no list: what follows it is the text's.
    phrased = {i for i, found in (phrases_at or {}).items() if any(p.kind != "accessibility" for p in found)}
    labels: set[int] = {i for i in phrased if i < len(lines)}
    counted: set[int] = set()
    if per_line:
        # Each pattern is tried only on the lines holding a character it needs (a look-up in C, where a
        # match costs a call): a dated headline's bracket, a bullet, a label's colon or bracket.
        dated, bullets, filed, lone = set(), set(), set(), set()
        for i, line in enumerate(lines):
            text = line.text.strip()
            if len(text) == 1 and text in _BULLET_MARKS:
                lone.add(i)
            if ("(" in text or "（" in text) and _DATED_TITLE.match(text):
                dated.add(i)
            if text.endswith((")", "）", "]")):
                _add_counted(text, i, dated, counted)
            if ("·" in text or "•" in text) and _BULLET_TITLES.match(text):
                bullets.add(i)
            if "]" in text or "】" in text:
                if _LIST_LABEL.match(text):
                    labels.add(i)
                if _FILED_TITLE.match(text):
                    filed.add(i)
            elif (":" in text or "：" in text) and _LIST_LABEL.match(text):
                labels.add(i)
    else:
        starts = [line.start for line in lines]

        def at(pattern: re.Pattern[str]) -> set[int]:
            found = set()
            for begin, finish in _line_start_matches(pattern, doc.text):
                k = bisect.bisect_right(starts, begin) - 1
                if k >= 0 and lines[k].end >= finish - 1:
                    found.add(k)
            return found
        dated, bullets = at(_DATED_TITLE), at(_BULLET_TITLES)
        for match in (m for bracket, end in _COUNT_ENDS if bracket in doc.text for m in end.finditer(doc.text)):
            k = bisect.bisect_right(starts, match.start()) - 1
            if k >= 0 and lines[k].end >= match.end():
                _add_counted(lines[k].text.strip(), k, dated, counted)
        lone = at(_LONE_BULLET) if any(bullet in doc.text for bullet in _BULLETS) else set()
        labels |= at(_LIST_LABEL)
        filed = at(_FILED_TITLE) if "]" in doc.text or "】" in doc.text else set()
    paired = {i for i in dated if i - 1 in dated or i + 1 in dated}
    counted_runs = {k for i, j in _runs(counted.__contains__, min(counted, default=0), max(counted, default=-1) + 1)
                    if j - i >= COUNTED_RUN_LINES for k in range(i, j)}
    paired |= {k for i, j in _runs(filed.__contains__, min(filed, default=0), max(filed, default=-1) + 1)
               if j - i >= FILED_RUN_LINES for k in range(i, j)}
    listed = {k for i in labels if first >= 0 and i > first for k in _labelled_list(lines, i, i in phrased)}
    numbered = {k for k in listed | counted_runs if _DIGIT_ORDINAL.match(lines[k].text)}
    return sorted(paired | counted_runs | bullets | listed | _bulleted_items(lone)), numbered


def _add_counted(text: str, i: int, dated: set[int], counted: set[int]) -> None:
    """Put line ``i`` (its stripped ``text``) with the dated headlines when it ends on a count in square brackets,
    with the counted ones when it ends on one in round brackets (see _SQUARE_COUNTED_TITLE, _COUNTED_TITLE)."""
    if text.endswith("]"):
        if _SQUARE_COUNTED_TITLE.fullmatch(text):
            dated.add(i)
    elif _COUNTED_TITLE.fullmatch(text):
        counted.add(i)


BULLETED_RUN_ITEMS = 3
"""See :func:`_bulleted_items`."""


def _bulleted_items(lone: set[int]) -> set[int]:
    """The items of a link list written one item a line with its bullet alone on the line before (• / 明天出远门了 /
    • / 珍惜生命 …: a sidebar's list of posts, a portal's box of advertised links, whose bullet is an element of its
    own), ``lone`` the indexes of the lines that are a bullet alone: each bullet of a chain of BULLETED_RUN_ITEMS or
    more bullets two lines apart and the line after it. A text's own list writes its bullet on the item's line."""
    items: set[int] = set()
    chains: list[list[int]] = []
    for k in sorted(lone):
        if chains and k == chains[-1][-1] + 2:
            chains[-1].append(k)
        else:
            chains.append([k])
    for chain in chains:
        if len(chain) >= BULLETED_RUN_ITEMS:
            items.update(i for b in chain for i in (b, b + 1))
    return items
# Two or more ``>``-like separators between short segments (no sentence mark inside a segment).
_BREADCRUMB = re.compile(rf"^[^。!！?？;；>›»]{{1,24}}(?:\s*{head_furniture.STEP}\s*[^。!！?？;；>›»]{{1,24}}){{2,}}\s*(?:>>?|›|»)?\s*$")
# A count next to a widget word: 12621 浏览, 评论 7, 阅读(35) ...
_COUNTERS = re.compile(r"\d+\s*(?:次浏览|浏览|瀏覽|阅读|閱讀|评论|評論|人参与|人參與|評\([a-zà-üā-ǜɡ]+\)論|收藏|点赞|點讚|回复|回覆|分享|转发|轉發)"
                       r"|(?:浏览|瀏覽|阅读|閱讀|评论|評論|收藏|点赞|點讚|回复|回覆|点击|點擊|热度|熱度|人气|人氣)\s*[:：(（]?\s*\d+")
_COUNTER_CHARS = frozenset("浏瀏阅閱评評收点點回分转轉热熱人")
"""The first characters of :data:`_COUNTERS`' widget words: a line without one holds no counter."""
# A page's count of its visits or readings, in a sentence of its own: 你是第 344522 位访问者, 您是本文第 154 个阅览者,
# 已被阅读178次, 浏览: 111 次, a blog's posts - 193, comments - 520 (a number of times read, not a total: 点击量突破100万次
# has 量 between the word and the number).
_VISIT_COUNT = re.compile(r"第\s*\d+\s*[位个個名]\s*(?:访问者|訪問者|访客|訪客|阅览者|閱覽者|浏览者|瀏覽者|来访者|來訪者)"
                          r"|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)\s*[:：]?\s*[\[(（【]?\s*\d+\s*[\])）】]?\s*次"
                          r"|\b(?:posts|comments|trackbacks)\s*-\s*\d+", re.I)
_VISIT_COUNT_CHARS = frozenset("第阅閱浏瀏点點-")
"""A line holding none of these holds no :data:`_VISIT_COUNT`."""
# A reading-time estimate (本篇文章304字,读完约1分钟; 全文约1200字 预计阅读时间3分钟), read simplified: the page's record
# of its length, never a sentence of the text.
_READING_TIME = re.compile(r"\s*(?:(?:本篇文章|本文|全文|文章)?(?:共|约|大约)?\s*\d+\s*字\s*[,，、;；|｜]?\s*)?"
                           # a blog platform's post header prints the post's month and day before it (10月28日读毕需时 2 分钟)
                           r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?"
                           r"(?:预计)?(?:阅读|读完|读毕)(?:需要|时间|时长|需时|需)?\s*[:：]?\s*(?:约|大约)?\s*\d+(?:\.\d+)?\s*分钟\s*"
                           r"|(?i:\s*\d+\s*(?:min|mins|minutes?)\s+read\s*)")
# A count of the page's readers or followers alone on its line: 387人看过, 1.2万人阅读, 56 人浏览, 530人加入追蹤 (in a
# sentence, 有387人阅读了…, it is the text's).
_READER_COUNT = re.compile(r"\s*\d+(?:\.\d+)?\s*[万萬]?\s*人(?:看过|看過|阅读|閱讀|浏览|瀏覽|围观|圍觀|读过|讀過"
                           r"|关注|加入追踪|追踪|订阅)\s*")
# A prompt to log in or register, which only an account widget writes: 请登录后进行收藏, 您尚未登录, 请输入您的用户名,
# 没有账号?立即注册, 忘记密码？, 用户名: … 密码:. 登錄 alone is not taken in traditional script: it is also the word of
# a registration (申請登錄 in a statute).
_ACCOUNT_PROMPT = re.compile(r"(?<!申)请先?(?:登录|登陆|登入)|(?<!申)請先?登入|(?:登录|登陆)后|登入後"
                             r"|请输入(?:您的)?(?:用户名|密码|账号|帐号|验证码)|請輸入(?:您的)?(?:用戶名|密碼|帳號|驗證碼)"
                             r"|没有(?:账号|帐号|注册)|沒有(?:帳號|註冊)|忘记密码|忘記密碼|(?:立即|马上|免费)注册|(?:立即|馬上|免費)註冊"
                             r"|您(?:尚未|还未|還未|还没有|還沒有)(?:登录|登陆|登入|注册|註冊)"
                             r"|(?:用户名|用戶名|账号|帳號)\s*[:：].{0,20}密[码碼]\s*[:：]")
_ACCOUNT_PROMPT_CHARS = frozenset("请請登没沒忘立马馬免您用账帳")
"""A line holding none of these holds no :data:`_ACCOUNT_PROMPT`."""
_ACCOUNT_PROMPT_PHRASE = ChromePhrase("<account prompt>", "account", 2, False)
_BREADCRUMB_MARKS = frozenset(">›»;")
"""A breadcrumb's separators (``&gt;`` by its ``;``): a line without one is no breadcrumb."""
# A two-step trail from the site's home, with or without a location label before it (你现在的位置:首页>>公司新闻, 首页 >
# 新闻中心): a trail however the label is worded; a sentence that goes on (点击首页>公司新闻查看详情) starts elsewhere.
_HOME_TRAIL = re.compile(rf"(?:[^。!！?？;；>›»:：]{{1,12}}[:：]\s*)?(?:网站首页|網站首頁|首页|首頁|主页|主頁|home|Home|HOME)"
                         rf"\s*{head_furniture.STEP}\s*[^。!！?？;；>›»]{{1,24}}?\s*(?:>>?|›|»)?\s*$")
_BULLETS = "•·●◆■▪"
_BULLET_MARKS = frozenset(_BULLETS)
# A bullet alone on its line, white space aside as str.strip() takes it (no-break spaces, a CRLF's \r):
# the whole-text reading of the per-line test in _title_list_lines.
_LONE_BULLET = re.compile(rf"^[^\S\n]*[{_BULLETS}][^\S\n]*$", re.M)


_MENU_PHRASE = ChromePhrase("<menu line>", "navigation", 2, False)
# A reporter's byline, in either script: 记者张三/北京报道, 特派記者賴錦宏/北京報導.
_BYLINE = re.compile(r"[记記]者\s*[^\s,，。；;:：/／]{2,12}\s*[/／]\s*[^\s,，。；;/／]{1,8}?\s*[报報][导導道]")
_BYLINE_PHRASE = ChromePhrase("<byline>", "metadata", 2, False)
# A line of three or more hashtags (#图书馆 #中兴大学 #资源), or of fewer whose words hold a letter or Han and
# which may close (#社會福利服務, a Weibo topic #大家健康超能团# @大家健康): the page's tags, not a heading (# 概述,
# with its space, is a Markdown heading; #1 a number; an unclosed # before one or two digits
# numbers a unit, #2机组检修… (a plant's sub-head); #113年… is a year's tag).
_HASHTAGS = re.compile(r"^\s*(?:[#＃][^\s#＃。，,；;]{1,24}\s*){3,}$"
                       r"|^\s*(?:[#＃](?=[^\s#＃]*[^\W\d_])(?:(?![0-9０-９]{1,2}(?![0-9０-９]))[^\s#＃。，,；;!！?？:：]{2,30}[#＃]?"
                       r"|[^\s#＃。，,；;!！?？:：]{2,30}[#＃])\s*)+(?:@[^\s@#＃]{1,20}\s*)*$")
_HASHTAG_PHRASE = ChromePhrase("<hashtags>", "related", 2, False)
# A credit line: who wrote, shot, edited or supplied the text, alone on its line, bracketed or not, in either
# script: (记者陈勋), 文|记者苏荇, 图|主办方供图, 叶 荔 摄, (撰稿:盧淑群), 来源:香港電台, (通訊員 方華 安慶日報記者 李淵), and the
# stages of an outlet's review chain (一审:某某 / 二审:某某 / 终审:某某, 編校|某某), roles joined by & ((撰稿&摄影:宋娟)).
# Every item between separators is a role word, a name (Han or Latin, no digit), or a name joined to a role
# (记者陈勋, 安慶日報記者, 主办方供图); a sentence mark or a digit makes it the text's own line.
_REPORTER = "(?:见习|見習|实习|實習|特约|特約|本报|本報|全媒体|全媒體|融媒体|融媒體|首席)?(?:记者|記者)"
_CREDIT_ROLE = re.compile(
    _REPORTER + "|编辑者|編輯者|通讯员|通訊員|撰稿人?|撰文"
    "|摄影|攝影|摄像|攝像|责任编辑|責任編輯|编辑|編輯|责编|責編|编审|編審|编发|編發|审核|審核|审校|審校|校对|校對|签发人?|簽發人?"
    "|报送人|報送人|供稿|供图|供圖|来源|來源|作者|美编|美編|文字|图片|圖片|文图|文圖|图文|圖文"
    "|译者|譯者|翻译|翻譯|编译|編譯|讲述者?|講述者?|主讲人?|主講人?|口述"
    "|一审|一審|二审|二審|三审|三審|初审|初審|复审|複審|终审|終審|编校|編校")
# Roles that may be written joined to a person's name with nothing between (记者陈勋, 摄影徐栋); 审核意见 and
# 作者简介 are headings, so the other roles need a separator before the name.
_PERSON_ROLE = re.compile(_REPORTER + "|通讯员|通訊員|撰稿|摄影|攝影|摄像|攝像|编辑|編輯|责编|責編")
_CREDIT_ROLE_AT_END = re.compile(f"(?:{_CREDIT_ROLE.pattern})$")
_CREDIT_CHARS = frozenset("记記者讯訊员員稿撰文摄攝像编編辑輯责責审審校对對签簽发發报報送供图圖来來源作美字片译譯翻讲講主口")
"""Characters of which every credit line holds one (a cheap test before :func:`_credit_line`)."""
_CREDIT_SUFFIX = re.compile("(?:摄|攝|供图|供圖|供稿|报道|報道|報導|报导|资料图片|資料圖片|资料图|資料圖)$")
_FILE_PHOTO = frozenset(("资料图片", "資料圖片", "资料图", "資料圖"))
"""Suffixes naming an agency's file photo (新华社资料图片): a credit beside a role or another item, or bracketed."""
_CREDIT_ONE_CHAR = frozenset("文图圖摄攝")
"""Roles of one character, only as an item of their own: 文|…, 图|…, … 摄."""
_CAPTION_SUFFIXES = frozenset(("摄", "攝", "供图", "供圖"))
"""Suffixes a photo caption ends on too (… 石龙摄): with two names before them and no other role, a caption."""
_PERSON_NAME = re.compile("[\u3400-\u9fff]{2,4}")
_CREDIT_NAME = re.compile("[\u3400-\u9fff]{1,12}|[A-Za-z][A-Za-z.]*")
_CREDIT_SPLIT = re.compile("[\\s\u3000:：|｜/／、;；·&＆]+")
_CREDIT_REFUSE = re.compile("[0-9０-９。!！?？]")
CREDIT_MAX_CHARS = 40
# An outlet's reporter joined to the name with nothing between (新华社记者刘欢, 聯合報記者陳美玲): the outlet ends like a
# news agency, a paper, a station or a site; the name is not a column's word (新华社记者手记, 記者觀察: a heading).
_OUTLET_REPORTER = re.compile(
    "[\u3400-\u9fff]{1,8}(?:社|报|報|台|网|網|刊|新闻|新聞)" + _REPORTER
    + "(?!手记|手記|观察|觀察|札记|札記|笔记|筆記|日记|日記|调查|調查|来信|來信|专访|專訪|探访|探訪|走访|走訪|亲历|親歷"
    "|直击|直擊|视角|視角|连线|連線|再访|再訪|眼中|体验|體驗)[\u3400-\u9fff]{2,4}")
CREDIT_MAX_ITEMS = 8
_CREDIT_PHRASE = ChromePhrase("<credit>", "metadata", 2, False)
# An image's file name or alt text left as text: 12-top_img.png, 02.課程規劃_icon_02, spot_imgspot_img, the end of a
# Markdown image whose start was cut off (…cae245ccopy.jpg), .png)), a gallery's
# 河南商丘觀音寺  第1張 (what a reader without the image is given: accessibility, not a navigation anchor above
# which the site's header lies; the page's title may stand above it).
_IMAGE_NAME = re.compile(r"(?i)^\S{0,80}\.(?:png|jpe?g|gif|webp|bmp|svg)\)?\s*$|_(?:icon|img|pic|logo|banner)(?:_\d+)?\s*$"
                         r"|[\s,，]第\d{1,3}[张張]\s*$")
_IMAGE_NAME_PHRASE = ChromePhrase("<image name>", "accessibility", 2, False)
# An e-paper's page header: 二版:综合新闻, 00004版:工报视野, 第A09版:澳聞; or a page's link alone on its line, as an
# e-paper's page menu lists them (第01版, 第A03版; a bare 3版 or 第三版 may be a book's edition, so 第 and digits).
_PAPER_PAGE = re.compile(r"\s*(?:第\s*)?(?:[A-Z]?\d{1,5}|[一二三四五六七八九十]{1,3})\s*版\s*[:：]"
                         r"|\s*第\s*[A-Z]?\d{1,5}\s*版\s*$"
                         # the issue before the page: 第1710期 / 第2版:要闻, 1710期 第02版, and as an e-paper's
                         # page menu reads as text with the issue's word twice: 1710期 期 / 第2版
                         r"|\s*(?:第\s*)?\d{1,5}\s*期(?:\s*期)?\s*[/／|｜]?\s*(?:第\s*)?[A-Z]?\d{1,3}\s*版\s*(?:[:：]|$)")
_PAPER_PAGE_PHRASE = ChromePhrase("<paper page>", "pagination", 2, False)
# Where a reprinted article was printed, alone on its line: the paper, the day and the page (《光明日报》（2024年05月11日
# 09版）, 《工人日報》(2026年02月12日 07版)): a source credit, in any paper's name.
_PRINT_SOURCE = re.compile(r"\s*[(（]?\s*《[^《》\n]{2,20}》\s*[(（]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*"
                           r"(?:第\s*)?[A-Z]?\d{1,3}\s*版\s*[)）]\s*[)）]?\s*")
# A journal record's issue line on a paper-mirror page: 中國標準化 2023年12期, 視聽界(廣播電視技術) 2019年3期,
# 哈尔滨市委党校学报 2015年3期 (the journal's name, then year and issue, nothing else but pages).
_JOURNAL_ISSUE = re.compile(r"\s*[^\s,，。:：;；!?！？]{2,60}\s*\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?(?:第\s*)?"
                            r"(?:\d{1,3}|[一二三四五六七八九十百零〇]{1,6})\s*期"
                            r"(?:\s*\d+(?:\s*-\s*\d+)?)?(?:\s*[,，]\s*共\s*\d+\s*[页頁])?\s*$")
_JOURNAL_ISSUE_PHRASE = ChromePhrase("<journal issue>", "metadata", 2, False)
# A line that is only a widget's label, in any site's words: a loader, a close, search, menu or back-to-top button,
# a list's more link (Loading…, Search, top of page, bottom of page, View all posts, 加载中…). Whole line only: the same words inside a line are a
# sentence's.
_WIDGET_LABEL = re.compile(r"(?i)\s*(?:loading|close|search|menu|top|top of page|bottom of page|back to top|go to top|skip to (?:main )?content"
                           r"|return to site|back to site|categories|archives|tags"
                           r"|view all(?: posts)?|read more|load more|show more|see more|previous post|next post"
                           # a follow button (立即追蹤, 立即关注, + 关注), read in simplified characters
                           r"|立即(?:关注|追踪|订阅)|\+\s*关注"
                           r"|加载中|加載中|正在加载|正在加載|载入中|載入中"
                           # an accessibility skip link in Chinese: 跳至主內容區, 跳到主要内容区块, 略過導覽列, 移至選單
                           r"|(?:直接)?(?:跳至|跳到|跳过|跳過|移至|移到|略过|略過|跳转到?|跳轉到?|前往)(?:本页|本頁|网页|網頁)?(?:的)?"
                           r"(?:主要|主|中央|中间|中間|上方|左侧|左側|右侧|右側)?"
                           r"(?:内容|內容|导览|導覽|导航|導航|选单|選單|功能|功能表|菜单|主选单|主選單)"
                           r"(?:区块|區塊|区域|區域|区|區|列|栏|欄)?(?:的开始|的開始)?"
                           r"|\d\.\d{3,}\s*(?:s|秒))\s*[.…。:：»>]*\s*")
_WIDGET_LABEL_PHRASE = ChromePhrase("<widget label>", "navigation", 2, False)
# A list's more link or a read-aloud button alone on its line (更多 >>, 查看更多, 播报文章, 朗讀): kinds related and
# accessibility, not navigation, as the page's title may stand above either (no anchor of the site's header).
_MORE_LINK = re.compile(r"\s*(?:更多|查看更多|了解更多|阅读更多|閱讀更多|更多内容|更多內容|查看全部)\s*[.…。:：»>]*\s*")
_MORE_LINK_PHRASE = ChromePhrase("<more link>", "related", 2, False)
# A blog template's label over its list of posts (Latest Post, Recent Posts, Featured): kind related, as a more link's,
# since a post's title may stand above it (Featured under the title is no anchor of the site's header).
_POST_LIST_LABEL = re.compile(r"(?i)\s*(?:(?:latest|recent|popular|featured|related) posts?|featured)\s*[:：]?\s*")
_READ_ALOUD = re.compile(r"\s*(?:播报文章|播報文章|语音播报|語音播報|朗读|朗讀|朗读全文|朗讀全文|听新闻|聽新聞)\s*")
_READ_ALOUD_PHRASE = ChromePhrase("<read-aloud button>", "accessibility", 2, False)
# A media player's message where its video or audio did not load, alone on its line, in either script or English:
# 未能播放Youtube视频, 無法播放此影片, 视频加载失败, 您的浏览器不支持video标签, Your browser does not support the video tag.
_PLAYER_MESSAGE = re.compile(r"(?i)\s*(?:(?:未能|无法|無法|不能)(?:正常)?(?:播放|加载|加載|载入|載入)|(?:播放|加载|加載|载入|載入)失[败敗])"
                             r"[^。；;!！?？\n]{0,20}?(?:视频|視頻|影片|视讯|視訊|音频|音頻|youtube|video|media)[^。；;!！?？\n]{0,12}"
                             r"|\s*(?:您的|你的)?(?:浏览器|瀏覽器)(?:暂|暫)?不支持[^。；;!！?？\n]{0,20}?(?:video|audio|视频|視頻|音频|音頻|播放)"
                             r"[^。；;!！?？\n]{0,12}"
                             r"|\s*your browser does not support (?:the )?(?:html5 )?(?:video|audio)(?: tag| element)?\.?\s*")
PLAYER_MESSAGE_CHARS = 40
LAYOUT_IMAGE_CHARS = 40
_PLAYER_MESSAGE_CHARS = frozenset("未无無不播加載载失浏瀏您你yY")
"""A line holding none of these holds no :data:`_PLAYER_MESSAGE`."""
_PLAYER_MESSAGE_PHRASE = ChromePhrase("<player message>", "accessibility", 2, False)
# A bar of widget buttons written as words, between white space or bars: a share, print or font bar (缩小字体 放大字体
# 收藏 微博 微信 分享, 列印 | 轉寄 | 字級 大 中 小, 播报文章) in any site's arrangement. Every item is a widget's word,
# a platform's name or a count, and one is a button's own action (a row of platforms alone, 微信 微博 抖音, may be a
# list the text gives); one app's name may lead (新浪财经APP: the bar's link to it).
_WIDGET_ACTION = ("收藏|分享|转发|轉發|打印|列印|关闭|關閉|举报|舉報|点赞|點讚|打赏|打賞|纠错|糾錯|复制链接|複製鏈接|複製連結"
                  "|复制网址|複製網址|朗读|朗讀|播报文章|播報文章|语音播报|語音播報|放大字体|缩小字体|放大字體|縮小字體"
                  "|字体放大|字体缩小|字體放大|字體縮小|字体|字體|字号|字號|字级|字級|小字|大字|默认字号|默認字號")
_WIDGET_BAR_ITEM = re.compile(
    f"(?i)(?:{_WIDGET_ACTION}|分享到|分享至|大|中|小|超大|特大|标准|標準|微博|微信|朋友圈|微信好友|新浪微博|腾讯微博|騰訊微博"
    "|QQ|QQ空间|QQ空間|QQ好友|腾讯QQ|騰訊QQ|豆瓣|人人网|人人網|百度贴吧|Facebook|Twitter|LINE|Plurk|Weibo|WeChat"
    "|关注|關注|评论|評論|\\d[\\d,.]*[万萬wk]?)[:：]?")
_WIDGET_ACTION_ITEM = re.compile(f"(?:{_WIDGET_ACTION})[:：]?")
_WIDGET_BAR_SPLIT = re.compile("[\\s\u3000|｜/／·•]+")
_WIDGET_BAR_APP = re.compile("(?i)\\S{1,10}(?:app|客户端|客戶端)")
_WIDGET_BAR_CHARS = frozenset("收分转轉打列关關举舉点點纠糾复複朗播语語放缩縮字小大")
"""A line holding none of these holds no widget action of :data:`_WIDGET_ACTION`."""
WIDGET_BAR_CHARS = 40
_WIDGET_BAR_PHRASE = ChromePhrase("<widget bar>", "accessibility", 2, False)


def _widget_bar(text: str) -> bool:
    """See :data:`_WIDGET_BAR_ITEM` (a line of at most WIDGET_BAR_CHARS content characters)."""
    parts = _WIDGET_BAR_SPLIT.split(text.strip().strip("【】[]（）()"))
    items = [item for item in (part.strip("【】[]") for part in parts) if item]
    if items and _WIDGET_BAR_APP.fullmatch(items[0]) and len(items) > 2:
        items = items[1:]
    return (len(items) >= 2 and any(_WIDGET_ACTION_ITEM.fullmatch(item) for item in items)
            and all(_WIDGET_BAR_ITEM.fullmatch(item) for item in items))


# An image's source alone on its line, in either script: 图片来源：网络, (圖片來源：中央社), 图源/视觉中国, 题图来自
# 东方IC, ◎ 图片来自网络, 图：@某某 (an account), 圖：某某截圖 (a screenshot's): who the picture is from (a credit), not a
# caption (图1 …, 图为 …, 图：会场 is the text's). Nothing but the source may follow.
_IMAGE_CREDIT = re.compile(r"[\s◎●▲△↑（(【\[]*(?:(?:网络|網絡|网路|網路)(?:图片|圖片|配图|配圖)"
                           r"|(?:图片|圖片|照片|图|圖)\s*由\s*[^\s。；;!！?？，,:：()（）]{1,20}\s*(?:提供|拍摄|拍攝)"
                           r"|(?:上|下|左|右)?(?:图片|圖片|配图|配圖|题图|題圖|头图|頭圖|封面图|封面圖|图|圖)\s*"
                           r"(?:(?:来源|來源|来自|來自|源|出处|出處|撷取自|擷取自|截取自|取自|翻摄自|翻攝自|引自)\s*(?:于|於)?\s*[:：|｜/／]?\s*[^\s。；;!！?？，,:：]{1,24}"
                           r"|[:：|｜/／]\s*(?:@[^\s。；;!！?？，,:：]{1,24}|[^\s。；;!！?？，,:：]{1,20}(?:截图|截圖))))"
                           r"[ \t\u3000]*[)）】\]]?\s*")
_IMAGE_CREDIT_PHRASE = ChromePhrase("<image credit>", "metadata", 2, False)
# An image left as its placeholder word (图片, 圖片, [image]) between two paragraphs, where the page showed it (in a
# menu, 图片 is the photo channel's link: see _mark_image_placeholders).
_IMAGE_PLACEHOLDER = re.compile(r"(?i)\s*[\[【(（]?\s*(?:图片|圖片|图像|圖像|照片|image|photo|picture)\s*[\]】)）]?\s*")
# A forum's or a portal's hot searches with their words (热搜: 活动 交友, 熱門搜尋: …).
_HOT_SEARCH = re.compile(r"\s*(?:热搜|熱搜|热门搜索|熱門搜尋|熱門搜索|热门关键词|熱門關鍵詞|熱門關鍵字|热门标签|熱門標籤)\s*[:：]"
                         r"[^。；;!！?？\n]{0,60}")
# A contents plugin's label alone on its line (文章目錄, 文章內容目錄, 本文目录, Table of Contents): a bare 目录 may be the
# author's own over the text's headings.
_TOC_PLUGIN_LABEL = re.compile(r"(?i)\s*[【\[(（]?\s*(?:(?:文章|本文|页面|頁面)(?:内容|內容)?|内容|內容)\s*(?:目录|目錄)\s*[】\])）]?\s*"
                               r"|\s*table of contents\s*")
# A layout image's alternative text printed as a line (border image, round image on layout top, divider image).
_LAYOUT_IMAGE_TEXT = re.compile(r"\s*(?:[a-z]+ ){0,5}(?:image|img|spacer)(?: [a-z]+){0,4}\s*")
# A media player's clock before it plays (0:00/0:00, 00:00 / 03:15).
_PLAYER_CLOCK = re.compile(r"\s*0?0:00(?::00)?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?\s*")
# A template's expression left unrendered where a label or a value belongs ({{ $t('FEZ002') }}行政, {jz:field.title/}).
_TEMPLATE_LEAK = re.compile(r"\s*(?:\{\{[^{}\n]{1,60}\}\}|\{(?:jz|dede|pboot|eyou|\$)[^{}\n]{0,60}\}|<%[^%\n]{1,60}%>)")
# A post's categories (發布在 地方社會, 生活消費; Posted in News, Events).
_POSTED_IN = re.compile(r"(?i)\s*(?:发布在|發布在|發佈在|发表在|發表在|归类于|歸類於|posted in|filed under)\s*[:：]?\s*"
                        r"[^\s。；;!！?？,，、]{1,6}(?:\s*[,，、]\s*[^\s。；;!！?？,，、]{1,6}){0,5}\s*")
# An image left as its inline data (<image>data:image/png;base64,…, a bare data: URI) where the page showed it.
_INLINE_IMAGE = re.compile(r"(?i)\s*(?:<image>\s*)?data:image/[\w.+-]+[;,][^\n]{0,2000}")


def _inline_image(text: str) -> bool:
    """A line that is only an image's inline data (:data:`_INLINE_IMAGE`), however long: a record shape
    (:func:`_record_shapes`) and, read as prose, still an image (:func:`_analyse_document`)."""
    return "data:" in text[:LABEL_LOOK_CHARS] and _INLINE_IMAGE.fullmatch(text) is not None


# A wire or newsroom dateline alone on its line (【本報訊】, (本网讯)): the credit before the first paragraph.
_NEWSROOM_DATELINE = re.compile(r"\s*[【\[(（]?\s*(?:本报讯|本報訊|本网讯|本網訊|本台讯|本臺訊|本刊讯|本刊訊)\s*[】\])）]?\s*")
# An advertisement inside the text: its label in brackets (【推广】, [广告] 某某课程) or leading a teaser after white space
# (廣告 暑期遊學團早鳥優惠開跑，名額有限！), or its close button alone (×). A bare label alone may be an option of a form
# (a report box's 广告 / 抄袭 / 其他), a label followed by a colon (广告：) a field of the text's.
_AD_LINE = re.compile(r"\s*(?:[【\[（(]\s*(?:广告|廣告|推广|推廣|赞助|贊助|赞助商|贊助商)\s*[】\]）)](?:[ \t\u3000]*\S.*)?"
                      r"|(?:广告|廣告|推广|推廣|赞助|贊助|赞助商|贊助商)[ \t\u3000]+\S.*)"
                      r"|\s*[×✕✖╳]\s*")
AD_LINE_CHARS = 60
_AD_LINE_CHARS = frozenset("广廣推赞贊×✕✖╳")
"""A line holding none of these holds no :data:`_AD_LINE`."""


def _ad_line(text: str, content: int) -> bool:
    """Whether the line ``text`` (``content`` its content characters) is an advertisement's (:data:`_AD_LINE`)."""
    return content <= AD_LINE_CHARS and not _AD_LINE_CHARS.isdisjoint(text) and _AD_LINE.fullmatch(text) is not None
_AD_PHRASE = ChromePhrase("<advertisement>", "related", 2, False)
# A link's prompt alone on its line, in either script: 点击查看原文, 点击进入"某某专题" >>, 點此閱讀全文, --查阅更多2022年
# 统计公报, 查看大图 (a link to another page or view, not a sentence of the text: no sentence mark, short). An
# instruction in the text says more around it (请点击进入系统填报。).
_LINK_PROMPT = re.compile(r"[\s\-—–>»›·•【\[]*(?:(?:点击|點擊|点此|點此|戳此|戳这里|戳這裡|请点击|請點擊)"
                          r"(?:进入|進入|查看|阅读|閱讀|浏览|瀏覽|收看|观看|觀看|收听|收聽|了解|这里|這裡|此处|此處)"
                          r"|(?:查阅|查閱|查看|阅读|閱讀|浏览|瀏覽)(?:更多|原文|全文|详情|詳情|大图|大圖|高清大图|高清大圖))"
                          r"[^。！？；;!?\n]{0,30}?[\s>»›】\]→]*")
LINK_PROMPT_CHARS = 36
_LINK_PROMPT_CHARS = frozenset("点點戳请請查阅閱浏瀏")
"""A line holding none of these holds no :data:`_LINK_PROMPT`."""
_LINK_PROMPT_PHRASE = ChromePhrase("<link prompt>", "related", 2, False)
# A Q&A page's asker and answer counters alone on their line (发布网友, 我来回答, 共1个回答, 热心网友): the labels of
# the question's and the answers' posters. Kind account: neither a navigation anchor (the question stands above
# them) nor a comment box's opener (the answers after them are the page's text).
_ANSWER_BOX_LABEL = re.compile(r"\s*(?:我来回答|我來回答|发布网友|發佈網友|热心网友|熱心網友|共\s*\d+\s*[个個条條]回答)\s*[:：]?\s*")
_ANSWER_BOX_PHRASE = ChromePhrase("<answer box>", "account", 2, False)
WIDGET_LABEL_CHARS = 20
# A site's welcome banner naming itself as a site, in either script (您好,欢迎来到鹏万天花官网!, 歡迎光臨本站, 欢迎访问
# 某某市人民政府门户网站): the greeting of a template, never a sentence of the text (a text welcomes its readers to a
# place, an event or a city, not to the website it is printed on).
_WELCOME_BANNER = re.compile(r"[\s•·]*(?:(?:您好|你好|hi|hello)[\s,，!！、~]*)?(?:热烈)?(?:欢迎|歡迎)(?:您|你)?"
                             r"(?:来到|來到|光临|光臨|访问|訪問|莅临|蒞臨|进入|進入|浏览|瀏覽)"
                             r"[^。；;!！?？\n]{0,24}?(?:网|網|网站|網站|官网|官網|官方网站|官方網站|门户|門戶|平台|平臺|商城"
                             r"|本站|主页|主頁|博客|部落格|论坛|論壇|社区|社區|官方旗舰店|官方旗艦店)"
                             r"[\s!！.。~～]*", re.I)
WELCOME_BANNER_CHARS = 40
_WELCOME_CHARS = frozenset("欢歡")
_WELCOME_PHRASE = ChromePhrase("<welcome banner>", "navigation", 2, False)
# A language switch: language names alone on their line (• En, English | 繁體 | 简体, Go to English Version, 繁體版):
# two or more names, a version's word or a switch's verb, or an abbreviation no text writes alone (En, 繁, 簡). A
# lone English or 中文 may be a heading of the text (a school's subject), so it is not enough.
_LANGUAGE = (r"(?:english|eng|en|中文|简体中文|簡體中文|繁体中文|繁體中文|简体|簡體|繁体|繁體|简|簡|繁|日本語|日本语|한국어"
             r"|português|français|deutsch|español)(?:\s*(?:版|version|site))?")
_LANGUAGE_SWITCH = re.compile(rf"(?i)[\s•·●▪■*-]*(?:go to|switch to|切换到|切換到|切换至|切換至)?\s*{_LANGUAGE}"
                              rf"(?:[\s|｜/／·•,，、]+{_LANGUAGE})*\s*")
_LANGUAGE_NAME = re.compile(_LANGUAGE, re.I)
_LANGUAGE_ALONE = frozenset(("en", "eng", "繁", "简", "簡"))
_LANGUAGE_SWITCH_WORDS = re.compile(r"(?i)go to|switch to|切换|切換|版|version|site")
LANGUAGE_SWITCH_CHARS = 40
_LANGUAGE_PHRASE = ChromePhrase("<language switch>", "navigation", 2, False)


def _language_switch(text: str) -> bool:
    if _LANGUAGE_SWITCH.fullmatch(text) is None:
        return False
    names = _LANGUAGE_NAME.findall(text)
    return (len(names) >= 2 or _LANGUAGE_SWITCH_WORDS.search(text) is not None
            or names[0].strip().lower() in _LANGUAGE_ALONE)


# A hotline's label alone or with its number (业务咨询热线, 全国服务热线:400-800-1234, 24小時諮詢熱線): a template's
# contact box. A text's hotline is a sentence (市民可拨打热线12345反映).
_HOTLINE = re.compile(r"[\s•·]*(?:全国|全國|业务|業務|客服|服务|服務|咨询|諮詢|订购|訂購|免费|免費|24\s*小时|24\s*小時|销售|銷售"
                      r"|招商|投诉|投訴|预约|預約|报名|報名|联系|聯繫|聯絡)*\s*(?:热线|熱線)(?:电话|電話)?\s*[:：]?"
                      rf"\s*(?:\+?{_PHONE_DIGITS})?\s*")
HOTLINE_CHARS = 30
_HOTLINE_PHRASE = ChromePhrase("<hotline>", "contact", 2, False)
# A breadcrumb written without its arrows, words between spaces after the home page's name (首页 公文范文 浅谈农业科技推广
# 模式, 首頁 最新消息 公告): the trail's first step names the site's home, which no sentence starts with.
_SPACED_TRAIL = re.compile(r"[\s•·]*(?:网站首页|網站首頁|首页|首頁|主页|主頁)(?:[ \t\u3000]+[^\s。；;!！?？]{1,40}){2,6}[ \t\u3000]*")
SPACED_TRAIL_CHARS = 60
# A wiki page's source line (出自Reko Wiki, 来自维基百科，自由的百科全书): the wiki's name under the title.
_WIKI_SOURCE = re.compile(r"(?i)[\s•·]*(?:出自|来自|來自)\s*[^。；;!！?？\n]{0,30}?(?:wiki|维基|維基|百科)[^。；;!！?？\n]{0,16}")
WIKI_SOURCE_CHARS = 30
_WIKI_SOURCE_PHRASE = ChromePhrase("<wiki source>", "metadata", 2, False)
# A page's own address given with its title between the words (本文《…》地址:…, 本篇《…》網址:…): the permalink
# line that 本文地址 names when the title is left out.
_TITLED_PERMALINK = re.compile(r"(?i)[\s【\[(（•·]*本(?:文|篇|页|頁|帖)\s*《[^》\n]{1,80}》\s*的?\s*"
                               r"(?:永久)?(?:地址|网址|網址|链接|鏈接|連結|url)\s*[:：]")
_PERMALINK_PHRASE = ChromePhrase("<titled permalink>", "address", 2, False)
# A thread's floor number alone on its line, in a table's cell or not (第 1 楼 |, 2樓, #3, 沙发): the post's header.
_FLOOR = re.compile(r"[\s|｜]*(?:第\s*\d{1,4}\s*[楼樓]|\d{1,4}\s*[楼樓]|[#＃]\s*\d{1,4}|沙发|沙發|板凳|地板)[\s|｜]*")
_FLOOR_PHRASE = ChromePhrase("<floor number>", "metadata", 2, False)
# A prompt to follow the site on a channel, written as a sentence, with the channel's address or the promise of news
# (订阅新闻局Telegram政府新闻频道:https://t.me/…,即时接收最新消息。, 關注本局Facebook專頁，獲取最新資訊): the site's
# prompt, chrome at the text's edges (two phrases, a prompt and an address, so it scores as a sentence of chrome);
# in the text's middle a sentence about a channel stays the text's.
_SUBSCRIBE = re.compile(r"(?i)(?:订阅|訂閱|关注|關注|追踪|追蹤|follow|subscribe)[^。；;!！?？\n]{0,24}?"
                        r"(?:telegram|whatsapp|line|facebook|instagram|youtube|twitter|微信|公众号|公眾號|微博|频道|頻道"
                        r"|专页|專頁)")
_SUBSCRIBE_REST = re.compile(r"(?i)https?://|t\.me/|www\.|(?:最新|即时|即時)(?:消息|资讯|資訊|动态|動態|新闻|新聞)"
                             r"|(?:关注|關注)(?:我们|我們|本站|本号|本號)")
_PROMPT_KINDS = frozenset({"qrcode", "share"})
"""A line that is no sentence is read for a follow prompt only when it holds a phrase of these kinds (扫一扫, 二维码, 分享)."""
SUBSCRIBE_CHARS = 80
_SUBSCRIBE_PHRASE = ChromePhrase("<subscribe prompt>", "share", 2, False)
_CHANNEL_PHRASE = ChromePhrase("<channel address>", "address", 2, False)


def _subscribe_prompt(text: str, content: int) -> bool:
    return content <= SUBSCRIBE_CHARS and bool(_SUBSCRIBE.search(text)) and bool(_SUBSCRIBE_REST.search(text))


# A site's notice on what it published, opened by its label (声明：该文观点仅代表作者本人…, 特别声明：以上内容…为自媒体平台用户
#上传并发布, 免责声明：…): the publisher speaking of the page (本网, 本站, 该文, 以上内容, 转载), read in simplified characters.
# A notice under its own title (遗失声明, 郑重声明 over a company's text) opens with no bare label.
_SITE_DISCLAIMER = re.compile(r"[\s【\[(（]*(?:特别|免责|版权)?声明\s*[】\])）]?\s*[:：].*?"
                              r"(?:本网|本站|本平台|本刊|本报|本号|本文|此文|该文|以上内容|文章|作者|转载|观点)")
SITE_DISCLAIMER_CHARS = 200
"""A site's notice has at most this many content characters."""
SITE_DISCLAIMER_LABEL_CHARS = 12
"""Its label (【特别声明】：) ends within this many characters of the line's start."""
_SITE_DISCLAIMER_PHRASE = ChromePhrase("<site notice>", "disclaimer", 2, False)
# A site's reprint notice forbidding it (39健康网专稿，未经书面授权请勿转载。): a report that a site 未经授权转载了 an
# article forbids nothing, and a note asking to cite the source (本文发表于《…》,转载请注明出处。) is the article's own.
_REPRINT_NOTICE = re.compile(r"(?:不得|请勿|严禁|禁止|谢绝)[^，。；,;]{0,4}转载")
REPRINT_NOTICE_CHARS = 60
"""A reprint notice has at most this many content characters (a sentence about reprinting in a longer paragraph is the
text's)."""


def _site_disclaimer(viewed: str) -> bool:
    """Whether the line (in :func:`shape_view`) is a site's notice on what it published (see :data:`_SITE_DISCLAIMER`).

    >>> _site_disclaimer("声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。")
    True
    >>> _site_disclaimer("遗失声明：本人不慎遗失身份证一张，特此声明。"), _site_disclaimer("会议声明了三项原则。")
    (False, False)
    """
    return _SITE_DISCLAIMER.match(viewed) is not None


def _prose_prompt(text: str, content: int) -> list[ChromePhrase]:
    """The phrases of a prompt written as a sentence: a site's notice (:func:`_site_disclaimer`, or a reprint notice
    forbidding it: :data:`_REPRINT_NOTICE`), an advertisement's teaser (:func:`_ad_line`, see
    :func:`_mark_ad_sentences`) or a subscribe prompt (:func:`_subscribe_prompt`); all read the line in
    :func:`shape_view`, made once here."""
    # 明 of 声明 / 聲明 near the start: the notice's label; 转载 / 轉載 in a short line: a reprint notice (most lines have
    # neither, and are not read in shape_view for them)
    labelled = content <= SITE_DISCLAIMER_CHARS and "明" in text[:SITE_DISCLAIMER_LABEL_CHARS]
    reprint = content <= REPRINT_NOTICE_CHARS and ("转载" in text or "轉載" in text)
    prompt = content <= max(AD_LINE_CHARS, SUBSCRIBE_CHARS)
    if not (labelled or reprint or prompt):
        return []
    viewed = shape_view(text)
    if (labelled and _site_disclaimer(viewed)) or (reprint and _REPRINT_NOTICE.search(viewed)):
        return [_SITE_DISCLAIMER_PHRASE]
    if not prompt:
        return []
    if _ad_line(viewed, content):
        return [_AD_PHRASE]
    if _subscribe_prompt(viewed, content):
        return [_SUBSCRIBE_PHRASE, _CHANNEL_PHRASE]
    return []


# A weather widget's reading alone on its line, after its sky's words or its city's Latin name (23.4 C, 晴 18~25℃,
# 多雲 12°C, Hong Kong 23°C): a header's clock and weather box. A bare 3C names a product, not a temperature (a degree
# sign or a decimal is asked), and a reading after other words (最高气温28℃) is a weather report's line.
_TEMPERATURE = r"-?\d{1,2}(?:\.\d)?\s*(?:°\s*[CF]?|℃|℉)|-?\d{1,2}\.\d\s*[CF]"
_WEATHER = re.compile(r"[\s•·]*(?:[晴阴陰雨雪雾霧云雲多转轉小中大阵陣雷]{1,4}\s*|[A-Za-z][A-Za-z ]{1,14}\s)?"
                      rf"(?:-?\d{{1,2}}\s*[~～\-/–—]\s*)?(?:{_TEMPERATURE})(?:\s*[~～\-/–—]\s*(?:{_TEMPERATURE}))?\s*")
WEATHER_CHARS = 20
_WEATHER_PHRASE = ChromePhrase("<weather>", "navigation", 2, False)
# An internal bulletin's masthead (党建工作简报 2023年第5期, 政务信息 2023年第12期) is the document's own title.
_BULLETIN_NAME = re.compile(r"(?:简报|簡報|专报|專報|快报|快報|周报|週報|月报|月報|通报|通報|信息|資訊|资讯|动态|動態|通讯|通訊"
                            r"|情况|情況|参阅|參閱|摘报|摘報)\s*\d{4}\s*年")


# A bulletin board's article header, one label a line with a space, not a colon, before its value (PTT and its
# mirrors, SMTH: 看板 Live / 作者 Append (鴉片) / 標題 / 時間 Sat Aug  3 01:56:16 2013; 发信人 … 信区 …): a weak
# metadata phrase, so two such lines in a row are a metadata block (_mark_metadata_runs).
_BBS_HEADER = re.compile(r"\s*(?:看板|標題|标题|作者|時間|时间|發信人|发信人|信區|信区|發信站|发信站)(?:[ \t\u3000]+\S.*)?$"
                         r"|\s*看板[A-Za-z][\w-]{1,24}\s*$")
_BBS_HEADER_PHRASE = ChromePhrase("<board header>", "metadata", 1, False)
BBS_HEADER_CHARS = 40
# A bulletin board post's signature lines, which the board appends under every post (PTT and its mirrors: ※ 發信站:
# 批踢踢實業坊(ptt.cc) / ◆ From: 118.165.222.76 / ※ 文章網址: … / ※ 編輯: …; SMTH: ※ 来源:·水木社区 …[FROM: …]):
# ※ or ◆ opens them, then the board's label and a colon.
_BBS_SIGNATURE = re.compile(r"\s*(?:※\s*(?:發信站|发信站|文章網址|文章网址|來源|来源|編輯|编辑|修改|轉錄至|转录至)\s*[:：·]"
                            r"|[◆◇]\s*From\s*:\s*\S)", re.I)
_BBS_SIGNATURE_PHRASE = ChromePhrase("<board signature>", "metadata", 2, False)
# A forum reply's header on a thread's archive page: the poster's name, 发表于 and the time, maybe the link of the
# board's back icon (广东星船 发表于 2010-10-22 00:05 http://…/back.gif); and the archive's pager (页: [1] 2 3).
_POST_HEADER = re.compile(r"\s*\S{1,24}[ \t\u3000]+(?:发表于|發表於)[ \t\u3000]*(?:" + _TIMESTAMP.pattern
                          + r")(?::\d{2})?(?:[ \t\u3000]+(?:https?://\S+|\S+\.(?:gif|png|jpe?g)))?\s*")
_POST_HEADER_PHRASE = ChromePhrase("<post header>", "metadata", 2, False)
_ARCHIVE_PAGER = re.compile(r"\s*(?:页|頁)\s*[:：](?:\s*\[?\d{1,4}\]?)*\s*")
_ARCHIVE_PAGER_PHRASE = ChromePhrase("<pager>", "pagination", 2, False)
# Where an article was reprinted from, alone on its line, in either script: 轉載自澳門日報, 本文转自：九江日报, (摘自《某某》):
# a source's credit (来源：… is a credit's role already). A sentence or a clause is the text's own.
_REPRINT_SOURCE = re.compile(r"[\s(（【\[]*(?:本文|此文|文章|原文)?(?:转载自|轉載自|转自|轉自|转载于|轉載於|摘自|摘编自|摘編自"
                             r"|选自|選自|原载于?|原載於?)\s*(?:[:：]\s*)?[^\s。；;!！?？，,:：]{2,30}[ \t\u3000)）】\]]*")
# An English byline alone on its line: By and a name of one to three capitalised words (By Andrew, By Mei-Ling Chen).
_LATIN_BYLINE = re.compile(r"\s*By\s+[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,2}\s*")
_REPRINT_CHARS = frozenset("转轉摘选選载載")
"""A line holding none of these holds no :data:`_REPRINT_SOURCE`."""
# A post's footer on a blog platform: who posted it where, then its counters, the ones nobody has used left empty
# (某某 發表在 痞客邦 留言(0) 人氣()); two counters after a poster and a platform, nothing else.
_POST_FOOTER = re.compile(r"\s*\S{1,30}[ \t\u3000]+(?:发表在|發表在|发布在|發佈在|发表于|發表於)[ \t\u3000]+\S{1,20}"
                          r"(?:[ \t\u3000]*(?:留言|迴響|回响|回應|回应|引用|人氣|人气|评论|評論|阅读|閱讀|浏览|瀏覽|点击|點擊)"
                          r"\s*[(（]\s*(?:\d+\s*)?[)）]){2,}\s*")
_POST_FOOTER_CHARS = frozenset("发發")
"""A line holding none of these holds no :data:`_POST_FOOTER`."""
# An image left as text: a Markdown image alone on its line (![标题](https://…/photo.jpeg?w=640), a related post's
# thumbnail), or a photo's file name that is a compact time stamp (201702161122: year, month, day, hour, minute).
_MARKDOWN_IMAGES = re.compile(r"\s*(?:!\[(?:[^\[\]\n]|\[[^\[\]\n]{0,60}\]){0,200}\]\([^()\s]{0,500}\)[\s|｜]*)+")
# A post's time alone on its line, maybe after "at" (at 2008-01-06T07:42, 2019-05-11 17:38:46): the post's record.
_LONE_TIME = re.compile(r"(?i)\s*(?:at\s+|on\s+)?(?:" + _TIMESTAMP.pattern + r")(?::\d{2})?\s*")
_POST_TIME_PHRASE = ChromePhrase("<post time>", "metadata", 2, False)
# A thread list's item with its icon's file name glued on (icon.png[閒聊] 貓晚上進房間…, icon.pngRe: …): the file name
# then the item's title, no white space between.
_ICON_ITEM = re.compile(r"\s*[\w-]{1,40}\.(?:png|gif|jpe?g|webp)(?=[^\s.)])", re.I)
# A post's age instead of its date, alone or with its counts (3 年 ago, 6小时前发布 4 0 0, 2 days ago).
_RELATIVE_TIME = re.compile(r"(?i)\s*\d{1,3}\s*(?:年|个月|個月|周|週|天|日|小时|小時|分钟|分鐘|秒|years?|months?|weeks?|days?"
                            r"|hours?|minutes?|mins?|seconds?)\s*(?:前|ago)(?:\s*(?:发布|發佈|發布|更新))?(?:\s+\d{1,7}){0,4}\s*")
# A list box's heading: what kind of list, maybe whose (最新政府消息新聞, 人氣文章, 相关导航, 关联稿件, 热点资讯排行), no more.
_LIST_HEADING = re.compile(r"\s*(?:最新|人氣|人气|熱門|热门|熱點|热点|相關|相关|關聯|关联|推薦|推荐|精選|精选|延伸)\S{0,6}?"
                           r"(?:新聞|新闻|文章|稿件|消息|資訊|资讯|導航|导航|閱讀|阅读|報導|报道|帖子|主題|主题|話題|话题)"
                           r"(?:排行榜?|列表)?\s*(?:[:：]\s*)?")
_LIST_HEADING_PHRASE = ChromePhrase("<list heading>", "related", 2, False)
# A download box's label alone on its line, its files below it or cut off (附件下载：, 相关附件); 附件： alone may open
# the document's own list of attachments.
_ATTACHMENT_BOX_LABEL = re.compile(r"\s*(?:相关附件|相關附件|附件下载|附件下載|下载附件|下載附件)\s*(?:[:：]\s*)?")
_COMPACT_STAMP = re.compile(r"\s*(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?\s*")


def _dated_credit(text: str) -> bool:
    """A time stamp and a credit on one line, the time first or last (2015-04-27 07:48:23 联合报 记者陈智华/专题报导):
    the article's dateline row; the credit alone is :func:`_credit_line`."""
    stamp = _TIMESTAMP.search(text)
    if stamp is None:
        return False
    before, after = text[:stamp.start()].strip(), _SECONDS.sub("", text[stamp.end():]).strip()
    return bool(before) != bool(after) and _credit_line(before or after)



def _credit_line(text: str) -> bool:
    """A credit line (see _CREDIT_ROLE): at least one role and one name, nothing else, ending on a name or on a
    credit suffix (… 摄, 主办方供图). A line ending on a role or a colon is a lead-in (…並依下列規定審核:,
    資料來源:) or a label whose value follows."""
    stripped = text.strip()
    core = stripped.strip("()（）【】[]").strip()
    if not core or _CREDIT_REFUSE.search(core) or core.endswith((":", "：")):
        return False
    items = [item for item in _CREDIT_SPLIT.split(core) if item]
    if not items or len(items) > CREDIT_MAX_ITEMS or (_CREDIT_ROLE_AT_END.search(items[-1]) and not _CREDIT_SUFFIX.search(items[-1])):
        return False
    if all(len(item) == 1 for item in items) and items[-1] not in ("摄", "攝"):
        return False  # a letter-spaced word (文 明 公 约, 图 书 馆), not a credit (叶 荔 摄)
    # 记者陈勋 alone could be a column's heading (记者手记, 【编辑精选】): joined, it is a credit in round
    # brackets or beside another item.
    bracketed = stripped.startswith(("(", "（"))
    joined_ok = len(items) > 1 or bracketed
    role = name = False
    named_roles = 0  # items holding a role other than a photo's 摄 / 供图
    names = 0  # names of two or more characters, alone or before 摄 / 供图
    for item in items:
        if item in _CREDIT_ONE_CHAR:
            role = True
            named_roles += item not in _CAPTION_SUFFIXES
            continue
        lead = _CREDIT_ROLE.match(item)
        if lead:
            rest = item[lead.end():]
            if rest and not (joined_ok and _PERSON_ROLE.fullmatch(lead.group()) and _PERSON_NAME.fullmatch(rest)):
                return False
            role, name = True, name or bool(rest)
            named_roles += 1
            continue
        tail = _CREDIT_SUFFIX.search(item) or _CREDIT_ROLE_AT_END.search(item)
        if tail:
            rest = item[:tail.start()]
            if rest and not _CREDIT_NAME.fullmatch(rest):
                return False
            if tail.group() in _FILE_PHOTO and not joined_ok:
                return False  # 会议现场资料图片 alone may be a caption; 图:新华社资料图片, (…供稿 圖:法新社資料圖片) credit
            role, name = True, name or bool(rest)
            if tail.group() in _CAPTION_SUFFIXES:
                names += len(rest) > 1
            else:
                named_roles += 1
            continue
        if _OUTLET_REPORTER.fullmatch(item):  # 新华社记者刘欢, 聯合報記者陳美玲: an outlet's reporter and the name
            role = name = True
            named_roles += 1
            continue
        # A name may carry its alias in brackets: Append (鴉片) (the line's closing bracket is stripped with core's).
        bare = item.strip("()（）") if item[0] in "(（" else item
        if not bare or not _CREDIT_NAME.fullmatch(bare):
            return False
        name = True
        names += len(bare) > 1
    # 会议现场 石龙摄, 大会会场 朱书灵 摄: a photo's caption, then who shot it (a caption is the text's, or
    # ambiguous); 叶 荔 摄, 记者 王平 摄 and a bracketed (王平 李娜 摄) are credits.
    return role and name and (named_roles > 0 or names <= 1 or bracketed)
# Menu items set apart by explicit separators: 首页 | 时事 | 生活, 搜狐首页 - 新闻 - 体育, 帐 号 | 浏 览.
_MENU_SEPARATOR = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*|[ \t\u3000]+[-–—/·•][ \t\u3000]+")
_MENU_SPACES = re.compile(r"[ \t\u3000]{2,}")
_MENU_BREAK = re.compile("[。;；!！?？,，、:：]")
MENU_ITEMS = 4
"""A line of at least this many items between explicit separators (``|``, or `` - `` / `` · `` with
spaces around) ..."""
MENU_ITEM_MAX = 8
"""... each of at most this many content characters, without a sentence, clause or label mark, is a
site's menu in any words."""
MENU_LINE_CHARS = 160


def _menu_line(text: str) -> bool:
    """A line of MENU_ITEMS or more short items set apart by explicit separators (see MENU_ITEMS)."""
    if not any(c in text for c in "|｜ \t\u3000"):
        return False
    if _MENU_BREAK.search(text):
        return False
    # A run of spaces as one space first (the same splits and items' content): split over a long run
    # would try both separators at each of its spaces, each scanning the rest of the run.
    items = [item for item in _MENU_SEPARATOR.split(_MENU_SPACES.sub(" ", text.strip())) if item]
    if len(items) >= MENU_ITEMS and all(0 < count_content(item) <= MENU_ITEM_MAX for item in items):
        return True
    return _word_menu(text)


SPACED_MENU_ITEMS = 6
"""A line of at least this many words of two to four Han characters, one space between them and nothing else
(社会 国际 财经 教育 旅游 数码), is a portal's channel menu ..."""
SPACED_MENU_NAME_SHARE = 1 / 3
"""... unless more than this share of its words start with a common surname: then it lists people (顾鑫 鲁曦 冯翔
徐然 孟华卿 麦清涛, a paper's authors), the text's own line."""
_SPACED_WORDS = re.compile(r"[\u3400-\u9fff]{2,4}(?: [\u3400-\u9fff]{2,4}){%d,}" % (SPACED_MENU_ITEMS - 1))


LONG_MENU_ITEMS = 12
"""A line of at least this many items between white space or explicit separators (a site's directory of
ministries, provinces or columns joined into one line: 外交部 国防部 国家发展和改革委员会 …) ..."""
LONG_MENU_ITEM_MAX = 16
"""... each of at most this many content characters, without a sentence, clause or label mark, two thirds of
them holding a Han character (a row of numbers is a table's) and at most SPACED_MENU_NAME_SHARE of those
starting with a common surname (a list of people is the text's), is a menu however long the line."""
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_LONG_MENU_ITEM = re.compile(r"[ \t\u3000|｜]+")


BILINGUAL_ITEMS = 3
_SCRIPT_RUN = re.compile(f"[A-Za-z][A-Za-z .&'\\-]*[A-Za-z.]|[A-Za-z]|[{HAN_CHARS}]+|\\S+")


def _bilingual_menu(text: str) -> bool:
    """A menu whose items each give their name in English and in Chinese, run together on one line (Diocese of Hong
    Kong Island香港島教區 Diocese of Eastern Kowloon東九龍教區 Missionary Area of Macau澳門傳道地區): BILINGUAL_ITEMS or
    more English names each followed by a Chinese one, nothing else (no sentence or clause mark, no figure); a
    bilingual title gives one pair, two at most.

    >>> _bilingual_menu("About Us關於我們 News新聞 Events活動 Contact Us聯絡我們")
    True
    >>> _bilingual_menu("Annual Report 2023 年報"), _bilingual_menu("香港大學 The University of Hong Kong")
    (False, False)
    """
    if not HAN.search(text) or not _LATIN_LETTER.search(text):
        return False
    runs = _SCRIPT_RUN.findall(text)
    if len(runs) < 2 * BILINGUAL_ITEMS or len(runs) % 2:
        return False
    return all((run[0].isascii() and run[0].isalpha()) == (k % 2 == 0) and (k % 2 == 0 or HAN.match(run) is not None)
               for k, run in enumerate(runs))


def _long_menu(text: str) -> bool:
    """A directory or column menu joined into one line (see LONG_MENU_ITEMS).

    >>> _long_menu("外交部 国防部 国家发展和改革委员会 教育部 科学技术部 工业和信息化部 民族事务委员会 公安部 "
    ...            "民政部 司法部 财政部 自然资源部 生态环境部")
    True
    >>> _long_menu("顾鑫 鲁曦 冯翔 徐然 孟华卿 麦清涛 王平 李娜 张伟 刘洋 陈静 杨帆")  # people: the text's own line
    False
    >>> _long_menu("2019 2020 2021 2022 12.5 13.1 14.0 15.2 3.1 2.2 1.8 0.9")  # a table's row
    False
    >>> _long_menu("一月 二月 三月, 四月 五月 六月 七月 八月 九月 十月 十一月 十二月 全年")  # a clause mark
    False
    >>> _long_menu("| 城关镇 | 东坝镇 | 西河镇 | 南山乡 | 北岭乡 | 清水镇 | 白石乡 | 青龙镇 | 桃源镇 | 石桥乡 | 新安镇 | 永宁乡 |")
    False

    (the last is a Markdown table's header row: the text's table).
    """
    stripped = text.strip()
    if len(_LONG_MENU_ITEM.findall(stripped)) < LONG_MENU_ITEMS - 1 or _MENU_BREAK.search(stripped):
        return False
    if stripped[0] in "|｜" and stripped[-1] in "|｜":
        return False
    items = [item for item in _LONG_MENU_ITEM.split(_MENU_SEPARATOR.sub(" ", stripped)) if item.strip("-–—/·•[]【】")]
    if len(items) < LONG_MENU_ITEMS or any(count_content(item) > LONG_MENU_ITEM_MAX for item in items):
        return False
    han = [item for item in items if _HAN_CHAR.search(item)]
    if 3 * len(han) < 2 * len(items):
        return False
    names = surnames()
    return sum(simplify_chars(item[0]) in names for item in han) <= SPACED_MENU_NAME_SHARE * len(han)


def _word_menu(text: str) -> bool:
    """A channel menu of single-space-separated words (see SPACED_MENU_ITEMS and SPACED_MENU_NAME_SHARE)."""
    stripped = text.strip()
    if " " not in stripped or not _SPACED_WORDS.fullmatch(stripped):
        return False
    words = stripped.split(" ")  # SPACED_MENU_ITEMS or more: the pattern matched
    names = surnames()
    named = sum(simplify_chars(word[0]) in names for word in words)
    return named <= SPACED_MENU_NAME_SHARE * len(words)


def _is_fragment(ev: LineEvidence) -> bool:
    """A widget fragment: 大 / 中 / 小, ``]``, ``0/200`` (never a heading)."""
    if ev.heading:
        return False
    if ev.content_chars <= FRAGMENT_MAX_CHARS:
        return True
    return ev.content_chars <= LATIN_FRAGMENT_MAX_CHARS and not HAN.search(ev.line.text)


_TITLE_FIELD = re.compile(r"\s*(?:名称|名稱|标题|標題|文章标题|文章標題)\s*[:：]\s*(\S.*)")


def _extend_over_fields_and_fragments(evidence: dict[int, LineEvidence], n: int, first: int,
                                      last: int) -> None:
    """In the head and tail zones, field values and widget fragments next to chrome are chrome.

    A metadata label with nothing after its colon (``• 索引号:``) has its value on the next line,
    followed by the next label (a value not followed by chrome may be the title or a document
    number, and stays); a widget split over lines (``字号:[`` / 大 / 中 / 小 / ``]``) leaves
    fragments of one or two characters. Both are chrome only when they touch a chrome line, so a short line of the
    document's own (a signature, a date) is never taken.
    """
    zone = list(range(n)) if first < 0 else [*range(first), *range(last + 1, n)]
    # The title a disclosure box names (名称: 西门社区开展…) and the page prints again under the box is its own.
    named = {match.group(1).strip() for i in zone if (match := _TITLE_FIELD.match(evidence[i].text))}
    for i in zone:
        ev = evidence[i]
        before, after = evidence.get(i - 1), evidence.get(i + 1)
        if (ev.markable and before is not None and before.chrome and not ev.prose and not ev.heading
                and ev.text not in named
                and after is not None and after.chrome
                and ev.content_chars <= VALUE_MAX_CHARS and before.text.endswith(_LABEL_END)
                and any(p.kind == "metadata" for p in before.phrases)
                and not _title_words().search(ev.text)):
            ev.chrome = True
    # After the first chrome line of the tail zone the footer goes on: a line there with a chrome
    # phrase is chrome unless it is the document's own prose.
    if last >= 0:
        footer = next((i for i in range(last + 1, n) if evidence[i].chrome), n)
        for i in range(footer + 1, n):
            ev = evidence[i]
            if (ev.phrases and ev.markable and not ev.heading and not ev.clean_prose
                    and ev.content_chars <= LONG_LINE_CHARS):
                ev.chrome = True
        # A short line without a sentence or a clause between two footer lines (a link, a label) is the
        # footer's too: the document's own text ended before the footer began.
        for i in range(footer + 1, n - 1):
            ev = evidence[i]
            if (ev.markable and evidence[i - 1].chrome and evidence[i + 1].chrome and not ev.prose
                    and not ev.heading and ev.content_chars <= VALUE_MAX_CHARS
                    and not _CLAUSE_MARK.search(ev.text) and not _title_words().search(ev.text)):
                ev.chrome = True
    _mark_fragment_runs(evidence, zone)


# A wiki's section edit link alone on its line ([编辑], [編輯], [编辑源代码]): the line before it is the section's heading.
_EDIT_LINK = re.compile(r"\s*\[\s*(?:编辑|編輯)(?:源代码|源代碼)?\s*\]\s*")


def _mark_fragment_runs(evidence: dict[int, LineEvidence], zone: list[int]) -> None:
    """Runs of widget fragments (see :func:`_is_fragment`) in ``zone`` touching a chrome line on either side;
    not a run just above a wiki's edit link: a section heading of two characters (臺灣 above [编辑]) is the text's."""
    i = 0
    while i < len(zone):
        j = i
        while j < len(zone) and zone[j] == zone[i] + (j - i) and _is_fragment(evidence[zone[j]]) \
                and evidence[zone[j]].markable:
            j += 1
        if j > i:
            left = evidence.get(zone[i] - 1)
            right = evidence.get(zone[j - 1] + 1)
            above_edit_link = right is not None and bool(_EDIT_LINK.fullmatch(right.text))
            if not above_edit_link and ((left is not None and left.chrome) or (right is not None and right.chrome)):
                for k in zone[i:j]:
                    evidence[k].chrome = True
            i = j
        else:
            i += 1


_NAVIGATION_KINDS = frozenset({"navigation", "breadcrumb"})


def _extend_above_navigation(evidence: dict[int, LineEvidence], anchors: list[int], title: str | None) -> None:
    """Above the last navigation or breadcrumb line of the head zone (``anchors``: :func:`_navigation_anchors`)
    lies the site's header: its short lines without a sentence (the site's name, tab labels, language links) are
    chrome, but for the trail's ``title`` (:func:`_trail_title`). A page's title comes after its breadcrumb; a line
    with a metadata phrase (发布时间, 来源:) is no anchor, the title sits above that; a wiki's source line (出自Reko
    Wiki) is printed right under the page's title, so the line above it is kept."""
    if not anchors:
        return
    for i in range(anchors[-1]):
        ev = evidence[i]
        if (ev.markable and not ev.prose and not ev.heading and ev.content_chars <= VALUE_MAX_CHARS
                and not ev.text.endswith(scorer.SENTENCE_END) and not _title_words().search(ev.text)
                and ev.text != title and _WIKI_SOURCE_PHRASE not in evidence[i + 1].phrases):
            ev.chrome = True


def _navigation_anchors(evidence: dict[int, LineEvidence], n: int, first: int) -> list[int]:
    """The head zone's chrome lines marked by navigation or location phrases only."""
    return [i for i in range(first if first >= 0 else n) if evidence[i].chrome and evidence[i].phrases
            and all(p.kind in _NAVIGATION_KINDS for p in evidence[i].phrases)]


def _trail_title(evidence: dict[int, LineEvidence], anchor: int, first: int) -> str | None:
    """The page's title as the last step of the location trail ``anchor`` when the text starts right under the trail
    (首页 > 编辑手册 > 页面分类 over the first sentence: no title line between, so the line 页面分类 above the trail is
    the title a wiki prints over its tagline, 来自Test, not a line of the site's header); None otherwise."""
    if anchor + 1 != first:
        return None
    steps = [step.strip() for step in _TRAIL_STEP.split(evidence[anchor].text)]
    return steps[-1] if len(steps) >= 3 and steps[-1] else None


OWN_TITLE_CHARS = 5
"""A head line of at least this many content characters ..."""
OWN_TITLE_PAIRS = 3
"""... holding at least this many pairs of adjacent Han characters ..."""
OWN_TITLE_SHARE = 0.75
"""... of which at least this share recur in the text's lead (its clean-prose lines among the first 2 * LEAD_LINES
lines, until their pairs number LEAD_LINES * PROSE_MIN_CHARS * 4) is written in the article's own words: the page's
title, not a line of the site's header."""
LEAD_LINES = 3


def _keep_own_titles(evidence: dict[int, LineEvidence], anchors: list[int], n: int, first: int) -> None:
    """The page's own title among the head zone's lines, kept (``listed``) wherever the header puts it (under a
    thread's counters and its back link, between two menus, above the trail), so that no menu run or header pass
    takes it: a line that is word for word the last step of a location trail in the head (论坛首页 › 建议反馈 ›
    建议对鼠神进行改版: the trail names the page it stands on), or a line without a strong chrome phrase written in the
    lead's words (OWN_TITLE_SHARE: 嘉義縣/經濟部長視察塭港淹水防護設施改善工程 over 嘉義縣東石鄉塭港村落淹水防護設施改善工程
    因…; a forum post opening with its thread's title). A site's name and its menu's items are not the article's words."""
    if first < 0:
        return
    steps = set()
    for anchor in anchors:
        crumbs = [step.strip() for step in _TRAIL_STEP.split(evidence[anchor].text)]
        if len(crumbs) >= 3 and count_content(crumbs[-1]) >= _TITLE_MIN_CHARS:
            steps.add(crumbs[-1])
    lead: set[str] | None = None  # made when a head line first needs it: most pages have none
    for i in range(first):
        ev = evidence.get(i)
        if ev is None or ev.chrome or i in anchors:
            continue
        if ev.text in steps:
            ev.listed = True
        elif not ev.prose and not ev.strong and ev.content_chars >= OWN_TITLE_CHARS:
            pairs = _han_pairs(ev.text)
            if len(pairs) < OWN_TITLE_PAIRS:
                continue
            if lead is None:
                lead = _lead_pairs(evidence, n, first)
            if sum(p in lead for p in pairs) >= OWN_TITLE_SHARE * len(pairs):
                ev.listed = True


def _lead_pairs(evidence: dict[int, LineEvidence], n: int, first: int) -> set[str]:
    """The pairs of adjacent Han characters of the text's lead: the clean-prose lines among its first 2 × LEAD_LINES
    lines, until about LEAD_LINES lines' worth of pairs are in."""
    lead: set[str] = set()
    for i in range(first, min(n, first + 2 * LEAD_LINES)):
        ev = evidence.get(i)
        if ev is not None and ev.clean_prose and len(lead) < LEAD_LINES * PROSE_MIN_CHARS * 4:
            lead |= _han_pairs(ev.text)
    return lead


MENU_RUN_LINES = 4
"""A run of at least this many menu-item lines before the document's text is the site's menu ..."""
MENU_ITEM_CHARS = 10
"""... where a menu item has at most this many content characters and no sentence or lead-in mark."""


def _mark_head_menus(evidence: dict[int, LineEvidence], n: int, first: int, title: str | None) -> None:
    """Before the first clean-prose line, a run of MENU_RUN_LINES or more very short lines (FC/NES /
    SFC/SNES / N64 …, 聊天消息 / 系统消息 / 评论与回复) is a menu in any site's words. A run holding a
    line with a genre word (政府工作报告) is the document's title block, a lead-in (各位代表:)
    ends a run, a run whose lines mostly end with a cell separator (序號 | / 公開事項 | / 1 |) is a
    table printed one cell a line, and a run of mostly ``label: value`` fields (本週講道:… / 值週:…) a roster or a
    record, not a menu; the trail's ``title`` (:func:`_trail_title`) is no item, nor is a
    short title the run holds over its page's record (:func:`_run_title`)."""
    head = range(first if first >= 0 else n)

    def item(i: int) -> bool:
        ev = evidence.get(i)
        return (ev is not None and not ev.prose and not ev.heading and not ev.listed
                and 0 < ev.content_chars <= MENU_ITEM_CHARS
                and not ev.text.endswith(scorer.SENTENCE_END) and not ev.text.endswith(_LEAD_IN_END)
                and ev.text != title)

    for i, j in _runs(item, head.start, head.stop):
        if j - i < MENU_RUN_LINES or any(_title_words().search(evidence[k].text) for k in range(i, j)):
            continue
        if 2 * sum(evidence[k].text.endswith(("|", "｜")) for k in range(i, j)) > j - i:
            continue
        if 2 * sum(_LABELLED.match(evidence[k].text) is not None for k in range(i, j)) > j - i:
            continue  # fields, one a line (本週講道:某某傳道 / 值週:某某執事): a record or a roster, no menu's links
        if j == first and records.list_goes_on([evidence[k].text for k in range(i, j)], evidence[j].text):
            continue
        if j in evidence and _value_row(evidence[j].text):
            continue  # a table's header cells, one a line, over its row of figures (週一至週五 / 備註 / 8:30 - 21:00)
        title_line = _run_title(evidence, i, j)
        end = _title_over_text(evidence, i, j) if title_line is None and j == first else j
        for k in range(i, end):
            if k != title_line:
                evidence[k].chrome = True


MENU_TITLE_LINES = 3
"""The page's title under a head menu run stands among the run's last this many lines, above the text's first sentence."""


def _title_over_text(evidence: dict[int, LineEvidence], i: int, j: int) -> int:
    """Where the site's menu ends in the head menu run ``[i, j)`` that runs into the text's first sentence: at its title,
    the longest :func:`_title_shaped` line of its last MENU_TITLE_LINES that is no field (日期:…) and holds no date,
    when at least twice as long as the run's median line (牧者心聲 (31/3) 行寬恕 under 分類 / 牧者 / 執事心聲); what stands under the title (its echo, its author) is
    no menu item either. ``j`` when no line is so shaped: a menu's items are alike in length."""
    tail = [k for k in range(max(i, j - MENU_TITLE_LINES), j) if _title_shaped(evidence[k])
            and not _LABELLED.match(evidence[k].text) and not _DATELINE_DATE.search(evidence[k].text)]
    if not tail:
        return j
    title = max(tail, key=lambda k: evidence[k].content_chars)
    lengths = sorted(_word_units(evidence[k].text) for k in range(i, j))
    return title if _word_units(evidence[title].text) >= 2 * lengths[len(lengths) // 2] else j


_WORD_UNIT = re.compile(r"[A-Za-z]+|[^\W_]")


def _word_units(text: str) -> int:
    """A line's content characters with each Latin word counted once, as a reader weighs them across scripts (a menu's
    ``Download`` is one item's word, as 下载 is two characters, not eight letters). ``_word_units("Download")`` is 1,
    ``_word_units("鎮公所年度施政成果")`` 9, ``_word_units("第3期 PDF")`` 4."""
    return len(_WORD_UNIT.findall(text))


RUN_TITLE_CHARS = 5
"""A head menu run's line with at least this many content characters may be the page's title (see :func:`_run_title`);
a menu item is mostly 2 to 4."""


def _run_title(evidence: dict[int, LineEvidence], i: int, j: int) -> int | None:
    """The page's title caught in the head menu run ``[i, j)`` (a short title, 突发！新疆地震, after the menu's last
    item): a :func:`_title_shaped` line of the run, longer than the run's lines beside it, right above or below a
    record of the page (a date, a source or a counter row: a metadata phrase) or above one with a line between (the
    author's name), where no line outside the run above the title and its record is title-shaped (a page prints one
    title; a line repeating the title's words is its echo). A menu item stands among items; a title over its page's
    record. The longest such line, if any."""
    def record_beside(k: int) -> int | None:
        return next((m for m in (k - 1, k + 1, k + 2) if _metadata_line(evidence.get(m))), None)

    found = {k: record for k in range(i, j)
             if _title_shaped(evidence[k])
             and all(evidence[m].content_chars < evidence[k].content_chars for m in (k - 1, k + 1) if i <= m < j)
             and (record := record_beside(k)) is not None}
    if not found:
        return None
    title = max(found, key=lambda k: evidence[k].content_chars)
    # Under the record the text begins (a column name, a lead): only the lines above it compete.
    if any(_title_shaped(evidence[k]) and evidence[k].text != evidence[title].text
           for k in range(max(title, found[title])) if k in evidence and not i <= k < j):
        return None
    return title


def _title_shaped(ev: LineEvidence) -> bool:
    """A line that could be the page's title: not chrome, no phrase, no sentence, a Han word, RUN_TITLE_CHARS to
    VALUE_MAX_CHARS content characters."""
    return (not ev.chrome and not ev.phrases and not ev.prose and _HAN_RUN.search(ev.text) is not None
            and RUN_TITLE_CHARS <= ev.content_chars <= VALUE_MAX_CHARS)


_FIGURE_ROW = re.compile(r"[\d\s:：.,/%\-–—~～]+")


def _value_row(text: str) -> bool:
    """A row of figures alone (8:30 - 21:00 8:30 - 16:30, 12 15 20): two or more numbers and nothing else, no date (a
    post's time stamp under its author's menu is no table's row)."""
    return (len(_NUMBER_RUN.findall(text)) >= 2 and _FIGURE_ROW.fullmatch(text) is not None
            and not has_timestamp(text) and _DATE_LINE.fullmatch(text.strip()) is None
            and _DATELINE_DATE.search(text) is None)


def _runs(member: Callable[[int], bool], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """The maximal runs ``[i, j)`` of consecutive indexes in ``[start, stop)`` that are ``member``."""
    i = start
    while i < stop:
        j = i
        while j < stop and member(j):
            j += 1
        if j > i:
            yield i, j
        i = j + 1


@lru_cache(maxsize=1)
def _title_words() -> re.Pattern[str]:
    words = [row[0].strip() for row in data.read_rows("boilerplate_title_words.txt")]
    return re.compile("|".join(map(re.escape, words)))


def _extend_with_templates(evidence: dict[int, LineEvidence], n: int, first: int, last: int) -> None:
    """Recurring short lines sandwiched by phrase chrome in a head or tail zone are the site's template.

    A site's template lines recur together, so a sandwiched line must recur in at least half as many
    documents as the chrome lines around it; a line naming the document's genre (…工作报告) is the
    title, which a second report of the same county repeats, not template.
    """
    def template_like(ev: LineEvidence, neighbour_freq: int) -> bool:
        if not ev.recurring or not ev.markable or ev.prose or ev.heading:
            return False
        text = ev.text
        return (not text.endswith(scorer.SENTENCE_END) and not text.endswith(_LEAD_IN_END)
                and ev.frequency * 2 >= neighbour_freq and not _title_words().search(text))

    # Every line of the head zone (before ``first``) and of the tail zone (after ``last``) is analysed.
    # The template lines of the head lie before its last chrome line, those of the tail after its
    # first one (the chrome lines are gathered here, after every other pass has marked its own).
    # A page without clean prose is one zone: read as a head only (its lines before its last chrome line),
    # or a chrome line at its top (a close button) would make every recurring line after it template: the
    # whole text of a page whose copy shares the batch.
    head = range(first if first >= 0 else n)
    tail = range(last + 1, n) if last >= 0 else range(0)
    for zone in (head, tail):
        chrome = [i for i in zone if evidence[i].chrome]
        if not chrome:
            continue
        freq = max(evidence[i].frequency for i in chrome)
        between = range(zone.start, chrome[-1]) if zone is head else range(chrome[0] + 1, zone.stop)
        for i in between:
            ev = evidence[i]
            if template_like(ev, freq):
                ev.chrome = True


LOOSE_LINE_CHARS = PROSE_MIN_CHARS
"""A loose line above a page's title (see :func:`_mark_loose_edge_lines`) has fewer content characters than this;
one of a run after the text at most VALUE_MAX_CHARS (a footer's or a related list's links are longer)."""
_HAN_RUN = re.compile("[\u3400-\u9fff]{2,}")
_LATIN_WORD = re.compile("[A-Za-z]{2,}")
_LOOSE_PHRASE = ChromePhrase("<loose edge line>", "navigation", 2, False)
LOOSE_SEARCH_LINES = 64
"""Up to this many candidate lines, each one's words are searched in the document's own text; beyond, the words of
all its own lines are counted once (the same answer, without a search per word over a long page)."""
_TAIL_REFUSE = re.compile(r"\d|[,，、\t|｜]|\S[ \u3000]{2,}\S")
"""After the text, a line with a digit, a clause mark or cells (a tab, a bar, a gap of spaces) may be the text's own
last lines: a table's rows (地区  户数  人数), a signature's date and time, a sentence cut off before a footer."""


def _han_pairs(text: str) -> set[str]:
    """The pairs of adjacent Han characters in ``text`` (a line's words, as far as plain text tells)."""
    return {run[k:k + 2] for run in _HAN_RUN.findall(text) for k in range(len(run) - 1)}


def _head_title(evidence: dict[int, LineEvidence], first: int) -> int:
    """The head zone's title as plain text shows it: its last line before the text that is not chrome, holds
    a word (two Han characters together: not 第5页 共5页) and is no sentence and no lead-in (a title may end with ?
    or !); -1 when there is none."""
    for i in range(first - 1, -1, -1):
        ev = evidence[i]
        text = ev.text
        if (not ev.chrome and not ev.prose and _HAN_RUN.search(text)
                and not text.endswith(_SENTENCE_CLOSE) and not text.endswith(_LEAD_IN_END)):
            return i
    return -1


_SENTENCE_CLOSE = tuple("。;；…")
_FIELD_VALUE = re.compile(r"[:：]\s*\S")


def _own_field(evidence: dict[int, LineEvidence], i: int) -> bool:
    """A field with its value beside another that is not chrome (國 家:台灣 over 路線說明:…): the text's own record of
    fields, never a loose line of the site's (顯示模式: 網格 列表 stands alone among chrome)."""
    if not _FIELD_VALUE.search(evidence[i].text):
        return False
    return any((ev := evidence.get(k)) is not None and not ev.chrome and _FIELD_VALUE.search(ev.text) is not None
               for k in (i - 1, i + 1))


def _mark_loose_edge_lines(lines: list[Line], evidence: dict[int, LineEvidence], first: int, last: int,
                           folded: str, analyse: Callable[[int], LineEvidence] | None = None) -> None:
    """Short lines at a page's edges that share no word with the document are the site's: a site's or a
    column's name above the title (益智教育网, 文章详情), a notice or a login prompt among the header's
    lines (关于网站域名变更的通知), a footer's links above its chrome (最新政府消息新聞 / 行動版 電腦版).

    A line qualifies when it is short, no sentence, no lead-in and none of a document's own short lines
    (:func:`_loose_line`): in the head zone above the head's title (:func:`_head_title`) without a digit (a
    document's number, 某政办发〔2012〕53号, and a numbered heading are its own), touching the page's top or a
    chrome line (one it took counts), on a page whose head the rules found chrome in (a text printed without a
    site's template, 📢 公所資訊分享 over its lead, starts with its own lines); in the tail zone as part of a run of such lines that a chrome line closes
    (a run the page's end closes may be the text's last lines, cut off). It is chrome when none of its pairs of
    adjacent Han characters, and none of its Latin words ([經驗交流] RD vs. Sales is a thread's title when its
    text speaks of Sales), occurs in the document's own text: its lines that are prose, at least LOOSE_LINE_CHARS
    long or end like a sentence and are not chrome, and the head's title (a second copy of the title, or a notice's own
    field 意见反馈截止日期 under a paragraph about 意见, shares the text's words).

    >>> page = chr(10).join(["益智教育网", "这道逆向思维题你敢挑战吗?", "发布时间:2024-03-01 浏览:35",
    ...                    "逆向思维是解题的一种策略,从结果倒推回起点。",
    ...                    "下面通过几道逆向思维的经典题目来说明这种策略。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['益智教育网', '发布时间:2024-03-01 浏览:35']
    """
    if first < 0:
        return
    n = len(lines)
    title = _head_title(evidence, first)
    templated = any(evidence[i].chrome for i in range(first))
    # A line the head prints twice with lines between (水之緣,鳥之緣 over the credits and again under them) is the title
    # and its echo, however few words it shares with the text; twice in a row (a logo's text and its alt) it is not.
    printed: dict[str, list[int]] = {}
    for i in range(first if templated else 0):
        printed.setdefault(evidence[i].text, []).append(i)
    head = [i for i in range(max(0, title)) if templated and _loose_line(evidence[i], LOOSE_LINE_CHARS - 1)
            and not _DIGIT.search(evidence[i].text) and printed[evidence[i].text][-1] - printed[evidence[i].text][0] < 2
            and not _own_field(evidence, i)]
    tail = [k for i, j in _runs(lambda k: not evidence[k].chrome, last + 1, n)
            if j < n and all(_loose_line(evidence[k], VALUE_MAX_CHARS) and not _TAIL_REFUSE.search(evidence[k].text)
                             for k in range(i, j)) for k in range(i, j)]
    probed, echoed, inline = _inline_runs(lines, evidence, first, last, analyse) if analyse else (set(), [], [])
    if not head and not tail and not inline and not echoed:
        return

    inline_lines = {k for i, j in inline + echoed for k in range(i, j)}

    def own(i: int) -> bool:
        ev = evidence.get(i)
        return ev is None or (i in probed and i not in inline_lines) or (
            not ev.chrome and (ev.prose or ev.content_chars >= LOOSE_LINE_CHARS or ev.text.endswith(_SENTENCE_CLOSE)))

    def words(line: str) -> set[str]:
        return _han_pairs(line) | set(_LATIN_WORD.findall(line))

    mine = [i for i in range(n) if i == title or own(i)]
    elsewhere: Callable[[str, str, bool], bool]
    if len(head) + len(tail) <= LOOSE_SEARCH_LINES:
        # The document's own lines in one text, joined by a line break (a pair of Han characters or a Latin word
        # occurs in it only inside one line), searched for each candidate's few words.
        text = "\n".join(folded[lines[i].start:lines[i].end] for i in mine)

        def elsewhere(word: str, line: str, counted: bool) -> bool:
            """Does another of the document's own lines hold ``word`` (``counted``: ``line`` is one of them)?"""
            if word[0].isascii():
                bounded = re.compile(rf"(?<![A-Za-z]){word}(?![A-Za-z])")
                return len(bounded.findall(text)) > (len(bounded.findall(line)) if counted else 0)
            return text.count(word) > (line.count(word) if counted else 0)
    else:  # many candidates: each word's own lines counted in one pass (linear in the document)
        holding = Counter(word for i in mine for word in words(folded[lines[i].start:lines[i].end]))

        def elsewhere(word: str, line: str, counted: bool) -> bool:
            return holding[word] > (1 if counted else 0)

    def stray(i: int) -> bool:
        line = folded[lines[i].start:lines[i].end]
        counted = own(i)
        return _HAN_RUN.search(line) is not None and not any(elsewhere(word, line, counted) for word in words(line))

    def mark(i: int) -> None:
        _mark_chrome(evidence[i], _LOOSE_PHRASE)

    # Above the title a line must touch the page's top or chrome (a line it took counts): a short line under the
    # document's own (原文: / 小池 / 宋·杨万里) is its poem's title.
    head = [i for i in head if stray(i)]
    for i in head:  # downwards from the top or a chrome line, then upwards from one
        if i == 0 or evidence[i - 1].chrome:
            mark(i)
    for i in reversed(head):
        if evidence[i + 1].chrome:
            mark(i)
    for i in tail:
        if stray(i):
            mark(i)
    for i, j in inline:
        strays = [k for k in range(i, j) if stray(k)]
        if 3 * len(strays) >= 2 * (j - i):
            for k in range(i, j):
                mark(k)
    if echoed:
        # A site's items printed again: three lines of the run are the text of chrome lines elsewhere. Not the entries
        # of a contents list (the chrome lines under a 目录 label): they repeat the text's own headings by design.
        in_runs = {k for i, j in echoed for k in range(i, j)}
        contents = _contents_entries(evidence)
        template = {ev.text for k, ev in evidence.items() if ev.chrome and k not in in_runs and k not in contents}
        for i, j in echoed:
            if len({evidence[k].text for k in range(i, j)} & template) >= INLINE_RUN_LINES:
                for k in range(i, j):
                    mark(k)


_COLUMN_LABEL = re.compile("[\u3400-\u9fff]{2,6}[:：]?")
_COLUMN_LABEL_GLOSS = re.compile("[A-Za-z][A-Za-z&' ]{1,24}")
COLUMN_LABEL_LINES = 2
"""A column's label and its sub-column's (即時新聞: / 社會新聞) or its Latin name (保康消息 / News): at most this many lines."""
# The names a document gives its own parts (附件 over an attachment's title, 前言, 摘要): the text's, not a column's.
_DOCUMENT_PART = re.compile("(?:附件|附录|前言|序言|引言|摘要|提要|目录|正文|后记|导语|按语|编者按|说明|概述|绪论|结语|总则|附则|"
                            "题记|简介|注释|背景)[:：]?")
COLUMN_TITLE_MIN_CHARS = 10
"""The title under a column's label has at least this many content characters: a real headline, not an essay's
class and author line (我的妈妈 / 三年级二班 李明)."""
COLUMN_TITLE_GAP_LINES = 4
"""At most this many lines (none of them prose) between the title and the text's first sentence."""
_NAME_AT_END = re.compile("\\s[\u3400-\u9fff]{2,3}$")
_SUBTITLE_START = ("—", "-", "－", "–", "──")
_COLUMN_LABEL_PHRASE = ChromePhrase("<column label>", "navigation", 2, False)
# A publisher's masthead (泗水日报, 宁海新闻网, 越城区融媒体中心) over its article names who speaks: the region family
# reads it as the text's own (region_masthead_suffixes.txt), so no column label.
_MASTHEAD_END = re.compile("(?:报|報|新闻网|新聞網|融媒体中心|融媒體中心|融媒|新闻中心|新聞中心|电视台|電視台)$")


def _mark_column_label(evidence: dict[int, LineEvidence], first: int) -> None:
    """A column's or a channel's name printed alone above the title of a page (學校活動, 校園透視 over a school's
    news; 即時新聞: over 社會新聞, a section and its sub-section; 保康消息 over its English name News) is the site's,
    even on a page whose head holds no other chrome for :func:`_mark_loose_edge_lines` to start from, and even when
    the text uses the same words (a school's activity report says 活動).

    The labels are the head's first COLUMN_LABEL_LINES lines that are not chrome (only chrome above them): each two
    to six Han characters and nothing else but a closing colon, or, under one, its name in Latin letters; none of a
    document's own short lines (:func:`_gap_line`: a genre word 通知, an issuer's name, a date) and no publisher's
    masthead (泗水日报, 宁海新闻网: the text's own voice). The title is the next line that is not chrome: a headline of
    COLUMN_TITLE_MIN_CHARS to HEADLINE_MAX_CHARS content characters, no sentence, no numbered heading, no subtitle
    (——记…) and no author's name after a space, sharing no pair of Han characters with a label (a kicker or a short
    title over its own subtitle repeats its words), with at most COLUMN_TITLE_GAP_LINES lines that are not prose
    (a metadata row, a credit) between it and the text's first sentence.

    >>> page = chr(10).join(["學校活動", "中秋文化日及家長也敬師日 2025.10.06",
    ...                    "今年的中秋節,本校舉辦了中秋文化日和家長也敬師兩項活動,師生和家長一同參與。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['學校活動']
    """
    if first < 2:
        return
    labels: list[LineEvidence] = []
    title = -1
    for i in range(first):
        ev = evidence[i]
        if ev.chrome:
            continue
        if len(labels) < COLUMN_LABEL_LINES and _column_label(ev, bool(labels)):
            labels.append(ev)
            continue
        title = i
        break
    if not labels or title < 0 or first - title - 1 > COLUMN_TITLE_GAP_LINES:
        return
    ev = evidence[title]
    label_pairs = {pair for label in labels for pair in _han_pairs(label.text)}
    if (ev.prose or ev.heading or not COLUMN_TITLE_MIN_CHARS <= ev.content_chars <= HEADLINE_MAX_CHARS
            or ev.text.startswith(_SUBTITLE_START) or ev.text.endswith(_LEAD_IN_END + _SENTENCE_CLOSE)
            or _NAME_AT_END.search(ev.text) or label_pairs & _han_pairs(ev.text)):
        return
    if any(evidence[k].prose for k in range(title + 1, first)):
        return
    for label in labels:
        _mark_chrome(label, _COLUMN_LABEL_PHRASE)


def _column_label(ev: LineEvidence, under_label: bool) -> bool:
    """Is the line shaped as a column's label (see :func:`_mark_column_label`); ``under_label``: a label is above it,
    so it may be that label's name in Latin letters."""
    text = ev.text.strip()
    if under_label and _COLUMN_LABEL_GLOSS.fullmatch(text):
        return True
    return (_COLUMN_LABEL.fullmatch(text) is not None and _gap_line(ev, len(text)) and not ev.label
            and not _MASTHEAD_END.search(text.rstrip(":："))
            and not _DOCUMENT_PART.fullmatch(simplify_chars(text)))


_SITE_NAME_PHRASE = ChromePhrase("<site name>", "navigation", 2, False)
_TRAIL_FRAGMENT_PHRASE = ChromePhrase("<breadcrumb fragment>", "breadcrumb", 2, False)
_TRAIL_COLUMN_PHRASE = ChromePhrase("<breadcrumb column>", "navigation", 2, False)
_BILINGUAL_LABEL_PHRASE = ChromePhrase("<bilingual label>", "navigation", 2, False)
_FLIPBOOK_PHRASE = ChromePhrase("<flipbook page header>", "pagination", 2, False)
TRAIL_COLUMN_CHARS = 8
"""A line naming a breadcrumb's column again has at most this many content characters (工作报告, 国内财经)."""


def _furniture_key(text: str) -> str:
    return "".join(_unglossed(text).split())


def _mark_head_furniture(evidence: dict[int, LineEvidence], first: int) -> None:
    """Above the head's title (:func:`_head_title`), the site's furniture by its shape alone, whatever words the
    text uses (:mod:`head_furniture`): the site's name as a website (河南省體育彩票管理中心官方網站, a mirror's glossed
    官方網(wǎng)站 too), a breadcrumb's fragment (a lone ``>``, ``财经频道 > 国内财经``), and a column a breadcrumb of the
    head names, printed again on its own line (工作报告 over 您所在的位置:政务公开 > 工作报告) with chrome between it
    and the title: a short title that a trail names last stays. A flipbook viewer's page header (Page 28 - 月報六月號)
    is chrome as the page's first line, also on a page whose broken lines leave no sentence to find a title by; so is a
    menu item or a column's label printed in two languages (境內遠足 Local Hiking) above the title.
    A line with the title's text (a title printed twice) is never taken.

    >>> page = chr(10).join(["服务热线:95086", "河南省体育彩票管理中心官方网站", "许昌体彩分中心获市体育事业突出贡献奖",
    ...                    "时间:2019-03-27 09:34", "昨日,记者从市体育局获悉,许昌体彩分中心被授予市体育事业突出贡献奖。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['服务热线:95086', '河南省体育彩票管理中心官方网站', '时间:2019-03-27 09:34']
    """
    top = evidence.get(0)
    if top is not None and top.markable and not top.prose and head_furniture.flipbook_page_header(_furniture_key(top.text)):
        _mark_chrome(top, _FLIPBOOK_PHRASE)
    if first < 1:
        return
    title = _head_title(evidence, first)
    if title < 1:
        return
    title_key = _furniture_key(evidence[title].text)
    crumbs = {crumb for i in range(first) if evidence[i].chrome
              for crumb in head_furniture.trail_crumbs(_unglossed(evidence[i].text))}
    for i in range(title):
        ev = evidence[i]
        if not ev.markable or ev.prose or ev.heading:
            continue
        key = _furniture_key(ev.text)
        if key == title_key:
            continue
        if head_furniture.site_name_line(key):
            _mark_chrome(ev, _SITE_NAME_PHRASE)
        elif head_furniture.trail_fragment(_unglossed(ev.text)):
            _mark_chrome(ev, _TRAIL_FRAGMENT_PHRASE)
        elif (key in crumbs and ev.content_chars <= TRAIL_COLUMN_CHARS
              and any(evidence[k].chrome for k in range(i + 1, title))):
            _mark_chrome(ev, _TRAIL_COLUMN_PHRASE)
        elif head_furniture.bilingual_label(ev.text):
            _mark_chrome(ev, _BILINGUAL_LABEL_PHRASE)


LOOPED_LINES = 3
"""At least this many different lines printed twice or more before the text make the head's repeated lines a carousel."""
_LOOPED_PHRASE = ChromePhrase("<looped carousel>", "related", 2, False)


def _mark_looped_head_lines(evidence: dict[int, LineEvidence], first: int) -> None:
    """Before the text, LOOPED_LINES or more different lines each printed twice or more, LOOPED_LINES lines apart or
    more, are a carousel or a ticker whose items a page repeats to loop them (上海地铁辟谣… / 东部战区… / … and the same
    headlines again): every copy is chrome, whatever its words. A line printed twice in a row (a title and its echo)
    does not loop, and no line of the head's title's words (:func:`_head_title`: 原标题:… repeats the title) is taken.

    >>> items = ["海关公布前四月进出口数据", "多地出台新政支持住房消费", "新一轮降温天气即将来袭"]
    >>> page = chr(10).join(items + items + ["市图书馆推出夜间阅读服务",
    ...                                    "市图书馆自本月起推出夜间阅读服务,每晚开放至十点,方便上班族借阅图书。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> len([line for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines])
    6
    """
    if first < 2 * LOOPED_LINES:
        return
    title = _head_title(evidence, first)
    title_key = _furniture_key(evidence[title].text) if title >= 0 else None
    copies: dict[str, list[int]] = {}
    for i in range(first):
        ev = evidence[i]
        if not ev.prose and ev.content_chars and not ev.listed:
            key = _furniture_key(ev.text)
            if not title_key or (key not in title_key and title_key not in key):
                copies.setdefault(key, []).append(i)
    looped = [at for at in copies.values() if len(at) >= 2 and at[-1] - at[0] >= LOOPED_LINES]
    if len(looped) < LOOPED_LINES:
        return
    for at in looped:
        for i in at:
            if evidence[i].markable:
                _mark_chrome(evidence[i], _LOOPED_PHRASE)


_INTERFACE_PHRASE = ChromePhrase("<interface in English>", "navigation", 2, False)
INTERFACE_WORDS = 4
"""A line of Latin script with at most this many words beside a chrome line in the head is an interface's label."""
_LATIN_LETTER = re.compile("[A-Za-z]")


def _interface_line(ev: LineEvidence) -> bool:
    """A line that does not bound the text (:func:`_bounds_text`: no Han, too short to be an English paragraph of a
    bilingual text) and has Latin letters."""
    return not _bounds_text(ev.text) and _LATIN_LETTER.search(ev.text) is not None


def _mark_interface_english(evidence: dict[int, LineEvidence], n: int, first: int) -> None:
    """On a page whose text is in Han, the lines of Latin script above its first own line with Han are a viewer's or a
    platform's interface (a flipbook host's ``Enjoying your free trial? Upgrade Now`` / ``Like`` / ``Share`` /
    ``Download``), when two or more stand there or one touches chrome; in the rest of the head, a short such line
    (INTERFACE_WORDS words at most: ``Followers:``, ``Read Text Version``) beside chrome is chrome too. A single English
    line over the page's own title, touching no chrome, stays (a masthead or an English title may be the page's).

    >>> page = chr(10).join(["Only 9 days left! Upgrade Now", "Like", "Share", "Download", "市图书馆推出夜间阅读服务",
    ...                      "市图书馆自本月起推出夜间阅读服务,每晚开放至十点,方便上班族借阅图书。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['Only 9 days left! Upgrade Now', 'Like', 'Share', 'Download']
    """
    head = n if first < 0 else first
    # every line above the text has its evidence (the head scan analysed each up to the first sentence)
    top = next((i for i in range(head) if not evidence[i].chrome and HAN.search(evidence[i].text) is not None), first)
    if top < 0 or HAN.search(evidence[top].text) is None:
        return
    above = [i for i in range(top) if _interface_line(evidence[i])]
    if len(above) >= 2 or any(evidence[i + 1].chrome or i and evidence[i - 1].chrome for i in above):
        for i in above:
            if evidence[i].markable:
                _mark_chrome(evidence[i], _INTERFACE_PHRASE)
    short = [i for i in range(top + 1, head) if evidence[i].markable and not evidence[i].heading
             and _interface_line(evidence[i]) and len(evidence[i].text.split()) <= INTERFACE_WORDS]
    # A run of such lines touching chrome on either side: forward from chrome above it, back from chrome below it.
    for i in short:
        if evidence[i - 1].chrome:
            _mark_chrome(evidence[i], _INTERFACE_PHRASE)
    for i in reversed(short):
        if i + 1 < head and evidence[i + 1].chrome:
            _mark_chrome(evidence[i], _INTERFACE_PHRASE)


FIELD_BOX_FIELDS = 3
"""A head box between two chrome lines needs at least this many ``label:value`` fields to be a widget's (see
:func:`_mark_head_field_boxes`)."""


def _mark_head_field_boxes(evidence: dict[int, LineEvidence], first: int) -> None:
    """Before the text, a run of short lines that are no sentences between two chrome lines, most of them and at least
    FIELD_BOX_FIELDS ``label:value`` fields, is a widget's box (an exam simulator's 考生信息 / 考生姓名:… / 考试科目:…
    under the breadcrumb, over the practice menu) or a record of the page: chrome with its heading. The page's title
    sits between a trail and a record too, but alone, and is no field.

    >>> page = chr(10).join(["您现在的位置:驾考网 >> 模拟考试", "考生信息", "考生姓名:张三", "考试科目:科目一",
    ...                      "考试车型:C1", "顺序练习", "随机练习", "模拟考试", "强化练习",
    ...                      "1、这个标志的含义是提醒车辆驾驶人前方是无人看守的铁路道口。", "分析:警告标志用以提醒驾驶人注意慢行。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines][:5]
    ['您现在的位置:驾考网 >> 模拟考试', '考生信息', '考生姓名:张三', '考试科目:科目一', '考试车型:C1']
    """
    chrome = [i for i in range(first) if evidence[i].chrome]  # the head scan analysed every line above the text
    for left, right in zip(chrome, chrome[1:]):
        run = range(left + 1, right)
        if len(run) < FIELD_BOX_FIELDS or not all(_loose_line(evidence[k], VALUE_MAX_CHARS) for k in run):
            continue
        fields = sum(_LABELLED.match(evidence[k].text) is not None for k in run)
        if fields >= FIELD_BOX_FIELDS and 2 * fields > len(run):
            for k in run:
                _mark_chrome(evidence[k], _FIELD_ROW_PHRASE)


def _mark_image_placeholders(lines: list[Line], evidence: dict[int, LineEvidence], first: int, last: int,
                             analyse: Callable[[int], LineEvidence]) -> None:
    """Between the text's first and last sentences, a line that is only an image's placeholder word (圖片, [image])
    stands where the page showed a picture: chrome. Before or after the text the same word is a menu's photo channel,
    which the menu's own passes judge.

    >>> page = chr(10).join(["观鸟记", "今年五月我们来到湖边观鸟,十天里记录到一百二十多种鸟类。", "图片",
    ...                    "清晨的湿地最热闹,白鹭和池鹭此起彼落,大家拿着望远镜观察。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['图片']
    """
    for i in range(first + 1, last):
        text = lines[i].text
        if len(text) <= 16 and _IMAGE_PLACEHOLDER.fullmatch(text):
            ev = analyse(i)
            if ev.markable and not ev.heading:
                _mark_chrome(ev, _IMAGE_NAME_PHRASE)


def _contents_entries(evidence: dict[int, LineEvidence]) -> set[int]:
    """The chrome lines right under a chrome contents label (目录, 內容目錄, 【目錄】 Toggle), up to the first line
    that is not chrome: a page's table of contents."""
    entries: set[int] = set()
    for k, ev in evidence.items():
        if ev.chrome and "目" in ev.text and _TOC_LABEL.fullmatch(ev.text):
            j = k + 1
            while j in evidence and evidence[j].chrome:
                entries.add(j)
                j += 1
    return entries


_NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})\s*([·•.．、])(?!\d)")
NUMBER_RUN_LINES = 3
"""A run of at least this many lines that are each one number, counting up from 1, is a calendar's days, a pager or
an image gallery's index (1 / 2 / 3 under its pictures)."""


def _mark_number_runs(lines: list[Line], evidence: dict[int, LineEvidence],
                      analyse: Callable[[int], LineEvidence]) -> None:
    """A numbered list the rules took two items of goes on as long as its numbering does (a ranked list's
    items 3· to 10· whose counts are short, 惟楚有才…(16), or read as a sentence): each next line numbered one more,
    with the same mark, at most ITEM_CHARS[1] content characters, is its item. And a run of at least NUMBER_RUN_LINES
    lines that are each a lone number counting up from 1 is a blog sidebar's calendar, a pager or the index a
    mirror printed under each group of pictures: a text's own numbers count something (a year, an amount), one
    line after another counting 1, 2, 3 counts nothing of it.

    >>> page = chr(10).join(["阅读排行", "1. 秋季养生喝什么茶最好(5190)", "2. 孩子近视了怎么办(4066)",
    ...                    "3. 老房子电路改造的几点体会(1208)", "4. 旧手机如何回收换钱,看完你就明白了!(16)",
    ...                    "5. 家常红烧肉的做法(9)",
    ...                    "河堤步道完成改造重新开放", "沿河步道经过三个月的施工完成改造,新铺设的透水路面已投入使用。",
    ...                    "管理处表示,下一步将在步道两侧补种乔木,并定期组织志愿者开展巡查活动。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines][-2:]
    ['4. 旧手机如何回收换钱,看完你就明白了!(16)', '5. 家常红烧肉的做法(9)']
    """
    n = len(lines)

    def numbered(k: int) -> tuple[int, str] | None:
        found = _NUMBERED_ITEM.match(lines[k].text)
        return (int(found.group(1)), found.group(2)) if found else None

    for i in sorted(k for k, ev in evidence.items() if ev.chrome and not ev.learned):
        item = numbered(i)
        if item is None or i == 0 or i - 1 not in evidence or not evidence[i - 1].chrome:
            continue
        if numbered(i - 1) != (item[0] - 1, item[1]):
            continue
        k = i + 1
        while k < n and numbered(k) == (item[0] + k - i, item[1]) and analyse(k).markable \
                and evidence[k].content_chars <= ITEM_CHARS[1]:
            evidence[k].chrome = True
            if not evidence[k].phrases:
                evidence[k].phrases = [_ITEM_LIST_PHRASE]
            k += 1
    k = 0
    while k < n:
        j = k
        while j < n and lines[j].text.strip() == str(j - k + 1):
            j += 1
        if j - k >= NUMBER_RUN_LINES:
            for d in range(k, j):
                ev = analyse(d)
                if ev.markable:
                    ev.chrome = True
                    ev.phrases = ev.phrases or [_CALENDAR_PHRASE]
        k = max(j, k + 1)


_CALENDAR_PHRASE = ChromePhrase("<calendar>", "navigation", 2, False)
_HEADLINE_GAP = re.compile(r"[ \t\u3000]+")
_HEADLINE_BREAK = re.compile("[。;；,，、|｜【】]")
HEADLINE_LINE_ITEMS = 4
"""A line of headlines run together has at least this many items between white space or bars."""
HEADLINE_ITEM_CHARS = (2, 24)
HEADLINE_MEAN_CHARS = 6
_HEADLINE_PHRASE = ChromePhrase("<headline line>", "related", 2, False)


def _headline_line(text: str) -> bool:
    """Other articles' headlines run together on one line: HEADLINE_LINE_ITEMS or more items between white space,
    each of HEADLINE_ITEM_CHARS content characters and HEADLINE_MEAN_CHARS on average, two thirds of them with a Han
    character, no sentence or clause mark (a headline may be a question or carry a column label, 明星：), not all of
    one length (a poem's lines printed on one line are). No bar and no 【】: keywords stuffed between bars are the
    spam family's, a forum's 【必读】 tags its own threads.

    >>> _headline_line("蔡依林新专辑造型曝光 大秀瑜伽 李嘉欣不如靠自己 知心伴侣难找 张艺谋全力奔奥运")
    True
    >>> _headline_line("床前明月光 疑是地上霜 举头望明月 低头思故乡")  # a poem
    False
    >>> _headline_line("王建国 李秀英 张明华 刘志强 陈丽娟")  # people: items too short
    False
    """
    stripped = text.strip()
    if _HEADLINE_BREAK.search(stripped):
        return False
    items = [item for item in _HEADLINE_GAP.split(stripped) if item]
    if len(items) < HEADLINE_LINE_ITEMS:
        return False
    sizes = [count_content(item) for item in items]
    low, high = HEADLINE_ITEM_CHARS
    return (all(low <= size <= high for size in sizes) and sum(sizes) >= HEADLINE_MEAN_CHARS * len(sizes)
            and len(set(sizes)) > 1 and 3 * sum(bool(_HAN_CHAR.search(item)) for item in items) >= 2 * len(items))


def _mark_headline_lines(evidence: dict[int, LineEvidence], n: int, first: int, last: int) -> None:
    """In the head and tail zones, a line of headlines run together (:func:`_headline_line`) touching a chrome line
    (one this pass took counts) is a box of other articles: not the head's title, no heading, no line naming a
    document's genre."""
    if first < 0:
        return
    zone = [i for i in [*range(first), *range(last + 1, n)]
            if evidence[i].markable and not evidence[i].heading and not evidence[i].prose
            and not _title_words().search(evidence[i].text) and _headline_line(evidence[i].text)]
    for order in (zone, zone[::-1]):
        for i in order:
            near = [evidence.get(i - 1), evidence.get(i + 1)]
            if not evidence[i].chrome and any(ev is not None and ev.chrome for ev in near):
                evidence[i].chrome = True
                evidence[i].phrases = evidence[i].phrases + [_HEADLINE_PHRASE]


INLINE_RUN_LINES = 3
"""A run of loose lines between the text's paragraphs (see :func:`_inline_runs`) has at least this many lines."""
_INLINE_PROBE = re.compile(r"[。；;!！?？…:：]\s*$|\d|[|｜]|^\s*[^\s:：]{1,8}\s*[:：]")
_LEAD_IN_WORDS = ("如下", "以下", "下列")
_HAN_DATE = re.compile("[〇○零一二三四五六七八九十]{2,4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?")
_ORDINAL_START = re.compile(r"^\s*(?:\d{1,2}[、.．)）]|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|第\S{1,4}[章节部分篇条])")


def _inline_runs(lines: list[Line], evidence: dict[int, LineEvidence], first: int, last: int,
                 analyse: Callable[[int], LineEvidence]) -> tuple[set[int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Runs of at least INLINE_RUN_LINES short lines that are no sentence between the first and the last
    clean-prose line (a related list's headlines, a box's links, a site menu printed one item a line inside the
    text, a page printed twice), the lines analysed to find them, and in them the runs of loose lines (see
    :func:`_loose_line`). A cheap look at the raw line first (short, no digit, no sentence end, no lead-in), then
    the shape of the lines in runs long enough. A run under a lead-in (以下几个领域:), a numbered item or an
    issuer's name (a signature), or holding a date written in Han numerals, is the text's own enumeration or
    signature block. :func:`_mark_loose_edge_lines` takes a loose run when two thirds of its lines share no word
    with the document's text, and any run when three of its lines are the text of chrome lines elsewhere (not of a
    contents list's entries, which repeat the text's own headings).

    >>> page = chr(10).join(["河堤步道完成改造重新开放", "沿河步道经过三个月的施工完成改造,新铺设的透水路面已投入使用。",
    ...                    "秋季养生喝什么茶最好", "孩子近视了怎么办", "旧手机如何回收换钱",
    ...                    "管理处表示,下一步将在步道两侧补种乔木,并定期组织志愿者开展巡查活动。"])
    >>> doc = Document.from_text("a.txt", page)
    >>> [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]
    ['秋季养生喝什么茶最好', '孩子近视了怎么办', '旧手机如何回收换钱']
    """
    def short(k: int) -> bool:
        text = lines[k].text.strip()
        return 0 < len(text) <= RECORD_LINE_CHARS and not _INLINE_PROBE.search(text)

    probed: set[int] = set()
    runs, loose = [], []
    for i, j in _runs(short, first + 1, last):
        if j - i < INLINE_RUN_LINES:
            continue
        probed.update(range(i, j))
        above, below = analyse(i - 1), analyse(j)
        if (above.text.endswith(_LEAD_IN_END) or above.text.endswith(_LEAD_IN_WORDS)
                or _ORDINAL_START.match(above.text) or _issuer_line(above)
                or (_DIGIT.search(below.text) and not below.prose and not below.chrome)
                or any(_HAN_DATE.search(lines[k].text) for k in range(i, j))):
            continue
        for a, b in _runs(lambda k: not analyse(k).prose and not evidence[k].heading, i, j):
            if b - a >= INLINE_RUN_LINES:
                runs.append((a, b))
        # An item may end like an issuer's name (孩子近视了怎么办): a run of them (joint issuers) may not.
        for a, b in _runs(lambda k: _loose_line(analyse(k), VALUE_MAX_CHARS, issuers=True)
                          and not _TAIL_REFUSE.search(evidence[k].text), i, j):
            if b - a >= INLINE_RUN_LINES and 3 * sum(map(_issuer_line, map(analyse, range(a, b)))) <= b - a:
                loose.append((a, b))
    return probed, runs, loose


def _body_bounds(analysis: ChromeAnalysis) -> tuple[int, int]:
    """The first and last clean-prose lines that are not chrome (a list of replies is prose but chrome);
    a line between the zones that was never analysed is the body's too."""
    first, last, evidence = analysis.first, analysis.last, analysis.evidence

    def body(i: int) -> bool:
        ev = evidence.get(i)
        return ev is None or (ev.clean_prose and not ev.chrome)

    if first < 0:
        return first, last
    start = next((i for i in range(first, last + 1) if body(i)), -1)
    if start < 0:
        return first, last
    return start, next(i for i in range(last, start - 1, -1) if body(i))


def _blocks(analysis: ChromeAnalysis) -> list[ChromeBlock]:
    first, last = _body_bounds(analysis)
    n = len(analysis.lines)
    runs: list[list[LineEvidence]] = []
    for i in analysis.chrome:
        ev = analysis.evidence[i]
        if runs and runs[-1][-1].index == i - 1:
            runs[-1].append(ev)
        else:
            runs.append([ev])
    blocks = []
    for run in runs:
        if first < 0:
            position = ("head" if run[0].index == 0 else
                        "tail" if run[-1].index == n - 1 else "inline")
        else:
            position = "head" if run[-1].index < first else "tail" if run[0].index > last else "inline"
        phrases: list[str] = []
        kinds: list[str] = []
        for ev in run:
            for p in ev.phrases:
                if p.phrase not in phrases:
                    phrases.append(p.phrase)
                if p.kind not in kinds:
                    kinds.append(p.kind)
        reasons = [f"phrase:{p}" for p in phrases]
        if any(ev.recurring for ev in run):
            reasons.append("batch-template")
        learned = [analysis.probability[ev.index] for ev in run if ev.learned]
        if learned:
            reasons.append("learned")
        reasons.append(f"position:{position}")
        span = Span(run[0].line.start, run[-1].line.end)
        blocks.append(ChromeBlock(span, tuple(ev.line for ev in run), tuple(reasons), position,
                                  tuple(kinds), tuple(phrases), min(learned) if learned else None))
    return blocks
