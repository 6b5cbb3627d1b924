"""Issue 18: the document shapes that used to grow super-linearly are checked correctly.

Speed is measured by bench/bench_linear_growth.py (n vs 4n), never here; these tests pin what the
linear code must still find on each shape, and the bisect structures against brute force.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapegate.checks.findings import Finding, Severity, Span
from scrapegate.checks.inputs import InputFile
from scrapegate.checks.registry import all_rules
from scrapegate.checks.runner import MAX_FINDINGS_PER_RULE, cap_findings, run_batch
from scrapegate.rules.encoding.rules import _Part, _Taken
from scrapegate.rules.spam.detector import _SpanSet

PROSE = "今年以来，全区经济运行稳中有进，地区生产总值增长百分之六点五。"
RULES = [rule() for rule in all_rules(include_plugins=False).values()]

SHAPES = {
    "zero-width file": "\u200b" * 3000,
    "zero-width runs": ("\u200b\u200c\u200d\ufeff" * 10 + PROSE + "\n") * 60,
    "U+FFFD runs": ("\ufffd" * 40 + PROSE + "\n") * 60,
    "private-use runs": ("\ue000\ue001\uf8ff" * 13 + PROSE + "\n") * 60,
    "supplementary-plane runs": ("𠀀𠀁𪚥😀" * 10 + PROSE + "\n") * 60,
    "kana runs": ("アイウエオかきくけこ" * 4 + PROSE + "\n") * 60,
    "Latin-1 mojibake": (PROSE.encode("utf-8").decode("latin-1") + "\n") * 60,
    "Latin-1 mojibake one line": (PROSE.encode("utf-8").decode("latin-1") + " ") * 60,
    "pinyin glosses": "經(jīng)濟(jì)發(fā)展(zhǎn)穩(wěn)中(zhōng)有進(jìn)，" * 80,
    "contact runs": "联系电话：0717-6543210 邮箱：office12@example.com QQ：12345678\n" * 60,
    "domain runs": "www.example-one.com www.abc2.cn http://news.site88.net/a/b.html " * 60,
    "domains between Han": "政府www.pp88.com娱乐平台m.bet365.cc官网" * 80,
}
EXPECTED = {  # a code each shape must still be flagged with (a tuple: one of them)
    "zero-width file": "EN005", "zero-width runs": "EN005", "U+FFFD runs": "EN004",
    "private-use runs": "EN006", "supplementary-plane runs": "EN003", "Latin-1 mojibake": "EN003",
    "Latin-1 mojibake one line": "EN003", "pinyin glosses": "SP005", "contact runs": ("SP007", "BP004"),  # contact spam, or a page of contact chrome
    "domain runs": "SP007", "domains between Han": "SP001",
}


def _findings(text: str):
    item = InputFile(key="doc.txt", path=Path("doc.txt"), display="doc.txt", data=text.encode("utf-8"))
    run = run_batch([item], RULES, jobs=1, max_file_size=1 << 22)
    (result,) = run.results
    assert not result.crashes and not run.batch_crashes
    return result.findings


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_shapes_are_checked_and_flagged(shape: str) -> None:
    codes = {f.code for f in _findings(SHAPES[shape])}
    expected = EXPECTED.get(shape, "PV001")
    assert codes & set(expected if isinstance(expected, tuple) else [expected]), codes


def test_consecutive_mojibake_lines_are_one_finding_repaired_as_a_whole() -> None:
    text = SHAPES["Latin-1 mojibake"]
    (finding,) = [f for f in _findings(text) if f.code == "EN003"]
    assert (finding.span.start, finding.span.end) == (0, len(text) - 1)
    assert finding.details["repaired"] == ((PROSE + "\n") * 60)[:-1][:499] + "…"  # cut visibly


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=40),
       st.integers(0, 230), st.integers(1, 30))
def test_taken_answers_like_a_scan(spans, start, length) -> None:
    taken, kept = _Taken(), []
    for a, n in spans:  # only non-overlapping spans go in, as in the rules
        if not any(s < a + n and a < e for s, e in kept):
            kept.append((a, a + n))
            taken.add(a, a + n)
    assert taken.overlaps(start, start + length) == any(s < start + length and start < e for s, e in kept)
    assert _Taken([_Part(s, e, False) for s, e in kept]).spans == sorted(kept)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 50)), max_size=30), st.integers(0, 260))
def test_span_set_answers_like_a_scan(spans, offset) -> None:
    covered = _SpanSet(Span(a, a + n) for a, n in spans).covers(offset)
    assert covered == any(a <= offset < a + n for a, n in spans)


def test_findings_of_one_rule_are_capped_and_the_cap_is_said() -> None:
    text = ("正文\u200b内容。\n" * 1500)
    found = [f for f in _findings(text) if f.code == "EN005"]
    assert len(found) == MAX_FINDINGS_PER_RULE
    first = min(found, key=lambda f: f.span.start)
    assert first.details["capped"] == {"listed": MAX_FINDINGS_PER_RULE, "total": 1500}
    assert "1,500 findings of EN005" in first.message
    assert sum("capped" in f.details for f in found) == 1


def test_the_cap_keeps_the_most_severe_findings() -> None:
    def make(start: int, severity: Severity) -> Finding:
        return Finding(code="EN003", name="mojibake", category="encoding", severity=severity,
                       message="m", span=Span(start, start + 1), excerpt=None)

    found = [make(i, Severity.WARNING) for i in range(10)] + [make(50, Severity.ERROR)]
    kept = cap_findings(found, limit=3)
    assert [f.span.start for f in kept] == [0, 1, 50] and kept[0].details["capped"]["total"] == 11
