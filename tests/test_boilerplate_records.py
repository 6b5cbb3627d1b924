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
