"""The extent model's features carry their own copies of the clause scorer's sums (extent._features, whose rows the model reads as float32: column 24
is model.whole_text_char_scores, columns 33-34 are model.clause_bounds and ClauseScorer.clause_logits, computed
for all windows of a page at once). The copies must stay the scorer's: a change to model.py that the copies do
not follow would make the extent model read other features than those it was trained on."""

from __future__ import annotations

import random

import numpy as np

from scrapegate.rules.spam import extent, model

PIECES = ["太阳集团", "官网", "注册", "学院", "召开", "党委", "会议", "。", ",", "，", ";", ":", "!", "?", "、", "\n", "\r",
          "|", "_", " ", "abc", "app", "2023", "5", "年", "月", "的", "澳门", "新葡京", "娱乐", "网址", "𠀀", "é"]


def test_extent_feature_columns_are_the_scorers_char_scores_and_clause_logits():
    rng = random.Random(23)
    sc = model.scorer()
    table = extent._weights()["table"]
    checked = 0
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))
        n = len(text)
        x = extent.features(text, 0, min(n, 2), table, sc)
        cp = model.code_points(text)
        parts = sc.contributions(cp)
        assert np.array_equal(x[:, 24], np.clip(model.whole_text_char_scores(parts, n), -4.0, 4.0).astype(x.dtype)), text
        starts, ends = model.clause_bounds(cp)
        logits = np.clip(sc.clause_logits(starts, ends, sc.prefix_sums(parts)), -10.0, 10.0) / 5.0
        clause_logit, clause_size = np.zeros(n, dtype=x.dtype), np.zeros(n, dtype=x.dtype)
        for s, e, logit in zip(starts.tolist(), ends.tolist(), logits):
            clause_logit[s:e] = logit
            clause_size[s:e] = np.log1p(np.float64(e - s)) / 4.0
        assert np.array_equal(x[:, 33], clause_logit), text
        assert np.array_equal(x[:, 34], clause_size), text
        checked += len(starts) > 1
    assert checked > 100  # most texts hold several clauses
