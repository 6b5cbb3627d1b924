"""Truncation data: punctuation classes, connectives, ordinal families, tail lines and genre profiles.

Everything the truncation rules know about Chinese (and Latin) text layout lives in
``rules/data/truncation_*.json`` and ``rules/data/genre_*.json``; this module loads it once into typed,
frozen objects, and converts Chinese numerals (一 … 九十九, ①…⑳) to integers and back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable
from typing import Any, Iterable

from scrapegate.checks.textnorm import HAN  # noqa: F401 (HAN is re-exported)
from scrapegate.rules import data


def _data(name: str) -> dict[str, Any]:
    return data.read_json(name)


@dataclass(frozen=True)
class Punctuation:
    terminal: frozenset[str]
    closers: frozenset[str]
    lead_in: frozenset[str]
    continuation_start: frozenset[str]
    particles: frozenset[str]
    particle_exemptions: tuple[str, ...]
    excerpt_marks: tuple[str, ...]
    sentence_breaks: str  # where the next sentence or clause starts (no . or …: decimals and ellipses)
    clause_marks: str  # commas: inside a sentence
    line_final: frozenset[str] = frozenset()  # end a post's line as a full stop does (好开心~), never a range (3~)


@dataclass(frozen=True)
class Connective:
    text: str
    comma: bool


@dataclass(frozen=True)
class OrdinalFamily:
    name: str
    level: int
    inline: bool
    pattern: re.Pattern[str]
    label: str
    probe: re.Pattern[str] | None = None  # inline families: a cheap pattern every member contains
    first: frozenset[str] | None = None   # line families: the characters a member can start with

    def format(self, value: int) -> str:
        circled = CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
        return self.label.format(cn=int_to_chinese(value), n=value, circled=circled)


@dataclass(frozen=True)
class Sequences:
    families: tuple[OrdinalFamily, ...]
    orphan_anywhere_max_level: int
    orphan_inline_paragraphs: int
    announcements: tuple[re.Pattern[str], ...]
    inline_probe: re.Pattern[str] | None = None  # every inline family's probe in one: none found, none of them


@dataclass(frozen=True)
class Tail:
    signoff_max_chars: int
    signoff: tuple[re.Pattern[str], ...]  # the block's lines first
    block: tuple[re.Pattern[str], ...]  # a signature or contact block's date and field lines
    contact: tuple[re.Pattern[str], ...]  # a contact's field line (联系人：, 电话：)
    contact_head: re.Pattern[str]  # a line heading or leading into contact details
    address_end: re.Pattern[str]  # a sentence ending with an address or a number after its label
    attachment_head: re.Pattern[str]
    inline_signoff: re.Pattern[str]  # a sign-off run into the last paragraph's end
    credit_label: re.Pattern[str]  # a line that is only a credit's label (编辑, 排版)
    reference: tuple[re.Pattern[str], ...] = ()  # source links and site footers: any length
    caption: tuple[re.Pattern[str], ...] = ()  # a photo's caption ending in its credit: any length


@dataclass(frozen=True)
class MarkerGroup:
    name: str
    weight: float
    scope: str  # "line": matched at paragraph starts (compiled MULTILINE, searched in the joined body); "text": anywhere
    patterns: tuple[re.Pattern[str], ...]
    weight_each: float | None


@dataclass(frozen=True)
class GenrePart:
    ordinal: int
    description: str
    min_subsections: int = 0


SCRIPT_SAMPLE_CHARS = 4000  # the script of a text is read from its first characters


@dataclass(frozen=True)
class GenreProfile:
    """One genre's shape, loaded from ``rules/data/genre_<name>.json``."""

    name: str
    label: str
    threshold: float
    requires_any_of: tuple[str, ...]
    title_weight: float
    title_max_chars: int
    title_patterns: tuple[re.Pattern[str], ...]
    groups: tuple[MarkerGroup, ...]
    opening_description: str
    opening_search: int
    opening_search_max: int
    opening_patterns: tuple[re.Pattern[str], ...]
    parts: tuple[GenrePart, ...]
    closing_description: str
    closing_search: int
    closing_patterns: tuple[re.Pattern[str], ...]
    closing_last_patterns: tuple[re.Pattern[str], ...]
    closing_last_max_sentences: int
    appendix_heads: tuple[re.Pattern[str], ...]
    appendix_items: tuple[re.Pattern[str], ...]
    appendix_search: int
    appendix_head_max_chars: int
    script_exclude: frozenset[str] = frozenset()
    script_max_share: float = 1.0

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> GenreProfile:
        det, opening, closing = raw["detect"], raw["opening"], raw["closing"]
        groups = tuple(
            MarkerGroup(g["name"], float(g["weight"]), g.get("scope", "text"),
                        _compile(g["patterns"], re.MULTILINE if g.get("scope") == "line" else 0),
                        g.get("weight_each"))
            for g in det["groups"])
        parts = tuple(GenrePart(p["ordinal"], p["description"], p.get("min_subsections", 0))
                      for p in raw["parts"])
        return cls(
            name=raw["name"], label=raw["label"], threshold=float(det["threshold"]),
            requires_any_of=tuple(det.get("requires_any_of", ())),
            title_weight=float(det["title"]["weight"]), title_max_chars=int(det["title"]["max_chars"]),
            title_patterns=_compile(det["title"]["patterns"]), groups=groups,
            opening_description=opening["description"], opening_search=int(opening["search_first_paragraphs"]),
            opening_search_max=int(opening.get("search_until_first_part_max", opening["search_first_paragraphs"])),
            opening_patterns=_compile(opening["patterns"]), parts=parts,
            closing_description=closing["description"], closing_search=int(closing["search_last_paragraphs"]),
            closing_patterns=_compile(closing["patterns"]),
            closing_last_patterns=_compile(closing.get("last_paragraph_patterns", [])),
            closing_last_max_sentences=int(closing.get("last_paragraph_max_sentences", 0)),
            appendix_heads=_compile(raw.get("appendix", {}).get("heads", [])),
            appendix_items=_compile(raw.get("appendix", {}).get("items", [])),
            appendix_search=int(raw.get("appendix", {}).get("search_last_paragraphs", 0)),
            appendix_head_max_chars=int(raw.get("appendix", {}).get("head_max_chars", 30)),
            script_exclude=frozenset(det.get("script_exclude", {}).get("chars", "")),
            script_max_share=float(det.get("script_exclude", {}).get("max_share", 1.0)),
        )

    def excludes_script_of(self, text: str) -> bool:
        """True when ``text`` is written in a script this profile does not describe."""
        if not self.script_exclude:
            return False
        text = text[:SCRIPT_SAMPLE_CHARS]
        # Non-ASCII characters stand in for Han ones (CJK punctuation included): counting them is a
        # C-level encode, where a Han class over the sample costs 25 times more.
        wide = len(text) - len(text.encode("ascii", "ignore"))
        foreign = len(_char_class(self.script_exclude).findall(text))
        return wide > 0 and foreign / wide > self.script_max_share


@lru_cache(maxsize=8)
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _compile(patterns: Iterable[str], flags: int = 0) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@lru_cache(maxsize=1)
def punctuation() -> Punctuation:
    raw = _data("truncation_punctuation.json")
    return Punctuation(frozenset(raw["terminal"]), frozenset(raw["closers"]), frozenset(raw["lead_in"]),
                       frozenset(raw["continuation_start"]), frozenset(raw["fragment_start_particles"]),
                       tuple(raw["fragment_start_exemptions"]), tuple(raw.get("excerpt_marks", ())),
                       raw["sentence_breaks"], raw["clause_marks"], frozenset(raw.get("line_final", "")))


@lru_cache(maxsize=1)
def break_or_clause_mark() -> re.Pattern[str]:
    """Any of :attr:`Punctuation.sentence_breaks` and :attr:`Punctuation.clause_marks`: one search of a
    line instead of a test per character.

    >>> break_or_clause_mark().search("第六章  附则") is None, break_or_clause_mark().search("一、总则，").group()
    (True, '，')
    """
    punct = punctuation()
    return _char_class(frozenset(punct.sentence_breaks + punct.clause_marks))


@lru_cache(maxsize=1)
def sentence_end_mark() -> re.Pattern[str]:
    """Any :attr:`Punctuation.terminal` mark but a full stop that may be a decimal point (. and ．).

    >>> sentence_end_mark().search("增长5.2%") is None, sentence_end_mark().search("强化督查。县安委会").group()
    (True, '。')
    """
    return _char_class(punctuation().terminal - frozenset(".．"))


@lru_cache(maxsize=1)
def connectives() -> tuple[Connective, ...]:
    raw = _data("truncation_connectives.json")["connectives"]
    # Longest first, so 与此同时 is reported rather than a shorter prefix.
    return tuple(sorted((Connective(c["text"], bool(c.get("comma"))) for c in raw),
                        key=lambda c: -len(c.text)))


@lru_cache(maxsize=1)
def connectives_by_first() -> dict[str, tuple[Connective, ...]]:
    """:func:`connectives` grouped by their first character, each group in the same order: an
    opening is compared only with the connectives it can start with, not with all of them."""
    out: dict[str, list[Connective]] = {}
    for c in connectives():
        out.setdefault(c.text[:1], []).append(c)
    return {first: tuple(group) for first, group in out.items()}


@lru_cache(maxsize=1)
def sequences() -> Sequences:
    raw = _data("truncation_sequences.json")
    families = tuple(OrdinalFamily(f["name"], int(f["level"]), f["scope"] == "inline",
                                   re.compile(f["pattern"], re.MULTILINE), f["label"],
                                   re.compile(f["probe"]) if f.get("probe") else None,
                                   frozenset(f["first"]) if f.get("first") else None)
                     for f in raw["families"])
    probes = [f.probe.pattern for f in families if f.inline and f.probe is not None]
    together = (re.compile("|".join(f"(?:{p})" for p in probes))
                if probes and all(f.probe is not None for f in families if f.inline) else None)
    return Sequences(families, int(raw["start_orphan_anywhere_max_level"]),
                     int(raw.get("start_orphan_inline_paragraphs", 1)), _compile(raw["announcements"]), together)


def _issuer_alternation(suffixes: list[str]) -> Callable[[str], str]:
    """A function putting the issuer suffixes' alternation where a pattern says ``{issuer}`` (JSON has no
    references: the sign-off patterns share one list).

    >>> _issuer_alternation(["政府", "中学"])("^.{2,30}{issuer}$")
    '^.{2,30}(?:政府|中学)$'
    """
    alternation = "(?:" + "|".join(map(re.escape, suffixes)) + ")"
    return lambda pattern: pattern.replace("{issuer}", alternation)


@lru_cache(maxsize=1)
def tail_patterns() -> Tail:
    raw = _data("truncation_tail.json")
    contact = _compile(raw["contact_patterns"])
    block = _compile(raw["block_patterns"]) + contact
    issuer = _issuer_alternation(raw["issuer_suffixes"])
    return Tail(int(raw["signoff_max_chars"]), block + _compile(issuer(p) for p in raw["signoff_patterns"]), block, contact,
                re.compile(raw["contact_head"]), re.compile(raw["address_end"]),
                re.compile(raw["attachment_head"]), re.compile(issuer(raw["inline_signoff"])), re.compile(raw["credit_label"]),
                _compile([*raw.get("reference_patterns", ()), *raw.get("footer_patterns", ())]),
                _compile(raw.get("caption_patterns", ())))


@lru_cache(maxsize=1)
def genre_profiles() -> tuple[GenreProfile, ...]:
    """Every genre profile shipped in ``rules/data/genre_*.json``, sorted by name."""
    return tuple(GenreProfile.from_json(_data(n)) for n in data.names("genre_", ".json"))


# --------------------------------------------------------------------------------------------
# Numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "ㄧ": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}  # ㄧ: the bopomofo letter typed for 一 (ㄧ、開放時間)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=4096)  # the same few numerals are read tens of times per document
def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; arabic and circled digits too."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and text in CIRCLED:
        return CIRCLED.index(text) + 1
    if "十" in text:
        tens, _, units = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        u = _CN_DIGITS.get(units, -1) if units else 0
        return None if t < 0 or u < 0 else t * 10 + u
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


def int_to_chinese(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (1..99)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


@dataclass(frozen=True)
class Cues:
    """Evidence patterns from ``truncation_cues.json``: tail chrome, pagers, closing and opening lines,
    closing parts' headings."""

    chrome_tail_max_chars: int
    chrome_tail: re.Pattern[str]
    pager_max_chars: int
    pager: re.Pattern[str]
    pager_later: re.Pattern[str]
    closing: AnyOf
    opening: re.Pattern[str]
    dateline: re.Pattern[str]
    closing_part: re.Pattern[str]
    before_closing_part: re.Pattern[str]
    penalty_article: re.Pattern[str]


class AnyOf:
    """Patterns asked only whether one of them is found in a text, tried one by one. As one alternation
    whose branches open with no common character the regex engine tries every branch at every position;
    alone, each skips to where its first characters stand (the closing cues over the paragraphs of
    bench_families' pages: 125 -> 52 ms)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(re.compile(p) for p in patterns)

    def found_in(self, text: str) -> bool:
        """Whether one of the patterns is found in ``text`` (``.search`` of their alternation, as a truth value)."""
        for pattern in self.patterns:
            if pattern.search(text) is not None:
                return True
        return False


def _union(patterns: Iterable[str]) -> re.Pattern[str]:
    """One alternation of ``patterns`` (each in its own group, so anchors keep their meaning)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = _data("truncation_cues.json")
    return Cues(int(raw["chrome_tail_max_chars"]), _union(raw["chrome_tail"]), int(raw["pager_max_chars"]),
                _union(raw["pager"]), _union(raw["pager_later"]), AnyOf(raw["closing"]),
                _union(raw["opening"]), _union(raw["dateline"]), _union(raw["closing_part"]),
                _union(raw["before_closing_part"]), _union(raw["penalty_article"]))
