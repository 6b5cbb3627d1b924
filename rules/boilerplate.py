"""Boilerplate: site chrome (navigation, footers, disclaimers, comment widgets) located as spans.

INTERIM VERSION: the boilerplate helper replaces this module; keep the public functions
``chrome_blocks`` and ``body_lines`` with these signatures.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, Line
from scrapegate.checks.findings import Span

_PHRASES = ("导航菜单", "本文地址", "网站地图", "留言与评论", "验证码", "不代表本站立场", "版权所有", "ICP备")


@dataclass(frozen=True)
class ChromeBlock:
    """A run of adjacent chrome lines: one finding, one span."""

    span: Span
    lines: tuple[Line, ...]
    reasons: tuple[str, ...]


def chrome_blocks(doc: Document, ctx: BatchContext) -> list[ChromeBlock]:
    """The document's chrome blocks, computed once per document and shared by all rules."""
    return doc.memo("chrome_blocks", lambda: _detect(doc, ctx))


def body_lines(doc: Document, ctx: BatchContext) -> list[Line]:
    """Non-blank lines outside chrome blocks: the document's own text."""
    def compute() -> list[Line]:
        covered = [b.span for b in chrome_blocks(doc, ctx)]
        return [l for l in doc.lines if not l.is_blank
                and not any(s.start <= l.start and l.end <= s.end for s in covered)]
    return doc.memo("body_lines", compute)


def _detect(doc: Document, ctx: BatchContext) -> list[ChromeBlock]:
    blocks = []
    for line in doc.lines:
        hits = tuple(p for p in _PHRASES if p in line.text)
        if hits:
            blocks.append(ChromeBlock(line.span, (line,), hits))
    return blocks


RULES: list = []
