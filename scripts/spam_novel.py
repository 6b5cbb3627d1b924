"""Injected spam in vocabularies the rest of the project does not use, for TRAIN and DEV only.

``scripts/spam_offers.py`` shares its offer words across its pools (only the brands differ), so its
dev pages say little about vocabulary nobody listed. Here every word family (operators, games,
escort and dating, loans, promotions, crypto betting, lottery forms) has a ``train`` list and a
``dev`` list with no word in common: the scorer trains on the first (``scripts/train_spam.py``) and
``bench/spam_generalisation.py`` measures it on the second, so a dev figure is a figure on words
the scorer never saw. Nothing here is read for the test split, and nothing is copied from
``scripts/spam_heldout.py`` (the test split's generator) or from a page: every string is written for
this project (``tests/test_spam_generators.py`` checks that no word of this file is in the held-out
generator).

Placements are those of hacked pages: glued inside a host sentence with host text on both sides
(an operator's name with a place prefix, …城乡[澳门金樽娱乐场线上开户]居民…), a whole inserted
sentence, a headline suffix, a keyword-stuffed line, a hidden link list with one title per line, a
footer line.
"""

from __future__ import annotations

import random

POOLS = ("train", "dev")

# Invented operator names (Han and Latin), and the prefixes spam puts before them.
OPERATORS = {
    "train": ["金樽", "皇庭", "玖玖", "宝盈", "银座", "华彩", "星河湾", "龙腾", "盛唐", "天瑞", "君临", "万豪汇",
              "qd", "hx", "zb", "wl8"],
    "dev": ["凤凰城", "东方明月", "恒隆", "瑞丰", "锦绣", "豪门", "帝豪", "盈丰", "皇家一号", "天成", "金禧",
            "玛雅", "jb", "xh", "yl9"],
}
PREFIXES = {
    "train": ["澳门", "新", "亚洲", "网上", "香港"],
    "dev": ["国际", "环球", "台湾", "正版", "菲律宾"],
}
VENUES = {
    "train": ["娱乐场", "游戏厅", "会馆", "俱乐部"],
    "dev": ["娱乐会", "游艺馆", "国际厅", "竞技场"],
}
GAMES = {
    "train": ["德州扑克", "掼蛋", "十三水", "斗牛", "麻将胡了", "跑胡子", "炸弹人", "飞禽走兽", "水果机",
              "老虎机"],
    "dev": ["梭哈", "骰宝", "番摊", "21点", "红黑大战", "抢庄", "连环夺宝", "血战到底", "猜大小", "摇骰子"],
}
ACTIONS = {
    "train": ["线上开户", "在线注册", "手机版下载", "真钱版", "代理招募", "免费试玩"],
    "dev": ["官方认证", "极速版", "现金网", "充值中心", "账号申请", "立即体验"],
}
PROMOS = {
    "train": ["首充翻倍", "每日返水", "注册送38元", "存一送一", "周周有彩金", "VIP晋级礼包"],
    "dev": ["新人专享礼金", "充值即返", "流水无上限", "亏损包赔", "签到领红包", "老友回归奖"],
}
ESCORT = {
    "train": ["同城约见", "私人伴游", "学生兼职陪聊", "高端商务模特", "夜场小妹", "足疗按摩上门", "寂寞少妇",
              "包夜服务"],
    "dev": ["一对一视频聊", "酒店可约", "成熟熟女约", "空姐兼职", "丝足会所", "嫩模陪玩", "私密会员",
            "夜间可上门"],
}
LOANS = {
    "train": ["身份证秒贷", "无需面签", "极速审批放款", "逾期也能下款", "芝麻分贷款"],
    "dev": ["征信花了也能借", "凭手机号借款", "当天到账不查征信", "负债高也能批", "裸条借款"],
}
CRYPTO = {
    "train": ["USDT下注", "币圈博彩", "U盘口"],
    "dev": ["波场哈希竞猜", "TRX娱乐", "哈希游戏"],
}
LOTTERY = {
    "train": ["{p}期 大小单双 {a}-{b}-{c} 稳", "彩神推荐 {p}期 杀号 {a} {b}"],
    "dev": ["第{p}期 五码复式 {a},{b},{c},{d}", "{p}期 胆码 {a} 拖码 {b} {c}"],
}
CONTACT_LABELS = {
    "train": ["客服QQ:", "联系微信:", "加V:"],
    "dev": ["商务QQ ", "代理微信 ", "咨询vx "],
}
LIST_SUFFIXES = {
    "train": ["官方入口", "在线大厅", "", "首页"],
    "dev": ["最新地址", "登录网址", "", "主页"],
}
GAME_SUFFIXES = {
    "train": ["", "专区", "房间"],
    "dev": ["", "大厅", "游戏"],
}
SEPARATORS = ["_", "|", "-", "/", "、", "★", ","]
KINDS = ("operator", "operator", "game", "escort", "loan", "promo", "crypto", "lottery")
PLACES = ("glued", "glued", "sentence", "title-suffix", "stuffed", "link-list", "footer")


def _contact(rng: random.Random, pool: str) -> str:
    ident = "".join(rng.choice("abcdefghkmnprstwxyz") for _ in range(rng.randint(2, 3)))
    number = str(rng.randint(10_000_000, 2_999_999_999))
    label = rng.choice(CONTACT_LABELS[pool])
    return label + (number if "QQ" in label else ident + str(rng.randint(1000, 99999)))


def _operator(rng: random.Random, pool: str) -> str:
    name = rng.choice(OPERATORS[pool])
    if name.isascii():
        name = name.upper() if rng.random() < 0.3 else name
    elif rng.random() < 0.6:
        name = rng.choice(PREFIXES[pool]) + name
    return name


def offer(rng: random.Random, pool: str) -> tuple[str, str]:
    """One injected run (a clause or a short phrase) and its kind."""
    kind = rng.choice(KINDS)
    if kind == "operator":
        run = _operator(rng, pool) + rng.choice(VENUES[pool] + GAMES[pool]) + rng.choice(ACTIONS[pool])
    elif kind == "game":
        run = rng.choice(GAMES[pool]) + rng.choice(ACTIONS[pool] + PROMOS[pool])
    elif kind == "escort":
        run = rng.choice(ESCORT[pool]) + rng.choice(["", " ", ","]) + _contact(rng, pool)
    elif kind == "loan":
        run = rng.choice(LOANS[pool]) + rng.choice(["", ","]) + _contact(rng, pool)
    elif kind == "promo":
        run = _operator(rng, pool) + rng.choice(PROMOS[pool])
    elif kind == "crypto":
        run = rng.choice(CRYPTO[pool]) + rng.choice(ACTIONS[pool])
    else:
        nums = [f"{n:02d}" for n in rng.sample(range(1, 50), 4)]
        run = rng.choice(LOTTERY[pool]).format(p=rng.randint(100, 365), a=nums[0], b=nums[1], c=nums[2],
                                               d=nums[3])
    if rng.random() < 0.25 and kind in ("operator", "game", "promo", "crypto"):
        run += " " + _contact(rng, pool)
    return run, kind


def keywords(rng: random.Random, pool: str, n: int) -> list[str]:
    """Short keywords of one family mix, as stuffed lines and link lists carry them."""
    families = [OPERATORS, GAMES, ESCORT, PROMOS, LOANS]
    out = []
    while len(out) < n:
        family = rng.choice(families)
        word = rng.choice(family[pool])
        if family is OPERATORS:
            word = (rng.choice(PREFIXES[pool]) if not word.isascii() else word) + rng.choice(VENUES[pool])
        elif family is GAMES:
            word += rng.choice(GAME_SUFFIXES[pool])
        if word not in out and len(word) <= 12:
            out.append(word)
    return out


def stuffed_line(rng: random.Random, pool: str) -> str:
    return rng.choice(SEPARATORS).join(keywords(rng, pool, rng.randint(3, 6)))


def link_list(rng: random.Random, pool: str) -> str:
    """Hidden link list: one title per line."""
    titles = [w + rng.choice(LIST_SUFFIXES[pool]) for w in keywords(rng, pool, rng.randint(3, 6))]
    return "\n".join(titles)


def place(rng: random.Random, pool: str) -> tuple[str, str]:
    """A placement and the injected text for it (the span to locate)."""
    where = rng.choice(PLACES)
    if where == "stuffed":
        return where, stuffed_line(rng, pool)
    if where == "link-list":
        return where, link_list(rng, pool)
    run, _ = offer(rng, pool)
    if where == "glued" and "\n" not in run and " " not in run:
        return where, run
    return ("sentence" if where == "glued" else where), run
