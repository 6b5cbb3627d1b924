"""Truncation: documents cut at the start or at the end (lost pagination, timeouts, partial pages).

Both rules judge the document's *body* (``body_lines``: its own text, site chrome set aside), so a
footer after the cut does not make a cut document look finished. They share one analysis per
document (:func:`truncation_analysis`) made of independent signals:

* hard signals (severity error): the body stops mid-sentence, right after a heading or a lead-in
  colon, or opens with a continuation (a comma, a closing quote, a particle such as 的/们);
* structural signals (severity warning when alone): numbering that says more was due (an announced
  "七个方面" with only (一) present, a list that stops at (一), notes cited but not printed) or that
  says something came before (the body opens at 六是, (七) or 二、), an opening connective (同时，此外),
  and, for a recognised genre, missing parts (no opening address, no closing exhortation, no 三、).

Genres are data: every ``rules/data/genre_*.json`` file is a profile (how to recognise the genre,
its opening, parts, closing and appendix). A new genre is a new file. Documents of no recognised
genre get only the generic signals.

Spans: for the end, the body's last sentence (the unfinished fragment when there is one); for the
start, the body's first sentence after its title lines. One finding per side at most.

Layout: this module holds the two rules; :mod:`.truncation_analysis` judges both sides (generic
checks), :mod:`.truncation_sequences` reads the numbering, :mod:`.truncation_genre` the genre,
:mod:`.truncation_body` the paragraphs and sentence ends, :mod:`.truncation_data` loads the data.
"""

from __future__ import annotations

from typing import Any, Iterator

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Category, Finding, Severity
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules.truncation.analysis import TruncationAnalysis, truncation_analysis
from scrapegate.rules.truncation.body import TruncationOptions
from scrapegate.rules.truncation.data import (
    chinese_to_int,
    genre_profiles,
    int_to_chinese,
)

__all__ = ["RULES", "TruncatedEnd", "TruncatedStart", "TruncationAnalysis", "TruncationOptions",
           "chinese_to_int", "genre_profiles", "int_to_chinese", "truncation_analysis"]


class _TruncationRule(DocumentRule):
    category = Category.TRUNCATION
    severity = Severity.ERROR
    severities = (Severity.WARNING, Severity.ERROR)  # error on a hard signal, else warning
    Options = TruncationOptions
    where: str

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        analysis = truncation_analysis(doc, ctx, self.options)
        verdict = analysis.start if self.where == "start" else analysis.end
        if not verdict.signals:
            return
        signals = sorted(verdict.signals, key=lambda s: not s.hard)
        lead = signals[0]
        details: dict[str, Any] = {"where": self.where, "signals": [s.name for s in signals],
                                   "evidence": [s.evidence for s in signals]}
        keyed = next((s for s in signals if s.expected or s.found), None)
        if keyed and keyed.expected:
            details["expected"] = keyed.expected
        if keyed and keyed.found:
            details["found"] = keyed.found
        if analysis.genre:
            details["genre"] = analysis.genre.profile.name
            details["genre_confidence"] = analysis.genre.confidence
        kinds = {s.name for s in signals if not s.hard}
        escalated = not verdict.hard and 0 < self.options.escalate_at <= len(kinds)
        hard = verdict.hard or escalated
        certainty = "is cut" if hard else "may be cut"
        side = "beginning" if self.where == "start" else "end"
        message = (f"document {certainty} at the {side}: {lead.evidence}"
                   + (f" (+{len(signals) - 1} more)" if len(signals) > 1 else "")
                   + "; re-fetch the complete document (check pagination, 'next page' links and "
                     "request timeouts) before ingesting it")
        yield self.finding(doc, message, verdict.span, details=details,
                           severity=Severity.ERROR if hard else Severity.WARNING)


class TruncatedEnd(_TruncationRule):
    """The document's body stops before its end: a sentence, a section or a list is unfinished.

    Flags, judging the body (chrome such as a site footer after the cut is set aside):

    * **error**, the last line stops mid-sentence: no closing punctuation (the full set counts:
      ``。！？!?…`` and a closing quote such as ``。”`` or ``」``). ``…增长5.`` (a decimal cut after
      its point), ``…能节尽...`` (dots an excerpt prints in place of the rest) and a bracket right
      after words (``…稳定（试点）``, ``地區(qū)``) are unfinished; a bracketed line of its own
      (``(记者 张晓)``) or one after a full stop (``。（完）``) is not. Short sign-off lines (dates,
      bylines, ``(完)``, ``XX县人民政府``, page links such as ``返回首页``), source links of any length
      (``详见：http://…``, ``[原文链接](http://…)``) and site footers (``版权所有``, ``ICP备``) are
      skipped and the line before them is judged. Markup is read through: ``…发生。</p></div>``
      ends a sentence, and lines of pure markup (tags, ``&nbsp;``, comments, scripts) are not text.
    * **error**, the body stops right after a numbered heading (``(二)加快城市更新``) or a lead-in
      ending with a colon (``重点做好七个方面工作:``) with nothing under it.
    * **warning** (structure alone): the text announces a count (``重点做好七个方面工作``) and the
      body stops at (一); a list stops at its first member (``(一)`` with no ``(二)``); notes cited in
      the text (``⑬``) are not printed; for a recognised genre, its closing (a 政府工作报告 ends
      with ``…而奋斗!``) or its later parts (``三、`` the government's own conduct) are missing.
      A two-part report (一、 二、) that has its closing is complete, and so is one whose closing
      is followed by an appendix (附件, a 名词解释 of any length). Also a short unpunctuated
      last line below full sentences (``会议还审查了区国民``): a fragment, or an unknown sign-off.

    Severity: error when a hard signal is present, else warning (option ``escalate_at`` turns N
    agreeing structural signals into an error). ``details``: ``where``, ``signals``, ``evidence``
    (one sentence each), ``expected``/``found`` when an ordinal is missing, ``genre`` and
    ``genre_confidence`` when a genre profile matched. Span: the body's last sentence.

    Why: scrapers lose pagination and time out; a truncated report must not enter a corpus as whole.

    Example: a body ending ``…持续提升税收贡献度。`` then ``本文地址:/baogao/…`` after
    ``围绕实现以上目标,今年将重点做好七个方面工作:`` and ``(一)全面推进产业强区…`` is flagged
    (warning): seven items announced, the body stops at (一), no closing exhortation.
    """

    code = "TR001"
    name = "truncated-end"
    where = "end"


class TruncatedStart(_TruncationRule):
    """The document's body begins after its real beginning: the opening was lost.

    Flags, judging the body after its title lines:

    * **error**, the body opens mid-sentence: its first character continues a sentence (``，``,
      ``、``, ``”``, ``)``), or it opens with a particle that cannot start a sentence (``的``,
      ``们``; ``的确`` and ``着力`` are fine), or (Latin text) with a lower-case word.
    * **warning** (structure alone): the body opens inside a numbered sequence without its earlier
      members (``六是…``, ``(七)…`` before any ``(一)``, a first top-level heading ``二、``, ``第二，``
      in the first two paragraphs; an item on a label line, ``附件：1.…``, counts as present); the first
      paragraph opens with a connective that needs a predecessor (``同时,``, ``此外``, ``另一方面``);
      it is unindented while the other paragraphs are indented (cut inside a paragraph); for a
      recognised genre, the genre's opening is missing (a 政府工作报告 opens with ``各位代表:`` /
      ``现在,我代表…向大会报告工作``).

    Severity and ``details`` as for TR001; span: the first sentence after the title lines.

    Why: a page that shows only the second half of a report passes every sentence-level check.

    Example: a body that opens ``六是自身建设在担当作为中得到新淬炼。…`` is flagged (warning):
    the sixth item of a list whose first five are missing, and no opening address.
    """

    code = "TR002"
    name = "truncated-start"
    where = "start"


RULES = [TruncatedEnd, TruncatedStart]

