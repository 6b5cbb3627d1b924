"""The shape of a self-reference pattern, read from its source: the characters a match can start
(or end) with, whether every alternative is anchored at the start (or the end) and how wide a
match can be. The region matcher uses these to skip searches that cannot succeed
(:func:`scrapegate.rules.region.gazetteer.self_reference_role`).

A small reader of the regular-expression subset that ``rules/data/region_selfref.tsv`` uses
(literals, classes of literals and ranges, groups, alternatives, quantifiers, ^ and $,
look-arounds), written here instead of relying on the standard library's private parser
(``re._parser``). Whatever it does not know (``.``, ``\\s``, a negated class, back-references)
makes the answer "unknown": the callers then search as if nothing were known, so a pattern this
reader cannot describe is slower, never matched differently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Union

UNBOUNDED = math.inf


@dataclass(frozen=True)
class Chars:
    """One character of a set; ``chars`` None when the set is not a small known one (``.``,
    ``\\s``, a negated class)."""

    chars: frozenset[str] | None


@dataclass(frozen=True)
class Anchor:
    """``^`` (``start`` True) or ``$``."""

    start: bool


@dataclass(frozen=True)
class Assertion:
    """A look-ahead or look-behind: zero width, never part of the match."""


@dataclass(frozen=True)
class Repeat:
    node: "Node"
    low: int
    high: float


@dataclass(frozen=True)
class Sequence:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Alternatives:
    branches: tuple["Node", ...]


@dataclass(frozen=True)
class Unknown:
    """A construct this reader does not describe (a back-reference, a conditional group)."""


Node = Union[Chars, Anchor, Assertion, Repeat, Sequence, Alternatives, Unknown]

_CLASS_ESCAPES = frozenset("dDsSwWbBAZ")  # categories and anchors written with a backslash
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_MAX_RANGE = 256  # a wider range is not a small known set


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0

    def peek(self, ahead: int = 0) -> str:
        i = self.at + ahead
        return self.source[i] if i < len(self.source) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise ValueError("unexpected end of pattern")
        self.at += 1
        return char

    def alternatives(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alternatives(tuple(branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() and self.peek() not in "|)":
            items.append(self.quantified(self.atom()))
        return Sequence(tuple(items))

    def quantified(self, node: Node) -> Node:
        char = self.peek()
        if char in ("?", "*", "+"):
            self.at += 1
            low, high = {"?": (0, 1.0), "*": (0, UNBOUNDED), "+": (1, UNBOUNDED)}[char]
        elif char == "{" and self._counted():
            self.at += 1
            low_text = self._digits()
            if self.peek() == ",":
                self.at += 1
                high_text = self._digits()
                high = float(high_text) if high_text else UNBOUNDED
            else:
                high = float(low_text)
            self.take()  # }
            low = int(low_text) if low_text else 0
        else:
            return node
        if self.peek() in ("?", "+"):
            self.at += 1  # lazy or possessive: the same set of matches' shapes
        if isinstance(node, (Anchor, Assertion)):
            return Unknown()
        return Repeat(node, low, high)

    def _counted(self) -> bool:
        """Is the ``{`` at the reader a repeat count ({2}, {0,4}, {3,}) rather than a literal?"""
        end = self.source.find("}", self.at)
        inside = self.source[self.at + 1 : end] if end > 0 else ""
        low, comma, high = inside.partition(",")
        return bool(inside) and (low.isdigit() or bool(comma and not low)) and (not high or high.isdigit())

    def _digits(self) -> str:
        start = self.at
        while self.peek().isdigit():
            self.at += 1
        return self.source[start : self.at]

    def atom(self) -> Node:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            escaped = self.take()
            if escaped in _CLASS_ESCAPES or escaped.isdigit() or escaped.isalpha() and escaped not in _SIMPLE_ESCAPES:
                return Unknown()
            return Chars(frozenset(_SIMPLE_ESCAPES.get(escaped, escaped)))
        if char == ".":
            return Chars(None)
        if char == "^":
            return Anchor(True)
        if char == "$":
            return Anchor(False)
        if char in "*+?":
            raise ValueError(f"nothing to repeat at {self.at - 1}")
        return Chars(frozenset(char))

    def group(self) -> Node:
        kind = ""
        if self.peek() == "?":
            self.at += 1
            marker = self.take()
            if marker == "<" and self.peek() in "=!":
                kind = "assert"
                self.at += 1
            elif marker in "=!":
                kind = "assert"
            elif marker == ":":
                kind = "group"
            elif marker == "P" and self.peek() == "<" and ">" in self.source[self.at :]:
                kind = "group"  # a named group
                self.at = self.source.index(">", self.at) + 1
            else:
                kind = "unknown"  # named groups, flags, conditionals
        inside = self.alternatives()
        if self.take() != ")":
            raise ValueError("unbalanced parenthesis")
        if kind == "assert":
            return Assertion()
        if kind == "unknown":
            return Unknown()
        return inside

    def char_class(self) -> Node:
        chars: set[str] = set()
        known = True
        if self.peek() == "^":
            self.at += 1
            known = False
        first = True
        while first or self.peek() != "]":
            first = False
            char = self.take()
            if char == "\\":
                escaped = self.take()
                if escaped in _CLASS_ESCAPES or escaped.isalnum() and escaped not in _SIMPLE_ESCAPES:
                    known = False
                    continue
                char = _SIMPLE_ESCAPES.get(escaped, escaped)
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.at += 1
                end = self.take()
                if end == "\\":
                    end = self.take()
                    if end in _CLASS_ESCAPES or end.isalnum() and end not in _SIMPLE_ESCAPES:
                        known = False
                        continue
                    end = _SIMPLE_ESCAPES.get(end, end)
                if ord(end) - ord(char) >= _MAX_RANGE:
                    known = False
                    continue
                chars.update(chr(x) for x in range(ord(char), ord(end) + 1))
                continue
            chars.add(char)
        self.at += 1  # ]
        return Chars(frozenset(chars) if known else None)


def parse(source: str) -> Node:
    """The pattern's tree (raises ValueError on a pattern it cannot read)."""
    reader = _Reader(source)
    node = reader.alternatives()
    if reader.at != len(source):
        raise ValueError(f"unbalanced parenthesis at {reader.at}")
    return node


def _top_rows(node: Node) -> list[tuple[Node, ...]]:
    """The top-level alternatives, each as its sequence of items (groups of one item unwrapped)."""
    while isinstance(node, Sequence) and len(node.items) == 1:
        node = node.items[0]
    if isinstance(node, Alternatives):
        return [_items(branch) for branch in node.branches]
    return [_items(node)]


def _items(node: Node) -> tuple[Node, ...]:
    while True:
        if isinstance(node, Sequence) and len(node.items) == 1 and not isinstance(node.items[0], Alternatives):
            node = node.items[0]
            continue
        return node.items if isinstance(node, Sequence) else (node,)


def anchored_at_start(source: str) -> bool:
    """Does every top-level alternative start with ``^``?"""
    try:
        rows = _top_rows(parse(source))
    except ValueError:
        return False
    return all(row and row[0] == Anchor(True) for row in rows)


def anchored_at_end(source: str) -> bool:
    """Does every top-level alternative end with ``$``?"""
    try:
        rows = _top_rows(parse(source))
    except ValueError:
        return False
    return all(row and row[-1] == Anchor(False) for row in rows)


def max_width(source: str) -> float:
    """The longest match, in characters (``UNBOUNDED`` when a repeat has no limit or the pattern
    holds something this reader does not describe)."""
    try:
        return _width(parse(source))
    except ValueError:
        return UNBOUNDED


def _width(node: Node) -> float:
    if isinstance(node, Chars):
        return 1
    if isinstance(node, (Anchor, Assertion)):
        return 0
    if isinstance(node, Repeat):
        inner = _width(node.node)
        return 0 if node.high == 0 else inner * node.high if inner else 0
    if isinstance(node, Sequence):
        return sum(_width(item) for item in node.items)
    if isinstance(node, Alternatives):
        return max(_width(branch) for branch in node.branches)
    return UNBOUNDED


def edge_chars(source: str, last: bool) -> frozenset[str] | None:
    """The characters a match of the pattern can start with (``last``: end with); None when that
    is not a small known set (a wildcard, a class like \\s, a pattern that can match nothing at
    all). For "before" patterns (anchored with $ at the name), ^ stands for the start of the
    text: a match reaching it has no last character before the name to test."""
    try:
        node = parse(source)
    except ValueError:
        return None
    chars, nullable = _edge(node, last)
    return None if chars is None or nullable else frozenset(chars)


def _edge(node: Node, last: bool) -> tuple[set[str] | None, bool]:
    """(characters a match of ``node`` can start or end with, can it match nothing)."""
    if isinstance(node, Chars):
        return (set(node.chars), False) if node.chars is not None else (None, False)
    if isinstance(node, Anchor):
        # after a name, ^ is where the name ends; before it, $ is where it starts and ^ the start
        # of the text (never next to the name unless the name is at the very start)
        return set(), not (last and node.start)
    if isinstance(node, Assertion):
        return set(), True
    if isinstance(node, Repeat):
        chars, empty = _edge(node.node, last)
        return chars, node.low == 0 or empty
    if isinstance(node, Sequence):
        found: set[str] = set()
        for item in (node.items[::-1] if last else node.items):
            chars, empty = _edge(item, last)
            if chars is None:
                return None, False
            found |= chars
            if not empty:
                return found, False
        return found, True
    if isinstance(node, Alternatives):
        found, nullable = set(), False
        for branch in node.branches:
            chars, empty = _edge(branch, last)
            if chars is None:
                return None, False
            found |= chars
            nullable = nullable or empty
        return found, nullable
    return None, False
