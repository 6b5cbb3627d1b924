"""Line normalisation for template learning: what must and must not fold together."""

import pytest

from scrapegate.checks.textnorm import line_fingerprint, normalize_line


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
