"""Line normalisation for template learning: what must and must not fold together."""

import random
import re

import pytest

from scrapegate.checks.textnorm import HAN, HAN_CHARS, HAN_RUN, count_chars, han_count, line_fingerprint, normalize_line


@pytest.mark.parametrize("a, b", [
    ("浏览次数：1234", "浏览次数:987"),
    ("【打印本页】 【关闭窗口】", "[打印本页][关闭窗口]"),
    ("ＩＣＰ备12345678号", "icp备0号"),
    ("  版权所有 © 2023  ", "版权所有2024"),
])
def test_chrome_variants_share_a_fingerprint(a: str, b: str) -> None:
    assert line_fingerprint(a) == line_fingerprint(b)


def test_different_text_differs_and_empty_lines_have_none() -> None:
    assert line_fingerprint("各位代表：") != line_fingerprint("各位委员：")
    assert line_fingerprint(" ，。、 ") is None
    assert normalize_line("GDP增长5.2%。") == "gdp增长00"


def test_pinyin_gloss_needs_a_han_character_before_and_a_tone_mark() -> None:
    from scrapegate.checks.textnorm import PINYIN_GLOSS
    assert PINYIN_GLOSS.sub("", "經(jīng)濟(jì)報（bào）告") == "經濟報告"
    for kept in ("报告(2023)", "区(xian)", "(bào)告", "A(bào)", "区(xiàn  )", "区( xiàn)"):
        assert PINYIN_GLOSS.sub("", kept) == kept
    # some content farms leave one space before the closing bracket
    assert PINYIN_GLOSS.sub("", "南樂(lè )縣網(wǎng)絡(luò )") == "南樂縣網絡"


def test_pinyin_gloss_led_by_its_bracket_matches_the_look_behind_form() -> None:
    import random
    import re

    from scrapegate.checks.textnorm import HAN_CHARS, PINYIN_GLOSS
    behind = re.compile(f"(?<=[{HAN_CHARS}])[(（](?=[a-z\u00e0-\u01dc]*[\u00e0-\u01dc])[a-z\u00e0-\u01dc]{{1,8}} ?[)）]")
    rnd = random.Random(43)
    pieces = ["經", "报", "𠀀", "A", "1", " ", "(", "（", ")", "）", "bào", "jīng", "xian", "lè ", "ǎ", "\n",
              "經(jīng)", "報（bào ）", "区(xian)", "(wǎng)"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20))) for _ in range(5000)]
    assert [[m.span() for m in PINYIN_GLOSS.finditer(t)] for t in texts] == [
        [m.span() for m in behind.finditer(t)] for t in texts]
    assert sum(bool(PINYIN_GLOSS.search(t)) for t in texts) > 500


def test_heading_core_drops_glosses_and_white_space() -> None:
    from scrapegate.checks.textnorm import heading_core
    assert heading_core(" 政 府 工 作 報(bào)告 （2023年） ") == "政府工作報告（2023年）"


def test_han_class_covers_extension_a_and_compatibility_ideographs() -> None:
    from scrapegate.checks.textnorm import HAN
    assert all(HAN.match(c) for c in "中㐀鿿豈")
    assert not any(HAN.match(c) for c in "a1。（ぁ")


def test_heading_ordinal() -> None:
    from scrapegate.checks.textnorm import HEADING_ORDINAL
    for heading in ("一、工作回顾", "（三）加快发展", "第二章 总体要求", "第一部分", "1. 目标", "①总量"):
        assert HEADING_ORDINAL.match(heading), heading
    for line in ("2.5亿元", "2023年工作", "政府工作报告"):
        assert not HEADING_ORDINAL.match(line), line


# ------------------------------------------------------------------------------- normalised view

def test_normalized_view_maps_back_to_exact_source_code_points():
    from scrapegate.checks.textnorm import normalized_view

    source = "某縣報告\n全年增長,ＫＹ棋\u200b牌官網①號㈱,澳門新葡京娛樂場…end\n"
    view = normalized_view(source)
    assert view.text == "某县报告\n全年增长,ky棋牌官网1号(株),澳门新葡京娱乐场...end\n"
    at = view.text.index("ky棋牌官网")
    start, end = view.source_span(at, at + len("ky棋牌官网"))
    assert source[start:end] == "ＫＹ棋\u200b牌官網"  # the invisible character is inside the span
    at = view.text.index("(株)")
    assert source[slice(*view.source_span(at, at + 3))] == "㈱"  # an expansion maps to its source
    at = view.text.index("...end")
    assert source[slice(*view.source_span(at, at + 6))] == "…end"
    assert not view.same_offsets


def test_normalized_view_of_plain_simplified_text_keeps_offsets():
    from scrapegate.checks.textnorm import normalized_view

    view = normalized_view("全年地区生产总值增长百分之六,GDP增长。")
    assert view.same_offsets and view.text == "全年地区生产总值增长百分之六,gdp增长。"
    assert view.source_span(3, 5) == (3, 5)


def test_normalized_view_of_text_not_nfkc_only_by_composition_keeps_every_character():
    """No single character changes under NFKC (a combining accent after its letter): the view is the
    text itself, not an empty string that would hide the document from the spam rules."""
    from scrapegate.checks.textnorm import normalized_view

    source = "Cafe\u0301 澳门百家乐官网"
    view = normalized_view(source)
    assert view.text == "cafe\u0301 澳门百家乐官网"
    at = view.text.index("百家乐")
    assert source[slice(*view.source_span(at, at + 3))] == "百家乐"


def test_nfkc_equals_the_standard_library_on_mixed_scripts() -> None:
    """nfkc normalises only the runs outside its stable characters: the result must be NFKC of the
    whole text, also where a run composes with the character before it (e + U+0301, カ + ﾞ, Hangul
    jamo) or expands (ﬁ, ㈱, ①)."""
    import random
    import unicodedata

    from scrapegate.checks.textnorm import nfkc

    pool = [chr(c) for r in (range(0x20, 0x250), range(0x300, 0x370), range(0x1100, 0x1200),
                             range(0x3000, 0x3100), range(0xAC00, 0xAC20), range(0xFF00, 0xFFF0),
                             range(0x4E00, 0x4E20), range(0x2460, 0x2480))
            for c in r] + ["\U0001d157", "\U0001d165", "\U00011099", "\U000110ba", "\u2126", "\ufb01",
                           "\uf900", "\u200b", "\u0958", "\n", "、", "。"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
    assert nfkc("２０２３年ｅ\u0301カﾞ") == "2023年éガ"
    # Long texts take the full-width table first (a full-width form before a combining mark too).
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(64, 200)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
    long_text = "　（测试，）＜\u0338Ａ\u030a" * 20
    assert nfkc(long_text) == unicodedata.normalize("NFKC", long_text) == " (测试,)\u226e\u00c5" * 20


def test_nfkc_stable_characters_never_compose_with_what_precedes_them() -> None:
    """Every code point (astral ones too) that composes with the character before it is outside the
    stable set (the set is built from the BMP's composites only)."""
    import unicodedata

    from scrapegate.checks.textnorm import nfkc_stable_chars

    stable = set(nfkc_stable_chars())
    seconds = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    assert not stable & seconds
    assert "\n" in stable and "中" in stable and "Ａ" not in stable and "\u3099" not in stable


# ------------------------------------------------------------------------------- batch forms

_TRICKY = ("ΑΣ Σα ὈΔΥΣΣΕΎΣ İ ß ǅ _x_ ① ²³ ١٢٣ ０１２ 1,000 ５.２％ ｆｕｌｌ ＡＢＣ e\u0301 \u212b \uff76\uff9e "
           "\u200b\u00ad \u3000中文，。、 ㈱ ﬁ 𝟘𝟙 𠀀 \U000e0041 \t\r\x0b\x0c\x85\u2028")


def _texts(max_size: int = 6):
    from hypothesis import strategies as st
    chars = st.one_of(st.sampled_from(_TRICKY), st.characters(blacklist_categories=("Cs",)))
    return st.lists(st.text(chars, max_size=40), max_size=max_size)


def test_batch_fingerprints_are_the_fingerprints_of_each_line() -> None:
    from hypothesis import given, settings

    from scrapegate.checks.textnorm import line_fingerprints

    @settings(max_examples=200, deadline=None)
    @given(_texts())
    def check(lines: list[str]) -> None:
        assert line_fingerprints(lines) == [line_fingerprint(line) for line in lines]

    check()
    # a line break inside a line (an HTML page's text run) counts as the white space it is
    lines = ["浏览次数：1234", "", "ΟΔΟΣ", "Σ", "x\ny", "_", "版权所有 © 2023", "ΑΣ\nβ", "1\n2", "\n\u0301e"]
    assert line_fingerprints(lines) == [line_fingerprint(line) for line in lines]
    assert line_fingerprints(lines[:4]) == [line_fingerprint(line) for line in lines[:4]]


def test_drop_non_word_is_the_regular_expression() -> None:
    import re

    from hypothesis import given, settings

    from scrapegate.checks.textnorm import drop_non_word

    @settings(max_examples=200, deadline=None)
    @given(_texts(1))
    def check(texts: list[str]) -> None:
        text = "\n".join(texts)
        assert drop_non_word(text) == re.sub(r"[^\w\n]+", "", text)

    check()
    assert drop_non_word("經(jīng)濟，a_b\n１２③\ud800") == "經jīng濟a_b\n１２③"


def test_characters_counted_by_runs_are_the_class_matches():
    rng = random.Random(41)
    content, runs = re.compile(f"[a-z{HAN_CHARS}]"), re.compile(f"[a-z{HAN_CHARS}]+")
    for _ in range(3000):
        text = "".join(rng.choice("政府工作报告ab1,。 \n䷀豈𠀀") for _ in range(rng.randint(0, 30)))
        pos, endpos = sorted(rng.randint(0, len(text) + 2) for _ in range(2))
        assert han_count(text, pos, endpos) == len(HAN.findall(text, pos, endpos)), (text, pos, endpos)
        assert han_count(text) == len(HAN.findall(text)) == count_chars(HAN_RUN, text)
        assert count_chars(runs, text, pos, endpos) == len(content.findall(text, pos, endpos))
