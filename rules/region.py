"""Placeholder until the region family lands."""

RULES: list = []
