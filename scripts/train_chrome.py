"""Train the boilerplate line scorer (rules/data/boilerplate_line_model.json) on the chrome corpus.

    python scripts/build_chrome_corpus.py   # once: the labelled pages, outside the repository
    python scripts/train_chrome.py [--corpus /work/corpora/chrome]

Reads the pages of ``labels.jsonl`` (see ``bench/corpora/chrome.jsonl`` for URLs, sites and splits),
computes the scorer's features for every candidate line with the rules' analysis (each split once as
one batch, once as batches of one page, so recurrence is seen present and absent), and fits two
L2-regularised logistic regressions by full-batch gradient descent in numpy: pass 1 on the line
features, pass 2 on those plus the pass-1 probabilities around each line. Pass-2 inputs on the train
split are cross-fitted (pass 1 trained without the line's site fold). Samples are weighted by the
line's length (the figures that matter are characters). A page labelled as HTML is used twice: as its
blocks in plain text and as the HTML page. The threshold is the lowest one at which the characters the
scorer adds to the rules' on held-out site folds of the train and dev splits (the whole analysis,
each fold run as one batch) are still at least TARGET_PRECISION chrome.

Deterministic: no randomness beyond the site folds (sha1 of the site), fixed iterations; a rebuild
gives identical weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from chrome_eval import Page, Score, load_pages, removed_by_line  # noqa: E402

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.boilerplate import chrome, scorer  # noqa: E402

OUT = REPO / "rules" / "data" / scorer.MODEL_FILE
L2 = 1.0
ITERATIONS = 3000
LEARNING_RATE = 0.5
FOLDS = 4
TARGET_PRECISION = 0.97
THRESHOLD_FLOOR = 0.5


def views(pages: list[Page]) -> list[tuple[Page, str]]:
    """Each page as plain text, and a page labelled as HTML also as its HTML source."""
    return [(p, "txt") for p in pages] + [(p, "html") for p in pages if p.html is not None]


def document(page: Page, kind: str) -> Document:
    return Document.from_text(f"{page.id}.{kind}", page.html or "" if kind == "html" else page.text)


def samples(pages: list[Page]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple], list]:
    """Features, labels, weights, (page, mode) keys and per-sample metadata of the candidate lines."""
    xs, ys, ws, groups, meta = [], [], [], [], []
    batch = BatchContext.build([document(p, kind) for p, kind in views(pages)])
    for mode in ("batch", "single"):
        for page, kind in views(pages):
            doc = document(page, kind)
            ctx = batch if mode == "batch" else BatchContext.build([doc])
            lines, candidates, x1 = chrome.candidate_features(doc, ctx)
            keep = []
            for k, i in enumerate(candidates):
                # An HTML page's labels number its blocks (its text is its blocks, one a line).
                number = i + 1 if kind == "html" else lines[i].number
                if number in page.ambiguous:
                    continue
                keep.append(k)
                size = len(lines[i].text.strip())
                ys.append(1.0 if number in page.chrome else 0.0)
                ws.append(min(size, 60) + 4.0)
                groups.append((page.site, mode))
                meta.append((page, mode + kind, i, size, number, k))
            if keep:
                xs.append(x1[keep])
    return np.vstack(xs), np.asarray(ys), np.asarray(ws), groups, meta


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    mean, scale = standardise(x)
    z = (x - mean) / scale
    coef = np.zeros(z.shape[1])
    bias = 0.0
    w = w / w.sum()
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ coef + bias, -30, 30)))
        g = w * (p - y)
        coef -= LEARNING_RATE * (z.T @ g + L2 * coef / len(y))
        bias -= LEARNING_RATE * g.sum()
    return coef, bias, mean, scale


def predict(x: np.ndarray, coef: np.ndarray, bias: float, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / scale) @ coef + bias, -30, 30)))


def neighbour_p(meta: list, p1: np.ndarray) -> np.ndarray:
    """Pass-2 inputs: each sample's pass-1 features' neighbours' probabilities (same page and mode)."""
    at = {(id(m[0]), m[1], m[2]): k for k, m in enumerate(meta)}
    rows = []
    for page, mode, i, *_ in meta:
        row = []
        for j in (i - 2, i - 1, i, i + 1, i + 2):
            k = at.get((id(page), mode, j))
            row.append(float(p1[k]) if k is not None else 0.0)
        rows.append(row)
    return np.asarray(rows)


_DOCUMENTS: dict[tuple[str, str], Document] = {}


def evaluate(pages: list[Page], model: scorer.LineModel) -> Score:
    """The whole chrome analysis (rules and scorer at ``model``'s threshold) on ``pages`` as one batch.
    Documents are kept between calls (an HTML page is parsed once); the analysis is per batch context,
    so each call analyses afresh."""
    original = scorer.line_model
    scorer.line_model = lambda: model  # type: ignore[assignment]
    try:
        score = Score()
        for kind in ("txt", "html"):
            members = [p for p, k in views(pages) if k == kind]
            docs = [_DOCUMENTS.setdefault((p.id, kind), document(p, kind)) for p in members]
            ctx = BatchContext.build(docs)
            for page, doc in zip(members, docs):
                if kind == "html":
                    lines = page.text.split("\n")
                    removed = {i + 1: len(lines[i].strip()) for i in chrome.chrome_analysis(doc, ctx).chrome
                               if i < len(lines)}
                else:
                    spans = [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)]
                    removed = removed_by_line(page.text, spans)
                score.add(page, removed)
        return score
    finally:
        scorer.line_model = original


def fold_of(site: str) -> int:
    return int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % FOLDS


def train_model(pages: list[Page]) -> dict:
    """Both passes fitted on ``pages`` (pass-2 inputs cross-fitted by site fold); threshold left at 1."""
    x, y, w, groups, meta = samples(pages)
    coef1, bias1, mean1, scale1 = fit(x, y, w)
    folds = np.asarray([fold_of(site) for site, _ in groups])
    p1 = np.zeros(len(y))
    for f in range(FOLDS):
        inside = folds == f
        if inside.all() or not inside.any():
            p1[inside] = predict(x[inside], coef1, bias1, mean1, scale1)
            continue
        c, b, m, s = fit(x[~inside], y[~inside], w[~inside])
        p1[inside] = predict(x[inside], c, b, m, s)
    coef2, bias2, mean2, scale2 = fit(np.hstack([x, neighbour_p(meta, p1)]), y, w)

    def r(a) -> list[float]:
        return [round(float(v), 6) for v in a]

    return {"about": "boilerplate line scorer; trained by scripts/train_chrome.py on the train and dev splits "
                     "of bench/corpora/chrome.jsonl, threshold from site-fold cross-validation",
            "features": list(scorer.FEATURES), "pass2": list(scorer.PASS2),
            "mean1": r(mean1), "scale1": r(scale1), "coef1": r(coef1), "bias1": round(float(bias1), 6),
            "mean2": r(mean2), "scale2": r(scale2), "coef2": r(coef2), "bias2": round(float(bias2), 6),
            "threshold": 1.0, "samples": int(len(y)), "chrome_samples": int(y.sum())}


def as_model(raw: dict) -> scorer.LineModel:
    arr = {k: np.asarray(raw[k], dtype=np.float64) for k in ("mean1", "scale1", "coef1", "mean2", "scale2", "coef2")}
    return scorer.LineModel(arr["mean1"], arr["scale1"], arr["coef1"], raw["bias1"], arr["mean2"],
                            arr["scale2"], arr["coef2"], raw["bias2"], raw["threshold"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/chrome"))
    args = parser.parse_args()

    pages = load_pages(args.corpus, "train") + load_pages(args.corpus, "dev")
    grid = [0.995, 0.99, 0.98, 0.97, *(round(float(t), 2) for t in np.arange(0.95, THRESHOLD_FLOOR - 1e-9, -0.05))]
    gained = dict.fromkeys(grid, 0)
    lost = dict.fromkeys(grid, 0)
    for f in range(FOLDS):
        held = [p for p in pages if fold_of(p.site) == f]
        model = as_model(train_model([p for p in pages if fold_of(p.site) != f]))
        rules_only = evaluate(held, replace(model, threshold=1.01))
        for t in grid:
            score = evaluate(held, replace(model, threshold=t))
            gained[t] += score.chrome_found - rules_only.chrome_found
            lost[t] += score.body_lost - rules_only.body_lost
    threshold = 1.0
    for t in grid:
        print(f"  threshold {t:.2f}: the held-out folds gain {gained[t]} chrome and lose {lost[t]} body characters")
        if gained[t] and gained[t] / (gained[t] + lost[t]) >= TARGET_PRECISION:
            threshold = t
    final = train_model(pages)
    final["threshold"] = threshold
    print(f"{len(pages)} pages, {final['samples']} candidate lines ({final['chrome_samples']} chrome); "
          f"threshold {threshold}")
    order = np.argsort(-np.abs(np.asarray(final["coef2"])))
    print("strongest pass-2 weights:", ", ".join(
        f"{(scorer.FEATURES + scorer.PASS2)[k]} {final['coef2'][k]:+.2f}" for k in order[:12]))
    OUT.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
