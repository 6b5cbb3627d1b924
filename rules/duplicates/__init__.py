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
    details_schema={"required": ["kind", "other", "similarity"],
                    "properties": {"kind": {"enum": ["exact", "near", "containment"]},
                                   "other": {"type": "string"},
                                   "similarity": {"type": "number", "minimum": 0, "maximum": 1}}},
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
