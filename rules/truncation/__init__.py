"""Truncation (TR…): documents that start or end mid-text, judged on the body after chrome."""

from scrapegate.checks.registry import Family
from scrapegate.rules.truncation.rules import RULES, TruncationOptions

FAMILY = Family(
    name="truncation",
    category="truncation",
    prefix="TR",
    rules=tuple(RULES),
    settings=TruncationOptions,
    details_schema={
        "required": ["where", "kind", "probability", "signals", "evidence"],
        "properties": {
            "where": {"enum": ["start", "end"]},
            "kind": {"enum": ["mid-sentence", "paragraph-boundary", "pagination", "table-row", "before-closing",
                              "middle-excerpt"]},
            "probability": {"type": "number", "minimum": 0, "maximum": 1},
            "signals": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "evidence": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        },
    },
)

__all__ = ["FAMILY", "RULES"]
