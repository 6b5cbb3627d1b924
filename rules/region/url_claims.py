"""What a page's URL says about its region, read from its host labels and path segments.

A token names a region when it is an aggregator's macro-region section or a province's pinyin
(``/baogao/huazhong/`` = 华中, ``www.jiangsu.gov.cn``: ``region_macro.tsv``) or the pinyin of a
prefecture- or county-level name (``/lixin/``, ``qiqihaer.``, ``www.shenqiu.gov.cn``:
``gazetteer_pinyin.tsv``, built with the gazetteer by ``scripts/build_gazetteer.py``), also
after its province's or prefecture's initials (``ytlaishan`` = 烟台 yt + 莱山, ``jxnanchang``:
``gazetteer_initials.tsv``; the initials must be those of a unit the county lies in), and, as a
government site's own label, initials after initials (``www.cqyz.gov.cn`` = 重庆 cq + 渝中 yz, when one
unit of the parent has those initials), also with a government organ's initials after them
(``www.gxbsrd.gov.cn`` = 广西 gx + 百色 bs + 人大 rd).

A pinyin key that is also another word (``dongtai`` 动态, ``xian`` 县, ``guide``, ``heping`` 和平)
counts only when another token of the URL names a unit related to it (``/sanming/yongan/``:
三明市 and its 永安市; ``tianjin.cncn.com/heping/``). Several tokens narrow each other down to
the deepest consistent units (``tianjin`` + ``heping`` = 天津市和平区, not 沈阳's or 广东's); a
token that names nothing related to the first one is ignored. A government site's own label
(the one before ``.gov.cn``: ``www.shenqiu.gov.cn``, ``sfj.weinan.gov.cn``) names its unit even
when it is also a word (深秋). A host under ``.tw``, ``.hk`` or
``.mo`` names units of that region only (``wenshan.org.tw`` is not 云南's 文山). A gateway URL
(``big5.taiwan.cn/gate/big5/econ.chinataiwan.cn/…``: a portal serving another site's page in
traditional characters) is read as the page's own URL, the host after ``/gate/<charset>/``: the
gateway's host names the portal (台湾 for a 定西 page), not the page's region. A path that spells
a name in Han characters, raw or percent-encoded (a tag page's ``/tag/%E5%B1%8F%E6%9D%B1%E7%B8%A3…``
屏東縣, ``/huandun/宁夏回族自治区/``): each name the characters hold (not an everyday word's) is a
token after the Latin ones, narrowing as they do (天津市南開區: 南开区).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote

from scrapegate.checks.textnorm import HAN_CHARS
from scrapegate.rules import data
from scrapegate.rules.region.gazetteer import GUARDED, Gazetteer, context_patterns, gazetteer

# a host's top-level domain -> the adcode prefix of the region its pages' units are in
_REGION_DOMAINS = {"tw": "71", "hk": "81", "mo": "82"}
_TOKENS = re.compile(r"[a-z0-9]+")
_HOST = re.compile(r"//([^/?#:@\s]+)")
_GATEWAY = re.compile(r"/gate/[a-z0-9_-]+/([a-z0-9-]+(?:\.[a-z0-9-]+)+)")
_HAN_RUN = re.compile(f"[{HAN_CHARS}]{{2,}}")


@dataclass(frozen=True)
class UrlRegion:
    """The region a URL names: ``label`` as reported (华中, 利辛县, or the token when it stays
    ambiguous: ``heping``), ``candidates`` the adcodes it may mean (a macro-region's provinces,
    a pinyin key's units)."""

    label: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class _Token:
    text: str
    label: str | None  # a macro-region's or province's name
    candidates: frozenset[str]
    guarded: bool


@functools.lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, tuple[tuple[str, ...], bool]]:
    rows = data.read_rows("gazetteer_pinyin.tsv")
    return {key: (tuple(codes.split("|")), bool(guard)) for key, codes, guard in rows if key != "key"}


@functools.lru_cache(maxsize=1)
def _initials_table() -> dict[str, tuple[str, ...]]:
    return {key: tuple(codes.split("|")) for key, codes in data.read_rows("gazetteer_initials.tsv")
            if key != "initials"}


_INITIALS_MAX = 4  # letters of a parent's initials before a county's pinyin (黔东南 qdn)


def _after_initials(text: str, gaz: Gazetteer) -> frozenset[str]:
    """The units ``text`` names as a parent's initials and a unit's pinyin (ytlaishan), if any."""
    pinyin, initials = _pinyin_table(), _initials_table()
    for cut in range(2, min(_INITIALS_MAX, len(text) - 4) + 1):
        parents = initials.get(text[:cut])
        if parents and text[cut:] in pinyin:
            units = frozenset(c for c in pinyin[text[cut:]][0]
                              if any(gaz.within(c, p) and c != p for p in parents))
            if units:
                return units
    return frozenset()


@functools.lru_cache(maxsize=1)
def _unit_initials() -> dict[str, frozenset[str]]:
    """The initials of every pinyin key, syllable by syllable (yuzhong: yz, chengkou: ck), and the
    units of that key: what a government site's label spells after its parent's initials (cqyz)."""
    out: dict[str, set[str]] = {}
    for key, (codes, _) in _pinyin_table().items():
        syllables = _syllables(key)
        if syllables and len(syllables) > 1:
            out.setdefault("".join(s[0] for s in syllables), set()).update(codes)
    return {initials: frozenset(codes) for initials, codes in out.items()}


@functools.lru_cache(maxsize=None)
def _syllables(key: str) -> tuple[str, ...] | None:
    """``key`` cut into pinyin syllables, the longest first at each step (haidian: hai dian,
    xian: xian), or None when it cannot be (each ending cut once: the keys share them).

    >>> _syllables("haidian"), _syllables("chengkou"), _syllables("xyz")
    (('hai', 'dian'), ('cheng', 'kou'), None)
    """
    if not key:
        return ()
    for width in range(min(6, len(key)), 0, -1):
        if _SYLLABLE.fullmatch(key, 0, width) and (rest := _syllables(key[width:])) is not None:
            return (key[:width], *rest)
    return None


def _initials_pair(text: str, gaz: Gazetteer) -> frozenset[str]:
    """The units a government site's own label names as its parent's initials and its own (cqyz:
    重庆 cq + 渝中 yz, sysjs: 双鸭山 sys + 尖山 js), when exactly one unit of those initials lies in
    the parent; else nothing.

    >>> gaz = gazetteer()
    >>> [gaz.display_name(c) for c in _initials_pair("cqyz", gaz)], [gaz.display_name(c) for c in _initials_pair("tjhb", gaz)]
    (['渝中区'], ['河北区'])
    """
    initials, units = _initials_table(), _unit_initials()
    for cut in range(2, min(_INITIALS_MAX, len(text) - 2) + 1):
        parents, children = initials.get(text[:cut]), units.get(text[cut:])
        if parents and children:
            inside = frozenset(c for c in children if any(gaz.within(c, p) and c != p for p in parents))
            if len(inside) == 1:
                return inside
    return frozenset()


# the initials of a government organ a unit's site may append to its label (gxbsrd: 广西 百色 人大):
# 人民政府, 政府, 人大, 政协, 纪委, 法院, 检察院, 公安局, the longest first
_ORGAN_INITIALS = ("rmzf", "jcy", "gaj", "zf", "rd", "zx", "jw", "fy")


def _organ_pair(text: str, gaz: Gazetteer) -> frozenset[str]:
    """The unit a government site's own label names as its parent's initials and its own
    (:func:`_initials_pair`), or as the initials of one unit only (sd: 山东), followed by a government
    organ's initials (gxbsrd: 广西 gx + 百色 bs + 人大 rd; sdrd: 山东 sd + 人大 rd).

    >>> gaz = gazetteer()
    >>> [[gaz.display_name(c) for c in _organ_pair(label, gaz)] for label in ("gxbsrd", "sdrd", "gxrd", "gxbs")]
    [['百色市'], ['山东省'], [], []]
    """
    for organ in _ORGAN_INITIALS:
        if text.endswith(organ) and len(text) > len(organ):
            unit = text[: -len(organ)]
            alone = _initials_table().get(unit, ())
            return frozenset(alone) if len(alone) == 1 else _initials_pair(unit, gaz)
    return frozenset()


def url_region(url: str) -> UrlRegion | None:
    """The region ``url``'s tokens name, or None. ``/baogao/huazhong/6191.html`` -> 华中 (河南省,
    湖北省, 湖南省); ``http://www.shenqiu.gov.cn/newslast_1.html`` -> 沈丘县."""
    gaz = gazetteer()
    tokens = _region_tokens(url.lower(), gaz)
    accepted = _accepted(tokens, lambda a, b: _related(a, b, gaz))
    if not accepted:
        return None
    anchor = accepted[0]
    candidates = set(anchor.candidates)
    for token in accepted[1:]:
        deeper = {c for c in token.candidates
                  if any(gaz.within(c, a) and c != a for a in candidates)}
        narrowed = {a for a in candidates if any(gaz.related(a, c) for c in token.candidates)}
        candidates = deeper or narrowed or candidates
    codes = tuple(sorted(candidates))
    if len(codes) == 1:
        return UrlRegion(gaz.display_name(codes[0]), codes)
    if anchor.label and candidates == anchor.candidates:
        return UrlRegion(anchor.label, codes)
    return UrlRegion(anchor.text, codes)


def _region_tokens(url: str, gaz: Gazetteer) -> list[_Token]:
    """The URL's tokens that name regions, host labels first, then the path and query."""
    found = _HOST.search(url)
    host, rest = (found.group(1), url[found.end():]) if found else ("", url)
    if gateway := _GATEWAY.match(rest):
        host, rest = gateway.group(1), rest[gateway.end():]
    region = _REGION_DOMAINS.get(host.rsplit(".", 1)[-1]) if host else None
    macro = context_patterns().macro
    pinyin = _pinyin_table()
    out = []
    labels = host.split(".")
    own = labels[-3] if len(labels) >= 3 and labels[-2:] == ["gov", "cn"] else None
    for text, slug in [(t, False) for t in _TOKENS.findall(host)] + _slug_words(rest, pinyin, macro):
        if text in macro:
            label, provinces = macro[text]
            out.append(_Token(text, label, frozenset(c for name in provinces for c in gaz.lookup(name)
                                                     if gaz.unit(c).level == 1), slug))
        elif text in pinyin:
            units, guarded = pinyin[text]
            out.append(_Token(text, None, frozenset(units), slug or (guarded and text != own)))
        elif initials := _after_initials(text, gaz):
            out.append(_Token(text, None, initials, False))
        elif text == own and (pair := _initials_pair(text, gaz) or _organ_pair(text, gaz)):
            out.append(_Token(text, None, pair, False))
        else:
            continue
        if region:
            kept = frozenset(c for c in out[-1].candidates if c.startswith(region))
            if kept:
                out[-1] = _Token(text, out[-1].label, kept, out[-1].guarded)
            else:
                out.pop()
    if "%" in rest or not rest.isascii():
        for run in _HAN_RUN.findall(unquote(rest, errors="replace")):
            for mention in gaz.mention_list(gaz.normalize(run)):
                named = frozenset(c for c in mention.candidates if not region or c.startswith(region))
                if named and mention.kind != GUARDED:
                    out.append(_Token(mention.surface, None, named, False))
    return out


# a pinyin syllable (an initial, then a final): the pieces of a slug spelt one syllable at a time
_SYLLABLE = re.compile("(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?"
                       "(?:[iu]?ang|i?ong|[iu]?an|iao|uai|[iu]?a|[iu]?o|[iu]?e|[ae]i|[ai]o|ou|iu|ui|[aeiuv]n|[ae]ng|ing|er|[aeiouv])")
_SLUG = re.compile(r"[a-z]+(?:-[a-z]+){2,}")
_SLUG_JOIN = 3  # syllables of the longest word read from a slug (xi-ang-shan: 3 would do for 象山)


def _slug_words(path: str, pinyin: dict[str, tuple[tuple[str, ...], bool]],
                macro: dict[str, tuple[str, tuple[str, ...]]]) -> list[tuple[str, bool]]:
    """The path's tokens, each with whether it was read from a slug: a run of single pinyin
    syllables (jie-mi-nan-chang-xin-jian-qu, an article's title spelt syllable by syllable) is
    read as the words its syllables join into, at each syllable the longest run of up to
    ``_SLUG_JOIN`` that is a region's pinyin key (nanchang, xinjianqu), and no syllable alone
    (yuan in zhu-yuan and jia-yuan is no 裕安). A whole sentence spelt so joins into some county's
    key by chance (zhi-hui-yu-li-liang: yuli, 尉犁), so a slug's words count as guarded keys do:
    only with another token of the URL related to them (nanchang and its xinjianqu).

    >>> _slug_words("/html/jie-mi-nan-chang-xin-jian-qu-she-qu.html", _pinyin_table(), {})
    [('html', False), ('nanchang', True), ('xinjianqu', True), ('html', False)]
    >>> _slug_words("/news/shenqiu-2023/1.html", _pinyin_table(), {})
    [('news', False), ('shenqiu', False), ('2023', False), ('1', False), ('html', False)]
    """
    out: list[tuple[str, bool]] = []
    position = 0
    for slug in _SLUG.finditer(path):
        syllables = slug.group().split("-")
        if not all(_SYLLABLE.fullmatch(s) for s in syllables):
            continue
        out += [(t, False) for t in _TOKENS.findall(path[position : slug.start()])]
        position = slug.end()
        i = 0
        while i < len(syllables):
            for width in range(min(_SLUG_JOIN, len(syllables) - i), 1, -1):
                word = "".join(syllables[i : i + width])
                if word in pinyin or word in macro:
                    out.append((word, True))
                    i += width
                    break
            else:
                i += 1
    return out + [(t, False) for t in _TOKENS.findall(path[position:])]


def _accepted(tokens: list[_Token], related: Callable[[frozenset[str], frozenset[str]], bool]) -> list[_Token]:
    """``tokens`` without the guarded ones that no other token of the URL is ``related`` to.

    Whether a token counts depends only on the set of values of the other tokens (a repeated token's
    other copy is one of them), so each distinct token is judged once: a URL that repeats a thousand
    guarded keys costs what its distinct keys cost, not the square of its length.

    >>> a, b = _Token("a", None, frozenset({"1"}), True), _Token("b", None, frozenset({"2"}), True)
    >>> [t.text for t in _accepted([a, b, a], lambda x, y: x == y)]
    ['a', 'a']
    """
    counts = Counter(tokens)
    kept = {t for t in counts
            if not t.guarded or any(related(t.candidates, o.candidates) for o in counts if o != t or counts[t] > 1)}
    return [t for t in tokens if t in kept]


def _related(a: frozenset[str], b: frozenset[str], gaz: Gazetteer) -> bool:
    return any(gaz.related(x, y) for x in a for y in b)
