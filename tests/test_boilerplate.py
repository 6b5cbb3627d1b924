"""Boilerplate rules (BP001-BP004) and the shared chrome_blocks/body_lines analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from script_loader import load_script
from chrome_fixtures import SITES, STOCK_SENTENCES, make_batch, make_doc, write_clean, write_texts
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import all_rules
from scrapegate.rules import data
from scrapegate.rules.boilerplate.chrome import ChromeBlock, body_lines, chrome_blocks, phrase_fold
from scrapegate.rules.boilerplate.rules import RULES, ChromeOnlyPage, FooterChrome, HeaderChrome, InlineChrome

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_docs() -> list[Document]:
    return [Document.from_bytes(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]


def findings(doc: Document, ctx: BatchContext) -> list:
    return [f for rule in RULES for f in rule().check(doc, ctx)]


# ------------------------------------------------------------------------------------------- seeds

@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    return seed_docs()


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "alone"])
@pytest.mark.parametrize("index", [0, 2, 3])
def test_seed_chrome_at_both_ends(seeds, index, batch):
    doc = seed_docs()[index]
    ctx = BatchContext.build(seeds if batch else [doc])
    found = findings(doc, ctx)
    head = [f for f in found if f.code == "BP001"]
    tail = [f for f in found if f.code == "BP002"]
    assert len(head) == 1 and len(tail) == 1 and len(found) == 2
    assert doc.text[head[0].span.start:head[0].span.end] == "导航菜单"
    tail_text = doc.text[tail[0].span.start:tail[0].span.end]
    assert tail_text.startswith("本文仅代表作者观点") and tail_text.endswith("验证码:")
    assert doc.text[tail[0].span.end:].strip() == ""
    assert tail[0].severity is Severity.WARNING and tail[0].category == "boilerplate"
    assert {"disclaimer", "address", "comment"} <= set(tail[0].details["kinds"])


def test_seed_001_footer_is_one_block_to_the_end(seeds):
    doc = seeds[1]
    for ctx in (BatchContext.build(seeds), BatchContext.build([doc])):
        blocks = chrome_blocks(doc, ctx)
        assert len(blocks) == 1 and blocks[0].position == "tail"
        text = doc.text[blocks[0].span.start:blocks[0].span.end]
        assert text.startswith("本文仅代表作者观点") and text.endswith("网站地图")
        assert "pp电子娱乐" in text  # the injection sits in the footer; SP001 reports it separately


def test_seed_004_has_no_chrome_and_keeps_its_title(seeds):
    doc = seeds[4]
    for ctx in (BatchContext.build(seeds), BatchContext.build([doc])):
        assert chrome_blocks(doc, ctx) == []
        assert findings(doc, ctx) == []
        body = body_lines(doc, ctx)
        # The title block (a letter-spaced title, the session's date line, the speaker) and the
        # glossary notes at the end (``⑬五证同发:…``) look like chrome fields; they are the report.
        assert [line.text for line in body[:5]] == [
            "2023年十堰市张湾区政府工作报告—全文", "政 府 工 作 报 告",
            "——2022年12月27日在张湾区第十届人民代表大会第二次会议上", "张湾区人民政府区长 李如玖", "各位代表:"]
        assert [line.number for line in body[:5]] == [1, 2, 3, 4, 5]
        assert body[-1].number == 81 and body[-1].text.startswith("⑬五证同发:指同步发放《不动产权证书》")
        assert body[-2].text.startswith("⑫容缺办:也称容缺后补")


def test_seed_titles_and_salutations_stay_body(seeds):
    ctx = BatchContext.build(seeds)
    for doc in seeds:
        body = "\n".join(line.text for line in body_lines(doc, ctx))
        for line in doc.lines:
            if "人民政府工作报告" in line.text or line.text.strip().startswith("各位代表"):
                assert line.text in body


# --------------------------------------------------------------------------- generated site batches

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_sites_chrome_found_body_kept(seed, tmp_path):
    gdocs = make_batch(seed, per_site=4)
    docs = [Document.from_text(g.key, g.text) for g in gdocs]
    ctx = BatchContext.build(docs)
    # What --write-clean writes for the same batch (the real command path).
    kept = write_clean(write_texts(tmp_path / "in", gdocs), tmp_path / "clean")
    for g, doc in zip(gdocs, docs):
        chrome = {line.text.strip() for b in chrome_blocks(doc, ctx) for line in b.lines}
        body = {line.text.strip() for line in body_lines(doc, ctx)}
        assert {c.strip() for c in g.chrome_lines} <= chrome, g.key
        assert {b.strip() for b in g.body_texts} <= body, g.key
        for line in g.body_texts:
            assert line in kept[g.key]
        for line in g.chrome_lines:
            assert line not in kept[g.key]


def test_batch_of_one_uses_phrases_and_position():
    gdocs = make_batch(4, per_site=1)
    for g in gdocs:
        doc = Document.from_text(g.key, g.text)
        ctx = BatchContext.build([doc])
        chrome = {line.text.strip() for b in chrome_blocks(doc, ctx) for line in b.lines}
        body = {line.text.strip() for line in body_lines(doc, ctx)}
        assert {b.strip() for b in g.body_texts} <= body
        # Every phrase-marked chrome line is found without the batch; only the phrase-free slogan
        # of the county portal needs other pages of the site to be recognised as template.
        assert {c.strip() for c in g.chrome_lines} - chrome <= {"宜居宜业 活力新城"}


def test_phrase_free_template_line_needs_the_batch():
    gdocs = make_batch(5, per_site=4, sites=[SITES[0]])
    docs = [Document.from_text(g.key, g.text) for g in gdocs]
    batch_ctx = BatchContext.build(docs)
    doc = docs[0]
    footer_batch = [b for b in chrome_blocks(doc, batch_ctx) if b.position == "tail"]
    assert len(footer_batch) == 1 and "batch-template" in footer_batch[0].reasons
    assert "宜居宜业 活力新城" in doc.text[footer_batch[0].span.start:footer_batch[0].span.end]
    alone = Document.from_text(doc.key, doc.text)
    footer_alone = [b for b in chrome_blocks(alone, BatchContext.build([alone])) if b.position == "tail"]
    # Alone, nothing says the slogan is template: it is footer only as a short line between two
    # footer lines, and the block carries no batch-template signal.
    assert len(footer_alone) == 1 and "batch-template" not in footer_alone[0].reasons
    assert "宜居宜业 活力新城" in alone.text[footer_alone[0].span.start:footer_alone[0].span.end]


def test_one_finding_per_block_across_blank_lines():
    text = ("导航菜单\n\n当前位置:首页 > 工作报告\n\n\n某县人民政府工作报告\n"
            "  一年来,我们坚持稳中求进,全县地区生产总值增长百分之六,城乡居民收入稳步增长,民生持续改善。\n"
            "\n版权所有:某县人民政府\n\n网站地图 | 联系我们\n")
    doc = Document.from_text("blank.txt", text)
    found = findings(doc, BatchContext.build([doc]))
    assert [f.code for f in found] == ["BP001", "BP002"]
    assert doc.text[found[0].span.start:found[0].span.end] == "导航菜单\n\n当前位置:首页 > 工作报告"
    assert doc.text[found[1].span.start:found[1].span.end] == "版权所有:某县人民政府\n\n网站地图 | 联系我们"


# ------------------------------------------------------------------------ the stock-sentence trap

@pytest.mark.parametrize("option", [{}, {"stock_first": True}, {"stock_last": True}])
def test_shared_stock_sentences_are_body(option):
    """Many reports of one site repeat stock sentences verbatim, even at the body's edges: body."""
    gdocs = make_batch(11, per_site=6, sites=[SITES[1]], **option)
    docs = [Document.from_text(g.key, g.text) for g in gdocs]
    ctx = BatchContext.build(docs)
    for doc in docs:
        body = "\n".join(line.text for line in body_lines(doc, ctx))
        for finding in findings(doc, ctx):
            flagged = doc.text[finding.span.start:finding.span.end]
            assert not any(s in flagged for s in STOCK_SENTENCES), flagged
        for sentence in STOCK_SENTENCES:
            if sentence in doc.text:
                assert sentence in body


def test_recurring_headings_next_to_chrome_are_body():
    """各位代表: / 政 府 工 作 报 告 / 一、… recur in every report and may touch the site's header."""
    docs = []
    for i, place in enumerate(["甲县", "乙县", "丙县", "丁县"]):
        docs.append(Document.from_text(f"{i}.txt", (
            "导航菜单\n政 府 工 作 报 告\n各位代表:\n"
            f"  过去一年,{place}坚持稳中求进工作总基调,地区生产总值增长{5 + i}%,民生事业全面进步,群众获得感明显增强。\n"
            "一、2022年工作回顾\n"
            f"  {place}全年新增规上工业企业{20 + i}家,城乡居民人均可支配收入分别增长6%和7%,各项工作取得新成效。\n"
            "本文地址:/baogao/x.html\n")))
    ctx = BatchContext.build(docs)
    for doc in docs:
        body = [line.text for line in body_lines(doc, ctx)]
        assert body[:3] == ["政 府 工 作 报 告", "各位代表:",
                            doc.lines[3].text]
        assert "一、2022年工作回顾" in body
        assert [b.position for b in chrome_blocks(doc, ctx)] == ["head", "tail"]


# ------------------------------------------------------------------------------------ inline chrome

def test_inline_pagination_is_flagged_but_sentences_about_websites_are_not():
    text = ("某区人民政府工作报告\n"
            "  一年来,我们持续优化营商环境,完善政府网站地图和留言评论功能,网上办事满意率达到百分之九十九。\n"
            "上一页 1 2 3 下一页\n"
            "  今年,我们将坚持创新驱动发展,新建科技孵化器三个,引进高层次人才两百名,推动产业转型升级。\n"
            "(五)深化政务公开\n"
            "  全面推进政务公开标准化规范化建设,依法依规公开政府信息四千余条,回应社会关切。\n")
    doc = Document.from_text("inline.txt", text)
    found = findings(doc, BatchContext.build([doc]))
    assert [f.code for f in found] == ["BP003"]
    assert doc.text[found[0].span.start:found[0].span.end] == "上一页 1 2 3 下一页"


def test_english_chrome():
    text = ("Home > News > Reports\nSkip to main content\n"
            "Annual Work Report of the County Government\n"
            "  In the past year, the county government kept growth steady. Output rose by six percent; "
            "incomes grew faster than output.\n"
            "Copyright © 2023 example.org. All Rights Reserved.\nPrivacy Policy | Contact Us\n")
    doc = Document.from_text("en.txt", text)
    found = findings(doc, BatchContext.build([doc]))
    assert [f.code for f in found] == ["BP001", "BP002"]
    assert doc.text[found[0].span.start:found[0].span.end].endswith("Skip to main content")


# ------------------------------------------------------------------------------------------ BP004

def test_chrome_only_page_is_an_error():
    text = "导航菜单\n当前位置:首页 > 工作报告\n暂无内容\n版权所有:某县人民政府 ICP备000001号\n"
    doc = Document.from_text("empty.txt", text)
    found = [f for f in ChromeOnlyPage().check(doc, BatchContext.build([doc]))]
    assert len(found) == 1 and found[0].span is None and found[0].severity is Severity.ERROR


def test_report_with_chrome_is_not_chrome_only(seeds):
    ctx = BatchContext.build(seeds)
    assert all(list(ChromeOnlyPage().check(doc, ctx)) == [] for doc in seeds)


# ------------------------------------------------------------------------------------- interfaces

def test_public_api_and_registry():
    doc = Document.from_text("x.txt", "导航菜单\n正文第一句话很长很长很长,足以构成一行正文内容,不是网页的导航部分。\n")
    ctx = BatchContext.build([doc])
    blocks = chrome_blocks(doc, ctx)
    assert isinstance(blocks[0], ChromeBlock) and blocks[0].lines[0].number == 1
    assert [line.number for line in body_lines(doc, ctx)] == [2]
    codes = all_rules(include_plugins=False)
    for rule in (HeaderChrome, FooterChrome, InlineChrome, ChromeOnlyPage):
        assert codes[rule.code] is rule
        assert rule.summary() and "Example" in rule.documentation()


def test_every_generated_site_is_covered():
    rng_doc = make_doc("x.txt", __import__("random").Random(0), SITES[2])
    doc = Document.from_text("x.txt", rng_doc.text)
    found = findings(doc, BatchContext.build([doc]))
    assert {f.code for f in found} == {"BP001", "BP002"}


def test_a_page_on_one_line_is_not_chrome():
    """Text dumps often lose their line breaks: one phrase must not turn the whole report into chrome."""
    body = "".join(f"  第{i}段:我们坚持稳中求进工作总基调,全区地区生产总值增长百分之六,城乡居民收入稳步增长。"
                   for i in range(20))
    doc = Document.from_text("one.txt", "导航菜单 某区人民政府工作报告" + body
                             + "本文仅代表作者观点,不代表本站立场。本文地址:/a/1.html 验证码:")
    ctx = BatchContext.build([doc])
    assert chrome_blocks(doc, ctx) == [] and findings(doc, ctx) == []


def test_title_with_a_navigation_word_is_not_chrome():
    doc = Document.from_text("t.txt", (
        "导航菜单\n关于2022年度政务服务工作情况的报告\n来源:县政务服务中心\n"
        "  2022年,县政务服务中心坚持以人民为中心,深化放管服改革,全年办件量增长百分之十二,群众满意率持续提升。\n"))
    ctx = BatchContext.build([doc])
    assert [line.number for line in body_lines(doc, ctx)] == [2, 4]
    assert [f.code for f in findings(doc, ctx)] == ["BP001", "BP001"]


def test_recurring_heading_with_a_navigation_word_stays_body():
    docs = [Document.from_text(f"{i}.txt", (
        f"某{i}县人民政府工作报告\n  一年来,全县经济运行稳中向好,地区生产总值增长{i}%,民生事业全面进步,各项工作取得新成效。\n"
        "深化政务公开\n  全面推进政务公开标准化规范化建设,依法依规公开政府信息,回应社会关切,提升政府公信力。\n"))
        for i in range(4)]
    ctx = BatchContext.build(docs)
    assert all(chrome_blocks(doc, ctx) == [] for doc in docs)


def test_a_long_run_of_spaces_is_not_a_regex_trap():
    # A date-line pattern with optional groups between \s* once backtracked cubically here.
    doc = Document.from_text("a.txt", "导航菜单\n" + "\u3000" * 20000 + "x\n各位代表：\n正文一段。\n")
    blocks = chrome_blocks(doc, BatchContext.build([doc]))
    assert blocks and blocks[0].span.start == 0


def test_a_long_run_of_spaces_inside_a_line_is_not_a_regex_trap():
    """A date, a time or a menu separator before a long run of spaces (the timestamp, date-line and
    menu-separator patterns once tried every split of the run: 20,000 spaces cost ~40 CPU seconds)."""
    import time

    spaces = " " * 20000
    text = ("导航菜单\n各位代表：\n正文第一段写在这里，内容比较长。\n2024-03-18" + spaces + "x\n"
            "2024年3月8日" + spaces + "周一x\n首页 |" + spaces + "x\n其他热门新闻\n老城区三条小巷完成改造，居民出行更方便了!\n"
            "2024/03/18" + spaces + "12:30x\n")
    doc = Document.from_text("a.txt", text)
    started = time.process_time()
    findings(doc, BatchContext.build([doc]))
    assert time.process_time() - started < 5


def test_a_long_run_of_spaces_in_a_short_record_line_is_not_a_regex_trap():
    """A post's age, a post footer's counter, a reprint source, a list heading and a download label before a long run
    of spaces (each pattern once had two white-space runs side by side: 20,000 spaces cost 1-6 CPU seconds a line)."""
    import time

    spaces = " " * 20000
    lines = ["3天前", "小美 发表在 博客园 留言(", "转自", "最新新闻", "附件下载"]
    text = "导航菜单\n各位代表：\n正文第一段写在这里，内容比较长。\n" + "".join(t + spaces + "x\n" for t in lines)
    doc = Document.from_text("a.txt", text)
    started = time.process_time()
    findings(doc, BatchContext.build([doc]))
    assert time.process_time() - started < 5


@pytest.mark.parametrize("footer_above", [False, True], ids=["list-alone", "after-footer-line"])
def test_contact_list_of_the_document_stays_body(footer_above):
    """A disclosure guide ends with its office's contact list; 联系电话 is a chrome phrase, but between
    two ``label: value`` lines of the document it is one item of the list, also when a footer line
    (本文地址) starts the tail zone above it."""
    text = ("某区人民政府信息公开指南\n"
            "  一年来,我们坚持稳中求进工作总基调,全区地区生产总值增长百分之六,城乡居民收入稳步增长,民生持续改善。\n"
            + ("本文地址:/a/1.html\n" if footer_above else "")
            + "办公地址:某区人民路1号\n联系电话:0710-1234567\n电子邮件:zwgk@example.gov.cn\n")
    doc = Document.from_text("guide.txt", text)
    ctx = BatchContext.build([doc])
    tail = [doc.text[b.span.start:b.span.end] for b in chrome_blocks(doc, ctx) if b.position != "head"]
    assert tail == (["本文地址:/a/1.html"] if footer_above else [])
    body = [line.text for line in body_lines(doc, ctx)]
    assert body[-3:] == ["办公地址:某区人民路1号", "联系电话:0710-1234567", "电子邮件:zwgk@example.gov.cn"]
    assert [f.code for f in findings(doc, ctx) if f.code != "BP001"] == (["BP002"] if footer_above else [])


def test_site_footer_contact_line_is_still_chrome():
    """A contact line whose neighbours are chrome is the site's footer, not a list of the document."""
    text = ("某区人民政府工作报告\n"
            "  一年来,我们坚持稳中求进工作总基调,全区地区生产总值增长百分之六,城乡居民收入稳步增长,民生持续改善。\n"
            "版权所有:某区人民政府\n联系电话:0710-1234567\n网站地图 | 联系我们\n")
    doc = Document.from_text("footer.txt", text)
    blocks = chrome_blocks(doc, BatchContext.build([doc]))
    assert [doc.text[b.span.start:b.span.end] for b in blocks] == [
        "版权所有:某区人民政府\n联系电话:0710-1234567\n网站地图 | 联系我们"]


def _variants_script():
    return load_script("build_chrome_variants")


def test_regional_wordings_are_opencc_s_and_current():
    """The shipped regional wordings (列印 for 打印; 點選 for the shapes' 点击) are what the build script derives from
    OpenCC for the phrase list and the shapes' patterns as they stand, and its ``>>>`` examples hold."""
    import doctest

    script = _variants_script()
    result = doctest.testmod(script)
    assert result.attempted > 0 and result.failed == 0
    assert script.OUTPUT.read_text(encoding="utf-8") == script.variants_file()
    assert script.WORDS_OUTPUT.read_text(encoding="utf-8") == script.words_file()


def test_no_two_phrase_rows_match_the_same_text() -> None:
    """Rows are matched after folding to simplified: a second row with the same folded phrase
    (私隐政策 beside 私隱政策) is never matched, and its kind or weight is silently ignored."""
    seen: dict[str, str] = {}
    repeated = []
    for row in data.read_rows("boilerplate_phrases.tsv"):
        folded = phrase_fold(row[0].strip())
        if folded in seen:
            repeated.append((seen[folded], row[0]))
        seen[folded] = row[0]
    assert not repeated


def test_a_line_of_only_separators_is_no_credit() -> None:
    # every item empty after the split: the letter-spaced test must not read items[-1] of nothing
    from scrapegate.rules.boilerplate.chrome import _credit_line
    assert not _credit_line("(|)") and not _credit_line("( / )")
    assert _credit_line("叶 荔 摄") and not _credit_line("文 明 公 约")


def test_loose_edge_lines_counted_or_searched_alike(monkeypatch: pytest.MonkeyPatch):
    """The loose-line pass searches a few candidates' words in the text and counts every word once when there are
    many (chrome.LOOSE_SEARCH_LINES): both ways must take the same lines."""
    from scrapegate.rules.boilerplate import chrome

    links = [f"{a}{b}频道" for a in "东南西北中" for b in "春夏秋冬"]
    text = "\n".join(["晨光学习网", "社区图书馆延长周末开放时间", "发布时间:2024-05-02 浏览:35",
                      "社区图书馆自六月起将周六、周日的开放时间延长至晚上九点,方便上班族和学生利用假日阅读与自习。",
                      "馆方表示,延长开放期间将增加服务人力,并开放自修室线上预约。", *links, "手机版 电脑版"])

    def taken() -> list[str]:
        doc = Document.from_text("a.txt", text)
        return [line.text for b in chrome_blocks(doc, BatchContext.build([doc])) for line in b.lines]

    searched = taken()
    monkeypatch.setattr(chrome, "LOOSE_SEARCH_LINES", 0)
    assert taken() == searched
    assert "晨光学习网" in searched and set(links) <= set(searched)


@pytest.mark.parametrize("line, rest", [
    ("宋秉謙 2022/09/14 15:44", "宋秉謙"),            # a byline's name and the time
    ("2014年3月12日 星期三", "<weekday>"),           # a weekday is no word of its own: every post names one
    ("2019-09-08", None),                           # a bare date: a guestbook's entries are dated so
    ("2005-03-18 01:58:01", None),
    ("1968年4月28日 遷入現址並增設兒童閱覽室", None),  # a chronology's event: longer than a name
    ("2024年3月12日—4月12日 投稿", None),             # a range
    ("发布时间:2024-05-02", None),                   # a label (the phrase passes' line)
    ("本市推出三条夜间公交线路 2024-05-02", None),
    ("会议于2024年4月5日召开。", None),               # a sentence
    ("第二章 总则", None),                            # no date
])
def test_dateline_rest(line, rest):
    from scrapegate.rules.boilerplate.chrome import _dateline_rest
    assert _dateline_rest(line) == rest
