"""The spam sets collected with the search tool on new sites hold together on a clone without their texts
(bench/corpora/spam_fresh7.jsonl … spam_fresh20.jsonl; SPAM_FRESH*.md): each row's site and split are the ones
scripts/build_spam_corpus.py derives from its URL (spam_fresh19 and spam_fresh20 split in quarters), spam pages carry labelled runs and the others none, one
page a site, no site of any list the repository had when the set was started (of any spam list, for spam_fresh19 and spam_fresh20), and every row reaches the
builder's labels (spam.jsonl) with the same split and runs (touching runs joined); from spam_fresh18 on, each row
also names the search query (and corpus) that returned its page and the sha1 of the text kept, as do the rows of
the earlier sets whose lost texts scripts/restore_spam_texts.py found again (with a check of their labels)."""

from __future__ import annotations

import json

import pytest
from script_loader import corpus_rows, list_fixtures, load_script, named_sites

# the lists of bench/corpora when spam_fresh7 was started (session 16, main c171f30)
_BEFORE_FRESH7 = (
    "chrome.jsonl", "chrome_convention.jsonl", "chrome_fresh.jsonl", "chrome_fresh2.jsonl", "chrome_fresh3.jsonl",
    "chrome_fresh4.jsonl", "chrome_fresh5.jsonl", "chrome_more.jsonl", "chrome_review.jsonl", "placeholder.jsonl",
    "region.jsonl", "region_fresh.jsonl", "region_fresh2.jsonl", "region_fresh3.jsonl", "region_fresh4.jsonl",
    "region_fresh5.jsonl", "region_fresh6.jsonl", "region_unfound.jsonl", "spam.jsonl", "spam_fresh.jsonl",
    "spam_fresh2.jsonl", "spam_fresh3.jsonl", "spam_fresh4.jsonl", "spam_fresh5.jsonl", "spam_fresh6.jsonl",
    "spam_more.jsonl", "truncation.jsonl", "truncation_envlaw.jsonl", "truncation_fresh15.jsonl",
    "truncation_fresh4.jsonl", "truncation_pages.jsonl", "truncation_platform1.jsonl")
# and when spam_fresh8 was started (session 18, main c079a31): every list then
_BEFORE_FRESH8 = _BEFORE_FRESH7 + (
    "chrome_gne.jsonl", "chrome_inline.jsonl", "region_fresh7.jsonl", "region_fresh8.jsonl", "spam_fresh7.jsonl")
# and when spam_fresh9 was started (session 19, main 8052373): every list then
_BEFORE_FRESH9 = _BEFORE_FRESH8 + ("region_fresh9.jsonl", "spam_fresh8.jsonl", "truncation_unclosed.jsonl")
# and when spam_fresh10 was started (session 20, main 0e7d679): every list then
_BEFORE_FRESH10 = _BEFORE_FRESH9 + ("chrome_html2.jsonl", "spam_fresh9.jsonl")
# and when spam_fresh11 was started (session 21, main 051c2b3): every list then
_BEFORE_FRESH11 = _BEFORE_FRESH10 + ("chrome_fresh6.jsonl", "region_fresh10.jsonl", "spam_fresh10.jsonl")
# and when spam_fresh12 was started (session 22, main 3ff70d4): every list then
_BEFORE_FRESH12 = _BEFORE_FRESH11 + ("chrome_fresh7.jsonl", "region_fresh11.jsonl", "spam_fresh11.jsonl")
# and when spam_fresh13 was started (session 23, main b3176f9): every list then
_BEFORE_FRESH13 = _BEFORE_FRESH12 + (
    "chrome_fresh8.jsonl", "region_fresh12.jsonl", "spam_fresh12.jsonl", "truncation_news.jsonl")
# and when spam_fresh14 was started (session 24, main bbf6e89): every list then
_BEFORE_FRESH14 = _BEFORE_FRESH13 + ("region_fresh13.jsonl", "spam_fresh13.jsonl")
# and when spam_fresh15 was started (session 24, main 290e32d): every list then
_BEFORE_FRESH15 = _BEFORE_FRESH14 + ("chrome_fresh9.jsonl", "region_fresh14.jsonl", "spam_fresh14.jsonl")
# and when spam_fresh16 was started (session 25, main b238119): every list then
_BEFORE_FRESH16 = _BEFORE_FRESH15 + ("spam_fresh15.jsonl",)
# and when spam_fresh17 was started (session 27, main 65ab5e1): every list then
_BEFORE_FRESH17 = _BEFORE_FRESH16 + (
    "chrome_fresh10.jsonl", "region_fresh15.jsonl", "spam_fresh16.jsonl", "truncation_fresh26.jsonl")
# and when spam_fresh18 was started (session 28, main 328be3f): every list then
_BEFORE_FRESH18 = _BEFORE_FRESH17 + ("chrome_fresh11.jsonl", "spam_fresh17.jsonl", "truncation_fresh27.jsonl")
# and the spam lists when spam_fresh19 was started (session 30, main 786ec9d): its brief asked for sites of no spam set
_SPAM_BEFORE_FRESH19 = tuple(name for name in _BEFORE_FRESH18 if name.startswith("spam")) + (
    "spam_fresh18.jsonl", "spam_search.jsonl")
# and the spam lists when spam_fresh20 was started (session 31, main e7d7a6c): the same brief
_SPAM_BEFORE_FRESH20 = _SPAM_BEFORE_FRESH19 + ("spam_fresh19.jsonl",)
LISTS = {"spam_fresh7.jsonl": ("search-pages-fresh7", _BEFORE_FRESH7),
         "spam_fresh8.jsonl": ("search-pages-fresh8", _BEFORE_FRESH8),
         "spam_fresh9.jsonl": ("search-pages-fresh9", _BEFORE_FRESH9),
         "spam_fresh10.jsonl": ("search-pages-fresh10", _BEFORE_FRESH10),
         "spam_fresh11.jsonl": ("search-pages-fresh11", _BEFORE_FRESH11),
         "spam_fresh12.jsonl": ("search-pages-fresh12", _BEFORE_FRESH12),
         "spam_fresh13.jsonl": ("search-pages-fresh13", _BEFORE_FRESH13),
         "spam_fresh14.jsonl": ("search-pages-fresh14", _BEFORE_FRESH14),
         "spam_fresh15.jsonl": ("search-pages-fresh15", _BEFORE_FRESH15),
         "spam_fresh16.jsonl": ("search-pages-fresh16", _BEFORE_FRESH16),
         "spam_fresh17.jsonl": ("search-pages-fresh17", _BEFORE_FRESH17),
         "spam_fresh18.jsonl": ("search-pages-fresh18", _BEFORE_FRESH18),
         "spam_fresh19.jsonl": ("search-pages-fresh19", _SPAM_BEFORE_FRESH19),
         "spam_fresh20.jsonl": ("search-pages-fresh20", _SPAM_BEFORE_FRESH20)}
# the sets whose rows record how each page is found again (the search tool answers no URL)
WITH_QUERY = {"spam_fresh18.jsonl", "spam_fresh19.jsonl", "spam_fresh20.jsonl"}
KINDS = {"spam", "spam_page", "clean", "lookalike"}


builder, listed = list_fixtures("build_spam_corpus", LISTS)


def test_rows_carry_the_builders_site_and_split(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    assert rows
    for row in rows:
        assert row["site"] == builder.site_of(row["url"]), row["url"]
        assert row["split"] == builder.page_split(row["url"], row["site"], set(), LISTS[name][0]), row["url"]
        assert row["kind"] in KINDS and row["script"] in ("simplified", "traditional"), row["url"]
        assert bool(row["spam_strings"]) == (row["kind"] == "spam"), row["url"]


def test_one_page_a_site_and_no_site_of_an_earlier_list(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    origin, earlier = LISTS[name]
    sites = [row["site"] for row in rows]
    assert len(sites) == len(set(sites))
    # the builder's own rows of this set are no earlier list's
    known = named_sites(earlier, builder.site_of, skip=lambda row: row.get("origin") == origin)
    assert not set(sites) & known


def test_every_row_reaches_the_builders_labels(listed: tuple[str, list[dict]]) -> None:
    name, rows = listed
    origin = LISTS[name][0]
    built = {r["url"]: r for r in corpus_rows("spam.jsonl") if r.get("origin") == origin and r["source"] == "real"}
    assert set(built) == {row["url"] for row in rows}
    for row in rows:
        label = built[row["url"]]
        assert (label["split"], label["kind"]) == (row["split"], row["kind"]), row["url"]
        # the builder joins touching runs (a brand written twice in a row is one span)
        assert all(any(s in b for b in label["spam_strings"]) for s in row["spam_strings"]), row["url"]
        assert all(any(s in b for s in row["spam_strings"]) for b in label["spam_strings"]), row["url"]


def test_rows_say_how_their_page_is_found_again(listed: tuple[str, list[dict]]) -> None:
    name, rows = listed
    if name not in WITH_QUERY:
        return
    for row in rows:
        assert row["query"].strip() and row["search_corpus"] == "pages", row["url"]
        sha1 = row["text_sha1"]
        assert len(sha1) == 40 and set(sha1) <= set("0123456789abcdef"), row["url"]


# the sets whose texts were lost before session 28; restored rows name the query that found their page again
LOST = ("spam_search.jsonl", "spam_fresh.jsonl", "spam_more.jsonl") + tuple(f"spam_fresh{i}.jsonl" for i in range(2, 18))


@pytest.fixture(scope="module")
def restorer():
    return load_script("restore_spam_texts")


@pytest.mark.parametrize("name", LOST)
def test_restored_rows_name_their_query_and_keep_their_labels(name: str) -> None:
    built = {r["url"]: r for r in corpus_rows("spam.jsonl") if r["source"] == "real"}
    for row in corpus_rows(name):
        if "text_sha1" not in row:
            continue
        assert row["query"].strip() and row["search_corpus"] == "pages", row["url"]
        assert len(row["text_sha1"]) == 40 and set(row["text_sha1"]) <= set("0123456789abcdef"), row["url"]
        check = row["label_check"]
        assert check == "ok" or check.startswith("missing: "), row["url"]
        label = built[row["url"]]
        assert (label["split"], label["kind"]) == (row["split"], row["kind"]), row["url"]
        # a text lacking a labelled string is never built: its labels cannot be checked on it
        assert check == "ok" or label.get("text_missing"), row["url"]


def test_the_first_sets_restored_rows_are_its_labels() -> None:
    first = {r["url"]: r for r in corpus_rows("spam.jsonl") if r.get("origin") == "search-pages" and r["source"] == "real"}
    for row in corpus_rows("spam_search.jsonl"):
        label = first[row["url"]]
        assert {k: label[k] for k in ("site", "split", "kind")} == {k: row[k] for k in ("site", "split", "kind")}


def test_a_page_is_matched_by_its_url_scheme_and_trailing_slash_aside(restorer) -> None:
    assert restorer.url_key("https://a.example.cn/info/1.html") == restorer.url_key("http://a.example.cn/info/1.html/")
    assert restorer.url_key("http://www.a.example.cn/x") != restorer.url_key("http://a.example.cn/x")
    assert restorer.url_key("http://a.example.cn/x?id=2") != restorer.url_key("http://a.example.cn/x?id=3")


def test_label_check_names_the_strings_a_text_lacks(restorer) -> None:
    assert restorer.label_check("学院召开大会,永利集团出席", ["永利集团"]) == "ok"
    assert restorer.label_check("学院召开大会", ["永利集团", "学院"]) == "missing: 永利集团"
    assert restorer.label_check("任何文字", []) == "ok"


def test_the_builder_refuses_a_restored_text_its_row_does_not_name(tmp_path, builder, monkeypatch) -> None:
    row = next(r for r in corpus_rows("spam_fresh7.jsonl") if "text_sha1" in r)
    (tmp_path / "restored").mkdir()
    page = {"url": row["url"], "kind": row["kind"], "spam": row["spam_strings"], "text": "另一段文字"}
    (tmp_path / "restored" / "fresh7.jsonl").write_text(json.dumps(page, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(builder, "OUT", tmp_path)
    with pytest.raises(SystemExit, match="text_sha1"):
        builder.restored_pages("fresh7")
    assert builder.restored_pages("fresh8") == []


def test_a_search_page_keeps_its_search_id_when_a_fixture_has_its_url(builder) -> None:
    url = "https://a.example.cn/info/1.html"
    previous = [
        {"id": "search/025", "url": url, "source": "real"},
        {"id": "search/025#inj", "url": url, "source": "generated"},
        {"id": "fixture/real_chrome/a_copy", "url": url, "source": "real"},
        {"id": "shared/b.txt", "url": "https://b.example.cn/", "source": "real"},
    ]
    assert builder.search_ids(previous) == {url: "search/025"}
