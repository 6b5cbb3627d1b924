"""Generators of synthetic scraped reports: several sites' chrome around generated report bodies.

Every generated document knows which of its lines are chrome and which are the report's own text
(``GeneratedDoc.chrome_lines`` / ``body_texts``), so tests compare detection with the generator's
ground truth instead of hard-coded offsets. Used by tests/test_boilerplate.py, tests/test_spam.py and
bench/bench_boilerplate_spam.py. :func:`write_clean` gives the texts ``--write-clean`` writes, through
the real command path (scrapegate.checks.api.check_paths).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

PROVINCES = {
    "湖北省": ["宜昌市猇亭区", "十堰市张湾区", "襄阳市樊城区", "黄冈市浠水县"],
    "山东省": ["济宁市金乡县", "潍坊市寿光市", "临沂市兰山区", "德州市齐河县"],
    "浙江省": ["宁波市镇海区", "温州市龙港市", "湖州市安吉县", "台州市路桥区"],
    "四川省": ["成都市郫都区", "绵阳市涪城区", "宜宾市翠屏区", "南充市顺庆区"],
    "广西壮族自治区": ["南宁市青秀区", "柳州市鱼峰区", "桂林市临桂区", "玉林市北流市"],
}

# Sentences that many reports repeat word for word: body text, never template.
STOCK_SENTENCES = [
    "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神,完整、准确、全面贯彻新发展理念。",
    "深刻领悟“两个确立”的决定性意义,增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "始终坚持以人民为中心的发展思想,不断增强人民群众的获得感、幸福感、安全感。",
    "坚持稳中求进工作总基调,更好统筹发展和安全,推动经济实现质的有效提升和量的合理增长。",
    "让我们更加紧密地团结在以习近平同志为核心的党中央周围,踔厉奋发、勇毅前行,为全面建设社会主义现代化国家而不懈奋斗!",
]

_OPENERS = ["一年来,我们", "过去一年,全区上下", "我们坚持", "全年", "着力", "扎实推进", "持续深化", "聚焦"]
_TOPICS = ["产业转型升级", "乡村振兴", "城市更新", "营商环境优化", "生态环境保护", "科技创新", "民生保障",
           "项目建设", "招商引资", "数字经济", "教育医疗", "安全生产", "基层治理", "对外开放", "文化旅游"]
_VERBS = ["完成", "新增", "建成", "改造", "引进", "实施", "培育", "新建"]
_UNITS = ["个", "家", "公里", "亿元", "万平方米", "所", "项"]
_TAILS = ["取得明显成效", "实现新突破", "迈上新台阶", "走在全市前列", "获评省级示范", "群众满意度持续提升"]
_HEADINGS = ["一、{y}年工作回顾", "二、{n}年工作安排", "三、全面加强政府自身建设"]
_SUBHEADINGS = ["(一)聚焦产业强区,构建现代产业体系", "(二)深化改革开放,激发市场主体活力",
                "(三)推进城乡融合,建设宜居宜业家园", "(四)增进民生福祉,提升群众生活品质"]


@dataclass(frozen=True)
class Site:
    """A website's template: lines before the report and after it. ``{...}`` fields vary per page."""

    name: str
    header: tuple[str, ...]
    meta: tuple[str, ...]
    footer: tuple[str, ...]


SITES = [
    Site(
        name="county-portal",
        header=("首页 | 政务公开 | 新闻中心 | 办事服务 | 互动交流",
                "您现在的位置:首页 > 政府信息公开 > 规划计划"),
        meta=("发布时间:2023-02-{day:02d} 来源:{place}人民政府办公室 浏览次数:{views}",
              "【字体:大 中 小】【打印本页】【关闭窗口】"),
        footer=("相关阅读",
                "主办单位:{place}人民政府办公室 承办单位:{place}大数据中心",
                "宜居宜业 活力新城",
                "网站标识码:42050{code}0012 鄂ICP备12345678号-1 鄂公网安备 42050002000123号",
                "扫一扫在手机打开当前页"),
    ),
    Site(
        name="report-aggregator",
        header=("网站导航:首页 报告 公报 规划 计划",),
        meta=(),
        footer=("声明:本文来源于网络,仅供参考,不代表本网观点。如有侵权,请联系我们删除。转载请注明出处。",
                "上一篇:{place}2022年政府工作报告",
                "下一篇:{place}国民经济和社会发展统计公报",
                "发表评论",
                "网友评论仅供其表达个人看法,并不表明本站同意其观点或证实其描述。",
                "验证码: 看不清?换一张"),
    ),
    Site(
        name="english-cms",
        header=("Home > Government Reports > 2023", "Skip to main content"),
        meta=("Published: 2023-01-{day:02d} | Views: {views}",),
        footer=("Related Articles",
                "Copyright © 2023 reports.example.org All Rights Reserved",
                "Powered by ExampleCMS | Privacy Policy | Contact Us"),
    ),
]


@dataclass
class GeneratedDoc:
    key: str
    text: str
    site: str
    chrome_lines: list[str] = field(default_factory=list)
    body_texts: list[str] = field(default_factory=list)
    injected: str | None = None


def _paragraph(rng: random.Random, place: str) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        parts.append(f"{rng.choice(_OPENERS)}{rng.choice(_TOPICS)},{rng.choice(_VERBS)}"
                     f"{rng.randint(2, 980)}{rng.choice(_UNITS)}{rng.choice(_TOPICS)}项目,"
                     f"{place.split('市')[-1]}{rng.choice(_TAILS)}")
    return "  " + ";".join(parts) + "。"


def report_body(rng: random.Random, province: str, place: str, stock: bool = True,
                stock_first: bool = False, stock_last: bool = False) -> list[str]:
    """A report's own lines: title, salutation, headings, paragraphs, stock sentences, closing."""
    year = 2022
    lines = [f"({province}){place}人民政府工作报告(2023年1月{rng.randint(3, 28)}日)", "各位代表:"]
    if stock_first:
        lines = ["  " + STOCK_SENTENCES[0]]
    lines.append("  现在,我代表区人民政府向大会报告工作,请予审议,并请各位政协委员和其他列席人员提出意见。")
    for heading in _HEADINGS:
        lines.append("  " + heading.format(y=year, n=year + 1))
        for sub in rng.sample(_SUBHEADINGS, 2):
            lines.append("  " + sub)
            for _ in range(rng.randint(1, 3)):
                lines.append(_paragraph(rng, place))
            if stock and rng.random() < 0.7:
                lines.append("  " + rng.choice(STOCK_SENTENCES[:4]))
    lines.append("  各位代表,新征程催人奋进,新使命重任在肩。" + STOCK_SENTENCES[4])
    if stock_last:
        lines.append("  " + STOCK_SENTENCES[3])
    return lines


def _fill(template: str, rng: random.Random, place: str) -> str:
    return template.format(place=place, day=rng.randint(1, 28), views=rng.randint(10, 99999),
                           code=rng.randint(0, 9))


def make_doc(key: str, rng: random.Random, site: Site, *, province: str | None = None,
             place: str | None = None, **body_options) -> GeneratedDoc:
    """One scraped page: the site's header, the report (title first), meta lines, body, footer."""
    province = province or rng.choice(list(PROVINCES))
    place = place or rng.choice(PROVINCES[province])
    body = report_body(rng, province, place, **body_options)
    header = [_fill(t, rng, place) for t in site.header]
    meta = [_fill(t, rng, place) for t in site.meta]
    footer = [_fill(t, rng, place) for t in site.footer]
    lines = header + body[:1] + meta + body[1:] + footer
    blank = rng.random() < 0.5
    text = ("\n\n" if blank else "\n").join(lines) + "\n"
    return GeneratedDoc(key, text, site.name, header + meta + footer, body)


def make_batch(seed: int, per_site: int = 4, sites: list[Site] | None = None,
               **body_options) -> list[GeneratedDoc]:
    """``per_site`` pages from each site, different places, reproducible from ``seed``."""
    rng = random.Random(seed)
    docs = []
    for site in sites or SITES:
        for i in range(per_site):
            docs.append(make_doc(f"{site.name}/{i:03d}.txt", rng, site, **body_options))
    return docs


def inject(doc: GeneratedDoc, line_contains: str, anchor: str, injected: str) -> GeneratedDoc:
    """Insert ``injected`` before ``anchor`` in the first line containing ``line_contains``."""
    lines = doc.text.split("\n")
    for i, line in enumerate(lines):
        if line_contains in line and anchor in line:
            lines[i] = line.replace(anchor, injected + anchor, 1)
            break
    else:
        raise ValueError(f"no line with {line_contains!r} and {anchor!r}")
    return GeneratedDoc(doc.key, "\n".join(lines), doc.site,
                        [c.replace(anchor, injected + anchor, 1) if line_contains in c else c
                         for c in doc.chrome_lines],
                        list(doc.body_texts), injected)


def bench_corpus(count: int, seed: int = 7) -> list[GeneratedDoc]:
    """``count`` pages from all sites, about one in twenty carrying an injection."""
    rng = random.Random(seed)
    docs = []
    brands = ["pp电子娱乐", "鸿运国际", "ky棋牌", "金沙娱乐城", "xq星辉体育"]
    for i in range(count):
        site = SITES[i % len(SITES)]
        doc = make_doc(f"{site.name}/{i:05d}.txt", rng, site)
        if i % 20 == 7:
            paragraph = next(b for b in doc.body_texts if "项目," in b)
            cut = paragraph.index("项目,") + 3
            doc.text = doc.text.replace(paragraph, paragraph[:cut] + rng.choice(brands) + paragraph[cut:], 1)
        docs.append(doc)
    return docs


def write_texts(folder: Path, docs: list[GeneratedDoc]) -> Path:
    """Write the generated pages under ``folder`` (UTF-8, by key) and return it."""
    for doc in docs:
        target = folder / doc.key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc.text, encoding="utf-8")
    return folder


def write_clean(inputs: Path, out: Path, **options) -> dict[str, str]:
    """Check the folder ``inputs`` as one batch with ``--write-clean out`` (no reports written) and
    return the cleaned texts by document key: exactly what the command leaves of each document."""
    from scrapegate.checks.api import check_paths

    result = check_paths([inputs], write_clean=out, write_reports=False, jobs=1, **options)
    return {key: (out / key).read_bytes().decode("utf-8") for key in result.reports}
