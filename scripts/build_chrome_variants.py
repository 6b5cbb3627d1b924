#!/usr/bin/env python3
"""Write ``rules/data/boilerplate_phrase_variants.tsv``: each chrome phrase's Taiwan and Hong Kong wording.

OpenCC's regional conversions (``s2twp``, ``s2hk``) give the words Taiwan and Hong Kong sites use for
the same widget (打印 -> 列印, 关闭窗口 -> 關閉視窗, 友情链接 -> 友情連結, 登录 -> 登入), which folding
characters one by one cannot reach. They are derived here, once, from ``boilerplate_phrases.tsv``:
loading the two conversions at run time cost every process 45 MB and 0.2 s. Rerun after editing the
phrase list (``tests/test_boilerplate.py`` fails while the shipped file is stale)::

    python scripts/build_chrome_variants.py
"""

from __future__ import annotations

from pathlib import Path

import opencc

from scrapegate.rules import data
from scrapegate.rules.boilerplate.chrome import phrase_fold

CONVERSIONS = ("s2twp", "s2hk")
OUTPUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "boilerplate_phrase_variants.tsv"
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


def main() -> None:
    OUTPUT.write_text(variants_file(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
