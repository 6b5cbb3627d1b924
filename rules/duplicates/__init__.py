"""Duplicates (DU…): exact, near and partial copies within the batch and against an index of earlier runs."""

from scrapegate.checks.findings import Category
from scrapegate.checks.registry import Family
from scrapegate.rules.duplicates.hooks import check_arguments, summarize
from scrapegate.rules.duplicates.rules import RULES

FAMILY = Family(
    name="duplicates",
    category=Category.DUPLICATE,
    prefix="DU",
    rules=tuple(RULES),
    summarize=summarize,
    check_arguments=check_arguments,
)

__all__ = ["FAMILY", "RULES"]
