"""The chrome analysis' cheaper per-line paths give what the plain ones give: the one-pass phrase fold
of short texts (every BMP character, and mixed lines), and the recurrence bound that spares a long
line its fingerprint (the analysis of a batch identical with and without it)."""

from __future__ import annotations

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.textnorm import line_fingerprint
from scrapegate.rules.boilerplate import chrome, recurrence


def test_short_texts_are_phrase_folded_in_one_pass_as_by_the_three_folds() -> None:
    every = "".join(map(chr, range(0x10000)))
    step = chrome.PHRASE_FOLD_TABLE_CHARS - 1
    for at in range(0, len(every), step):
        chunk = every[at:at + step]
        assert chrome.phrase_fold(chunk) == chrome.fold_punctuation(chrome.simplify_chars(chrome.fold(chunk)))
    assert chrome.phrase_fold("關閉視窗，ＡＢＣ　Abc") == "关闭视窗,abc abc"


def test_a_line_with_more_han_than_any_template_line_cannot_recur() -> None:
    ctx = BatchContext(documents=3, line_doc_freq={line_fingerprint("首页 > 新闻中心"): 3},
                       template_lines={line_fingerprint("首页 > 新闻中心"): "首页 > 新闻中心"})
    assert recurrence.template_chars(ctx) == 6
    assert not recurrence.cannot_recur("首页 > 新闻中心", ctx)
    assert not recurrence.cannot_recur("Home > 新闻 1234567890", ctx)  # 2 Han characters: may be a template's
    assert recurrence.cannot_recur("本文地址：首页新闻中心", ctx)  # 9 Han characters: no template holds them
    # frequencies alone (no line's text): no bound, every line is fingerprinted
    assert recurrence.template_chars(BatchContext(documents=3, line_doc_freq={1: 3})) is None
    assert not recurrence.cannot_recur("本文地址：首页新闻中心", BatchContext(documents=3, line_doc_freq={1: 3}))


def _page(k: int) -> str:
    place = ["东城", "西湖", "南岭", "北塘"][k]
    chrome_para = (f"本文地址：/baogao/huadong/{k}.html 源于网络的作品，若对您造成了侵权，请联系本站，我们会第一时间予以处理。"
                   + f"各位代表，今年{place}区经济运行总体平稳，重点项目建设有序推进，民生保障持续加强，" * 3)
    return (f"首页 > 政务公开 > 工作报告\n{place}区人民政府工作报告\n"
            + f"过去一年，{place}区坚持稳中求进工作总基调，地区生产总值增长百分之{k + 5}，各项事业取得新进展。\n" * 4
            + chrome_para + "\n" + "责任编辑：李明\n打印本页 关闭窗口\n")


def test_the_analysis_is_the_same_with_and_without_the_bound() -> None:
    texts = [_page(k) for k in range(4)]
    bounded_ctx = BatchContext.build([Document.from_text(f"{k}.txt", t) for k, t in enumerate(texts)])
    # the same frequencies without the template lines' texts: no bound, every line fingerprinted
    plain_ctx = BatchContext(documents=bounded_ctx.documents, line_doc_freq=bounded_ctx.line_doc_freq)
    bound = recurrence.template_chars(bounded_ctx)
    assert bound is not None and recurrence.template_chars(plain_ctx) is None
    long_lines = [line for line in _page(0).splitlines() if len(line) > 160]
    assert long_lines and all(recurrence.cannot_recur(line, bounded_ctx) for line in long_lines)

    def analysed(ctx: BatchContext) -> list[tuple]:
        chrome.clear_caches()
        out = []
        for k, text in enumerate(texts):
            found = chrome.chrome_analysis(Document.from_text(f"{k}.txt", text), ctx)
            out.append((found.chrome, {i: (ev.frequency, ev.recurring) for i, ev in found.evidence.items()}))
        return out

    bounded = analysed(bounded_ctx)
    assert bounded == analysed(plain_ctx)
    assert any(ev[0] >= 2 for _, evidence in bounded for ev in evidence.values())  # template lines are counted
