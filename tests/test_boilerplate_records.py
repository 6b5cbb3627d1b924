"""Feeds of repeated records (rules/boilerplate/records.py): the period and the guards, on own-written lines."""

from __future__ import annotations

from scrapegate.rules.boilerplate import records

_TEXT = [
    "社区菜园开张 居民共享收获",
    "本报讯 城东街道的社区菜园本周正式开张,二十多户居民认领了自己的小块菜地,种上了番茄、辣椒和青菜。",
    "街道工作人员介绍,菜园由一块闲置空地改造而成,浇水用的是收集的雨水,肥料来自居民分类出来的厨余垃圾。",
]
_FEED = [
    "老城区公交线路下月起调整 部分站点迁移", "晚报快讯", "12",
    "夏季用电高峰将至 电网公司提醒错峰用电", "城市频道", "7",
    "图书馆推出夜间自习室 每晚开放到十点", "文化观察", "25",
]


def test_feed_after_the_text_is_found_with_its_period() -> None:
    texts = _TEXT + _FEED
    assert records.periodic_runs(texts, 0, len(texts)) == [(3, 12, 3)]
    assert records.feed_lines(texts, 1, 2) == list(range(3, 12))


def test_feed_followed_by_a_paragraph_is_not_at_the_edge() -> None:
    texts = _TEXT + _FEED + ["认领菜地的王阿姨说,每天下楼照看一下菜苗,既活动了身体,又认识了不少邻居,比在家看电视有意思多了。"]
    assert records.feed_lines(texts, 1, len(texts) - 1) == []


def test_two_records_are_no_feed() -> None:
    texts = _TEXT + _FEED[:6]
    assert records.feed_lines(texts, 1, 2) == []


def test_a_flattened_table_is_no_feed() -> None:
    rows = ["一月", "销售额", "120", "二月", "销售额", "135", "三月", "销售额", "150"]
    assert records.feed_lines(_TEXT + rows, 1, 2) == []


def test_the_documents_own_numbered_list_is_kept() -> None:
    items = ["1、社区菜园认领菜地", "2、浇水用的是收集的雨水", "3、肥料来自居民分类的厨余垃圾"]
    assert records.feed_lines(_TEXT + items, 1, 2) == []
    other = ["1、老城区公交线路下月起调整", "2、夏季用电高峰将至提醒错峰", "3、图书馆推出夜间自习室服务"]
    assert records.feed_lines(_TEXT + other, 1, 2) == [3, 4, 5]


def test_references_and_sections_are_kept() -> None:
    refs = ["[1]", "王明. 城市社区菜园的管理与实践研究[J]. 城市规划, 2020.",
            "[2]", "李华. 厨余垃圾堆肥技术在社区中的应用[J]. 环境科学, 2021.",
            "[3]", "张强. 雨水收集系统设计与城市绿地建设[J]. 给水排水, 2019."]
    assert records.feed_lines(_TEXT + refs, 1, 2) == []


def test_before_the_text_a_short_line_is_no_marker() -> None:
    menu = ["要闻", "老城区公交线路下月起调整部分站点迁移", "财经", "夏季用电高峰将至电网公司提醒错峰用电",
            "文化", "图书馆推出夜间自习室每晚开放到十点", "社区", "城东社区菜园开张居民共享收获"]
    texts = menu + _TEXT[1:]
    assert records.feed_lines(texts, 8, 9) == []
    timed = ["老城区公交线路下月起调整部分站点迁移", "2024-05-12 09:30", "夏季用电高峰将至电网公司提醒错峰用电",
             "2024-05-12 08:15", "图书馆推出夜间自习室每晚开放到十点", "2024-05-11 17:40"]
    assert records.feed_lines(timed + _TEXT, 7, 8) == list(range(6))


_COMMENTS = [
    "绿手指阿强 [本地手机网友] 2024-05-12 20:33:49", "菜苗长得真快", "+1 顶 35", "| 回复",
    "晚风里的猫 [外地网友] 2024-05-13 09:21:25", "我们小区也想要一块!", "+1 顶 12", "| 回复",
    "周末去爬山 [本地网友] 2024-05-13 10:02:11", "雨水浇菜这个办法挺好的.", "+1 顶 9", "| 回复",
]


def test_a_comment_feed_whose_comments_vary_in_shape() -> None:
    # The comments read as a word, an exclamation and a sentence: their places in the record, not their classes.
    texts = _TEXT + _COMMENTS
    assert records.feed_lines(texts, 1, 2) == list(range(3, 15))


def test_a_loose_run_begins_at_its_records_fixed_place() -> None:
    # Read as any text, the text's last two sentences match the comment and the action line of a record.
    texts = _TEXT + ["菜园的水由志愿者轮流负责。", "欢迎居民报名。"] + _COMMENTS
    assert records.periodic_runs(texts, 0, len(texts)) == [(5, 17, 4)]


def test_after_the_text_a_feeds_last_record_may_be_cut_short() -> None:
    texts = _TEXT + _FEED + ["社区运动会下周开幕 报名通道已开启", "晚报快讯"]
    assert records.feed_lines(texts, 1, 2) == list(range(3, 14))


def test_a_lines_content_count_is_exact_up_to_its_bound() -> None:
    # records._content stops counting past its bound: exact at or below it, above it otherwise, as count_chars
    from scrapegate.checks.textnorm import count_chars
    for text in [*_TEXT, *_FEED, "", "—— · ——", "第 五 章 附則", "a_b c-d 12:30 ,,, 顶 3"]:
        for pos in range(min(len(text), 4)):
            exact = count_chars(records._CONTENT_RUN, text, pos)
            for bound in range(exact + 2):
                got = records._content(text, bound, pos)
                assert got == exact if exact <= bound else got > bound, (text, pos, bound, got, exact)


def _plain_repeats(classes: list[str], lo: int, hi: int) -> list[tuple[bool, int, int, int]]:
    """records._repeats as a scan of each period line by line (what it computes, without the XOR of bytes)."""
    out = []
    for marked in (False, True):
        keys = [("text" if c in ("head", "prose") or (marked and c == "short") else c) for c in classes]
        for period in range(2 if marked else 1, records.MAX_PERIOD + 1):
            i = lo + period
            while i < hi:
                if keys[i] != keys[i - period]:
                    i += 1
                    continue
                j = i
                while j < hi and keys[j] == keys[j - period]:
                    j += 1
                if j - (i - period) >= records.MIN_RECORDS * period:
                    out.append((marked, i - period, j, period))
                i = j + 1
    return out


def test_the_repeats_of_every_period_are_those_of_a_line_by_line_scan() -> None:
    import random

    rng = random.Random(15)
    kinds = ["time", "count", "ordinal", "item", "short", "empty", "head", "prose", ""]
    for _ in range(3000):
        period = rng.randint(1, 9)
        alphabet = rng.sample(kinds, rng.randint(1, 4))
        record = [rng.choice(alphabet) for _ in range(period)]
        classes = [record[i % period] if rng.random() < 0.85 else rng.choice(alphabet) for i in range(rng.randint(0, 70))]
        lo = rng.randint(0, len(classes)) if rng.random() < 0.5 else 0
        hi = rng.randint(lo, len(classes)) if rng.random() < 0.5 else len(classes)
        assert list(records._repeats(classes, lo, hi)) == _plain_repeats(classes, lo, hi), (classes, lo, hi)


def test_a_lines_class_is_the_same_with_its_count_given() -> None:
    for text in [*_TEXT, *_FEED, *_COMMENTS, "", "  ", "1、老城区公交线路下月起调整", "第 五 章 附則", "[3]", "· 首页"]:
        assert records.line_class(text, records._content(text, records.CONTENT_CAP)) == records.line_class(text)


def test_times_and_counts_in_any_script_of_digits() -> None:
    # line_class looks for a time or a count only on a line holding a digit: full-width and Arabic-Indic digits are digits
    got = [records.line_class(t) for t in ["１２:３０", "阅读 ١٢٣", "+1 顶 35", "2024年5月1日 星期三", "3天前", "顶 / 踩 / 回复"]]
    assert got == ["time", "count", "count", "time", "time", "short"]
