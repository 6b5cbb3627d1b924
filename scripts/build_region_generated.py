#!/usr/bin/env python3
"""Write the region inference's generated held-out batch: documents built from templates written
for this batch alone (not from the inference's phrase lists), kept in the test split only.

Each document is about one unit drawn from the gazetteer (counties, prefectures, provinces, Hong
Kong districts, Macao, Taiwan's counties and cities; same-name districts such as 朝阳区 or 鼓楼区
on purpose) in one of several genres: a work report's opening, a news item on a meeting, a notice
with its signature, a page footer with an address, a speech naming the unit only by its short
name. Most documents also name other places in passing (a partner county, visiting investors, a
neighbouring province) and ordinary words that contain county names (调配资源力量, 县公安局,
新建基站, 生态兴县, 市委和县委). Some name no unit at all (label ``none``); some name only
their own same-name district and nothing that places it (the bench then counts them as naming no
determinable unit).

Writes ``<corpus>/generated.jsonl`` (id, label path or "none", genre, text). Deterministic
(fixed seed). Run:

    python scripts/build_region_generated.py [--corpus /work/corpora/region] [-n 140]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Callable

import opencc
from scrapegate.rules.region.gazetteer import gazetteer

SEED = 20261202
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国志强海峰立新晓红文静德明春华永平学军宏伟丽娟国庆玉兰小燕振东"
SPECIAL = ("810000", "820000", "710000")  # Hong Kong, Macao, Taiwan
ORDINARY = [
    "要统筹调配资源力量,确保各项任务落到实处。",
    "县公安局、县应急管理局等部门联合开展安全检查。",
    "今年新建5G基站120座,实现行政村全覆盖。",
    "坚持生态兴县、产业强县,走绿色发展之路。",
    "在市委和县委的坚强领导下,各项工作稳步推进。",
    "全力保障群众出行平安,确保节日期间安全稳定。",
    "大力弘扬合作精神,推动乡村振兴取得新成效。",
    "持续开展文明城市创建,城乡面貌焕然一新。",
]
PROJECTS = ["智能制造产业园", "冷链物流中心", "文旅综合体", "新能源电池项目", "现代农业示范区",
            "城市更新片区", "职业教育园区", "污水处理厂扩建工程"]
ROADS = ["人民路", "解放大道", "建设路", "文化路", "中山大道", "滨江路", "新华街", "府前路"]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def short_name(name: str) -> str:
    """The name without its level word (海淀区 -> 海淀), when that leaves two characters or more."""
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "省", "市", "区",
                   "县", "旗", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def level_char(name: str) -> str:
    """The level word a unit's name ends in (朝阳区 -> 区), 市 when none."""
    for ch in reversed(name):
        if ch in "区县市旗州盟":
            return ch
    return "市"


class UnitPool:
    """The gazetteer's units a generator draws from (counties, prefectures, provinces, same-name
    counties, Hong Kong, Macao and Taiwan), with its random draws; ``CUTS`` are the cumulative shares
    of same-name, special, county and prefecture draws (the rest are provinces)."""

    CUTS: tuple[float, float, float, float]

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.gaz = gazetteer()
        units = self.gaz.units
        self.counties = sorted(c for c, u in units.items() if u.level == 3)
        self.prefectures = sorted(c for c, u in units.items() if u.level == 2)
        self.provinces = sorted(c for c, u in units.items() if u.level == 1)
        names: dict[str, list[str]] = {}
        for c in self.counties:
            names.setdefault(units[c].name, []).append(c)
        self.same_name = sorted(c for cs in names.values() if len(cs) > 1 for c in cs)
        self.special = sorted(c for c in units if self.gaz.province(c).adcode in SPECIAL)
        self.s2t = opencc.OpenCC("s2t")

    def pick_unit(self) -> str:
        roll = self.rng.random()
        for cut, pool in zip(self.CUTS, (self.same_name, self.special, self.counties, self.prefectures)):
            if roll < cut:
                return self.rng.choice(pool)
        return self.rng.choice(self.provinces)

    def other_place(self, adcode: str) -> str:
        """A unit in another province, by its full name (a partner, a neighbour)."""
        own = self.gaz.province(adcode).adcode
        while True:
            code = self.rng.choice(self.counties + self.prefectures)
            if self.gaz.province(code).adcode != own:
                return code

    def path(self, adcode: str) -> str:
        """The label: the unit's name with its ancestors' (浙江省绍兴市越城区)."""
        return "".join(u.name for u in self.gaz.chain(adcode))

    def records(self, n: int, prefix: str, none_share: float, nothing: Callable[[], tuple[str, str]],
                document: Callable[[str], tuple[str, str, str]]) -> list[dict]:
        """``n`` records ``{id, label, genre, text}``: a ``none_share`` of documents naming no unit
        (``nothing()`` gives genre and text), the others ``document(unit)`` for a drawn unit (the
        unit it is about, which it may change, its genre and text)."""
        out = []
        for i in range(n):
            if self.rng.random() < none_share:
                genre, text = nothing()
                out.append({"id": f"{prefix}_{i:03d}", "label": "none", "genre": genre, "text": text})
                continue
            code, genre, text = document(self.pick_unit())
            out.append({"id": f"{prefix}_{i:03d}", "label": self.path(code), "genre": genre, "text": text})
        return out


class Batch(UnitPool):
    CUTS = (0.15, 0.27, 0.72, 0.9)

    def title_parent(self, unit, parent_in_title: bool) -> str:
        """The name of ``unit``'s parent when the title names it, else nothing."""
        return self.gaz.unit(unit.parent).name if parent_in_title and unit.parent else ""

    # -- genres ----------------------------------------------------------------------------------
    def report(self, adcode: str, parent_in_title: bool) -> str:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(adcode)
        lvl = level_char(unit.name)
        parent = self.title_parent(unit, parent_in_title)
        title = f"{parent}{unit.name}{rng.randint(2016, 2025)}年政府工作报告"
        other = gaz.unit(self.other_place(adcode)).name
        lines = [
            title,
            f"——{rng.randint(1, 12)}月{rng.randint(1, 28)}日在{unit.name}第{rng.choice('十二三四五六七八九')}届"
            f"人民代表大会第{rng.choice('一二三四五')}次会议上",
            f"{unit.name}人民政府{'' if lvl in '省市' else '代'}{lvl}长 {person(rng)}",
            "各位代表:",
            f"现在,我代表{lvl}人民政府向大会报告工作,请审议,并请政协委员提出意见。",
            f"过去一年,面对复杂形势,全{lvl}上下攻坚克难,经济运行稳中向好,地区生产总值增长"
            f"{rng.randint(3, 9)}.{rng.randint(0, 9)}%。",
            rng.choice(ORDINARY),
            f"我们与{other}深化对口协作,共建{rng.choice(PROJECTS)},引进项目{rng.randint(5, 40)}个。",
            f"{short_name(unit.name)}的发展离不开全{lvl}人民的共同奋斗。",
            rng.choice(ORDINARY),
        ]
        return "\n".join(lines)

    def news(self, adcode: str, parent_in_title: bool) -> str:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(adcode)
        lvl = level_char(unit.name)
        parent = self.title_parent(unit, parent_in_title)
        other = gaz.unit(self.other_place(adcode))
        visitors = gaz.province(other.adcode).name
        lines = [
            f"{parent}{unit.name}召开{rng.choice(['经济运行分析会', '项目建设推进会', '安全生产工作会', '民生实事调度会'])}",
            f"发布时间:{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 来源:融媒体中心",
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日,{unit.name}召开会议,研究部署下一阶段重点工作。"
            f"{lvl}委副书记、{lvl}长{person(rng)}出席并讲话。",
            f"会议指出,当前{short_name(unit.name)}正处于爬坡过坎的关键期,要咬定目标不放松。",
            rng.choice(ORDINARY),
            f"会上还通报了来自{visitors}的考察团洽谈情况,{other.name}客商有意投资{rng.choice(PROJECTS)}。",
            rng.choice(ORDINARY),
        ]
        return "\n".join(lines)

    def notice(self, adcode: str, parent_in_title: bool) -> str:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(adcode)
        lvl = level_char(unit.name)
        parent = self.title_parent(unit, parent_in_title)
        agency = rng.choice(["人民政府办公室", "发展和改革局", "应急管理局", "农业农村局", "教育局"])
        lines = [
            f"关于做好{rng.choice(['春季农业生产', '汛期安全防范', '冬季供暖保障', '秋季开学'])}工作的通知",
            f"各乡镇人民政府、街道办事处,{lvl}直各有关单位:",
            f"为切实做好相关工作,经{lvl}政府同意,现将有关事项通知如下。",
            rng.choice(ORDINARY),
            "一、提高思想认识。各单位要把此项工作摆上重要议事日程。",
            f"二、加强督促检查。{lvl}政府督查室将适时开展督查,结果纳入年度考核。",
            f"{parent}{unit.name}{agency}",
            f"{rng.randint(2018, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        ]
        return "\n".join(lines)

    def footer(self, adcode: str, parent_in_title: bool) -> str:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(adcode)
        other = gaz.unit(self.other_place(adcode)).name
        lines = [
            f"{rng.choice(['稳就业促增收', '优化营商环境', '推进河湖长制'])}工作取得阶段性成效",
            f"近日,记者从相关部门获悉,今年以来累计培训{rng.randint(200, 5000)}人次。",
            rng.choice(ORDINARY),
            f"下一步,将学习借鉴{other}的经验做法,持续巩固提升。",
            "主办单位:" + (self.path(adcode) if parent_in_title else unit.name) + "人民政府办公室",
            f"地址:{self.path(adcode)}{rng.choice(ROADS)}{rng.randint(1, 300)}号  "
            f"邮编:{rng.randint(100000, 860000)}",
        ]
        return "\n".join(lines)

    def speech(self, adcode: str, parent_in_title: bool) -> str:
        """Only the short name and self-references (在{短名}工作, 全区): the hardest shape."""
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(adcode)
        lvl = level_char(unit.name)
        short = short_name(unit.name)
        other = gaz.unit(self.other_place(adcode)).name
        lines = [
            f"在全{lvl}{rng.choice(['三级干部大会', '经济工作会议', '招商引资大会'])}上的讲话",
            "同志们:",
            f"今天召开这次会议,主要是总结去年工作,部署今年任务。去年{short}干部群众克难奋进,成绩来之不易。",
            rng.choice(ORDINARY),
            f"我们要主动对接{other},在产业协作上取得新突破。",
            f"各级各部门要拿出只争朝夕的劲头,为{short}高质量发展作出新贡献。",
        ]
        return "\n".join(lines)

    def nothing(self) -> str:
        rng = self.rng
        lines = [
            f"{rng.choice(['关于加强', '关于进一步做好', '关于规范'])}{rng.choice(['档案管理', '公文处理', '会议纪律'])}的意见",
            "各单位:",
            "为进一步提高工作效率,现提出如下意见。",
            rng.choice(ORDINARY),
            "一、严格执行请示报告制度。二、切实加强学习培训。三、强化监督检查。",
            "本意见自印发之日起施行。",
        ]
        return "\n".join(lines)

    def make(self, n: int) -> list[dict]:
        genres = [self.report, self.news, self.notice, self.footer, self.speech]

        def document(adcode: str) -> tuple[str, str, str]:
            genre = self.rng.choice(genres)
            text = genre(adcode, parent_in_title=self.rng.random() < 0.6)
            if self.gaz.province(adcode).adcode in SPECIAL and self.rng.random() < 0.7:
                text = self.s2t.convert(text)
            return adcode, genre.__name__, text + "\n"

        return self.records(n, "gen", 0.08, lambda: ("nothing", self.nothing() + "\n"), document)


def write_batch(doc: str, make: Callable[[int], list[dict]], default_n: int, filename: str) -> int:
    """The command line of this script and of the dev batches' (``doc``: the script's docstring):
    write ``make(n)`` to ``<corpus>/<filename>``, one JSON object a line."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("-n", type=int, default=default_n)
    args = parser.parse_args()
    rows = make(args.n)
    out = Path(args.corpus) / filename
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} generated documents -> {out}")
    return 0


def main() -> int:
    return write_batch(__doc__, Batch(SEED).make, 140, "generated.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
