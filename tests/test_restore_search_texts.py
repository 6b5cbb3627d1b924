"""scripts/restore_search_texts.py: a saved search result gives its text back to the listed row with its address,
as the labelled lines of the excerpt's opening (chrome) or the whole excerpt (region), and the row learns the query
and the text's sha1; other addresses, short excerpts and rows that have a text are left alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from script_loader import load_script

restore = load_script("restore_search_texts")
build_chrome = load_script("build_chrome_corpus")

EXCERPT = "首頁 > 最新消息\n\n鄉公所舉辦淨灘活動\n發布日期:2026-03-01 點閱:12\n\n  \n本所今日邀集志工清理海岸。\n活動共清出垃圾兩百公斤。\n回列表頁 相關連"
"""A page as the tool gives it (written for this test): blank and white-space lines, and a last line cut short."""
CHROME_ROW = {"id": "cf_x", "url": "http://www.example-town.gov.tw/news/1", "site": "example-town.gov.tw",
              "split": "test", "script": "traditional", "genre": "government", "source": "search:search_pages_x.txt",
              "lines": 6, "chrome_lines": [1, 3], "ambiguous_lines": []}
REGION_ROW = {"id": "f_x", "url": "https://news.example.cn/a/2.html", "site": "example.cn", "split": "dev",
              "label": "none", "kind": "no-unit", "note": "written for this test", "declared": None}


def write_rows(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def restorer(tmp_path: Path, reading: dict | None = None):
    write_rows(tmp_path / "chrome_x.jsonl", [CHROME_ROW])
    write_rows(tmp_path / "region_x.jsonl", [REGION_ROW])
    return restore.Restorer(tmp_path, reading or {}, {"x": tmp_path / "chrome_x.jsonl"},
                            {tmp_path / "region_x.jsonl": tmp_path / "region" / "search_pages_x.jsonl"})


def found(url: str, excerpt: str = EXCERPT) -> dict:
    return {"query": "鄉公所 淨灘 志工", "search_corpus": "pages", "url": url, "excerpt": excerpt}


def test_address_ignores_scheme_and_trailing_slash_only() -> None:
    assert restore.url_key("https://a.example.cn/x/") == restore.url_key("http://a.example.cn/x")
    assert restore.url_key("http://a.example.cn/x?id=1") != restore.url_key("http://a.example.cn/x?id=2")
    assert restore.url_key("http://www.a.example.cn/x") != restore.url_key("http://a.example.cn/x")


def test_chrome_text_is_the_excerpts_opening_lines_the_row_numbers() -> None:
    text, _ = restore.chrome_text(EXCERPT, CHROME_ROW)
    assert text == "首頁 > 最新消息\n鄉公所舉辦淨灘活動\n發布日期:2026-03-01 點閱:12\n本所今日邀集志工清理海岸。\n活動共清出垃圾兩百公斤。\n"
    kept, _ = restore.chrome_text(EXCERPT, CHROME_ROW, keep=[1, 2, 3, 5, 6])
    assert kept is not None and "本所今日" not in kept and kept.count("\n") == 5
    short, why = restore.chrome_text("一行\n兩行\n", CHROME_ROW)
    assert short is None and "2 non-blank lines" in why


def test_a_result_restores_the_row_with_its_address_and_the_builder_reads_it(tmp_path: Path) -> None:
    work = restorer(tmp_path, {"cf_x": {"label_check": "written for this test"}})
    work.take(found("https://www.example-town.gov.tw/news/1/"))
    work.take(found("http://www.example-town.gov.tw/news/2"))
    work.take(found("http://news.example.cn/a/2.html"))
    work.write()
    assert len(work.restored) == 2 and not work.refused
    [chrome] = read_rows(tmp_path / "chrome_x.jsonl")
    [page] = build_chrome.search_pages_file(tmp_path / "chrome" / "x" / "search_pages_x.txt")
    text = "\n".join(page["lines"]) + "\n"
    assert chrome["text_sha1"] == hashlib.sha1(text.encode("utf-8")).hexdigest()
    assert (page["chrome_lines"], page["ambiguous_lines"], page["query"]) == ([1, 3], [], "鄉公所 淨灘 志工")
    assert chrome["query"] == "鄉公所 淨灘 志工" and chrome["label_check"] == "written for this test"
    [region] = read_rows(tmp_path / "region_x.jsonl")
    [item] = read_rows(tmp_path / "region" / "search_pages_x.jsonl")
    assert item["text"] == EXCERPT and region["text_sha1"] == hashlib.sha1(EXCERPT.encode("utf-8")).hexdigest()


def test_a_short_excerpt_is_refused_and_a_restored_row_is_not_taken_again(tmp_path: Path) -> None:
    work = restorer(tmp_path)
    work.take(found(CHROME_ROW["url"], "首頁\n鄉公所舉辦淨灘活動\n"))
    assert not work.restored and work.refused
    work.take(found(CHROME_ROW["url"]))
    work.take(found(CHROME_ROW["url"], "另一段\n" * 9))
    work.write()
    [chrome] = read_rows(tmp_path / "chrome_x.jsonl")
    assert len(work.restored) == 1
    assert chrome["text_sha1"] == hashlib.sha1(restore.chrome_text(EXCERPT, CHROME_ROW)[0].encode()).hexdigest()


TRUNC_EXCERPT = "首頁 > 公告\n\n第一條 本規則依本所組織規程訂定之。\n  \n第二條 本規則自發布日施行。"
TRUNC_ROW = {"id": "fresh9-x", "parent": "fresh9-x", "split": "test", "site": "example-town.gov.tw",
             "url": "https://www.example-town.gov.tw/rule/9", "source": "search-pages:https://www.example-town.gov.tw/rule/9",
             "origin": "real", "genre": "rules", "script": "traditional", "province": None, "format": "txt",
             "file": "fresh9/texts/fresh9-x.txt", "cut_start": False, "cut_end": False, "kind": "complete",
             "added": "fresh9", "query": "規則 第一條 第二條 施行"}
TRUNC_COPY = dict(TRUNC_ROW, id="fresh9-x.c-footer", origin="derived", file="fresh9/texts/fresh9-x.c-footer.txt")


def test_a_truncation_page_is_written_where_its_row_reads_it_and_keeps_its_query(tmp_path: Path) -> None:
    listed = tmp_path / "truncation_fresh9.jsonl"
    write_rows(listed, [TRUNC_ROW, TRUNC_COPY])
    work = restore.Restorer(tmp_path, {}, {}, {}, {listed: "fresh9"})
    work.take(found("http://www.example-town.gov.tw/rule/9/", TRUNC_EXCERPT))
    work.write()
    assert len(work.restored) == 1 and not work.refused
    text = (tmp_path / "truncation" / "fresh9" / "texts" / "fresh9-x.txt").read_text(encoding="utf-8")
    assert text == "首頁 > 公告\n第一條 本規則依本所組織規程訂定之。\n第二條 本規則自發布日施行。\n"
    row, copy = read_rows(listed)
    assert row["text_sha1"] == hashlib.sha1(text.encode("utf-8")).hexdigest() and row["search_corpus"] == "pages"
    assert row["query"] == TRUNC_ROW["query"] and row["restore_query"] == "鄉公所 淨灘 志工"
    assert "text_sha1" not in copy


def test_a_truncation_page_block_reads_back_with_the_rows_labels() -> None:
    pages = load_script("build_truncation_fresh").pages
    text = restore.truncation_text(TRUNC_EXCERPT)
    block = restore.truncation_page_block(dict(TRUNC_ROW, cut_end=True, publisher="example-town.gov.tw"), text)
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.txt"
        path.write_text(block, encoding="utf-8")
        [page] = pages(path)
    assert (page["url"], page["label"], page["site"], page["query"]) == (
        TRUNC_ROW["url"], "cut-end", "example-town.gov.tw", TRUNC_ROW["query"])
    assert "\n".join(page["lines"]) + "\n" == text
    assert restore.truncation_text("=== a header\nline") is None


def test_two_sessions_results_are_read_in_order_and_the_first_for_an_address_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "found29.jsonl", tmp_path / "found30.jsonl"
    write_rows(first, [found(CHROME_ROW["url"])])
    write_rows(second, [found(CHROME_ROW["url"], "其他頁\n" + EXCERPT), found(REGION_ROW["url"], "區政府 工作報告")])
    (tmp_path / "reading29.json").write_text(json.dumps({"cf_x": {"label_check": "old"}}), encoding="utf-8")
    (tmp_path / "reading30.json").write_text(json.dumps({"cf_x": {"label_check": "new"}}), encoding="utf-8")
    work = restorer(tmp_path, restore.readings([tmp_path / "reading29.json", tmp_path / "reading30.json"]))
    for result in restore.saved_results([first, second]):
        work.take(result)
    work.write()
    chrome, region = read_rows(tmp_path / "chrome_x.jsonl")[0], read_rows(tmp_path / "region_x.jsonl")[0]
    text, _ = restore.chrome_text(EXCERPT, CHROME_ROW)
    assert chrome["text_sha1"] == hashlib.sha1(text.encode("utf-8")).hexdigest() and chrome["label_check"] == "new"
    assert region["text_sha1"] == hashlib.sha1("區政府 工作報告".encode("utf-8")).hexdigest()


MAIN_EXCERPT = ("首頁 > 公告\n\n本所公告事項如下。\n\n一、本所自明日起調整上班時間。\n二、請各單位配合辦理。\n"
                "三、如有疑問請洽總務組。\n四、本公告自發布日施行。\n\n總務組 敬啟")
"""A complete page of ``truncation.jsonl``'s search pages as the tool gives it (written for this test)."""
MAIN_ROW = {"id": "page-x.c-plain", "parent": "page-x", "split": "test", "site": "example-town.gov.tw",
            "url": "https://www.example-town.gov.tw/notice/1", "source": "search-pages:https://www.example-town.gov.tw/notice/1",
            "origin": "real", "genre": "notice", "script": "traditional", "province": None, "format": "txt",
            "file": "texts/page-x.c-plain.txt", "cut_start": False, "cut_end": False, "kind": "complete",
            "added": "search-pages"}


def test_a_main_truncation_page_comes_back_whole_with_the_copies_the_builder_makes_of_it(tmp_path: Path) -> None:
    made = restore.main_copies(MAIN_ROW, MAIN_EXCERPT)
    assert made[0][0] == MAIN_ROW and made[0][1] == MAIN_EXCERPT and len(made) > 4
    listed = tmp_path / "truncation.jsonl"
    write_rows(listed, [copy for copy, _ in made])
    work = restore.Restorer(tmp_path, {}, {}, {}, {listed: ""})
    work.take(found("http://www.example-town.gov.tw/notice/1/", MAIN_EXCERPT))
    work.write()
    assert work.restored == ["truncation.jsonl page-x.c-plain (test)"] and not work.refused
    corpus = tmp_path / "truncation"
    assert (corpus / "texts" / "page-x.c-plain.txt").read_text(encoding="utf-8") == MAIN_EXCERPT  # blank lines kept
    packed = {r["id"]: r["text"] for r in read_rows(corpus / "packs" / "test.jsonl")}
    for copy, content in made:
        file = copy["file"]
        got = packed[file.split("#")[1]] if "#" in file else (corpus / file).read_text(encoding="utf-8")
        assert got == content
    assert read_rows(listed)[0]["text_sha1"] == hashlib.sha1(MAIN_EXCERPT.encode("utf-8")).hexdigest()


def test_a_main_truncation_page_whose_copies_differ_from_the_committed_rows_is_refused(tmp_path: Path) -> None:
    rows = [copy for copy, _ in restore.main_copies(MAIN_ROW, MAIN_EXCERPT)]
    rows[-1] = dict(rows[-1], kind="another")
    listed = tmp_path / "truncation.jsonl"
    write_rows(listed, rows)
    work = restore.Restorer(tmp_path, {}, {}, {}, {listed: ""})
    work.take(found(MAIN_ROW["url"], MAIN_EXCERPT))
    work.write()
    assert not work.restored and work.refused and "kind" in work.refused[0]
    assert not (tmp_path / "truncation" / "texts").exists() and "text_sha1" not in read_rows(listed)[0]
