"""The decoding cascade: every encoding we meet, short strings, mixed files, lost bytes, binary files."""

from __future__ import annotations

import codecs

import pytest

from encoding_fixtures import (
    RARE_CHARACTERS,
    SHORT_CHINESE,
    TRADITIONAL,
    mixed_utf8_gbk,
    png_bytes,
    seed_text,
    seed_texts,
)
from scrapegate.checks.decoding import (
    Decoded,
    decode,
    looks_binary,
    normalize_declared,
    plausibility,
)
from scrapegate.checks.findings import Span


def assert_single(decoded: Decoded, text: str, encoding: str) -> None:
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.undecodable == []
    assert not decoded.is_mixed
    assert [s.span for s in decoded.segments] == [Span(0, len(text))]


def test_utf8_is_the_fast_path():
    text = seed_text(0)
    decoded = decode(text.encode("utf-8"))
    assert_single(decoded, text, "utf-8")
    assert decoded.method == "strict"
    assert decoded.confidence == 1.0
    assert not decoded.bom


def test_ascii_is_utf8():
    decoded = decode(b"plain ASCII\r\nline two\n")
    assert_single(decoded, "plain ASCII\r\nline two\n", "utf-8")


def test_empty_file():
    decoded = decode(b"")
    assert decoded.text == "" and decoded.encoding == "utf-8" and decoded.method == "empty"


@pytest.mark.parametrize("index,codec", [(i, "gb18030") for i in range(5)] + [
    (i, "gbk") for i in range(4)])  # sample 4 has ⑪, which only GB18030 encodes
def test_gbk_family_decodes_as_gb18030(index, codec):
    text = seed_texts()[index]
    decoded = decode(text.encode(codec))
    assert_single(decoded, text, "gb18030")
    assert decoded.confidence > 0.9


@pytest.mark.parametrize("codec", ["big5", "big5hkscs", "cp950"])
def test_big5_family_decodes_as_big5hkscs(codec):
    decoded = decode(TRADITIONAL.encode(codec))
    assert_single(decoded, TRADITIONAL, "big5hkscs")


def test_big5_flavours_are_told_apart_by_what_they_put_at_c6a1():
    text = "各位代表：①堅持穩中求進；②推動經濟轉型；③強化社會安全網。"
    assert_single(decode(text.encode("cp950")), text, "cp950")
    assert_single(decode(text.encode("big5hkscs")), text, "big5hkscs")
    assert text.encode("cp950") != text.encode("big5hkscs")


@pytest.mark.parametrize("codec,order,bom", [
    ("utf-16", "le", True),            # Python writes the BOM in native (little-endian) order
    ("utf-16-le", "le", False),
    ("utf-16-be", "be", False),
])
@pytest.mark.parametrize("text_name", ["seed", "traditional"])
def test_utf16_with_and_without_bom(codec, order, bom, text_name):
    text = seed_text(1) if text_name == "seed" else TRADITIONAL
    decoded = decode(text.encode(codec))
    assert_single(decoded, text, "utf-16")
    assert decoded.byte_order == order
    assert decoded.bom is bom


def test_utf16_big_endian_with_bom():
    text = seed_text(2)
    decoded = decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    assert_single(decoded, text, "utf-16")
    assert (decoded.byte_order, decoded.bom, decoded.method) == ("be", True, "bom")


def test_chinese_utf16_without_ascii_has_no_nul_bytes_and_still_decodes():
    text = "各位代表现在我代表区人民政府向大会报告工作请予审议"
    raw = text.encode("utf-16-le")
    assert b"\x00" not in raw
    assert_single(decode(raw), text, "utf-16")


@pytest.mark.parametrize("text", ["  回首过去一年,成绩得来殊为不易。这是习近平", "——社会大局平安稳",
                                  "各位代表,现在我代表区人民政府向大会报告工作"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_short_utf16_without_bom(text, codec):
    """Too few NULs for the parity test (the NUL bytes of 一 or — sit on the other side)."""
    decoded = decode(text.encode(codec))
    assert_single(decoded, text, "utf-16")
    assert decoded.byte_order == codec[-2:]


@pytest.mark.parametrize("codec,order", [("utf-32", "le"), ("utf-32-le", "le"), ("utf-32-be", "be")])
def test_utf32(codec, order):
    text = seed_text(3)
    decoded = decode(text.encode(codec))
    assert_single(decoded, text, "utf-32")
    assert decoded.byte_order == order


def test_utf8_with_bom_consumes_the_bom():
    text = seed_text(4)
    decoded = decode(text.encode("utf-8-sig"))
    assert_single(decoded, text, "utf-8")
    assert decoded.bom and decoded.method == "bom"
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("text", SHORT_CHINESE)
def test_short_gbk_strings_are_not_guessed_as_korean(text):
    """charset-normalizer guesses cp949/johab on strings like these (its issue #216)."""
    assert_single(decode(text.encode("gbk")), text, "gb18030")


def test_gbk_file_with_a_character_gb2312_lacks():
    raw = RARE_CHARACTERS.encode("gbk")
    with pytest.raises(UnicodeEncodeError):
        "猇".encode("gb2312")
    assert_single(decode(raw), RARE_CHARACTERS, "gb18030")
    declared = decode(raw, declared="gb2312")
    assert_single(declared, RARE_CHARACTERS, "gb18030")
    assert declared.method == "declared" and declared.declared == "gb2312"


def test_a_declared_charset_that_does_not_fit_is_overruled():
    text = seed_text(0)
    assert_single(decode(text.encode("gbk"), declared="big5"), text, "gb18030")
    assert_single(decode(text.encode("utf-8"), declared="gbk"), text, "utf-8")


@pytest.mark.parametrize("name,expected", [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("cp936", "gb18030"),
    ("Big5", "big5hkscs"), ("cp950", "cp950"), ("UTF-8", "utf-8"), ("utf-8-sig", "utf-8"),
    ("no-such-charset", None), ("", None),
])
def test_declared_names(name, expected):
    assert normalize_declared(name) == expected


def test_mixed_utf8_page_with_gbk_footer():
    text = seed_text(0)
    raw, footer_start = mixed_utf8_gbk(text, footer_lines=3)
    decoded = decode(raw)
    assert decoded.text == text
    assert decoded.is_mixed and decoded.method == "per-line"
    assert decoded.encoding == "utf-8"  # most of the text
    assert [(s.encoding, s.span) for s in decoded.segments] == [
        ("utf-8", Span(0, footer_start)), ("gb18030", Span(footer_start, len(text)))]
    assert decoded.segments[1].byte_offset == len(text[:footer_start].encode("utf-8"))
    assert decoded.undecodable == []


def test_gbk_page_with_utf8_header_line():
    text = seed_text(2)
    lines = text.splitlines(keepends=True)
    raw = lines[0].encode("utf-8") + "".join(lines[1:]).encode("gbk")
    decoded = decode(raw)
    assert decoded.text == text
    assert decoded.encoding == "gb18030"
    assert [s.encoding for s in decoded.segments] == ["utf-8", "gb18030"]


BODY = "这是一个用统一码写成的句子，内容关于城市建设和环境保护的新闻报道。"
FOOTER = "本站由某某网络公司提供技术支持，版权所有，未经许可不得转载。"


@pytest.mark.parametrize("end", ["", "\n"])
def test_one_line_of_utf8_with_a_gbk_tail_is_split_by_byte_run(end):
    # No line break between the UTF-8 body and the GBK footer: the line is split where the bytes
    # stop being UTF-8, not decoded wholly as GB18030 (mojibake of the body).
    body = BODY.encode("utf-8")
    decoded = decode(body + FOOTER.encode("gbk") + end.encode())
    assert decoded.text == BODY + FOOTER + end
    assert decoded.method == "per-line" and decoded.encoding == "utf-8"
    assert [(s.encoding, s.span, s.byte_offset, s.byte_length) for s in decoded.segments] == [
        ("utf-8", Span(0, len(BODY)), 0, len(body)),
        ("gb18030", Span(len(BODY), len(BODY + FOOTER + end)), len(body), len(FOOTER) * 2 + len(end))]
    assert decoded.undecodable == []


def test_gbk_between_utf8_runs_and_an_ascii_seam():
    raw = (BODY.encode("utf-8") + b" (c) 2020 " + FOOTER.encode("gbk") + BODY.encode("utf-8"))
    decoded = decode(raw)
    assert decoded.text == BODY + " (c) 2020 " + FOOTER + BODY
    assert [s.encoding for s in decoded.segments] == ["utf-8", "gb18030", "utf-8"]


def test_a_cut_utf8_character_after_a_few_characters_stays_utf8_in_a_split_line():
    # "这是一个" then a character cut to its first two bytes: too short a UTF-8 run to stand alone,
    # and a GB18030 reading of those bytes would be mojibake; it stays UTF-8 with one undecodable run.
    body = BODY.encode("utf-8")
    raw = body[:12] + body[12:14] + body[15:] + FOOTER.encode("gbk")
    decoded = decode(raw)
    assert [s.encoding for s in decoded.segments] == ["utf-8", "gb18030"]
    assert decoded.text == BODY[:4] + "\ufffd" + BODY[5:] + FOOTER
    assert [(r.byte_offset, r.length, r.encoding) for r in decoded.undecodable] == [(12, 2, "utf-8")]


def test_undecodable_bytes_become_recorded_stand_ins():
    text = seed_text(0)
    cut = text.index("一年来")
    raw = text[:cut].encode("gbk") + b"\xff" + text[cut:].encode("gbk")
    decoded = decode(raw)
    assert decoded.encoding == "gb18030"
    assert decoded.text == raw.decode("gb18030", "replace")
    assert decoded.text == text[:cut] + "\ufffd" + text[cut:]
    [run] = decoded.undecodable
    assert run.span == Span(cut, cut + 1)
    assert run.byte_offset == len(text[:cut].encode("gbk"))
    assert run.raw_hex == "ff" and run.length == 1 and run.encoding == "gb18030"


def test_utf8_cut_mid_character_is_utf8_with_one_run_at_the_end():
    text = seed_text(1).rstrip() + "政府"
    raw = text.encode("utf-8")[:-2]
    decoded = decode(raw)
    assert decoded.encoding == "utf-8" and not decoded.is_mixed
    assert decoded.text == text[:-1] + "\ufffd"
    [run] = decoded.undecodable
    assert run.span == Span(len(text) - 1, len(text))
    assert (run.byte_offset, run.raw_hex, run.length) == (len(raw) - 1, "e5", 1)


def test_single_line_utf8_with_a_broken_byte_stays_utf8():
    text = "一年来我们坚持务实重效自身建设展现新作为坚持党的全面领导旗帜鲜明讲政治"
    encoded = text.encode("utf-8")
    raw = encoded[:9] + b"\xc0" + encoded[9:]
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text == text[:3] + "\ufffd" + text[3:]
    assert [(r.span, r.byte_offset, r.raw_hex) for r in decoded.undecodable] == [(Span(3, 4), 9, "c0")]


def test_utf8_file_with_one_corrupted_line_is_not_mixed():
    text = seed_text(3)
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if len(line) > 50)
    broken = lines[target].encode("utf-8")
    broken = broken[:30] + b"\xfe" + broken[30:]
    raw = b"\n".join(broken if i == target else line.encode("utf-8") for i, line in enumerate(lines))
    decoded = decode(raw)
    assert decoded.encoding == "utf-8" and not decoded.is_mixed
    assert len(decoded.undecodable) == 1
    run = decoded.undecodable[0]
    assert decoded.text[run.span.start : run.span.end] == "\ufffd"
    assert raw[run.byte_offset] == 0xFE


def test_span_offsets_match_replace_decoding_for_many_errors():
    text = TRADITIONAL
    raw = bytearray(text.encode("big5"))
    for position in (5, 40, 41, 90):
        raw[position] = 0xFF
    decoded = decode(bytes(raw))
    assert decoded.encoding == "big5hkscs" and decoded.method == "replace" and not decoded.is_mixed
    assert decoded.text == bytes(raw).decode("big5hkscs", "replace")
    # a 0xFF trail byte spoils its lead byte too: each run is lead + 0xFF (40 and 41 are one run)
    assert [(run.span, run.byte_offset, run.raw_hex, run.length) for run in decoded.undecodable] == [
        (Span(2, 4), 4, "a5 ff", 2), (Span(21, 24), 39, "a4 ff ff", 3), (Span(48, 50), 89, "a8 ff", 2)]
    for run in decoded.undecodable:
        assert set(decoded.text[run.span.start : run.span.end]) == {"\ufffd"}
        assert bytes.fromhex(run.raw_hex) == bytes(raw[run.byte_offset : run.byte_offset + run.length])


def test_western_text_falls_back_to_a_restricted_charset_normalizer():
    text = "Le Président a visité la région; ça coûte très cher, déjà noté. Über München, Ærø."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text and decoded.method == "charset-normalizer"


def test_plausibility_separates_text_from_wrong_readings():
    assert plausibility(seed_text(0))[0] > 0.95
    assert plausibility(TRADITIONAL)[0] > 0.95
    assert plausibility(TRADITIONAL.encode("big5").decode("gbk", "replace"))[0] < 0.5
    assert plausibility(seed_text(0).encode("utf-8").decode("gbk", "replace"))[0] < 0.5
    assert plausibility("plain ASCII") == (1.0, 0)


# --- binary files ---------------------------------------------------------------------------------


def test_png_is_binary():
    assert looks_binary(png_bytes()) == "PNG image"


@pytest.mark.parametrize("head,reason", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "OLE2 document (DOC/XLS/PPT)"),
])
def test_magic_numbers(head, reason):
    assert looks_binary(head + bytes(range(256)) * 4) == reason


def test_nul_laden_data_is_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.choice((0, 0, 0, 1, 2, 3, 0x41, 0xC8, 0xFF)) for _ in range(4096))
    assert "binary" in looks_binary(data)
    decode(data)  # must not raise


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be",
                                   "utf-32", "utf-8-sig"])
def test_text_in_any_encoding_is_not_binary(codec):
    text = TRADITIONAL if codec.startswith("big5") else seed_text(0)
    assert looks_binary(text.encode(codec)) is None


def test_a_stray_nul_in_long_text_is_not_binary():
    text = seed_text(0)
    raw = text[:100].encode("utf-8") + b"\x00" + text[100:].encode("utf-8")
    assert looks_binary(raw) is None
    assert decode(raw).text == text[:100] + "\x00" + text[100:]


# --- pure-CJK UTF-16 without a BOM, NUL padding (text a binary sniffer must not reject) ------------

from encoding_fixtures import control_byte_share, pdf_bytes, without_ascii, zip_bytes  # noqa: E402


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("index", range(5))
def test_pure_chinese_utf16_without_bom_is_text(codec, index):
    """Many CJK code units have a byte in 0x00-0x1F (不 is 0D 4E in UTF-16-LE, 一 is 00 4E): as bytes
    they look like control characters, as UTF-16 they are ordinary text."""
    text = without_ascii(seed_text(index))
    raw = text.encode(codec)
    assert control_byte_share(raw[:8192]) > 0.05  # what made the sniffer call it binary
    assert looks_binary(raw) is None
    assert_single(decode(raw), text, "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [without_ascii(TRADITIONAL), without_ascii(RARE_CHARACTERS)])
def test_pure_chinese_utf16_in_either_script_is_text(codec, text):
    raw = text.encode(codec)
    assert looks_binary(raw) is None
    assert decode(raw).text == text


def test_pure_chinese_utf16_file_is_read_not_refused(tmp_path):
    from scrapegate.checks.inputs import InputFile, read_document

    text = without_ascii(seed_text(2))
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-16-le"))
    doc = read_document(InputFile("report.txt", path, str(path)), max_file_size=10_000_000)
    assert doc.text == text and doc.decoded.encoding == "utf-16"


@pytest.mark.parametrize("padding", [1, 20, 512, 20_000])
@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_text_padded_with_trailing_nuls_is_decoded_not_rejected(codec, padding):
    text = seed_text(1)
    raw = text.encode(codec) + b"\x00" * padding
    assert looks_binary(raw) is None
    decoded = decode(raw)
    assert decoded.text == text + "\x00" * padding
    assert decoded.encoding == codec


def test_nul_padding_is_flagged_by_en005_with_its_span():
    from scrapegate.checks.context import BatchContext
    from scrapegate.checks.document import Document
    from scrapegate.rules.encoding.rules import ControlCharacters

    text = "关于召开年度工作会议的通知\n各科室：定于3月1日上午9时召开年度工作会议，请准时参加。\n"
    doc = Document.from_bytes("padded.txt", text.encode("utf-8") + b"\x00" * 20)
    findings = list(ControlCharacters().check(doc, BatchContext.build([doc])))
    assert [(f.code, f.span) for f in findings] == [("EN005", Span(len(text), len(text) + 20))]


def test_short_text_with_a_c_string_terminator_is_text():
    assert looks_binary("各位代表：现在我代表区人民政府向大会报告工作。".encode() + b"\x00") is None


@pytest.mark.parametrize("make, reason", [(png_bytes, "PNG image"), (zip_bytes, "ZIP archive"),
                                          (pdf_bytes, "PDF document")])
def test_real_binaries_are_still_rejected(make, reason):
    raw = make()
    assert reason in looks_binary(raw)
    assert reason in looks_binary(raw + b"\x00" * 64)


@pytest.mark.parametrize("size", [512, 4096, 20_000])
@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_are_still_binary_even_with_nul_padding(size, seed):
    import random

    data = random.Random(seed).randbytes(size)
    assert looks_binary(data) is not None
    assert looks_binary(data + b"\x00" * 100) is not None
    assert looks_binary(data.rstrip(b"\x00")) is not None


def test_nothing_but_nuls_is_binary():
    assert "NUL" in looks_binary(b"\x00" * 4096)


# --- a page's own <meta charset> is a declaration -------------------------------------------------

from scrapegate.checks.decoding import declared_charset  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402


@pytest.mark.parametrize("head, declared", [
    (b'<html><head><meta charset="gbk"><title>t</title>', "gbk"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=GB2312' />", "GB2312"),
    (b"<META CHARSET=big5>", "big5"),
    (b"<p>charset=gbk is only text here</p>", None),
])
def test_declared_charset_reads_the_meta_tag(head, declared):
    assert declared_charset(head + "正文".encode("utf-8")) == declared


def test_a_declared_charset_decides_a_legacy_page_and_never_overrides_utf8():
    text = "宜昌市猇亭区人民政府工作报告:一年来,我们坚持稳中求进,经济社会发展取得新成效。"
    traditional = "宜昌市猇亭區人民政府工作報告:一年來,我們堅持穩中求進,經濟社會發展取得新成效。"
    for words, codec, meta, reported in ((text, "gb18030", "gb2312", "gb18030"),
                                         (traditional, "big5hkscs", "big5", "big5hkscs")):
        page = f'<html><head><meta charset="{meta}"></head><body><p>{words}</p></body></html>'
        doc = Document.from_bytes("p.html", page.encode(codec))
        assert (doc.decoded.method, doc.encoding, doc.decoded.declared) == ("declared", reported, meta)
        assert words in doc.text
    stale = '<html><head><meta charset="gb2312"></head><body>' + text + "</body></html>"
    doc = Document.from_bytes("p.html", stale.encode("utf-8"))
    assert (doc.decoded.method, doc.encoding) == ("strict", "utf-8")


@pytest.mark.parametrize("raw", [
    "政府工作报告：二〇二三年全区生产总值增长百分之五。".encode("gb18030"),
    "政府工作報告：全區生產總值增長。".encode("big5hkscs"),
    "政府工作報告：①全區生產總值增長。".encode("cp950"),
    b'<html><head><meta charset="gbk"></head><body>' + "各位代表：现在报告工作。".encode("gbk") + b"</body></html>",
    "各位代表：现在报告工作。".encode("utf-8") + "版权所有".encode("gbk"),
    "各位代表".encode("utf-16"),
    "plain ascii".encode("ascii"),
    "各位代表：".encode("gb18030") + b"\xff\xfe\x80",
])
def test_decoding_again_with_the_earlier_result_gives_the_same_result(raw: bytes) -> None:
    """A second read (pass 2) passes the first decoding: a strict legacy reading is redone with its
    codec, everything else decoded in full; either way the result is decode's."""
    import dataclasses

    from scrapegate.checks.decoding import decode_again

    first = decode(raw, declared_charset(raw))
    earlier = dataclasses.replace(first, text="", segments=[], undecodable=[])
    assert decode_again(raw, earlier) == first
