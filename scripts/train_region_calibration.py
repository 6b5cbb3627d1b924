#!/usr/bin/env python3
"""Train the region inference's calibration: the probability that the body's leading province is
the document's, from the features of its evidence (``inference.FEATURES``).

Data: the region corpus's train and dev splits (``bench/corpora/region.jsonl`` with texts in
``--corpus``, built by scripts/build_region_corpus.py; the test split and the generated batch are
never read). Each document whose body has a leading province gives one example: positive when
that province is the labelled one, negative when it is not or the document is labelled ``none``.
Real pages rarely name other places without naming their own, so the negatives are completed by
masked copies: each labelled document again with every name of its own province's units blotted
out (□), so that what leads is a passing mention of somewhere else. A masked copy weighs
``--masked-weight`` (the share of such documents among real ones is unknown). 0.25 was chosen on
the dev split (real pages and the generated tuning batch of build_region_generated_dev.py)
with the model fitted on train alone: 0.1 answers documents that name no unit (0.63), 0.5 and
1.0 leave more documents that name their unit once undeterminable (dev accuracy 0.987 at
0.25, 0.981 at 0.5, 0.881 at 1.0; no confident wrong answer at any).

Then the mismatch model, on the same documents with the new calibration: each document is
declared right (its province, its unit) and wrong (a same-name unit elsewhere, three other
provinces chosen by a hash of its id), and every declaration the inference contradicts is an
example: positive when the declaration is wrong. Writes rules/data/region_mismatch.json.

Model: logistic regression, L2 penalty ``--l2``, full-batch gradient descent from zeros (no
randomness: the same data gives the same weights). Writes rules/data/region_calibration.json and
prints the fit's log loss and, per confidence band, how many leaders were right.

    python scripts/train_region_calibration.py [--corpus /work/corpora/region]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import hashlib  # noqa: E402

from region_accuracy import CORPUS_LABELS, label_adcode, same_name_sibling  # noqa: E402
from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.region.gazetteer import gazetteer  # noqa: E402
from scrapegate.rules.region import inference as region_inference  # noqa: E402
from scrapegate.rules.region.inference import (  # noqa: E402
    FEATURES,
    MISMATCH_FEATURES,
    Declared,
    evidence_lines,
    infer_region,
    mismatch_features,
    with_title,
)
from scrapegate.rules.segmentation import document_title  # noqa: E402

OUT = ROOT / "rules" / "data" / "region_calibration.json"
MISMATCH_OUT = ROOT / "rules" / "data" / "region_mismatch.json"


def leader(lines: list[tuple[int, str]], plain: list[tuple[int, int]]
           ) -> tuple[str, tuple[float, ...]] | None:
    trace: list[tuple[str, tuple[float, ...]]] = []
    infer_region(lines, trace=trace, plain=plain)
    return trace[0] if trace else None


def masked(lines: list[tuple[int, str]], province: str) -> list[tuple[int, str]]:
    """The lines with every name of a unit of ``province`` blotted out (same length)."""
    gaz = gazetteer()
    out = []
    for offset, text in lines:
        normalized = gaz.normalize(text)
        chars = list(text)
        for m in gaz.mentions(text, normalized):
            if any(gaz.province(c).adcode == province for c in m.candidates):
                chars[m.start:m.end] = "□" * (m.end - m.start)
        out.append((offset, "".join(chars)))
    return out


def corpus(folder: Path, splits: tuple[str, ...]) -> tuple[list[dict], list[Document], BatchContext]:
    rows = [json.loads(line) for line in CORPUS_LABELS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["split"] in splits]
    docs = [Document.from_text(r["id"], (folder / "texts" / f"{r['id']}.txt").read_text(encoding="utf-8"))
            for r in rows]
    return rows, docs, BatchContext.build(docs)


def labelled(folder: Path, splits: tuple[str, ...]) -> Iterator[tuple[str, str | None, Document, BatchContext]]:
    """(id, labelled unit's adcode or None, document, the batch's context) of every document."""
    rows, docs, ctx = corpus(folder, splits)
    for row, doc in zip(rows, docs):
        yield row["id"], label_adcode(row["label"]), doc, ctx


def arrays(rows: list[tuple[tuple[float, ...], float, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (features, target, weight) examples as the three arrays ``fit`` takes."""
    return (np.array([x for x, _, _ in rows]), np.array([y for _, y, _ in rows]),
            np.array([w for _, _, w in rows]))


def examples(folder: Path, masked_weight: float, splits: tuple[str, ...] = ("train", "dev")
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gaz = gazetteer()
    out = []
    for _, adcode, doc, ctx in labelled(folder, splits):
        province = gaz.province(adcode).adcode if adcode else None
        lines, plain = evidence_lines(doc, ctx)
        variants = [(lines, 1.0)] + ([(masked(lines, province), masked_weight)] if province else [])
        for variant, weight in variants:
            found = leader(variant, plain)
            if found:
                out.append((found[1], 1.0 if found[0] == province else 0.0, weight))
    return arrays(out)


def declarations(adcode: str, key: str) -> list[tuple[tuple[str, ...], bool]]:
    """(candidates, wrong) for a document about ``adcode``: right ones, then wrong ones."""
    gaz = gazetteer()
    province = gaz.province(adcode).adcode
    out = [((province,), False), ((adcode,), False)]
    sibling = same_name_sibling(adcode)
    if sibling:
        out.append(((sibling,), True))
    others = sorted(c for c, u in gaz.units.items() if u.level == 1 and c != province)
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    out += [((others[(digest + 7 * k) % len(others)],), True) for k in range(3)]
    return out


def mismatch_examples(folder: Path, masked_weight: float, splits: tuple[str, ...] = ("train", "dev")
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gaz = gazetteer()
    out = []
    for key, adcode, doc, ctx in labelled(folder, splits):
        if not adcode:
            continue
        lines, plain = evidence_lines(doc, ctx)
        title = document_title(doc, ctx)
        body = infer_region(lines, plain=plain)
        variants = [(with_title(body, title) if title else body, 1.0),
                    (infer_region(masked(lines, gaz.province(adcode).adcode), plain=plain),
                     masked_weight)]
        for inference, weight in variants:
            if inference.adcode is None:
                continue
            for candidates, wrong in declarations(adcode, key):
                claim = Declared("manifest", "", "", candidates)
                if claim.agrees_with(inference.adcode, gaz):
                    continue
                out.append((mismatch_features(inference, candidates, gaz), 1.0 if wrong else 0.0, weight))
    return arrays(out)


def report(x: np.ndarray, y: np.ndarray, w: np.ndarray, weights: np.ndarray, bias: float) -> None:
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    eps = 1e-9
    loss = -(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() / w.sum()
    real = w == 1.0
    print(f"{len(y)} examples ({int(real.sum())} real, {int((~real).sum())} masked); "
          f"positives {int(y[real].sum())} real, {int(y[~real].sum())} masked; log loss {loss:.3f}")
    for low, high in ((0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.97), (0.97, 1.01)):
        band = (p >= low) & (p < high)
        for label, keep in (("real", real), ("masked", ~real)):
            sel = band & keep
            if sel.any():
                print(f"  p in [{low:.2f}, {min(high, 1):.2f}) {label:6}: {int(sel.sum()):3}, "
                      f"{int(y[sel].sum()):3} positive")


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float,
        steps: int = 20000, rate: float = 0.1) -> tuple[np.ndarray, float]:
    weights = np.zeros(x.shape[1])
    bias = 0.0
    total = w.sum()
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        g = w * (p - y)
        weights -= rate * ((x.T @ g) / total + l2 * weights / total)
        bias -= rate * g.sum() / total
    return weights, bias


def write(out: Path, features: tuple[str, ...], weights: np.ndarray, bias: float,
          args: argparse.Namespace) -> None:
    model = {"features": list(features), "weights": [round(float(v), 4) for v in weights],
             "bias": round(float(bias), 4),
             "trained_on": f"region corpus {args.splits} splits (scripts/train_region_calibration.py)",
             "masked_weight": args.masked_weight, "l2": args.l2}
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"weights: {dict(zip(features, model['weights']))}, bias {model['bias']} -> {out.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("--masked-weight", type=float, default=0.25)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--splits", default="train,dev",
                        help="splits to train on (train alone to choose --masked-weight on dev)")
    args = parser.parse_args()
    splits = tuple(args.splits.split(","))
    folder = Path(args.corpus)
    # the features do not depend on the calibration, but inference needs one of their shape
    write(OUT, FEATURES, np.zeros(len(FEATURES)), 0.0, args)
    region_inference.calibration.cache_clear()
    x, y, w = examples(folder, args.masked_weight, splits)
    weights, bias = fit(x, y, w, args.l2)
    print("calibration:")
    report(x, y, w, weights, bias)
    write(OUT, FEATURES, weights, bias, args)
    region_inference.calibration.cache_clear()
    x, y, w = mismatch_examples(folder, args.masked_weight, splits)
    weights, bias = fit(x, y, w, args.l2)
    print("mismatch:")
    report(x, y, w, weights, bias)
    write(MISMATCH_OUT, MISMATCH_FEATURES, weights, bias, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
