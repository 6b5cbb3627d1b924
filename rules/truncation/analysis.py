"""The truncation analysis: both ends of a body judged once, shared by TR001 and TR002.

:func:`truncation_analysis` (memoised per document and options) reads the body
(:mod:`~scrapegate.rules.truncation.body`), asks the generic questions here (does the last line
finish a sentence, does the first continue one, does the body open with a connective or unindented),
and adds the numbering (:mod:`~scrapegate.rules.truncation.sequences`), genre
(:mod:`~scrapegate.rules.truncation.genre`), tail (sign-offs, footer chrome, pagers, tables) and cue
(closing and opening lines) evidence. Each side gets a verdict: a span, signals, the model's features,
the probability that it was cut (:mod:`~scrapegate.rules.truncation.model`) and the kind of cut.
"""

from __future__ import annotations

import math
from bisect import bisect_right
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Span
from scrapegate.checks.textnorm import HAN_CHARS, HEADING_ORDINAL, han_count
from scrapegate.rules.boilerplate.chrome import chrome_analysis, non_blank_lines, simplify_chars
from scrapegate.rules.truncation.body import (
    BAR_CHARS,
    Body,
    figure_cut_short,
    table_cells,
    Ordinal,
    Paragraph,
    Signal,
    TruncationOptions,
    strip_tags,
)
from scrapegate.rules.truncation.data import HAN, connectives_by_first, cues, sentence_end_mark, tail_patterns
from scrapegate.rules.truncation.genre import GenreChecks, GenreMatch
from scrapegate.rules.truncation.model import (SCORE_ONLY, EdgeTables, Model, edge_features,
                                              edge_paragraph_texts, model)
from scrapegate.rules.truncation.sequences import SequenceChecks
from scrapegate.rules.truncation.shape import (
    MIN_PROSE_CHARS,
    body_type,
    chapter_headings,
    end_shape,
    outline_shape,
    part_title,
    start_shape,
)

_SPACES = re.compile(r"[ \u3000]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_INNER_PUNCT = re.compile(r"[，,、；;：:。！？!?“”「」《》（）()]")
# Punctuation inside a short line that makes it a sentence rather than a label (来自: 某某 > 《栏目》) or
# a name: a colon, title marks and brackets alone do not.
_SENTENCE_PUNCT = re.compile(r"[，,、；;。！？!?“”「」]")
FIELD_RUN = 3
_FIELD_LINE = re.compile(r"[^\s：:]{1,8}\s*[：:]\s*\S.{0,38}")
SHARE_SAMPLE = 40
UNUSUAL_START = -0.5  # sentence-start score at or below which a prose opening is evidence of a cut
PROSE_OPENING_CHARS = 12
KEPT_LINES_MAX = 12  # lines looked at from the opening for the prose a cut left under kept lines
MID_WORD = -0.5  # word-start score (a log-ratio of -3) at or below which an opening is mid-word
SHAPE_MIN_PROSE = 3  # prose paragraphs a body needs before its edges' shape is evidence
CHROME_LIKELY = 0.6  # the boilerplate scorer's chrome probability that counts as evidence
CHROME_RUN = 3  # trailing chrome-shaped lines skipped at most to reach the text
SHORT_LINE_RUN = 3  # short unpunctuated lines in a row that make a list, not a heading and its section
CLOSING_ARTICLE_LINES = 6  # paragraphs of the last article read for its closing clause
TABLE_WIDTH_ROWS = 3  # rows above the last one a table's full width is read from
_APPENDIX_LINE = re.compile(r"^附", re.MULTILINE)  # where an attachment head (truncation_tail.json) may start
_LATER_ATTACHMENT = re.compile(r"附件\s*(?:[2-9]|[1-9]\d|[２-９])")  # a numbered attachment after the first
_BULLET = re.compile(r"^(?:——|—|•|·|●|■|◆|▪|-|\*)")
# A headline a flattened page ran into its lead, set off by a space (《桃園誌》創刊號發行 多元呈現… 桃園市政府…).
_HEADLINE_RUN = re.compile(f"[{HAN_CHARS}《》「」“”]{{6,40}}[ \u3000]")
HEADINGS_ABOVE_PROSE = 3  # heading lines above the prose they head (the opening's included) are fewer than this
# A clause of one Han character opening the body (元，各项指标… ; 局。各級…): the tail of a word cut off.
# Numerals and 甲乙丙丁 are list numbers (一，坚持…), not a word's tail.
_ONE_CHAR_CLAUSE = re.compile(f"(?![〇一二三四五六七八九十百千两甲乙丙丁])[{HAN_CHARS}][，,。；;]")
# A first sentence of a few characters and a figure (长14.1%。, 降3.3%。): the end of a statistic's sentence cut
# off above it. Not a list number (一。, 1。) nor a bracketed item. Without a figure, a few characters are as often a
# whole utterance (大家好！ 是的。 谢谢。 on speeches and forum pages) as a word's tail (任務。): not evidence.
_FIRST_SENTENCE = re.compile(r"(?![〇一二三四五六七八九十\d（(])[^。！？!?；;，,、：:\s]{1,12}[。！？!?；;]")
_FIGURES = re.compile(r"[0-9０-９]")  # a figure's digit, ASCII or full width
# A first clause that is a figure with its unit and nothing else (6亿元，… ; 0%，增速…): the tail of a figure (42.6亿元) whose
# sentence began above the cut. Not a date or a time (2024年， 30日， 10时，), which opens a sentence as its adverbial.
_FIGURE_CLAUSE = re.compile(f"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[%％]|(?![年月日时時点點号號分秒周週天期届屆次版])[{HAN_CHARS}]{{1,3}})[，,；;。]")
_TABLE_CAPTION = re.compile(r"(?:附\s*)?表\s*[0-9０-９一二三四五六七八九十]+(?![0-9０-９.．、，,：:])")  # 表2  主要指标, 附表1
SHORT_SENTENCE_HAN = 3
SHORT_SENTENCE_FOLLOWED = 8  # characters of the paragraph after it: a body that is one short sentence (正文。) is no cut
# Closing marks whose opener is another character; an opener seen first balances one.
_PAIRED = {"”": "“", "」": "「", "』": "『", "》": "《", "）": "（", "〉": "〈", "】": "【", "〕": "〔", ")": "("}
_PAIR_OPENERS = {v: k for k, v in _PAIRED.items()}
_ANY_PAIRED = re.compile("[" + "".join(_PAIRED) + "]")
# End evidence of an unfinished structure that says, like a broken sentence, that a passage stops inside its text.
STRUCTURAL_END = frozenset({"sequence-unfinished", "stops-before-closing-part", "notes-missing"})
EXCERPT_PARAGRAPHS = 4  # an untitled body this short is a snippet lifted from a text (see _mark_excerpt_end)
# Start evidence that a passage opens inside a text rather than at a later page or a plain unusual opening.
EXCERPT_START = frozenset({"opens-mid-sentence", "opens-inside-sequence", "opens-above-gap", "opens-with-connective"})
_LIST_CLOSERS = "）】〕)"  # brackets also close list numbers (一）, 1】); quotation and title marks never do
# A figure with a unit of time before the bracket (17日), 2020年）): an aside's tail, never a list number.
_DATED_CLOSE = re.compile(r"[0-9０-９]+[年月日时時分号號]$")
CLOSER_SEARCH = 40  # characters of the opening read for a closer with no opener
LEAD_WORDS = 8  # characters a last line under a lead-in or heading needs to be words of a sentence
HEADING_LINE_CHARS = 40  # a numbered line up to this long with no end mark is a heading


@dataclass
class SideVerdict:
    """One end's evidence (``signals``, and the model's ``features``), what the model makes of it (the
    ``probability`` that this end was cut) and the kind of cut the evidence points to."""

    where: str
    span: Span | None = None
    signals: list[Signal] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    kind: str | None = None
    edge_text: str = ""  # the opening paragraph (start) or the judged final paragraph (end)
    sentence_text: str = ""  # start: the opening when it is prose (its first characters are scored)
    in_item: bool = False  # start: the opening is the unnumbered rest of an item above the sequence's later items
    under_gap: str = ""  # start: the prose right under kept opening lines (a heading whose numbering then jumps, ...)


@dataclass
class TruncationAnalysis:
    genre: GenreMatch | None
    start: SideVerdict
    end: SideVerdict


def truncation_analysis(doc: Document, ctx: BatchContext,
                        options: TruncationOptions | None = None) -> TruncationAnalysis:
    """The shared, memoised analysis of both ends of ``doc``'s body."""
    options = options or TruncationOptions()
    return doc.batch_memo(ctx, _memo_key(options), lambda: _Analyser(doc, ctx, options).run())


@lru_cache(maxsize=64)
def _memo_key(options: TruncationOptions) -> str:
    """The analysis's memo key for ``options`` (made once per options: a dataclass repr costs ~20 µs)."""
    # The thresholds only change the severity a rule reports: TR001 and TR002 share the analysis.
    return f"truncation:{replace(options, warn_at=None, error_at=None)!r}"


def analyse_group(docs: Sequence[Document], ctx: BatchContext, options: TruncationOptions) -> None:
    """:func:`truncation_analysis` of each document of a group not analysed yet, memoised as it memoises it,
    with every document's edge paragraphs looked up in the edge tables at once
    (:meth:`~scrapegate.rules.truncation.model.EdgeTables.paragraphs_many`: the same scores). A document whose
    analysis raises is left out: analysed alone, it meets the exception where the run records it.

    >>> from scrapegate.checks.context import BatchContext
    >>> docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(["关于印发通知的函\\n各单位：现将有关事项通知如下。\\n特此通知。", "，并且要求各部门在本月底前"])]
    >>> ctx = BatchContext.build(docs)
    >>> analyse_group(docs, ctx, TruncationOptions())
    >>> [doc.batch_memoised(ctx, _memo_key(TruncationOptions())) for doc in docs]
    [True, True]
    >>> [truncation_analysis(doc, ctx).start.probability for doc in docs] == [
    ...     _Analyser(doc, BatchContext.build(docs), TruncationOptions()).run().start.probability for doc in docs]
    True
    """
    key = _memo_key(options)
    pending = []
    for doc in docs:
        if doc.batch_memoised(ctx, key):
            continue
        try:
            analyser = _Analyser(doc, ctx, options)
            pending.append((doc, analyser, analyser.evidence()))
        except Exception:
            continue
    edged = [(analysis.start.edge_text, analysis.end.edge_text) for _, analyser, analysis in pending
             if not analyser._no_text]
    scores = iter(model().edges.paragraphs_many([edge_paragraph_texts(opening, closing) for opening, closing in edged]))
    for doc, analyser, analysis in pending:
        try:
            weighed = analyser.weigh(analysis, None if analyser._no_text else next(scores))
        except Exception:
            continue
        doc.batch_memo(ctx, key, lambda: weighed)  # noqa: B023 (called at once)


def truncation_evidence(doc: Document, ctx: BatchContext,
                        options: TruncationOptions | None = None) -> TruncationAnalysis:
    """Both ends' signals and model features without the model's verdict (for training; not memoised)."""
    return _Analyser(doc, ctx, options or TruncationOptions()).evidence()


class _Analyser:
    def __init__(self, doc: Document, ctx: BatchContext, options: TruncationOptions) -> None:
        self.body = Body(doc, ctx, options)
        self.genres = GenreChecks(self.body)
        self.sequences = SequenceChecks(self.body)

    def evidence(self) -> TruncationAnalysis:
        """Both ends' signals and features, not yet weighed by the model."""
        genre = self.genres.detect() if self.body.options.genre_checks else None
        if self._no_text:
            return TruncationAnalysis(genre, SideVerdict("start"), SideVerdict("end"))
        start, end = self._start(genre), self._end(genre)
        if self.body.options.structural:
            self._mark_excerpt_opening(start, end)
            self._mark_excerpt_end(start, end)
        shared = self._shared_features(genre)
        start.features.update(shared)
        end.features.update(shared)
        return TruncationAnalysis(genre, start, end)

    def run(self) -> TruncationAnalysis:
        return self.weigh(self.evidence())

    def weigh(self, analysis: TruncationAnalysis, paragraph_scores: tuple[float, float] | None = None) -> TruncationAnalysis:
        """The model's verdict on the evidence (``paragraph_scores``: the edge tables' scores of the opening and
        the final paragraph, when a group's look-up made them; see :func:`analyse_group`)."""
        if self._no_text:
            return analysis
        start, end = analysis.start, analysis.end
        m = model()
        add_edge_evidence(m.edges, start, end, paragraph_scores)
        for verdict in (start, end):
            verdict.probability = round(m.probability(verdict.where, verdict.features), 4)
        # Cut at both ends with no title above: a passage from the middle of a text.
        warn_at = self.body.options.warn_at
        if reported(start, m, warn_at) and reported(end, m, warn_at) and self.body.header == 0:
            start.kind = end.kind = "middle-excerpt"
        return analysis

    @cached_property
    def _no_text(self) -> bool:
        """The body has no paragraph, or only lines that end a page, not a text (a footer, a contact line,
        a sign-off: the chrome pass took the rest): there is no text whose ends could be cut."""
        return all(self.body.tail_extra(p) is not None for p in self.body.paragraphs)

    def _shared_features(self, genre: GenreMatch | None) -> dict[str, float]:
        paragraphs = self.body.paragraphs
        text_chars = len(self.body.joined) - len(paragraphs) + 1  # the texts alone: the joined text less its line breaks
        rest = paragraphs[self.body.header:]
        if len(rest) > 2 * SHARE_SAMPLE:  # the share is read from both ends of a long body
            rest = rest[:SHARE_SAMPLE] + rest[-SHARE_SAMPLE:]
        sentences = sum(self.body.ends_sentence(p) for p in rest) / len(rest) if rest else 0.0
        return {
            "genre": float(genre is not None),
            "body-size": min(math.log10(text_chars + 1) / 5.0, 1.0),
            "sentence-share": sentences,
        }

    def _start(self, genre: GenreMatch | None) -> SideVerdict:
        paragraphs = self.body.paragraphs
        opening = paragraphs[self.body.header]
        verdict = SideVerdict("start", self.body.first_sentence_span(opening))
        first = paragraphs[0]
        hard = (self._continuation_start(first) or (opening is not first and self._continuation_start(opening))
                or self._continuation_below_heading(opening))
        if hard:
            verdict.signals.append(hard)
        if not self.body.options.structural:
            return self._start_features(verdict, opening)
        row = None if hard else self._row_cut_at_start()
        if row is not None:
            p, cells, width = row
            verdict.span = Span(p.start, p.end)
            verdict.signals.append(Signal(
                "opens-mid-row", True,
                f"the body's first table row ({p.text[:24]!r}) has {cells} cells where the two rows under it have "
                f"{width}: the text opens inside a table row, its beginning cut away", expected=f"{width} cells",
                found=f"{cells} cells"))
        orphan = self.sequences.orphan_ordinal() or self.sequences.gap_after_first()
        if orphan:
            verdict.signals.append(orphan)
        connective = self._opening_connective(opening)
        if connective:
            verdict.signals.append(connective)
        indent = self._unindented_opening(opening)
        if indent:
            verdict.signals.append(indent)
        if genre:
            verdict.signals.extend(self.genres.start_signals(genre))
        later = self._pager_line(self.body.doc_head_lines(), cues().pager_later)
        if later:
            verdict.signals.append(Signal("later-page", False,
                                          f"a pager above the text ({later!r}) says this is a later page of the "
                                          f"article: its first page is missing", found=later))
        return self._start_features(verdict, opening)

    def _start_features(self, verdict: SideVerdict, opening: Paragraph) -> SideVerdict:
        names = {s.name for s in verdict.signals}
        verdict.features = {name: 1.0 for name in names}
        firsts = {opening.text, self.body.paragraphs[0].text}
        verdict.features["opening-line"] = float(any(cues().opening.search(t) for t in firsts))
        verdict.features["title-lines"] = min(self.body.header, 3) / 3.0
        verdict.features.update(start_shape(self.body, opening))
        first = self.body.paragraphs[0].text
        # A headline with commas is no title line for the body's layout, but it is a title; a numbered
        # heading (一、…, （一）…) is not: it heads a part of a text whose title is gone.
        titled = self.body.header or (len(first) <= self.body.options.header_max_chars
                                      and not self.body.is_terminated(first) and not self.body.ends_with_lead_in(first)
                                      and self.body.line_ordinal(0) is None)
        verdict.features["title-shaped-line"] = float(bool(titled))
        # a one-paragraph body has no opening apart from its text (a page without paragraph tags runs its title in)
        verdict.features["opening-apart"] = float(len(self.body.paragraphs) > 1)
        # Short bodies too, when the opening stands apart: the signal only makes the end reportable from the
        # score-only threshold, and the model weighs the body's size (untitled short notes stay far below it).
        if (self.body.options.structural and not verdict.signals and not titled
                and not verdict.features["opening-line"] and verdict.features["opening-apart"]):
            verdict.signals.append(Signal(
                "untitled-opening", False, "the body has no title line and no opening line (an address, a "
                "dateline, a purpose clause): it reads like a text that starts after its beginning"))
        verdict.edge_text = opening.text
        verdict.sentence_text = opening.text if self._prose_opening(opening) else ""
        verdict.kind = ("pagination" if "later-page" in names else
                        "mid-sentence" if names & {"opens-mid-sentence", "opens-mid-row"} else "paragraph-boundary")
        verdict.in_item = self._opens_in_item(opening, names)
        verdict.under_gap = self._prose_under_gap(opening, names)
        return verdict

    def _prose_under_gap(self, opening: Paragraph, names: set[str]) -> str:
        """The paragraph right under an opening numbered heading whose numbering jumps next (第 1 條 …
        第 13 條: ``opens-above-gap``) when it has no number of its own: what is left of the text the cut
        took, whose first characters say whether the cut fell inside a sentence; "" otherwise.

        >>> def under_gap(text):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     a = _Analyser(doc, BatchContext.build([doc]), TruncationOptions())
        ...     return a.evidence().start.under_gap
        >>> rest = "\\n第 5 條\\n申請人應向受理機構繳納相關審查費。\\n第 6 條\\n本辦法自發布日施行。"
        >>> under_gap("某某辦法\\n第 1 條\\n型式驗證，應繳納驗證行政規費，並得由驗證機構代收之。" + rest)
        '型式驗證，應繳納驗證行政規費，並得由驗證機構代收之。'
        >>> under_gap("某某辦法\\n第 1 條" + rest), under_gap("某某辦法\\n第 1 條\\n表2  2025年主要指標完成情況" + rest)
        ('', '')
        """
        k = opening.index + 1
        if "opens-inside-sequence" in names and "opens-above-gap" not in names:
            return self._prose_under_kept_lines(opening)
        if "opens-above-gap" not in names or self.body.line_ordinal(opening.index) is None or k >= len(self.body.paragraphs):
            return ""
        below = self.body.paragraphs[k]
        # prose: a caption or a heading under the kept one (表2  2025年主要指标完成情况) starts no sentence
        return below.text if self._cut_prose(below) else ""

    def _prose_under_kept_lines(self, opening: Paragraph) -> str:
        """A body opening inside a numbered sequence (``opens-inside-sequence``) whose first paragraph with a
        sentence or clause mark has no number of its own and stands under nothing but lines without one (the
        title's history lines past the title lines, ``2015年4月24日 …第二次修正``) or a part's first heading
        (``第一章 总则``, ``第 1 條``): the text the cut left, above the sequence's later items. "" otherwise (an
        opening that is a numbered item, or prose under a later heading, begins a whole part).

        >>> def kept(text):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     a = _Analyser(doc, BatchContext.build([doc]), TruncationOptions())
        ...     return a.evidence().start.under_gap
        >>> rest = "\\n三、現地勘查及記錄。\\n四、依前二款資料作成調查成果。"
        >>> kept("某某辦法\\n第 1 條\\n電子地圖等圖資，並進行影像判釋。" + rest)
        '電子地圖等圖資，並進行影像判釋。'
        >>> kept("某某辦法\\n第 3 條\\n電子地圖等圖資，並進行影像判釋。" + rest), kept("某某辦法\\n第 1 條" + rest)
        ('', '')
        """
        paragraphs = self.body.paragraphs
        for p in paragraphs[opening.index: opening.index + KEPT_LINES_MAX]:
            ordinal = self.body.line_ordinal(p.index)
            if _SENTENCE_PUNCT.search(p.text):
                return p.text if self._cut_prose(p) else ""
            if ordinal is not None and ordinal.value != 1:
                return ""
        return ""

    def _row_cut_at_start(self) -> tuple[Paragraph, int, int] | None:
        """(the row, its cells, the cells of the rows under it) when the body's first table row, above any
        sentence (a numbered heading is none), has fewer cells than the two rows under it, which agree
        (``.7  0.4`` above ``第一产业增加值  962.2  5.8``): the cut fell inside that row. A complete text's
        table opens with its header row, as wide as its rows (a caption has no cells).

        >>> def in_row(text):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     row = _Analyser(doc, BatchContext.build([doc]), TruncationOptions())._row_cut_at_start()
        ...     return row and (row[0].text, row[1], row[2])
        >>> rows = "\\n粮食总产量  905.7  7.2\\n地区生产总值  685.4  1.0\\n全年粮食总产量6718.83亿元，比上年下降9.3%。"
        >>> in_row("某市统计公报\\n一、农业\\n数  比上年增长(%)" + rows), in_row("指标  绝对数  比上年增长(%)" + rows)
        (('数  比上年增长(%)', 2, 3), None)
        """
        paragraphs = self.body.paragraphs
        for k, p in enumerate(paragraphs[:KEPT_LINES_MAX]):
            cells = table_cells(p.text)
            if cells:
                below = [table_cells(q.text) for q in paragraphs[k + 1:k + 3]]
                cut = len(below) == 2 and below[0] == below[1] and cells < below[0]
                return (p, cells, below[0]) if cut else None
            heading = len(p.text) <= self.body.options.short_line_chars and (
                self.body.line_ordinal(p.index) is not None or HEADING_ORDINAL.match(p.text))
            if _SENTENCE_PUNCT.search(p.text) and not heading:
                return None
        return None

    def _cut_prose(self, p: Paragraph) -> bool:
        """A paragraph with a sentence or clause mark and no number of its own (a caption, 表2  2025年主要指标完成情况,
        or a numbered item is none), however short: what a cut above it may have left of a sentence."""
        return (self.body.line_ordinal(p.index) is None and not HEADING_ORDINAL.match(p.text)
                and _SENTENCE_PUNCT.search(p.text) is not None)

    def _opens_in_item(self, opening: Paragraph, names: set[str]) -> bool:
        """The body opens inside a numbered sequence with a sentence that has no number of its own, above
        the numbered items: the rest of the item before them."""
        return ("opens-inside-sequence" in names and self.body.line_ordinal(opening.index) is None
                and _SENTENCE_PUNCT.search(opening.text) is not None)

    @cached_property
    def _has_body(self) -> bool:
        """Enough prose (SHAPE_MIN_PROSE paragraphs) for an edge to read like the body or not: a short
        note says nothing by its shape."""
        found = 0
        for p in self.body.paragraphs:
            if len(p.text) >= MIN_PROSE_CHARS and self.body.ends_sentence(p):
                found += 1
                if found >= SHAPE_MIN_PROSE:
                    return True
        return False

    def _prose_opening(self, opening: Paragraph) -> bool:
        """The opening is a sentence, not a heading or a numbered item: only then do its first characters
        say whether a sentence starts there. A lead-in sentence ending with a colon is one (…现就有关事项通知如下：,
        the rest of a notice's first sentence under a cut)."""
        text = opening.text
        return (len(text) >= PROSE_OPENING_CHARS and self.body.line_ordinal(opening.index) is None
                and not HEADING_ORDINAL.match(text))

    def _continuation_start(self, p: Paragraph) -> Signal | None:
        text = p.text
        head = text[0]
        if head in self.body.punct.continuation_start and not text.startswith(("……", "——")):
            return Signal("opens-mid-sentence", True,
                          f"the body opens with {head!r}, the continuation of a sentence cut off above it",
                          found=text[:12])
        if head in self.body.punct.particles and not text.startswith(self.body.punct.particle_exemptions):
            return Signal("opens-mid-sentence", True,
                          f"the body opens with the particle {head!r}, which cannot begin a sentence",
                          found=text[:12])
        closer = _unmatched_closer(text)
        if closer is not None:
            return Signal("opens-mid-sentence", True,
                          f"the body's first sentence holds {text[closer]!r} with no {_PAIRED[text[closer]]!r} before "
                          f"it: the quotation or title it closes began above the cut", found=text[:closer + 1])
        if _ONE_CHAR_CLAUSE.match(text):
            return Signal("opens-mid-sentence", True,
                          f"the body opens with the one-character clause {text[:2]!r}: the tail of a word or "
                          f"sentence cut off above it", found=text[:12])
        figure = _FIGURE_CLAUSE.match(text)
        if figure:
            return Signal("opens-mid-sentence", True,
                          f"the body's first clause is only a figure and its unit ({figure.group()!r}): the end of a "
                          f"figure whose sentence was cut off above it", found=figure.group())
        short = _short_first_sentence(text)
        if short:
            return Signal("opens-mid-sentence", True,
                          f"the body's first sentence is {short!r}, a figure and at most {SHORT_SENTENCE_HAN} "
                          f"characters: the last words of a sentence whose rest was cut off above", found=short)
        first_word = text.split(None, 1)[0]
        if (head.islower() and head.isascii() and first_word.islower() and len(_LATIN_WORD.findall(text)) >= 3
                and not HAN.search(text[:40])):  # iPhone, eBay: lower-case names are not fragments
            return Signal("opens-mid-sentence", True,
                          "the body opens with a lower-case word, in the middle of a sentence", found=text[:12])
        return None

    def _continuation_below_heading(self, opening: Paragraph) -> Signal | None:
        """The first prose paragraph under the opening's heading lines (一、综合, 第 1 條: the opening
        and the lines after it, fewer than HEADINGS_ABOVE_PROSE in all) opens mid-sentence: the text
        under the heading was cut."""
        paragraphs = self.body.paragraphs
        k = opening.index
        while k < len(paragraphs) and k - opening.index < HEADINGS_ABOVE_PROSE and self._heading_line(paragraphs[k]):
            k += 1
        if k == opening.index or k >= len(paragraphs) or k - opening.index >= HEADINGS_ABOVE_PROSE:
            return None
        return self._continuation_start(paragraphs[k])

    def _heading_line(self, p: Paragraph) -> bool:
        """A short line that is no sentence (a heading, an article's number line)."""
        return (len(p.text) <= self.body.options.header_max_chars and not self.body.is_terminated(p.text)
                and not self.body.ends_with_lead_in(p.text)
                and (self.body.line_ordinal(p.index) is not None or not _SENTENCE_PUNCT.search(p.text)))

    def _opening_connective(self, p: Paragraph) -> Signal | None:
        text = p.text
        for c in connectives_by_first().get(text[:1], ()):
            if not text.startswith(c.text):
                continue
            rest = text[len(c.text):len(c.text) + 1]
            if c.comma and rest not in (",", "，", "、"):
                continue
            if rest.isascii() and rest.isalpha():
                continue
            return Signal("opens-with-connective", False,
                          f"the first paragraph opens with {c.text!r}, which refers back to text that is "
                          f"not there", found=c.text)
        return None

    def _unindented_opening(self, opening: Paragraph) -> Signal | None:
        rest = self.body.paragraphs[self.body.header + 1:]
        if opening.indented or len(rest) < self.body.options.indent_min_paragraphs:
            return None
        if len(opening.text) <= self.body.options.header_max_chars and not self.body.is_terminated(opening.text, strict=True):
            return None  # a title-like line (with a comma, so not taken as a title line), not a paragraph
        share = sum(p.indented for p in rest) / len(rest)
        if share < self.body.options.indent_share or self.body.line_ordinal(opening.index) is not None:
            return None
        if opening.start == 0:
            # at the text's very first character the missing indentation is weaker evidence: a whole text
            # stripped of its leading white space (a scraper's or a copy's strip) loses exactly this one
            return Signal("unindented-text-start", False,
                          f"the text's first line is not indented while {share:.0%} of the other paragraphs are: "
                          f"it may start in the middle of a paragraph (or the text was stripped of its leading "
                          f"white space)")
        return Signal("opens-mid-paragraph", False,
                      f"the first paragraph is not indented while {share:.0%} of the others are: "
                      f"it probably starts in the middle of a paragraph")

    def _end(self, genre: GenreMatch | None) -> SideVerdict:
        main_end, last, skipped = self._judged_tail()
        verdict = SideVerdict("end", self.body.last_sentence_span(last))
        table = self._table_tail(main_end)
        rows, width, partial, _ = table if table is not None else (0, 0, 0, False)
        figure = None if table is None or partial else figure_cut_short(
            [p.text for p in self.body.paragraphs[main_end - rows:main_end]])
        if partial:
            verdict.signals.append(Signal(
                "stops-mid-row", True,
                f"the body stops inside a table: its last row has {partial} cells where the rows above "
                f"have {width}", expected=f"{width} cells", found=f"{partial} cells"))
        elif self._unclosed_bar_row(last):
            row = last.text.strip()[-30:]
            verdict.signals.append(Signal(
                "stops-mid-row", True,
                f"the body stops inside a table row ({row!r}): the row opens with its bar and does not close, as "
                "the rows above it do", expected="a row closed by '|'", found=row))
        elif figure is not None:
            cell, places = figure
            verdict.signals.append(Signal(
                "stops-mid-figure", True,
                f"the body stops inside a table row: its last figure ({cell!r}) has fewer decimal places than "
                f"the {places} its column shows in the rows above: the row was cut inside that figure",
                expected=f"{places} decimal places", found=cell))
        elif table is not None:
            verdict.signals.append(Signal(
                "ends-in-table", False, f"the body stops at the end of a {rows}-row table with no text after it"))
        elif self._header_row_only(last):
            verdict.signals.append(Signal(
                "stops-mid-row", True,
                f"the body stops at a table's header row ({last.text[:40]!r}) with no row under it: the table "
                f"was cut after its first line", expected="the table's rows", found=last.text[:40]))
        else:
            local = self._tail_line_signal(last)
            if local:
                verdict.signals.append(local)
        pager = self._pager_line(self.body.doc_tail_lines(), cues().pager)
        if pager:
            verdict.signals.append(Signal("pagination", False,
                                          f"a pager under the text ({pager!r}) says the article goes on on "
                                          f"further pages that were not fetched", found=pager))
        closed = None
        if self.body.options.structural:
            closed = self.genres.closing(genre, main_end) if genre else None
            if closed is None:
                verdict.signals.extend(self.sequences.unfinished(main_end))
                if genre:
                    verdict.signals.extend(self.genres.end_signals(genre))
            verdict.signals.extend(self.sequences.missing_notes())
            verdict.signals = _dedupe(verdict.signals)
        names = {s.name for s in verdict.signals}
        verdict.features = {name: 1.0 for name in names}
        tail_texts = [last.text] + [p.text for p in self.body.paragraphs[last.index + 1:main_end]]
        if pager and self._pager_above(pager, last):
            # page 1's pager says the text goes on: a closing clause or exhortation under it is what the page kept
            # of the text's last page (or its template), not this text's close
            tail_texts = []
        verdict.features["closing-line"] = float(any(cues().closing.found_in(t) or _exclaimed(t) for t in tail_texts))
        verdict.features["closing-above"] = float(not verdict.features["closing-line"] and self._closing_above(last))
        verdict.features["genre-closing"] = float(closed is not None)
        # Sign-off lines say the page ended, and that the text did only above a finished sentence: a
        # page that lost a block keeps its date and source under the cut.
        verdict.features["signed-off"] = float("signoff" in skipped and self.body.is_terminated(last.text))
        verdict.features["last-line-length"] = min(len(last.text) / 200.0, 1.0)
        verdict.features["table-captioned"] = float(table is not None and table[3])
        # Only a finished paragraph can read like an ending or like the body (a fragment or a table row
        # is evidence of its own).
        if table is None and self.body.is_terminated(last.text):
            verdict.features.update(end_shape(self.body, last))
        # A genre's expectation of a closing, learnt per structural type (the model's weight for an
        # unclosed body with numbered articles, with sections, under an address line).
        unclosed = not (verdict.features["closing-line"] or verdict.features["genre-closing"]
                        or verdict.features["closing-above"])
        types = body_type(self.body)
        verdict.features.update(types)
        verdict.features.update(outline_shape(self.body, last))
        verdict.features["unclosed"] = float(unclosed)
        # Only a text of numbered articles (第N条) owes a closing chapter: a plan, report or book in
        # chapters ends on its last chapter's matter (保障措施, 组织实施) when whole.
        penalties = False
        if (unclosed and self.body.options.structural and not verdict.features.get("closing-part")
                and types["articled"]):
            chapters = chapter_headings(self.body, last)
            if len(chapters) >= 2:
                heading = self.body.paragraphs[chapters[-1]].text
                penalties = cues().before_closing_part.search(_SPACES.sub("", part_title(heading))) is not None
                verdict.signals.append(Signal(
                    "stops-before-closing-part", False,
                    f"the body is written in chapters and stops inside {heading!r}, with no entry-into-force "
                    f"clause and no closing chapter (附则): the chapters after it are missing",
                    expected="a closing chapter (附则) or an entry-into-force clause", found=heading))
                verdict.features["stops-before-closing-part"] = 1.0
            else:  # articles without chapters: the penalty articles come right before the closing ones
                penalties = cues().penalty_article.search(last.text) is not None
        for name, value in types.items():
            verdict.features[f"unclosed-{name}"] = value * unclosed
        if (unclosed and not verdict.features["signed-off"] and not verdict.signals and self.body.options.structural
                and self._has_body):
            verdict.signals.append(Signal(
                "no-ending", False, "the body ends with a paragraph like its others (no closing line, no "
                "sign-off): it reads like a text cut at a paragraph boundary"))
        verdict.edge_text = last.text if table is None else ""
        verdict.kind = _end_kind(names, genre is not None)
        if (verdict.kind == "paragraph-boundary" and names & {"stops-after-heading", "heading-shaped-last-line"}
                and self._sentence_line(last, types["articled"] > 0)):
            # a line that should hold a sentence, with nothing under it and no mark at its end: the cut fell
            # inside it (the kind of the cut, not evidence)
            verdict.kind = "mid-sentence"
        if penalties and verdict.kind == "paragraph-boundary":
            # stopped in the chapter (法律责任) or on the article a law puts right before its closing ones
            verdict.kind = "before-closing"
        return verdict

    def _mark_excerpt_opening(self, start: SideVerdict, end: SideVerdict) -> None:
        """A body with no title and no opening line that opens with a finished paragraph, a numbered
        heading (一、…: a part of a text, not its title) or is one paragraph, and whose end is broken
        (a sentence or a table row cut short) or unfinished in its structure (an announced list, a law's
        closing chapter, cited notes: not a pager, under which page 1 keeps its beginning) is a passage
        lifted from a text: the page that lost the text's end kept no sign of its beginning either, so the
        opening is evidence of a cut too (weighed by the model). An unfinished first line is a headline,
        however long; so is the start of a one-paragraph body up to a space (a headline the page ran into
        its lead)."""
        if start.features.get("title-shaped-line") or start.features.get("opening-line"):
            return
        if not any(s.hard or s.name in STRUCTURAL_END for s in end.signals):
            return
        first = self.body.paragraphs[0]
        if (len(self.body.paragraphs) > 1 and not self.body.is_terminated(first.text)
                and self.body.line_ordinal(0) is None):
            return
        if len(self.body.paragraphs) == 1 and _HEADLINE_RUN.match(first.text):
            return
        start.signals.append(Signal("untitled-above-cut-end", False,
                                    "the body has no title and no opening line, and its end is cut: a passage "
                                    "from the middle of a text, its beginning missing too"))
        start.features["untitled-above-cut-end"] = 1.0

    def _mark_excerpt_end(self, start: SideVerdict, end: SideVerdict) -> None:
        """The mirror of :meth:`_mark_excerpt_opening`: a body with no title and no opening line whose
        opening is cut (a sentence continued, a numbered sequence entered late or above a gap, a connective
        with no predecessor; not a later page's pager, under which the last page keeps its end) is a passage
        lifted from a text, so its end may be missing too. Evidence weighed by the model with the end's own
        (a start-cut page that keeps its closing or sign-off scores far below the threshold), and like the
        body's shape it makes the end reportable only from the score-only threshold. A short body (at most
        EXCERPT_PARAGRAPHS paragraphs) with no title and no opening line (``untitled-opening``) is such a
        passage too, however it opens: a snippet of a few paragraphs (the page's title and the text's beginning
        gone) lost its end as often as its beginning. A body of one paragraph is left alone: its opening's
        evidence (a quotation closed that began above) may sit in the very sentence whose end is judged."""
        if start.features.get("title-shaped-line") or start.features.get("opening-line"):
            return
        names = {s.name for s in start.signals}
        snippet = "untitled-opening" in names and len(self.body.paragraphs) <= EXCERPT_PARAGRAPHS
        if "later-page" in names or not (names & EXCERPT_START or snippet) or len(self.body.paragraphs) < 2:
            return
        end.signals.append(Signal("untitled-below-cut-start", False,
                                  "the body has no title and no opening line, and its beginning is cut: a passage "
                                  "from the middle of a text, its end probably missing too"))
        end.features["untitled-below-cut-start"] = 1.0

    def _closing_above(self, last: Paragraph) -> bool:
        """A closing line just above the final paragraph, inside the same last part: the paragraph
        right above it, or any paragraph of the last numbered article (第N条 本条例自…施行。 followed
        by its transitional paragraphs, 本条例施行前…)."""
        paragraphs = self.body.paragraphs
        first = max(self.body.header, last.index - 1)
        for o in reversed(self.body.ordinals):
            if o.paragraph > last.index or o.offset != 0:
                continue
            if o.family.name == "article":
                first = max(self.body.header, min(first, o.paragraph), last.index - CLOSING_ARTICLE_LINES)
            break
        closing = cues().closing
        return any(closing.found_in(p.text) for p in paragraphs[first:last.index])

    def _judged_tail(self) -> tuple[int, Paragraph, set[str]]:
        """(index after the last main-text paragraph, the paragraph whose ending is judged, the kinds of
        tail lines skipped to reach it: sign-offs, footer chrome, a pager); the body has paragraphs
        (:meth:`run` answers for an empty one)."""
        paragraphs = self.body.paragraphs
        end = len(paragraphs)
        head = tail_patterns().attachment_head
        for i in range(max(self.body.header + 1, len(paragraphs) - self.body.options.attachment_search), len(paragraphs)):
            if len(paragraphs[i].text) <= self.body.options.header_max_chars and head.search(paragraphs[i].text):
                end = i
                break
        if end == len(paragraphs):
            # an appendix right under the text's closing clause (本办法自…起施行。 then 附录, 附件), however long;
            # the paragraphs opening with 附 found in the joined text, not by a loop over every paragraph
            closing = cues().closing
            for m in _APPENDIX_LINE.finditer(self.body.joined):
                j = bisect_right(self.body.starts, m.start()) - 1
                if (j >= self.body.header + 2 and len(paragraphs[j].text) <= self.body.options.header_max_chars
                        and head.search(paragraphs[j].text) and closing.found_in(paragraphs[j - 1].text)):
                    end = j
                    break
        if end < len(paragraphs) and _LATER_ATTACHMENT.match(paragraphs[end].text):
            # 附件6 near the end of a run of long attachments: the text ends above the first one (附件1, or
            # the 附件： list under the text), wherever it is.
            end = next((j for j in range(self.body.header + 1, end)
                        if len(paragraphs[j].text) <= self.body.options.header_max_chars
                        and head.search(paragraphs[j].text)), end)
        i = end - 1
        skipped = self._signed_attachment_note(end)
        while i > self.body.header:
            kind = self.body.tail_extra(paragraphs[i])
            if kind is None:
                break
            skipped.add(kind)
            i -= 1
        prose = self._prose_above_chrome(i)
        if prose is not None:
            skipped.add("chrome")
            i = prose
        return i + 1, paragraphs[i], skipped

    def _signed_attachment_note(self, end: int) -> set[str]:
        """The kinds of the lines under an attachment head (``end``) when they are the official document's closing
        block: the head and its short items (附件：1.任务分工表) list what is attached, and sign-off lines (the issuing
        body, the date) and other tail lines are all that follows; the text above was signed. Empty otherwise (the
        attachment itself follows, or no sign-off).

        >>> def kinds(text):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     return sorted(_Analyser(doc, BatchContext.build([doc]), TruncationOptions())._judged_tail()[2])
        >>> body = "关于做好防汛工作的通知\\n各镇人民政府：\\n现将有关事项通知如下。\\n请各单位认真贯彻执行。\\n附件：1.任务分工表\\n2.联系人名单"
        >>> kinds(body + "\\n某某县人民政府办公室\\n2026年2月14日"), kinds(body + "\\n一、任务分工\\n各镇负责辖区内巡查。")
        (['signoff'], [])
        """
        paragraphs = self.body.paragraphs
        kinds: set[str] = set()
        for p in paragraphs[end + 1:]:
            kind = self.body.tail_extra(p)
            if kind is None:
                if kinds or len(p.text) > self.body.options.header_max_chars or self.body.is_terminated(p.text):
                    return set()
                continue  # a further item of the list (2.联系人名单)
            kinds.add(kind)
        return kinds if "signoff" in kinds else set()

    def _prose_above_chrome(self, last: int) -> int | None:
        """The index of the last finished sentence above trailing lines shaped like site chrome nobody
        recognised (a comment widget, 新闻推荐, a one-line list of downloads), mixed with the tail lines
        already known (sign-offs, footer chrome), at most CHROME_RUN of them: short lines with no
        sentence punctuation, no numbering, no heading and no table cells, each weighed by the
        boilerplate scorer as more likely chrome than text. None when the line reached does not finish
        a sentence: then the short line is more likely a sentence cut after a few words."""
        paragraphs = self.body.paragraphs
        shaped: list[int] = []
        j = last
        while j > self.body.header and len(shaped) <= CHROME_RUN:
            q = paragraphs[j]
            if self._chrome_shaped(q):
                shaped.append(j)
            elif self.body.tail_extra(q) is None:
                break
            j -= 1
        if not shaped or len(shaped) > CHROME_RUN or j <= self.body.header:
            return None
        if not self.body.is_terminated(paragraphs[j].text, strict=True):
            return None
        return j if self._chrome_evidence(shaped) else None

    def _chrome_shaped(self, p: Paragraph) -> bool:
        text = p.text
        return (len(text) <= self.body.options.short_line_chars and not self.body.is_terminated(text)
                and not _SENTENCE_PUNCT.search(text) and not table_cells(text)
                and self.body.line_ordinal(p.index) is None and not HEADING_ORDINAL.match(_SPACES.sub("", text))
                and not self.body.ends_with_excerpt_mark(text)
                and not self.body.ends_with_lead_in(text))

    def _chrome_evidence(self, indexes: list[int]) -> bool:
        """The boilerplate scorer weighed every one of these paragraphs as likely chrome."""
        analysis = chrome_analysis(self.body.doc, self.body.ctx)
        starts = [line.start for line in analysis.lines]
        paragraphs = self.body.paragraphs
        lines = [bisect_right(starts, paragraphs[k].start) - 1 for k in indexes]
        return all(analysis.probability.get(i, 0.0) >= CHROME_LIKELY for i in lines)

    def _table_tail(self, main_end: int) -> tuple[int, int, int, bool] | None:
        """(rows, cells per full row, cells of the last row when it has fewer, else 0, whether the table
        has a caption) when the main text ends with a table of at least two rows, else None."""
        widths: list[int] = []
        rows = self.body.paragraphs[self.body.header:main_end]
        for p in reversed(rows):
            n = table_cells(p.text)
            if not n:
                break
            widths.append(n)
        if not widths and len(rows) >= 3 and _lone_cell(rows[-1].text):
            # A row cut after its first cell (交通3 under full rows, or under the header and its caption) has no
            # separator left.
            above = [table_cells(p.text) for p in rows[-3:-1]]
            # ... or under a header row of words alone (项目  数量  金额(万元) above 住房1: a table set into the text with
            # no caption, cut after its first row's first cell)
            if above[1] and (above[0] or _TABLE_CAPTION.match(rows[-3].text) or not _FIGURES.search(rows[-2].text)):
                return 3, max(above), 1, False
        if len(widths) < 2:
            return None
        # Measured on the rows right above the last: a table stacked under a wider one (a page's inserted
        # table above a three-column one) is whole when its last row is as wide as its own rows.
        width = max(widths[1:1 + TABLE_WIDTH_ROWS])
        return len(widths), width, widths[0] if widths[0] < width else 0, self._captioned(rows, widths, width)

    def _unclosed_bar_row(self, last: Paragraph) -> bool:
        """The last line is a Markdown row (opened by its bar, two cells or more, or one short cell: ``| 二季度6``) with
        no bar at its end, while every bar-opened row right above it closes with one: the row was cut before its
        last border (alone when the rows above it went with the page's chrome).

        >>> def unclosed(text):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     a = _Analyser(doc, BatchContext.build([doc]), TruncationOptions())
        ...     return a._unclosed_bar_row(a.body.paragraphs[-1])
        >>> prose = "某市职业教育条例\\n第四十六条 市人民政府应当建立生均公用经费保障制度。\\n"
        >>> unclosed(prose + "| 指标 | 2024年 | 2025年 |\\n| 住房3 | 55 | 163.47"), unclosed(prose + "| 住房3 | 55 | 163.47")
        (True, True)
        >>> unclosed(prose + "| 指标 | 2024年 | 2025年\\n| 住房3 | 55 | 163.47"), unclosed(prose + "| 住房3 | 55 | 163.47 |")
        (False, False)
        """
        text = last.text.strip()
        if not text.startswith(BAR_CHARS) or text.endswith(BAR_CHARS) or (table_cells(text) < 2 and not _lone_cell(text)):
            return False
        for p in reversed(self.body.paragraphs[self.body.header:last.index]):
            above = p.text.strip()
            if not above.startswith(BAR_CHARS):
                break
            if not above.endswith(BAR_CHARS):
                return False  # a Markdown table written without closing bars
        return True

    def _header_row_only(self, last: Paragraph) -> bool:
        """The last line is a table row of words only with no row under it: a Markdown row (``| 类别 | 件数 |``)
        under a line that is no table row, or any row right under the table's caption (``表2  主要指标`` above
        ``指标  绝对数  比上年增长``): a table's header with none of its rows (a complete text never ends
        there). A row with figures may be a whole one-row table (``| 咨询电话 | 0571-8888 |``), a one-cell line
        a label."""
        text = last.text.strip()
        if last.index <= self.body.header:
            return False
        above = self.body.paragraphs[last.index - 1].text
        captioned = _TABLE_CAPTION.match(above) is not None
        if not (captioned or text.startswith(BAR_CHARS)) or table_cells(text) < 2 or _FIGURES.search(text):
            return False
        return captioned or not table_cells(above)

    def _captioned(self, rows: list[Paragraph], widths: list[int], width: int) -> bool:
        """The table is introduced by a caption: its top line has fewer cells than its rows (a title
        written in cells), or the line above it is a short line that is not a sentence (``表4  2025年主要指标``).
        A table a page lost the rest of was cut out of running text."""
        if len(widths) >= 3 and widths[-1] < width:
            return True
        if len(widths) >= len(rows):
            return False
        above = rows[-len(widths) - 1].text
        return len(above) <= self.body.options.header_max_chars and not self.body.is_terminated(above)

    def _pager_above(self, pager: str, last: Paragraph) -> bool:
        """The pager line (``第1頁 共3頁 下一頁``) stands above ``last``, the body paragraph the end is judged on."""
        for line in reversed(non_blank_lines(self.body.doc)):
            if strip_tags(line.text) == pager:
                return line.start < last.start
        return False

    def _pager_line(self, lines: list[str], pattern: re.Pattern[str]) -> str | None:
        limit = cues().pager_max_chars
        for text in lines:
            if len(text) <= limit and pattern.search(text):
                return text
        return None

    def _tail_line_signal(self, p: Paragraph) -> Signal | None:
        text = p.text
        if (self.body.is_terminated(text) or cues().closing.found_in(text) or self.body.ends_with_signoff(text)
                or self.body.ends_with_address(text)):
            # a closing line without its full stop (第四十一条 本条例自2019年1月1日起施行, 特此通知) is
            # a closing, not a heading or a broken sentence; so is a sign-off run into the paragraph's end,
            # and a sentence whose last words are an address after its label (邮箱：name@example.com)
            return None
        fragment = text[-12:]
        if self.body.ends_with_excerpt_mark(text):
            return Signal("stops-at-excerpt-mark", True,
                          f"the body stops at {fragment!r}: dots right after words are an excerpt "
                          f"marker a page prints in place of the rest of the text", found=fragment)
        if self.body.ends_with_lead_in(text):
            return Signal("stops-after-lead-in", True,
                          "the body stops at a line ending with a colon: what it introduces is missing",
                          found=fragment)
        ordinal = self.body.line_ordinal(p.index)
        if ordinal is not None and self._item_below_punctuated_item(p, ordinal):
            return Signal("stops-mid-sentence", True,
                          f"the body stops inside the list item {text[:24]!r}: the item above it ends with a "
                          f"punctuation mark, this one without (no closing punctuation)", found=fragment)
        if ordinal is None and self._words_under_lead(p):
            return Signal("stops-mid-sentence", True,
                          f"the body stops at {fragment!r} (no closing punctuation), the first words under "
                          f"{self.body.paragraphs[p.index - 1].text[:24]!r}: the sentence they begin was cut",
                          found=fragment)
        if ordinal is not None and self._unpunctuated_list_item(p, ordinal):
            return None
        if ordinal is None and self._field_run(p):
            return None
        if ordinal is not None and self._article_with_text(text, ordinal):
            return Signal("stops-mid-sentence", True,
                          f"the body stops inside {ordinal.label} at {fragment!r} (no closing punctuation): an "
                          f"article is a sentence, never a heading", found=fragment)
        if ordinal is not None and not self._has_inner_sentence_end(text):
            return Signal("stops-after-heading", True,
                          f"the body stops right after the heading {text[:24]!r} with nothing under it",
                          expected=f"text under {ordinal.label}", found=ordinal.label)
        if ordinal is None and _TABLE_CAPTION.match(text) and not text.startswith("附") and not _SENTENCE_PUNCT.search(text):
            # a table's caption (表2  2025年主要指标完成情况) heads the table printed under it; an attached table
            # (附表1) may stand elsewhere
            return Signal("stops-after-heading", True,
                          f"the body stops at the table caption {text[:24]!r} with no table under it",
                          expected="the table under its caption", found=text[:24])
        # a line opening as a sentence or a news lead does (但是…, 常德市讯 …) holds a sentence, however short
        prose = (len(text) > self.body.options.short_line_chars or _SENTENCE_PUNCT.search(text)
                 or len(_LATIN_WORD.findall(text)) > 3 or self._continues_bullet_list(p)
                 or self._opens_as_lead(text) or self._opening_connective(p) is not None)
        if prose:
            return Signal("stops-mid-sentence", True,
                          f"the body stops mid-sentence at {fragment!r} (no closing punctuation)",
                          found=fragment)
        if self._uses_unnumbered_headings(p.index) and not self._ends_short_line_run(p):
            return Signal("heading-shaped-last-line", False,
                          f"the body stops at the short line {text!r}, shaped like the document's "
                          f"headings, with nothing under it", found=text)
        if self._prose_only_above(p.index):
            return Signal("stops-at-fragment", False,
                          f"the body stops at the short unpunctuated line {text!r} while every line above "
                          f"it is a full sentence: probably a sentence cut after a few words", found=text)
        return None

    @staticmethod
    def _article_with_text(text: str, ordinal: Ordinal) -> bool:
        """A numbered article (第二十二条) with words after its number on the line: its text, not a heading
        (an article number on a line of its own, 第 8 條, is one; so is a bracketed note such as （删除）)."""
        if ordinal.family.name != "article":
            return False
        label = ordinal.family.pattern.match(text)
        rest = text[label.end():].strip() if label else ""
        return HAN.match(rest) is not None

    def _has_inner_sentence_end(self, text: str) -> bool:
        """``二、强化督查。县安委会将…`` : a heading run into its text, so the line is prose."""
        return sentence_end_mark().search(text) is not None

    def _prose_only_above(self, last_index: int) -> bool:
        """Every paragraph between the title lines and ``last_index`` ends a sentence (or a colon)."""
        above = self.body.paragraphs[self.body.header:last_index]
        return len(above) >= 2 and all(self.body.ends_sentence(q) or self.body.ends_with_lead_in(q.text)
                                       for q in above)

    def _continues_bullet_list(self, p: Paragraph) -> bool:
        """A ——/•/- bullet whose earlier sibling bullets are full sentences is prose, however short."""
        bullet = _BULLET.match(p.text)
        if not bullet:
            return False
        siblings = [q for q in self.body.paragraphs[self.body.header:p.index] if q.text.startswith(bullet.group(0))]
        return bool(siblings) and all(self.body.is_terminated(q.text) for q in siblings[-3:])

    def _item_below_punctuated_item(self, p: Paragraph, ordinal: Ordinal) -> bool:
        """The last line is a numbered item below the top level right under its previous sibling, which
        ends with a sentence or clause mark (``（五）…贡献突出的；`` then ``（六）资助…事业贡献``): the list's
        items are sentences, so an unpunctuated last one was cut."""
        if p.index == 0 or ordinal.family.level < 2:
            return False
        prev = self.body.paragraphs[p.index - 1]
        before = self.body.line_ordinal(prev.index)
        return (before is not None and before.family is ordinal.family and before.value == ordinal.value - 1
                and self._ends_with_mark(prev.text))

    def _sentence_line(self, p: Paragraph, articled: bool) -> bool:
        """Whether the unpunctuated last line stands where a sentence belongs, not a heading: a numbered
        item whose previous sibling ends with a sentence or clause mark (a list of sentences, however far
        above that sibling stands: it may run over several paragraphs), the first item below the top level
        right under a lead-in (``…给予奖励：`` then ``（一）履行监督``), or an unnumbered line of a text of
        numbered articles (a paragraph of the last article), other than a chapter heading or a table cell.

        >>> def last_is_sentence(text, articled=False):
        ...     doc = Document.from_bytes("t.txt", text.encode())
        ...     a = _Analyser(doc, BatchContext.build([doc]), TruncationOptions())
        ...     return a._sentence_line(a.body.paragraphs[-1], articled)
        >>> last_is_sentence("关于某事的规定\\n一、议事、出纳及其他事务管理。\\n二、国会联")
        True
        >>> last_is_sentence("关于某事的规定\\n第一条 有下列表现之一的，给予奖励：\\n（一）履行监督")
        True
        >>> last_is_sentence("关于某事的规定\\n第一条 有下列情形之一的，责令改正：\\n（一）指定关联人作为受益人的；")
        False
        >>> last_is_sentence("工作要点\\n一、总体要求\\n全年目标如期完成。\\n二、稳步推进社会治理创新")
        False
        >>> law = "某某条例\\n第一章 总则\\n第一条 甲。\\n第二条 乙。\\n第三条 丙。\\n"
        >>> last_is_sentence(law + "前款规定的单位不得", True), last_is_sentence(law + "第二章  附则", True)
        (True, False)
        """
        if self._ends_with_mark(p.text):
            return False  # a whole item (…作为受益人的；): the cut fell after it
        ordinal = self.body.line_ordinal(p.index)
        if ordinal is None:  # not a chapter's heading (第六章  附则) nor a table's first cell (交通1, | 一季度 |)
            return (articled and p.index not in chapter_headings(self.body, p) and not _FIGURES.search(p.text)
                    and not any(c in p.text for c in "|｜\t"))
        for q in reversed(self.body.paragraphs[self.body.header:p.index]):
            above = self.body.line_ordinal(q.index)
            if above is None:
                continue
            if above.family is ordinal.family and above.value == ordinal.value - 1:
                return self._ends_with_mark(q.text)
            if above.family.level < ordinal.family.level:
                break  # the list's parent: no earlier sibling
        if ordinal.value != 1 or ordinal.family.level < 2 or p.index <= self.body.header:
            return False
        return self.body.ends_with_lead_in(self.body.paragraphs[p.index - 1].text)

    def _ends_with_mark(self, text: str) -> bool:
        """Ends with a sentence, clause or list mark (。；，、), closing quotes or brackets aside."""
        last = self.body.stripped_core(text)[-1:]
        punct = self.body.punct
        return bool(last) and (last in punct.terminal or last in punct.sentence_breaks or last in punct.clause_marks
                               or last == "、")

    def _words_under_lead(self, p: Paragraph) -> bool:
        """The last line is a run of words (at least LEAD_WORDS characters, no figures, no sentence mark)
        right under a line that leads into text: an address or lead-in ending with a colon
        (``各乡镇人民政府…：``) or a numbered heading (``二、2023年度…使用情况``). What stands there begins
        the text they lead into; a page that stops after a few words of it was cut."""
        if p.index <= self.body.header or len(p.text) < LEAD_WORDS or _FIGURES.search(p.text):
            return False
        prev = self.body.paragraphs[p.index - 1]
        if self.body.ends_with_lead_in(prev.text):
            return True
        return (self.body.line_ordinal(prev.index) is not None and len(prev.text) <= HEADING_LINE_CHARS
                and not self._ends_with_mark(prev.text))

    def _unpunctuated_list_item(self, p: Paragraph, ordinal: Ordinal) -> bool:
        """The last line is one of a run of unpunctuated list items (a glossary or attachment list
        written without full stops), not a heading: the line before it is the previous item."""
        if p.index == 0:
            return False
        prev = self.body.paragraphs[p.index - 1]
        before = self.body.line_ordinal(prev.index)
        return (before is not None and before.family is ordinal.family and before.value == ordinal.value - 1
                and not self.body.is_terminated(prev.text))

    def _field_run(self, p: Paragraph) -> bool:
        """The last line is a field (``变速箱：进口手动五速``, ``传真：022-23500216``: a short label, a colon and a
        value without sentence punctuation) under at least FIELD_RUN - 1 more fields: the last entry of a
        data sheet or a contact block, not a heading with nothing under it."""
        if p.index < FIELD_RUN - 1:
            return False
        run = self.body.paragraphs[p.index - FIELD_RUN + 1:p.index + 1]
        return all(_FIELD_LINE.fullmatch(q.text) and not _SENTENCE_PUNCT.search(q.text) for q in run)

    @staticmethod
    def _opens_as_lead(text: str) -> bool:
        """The line opens as a text's lead does, with words after the opening (an opening pattern: 本报讯, 根据…,
        近日; a dateline: 某市讯): an address or an issuer's name on a line of its own is no lead."""
        line = text.strip()
        lead = cues().opening.match(line) or cues().dateline.match(line)
        return lead is not None and lead.end() < len(line)

    def _ends_short_line_run(self, p: Paragraph) -> bool:
        """``p`` ends a run of SHORT_LINE_RUN short lines with no sentence mark and no number (a menu, a list of
        names, a comment widget's labels, the rows of a form left blank): an entry of a list, not a heading left
        with nothing under it."""
        first = p.index - SHORT_LINE_RUN + 1
        return first >= self.body.header and all(self._plain_short_line(q) for q in self.body.paragraphs[first:p.index])

    def _plain_short_line(self, q: Paragraph) -> bool:
        return (len(q.text) <= self.body.options.short_line_chars and not _SENTENCE_PUNCT.search(q.text)
                and not self.body.is_terminated(q.text) and self.body.line_ordinal(q.index) is None)

    def _uses_unnumbered_headings(self, last_index: int) -> bool:
        """Earlier short unpunctuated lines directly followed by prose: the document's heading style."""
        paragraphs, short = self.body.paragraphs, self.body.options.short_line_chars
        # last_index < len(paragraphs), so every paragraph looked at has a next one
        return any(len(p.text) <= short and not self.body.is_terminated(p.text) and not _INNER_PUNCT.search(p.text)
                   and len(paragraphs[p.index + 1].text) > short
                   for p in paragraphs[self.body.header:last_index])


def add_edge_evidence(tables: EdgeTables, start: SideVerdict, end: SideVerdict,
                      paragraph_scores: tuple[float, float] | None = None) -> None:
    """Both ends' edge features read with ``tables`` (the shipped ones at run time, a fold's when
    training), and the start's evidence read from them (:func:`_add_edge_signals`); ``paragraph_scores``:
    the tables' scores of the two edge paragraphs, when already looked up."""
    start_edges, end_edges = edge_features(tables, start.edge_text, end.edge_text, start.sentence_text,
                                           paragraph_scores)
    start.features.update(start_edges)
    end.features.update(end_edges)
    _add_edge_signals(start)
    if start.kind == "paragraph-boundary" and start.under_gap and tables.sentence_start(simplify_chars(start.under_gap)) <= 0:
        # The rest of a text under its kept heading, opening with characters no likelier at a sentence's
        # start than anywhere: cut inside it, as an opening in an item (the kind of the cut, not evidence).
        start.kind = "mid-sentence"


def _add_edge_signals(verdict: SideVerdict) -> None:
    """Evidence read from the edge features: a prose opening whose first two characters sit inside
    words, not at their start (a lexicon's statistics), was cut in the middle of a word; one whose
    first characters rarely begin a sentence (their statistics in complete texts), in the middle of
    a sentence."""
    if verdict.where != "start":
        return
    names = {s.name for s in verdict.signals}
    if verdict.features.get("word-start-score", 0.0) <= MID_WORD and "opens-mid-sentence" not in names:
        if verdict.kind == "paragraph-boundary":
            verdict.kind = "mid-sentence"
        names.add("opens-mid-word")
        verdict.signals.append(Signal("opens-mid-word", False,
                                      f"the body opens with {verdict.sentence_text[:2]!r}, characters found inside "
                                      "words, not at their start: it opens in the middle of a word",
                                      found=verdict.sentence_text[:12]))
        verdict.features["opens-mid-word"] = 1.0
    if verdict.in_item and verdict.kind == "paragraph-boundary" and verdict.features.get("sentence-start-score", 0.0) <= 0:
        # The rest of an item whose first characters are no likelier at a sentence's start than anywhere: cut
        # inside the item (an item of several paragraphs may also have lost its first one whole; then its next
        # one opens like a sentence). The kind of the cut, not evidence.
        verdict.kind = "mid-sentence"
    if verdict.features.get("sentence-start-score", 0.0) > UNUSUAL_START or not verdict.features.get("opening-apart"):
        return
    if verdict.kind == "paragraph-boundary":
        verdict.kind = "mid-sentence"
    if not names & {"opens-mid-sentence", "opens-mid-word"}:
        verdict.signals.append(Signal("unusual-sentence-start", False,
                                      f"the body opens with {verdict.sentence_text[:6]!r}: characters that "
                                      "rarely begin a sentence, so it probably opens in the middle of one",
                                      found=verdict.sentence_text[:12]))
        verdict.features["unusual-sentence-start"] = 1.0


def evidence_kind(verdict: SideVerdict) -> str | None:
    """The strongest kind of evidence of a cut at this end, which its threshold is calibrated for:
    ``shape`` (the body's shape alone, ``no-ending``), ``hard`` (a broken sentence or table row),
    ``structural`` (numbering, genre parts, pagers); None without a signal."""
    if not verdict.signals:
        return None
    if all(s.name in SCORE_ONLY for s in verdict.signals):
        return "shape"
    return "hard" if any(s.hard for s in verdict.signals) else "structural"


def reported(verdict: SideVerdict, m: Model, warn_at: float | None = None) -> bool:
    """Whether the rules report this end: a probability from the model's threshold for its strongest
    kind of :func:`evidence_kind`; ``warn_at`` replaces the hard and structural ones."""
    kind = evidence_kind(verdict)
    if kind is None:
        return False
    shape_only = kind == "shape"
    threshold = m.threshold(verdict.where, kind == "hard", shape_only)
    if warn_at is not None:
        threshold = max(warn_at, m.score_only[verdict.where]) if shape_only else warn_at
    return verdict.probability >= threshold


def _exclaimed(text: str) -> bool:
    """A long sentence ending with an exclamation mark closes a text (an exhortation, whatever its
    wording); in code, as ``[^。!！?？]{15}[！!]$`` would be searched through the whole paragraph."""
    t = text.rstrip()
    return len(t) > 15 and t[-1] in "！!" and not any(c in "。!！?？" for c in t[-16:-1])


def _unmatched_closer(text: str) -> int | None:
    """Where the opening's first sentence closes a quotation, a title or an aside it never opened
    (``文明城市”创建工作…``, ``知》，县…``: the tail of a title), a bracket after at least two Han characters
    (``1）``, ``一）`` are list numbers) or after a date's figure (``17日)``: the tail of an aside); None otherwise.

    >>> _unmatched_closer("文明城市”创建工作领导小组办公室通报了测评情况。")
    4
    >>> _unmatched_closer("知》，县工作领导小组办公室早动手、早部署。"), _unmatched_closer("一）加强组织领导。") is None
    (1, True)
    >>> _unmatched_closer("“文明城市”创建工作领导小组办公室通报了测评情况。") is None
    True
    >>> _unmatched_closer("17日)批准,自2月20日凌晨零时起解除临时关闭令。"), _unmatched_closer("2)加强组织领导。") is None
    (3, True)
    >>> _unmatched_closer("1版)』，向事务组提出申请。")  # the tail of a form's title, past a bracket a list number could hold
    3
    """
    head = text[:CLOSER_SEARCH]
    if _ANY_PAIRED.search(head) is None:
        return None
    depth: dict[str, int] = {}
    han = 0
    for i, ch in enumerate(head):
        if ch in _PAIR_OPENERS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _PAIRED:
            opener = _PAIRED[ch]
            if depth.get(opener, 0) == 0:
                listed = ch in _LIST_CLOSERS and _DATED_CLOSE.search(head[:i]) is None
                if han >= (2 if listed else 1):
                    return i
                if not listed:
                    return None
                continue  # a list number's bracket (1）, 1版)): a closer after it may still end an aside begun above
            depth[opener] -= 1
        elif ch in "。！？!?；;":
            return None
        elif HAN.match(ch):
            han += 1
    return None


def _short_first_sentence(text: str) -> str | None:
    """The opening's first sentence when it holds at most SHORT_SENTENCE_HAN Han characters and a figure
    and the paragraph goes on after it: ``长14.1%。`` (of 同比增长14.1%); None otherwise.

    >>> _short_first_sentence("比增長23.4%。重點企業穩步推進數字經濟和實體經濟融合。")
    '比增長23.4%。'
    >>> _short_first_sentence("一。总体要求") is None
    True
    >>> _short_first_sentence("是的。我也遇到过同样的问题，重新安装驱动就好了。") is None
    True
    """
    m = _FIRST_SENTENCE.match(text)
    if (m is None or not 1 <= han_count(m.group()) <= SHORT_SENTENCE_HAN or not _FIGURES.search(m.group())
            or len(text) - m.end() < SHORT_SENTENCE_FOLLOWED):
        return None
    return m.group()


def _lone_cell(text: str) -> bool:
    """A short token that can be a table's first cell (交通3, 2024年, ``| 卫生6``): no sentence punctuation,
    no space inside."""
    t = text.strip().lstrip("|｜").strip()  # a Markdown row cut after its first cell keeps its opening bar
    return 0 < len(t) <= 12 and not _SENTENCE_PUNCT.search(t) and " " not in t and "\t" not in t


def _end_kind(names: set[str], genre: bool) -> str:
    if "pagination" in names:
        return "pagination"
    if names & {"stops-mid-row", "stops-mid-figure", "ends-in-table"}:
        return "table-row"
    if names & {"stops-mid-sentence", "stops-at-excerpt-mark", "stops-at-fragment"}:
        return "mid-sentence"
    if genre and "no-closing" in names and "parts-missing" not in names and not names & {
            "stops-after-heading", "stops-after-lead-in", "sequence-unfinished"}:
        return "before-closing"
    return "paragraph-boundary"


def _dedupe(signals: list[Signal]) -> list[Signal]:
    """One signal per (kind, expected, found): the announced count and the genre's plan may agree."""
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for s in signals:
        key = (s.name, s.expected, s.found)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
