"""Pack formats: read throughput of each input format, and the cost of the pipeline outputs.

Generates N UTF-8 documents from the seed-sentence corpus (bench/corpus.py), writes them as JSONL,
JSONL.gz, JSONL.zst, Parquet and WARC.gz, then measures in one run, per core (process CPU time):

* reading each pack into records (``read_pack``), against the floor of reading the plain JSONL file's
  bytes and ``json.loads`` of each line;
* ``check`` with the encoding rules only (so that the formats' own cost shows), one process, on the
  ``.jsonl.gz`` pack (and the Parquet one for its cleaned copy): no reports written, then each
  output: per-file JSON reports, one JSONL reports file (``--report-format jsonl``), the findings
  on stdout as JSONL (``--output-format jsonl``), ``--write-clean`` (the pack in its own format)
  and ``--attributes``; each against the check without outputs in the same run.

    python bench/bench_formats.py [N_DOCS]
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SEEDS, _sentences  # noqa: E402

from scrapegate.checks.api import check_paths  # noqa: E402
from scrapegate.checks.packs import read_pack  # noqa: E402


def generate_texts(n_docs: int, seed: int = 0) -> list[str]:
    """3-15 KB documents of shuffled seed sentences (the character statistics of real reports); every
    fourth has a U+FFFD and a zero-width space in a paragraph (EN004, EN005), so that the outputs
    have findings to carry."""
    rng = random.Random(seed)
    sentences = _sentences(SEEDS)
    texts = []
    for n in range(n_docs):
        paragraphs = ["".join(rng.sample(sentences, rng.randint(2, 8))) for _ in range(rng.randint(4, 20))]
        if n % 4 == 0:
            at = rng.randrange(len(paragraphs))
            paragraphs[at] = paragraphs[at][:20] + "\ufffd" + paragraphs[at][20:40] + "\u200b" + paragraphs[at][40:]
        texts.append("\n\n".join(paragraphs))
    return texts


def cpu(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def main(n_docs: int = 2000) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    import zstandard
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts = generate_texts(n_docs, seed=0)
    records = [{"id": str(i), "url": f"https://example.org/{i}.html", "text": t} for i, t in enumerate(texts)]
    raw = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "p.jsonl").write_bytes(raw)
        (folder / "p.jsonl.gz").write_bytes(gzip.compress(raw))
        (folder / "p.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
        pq.write_table(pa.Table.from_pylist(records), folder / "p.parquet", row_group_size=1024)
        with open(folder / "p.warc.gz", "wb") as out:
            writer = WARCWriter(out, gzip=True)
            for r in records:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")],
                                        protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    r["url"], "response", payload=io.BytesIO(r["text"].encode("utf-8")), http_headers=http))
        floor = cpu(lambda: [json.loads(line) for line in (folder / "p.jsonl").read_bytes().splitlines()])
        print(f"{n_docs} documents, {mb:.1f} MB of text; per core (process CPU time)")
        print(f"{'input':<14}{'read MB/s':>10}{'vs floor':>10}")
        print(f"{'floor':<14}{mb / floor:>10.1f}{'1.00x':>10}   (read bytes + json.loads per line)")
        for name in ("p.jsonl", "p.jsonl.gz", "p.jsonl.zst", "p.parquet", "p.warc.gz"):
            seconds = cpu(lambda: read_pack(folder / name, name, name))
            records_read, errors = read_pack(folder / name, name, name)
            assert len(records_read) == n_docs and not errors, (name, len(records_read), errors[:2])
            print(f"{name:<14}{mb / seconds:>10.1f}{floor / seconds:>9.2f}x")
        print(f"\n{'check (EN rules, 1 job)':<44}{'MB/s':>8}{'vs floor':>10}{'output costs':>14}")
        check_paths([str(folder / "p.jsonl.gz")], select=["EN"], jobs=1, write_reports=False)  # warm-up
        bare = 0.0
        for label, pack, extra in (
                ("jsonl.gz, no output written", "p.jsonl.gz", {"write_reports": False}),
                ("+ per-file JSON reports", "p.jsonl.gz", {"report_dir": folder / "r1"}),
                ("+ --report-format jsonl", "p.jsonl.gz", {"report_dir": folder / "r2", "report_format": "jsonl"}),
                ("+ --output-format jsonl (stdout)", "p.jsonl.gz", {"cli": "jsonl"}),
                ("+ --write-clean (jsonl.gz)", "p.jsonl.gz", {"write_reports": False, "write_clean": folder / "c1"}),
                ("+ --attributes", "p.jsonl.gz", {"write_reports": False, "attributes": folder / "a1"}),
                ("parquet, no output written", "p.parquet", {"write_reports": False}),
                ("+ --write-clean (parquet)", "p.parquet", {"write_reports": False, "write_clean": folder / "c2"}),
        ):
            if "cli" in extra:
                seconds = cpu(lambda: _cli_jsonl(folder / pack, folder / "r3"))
            else:
                seconds = cpu(lambda: check_paths([str(folder / pack)], select=["EN"], jobs=1, **extra))
            if label.endswith("no output written"):
                bare = seconds
            share = "" if label.endswith("no output written") else f"{(seconds - bare) / bare:+13.0%}"
            print(f"{label:<44}{mb / seconds:>8.1f}{floor / seconds:>9.3f}x{share:>14}")


def _cli_jsonl(pack: Path, report_dir: Path) -> None:
    """``scrapegate check PACK --select EN --jobs 1 --output-format jsonl`` in this process, stdout
    captured (the findings stream: one JSON object a line)."""
    import contextlib

    from scrapegate.checks.cli import main as cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        cli(["check", str(pack), "--select", "EN", "--jobs", "1", "--output-format", "jsonl", "--quiet",
             "--fail-on", "never", "--report-dir", str(report_dir)])
    assert out.getvalue().count("\n") > 0


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
