#!/usr/bin/env python3
"""Assemble the region corpus: page texts outside the repository, URLs and labels inside it.

Sources (every page is a real public page; its URL is recorded):

* ``/work/shared/corpus`` (``index.jsonl`` + ``texts/``): labelled pages with ``province`` and
  ``county`` (the county resolved inside its province);
* ``tests/fixtures/real_regions`` (the repository's tuning excerpts, labelled by adcode): always in
  the train split, since rules were tuned on them;
* ``<corpus>/pages.jsonl``: pages found through the search tool's stored web pages (prefix
  excerpts of each page as the tool returned them, sometimes with sentences dropped inside, noted
  per page), labelled by hand with the unit each is about (``none`` when the text is about no
  unit or a fictional one). The search tool finds pages by meaning, not by URL, so these texts
  cannot be fetched again: without the file, their rows (id, URL, label) are kept as they were and
  the bench and the training skip them, saying how many;
* ``bench/corpora/region_fresh.jsonl`` (rows: id, url, site, split, label ``{"adcode": …}`` or
  ``none``) with texts in ``<corpus>/search_pages_fresh.jsonl``, and likewise ``region_fresh2.jsonl``
  ``region_fresh3.jsonl`` … ``region_fresh6.jsonl``, and ``region_fresh7.jsonl`` with its texts in
  ``<corpus>/fresh7/search_pages_fresh7.jsonl`` (``FRESH_SETS``): pages found later on other sites
  (see bench/corpora/REGION_FRESH.md), ids from a hash of the URL, split like the others by site
  (checked here). Their texts are written under ``texts/`` too; their rows stay in their own file.

A page already in the fixtures or the shared corpus (same URL) is counted once, there. Pages of
an earlier ``bench/corpora/region.jsonl`` whose text was not found again are kept, URL
and label only, in ``bench/corpora/region_unfound.jsonl`` (not evaluated).

Writes ``<corpus>/texts/<id>.txt``, ``<corpus>/labels.jsonl`` (id, url, site, split, source,
label, note) and the repository copy ``bench/corpora/region.jsonl`` (the same rows, no text).
Split by site (registrable host): a site's pages are all in one split; sha256 of the site name
decides (train 20 %, dev 15 %, test 65 %; a set may take other shares, ``SPLIT_SHARES``), fixtures'
sites are train. Deterministic.

    python scripts/build_region_corpus.py [--corpus /work/corpora/region] [--shared /work/shared/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "real_regions"
OUT = ROOT / "bench" / "corpora" / "region.jsonl"
UNFOUND = ROOT / "bench" / "corpora" / "region_unfound.jsonl"
# the fresh pages: their rows (labels) in the repository, their texts in the corpus folder, the
# prefix of their ids (sha256 of the URL) and the source the bench and the trainer read their rows
# as (bench/region_accuracy.py takes the list from here)
FRESH_SETS = ((ROOT / "bench" / "corpora" / "region_fresh.jsonl", "search_pages_fresh.jsonl", "fr_",
               "search-pages-fresh"),    # collected after the search-tool pages were lost
              (ROOT / "bench" / "corpora" / "region_fresh2.jsonl", "search_pages_fresh2.jsonl", "f2_",
               "search-pages-fresh2"),   # after the fresh pages' texts were lost too
              (ROOT / "bench" / "corpora" / "region_fresh3.jsonl", "search_pages_fresh3.jsonl", "f3_",
               "search-pages-fresh3"),   # session 11: new sites, visits and street or town names
              (ROOT / "bench" / "corpora" / "region_fresh4.jsonl", "search_pages_fresh4.jsonl", "f4_",
               "search-pages-fresh4"),   # session 12: associations' trips, both sides' officials
              (ROOT / "bench" / "corpora" / "region_fresh5.jsonl", "search_pages_fresh5.jsonl", "f5_",
               "search-pages-fresh5"),   # session 13: associations' own trips, same-name units
              (ROOT / "bench" / "corpora" / "region_fresh6.jsonl", "search_pages_fresh6.jsonl", "f6_",
               "search-pages-fresh6"),   # session 15: rebuilt machine, new sites only
              (ROOT / "bench" / "corpora" / "region_fresh7.jsonl", "fresh7/search_pages_fresh7.jsonl", "f7_",
               "search-pages-fresh7"),   # session 16: a bigger held-out set, under-represented provinces
              (ROOT / "bench" / "corpora" / "region_fresh8.jsonl", "fresh8/search_pages_fresh8.jsonl", "f8_",
               "search-pages-fresh8"),   # session 17: Hong Kong, Macao and Taiwan pages on new sites
              (ROOT / "bench" / "corpora" / "region_fresh9.jsonl", "fresh9/search_pages_fresh9.jsonl", "f9_",
               "search-pages-fresh9"),   # session 18: a held-out set on new sites, declarations mostly right
              (ROOT / "bench" / "corpora" / "region_fresh10.jsonl", "fresh10/search_pages_fresh10.jsonl", "f10_",
               "search-pages-fresh10"),  # session 20: ordinary-word counties, same-name units, HK/Macao/Taiwan
              (ROOT / "bench" / "corpora" / "region_fresh11.jsonl", "fresh11/search_pages_fresh11.jsonl", "f11_",
               "search-pages-fresh11"),  # session 21: 27 provinces, pages naming no unit, same-name units
              (ROOT / "bench" / "corpora" / "region_fresh12.jsonl", "fresh12/search_pages_fresh12.jsonl", "f12_",
               "search-pages-fresh12"),  # session 22: national laws, English Hong Kong and Macao, same-name units
              (ROOT / "bench" / "corpora" / "region_fresh13.jsonl", "fresh13/search_pages_fresh13.jsonl", "f13_",
               "search-pages-fresh13"),  # session 23: provinces the held-out split held least, reposting sites
              (ROOT / "bench" / "corpora" / "region_fresh14.jsonl", "fresh14/search_pages_fresh14.jsonl", "f14_",
               "search-pages-fresh14"),  # session 24: a held-out set after the reset (utility, weather, travel pages)
              (ROOT / "bench" / "corpora" / "region_fresh15.jsonl", "fresh15/search_pages_fresh15.jsonl", "f15_",
               "search-pages-fresh15"),  # session 25: a held-out set for issue 13 (harvests, travel, HK/Macao/Taiwan)
              (ROOT / "bench" / "corpora" / "region_fresh16.jsonl", "fresh16/search_pages_fresh16.jsonl", "f16_",
               "search-pages-fresh16"))  # session 28: schools, firms, visits, ordinary words; restorable by query
# sets collected to be measured only: the calibration trainer leaves their train and dev pages out, so that
# adding them changes no shipped model (a later session may fold them in and refit)
MEASURED_ONLY = frozenset({"search-pages-fresh9", "search-pages-fresh10", "search-pages-fresh11",
                           "search-pages-fresh12", "search-pages-fresh13", "search-pages-fresh14",
                           "search-pages-fresh15", "search-pages-fresh16"})
# the sets whose sites are split in other shares than split_of's default: (train below, dev below) of 100 buckets
SPLIT_SHARES = {"search-pages-fresh16": (30, 45)}  # session 28: train 30 %, dev 15 %, test 55 %
SECOND_LEVEL = {"gov.cn", "com.cn", "net.cn", "org.cn", "edu.cn", "gov.hk", "com.hk", "org.hk",
                "gov.mo", "com.mo", "com.tw", "gov.tw", "org.tw", "edu.tw", "idv.tw", "net.tw", "edu.hk"}


def site_of(url: str) -> str:
    host = (urlparse(url).hostname or url).lower()
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def split_of(site: str, source: str = "") -> str:
    """train 20 %, dev 15 %, test 65 % by sha256 of the site, or the shares ``SPLIT_SHARES`` gives ``source``."""
    train, dev = SPLIT_SHARES.get(source, (20, 35))
    bucket = int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < train else "dev" if bucket < dev else "test"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="/work/corpora/region")
    parser.add_argument("--shared", default="/work/shared/corpus")
    args = parser.parse_args()
    corpus, shared = Path(args.corpus), Path(args.shared)
    texts = corpus / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []

    fixture_sites = set()
    for line in (FIXTURES / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, adcode, province, url, note = line.split("\t")
        doc_id = "fx_" + Path(name).stem
        (texts / f"{doc_id}.txt").write_text((FIXTURES / name).read_text(encoding="utf-8"),
                                            encoding="utf-8")
        site = site_of(url)
        fixture_sites.add(site)
        rows.append({"id": doc_id, "url": url, "site": site, "source": "repo-fixture",
                     "label": {"adcode": adcode}, "note": note})
    for line in (shared / "index.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        doc_id = "sh_" + Path(item["file"]).stem
        (texts / f"{doc_id}.txt").write_text(
            (shared / "texts" / item["file"]).read_text(encoding="utf-8"), encoding="utf-8")
        label = ({"province": item["province"], "county": item.get("county")}
                 if item.get("province") else "none")
        rows.append({"id": doc_id, "url": item["url"], "site": site_of(item["url"]),
                     "source": "shared-corpus", "label": label, "note": item.get("notes", "")[:160]})
    known = {row["url"].rstrip("/") for row in rows}
    earlier = ([json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
               if OUT.is_file() else [])
    pages = corpus / "pages.jsonl"
    if pages.is_file():
        for n, line in enumerate(pages.read_text(encoding="utf-8").splitlines()):
            item = json.loads(line)
            if item["url"].rstrip("/") in known:
                continue  # the same page as a fixture or a shared-corpus page: counted once
            doc_id = f"pg_{n:03d}"
            (texts / f"{doc_id}.txt").write_text(item["text"], encoding="utf-8")
            rows.append({"id": doc_id, "url": item["url"], "site": site_of(item["url"]),
                         "source": "search-pages",
                         "label": item["label"] if item["label"] == "none" else {"path": item["label"]},
                         "note": item.get("note", "")})
        missing = 0
    else:
        # the search tool's pages cannot be fetched again by URL: their rows keep id, URL and
        # label, and the bench skips them (and says how many) until their texts are back
        kept = [row for row in earlier if row["source"] == "search-pages"]
        rows.extend(dict(row) for row in kept)
        missing = len(kept)
    # fresh pages: their rows (labels) are bench/corpora/region_fresh*.jsonl, kept by whoever
    # collects them; the texts are written here under the same ids
    fresh_counts = []
    for labels, texts_name, prefix, source in FRESH_SETS:
        fresh = corpus / texts_name
        fresh_rows = ([json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
                      if labels.is_file() else [])
        fresh_texts = ({(item := json.loads(line))["id"]: item["text"]
                        for line in fresh.read_text(encoding="utf-8").splitlines()}
                       if fresh.is_file() else {})
        for row in fresh_rows:
            if row["id"] != prefix + hashlib.sha256(row["url"].encode("utf-8")).hexdigest()[:10]:
                raise SystemExit(f"{labels.name}: {row['id']} is not named after its URL")
            if row["split"] != ("train" if row["site"] in fixture_sites else split_of(row["site"], source)):
                raise SystemExit(f"{labels.name}: {row['id']} is not in its site's split")
            # a row naming its text's sha1 (restored with the search query it keeps) must get that text back
            if row["id"] in fresh_texts and "text_sha1" in row and row["text_sha1"] != hashlib.sha1(
                    fresh_texts[row["id"]].encode("utf-8")).hexdigest():
                raise SystemExit(f"{labels.name}: {row['id']}'s text is not the one its text_sha1 names")
            if row["id"] in fresh_texts:
                (texts / f"{row['id']}.txt").write_text(fresh_texts[row["id"]], encoding="utf-8")
        if fresh_rows:
            fresh_counts.append((labels, fresh, fresh_rows, fresh_texts))
    for row in rows:
        row["split"] = "train" if row["site"] in fixture_sites else split_of(row["site"])
    earlier += ([json.loads(line) for line in UNFOUND.read_text(encoding="utf-8").splitlines()]
                if UNFOUND.is_file() else [])
    urls = {row["url"] for row in rows}
    unfound = {row["url"]: row for row in earlier
               if row["source"] == "search-pages" and row["url"] not in urls}
    UNFOUND.write_text("".join(json.dumps({k: v for k, v in row.items() if k != "id"},
                                          ensure_ascii=False) + "\n"
                               for _, row in sorted(unfound.items())), encoding="utf-8")
    ordered = [{k: row[k] for k in ("id", "url", "site", "split", "source", "label", "note")}
               for row in rows]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ordered)
    (corpus / "labels.jsonl").write_text(body, encoding="utf-8")
    OUT.write_text(body, encoding="utf-8")
    counts: dict[str, int] = {}
    for row in ordered:
        counts[row["split"]] = counts.get(row["split"], 0) + 1
    print(f"{len(ordered)} documents, {len({r['site'] for r in ordered})} sites: {counts}")
    if missing:
        print(f"{missing} search-tool pages have no text here ({pages} is missing): kept with "
              "their labels, skipped by the bench and the training")
    for labels, fresh, fresh_rows, fresh_texts in fresh_counts:
        by_split: dict[str, int] = {}
        for row in fresh_rows:
            by_split[row["split"]] = by_split.get(row["split"], 0) + 1
        without = sum(row["id"] not in fresh_texts for row in fresh_rows)
        print(f"{len(fresh_rows)} fresh pages ({labels.name}): {by_split}; "
              f"{without} without a text in {fresh}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
