"""A development batch of generated HTML pages: site markups written for tuning the HTML path (issue 11).

    python bench/chrome_html_dev.py        # scrapegate beside readability-lxml and trafilatura, by markup

``bench/chrome_heldout.py`` is a held-out batch (measured, never tuned on); this one is for tuning, so its
markups differ from it on purpose, in the ways a site's template may: the whole page in one container
of ``<p>`` lines, lines broken by ``<br>`` inside one cell, menus as ``<span>`` items without links, a
title in a ``<div>`` or ``<strong>`` instead of an ``h1`` (and a ``<title>`` naming only the site), layout tables with a row per line, landmark
elements without class names. The chrome lines are written here (simplified and traditional script),
in wordings of their own; the article bodies are the held-out batch's sentences (the body is not what
is measured). Labels as there: chrome lines by number and their place (head / inline / foot).
"""

from __future__ import annotations

import html as htmllib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chrome_eval import Page  # noqa: E402
from chrome_heldout import _s2t, draw_rows  # noqa: E402


@dataclass(frozen=True)
class Template:
    name: str
    traditional: bool
    markup: str
    head: tuple[str, ...]
    inline: tuple[str, ...]
    foot: tuple[str, ...]


TEMPLATES = [
    Template("plain-lines", False, "lines",
             ("东湖街道网", "今天是{date} 天气晴", "街道概况  新闻动态  办事指南  联系方式", "返回上级栏目"),
             ("看看别的", "{other1}", "{other2}"),
             ("街道办主办 技术维护:某某信息公司", "地址:东湖路88号 邮编:430000", "苏ICP备1200{num}号-1")),
    Template("br-cell", False, "br",
             ("【西城在线】", "设为主页 收藏本站 手机版", "栏目:西城要闻"),
             ("-----", "相关稿件", "{other1}"),
             ("责任编辑 王小明", "本稿件由西城区融媒体中心提供", "联系电话 010-6{num}")),
    Template("span-menu", False, "spans",
             ("青山市科学技术协会", "首页 科协概况 学会工作 科普天地 人才服务", "您现在的位置 » 首页 » 科协动态",
              "作者:{actor} 时间:{date} 阅读:{num}次"),
             ("【打印】【关闭】【返回顶部】",),
             ("主办单位:青山市科学技术协会 版权所有", "技术支持:某网络公司")),
    Template("table-rows", False, "table",
             ("平安县政务服务网", "登录 | 注册 | 无障碍 | 长者模式", "当前栏目 → 通知公告", "发布机构:{actor}  发布日期:{date}"),
             ("附件:", "{subject}实施细则.docx"),
             ("关于我们 | 网站地图 | 纠错反馈", "网站标识码 5101000{num}", "平安县人民政府办公室 主办")),
    Template("landmarks-bare", True, "landmarks",
             ("中和區公所", "回首頁｜機關介紹｜業務資訊｜便民服務", "目前位置：首頁＞最新消息"),
             ("分享：臉書 推特 列印",),
             ("服務時間：週一至週五 8:00-17:00", "地址：中和區中正路100號 電話：(02)2{num}", "最後更新：{tdate}")),
    Template("strong-title", True, "strong",
             ("港島社區通訊", "主頁 > 社區消息 > 活動", "字型大小 小 中 大"),
             ("延伸閱讀：", "{other1}", "{other2}"),
             ("© 港島社區通訊 版權所有 不得轉載", "私隱聲明 | 使用條款 | 聯絡編輯部")),
    Template("one-cell-menu", True, "br",
             ("高雄市某某國民小學", "學校簡介 行政處室 教學資源 校園公告", "公告日期：{tdate}  公告單位：教務處"),
             ("相關檔案", "報名表.pdf"),
             ("校址：高雄市某區學府路1號", "電話：07-{num}", "本網站建議使用Chrome瀏覽")),
    Template("site-titled", False, "sitetitle",
             ("南坪镇人民政府", "镇情介绍 政务公开 办事服务 互动交流", "信息来源:镇党政办 发布时间:{date}"),
             ("【字体:大 中 小】",),
             ("南坪镇人民政府 主办", "备案号:渝ICP备0900{num}号")),
    Template("lines-divs", True, "divs",
             ("跳過導覽列", "臺東縣文化處", "網站導覽 English 常見問答 意見信箱", "發布日期：{tdate} 點閱：{num}"),
             ("本則新聞相關照片", "照片說明：活動現場"),
             ("臺東縣文化處 版權所有", "地址：臺東市某路{num}號", "隱私權政策 | 資訊安全政策")),
]


def _fill(line: str, rng: random.Random, fields: dict[str, str]) -> str:
    return line.format(**fields, num=rng.randint(1000, 99999))


def generate(per_template: int = 4, seed: int = 20261203) -> list[Page]:
    """``per_template`` pages of every template, as :class:`Page` (split ``htmldev``) with their HTML."""
    rng = random.Random(seed)
    to_trad = _s2t()
    pages = []
    for t in TEMPLATES:
        for k in range(per_template):
            rows = draw_rows(rng, t, to_trad, _fill, paragraphs=(3, 6), min_cut=1, title_role="title")
            title = next(line for role, line in rows if role == "title")
            text = "\n".join(line for _, line in rows) + "\n"
            chrome = {n for n, (role, _) in enumerate(rows, 1) if role not in ("body", "title")}
            site = f"{t.name}.example"
            pages.append(Page(f"d{t.name}-{k}", f"htmldev://{t.name}/{k}", site, "htmldev",
                              "traditional" if t.traditional else "simplified", "generated", text, chrome, set(),
                              _markup(t.markup, rows, title, site)))
    return pages


def _groups(rows: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for role, line in rows:
        if out and out[-1][0] == role:
            out[-1][1].append(line)
        else:
            out.append((role, [line]))
    return out


def _markup(markup: str, rows: list[tuple[str, str]], title: str, site: str) -> str:
    e = lambda s: htmllib.escape(s, quote=False)  # noqa: E731
    head = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}_{site}</title>"
            "<style>.x{color:red}</style></head><body>")
    body: list[str] = []
    if markup == "lines":  # every line a <p> in one container, the title too
        body.append("<div class='page'>")
        body += [f"<p>{e(line)}</p>" for _, line in rows]
        body.append("</div>")
    elif markup == "br":  # chrome lines broken by <br> in one cell, title in a div
        body.append("<table><tr><td>")
        for role, lines in _groups(rows):
            if role in ("body",):
                body += [f"<p>{e(line)}</p>" for line in lines]
            elif role == "title":
                body.append(f"<div class='bt'>{e(lines[0])}</div>")
            else:
                body.append("<div>" + "<br>".join(e(line) for line in lines) + "</div>")
        body.append("</td></tr></table>")
    elif markup == "spans":  # menus as spans without links, title h2
        for role, lines in _groups(rows):
            for line in lines:
                if role == "title":
                    body.append(f"<h2>{e(line)}</h2>")
                elif role == "body":
                    body.append(f"<p>{e(line)}</p>")
                else:
                    body.append("<div class='r'>" + " ".join(f"<span>{e(w)}</span>" for w in line.split()) + "</div>")
    elif markup == "table":  # a row per line
        body.append("<table width='980'>")
        for role, line in rows:
            cls = " class='title'" if role == "title" else ""
            body.append(f"<tr><td{cls}>{e(line)}</td></tr>")
        body.append("</table>")
    elif markup == "landmarks":  # landmark elements without class names, short chrome lines as links
        wrap = {"head": ("<header>", "</header>"), "inline": ("<aside>", "</aside>"),
                "foot": ("<footer>", "</footer>"), "body": ("<main>", "</main>"), "title": ("<main>", "</main>")}
        for role, lines in _groups(rows):
            body.append(wrap[role][0])
            for line in lines:
                if role == "title":
                    body.append(f"<h1>{e(line)}</h1>")
                elif role != "body" and len(line) <= 12:
                    body.append(f"<div><a href='/p'>{e(line)}</a></div>")
                else:
                    body.append(f"<p>{e(line)}</p>")
            body.append(wrap[role][1])
    elif markup == "strong":  # title in <strong>, chrome in anonymous divs with links
        for role, lines in _groups(rows):
            body.append("<div class='c'>")
            for line in lines:
                if role == "title":
                    body.append(f"<div><strong>{e(line)}</strong></div>")
                elif role == "body":
                    body.append(f"<p>{e(line)}</p>")
                else:
                    body.append(f"<div><a href='/q'>{e(line)}</a></div>")
            body.append("</div>")
    elif markup == "sitetitle":  # the <title> names the site only; the article's title is a div
        head = head.replace(f"<title>{e(title)}_{site}</title>", f"<title>{e(rows[0][1])}</title>")
        body += [f"<div class='{'tt' if role == 'title' else 'ln'}'>{e(line)}</div>" for role, line in rows]
    else:  # divs: every line its own div, nothing else
        body += [f"<div>{e(line)}</div>" for _, line in rows]
    return head + "\n".join(body) + "\n</body></html>\n"


def main() -> None:
    import bench_chrome as bc

    pages = generate()
    print(f"HTML development batch: {len(pages)} pages, {len(TEMPLATES)} markups")
    for label, members in (("all", pages), *[(t.name, [p for p in pages if p.site == f"{t.name}.example"])
                                             for t in TEMPLATES]):
        sources = [p.html or "" for p in members]
        print(label)
        for name, outputs in (("scrapegate", bc.scrapegate_outputs(members, sources)),
                              ("readability-lxml", bc.readability_outputs(sources) if label == "all" else None),
                              ("trafilatura", bc.trafilatura_outputs(sources) if label == "all" else None)):
            if outputs is not None:
                print(f"  {name:<17} {bc.kept_scores(members, outputs).summary()}")


if __name__ == "__main__":
    main()
