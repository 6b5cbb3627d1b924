"""Snapshot of everything the region family computes, to compare two versions of it (a speed change
must give the same answers): per document, ``infer_region`` on its non-blank lines (unit,
province, confidence, shares, reason and every piece of evidence), the document's inference with
its title and chrome, the report's region block, and every region rule's findings with a right and
a wrong manifest declaration.

Documents: every corpus text (``--corpus``: all splits, the generated batches), the excerpts of
``tests/fixtures/real_regions``, the written fixtures, the seeds and 300 reports of
``bench/corpus.py``; each also from a line in its middle and in traditional script. Run it with each version's interpreter and compare the files::

    python bench/region_snapshot.py --out /tmp/before.jsonl   # e.g. in a venv of the base commit
    python bench/region_snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

``--golden`` writes the repository documents' rows in short (answer, confidence, a digest of the
rest) to ``tests/fixtures/region_snapshot.jsonl``, which ``tests/test_region_snapshot.py`` compares
against: a change meant to be only faster must leave it as it is; one meant to change answers
rewrites it (and says so).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document, ManifestEntry  # noqa: E402
from scrapegate.checks.registry import BatchRule  # noqa: E402
from scrapegate.rules.region.gazetteer import gazetteer  # noqa: E402
from scrapegate.rules.region.inference import (  # noqa: E402
    Inference,
    document_inference,
    document_region,
    infer_region,
)
from scrapegate.rules.region.rules import RULES  # noqa: E402


def repository_documents() -> list[tuple[str, str]]:
    """(key, text) of the repository's own documents: excerpts, written fixtures, seeds."""
    out = [(f"real/{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "tests" / "fixtures" / "real_regions").glob("*.txt"))]
    from region_fixtures import CASES, HARD_CASES
    out += [(f"fixture/{c.key}", c.text) for c in [*CASES, *HARD_CASES]]
    out += [(f"seed/{p.name}", Document.from_bytes(p.name, p.read_bytes()).text)
            for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return out


def documents(corpus: Path) -> list[tuple[str, str]]:
    """(key, text) of every document the snapshot covers."""
    out = []
    texts = corpus / "texts"
    if texts.is_dir():
        out += [(f"corpus/{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(texts.glob("*.txt"))]
    for batch in sorted(corpus.glob("generated*.jsonl")):
        for line in batch.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            out.append((f"{batch.stem}/{item['id']}", item["text"]))
    out += repository_documents()
    from corpus import generate_corpus
    with tempfile.TemporaryDirectory() as tmp:
        written = generate_corpus(Path(tmp), 300, seed=7)
        paths = [Path(tmp) / getattr(item, "path", item) for item in written]
        out += [(f"generated-reports/{p.name}", Document.from_bytes(p.name, p.read_bytes()).text)
                for p in sorted(paths) if p.is_file()]
    return out


def variants(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """More shapes of the same texts: each from a line in its middle (names near the text's start,
    cut contexts) and in traditional script (OpenCC ``s2t``)."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    out = []
    for key, text in items:
        lines = text.splitlines(keepends=True)
        out.append((f"{key}#tail", "".join(lines[len(lines) // 2:])))
        out.append((f"{key}#traditional", to_traditional.convert(text)))
    return out


def inference_row(inference: Inference) -> dict:
    return {"adcode": inference.adcode, "province": inference.province,
            "confidence": inference.confidence, "shares": inference.province_shares,
            "self": inference.self_referenced, "reason": inference.reason,
            "evidence": [list(ev) for ev in inference.evidence]}


def wrong_declaration(key: str) -> str:
    gaz = gazetteer()
    provinces = sorted(c for c, u in gaz.units.items() if u.level == 1)
    return gaz.unit(provinces[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
                              % len(provinces)]).name


def snapshot(items: list[tuple[str, str]]) -> list[dict]:
    rows = []
    plain = [Document.from_text(key, text) for key, text in items]
    for doc in plain:
        lines = [(line.start, line.text) for line in doc.lines if not line.is_blank]
        rows.append({"key": doc.path, "lines": inference_row(infer_region(lines))})
    ctx = BatchContext.build(plain)
    for row, doc in zip(rows, plain):
        row["document"] = inference_row(document_inference(doc, ctx))
        row["region"] = document_region(doc, ctx)
    for variant in ("right", "wrong"):
        declared = []
        for row, doc in zip(rows, plain):
            inferred = row["document"]["province"]
            region = inferred if variant == "right" and inferred else wrong_declaration(doc.path)
            declared.append(Document.from_text(doc.path, doc.text,
                                               manifest=ManifestEntry(region=region)))
        ctx = BatchContext.build(declared)
        for row, doc in zip(rows, declared):
            findings = []
            for cls in RULES:
                rule = cls()
                if isinstance(rule, BatchRule):
                    continue  # RG004 reads document_inference only
                findings += [[f.code, str(f.severity), f.message, f.span and [f.span.start, f.span.end],
                              f.details] for f in rule.check(doc, ctx)]
            row[variant] = {"declared": doc.manifest.region, "findings": findings}
    return rows


def encoded(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def compact(row: dict) -> dict:
    """A row of :data:`GOLDEN`: the key, the answer in clear, a digest of everything."""
    document = row["document"]
    return {"key": row["key"], "adcode": document["adcode"], "confidence": document["confidence"],
            "digest": hashlib.sha256(encoded(row).encode("utf-8")).hexdigest()[:16]}


GOLDEN = ROOT / "tests" / "fixtures" / "region_snapshot.jsonl"


def golden_rows() -> list[dict]:
    """:func:`compact` rows of the repository's own documents and their variants."""
    items = repository_documents()
    return [compact(row) for row in snapshot(items + variants(items))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("--out", help="write the snapshot of every document here")
    parser.add_argument("--golden", action="store_true",
                        help=f"write the repository documents' compact rows to {GOLDEN.relative_to(ROOT)}")
    args = parser.parse_args()
    if args.golden:
        GOLDEN.write_text("".join(encoded(row) + "\n" for row in golden_rows()), encoding="utf-8")
        print(f"-> {GOLDEN}")
    if args.out:
        items = documents(Path(args.corpus))
        rows = snapshot(items + variants(items))
        with open(args.out, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(encoded(row) + "\n")
        print(f"{len(rows)} documents -> {args.out}")


if __name__ == "__main__":
    main()
