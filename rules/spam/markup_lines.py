"""Lines of bare markup around an injected run: a hacked page's keyword block is wrapped in empty elements
with random ids (``<tr id="yyy80"></tr>``, ``<sub id="dxmnt"><ol id="dxmnt"></ol></sub>``) so that each copy
of the template differs for a search engine's duplicate test; a scraper that keeps the markup as text writes
them as lines of their own next to the keywords. Such a line says nothing, and a host's text never holds
one between its sentences: next to a found run it is the run's.

    >>> text = "正文第一段。\\n<tr id=\\"yyy80\\"></tr>\\n国产精品_午夜福利\\n\\n<sub id=\\"k\\"></sub>\\n正文第二段。"
    >>> a, b = markup_grown(text, text.index("国产"), text.index("利") + 1)
    >>> text[a:b]
    '<tr id="yyy80"></tr>\\n国产精品_午夜福利\\n\\n<sub id="k"></sub>'
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = r"</?[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+))?)*\s*/?>"
MARKUP_LINE = re.compile(rf"[\s•·*-]*(?:{_TAG}\s*)+")
"""A line holding only tags (a list bullet and white space around them): no text a reader reads."""
_BULLETS = " \t\u3000•·*-?"
"""What may stand between a run and its line's edge: white space, a list bullet, a stray mark."""
BLANK_LINES = 2
"""Blank lines a markup line may stand beyond the run's edge (a text dump puts one between blocks)."""
MARKUP_REACH_LINES = 8
"""Markup lines read each side of a run (a wrapper is a few elements deep)."""


def markup_grown(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` (a run) grown over the lines of bare markup (:data:`MARKUP_LINE`) directly above and
    below it (at most BLANK_LINES blank lines between, MARKUP_REACH_LINES each side), each line's bullet and
    indentation left out; unchanged when none is there."""
    a = b = None
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(_BULLETS):
        a = _walk(_line_above, text, line_start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[end:line_end].strip(_BULLETS):
        b = _walk(_line_below, text, line_end)
    return start if a is None else a, end if b is None else b


def _walk(step: Callable[[str, int], tuple[int, int] | None], text: str, edge: int) -> int | None:
    """Where the markup of the last of up to MARKUP_REACH_LINES lines ``step`` finds one after another from the
    line edge ``edge`` stands; None when it finds none."""
    reached = None
    for _ in range(MARKUP_REACH_LINES):
        grown = step(text, edge)
        if grown is None:
            break
        edge, reached = grown
    return reached


def _line_above(text: str, line_start: int) -> tuple[int, int] | None:
    """(the line's start, where its markup starts) of a markup line above the line starting at
    ``line_start``, after at most BLANK_LINES blank lines; None when there is none."""
    at = line_start
    for _ in range(BLANK_LINES + 1):
        if at == 0:
            return None
        s = text.rfind("\n", 0, at - 1) + 1
        line = text[s:at - 1]
        if line.strip():
            m = MARKUP_LINE.fullmatch(line)
            return (s, s + line.index("<")) if m else None
        at = s
    return None


def _line_below(text: str, line_end: int) -> tuple[int, int] | None:
    """(the line's end, where its markup ends) of a markup line below the line ending at ``line_end``,
    after at most BLANK_LINES blank lines; None when there is none."""
    at = line_end
    for _ in range(BLANK_LINES + 1):
        if at >= len(text):
            return None
        e = text.find("\n", at + 1)
        e = len(text) if e < 0 else e
        line = text[at + 1:e]
        if line.strip():
            m = MARKUP_LINE.fullmatch(line)
            return (e, at + 1 + line.rindex(">") + 1) if m else None
        at = e
    return None
