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

import re
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

    traditional: list[bool] = []

    def traditional_page() -> bool:
        if not traditional:
            traditional.append(_in_traditional_script(source))
        return traditional[0]

    return test


def _in_traditional_script(source: str) -> bool:
    """Whether the page holds TRADITIONAL_PAGE_CHARS traditional characters: written in traditional script."""
    # counted by the regex engine, up to the bound (the answer): a Python test per character
    # was 15 % of the family's time on generated reports
    found = traditional_chars().finditer(source)
    return sum(1 for _ in islice(found, TRADITIONAL_PAGE_CHARS)) >= TRADITIONAL_PAGE_CHARS


ISLAND_REACH = 8
"""How far either side of a name its page is read for its script: an occurrence with a traditional
character and no simplified one within this many characters stands among traditional text."""
FOREIGN_NAME_MAX_CHARS = 20
"""A longer stretch shared by every occurrence is a repeated passage (a title over its body), no name."""


@lru_cache(maxsize=1)
def _simplified_only() -> re.Pattern[str]:
    """The simplified characters of :func:`_traditional_of`, as a class: those of the Basic Multilingual
    Plane as one, the rest after a range test. A class holding characters beyond that plane is a list
    the regex engine reads through at every position (15 times the time on a traditional page); one
    within it is a bitmap."""
    chars = sorted(_traditional_of())
    basic = "".join(c for c in chars if c <= "\uffff")
    beyond = "".join(c for c in chars if c > "\uffff")
    return re.compile(f"[{basic}]|(?=[\U00010000-\U0010ffff])[{beyond}]" if beyond else f"[{basic}]")


def _name_char(c: str) -> bool:
    return c.isalnum()  # Han, letters and digits; punctuation and white space end a name


def recurring_foreign_names(source: str) -> dict[str, list[int]]:
    """Names a traditional-script page writes in simplified characters, each with its source starts:
    the stretch every occurrence of a simplified character shares (the character stands nowhere else
    on the page), holding no traditional character, recurring, and standing among traditional text (a
    traditional character and no simplified one within ISLAND_REACH characters) at MIN_OCCURRENCES of
    its occurrences or more.

    A hack that replaces an institution's name on a page a content farm converted to traditional
    script writes its brand in the script it was typed in, every time (``本週三,[银河娱乐]舉辦運動會``,
    ``到[太阳]開展``); the page's own words convert with the page. A simplified character written in
    two different words shares only itself and gives no name.

    >>> page = "(银河娱乐通訊員 李明)本週三,银河娱乐舉辦春季運動會,全體師生踴躍參與。银河娱乐黨委書記致開幕辭,鼓勵同學們發揚體育精神。"
    >>> recurring_foreign_names(page)
    {'银河娱乐': [1, 16, 37]}
    >>> recurring_foreign_names(page.replace("银河娱乐", "銀河娛樂"))  # the page's own name, converted with it
    {}
    """
    if not _in_traditional_script(source):
        return {}
    simplified = _simplified_only()
    positions: dict[str, list[int]] = defaultdict(list)
    for m in simplified.finditer(source):
        positions[m.group()].append(m.start())
    names: dict[str, list[int]] = {}
    for at in positions.values():
        if len(at) < MIN_OCCURRENCES:
            continue
        first = at[0]
        left = 0
        while all(p - left > 0 and _name_char(c := source[p - left - 1]) and c == source[first - left - 1]
                  for p in at) and left < FOREIGN_NAME_MAX_CHARS:
            left += 1
        right = 1
        while all(p + right < len(source) and _name_char(c := source[p + right]) and c == source[first + right]
                  for p in at) and left + right <= FOREIGN_NAME_MAX_CHARS:
            right += 1
        name = source[first - left:first + right]
        if not 2 <= len(name) <= FOREIGN_NAME_MAX_CHARS or name in names or traditional_chars().search(name):
            continue  # a name holding a traditional character is the page's own word (游戲: 游 is Hong Kong's spelling)
        starts = [p - left for p in at]
        islands = sum(1 for s in starts if _among_traditional(source, s, s + len(name), simplified))
        if islands >= MIN_OCCURRENCES:
            names[name] = starts
    return names


def _among_traditional(source: str, start: int, end: int, simplified: re.Pattern[str]) -> bool:
    around = source[max(0, start - ISLAND_REACH):start] + "\n" + source[end:end + ISLAND_REACH]
    return bool(traditional_chars().search(around)) and not simplified.search(around)
