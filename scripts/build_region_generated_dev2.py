#!/usr/bin/env python3
"""Write a second generated batch for the region inference's dev split, in genres neither
``scripts/build_region_generated.py`` (the held-out batch, test split) nor
``scripts/build_region_generated_dev.py`` (the first tuning batch) uses.

Each document is about one unit drawn from the gazetteer, in one of these genres:

* a visit written by one side of a cooperation pair (东西部协作, 考察学习): the visitor's media
  reporting its delegation's trip, or the host's reporting a delegation received; the own side's
  officials by bare titles (区委书记, 副县长), the other side's by their unit's name, sometimes a
  source line (来源: X融媒体中心);
* a statistics bulletin: the unit's statistics bureau as issuer, 全县/全市 and one short-name
  mention in the body, visitors from another province;
* a newspaper item under the masthead of the parent city's (or the province's) daily, 本报讯,
  the county named once and then 该县;
* a recruitment notice with the issuing bureau's signature line and an address;
* a court's notice to a party living in another province;
* a tourism guide naming the unit by its short form only, with distances to other cities
  (Hong Kong, Macao and Taiwan units in traditional script);
* documents that name no unit, with everyday phrases containing short names of counties
  (金山银山, 平安夜, 长寿面, 新华书店 ...): label ``none``.

Writes ``<corpus>/generated_dev2.jsonl`` (id, label path or "none", genre, text). Deterministic
(fixed seed). Run:

    python scripts/build_region_generated_dev2.py [--corpus /work/corpora/region] [-n 200]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_region_generated import SPECIAL, UnitPool, level_char, short_name, write_batch  # noqa: E402
from build_region_generated_dev import person  # noqa: E402

from scrapegate.rules.region.gazetteer import ALIAS  # noqa: E402


SEED = 20261205  # distinct from the held-out batch's (build_region_generated.py: 20261202)
INDUSTRIES = ["中药材", "光伏组件", "预制菜", "纺织服装", "数字经济", "精品果蔬", "肉牛养殖"]
TOWNS = ["城关镇", "新华镇", "龙泉镇", "石门乡", "太平镇", "红星乡", "高桥镇", "清水镇"]
ORDINARY = [
    "牢固树立绿水青山就是金山银山的理念,生态环境持续改善。",
    "平安夜前后,各大商场客流明显增加,消防安全检查同步开展。",
    "社区为老人送上长寿面和生日蛋糕,现场气氛温馨。",
    "新华书店开展全民阅读活动,发放图书一千余册。",
    "向阳花开的季节,志愿者走进敬老院开展慰问演出。",
    "东风劲吹,春耕备耕工作全面展开。",
    "和平年代更要居安思危,国防教育进校园活动持续开展。",
    "白云深处有人家,乡村民宿接待游客人数再创新高。",
    "永和豆浆、庆丰包子等连锁门店延长营业时间。",
    "大家齐心协力,确保各项工作平稳有序、长治久安。",
    "持续推进城乡融合,让群众安居乐业、共享繁荣。",
]
SCENIC = ["古镇", "湿地公园", "森林公园", "古寺", "峡谷", "温泉", "草原", "老街"]
FOODS = ["羊肉粉", "米粉", "烧饼", "腊肉", "豆腐", "酸汤鱼", "手抓饭", "凉粉"]


def level_word(name: str) -> str:
    """The level word of a unit's own officials and bodies (县委, 市长, 省政府)."""
    return "省" if name.endswith("省") else level_char(name)


class Dev2Batch(UnitPool):
    CUTS = (0.12, 0.22, 0.8, 0.95)
    _aliases: dict[str, list[str]] | None = None

    def colloquial(self, name: str) -> str:
        """The short form people write: the gazetteer's shortest distinctive short form of the unit
        (松桃苗族自治县 -> 松桃, 黔东南苗族侗族自治州 -> 黔东南), else the name without its level
        word (海淀区 -> 海淀)."""
        if self._aliases is None:
            self._aliases = {}
            for surface, kinds in self.gaz._surfaces.items():
                for code, kind in kinds.items():
                    if kind == ALIAS and len(surface) >= 2 and not surface.isascii():
                        self._aliases.setdefault(self.gaz.unit(code).name, []).append(surface)
        return min(self._aliases.get(name, []), key=len, default=None) or short_name(name)

    def date(self) -> str:
        return f"{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"

    def parent(self, adcode: str):
        unit = self.gaz.unit(adcode)
        return self.gaz.unit(unit.parent) if unit.parent else None

    # -- genres ----------------------------------------------------------------------------------
    def visit(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home, partner = gaz.unit(code), gaz.unit(self.other_place(code))
        lv, pl = level_word(home.name), level_word(partner.name)
        own1, own2, their1, their2 = (person(rng) for _ in range(4))
        topic = rng.choice(["东西部协作", "对口协作", "考察学习", "产业合作"])
        if rng.random() < 0.5:   # the visitor's media: the own unit travels
            lines = [
                f"{home.name}党政代表团赴{self.colloquial(partner.name)}{rng.choice(['考察对接', '考察学习'])}{topic}工作",
                f"{self.date()},{lv}委书记{own1}率{home.name}党政代表团赴{partner.name}考察对接{topic}工作,"
                f"{lv}委常委、副{lv}长{own2}等参加。",
                f"{partner.name}委书记{their1},{pl}委副书记、{pl}长{their2}等陪同考察。",
                f"代表团一行先后考察了{self.colloquial(partner.name)}{rng.choice(INDUSTRIES)}产业园、"
                f"{rng.choice(TOWNS)}等地。",
                f"座谈会上,{their1}介绍了{self.colloquial(partner.name)}经济社会发展情况,"
                f"感谢{self.colloquial(home.name)}长期以来的支持。",
                f"{own1}表示,将进一步深化两地协作,推动{rng.choice(INDUSTRIES)}等领域合作走深走实。",
            ]
        else:                    # the host's media: the own unit receives
            lines = [
                f"{partner.name}考察团来{self.colloquial(home.name)}{rng.choice(['考察交流', '对接协作工作'])}",
                f"{self.date()},{partner.name}委副书记{their1}率考察团来我{lv}考察交流,"
                f"{lv}委书记{own1}、副{lv}长{own2}陪同。",
                f"考察团一行先后来到{rng.choice(TOWNS)}、{rng.choice(INDUSTRIES)}基地,详细了解我{lv}产业发展情况。",
                f"{their1}对{self.colloquial(home.name)}近年来取得的发展成绩给予充分肯定,希望两地加强交流。",
                f"{own1}对考察团一行的到来表示欢迎,希望双方在{rng.choice(INDUSTRIES)}等方面深化合作。",
            ]
        if rng.random() < 0.5:
            lines.append(f"(来源:{home.name}融媒体中心)")
        return lines

    def bulletin(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home = gaz.unit(code)
        lv = level_word(home.name)
        year = rng.randint(2019, 2024)
        visitor = gaz.province(self.other_place(code)).name
        return [
            f"{home.name}{year}年国民经济和社会发展统计公报",
            f"{home.name}统计局",
            f"{year + 1}年{self.date()}",
            f"{year}年,全{lv}上下在{lv}委、{lv}政府的坚强领导下,坚持稳中求进工作总基调,"
            f"推动{self.colloquial(home.name)}经济社会持续健康发展。",
            "一、综合",
            f"初步核算,全年全{lv}地区生产总值{rng.randint(50, 900)}.{rng.randint(1, 9)}亿元,"
            f"比上年增长{rng.randint(2, 9)}.{rng.randint(0, 9)}%。",
            "二、旅游",
            f"全年接待游客{rng.randint(100, 900)}万人次,其中{visitor}游客占{rng.randint(5, 30)}%。",
            rng.choice(ORDINARY),
        ]

    def masthead(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home = gaz.unit(code)
        above = self.parent(code)
        paper = (self.colloquial(above.name) if above else self.colloquial(home.name)) + "日报"
        kind = "该" + level_word(home.name)
        return [
            paper,
            f"{rng.randint(2018, 2024)}年{self.date()} 第{rng.randint(1, 8)}版",
            f"本报讯(记者 {person(rng)} 通讯员 {person(rng)})近日,{home.name}"
            f"{rng.choice(['举办首届农民丰收节', '启动城市更新行动', '召开优化营商环境大会'])}。",
            f"据了解,{kind}今年以来新增市场主体{rng.randint(500, 9000)}户,"
            f"{rng.choice(INDUSTRIES)}产业产值增长{rng.randint(5, 30)}%。",
            f"{kind}有关负责人表示,下一步将持续优化服务,{rng.choice(ORDINARY)}",
        ]

    def recruitment(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home = gaz.unit(code)
        bureau = rng.choice(["人力资源和社会保障局", "教育局", "卫生健康局"])
        school = gaz.province(self.other_place(code)).name
        return [
            f"{home.name}{rng.randint(2020, 2025)}年公开招聘{rng.choice(['中小学教师', '事业单位工作人员', '乡镇卫生院医生'])}公告",
            "根据《事业单位公开招聘人员暂行规定》,结合工作需要,现将有关事项公告如下:",
            f"一、招聘计划。本次共招聘{rng.randint(10, 200)}名,具体岗位见附件。",
            f"二、报名条件。户籍不限,{school}等外省高校毕业生均可报考。",
            f"三、报名地点:{home.name}{bureau}(地址:{self.colloquial(home.name)}{rng.choice(['人民路', '建设大道', '府前街'])}"
            f"{rng.randint(1, 300)}号)。",
            f"咨询电话:0{rng.randint(300, 999)}-{rng.randint(1000000, 9999999)}",
            f"{home.name}{bureau}",
            f"{rng.randint(2020, 2025)}年{self.date()}",
        ]

    def court(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home = gaz.unit(code)
        away = gaz.unit(self.other_place(code))
        defendant, plaintiff = person(rng), person(rng)
        return [
            f"{home.name}人民法院公告",
            f"({rng.randint(2019, 2024)})民初{rng.randint(100, 9999)}号",
            f"{defendant}:本院受理原告{plaintiff}诉你{rng.choice(['买卖合同', '民间借贷', '租赁合同'])}纠纷一案,"
            f"因你下落不明(原住{gaz.province(away.adcode).name}{away.name}),依法向你公告送达起诉状副本及开庭传票。",
            "自公告之日起经过三十日即视为送达。提出答辩状的期限为公告期满后十五日内。",
            f"本案定于{self.date()}上午九时在本院第{rng.choice('一二三四')}法庭公开开庭审理。",
            f"{home.name}人民法院",
        ]

    def tourism(self, code: str) -> list[str]:
        rng, gaz = self.rng, self.gaz
        home = gaz.unit(code)
        short = self.colloquial(home.name)
        far = gaz.unit(self.other_place(code)).name
        lines = [
            f"{short}旅游攻略",
            f"{short}山清水秀,{rng.choice(SCENIC)}和{rng.choice(SCENIC)}是游客必去的地方。",
            f"来{short}一定要尝尝当地的{rng.choice(FOODS)}和{rng.choice(FOODS)}。",
            f"交通:从{far}出发,乘高铁约{rng.randint(2, 9)}小时可到。",
            rng.choice(ORDINARY),
        ]
        if gaz.province(code).adcode in SPECIAL and rng.random() < 0.8:
            lines = [self.s2t.convert(line) for line in lines]
        return lines

    def nothing(self) -> list[str]:
        rng = self.rng
        return [
            f"关于开展{rng.choice(['冬季安全生产', '文明创建', '志愿服务'])}活动的通知",
            "各有关单位:",
            *rng.sample(ORDINARY, 4),
            "特此通知。",
        ]

    def make(self, n: int) -> list[dict]:
        genres = [self.visit, self.visit, self.bulletin, self.masthead, self.recruitment,
                  self.court, self.tourism]

        def document(code: str) -> tuple[str, str, str]:
            genre = (self.tourism if self.gaz.province(code).adcode in SPECIAL
                     else self.rng.choice(genres))
            return code, genre.__name__, "\n".join(genre(code)) + "\n"

        return self.records(n, "gdv2", 0.1, lambda: ("nothing", "\n".join(self.nothing()) + "\n"), document)


def main() -> int:
    return write_batch(__doc__, Dev2Batch(SEED).make, 200, "generated_dev2.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
