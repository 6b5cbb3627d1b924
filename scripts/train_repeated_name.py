"""Train the slot model shipped as ``rules/spam/model/repeated_name_slot.npz`` (:mod:`scrapegate.rules.spam.repeated_name`).

    python scripts/train_repeated_name.py [--corpus /work/corpora/spam/pages.jsonl] [--chrome …/chrome/labels.jsonl]
                                          [--ordinary …/truncation/labels.jsonl] [--seed 30] [--check]

Numpy only, fixed seed: a rebuild from the same inputs gives identical weights (``--check`` rebuilds into
a temporary file and compares it byte for byte with the shipped one).

A hacked school's page writes a brand wherever the school's name stood (``来自[色花堂]\\n八个系``,
``[老王论坛]\\n第二届教职工代表大会``); the brand need not score as one (老王论坛 0.21), so the model reads
where the name stands (:func:`~scrapegate.rules.spam.repeated_name.slot_features`). Examples are the
names :func:`~scrapegate.rules.spam.repeated_name.slot_candidates` finds, but those the older test
already takes (scored NAME_PROBABILITY, REPEAT_MIN_COUNT times), on:

* the corpus's train pages (real pages and real hosts with generated injections; dev and test are never
  read): a name is a brand when half of its occurrences or more lie half or more inside labelled runs;
* host texts whose own body's name (…大学, …学院, …医院, …人民政府, …公司) recurs, that name
  replaced at every occurrence by an invented brand (:func:`invented_brand`: train pool words of
  ``scripts/spam_novel.py``, or a forum's or a site's name made of the page's own characters, with
  letters or a site number; in a third of the pages with a line break after it, as a hack's link
  leaves one): the name's places are the page's own, so the model learns the slot, not the words. The
  hosts: the spam corpus's clean real train pages, the chrome corpus's train pages and the truncation
  corpus's real complete train documents (:func:`train_spam.ordinary_documents`), both from sites with
  no dev or test page in the spam corpus.

Model: logistic regression on standardised features, L2 penalty, Newton's method. The bar (``bar`` in the
file, :func:`bar`): BAR_MARGIN above the highest name the model is read on of the clean and look-alike
train and dev pages (dev pages are read only for that count) and of the SP rules' passing cases, never
below BAR_FLOOR.

What ``--check`` cannot do: the corpus's train texts on disk are the rebuild's input, and texts the
project lost (``text_missing`` rows) are not among them; a restore of more train texts changes the
weights, and the shipped file must then be rebuilt with this script.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import spam_novel  # noqa: E402
from train_spam import ordinary_documents, rebuilds_identically  # noqa: E402

from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.checks.textnorm import HAN_CHARS  # noqa: E402
from scrapegate.rules.spam import extent, institution_slot, model, repeated_name  # noqa: E402
from scrapegate.rules.spam.detector import spam_view_of  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport the test suite reads the cases with
    import tomli as tomllib

OUT = ROOT / "rules" / "spam" / "model" / "repeated_name_slot.npz"
OWN_NAME = re.compile(f"[{HAN_CHARS}]{{2,10}}?(?:大学|学院|学校|中学|小学|医院|研究院|研究所|人民政府|委员会|公司|集团|协会|中心|管理局|局)")
"""A body's own name: what a hack writes its brand over."""
SITE_WORDS = ("论坛", "漫画", "社区", "影院", "网", "堂", "之家", "视频", "官网", "平台", "体育", "娱乐")
PENALTY = 1.0


def invented_brand(rng: random.Random, page: str) -> str:
    """A brand as hacks write one over a school's name, from the train pool and the page's own characters."""
    han = re.findall(f"[{HAN_CHARS}]", page)
    form = rng.randrange(4)
    if form == 0:
        return spam_novel._operator(rng, "train") + rng.choice(spam_novel.VENUES["train"] + list(SITE_WORDS[-4:]))
    if form == 1:
        return "".join(rng.sample(han, 2)) + rng.choice(SITE_WORDS)
    if form == 2:
        letters = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 4)))
        return letters + "".join(rng.sample(han, 2)) + rng.choice(SITE_WORDS)
    return str(rng.randint(1000, 99999)) + "".join(rng.sample(han, 2)) + rng.choice(SITE_WORDS[-4:])


def substituted(rng: random.Random, text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """``text`` with its most written own institution's name (twice or more) replaced by an invented brand,
    and the brand's spans; None when no such name recurs."""
    counts: dict[str, int] = {}
    for m in OWN_NAME.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    names = sorted((n for n, c in counts.items() if c >= 2), key=lambda n: (-counts[n], n))
    if not names:
        return None
    brand = invented_brand(rng, text) + ("\n" if rng.random() < 1 / 3 else "")
    pieces, spans, last = [], [], 0
    at = text.find(names[0])
    size = 0
    while at >= 0:
        pieces.append(text[last:at])
        size += at - last
        spans.append((size, size + len(brand.rstrip("\n"))))
        pieces.append(brand)
        size += len(brand)
        last = at + len(names[0])
        at = text.find(names[0], last)
    pieces.append(text[last:])
    return "".join(pieces), spans


def examples(text: str, spans: list[tuple[int, int]], sc: model.ClauseScorer,
             tables: dict[str, np.ndarray]) -> tuple[list, list]:
    """Features and labels of the page's slot candidates the older test does not take, their contexts read
    in ``tables`` (:func:`context_tables`)."""
    view = spam_view_of(Document.from_text("page.txt", text))
    cover = np.zeros(len(text) + 1, dtype=bool)
    for s, e in spans:
        cover[s:e] = True
    xs, ys = [], []
    for name, starts in repeated_name.slot_candidates(view.text):
        if repeated_name.scored_name(view.text, name, starts, sc):
            continue
        inside = 0
        for at in starts:
            s, e = view.source_span(at, at + len(name))
            inside += bool(cover[s:e].mean() >= 0.5)
        xs.append(repeated_name.slot_features(view.text, name, starts, sc, tables))
        ys.append(int(2 * inside >= len(starts)))
    return xs, ys


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(z.shape[1])
    penalty = PENALTY * np.diag(np.r_[0.0, np.ones(z.shape[1] - 1)])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        w -= np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
    return {"bias": w[:1], "weights": w[1:], "mean": mean, "scale": scale}


def context_tables(texts: list[str]) -> dict[str, np.ndarray]:
    """Per hashed bigram (:data:`~scrapegate.rules.spam.repeated_name.CONTEXT_BITS`), the log ratio of its
    share among the bigrams right after (past a line break) and right before a body's own name
    (:data:`OWN_NAME`) in ``texts`` (view texts) to its share among all their bigrams (add-one smoothed)."""
    size = 1 << repeated_name.CONTEXT_BITS
    after, before, every = np.zeros(size), np.zeros(size), np.zeros(size)
    for text in texts:
        index = extent.bigram_indexes(model.code_points(text), repeated_name.CONTEXT_BITS)
        every += np.bincount(index, minlength=size)
        for m in OWN_NAME.finditer(text):
            end = m.end() + (text[m.end():m.end() + 1] == "\n")
            if end + 2 <= len(text):
                after[index[end]] += 1
            if m.start() >= 2:
                before[index[m.start() - 2]] += 1
    base = np.log((every + 1) / (every.sum() + size))
    return {name: (np.log((counts + 1) / (counts.sum() + size)) - base).astype(np.float32)
            for name, counts in (("after", after), ("before", before))}


def build(args) -> None:
    rng = random.Random(args.seed)
    sc = model.scorer()
    pages = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()]
    held = {page["site"] for page in pages if page["split"] != "train"}
    hosts = [page["text"] for page in pages if page["split"] == "train" and page["source"] == "real"
             and page["kind"] == "clean"]
    hosts += chrome_texts(args.chrome, held)
    hosts += [text for _, text in ordinary_documents(args.ordinary, held, ("train",))]
    hosts = [spam_view_of(Document.from_text("host.txt", text)).text for text in hosts]
    # the tables from half the hosts, the brands written into the other half: a context the model
    # weighs is not one the tables counted
    tables = context_tables(hosts[::2])
    xs, ys = [], []
    for page in pages:
        if page["split"] == "train" and page["kind"] != "spam-domain-only":
            x, y = examples(page["text"], page["spans"], sc, tables)
            xs += x
            ys += y
    for text in hosts[1::2]:
        if made := substituted(rng, text):
            x, y = examples(*made, sc, tables)
            xs += x
            ys += y
    x, y = np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)
    print(f"{len(y)} names, {int(y.sum())} brands")
    weights = {**tables, **fit(x, y)}
    np.savez_compressed(args.out, **weights, bar=np.array([bar(pages, sc, weights)]))


def chrome_texts(labels: Path, held: set[str]) -> list[str]:
    """The chrome corpus's train texts on disk from sites with no dev or test page in the spam corpus."""
    if not labels.exists():
        return []
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        path = labels.parent / row["text"]
        if row["split"] == "train" and row["site"] not in held and path.is_file():
            out.append(path.read_text(encoding="utf-8"))
    return out


BAR_MARGIN = 0.01
BAR_FLOOR = 0.5
CASES = ROOT / "tests" / "rules"


def bar(pages: list[dict], sc: model.ClauseScorer, weights: dict[str, np.ndarray]) -> float:
    """The lowest bar (BAR_FLOOR at least) BAR_MARGIN above every name the slot model ``weights`` is read on (a school's or
    a hospital's page, the name in a body's slot once) of the clean and look-alike train and dev pages and of
    the SP rules' passing cases (``tests/rules/SP*.toml``: the project's own look-alikes, a foreign
    university's transliterated short name written in its slots, 斯特拉斯克莱德在…举行, which no page read
    here holds), printed with the names nearest it."""
    texts = [(page["id"], page["text"]) for page in pages
             if page["split"] in ("train", "dev") and page["kind"] in ("clean", "lookalike")]
    for path in sorted(CASES.glob("SP*.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8")).get("passing", [])
        texts += [(f"{path.stem}: {case['name'][:40]}", case["text"]) for case in cases if "text" in case]
    top: list[tuple[float, str, str]] = []
    for key, source in texts:
        text = spam_view_of(Document.from_text("page.txt", source)).text
        if not institution_slot.school_page(text):
            continue
        ends = repeated_name.body_slot_ends(text)
        for name, starts in repeated_name.slot_candidates(text, ends=ends):
            if repeated_name.in_body_slot(name, starts, ends):
                features = repeated_name.slot_features(text, name, starts, sc, weights)
                top.append((repeated_name.slot_probability(features, weights), key, name))
    top.sort(reverse=True)
    for p, key, name in top[:5]:
        print(f"  {p:.3f} {key} {name}")
    chosen = max(BAR_FLOOR, round(top[0][0] + BAR_MARGIN, 2) if top else 0.0)
    print(f"bar {chosen}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/spam/pages.jsonl"))
    parser.add_argument("--chrome", type=Path, default=Path("/work/corpora/chrome/labels.jsonl"))
    parser.add_argument("--ordinary", type=Path, default=Path("/work/corpora/truncation/labels.jsonl"))
    parser.add_argument("--seed", type=int, default=30)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="rebuild into a temporary file and compare")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if rebuilds_identically(args, build) else 1)
    build(args)


if __name__ == "__main__":
    main()
