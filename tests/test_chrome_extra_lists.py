"""The extra chrome lists hold together on a clone without their texts: bench/corpora/chrome_more.jsonl
(CHROME_MORE.md), chrome_fresh2.jsonl (CHROME_FRESH2.md), chrome_fresh3.jsonl (CHROME_FRESH3.md), chrome_fresh4.jsonl
(CHROME_FRESH4.md), chrome_fresh5.jsonl (CHROME_FRESH5.md), chrome_inline.jsonl (CHROME_INLINE.md),
chrome_fresh6.jsonl (CHROME_FRESH6.md), chrome_fresh7.jsonl (CHROME_FRESH7.md), chrome_fresh8.jsonl
(CHROME_FRESH8.md), chrome_fresh9.jsonl (CHROME_FRESH9.md), chrome_fresh10.jsonl (CHROME_FRESH10.md), chrome_fresh11.jsonl
(CHROME_FRESH11.md) and chrome_fresh12.jsonl (CHROME_FRESH12.md, whose rows also name the query that returned
each page and the sha1 of its text). Each row has
the chrome rows' fields, its id, site and split are the ones the builder derives from its URL
(scripts/build_chrome_corpus.py: site_of, split_of), its labels are line numbers inside the text it counts, one page
per site (two at most in chrome_inline.jsonl), and no site is named by the corpus lists that existed when the list was
started (so no page of a site shared with another corpus can sit in another split there)."""

from __future__ import annotations

import hashlib
import json
import re

from script_loader import list_fixtures, named_sites

_BEFORE_MORE = ("chrome.jsonl", "chrome_fresh.jsonl", "placeholder.jsonl", "region.jsonl", "region_fresh.jsonl",
                "region_unfound.jsonl", "spam.jsonl", "spam_fresh.jsonl", "spam_more.jsonl", "truncation.jsonl",
                "truncation_pages.jsonl")
_BEFORE_FRESH5 = (
    "chrome.jsonl", "chrome_convention.jsonl", "chrome_fresh.jsonl", "chrome_fresh2.jsonl", "chrome_fresh3.jsonl",
    "chrome_fresh4.jsonl", "chrome_more.jsonl", "chrome_review.jsonl", "placeholder.jsonl", "region.jsonl",
    "region_fresh.jsonl", "region_fresh2.jsonl", "region_fresh3.jsonl", "region_fresh4.jsonl", "region_fresh5.jsonl",
    "region_unfound.jsonl", "spam.jsonl", "spam_fresh.jsonl", "spam_fresh2.jsonl", "spam_fresh3.jsonl",
    "spam_fresh4.jsonl", "spam_fresh5.jsonl", "spam_more.jsonl", "truncation.jsonl", "truncation_envlaw.jsonl",
    "truncation_fresh4.jsonl", "truncation_pages.jsonl", "truncation_platform1.jsonl")
"""Every list of the repository when chrome_fresh5.jsonl was made (session 15)."""
_BEFORE_FRESH6 = (*_BEFORE_FRESH5, "chrome_fresh5.jsonl", "chrome_gne.jsonl", "chrome_html2.jsonl",
                  "chrome_inline.jsonl", "region_fresh6.jsonl", "region_fresh7.jsonl", "region_fresh8.jsonl",
                  "region_fresh9.jsonl", "spam_fresh6.jsonl", "spam_fresh7.jsonl", "spam_fresh8.jsonl", "spam_fresh9.jsonl",
                  "truncation_fresh15.jsonl", "truncation_unclosed.jsonl")
"""Every list of the repository when chrome_fresh6.jsonl was made (session 20)."""
_BEFORE_FRESH7 = (*_BEFORE_FRESH6, "chrome_fresh6.jsonl", "region_fresh10.jsonl", "spam_fresh10.jsonl")
"""Every list of the repository when chrome_fresh7.jsonl was made (session 21)."""
_BEFORE_FRESH8 = (*_BEFORE_FRESH7, "chrome_fresh7.jsonl", "region_fresh11.jsonl", "spam_fresh11.jsonl")
"""Every list of the repository when chrome_fresh8.jsonl was made (session 22, main 3ff70d4)."""
_BEFORE_FRESH9 = (*_BEFORE_FRESH8, "chrome_fresh8.jsonl", "region_fresh12.jsonl", "region_fresh13.jsonl",
                  "region_fresh14.jsonl", "spam_fresh12.jsonl", "spam_fresh13.jsonl", "spam_fresh14.jsonl",
                  "truncation_news.jsonl")
"""Every list of the repository when chrome_fresh9.jsonl was made (session 24, main d80e800: region_fresh14 and
spam_fresh14 were collected in the same session and landed first)."""
_BEFORE_FRESH10 = (*_BEFORE_FRESH9, "chrome_fresh9.jsonl", "region_fresh15.jsonl", "spam_fresh15.jsonl",
                   "spam_fresh16.jsonl")
"""Every list of the repository when chrome_fresh10.jsonl was made (session 25, main a189e0c: region_fresh15 and
spam_fresh16 were collected in the same session and landed first)."""
_BEFORE_FRESH11 = (*_BEFORE_FRESH10, "chrome_fresh10.jsonl", "truncation_fresh26.jsonl")
"""Every list of the repository when chrome_fresh11.jsonl was made (session 27, main 65ab5e1)."""
_BEFORE_FRESH12 = (*_BEFORE_FRESH11, "chrome_fresh11.jsonl", "spam_fresh17.jsonl", "truncation_fresh27.jsonl")
"""Every list of the repository when chrome_fresh12.jsonl was made (session 28, main 328be3f)."""
LISTS = {
    # list: (id prefix, source, the lists whose sites were left out; a list added later is not one of them)
    "chrome_more.jsonl": ("cm_", "search:search_pages_more.txt", _BEFORE_MORE),
    "chrome_fresh2.jsonl": ("cf2_", "search:search_pages_fresh2.txt", (*_BEFORE_MORE, "chrome_more.jsonl")),
    "chrome_fresh3.jsonl": ("cf3_", "search:search_pages_fresh3.txt",
                            (*_BEFORE_MORE, "chrome_more.jsonl", "chrome_fresh2.jsonl", "chrome_review.jsonl",
                             "region_fresh2.jsonl", "spam_fresh2.jsonl")),
    "chrome_fresh4.jsonl": ("cf4_", "search:search_pages_fresh4.txt",
                            (*_BEFORE_MORE, "chrome_more.jsonl", "chrome_fresh2.jsonl", "chrome_review.jsonl",
                             "region_fresh2.jsonl", "spam_fresh2.jsonl", "chrome_fresh3.jsonl",
                             "region_fresh3.jsonl", "spam_fresh3.jsonl")),
    # fresh5 left out the sites of every list of the repository when it was made (session 15)
    "chrome_fresh5.jsonl": ("cf5_", "search:search_pages_fresh5.txt", _BEFORE_FRESH5),
    # inline (session 18) left out the sites of every list of the repository when it was made
    "chrome_inline.jsonl": ("ci_", "search:search_pages_inline.txt",
                            (*_BEFORE_FRESH5, "chrome_fresh5.jsonl", "chrome_gne.jsonl", "region_fresh6.jsonl",
                             "region_fresh7.jsonl", "region_fresh8.jsonl", "spam_fresh6.jsonl", "spam_fresh7.jsonl",
                             "truncation_fresh15.jsonl", "truncation_unclosed.jsonl")),
    # fresh6 (session 20) left out the sites of every list of the repository when it was made
    "chrome_fresh6.jsonl": ("cf6_", "search:search_pages_fresh6.txt", _BEFORE_FRESH6),
    # fresh7 (session 21) likewise
    "chrome_fresh7.jsonl": ("cf7_", "search:search_pages_fresh7.txt", _BEFORE_FRESH7),
    # fresh8 (session 22) likewise
    "chrome_fresh8.jsonl": ("cf8_", "search:search_pages_fresh8.txt", _BEFORE_FRESH8),
    # fresh9 (session 24) likewise
    "chrome_fresh9.jsonl": ("cf9_", "search:search_pages_fresh9.txt", _BEFORE_FRESH9),
    # fresh10 (session 25) likewise
    "chrome_fresh10.jsonl": ("cf10_", "search:search_pages_fresh10.txt", _BEFORE_FRESH10),
    # fresh11 (session 27) likewise
    "chrome_fresh11.jsonl": ("cf11_", "search:search_pages_fresh11.txt", _BEFORE_FRESH11),
    # fresh12 (session 28) likewise, and its rows name the search that returned each page
    "chrome_fresh12.jsonl": ("cf12_", "search:search_pages_fresh12.txt", _BEFORE_FRESH12),
}
MORE_PAGES_A_SITE = {"chrome_inline.jsonl": 2}
"""Lists that keep up to this many pages of one site (the site decides the split, so they share it)."""
FIELDS = {"id", "url", "site", "split", "script", "genre", "source", "lines", "chrome_lines", "ambiguous_lines"}
QUERIED = {"chrome_fresh12.jsonl"}
"""Lists whose rows all carry query, search_corpus and text_sha1 (the look-up that restores the text, and its
check); in the other lists, the rows whose text scripts/restore_search_texts.py gave back carry them too, and
label_check where the restored text strains its labels."""
QUERY_FIELDS = {"query", "search_corpus", "text_sha1"}
RESTORE_NOTE = "label_check"


builder, listed = list_fixtures("build_chrome_corpus", LISTS)


def test_rows_carry_the_builders_id_site_and_split(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    prefix, source, _ = LISTS[name]
    assert rows
    for row in rows:
        queried = name in QUERIED or "text_sha1" in row
        assert set(row) - {RESTORE_NOTE} == FIELDS | (QUERY_FIELDS if queried else set()), row.get("id")
        assert RESTORE_NOTE not in row or (name not in QUERIED and row[RESTORE_NOTE].strip()), row.get("id")
        assert row["id"] == prefix + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["site"] == builder.site_of(row["url"])
        assert row["split"] == builder.split_of(row["site"])
        assert row["script"] in ("simplified", "traditional")
        assert row["source"] == source


def test_queried_rows_name_their_look_up_and_the_texts_sha1(listed: tuple[str, list[dict]]) -> None:
    name, rows = listed
    for row in (row for row in rows if name in QUERIED or "text_sha1" in row):
        assert row["query"].strip() == row["query"] and row["query"], row["id"]
        assert row["search_corpus"] == "pages", row["id"]
        assert re.fullmatch("[0-9a-f]{40}", row["text_sha1"]), row["id"]


def test_labels_are_distinct_line_numbers_of_the_counted_text(listed: tuple[str, list[dict]]) -> None:
    for row in listed[1]:
        chrome, ambiguous = row["chrome_lines"], row["ambiguous_lines"]
        assert chrome == sorted(set(chrome)) and ambiguous == sorted(set(ambiguous)), row["id"]
        assert not set(chrome) & set(ambiguous), row["id"]
        # lines = text.count("\n") + 1 and the text ends with "\n": its last numbered line is lines - 1
        assert all(1 <= n <= row["lines"] - 1 for n in chrome + ambiguous), row["id"]


def test_one_page_a_site_and_no_site_of_another_corpus(listed: tuple[str, list[dict]], builder) -> None:
    name, rows = listed
    sites = [row["site"] for row in rows]
    assert max(sites.count(site) for site in sites) <= MORE_PAGES_A_SITE.get(name, 1)
    assert len({row["url"] for row in rows}) == len(rows)
    elsewhere = named_sites(LISTS[name][2], builder.site_of)
    assert not set(sites) & elsewhere, sorted(set(sites) & elsewhere)


def test_builder_writes_a_queried_pages_look_up_and_text_sha1(builder, tmp_path) -> None:
    folder = tmp_path / "fresh12"
    folder.mkdir()
    (folder / "search_pages_fresh12.txt").write_text(
        "=== https://www.example-county.gov.cn/news/1.html | simplified | government | 县政府 工作动态 来源\n"
        "C|首页 > 工作动态\nB|县里召开春耕备耕会议\nC|来源:县政府办 发布时间:2026-03-01\n"
        "B|会议部署了今年的春耕备耕工作。\nA|(图为会议现场)\n", encoding="utf-8")
    listed = tmp_path / "chrome_fresh12.jsonl"
    builder.write_extra_list("fresh12", tmp_path, listed)
    [row] = [json.loads(line) for line in listed.read_text(encoding="utf-8").splitlines()]
    text = (folder / "texts" / f"{row['id']}.txt").read_text(encoding="utf-8")
    assert text.startswith("首页 > 工作动态\n") and row["lines"] == 6
    assert (row["chrome_lines"], row["ambiguous_lines"]) == ([1, 3], [5])
    assert row["query"] == "县政府 工作动态 来源" and row["search_corpus"] == "pages"
    assert row["text_sha1"] == hashlib.sha1(text.encode("utf-8")).hexdigest()
    builder.write_extra_list("fresh12", tmp_path, listed)  # a rebuild keeps the row
    assert [json.loads(line) for line in listed.read_text(encoding="utf-8").splitlines()] == [row]
