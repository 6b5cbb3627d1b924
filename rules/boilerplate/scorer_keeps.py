"""Lines the learned scorer never adds to chrome, whatever their probability: shapes that are the document's own text.

The scorer reads a short line without a sentence mark as a menu item or a label. Some such lines are plainly the text's:

* a row of a table written as text (``乡村 | 286605 | 57.31 |``, ``城镇  213468  42.69``, a row cut after its first
  cell ``| 住房5``), or a table printed a cell a line (``49.04`` between figures): a truncated document's last rows are
  where its cut shows;
* a clause the line breaks cut (``下周一，`` over the rest of the sentence);
* a line of dialogue, quoted from end to end (``“也谢谢你……”``);
* a short line between two paragraphs of the text (a section heading, a caption), unless it recurs in the batch (a
  template's widget set between paragraphs).

A notice's signature date under its issuer is kept by the rules' own test (``chrome._signature_date``).

>>> from types import SimpleNamespace as Ev
>>> lines = {0: Ev(text="全市常住人口继续增长，城镇化率稳步提高。", prose=True, chrome=False, recurring=False),
...          1: Ev(text="城镇 | 213468 | 42.69 |", prose=False, chrome=False, recurring=False),
...          2: Ev(text="乡村 | 286605 | 57.31 |", prose=False, chrome=False, recurring=False),
...          3: Ev(text="首页 | 新闻 | 政务公开", prose=False, chrome=True, recurring=True)}
>>> keeps(lines, 2), keeps(lines, 3)
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

_CELL_SPLIT = re.compile(r"\s*[|｜]\s*|\t+|[ \u3000]{2,}")
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
_DECIMAL = re.compile(r"[-+]?\d[\d,]*\.\d+%?")
_CLAUSE_END = ("，", ",", "、")
_BARS = ("|", "｜")
_QUOTED = re.compile(r"^\s*[“「『\"].*[”」』\"]\s*$")


class LineFacts(Protocol):
    """What the keeps read of a line's evidence (``chrome.LineEvidence``)."""

    @property
    def text(self) -> str: ...

    @property
    def prose(self) -> bool: ...

    @property
    def chrome(self) -> bool: ...

    @property
    def recurring(self) -> bool: ...


def _cells(text: str) -> list[str]:
    return [cell for cell in _CELL_SPLIT.split(text.strip().strip("|｜ ")) if cell]


def table_row(text: str) -> bool:
    """Two cells or more, a cell after the first a bare figure: a row of a table written as text, not a menu.

    >>> table_row("按年龄组分:0-14岁 | 118413 | 23.68 |"), table_row("首页  新闻  专题")
    (True, False)
    """
    cells = _cells(text)
    return len(cells) >= 2 and any(_FIGURE.fullmatch(cell) for cell in cells[1:])


def _row_like(ev: LineFacts | None) -> bool:
    return ev is not None and len(_cells(ev.text)) >= 2


def in_table(evidence: Mapping[int, LineFacts], i: int) -> bool:
    """A table row beside another row, a line opened by a table's bar under a row of the same table (a row cut before
    its figures: ``| 住房5``), or a decimal figure beside a figure (a table printed a cell a line)."""
    ev = evidence.get(i)
    if ev is None:
        return False
    text = ev.text.strip()
    above = evidence.get(i - 1)
    if text.startswith(_BARS) and above is not None and above.text.strip().startswith(_BARS) and _row_like(above):
        return True
    if table_row(text):
        return _row_like(evidence.get(i - 1)) or _row_like(evidence.get(i + 1))
    if _DECIMAL.fullmatch(text):
        return any(other is not None and _FIGURE.fullmatch(other.text.strip()) is not None
                   for other in (evidence.get(i - 1), evidence.get(i + 1)))
    return False


def _text_paragraph(ev: LineFacts | None) -> bool:
    return ev is not None and ev.prose and not ev.chrome


def between_paragraphs(evidence: Mapping[int, LineFacts], i: int) -> bool:
    """A line that does not recur in the batch, right between two paragraphs of the text."""
    ev = evidence.get(i)
    return (ev is not None and not ev.recurring and _text_paragraph(evidence.get(i - 1))
            and _text_paragraph(evidence.get(i + 1)))


def keeps(evidence: Mapping[int, LineFacts], i: int) -> bool:
    """Line ``i`` (an index into the document's non-blank lines) is the text's own: the scorer never adds it."""
    ev = evidence.get(i)
    if ev is None:
        return False
    text = ev.text.rstrip()
    return (text.endswith(_CLAUSE_END) or _QUOTED.match(text) is not None or in_table(evidence, i)
            or between_paragraphs(evidence, i))
