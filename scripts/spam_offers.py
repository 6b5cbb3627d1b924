"""Generated injected-spam offers and legitimate look-alike sentences (our own templates).

Used by ``scripts/build_spam_corpus.py`` (semi-synthetic pages: real host pages with generated
injections) and ``scripts/train_spam.py`` (extra training clauses). Every string here is written for
this project; none is copied from a page.

The brand vocabulary is split into three disjoint pools (``train``, ``dev``, ``test``), so the test
split's injections use brands the model never saw in training.
"""

from __future__ import annotations

import random

# Betting brands as spam pages write them: Latin abbreviations and Han trade names. Disjoint pools.
BRANDS = {
    "train": ["pp", "ky", "ag", "bg", "mg", "pt", "hg", "bbin", "金沙", "威尼斯人", "葡京", "永利",
              "鸿运", "星辉", "开元", "九游", "华体会", "米乐", "必威", "凯发", "皇冠", "万博",
              "雷竞技", "宝马会", "金博", "新濠", "bet9", "js", "xpj", "lebo"],
    "dev": ["im", "ob", "dg", "sbo", "乐鱼", "开云", "亚博", "尊龙", "大发", "天博", "银河", "hth",
            "博天堂", "利来", "ae"],
    "test": ["bob", "lc", "kb", "tyc", "yb", "jy", "ly", "太阳城", "盛世", "富贵", "龙虎", "博亚",
             "新葡京", "百胜", "金莎", "vn", "bet7", "澳亚", "欧宝", "半岛"],
}
PRODUCTS = ["电子", "真人", "棋牌", "体育", "彩票", "捕鱼", "电竞", "视讯"]
CLOSERS = ["娱乐", "官网", "注册", "开户", "平台", "app下载", "网址", "入口", "登录", "官方网站",
           "娱乐城", "app", "网页版", "游戏"]
TLDS = ["com", "vip", "cc", "net", "top", "xyz", "me"]

INVOICE = ["代开发票", "代开增值税专用发票", "各类发票代开", "正规发票代开", "代开普通发票", "发票代开点",
           "代开各地发票", "本地代开发票"]
LOAN = ["网贷秒批", "黑户秒批贷款", "不看征信秒下款", "小额网贷当天放款", "网贷口子秒过", "无视黑白秒批",
        "秒批秒到账", "大额网贷秒批"]
BETTING = ["体育投注平台", "网投平台", "足球投注网址", "外围体育投注", "网投靠谱平台", "正规网投网站",
           "篮球投注官网", "体育投注app"]
TIPS = ["一码一肖", "今晚必开特码", "六合彩资料大全", "一肖一码准确率", "特码内部资料", "平特一肖",
        "精准一码", "期期准特码", "六肖中特", "杀肖资料"]
ADULT = ["国产精品", "在线观看", "一区二区", "无码专区", "中文字幕", "午夜福利", "成人视频", "日韩精品",
         "亚洲精品", "欧美精品", "高清视频", "免费视频", "久久精品", "人妻", "av在线", "色综合", "不卡",
         "偷拍自拍", "激情视频", "美女直播"]
SEPARATORS = ["_", "-", "|", ",", " ", "_"]
# Escort and "dating" offers, crypto betting and card games for money: the other common injections.
ESCORT = ["约炮", "楼凤信息", "少妇上门", "按摩包夜", "兼职学生妹", "大保健", "莞式服务", "一夜情交友",
          "附近美女约", "快餐过夜"]
CRYPTO = ["USDT投注", "泰达币充值", "虚拟币下注", "数字货币娱乐", "u币秒出款"]
CARD = ["斗地主赢话费", "麻将真钱版", "德州扑克俱乐部", "炸金花大厅", "跑得快房卡"]

# Sentences of a legitimate document that hold trigger words (never spam).
LOOKALIKES = [
    "全年筹集彩票公益金{n}万元,用于全民健身设施建设。",
    "加强体育彩票销售网点管理,体育彩票销量增长百分之{n}。",
    "福利彩票公益金资助养老服务项目{n}个。",
    "严厉打击赌博违法犯罪活动,破获网络赌博案件{n}起。",
    "深入开展扫黄打非专项行动,收缴非法出版物{n}余件。",
    "推动文化娱乐消费,举办文化娱乐活动{n}场。",
    "支持电子竞技产业发展,举办电子竞技赛事{n}场。",
    "依照娱乐场所管理条例,检查歌舞娱乐场所{n}家次。",
    "公安机关查处利用“{brand}”等境外赌博平台招赌吸赌的团伙{n}个。",
    "开展打击治理跨境赌博专项行动,冻结涉赌资金{n}万元。",
    "整治网吧和游艺娱乐场所,取缔无证经营{n}家。",
    "清理网络色情低俗信息{n}条,关闭违法网站{n}个。",
    "澳门博彩业毛收入同比增长百分之{n},特区政府推动经济适度多元。",
    "举办体育彩票公益金资助项目宣传周活动{n}场。",
    "加强网络贷款风险提示,防范非法集资,处置风险平台{n}家。",
    "查处虚开发票案件{n}起,挽回税款损失。",
]


def _latin_case(rng: random.Random, brand: str) -> str:
    return brand.upper() if brand.isascii() and rng.random() < 0.3 else brand


def brand_offer(rng: random.Random, pool: str) -> str:
    brand = _latin_case(rng, rng.choice(BRANDS[pool]))
    offer = brand + rng.choice(PRODUCTS) + rng.choice(CLOSERS)
    if rng.random() < 0.4:
        offer += rng.choice(CLOSERS)
    return offer


SLOT_SUFFIXES = ["集团", "国际", "集团公司", "官网", "娱乐集团", "控股集团", "官方网站", "国际集团", "(中国)", "科技"]
"""What a brand carries where a hacked page writes it in the slot of the institution's name."""


def slot_brand(rng: random.Random, pool: str) -> str:
    """A betting brand as a hacked page writes it in an institution's slot (``永利集团召开…``,
    ``304am金沙国际主办…``): the brand, sometimes with its site number, and a company-like suffix."""
    brand = _latin_case(rng, rng.choice(BRANDS[pool]))
    if rng.random() < 0.3:
        brand = str(rng.randint(100, 99999)) + rng.choice(["", "", "am", "vip"]) + brand
    return brand + rng.choice(SLOT_SUFFIXES)


def domain(rng: random.Random, pool: str) -> str:
    brand = rng.choice([b for b in BRANDS[pool] if b.isascii()])
    name = brand + str(rng.randint(10, 99999))
    return rng.choice(["", "www.", "https://", "http://www."]) + f"{name}.{rng.choice(TLDS)}"


def contact(rng: random.Random, pool: str) -> str:
    kind = rng.randrange(4)
    if kind == 3:
        ident = rng.choice(["bet", "ok", "hi", "yy", "kf"]) + str(rng.randint(1000, 999999))
        return rng.choice(["tg:", "telegram:", "飞机:", "纸飞机", "电报", "whatsapp ", "line:"]) + ident
    if kind == 0:
        return rng.choice(["QQ:", "QQ", "扣扣", "qq群"]) + str(rng.randint(10_000_000, 2_999_999_999))
    if kind == 1:
        ident = rng.choice(["kf", "vip", "dl", "ab", "zx"]) + str(rng.randint(1000, 999999))
        return rng.choice(["微信:", "加微信", "vx:", "薇信"]) + ident
    return domain(rng, pool)


def number_series(rng: random.Random) -> str:
    nums = sorted(rng.sample(range(1, 50), rng.choice([3, 5, 6, 7])))
    sep = rng.choice([" ", ",", "-", "."])
    text = sep.join(f"{n:02d}" for n in nums)
    if rng.random() < 0.5:
        text += f"+{rng.randint(1, 49):02d}"
    return text


def lottery_tip(rng: random.Random) -> str:
    period = f"{rng.choice(['', '2024', '2025'])}{rng.randint(1, 365):03d}期"
    zodiac = "".join(rng.sample("鼠牛虎兔龙蛇马羊猴鸡狗猪", rng.choice([1, 2, 3, 6])))
    forms = [
        f"{period}{rng.choice(TIPS)}:{zodiac} {number_series(rng)}",
        f"新澳门{period}{rng.choice(TIPS)}{number_series(rng)}",
        f"{rng.choice(TIPS)}{period}开奖结果 {number_series(rng)}",
        f"{period}:{rng.choice(TIPS)}【{zodiac}】特码{rng.randint(1, 49):02d}",
    ]
    return rng.choice(forms)


def adult_title(rng: random.Random) -> str:
    sep = rng.choice(SEPARATORS)
    words = []
    for _ in range(rng.randint(3, 8)):
        a, b = rng.sample(ADULT, 2)
        words.append(a + b if rng.random() < 0.6 else a)
    return sep.join(words)


def offer(rng: random.Random, pool: str) -> tuple[str, str]:
    """One injected run and its kind."""
    kind = rng.choice(["brand", "brand", "brand-contact", "invoice", "loan", "betting", "tip",
                       "adult", "contact", "escort", "crypto"])
    if kind == "escort":
        return rng.choice(ESCORT) + rng.choice(["", " ", ","]) + contact(rng, pool), kind
    if kind == "crypto":
        game = rng.choice(CRYPTO + CARD)
        return game + rng.choice(["", " " + contact(rng, pool), domain(rng, pool)]), kind
    if kind == "brand":
        return brand_offer(rng, pool), kind
    if kind == "brand-contact":
        return brand_offer(rng, pool) + rng.choice(["", " ", ":"]) + contact(rng, pool), kind
    if kind == "invoice":
        return rng.choice(INVOICE) + rng.choice(["", ",", " "]) + contact(rng, pool), kind
    if kind == "loan":
        return rng.choice(LOAN) + rng.choice(["", ",", " "]) + contact(rng, pool), kind
    if kind == "betting":
        return rng.choice(BETTING) + rng.choice(["", domain(rng, pool)]), kind
    if kind == "tip":
        return lottery_tip(rng), kind
    if kind == "adult":
        return adult_title(rng), kind
    return rng.choice(["联系", "咨询", "详情"]) + contact(rng, pool), kind


def disguise(rng: random.Random, text: str, to_traditional) -> tuple[str, str]:
    """Obfuscations spam pages use: traditional script, full-width letters, zero-width splits."""
    how = rng.choice(["plain", "plain", "plain", "traditional", "fullwidth", "zerowidth"])
    if how == "traditional":
        return to_traditional(text), how
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text), how
    if how == "zerowidth":
        out = []
        for c in text:
            out.append(c)
            if rng.random() < 0.35:
                out.append(rng.choice(["\u200b", "\u200c", "\u200d", "\ufeff"]))
        return "".join(out).rstrip("\u200b\u200c\u200d\ufeff"), how
    return text, how


def lookalike(rng: random.Random) -> str:
    pool = BRANDS["train"] + BRANDS["dev"] + BRANDS["test"]
    return rng.choice(LOOKALIKES).format(n=rng.randint(2, 900), brand=rng.choice(pool) + "娱乐")


UNITS = ["万元", "亿元", "吨", "只", "亩", "人次", "%", "个", "家", "户", "公里", "平方米", "元", "人",
         "千瓦时", "件", "起", "项", "所", "头", "万人", "个百分点", "倍", "号", "期", "版", "次"]


def figure(rng: random.Random) -> str:
    """A clause of figures as documents write them (never spam)."""
    n = rng.randint(1, 999999)
    forms = [
        f"{n}{rng.choice(UNITS)}",
        f"增长{rng.randint(1, 99)}.{rng.randint(0, 99)}%",
        f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        f"{rng.randint(1000, 9999)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"电话:0{rng.randint(10, 999)}-{rng.randint(1000000, 99999999)}",
        f"{n}",
        f"第{rng.randint(1, 999)}期",
        f"邮编{rng.randint(100000, 899999)}",
        f"{rng.randint(1, 99)}.{rng.randint(0, 99)}万{rng.choice(UNITS)}",
        f"索引号:{rng.randint(10000000, 99999999)}/{rng.randint(2000, 2025)}-{rng.randint(1, 9999):05d}",
        f"浏览次数:{n}",
        f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    ]
    return rng.choice(forms)
