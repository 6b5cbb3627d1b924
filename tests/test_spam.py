"""Spam rules (SP001-SP006): injected runs located exactly, legitimate text left alone."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from chrome_fixtures import SITES, STOCK_SENTENCES, inject, make_batch, write_clean
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import all_rules
from scrapegate.rules.boilerplate.chrome import body_lines
from scrapegate.rules.spam import detector as spam
from scrapegate.rules.spam.detector import spam_hits
from scrapegate.rules.spam.rules import RULES, InjectedAdultTerm, InjectedContact, InjectedGamblingTerm, PinyinObfuscation, SpamPage, TemplateInsertion

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAD = "  一年来,我们坚持稳中求进工作总基调,全区地区生产总值增长百分之六,城乡居民收入稳步增长,民生持续改善。"


def seed_docs() -> list[Document]:
    return [Document.from_bytes(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]


def findings(doc: Document, ctx: BatchContext) -> list:
    return [f for rule in RULES for f in rule().check(doc, ctx)]


def flagged(doc: Document, ctx: BatchContext) -> list[tuple[str, str]]:
    return [(f.code, doc.text[f.span.start:f.span.end] if f.span else "") for f in findings(doc, ctx)]


def in_report(sentence: str) -> Document:
    return Document.from_text("s.txt", f"某区人民政府工作报告\n{PAD}\n  {sentence}\n{PAD}\n")


# ------------------------------------------------------------------------------------------- seeds

@pytest.mark.parametrize("batch", [True, False], ids=["batch", "alone"])
def test_seed_001_injection_exact_span(batch):
    seeds = seed_docs()
    doc = seeds[1]
    ctx = BatchContext.build(seeds if batch else [doc])
    found = findings(doc, ctx)
    assert len(found) == 1
    f = found[0]
    assert (f.code, f.name, f.category, f.severity) == ("SP001", "injected-gambling-term",
                                                        "spam", Severity.ERROR)
    assert doc.text[f.span.start:f.span.end] == "pp电子娱乐"
    assert "政府pp电子娱乐官网" in f.excerpt
    assert ("sibling-diff" in f.details["signals"]) is batch


def test_seeds_have_no_other_spam():
    """sk海力士, 5G, GDP, S446, 4A and the sites' own chrome are not spam."""
    seeds = seed_docs()
    ctx = BatchContext.build(seeds)
    assert [flagged(d, ctx) for d in seeds] == [[], [("SP001", "pp电子娱乐")], [], [], []]


def test_seed_001_sibling_diff_alone_isolates_an_unlisted_brand():
    seeds = seed_docs()
    seeds[1] = Document.from_text(seeds[1].key, seeds[1].text.replace("pp电子娱乐", "鸿运国际"))
    ctx = BatchContext.build(seeds)
    assert flagged(seeds[1], ctx) == [("SP004", "鸿运国际")]
    assert flagged(seeds[1], BatchContext.build([seeds[1]])) == []  # no siblings, no lexicon entry


# ------------------------------------------------------------------------------- generated batches

@pytest.mark.parametrize("site, line, anchor, brand", [
    (SITES[1], "声明:本文来源于网络", "仅供参考", "鸿运国际"),
    (SITES[1], "网友评论仅供其表达个人看法", "并不表明", "星辉娱乐汇"),
    (SITES[0], "网站标识码", "鄂ICP备", "zx尊享会"),
])
def test_unlisted_brand_in_one_sites_footer(site, line, anchor, brand):
    gdocs = make_batch(21, per_site=5, sites=[site])
    gdocs[2] = inject(gdocs[2], line, anchor, brand)
    docs = [Document.from_text(g.key, g.text) for g in gdocs]
    ctx = BatchContext.build(docs)
    for i, doc in enumerate(docs):
        found = flagged(doc, ctx)
        if i == 2:
            assert found in ([("SP004", brand)], [("SP001", brand)])
        else:
            assert found == []


def test_generated_batches_are_clean():
    for seed in (31, 32):
        gdocs = make_batch(seed, per_site=4)
        docs = [Document.from_text(g.key, g.text) for g in gdocs]
        ctx = BatchContext.build(docs)
        assert all(findings(d, ctx) == [] for d in docs)


def test_wording_variation_of_a_shared_body_sentence_is_not_an_insertion():
    """Reports repeat stock sentences; one that adds a word (贯彻[落实]) is wording, not spam."""
    gdocs = make_batch(41, per_site=5, sites=[SITES[1]])
    base = STOCK_SENTENCES[3]
    varied = base.replace("推动经济实现", "推动全区经济实现")
    docs = []
    for i, g in enumerate(gdocs):
        body = g.body_texts[3]
        line = "  " + (varied if i == 0 else base)
        docs.append(Document.from_text(g.key, g.text.replace(body, body + "\n" + line, 1)))
    ctx = BatchContext.build(docs)
    assert findings(docs[0], ctx) == []


def test_chrome_that_varies_by_page_is_not_an_insertion():
    """Breadcrumbs grow, source names lengthen, URLs differ: natural variation of chrome lines."""
    docs = []
    for i in range(4):
        crumb = "当前位置:首页 > 政务公开 > 规划计划" + (" > 政府工作报告" if i == 0 else "")
        source = "发布时间:2023-02-01 来源:县人民政府办公室" + ("综合科" if i == 0 else "")
        address = f"本文地址:http://www.example.com/baogao/{'huazhongxi' if i == 0 else 'huazhong'}/{i}.html"
        docs.append(Document.from_text(f"{i}.txt", (
            f"{crumb}\n某县人民政府工作报告\n{source}\n{PAD}{i}\n{address}\n")))
    ctx = BatchContext.build(docs)
    assert findings(docs[0], ctx) == []


# ----------------------------------------------------------------------------- legitimate sentences

# Each sentence holds a lexicon term (彩票平台, 彩票开户, 娱乐平台, 娱乐城, 电子游艺) that only
# the collocation(s) named with it make legitimate: without them the same sentence is flagged.
@pytest.mark.parametrize("sentence, collocations", [
    ("争取体育彩票公益金两千万元,加强福利彩票平台建设,规范体育彩票开户网点管理。", ["福利彩票", "体育彩票"]),
    ("大力发展文化娱乐产业,搭建公共文化娱乐平台,繁荣夜间经济。", ["文化娱乐"]),
    ("电子商务交易额增长百分之二十,打造区域消费娱乐城市。", ["娱乐城市"]),
    ("加强未成年人网络保护,发展电子竞技产业,建设社区文体娱乐平台。", ["文体娱乐"]),
    ("深化粤港澳大湾区合作,支持澳门特别行政区建设世界旅游休闲中心,发展休闲娱乐平台。", ["休闲娱乐"]),
    ("开展网吧、游艺场所安全检查,规范电子游艺经营秩序。", ["电子游艺经营"]),
])
def test_collocations_make_a_term_legitimate(sentence, collocations, monkeypatch):
    doc = in_report(sentence)
    assert findings(doc, BatchContext.build([doc])) == []
    for colloc in collocations:
        lex = spam.lexicon()
        monkeypatch.setattr(spam, "lexicon", lambda lex=lex, c=colloc: dataclasses.replace(
            lex, collocations=tuple(x for x in lex.collocations if x != c)))
        bare = in_report(sentence)
        assert [code for code, _ in flagged(bare, BatchContext.build([bare]))] == ["SP001"], colloc
        monkeypatch.undo()


@pytest.mark.parametrize("sentence", [
    "严厉打击跨境赌博和网络博彩平台,破获网络赌博案件十二起。",
    "常态化开展扫黄打非,清理色情网站和有害信息一千余条。",
    "推动sk海力士七期、华虹二期、村田三工厂等项目建设。",
    "LG电子、TCL电子等企业追加投资,5G网络实现全覆盖,PM2.5浓度持续下降。",
    "持续开展“六合彩”等非法彩票专项整治,取缔赌博窝点五个。",
    "依法严厉打击“ag真人”“pp电子”等境外赌博平台招赌吸赌活动。",
    "登录湖北政务服务网(zwfw.hubei.gov.cn)即可办理,政务服务APP下载量突破十万。",
    "阳光太阳城小区等老旧小区改造全面完成,新建社区活动中心配置棋牌室。",
    "规范KTV等娱乐场所管理,S446西叶路二期开工建设,创建4A级景区。",
    "全年举办马拉松等体育赛事二十场,体育产业增加值增长百分之八,REITs试点落地。",
    "新增体育彩票网上投注终端,建设儿童娱乐场地十处。",
])
def test_legitimate_sentences_are_not_spam(sentence):
    doc = in_report(sentence)
    assert findings(doc, BatchContext.build([doc])) == []


def test_regulators_notice_on_gambling_law_is_not_spam():
    notice = (
        "关于依法严厉打击跨境赌博违法犯罪活动的通告\n"
        "  为维护社会治安秩序,根据《中华人民共和国刑法》《中华人民共和国治安管理处罚法》等规定,现就有关事项通告如下。\n"
        "  一、严禁组织、招揽中国公民赴境外赌博,严禁为境外赌场、网络博彩平台提供资金结算、技术支持和推广服务。\n"
        "  二、境外博彩公司通过网络博彩平台、真人视讯等方式招揽参赌的,公安机关将依法查处。\n"
        "  三、澳门特别行政区依法实施的幸运博彩业监管,以其法律为准;内地居民不得参与网络赌博。\n"
        "  四、鼓励群众举报涉赌违法犯罪线索,对举报有功人员给予奖励。\n")
    doc = Document.from_text("notice.txt", notice)
    assert findings(doc, BatchContext.build([doc])) == []


# --------------------------------------------------------------------------------- positive cases

@pytest.mark.parametrize("sentence, code, span", [
    # The whole injected clause, not only the lexicon term inside it.
    ("全年新增就业岗位三千个,百家乐在线开户,城镇登记失业率控制在百分之三以内。", "SP001", "百家乐在线开户"),
    ("推动产业升级ky棋牌,新增规上企业二十家。", "SP001", "ky棋牌"),
    ("建成im体育官网一批数字化车间。", "SP001", "im体育"),
    # A whole inserted clause (a casino's welcome) is the run, not only its brand.
    ("澳门葡京娱乐欢迎您,推进城乡融合发展。", "SP001", "澳门葡京娱乐欢迎您"),
    ("全面落实真人视讯惠企政策,减税降费三亿元。", "SP001", "真人视讯"),
    ("新建771万平方米教育医疗项目,金沙娱乐城金乡县群众满意度持续提升。", "SP001", "金沙娱乐城"),
    ("推进城市更新午夜福利行动,改造老旧小区两千户。", "SP002", "午夜福利"),
    ("推进乡村振兴888bet.com战略实施。", "SP003", "888bet.com"),
    ("全年接待游客QQ:12345678万人次。", "SP003", "QQ:12345678"),
    ("提升政务服务效率微信号:abc12345,办件量增长百分之十。", "SP003", "微信号:abc12345"),
])
def test_injected_terms(sentence, code, span):
    doc = in_report(sentence)
    assert flagged(doc, BatchContext.build([doc])) == [(code, span)]


@pytest.mark.parametrize("sentence, span", [
    # The same brand-token test for a Latin run before product words and before a lexicon match:
    # a token glued to a URL query or an e-mail address is not a brand.
    ("查询链接page?tag=ky棋牌,推进城乡融合。", None),
    # Glued into host text, the e-mail's pp is no brand: the lexicon term alone.
    ("推进城乡融合联系邮箱service@pp真人视讯新增规上企业二十家。", "真人视讯"),
    ("推进城乡融合,kyqp真人视讯,新增规上企业二十家。", "kyqp真人视讯"),
])
def test_brand_token_is_never_part_of_an_address(sentence, span):
    doc = in_report(sentence)
    assert flagged(doc, BatchContext.build([doc])) == ([("SP001", span)] if span else [])


def test_site_contact_in_chrome_is_not_an_injection():
    doc = Document.from_text("c.txt", (
        f"某区人民政府工作报告\n{PAD}\n联系我们 网址:www.example.com QQ:12345678\n版权所有:某区人民政府\n"))
    ctx = BatchContext.build([doc])
    assert [f for f in InjectedContact().check(doc, ctx)] == []


# ---------------------------------------------------------------------------- page-level findings

def test_pinyin_obfuscation():
    text = ("某區政府工作報告\n  推動經(jīng)濟(jì)高質(zhì)量發(fā)展,"
            "堅(jiān)持穩中求進工作總基調,全區地區生產總值增長百分之六。\n")
    doc = Document.from_text("p.txt", text)
    found = list(PinyinObfuscation().check(doc, BatchContext.build([doc])))
    assert len(found) == 1 and found[0].span is None and found[0].details["annotations"] == 5


def test_parenthesised_latin_is_not_pinyin():
    doc = in_report("推进地区生产总值(gdp)和居民消费价格指数(cpi)统计,发展人工智能(ai)、物联网(iot)、大数据(bd)。")
    assert list(PinyinObfuscation().check(doc, BatchContext.build([doc]))) == []


def test_spam_page():
    text = ("pp电子娱乐官网注册送彩金\n真人视讯百家乐在线开户\n加微信abc12345领取首存送\n"
            "ky棋牌官网下载\n")
    doc = Document.from_text("spam.txt", text)
    ctx = BatchContext.build([doc])
    page = list(SpamPage().check(doc, ctx))
    assert len(page) == 1 and page[0].span is None
    # Four spam lines in a row are one injected run (a link list), reported with one span.
    runs = list(InjectedGamblingTerm().check(doc, ctx))
    assert [(f.span.start, f.span.end) for f in runs] == [(0, len(text) - 1)]


def test_one_injection_does_not_make_a_spam_page():
    doc = seed_docs()[1]
    assert list(SpamPage().check(doc, BatchContext.build([doc]))) == []


# ------------------------------------------------------------------------------------ cleaned text

def test_write_clean_removes_chrome_and_injection_only(tmp_path):
    """What ``scrapegate check --write-clean`` writes for the seeds: chrome and the injected run go,
    the report stays."""
    doc = seed_docs()[1]
    text = write_clean(SEEDS, tmp_path / "clean")[doc.key]
    assert "pp电子娱乐" not in text and "验证码" not in text and "不代表本站立场" not in text
    assert text.startswith("六是自身建设在担当作为中得到新淬炼")
    assert "sk海力士七期" in text
    assert "政府官网" not in text  # the footer around the injection goes with it, not just the run
    body = "".join(line.text for line in body_lines(doc, BatchContext.build(seed_docs())))
    assert text.replace("\n", "").replace(" ", "") == body.replace(" ", "")


def test_hits_are_memoised_and_rules_are_registered():
    doc = in_report("百家乐在线开户。")
    ctx = BatchContext.build([doc])
    assert spam_hits(doc, ctx) is spam_hits(doc, ctx)
    codes = all_rules(include_plugins=False)
    for rule in (InjectedGamblingTerm, InjectedAdultTerm, InjectedContact, TemplateInsertion,
                 PinyinObfuscation, SpamPage):
        assert codes[rule.code] is rule and "Example" in rule.documentation()


def test_write_clean_removes_exactly_the_grown_runs(tmp_path):
    """--write-clean removes the whole injected runs (a clause, a title line, a run with its
    address) and nothing of the host sentences around them."""
    host = ["某县人民政府工作报告", "  全年地区生产总值增长百分之六,{},城乡居民收入稳步提高。",
            "  今年要持续深化改革,推动产业转型升级。"]
    runs = ["真人百家樂線上開戶送彩金", "葡京娱乐www.pj8899.com"]
    title = "一区二区三区 | 午夜福利视频 | 无码专区 | 成人视频在线观看"
    text = title + "\n" + "\n".join(host).format(runs[0]) + "\n" + host[1].format(runs[1]) + "\n"
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.txt").write_text(text, encoding="utf-8")
    cleaned = write_clean(inputs, tmp_path / "clean")["page.txt"]
    for run in runs + [title]:
        assert run not in cleaned
    assert "全年地区生产总值增长百分之六,,城乡居民收入稳步提高。" in cleaned
    assert "今年要持续深化改革,推动产业转型升级。" in cleaned


def test_a_personal_account_is_writing_about_the_topic():
    from scrapegate.rules.spam import register
    # Our own text: the topic on several lines, no reporting cue, the author speaking as 我.
    blog = ("周末我去买了六合彩。\n开奖那天我守在电视前,彩票店老板说彩民很多。\n"
            "这次又没中,下期我还会买彩票。\n我们几个同事也常聊头奖。")
    assert register.first_person(blog) == register.FIRST_PERSON_MIN
    assert register.about_document(blog)
    # One 我 fewer: an ordinary page that mentions the topic is not an account of it.
    fewer = blog.replace("下期我还会", "下期还会")
    assert register.first_person(fewer) == register.FIRST_PERSON_MIN - 1
    assert not register.about_document(fewer)


def test_a_guess_cut_to_one_character_is_no_injected_run():
    # A programme table: the scorer guesses at a Latin title padded with spaces (as an HTML page's
    # cells read once their markup is blanked); the extent model cuts one guess to a single letter.
    rows = ["某电视台节目表", "2001年12月13日", "    KBS2    ", "      Happy Together      ", "    E06    ",
            "主持人与嘉宾一起谈天说地,节目播出后反响很好。", "2002年1月3日", "    SBS    ",
            "      Happy Together      ", "    E12    "]
    doc = Document.from_text("programmes.txt", "\n".join(rows) + "\n")
    spans = [doc.text[h.span.start:h.span.end] for h in spam_hits(doc, BatchContext.build([doc]))]
    assert all(sum(c.isalnum() for c in s) >= spam.MIN_GUESS_CHARS for s in spans), spans


# ------------------------------------------------------------------------- recurrence of a found run

def test_a_found_brand_is_reported_wherever_else_it_stands():
    """A hacked page substitutes its brand for a name every time the name occurs: the other
    occurrences of a found run are runs too, except inside a longer Latin token or in an
    enforcement sentence (legitimate wording, as for the lexicon)."""
    from scrapegate.checks.findings import Span
    from scrapegate.rules.spam.detector import SpamHit, _recurrences

    text = ("自三月开赛以来,金冠贵宾会赞助的高校联赛吸引了两百所高校参与。\n"
            "学院与金冠贵宾会合作办学。\n"
            "公安机关依法查处金冠贵宾会等赌博网站。\n")
    doc = Document.from_text("p.txt", text)
    start = text.index("金冠贵宾会")
    hit = SpamHit("gambling", Span(start, start + 5), "金冠贵宾会", ("glued-run",), 1, probability=0.97)
    found = _recurrences(doc, [hit])
    second = text.index("金冠贵宾会", start + 1)
    assert [(h.span.start, h.span.end) for h in found] == [(start, start + 5), (second, second + 5)]
    assert found[1].signals == ("glued-run", "recurrence")
    # A listed term's other occurrences are the lexicon's to find (its exemptions decide), not this.
    listed = SpamHit("gambling", Span(start, start + 5), "金冠贵宾会", ("lexicon",), 1)
    assert _recurrences(doc, [listed]) == [listed]


def test_a_two_character_run_recurs_only_where_the_page_writes_it_three_times():
    """A substituted two-character name (a brand that is also a word) is reported at its other
    places when the page writes it at least three times; written twice, only the found one stands."""
    from scrapegate.checks.findings import Span
    from scrapegate.rules.spam.detector import SpamHit, _recurrences

    text = "董事长欢迎客人到金冠考察,介绍了金冠的发展方向。\n客人感谢金冠的热情接待。\n"
    start = text.index("金冠", 10)
    hit = SpamHit("gambling", Span(start, start + 2), "金冠", ("glued-run",), 1, probability=0.96)
    found = _recurrences(Document.from_text("p.txt", text), [hit])
    assert [text[h.span.start:h.span.end] for h in found] == ["金冠"] * 3
    twice = text.split("\n")[0] + "\n"
    assert _recurrences(Document.from_text("p.txt", twice), [hit]) == [hit]


def test_a_short_guess_over_part_of_a_found_brand_gives_way_to_its_exact_text():
    """Where a scorer's short guess covers part of another occurrence of a found run (电子与[brand]),
    the found run's exact text replaces it; a guess over a whole line stays a run of its own."""
    from scrapegate.checks.findings import Span
    from scrapegate.rules.spam.detector import SpamHit, _recurrences

    text = "金冠贵宾会在线官网首届运动会开幕。\n电子与金冠贵宾会在线官网获得第二名。\n"
    doc = Document.from_text("p.txt", text)
    found = SpamHit("gambling", Span(0, 9), "金冠贵宾会在线官网", ("learned",), 1, probability=0.99)
    second = text.index("金冠贵宾会", 5)
    guess = SpamHit("gambling", Span(second - 3, second + 5), None, ("learned", "whole-clause"), 2,
                    probability=0.99)
    out = _recurrences(doc, [found, guess])
    assert [(h.span.start, h.span.end) for h in out] == [(0, 9), (second, second + 9)]


def test_hits_that_touch_are_one_run():
    """Two hits with no character between them (a brand written twice back to back) are one run."""
    from scrapegate.checks.findings import Span
    from scrapegate.rules.spam.detector import SpamHit, _refined

    text = "来源:金冠贵宾会金冠贵宾会\n学院召开教学工作会议。\n"
    doc = Document.from_text("p.txt", text)
    a = text.index("金冠贵宾会")
    hits = [SpamHit("gambling", Span(a, a + 5), "金冠贵宾会", ("institution-slot",), 1, probability=0.9),
            SpamHit("gambling", Span(a + 5, a + 10), "金冠贵宾会", ("institution-slot",), 1, probability=0.8)]
    out = _refined(doc, hits)
    assert [(h.span.start, h.span.end, h.probability) for h in out] == [(a, a + 10, 0.9)]


def test_a_run_written_thousands_of_times_grows_at_the_cost_of_a_sort():
    """repeated_extent compares each occurrence with its neighbours in sorted order, not with every
    other occurrence (1,500 occurrences once cost ~10 CPU seconds: every pair is 1.1 million)."""
    import time

    from scrapegate.rules.spam.brand_family import repeated_extent

    text = "".join(f"第{i}次会议在金沙9001cc以诚为本首页{'礼堂中心会场'[i % 3 * 2:i % 3 * 2 + 2]}召开。"
                   for i in range(1500))
    spans = []
    at = text.find("本首页")
    while at >= 0:
        spans.append((at, at + 3))
        at = text.find("本首页", at + 1)
    started = time.process_time()
    grown = repeated_extent(text, spans)
    assert time.process_time() - started < 3
    # the whole string every occurrence shares (金沙 goes with the host's 在, ordinary words)
    assert {text[s:e] for s, e in grown} == {text[s:e] for s, e in repeated_extent(text, spans[:2])} == {"9001cc以诚为本首页"}


@pytest.mark.parametrize("piece, reverse, cut", [
    ("中国特色社会主义", False, 0),     # the host's words from the first character
    ("博中国特色", False, 1),           # 博中 is no word: 中 starts the host's stretch
    ("娱乐中国特色", False, 2),         # an offer word is the brand's
    ("博中国", False, 3),               # too short a stretch to be the host's
    ("色特国中博", True, 0),            # left growth read outwards
])
def test_host_cut_stops_before_the_first_stretch_of_ordinary_host_words(piece, reverse, cut):
    from scrapegate.rules.spam.brand_family import _host_cut
    assert _host_cut(piece, reverse=reverse) == cut


def test_a_guess_repeating_the_hosts_words_around_a_brand_stays_whole():
    """review10 item 1: the string a scorer's guess holds twice is split out only when it reads as spam
    itself; the host's words repeated around a brand (南校区党委书记) keep the guess whole, and a part
    before the first occurrence or after the last that reads as spam is kept as a run of its own."""
    text = "永利集团官网娱乐平台南校区党委书记会见来宾并讲话南校区党委书记致辞"
    hit = spam.SpamHit("gambling", spam.Span(0, len(text)), "x", ("learned",), 1, probability=0.99)
    doc = Document.from_text("p.txt", text)
    assert [text[h.span.start:h.span.end] for h in spam._split_repeats(doc, [hit])] == [text]
    text = "永利集团官网娱乐平台dd体育官网入口在南校区举行比赛dd体育官网入口"
    hit = spam.SpamHit("gambling", spam.Span(0, len(text)), "x", ("learned",), 1, probability=0.99)
    doc = Document.from_text("p.txt", text)
    assert [text[h.span.start:h.span.end] for h in spam._split_repeats(doc, [hit])] == [
        "永利集团官网娱乐平台", "dd体育官网入口", "dd体育官网入口"]
    for space in " \u3000\xa0":  # a full-width or no-break space between two brands is no part of either
        text = f"永利集团官网娱乐平台{space}dd体育官网入口在南校区举行比赛dd体育官网入口"
        hit = spam.SpamHit("gambling", spam.Span(0, len(text)), "x", ("learned",), 1, probability=0.99)
        doc = Document.from_text("p.txt", text)
        assert [text[h.span.start:h.span.end] for h in spam._split_repeats(doc, [hit])] == [
            "永利集团官网娱乐平台", "dd体育官网入口", "dd体育官网入口"]
