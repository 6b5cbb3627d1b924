#!/usr/bin/env python3
"""Write a third generated batch for the region inference's dev split: the classes the second
batch (``scripts/build_region_generated_dev2.py``) found, in phrasings written apart from it, to
check that what was fixed on that batch is the class and not its wording.

* a visit in other words: a delegation 一行 arriving (莅临, 到…交流) or led (带队) by an official
  named by unit and title, the host's officials by bare title (陪同), agreements signed by both;
  or the visitor's report of its own trip (带领…赴…学习考察) with the host introduced;
* county news that speaks by level (我县, 县长, 副县长) and names its unit once, by its full or
  short name, sometimes beside a model it learns from or a partner named in passing;
* slogans naming the unit by its short name (品质X, 幸福X, 打造X样板) in a body with bare levels;
* Hong Kong, Macao and Taiwan news naming the unit by its full and short name, mostly in
  traditional script;
* documents that name no unit: label ``none``.

Writes ``<corpus>/generated_dev3.jsonl`` (id, label path or "none", genre, text). Deterministic.

    python scripts/build_region_generated_dev3.py [--corpus /work/corpora/region] [-n 120]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_region_generated import SPECIAL, write_batch  # noqa: E402
from build_region_generated_dev import person  # noqa: E402
from build_region_generated_dev2 import ORDINARY, Dev2Batch, level_word  # noqa: E402

SEED = 20261204
WORK = ["乡村振兴", "产业协作", "劳务协作", "文旅合作", "消费帮扶", "园区共建"]
PLACES = ["产业园", "移民安置点", "特色小镇", "现代农业园", "职业技术学校", "电商中心"]


class Dev3Batch(Dev2Batch):
    CUTS = (0.08, 0.18, 0.8, 0.95)  # a tenth special regions (the dev split had few)

    def other(self, code: str):
        return self.gaz.unit(self.other_place(code))

    # -- genres ----------------------------------------------------------------------------------
    def visit_other_words(self, code: str) -> list[str]:
        rng = self.rng
        home, guest = self.gaz.unit(code), self.other(code)
        lv, gl = level_word(home.name), level_word(guest.name)
        a, b, c = person(rng), person(rng), person(rng)
        work = rng.choice(WORK)
        if rng.random() < 0.5:   # the host writes: the guest is introduced
            return [
                f"{self.colloquial(guest.name)}客人来{self.colloquial(home.name)}洽谈{work}",
                f"{self.date()}至{rng.randint(1, 28)}日,{guest.name}{gl}委常委、常务副{gl}长{a}一行莅临"
                f"{self.colloquial(home.name)},就{work}进行对接交流。{lv}委副书记、{lv}长{b},副{lv}长{c}陪同。",
                f"{a}一行实地察看了{rng.choice(PLACES)}和{rng.choice(PLACES)}。",
                f"在随后召开的座谈会上,双方签署了{work}框架协议。{b}表示,将与{self.colloquial(guest.name)}"
                f"携手推动{work}取得更大成效。",
            ]
        return [                  # the visitor writes its own trip: the host is introduced
            f"我{lv}代表团赴{self.colloquial(guest.name)}学习考察",
            f"{self.date()},{lv}委书记{a}带领{lv}党政代表团赴{guest.name}学习考察{work}工作。",
            f"{guest.name}委副书记、{gl}长{b}介绍了当地{work}的做法。",
            f"代表团一行先后走进{rng.choice(PLACES)}、{rng.choice(PLACES)},详细了解{self.colloquial(guest.name)}的经验。",
            f"{a}指出,要把学到的经验运用到{self.colloquial(home.name)}的实际工作中,推动{work}再上新台阶。",
        ]

    def level_news(self, code: str) -> list[str]:
        rng = self.rng
        home = self.gaz.unit(code)
        lv = level_word(home.name)
        model = self.other(code)
        name = home.name if rng.random() < 0.5 else self.colloquial(home.name)
        lines = [
            f"{lv}长{person(rng)}调研{rng.choice(WORK)}工作",
            f"{self.date()},{lv}长{person(rng)}深入{rng.choice(['城关镇', '龙泉镇', '新华街道'])}调研,"
            f"副{lv}长{person(rng)}陪同。",
            f"近年来,{name}坚持把{rng.choice(WORK)}作为重点工作来抓,取得明显成效。",
        ]
        if rng.random() < 0.5:
            lines.append(f"会议要求,要认真借鉴{model.name}的先进经验,补齐短板弱项。")
        lines.append(rng.choice(ORDINARY))
        return lines

    def slogan(self, code: str) -> list[str]:
        rng = self.rng
        home = self.gaz.unit(code)
        lv = level_word(home.name)
        short = self.colloquial(home.name)
        word = rng.choice(["品质", "幸福", "美丽", "活力", "数字"])
        return [
            f"奋力建设{word}{short}",
            f"今年以来,我{lv}围绕建设{word}{short}的目标,扎实推进各项工作。",
            f"{lv}委、{lv}政府把{rng.choice(WORK)}作为头号工程,全{lv}上下形成合力。",
            rng.choice(ORDINARY),
        ]

    def special_news(self, code: str) -> list[str]:
        """Hong Kong or Macao (特区政府, 行政长官), a district of Hong Kong (区议会, 民政事务专员) or
        Taiwan, a county or city of it (县长, 市长) reporting its own affairs, naming itself once by
        its full name and once by its short form."""
        rng = self.rng
        home = self.gaz.unit(code)
        short = self.colloquial(home.name)
        if home.level == 1 and home.adcode != "710000":
            head = f"行政长官{person(rng)}"
            body = f"{short}特区政府今日公布施政报告,{head}表示,将加快推动{rng.choice(WORK)}。"
        elif self.gaz.province(code).adcode == "710000":
            lv = level_word(home.name)
            head = f"{lv}长{person(rng)}"
            body = f"{home.name}政府今日召开记者会,{head}表示,将加快推动{rng.choice(WORK)}。"
        else:
            head = f"{home.name}民政事务专员{person(rng)}"
            body = f"{home.name}区议会今日召开会议,{head}介绍了{rng.choice(WORK)}的进展。"
        return [
            f"{short}{rng.choice(PLACES)}启用",
            f"{self.date()},{body}",
            f"新落成的{rng.choice(PLACES)}位于{short}北部,预计每年服务居民逾万人次。",
            rng.choice(ORDINARY),
        ]

    def nothing3(self) -> list[str]:
        rng = self.rng
        return [
            "县委理论学习中心组召开专题学习会",
            f"{self.date()},县委理论学习中心组召开专题学习会,县委书记{person(rng)}主持并讲话。",
            "会议强调,要学深悟透、融会贯通,把学习成果转化为推动高质量发展的实际成效。",
            *rng.sample(ORDINARY, 2),
        ]

    def make(self, n: int) -> list[dict]:
        genres = [self.visit_other_words, self.visit_other_words, self.level_news, self.slogan]

        def document(code: str) -> tuple[str, str, str]:
            if self.gaz.province(code).adcode in SPECIAL:
                # Hong Kong, Macao and Taiwan news mostly in traditional script
                text = "\n".join(self.special_news(code)) + "\n"
                return code, "special_news", self.s2t.convert(text) if self.rng.random() < 0.7 else text
            if self.gaz.unit(code).level == 1:
                code = self.rng.choice(self.counties)
            genre = self.rng.choice(genres)
            return code, genre.__name__, "\n".join(genre(code)) + "\n"

        return self.records(n, "gdv3", 0.12, lambda: ("nothing", "\n".join(self.nothing3()) + "\n"), document)


def main() -> int:
    return write_batch(__doc__, Dev3Batch(SEED).make, 120, "generated_dev3.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
