"""Injected spam: text a hacked or SEO-spammed site inserted into a document, located as the inserted run.

Signals, all sharing one per-document analysis (:func:`spam_hits`, memoised):

* **offer lexicon** (data: ``spam_gambling_terms.tsv``, ``spam_adult_terms.txt``): curated offers, not
  "sensitive words", matched in one pass with an Aho-Corasick automaton (ahocorasick-rs). A match is
  exempt when it overlaps a legitimate collocation (``spam_legit_collocations.txt``: 体育彩票,
  文化娱乐 ...) or its sentence carries enforcement wording (``spam_exemption_cues.txt``: 打击, 整治,
  查处 ...), or the whole document is enforcement news about gambling. The last exemption covers
  mentions, not offers: a term followed by an action word (官网, 注册, 开户) or sitting in the site's
  chrome is reported even in crackdown news (SEO sites copy such news and glue their brand to the
  headline: ``…专项行动成效显著 -凯发app官网开户``). Title separators (`` -``, ``|``, ``_``) end a
  sentence, and offer words running on to the end of the line belong to the injected run.
* **Latin brand**: an unknown Latin token glued to Chinese product words that close a gambling offer
  (``pp电子娱乐``, ``ky棋牌``, ``im体育`` + 官网). Known acronyms (``spam_known_acronyms.txt``: GDP, 5G,
  KTV ...) never count, and a Latin name with no offer word after it (``sk海力士``) is a company.
* **sibling diff**: a line equal to a template line of other documents of the batch except for an
  inserted run (rapidfuzz Indel alignment). The inserted run is the span, so an unseen brand is
  isolated exactly (``pp电子娱乐`` against the same footer in the other pages of the site).
* **contact injection**: QQ / WeChat ids and web addresses glued into the body text.
* **content-farm obfuscation**: traditional characters annotated with pinyin, ``經(jīng)濟(jì)``.
* **learned runs** (:mod:`.learned`, :mod:`.model`): clauses a character n-gram scorer finds spam on
  the normalised view (NFKC, invisible characters dropped, traditional -> simplified), grown to the
  whole injected run (adjacent spam clauses and lines, number series, glued addresses and ids); a
  brand in the issuing organisation's slot; lottery-tip lines. They also grow an exact hit's span
  to its whole clause when the clause scores spam, and carry the scorer's ``probability``.

* **learned extent** (:mod:`.extent`): every merged hit but the exact ones (a brand in a slot, a
  sibling diff, a tip line) is read again character by character: a contact id or one listed term
  grows to the whole injected run (``[贵宾尊享 商务QQ 524326922]``), a scorer's guess is also cut
  where its characters stop being the run's. An exact span glued by a title separator to more of a
  keyword run (``明升体育_[m88体育官网]-app|下载``) grows across that separator when the run scores spam
  as a whole. A contact id or an address inside a run ends that clause's part of it: the host's words
  glued after it up to the clause's end are cut off unless they score spam themselves
  (``约炮 vx:zx522743[共商发展大计]``, :func:`_host_clause_cut`).

* **recurrence**: a short run found by a learned or slot signal is reported wherever else its exact
  text stands (a hacked page substitutes its brand for a name every time the name occurs).

* **brand family** (:mod:`.brand_family`): a found brand's core with other offer words glued to it
  (``开云足球`` once ``开云(中国)`` is found in a slot) is the brand too, and a found run that recurs
  grows to the whole string its occurrences share (``[金沙9001cc以诚为]本首页``).

* **register** (:mod:`.register`): a document ABOUT gambling or adult content (news, crackdown,
  regulation, lottery notice) has its bare mentions exempt; offers, contacts, tip words and bare
  keyword clauses inserted between its clauses are still reported.
* **disguises**: offers written apart (百 家 乐, 桑.拿) are read on the spam view (joined), and
  reported in source offsets.

Spans are exactly what ``--write-clean`` should remove: the inserted run, never the host sentence.
Page-level findings (obfuscation, spam page) have no span and remove nothing.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import ahocorasick_rs
from rapidfuzz.distance import Indel
from scrapegate.checks import html
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Span
from scrapegate.checks.textnorm import HAN_CHARS as _HAN
from scrapegate.checks.textnorm import han_count
from scrapegate.checks.textnorm import to_simplified
from scrapegate.rules import data
from scrapegate.rules.segmentation import page_url
from scrapegate.rules.spam import (
    brand_family,
    extent,
    institution_slot,
    learned,
    markup_lines,
    model,
    own_text,
    register,
    repeated_name,
)
from scrapegate.rules.spam.clause_scores import score_group
from scrapegate.rules.spam.learned import LATIN_OR_DIGIT, WINDOW, learned_runs, spam_view_of, view_of
from scrapegate.rules.spam.model import scorer as _scorer
from scrapegate.rules.spam.spans import SpanIndex
from scrapegate.rules.boilerplate.chrome import (
    MIN_RECURRENCE,
    cached_fingerprint,
    chrome_analysis,
    chrome_blocks,
    fold,
    folded_text,
)

BRAND_LOOKAHEAD = 4
"""A brand-tier term (太阳城, 葡京) counts only when an offer word starts within this many characters."""
ENFORCEMENT_DOCUMENT_CUES = 5
"""A document with this many enforcement cues and repeated 赌/博彩 is news about gambling, not spam."""
SENTENCE_REACH = own_text.SENTENCE_REACH  # 400 characters; longer than any real sentence of a report
COLLOCATION_GAP = 1
"""A legitimate collocation this close to a match (characters between them) exempts it."""
TEMPLATE_MIN_CHARS = 16
"""Template lines shorter than this are too generic to diff against (首页, 验证码:)."""
MAX_INSERT_CHARS = 40
"""Longer differences from a template line are a different line, not an insertion."""
CHROME_WIDGET_CHARS = 8
"""A learned run shorter than this inside the site's chrome is the site's own widget (QQ登录)."""
DIFF_KEY_CHARS = 6
"""Template lines are indexed by their first and last characters: a candidate shares one end."""
BRAND_TOKEN_MAX_CHARS = 16
"""A Latin token longer than this before gambling words is an identifier or a URL piece, not a brand."""

_IS_HAN = re.compile(f"[{_HAN}]")
_WORD_CHAR = re.compile(f"[{_HAN}a-z0-9]")
_SENTENCE_BREAKS = tuple("。!?;\n\r|_") + (" -", " –", " —")
_SENTENCE_BREAK = re.compile("|".join(map(re.escape, _SENTENCE_BREAKS)))
_LAST_SENTENCE_BREAK = re.compile(f"(?s:.*)(?:{_SENTENCE_BREAK.pattern})")
"""The last sentence break of a stretch (``match``; no break starts inside another, so the last to
start is the last to end)."""
# A Latin brand token: letters and digits with at least two letters, glued to Han after it, not
# preceded by a character that makes it part of an address, an e-mail or a path (./@:_-?=&%).
_LATIN_RUN = re.compile("[a-z][a-z0-9]*")
_LETTER = re.compile("[a-z]")
_NOT_ALNUM = re.compile("[^a-z0-9]")
# An alphanumeric stretch (from its first character: none before it) holding a letter, with Han
# right after it. Possessive: a stretch not followed by Han fails without backtracking, and the
# positions inside it fail at once on the look-behind, so the scan stays linear.
_GLUED_LATIN = re.compile(f"[a-z0-9](?<![a-z0-9].)(?:(?<=[a-z])|[0-9]*+[a-z])[a-z0-9]*+(?=[{_HAN}])")
_DIGIT_CHARS = frozenset("0123456789")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_TOKEN_GLUE = _ALNUM | frozenset("./@:_-?=&%")
_DIGITS = re.compile(r"\d")
_SEPARATORS = re.compile(r"[\s>|/»›·•,、;:。!?()\[\]【】<>《》]")
_EDGE_PUNCTUATION = ",、;:。!? "
_VARIABLE_CHROME_KINDS = frozenset({"metadata", "breadcrumb", "navigation", "pagination", "related"})
_URLISH = re.compile(r"[a-z0-9./:_\-?=&%]")

_TLDS = ("com|net|org|cc|vip|top|xyz|me|tv|co|info|biz|club|app|bet|casino|cn|hk|tw|mo|io|live|fun"
         "|site|online|shop|win|pw|ws|la|in|asia|cx|so|ag")
_DOMAIN = (r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,62})*"
           rf"\.(?:{_TLDS})(?![a-z0-9-])(?::\d{{2,5}})?(?:/[a-z0-9/._?=&%#-]*)?")
# Each look-behind (not a letter before qq, tg, line, v) stands after its literal, not before it: the
# pattern then starts with literals and is tried only where their first characters are (an HTML
# page's markup is mostly Latin text it would otherwise be tried at). The gap between label and id
# is possessive: the id starts with none of its characters (space, 号, 群, :, @), so giving any back
# never lets the id match; backtracked, the gap's three white-space runs split a run of n spaces (an
# HTML page's blanked markup after 微信) n^2 ways before failing: seconds on one page.
_MESSENGER_LABELS = (
    ("qq", ("qq", "扣扣", "q群")),
    ("wechat", ("加微信", "微信号", "微信", "威信", "薇信", "徽信", "v信", "加v", "vx", "weixin")),
    # Messaging channels of gambling and escort spam other than QQ and WeChat: Telegram (tg, 电报,
    # 飞机 / 纸飞机), QQ's nicknames (企鹅, 扣), WhatsApp, Line, WeChat written 微x or v.
    ("messenger", ("tg", "telegram", "whatsapp", "line", "电报", "電報", "纸飞机", "飞机号?", "飛機", "企鹅号?", "加扣",
                   "微x", r"v(?=\s*+:)")),
)
"""The labels a messenger id is written after, by channel: every contact pattern reads them
(:func:`_labels`), so a label added here is one the contact hits, the host-clause cut and the offer
tests all know."""


def _labels(*channels: str) -> str:
    """The labels of ``channels`` as one alternation; a Latin label takes no letter before it
    (``onlinedate99`` holds no Line id, ``DivXPlayer`` no WeChat id) nor an address's character
    (``news.linegame.example.com`` holds none either), the look-behind after its literal so the pattern
    still starts with literals."""
    return "|".join(label + (f"(?<![a-z./=?&%]{re.escape(label[:label.index('(')] if '(' in label else label)})"
                             if label[0].isascii() and label[0].isalpha() else "")
                    for channel, labels in _MESSENGER_LABELS if channel in channels for label in labels)


def _anchors(*channels: str) -> tuple[str, ...]:
    """What every match of a label of ``channels`` holds: each label's literal text, without a look-around
    and an optional last character (``飞机号?`` -> 飞机, ``v(?=\\s*+:)`` -> v). The contact patterns are
    tried only on a page holding one, so the test is the table's, not a copy of it.

    >>> _anchors("messenger")[-4:]
    ('企鹅', '加扣', '微x', 'v')
    """
    out: list[str] = []
    for channel, labels in _MESSENGER_LABELS:
        if channel in channels:
            for label in labels:
                literal = label.split("(")[0]
                literal = literal[:-2] if literal.endswith("?") else literal
                if literal not in out:
                    out.append(literal)
    return tuple(out)


_NOT_AN_ID = ("(?!(?:https?|www|weibo|telegram|whatsapp|wechat|weixin|tiktok|e-mail|"
              + "|".join(own_text.SHARE_NETWORKS) + ")(?![a-z0-9_]))")
"""What follows a label but is no id: a web address's scheme (``LINE\\nhttp://…``, the share button's label
above the article's link) or another network's name (``分享至: facebook line plurk twitter``, a share row
naming its networks one after another)."""
_EVERY_LABEL = _labels("qq", "wechat", "messenger")
_ADDRESS_LABELS = ("网址", "官网", "域名", "入口", "网站")
_CONTACT_PATTERNS = (
    ("qq", _anchors("qq"),
     re.compile(rf"(?:{_labels('qq')})\s*+(?:号码|号|群)?+\s*+:?+\s*+[1-9]\d{{4,10}}(?!\d)")),
    ("wechat", _anchors("wechat"),
     re.compile(rf"(?:{_labels('wechat')})\s*+(?:号)?+\s*+:?+\s*+{_NOT_AN_ID}(?:[a-z][a-z0-9_-]{{5,19}}|\d{{6,11}})(?![a-z0-9_-])")),
    ("messenger", _anchors("messenger"),
     re.compile(rf"(?:{_labels('messenger')})\s*+(?:号)?+\s*+:?+\s*+@?+{_NOT_AN_ID}"
                r"(?:[a-z][a-z0-9_]{3,19}|\d{6,11})(?![a-z0-9_-])")),
    ("labelled-address", _ADDRESS_LABELS,
     re.compile(rf"(?:{'|'.join(_ADDRESS_LABELS)})\s*+:?+\s*+{_DOMAIN}")),
)
"""Per channel: its name, the anchors one of which a page must hold for the pattern to be tried
(:func:`_anchors`), and the pattern."""
_ANCHOR_WORDS = sorted({a for _, anchors, _ in _CONTACT_PATTERNS for a in anchors})
_ANCHOR_AUTOMATON = ahocorasick_rs.AhoCorasick(_ANCHOR_WORDS)
_ANCHOR_CHANNELS = tuple(frozenset(k for k, (_, anchors, _) in enumerate(_CONTACT_PATTERNS) if word in anchors)
                         for word in _ANCHOR_WORDS)


def _channels_anchored(folded: str) -> set[int]:
    """Indexes into _CONTACT_PATTERNS of the channels one of whose anchors ``folded`` holds: one
    pass of every anchor's occurrences (overlapping: an anchor inside another's is found too), not
    a scan of the text per anchor (31 of them)."""
    found: set[int] = set()
    for word, _, _ in _ANCHOR_AUTOMATON.find_matches_as_indexes(folded, overlapping=True):
        found |= _ANCHOR_CHANNELS[word]
    return found


_BARE_DOMAIN = re.compile(_DOMAIN)
# Domains are found from their top-level label (a plain scan, ~100x faster than the full pattern),
# then matched in full from the start of the token that carries it.
_TLD_DOT = re.compile(rf"\.(?:{_TLDS})(?![a-z0-9-])")
_NOT_TOKEN = re.compile(r"[^a-z0-9.:/-]")


def _token_start(folded: str, lo: int, end: int) -> int:
    """Where ``re.compile(r"[a-z0-9.:/-]*$").search(folded, lo, end)`` matches (the address token
    ending at ``end``; ``$`` also before a newline at ``end - 1``), read backwards from ``end`` instead
    of trying the pattern at every position of the window."""
    stop = end - 1 if end > lo and folded[end - 1] == "\n" else end
    m = _NOT_TOKEN.search(folded[lo:stop][::-1])
    return stop - m.start() if m else lo
_OFFICIAL_HOST = re.compile(r"\.(?:gov|edu|mil)(?:\.cn)?(?![a-z0-9-])|\.org\.cn(?![a-z0-9-])")


@dataclass(frozen=True)
class SpamHit:
    """One injected run: ``kind`` is gambling, adult, contact, offer or insertion; ``span`` what to remove."""

    kind: str
    span: Span
    term: str | None
    signals: tuple[str, ...]
    line: int
    template: str | None = None
    probability: float | None = None
    """The clause scorer's probability, when the learned scorer found or confirmed the run."""


@dataclass(frozen=True)
class _Lexicon:
    automaton: ahocorasick_rs.AhoCorasick
    terms: tuple[tuple[str, str, str], ...]  # (term, kind, tier)
    collocations: tuple[str, ...]
    cues: tuple[str, ...]
    offer_words: tuple[tuple[str, str], ...]  # (word, role), longest first
    offer_pattern: re.Pattern[str]  # the offer words as one alternation, longest first
    offer_roles: dict[str, str]
    offer_reach: int  # the longest offer word's length
    action_words: frozenset[str]  # offer words of role "action" (官网, 注册, 开户)
    closing_words: tuple[str, ...]  # offer words of role "closing": they close a brand's offer
    acronyms: frozenset[str]
    longest: int
    term_set: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The curated spam data, loaded once and compiled into one automaton."""
    terms: dict[str, tuple[str, str, str]] = {}
    for term, tier in data.read_rows("spam_gambling_terms.tsv"):
        terms[fold(term)] = (fold(term), "gambling", tier.strip())
    for (term,) in data.read_rows("spam_adult_terms.txt"):
        terms.setdefault(fold(term), (fold(term), "adult", "offer"))
    ordered = tuple(terms.values())
    automaton = ahocorasick_rs.AhoCorasick([t for t, _, _ in ordered],
                                           matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA)
    offer = sorted(((fold(w), r.strip()) for w, r in data.read_rows("spam_offer_words.tsv")),
                   key=lambda wr: -len(wr[0]))
    collocations = tuple(fold(c) for (c,) in data.read_rows("spam_legit_collocations.txt"))
    cues = tuple(fold(c) for (c,) in data.read_rows("spam_exemption_cues.txt"))
    return _Lexicon(
        automaton=automaton,
        terms=ordered,
        collocations=collocations,
        cues=cues,
        offer_words=tuple(offer),
        offer_pattern=re.compile("|".join(re.escape(w) for w, _ in offer)),
        offer_roles=dict(reversed(offer)),
        offer_reach=max(len(w) for w, _ in offer),
        action_words=frozenset(w for w, role in offer if role == "action"),
        closing_words=tuple(w for w, role in offer if role == "closing"),
        acronyms=frozenset(a.strip().lower() for (a,) in data.read_rows("spam_known_acronyms.txt")),
        longest=max(len(t) for t, _, _ in ordered),
        term_set=frozenset(terms),
    )


def lexicon_terms() -> list[str]:
    """The offer terms the automaton matches (for benchmarks and documentation)."""
    return [t for t, _, _ in lexicon().terms]


def spam_hits(doc: Document, ctx: BatchContext) -> list[SpamHit]:
    """Every injected run of the document, merged (one hit per run) and in text order; on an HTML
    page only runs in what is read (:func:`html.read_ranges`), not in markup, scripts or styles."""
    def compute() -> list[SpamHit]:
        if not html.is_html(doc):
            return _families(doc, _recurrences(doc, _split_repeats(doc, _repeated_name_hits(doc, ctx, _own_text_dropped(
                doc, _refined(doc, _all_hits(doc, ctx)))))))
        read = _as_read(doc, ctx)
        return _read_on_page(doc, _families(read, _recurrences(read, _split_repeats(read, _repeated_name_hits(
            read, ctx, _own_text_dropped(read, _refined(read, _all_hits(read, ctx))))))))
    return doc.batch_memo(ctx, "spam_hits", compute)


def prepare_group(docs: Sequence[Document], ctx: BatchContext) -> None:
    """The spam family's group hook (:attr:`~scrapegate.checks.registry.Family.prepare`): the clause
    scorer's numbers of the group's plain-text documents computed at once (:func:`.clause_scores.score_group`)
    and kept on each document's view, where :func:`spam_hits` reads them; the same numbers it computes
    alone. An HTML page's view is its read text's, made when its hits are (not kept here).

    >>> group = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(["县政府召开常务会议。", "pp电子娱乐官网注册送88"])]
    >>> prepare_group(group, BatchContext.build(group))
    >>> [float(spam_view_of(doc).clause_scores(_scorer()).probs.max()) > 0.5 for doc in group]
    [False, True]
    """
    sc = _scorer()
    views = [spam_view_of(doc) for doc in docs if not html.is_html(doc)]
    for view, scores in zip(views, score_group([view.text for view in views], sc, WINDOW)):
        if scores is not None:
            view.take_group_scores(sc, scores)


def _all_hits(doc: Document, ctx: BatchContext) -> list[SpamHit]:
    """:func:`merged_hits` and the offer rows in the chrome (:func:`_offer_row_hits`), added after
    them so the hits the extent trainer reads around (``merged_hits``) stay as they were; a row and a
    hit that overlap become one run in :func:`_refined`."""
    rows = _offer_row_hits(doc, ctx)
    hits = merged_hits(doc, ctx)
    return sorted(hits + rows, key=lambda h: (h.span.start, h.span.end)) if rows else hits


OFFER_ROW_PROBABILITY = 0.5
ROW_ITEM_MAX_CHARS = 40
"""An injected row's item is one short offer and its id; a site's footer line runs longer."""
_ROW_SEPARATOR = re.compile(r"[ \t]*\|[ \t]*")
_ROW_LABEL = re.compile(r"[^:|\n]{1,8}:[ \t]*")


def _offer_row_hits(doc: Document, ctx: BatchContext) -> list[SpamHit]:
    """A row of links in the site's chrome (``相关推荐:A | B | C``, ``友情链接:…``) whose items are offers:
    the contact and lexicon signals skip the chrome (a site's own QQ line, its partners' names), but
    a site's own row lists its sections and partners, never loans, escorts or betting with foreign
    contact ids. A line of one item and no label counts only as an offer its contact closes
    (:func:`_offer_line`). At least half of the row's items (a label's one item alone) must be offers: at most
    ROW_ITEM_MAX_CHARS, an address or a contact id that is no official one and no publisher's own
    labelled channel, and words that score OFFER_ROW_PROBABILITY with and without the ids; the hit
    is the row after its label from the first to the last item that is the hack's (an offer, or an
    unofficial id or address, or words scoring as spam: their words disguised or too short to score
    alone), one injected run.

    >>> from scrapegate.checks.context import BatchContext
    >>> text = "某县新闻\\n县政府召开常务会议。\\n\\n相关推荐:黑户秒批贷款,qq:482857012 | 详情http://www.bbin97247.me\\n"
    >>> doc = Document.from_text("x.txt", text)
    >>> [text[h.span.start:h.span.end] for h in _offer_row_hits(doc, BatchContext.build([doc]))]
    ['黑户秒批贷款,qq:482857012 | 详情http://www.bbin97247.me']
    """
    view = view_of(doc)
    folded = view.text if view.same_offsets else folded_text(doc)
    hits: list[SpamHit] = []
    own = _url_domain(doc)
    for block in chrome_blocks(doc, ctx):
        at = block.span.start
        for line in folded[block.span.start:block.span.end].split("\n"):
            start, at = at, at + len(line) + 1
            label = _ROW_LABEL.match(line)
            body = label.end() if label else 0
            items = []
            for piece in _ROW_SEPARATOR.split(line[body:]):
                offset = line.index(piece, body) if piece else body
                items.append((start + offset, start + offset + len(piece)))
                body = offset + len(piece)
            if len(items) < 2 and not label and not _offer_line(folded, *items[0], own):
                continue
            offers = [(a, b) for a, b in items if _offer_item(folded, a, b)]
            if offers and 2 * len(offers) >= len(items):
                kept = [(a, b) for a, b in items if (a, b) in offers or _row_item(folded, a, b)]
                hits.append(SpamHit("offer", Span(kept[0][0], kept[-1][1]), None, ("offer-row",),
                                    line_number(doc, kept[0][0])))
    return hits


def _offer_line(folded: str, a: int, b: int, own: str | None = None) -> bool:
    """A chrome line that is one offer closed by its contact (``發票代開點,www.ob58416.cc``,
    ``無視黑白秒批 https://pp4823.vip``): an offer item (:func:`_offer_item`) whose unofficial id or
    address ends the line, and whose words still offer something once the address's and the
    action's labels (网址, 官网, 注册, app) are left out. A line of the site's own chrome that names
    an address starts with it or with its label (``to.net fans : 你不觉的…``, a commenter's byline;
    ``官方网站:www.…``), and a line the feed pass takes for a record is the hack's only when it reads
    as an offer before the contact it ends on. An address of the page's own site (``own``, from its
    URL) is the site's link (``手机版 m.example.com``).

    >>> _offer_line("发票代开点,www.ob58416.cc", 0, 22), _offer_line("to.net fans : 你真无聊吗?", 0, 18)
    (True, False)
    >>> _offer_line("官方网站:www.abc123.com", 0, 19)
    False
    """
    line = folded[a:b].rstrip()
    ids = [m.end() for m in _CONTACT_ID.finditer(line)] + [m.end() for m in _HOST_IN.finditer(line)]
    if not ids or max(ids) != len(line) or not _offer_item(folded, a, a + len(line)):
        return False
    if own and any(registrable_domain(m.group(1)) == own for m in _HOST_IN.finditer(line)):
        return False
    words = _LINE_LABEL.sub("", _HOST_IN.sub("", _CONTACT_ID.sub("", line)))
    return han_count(words) >= 2 and scorer_probability(words) >= OFFER_ROW_PROBABILITY


_LINE_LABEL = re.compile("|".join(map(re.escape, sorted({*_ADDRESS_LABELS, *lexicon().action_words}, key=len, reverse=True))))


def _row_item(folded: str, a: int, b: int) -> bool:
    """An item of an offer row that is the hack's too: an id or an address that is no official one, or
    words the scorer reads as spam (a lottery tip)."""
    item = folded[a:b]
    hosts = [m.group(1) for m in _HOST_IN.finditer(item)]
    if hosts and not all(map(_official_host, hosts)):
        return True
    return bool(_CONTACT_ID.search(item)) or scorer_probability(item) >= OFFER_ROW_PROBABILITY


def _offer_item(folded: str, a: int, b: int) -> bool:
    """An item of a chrome row that is an offer with a contact: see :func:`_offer_row_hits`."""
    item = folded[a:b]
    contact = _CONTACT_ID.search(item) or _HOST_IN.search(item)
    if contact is None or len(item) > ROW_ITEM_MAX_CHARS:
        return False
    words = _HOST_IN.sub("", _CONTACT_ID.sub("", item))
    if not _IS_HAN.search(words) or scorer_probability(words) < OFFER_ROW_PROBABILITY:
        return False  # the item's words, its ids left out, offer something (详情, 秒批贷款), not a time or a name
    hosts = [m.group(1) for m in _HOST_IN.finditer(item)]
    if hosts and all(map(_official_host, hosts)):
        return False
    if _own_contact_line(folded, a + contact.start(), lexicon()):
        return False
    return scorer_probability(item) >= OFFER_ROW_PROBABILITY


RECURRENCE_SIGNALS = frozenset({"glued-run", "learned", "latin-brand", "institution-slot", "brand-core",
                                "organisation-slot", "title-suffix", "owner-slot"})
"""Signals that find a brand or a name where a listed term would not: their run's other occurrences
are found by :func:`_recurrences` (a listed term's are found by the lexicon itself)."""
RECURRENCE_MIN_CHARS = 3
RECURRENCE_MAX_CHARS = 16
SHORT_RECURRENCE_MIN_COUNT = 3
"""A two-character run (皇冠) recurs as a substituted name only when the page writes it this often:
a hack substitutes the name at every place it stood."""
RECURRENCE_GUESS_SLACK = 6
"""A scorer's guess overlapping another occurrence of a found run gives way to it when at most this
much longer (a guess over a whole line or sentence is a run of its own)."""


def _may_recur(text: str, hit: SpamHit, run: str) -> bool:
    """``run``, ``hit``'s text, is looked for elsewhere on the page by :func:`_recurrences`: found by
    one of RECURRENCE_SIGNALS, no contact, RECURRENCE_MIN_CHARS to RECURRENCE_MAX_CHARS long (two
    characters when the page writes them SHORT_RECURRENCE_MIN_COUNT times), two Han characters or
    more, on one line."""
    return not (not RECURRENCE_SIGNALS.intersection(hit.signals) or hit.kind == "contact"
                or not RECURRENCE_MIN_CHARS <= len(run) <= RECURRENCE_MAX_CHARS
                and not (len(run) == 2 and text.count(run) >= SHORT_RECURRENCE_MIN_COUNT)
                or han_count(run) < 2 or "\n" in run)


def _recurrences(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """A short run found once is the injection wherever else its exact text stands: a hacked page
    substitutes its brand for a name every time the name occurs (``延安大学[必一体育]院长 …
    [必一体育]党总支``), and the signal that found one occurrence may miss the others (another slot,
    another clause). Occurrences in legitimate wording (a collocation, an enforcement sentence) stay
    exempt, and an occurrence inside a longer Latin token (``bat365`` in ``xbat3650``) is none.

    >>> text = "俄罗斯贵宾会赞助的高校赛开幕。\\n学院与俄罗斯贵宾会合作办学。"
    >>> hit = SpamHit("gambling", Span(0, 6), "俄罗斯贵宾会", ("learned",), 1, probability=0.96)
    >>> [(h.span.start, h.span.end, h.signals) for h in _recurrences(Document.from_text("p.txt", text), [hit])]
    [(0, 6, ('learned',)), (19, 25, ('learned', 'recurrence'))]
    """
    if not hits:
        return hits
    text = doc.text
    folded: str | None = None
    # (start, end, a scorer's guess that a found run's exact text may replace)
    # Kept sorted: the spans overlapping an occurrence start before its end and, none being longer
    # than the longest, after its start - longest (a scan of every span per occurrence cost the
    # square of the hits on a page that writes its brand hundreds of times).
    taken = sorted((h.span.start, h.span.end, set(h.signals) <= _GUESS_SIGNALS) for h in hits)
    longest = max(0, max(b - a for a, b, _ in taken))
    last_taken: tuple[int, int, bool] | None = None
    replaced: set[tuple[int, int]] = set()
    added: list[SpamHit] = []
    seen: set[str] = set()
    for hit in hits:
        run = text[hit.span.start:hit.span.end]
        if run in seen or not _may_recur(text, hit, run):
            continue
        seen.add(run)
        at = text.find(run)
        while at >= 0:
            end = at + len(run)
            # A short guess over part of the occurrence (电子与[亚洲bet356体育]在线官网) gives way to
            # the found run's exact text; an exact signal's hit there stands.
            lo, hi = bisect.bisect_right(taken, (at - longest, math.inf)), bisect.bisect_left(taken, (end,))
            overlaps = [t for t in taken[lo:hi] if at < t[1]]
            if ((at, end) != (hit.span.start, hit.span.end) and not _inside_latin_token(text, at, end)
                    and all(guess and b - a <= len(run) + RECURRENCE_GUESS_SLACK for a, b, guess in overlaps)):
                if folded is None:
                    folded = folded_text(doc)
                if not _exempt_in_place(folded, at, end, lexicon()):
                    replaced.update((a, b) for a, b, _ in overlaps)
                    # The spans replaced leave; so does the occurrence taken last when its span is
                    # among them (every other span left when its span was replaced).
                    taken[lo:hi] = [t for t in taken[lo:hi] if not at < t[1]]
                    if last_taken is not None and last_taken[:2] in replaced:
                        k = bisect.bisect_left(taken, last_taken)
                        if k < len(taken) and taken[k] == last_taken:
                            del taken[k]
                    last_taken = (at, end, False)
                    bisect.insort(taken, last_taken)
                    longest = max(longest, end - at)
                    added.append(dataclasses.replace(hit, span=Span(at, end), line=line_number(doc, at),
                                                     signals=hit.signals + ("recurrence",)))
            at = text.find(run, end)
    if not added:
        return hits
    kept = [h for h in hits if (h.span.start, h.span.end) not in replaced]
    return sorted(kept + added, key=lambda h: (h.span.start, h.span.end))


REPEAT_MIN_CHARS = 5
REPEAT_MAX_CHARS = 24
REPEAT_GAP_MIN_HAN = 3
REPEAT_HOST_PROBABILITY = 0.5
"""A scorer's guess holding one string twice or more (``[X]在南校区…举行[X]``, ``[X]的男同事们\n在[X]
总经理``), the string REPEAT_MIN_CHARS to REPEAT_MAX_CHARS long with two Han characters, is those
occurrences when what lies between each two of them reads as the host's text (REPEAT_GAP_MIN_HAN
Han characters or more, scoring below REPEAT_HOST_PROBABILITY): a hack writes its brand where the
name stood each time, and the scorer's run over two of them swallows the host's words between. A
keyword-stuffed line repeats its words with separators or other keywords between, and stays whole."""


_KEYWORD_JOIN = re.compile(r"[_|]|(?<=[^\W\d_])-(?=[^\W\d_])")
"""How a keyword-stuffed title line joins its keywords (_, |, - between words): between two occurrences
of one string it is no host's prose (``…在线蜜桃-亚洲最大…在线视频-…``), and the line stays whole."""
_REPEAT_SEPARATORS = r"\s|_,,、;;。::!!??"
_REPEAT_BREAK = re.compile(f"[{_REPEAT_SEPARATORS}]")
# the stretch between the first and last character that is no separator (a full-width space is one)
_REPEAT_PIECE = re.compile(f"[^{_REPEAT_SEPARATORS}](?:[\\s\\S]*[^{_REPEAT_SEPARATORS}])?")


def _repeated(run: str) -> str | None:
    """The longest string written at least twice in ``run`` (REPEAT_MIN_CHARS..REPEAT_MAX_CHARS
    characters, two Han, no space, line break or separator in it), or None; of one length, the one
    whose second occurrence comes first."""
    shortest = [run[i:i + REPEAT_MIN_CHARS] for i in range(len(run) - REPEAT_MIN_CHARS + 1)]
    counts = Counter(shortest)
    if len(counts) == len(shortest):
        return None  # a longer string written twice would hold a repeated shortest one
    # Both occurrences of a repeated string start where every shortest string inside it is repeated:
    # only the stretches of such starts are read, and no string longer than a stretch allows.
    stretches: list[tuple[int, int]] = []
    for i, piece in enumerate(shortest):
        if counts[piece] < 2:
            continue
        if stretches and stretches[-1][1] == i:
            stretches[-1] = (stretches[-1][0], i + 1)
        else:
            stretches.append((i, i + 1))
    longest = max(b - a for a, b in stretches) + REPEAT_MIN_CHARS - 1
    for size in range(min(len(run) // 2, REPEAT_MAX_CHARS, longest), REPEAT_MIN_CHARS - 1, -1):
        first: set[str] = set()
        for a, b in stretches:
            for i in range(a, b - size + REPEAT_MIN_CHARS):
                piece = run[i:i + size]
                if piece in first:
                    if not _REPEAT_BREAK.search(piece) and han_count(piece) >= 2:
                        return piece
                else:
                    first.add(piece)
    return None


def _split_repeats(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """A scorer's guess over several occurrences of one string, host text between, as those
    occurrences (:data:`REPEAT_MIN_CHARS`).

    >>> text = "5月27日,abc太阳集团网址在南校区第二教学楼举行abc太阳集团网址党总支换届大会。"
    >>> hit = SpamHit("offer", Span(6, 35), "x", ("learned",), 1, probability=0.97)
    >>> [text[h.span.start:h.span.end] for h in _split_repeats(Document.from_text("p.txt", text), [hit])]
    ['abc太阳集团网址', 'abc太阳集团网址']
    """
    out: list[SpamHit] = []
    for hit in hits:
        run = doc.text[hit.span.start:hit.span.end]
        core = (_repeated(run) if hit.probability is not None and "stuffed-line" not in hit.signals
                and "whole-list" not in hit.signals and len(run) > 2 * REPEAT_MIN_CHARS else None)
        if core is None:
            out.append(hit)
            continue
        pieces = run.split(core)  # the occurrences of core, not overlapping, and what lies between
        starts, at = [], 0
        for gap in pieces[:-1]:
            at += len(gap)
            starts.append(at)
            at += len(core)
        if (len(starts) < 2 or _scorer().probability(core) < REPEAT_HOST_PROBABILITY
                or any(han_count(gap) < REPEAT_GAP_MIN_HAN or _KEYWORD_JOIN.search(gap)
                       or _scorer().probability(gap) >= REPEAT_HOST_PROBABILITY for gap in pieces[1:-1])):
            # the repeated string is the host's words (南校区党委书记) around a brand: the run stays whole
            out.append(hit)
            continue
        spans = [(at, at + len(core)) for at in starts]
        # what the run holds before the first occurrence or after the last is a run of its own when
        # it reads as spam too (another brand glued to the first)
        for a, b in ((0, starts[0]), (starts[-1] + len(core), len(run))):
            piece = _REPEAT_PIECE.search(run, a, b)
            if (piece and han_count(piece.group()) >= 2
                    and _scorer().probability(piece.group()) >= REPEAT_HOST_PROBABILITY):
                spans.append(piece.span())
        for a, b in sorted(spans):
            s = hit.span.start + a
            out.append(dataclasses.replace(hit, span=Span(s, hit.span.start + b), term=run[a:b],
                                           line=line_number(doc, s)))
    return out


FAMILY_JOIN_GAP = 2
_LIST_SEPARATORS = " \t\r\n•·,,、;;|_-"
"""Two forms of a brand with only these between them (``[半岛网页版],[半岛(中国)]``, one per line) are
one injected run."""


def _joined(last: SpamHit, hit: SpamHit) -> SpamHit:
    """Two overlapping or adjacent hits as one, as :func:`merged_hits` merges: the most telling kind
    leads, the highest probability stands."""
    lead = min((last, hit), key=lambda h: _KIND_PRIORITY[h.kind])
    probabilities = [h.probability for h in (last, hit) if h.probability is not None]
    return dataclasses.replace(lead, span=Span(last.span.start, max(last.span.end, hit.span.end)),
                               signals=tuple(dict.fromkeys(last.signals + hit.signals)),
                               line=last.line, probability=max(probabilities, default=None))


def _families(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """A found brand's other forms (:func:`brand_family.family_runs`: ``开云足球`` once ``开云(中国)`` is
    found in a slot) as runs of their own, then every found run that recurs grown to the whole string
    its occurrences share (:func:`brand_family.repeated_extent`); occurrences in legitimate wording
    stay exempt, and hits that come to overlap become one."""
    named = [h for h in hits if RECURRENCE_SIGNALS.intersection(h.signals) and h.kind != "contact"]
    if not named:
        return hits
    folded = folded_text(doc)
    lex = lexicon()
    taken = [(h.span.start, h.span.end) for h in hits]
    added: list[SpamHit] = []
    cores: set[str] = set()
    index: SpanIndex | None = None  # of taken, made again only after taken grows
    for hit in named:
        if hit.kind != "gambling":
            continue
        core = brand_family.brand_core(folded[hit.span.start:hit.span.end])
        if core is None or core in cores:
            continue
        cores.add(core)
        if index is None:
            index = SpanIndex(taken)
        for s, e in brand_family.family_runs(folded, core, taken, index,
                                             found=folded[hit.span.start:hit.span.end]):
            if not _exempt_in_place(folded, s, e, lex):
                index = None
                taken.append((s, e))
                added.append(dataclasses.replace(hit, span=Span(s, e), line=line_number(doc, s),
                                                 term=doc.text[s:e], signals=hit.signals + ("brand-family",)))
    hits = sorted(hits + added, key=lambda h: (h.span.start, h.span.end))
    by_run: dict[str, list[int]] = {}
    for k, hit in enumerate(hits):
        if RECURRENCE_SIGNALS.intersection(hit.signals) and hit.kind == "gambling":
            by_run.setdefault(folded[hit.span.start:hit.span.end], []).append(k)
    for ks in by_run.values():
        if len(ks) < 2:
            continue
        grown = brand_family.repeated_extent(folded, [(hits[k].span.start, hits[k].span.end) for k in ks])
        for k, (s, e) in zip(ks, grown):
            if (s, e) != (hits[k].span.start, hits[k].span.end):
                hits[k] = dataclasses.replace(hits[k], span=Span(s, e), line=line_number(doc, s))
    for k, hit in enumerate(hits):
        # the offer words a found brand's string goes on with up to its clause's end are the brand's
        # (read after its occurrences are grown alike: the words glued to one are no others')
        # (a name the page repeats is such a brand too), and a country's head before a found name (中国·X)
        if hit.kind != "contact" and (RECURRENCE_SIGNALS.intersection(hit.signals) or "repeated-name" in hit.signals):
            start = brand_family.head_start(folded, hit.span.start)
            end = brand_family.tail_end(folded, hit.span.end) if hit.kind == "gambling" else hit.span.end
            if (start, end) != (hit.span.start, hit.span.end):
                hits[k] = dataclasses.replace(hit, span=Span(start, end), term=doc.text[start:end])
    hits.sort(key=lambda h: (h.span.start, h.span.end))
    out: list[SpamHit] = []
    for hit in hits:
        if out and (hit.span.start < out[-1].span.end or (
                hit.kind == out[-1].kind == "gambling" and "brand-family" in hit.signals + out[-1].signals
                and hit.span.start - out[-1].span.end <= FAMILY_JOIN_GAP
                and not doc.text[out[-1].span.end:hit.span.start].strip(_LIST_SEPARATORS))):
            out[-1] = _joined(out[-1], hit)
            continue
        out.append(hit)
    return out


def _inside_latin_token(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` begins or ends in ASCII glued to a Latin letter or digit outside it (``bat365``
    in ``xbat3650``): part of a longer token, not an occurrence of the run."""
    def latin(c: str) -> bool:
        return c.isascii() and c.isalnum()
    return (text[start].isascii() and start > 0 and latin(text[start - 1])
            or text[end - 1].isascii() and end < len(text) and latin(text[end]))


def _as_read(doc: Document, ctx: BatchContext) -> Document:
    """An HTML page as its reader sees it: the same document with markup blanked (:func:`html.read_text`);
    same offsets, lines, parsed page and so the same chrome (the page's, not computed again)."""
    decoded = dataclasses.replace(doc.decoded, text=html.read_text(doc))
    return dataclasses.replace(doc, decoded=decoded, _memo={"html_page": html.page(doc)},
                               _batch_memo={"chrome_analysis": chrome_analysis(doc, ctx)}, _batch=ctx)


def _read_on_page(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """The hits that overlap text a reader or a search engine reads (CSS class names and ``v:shapes``
    attributes look like brands and contact ids to the text signals)."""
    ranges = html.read_ranges(doc)
    ends = [b for _, b in ranges]
    out = []
    for hit in hits:
        k = bisect.bisect_right(ends, hit.span.start)
        if k < len(ranges) and ranges[k][0] < hit.span.end:
            out.append(hit)
    return out


EXACT_EXTENT_SIGNALS = frozenset({"institution-slot", "organisation-slot", "brand-core", "sibling-diff", "offer-row",
                                  "keyword-line", "link-list", "bare-sentence", "closing-line",
                                  "lottery-tip", "foreign-script", "bare-clause"})
"""Hits whose span is exact by construction (a brand in a slot, a sibling diff, a tip's own line):
the learned extent model leaves them as they are."""


_GUESS_SIGNALS = frozenset({"learned", "whole-clause", "stuffed-line"})
MIN_GUESS_CHARS = 2
"""A scorer's guess the extent model cuts to fewer letters, digits or Han characters than this is
dropped: one character is no injected run (``Happ|y`` of a film title in a table cell)."""
_TITLE_GLUE = frozenset("_|-")


def _title_glued(text: str, i: int) -> bool:
    """A title separator at ``i`` written with no space, joining keywords into one run
    (明升体育_m88体育官网-app|下载), not a date's or a number's dash (2023-01-31)."""
    return (0 <= i < len(text) and text[i] in _TITLE_GLUE
            and not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()))


_GLUED_KEYWORD = re.compile(f"[a-z0-9{_HAN}]{{2,{learned.TITLE_KEYWORD_CHARS}}}")


def _glued_keyword(text: str, start: int, end: int, sc: model.ClauseScorer, *,
                   grow_start: bool, grow_end: bool) -> tuple[int, int]:
    """``start:end`` grown over the keyword glued to it by a title separator on either side it may grow
    on (金狮国际_[js66体育官网]), where the model did not grow: the keyword (name characters between
    the separator and a break) is an unlisted brand or offer by the test the model's growth takes
    (:data:`.extent.UNORDINARY_SHARE` of its Han pairs unseen in ordinary text, or the scorer's
    GROW_SCORE alone) and the joined run scores GROW_SCORE as a whole: a host never glues its own
    words to a brand without a space."""
    if grow_start and _title_glued(text, start - 1):
        m = _GLUED_KEYWORD.search(text, max(0, start - 1 - learned.TITLE_KEYWORD_CHARS), start - 1)
        while m is not None and m.end() < start - 1:
            m = _GLUED_KEYWORD.search(text, m.end(), start - 1)
        if m is not None and m.end() == start - 1 and _joinable(text[m.start():m.end()], text[m.start():end], sc):
            start = m.start()
    if grow_end and _title_glued(text, end):
        m = _GLUED_KEYWORD.match(text, end + 1)
        if m is not None and _joinable(m.group(), text[start:m.end()], sc):
            end = m.end()
    return start, end


def _joinable(keyword: str, joined: str, sc: model.ClauseScorer) -> bool:
    pairs = sum(1 for a, b in zip(keyword, keyword[1:]) if han_count(a + b) == 2)
    unordinary = extent.unordinary_han_pairs(keyword)
    return (sum(c.isalnum() for c in keyword) >= extent.MIN_GROWTH and sc.probability(joined) >= extent.GROW_SCORE
            and ((pairs and unordinary / pairs >= extent.UNORDINARY_SHARE) or sc.probability(keyword) >= extent.GROW_SCORE))


_CONTACT_ID = re.compile(rf"(?:{_EVERY_LABEL})群?[ :：号]{{0,3}}@?[a-z0-9_.-]{{5,}}|(?:https?://|www\.)[a-z0-9./_-]{{4,}}")
_CLAUSE_CLOSE = "。!?;\n"


def _host_clause_cut(doc: Document, view: learned.SpamView, hit: SpamHit, sc: model.ClauseScorer) -> list[SpamHit]:
    """``hit`` without the host's words glued after a contact id or an address inside it: an offer
    is written before its id (约炮 vx:…), so when a hack glues it into a sentence, the rest of that
    clause is the host's (…vx:zx522743[共商发展大计], …qq622294907[平安稳定测评连续4年居全省前列。]) unless it
    scores spam by itself (稳赚不赔). The hit is cut there; a run after that clause stays a run.

    The tail always opens with a Han character (:func:`_contact_ends` finds only ids glued to Han), so
    the first version's test that it does (``_IS_HAN.match(tail)``) holds by construction. The drop test is weaker
    than :func:`_host_split`'s (under GROW_SCORE with two Han characters, where that one wants
    HOST_SCORE, four Han characters and no Latin or digits) because it reads only the clause after a
    labelled id, where an offer never continues; it reads no unlabelled token (see
    :func:`_contact_end`)."""
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    parts: list[tuple[int, int]] = []
    at = vs
    for end in _contact_ends(text, vs, ve):
        close = min((i for i in (text.find(c, end, ve) for c in _CLAUSE_CLOSE) if i >= 0), default=ve)
        tail = text[end:close]
        if end < at or han_count(tail) < 2 or sc.probability(tail) >= extent.GROW_SCORE:
            continue
        parts.append((at, end))
        at = close + 1 if close < ve and text[close] != "\n" else close
        while at < ve and text[at] in " \t\n":
            at += 1
    if not parts:
        return [hit]
    if at < ve:
        parts.append((at, ve))
    out = []
    for a, b in parts:
        s, e = view.source_span(a, b)
        if e > s:
            out.append(dataclasses.replace(hit, span=Span(s, e), line=line_number(doc, s), term=doc.text[s:e]))
    return out


def _whole_keywords(text: str, start: int, end: int, a: int, b: int) -> tuple[int, int]:
    """The extent ``a:b`` read for a guess ``start:end`` that has a stuffed line's shape, with an
    edge the model cut inside a keyword moved back to that keyword's edge: such a line is made of
    whole keywords, so the model may drop one (the host's) but not cut one in half."""
    keywords = learned.stuffed_keywords(text, start, end)
    for ks, ke in keywords or ():
        if ks < a < ke:
            a = ks
        if ks < b < ke:
            b = ke
    return a, b


def _respanned(doc: Document, hit: SpamHit, s: int, e: int) -> SpamHit:
    """``hit`` moved to ``s:e``: its term stays when the new span still holds the old one, else the
    span's text is the term."""
    return dataclasses.replace(hit, span=Span(s, e), line=line_number(doc, s),
                               term=hit.term if s <= hit.span.start and hit.span.end <= e else doc.text[s:e])


def _refined(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """Each hit's span as the learned extent model (:mod:`.extent`) reads the run around it; hits
    that come to overlap become one."""
    if not hits:
        return hits
    view = spam_view_of(doc)
    sc = _scorer()
    # An exact signal's span (a listed term, a contact id, a brand) is part of the run: it only
    # grows; a scorer's guess may also be cut. All of a page's hits are read in one pass.
    reads: dict[int, tuple[int, int, bool]] = {}
    glued: set[int] = set()
    for k, hit in enumerate(hits):
        vs, ve = view.view_offsets([hit.span.start, hit.span.end])
        if not EXACT_EXTENT_SIGNALS.intersection(hit.signals):
            reads[k] = (vs, ve, set(hit.signals) <= _GUESS_SIGNALS)
        elif _title_glued(view.text, vs - 1) or _title_glued(view.text, ve):
            reads[k] = (vs, ve, False)
            glued.add(k)
    order = list(reads)
    runs = dict(zip(order, extent.refine(view.text, list(reads.values()), sc, view.ngrams(sc),
                                         frozenset(i for i, k in enumerate(order) if k in glued))))
    refined: list[SpamHit] = []
    for k, hit in enumerate(hits):
        if k in glued:
            # An exact span glued by a title separator to more of a keyword run
            # (明升体育_[m88体育官网]-app|下载): the run grows across that separator only.
            vs, ve, _ = reads[k]
            a, b = runs[k]
            a = a if a < vs and _title_glued(view.text, vs - 1) else vs
            b = b if b > ve and _title_glued(view.text, ve) else ve
            a, b = _glued_keyword(view.text, a, b, sc, grow_start=a == vs, grow_end=b == ve)
            a, b = extent.glued_edges(view.text, a, b) if b > ve else (a, b)
            s, e = view.source_span(a, b)
            if (s, e) != (hit.span.start, hit.span.end):
                hit = dataclasses.replace(hit, span=Span(s, e), line=line_number(doc, s))
        elif k in reads:
            vs, ve, guess = reads[k]
            a, b = runs[k]
            if guess:
                a, b = _whole_keywords(view.text, vs, ve, a, b)
                # A guess never ends inside a site's offer word (必赢76net线|路): the scorer weighs
                # the word's second character by the host's use of it (线路 of a power line).
                while (grown := extent.glued_tail_end(view.text, a, b)) is not None:
                    b = grown
            if not guess and hit.kind in ("gambling", "adult", "offer"):
                a, b = extent.glued_edges(view.text, a, b)
            s, e = view.source_span(a, b)
            if guess and sum(c.isalnum() for c in doc.text[s:e]) < MIN_GUESS_CHARS:
                continue
            if e > s and (s, e) != (hit.span.start, hit.span.end):
                hit = _respanned(doc, hit, s, e)
        refined.extend(_host_clause_cut(doc, view, hit, sc))
    refined = [_edged(doc, view, hit, sc) for hit in refined]
    refined.sort(key=lambda h: (h.span.start, h.span.end))
    out: list[SpamHit] = []
    for hit in refined:
        # Hits that touch (no character between them: 威廉希尔威廉希尔) are one run too.
        if out and hit.span.start <= out[-1].span.end:
            out[-1] = _joined(out[-1], hit)
            continue
        out.append(hit)
    hits = _pitch_sentences(doc, view, [piece for hit in out for piece in _host_split(doc, view, hit, sc)])
    return _wrapped(doc, view, _whole_lists(doc, view, hits, sc))


def _wrapped(doc: Document, view: learned.SpamView, hits: list[SpamHit]) -> list[SpamHit]:
    """Each hit grown over what wraps its run once its edges are settled: a brand's name or site letters beside
    it that spell each other (:func:`.extent.initials_edges`: 新世纪[xsj777登录]), the lines of bare markup around it
    (:mod:`.markup_lines`: a keyword block's empty elements with random ids, kept as text by the scraper) and,
    for a site number found alone, the name glued before it (:func:`_site_number_name_start`); hits the growth
    makes overlap become one."""
    out: list[SpamHit] = []
    for hit in hits:
        vs, ve = view.view_offsets([hit.span.start, hit.span.end])
        if (grown := extent.initials_edges(view.text, vs, ve)) != (vs, ve):
            hit = dataclasses.replace(_respanned(doc, hit, *view.source_span(*grown)),
                                      signals=(*hit.signals, "site-initials"))
            vs, ve = grown
        a, b = markup_lines.markup_grown(view.text, vs, ve)
        if (a, b) != (vs, ve):
            hit = _respanned(doc, hit, *view.source_span(a, b))
            hit = dataclasses.replace(hit, signals=(*hit.signals, "markup-lines"))
        elif (a := _site_number_name_start(view.text, vs, ve)) < vs:
            hit = _respanned(doc, hit, *view.source_span(a, ve))
        if out and hit.span.start < out[-1].span.end:
            hit = _joined(out.pop(), hit)
        out.append(hit)
    return out


def _edged(doc: Document, view: learned.SpamView, hit: SpamHit, sc: model.ClauseScorer) -> SpamHit:
    """``hit`` after each edge pass in turn: a stuffed line whole, a short item whole, no token, bracket
    or offer word cut, an offer's clause whole, no table value at its edges."""
    hit = _stuffed_line(doc, view, hit, sc)
    for step in (_whole_segment, _token_edges, _word_edges, _offer_clause_edge, _offer_sentence, _table_values_cut):
        hit = step(doc, view, hit)
    return hit


OFFER_SENTENCE_CHARS = 32
"""A sentence of its own this short (between sentence ends or line edges) that a found offer opens or closes ..."""
OFFER_SENTENCE_FLOOR = 0.03
"""... is the offer's run when each of its other clauses scores this by itself (host prose scores under 0.01),
holds no function character and is foreign to the page (:func:`_offer_sentence`)."""
_OFFER_SENTENCE_EDGE = re.compile("|".join(map(re.escape, (*_SENTENCE_BREAKS, "!", "?", ":", ":"))))
"""What bounds the sentence an offer is grown to: sentence ends, line breaks, title separators (李老师 - […]) and a
label's colon (热门搜索:[…])."""
_STATEMENT_CHAR = re.compile("[的了是在着过我你他她它们这那其将已被把]")
"""Particles and pronouns a statement holds and an offer's imperative (下载即可领取…, 认准…) does not."""
_SENTENCE_CLOSE = re.compile("[。!?!?]")
_SENTENCE_OPEN = frozenset("。!?!?\n")
"""A sentence of prose, opened after a sentence end or at a line's start and closed by a sentence end: a footer's
or a field's line (…平台公网安备…, 网站标识码) is no sentence."""
_OFFER_SENTENCE_CLAUSE = re.compile(r"[^,,;;::、\s]+")
"""A clause of the sentence around an offer: what stands between its commas, colons and white space."""


def _offer_sentence(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` grown to the short sentence of its own it opens or closes (``。[老虎机]天天返水,认准X贵宾会。``): an
    offer injected as a sentence goes on in words nobody listed, which score low clause by clause (0.05-0.1), but
    no host writes them: each other clause scores OFFER_SENTENCE_FLOOR or more, holds no particle or pronoun
    (的, 了, 是, 在 …: a statement, not an offer) and under half of its Han pairs stand elsewhere on the page. A hit
    that is already the whole sentence is marked so (``offer-sentence``) when its clauses scoring under HOST_SCORE
    pass the same tests: :func:`_host_split` would cut them off as the host's. A brand in an institution's slot (a
    host's sentence with a name substituted) and a contact id keep their spans.

    >>> from scrapegate.checks.document import Document
    >>> doc = Document.from_text("x.txt", "全县经济平稳运行。金樽棋牌手机版上线,下载即可领取新人礼包。下一步继续做好稳就业工作。")
    >>> span = _offer_sentence(doc, spam_view_of(doc), SpamHit("gambling", Span(9, 18), None, ("learned",), 1)).span
    >>> doc.text[span.start:span.end]
    '金樽棋牌手机版上线,下载即可领取新人礼包'
    >>> doc = Document.from_text("x.txt", "全县经济平稳运行。金樽棋牌手机版上线,受到了广大市民的欢迎。")
    >>> _offer_sentence(doc, spam_view_of(doc), SpamHit("gambling", Span(9, 18), None, ("learned",), 1)).span
    Span(start=9, end=18)
    """
    if hit.kind == "contact" or _ID_CONTACTS.intersection(hit.signals) or "institution-slot" in hit.signals:
        return hit
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    if _OFFER_SENTENCE_EDGE.search(text, vs, ve):
        return hit
    lo = max(0, vs - OFFER_SENTENCE_CHARS - 1)
    a = max((m.end() for m in _OFFER_SENTENCE_EDGE.finditer(text, lo, vs)), default=0 if lo == 0 else -1)
    after = _OFFER_SENTENCE_EDGE.search(text, ve, ve + OFFER_SENTENCE_CHARS + 1)
    b = after.start() if after else (len(text) if len(text) - ve <= OFFER_SENTENCE_CHARS else -1)
    if a < 0 or b < 0:
        return hit
    a, b = learned.strip_edges(text, a, b)
    if (not (a <= vs and ve <= b) or b - a > OFFER_SENTENCE_CHARS or (a < vs and ve < b)
            or not _SENTENCE_CLOSE.match(text, b) or not (a == 0 or text[a - 1] in _SENTENCE_OPEN)):
        return hit
    if (a, b) == (vs, ve):  # the pieces the host split would drop as the host's
        sc = _scorer()
        cuts = [a, *(x for m in _PIECE_BREAK.finditer(text, a, b) for x in (m.start(), m.end())), b]
        pieces = [(x, y) for x, y in zip(cuts[::2], cuts[1::2]) if y > x and _host_piece(text[x:y], sc)]
    else:  # the sentence's words outside the hit, clause by clause
        sentence = text[a:vs] + "," * (ve - vs) + text[ve:b]
        pieces = [(a + m.start(), a + m.end()) for m in _OFFER_SENTENCE_CLAUSE.finditer(sentence)]
    rest = text[:a] + "\n" + text[b:]
    pieces = [(s, e) for s, e in pieces if _IS_HAN.search(text, s, e)]
    if not pieces:
        return hit
    for s, e in pieces:
        if (_STATEMENT_CHAR.search(text, s, e) or scorer_probability(text[s:e]) < OFFER_SENTENCE_FLOOR
                or learned.pairs_written(text, s, e, rest, 2)):
            return hit
    s, e = view.source_span(a, b)
    return dataclasses.replace(_respanned(doc, hit, s, e), signals=(*hit.signals, "offer-sentence"))


LIST_LINE_CHARS = 24
"""A line of a link list of spam titles holds at most this many characters (white space aside) ..."""
_LIST_LINE_MARK = re.compile("[。,;:!?()《》“”\"]")
"""... and none of these: a sentence's or a field's marks (the view folds full-width forms)."""
LIST_MIN_ITEMS = 3
LIST_REACH_LINES = 40
"""Lines read each side of a hit for its list (a longer block is read no further)."""


def _list_line(text: str, a: int, b: int) -> bool:
    line = text[a:b].strip()
    return (0 < len(line) <= LIST_LINE_CHARS and not _LIST_LINE_MARK.search(line)
            and _WORD_CHAR.search(line) is not None)


def _list_items(text: str, ls: int, le: int, multiline: bool) -> list[tuple[int, int]]:
    """The items of the list a hit in the line ``text[ls:le]`` stands in: the lines of its block of short
    lines (no blank line, no sentence or field mark, :func:`_list_line`), or, for a hit on that line alone
    (not ``multiline``), the keywords of its keyword-stuffed line (:func:`.learned.stuffed_keywords`, a
    line without a sentence mark); [] when it stands in neither."""
    if _list_line(text, ls, le):
        items = [(ls, le)]
        a = ls
        while a > 0 and len(items) <= LIST_REACH_LINES:
            p = text.rfind("\n", 0, a - 1) + 1
            if not _list_line(text, p, a - 1):
                break
            items.insert(0, (p, a - 1))
            a = p
        b = le
        while b < len(text) and len(items) <= 2 * LIST_REACH_LINES:
            q = text.find("\n", b + 1)
            q = len(text) if q < 0 else q
            if not _list_line(text, b + 1, q):
                break
            items.append((b + 1, q))
            b = q
        return [learned.strip_edges(text, x, y) for x, y in items]
    if multiline or any(c in text[ls:le] for c in "。!?;"):
        return []
    return learned.stuffed_keywords(text, ls, le) or []


def _list_reach(text: str, ls: int, le: int, multiline: bool, spans: list[list[int]], index: SpanIndex,
                sc: model.ClauseScorer) -> tuple[int, int, list[int]] | None:
    """Where the list a hit in the line ``text[ls:le]`` stands in is joined (:func:`_whole_lists`): the
    stretch and the hits in it (indexes into ``spans``, in order); None when no list is joined there."""
    items = _list_items(text, ls, le, multiline)
    if len(items) < LIST_MIN_ITEMS:
        return None
    touched = sum(index.overlaps(a, b) for a, b in items)
    joined = touched >= 2 and 2 * touched >= len(items)
    block = "\n" in text[items[0][0]:items[-1][1]]
    if block and not (joined and len(set().union(*(index.overlapping(a, b) for a, b in items))) >= 2):
        # a link list one hit found an item or a few of, or that one hit spans lines of (its other items' words
        # score low one by one): read as such a list, not joined by its hits
        found = learned.found_link_list(text, items, [index.holds(a, b) for a, b in items])
        if found is None:
            return None
        members = sorted(index.overlapping(*found))
        return min(found[0], spans[members[0]][0]), max(found[1], max(spans[m][1] for m in members)), members
    if not joined:
        return None
    if not block:
        # A keyword line's outer untouched keyword that reads as the host's prose is the host's
        # headline the keywords were glued to (某区政府工作报告_[国产精品_…]).
        while items and not index.overlaps(*items[0]) and _host_piece(text[slice(*items[0])], sc):
            items.pop(0)
        while items and not index.overlaps(*items[-1]) and _host_piece(text[slice(*items[-1])], sc):
            items.pop()
    a, b = items[0][0], items[-1][1]
    members = sorted(index.overlapping(a, b))
    return min(a, spans[members[0]][0]), max(b, max(spans[m][1] for m in members)), members


def _whole_lists(doc: Document, view: learned.SpamView, hits: list[SpamHit], sc: model.ClauseScorer) -> list[SpamHit]:
    """Hits in a link list of spam titles (a block of short lines) or a keyword-stuffed line, joined
    over the whole list when they touch at least two of its items and at least half of them: the
    list is one injected run, but each item is read alone, and items in words nobody listed score as
    low as the host's (``签到领红包最新地址`` between two found lines). A block of lines takes two hits
    or more: one hit over two lines (an id's line and the host's menu line the learned run took
    after it) says nothing of the lines around them. A host's menu or column with a brand or two put
    into it keeps their spans (two items of many)."""
    if not hits:
        return hits
    text = view.text
    spans = [view.view_offsets([h.span.start, h.span.end]) for h in hits]
    index = SpanIndex([(a, b) for a, b in spans])
    out: list[SpamHit] = []
    done = -1
    line = (0, -1)
    # what a hit's list joins depends on its line alone: read once a line (a long keyword line holds many hits)
    reach: dict[tuple[int, int, bool], tuple[int, int, list[int]] | None] = {}
    for k, hit in enumerate(hits):
        if k <= done:
            continue
        vs, ve = spans[k]
        if not line[0] <= vs <= line[1]:
            line = learned.line_bounds(text, vs, vs)
        key = (*line, text.find("\n", vs, ve) >= 0)
        if key not in reach:
            reach[key] = _list_reach(text, *key, spans, index, sc)
        joins = reach[key]
        if joins is None or joins[2][0] < k:
            out.append(hit)
            continue
        a, b, members = joins
        if members == [k] and (a, b) == (vs, ve):
            out.append(hit)  # the hit is the whole list already
            continue
        joined = hits[members[0]]
        for m in members[1:]:
            joined = _joined(joined, hits[m])
        s, e = view.source_span(a, b)
        out.append(dataclasses.replace(joined, span=Span(s, e), line=line_number(doc, s),
                                       signals=tuple(dict.fromkeys((*joined.signals, "whole-list")))))
        done = members[-1]
    return out


def _pitch_sentences(doc: Document, view: learned.SpamView, hits: list[SpamHit]) -> list[SpamHit]:
    """Each contact id's hit grown over the short pitch it closes a sentence with
    (:func:`_pitch_sentence_start`), after :func:`_host_split`: the pitch's words may score as low as
    the host prose that split leaves out. A hit the growth reaches joins it."""
    out: list[SpamHit] = []
    for hit in hits:
        if _ID_CONTACTS.intersection(hit.signals):
            vs, ve = view.view_offsets([hit.span.start, hit.span.end])
            a = _pitch_sentence_start(view.text, vs, ve)
            if a < vs:
                s, _ = view.source_span(a, vs)
                hit = dataclasses.replace(_respanned(doc, hit, s, hit.span.end),
                                          signals=(*hit.signals, "pitch-before-contact"))
        while out and hit.span.start < out[-1].span.end:
            last = out.pop()
            hit = _joined(last, hit) if last.span.start <= hit.span.start else _joined(hit, last)
        out.append(hit)
    return out


_PLAIN_GUESS = frozenset({"learned", "whole-clause", "glued-run"})


def _own_text_dropped(doc: Document, hits: list[SpamHit]) -> list[SpamHit]:
    """``hits`` without the scorer's guesses (a clause's, a whole clause's, a short glued run's) that are
    the page's own text by their class (:mod:`.own_text`: prose words, a cited address, a section's home
    link, a forum user's name, a row of share buttons, markup residue, a listed item's byline, a menu's
    column of items, a specification list, the publisher's own contact line, firms of one kind listed in a
    sentence). Read on
    the extents, after the extent model, so the hits its trainer reads do not move."""
    if not any(set(h.signals) <= _PLAIN_GUESS for h in hits):
        return hits
    view = spam_view_of(doc)
    text = view.text
    sc = _scorer()
    lex = lexicon()

    def listed(piece: str) -> bool:
        return bool(lex.automaton.find_matches_as_indexes(piece))

    def own(hit: SpamHit) -> bool:
        s, e = view.view_offsets([hit.span.start, hit.span.end])
        return ((hit.signals == ("learned",) and own_text.prose_words(text, s, e, sc, listed))
                or own_text.cited_address(text, s, e, sc, lambda at: _line_offers_nothing(text, at, lex))
                or own_text.section_home(text, s, e)
                or own_text.forum_handle(text, s, e, listed)
                or own_text.widget_row(text, s, e, sc, listed)
                or own_text.markup_residue(text, s, e)
                or own_text.list_byline(text, s, e, listed)
                or own_text.listed_firms(text, s, e, sc, listed)
                or own_text.menu_lines(text, s, e, sc, listed)
                or own_text.spec_list(text, s, e, listed)
                or own_text.ranked_heading(text, s, e, sc, listed)
                or own_text.own_contact(text, s, e, _CONTACT_ID, lambda at: _own_contact_line(text, at, lex)))

    return [h for h in hits if not (set(h.signals) <= _PLAIN_GUESS and own(h))]


def _repeated_name_hits(doc: Document, ctx: BatchContext, hits: list[SpamHit]) -> list[SpamHit]:
    """``hits`` and every occurrence of a repeated unknown name (:mod:`.repeated_name`) no hit covers,
    unless the occurrence stands in legitimate wording (a collocation, an enforcement sentence) or the
    page is about gambling (news, a crackdown, a regulation: it names operators), or the name is a bet
    in a state lottery's own news (:func:`_state_lottery_news`: it names its games), or an offer's name
    without a contact in a report on fraud (:func:`_fraud_story_offer`: the scam's app it tells of)."""
    view = spam_view_of(doc)
    offsets = view.view_offsets([x for h in hits for x in (h.span.start, h.span.end)])
    found = repeated_name.repeated_names(view.text, list(zip(offsets[::2], offsets[1::2])), view.code_points())
    if not found:
        return hits
    folded = view.text if view.same_offsets else folded_text(doc)
    lex = lexicon()
    if _about(doc, folded, lex):
        return hits
    added = []
    for s, e, name, probability in found:
        a, b = view.source_span(s, e)
        if _exempt_in_place(folded, a, b, lex) or (learned.betting_only(name) and _state_lottery_news(doc)):
            continue
        if _marked_name(doc, folded, a, b):
            continue  # its owner's mark (澳门威尼斯人®): a resort's name in its operator's own news
        if learned.placed_only(view.text, name):
            continue  # a place the page is in wherever it names it (在永利皇宫的餐厅里), not a body a hack replaced
        if _fraud_story_offer(doc, name):
            continue  # the scam's app a fraud report names again and again (贷款APP), as its learned runs
        # a brand in a name's place, as the institution slot's (learned: a slot's brand is gambling unless adult)
        kind = "adult" if learned.run_kind(name) == "adult" else "gambling"
        added.append(SpamHit(kind, Span(a, b), None, ("repeated-name",), line_number(doc, a),
                             probability=round(probability, 4)))
    return sorted(hits + added, key=lambda h: (h.span.start, h.span.end)) if added else hits


STUFFED_LINE_MAX_CHARS = 400


def _stuffed_line(doc: Document, view: learned.SpamView, hit: SpamHit, sc: model.ClauseScorer) -> SpamHit:
    """``hit`` grown to the whole line it stands in when that line is a keyword-stuffed title line or
    link list (:func:`.learned.stuffed_keywords` shape, its keywords scoring as one): such a line is
    one injected run, but the extent model reads each hit from its own window, so a line of a dozen
    keywords came out as two spans with its middle keywords, which score low alone
    (又大又粗又硬放不进去了), in neither. The line's outer keywords holding host text are cut as the
    stuffed-line unit cuts them (:func:`.learned.keyword_edges`)."""
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    if "\n" in text[vs:ve]:
        return hit
    ls, le = learned.strip_edges(text, *learned.line_bounds(text, vs, ve))
    if (ls, le) == (vs, ve) or le - ls > STUFFED_LINE_MAX_CHARS or not learned.keyword_line_shape(text, ls, le, sc):
        return hit
    a, b = learned.keyword_edges(text, ls, le, sc, view.ngrams(sc)[1])
    a, b = min(a, vs), max(b, ve)
    if (a, b) == (vs, ve):
        return hit
    s, e = view.source_span(a, b)
    return dataclasses.replace(hit, span=Span(s, e), line=line_number(doc, s), term=hit.term)


_TABLE_VALUE_LINE = re.compile(r"[ \t]*(?:\d{1,4}|\d+[.,]\d+|\d+(?:[.,]\d+)?%)[ \t]*")
"""A line holding only a table's value: a count of four digits at most, a decimal, a percentage (no
contact number: those run to five digits and more)."""


def _table_values_cut(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` without the lines at its edges that hold only a table's value (:data:`_TABLE_VALUE_LINE`):
    an injected line put between a table's rows is read with the host's cell above or below it
    (``1.6\\n[正版X竞技场立即体验 咨询vx …]``), and the host's register resumes there.

    >>> from scrapegate.checks.document import Document
    >>> doc = Document.from_text("x.txt", "指标\\n1.6\\n某某娱乐城 咨询vx abc12345\\n")
    >>> span = _table_values_cut(doc, spam_view_of(doc), SpamHit("offer", Span(3, 26), None, (), 2)).span
    >>> doc.text[span.start:span.end]
    '某某娱乐城 咨询vx abc12345'
    """
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    a, b = vs, ve
    while (nl := text.find("\n", a, b)) >= 0 and _TABLE_VALUE_LINE.fullmatch(text, a, nl):
        a = nl + 1
        while a < b and text[a] in " \t\n":
            a += 1
    while (nl := text.rfind("\n", a, b)) >= 0 and _TABLE_VALUE_LINE.fullmatch(text, nl + 1, b):
        b = nl
        while b > a and text[b - 1] in " \t\n":
            b -= 1
    if (a, b) == (vs, ve) or b <= a:
        return hit
    return _respanned(doc, hit, *view.source_span(a, b))


def _whole_item(text: str, vs: int, ve: int) -> bool:
    """``text[vs:ve]`` is a whole item (:func:`_short_item`) between line breaks or title separators: one run, not the
    host's words after an id (a footer line ``YL921点充值中心`` is no site number with the host's clause glued after it).

    >>> text = "共绘奋进蓝图。\\nYL921点充值中心\\n"
    >>> _whole_item(text, 8, 18), _whole_item(text, 8, 13), _whole_item("全县YL921点充值中心", 2, 12)
    (True, False, False)
    """
    before = (_SEGMENT_EDGE_BEFORE.search(text, max(0, vs - _SEGMENT_EDGE_CHARS), vs) is not None
              or _BLANKS.fullmatch(text, 0, vs) is not None)
    after = _SEGMENT_EDGE.match(text, ve) is not None or _BLANKS.fullmatch(text, ve) is not None
    return before and after and _short_item(text[vs:ve])


def _short_item(item: str) -> bool:
    """``item`` (a piece between segment edges) is short enough to be one item (SEGMENT_MAX_CHARS) and holds no
    sentence or field mark, nor an enumeration's 、: what :func:`_whole_item` and :func:`_whole_segment` read as one run.

    >>> _short_item("TRX娱乐极速版"), _short_item("发布时间:2023年 TRX娱乐"), _short_item("腾讯游戏、网易游戏")
    (True, False, False)
    """
    return len(item) <= SEGMENT_MAX_CHARS and not _LIST_LINE_MARK.search(item) and "、" not in item


SEGMENT_MAX_CHARS = 16
"""A title line's piece, a list line or a line of its own (between line breaks and title separators) this
short, holding no sentence or field mark, is one item: an injected one is a whole run ..."""
SEGMENT_MIN_SHARE = 0.5
"""... and a hit on at least this share of its word characters is on that item, not on a word of the
host's: it grows over the item."""
_SEGMENT_EDGE = re.compile(r"\n|[_|★•]| [-–—] ")
_SEGMENT_EDGE_BEFORE = re.compile(f"(?:{_SEGMENT_EDGE.pattern})\\Z")
_SEGMENT_EDGE_CHARS = 3
"""The longest segment edge (`` - ``): one ending at a position starts this far before it at most."""
_BLANKS = re.compile(r"\s*")


def _whole_segment(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` grown to the whole short item it stands in (:data:`SEGMENT_MAX_CHARS`): a piece of a
    title line between its separators, a link list's line or a footer line of its own. The extent model
    reads the characters around a hit, and an offer word nobody listed glued after a found brand
    (``[TRX娱乐]极速版``, ``[TRX娱乐]账号申请``) reads as ordinary text, so the run stopped at the brand; an
    item that short is one run, wherever its words come from. A hit on less than half of the item's
    word characters, or an item with a sentence or field mark (a host's date line, a byline), keeps
    its span.

    >>> from scrapegate.checks.document import Document
    >>> doc = Document.from_text("x.txt", "学院新闻_TRX娱乐极速版|帝豪番摊官方认证")
    >>> span = _whole_segment(doc, spam_view_of(doc), SpamHit("gambling", Span(5, 10), None, (), 1)).span
    >>> doc.text[span.start:span.end]
    'TRX娱乐极速版'
    >>> doc = Document.from_text("x.txt", "发布时间:2023年 TRX娱乐")
    >>> _whole_segment(doc, spam_view_of(doc), SpamHit("gambling", Span(11, 16), None, (), 1)).span
    Span(start=11, end=16)
    """
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    if "\n" in text[vs:ve]:
        return hit
    a = max((m.end() for m in _SEGMENT_EDGE.finditer(text, max(0, vs - SEGMENT_MAX_CHARS - 2), vs)), default=0)
    if a < vs - SEGMENT_MAX_CHARS - 2 or (a == 0 and vs > SEGMENT_MAX_CHARS):
        return hit
    after = _SEGMENT_EDGE.search(text, ve, ve + SEGMENT_MAX_CHARS + 2)
    b = after.start() if after else (len(text) if len(text) - ve <= SEGMENT_MAX_CHARS else -1)
    if b < 0:
        return hit
    a, b = learned.strip_edges(text, a, b)
    item = text[a:b]
    if (not a <= vs < ve <= b or (a, b) == (vs, ve) or not _short_item(item)
            or len(_WORD_CHAR.findall(text, vs, ve)) < SEGMENT_MIN_SHARE * len(_WORD_CHAR.findall(item))):
        return hit
    if EXACT_EXTENT_SIGNALS.intersection(hit.signals):
        a, b = _glued_token_edges(text, vs, ve, a, b)
        if (a, b) == (vs, ve):
            return hit
    return _respanned(doc, hit, *view.source_span(a, b))


_GLUE_TOKEN_END = re.compile(r"[a-z0-9]+(?:[./:@-][a-z0-9]+)*")
_GLUE_TOKEN_START = re.compile(r"(?:[a-z0-9]+[./:@-])*[a-z0-9]+$")


def _glued_token_edges(text: str, vs: int, ve: int, lo: int, hi: int) -> tuple[int, int]:
    """The exact span ``vs:ve`` grown, inside its item ``lo:hi``, over what is glued to it and is the
    run's whatever its words: Latin letters and digits (an address, a site number), a contact id, a
    listed offer term. A slot's brand, a sibling diff or a tip line knows its extent; the item's other
    words are the host's (``[鸿运国际娱乐]区长 张三`` in a work report's speaker line, ``([bevictor伟德官网]供稿)``).

    >>> _glued_token_edges("鸿运国际娱乐区长 张三", 0, 6, 0, 11)
    (0, 6)
    >>> _glued_token_edges("8866鸿运国际qq:52433198", 4, 8, 0, 19)
    (0, 19)
    """
    lex = lexicon()
    a, b = vs, ve
    while b < hi:
        m = _CONTACT_ID.match(text, b, hi) or _GLUE_TOKEN_END.match(text, b, hi)
        end = m.end() if m else next((b + e for _, s, e in lex.automaton.find_matches_as_indexes(text[b:hi])
                                      if s == 0), b)
        if end == b:
            break
        b = end
    while a > lo:
        m = _GLUE_TOKEN_START.search(text, lo, a)
        start = m.start() if m else _term_ending_at(text, lo, a, lex)
        if start == a:
            break
        a = start
    return a, b


def _term_ending_at(text: str, lo: int, end: int, lex: _Lexicon) -> int:
    """The start of the longest listed term that ends at ``end`` and starts at ``lo`` or after, else
    ``end``. Looked up by its ends: the automaton's matches do not overlap, so a term glued before the
    run that overlaps an earlier term (六合[彩金]鸿运国际: 六合彩 is matched first) was never seen.

    >>> _term_ending_at("六合彩金鸿运国际区长", 0, 4, lexicon())  # 彩金, though 六合彩 overlaps it
    2
    >>> _glued_token_edges("六合彩金鸿运国际区长", 4, 8, 0, 10)
    (2, 8)
    """
    return next((k for k in range(max(lo, end - lex.longest), end) if text[k:end] in lex.term_set), end)


TOKEN_GROW_CHARS = 12
"""A span edge inside a Latin or digit token moves out to the token's edge when the token goes on at
most this far (else the edge moves in to it)."""
_TOKEN_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_OPEN, _CLOSE = "(（[【《", ")）]】》"
BRACKET_REACH = 8
"""A bracket opened (closed) inside a span is closed (opened) at most this far after (before) it."""
_STRANDED_AFTER = frozenset("《“‘「『【(（[\n,,;;:: ")
_LEGAL_SUFFIX = re.compile(institution_slot.LEGAL_SUFFIX)


def _token_edges(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` with edges that cut no token and no bracket: an edge inside a run of Latin letters
    and digits moves to the run's edge (out when the rest is at most TOKEN_GROW_CHARS, else in:
    ``…娱乐2023-01-3|1`` ends after the 31, a brand's Latin word is whole); a bracket the span opens
    is closed (``官方网站(中国|)`` -> ``官方网站(中国)``, with a firm's legal suffix glued after it), one it
    closes is opened, or the span stops before it when the other bracket is not within BRACKET_REACH;
    one name character left between an opening bracket or a clause's start and the span is the
    name's (《[米]乐手机官方网站…): no word of the host is one character long there; so is a Latin word
    standing alone before a space at the span's start ([william ]hill中文网).

    >>> from scrapegate.checks.document import Document
    >>> doc = Document.from_text("x.txt", "根据《开云手机官方网站(中国)有限公司本科毕业论文》")
    >>> span = _token_edges(doc, spam_view_of(doc), SpamHit("gambling", Span(4, 13), None, (), 1)).span
    >>> doc.text[span.start:span.end]
    '开云手机官方网站(中国)有限公司'
    >>> doc = Document.from_text("x.txt", "欢迎访问xinpujing8866娱乐城官网注册")
    >>> span = _token_edges(doc, spam_view_of(doc), SpamHit("gambling", Span(8, 20), None, (), 1)).span
    >>> doc.text[span.start:span.end]
    'xinpujing8866娱乐城'
    """
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    a, b = vs, ve
    if 0 < a < b and text[a - 1] in _TOKEN_CHAR and text[a] in _TOKEN_CHAR:
        x = a
        while x > 0 and text[x - 1] in _TOKEN_CHAR and a - x <= TOKEN_GROW_CHARS:
            x -= 1
        if text[x - 1:x] not in _TOKEN_CHAR:
            a = x
        else:
            while a < b and text[a] in _TOKEN_CHAR:
                a += 1
    if (a < b < len(text) and text[b - 1] in _TOKEN_CHAR and text[b] in _TOKEN_CHAR
            and not institution_slot.YEAR_AHEAD.match(text, b)):  # [X365]2026年新年联欢会: the year is the host's
        y = b
        while y < len(text) and text[y] in _TOKEN_CHAR and y - b <= TOKEN_GROW_CHARS:
            y += 1
        if text[y:y + 1] not in _TOKEN_CHAR:
            b = y
        else:
            while b > a and text[b - 1] in _TOKEN_CHAR:
                b -= 1
    if a >= 2 and text[a - 1] == " " and text[a].isascii() and text[a].isalpha():
        # A brand of Latin words (william hill中文网): the word before the space is the name's too
        # when it stands alone after Han text or a clause's start.
        x = a - 1
        while x > 0 and text[x - 1].isascii() and text[x - 1].isalpha() and a - 1 - x < TOKEN_GROW_CHARS:
            x -= 1
        if a - 1 - x >= 2 and (x == 0 or not (text[x - 1].isascii() and text[x - 1].isalnum())
                               and text[x - 1] != " "):
            a = x
    if a >= 1 and extent._name_char(text[a - 1]) and (a == 1 or text[a - 2] in _STRANDED_AFTER):
        a -= 1  # one name character stranded between a bracket or a clause's start and the span
    a, b = _bracket_edges(text, a, b)
    if b <= a or (a, b) == (vs, ve):
        return hit
    s, e = view.source_span(a, b)
    if sum(c.isalnum() for c in doc.text[s:e]) < MIN_GUESS_CHARS:
        return hit
    return _respanned(doc, hit, s, e)


SITE_NUMBER_NAME_CHARS = 8
"""How far before a site number found alone its glued name may start (a betting site's name is short)."""
_SITE_NUMBER = re.compile(r"\d{4,}")
_SITE_NAME_WORDS = (*extent.GLUED_TAIL_WORDS, "集团", "娱乐")
"""Words a betting site's name holds (官网, 网址, 平台, 集团 …) and a host's phrase before a number does not."""


def _site_number_name_start(text: str, a: int, b: int) -> int:
    """Where the name glued before a site number found alone (``text[a:b]`` is four digits or more: a slot's
    exact hit) starts: a betting site writes its number after its name (新2会员管理端10888, 太阳集团2138), so the
    name characters back to an opening bracket or a clause's start (at most SITE_NUMBER_NAME_CHARS, no
    function character) are the run's when they are a brand's: two Han characters or more with a digit or a
    Latin letter glued among them, two pairs ordinary text never writes (澳门太阳集), or a site's word
    (:data:`_SITE_NAME_WORDS`: 官网, 网址, 集团 …). ``a`` otherwise:
    a host's word before a number (第2023, 年度2023) is ordinary, and words glued to the host's sentence
    stand after a function character or inside a longer word.

    >>> text = "根据《新2会员管理端10888阳光体育活动实施意见》"
    >>> text[_site_number_name_start(text, 10, 15):15]
    '新2会员管理端10888'
    >>> text = "举办了《学校运动会2023秩序册》"
    >>> _site_number_name_start(text, 9, 13)
    9
    """
    if not _SITE_NUMBER.fullmatch(text, a, b):
        return a
    x = a
    while x > 0 and a - x < SITE_NUMBER_NAME_CHARS and extent._name_char(text[x - 1]):
        x -= 1
    if x == a or (x > 0 and text[x - 1] not in _STRANDED_AFTER):
        return a
    name = text[x:a]
    if han_count(name) < 2 or not (LATIN_OR_DIGIT.search(name) or extent.unordinary_han_pairs(name) >= 2
                                   or any(w in name for w in _SITE_NAME_WORDS)):
        return a
    return x


_ESCORT_OFFER_WORDS = ("上门", "包夜", "过夜", "陪聊")
_EDGE_WORDS = sorted({*institution_slot.LEGAL_SUFFIX.split("|"), *extent.GLUED_TAIL_WORDS, *_ESCORT_OFFER_WORDS},
                     key=lambda w: -len(w))
_EDGE_WORD = re.compile("|".join(_EDGE_WORDS))
"""Words a run's span never ends inside: a firm's legal suffix (有限公司), an offer word (官网, 平台, 下载,
上门); ``_word_edges`` reads the offer words of the lexicon too."""
_FRAME_HEAD = re.compile(r"(?:(?:copyright|©|\(c\))[\s©]*)?(?:19|20)\d\d(?:-(?:19|20)?\d\d)?\s+")
_FRAME_TAIL = re.compile(r"\s+(?:版权所有|all rights reserved|all)$")
"""A footer's own frame around a brand in its owner slot (``© 2023 [X] 版权所有``, ``2023 [X] All Rights
Reserved``): a year opening the span, a rights phrase (or its first word) closing it, after a space."""


def _word_edges(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` with edges that split no offer word and take no footer frame: an end inside a firm's
    legal suffix or an offer word that starts in the span moves to that word's end
    (``…(中国)有限|公司`` -> ``…(中国)有限公司``, ``同城交友上|门``); a bare year and a space opening the span
    (a copyright line's ``2023 [威尼斯人官方网站]``), and a space and the rights phrase or its first part
    closing it (``[X] 版权所有``, ``[X] 版``) are the footer's, not the run's; so is a host word's last
    Han character before a brand's Latin head (``选|拔[bet365体育]``: :func:`_host_word_end`).

    >>> from scrapegate.checks.document import Document
    >>> doc = Document.from_text("x.txt", "根据《开云手机官方网站(中国)有限公司本科毕业论文》")
    >>> span = _word_edges(doc, spam_view_of(doc), SpamHit("gambling", Span(3, 17), None, (), 1)).span
    >>> doc.text[span.start:span.end]
    '开云手机官方网站(中国)有限公司'
    >>> doc = Document.from_text("x.txt", "© 2022 bet365体育在线平台 版权所有")
    >>> span = _word_edges(doc, spam_view_of(doc), SpamHit("gambling", Span(0, 21), None, (), 1)).span
    >>> doc.text[span.start:span.end]
    'bet365体育在线平台'
    """
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    a, b = vs, ve
    lex = lexicon()
    reach = max(lex.offer_reach, _EDGE_WORD_REACH)
    for at in range(max(a, b - reach + 1), b):
        word = _EDGE_WORD.match(text, at) or lex.offer_pattern.match(text, at)
        if word and word.end() > b:
            b = word.end()
            break
    head = _FRAME_HEAD.match(text, a, b)
    if head and head.end() < b:
        a = head.end()
    elif _host_word_end(text, a, b):
        a += 1
    tail = _FRAME_TAIL.search(text[a:b]) or _rights_prefix(text, a, b)
    if tail:
        b = a + tail.start()
    if (a, b) == (vs, ve) or sum(c.isalnum() for c in text[a:b]) < MIN_GUESS_CHARS:
        return hit
    return _respanned(doc, hit, *view.source_span(a, b))


def _host_word_end(text: str, a: int, b: int) -> bool:
    """The span ``a:b`` opens with one Han character between a Han character of the host and a
    brand's Latin letters, and the host's character and it are a pair ordinary text writes: it ends
    the host's word (选拔 in ``组织选拔bet365体育``), not the brand's head, which its Latin letters open.

    >>> _host_word_end("组织选拔bet365体育、培训", 3, 13), _host_word_end("存放在ky棋牌", 2, 7)
    (True, True)
    >>> _host_word_end("澳门bet365体育", 0, 11), _host_word_end("组织选拔365体育", 3, 10)
    (False, False)
    """
    return (0 < a and b - a > 3 and bool(_IS_HAN.match(text[a])) and bool(_LETTER.match(text[a + 1]))
            and bool(_IS_HAN.match(text[a - 1])) and extent.unordinary_han_pairs(text[a - 1:a + 1]) == 0)


_EDGE_WORD_REACH = len(_EDGE_WORDS[0])
_RIGHTS = "版权所有"
"""The rights phrase as the spam view writes it (simplified: 版權所有 is read as 版权所有)."""


def _rights_prefix(text: str, a: int, b: int) -> re.Match[str] | None:
    """A space and the first characters of a rights phrase the span ends inside (``[X] 版|权所有``)."""
    for k in range(1, len(_RIGHTS)):
        if text.startswith(_RIGHTS[:k], b - k) and text.startswith(_RIGHTS[k:], b):
            m = re.search(r"\s+$", text[a:b - k])
            if m:
                return m
    return None


def _bracket_edges(text: str, a: int, b: int) -> tuple[int, int]:
    """``a:b`` with its brackets balanced (see :func:`_token_edges`); an unmatched bracket at an edge
    is left out (【开具增值税票据 V:…】: the run is inside it)."""
    while a < b and text[a] in _OPEN and _CLOSE[_OPEN.index(text[a])] not in text[a:b]:
        a += 1
    while b > a and text[b - 1] in _CLOSE and _OPEN[_CLOSE.index(text[b - 1])] not in text[a:b]:
        b -= 1
    depth = 0
    for i in range(a, b):
        if text[i] in _OPEN:
            depth += 1
        elif text[i] in _CLOSE:
            if depth:
                depth -= 1
                continue
            opened = text.rfind(_OPEN[_CLOSE.index(text[i])], max(0, a - BRACKET_REACH), a)
            if opened >= 0 and "\n" not in text[opened:a]:
                a = opened
            else:
                a = i + 1
    if depth:
        at = max(i for i in range(a, b) if text[i] in _OPEN)
        close = text.find(_CLOSE[_OPEN.index(text[at])], b, b + BRACKET_REACH)
        if close >= 0 and "\n" not in text[b:close]:
            b = close + 1
            legal = _LEGAL_SUFFIX.match(text, b)
            b = legal.end() if legal else b
        else:
            b = at
    return a, b


_PIECE_BREAK = re.compile(r"[,,。;;!!??\n]+| +- +|(?<=[a-z0-9])(?=[" + _HAN + r"])")
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
HOST_SCORE = 0.15
"""A piece of a span scoring below this by itself is the host's words (see :func:`_host_split`)."""
HOST_MIN_HAN = 4


SITE_SLOT_MIN_HAN = 2
"""A line's head before a title's `` - `` (the site's name in its headline: ``人民网 - …``) is the host's
from this many Han characters (a site's short name is two or three)."""


def _host_piece(piece: str, sc: model.ClauseScorer, site_slot: bool = False) -> bool:
    """A piece of Han prose the clause scorer reads as ordinary: no Latin or digits outside a
    reading in brackets (詳細(xì)), at least HOST_MIN_HAN Han characters (SITE_SLOT_MIN_HAN in a
    headline's site slot, ``site_slot``), scoring under HOST_SCORE."""
    bare = _BRACKETED.sub("", piece)
    return (han_count(bare) >= (SITE_SLOT_MIN_HAN if site_slot else HOST_MIN_HAN) and not LATIN_OR_DIGIT.search(bare)
            and sc.probability(piece) < HOST_SCORE)


_TITLE_DASH = re.compile(" +- +")


def _site_slot(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` opens its line and a title's `` - `` follows it: where a headline names its site."""
    return (s == 0 or text[s - 1] == "\n") and _TITLE_DASH.match(text, e) is not None


def _contact_end(text: str, at: int, lo: int = 0, labelled: bool = False) -> bool:
    """Whether a contact id or an address ends at ``at`` (its token read back to ``lo`` at most), after
    which a hack glues the host's sentence back: a messenger label's id or an http/www address
    (:data:`_CONTACT_ID`: ``vx:zxabcde``, ``http://abc.com``), or, unless ``labelled``, a token of
    five characters or more holding three digits (an id or an address written without its label:
    ``yl23455``, ``ag46182.to``). The one test of both cuts after a contact id:
    :func:`_host_split` cuts at either and keeps what is not plain host prose; :func:`_host_clause_cut`
    drops the whole clause after the id when it does not score spam, so it reads only labelled ids (a
    site's number glued to its brand, ``77779193永利集团``, and a draw's period, ``2025076期``, hold
    digits too).

    >>> _contact_end("约炮vx:zx522743共商发展", 13), _contact_end("约炮vx:abcdefg共商", 12)
    (True, True)
    >>> _contact_end("77779193永利", 8), _contact_end("77779193永利", 8, labelled=True)
    (True, False)
    """
    i = at
    while i > lo and text[i - 1] in _ID_CHARS:
        i -= 1
    token = text[i:at]
    if not labelled and len(token) >= 5 and sum(c.isdigit() for c in token) >= 3:
        return True
    return any(m.end() == at for m in _CONTACT_ID.finditer(text, max(lo, i - _LABEL_REACH), at))


_LABEL_REACH = 12
"""Characters before an id's token read for its messenger label (``telegram群: ``)."""
_GLUED_END = re.compile(r"(?<=[a-z0-9])(?=[" + _HAN + r"])")


def _contact_ends(text: str, lo: int, hi: int) -> list[int]:
    """Where a labelled contact id or an address (:func:`_contact_end`) ends glued to Han in ``text[lo:hi]``."""
    return [m.start() for m in _GLUED_END.finditer(text, lo, hi) if _contact_end(text, m.start(), lo, labelled=True)]


_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-:/@")


def _host_split(doc: Document, view: learned.SpamView, hit: SpamHit, sc: model.ClauseScorer) -> list[SpamHit]:
    """``hit`` without the host's words it swallowed: where hits merged over the host's text between
    two injected runs (…飞机:hi291207\n[手机看中经] - 斗地主赢话费…), or a run's growth took the
    clause after a contact id (…微信:vip902990[现予印发],代开各地发票…), the span is cut at clause
    breaks, sentence ends, a title's `` - `` and the end of a contact id, and a piece that is plain
    Han prose scoring under HOST_SCORE is left out (the span becomes the runs on either side of it);
    the pieces either side of a 。 are separate spans.
    A piece joined by title separators (_|) stays whole: a stuffed line's keywords may score low
    alone; so does a keyword line found by its place between the body's paragraphs (its keywords
    were judged as one line, :func:`.learned.body_keyword_line`)."""
    vs, ve = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    if (("keyword-line" in hit.signals and "\n" not in text[vs:ve]) or "link-list" in hit.signals
            or "offer-sentence" in hit.signals or _whole_item(text, vs, ve)):
        return [hit]
    cuts = [vs]
    for m in _PIECE_BREAK.finditer(text, vs, ve):
        if m.start() == m.end() and not _contact_end(text, m.start()):
            continue
        cuts += [m.start(), m.end()]
    if len(cuts) == 1:
        return [hit]
    cuts.append(ve)
    pieces = list(zip(cuts[::2], cuts[1::2]))
    host = [e > s and _host_piece(text[s:e], sc, _site_slot(text, s, e)) for s, e in pieces]
    # A sentence end separates runs too: no injected run holds a 。 (runs merged across one).
    after_stop = [k > 0 and "。" in text[pieces[k - 1][1]:s] for k, (s, _) in enumerate(pieces)]
    if not any(host) and not any(after_stop):
        return [hit]
    groups: list[list[int]] = []
    open_group = False
    for (s, e), is_host, stop in zip(pieces, host, after_stop):
        if is_host or stop:
            open_group = False
        if is_host:
            continue
        elif e > s and open_group:
            groups[-1][1] = e
        elif e > s:
            groups.append([s, e])
            open_group = True
    out = []
    for a, b in groups:
        s, e = view.source_span(a, b)
        if sum(c.isalnum() for c in doc.text[s:e]) >= MIN_GUESS_CHARS:
            out.append(_respanned(doc, hit, s, e))
    return out or [hit]


# ------------------------------------------------------------------------------------ lexicon signals

def line_number(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


def _brand_token_start(folded: str, end: int, lex: _Lexicon) -> int | None:
    """Start of an unknown Latin brand token ending at ``end`` (``pp`` in ``pp电子娱乐``, ``ky`` in
    ``ky棋牌``), else None: at least two letters, not a known acronym (5G, KTV), at most
    BRAND_TOKEN_MAX_CHARS long and not part of an address, an e-mail or a path. The one test of the
    brand signal, for lexicon matches and for Latin runs alike."""
    start = end
    floor = max(0, end - BRAND_TOKEN_MAX_CHARS)
    while start > floor and folded[start - 1] in _ALNUM:
        start -= 1
    if start > 0 and folded[start - 1] in _TOKEN_GLUE:
        return None  # glued to an address, a path or a longer token
    token = folded[start:end]
    if sum(c.isalpha() for c in token) < 2 or token in lex.acronyms:
        return None
    return start


def _offer_word_at(folded: str, pos: int, lex: _Lexicon) -> tuple[str, str] | None:
    """The longest offer word starting at ``pos`` and its role (one alternation, longest first)."""
    m = lex.offer_pattern.match(folded, pos)
    return (m.group(), lex.offer_roles[m.group()]) if m else None


_CLAUSE_BREAK = re.compile("[。!?;,,;!?\n]")


def _offer_word_near(folded: str, pos: int, lex: _Lexicon, window: int) -> bool:
    """An offer word starts within ``window`` characters after ``pos``, in the same clause (葡京赌场。
    在入口处 is a casino's entrance, not an offer): at a clause break at the latest, read by one
    search of the offer alternation over the stretch."""
    stop = min(len(folded), pos + window + 1)
    brk = _CLAUSE_BREAK.search(folded, pos, stop)
    last = brk.start() if brk else stop - 1
    found = lex.offer_pattern.search(folded, pos, last + lex.offer_reach)
    return found is not None and found.start() <= last


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match; a title separator (`` -``, ``|``, ``_``) also ends one, so an
    offer glued to a headline (``…打击跨境赌博专项行动 -某某官网开户``) is not judged by the headline.
    At most SENTENCE_REACH characters each side: a page with no sentence break (a hostile or broken
    one) must not make every match scan the whole text."""
    floor, ceiling = max(0, start - SENTENCE_REACH), min(len(folded), end + SENTENCE_REACH)
    left = _LAST_SENTENCE_BREAK.match(folded, floor, start)
    right = _SENTENCE_BREAK.search(folded, end, ceiling)
    return left.end() if left else floor, right.start() if right else ceiling


_INDEX_CACHE: dict[int, tuple[str, object, tuple]] = {}  # id(text) -> (text, lexicon, index); 4 at most


_AUTOMATA: dict[int, tuple] = {}  # id(lexicon) -> (lexicon, collocation automaton, cue automaton)


def _exemption_automata(lex: _Lexicon) -> tuple[ahocorasick_rs.AhoCorasick, ahocorasick_rs.AhoCorasick]:
    """The collocations' and the cues' automata, built once per lexicon (not once per text)."""
    got = _AUTOMATA.get(id(lex))
    if got is None or got[0] is not lex:
        got = (lex, ahocorasick_rs.AhoCorasick(list(lex.collocations)),
               ahocorasick_rs.AhoCorasick(list(lex.cues)))
        _AUTOMATA[id(lex)] = got
    return got[1], got[2]


def _exemption_index(folded: str, lex: _Lexicon) -> tuple[list[int], list[int], list[str],
                                                          list[tuple[int, int, str]]]:
    """Every occurrence of a legitimate collocation and of an enforcement cue in the text (one
    automaton pass each, overlapping matches), sorted by start; the collocations with a running
    maximum of their ends. Each match then asks by bisect instead of searching every collocation
    and cue around it (a page of thousands of matches asked them thousands of times). Built once
    per (text, lexicon): the folded text and the spam view of one document are both asked."""
    cached = _INDEX_CACHE.get(id(folded))
    if cached is not None and cached[0] is folded and cached[1] is lex:
        return cached[2]
    automaton, cue_automaton = _exemption_automata(lex)
    found = sorted((s, e, i) for i, s, e in automaton.find_matches_as_indexes(folded, overlapping=True))
    starts, reach, names, best = [], [], [], (-1, "")
    for s, e, i in found:
        best = max(best, (e, lex.collocations[i]))
        starts.append(s)
        reach.append(best[0])
        names.append(best[1])
    cues = sorted((s, e, lex.cues[i])
                  for i, s, e in cue_automaton.find_matches_as_indexes(folded, overlapping=True))
    if len(_INDEX_CACHE) >= 4:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(folded)] = (folded, lex, (starts, reach, names, cues))
    return starts, reach, names, cues


_COUNTED = re.compile(f"(?:(?:\\d+|[一二两三四五六七八九十百千万]+)(?:多|余)?|[几多数各])[台张部间座][{_HAN}]{{0,2}}\\Z")
"""A count of machines, tables or rooms before the term, with at most two Han characters of modifier
(2600台老虎机, 多部角子老虎机): a noun the prose counts, not an offer. Firms (家) are not counted here:
推荐一家正规博彩平台 is the advert's own idiom."""


def _exempt(folded: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """Why a lexicon match is legitimate text, or None."""
    _, _, names, cues = _exemption_index(folded, lex)
    at = _collocation_at(folded, start, end, lex)
    if at >= 0:
        return f"collocation:{names[at]}"
    if _COUNTED.search(folded, max(0, start - 8), start):
        return "count"  # 2600台老虎机和500多张赌桌: a number of machines or firms the prose describes
    if learned.listed_kind(folded, start, end):
        return "listed"  # 乞讨、卖艺、[棋牌娱乐]等影响市容的活动: the last kind the prose enumerates
    s_start, s_end = _sentence(folded, start, end)
    at = bisect.bisect_left(cues, (s_start,))
    while at < len(cues) and cues[at][0] < s_end:  # a cue inside the sentence
        if cues[at][1] <= s_end:
            return f"enforcement:{cues[at][2]}"
        at += 1
    return None


def _collocation_beside(folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """What exempts ``folded[start:end]`` (:func:`_exempt`) is a legitimate collocation beside it, none
    overlapping it: a brand found in an institution's slot followed by the host's own words (介绍了[金沙电竞]
    “粤港澳大湾区…”) is the brand still; the collocation exempts a listed term it overlaps or touches
    (体育彩票|网上投注), not a name the slot already read whole.

    >>> lex = lexicon()
    >>> t = "介绍了金沙电竞“粤港澳大湾区”建设"
    >>> _collocation_beside(t, 3, 7, lex), _collocation_beside("争取体育彩票公益金", 4, 6, lex)
    (True, False)
    """
    if _collocation_at(folded, start, end, lex) < 0:
        return False
    starts, reach, _, _ = _exemption_index(folded, lex)
    at = bisect.bisect_left(starts, end) - 1
    return not (at >= 0 and reach[at] > start)


def _collocation_at(folded: str, start: int, end: int, lex: _Lexicon) -> int:
    """The index (in :func:`_exemption_index`) of a legitimate collocation overlapping ``folded[start:end]`` or
    touching it (体育彩票|网上投注: starting at most COLLOCATION_GAP after it, ending at most that before), or -1."""
    starts, reach, _, _ = _exemption_index(folded, lex)
    at = bisect.bisect_right(starts, end + COLLOCATION_GAP) - 1
    return at if at >= 0 and reach[at] >= start - COLLOCATION_GAP else -1


def _exempt_in_place(folded: str, start: int, end: int, lex: _Lexicon,
                     about: Callable[[], bool] | None = None, own_clauses: bool = False) -> bool:
    """:func:`_exempt`, except that a bare keyword clause is inserted whatever enforcement wording its
    sentence holds, and so is a Latin brand's offer glued into a clause no enforcement word stands in
    (:func:`_glued_offer_apart`) when ``about`` is given and says the document is not about the topic
    (crackdown news may name the site it reports on a clause away from its verb). With ``own_clauses`` it is
    exempt only when a cue stands in it or in the clauses its ends are glued into; that holds for a
    keyword-stuffed run (:func:`.learned.stuffed_shape`): a hack puts the line inside a sentence of the news
    (…举报称,[色综合,色综合在线观看,日韩精品一区二区,…]一个名为…), while a sentence listing what it cleaned
    up writes its verb in the first item's clause (依法清理[午夜福利在线观看,…]等色情信息); and for a name in an
    institution's slot: a warning's cue governs the clause
    it stands in (加强同学们的防范意识,[必赢官网]2017级各个班级响应…: the cohort's school, not what is guarded
    against), while a report names what it acts on in the clause of its verb (查处[X官网]).

    >>> lex = lexicon()
    >>> t = "加强同学们的防范意识,必赢官网2017级各个班级响应号召。"
    >>> _exempt_in_place(t, 11, 15, lex), _exempt_in_place(t, 11, 15, lex, own_clauses=True)
    (True, False)
    >>> _exempt_in_place("依法查处必赢官网2017级的推广。", 4, 8, lex, own_clauses=True)
    True
    """
    why = _exempt(folded, start, end, lex)
    if not why:
        return False
    if not why.startswith("enforcement"):
        return True
    if own_clauses:
        return _cue_between(folded, *_clauses_around(folded, start, end), lex)
    return not (register.bare_keyword_clause(folded, start, end) or (
        about is not None and _glued_offer_apart(folded, start, end, lex) and not about()))


def _cue_between(folded: str, lo: int, hi: int, lex: _Lexicon) -> bool:
    """An enforcement cue starts in ``folded[lo:hi]``."""
    _, _, _, cues = _exemption_index(folded, lex)
    at = bisect.bisect_left(cues, (lo,))
    return at < len(cues) and cues[at][0] < hi


_GLUED_TOKEN = re.compile(f"(?<![a-z0-9])([a-z][a-z0-9]*)(?=[{_HAN}])|(?<=[{_HAN}])([a-z][a-z0-9]*)(?![a-z0-9])")


def _glued_brand(run: str, lex: _Lexicon) -> bool:
    """A Latin token glued to Han in ``run`` that is no known acronym (app, ktv, gdp): a brand's."""
    return any((m.group(1) or m.group(2)) not in lex.acronyms for m in _GLUED_TOKEN.finditer(run))


def _glued_offer_apart(folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """``folded[start:end]`` is a brand's offer (Latin letters glued to its Han words, an action word:
    ``bet9电竞官方网站``) and no enforcement cue stands in its own clause: a report that names an
    operator it acts against writes the action beside the name (查处“xx体育官网”), while a hack glues the
    offer into a sentence whose cue governs other words (…[bet9电竞官方网站]扎实开展道路运输、…安全整治)."""
    run = folded[start:end]
    if not _glued_brand(run, lex) or not register.strong_offer(run, lex.action_words):
        return False
    return not _cue_between(folded, *_clauses_around(folded, start, end), lex)


def _clauses_around(folded: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the clause ``start`` stands in to the end of the clause ``end`` stands in
    (:func:`register.clause_around`, an enumeration's 、 a break too)."""
    left, right, _ = register.clause_around(folded, start, end, _CLAUSE_MARKS)
    return left, right


_CLAUSE_MARKS = ",;!?。、\n"


def _enforcement_document(folded: str, lex: _Lexicon) -> bool:
    if folded.count("赌") + folded.count("博彩") < 2:
        return False  # one count of two words before counting every cue
    return sum(folded.count(cue) for cue in lex.cues) >= ENFORCEMENT_DOCUMENT_CUES


_HAN_BETWEEN_LETTERS = re.compile(f"[a-z][{_HAN}]+[a-z]")


def _latin_name(run: str) -> bool:
    """Latin words with at most one Han word-piece and no digit, no address, no contact label: a name
    (Google Analytics, SilkyBible 视频), which the clause scorer over-trusts (brands in its
    positives are Latin); Latin brands glued to product words are the brand signal's. A Han piece
    glued between Latin letters on both sides is no name's word: a site's name written around its
    product word and glued to its address without the dot (``bt福利btfulinet``).

    >>> _latin_name("SilkyBible 视频"), _latin_name("bt福利btfulinet")
    (True, False)
    """
    letters = sum(c.isascii() and c.isalpha() for c in run)
    han = han_count(run)
    return (letters >= 4 and han <= 2 and not any(c.isdigit() for c in run) and "." not in run
            and not _LABEL_BEFORE_ID.search(run) and not _HAN_BETWEEN_LETTERS.search(run))


_WIDGET_WORD = re.compile("登录|登陆|注册|分享|扫一扫|关注|收藏|打印|微博|微信|qq|关闭|返回|搜索|订阅")


def _foreign_title_line(doc: Document, folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """A whole line whose spam words the document's prose never uses (``真人棋牌游戏`` above news on
    Macau's casinos): a title the spammer added, not the topic the news reports on (六合彩 in a
    Mark Six report's headline recurs in its sentences)."""
    if folded[slice(*learned.line_bounds(folded, start, end))].strip() != folded[start:end].strip():
        return False
    prose = doc.memo("spam.prose", lambda: "\n".join(
        x for x in folded.split("\n") if han_count(x) >= learned.PROSE_LINE_HAN))
    run = folded[start:end]
    words = [run[s:e] for _, s, e in lex.automaton.find_matches_as_indexes(run)]
    words += [run[i:i + 2] for i in range(len(run) - 1)
              if _IS_HAN.fullmatch(run[i]) and _IS_HAN.fullmatch(run[i + 1])]
    return not any(w in prose for w in words if len(w) >= 2 and w not in _COMMON_BIGRAMS)


def _topic_title(doc: Document, folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """A bare term that is the document's first line and recurs in its prose: the title naming what
    it is about (``六合彩`` over a post on buying Mark Six tickets), not a keyword put above it."""
    line_start, line_end = learned.line_bounds(folded, start, end)
    return (not folded[:line_start].strip() and folded[line_start:line_end].strip() == folded[start:end]
            and not _foreign_title_line(doc, folded, start, end, lex))


_COMMON_BIGRAMS = frozenset({"游戏", "中国", "平台", "官方", "网站", "首页", "登录", "入口", "在线", "视频"})


def _bare_term_inside(folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """A lexicon term inside ``folded[start:end]`` is a bare keyword clause (a learned run is a
    whole clause: whether it is inserted depends on what its clause holds besides the term)."""
    return any(register.bare_keyword_clause(folded, start + s, start + e)
               for _, s, e in lex.automaton.find_matches_as_indexes(folded[start:end]))


OFF_TOPIC_REST_MIN_HAN = 8
"""The Han characters a sentence holds besides a run for the run to stand in a sentence about something
else (:func:`_brand_in_sentence_off_topic`); a run that is its sentence, or nearly, is read by its shape."""


def _brand_in_sentence_off_topic(folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """``folded[start:end]`` holds a Latin brand glued to Han (:func:`_glued_brand`: ``usdt投注``) and a word
    of the topic (:func:`register.topic_mentions`: 投注), and the rest of its sentence (OFF_TOPIC_REST_MIN_HAN Han
    characters or more) names nothing of the topic (:func:`register.topic_mentions`) and holds no
    enforcement cue: glued into a sentence about something else (…服务中心,[usdt投注]共6名院友…), an
    offer even in a document that reports on gambling elsewhere, which names a brand where it tells of
    the gambling (警方查处利用usdt投注的赌博团伙).

    >>> lex = lexicon()
    >>> t = "博彩业复苏。流感报告:首宗是长者服务中心,usdt投注共6名院友。"
    >>> _brand_in_sentence_off_topic(t, t.index("usdt"), t.index("usdt") + 6, lex)
    True
    >>> t = "警方查处利用usdt投注的跨境赌博团伙。"
    >>> _brand_in_sentence_off_topic(t, t.index("usdt"), t.index("usdt") + 6, lex)
    False
    """
    run = folded[start:end]
    if not _glued_brand(run, lex) or not register.topic_mentions(to_simplified(run)):
        return False
    left, right = _sentence(folded, start, end)
    if han_count(folded, left, start) + han_count(folded, end, right) < OFF_TOPIC_REST_MIN_HAN or _cue_between(
            folded, left, right, lex):
        return False
    return not register.topic_mentions(to_simplified(folded[left:start] + "\n" + folded[end:right]))


def _about(doc: Document, folded: str, lex: _Lexicon) -> bool:
    """The document reports on gambling or adult content (:func:`register.about_document`), or is
    enforcement news about gambling; memoised per document."""
    return doc.memo("spam.about", lambda: _enforcement_document(folded, lex)
                    or register.about_document(view_of(doc).text, _topic(doc)))


STATE_LOTTERY_MIN_MENTIONS = 2
_STATE_LOTTERY = re.compile("体育彩票|福利彩票|体彩|福彩|竞彩")
"""China's two state lotteries, by their names and short names, and the sports lottery's fixed-odds games (竞彩)."""


def _state_lottery_news(doc: Document) -> bool:
    """The document touches the topic (:func:`_touches_topic`) and names the state lotteries STATE_LOTTERY_MIN_MENTIONS
    times or more: a lottery's own news (a new game, its sales, a welfare-fund notice) names its bets as its
    products (体彩推出[NBA投注竞猜]游戏, [足球彩票投注竞猜]持续火热) with few of a news report's cues; memoised per
    document. A page selling bets names its site, not the state lottery, and an offer there (a contact, 注册,
    a tip) is an offer still (:func:`.register.strong_offer`).

    >>> _state_lottery_news(Document.from_text("a.txt", "体彩中心推出NBA投注竞猜游戏,彩民可在体彩网点投注。"))
    True
    >>> _state_lottery_news(Document.from_text("a.txt", "NBA投注竞猜游戏,彩民首存送彩金,投注即送。"))
    False
    """
    return doc.memo("spam.state_lottery", lambda: _touches_topic(doc) and len(
        _STATE_LOTTERY.findall(view_of(doc).text)) >= STATE_LOTTERY_MIN_MENTIONS)


def _fraud_story_offer(doc: Document, run: str, folded: str | None = None, start: int = 0, end: int = 0) -> bool:
    """``run`` is an offer's words without a messenger's label or an address (贷款APP) in a report on fraud
    (:func:`register.about_fraud`, read once a document): the scam the report tells of, which sells nothing.
    Given where it stands (``folded[start:end]``), also told there (:func:`_narrated`): an offer inserted
    between the report's sentences as a sentence of its own is an offer still."""
    return (learned.run_kind(run) == "offer" and not register.names_contact(run)
            and doc.memo("spam.fraud_report", lambda: register.about_fraud(view_of(doc).text))
            and (folded is None or _narrated(folded, start, end)))


_NARRATION = re.compile("骗|诈|称|冒充|谎|受害|民警|警方|客服|下载|为由|提醒|警惕|谨防|陷阱|广告|短信|链接|宣传|套路|"
                        "騙|詐|稱|謊|冒認|受害|警方|客服|下載|為由|提醒|警惕|謹防|陷阱|廣告|短訊|鏈接|宣傳")
"""What a fraud report's sentence says of the scam it tells (被骗, 诈骗分子称, 以解冻为由, 下载了, 广告), in both scripts."""
_QUOTE_OPEN = "“「『\"‘"


def _narrated(folded: str, start: int, end: int) -> bool:
    """The run ``folded[start:end]`` is told by its sentence: quoted (“秒批不看征信”), or its sentence holds, outside
    the run, NARRATION_MIN_HAN Han characters or more or a word of the scam's telling (:data:`_NARRATION`); an
    offer standing as a sentence of its own between a report's sentences is no part of the story.

    >>> t = "市民下载了一款“秒批不看征信”的贷款APP后被骗。\\n不看征信秒下款,当天放款。\\n民警提醒谨防诈骗。"
    >>> _narrated(t, t.index("秒批"), t.index("征信”") + 2), _narrated(t, t.index("不看征信秒"), t.index("放款。") + 2)
    (True, False)
    """
    left, right = _sentence(folded, start, end)
    if folded[max(left, start - 1):start] and folded[start - 1] in _QUOTE_OPEN:
        return True
    return (han_count(folded, left, start) + han_count(folded, end, right) >= NARRATION_MIN_HAN
            or bool(_NARRATION.search(folded[left:start]) or _NARRATION.search(folded, end, right)))


NARRATION_MIN_HAN = 4
"""Han characters of its sentence besides the run that make the run a part of the sentence (发现…,但[贷款APP]上却显示…)."""


def _touches_topic(doc: Document) -> bool:
    """:func:`register.touches_topic` of the document, once: a page can hold thousands of glued runs."""
    return doc.memo("spam.touches_topic", lambda: register.touches_topic(view_of(doc).text, _topic(doc)))


def _topic(doc: Document) -> register.Mentions:
    """The document's topic words (:func:`register.topic_mentions`), read once for both
    :func:`_about` and :func:`_touches_topic`: each reads the whole text."""
    return doc.memo("spam.topic", lambda: register.topic_mentions(view_of(doc).text))


def _lexicon_hits(doc: Document, ctx: BatchContext, folded: str, lex: _Lexicon) -> list[SpamHit]:
    hits = []
    repeated: dict[str, bool] = {}  # a term's text -> it occurs twice or more (one count per term, not per hit)
    enforcement_doc: bool | None = None
    chrome: _SpanSet | None = None
    for index, start, end in lex.automaton.find_matches_as_indexes(folded):
        term, kind, tier = lex.terms[index]
        brand_start = _brand_token_start(folded, start, lex)
        span_start = start if brand_start is None else brand_start
        signals = ["lexicon"] + (["latin-brand"] if span_start < start else [])
        if tier == "brand" and span_start == start and (
                not _offer_word_near(folded, end, lex, BRAND_LOOKAHEAD) or _venue_named(folded, end, lex)):
            continue
        if _exempt_in_place(folded, start, end, lex):
            continue
        end = _product_words_end(folded, _overlapping_end(folded, start, end, lex), lex)
        # A document about gambling or adult content (news, crackdown, regulation, lottery notice)
        # mentions its vocabulary; it makes no offer (a term followed by 官网 / 注册 / 开户, a contact,
        # tip words), inserts no bare keyword clause, and its context does not reach the chrome.
        offer = _offer_word_at(folded, end, lex)
        if (span_start == start and not (offer and offer[0] not in register.WEAK_ACTIONS
                                         and offer[1] == "action")
                and not (register.tip_words(folded[start:end + 4])
                         and not register.quoted_tip_mention(folded, start, end, lex.action_words))
                and (not register.bare_keyword_clause(folded, start, end)
                     or _topic_title(doc, folded, start, end, lex))):
            if chrome is None:
                chrome = _SpanSet(b.span for b in chrome_blocks(doc, ctx))
            # A term in the chrome counts unless the body names it too (a keyword tag of news
            # about the topic, 关键词:六合彩, versus a footer's ``Powered by 牌九游戏``).
            term_text = folded[start:end]
            if term_text not in repeated:
                repeated[term_text] = folded.count(term_text) >= 2
            if not chrome.covers(start) or repeated[term_text]:
                if enforcement_doc is None:
                    enforcement_doc = _about(doc, folded, lex)
                if enforcement_doc or _described_game(doc, folded, start, end, lex):
                    continue
        end = _offer_run_to_line_end(folded, end, lex)
        hits.append(SpamHit(kind, Span(span_start, end), term, tuple(signals),
                            line_number(doc, start)))
    return hits


_IMAGE_REFERENCE = re.compile(r"!\[([^\]\n]{0,80})\]\([^)\s]*\)"
                              r'|data:image/[a-z0-9.+-]+,"[^"\s]*"\s*alt="([^"\n]{0,80})"')
"""An image as a page's text keeps it: markdown's ``![caption](address)``, or a data address and its
``alt`` caption (how the search tool's stored pages write a picture)."""
_IMAGE_TAG = re.compile(r"</?image>?")


def _picture_only(run: str, lex: _Lexicon) -> bool:
    """``run`` is nothing but image references (:data:`_IMAGE_REFERENCE`, in ``<image>`` tags or not) whose
    captions name no offer term and make no offer: the page's pictures (a school's 东华Facebook icon),
    where an inserted picture's caption names its brand or its offer.

    >>> lex = lexicon()
    >>> _picture_only('<image>![东华facebook](/var/file/32/1032/img/1.png)</image', lex)
    True
    >>> _picture_only('data:image/png,"/files/logo.png" alt="东华youtube"</image>', lex)
    True
    >>> _picture_only('![澳门新葡京官网注册](http://x.cc/1.png)', lex), _picture_only('东华facebook', lex)
    (False, False)
    """
    captions = [m.group(1) or m.group(2) or "" for m in _IMAGE_REFERENCE.finditer(run)]
    if not captions or _IMAGE_TAG.sub("", _IMAGE_REFERENCE.sub("", run)).strip():
        return False
    return not any(lex.automaton.find_matches_as_indexes(c) or register.strong_offer(c, lex.action_words)
                   for c in captions)


ORGANISER_LIST_MIN_ITEMS = 3
ORGANISER_NAME_MAX_CHARS = 16
_ORGANISER_ROLE = re.compile("(?:联合)?(?:主办|协办|承办|合办|赞助|支持|冠名)(?=的|单位|[,，。;；、\\s]|$)")
"""An organiser's role ending its phrase (协办的展览, 主办,): not a word's inside (综合办公室)."""
_FIRMS_CLASS = re.compile("等(?:各|多家|多间|[一二三四五六七八九十]家)?[^,,。;;、]{0,8}?(?:企业|集团|公司|酒店|度假村)")
"""A list's close naming its items' class, firms or resorts (…、澳门银河[等各综合度假休闲企业]的设施), as an event's
role names its organisers; a list of bodies (学生处、校团委、X等部门) is not closed by a firm's class."""
_ROLE_EITHER_SCRIPT = re.compile("主[办辦]|[协協][办辦]|承[办辦]|合[办辦]|[赞贊]助|支持|冠名|"
                                 "等[^,，。;；、\n]{0,10}?(?:企[业業]|集[团團]|公司|酒店|度假村)")
"""A role or a firms' class (:data:`_ORGANISER_ROLE`, :data:`_FIRMS_CLASS`) in either script: read before converting."""
_CLAUSE_BREAKS = ",，。;；:：!！?？\n"
_LIST_JOIN = re.compile("、|以及|及|和|与")
_ORGANISER_NAME = re.compile(f"[{_HAN}a-z0-9()（）]+")


def _organiser_list(folded: str, start: int, end: int) -> bool:
    """``folded[start:end]`` lies in a clause that lists ORGANISER_LIST_MIN_ITEMS bodies or more, joined by
    、/及/和, right before their role in an event (主办, 协办, 赞助 …; the run may take the role's first
    character) or their class as firms or resorts (:data:`_FIRMS_CLASS`): the page says who organised it (旅游局、银河娱乐集团、新濠博亚娱乐、美高梅…协办的双年展), each name an
    organiser, where an inserted brand offers and stands alone.

    >>> t = "文化局主办,旅游局、银河娱乐集团、新濠博亚娱乐、美高梅协办的展览将于盛夏举行。"
    >>> _organiser_list(t, t.index("银河"), t.index("新濠") + 6), _organiser_list("县政府召开会议,银河娱乐集团、新濠博亚娱乐。", 8, 14)
    (True, False)
    >>> _organiser_list("永利集团副经理张三和李四、王五、学院综合办公室主任赵六参加座谈会。", 0, 4)
    False
    >>> t = "先后到访美狮美高梅、新濠天地、永利皇宫以及澳门银河等各综合度假休闲企业的设施。"
    >>> _organiser_list(t, t.index("永利"), t.index("澳门银河") + 2)
    True
    """
    b = min((i for i in (folded.find(c, end, end + SENTENCE_REACH) for c in _CLAUSE_BREAKS) if i >= 0),
            default=min(len(folded), end + SENTENCE_REACH))
    if not _ROLE_EITHER_SCRIPT.search(folded, max(0, end - 2), b):
        return False  # no role or class ahead in the clause (read before converting it)
    a = max(folded.rfind(c, max(0, start - SENTENCE_REACH), start) for c in _CLAUSE_BREAKS) + 1
    clause = to_simplified(folded[a:b])
    role = next((m for m in _ORGANISER_ROLE.finditer(clause) if m.end() >= end - a), None) or next(
        (m for m in _FIRMS_CLASS.finditer(clause) if m.end() >= end - a), None)
    if role is None:
        return False
    items = _LIST_JOIN.split(clause[:role.start()].removeprefix("由"))
    return len(items) >= ORGANISER_LIST_MIN_ITEMS and all(
        len(item) <= ORGANISER_NAME_MAX_CHARS and _ORGANISER_NAME.fullmatch(item) for item in items)


LISTED_GAME_MIN_ITEMS = 3
LISTED_GAME_MAX_CHARS = 8
"""An item of a prose list is a game's short name, not a clause."""
_ITEM_START = frozenset("、:：,，;；\n")
_ITEM_END = frozenset("、。,，;；!！?？\n")


def _described_game(doc: Document, folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """The term at ``folded[start:end]`` is one short item of a prose list of LISTED_GAME_MIN_ITEMS or more
    (joined by 、), its sentence makes no offer, and the rest of the page touches the topic on its own
    (TOPIC_MIN_MENTIONS topic words besides the sentence's, the page's on more than TOPIC_MIN_LINES lines): a guide describing a
    casino's games (设有以下博彩项目:百家乐、廿一点、轮盘…), where an inserted list stands on a page that names
    nothing of the topic elsewhere.

    >>> lex = lexicon()
    >>> page = "澳门的博彩业闻名于世,娱乐场多设于酒店内。\\n场内设有以下博彩项目:百家乐、廿一点、轮盘和角子机。\\n只接受港币投注。"
    >>> _described_game(Document.from_text("a.txt", page), page, page.index("百家乐"), page.index("百家乐") + 3, lex)
    True
    >>> page = "县政府召开常务会议。\\n热门推荐:百家乐、真人视讯、老虎机。\\n会议研究了民生工作。"
    >>> _described_game(Document.from_text("a.txt", page), page, page.index("百家乐"), page.index("百家乐") + 3, lex)
    False
    """
    left, right = _sentence(folded, start, end)
    sentence = folded[left:right]
    if sentence.count("、") < LISTED_GAME_MIN_ITEMS - 1 or register.strong_offer(sentence, lex.action_words):
        return False
    a = start
    while a > left and folded[a - 1] not in _ITEM_START:
        a -= 1
    b = end
    while b < right and folded[b] not in _ITEM_END:
        b += 1
    if b - a > LISTED_GAME_MAX_CHARS or not (folded[a - 1:a] == "、" or folded[b:b + 1] == "、"):
        return False
    mentions = _topic(doc)
    if len(mentions) - len(register.topic_mentions(to_simplified(sentence))) < register.TOPIC_MIN_MENTIONS:
        return False
    return len(_topic_lines(doc)) > register.TOPIC_MIN_LINES


def _topic_lines(doc: Document) -> set[int]:
    """The lines the first 50 of the document's topic words stand on (:func:`_topic`), read once a document."""
    def compute() -> set[int]:
        text = view_of(doc).text
        return {text.count("\n", 0, at) for _, at, _ in _topic(doc)[:50]}
    return doc.memo("spam.topic_lines", compute)


def _venue_named(folded: str, end: int, lex: _Lexicon) -> bool:
    """A venue word follows the operator's name ending at ``end`` (新葡京[酒店]的娛樂場, 威尼斯人[度假村]) and
    nothing within VENUE_REACH characters of it makes an offer: the prose names a hotel or a resort, the
    product word after it (its casino, 娛樂場) the venue's own, as the learned runs' exemption reads it.

    >>> lex = lexicon()
    >>> _venue_named("葡京酒店(娱乐场)是澳门最老的赌场", 2, lex), _venue_named("葡京酒店娱乐官网注册", 2, lex)
    (True, False)
    """
    return _venue_ahead(folded, end) and not register.strong_offer(folded[end:end + VENUE_REACH], lex.action_words)


def _venue_ahead(folded: str, end: int) -> bool:
    """A venue word (:data:`_VENUE_EITHER_SCRIPT`) begins at ``end`` or after at most VENUE_NAME_MORE more Han
    characters of the venue's own name (澳门金沙[城中心假日]酒店, 澳门威尼斯人[金光]会展); ``folded`` in either
    script.

    >>> _venue_ahead("澳门金沙城中心假日酒店楼兰厅", 4), _venue_ahead("澳門威尼斯人金光會展", 6), _venue_ahead("金沙娱乐,酒店", 2)
    (True, True, False)
    """
    ahead = folded[end:end + VENUE_NAME_MORE + 4]
    m = _VENUE_EITHER_SCRIPT.search(ahead)
    return m is not None and han_count(ahead, 0, m.start()) == m.start()


_VENUE_EITHER_SCRIPT = re.compile("(?:大?酒店|度假村|度假[区區]|[购購]物中心|商[场場]|[剧劇][院场場]|[综綜][艺藝][馆館]|[会會]展|"
                                  "博物[馆館])")
"""The venue words (酒店, 度假村, 购物中心, 剧院 …) in both scripts: read without converting the text (a run's exemption
asks it every time)."""


MARKED_NAME_MIN_HAN = 3
MARKED_NAME_MAX_HAN = 10


def marked_names(folded: str) -> frozenset[str]:
    """The names the page writes with a trade-mark sign right after them (:data:`_TRADEMARK`): each ending
    of MARKED_NAME_MIN_HAN to MARKED_NAME_MAX_HAN Han characters of the Han run before the sign (the run
    may begin with the prose's words: 于澳门威尼斯人® gives 威尼斯人 and 澳门威尼斯人).

    >>> names = marked_names("义工于澳门威尼斯人®制作。百利宫tm")
    >>> "澳门威尼斯人" in names, "百利宫" in names, "斯人" in names, "制作" in names
    (True, True, False, False)
    """
    names: set[str] = set()
    for m in _TRADEMARK.finditer(folded):
        at = m.start()
        first = at
        while first > 0 and at - first < MARKED_NAME_MAX_HAN and _HAN_CHAR.match(folded, first - 1):
            first -= 1
        names.update(folded[i:at] for i in range(first, at - MARKED_NAME_MIN_HAN + 1))
    return frozenset(names)


_HAN_CHAR = re.compile(f"[{_HAN}]")


def _marked_name(doc: Document, folded: str, start: int, end: int) -> bool:
    """``folded[start:end]`` holds a name the page writes with its trade-mark sign (:func:`marked_names`:
    澳门威尼斯人®): its owner's own mark, which a resort's or an operator's press release writes and an inserted
    brand never carries, so each place the page writes the name is the owner's; read once a document."""
    names = doc.memo("spam.marked_names", lambda: marked_names(folded))
    run = folded[start:end]
    return bool(names) and any(name in run for name in names)


def _disguised_lexicon_hits(doc: Document, folded: str, lex: _Lexicon) -> list[SpamHit]:
    """Offer terms only the spam view shows: written apart (百 家 乐, 桑.拿), split by invisible
    characters or in traditional script where the view could not keep the source's offsets. Read
    on the view, reported in source offsets; the lexicon's exemptions apply on the view."""
    view = spam_view_of(doc)
    if view.text == folded:
        return []
    hits = []
    for index, start, end in lex.automaton.find_matches_as_indexes(view.text):
        term, kind, tier = lex.terms[index]
        a, b = view.source_span(start, end)
        if folded[a:b] == term:
            continue  # the plain lexicon pass sees it
        if tier == "brand" and not _offer_word_near(view.text, end, lex, BRAND_LOOKAHEAD):
            continue
        if _exempt(view.text, start, end, lex) or (
                _about(doc, folded, lex) and not register.bare_keyword_clause(view.text, start, end)
                and not register.strong_offer(view.text[start:end + 6], lex.action_words)):
            continue
        hits.append(SpamHit(kind, Span(a, b), term, ("lexicon", "disguised"), line_number(doc, a)))
    return hits


def _offer_run_to_line_end(folded: str, pos: int, lex: _Lexicon) -> int:
    """Offer words that run on to the end of the line or to a space belong to the injection (an SEO
    title suffix ``凯发app官网开户``); glued to more text they are the host sentence
    (政府[pp电子娱乐]官网浏览)."""
    end = pos
    while True:
        found = _offer_word_at(folded, end, lex)
        if not found:
            break
        end += len(found[0])
    if end > pos and (end == len(folded) or folded[end].isspace()):
        return end
    return pos


def _overlapping_end(folded: str, start: int, end: int, lex: _Lexicon) -> int:
    """Extend a leftmost-longest match over terms that overlap its end (金沙娱乐 + 娱乐城), unless
    what they add is an action word, which is usually the host text (政府[pp电子娱乐]官网)."""
    while True:
        window = folded[start + 1:end + lex.longest]
        longer = [start + 1 + e for _, s, e in lex.automaton.find_matches_as_indexes(window)
                  if start + 1 + s < end < start + 1 + e
                  and folded[end:start + 1 + e] not in lex.action_words]
        if not longer:
            return end
        end = max(longer)


def _product_words_end(folded: str, pos: int, lex: _Lexicon) -> int:
    """Extend a match over the product words glued after it (葡京 -> 葡京娱乐), not over action words."""
    while True:
        found = _offer_word_at(folded, pos, lex)
        if not found or found[1] == "action":
            return pos
        pos += len(found[0])


def latin_runs(doc: Document) -> list[tuple[int, int]]:
    """Runs of Latin letters and digits (starting with a letter) in the folded text, memoised."""
    def compute() -> list[tuple[int, int]]:
        return [m.span() for m in _LATIN_RUN.finditer(folded_text(doc))]
    return doc.memo("latin_runs", compute)


def _latin_ends_before_han(folded: str) -> list[int]:
    """Ends of the Latin runs (:func:`latin_runs`) glued to a Han character after them, in order:
    the alphanumeric stretches that hold a letter and have Han right after them. One scan
    (:data:`_GLUED_LATIN`) instead of listing every run (an HTML page's markup is tens of thousands
    of runs) or a Python step per digit glued to Han (2023年, 5个: hundreds in a report)."""
    return [m.end() for m in _GLUED_LATIN.finditer(folded)]


def _run_start_within(folded: str, a: int, b: int) -> bool:
    """A Latin run (:func:`latin_runs`) starts in ``folded[a:b]``: a letter there that no letter
    earlier in its alphanumeric stretch precedes (a run takes the digits after its letters)."""
    while True:
        m = _LETTER.search(folded, a, b)
        if m is None:
            return False
        q = at = m.start()
        while at > 0 and folded[at - 1] in _DIGIT_CHARS:
            at -= 1
        if at == 0 or folded[at - 1] not in _ALNUM:
            return True
        past = _NOT_ALNUM.search(folded, q)  # inside a run started earlier: on from its end
        a = past.start() if past else len(folded)


def _brand_hits(doc: Document, folded: str, lex: _Lexicon) -> list[SpamHit]:
    """Unknown Latin token + gambling product words: ``ky棋牌``, ``pp电子`` + 官网."""
    hits = []
    for end in _latin_ends_before_han(folded):
        start = _brand_token_start(folded, end, lex)
        if start is None:
            continue
        pos = _product_words_end(folded, end, lex)
        words = folded[end:pos]
        if not words:
            continue
        closing = any(w in words for w in lex.closing_words)
        action = _offer_word_at(folded, pos, lex)
        if not closing and not (action and action[1] == "action"):
            continue
        if _exempt(folded, start, pos, lex):
            continue
        stop = _offer_run_to_line_end(folded, pos, lex)
        hits.append(SpamHit("gambling", Span(start, stop), folded[start:stop],
                            ("latin-brand",), line_number(doc, start)))
    return hits


class _SpanSet:
    """Spans (e.g. the chrome blocks) asked, many times, whether they cover an offset: one search of
    their :class:`SpanIndex` (:meth:`SpanIndex.holds` the offset's character), not a scan per question."""

    def __init__(self, spans) -> None:
        self.index = SpanIndex([(s.start, s.end) for s in spans])

    def covers(self, offset: int) -> bool:
        return self.index.holds(offset, offset + 1)


def _contact_hits(doc: Document, ctx: BatchContext, folded: str) -> list[SpamHit]:
    """Contact and address injections in the body (a site's own footer contact is chrome, not spam)."""
    found: list[tuple[str, int, int]] = []
    dots = list(_TLD_DOT.finditer(folded))
    anchored = _channels_anchored(folded)
    for k, (name, _, pattern) in enumerate(_CONTACT_PATTERNS):
        if name == "labelled-address" and not dots:
            continue  # an address needs a top-level label
        if k in anchored:  # most pages hold no anchor of a channel
            found.extend((name, m.start(), m.end()) for m in pattern.finditer(folded))
    seen: set[int] = set()
    for dot in dots:
        m = _BARE_DOMAIN.match(folded, _token_start(folded, max(0, dot.start() - 100), dot.start()))
        if m is None or m.start() in seen:
            continue
        seen.add(m.start())
        before = folded[m.start() - 1] if m.start() else ""
        after = folded[m.end()] if m.end() < len(folded) else ""
        if folded[max(0, m.start() - 2):m.start()].strip().endswith("@"):
            continue  # the domain of an e-mail address (pdshk@ example.com), not a link
        if _IS_HAN.match(before) or _IS_HAN.match(after):
            found.append(("glued-address", m.start(), m.end()))
    hits: list[SpamHit] = []
    if not found:
        return hits
    chrome = _SpanSet(b.span for b in chrome_blocks(doc, ctx))
    taken: list[tuple[int, int]] = []  # sorted, never overlapping: bisect finds the neighbours
    for name, start, end in found:
        if own_or_official(doc, ctx, folded[start:end]) or chrome.covers(start):
            continue
        if learned.in_blob(folded, start, end) or learned.in_machine_line(folded, start, end):
            continue  # letters and digits of base64 or code that read like an id
        if _own_contact_line(folded, start, lexicon()) or (name == "glued-address" and register.own_address(
                folded, start) and _channels_line_offers_nothing(folded, start, end, lexicon())):
            continue
        at = bisect.bisect_left(taken, (start, end))
        if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue
        taken.insert(at, (start, end))
        grown = _offer_before_contact(folded, start) if name in _ID_CONTACTS else start
        hits.append(SpamHit("contact", Span(grown, end), name, (name,) + (
            ("offer-before-contact",) if grown < start else ()), line_number(doc, start)))
    return hits


def scorer_probability(text: str) -> float:
    return _scorer().probability(text)


_ID_CONTACTS = frozenset({"qq", "wechat", "messenger"})
_CLAUSE_STOP = re.compile(r"[,;!?。;!?\n\r>|·•]")
OFFER_BEFORE_CONTACT_CHARS = 24
"""An offer this short, set off by a space before a contact id, is the same injected run."""


def _clause_open(folded: str, end: int, marks: str = "", reach: int = OFFER_BEFORE_CONTACT_CHARS) -> int | None:
    """Where the clause ending at ``end`` opens: after the last clause mark (:data:`_CLAUSE_STOP`) or
    character of ``marks`` within ``reach`` (OFFER_BEFORE_CONTACT_CHARS) before it, or at the text's start; None
    when it goes on further back (host prose). Both offers read before a contact id reach back so far
    (:func:`_offer_before_contact`, :func:`_offer_clause_before`).

    >>> _clause_open("县政府报告。同城交友", 10), _clause_open("县政府报告 同城交友", 10, " ")
    (6, 6)
    """
    floor = max(0, end - reach - 1)
    opens = [m.end() for m in _CLAUSE_STOP.finditer(folded, floor, end)]
    opens += [at + 1 for at in (folded.rfind(c, floor, end) for c in marks) if at >= 0]
    if not opens and floor > 0:
        return None
    return max(opens, default=floor)


def _offer_before_contact(folded: str, start: int) -> int:
    """Start of the offer an injected contact id closes (``同城交友约会 飞机号 ab12345``): the clause
    part before it when a space sets it off and it is short, or when the clause scorer finds it
    spam; else the contact's own start (``全年新增就业岗位[微信:abc12345]``: host text)."""
    left = _clause_open(folded, start)
    if left is None:
        return start  # the clause goes on further back: host prose
    part = folded[left:start]
    if not part.strip() or not _IS_HAN.search(part):
        return start
    spaced = part.endswith(" ") and len(part.strip()) <= OFFER_BEFORE_CONTACT_CHARS
    if not spaced and scorer_probability(part.strip()) < 0.5:
        return start
    return left + len(part) - len(part.lstrip())


_COMMAS = frozenset(",，")


def _offer_clause_edge(doc: Document, view: learned.SpamView, hit: SpamHit) -> SpamHit:
    """``hit`` grown over the offer clause a comma sets off before the contact id it starts with
    (:func:`_offer_clause_before`). Read after the extent model, so the hits it trains around stay."""
    if not _ID_CONTACTS.intersection(hit.signals):
        return hit
    vs, _ = view.view_offsets([hit.span.start, hit.span.end])
    text = view.text
    if not (vs and text[vs - 1] in _COMMAS and _CONTACT_ID.match(text, vs)):
        return hit
    a = _offer_clause_before(text, vs - 1, vs)
    if a == vs:
        return hit
    s, _ = view.source_span(a, vs)
    return _respanned(doc, hit, s, hit.span.end)


def _offer_clause_before(folded: str, comma: int, start: int) -> int:
    """Start of the offer clause a comma sets off before a contact id (``楼凤信息,[微信:zx787649]``,
    ``黑户秒批贷款,[qq:…]``): the whole clause before the comma when it is short and the clause
    scorer finds it spam; else the contact's own start (``…新增就业岗位,[微信:…]``: the host's).

    >>> text = "县政府审议工作报告 -楼凤信息,微信:zx787649"
    >>> text[_offer_clause_before(text, text.index(",微信"), text.index("微信")):]
    '楼凤信息,微信:zx787649'
    """
    left = _clause_open(folded, comma, ": -_")  # a label's colon, a title separator or a space opens it too
    bar = 0.5
    if left is None:
        left = _clause_open(folded, comma, ": -_", LONG_OFFER_CLAUSE_CHARS)
        bar = LONG_OFFER_PROBABILITY
        if left is None:
            return start
    clause = folded[left:comma].strip()
    if not _IS_HAN.search(clause) or scorer_probability(clause) < bar:
        return start
    return left + len(folded[left:comma]) - len(folded[left:comma].lstrip())


PITCH_SENTENCE_CHARS = 16
"""A clause this short before a contact id, when the two are a whole sentence or line, is the id's pitch."""
PITCH_LEAD_HAN = 4
"""At most this many Han characters of the run before the id's label: a label's lead (商务, 咨询, 代理) or
the pitch's last word the extent model took (…礼金 咨询vx …)."""
_PITCH_CLOSE = re.compile(r"[ \t]*(?:[。!?;\n\r|_]|[-–—] |\Z)")
_PITCH_INNER_MARK = re.compile("[,,、::;()《》“”\"]")
_LABEL_LEAD = re.compile("(?:咨询|商务|代理|联系|客服)$")
"""What a messenger label is led by in a pitch (咨询vx, 商务QQ, 代理微信): the id's words, not the pitch's."""


def _pitch_sentence_start(folded: str, start: int, end: int) -> int:
    """Start of the pitch a labelled contact id closes when the two make a whole sentence, line or title
    part (``。当天到账[,商务qq 12345]。``, ``_私密会员[咨询vx ab12345]``): a clause of at most
    PITCH_SENTENCE_CHARS after a sentence break (:data:`_SENTENCE_BREAK`), holding no other clause
    mark, field label or quotation, whatever the scorer makes of its words (an offer in words nobody
    listed scores as low as prose: the id says what it is). Else ``start``: the id ends no sentence
    (glued into the host's, ``…岗位[微信:abc12345]城镇…``), the clause goes on further back (host
    prose), or it names the publisher's own channel (新闻报料, 客服).

    >>> text = "会议强调要抓好落实。负债高也能批,代理微信 ab12345。下一步"
    >>> text[_pitch_sentence_start(text, text.index("代理"), text.index("。下")):text.index("。下")]
    '负债高也能批,代理微信 ab12345'
    >>> text = "会议强调要抓好落实全年新增就业岗位代理微信 ab12345。"
    >>> _pitch_sentence_start(text, text.index("代理"), len(text) - 1) == text.index("代理")
    True
    >>> text = "文化防线 - 菲律宾金殿连环夺宝现金网 咨询vx cgp55594\\n"
    >>> text[_pitch_sentence_start(text, text.index("vx"), len(text) - 1):-1]
    '菲律宾金殿连环夺宝现金网 咨询vx cgp55594'
    """
    if not _PITCH_CLOSE.match(folded, end) or not _contact_end(folded, end, start, labelled=True):
        return start
    found = start
    if lead := _LABEL_LEAD.search(folded, max(0, start - 2), start):
        start = lead.start()  # the label's lead is the id's: the pitch is read before it
    label = max((m.start() for m in _CONTACT_ID.finditer(folded, start, end) if m.end() == end), default=start)
    # The run already holds its offer (葡京娱乐官网注册送彩金qq:…): what precedes is the host's, unless the run
    # starts inside a word (the extent model cut the pitch: 正版天成新人[专享礼金 代理微信 …]).
    cut = start > 0 and bool(_IS_HAN.match(folded[start - 1]))
    holds_offer = han_count(folded, start, label) > PITCH_LEAD_HAN
    if holds_offer and not cut:
        return found
    floor = max(0, start - PITCH_SENTENCE_CHARS - 1)
    opens = [m.end() for m in _SENTENCE_BREAK.finditer(folded, floor, start)]
    if not opens and floor > 0:
        return found
    left = max(opens, default=floor)
    pitch = folded[left:start]
    words = pitch.strip().rstrip(",").rstrip()  # the view folds the full-width comma
    if (han_count(words) < 2 or _PITCH_INNER_MARK.search(words) or register.own_contact_label(words)
            or len(words) > PITCH_SENTENCE_CHARS):
        return found
    if holds_offer and learned.pairs_written(folded, left, start, folded[:left] + "\n" + folded[end:], 2):
        return found  # a cut run after the host's words (its pairs written elsewhere on the page)
    return left + len(pitch) - len(pitch.lstrip())


LONG_OFFER_CLAUSE_CHARS = 48
LONG_OFFER_PROBABILITY = 0.2
"""An offer clause a comma sets off before a contact id, longer than OFFER_BEFORE_CONTACT_CHARS (an
escort's or a loan's whole pitch: 黑户白户无视征信当天下款…额度五万起,[qq:…]), is the contact's run up to
this length when the clause scorer gives it this much: a long clause's score is diluted by its
ordinary words (the two own-text pitches 0.26 and 0.39), a host's clause of that length before its own
id scores near 0 (a job notice's 请登录…网站查看, a shop's 欢迎附近居民上门选购: 0.001-0.003)."""


def _offers_nothing(line: str, lex: _Lexicon) -> bool:
    """No lexicon term, no tip words, no offer word other than an address label."""
    return (not lex.automaton.find_matches_as_indexes(line) and not register.tip_words(line)
            and not any(w in line for w in _OFFER_ACTIONS))


def _channels_line_offers_nothing(folded: str, start: int, end: int, lex: _Lexicon) -> bool:
    """The line of ``folded[start:end]`` offers nothing once the networks' names are taken out (whatsapp holds app,
    an offer's word elsewhere): what the publisher's own channels (:func:`register.channel_mention`,
    :func:`register.own_address`) must stand on.

    >>> line = "分享至: facebook line whatsapp"
    >>> _channels_line_offers_nothing(line, 5, len(line), lexicon()), _channels_line_offers_nothing("百家乐 whatsapp", 4, 12, lexicon())
    (True, False)
    """
    return _offers_nothing(register.without_networks(folded[slice(*learned.line_bounds(folded, start, end))]), lex)


def _own_contact_line(folded: str, start: int, lex: _Lexicon) -> bool:
    """A contact labelled as the publisher's own channel (新闻报料:QQ…, 投稿邮箱, 网站客服) on a line
    that offers nothing; an id under a line that labels it so (``扫码关注本网公众号`` / ``ID:abc123``: its
    own line holds nothing but the id's bare label), neither line offering anything.

    >>> lex = lexicon()
    >>> page = "扫码关注本网公众号\\nid:abcd365\\n返回顶部"
    >>> _own_contact_line(page, page.index("abcd"), lex), _own_contact_line("id:abcd365", 3, lex)
    (True, False)
    """
    line_start, line_end = learned.line_bounds(folded, start, start)
    if line_start and _BARE_ID_LABEL.fullmatch(folded, line_start, start):
        above = folded.rfind("\n", 0, line_start - 1) + 1
        return (register.own_contact_label(folded[above:line_start])
                and _offers_nothing(folded[above:line_end], lex))
    return (register.own_contact_label(folded[max(line_start, start - 24):start])
            and _offers_nothing(folded[line_start:line_end], lex))


_BARE_ID_LABEL = re.compile(r"\s*(?:id|账号|帐号|号码|号)?\s*:?\s*")


def _line_offers_nothing(folded: str, at: int, lex: _Lexicon) -> bool:
    """The line offers nothing and labels no messenger id."""
    line = folded[slice(*learned.line_bounds(folded, at, at))]
    return _offers_nothing(line, lex) and not _LABEL_BEFORE_ID.search(line)


_ADDRESS_ONLY = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/[^\s]*)?")
_LABEL_BEFORE_ID = re.compile(rf"(?:{_EVERY_LABEL})\s*:?\s*[a-z0-9@]")
_OFFER_ACTIONS = ("注册", "开户", "下载", "登录", "登陆", "app", "投注", "送彩金", "秒批", "代开")
_EMAIL = re.compile(r"[a-z0-9._%+-]+@\s?[a-z0-9.-]+\.[a-z]{2,}")


_HOST_IN = re.compile(r"(?<![a-z0-9._/@-])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![a-z0-9-])")
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "mil", "idv"})


def registrable_domain(host: str) -> str:
    """``www.hubei.gov.cn`` -> ``hubei.gov.cn``, ``m.example.com`` -> ``example.com``."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@lru_cache(maxsize=1)
def _official_domains() -> frozenset[str]:
    return frozenset(d.strip().lower() for (d,) in data.read_rows("spam_official_domains.txt"))


def _official_host(host: str) -> bool:
    """``host`` is official: .gov, .edu, .mil, .org.cn, or a state medium's (``spam_official_domains.txt``)."""
    return bool(_OFFICIAL_HOST.search(host)) or registrable_domain(host) in _official_domains()


def _url_domain(doc: Document) -> str | None:
    """The registrable domain of the page's own address (:func:`page_url`: its manifest's, or one its
    text labels), if it has one."""
    host = _HOST_IN.search((page_url(doc) or "").lower())
    return registrable_domain(host.group(1)) if host else None


def _site_domains(doc: Document, ctx: BatchContext) -> frozenset[str]:
    """The page's own registrable domain (from its URL) and every domain its site chrome names."""
    def compute() -> frozenset[str]:
        own = _url_domain(doc)
        domains = {own} if own else set()
        folded = folded_text(doc)
        for block in chrome_blocks(doc, ctx):
            for m in _HOST_IN.finditer(folded, block.span.start, block.span.end):
                domains.add(registrable_domain(m.group(1)))
        hosts = list(_HOST_IN.finditer(folded))  # one scan of the page for both readings
        return frozenset(domains | _watermark_domains(folded, hosts) | _declared_domains(folded, hosts))
    return doc.batch_memo(ctx, "spam.site_domains", compute)


_SELF_LABEL = re.compile("博客|部落格|blog|主页|主頁|homepage|个人网站|個人網站|网站[::]|網站[::]|本站|本网|"
                         "作者|来源|來源|转载|轉載|出处|出處|原文|本文地址|本文链接")
"""Words before an address on its line that declare it the page's own: the author's blog, the
site's home page, the source the text was taken from."""
_PUBLIC_SITE = re.compile("(?:(?:登录|登陆|访问|浏览|关注)[^,;。!?\\s]{0,24}?)?"
                          "(?:局|厅|委|委员会|办公室|政府|中心|大学|学院|学校|医院|协会|学会|法院|检察院)(?:官方)?网站")
"""A public body's website named before its address (…请登录市人力资源和社会保障局网站查看,网址:…): the
address is the body's, the one the page's sentence sends readers to, and 登录 there is no sign-up."""


def _declared_domains(folded: str, hosts: list[re.Match[str]]) -> set[str]:
    """Domains the page declares its own (``陈默的博客 http://…``, ``网站:<a href=…>``, ``来源:…``) or a
    public body's (``…局网站查看,网址:…``, :data:`_PUBLIC_SITE`) on a line that offers nothing and labels
    no messenger id: a personal site's or a blog's own address, which no report URL names when the
    page is checked without a manifest."""
    own = set()
    lex = lexicon()
    for m in hosts:
        line_start = folded.rfind("\n", 0, m.start()) + 1
        if _SELF_LABEL.search(folded, line_start, m.start()) and _line_offers_nothing(folded, m.start(), lex):
            own.add(registrable_domain(m.group(1)))
        elif site := _PUBLIC_SITE.search(folded, line_start, m.start()):
            line = folded[slice(*learned.line_bounds(folded, m.start(), m.start()))]
            a, b = site.start() - line_start, site.end() - line_start
            if _offers_nothing(line[:a] + line[b:], lex) and not _LABEL_BEFORE_ID.search(line):
                own.add(registrable_domain(m.group(1)))
    return own


WATERMARK_MIN_COUNT = 2
WATERMARK_REACH = 12
"""Characters each side of a recurring domain searched for an offer or a contact label."""


def _watermark_domains(folded: str, hosts: list[re.Match[str]]) -> set[str]:
    """Domains the page repeats with nothing to sell around them and no digits in their name: the
    site's own name stamped into its text (a forum's copy watermark, ``…www.tvboxnow.com崔世安…``),
    which an advertiser's address, always next to an offer or a brand with digits, is not."""
    places: dict[str, list[int]] = {}
    for m in hosts:
        places.setdefault(registrable_domain(m.group(1)), []).append(m.start(1))
    lex = lexicon()
    own = set()
    for domain, starts in places.items():
        if len(starts) < WATERMARK_MIN_COUNT or any(c.isdigit() for c in domain.split(".")[0]):
            continue
        if not any(lex.automaton.find_matches_as_indexes(
                folded[max(0, at - WATERMARK_REACH):at + len(domain) + WATERMARK_REACH])
                or _LABEL_BEFORE_ID.search(folded, max(0, at - WATERMARK_REACH), at + 2)
                for at in starts):
            own.add(domain)
    return own


def own_or_official(doc: Document, ctx: BatchContext, text: str) -> bool:
    """Every address in ``text`` is official (.gov, .gov.cn, .gov.hk, .gov.mo, .gov.tw, .edu, state
    media: ``spam_official_domains.txt``), the page's own site, or one its chrome names; and there is
    at least one address."""
    hosts = [m.group(1) for m in _HOST_IN.finditer(text)]
    if not hosts:
        return False
    site = _site_domains(doc, ctx)
    return all(_official_host(host) or registrable_domain(host) in site for host in hosts)


# ------------------------------------------------------------------------------------- sibling diff

def _align_form(text: str) -> str:
    """Folded, digits as 0: same length as ``text``, so alignment offsets are text offsets."""
    return _DIGITS.sub("0", fold(text))


class _Shelf:
    """The template lines sharing one end, by length: ``lengths`` ascending and ``entries``
    ``(order, form, frequency)`` beside them (``order``: the line's place in the batch's template
    lines)."""

    __slots__ = ("lengths", "entries")

    def __init__(self, entries: list[tuple[int, str, int]]) -> None:
        entries.sort(key=lambda entry: (len(entry[1]), entry[0]))
        self.entries = entries
        self.lengths = [len(form) for _, form, _ in entries]

    def shorter(self, length: int) -> list[tuple[int, str, int]]:
        """The templates 1 to ``MAX_INSERT_CHARS`` characters shorter than ``length``, in order."""
        lengths = self.lengths
        low = bisect.bisect_left(lengths, length - MAX_INSERT_CHARS)
        high = bisect.bisect_left(lengths, length, low)
        return sorted(self.entries[low:high])


@dataclass
class _TemplateIndex:
    by_prefix: dict[str, _Shelf]
    by_suffix: dict[str, _Shelf]

    def candidates(self, form: str) -> list[tuple[str, int]]:
        """The ``(template, frequency)`` pairs a line ``form`` can be a template plus insertions
        of: sharing its first or last ``DIFF_KEY_CHARS`` characters and 1 to ``MAX_INSERT_CHARS``
        characters shorter, those sharing the first in the batch's order, then the others (a template
        sharing both ends is listed once). Only the
        lengths an insertion can make are read: the template lines behind one end grow with the
        batch, and walking them all made each document's cost grow with it."""
        length = len(form)
        prefix, suffix = self.by_prefix.get(form[:DIFF_KEY_CHARS]), self.by_suffix.get(form[-DIFF_KEY_CHARS:])
        found = prefix.shorter(length) if prefix is not None else []
        if suffix is not None:
            found = found + suffix.shorter(length)
        return list(dict.fromkeys((template, freq) for _, template, freq in found))


def _template_index(ctx: BatchContext) -> _TemplateIndex:
    """Template lines of the batch by their first and last characters; built once per context."""
    return ctx.memo("spam.template_index", lambda: _build_template_index(ctx))


def _build_template_index(ctx: BatchContext) -> _TemplateIndex:
    by_prefix: dict[str, list[tuple[int, str, int]]] = {}
    by_suffix: dict[str, list[tuple[int, str, int]]] = {}
    for order, (fp, text) in enumerate(ctx.template_lines.items()):
        form = _align_form(text.strip())
        if len(form) < TEMPLATE_MIN_CHARS:
            continue
        entry = (order, form, ctx.frequency(fp))
        by_prefix.setdefault(form[:DIFF_KEY_CHARS], []).append(entry)
        by_suffix.setdefault(form[-DIFF_KEY_CHARS:], []).append(entry)
    return _TemplateIndex({key: _Shelf(entries) for key, entries in by_prefix.items()},
                          {key: _Shelf(entries) for key, entries in by_suffix.items()})


def _insertions(template: str, line: str) -> list[tuple[int, int]] | None:
    """Runs of ``line`` that, removed, leave exactly ``template``; None if it differs otherwise."""
    extra = len(line) - len(template)
    prefix = 0
    limit = len(template)
    while prefix < limit and line[prefix] == template[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit and line[-1 - suffix] == template[-1 - suffix]:
        suffix += 1
    if prefix + suffix >= len(template):
        # Equal characters around the run make several positions equivalent: take the leftmost one
        # that is inside the line.
        lowest = len(template) - suffix
        start = lowest if lowest > 0 else min(prefix, 1)
        return [(start, start + extra)]
    runs = []
    for tag, _i1, _i2, j1, j2 in Indel.opcodes(template, line):
        if tag == "insert":
            runs.append((j1, j2))
        elif tag != "equal":
            return None
    return runs  # type: ignore[return-value]


def _insertion_hits(doc: Document, ctx: BatchContext, lex: _Lexicon) -> list[SpamHit]:
    if ctx.documents < MIN_RECURRENCE + 1 or not ctx.template_lines:
        return []
    index = _template_index(ctx)
    analysis = chrome_analysis(doc, ctx)
    lines = analysis.lines
    n = len(lines)
    # Lines outside the body zone and chrome lines are diffed; inside body prose only Latin
    # insertions count (below), so only body lines with Latin letters are candidates.
    if analysis.first < 0:
        edge_or_chrome = set(range(n))
    else:
        edge_or_chrome = set(range(analysis.first)) | set(range(analysis.last + 1, n))
        edge_or_chrome.update(analysis.chrome)
    candidates_at = set(edge_or_chrome)
    folded = folded_text(doc)
    starts = [line.start for line in lines]
    if all(a <= b for a, b in zip(starts, starts[1:])):
        # The line a run starts in (the last line starting at or before it), asked per line: a
        # line's stretch up to the next line's start holds a run's start.
        bounds = starts[1:] + [len(folded)]
        candidates_at.update(i for i in range(n) if i not in candidates_at
                             and _run_start_within(folded, starts[i], bounds[i]))
    else:
        runs = latin_runs(doc)
        if runs:
            candidates_at.update(bisect.bisect_right(starts, start) - 1 for start, _ in runs)
            candidates_at.discard(-1)
    hits = []
    for i in sorted(candidates_at):
        line = lines[i]
        if line.end - line.start < TEMPLATE_MIN_CHARS + 2:
            continue
        # The folded text keeps offsets and white space, so its stripped slice aligns with the line.
        raw = folded[line.start:line.end]
        form = raw.strip()
        if len(form) < TEMPLATE_MIN_CHARS + 2:
            continue
        ev = analysis.evidence.get(i)
        if ev is not None and any(p.kind in _VARIABLE_CHROME_KINDS for p in ev.phrases):
            continue  # page fields (来源, 发布时间, breadcrumbs) differ from page to page by design
        form = _DIGITS.sub("0", form)
        candidates = index.candidates(form)
        if not candidates:
            continue
        offset = line.start + len(raw) - len(raw.lstrip())
        stripped = doc.text[offset:offset + len(form)]
        own = (ev.frequency if ev is not None and ev.frequency
               else ctx.frequency(cached_fingerprint(line.text)))
        best: tuple[list[tuple[int, int]], str] | None = None
        for template, freq in candidates:
            if freq <= own:
                continue
            runs = _insertions(template, form)  # type: ignore[assignment]
            if runs and (best is None or sum(b - a for a, b in runs) < sum(b - a for a, b in best[0])):
                best = (runs, template)
        if best is None:
            continue
        for a, b in best[0]:
            run = _trim_run(form, a, b)
            if run is None:
                continue
            a, b = run
            inserted = form[a:b]
            latin = (bool(re.search("[a-z]{2,}", inserted))
                     and inserted.strip("0123456789") not in lex.acronyms)
            if i not in edge_or_chrome and not latin:
                continue  # wording variation inside body prose (全面贯彻[落实]党的二十大精神)
            hits.append(SpamHit("insertion", Span(offset + a, offset + b), stripped[a:b],
                                ("sibling-diff",), line.number, template=best[1]))
    return hits


def _trim_run(form: str, a: int, b: int) -> tuple[int, int] | None:
    """The inserted run without surrounding spaces, if it is a glued, non-numeric, non-URL insertion."""
    while a < b and form[a].isspace():
        a += 1
    while b > a and form[b - 1].isspace():
        b -= 1
    inserted = form[a:b]
    content = [c for c in inserted if _WORD_CHAR.match(c)]
    if len(content) < 2 or all(c == "0" for c in content):
        return None
    if a == 0 or b >= len(form):
        return None  # appended at an end: a natural variation (breadcrumb depth, longer source name)
    if _SEPARATORS.search(inserted.strip(_EDGE_PUNCTUATION)):
        return None  # a list segment (新闻 > , 办事 | ), not one injected token
    if _URLISH.match(form[a - 1]) and _URLISH.match(inserted[0]) and not _IS_HAN.match(form[a - 1]):
        return None  # inside a URL or path
    return a, b


# ------------------------------------------------------------------------------------------ merging

_KIND_PRIORITY = {"gambling": 0, "adult": 1, "offer": 2, "contact": 3, "insertion": 4}


_ADDRESS_LABEL = re.compile("官方网站|官方網站|官网|官網|平台|入口|网址|網址|首页|首頁|登录|登錄|登陆|下载|下載|"
                            "客户端|app")


def _offer_outside_addresses(text: str, lex: _Lexicon) -> bool:
    """An offer word or a lexicon term in ``text`` once its addresses, and the words that only name an
    address (平台网址:, 官网, 入口), are taken out: ``信息平台网址:https://x.gov.cn`` offers nothing."""
    rest = _ADDRESS_LABEL.sub(" ", _HOST_IN.sub(" ", text))
    return bool(lex.offer_pattern.search(rest) or lex.automaton.find_matches_as_indexes(rest))


def _plain_extension(folded: str, start: int, end: int, *, left: bool = False) -> bool:
    """What a learned run adds to an exact hit may count when it is Latin, digits and address
    characters, or reaches a clause boundary on its outer side (the start of what it adds before the
    hit, the end of what it adds after it): Han words glued on to host text
    (政府[pp电子娱乐]官网浏览) may be the host's own, a brand opening its clause (,永利娱乐yl8899.com) is not."""
    added = folded[start:end]
    if not added or all(c.isascii() for c in added):
        return True
    if left:
        return start == 0 or folded[start - 1] in _CLAUSE_END
    return end >= len(folded) or folded[end] in _CLAUSE_END


VENUE_REACH = 12
"""Characters after a venue's name read for an offer (…酒店官网注册 is one)."""
VENUE_NAME_MORE = 6
"""Han characters of a venue's own name that may stand between an operator's name and the venue word
(澳门金沙[城中心假日]酒店, 威尼斯人[金光]会展): the resort's or the hall's proper name goes on."""
_TRADEMARK = re.compile(r"[®™]|tm(?![a-z])")
"""A trade-mark sign after a name (澳门威尼斯人®, 百利宫™; NFKC writes ™ as tm)."""
_ACTION_ONLY = re.compile(r"(?:手机|官方)?(?:app|客户端|手机版|安卓版|苹果版|ios版?|android版?)?\s*"
                          r"(?:下载|安装|扫码下载|点击下载|立即下载)?\s*(?:app|客户端)?")
_CONTACT_ONLY_RUN = re.compile(r"(?:qq|vx|微信|扣扣|id)?\s*:?\s*[a-z0-9._@-]+")
_CLAUSE_END = frozenset(",;:!?。、,;:!?\n\r|_ ")
_CONTEST_WORD = re.compile("锦标赛|联赛|大赛|公开赛|邀请赛|选拔赛|挑战赛")
"""A glued guess a contest's word follows names the contest ([K11电竞]锦标赛), which no brand's offer does."""
_DATELINE_TIME = re.compile(r"(?:当地|北京|美东|美西|东部|西部|太平洋|格林尼治|香港|澳门|台北|东京|莫斯科)?时间"
                            r"[\d一二三四五六七八九十〇零]{0,4}(?:[日号]|[时点](?:\d{1,2}分)?|许|凌晨|早上|上午|中午|下午|晚上?|夜)*")
"""A news dateline's time (当地时间23时许, 北京时间3日晚): the scorer reads 当地时间 with a number as an offer's
words (0.9), ordinary news writes it before every foreign event."""


def _learned_hits(doc: Document, ctx: BatchContext, folded: str, lex: _Lexicon,
                  hints: list[int]) -> list[SpamHit]:
    chrome: list[Span] | None = None
    enforcement: bool | None = None

    def exempt(start: int, end: int, stuffed: bool = False, glued: bool = False, alone: bool = False,
               slot: bool = False, issuer: bool = False) -> bool:
        nonlocal chrome, enforcement
        if _exempt_in_place(folded, start, end, lex, about=lambda: _about(doc, folded, lex),
                            own_clauses=stuffed or slot) and not (slot and _collocation_beside(folded, start, end, lex)):
            return True
        if _DATELINE_TIME.fullmatch(folded[start:end].strip()):
            return True  # the news' own time of day, not an offer
        if _own_tag_line(folded, start, end):
            return True  # the page's keyword tags, each a word its text writes
        if glued and (alone or _touches_topic(doc) or _CONTEST_WORD.match(folded, end)) and not register.strong_offer(
                folded[start:end], lex.action_words):
            # A short run the scorer guessed with nothing else to go on, or in a document whose own
            # topic is gambling: an offer, or its topic's word (电子游戏, 娱乐场).
            return True
        if own_or_official(doc, ctx, folded[start:end]) and not _offer_outside_addresses(
                folded[start:end], lex):
            return True  # the site's own or an official address, with no offer around it
        run = folded[start:end].strip()
        if _EMAIL.fullmatch(run) or (_CONTACT_ONLY_RUN.fullmatch(run)
                                     and _own_contact_line(folded, start, lex)):
            return True  # an e-mail address, or the publisher's own labelled contact
        if register.channel_mention(folded, start, end) and _channels_line_offers_nothing(folded, start, end, lex):
            return True  # the publisher's own channels (a share bar, 网页及Facebook专页, an enquiry number)
        if _ADDRESS_ONLY.fullmatch(run) and (_line_offers_nothing(folded, start, lex) or (
                register.own_contact_label(folded[max(0, start - 24):start])
                and not lex.automaton.find_matches_as_indexes(folded[max(0, start - 24):end]))):
            return True  # a bare link (an image, a source, the paper's weibo) on a line offering nothing
        if _ACTION_ONLY.fullmatch(run):
            return True  # a bare widget (APP下载, 客户端下载): an action with no product or brand
        if _picture_only(run, lex):
            return True  # the page's own pictures (![东华facebook](/var/file/…)), their captions offering nothing
        if _organiser_list(folded, start, end) and not register.strong_offer(folded[start:end], lex.action_words):
            return True  # bodies listed as an event's organisers (旅游局、银河娱乐集团、美高梅…协办)
        if (_venue_ahead(folded, end) or _marked_name(doc, folded, start, end)) and not register.strong_offer(
                folded[start:end + VENUE_REACH], lex.action_words):
            # a resort's or a hotel's name in prose (澳门威尼斯人[酒店], 澳门金沙城中心假日酒店), or a name its
            # owner writes with its trade mark (澳门威尼斯人®), offering nothing
            return True
        if (not slot and _latin_name(run) and not lex.automaton.find_matches_as_indexes(run)
                and not register.topic_mentions(to_simplified(run))):
            # a Latin name in the text (Google Analytics, a product), no offer word nor a word of
            # the topic (usdt投注 is a bet); in an institution's name slot a brand's Latin spelling is
            # the brand's
            return True
        if end - start < CHROME_WIDGET_CHARS and _WIDGET_WORD.search(run):
            if chrome is None:  # the chrome analysis only for a short widget-like run
                chrome = [b.span for b in chrome_blocks(doc, ctx)]
            if any(c.start <= start < c.end for c in chrome):
                return True  # the site's own widget (QQ登录, 微信扫一扫)
        if stuffed or issuer:
            # A keyword-stuffed line by its shape, or a name in the issuer's slot (我代表[X]向大会报告工作:
            # a report's own frame, which no story about gambling writes of an operator), whatever the
            # document reports on.
            return False
        if _fraud_story_offer(doc, run, folded, start, end):
            return True  # a fraud report narrates the scam's offer (下载了一款贷款APP); it sells nothing
        if enforcement is None:
            enforcement = _about(doc, folded, lex)
        # a state lottery's news names its bets, and only its bets
        lottery = not enforcement and learned.betting_only(folded[start:end]) and _state_lottery_news(doc)
        return ((enforcement or lottery) and (not register.strong_offer(folded[start:end], lex.action_words)
                                 or register.quoted_tip_mention(folded, start, end, lex.action_words))
                and not _bare_term_inside(folded, start, end, lex)
                and not _foreign_title_line(doc, folded, start, end, lex)
                and not _brand_in_sentence_off_topic(folded, start, end, lex))

    hits = []
    runs = learned_runs(doc, exempt, hints)
    # on a page no other signal finds hacked, a guess made of the page's own words is its vocabulary
    clean = not hints and all(run.signal == "glued-run" for run in runs)
    for run in runs:
        if run.signal == "glued-run" and not _foreign_name(doc, run.start, run.end, own_words=clean):
            continue  # a Han guess made of ordinary words only (电子游戏): the host's own vocabulary
        hits.append(SpamHit(run.kind, Span(run.start, run.end), None,
                            (run.signal,) + (("whole-clause",) if run.whole else ()),
                            line_number(doc, run.start), probability=round(run.probability, 3)))
    return hits


_TAG_LABEL = re.compile(r"[ \t]*(?:关键字|关键词|标签|tags?|keywords?)[ \t]*:[ \t]*")
_TAG_SEPARATOR = re.compile(r"[\s,、|/;]+")


def _own_tag_line(folded: str, start: int, end: int) -> bool:
    """``folded[start:end]`` lies on a labelled keyword line (关键字: …, 标签: …) of two tags or more, each a
    word the page writes elsewhere: the page's own tags (关键字: 娱乐场 澳门赌场 on a guide to Macau's
    casinos), where an inserted keyword line lists words its host never writes.

    >>> page = "澳门的娱乐场二十四小时开放。澳门赌场只收澳门币。\\n关键字: 娱乐场 澳门币 澳门赌场"
    >>> _own_tag_line(page, page.index("娱乐场 "), len(page)), _own_tag_line(page + " 葡京娱乐", page.index("娱乐场 "), len(page))
    (True, False)
    """
    line_start, line_end = learned.line_bounds(folded, start, end)
    label = _TAG_LABEL.match(folded, line_start)
    if label is None or start < label.end():
        return False
    tags = [t for t in _TAG_SEPARATOR.split(folded[label.end():line_end]) if t]
    rest = folded[:line_start] + "\n" + folded[line_end:]
    return len(tags) >= 2 and all(t in rest for t in tags)


def _foreign_name(doc: Document, start: int, end: int, own_words: bool = False) -> bool:
    """A glued run (source span) is a name the host's register does not hold: Latin letters or
    digits glued into it, or a pair of Han characters ordinary text never writes, unless (``own_words``:
    on a page nothing else finds hacked) the page's own pair (:func:`_own_pair`)."""
    view = spam_view_of(doc)
    a, b = view.view_offsets([start, end])
    piece = view.text[a:b]
    if LATIN_OR_DIGIT.search(piece):
        return True
    if not own_words:
        return extent.unordinary_han_pairs(piece) > 0
    return any(extent.unordinary_han_pairs(piece[i:i + 2]) and not _own_pair(view.text, a, b, a + i)
               for i in range(len(piece) - 1))


def _own_pair(text: str, a: int, b: int, at: int) -> bool:
    """The pair ``text[at:at + 2]`` of the run ``text[a:b]`` is the page's own: a seam between two of its
    words (:func:`_own_seam`), or a word it writes in other company elsewhere: a neighbour the pair has
    inside the run is another character somewhere else (真人 of [真人]电影 on a page that writes 真人版), where a
    substituted name's inner pairs keep their neighbours wherever it is written.

    >>> page = "漫改真人版电影上映,成为日本真人电影票房最高的作品。"
    >>> at = page.index("真人电影")
    >>> _own_pair(page, at, at + 4, at), _own_pair("市金沙娱乐举办。金沙娱乐党委。", 1, 5, 1)
    (True, False)
    """
    if _own_seam(text, at + 1):
        return True
    pair = text[at:at + 2]
    left = text[at - 1] if at > a else None
    right = text[at + 2] if at + 2 < b else None
    q = text.find(pair)
    while q >= 0:
        if (right is not None and text[q + 2:q + 3] != right) or (left is not None and (q == 0 or text[q - 1] != left)):
            return True
        q = text.find(pair, q + 1)
    return False


_CANTONESE_FUNCTION = frozenset("唔系嘅咗啲佢哋嚟喺冇嘢咁噉乜咩嗰睇")
"""Cantonese function characters (唔, 系, 嘅, 咗 …): Hong Kong prose writes them between any two words, and
the ordinary text the pairs were counted on (Mandarin) seldom does; no brand's name holds them."""


def _own_seam(text: str, at: int) -> bool:
    """The pair ``text[at - 1:at + 1]`` joins two words the page writes apart elsewhere: the two Han
    characters ending at ``at`` stand elsewhere before another character, and the two starting at ``at``
    after another one (真人|电影 of 日本真人电影 on a page that writes 真人版 and 版电影, 电竞|游戏 beside 电竞总会
    and 足球游戏), or one of the pair is a Cantonese function character (:data:`_CANTONESE_FUNCTION`):
    a compound of the page's own vocabulary, where a substituted name's pairs (金沙|娱乐 of 金沙娱乐) stand
    together wherever the page writes either.

    >>> page = "漫改真人版电影上映,成为日本真人电影票房最高的作品。"
    >>> _own_seam(page, page.index("电影票")), _own_seam("金沙娱乐举办。金沙娱乐党委。", 2)
    (True, False)
    """
    if text[at - 1] in _CANTONESE_FUNCTION or text[at] in _CANTONESE_FUNCTION:
        return True
    left, right = text[at - 2:at], text[at:at + 2]
    if len(left) < 2 or len(right) < 2 or han_count(left) < 2 or han_count(right) < 2:
        return False
    return _written_before_other(text, left, right[0]) and _written_after_other(text, right, left[-1])


def _written_before_other(text: str, word: str, joined: str) -> bool:
    """``word`` stands somewhere in ``text`` followed by a character other than ``joined``."""
    at = text.find(word)
    while at >= 0:
        if text[at + len(word):at + len(word) + 1] != joined:
            return True
        at = text.find(word, at + 1)
    return False


def _written_after_other(text: str, word: str, joined: str) -> bool:
    """``word`` stands somewhere in ``text`` after a character other than ``joined``."""
    at = text.find(word)
    while at >= 0:
        if at == 0 or text[at - 1] != joined:
            return True
        at = text.find(word, at + 1)
    return False


def merged_hits(doc: Document, ctx: BatchContext) -> list[SpamHit]:
    """Every signal's hits, merged (one per run), before the learned extent model reads their
    extents (``scripts/train_spam_extent.py`` trains it around these)."""
    lex = lexicon()
    view = view_of(doc)
    # The normalised view (traditional -> simplified) keeps the source's offsets unless characters
    # were dropped or expanded; then the lexicon signals read it, so 娛樂城 is 娱乐城 to them.
    folded = view.text if view.same_offsets else folded_text(doc)
    raw = (_lexicon_hits(doc, ctx, folded, lex) + _brand_hits(doc, folded, lex)
           + _contact_hits(doc, ctx, folded) + _insertion_hits(doc, ctx, lex))
    raw += _disguised_lexicon_hits(doc, folded, lex)
    raw += _learned_hits(doc, ctx, folded, lex, [h.span.start for h in raw])
    # A brand found in the institution's slot is exact: a scorer's guess inside a clause that
    # overlaps it (伟德BETVLCTOR调研示范性伟德BETVLC…) would join two occurrences into one span.
    slots = [(h.span.start, h.span.end) for h in raw if "institution-slot" in h.signals]
    if slots:
        in_slots = SpanIndex(slots)
        raw = [h for h in raw if h.probability is None or "whole-clause" in h.signals
               or not in_slots.overlaps(h.span.start, h.span.end)]
    # A scorer's run over two occurrences of a brand found in the slot (来自[X]师生的…之声在新[X]) is
    # two injections with host text between them, never one.
    brands = [(h.span.start, h.span.end) for h in raw if "institution-slot" in h.signals or "brand-core" in h.signals]
    if len(brands) >= 2:
        in_brands = SpanIndex(brands)
        raw = [h for h in raw if "learned" not in h.signals or "institution-slot" in h.signals
               or "brand-core" in h.signals
               or len(list(islice(in_brands.overlapping(h.span.start, h.span.end), 2))) < 2]
    merged: list[SpamHit] = []
    apart_found = False
    for group in _overlap_groups(raw):
        slot = [h for h in group if "organisation-slot" in h.signals or "institution-slot" in h.signals]
        if slot and not any(h.kind == "insertion" for h in group):
            # A slot's brand decides its run's span; an exact hit beside it that a whole-clause guess
            # joined to it (大额网贷秒批qq:…现在,我代表[X]…, …[X]向大会报告工作。六肖中特…) is a run of
            # its own, not dropped with the guess.
            lo, hi = min(h.span.start for h in slot), max(h.span.end for h in slot)
            apart = [h for h in group if h not in slot and (h.span.end <= lo or h.span.start >= hi)
                     and (h.probability is None or EXACT_EXTENT_SIGNALS.intersection(h.signals))]
            if apart:
                apart_found = True
                merged.extend(_merged_group(doc, folded, g) for g in _overlap_groups(apart))
                group = [h for h in group if h not in apart]
        merged.append(_merged_group(doc, folded, group))
    if apart_found:
        merged.sort(key=lambda h: (h.span.start, h.span.end))
    return merged


def _overlap_groups(hits: list[SpamHit]) -> list[list[SpamHit]]:
    """``hits`` in text order, in groups of hits that overlap (one run each)."""
    groups: list[list[SpamHit]] = []
    group_end = -1
    for hit in sorted(hits, key=lambda h: (h.span.start, h.span.end)):
        if groups and hit.span.start < group_end:
            groups[-1].append(hit)
        else:
            groups.append([hit])
        group_end = max(group_end, hit.span.end) if len(groups[-1]) > 1 else hit.span.end
    return groups


def _merged_group(doc: Document, folded: str, group: list[SpamHit]) -> SpamHit:
    """One hit for a group of overlapping hits: its span, signals, term and probability."""
    lead = min(group, key=lambda h: _KIND_PRIORITY[h.kind])
    diff = [h for h in group if h.kind == "insertion"]
    # A learned run inside a clause is a guess at the run's extent: an exact signal (lexicon,
    # brand, contact, sibling diff) in the same place decides the span; a learned run of whole
    # clauses or lines is the run itself and grows the exact signal's span to it.
    exact = [h for h in group if h.probability is None]
    partial = [h for h in group if h.probability is not None and "whole-clause" not in h.signals]
    # A learned run inside a clause that contains every exact hit of its group is the longer
    # reading of the same injection (the brand's 平台 / app下载 the lexicon stops before); one that
    # cuts an exact hit is a guess, and the exact hits decide.
    if exact and partial and not diff:
        lo = min(h.span.start for h in exact)
        hi = max(h.span.end for h in exact)
        longer = [p for p in partial if p.span.start <= lo and hi <= p.span.end
                  and _plain_extension(folded, p.span.start, lo, left=True)
                  and _plain_extension(folded, hi, p.span.end)]
        group_for_span = group if longer else [h for h in group if h not in partial]
    else:
        group_for_span = group
    slot = [h for h in group if "organisation-slot" in h.signals or "institution-slot" in h.signals]
    spanning = diff or slot or group_for_span
    span = Span(min(h.span.start for h in spanning), max(h.span.end for h in spanning))
    signals = tuple(dict.fromkeys(s for h in group for s in h.signals))
    term = next((h.term for h in group if h.kind == lead.kind and h.kind != "insertion" and h.term), None)
    probability = max((h.probability for h in group if h.probability is not None), default=None)
    return SpamHit(lead.kind, span, term or doc.text[span.start:span.end], signals, lead.line,
                   template=diff[0].template if diff else None, probability=probability)
