"""Duplicates: exact, near and partial copies of a document's body, linked to what they copy.

Aggregators copy one report under different URLs, with different chrome, cut at different points,
sometimes with a few figures changed; a corpus that ingests every copy over-weights it. Every finding
of this family names the other document (``details.other``), the kind (``exact`` | ``near`` |
``containment``), the similarity (0-1) and which copy to keep (``details.keep``); both documents of
an in-batch pair carry a finding, so either report explains itself.

How the family decides (shared by its rules, see :mod:`scrapegate.rules.dedup_profile`): only the
body counts (``body_lines``: site chrome removed), NFKC-folded with white space removed. Candidates
come from MinHash-LSH over character 5-grams (rensa) and from shared distinctive lines; every
candidate pair is then verified on the exact 5-gram sets, so a band collision or a shared stock
passage (the same political formula, the same closing line) never makes a pair by itself.

The four rules share one analysis per batch; thresholds are the family's :class:`DuplicateOptions`.
With ``--index PATH`` the batch is also checked against the persistent index
(:mod:`scrapegate.rules.dedup_index`), and with ``--update-index`` the batch is added to it after
the lookups, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Category, Finding, Severity
from scrapegate.checks.registry import BatchRule
from scrapegate.rules.dedup_index import DuplicateIndex, DuplicateIndexError, IndexMatch
from scrapegate.rules.dedup_match import (CONTAINMENT, EXACT, NEAR, Match, MatchThresholds,
                                          find_matches, overall_span)
from scrapegate.rules.dedup_profile import DuplicateProfile, document_profile

__all__ = ["RULES", "DuplicateIndexError", "DuplicateOptions", "duplicate_clusters"]

_MAX_LISTED_SPANS = 20


@dataclass(frozen=True)
class DuplicateOptions:
    """Thresholds of the duplicate family (the same dataclass for all DU rules).

    near_threshold: minimum exact Jaccard similarity of the two bodies' 5-gram sets for a near-duplicate.
    containment_threshold: minimum share of the shorter body's 5-grams found in the longer one.
    containment_max_length_ratio: a contained body at most this fraction of the other's length is a
        partial copy (containment); longer than that, a high-Jaccard pair is a near-duplicate.
    min_body_chars: bodies shorter than this (after normalisation) are too short to judge.
    max_line_frequency: a line found in more documents than this is a stock passage and proposes no
        containment candidates.
    max_matches_per_document: at most this many findings per document and rule (best first).
    """

    near_threshold: float = 0.7
    containment_threshold: float = 0.8
    containment_max_length_ratio: float = 0.85
    min_body_chars: int = 200
    max_line_frequency: int = 50
    max_matches_per_document: int = 10

    def thresholds(self) -> MatchThresholds:
        return MatchThresholds(
            near_threshold=self.near_threshold, containment_threshold=self.containment_threshold,
            containment_max_length_ratio=self.containment_max_length_ratio,
            min_body_chars=self.min_body_chars, max_line_frequency=self.max_line_frequency)


@dataclass(frozen=True)
class _Analysis:
    matches: tuple[Match, ...]
    index_matches: tuple[IndexMatch, ...]


def analyse(payloads: dict[str, DuplicateProfile], ctx: BatchContext,
            options: DuplicateOptions) -> _Analysis:
    """Pairs within the batch and against the index; the index update (if asked) happens here.

    The four DU rules call this with the same payloads and context: the result is memoised on the
    batch context, so the work (and the index update) happens once per run.
    """
    def compute() -> _Analysis:
        thresholds = options.thresholds()
        matches = tuple(find_matches(payloads, thresholds))
        index_matches: tuple[IndexMatch, ...] = ()
        if ctx.index_path:
            index = DuplicateIndex.open(ctx.index_path, create=ctx.update_index)
            if index is not None:
                with index:
                    index_matches = tuple(index.find(payloads, thresholds))
                    if ctx.update_index:
                        index.add(payloads, min_body_chars=thresholds.min_body_chars)
        return _Analysis(matches, index_matches)

    return ctx.memo(("duplicates", options), compute)


class _DuplicateRule(BatchRule):
    category = Category.DUPLICATE
    Options = DuplicateOptions

    def collect(self, doc: Document, ctx: BatchContext) -> DuplicateProfile:
        return document_profile(doc, ctx)

    def check_batch(self, docs: dict[str, Document], payloads: dict[str, Any],
                    ctx: BatchContext) -> Iterator[tuple[str, Finding]]:
        analysis = analyse(payloads, ctx, self.options)
        out: list[tuple[str, Finding]] = []
        per_doc: dict[str, list[tuple[float, str, Finding]]] = {}
        for key, other, similarity, finding in self._findings(docs, analysis):
            per_doc.setdefault(key, []).append((-similarity, other, finding))
        limit = self.options.max_matches_per_document
        for key in sorted(per_doc):
            ranked = sorted(per_doc[key], key=lambda t: (t[0], t[1]))
            for _, _, finding in ranked[:limit]:
                if len(ranked) > limit:
                    finding.details["matches_not_reported"] = len(ranked) - limit
                out.append((key, finding))
        out.sort(key=lambda kf: (kf[0], kf[1].sort_key(), kf[1].details.get("other", "")))
        yield from out

    def _findings(self, docs: dict[str, Document],
                  analysis: _Analysis) -> Iterable[tuple[str, str, float, Finding]]:
        raise NotImplementedError

    def _pair_matches(self, analysis: _Analysis, kind: str) -> Iterator[Match]:
        return (m for m in analysis.matches if m.kind == kind)


def _details(kind: str, other: str, similarity: float, keep: str, **more: Any) -> dict[str, Any]:
    return {"kind": kind, "other": other, "similarity": similarity, "keep": keep, **more}


def _span_list(spans: tuple[tuple[int, int], ...]) -> list[dict[str, int]]:
    return [{"start": s, "end": e} for s, e in spans[:_MAX_LISTED_SPANS]]


class ExactDuplicate(_DuplicateRule):
    """Two documents have the same body once site chrome and white space are set aside.

    Flags each redundant copy (error) and the copy to keep (info). The bodies are compared after
    removing chrome (navigation, footers, comment widgets), folding full- and half-width forms
    (NFKC) and dropping all white space, so the same report saved by two sites in two encodings,
    wrapped differently, is one text. Of a group of identical bodies the first by path is the copy to
    keep; every other copy points to it.

    Why error for the redundant copy: it adds nothing but weight to a corpus (one copy is fine, which
    is why the kept copy gets only info). Demote it in the config if your pipeline deduplicates later.

    Example: ``a/report.txt`` (UTF-8, site A's menu and footer) and ``b/report.txt`` (GB18030, site
    B's chrome) carry the same report: ``b/report.txt`` gets "exact duplicate of a/report.txt ...",
    ``a/report.txt`` gets "b/report.txt is an exact duplicate of this document".
    """

    code = "DU001"
    name = "exact-duplicate"
    severity = Severity.ERROR

    def _findings(self, docs, analysis):
        for m in self._pair_matches(analysis, EXACT):
            yield m.drop, m.keep, 1.0, self.finding(
                docs[m.drop], f"exact duplicate of {m.keep}: the same body text once chrome and "
                f"white space are set aside; keep {m.keep} and drop this copy",
                _first(m.drop_spans), details=_details(EXACT, m.keep, 1.0, m.keep))
            yield m.keep, m.drop, 1.0, self.finding(
                docs[m.keep], f"{m.drop} is an exact duplicate of this document; this is the copy "
                "to keep", _first(m.keep_spans), details=_details(EXACT, m.drop, 1.0, m.keep),
                severity=Severity.INFO)


class NearDuplicate(_DuplicateRule):
    """Two documents are the same text with small edits (figures changed, a paragraph or title differs).

    Flags the copy to drop (warning) and the copy to keep (info: the longer body, else the first by
    path). A pair is proposed by MinHash-LSH over character 5-grams and kept only if the exact
    Jaccard similarity of the two 5-gram sets reaches ``near_threshold`` (default 0.7); distinct
    reports that share stock passages stay far below it. Warning, not error: which edit is right is
    for a person to judge, and one of the two copies should stay.

    Example: a copy of a report whose 2022 figures were rewritten and whose last paragraph is
    missing, Jaccard 0.86 with the original: the shorter gets "near-duplicate of <original> ...".
    """

    code = "DU002"
    name = "near-duplicate"
    severity = Severity.WARNING

    def _findings(self, docs, analysis):
        for m in self._pair_matches(analysis, NEAR):
            s = m.similarity
            yield m.drop, m.keep, s, self.finding(
                docs[m.drop], f"near-duplicate of {m.keep} (Jaccard {s:.2f} of 5-character "
                f"shingles): the same text with small edits; keep {m.keep}, the longer copy",
                _first(m.drop_spans), details=_details(NEAR, m.keep, s, m.keep))
            yield m.keep, m.drop, s, self.finding(
                docs[m.keep], f"{m.drop} is a near-duplicate of this document (Jaccard {s:.2f}); "
                "this is the copy to keep", _first(m.keep_spans),
                details=_details(NEAR, m.drop, s, m.keep), severity=Severity.INFO)


class ContainedCopy(_DuplicateRule):
    """One document's body is largely contained in another's: a partial (e.g. truncated) copy.

    The shorter document "is contained in" the longer (warning: drop it, keep the longer); the longer
    "contains" the shorter (info). Similarity is the share of the shorter body's 5-grams found in the
    longer (at least ``containment_threshold``, default 0.8, while the shorter is at most
    ``containment_max_length_ratio`` of the longer's length). The span marks where the shared text
    lies in each document (``details.shared_spans`` lists every run of shared lines).

    Example: a site that cut a report after its first section: that copy gets "96% of this body is
    contained in <full report>", and the full report's finding spans its first section.
    """

    code = "DU003"
    name = "contained-copy"
    severity = Severity.WARNING

    def _findings(self, docs, analysis):
        for m in self._pair_matches(analysis, CONTAINMENT):
            s = m.similarity
            yield m.drop, m.keep, s, self.finding(
                docs[m.drop], f"{s:.0%} of this body is contained in {m.keep} (a partial copy, "
                f"e.g. truncated); keep {m.keep}, the longer document",
                overall_span(m.drop_spans), details=_details(
                    CONTAINMENT, m.keep, s, m.keep, role="is-contained",
                    shared_spans=_span_list(m.drop_spans)))
            yield m.keep, m.drop, s, self.finding(
                docs[m.keep], f"contains {m.drop}, a partial copy ({s:.0%} of its body occurs "
                "here); this is the copy to keep", overall_span(m.keep_spans),
                details=_details(CONTAINMENT, m.drop, s, m.keep, role="contains",
                                 shared_spans=_span_list(m.keep_spans)),
                severity=Severity.INFO)


class IndexedDuplicate(_DuplicateRule):
    """The document duplicates one already in the persistent index (``--index PATH``).

    Catches a copy of something ingested in an earlier run. Kinds and thresholds are those of
    DU001-DU003; ``details.other`` is the indexed document's key, with ``other_sha256``,
    ``other_source`` and ``other_indexed_at`` from the index. Severity: an exact copy of an indexed
    document is an error (it is already in the corpus); a near copy or a partial copy contained in
    an indexed document is a warning; a document that *contains* an indexed one (a fuller version of
    something ingested before) is info. Indexed entries that are documents of this very batch (same
    key and sha256: the same files checked again) are not reported, since the batch rules already
    pair them.

    Example: last month's run indexed ``2023/zhangwan.txt``; today ``mirror/zw.txt`` carries the same
    body under another site's chrome: "exact duplicate of indexed document 2023/zhangwan.txt ...".
    """

    code = "DU004"
    name = "indexed-duplicate"
    severity = Severity.ERROR

    def _findings(self, docs, analysis):
        for m in analysis.index_matches:
            entry = m.indexed
            where = f"indexed document {entry.key} (indexed {entry.indexed_at}" + (
                f", source {entry.source})" if entry.source else ")")
            s = m.similarity
            if m.kind == EXACT:
                message = f"exact duplicate of {where}: already in the corpus; drop this copy"
                severity, keep = Severity.ERROR, entry.key
            elif m.kind == NEAR:
                message = (f"near-duplicate of {where}, Jaccard {s:.2f}: the same text with small "
                           "edits is already in the corpus")
                severity, keep = Severity.WARNING, entry.key
            elif m.direction == "is-contained":
                message = f"{s:.0%} of this body is contained in {where}: a partial copy"
                severity, keep = Severity.WARNING, entry.key
            else:
                message = (f"contains {where} ({s:.0%} of its body occurs here): a fuller "
                           "version of an indexed document; consider replacing it")
                severity, keep = Severity.INFO, m.key
            details = _details(m.kind, entry.key, s, keep, other_sha256=entry.sha256,
                               other_source=entry.source, other_indexed_at=entry.indexed_at)
            if m.direction:
                details["role"] = m.direction
                details["shared_spans"] = _span_list(m.spans)
            span = overall_span(m.spans) if m.kind == CONTAINMENT else _first(m.spans)
            yield m.key, entry.key, s, self.finding(docs[m.key], message, span, details=details,
                                                    severity=severity)


def _first(spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    return spans[0] if spans else None


def duplicate_clusters(findings: Iterable[tuple[str, Finding]]) -> list[list[str]]:
    """Groups of batch documents linked by in-batch duplicate findings (DU001-DU003), union-find.

    Takes (document key, finding) pairs as ``check_batch`` yields them; returns sorted clusters of
    two or more keys, sorted by their first key. Index matches (DU004) link to documents outside the
    batch and are left out.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, finding in findings:
        if finding.category is not Category.DUPLICATE or finding.code == IndexedDuplicate.code:
            continue
        other = finding.details.get("other")
        if other:
            a, b = root(key), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    clusters: dict[str, list[str]] = {}
    for key in parent:
        clusters.setdefault(root(key), []).append(key)
    return sorted((sorted(c) for c in clusters.values() if len(c) > 1), key=lambda c: c[0])


RULES = [ExactDuplicate, NearDuplicate, ContainedCopy, IndexedDuplicate]
