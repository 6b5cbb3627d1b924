"""repeated_name._repeated_strings built a block of positions at a time (no whole-text np.unique
inverse index and counts, the pairs' classes and bigram hashes a block at a time) finds the same strings as
the whole-array computation it replaced, written out here; blocks made small so texts cross many of them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from scrapegate.rules.spam import extent, model, repeated_name


def _whole_array_repeated_strings(text: str) -> list[str]:
    n = len(text)
    if n < repeated_name.REPEAT_MIN_CHARS * repeated_name.REPEAT_MIN_COUNT:
        return []
    points = model.code_points(text)
    cp = points.astype(np.int64)
    keys = (cp[:-2] << 42) | (cp[1:-1] << 21) | cp[2:]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    hot = counts[inverse] >= repeated_name.REPEAT_MIN_COUNT
    if not hot.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], hot.view(np.int8), [0]))))
    firsts, ends = edges[::2], edges[1::2]
    han = extent.han_chars(points)
    other = ((cp >= 97) & (cp <= 122)) | ((cp >= 48) & (cp <= 57)) | (cp == 40) | (cp == 41)
    odd = np.zeros(n, dtype=np.int64)
    odd[:-1] = extent.unordinary_han_pair_starts(points, han) | (han[:-1] & other[1:]) | (other[:-1] & han[1:])
    marks = np.concatenate(([0], np.cumsum(odd)))
    keep = marks[np.minimum(ends + 1, n)] > marks[firsts]
    pieces = {text[a:b + 2] for a, b in zip(firsts[keep].tolist(), ends[keep].tolist())}
    return sorted({name for piece in pieces for name in repeated_name._NAME_PIECE.findall(piece)
                   if repeated_name.REPEAT_MIN_CHARS <= len(name) <= repeated_name.REPEAT_MAX_CHARS})


_PIECES = ["市", "集团", "开展", "活动,", "澳门新葡澳京7906", "jk娱乐", "(2011年)", "离退休人员", "。\n",
           "政府工作报告", "ab", "12", "鑫", "彧", "湫", "𠀀", " ", "延安大学", "意昂4体育"]


@pytest.mark.parametrize("block", [1, 2, 5, 1 << 16])
def test_repeated_strings_are_the_whole_array_ones(monkeypatch, block: int) -> None:
    rnd = random.Random(block)
    monkeypatch.setattr(repeated_name, "REPEAT_BLOCK", block)
    found = 0
    for n in [0, 3, 9, 10, 20, 60, 200]:
        for _ in range(6):
            text = "".join(rnd.choice(_PIECES) for _ in range(n))
            got = repeated_name._repeated_strings(text)
            assert got == _whole_array_repeated_strings(text), text
            found += bool(got)
    assert found  # the texts hold repeated names


def test_no_recurring_trigram_gives_no_strings() -> None:
    assert repeated_name._repeated_strings("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳") == []


def test_the_spam_views_code_points_are_its_texts_before_and_after_its_ngrams() -> None:
    from scrapegate.checks.document import Document
    from scrapegate.rules.spam.learned import spam_view_of

    rnd = random.Random(7)
    for n in [0, 1, 9, 60, 200]:
        text = "".join(rnd.choice(_PIECES) for _ in range(n)) + "百 家 乐 ２０２４"
        view = spam_view_of(Document.from_text("page.txt", text))
        before = view.code_points()
        assert np.array_equal(before, model.code_points(view.text))
        view.ngrams(model.scorer())
        after = view.code_points()
        assert after is view.ngrams(model.scorer())[0] and np.array_equal(after, before)
        assert (repeated_name.repeated_names(view.text, [], after)
                == repeated_name.repeated_names(view.text, []))
