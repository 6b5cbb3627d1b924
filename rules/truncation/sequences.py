"""Truncation evidence from numbering: lists that stop early, sequences entered in the middle, notes.

Ordinal families (一、 (一) 1. 一是 第一 ①) are data (``truncation_sequences.json``). A body that
opens at 六是 or (七) lost its beginning; a body whose announced "七个方面" stop at (一), or whose
list stops at its first member close to the end, lost its end; notes cited (⑬) but not printed were
cut off the tail.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from scrapegate.rules.boilerplate.chrome import simplify_chars
from scrapegate.rules.truncation.body import Body, Ordinal, Paragraph, Signal
from scrapegate.rules.truncation.data import CIRCLED, chinese_to_int

FIRST_LABEL_MIN_CHARS = 3
_ASCII_PARENS = str.maketrans("（）", "()")
_CIRCLED_MARK = re.compile(f"[{CIRCLED}]")


class SequenceChecks:
    """Signals read from the numbered items of one body."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self._folded: list[str] = []  # the first paragraphs' texts, folded (see _first_run_in)

    def orphan_ordinal(self) -> Signal | None:
        seen_families: set[str] = set()
        min_level_seen = 99
        opening_index = self.body.header
        for o in self.body.ordinals:
            fam = o.family
            if fam.name == "circled":
                continue
            first_of_family = fam.name not in seen_families
            seen_families.add(fam.name)
            outer_seen = min_level_seen < fam.level
            min_level_seen = min(min_level_seen, fam.level)
            if not first_of_family or outer_seen or o.value <= 1:
                continue
            if (fam.level > self.body.seq.orphan_anywhere_max_level
                    and o.paragraph >= opening_index + self.body.seq.orphan_inline_paragraphs):
                continue
            if self._first_run_in(fam.format(1), o.paragraph):
                continue
            return Signal(
                "opens-inside-sequence", False,
                f"the body opens inside a numbered sequence: {o.label} appears with no "
                f"{fam.format(1)} before it",
                expected=fam.format(1), found=o.label)
        return None

    def _first_run_in(self, first: str, paragraph: int) -> bool:
        """Whether the family's first member (第一条, （一）) is printed above ``paragraph`` inside a line, where
        the scan of line starts does not see it: a flattened page runs it into a heading (第一章 总则第一条 为了…).
        Labels of one or two characters (1., 一、) are left out: they occur in any prose."""
        if len(first) < FIRST_LABEL_MIN_CHARS:
            return False
        # Each paragraph is folded once, when a call first reads it (each family's call folded every paragraph
        # above its member again), and the search still stops at the first paragraph that holds the label.
        folded = self._folded
        if any(first in text for text in folded[:paragraph]):
            return True
        for p in self.body.paragraphs[len(folded):paragraph]:
            folded.append(simplify_chars(p.text).translate(_ASCII_PARENS))
            if first in folded[-1]:
                return True
        return False

    def gap_after_first(self) -> Signal | None:
        """The body's first numbered item is number one but the next of its family skips (一、 then
        三、, 第1條 then 第13條) before any outer heading: the text between them was lost, so the body
        starts at a kept heading above a cut, not at its beginning."""
        first: Ordinal | None = None
        for o in self.body.ordinals:
            if o.family.name == "circled":
                continue
            if first is None:
                if o.value != 1:
                    return None
                first = o
                continue
            if o.family.level < first.family.level:
                return None
            if o.family is first.family:
                if o.value <= 2:
                    return None
                fam = first.family
                return Signal("opens-above-gap", False,
                              f"the numbering jumps from {first.label} to {o.label} right after the opening: "
                              f"the text from {fam.format(2)} on was cut away under the kept heading",
                              expected=fam.format(2), found=o.label)
        return None

    def unfinished(self, main_end: int) -> list[Signal]:
        signals: list[Signal] = []
        announced = self._announced_but_unfinished(main_end)
        if announced:
            signals.append(announced)
        single = self._single_member_list(main_end)
        if single and not (announced and announced.found == single.found):
            signals.append(single)
        return signals

    def _run_from(self, first: Ordinal) -> list[Ordinal]:
        """The members of ``first``'s sequence, in order, until an outer family appears or it restarts."""
        run = [first]
        for o in self.body.ordinals:
            if (o.paragraph, o.offset) <= (first.paragraph, first.offset):
                continue
            if o.family.level < first.family.level and o.family.name != "circled":
                break
            if o.family is first.family:
                if o.value != run[-1].value + 1:
                    break
                run.append(o)
        return run

    def _reaches_end(self, run: list[Ordinal], main_end: int) -> bool:
        """The sequence is still open where the body stops: nothing outer follows its last member, and
        little text does (an inline 一是… list must be in the last paragraph, a heading list within
        ``open_list_paragraphs`` of the end), so a complete text whose count is merely sloppy passes."""
        last = run[-1]
        after = main_end - 1 - last.paragraph
        if after > (0 if last.family.inline else self.body.options.open_list_paragraphs):
            return False
        return not any(o.family.level < last.family.level and o.family.name != "circled"
                       and o.paragraph > last.paragraph for o in self.body.ordinals)

    def _announcing_paragraphs(self) -> list[Paragraph]:
        """The paragraphs an announcement pattern can match in, found by searching the joined text once:
        a match inside one paragraph is a match there too, and none crosses a line break (else every
        paragraph is read, as before)."""
        found: set[int] = set()
        for pattern in self.body.seq.announcements:
            spans = [m.span() for m in pattern.finditer(self.body.joined)]
            if any("\n" in self.body.joined[a:b] for a, b in spans):
                return self.body.paragraphs
            found.update(bisect_right(self.body.starts, a) - 1 for a, _ in spans)
        return [self.body.paragraphs[k] for k in sorted(found)]

    def _announced_but_unfinished(self, main_end: int) -> Signal | None:
        for p in reversed(self._announcing_paragraphs()):
            for pattern in self.body.seq.announcements:
                for m in reversed(list(pattern.finditer(p.text))):
                    count = chinese_to_int(m.group("count"))
                    if not count or count < 2:
                        continue
                    first = next((o for o in self.body.ordinals
                                  if o.value == 1 and (o.paragraph, o.offset) >= (p.index, m.end())
                                  and o.paragraph <= p.index + 2 and o.family.name != "circled"), None)
                    if first is None:
                        continue
                    run = self._run_from(first)
                    if len(run) >= count or not self._reaches_end(run, main_end):
                        continue
                    fam = first.family
                    return Signal(
                        "sequence-unfinished", False,
                        f"the text announces {m.group('count')} items ({m.group(0)!r}) but the body "
                        f"stops after {run[-1].label}: {fam.format(len(run) + 1)} never appears",
                        expected=fam.format(len(run) + 1), found=run[-1].label)
        return None

    def _single_member_list(self, main_end: int) -> Signal | None:
        for fam_name in ("subsection", "section"):
            members = [o for o in self.body.ordinals if o.family.name == fam_name]
            if not members:
                continue
            last = members[-1]
            if last.value != 1 or not self._reaches_end([last], main_end) or self._runs_on_inline(last):
                continue
            return Signal("sequence-unfinished", False,
                          f"the body stops inside a list that has only {last.label}: "
                          f"{last.family.format(2)} never appears after it",
                          expected=last.family.format(2), found=last.label)
        return None

    def _runs_on_inline(self, first: Ordinal) -> bool:
        """The family's second member follows the first inside a paragraph, after a sentence's end (``一、體育館:…。
        二、游泳館:…``): a page that ran its list into one line, which the scan of line starts does not see."""
        second = re.escape(first.family.format(2))
        tail = self.body.joined[self.body.starts[first.paragraph]:].translate(_ASCII_PARENS)
        return re.search(f"[。；;！!？?]\\s*{second}", tail) is not None

    def missing_notes(self) -> list[Signal]:
        notes = [o for o in self.body.ordinals if o.family.name == "circled"]
        if not notes:
            return []
        printed = max(o.value for o in notes)
        note_paragraphs = {o.paragraph for o in notes}
        cited = [CIRCLED.index(ch) + 1 for p in self.body.paragraphs if p.index not in note_paragraphs
                 for ch in _CIRCLED_MARK.findall(p.text)]
        if not cited or max(cited) <= printed:
            return []
        fam = notes[0].family
        return [Signal("notes-missing", False,
                       f"the text cites note {fam.format(max(cited))} but the notes stop at "
                       f"{fam.format(printed)}",
                       expected=fam.format(printed + 1), found=fam.format(printed))]
