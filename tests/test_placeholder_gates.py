"""The placeholder detector's shortcuts change no hit: a pattern is skipped only when it cannot match,
and blank_figure's rewritten form (look-behind after its first blank) matches what the plain form does."""

import random
import re

from scrapegate.checks.textnorm import HAN_CHARS
from scrapegate.rules.placeholder.detector import BLANK, BLANK_CHARS, STAR_CHARS, _alternation, _lines, patterns

_PIECES = ["中", "增长", "、", " ", "\u3000", "%", "亿元", "人", "，", "。", "和", "2", "0", "X", "x", "×", "Ｘ",
           "年", "月", "日", "*", "＊", "某某", "某", "县", "同志", "a", ".", "-", "(", "请填写", ")", "\n", "/*"]


def _texts(count: int) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_blank_figure_matches_what_the_look_behind_first_form_matches() -> None:
    units = _alternation(_lines("figure_units.txt"))
    plain = re.compile(f"(?<=[{HAN_CHARS}、]){BLANK}{{1,4}}(?:{units})(?=[,，、;；。和及)）])")
    fast = patterns().blank_figure
    found = 0
    for text in _texts(30000):
        spans = [m.span() for m in fast.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], repr(text)
        found += bool(spans)
    assert found > 30


def test_a_pattern_is_skipped_only_when_it_cannot_match() -> None:
    p = patterns()
    for text in _texts(30000):
        has_mark = p.free_mark.search(text) is not None
        has_star = any(c in text for c in STAR_CHARS)
        if p.date.search(text):
            assert has_mark or has_star or p.year_mark.search(text), repr(text)
            assert p.date_gate.search(text), repr(text)
        if p.blank_date.search(text):
            assert any("年" + c in text for c in BLANK_CHARS), repr(text)
        if p.figure.search(text):
            assert has_mark, repr(text)
        if p.name.search(text):
            assert has_mark or has_star or "某某" in text, repr(text)
            assert p.name_gate.search(text), repr(text)
        if p.bare.search(text):
            assert has_mark or "某某" in text, repr(text)
