"""Region (RG…): the administrative unit a document is about versus what its manifest, title, URL or batch claim."""

from scrapegate.checks.findings import Category
from scrapegate.checks.registry import Family
from scrapegate.rules.region.hooks import check_arguments, describe
from scrapegate.rules.region.rules import RULES

FAMILY = Family(
    name="region",
    category=Category.REGION,
    prefix="RG",
    rules=tuple(RULES),
    document_defaults={"region": {"declared": None, "inferred": None}},
    describe=describe,
    check_arguments=check_arguments,
)

__all__ = ["FAMILY", "RULES"]
