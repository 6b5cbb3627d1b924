"""Truncation: documents cut at the start or at the end (lost pagination, timeouts, partial pages).

Both rules judge the document's *body* (``body_lines``: its own text, site chrome set aside), so a
footer after the cut does not make a cut document look finished. They share one analysis per
document (:func:`truncation_analysis`) made of independent signals:

* hard signals (severity error): the body stops mid-sentence, right after a heading or a lead-in
  colon, or opens with a continuation (a comma, a closing quote, a particle such as 的/们);
* structural signals (severity warning when alone): numbering that says more was due (an announced
  "七个方面" with only (一) present, a list that stops at (一), notes cited but not printed) or that
  says something came before (the body opens at 六是, (七) or 二、), an opening connective (同时，此外),
  and, for a recognised genre, missing parts (no opening address, no closing exhortation, no 三、).

Genres are data: every ``rules/data/genre_*.json`` file is a profile (how to recognise the genre,
its opening, parts, closing and appendix). A new genre is a new file. Documents of no recognised
genre get only the generic signals.

Spans: for the end, the body's last sentence (the unfinished fragment when there is one); for the
start, the body's first sentence after its title lines. One finding per side at most.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable, Iterator

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Category, Finding, Severity, Span
from scrapegate.checks.registry import DocumentRule
from scrapegate.rules.boilerplate import body_lines

# --------------------------------------------------------------------------------------------
# Data


def _data(name: str) -> dict[str, Any]:
    return json.loads(files("scrapegate.rules").joinpath("data", name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Punctuation:
    terminal: frozenset[str]
    closers: frozenset[str]
    lead_in: frozenset[str]
    continuation_start: frozenset[str]
    particles: frozenset[str]
    particle_exemptions: tuple[str, ...]
    excerpt_marks: tuple[str, ...]


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

    def format(self, value: int) -> str:
        circled = _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
        return self.label.format(cn=int_to_chinese(value), n=value, circled=circled)


@dataclass(frozen=True)
class Sequences:
    families: tuple[OrdinalFamily, ...]
    orphan_anywhere_max_level: int
    orphan_inline_paragraphs: int
    announcements: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Tail:
    signoff_max_chars: int
    signoff: tuple[re.Pattern[str], ...]
    attachment_head: re.Pattern[str]


@dataclass(frozen=True)
class MarkerGroup:
    name: str
    weight: float
    scope: str  # "line": matched at paragraph starts; "text": anywhere in the body
    patterns: tuple[re.Pattern[str], ...]
    weight_each: float | None


@dataclass(frozen=True)
class GenrePart:
    ordinal: int
    name: str
    description: str
    min_subsections: int = 0
    optional_when_closed: bool = False


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
            MarkerGroup(g["name"], float(g["weight"]), g.get("scope", "text"), _compile(g["patterns"]),
                        g.get("weight_each"))
            for g in det["groups"])
        parts = tuple(GenrePart(p["ordinal"], p["name"], p["description"], p.get("min_subsections", 0),
                                p.get("optional_when_closed", False)) for p in raw["parts"])
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
        han = len(_HAN.findall(text))
        foreign = len(_char_class(self.script_exclude).findall(text))
        return han > 0 and foreign / han > self.script_max_share


@lru_cache(maxsize=8)
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=1)
def punctuation() -> Punctuation:
    raw = _data("truncation_punctuation.json")
    return Punctuation(frozenset(raw["terminal"]), frozenset(raw["closers"]), frozenset(raw["lead_in"]),
                       frozenset(raw["continuation_start"]), frozenset(raw["fragment_start_particles"]),
                       tuple(raw["fragment_start_exemptions"]), tuple(raw.get("excerpt_marks", ())))


@lru_cache(maxsize=1)
def connectives() -> tuple[Connective, ...]:
    raw = _data("truncation_connectives.json")["connectives"]
    # Longest first, so 与此同时 is reported rather than a shorter prefix.
    return tuple(sorted((Connective(c["text"], bool(c.get("comma"))) for c in raw),
                        key=lambda c: -len(c.text)))


@lru_cache(maxsize=1)
def sequences() -> Sequences:
    raw = _data("truncation_sequences.json")
    families = tuple(OrdinalFamily(f["name"], int(f["level"]), f["scope"] == "inline",
                                   re.compile(f["pattern"], re.MULTILINE), f["label"])
                     for f in raw["families"])
    return Sequences(families, int(raw["start_orphan_anywhere_max_level"]),
                     int(raw.get("start_orphan_inline_paragraphs", 1)), _compile(raw["announcements"]))


@lru_cache(maxsize=1)
def tail_patterns() -> Tail:
    raw = _data("truncation_tail.json")
    return Tail(int(raw["signoff_max_chars"]), _compile(raw["signoff_patterns"]),
                re.compile(raw["attachment_head"]))


@lru_cache(maxsize=1)
def genre_profiles() -> tuple[GenreProfile, ...]:
    """Every genre profile shipped in ``rules/data/genre_*.json``, sorted by name."""
    folder = files("scrapegate.rules").joinpath("data")
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("genre_") and p.name.endswith(".json"))
    return tuple(GenreProfile.from_json(_data(n)) for n in names)


# --------------------------------------------------------------------------------------------
# Numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; arabic and circled digits too."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED.index(text) + 1
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


# --------------------------------------------------------------------------------------------
# Analysis

_INDENT = (" ", "\u3000", "\t", "\u00a0")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_INNER_PUNCT = re.compile(r"[，,、；;：:。！？!?“”「」《》（）()]")
_TITLE_BREAKS = re.compile(r"[，,、；;]")
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^(?:——|—|•|·|●|■|◆|▪|-|\*)")
_BRACKET_OPENERS = {"）": "（(", ")": "(（", "】": "【[", "〕": "〔", "〉": "〈", "]": "[【"}


@dataclass(frozen=True)
class Paragraph:
    """A non-blank body line, stripped; offsets point into the decoded text."""

    index: int
    start: int
    end: int
    text: str
    indented: bool


@dataclass(frozen=True)
class Ordinal:
    family: OrdinalFamily
    value: int
    paragraph: int
    offset: int  # in the paragraph text

    @property
    def label(self) -> str:
        return self.family.format(self.value)


@dataclass(frozen=True)
class Signal:
    """One piece of evidence that a side of the document is missing."""

    name: str
    hard: bool
    evidence: str
    expected: str | None = None
    found: str | None = None


@dataclass
class SideVerdict:
    where: str
    span: Span | None = None
    signals: list[Signal] = field(default_factory=list)

    @property
    def hard(self) -> bool:
        return any(s.hard for s in self.signals)


@dataclass(frozen=True)
class GenreMatch:
    profile: GenreProfile
    confidence: float
    evidence: tuple[str, ...]


@dataclass
class TruncationAnalysis:
    genre: GenreMatch | None
    start: SideVerdict
    end: SideVerdict


@dataclass(frozen=True)
class TruncationOptions:
    """Shared by both truncation rules."""

    short_line_chars: int = 30          # an unpunctuated last line up to this long may be a sign-off
    header_max_chars: int = 60          # leading unpunctuated lines up to this long are title lines
    header_max_lines: int = 6
    indent_share: float = 0.75          # share of indented paragraphs that makes an unindented opening odd
    indent_min_paragraphs: int = 4
    open_list_paragraphs: int = 6       # a list stopping this close to the end is "still open"
    attachment_search: int = 30         # an 附件 list this close to the end is judged apart from the text
    genre_checks: bool = True           # apply genre profiles (rules/data/genre_*.json)
    structural: bool = True             # report structure-only evidence (as warnings)
    escalate_at: int = 0                # this many distinct structural signals on one side make an
                                        # error (0: never; structure alone stays a warning)


def truncation_analysis(doc: Document, ctx: BatchContext,
                        options: TruncationOptions | None = None) -> TruncationAnalysis:
    """The shared, memoised analysis of both ends of ``doc``'s body."""
    options = options or TruncationOptions()
    return doc.memo(f"truncation:{options!r}", lambda: _Analyser(doc, ctx, options).run())


class _Analyser:
    def __init__(self, doc: Document, ctx: BatchContext, options: TruncationOptions) -> None:
        self.doc, self.ctx, self.options = doc, ctx, options
        self.punct = punctuation()
        self.seq = sequences()
        self.paragraphs = _paragraphs(doc, ctx)
        self.ordinals = _find_ordinals(self.paragraphs, self.seq.families)
        self.header = self._header_count()
        self.main_end = len(self.paragraphs)

    # ---- shared helpers -------------------------------------------------------------------

    def run(self) -> TruncationAnalysis:
        genre = self._detect_genre() if self.options.genre_checks else None
        if not self.paragraphs:
            return TruncationAnalysis(genre, SideVerdict("start"), SideVerdict("end"))
        return TruncationAnalysis(genre, self._start(genre), self._end(genre))

    def _stripped_core(self, text: str) -> str:
        core = text.rstrip()
        while core and core[-1] in self.punct.closers:
            core = core[:-1].rstrip()
        return core

    def is_terminated(self, text: str, *, strict: bool = False) -> bool:
        """Ends with sentence-final punctuation, possibly followed by closing quotes or brackets.

        ``strict``: a bare closing bracket does not count (a title such as ``…报告(2023年1月5日)``).
        """
        text = text.rstrip()
        if not text:
            return True
        core = self._stripped_core(text)
        if core != text and strict:
            return bool(core) and core[-1] in self.punct.terminal
        if core != text:
            if not core or core[-1] in self.punct.terminal:
                return True
            if core[-1] in self.punct.lead_in:
                return False
            # A bare closing quote (…之都”) is accepted: complete paragraphs end that way more often
            # than cuts land right after one. A bare closing bracket only closes a parenthetical that
            # is the whole line ((记者 张晓)) or follows a full stop (。(完)); after words it is an
            # aside inside an unfinished sentence, or a reading added to the last word (地區(qū)).
            closer = text[len(core):].strip()[-1]
            if closer in _BRACKET_OPENERS:
                opened = max(core.rfind(o) for o in _BRACKET_OPENERS[closer])
                before = core[:opened].rstrip() if opened >= 0 else core
                return opened >= 0 and (not before or before[-1] in self.punct.terminal)
            return True
        if self.ends_with_excerpt_mark(core):
            return False
        last = core[-1]
        if last in ".．" and len(core) > 1 and core[-2].isdigit() and _HAN.search(core):
            return False  # 增长5. : a decimal number cut after its point
        return last in self.punct.terminal

    def ends_with_excerpt_mark(self, text: str) -> bool:
        """``…能节尽...``: dots a page prints in place of the rest of a text, right after words."""
        core = text.rstrip()
        for mark in self.punct.excerpt_marks:
            if core.endswith(mark) and len(core) > len(mark) and _HAN.match(core[-len(mark) - 1]):
                return True
        return False

    def _ends_with_lead_in(self, text: str) -> bool:
        core = text.rstrip()
        return bool(core) and core[-1] in self.punct.lead_in

    def _line_ordinal(self, index: int) -> Ordinal | None:
        for o in self.ordinals:
            if o.paragraph == index and o.offset == 0 and not o.family.inline:
                return o
        return None

    def _is_header_line(self, p: Paragraph) -> bool:
        text = p.text
        if (len(text) > self.options.header_max_chars or self.is_terminated(text, strict=True)
                or self._ends_with_lead_in(text)):
            return False
        if _TITLE_BREAKS.search(text) or self._line_ordinal(p.index) is not None:
            return False
        return True

    def _header_count(self) -> int:
        n = 0
        for p in self.paragraphs[: self.options.header_max_lines]:
            if not self._is_header_line(p):
                break
            n += 1
        return n if n < len(self.paragraphs) else 0

    def _first_sentence_span(self, p: Paragraph) -> Span:
        for i, ch in enumerate(p.text):
            if ch in self.punct.terminal and i > 0:
                j = i + 1
                while j < len(p.text) and (p.text[j] in self.punct.closers or p.text[j] in self.punct.terminal):
                    j += 1
                return Span(p.start, p.start + j)
        return Span(p.start, p.end)

    def _last_sentence_span(self, p: Paragraph) -> Span:
        text = self._stripped_core(p.text)
        body = text.rstrip("".join(self.punct.terminal))
        cut = 0
        for i in range(len(body) - 1, -1, -1):
            if body[i] in self.punct.terminal:
                cut = i + 1
                break
        while cut < len(p.text) and p.text[cut] in self.punct.closers:
            cut += 1
        return Span(p.start + cut, p.end)

    # ---- genre ------------------------------------------------------------------------------

    def _title_candidates(self) -> list[str]:
        out = [self.paragraphs[i].text for i in range(min(self.header or 1, len(self.paragraphs)))]
        try:
            from scrapegate.checks.provenance import document_title
            title = document_title(self.doc, self.ctx)
        except ImportError:  # pragma: no cover - provenance ships with the core
            title = None
        if title:
            out.insert(0, title)
        return [_SPACES.sub("", t) for t in out]

    def _detect_genre(self) -> GenreMatch | None:
        best: GenreMatch | None = None
        titles = self._title_candidates()
        text = "\n".join(p.text for p in self.paragraphs)
        for profile in genre_profiles():
            if profile.excludes_script_of(text):
                continue
            score, evidence, groups = 0.0, [], set()
            for t in titles:
                if len(t) <= profile.title_max_chars and any(r.search(t) for r in profile.title_patterns):
                    score += profile.title_weight
                    groups.add("title")
                    evidence.append(f"title {t!r}")
                    break
            for g in profile.groups:
                hits = []
                for r in g.patterns:
                    if g.scope == "line":
                        m = next((p.text for p in self.paragraphs if r.search(p.text)), None)
                    else:
                        found = r.search(text)
                        m = found.group(0) if found else None
                    if m:
                        hits.append(m[:20])
                if not hits:
                    continue
                gained = g.weight if g.weight_each is None else min(g.weight, g.weight_each * len(hits))
                score += gained
                groups.add(g.name)
                evidence.append(f"{g.name}: " + ", ".join(repr(h) for h in hits[:3]))
            score = min(1.0, score)
            if score < profile.threshold:
                continue
            if profile.requires_any_of and not groups.intersection(profile.requires_any_of):
                continue
            if best is None or score > best.confidence:
                best = GenreMatch(profile, round(score, 2), tuple(evidence))
        return best

    # ---- start -------------------------------------------------------------------------------

    def _start(self, genre: GenreMatch | None) -> SideVerdict:
        paragraphs = self.paragraphs
        opening = paragraphs[self.header]
        verdict = SideVerdict("start", self._first_sentence_span(opening))
        first = paragraphs[0]
        hard = self._continuation_start(first) or (opening is not first and self._continuation_start(opening))
        if hard:
            verdict.signals.append(hard)
        if not self.options.structural:
            return verdict
        orphan = self._orphan_ordinal()
        if orphan:
            verdict.signals.append(orphan)
        connective = self._opening_connective(opening)
        if connective:
            verdict.signals.append(connective)
        indent = self._unindented_opening(opening)
        if indent:
            verdict.signals.append(indent)
        if genre:
            verdict.signals.extend(self._genre_start(genre))
        return verdict

    def _continuation_start(self, p: Paragraph) -> Signal | None:
        text = p.text
        head = text[0]
        if head in self.punct.continuation_start and not text.startswith(("……", "——")):
            return Signal("opens-mid-sentence", True,
                          f"the body opens with {head!r}, the continuation of a sentence cut off above it",
                          found=text[:12])
        if head in self.punct.particles and not text.startswith(self.punct.particle_exemptions):
            return Signal("opens-mid-sentence", True,
                          f"the body opens with the particle {head!r}, which cannot begin a sentence",
                          found=text[:12])
        first_word = text.split(None, 1)[0]
        if (head.islower() and head.isascii() and first_word.islower() and len(_LATIN_WORD.findall(text)) >= 3
                and not _HAN.search(text[:40])):  # iPhone, eBay: lower-case names are not fragments
            return Signal("opens-mid-sentence", True,
                          "the body opens with a lower-case word, in the middle of a sentence", found=text[:12])
        return None

    def _orphan_ordinal(self) -> Signal | None:
        seen_families: set[str] = set()
        min_level_seen = 99
        opening_index = self.header
        for o in self.ordinals:
            fam = o.family
            if fam.name == "circled":
                continue
            first_of_family = fam.name not in seen_families
            seen_families.add(fam.name)
            outer_seen = min_level_seen < fam.level
            min_level_seen = min(min_level_seen, fam.level)
            if not first_of_family or outer_seen or o.value <= 1:
                continue
            if (fam.level > self.seq.orphan_anywhere_max_level
                    and o.paragraph >= opening_index + self.seq.orphan_inline_paragraphs):
                continue
            return Signal(
                "opens-inside-sequence", False,
                f"the body opens inside a numbered sequence: {o.label} appears with no "
                f"{fam.format(1)} before it",
                expected=fam.format(1), found=o.label)
        return None

    def _opening_connective(self, p: Paragraph) -> Signal | None:
        text = p.text
        for c in connectives():
            if not text.startswith(c.text):
                continue
            rest = text[len(c.text):len(c.text) + 1]
            if c.comma and rest not in (",", "，", "、"):
                continue
            if rest.isascii() and rest.isalpha():
                continue
            return Signal("opens-with-connective", False,
                          f"the first paragraph opens with {c.text!r}, which refers back to text that is "
                          f"not there", found=c.text)
        return None

    def _unindented_opening(self, opening: Paragraph) -> Signal | None:
        rest = self.paragraphs[self.header + 1:]
        if opening.indented or len(rest) < self.options.indent_min_paragraphs:
            return None
        if len(opening.text) <= self.options.header_max_chars and not self.is_terminated(opening.text, strict=True):
            return None  # a title-like line (with a comma, so not taken as a title line), not a paragraph
        share = sum(p.indented for p in rest) / len(rest)
        if share < self.options.indent_share or self._line_ordinal(opening.index) is not None:
            return None
        return Signal("opens-mid-paragraph", False,
                      f"the first paragraph is not indented while {share:.0%} of the others are: "
                      f"it probably starts in the middle of a paragraph")

    def _opening_window(self, profile: GenreProfile) -> list[Paragraph]:
        """Where the genre's opening may stand: the first ``opening_search`` paragraphs after the title
        lines, or everything before the first top-level part (一、) when that comes later, up to
        ``opening_search_max`` paragraphs: page furniture the chrome pass kept (索引号, 发布日期, a forum
        poster's profile) may stand between the title and the opening address."""
        end = self.header + profile.opening_search
        sections = self._top_sections()
        if sections:
            end = max(end, min(sections[0].paragraph, self.header + profile.opening_search_max))
        return self.paragraphs[self.header:end]

    def _genre_start(self, genre: GenreMatch) -> list[Signal]:
        profile = genre.profile
        if any(r.search(p.text) for p in self._opening_window(profile) for r in profile.opening_patterns):
            return []
        titled = any(len(t) <= profile.title_max_chars and r.search(t)
                     for t in self._title_candidates() for r in profile.title_patterns)
        evidence = f"a {profile.label} has {profile.opening_description}; this body has none"
        if not titled:
            evidence += f", and no title line naming it a {profile.label}"
        return [Signal("no-opening", False, evidence, expected=profile.opening_description)]

    # ---- end ---------------------------------------------------------------------------------

    def _end(self, genre: GenreMatch | None) -> SideVerdict:
        main_end, last = self._judged_tail()
        self.main_end = main_end
        if last is None:
            return SideVerdict("end")
        verdict = SideVerdict("end", self._last_sentence_span(last))
        local = self._tail_line_signal(last)
        if local:
            verdict.signals.append(local)
        if not self.options.structural:
            return verdict
        closed = self._closing(genre, main_end) if genre else None
        if closed is None:
            verdict.signals.extend(self._unfinished_sequences())
            if genre:
                verdict.signals.extend(self._genre_end(genre))
        verdict.signals.extend(self._missing_notes())
        verdict.signals = _dedupe(verdict.signals)
        return verdict

    def _is_signoff(self, p: Paragraph) -> bool:
        tail = tail_patterns()
        return len(p.text) <= tail.signoff_max_chars and any(r.search(p.text) for r in tail.signoff)

    def _judged_tail(self) -> tuple[int, Paragraph | None]:
        """(index after the last main-text paragraph, the paragraph whose ending is judged)."""
        paragraphs = self.paragraphs
        end = len(paragraphs)
        head = tail_patterns().attachment_head
        for i in range(max(self.header + 1, len(paragraphs) - self.options.attachment_search), len(paragraphs)):
            if len(paragraphs[i].text) <= self.options.header_max_chars and head.search(paragraphs[i].text):
                end = i
                break
        i = end - 1
        while i > self.header and self._is_signoff(paragraphs[i]):
            i -= 1
        if i < 0:
            return end, None
        return i + 1, paragraphs[i]

    def _tail_line_signal(self, p: Paragraph) -> Signal | None:
        text = p.text
        if self.is_terminated(text):
            return None
        fragment = text[-12:]
        if self.ends_with_excerpt_mark(text):
            return Signal("stops-at-excerpt-mark", True,
                          f"the body stops at {fragment!r}: dots right after words are an excerpt "
                          f"marker a page prints in place of the rest of the text", found=fragment)
        if self._ends_with_lead_in(text):
            return Signal("stops-after-lead-in", True,
                          "the body stops at a line ending with a colon: what it introduces is missing",
                          found=fragment)
        ordinal = self._line_ordinal(p.index)
        if ordinal is not None and self._unpunctuated_list_item(p, ordinal):
            return None
        if ordinal is not None:
            return Signal("stops-after-heading", True,
                          f"the body stops right after the heading {text[:24]!r} with nothing under it",
                          expected=f"text under {ordinal.label}", found=ordinal.label)
        prose = (len(text) > self.options.short_line_chars or _INNER_PUNCT.search(text)
                 or len(_LATIN_WORD.findall(text)) > 3 or self._continues_bullet_list(p))
        if prose:
            return Signal("stops-mid-sentence", True,
                          f"the body stops mid-sentence at {fragment!r} (no closing punctuation)",
                          found=fragment)
        if self._uses_unnumbered_headings(p.index):
            return Signal("stops-after-heading", False,
                          f"the body stops at the short line {text!r}, shaped like the document's "
                          f"headings, with nothing under it", found=text)
        if self._prose_only_above(p.index):
            return Signal("stops-at-fragment", False,
                          f"the body stops at the short unpunctuated line {text!r} while every line above "
                          f"it is a full sentence: probably a sentence cut after a few words", found=text)
        return None

    def _prose_only_above(self, last_index: int) -> bool:
        """Every paragraph between the title lines and ``last_index`` ends a sentence (or a colon)."""
        above = self.paragraphs[self.header:last_index]
        return len(above) >= 2 and all(self.is_terminated(q.text) or self._ends_with_lead_in(q.text)
                                       for q in above)

    def _continues_bullet_list(self, p: Paragraph) -> bool:
        """A ——/•/- bullet whose earlier sibling bullets are full sentences is prose, however short."""
        bullet = _BULLET.match(p.text)
        if not bullet:
            return False
        siblings = [q for q in self.paragraphs[self.header:p.index] if q.text.startswith(bullet.group(0))]
        return bool(siblings) and all(self.is_terminated(q.text) for q in siblings[-3:])

    def _unpunctuated_list_item(self, p: Paragraph, ordinal: Ordinal) -> bool:
        """The last line is one of a run of unpunctuated list items (a glossary or attachment list
        written without full stops), not a heading: the line before it is the previous item."""
        if p.index == 0:
            return False
        prev = self.paragraphs[p.index - 1]
        before = self._line_ordinal(prev.index)
        return (before is not None and before.family is ordinal.family and before.value == ordinal.value - 1
                and not self.is_terminated(prev.text))

    def _uses_unnumbered_headings(self, last_index: int) -> bool:
        """Earlier short unpunctuated lines directly followed by prose: the document's heading style."""
        count = 0
        for p in self.paragraphs[self.header:last_index]:
            nxt = self.paragraphs[p.index + 1] if p.index + 1 < len(self.paragraphs) else None
            if (nxt and len(p.text) <= self.options.short_line_chars and not self.is_terminated(p.text)
                    and not _INNER_PUNCT.search(p.text) and len(nxt.text) > self.options.short_line_chars):
                count += 1
        return count >= 1

    def _unfinished_sequences(self) -> list[Signal]:
        signals: list[Signal] = []
        announced = self._announced_but_unfinished()
        if announced:
            signals.append(announced)
        single = self._single_member_list()
        if single and not (announced and announced.found == single.found):
            signals.append(single)
        return signals

    def _run_from(self, first: Ordinal) -> list[Ordinal]:
        """The members of ``first``'s sequence, in order, until an outer family appears or it restarts."""
        run = [first]
        for o in self.ordinals:
            if (o.paragraph, o.offset) <= (first.paragraph, first.offset):
                continue
            if o.family.level < first.family.level and o.family.name != "circled":
                break
            if o.family is first.family:
                if o.value != run[-1].value + 1:
                    break
                run.append(o)
        return run

    def _reaches_end(self, run: list[Ordinal]) -> bool:
        """The sequence is still open where the body stops: nothing outer follows its last member, and
        little text does (an inline 一是… list must be in the last paragraph, a heading list within
        ``open_list_paragraphs`` of the end), so a complete text whose count is merely sloppy passes."""
        last = run[-1]
        after = self.main_end - 1 - last.paragraph
        if after > (0 if last.family.inline else self.options.open_list_paragraphs):
            return False
        return not any(o.family.level < last.family.level and o.family.name != "circled"
                       and o.paragraph > last.paragraph for o in self.ordinals)

    def _announced_but_unfinished(self) -> Signal | None:
        for p in reversed(self.paragraphs):
            for pattern in self.seq.announcements:
                for m in reversed(list(pattern.finditer(p.text))):
                    count = chinese_to_int(m.group("count"))
                    if not count or count < 2:
                        continue
                    first = next((o for o in self.ordinals
                                  if o.value == 1 and (o.paragraph, o.offset) >= (p.index, m.end())
                                  and o.paragraph <= p.index + 2 and o.family.name != "circled"), None)
                    if first is None:
                        continue
                    run = self._run_from(first)
                    if len(run) >= count or not self._reaches_end(run):
                        continue
                    fam = first.family
                    return Signal(
                        "sequence-unfinished", False,
                        f"the text announces {m.group('count')} items ({m.group(0)!r}) but the body "
                        f"stops after {run[-1].label}: {fam.format(len(run) + 1)} never appears",
                        expected=fam.format(len(run) + 1), found=run[-1].label)
        return None

    def _single_member_list(self) -> Signal | None:
        for fam_name in ("subsection", "section"):
            members = [o for o in self.ordinals if o.family.name == fam_name]
            if not members:
                continue
            last = members[-1]
            if last.value != 1 or not self._reaches_end([last]):
                continue
            return Signal("sequence-unfinished", False,
                          f"the body stops inside a list that has only {last.label}: "
                          f"{last.family.format(2)} never appears after it",
                          expected=last.family.format(2), found=last.label)
        return None

    def _appendix_starts(self, profile: GenreProfile, end: int) -> list[int]:
        """Where the genre's appendix (a glossary or notes after the closing) may begin, latest first.

        Candidates: a short head line (附件, 名词解释) within ``appendix_search`` paragraphs of the end,
        and the start of the run of entries (①…, 1.术语：…) that ends the body, with the head right
        above that run however long the run is. Several candidates, because a report may carry two
        appendices (附件1 实事, 附件2 名词解释) and a note line inside the text looks like a head."""
        starts: list[int] = []
        i = end
        while i > self.header and any(r.search(self.paragraphs[i - 1].text) for r in profile.appendix_items):
            i -= 1
        if i < end:
            starts.append(i)
            if i - 1 > self.header and self._is_appendix_head(profile, self.paragraphs[i - 1]):
                starts.append(i - 1)
        for j in range(end - 1, max(self.header, end - profile.appendix_search) - 1, -1):
            if self._is_appendix_head(profile, self.paragraphs[j]):
                starts.append(j)
        return sorted(set(starts), reverse=True)

    @staticmethod
    def _is_appendix_head(profile: GenreProfile, p: Paragraph) -> bool:
        return len(p.text) <= profile.appendix_head_max_chars and any(r.search(p.text) for r in profile.appendix_heads)

    def _top_sections(self) -> list[Ordinal]:
        return [o for o in self.ordinals if o.family.level == 1]

    def _closing(self, genre: GenreMatch, main_end: int) -> Paragraph | None:
        """The genre's closing paragraph, searched before the end of the body and before every place
        where an appendix may begin."""
        profile = genre.profile
        for end in [main_end, *self._appendix_starts(profile, main_end)]:
            found = self._closing_before(profile, end)
            if found is not None:
                return found
        return None

    def _closing_before(self, profile: GenreProfile, end: int) -> Paragraph | None:
        while end > self.header and self._is_signoff(self.paragraphs[end - 1]):
            end -= 1
        sections = self._top_sections()
        for p in self.paragraphs[max(self.header, end - profile.closing_search):end]:
            if sections:
                before = [o for o in sections if o.paragraph <= p.index]
                if not before or before[-1].value < 2:
                    continue  # a thank-you in the review is not the closing
            if any(r.search(p.text) for r in profile.closing_patterns):
                return p
        return None

    def _genre_end(self, genre: GenreMatch) -> list[Signal]:
        profile = genre.profile
        signals = [Signal("no-closing", False,
                          f"a {profile.label} ends with {profile.closing_description}; this body has none",
                          expected=profile.closing_description)]
        sections = self._top_sections()
        if not sections:
            return signals
        last = sections[-1]
        wanted = max(p.ordinal for p in profile.parts)
        if last.value < wanted:
            missing = [p for p in profile.parts if p.ordinal > last.value]
            names = "; ".join(f"{last.family.format(p.ordinal)} ({p.description})" for p in missing)
            signals.append(Signal("parts-missing", False,
                                  f"the body stops in {last.label}: later parts never appear: {names}",
                                  expected=last.family.format(last.value + 1), found=last.label))
        part = next((p for p in profile.parts if p.ordinal == last.value), None)
        if part and part.min_subsections > 1:
            subs = [o for o in self.ordinals if o.family.level == 2 and o.paragraph > last.paragraph]
            if subs and max(o.value for o in subs) < part.min_subsections:
                top = max(subs, key=lambda o: o.value)
                signals.append(Signal(
                    "sequence-unfinished", False,
                    f"{last.label} ({part.description}) stops at {top.label}: "
                    f"{top.family.format(top.value + 1)} never appears",
                    expected=top.family.format(top.value + 1), found=top.label))
        return signals

    def _missing_notes(self) -> list[Signal]:
        notes = [o for o in self.ordinals if o.family.name == "circled"]
        if not notes:
            return []
        printed = max(o.value for o in notes)
        note_paragraphs = {o.paragraph for o in notes}
        cited = [_CIRCLED.index(ch) + 1 for p in self.paragraphs if p.index not in note_paragraphs
                 for ch in p.text if ch in _CIRCLED]
        if not cited or max(cited) <= printed:
            return []
        fam = notes[0].family
        return [Signal("notes-missing", False,
                       f"the text cites note {fam.format(max(cited))} but the notes stop at "
                       f"{fam.format(printed)}",
                       expected=fam.format(printed + 1), found=fam.format(printed))]


def _dedupe(signals: list[Signal]) -> list[Signal]:
    """One signal per (kind, expected, found): the announced count and the genre's plan may agree."""
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for s in signals:
        key = (s.name, s.expected, s.found)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _paragraphs(doc: Document, ctx: BatchContext) -> list[Paragraph]:
    out: list[Paragraph] = []
    for line in body_lines(doc, ctx):
        raw = line.text
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = line.start + lead
        out.append(Paragraph(len(out), start, start + len(stripped), stripped, raw.startswith(_INDENT)))
    return out


def _find_ordinals(paragraphs: list[Paragraph], families: tuple[OrdinalFamily, ...]) -> list[Ordinal]:
    found: list[Ordinal] = []
    for p in paragraphs:
        for fam in families:
            matches = fam.pattern.finditer(p.text) if fam.inline else filter(None, [fam.pattern.match(p.text)])
            for m in matches:
                value = chinese_to_int(m.group("num"))
                if value:
                    found.append(Ordinal(fam, value, p.index, m.start("num") if fam.inline else 0))
    found.sort(key=lambda o: (o.paragraph, o.offset, o.family.level))
    return found


# --------------------------------------------------------------------------------------------
# Rules


class _TruncationRule(DocumentRule):
    category = Category.TRUNCATION
    severity = Severity.ERROR
    Options = TruncationOptions
    where: str

    def check(self, doc: Document, ctx: BatchContext) -> Iterator[Finding]:
        analysis = truncation_analysis(doc, ctx, self.options)
        verdict = analysis.start if self.where == "start" else analysis.end
        if not verdict.signals:
            return
        signals = sorted(verdict.signals, key=lambda s: not s.hard)
        lead = signals[0]
        details: dict[str, Any] = {"where": self.where, "signals": [s.name for s in signals],
                                   "evidence": [s.evidence for s in signals]}
        keyed = next((s for s in signals if s.expected or s.found), None)
        if keyed and keyed.expected:
            details["expected"] = keyed.expected
        if keyed and keyed.found:
            details["found"] = keyed.found
        if analysis.genre:
            details["genre"] = analysis.genre.profile.name
            details["genre_confidence"] = analysis.genre.confidence
        kinds = {s.name for s in signals if not s.hard}
        escalated = not verdict.hard and 0 < self.options.escalate_at <= len(kinds)
        hard = verdict.hard or escalated
        certainty = "is cut" if hard else "may be cut"
        side = "beginning" if self.where == "start" else "end"
        message = (f"document {certainty} at the {side}: {lead.evidence}"
                   + (f" (+{len(signals) - 1} more)" if len(signals) > 1 else "")
                   + f"; re-fetch the complete document (check pagination, 'next page' links and "
                     f"request timeouts) before ingesting it")
        yield self.finding(doc, message, verdict.span, details=details,
                           severity=Severity.ERROR if hard else Severity.WARNING)


class TruncatedEnd(_TruncationRule):
    """The document's body stops before its end: a sentence, a section or a list is unfinished.

    Flags, judging the body (chrome such as a site footer after the cut is set aside):

    * **error**, the last line stops mid-sentence: no closing punctuation (the full set counts:
      ``。！？!?…`` and a closing quote or bracket such as ``。”`` or ``」``). ``…增长5.`` (a decimal
      cut after its point) is unfinished. Short sign-off lines (dates, bylines, ``(完)``,
      ``XX县人民政府``) are skipped and the line before them is judged.
    * **error**, the body stops right after a numbered heading (``(二)加快城市更新``) or a lead-in
      ending with a colon (``重点做好七个方面工作:``) with nothing under it.
    * **warning** (structure alone): the text announces a count (``重点做好七个方面工作``) and the
      body stops at (一); a list stops at its first member (``(一)`` with no ``(二)``); notes cited in
      the text (``⑬``) are not printed; for a recognised genre, its closing (a 政府工作报告 ends
      with ``…而奋斗!``) or its later parts (``三、`` the government's own conduct) are missing.
      A two-part report (一、 二、) that has its closing is complete. Also a short unpunctuated
      last line below full sentences (``会议还审查了区国民``): a fragment, or an unknown sign-off.

    Severity: error when a hard signal is present, else warning (option ``escalate_at`` turns N
    agreeing structural signals into an error). ``details``: ``where``, ``signals``, ``evidence``
    (one sentence each), ``expected``/``found`` when an ordinal is missing, ``genre`` and
    ``genre_confidence`` when a genre profile matched. Span: the body's last sentence.

    Why: scrapers lose pagination and time out; a truncated report must not enter a corpus as whole.

    Example: a body ending ``…持续提升税收贡献度。`` then ``本文地址:/baogao/…`` after
    ``围绕实现以上目标,今年将重点做好七个方面工作:`` and ``(一)全面推进产业强区…`` is flagged
    (warning): seven items announced, the body stops at (一), no closing exhortation.
    """

    code = "TR001"
    name = "truncated-end"
    where = "end"


class TruncatedStart(_TruncationRule):
    """The document's body begins after its real beginning: the opening was lost.

    Flags, judging the body after its title lines:

    * **error**, the body opens mid-sentence: its first character continues a sentence (``，``,
      ``、``, ``”``, ``)``), or it opens with a particle that cannot start a sentence (``的``,
      ``们``; ``的确`` and ``着力`` are fine), or (Latin text) with a lower-case word.
    * **warning** (structure alone): the body opens inside a numbered sequence without its earlier
      members (``六是…``, ``(七)…`` before any ``(一)``, a first top-level heading ``二、``); the first
      paragraph opens with a connective that needs a predecessor (``同时,``, ``此外``, ``另一方面``);
      it is unindented while the other paragraphs are indented (cut inside a paragraph); for a
      recognised genre, the genre's opening is missing (a 政府工作报告 opens with ``各位代表:`` /
      ``现在,我代表…向大会报告工作``).

    Severity and ``details`` as for TR001; span: the first sentence after the title lines.

    Why: a page that shows only the second half of a report passes every sentence-level check.

    Example: a body that opens ``六是自身建设在担当作为中得到新淬炼。…`` is flagged (warning):
    the sixth item of a list whose first five are missing, and no opening address.
    """

    code = "TR002"
    name = "truncated-start"
    where = "start"


RULES = [TruncatedEnd, TruncatedStart]
