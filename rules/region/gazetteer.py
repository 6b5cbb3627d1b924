"""The gazetteer of Chinese administrative units and a fast matcher of their names in text.

Data: ``rules/data/gazetteer.tsv`` (built by ``scripts/build_gazetteer.py`` from jionlp's tables,
Apache-2.0, see ``gazetteer.NOTICE``). Loaded once per process; matching is one Aho-Corasick pass
(ahocorasick-rs, leftmost-longest) over the text after a length-preserving traditional ->
simplified translation, so every match offset is an offset into the original text.

Also here: what context makes a name the text's own unit (:func:`is_self_reference`, phrases in
``region_selfref.tsv``), resolving a declared name or title to units (:func:`resolve_declared`); a URL's region tokens
are read in ``url_claims``.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import ahocorasick_rs
import numpy as np
from scrapegate.checks.textnorm import FOUR_HAN, HAN, HAN_CHARS, code_points, from_code_points, simplified_chars
from scrapegate.rules import data
from scrapegate.rules.region import pattern_shape, segmentation

NAME = "name"          # the full name: 新吴区
FORMER = "former"      # a former name: 襄樊市, 偃师市
ALIAS = "alias"        # a distinctive short form: 新吴, 猇亭
GUARDED = "guarded"    # a short form that is an ordinary word (合作, 资源, 新建), or a full name
                       # that is not proof on its own (兴县 in 生态兴县, 东区): never matched bare
BLOCKED = "blocked"    # a phrase containing a name that is not a mention: 长治久安
_KIND_RANK = {NAME: 0, FORMER: 1, ALIAS: 2, GUARDED: 3, BLOCKED: 4}
LEVEL_CHARS = "省市区县旗州盟"  # the level word a unit's name ends in (朝阳区, 若羌县)
# what makes 县委, 县政府, 县长, 县人大 ... a word after a name's level character
_LEVEL_WORD_TAILS = ("委", "政府", "长", "人大", "政协", "直", "城", "域")
# what may follow a one-character name with its level and start with 长 (和县长江大桥)
_LEVEL_PAIR_PLACES = ("长江", "长城")
# Hong Kong's districts and Macao's islands are the communities their 社區 words speak of
# (深水埗社區客廳 is the district's, 氹仔社區中心 the island's)
_COMMUNITY = "社区"
HONG_KONG = "81"  # the adcode prefix of Hong Kong and its districts
MACAO = "82"
TAIWAN = "71"  # and of Taiwan and its cities
OFFSHORE = (HONG_KONG, MACAO, TAIWAN)  # the adcode prefixes of the regions outside the mainland



@dataclass(frozen=True)
class Unit:
    """One administrative unit: level 1 province, 2 prefecture, 3 county."""

    adcode: str
    level: int
    name: str
    parent: str | None


class Mention(NamedTuple):
    """A place name found in text: ``candidates`` are the units it may denote, best kind first."""

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    kind: str


class Gazetteer:
    """Units by adcode, their names, and a matcher over all names."""

    def __init__(self, units: dict[str, Unit], surfaces: dict[str, dict[str, str]],
                 t2s: dict[str, str], words: dict[str, int] | None = None,
                 function_chars: str = "", blocking_next: tuple[str, ...] = (),
                 office_prefixes: str = "", blocking_except: tuple[str, ...] = (),
                 town_words: tuple[str, ...] = (), seat_towns: dict[str, str] | None = None,
                 name_suffixes: tuple[str, ...] = ()) -> None:
        self.units = units
        # what may follow a short name as part of its word when its neighbourhood is segmented
        # (省, 自治区, 人, 方言: :func:`segmentation.inside_other_words`)
        self._name_suffixes = name_suffixes
        # towns named after their county and borne by no other town (团风镇 -> 团风县), and by the
        # name before the title (_seat_stems): a town word after such a name does not block it
        self._seat_towns = seat_towns or {}
        self._blocking_next = blocking_next
        # the blocking words that make a name a subdistrict, town, village or community of its
        # own (gazetteer_not_mentions.tsv's town rows: 桂林街道, 沙田镇, 平乐古镇)
        self._town_words = town_words
        self._blocking_except = blocking_except  # what a blocking word starts that blocks nothing (围绕)
        self._words = words or {}
        self._function_chars = frozenset(function_chars)
        self._office_prefixes = frozenset(office_prefixes)
        self._surfaces = surfaces  # surface -> {adcode: kind}
        self._t2s = str.maketrans(t2s)
        # str.translate is slow; most text has no traditional character at all (one character is
        # enough to know: a repeated class is tried at every position, a single one is scanned for)
        self._has_traditional = re.compile("[" + re.escape("".join(t2s)) + "]") if t2s else None
        self._t2s_table: np.ndarray | None = None  # the same mapping per code point (numpy)
        # the Chinese names, then the English ones (gazetteer_english.tsv), each matched by an
        # automaton of its own: Chinese names all start with a non-ASCII byte, which lets the
        # Chinese automaton skip ASCII runs (markup, numbers, Latin words) fast
        self._patterns = sorted(surfaces, key=lambda surface: (surface.isascii(), surface))
        chinese = sum(not surface.isascii() for surface in self._patterns)
        # per pattern, computed once: its best kind, the units it denotes by that kind, the
        # surface, whether it is short enough for the word-boundary checks (a short form, or a
        # full name of two characters), whether it starts with a conjunction (和县), whether it is
        # a one-character name with its level (康县, 和县, 代县) and whether it is one that starts
        # with an office title's prefix (代县: 代县长)
        self._pattern_info: list[tuple[str, tuple[str, ...], str, bool, bool, bool, bool]] = []
        for surface in self._patterns:
            kinds = surfaces[surface]
            if len(kinds) == 1:  # most names: one unit
                ((code, kind),) = kinds.items()
                candidates: tuple[str, ...] = (code,)
            else:
                best = min(_KIND_RANK[k] for k in kinds.values())
                kind = next(k for k, r in _KIND_RANK.items() if r == best)
                candidates = tuple(sorted(c for c, k in kinds.items() if _KIND_RANK[k] == best))
            self._pattern_info.append((
                kind, candidates, surface,
                kind in (ALIAS, GUARDED) or len(surface) <= 2,
                len(surface) == 2 and surface[0] in self._function_chars,
                len(surface) == 2 and surface[1] in LEVEL_CHARS and surface[0] in self._office_prefixes,
                len(surface) == 2 and surface[1] in LEVEL_CHARS))
        # per pattern, what mention_list's word-boundary checks read, computed once: can a street
        # or town word after it block it, does it end in its level character, can a more frequent
        # word straddle its first or last character at all (:meth:`_straddle_possible`: most
        # names have no such word), and the name's own word count
        before, after = self._word_edge_counts()
        self._check_info: list[tuple[bool, bool, bool, bool, int]] = [
            (kind == ALIAS or kind == GUARDED or (kind == FORMER and surface[-1] not in LEVEL_CHARS),
             surface[-1] in LEVEL_CHARS, can_left, can_right, self._words.get(surface, 0))
            for (kind, _, surface, *_), (can_left, can_right) in zip(self._pattern_info,
                                                                     self._straddle_possible(before, after))]
        self._blocking_first = frozenset(word[0] for word in blocking_next)
        # full names whose stem is an ordinary word guarded as their short form (会同县: 会同,
        # "jointly with"): before a placeholder of levels (县（市、区）, 县级) the level character
        # is the generic level word and the stem the word (应当会同县（市、区）住房和城乡建设部门)
        self._word_stems = frozenset(
            index for index, (kind, candidates, surface, *_) in enumerate(self._pattern_info)
            if kind == NAME and len(surface) > 2 and surface[-1] in LEVEL_CHARS
            and any(surfaces.get(surface[:-1], {}).get(code) == GUARDED for code in candidates))
        # full names of three characters ending in their level (新兴区, 新兴县): the tail of a slogan
        # (创新兴区) when a word takes their first character (:func:`_in_slogan_list`)
        self._slogan_tails = frozenset(
            index for index, (kind, _, surface, *_) in enumerate(self._pattern_info)
            if kind == NAME and len(surface) == 3 and surface[-1] in LEVEL_CHARS)
        # short names that some word can straddle on both sides at once (隆重|庆祝 over 重庆),
        # whatever the words' counts: :func:`_split_by_words` reads these only
        self._two_sided = frozenset(
            index for index, (_, _, surface, checked, *_) in enumerate(self._pattern_info)
            if checked and surface[0] in before and surface[-1] in after)
        # short names made of a numeral and a counted noun (双城, 五河, 三水): before a verb of
        # joint action they count the cities or rivers of a campaign (双城同创, 五河共治)
        self._count_names = frozenset(
            index for index, (kind, _, surface, *_) in enumerate(self._pattern_info)
            if kind in (ALIAS, GUARDED) and len(surface) == 2 and surface[0] in _NUMERALS
            and surface[1] in _COUNTED)
        self._community_names = frozenset(
            index for index, (_, candidates, *_) in enumerate(self._pattern_info)
            if candidates and all(c.startswith((HONG_KONG, MACAO)) for c in candidates))
        # the English names' pattern indexes are those from this offset on: whole words only (:func:`_english_word`)
        self._english_offset = chinese
        self._english_matcher = ahocorasick_rs.AhoCorasick(
            self._patterns[chinese:], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA) if chinese < len(self._patterns) else None
        # A contiguous NFA, not a DFA: alone and warm the DFA's pass is about twice as fast, but it takes
        # 14 MB (the NFA 0.6 MB), and in a check of all rules, where the other families' tables evict it,
        # its pass took 1.5-1.7x the NFA's (in-process pairs, generated, short and shared pages); the NFA
        # also builds in 13 ms instead of 27. Every implementation finds the same leftmost-longest matches.
        self._matcher = ahocorasick_rs.AhoCorasick(
            self._patterns[:chinese], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        self._chains: dict[str, tuple[Unit, ...]] = {}
        # every unit's ancestors and province, computed once, as dicts the inference reads per
        # mention (a look-up instead of a method call); a unit whose parent is missing (a
        # hand-made gazetteer) stays out and fails when used (KeyError)
        self.ancestor_sets: dict[str, frozenset[str]] = {}
        self.province_codes: dict[str, str] = {}
        for code in units:
            try:
                chain = self.chain(code)
            except KeyError:
                continue
            self.ancestor_sets[code] = frozenset(u.adcode for u in chain)
            self.province_codes[code] = chain[0].adcode

    def _word_edge_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(a character -> the highest count of a word of two or three characters ending in it, ... of one
        starting with it)."""
        before: dict[str, int] = {}
        after: dict[str, int] = {}
        for word, count in self._words.items():
            if 1 < len(word) < 4:
                if count > before.get(last := word[-1], 0):
                    before[last] = count
                if count > after.get(first := word[0], 0):
                    after[first] = count
        return before, after

    def _straddle_possible(self, before: dict[str, int], after: dict[str, int]) -> list[tuple[bool, bool]]:
        """Per pattern (left, right): whether some word over the name's first character (x+first,
        xy+first) or over its last (last+x, last+xy) is more frequent than the name itself (``before``,
        ``after``: :meth:`_word_edge_counts`)."""
        count_of = self._words.get
        return [(before.get(surface[0], 0) > (own := count_of(surface, 0)), after.get(surface[-1], 0) > own)
                for surface in self._patterns]

    # -- hierarchy ---------------------------------------------------------------------------
    def unit(self, adcode: str) -> Unit:
        return self.units[adcode]

    def chain(self, adcode: str) -> tuple[Unit, ...]:
        """The unit and its ancestors, province first (computed once per unit)."""
        chain = self._chains.get(adcode)
        if chain is None:
            out = []
            code: str | None = adcode
            while code:
                unit = self.units[code]
                out.append(unit)
                code = unit.parent
            chain = self._chains[adcode] = tuple(out[::-1])
        return chain

    def province(self, adcode: str) -> Unit:
        return self.chain(adcode)[0]

    def province_code(self, adcode: str) -> str:
        """The adcode of the unit's province."""
        return self.province_codes[adcode]

    def ancestors(self, adcode: str) -> frozenset[str]:
        """The unit's adcode and its ancestors'."""
        return self.ancestor_sets[adcode]

    def within(self, inner: str, outer: str) -> bool:
        """True if ``inner`` is ``outer`` or lies inside it."""
        return outer in self.ancestors(inner)

    def related(self, a: str, b: str) -> bool:
        """True if one unit contains the other (they agree at their deepest common level)."""
        return self.within(a, b) or self.within(b, a)

    def names_parent(self, before: "Mention", mention: "Mention") -> bool:
        """``before`` ends where ``mention`` starts and names an ancestor of one of its units
        (马鞍山市|和县, 攀枝花市|东区, 吕梁|兴县): the name is then meant as that unit."""
        return before.end == mention.start and self._names_parent_of(before.candidates,
                                                                     mention.candidates)

    def _names_parent_of(self, before: tuple[str, ...], candidates: tuple[str, ...]) -> bool:
        """One of ``before`` is an ancestor of one of ``candidates``."""
        return any(p != c and self.within(c, p) for c in candidates for p in before)

    def guarded_counts(self, text: str, mentions: list["Mention"], i: int) -> bool:
        """Does guarded mention ``i`` count without a self-reference? Right after its parent's
        name (马鞍山市和县), or, for a two-character county name (兴县, 高县), at the start of a
        line or clause, where its first character cannot belong to a preceding word."""
        mention = mentions[i]
        if i and self.names_parent(mentions[i - 1], mention):
            return True
        return (len(mention.surface) == 2 and mention.surface[1] == "县"
                and (mention.start == 0 or not HAN.match(text, mention.start - 1)))


    def display_name(self, adcode: str) -> str:
        """The path below the province (无锡市新吴区); a province is named by itself."""
        chain = self.chain(adcode)
        below = chain[1:] if len(chain) > 1 else chain
        return "".join(u.name for u in below)

    # -- names -------------------------------------------------------------------------------
    @property
    def traditional_codes(self) -> tuple[int, ...]:
        """The code points :meth:`normalize` rewrites."""
        return tuple(self._t2s)

    def has_traditional(self, text: str) -> bool:
        """Does :meth:`normalize` rewrite a character of ``text``?"""
        return self._has_traditional is not None and self._has_traditional.search(text) is not None

    def normalize(self, text: str) -> str:
        """Traditional -> simplified, one character for one (length preserving)."""
        if not self.has_traditional(text):
            return text  # (most text has none: one scan in C, where the table's arrays cost a few µs a call)
        # one table lookup per code point: str.translate costs about 0.2 µs a character, and
        # translating each run of traditional characters alone (a regex substitution calling
        # back per run) is as slow on a Hong Kong or Taiwan page, where runs are everywhere
        table = self._t2s_table
        if table is None:
            table = np.arange(max(self._t2s) + 1, dtype=np.uint32)
            table[list(self._t2s)] = [ord(v) for v in self._t2s.values()]
            self._t2s_table = table
        codes = code_points(text)
        inside = codes < len(table)
        mapped = codes.copy()
        mapped[inside] = table[codes[inside]]
        return from_code_points(mapped)

    def _is_name(self, text: str) -> bool:
        return bool(self._lookup_normalized(text))

    @functools.cached_property
    def _place_words(self) -> segmentation.PlaceWords:
        """What the word cut needs to know of the names (loads the word table: on the first short
        name checked)."""
        names = {surface for surface, entry in self._surfaces.items() if any(k != BLOCKED for k in entry.values())}
        return segmentation.PlaceWords(segmentation.suffixes_by_first(self._name_suffixes), self._is_name,
                                       segmentation.own_compound_rests(segmentation.segment_words(), names))

    def lookup(self, name: str) -> list[str]:
        """Units whose full name, former name or short form is exactly ``name`` (any kind)."""
        return self._lookup_normalized(self.normalize(name.strip()))

    def _lookup_normalized(self, name: str) -> list[str]:
        found = {c: k for c, k in self._surfaces.get(name, {}).items() if k != BLOCKED}
        return sorted(found, key=lambda code: (_KIND_RANK[found[code]], code))

    def mentions(self, text: str, normalized: str | None = None,
                 quiet_guarded: tuple[frozenset[str], frozenset[str]] | None = None) -> Iterator[Mention]:
        """Every unit name in ``text`` (leftmost-longest, non-overlapping), guarded ones included:
        callers decide whether a guarded short form counts in its context.

        A short name (a short form, or a full name of two characters such as 和县) is dropped when
        it is followed by a street, town or institution word (南京路, 城关镇, 浙江大学), when a
        more frequent word straddles its first or last character (示范|县, 创新|平台 over 新平,
        重大|理论 over 大理), unless it touches another name there (江苏|南京 keeps 南京 although
        苏南 is a word; a word over its last character loses to a self-reference cue after it:
        电白|人民), or when it starts with a conjunction mid-phrase or (a one-character
        name with its level) before 委, 政府, 长 (市政府和县政协, ,和县委保持一致 are 和 + 县政协,
        县委), or when it is a one-character name with its level before 长 (康县长 is Mr Kang, the
        county head; 代县长 an acting county head), unless its parent's name is right before it
        (陇南市康县长...), or when a word ending in its first character and a word starting with its
        last share it out between them, no more frequent word takes their outer characters and the
        most probable cut of its neighbourhood into words reads across it (隆重|庆祝 holds no 重庆,
        太行山|东北部 no 山东; 扩大海南 keeps 海南: 扩大 takes 大 from 大海; 办好汉中 keeps 汉中: the
        cut reads 办好|汉中), or when it is a short form of at most two characters that the most
        probable cut of its neighbourhood reads across (入海口, 强农惠农富农, 复合肥:
        :func:`segmentation.inside_other_words`; 陕西人 and 北京日报 keep theirs), or when it is a full
        name whose stem is its guarded short form and its level character opens a
        placeholder of levels (应当会同县（市、区）: 会同 "jointly with", not 会同县), unless its parent's
        name is right before it, or when a short form or a guarded name starts with a direction right after a
        province's abbreviation (冀南平原 holds no 南平, 中共鲁西区委员会 no 西区). Idioms and
        organisations that contain a name (长治久安, 上海合作组织; jieba's idioms, gazetteer_idioms.txt:
        洛阳纸贵) are matched whole and skipped.

        ``quiet_guarded`` (the characters a self-reference cue for guarded names can start with
        after a name, and end with before it): a guarded name with neither next to it, touching
        no other name, not an X县 name and past the text's first ``CONTEXT_CHARS`` characters can
        never count (:func:`self_reference_role`, :meth:`guarded_counts`), and is not yielded.
        """
        if normalized is None:
            normalized = self.normalize(text)
        return iter(self.mention_list(normalized, quiet_guarded))

    def mention_list(self, normalized: str,
                     quiet_guarded: tuple[frozenset[str], frozenset[str]] | None = None) -> list[Mention]:
        """:meth:`mentions` of a normalised text, as a list."""
        raw = self._matcher.find_matches_as_indexes(normalized, overlapping=False)
        offset = self._english_offset
        if self._english_matcher is not None and _mostly_latin(normalized):
            english = self._english_matcher.find_matches_as_indexes(normalized, overlapping=False)
            if english:
                raw = sorted([*raw, *((index + offset, start, end) for index, start, end in english)],
                             key=operator.itemgetter(1))
        info = self._pattern_info
        check_info = self._check_info
        words = self._words
        blocking_next = self._blocking_next
        blocking_first = self._blocking_first
        blocking_except = self._blocking_except
        quiet_after, quiet_before = quiet_guarded if quiet_guarded is not None else ((), ())
        quiet = quiet_guarded is not None
        last = len(raw) - 1
        length = len(normalized)
        out: list[Mention] = []
        append = out.append
        towns: dict[str, tuple[str, ...]] = {}  # short names used as a town's (桂林街道)
        new = tuple.__new__  # Mention(...) without the named tuple's Python-level __new__
        for i, (index, start, end) in enumerate(raw):
            kind, candidates, surface, checked, conjunction, office, level_pair = info[index]
            if kind == BLOCKED:
                continue
            if index >= offset and not _english_word(normalized, start, end):
                continue
            if (quiet and kind == GUARDED and start > CONTEXT_CHARS
                    and normalized[end : end + 1] not in quiet_after
                    and normalized[start - 1] not in quiet_before
                    and (i == 0 or raw[i - 1][2] != start) and (i == last or raw[i + 1][1] != end)
                    and not surface.endswith("县")):
                continue
            if checked:
                if index in self._count_names and _JOINT_ACTION.match(normalized, end):
                    continue  # 双城同创, 五河共治: two cities, five rivers, not 双城区 or 五河县
                blockable, level_end, can_left, can_right, own = check_info[index]
                if (blockable and normalized[end : end + 1] in blocking_first
                        and normalized.startswith(blocking_next, end)
                        and not (blocking_except and normalized.startswith(blocking_except, end))
                        and not (index in self._community_names
                                 and normalized.startswith(_COMMUNITY, end))):
                    # 新华路, 红星乡: a road or a town, also a former district's short form
                    seat = self._seat_town(normalized, start, end)
                    if seat is None or seat not in candidates:
                        if normalized.startswith(self._town_words, end) and (i == last or raw[i + 1][1] != end):
                            towns[surface] = candidates  # (not 甘肃|镇原县: a name, not a town, follows)
                        continue
                    candidates = (seat,)  # 团风镇: the county's seat, so the county
                touches_left = i > 0 and raw[i - 1][2] == start
                # only a parent's name right before it (马鞍山市|和县) makes 和县 a name; another
                # match there (卫东|和县 in 聂卫东和县政府) does not
                parent_left = (touches_left and (conjunction or level_pair)
                               and self._names_parent_of(info[raw[i - 1][0]][1], candidates))
                if conjunction and not parent_left and (
                        (start > 0 and HAN.match(normalized, start - 1)
                         and (level_pair or self_reference_role(
                             normalized, start, end, guarded=kind == GUARDED) is None))
                        or (level_pair and normalized.startswith(_LEVEL_WORD_TAILS, end))):
                    # 市委和县委, ,和县委保持一致: 和 + 县委; but a name of two characters that is
                    # not a level pair stands in its unit's own context (运用到和田的实际) as a name
                    continue
                if office and not parent_left and normalized.startswith(_LEVEL_WORD_TAILS, end):
                    continue  # 代县长, 新县委: 代 + 县长, 新 + 县委 (not 新疆政府: 疆 is no level)
                if (level_pair and not parent_left and normalized.startswith("长", end)
                        and not normalized.startswith(_LEVEL_PAIR_PLACES, end)):
                    continue  # 康县长: a surname and 县长 (the head of 康县 is 康县县长)
                # a name ending in its level (秀山县) is not straddled by 县委, 县政府, 市长 after it;
                # a more frequent word over its first or last character drops it, except that a word over its last character loses to a
                # self-reference cue after it (电白|人民, not 电|白人)
                if can_left and not touches_left and start > 0 and (
                        words.get(normalized[start - 1 : start + 1], 0) > own
                        or (start > 1 and words.get(normalized[start - 2 : start + 1], 0) > own)):
                    continue
                if (can_right and end < length and not level_end
                        and (i == last or raw[i + 1][1] != end)
                        and (words.get(normalized[end - 1 : end + 1], 0) > own
                             or (end + 1 < length and words.get(normalized[end - 1 : end + 2], 0) > own))
                        and not _cue_follows(normalized, end)):
                    continue
                # a short form of at most two characters is dropped when the best cut reads across it,
                # whatever else holds; the other short names need two words sharing them out as well
                short_alias = kind == ALIAS and end - start <= 2
                if short_alias and segmentation.inside_other_words(normalized, start, end, self._place_words):
                    continue  # 入海口, 强农惠农富农, 复合肥: the best cut of the sentence reads other words
                if (not short_alias and index in self._two_sided and not touches_left and 0 < start
                        and end < length and (i == last or raw[i + 1][1] != end)
                        and not (level_end and normalized.startswith(_LEVEL_WORD_TAILS, end))
                        and _split_by_words(normalized, start, end, words)
                        and not _cue_follows(normalized, end)
                        and segmentation.inside_other_words(normalized, start, end, self._place_words)):
                    continue  # 县城|区内 (城区, a guarded name): two words share the name between them and
                    # the best cut agrees (for short forms, 隆重|庆祝 and 办好|汉中, the test above decides)
            if (index in self._slogan_tails and start and HAN.match(normalized, start - 1)
                    and _in_slogan_list(normalized, start, end)):
                continue  # 工业强区、创新兴区: a slogan of four characters in a list of such, not 新兴区
            if (index in self._word_stems and _LEVEL_PLACEHOLDER.match(normalized, end)
                    and not (i and raw[i - 1][2] == start
                             and self._names_parent_of(info[raw[i - 1][0]][1], candidates))):
                continue  # 会同县（市、区）: 会同 ("jointly with") + the generic 县（市、区）
            if ((kind == ALIAS or kind == GUARDED) and surface[0] in _DIRECTIONS and start > 0
                    and normalized[start - 1] in _PROVINCE_ABBREVIATIONS and (i == 0 or raw[i - 1][2] != start)):
                continue  # 冀南平原, 中共鲁西区委员会: a province's part (_DIRECTIONS), not 南平 or 西区
            append(new(Mention, (start, end, surface, candidates, kind)))
        return _town_names_dropped(out, towns, self.units) if towns else out


    def _seat_town(self, normalized: str, start: int, end: int) -> str | None:
        """The county whose seat the town named at ``start`` is (团风|镇 -> 团风县), if any: by the
        name before the town word, so that a seat under its former or later title counts too (吴起镇,
        made 吴起街道 in 2015; the table has the current title only).

        >>> gaz = gazetteer()
        >>> [gaz.display_name(gaz._seat_town(t, 0, 2)) for t in ("吴起镇", "吴起街道", "团风镇")]
        ['延安市吴起县', '延安市吴起县', '黄冈市团风县']
        """
        if not self._seat_towns or not normalized.startswith(SEAT_TOWN_WORDS, end):
            return None
        return (self._seat_towns.get(normalized[start : end + 1]) or self._seat_towns.get(normalized[start : end + 2])
                or self._seat_towns.get(normalized[start:end]))


_SLOGAN_JOINS = frozenset("、，,；;")


def _slogan(text: str, start: int, level: str) -> bool:
    """Is ``text[start : start + 4]`` a slogan of four characters ending in ``level`` whose first two
    are a word (工业强区: 工业 + 强区)?"""
    return (start >= 0 and text[start + 3 : start + 4] == level and FOUR_HAN.match(text, start) is not None
            and segmentation.segment_words().counts.get(text[start : start + 2], 0) > 0)


def _in_slogan_list(text: str, start: int, end: int) -> bool:
    """Is the full name at ``start`` (three characters ending in its level, 新兴区) the tail of a
    slogan of four characters (创新兴区: the character before it and its first make a word) standing
    in a list of slogans of that shape, the one before or after it ending in the same level word
    (工业强区、创新兴区, 创新兴县，工业强县)? Such lists name the unit's strategy, not another unit.

    >>> _in_slogan_list("坚持工业强区、创新兴区战略", 8, 11), _in_slogan_list("他在新兴区工作、生活", 2, 5)
    (True, False)
    """
    level = text[end - 1]
    first = start - 1
    return _slogan(text, first, level) and (
        (text[first - 1 : first] in _SLOGAN_JOINS and _slogan(text, first - 5, level))
        or (text[end : end + 1] in _SLOGAN_JOINS and _slogan(text, end + 1, level)))


def _split_by_words(text: str, start: int, end: int, words: dict[str, int]) -> bool:
    """Is the name at ``start:end`` shared out between a word ending in its first character and
    a word starting with its last (隆重|庆祝, 县城|区内), neither of which gives its outer
    character up to a more frequent word beyond it (扩大|海南: 扩大 takes 大 from 大海; 完成|天水)?

    >>> words = {"隆重": 19910, "庆祝": 102040, "扩大": 943286, "大海": 28418, "南国": 20241}
    >>> _split_by_words("隆重庆祝", 1, 3, words), _split_by_words("扩大海南国际", 2, 4, words)
    (True, False)
    """
    left = _straddling_word(text, start, words, before=True)
    if left is None:
        return False
    right = _straddling_word(text, end - 1, words, before=False)
    if right is None:
        return False
    # a word over the left word's first character from before, or over the right word's last
    # from after, that is more frequent takes that character: the word no longer straddles
    outer_left = start - len(left) + 1
    outer_right = end - 1 + len(right)
    count = words.get
    if any(count(text[outer_left - k : outer_left + 1], 0) > words[left]
           for k in (1, 2) if outer_left - k >= 0):
        return False
    return not any(count(text[outer_right - 1 : outer_right - 1 + k], 0) > words[right]
                   for k in (2, 3) if outer_right - 1 + k <= len(text))


def _straddling_word(text: str, at: int, words: dict[str, int], before: bool) -> str | None:
    """The most frequent word of two or three characters that ends (``before``) or starts at the
    character ``at``, reaching outside the name, if any."""
    if before:
        spans = [text[at - k : at + 1] for k in (1, 2) if at - k >= 0]
    else:
        spans = [text[at : at + k] for k in (2, 3) if at + k <= len(text)]
    found = [span for span in spans if words.get(span, 0)]
    return max(found, key=words.__getitem__) if found else None


_NUMERALS = frozenset("一二两双三四五六七八九十百千万")
# what after a level character makes it the generic level word of every unit of some levels:
# 县（市、区）, 县(市), 县、市、区, 县/市, 县级
_LEVEL_PLACEHOLDER = re.compile(f"[（(](?:自治区|自治州|[{LEVEL_CHARS}])[、,，)）]|[、/][{LEVEL_CHARS}](?![委长])|级")
_COUNTED = frozenset("城河水山江湖区县市镇村园")
# 同创, 共治, 联建, 齐抓: what several places do together in a campaign's name; 经济圈, 经济带, 联动,
# 协同, 记: what several places make or are together (成渝地区双城经济圈, 双城联动, 双城记); 记 only as a
# word's last character (not 三河记者站, 五河记者: a place's reporters)
_JOINT_ACTION = re.compile(f"[同共联齐合][创建治管护抓]|经济[圈带区]|联动|协同|记(?![{HAN_CHARS}])")


# a province's one-character abbreviation and a direction word after it name a part of the province
# (冀南, 豫北, 苏南, 湘西, 陕北, 鲁西区 of a wartime party committee): a short name starting at that
# direction word is no mention, nor a two-character district named for a direction (西区, 东区)
_DIRECTIONS = frozenset("东南西北中")
_PROVINCE_ABBREVIATIONS = frozenset(data.province_abbreviations(everyday=False))


def _town_names_dropped(mentions: list[Mention], towns: dict[str, tuple[str, ...]],
                        units: dict[str, Unit]) -> list[Mention]:
    """The mentions without the bare short names that the text also uses as a subdistrict's or a
    town's (沙田鎮 … 沙田地勢平坦 on a page about 东莞's town: not Hong Kong's 沙田区), unless it
    names one of their units in full (昌黎县 … 昌黎镇 … 昌黎: the county and its seat agree).

    A province's or a special region's name read so (澳門街道, 上海街道) is a subdistrict only in a
    county's context: a real 北京街道 or 上海街道 lies in some city's district, which a page about it
    names; a page naming no unit below a province speaks of the province's own streets
    (澳門街道豐富的歷史文化 … 認識澳門) and its bare name stays a mention."""
    named = {c for m in mentions if m.kind == NAME or m.kind == FORMER for c in m.candidates}
    county = any(units[c].level > 1 for m in mentions if m.surface not in towns for c in m.candidates)
    dropped = {surface for surface, candidates in towns.items() if named.isdisjoint(candidates)
               and (county or any(units[c].level > 1 for c in candidates))}
    return [m for m in mentions if m.surface not in dropped] if dropped else mentions


# a street, road or school named after a place (Guangdong Road, Nanjing East Road, Peking University)
_ENGLISH_PLACE_NAMED = re.compile(r"\s(?:(?:East|West|South|North|Middle|Central)\s)?"
                                  r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Highway|University)\b")


def _mostly_latin(text: str) -> bool:
    """Is less than half of the text written in characters outside ASCII (a page in English, not
    a Chinese page quoting an English address)? English names are read on such texts only: a
    Chinese page names its units in Chinese, and the second automaton pass would cost every page
    (about 3 ms a MB). Measured without a pass over the characters: a character outside ASCII
    takes two bytes or more in UTF-8 (a Han character three).

    >>> _mostly_latin("Wah Fu Estate, Aberdeen, Hong Kong"), _mostly_latin("香港仔华富邨的长者中心 Hong Kong")
    (True, False)
    """
    return len(text.encode("utf-8", "surrogatepass")) < 2 * len(text)


def _english_word(text: str, start: int, end: int) -> bool:
    """Is the English name at ``start:end`` a whole word that names its place (not Macauley, not
    Guangdong Road)?

    >>> _english_word("Wah Fu Estate, Aberdeen, Hong Kong 1982", 25, 34)
    True
    >>> _english_word("Macauley", 0, 5), _english_word("12 Guangdong Road", 3, 12)
    (False, False)
    """
    return not ((start and text[start - 1].isascii() and text[start - 1].isalnum())
                or (end < len(text) and text[end].isascii() and text[end].isalnum())
                or _ENGLISH_PLACE_NAMED.match(text, end) is not None)


SEAT_TOWN_WORDS = ("镇", "乡", "街道")  # the titles of a county's seat town (scripts/build_gazetteer.py's)


def _seat_stems(rows: Iterable[list[str]]) -> dict[str, str]:
    """gazetteer_seat_towns.tsv's towns, each also by the name before its title (吴起街道 -> 吴起): a
    seat is renamed from one title to another (撤镇设街道), so each title names it; a name that two
    counties' seats share stands for its listed titles only.

    >>> _seat_stems([["团风镇", "421121"], ["吴起街道", "610626"], ["东城街道", "1"], ["东城镇", "2"]])
    {'团风镇': '421121', '吴起街道': '610626', '东城街道': '1', '东城镇': '2', '团风': '421121', '吴起': '610626'}
    """
    towns = dict(rows)
    stems: dict[str, set[str]] = {}
    for town, code in towns.items():
        stem = next((town[: -len(word)] for word in SEAT_TOWN_WORDS if town.endswith(word)), town)
        stems.setdefault(stem, set()).add(code)
    return towns | {stem: codes.pop() for stem, codes in stems.items() if len(codes) == 1}


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    units: dict[str, Unit] = {}
    surfaces: dict[str, dict[str, str]] = {}

    def add(surface: str, adcode: str, kind: str) -> None:
        if not surface:
            return
        entry = surfaces.setdefault(surface, {})
        if adcode not in entry or _KIND_RANK[kind] < _KIND_RANK[entry[adcode]]:
            entry[adcode] = kind

    for row in data.read_rows("gazetteer.tsv"):
        if row[0] == "adcode":
            continue  # the column header
        adcode, level, name, parent, aliases, guarded, former = row
        units[adcode] = Unit(adcode, int(level), name, parent or None)
        guarded_forms = set(filter(None, guarded.split("|")))
        if name in guarded_forms:  # the full name itself is guarded (兴县, 东区)
            surfaces.setdefault(name, {})[adcode] = GUARDED
        else:
            add(name, adcode, NAME)
        for alias in filter(None, aliases.split("|")):
            add(alias, adcode, ALIAS)
        for alias in guarded_forms - {name}:
            add(alias, adcode, GUARDED)
        for old in filter(None, former.split("|")):
            add(old, adcode, FORMER)
    for english, adcode in data.read_rows("gazetteer_english.tsv"):
        for surface in (english, english.upper()):
            add(surface, adcode, ALIAS)
    for area, adcode in data.read_rows("gazetteer_new_areas.tsv"):  # 两江新区: a zone of 重庆市
        add(area, adcode, ALIAS)
    # A name that is some unit's current full name never denotes another unit by a weaker kind
    # (吉林市 is the city; 吉林 stays ambiguous between the province and the city).
    for entry in surfaces.values():
        if NAME in entry.values():
            for code in [c for c, k in entry.items() if k != NAME]:
                del entry[code]
    # Traditional -> simplified one character for one (offsets kept), from the one converter of
    # every family; a character written in some unit's simplified name (乾县, 于都县) is kept.
    name_chars = {c for surface in surfaces for c in surface}
    t2s = {trad: simp for trad, simp in simplified_chars().items()
           if len(simp) == 1 and trad not in name_chars}
    words = {word: int(count) for word, count in data.read_rows("gazetteer_words.tsv")}
    blocking_next: list[str] = []
    blocking_except: list[str] = []
    town_words: list[str] = []
    for kind, text, *rest in data.read_rows("gazetteer_not_mentions.tsv"):
        if kind == "next" or kind == "town":
            blocking_next.append(text)
            if kind == "town":
                town_words.append(text)
            if rest and rest[0].strip():
                blocking_except.extend(rest[0].strip().split("|"))
        else:  # a listed phrase is never a mention, even when it is also a short form (全州)
            surfaces[text] = {"": BLOCKED}
    # A unit's full name that starts with a blocking word is that unit, not a lake or a river named
    # after the name before it: 九江湖口县, 厦门湖里区, 南京江宁区 keep 九江, 厦门, 南京.
    starts = tuple(blocking_next)
    blocking_except.extend(sorted(unit.name for unit in units.values() if unit.name.startswith(starts)))
    for (idiom,) in data.read_rows("gazetteer_idioms.txt"):  # 洛阳纸贵: an idiom, not 洛阳
        surfaces.setdefault(idiom, {"": BLOCKED})
    function_chars = "".join(row[0].strip() for row in data.read_rows("gazetteer_function_chars.txt"))
    office_prefixes = "".join(row[0].strip() for row in data.read_rows("gazetteer_office_prefixes.txt"))
    seat_towns = _seat_stems(data.read_rows("gazetteer_seat_towns.tsv"))
    return Gazetteer(units, surfaces, t2s, words, function_chars, tuple(blocking_next),
                     office_prefixes, tuple(blocking_except), tuple(town_words), seat_towns,
                     _name_suffixes(units, surfaces))


def _name_suffixes(units: dict[str, Unit], surfaces: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """What follows a unit's short form in its full name when that ends in a level word (省, 市,
    自治区, 维吾尔自治区, 特别行政区), and the people and place suffixes of :data:`segmentation.PLACE_SUFFIXES`, longest first."""
    levels = {units[code].name[len(surface):] for surface, entry in surfaces.items()
              for code, kind in entry.items() if kind == ALIAS and code in units
              and units[code].name.startswith(surface) and len(units[code].name) > len(surface)
              and units[code].name[-1] in LEVEL_CHARS}
    return tuple(sorted(levels | set(segmentation.PLACE_SUFFIXES), key=lambda s: (-len(s), s)))


# -- context: self-references, declared names, URL tokens ------------------------------------
SPEAKS = "speaks"        # the text speaks as the unit: 新吴人民, 中共金乡县委, X人民政府, 我区X
ADDRESSED = "addressed"  # a leader addresses or visits it: 习近平总书记对江苏工作重要指示


@dataclass(frozen=True)
class ContextPatterns:
    """The phrase data of ``rules/data/region_*``: self-reference patterns, outside-region cues,
    URL region tokens."""

    outside: re.Pattern[str]
    macro: dict[str, tuple[str, tuple[str, ...]]]
    # the self-reference rows (before, after, also for guarded short forms, role), grouped for
    # speed: one alternation per one-sided group, keyed by (side, the rows' applies value for guarded names,
    # role); rows with both sides stay separate
    one_sided: dict[tuple[str, str, str], re.Pattern[str]] = field(default_factory=dict)
    two_sided: tuple[tuple[re.Pattern[str], re.Pattern[str], str, str], ...] = ()
    # fast rejection: most names have no self-reference context; unless the before-only rows'
    # union matches before the name or some row's "after" matches after it, none applies
    any_before_only: re.Pattern[str] | None = None
    any_after: re.Pattern[str] | None = None
    # words that mark a sentence as about other regions when right before a unit name (来自)
    outside_before_name: tuple[str, ...] = ()
    # the characters a match of ``any_after`` can start with and of ``any_before_only`` can end
    # with (None: any): most names have neither next to them, and a set lookup is far cheaper
    # than the two searches
    after_first: frozenset[str] | None = None
    before_last: frozenset[str] | None = None
    # the same for the rows that apply to guarded names (fewer: X人民政府, X县委, 中共X)
    guarded_after_first: frozenset[str] | None = None
    guarded_before_last: frozenset[str] | None = None
    # the outside cues as literal words for one automaton pass (:class:`OutsideWords`)
    outside_words: "OutsideWords | None" = None
    # words that mark the sentence as about other regions right after a unit name (从X出发)
    outside_after_name: tuple[str, ...] = ()
    # the same patterns as functions that find a match (:func:`_finder`: tried only where a
    # match can start): any_after, any_before_only, one_sided's items, two_sided's rows
    find_after: Callable[[str], Any] | None = None
    find_before_only: Callable[[str], Any] | None = None
    # (the third field: "all", "word" or "" as region_selfref.tsv's "applies" column says, see there)
    one_sided_finders: tuple[tuple[str, str, str, Callable[[str], Any]], ...] = ()
    two_sided_finders: tuple[tuple[Callable[[str], Any], Callable[[str], Any], str, str], ...] = ()
    # words that close a list of places right after a unit name (武汉、大连等地)
    list_ends: tuple[str, ...] = ()
    # the "placing" rows (before, after): where the story is, said in a chrome line
    placing: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()


# one character or a class of them ((?<!以), (?<![以赶奔])): the words' check reads a set of characters
_LOOKBEHIND = re.compile(r"^\(\?<!(?:([^()\[\]\\|?*+.^$])|\[([^()\[\]\\|?*+.^$]+)\])\)(.+)$")
# ... or that must not precede them (合作(?![社医]): 合作社, 合作医疗 are a co-operative and an insurance)
_LOOKAHEAD = re.compile(r"^(.+?)\(\?!(?:([^()\[\]\\|?*+.^$])|\[([^()\[\]\\|?*+.^$]+)\])\)$")
_ALTERNATIVES = re.compile(r"^([^()\[\]\\|?*+.^$]*)\(\?:([^()\[\]\\?*+.^$]+)\)([^()\[\]\\|?*+.^$]*)$")
_PLAIN = re.compile(r"^[^()\[\]\\|?*+.^${}]+$")


SENTENCE_BREAKS = "。！？；!?;\n"  # what ends a sentence (a line end too)


@dataclass(frozen=True)
class OutsideWords:
    """The outside cues as literal words, found in one Aho-Corasick pass over a text: a plain word
    (招商), a word with alternatives (周边(?:地区|城市) -> 周边地区, 周边城市) or a word that must
    not follow some characters ((?<!以)赴, (?<![以赶奔])赴) or precede some (合作(?![社医])). ``None`` from
    :meth:`build` when a cue is none of these
    (the regular expression is then searched per sentence).

    The same pass finds the sentence breaks (``SENTENCE_BREAKS``, :meth:`scan`): no cue word holds
    one, so a break and a cue word never overlap and each is found as it would be alone (checked
    by :meth:`build`: otherwise ``with_breaks`` is False)."""

    matcher: Any
    not_after: tuple[str, ...]   # per word: characters that must not precede it
    not_before: tuple[str, ...]  # per word: characters that must not follow it
    with_breaks: bool = False    # the patterns after the words are the sentence break characters

    @staticmethod
    def build(rows: list[str]) -> "OutsideWords | None":
        words: dict[str, tuple[str, str]] = {}
        for row in rows:
            forbidden = following = ""
            found = _LOOKBEHIND.match(row)
            if found:
                forbidden, row = found.group(1) or found.group(2), found.group(3)
            found = _LOOKAHEAD.match(row)
            if found:
                row, following = found.group(1), found.group(2) or found.group(3)
            alternatives = _ALTERNATIVES.match(row)
            if alternatives:
                head, options, tail = alternatives.groups()
                forms = [head + option + tail for option in options.split("|")]
            elif _PLAIN.match(row):
                forms = [row]
            else:
                return None
            for form in forms:
                words.setdefault(form, (forbidden, following))
        ordered = sorted(words)
        with_breaks = not any(c in SENTENCE_BREAKS for word in ordered for c in word)
        patterns = ordered + list(SENTENCE_BREAKS) if with_breaks else ordered
        matcher = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                             implementation=ahocorasick_rs.Implementation.DFA)
        return OutsideWords(matcher, tuple(words[w][0] for w in ordered), tuple(words[w][1] for w in ordered),
                            with_breaks)

    def spans(self, text: str) -> tuple[list[int], list[int]]:
        """Starts and ends of the cue words in ``text``, in text order."""
        starts, ends, _ = self.scan(text)
        return starts, ends

    def scan(self, text: str) -> tuple[list[int], list[int], list[int]]:
        """:meth:`spans`, and the offset after each sentence break (empty unless ``with_breaks``)."""
        starts, ends, breaks = [], [], []
        not_after, not_before = self.not_after, self.not_before
        count = len(not_after)
        for index, start, end in self.matcher.find_matches_as_indexes(text, overlapping=False):
            if index >= count:
                breaks.append(end)
                continue
            if not_after[index] and start and text[start - 1] in not_after[index]:
                continue
            if not_before[index] and end < len(text) and text[end] in not_before[index]:
                continue
            starts.append(start)
            ends.append(end)
        return starts, ends, breaks


@functools.lru_cache(maxsize=1)
def context_patterns() -> ContextPatterns:
    """Loaded once per process."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    two_sided = []
    placing: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
    for before, after, applies, role, *_ in data.read_rows("region_selfref.tsv"):
        for_guarded = applies if applies in ("all", "word") else ""
        if applies == "placing":
            placing.append((re.compile(before), re.compile(after)))
        if before and after:
            two_sided.append((re.compile(before), re.compile(after), for_guarded, role))
        elif before or after:
            grouped.setdefault(("before" if before else "after", for_guarded, role), []).append(
                before or after)
    # "speaks" groups first: self_reference_role prefers that role
    one_sided = {key: re.compile("|".join(f"(?:{p})" for p in grouped[key]))
                 for key in sorted(grouped, key=lambda k: k[2] != SPEAKS)}
    two_sided.sort(key=lambda row: row[3] != SPEAKS)
    befores = [p for (side, _, _), ps in grouped.items() if side == "before" for p in ps]
    afters = [p for (side, _, _), ps in grouped.items() if side == "after" for p in ps]
    afters += [row[1].pattern for row in two_sided]
    cue_rows = [row[0].strip() for row in data.read_rows("region_outside_cues.txt")]
    outside = re.compile("|".join(cue_rows))
    words = OutsideWords.build(cue_rows)
    macro = {token: (label, tuple(provinces.split("|")))
             for token, label, provinces in data.read_rows("region_macro.tsv")}
    outside_before_name = tuple(row[0].strip() for row in data.read_rows("region_outside_before_name.txt"))
    outside_after_name = tuple(row[0].strip() for row in data.read_rows("region_outside_after_name.txt"))
    any_before_only, any_after = _union(befores), _union(afters)
    guarded_befores = [p for (side, g, _), ps in grouped.items() if side == "before" and g for p in ps]
    guarded_afters = [p for (side, g, _), ps in grouped.items() if side == "after" and g for p in ps]
    guarded_afters += [row[1].pattern for row in two_sided if row[2]]
    return ContextPatterns(outside, macro, one_sided, tuple(two_sided),
                           any_before_only, any_after, outside_before_name,
                           _edges(afters, last=False), _edges(befores, last=True),
                           _edges(guarded_afters, last=False), _edges(guarded_befores, last=True),
                           words, outside_after_name,
                           _finder(any_after) if any_after else None,
                           _finder(any_before_only) if any_before_only else None,
                           tuple((*key, _finder(pattern)) for key, pattern in one_sided.items()),
                           tuple((_finder(b), _finder(a), g, role) for b, a, g, role in two_sided),
                           tuple(row[0].strip() for row in data.read_rows("region_list_ends.txt")),
                           tuple(placing))


def _finder(pattern: re.Pattern[str]) -> Callable[[str], Any]:
    """``pattern.search`` tried only where a match can start: a pattern whose every alternative
    starts with ^ at position 0 (``pattern.match``), one whose every alternative ends with $ and
    has a bounded width w from w + 1 characters before the end ($ also matches before a final
    newline; ^ and look-behinds still see the whole string). The same matches; the self-reference
    contexts are searched for a few times per name, and a search tries every alternative at
    every position. The pattern's shape is read by :mod:`~scrapegate.rules.region.pattern_shape`."""
    source = pattern.pattern
    multiline = bool(pattern.flags & re.MULTILINE)
    if not multiline and pattern_shape.anchored_at_start(source):
        return pattern.match
    width = pattern_shape.max_width(source)
    if not multiline and width != pattern_shape.UNBOUNDED and pattern_shape.anchored_at_end(source):
        reach = int(width) + 1
        search = pattern.search

        def tail_search(text: str) -> Any:
            return search(text, len(text) - reach if len(text) > reach else 0)
        return tail_search
    return pattern.search


def _edges(patterns: list[str], last: bool) -> frozenset[str] | None:
    union = _union(patterns)
    return _edge_chars(union.pattern, last) if union else frozenset()


def _union(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _edge_chars(pattern: str, last: bool) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with (``last``: end with); None when that
    is not a small known set (see :func:`~scrapegate.rules.region.pattern_shape.edge_chars`).
    For "before" patterns (anchored with $ at the name), ^ stands for the start of the text:
    :func:`self_reference_role` skips this filter near it."""
    return pattern_shape.edge_chars(pattern, last)


CONTEXT_CHARS = 16  # how far before and after a name its self-reference context is read
WRAP_CHARS = frozenset(" \t\n\u3000")  # what a line break leaves between a name and its context


def self_reference_role(normalized: str, start: int, end: int, guarded: bool = False,
                        levels: str = LEVEL_CHARS) -> str | None:
    """How the context around a name at [start, end) makes it the text's own unit: ``SPEAKS``,
    ``ADDRESSED`` or None (not a self-reference). ``guarded``: the name is a short form that is
    also an ordinary word (fewer patterns apply); ``levels``: the level words its units' names end
    in (会同 is 会同县's: 县委 after it is its own, 省委 is not)."""
    patterns = context_patterns()
    last_char = normalized[end - 1]
    if normalized[end : end + 1] in WRAP_CHARS:
        # a hard-wrapped page: 在青龙满族自治县 / 第九届人民代表大会 read as one phrase
        stop = min(len(normalized), end + 4)
        while end < stop and normalized[end] in WRAP_CHARS:
            end += 1
    if guarded:
        first, last = patterns.guarded_after_first, patterns.guarded_before_last
    else:
        first, last = patterns.after_first, patterns.before_last
    # can a cue start right after the name, can one end right before it? (Each side's search is
    # tried only where it can match; neither: no self-reference)
    after_open = first is None or normalized[end : end + 1] in first
    before_open = last is None or start <= CONTEXT_CHARS or normalized[start - 1] in last
    if not (after_open or before_open):
        return None
    if guarded and (level := normalized[end : end + 1]) and level in LEVEL_CHARS and level not in levels:
        # another level's word follows the ordinary word: it is part of another unit's name or
        # committee (厅会同省委宣传部, 中共平原省委旧址: 会同 and 平原 are counties' short forms, 省委 a
        # province's), never its own unit's institution
        return None
    after = normalized[end : end + CONTEXT_CHARS]
    before = normalized[max(0, start - CONTEXT_CHARS) : start]
    find_after, find_before = patterns.find_after, patterns.find_before_only
    if not ((after_open and find_after and find_after(after))
            or (before_open and find_before and find_before(before))):
        return None
    if _FORMER_POST.search(before):
        return None  # 时任福建省委副书记: a post someone held then, not the text's own unit
    # an ordinary word's institution (合作委员会, 发展人大代表) is not a unit's: a guarded short
    # form is an institution's name only with its level word (合作市委员会)
    bare_word = guarded and last_char not in LEVEL_CHARS and after[:1] not in LEVEL_CHARS
    found = None
    for side, for_guarded, role, find in patterns.one_sided_finders:
        if side == "after" and bare_word:
            continue
        if _applies(for_guarded, guarded, bare_word) and find(after if side == "after" else before):
            if role == SPEAKS:
                return role
            found = role
    for b, a, for_guarded, role in patterns.two_sided_finders:
        if _applies(for_guarded, guarded, bare_word) and a(after) and b(before):
            if role == SPEAKS:
                return role
            found = found or role
    return found


def _applies(for_guarded: str, guarded: bool, bare_word: bool) -> bool:
    """Does a region_selfref.tsv row of this "applies" value apply to the name ("word": to a guarded
    name only when it is a short form with no level word, 来日照考察, not 来城区投资)?"""
    return not guarded or for_guarded == "all" or (for_guarded == "word" and bare_word)


# what names a post as one held in the past (时任, 曾任, 历任中共…): the unit was the person's then
_FORMER_POST = re.compile("(?:时任|曾任|历任|原任|前任|曾担任)(?:中共|中国共产党)?$")


def _cue_follows(normalized: str, end: int) -> bool:
    """Does a self-reference cue (人民政府, 县委, 人民 ...) start right at ``end``?"""
    find = context_patterns().find_after
    return find is not None and find(normalized[end : end + CONTEXT_CHARS]) is not None


def places_story(text: str) -> bool:
    """Does a line say where its story is, by a "placing" row of ``region_selfref.tsv`` around a
    unit name in it (a reporter's dateline, a breadcrumb's last crumb)?

    >>> places_story("〔記者林坤瑋/宜蘭報導〕"), places_story("首页>新闻中心>宝丰新闻"), places_story("来源:南通日报")
    (True, True, False)
    """
    rows = context_patterns().placing
    normalized = gazetteer().normalize(text)
    return any(before.search(normalized[max(0, m.start - CONTEXT_CHARS) : m.start])
               and after.match(normalized[m.end : m.end + CONTEXT_CHARS])
               for m in gazetteer().mention_list(normalized) for before, after in rows)


def is_self_reference(normalized: str, start: int, end: int, guarded: bool = False) -> bool:
    """Does the context around a name at [start, end) make it the text's own unit?"""
    return self_reference_role(normalized, start, end, guarded) is not None


def resolve_declared(text: str, gaz: Gazetteer | None = None) -> tuple[str, ...]:
    """Candidate units for a declared name ("湖北省", "猇亭", "南開區") or a title
    ("2023年十堰市张湾区政府工作报告—全文" -> 张湾区). Empty when nothing resolves.

    >>> [gazetteer().display_name(c) for c in resolve_declared("一个冀南平原区的成功之路——《河北农村经济》")]
    ['河北省']
    """
    gaz = gaz or gazetteer()
    normalized = gaz.normalize(text)  # length preserving: offsets into text are offsets into it
    exact = gaz._lookup_normalized(normalized.strip())
    if exact:
        return tuple(exact)
    found = list(gaz.mentions(text, normalized))
    mentions: list[Mention] = [m for i, m in enumerate(found) if m.kind != GUARDED
                               or gaz.guarded_counts(normalized, found, i)
                               or is_self_reference(normalized, m.start, m.end, guarded=True)]
    if not mentions:
        return ()
    # a bare name that is a province's (河北: 河北省 or 天津's 河北区) names the province: a district of
    # that name is written in full or under its city
    mentions = [m._replace(candidates=provinces) if len(m.candidates) > 1 and (
                    provinces := tuple(c for c in m.candidates if gaz.unit(c).level == 1)) else m
                for m in mentions]
    best_key, best = None, []
    for code in {c for m in mentions for c in m.candidates}:
        agreeing = sum(any(gaz.within(code, c) for c in m.candidates) for m in mentions)
        key = (agreeing, gaz.unit(code).level)
        if best_key is None or key > best_key:
            best_key, best = key, [code]
        elif key == best_key:
            best.append(code)
    return tuple(sorted(best))
