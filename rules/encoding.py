"""Placeholder until the encoding family lands."""

RULES: list = []
