"""Placeholder until the spam family lands."""

RULES: list = []
