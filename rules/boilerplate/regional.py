"""Taiwan and Hong Kong wordings of the words the chrome shapes are written in, read as the mainland words.

A shape's words are written once, in simplified characters, and a line is matched in simplified characters
(``chrome.simplify_chars``), so 瀏覽 is 浏览 whatever the script. Some widgets are worded differently, not only
written differently: 點選 for 点击, 檢視 for 查看, 字型 for 字体, 使用者名稱 for 用户名. Those wordings come from
OpenCC's regional conversions of the shapes' own words, derived once by ``scripts/build_chrome_variants.py`` into
``rules/data/boilerplate_regional_words.tsv`` (as the chrome phrases' wordings are).
"""

from __future__ import annotations

import re
from functools import lru_cache

from scrapegate.rules import data


@lru_cache(maxsize=1)
def _wordings() -> tuple[re.Pattern[str], dict[str, str]]:
    words = {wording: word for wording, word in data.read_rows("boilerplate_regional_words.tsv")}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))), words


def mainland_wording(text: str) -> str:
    """``text`` (in simplified characters) with each regional wording of a shape's word replaced by that word.
    Lengths may change: the result is for matching a shape, never for offsets.

    >>> mainland_wording("请点选这里检视全部"), mainland_wording("缩小字型"), mainland_wording("字体")
    ('请点击这里查看全部', '缩小字体', '字体')
    """
    pattern, words = _wordings()
    return pattern.sub(lambda found: words[found.group()], text)
