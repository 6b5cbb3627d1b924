"""Genre-aware truncation evidence: which known genre a body belongs to, and the parts it lacks.

A genre is a profile in ``rules/data/genre_<name>.json`` (title, markers and their weights, the
opening, the numbered parts, the closing, an appendix). :meth:`GenreChecks.detect` scores a body
against every profile; the checks then say what the matched genre expects and this body lacks: no
opening address, no closing exhortation, parts that never come, a plan that stops at (一).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from scrapegate.checks.textnorm import heading_core
from scrapegate.rules.segmentation import document_title
from scrapegate.rules.truncation.body import Body, Ordinal, Paragraph, Signal
from scrapegate.rules.truncation.data import GenreProfile, MarkerGroup, genre_profiles


_SENTENCE_END = re.compile(r"[。！!？?]+")


@dataclass(frozen=True)
class GenreMatch:
    profile: GenreProfile
    confidence: float
    titled: bool  # a title candidate names the genre


class GenreChecks:
    """Genre detection and the genre's start and end checks for one body."""

    def __init__(self, body: Body) -> None:
        self.body = body

    def title_candidates(self) -> list[str]:
        out = [self.body.paragraphs[i].text for i in range(min(self.body.header or 1, len(self.body.paragraphs)))]
        title = document_title(self.body.doc, self.body.ctx)
        if title:
            out.insert(0, title)
        return [heading_core(t) for t in out]

    def detect(self) -> GenreMatch | None:
        best: GenreMatch | None = None
        titles = self.title_candidates()
        text = self.body.joined
        lined = "\n" + text  # every paragraph, the first included, after a line break (see _line_start_form)
        for profile in genre_profiles():
            if profile.excludes_script_of(text):
                continue
            score, groups = 0.0, set()
            titled = any(len(t) <= profile.title_max_chars and any(r.search(t) for r in profile.title_patterns)
                         for t in titles)
            if titled:
                score += profile.title_weight
                groups.add("title")
            for g in profile.groups:
                if score >= 1.0 and groups.intersection(profile.requires_any_of or groups):
                    break  # the score is capped at 1.0 and the required evidence is there
                # A line group's patterns are MULTILINE: ^ and $ are a paragraph's ends in the joined text.
                hits = _hits(g, text, lined)
                if not hits:
                    continue
                score += g.weight if g.weight_each is None else min(g.weight, g.weight_each * hits)
                groups.add(g.name)
            score = min(1.0, score)
            if score < profile.threshold:
                continue
            if profile.requires_any_of and not groups.intersection(profile.requires_any_of):
                continue
            if best is None or score > best.confidence:
                best = GenreMatch(profile, round(score, 2), titled)
        return best

    def _opening_window(self, profile: GenreProfile) -> list[Paragraph]:
        """Where the genre's opening may stand: the first ``opening_search`` paragraphs after the title
        lines, or everything before the first top-level part (一、) when that comes later, up to
        ``opening_search_max`` paragraphs: page furniture the chrome pass kept (索引号, 发布日期, a forum
        poster's profile) may stand between the title and the opening address."""
        end = self.body.header + profile.opening_search
        sections = self.body.top_sections()
        if sections:
            end = max(end, min(sections[0].paragraph, self.body.header + profile.opening_search_max))
        return self.body.paragraphs[self.body.header:end]

    def start_signals(self, genre: GenreMatch) -> list[Signal]:
        profile = genre.profile
        if any(r.search(p.text) for p in self._opening_window(profile) for r in profile.opening_patterns):
            return []
        evidence = f"a {profile.label} has {profile.opening_description}; this body has none"
        if not genre.titled:
            evidence += f", and no title line naming it a {profile.label}"
        return [Signal("no-opening", False, evidence, expected=profile.opening_description)]

    def _appendix_starts(self, profile: GenreProfile, end: int) -> list[int]:
        """Where the genre's appendix (a glossary or notes after the closing) may begin, latest first.

        Candidates: a short head line (附件, 名词解释) within ``appendix_search`` paragraphs of the end,
        and the start of the run of entries (①…, 1.术语：…) that ends the body, with the head right
        above that run however long the run is. Several candidates, because a report may carry two
        appendices (附件1 实事, 附件2 名词解释) and a note line inside the text looks like a head."""
        starts: list[int] = []
        i = end
        while i > self.body.header and any(r.search(self.body.paragraphs[i - 1].text) for r in profile.appendix_items):
            i -= 1
        if i < end:
            starts.append(i)
            if i - 1 > self.body.header and self._is_appendix_head(profile, self.body.paragraphs[i - 1]):
                starts.append(i - 1)
        for j in range(end - 1, max(self.body.header, end - profile.appendix_search) - 1, -1):
            if self._is_appendix_head(profile, self.body.paragraphs[j]):
                starts.append(j)
        return sorted(set(starts), reverse=True)

    @staticmethod
    def _is_appendix_head(profile: GenreProfile, p: Paragraph) -> bool:
        return len(p.text) <= profile.appendix_head_max_chars and any(r.search(p.text) for r in profile.appendix_heads)

    def closing(self, genre: GenreMatch, main_end: int) -> Paragraph | None:
        """The genre's closing paragraph, searched before the end of the body and before every place
        where an appendix may begin."""
        profile = genre.profile
        for end in [main_end, *self._appendix_starts(profile, main_end)]:
            found = self._closing_before(profile, end)
            if found is not None:
                return found
        return None

    def _closing_before(self, profile: GenreProfile, end: int) -> Paragraph | None:
        while end > self.body.header and self.body.tail_extra(self.body.paragraphs[end - 1]):
            end -= 1
        sections = self.body.top_sections()
        for p in self.body.paragraphs[max(self.body.header, end - profile.closing_search):end]:
            if sections:
                before = [o for o in sections if o.paragraph <= p.index]
                if not before or before[-1].value < 2:
                    continue  # a thank-you in the review is not the closing
            if any(r.search(p.text) for r in profile.closing_patterns) or (
                    p.index == end - 1 and self._closing_by_form(profile, p, sections)):
                return p
        return None

    def _closing_by_form(self, profile: GenreProfile, p: Paragraph, sections: list[Ordinal]) -> bool:
        """The last paragraph closes by its form (the congress addressed once more, 各位代表，…。) when it
        is a few sentences and not right under a part's heading: a part (the government's own conduct)
        and the review's thanks open by addressing the congress too, and run on for many sentences."""
        if not any(r.search(p.text) for r in profile.closing_last_patterns):
            return False
        if sections and sections[-1].paragraph >= p.index - 1:
            return False
        return len(_SENTENCE_END.findall(p.text)) <= profile.closing_last_max_sentences

    def end_signals(self, genre: GenreMatch) -> list[Signal]:
        profile = genre.profile
        signals = [Signal("no-closing", False,
                          f"a {profile.label} ends with {profile.closing_description}; this body has none",
                          expected=profile.closing_description)]
        sections = self.body.top_sections()
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
            subs = [o for o in self.body.ordinals if o.family.level == 2 and o.paragraph > last.paragraph]
            if subs and max(o.value for o in subs) < part.min_subsections:
                top = max(subs, key=lambda o: o.value)
                signals.append(Signal(
                    "sequence-unfinished", False,
                    f"{last.label} ({part.description}) stops at {top.label}: "
                    f"{top.family.format(top.value + 1)} never appears",
                    expected=top.family.format(top.value + 1), found=top.label))
        return signals


def _hits(group: MarkerGroup, text: str, lined: str) -> int:
    """How many of the group's patterns occur in ``text`` (``lined``: the same after a line break),
    counted only as far as the score can use: one for a group with one weight, up to its cap (weight /
    weight_each) for a counted group."""
    cap = 1 if group.weight_each is None else math.ceil(group.weight / group.weight_each - 1e-9)
    hits = 0
    for r in group.patterns:
        line_start = _line_start_form(r)
        found = line_start.search(lined) if line_start is not None else r.search(text)
        if found is not None:
            hits += 1
            if hits >= cap:
                break
    return hits


@lru_cache(maxsize=256)
def _line_start_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``^X`` (MULTILINE, no top-level alternative) as ``\\nX``, searched in the text after a line
    break: the same matches, but the search jumps from line break to line break where ``^`` makes it
    try every position (4x faster on long bodies); None for any other pattern.

    >>> _line_start_form(re.compile("^各位代表", re.M)).pattern
    '\\n(?:各位代表)'
    >>> _line_start_form(re.compile("^a|b", re.M)) is None
    True
    """
    source = pattern.pattern
    if not (pattern.flags & re.MULTILINE) or not source.startswith("^") or _top_level_alternative(source):
        return None
    return re.compile("\n(?:" + source[1:] + ")", pattern.flags)


def _top_level_alternative(source: str) -> bool:
    """Whether a ``|`` outside every group and character class splits the pattern."""
    depth, in_class, escaped = 0, False, False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False
