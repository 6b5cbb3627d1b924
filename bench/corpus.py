"""A generated benchmark corpus: documents of 3-15 KB in the encodings scraped Chinese text comes in.

The text is recombined from the seed files' sentences (shuffled, not meaningful), so its character
statistics are those of real reports. ``generate_corpus(folder, n_docs, seed=0)`` writes the files and
returns what it wrote; the same arguments always produce the same bytes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: (label, share of documents). "mixed" is a UTF-8 page with a GBK footer.
ENCODING_MIX: tuple[tuple[str, float], ...] = (
    ("utf-8", 0.45),
    ("gb18030", 0.15),
    ("gbk", 0.05),
    ("big5", 0.08),
    ("utf-16", 0.05),       # with BOM, little-endian
    ("utf-16-be-bom", 0.02),
    ("utf-16-le", 0.03),    # no BOM
    ("utf-8-sig", 0.12),
    ("mixed", 0.05),
)
#: What scrapegate's decoder may report for each label. "big5" documents are written as Windows
#: writes Big5 (cp950); they read the same in big5hkscs unless they use C6A1-C8FE (①-⑩).
EXPECTED_ENCODING = {
    "utf-8": {"utf-8"}, "gb18030": {"gb18030"}, "gbk": {"gb18030"}, "big5": {"big5hkscs", "cp950"},
    "utf-16": {"utf-16"}, "utf-16-be-bom": {"utf-16"}, "utf-16-le": {"utf-16"}, "utf-8-sig": {"utf-8"},
    "mixed": {"utf-8"},
}
MIN_BYTES, MAX_BYTES = 3 * 1024, 15 * 1024
# The codec that gives a label's size per paragraph (BOMs and footers aside).
_BASE = {"utf-16": "utf-16-le", "utf-16-be-bom": "utf-16-le", "utf-8-sig": "utf-8", "mixed": "utf-8"}


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    label: str
    size: int


def _sentences(seeds_dir: Path) -> list[str]:
    sentences: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                sentences.extend(s for s in re.split(r"(?<=[。!?;])", line) if s)
    return sentences


def _encode(text: str, label: str, footer: str, big5_filter: dict[int, None]) -> bytes:
    if label == "big5":
        return text.translate(big5_filter).encode("cp950")
    if label == "gbk":
        return text.encode("gbk", errors="strict")
    if label == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if label == "mixed":
        return text.encode("utf-8") + footer.encode("gbk")
    return text.encode(label)


def generate_corpus(folder: str | Path, n_docs: int, seed: int = 0,
                    seeds_dir: Path = SEEDS) -> list[CorpusFile]:
    """Write ``n_docs`` documents into ``folder`` (created if needed) and return them in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences = _sentences(seeds_dir)
    # GBK lacks a few characters the seeds use (⑪): keep the gbk documents to what GBK encodes.
    pool_chars = set("".join(sentences))
    gbk_filter = {ord(ch): None for ch in pool_chars if not _encodable(ch, "gbk")}
    big5_filter = {ord(ch): None for ch in pool_chars if not _encodable(ch, "cp950")}
    sentences = [s.translate(gbk_filter) for s in sentences]
    labels = [label for label, _ in ENCODING_MIX]
    weights = [share for _, share in ENCODING_MIX]
    footer = "\n本文地址:/baogao/benchmark.html\n留言与评论(共有 条评论)\n验证码:\n"
    files: list[CorpusFile] = []
    for index in range(n_docs):
        label = rng.choices(labels, weights)[0]
        target = rng.randint(MIN_BYTES, MAX_BYTES)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            paragraph = "".join(rng.sample(sentences, rng.randint(2, 8)))
            paragraphs.append("  " + paragraph + "\n\n")
            size += len(_encode(paragraphs[-1], _BASE.get(label, label), "", big5_filter))
        raw = _encode("".join(paragraphs), label, footer, big5_filter)
        path = folder / f"{index:05d}_{label}.txt"
        path.write_bytes(raw)
        files.append(CorpusFile(path, label, len(raw)))
    return files


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def short_records(n_docs: int, seed: int = 0, seeds_dir: Path = SEEDS) -> Iterator[dict[str, str]]:
    """``n_docs`` short pages (4-12 sentences, about 0.5-1.5 KB of text) as pack records
    ``{"id", "text"}``, for runs of a million documents; every 50th record is an exact copy of an
    earlier one and every 50th (offset 25) a near copy (one sentence replaced), so the duplicate
    family has pairs to verify. The same arguments always give the same records."""
    rng = random.Random(seed)
    sentences = _sentences(seeds_dir)
    kept: list[list[str]] = []  # a window of recent documents to copy from
    for index in range(n_docs):
        if index % 50 == 0 and kept:
            body = list(rng.choice(kept))
        elif index % 50 == 25 and kept:
            body = list(rng.choice(kept))
            body[rng.randrange(len(body))] = rng.choice(sentences)
        else:
            body = rng.sample(sentences, rng.randint(4, 12))
        kept.append(body)
        if len(kept) > 1000:
            kept.pop(rng.randrange(len(kept)))
        text = "\n".join("".join(body[i:i + 3]) for i in range(0, len(body), 3))
        yield {"id": f"{index:07d}", "text": text}
