"""Encoding (EN…): how the bytes were decoded, bytes nothing decodes, mojibake, U+FFFD, control and private-use characters."""

from scrapegate.checks.registry import Family
from scrapegate.rules.encoding.rules import RULES

FAMILY = Family(
    name="encoding",
    category="encoding",
    prefix="EN",
    rules=tuple(RULES),
)

__all__ = ["FAMILY", "RULES"]
