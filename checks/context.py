"""What per-document rules may know about the rest of the batch: read-only, built once per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, TypeVar

import numpy as np

from scrapegate.checks import html
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.errors import InputError
from scrapegate.checks.spill import temporary_file
from scrapegate.checks.textnorm import line_fingerprints as fingerprints_of

T = TypeVar("T")


@dataclass
class BatchContext:
    """Batch-level facts shared with every per-document rule.

    ``line_doc_freq`` maps a normalised-line fingerprint to the number of documents of the batch that
    contain it (CCNet-style template learning), for the fingerprints of at least two documents (the
    runner keeps no others; a line of one document is never a template, so rules read 0 and 1 alike);
    ``template_lines`` keeps one original text for each of them (the first document's), so rules
    can diff a line against its siblings.
    """

    documents: int = 0
    line_doc_freq: dict[int, int] = field(default_factory=dict)
    template_lines: dict[int, str] = field(default_factory=dict)
    expect_region: str | None = None
    index_path: str | None = None
    update_index: bool = False
    document_findings: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """Per document key, what its per-document rules found: the distinct (category, severity,
    code) of its findings (:class:`~scrapegate.checks.runner.FindingMark`, read like a finding),
    filled by the runner as each document is checked, for batch rules that weigh a document's other
    problems (which copy of a duplicate cluster to keep). Empty in the workers and when no
    per-document rule ran."""
    write_errors: list[InputError] = field(default_factory=list)
    """Writes a batch rule could not make (the duplicate index's update on a full disk): reported
    with the input errors, naming the file (exit 2), instead of a crash that loses the rule's findings."""
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """Compute a piece of batch-level analysis once per run and share it between rules."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def forget(self) -> None:
        """Drop what :meth:`memo` holds (it is computed again when asked). The runner's main process
        calls it once pass 2 is done: what pass 2's warm-up built on this context for the forked
        workers to inherit (the spam rules' tables of the batch's template lines, about 150 bytes a
        document on generated reports) is of no use to the batch rules and the reports after it; and
        once the batch rules are done: the duplicate analysis the four DU rules shared (every match
        with its spans, the clusters' sizes and keepers, a few hundred bytes a copy) is not read by
        the report phase."""
        self._memo.clear()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_memo"] = {}
        state["document_findings"] = {}
        return state

    def frequency(self, fingerprint: int | None) -> int:
        return self.line_doc_freq.get(fingerprint, 0) if fingerprint is not None else 0

    @classmethod
    def build(cls, docs: Iterable[Document], expect_region: str | None = None) -> BatchContext:
        """Build the context from decoded documents (the Python API and tests) the way the runner's
        pass 1 does: fingerprints counted by :class:`LineCounter`, each template line's text from
        the first document that has it, in the order the lines were first met. The same documents
        are checked next, so an HTML page's blocks are read from the page the rules parse (once for
        both)."""
        maps = [line_map(doc, parsed=True) for doc in docs]
        counter = LineCounter()
        for lines in maps:
            counter.add(np.fromiter(lines.keys(), dtype=np.uint64))
        counts, first = counter.frequent()
        templates: dict[int, str] = {}
        for number, lines in enumerate(maps):
            templates.update((fp, text) for fp, text in lines.items() if first.get(fp) == number)
        return cls(documents=counter.documents, line_doc_freq={fp: counts[fp] for fp in templates},
                   template_lines=templates, expect_region=expect_region)


class LineCounter:
    """In how many documents each line fingerprint occurs, counted in bounded memory: each document's
    distinct fingerprints are buffered as (fingerprint, document number) pairs, and past
    ``buffer_pairs`` (1 M, 12 MB) appended to :data:`PARTS` temporary files by the fingerprint's top bits;
    :meth:`frequent` counts one part at a time with numpy. Only the fingerprints of two or more
    documents are kept (a line of one document is not a template), each with the first document
    (in the order added) that has it, where its text is read again (see the runner).
    """

    PARTS = 16

    def __init__(self, buffer_pairs: int = 1 << 20) -> None:
        self.documents = 0
        self._limit = buffer_pairs
        # The pairs wait in two flat arrays (grown by doubling up to the limit), not in two small
        # arrays per document, whose headers alone cost more than their contents.
        self._fps = np.empty(min(buffer_pairs, 1 << 12), dtype=np.uint64)
        self._docs = np.empty(len(self._fps), dtype=np.uint32)
        self._buffered = 0
        self._files: list[tuple[IO[bytes], IO[bytes]]] = []

    def add(self, fingerprints: np.ndarray) -> None:
        """The next document's distinct fingerprints (uint64)."""
        number = self.documents
        self.documents += 1
        n = len(fingerprints)
        if n == 0:
            return
        end = self._buffered + n
        if end > len(self._fps):
            size = max(min(self._limit, 2 * len(self._fps)), end)
            self._fps = np.concatenate([self._fps[:self._buffered], np.empty(size - self._buffered, np.uint64)])
            self._docs = np.concatenate([self._docs[:self._buffered], np.empty(size - self._buffered, np.uint32)])
        self._fps[self._buffered:end] = fingerprints
        self._docs[self._buffered:end] = number
        self._buffered = end
        if self._buffered >= self._limit:
            self._flush()

    def _take(self) -> tuple[np.ndarray, np.ndarray]:
        fps, docs = self._fps[:self._buffered].copy(), self._docs[:self._buffered].copy()
        self._buffered = 0
        return fps, docs

    def _flush(self) -> None:
        fps, docs = self._take()
        if not self._files:
            self._files = [(temporary_file("scrapegate-lines-"),
                            temporary_file("scrapegate-lines-")) for _ in range(self.PARTS)]
        part = (fps >> np.uint64(60)).astype(np.intp)
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(self.PARTS + 1))
        for n, (fp_file, doc_file) in enumerate(self._files):
            chosen = order[bounds[n]:bounds[n + 1]]
            fp_file.write(fps[chosen].tobytes())
            doc_file.write(docs[chosen].tobytes())

    def _parts(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        if not self._files:
            yield self._take()
            return
        self._flush()
        for fp_file, doc_file in self._files:
            fp_file.seek(0)
            doc_file.seek(0)
            yield (np.frombuffer(fp_file.read(), dtype=np.uint64),
                   np.frombuffer(doc_file.read(), dtype=np.uint32))
            fp_file.close()
            doc_file.close()
        self._files = []

    def frequent(self) -> tuple[dict[int, int], dict[int, int]]:
        """({fingerprint: documents} and {fingerprint: its first document's number}) of the
        fingerprints found in two or more documents; the counter is spent."""
        counts: dict[int, int] = {}
        first: dict[int, int] = {}
        for fps, docs in self._parts():
            if len(fps) == 0:
                continue
            order = np.lexsort((docs, fps))
            fps, docs = fps[order], docs[order]
            starts = np.flatnonzero(np.concatenate(([True], fps[1:] != fps[:-1])))
            n = np.diff(np.append(starts, len(fps)))
            keep = starts[n >= 2]
            counts.update(zip(fps[keep].tolist(), n[n >= 2].tolist()))
            first.update(zip(fps[keep].tolist(), docs[keep].tolist()))
        return counts, first


def line_fingerprints(doc: Document) -> np.ndarray:
    """The distinct fingerprints of :func:`line_map` (uint64), what pass 1 sends the main process."""
    return np.fromiter(line_map(doc).keys(), dtype=np.uint64)


def line_map(doc: Document, parsed: bool = False) -> dict[int, str]:
    """{fingerprint: one text} of the document's lines; on an HTML page its text blocks and their text
    runs (a site's menu recurs as blocks whatever the markup around it), not its source lines, which
    are mostly markup (fingerprinting them cost more than the rest of the page's analysis).

    ``parsed``: read the blocks from the page the rules parse anyway (:func:`html.page`, kept with a
    document that is checked next); else from :func:`html.block_texts`, a lighter walk giving the same
    blocks, for a pass that drops the document afterwards."""
    out: dict[int, str] = {}
    if html.is_html(doc):
        blocks = ([(b.text, b.runs) for b in html.page(doc).blocks] if parsed
                  else html.block_texts(doc.text))
        texts = dict.fromkeys(text for text, _ in blocks)
        # A block's runs as lines too (the body lines other rules read on a page); a one-run block's
        # run is its own text.
        texts.update(dict.fromkeys(doc.text[a:b] for _, runs in blocks if len(runs) > 1 for a, b in runs))
    else:
        texts = dict.fromkeys(line.text for line in doc.lines)
    for text, fp in zip(texts, fingerprints_of(list(texts))):
        if fp is not None:
            out.setdefault(fp, text)
    return out


__all__ = ["BatchContext", "LineCounter", "ManifestEntry", "line_fingerprints", "line_map"]
