"""Which of a page's spans overlap a stretch, asked once per occurrence or hit: a page with hundreds of
hits asked each of them about every other (``any(a < end and start < b for a, b in spans)``), the
square of its hit count.

:class:`SpanIndex` sorts the spans by start once; the spans that overlap ``start:end`` start before
``end`` and, none being longer than the longest, after ``start - longest``: a bisect to each edge,
then only those in between are read. Whether any overlaps is one bisect: the furthest end of the spans
starting before ``end`` (kept per start) reaches past ``start``.

    >>> index = SpanIndex([(10, 14), (0, 3), (2, 30), (40, 41)])
    >>> sorted(index.overlapping(12, 13)), index.overlaps(30, 40), sorted(index.overlapping(0, 100))
    ([0, 2], False, [0, 1, 2, 3])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate


class SpanIndex:
    """The positions in ``spans`` (``(start, end)`` pairs, in any order, overlapping or not) of those
    that overlap a stretch: ``start < end_of_stretch and start_of_stretch < end``."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.starts = [spans[k][0] for k in self.order]
        self.longest = max(0, max((b - a for a, b in spans), default=0))
        # at each start in order, the furthest end of the spans up to it: one span overlaps
        # ``start:end`` when one starting before ``end`` reaches past ``start``
        self.reach = list(accumulate((spans[k][1] for k in self.order), max))

    def overlapping(self, start: int, end: int) -> Iterator[int]:
        lo = bisect_right(self.starts, start - self.longest)
        for k in self.order[lo:bisect_left(self.starts, end)]:
            if start < self.spans[k][1]:
                yield k

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``start:end``: one search, whatever the longest span."""
        k = bisect_left(self.starts, end)
        return bool(k) and self.reach[k - 1] > start

    def holds(self, start: int, end: int) -> bool:
        """Whether one span holds ``start:end`` (starts at or before ``start``, ends at or after ``end``):
        one search, as :meth:`overlaps`.

        >>> SpanIndex([(0, 5), (2, 9)]).holds(3, 9), SpanIndex([(0, 5), (6, 9)]).holds(4, 7)
        (True, False)
        """
        k = bisect_right(self.starts, start)
        return bool(k) and self.reach[k - 1] >= end
