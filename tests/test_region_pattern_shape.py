"""The shape of self-reference patterns read from their source (rules/region/pattern_shape.py):
first and last characters, anchors and width, on hand-written patterns and on the shipped ones."""

from __future__ import annotations

import re

import pytest

from scrapegate.rules import data
from scrapegate.rules.region import pattern_shape
from scrapegate.rules.region.gazetteer import _finder, context_patterns


@pytest.mark.parametrize(("pattern", "first", "last"), [
    ("^[省市区县旗州盟]?人民(?:政府|代表大会)", set("省市区县旗州盟人"), set("府会")),
    ("(?:中共|中国共产党)$", {"中"}, {"共", "党"}),
    ("(?<![引外原从])来$", {"来"}, {"来"}),
    ("^[省市区县旗州盟]?委(?!员)", set("省市区县旗州盟委"), {"委"}),
    ("(?:^|[,，。])$", None, set(",，。")),  # after a name it may match nothing: no set
    ("a{2,3}b?", {"a"}, {"a", "b"}),
    ("[a-c]d", {"a", "b", "c"}, {"d"}),
    (r"\(x\)", {"("}, {")"}),
    ("(?P<unit>县)长", {"县"}, {"长"}),
    (r"\s政府", None, {"府"}),                # a category: unknown
    ("[^省]政府", None, {"府"}),              # a negated class: unknown
    (".委", None, {"委"}),
    ("a*", None, None),
])
def test_edge_characters(pattern: str, first: set[str] | None, last: set[str] | None) -> None:
    assert pattern_shape.edge_chars(pattern, last=False) == (frozenset(first) if first is not None else None)
    # before a name, ^ is the start of the text: a match reaching it ends no character earlier
    assert pattern_shape.edge_chars(pattern, last=True) == (frozenset(last) if last is not None else None)


@pytest.mark.parametrize(("pattern", "start", "end", "width"), [
    ("^人民(?:政府|代表大会)", True, False, 6),
    ("(?:^a)|(?:^bc)", True, False, 2),
    ("(?:^a)|b", False, False, 1),
    ("(?:中共|中国共产党)$", False, True, 5),
    ("(?<!以)赴$", False, True, 1),
    ("x+$", False, True, pattern_shape.UNBOUNDED),
    ("a{2,}", False, False, pattern_shape.UNBOUNDED),
    (r"(a)\1$", False, True, pattern_shape.UNBOUNDED),   # a back-reference: unknown
])
def test_anchors_and_width(pattern: str, start: bool, end: bool, width: float) -> None:
    assert pattern_shape.anchored_at_start(pattern) is start
    assert pattern_shape.anchored_at_end(pattern) is end
    assert pattern_shape.max_width(pattern) == width


def test_unreadable_pattern_is_unknown_not_an_error() -> None:
    assert pattern_shape.edge_chars("(?:a", last=False) is None
    assert pattern_shape.anchored_at_start("^(a") is False
    assert pattern_shape.max_width("a)") == pattern_shape.UNBOUNDED


def test_finders_find_what_search_finds() -> None:
    rows = [before or after for before, after, *_ in data.read_rows("region_selfref.tsv")]
    texts = ["人民政府工作", "中共猇亭区委", "全区上下", ",将坚持生态优先", "美丽城东的目标", "区委书记", "", "x"]
    for row in rows + ["(?:^a)|(?:^b)", "(?:中共|中国共产党)$", "x+$"]:
        pattern = re.compile(row)
        find = _finder(pattern)
        for text in texts:
            assert bool(find(text)) == bool(pattern.search(text)), (row, text)


def test_shipped_patterns_have_known_edges() -> None:
    """The fast rejection of self_reference_role stays on: the unions of the shipped rows have
    known first and last characters, and every match found in sample contexts starts (ends) with
    one of them."""
    patterns = context_patterns()
    for chars in (patterns.after_first, patterns.before_last, patterns.guarded_after_first,
                  patterns.guarded_before_last):
        assert chars
    assert patterns.any_after is not None and patterns.any_before_only is not None
    contexts = ["人民政府向大会报告工作", "区委、区政府", "人大常委会", "上下团结奋斗", "发展史上", "力量"]
    for context in contexts:
        m = patterns.any_after.match(context)
        if m and m.end() > m.start():
            assert context[0] in patterns.after_first
    for context in ["中共", "我区", "全县", "美丽", "总书记对", "嘱托"]:
        m = patterns.any_before_only.search(context)
        assert m is not None and context[-1] in patterns.before_last
