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
from statistics import median

from scrapegate.rules.truncation.body import Body, Paragraph

SAMPLE = 12  # body paragraphs next to the edge the edge paragraph is compared with
SAMPLE_CHARS = 120  # characters read from each of them (and from the edge paragraph)
MIN_PROSE_CHARS = 15
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
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
    return sum(g in pool for g in grams) / len(grams)


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
    """Structural type indicators: numbered articles (第N条, at least 3), top-level sections (一、, at
    least 2), an address line (a short line ending with a colon right under the title)."""
    articles = sections = 0
    for o in body.ordinals:
        if o.offset == 0:
            articles += o.family.name == "article"
            sections += o.family.name == "section"
    addressed = any(len(p.text) <= ADDRESS_MAX_CHARS and body.ends_with_lead_in(p.text)
                    for p in body.paragraphs[body.header:body.header + 3])
    return {"articled": float(articles >= 3), "sectioned": float(sections >= 2), "addressed": float(addressed)}
