"""Boilerplate (BP…): site chrome (navigation, metadata, share bars, footers, related lists) located as spans."""

from scrapegate.checks.registry import Family
from scrapegate.rules.boilerplate.rules import RULES

FAMILY = Family(
    name="boilerplate",
    category="boilerplate",
    prefix="BP",
    rules=tuple(RULES),
    cleans=True,
    details_schema={"properties": {
        "kind": {"type": "string", "x-rules": ["BP001", "BP002", "BP003"],
                 "description": "The block's first chrome kind (navigation, breadcrumb, metadata, share, "
                                "disclaimer, copyright, comment, related …), or template when no known phrase "
                                "is in it (lines that recur across the batch, or their shape)."},
        "kinds": {"type": "array", "items": {"type": "string"}, "x-rules": ["BP001", "BP002", "BP003"],
                  "description": "Every chrome kind of the phrases found in the block, in the order found."},
        "lines": {"type": "array", "items": {"type": "integer"}, "x-rules": ["BP001", "BP002", "BP003"],
                  "description": "[first, last]: the block's first and last line numbers (1-based)."},
        "phrases": {"type": "array", "items": {"type": "string"}, "x-rules": ["BP001", "BP002", "BP003"],
                    "description": "Up to 8 known chrome phrases found in the block (the phrase lists in "
                                   "rules/data/boilerplate_phrases.tsv); a name in angle brackets (<breadcrumb>, "
                                   "<date time>, <counters> …) is a line shape that matched instead of a phrase."},
        "signals": {"type": "array", "items": {"type": "string"}, "x-rules": ["BP001", "BP002", "BP003"],
                    "description": "Why the block is chrome: phrase (a known phrase or shape), batch-template "
                                   "(a line that recurs across the batch's documents), learned (short lines the "
                                   "learned line scorer added, see probability), position (before, after or "
                                   "inside the document's text)."},
        "probability": {"type": "number", "minimum": 0, "maximum": 1, "x-rules": ["BP001", "BP002", "BP003"],
                        "description": "The learned line scorer's lowest chrome probability over the lines it added "
                                       "to the block (absent when the rules found every line of it)."},
        "body_chars": {"type": "integer", "x-rules": ["BP004"],
                       "description": "Characters of text outside the chrome blocks (letters, digits, Han)."},
        "chrome_chars": {"type": "integer", "x-rules": ["BP004"],
                         "description": "Characters inside the chrome blocks."},
        "chrome_blocks": {"type": "integer", "x-rules": ["BP004"],
                          "description": "How many chrome blocks the page has."},
    }},
)

__all__ = ["FAMILY", "RULES"]
