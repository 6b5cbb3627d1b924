"""Duplicates: exact, near and partial copies of a document's body, linked to what they copy.

Aggregators copy one report under different URLs, with different chrome, cut at different points,
sometimes with a few figures changed; a corpus that ingests every copy over-weights it. Every finding
of this family names the other document (``details.other``), the kind (``exact`` | ``near`` |
``containment``), the similarity (0-1) and which copy to keep (``details.keep``); both documents of
an in-batch pair carry a finding, so either report explains itself.

One copy is kept per cluster (the documents the pairs connect), not per pair: the copy with the
fewest problems (spam, encoding damage, truncation, raw HTML or mostly chrome; see
:mod:`scrapegate.rules.duplicates.keep`), then the most complete. Every finding of the cluster names
it, ``details.problems`` lists what was weighed against the document, the keeper's findings are
info and every other copy's are the rule's severity; ``summary.json`` lists the keeper of each
duplicate cluster in ``duplicate_keepers``.

How the family decides (shared by its rules, see :mod:`scrapegate.rules.duplicates.profile`): only the
body counts (``body_lines``: site chrome removed; markup dropped from raw HTML), reduced to letters,
digits and Han, NFKC-folded and converted to simplified characters, so re-flowed copies, copies in
other encodings and copies in traditional characters are one text. Candidates come from MinHash-LSH
over character 5-grams (rensa) and from shared distinctive text (anchor keys, independent of line
breaks); every candidate pair is then verified on the exact 5-gram sets, so a band collision or a
shared stock passage (the same political formula, the same closing line) never makes a pair by
itself.

Large groups: in a group of near-copies larger than ``max-matches-per-document`` + 1 (one report
served under a thousand URLs), not every pair is checked: each document is verified against its
closest candidates until it has ``max-matches-per-document`` verified matches and verified pairs
connect it to the rest of its group (:mod:`scrapegate.rules.duplicates.match`), so the cost grows
linearly with the batch. Every document of such a group still names at least one other member
(with the verified similarity), at most ``max-matches-per-document`` per rule, and the named pairs
always connect the whole group: it is one of the summary's duplicate clusters. ``details.group_size``
is the size of that cluster; ``details.matches_not_reported`` counts verified matches beyond the
limit.

The four rules share one analysis per batch; thresholds are the family's :class:`DuplicateOptions`.
With ``--index PATH`` the batch is also checked against the persistent index
(:mod:`scrapegate.rules.duplicates.index`), and with ``--update-index`` the batch is added to it after
the lookups, in one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence, cast

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.errors import InputError
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.registry import BatchRule
from scrapegate.checks.spill import Spill
from scrapegate.rules.duplicates.index import (
    DuplicateIndex,
    DuplicateIndexError,
    IndexMatch,
)
from scrapegate.rules.duplicates.match import (
    CONTAINMENT,
    EXACT,
    NEAR,
    Match,
    MatchThresholds,
    UnionFind,
    find_matches,
    groups,
    overall_span,
    spanning_links,
)
from scrapegate.rules.duplicates.keep import Keeper, choose_keepers
from scrapegate.rules.duplicates.profile import DuplicateProfile, document_profile, document_profiles
from scrapegate.rules.duplicates.store import PackedProfile, ProfileStore

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
    max_matches_per_document: at most this many findings per document and rule (best first, but
        always the one pair that links the document to its group); in a larger group of near-copies,
        also how many verified matches each document needs before further pairs are skipped.

    The analysis is shared on :meth:`thresholds` (what decides the pairs, the verification budget
    included); the per-rule limit on findings is applied by each rule. The index is updated once
    per run whatever the options.
    """

    # The defaults are MatchThresholds' own: one place decides them.
    near_threshold: float = MatchThresholds.near_threshold
    containment_threshold: float = MatchThresholds.containment_threshold
    containment_max_length_ratio: float = MatchThresholds.containment_max_length_ratio
    min_body_chars: int = MatchThresholds.min_body_chars
    max_line_frequency: int = MatchThresholds.max_line_frequency
    max_matches_per_document: int = MatchThresholds.matches_per_document

    def thresholds(self) -> MatchThresholds:
        return MatchThresholds(
            near_threshold=self.near_threshold, containment_threshold=self.containment_threshold,
            containment_max_length_ratio=self.containment_max_length_ratio,
            min_body_chars=self.min_body_chars, max_line_frequency=self.max_line_frequency,
            matches_per_document=max(1, self.max_matches_per_document))


@dataclass(frozen=True)
class Analysis:
    """The batch's verified pairs, the pair each document must name (its link to its group, see
    :func:`spanning_links`), group sizes, each document's cluster keeper, index matches and how
    many pairs were checked."""

    matches: tuple[Match, ...]
    links: dict[str, str]
    group_sizes: dict[str, int]
    keepers: dict[str, Keeper]
    index_matches: tuple[IndexMatch, ...]
    candidate_pairs: int
    verified_pairs: int


class _Side(NamedTuple):
    """One document's side of a match: the finding it would carry, before the per-document limit.
    ``keeps``: this document is its cluster's copy to keep; ``outer``: it is the pair's longer body
    (for containment, the one that contains the other)."""

    key: str
    other: str
    similarity: float
    match: Any
    keeps: bool
    outer: bool = False


def analyse(payloads: Mapping[str, DuplicateProfile], ctx: BatchContext,
            options: DuplicateOptions) -> Analysis:
    """Pairs within the batch and against the index; the index update (if asked) happens here.

    The four DU rules call this with the same payloads and context: the result is memoised on the
    batch context and the detection thresholds, so rules that differ only in what they present
    share the work. The index update has its own memo: it happens once per run, after the first
    lookup, whatever thresholds each rule was given (a later lookup does not match the batch's own
    documents: :meth:`DuplicateIndex.find` skips entries with a batch document's key and sha256).
    """
    thresholds = options.thresholds()

    def compute() -> Analysis:
        batch = find_matches(payloads, thresholds)
        index_matches: tuple[IndexMatch, ...] = ()
        if ctx.index_path:
            index = DuplicateIndex.open(ctx.index_path, create=ctx.update_index)
            if index is not None:
                with index:
                    index_matches = tuple(index.find(payloads, thresholds))
                    if ctx.update_index:
                        ctx.memo(("duplicates.index-update",), lambda: _update_index(
                            index, payloads, thresholds.min_body_chars, ctx))
        clusters = groups(batch.matches)
        sizes = {k: len(group) for group in clusters for k in group}
        keepers = choose_keepers(clusters, payloads, batch.matches, ctx.document_findings)
        return Analysis(batch.matches, spanning_links(batch.matches), sizes, keepers,
                        index_matches, batch.candidate_pairs, batch.verified_pairs)

    return ctx.memo(("duplicates", thresholds), compute)


def _update_index(index: DuplicateIndex, payloads: Mapping[str, DuplicateProfile], min_body_chars: int,
                  ctx: BatchContext) -> None:
    """Add the batch to the index. A write that fails (a full disk, a file or folder gone read-only, a
    lock) is the run's error naming the index (exit 2), the index left as it was (one transaction):
    the DU rules' findings stand, where a crash of the four rules lost them (exit 3)."""
    try:
        index.add(payloads, min_body_chars=min_body_chars)
    except (sqlite3.OperationalError, OSError) as exc:
        ctx.write_errors.append(InputError(str(ctx.index_path), f"--index not updated ({exc}); it holds what "
                                                                "it held before this run"))


class _DuplicateRule(BatchRule):
    category = "duplicate"
    Options = DuplicateOptions
    kind = ""  # the kind of in-batch match this rule reports

    def collect(self, doc: Document, ctx: BatchContext) -> DuplicateProfile:
        return document_profile(doc, ctx)

    def prepare(self, docs: Sequence[Document], ctx: BatchContext) -> None:
        document_profiles(docs, ctx)

    def pack(self, payload: DuplicateProfile) -> PackedProfile:
        return PackedProfile.of(payload)

    def compact(self, payload: DuplicateProfile | PackedProfile, spill: Spill) -> int:
        # on disk, its row in memory: see store.py
        return ProfileStore.of(spill).add(payload)

    def expand(self, compacted: int, spill: Spill) -> DuplicateProfile:
        return cast(DuplicateProfile, ProfileStore.of(spill).stored(compacted))

    def check_batch(self, docs: Mapping[str, Document], payloads: Mapping[str, Any],
                    ctx: BatchContext) -> Iterator[tuple[str, Finding]]:
        analysis = analyse(payloads, ctx, self.options)
        per_doc: dict[str, list[_Side]] = {}
        for side in self._sides(analysis):
            per_doc.setdefault(side.key, []).append(side)
        limit = max(1, self.options.max_matches_per_document)
        links = self._links(analysis)
        out: list[tuple[str, Finding]] = []
        for key in sorted(per_doc):
            link = links.get(key)
            ranked = sorted(per_doc[key], key=lambda s: (s.other != link, -s.similarity, s.other))
            for side in ranked[:limit]:  # findings are built for the reported sides only
                finding = self._finding(docs, side, analysis)
                if len(ranked) > limit:
                    finding.details["matches_not_reported"] = len(ranked) - limit
                out.append((key, finding))
        out.sort(key=lambda kf: (kf[0], kf[1].sort_key(), kf[1].details.get("other", "")))
        yield from out

    def _links(self, analysis: Analysis) -> dict[str, str]:
        return analysis.links

    def _sides(self, analysis: Analysis) -> Iterable[_Side]:
        """Both sides of each in-batch match of this rule's kind."""
        for m in analysis.matches:
            if m.kind == self.kind:
                keeper = analysis.keepers[m.longer].key
                yield _Side(m.shorter, m.longer, m.similarity, m, m.shorter == keeper, False)
                yield _Side(m.longer, m.shorter, m.similarity, m, m.longer == keeper, True)

    def _finding(self, docs: Mapping[str, Document], side: _Side, analysis: Analysis) -> Finding:
        raise NotImplementedError


def _group(analysis: Analysis, key: str, details: dict[str, Any]) -> dict[str, Any]:
    details["group_size"] = analysis.group_sizes.get(key, 2)
    return details


def _group_note(analysis: Analysis, key: str, limit: int) -> str:
    """A message suffix for a document whose group is too large to name every member."""
    size = analysis.group_sizes.get(key, 2)
    return (f"; one of {size} documents of this batch that copy one another (one duplicate "
            f"cluster), at most {limit} named per rule") if size - 1 > limit else ""


def _details(kind: str, other: str, similarity: float, keep: str, **more: Any) -> dict[str, Any]:
    return {"kind": kind, "other": other, "similarity": similarity, "keep": keep, **more}


def _batch_details(analysis: Analysis, side: _Side, kind: str, **more: Any) -> dict[str, Any]:
    """The details of an in-batch finding: the pair, the cluster's keeper, this document's problems
    (what the keep choice weighed) and the cluster's size."""
    keeper = analysis.keepers[side.key]
    details = _details(kind, side.other, side.similarity, keeper.key,
                       problems=list(keeper.problems[side.key]), **more)
    return _group(analysis, side.key, details)


def _keep_advice(analysis: Analysis, key: str) -> str:
    """'keep K (why)' for a document that is not its cluster's keeper."""
    keeper = analysis.keepers[key]
    mine, best = keeper.problems[key], keeper.problems[keeper.key]
    if len(mine) > len(best):
        return (f"keep {keeper.key}, the copy with the fewest problems (this one: "
                f"{', '.join(mine)}), and drop this copy")
    return f"keep {keeper.key}, the most complete of the cleanest copies, and drop this copy"


def _span_list(spans: tuple[tuple[int, int], ...]) -> list[dict[str, int]]:
    return [{"start": s, "end": e} for s, e in spans[:_MAX_LISTED_SPANS]]


class ExactDuplicate(_DuplicateRule):
    """Two documents have the same body once site chrome, punctuation, white space and script are set aside.

    Flags each redundant copy (error) and the copy to keep (info). The bodies are compared after
    removing chrome (navigation, footers, comment widgets) and raw HTML markup, keeping letters,
    digits and Han only, folding full- and half-width forms (NFKC) and converting traditional
    characters to simplified, so the same report saved by two sites in two encodings, wrapped
    differently, as a web page or in traditional characters, is one text. The copy to keep is the
    cluster's cleanest (fewest spam, encoding, truncation and chrome problems), then the first by
    path; every other copy names it.

    Why error for the redundant copy: it adds nothing but weight to a corpus (one copy is fine, which
    is why the kept copy gets only info). Demote it in the config if your pipeline deduplicates later.

    Example: ``a/report.txt`` (UTF-8, site A's menu and footer) and ``b/report.txt`` (GB18030, site
    B's chrome) carry the same report: ``b/report.txt`` gets "exact duplicate of a/report.txt ...",
    ``a/report.txt`` gets "b/report.txt is an exact duplicate of this document".
    """

    code = "DU001"
    name = "exact-duplicate"
    severity = Severity.ERROR
    severities = (Severity.INFO, Severity.ERROR)  # info on the copy to keep
    kind = EXACT

    def _finding(self, docs, side, analysis):
        note = _group_note(analysis, side.key, self.options.max_matches_per_document)
        m = side.match
        span = _first(m.longer_spans if side.outer else m.shorter_spans)
        details = _batch_details(analysis, side, EXACT)
        if not side.keeps:
            return self.finding(
                docs[side.key], f"exact duplicate of {side.other}: the same body text once chrome, "
                f"punctuation, white space and script (traditional/simplified) are set aside; "
                f"{_keep_advice(analysis, side.key)}{note}", span, details=details)
        return self.finding(
            docs[side.key], f"{side.other} is an exact duplicate of this document; this is the copy "
            f"to keep{note}", span, details=details, severity=Severity.INFO)


class NearDuplicate(_DuplicateRule):
    """Two documents are the same text with small edits (figures changed, a paragraph or title differs).

    Flags the copy to drop (warning) and the copy to keep (info: the cluster's copy with the fewest
    problems, then the most complete, see the family's keep choice). A pair is proposed by
    MinHash-LSH over character 5-grams and kept only if the exact Jaccard similarity of the two
    5-gram sets reaches ``near-threshold`` (default 0.7); distinct reports that share stock
    passages stay far below it. Warning, not error: which edit is right is
    for a person to judge, and one of the two copies should stay.

    Large groups: when a site serves one report under hundreds of URLs, each copy is checked against
    its closest candidates only, not against every other copy, so the cost stays linear. Each copy
    then names up to ``max-matches-per-document`` others (verified pairs, at least one), the named
    pairs connect the whole group into one duplicate cluster of the summary, and ``group_size`` in
    the details (and the message) says how many copies the group has.

    Example: ``b.txt``, a copy of ``a.txt`` whose 2022 figures were rewritten and whose closing
    paragraph is missing, gets "``near-duplicate of a.txt (Jaccard 0.79``…"; ``a.txt``, the longer,
    gets "``b.txt is a near-duplicate of this document``…" (info).
    """

    code = "DU002"
    name = "near-duplicate"
    severity = Severity.WARNING
    severities = (Severity.INFO, Severity.WARNING)  # info on the copy to keep
    kind = NEAR

    def _finding(self, docs, side, analysis):
        m, s = side.match, side.similarity
        note = _group_note(analysis, side.key, self.options.max_matches_per_document)
        span = _first(m.longer_spans if side.outer else m.shorter_spans)
        details = _batch_details(analysis, side, NEAR)
        if not side.keeps:
            return self.finding(
                docs[side.key], f"near-duplicate of {side.other} (Jaccard {s:.2f} of 5-character "
                f"shingles): the same text with small edits; {_keep_advice(analysis, side.key)}{note}",
                span, details=details)
        return self.finding(
            docs[side.key], f"{side.other} is a near-duplicate of this document (Jaccard {s:.2f}); "
            f"this is the copy to keep{note}", span, details=details, severity=Severity.INFO)


class ContainedCopy(_DuplicateRule):
    """One document's body is largely contained in another's: a partial (e.g. truncated) copy.

    The shorter document "is contained in" the longer, the longer "contains" the shorter; the copy
    to keep gets info, the other warning. A partial copy lacks text, which counts as a problem when
    the keeper is chosen, so the fuller copy is kept unless it has more problems (spam, raw HTML, …)
    than the partial one. Similarity is the share of the shorter body's 5-grams found in the
    longer (at least ``containment-threshold``, default 0.8, while the shorter is at most
    ``containment-max-length-ratio`` of the longer's length). The span marks where the shared text
    lies in each document (``details.shared_spans`` lists every run of shared lines).

    In a large group of copies (see DU002) a partial copy names at least one and at most
    ``max-matches-per-document`` of the documents that contain it; a full copy names as many of its
    partial copies at most, and ``matches_not_reported`` counts the verified ones left out.

    Example: a site cut ``full.txt`` after its first section: that copy, ``cut.txt``, gets
    "``100% of this body is contained in full.txt``…", and the full report's finding ("``contains
    cut.txt``…", info) spans its first section.
    """

    code = "DU003"
    name = "contained-copy"
    severity = Severity.WARNING
    severities = (Severity.INFO, Severity.WARNING)  # info on the copy to keep
    kind = CONTAINMENT

    def _finding(self, docs, side, analysis):
        m, s = side.match, side.similarity
        note = _group_note(analysis, side.key, self.options.max_matches_per_document)
        spans = m.longer_spans if side.outer else m.shorter_spans
        details = _batch_details(analysis, side, CONTAINMENT,
                                 role="contains" if side.outer else "is-contained",
                                 shared_spans=_span_list(spans))
        if side.outer:
            message = f"contains {side.other}, a partial copy ({s:.0%} of its body occurs here); "
        else:
            message = f"{s:.0%} of this body is contained in {side.other} (a partial copy, e.g. truncated); "
        if side.keeps:
            return self.finding(docs[side.key], message + f"this is the copy to keep{note}",
                                overall_span(spans), details=details, severity=Severity.INFO)
        return self.finding(docs[side.key], message + _keep_advice(analysis, side.key) + note,
                            overall_span(spans), details=details)


class IndexedDuplicate(_DuplicateRule):
    """The document duplicates one already in the persistent index (``--index PATH``).

    Catches a copy of something ingested in an earlier run. Kinds and thresholds are those of
    DU001-DU003; ``details.other`` is the indexed document's key, with ``other_title``,
    ``other_sha256``, ``other_source`` and ``other_indexed_at`` from the index. Severity: an exact copy of an indexed
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
    severities = (Severity.INFO, Severity.WARNING, Severity.ERROR)  # by kind and direction

    def _links(self, analysis):
        return {}  # the in-batch links name batch documents, not indexed ones

    def _sides(self, analysis):
        for m in analysis.index_matches:
            yield _Side(m.key, m.indexed.key, m.similarity, m, False)

    def _finding(self, docs, side, analysis):
        m = side.match
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
        details = _details(m.kind, entry.key, s, keep, other_title=entry.title,
                           other_sha256=entry.sha256, other_source=entry.source,
                           other_indexed_at=entry.indexed_at)
        if m.direction:
            details["role"] = m.direction
            details["shared_spans"] = _span_list(m.spans)
        span = overall_span(m.spans) if m.kind == CONTAINMENT else _first(m.spans)
        return self.finding(docs[m.key], message, span, details=details, severity=severity)


def _first(spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    return spans[0] if spans else None


def duplicate_clusters(findings: Iterable[tuple[str, Finding]]) -> list[list[str]]:
    """Groups of batch documents linked by in-batch duplicate findings (DU001-DU003), union-find.

    Takes (document key, finding) pairs as ``check_batch`` yields them; returns sorted clusters of
    two or more keys, sorted by their first key. Index matches (DU004) link to documents outside the
    batch and are left out.
    """
    return [members for members, _ in clusters_and_keepers(findings)]


def clusters_and_keepers(findings: Iterable[tuple[str, Finding]]) -> list[tuple[list[str], str | None]]:
    """:func:`duplicate_clusters`, each with the copy to keep its findings name (``details.keep``;
    None if they name none, e.g. findings from a plugin or an older version)."""
    links = UnionFind()
    keep: dict[str, str] = {}
    for key, finding in findings:
        if finding.category != "duplicate" or finding.code == IndexedDuplicate.code:
            continue
        other = finding.details.get("other")
        if other:
            links.union(key, other)
            if finding.details.get("keep"):
                keep[key] = finding.details["keep"]
    clusters: dict[str, list[str]] = {}
    for key in list(links.parent):
        clusters.setdefault(links.root(key), []).append(key)
    out = []
    for members in sorted((sorted(c) for c in clusters.values() if len(c) > 1), key=lambda c: c[0]):
        named = sorted({keep[k] for k in members if k in keep} & set(members))
        out.append((members, named[0] if named else None))
    return out


RULES = [ExactDuplicate, NearDuplicate, ContainedCopy, IndexedDuplicate]
