"""Truncation (TR…): documents that start or end mid-text, judged on the body after chrome."""

from scrapegate.checks.registry import Family
from scrapegate.rules.truncation.rules import RULES, TruncationOptions

FAMILY = Family(
    name="truncation",
    category="truncation",
    prefix="TR",
    rules=tuple(RULES),
    settings=TruncationOptions,
    details_schema={"required": ["where"], "properties": {"where": {"enum": ["start", "end"]}}},
)

__all__ = ["FAMILY", "RULES"]
