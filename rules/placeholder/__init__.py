"""Placeholder (PH…): template text left in a published document (XX县, 202X年, 【此处填写…】, {{name}})."""

from scrapegate.checks.registry import Family
from scrapegate.rules.placeholder.rules import RULES

FAMILY = Family(
    name="placeholder",
    category="placeholder",
    prefix="PH",
    rules=tuple(RULES),
    details_schema={"required": ["kind", "mark"],
                    "properties": {"kind": {"enum": ["instruction", "variable", "name", "date", "figure",
                                                     "bare"]},
                                   "mark": {"type": "string"}}},
)

__all__ = ["FAMILY", "RULES"]
