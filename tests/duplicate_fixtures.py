"""Fixture documents for the duplicate family: copies of a seed and distinct reports sharing stock text.

The copies are built from seed 004 by the edits aggregators make (other chrome and encoding, cut
short, figures rewritten and a paragraph dropped, another title). The synthetic county reports were
written for these tests: each has its own account of its year, wrapped in the stock passages every
政府工作报告 shares (the opening address, the political formulas, the government's self-construction
section, the closing exhortation), so distinct reports overlap heavily without being duplicates.
"""

from __future__ import annotations

import re
from pathlib import Path

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding
from scrapegate.rules.duplicates.profile import DuplicateProfile, document_profile

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_004 = "004_550990f762e950b4.txt"

# Two sites' chrome, built from phrases every chrome detector knows (navigation, address, footer).
SITE_A_HEAD = ["导航菜单", ""]
SITE_A_TAIL = ["", "本文地址:/baogao/huazhong/7001.html", "", "留言与评论(共有 条评论)", "验证码:"]
SITE_B_HEAD = ["网站地图 | 导航菜单 | 联系我们"]
SITE_B_TAIL = ["本文仅代表作者观点,不代表本站立场。", "版权所有 某某报告网 ICP备12345678号"]


def seed_text(name: str = SEED_004) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def seed_lines(name: str = SEED_004) -> list[str]:
    return seed_text(name).split("\n")


def seed_document(name: str) -> Document:
    return Document.from_bytes(name, (SEEDS / name).read_bytes())


def run_du(docs: list[Document], options=None, ctx: BatchContext | None = None, *,
           index: Path | str | None = None, update: bool = False) -> list[tuple[str, Finding]]:
    """Run every DU rule the way the runner does: collect per document, then check_batch once per
    rule. ``options`` (a DuplicateOptions) goes to every rule; ``index``/``update`` are ``--index``
    and ``--update-index``. Errors (DuplicateIndexError) propagate."""
    from scrapegate.rules.duplicates.rules import RULES

    ctx = ctx or BatchContext.build(docs)
    if index is not None:
        ctx.index_path, ctx.update_index = str(index), update
    by_key = {d.key: d for d in docs}
    out: list[tuple[str, Finding]] = []
    for rule_class in RULES:
        rule = rule_class(options)
        payloads = {d.key: rule.collect(d, ctx) for d in docs}
        out.extend(rule.check_batch(by_key, payloads, ctx))
    return out


def profiles(docs: list[Document], ctx: BatchContext | None = None) -> dict[str, DuplicateProfile]:
    """{key: duplicate profile} of ``docs`` as the DU rules collect them."""
    ctx = ctx or BatchContext.build(docs)
    return {d.key: document_profile(d, ctx) for d in docs}


def with_chrome(lines: list[str], head: list[str], tail: list[str]) -> str:
    return "\n".join(head + lines + tail)


def other_site_copy(key: str = "mirror/zhangwan.txt") -> Document:
    """Seed 004 as another site serves it: its chrome, GB18030, CRLF, indented paragraphs, wide
    punctuation (the same body once chrome is removed and widths folded)."""
    lines = ["\u3000\u3000" + line.replace(",", "，").replace(":", "：") for line in seed_lines()]
    text = with_chrome(lines, SITE_B_HEAD, SITE_B_TAIL).replace("\n", "\r\n")
    return Document.from_bytes(key, text.encode("gb18030"))


def truncated_copy(key: str = "cut/zhangwan_part.txt", keep: float = 0.45) -> Document:
    """The first ``keep`` share of seed 004's lines, cut mid-line, under site A's chrome."""
    lines = seed_lines()
    cut = lines[: int(len(lines) * keep)]
    cut[-1] = cut[-1][: len(cut[-1]) // 2]
    return Document.from_text(key, with_chrome(cut, SITE_A_HEAD, SITE_A_TAIL))


def change_figures(text: str) -> str:
    """Rewrite every figure of two or more digits (as a site that 'updated' the numbers would)."""
    return re.sub(r"\d{2,}", lambda m: str(int(m.group()) * 3 // 2 + 7), text)


def edited_copy(key: str = "edited/zhangwan_v2.txt") -> Document:
    """Seed 004 with its figures changed, one paragraph dropped and another title."""
    lines = seed_lines()
    dropped = [line for i, line in enumerate(lines) if i != 27]
    dropped[0] = "张湾区2023年政府工作报告(全文发布)"
    return Document.from_text(key, change_figures("\n".join(dropped)))


# --- distinct reports that share stock passages ------------------------------------------------

STOCK_OPENING = (
    "各位代表：\n"
    "现在，我代表{place}人民政府向大会报告工作，请予审议，并请政协委员和其他列席会议的同志提出意见。\n"
)
STOCK_FORMULAS = (
    "一年来，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深刻领悟“两个确立”"
    "的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚持稳中求进工作总基调，完整、准确、"
    "全面贯彻新发展理念，统筹疫情防控和经济社会发展，统筹发展和安全。\n"
)
STOCK_SELF = (
    "我们坚持把党的政治建设摆在首位，深入开展党史学习教育，严格落实全面从严治党主体责任。自觉接受人大依法"
    "监督和政协民主监督，认真办理人大代表建议和政协委员提案。严格执行中央八项规定及其实施细则精神，驰而不息"
    "纠治“四风”，坚持过紧日子，“三公”经费持续压减，政府系统党风廉政建设不断加强。\n"
    "此外，国防动员、民族宗教、外事侨务、统计审计、档案史志、妇女儿童、残疾人、关心下一代等工作取得新成绩。\n"
)
STOCK_CLOSING = (
    "各位代表！新征程号角已经吹响，新使命催人奋进。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
    "在{party}坚强领导下，踔厉奋发、勇毅前行，为全面建设社会主义现代化国家、实现第二个百年奋斗目标而努力奋斗！\n"
)

COUNTY_ACCOUNTS = {
    "清溪县": [
        "全县实现地区生产总值186.4亿元，增长6.1%。茶叶全产业链产值突破40亿元，新建高标准生态茶园2.3万亩，"
        "清溪毛尖获评国家地理标志保护产品，茶旅融合接待游客312万人次。",
        "县城北部新区完成路网建设，建成清溪大道东延段和滨江公园，改造老旧小区47个，惠及居民6800户；"
        "县人民医院新院区投入使用，新增床位600张。",
        "新签约亿元以上项目38个，引进茶饮料精深加工、竹木家居两条产业链龙头企业，县经济开发区获批省级"
        "高新技术产业园区。",
        "今年我们将抓好三件大事：一是建成茶叶交易中心并上线电子交易平台；二是启动清溪河流域综合治理二期；"
        "三是完成全部行政村污水管网全覆盖。",
    ],
    "石岭区": [
        "全区规上工业增加值增长9.8%，装备制造和新材料两大主导产业产值分别达到265亿元、148亿元；"
        "石岭港区完成货物吞吐量4100万吨，集装箱航线新增5条。",
        "建成石岭科创谷一期，引进高校研发机构6家，高新技术企业净增52家，研发投入强度达到3.4%。",
        "完成石岭湾片区征迁1260户，滨海绿道贯通18公里，新增城市公园9个，空气质量优良天数比例达到91.5%。",
        "新的一年，全区将围绕港产城融合，推进临港物流园、海工装备基地和石岭湾商务区建设，力争引进"
        "百亿级项目两个。",
    ],
    "白河镇": [
        "全镇粮食播种面积稳定在8.6万亩，建成高标准农田1.2万亩，白河大米入选省级区域公用品牌，"
        "农村居民人均可支配收入达到2.14万元。",
        "镇区主街完成立面改造，新建农贸市场一座、停车场两处，白河中心小学新教学楼投入使用，"
        "敬老院完成适老化改造。",
        "依托白河湿地发展乡村旅游，举办首届稻田音乐节，接待游客18万人次，带动民宿和农家乐新增就业420人。",
        "今年全镇将推进土地流转和农机社会化服务，建设稻米加工冷链中心，完成白河堤防加固工程。",
    ],
    "云桥市": [
        "全市外贸进出口总额突破720亿元，跨境电商交易额增长35%，云桥综合保税区封关运作，"
        "中欧班列云桥号开行210列。",
        "数字经济核心产业增加值占比提高到12.7%，建成5G基站3100个，城市大脑上线交通、医疗、"
        "政务等28个应用场景。",
        "云桥职业技术学院新校区和市妇幼保健院迁建工程竣工，新增中小学学位9200个，"
        "城乡居民医保参保率稳定在98%以上。",
        "新的一年，全市将推动综保区扩区、跨境电商产业园二期建设，打造面向东盟的进口商品集散中心。",
    ],
    "柳塘区": [
        "柳塘老城保护更新全面铺开，修缮历史建筑64处，柳塘古街开街运营，夜间经济消费额增长27%；"
        "文化旅游总收入达到86亿元。",
        "新建和改扩建幼儿园11所，柳塘实验中学建成投用，社区嵌入式养老服务中心覆盖全部街道，"
        "新增城镇就业1.9万人。",
        "完成柳塘河黑臭水体治理，新增污水处理能力每日5万吨，建成垃圾分类示范小区120个。",
        "今年全区将实施老城更新三年行动，推进柳塘文创园和非遗街区建设，力争接待游客突破1500万人次。",
    ],
}


def county_report(place: str, party: str = "区委") -> str:
    """A distinct synthetic report: stock opening, formulas, the place's own account, stock closing."""
    account = "\n".join(COUNTY_ACCOUNTS[place]) + "\n"
    return (f"{place}人民政府工作报告\n" + STOCK_OPENING.format(place=place) + STOCK_FORMULAS
            + account + STOCK_SELF + STOCK_CLOSING.format(party=party))


def county_documents() -> list[Document]:
    """One report per synthetic place, each under site A's chrome (shared by all of them)."""
    return [Document.from_text(f"counties/{place}.txt",
                               with_chrome(county_report(place).split("\n"), SITE_A_HEAD, SITE_A_TAIL))
            for place in COUNTY_ACCOUNTS]


def near_copy_pages(count: int, place: str = "云桥市", site: str = "site",
                    report: str | None = None) -> list[Document]:
    """``count`` pages of one site serving the same report: each page has its own title line, one
    figure changed (a different one on each page) and its own chrome lines (page number, views,
    address), so every page is a near-duplicate of every other."""
    lines = (report or county_report(place)).split("\n")
    figures = [(i, m) for i, line in enumerate(lines) for m in re.finditer(r"\d+(?:\.\d+)?", line)]
    pages = []
    for n in range(count):
        page = list(lines)
        page[0] = f"{place}人民政府工作报告(转载第{n}期)"
        i, m = figures[n % len(figures)]
        page[i] = page[i][:m.start()] + str(float(m.group()) + 1 + n // len(figures)) + page[i][m.end():]
        head = ["导航菜单", f"首页 > 政府工作报告 > 第{n}页", f"浏览次数:{(n * 7919) % 99991}"]
        tail = [f"本文地址:/baogao/{n + 1000}.html", "留言与评论(共有 条评论)", "验证码:"]
        pages.append(Document.from_text(f"{site}/page{n:04d}.txt", with_chrome(page, head, tail)))
    return pages


# --- copies in another script or format ---------------------------------------------------------

def traditional_copy(key: str = "trad/zhangwan_big5.txt", encoding: str = "big5hkscs") -> Document:
    """Seed 004 as a Taiwanese content farm serves it: traditional characters (OpenCC s2tw, the
    converter such sites use: 面臨著), corner-bracket quotes, ⑪ written (11) (Big5 has no ⑪),
    Big5 bytes, no chrome."""
    import opencc

    text = opencc.OpenCC("s2tw").convert(seed_text()).replace("“", "「").replace("”", "」")
    text = re.sub("[⑪-⑳]", lambda m: f"({ord(m.group()) - 0x245F})", text)
    return Document.from_bytes(key, text.encode(encoding, errors="strict"))


def reflowed_part(key: str = "reflow/zhangwan_part.txt", keep: float = 0.5, width: int = 37) -> Document:
    """The first ``keep`` share of seed 004's text with its paragraphs run together and re-wrapped
    every ``width`` characters (no line of it is a line of the original), wide punctuation."""
    text = "".join(seed_lines()).replace(",", "，").replace(":", "：")
    text = text[: int(len(text) * keep)]
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return Document.from_text(key, with_chrome(lines, SITE_A_HEAD, SITE_A_TAIL))


def html_copy(key: str = "html/zhangwan.html") -> Document:
    """Seed 004 as a raw HTML page: head with style and script, a navigation bar, one <p> per line
    with entities, footer."""
    paragraphs = [f'<p class="para">{line.replace("、", "&#12289;")}</p>' for line in seed_lines() if line]
    page = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>张湾区政府工作报告</title>",
            "<style>", "body { font-size: 16px; }", ".para { text-indent: 2em; }", "</style>",
            "<script>", "var _hmt = _hmt || []; (function() { var hm = 1; })();", "</script>",
            "</head><body>", '<div class="nav"><a href="/">首页</a> | <a href="/baogao/">报告</a></div>',
            '<div class="content">', *paragraphs, "</div>",
            '<div class="footer">版权所有 某某报告网 ICP备12345678号</div>', "</body></html>"]
    return Document.from_text(key, "\n".join(page))
