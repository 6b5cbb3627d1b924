"""The off-topic step of the chrome analysis: the main block, the lines the model may weigh, the guards."""

from __future__ import annotations

from collections import Counter

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.boilerplate import chrome, offtopic

REPORT = [
    "各位代表:现在,我代表区人民政府向大会报告工作,请予审议,并请区政协委员和其他列席人员提出意见。",
    "过去一年,全区上下坚持稳中求进工作总基调,地区生产总值增长百分之六,城乡居民收入稳步提高,民生保障持续加强。",
    "今年要持续深化改革,推动产业转型升级,切实保障和改善民生,加快建设现代化产业体系,为建设美丽家园而不懈奋斗。",
    "全区上下坚持创新驱动发展,推动产业转型升级,城乡居民收入稳步提高,民生保障持续加强,生态环境持续改善。",
]


def test_main_block_is_the_segment_with_most_prose():
    sizes = [10, 300, 300, 5, 120, 40]
    prose = [False, True, True, False, True, True]
    layout = offtopic.main_block(sizes, prose, {3})
    assert layout.segments == [(0, 3), (4, 6)]
    assert layout.core == (0, 3)
    assert offtopic.main_block([50, 60], [True, True], set()).core == (0, 0)  # too little prose to judge against


def test_a_reports_continuation_after_a_pager_is_on_topic():
    lines = [REPORT[0], REPORT[1] + REPORT[2], REPORT[2] + REPORT[1], "上一页 1 2 下一页", REPORT[3],
             "| 农村1 | 257.54 | 280.9 |", "相关文章", "本市新开通三条夜间公交线路,末班车延至二十三点", "| 住房2 | 573.6 | 81.9 |"]
    doc = Document.from_text("r.txt", "\n".join(lines) + "\n")
    sizes = [len(t) for t in lines]
    prose = [True, True, True, False, True, False, False, False, False]
    layout = offtopic.main_block(sizes, prose, {3, 6})
    pairs = offtopic.PairCache(doc.lines)
    profile, _ = offtopic.profile_of(doc.lines, layout, sizes, prose, pairs)
    rows = offtopic.candidates(doc.lines, layout, {3, 6}, profile, lambda text: False, pairs)
    # The continuation shares the report's words and joins the main block; a table row is never weighed;
    # the other article's headline after 相关文章 is.
    assert rows == [7]


def test_title_and_dateline_above_the_main_block_are_never_weighed():
    lines = ["晨光网 | 时事 | 生活 | 财经 | 文体", "某区人民政府工作报告", "——2024年1月15日在区人民代表大会上", *REPORT]
    doc = Document.from_text("r.txt", "\n".join(lines) + "\n")
    sizes = [len(t) for t in lines]
    prose = [False, False, False, True, True, True, True]
    layout = offtopic.main_block(sizes, prose, {0})
    rows = offtopic.candidates(doc.lines, layout, {0}, Counter(), lambda text: False, offtopic.PairCache(doc.lines))
    assert rows == []


def test_a_complete_report_loses_nothing_to_the_off_topic_step():
    text = "\n".join(["某区人民政府工作报告", *REPORT, "相关文章", *REPORT[1:3], "版权所有 某区人民政府"]) + "\n"
    doc = Document.from_text("r.txt", text)
    ctx = BatchContext.build([doc])
    before = chrome._analyse_document(doc, ctx, off_topic="off").chrome
    after = chrome._analyse_document(doc, ctx, off_topic="mark").chrome
    assert after == before
