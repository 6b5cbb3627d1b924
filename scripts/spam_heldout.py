"""Held-out injections for the TEST split only: brands, phrasings, contacts and disguises written fresh.

``scripts/spam_offers.py`` feeds training (its train pool) and the dev split. Nothing here is read by
``scripts/train_spam.py`` or shares a brand, a template or a phrasing with ``spam_offers.py`` or the
lexicons in ``rules/data``: it measures how the detector does on injections nobody fitted it to.
Every string is written for this project (no page text).

Kinds: casino and card-game offers with invented brands, lottery "plans" and tip lines in formats
the training templates never use, USDT/crypto betting, escort and "dating" offers, loans and card
cash-outs, invoice services, Telegram/"plane" contacts, addresses written with 点/dot; disguises:
spaces or dots between characters, emoji separators, bracketed titles, traditional script,
full-width letters, zero-width splits, upper/lower case mixes.
"""

from __future__ import annotations

import random

# Invented operator names: none appears in spam_offers.BRANDS or in rules/data/spam_*.
LATIN = ["zx", "qy", "wg", "hb", "tk", "fb", "v9", "mk", "rx", "dq", "hy", "gj", "ww", "lt", "kk"]
HAN = ["鼎盛", "金鼎", "红运当头", "鸿发", "明珠", "金殿", "聚宝盆", "百乐门", "金冠", "御龙", "至尊",
       "乐享", "旺财", "招财猫", "九鼎", "恒发", "顺丰发"]
GAMES = ["线上真钱", "电玩城", "牛牛", "龙虎斗", "轮盘", "体育竞猜", "电竞竞猜", "极速赛车", "幸运28",
         "快乐十分", "三公", "推筒子", "二八杠", "街机捕鱼"]
HOOKS = ["新会员首存即送", "充值返利百分之三", "提款秒到账", "支持USDT充值", "日赢万元不是梦",
         "包赢计划", "导师带单稳赚", "注册即领体验金", "邀请好友送红包", "24小时极速出款"]
ESCORT = ["同城交友约会", "上门服务全城可约", "私密直播间", "外围模特预约", "桑拿会所全套", "福利姬私拍",
          "空降服务快速到达"]
LOAN = ["无抵押当天下款", "信用卡代还套现", "学生分期秒过", "黑户白户都能贷", "额度秒出放款快"]
INVOICE = ["各类票据服务", "开具增值税票据", "全国可开专票", "正规票据包验真"]
CONTACTS = ["TG:@{id}", "飞机号 {id}", "Telegram {id}", "企鹅号{num}", "客服微x:{id}", "V:{id}",
            "扫码加好友 {id}", "加扣{num}"]
TIPS = ["第{p}期 特 {a} 平 {b} {c}", "{y}年{p}期 推荐: {a}.{b}.{c}.{d} 稳中", "今期计划 {p}期 {a} {b} {c} 必出",
        "{p}期 生肖推荐 {z}{z2} 号码 {a} {b}"]
ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
SEPARATORS = ["、", " ", "★", "·", "~", "/"]
EMOJI = ["🔥", "💰", "🎰", "✨", "👉", "🧧"]
PLACES = ["inline", "inline", "sentence", "title-bracket", "title-suffix", "org-host", "link-list",
          "copyright"]


def _ident(rng: random.Random) -> str:
    letters = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(2, 4)))
    return letters + str(rng.randint(1000, 99999))


def _contact(rng: random.Random) -> str:
    return rng.choice(CONTACTS).format(id=_ident(rng), num=rng.randint(10000000, 3999999999))


def _address(rng: random.Random, brand: str) -> str:
    name = (brand if brand.isascii() else rng.choice(LATIN)) + str(rng.randint(100, 9999))
    tld = rng.choice(["com", "vip", "cc", "app", "bet", "club"])
    return rng.choice([f"{name}.{tld}", f"{name}点{tld}", f"{name} dot {tld}", f"https://{name}.{tld}"])


def brand(rng: random.Random) -> str:
    b = rng.choice(LATIN + HAN)
    return b.upper() if b.isascii() and rng.random() < 0.4 else b


def offer(rng: random.Random) -> tuple[str, str]:
    """One held-out injected run and its kind."""
    kind = rng.choice(["casino", "casino", "hook", "lottery", "escort", "loan", "invoice", "stuffed"])
    b = brand(rng)
    if kind == "casino":
        run = b + rng.choice(GAMES) + rng.choice(["", "平台", "在线", "app"])
        if rng.random() < 0.5:
            run += " " + rng.choice([_contact(rng), _address(rng, b)])
    elif kind == "hook":
        run = f"{b}{rng.choice(GAMES)} {rng.choice(HOOKS)}"
        if rng.random() < 0.6:
            run += " " + _contact(rng)
    elif kind == "lottery":
        nums = rng.sample(range(1, 50), 4)
        run = rng.choice(TIPS).format(p=rng.randint(100, 365), y=rng.choice([2025, 2026]),
                                      a=f"{nums[0]:02d}", b=f"{nums[1]:02d}", c=f"{nums[2]:02d}",
                                      d=f"{nums[3]:02d}", z=rng.choice(ZODIAC), z2=rng.choice(ZODIAC))
    elif kind == "escort":
        run = rng.choice(ESCORT) + " " + _contact(rng)
    elif kind == "loan":
        run = rng.choice(LOAN) + rng.choice(["", " 详询", " 咨询"]) + " " + _contact(rng)
    elif kind == "invoice":
        run = rng.choice(INVOICE) + " " + _contact(rng)
    else:  # keyword-stuffed line of escort/adult words
        words = rng.sample(ESCORT, 3) + [rng.choice(["高清在线", "免费看片", "无删减版", "午夜剧场"])]
        run = rng.choice(SEPARATORS).join(words)
    return run, kind


def disguise(rng: random.Random, run: str, s2t) -> tuple[str, str]:
    how = rng.choice(["plain", "plain", "spaced", "emoji", "traditional", "fullwidth", "zerowidth",
                      "dotted"])
    if how in ("spaced", "dotted"):
        # Between Han characters only (百 家 乐, 百.家.乐): ids and numbers stay readable.
        glue = " " if how == "spaced" else "."
        out = [run[0]]
        for prev, c in zip(run, run[1:]):
            both_han = "\u4e00" <= prev <= "\u9fff" and "\u4e00" <= c <= "\u9fff"
            out.append((glue if both_han and rng.random() < 0.6 else "") + c)
        return "".join(out), how
    if how == "emoji":
        e = rng.choice(EMOJI)
        return e + run + e, how
    if how == "traditional":
        return s2t(run), how
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in run), how
    if how == "zerowidth":
        return "".join(c + ("\u200b" if rng.random() < 0.4 else "") for c in run).rstrip("\u200b"), how
    return run, how
