"""Encoding rules EN001-EN006: positive and negative fixtures, exact spans."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from encoding_fixtures import (
    EXPECTED_KIND,
    GARBLERS,
    TRADITIONAL,
    TRADITIONAL_GARBLERS,
    clean_texts,
    garble_line,
    mixed_utf8_gbk,
    seed_text,
    seed_texts,
)
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity, Span
from scrapegate.rules.encoding.rules import RULES, ControlCharacterOptions, ControlCharacters, MixedEncodings, Mojibake, PrivateUseCharacters, ReplacementCharacters, UndecodableBytes

CTX = BatchContext()


def findings(doc: Document, *rule_classes) -> list[Finding]:
    rules = [cls() for cls in (rule_classes or RULES)]
    return [f for rule in rules for f in rule.check(doc, CTX)]


def spans(found: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.span.start, f.span.end) for f in found]


def test_rules_are_documented_and_coded():
    codes = [rule.code for rule in RULES]
    assert codes == ["EN001", "EN002", "EN003", "EN004", "EN005", "EN006"]
    for rule in RULES:
        doc = rule.documentation()
        assert "Example" in doc and "Why" in doc, rule.code
        assert rule.category == "encoding"


# --- no finding on clean text, in any encoding ---------------------------------------------------------

CLEAN = clean_texts()


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_text_in_utf8_has_no_finding(name):
    assert findings(Document.from_text(name, CLEAN[name])) == []


@pytest.mark.parametrize("codec", ["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig",
                                   "utf-32"])
@pytest.mark.parametrize("index", range(5))
def test_clean_seeds_in_other_encodings_have_no_finding(codec, index):
    text = seed_text(index)
    assert findings(Document.from_bytes("x", text.encode(codec))) == []


@pytest.mark.parametrize("codec", ["big5", "big5hkscs", "utf-16-le"])
def test_clean_traditional_text_has_no_finding(codec):
    assert findings(Document.from_bytes("x", TRADITIONAL.encode(codec))) == []


@pytest.mark.parametrize("text", ["你好", "在线", "猇亭区", "人民政府", "政府工作报告"])
def test_short_gbk_strings_have_no_finding(text):
    assert findings(Document.from_bytes("x", text.encode("gbk"))) == []


# --- EN001 undecodable-bytes ---------------------------------------------------------------------------


def test_en001_flags_each_run_of_undecodable_bytes():
    text = seed_text(0)
    first, second = text.index("一年来"), text.index("坚持党的全面领导")
    raw = (text[:first].encode("gbk") + b"\xff\xff" + text[first:second].encode("gbk") + b"\x80"
           + text[second:].encode("gbk"))
    doc = Document.from_bytes("x", raw)
    found = findings(doc, UndecodableBytes)
    assert spans(found) == [("EN001", first, first + 2), ("EN001", second + 2, second + 3)]
    assert found[0].details["bytes"] == "ff ff"
    assert found[0].details["byte_offset"] == len(text[:first].encode("gbk"))
    assert found[0].details["encoding"] == "gb18030" and found[0].details["at_end"] is False
    assert found[1].details["bytes"] == "80"
    assert all(f.severity is Severity.ERROR for f in found)
    # The stand-ins are ours: EN004 must not report them again.
    assert findings(doc, ReplacementCharacters) == []


def test_en001_says_when_the_file_was_cut_mid_character():
    text = "一年来我们坚持务实重效。\n自身建设展现新作为"
    raw = text.encode("utf-8")[:-1]
    [finding] = findings(Document.from_bytes("x", raw), UndecodableBytes)
    assert finding.span == Span(len(text) - 1, len(text))
    assert finding.details["at_end"] is True and "truncated" in finding.message


def test_en001_nothing_on_decodable_files():
    assert findings(Document.from_bytes("x", seed_text(1).encode("gbk")), UndecodableBytes) == []


# --- EN002 mixed-encodings ------------------------------------------------------------------------------


def test_en002_flags_the_footer_in_another_encoding():
    text = seed_text(0)
    raw, footer_start = mixed_utf8_gbk(text, footer_lines=3)
    doc = Document.from_bytes("x", raw)
    [finding] = findings(doc, MixedEncodings)
    assert finding.span == Span(footer_start, len(text))
    assert finding.details["encoding"] == "gb18030"
    assert finding.details["main_encoding"] == "utf-8"
    assert [(s["encoding"], s["start"], s["end"]) for s in finding.details["segments"]] == [
        ("utf-8", 0, footer_start), ("gb18030", footer_start, len(text))]
    assert finding.severity is Severity.WARNING
    # Decoding line by line recovered the text: nothing else to report.
    assert [f.code for f in findings(doc)] == ["EN002"]


@pytest.mark.parametrize("footer_lines, opening", [(1, "line 42 is encoded"), (3, "lines 41-42 are encoded")])
def test_en002_message_names_the_lines_in_their_number(footer_lines, opening):
    raw, _ = mixed_utf8_gbk(seed_text(0), footer_lines=footer_lines)
    [finding] = findings(Document.from_bytes("x", raw), MixedEncodings)
    assert finding.message.startswith(opening + " in gb18030 while the rest of the file is utf-8")


def test_en002_nothing_for_a_utf8_file_with_one_broken_byte():
    text = seed_text(2)
    raw = text.encode("utf-8")
    cut = len(text[:200].encode("utf-8"))
    doc = Document.from_bytes("x", raw[:cut] + b"\xff" + raw[cut:])
    assert findings(doc, MixedEncodings) == []
    assert [f.code for f in findings(doc)] == ["EN001"]


# --- EN003 mojibake -------------------------------------------------------------------------------------


@pytest.mark.parametrize("garbler", sorted(GARBLERS))
def test_en003_flags_exactly_the_garbled_line(garbler):
    text = seed_text(0)
    line_index = 4
    garbled_text, expected = garble_line(text, line_index, GARBLERS[garbler])
    doc = Document.from_text("x", garbled_text)
    found = findings(doc)
    assert spans(found) == [("EN003", *expected)]
    [finding] = found
    assert finding.details["kind"] == EXPECTED_KIND[garbler]
    assert finding.severity is Severity.ERROR
    # The repair suggestion reads like the original line (lost bytes shown as U+FFFD).
    original = text.split("\n")[line_index].strip()
    repaired = finding.details["repaired"]
    assert SequenceMatcher(None, repaired, original, autojunk=False).ratio() > 0.8, repaired[:40]


ASCII = "".join(chr(i) for i in range(128))


#: Share of lines with 8+ non-ASCII characters that must be found. GBK read as Big5 loses lead bytes
#: and shifts the pairs after them, so part of a line may not repair: a miss there is tolerated.
MIN_RECALL = {"gbk-read-as-big5": 0.9}


@pytest.mark.parametrize("garbler", sorted(GARBLERS))
def test_en003_every_line_of_every_sample(garbler):
    """Garble each line of each sample in turn. Every EN003 finding spans exactly the garbled line's
    first to last non-ASCII character; lines with 8+ non-ASCII characters are found (all of them, or
    MIN_RECALL); a missed line gets at most EN004 for the U+FFFD its garbling left; nothing else."""
    long_lines = found = 0
    for text in seed_texts():
        for index, line in enumerate(text.split("\n")):
            content = "".join(line.split())
            if content.isascii():
                continue
            try:
                garbled_text, (start, end) = garble_line(text, index, GARBLERS[garbler])
            except UnicodeEncodeError:  # ⑪ is not in GBK
                continue
            piece = garbled_text[start:end]
            start += len(piece) - len(piece.lstrip(ASCII))
            end -= len(piece) - len(piece.rstrip(ASCII))
            got = spans(findings(Document.from_text("x", garbled_text)))
            hit = got == [("EN003", start, end)]
            assert hit or all(code == "EN004" for code, *_ in got), (line[:30], got)
            if sum(not ch.isascii() for ch in content) >= 8:
                long_lines += 1
                found += hit
    assert long_lines > 100
    assert found >= MIN_RECALL.get(garbler, 1.0) * long_lines, (found, long_lines)


@pytest.mark.parametrize("garbler", sorted(GARBLERS))
@pytest.mark.parametrize("index", range(4))  # sample 4 has ⑪, which GBK lacks
def test_en003_a_whole_page_read_with_the_wrong_codec_is_one_finding(garbler, index):
    garbled = GARBLERS[garbler](seed_texts()[index])
    found = findings(Document.from_text("x", garbled))
    assert [f.code for f in found] == ["EN003"]
    non_ascii = [i for i, ch in enumerate(garbled) if not ch.isascii() and not ch.isspace()]
    span = found[0].span
    assert non_ascii[0] <= span.start and span.end <= non_ascii[-1] + 1
    assert len(span) >= 0.99 * (non_ascii[-1] + 1 - non_ascii[0])


@pytest.mark.parametrize("garbler", sorted(TRADITIONAL_GARBLERS))
def test_en003_flags_garbled_traditional_text(garbler):
    lines = TRADITIONAL.split("\n")
    garbled_text, expected = garble_line(TRADITIONAL, 2, TRADITIONAL_GARBLERS[garbler])
    doc = Document.from_text("x", garbled_text)
    assert spans(findings(doc)) == [("EN003", *expected)]
    assert findings(doc)[0].details["kind"] == EXPECTED_KIND[garbler]
    assert lines[1] in doc.text  # the clean neighbours are untouched


def test_en003_repairs_a_classic_example_exactly():
    garbled = "在线政府工作报告".encode("utf-8").decode("gbk")  # an even byte count: lossless
    doc = Document.from_text("x", f"标题\n本页:{garbled}。\n结束")
    [finding] = findings(doc, Mojibake)
    start = doc.text.index(garbled)
    assert finding.span == Span(start, start + len(garbled))
    assert finding.details["repaired"] == "在线政府工作报告"
    assert "在线政府工作报告" in finding.message


def test_en003_latin1_reading_of_utf8_repairs_exactly():
    garbled = "Ã¤Ã¶Ã¼ and " + "一年来".encode("utf-8").decode("latin-1")
    doc = Document.from_text("x", f"ok line\n{garbled}\n")
    found = findings(doc, Mojibake)
    assert spans(found) == [("EN003", 8, 8 + len(garbled))]
    assert found[0].details["repaired"] == "äöü and 一年来"


def test_en003_replacement_characters_read_as_gbk():
    garbled = ("\ufffd\ufffd".encode("utf-8").decode("gbk")) * 3  # 锟斤拷锟斤拷锟斤拷
    assert garbled == "锟斤拷" * 3
    doc = Document.from_text("x", f"正文{garbled}结束")
    [finding] = findings(doc)
    assert (finding.code, finding.span) == ("EN003", Span(2, 11))
    assert finding.details["kind"] == "replacement-read-as-gbk"


def test_en003_one_finding_per_garbled_line():
    text = seed_text(3)
    first, span1 = garble_line(text, 4, GARBLERS["utf8-read-as-gbk"])
    both, span2 = garble_line(first, 8, GARBLERS["gbk-read-as-latin1"])
    if span1[0] > span2[0]:
        span1, span2 = span2, span1
    found = findings(Document.from_text("x", both))
    # Garbling line 8 after line 4 shifts nothing before it: line 4's span is still valid.
    assert spans(found) == [("EN003", *span1), ("EN003", *span2)]


def test_en003_utf8_read_as_big5():
    garbled = seed_text(0).split("\n")[4].strip().encode("utf-8").decode("big5hkscs", "replace")
    doc = Document.from_text("x", f"第一行正常。\n{garbled}\n最后一行也正常。")
    [finding] = findings(doc, Mojibake)
    start = doc.text.index(garbled)
    assert finding.span == Span(start, start + len(garbled))
    assert finding.details["kind"] == "utf8-read-as-big5"


def test_en003_unexplained_rare_soup_is_only_a_warning():
    """Rare characters (GBK/3, lead bytes 81-A0) mixed with kana and U+FFFD: garbled, but no known
    mix-up repairs it, so the finding is a warning without a repair."""
    rare = [bytes((lead, trail)).decode("gbk") for lead in range(0x81, 0xA0) for trail in (0x41, 0x62)]
    soup = "".join(rare[i * 7 % len(rare)] for i in range(16)) + "ヱ\ufffdヶ"
    doc = Document.from_text("x", f"第一行正常。\n{soup}\n最后一行也正常。")
    [finding] = findings(doc, Mojibake)
    assert finding.span == Span(7, 7 + len(soup))
    assert finding.severity is Severity.WARNING
    assert finding.details["kind"] == "unreadable" and "repaired" not in finding.details


@pytest.mark.parametrize("text", [
    "宜昌市猇亭区", "垚垚村和犇犇牧场", "龘靐齉爩鱻麤", "これは日本語のテキストです", "대한민국 정부",
    "┌──┬──┐", "∑∏√∞∫≈≠≤≥", "××××年××月××日", "——————", "…………", "Ærøskøbing Łódź",
    "“两个确立”——“两个维护”", "©®™°±×÷·", "😀👍🎉",
])
def test_en003_negative_short_pieces(text):
    assert findings(Document.from_text("x", f"前文。\n{text}\n后文。"), Mojibake) == []


# --- EN004 replacement-characters --------------------------------------------------------------------


def test_en004_flags_replacement_characters_in_the_source():
    doc = Document.from_text("x", "宜昌市\ufffd亭区\n第二行\ufffd\ufffd结束")
    found = findings(doc)
    assert spans(found) == [("EN004", 3, 4), ("EN004", 10, 12)]
    assert found[1].details["count"] == 2
    assert all(f.severity is Severity.ERROR for f in found)


def test_en004_not_inside_garbled_text():
    text = seed_text(0)
    garbled_text, expected = garble_line(text, 4, GARBLERS["utf8-read-as-gbk"])
    assert "\ufffd" in garbled_text[expected[0] : expected[1]]
    assert findings(Document.from_text("x", garbled_text), ReplacementCharacters) == []


# --- EN005 control-characters --------------------------------------------------------------------------


@pytest.mark.parametrize("char,kind", [
    ("\x00", "c0-control"), ("\x07", "c0-control"), ("\x0c", "c0-control"), ("\x7f", "c0-control"),
    ("\x85", "c1-control"), ("\u200b", "zero-width"), ("\u200d", "zero-width"), ("\u2060", "zero-width"),
    ("\ufeff", "zero-width"), ("\u202e", "bidi"), ("\u2067", "bidi"), ("\u200f", "bidi"),
    ("\u00ad", "format"), ("\u2028", "line-separator"), ("\U000e0041", "format"),
])
def test_en005_flags_each_kind(char, kind):
    doc = Document.from_text("x", f"政府{char}工作报告")
    [finding] = findings(doc)
    assert (finding.code, finding.span) == ("EN005", Span(2, 3))
    assert finding.details["kinds"] == [kind]
    assert finding.details["code_points"] == [f"U+{ord(char):04X}"]
    assert finding.severity is Severity.WARNING


def test_en005_merges_adjacent_characters_into_one_run():
    doc = Document.from_text("x", "政府\u200b\u200b\u200c工作\u202e报告\u202c")
    assert spans(findings(doc)) == [("EN005", 2, 5), ("EN005", 7, 8), ("EN005", 10, 11)]


def test_en005_legitimate_whitespace_and_a_consumed_bom():
    text = "政府\t工作\r\n报告\u3000全文\u00a0完\n"
    assert findings(Document.from_text("x", text)) == []
    assert findings(Document.from_bytes("x", text.encode("utf-8-sig"))) == []
    assert findings(Document.from_bytes("x", text.encode("utf-16"))) == []


def test_en005_a_second_bom_is_flagged():
    doc = Document.from_bytes("x", "\ufeff\ufeff政府".encode("utf-8"))
    assert spans(findings(doc)) == [("EN005", 0, 1)]


def test_en005_options_ignore_kinds():
    rule = ControlCharacters(ControlCharacterOptions(ignore_kinds=("format",)))
    doc = Document.from_text("x", "soft\u00adhyphen and zero\u200bwidth")
    assert [f.details["kinds"] for f in rule.check(doc, CTX)] == [["zero-width"]]


# --- EN006 private-use-characters -----------------------------------------------------------------------


def test_en006_flags_private_use_characters():
    raw = "宜昌".encode("gbk") + b"\xfe\x51" + "区".encode("gbk")
    doc = Document.from_bytes("x", raw)
    assert doc.text == "宜昌\ue816区"
    [finding] = findings(doc)
    assert (finding.code, finding.span, finding.details["code_points"]) == (
        "EN006", Span(2, 3), ["U+E816"])
    assert findings(Document.from_text("x", "宜昌\ue000\U000f0001区"), PrivateUseCharacters)[0].span == \
        Span(2, 4)


# ---- real documents (tests/fixtures/real_reports) re-encoded ----------------------------------

_REAL = sorted((__import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "real_reports").glob("*.txt"))


@pytest.mark.parametrize("path", _REAL, ids=lambda p: p.stem)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"])
def test_real_documents_in_every_encoding_decode_exactly_and_raise_nothing(path, encoding):
    text = path.read_text(encoding="utf-8")
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{path.stem} has characters {encoding} cannot hold (simplified text in Big5)")
    doc = Document.from_bytes(path.name, raw)
    assert doc.text == text
    assert findings(doc) == []


def test_mojibake_thresholds_are_one_family_level_detection(monkeypatch):
    """EN003-EN005 share one detection: EN004/EN005 leave out exactly what EN003 reports, the pass
    runs once per document, and the thresholds are not options of any one rule."""
    from scrapegate.rules.encoding import rules as encoding

    garbled = "各位代表，一年来我们坚持改革开放，全区经济发展稳中向好。".encode("utf-8").decode("gbk", "replace")
    text = "政府工作报告\n" + garbled[:10] + "\u200b" + garbled[10:] + "\n宜昌市\ufffd亭区的\u200b工作报告\n"
    doc = Document.from_text("a.txt", text)
    calls = []
    detect = encoding._find_mojibake
    monkeypatch.setattr(encoding, "_find_mojibake", lambda *args: calls.append(args) or detect(*args))
    ctx = BatchContext()
    by_code = {rule.code: list(rule(None).check(doc, ctx)) for rule in
               (encoding.Mojibake, encoding.ReplacementCharacters, encoding.ControlCharacters)}
    assert len(calls) == 1
    (hit,) = by_code["EN003"]
    assert "\ufffd" in text[hit.span.start:hit.span.end] and "\u200b" in text[hit.span.start:hit.span.end]
    (replacement,) = by_code["EN004"]
    (invisible,) = by_code["EN005"]
    assert text[replacement.span.start:replacement.span.end] == "\ufffd" and replacement.span.start > hit.span.end
    assert text[invisible.span.start:invisible.span.end] == "\u200b" and invisible.span.start > hit.span.end
    assert encoding.Mojibake.option_fields() == []
    assert encoding.find_mojibake(doc) is encoding.find_mojibake(doc, encoding.MOJIBAKE_THRESHOLDS)
