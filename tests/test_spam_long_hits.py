"""A hit too long for the extent model's window is kept as found (its feature rows, ~1 KB a character,
are never made), the other hits of the page are refined as before; and a long run is quoted in its
message and ``details.term`` by its ends. Texts written here."""

from __future__ import annotations

import random
import re

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.spam import extent, model
from scrapegate.rules.spam.rules import QUOTE_MAX_CHARS, InjectedGamblingTerm

_PROSE = "今年以来,全区经济运行稳中有进,地区生产总值增长百分之六点五。\n"


def _page(rnd: random.Random) -> str:
    return "".join(rnd.choice(["政府工作报告指出,", "澳门娱乐城官网注册送彩金", "百家乐", "。\n", "全面推进乡村振兴"])
                   for _ in range(120))


def test_a_hit_longer_than_the_window_bound_is_kept_as_found(monkeypatch) -> None:
    sc = model.scorer()
    rnd = random.Random(20)
    head, tail = _page(rnd), _page(rnd)
    long_run = "百家乐真人视讯彩金开户送88元" * 1300  # one clause, no break: one hit of 18,200 characters
    text = head + long_run + tail
    hits = [(m.start(), m.end(), k % 2 == 0) for k, m in enumerate(re.finditer("百家乐|娱乐城", text))
            if not len(head) <= m.start() < len(head) + len(long_run)]
    long_hit = (len(head), len(head) + len(long_run), False)
    assert long_hit[1] - long_hit[0] + 2 * extent.REACH > extent.WINDOW_MAX_CHARS
    rows: list[int] = []
    features = extent._features
    monkeypatch.setattr(extent, "_features", lambda *a: rows.extend(hi - lo for lo, hi, _, _ in a[2]) or features(*a))
    runs = extent.refine(text, [*hits, long_hit], sc)
    assert runs[-1] == long_hit[:2]  # as found
    assert max(rows) <= extent.WINDOW_MAX_CHARS  # its window's rows were never made
    assert runs[:-1] == extent.refine(text, hits, sc)  # the page's other hits: the same runs


def test_the_window_bound_is_the_only_difference(monkeypatch) -> None:
    sc = model.scorer()
    text = _PROSE * 3 + "百家乐真人视讯彩金开户送88元官网注册" + _PROSE * 3
    s = text.find("百家乐")
    hit = (s, s + 3, False)
    grown = extent.refine(text, [hit], sc)[0]
    assert grown != hit[:2]  # the model grows it over the offer
    window = min(len(text), hit[1] + extent.REACH) - max(0, hit[0] - extent.REACH)
    monkeypatch.setattr(extent, "WINDOW_MAX_CHARS", hit[1] - hit[0] + 2 * extent.REACH)
    assert window <= extent.WINDOW_MAX_CHARS and extent.refine(text, [hit], sc) == [grown]
    monkeypatch.setattr(extent, "WINDOW_MAX_CHARS", hit[1] - hit[0] + 2 * extent.REACH - 1)
    assert extent.refine(text, [hit], sc) == [hit[:2]]


def test_a_long_run_is_quoted_by_its_ends() -> None:
    run = "百家乐真人视讯彩金开户送88元" * 40  # 560 characters, one injected line
    doc = Document.from_text("page.txt", _PROSE * 6 + run + "\n" + _PROSE * 6)
    findings = list(InjectedGamblingTerm().check(doc, BatchContext.build([doc])))
    long = [f for f in findings if f.span is not None and f.span.end - f.span.start > QUOTE_MAX_CHARS]
    assert long
    for f in long:
        assert len(f.message) < QUOTE_MAX_CHARS + 200 and "characters in all" in f.message
        assert len(f.details["term"]) <= QUOTE_MAX_CHARS + 3

