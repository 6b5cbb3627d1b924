"""Provenance (PV…): where a document came from: its title and source URL, and what the manifest says of them."""

from scrapegate.checks.registry import Family
from scrapegate.rules.provenance.hooks import describe
from scrapegate.rules.provenance.rules import RULES

FAMILY = Family(
    name="provenance",
    category="provenance",
    prefix="PV",
    rules=tuple(RULES),
    details_schema={"properties": {
        "manifest_title": {"type": "string", "x-rules": ["PV002"], "description": "The title the manifest gives."},
        "text_title": {"type": "string", "x-rules": ["PV002"], "description": "The document's own heading."},
        "similarity": {"type": "number", "minimum": 0, "maximum": 1, "x-rules": ["PV002"],
                       "description": "How alike the two are once punctuation, dates and genre words "
                                      "are dropped (rapidfuzz's token-set ratio, 0-1); below the rule's "
                                      "min-similarity they name two documents."},
    }},
    document_defaults={"title": None, "source_url": None},
    document_schema={"title": {"type": ["string", "null"]}, "source_url": {"type": ["string", "null"]}},
    describe=describe,
)

__all__ = ["FAMILY", "RULES"]
