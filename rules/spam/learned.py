"""Learned spam runs: clauses the clause scorer (:mod:`.model`) finds spam, located and grown to the
whole injected run, plus the structural signals that need no lexicon.

* a clause scoring at or above the scorer's threshold, or holding a window of ``WINDOW`` characters
  that does, is a candidate; inside it, the run of characters whose n-grams carry the spam
  (maximum-sum segment of per-character weights) is the injection when host text (``MIN_CONTENT``
  letters or more) is left around it (``…政府[金博棋牌官网]浏览…``), else the whole clause;
* a short run glued into a clause that scores clean as a whole (``延安大学[意昂4体育]院长``): its
  characters each weigh enough and, scored alone, reach the threshold (:func:`_short_runs`); being a
  guess from a few characters, it needs the page hacked otherwise, a recurrence, glued Latin or
  digits, or an offer, and never stands in a document whose own topic is gambling;
* adjacent spam clauses and lines join into one run (a keyword-stuffed title line, a link list of
  spam titles, a whole inserted sentence), and a run grows over glued Latin, digits, addresses and
  contact ids (``…娱乐www.x88.com``, ``…QQ:123456``);
* a brand in the issuing organisation's slot (``我代表[X娱乐]向大会报告工作``);
* lottery-tip lines (a period, tip words and a number series), which a document never contains;
* keyword-stuffed title lines (short keywords joined by ``_ | - , 、``) whose keywords score spam
  on average, reported whole;
* a brand substituted for an institution's name where it acts (:mod:`.institution_slot`); every
  occurrence is reported.

Every candidate goes through the lexicon's exemptions (legitimate collocations, enforcement wording
in the sentence) and the site's chrome (a login widget's ``QQ登录`` is the site's own).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np

from scrapegate.checks.document import Document
from scrapegate.checks.textnorm import HAN as _HAN
from scrapegate.checks.textnorm import HAN_CHARS, NormalizedView, count_chars, han_count, normalized_view
from scrapegate.rules import data
from scrapegate.rules.boilerplate.chrome import folded_text
from scrapegate.rules.spam import extent, institution_slot, model, script_shift
from scrapegate.rules.spam.clause_scores import ClauseScores, scores_alone
from scrapegate.rules.spam.spans import SpanIndex

MIN_CONTENT = 4
"""A candidate needs at least this many Han characters or Latin letters (a bare number, a bare
``QQ`` or a list of three livestock, 猪牛羊, is no offer)."""
GROW_PROBABILITY = 0.5
"""A run grows over adjacent clauses scoring at least this (hysteresis: a clause needs the scorer's
threshold to start a run, less to continue one), and over adjacent clauses without Han characters
(a lottery tip's number series, an address)."""
TITLE_KEYWORD_CHARS = 12
"""A keyword of a title line joined by ``_``, ``|`` or commas is this short; next to a spam keyword it
continues the line's run from a probability of 0.1 on (chosen by cross-validation by site within the
train split: keyword lines with unseen words were cut short, no clean clause was added)."""
WINDOW = 8
"""Characters of the sliding window that finds a short injection inside a long host clause."""
GLUE_GAP = 2
"""Clause breaks and white space up to this many characters between two spam units join them."""

_CONTENT_RUN = re.compile(f"[a-z{HAN_CHARS}]+")
_LATIN = re.compile(r"[a-z]")
_WORD_RUN = re.compile(f"[a-z0-9{HAN_CHARS}]+")
_NUMBER_SERIES = re.compile(r"(?:\d{1,2}[ ,.\-+]){2,}\d{1,2}")
# Only searched for (is there markup?): an attribute's last letter before =" is one, and a letter
# run tried from each of its positions up to a missing = cost the square of a long Latin run.
MARKUP = re.compile(r"</?[a-z][a-z0-9]*+[ >/]|[a-z]=[\"']")
_TITLE_SEPARATOR = re.compile(r" [-–—] | ?\| ?")
_FIELD_LABEL = re.compile(r"[ \t\u3000]+([^\s:：]+)[:：]")
_MAIL_PREFIX = re.compile(f"[a-z0-9._%+-]+@[a-z0-9._-]*?(?=[a-z]*[{HAN_CHARS}])(?:[a-z]{{2,}}(?=[{HAN_CHARS}]))?")
_IN_ADDRESS = re.compile(r"[a-z0-9._-]*[?=&%]")
EDGE = " \t,;:!?。、.-_|·•*>/()[]【】《》\"'“”‘’"
# Glued after a run: a contact label and id, an address, digits (``…娱乐www.x88.com``, ``QQ:123``).
_GROW_RIGHT = re.compile(r"(?:[ :]?(?:(?:qq|vx|v信|微信|加微信|扣扣|薇信|网址|官网|入口|tg|telegram|电报|飞机号?|"
                         r"企鹅号?|加扣|微x|v:)[ :@]*)?[a-z0-9]"
                         r"|:?//|\.(?=[a-z0-9]))[a-z0-9./:_\-@?=&%#]*")
_GROW_LEFT = re.compile(r"(?:https?://)?[a-z0-9][a-z0-9./:_\-@]*[ :]?\Z")
_ORG_SLOT = re.compile(r"(?P<org>[^\n,。;:、]{2,16}?)(?=向大会|,?向(?:本次)?大会)")
"""The organisation's slot, matched right after each 代表 (:func:`_org_slots`)."""
_LEGIT_ORG = re.compile(r"(?:政府|委员会|常委会|法院|检察院|监察委员会|办公室|人民|政协|党委|党组|"
                        r"公司|集团|协会|学会|大学|学院|部|局|厅|署|委|会|院|队|团|中心|代表团|"
                        r"主席团|全体|我们|本届|各位)$")
_GOVERNMENT_REPORT = ("政府工作报告", "报告政府工作")
"""A government's work report: only the government reports to the congress there, in the first person
(我代表X人民政府向大会…); another speaker introduced in the third person (局长代表X向大会) may be anyone.
Looked for by ``in`` (a regex of the two words scanned the page seven times slower)."""
_OFFER_NAME_WORD = re.compile("娱乐|棋牌|真人|体育|彩票|投注|博彩|赌|网投|电子游戏|百家乐|葡京|官网|平台|视讯|电竞|老虎机|捕鱼|开户")


def _offer_name(org: str) -> bool:
    """A name in a government work report's issuer slot that is no government and holds a betting
    operator's word: a brand put where the government's name was (我代表[银河国际娱乐集团]向大会报告工作),
    whatever the scorer knows of its words and even with a company's suffix (集团), which a report
    to a company's own congress has there but a government's report never has.

    >>> _offer_name("银河国际娱乐集团"), _offer_name("县人民政府"), _offer_name("全县人民")
    (True, False, False)
    """
    return not org.endswith(("政府", "人民")) and _OFFER_NAME_WORD.search(org) is not None


_GOVERNMENT_SLOTS = (
    # the speaker's line under the session line: [X](人民政府)区长  name
    re.compile(r"(?m)^[ \t\u3000]*(?P<org>[^\s，。；：,;:]{2,16}?)(?:人民政府)?(?:常务)?副?[县区市旗州]长[ \t\u3000]+\S"),
    # the session: 在[X]第十九届人民代表大会
    re.compile(r"在(?P<org>[^\n，。,]{2,16}?)第[一二三四五六七八九十\d]+届人民代表大会"),
    # the thanks: 我代表[X]，向全县…
    re.compile(r"我代表(?P<org>[^\n，。,]{2,16}?)[，,]\s*向"),
)
"""The government's other places in its own work report besides the issuer slot (_ORG_SLOT)."""


def _government_slots(text: str) -> Iterator[tuple[int, int]]:
    """Where a government work report names its government in the speaker's line, the session and
    the thanks, when the name there is no government and holds an operator's word (:func:`_offer_name`).

    >>> text = "在银河国际娱乐集团第十九届人民代表大会第二次会议上"
    >>> [text[s:e] for s, e in _government_slots(text)]
    ['银河国际娱乐集团']
    >>> list(_government_slots("宝塔区人民政府区长  高延平。在宝塔区第十七届人民代表大会上"))
    []
    """
    for pattern in _GOVERNMENT_SLOTS:
        for m in pattern.finditer(text):
            if _offer_name(m.group("org")):
                yield m.start("org"), m.end("org")


_TIP_LINE = re.compile(r"(?:\d{2,4}期|第\d{1,4}期)[^\n]{0,24}?(?:一肖|一码|特码|平特|中特|杀肖|六肖|"
                       r"必中|必开|开奖)[^\n]*?(?:\d{1,2}[ ,.\-+]){2,}\d{1,2}")
_ADULT = re.compile("无码|精品|一区|二区|三区|在线观看|av|成人|午夜|人妻|色|福利|不卡|偷拍|自拍|激情|日韩|"
                    "欧美|中文字幕|少妇|熟女|美女|性|肉|丝袜|视频|影院|约炮|援交|裸|黄")
_GAMBLING = re.compile("娱乐|棋牌|真人|体育|彩|投注|博|特码|一肖|一码|六合|网投|电子|捕鱼|百家乐|赌|开奖|期|"
                       "注册|开户|官网|平台|游戏|老虎机|葡京|电竞|视讯|娱乐城")
_GENERIC_ACTION = re.compile("app|下载|官网|官方网站|登录|登陆|注册|入口|客户端|首页|网页版|手机版")


def betting_only(view_text: str) -> bool:
    """``view_text`` holds a gambling word and no adult one: a bet, not an adult offer."""
    return bool(_GAMBLING.search(view_text)) and not _ADULT.search(view_text)


def spam_word(text: str) -> bool:
    """``text`` holds a gambling, adult or generic action word (娱乐, 彩, 视频, 注册, app …)."""
    return bool(_GAMBLING.search(text) or _ADULT.search(text) or _GENERIC_ACTION.search(text))


def offer_action(text: str) -> bool:
    """``text`` holds a generic action word (官网, 注册, 下载, app, 入口 …)."""
    return bool(_GENERIC_ACTION.search(text))


_CONTACT_ONLY = re.compile(r"[ :]*(?:(?:qq|vx|v信|微信|加微信|扣扣|薇信|网址|官网|入口|联系|咨询|详情|tg|telegram|"
                           r"电报|飞机号?|企鹅号?|加扣|微x|v)"
                           r"[ :]*)?[a-z0-9][a-z0-9./:_\-@?=&%#]*[ :]*")


@dataclass(frozen=True)
class LearnedRun:
    """A spam run in source offsets: ``whole`` when it is one or more whole clauses/lines."""

    start: int
    end: int
    kind: str
    probability: float
    whole: bool
    signal: str


def view_of(doc: Document) -> NormalizedView:
    """The document's normalised view, computed once per document."""
    return doc.memo("normalized_view", lambda: normalized_view(doc.text, folded_text(doc)))  # the fold BP and SP share


# Han characters written apart to dodge keyword filters: 百 家 乐, 桑.拿.会.所, 上·门 (at least
# SPACED_MIN_GAPS separators, most pieces one character long; a menu of two-character words,
# 首页 新闻 政务, is not spaced writing).
SPACED_MIN_GAPS = 3
_SEPARATOR_CHARS = re.compile("[ .·・]")
_SPACED_GAP = re.compile(f"[ .·・](?=[{HAN_CHARS}])")
"""A separator before a Han character; :func:`_spaced_gaps` keeps those after one."""


def _spaced_gaps(text: str) -> list[int]:
    """Offsets of separators between two Han characters (a lookbehind made the regex try every
    position of the text; the separator first, then the character before it, is ~4x faster)."""
    return [i for i in (m.start() for m in _SPACED_GAP.finditer(text)) if i and _HAN.match(text, i - 1)]


class SpamView:
    """The normalised view with spaced writing joined (百 家 乐 -> 百家乐): what the clause scorer
    reads. ``source_span`` maps back to exact code points of the source text."""

    __slots__ = ("text", "_base", "_drops", "same_offsets", "_ngrams", "_scores")

    def __init__(self, base: NormalizedView):
        self._base = base
        text = base.text
        drops: list[int] = []
        # Separators between two Han characters (few in any text), grouped into runs whose gaps are
        # at most 4 characters apart; a run of SPACED_MIN_GAPS gaps or more, with pieces of 1.6
        # characters on average, is spaced writing.
        gaps = _spaced_gaps(text) if _SEPARATOR_CHARS.search(text) else []
        run: list[int] = []
        for g in gaps + [-10]:
            if run and (g - run[-1] > 4 or g < 0):
                if len(run) >= SPACED_MIN_GAPS and (run[-1] - run[0] - (len(run) - 1)) / (len(run) - 1) <= 1.6:
                    drops.extend(run)
                run = []
            run.append(g)
        self._drops: list[int] = []  # view offsets at which a dropped separator stood
        if drops:
            drops.sort()
            pieces, last = [], 0
            for d in drops:
                pieces.append(text[last:d])
                last = d + 1
            pieces.append(text[last:])
            text = "".join(pieces)
            self._drops = [d - k for k, d in enumerate(drops)]
        self.text = text
        self.same_offsets = base.same_offsets and not drops
        self._ngrams: tuple[model.ClauseScorer, model.Ngrams] | None = None
        self._scores: tuple[model.ClauseScorer, ClauseScores] | None = None

    def ngrams(self, sc: model.ClauseScorer) -> model.Ngrams:
        """The view's :func:`.model.ngrams`, computed once: the clause scores (:func:`_units`) and the
        extent model's windows around each hit (:func:`.extent.refine`) read them."""
        if self._ngrams is None or self._ngrams[0] is not sc:
            self._ngrams = (sc, model.ngrams(self.text, sc))
        return self._ngrams[1]

    def clause_scores(self, sc: model.ClauseScorer) -> ClauseScores:
        """The view's clause scores (:func:`.clause_scores.scores_alone`): those its group computed
        (:func:`.detector.prepare_group`), handed over once and not held after, else computed now. The
        view's text is not empty."""
        if self._scores is not None and self._scores[0] is sc:
            scores, self._scores = self._scores[1], None
            return scores
        return scores_alone(self.text, self.ngrams(sc), sc, WINDOW)

    def take_group_scores(self, sc: model.ClauseScorer, scores: ClauseScores) -> None:
        """Keep the clause scores its group computed (and so its n-grams), unless it has n-grams of its own."""
        if self._ngrams is None:
            self._ngrams = (sc, (scores.cp, scores.parts))
            self._scores = (sc, scores)

    def code_points(self) -> np.ndarray:
        """The view's :func:`.model.code_points`: those :meth:`ngrams` made, when it has run (the
        clause scores read it first on every page), else made now. Read only."""
        if self._ngrams is not None:
            return self._ngrams[1][0]
        return model.code_points(self.text)

    def _base_offset(self, i: int) -> int:
        return i + bisect.bisect_right(self._drops, i)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if not self._drops:
            return self._base.source_span(start, end)
        if start >= end:
            at = self._base_offset(start) if start < len(self.text) else len(self._base.text)
            return self._base.source_span(at, at)
        return self._base.source_span(self._base_offset(start), self._base_offset(end - 1) + 1)


    def view_offsets(self, sources: list[int]) -> list[int]:
        """View offsets of the characters at (or first after) the given source offsets."""
        if self.same_offsets:
            return list(sources)
        # source_span(i, i + 1)[0] read directly: the base view's offset of view character i, past
        # the separators dropped before it (the span's end, a second search, is never read)
        base, drops = self._base, self._drops
        key = (lambda i: base.source_offset(i + bisect.bisect_right(drops, i))) if drops else base.source_offset
        positions = range(len(self.text))
        return [bisect.bisect_left(positions, s, key=key) for s in sources]


def spam_view_of(doc: Document) -> SpamView:
    return doc.memo("spam_view", lambda: SpamView(view_of(doc)))


def run_kind(view_text: str) -> str:
    """The kind of a run's words (spam view): ``contact`` for an id, a number or an address alone (with its label),
    else ``adult`` or ``gambling`` by which of their words it holds more of (adult on a tie), else ``offer``.

    >>> [run_kind(t) for t in ("qq:12345678", "成人视频", "百家乐官网", "贷款app秒批")]
    ['contact', 'adult', 'gambling', 'offer']
    """
    if _CONTACT_ONLY.fullmatch(view_text):
        return "contact"
    adult = len(_ADULT.findall(view_text))
    gambling = len(_GAMBLING.findall(view_text))
    if adult and adult >= gambling:
        return "adult"
    if gambling:
        return "gambling"
    return "offer"


def strip_edges(view_text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without the EDGE characters (white space, punctuation, brackets) at either end.

    >>> strip_edges("【澳门新葡京】, ", 0, 9)
    (1, 6)
    """
    while s < e and view_text[s] in EDGE:
        s += 1
    while e > s and view_text[e - 1] in EDGE:
        e -= 1
    return s, e


_Unit = tuple[int, int, float, bool]


def _units(view: SpamView, sc: model.ClauseScorer, hints: list[int]) -> tuple[list[_Unit], list[_Unit]]:
    """Spam units in view offsets: (start, end, probability, whole clause), and the short runs glued
    into clean clauses (:func:`_short_runs`) apart. ``hints``: view offsets of exact hits (lexicon,
    brand, contact); their clauses start a run from GROW_PROBABILITY on."""
    text = view.text
    if not text:
        return [], []
    scored = view.clause_scores(sc)
    parts, starts, ends, probs = scored.parts, scored.starts, scored.ends, scored.probs
    seeds = set((probs >= sc.threshold).nonzero()[0].tolist())
    # A clause longer than the window with a window at the threshold: an injection glued inside it.
    windows, window_logits = scored.windows, scored.window_logits
    window_p: dict[int, float] = {}
    if len(windows):
        centre = windows + WINDOW // 2
        inside = np.searchsorted(ends, centre, side="right")
        ok = inside < len(starts)  # a window centred in the trailing clause marks after the last clause
        inside, centre, logits = inside[ok], centre[ok], window_logits[ok]
        found = starts[inside] <= centre
        for k, p in zip(inside[found].tolist(), model.sigmoid(logits[found]).tolist()):
            window_p[k] = max(window_p.get(k, 0.0), p)
        seeds.update(window_p)
    if hints:
        hinted = np.searchsorted(ends, np.asarray(hints), side="right")
        seeds.update(k for k in hinted.tolist() if k < len(starts) and probs[k] >= GROW_PROBABILITY)
    # Per-character weights once for the whole text: a clause's are a slice of them (the same sums).
    char_scores = scored.char_scores
    short = _short_runs(text, scored, sc, seeds)
    if not seeds:
        return [], short
    seeds = np.array(sorted(k for k in seeds if k < len(starts)))  # type: ignore[assignment]
    units = []
    taken = -1
    for k in seeds:
        if k <= taken:
            continue
        s, e = strip_edges(text, int(starts[k]), int(ends[k]))
        if not _HAN.search(text, s, e) and (MARKUP.search(text, s, e) or in_machine_line(text, s, e)):
            continue  # the page's markup residue (<tr id="x">), base64 or code, however its letters score
        if _ordinary_list_item(text, starts, probs, k, s, e):
            continue
        content = count_chars(_CONTENT_RUN, text, s, e)
        if content < MIN_CONTENT or (count_chars(_WORD_RUN, text, s, e) >= 2 * content
                                     and not _LATIN.search(text, s, e)):
            continue  # too little text, or digits and a unit: a figure (12345678万人次), not an offer
        scores = char_scores[s:e]
        a, b, _ = model.best_run(scores, sc.char_threshold)
        a, b = strip_edges(text, s + a, s + b)
        p = max(float(probs[k]), window_p.get(int(k), 0.0))
        # Letters, digits and Han characters of the clause left outside the run: host text.
        outside = (count_chars(_WORD_RUN, text, s, e) - count_chars(_WORD_RUN, text, a, b)) if b > a else 0
        if outside >= MIN_CONTENT and probs[k] < sc.threshold:
            # Host text around the run: the run alone (an injection glued into a sentence).
            if count_chars(_CONTENT_RUN, text, a, b) >= MIN_CONTENT:
                units.append((a, b, p, False))
            continue
        # A whole spam clause: continue over adjacent clauses that score GROW_PROBABILITY or hold
        # no Han character, on both sides.
        # A side of the clause that is host text by itself ends the run at the spam part (an offer
        # glued into a report's sentence: …注册送88[城乡居民收入稳步提高]).
        host_left = outside >= MIN_CONTENT and _host_text(text, s, a, sc)
        host_right = outside >= MIN_CONTENT and _host_text(text, b, e, sc)
        lo = hi = k
        while not host_left and lo > 0 and _continues(text, probs, starts, ends, lo - 1, int(starts[lo])):
            lo -= 1
        while not host_right and hi + 1 < len(starts) and _continues(text, probs, starts, ends, hi + 1,
                                                                     int(ends[hi])):
            hi += 1
        taken = hi
        if host_left or host_right:
            a, b = _edges_off_host(scores, s, a, b, host_left, host_right)
        s, e = strip_edges(text, a if host_left else int(starts[lo]), b if host_right else int(ends[hi]))
        s, e = _title_parts(text, s, e, sc)
        s, e = keyword_edges(text, s, e, sc, parts)
        units.append((s, e, max(p, float(probs[lo:hi + 1].max())), True))
    return units, [u for u in short if not any(a < u[1] and u[0] < b for a, b, *_ in units)]


SHORT_CHAR_SCORE = 0.3
"""A character of a short glued run carries at least this mean n-gram weight (host characters of a
report weigh below 0: 延安大学 -0.4 to -0.8; a brand's above: 俄罗斯贵宾会 0.8 to 1.1)."""
SHORT_MIN_HAN = 2
SHORT_MAX_CHARS = 16


def _short_runs(text: str, clauses: ClauseScores, sc: model.ClauseScorer,
                seeds) -> list[tuple[int, int, float, bool]]:
    """Short runs glued into a clause that scores clean as a whole (a brand put in a school's or a
    body's name: ``延安大学[意昂4体育]院长``, ``…以来,[俄罗斯贵宾会]赞助的…``): a stretch of characters
    each weighing SHORT_CHAR_SCORE or more that, scored alone as a clause, reaches the scorer's
    threshold. Too short for the sliding window, which the host's weight around it dilutes."""
    n = len(text)
    if n < 3:
        return []
    starts, ends, scores = clauses.starts, clauses.ends, clauses.char_scores
    # The strong characters (a few in a report), then their stretches of consecutive positions:
    # found on the positions, not by whole-text masks.
    strong = (scores >= SHORT_CHAR_SCORE).nonzero()[0]
    if not len(strong):
        return []
    cuts = (strong[1:] - strong[:-1] != 1).nonzero()[0]  # ufuncs, not numpy's wrappers (a call per document)
    run_s = strong[np.concatenate(([0], cuts + 1))]
    run_e = strong[np.concatenate((cuts, [len(strong) - 1]))] + 1
    keep = (run_e - run_s >= 3) & (run_e - run_s <= SHORT_MAX_CHARS)
    run_s, run_e = run_s[keep], run_e[keep]
    if not len(run_s):
        return []
    logits = sc.clause_logits(run_s, run_e, clauses.prefixes(sc))
    hit = logits >= sc.logit_threshold
    out = []
    run_s, run_e = run_s[hit], run_e[hit]
    for a, b, k, p in zip(run_s.tolist(), run_e.tolist(), np.searchsorted(ends, run_s, side="right").tolist(),
                          model.sigmoid(logits[hit]).tolist()):
        if k >= len(starts) or k in seeds or b > ends[k]:
            continue  # a clause already a candidate, or a stretch over a clause break
        a, b = strip_edges(text, a, b)
        if han_count(text, a, b) < SHORT_MIN_HAN or (a, b) == (int(starts[k]), int(ends[k])):
            continue
        out.append((a, b, p, False))
    return out


# Keyword-stuffed lines (欧美日韩大片在线观看_天天干天天插_先锋资源国产精品): short keywords joined by
# title separators, one mechanism for a run the scorer found (its shape lifts the topic exemption
# and trims its outer keywords) and for a line it did not (the shape and the keywords' average carry
# it: the scorer need not know each keyword).
HOST_PROBABILITY = 0.05
"""Host text scores at most this by itself (a report's sentence: 城乡居民收入稳步提高 0.001)."""


EDGE_MARGIN = 0.1
"""A run's edge character next to host text scores at least this (the n-gram that joins the spam to
the host's first character, 88[城]乡, scores near 0: it is the host's)."""


def _edges_off_host(scores, s: int, a: int, b: int, left: bool, right: bool) -> tuple[int, int]:
    """The run ``a:b`` (text offsets; ``scores`` from ``s``) without the weak characters at the
    edges that touch host text."""
    while right and b - a > 1 and scores[b - 1 - s] < EDGE_MARGIN:
        b -= 1
    while left and b - a > 1 and scores[a - s] < EDGE_MARGIN:
        a += 1
    return a, b


def _host_text(text: str, x: int, y: int, sc: model.ClauseScorer) -> bool:
    """``text[x:y]``, beside the spam part of a clause that scores spam, is host text: MIN_CONTENT
    Han characters or more scoring HOST_PROBABILITY or less by themselves."""
    return han_count(text, x, y) >= MIN_CONTENT and sc.probability(text[x:y]) <= HOST_PROBABILITY


STUFFED_MIN_KEYWORDS = 3
"""A line of at least this many keywords (pieces with two Han characters or more) ..."""
STUFFED_MEAN_PROBABILITY = 0.5
"""... whose keywords score this on average, with at least two above STUFFED_STRONG, is a
keyword-stuffed SEO title line or link list, whatever the document reports on (a crackdown report's
赌博、色情 list scores clean); its outer keywords may be glued to host text
(…一区二区是中国辖区总面积…)."""
STUFFED_STRONG = 0.75
"""(0.8 before the 2026-12-03 scorer, which rates adult keywords a little lower: 0.75 changes no
finding on train/dev and none on 698 clean train/dev texts of the chrome and truncation corpora.)"""
STUFFED_KEYWORD_SHARE = 0.8
"""Keywords are at least this share of the pieces (a date, a figure or a Latin word among them is
allowed; a list of figures is no keyword line)."""
_STUFFED_KEYWORD_CHARS = 16
_GLUED_WORD = re.compile(f"(?<=[{HAN_CHARS}])[a-z0-9]+(?=[{HAN_CHARS}]|$)")


def keyword_length(piece: str) -> int:
    """A keyword's length as a reader counts it: a run of Latin letters or digits glued after its Han
    characters, inside them or ending the keyword, is one word, however many characters it spells
    (曰本极品少妇[videossexhd] is seven; a year written into a keyword, 最近中文[2019]字幕第二页, is one).
    An address or a contact written apart (QQ:153…, www.x.com) keeps its length."""
    return len(_GLUED_WORD.sub("a", piece))

STUFFED_SEPARATORS = r"_|,\-、/~★·"
"""What separates the keywords of a stuffed line (a character class's body)."""
_STUFFED_PIECE = re.compile(f"[^{STUFFED_SEPARATORS}]+")
_SEPARATED_LINE = re.compile(r"^(?:[^\n%s]*[%s]){%d}[^\n]*"
                             % (STUFFED_SEPARATORS, STUFFED_SEPARATORS, STUFFED_MIN_KEYWORDS - 1), re.MULTILINE)
_SENTENCE_FREE = re.compile(r"[^\n。;!?]+")
_TITLE_JOINED = re.compile(r"(?:[^_|\-/~★·]*+[_|\-/~★·]){%d}" % (STUFFED_MIN_KEYWORDS - 1))
"""A stretch holding STUFFED_MIN_KEYWORDS - 1 title separators or more (``match`` from its start)."""


def stuffed_keywords(text: str, s: int, e: int) -> list[tuple[int, int]] | None:
    """The keywords of ``text[s:e]`` when it has the shape of a stuffed line, else None: pieces
    between separators (stripped), each at most _STUFFED_KEYWORD_CHARS long, STUFFED_MIN_KEYWORDS
    or more with two Han characters or more, and those STUFFED_KEYWORD_SHARE of the pieces."""
    pieces = 0
    keywords = []
    for m in _STUFFED_PIECE.finditer(text, s, e):
        a, b = strip_edges(text, m.start(), m.end())
        if a == b:
            continue
        if b - a > _STUFFED_KEYWORD_CHARS and keyword_length(text[a:b]) > _STUFFED_KEYWORD_CHARS:
            return None
        pieces += 1
        if han_count(text, a, b) >= 2:
            keywords.append((a, b))
    if len(keywords) < STUFFED_MIN_KEYWORDS or len(keywords) < STUFFED_KEYWORD_SHARE * pieces:
        return None
    return keywords


def _keyword_probabilities(sc: model.ClauseScorer, keywords: list[str]) -> list[float]:
    """The scorer's probability of each keyword, in one call (keywords joined by line breaks are
    clauses of one text)."""
    if not keywords:
        return []
    cp = model.code_points("\n".join(keywords))
    starts, ends = model.clause_bounds(cp)
    return model.sigmoid(sc.logits(cp, starts, ends)).tolist()


def _stuffed_mean(probs: list[float]) -> float | None:
    """The keywords' mean probability when they make a stuffed line, else None."""
    if not probs:
        return None
    mean = sum(probs) / len(probs)
    if mean >= STUFFED_MEAN_PROBABILITY and sum(p >= STUFFED_STRONG for p in probs) >= 2:
        return mean
    return None


def stuffed_shape(text: str, s: int, e: int, sc: model.ClauseScorer) -> bool:
    """``text[s:e]`` is a keyword-stuffed line by its shape and its keywords' scores."""
    keywords = stuffed_keywords(text, s, e)
    return keywords is not None and _stuffed_mean(
        _keyword_probabilities(sc, [text[a:b] for a, b in keywords])) is not None


PAIR_KEYWORD_PROBABILITY = 0.9
"""Each of the two keywords of a title line joined by one title separator scores this by itself
(:func:`_keyword_pair`): on the clean train/dev texts such pairs score 0.83 at most (a widget's 登录 | 注册)."""
_PAIR_SEPARATOR = re.compile(r"[ \t]*[|_][ \t]*")


def _keyword_pair(text: str, s: int, e: int, sc: model.ClauseScorer) -> bool:
    """``text[s:e]`` is a whole line of two keywords joined by one title separator (``|`` or ``_``),
    each of two Han characters or more and at most _STUFFED_KEYWORD_CHARS long, each scoring
    PAIR_KEYWORD_PROBABILITY by itself: an SEO title of two keywords
    (``2025年澳门开奖结果|预测解答解释落实``), stuffed as a longer line is, whatever the page reports on. A
    news title names its site or its column after the separator, which scores low.

    >>> text = "正文如下:\\n今晚澳门开奖结果|精准预测解答解释落实\\n根据有关规定制定本办法。"
    >>> s = text.index("今晚")
    >>> _keyword_pair(text, s, text.index("\\n", s), model.scorer())
    True
    >>> text = "澳门特区政府公布上月博彩收入|新华网"
    >>> _keyword_pair(text, 0, len(text), model.scorer())
    False
    """
    line_start, line_end = line_bounds(text, s, e)
    if text[line_start:line_end].strip() != text[s:e].strip():
        return False
    pieces = _PAIR_SEPARATOR.split(text[s:e].strip())
    if len(pieces) != 2 or any((len(p) > _STUFFED_KEYWORD_CHARS and keyword_length(p) > _STUFFED_KEYWORD_CHARS)
                               or han_count(p) < 2 for p in pieces):
        return False
    return min(_keyword_probabilities(sc, pieces)) >= PAIR_KEYWORD_PROBABILITY


def keyword_line_shape(text: str, s: int, e: int, sc: model.ClauseScorer) -> bool:
    """``text[s:e]`` is a keyword-stuffed line by its shape and its keywords' scores, or a keyword line
    put between the body's paragraphs (:func:`body_keyword_line`)."""
    keywords = stuffed_keywords(text, s, e)
    if keywords is None:
        return False
    return _keyword_line(text, s, e, keywords, _keyword_probabilities(sc, [text[a:b] for a, b in keywords])) is not None


def _keyword_line(text: str, s: int, e: int, keywords: list[tuple[int, int]],
                  probs: list[float]) -> tuple[float, str] | None:
    """(the keywords' mean probability, signal) when the line ``text[s:e]``, whose ``keywords`` score ``probs``,
    is a keyword line: ``stuffed-line`` by the scores alone, ``keyword-line`` by its place in the body's prose
    at a lower bar (:func:`body_keyword_line`); else None."""
    mean = _stuffed_mean(probs)
    if mean is not None:
        return mean, "stuffed-line"
    if body_keyword_line(text, s, e, keywords, probs):
        return sum(probs) / len(probs), "keyword-line"
    return None


def keyword_edges(text: str, s: int, e: int, sc: model.ClauseScorer, parts) -> tuple[int, int]:
    """A keyword line ends where its outer keyword does: an outer keyword holding host text
    (MIN_CONTENT Han characters or more outside its spam characters) is cut to the spam characters
    next to the separator, or dropped when those are not next to it (…,我代表X向大会报告工作)."""
    if "\n" in text[s:e]:
        return s, e
    keywords = [(a, b) for a, b in (m.span() for m in _STUFFED_PIECE.finditer(text, s, e))
                if han_count(text, a, b) >= 2]
    e = _outer_keyword_edge(text, keywords, -1, sc, parts, e)
    s = _outer_keyword_edge(text, keywords, 0, sc, parts, s)
    return strip_edges(text, s, e)


def _outer_keyword_edge(text: str, keywords: list[tuple[int, int]], side: int, sc: model.ClauseScorer,
                        parts, edge: int) -> int:
    """The run's edge on one side (``side`` -1: after the last keyword, 0: before the first) once
    its outer keywords holding host text are cut or dropped (dropped ones leave ``keywords``)."""
    while len(keywords) >= STUFFED_MIN_KEYWORDS:
        a, b = keywords[side]
        x, y, _ = model.best_run(sc.char_scores(parts, len(text), a, b), sc.char_threshold)
        x, y = strip_edges(text, a + x, a + y)
        outside = han_count(text, a, b) - (han_count(text, x, y) if y > x else 0)
        if outside < MIN_CONTENT:
            break
        glued_side = text[a:x] if side == -1 else text[y:b]  # between the spam part and the separator
        if y > x and not glued_side.strip() and count_chars(_CONTENT_RUN, text, x, y) >= 2:
            return y if side == -1 else x
        keywords.pop(side)
        edge = keywords[side][1] if side == -1 else keywords[side][0]
    return edge


def _title_parts(text: str, s: int, e: int, sc: model.ClauseScorer) -> tuple[int, int]:
    """A headline with an offer glued on by a title separator (``原标题 - 某某官网开户``): the pieces
    at either end that score clean are the host's headline, not the run. So is the label of the
    footer's next field after a space (``技术支持:某某体育在线 ICP备案号:``)."""

    def clean(a: int, b: int) -> bool:
        piece = text[a:b].strip()
        return bool(_HAN.search(piece)) and sc.probability(piece) < GROW_PROBABILITY

    pieces = [m for m in _TITLE_SEPARATOR.finditer(text, s, e)]
    if pieces:
        first, last = pieces[0], pieces[-1]
        if clean(s, first.start()):
            s = first.end()
        if last.end() < e and clean(last.end(), e) and s < last.start():
            e = last.start()
        s, e = strip_edges(text, s, e)
    for label in _FIELD_LABEL.finditer(text, s, min(len(text), e + 1)):
        if clean(label.start(1), label.end(1)):
            e = label.start()
            break
    return strip_edges(text, s, e)


LIST_ITEMS_MIN = 3
"""A 、-joined enumeration of this many items or more is a list of kinds (shops, venues, trades)."""
_LIST_ITEM_MAX_CHARS = 8


def _ordinary_list_item(text: str, starts, probs, k: int, s: int, e: int) -> bool:
    """Clause ``k`` (``text[s:e]``) is one item of a 、-joined enumeration written in ordinary words,
    most of its sibling items scoring below GROW_PROBABILITY (商超零售、[游戏娱乐]、电影院线、健身场馆:
    entertainment named as one kind of shop among others): Han only and every pair of it one ordinary
    text writes (:func:`.extent.unordinary_han_pairs`). An injected name has pairs nobody else writes
    (澳门新葡萄娱乐: 萄娱) or Latin and digits, and an injected keyword list's items all score spam.

    >>> import numpy as np
    >>> text = "覆盖商超零售、游戏娱乐、电影院线、健身场馆等商户"
    >>> starts, probs = np.array([0, 7, 12, 17]), np.array([0.02, 0.97, 0.71, 0.01])
    >>> _ordinary_list_item(text, starts, probs, 1, 7, 11)
    True
    """
    item = text[s:e]
    if not 2 <= len(item) <= _LIST_ITEM_MAX_CHARS or han_count(item) != len(item):
        return False
    lo = hi = k
    while lo > 0 and text[int(starts[lo]) - 1:int(starts[lo])] == "、":
        lo -= 1
    while hi + 1 < len(starts) and text[int(starts[hi + 1]) - 1:int(starts[hi + 1])] == "、":
        hi += 1
    others = [float(probs[j]) for j in range(lo, hi + 1) if j != k]
    if len(others) + 1 < LIST_ITEMS_MIN or 2 * sum(p < GROW_PROBABILITY for p in others) < len(others):
        return False
    return extent.unordinary_han_pairs(item) == 0


def _continues(text: str, probs, starts, ends, k: int, edge: int) -> bool:
    """Clause ``k`` continues a spam run whose edge is at ``edge``: adjacent (only clause breaks and
    spaces between, at most one line break) and spam-like or without Han characters."""
    s, e = int(starts[k]), int(ends[k])
    gap = text[min(edge, e):max(edge, s)]
    if gap.count("\n") > 1 or gap.strip(" ,;:!?。、\n\r\t_|"):
        return False
    clause = text[s:e].strip()
    if not clause or MARKUP.search(clause):
        return False  # nothing, or the page's markup residue (<tr id="x">): the host's
    if not _HAN.search(clause) and in_machine_line(text, s, e):
        return False  # base64 or code after the run: the page's, however its letters score
    if probs[k] >= GROW_PROBABILITY or _NUMBER_SERIES.search(clause):
        return True
    if any(c in gap for c in "_|,") and len(clause) <= TITLE_KEYWORD_CHARS and probs[k] >= 0.1:
        return True  # the next keyword of a keyword-stuffed title line
    return not _HAN.search(clause) and len(clause) <= 40


def _joined(text: str, units: list[tuple[int, int, float, bool]]) -> list[tuple[int, int, float, bool]]:
    """Adjacent units (only clause breaks and spaces between them) become one run when the first is
    whole: a keyword line whose last keyword is glued to host text (…,av在线美女直播聆听了…)."""
    out: list[list] = []
    for s, e, p, whole in units:
        if out and out[-1][3] and s - out[-1][1] <= GLUE_GAP + 1 \
                and not text[out[-1][1]:s].strip(" ,;:!?。、\n\r\t_|"):
            out[-1][1] = e
            out[-1][2] = max(out[-1][2], p)
        else:
            out.append([s, e, p, whole])
    return [tuple(u) for u in out]


def _grow(text: str, s: int, e: int) -> tuple[int, int]:
    """Over glued Latin, digits, addresses and contact ids on both sides."""
    m = _GROW_RIGHT.match(text, e)
    if m and m.end() > e and ("//" in m.group() or "." in m.group().strip(".")
                              or m.end() == len(text) or not text[m.end()].isalnum()):
        e = m.end()  # an address, or an id that ends where the host text does not go on
    left = _GROW_LEFT.search(text, max(0, s - 40), s)
    if left and left.start() < s and "@" not in left.group() and (
            left.start() == 0 or not text[left.start() - 1].isascii()
            or not text[left.start() - 1].isalnum()):
        s = left.start()
    return strip_edges(text, s, e)


# A lottery tip without tip words: a short line with a draw period (128期, 第45期) and then at least
# TIP_MIN_NUMBERS standalone numbers of 1-49 written with spaces, dots, commas or + (the draws'
# own notation), few Han characters and no sentence: no report writes a period and a bare number
# series. Official draw results (双色球, 福彩, 开奖号码 …) are the lottery's own news, not tips.
TIP_MIN_NUMBERS = 3
_STRONG_TIP = re.compile("一肖|一码|特码|平特|中特|杀肖|六肖|必中|必开")
_PERIOD = re.compile(r"(?<!\d)(?:\d{2,7}|第\d{1,7})期")
_DOTTED_SERIES = re.compile(r"(?<![\d.])\d{2}(?:\.\d{2}){2,}(?![\d.])")
_DRAW_NUMBER = re.compile(r"(?<![\d,.])\d{1,2}(?![\d%])")
_MEASURED = re.compile(r"\d\s*(?:万|元|%|年|月|日|号|个|人|次|亿|时|分|度|米|吨|岁|名|家|项|户|斤|公里)")
_OFFICIAL_DRAW = re.compile("双色球|大乐透|福彩|体彩|福利彩票|体育彩票|七乐彩|排列[三五3 5]|3d|快乐8|七星彩|"
                            "开奖号码|中奖号码|开奖公告|彩票中心")


def _periods(text: str):
    """The spans ``_PERIOD.finditer`` finds, read back from each 期 (its lookbehind made the regex
    try every position of the text: ~10x slower on a long report). A match is the digit run before a
    期, 2-7 digits not preceded by a digit, or 第 and 1-7 digits with no digit before 第."""
    at = text.find("期")
    while at >= 0:
        j = at
        while j and text[j - 1].isdecimal():  # \d is the Unicode decimal class
            j -= 1
        run = at - j
        if 1 <= run <= 7 and j and text[j - 1] == "第" and not (j > 1 and text[j - 2].isdecimal()):
            yield j - 1, at + 1
        elif 2 <= run <= 7:
            yield j, at + 1
        at = text.find("期", at + 1)


_TIP_STRETCH_BREAKS = (" - ", " – ", "|", "_")


def _number_tip_lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m_start, m_end in _periods(text):
        # The tip's own stretch: its line, or the part of it between sentence ends and title
        # separators (a tip put after a headline, ``标题 - 305期 …``, or between two sentences).
        line_start = text.rfind("\n", 0, m_start) + 1
        line_start = max(line_start, text.rfind("。", line_start, m_start) + 1,
                         *(text.rfind(sep, line_start, m_start) + len(sep) for sep in _TIP_STRETCH_BREAKS))
        line_end = text.find("\n", m_end)
        line_end = len(text) if line_end < 0 else line_end
        stop = text.find("。", m_end, line_end)
        line_end = line_end if stop < 0 else stop
        line = text[line_start:line_end]
        rest = text[m_end:line_end]
        if (len(line) > 80 or "。" in line or "," in line.replace(", ", " ")
                and han_count(line) > 12 or _OFFICIAL_DRAW.search(line)
                or _MEASURED.search(rest) or han_count(line) > 16):
            continue
        numbers = [int(n) for n in _DRAW_NUMBER.findall(rest)]
        numbers += [int(n) for series in _DOTTED_SERIES.findall(rest) for n in series.split(".")[1:]]
        if len(numbers) >= TIP_MIN_NUMBERS and all(1 <= n <= 49 for n in numbers):
            s, e = strip_edges(text, line_start, line_end)
            if not out or out[-1] != (s, e):
                out.append((s, e))
    return out


# The site owner's slot of a footer: Copyright © 2025 <owner> 版权所有 / Powered by <owner>. A hacked
# footer puts an offer there; an owner without an institution's suffix that the clause scorer finds
# spam, or that mixes Latin letters with Han, is one. The owner ends before the site's registration
# (版权所有:安庆师范大学 皖ICP备16009723号, 京公网安备…): the name a site files its ICP number under is
# its own, and the number read as part of it scored a school's name as a betting site's.
PROVINCE_ABBREVIATIONS = data.province_abbreviations()
"""The one-character names ICP and 公网安备 numbers open with (皖ICP备, 蜀ICP备, 京公网安备; every name of a
province that has two, as region reads them: ``province_abbreviations.tsv``): not the owner's last character."""
_OWNER_SLOT = re.compile(r"(?:copyright|©|\(c\)|powered by|版权所有[::]?)\s*(?:©\s*)?(?:\d{4}(?:-\d{4})?\s*)?"
                         r"(?P<owner>[^\n©]{2,30}?)\s*(?=版权所有|all rights reserved|保留所有权利|\n|$|"
                         f"[{PROVINCE_ABBREVIATIONS}]?(?:icp[备证]|公网安备))")
_TRAILING_YEAR = re.compile(r"\s*(?:19|20)\d\d(?:\s*-\s*(?:19|20)?\d\d)?\s*$")
OWNER_SLOT_PROBABILITY = 0.5
OWNER_LATIN_PROBABILITY = 0.2
"""A name with Latin letters in the footer's owner slot needs only this (the owner slot's own value;
the institution slot's threshold moved away from it)."""


def _owner_slots(text: str) -> list[tuple[int, int, int]]:
    """The footer's owner slots: (the slot's start, the owner's start and end), the owner without a
    trailing year."""
    out: list[tuple[int, int, int]] = []
    if "©" not in text and "copyright" not in text and "版权" not in text and "powered" not in text:
        return out
    for m in _OWNER_SLOT.finditer(text):
        s, e = strip_edges(text, m.start("owner"), m.end("owner"))
        year = _TRAILING_YEAR.search(text, s, e)
        if year:  # the copyright's date (© 陈默 2010), not part of the owner's name
            s, e = strip_edges(text, s, year.start())
        out.append((m.start(), s, e))
    return out


_SITE_WORD_END = re.compile("(?:官方网站|官网|网站)$")


def own_site_name(owner: str, sc: model.ClauseScorer) -> bool:
    """The owner is a body's name and its site (电影频道节目中心[官方网站]): without the site word it ends in
    an institution's suffix and scores under OWNER_LATIN_PROBABILITY alone (a betting group's name
    scores higher: 金沙集团 0.49, 永利集团 0.64), so the site names itself."""
    name = _SITE_WORD_END.sub("", owner)
    return name != owner and institution_slot.institution_name(name) and sc.probability(name) < OWNER_LATIN_PROBABILITY


def _owner_slot_brands(text: str, slots: list[tuple[int, int, int]],
                       sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """The owners of ``slots`` (the site's own left out by the caller: :func:`own_site_name`) that read
    as a brand: (start, end, probability)."""
    out: list[tuple[int, int, float]] = []
    for _, s, e in slots:
        owner = text[s:e]
        if len(owner) < 2 or not _HAN.search(owner) or (
                institution_slot.institution_name(owner) and not institution_slot.glossed_brand(owner, sc)):
            continue
        p = sc.probability(owner)
        if p >= OWNER_SLOT_PROBABILITY or (re.search(r"[a-z]{2}", owner) and p >= OWNER_LATIN_PROBABILITY):
            out.append((s, e, p))
    return out


def _in_own_owner_slot(own_slots: list[tuple[int, int, int]], s: int, e: int) -> bool:
    """``[s, e)`` (a run, never empty) lies in one of ``own_slots`` (a footer's owner slots, their years
    included, whose owner names the site's own body: :func:`own_site_name`) and overlaps that owner."""
    return any(slot <= s and e <= b and a < e for slot, a, b in own_slots)


def _stuffed_candidates(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Lines (or sentence-free stretches of a line) of a stuffed line's shape: (start, end,
    keywords)."""
    candidates = []
    # Only the lines with STUFFED_MIN_KEYWORDS - 1 separators or more (one scan of the text).
    for m in _SEPARATED_LINE.finditer(text):
        s, e = m.span()
        if e - s > 400:
            continue
        # A title line, or a sentence-free stretch of a line (a keyword line put between two
        # sentences of the host's paragraph: …守护群众财产安全。X_Y_Z_W); prose with many short comma
        # clauses is no candidate (its clauses score clean on average). Most lines are such prose:
        # read in place, not copied and counted.
        if text.find("。", s, e) < 0 and text.find(";", s, e) < 0:
            segments = [(s, e)]
        elif not _TITLE_JOINED.match(text, s, e):
            continue  # prose: its clauses are joined by commas
        else:  # only stretches joined by title separators
            segments = [seg.span() for seg in _SENTENCE_FREE.finditer(text, s, e)
                        if _TITLE_JOINED.match(text, seg.start(), seg.end())]
        for a, b in segments:
            keywords = stuffed_keywords(text, a, b)
            if keywords is not None:
                candidates.append((*strip_edges(text, a, b), keywords))
    return candidates


def _stuffed_lines(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float, str]]:
    """Keyword-stuffed lines: (start, end, the keywords' mean probability, signal) (:func:`_keyword_line`)."""
    candidates = _stuffed_candidates(text)
    probs = _keyword_probabilities(sc, [text[a:b] for _, _, keywords in candidates for a, b in keywords])
    out, k = [], 0
    for s, e, keywords in candidates:
        found = _keyword_line(text, s, e, keywords, probs[k:k + len(keywords)])
        k += len(keywords)
        if found is not None:
            out.append((s, e, *found))
    return out


BODY_KEYWORD_MEAN = 0.15
"""A line of the stuffed shape standing alone between the body's sentences (:func:`body_keyword_line`)
is a keyword line when its keywords score this on average ...
(chosen on the train split's clean pages with the dev word pool of ``scripts/spam_novel.py`` placed in
them, and on the clean train/dev texts of the chrome and truncation corpora: such lines of the host's own,
chapter headings listing 、-joined topics and headline rows, average 0.14 at most)."""
BODY_KEYWORD_STRONG = 0.4
"""... and one of them this much (headline rows between paragraphs: 0.28 at most)."""
BODY_KEYWORD_HAN = 3
"""Its keywords hold this many Han characters on average: a site's menu of two-character channels
(首页 | 体育 | 娱乐) is no offer, wherever its text dump puts it."""
PROSE_LINE_CHARS = 20
_SENTENCE_MARK = re.compile("[。!?;]")
_SPACED_LIST = re.compile(f"[ \t\u3000][{STUFFED_SEPARATORS}]|[{STUFFED_SEPARATORS}][ \t\u3000]")
"""A separator with a space beside it: a menu's or a row's layout (娱乐幻灯 · 在线影院 · …), not keywords
glued into one string for a search engine."""


def body_keyword_line(text: str, s: int, e: int, keywords: list[tuple[int, int]], probs: list[float]) -> bool:
    """``text[s:e]``, a stuffed line's candidate whose keywords score ``probs``, is a keyword line put between
    the body's paragraphs: it is its whole line, not the first, the line above or below it is a sentence of the host's
    (PROSE_LINE_CHARS or more with a sentence mark), it labels no field (``标签:…``), and its keywords
    (BODY_KEYWORD_HAN Han characters each on average) score BODY_KEYWORD_MEAN on average with one of
    BODY_KEYWORD_STRONG or more. Words nobody listed score low one by one (``负债高也能批`` 0.1), so a line
    of them is told by its place: the host writes its own lists inside sentences or under a heading.

    >>> text = "本周全市气温回升,降水偏少,请注意防火。\\n老友回归奖/签到领红包/凭手机号借款\\n下周将有一次降温过程。"
    >>> s = text.index("老"); e = text.index("\\n下")
    >>> body_keyword_line(text, s, e, stuffed_keywords(text, s, e), [0.2, 0.45, 0.1])
    True
    >>> body_keyword_line(text, s, e, stuffed_keywords(text, s, e), [0.05, 0.1, 0.1])
    False
    """
    if not probs or sum(probs) / len(probs) < BODY_KEYWORD_MEAN or max(probs) < BODY_KEYWORD_STRONG:
        return False
    if _short_words(text, keywords):
        return False
    ls, le = line_bounds(text, s, e)
    if strip_edges(text, ls, le) != (s, e) or _SENTENCE_MARK.search(text, ls, le) or _SPACED_LIST.search(text, s, e):
        return False
    if sum(_FUNCTION_CHAR.search(text, a, b) is not None for a, b in keywords) >= 2:
        return False  # clauses, not keywords: prose wrapped at its commas (…,我代…,他们决定以自己)
    above = _next_line(text, ls, -1)
    if above is None or ":" in text[s:e] or _written_elsewhere(text, s, e, keywords):
        return False  # the first line is the title: a headline glued to keywords is read by the title's slots
    return _prose_near(text, above, -1) or _prose_near(text, _next_line(text, le, 1), 1)


def _short_words(text: str, words: list[tuple[int, int]]) -> bool:
    """The ``words`` (a keyword line's keywords, a link list's items) hold under BODY_KEYWORD_HAN Han characters
    on average: a menu's channels (首页 | 体育 | 娱乐), not offers."""
    return sum(han_count(text, a, b) for a, b in words) < BODY_KEYWORD_HAN * len(words)


PROSE_REACH_LINES = 2
"""How many lines above or below a keyword line its host's prose may stand: a byline or a source line
(作者:…, 来源:…) often sits between the article and what the hack put under it."""


def _prose_near(text: str, line: tuple[int, int] | None, step: int) -> bool:
    """A prose sentence (:func:`_prose_line`) is ``line`` or one of the PROSE_REACH_LINES - 1 lines beyond it
    (``step`` -1: above, 1: below; blank lines skipped)."""
    for _ in range(PROSE_REACH_LINES):
        if line is None:
            return False
        if _prose_line(text, line):
            return True
        line = _next_line(text, line[0] if step < 0 else line[1], step)
    return False


BODY_LIST_MIN_ITEMS = 3
BODY_LIST_ITEM_CHARS = 24
BODY_LIST_MEAN = 0.2
"""A block of short lines next to the body's prose (:func:`_body_link_lists`) is a link list of spam titles
when its items score this on average ...
(chosen like BODY_KEYWORD_MEAN: blocks of the host's own, related-article lists, menus and widgets next to
prose, score 0.16 on average with a best item of 0.44 at most on the clean train/dev texts)."""
BODY_LIST_STRONG = 0.5
"""... and one of them this much."""
_MARKS = "。,;:!?()《》“”\"'、"
"""A sentence's, a clause's, a field's and a quotation's marks: a link list's item, a bare sentence and a closing
line hold none."""
_LIST_ITEM = re.compile(f"[^\\s{_MARKS}]{{1,{BODY_LIST_ITEM_CHARS}}}")
"""A link list's item: a title or an offer with no space, no sentence, field or quotation mark."""


def _body_link_lists(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """Hidden link lists of spam titles put between the body's paragraphs: blocks of BODY_LIST_MIN_ITEMS lines
    or more (no blank line between them), each line one item (:data:`_LIST_ITEM`, two Han characters or
    more, BODY_KEYWORD_HAN on average), not the first lines of the text, next to a prose sentence above or
    below, foreign to the page (:func:`_written_elsewhere`), whose items score BODY_LIST_MEAN on average
    and one BODY_LIST_STRONG: (start, end, mean). The items' words may be unlisted, as a keyword line's
    (:func:`body_keyword_line`); the host's own lists (a menu, related articles, a signature) stand
    under a heading or among the page's chrome, name what it writes about, or hold spaces and marks.

    >>> text = "全市今年新增就业岗位两万个,城镇登记失业率保持低位。\\n百人牛牛最新地址\\n斗地主比赛主页\\n夜场畅饮登录网址\\n下一步将继续做好稳就业工作,确保就业大局稳定。"
    >>> [text[s:e] for s, e, _ in _body_link_lists(text, model.scorer())]
    ['百人牛牛最新地址\\n斗地主比赛主页\\n夜场畅饮登录网址']
    """
    out: list[tuple[int, int, float]] = []
    block: list[tuple[int, int]] = []
    at = 0
    for line in [*text.split("\n"), ""]:  # the empty line after the text closes its last block
        start, at = at, at + len(line) + 1
        a, b = start + len(line) - len(line.lstrip()), start + len(line.rstrip())
        if b > a and _LIST_ITEM.fullmatch(text, a, b) and han_count(text, a, b) >= 2:
            block.append((a, b))
            continue
        if len(block) >= BODY_LIST_MIN_ITEMS:
            out.extend(_body_link_list(text, block, sc))
        block = []
    return out


def _body_link_list(text: str, items: list[tuple[int, int]], sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """``[(start, end, mean)]`` when the block of ``items`` is a link list by :func:`_body_link_lists`, else [].
    A notice's signature at either end of the block (the issuing body, its date) is the host's; the prose the
    block stands next to may be above or below that signature."""
    above = _next_line(text, text.rfind("\n", 0, items[0][0]) + 1, -1)
    below = _next_line(text, items[-1][1], 1)
    if above is None or not (_prose_line(text, above) or _prose_line(text, below)):
        return []
    while items and _signature_line(text[slice(*items[0])]):
        items = items[1:]
    while items and _signature_line(text[slice(*items[-1])]):
        items = items[:-1]
    if len(items) < BODY_LIST_MIN_ITEMS:
        return []
    s, e = items[0][0], items[-1][1]
    if _short_words(text, items):
        return []
    if _written_elsewhere(text, s, e, items):
        return []
    probs = _keyword_probabilities(sc, [text[a:b] for a, b in items])
    mean = sum(probs) / len(probs)
    return [(s, e, mean)] if mean >= BODY_LIST_MEAN and max(probs) >= BODY_LIST_STRONG else []


def _whole_line_item(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` has a link list item's shape (:data:`_LIST_ITEM`, two Han characters or more) and is its whole
    line but white space, not the text's first line (the title, as a headline with its separator, ``… |``)."""
    ls, le = line_bounds(text, a, b)
    return (ls > 0 and not text[ls:a].strip() and not text[b:le].strip()
            and bool(_LIST_ITEM.fullmatch(text, a, b)) and han_count(text, a, b) >= 2)


LIST_SITE_WORDS = ("网址", "地址", "主页", "首页", "官网", "入口", "登录", "登陆", "下载", "app")
"""Words of a site's address or entry a link list's items end with (最新地址, 登录网址, 主页, 官网 …): such an item
is an offer's link, whatever its other words."""


def found_link_list(text: str, items: list[tuple[int, int]], found: list[bool]) -> tuple[int, int] | None:
    """The stretch of a link list of which hits found some items: ``items`` are a block's short lines (stripped
    bounds, in order), ``found`` whether a hit holds each. The items of the link list's shape (:data:`_LIST_ITEM`,
    two Han characters or more) around the found ones, without a notice's signature or a line of the page's own
    words (half its Han pairs written elsewhere: the host's title or caption next to the block) at their ends, are one list
    when BODY_LIST_MIN_ITEMS or more, half of them found or holding a site's address word (:data:`LIST_SITE_WORDS`),
    their words foreign to the page and prose next to them, as :func:`_body_link_lists` reads a list; None
    otherwise. A list's items in words nobody listed score low one by one, so a hit reads one or two of them;
    a host's menu or column next to prose names its own sections (首页, 新闻中心, 政务公开), not offers' links.

    >>> text = "全市今年新增就业岗位两万个,城镇登记失业率保持低位。\\n百人牛牛最新地址\\n斗地主比赛主页\\n夜场畅饮登录网址\\n私密会员\\n下一步将继续做好稳就业工作。"
    >>> lines = [(27, 35), (36, 43), (44, 52), (53, 57)]
    >>> s, e = found_link_list(text, lines, [False, True, False, False])
    >>> text[s:e].split()
    ['百人牛牛最新地址', '斗地主比赛主页', '夜场畅饮登录网址', '私密会员']
    >>> text = "首页\\n新闻中心\\n政务公开\\n金沙娱乐官网\\n办事服务\\n互动交流\\n全县地区生产总值增长百分之六,城乡居民收入稳步提高。"
    >>> lines = [(0, 2), (3, 7), (8, 12), (13, 19), (20, 24), (25, 29)]
    >>> found_link_list(text, lines, [False, False, False, True, False, False]) is None
    True
    >>> text = "南县住建局2018年度整体支出绩效评价报告\\n发布时间 2019-05-20\\n签到领红包登录网址\\n充值即返最新地址\\n老友回归奖最新地址\\n南县住建局2018年度整体支出\\n为检验预算资金使用效益,现将整体支出绩效评价情况报告如下。"
    >>> s, e = found_link_list(text, [(38, 47), (48, 56), (57, 66), (67, 82)], [False, True, False, False])
    >>> text[s:e].split()
    ['签到领红包登录网址', '充值即返最新地址', '老友回归奖最新地址']
    """
    if not any(found):
        return None
    shaped = [_whole_line_item(text, a, b) for a, b in items]
    first, last = found.index(True), len(found) - 1 - found[::-1].index(True)
    if not all(shaped[first:last + 1]):
        return None
    while first > 0 and shaped[first - 1]:
        first -= 1
    while last + 1 < len(items) and shaped[last + 1]:
        last += 1
    while first < last and not found[first] and _signature_line(text[slice(*items[first])]):
        first += 1
    while last > first and not found[last] and _signature_line(text[slice(*items[last])]):
        last -= 1
    rest = text[:items[first][0]] + "\n" + text[items[last][1]:]
    while first < last and not found[first] and pairs_written(text, *items[first], rest, 2):
        first += 1  # the host's line the block ends at (its title, a caption): its words stand elsewhere
    while last > first and not found[last] and pairs_written(text, *items[last], rest, 2):
        last -= 1
    block = items[first:last + 1]
    links = sum(hit or any(w in text[a:b] for w in LIST_SITE_WORDS)
                for (a, b), hit in zip(block, found[first:last + 1]))
    if len(block) < BODY_LIST_MIN_ITEMS or 2 * links < len(block) or _short_words(text, block):
        return None
    s, e = block[0][0], block[-1][1]
    if _written_elsewhere(text, s, e, block):
        return None
    if _linked_items(text, block, found[first:last + 1]):
        return s, e
    ls, le = line_bounds(text, s, e)
    if not (_prose_near(text, _next_line(text, ls, -1), -1) or _prose_near(text, _next_line(text, le, 1), 1)):
        return None
    return s, e


LINK_END_WORDS = ("网址", "地址", "主页", "官网", "入口")
"""The words of :data:`LIST_SITE_WORDS` that end an offer's link and no item of a host's menu (网站首页, 用户登录,
下载中心 end in the others)."""
LINKED_MIN_FOUND = 2
"""Items of a block hits hold that make it a list of offers' links wherever it stands (:func:`_linked_items`) ..."""


def _linked_items(text: str, block: list[tuple[int, int]], found: list[bool]) -> bool:
    """The ``block``'s items are offers' links by themselves: LINKED_MIN_FOUND of them held by hits, and half of
    them or more ending in a site's address word after a name (最新地址, 登录网址, 主页: :data:`LINK_END_WORDS`).
    Such a list needs no prose beside it: a hack puts it between the host's metadata lines as well (办公时间…\\n
    [X最新地址\\nY登录网址\\nZ主页]\\n联系电话…), and a host's menu ends its items in no such word.

    >>> text = "办公时间:周一至周五\\n百人牛牛最新地址\\n夜场畅饮登录网址\\n斗地主比赛主页\\n联系电话:0453-3761037"
    >>> block = [(11, 19), (20, 28), (29, 36)]
    >>> _linked_items(text, block, [True, True, False]), _linked_items(text, block, [False, True, False])
    (True, False)
    """
    ending = sum(text[a:b].endswith(LINK_END_WORDS) and han_count(text, a, b) > 2 for a, b in block)
    return sum(found) >= LINKED_MIN_FOUND and 2 * ending >= len(block)


BARE_SENTENCE_PROBABILITY = 0.2
"""A bare sentence (:func:`_bare_sentences`) scoring this is an inserted offer (chosen on the train split's
clean pages with the dev word pool and on the clean train/dev texts of the other corpora: of their 2,056
such sentences two score more and are foreign to their page, both with a function word)."""
BARE_SENTENCE_LEAD = 10
"""The host's sentence before it on its line holds this many characters or more."""
_BARE_SENTENCE = re.compile(f"[。!?]([^\\s{_MARKS}]{{2,24}})(?=。)")
"""A bare sentence (group 1) after the end of the one before. The end mark is matched, not looked behind at, so
the scan skips to the marks (half the time of a look-behind tried at every position); the matches' groups are
the same, since the 。 closing one, looked ahead at, is the mark opening the next."""
_FUNCTION_CHAR = re.compile("[的是了在我你他她它们将已与和及为于把被就都还又很可吗呢吧啊这那其]")


def _bare_sentences(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """Offers inserted as a sentence of their own between the host's sentences (…取得阶段性成果。[X现金网]。):
    a sentence of at most 24 characters, four Han or more, no comma, colon, quotation or space (a contact id
    written after its label is the contact signals' to read: 贵宾尊享 商务QQ 524326922), no function
    character (的, 是, 了 …: a name and an offer, not a statement), after a host sentence of BARE_SENTENCE_LEAD
    characters on its line, foreign to the page (under a third of its Han pairs written elsewhere) and
    scoring BARE_SENTENCE_PROBABILITY: (start, end, probability). A clause of unlisted words scores far
    under the clause threshold (0.95), but the host never writes a bare name between its sentences.

    >>> text = "今年全区创卫工作取得了可喜的阶段性成果。百人牛牛现金网。下一步将巩固成果。"
    >>> [text[s:e] for s, e, _ in _bare_sentences(text, model.scorer())]
    ['百人牛牛现金网']
    """
    out: list[tuple[int, int, float]] = []
    for m in _BARE_SENTENCE.finditer(text):
        s, e = strip_edges(text, *m.span(1))
        if e - s < 2 or han_count(text, s, e) < MIN_CONTENT or _FUNCTION_CHAR.search(text, s, e):
            continue
        lead = max(text.rfind("\n", 0, s - 1), text.rfind("。", 0, s - 1), text.rfind("!", 0, s - 1),
                   text.rfind("?", 0, s - 1))
        if s - 1 - lead - 1 < BARE_SENTENCE_LEAD:
            continue
        p = sc.probability(text[s:e])  # (before the search of the page for its pairs: a memoised look-up, and rarely met)
        if p >= BARE_SENTENCE_PROBABILITY and not pairs_written(text, s, e, text[:s] + "\n" + text[e:], FOREIGN_PARTS):
            out.append((s, e, p))
    return out


BARE_CLAUSE_PROBABILITY = 0.5
"""A bare clause (:func:`_bare_clauses`) scoring this is a keyword, ..."""
BARE_CLAUSES_MIN = 3
"""... when the page holds this many of them: a hack sprinkles keywords between a page's clauses
(…度假世界内,[九州百家樂],客人不能…, …的商品,[遊藝場]。). Chosen on the train/dev texts of every corpus:
the clean ones hold at most one such clause scoring 0.5 (…我藏的这么深你们还能找到啊,[真牛]!), and two at 0.4
(an old vernacular speech's 抽多抽少, 只有死死苦战); the one spam page of the class holds five."""
BARE_CLAUSE_LEAD_HAN = 6
"""The host's clause before a bare clause, on its line, holds this many Han characters (prose)."""
_BARE_CLAUSE = re.compile(f"[,;。!?]([{HAN_CHARS}]{{2,6}})(?=[,;。!?\\n]|\\Z)")
"""A bare clause (group 1) after the mark ending the clause before. The mark is matched, not looked behind at (as in
:data:`_BARE_SENTENCE`: the scan skips to the marks); the groups are the same, since a group ends in a Han character,
never in the mark the next one needs."""


def _bare_clauses(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """Keywords inserted as whole clauses between the host's clauses: a clause of two to six Han
    characters and nothing else, no function character (的, 是, 了 …: a name, not a statement), after a
    prose clause of BARE_CLAUSE_LEAD_HAN Han on its line, scoring BARE_CLAUSE_PROBABILITY, on a page that
    holds BARE_CLAUSES_MIN of them or more: [(start, end, probability)] or []. Prose writes a short
    clause now and then (…走走,看看,); a page whose clauses keep ending in a bare gambling or adult
    name was sprinkled with them, whatever the page is about.

    >>> text = ("据报道,度假村近日开业的娱乐厅内,金龙百家乐,客人不能赢取现金。当地部门否认了这一传闻,"
    ...         "金龙娱乐城,并成立调查组进行调查。记者获悉,该场所已被责令停业整顿,真人视讯。")
    >>> [text[s:e] for s, e, _ in _bare_clauses(text, model.scorer())]
    ['金龙百家乐', '金龙娱乐城', '真人视讯']
    >>> _bare_clauses(text.replace("真人视讯。", "等待处理。"), model.scorer())
    []
    """
    found: list[tuple[int, int, float]] = []
    last_mark = 0
    for m in _BARE_CLAUSE.finditer(text):
        s, e = m.span(1)
        # the search back for the lead clause's start stops at the last match's mark, a clause end before
        # this one's (searching back to the text's start for each of six marks was quadratic)
        floor, last_mark = last_mark, m.start()
        if _FUNCTION_CHAR.search(text, s, e):
            continue
        p = sc.probability(text[s:e])  # (before the lead: a memoised look-up that most clauses fail)
        if p < BARE_CLAUSE_PROBABILITY:
            continue
        lead = max(text.rfind(c, floor, s - 1) for c in ",;。!?\n") + 1
        if han_count(text, lead, s - 1) >= BARE_CLAUSE_LEAD_HAN:
            found.append((s, e, p))
    return found if len(found) >= BARE_CLAUSES_MIN else []


CLOSING_LINE_PROBABILITY = 0.2
"""A closing line (:func:`_closing_line`) scoring this is an inserted offer (chosen like
BARE_SENTENCE_PROBABILITY: no last line of the clean train/dev texts of the other corpora that passes the other
tests scores 0.1)."""
_CLOSING_MARK = re.compile(f"[{_MARKS} ]")


def _closing_line(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """An offer put on a line of its own under the text's last sentence (…转载请注明出处。\\n[X签到领红包]): the last
    line, at most BODY_LIST_ITEM_CHARS characters, MIN_CONTENT Han or more, no mark or space, no function
    character, no signature (:func:`_signature_line`) and no word of a site's navigation (首页, 登录, 下载:
    :data:`_GENERIC_ACTION`), the line above it a prose sentence, foreign to the page
    (under a third of its Han pairs written elsewhere), scoring CLOSING_LINE_PROBABILITY: [(start, end,
    probability)] or [].

    >>> text = "本报讯 今年全市新增就业岗位两万个,城镇登记失业率保持低位。\\n斗地主比赛现金网\\n"
    >>> [text[s:e] for s, e, _ in _closing_line(text, model.scorer())]
    ['斗地主比赛现金网']
    """
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    s, e = start + len(text[start:end]) - len(text[start:end].lstrip()), end
    if not (0 < e - s <= BODY_LIST_ITEM_CHARS) or han_count(text, s, e) < MIN_CONTENT:
        return []
    if _CLOSING_MARK.search(text, s, e) or _FUNCTION_CHAR.search(text, s, e) or _signature_line(text[s:e]):
        return []
    if _GENERIC_ACTION.search(text, s, e):
        return []  # the site's own navigation (回到首页, 客户端下载): its chrome
    if not _prose_line(text, _next_line(text, start, -1)):
        return []
    if pairs_written(text, s, e, text[:start], FOREIGN_PARTS):
        return []
    p = sc.probability(text[s:e])
    return [(s, e, p)] if p >= CLOSING_LINE_PROBABILITY else []


_SIGNATURE_DATE = re.compile(r"(?:\d{2,4}|[〇○零一二三四五六七八九]{2,4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?")


def _signature_line(line: str) -> bool:
    """``line`` is a line of a notice's signature: a date, or a public body's or its office's name
    (某市文化和旅游局, 某县人民政府办公室)."""
    return bool(_SIGNATURE_DATE.fullmatch(line) or institution_slot.public_body(line) or line.endswith("办公室"))


_HAN_PAIR = re.compile(f"(?=([{HAN_CHARS}]{{2}}))")


def _written_elsewhere(text: str, s: int, e: int, keywords: list[tuple[int, int]]) -> bool:
    """Half of the keywords of the line ``text[s:e]`` or more are the page's own words: half of each one's
    Han pairs or more stand elsewhere in the text. A site's line of its own sections or tags names what
    its pages write about (热门游戏攻略_手游礼包领取 on a games site); an injected line is foreign to its host.

    >>> text = "手游礼包领取流程。热门游戏攻略更新。\\n热门游戏攻略_手游礼包领取_新服开服表\\n"
    >>> s = text.index("\\n") + 1
    >>> _written_elsewhere(text, s, len(text) - 1, stuffed_keywords(text, s, len(text) - 1))
    True
    """
    rest = text[:s] + "\n" + text[e:]
    own = sum(pairs_written(text, a, b, rest, 2) for a, b in keywords)
    return 2 * own >= len(keywords)


FOREIGN_PARTS = 3
"""A bare sentence or a closing line is foreign to its page when under one part in FOREIGN_PARTS of its Han pairs
stands elsewhere in the text (:func:`pairs_written`)."""


def pairs_written(text: str, s: int, e: int, elsewhere: str, parts: int) -> bool:
    """One part in ``parts`` or more of the Han character pairs of ``text[s:e]`` (it has some) stand in ``elsewhere``.

    >>> pairs_written("稳就业。稳就业保民生", 4, 10, "稳就业。", 3), pairs_written("稳就业。稳就业保民生", 4, 10, "稳就业。", 2)
    (True, False)
    """
    pairs = {m.group(1) for m in _HAN_PAIR.finditer(text, s, e) if m.end(1) <= e}
    written, left = 0, len(pairs)
    for pair in pairs:  # each a search of the whole page: stop as soon as the answer is known
        left -= 1
        if pair in elsewhere:
            written += 1
            if parts * written >= len(pairs):
                return True
        elif parts * (written + left) < len(pairs):
            return False
    return False


def _next_line(text: str, edge: int, step: int) -> tuple[int, int] | None:
    """The first line holding more than white space above (``step`` -1, ``edge`` a line's start) or below
    (``step`` 1, ``edge`` a line's end) a line; None when there is none."""
    while True:
        if step < 0:
            if edge <= 0:
                return None
            b = edge - 1
            a = text.rfind("\n", 0, b) + 1
            edge = a
        else:
            if edge >= len(text):
                return None
            a = edge + 1
            b = text.find("\n", a)
            b = len(text) if b < 0 else b
            edge = b
        if text[a:b].strip():
            return a, b


def _prose_line(text: str, line: tuple[int, int] | None) -> bool:
    """``line`` (a line's bounds, or None) is a sentence of prose: PROSE_LINE_CHARS or more ending a sentence
    or holding a 。 (a row of titles with a ! inside one of them is a list, not prose)."""
    if line is None:
        return False
    line_text = text[line[0]:line[1]].strip()
    return len(line_text) >= PROSE_LINE_CHARS and (line_text[-1] in "。!?;" or "。" in line_text)


def _org_slots(text: str):
    """``_ORG_SLOT`` matches right after each 代表, as ``finditer`` of the pattern behind
    ``(?<=代表)`` finds them (non-overlapping, in order), without trying every position."""
    end = 0
    at = text.find("代表")
    while at >= 0:
        if at + 2 >= end:
            m = _ORG_SLOT.match(text, at + 2)
            if m:
                yield m
                end = m.end()
        at = text.find("代表", at + 1)


def _tip_lines(text: str):
    """``_TIP_LINE.finditer(text)`` tried only where a match can start: the digits (2-4) before a
    期, or 第 and 1-4 digits before it (the regex alone tried every digit of a long report)."""
    starts: set[int] = set()
    at = text.find("期")
    while at >= 0:
        j = at
        while j and at - j < 5 and text[j - 1].isdecimal():  # \d is the Unicode decimal class
            j -= 1
        run = at - j
        starts.update(at - k for k in range(2, min(run, 4) + 1))
        starts.update(at - k - 1 for k in range(1, min(run, 4) + 1) if at - k > 0 and text[at - k - 1] == "第")
        at = text.find("期", at + 1)
    end = 0
    for s in sorted(starts):
        if s >= end:
            m = _TIP_LINE.match(text, s)
            if m:
                yield m
                end = m.end()


_ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
_ZODIAC_PICK = re.compile(
    r"[^\n。,;!?]{0,12}?(?:%s)[^\n。,;!?]{0,8}?(?:[【\[(][%s]{1,12}[】\])]|[%s]{3,12})"
    r"(?:[^\n。,;!?%s]{0,2}(?:%s)?:?\s*\d{1,2}(?!\d))?"
    % (_STRONG_TIP.pattern.replace("一码", "一码(?!通)"), _ZODIAC, _ZODIAC, HAN_CHARS, _STRONG_TIP.pattern))
"""After a draw period, tip words and a pick of zodiac signs, bracketed or three or more in a row, then
perhaps the tip's one number (``2025127期:今晚必开特码【蛇牛虎龙狗猴】特码41``): a Mark Six tip that names
signs instead of writing a number series, which no report, draw notice or crackdown story writes after
a period number."""


_ZODIAC_ONLY = re.compile(f"[“”\"'‘’《》【】()\\[\\]、,\\s]*(?:[{_ZODIAC}][、,\\s]*){{3,}}[“”\"'‘’《》【】()\\[\\]、,\\s]*")
"""A scorer's run made of zodiac signs only (鼠牛虎兔龙蛇马羊猴鸡狗猪 in a text on the zodiac): the signs
alone, with no draw period and no tip word, are no tip (:data:`_ZODIAC_PICK` reads a tip's)."""


def _zodiac_tips(text: str) -> list[tuple[int, int]]:
    """The stretches of zodiac-sign tips (:data:`_ZODIAC_PICK` after a period of :func:`_periods`), with
    the tip's words before its period when near (as :func:`_tip_stretch` reads them)."""
    out: list[tuple[int, int]] = []
    for s, e in _periods(text):
        m = _ZODIAC_PICK.match(text, e)
        if m is None or (out and s < out[-1][1]):
            continue
        out.append(strip_edges(text, _with_lead(text, s, text.rfind("\n", 0, s) + 1), m.end()))
    return out


TIP_HOST_HAN = 4
"""Han characters after a tip's number series that make the rest of its line host prose: the tip was
glued in front of a sentence (…一码一肖28-44-47+18[国家智能网联汽车测试示范区投入使用]), and its run
ends with its numbers; fewer (a zodiac sign, 准) are the tip's own."""
TIP_LEAD_CHARS = 10
"""A tip's words before its period (新澳门, 六肖中特) back to the clause start, when that is this near."""
_SERIES_TAIL = re.compile(r"(?:[ ,.\-+:]*\d{1,2})*")
_CLAUSE_START = re.compile(r"[,。;!?、:\n]")


def _tip_stretch(text: str, m: re.Match) -> tuple[int, int]:
    """A tip's run (``m`` a ``_TIP_LINE`` match): from its clause's start (the period's digits and
    the tip's words before it, when near) to its line's end, or to its last number when host prose
    follows glued to it on the line.

    >>> text = "重大工程进展顺利,新澳门2024326期一码一肖28-44-47+18营盘路隧道建成通车。"
    >>> s, e = _tip_stretch(text, next(_tip_lines(text)))
    >>> text[s:e]
    '新澳门2024326期一码一肖28-44-47+18'
    """
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    tail = _SERIES_TAIL.match(text, m.end())  # matches always (it may match nothing)
    e = tail.end() if tail else m.end()
    rest = text[e:line_end]
    if han_count(rest) < TIP_HOST_HAN and "。" not in rest:
        e = line_end
    s = m.start()
    while s > line_start and text[s - 1].isdecimal():
        s -= 1
    return strip_edges(text, _with_lead(text, s, line_start), e)


def _with_lead(text: str, s: int, line_start: int) -> int:
    """Where a tip starting at ``s`` starts with its words before it: back to its clause's start when
    that is at most TIP_LEAD_CHARS before (新澳门[2024326期…]), else ``s``."""
    lead = s
    while lead > line_start and s - lead < TIP_LEAD_CHARS and not _CLAUSE_START.match(text, lead - 1):
        lead -= 1
    return lead if lead == line_start or _CLAUSE_START.match(text, lead - 1) else s


def tips_give_way(runs: list[LearnedRun], tips: list[tuple[int, int]], skip: str | None) -> list[LearnedRun]:
    """``runs`` with a lottery-tip run for each of ``tips`` (source spans, start <= end) in turn: the runs
    a tip's span holds give way to it; with ``skip="overlap"`` a tip that still overlaps a run after that
    is dropped, with ``skip="tip"`` one that overlaps a lottery-tip run is dropped before any gives way.

    Tips come with their starts in order, so one sweep does it (:func:`_sweep_tips`); tips out of order
    are swept a stretch in order at a time, each stretch on the runs the one before left.

    >>> guess = LearnedRun(2, 5, "gambling", 0.9, False, "learned")
    >>> [(r.start, r.end) for r in tips_give_way([guess], [(0, 8), (6, 12)], "overlap")]
    [(0, 8)]
    """
    first = 0
    for k in range(1, len(tips) + 1):
        if k == len(tips) or tips[k][0] < tips[k - 1][0]:
            runs = _sweep_tips(runs, tips[first:k], skip)
            first = k
    return runs


def _sweep_tips(runs: list[LearnedRun], tips: list[tuple[int, int]], skip: str | None) -> list[LearnedRun]:
    """:func:`tips_give_way` for tips whose starts are in order, in one sweep: a run that starts before a
    tip can no longer be held by it or any later tip, and only the largest end of those counts for an
    overlap (rebuilding the runs for every tip was tips x runs)."""
    pool = list(runs)
    alive = [True] * len(pool)
    # Two lanes of pool indices by start: the runs as given, and the tips' runs (appended in order).
    lanes = [sorted(range(len(pool)), key=lambda i: pool[i].start), []]
    heads = [0, 0]
    reach = reach_tip = -1  # the largest end of the live runs (lottery-tip runs) that start before the tip
    for a, b in tips:
        for lane, order in enumerate(lanes):
            k = heads[lane]
            while k < len(order) and pool[order[k]].start < a:
                i = order[k]
                if alive[i]:
                    reach = max(reach, pool[i].end)
                    if pool[i].signal == "lottery-tip":
                        reach_tip = max(reach_tip, pool[i].end)
                k += 1
            heads[lane] = k
        if skip == "tip" and (reach_tip > a or any(
                alive[i] and pool[i].signal == "lottery-tip" and a < pool[i].end
                for i in _starting_before(pool, lanes, heads, b, inclusive=False))):
            continue
        for i in _starting_before(pool, lanes, heads, b, inclusive=True):
            if alive[i] and pool[i].end <= b:
                alive[i] = False
        if skip == "overlap" and (reach > a or any(
                alive[i] and a < pool[i].end for i in _starting_before(pool, lanes, heads, b, inclusive=False))):
            continue
        lanes[1].append(len(pool))
        pool.append(LearnedRun(a, b, "gambling", 1.0, True, "lottery-tip"))
        alive.append(True)
    return [r for r, live in zip(pool, alive) if live]


def _starting_before(pool: list[LearnedRun], lanes: list[list[int]], heads: list[int], b: int, inclusive: bool):
    """The pool indices past each lane's head whose runs start before ``b`` (or at it, ``inclusive``)."""
    for order, k in zip(lanes, heads):
        while k < len(order) and (pool[order[k]].start < b or inclusive and pool[order[k]].start == b):
            yield order[k]
            k += 1


def learned_runs(doc: Document, exempt, hints: list[int]) -> list[LearnedRun]:
    """The document's learned and structural spam runs in source offsets (``exempt(start, end)``
    tells whether a source span is legitimate text: collocation, enforcement wording, chrome;
    ``hints``: source offsets of exact hits, used when the view keeps the source's offsets)."""
    sc = model.scorer()
    view = spam_view_of(doc)
    text = view.text
    units, short = _units(view, sc, view.view_offsets(hints) if hints else [])
    runs: list[LearnedRun] = []
    glued = {(s, e) for s, e, _, _ in short}
    glued_runs: list[tuple[int, int, int, int, float]] = []
    exempted: list[tuple[int, int]] = []
    slots = _owner_slots(text)  # read once: a run asks them (a scan of the whole text each was quadratic)
    own_slots = [(slot, a, b) for slot, a, b in slots if own_site_name(text[a:b], sc)]
    latin: bool | None = None  # latin_page(text), read once (a scan of the whole text), when a run needs it
    for s, e, p, whole in sorted(_joined(text, units) + short):
        unit = (s, e)
        is_glued = (s, e) in glued
        s, e = _grow(text, s, e)
        mail = _MAIL_PREFIX.match(text, s, e)
        if mail and mail.end() < e:
            s = mail.end()  # an e-mail address the run was glued to (service@[pp真人视讯]) is the host's
        if _IN_ADDRESS.match(text, s) or (s and text[s - 1] in "?=&%/@" and not whole):
            continue  # a query string or a path (page?tag=ky棋牌), not an injection
        if count_chars(_CONTENT_RUN, _GENERIC_ACTION.sub("", text[s:e])) < 2:
            continue  # only what every site's own chrome says (app下载, 官网登录): no operator, no offer
        if english_prose(_COPYRIGHT_HEAD.sub("", text[s:e].strip(EDGE), count=1)):
            continue  # a sentence of English prose (a bilingual report, a firm's rights line): the scorer reads Chinese
        if latin is None:
            latin = latin_page(text)
        if latin:
            # An English page: the scorer reads Chinese, so a guess there is only its lines that hold Han
            # or an address (an injected offer); an infobox's labels and figures are the page's own.
            kept = _foreign_lines(text, s, e)
            if kept is None:
                continue
            s, e = kept
        s, e = _without_english_edges(text, s, e)
        if not _HAN.search(text, s, e) and (machine_text(text[s:e]) or in_machine_line(text, s, e)):
            continue  # base64 or code pasted as text: its letters and digits are no id or brand
        if _ZODIAC_ONLY.fullmatch(text, s, e):
            continue  # the zodiac's signs and nothing else (鼠牛虎兔…): a tip needs its period or tip words
        if _in_own_owner_slot(own_slots, s, e):
            continue  # the site's own body and site in its copyright line (© 2022 电影频道节目中心官方网站)
        if not whole and everyday_words(text[s:e]):
            continue  # a guess inside a clause made of reduplicated words (爸爸妈妈): the prose's own
        if _OFFICIAL_DRAW.search(text, s, e) and not _STRONG_TIP.search(text, s, e) and not (
                _GROW_RIGHT.search(text, s, e) and re.search(r"qq|微信|vx|tg|www|http", text[s:e])):
            continue  # an official draw's result or notice (双色球开奖号码 …), the lottery's own news
        if is_glued:
            s, e = _without_date(text, s, e)
            if han_count(text[s:e]) < 2 or bracketed_abbreviation(text, s, e):
                continue
            a, b = view.source_span(s, e)
            glued_runs.append((s, e, a, b, p))
            continue
        if not whole and listed_kind(text, s, e):
            continue  # the last item of the prose's list of kinds (网吧、游戏厅、ktv等娱乐场所)
        if player_message(text, s, e):
            continue  # an embedded player's failure line (未能播放youtube视频): the page's chrome
        if link_row_item(text, s, e, sc):
            continue  # an item of the site's own link row (… - 网站登录 - 设置首页 - 广告服务 - …)
        a, b = view.source_span(s, e)
        if exempt(a, b, stuffed=whole and (stuffed_shape(text, s, e, sc) or _keyword_pair(text, s, e, sc))):
            exempted.append(unit)
            continue
        runs.append(LearnedRun(a, b, run_kind(text[s:e]), p, whole, "learned"))
    government_report = any(words in text for words in _GOVERNMENT_REPORT)
    for m in _org_slots(text):
        org = m.group("org").strip()
        offer_name = government_report and text.endswith("我代表", 0, m.start()) and _offer_name(org)
        if _LEGIT_ORG.search(org) and not offer_name:
            continue
        s, e = strip_edges(text, m.start("org"), m.end("org"))
        p = sc.probability(text[s:e])
        if p < 0.5 and not re.search("[a-z]{2}", text[s:e]) and not offer_name:
            continue
        a, b = view.source_span(s, e)
        # The issuer's slot holds an organisation's name: a Latin one there (我代表[hg体育app]向大会…)
        # is a brand's spelling, as in an institution's slot.
        if not exempt(a, b, slot=True, issuer=True):
            runs.append(LearnedRun(a, b, run_kind(text[s:e]), p, True, "organisation-slot"))
    if government_report:
        for s, e in _government_slots(text):
            s, e = strip_edges(text, s, e)
            a, b = view.source_span(s, e)
            if e > s and not exempt(a, b, slot=True, issuer=True):
                runs.append(LearnedRun(a, b, "gambling", sc.probability(text[s:e]), True, "organisation-slot"))
    foreign = script_shift.foreign_script(doc.text, view) if view.text != doc.text else None
    slot_brands = institution_slot.substituted_brands(text, sc, foreign, page_hacked=bool(runs or hints))
    for brand, p in slot_brands.items():
        for s, e in institution_slot.brand_segments(text, brand, strip_edges):
            a, b = view.source_span(s, e)
            if not exempt(a, b):
                runs.append(LearnedRun(a, b, "gambling", p, True, "institution-slot"))
        for s, e in institution_slot.brand_occurrences(text, brand):
            a, b = view.source_span(s, e)
            # A brand in an institution's place is a betting operator's, whatever its words; a Latin
            # one (a found brand's core) is no Latin product name there.
            if not _HAN.search(brand) or not exempt(a, b, slot=True):
                runs.append(LearnedRun(a, b, "adult" if run_kind(brand) == "adult" else "gambling",
                                       p, True, "institution-slot" if _HAN.search(brand) else "brand-core"))
    if foreign is not None:
        for name, starts in script_shift.recurring_foreign_names(doc.text).items():
            at = view.view_offsets([starts[0], starts[0] + len(name)])
            read = text[at[0]:at[1]]
            if not (LATIN_OR_DIGIT.search(read) or extent.unordinary_han_pairs(read) > 0
                    or any(read in brand for brand in slot_brands if brand != read)):
                # an everyday word (伙伴: Hong Kong writes 伙 too), unless a piece of a brand found
                # in the slots (太阳 of 澳门太阳集团9728网站)
                continue
            p = sc.probability(read)
            if p < FOREIGN_NAME_PROBABILITY or quoted_everywhere(doc.text, starts, len(name)):
                continue
            kind = "adult" if run_kind(read) == "adult" else "gambling"
            for a in starts:
                if not exempt(a, a + len(name), slot=True):
                    runs.append(LearnedRun(a, a + len(name), kind, p, True, "foreign-script"))
    suffix = institution_slot.title_suffix(text, sc)
    if suffix:
        a, b = view.source_span(suffix[0], suffix[1])
        if not exempt(a, b):
            runs.append(LearnedRun(a, b, run_kind(text[suffix[0]:suffix[1]]), suffix[2], True, "title-suffix"))
    for s, e, p in _owner_slot_brands(text, [slot for slot in slots if slot not in own_slots], sc):
        a, b = view.source_span(s, e)
        if not exempt(a, b):
            kind = run_kind(text[s:e])
            runs.append(LearnedRun(a, b, kind if kind != "contact" else "offer", p, True, "owner-slot"))
    # A unit the topic exempted is no run: a stuffed line inside it (its line and the next, an image's
    # file name, read as one unit that has no stuffed shape) is still read by its own shape.
    within_exempted = SpanIndex(exempted)  # one search a unit (asking every exempted unit was quadratic)
    taken = [(r_s, r_e) for r_s, r_e, *_ in units if not within_exempted.holds(r_s, r_e)]
    placed = [*_stuffed_lines(text, sc), *((s, e, p, "bare-sentence") for s, e, p in _bare_sentences(text, sc)),
              *((s, e, p, "closing-line") for s, e, p in _closing_line(text, sc)),
              *((s, e, p, "bare-clause") for s, e, p in _bare_clauses(text, sc))]
    for s, e, p, signal in placed:
        if any(a < e and s < b for a, b in taken):
            continue  # already a run
        a, b = view.source_span(s, e)
        if not exempt(a, b, stuffed=signal in ("stuffed-line", "keyword-line", "bare-clause")):
            runs.append(LearnedRun(a, b, run_kind(text[s:e]), p, True, signal))
    for s, e, p in _body_link_lists(text, sc):
        a, b = view.source_span(s, e)
        if not exempt(a, b, stuffed=True):
            runs.append(LearnedRun(a, b, run_kind(text[s:e]), p, True, "link-list"))
    # The tip's stretch is the whole run: a scorer's guess inside it (its words without the last
    # numbers) gives way; one reaching outside it is a run of its own (a number tip it overlaps is
    # dropped), and a zodiac tip a number tip's stretch already holds is dropped.
    number_tips = _number_tip_lines(text) if "期" in text else []
    runs = tips_give_way(runs, [view.source_span(s, e) for s, e in number_tips], "overlap")
    tip_stretches = [_tip_stretch(text, m) for m in _tip_lines(text)  # not an official draw's result
                     if not (_OFFICIAL_DRAW.search(m.group()) and not _STRONG_TIP.search(m.group()))]
    runs = tips_give_way(runs, [view.source_span(s, e) for s, e in tip_stretches], None)
    zodiac_tips = _zodiac_tips(text) if "期" in text else []
    runs = tips_give_way(runs, [view.source_span(s, e) for s, e in zodiac_tips], "tip")
    # A glued run is a guess from a few characters: it stands by itself when the page is hacked
    # anyway (another run or an exact hit), when it recurs (a substituted name is substituted every
    # time) or stands where a word of the prose belongs, when Latin letters or digits are glued into its
    # Han (意昂4体育), or when it makes an offer. A firm's trade name in its own news (英皇娱乐董事长) is
    # written in every place of the prose, substituted nowhere.
    # The detector also drops one made of ordinary Han words only (detector._foreign_name).
    hacked = bool(runs or hints)
    for s, e, a, b, p in glued_runs:
        kind = run_kind(text[s:e])
        substituted = not institution_slot.firm_own_news(text, text[s:e]) and (
            text.count(text[s:e]) >= 2 or name_in_prose(text, s, e)) and not placed_only(text, text[s:e])
        alone = not (hacked or substituted or LATIN_OR_DIGIT.search(text, s, e))
        if not exempt(a, b, glued=True, alone=alone):
            runs.append(LearnedRun(a, b, kind, p, False, "glued-run"))
    runs.sort(key=lambda r: (r.start, r.end))
    return runs


_CLOSING_QUOTE = {"「": "」", "『": "』", "“": "”", "《": "》", '"': '"'}


def quoted_everywhere(source: str, starts: list[int], length: int) -> bool:
    """Every occurrence of a name ``length`` long at ``starts`` stands alone in quotation marks or title
    brackets: a term cited as its source writes it (为「中葡平台」建设, Macao's own spelling of 平台 in a
    traditional page), not a name a hack substituted, which takes the body's place in the prose.

    >>> page = "肯定其為「中葡平台」建設所作貢獻。為「中葡平台」建設貢獻良多。"
    >>> starts = [page.find("中葡"), page.rfind("中葡")]
    >>> quoted_everywhere(page, starts, 4), quoted_everywhere("中葡平台舉辦活動。", [0], 4)
    (True, False)
    """
    return all(at and (close := _CLOSING_QUOTE.get(source[at - 1])) is not None
               and source.startswith(close, at + length) for at in starts)


ABBREVIATED_NAME_CHARS = 40
"""How far before its bracket an abbreviation's full name may start (树德科技大学电子竞技与电脑娱乐科学系 is 18)."""


def bracketed_abbreviation(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` (Han, view offsets) opens a bracket written right after a name and is made of that
    name's characters in their order: the name's short form (电子竞技与电脑娱乐科学系([电竞娱乐]系)), which
    Chinese forms so, not a brand glued into the text. Latin letters or digits make no short form.

    >>> t = "电子竞技与电脑娱乐科学系(电竞娱乐系)毕业展开幕"
    >>> bracketed_abbreviation(t, 13, 17), bracketed_abbreviation("学院(银河娱乐)", 3, 7)
    (True, False)
    """
    if not s or text[s - 1] != "(" or LATIN_OR_DIGIT.search(text, s, e) or e - s < 2:
        return False
    chars = iter(text[max(0, s - 1 - ABBREVIATED_NAME_CHARS):s - 1])
    return all(c in chars for c in text[s:e])  # a subsequence: each character found after the last


FOREIGN_NAME_PROBABILITY = 0.5
"""A name a traditional page writes in simplified script wherever it stands
(:func:`script_shift.recurring_foreign_names`) is a substituted brand at this probability: such names
on the clean train/dev texts of every corpus score 0.22 at most (极少数异常敏感人群; 台灣, 临床), the
substituted brands 0.64 and 0.79."""
NAME_IN_PROSE_MIN_HAN = 4
PROSE_LINE_HAN = 30
"""A line with this many Han characters is the document's prose (what it is about), not a title, a menu or a
caption (the detector reads its title lines against such lines too)."""


def name_in_prose(text: str, s: int, e: int) -> bool:
    """A glued run (view offsets) that stands where a word of a prose sentence belongs (将…精神赋予
    [澳门皇冠]的时代内涵): NAME_IN_PROSE_MIN_HAN Han or more and nothing but Han, no function character (a
    name, not a phrase of the sentence), with the sentence's text on both sides on a prose line
    (PROSE_LINE_HAN Han). It stands by itself although the page is otherwise clean: a hacked page swaps a
    brand for one word and nothing else, and the scorer rates the name alone at its threshold. A
    menu's, a caption's or a headline's short line is no prose line.

    >>> text = "五四青年节主题团日活动中,同学们通过手语表演诠释孝道,将五四精神赋予澳门皇冠的时代内涵,展现当代青年风貌。"
    >>> s = text.index("澳门皇冠")
    >>> name_in_prose(text, s, s + 4), name_in_prose("澳门皇冠的时代内涵", 0, 4)
    (True, False)
    """
    run = text[s:e]
    if han_count(run) < NAME_IN_PROSE_MIN_HAN or han_count(run) != len(run) or _FUNCTION_CHAR.search(run):
        return False
    line_start, line_end = line_bounds(text, s, e)
    return (han_count(text, line_start, s) > 0 and han_count(text, e, line_end) > 0
            and han_count(text, line_start, line_end) >= PROSE_LINE_HAN)


_LOCATIVE_BEFORE = re.compile("(?:在|于|到|进|入|住|抵|游|逛|访)(?:澳门|香港|台湾)?$")
"""A place word (在, 于, 到, 进 …) right before a name, a region's name between them (踏进[澳门]X, 在X)."""


def placed_only(text: str, name: str) -> bool:
    """Every place ``text`` writes ``name`` comes right after a place word (:data:`_LOCATIVE_BEFORE`: 在X的餐厅里,
    踏进澳门X): the page writes of a place it is in (a hotel, a resort), never of what the name does, where a
    name a hack wrote over a body's stands as that body acts (X召开, X党委, X师生).

    >>> placed_only("踏进澳门永利皇宫的时候。在永利皇宫的餐厅里。", "永利皇宫"), placed_only("在金沙娱乐举行。金沙娱乐党委。", "金沙娱乐")
    (True, False)
    """
    at = text.find(name)
    while at >= 0:
        if not _LOCATIVE_BEFORE.search(text, max(0, at - 3), at):
            return False
        at = text.find(name, at + 1)
    return True


_LIST_BREAK = frozenset("、,,。;;::!?!? \n")


def listed_kind(text: str, s: int, e: int) -> bool:
    """A guess inside prose that is the last item of a list of kinds closed by 等 and its category,
    with the sentence going on (网吧、游戏厅、[ktv等娱乐]场所的专项检查): it follows the list's second
    、 or later, and Han words follow 等 up to the clause's end. A report enumerating the kinds of a
    thing, not an injection (a keyword line has no category after 等, nor a sentence after it).

    >>> text = "立即开展针对网吧、游戏厅、ktv等娱乐场所的专项检查"
    >>> s = text.find("ktv")
    >>> listed_kind(text, s, s + 6)
    True
    >>> line = "澳门新葡京、威尼斯人、ktv等"  # no category, no sentence after 等
    >>> listed_kind(line, line.find("ktv"), line.find("ktv") + 4)
    False
    >>> text = "学生处、校团委、bv伟德官网等部门领导出席闭幕式"  # bodies: the brand stands in one's place
    >>> listed_kind(text, text.find("bv"), text.find("等"))
    False
    """
    close = text.find("等", s, min(len(text), e + 1))
    if close <= s or s == 0 or text[s - 1] != "、" or any(c in _LIST_BREAK for c in text[s:close]):
        return False
    first = s - 1
    while first > 0 and text[first - 1] not in _LIST_BREAK:
        first -= 1
    if first == 0 or text[first - 1] != "、":
        return False  # one item before it: a pair, not a list
    if _bodies_before(text, first - 1, s - 1):
        return False  # 学生处、校团委、[X]等部门: a list of bodies, where a brand stands in a body's place
    tail = close + 1
    while tail < len(text) and text[tail] not in _LIST_BREAK:
        tail += 1
    return han_count(text[close + 1:tail]) >= 4


def _bodies_before(text: str, first_end: int, last_end: int) -> bool:
    """The two items of a 、 list before a guess, the first ending at ``first_end`` and the second at
    ``last_end`` (the 、 after each), are institutions' names (学生处、校团委): a list of bodies, not of kinds."""
    start = first_end
    while start > 0 and text[start - 1] not in _LIST_BREAK:
        start -= 1
    items = text[start:last_end].split("、")
    return all(institution_slot.institution_name(item) for item in items)


_DATE_UNIT = frozenset("年月日号號时時点點")


def _without_date(text: str, s: int, e: int) -> tuple[int, int]:
    """A glued run without the digits it ends in when they are a date's or a time's number that the
    text goes on with (澳門[9]月起, 新華社澳門[12]月4日電): a place or an agency before a dateline, not a
    name with its number (意昂4体育, whose digits no date unit follows).

    >>> text = "澳门9月起陆续开展活动"
    >>> s, e = _without_date(text, 0, 3)
    >>> text[s:e]
    '澳门'
    >>> _without_date("意昂4体育", 0, 3)
    (0, 3)
    """
    d = e
    while d > s and text[d - 1].isdecimal():
        d -= 1
    if d == e or d == s:
        return s, e
    j = e
    while j < len(text) and text[j].isdecimal():
        j += 1
    return (s, d) if j < len(text) and text[j] in _DATE_UNIT else (s, e)


BLOB_MIN_CHARS = 40
"""A token of the base64 alphabet this long, letters and digits mixed, is an encoded blob (an image, a
key or a hash pasted as text): no contact id, brand or address is written so. Read on the spam view
(lower-cased), so hex dumps count too."""
_BLOB_TOKEN = re.compile(r"[a-z0-9+/=]{%d,}" % BLOB_MIN_CHARS)
_BLOB_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+/=")
CODE_MARK_SHARE = 0.08
"""Code punctuation ({ } ; = # …) on this share of a run's characters or more makes it a style sheet's
or a script's text (an offer's address or id carries one or two at most: ?a=1)."""
_CODE_MARK = re.compile(r"[{}\[\]();=<>#\"'\\]")


def _blob(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def machine_text(text: str) -> bool:
    """``text`` (a run or a line of the spam view, no Han, BLOB_MIN_CHARS characters or more) is machine
    text, not words: mostly encoded blobs (BLOB_MIN_CHARS or more of the base64 alphabet, letters and
    digits), or code punctuation on CODE_MARK_SHARE of its characters (a style sheet, a minified script).

    >>> machine_text("ivborw0kggoaaaansuheugaaaaeaaaabcayaaaaffcsjaaaadulevr4nggyygd4dwabbaeaws2ouaaaaabjru5erkjggg==")
    True
    >>> machine_text(".nav{margin:0;padding:0}.nav li{float:left}"), machine_text("qq:12345678 www.ab8899.com")
    (True, False)
    """
    chars = sum(not c.isspace() for c in text)
    if chars < BLOB_MIN_CHARS:
        return False  # too short to tell (qq(12345678) is an id in brackets)
    blob = sum(m.end() - m.start() for m in _BLOB_TOKEN.finditer(text) if _blob(m.group()))
    return 2 * blob >= chars or len(_CODE_MARK.findall(text)) >= CODE_MARK_SHARE * chars


_HAN_FREE_LINE = re.compile(f"^[^\n{HAN_CHARS}]{{{BLOB_MIN_CHARS},}}$", re.MULTILINE)


@lru_cache(maxsize=4)
def machine_lines(text: str) -> tuple[list[int], list[int]]:
    """The lines of ``text`` (the spam view) that are machine text (:func:`machine_text`; no Han, at
    least BLOB_MIN_CHARS characters), and a wrapped blob's shorter last line after one: their starts
    and ends, in order. One scan finds the Han-free lines long enough; the scorer's seeds, the clauses
    a run grows over and its contact ids are asked by :func:`in_machine_line`."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _HAN_FREE_LINE.finditer(text):
        if not machine_text(m.group()):
            continue
        at, end = m.span()
        starts.append(at)
        ends.append(end)
        if end < len(text):
            tail = text.find("\n", end + 1)
            last = text[end + 1:len(text) if tail < 0 else tail].rstrip("\r")
            if last and len(last) < BLOB_MIN_CHARS and _BLOB_CHAR.issuperset(last):
                starts.append(end + 1)
                ends.append(end + 1 + len(last))
    return starts, ends


def in_machine_line(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies in machine-text lines (:func:`machine_lines`), one or several in a row."""
    starts, ends = machine_lines(text)
    k = bisect.bisect_right(starts, start) - 1
    if k < 0 or start > ends[k]:
        return False
    while end > ends[k]:
        if k + 1 == len(starts) or starts[k + 1] != ends[k] + 1:
            return False
        k += 1
    return True


def in_blob(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` (lower-cased) lies inside one encoded blob token (:data:`BLOB_MIN_CHARS`): a
    messenger's label and digits met by chance in base64 (…nthg8vxjvn0ht…), not a contact."""
    if not all(c in _BLOB_CHAR for c in text[start:end]):
        return False
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in _BLOB_CHAR and end - lo < 4 * BLOB_MIN_CHARS:
        lo -= 1
    while hi < len(text) and text[hi] in _BLOB_CHAR and hi - start < 4 * BLOB_MIN_CHARS:
        hi += 1
    return hi - lo >= BLOB_MIN_CHARS and _blob(text[lo:hi])


_ENGLISH_PROSE = re.compile(r"[a-z'’()\-&/]+(?:[,;:.]{0,2} [a-z'’()\-&/]+){5,}\.?")
"""Six words or more of English, spaces between them (a sentence's full stop too: an abstract's
sentences; an abbreviation's before a comma, co., ltd.; & and /or as words, a firm's legal line) and no
digits, no address: prose, not a brand or an offer (which run their words together or carry an id)."""
ENGLISH_MIN_WORDS = 12
"""English words (letters only) a run needs to be read as English prose with figures in it ..."""
ENGLISH_WORD_SHARE = 0.8
"""... and the share of its tokens they make at least; the rest are numbers written apart (600,000,
1981, 5) or punctuation, never letters glued to digits (bet365, xpj71443) or an address."""
_PROSE_TOKEN = re.compile(r"[^\s]+")
_PROSE_WORD = re.compile(r"[(“\"'‘]*[a-z][a-z'’\-]*[)”\"'’,;:.!?…]*")
_PROSE_NUMBER = re.compile(r"[(\[]*\d[\d,.]*(?:%|st|nd|rd|th|s)?[)\],;:.]*")
_ADDRESS_MARK = re.compile(r"www\.|https?:|@|\.(?:com|net|cc|vip|top|me|xyz)\b")


def english_prose(run: str) -> bool:
    """``run`` (the spam view, lower-cased, no Han) is English prose: :data:`_ENGLISH_PROSE` (six words,
    no digits), or ENGLISH_MIN_WORDS words or more that are ENGLISH_WORD_SHARE of its tokens, its other
    tokens numbers or marks, with no address in it (an English page's sentences: …serving its
    population of 600,000. …, a travel post's 5 (6)). The scorer reads Chinese; an English offer is not
    what this family reports.

    >>> english_prose("there are numerous shopping centres, markets, restaurants, and shops of all kinds serving "
    ...               "its population of 600,000. interconnected bicycle tracks are built beside footpaths.")
    True
    >>> english_prose("bet365 casino bonus www.bet365.com register now and get 100 free spins today with us")
    False
    """
    if _ENGLISH_PROSE.fullmatch(run):
        return True
    if _HAN.search(run) or _ADDRESS_MARK.search(run):
        return False
    tokens = _PROSE_TOKEN.findall(run)
    words = rest = 0
    for t in tokens:
        if _PROSE_WORD.fullmatch(t):
            words += 1
        elif not _PROSE_NUMBER.fullmatch(t) and any(c.isalnum() for c in t):
            rest += 1
    return words >= ENGLISH_MIN_WORDS and words >= ENGLISH_WORD_SHARE * len(tokens) and rest <= len(tokens) // 10


LATIN_PAGE_HAN_SHARE = 0.05
"""A page whose Han characters are under this share of its letters (Han and Latin) is an English page."""
_LATIN_LETTERS = re.compile("[a-z]+")


@lru_cache(maxsize=2)
def latin_page(view_text: str) -> bool:
    """The page (its spam view) is written in Latin letters, Han under LATIN_PAGE_HAN_SHARE of its letters:
    a scorer's guess without Han there is English the Chinese scorer cannot read (an English article's
    infobox: Sun Tin Wai Estate / Map / General information / Location …).

    >>> latin_page("Sun Tin Wai Estate is a public housing estate in Tai Wai. 沙田"), latin_page("工作报告 ab")
    (True, False)
    """
    han = han_count(view_text)
    if han >= LATIN_PAGE_HAN_SHARE * len(view_text):
        return False  # whatever the other characters (each lowers to one Latin letter at most): no need to count them
    return han < LATIN_PAGE_HAN_SHARE * (han + count_chars(_LATIN_LETTERS, view_text.lower()))


PROSE_MIN_SPACES = 5
"""English prose (:func:`english_prose`) is six words or more, white space between them."""
_SPACES = re.compile(r"\s+")


def _without_english_edges(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without the English prose (:func:`english_prose`) before its first Han character or
    after its last: the page's own English sentence a Han offer was glued into (亚洲博彩平台在线[ attending
    the melbourne campus commencement will …]), which a clause reaches to its end.

    >>> t = "亚洲博彩平台在线 attending the melbourne campus commencement will receive an email"
    >>> a, b = _without_english_edges(t, 0, len(t)); t[a:b]
    '亚洲博彩平台在线'
    """
    if sum(1 for _ in islice(_SPACES.finditer(text, s, e), PROSE_MIN_SPACES)) < PROSE_MIN_SPACES:
        return s, e  # no English prose in it: the run's Han is not read character by character
    first = _HAN.search(text, s, e)
    if first is None:
        return s, e
    if first.start() > s and english_prose(text[s:first.start()].strip()):
        s = first.start()
    last = max(m.end() for m in _HAN.finditer(text, s, e))
    if last < e and english_prose(text[last:e].strip()):
        e = last
    return s, e


def _foreign_lines(text: str, s: int, e: int) -> tuple[int, int] | None:
    """From the first to the last line of ``text[s:e]`` that holds Han or an address; None when none does."""
    kept = [(a, b) for a, b in _line_spans(text, s, e) if _HAN.search(text, a, b) or _ADDRESS_MARK.search(text, a, b)]
    return (kept[0][0], kept[-1][1]) if kept else None


def _line_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The lines of ``text[s:e]`` (within it), white space stripped, empty ones left out."""
    out = []
    a = s
    while a < e:
        b = text.find("\n", a, e)
        b = e if b < 0 else b
        x, y = strip_edges(text, a, b)
        if y > x:
            out.append((x, y))
        a = b + 1
    return out


_COPYRIGHT_HEAD = re.compile(r"^(?:copyright|©|\(c\))[\s©]*(?:(?:19|20)\d\d(?:\s*-\s*(?:19|20)?\d\d)?\s+)?")
"""A rights line's opening (Copyright © 2024), read off before the English prose test."""
LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")
"""Latin letters or digits in the spam view (lower-cased): glued into a Han guess, they mark a name."""
_REDUPLICATED = re.compile(r"(.)\1")


def everyday_words(piece: str) -> bool:
    """Reduplicated words (妈妈, 爸爸妈妈, 天天) are everyday words the scorer learned from adult
    keyword lines (妈妈 0.985): a guess inside prose that is only such words, but for one Han
    character (妈妈[真]), and no Latin or digits, is the prose's own.

    >>> everyday_words("爸爸妈妈"), everyday_words("妈妈真"), everyday_words("天天彩票")
    (True, True, False)
    """
    return han_count(_REDUPLICATED.sub("", piece)) < SHORT_MIN_HAN and not LATIN_OR_DIGIT.search(piece)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the line(s) holding ``text[start:end]``."""
    global _last_line
    held, line_start, line_end = _last_line
    if held is text and line_start <= start <= end <= line_end:
        return line_start, line_end
    found = text.find("\n", end)
    bounds = text.rfind("\n", 0, start) + 1, len(text) if found < 0 else found
    if text.find("\n", start, end) < 0:
        _last_line = (text, *bounds)
    return bounds


# The guesses of a line come one after another from over a dozen callers in three modules that
# see only the text, and searching a long line's ends for each made its time grow with its square.
# A one-entry cache is the simplest correct form: keyed by the text's identity (it holds the text,
# so the key cannot be reused), one immutable tuple replaced whole and read once (a thread sees one
# consistent entry; processes have their own), and it holds one text at most.
_last_line: tuple[str | None, int, int] = (None, 0, 0)
"""The last single line :func:`line_bounds` found (text, start, end)."""


PLAYER_LINE_MAX_CHARS = 40
_PLAYER_FAILURE = re.compile("(?:未能|无法|不能|暂时无法|暂不)(?:正常)?(?:播放|加载|载入|打开|观看|显示)|不支持|"
                             "(?:播放|加载|载入)(?:失败|出错|错误|异常)")
_MEDIA_WORD = re.compile("视频|影片|音频|录像|播放器|video|audio|flash|youtube|优酷|腾讯视频")
_ADDRESS_OR_ID = re.compile(r"\d{5}|www|http|\.[a-z]{2,}|qq|微信|vx")


def player_message(text: str, s: int, e: int) -> bool:
    """Whether the guess ``s:e`` stands in a short line that is an embedded player's failure message
    (未能播放youtube视频, 您的浏览器不支持video标签, 视频加载失败,请刷新): the page's own chrome. The
    scorer reads 视频 and a platform's name from adult keyword lines, so alone it calls such a line
    spam. Without its failure phrase and its media words the line holds no gambling or adult word,
    and it carries no address or contact id (a keyword line dressed as one is still read).

    >>> text = "新闻局\\n未能播放youtube视频\\n博彩监察协调局表示"
    >>> player_message(text, 4, 17)
    True
    >>> line = "午夜福利视频无法播放请点击"
    >>> player_message(line, 0, len(line))
    False
    """
    line = text[slice(*line_bounds(text, s, e))].strip()
    if len(line) > PLAYER_LINE_MAX_CHARS or not _PLAYER_FAILURE.search(line) or not _MEDIA_WORD.search(line):
        return False
    rest = _MEDIA_WORD.sub("", _PLAYER_FAILURE.sub("", line))
    return not (_ADULT.search(rest) or _GAMBLING.search(rest) or _ADDRESS_OR_ID.search(line))


LINK_ROW_MIN_ITEMS = 5
"""A line of this many short items joined by `` - `` or ``|`` is a row of links."""
LINK_ITEM_MAX_CHARS = 12
_LINK_SEPARATOR = re.compile(r" +[-|] +| ?\| ?")


def link_row_item(text: str, s: int, e: int, sc: model.ClauseScorer) -> bool:
    """Whether the guess ``s:e`` is made of items of a row of a site's own links (``ChinaRen - 繁体版 -
    搜狐招聘 - 网站登录 - 设置首页 - 广告服务 - 联系方式``): a line of LINK_ROW_MIN_ITEMS short items or more
    joined by `` - `` or ``|``, two thirds of them scoring below GROW_PROBABILITY, the guess's pieces as
    short, holding no gambling or adult word and no digit. A keyword-stuffed line joined the same way
    has most of its items scoring spam; a brand put among a menu's links carries its offer word
    (澳门新葡京, 金沙官网).

    >>> from scrapegate.rules.spam import model
    >>> row = "首页 - 新闻中心 - 网站登录 - 设置首页 - 广告服务 - 联系方式 - 保护隐私权"
    >>> link_row_item(row, row.find("网站登录"), row.find("网站登录") + 4, model.scorer())
    True
    >>> row = "首页 - 新闻中心 - 澳门新葡京 - 设置首页 - 广告服务 - 联系方式"
    >>> link_row_item(row, row.find("澳门"), row.find("澳门") + 5, model.scorer())
    False
    """
    # The guess's own pieces first: reading the line is then left to guesses that can be a row's items.
    if (any(c.isdigit() for c in text[s:e]) or _ADULT.search(text, s, e) or _GAMBLING.search(text, s, e)
            or any(len(piece) > LINK_ITEM_MAX_CHARS for piece in _LINK_SEPARATOR.split(text[s:e]))):
        return False
    global _last_link_row
    start, end = line_bounds(text, s, e)
    held, held_start, held_end, held_scorer, verdict = _last_link_row
    if held is not text or held_start != start or held_end != end or held_scorer is not sc:
        verdict = _link_row(text, start, end, sc)
        _last_link_row = (text, start, end, sc, verdict)
    return verdict


_last_link_row: tuple[str | None, int, int, model.ClauseScorer | None, bool] = (None, -1, -1, None, False)
"""The last line :func:`_link_row` read (text, start, end, scorer, verdict): a one-entry cache as
:data:`_last_line` (the guesses of one line come one after another, and reading the line for each
made a long line's time grow with its square)."""


def _link_row(text: str, start: int, end: int, sc: model.ClauseScorer) -> bool:
    """Whether the line ``start:end`` is a row of a site's own links (see :func:`link_row_item`)."""
    cuts = [start] + [x for m in _LINK_SEPARATOR.finditer(text, start, end) for x in m.span()] + [end]
    items = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    if len(items) < LINK_ROW_MIN_ITEMS:
        return False
    short = [(a, b) for a, b in items if b - a <= LINK_ITEM_MAX_CHARS]
    if len(short) < LINK_ROW_MIN_ITEMS:
        return False
    clean = sum(sc.probability(text[a:b]) < GROW_PROBABILITY for a, b in short)
    return 3 * clean >= 2 * len(short)

