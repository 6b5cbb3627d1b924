"""Boilerplate (BP…): site chrome (navigation, metadata, share bars, footers, related lists) located as spans."""

from scrapegate.checks.registry import Family
from scrapegate.rules.boilerplate.rules import RULES

FAMILY = Family(
    name="boilerplate",
    category="boilerplate",
    prefix="BP",
    rules=tuple(RULES),
    cleans=True,
)

__all__ = ["FAMILY", "RULES"]
