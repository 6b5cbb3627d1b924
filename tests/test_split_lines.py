"""split_lines: its fast paths (only \\n, only \\r\\n) give what the general splitter gives."""

import random
import re

from scrapegate.checks.document import Line, split_lines

_BREAK = re.compile(r"\r\n|\r|\n")


def _reference(text: str) -> list[Line]:
    lines, start = [], 0
    for number, brk in enumerate(_BREAK.finditer(text), start=1):
        lines.append(Line(number, start, brk.start(), text[start:brk.start()]))
        start = brk.end()
    if start < len(text) or not lines:
        lines.append(Line(len(lines) + 1, start, len(text), text[start:]))
    return lines


def test_every_mix_of_line_breaks_splits_like_the_general_splitter() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(["a", "中", "\n", "\r", "\r\n"]) for _ in range(rng.randint(0, 9)))
        assert split_lines(text) == _reference(text), repr(text)
    assert split_lines("") == [Line(1, 0, 0, "")]
    assert split_lines("a\r\nb\r\n") == [Line(1, 0, 1, "a"), Line(2, 3, 4, "b")]
