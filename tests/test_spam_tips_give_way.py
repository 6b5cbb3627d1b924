"""Lottery tips give way in one sweep: the same runs, in the same order, as the loops that rebuilt the
runs for every tip (kept here as the reference), on generated tip pages and random spans."""

import random

from scrapegate.rules.spam.learned import (_OFFICIAL_DRAW, _STRONG_TIP, LearnedRun, _number_tip_lines, _tip_lines,
                                           _tip_stretch, _zodiac_tips, tips_give_way)


def reference(runs, tips, skip):
    for a, b in tips:
        if skip == "tip" and any(r.signal == "lottery-tip" and r.start < b and a < r.end for r in runs):
            continue
        runs = [r for r in runs if not (a <= r.start and r.end <= b)]
        if skip == "overlap" and any(r.start < b and a < r.end for r in runs):
            continue
        runs.append(LearnedRun(a, b, "gambling", 1.0, True, "lottery-tip"))
    return runs


PROSE = ["今年全市经济运行总体平稳", "重大工程进展顺利", "居民收入稳步增长", "我们要坚持稳中求进"]
ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"


def _numbers(rng, sep):
    return sep.join(f"{rng.randint(1, 49):02d}" for _ in range(rng.randint(3, 7)))


def _tip(rng):
    period = f"{rng.randint(2024001, 2026365)}期" if rng.random() < 0.7 else f"第{rng.randint(1, 999)}期"
    shape = rng.randrange(5)
    if shape == 0:  # a number tip line
        return f"{period} {_numbers(rng, ' ')}"
    if shape == 1:  # a tip line with its words, maybe glued before prose
        tail = rng.choice(["", rng.choice(PROSE) + "。"])
        return f"新澳门{period}{rng.choice(['一码一肖', '六肖中特', '必中平特'])}{_numbers(rng, rng.choice('-,+'))}{tail}"
    if shape == 2:  # a zodiac tip
        signs = "".join(rng.sample(ZODIAC, rng.randint(3, 6)))
        return f"{period}:今晚必开特码【{signs}】特码{rng.randint(1, 49)}"
    if shape == 3:  # several tips on one line
        return " ".join(f"{rng.randint(100, 999)}期一肖{_numbers(rng, '.')}" for _ in range(rng.randint(2, 4)))
    return f"{period}开奖号码{_numbers(rng, ' ')}"  # an official draw's


def _page(rng):
    lines = []
    for _ in range(rng.randint(1, 40)):
        lines.append(_tip(rng) if rng.random() < 0.6 else rng.choice(PROSE) + "," + rng.choice(PROSE) + "。")
    return "\n".join(lines)


def _runs(rng, n):
    out = []
    for _ in range(rng.randint(0, 12)):
        s = rng.randrange(n + 1)
        out.append(LearnedRun(s, min(n, s + rng.randint(0, 30)), "gambling", 0.9, rng.random() < 0.5,
                              rng.choice(["learned", "stuffed-line", "lottery-tip"])))
    return out


def _stages(runs, text, give_way):
    runs = give_way(runs, _number_tip_lines(text) if "期" in text else [], "overlap")
    runs = give_way(runs, [_tip_stretch(text, m) for m in _tip_lines(text)
                           if not (_OFFICIAL_DRAW.search(m.group()) and not _STRONG_TIP.search(m.group()))], None)
    return give_way(runs, _zodiac_tips(text) if "期" in text else [], "tip")


def test_generated_tip_pages_give_the_same_runs():
    rng = random.Random(20)
    tipped = 0
    for _ in range(400):
        text = _page(rng)
        runs = _runs(rng, len(text))
        expected = _stages(list(runs), text, reference)
        assert _stages(list(runs), text, tips_give_way) == expected, text
        tipped += any(r.signal == "lottery-tip" for r in expected[len(runs):])
    assert tipped > 300


def test_random_spans_give_the_same_runs():
    rng = random.Random(7)
    for _ in range(3000):
        runs = _runs(rng, 200)
        tips = sorted((a, a + rng.randint(0, 40)) for a in (rng.randrange(200) for _ in range(rng.randint(0, 10))))
        if rng.random() < 0.2:
            rng.shuffle(tips)  # out of order: the straightforward way
        for skip in ("overlap", None, "tip"):
            assert tips_give_way(list(runs), tips, skip) == reference(list(runs), tips, skip)
