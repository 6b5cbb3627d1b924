"""Benchmark guard for speed work on any rule family: dump its findings and fields, diff two dumps.

    python bench/family_findings_diff.py dump OUT.jsonl --family TR [--generated 300] [--corpus DIR ...]
    python bench/family_findings_diff.py dump 'OUT-{family}.jsonl' --family BP,SP,TR,RG,DU,EN ...
    python bench/family_findings_diff.py compare OLD.jsonl NEW.jsonl

Run ``dump`` with each tree's venv (before and after a change), then ``compare``: every finding of
the family (code, severity, message, span, excerpt, details) and what the family adds to the
report (``document.region``: unit, province, confidence) must be identical. The documents go
through the engine's pass 2 (``runner.analyse_documents``, then each batch rule's ``check_batch``
over the batch). Inputs: the seed reports as one batch; every case of the repository's rule files
(``tests/rules/*.toml``: written with its batch as ``tests/test_rule_cases.py`` writes them, read
back as a check reads them; a case's config, index batch and expected region are not applied); the
repository's fixture texts (``tests/fixtures``); the shared corpus (/work/shared/corpus/texts) each page alone and all as one
batch; ``--generated`` reports (``bench/corpus.py``) in batches of 50; the region corpus's generated
batches with their labels as the manifest's region (``region/generated*.jsonl`` under a ``--corpus``
folder) and every text and HTML file under each ``--corpus`` folder alone, read as a check reads it
(/work/corpora/truncation/texts, /work/corpora/region/texts).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapegate.checks import runner
from scrapegate.checks.api import build_rules
from scrapegate.checks.config import Config
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.errors import InputError
from scrapegate.checks.inputs import discover, read_document
from scrapegate.checks.manifest import load_manifest
from scrapegate.checks.outputs import resolved
from scrapegate.checks.registry import BatchRule, all_rules, families

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import findings_dump  # noqa: E402  (this script's folder)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus/texts")
Batch = tuple[str, list[Document]]


def _doc(key: str, text: str, case: dict[str, Any] | None = None) -> Document:
    fields = {k: case[k] for k in ("url", "title", "region") if case and k in case}
    return Document.from_text(key, text, manifest=ManifestEntry(**fields) if fields else None)


def _case_batches() -> Iterator[Batch]:
    """Each case's documents written as ``tests/test_rule_cases.py`` writes them (raw bytes in the
    case's codec, its file names and manifest) and read back as a check reads them."""
    import test_rule_cases as cases  # tests/ (bench runs from a checkout)

    extensions = Config().extensions
    for path in sorted((ROOT / "tests" / "rules").glob("*.toml")):
        for kind, found in cases.load(path.stem).items():
            for n, case in enumerate(found):
                with tempfile.TemporaryDirectory() as tmp:
                    folder, manifest = Path(tmp) / "docs", Path(tmp) / "manifest.jsonl"
                    cases._write(folder, cases._documents(case), manifest)
                    entries = load_manifest(manifest)[0] if manifest.exists() else {}
                    items, errors = discover([str(folder)], extensions)
                    if errors:
                        raise SystemExit(f"{path.name} {kind} {n}: {errors}")
                    docs = []
                    for at in range(len(items)):
                        items.set_manifest(at, entries.get(resolved(items[at].path)))
                        docs.append(read_document(items[at], 1 << 26))
                yield f"case/{path.stem}/{kind}/{n}", docs


def _batches(generated: int, corpora: list[Path]) -> Iterator[Batch]:
    yield "seeds", [_doc(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    yield from _case_batches()
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        yield f"fixture/{path.relative_to(ROOT / 'tests' / 'fixtures')}", [_doc(path.name, path.read_text("utf-8"))]
    if SHARED.is_dir():
        shared = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(SHARED.iterdir())]
        yield "shared-batch", [_doc(k, t) for k, t in shared]
        for k, t in shared:
            yield f"shared/{k}", [_doc(k, t)]
    if generated:
        from corpus import generate_corpus

        with tempfile.TemporaryDirectory() as tmp:
            generate_corpus(tmp, generated)
            items, _ = discover([tmp], ("txt",))
            docs = [read_document(item, 1 << 26) for item in items]
        for at in range(0, len(docs), 50):
            yield f"generated/{at}", docs[at:at + 50]
    for folder in corpora:
        for path in sorted(folder.parent.glob("generated*.jsonl")) if folder.name == "texts" else []:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            yield path.name, [_doc(f"{r['id']}.txt", r["text"], {"region": r["label"]}) for r in rows]
        items, _ = discover([str(folder)], ("txt", "html", "htm"))
        for item in items:  # as a check reads them: bytes decoded, HTML pages parsed
            try:
                doc = read_document(item, 1 << 26)
            except InputError as exc:  # a check reports it as an input error: no rule reads it
                print(f"skipped (input error): {exc}", file=sys.stderr)
                continue
            yield f"{folder}/{item.key}", [doc]


def _records(docs: list[Document], rules: list[Any], fields: set[str]) -> Iterator[dict[str, Any]]:
    ctx = BatchContext.build(docs)
    results = runner.analyse_documents(docs, rules, ctx)
    by_key = {doc.key: doc for doc in docs}
    batch_found: dict[str, list[dict]] = {doc.key: [] for doc in docs}
    for rule in rules:
        if isinstance(rule, BatchRule):
            payloads = {r.document.key: r.payloads[rule.code] for r in results if rule.code in r.payloads}
            for key, finding in rule.check_batch(by_key, payloads, ctx):
                batch_found[key].append(finding.to_json())
    for result in results:
        yield {"doc": result.document.key,
               "findings": [f.to_json() for f in result.findings] + batch_found[result.document.key],
               "fields": {k: v for k, v in result.described.items() if k in fields},
               "crashes": [str(c) for c in result.crashes]}


def dump(out: Path, family: str, generated: int, corpora: list[Path]) -> None:
    """``family``: one prefix, or several comma-separated: then their rules run together in one pass, as
    in a check of those families (the analyses they share paid once), and ``out`` (holding ``{family}``)
    becomes one dump per family, each with its own findings and fields."""
    wanted = family.split(",")
    chosen = {f.prefix: f for f in families(include_plugins=False) if f.prefix in wanted}
    if len(chosen) != len(wanted):
        raise SystemExit(f"unknown family in {family!r}")
    if len(wanted) > 1 and "{family}" not in str(out):
        raise SystemExit("several families: OUT must hold {family}")
    rules = build_rules(Config(), all_rules(), wanted, [])
    fields = {prefix: set(f.document_defaults) for prefix, f in chosen.items()}
    handles = {prefix: Path(str(out).replace("{family}", prefix)).open("w", encoding="utf-8") for prefix in wanted}
    try:
        for name, docs in _batches(generated, corpora):
            for record in _records(docs, rules, set().union(*fields.values())):
                for prefix, handle in handles.items():
                    own = {**record, "findings": [f for f in record["findings"] if f["code"].startswith(prefix)],
                           "fields": {k: v for k, v in record["fields"].items() if k in fields[prefix]}}
                    handle.write(json.dumps({"batch": name, **own}, ensure_ascii=False, sort_keys=True) + "\n")
    finally:
        for handle in handles.values():
            handle.close()


def main() -> None:
    parser, sub = findings_dump.commands(__doc__.split("\n")[0])
    sub.choices["dump"].add_argument("--family", required=True, help="the family prefix: TR, RG, DU, PV …; or several, comma-separated (one pass)")
    sub.choices["dump"].add_argument("--corpus", type=Path, action="append", default=[],
                                     help="a folder of texts, each checked alone (repeatable)")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.family, args.generated, args.corpus)
    else:
        sys.exit(findings_dump.compare(args.old, args.new, "family"))


if __name__ == "__main__":
    main()
