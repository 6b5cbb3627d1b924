"""Train the run-extent model shipped as ``rules/spam/model/run_extent.npz`` (:mod:`scrapegate.rules.spam.extent`).

    python scripts/train_spam_extent.py [--corpus /work/corpora/spam/pages.jsonl] [--seed 10] [--check]

Numpy only, fixed seed: a rebuild from the same inputs gives identical weights (``--check`` rebuilds
into a temporary file and compares it byte for byte with the shipped one). It reads the shipped clause
scorer's scores: retrain it after ``scripts/train_spam.py``. The detector's hits it trains around depend on
the ordinary-bigram table this script builds (the glued-run filter,
:func:`scrapegate.rules.spam.extent.unordinary_han_pairs`, reads it): the hits are read with the new table
in place of the shipped file's (:func:`reading_table`), so one run after a data change is the fixed point
``--check`` reproduces (the shipped file is never read).

Data (train split only, pages of :data:`EXTENT_ORIGINS`; the test split is never read):

* the ordinary-bigram table: hashed character-bigram counts (log-scaled, uint8) of ordinary written
  Chinese of the domain: the real complete documents of the truncation corpus from sites with no dev
  or test page in the spam corpus (as ``scripts/train_spam.py``), and the train split's clean and
  look-alike real pages;
* labelled characters: the train split's pages (real pages from the search tool's stored public
  pages and ``/work/shared/corpus``, and real hosts with generated injections), and train clean pages
  with injections of ``scripts/spam_novel.py``'s train word pool placed as
  ``bench/spam_generalisation.py`` places them (glued, sentence, title suffix, keyword line, link
  list, footer), read with a *blind* clause scorer: one trained by ``scripts/train_spam.py`` without
  the novel word pool (``--novel 0``) on this trainer's origins (``--pages ''``: the selection,
  not the clause scorer's record; since spamtrain23 that selection holds the clause trainer's region,
  chrome-line and web-document negatives and its slot brands, and this model was not refit on it), so
  the injected words are as unknown to it as words nobody
  listed are to the shipped scorer (the hits and the scorer's features around them are then what
  an unseen brand or offer gets). A character is in a run when a labelled run (adjacent ones joined, as the bench
  joins them) covers it;
* the hits around which the characters are read: the detector's own hits before the extent model
  (:func:`scrapegate.rules.spam.detector.merged_hits`), and around each labelled run a piece of it
  (a hit on one term or an id of a longer run), the run itself and the run with host text on one
  side (a hit that reaches too far), so the model learns to grow and to cut.

Model: one hidden layer (tanh) on standardised features, logistic output, minibatch Adam.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
from spam_generalisation import inject  # noqa: E402
from train_spam import corpus_pages, ordinary_texts, rebuilds_identically  # noqa: E402

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.checks.textnorm import normalized_view  # noqa: E402
from scrapegate.rules.spam import detector, extent, model  # noqa: E402
from scrapegate.rules.spam.learned import spam_view_of  # noqa: E402

HIDDEN = 24
EXTENT_ORIGINS = frozenset({"shared-corpus", "repo-fixture", "generated", "search-pages-fresh6"})
"""The corpus pages this trainer reads (by ``origin``), its own set (spam_fresh6's texts are lost since
the reset of 2026-12-05, so ``--check`` fails; the shipped file is kept). Not spam_fresh7, which the
clause scorer read until session 22: a refit on fresh7's train pages cuts span edges inside words (SP case
files: ``有限[公司]``, ``上[门]``) and improves nothing on dev: its runs, brands glued on both sides into
a college's prose and repeated up to eleven times a page, are most of the real runs, and teach the
model to stop where Han text goes on (fresh7's clean pages alone change nothing). SPAM.md, spam17."""
RUN_COPIES = 0
"""Occurrences of one run's text a page contributes at most (0: all); ``--run-copies``."""
KEEP_FAR = 0.3
"""Share of the characters farther than 30 from the hit and from a run's edge kept for training
(the characters near edges decide the extent)."""


def joined_runs(text: str, spans) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for s, e in sorted(spans):
        if runs and not text[runs[-1][1]:s].strip(" \t\r\n•·,,。;;|_-"):  # noqa: B005
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e])
    return [(a, b) for a, b in runs]


def first_copies(text: str, spans, copies: int) -> list[tuple[int, int]]:
    """The page's runs (adjacent spans joined), each run's text at most ``copies`` times (0: every
    run): a hack that substitutes one brand for a name writes it at every place the name stood."""
    runs = joined_runs(text, spans)
    if not copies:
        return runs
    seen: dict[str, int] = {}
    kept = []
    for s, e in runs:
        seen[text[s:e]] = seen.get(text[s:e], 0) + 1
        if seen[text[s:e]] <= copies:
            kept.append((s, e))
    return kept


def bigram_table(texts: list[str]) -> np.ndarray:
    counts = np.zeros(2 ** extent.BIGRAM_BITS, dtype=np.int64)
    for text in texts:
        cp = model.code_points(normalized_view(text).text)
        counts += np.bincount(extent.bigram_indexes(cp), minlength=len(counts))
    return np.minimum(255, np.round(32 * np.log1p(counts))).astype(np.uint8)


def seeds_of(page_text: str, runs: list[tuple[int, int]], rng: random.Random) -> list[tuple[int, int]]:
    """Hits (source offsets) around which to read the page: the detector's own, and for each run a
    piece of it, the run itself and the run reaching into host text."""
    doc = Document.from_text("page.txt", page_text)
    ctx = BatchContext.build([doc])
    out = [(h.span.start, h.span.end) for h in detector.merged_hits(doc, ctx)
           if not detector.EXACT_EXTENT_SIGNALS.intersection(h.signals)]
    for s, e in runs:
        n = e - s
        if n >= 2:
            length = rng.randint(2, max(2, min(n, 12)))
            a = rng.randint(s, e - length)
            out.append((a, a + length))
        out.append((s, e))
        if rng.random() < 0.5:
            out.append((s, min(len(page_text), e + rng.randint(2, 20))))
        else:
            out.append((max(0, s - rng.randint(2, 20)), e))
    return out


def examples(text: str, spans, rng: random.Random, table, sc) -> tuple[list, list]:
    doc = Document.from_text("page.txt", text)
    view = spam_view_of(doc)
    if not view.same_offsets:
        return [], []  # labels are source offsets; pages whose view moves them are left out
    vt = view.text
    runs = joined_runs(text, spans)
    label = np.zeros(len(vt), dtype=np.float32)
    for s, e in runs:
        label[s:e] = 1
    xs, ys = [], []
    for s, e in seeds_of(text, runs, rng):
        lo, hi = max(0, s - extent.REACH), min(len(vt), e + extent.REACH)
        x = extent.features(vt[lo:hi], s - lo, e - lo, table, sc)
        y = label[lo:hi]
        idx = np.arange(lo, hi)
        edges = np.array([s, e] + [b for r in runs for b in r])
        near = np.abs(idx[:, None] - edges[None, :]).min(axis=1) <= 30
        keep = near | (np.array([rng.random() for _ in range(hi - lo)]) < KEEP_FAR)
        xs.append(x[keep])
        ys.append(y[keep])
    return xs, ys


def train(x: np.ndarray, y: np.ndarray, seed: int, epochs: int = 12, lr: float = 0.01, batch: int = 4096,
          hidden: int = HIDDEN):
    rs = np.random.RandomState(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    z = (x - mean) / scale
    w1 = rs.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], hidden))
    b1 = np.zeros(hidden)
    w2 = rs.normal(0, 1 / np.sqrt(hidden), hidden)
    b2 = np.zeros(1)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = 0
    for epoch in range(epochs):
        order = rs.permutation(len(z))
        total = 0.0
        for k in range(0, len(z), batch):
            i = order[k:k + batch]
            zb, yb = z[i], y[i]
            h = np.tanh(zb @ w1 + b1)
            p = 1 / (1 + np.exp(-(h @ w2 + b2)))
            total += float(-(yb * np.log(p + 1e-9) + (1 - yb) * np.log(1 - p + 1e-9)).sum())
            d = (p - yb) / len(i)
            gw2 = h.T @ d
            gb2 = np.array([d.sum()])
            dh = np.outer(d, w2) * (1 - h ** 2)
            gw1 = zb.T @ dh + 1e-5 * w1
            gb1 = dh.sum(axis=0)
            t += 1
            for j, g in enumerate((gw1, gb1, gw2, gb2)):
                m[j] = 0.9 * m[j] + 0.1 * g
                v[j] = 0.999 * v[j] + 0.001 * g * g
                params[j] -= lr * (m[j] / (1 - 0.9 ** t)) / (np.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8)
        print(f"epoch {epoch}: loss {total / len(z):.4f}")
    return {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32),
            "w1": params[0].astype(np.float32), "b1": params[1].astype(np.float32),
            "w2": params[2].astype(np.float32), "b2": params[3].astype(np.float32)}


@contextlib.contextmanager
def reading_table(table: np.ndarray):
    """The rules read ``table`` as the extent file's ordinary-bigram table (the detector's glued-run
    filter reads it while this script seeds its hits), and the shipped file again afterwards."""
    shipped = extent._weights
    extent._weights = lambda: {"table": table}
    extent._table_bytes.cache_clear()
    try:
        yield
    finally:
        extent._weights = shipped
        extent._table_bytes.cache_clear()


def blind_scorer(args) -> model.ClauseScorer:
    """The clause scorer trained as the shipped one but without the novel word pool, and not mixed
    with the prior scorer (``scripts/spam_prior/``), which learned the novel train pool: mixed, the
    injected words would not be unknown to it."""
    if args.blind_scorer is not None:
        return _load_scorer(args.blind_scorer)
    with tempfile.TemporaryDirectory(prefix="spam-blind-") as tmp:
        path = Path(tmp) / "blind_scorer.npz"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_spam.py"), "--corpus", str(args.corpus),
                        "--ordinary", str(args.ordinary), "--seed", str(args.seed), "--novel", "0",
                        "--prior-share", "0", "--origins", args.origins, "--pages", "", "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
        return _load_scorer(path)


def _load_scorer(path: Path) -> model.ClauseScorer:
    with np.load(path) as z:
        return model.ClauseScorer(weights=z["weights"].astype(np.float32), bias=float(z["bias"]),
                                  bits=int(z["bits"]), threshold=float(z["threshold"]),
                                  char_threshold=float(z["char_threshold"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--ordinary", type=Path, default=Path("/work/corpora/truncation/labels.jsonl"))
    parser.add_argument("--copies", type=int, default=3, help="novel-pool injected copies of each train clean page")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--blind-scorer", type=Path, default=None,
                        help="a clause scorer trained with --novel 0 (built here when not given)")
    parser.add_argument("--origins", default=",".join(sorted(EXTENT_ORIGINS)),
                        help="corpus origins whose pages are read (default EXTENT_ORIGINS)")
    parser.add_argument("--run-copies", type=int, default=RUN_COPIES,
                        help="occurrences of one run's text on a page read at most (0: all)")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=HIDDEN)
    parser.add_argument("--out", type=Path, default=extent.MODEL_PATH)
    parser.add_argument("--check", action="store_true",
                        help="rebuild into a temporary file and compare it with --out byte for byte")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if rebuilds_identically(args, build) else 1)
    build(args)


def build(args) -> None:
    rng = random.Random(args.seed)
    every, pages = corpus_pages(args.corpus, frozenset(args.origins.split(",")))
    pages.sort(key=lambda p: p["id"])
    held = {p["site"] for p in every if p["split"] != "train"}
    clean = [p for p in pages if p["split"] == "train" and p["source"] == "real"
             and p["kind"] in ("clean", "lookalike")]
    table = bigram_table(ordinary_texts(args.ordinary, held) + [p["text"] for p in clean])
    with reading_table(table):
        weights = _fit(args, pages, clean, table, rng)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, table=table, **weights)
    print(f"wrote {args.out}")


def _fit(args, pages: list[dict], clean: list[dict], table: np.ndarray, rng: random.Random) -> dict:
    sc = model.scorer()
    xs: list = []
    ys: list = []
    for page in pages:
        if page["split"] == "train" and page["spans"] and page["kind"] != "spam-domain-only":
            a, b = examples(page["text"], first_copies(page["text"], page["spans"], args.run_copies),
                            rng, table, sc)
            xs += a
            ys += b
    blind = blind_scorer(args)
    shipped = (model.scorer, detector._scorer)
    model.scorer = detector._scorer = lambda: blind  # the detector's hits as an unseen word gets them
    inject_rng = random.Random(args.seed + 1)
    for page in clean:
        for _ in range(args.copies):
            text, spans, _ = inject(inject_rng, page["text"], "train")
            if spans:
                a, b = examples(text, spans, rng, table, blind)
                xs += a
                ys += b
    model.scorer, detector._scorer = shipped
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    print(f"{len(x)} characters, {int(y.sum())} in runs, {x.shape[1]} features")
    return train(x, y, args.seed, epochs=args.epochs, hidden=args.hidden)


if __name__ == "__main__":
    main()
