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
                                                     "bare"],
                                            "description": "What the placeholder stands for: an instruction to "
                                                          "the writer, a template variable, a name, a date, a "
                                                          "figure, or a bare mark."},
                                   "mark": {"type": "string", "description": "The placeholder characters themselves "
                                                                             "(XX, ××, 202X)."}}},
)

__all__ = ["FAMILY", "RULES"]
