"""What per-document rules may know about the rest of the batch: read-only, built once per run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

from scrapegate.checks import html
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.textnorm import line_fingerprint

T = TypeVar("T")


@dataclass
class BatchContext:
    """Batch-level facts shared with every per-document rule.

    ``line_doc_freq`` maps a normalised-line fingerprint to the number of documents of the batch that
    contain it (CCNet-style template learning); ``template_lines`` keeps one original text for each
    fingerprint seen in at least two documents, so rules can diff a line against its siblings.
    """

    documents: int = 0
    line_doc_freq: dict[int, int] = field(default_factory=dict)
    template_lines: dict[int, str] = field(default_factory=dict)
    expect_region: str | None = None
    index_path: str | None = None
    update_index: bool = False
    document_findings: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    """Per document key, what its per-document rules found: the distinct (category, severity,
    code) of its findings (:class:`~scrapegate.checks.runner.FindingMark`, read like a finding),
    filled by the runner as each document is checked, for batch rules that weigh a document's other
    problems (which copy of a duplicate cluster to keep). Empty in the workers and when no
    per-document rule ran."""
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """Compute a piece of batch-level analysis once per run and share it between rules."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_memo"] = {}
        state["document_findings"] = {}
        return state

    def frequency(self, fingerprint: int | None) -> int:
        return self.line_doc_freq.get(fingerprint, 0) if fingerprint is not None else 0

    @classmethod
    def build(cls, docs: Iterable[Document], expect_region: str | None = None) -> BatchContext:
        """Build the context from decoded documents (convenient in tests and the Python API)."""
        return cls.from_line_sets((line_map(d) for d in docs), expect_region)

    @classmethod
    def from_line_sets(cls, per_document: Iterable[dict[int, str]],
                       expect_region: str | None = None) -> BatchContext:
        """Build from each document's {fingerprint: one line text} map (what workers send back)."""
        freq: Counter[int] = Counter()
        first_text: dict[int, str] = {}
        count = 0
        for lines in per_document:
            count += 1
            freq.update(lines.keys())
            for fp, text in lines.items():
                first_text.setdefault(fp, text)
        templates = {fp: first_text[fp] for fp, n in freq.items() if n >= 2}
        return cls(documents=count, line_doc_freq=dict(freq), template_lines=templates,
                   expect_region=expect_region)


def line_map(doc: Document) -> dict[int, str]:
    """{fingerprint: one text} of the document's lines; an HTML page's text blocks count as lines too
    (a site's menu recurs as blocks whatever the markup around it)."""
    out: dict[int, str] = {}
    lines = doc.lines
    if html.is_html(doc):
        lines = [*lines, *html.block_lines(doc)]
    for line in lines:
        fp = line_fingerprint(line.text)
        if fp is not None:
            out.setdefault(fp, line.text)
    return out


__all__ = ["BatchContext", "ManifestEntry", "line_map"]
