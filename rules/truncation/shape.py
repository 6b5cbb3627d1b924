"""Genre-free evidence from a body's shape: how its edge paragraphs compare with the rest of it, and
which structural type of document it is.

A complete text usually ends with a paragraph unlike its body (a short exhortation, an entry-into-force
clause, a sign-off sentence), whatever the genre's wording; a text cut at a paragraph boundary ends
with one more body paragraph: as long as the others, written with the same words, as full of figures.
:func:`end_shape` measures that (length against the body's median, the share of its character
bigrams the body paragraphs above it use, the share shared with the paragraph right above it, its
digits), :func:`start_shape` the opening's length. :func:`body_type` says what kind of structure the
body has (numbered articles 第N条, top-level sections 一、, an address line 同志们：/各县…：): a
genre's expectations are learnt as the model's weights for "no closing" in each type, from complete
and cut documents, not listed as phrases.

Reading is bounded: at most ``SAMPLE`` paragraphs of ``SAMPLE_CHARS`` characters next to the edge.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from statistics import median

from scrapegate.checks.textnorm import HAN_CHARS
from scrapegate.rules.truncation.body import Body, Paragraph
from scrapegate.rules.truncation.data import break_or_clause_mark, cues

SAMPLE = 12  # body paragraphs next to the edge the edge paragraph is compared with
SAMPLE_CHARS = 120  # characters read from each of them (and from the edge paragraph)
MIN_PROSE_CHARS = 15
_HAN_RUN = re.compile(f"[{HAN_CHARS}]{{2,}}")
_DIGITS = re.compile(r"[0-9０-９]")
ADDRESS_MAX_CHARS = 40


def han_bigrams(text: str) -> set[str]:
    """The distinct bigrams of two Han characters in ``text`` (none across punctuation or a digit)."""
    return {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}


def _prose(body: Body, p: Paragraph) -> bool:
    return len(p.text) >= MIN_PROSE_CHARS and body.ends_sentence(p)


def _shared(grams: set[str], others: list[str]) -> float:
    """The share of ``grams`` found in the first SAMPLE_CHARS characters of any of ``others``."""
    if not grams or not others:
        return 0.0
    pool = "|".join(text[:SAMPLE_CHARS] for text in others)
    return sum(map(pool.__contains__, grams)) / len(grams)


def end_shape(body: Body, last: Paragraph) -> dict[str, float]:
    """The judged final paragraph against the body paragraphs above it."""
    above: list[str] = []
    for p in reversed(body.paragraphs[body.header:last.index]):
        if _prose(body, p):
            above.append(p.text)
            if len(above) == SAMPLE:
                break
    if not above:
        return {}
    tail = last.text[-SAMPLE_CHARS:]
    grams = han_bigrams(tail)
    ratio = len(last.text) / median(len(t) for t in above)
    return {
        "final-shaped": 1.0,  # the features below were measured (the regression's offset for them)
        "final-length-ratio": min(ratio, 2.0) / 2.0,
        "final-body-overlap": _shared(grams, above),
        "final-neighbour-overlap": _shared(grams, above[:1]),
        "final-digits": min(len(_DIGITS.findall(tail)) / max(len(tail), 1), 0.3) / 0.3,
    }


def start_shape(body: Body, opening: Paragraph) -> dict[str, float]:
    """The opening paragraph's length against the body paragraphs below it."""
    below: list[int] = []
    for p in body.paragraphs[opening.index + 1:]:
        if _prose(body, p):
            below.append(len(p.text))
            if len(below) == SAMPLE:
                break
    if not below:
        return {}
    return {"opening-length-ratio": min(len(opening.text) / median(below), 2.0) / 2.0}


def body_type(body: Body) -> dict[str, float]:
    """Structural type indicators: numbered articles (第N条, at least 3), top-level sections (一、
    heading lines, at least 2: points written as one paragraph each are a list), an address line (a
    short line ending with a colon right under the title)."""
    articles = sections = 0
    for o in body.ordinals:
        if o.offset == 0:
            articles += o.family.name == "article"
            sections += o.family.name == "section" and _heading(body.paragraphs[o.paragraph])
    addressed = any(len(p.text) <= ADDRESS_MAX_CHARS and body.ends_with_lead_in(p.text)
                    for p in body.paragraphs[body.header:body.header + 3])
    return {"articled": float(articles >= 3), "sectioned": float(sections >= 2), "addressed": float(addressed)}


_CHAPTER = re.compile(r"第\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[章编編](?![，,。；;：:])")
_PART_NUMBER = re.compile(r"(?:第\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[章编編]|[一二三四五六七八九十]{1,3}[、．.])\s*")
OUTLINE_MAX_PARTS = 8
HEADING_MAX_CHARS = 40


def _heading(p: Paragraph) -> bool:
    """A heading line: short, with no sentence or clause mark."""
    return len(p.text) <= HEADING_MAX_CHARS and not break_or_clause_mark().search(p.text)


def part_title(heading: str) -> str:
    """A part heading's words, its number (第八章, 十、) taken off.

    >>> part_title("第七章  法律责任"), part_title("十、附則"), part_title("附则")
    ('法律责任', '附則', '附则')
    """
    numbered = _PART_NUMBER.match(heading)
    return heading[numbered.end():] if numbered else heading


def chapter_headings(body: Body, last: Paragraph) -> list[int]:
    """Paragraph indexes of the body's chapter heading lines (第N章, 第 5 章) up to ``last``."""
    return [p.index for p in body.paragraphs[body.header:last.index + 1]
            if p.text.startswith("第") and _CHAPTER.match(p.text) and _heading(p)]


def _parts(body: Body, last: Paragraph) -> list[int]:
    """Paragraph indexes of the body's top-level part headings up to ``last``: chapters (第N章) when
    there are at least two, else top-level sections (一、) at the start of a line, at least two or a
    lone first one. Only heading lines
    count (short, no sentence or clause mark): a numbered point written as one paragraph
    (``一、压实责任。各单位要…``) is an item of a list, not a part of an outline."""
    chapters = chapter_headings(body, last)
    if len(chapters) >= 2:
        return chapters
    sections = [o for o in body.ordinals
                if o.offset == 0 and o.family.name == "section" and o.paragraph <= last.index
                and _heading(body.paragraphs[o.paragraph])]
    # A lone 一、 heading counts too: a text whose outline stops in its first part.
    return [o.paragraph for o in sections] if len(sections) >= 2 or [o.value for o in sections] == [1] else []


def outline_shape(body: Body, last: Paragraph) -> dict[str, float]:
    """Where in its outline the body stops: how many top-level parts it has (a text cut halfway has
    fewer than complete ones), the last part's size against the parts above it (a cut leaves it
    short), and its numbered sub-items against theirs (the last part stops at (二) where the others
    reach (六)); whether it stops on a numbered item below the top level (inside a list); and whether
    its last part is the one a text closes with (``closing-part``: 第八章 附则, whose last article need
    not be an entry-into-force clause: a complete law may end on an ordinary article there)."""
    item = body.line_ordinal(last.index)
    listed = {"final-item": float(item is not None and item.family.level >= 2)}
    parts = _parts(body, last)
    if not parts:
        return listed
    heading = body.paragraphs[parts[-1]].text
    closing = cues().closing_part.search(part_title(heading)) is not None
    out = {**listed, "outlined": 1.0, "outline-parts": min(len(parts), OUTLINE_MAX_PARTS) / OUTLINE_MAX_PARTS,
           "closing-part": float(closing)}
    sizes = [b - a for a, b in zip(parts, parts[1:])]
    if sizes:
        out["outline-last-share"] = min((last.index - parts[-1] + 1) / median(sizes), 2.0) / 2.0
    bounds = parts + [last.index + 1]
    counts = [0] * len(parts)
    for o in body.ordinals:
        if o.offset == 0 and o.family.level == 2 and parts[0] < o.paragraph < bounds[-1]:
            k = bisect_right(parts, o.paragraph) - 1
            counts[k] = max(counts[k], o.value)
    earlier = [c for c in counts[:-1] if c]
    if earlier:
        out["outline-sub-short"] = max(0.0, 1.0 - counts[-1] / median(earlier))
    return out
