"""Chrome of any site (issue 11): traditional-script templates, forum/wiki/portal shapes, HTML read as a page.

Every page here is written for these tests (paraphrased from the kinds of templates seen on real
sites; short chrome phrases are the sites' own words). Each test names the chrome lines and checks
both that they are found and that the document's own lines are kept.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chrome_fixtures import write_clean
from scrapegate.checks import html
from scrapegate.checks.api import check_paths
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.boilerplate import chrome, scorer
from scrapegate.rules.boilerplate.chrome import body_lines, chrome_blocks, simplify_chars
from scrapegate.rules.boilerplate.rules import RULES
from scrapegate.rules.segmentation import document_title


def flagged(doc: Document, ctx: BatchContext | None = None) -> tuple[set[str], set[str]]:
    """(stripped lines inside chrome spans, stripped body lines) of a plain-text document."""
    ctx = ctx or BatchContext.build([doc])
    spans = [b.span for b in chrome_blocks(doc, ctx)]
    lines = [line for line in doc.lines if line.text.strip()]
    inside = {line.text.strip() for line in lines
              if any(s.start <= line.start and line.end <= s.end for s in spans)}
    return inside, {line.text.strip() for line in body_lines(doc, ctx)}


def page(text: str, key: str = "page.txt") -> Document:
    return Document.from_text(key, text)


# ---------------------------------------------------------------------- traditional-script chrome

TAIPEI_NOTICE = """跳到主要內容
:::
網站導覽 | 回首頁 | English
首頁 > 最新消息 > 新聞稿
發佈日期：113-05-02 瀏覽人次：1,204
市府推動老舊公園改善計畫 今年完成十二處
為提升市民休憩品質，市府今年將完成十二處老舊公園改善，包括遊具更新、無障礙步道與夜間照明。
工務局表示，各處工程將分區施工，施工期間請民眾留意公告的封閉範圍。
列印 | 關閉視窗 | 分享
公園處說明，改善內容係依據地方說明會蒐集的意見規劃，完工後將持續辦理維護巡查。
上一則：捷運站周邊人行道改善
下一則：颱風季前側溝清淤
相關新聞
版權宣告 | 隱私權政策 | 意見信箱
"""


def test_traditional_script_chrome_in_head_inline_and_foot():
    inside, body = flagged(page(TAIPEI_NOTICE))
    for line in ("跳到主要內容", ":::", "網站導覽 | 回首頁 | English", "首頁 > 最新消息 > 新聞稿",
                 "發佈日期：113-05-02 瀏覽人次：1,204", "列印 | 關閉視窗 | 分享", "上一則：捷運站周邊人行道改善",
                 "下一則：颱風季前側溝清淤", "相關新聞", "版權宣告 | 隱私權政策 | 意見信箱"):
        assert line in inside, line
    assert {"市府推動老舊公園改善計畫 今年完成十二處",
            "為提升市民休憩品質，市府今年將完成十二處老舊公園改善，包括遊具更新、無障礙步道與夜間照明。",
            "公園處說明，改善內容係依據地方說明會蒐集的意見規劃，完工後將持續辦理維護巡查。"} <= body


def test_traditional_folding_keeps_offsets_and_simplified_text():
    text = "關閉視窗 瀏覽人次 列印 ABC 简体不变"
    folded = simplify_chars(text)
    assert folded == "关闭视窗 浏览人次 列印 ABC 简体不变"
    assert len(folded) == len(text)


def test_an_item_tail_is_read_from_the_line_end_as_the_regex_finds_it():
    import random

    rng = random.Random(5)
    pool = list(" \t\r\u3000)）]］[字览读论复击覽讀論覆擊ab中文19x") + ["\u0661", "\uff15"]
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert chrome._item_tail(text) == (chrome._ITEM_TAIL.search(text) is not None), ascii(text)
    assert chrome._item_tail("标题 08-11 16:06 [4321/87] ") and chrome._item_tail("见附件]")
    assert not chrome._item_tail("2023年工作报告") and not chrome._item_tail("")


def test_long_texts_are_phrase_folded_by_the_table_as_by_the_three_folds():
    import random

    rng = random.Random(7)
    pool = [chr(c) for r in (range(0x20, 0x250), range(0x3000, 0x3040), range(0x4E00, 0x9FFF),
                             range(0xFF00, 0xFFF0)) for c in r] + ["\U0001F600", "\U00020000", "\n"]
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(chrome.PHRASE_FOLD_TABLE_CHARS, 800)))
        assert chrome.phrase_fold(text) == chrome.fold_punctuation(simplify_chars(chrome.fold(text)))
    assert chrome.phrase_fold("關閉視窗，ＡＢＣ　Abc" * 30) == "关闭视窗,abc abc" * 30


def test_traditional_report_text_is_not_chrome_for_its_script():
    report = ("政府工作報告\n各位代表：\n過去一年，全縣經濟運行穩中向好，地區生產總值增長百分之六。\n"
              "我們堅持民生優先，新建學校三所，城鄉居民收入穩步提高。\n今年的主要任務是：推進產業升級，"
              "改善生態環境，辦好民生實事。\n")
    inside, _ = flagged(page(report))
    assert inside == set()


# ------------------------------------------------------------------ shapes every template shares

def test_breadcrumb_and_counter_rows_are_chrome_by_their_shape():
    text = ("教育在線 > 高等教育 > 學術交流 > 正文\n"
            "12 评论 340 浏览 5 收藏\n"
            "高校分类评价的实践与思考\n"
            "克服同质化倾向、推动高校特色发展，是近年来高等教育政策的重要导向，本文梳理了分类评价的做法。\n"
            "分类评价要与资源配置挂钩，避免评价结果只停留在排名上，这是各地实践中的共同经验。\n")
    inside, body = flagged(page(text))
    assert inside == {"教育在線 > 高等教育 > 學術交流 > 正文", "12 评论 340 浏览 5 收藏"}
    assert "高校分类评价的实践与思考" in body


def test_a_sentence_with_arrows_is_not_a_breadcrumb():
    text = ("工作回顾\n投资结构持续优化：工业投资 > 基建投资 > 房地产投资，三者比例更趋合理。\n"
            "全年新增就业一万二千人，城镇调查失业率保持在百分之五以内，民生保障有力有效。\n")
    assert flagged(page(text))[0] == set()


FORUM_THREAD = """找回密码
 立即注册
QQ登录
只需一步,快速开始
查看: 1520|回复: 12
[经验分享] 老房子电路改造的几点体会
[复制链接]
木匠老李 发表于 2023-4-2 21:15 | 显示全部楼层 |阅读模式
去年把家里三十年的老房子电路全部换了一遍，这里说说几个容易忽略的地方，供准备动手的朋友参考。
第一是线径，厨房和卫生间的插座回路最好单独走线，不要和照明共用一路，这样跳闸时不至于全屋停电。
"""


def test_forum_chrome_around_a_post():
    inside, body = flagged(page(FORUM_THREAD))
    for line in ("找回密码", "立即注册", "只需一步,快速开始", "查看: 1520|回复: 12", "[复制链接]",
                 "木匠老李 发表于 2023-4-2 21:15 | 显示全部楼层 |阅读模式"):
        assert line in inside, line
    assert "[经验分享] 老房子电路改造的几点体会" in body
    assert any(line.startswith("去年把家里") for line in body)


def test_wiki_tagline_and_edit_links():
    text = ("跳至內容\n福州話\n維基百科，自由的百科全書\n"
            "福州話是閩東語的代表方言，主要通行於福州市區及周邊各縣，保留了較多古漢語的語音特點。\n"
            "語音[編輯]\n福州話有十五個聲母，韻母數量較多，並有豐富的連讀變調現象，是研究漢語方言的重要材料。\n")
    inside, body = flagged(page(text))
    assert {"跳至內容", "維基百科，自由的百科全書"} <= inside
    assert "福州話" in body


def test_bracketed_credit_closing_the_text_is_chrome():
    # A credit alone on its line is the page's byline, bracketed or not (the labelled corpora read it so:
    # CHROME_FRESH3.md, CHROME_FRESH4.md); the text above it stays.
    text = ("全县春耕备耕工作有序推进\n各乡镇组织农技人员深入田间地头，指导群众做好选种育苗和农机检修。"
            "今年全县计划播种粮食作物四十万亩，目前各项准备工作已基本就绪。\n(县融媒体中心编辑:张明)\n")
    inside, body = flagged(page(text))
    assert inside == {"(县融媒体中心编辑:张明)"}
    assert "全县春耕备耕工作有序推进" in body


# --------------------------------------------------------------------------- HTML read as a page

PORTAL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某县人民政府门户网站</title>
<style>.nav li { float: left; }</style>
<script>var pageId = "2024-118"; document.title = "首页";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="article">
<h1>关于做好春季森林防火工作的通知</h1>
<div class="info">发布时间：2024-03-01 来源：县应急管理局 浏览次数：356</div>
<p>&emsp;&emsp;各乡镇人民政府，县直有关单位：当前已进入春季森林防火关键期，现就有关事项通知如下。</p>
<p>&emsp;&emsp;一、严格野外火源管理。各地要在进山路口设置检查点，严禁携带火种进山。</p>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<p>&emsp;&emsp;二、加强巡查值守。林区乡镇要落实二十四小时值班制度，发现火情及时报告。</p>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">县领导检查防汛准备工作</a></li>
<li><a href="/a/2.html">全县召开安全生产会议</a></li></ul></div>
<div id="footer"><p>版权所有：某县人民政府办公室 主办</p><p>网站标识码：3607000001 ICP备12345678号</p></div>
</body></html>
"""


def html_doc(text: str = PORTAL_PAGE, key: str = "notice.html") -> Document:
    return Document.from_text(key, text)


def test_html_page_chrome_spans_are_offsets_into_the_source():
    doc = html_doc()
    ctx = BatchContext.build([doc])
    blocks = chrome_blocks(doc, ctx)
    positions = [b.position for b in blocks]
    assert positions == ["head", "head", "inline", "tail"]
    for block in blocks:
        assert doc.text[block.span.start] != "<" or block.span.start == 0
    head = doc.text[blocks[0].span.start:blocks[0].span.end]
    assert head.startswith("首页") and "当前位置" in head
    assert "发布时间" in doc.text[blocks[1].span.start:blocks[1].span.end]
    assert doc.text[blocks[2].span.start:blocks[2].span.end].startswith("分享到")
    tail = doc.text[blocks[3].span.start:blocks[3].span.end]
    assert tail.startswith("相关文章") and tail.endswith("ICP备12345678号")


def test_html_body_lines_are_exact_source_slices_without_markup():
    doc = html_doc()
    lines = body_lines(doc, BatchContext.build([doc]))
    assert all(doc.text[line.start:line.end] == line.text for line in lines)
    texts = [line.text for line in lines]
    assert texts[0] == "关于做好春季森林防火工作的通知"
    assert any("严格野外火源管理" in t for t in texts) and any("加强巡查值守" in t for t in texts)
    assert not any("<" in t or "pageId" in t or "float" in t for t in texts)


def test_html_title_is_the_page_heading_not_the_title_element():
    doc = html_doc()
    assert document_title(doc, BatchContext.build([doc])) == "关于做好春季森林防火工作的通知"


def test_write_clean_on_html_writes_the_main_text_with_its_paragraphs(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "notice.html").write_text(PORTAL_PAGE, encoding="utf-8")
    cleaned = write_clean(inputs, tmp_path / "out")["notice.html"]
    assert cleaned.split("\n") == [
        "关于做好春季森林防火工作的通知",
        "各乡镇人民政府，县直有关单位：当前已进入春季森林防火关键期，现就有关事项通知如下。",
        "一、严格野外火源管理。各地要在进山路口设置检查点，严禁携带火种进山。",
        "二、加强巡查值守。林区乡镇要落实二十四小时值班制度，发现火情及时报告。",
        ""]


ANONYMOUS_PAGE = """<html><body>
<div class="w1"><a href="/">网站首页</a> <a href="/news/">新闻动态</a> <a href="/notice/">通知公告</a></div>
<div class="w2"><h2>社区志愿服务队开展义诊活动</h2>
<p>本周六上午，社区志愿服务队联合辖区卫生院在文化广场开展义诊，为居民测量血压、血糖并讲解慢性病防治知识。</p>
<p>活动共服务居民两百余人次，发放健康手册三百余份，居民纷纷表示希望此类活动常态化开展。</p></div>
<div class="w3"><a href="/a/9.html">社区开展消防演练</a></div>
<div class="w3"><a href="/a/8.html">老年食堂正式开业</a></div>
</body></html>
"""


def test_html_link_blocks_are_chrome_without_any_class_name_or_phrase():
    doc = html_doc(ANONYMOUS_PAGE, "news.htm")
    ctx = BatchContext.build([doc])
    removed = [doc.text[b.span.start:b.span.end] for b in chrome_blocks(doc, ctx)]
    assert removed[0].startswith("网站首页") and removed[-1].endswith("老年食堂正式开业")
    assert [line.text for line in body_lines(doc, ctx)][0] == "社区志愿服务队开展义诊活动"


def test_html_page_that_is_all_chrome_fails_the_gate():
    text = ("<html><body><nav><a href='/'>首页</a> <a href='/x'>新闻中心</a></nav>"
            "<div class='crumb'>当前位置：首页 &gt; 新闻中心</div><div>暂无内容</div>"
            "<footer>版权所有 某某网</footer></body></html>")
    doc = html_doc(text, "empty.html")
    codes = {f.code for rule in RULES for f in rule().check(doc, BatchContext.build([doc]))}
    assert "BP004" in codes


def test_html_documents_are_recognised_by_name_or_doctype():
    assert html.is_html(Document.from_text("a.htm", "x"))
    assert html.is_html(Document.from_text("a.txt", "\ufeff<!DOCTYPE html><html></html>"))
    assert not html.is_html(Document.from_text("a.txt", "关于<p>标签的说明"))


def test_html_checked_as_a_batch_keeps_every_report(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.html").write_text(PORTAL_PAGE, encoding="utf-8")
    (inputs / "b.html").write_text(PORTAL_PAGE.replace("春季森林防火", "汛期安全"), encoding="utf-8")
    result = check_paths([inputs], write_reports=False, jobs=1)
    assert sorted(result.reports) == ["a.html", "b.html"]
    for report in result.reports.values():
        assert report["document"]["title"].startswith("关于做好")


# --------------------------------------------------------------------------- the learned scorer

def test_shipped_scorer_matches_its_features_and_scores_in_unit_range():
    model = scorer.line_model()
    assert model.coef1.shape == (len(scorer.FEATURES),)
    assert model.coef2.shape == (len(scorer.FEATURES) + len(scorer.PASS2),)
    doc = page(FORUM_THREAD)
    analysis = chrome.rules_analysis(doc, BatchContext.build([doc]))
    candidates, x1 = analysis.candidates, chrome.scorer_features(doc, analysis)
    assert x1.shape == (len(candidates), len(scorer.FEATURES)) and candidates
    p = scorer.probabilities(x1, candidates, model)
    assert np.all((p >= 0) & (p <= 1))


def test_scorer_grows_chrome_blocks_from_chrome_or_a_run():
    doc = page("\n".join(f"菜单{i}" for i in range(12)) + "\n")
    analysis = chrome.chrome_analysis(doc, BatchContext.build([doc]))
    evidence = analysis.evidence
    for ev in evidence.values():
        ev.chrome = ev.learned = False
    evidence[0].chrome = True
    # A pair touching chrome grows the block; a pair touching nothing stays body.
    chrome._grow_learned(evidence, {1: 0.99, 2: 0.99, 3: 0.2, 8: 0.99, 9: 0.99}, 0.9, 12)
    assert [i for i, ev in evidence.items() if ev.chrome] == [0, 1, 2]
    # Without chrome to touch, a pair of likely lines stays body; a run of RUN_LINES is chrome by itself.
    for ev in evidence.values():
        ev.chrome = False
    pair = {3: 0.99, 4: 0.99, 6: 0.5}
    chrome._grow_learned(evidence, pair, 0.9, 12)
    assert not any(ev.chrome for ev in evidence.values())
    run = dict.fromkeys(range(3, 3 + scorer.RUN_LINES), 0.99)
    chrome._grow_learned(evidence, run, 0.9, 12)
    assert [i for i, ev in evidence.items() if ev.chrome] == sorted(run)


def test_a_block_the_scorer_grew_says_so_with_its_lowest_probability():
    doc = page("\n".join(f"菜单{i}" for i in range(12)) + "\n")
    ctx = BatchContext.build([doc])
    analysis = chrome.chrome_analysis(doc, ctx)
    for ev in analysis.evidence.values():
        ev.chrome = ev.learned = False
    analysis.evidence[0].chrome = True
    analysis.probability = {1: 0.9995, 2: 0.9985, 3: 0.2}
    chrome._grow_learned(analysis.evidence, analysis.probability, 0.998, 12)
    analysis.chrome = sorted(i for i, ev in analysis.evidence.items() if ev.chrome)
    [finding] = [f for rule in RULES for f in rule().check(doc, ctx) if "lines" in f.details]
    assert finding.details["lines"] == [1, 3]
    assert "learned" in finding.details["signals"] and finding.details["probability"] == 0.9985
    # A block the rules found alone carries no probability.
    assert "probability" not in flagged_details(page("当前位置：首页 > 新闻\n关于开展春季森林防火工作的通知，各单位要高度重视。\n"))


STATISTICS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年统计公报_平安县</title></head><body>
<div class="topnav"><a href="/">首页</a> <a href="/zw">政务公开</a></div>
<div class="w2"><h1>平安县2023年国民经济和社会发展统计公报</h1>
<p>年末全县常住人口五十万零七十三人，比上年末减少四千一百七十一人，城镇化率继续提高。</p>
<p>表1 2023年末常住人口及构成</p>
<p>指 标 | 年末人数(人) | 比重(%) |</p>
<p>常住人口 | 500073 | 100.00 |</p>
<p>乡村 | 286605 | 57.31 |</p>
<p>全年全县城镇新增就业四千零四十二人，城镇失业人员再就业一千三百二十六人。</p></div>
<div class="w4"><a href="/about">关于我们</a> <a href="/map">网站地图</a></div>
</body></html>
"""


def test_scorer_never_takes_a_line_the_markup_groups_with_the_text():
    """A short line whose element shares its parent with a paragraph of running text (a table's rows written as
    lines among the paragraphs) is placed in the text: however likely the scorer rates it, it stays; a menu in a
    container of its own is not placed."""
    doc = Document.from_text("page.html", STATISTICS_PAGE)
    analysis = chrome.rules_analysis(doc, BatchContext.build([doc]))
    blocks = html.page(doc).blocks
    at = {block.text: i for i, block in enumerate(blocks)}
    rows = [at[t] for t in ("表1 2023年末常住人口及构成", "指 标 | 年末人数(人) | 比重(%) |", "乡村 | 286605 | 57.31 |")]
    evidence = analysis.evidence
    assert all(evidence[i].placed for i in rows)
    assert not evidence[at["首页 政务公开"]].placed and evidence[at["首页 政务公开"]].chrome
    chrome._grow_learned(evidence, dict.fromkeys(range(len(blocks)), 0.9999), 0.998, len(blocks))
    assert not any(evidence[i].chrome for i in rows)
    # The same lines as plain text are weighed as before (the text has no markup to place them).
    text = page("\n".join(block.text for block in blocks) + "\n")
    plain = chrome.rules_analysis(text, BatchContext.build([text]))
    assert not any(ev.placed for ev in plain.evidence.values())


def flagged_details(doc: Document) -> dict:
    return next(f.details for rule in RULES for f in rule().check(doc, BatchContext.build([doc])))


@pytest.mark.parametrize("text", [TAIPEI_NOTICE, FORUM_THREAD])
def test_batch_of_one_and_batch_agree_on_template_free_pages(text):
    doc = page(text)
    other = page(TAIPEI_NOTICE.replace("公園", "道路"), "other.txt")
    alone = flagged(doc)[0]
    together = flagged(page(text), BatchContext.build([page(text), other]))[0]
    assert alone <= together


def test_rule_docstring_examples_hold():
    """The examples the rule docs give for traditional-script chrome (BP001, BP003)."""
    head = "跳到主要內容\n:::\n首頁 > 最新消息\n發佈日期：113-05-02 瀏覽人次：1,204\n" + TAIPEI_NOTICE.split("\n", 5)[5]
    doc = page(head)
    blocks = chrome_blocks(doc, BatchContext.build([doc]))
    assert blocks[0].position == "head"
    assert doc.text[blocks[0].span.start:blocks[0].span.end].split("\n") == [
        "跳到主要內容", ":::", "首頁 > 最新消息", "發佈日期：113-05-02 瀏覽人次：1,204"]
    inline = [doc.text[b.span.start:b.span.end] for b in blocks if b.position == "inline"]
    assert inline == ["列印 | 關閉視窗 | 分享"]


def test_footer_swallows_a_short_link_line_between_footer_lines_but_not_a_clause():
    text = ("市民服務中心延長週末服務時間\n市民服務中心自下月起週六上午開放，提供證件補發、戶籍登記等常用業務，"
            "民眾可先上網預約以縮短等候時間。\n"
            "訂閱電子報\nhttps://example.org/subscribe\n下載新聞App 接收即時新聞通知\n")
    inside, _ = flagged(page(text))
    assert inside == {"訂閱電子報", "https://example.org/subscribe", "下載新聞App 接收即時新聞通知"}
    text = text.replace("https://example.org/subscribe", "預約方式請見服務中心公告，逾時請重新預約")
    assert "預約方式請見服務中心公告，逾時請重新預約" not in flagged(page(text))[0]


def test_bracketed_timestamp_is_chrome_unlike_a_bracketed_credit():
    text = ("週末看電影的小習慣\n(2025-03-10 11:09:00)\n"
            "每到週五晚上，我總會挑一部老電影來看，泡一壺茶，把一週的忙碌慢慢放下，這是最放鬆的時刻。\n")
    assert flagged(page(text))[0] == {"(2025-03-10 11:09:00)"}


def test_site_header_above_the_breadcrumb_is_chrome_but_a_title_above_metadata_is_not():
    text = ("中文版    俄文版\n某市图书馆\n首页 > 学术 > 学会通知\n关于举办古籍修复培训班的通知\n2024-03-01\n"
            "各会员单位：为提升古籍保护水平，本馆定于四月举办古籍修复培训班，现将有关事项通知如下。\n")
    inside, body = flagged(page(text))
    assert {"中文版    俄文版", "某市图书馆", "首页 > 学术 > 学会通知"} <= inside
    assert "关于举办古籍修复培训班的通知" in body
    text = ("区政府各部门积极参加清雪活动\n2010/1/6 16:43 来源：区政府办 分类：政府动态\n"
            "节后上班第一天，区政府系统各部门工作人员冒着严寒上街清扫积雪，保障群众出行安全。\n")
    assert "区政府各部门积极参加清雪活动" in flagged(page(text))[1]


@pytest.mark.parametrize("line, stamped", [
    ("小鱼 的评论 September 20th, 2005 at 9:15 am", True),
    ("Posted Sept. 3, 2019, 10:30", True),
    ("Mayor 12, 2005 10:30", False),    # a word that only starts like a month
    ("Decide 4, 2010 at 8:00", False),
])
def test_an_english_timestamp_needs_a_month_name(line, stamped):
    assert (chrome._TIMESTAMP.search(line) is not None) is stamped


@pytest.mark.parametrize("line, reply", [
    ("# re: 标题 2004-12-27 12:46 网名", True),
    ("RE: 回帖", True),
    ("more: 2004-12-27 12:46", False),  # re: inside a word
])
def test_re_colon_is_a_reply_word(line, reply):
    assert (chrome._REPLY_WORD.search(line) is not None) is reply
