"""Which copy of a duplicate cluster to keep: the one with the fewest problems, then the most complete.

The longer copy is not always the better one: a page with injected spam or with its raw HTML is
longer than the clean copy it duplicates. So each member of a cluster is given its problems, and the
keeper is the member with the fewest, then the most complete (see below):

* ``spam``, ``encoding``, ``truncation``: a finding (warning or error) of the spam, encoding or
  truncation family on the document, when those families ran in this batch (the runner hands the
  per-document findings to batch rules in ``BatchContext.document_findings``);
* ``encoding`` also when the body holds U+FFFD or 锟斤拷-style runs, and ``truncation`` when the
  document is the partial side of a containment pair of its cluster (it lacks text another member
  has), whatever ran;
* ``spam`` also when the text carries :data:`GLOSSED` or more pinyin glosses (經(jīng)濟: a content
  farm's obfuscated copy);
* ``chrome``: the document is raw HTML, or more than :data:`CHROME_HEAVY` of its characters are
  site chrome.

Of the members with the fewest problems, those whose normalised body is at least
:data:`COMPLETE_SHARE` of the longest are the most complete (a few chrome lines the boilerplate
family missed do not make a copy more complete); between those, a copy that was in traditional
characters ranks after one that was not (the converted mirror is the usual copy), then the one
with less chrome, then the first by key.

Without the other families (``--select DU``) spam and a cut the truncation rules would have seen are
not known, and a longer copy carrying spam can be chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from scrapegate.checks.findings import Finding, Severity
from scrapegate.rules.duplicates.match import CONTAINMENT, Match
from scrapegate.rules.duplicates.profile import DuplicateProfile

PROBLEMS = ("spam", "encoding", "truncation", "chrome")
CHROME_HEAVY = 0.5
# Bodies within this share of the longest are equally complete (a few lines of chrome left in one).
COMPLETE_SHARE = 0.98
GLOSSED = 5
_FROM_FINDINGS = frozenset({"spam", "encoding", "truncation"})  # finding categories that are problems


@dataclass(frozen=True)
class Keeper:
    """The copy to keep of one cluster, and the problems each member was judged by."""

    key: str
    problems: Mapping[str, tuple[str, ...]]


def problems(profile: DuplicateProfile, findings: Iterable[Finding], partial: bool) -> tuple[str, ...]:
    """The document's problems, in the order of :data:`PROBLEMS`."""
    found = {f.category for f in findings
             if f.category in _FROM_FINDINGS and f.severity is not Severity.INFO}
    quality = profile.quality
    if quality.damaged:
        found.add("encoding")
    if quality.glosses >= GLOSSED:
        found.add("spam")
    if partial:
        found.add("truncation")
    if quality.markup or quality.chrome_share > CHROME_HEAVY:
        found.add("chrome")
    return tuple(p for p in PROBLEMS if p in found)


def choose_keepers(groups: Iterable[list[str]], profiles: Mapping[str, DuplicateProfile],
                   matches: Iterable[Match],
                   findings: Mapping[str, tuple[Finding, ...]]) -> dict[str, Keeper]:
    """{document: its cluster's keeper} for every document of the given groups."""
    partial = {m.shorter for m in matches if m.kind == CONTAINMENT}
    out: dict[str, Keeper] = {}
    for group in groups:
        judged = {k: problems(profiles[k], findings.get(k, ()), k in partial) for k in group}
        fewest = min(len(p) for p in judged.values())
        cleanest = [k for k in group if len(judged[k]) == fewest]
        longest = max(profiles[k].body_chars for k in cleanest)
        complete = [k for k in cleanest if profiles[k].body_chars >= COMPLETE_SHARE * longest]
        best = min(complete, key=lambda k: (profiles[k].quality.converted,
                                            profiles[k].quality.chrome_share, k))
        keeper = Keeper(best, judged)
        out.update((k, keeper) for k in group)
    return out
