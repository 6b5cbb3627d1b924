"""The boilerplate rules: site chrome before, after and inside the text, and pages that are all chrome."""

from __future__ import annotations

from dataclasses import dataclass

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules.boilerplate.chrome import body_lines, chrome_blocks, count_content

_POSITION_WORDS = {"head": "before the document's text", "tail": "after the document's text",
                   "inline": "inside the document's text"}


class _ChromeBlockRule(DocumentRule):
    category = "boilerplate"
    severity = Severity.WARNING
    position = ""

    def check(self, doc: Document, ctx: BatchContext):
        for block in chrome_blocks(doc, ctx):
            if block.position != self.position:
                continue
            first, last = block.lines[0].number, block.lines[-1].number
            where = f"line {first}" if first == last else f"lines {first}-{last}"
            kinds = ", ".join(block.kinds) if block.kinds else "site template"
            message = (f"site chrome ({kinds}) {_POSITION_WORDS[self.position]}, {where}; "
                       "not part of the document, remove it before use (--write-clean does)")
            details: dict[str, object] = {
                "kind": block.kinds[0] if block.kinds else "template",
                "kinds": list(block.kinds),
                "lines": [first, last],
                "phrases": list(block.phrases[:8]),
                "signals": sorted({r.split(":", 1)[0] for r in block.reasons}),
            }
            if block.probability is not None:
                details["probability"] = round(block.probability, 4)
            yield self.finding(doc, message, block.span, details=details)


class HeaderChrome(_ChromeBlockRule):
    """Site chrome before the document's text: navigation, breadcrumbs, page metadata, share bars.

    Flags each block of adjacent chrome lines (blank lines between them included) that ends before
    the first line of the document's own prose, as one finding whose span covers the whole block.

    Why: a scraped page keeps the site's header. In a corpus it repeats thousands of times and it is
    not the document; the block can be removed as a unit (``--write-clean`` removes exactly the span).
    Warning, not error: the document itself is intact once the block is removed.

    Signals: chrome phrases (data; matched in simplified and traditional script alike, so 跳到主要內容,
    發佈日期 and 瀏覽人次 count as 发布日期-style phrases), shapes (a breadcrumb trail
    ``首页 > 新闻 > 正文``, a page index counting one line on ``手册_第1页`` / ``手册_第2页`` / ``手册_第3页``, a
    counter row ``12 评论 340 浏览`` or a reading-time estimate read as one (``本篇文章512字,读完约2分钟``), a 'last
    modified' stamp in any date format (``最後修改於 週六, 11 三月 2023 10:15``), an e-paper's page header ``第A06版:要闻``, an image's file name or alt text left as text ``banner_top_01.png``, a paper mirror's journal issue line
    ``中國標準化 2023年12期`` (not a bulletin's own masthead ``党建工作简报 2023年第5期``),
    a widget's label alone on its line ``Loading…``, ``top of page``, ``bottom of page``; a site's welcome banner ``您好,欢迎来到…官网!``, a
    language switch ``English | 繁體 | 简体``, a hotline's label ``全国服务热线`` and the number under it, a trail
    written without arrows after the home page's name ``首页 政策解读 关于…的解读``, a wiki's source line ``出自…Wiki``,
    a weather widget ``多雲 18°C``, an English date, a notice form's empty field labels beside its date field, a skip
    link in Chinese ``跳至主內容區``, an English blog's post-list label ``Recent Posts``, an e-paper's issue before its
    page ``第1710期 / 第2版:要闻``, a document share's file properties split over lines ``文件格式: / .docx``), a column's
    name alone above the title on a page without other head chrome (``學校活動`` over a school's news: 3-6 Han
    characters, no publisher's masthead, a headline under it that shares none of its words); above the head's
    title, a site's name as a website (``河南省體育彩票管理中心官方網站``), a breadcrumb's fragment (a lone ``>``,
    ``财经频道 > 国内财经``), a column a head breadcrumb names printed again on its own line (``工作报告`` over
    ``政务公开 > 工作报告``), a flipbook's page header on the first line (``Page 28 - …``), fields set apart by bars
    (``Author: | … | ISBN: | …``), an unrendered template's label (``{{ $t('…') }}``), a player's clock
    (``0:00/0:00``), a board's name (``看板bicycle``), hot searches (``热搜: …``), a contents plugin's label
    (``文章內容目錄``); a carousel's headlines printed twice before the text; a mirror's glossed lines
    (``責(zé)任編輯``) read without their readings,
    the head zone, and lines recurring across
    the batch that sit between the document's start and a phrase-marked chrome line. On an HTML page
    (``.html``/``.htm`` or a doctype) the lines are the page's text blocks, and its structure counts too:
    ``nav``/``header``/``form`` landmarks, class or id tokens (nav, menu, breadcrumb, location ...),
    blocks that are mostly link text; ``head``, ``script`` and ``style`` are not text. And its layout:
    above the page's own title (its ``h1``, else the block repeating the ``<title>`` or its part before
    the site's name, ``标题_站点名``) before the main
    text (the element holding most of the page's running text), the blocks that are not sentences are
    the site's header in any words and markup (site name, slogan, a menu without links; inside a ``header`` or
    ``nav`` landmark even under a content word's class, a search box's ``<li class="text">`` headlines); the ``h1``
    itself and headings inside the article are never chrome. Disclosure metadata laid out as
    labels with their values on the next line, publication timestamps and font-size widgets split
    over lines are one block with the labels around them. Without any listed phrase, a run of four or
    more very short lines before the text is a menu (论坛首页 / 最新帖子 / 精华区 / 会员中心), unless
    one of them names the document's genre (政府工作报告: a title block), its bulleted items go on into the
    text's first sentence (■ 電動麻將 … ■ 包棟說明:…。: the text's own list), most of its lines end with a cell
    separator (``序號 |`` / ``1 |``: a table printed one cell a line) or most are ``label: value`` fields
    (本週講道:… / 值週:…: a roster or a record); a short title the run holds right over the page's record (its date
    or source row, ``暴雨致山区道路中断`` after the menu's last item) is kept, unless another title-shaped line stands
    above it outside the run; so is a line of four or more
    short items between explicit separators (``首页 | 时事 | 生活 | 财经``, ``搜狐首页 - 新闻 - 体育 - 娱乐``)
    without a sentence, clause or label mark. The last step of a trail the text starts right under is the
    page's title, kept above the trail (a wiki's ``页面分类`` over ``来自…`` / ``首页 > 编辑手册 > 页面分类``). A
    learned line scorer
    (shape, neighbours, page structure, recurrence; ``scripts/train_chrome.py``) grows blocks over the
    short template lines around them (a forum post's author and date rows between action bars), at the
    lowest threshold where, out of fold over several site-fold assignments and on each kind of view alike (the
    text, the published HTML, our HTML templates), 99 % of the characters it added were chrome and no fold's body
    loss rose above 0.5 % (the weights file records it; 1.0, the scorer off, when
    none does); it never adds a text table's rows, a notice's signature date, a clause the line breaks cut, a
    line of dialogue or a short line between two paragraphs; such a block's ``signals`` hold ``learned`` and its
    ``probability`` is the scorer's lowest over the lines it added.

    Example::

        导航菜单                                   <- flagged (phrase 导航菜单, head)
        当前位置:首页 > 政务公开 > 工作报告          <- same block
        (湖北省)宜昌市猇亭区人民政府工作报告        <- the title: never flagged
        • 索引号:                                 <- flagged (phrase 索引号, head)
        6107280000/2024-001005                     <- its value: same block
        • 发布日期:                               <- same block

    The same on a Taiwan site: ``跳到主要內容`` / ``:::`` / ``首頁 > 最新消息`` /
    ``發佈日期：113-05-02 瀏覽人次：1,204`` are one block before the title.
    """

    code = "BP001"
    name = "header-chrome"
    position = "head"


class FooterChrome(_ChromeBlockRule):
    """Site chrome after the document's text: disclaimers, page address, copyright, comment widgets.

    Flags each block of adjacent chrome lines that starts after the last line of the document's own
    prose, as one finding whose span covers the block (disclaimer, 本文地址, 留言与评论, 验证码, 网站地图
    and the site's template lines between them). Once the footer has started, lines with any chrome
    phrase and widget fragments (``0/200``, 取消) belong to it; a contact line inside the document's
    own ``label: value`` list (办公地址 / 联系电话 / 电子邮件 of a disclosure guide) does not, nor does a
    paragraph of 100 or more characters whose only chrome words are contact labels (a notice's closing
    paragraph with its office's 联系电话, 通讯地址 and 邮编). Three or more
    adjacent lines that end like the items of a list of other posts, in any site's words, are chrome
    wherever they are (here, after the text): a date, a time of day or a widget count after a headline
    or a reply (``还是素质问题 【 柠檬沁心 】 08-11 17:20 124字 [137/0]``: a forum's replies, a blog's
    archive, related news), unless numbered or a ``label: value`` field (the document's own schedule). On an
    HTML page, blocks inside ``footer``/``aside`` or under a footer, copyright, comment or reply class
    (with the replies' own headings, ``# re: 标题 网友``), and link lists (related articles) after the
    text are footer chrome; so is a credit line in any script, bracketed or not, made only of roles and
    names (``(记者王明)``, ``文|通讯员 李华 图|主办方供图``, ``(攝影:林大明)``, ``来源:地方日报``; one ending on
    a role or a colon is a lead-in, ``…依下列規定審核：``; a title spaced out character by character,
    ``文 明 公 约``, is a word, not a credit); so is a short label between two chrome blocks outside the main text, and,
    once a chrome block follows the page's last paragraph outside its main text element, every later
    block that is not a sentence (the site's footer in its own words; a signature between the text
    and that first chrome block stays); a box of links outside the main text takes its label and count
    along (街坊们也在看 / links / 共3条). A data table's cells (short, partly figures, no links, no
    sentence) are never chrome. A comment box's opener after the text (发表评论, 【 我来说两句 】, a
    line that is only 评论 or 网友评论) starts the after-text section, which runs to the page's end: the
    readers' replies are prose, but not the document's (see ``chrome._mark_after_text_section``; not when
    a longer stretch of text follows the opener, as after a side bar's 评论排行榜 printed above an article).
    A reply's own header opens it too: a short line with a time of day and a reply word (``楼层：第 2 楼
    时间：2024-05-02 21:14:09``, ``# re: 标题 2004-12-27 12:46 网名``). A bulletin board post's signature
    lines (``※ 發信站: 批踢踢實業坊(ptt.cc)``, ``◆ From: 203.0.113.25``, ``※ 来源:·水木社区 …``) and a thread
    archive's pager (``页: [1] 2``) are chrome by their shape, as are a 'last modified' stamp in any date format
    (``最後修改於 週六, 11 三月 2023 10:15``) and a site builder's ``bottom of page`` anchor, and so is a blog platform's post footer: the
    poster, the platform and two or more counters, some left empty (``小美 發表在 痞客邦 留言(0) 人氣()``); so are a
    list box's heading that names its list (``最新政府消息新聞``, ``热门政务资讯排行``), a download box's label whose
    files were cut off (``附件下载:``, ``相關附件：``; ``附件：`` alone may open the document's own attachments) and a
    thread list whose items carry their icon's file name (``icon.png[問題] 貓晚上進房間…``). A link's label and colon at
    a line's start (``查看完整版本: 标题?``, ``上一篇：…``) make the line a field however its linked title ends, and a
    prompt to follow the site on a channel with the channel's address (``订阅…Telegram…频道:https://t.me/…``) is a
    sentence of chrome at the text's edges. The sentences under a site notice's heading (``免責聲明``, ``版權公告``,
    ``收集個人資料聲明``, ``無障礙聲明``) are that notice's, up to the next line that is no sentence: a site's
    disclaimer or privacy page printed as text.

    Why: footers are the largest share of chrome in scraped reports and the place injected spam
    hides (the footer is the same on every page, so a hacked template spreads everywhere).
    Warning: removable without touching the document.

    Example::

        ...为建设美丽家园而不懈奋斗!               <- body, kept
        本文仅代表作者观点,不代表本站立场。…       <- flagged block starts here
        本文地址:/baogao/huazhong/6191.html
        留言与评论(共有 条评论)
        验证码:                                    <- block ends here
    """

    code = "BP002"
    name = "footer-chrome"
    position = "tail"


class InlineChrome(_ChromeBlockRule):
    """Site chrome inside the document's text: pagination, related-reading lists, share or print bars.

    Flags a block of chrome lines that lies between two lines of the document's own prose. Inside the
    body the evidence must be stronger than at the edges: a strong chrome phrase on a short line
    (上一篇 / 下一篇, 相关阅读, 分享到, 【打印本页】), several weak phrases filling the line
    (首页 | 政务公开 | 办事服务), or the shape of a list of other articles: two or more adjacent
    headlines ending in a bracketed date (``本市推出三条夜间公交线路 (2024-05-02)``), a line of
    bullet-led headlines (``· 标题一 · 标题二``), a short label (ending in a colon, in brackets, or a
    chrome phrase) over two or more headline-like lines without a sentence, up to where prose resumes
    (``往期回顾:`` / ``· 夜间集市周末恢复营业`` / ``· 辖区新增两处口袋公园``); on an HTML page a block
    that is nearly all link text, a media player's tips, controls and error messages (under a class naming a
    player: ``player-tip``, ``mplayer``), and an item of a list between two chrome items of that list (a reply
    written as a field, ``转：…``, among dated replies). In plain text, once the text has started (after its second
    sentence), a run of short lines that are not sentences between two chrome lines is the box those lines
    frame (``【打印本页】`` / ``1 老旧小区加装电梯进展`` / ``2 夏季用电高峰提示`` / ``本站声明：…``); an office's
    name or a written date (a signature) keeps its run. A heading of the document over its own list of sentences
    (主要任务: / 1.加快推进产业转型升级。) stays body. Sentences that merely mention a website (完善网站地图和留言功能。) and headings are never chrome.
    A line that is a record of the page by its shape alone is chrome between two paragraphs too: a credit
    (``（记者 王明 通讯员 李娜）``; a photo's caption ending on its photographer, ``会议现场 石龙摄``, is not one),
    tags (``#社會福利服務``, ``#话题# @name``), a journal's issue line, an image's file name, an e-paper's page
    header, a widget's label alone on its line (``Loading…``, ``View all posts``), a Q&A page's poster and
    answer labels (``我来回答`` / ``共1个回答`` / ``热心网友``; the answers are the page's text) and a reply's header on a
    thread's archive page (``星河夜行 发表于 2011-05-16 21:40 http://…/back.gif``; a header followed by the reply's
    own words is the reply's line), a dateline row of a time stamp and a credit (``2015-04-27 07:48:23 晨报
    记者王小明/专题报导``; a log's ``2015-04-27 07:48 教室开门…`` is the text's), where the text was reprinted from
    (``轉載自澳門日報``, ``本文转自:江城日报``), a media player's message where its video did not load
    (``未能播放Youtube视频``, ``無法播放此影片``), a Markdown image alone on its line (a related post's thumbnail,
    ``![标题](https://…/photo.jpeg?w=640)``), a photo's file name that is a compact time stamp (``201702161122``), a
    post's age or time alone on its line (``6小时前发布 4 0 0``, ``3 年 ago``, ``at 2008-01-06T07:42``; ``3年前这里…``
    is the text's), an English byline (``By Andrew Lin``; ``By 2030 …`` is a sentence), a thread's floor number alone
    on its line (``第 2 楼 |``, ``2樓``) and an empty image placeholder left in a table's cell (``![]() |``).
    Three or more lines that are each a lone number counting up from 1 are a
    gallery's index, a pager or a calendar (``1`` / ``2`` / ``3`` under a mirror's dropped pictures); a wiki's edit
    link (``[编辑]``) is chrome, the section heading above it is the text's. A dateline row (a date
    with at most a byline's name or a weekday beside it) that the page prints twice or more with the same words is
    a template's: a list page's ``林志远 2024/09/14 15:44`` under each headline, a blog archive's ``2024年3月12日 星期二``
    over each post; a chronology's dated events and a signature's date stay. So is the page's title printed again
    with an image's number (``标题-图1``: an image's alt text); the title alone again stays. A related list's label
    (``李白的其它作品``, ``相关文章``) over bulleted titles, or glued to the first (``李白的其它作品○ 静夜思`` / ``○ 望庐山瀑布``),
    is chrome with its titles; a document's own bulleted points under its own words stay.

    Why: multi-page articles and CMS templates splice navigation into the text; left in, it breaks
    paragraphs and leaks into downstream corpora. Warning: removable.

    Example::

        ...推动经济高质量发展。
        上一页 1 2 3 下一页                        <- flagged (pagination, inline)
        (二)坚持创新驱动发展...

    Traditional-script bars are the same chrome: ``列印 | 關閉視窗 | 分享`` between two paragraphs.
    """

    code = "BP003"
    name = "inline-chrome"
    position = "inline"


@dataclass(frozen=True)
class ChromeOnlyOptions:
    min_body_chars: int = 30
    """Fewer content characters than this outside the chrome means the page has no document."""


class ChromeOnlyPage(DocumentRule):
    """The page is site chrome with (almost) no document text: a listing, error or login page.

    Flags a document whose chrome blocks leave fewer than ``min-body-chars`` content characters
    (letters, digits, Han) of text. Document-level finding: span null, because what little text is
    left is not known to be the document either.

    Why: scrapers that follow a broken link or a paginated index save the site's frame around
    nothing; such a file passes encoding checks yet contains no report. Error: nothing to ingest.

    Example: a file with only ``导航菜单`` / ``当前位置:首页 > 工作报告`` / ``暂无内容`` / ``版权所有``:
    ``the page is site chrome``.
    """

    code = "BP004"
    name = "chrome-only-page"
    category = "boilerplate"
    severity = Severity.ERROR
    Options = ChromeOnlyOptions

    def check(self, doc: Document, ctx: BatchContext):
        blocks = chrome_blocks(doc, ctx)
        if not blocks:
            return
        body_chars = 0
        for line in body_lines(doc, ctx):
            body_chars += count_content(line.text)
            if body_chars >= self.options.min_body_chars:
                return
        chrome_chars = sum(len(b.span) for b in blocks)
        yield self.finding(
            doc,
            f"the page is site chrome with only {body_chars} characters of other text: "
            "no document was captured (check the scraped URL)",
            None,
            details={"body_chars": body_chars, "chrome_chars": chrome_chars,
                     "chrome_blocks": len(blocks)},
        )


RULES = [HeaderChrome, FooterChrome, InlineChrome, ChromeOnlyPage]
