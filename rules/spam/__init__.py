"""Spam (SP…): text a hacked or SEO-spammed site inserted into a document, located as the inserted run."""

from scrapegate.checks.registry import Family
from scrapegate.rules.spam.rules import RULES

FAMILY = Family(
    name="spam",
    category="spam",
    prefix="SP",
    rules=tuple(RULES),
    cleans=True,
)

__all__ = ["FAMILY", "RULES"]
