"""Provenance: can each document be traced to where it came from, and do its claims agree?"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from rapidfuzz import fuzz
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.registry import DocumentRule, NoOptions
from scrapegate.rules.segmentation import source_url, title_line


class MissingSourceUrl(DocumentRule):
    """Neither the manifest nor the text says where the document was fetched from.

    Flags a document with no manifest ``url`` and no page address in its text (a labelled address
    such as ``本文地址:/baogao/huadong/5905.html`` or any absolute URL).

    Why: a report that cannot be traced back to its page cannot be re-fetched, audited or removed on
    request. Add a ``url`` column to the manifest (``--manifest``) to fix it.

    Example: ``report.txt``, saved as plain text from a page whose footer did not print its address,
    checked without a manifest: "``no source URL in the manifest or the text``…".
    """

    code = "PV001"
    name = "missing-source-url"
    category = "provenance"
    severity = Severity.INFO
    Options = NoOptions

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        if source_url(doc) is None:
            yield self.finding(doc, "no source URL in the manifest or the text: add a 'url' column to "
                                    "the manifest so the document can be traced")


@dataclass(frozen=True)
class TitleMismatchOptions:
    min_similarity: float = 0.6
    """Below this similarity (0-1, rapidfuzz token_set_ratio on the titles' characters once dates,
    punctuation and genre words are dropped) the manifest title and the heading name different
    documents."""


_TITLE_NOISE = re.compile(r"[\s\W_\d年月日]+|全文|政府工作报告|人民政府|工作报告")


def _title_core(title: str) -> str:
    return _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))


class ManifestTitleMismatch(DocumentRule):
    """The manifest's title and the document's own heading name different documents.

    Compares the manifest ``title`` with the heading line found at the top of the text (site chrome
    excluded) after dropping punctuation, dates and genre words (政府工作报告, 全文), and flags them
    when their similarity (rapidfuzz ``token_set_ratio`` on characters) is below ``min-similarity``.

    Why: scrapers that build the manifest from a listing page and the text from the article page
    can join one page's title to another page's text; every downstream field keyed on the title is
    then wrong. The span is the document's heading line.

    Example: manifest title ``2023年十堰市张湾区政府工作报告`` over a text whose heading is
    ``(浙江省)宁波市镇海区人民政府工作报告(2023年2月3日)``.
    """

    code = "PV002"
    name = "manifest-title-mismatch"
    category = "provenance"
    severity = Severity.WARNING
    Options = TitleMismatchOptions

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        claimed = doc.manifest.title if doc.manifest else None
        heading = title_line(doc, ctx)
        if not claimed or heading is None:
            return
        a, b = _title_core(claimed), _title_core(heading.text)
        if not a or not b:
            return
        similarity = fuzz.token_set_ratio(" ".join(a), " ".join(b)) / 100
        if similarity < self.options.min_similarity:
            yield self.finding(
                doc, f"manifest title '{claimed}' does not match the document's heading "
                     f"'{heading.text.strip()}': check that the manifest row points at the right file",
                heading.span,
                details={"manifest_title": claimed, "text_title": heading.text.strip(),
                         "similarity": round(similarity, 3)})


RULES = [MissingSourceUrl, ManifestTitleMismatch]
