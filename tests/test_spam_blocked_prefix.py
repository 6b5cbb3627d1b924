"""The prefix sums of a long text read by blocks (:class:`model.BlockedPrefix`) are the whole-text
arrays' doubles: every read the scorer makes, and a long text's SP units, compared bit for bit with
the arrays (the block made small so short own texts cross many blocks)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from scrapegate.rules.spam import learned, model


def _arrays(parts) -> list[np.ndarray]:
    return [model.whole_prefix(g) for g in parts]


def _text(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice("娱乐城官网注册送彩金ab12,。\n政府工作报告居民收入稳步提高") for _ in range(n))


@pytest.mark.parametrize("block", [1, 2, 7, 64])
def test_blocked_prefix_reads_are_the_arrays_entries(monkeypatch, block: int) -> None:
    sc = model.scorer()
    rnd = random.Random(block)
    monkeypatch.setattr(model, "PREFIX_BLOCK", block)
    for n in [block + 1, 3 * block, 3 * block + 1, 200, 301]:
        parts = sc.contributions(model.code_points(_text(rnd, n)))
        for g, whole in zip(parts, _arrays(parts)):
            blocked = model.BlockedPrefix(g)
            assert len(blocked) == len(whole)
            for _ in range(20):
                lo = rnd.randint(0, len(whole))
                hi = rnd.randint(lo, len(whole) + 3)
                assert np.array_equal(blocked[lo:hi], whole[lo:hi]), (n, lo, hi)
                idx = np.array([rnd.randint(0, len(whole) - 1) for _ in range(rnd.randint(0, 30))], dtype=np.int64)
                assert np.array_equal(blocked[idx], whole[idx]), (n, idx)
                assert np.array_equal(blocked[np.sort(idx)], whole[np.sort(idx)])


def test_blocked_prefix_keeps_a_negative_zero_first_entry(monkeypatch) -> None:
    monkeypatch.setattr(model, "PREFIX_BLOCK", 2)
    g = np.array([-0.0, -0.0, 1.5, -0.0, 2.0], dtype=np.float32)
    blocked, whole = model.BlockedPrefix(g), _arrays((g,))[0]
    got = blocked[np.arange(len(whole))]
    assert np.array_equal(got, whole) and np.array_equal(np.signbit(got), np.signbit(whole))


def test_long_text_scores_are_the_whole_array_scores(monkeypatch) -> None:
    sc = model.scorer()
    rnd = random.Random(3)
    for n in [40, 150, 700]:
        cp = model.code_points(_text(rnd, n))
        parts = sc.contributions(cp)
        starts, ends = model.clause_bounds(cp)
        whole = sc.prefix_sums(parts)
        assert all(isinstance(p, np.ndarray) for p in whole)
        monkeypatch.setattr(model, "PREFIX_BLOCK", 5)
        monkeypatch.setattr(model, "WINDOW_BLOCK", 7)
        blocked = sc.prefix_sums(parts)
        assert all(isinstance(p, model.BlockedPrefix) for p in blocked)
        assert np.array_equal(sc.clause_logits(starts, ends, blocked), sc.clause_logits(starts, ends, whole))
        assert np.array_equal(sc.logits(cp, starts, ends, blocked), sc.logits(cp, starts, ends, whole))
        for got, want in zip(sc.hot_windows(blocked, n, learned.WINDOW), sc.hot_windows(whole, n, learned.WINDOW)):
            assert np.array_equal(got, want)
        assert np.array_equal(sc.window_logits(blocked, n, learned.WINDOW), sc.window_logits(whole, n, learned.WINDOW))
        monkeypatch.undo()


def test_units_of_a_long_own_text_are_the_same_with_blocked_prefix_sums(monkeypatch) -> None:
    # Own text: a report's sentences with offers glued in and a spam line, repeated past many blocks.
    page = ("城乡居民收入稳步提高,社会保障水平持续提升。\n"
            "本站推荐娱乐城官网注册送88元彩金,百家乐在线真人游戏\n"
            "延安大学意昂4体育院长出席会议,研究部署下一阶段工作。\n") * 12
    sc = model.scorer()
    view = learned.SpamView(learned.normalized_view(page))
    hints: list[int] = []
    want = learned._units(view, sc, hints)
    assert want[0]
    monkeypatch.setattr(model, "PREFIX_BLOCK", 13)
    assert learned._units(view, sc, hints) == want
