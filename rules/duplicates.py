"""Placeholder until the duplicates family lands."""

RULES: list = []
