"""The placeholder rules: each presents one kind of hit of the shared detector (:func:`placeholder_hits`)."""

from __future__ import annotations

from typing import ClassVar, Iterator

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules.placeholder.detector import Hit, placeholder_hits


class _PlaceholderRule(DocumentRule):
    category = "placeholder"
    kinds: ClassVar[tuple[str, ...]]
    what: ClassVar[str]

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        for hit in placeholder_hits(doc):
            if hit.kind in self.kinds:
                line = doc.position(hit.start)[0]
                yield self.finding(
                    doc, f"{self.what} {hit.text!r} on line {line}: template text the publisher never "
                    "filled in; do not ingest the document as published text (fill it from the real "
                    "document or drop it)", (hit.start, hit.end),
                    details={"kind": hit.kind, "mark": hit.mark}, severity=self.severity_of(hit))

    def severity_of(self, hit: Hit) -> Severity:
        return self.severity


class FillInInstruction(_PlaceholderRule):
    """A template's fill-in instruction left in the text: ``【此处填写单位名称】``, ``单击此处输入文字``.

    Flags a bracket (``【】 [] （） 〔〕``, at most 40 characters) that holds an instruction to the
    template's user (``此处填写``, ``请输入``, ``填写单位名称``; data:
    ``rules/placeholder/data/fill_instructions.txt``), and a word processor's prompt anywhere
    (``单击此处添加标题``). The span is the whole bracket or prompt. Unbracketed ``请填写`` is not
    flagged: forms and notices legitimately tell their readers what to fill in.

    Why: a 范文 site published the template, or a copy someone started to fill in; it is not the
    document it pretends to be. Error: an instruction to the writer is never part of a real text.

    Example: ``现将【此处填写单位名称】2023年工作总结报告如下`` -> span ``【此处填写单位名称】``.
    """

    code = "PH001"
    name = "fill-in-instruction"
    severity = Severity.ERROR
    kinds = ("instruction",)
    what = "fill-in instruction"


class TemplateVariable(_PlaceholderRule):
    """A template engine's variable left in the text: ``{{name}}``, ``${unit}``, ``{% if %}``.

    Flags ``{{…}}`` (Jinja, Mustache, Handlebars), ``${…}`` (shell and JavaScript templates) and
    ``{%…%}`` tags, as written (up to 40 characters inside). The span is the whole variable.

    Why: the page was rendered without its data, or a template was scraped as a page. Error.

    Example: ``尊敬的{{name}}同志:`` -> span ``{{name}}``.
    """

    code = "PH002"
    name = "template-variable"
    severity = Severity.ERROR
    kinds = ("variable",)
    what = "template variable"


class PlaceholderName(_PlaceholderRule):
    """A placeholder where a name belongs: ``XX县``, ``XXX同志``, ``××公司``, ``某某县``.

    Flags a run of two or more placeholder marks (X, x, ×, Ｘ, or asterisks: ``***镇``), or ``某某``,
    right before the kind
    of thing it names: an administrative unit, an organ or organisation, a person's title (data:
    ``rules/placeholder/data/name_suffixes.txt``). The span covers the marks and the word
    (``XX县``). Never flagged: marks glued to Latin letters, digits or an address (``XXL``,
    ``www.xx.com``), one X (``X射线``), a single 某 (``某些``, ``某市一家企业``), and ``某某`` that
    withholds a real name: after a surname (``王某某``) or in a sentence about a case (``被告``,
    ``民警``, ``记者``; data: ``anonymised_cues.txt``) or in a document that names two or more
    people that way (``程某某``, ``王某``). Quotation marks alone do not tell a template from an
    anonymised account (a template quotes too); quotes that a writing guide introduces as an example
    (``例如:“XXX同志”``, ``如《关于XX的通知》``; data: ``example_cues.txt``) are talked about, not
    left in, and are not flagged.

    Why: the text is a template or a half-filled copy; a corpus of 政府工作报告 that contains
    ``XX县人民政府工作报告`` is polluted. Error for X/× marks (nobody names a county XX); warning
    for ``某某``, which anonymised texts use without the cues above.

    Example: ``XX县人民政府关于XXX同志任职的通知`` -> spans ``XX县`` and ``XXX同志`` (error);
    ``被告人王某某`` and ``某些地区`` -> nothing.
    """

    code = "PH003"
    name = "placeholder-name"
    severity = Severity.ERROR
    kinds = ("name",)
    what = "placeholder name"

    def severity_of(self, hit: Hit) -> Severity:
        return Severity.WARNING if hit.mark.startswith("某") else Severity.ERROR


class PlaceholderDateOrFigure(_PlaceholderRule):
    """A year, a date or a figure made of placeholder marks: ``202X年``, ``XX月XX日``, ``增长XX%``.

    Flags a year with marks for some of its digits (``202X年``, ``20XX年``, ``XXXX年``, with its
    month and day when they follow), a month and day of marks (``X月X日``; a month alone is not
    enough), a date left blank (``20xx年 月 日``, ``年 月 日``), marks before a unit (``XX亿元``,
    ``X.X%``, ``XX个百分点``, ``XX人``; data: ``rules/placeholder/data/figure_units.txt``) and a
    blank between words and a unit followed by punctuation (``生产总值 亿元,增长 %;``). Marks glued to digits or letters
    (``138XXXX1234``, a masked number) are not placeholders. The span is the date or the figure
    with its unit.

    Why: a 范文 report with ``地区生产总值增长X.X%`` teaches a corpus nothing; its figures were
    never there. Error.

    Example: ``202X年全县地区生产总值增长XX%`` -> spans ``202X年`` and ``XX%``.
    """

    code = "PH004"
    name = "placeholder-date-or-figure"
    severity = Severity.ERROR
    kinds = ("date", "figure")
    what = "placeholder date or figure"


class BarePlaceholder(_PlaceholderRule):
    """A placeholder mark with nothing that says what it stands for: ``××``, ``XXX``, ``某某``.

    Flags the marks (two or more X/x/×/Ｘ, or ``某某``) that no other PH rule explains, with the
    same exclusions as PH003 (Latin words, addresses, masked numbers, anonymised names). The span is
    the marks.

    Why: most are template blanks (``关于××的通知``), but marks also stand for withheld or unknown
    text in real documents, so a warning, not an error.

    Example: ``关于××工作的通知`` -> span ``××``; ``XXL`` and ``X射线`` -> nothing.
    """

    code = "PH005"
    name = "bare-placeholder"
    severity = Severity.WARNING
    kinds = ("bare",)
    what = "placeholder mark"


RULES = [FillInInstruction, TemplateVariable, PlaceholderName, PlaceholderDateOrFigure, BarePlaceholder]
