"""Truncation (TR…): documents that start or end mid-text, judged on the body after chrome."""

from scrapegate.checks.findings import Category
from scrapegate.checks.registry import Family
from scrapegate.rules.truncation.rules import RULES

FAMILY = Family(
    name="truncation",
    category=Category.TRUNCATION,
    prefix="TR",
    rules=tuple(RULES),
)

__all__ = ["FAMILY", "RULES"]
