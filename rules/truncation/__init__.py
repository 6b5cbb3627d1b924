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
            "where": {"enum": ["start", "end"], "description": "Which end of the body is missing (TR002 start, "
                                                               "TR001 end)."},
            "kind": {"enum": ["mid-sentence", "paragraph-boundary", "pagination", "table-row", "before-closing",
                              "middle-excerpt"],
                     "description": "The kind of cut: inside a sentence, at a paragraph boundary, a pager left in "
                                    "(one page of several), inside a table, just before the closing lines, or an "
                                    "excerpt missing both ends."},
            "probability": {"type": "number", "minimum": 0, "maximum": 1,
                            "description": "The calibrated probability that this end is cut."},
            "signals": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                        "description": "The evidence's names (sequence-unfinished, no-closing, opens-inside-"
                                       "sequence, no-opening …), hard evidence first."},
            "evidence": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                         "description": "Each signal in words, in the same order (the message quotes the first)."},
            "expected": {"type": "string", "description": "What the text should have had there, when a signal "
                                                          "knows: the next item of a numbered list ((二)), the "
                                                          "first one (一是)."},
            "found": {"type": "string", "description": "What it has instead: the last (or first) item it has."},
            "genre": {"type": "string", "description": "The genre profile the body was read with "
                                                       "(government-work-report …), when one fits."},
            "genre_confidence": {"type": "number", "minimum": 0, "maximum": 1,
                                 "description": "How well the body fits that profile."},
        },
    },
)

__all__ = ["FAMILY", "RULES"]
