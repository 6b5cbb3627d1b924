"""The lines the learned chrome scorer never adds, however likely it rates them (``chrome.scorer_may_add``): a text table's
rows, a notice's signature date, a clause cut by the line breaks, dialogue, a line between two paragraphs. Each page
below puts such lines right beside the rules' chrome (where the scorer grows blocks) and every line is rated 0.9999."""

from __future__ import annotations

import pytest

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.boilerplate import chrome, scorer_keeps

FOOTER = "版权所有：平安县人民政府 备案号：某ICP备12345678号\n"

STATISTICS_TAIL = """平安县2023年国民经济和社会发展统计公报
年末全县常住人口五十万零七十三人，比上年末减少四千一百七十一人，城镇化率继续提高。
全年全县城镇新增就业四千零四十二人，城镇失业人员再就业一千三百二十六人。
指 标 | 年末人数(人) | 比重(%) |
常住人口 | 500073 | 100.00 |
城镇 | 213468 | 42.69 |
乡村 | 286605 | 57.31 |
""" + FOOTER

CUT_MARKDOWN_ROW = """平安县2025年一季度主要指标
全年货物进出口总额六千八百亿元，比上年增长百分之一点四，农村居民人均可支配收入继续增长。
| 指标 | 2024年 | 2025年 | 增长(%) |
|---|---|---|---|
| 工业1 | 739.9 | 804.75 | 883.1 |
| 交通2 | 736.41 | 245 | 750.78 |
| 住房5
"""

NOTICE_TAIL = """关于做好春季森林防火工作的通知
各乡镇人民政府，县直各单位：当前正值春季森林防火紧要期，各单位要压实责任，严防森林火灾发生。
请各单位于三月底前将工作开展情况报县应急管理局。
平安县应急管理局
2024年3月1日
""" + FOOTER

BROKEN_CLAUSES = """平安县京沪高速施工进入第二阶段
下周一，
京沪高速施工就将进入第二阶段，
这也是对全县市民出行影响最大的一段，请大家提前规划路线。
""" + FOOTER

STORY_END = """茶座与速子的午后
速子动作僵硬地走回到自己的实验桌旁，试图记下刚才片刻的感受，但不管写多少都无法完整记录下来。
“非常，谢谢你。”
“也谢谢你……”
""" + FOOTER

HEADED_SECTION = """独宿在空堂 白居易
译文 我有着深深思念的人，却相隔在远远的异乡。我有所感怀的事情，深深地刻在心上。
赏析
这首诗不是当时所流行的工整的今体诗，它共有七句话，前四句大量地重复用字，并不合乎诗歌的习惯。
""" + FOOTER


def grown(text: str) -> tuple[list[str], list[str]]:
    """The lines the scorer would add to the rules' chrome if it rated every line 0.9999 (threshold 0.998), and the
    lines of the shape it may add (short, no sentence, not chrome yet) before the keeps."""
    doc = Document.from_text("page.txt", text)
    analysis = chrome.rules_analysis(doc, BatchContext.build([doc]))
    probability = dict.fromkeys(range(len(analysis.lines)), 0.9999)
    added = [analysis.lines[i].text.strip() for i in chrome.learned_lines(analysis, probability, 0.998)]
    shaped = [line.text.strip() for i, line in enumerate(analysis.lines) if chrome.addable_line(analysis.evidence.get(i))]
    return added, shaped


@pytest.mark.parametrize("text, kept", [
    (STATISTICS_TAIL, ["常住人口 | 500073 | 100.00 |", "城镇 | 213468 | 42.69 |", "乡村 | 286605 | 57.31 |"]),
    (CUT_MARKDOWN_ROW, ["| 住房5"]),
    (NOTICE_TAIL, ["2024年3月1日"]),
    (BROKEN_CLAUSES, ["下周一，"]),
    (STORY_END, ["“非常，谢谢你。”", "“也谢谢你……”"]),
    (HEADED_SECTION, ["赏析"]),
])
def test_the_texts_own_lines_stay_body_beside_chrome(text, kept):
    added, shaped = grown(text)
    assert set(kept) <= set(shaped) and not set(kept) & set(added)


def test_a_menu_beside_the_footer_is_still_grown_into():
    """The keeps are narrow: short label lines over the footer (no figures, no clause, no quotes, not between two
    paragraphs) are what the scorer is for (the rules take these already: here they are handed back to the scorer)."""
    doc = Document.from_text("page.txt", "平安县开展春季森林防火宣传活动\n"
                             "三月一日，平安县在各乡镇集中开展春季森林防火宣传活动，发放宣传资料三千余份。\n"
                             "政务动态\n图片新闻\n专题专栏\n" + FOOTER)
    analysis = chrome.rules_analysis(doc, BatchContext.build([doc]))
    for i in (2, 3, 4):
        analysis.evidence[i].chrome = False
    probability = dict.fromkeys(range(len(analysis.lines)), 0.9999)
    assert chrome.learned_lines(analysis, probability, 0.998) == [2, 3, 4]


def test_a_row_of_words_is_no_table_row_and_a_lone_row_needs_a_neighbour():
    assert scorer_keeps.table_row("乡村 | 286605 | 57.31 |")
    assert not scorer_keeps.table_row("首页 | 新闻 | 政务公开")
    assert not scorer_keeps.table_row("2024-03-01")
    doc = Document.from_text("page.txt", "第一段正文，说明了本县的基本情况和发展目标。\n阅读 | 1024\n" + FOOTER)
    evidence = chrome.rules_analysis(doc, BatchContext.build([doc])).evidence
    assert not scorer_keeps.in_table(evidence, 1)


def test_a_line_between_paragraphs_recurring_in_the_batch_may_be_added():
    doc = Document.from_text("page.txt", HEADED_SECTION)
    evidence = chrome.rules_analysis(doc, BatchContext.build([doc])).evidence
    assert scorer_keeps.between_paragraphs(evidence, 2)
    evidence[2].recurring = True
    assert not scorer_keeps.between_paragraphs(evidence, 2)


def test_the_scorers_word_on_a_kept_line_is_not_passed_on():
    """The truncation rules read the analysis's probabilities as the scorer's word that trailing lines are chrome: a row
    cut after its first cell must not read as chrome there either."""
    doc = Document.from_text("page.txt", CUT_MARKDOWN_ROW)
    analysis = chrome.chrome_analysis(doc, BatchContext.build([doc]))
    last = len(analysis.lines) - 1
    assert last in analysis.candidates and chrome.addable_line(analysis.evidence[last])  # weighed, were it not kept
    assert scorer_keeps.in_table(analysis.evidence, last) and last not in analysis.probability
