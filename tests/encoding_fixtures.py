"""Fixture documents for the decoding and encoding-rule tests, generated from text by real round trips.

Nothing here is a pasted byte string: every encoded or garbled document is made from clean text with
Python's codecs, the way a misconfigured scraper makes it.
"""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

TRADITIONAL = (
    "各位代表：\n"
    "現在，我代表市政府向大會報告工作，請予審議，並請市政協委員和其他列席人員提出意見。\n"
    "過去一年，我們堅持穩中求進工作總基調，經濟社會發展取得新成效。臺灣同胞、香港與澳門居民踴躍參與，"
    "區域協調發展邁出堅實步伐。\n"
    "中華民國行政院院會今日通過「前瞻基礎建設計畫」，總統府發言人表示：政府將持續推動經濟轉型，"
    "並強化社會安全網，讓國人安居樂業。\n"
)

RARE_CHARACTERS = (
    "(湖北省)宜昌市猇亭区人民政府工作报告\n"
    "垚垚村、犇犇牧场、鼋头渚、亳州市、邳州市、濮阳市、漯河市、儋州市、黟县、歙县、婺源县、郫都区、"
    "筠连县、犍为县、珙县、洱源县、鄞州区、衢州市、缙云县、泸州市、阆中市、荥阳市、郏县、睢县、浉河区。\n"
    "生僻字：龘靐齉爩鱻麤貔貅饕餮魑魅魍魉\n"
)

CLASSICAL = (
    "子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？”\n"
    "《诗经》云：“关关雎鸠，在河之洲。窈窕淑女，君子好逑。”天行健，君子以自强不息；地势坤，君子以厚德载物。\n"
    "觥筹交错，饕餮盛宴，魑魅魍魉，耄耋之年，囹圄，踟蹰。《说文解字》：“犇，牛惊也。”垚，土高也。\n"
)

ENGLISH_AND_SYMBOLS = (
    "The report (2023) says GDP grew 5.2% to RMB 1,234.5 billion; see "
    "https://www.gov.cn/zhengce/2023-03/14/content_5746704.htm?from=timeline&x=1 or "
    "https://zh.wikipedia.org/wiki/%E7%8C%87%E4%BA%AD%E5%8C%BA.\n"
    "Café crème brûlée, naïve Ærøskøbing, São Paulo, Dvořák, Łódź; 5€, £3, ¥100, §5.\n"
    "××同志、××县人民政府:关于××××的通知。——2022年12月27日。“两个确立”……“两个维护”————\n"
    "温度25°C±2°C,比例1∶3,①②③,Ⅰ、Ⅱ,㈠㈡,★☆■□▲△◆◇○●,№5,‰,·,∑√∞≈≠≤≥\n"
    "ＧＤＰ增长５．２％。（一）　全面深化改革。【专栏】「引号」『双引号』〔注〕\u00a0不换行空格\n"
    "これは日本語のテキストです。大韩民国 대한민국. ┌──┬──┐ │表│格│ └──┴──┘\n"
)

SHORT_CHINESE = ("你好", "中国", "在线", "猇亭区", "人民政府", "政府工作报告", "湖北省宜昌市")


def seed_texts() -> list[str]:
    """The five sample files' text (UTF-8 in the repository)."""
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def seed_text(index: int = 0) -> str:
    return seed_texts()[index]


def clean_texts() -> dict[str, str]:
    """Legitimate text in several scripts and styles: none of it may produce an encoding finding."""
    texts = {f"seed{i}": text for i, text in enumerate(seed_texts())}
    texts.update(traditional=TRADITIONAL, rare=RARE_CHARACTERS, classical=CLASSICAL,
                 english_symbols=ENGLISH_AND_SYMBOLS)
    return texts


# --- how text gets garbled (each a real round trip) ---------------------------------------------------

GARBLERS = {
    "utf8-read-as-gbk": lambda text: text.encode("utf-8").decode("gbk", errors="replace"),
    "utf8-read-as-latin1": lambda text: text.encode("utf-8").decode("latin-1"),
    "utf8-read-as-cp1252": lambda text: text.encode("utf-8").decode("cp1252", errors="replace"),
    "gbk-read-as-latin1": lambda text: text.encode("gbk").decode("latin-1"),
    "gbk-read-as-big5": lambda text: text.encode("gbk").decode("big5", errors="replace"),
}
TRADITIONAL_GARBLERS = {
    "big5-read-as-gbk": lambda text: text.encode("big5").decode("gbk", errors="replace"),
    "big5-read-as-latin1": lambda text: text.encode("big5").decode("latin-1"),
}
#: The kind EN003 reports for each garbler (cp1252 and Latin-1 readings are one kind).
EXPECTED_KIND = {
    "utf8-read-as-gbk": "utf8-read-as-gbk",
    "utf8-read-as-latin1": "utf8-read-as-latin1",
    "utf8-read-as-cp1252": "utf8-read-as-latin1",
    "gbk-read-as-latin1": "gbk-read-as-latin1",
    "gbk-read-as-big5": "gbk-read-as-big5",
    "big5-read-as-gbk": "big5-read-as-gbk",
    "big5-read-as-latin1": "big5-read-as-latin1",
}


def garble_line(text: str, line_index: int, garbler) -> tuple[str, tuple[int, int]]:
    """``text`` with one line garbled; returns the new text and the garbled content's span (the line
    without its leading indentation)."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[:line_index])
    original = lines[line_index]
    indent = len(original) - len(original.lstrip(" \u3000"))
    garbled = original[:indent] + garbler(original[indent:])
    lines[line_index] = garbled
    return "\n".join(lines), (before + indent, before + len(garbled))


def mixed_utf8_gbk(text: str, footer_lines: int = 3) -> tuple[bytes, int]:
    """A UTF-8 page whose last ``footer_lines`` lines were saved as GBK; returns the bytes and the
    code-point offset where the GBK part visibly starts (ASCII-only lines read the same in both, so
    they belong to the segment before them)."""
    lines = text.splitlines(keepends=True)
    head, tail = "".join(lines[:-footer_lines]), "".join(lines[-footer_lines:])
    start = len(head)
    for line in lines[-footer_lines:]:
        if not line.isascii():
            break
        start += len(line)
    return head.encode("utf-8") + tail.encode("gbk"), start


def png_bytes() -> bytes:
    """A minimal real PNG (1x1, made with zlib), not a magic number glued to text."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def without_ascii(text: str) -> str:
    """``text`` with every ASCII character (newlines, digits, Latin punctuation) removed: what a page of
    pure Chinese looks like, whose UTF-16 form has no NUL high bytes to recognise it by."""
    return "".join(ch for ch in text if not ch.isascii())


def control_byte_share(raw: bytes) -> float:
    """Share of bytes in 0x00-0x1F other than tab, newline, vertical tab, form feed, carriage return and
    ESC: the bytes a binary sniffer counts."""
    controls = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
    return (len(raw) - len(raw.translate(None, controls))) / max(1, len(raw))


def zip_bytes() -> bytes:
    """A real ZIP archive (a text file inside, deflated) made with :mod:`zipfile`."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.txt", seed_text(0))
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A minimal one-page PDF with a compressed content stream (what a real PDF writer emits)."""
    import zlib

    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Government work report) Tj ET")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    for number, body in enumerate(objects, 1):
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
