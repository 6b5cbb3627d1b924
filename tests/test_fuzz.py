"""Issue 18: decode-and-check never crashes, on random bytes and on hostile texts (hypothesis).

Each example goes through the runner as a file's bytes do (size, emptiness and binary checks,
decoding, every built-in rule, the batch rules) and its report is serialised as it would be written.
Examples are bounded and derandomised, so the test is fast and the same on every run.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapegate.checks.errors import InputError
from scrapegate.checks.findings import Severity
from scrapegate.checks.inputs import InputFile
from scrapegate.checks.registry import all_rules
from scrapegate.checks.reports import build_report, dumps
from scrapegate.checks.runner import run_batch

RULES = [rule() for rule in all_rules(include_plugins=False).values()]
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces hostile pages are made of: the shapes of issue 18 and what the rules look for.
PIECES = [
    "政府工作报告", "各位代表：", "一、", "（三）", "。", "，", "\n", "\r\n", " ", "\t",
    "\u200b", "\u200d\ufeff", "\ufffd", "\ue000", "𠀀", "😀", "アイウ", "かきく", "ㄅㄆ",
    "Ã¤", "æ\x94¿", "ÔÚÏß", "锟斤拷", "鍦ㄧ嚎", "經(jīng)濟(jì)", "pp电子娱乐", "官网", "开户",
    "www.pp88.com", "联系电话：0717-6543210", "QQ：12345678", "a@b.cn", "http://x.y/z?a=1",
    "湖北省", "宜昌市", "猇亭区", "版权所有", "ICP备12345678号", "打印本页", "\x00", "\x1b", "\x7f",
    "<html>", "&nbsp;", "\u2028", "\u0085", "ａｂｃ", "１２３",
]
hostile_texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=80).map("".join)
CODECS = ["utf-8", "utf-8-sig", "gb18030", "big5hkscs", "utf-16", "utf-16-be", "latin-1", "shift_jis"]


def _check(raw: bytes) -> None:
    item = InputFile(key="doc.txt", path=Path("doc.txt"), display="doc.txt", data=raw)
    run = run_batch([item], RULES, jobs=1, max_file_size=1 << 20)
    assert not run.batch_crashes, run.batch_crashes
    if not run.results:
        assert len(run.input_errors) == 1 and isinstance(run.input_errors[0], InputError)
        return
    (result,) = run.results
    assert not result.crashes, result.crashes
    text = result.document.text
    for finding in result.findings:
        assert isinstance(finding.severity, Severity) and finding.message
        if finding.span is not None:
            assert 0 <= finding.span.start <= finding.span.end <= len(text), finding
    report = build_report(result, "error")
    dumps(report).encode("utf-8")  # what is written must be writable UTF-8
    assert json.loads(dumps(report))["document"]["chars"] == len(text)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash(raw: bytes) -> None:
    _check(raw)


@FUZZ
@given(hostile_texts, st.sampled_from(CODECS))
def test_hostile_texts_in_any_encoding_never_crash(text: str, codec: str) -> None:
    _check(text.encode(codec, errors="replace"))


@FUZZ
@given(st.text(max_size=1500))
def test_random_unicode_never_crashes(text: str) -> None:
    _check(text.encode("utf-8"))
