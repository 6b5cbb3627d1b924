"""Duplicates (DU…): exact, near and partial copies within the batch and against an index of earlier runs."""

from scrapegate.checks.registry import Family
from scrapegate.rules.duplicates.hooks import check_arguments, summarize
from scrapegate.rules.duplicates.rules import RULES, DuplicateOptions

FAMILY = Family(
    name="duplicates",
    category="duplicate",
    prefix="DU",
    rules=tuple(RULES),
    settings=DuplicateOptions,
    details_schema={"required": ["kind", "other", "similarity"], "properties": {
        "kind": {"enum": ["exact", "near", "containment"], "description": "The kind of copy."},
        "other": {"type": "string", "description": "The other document of the pair (its report path; for DU004 "
                                                   "the indexed document's key)."},
        "similarity": {"type": "number", "minimum": 0, "maximum": 1,
                       "description": "Exact: 1.0; near: the Jaccard similarity of the two bodies' 5-character "
                                      "shingles; containment: the share of the shorter body's shingles found in "
                                      "the longer."},
        "keep": {"type": "string", "description": "The copy of the cluster to keep (the one with the fewest "
                                                  "problems, then the most complete)."},
        "problems": {"type": "array", "items": {"type": "string"}, "x-rules": ["DU001", "DU002", "DU003"],
                     "description": "This document's problems the keep choice weighed (spam, encoding, "
                                    "truncation, chrome …)."},
        "group_size": {"type": "integer", "x-rules": ["DU001", "DU002", "DU003"],
                       "description": "How many copies the document's group of duplicates has."},
        "role": {"enum": ["contains", "is-contained"], "x-rules": ["DU003", "DU004"],
                 "description": "Containment: whether this document contains the other or is contained in it."},
        "shared_spans": {"type": "array", "items": {"type": "object"}, "x-rules": ["DU003", "DU004"],
                         "description": "Containment: every run of shared lines in this document, {start, end}."},
        "matches_not_reported": {"type": "integer", "x-rules": ["DU001", "DU002", "DU003"],
                                 "description": "Verified copies left out past max-matches-per-document."},
        "other_title": {"type": ["string", "null"], "x-rules": ["DU004"], "description": "The indexed document's title."},
        "other_sha256": {"type": "string", "x-rules": ["DU004"], "description": "Its SHA-256 when it was indexed."},
        "other_source": {"type": ["string", "null"], "x-rules": ["DU004"], "description": "Its source URL."},
        "other_indexed_at": {"type": "string", "x-rules": ["DU004"],
                             "description": "When it was indexed (ISO 8601, UTC)."},
    }},
    summarize=summarize,
    summary_schema={
        "duplicate_clusters": {"type": "array", "items": {
            "type": "array", "items": {"type": "string"}, "minItems": 2}},
        "duplicate_keepers": {
            "description": "The copy to keep of each duplicate cluster, at the cluster's position in "
                           "duplicate_clusters (null if its findings name none).",
            "type": "array", "items": {"type": ["string", "null"]}},
    },
    check_arguments=check_arguments,
)

__all__ = ["FAMILY", "RULES"]
