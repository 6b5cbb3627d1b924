#!/usr/bin/env python3
"""Write a generated batch for the region inference's dev split: documents built from templates
written for tuning (other genres and phrasings than the held-out batch of
``scripts/build_region_generated.py``, which stays in the test split and is never tuned on).

Each document is about one unit drawn from the gazetteer (counties, prefectures, provinces,
same-name districts, Hong Kong districts, Macao, Taiwan's counties and cities) in one of these
genres: an annual report on government information disclosure, a county profile naming its
neighbours, a people's congress bulletin, a work report's middle section without a heading, a
promotion event the unit holds in another city, a traditional-script notice of a Hong Kong,
Macao or Taiwan body, and remarks that name the unit by its short form only. Some documents name
no unit at all but use everyday words that are also short names of counties (平安, 合作, 前进,
东风, 新建, 振兴, 城区 ...): their label is ``none``.

Writes ``<corpus>/generated_dev.jsonl`` (id, label path or "none", genre, text). Deterministic
(fixed seed). Run:

    python scripts/build_region_generated_dev.py [--corpus /work/corpora/region] [-n 160]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_region_generated import SPECIAL, UnitPool, level_char, short_name, write_batch  # noqa: E402

SEED = 20261203
FAMILY = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章"
GIVEN = "志刚红梅卫国秀英建华丽萍海燕俊杰明辉淑珍晓东雪梅春生桂兰"
EVERYDAY = [
    "今年全市新建和改扩建学校6所,新增学位4800个。",
    "深入推进平安建设,群众安全感满意度达到98.6%。",
    "加强与高校的合作,共建产学研基地3个。",
    "在新征程上奋勇前进,以实干实绩践行初心使命。",
    "借助乡村振兴的东风,特色产业发展势头良好。",
    "老城区改造有序推进,完成背街小巷整治42条。",
    "坚持同心同德、团结奋斗,凝聚干事创业强大合力。",
    "全力维护社会和平稳定,扎实做好信访维稳工作。",
    "开展富民增收行动,农村居民人均可支配收入增长7.1%。",
    "统筹安排各类资源,确保重点项目要素保障到位。",
]
INDUSTRIES = ["装备制造", "绿色食品", "文化旅游", "电子信息", "生物医药", "新型建材", "现代物流"]


def person(rng: random.Random) -> str:
    return rng.choice(FAMILY) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


class DevBatch(UnitPool):
    CUTS = (0.15, 0.25, 0.75, 0.92)

    def siblings(self, adcode: str, n: int) -> list[str]:
        unit = self.gaz.unit(adcode)
        same = sorted(c for c, u in self.gaz.units.items()
                      if u.parent == unit.parent and c != adcode and u.level == unit.level)
        return self.rng.sample(same, min(n, len(same)))

    def parent_name(self, adcode: str) -> str:
        parent = self.gaz.unit(adcode).parent
        return self.gaz.unit(parent).name if parent else ""

    # -- genres ----------------------------------------------------------------------------------
    def disclosure(self, code: str) -> list[str]:
        rng, unit = self.rng, self.gaz.unit(code)
        year = rng.randint(2017, 2024)
        return [
            f"{unit.name}人民政府{year}年政府信息公开工作年度报告",
            f"本报告根据《中华人民共和国政府信息公开条例》编制,由{unit.name}人民政府办公室负责解释。",
            f"一、总体情况。{year}年,在{self.parent_name(code) or '上级'}党委政府的正确领导下,"
            f"全{level_char(unit.name)}政务公开工作取得新进展。",
            f"全年主动公开政府信息{rng.randint(800, 6000)}条,受理依申请公开{rng.randint(5, 90)}件。",
            rng.choice(EVERYDAY),
            "二、存在的主要问题及改进情况。部分单位信息更新不够及时,下一步将加强培训指导。",
        ]

    def profile(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(code)
        around = [gaz.unit(c).name for c in self.siblings(code, 2)]
        province = gaz.province(code).name
        capital = gaz.unit(self.other_place(code)).name
        where = (f"地处{province}{self.parent_name(code)}{rng.choice('东南西北')}部"
                 if unit.level == 3 and self.parent_name(code) != province else f"位于{province}")
        lines = [f"{short_name(unit.name)}概况", f"{unit.name}{where},总面积{rng.randint(300, 9000)}平方公里。"]
        if around:
            lines.append(f"东与{around[0]}接壤" + (f",西与{around[-1]}相邻。" if len(around) > 1 else "。"))
        lines += [
            f"距{capital}约{rng.randint(80, 900)}公里,交通便捷。",
            f"全{level_char(unit.name)}户籍人口{rng.randint(8, 120)}万人,主导产业为"
            f"{rng.choice(INDUSTRIES)}和{rng.choice(INDUSTRIES)}。",
            rng.choice(EVERYDAY),
        ]
        return lines

    def congress(self, code: str) -> list[str]:
        rng, unit = self.rng, self.gaz.unit(code)
        lvl = level_char(unit.name)
        term = rng.choice("十二三四五六七八九")
        return [
            f"{unit.name}第{term}届人民代表大会第{rng.choice('一二三四五')}次会议胜利闭幕",
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日上午,为期三天的大会圆满完成各项议程。",
            f"会议审议批准了政府工作报告和计划、预算报告,选举{person(rng)}为{unit.name}人民政府{lvl}长。",
            f"大会号召,全{lvl}广大干部群众要更加紧密地团结起来,奋力开创{short_name(unit.name)}发展新局面。",
            rng.choice(EVERYDAY),
        ]

    def middle(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(code)
        lvl = level_char(unit.name)
        partner = gaz.unit(self.other_place(code)).name
        return [
            "三、扎实做好今年重点工作",
            f"(一)聚力产业升级。围绕{rng.choice(INDUSTRIES)}产业链,全年招引亿元以上项目{rng.randint(10, 60)}个。",
            rng.choice(EVERYDAY),
            f"(二)深化区域合作。主动融入区域发展大局,与{partner}签订战略合作协议,共建产业园区。",
            f"(三)增进民生福祉。办好{rng.randint(10, 20)}件民生实事,让全{lvl}群众共享发展成果。",
            f"我们要坚定信心、真抓实干,推动{short_name(unit.name)}经济社会高质量发展迈出新步伐!",
        ]

    def promotion(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(code)
        host = gaz.unit(self.other_place(code)).name
        return [
            f"{unit.name}{rng.choice(['文旅', '招商', '农产品'])}推介会在{host}举行",
            f"近日,{unit.name}在{host}举办专场推介活动,现场签约项目{rng.randint(3, 20)}个,"
            f"总金额{rng.randint(10, 200)}亿元。",
            f"推介会上,{unit.name}人民政府负责同志介绍了当地的资源禀赋和营商环境。",
            f"{host}有关部门负责人和企业代表{rng.randint(80, 400)}余人参加活动。",
            rng.choice(EVERYDAY),
        ]

    def remarks(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(code)
        short = short_name(unit.name)
        partner = gaz.unit(self.other_place(code)).name
        return [
            f"在{rng.choice(['优化营商环境', '项目建设', '乡村振兴'])}推进会上的讲话",
            "同志们:",
            f"这次会议很重要。过去一年,{short}人民团结一心,交出了一份合格答卷。",
            rng.choice(EVERYDAY),
            f"今年我们还要加强与{partner}的协作,学习先进经验。",
            f"让我们撸起袖子加油干,共同建设更加美好的{short}!",
        ]

    def special_notice(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        unit = gaz.unit(code)
        province = gaz.province(code).adcode
        if province == "810000":
            body = [f"{unit.name}民政事务处公布社区活动安排",
                    f"{unit.name}区议会本月召开会议,讨论{rng.choice(['交通改善', '长者服务', '社区卫生'])}事宜。",
                    "有关详情可向民政事务处查询。"]
        elif province == "820000":
            body = ["澳门特别行政区政府公布新一轮惠民措施",
                    "特区政府表示,将继续支援中小企业,推动经济适度多元发展。",
                    "社会文化司司长出席记者会并回答提问。"]
        else:
            body = [f"{unit.name}政府推动地方创生计划",
                    f"{unit.name}议会日前审议通过相关预算,支持{rng.choice(['观光', '农业', '长照'])}发展。",
                    "县府表示,将持续改善在地就业环境。"]
        return [self.s2t.convert(line) for line in body] if rng.random() < 0.8 else body

    def everyday(self) -> list[str]:
        rng = self.rng
        return [
            f"关于做好{rng.choice(['年度考核', '安全生产', '防汛备汛'])}工作的通知",
            "各科室、各直属单位:",
            *rng.sample(EVERYDAY, 3),
            "请各单位于月底前报送工作总结。",
        ]

    def make(self, n: int) -> list[dict]:
        genres = [self.disclosure, self.profile, self.congress, self.middle, self.promotion,
                  self.remarks]

        def document(code: str) -> tuple[str, str, str]:
            if self.gaz.province(code).adcode in SPECIAL:
                genre = self.special_notice
                if self.gaz.province(code).adcode == "820000":
                    code = "820000"
            else:
                genre = self.rng.choice(genres)
            return code, genre.__name__, "\n".join(genre(code)) + "\n"

        return self.records(n, "gdev", 0.1, lambda: ("everyday", "\n".join(self.everyday()) + "\n"), document)


def main() -> int:
    return write_batch(__doc__, DevBatch(SEED).make, 160, "generated_dev.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
