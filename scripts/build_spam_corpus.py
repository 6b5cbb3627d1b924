"""Build the injected-spam corpus: real pages (labelled spam runs) plus semi-synthetic pages.

    python scripts/build_spam_corpus.py [--out /work/corpora/spam] [--seed 10]

Sources (texts stay outside the repository, in ``--out``):

* ``/work/shared/corpus``: 135 real pages labelled by hand (bucket b: injected spam with the exact
  ``spam_strings``; c: legitimate look-alikes; a, d, e: clean pages);
* ``--out/search_pages.jsonl``: pages found with the search tool's stored public pages (URL, kind,
  spam strings, the excerpt the tool returned, from the page's start; a URL the shared corpus
  already has is skipped), then ``--out/search_pages_fresh.jsonl`` (same format; pages collected
  later, on new sites; origin ``search-pages-fresh``), then ``--out/more/search_pages_more.jsonl``
  (same format; more pages on sites none of the others has, labels in ``bench/corpora/spam_more.jsonl``;
  origin ``search-pages-more``), then ``--out/fresh2/search_pages_fresh2.jsonl`` (same format; pages
  collected after all of those texts were lost, labels in ``bench/corpora/spam_fresh2.jsonl``; origin
  ``search-pages-fresh2``), then ``--out/fresh3/search_pages_fresh3.jsonl`` (same format; a later batch,
  labels in ``bench/corpora/spam_fresh3.jsonl``; origin ``search-pages-fresh3``), then
  ``--out/fresh4/search_pages_fresh4.jsonl`` (same format; a third batch on sites no earlier list has, labels in
  ``bench/corpora/spam_fresh4.jsonl``; origin ``search-pages-fresh4``), then
  ``--out/fresh5/search_pages_fresh5.jsonl`` (same format; a fourth batch on sites no earlier list has, labels
  in ``bench/corpora/spam_fresh5.jsonl``; origin ``search-pages-fresh5``), then
  ``--out/fresh6/search_pages_fresh6.jsonl`` (same format; a fifth batch on sites no earlier list has, labels
  in ``bench/corpora/spam_fresh6.jsonl``; origin ``search-pages-fresh6``), then
  ``--out/fresh7/search_pages_fresh7.jsonl`` (same format; a sixth batch on sites no earlier list has, labels
  in ``bench/corpora/spam_fresh7.jsonl``; origin ``search-pages-fresh7``), then
  ``--out/fresh8/search_pages_fresh8.jsonl`` (same format; a seventh batch on sites no earlier list has, labels
  in ``bench/corpora/spam_fresh8.jsonl``; origin ``search-pages-fresh8``), then
  ``--out/fresh9/search_pages_fresh9.jsonl`` (same format; an eighth batch on sites no earlier list has,
  labels in ``bench/corpora/spam_fresh9.jsonl``; origin ``search-pages-fresh9``), then
  ``--out/fresh10/search_pages_fresh10.jsonl`` (same format; a ninth batch, collected after the reset of
  2026-12-05, labels in ``bench/corpora/spam_fresh10.jsonl``; origin ``search-pages-fresh10``), then
  ``--out/fresh11/search_pages_fresh11.jsonl`` (same format; a tenth batch on sites no earlier list has,
  labels in ``bench/corpora/spam_fresh11.jsonl``; origin ``search-pages-fresh11``), then
  ``--out/fresh12/search_pages_fresh12.jsonl`` (same format; an eleventh batch on sites no earlier list has,
  labels in ``bench/corpora/spam_fresh12.jsonl``; origin ``search-pages-fresh12``), then
  ``--out/fresh13/search_pages_fresh13.jsonl`` (same format; a twelfth batch on sites no earlier list has,
  labels in ``bench/corpora/spam_fresh13.jsonl``; origin ``search-pages-fresh13``), then
  ``--out/fresh14/search_pages_fresh14.jsonl`` (same format; a thirteenth batch, collected after the reset of
  2026-12-06 on sites no earlier list has, labels in ``bench/corpora/spam_fresh14.jsonl``; origin
  ``search-pages-fresh14``), then ``--out/fresh15/search_pages_fresh15.jsonl`` (same format; a fourteenth
  batch, collected the same day on sites no earlier list has, fresh14's included, labels in
  ``bench/corpora/spam_fresh15.jsonl``; origin ``search-pages-fresh15``), then
  ``--out/fresh16/search_pages_fresh16.jsonl`` (same format; a fifteenth batch, session 25, on sites no earlier
  list has, labels in ``bench/corpora/spam_fresh16.jsonl``; origin ``search-pages-fresh16``), then
  ``--out/fresh17/search_pages_fresh17.jsonl`` (same format; a sixteenth batch, session 27, on sites no earlier list
  has, labels in ``bench/corpora/spam_fresh17.jsonl``; origin ``search-pages-fresh17``), then
  ``--out/fresh18/search_pages_fresh18.jsonl`` (same format; a seventeenth batch, session 28, on sites no earlier
  list has, labels in ``bench/corpora/spam_fresh18.jsonl``, each row with the search ``query`` that returned the
  page and the ``text_sha1`` of the text kept; origin ``search-pages-fresh18``), then
  ``--out/fresh19/search_pages_fresh19.jsonl`` (same format; an eighteenth batch, session 30, of clean and look-alike
  pages of the classes the detector took for spam, on sites no spam list has, labels and queries in
  ``bench/corpora/spam_fresh19.jsonl``; origin ``search-pages-fresh19``, split 50/25/25 by site), then
  ``--out/fresh20/search_pages_fresh20.jsonl`` (same format; a nineteenth batch, session 31, of clean and look-alike
  pages of the classes base31 took for spam on held-out pages, on sites no spam list has, labels and queries in
  ``bench/corpora/spam_fresh20.jsonl``; origin ``search-pages-fresh20``, split 50/25/25 by site). Each set whose texts were lost
  also reads ``--out/restored/<set>.jsonl`` (same format; pages found again with the search tool by
  ``scripts/restore_spam_texts.py``, whose label rows name the query and the text's sha1). A page keeps the ``search/NNN``
  id its URL has in ``bench/corpora/spam.jsonl`` (also when a fixture has the same URL); a new URL gets the next
  free ``search/NNN``;
* the repository's own real fixtures (``tests/fixtures/real_*``): train split only, since tests read them.

Every page gets its site (host without www./m.) and a split by site (a hash of the site: 40 % train,
20 % dev, 40 % test; 50/25/25 for the sets of ``QUARTER_SPLIT_ORIGINS``); a site or URL the fixtures have is train (tests read the fixtures, so their
sites are never evaluated). Rows of ``bench/corpora/spam.jsonl`` whose page text is not available
(the search tool's excerpts cannot be fetched again by URL, and not every page is found again by a query)
keep their labels there, marked
``"text_missing": true``, with their split recomputed; the benches skip them and say how many.
Each generated page draws from its own random stream (seeded by the seed and the host page's id),
so a missing or added page changes no other page. Semi-synthetic pages: each clean real page also yields a copy with generated
injections (``scripts/spam_offers.py``, brand pool of its split) placed as spam pages place them
(glued inside a sentence, a whole inserted sentence, a headline line or headline suffix, the issuing
organisation's slot, a link list, a footer line), and some a copy with a legitimate look-alike
sentence; a few whole pages of lottery tips per split.

Writes ``--out/pages.jsonl`` (with texts) and ``bench/corpora/spam.jsonl`` (url, site, split,
labels: no page text; generated runs are our own strings and are kept, with the recipe).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import spam_heldout as sh  # noqa: E402
import spam_offers as so  # noqa: E402
from spam_labels import SEARCH_SETS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus")
_HAN_LINE = re.compile(r"[\u4e00-\u9fff]{12,}")


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    for prefix in ("www.", "m.", "wap."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def split_of(site: str, shares: tuple[int, int, int] = (4, 2, 4)) -> str:
    """The site's split by a hash of its name, train, dev and test in the proportions of ``shares``."""
    bucket = int(hashlib.sha256(site.encode()).hexdigest(), 16) % sum(shares)
    return "train" if bucket < shares[0] else "dev" if bucket < shares[0] + shares[1] else "test"


QUARTER_SPLIT_ORIGINS = frozenset({"search-pages-fresh19", "search-pages-fresh20"})
"""Sets split 50/25/25 by site (their brief asked for more tuning pages than the older sets' 40/20/40)."""


def spans_of(text: str, strings: list[str]) -> list[list[int]]:
    spans = []
    for s in strings:
        s = s.strip()
        start = text.find(s)
        while s and start >= 0:
            spans.append([start, start + len(s)])
            start = text.find(s, start + len(s))
    merged: list[list[int]] = []
    for a, b in sorted(spans):  # nested labels (72886必赢 inside 72886必赢网站) are one span
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def search_ids(previous: list[dict]) -> dict[str, str]:
    """URL -> the ``search/NNN`` id of its label rows. Only search ids: a search page whose URL is also a
    fixture's (the same page under ``fixture/…``) keeps its own id, so a restored text is built under the
    id its text-missing row had instead of a new id at every build."""
    return {r["url"]: r["id"].split("#")[0] for r in previous
            if r["source"] == "real" and r["id"].startswith("search/")}


def real_pages(ids_by_url: dict[str, str]) -> list[dict]:
    pages = []
    for line in (SHARED / "index.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = (SHARED / "texts" / rec["file"]).read_text(encoding="utf-8")
        kind = {"b": "spam", "c": "lookalike"}.get(rec["bucket"], "clean")
        if kind == "spam" and not rec["spam_strings"]:
            kind = "spam-domain-only"  # spam only in the site's name: no run to find, not scored
        pages.append(dict(id=f"shared/{rec['file']}", url=rec["url"], kind=kind, source="real",
                          origin="shared-corpus", text=text, spans=spans_of(text, rec["spam_strings"])))
    known = {p["url"] for p in pages}
    taken = {int(i[len("search/"):]) for i in ids_by_url.values()
             if re.fullmatch(r"search/\d+", i)}
    fresh_id = max(taken, default=-1) + 1
    for set_name, origin, name in SEARCH_SETS:
        for p in search_pages(name) + restored_pages(set_name):
            if p["url"] in known:
                continue
            known.add(p["url"])
            page_id = ids_by_url.get(p["url"])
            if page_id is None:
                page_id, fresh_id = f"search/{fresh_id:03d}", fresh_id + 1
            pages.append(dict(id=page_id, url=p["url"], kind=p["kind"], source="real", origin=origin,
                              text=p["text"], spans=spans_of(p["text"], p["spam"])))
    return pages


def search_pages(name: str) -> list[dict]:
    """Pages found with the search tool's stored public pages: ``--out/<name>``, one page a
    line (``url``, ``kind``, ``spam``: the exact injected strings, ``text``: the excerpt from the
    page's start as the tool returned it)."""
    path = OUT / name
    if not path.exists():
        print(f"note: {path} absent; no pages from it")
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def restored_pages(set_name: str) -> list[dict]:
    """Pages of a set whose texts were lost, found again with the search tool
    (``scripts/restore_spam_texts.py``): ``--out/restored/<set>.jsonl``, same format as ``search_pages``.
    Each text must be the one its label row's ``text_sha1`` names; a page whose spam strings are not all
    in the text (``label_check`` other than ``ok``) is left out: its labels cannot be checked on it."""
    path = OUT / "restored" / f"{set_name}.jsonl"
    if not path.exists():
        return []
    rows = {r["url"]: r for r in old_labels(REPO / "bench" / "corpora" / f"spam_{set_name}.jsonl")}
    pages = []
    for p in search_pages(f"restored/{set_name}.jsonl"):
        row = rows.get(p["url"], {})
        if row.get("text_sha1") != hashlib.sha1(p["text"].encode("utf-8")).hexdigest():
            raise SystemExit(f"spam_{set_name}.jsonl: {p['url']}'s restored text is not the one its text_sha1 names")
        if row["label_check"] == "ok":
            pages.append(p)
    return pages


def fixture_sites() -> set[str]:
    """Sites and URLs of the repository's fixtures (``tests/fixtures``): pages of these never sit in
    the dev or test split."""
    found = set()
    for path in (REPO / "tests" / "fixtures").rglob("*.json"):
        for url in re.findall(r"https?://[^\s\"'<>]+", path.read_text(encoding="utf-8")):
            found.update((url, site_of(url)))
    return found


def old_labels(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fixture_pages() -> list[dict]:
    """The repository's real fixtures: train only (tests read them, so they are never evaluated)."""
    pages = []
    chrome = REPO / "tests" / "fixtures" / "real_chrome"
    expectations = json.loads((chrome / "expectations.json").read_text(encoding="utf-8"))
    for name, exp in expectations.items():
        if name.startswith("_"):
            continue
        text = (chrome / f"{name}.txt").read_text(encoding="utf-8")
        kind = "spam" if exp["spam"] else "clean"
        pages.append(dict(id=f"fixture/real_chrome/{name}", url=exp["source_url"], kind=kind,
                          source="real", origin="repo-fixture", text=text,
                          spans=spans_of(text, exp["spam"])))
    for folder in ("real_regions", "real_reports"):
        for path in sorted((REPO / "tests" / "fixtures" / folder).glob("*.txt")):
            pages.append(dict(id=f"fixture/{folder}/{path.name}", url=f"fixture:{folder}/{path.name}",
                              kind="clean", source="real", origin="repo-fixture",
                              text=path.read_text(encoding="utf-8"), spans=[]))
    return pages


# ---------------------------------------------------------------------------------- injections

def _body_positions(text: str) -> list[int]:
    """Offsets just after a clause mark inside lines of running Han text."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if _HAN_LINE.search(line):
            out.extend(m.start() + i + 1 for i, c in enumerate(line) if c in ",,;;")
    return out


def _first_line_in_run(text: str, recipe: list[dict]) -> bool:
    """The end of the first line lies in (or at the edge of) an earlier run: a title suffix there
    would land inside that run."""
    nl = text.find("\n")
    nl = len(text) if nl < 0 else nl
    return any(r["span"][0] <= nl <= r["span"][1] for r in recipe)


def inject(rng: random.Random, text: str, pool: str, t2s) -> tuple[str, list[list[int]], list[dict]]:
    """Insert 1-3 generated runs; return the new text, the runs' spans and the recipe."""
    recipe: list[dict] = []

    def edit(at: int, end: int, new: str, offset: int, length: int, **what) -> str:
        """Replace text[at:end] with ``new``; the run is new[offset:offset + length]."""
        delta = len(new) - (end - at)
        for r in recipe:
            if r["span"][0] >= end:
                r["span"] = [r["span"][0] + delta, r["span"][1] + delta]
        recipe.append(dict(what, span=[at + offset, at + offset + length]))
        return text[:at] + new + text[end:]

    for _ in range(rng.choice([1, 1, 2, 3])):
        run, kind = so.offer(rng, pool)
        run, how = so.disguise(rng, run, t2s)
        place = rng.choice(["inline", "inline", "sentence", "title-line", "title-suffix", "org-slot",
                            "link-list", "footer"])
        positions = [p for p in _body_positions(text)
                     if not any(r["span"][0] <= p <= r["span"][1] for r in recipe)]
        if place in ("inline", "sentence") and not positions:
            place = "title-line"
        if place == "title-suffix" and _first_line_in_run(text, recipe):
            place = "title-line"
        what = dict(place=place, kind=kind, how=how, run=run)
        if place == "org-slot":
            run = so.brand_offer(rng, pool)
            what.update(kind="brand", how="plain", run=run)
            m = re.search(r"(?<=代表)[^\n,。]{0,12}?(?:人民政府|政府)(?=向大会|,向大会)", text)
            if m and not any(r["span"][0] < m.end() and m.start() < r["span"][1] for r in recipe):
                text = edit(m.start(), m.end(), run, 0, len(run), **what)
            else:
                at = rng.choice(positions) if positions else 0
                # No slot in the host: a sentence with one (the brand is the run, as in a slot).
                sentence = f"现在,我代表{run}向大会报告工作。"
                text = edit(at, at, sentence, sentence.index(run), len(run), **what)
        elif place == "inline":
            at = rng.choice(positions)
            text = edit(at, at, run, 0, len(run), **what)
        elif place == "sentence":
            at = rng.choice(positions)
            text = edit(at, at, run + "。", 0, len(run), **what)
        elif place == "title-line":
            text = edit(0, 0, run + "\n", 0, len(run), **what)
        elif place == "title-suffix":
            nl = text.find("\n")
            nl = len(text) if nl < 0 else nl
            glue = rng.choice([" - ", "_", "|", " -"])
            text = edit(nl, nl, glue + run, len(glue), len(run), **what)
        elif place == "link-list":
            runs = [run] + [so.disguise(rng, so.offer(rng, pool)[0], t2s)[0]
                            for _ in range(rng.randint(2, 5))]
            block = "\n".join(runs)
            what["run"] = block
            breaks = [m.end() for m in re.finditer(r"\n", text)
                      if not any(r["span"][0] <= m.end() <= r["span"][1] for r in recipe)]
            at = rng.choice(breaks) if breaks else len(text)
            text = edit(at, at, block + "\n", 0, len(block), **what)
        else:  # footer
            runs = [run] + [so.offer(rng, pool)[0] for _ in range(rng.randint(1, 3))]
            label = rng.choice(["友情链接:", "热门搜索:", "相关推荐:"])
            body = " | ".join(runs)
            what["run"] = body
            stripped = text.rstrip("\n")
            text = stripped + "\n" + (text[len(stripped):] or "")
            text = edit(len(text), len(text), label + body + "\n", len(label), len(body), **what)
    for r in recipe:
        assert text[r["span"][0]:r["span"][1]] == r["run"], (r, text[r["span"][0]:r["span"][1]])
    recipe.sort(key=lambda r: r["span"])
    return text, [r["span"] for r in recipe], recipe


def inject_heldout(rng: random.Random, text: str, t2s) -> tuple[str, list[list[int]], list[dict]]:
    """Test split only: 1-3 held-out injections (``scripts/spam_heldout.py``: brands, phrasings,
    contacts, disguises and placements the training generator never uses)."""
    recipe: list[dict] = []

    def edit(at: int, new: str, offset: int, length: int, **what) -> str:
        for r in recipe:
            if r["span"][0] >= at:
                r["span"] = [r["span"][0] + len(new), r["span"][1] + len(new)]
        recipe.append(dict(what, span=[at + offset, at + offset + length]))
        return text[:at] + new + text[at:]

    for _ in range(rng.choice([1, 1, 2, 3])):
        run, kind = sh.offer(rng)
        run, how = sh.disguise(rng, run, t2s)
        place = rng.choice(sh.PLACES)
        positions = [p for p in _body_positions(text)
                     if not any(r["span"][0] <= p <= r["span"][1] for r in recipe)]
        if place in ("inline", "sentence", "org-host") and not positions:
            place = "title-bracket"
        if place == "title-suffix" and _first_line_in_run(text, recipe):
            place = "title-bracket"
        what = dict(place=place, kind=kind, how=how, run=run, generator="heldout")
        if place == "inline":
            text = edit(rng.choice(positions), run, 0, len(run), **what)
        elif place == "sentence":
            text = edit(rng.choice(positions), run + "。", 0, len(run), **what)
        elif place == "org-host":
            b = sh.brand(rng)
            what.update(kind="brand", how="plain", run=b)
            sentence = rng.choice([f"本次活动由{b}主办,", f"{b}党委召开专题会议,", f"经{b}研究决定,"])
            text = edit(rng.choice(positions), sentence, sentence.index(b), len(b), **what)
        elif place == "title-bracket":
            line = f"【{run}】"
            text = edit(0, line + "\n", 1, len(run), **what)
        elif place == "title-suffix":
            nl = text.find("\n")
            nl = len(text) if nl < 0 else nl
            glue = rng.choice(["——", " · ", "|", "_"])
            text = edit(nl, glue + run, len(glue), len(run), **what)
        elif place == "link-list":
            runs = [run] + [sh.disguise(rng, sh.offer(rng)[0], t2s)[0] for _ in range(rng.randint(2, 4))]
            bullet = rng.choice(["· ", "> ", "★ ", ""])
            block = "\n".join(bullet + r for r in runs)
            what["run"] = block[len(bullet):]
            breaks = [m.end() for m in re.finditer(r"\n", text)
                      if not any(r["span"][0] <= m.end() <= r["span"][1] for r in recipe)]
            at = rng.choice(breaks) if breaks else len(text)
            text = edit(at, block + "\n", len(bullet), len(block) - len(bullet), **what)
        else:  # copyright line
            line = f"Copyright © 2025 {run} 版权所有"
            stripped = text.rstrip("\n")
            text = stripped + "\n"
            text = edit(len(text), line + "\n", line.index(run), len(run), **what)
    for r in recipe:
        assert text[r["span"][0]:r["span"][1]] == r["run"], (r, text[r["span"][0]:r["span"][1]])
    recipe.sort(key=lambda r: r["span"])
    return text, [r["span"] for r in recipe], recipe


def lookalike_copy(rng: random.Random, text: str) -> str:
    positions = _body_positions(text) or [len(text)]
    at = rng.choice(positions)
    return text[:at] + so.lookalike(rng) + text[at:]


def tips_page(rng: random.Random) -> tuple[str, list[list[int]]]:
    """A whole page of lottery tips: one run (like a link list)."""
    lines = [so.lottery_tip(rng) for _ in range(rng.randint(5, 12))]
    text = "\n".join(lines) + "\n"
    return text, [[0, len(text) - 1]]


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/work/corpora/spam"))
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    OUT = args.out
    import opencc
    s2t = opencc.OpenCC("s2t").convert

    labels = REPO / "bench" / "corpora" / "spam.jsonl"
    previous = old_labels(labels)
    pages = real_pages(search_ids(previous))
    in_fixtures = fixture_sites()
    for p in pages:
        p["site"] = site_of(p["url"])
        p["split"] = page_split(p["url"], p["site"], in_fixtures, p["origin"])
    fixtures = fixture_pages()
    for p in fixtures:
        p["site"] = site_of(p["url"]) if "://" in p["url"] else p["url"]
        p["split"] = "train"
    generated = []
    for p in pages + fixtures:
        if p["kind"] not in ("clean", "lookalike") or len(p["text"]) < 80:
            continue
        # Streams of their own per page: a page missing or added changes no other page; the
        # held-out generator's stream differs from the training generator's.
        rng = random.Random(f"{args.seed}:{p['id']}")
        if p["split"] == "test":
            text, spans, recipe = inject_heldout(random.Random(f"{args.seed + 1}:{p['id']}"),
                                                 p["text"], s2t)
        else:
            text, spans, recipe = inject(rng, p["text"], p["split"], s2t)
        generated.append(dict(id=p["id"] + "#inj", url=p["url"], site=p["site"], split=p["split"],
                              kind="spam", source="generated", origin=p["origin"], text=text,
                              spans=spans, recipe=recipe))
        if p["kind"] == "clean" and rng.random() < 0.5:
            generated.append(dict(id=p["id"] + "#look", url=p["url"], site=p["site"],
                                  split=p["split"], kind="lookalike", source="generated",
                                  origin=p["origin"], text=lookalike_copy(rng, p["text"]), spans=[]))
    for split in ("train", "dev", "test"):
        for i in range(4 if split != "train" else 12):
            text, spans = tips_page(random.Random(f"{args.seed}:tips/{split}/{i}"))
            generated.append(dict(id=f"tips/{split}/{i}", url=f"generated:tips-{split}-{i}",
                                  site=f"tips-{split}-{i}.generated", split=split, kind="spam_page",
                                  source="generated", origin="generated", text=text, spans=spans))
    everything = pages + fixtures + generated
    for p in everything:
        for s, e in p["spans"]:
            assert 0 <= s < e <= len(p["text"]), p["id"]
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "pages.jsonl.tmp", "w", encoding="utf-8") as fh:  # benches of others may be reading it
        for p in everything:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    (OUT / "pages.jsonl.tmp").replace(OUT / "pages.jsonl")
    # Labels of pages whose text this build has not (a host page absent, so its generated copies
    # too) stay as they were, split recomputed, marked: the benches count and skip them.
    built = {p["id"].split("#")[0] for p in pages + fixtures}
    missing = [dict(r, split=page_split(r["url"], r["site"], in_fixtures, r["origin"]), text_missing=True)
               for r in previous if r["id"].split("#")[0] not in built
               and not r["id"].startswith("tips/")]
    labels.parent.mkdir(exist_ok=True)
    with open(labels, "w", encoding="utf-8") as fh:
        for r in missing:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for p in everything:
            row = dict(id=p["id"], url=p["url"], site=p["site"], split=p["split"], kind=p["kind"],
                       source=p["source"], origin=p["origin"])
            if p["source"] == "real":
                row["spam_strings"] = sorted({p["text"][s:e] for s, e in p["spans"]})
            else:
                row["runs"] = [p["text"][s:e] for s, e in p["spans"]]
                row["recipe"] = [{k: v for k, v in r.items() if k != "span"} for r in p.get("recipe", [])]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    from collections import Counter
    count = Counter((p["split"], p["source"], p["kind"]) for p in everything)
    for key in sorted(count):
        print(*key, count[key])
    for split in ("train", "dev", "test"):
        sites = {p["site"] for p in everything if p["split"] == split}
        print(split, "sites", len(sites), "pages", sum(p["split"] == split for p in everything))
    gone = Counter((r["split"], r["source"]) for r in missing)
    print("labelled rows without text (kept in the labels, skipped by the benches):",
          ", ".join(f"{split} {source} {n}" for (split, source), n in sorted(gone.items())) or "none")


def page_split(url: str, site: str, in_fixtures: set[str], origin: str) -> str:
    if url in in_fixtures or site in in_fixtures:
        return "train"
    return split_of(site, (2, 1, 1)) if origin in QUARTER_SPLIT_ORIGINS else split_of(site)


OUT = Path("/work/corpora/spam")

if __name__ == "__main__":
    main()
