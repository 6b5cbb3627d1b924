"""The body a truncation judgement reads: paragraphs, numbered items, title lines, sentence ends.

:class:`Body` is built once per document (inside the memoised analysis) from ``body_lines`` (the
document's own text, chrome set aside) and offers the small questions every truncation check asks:
does this line end a sentence, is it a title line, is it a sign-off, which ordinal starts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Span
from scrapegate.rules.boilerplate import body_lines
from scrapegate.rules.truncation_data import HAN, OrdinalFamily, chinese_to_int, punctuation, sequences, tail_patterns

_INDENT = (" ", "\u3000", "\t", "\u00a0")
_TITLE_BREAKS = re.compile(r"[，,、；;]")
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


class Body:
    """The non-blank body lines of one document with their numbered items and title-line count."""

    def __init__(self, doc: Document, ctx: BatchContext, options: TruncationOptions) -> None:
        self.doc, self.ctx, self.options = doc, ctx, options
        self.punct = punctuation()
        self.seq = sequences()
        self.paragraphs = _paragraphs(doc, ctx)
        self.ordinals = _find_ordinals(self.paragraphs, self.seq.families)
        self.header = self._header_count()

    def stripped_core(self, text: str) -> str:
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
        core = self.stripped_core(text)
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
        if last in ".．" and len(core) > 1 and core[-2].isdigit() and HAN.search(core):
            return False  # 增长5. : a decimal number cut after its point
        return last in self.punct.terminal

    def ends_with_excerpt_mark(self, text: str) -> bool:
        """``…能节尽...``: dots a page prints in place of the rest of a text, right after words."""
        core = text.rstrip()
        for mark in self.punct.excerpt_marks:
            if core.endswith(mark) and len(core) > len(mark) and HAN.match(core[-len(mark) - 1]):
                return True
        return False

    def ends_with_lead_in(self, text: str) -> bool:
        core = text.rstrip()
        return bool(core) and core[-1] in self.punct.lead_in

    def line_ordinal(self, index: int) -> Ordinal | None:
        for o in self.ordinals:
            if o.paragraph == index and o.offset == 0 and not o.family.inline:
                return o
        return None

    def is_header_line(self, p: Paragraph) -> bool:
        text = p.text
        if (len(text) > self.options.header_max_chars or self.is_terminated(text, strict=True)
                or self.ends_with_lead_in(text)):
            return False
        if _TITLE_BREAKS.search(text) or self.line_ordinal(p.index) is not None:
            return False
        return True

    def _header_count(self) -> int:
        n = 0
        for p in self.paragraphs[: self.options.header_max_lines]:
            if not self.is_header_line(p):
                break
            n += 1
        return n if n < len(self.paragraphs) else 0

    def first_sentence_span(self, p: Paragraph) -> Span:
        for i, ch in enumerate(p.text):
            if ch in self.punct.terminal and i > 0:
                j = i + 1
                while j < len(p.text) and (p.text[j] in self.punct.closers or p.text[j] in self.punct.terminal):
                    j += 1
                return Span(p.start, p.start + j)
        return Span(p.start, p.end)

    def last_sentence_span(self, p: Paragraph) -> Span:
        text = self.stripped_core(p.text)
        body = text.rstrip("".join(self.punct.terminal))
        cut = 0
        for i in range(len(body) - 1, -1, -1):
            if body[i] in self.punct.terminal:
                cut = i + 1
                break
        while cut < len(p.text) and p.text[cut] in self.punct.closers:
            cut += 1
        return Span(p.start + cut, p.end)

    def is_signoff(self, p: Paragraph) -> bool:
        tail = tail_patterns()
        return len(p.text) <= tail.signoff_max_chars and any(r.search(p.text) for r in tail.signoff)

    def top_sections(self) -> list[Ordinal]:
        return [o for o in self.ordinals if o.family.level == 1]


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
