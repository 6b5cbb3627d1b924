"""Truncation: documents cut at the start or at the end (lost pagination, timeouts, partial pages).

Both rules judge the document's *body* (``body_lines``: its own text, site chrome set aside; footer
lines the chrome pass does not know, such as a newspaper's name (``某某日报``, ``聯合報``), a copyright
line in either script, an e-mail written with # or (at), [at] or AT, a bare ``|`` or ``相关报道：``, are
skipped like sign-offs), so a footer after the cut does not make a cut document look finished, nor a
complete one look cut. They
share one analysis per document (:func:`truncation_analysis`): evidence per end, weighed by a
logistic regression per end (:mod:`.model`, fitted by ``scripts/train_truncation.py`` on complete and
cut documents of many genres, sites and provinces) into the probability that this end was cut.

* evidence that an end was cut: the body stops mid-sentence, at an excerpt's dots, right after a
  heading or a lead-in colon, inside a table row, above a pager (共3页 下一页), with an announced
  list unfinished or notes cited but not printed; it opens with a continuation (a comma, a particle
  such as 的/们), inside a table row, inside a numbered sequence (六是, (七)), above a gap in its numbering (一、 kept,
  then 三、: the text between cut away), with a connective (同时，此外), below a later page's pager
  (第2页), or with no title and no opening line above a body whose end is cut (a middle excerpt);
* evidence that it was not: a closing line (…而奋斗！, 特此通知。, (完), an entry-into-force clause, a news
  story's next step 下一步，…将…, a release's pointer for enquiries 如欲查詢…致電…熱線 / 可至…網站查詢。),
  sign-off lines, a title and an opening line (各位代表：, 本报讯, 为进一步…), how the edge
  paragraphs read (character statistics of first and final paragraphs);
* the body's shape (:mod:`.shape`): a final paragraph as long as the body's, written with its words
  and figures, reads like one more body paragraph (a text cut at a paragraph boundary); a complete
  one usually ends unlike its body. Whether a missing closing matters is learnt per structural type
  (numbered articles, sections, an address line under the title), not listed per genre;
* where in its outline the body stops (:func:`.shape.outline_shape`): how many top-level parts
  (第N章, 一、 heading lines) it has, the last part's size and numbered sub-items against the parts
  above it (a text cut halfway stops in a short second part), whether it stops on a numbered item;
* a genre profile's expectations (a 政府工作报告's opening address, closing exhortation, later parts)
  are evidence too, worth what they proved on real complete reports, never a requirement.

An end whose only evidence is its shape (``no-ending``, ``untitled-opening``,
``unusual-sentence-start``, ``ends-in-table``) or the other end's cut (``untitled-below-cut-start``) is
reported from the model's higher score-only threshold, and as a warning at most: complete texts show
that shape too, so alone it says "may be cut".

Severity follows the probability: error from the model's error threshold (0.9), warning from the
threshold of the end's strongest kind of evidence (hard: a broken sentence or table row; structural;
shape alone), each calibrated on held-out sites, nothing below (options ``warn-at`` and ``error-at``).
Every finding says the kind of cut its evidence points to: ``mid-sentence``, ``paragraph-boundary``,
``pagination``, ``table-row``, ``before-closing`` (a genre's closing part missing) or
``middle-excerpt`` (both ends cut and no title); a document cut at both ends gets two findings.

Spans: for the end, the body's last sentence (the unfinished fragment when there is one); for the
start, the body's first sentence after its title lines. One finding per side at most.

Layout: this module holds the two rules; :mod:`.analysis` gathers both sides' evidence,
:mod:`.model` weighs it, :mod:`.sequences` reads the numbering, :mod:`.genre` the genre,
:mod:`.body` the paragraphs and sentence ends, :mod:`.data` loads the data.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules.truncation.analysis import TruncationAnalysis, analyse_group, reported, truncation_analysis
from scrapegate.rules.truncation.body import TruncationOptions
from scrapegate.rules.truncation.model import SCORE_ONLY, model
from scrapegate.rules.truncation.data import (
    chinese_to_int,
    genre_profiles,
    int_to_chinese,
)

__all__ = ["RULES", "TruncatedEnd", "TruncatedStart", "TruncationAnalysis", "TruncationOptions",
           "chinese_to_int", "genre_profiles", "int_to_chinese", "truncation_analysis"]


class _TruncationRule(DocumentRule):
    category = "truncation"
    severity = Severity.ERROR
    severities = (Severity.WARNING, Severity.ERROR)  # error on a hard signal, else warning
    Options = TruncationOptions
    where: str

    def prepare(self, docs: Sequence[Document], ctx: BatchContext) -> None:
        analyse_group(docs, ctx, self.options)

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        analysis = truncation_analysis(doc, ctx, self.options)
        verdict = analysis.start if self.where == "start" else analysis.end
        m = model()
        error_at = self.options.error_at if self.options.error_at is not None else m.error
        if not reported(verdict, m, self.options.warn_at):
            return
        signals = sorted(verdict.signals, key=lambda s: not s.hard)
        lead = signals[0]
        details: dict[str, Any] = {"where": self.where, "kind": verdict.kind, "probability": verdict.probability,
                                   "signals": [s.name for s in signals], "evidence": [s.evidence for s in signals]}
        keyed = next((s for s in signals if s.expected or s.found), None)
        if keyed and keyed.expected:
            details["expected"] = keyed.expected
        if keyed and keyed.found:
            details["found"] = keyed.found
        if analysis.genre:
            details["genre"] = analysis.genre.profile.name
            details["genre_confidence"] = analysis.genre.confidence
        # Evidence of the body's shape alone says "may be cut", never "is cut".
        error = verdict.probability >= error_at and not all(s.name in SCORE_ONLY for s in signals)
        certainty = "is cut" if error else "may be cut"
        side = "beginning" if self.where == "start" else "end"
        message = (f"document {certainty} at the {side} ({verdict.kind}, p={verdict.probability:.2f}): "
                   f"{lead.evidence}" + (f" (+{len(signals) - 1} more)" if len(signals) > 1 else "")
                   + "; re-fetch the complete document (check pagination, 'next page' links and "
                     "request timeouts) before ingesting it")
        yield self.finding(doc, message, verdict.span, details=details,
                           severity=Severity.ERROR if error else Severity.WARNING)


class TruncatedEnd(_TruncationRule):
    """The document's body stops before its end: a sentence, a section, a table or a list is unfinished.

    Judges the body (chrome such as a site footer after the cut is set aside, and so are sign-offs,
    pagers and footer lines the chrome pass missed: ``人民日报``, ``版權所有 © …``, ``news#example.cn``,
    ``|``, ``相关报道：``, a post's ``发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)``, a link label's path
    ``(Trackback)链接: /wp-trackback.php?p=1700``; attachments under the text, 附件1…附件6 however long, are judged apart: the
    text ends above the first; an attachment list with only the issuing office and the date under it, ``附件：1.任务分工表``
    then ``某县人民政府办公室`` and ``2026年10月12日``, is the official document's closing block: the text above was signed)
    and reports the probability that its end was cut, from this evidence:

    * the last line stops mid-sentence: no closing punctuation (the full set counts: ``。！？!?…``
      and a closing quote such as ``。”`` or ``」``); a short one too when it opens as a sentence or a
      lead does (a connective, ``但是部分项目``; a dateline, ``某市讯 市交通运输局今日``). ``…增长5.`` (a decimal cut after its point),
      ``…能节尽...`` (dots an excerpt prints in place of the rest) and a bracket right after words
      (``…稳定（试点）``, ``地區(qū)``) are unfinished; a bracketed line of its own (``(记者 张晓)``)
      or one after a full stop, also inside a closed quotation (``。（完）``, ``吗？”（某某 上海报道）``), is
      not. Markup is read through: ``…发生。</p></div>`` ends a sentence, and lines of pure markup are
      not text. Credits laid out as labels and names on lines of their own (``编辑`` / ``赵某`` /
      ``排版`` / ``孙某``) are sign-offs; the last field of a run of fields (``驱动型式：前置前驱`` /
      ``变速箱：手动五速``) is a data sheet's end, not a heading;
    * the body stops right after a numbered heading (``(二)加快城市更新``), a table's caption
      (``表2  2025年主要指标完成情况``) or a lead-in ending with a colon (``重点做好七个方面工作:``) with
      nothing under it; a numbered article with words after its
      number (``第五条 开发区内的企业自建的房屋或者``) is a sentence cut short, not a heading; a short line
      shaped like the document's unnumbered headings counts too, unless it ends a run of short unpunctuated
      lines (``姓名`` / ``性别`` / ``服务意向``: a form's fields, a list of names, a comment widget's labels),
      an entry of a list rather than a heading left empty;
    * it stops inside a table: the last row has fewer cells than the rows right above it, its last
      figure has fewer decimal places than its column shows above it (``粮食总产量  72.0  6`` under
      ``…  7.2`` rows: ``stops-mid-figure``), or the table's header row (``| 类别 | 件数 |``, words only) stands under the text with no row below it
      (kind ``table-row``; a whole table stacked under a wider one is not cut); a Markdown table the
      chrome pass set aside under the text counts when its last row stops before its closing bar
      (page chrome never holds half a row);
    * a pager is left under the text (``共5页 上一页 1 2 3 下一页``, ``第1页``): only page 1 of a
      paginated article was fetched (kind ``pagination``);
    * structure: an announced count (``重点做好七个方面工作``) unmet, a list stopping at (一), notes cited
      (``⑬``) but not printed; for a recognised genre, its closing (a 政府工作报告 ends with an
      exhortation such as ``…而奋斗！`` or ``…作出新的更大贡献！``, or a short last paragraph addressing
      the congress once more, ``各位代表，…新局面。``) or its later parts (``三、``) missing
      (kind ``before-closing`` when only the closing is missing); a text of numbered articles in
      chapters that stops without its closing chapter (附则) or entry-into-force clause
      (kind ``before-closing`` when it stops inside its penalties chapter, 法律责任, the one before it,
      or, without chapters, on a penalty article: ``…处五千元以上二万元以下罚款。``);
    * a body with no title and no opening line whose beginning is cut (it opens on the tail of a
      sentence, inside a numbered list, above a gap in its numbering or on a connective), or that is a
      snippet of at most four paragraphs, is a passage
      from the middle of a text, so its end is probably missing too (``untitled-below-cut-start``,
      weighed with the end's own evidence; alone or with the body's shape it is reported from the
      score-only threshold, as a warning: a page that kept its closing or sign-off stays whole);
    * the body's shape: the last paragraph is finished but reads like the body (its length, its
      words and figures), with no closing line and no sign-off (``no-ending``, kind
      ``paragraph-boundary``); how much a missing closing weighs is learnt per structural type (a
      text of numbered articles 第N条 that stops without its entry-into-force clause, a speech under
      ``同志们：`` without its closing); where in its outline it stops (in its second part, in a last
      part much shorter than the ones above);
    * against a cut: a closing line (an exhortation, ``特此通知。``, ``（完）``, ``本办法自…起施行。``,
      ``本規則經行政會議通過後實施。``),
      sign-off lines under the text, a final paragraph that reads like one, a table under its
      caption (``表1  主要指标``) printed whole.

    Severity: error when the probability reaches the model's error threshold, warning from the
    threshold of its strongest kind of evidence (hard, structural, shape alone), no finding below. ``details``: ``where``, ``kind``, ``probability``,
    ``signals``, ``evidence`` (one sentence each), ``expected``/``found`` when an ordinal or a table
    cell is missing, ``genre`` and ``genre_confidence`` when a genre profile matched. Span: the
    body's last sentence.

    Why: scrapers lose pagination and time out; a truncated report must not enter a corpus as whole,
    and a complete one must not be thrown away because its footer or its closing is unusual.

    Example: a body ending ``…持续提升税收贡献度。`` then ``本文地址:/baogao/…`` after
    ``围绕实现以上目标,今年将重点做好七个方面工作:`` and ``(一)全面推进产业强区…`` is flagged:
    seven items announced, the body stops at (一), no closing exhortation.
    """

    code = "TR001"
    name = "truncated-end"
    where = "end"


class TruncatedStart(_TruncationRule):
    """The document's body begins after its real beginning: the opening was lost.

    Judges the body after its title lines and reports the probability that its start was cut, from
    this evidence:

    * the body opens mid-sentence: its first character continues a sentence (``，``, ``、``, ``”``,
      ``)``), its first sentence closes a quotation, title or aside it never opened (``知》，县…``,
      ``17日)批准…``: a bracket after a date's figure is no list number), or it opens with a particle that cannot start a sentence (``的``, ``们``; ``的确`` and
      ``着力`` are fine), or its first clause is a figure and its unit alone (``6亿元，完成年度计划…``: the tail of
      ``…42.6亿元``; a date, ``2025年，``, opens a sentence), or (Latin text) with a lower-case word;
    * it opens inside a numbered sequence without its earlier members (``六是…``, ``(七)…`` before
      any ``(一)``, a first top-level heading ``二、``; an item on a label line, ``附件：1.…``, counts as
      present); the first paragraph opens with a connective that needs a predecessor (``同时,``,
      ``此外``); it is unindented while the other paragraphs are indented (at the text's very first
      character only weaker, shape evidence, ``unindented-text-start``: a whole text stripped of its
      leading white space loses exactly that indentation);
    * its first table row, above any sentence, has fewer cells than the two rows under it (``产量  2.3``
      above ``蔬菜产量  41.8  3.4``): it opens inside a row (``opens-mid-row``);
    * a later page's pager stands above the text (``第2页``, ``上一页``): kind ``pagination``;
    * for a recognised genre, the genre's opening is missing (a 政府工作报告 opens with ``各位代表:`` /
      ``现在,我代表…向大会报告工作``);
    * the body opens in the middle of a word: its first two characters are found inside words, not
      at their start, in a lexicon (``境保护工作…``, the tail of 环境保护: ``opens-mid-word``);
    * shape: the first sentence opens with characters that rarely begin one in complete texts
      (``unusual-sentence-start``); the body has no title line (a headline with commas counts) and no
      opening line (``untitled-opening``);
    * against a cut: title lines, an opening line (``各位代表：``, ``本报讯``, ``新华社…电``,
      ``为进一步…``, a news lead's source or dated verb: ``据…消息``, ``…15日宣布``), a first sentence that
      starts the way sentences start.

    Severity and ``details`` as for TR001; span: the first sentence after the title lines.

    Why: a page that shows only the second half of a report passes every sentence-level check.

    Example: a body that opens ``六是自身建设在担当作为中得到新淬炼。…`` is flagged: the sixth item
    of a list whose first five are missing, and no opening address.
    """

    code = "TR002"
    name = "truncated-start"
    where = "start"


RULES = [TruncatedEnd, TruncatedStart]

