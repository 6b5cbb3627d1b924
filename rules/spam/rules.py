"""The spam rules: each presents one kind of hit of the shared detector (:func:`spam_hits`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule
from scrapegate.checks.textnorm import HAN_CHARS as _HAN
from scrapegate.rules.boilerplate.chrome import (
    body_lines,
)
from scrapegate.rules.spam.detector import SpamHit, line_number, spam_hits

_PINYIN_NOTE = re.compile(
    f"[{_HAN}][(（]\\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜń]{{1,6}}\\s*[)）]")
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń]")


class _SpamHitRule(DocumentRule):
    category = "spam"
    severity = Severity.ERROR
    kind = ""
    what = ""

    def check(self, doc: Document, ctx: BatchContext):
        for hit in spam_hits(doc, ctx):
            if hit.kind != self.kind:
                continue
            details: dict[str, object] = {"term": clipped(hit.term), "signals": list(hit.signals), "line": hit.line}
            if hit.template is not None:
                details["template_excerpt"] = hit.template[:80]
            if hit.probability is not None:
                details["probability"] = hit.probability
            injected = quoted(doc.text[hit.span.start:hit.span.end])
            yield self.finding(doc, self.message(injected, hit), hit.span, details=details)

    def message(self, injected: str, hit: SpamHit) -> str:
        return f"{self.what} {injected} inserted into the text on line {hit.line}; remove it"


QUOTE_MAX_CHARS = 400
"""A run longer than this is quoted in its message and its ``details.term`` by its first and last
QUOTE_MAX_CHARS // 2 characters (the span says where it is): a hit of a whole page's token run
quoted whole made a message and a term of hundreds of kilobytes in every output."""


def quoted(run: str) -> str:
    """The run as a message quotes it (``repr``), a long one by its ends and its length.

    >>> quoted("百家乐"), quoted("a" * 500)[-30:]
    ("'百家乐'", "aaaaa' (500 characters in all)")
    """
    ends = _by_ends(run, repr)
    return repr(run) if ends is None else f"{ends} ({len(run):,} characters in all)"


def clipped(term: str | None) -> str | None:
    """The hit's term as ``details.term`` gives it, a long one by its ends.

    >>> clipped("百家乐"), len(clipped("a" * 500))
    ('百家乐', 403)
    """
    ends = None if term is None else _by_ends(term, str)
    return term if ends is None else ends


def _by_ends(text: str, show: Callable[[str], str]) -> str | None:
    """``text`` by its two ends (QUOTE_MAX_CHARS // 2 characters each, each as ``show`` gives it), None
    when it is short enough to give whole."""
    if len(text) <= QUOTE_MAX_CHARS:
        return None
    half = QUOTE_MAX_CHARS // 2
    return f"{show(text[:half])} … {show(text[-half:])}"


class InjectedGamblingTerm(_SpamHitRule):
    """A gambling offer inserted into the text (hacked template or SEO injection).

    Flags the injected run itself: a curated offer term (百家乐, 真人视讯, 彩金, 娱乐官网; data file
    ``spam_gambling_terms.tsv``), an unknown Latin brand glued to gambling product words (``ky棋牌``,
    ``pp电子娱乐``, ``im体育`` + 官网), extended to the exact inserted run when the batch has the same line
    without it. Not flagged: legitimate collocations (体育彩票公益金, 文化娱乐平台, 电子游艺经营), sentences
    about enforcement (严厉打击跨境赌博和网络博彩平台), mentions in enforcement news and regulators'
    texts (修改进入娱乐场制度, 太阳城集团主席), company names with no offer word (sk海力士七期), known
    acronyms (5G, KTV). An offer (a term followed by 官网 / 注册 / 开户) or a term in the site's chrome
    is flagged even in crackdown news that SEO sites copy (``…成效显著 -凯发app官网开户``, footer
    ``Powered by 牌九游戏``).

    The learned clause scorer (``rules/spam/model/``) adds runs no list knows, in simplified or
    traditional script, full-width or split by zero-width characters, each reported whole: a clause
    of offers (``真人百家樂線上開戶送彩金``), a brand with its address (``葡京娱乐www.pj8899.com``), a
    hidden link list of spam titles (one span), a brand written where the issuing organisation
    belongs (``我代表[金博棋牌官网]向大会报告工作``) or substituted for an institution's name wherever
    it acts (``[星空(中国)]召开…``, ``[伟德BETVLCTOR]调研``: every occurrence; a long name of pairs
    ordinary text never writes, recurring there, needs a lower score when the page shows it inserted
    otherwise (another run, its brand form ``bw8866[必威富勒姆联]``): ``[必威富勒姆联]党委书记``; a firm's trade
    name in its own news, on a page of no school or hospital, is none: ``英皇娱乐董事长``; a firm's
    name there whose head the page writes after a site's address is the brand: ``由[金华集团]主办``,
    ``[jh8826金华]代表队``; a site's address glued to a recurring name whose teachers and students they
    are: ``[8866bw博远之家]的师生``; a casino operator's two-character short name recurring in a school's
    places: ``[金沙]第三届校园文化艺术节``), a brand and its site word glued inside a body's own name
    (``福州大学[雷竞技官网]五四红旗分团委``), lottery tips
    (``128期一肖一码:龙 03 15 27 34 41+09``, or a period and a bare number series: ``第153期 特 31
    平 39 06``, or tip words and a pick of zodiac signs: ``第2024088期平特一肖【马】``; official draw
    results such as 双色球开奖号码 are not tips), an offer in a footer's
    owner slot (``Copyright © 2025 [鸿福电玩城平台] 版权所有``), offers written apart (``百 家 乐``), a
    name no ordinary text writes repeated where the page neither defines it nor writes it as a
    clause's subject (``市[澳门新葡澳京7906]集团``, ``市直[澳门新葡澳京7906]系统``: every occurrence), a
    title line of two keywords joined by one separator, each scoring as spam by itself
    (``今晚澳门开奖结果|精准预测解答解释落实``: stuffed, even on a page about the lottery), a name a
    traditional-script page writes in simplified characters wherever it stands, among text the page
    converted (``本週三,[银河娱乐]舉辦運動會``: every occurrence), names sprinkled as whole clauses
    between a story's clauses, three or more on the page (``…娛樂廳內,[金龍百家樂],客人不能…``).
    Not flagged by the scorer: a state lottery's own news naming its bets (``体彩推出NBA投注竞猜游戏``),
    firms of one kind listed in a sentence (``腾讯游戏、网易游戏发布了…``), a term quoted in its source's
    spelling (``「中葡平台」``), a page's own keyword tags (关键字: 娱乐场 澳门赌场, each a word its text writes),
    a short guess a contest's word follows (``[K11電競]錦標賽``: the contest's name), a short guess on a page
    nothing else finds hacked whose every unordinary pair the page writes in other company too (``真人电影``
    beside 真人版, ``电竞游戏`` beside 电竞总会 and 足球游戏, Cantonese 唔/系/嘅 beside any word). Not flagged by the
    lexicon either: an operator's name before a venue word, offering nothing (新葡京[酒店]的娛樂場: a hotel a
    travel guide names), also when the venue's own name goes on before it (澳门金沙[城中心假日]酒店); a name the
    page writes with its trade mark (澳门威尼斯人®: its owner's press release), wherever the page writes it; a firm's
    trade name and its group in its own news, the news' time word after it (银河娱乐集团[昨日]于…举办); bodies
    listed as an event's organisers or closed by their class as firms (旅游局、银河娱乐集团、新濠博亚娱乐、美高梅协办的双年展,
    …、澳门银河等各综合度假休闲企业); a name the page writes only where it is in a place (在永利皇宫的餐厅里).
    ``details.probability`` is the scorer's probability when it took part.

    A guide describing a casino's games, each a short item of a prose list (设有以下博彩项目:百家乐、廿一点、轮盘…)
    whose sentence offers nothing, on a page that writes of gambling elsewhere too, is not flagged; an inserted
    list on a page that names nothing of the topic elsewhere is.

    News, crackdown reports, regulations and official lottery notices ABOUT gambling (topic words
    recurring across sentences, reporting cues) are not flagged for mentioning it (六合彩金多寶攪珠,
    打掉赌博平台); an offer, a contact, tip words or a bare keyword clause inserted between their
    clauses still is (``…攤上事兒了”,[百家樂]。``).

    Why: gambling injections are the most common defacement of Chinese government pages; a corpus
    that keeps them teaches models the offer. Error: the text is not what the authority published.

    Example: ``建议您到相关地区政府pp电子娱乐官网浏览`` -> span exactly ``pp电子娱乐``.
    """

    code = "SP001"
    name = "injected-gambling-term"
    kind = "gambling"
    what = "gambling offer"


class InjectedAdultTerm(_SpamHitRule):
    """An adult-content SEO string inserted into the text.

    Flags curated adult offers (成人视频, 午夜福利, 裸聊 ...; ``spam_adult_terms.txt``), never general
    sensitive words: 成人教育, 人体, 色情 alone are ordinary or enforcement vocabulary. Enforcement
    wording in the sentence (扫黄打非, 清理, 净网) exempts a match. The learned scorer adds keyword-stuffed title
    lines (keywords joined by ``_``, ``|``, ``-`` or commas), reported as one span for the whole line.

    Why: SEO spam networks inject these into high-ranking government pages. Error.

    Example: ``推进城市更新午夜福利行动`` -> span ``午夜福利``.
    """

    code = "SP002"
    name = "injected-adult-term"
    kind = "adult"
    what = "adult-content string"


class InjectedContact(_SpamHitRule):
    """A spam contact or web address glued into the document's text.

    Flags QQ numbers and WeChat ids (``加微信abc12345``, ``QQ:12345678``), a labelled address (网址:
    x.com) and a domain glued into a Chinese sentence (``推进乡村振兴888bet.com战略``) outside site
    chrome. Never flagged: government and education hosts (.gov.cn, .gov.hk, .gov.mo, .gov.tw, .edu),
    state media and other official domains (``spam_official_domains.txt``: people.com.cn, cctv.com …,
    subdomains included), the page's own site (its manifest URL or 本文地址 line), any domain the
    site's chrome names (a newspaper's footer), an address the page declares its own on a line that
    offers nothing (个人网站: …, 陈默的博客 http://…, 来源: …: a personal page checked without its URL),
    and the site's own footer contact lines.

    Why: injected pages carry the way to reach the spammer; reports never print QQ numbers or
    commercial domains inside a sentence. Error.

    Also Telegram and other messengers (``TG:@abc12345``, 飞机号, 企鹅号); with the short offer a
    space sets before the id it is one run (``同城交友约会 飞机号 ab12345``). Not flagged either: a
    contact labelled as the publisher's own channel (新闻报料:QQ…, 投稿邮箱, 网站客服) on a line that
    offers nothing, the domain of an e-mail address, a bare link on a line that offers nothing (a label's
    letters inside an address are none: ``tw.lineage.…`` holds no Line id), an id under a line that labels
    it the publisher's own channel (``扫码关注本网公众号`` / ``ID:…``).

    Example: ``全年新增就业岗位微信:abc12345 3200个`` -> span ``微信:abc12345``.
    """

    code = "SP003"
    name = "injected-contact"
    kind = "contact"
    what = "contact or web address"


class InjectedOffer(_SpamHitRule):
    """A commercial spam offer inserted into the text that is neither gambling nor adult content.

    Flags runs the learned clause scorer (``rules/spam/model/``, trained by ``scripts/train_spam.py``)
    finds spam and whose words are no gambling or adult offer: fake invoices (代开发票), loans (网贷秒批,
    不看征信), and other SEO offers with their contact, as the whole run (the offer with the QQ number or
    address glued to it). ``details.probability`` is the scorer's probability for the clause.
    Offers in words no list knows (the scorer rates them 0.1-0.5 one by one) are told by where they
    stand: a line of separator-joined keywords or a block of short title lines standing alone between
    the body's paragraphs, a bare name-and-offer sentence between the host's sentences, a last line
    under its last sentence (signals ``keyword-line``, ``link-list``, ``bare-sentence``,
    ``closing-line``), each when its words are foreign to the page and score at a lower bar. A name
    put in place of one word of a prose sentence (``将五四精神赋予[澳门皇冠]的时代内涵``) is flagged even on
    an otherwise clean page: a hacked page may swap in one brand and nothing else.
    Legitimate text about the same things is not flagged: 查处虚开发票案件, 防范非法网络贷款 (the
    enforcement wording exempts the sentence, and such sentences are the scorer's negatives), nor a
    resort's or hotel's name the prose describes (澳门威尼斯人度假村, 澳门威尼斯人金光会展) or its owner writes with
    its trade mark (澳门威尼斯人®) with no offer after it, nor the loan app
    a report on fraud narrates (``市民下载了一款贷款APP…被骗``: 骗 recurring, reporting cues) when no
    messenger id or address stands in the run and its sentence tells it (quoted, or a sentence with more
    than the offer: an offer standing as a sentence of its own between the report's is flagged), nor the
    publisher's own channels (the cue in the id's own sentence): a share bar's networks
    (``分享至: Facebook LINE WhatsApp``), an enquiry line's numbers and pages (``報名及查詢:請致電…或WhatsApp…,
    亦可瀏覽我們的網頁及Facebook專頁``), an association's address after ``本會網頁`` (names of networks alone
    reach nobody; with an id, a number or an address the line says whose they are, and offers nothing), nor
    the page's pictures kept as image references whose captions offer nothing (``![東華Facebook](…)``).

    Why: hacked pages carry every kind of paid injection, not only casinos; an offer with a contact in
    a report is not what the authority published. Error.

    Example: ``全年城镇新增就业三千人,代开增值税专用发票QQ:20881234,居民收入稳步增长。`` -> span
    ``代开增值税专用发票QQ:20881234``.
    """

    code = "SP007"
    name = "injected-offer"
    kind = "offer"
    what = "spam offer"


class TemplateInsertion(_SpamHitRule):
    """A line equals a template line of other documents in the batch except for an inserted run.

    Lexicon-free: the same footer or header appears in several pages of one site; the copy that has
    extra characters glued into it carries an injection, even of a brand no list knows. The inserted
    run (aligned with rapidfuzz's Indel opcodes) is the span. Only glued insertions count (not text
    appended at a line's end or between list separators, which is how breadcrumbs and source lines
    vary), and inside body prose only insertions with Latin letters (``全面贯彻[落实]党的二十大精神`` is
    wording, not spam). When the run also matches the lexicon it is reported as SP001 instead.

    Why: hacked templates spread the same injection to every page of a site; comparing siblings finds
    what the lexicon cannot. Error.

    Example: footer ``…建议您到相关地区政府官网浏览…`` in three pages, ``…政府金沙国际官网浏览…`` in the
    fourth -> span ``金沙国际``.
    """

    code = "SP004"
    name = "template-insertion"
    kind = "insertion"
    what = "text"

    def message(self, injected: str, hit: SpamHit) -> str:
        return (f"{injected} inserted into a line that other documents of the batch carry without it "
                f"(line {hit.line}); likely an injection, remove it")


@dataclass(frozen=True)
class PinyinOptions:
    min_annotations: int = 5
    """Fewer pinyin-annotated characters than this can be a glossary or a teaching example."""


class PinyinObfuscation(DocumentRule):
    """Content-farm obfuscation: characters annotated with pinyin in parentheses, ``經(jīng)濟(jì)``.

    Flags a document with at least ``min-annotations`` Han characters followed by a parenthesised
    pinyin syllable, at least one with a tone mark. Document-level (span null): the whole text is an
    obfuscated copy, and removing the annotations would not restore the original.

    Why: content farms copy government reports and defeat duplicate detection by interleaving pinyin
    (often on traditional characters); such a copy is not the published document. Error.

    Example: ``推動經(jīng)濟(jì)高質(zhì)量發(fā)展`` (sample ``經(jīng)``).
    """

    code = "SP005"
    name = "pinyin-obfuscation"
    category = "spam"
    severity = Severity.ERROR
    Options = PinyinOptions

    def check(self, doc: Document, ctx: BatchContext):
        if "(" not in doc.text and "（" not in doc.text or not _TONE_MARK.search(doc.text):
            return
        notes = list(_PINYIN_NOTE.finditer(doc.text))
        if len(notes) < self.options.min_annotations or not any(_TONE_MARK.search(m.group(0))
                                                                for m in notes):
            return
        lines = sorted({line_number(doc, m.start()) for m in notes})
        yield self.finding(
            doc,
            f"{len(notes)} characters carry pinyin in parentheses (e.g. {notes[0].group(0)}): "
            "a content-farm copy, not the published text; fetch the original",
            None,
            details={"annotations": len(notes), "lines": lines[:20], "sample": notes[0].group(0)},
        )


def _non_space(text: str) -> int:
    return len(text) - sum(map(len, _SPACE.findall(text)))


_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SpamPageOptions:
    min_hits: int = 3
    """At least this many injected runs ..."""
    min_line_share: float = 0.3
    """... on at least this share of the document's body lines make the page spam outright ..."""
    min_char_share: float = 0.5
    """... and so do injected runs covering at least this share of the text's characters (white
    space aside), however few: a page of lottery tips or a link list is one run."""


class SpamPage(DocumentRule):
    """The page is spam outright, not a document with an injection.

    Flags a document where injected runs (SP001-SP004, SP007) are at least ``min-hits`` and sit on at
    least ``min-line-share`` of its body lines, or cover at least ``min-char-share`` of its
    characters (a doorway page of lottery tips, a page that is one keyword-stuffed title).
    Document-level (span null); the individual runs are still reported with their spans.

    Why: an SEO doorway page saved under a report's URL is not a damaged report: nothing in it should
    be ingested. Error.

    Example: ``pp电子娱乐官网注册送彩金`` / ``真人视讯百家乐开户`` / ``加微信abc12345``: ``the page is spam``.
    """

    code = "SP006"
    name = "spam-page"
    category = "spam"
    severity = Severity.ERROR
    Options = SpamPageOptions

    def check(self, doc: Document, ctx: BatchContext):
        hits = spam_hits(doc, ctx)
        if not hits:
            return
        content = _non_space(doc.text)
        covered = sum(_non_space(doc.text[h.span.start:h.span.end]) for h in hits)
        char_share = covered / max(1, content)
        if len(hits) < self.options.min_hits and char_share < self.options.min_char_share:
            return  # neither condition can hold: no chrome analysis for the body lines
        body = body_lines(doc, ctx)
        starts = [line.start for line in body]
        spammed: set[int] = set()
        for h in hits:  # every body line a run touches, not only the line it starts on
            first = max(0, bisect_right(starts, h.span.start) - 1)
            last = bisect_left(starts, h.span.end)
            spammed.update(i for i in range(first, last) if body[i].end > h.span.start)
        share = len(spammed) / max(1, len(body))
        if (len(hits) >= self.options.min_hits and share >= self.options.min_line_share
                or char_share >= self.options.min_char_share):
            kinds = Counter(h.kind for h in hits)
            yield self.finding(
                doc,
                f"{len(hits)} injected run{'s' if len(hits) > 1 else ''} cover{'' if len(hits) > 1 else 's'} "
                f"{char_share:.0%} of the text and {share:.0%} of the "
                "body lines: the page is spam, not a document; do not ingest it",
                None,
                details={"hits": len(hits), "line_share": round(share, 3),
                         "char_share": round(char_share, 3), "kinds": dict(kinds)},
            )


RULES = [InjectedGamblingTerm, InjectedAdultTerm, InjectedContact, TemplateInsertion,
         PinyinObfuscation, SpamPage, InjectedOffer]
