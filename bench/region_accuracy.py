"""Accuracy and speed of the region inference: the labelled corpus split, the repository's
excerpts and fixtures, and MB/s per core against a read+decode baseline, in one run.

Corpus (``bench/corpora/region.jsonl`` and the fresh pages' ``region_fresh.jsonl``: URLs, labels,
split by site; texts in ``--corpus``, built by ``scripts/build_region_corpus.py``; rows without a
text are skipped and counted; the generated held-out batch of
``scripts/build_region_generated.py``, test split only; three tuning batches of other templates,
``scripts/build_region_generated_dev.py``, ``_dev2.py`` and ``_dev3.py``, dev split only), on
``--split`` (default test), real pages and generated batches reported apart and together:

* province accuracy among documents that name a unit so that its province can be told (a same-name
  district alone, 朝阳区 with nothing placing it, does not; an undeterminable answer counts as a miss),
  exact-unit and undeterminable counts, and confident wrong answers (a unit in another province,
  or any unit for a document that names none, at confidence >= 0.8);
* mismatch precision/recall: every document is declared twice through a manifest ``region`` --
  once right (its own province, or its own unit for every other document), once wrong (a
  same-name unit of another city when its unit has one, else another province chosen by a fixed
  hash) -- and RG001 is run, the right declarations in one batch and the others in a second (each
  text once per batch, as in the accuracy run): flagged = an RG001 error (the gate fails); RG001 warnings are
  counted apart. A wrong declaration of a document that names no unit cannot be detected: such
  documents only count against precision; precision is also given as in a batch where nine in
  ten declarations are right (each right declaration weighing nine times a wrong one);
* speed: ``infer_region`` on each document's non-blank lines (what the rules run after
  boilerplate removal) vs reading the same files, decoding them and splitting lines, MB/s of
  file bytes per core (CPU time of this process), on the corpus pages (short excerpts: per-document
  costs weigh most) and on 300 generated reports (bench/corpus.py, 3-15 KB).

Counts, per document of the repository sets: exact unit right, province right, wrong and
undeterminable. A wrong answer is much worse than an undeterminable one. Run:

    python bench/region_accuracy.py [--split test|dev|train|all] [--corpus DIR] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document, ManifestEntry  # noqa: E402
from scrapegate.checks.decoding import decode  # noqa: E402
from scrapegate.checks.findings import Severity  # noqa: E402
from scrapegate.checks.textnorm import PINYIN_GLOSS  # noqa: E402
from scrapegate.rules.region.gazetteer import OFFSHORE, gazetteer, resolve_declared  # noqa: E402
from scrapegate.rules.region.inference import document_inference, infer_region, written_traditional  # noqa: E402
from scrapegate.rules.region.rules import DeclaredRegionMismatch  # noqa: E402
import build_region_corpus as _BUILDER  # noqa: E402

CORPUS_LABELS = ROOT / "bench" / "corpora" / "region.jsonl"
FRESH_SETS = tuple((labels, source) for labels, _, _, source in _BUILDER.FRESH_SETS)
"""Each later real-page set and the source its rows are read as (scripts/build_region_corpus.py's
FRESH_SETS, which names their text files too)."""
MEASURED_ONLY = _BUILDER.MEASURED_ONLY
"""The sources of the sets that are measured but not trained on (their train and dev pages too)."""

REAL = ROOT / "tests" / "fixtures" / "real_regions"


def real_cases() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in (REAL / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, adcode, province, url, note = line.split("\t")
        rows.append((name, (REAL / name).read_text(encoding="utf-8"), adcode, province, url))
    return rows


def judge(expected: str | None, got: str | None) -> str:
    gaz = gazetteer()
    if expected is None:
        return "exact" if got is None else "wrong"
    if got is None:
        return "undeterminable"
    if got == expected:
        return "exact"
    if gaz.related(got, expected):
        return "related"        # right line of descent, wrong depth
    if gaz.province(got).adcode == gaz.province(expected).adcode:
        return "province"       # right province, wrong unit
    return "wrong"


def evaluate(name: str, docs: list[tuple[str, str, str | None, str | None]], verbose: bool,
             with_url: bool = False) -> None:
    gaz = gazetteer()
    documents = [Document.from_text(key, text,
                                    manifest=ManifestEntry(url=url) if url and with_url else None)
                 for key, text, _, url in docs]
    ctx = BatchContext.build(documents)
    tally: dict[str, int] = {}
    for doc, (key, _, expected, _) in zip(documents, docs):
        inference = document_inference(doc, ctx)
        verdict = judge(expected, inference.adcode)
        tally[verdict] = tally.get(verdict, 0) + 1
        if verbose and verdict != "exact":
            got = (f"{gaz.province(inference.adcode).name}{gaz.display_name(inference.adcode)}"
                   if inference.adcode else f"- ({inference.reason})")
            want = f"{gaz.province(expected).name}{gaz.display_name(expected)}" if expected else "-"
            print(f"  {verdict:14} {key:40} want {want:24} got {got} conf={inference.confidence}")
    n = len(docs)
    exact = tally.get("exact", 0)
    province_ok = exact + tally.get("related", 0) + tally.get("province", 0)
    print(f"{name}: {n} documents | exact {exact} ({exact / n:.0%}) | province right "
          f"{province_ok} ({province_ok / n:.0%}) | related {tally.get('related', 0)} | "
          f"undeterminable {tally.get('undeterminable', 0)} | wrong {tally.get('wrong', 0)}")


# -- the labelled corpus ------------------------------------------------------------------------
def label_adcode(label) -> str | None:
    """The adcode a corpus label names (None for "none"); the deepest unit the gazetteer knows."""
    gaz = gazetteer()
    if label == "none":
        return None
    if "adcode" in label:
        return label["adcode"]
    if "path" in label:
        found = resolve_declared(label["path"])
        if len(found) != 1:
            raise SystemExit(f"label {label['path']!r} resolves to {found}")
        return found[0]
    province = resolve_declared(label["province"])[0]
    county = label.get("county")
    inside = [c for c in (gaz.lookup(county) if county else []) if gaz.within(c, province)]
    return inside[0] if inside else province


def same_name_sibling(adcode: str) -> str | None:
    """Another unit with the same name in another province (鼓楼区 of 福州 for 南京's), if any."""
    gaz = gazetteer()
    name = gaz.unit(adcode).name
    others = [c for c in gaz.lookup(name) if gaz.unit(c).name == name
              and gaz.province(c).adcode != gaz.province(adcode).adcode]
    return min(others) if others else None


def other_province(adcode: str | None, key: str) -> str:
    gaz = gazetteer()
    provinces = sorted(c for c, u in gaz.units.items() if u.level == 1
                       and (adcode is None or c != gaz.province(adcode).adcode))
    return provinces[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % len(provinces)]


def names_province(text: str, adcode: str) -> bool:
    """Does the text name its unit so that its province can be told: some name of the unit, an
    ancestor or a part of it whose every unit lies in that province? 朝阳区 alone (北京 or 长春)
    and 东区 alone (香港 or 攀枝花) do not; 长春市朝阳区, 朝阳区 with 长春 elsewhere, do. A name a Taiwan
    (Hong Kong, Macao) unit shares with a mainland one (連江縣: 馬祖's or 福州's; 金門縣, which the
    mainland's table also lists under 泉州; 東區 of 香港 and 攀枝花) is told by the script one way only:
    written in traditional script, it names the Taiwan (Hong Kong, Macao) unit of the pair (a 連江縣 page
    in traditional script with nothing else placing it names 馬祖's county), as the mainland writes in
    simplified; in simplified script it names neither (the mainland's sites repost Taiwan's and Hong
    Kong's news in simplified script). 台灣 or 福州 beside it tells it whatever the script."""
    gaz = gazetteer()
    # a pinyin gloss inside a name (內(nèi)蒙古) is read away by the inference, so here too
    normalized = gaz.normalize(PINYIN_GLOSS.sub("", text))
    province = gaz.province(adcode).adcode
    # the units of each name in the text of the unit, an ancestor or a part of it
    named = [units for surface, units in gaz._surfaces.items()
             if surface in normalized and any(code and gaz.related(code, adcode) for code in units)]
    if any(all(gaz.province(code).adcode == province for code in units if code) for units in named):
        return True
    return adcode.startswith(OFFSHORE) and written_traditional(text) and any(
        sum(1 for code in units if code and code.startswith(OFFSHORE)) == 1 for units in named)


def corpus_rows() -> list[dict]:
    """The labelled rows: ``region.jsonl`` and the fresh pages of ``region_fresh.jsonl``
    (source ``search-pages-fresh``), ``region_fresh2.jsonl`` (``search-pages-fresh2``) and so on
    (:data:`FRESH_SETS`)."""
    rows = [json.loads(line) for line in CORPUS_LABELS.read_text(encoding="utf-8").splitlines()]
    for labels, source in FRESH_SETS:
        if labels.is_file():
            rows += [{**json.loads(line), "source": source}
                     for line in labels.read_text(encoding="utf-8").splitlines()]
    return rows


def load_corpus(folder: Path, split: str) -> list[tuple[dict, str, str | None]]:
    """(row, text, the adcode the document names) for a split; None when the label is "none" or
    the text never names the labelled unit or an ancestor so that its province can be told (see
    :func:`names_province`). The generated held-out batch (``<corpus>/generated.jsonl``, written
    by scripts/build_region_generated.py) belongs to the test split; the generated tuning batch
    (``<corpus>/generated_dev.jsonl``, scripts/build_region_generated_dev.py, other templates),
    the second one (``<corpus>/generated_dev2.jsonl``, scripts/build_region_generated_dev2.py,
    other genres again) and the third (``generated_dev3.jsonl``, build_region_generated_dev3.py,
    the second's classes in other words) to the dev split."""
    rows = corpus_rows()
    out = []
    missing: dict[str, int] = {}
    for row in rows:
        if split != "all" and row["split"] != split:
            continue
        path = folder / "texts" / f"{row['id']}.txt"
        if not path.is_file():
            # a search-tool page whose text could not be restored: its label stays in the
            # repository, the document is not evaluated
            missing[row["source"]] = missing.get(row["source"], 0) + 1
            continue
        text = path.read_text(encoding="utf-8")
        adcode = label_adcode(row["label"])
        out.append((row, text, adcode if adcode and names_province(text, adcode) else None))
    if missing:
        print(f"({sum(missing.values())} labelled documents of split {split} have no text in "
              f"{folder / 'texts'} and are skipped: "
              + ", ".join(f"{n} {source}" for source, n in sorted(missing.items())) + ")")
    for name, batch_split in (("generated.jsonl", "test"), ("generated_dev.jsonl", "dev"),
                              ("generated_dev2.jsonl", "dev"), ("generated_dev3.jsonl", "dev")):
        generated = folder / name
        if split not in (batch_split, "all") or not generated.is_file():
            continue
        for line in generated.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            label = item["label"] if item["label"] == "none" else {"path": item["label"]}
            row = {"id": item["id"], "url": "", "site": "generated", "split": batch_split,
                   "source": "generated", "label": label, "note": item["genre"]}
            adcode = label_adcode(label)
            out.append((row, item["text"],
                        adcode if adcode and names_province(item["text"], adcode) else None))
    return out


def evaluate_corpus(docs: list[tuple[dict, str, str | None]], verbose: bool,
                    with_url: bool = False) -> None:
    """Province accuracy, per class, then RG001 on the declarations; ``with_url``: each page with
    its URL as the manifest's (the host is a cue for the body's answer), accuracy only."""
    gaz = gazetteer()
    documents = [Document.from_text(row["id"], text, manifest=ManifestEntry(url=row["url"])
                                    if with_url and row.get("url") else None)
                 for row, text, _ in docs]
    ctx = BatchContext.build(documents)
    named = right = exact = undetermined = 0
    confident_wrong = []
    # per class (a fresh page's kind: same-name, ordinary-word, hong-kong ...; and every page whose
    # province is named once by a short name, left undeterminable or answered weakly):
    # documents, naming their unit, province right, undeterminable, confident wrong
    classes: dict[str, list[int]] = {}
    for doc, (row, _, expected) in zip(documents, docs):
        inference = document_inference(doc, ctx)
        got = inference.adcode
        kinds = [row["kind"]] if row.get("kind") else []
        if "is named once, by a short name" in inference.reason:
            # undeterminable (in passing) or answered weakly (backed by a second cue)
            kinds.append("named once by a short name")
        for kind in kinds:
            tally = classes.setdefault(kind, [0, 0, 0, 0, 0])
            tally[0] += 1
            if expected is not None:
                tally[1] += 1
                tally[2] += got is not None and (gaz.province(got).adcode
                                                 == gaz.province(expected).adcode)
                tally[3] += got is None
            wrong_unit = got is not None and (expected is None or gaz.province(got).adcode
                                              != gaz.province(expected).adcode)
            tally[4] += wrong_unit and inference.confidence >= 0.8
        if expected is None:
            if got is not None and inference.confidence >= 0.8:
                confident_wrong.append((row, expected, inference))
            elif verbose and got is not None:
                print(f"  guessed   {row['id']:10} want -   got {gaz.display_name(got)} "
                      f"conf={inference.confidence}")
            continue
        named += 1
        if got is None:
            undetermined += 1
            if verbose:
                print(f"  undet     {row['id']:10} want {gaz.province(expected).name}"
                      f"{gaz.display_name(expected)}: {inference.reason}")
            continue
        if gaz.province(got).adcode == gaz.province(expected).adcode:
            right += 1
            exact += got == expected
        else:
            if inference.confidence >= 0.8:
                confident_wrong.append((row, expected, inference))
            if verbose:
                print(f"  WRONG     {row['id']:10} want {gaz.province(expected).name}"
                      f"{gaz.display_name(expected)} got {gaz.province(got).name}"
                      f"{gaz.display_name(got)} conf={inference.confidence}")
    sites = {row["site"] for row, _, _ in docs}
    provinces = {gaz.province(e).adcode for _, _, e in docs if e}
    labelled = {gaz.province(a).adcode for row, _, _ in docs if (a := label_adcode(row["label"]))}
    print(f"corpus: {len(docs)} documents from {len(sites)} sites, {len(labelled)} provinces "
          f"labelled ({len(provinces)} named); {named} name their unit so that its province can "
          "be told (the others are labelled none, never name it, or name only a same-name unit)")
    print(f"  province accuracy among documents that name a unit: {right}/{named} = "
          f"{right / max(named, 1):.3f} (exact unit {exact}, undeterminable {undetermined})")
    print(f"  confident (>= 0.8) wrong answers: {len(confident_wrong)}")
    for row, expected, inference in confident_wrong:
        best = inference.best_evidence(gaz)
        print(f"    {row['id']}: want {gaz.display_name(expected) if expected else '-'} got "
              f"{gaz.display_name(inference.adcode)} ({inference.confidence}) from "
              f"'{best.surface if best else '?'}'")
    for kind, (n, named_k, right_k, undet_k, wrong_k) in sorted(classes.items()):
        print(f"  class {kind}: {n} documents, {named_k} name their unit: province right "
              f"{right_k}, undeterminable {undet_k}; confident wrong {wrong_k}")
    if with_url:
        return
    evaluate_mismatch(docs, verbose)
    if any(row.get("declared") for row, _, _ in docs):
        evaluate_declared(docs, verbose)


def evaluate_declared(docs: list[tuple[dict, str, str | None]], verbose: bool) -> None:
    """RG001 on the manifest declarations written by hand for ``region_fresh2.jsonl`` and the
    later fresh sets (row
    ``declared``: the region, whether it is right, and for a wrong one why it is a plausible
    mistake: a same-name unit elsewhere, a visitor's or a reposting site's region, an ordinary
    word read as a county). Counted on documents that name their unit; a wrong declaration in
    the page's own province (a sibling county) is counted apart."""
    gaz = gazetteer()
    rule = DeclaredRegionMismatch()
    chosen = [(row, text, expected) for row, text, expected in docs
              if row.get("declared") and expected is not None]
    documents = [Document.from_text(f"{row['id']}#declared", text,
                                    manifest=ManifestEntry(region=row["declared"]["region"]))
                 for row, text, _ in chosen]
    ctx = BatchContext.build(documents)
    tally = {key: [0, 0] for key in ("right", "wrong, other province", "wrong, same province")}
    for doc, (row, _, expected) in zip(documents, chosen):
        declared = row["declared"]
        if declared["right"]:
            key = "right"
        else:
            code = resolve_declared(declared["region"])[0]
            same = gaz.province(code).adcode == gaz.province(expected).adcode
            key = "wrong, same province" if same else "wrong, other province"
        error = any(f.severity == Severity.ERROR for f in rule.check(doc, ctx))
        tally[key][0] += 1
        tally[key][1] += error
        if verbose and error == declared["right"]:
            print(f"  {'FP' if error else 'FN'}  {row['id']:10} declared {declared['region']}"
                  + (f" ({declared['why']})" if not declared["right"] else ""))
    print("  hand-written declarations (RG001 errors): " + "; ".join(
        f"{key} {flagged}/{n}" for key, (n, flagged) in tally.items()))


def evaluate_mismatch(docs: list[tuple[dict, str, str | None]], verbose: bool) -> None:
    gaz = gazetteer()
    rule = DeclaredRegionMismatch()
    # two batches, each holding every text once (as the accuracy run's): the right declarations,
    # and the other one of each document; one batch holding each text twice would make every line
    # of a page recur in two documents, and the chrome analysis read the whole body as template
    cases = []
    for n, (row, text, expected) in enumerate(docs):
        if expected is not None:
            own = gaz.province(expected) if n % 2 == 0 else gaz.unit(expected)
            cases.append((row, text, own.adcode, False, 0))
            wrong = same_name_sibling(expected) or other_province(expected, row["id"])
        else:
            wrong = other_province(None, row["id"])
        cases.append((row, text, wrong, expected is not None, 1))
    documents = [Document.from_text(f"{row['id']}#{i}", text, manifest=ManifestEntry(
        region=gaz.province(code).name + gaz.display_name(code) if gaz.unit(code).level > 1
        else gaz.unit(code).name)) for i, (row, text, code, _, _) in enumerate(cases)]
    contexts = [BatchContext.build(doc for doc, case in zip(documents, cases) if case[4] == batch)
                for batch in (0, 1)]
    tp = fp = fn = warned_wrong = warned_right = 0
    for doc, (row, _, _code, is_wrong, batch) in zip(documents, cases):
        findings = list(rule.check(doc, contexts[batch]))
        error = any(f.severity == Severity.ERROR for f in findings)
        warned = bool(findings) and not error
        if is_wrong:
            tp += error
            fn += not error
            warned_wrong += warned
        else:
            fp += error
            warned_right += warned
        if verbose and error != is_wrong:
            print(f"  {'FP' if error else 'FN'}  {row['id']:10} declared {doc.manifest.region}"
                  f"{' (warning)' if warned else ''}")
    wrong_total = tp + fn
    print(f"  mismatch (RG001 error): {len(cases)} declarations, {wrong_total} wrong on documents "
          f"that name a unit; precision {tp}/{tp + fp} = {tp / max(tp + fp, 1):.3f}, recall "
          f"{tp}/{wrong_total} = {tp / max(wrong_total, 1):.3f}; RG001 warnings: "
          f"{warned_wrong} on wrong, {warned_right} on right declarations")
    # a batch where nine in ten declarations are right: the same findings, each right
    # declaration weighing nine times a wrong one (recall does not change)
    rights = len(cases) - wrong_total
    tpr, fpr = tp / max(wrong_total, 1), fp / max(rights, 1)
    print(f"  mismatch as in a batch with 9 in 10 declarations right: precision "
          f"{0.1 * tpr / max(0.1 * tpr + 0.9 * fpr, 1e-9):.3f} ({fp} errors on {rights} right "
          "declarations)")


def speed(label: str, paths: list[Path], repeat: int = 3) -> None:
    """MB/s per core (CPU time of this process, so other load on the machine does not count) of
    region inference over the files' non-blank lines, against reading and decoding the same
    files and splitting their lines, in the same run."""
    docs = [Document.from_bytes(p.name, p.read_bytes()) for p in paths]
    prepared = [[(line.start, line.text) for line in doc.lines if not line.is_blank]
                for doc in docs]
    size = sum(p.stat().st_size for p in paths) / 1e6
    infer_region(prepared[0])  # load the gazetteer and patterns

    def best(func, items) -> float:
        times = []
        for _ in range(repeat):
            start = time.process_time()
            for item in items:
                func(item)
            times.append(time.process_time() - start)
        return min(times)

    base = best(lambda path: decode(path.read_bytes()).text.splitlines(), paths)
    infer = best(infer_region, prepared)
    print(f"speed, {label}: {len(paths)} files, {size / len(paths) * 1000:.1f} KB on average: "
          f"read+decode baseline {size / base:.0f} MB/s, region inference {size / infer:.1f} "
          f"MB/s per core")


def speed_runs(folder: Path) -> None:
    from corpus import generate_corpus  # bench/corpus.py: reports recombined from the seeds

    speed("corpus pages", sorted((folder / "texts").glob("*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        written = generate_corpus(Path(tmp), 300, seed=7)
        paths = [Path(tmp) / getattr(item, "path", item) for item in written]
        speed("generated reports", [p for p in paths if p.is_file()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test", "all"])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("-v", dest="verbose", action="store_true")
    parser.add_argument("--no-speed", dest="speed", action="store_false", help="skip the speed runs")
    args = parser.parse_args()
    verbose = args.verbose
    folder = Path(args.corpus)
    if (folder / "texts").is_dir():
        docs = load_corpus(folder, args.split)
        real_pages = [d for d in docs if d[0]["source"] != "generated"]
        generated = [d for d in docs if d[0]["source"] == "generated"]
        fresh_sources = {source for _, source in FRESH_SETS}
        print(f"== corpus split: {args.split}, real pages")
        evaluate_corpus(real_pages, verbose)
        print(f"== corpus split: {args.split}, real pages with their URL in the manifest (its host a cue)")
        evaluate_corpus(real_pages, verbose, with_url=True)
        if any(d[0]["source"] in fresh_sources for d in real_pages):
            print(f"== corpus split: {args.split}, real pages restored from earlier sessions")
            evaluate_corpus([d for d in real_pages if d[0]["source"] not in fresh_sources], verbose)
        for labels, source in FRESH_SETS:
            fresh = [d for d in real_pages if d[0]["source"] == source]
            if fresh:
                print(f"== corpus split: {args.split}, fresh real pages of {labels.name}")
                evaluate_corpus(fresh, verbose)
        if generated:
            print(f"== corpus split: {args.split}, generated batch")
            evaluate_corpus(generated, verbose)
            print(f"== corpus split: {args.split}, real pages and generated batch together")
            evaluate_corpus(docs, False)
        if args.speed:
            speed_runs(folder)
    real = [(name, text, adcode, url) for name, text, adcode, _, url in real_cases()]
    evaluate("real documents (tuned on)", [r for r in real if not r[0].startswith("h")], verbose)
    evaluate("real documents (held out)", [r for r in real if r[0].startswith("h")], verbose)
    from region_fixtures import CASES, HARD_CASES, SEED_EXPECTED
    fixtures = [(c.key, c.text, c.adcode, None) for c in [*CASES, *HARD_CASES]]
    evaluate("written fixtures", fixtures, verbose)
    seeds = [(p.name, Document.from_bytes(p.name, p.read_bytes()).text,
              SEED_EXPECTED[p.name][0], None) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    evaluate("seeds", seeds, verbose)


if __name__ == "__main__":
    main()
