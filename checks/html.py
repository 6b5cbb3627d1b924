"""HTML read as a page: the visible text blocks of a document, with code-point offsets into its source.

Parsing is lexbor's (``selectolax``), the fastest maintained HTML5 parser measured for this
(``bench/bench_chrome.py`` times it against lxml and the stdlib ``html.parser``, the only one of the
three that reports source positions, and the slowest by far). lexbor gives the tree but no source positions, so its text nodes are aligned, in document order, with the text runs
of a tokenizer pass over the source (text between tags; comments, ``<script>``, ``<style>`` skipped):
a node takes the next run whose decoded text is the same. Every span is therefore an offset into the
decoded source, as for plain text. ``<head>``, ``<script>``, ``<style>``, ``<template>`` and
``<noscript>`` are not text.

A :class:`Block` is the text of one block-level element (``p``, ``li``, ``td``, ``div`` ...) that is
not inside a nested block: what a reader sees as one line or paragraph. It carries what the page's
structure says about it: landmark ancestors (``nav``, ``header``, ``footer``, ``aside``, ``form``),
the class and id tokens of its ancestors, the share of its text inside links, its heading level.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from scrapegate.checks.document import Document, Line

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "html", "select", "option",
    "label", "button", "legend"})
NOT_TEXT = frozenset({"head", "script", "style", "template", "noscript", "title", "textarea", "svg", "math"})
LANDMARKS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "select", "button"})
CONTENT = frozenset({"article", "main"})
_HEADING = {f"h{k}": k for k in range(1, 7)}
_TOKEN_SPLIT = re.compile(r"[\s_\-:.]+")
_RAW_TAGS = ("script", "style", "template", "textarea", "title")
_SKIP = "|".join([r"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)"]
                 + [rf"<{t}\b[^>]*>[^<]*(?:<(?!/{t}\s*>)[^<]*)*(?:</{t}\s*>|\Z)" for t in _RAW_TAGS]
                 + [r"<[A-Za-z!?/][^>]*>?"])
"""What is not text: a comment, a script, style, template, textarea or title element with its content (each to
its first end tag, or the end of the source), any other tag. Written as unrolled loops (a character class up to
the next ``-`` or ``<``, then one character) rather than ``.*?`` before the end: the regex engine tried the end
at every character of a script."""
_SKIPPED = re.compile(rf"(?:{_SKIP})(?:\s*(?:{_SKIP}))*", re.I)
"""Markup between two text runs: one or more skipped pieces with only white space between them (that white
space is no run: one match instead of one per tag)."""


class Block(NamedTuple):
    """One block of visible text. ``start``/``end`` span its text in the source (tags between its
    runs included); ``runs`` are its text runs' exact source spans; ``text`` the decoded text with white
    space collapsed. (A named tuple: a page makes one per text node, and a frozen dataclass's
    ``__init__`` cost as much as the rest of the block's parsing.)"""

    start: int
    end: int
    text: str
    runs: tuple[tuple[int, int], ...]
    tag: str
    landmarks: frozenset[str]
    """Landmark elements around the block: nav, header, footer, aside, form, menu ..."""
    tokens: tuple[str, ...]
    """Class and id tokens of the block's element and its ancestors, nearest first."""
    content: bool
    """Inside an ``article`` or ``main`` element."""
    link_chars: int
    heading: int
    """1-6 for h1-h6, else 0."""
    path: tuple[int, ...] = ()
    """Ids of the block elements that hold the block, outermost first, its own element last: blocks that
    share an id share that container (``div``, ``td``, ``article`` ...)."""
    table: int = -1
    """Id of the nearest ``table`` element around the block (one of ``path``), -1 outside tables."""

    @property
    def size(self) -> int:
        """Characters of ``text`` other than the spaces that join its runs (what ``link_chars`` is a
        share of)."""
        return len(self.text) - self.text.count(" ")


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    title: str = ""
    """The text of the page's ``<title>``, white space collapsed."""


def is_html(doc: Document) -> bool:
    """A document read as an HTML page: named .html/.htm, or opening with a doctype or ``<html``
    (memoised: every rule of the family asks)."""
    return doc.memo("is_html", lambda: _is_html(doc))


def _is_html(doc: Document) -> bool:
    key = doc.key.lower()
    if key.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    head = doc.text[:512].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def page(doc: Document) -> Page:
    """The document's :class:`Page`, parsed once per document."""
    return doc.memo("html_page", lambda: parse(doc.text))


def _runs(source: str, markup: re.Pattern[str] = _SKIPPED) -> list[tuple[int, int]]:
    """Text runs between tags (``markup``'s matches: comments, scripts, styles and the ``<title>``
    skipped, a heading that repeats the title must not take the title's place in the source),
    non-blank, in source order."""
    runs, cursor = [], 0
    for match in markup.finditer(source):
        begin, end = match.span()
        if begin > cursor and not source[cursor:begin].isspace():
            runs.append((cursor, begin))
        cursor = end
    if cursor < len(source) and not source[cursor:].isspace():
        runs.append((cursor, len(source)))
    return runs


def _norm(text: str) -> str:
    """White space collapsed to single spaces and stripped: the same as ``re.sub(r"\\s+", " ",
    text).strip()`` (str.split and the regex's ``\\s`` know one class of white space), at less CPU."""
    return " ".join(text.split())


Facts = tuple[frozenset[str], tuple[str, ...], bool, bool, int, bool, tuple[int, ...], int]
"""What an element says about the text inside it: (landmarks, class/id/role tokens nearest first, inside
content, not text, id of its block element, inside a link below that block, ids of the block elements
around it outermost first, id of the nearest table element around it or -1)."""
MAX_ANCESTORS = 200
"""The block elements a block's ``path`` names (the innermost) and the class/id tokens its ``tokens`` keep (the
nearest): each element's facts hold its own copies, so a page of elements nested ten thousand deep (a hostile
or broken page; real pages read here nest under 40 block elements) made copies growing with the square of the
depth (20,000 nested divs: 2 GB)."""
_NO_LANDMARKS: frozenset[str] = frozenset()
_ROOT: Facts = (_NO_LANDMARKS, (), False, False, -1, False, (), -1)
_CHANGES_FACTS = BLOCK_TAGS | LANDMARKS | CONTENT | NOT_TEXT | {"a", "table"}
"""Tags whose element has other facts than its parent's; any other element without class, id or role
tokens (``span``, ``font``, ``b`` ...) shares its parent's."""


@lru_cache(maxsize=1 << 12)
def _tokens(*values: str | None) -> tuple[str, ...]:
    """The class, id and role tokens of an element, lower-cased (cached: a site repeats its classes)."""
    return tuple(t for value in values if value for t in _TOKEN_SPLIT.split(value.lower()) if t)


def _context(node, key: int, info: dict[int, Facts], element) -> Facts:
    """The facts of an element not seen yet (``key`` its ``mem_id``): its ancestors not in ``info`` are
    collected going up, then computed going down by ``element(node, key, base)`` (no recursion; most
    often the parent is known)."""
    chain = []
    up = node.parent
    while True:
        if up is None or up.is_document_node:
            base = _ROOT
            break
        up_key = up.mem_id
        cached = info.get(up_key)
        if cached is not None:
            base = cached
            break
        chain.append((up, up_key))
        up = up.parent
    for up, up_key in reversed(chain):
        base = element(up, up_key, base)
    return element(node, key, base)


def _text_blocks(source: str, body, info: dict[int, Facts], element) -> list[tuple[int, list]]:
    """The page's text nodes aligned with the source's text runs and grouped into blocks: (id of the block
    element, [start, end, texts, run spans, link characters]) in document order. ``info`` caches each
    element's facts, computed by ``element`` (see :func:`_context`); only the not-text flag, the block
    element and the link flag are read here."""
    runs = _runs(source)
    decoded: list[str | None] = [None] * len(runs)
    """Each run's text decoded and white space collapsed, made when a text node is compared with it."""

    def decode(k: int) -> str:
        text = decoded[k]
        if text is None:
            a, b = runs[k]
            text = decoded[k] = _norm(html.unescape(source[a:b]))
        return text

    cursor = 0
    order: list[tuple[int, list]] = []
    info_get = info.get
    count = len(runs)
    block: list = []
    """The open block: [start, end, texts, runs, link characters]."""
    last_id = None
    # skip_empty: lexbor skips the text nodes of ASCII white space (most of a page's text nodes, the
    # indentation between tags) before they become Python objects; other white space is skipped here.
    for node in body.traverse(include_text=True, skip_empty=True):
        raw_text = node.text_content  # None but for a text node
        if not raw_text or raw_text.isspace():
            continue
        parent = node.parent
        if parent is None:
            continue
        key = parent.mem_id
        facts = info_get(key) or _context(parent, key, info, element)
        if facts[3]:  # not text
            continue
        text = " ".join(raw_text.split())  # _norm, inline: once per text node
        # Align with the next source run of the same text (most often the very next run, most often
        # its very characters: then no entity needs decoding).
        raw = ""
        if cursor < count:
            start, end = runs[cursor]
            raw = source[start:end]
        if raw and "&" not in raw and raw == raw_text or cursor < count and decode(cursor) == text:
            found = cursor
        else:
            found = -1
            for k in range(cursor + 1, min(cursor + 40, count)):
                if decode(k) == text:
                    found = k
                    break
            if found < 0:
                continue
            start, end = runs[found]
            raw = source[start:end]
        cursor = found + 1
        if raw[0].isspace():
            start += len(raw) - len(raw.lstrip())
        if raw[-1].isspace():
            end -= len(raw) - len(raw.rstrip())
        # A block is a run of consecutive text of one element: text after a nested block starts anew.
        block_id = facts[4]
        if not block or block_id != last_id:
            block = [start, end, [text], [(start, end)], len(text) if facts[5] else 0]
            order.append((block_id, block))
            last_id = block_id
            continue
        block[1] = end
        block[2].append(text)
        block[3].append((start, end))
        if facts[5]:  # inside a link
            block[4] += len(text)
    return order


def _title(source: str) -> str:
    opening = _BODY_TAG.search(source)
    title = _TITLE.search(source, 0, opening.start() if opening else len(source))
    return _norm(html.unescape(title.group(1))) if title else ""


def parse(source: str) -> Page:
    tree = LexborHTMLParser(source)
    title_text = _title(source)
    body = tree.body or tree.root
    if body is None:
        return Page((), title_text)
    info: dict[int, Facts] = {}
    elements: dict[int, str] = {}
    """The tag of each block element, by id."""

    def element(node, key: int, base: Facts) -> Facts:
        """The facts of element ``node`` (``key`` its ``mem_id``) inside an element with ``base``."""
        tag = node.tag
        attrs = node.attributes
        own = _tokens(attrs.get("class"), attrs.get("id"), attrs.get("role")) if attrs else ()
        if own or tag in _CHANGES_FACTS:
            block = tag in BLOCK_TAGS
            if block:
                elements[key] = tag
            base = (base[0] | {tag} if tag in LANDMARKS else base[0],
                    (own + base[1])[:MAX_ANCESTORS] if own else base[1],
                    base[2] or tag in CONTENT, base[3] or tag in NOT_TEXT, key if block else base[4],
                    tag == "a" or (not block and base[5]),
                    (*base[6][1 - MAX_ANCESTORS:], key) if block else base[6],
                    key if tag == "table" else base[7])
        info[key] = base
        return base

    out = []
    for block_id, (start, end, parts, spans, link_chars) in _text_blocks(source, body, info, element):
        element_tag = elements.get(block_id)
        if element_tag is not None:
            landmarks, tokens, content, _, _, _, path, table = info[block_id]
        else:
            element_tag, landmarks, tokens, content, path, table = "body", frozenset(), (), False, (), -1
        out.append(Block(start, end, " ".join(parts), tuple(spans), element_tag, landmarks, tokens, content,
                         link_chars, _HEADING.get(element_tag, 0), path, table))
    out.sort()  # by start: no two blocks start at one offset (each run is one node's)
    return Page(tuple(out), title_text)


def block_texts(source: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """``[(b.text, list(b.runs)) for b in parse(source).blocks]`` at less CPU: what a batch's line counts
    read of a page (pass 1), without the structure the rules read (an element's facts here are its
    not-text flag and block element only: no attributes, landmarks or paths)."""
    tree = LexborHTMLParser(source)
    body = tree.body or tree.root
    if body is None:
        return []
    info: dict[int, Facts] = {}

    def element(node, key: int, base: Facts) -> Facts:
        tag = node.tag
        if tag in _CHANGES_FACTS:
            block = tag in BLOCK_TAGS
            base = (_NO_LANDMARKS, (), False, base[3] or tag in NOT_TEXT, key if block else base[4], False, (), -1)
        info[key] = base
        return base

    blocks = sorted((block[0], block[2], block[3]) for _, block in _text_blocks(source, body, info, element))
    return [(" ".join(parts), spans) for _, parts, spans in blocks]


def block_lines(doc: Document) -> list[Line]:
    """The page's blocks as lines: number is the source line of the block's start, start/end its span,
    text its decoded visible text."""
    def compute() -> list[Line]:
        if "\r" in doc.text:  # a lone \r breaks a line too: number by the document's own lines
            starts = [line.start for line in doc.lines]
            return [Line(bisect_right(starts, b.start), b.start, b.end, b.text) for b in page(doc).blocks]
        out, number, at = [], 1, 0
        for b in page(doc).blocks:  # in source order: line numbers by counting newlines as we go
            number += doc.text.count("\n", at, b.start)
            at = b.start
            out.append(Line(number, b.start, b.end, b.text))
        return out
    return doc.memo("html_block_lines", compute)


def run_lines(doc: Document, blocks: list[int]) -> list[Line]:
    """The exact source text runs of the given blocks, as lines (text is the raw source slice; number is the
    source line of the run's start)."""
    all_blocks = page(doc).blocks
    text = doc.text
    spans = [run for k in blocks for run in all_blocks[k].runs]
    if "\r" in text or any(b[0] < a[0] for a, b in zip(spans, spans[1:])):
        starts = [line.start for line in doc.lines]
        return [Line(bisect_right(starts, a), a, b, text[a:b]) for a, b in spans]
    # Runs in source order: number lines by counting line breaks as we go (splitting the whole source
    # into lines cost more than the rest).
    out, number, at = [], 1, 0
    for a, b in spans:
        number += text.count("\n", at, a)
        at = a
        out.append(Line(number, a, b, text[a:b]))
    return out


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_BODY_TAG = re.compile(r"<body\b", re.I)
_META_READ = re.compile(r"""<meta\b[^>]*\bname\s*=\s*["']?(?:keywords|description)\b[^>]*>""", re.I)
_CONTENT_VALUE = re.compile(r"""\bcontent\s*=\s*(["'])(.*?)\1""", re.S | re.I)


def read_ranges(doc: Document) -> tuple[tuple[int, int], ...]:
    """Source spans of what a reader or a search engine reads on the page, in order and disjoint: the
    blocks' text runs, the ``<title>`` and the ``content`` of ``<meta name="keywords|description">``.
    Markup, scripts and styles are not among them.

    >>> doc = Document.from_text("p.html", '<title>T</title><style>.a{}</style><p>正文</p>')
    >>> [doc.text[a:b] for a, b in read_ranges(doc)]
    ['T', '正文']
    """
    def compute() -> tuple[tuple[int, int], ...]:
        spans = [run for block in page(doc).blocks for run in block.runs]
        head = doc.text[:doc.text.lower().find("<body") % (len(doc.text) + 1)]
        spans += [m.span(1) for m in _TITLE.finditer(head)]
        for m in _META_READ.finditer(head):
            value = _CONTENT_VALUE.search(doc.text, m.start(), m.end())
            if value:
                spans.append(value.span(2))
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            elif a < b:
                merged.append((a, b))
        return tuple(merged)
    return doc.memo("html_read_ranges", compute)


def read_text(doc: Document) -> str:
    """The page's source with everything but :func:`read_ranges` blanked: markup, scripts and styles
    become spaces (line breaks stay), so offsets and line numbers are the source's and text signals
    never read markup as words.

    >>> read_text(Document.from_text("p.html", '<p class="qq">正文</p>'))
    '              正文    '
    """
    def compute() -> str:
        text = doc.text
        parts, cursor = [], 0
        for a, b in read_ranges(doc):
            parts.append(_blank(text[cursor:a]))
            parts.append(text[a:b])
            cursor = b
        parts.append(_blank(text[cursor:]))
        return "".join(parts)
    return doc.memo("html_read_text", compute)


_LINE_BREAKS = re.compile(r"([\n\r]+)")


def _blank(markup: str) -> str:
    """``markup`` with every character but line breaks a space: split at the breaks, each piece
    between them spaces of its length (a substitution per character cost four times as much).

    >>> _blank("<p>\\r\\n<b>x")
    '   \\r\\n    '
    """
    pieces = _LINE_BREAKS.split(markup)
    pieces[::2] = [" " * len(piece) for piece in pieces[::2]]
    return "".join(pieces)


def render(doc: Document, removed: list[tuple[int, int]]) -> str:
    """The page's visible text without the removed spans: one paragraph per block, runs joined by spaces."""
    removed = sorted(removed)
    starts = [a for a, _ in removed]
    paragraphs = []
    for block in page(doc).blocks:
        parts = []
        for a, b in block.runs:
            k = bisect_right(starts, a) - 1
            if k >= 0 and removed[k][1] >= b:
                continue
            parts.append(_norm(html.unescape(doc.text[a:b])))
        if parts:
            paragraphs.append(" ".join(parts))
    return "\n".join(paragraphs) + ("\n" if paragraphs else "")
