"""A generated corpus for the duplicate benchmark: distinct reports sharing stock passages, plus
planted exact, near and partial copies. Deterministic for a given (size, seed).

Text is drawn from 2-4 character chunks of the sample reports (Zipf-weighted), so documents have
Chinese character statistics and share common phrases without being copies; every base report also
carries 2-3 stock paragraphs out of 12 (the political formulas and closing lines every report
repeats; up to half of a short report), so distinct reports overlap the way real ones do, and more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROME = [
    (["导航菜单", "首页 | 报告 | 公报 | 规划"], ["本文地址:/baogao/{n}.html", "留言与评论(共有 条评论)", "验证码:"]),
    (["网站地图 | 导航菜单"], ["本文仅代表作者观点,不代表本站立场。", "版权所有 ICP备{n}号"]),
    (["当前位置:首页 > 政务公开 > 政府工作报告", "导航菜单"], ["打印本页 关闭窗口", "版权所有:{n}网"]),
]
PLACES = "东西南北中上下新老大小金银铜铁石山河湖海江溪桥城镇乡村林峰岭湾港泉阳阴安平和兴隆盛宁福"


@dataclass(frozen=True)
class Planted:
    original: str
    copy: str
    kind: str  # "exact" | "near" | "containment" (what was planted; the truth is measured)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
        runs = re.findall(r"[\u4e00-\u9fff]{2,}", text)
        chunks: set[str] = set()
        for run in runs:
            i = 0
            while i < len(run) - 1:
                size = 2 + (i * 7 + len(run)) % 3
                chunks.add(run[i:i + size])
                i += size
        self.chunks = np.array(sorted(chunks))
        ranks = np.arange(1, len(self.chunks) + 1, dtype=float)
        self.rng.shuffle(self.chunks)
        weights = ranks ** -0.8
        self.cdf = np.cumsum(weights / weights.sum())
        self.stock = [self.paragraph(150, 300) for _ in range(12)]

    def sentence(self) -> str:
        n = int(self.rng.integers(4, 12))
        parts = np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), len(self.chunks) - 1)
        text = "".join(self.chunks[parts].tolist())
        if self.rng.random() < 0.4:
            text += f"{self.rng.integers(2, 999)}.{self.rng.integers(0, 9)}亿元，增长{self.rng.integers(1, 30)}%"
        return text

    def paragraph(self, low: int, high: int) -> str:
        target = int(self.rng.integers(low, high))
        out = []
        size = 0
        while size < target:
            s = self.sentence() + ("，" if self.rng.random() < 0.6 else "。")
            out.append(s)
            size += len(s)
        return "".join(out).rstrip("，") + "。"

    def report(self, number: int) -> list[str]:
        """A distinct report of about 1,000-4,900 characters (3-15 KB in UTF-8), as body lines."""
        place = "".join(self.rng.choice(list(PLACES), size=2)) + str(self.rng.choice(["县", "区", "市"]))
        target = int(self.rng.integers(900, 4000))
        lines = [f"{place}人民政府工作报告({number})", "各位代表:"]
        stock = self.rng.choice(len(self.stock), size=int(self.rng.integers(2, 4)), replace=False)
        size = 0
        own: list[str] = []
        while size < target:
            own.append(self.paragraph(80, 400))
            size += len(own[-1])
        for i in stock:
            own.insert(int(self.rng.integers(0, len(own) + 1)), self.stock[i])
        return lines + own

    def dress(self, lines: list[str], number: int, *, wide: bool = False) -> str:
        head, tail = CHROME[number % len(CHROME)]
        body = lines
        if wide:
            body = ["\u3000\u3000" + line.replace(":", "：").replace("%", "％") for line in lines]
        return "\n".join(head + body + [t.format(n=number) for t in tail])

    def near(self, lines: list[str]) -> list[str]:
        """Figures changed, one paragraph dropped, another title."""
        out = [re.sub(r"\d+", lambda m: str(int(m.group()) + 1), line) for line in lines]
        if len(out) > 4:
            del out[int(self.rng.integers(2, len(out)))]
        out[0] = out[0].replace("人民政府工作报告", "政府工作报告全文")
        return out

    def truncated(self, lines: list[str]) -> list[str]:
        keep = float(self.rng.uniform(0.3, 0.7))
        total = sum(len(line) for line in lines)
        out, size = [], 0
        for line in lines:
            if size + len(line) > keep * total:
                out.append(line[: max(1, int(keep * total - size))])
                break
            out.append(line)
            size += len(line)
        return out


def build_corpus(size: int, seed: int = 0) -> tuple[list[tuple[str, str]], list[Planted]]:
    """``size`` documents (key, text): about 70% distinct reports, 10% each exact, near and
    truncated copies of them."""
    gen = Generator(seed)
    docs: list[tuple[str, str]] = []
    planted: list[Planted] = []
    bases: list[tuple[str, list[str]]] = []
    for n in range(size):
        roll = gen.rng.random() if bases else 1.0
        if roll >= 0.3:
            lines = gen.report(n)
            key = f"r{n:06d}.txt"
            bases.append((key, lines))
            docs.append((key, gen.dress(lines, n)))
            continue
        original, lines = bases[int(gen.rng.integers(0, len(bases)))]
        if roll < 0.1:
            kind, text = "exact", gen.dress(lines, n + 1, wide=True)
        elif roll < 0.2:
            kind, text = "near", gen.dress(gen.near(lines), n)
        else:
            kind, text = "containment", gen.dress(gen.truncated(lines), n)
        key = f"c{n:06d}_{kind}.txt"
        docs.append((key, text))
        planted.append(Planted(original, key, kind))
    return docs, planted


def near_copy_cluster(size: int, seed: int = 0) -> list[tuple[str, str]]:
    """``size`` near-identical pages of one site: the same report body, each page with its own title
    line, one or two figures changed and its own chrome lines (page number, view count, address).

    The case that made matching quadratic: every page is a near-duplicate of every other, so a
    matcher that verifies every candidate pair in the group does ``size**2 / 2`` exact checks.
    """
    gen = Generator(seed)
    lines = gen.report(0)
    while sum(len(line) for line in lines) < 2500:  # long enough that figures are a small share
        lines = gen.report(0)
    docs: list[tuple[str, str]] = []
    for n in range(size):
        page = list(lines)
        page[0] = f"{lines[0]}——转载第{n}期(来源:政务网{n % 97}频道)"
        for _ in range(int(gen.rng.integers(1, 3))):
            i = int(gen.rng.integers(2, len(page)))
            page[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1 + n % 7), page[i], count=1)
        head = ["导航菜单", f"首页 > 报告 > 第{n}页", f"浏览次数:{int(gen.rng.integers(10, 99999))}"]
        tail = [f"本文地址:/baogao/{n + 1000}.html", f"上一篇:报告{n - 1} 下一篇:报告{n + 1}",
                "留言与评论(共有 条评论)", "验证码:"]
        docs.append((f"site/page{n:05d}.txt", "\n".join(head + page + tail)))
    return docs


# --- issue 14: copies across scripts and formats, and distinct reports of the same place -----------

COPY_KINDS = ("exact", "reflowed", "partial", "partial_reflowed", "edited", "gb18030", "big5",
              "html", "traditional", "glossed")
YEARS = range(2012, 2025)


def _rewrap(lines: list[str], rng: np.random.Generator) -> list[str]:
    """Paragraphs run together and re-wrapped at a fixed width (30-80), wide punctuation: no line
    of the result is a line of the original."""
    text = "".join(lines).replace(",", "，").replace(":", "：").replace("%", "％")
    width = int(rng.integers(30, 80))
    return [text[i:i + width] for i in range(0, len(text), width)]


def _html(lines: list[str], number: int) -> str:
    """A raw HTML page: head with style and script, navigation, one <p> per line, footer."""
    body = [f"<p>{line.replace('、', '&#12289;').replace('，', '&#65292;')}</p>" for line in lines]
    return "\n".join([
        "<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">", f"<title>报告{number}</title>",
        "<style>", "body { margin: 0 auto; width: 960px; }", "p { text-indent: 2em; }", "</style>",
        "<script>", "var _hmt = _hmt || [];", "(function() { var hm = document.createElement('script'); })();",
        "</script>", "</head><body>",
        '<div class="nav"><a href="/">首页</a> | <a href="/baogao/">政府工作报告</a></div>',
        '<div class="article">', *body, "</div>",
        f'<div class="footer">版权所有 报告网 ICP备{number}号</div>', "</body></html>"])


class KindsGenerator(Generator):
    """Distinct reports of a few places (the same place's reports share its profile paragraph, the
    stock passages and the place name, year after year) and copies of them of every kind in
    :data:`COPY_KINDS`."""

    def __init__(self, seed: int, places: int) -> None:
        super().__init__(seed)
        import opencc

        self.s2t = opencc.OpenCC("s2t").convert
        self.s2tw = opencc.OpenCC("s2tw").convert
        names: set[str] = set()
        while len(names) < places:
            names.add("".join(self.rng.choice(list(PLACES), size=2)) + str(self.rng.choice(["县", "区"])))
        self.places = sorted(names)
        self.profiles = {p: self.paragraph(200, 400) for p in self.places}

    def place_report(self, place: str, year: int) -> list[str]:
        lines = self.report(year)
        lines[0] = f"{place}{year}年政府工作报告"
        lines.insert(2, f"{place}概况：" + self.profiles[place])
        lines.insert(3, f"现在，我代表{place}人民政府向大会报告工作，请予审议。")
        return lines

    def copy(self, lines: list[str], kind: str, number: int) -> tuple[str, bytes]:
        """(file suffix, raw bytes) of a ``kind`` copy of a report given as body lines."""
        if kind == "exact":
            return ".txt", self.dress(lines, number + 1, wide=True).encode("utf-8")
        if kind == "reflowed":
            return ".txt", self.dress(_rewrap(lines, self.rng), number).encode("utf-8")
        if kind == "partial":
            return ".txt", self.dress(self.truncated(lines), number).encode("utf-8")
        if kind == "partial_reflowed":
            return ".txt", self.dress(_rewrap(self.truncated(lines), self.rng), number).encode("utf-8")
        if kind == "edited":
            return ".txt", self.dress(self.near(lines), number).encode("utf-8")
        if kind == "gb18030":
            return ".txt", self.dress(lines, number, wide=True).replace("\n", "\r\n").encode("gb18030")
        if kind == "big5":  # a Taiwanese mirror: s2tw, Big5 bytes ('?' for what Big5 cannot hold)
            text = self.s2tw(self.dress(lines, number)).replace("“", "「").replace("”", "」")
            return ".txt", text.encode("big5hkscs", errors="replace")
        if kind == "html":
            return ".html", _html(lines, number).encode("utf-8")
        if kind == "traditional":
            return ".txt", self.s2t(self.dress(lines, number)).encode("utf-8")
        if kind == "glossed":  # a content farm: traditional, pinyin glued after some characters
            text = self.s2t(self.dress(lines, number))
            syllables = ["jīng", "jì", "fā", "zhǎn", "bào", "gào", "xiàn", "qū", "shěng", "rén"]
            out = []
            for ch in text:
                out.append(ch)
                if "\u4e00" <= ch <= "\u9fff" and self.rng.random() < 0.15:
                    out.append(f"({syllables[int(self.rng.integers(0, len(syllables)))]})")
            return ".txt", "".join(out).encode("utf-8")
        raise ValueError(kind)


def build_kinds_batch(size: int, seed: int = 0, places: int | None = None,
                      copy_share: float = 0.35) -> tuple[list[tuple[str, bytes]], list[Planted]]:
    """``size`` documents (key, raw bytes): distinct reports of ``places`` places (one per place and
    year, round-robin, so each place has many reports sharing its profile paragraph), and about
    ``copy_share`` copies of them, the kinds of :data:`COPY_KINDS` in turn. ``Planted.kind`` is the
    copy kind; ``original`` the base report. By default there are just enough places for the
    distinct reports (a place has a report for each of the 13 years)."""
    places = places or max(2, -(-int(size * (1 - copy_share) * 1.1) // len(YEARS)))
    gen = KindsGenerator(seed, places)
    docs: list[tuple[str, bytes]] = []
    planted: list[Planted] = []
    bases: list[tuple[str, list[str]]] = []
    slots = [(p, y) for y in YEARS for p in gen.places]
    copies = 0
    for n in range(size):
        if bases and gen.rng.random() < copy_share or len(bases) >= len(slots):
            kind = COPY_KINDS[copies % len(COPY_KINDS)]
            copies += 1
            original, lines = bases[int(gen.rng.integers(0, len(bases)))]
            suffix, raw = gen.copy(lines, kind, n)
            key = f"c{n:05d}_{kind}{suffix}"
            docs.append((key, raw))
            planted.append(Planted(original, key, kind))
            continue
        place, year = slots[len(bases)]
        lines = gen.place_report(place, year)
        key = f"r{n:05d}_{place}_{year}.txt"
        bases.append((key, lines))
        docs.append((key, gen.dress(lines, n).encode("utf-8")))
    return docs, planted


def run_duplicate_rules(docs, ctx):
    """DU001-DU003 as the runner runs them, timed in process CPU seconds: chrome (body_lines), the
    per-document profile (collect), the batch match. Returns (findings, payloads, seconds by phase)."""
    import time

    from scrapegate.rules.boilerplate.chrome import body_lines
    from scrapegate.rules.duplicates.rules import ContainedCopy, ExactDuplicate, NearDuplicate

    by_key = {d.key: d for d in docs}
    t0 = time.process_time()
    for doc in docs:
        body_lines(doc, ctx)
    t1 = time.process_time()
    rules = [ExactDuplicate(), NearDuplicate(), ContainedCopy()]
    payloads = {d.key: rules[0].collect(d, ctx) for d in docs}
    t2 = time.process_time()
    findings = [kf for rule in rules for kf in rule.check_batch(by_key, payloads, ctx)]
    t3 = time.process_time()
    return findings, payloads, {"chrome": t1 - t0, "profile": t2 - t1, "match": t3 - t2}


def datasketch_index(bodies: dict[str, str], threshold: float) -> tuple[dict, object]:
    """The benches' baseline: datasketch's MinHash (128 permutations) of each body's character shingles
    (SHINGLE_SIZE, as the DU profile's), inserted into a MinHashLSH at ``threshold``; the sketches by
    key and the index. Needs the ``bench`` extra."""
    from datasketch import MinHash, MinHashLSH

    from scrapegate.rules.duplicates.profile import SHINGLE_SIZE

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    for key, body in bodies.items():
        m = MinHash(num_perm=128)
        m.update_batch([body[i:i + SHINGLE_SIZE].encode("utf8")
                        for i in range(max(1, len(body) - SHINGLE_SIZE + 1))])
        sketches[key] = m
        lsh.insert(key, m)
    return sketches, lsh


def datasketch_pairs(sketches: dict, lsh) -> set[tuple[str, str]]:
    """Every candidate pair the index proposes for the sketches, each as (smaller key, larger key)."""
    pairs = set()
    for key, m in sketches.items():
        for other in lsh.query(m):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return pairs
