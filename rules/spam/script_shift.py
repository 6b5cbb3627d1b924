"""A name written in another script than its page: a simplified brand substituted into a traditional
page (``延安大學[必一体育]院長``, ``中國大學生[意昂4体育]協會``), since the hacked site's template writes
its brand in one script whatever the page's.

The page proves its own script: a character of the name is the simplified form of a traditional
character the page writes elsewhere (体 where the page writes 體育場館), or of a single traditional
character in a page written in traditional script, and the page writes that simplified character
nowhere but in the name. A simplified quotation in a traditional page (a
mainland body's name, 国务院) is written so once or twice among many, and rarely in a slot.

Executed example (``python -m doctest``)::

    >>> from scrapegate.checks.textnorm import normalized_view
    >>> page = "延安大學必一体育院長主持會議。\\n必一体育黨總支書記出席。體育場館建設順利。"
    >>> foreign = foreign_script(page, normalized_view(page))
    >>> foreign("必一体育"), foreign("体育场馆")
    (True, False)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from itertools import islice
from typing import Protocol

from scrapegate.checks.textnorm import simplified_chars, to_traditional, traditional_chars


class View(Protocol):
    """A normalised view of the source (:class:`~scrapegate.checks.textnorm.NormalizedView`, the
    spam view): its text, and the source span of a stretch of it."""

    text: str

    def source_span(self, start: int, end: int) -> tuple[int, int]: ...

TRADITIONAL_PAGE_CHARS = 20
"""A page with this many traditional characters is written in traditional script: a simplified
character with one traditional form (体: 體) in a recurring name is foreign to it even where the page
happens not to write that form itself (a short excerpt)."""
MIN_OCCURRENCES = 2
"""A substituted name recurs (the hack replaces the name every time); a quotation may stand once."""


@lru_cache(maxsize=1)
def _traditional_of() -> dict[str, frozenset[str]]:
    """Each simplified character with the traditional characters that convert to it (体: 體), but for
    the characters traditional writing has too (the surname 姜, though 薑 converts to it; 才, 面):
    those OpenCC's simplified-to-traditional conversion keeps say nothing of the script."""
    out: dict[str, set[str]] = defaultdict(set)
    for traditional, simple in simplified_chars().items():
        if len(simple) == 1:
            out[simple].add(traditional)
    chars = sorted(out)
    kept = {a for a, b in zip(chars, to_traditional("\n".join(chars)).split("\n")) if a == b}
    return {k: frozenset(v) for k, v in out.items() if k not in kept}


def foreign_script(source: str, view: View) -> Callable[[str], bool]:
    """A test of names of the view (simplified) text: written in the source in simplified
    characters the page otherwise writes in traditional ones.

    What the test reads of the whole page (a character's count in the source, whether the source
    writes one of its traditional forms) is read once per character, and a name none of whose
    characters could say anything is refused before its occurrences are searched: the names tried
    grow with the page, so a search of the page per name would make a long page's time quadratic."""
    traditional_of = _traditional_of()
    counts: dict[str, int] = {}
    written: dict[str, bool] = {}

    def count(c: str) -> int:
        if c not in counts:
            counts[c] = source.count(c)
        return counts[c]

    def proves(c: str) -> bool:
        """The page shows it writes ``c`` in traditional script."""
        if c not in written:
            written[c] = any(t in source for t in traditional_of[c]) or (
                len(traditional_of[c]) == 1 and traditional_page())
        return written[c]

    def test(name: str) -> bool:
        shifted = [c for c in set(name) if c in traditional_of]
        # a name that recurs only in the name's occurrences writes each of its characters at least
        # MIN_OCCURRENCES times as often as the name does
        shifted = [c for c in shifted if count(c) >= MIN_OCCURRENCES * name.count(c) and proves(c)]
        if not shifted:
            return False
        starts = []
        at = view.text.find(name)
        while at >= 0:
            a, b = view.source_span(at, at + len(name))
            if source[a:b] != name:
                return False  # an occurrence written in traditional characters: the page's own word
            starts.append(a)
            at = view.text.find(name, at + len(name))
        if len(starts) < MIN_OCCURRENCES:
            return False
        # simplified only in the name, in a page written in traditional
        return any(count(c) == name.count(c) * len(starts) for c in shifted)

    traditional_count: list[int] = []

    def traditional_page() -> bool:
        if not traditional_count:
            # counted by the regex engine, up to the bound (the answer): a Python test per character
            # was 15 % of the family's time on generated reports
            found = traditional_chars().finditer(source)
            traditional_count.append(sum(1 for _ in islice(found, TRADITIONAL_PAGE_CHARS)))
        return traditional_count[0] >= TRADITIONAL_PAGE_CHARS

    return test
