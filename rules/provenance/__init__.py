"""Provenance (PV…): where a document came from: its title and source URL, and what the manifest says of them."""

from scrapegate.checks.registry import Family
from scrapegate.rules.provenance.hooks import describe
from scrapegate.rules.provenance.rules import RULES

FAMILY = Family(
    name="provenance",
    category="provenance",
    prefix="PV",
    rules=tuple(RULES),
    document_defaults={"title": None, "source_url": None},
    document_schema={"title": {"type": ["string", "null"]}, "source_url": {"type": ["string", "null"]}},
    describe=describe,
)

__all__ = ["FAMILY", "RULES"]
