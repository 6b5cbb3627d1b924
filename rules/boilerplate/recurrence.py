"""Which lines can be one of the batch's template lines, decided before a line is fingerprinted.

The chrome analysis reads a line's batch frequency (in how many documents its normalised form occurs:
:meth:`BatchContext.frequency` of its :func:`line_fingerprint`). Long lines are fingerprinted on each
reading (only short ones are cached), and the lines read are mostly paragraphs that hold a chrome
phrase (本文地址, 留言与评论), none of them a template line: on generated reports 872 of 872 such
fingerprints missed, about a tenth of the analysis.

A line's normalised form keeps every Han character of the line (U+4E00-U+9FFF: NFKC neither
decomposes nor composes them, and the normalisation drops only digits, white space, punctuation and
``_``), so a line with more Han characters than the longest normalised template line cannot be one of
them: its frequency is 0 without a fingerprint. Only when the context holds the text of each of its
template lines (as the runner and :meth:`BatchContext.build` make it) is the bound known.

>>> ctx = BatchContext(documents=3, line_doc_freq={1: 3}, template_lines={1: "首页 > 新闻中心"})
>>> cannot_recur("首页 > 新闻中心", ctx), cannot_recur("本文地址：首页新闻中心转载请注明出处", ctx)
(False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from scrapegate.checks.context import BatchContext
from scrapegate.checks.textnorm import normalize_line


def template_chars(ctx: BatchContext) -> int | None:
    """The longest normalised template line of the batch (characters), or None when the context does
    not hold each template line's text (a context made from frequencies alone: no bound then)."""
    def compute() -> int | None:
        if ctx.template_lines.keys() != ctx.line_doc_freq.keys():
            return None
        return max((len(normalize_line(text)) for text in ctx.template_lines.values()), default=0)
    return ctx.memo("chrome_template_chars", compute)


@lru_cache(maxsize=64)
def _more_han_than(count: int) -> re.Pattern[str]:
    """Matches (at a line's start) a line holding more than ``count`` Han characters; it reads the line
    only up to the first character past the bound."""
    return re.compile("(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){%d}" % (count + 1))


def cannot_recur(text: str, ctx: BatchContext) -> bool:
    """Whether the line holds more Han characters than the longest normalised template line, so its
    batch frequency is 0."""
    bound = template_chars(ctx)
    return bound is not None and len(text) > bound and _more_han_than(bound).match(text) is not None
