"""Template text left in a published document, found once per document for every PH rule.

范文 aggregator sites publish templates and half-filled copies of them: a speech to ``XXX同志``, a
report of ``XX县`` that grew ``XX%`` in ``202X年``, a paragraph that still says
``【此处填写单位名称】`` or ``{{name}}``. Each kind is a :class:`Hit` with its exact span:

* ``instruction``: a bracket holding a fill-in instruction (``【此处填写…】``, ``（请输入姓名）``) or a
  word processor's prompt (``单击此处输入文字``);
* ``variable``: a template engine's variable (``{{name}}``, ``${name}``, ``{% if %}``);
* ``name``: a placeholder before the kind of thing it names (``XX县``, ``×××同志``, ``某某公司``);
* ``date`` / ``figure``: a year, a date or a figure made of placeholder marks (``202X年``,
  ``XX月XX日``, ``XX亿元``, ``X.X%``);
* ``bare``: a placeholder mark with nothing that says what it stands for (``××``, ``某某``).

A placeholder mark is a run of two or more X/x/×/Ｘ (one is enough inside a date or a figure) not
glued to Latin letters, digits or address characters (``XXL``, ``www.xx.com`` and ``138XXXX1234``
are not placeholders; ``X射线`` is one X). ``某某`` is the Chinese "so-and-so": it is a blank in a
template, but also how court rulings and news reports withhold a real name, so it is left alone
after a surname (``王某某``) and in a sentence about a case (``被告``, ``民警``, ``记者``, data:
``anonymised_cues.txt``). A single ``某`` (``某些``, ``某种``, ``某市一家企业``) is ordinary prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scrapegate.checks.document import Document
from scrapegate.checks.textnorm import HAN_CHARS

MARK_CHARS = "XxＸｘ×╳"
MARK = f"[{MARK_CHARS}]"
"""One placeholder mark character."""
STAR_CHARS = "*＊"
STAR = f"[{re.escape(STAR_CHARS)}]"
"""Asterisks stand for a name or a digit too (``***县``, ``20**年``), but are also markdown emphasis
and footnote signs: only a run of two or more before a name's suffix, or inside a year, counts."""
BLANK_CHARS = " \u3000"
BLANK = f"[{BLANK_CHARS}]"
"""A blank left for a figure or a date (``增长 %``, ``年 月 日``)."""
_GLUE = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９._@/:\\-"
"""Characters that make a mark part of a word, a number or an address (not a placeholder)."""
_OPEN, _CLOSE = "【[［(（〔", "】]］)）〕"
BRACKET_MAX_CHARS = 40
"""A bracketed instruction is short; a longer bracket is prose that happens to mention 填写."""
SENTENCE_END = "。!?！？;；\n"
_QUOTES = {"“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》"}


@dataclass(frozen=True)
class Hit:
    """One piece of template text: its kind, its span and what it is (``XX县`` is mark ``XX`` + ``县``)."""

    kind: str
    start: int
    end: int
    text: str
    mark: str


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [item for line in text.splitlines() if line.strip() and not line.startswith("#")
            for item in line.split()]


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The common surnames (``data/surnames.txt``): a placeholder name's and, in the boilerplate family, what
    tells a line of people's names from a channel menu of words."""
    return frozenset(_lines("surnames.txt"))


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    instruction: re.Pattern[str]
    prompt: re.Pattern[str]
    bracket: re.Pattern[str]
    variable: re.Pattern[str]
    date: re.Pattern[str]
    figure: re.Pattern[str]
    name: re.Pattern[str]
    bare: re.Pattern[str]
    blank_date: re.Pattern[str]
    blank_figure: re.Pattern[str]
    free_mark: re.Pattern[str]
    year_mark: re.Pattern[str]
    date_gate: re.Pattern[str]
    name_gate: re.Pattern[str]
    surnames: frozenset[str]
    cues: re.Pattern[str]
    examples: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    instructions = "|".join(f"(?:{line})" for line in _lines("fill_instructions.txt"))
    marks = f"(?<![{_GLUE}]){MARK}{{2,}}(?![{_GLUE}])"
    one_or_more = f"(?<![{_GLUE}]){MARK}+"
    number = f"(?:{MARK}+(?:\\.{MARK}+)?)"
    stars = f"(?<!{STAR}){STAR}{{2,}}"
    units = _alternation(_lines("figure_units.txt"))
    name_suffixes = _alternation(_lines("name_suffixes.txt"))
    return _Patterns(
        instruction=re.compile(instructions),
        prompt=re.compile(f"(?:单击|点击|双击)(?:此处|这里)(?:输入|添加|编辑|插入)[{HAN_CHARS}]{{0,4}}"),
        bracket=re.compile(f"[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}\\n]{{1,{BRACKET_MAX_CHARS}}}"
                           f"[{re.escape(_CLOSE)}]"),
        variable=re.compile(r"\{\{\s*[^{}\n]{1,40}?\s*\}\}|\$\{[A-Za-z_][\w.]{0,40}\}|\{%\s*[^{}\n]{1,60}?\s*%\}"),
        # 202X年, 20XX年, XXXX年XX月XX日, XX月XX日 (a month alone is not enough: X月 can be a name)
        date=re.compile(f"(?<![{_GLUE}])(?:(?:1|2)[0-9]{{0,2}}(?:{MARK}{{1,3}}|{STAR}{{1,3}})|{MARK}{{2,4}})年"
                        f"(?:(?:{MARK}{{1,2}}|\\d{{1,2}}|{BLANK}{{1,4}})月(?:(?:{MARK}{{1,2}}|\\d{{1,2}}|{BLANK}{{1,4}})日)?)?"
                        f"|{one_or_more}月{MARK}+日"),
        figure=re.compile(f"(?<![{_GLUE}]){number}(?![{_GLUE}])(?:{units})"),
        name=re.compile(f"(?:{marks}|{stars}|某某)(?:{name_suffixes})"),
        bare=re.compile(f"{marks}|某某+"),
        # 20xx年 月 日, 2023年 月 日, 年 月 日: a date with blanks for its month and day
        blank_date=re.compile(f"(?:[0-9]{{4}}|(?<![0-9]))年{BLANK}+月{BLANK}+日"),
        # 生产总值 亿元,增长 %; : a blank between words and a unit, then punctuation
        # (the Han character before the first blank is checked by a look-behind after it: the
        # pattern then starts with a blank, which the scan jumps to, instead of being tried at
        # every position; same matches as (?<=[Han、]){BLANK}{1,4}...)
        blank_figure=re.compile(f"{BLANK}(?<=[{HAN_CHARS}、]{BLANK}){BLANK}{{0,3}}(?:{units})(?=[,，、;；。和及)）])"),
        # What the patterns above need, as patterns that start with a character class (scanned
        # fast; a pattern that starts with a look-behind is tried at every position): a mark not
        # glued on either side (the look-behind checks the character before the first mark), a
        # mark in a year (20X年; the digit before it checked by a look-behind after it).
        free_mark=re.compile(f"{MARK}(?<![{_GLUE}].)[{MARK_CHARS}.]*(?![{_GLUE}])"),
        year_mark=re.compile(f"{MARK}(?<=[0-9]{MARK}){MARK}{{0,2}}年"),
        # What a date and a name cannot do without, as patterns that start with a character class: a
        # mark or a star right before 年, or a mark on each side of 月 (date); two marks, stars or
        # 某 right before a name's suffix (name). A page's code has stars (/* */) and x's that
        # would otherwise send the look-behind-first patterns over every position of it.
        date_gate=re.compile(f"[{MARK_CHARS}{re.escape(STAR_CHARS)}]年|{MARK}月{MARK}"),
        name_gate=re.compile(f"[{MARK_CHARS}{re.escape(STAR_CHARS)}某]{{2}}(?:{name_suffixes})"),
        surnames=surnames(),
        cues=re.compile(_alternation(_lines("anonymised_cues.txt"))),
        examples=re.compile(_alternation(_lines("example_cues.txt"))),
    )


def placeholder_hits(doc: Document) -> list[Hit]:
    """Every piece of template text in the document, in text order, none overlapping."""
    return doc.memo("placeholder_hits", lambda: _hits(doc.text))


def _hits(text: str) -> list[Hit]:
    p = patterns()
    found: list[Hit] = []
    taken = bytearray(len(text))  # 1 where an earlier (more specific) hit already is
    anonymising: bool | None = None  # whether the document anonymises people: read at its first 某某

    def add(kind: str, start: int, end: int, mark: str) -> None:
        if any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(Hit(kind, start, end, text[start:end], mark))

    for m in p.bracket.finditer(text):
        if p.instruction.search(m.group()):
            add("instruction", m.start(), m.end(), m.group())
    # 击 and { are in every match of these two: most texts have neither, and are not scanned for them
    for m in p.prompt.finditer(text) if "击" in text else ():
        add("instruction", m.start(), m.end(), m.group())
    for m in p.variable.finditer(text) if "{" in text else ():
        add("variable", m.start(), m.end(), m.group())
    # Each marked pattern needs a character most documents lack: a pattern is scanned for only when
    # its characters are there (a cheap test; the patterns start with look-behinds and are tried
    # at every position).
    mark_chars = any(c in text for c in MARK_CHARS)
    has_mark = mark_chars and p.free_mark.search(text) is not None
    has_star = any(c in text for c in STAR_CHARS)
    has_moumou = "某某" in text
    marked = (("date", p.date, (has_mark or has_star or (mark_chars and p.year_mark.search(text) is not None))
               and p.date_gate.search(text) is not None),
              ("date", p.blank_date, any("年" + c in text for c in BLANK_CHARS)),
              ("figure", p.figure, has_mark),
              ("figure", p.blank_figure, True),
              ("name", p.name, (has_mark or has_star or has_moumou) and p.name_gate.search(text) is not None),
              ("bare", p.bare, has_mark or has_moumou))
    for kind, pattern, possible in marked:
        if not possible:
            continue
        for m in pattern.finditer(text):
            marks = re.match(f"{MARK}+(?:\\.{MARK}+)?|{STAR}+|某某+|{BLANK}+", m.group())
            mark = marks.group() if marks else m.group()
            if mark.startswith("某"):
                if anonymising is None:
                    anonymising = _anonymising(text, p)
                if anonymising or _anonymised(text, m.start(), p):
                    continue
            if _quoted_example(text, m.start(), m.end(), p):
                continue
            add(kind, m.start(), m.end(), mark)
    return sorted(found, key=lambda h: (h.start, h.end))


SENTENCE_MAX_CHARS = 200
"""How far a sentence is looked for on each side of a placeholder (cues beyond are not its own)."""


def _sentence(text: str, start: int) -> tuple[int, int]:
    """The sentence around ``start``, at most :data:`SENTENCE_MAX_CHARS` each side."""
    low, high = max(0, start - SENTENCE_MAX_CHARS), min(len(text), start + SENTENCE_MAX_CHARS)
    left = max(text.rfind(c, low, start) for c in SENTENCE_END) + 1
    rights = [i for i in (text.find(c, start, high) for c in SENTENCE_END) if i >= 0]
    return max(left, low), min(rights) if rights else high


def _quoted_example(text: str, start: int, end: int, p: _Patterns) -> bool:
    """The placeholder is inside quotes that a guide gives as an example of how to write something
    (标题如“XX申请书”, 例如《关于XX经费的申请报告》): it is talked about, not left in."""
    left, _ = _sentence(text, start)
    before = text[left:start]
    for opening, closing in _QUOTES.items():
        at = before.rfind(opening)
        if at >= 0 and closing not in before[at + 1:] and closing in text[end:end + 40]:
            return p.examples.search(before[:at]) is not None
    return False


ANONYMISED_NAMES = 2
"""A document that names this many people as surname + 某/某某 (程某某, 王某) anonymises people: each
of its 某某 withholds a name."""


def _anonymising(text: str, p: _Patterns) -> bool:
    names = {m.group() for m in re.finditer(f"((?:(?!某)[{HAN_CHARS}]){{1,2}})某某?(?!某)", text)
             if m.group(1) in p.surnames or m.group(1)[-1:] in p.surnames}
    return len(names) >= ANONYMISED_NAMES


def _anonymised(text: str, start: int, p: _Patterns) -> bool:
    """某某 at ``start`` withholds a real name: after a surname (王某某, 欧阳某某), or in a sentence
    about a case (被告, 民警, 记者 …)."""
    if text[max(0, start - 1):start] in p.surnames or text[max(0, start - 2):start] in p.surnames:
        return True
    left, right = _sentence(text, start)
    return p.cues.search(text[left:right]) is not None
