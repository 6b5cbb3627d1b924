#!/usr/bin/env python3
"""Write ``rules/data/boilerplate_phrase_variants.tsv``: each chrome phrase's Taiwan and Hong Kong wording; and
``rules/data/boilerplate_regional_words.tsv``: those wordings of the words the chrome shapes' patterns are written in.

OpenCC's regional conversions (``s2twp``, ``s2hk``) give the words Taiwan and Hong Kong sites use for
the same widget (打印 -> 列印, 关闭窗口 -> 關閉視窗, 友情链接 -> 友情連結, 登录 -> 登入), which folding
characters one by one cannot reach. They are derived here, once, from ``boilerplate_phrases.tsv``:
loading the two conversions at run time cost every process 45 MB and 0.2 s. Rerun after editing the
phrase list or a shape's pattern (``tests/test_boilerplate.py`` fails while a shipped file is stale)::

    python scripts/build_chrome_variants.py
"""

from __future__ import annotations

import re
from pathlib import Path

import opencc

from scrapegate.rules import data
from scrapegate.rules.boilerplate import chrome, head_furniture, records, scorer
from scrapegate.rules.boilerplate.chrome import phrase_fold, simplify_chars

CONVERSIONS = ("s2twp", "s2hk")
DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
OUTPUT = DATA / "boilerplate_phrase_variants.tsv"
WORDS_OUTPUT = DATA / "boilerplate_regional_words.tsv"
HEADER = ("# Regional wordings of the chrome phrases: phrase <TAB> wording (folded as phrases are matched).\n"
          "# Written by scripts/build_chrome_variants.py from boilerplate_phrases.tsv with OpenCC's s2twp and\n"
          "# s2hk conversions; do not edit by hand.\n")


def regional_variants(phrase: str, converters: list[opencc.OpenCC]) -> list[str]:
    """The folded wordings the conversions give ``phrase`` that differ from its own folded form, in the
    conversions' order, each once.

    >>> converters = [opencc.OpenCC(c) for c in CONVERSIONS]
    >>> regional_variants("关闭窗口", converters)
    ['关闭视窗']
    >>> regional_variants("版权所有", converters)
    []
    """
    seen = [phrase_fold(phrase)]
    for converter in converters:
        variant = phrase_fold(converter.convert(phrase))
        if variant not in seen:
            seen.append(variant)
    return seen[1:]


def variants_file() -> str:
    converters = [opencc.OpenCC(c) for c in CONVERSIONS]
    rows = [row[0].strip() for row in data.read_rows("boilerplate_phrases.tsv")]
    lines = [f"{phrase}\t{variant}\n" for phrase in rows for variant in regional_variants(phrase, converters)]
    return HEADER + "".join(lines)


WORDS_HEADER = ("# Regional wordings of the words the chrome shapes' patterns are written in: wording <TAB> word (both in\n"
                "# simplified characters). Written by scripts/build_chrome_variants.py from the patterns of the boilerplate\n"
                "# modules with OpenCC's s2twp and s2hk conversions; do not edit by hand.\n")
_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_HAN_WORD = re.compile("[\u4e00-\u9fff]{2,}")


def pattern_words() -> list[str]:
    """The Han words (two characters or more, in simplified characters) of every compiled pattern of the boilerplate
    modules, character classes left out (their characters are alternatives, not a word), in a stable order."""
    words: set[str] = set()
    for module in (chrome, records, head_furniture, scorer):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                words.update(simplify_chars(w) for w in _HAN_WORD.findall(_CHAR_CLASS.sub(" ", value.pattern)))
    return sorted(words)


def regional_words(words: list[str], converters: list[opencc.OpenCC]) -> dict[str, str]:
    """Each regional wording (in simplified characters) that differs from its word, and the word; a wording two
    words share goes to the first. A wording that is itself one of ``words`` is left as it is: a pattern that names it
    (资讯 beside 信息) may mean it, and one that names only the other word must not start to take it.

    >>> converters = [opencc.OpenCC(c) for c in CONVERSIONS]
    >>> regional_words(["点击", "登录", "浏览"], converters), regional_words(["信息", "资讯"], converters)
    ({'点选': '点击', '登入': '登录'}, {})
    """
    out: dict[str, str] = {}
    for word in words:
        for converter in converters:
            wording = simplify_chars(converter.convert(word))
            if wording != word and wording not in words:
                out.setdefault(wording, word)
    return out


def words_file() -> str:
    pairs = regional_words(pattern_words(), [opencc.OpenCC(c) for c in CONVERSIONS])
    return WORDS_HEADER + "".join(f"{wording}\t{word}\n" for wording, word in sorted(pairs.items()))


def main() -> None:
    OUTPUT.write_text(variants_file(), encoding="utf-8")
    WORDS_OUTPUT.write_text(words_file(), encoding="utf-8")
    print(f"wrote {OUTPUT} and {WORDS_OUTPUT}")


if __name__ == "__main__":
    main()
