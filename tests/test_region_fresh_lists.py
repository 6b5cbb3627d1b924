"""The region sets collected with the search tool on new sites (bench/corpora/region_fresh7.jsonl,
region_fresh8.jsonl, region_fresh9.jsonl, region_fresh10.jsonl, region_fresh11.jsonl, region_fresh12.jsonl, region_fresh13.jsonl and
region_fresh14.jsonl, region_fresh15.jsonl and region_fresh16.jsonl, REGION_FRESH.md) hold together on a clone
without their texts: each row has the fresh rows' fields, its id, site and split are the ones
scripts/build_region_corpus.py derives from its URL, its label and hand-written declaration name gazetteer units, a
site has at most two pages, and no page is on a site that a corpus list of the repository named when the set was
started: for fresh7 no test page (the held-out pages are of new sites; its train and dev pages may be of a site
already in those splits), for fresh8 (session 17, main 7d7a82f), fresh9 (session 18, main a91bade) and fresh10
(session 20, main 0e7d679), fresh11 (session 21, main 051c2b3), fresh12 (session 22, main 3ff70d4), fresh13 (session 23, main b3176f9), fresh14
(session 24, main bbf6e89), fresh15 (session 25, main b238119) and fresh16 (session 28, main 328be3f) no page of
any split. fresh16's rows also keep the search query and corpus that returned each page and the sha1 of its text,
so that a reset restores it with one look-up; its sites are split in the builder's SPLIT_SHARES. fresh7's and fresh8's declarations are all wrong ones; fresh9's to fresh16's mix right
and wrong (a right one names the labelled unit)."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from script_loader import corpus_rows, list_fixtures, named_sites
from scrapegate.rules.region.gazetteer import gazetteer, resolve_declared

# the lists of bench/corpora when region_fresh7 was started (session 16)
_BEFORE_FRESH7 = (
    "chrome.jsonl", "chrome_convention.jsonl", "chrome_fresh.jsonl", "chrome_fresh2.jsonl",
    "chrome_fresh3.jsonl", "chrome_fresh4.jsonl", "chrome_fresh5.jsonl", "chrome_more.jsonl",
    "chrome_review.jsonl", "placeholder.jsonl", "region.jsonl", "region_fresh.jsonl", "region_fresh2.jsonl",
    "region_fresh3.jsonl", "region_fresh4.jsonl", "region_fresh5.jsonl", "region_fresh6.jsonl",
    "region_unfound.jsonl", "spam.jsonl", "spam_fresh.jsonl", "spam_fresh2.jsonl", "spam_fresh3.jsonl",
    "spam_fresh4.jsonl", "spam_fresh5.jsonl", "spam_fresh6.jsonl", "spam_more.jsonl", "truncation.jsonl",
    "truncation_envlaw.jsonl", "truncation_fresh15.jsonl", "truncation_fresh4.jsonl",
    "truncation_pages.jsonl", "truncation_platform1.jsonl")
# and when region_fresh8 was started (session 17, main 7d7a82f)
_BEFORE_FRESH8 = (*_BEFORE_FRESH7, "region_fresh7.jsonl", "spam_fresh7.jsonl")
# and when region_fresh9 was started (session 18, main a91bade)
_BEFORE_FRESH9 = (*_BEFORE_FRESH8, "chrome_gne.jsonl", "chrome_inline.jsonl", "region_fresh8.jsonl", "spam_fresh8.jsonl",
                  "truncation_unclosed.jsonl")
# and when region_fresh10 was started (session 20, main 0e7d679)
_BEFORE_FRESH10 = (*_BEFORE_FRESH9, "chrome_html2.jsonl", "region_fresh9.jsonl", "spam_fresh9.jsonl")
# and when region_fresh11 was started (session 21, main 051c2b3)
_BEFORE_FRESH11 = (*_BEFORE_FRESH10, "chrome_fresh6.jsonl", "region_fresh10.jsonl", "spam_fresh10.jsonl")
# and when region_fresh12 was started (session 22, main 3ff70d4)
_BEFORE_FRESH12 = (*_BEFORE_FRESH11, "chrome_fresh7.jsonl", "region_fresh11.jsonl", "spam_fresh11.jsonl")
# and when region_fresh13 was started (session 23, main b3176f9)
_BEFORE_FRESH13 = (*_BEFORE_FRESH12, "chrome_fresh8.jsonl", "region_fresh12.jsonl", "spam_fresh12.jsonl",
                   "truncation_news.jsonl")
# and when region_fresh14 was started (session 24, main bbf6e89)
_BEFORE_FRESH14 = (*_BEFORE_FRESH13, "region_fresh13.jsonl", "spam_fresh13.jsonl")
# and when region_fresh15 was started (session 25, main b238119)
_BEFORE_FRESH15 = (*_BEFORE_FRESH14, "chrome_fresh9.jsonl", "region_fresh14.jsonl", "spam_fresh14.jsonl",
                   "spam_fresh15.jsonl")
# and when region_fresh16 was started (session 28, main 328be3f)
_BEFORE_FRESH16 = (*_BEFORE_FRESH15, "chrome_fresh10.jsonl", "chrome_fresh11.jsonl", "region_fresh15.jsonl",
                   "spam_fresh16.jsonl", "spam_fresh17.jsonl", "truncation_fresh26.jsonl", "truncation_fresh27.jsonl")
# list: (id prefix, the lists named before it, whether only its test pages must be on new sites, whether every
# hand-written declaration is a wrong one)
LISTS = {"region_fresh7.jsonl": ("f7_", _BEFORE_FRESH7, True, True),
         "region_fresh8.jsonl": ("f8_", _BEFORE_FRESH8, False, True),
         "region_fresh9.jsonl": ("f9_", _BEFORE_FRESH9, False, False),
         "region_fresh10.jsonl": ("f10_", _BEFORE_FRESH10, False, False),
         "region_fresh11.jsonl": ("f11_", _BEFORE_FRESH11, False, False),
         "region_fresh12.jsonl": ("f12_", _BEFORE_FRESH12, False, False),
         "region_fresh13.jsonl": ("f13_", _BEFORE_FRESH13, False, False),
         "region_fresh14.jsonl": ("f14_", _BEFORE_FRESH14, False, False),
         "region_fresh15.jsonl": ("f15_", _BEFORE_FRESH15, False, False),
         "region_fresh16.jsonl": ("f16_", _BEFORE_FRESH16, False, False)}
FIELDS = {"id", "url", "site", "split", "label", "kind", "note", "declared"}
# the lists whose rows all say how to restore their text: the query and corpus of the search that returned it (in
# the other lists, the rows whose text scripts/restore_search_texts.py gave back say it too)
RESTORABLE = {"region_fresh16.jsonl"}
RESTORE_FIELDS = {"query", "search_corpus", "text_sha1"}


builder, listed = list_fixtures("build_region_corpus", LISTS)


def test_the_builder_reads_the_set(listed: tuple[str, list[dict]], builder) -> None:
    name = listed[0]
    assert any(labels.name == name and prefix == LISTS[name][0] for labels, _, prefix, _ in builder.FRESH_SETS)


def test_rows_carry_the_builders_id_site_and_split(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    source = next(source for labels, _, _, source in builder.FRESH_SETS if labels.name == name)
    # the builder keeps the sites of the repository's tuning excerpts in the train split
    fixture_sites = {builder.site_of(line.split("\t")[3])
                     for line in (builder.FIXTURES / "expected.tsv").read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")}
    assert rows
    for row in rows:
        restorable = name in RESTORABLE or "text_sha1" in row
        assert set(row) - {"label_check"} == FIELDS | (RESTORE_FIELDS if restorable else set()), row["id"]
        if restorable:
            assert row["query"].strip() and row["search_corpus"] == "pages", row["id"]
            assert len(row["text_sha1"]) == 40 and set(row["text_sha1"]) <= set("0123456789abcdef"), row["id"]
        assert row["id"] == LISTS[name][0] + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["site"] == builder.site_of(row["url"])
        assert row["split"] == ("train" if row["site"] in fixture_sites else builder.split_of(row["site"], source))
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("name", sorted(RESTORABLE))
def test_restorable_rows_name_their_search_and_text(name: str) -> None:
    for row in corpus_rows(name):
        assert row["query"].strip() and row["search_corpus"] == "pages", row["id"]
        assert len(row["text_sha1"]) == 40 and set(row["text_sha1"]) <= set("0123456789abcdef"), row["id"]


def test_labels_and_declarations_name_units(listed: tuple[str, list[dict]]) -> None:
    gaz = gazetteer()
    all_wrong = LISTS[listed[0]][3]
    for row in listed[1]:
        if row["label"] != "none":
            assert row["label"]["adcode"] in gaz.units, row["id"]
        declared = row["declared"]
        assert declared["right"] in ((False,) if all_wrong else (False, True)), row["id"]
        # a right declaration names the labelled unit; a wrong one says why it is plausible
        if declared["right"]:
            assert row["label"] != "none" and row["label"]["adcode"] in resolve_declared(declared["region"]), row["id"]
        else:
            assert declared["why"], row["id"]
        assert resolve_declared(declared["region"]), row["id"]


def test_one_or_two_pages_a_site(listed: tuple[str, list[dict]]) -> None:
    assert max(Counter(row["site"] for row in listed[1]).values()) <= 2


def test_pages_are_on_new_sites(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    _, before, test_only, _ = LISTS[name]
    earlier = named_sites(before, builder.site_of)
    assert not [row["id"] for row in rows if (row["split"] == "test" or not test_only) and row["site"] in earlier]
