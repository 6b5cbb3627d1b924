"""The learned run extent (rules/spam/extent.py): how a hit's span is cut and grown."""

import numpy as np

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.spam import detector, extent


def _always(a: int, b: int) -> bool:
    return True


def test_a_hit_grows_over_likely_characters_and_steps_over_one_separator() -> None:
    text = "主持会议xx娱乐|yy平台注册谢谢"
    p = np.array([0.0] * 4 + [0.9] * 4 + [0.2] + [0.9] * 6 + [0.1, 0.1])
    assert extent.best_segment(p, text, 6, 8, _always) == (4, 15)


def test_growth_stops_at_a_sentence_end_and_an_at_sign() -> None:
    text = "平台注册。送彩金"
    p = np.full(len(text), 0.9)
    assert extent.best_segment(p, text, 0, 2, _always) == (0, 4)
    text = "service@pp真人"
    p = np.full(len(text), 0.9)
    assert extent.best_segment(p, text, 8, 12, _always) == (8, 12)


def test_a_next_line_needs_a_higher_probability() -> None:
    text = "yy平台注册\n主页面公告"
    p = np.array([0.9] * 6 + [0.0] + [0.7] * 5)
    assert extent.best_segment(p, text, 0, 6, _always) == (0, 6)
    p[7:] = extent.ACROSS_LINE
    assert extent.best_segment(p, text, 0, 6, _always) == (0, 12)


def test_a_guess_is_cut_an_exact_hit_only_grows() -> None:
    text = "召开会议yy平台"
    p = np.array([0.1] * 4 + [0.9] * 4)
    assert extent.best_segment(p, text, 0, 8, _always, cut=True) == (4, 8)
    assert extent.best_segment(p, text, 0, 8, _always, cut=False) == (0, 8)
    assert extent.best_segment(np.full(8, 0.2), text, 0, 8, _always) is None


def test_a_side_grows_only_when_accepted() -> None:
    text = "召开会议yy平台"
    p = np.full(len(text), 0.9)
    assert extent.best_segment(p, text, 4, 8, lambda a, b: False) == (4, 8)


def _spans(text: str) -> list[str]:
    doc = Document.from_text("a.txt", text)
    ctx = BatchContext.build([doc])
    return [text[h.span.start:h.span.end] for h in detector.spam_hits(doc, ctx)]


def test_ordinary_host_words_next_to_a_contact_are_not_grown_over() -> None:
    assert _spans("全年接待游客QQ:12345678万人次。") == ["QQ:12345678"]


def test_an_unlisted_offer_before_a_contact_id_joins_its_run() -> None:
    host = "全县全年完成固定资产投资比上年增长百分之八,城乡居民收入稳步提高。"
    text = host + "贵宾尊享 商务QQ 524326922。我们将继续深化改革,推进重点项目建设。"
    doc = Document.from_text("a.txt", text)
    ctx = BatchContext.build([doc])
    # the signals alone find the id; the extent model adds the offer before it
    assert [text[h.span.start:h.span.end] for h in detector.merged_hits(doc, ctx)] == ["QQ 524326922"]
    assert _spans(text) == ["贵宾尊享 商务QQ 524326922"]
