"""Region: which administrative unit each document is about, and whether that contradicts its claims.

Two analyses, memoised per document and shared by the rules and the report:

* inferred region (:func:`infer_region`): the units named in the body (site chrome and the title
  line excluded), weighted so that self-references (新吴人民, 中共金乡县委, X人民政府, 我区,
  习近平总书记对江苏工作重要指示) far outweigh passing mentions, and mentions in sentences about
  other regions (对口支援, 东西部协作, 招商, 长三角) count for little; resolved to the deepest
  consistent unit with a confidence;
* declared region (:func:`declared_regions`): the manifest ``region``, ``--expect-region``, the
  title and the source URL's region tokens, each with its source.

:func:`document_region` gives the report's ``document.region`` block. The gazetteer and the name
matcher live in :mod:`scrapegate.rules.region.gazetteer`; phrase lists in ``rules/data/region_*``.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Container, Iterable, NamedTuple, Sequence

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, Line
from scrapegate.checks.findings import Span
from scrapegate.checks.textnorm import HAN, HAN_CHARS, PINYIN_GLOSS, has_pinyin_gloss, traditional_chars
from scrapegate.rules import data
from scrapegate.checks import html
from scrapegate.rules.boilerplate.chrome import ChromeAnalysis, body_lines, chrome_analysis
from scrapegate.rules.spam.detector import spam_hits
from scrapegate.rules.region.gazetteer import (
    ADDRESSED,
    ALIAS,
    CONTEXT_CHARS,
    GUARDED,
    HONG_KONG,
    TAIWAN,
    LEVEL_CHARS,
    NAME,
    OFFSHORE,
    SENTENCE_BREAKS,
    SPEAKS,
    WRAP_CHARS,
    Gazetteer,
    Mention,
    context_patterns,
    gazetteer,
    places_story,
    resolve_declared,
    self_reference_role,
)
from scrapegate.rules.segmentation import heading_title, headline_shaped, page_url, source_url, title_line
from scrapegate.rules.region.abroad import abroad_dropped
from scrapegate.rules.region.made_up import made_up_dropped
from scrapegate.rules.region.namesakes import AFFILIATION_WORDS, namesakes_relocated
from scrapegate.rules.region.person_names import person_names_dropped
from scrapegate.rules.region.url_claims import url_region


@dataclass(frozen=True)
class Scoring:
    """Weights and thresholds of the inference (one set per run: the analysis is shared)."""

    self_reference: float = 10.0   # 新吴人民, 中共X委, X人民政府 ...
    full_name: float = 1.0         # 新吴区, 襄樊市 (a former name)
    short_form: float = 0.5        # 新吴 (distinctive short forms only; guarded ones never bare)
    outside_factor: float = 0.2    # a passing mention in a sentence about other regions
    outside_self_factor: float = 0.5  # a self-reference there (农工党江苏省委对口云南, 上海市委...赴)
    contest_share: float = 0.25    # another province's self-references (two or more) at this
                                   # share of the leader's: undeterminable
    min_share: float = 0.5         # the leading province must hold more than this share of the mass
    descend_share: float = 0.6     # a child must hold this share of its siblings' evidence
    min_child_mass: float = 1.0    # ... and at least this much evidence, to descend into it
    min_confidence: float = 0.5    # weaker than this: undeterminable, never a guess
    min_split_support: float = 0.5  # an ambiguous name (西安: 西安市, 西安区 x2) is split by a
                                    # parent named anywhere (北京 for 朝阳区), else by the support
                                    # its candidates' provinces have from other units, from this
                                    # much on only (a short form's weight): a partner county
                                    # named in passing (0.2) does not decide which 西安 it is
    once_max: float = 0.75  # the most a province named once by a short name, backed by a second
                            # cue (:func:`_once_backing`), is given: an answer, never a near
                            # certain one (RG001 only warns on it)


SCORING = Scoring()


class Evidence(NamedTuple):
    """One weighted mention: document offsets, the units it may denote, its weight. (A named
    tuple: documents have dozens of them, and a frozen dataclass costs several times more to
    build.)"""

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    weight: float
    self_reference: bool
    speaks: bool = False    # a self-reference by which the text speaks as the unit (not ADDRESSED)
    elsewhere: bool = False  # its sentence places it elsewhere (来自X, 从X出发, X等外省)


@dataclass(frozen=True)
class Inference:
    """What the body is about. ``adcode`` is None when undeterminable (``reason`` says why)."""

    adcode: str | None
    province: str | None
    confidence: float
    province_shares: dict[str, float]
    self_referenced: bool
    evidence: tuple[Evidence, ...] = field(repr=False)
    reason: str = ""
    weak: bool = False  # answered from one short name backed by a second cue: a contradiction
                        # of it is worth a warning, never an error

    def best_evidence(self, gaz: Gazetteer) -> Evidence | None:
        """The strongest mention supporting the inferred unit, naming that unit (or a part of
        it) rather than an ancestor when one does; a self-reference if any."""
        adcode = self.adcode
        if adcode is None:
            return None
        supporting = [e for e in self.evidence
                      if any(gaz.related(c, adcode) for c in e.candidates)]
        return max(supporting, key=lambda e: (
            any(gaz.within(c, adcode) for c in e.candidates), e.weight, -e.start), default=None)


_SENTENCE_BREAK = re.compile(f"[{SENTENCE_BREAKS}]")
_SENTENCE_MAX = 300  # a "sentence" longer than this (a list without stops) is cut there


class _Breaks:
    """The text's sentence breaks (。！？；!?; and line ends); a sentence is cut at
    ``_SENTENCE_MAX`` characters either side of a position. ``ends``: the offsets after each
    break, when already known (:meth:`OutsideWords.scan`)."""

    def __init__(self, text: str, ends: list[int] | None = None) -> None:
        self.length = len(text)
        self.ends = ends if ends is not None else [m.end() for m in _SENTENCE_BREAK.finditer(text)]

    def start(self, position: int) -> int:
        """Where the sentence around ``position`` starts: after the last break before it."""
        k = bisect.bisect_right(self.ends, position) - 1
        return max(self.ends[k] if k >= 0 else 0, position - _SENTENCE_MAX, 0)

    def end(self, position: int) -> int:
        """Where the sentence around ``position`` ends: after the next break, or the text's end."""
        k = bisect.bisect_right(self.ends, position)
        if k < len(self.ends) and self.ends[k] <= position + _SENTENCE_MAX:
            return self.ends[k]
        return min(self.length, position + _SENTENCE_MAX)


class _Body(NamedTuple):
    """The body as one string to match on: lines joined by newlines, pinyin glosses removed, unit
    names' traditional characters simplified; ``pieces`` map its offsets back to the document's.
    (A named tuple: one is made per document, and a frozen dataclass costs several times more.)"""

    text: str
    piece_starts: list[int]
    piece_origins: list[int]

    def origin(self, index: int) -> int:
        k = bisect.bisect_right(self.piece_starts, index) - 1
        return self.piece_origins[k] + index - self.piece_starts[k]

    def span_origins(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Each ``(start, end)`` of the body as document offsets (``end`` after the document
        offset of its last character)."""
        starts, origins = self.piece_starts, self.piece_origins
        if len(starts) == 1:
            shift = origins[0] - starts[0]
            return [(start + shift, end + shift) for start, end in spans]
        out = []
        count = len(starts)
        for start, end in spans:
            k = bisect.bisect_right(starts, start) - 1
            if k + 1 == count or end <= starts[k + 1]:  # both ends in one piece: most spans
                shift = origins[k] - starts[k]
                out.append((start + shift, end + shift))
            else:
                j = bisect.bisect_right(starts, end - 1) - 1
                out.append((origins[k] + start - starts[k], origins[j] + end - 1 - starts[j] + 1))
        return out


_PLUS_ONE = (1).__add__


def _body(lines: Iterable[tuple[int, str]], gaz: Gazetteer) -> _Body:
    """A pinyin gloss is looked for only where :func:`~scrapegate.checks.textnorm.has_pinyin_gloss` says
    one can occur (and :meth:`Gazetteer.normalize` returns a text without a traditional character after
    one regex search)."""
    lines = list(lines)
    texts = [line for _, line in lines]
    joined = "\n".join(texts)
    if not (has_pinyin_gloss(joined) and PINYIN_GLOSS.search(joined) is not None):
        # no pinyin gloss: one piece a line
        starts = list(itertools.accumulate(map(_PLUS_ONE, map(len, texts[:-1])), initial=0))
        return _Body(gaz.normalize(joined), starts,
                     [offset for offset, _ in lines] or [0])
    parts: list[str] = []
    starts = []
    origins: list[int] = []
    length = 0
    for offset, line in lines:
        if parts:
            parts.append("\n")
            length += 1
        position = 0
        glosses = PINYIN_GLOSS.finditer(line) if has_pinyin_gloss(line) else ()
        for gloss in (*glosses, None):
            piece = line[position : gloss.start() if gloss else len(line)]
            starts.append(length)
            origins.append(offset + position)
            parts.append(piece)
            length += len(piece)
            position = gloss.end() if gloss else position
    return _Body(gaz.normalize("".join(parts)), starts or [0], origins or [0])


# a unit that held a place in former times (明、清时为大兴县地, 清代属顺天府, 民国时隶, 古属, 旧时为,
# 历史上属, 原属获鹿县辖地): the place's history, not where it is now (on the simplified text)
_DYNASTY = "[秦汉晋隋唐宋辽金元明清]"
_FORMER_HOLDER = re.compile(f"(?:{_DYNASTY}(?:[、,，]?{_DYNASTY})*(?:[代朝初末](?:时期?)?|时期?)"
                            "|民国(?:时期?|初|年间)?|历史上|古|旧时|[曾原])"
                            "[,，]?(?:[为属]|隶属?|归)于?$")
_FORMER_HOLDER_LAST = frozenset("为属于隶归")
_FORMER_HOLDER_SPAN = 12


# a person's offices in a career (曾任江苏省政协主席、南京市市长的周爱民, 历任…, 原江西省委书记杨尚奎):
# the person's, not the unit the text speaks as; from the career word to the clause's end (on the
# simplified text)
_CAREER = re.compile("曾任|曾担任|历任|原任|现任|先后任|官至|出任")
_CAREER_SPAN = 40
_CLAUSE_END = frozenset("。！？；;\n")


def _career_offices(found: list[Evidence], text: str) -> set[int]:
    """The mentions that name where a person held or holds an office (a native's biography:
    曾任江苏省政协主席、南京市市长的周爱民; a self-reference with 原 right before it, 原江西省委书记杨尚奎):
    indexes into ``found``.

    >>> text = "人才辈出,有原江西省委书记杨尚奎,曾任南京市市长的周爱民。江背镇隶属兴国县。"
    >>> found = [Evidence(i := text.index(name), i + 3, name, (code,), weight, own, own)
    ...          for name, code, weight, own in (("江西省", "360000", 10.0, True),
    ...                                          ("南京市", "320100", 10.0, True),
    ...                                          ("兴国县", "360732", 1.0, False))]
    >>> sorted(_career_offices(found, text))
    [0, 1]
    """
    careers = _CAREER.search(text) is not None
    out: set[int] = set()
    if not careers and "原" not in text:
        return out
    for k, ev in enumerate(found):
        start = ev.start
        if ev.self_reference and start and text[start - 1] == "原":
            out.add(k)
        elif careers and any(_CLAUSE_END.isdisjoint(text[m.end() : start])
                             for m in _CAREER.finditer(text, max(0, start - _CAREER_SPAN), start)):
            out.add(k)
    return out


# an organ named as the giver of support (活动得到南海区委统战部、九江镇侨务办的支持, 在X县委宣传部的指导下):
# a partner that backs the event, not the unit the text speaks as (a Macao association's summer camp
# back to its members' home district); the frame's opening word before the name and the support after
# it, in one clause (on the simplified text)
_SUPPORT_OPENING = re.compile("得到|获得|受到|在")
_SUPPORT_AFTER = re.compile("[^，,。；;！!？?\n]{0,30}?的[^，,。；;！!？?\n]{0,4}?(?:支持|支援|协助|帮助|指导|资助|赞助)")
_SUPPORT_SPAN = 30
_SUPPORT_FRAME_END = _CLAUSE_END | frozenset("，,")


def _supporters(found: list[Evidence], text: str) -> set[int]:
    """The self-references that name an organ giving support (得到南海区委统战部的支持, 在X县委的指导下:
    a sponsor or partner of the event): indexes into ``found``. Only a frame in one clause counts,
    its opening word (得到, 获得, 受到, 在) before the name and 的…支持 (支援, 协助, 帮助, 指导, 资助,
    赞助) after it; 在县委的领导下 is no such frame (leadership is the text's own unit's).

    >>> text = "活动得到南海区委统战部、九江镇的支持。南海区委书记出席。"
    >>> found = [Evidence(i := text.index(name, at), i + 3, name, ("440605",), 10.0, True, True)
    ...          for name, at in (("南海区", 0), ("南海区", 12))]
    >>> sorted(_supporters(found, text))
    [0]
    """
    out: set[int] = set()
    if "的" not in text:
        return out
    for k, ev in enumerate(found):
        if not ev.self_reference or not _SUPPORT_AFTER.match(text, ev.end):
            continue
        low = max(0, ev.start - _SUPPORT_SPAN)
        if any(_SUPPORT_FRAME_END.isdisjoint(text[m.end() : ev.start])
               for m in _SUPPORT_OPENING.finditer(text, low, ev.start)):
            out.add(k)
    return out


# what the text's subject belongs to or lies in (江背镇隶属于江西省赣州市兴国县, 西江千户苗寨位于贵州雷山县):
# the subject's own place, even in a sentence that goes on to name its neighbours (东与于都交界)
_AFFILIATION = re.compile(f"(?:{AFFILIATION_WORDS})$")
_AFFILIATION_ANY = re.compile(AFFILIATION_WORDS)


# a project's destination: 落户 / 落地 right before the name (好项目落户云霄, 项目落地到新吴)
_DESTINATION = re.compile("(?:落户|落地)[到在于]?$")


def _destinations(found: list[Evidence], text: str) -> set[int]:
    """Mentions right after 落户 / 落地 (:data:`_DESTINATION`): where a project lands is the unit
    that recruits it, the text's own, even in a sentence about a trip to other regions
    (县长率队赴深圳招商……推动好项目落户云霄): indexes into ``found``.

    >>> text = "县长率队赴深圳招商,推动更多好项目落户云霄。"
    >>> found = [Evidence(i := text.index(name), i + 2, name, (code,), 0.5, False)
    ...          for name, code in (("深圳", "440300"), ("云霄", "350622"))]
    >>> sorted(_destinations(found, text))
    [1]
    """
    return {k for k, ev in enumerate(found) if _DESTINATION.search(text, max(0, ev.start - 3), ev.start)}


def _affiliations(found: list[Evidence], text: str) -> set[int]:
    """Mentions right after an affiliation word, and the names chained to them (江西省赣州市兴国县):
    indexes into ``found``.

    >>> text = "江背镇,隶属于江西省赣州市兴国县,东与于都县交界。"
    >>> found = [Evidence(i := text.index(name), i + 3, name, (code,), 1.0, False)
    ...          for name, code in (("江西省", "360000"), ("赣州市", "360700"), ("兴国县", "360732"),
    ...                             ("于都县", "360731"))]
    >>> sorted(_affiliations(found, text))
    [0, 1, 2]
    """
    out: set[int] = set()
    if _AFFILIATION_ANY.search(text) is None:
        return out
    chained_end = -1
    for k, ev in enumerate(found):
        start = ev.start
        if start == chained_end or _AFFILIATION.search(text, max(0, start - 4), start) is not None:
            out.add(k)
            chained_end = ev.end
    return out


_CONJUNCTION = frozenset("、和及与與")


def _shared_institutions(found: list[Evidence], text: str, scoring: Scoring) -> list[Evidence]:
    """Units named in a row before one institution (平邑县、蒙阴县、费县、沂南县人民政府负责…): the
    institution is each one's, not the last one's alone, so each is a self-reference as the last is
    (else the last, a county among its city's, reads as the text's own unit and the answer goes one
    level too deep). A name joins the row when one conjunction (、和及与) alone separates it from the
    next and the words after the row make it a self-reference too.

    >>> text = "平邑县、蒙阴县、沂南县人民政府负责保护工作"
    >>> found = [Evidence(0, 3, "平邑县", ("371326",), 1.0, False, False),
    ...          Evidence(4, 7, "蒙阴县", ("371328",), 1.0, False, False),
    ...          Evidence(8, 11, "沂南县", ("371321",), 10.0, True, True)]
    >>> [ev.self_reference for ev in _shared_institutions(found, text, SCORING)]
    [True, True, True]
    """
    out = found
    for k in range(len(found) - 1, 0, -1):
        last = out[k]
        if not last.self_reference:
            continue
        after = text[last.end : last.end + CONTEXT_CHARS]
        j = k - 1
        while (j >= 0 and not out[j].self_reference and out[j].end + 1 == out[j + 1].start
               and text[out[j].end] in _CONJUNCTION):
            surface = out[j].surface
            role = self_reference_role(surface + after, 0, len(surface))
            if role is None:
                break
            if out is found:
                out = list(found)
            out[j] = out[j]._replace(weight=scoring.self_reference, self_reference=True,
                                     speaks=role == SPEAKS)
            j -= 1
    return out


def _former_holders(found: list[Evidence], text: str, gaz: Gazetteer) -> list[Evidence]:
    """A county that held the place in former times (酒仙桥在明、清时为大兴县地, 新华区原属获鹿县
    辖地) says which city the place lies in, not which county: county borders were redrawn since.
    Such a mention counts for the county's city (a unit above county level counts as it is).

    >>> found = [Evidence(5, 8, "朝阳区", ("110105",), 1.0, False),
    ...          Evidence(14, 17, "大兴县", ("110115",), 1.0, False)]
    >>> [ev.candidates for ev in _former_holders(found, "酒仙桥位于朝阳区,明、清时为大兴县地。", gazetteer())]
    [('110105',), ('110000',)]
    """
    out = found
    for k, ev in enumerate(found):
        if (ev.start and text[ev.start - 1] in _FORMER_HOLDER_LAST
                and _FORMER_HOLDER.search(text, max(0, ev.start - _FORMER_HOLDER_SPAN), ev.start) is not None):
            cities = tuple(dict.fromkeys(
                parent if (unit := gaz.unit(c)).level >= 3 and (parent := unit.parent) else c
                for c in ev.candidates))
            if cities != ev.candidates:
                out = list(out) if out is found else out
                out[k] = ev._replace(candidates=cities)
    return out


def collect_evidence(lines: Iterable[tuple[int, str]], scoring: Scoring = SCORING,
                     gaz: Gazetteer | None = None) -> list[Evidence]:
    """Weighted mentions in ``(offset, text)`` lines (document offsets in the spans).

    The lines are matched as one text (one automaton pass per document); a sentence ends at
    。！？； or a line end, and a mention's self-reference context may run across a line break
    (hard-wrapped pages split 中共 / 猇亭区委 over two lines).
    """
    gaz = gaz or gazetteer()
    patterns = context_patterns()
    body = _body(lines, gaz)
    text = body.text
    first, last = patterns.guarded_after_first, patterns.guarded_before_last
    quiet = (first, last) if first is not None and last is not None else None
    mentions = gaz.mention_list(text, quiet)
    if not mentions:
        return []
    hong_kong = _names_hong_kong(mentions)
    if hong_kong:
        mentions = gaz.mention_list(text)  # with the guarded district names (北區, 東區)
    mentions = person_names_dropped(text, mentions, gaz)
    mentions = made_up_dropped(text, mentions, gaz)
    mentions = abroad_dropped(text, mentions, gaz)
    mentions = namesakes_relocated(text, mentions, gaz)
    # the outside cue words (see below) and the sentence breaks in one automaton pass
    words = patterns.outside_words
    if words is not None and words.with_breaks:
        all_cue_starts, all_cue_ends, break_ends = words.scan(text)
        breaks = _Breaks(text, break_ends)
    else:
        breaks = _Breaks(text)
    ends = breaks.ends
    # a sentence naming a unit right after 来自 (客商来自上海、江苏) or a reference point of travel
    # or distance (从X出发, 距X) is about other regions; sentences are keyed by their start
    before_name, after_name = patterns.outside_before_name, patterns.outside_after_name
    # (each word list is tried only after a character one of its words ends or starts with)
    name_before_last, name_after_first = _edge_chars(before_name, -1), _edge_chars(after_name, 0)
    outside_sentence: dict[int, bool] = {
        breaks.start(start): True for start, end, _, _, kind in mentions
        if kind != GUARDED and ((start and text[start - 1] in name_before_last
                                 and text.endswith(before_name, 0, start))
                                or (text[end : end + 1] in name_after_first
                                    and text.startswith(after_name, end)))}
    elsewhere = set(outside_sentence)
    found: list[Evidence] = []
    sentences: list[int] = []          # each evidence's sentence start
    previous: Evidence | None = None   # the last evidence, in body offsets
    introductions: list[int] = []      # evidence naming an official by unit and title
    # self_reference_role's own fast rejection, inlined: most names have no cue next to them
    after_first = patterns.after_first or frozenset()
    before_last = patterns.before_last or frozenset()
    quick = patterns.after_first is not None and patterns.before_last is not None
    self_weight, full_weight, short_weight = (scoring.self_reference, scoring.full_name,
                                              scoring.short_form)
    own_seen = False                   # a self-reference among them
    new = tuple.__new__  # Evidence(...) without the named tuple's Python-level __new__
    for i, (start, end, surface, candidates, kind) in enumerate(mentions):
        guarded = kind == GUARDED
        if (guarded and hong_kong and (district := _hong_kong_only(candidates))
                and text[end : end + 1] not in _NOT_DISTRICT_AFTER
                and (start == 0 or text[start - 1] in _DISTRICT_BEFORE or not HAN.match(text, start - 1)
                     or (i and mentions[i - 1].end == start))):
            # a page naming Hong Kong names its districts by their short names: 北區 is the district
            # (not 校園北區, 新界東區域: a word's part)
            candidates, guarded, kind = district, False, NAME
        if guarded:
            if (quiet is not None and start > CONTEXT_CHARS
                    and text[end : end + 1] not in quiet[0] and text[start - 1] not in quiet[1]
                    and (i == 0 or mentions[i - 1].end != start) and not surface.endswith("县")):
                # the fast path of self_reference_role and guarded_counts for most guarded
                # names: no self-reference cue next to it, no parent name before it, not an X县 name
                continue
            role = self_reference_role(text, start, end, guarded=True,
                                       levels="".join({gaz.unit(c).name[-1] for c in candidates}))
        elif (quick and start > CONTEXT_CHARS and text[start - 1] not in before_last
                and (after := text[end : end + 1]) not in after_first and after not in WRAP_CHARS):
            role = None
        else:
            role = self_reference_role(text, start, end)
        if role is not None and start >= 2 and text[start - 2] in _OWN_WORD_FIRST and (
                level := text[start - 1]) in LEVEL_CHARS and not any(
                gaz.unit(c).name[-1] == level for c in candidates):
            # 北靠本市靖州: a part of the city the text speaks as (a county after 本市), not that
            # city itself (我区新吴 names the district 我区 is); only a cue after the name can
            # still make it the text's own
            role = self_reference_role(text[start : end + CONTEXT_CHARS], 0, end - start, guarded)
        if role is not None:
            weight = self_weight
        elif not guarded and _opens_line(text, start) and (role := _line_owner(text, end)) is not None:
            weight = self_weight  # an ordinary word (资源管理局) opens no signature
        elif not guarded and _source_owner(text, start, end):
            weight = full_weight  # the owner's place (as a chrome owner line's), no self-reference
        elif guarded:
            if not gaz.guarded_counts(text, mentions, i):
                continue
            weight = full_weight
        elif kind == ALIAS and (unit := _introduced_by_level(text, start, end, candidates, gaz)):
            # 一座年轻的地级市——海东, 海东是…地级市: the short name given its level is the full name
            weight, surface, candidates = full_weight, gaz.unit(unit).name, (unit,)
        else:
            weight = short_weight if kind == ALIAS else full_weight
        if len(candidates) > 1:
            candidates = _narrow(candidates, previous if previous and 0 <= start - previous.end <= 1
                                 else None, gaz)
            if role is not None and _HK_INSTITUTION.match(text, end):
                candidates = _hong_kong_only(candidates) or candidates
        speaks = role == SPEAKS
        own = role is not None
        own_seen = own_seen or own
        previous = new(Evidence, (start, end, surface, candidates, weight, own, speaks, False))
        found.append(previous)
        # the sentence's start (:meth:`_Breaks.start`, inlined)
        k = bisect.bisect_right(ends, start) - 1
        low = ends[k] if k >= 0 else 0
        if start - _SENTENCE_MAX > low:
            low = start - _SENTENCE_MAX
        sentences.append(low)
        if speaks and _TITLE_AFTER.match(text, end):
            introductions.append(len(found) - 1)
    found = _shared_institutions(found, text, scoring)
    found = _former_holders(found, text, gaz)
    careers = _career_offices(found, text)
    # an office in a career names the person's unit, an organ backing the event a partner: plain mentions, in passing
    plain = careers | _supporters(found, text)
    if plain:
        for k in plain:
            ev = found[k]
            if ev.self_reference:
                found[k] = _plain_mention(ev, scoring, gaz)
        introductions = [k for k in introductions if k not in plain]
        own_seen = any(ev.self_reference for ev in found)
    career_starts = {found[k].start for k in careers}  # the visit roles below may add evidence
    if introductions:
        found = _visit_roles(found, introductions, text, scoring, gaz)
        if len(found) > len(sentences):  # the host named by a guarded form (来城西, 莅临南湖)
            found.sort(key=operator.attrgetter("start"))
            sentences = [max(breaks.start(ev.start), 0) for ev in found]
    # a sentence about other regions (对口支援, 招商, 长三角 ...): the cue words are found in one
    # automaton pass, and each sentence asks whether one lies inside it
    cue_starts: list[int] | None = None
    cue_ends: list[int] = []
    count, length = len(ends), len(text)
    for low, ev in zip(sentences, found):
        if low in outside_sentence:
            continue
        # the sentence's end (:meth:`_Breaks.end`, inlined)
        k = bisect.bisect_right(ends, ev.end)
        high = ends[k] if k < count and ends[k] <= ev.end + _SENTENCE_MAX else min(
            length, ev.end + _SENTENCE_MAX)
        if words is None:
            outside_sentence[low] = patterns.outside.search(text, _past_opener(text, low), high) is not None
            continue
        if cue_starts is None:
            cue_starts, cue_ends = ((all_cue_starts, all_cue_ends) if words.with_breaks
                                    else words.spans(text))
        k = bisect.bisect_left(cue_starts, _past_opener(text, low))
        outside_sentence[low] = k < len(cue_starts) and cue_ends[k] <= high
    outside = [outside_sentence[low] for low in sentences]
    # places named as people's home or an office's topic (澳門漳州同鄉會, 台湾同胞, 台湾事务办公室)
    homes = _hometowns(found, text, gaz) | _compatriots(found, text)
    listed = (_listed(found, text, patterns.list_ends) | _enumerated(found, text, gaz) | homes
              | {k for k, ev in enumerate(found) if ev.start in career_starts})
    for k in listed:
        outside[k] = True
    if any(outside):
        outside = _subjects_kept(found, sentences, outside, elsewhere, text, breaks, cue_starts,
                                 patterns.outside, homes)
        outside = _visit_sides(found, sentences, outside, elsewhere, listed, text, gaz)
        for k in _affiliations(found, text) | _destinations(found, text):
            if k not in listed and sentences[k] not in elsewhere:
                outside[k] = False
    if found and not introductions and not own_seen:
        found = _own_level(found, outside, text, scoring, gaz)
    spans = body.span_origins([(ev.start, ev.end) for ev in found])
    self_factor, passing_factor = scoring.outside_self_factor, scoring.outside_factor
    placed = ([low in elsewhere or k in listed for k, low in enumerate(sentences)] if listed
              else [low in elsewhere for low in sentences])
    return [new(Evidence, (start, end, surface, candidates,
                           weight * ((self_factor if own else passing_factor) if out else 1.0),
                           own, speaks, away))
            for (start, end), away, (_, _, surface, candidates, weight, own, speaks, _), out
            in zip(spans, placed, found, outside)]


_OPENER = re.compile("[ \t\u3000“「\"《]*走进")


def _past_opener(text: str, low: int) -> int:
    """Where a sentence's cues to other regions are looked for: after a 走进 that opens it (走进海东,
    满眼生机勃勃: a feature introducing its subject, no visitor's trip), else from its start.

    >>> _past_opener("。走进海东,满眼生机勃勃", 1), _past_opener("考察团走进上海", 0)
    (3, 0)
    """
    opener = _OPENER.match(text, low)
    return opener.end() if opener else low


# an association of natives of a place, named after its seat and their home place (澳門漳州同鄉總會,
# 臺北市浙江同鄉會, 香港潮州商會); a few characters may stand between (澳門龍湖同鄉會: 龍湖 is no unit),
# and the association may be of several home places (澳門南海、九江、西樵同鄉會)
_ASSOCIATION_AFTER = re.compile(f"(?:[、][{HAN_CHARS}]{{1,4}}?)*[{HAN_CHARS}]{{0,4}}?(?:同乡|联谊|商会|乡亲)")  # on the simplified text


def _hometowns(found: list[Evidence], text: str, gaz: Gazetteer) -> set[int]:
    """The home places named in an association's name right after its seat (澳門|漳州|同鄉總會,
    臺北市|浙江|同鄉會, 澳門|南海、九江|、西樵同鄉會): the natives' home, not the side the text speaks
    for, wherever the association travels (澳門漳州同鄉總會懇親團赴漳州 is written for the Macao
    association).

    >>> text = "澳门南海、九江同乡会组团回乡"
    >>> found = [Evidence(0, 2, "澳门", ("820000",), 0.5, False), Evidence(2, 4, "南海", ("440605",), 0.5, False),
    ...          Evidence(5, 7, "九江", ("360400",), 0.5, False)]
    >>> sorted(_hometowns(found, text, gazetteer()))
    [1, 2]
    """
    homes = set()
    for k in range(1, len(found)):
        if (found[k - 1].end == found[k].start
                and (association := _ASSOCIATION_AFTER.match(text, found[k].end))
                and not any(gaz.related(a, b) for a in found[k - 1].candidates for b in found[k].candidates)):
            j = k
            while j < len(found) and found[j].start < association.end():
                homes.add(j)
                j += 1
    return homes


# what a place named right before them is the topic of: people from it living elsewhere (台湾同胞, 港澳同胞,
# 福州乡亲, 长乐同乡) or an office's affairs concerning it (台湾事务办公室, 港澳事务局: a government's office
# for that region)
_TOPIC_AFTER = ("同胞", "乡亲", "同乡", "事务")
# ... after the place or a list it opens (福州、长乐乡亲, 台湾、港澳同胞)
_TOPIC_LIST_AFTER = re.compile(f"(?:[、][{HAN_CHARS}]{{1,4}}?)*(?:{'|'.join(_TOPIC_AFTER)})")


def _compatriots(found: list[Evidence], text: str) -> set[int]:
    """A place named as the home of people living elsewhere (台湾同胞投资保护条例, 香港同胞, 福州乡亲) or as the
    region an office's affairs concern (县级以上地方人民政府台湾事务办公室): the people's home or the
    office's topic, not what the text is about (nor the seat of the office): indexes into ``found``.

    >>> text = "山东省台湾同胞投资保护条例,由台湾事务办公室负责"
    >>> found = [Evidence(0, 3, "山东省", ("370000",), 1.0, False), Evidence(3, 5, "台湾", ("710000",), 0.5, False),
    ...          Evidence(15, 17, "台湾", ("710000",), 0.5, False)]
    >>> sorted(_compatriots(found, text))
    [1, 2]
    """
    if not any(word in text for word in _TOPIC_AFTER):
        return set()
    return {k for k, ev in enumerate(found) if _TOPIC_LIST_AFTER.match(text, ev.end)}


# a guarded Hong Kong district name (北區) counts after these, a character that is no Han or the text's
# start, and not before these (新界東區域)
_DISTRICT_BEFORE = frozenset("在于於及和与與的到")
_NOT_DISTRICT_AFTER = frozenset("域间間别別")


def _names_hong_kong(mentions: list[Mention]) -> bool:
    """Does a text name Hong Kong or one of its districts by a name that is no ordinary word, and no
    unit of Taiwan (whose cities have a 北区 and a 东区 too)?"""
    named = {c[:2] for m in mentions if m.kind != GUARDED for c in m.candidates}
    return HONG_KONG in named and TAIWAN not in named


_LIST_JOINS = frozenset("、和及与,，")
_OWN_WORD_FIRST = frozenset("我本全")  # 我市, 本县, 全区 before a name


@functools.lru_cache(maxsize=8)
def _edge_chars(words: tuple[str, ...], at: int) -> frozenset[str]:
    """The characters the words start with (``at`` 0) or end with (-1)."""
    return frozenset(word[at] for word in words)


def _listed(found: list[Evidence], text: str, list_ends: tuple[str, ...]) -> set[int]:
    """The evidence named in a list of places that a word of ``list_ends`` closes (武汉、大连等地):
    the name right before that word and the names joined to it one character apart by 、和及与 or a
    comma (_LIST_JOINS)."""
    at: set[int] = set()   # where a list-closing word starts (few texts have one)
    for first in _edge_chars(list_ends, 0):  # one scan per first character (等), not per word
        i = text.find(first)
        while i >= 0:
            if text.startswith(list_ends, i):
                at.add(i)
            i = text.find(first, i + 1)
    out: set[int] = set()
    if not at:
        return out
    for k, ev in enumerate(found):
        if ev.end not in at:
            continue
        out.add(k)
        j = k
        while j > 0 and found[j - 1].end + 1 == found[j].start and text[found[j - 1].end] in _LIST_JOINS:
            j -= 1
            out.add(j)
    return out


# what may stand between two names of an enumeration (宾川县| 和平县, 红谷滩区、东湖区)
_ENUMERATION_GAP = re.compile(r"[|｜、,，/\\·;；\s]{1,3}")
_ENUMERATION_MIN = 6          # names in a row
_ENUMERATION_PROVINCES = 3    # ... of at least this many provinces


def _enumerated(found: list[Evidence], text: str, gaz: Gazetteer) -> set[int]:
    """The evidence of long enumerations of places across provinces (a directory's or an SEO
    page's list of county names: 嘉祥县| 琼结县| 台南市| 宾川县 ...): six or more names in a row with
    only separators between them, of three or more provinces. None of them is what the text is
    about; a list of one province's units (南昌市辖红谷滩区、东湖区、西湖区 ...) is kept."""
    out: set[int] = set()
    if len(found) < _ENUMERATION_MIN:
        return out
    run = [0]
    for k in range(1, len(found) + 1):
        if k < len(found) and 0 < found[k].start - found[k - 1].end <= 3 and _ENUMERATION_GAP.fullmatch(
                text, found[k - 1].end, found[k].start):
            run.append(k)
            continue
        if len(run) >= _ENUMERATION_MIN and len(_provinces_spanned(found, run, gaz)) >= _ENUMERATION_PROVINCES:
            out.update(run)
        run = [k]
    return out


def _provinces_spanned(found: list[Evidence], run: list[int], gaz: Gazetteer) -> set[str]:
    """The provinces of the names of ``run`` that lie in one province: a same-name unit (鼓楼区 of
    南京, 徐州, 福州 and 开封) says nothing about how far a list reaches, and a city's own districts
    (玄武区、秦淮区、建邺区、鼓楼区 ...) are one province's."""
    out: set[str] = set()
    for j in run:
        provinces = {gaz.province_codes[c] for c in found[j].candidates}
        if len(provinces) == 1:
            out |= provinces
    return out


# what, right after a unit name, ties it to the sentence's cue as a party of a relation
# (常山县与我县, 上海、江苏客商, 浙江等地)
_RELATION_AFTER = frozenset("与和同跟及、等对向")
_CLAUSE_START = frozenset("\n,，:：;；")
_OWN_LEVEL_WORD = re.compile(f"[我本][{LEVEL_CHARS}]")
# the level a text calls itself by: 我县, 本市, 全县 (not 全区域, 全市场, 县内, 市级)
_SPEAKING_LEVEL = re.compile("[我本全]([省市区县旗])(?![域场内外级])")


def _subjects_kept(found: list[Evidence], sentences: list[int], outside: list[bool],
                   elsewhere: set[int], text: str, breaks: _Breaks, cue_starts: list[int] | None,
                   cue: re.Pattern[str], homes: set[int]) -> list[bool]:
    """A cue word (合作, 共建, 协作) makes a sentence about other regions only when the sentence
    relates a unit to it: a unit named alone in its sentence as the subject of a clause
    (近年来,宝塔区坚持把文旅合作作为重点工作) is what the sentence is about, not a partner. Not
    when the sentence speaks as 我县/本区 (the unit is then the other side), when a relation word or
    the cue follows the name (常山县与我县, 上海客商, 浙江等地) or when the sentence places it
    elsewhere (来自X, 从X出发), nor for ``homes``, places named as people's home or an office's topic:
    a clause's first words (台湾省事务办公室应当…) are still the topic's name. A relation word before an
    organisation that is no region (象山县与浙江大学合作共建…) leaves the unit the subject. Returns the mentions'
    outside flags with such subjects cleared."""
    units: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for low, ev in zip(sentences, found):
        units[low].add(ev.candidates)
    cues = set(cue_starts) if cue_starts is not None else None
    out = list(outside)
    for k, (low, ev) in enumerate(zip(sentences, found)):
        if not outside[k] or low in elsewhere or len(units[low]) != 1 or k in homes:
            continue
        start, end = ev.start, ev.end
        if not (start == low or text[start - 1] in _CLAUSE_START):
            continue
        if text[end : end + 1] in _RELATION_AFTER and not _ORGANISATION.match(text, end + 1):
            continue
        if (end in cues) if cues is not None else cue.match(text, end) is not None:
            continue
        if _OWN_LEVEL_WORD.search(text, low, breaks.end(end)):
            continue
        out[k] = False
    return out


# In a sentence about a visit between two units, the verb before the second says which side the
# text speaks for: a host reports guests who come (嘉定区考察团莅临英吉沙县, 一行到访澳门), a visitor
# reports going (英吉沙县代表团赴嘉定区, 拜访徐汇区政府, 参访佛山南海).
_HOST_VERBS = ("来到", "莅临", "抵达", "到访", "来")
_GUEST_VERBS = ("赴", "前往", "参访", "拜访", "走访", "回访", "出访")
_NOT_COMING = frozenset("引外原从带")  # 引来, 外来, 原来, 从来, 带来: no visit


def _after_host_verb(text: str, start: int) -> bool:
    """Does a verb of a guest's coming (来到, 莅临, 抵达, 到访, 来) stand right before ``start``?"""
    return any(text.endswith(verb, 0, start) and text[start - len(verb) - 1 : start - len(verb)] not in _NOT_COMING
               for verb in _HOST_VERBS)


def _visit_sides(found: list[Evidence], sentences: list[int], outside: list[bool],
                 elsewhere: set[int], listed: set[int], text: str, gaz: Gazetteer) -> list[bool]:
    """A sentence about other regions that opens with a unit (the subject, at the start of a
    clause; with the names right after it that lie in or around it: 龙岩市永定区) and names another,
    unrelated unit right after a verb of travel: the side the text speaks for is not a partner
    named in passing. After 来到/莅临/抵达/到访/来 the second unit is the host (the text's side:
    嘉定区劳务协作工作组来到英吉沙县), after 赴/前往/拜访/参访 the subject is (我县代表团赴嘉定区 is
    written by the visitor), and so is a subject whose own delegation sets out (大方县党政考察团赴
    山东、江苏等地, 澳门漳州同乡总会恳亲团赴漳州), whatever the destinations are named as. That
    side's mentions in the sentence count in full; the other side stays a partner."""
    out = list(outside)
    count = len(found)
    # the first mention of each sentence about other regions that names another one after it
    firsts = [k for k, flag in enumerate(outside)
              if flag and (k == 0 or sentences[k - 1] != sentences[k])
              and k + 1 < count and sentences[k + 1] == sentences[k] and sentences[k] not in elsewhere]
    starts = {ev.start for ev in found}
    for first in firsts:
        low = sentences[first]
        j = first + 1
        while j < count and sentences[j] == low:
            j += 1
        side = _visit_side(found, first, j, low, listed, text, starts, gaz)
        for m in range(first, j):
            if found[m].candidates in side and m not in listed:
                out[m] = False
    return out


def _sets_out(text: str, end: int, starts: Container[int]) -> bool:
    """Does a delegation named from ``end`` set out for elsewhere (若羌县党政代表团赴…, 澳门漳州同乡
    总会恳亲团赴漳州)? By a bare 到 only to a place named right after it (到浙江省嘉兴市; not
    考察团在座谈中谈到, 一行了解到); not to the text's own unit (考察团赴我县: the host writes).
    ``starts``: where the text's mentions start."""
    goes = _DELEGATION_GOES.match(text, end)
    return (goes is not None and not text.startswith(("我", "本"), goes.end())
            and (goes.group("to") is None or goes.end() in starts))


def _visit_side(found: list[Evidence], first: int, j: int, low: int, listed: set[int], text: str,
                starts: set[int], gaz: Gazetteer) -> set[tuple[str, ...]]:
    """The candidates of the side that a sentence's mentions ``first`` to ``j`` (the sentence
    starts at ``low``) speak for, read from its first clause that opens with a unit and says who
    travels (see :func:`_visit_sides`); empty when none does (据永定新闻网报道:2023年…,龙岩市永定区
    考察团赴广州市天河区: the second clause does). ``starts``: where the text's mentions start."""
    # the unlisted mentions right after a verb of travel, in order, and whether the verb is a
    # host's (read once: every clause's subject looks for the first one unrelated to it after it)
    travelled = []
    for i in range(first, j):
        start = found[i].start
        host = _after_host_verb(text, start)
        if i not in listed and (host or text.endswith(_GUEST_VERBS, 0, start)):
            travelled.append((i, host))
    after = 0  # travelled[after:] lie after the current subject (subjects come in order)
    all_related: set[frozenset[str]] = set()  # subjects every travelled mention after them is related to
    k = first
    while k < j:
        if not (found[k].start == low or text[found[k].start - 1] in _CLAUSE_START):
            k += 1
            continue
        last = k  # the subject's last name (龙岩市|永定区)
        while (last + 1 < j and found[last + 1].start == found[last].end
               and any(gaz.related(a, b) for a in found[last].candidates for b in found[last + 1].candidates)):
            last += 1
        subject = {found[m].candidates for m in range(k, last + 1)}
        if _sets_out(text, found[last].end, starts):
            # 大方县党政考察团赴山东、江苏等地: the subject's own delegation travels, whatever
            # the destinations are named as (a list of provinces, a name the matcher drops)
            return subject
        while after < len(travelled) and travelled[after][0] <= last:
            after += 1
        units = frozenset(c for candidates in subject for c in candidates)
        if units not in all_related:  # a later clause of the same subject needs no second look
            for i, host in itertools.islice(travelled, after, None):
                if not any(gaz.related(a, b) for a in units for b in found[i].candidates):
                    return {found[i].candidates} if host else subject
            all_related.add(units)
        k = last + 1
    return set()


_LEVEL = f"[{LEVEL_CHARS}]"
# An official named by unit and title (马边彝族自治县委书记沙万强, 新吴区人民政府副区长李明) and
# an official by title alone (区委书记金晓明, 常务副县长, 县领导), the text's own.
_TITLE_AFTER = re.compile(f"{_LEVEL}?(?:委(?:常委|副?书记)|(?:人民)?政府(?:常务)?副?{_LEVEL}长"
                          f"|(?:常务)?副?{_LEVEL}长|人大常委会副?主任|政协副?主席)")


def _bare_title(level: str) -> str:
    """The pattern of an official of bare title and name (县委书记钱志萍, 常务副县长王五一行), the
    level word matched by ``level``."""
    return f"(?<![{HAN_CHARS}])(?:常务)?副?{level}(?:委(?:常委|副?书记)|长|领导)[{HAN_CHARS}]{{2,4}}(?:一行)?"


# 县委书记钱志萍率若羌县党政代表团, 市委书记李洪慈带领白城市党政代表团: an official of bare
# title leads the unit's delegation
_LEADER_BEFORE = re.compile(_bare_title(_LEVEL) + "(?:率领?|带领)$")
_LEADER_SPAN = 16
# after an introduced official: a delegation coming to the text's own unit (…一行莅临英吉沙,
# …率考察团来我区, …带领党政考察团来我县); 赴 and 到 go anywhere, so only with 我/本
_VISITS_US = re.compile("[^。\\n]{0,24}?(?:一行|带队|(?:率|带领)[^。\\n]{0,12}?)[^。\\n]{0,4}?"
                        "(?:(?:" + "|".join(_HOST_VERBS) + f")|(?=[到赴](?:我|本)))[到赴]?(?:(?:我|本)({_LEVEL}))?")
# searched for before _OWN_DELEGATION, whose look-behind is slow to try at every position of a
# long text
_DELEGATION_WORDS = ("代表团", "考察团", "调研组", "工作组", "客商团", "访问团", "参访团", "恳亲团",
                     "考察组")
_DELEGATION = "(?:党政|经贸|考察)?(?:" + "|".join(_DELEGATION_WORDS) + ")"
_DELEGATION_AFTER = re.compile(_DELEGATION)
# a delegation and, in its clause, a verb of travel (…代表团一行赴, 考察团前往): its last group is left open for
# the patterns below to add their own alternatives and close it
_DELEGATION_TRAVELS = _DELEGATION + "(?:一行)?[^,，。;；!！?？\n]{0,16}?(?:" + "|".join(_GUEST_VERBS)
# a unit's delegation setting out (若羌县党政代表团赴…, 大方县考察团一行前往…): the unit travels
# (its organisation's name may stand between: 澳门漳州同乡总会恳亲团, and the trip's time after it:
# 访问团一行三十人于本月三日赴; 到 too, but not where it ends another verb: 得到, 受到, 来到)
_DELEGATION_GOES = re.compile(f"[{HAN_CHARS}]{{0,12}}?" + _DELEGATION_TRAVELS
                              + "|(?P<to>(?<![得受达看感想提遇做来回等直收听见报送])到))")
# the text's own delegation, led by an official of bare title and named by level only
# (县委书记张三带领县党政代表团赴…)
_OWN_DELEGATION = re.compile(_bare_title(f"({_LEVEL})") + f"(?:率|带领|带队)领?(?:我|本)?{_LEVEL}?"
                             + _DELEGATION)
# an official introduced by unit and title leading a delegation that sets out (象山县委副书记、县长黄焕利率
# 象山代表团赴吉林省…): the official's unit travels, so it is the side the text speaks for
_LEADS_OUT = re.compile(f"[^。\n]{{0,24}}?(?:率|带领)领?[{HAN_CHARS}]{{0,8}}?" + _DELEGATION_TRAVELS + ")")
_TITLE_PAIR = re.compile(f"[我本{LEVEL_CHARS}](?=[委长领{LEVEL_CHARS}])")
# 本省（自治区、直辖市）, 本县(市、区): a placeholder for every unit of those levels (a national or a
# provincial rule's "each province's own"), not the level the text speaks as
_PLACEHOLDER_AFTER = re.compile(f"[（(、/](?:自治区|直辖市|自治州|{_LEVEL})")
_TITLES = ("委常委", "委书记", "委副书记", "长", "领导")
_NOT_OWN_AFTER = frozenset("域内外间场级")  # 本市场 (资本市场), 本级 (省本级): no 本市, 本省


# units whose name ends in a level word that their officials' titles do not use: an autonomous
# region's heads are its 党委书记 and 主席, a prefecture's 地委书记 and 专员, never a bare 区委书记,
# 区长 or 区领导 (those are a district's); 我区 may still be an autonomous region's text
_UNTITLED_ENDINGS = ("自治区", "地区")


def _titled(name: str, titled: frozenset[str] | set[str]) -> bool:
    """Can the text's bare titles (``titled``: their level words) and 我X words speak of a unit of
    this name at its level?"""
    return not (name[-1] in titled and name.endswith(_UNTITLED_ENDINGS))


def _level_chars(adcode: str, gaz: Gazetteer, titled: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The level words of a unit and its ancestors (马边彝族自治县: 县 市 省); not those of an
    autonomous region or a prefecture where the bare titles use that word (区委书记 beside 和田县:
    新疆维吾尔自治区 and 和田地区 are no district)."""
    return {name[-1] for name in (gaz.unit(c).name for c in gaz.ancestors(adcode))
            if name[-1] in LEVEL_CHARS and _titled(name, titled)}


def _bare_levels(text: str) -> tuple[set[str], set[str]]:
    """The level words of officials named by title alone (区委书记金晓明, 、常务副县长, 县领导) and of
    我县/本区, and of the officials only: a title word not preceded by a Han character (other than 副,
    常务副). One scan for a level word before 委/长/领 or after 我/本 (a regular expression with
    alternatives would try each at every position), then the checks in Python."""
    levels: set[str] = set()
    titled: set[str] = set()
    for m in _TITLE_PAIR.finditer(text):
        i = m.start()
        first, second = text[i], text[i + 1]
        if first in "我本":
            if (second in LEVEL_CHARS and text[i + 2 : i + 3] not in _NOT_OWN_AFTER
                    and not _PLACEHOLDER_AFTER.match(text, i + 2)):
                levels.add(second)
            continue
        if not text.startswith(_TITLES, i + 1):
            continue
        start = i - 3 if text.endswith("常务副", 0, i) else i - 1 if text.endswith("副", 0, i) else i
        if start == 0 or not HAN.match(text, start - 1):
            levels.add(first)
            titled.add(first)
    return levels, titled


def _visit_roles(found: list[Evidence], introductions: list[int], text: str, scoring: Scoring,
                 gaz: Gazetteer) -> list[Evidence]:
    """A visit between two units (东西部协作, 考察团): the text's own officials go by bare titles
    (区委书记金晓明, 我县, 副县长), the other side's by unit and title (马边彝族自治县委书记沙万强).

    The own unit is the one whose delegation an official of bare title leads (区委书记金晓明率越城区
    党政代表团) or sets out (万州区党政代表团赴上海市; 象山县委副书记、县长黄焕利率象山代表团赴吉林省: an
    introduced official's, whose unit travels), unless an introduced official brings it
    here (…率荆门市党政代表团来泰州); an introduced official leading a delegation to 我区 is the
    visitor, and the only other unit named at that level the host; else, when the introduced unit's level and its
    ancestors' are not the bare titles' level (a county's 县委书记 beside bare 市委书记 is its own
    city's visitor and proves nothing), the only other unit named at that level. The introduced
    units are then the other side: their self-references count as plain mentions (the partner
    introduces its own 经济社会发展 too), and the own unit's mentions as self-references."""
    bare, titled = _bare_levels(text)
    if not bare:
        return found
    introduced = {c for k in introductions for c in found[k].candidates}
    # 陵城区委副书记魏雪珍率考察团来我区, 陆良县委常委…一行莅临英吉沙: the introduced official's
    # unit visits the text's own (我区, or the unit named right after the verb)
    visiting: dict[str, str | None] = {}
    destinations: set[str] = set()
    visit_ends: set[int] = set()   # where a visit's verb ends (…一行莅临|南湖)
    starts = {ev.start: ev for ev in found}
    for k in introductions:
        m = _VISITS_US.match(text, found[k].end)
        if m is None:
            continue
        visiting.update((c, m.group(1)) for c in found[k].candidates)
        visit_ends.add(m.end())
        if m.group(1) is None and m.end() in starts:
            destinations.update(starts[m.end()].candidates)
    # the own unit's delegation: one an official of bare title leads, or one that sets out
    # (万州区党政代表团赴上海市); not one whose introduced official brings it here (荆门市委书记
    # 胡亚波,市委副书记、市长陈家伟率荆门市党政代表团来泰州: the bare title continues the list)
    led = ({c for ev in found if _DELEGATION_AFTER.match(text, ev.end)
            and (_LEADER_BEFORE.search(text, max(0, ev.start - _LEADER_SPAN), ev.start)
                 or _sets_out(text, ev.end, starts))
            for c in ev.candidates}
           | {c for k in introductions if _LEADS_OUT.match(text, found[k].end) for c in found[k].candidates}
           ) - visiting.keys()
    added: list[Evidence] = []
    if led:
        others = {c for c in introduced if not any(gaz.related(c, o) for o in led)}
        hosts = led
    elif visiting:
        others = set(visiting)
        levels = {level for level in visiting.values() if level}
        hosts = {c for c in destinations if not any(gaz.related(c, d) for d in others)}
        if hosts and hosts <= introduced:
            # the destination's officials are introduced by unit and title too (…来到福建省三明市,
            # 与福建省委书记…座谈): neither side goes by bare titles, the text is no host's
            return found
        if not hosts:
            hosts = _only_unit_at(levels, found, others, gaz)
        if not hosts:
            added = _guarded_hosts(text, visit_ends, levels, others, scoring, gaz)
            hosts = {c for ev in added for c in ev.candidates}
    elif (any(word in text for word in _DELEGATION_WORDS)
          and (own_delegation := _OWN_DELEGATION.search(text))):
        # the own side is the only unit named at the leader's level, if one is; the units its
        # delegation goes to (…率我县党政代表团赴安徽省金寨、霍山、岳西三县) are the other side too
        trip_end = _sentence_end(text, own_delegation.end())
        others = introduced | {c for ev in found if own_delegation.end() <= ev.start < trip_end
                               for c in ev.candidates}
        hosts = _only_unit_at({own_delegation.group(1)}, found, others, gaz)
    else:
        others = {c for c in introduced if bare - _level_chars(c, gaz, titled)}
        levels = bare - set().union(*(_level_chars(c, gaz, titled) for c in others))
        hosts = _only_unit_at(levels, found, others, gaz, titled)
    if not others:
        return found
    # the other side's parents that are not the host's speak for it too (荆门's delegation in 泰州:
    # 荆门正在按照湖北省委赋予的目标定位… is the partner's province, not the text's)
    ancestors = gaz.ancestor_sets
    host_line = set().union(*(ancestors[c] for c in hosts))
    others = others | {a for c in others for a in ancestors[c] if a not in host_line}
    out = added
    for ev in found:
        if any(c in others for c in ev.candidates) and not any(c in hosts for c in ev.candidates):
            # (a short form 昌江 also denotes a unit elsewhere: the visit says which it is)
            ev = ev._replace(candidates=tuple(c for c in ev.candidates if c in others))
            # the other side is a region the text speaks about, as a partner is
            full = any(gaz.unit(c).name == ev.surface for c in ev.candidates)
            weight = (scoring.full_name if full else scoring.short_form) * scoring.outside_factor
            ev = ev._replace(weight=min(weight, ev.weight), self_reference=False, speaks=False)
        elif not ev.self_reference and all(c in hosts for c in ev.candidates):
            ev = ev._replace(weight=scoring.self_reference, self_reference=True, speaks=True)
        out.append(ev)
    return out


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence running at ``start`` ends (its break character's offset, or the text's end)."""
    found = _SENTENCE_BREAK.search(text, start)
    return found.start() if found else len(text)


def _guarded_hosts(text: str, visit_ends: set[int], levels: set[str], others: set[str],
                   scoring: Scoring, gaz: Gazetteer) -> list[Evidence]:
    """A visit's host named only by a guarded form (城西, 南湖, 应县: ordinary words or names that
    are no proof on their own), which the matcher does not yield bare: a guarded name right after
    the verb of the visit itself (…一行莅临|南湖), or right after a visit verb (来, 莅临) and at the
    level of the visit's 我区/我县, unrelated to the visitors. When exactly one unit is so named,
    those mentions are the host's, as self-references."""
    found = []
    for start, end, surface, candidates, kind in gaz.mention_list(text):
        if kind != GUARDED:
            continue
        if start in visit_ends:
            units = candidates
        elif _after_host_verb(text, start):  # 柴桑区考察团来应县对接
            units = tuple(c for c in candidates if gaz.unit(c).name[-1] in levels)
        else:
            continue
        units = tuple(c for c in units if not any(gaz.related(c, o) for o in others))
        if units:
            found.append(Evidence(start, end, surface, units, scoring.self_reference, True, True))
    named = {c for ev in found for c in ev.candidates}
    return found if len(named) == 1 else []


def _only_unit_at(levels: set[str], found: list[Evidence], others: set[str],
                  gaz: Gazetteer, titled: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The unit named alone (one candidate) at one of ``levels`` and unrelated to ``others``, when
    there is exactly one; else nothing (``titled``: see :func:`_titled`)."""
    units = {c for ev in found if len(ev.candidates) == 1 for c in ev.candidates
             if (name := gaz.unit(c).name)[-1] in levels and _titled(name, titled)
             and not any(gaz.related(c, d) for d in others)}
    return units if len(units) == 1 else set()


def _own_level(found: list[Evidence], outside: list[bool], text: str, scoring: Scoring,
               gaz: Gazetteer) -> list[Evidence]:
    """A body that never names its unit with a self-reference but speaks by level (我县, 县委书记,
    副县长 with no name before them) and names exactly one unit of that level outside sentences
    about other regions: that unit is its own (县委书记张三到城关镇调研 ... 秀山县 once). Not
    where an official is introduced by unit and title (a visit: see :func:`_visit_roles`)."""
    bare, titled = _bare_levels(text)
    if not bare:
        return found
    units = {ev.candidates[0] for ev, out in zip(found, outside)
             if len(ev.candidates) == 1 and not out}
    own = set()
    for level in bare:
        at_level = {c for c in units if (name := gaz.unit(c).name)[-1] == level and _titled(name, titled)}
        if len(at_level) == 1:
            own |= at_level
    if not own:
        return found
    return [ev._replace(weight=scoring.self_reference, self_reference=True, speaks=True)
            if len(ev.candidates) == 1 and ev.candidates[0] in own and not out else ev
            for ev, out in zip(found, outside)]


_SIGNATURE_MAX = 14  # characters after the name on a signature line (文体广电和旅游局)
# a date that may open a paper's dateline before its name (2023-04-26 澳门日报)
_LINE_DATE = re.compile(r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?[ \t\u3000]*")
_LINE_DATE_MAX = 16
# the rest of an address line after the place it opens with: street, number (澳门|罗利老马路4-6号)
_ADDRESS = re.compile(r"[^\n,，。;；:：]{0,12}?(?:马路|大道|大街|路|街|道|巷)\s*\d+(?:\s*[-－至]\s*\d+)?\s*[号號]")


def _opens_line(text: str, start: int) -> bool:
    """Does the name at ``start`` open its line, alone or after a dateline's date?"""
    if start == 0 or text[start - 1] == "\n":
        return True
    low = max(0, start - _LINE_DATE_MAX)
    line = text.rfind("\n", low, start) + 1
    if line == 0 and low > 0:
        return False
    return _LINE_DATE.fullmatch(text, line, start) is not None


def _line_owner(text: str, end: int) -> str | None:
    """Is the line from ``end`` the rest of an issuing body's name and nothing more? ``SPEAKS`` for
    a signature (the name opens a signature line: 高台县|文体广电和旅游局), ``ADDRESSED`` for a
    masthead (晋城|日报, 2023-04-26 澳门|日报: the publisher's own text, which may be about one of
    its parts) and for an address line (澳門|羅利老馬路4-6號: where the page's owner sits), else
    None."""
    if _ADDRESS.match(text, end) is not None:
        return ADDRESSED
    stop = text.find("\n", end, end + _SIGNATURE_MAX + 1)
    if stop < 0:
        stop = len(text) if len(text) - end <= _SIGNATURE_MAX else -1
    if stop <= end:
        return None
    if _line_suffix("region_signature_suffixes.txt").fullmatch(text, end, stop) is not None:
        return SPEAKS
    if _line_suffix("region_masthead_suffixes.txt").fullmatch(text, end, stop) is not None:
        return ADDRESSED
    return None


# the terms that introduce a unit by its level (地级市——海东, 县级市X), with the level each names
_LEVEL_TERMS = {"地级市": 2, "地级城市": 2, "副省级城市": 2, "省辖市": 2, "自治州": 2,
                "县级市": 3, "县级城市": 3, "自治县": 3, "自治旗": 3, "市辖区": 3}
_LEVEL_TERM = "(" + "|".join(sorted(_LEVEL_TERMS, key=len, reverse=True)) + ")"
_LEVEL_BEFORE = re.compile(_LEVEL_TERM + "[—－-]{0,2}[:：“「\"]?$")
_LEVEL_AFTER = re.compile(f"(?:是|为|系)[^{SENTENCE_BREAKS}，,]{{0,12}}?{_LEVEL_TERM}")
_LEVEL_REACH = 10  # characters before the name that may hold the term and its dash
_LEVEL_BEFORE_LAST = frozenset("市州县旗区—－-:：“「\"")  # what the text right before such a name ends in
_LEVEL_AFTER_FIRST = frozenset("是为系")


def _introduced_by_level(text: str, start: int, end: int, candidates: tuple[str, ...],
                         gaz: Gazetteer) -> str | None:
    """The unit a short name denotes when the text gives it its level, right before it (一座年轻的
    地级市——海东) or as what it is (海东是一座年轻的地级市): that candidate whose level the term
    names, the name then as good as written in full. None otherwise.

    >>> gazetteer().display_name(_introduced_by_level("坐落着一座年轻的地级市——海东。", 13, 15, ("630200",), gazetteer()))
    '海东市'
    >>> _introduced_by_level("海东是一座年轻的城市", 0, 2, ("630200",), gazetteer())
    """
    found = ((text[start - 1 : start] in _LEVEL_BEFORE_LAST
              and _LEVEL_BEFORE.search(text, max(0, start - _LEVEL_REACH), start))
             or (text[end : end + 1] in _LEVEL_AFTER_FIRST and _LEVEL_AFTER.match(text, end)))
    if not found:
        return None
    level = _LEVEL_TERMS[found.group(1)]
    units = gaz.units
    matching = [c for c in candidates if units[c].level == level]
    return matching[0] if len(matching) == 1 else None


def _source_owner(text: str, start: int, end: int) -> bool:
    r"""Does the name at ``start`` name a news item's publisher on its source line: a paper or
    broadcaster named after its place (来源:南通日报 作者:张三, 稿源 X广播电视台, or 来源 alone on
    the line above)? The publisher's place is the page owner's: evidence as a chrome owner line's
    (a full mention, even by a short name), not a self-reference (a paper reposts other places'
    news); national papers (人民日报, 光明日报) name no unit.

    >>> _source_owner("近日开展活动。\n来源:南通日报 作者:张三", 11, 13)
    True
    >>> _source_owner("2024\n来源\n南通日报\n近日开展活动。", 8, 10)
    True
    >>> _source_owner("来源:南通市统计局", 3, 5), _source_owner("南通日报社区开展活动", 0, 2)
    (False, False)
    """
    head = text[max(0, start - _SOURCE_HEAD) : start]
    if _SOURCE_LABEL.search(head) is None:
        if not head.endswith("\n"):
            return False
        line = head.rfind("\n", 0, len(head) - 1) + 1
        if line == 0 and start > _SOURCE_HEAD or _SOURCE_LINE.fullmatch(head, line, len(head) - 1) is None:
            return False
    return _source_masthead().match(text, end) is not None


_SOURCE_HEAD = 8
# a source label right before the name, or a line holding only the label (來源 is normalized)
_SOURCE_LABEL = re.compile(r"(?:来源|稿源)[ \t\u3000]*[:：]?[ \t\u3000]*$")
_SOURCE_LINE = re.compile(r"[ \t\u3000]*(?:来源|稿源)[ \t\u3000]*[:：]?[ \t\u3000]*")


@functools.lru_cache(maxsize=1)
def _source_masthead() -> re.Pattern[str]:
    words = [row[0].strip() for row in data.read_rows("region_masthead_suffixes.txt")]
    return re.compile(f"[{HAN_CHARS}]{{0,8}}?(?:" + "|".join(words) + f")(?![{HAN_CHARS}])")


@functools.lru_cache(maxsize=2)
def _line_suffix(name: str) -> re.Pattern[str]:
    words = [row[0].strip() for row in data.read_rows(name)]
    return re.compile(f"[{HAN_CHARS}]*(?:" + "|".join(words) + r")\s*")


# Hong Kong's district councils and district offices: the mainland's districts have people's
# congresses. Taiwan's county councils are left out: its counties that share a mainland name (金门县,
# 连江县) are the same places as the mainland's claimed counties. On the simplified text.
_HK_INSTITUTION = re.compile("区?(?:议会|民政事务处)")


def _hong_kong_only(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The candidates in Hong Kong: the units a district council or district office belongs to
    (东区区议会 is Hong Kong's Eastern District, not 攀枝花's 东区).

    >>> _hong_kong_only(("510402", "810003"))
    ('810003',)
    """
    return tuple(c for c in candidates if c.startswith(HONG_KONG))


def _narrow(candidates: tuple[str, ...], previous: Evidence | None,
            gaz: Gazetteer) -> tuple[str, ...]:
    """Nested candidates mean the outer unit (吉林 = the province); a name right after its parent
    means the child of that parent (南京市鼓楼区, (湖北省)宜昌市)."""
    ancestors = gaz.ancestor_sets
    cands = tuple(c for c in candidates
                  if not any(o != c and o in ancestors[c] for o in candidates))
    if len(cands) > 1 and previous is not None:
        children = tuple(c for c in cands
                         if any(p != c and p in ancestors[c] for p in previous.candidates))
        cands = children or cands
    return cands


def infer_region(lines: Iterable[tuple[int, str]], scoring: Scoring = SCORING,
                 gaz: Gazetteer | None = None,
                 trace: list[tuple[str, tuple[float, ...]]] | None = None,
                 plain: Iterable[tuple[int, int]] = (), host: frozenset[str] = frozenset()) -> Inference:
    """Resolve the body's evidence to the deepest consistent unit, with a confidence in [0, 1].

    Province: the one holding the most evidence mass (a mention counts for its unit and every
    ancestor; an ambiguous one is split by the support its candidates' chains already have).
    Then descend one level at a time: into the child that the text refers to itself as, or, when
    no child is self-referenced and the current unit is not either, into a child holding at least
    ``descend_share`` of its siblings' mass and ``min_child_mass``, or into the only unit named
    below the current one when it is named at least as much as the current unit itself (and at
    least by a short form) and the text does not speak as the current unit (国网河北电力 …
    邢台供电公司: 邢台市, not 河北省; 中卫 twice and 沙坡头机场 once stays at 中卫市).
    Confidence = p x (1 - contest), times share² when
    another province is spoken of as the text's own too (contest > 0), p being
    the calibrated probability that the leading province is right (:func:`province_features`,
    :func:`calibration`: a logistic model trained on the corpus's train and dev splits by
    scripts/train_region_calibration.py), share the province's share of the mass and contest the
    rival's self-reference mass over the leader's. Below ``min_confidence`` the answer is
    undeterminable (RG005), never a guess; so is a body that speaks as no unit and names a unit
    of another province at least ``_TWO_SUBJECTS_MIN`` times, as often as any of the leader's (two
    subjects, the leader ahead only by its neighbours' names).
    """
    gaz = gaz or gazetteer()
    lines = list(lines)
    evidence = collect_evidence(lines, scoring, gaz)
    plain = sorted(plain)
    if plain:
        evidence = _as_plain(evidence, plain, scoring, gaz)
    evidence = _uncorroborated_short_names(evidence, scoring, gaz)
    if not evidence:
        return Inference(None, None, 0.0, {}, False, (), "no administrative unit is named in the body")
    extent = _edges([offset for offset, _ in lines]) if len(lines) > _EDGE_LINES else _NO_EDGES
    ancestors = gaz.ancestor_sets
    province_code = gaz.province_codes
    # mentions of one unit are summed before they are spread over its ancestors (a report names
    # its own district dozens of times)
    # weight, count, the weight of mentions not placed elsewhere (来自X, X等外省) and of those not
    # discounted as passing mentions of other regions: a parent named anywhere but elsewhere
    # says which of a same-name pair is meant (视察北京 for 朝阳区), the support of other units
    # only when firm (a partner county in a sentence about cooperation does not say which 鼓楼区)
    single: dict[tuple[str, bool, bool], list[float]] = {}
    firm = scoring.short_form
    ambiguous = []
    for ev in evidence:
        candidates = ev[3]
        if len(candidates) == 1:
            weight = ev[4]
            key = (candidates[0], ev[5], ev[6])
            entry = single.get(key)
            placed = 0.0 if ev[7] else weight
            firm_weight = weight if weight >= firm else 0.0
            if entry is None:
                single[key] = [weight, 1.0, placed, firm_weight]
            else:
                entry[0] += weight
                entry[1] += 1.0
                entry[2] += placed
                entry[3] += firm_weight
        else:
            ambiguous.append(ev)
    direct: dict[str, float] = {}    # mentions naming exactly that unit
    support: dict[str, float] = {}
    own_count: dict[str, int] = {}   # self-referencing mentions per province
    for (code, own, _), (_, count, placed, firm_weight) in single.items():
        if placed:
            direct[code] = direct.get(code, 0.0) + placed
        if firm_weight:
            for unit_code in ancestors[code]:
                support[unit_code] = support.get(unit_code, 0.0) + firm_weight
        if own:
            province = province_code[code]
            own_count[province] = own_count.get(province, 0) + int(count)
    mass: dict[str, float] = {}
    own_mass: dict[str, float] = {}
    own_direct: dict[str, float] = {}

    def add_mass(code: str, weight: float, own: bool, speaks: bool) -> None:
        for unit_code in ancestors[code]:
            mass[unit_code] = mass.get(unit_code, 0.0) + weight
            if own:
                own_mass[unit_code] = own_mass.get(unit_code, 0.0) + weight
        if speaks:
            own_direct[code] = own_direct.get(code, 0.0) + weight

    for (code, own, speaks), entry in single.items():
        add_mass(code, entry[0], own, speaks)
    # a same-name pair of a Hong Kong, Macao or Taiwan unit and a mainland one (連江縣, 金門縣, 東區) in a
    # text written in traditional script: the former when nothing else tells them apart
    script = (OFFSHORE if any(len({c.startswith(OFFSHORE) for c in ev[3]}) == 2 for ev in ambiguous)
              and written_traditional("".join(line for _, line in lines)) else ())
    for _, _, _, candidates, weight, own, speaks, _ in ambiguous:
        for code, share in _split(candidates, support, direct, gaz,
                                  scoring.min_split_support, script).items():
            add_mass(code, weight * share, own, speaks)
        if own:
            for code in {province_code[c] for c in candidates}:
                own_count[code] = own_count.get(code, 0) + 1
    own_mass = defaultdict(float, own_mass)
    own_count = defaultdict(int, own_count)
    units = gaz.units
    provinces = {c: m for c, m in mass.items() if units[c].level == 1}
    total = sum(provinces.values())
    shares = {units[c].name: round(m / total, 3) for c, m in sorted(provinces.items())} if total else {}
    if total <= 0:
        return Inference(None, None, 0.0, shares, False, tuple(evidence), f"too little evidence (mass {total:.1f})")
    if len(provinces) == 1:
        best = next(iter(provinces))
    else:
        best = max(provinces, key=lambda c: (provinces[c], own_mass[c], c))
    share = provinces[best] / total
    if share <= scoring.min_share:
        top = sorted(provinces.items(), key=lambda kv: -kv[1])[:3]
        spread = ", ".join(f"{gaz.unit(c).name} {m / total:.0%}" for c, m in top)
        ambiguous = [e for e in evidence if e.self_reference and len(e.candidates) > 1]
        reason = f"mentions are spread over several provinces ({spread})"
        if ambiguous:
            reason = (f"its own name '{ambiguous[0].surface}' denotes {len(ambiguous[0].candidates)} "
                      f"units and nothing else in the body tells them apart ({spread})")
        return Inference(None, None, 0.0, shares, False, tuple(evidence), reason)
    rival = (None if len(provinces) == 1 else
             max((c for c in provinces if c != best), key=lambda c: (own_mass[c], c)))
    contest = own_mass[rival] / own_mass[best] if rival and own_mass[best] > 0 else 0.0
    # one slogan (品质西城) is not speaking as a region unless it outweighs the leader's
    if rival is not None and contest >= scoring.contest_share and (own_count[rival] >= 2 or contest >= 1):
        reason = (f"the body speaks as two regions: {gaz.unit(best).name} and "
                  f"{gaz.unit(rival).name} are both referred to as its own")
        return Inference(None, None, 0.0, shares, False, tuple(evidence), reason)
    if own_mass[best] <= 0 and len(provinces) > 1:
        # two subjects: the unit named most often lies in another province than the one the
        # mentions add up to (若羌县 with its neighbours, then 长岛县 five times), and neither is
        # spoken of as the text's own
        named = _most_named(evidence, province_code, firm)
        lead = named.get(best, (0, ""))
        other = max((v for c, v in named.items() if c != best and own_mass[c] <= 0),
                    default=(0, ""))
        if other[0] >= _TWO_SUBJECTS_MIN and other[0] >= lead[0]:
            return Inference(None, None, 0.0, shares, False, tuple(evidence),
                             f"the body is about two regions: {gaz.unit(lead[1] or best).name} and "
                             f"{gaz.unit(other[1]).name}, the latter named {other[0]} times")
    national = sum(len(_NATIONAL.findall(line)) for _, line in lines)
    # the state's full name (a national law's 中华人民共和国X法, 中华人民共和国的领海) and its central
    # institutions (国务院, 国家发展改革委) are of national scope too; they weigh only against the
    # leader's mentions below, the calibration's feature keeps the words it was trained on
    state = sum(len(_STATE_NAME.findall(line)) + len(_CENTRAL.findall(line)) for _, line in lines)
    features = province_features(best, evidence, provinces, own_mass, extent, gaz, scoring, national)
    if trace is not None:  # the calibration's training reads the leader and its features
        trace.append((best, features))
    if features[_MENTIONS] == 0 and own_mass[best] <= 0:
        # every mention of the leader lies in a sentence about other regions (加强与常山县的协作,
        # 客商来自浙江) and none speaks as it: a partner or a visitor, not what the text is about
        return Inference(None, None, 0.0, shares, False, tuple(evidence),
                         f"{gaz.unit(best).name} is named only in sentences about other regions")
    weak = ""
    if (own_mass[best] <= 0 and features[_MENTIONS] <= _ONCE
            and not features[_FULL_NAME]):
        # one short name once in passing (在上海工作, 去过台湾旅游, a dateline's 北京): weak
        # evidence whatever the calibration makes of it, an answer only with a second cue, and
        # then never a near certain one
        weak = _once_backing(best, evidence, extent, lines, gaz, scoring, host)
        if not weak:
            return Inference(None, None, 0.0, shares, False, tuple(evidence),
                             f"{gaz.unit(best).name} is named once, by a short name in passing")
    # the calibration saw few bodies that speak as two provinces (a partner's delegation reported
    # by both sides): when the rival is spoken of as its own too, twice or more, the leader's
    # share squared (the earlier hand-set confidence's factor) keeps such bodies from answers; one
    # slogan copied from elsewhere (品质西城 in another district's report) costs only its share of
    # the self-references (1 - contest)
    two_sided = share * share if rival is not None and contest > 0 and own_count[rival] >= 2 else 1.0
    confidence = round(calibration().probability(features) * two_sided * (1 - contest)
                       * _national_scope(features, own_mass[best], national + state), 2)
    if weak:
        confidence = min(confidence, scoring.once_max)
    if confidence < scoring.min_confidence:
        return Inference(None, None, 0.0, shares, False, tuple(evidence),
                         f"weak evidence for {gaz.unit(best).name} (confidence {confidence:.2f} < "
                         f"{scoring.min_confidence})")
    children: dict[str | None, list[str]] = {}
    for c, m in mass.items():
        if m > 0:
            children.setdefault(units[c].parent, []).append(c)
    current = best
    levels: set[str] | None = None  # the level words the text calls itself by (全县, 我市), read once
    while True:
        kids = children.get(current)
        if not kids:
            break
        own_kids = [c for c in kids if own_mass.get(c, 0) > 0]
        if own_kids:
            child = max(own_kids, key=lambda c: (own_mass[c], mass[c], c))
            if own_mass[child] < scoring.descend_share * sum(own_mass[c] for c in own_kids):
                break
        else:
            if own_direct.get(current, 0) > 0:
                # the text speaks as this unit and never as one of its parts (being addressed,
                # 习近平总书记对江苏工作重要指示, does not count: every unit below quotes that),
                # unless it calls itself by a lower level (全县, 我县) than this unit's: the
                # province's offices acting on the county (福建省委办…同意周宁…退出) on a page
                # where 全县 is the county's own
                if levels is None:
                    levels = {m.group(1) for _, line in lines for m in _SPEAKING_LEVEL.finditer(line)}
                if not levels or units[current].name[-1] in levels:
                    break
            child = max(kids, key=lambda c: (mass[c], c))
            # the only unit named below, as often as this one itself, is descended into (邢台 under 河北)
            only_below = (len(kids) == 1 and own_mass[current] <= 0
                          and mass[child] >= max(scoring.short_form, direct.get(current, 0.0)))
            if not only_below and (mass[child] < scoring.min_child_mass
                                   or mass[child] < scoring.descend_share * sum(mass[c] for c in kids)):
                break
        current = child
    if weak:
        return Inference(current, gaz.unit(best).name, confidence, shares, False, tuple(evidence),
                         f"{gaz.unit(best).name} is named once, by a short name, {weak}", weak=True)
    return Inference(current, gaz.unit(best).name, confidence, shares,
                     own_mass.get(best, 0) > 0, tuple(evidence))


# an office named by its level alone at a word's start (县政府, 区委, *区投促局 of a table whose
# district is masked, 县公安局): the text is a local one, written as some unit of that level
_BARE_OFFICE = re.compile(f"(?<![{HAN_CHARS}])([市区县旗])(?:委|政府|人大|政协|[{HAN_CHARS}]{{1,4}}?局)")


def _once_backing(province: str, evidence: list[Evidence], extent: tuple[int, int],
                  lines: list[tuple[int, str]], gaz: Gazetteer, scoring: Scoring,
                  host: frozenset[str] = frozenset()) -> str:
    """What backs a province named once by a short name (抢抓杭州亚运契机 on a district's table,
    常山信息达人群 under a county paper's story), or "" when nothing does: the name stands in the
    body's first or last two lines (``extent``: a header, a footer's group or paper; not a wire
    dateline, 新华社北京12月12日电, which says where the story was filed), or the text speaks as a
    unit by its level alone (我县, 全区, 县委书记, 县政府, 区投促局) that the named unit is or holds
    (常山县 for 县政府, 杭州市 for 区投促局), or the name is of Hong Kong, Macao or Taiwan in a text
    written in traditional script, as theirs are (臺灣手語 in a rule written so), or the page's own
    address names a unit of the province in its host (``host``: xiaochang.cjyun.org, 孝昌县, for a
    story naming 湖北 once), or the name is where the page's organisation sits: its branch or office
    there (中国农业银行赣州分行, 浙江移动杭州分公司: :data:`_BRANCH`), or the name opens an organisation's
    name (:data:`_ORGANISATION`) alone on a line (a school's or a firm's signature, 浙江农林大学) or at the
    start of a clause, as its subject (12月29日上午,安徽天康集团隆重举行…; not 毕业于浙江农林大学). Not
    backed: a name in the middle of a simplified text that speaks as no unit (在上海工作 in a story).

    >>> gaz = gazetteer()
    >>> once = [Evidence(12, 14, "杭州", ("330100",), 0.5, False)]
    >>> lines = [(0, "*区投促局 各镇街"), (10, "抢抓杭州亚运契机"), (20, "落地项目100个。")]
    >>> _once_backing("330000", once, _NO_EDGES, lines, gaz, SCORING)
    'the text speaks as a 区 without naming it'
    >>> _once_backing("330000", once, _NO_EDGES, lines[1:], gaz, SCORING)
    ''
    >>> _once_backing("330000", once, (20, 20), lines[1:], gaz, SCORING)
    "at the body's edge"
    >>> _once_backing("110000", [Evidence(13, 15, "北京", ("110000",), 0.5, False)], (20, 20),
    ...               [(10, "新华社北京12月12日电 记者获悉")], gaz, SCORING)
    ''
    >>> _once_backing("330000", once, _NO_EDGES, lines[1:], gaz, SCORING, frozenset({"330106"}))
    "and the page's host names 杭州市西湖区"
    >>> _once_backing("360000", [Evidence(16, 18, "赣州", ("360700",), 0.5, False)], _NO_EDGES,
    ...               [(10, "中国农业银行赣州分行召开年度工作会议。")], gaz, SCORING)
    "as its organisation's place (赣州分行)"
    """
    province_of = gaz.province_codes
    if extent != _NO_EDGES and _named_at_edge(province, evidence, extent, lines, province_of):
        return "at the body's edge"
    hosted = sorted(code for code in host if province_of.get(code) == province)
    if hosted:
        return f"and the page's host names {gaz.display_name(hosted[0])}"
    named = {c for ev in evidence if ev.weight >= scoring.short_form
             for c in ev.candidates if province_of[c] == province}
    if not named:
        return ""
    for ev in evidence:
        if ev.weight >= scoring.short_form and province_of[ev.candidates[0]] == province:
            place = _organisation_place(ev, lines, gaz)
            if place:
                return f"as its organisation's place ({place})"
    text = "\n".join(line for _, line in lines)
    if all(code.startswith(OFFSHORE) for code in named) and written_traditional(text):
        return "in a text written in traditional script"
    fitting = _spoken_levels(text) & set().union(*(_levels_at_or_below(code, gaz) for code in named))
    return f"the text speaks as a {min(fitting)} without naming it" if fitting else ""


# what names an organisation's branch or office by its place, right after the organisation: the page's
# organisation sits there (农业银行赣州分行, 浙江移动杭州分公司, 公安局朝阳分局, 国网洛阳供电公司; not 在上海分公司)
_BRANCH = re.compile("分行|支行|分公司|子公司|营业部|分局|分院|分校|校区|办事处|分中心|供电公司")
_BRANCH_OWNER = re.compile("(?:银行|公司|集团|移动|联通|电信|电网|电力|保险|证券|局|大学|学院|医院)$")
# the rest of an organisation's name after the place that opens it (浙江|农林大学, 南通|市第一中学, 安徽|天康集团)
_ORGANISATION = re.compile(f"[{HAN_CHARS}]{{0,12}}?(?:大学|学院|学校|中学|小学|幼儿园|医院|研究院|研究所"
                           "|公司|集团|银行)")
_LINE_REST = re.compile("[ \t\u3000]*$")
_CLAUSE_BEFORE = frozenset("，,。；;：:！!？? \t\u3000")  # what may stand right before a clause's subject


def _organisation_place(ev: Evidence, lines: list[tuple[int, str]], gaz: Gazetteer) -> str:
    """The branch (:data:`_BRANCH`), or the organisation alone on its line or opening a clause
    (:data:`_ORGANISATION`), that the mention ``ev`` names by its place, as written, or "" when it
    names none.

    >>> gaz = gazetteer()
    >>> [_organisation_place(Evidence(start, start + 2, "安徽", ("340000",), 0.5, False), [(0, line)], gaz)
    ...  for line, start in (("12月29日上午,安徽天康集团举行庆典。", 9), ("他毕业于安徽农业大学。", 4))]
    ['安徽天康集团', '']
    """
    for offset, line in lines:
        if offset <= ev.start < offset + len(line):
            text = gaz.normalize(line)
            start, end = ev.start - offset, ev.end - offset
            branch = _BRANCH.match(text, end)
            if branch is not None and _BRANCH_OWNER.search(text, 0, start) is not None:
                return text[start : branch.end()]
            organisation = _ORGANISATION.match(text, end)
            if organisation is None:
                return ""
            if _LINE_REST.match(text, organisation.end()) is not None and not text[:start].strip():
                return text[start : organisation.end()]  # its signature line
            return text[start : organisation.end()] if start == 0 or text[start - 1] in _CLAUSE_BEFORE else ""
    return ""


def _spoken_levels(text: str) -> set[str]:
    """The levels the text speaks as without naming its unit: 我县, 全区, 县委书记, 县政府, 区投促局."""
    return ({m.group(1) for m in _SPEAKING_LEVEL.finditer(text)} | _bare_levels(text)[0]
            | {m.group(1) for m in _BARE_OFFICE.finditer(text)})


_TRADITIONAL_SHARE = 0.15  # of a text's Han characters written in traditional script, from which it is
_TRADITIONAL_MIN = 20      # written so (a simplified page quoting a traditional name has a few); at
                           # least this many Han characters


def written_traditional(text: str) -> bool:
    """Is the text written in traditional script (not a simplified one quoting a name)?

    >>> written_traditional("國民法官及備位國民法官宣誓時，得以臺灣手語陳述誓詞，並由法院記錄。")
    True
    >>> written_traditional("台湾同胞来大陆投资兴业，我县热情欢迎台湾客商前来考察。")
    False
    """
    han = len(HAN.findall(text))
    return han >= _TRADITIONAL_MIN and len(traditional_chars().findall(text)) >= _TRADITIONAL_SHARE * han


# a dateline's date after a place: where a wire or a paper's correspondent filed the story (北京12月12日电)
_WIRE_DATELINE = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日?\s*电")


def _named_at_edge(province: str, evidence: list[Evidence], extent: tuple[int, int],
                   lines: list[tuple[int, str]], province_of: dict[str, str]) -> bool:
    """Is a mention of ``province`` in the body's first or last two lines, other than a wire
    dateline?"""
    head, tail = extent
    starts = [offset for offset, _ in lines]
    for ev in evidence:
        if head <= ev.start < tail or any(province_of[c] != province for c in ev.candidates):
            continue
        offset, line = lines[bisect.bisect_right(starts, ev.start) - 1]
        if _WIRE_DATELINE.match(line, ev.end - offset) is None:
            return True
    return False


@functools.lru_cache(maxsize=1)
def _descendant_levels() -> dict[str, frozenset[str]]:
    """Per unit, the level words its units below end in (杭州市: 区 县 市)."""
    gaz = gazetteer()
    below: dict[str, set[str]] = defaultdict(set)
    for code, unit in gaz.units.items():
        if unit.name[-1] in LEVEL_CHARS:
            for ancestor in gaz.ancestors(code):
                if ancestor != code:
                    below[ancestor].add(unit.name[-1])
    return {code: frozenset(chars) for code, chars in below.items()}


def _levels_at_or_below(code: str, gaz: Gazetteer) -> frozenset[str]:
    """The level words a text written as ``code`` or as one of its parts speaks by."""
    own = gaz.unit(code).name[-1]
    below = _descendant_levels().get(code, frozenset())
    return below | {own} if own in LEVEL_CHARS else below


def _uncorroborated_short_names(evidence: list[Evidence], scoring: Scoring,
                                gaz: Gazetteer) -> list[Evidence]:
    """When the text speaks as a unit of one province (山东省…人民代表大会常务委员会, 本县 named), the
    mentions of another province that are only ever short names (蒙山 of 蒙山保护条例 for 广西's
    蒙山县, 台湾 of 台湾同胞) with no full name, no self-reference and no unit of it named otherwise
    count as passing mentions: a mountain, a people's home or an everyday word, not a second
    region the text is about.

    >>> shan_dong = Evidence(0, 3, "山东省", ("370000",), 10.0, True, True)
    >>> meng_shan = Evidence(9, 11, "蒙山", ("450423",), 0.5, False)
    >>> [ev.weight for ev in _uncorroborated_short_names([shan_dong, meng_shan], SCORING, gazetteer())]
    [10.0, 0.1]
    """
    province_of = gaz.province_codes
    speaking = {province_of[ev.candidates[0]] for ev in evidence
                if ev.speaks and all(province_of[c] == province_of[ev.candidates[0]] for c in ev.candidates)}
    if not speaking:
        return evidence
    units = gaz.units
    corroborated: set[str] = set()
    short: set[str] = set()
    for ev in evidence:
        candidates = ev.candidates
        province = province_of[candidates[0]]
        if len(candidates) > 1 and any(province_of[c] != province for c in candidates):
            corroborated.update(province_of[c] for c in candidates)  # an ambiguous name stays
        elif ev.self_reference or any(units[c].name == ev.surface for c in candidates):
            corroborated.add(province)
        else:
            short.add(province)
    weak = short - corroborated - speaking
    if not weak:
        return evidence
    factor = scoring.outside_factor
    return [ev._replace(weight=ev.weight * factor)
            if province_of[ev.candidates[0]] in weak and all(province_of[c] in weak for c in ev.candidates)
            else ev for ev in evidence]


_TWO_SUBJECTS_MIN = 3  # a second subject is named at least this often


def _most_named(evidence: list[Evidence], province_code: dict[str, str],
                firm: float) -> dict[str, tuple[int, str]]:
    """Per province, how often its most often named unit is named by a mention of one unit that
    is not placed elsewhere and not discounted as passing (weight ``firm`` or more), and which unit
    that is."""
    counts: dict[str, int] = {}
    for ev in evidence:
        if len(ev.candidates) == 1 and not ev.elsewhere and ev.weight >= firm:
            counts[ev.candidates[0]] = counts.get(ev.candidates[0], 0) + 1
    out: dict[str, tuple[int, str]] = {}
    for code, count in counts.items():
        province = province_code[code]
        if count > out.get(province, (0, ""))[0]:
            out[province] = (count, code)
    return out


def _as_plain(evidence: list[Evidence], ranges: list[tuple[int, int]], scoring: Scoring,
              gaz: Gazetteer) -> list[Evidence]:
    """Mentions inside ``ranges`` (the chrome lines naming a page's owner) as plain mentions: a
    site's owner is often not the unit its page is about (a city's portal reposting a county's
    news), so its slogans (文明长沙网) prove nothing more. An owner in a province that the body
    itself never names firmly (a mention not discounted as passing) counts as a passing mention:
    a company's footer in 重庆 under a story of 阿拉尔市 names the site's operator, not a second
    place the story is about; it still decides a body that names no unit firmly.

    >>> story = Evidence(20, 24, "阿拉尔市", ("659002",), 1.0, False)
    >>> footer = Evidence(90, 93, "重庆市", ("500000",), 1.0, False)
    >>> [ev.weight for ev in _as_plain([story, footer], [(80, 120)], SCORING, gazetteer())]
    [1.0, 0.2]
    >>> [ev.weight for ev in _as_plain([footer], [(80, 120)], SCORING, gazetteer())]
    [1.0]
    """
    starts = [a for a, _ in ranges]
    inside = []
    for ev in evidence:
        k = bisect.bisect_right(starts, ev.start) - 1
        inside.append(k >= 0 and ev.start < ranges[k][1])
    province_of = gaz.province_codes
    firm = {province_of[c] for ev, owned in zip(evidence, inside) if not owned
            and ev.weight >= scoring.short_form for c in ev.candidates}
    out = []
    for ev, owned in zip(evidence, inside):
        if owned:
            ev = _plain_mention(ev, scoring, gaz)
            if firm and not any(province_of[c] in firm for c in ev.candidates):
                ev = ev._replace(weight=ev.weight * scoring.outside_factor)
        out.append(ev)
    return out


def _plain_mention(ev: Evidence, scoring: Scoring, gaz: Gazetteer) -> Evidence:
    """``ev`` as a plain mention: weighed as a full name or a short form, speaking as no unit."""
    full = any(gaz.unit(c).name == ev.surface for c in ev.candidates)
    return ev._replace(weight=scoring.full_name if full else scoring.short_form, self_reference=False, speaks=False)


_NO_EDGES = (1 << 62, 0)
_EDGE_LINES = 4  # a body of more lines than this has edges: its first two and last two lines


def _edges(starts: list[int]) -> tuple[int, int]:
    """Offsets bounding the body's edges: before the first offset lie its first two lines, from the
    second its last two (a header naming the unit, a signature)."""
    if len(starts) <= 4:
        return (1 << 62, 0)
    return (starts[2], starts[-2])


_ONCE = math.log1p(1)  # the "mentions" feature of a province named once
FEATURES = ("self_mass", "plain_mass", "share", "mentions", "names", "at_edge", "specific",
            "full_name", "other_mass", "rival_self", "national")
# words of national scope (全国公安机关, 平安中国, 党中央): commentary on the whole country that names
# a place as one example is about none (the calibration weighs them against the leader's mentions);
# not a national honour the unit holds or seeks (全国文明城市, 全国百强县, 全国卫生城市): that is
# the unit's own
# (a character class first: the regex engine then skips to its characters, 2.5x as fast a scan)
_NATIONAL = re.compile("[全我中党黨](?:(?<=全)(?:[国國](?![^，。,；、\n]{0,6}?(?:文明|卫生|衛生|百强|百強|先进|先進"
                       "|模范|模範|示范|示範|优秀|優秀|园林|園林|双拥|雙擁))|[党黨]|社[会會])|(?<=我)[国國]"
                       "|(?<=中)[国國](?!共[产產])|(?<=[党黨])中央)")
_MENTIONS, _FULL_NAME = FEATURES.index("mentions"), FEATURES.index("full_name")
_STATE_NAME = re.compile("中[华華]人民共和[国國]")
# the state's central institutions (国务院, 国家发展改革委, 国家统计局, 国家有关部门, 中央财政): a ministry's
# news datelined in the capital (新华社北京…电 国家发展改革委10日在北京召开新闻发布会) is of national scope too
_CENTRAL = re.compile(f"[国國](?:[务務]院|家[{HAN_CHARS}]{{0,8}}?[委部局署])|中央(?:政府|财政|財政|预算|預算)")


def _national_scope(features: tuple[float, ...], own: float, national: int) -> float:
    """How much a text that never speaks as its leader is about the leader rather than the whole
    country: the leader's mentions over the words of national scope, when these are more
    (平安中国建设 … 全国公安机关 … 重庆市黔江区公安局警官分享了一个故事: commentary with one place as
    its example); else 1. The calibration's ``national`` feature alone moves such texts little: it
    is learned mostly from work reports, which say 全国 as often and speak as their unit. (The
    square root of that ratio, used before, left four national commentaries of the train and dev
    splits answered at 0.51-0.63 from one example's place; the ratio itself leaves none and lowers
    no right answer below the minimum confidence there.)

    >>> _national_scope((0.0, 0.0, 1.0, math.log1p(2)), 0.0, 8), _national_scope((0.0, 0.0, 1.0, math.log1p(2)), 10.0, 8)
    (0.25, 1.0)
    """
    if own > 0 or not national:
        return 1.0
    return min(1.0, round(math.expm1(features[_MENTIONS])) / national)


def province_features(province: str, evidence: Iterable[Evidence], provinces: dict[str, float],
                      own_mass: dict[str, float], edges: tuple[int, int],
                      gaz: Gazetteer, scoring: Scoring = SCORING, national: int = 0) -> tuple[float, ...]:
    """What the evidence for the leading ``province`` looks like, in the order of ``FEATURES``:
    its self-reference and plain mention mass (log), its share of all mass, how many mentions and
    distinct names support it outside sentences about other regions (log), whether one lies in the body's first or last two lines,
    whether one names a unit below the province unambiguously, whether one is a full name, the
    other provinces' mass (log), the largest self-reference mass of another province (log) and how
    many words of national scope the text holds (log, ``national``). The calibration (:func:`calibration`) turns these into the
    probability that the province is right."""
    total = sum(provinces.values())
    own = own_mass.get(province, 0.0)
    mentions = 0
    names = set()
    at_edge = specific = full = 0.0
    head, tail = edges
    units = gaz.units
    province_of = gaz.province_codes
    self_weight, short_weight = scoring.self_reference, scoring.short_form
    for start, _, surface, candidates, weight, own_mention, _, _ in evidence:
        if len(candidates) == 1:   # most mentions: no generator to run
            only = candidates[0]
            if province_of[only] != province:
                continue
            if not (specific and full):
                unit = units[only]
                if not specific and unit.level > 1:
                    specific = 1.0
                if not full and unit.name == surface:
                    full = 1.0
        else:
            if not any(province_of[c] == province for c in candidates):
                continue
            if not full and any(units[c].name == surface for c in candidates):
                full = 1.0
        if weight >= (self_weight if own_mention else short_weight):
            mentions += 1   # not discounted as a mention about other regions
            names.add(surface)
        if start < head or start >= tail:
            at_edge = 1.0
    return (math.log1p(own), math.log1p(max(provinces[province] - own, 0.0)),
            provinces[province] / total, math.log1p(mentions), math.log1p(len(names)), at_edge,
            specific, full, math.log1p(total - provinces[province]),
            math.log1p(max((m for c, m in own_mass.items() if c != province and c in provinces),
                           default=0.0)), math.log1p(national))


@dataclass(frozen=True)
class Calibration:
    """A logistic model over :data:`FEATURES`: the probability that the leading province is the
    document's (trained by scripts/train_region_calibration.py on the corpus's train and dev
    splits; weights in rules/data/region_calibration.json)."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, features: tuple[float, ...]) -> float:
        z = self.bias + sum(map(operator.mul, self.weights, features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


INSTALLED: dict[str, Calibration] = {}
"""Models used in place of the packaged file of that name in this process: the trainer's
(scripts/train_region_calibration.py), so that its cross-validation folds never write where the
rules read their models."""


@functools.lru_cache(maxsize=2)
def _packaged(name: str, features: tuple[str, ...]) -> Calibration:
    model = data.read_json(name)
    if tuple(model["features"]) != features:
        raise ValueError(f"{name} was trained on other features: retrain it")
    return Calibration(tuple(model["weights"]), model["bias"])


def calibration() -> Calibration:
    """The packaged calibration (read once per process), unless one is :data:`INSTALLED`."""
    return INSTALLED.get("region_calibration.json") or _packaged("region_calibration.json", FEATURES)


MISMATCH_FEATURES = ("leader_logit", "declared_share", "same_province")


def mismatch_features(inference: Inference, candidates: tuple[str, ...],
                      gaz: Gazetteer) -> tuple[float, ...]:
    """What a contradiction looks like, in the order of ``MISMATCH_FEATURES``: how sure the
    inference is (the logit of its confidence), how much of the body's evidence the declared
    region's province holds (a report about the declared unit names it), and whether the
    declaration is in the inferred province at all (a same-name district of another city)."""
    c = min(max(inference.confidence, 0.01), 0.99)
    declared = {gaz.province(code).name for code in candidates}
    share = max((inference.province_shares.get(name, 0.0) for name in declared), default=0.0)
    same = 1.0 if inference.province in declared else 0.0
    return (math.log(c / (1 - c)), share, same)


def mismatch_model() -> Calibration:
    """The probability that a declaration the inference contradicts is wrong (trained with the
    calibration by scripts/train_region_calibration.py; rules/data/region_mismatch.json, unless
    one is :data:`INSTALLED`)."""
    return INSTALLED.get("region_mismatch.json") or _packaged("region_mismatch.json", MISMATCH_FEATURES)


def _split(candidates: tuple[str, ...], support: dict[str, float], direct: dict[str, float],
           gaz: Gazetteer, min_support: float = 0.0, script: tuple[str, ...] = ()) -> dict[str, float]:
    """An ambiguous mention's weight, split by the mentions of its candidates' ancestors (a
    parent named anywhere: 北京, 长春市), else by the support their chains have from other units
    (evenly when less than ``min_support`` together; to the one candidate whose adcode starts with
    one of ``script``, the prefixes of the regions the text's script is written in, when there is one).

    >>> gaz = gazetteer()
    >>> _split(("350122", "710716"), {}, {}, gaz), _split(("350122", "710716"), {}, {}, gaz, script=OFFSHORE)
    ({'350122': 0.5, '710716': 0.5}, {'710716': 1.0})
    >>> _split(("350122", "710716"), {"350100": 1.0}, {"350100": 1.0}, gaz, script=OFFSHORE)
    {'350122': 1.0}
    """
    ancestors = gaz.ancestor_sets
    scores = {c: sum(direct.get(code, 0.0) for code in ancestors[c] if code != c)
              for c in candidates}
    total = sum(scores.values())
    if total <= 0:
        scores = {c: sum(support.get(code, 0.0) for code in ancestors[c]) for c in candidates}
        total = sum(scores.values())
        if total <= 0 or total < min_support:
            written = [c for c in candidates if c.startswith(script)] if script else []
            if len(written) == 1:
                return {written[0]: 1.0}
            return {c: 1.0 / len(candidates) for c in candidates}
    return {c: s / total for c, s in scores.items() if s > 0}


# -- per document ------------------------------------------------------------------------------
def body_inference(doc: Document, ctx: BatchContext) -> Inference:
    """The inferred region of a document's body alone (the title line excluded), memoised: what
    the title is checked against (RG002). Chrome is excluded too, except lines that name the
    page's owner or address (主办单位, 版权所有, 地址: ``region_owner_cues.txt``), and so are the
    runs injected into the page (:func:`~scrapegate.rules.spam.detector.spam_hits`: 由澳门威斯人游戏网址团委
    主办 names a casino brand, not the place the page is about)."""
    def compute() -> Inference:
        if _fiction(doc):
            return Inference(None, None, 0.0, {}, False, (), FICTION)
        lines, owned = evidence_lines(doc, ctx)
        runs = [(hit.span.start, hit.span.end) for hit in spam_hits(doc, ctx)]
        host = host_units(doc)
        found = infer_region(_outside(lines, runs) if runs else lines, plain=owned, host=host)
        if found.adcode is None:
            found = _through_chrome(doc, ctx, lines, owned, runs, host) or found
        if found.adcode is None and host and not found.evidence:
            found = _speaks_as_host(lines, host) or found
        return found
    return doc.batch_memo(ctx, "region.body", compute)


def prepare_group(docs: Sequence[Document], ctx: BatchContext) -> None:
    """The region family's group hook (:attr:`~scrapegate.checks.registry.Family.prepare`): what
    :func:`body_inference` reads of the other families, the chrome zones and then the spam runs, made
    for the whole group, one analysis after the other, before any document's inference. The same
    memoised values each document makes alone; but described one document after another, the spam
    detector's tables and the gazetteer's evicted each other from the processor's caches (in one
    process, pairs on the bench sets: all rules 1.03-1.09x, RG alone 1.08-1.2x). A text the inference
    reads as fiction gets no spam runs here, as it gets none there. A document whose analysis raises is
    passed over: its inference meets the exception where the run records it.

    >>> docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(["县政府召开常务会议。", "pp电子娱乐官网注册送88"])]
    >>> ctx = BatchContext.build(docs)
    >>> prepare_group(docs, ctx)
    >>> [doc.batch_memoised(ctx, "spam_hits") for doc in docs]
    [True, True]
    """
    for doc in docs:
        try:
            body_lines(doc, ctx)
        except Exception:  # met again, and recorded, where the document's inference reads it
            continue
    for doc in docs:
        try:
            if not _fiction(doc):
                spam_hits(doc, ctx)
        except Exception:  # (as above)
            continue


def host_units(doc: Document) -> frozenset[str]:
    """The units the page's own address (the manifest's URL, else a labelled 本文地址 in the text)
    names in its host, by the gazetteer's pinyin (www.tangyin.gov.cn: 汤阴县; xiaochang.cjyun.org:
    孝昌县; see :func:`url_region`); the path is not read: an aggregator's sections name regions
    its pages are not about.

    >>> sorted(host_units(Document.from_text("a.txt", "本文地址：http://www.tangyin.gov.cn/xw/1.html")))
    ['410523']
    """
    url = page_url(doc)
    host = _URL_HOST.match(url) if url else None
    region = url_region(f"http://{host.group(1)}/") if host else None
    return frozenset(region.candidates) if region else frozenset()


_URL_HOST = re.compile(r"\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//([^/?#:@\s]+)")


def _speaks_as_host(lines: list[tuple[int, str]], host: frozenset[str]) -> Inference | None:
    """A body that names no unit but speaks as one by its level alone (我县, 县委书记, 县政府) on a
    page whose host names one unit of that level or above it (www.tangyin.gov.cn, 汤阴县): that unit,
    as a weak answer at the least confidence an answer is given (``min_confidence``): a warning at
    most against a declaration. None otherwise."""
    if len(host) != 1:
        return None
    (code,) = host
    gaz = gazetteer()
    levels = _spoken_levels("\n".join(line for _, line in lines)) & _levels_at_or_below(code, gaz)
    if not levels:
        return None
    return Inference(code, gaz.province(code).name, SCORING.min_confidence, {}, False, (),
                     f"the body names no unit but speaks as a {'/'.join(sorted(levels))} and the page's "
                     f"host names {gaz.display_name(code)}", weak=True)


def _through_chrome(doc: Document, ctx: BatchContext, lines: list[tuple[int, str]],
                    owned: list[tuple[int, int]], runs: list[tuple[int, int]],
                    host: frozenset[str]) -> Inference | None:
    """An undeterminable body read again with every chrome line it left out as plain mentions
    (a share bar's 澳门特别行政区政府新闻局 Facebook, a 来源:今日永州 line, a portal's header): the
    page's own lines that BP took often name whose page it is. An answer so found is weak (see
    :attr:`Inference.weak`): at most ``once_max``, a warning at most against a declaration, and a
    title naming another unit still decides (:func:`with_title`). None when no chrome line is left
    or the answer is still undeterminable."""
    analysis = chrome_analysis(doc, ctx)
    read = {offset for offset, _ in lines}
    left = [line for line in _chrome_lines(doc, analysis, analysis.chrome) if line.start not in read]
    if not left:
        return None
    extra = [(line.start, line.text) for line in left]
    every = sorted(lines + extra)
    plain = sorted(owned + [(line.start, line.start + len(line.text)) for line in left])
    found = infer_region(_outside(every, runs) if runs else every, plain=plain, host=host)
    if found.adcode is None:
        return None
    return dataclasses.replace(found, confidence=min(found.confidence, SCORING.once_max), weak=True,
                               reason=found.reason or "named only in the page's chrome lines")


def _outside(lines: list[tuple[int, str]], runs: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """``lines`` without the text of ``runs`` (document offsets, in text order): a line a run cuts
    becomes its pieces before and after the run, each at its own offset.

    >>> _outside([(0, "由澳门某某娱乐官网团委主办"), (14, "全校师生参加")], [(1, 9)])
    [(0, '由'), (9, '团委主办'), (14, '全校师生参加')]
    """
    out = []
    k = 0
    for offset, text in lines:
        end = offset + len(text)
        while k < len(runs) and runs[k][1] <= offset:
            k += 1
        at = offset
        j = k
        while j < len(runs) and runs[j][0] < end:
            start, stop = max(runs[j][0], offset), min(runs[j][1], end)
            if start > at:
                out.append((at, text[at - offset : start - offset]))
            at = max(at, stop)
            j += 1
        if at == offset:
            out.append((offset, text))
        elif at < end:
            out.append((at, text[at - offset :]))
    return out


FICTION = "a page of fiction or a book's blurb: its places are a story's settings"


def _fiction(doc: Document) -> bool:
    """Whether the page is a story or a book's blurb (:func:`_fiction_markers`), read once a document: the
    group hook and the inference both ask (a scan of the whole text, ~16 µs a generated report)."""
    return doc.memo("region.fiction", lambda: _fiction_markers().search(doc.text) is not None)


@functools.lru_cache(maxsize=1)
def _fiction_markers() -> re.Pattern[str]:
    return re.compile("|".join(row[0].strip() for row in data.read_rows("region_fiction_markers.txt")))


def evidence_lines(doc: Document, ctx: BatchContext) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """The ``(offset, text)`` lines the body inference reads: body lines without the title line,
    and chrome lines naming the page's owner (see :func:`body_inference`), with the latter's
    ``(start, end)`` offsets; every chrome line so when no line is body."""
    heading = title_line(doc, ctx)
    body = body_lines(doc, ctx)
    read = [line for line in body if heading is None or line.start != heading.start]
    lines = [(line.start, line.text) for line in read]
    cards = _story_cards(read)
    owner = _owner_cues()
    analysis = chrome_analysis(doc, ctx)
    if not body and analysis.chrome:
        # every line is chrome (a story flattened onto one line with its date, source and tags):
        # what the page says is there, read as an owner line is, as plain mentions
        every = _chrome_lines(doc, analysis, analysis.chrome)
        return ([(line.start, line.text) for line in every],
                [(line.start, line.start + len(line.text)) for line in every])
    top = body[0].start if body else len(doc.text)
    owned: list[int] = []
    # a reporter's dateline (记者林坤玮/宜兰报导) and a breadcrumb ending in a place's news section
    # (首页>新闻中心>宝丰新闻) say where the story is, as a body line would: read in full
    placed: list[int] = []
    for i in analysis.chrome:
        text = analysis.lines[i].text
        if owner.search(text) or analysis.lines[i].start < top and _site_name(text):
            owned.append(i)
        elif places_story(text):
            placed.append(i)
    if not owned and not placed:
        return lines, cards
    # a welcome banner naming the site (欢迎光临睢宁新闻网!) is read as the body reads it, as before BP took it as chrome
    greeted = [i for i in owned if _SITE_GREETING.match(gazetteer().normalize(analysis.lines[i].text.strip()))]
    extra = _chrome_lines(doc, analysis, [i for i in owned if i not in greeted])
    located = _chrome_lines(doc, analysis, placed + greeted)
    return (sorted(lines + [(line.start, line.text) for line in extra + located]),
            sorted([(line.start, line.start + len(line.text)) for line in extra] + cards))


_CARDS_MIN = 2  # headlines in a row after the story
_STORY_END = ("。", "！", "？", "!", "?", "”", "」")


def _story_cards(body: list[Line]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the headlines the body ends with, two or more in a row after a line
    that ends a story's sentence: related stories' cards (东莞暴雨致多处水浸 under a Hong Kong story),
    which BP leaves in the body when no heading introduces them. They are read as owner lines are
    (:func:`_as_plain`): a province the story never names firmly counts only in passing there.

    >>> texts = ["天文台发出暴雨警告，提醒市民注意。", "东莞暴雨致多处水浸 市民出行受阻", "东莞气象台发布红色预警信号"]
    >>> starts = [0, 18, 35]
    >>> _story_cards([Line(n + 1, a, a + len(t), t) for n, (a, t) in enumerate(zip(starts, texts))])
    [(18, 34), (35, 48)]
    """
    run = 0
    while (run < len(body) and headline_shaped(line := body[-1 - run])
           and not _site_name(line.text)):  # (an issuer's signature: 泗水县文化和旅游局)
        run += 1
    if run < _CARDS_MIN or run == len(body) or not body[-1 - run].text.rstrip().endswith(_STORY_END):
        return []
    return [(line.start, line.start + len(line.text)) for line in body[-run:]]


def _chrome_lines(doc: Document, analysis: ChromeAnalysis, indexes: list[int]) -> list[Line]:
    if not indexes:
        return []
    return html.run_lines(doc, indexes) if html.is_html(doc) else [analysis.lines[i] for i in indexes]


def _site_name(text: str) -> bool:
    """Is a chrome line above the body only the site's name: an issuing body or a publisher
    (徐州政协, X区人民政府网站欢迎你, 宁海新闻网)? A page header names the site's owner."""
    normalized = gazetteer().normalize(text.strip())
    return any(_line_suffix(name).fullmatch(line) is not None
               for line in {normalized, _SITE_WELCOME.sub("", normalized),
                            _SITE_GREETING.sub("", normalized).rstrip("!！。~～ ")}
               for name in ("region_signature_suffixes.txt", "region_masthead_suffixes.txt"))


# what a site's name line may add after the owner's name: 网站欢迎您, 欢迎你!
_SITE_WELCOME = re.compile(r"(?:网站?)?(?:欢迎(?:您|你|光临)?)?[!！。]?$")
# ... or before it, a welcome banner (欢迎光临睢宁新闻网!, 您好,欢迎来到X官网): BP takes the banner as chrome
_SITE_GREETING = re.compile(r"^(?:您好|你好)?[,，!！\s]*(?:热烈)?欢迎(?:您|你)?(?:来到|光临|访问|莅临|进入|浏览)")


@functools.lru_cache(maxsize=1)
def _owner_cues() -> re.Pattern[str]:
    return re.compile("|".join(row[0].strip() for row in data.read_rows("region_owner_cues.txt")))


def document_inference(doc: Document, ctx: BatchContext) -> Inference:
    """What the document is about: the body's inference completed by its title (see
    :func:`with_title`), memoised. Manifest and URL claims are checked against this."""
    def compute() -> Inference:
        title = heading_title(doc, ctx)
        body = body_inference(doc, ctx)
        if title is None and body.adcode is None:
            title = _lone_headline(doc, ctx)
        return with_title(body, title) if title and body.reason != FICTION else body
    return doc.batch_memo(ctx, "region.inferred", compute)


def _lone_headline(doc: Document, ctx: BatchContext) -> str | None:
    """The document's only line when it is shaped as a headline (a tag page's or a teaser's
    天津属哪个省份, 海南琼中买房落户政策): with no story below it, the places it names are what the page is
    about, not ones named in passing, and it is read as a title (a news headline above a story is
    not: :func:`~scrapegate.rules.segmentation.heading_title`)."""
    lines = body_lines(doc, ctx)
    if len(lines) != 1 or not headline_shaped(lines[0]):
        return None
    return lines[0].text.strip()


# A title that names its unit together with one of these names the unit it speaks as (the author
# of a 政府工作报告, the government whose page it is), not a unit it merely mentions.
_TITLE_SELF = re.compile(f"政府工作报告|人民政府|人民代表大会|人大|政协|{_LEVEL}委|施政报告|政府")
TITLE_OWN_CONFIDENCE = 0.9   # the body names nothing else; the title names its own unit
TITLE_BARE_CONFIDENCE = 0.6  # the title merely names a unit


def with_title(body: Inference, title: str, gaz: Gazetteer | None = None) -> Inference:
    """The body's inference, decided or refined by the title.

    The body decides when it can; the title then only descends into a part of the body's unit
    that it names (body 天津市, title 天津市和平区2018年政府工作报告 -> 和平区), and, agreeing with
    the body, raises its confidence to what the title alone would give. When the body is
    undeterminable, the title decides among the body's candidates (its own name 朝阳区 denotes two
    units; the title says 北京市朝阳区), or alone when the body names nothing (a page titled
    XX县人民政府工作报告 whose text never repeats the name), with a confidence that says how much
    the title proves: ``TITLE_OWN_CONFIDENCE`` when the title names its unit as an institution
    (X人民政府, X政府工作报告), ``TITLE_BARE_CONFIDENCE`` otherwise. A title that contradicts the
    body changes nothing here (RG002 reports it), unless the body's answer is weak
    (:attr:`Inference.weak`, a guess): the title then decides as over an undeterminable body.
    """
    gaz = gaz or gazetteer()
    claimed = resolve_declared(title, gaz)
    if not claimed:
        return body
    own = bool(_TITLE_SELF.search(title))
    confidence = TITLE_OWN_CONFIDENCE if own else TITLE_BARE_CONFIDENCE
    if body.adcode is not None:
        adcode = body.adcode
        if any(gaz.related(c, adcode) for c in claimed):
            deeper = {c for c in claimed if c != adcode and gaz.within(c, adcode)}
            if len(deeper) == 1:
                adcode = deeper.pop()
            # the title agrees: the two together prove at least what the title alone would (a weak
            # body's guess no longer is one)
            return dataclasses.replace(body, adcode=adcode, weak=False,
                                       confidence=max(body.confidence, confidence))
        if not body.weak:
            return body
    # (the body is undeterminable, or a weak guess the title contradicts: the title decides)
    supported = [c for c in claimed if body.province_shares.get(gaz.province(c).name, 0) > 0]
    choice = supported or list(claimed)
    if len(choice) != 1:
        return body
    return dataclasses.replace(body, adcode=choice[0], province=gaz.province(choice[0]).name,
                               confidence=confidence, self_referenced=own, weak=False,
                               reason=f"decided by the title ({title.strip()[:40]})")


@dataclass(frozen=True)
class Declared:
    """A claim about the document's region. ``candidates`` are adcodes (several when the name is
    ambiguous, 鼓楼区; provinces of a macro-region for a URL); empty when the name is unknown."""

    source: str          # manifest | expect-region | title | url
    text: str            # the claim as given: 湖北省, the title, the URL
    label: str           # the region named: 湖北省, 张湾区, 华中
    candidates: tuple[str, ...]
    span: Span | None = None

    def agrees_with(self, adcode: str, gaz: Gazetteer) -> bool:
        """Consistent at the deepest common level: 宜昌市 agrees with 宜昌市猇亭区 and with 湖北省."""
        return any(gaz.related(c, adcode) for c in self.candidates)


def declared_regions(doc: Document, ctx: BatchContext) -> list[Declared]:
    """Every claim, strongest source first: manifest, --expect-region, title, URL. Memoised."""
    def compute() -> list[Declared]:
        gaz = gazetteer()
        out = []
        manifest = doc.manifest
        if manifest and manifest.region:
            out.append(_declared_name("manifest", manifest.region, gaz))
        if ctx.expect_region and not (manifest and manifest.region):
            out.append(_declared_name("expect-region", ctx.expect_region, gaz))
        title = heading_title(doc, ctx)
        if title:
            candidates = resolve_declared(title, gaz)
            if candidates:
                heading = title_line(doc, ctx)
                span = heading.span if heading and heading.text.strip() == title.strip() else None
                out.append(Declared("title", title, _label(candidates, title, gaz), candidates, span))
        url = source_url(doc)
        region = url_region(url) if url else None
        if url and region:
            at = doc.text.find(url)
            span = Span(at, at + len(url)) if at >= 0 else None
            out.append(Declared("url", url, region.label, region.candidates, span))
        return out
    return doc.batch_memo(ctx, "region.declared", compute)


def _declared_name(source: str, name: str, gaz: Gazetteer) -> Declared:
    candidates = resolve_declared(name, gaz)
    return Declared(source, name, _label(candidates, name, gaz), candidates)


def _label(candidates: tuple[str, ...], fallback: str, gaz: Gazetteer) -> str:
    if len(candidates) == 1:
        return gaz.display_name(candidates[0])
    names = {gaz.unit(c).name for c in candidates}
    return names.pop() if len(names) == 1 else fallback


def full_name(adcode: str, gaz: Gazetteer) -> str:
    """The unit with its province: 湖北省宜昌市猇亭区, 上海市浦东新区, 湖北省."""
    name = gaz.display_name(adcode)
    province = gaz.province(adcode).name
    return name if name == province else f"{province}{name}"


def province_label(codes: Iterable[str], gaz: Gazetteer) -> str | None:
    names = sorted({gaz.province(c).name for c in codes})
    return "|".join(names) if names else None


def document_region(doc: Document, ctx: BatchContext) -> dict[str, Any]:
    """The report's ``document.region`` block: ``{"declared": {...} | None, "inferred": {...} | None}``.

    ``declared`` is the strongest claim (manifest, --expect-region, title, URL) with its source;
    an ambiguous name (鼓楼区) is resolved by the body when one of its candidates agrees with it.
    ``inferred`` names the unit as its path below the province (无锡市新吴区).
    """
    def compute() -> dict[str, Any]:
        gaz = gazetteer()
        inference = document_inference(doc, ctx)
        inferred = None
        if inference.adcode is not None:
            inferred = {"name": gaz.display_name(inference.adcode), "province": inference.province,
                        "adcode": inference.adcode, "confidence": inference.confidence}
        claims = declared_regions(doc, ctx)
        declared = _declared_block(claims[0], inference, gaz) if claims else None
        return {"declared": declared, "inferred": inferred}
    return doc.batch_memo(ctx, "region.report", compute)


def _declared_block(claim: Declared, inference: Inference, gaz: Gazetteer) -> dict[str, Any]:
    candidates = claim.candidates
    if claim.source == "url":
        only = candidates[0] if len(candidates) == 1 else None
        provinces = {gaz.province(c).name for c in candidates}
        return {"name": claim.label, "province": provinces.pop() if len(provinces) == 1 else None,
                "adcode": only, "source": claim.source}
    if len(candidates) > 1 and inference.adcode:
        agreeing = tuple(c for c in candidates if gaz.related(c, inference.adcode))
        candidates = agreeing or candidates
    if len(candidates) == 1:
        code = candidates[0]
        return {"name": gaz.display_name(code), "province": gaz.province(code).name,
                "adcode": code, "source": claim.source}
    provinces = {gaz.province(c).name for c in candidates}
    return {"name": claim.label, "province": provinces.pop() if len(provinces) == 1 else None,
            "adcode": None, "source": claim.source}
