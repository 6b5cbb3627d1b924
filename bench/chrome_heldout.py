"""A held-out batch of generated pages: site templates written for measurement only (issue 11).

Twelve site templates (six in simplified, six in traditional script: Taiwan and Hong Kong wording) put
head, inline and foot chrome around article bodies. They were written fresh for this file, in wordings
chosen to differ from the chrome phrase list and the test fixtures (``bench/bench_chrome.py`` reports
how many of the chrome lines hold a listed phrase at all). Nothing here is used for training or for
choosing a threshold: the pages exist only as a test split, scored like the real ones, as plain text
and as HTML (each template has its own markup, from landmark elements to anonymous ``div`` soup).

Every page knows its labels: chrome lines by number, and the place of each (head / inline / foot).
"""

from __future__ import annotations

import html as htmllib
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chrome_eval import Page

_SUBJECTS = ["社区卫生服务中心", "老旧小区改造项目", "公共图书馆分馆", "农贸市场提升工程", "河道综合治理",
             "职业技能培训班", "夜间公交线路", "便民服务驿站", "中小学课后服务", "冬季供暖保障"]
_ACTORS = ["区住房和城乡建设局", "市交通运输局", "街道办事处", "县教育局", "市场监督管理局", "人力资源和社会保障局"]
_BODY = [
    "为进一步方便群众办事,{actor}近日对{subject}的服务流程进行了梳理,减少了不必要的证明材料。",
    "据介绍,{subject}自今年{month}月启动以来,已累计服务居民{num}人次,群众反映总体良好。",
    "下一步,{actor}将继续听取居民意见,对{subject}中发现的问题建立台账,逐项明确责任人和完成时限。",
    "记者在现场看到,工作人员正在对{subject}的设施进行检查,部分区域已经完成改造并投入使用。",
    "{actor}有关负责人表示,{subject}涉及面广、情况复杂,需要各部门密切配合,形成工作合力。",
    "截至{month}月底,{subject}共完成投资{num}万元,占年度计划的百分之{pct},整体进度符合预期。",
    "居民王女士说,过去办理相关手续要跑好几趟,现在在家门口就能办好,省时又省心。",
    "针对群众关心的收费问题,{actor}明确表示将严格执行有关规定,不得擅自增加收费项目。",
    "此外,{subject}还将引入第三方评估机构,定期对服务质量进行考核,考核结果向社会公开。",
    "会议要求,各相关单位要压实责任,加强督查,确保{subject}按时保质完成,切实惠及广大群众。",
]
_TITLES = ["{subject}正式投入使用", "{actor}推进{subject}建设", "关于{subject}有关事项的说明", "{subject}取得阶段性进展"]


@dataclass(frozen=True)
class Template:
    name: str
    traditional: bool
    head: tuple[str, ...]
    inline: tuple[str, ...]
    foot: tuple[str, ...]


# Written for this batch; {..} fields vary per page.
TEMPLATES = [
    Template("lakeside-district", False,
             ("进入无障碍模式", "湖滨区人民政府门户", "本站首页 ∣ 区情概况 ∣ 政策文件 ∣ 便民办事 ∣ 政民互动",
              "所在栏目:本站首页 → 工作动态 → 部门动态", "{date} 信息提供:区融媒体中心 点击数:{num}"),
             ("延伸阅读:", "· {other1}", "· {other2}"),
             ("本站由湖滨区人民政府办公室主办 维护:区大数据中心", "网站识别码 3301000042 浙ICP备0501{num}号",
              "建议使用1366×768以上分辨率浏览本站")),
    Template("river-city-news", False,
             ("江城新闻网 | 让新闻离你更近", "要闻 本地 民生 财经 文旅 视频 专题", "{date} 09:{mm} 稿源:江城日报"),
             ("【小编推荐】", "{other1}", "{other2}", "打开江城新闻APP,阅读体验更佳"),
             ("网友留言(0)", "留言须遵守国家法律法规,文明发言", "江城新闻网所有稿件未经授权不得转载",
              "新闻热线:0731-8{num} 投诉邮箱 news@jcxw.example")),
    Template("county-open-gov", False,
             ("信息公开目录 | 依申请公开 | 公开年报 | 公开指南", "目录号:{num}-2024-00{mm}", "生成日期:{date}",
              "发文单位:{actor}", "有效状态:现行有效"),
             ("相关附件:", "附件下载(PDF 1.2MB)"),
             ("【本页打印】 【窗口关闭】", "主办:某县人民政府办公室 承办:县政务服务数据管理局",
              "政府网站标识码4309000001")),
    Template("mountain-forum", False,
             ("欢迎访客 [请登入] [加入会员]", "社区主页 › 生活杂谈 › 本地资讯", "发帖人:山城小王 | 时间:{date} | 楼主",
              "人气 {num} 跟帖 {mm}"),
             ("赞同({mm}) 收藏本帖 举报", "签名档:生活不止眼前的苟且"),
             ("回帖需要先登入", "[快速回帖]", "Powered by 某某社区程序 © 2009-2024",
              "返回列表 | 下一主题 | 上一主题")),
    Template("city-wiki", False,
             ("打开菜单", "城市百科,人人可编辑的地方知识库", "本条目由 {num} 名志愿者共同编写"),
             ("编辑本段", "参考来源[1][2]"),
             ("本页最后修改于{date}", "内容依据知识共享署名协议发布,另有说明者除外", "隐私政策 · 关于城市百科 · 免责声明 · 移动版视图")),
    Template("gazette-reader", False,
             ("公报电子版 第{mm}期", "上一版 下一版 | 版面导航 | 往期回顾", "第{mm}版:政务信息"),
             ("放大 缩小 默认", "本版其他文章:", "{other1}"),
             ("电子公报阅读器 v3.2", "联系编辑部:gazette@example.gov")),
    Template("taipei-style-portal", True,
             ("跳至中央內容區", "::: 網站導覽 | 回首頁 | English | 行動版", "現在位置:首頁 > 最新公告 > 業務公告",
              "公告單位:{actor} 上架日期:{tdate}"),
             ("友善列印 轉寄好友 字級:小 中 大", "相關連結:"),
             ("更新日期:{tdate} 點閱次數:{num}", "地址:台北市某區某路1號 總機:(02)2720-{num}",
              "本網站著作權屬本機關所有 建議瀏覽器:Chrome、Edge 最新版")),
    Template("kaohsiung-style-news", True,
             ("市政新聞 | 新聞稿 | 活動訊息", "發布時間:{tdate} 資料來源:{actor}", "分享至臉書 分享至LINE"),
             ("延伸閱讀", "{other1}", "{other2}"),
             ("回上一頁 回頁首", "服務時間:週一至週五 8:30-17:30", "隱私權保護政策 | 資訊安全政策 | 政府網站資料開放宣告")),
    Template("hk-department", True,
             ("跳到主要內容", "香港特別行政區政府 某某署", "繁 | 简 | EN | 文字大小 A A A", "主頁 » 新聞公報 » {tdate}"),
             ("新聞公報完", "{tdate}(星期三)", "香港時間 14 時 {mm} 分"),
             ("2024 © | 重要告示 | 私隱政策 | 無障礙聲明", "本頁最近修訂日期:{tdate}")),
    Template("hk-forum", True,
             ("討論區主頁 » 時事台 » 本地新聞", "會員登入 | 免費註冊 | 忘記密碼", "樓主 阿明 發表於 {tdate}"),
             ("回覆 引用 讚好({mm})", "此帖最後由 阿明 於 {tdate} 編輯"),
             ("只看樓主 | 倒序看帖 | 打印", "相關帖子", "{other1}", "本討論區言論只代表發言會員個人意見")),
    Template("tw-school", True,
             ("學校首頁 | 認識本校 | 行政單位 | 教學資源 | 招生資訊", "您的位置:首頁 / 最新消息", "張貼者:教務處 張貼日期:{tdate}"),
             ("附件檔案:", "點我下載報名表.odt"),
             ("瀏覽人數:{num}", "校址:某縣某鄉學府路100號 電話:(03)5{num}", "最佳瀏覽解析度 1280x800")),
    Template("tw-flipbook", True,
             ("電子書櫃 | 最新刊物 | 歷年刊物", "第 {mm} 頁 / 共 48 頁", "上一頁 下一頁 全螢幕 縮圖"),
             ("本頁內容由系統自動擷取,排版可能與原刊不同",),
             ("閱讀器版本 2.1 | 使用說明", "刊物版權屬原出版單位所有")),
]


def _fill(line: str, rng: random.Random, fields: dict[str, str]) -> str:
    return line.format(**fields, num=rng.randint(1000, 99999), mm=rng.randint(10, 59))


def _s2t():
    import opencc
    return opencc.OpenCC("s2t").convert


def draw_rows(rng: random.Random, template: Any, to_trad: Callable[[str], str],
              fill: Callable[[str, random.Random, dict[str, str]], str], paragraphs: tuple[int, int],
              min_cut: int, title_role: str) -> list[tuple[str, str]]:
    """One page of ``template`` (its ``traditional``, ``head``, ``inline`` and ``foot`` lines) as rows of
    (role, line): head chrome, the title (role ``title_role``), between ``paragraphs`` body paragraphs
    with the inline chrome after the first ``min_cut`` or more, foot chrome. The random draws are made
    in one order, so a batch is fixed by its seed (``bench/chrome_html_dev.py`` draws its pages here too)."""
    subject, actor = rng.choice(_SUBJECTS), rng.choice(_ACTORS)
    fields = {"subject": subject, "actor": actor, "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
              "tdate": f"113-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
              "other1": rng.choice(_TITLES).format(subject=rng.choice(_SUBJECTS), actor=rng.choice(_ACTORS)),
              "other2": rng.choice(_TITLES).format(subject=rng.choice(_SUBJECTS), actor=rng.choice(_ACTORS))}
    title = rng.choice(_TITLES).format(subject=subject, actor=actor)
    body = [p.format(subject=subject, actor=actor, month=rng.randint(1, 9), num=rng.randint(30, 900),
                     pct=rng.randint(40, 95)) for p in rng.sample(_BODY, rng.randint(*paragraphs))]
    if template.traditional:
        title, body = to_trad(title), [to_trad(p) for p in body]
        fields = {key: to_trad(value) for key, value in fields.items()}
    cut = rng.randint(min_cut, len(body) - 1)
    rows = [("head", fill(line, rng, fields)) for line in template.head]
    rows.append((title_role, title))
    rows += [("body", p) for p in body[:cut]]
    rows += [("inline", fill(line, rng, fields)) for line in template.inline]
    rows += [("body", p) for p in body[cut:]]
    rows += [("foot", fill(line, rng, fields)) for line in template.foot]
    return rows


def generate(per_template: int = 4, seed: int = 20261202) -> list[Page]:
    """The batch: ``per_template`` pages of every template, as :class:`Page` (split ``heldout``) with the
    HTML source of the template's markup."""
    rng = random.Random(seed)
    to_trad = _s2t()
    pages = []
    for markup, t in enumerate(TEMPLATES):
        for k in range(per_template):
            rows = draw_rows(rng, t, to_trad, _fill, paragraphs=(4, 7), min_cut=2, title_role="body")
            text = "\n".join(line for _, line in rows) + "\n"
            chrome = {n for n, (role, _) in enumerate(rows, 1) if role != "body"}
            page = Page(f"h{t.name}-{k}", f"heldout://{t.name}/{k}", t.name, "heldout",
                        "traditional" if t.traditional else "simplified", "generated", text, chrome, set())
            pages.append(Page(**{**page.__dict__, "html": _markup(markup % 3, rows, k)}))
    return pages


def _markup(markup: int, rows: list[tuple[str, str]], k: int) -> str:
    """The page in one of three markups (0: landmark elements; 1: class-named divs in a site's own
    pinyin words; 2: anonymous divs and tables), alternating per page: short chrome lines are links,
    as menus are."""
    wrappers = [
        {"head": ("<header class='site-top'><nav>", "</nav></header>"), "inline": ("<aside>", "</aside>"),
         "foot": ("<footer>", "</footer>"), "body": ("<article>", "</article>")},
        {"head": ("<div id='dingbu'><div class='daohang-lan'>", "</div></div>"),
         "inline": ("<div class='xiangguan-wenzhang'>", "</div>"),
         "foot": ("<div class='dibu-xinxi'>", "</div>"), "body": ("<div class='zhengwen-qu'>", "</div>")},
        {"head": ("<table width='100%'><tr><td>", "</td></tr></table>"), "inline": ("<div class='b3'>", "</div>"),
         "foot": ("<table><tr><td class='t9'>", "</td></tr></table>"), "body": ("<div class='b1'><div>", "</div></div>")},
    ][markup if k % 2 == 0 else (markup + 1) % 3]
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", htmllib.escape(rows[0][1]), "</title>",
           "<script>var s = 1;</script></head><body>"]
    current = None
    first_body = True
    for role, line in rows:
        if role != current:
            if current:
                out.append(wrappers[current][1])
            out.append(wrappers[role][0])
            current = role
        text = htmllib.escape(line, quote=False)
        if role == "body":
            out.append(f"<h1>{text}</h1>" if first_body else f"<p>{text}</p>")
            first_body = False
        elif len(line) <= 20:
            out.append(f"<div><a href='/x/{zlib.crc32(line.encode()) % 997}.html'>{text}</a></div>")
        else:
            out.append(f"<div>{text}</div>")
    out.append(wrappers[current][1] if current else "")
    out.append("</body></html>")
    return "\n".join(out)
