"""Placeholder until the truncation family lands."""

RULES: list = []
