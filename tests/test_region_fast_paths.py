"""The RG family's fast paths read exactly what the plainer form they replace reads."""

import random
import re

from scrapegate.checks.textnorm import HAN_CHARS
from scrapegate.rules.region import person_names

_PLAIN_BYLINE = re.compile(f"(?:作者|笔名|署名|(?<![{HAN_CHARS}])[文诗])[:：/／][ \\t\\u3000]*([{HAN_CHARS}]{{2,4}})(?![{HAN_CHARS}])")


def test_byline_pattern_matches_where_the_choice_of_labels_matches() -> None:
    rnd = random.Random(47)
    alphabet = "作者笔名署文诗:：/／ \t\u3000涅阳城安吉县记陈aX1\n"
    texts = ["作者：涅阳城", "（文：涅阳城）", "记者陈大文/宜兰报导", "笔名/安吉", "署名：安吉县", "诗/阳城", "文/阳城"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(20000)]
    matched = 0
    for text in texts:
        plain = [m.span(1) for m in _PLAIN_BYLINE.finditer(text)]
        assert [m.span(1) for m in person_names._BYLINE.finditer(text)] == plain, text
        matched += bool(plain)
    assert matched > 500
