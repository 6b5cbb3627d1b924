"""Pack formats a data pipeline writes: compressed JSONL, Parquet, WARC, standard input, fsspec URLs."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from scrapegate.checks.api import check_paths
from scrapegate.checks.packs import FieldMap
from scrapegate.checks.errors import UsageError

NOTICE = "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。\n特此通知。\n"
REPORT = "宜昌市猇亭区人民政府工作报告\n各位代表：现在，我代表区人民政府向大会报告工作。\n一年来，全区经济稳中有进。\n"
RECORDS = [{"id": "a", "url": "https://example.org/a.html", "text": NOTICE},
           {"id": "b", "text": REPORT, "lang": "zh"}]


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def _check(paths: list[str], **kwargs):
    return check_paths(paths, write_reports=False, jobs=1, select=["PV", "TR"], **kwargs)


def _assert_two_records(result, pack: str) -> None:
    assert sorted(result.reports) == [f"{pack}/a", f"{pack}/b"]
    assert result.reports[f"{pack}/a"]["document"]["source_url"] == "https://example.org/a.html"
    assert result.reports[f"{pack}/b"]["document"]["chars"] == len(REPORT)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".ndjson.gz", ".jsonl.zst"])
def test_compressed_jsonl(tmp_path: Path, suffix: str) -> None:
    raw = _jsonl(RECORDS)
    if suffix.endswith(".gz"):
        data = gzip.compress(raw)
    else:
        zstandard = pytest.importorskip("zstandard")
        data = zstandard.ZstdCompressor().compress(raw)
    (tmp_path / f"p{suffix}").write_bytes(data)
    _assert_two_records(_check([str(tmp_path / f"p{suffix}")]), f"p{suffix}")


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(RECORDS), tmp_path / "p.parquet", row_group_size=1)
    result = _check([str(tmp_path / "p.parquet")])
    _assert_two_records(result, "p.parquet")
    assert result.reports["p.parquet/a"]["document"]["decoding"]["method"] == "parquet"


def test_warc_response_records_are_documents(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(tmp_path / "crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, text, charset in (("https://a.example.cn/1.html", NOTICE, "gb18030"),
                                   ("https://a.example.cn/2.html", REPORT, "utf-8")):
            http = StatusAndHeaders("200 OK", [("Content-Type", f"text/plain; charset={charset}")],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(text.encode(charset)),
                                               http_headers=http)
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://a.example.cn/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    result = _check([str(tmp_path / "crawl.warc.gz")])
    assert sorted(result.reports) == ["crawl.warc.gz/1", "crawl.warc.gz/2"]
    first = result.reports["crawl.warc.gz/1"]["document"]
    assert first["source_url"] == "https://a.example.cn/1.html"
    assert first["encoding"] == "gb18030" and first["chars"] == len(NOTICE)
    assert first["manifest"]["fetched_at"]


def test_field_mapping(tmp_path: Path) -> None:
    records = [{"doc_id": "x1", "content": NOTICE, "link": "https://example.org/x1"}]
    (tmp_path / "m.jsonl").write_bytes(_jsonl(records))
    fields = FieldMap.parse(text="content", id="doc_id", mappings=["url=link"])
    result = _check([str(tmp_path / "m.jsonl")], fields=fields)
    assert result.reports["m.jsonl/x1"]["document"]["source_url"] == "https://example.org/x1"
    plain = _check([str(tmp_path / "m.jsonl")])
    assert plain.exit_code == 2 and "no 'text' string" in plain.summary["input_errors"][0]["error"]


def test_bad_field_mapping_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="FIELD=NAME"):
        FieldMap.parse(mappings=["link"])
    with pytest.raises(UsageError, match="FIELD=NAME"):
        FieldMap.parse(mappings=["colour=link"])


def test_stdin_pack_and_stdin_document(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_jsonl(RECORDS))))
    _assert_two_records(_check(["-"]), "stdin")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTICE.encode("gb18030"))))
    result = _check(["-"])
    assert list(result.reports) == ["stdin"]
    assert result.reports["stdin"]["document"]["encoding"] == "gb18030"


def test_fsspec_memory_url() -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/bucket/p.jsonl.gz", gzip.compress(_jsonl(RECORDS)))
    fs.pipe("/bucket/one.txt", NOTICE.encode("utf-8"))
    _assert_two_records(_check(["memory://bucket/p.jsonl.gz"]), "p.jsonl.gz")
    assert list(_check(["memory://bucket/one.txt"]).reports) == ["one.txt"]
    missing = _check(["memory://bucket/none.txt"])
    assert missing.exit_code == 2 and missing.summary["input_errors"][0]["path"] == "memory://bucket/none.txt"


def test_corrupt_compressed_pack_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.gz").write_bytes(gzip.compress(_jsonl(RECORDS))[:40])
    (tmp_path / "ok.txt").write_text(NOTICE, encoding="utf-8")
    result = _check([str(tmp_path / "bad.jsonl.gz"), str(tmp_path / "ok.txt")])
    assert result.exit_code == 2
    assert "ok.txt" in result.reports
    assert any("bad.jsonl.gz" in e["path"] for e in result.summary["input_errors"])


def test_cli_field_flags(tmp_path: Path, monkeypatch) -> None:
    from scrapegate.checks.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.jsonl").write_bytes(_jsonl([{"key": "k1", "body": NOTICE, "link": "https://e.org/k1"}]))
    code = main(["check", "m.jsonl", "--text-field", "body", "--id-field", "key", "--field", "url=link",
                 "--report-dir", "out", "--jobs", "1", "--select", "PV"])
    assert code == 0
    report = json.loads((tmp_path / "out" / "m.jsonl" / "k1.json").read_text("utf-8"))
    assert report["document"]["source_url"] == "https://e.org/k1"
    assert main(["check", "m.jsonl", "--field", "nope"]) == 2


CHROME_RECORDS = [
    {"id": "a", "url": "https://example.org/a.html", "lang": "zh", "text": "首页 > 通知公告\n" + NOTICE},
    {"id": "b", "text": REPORT + "版权所有：某某县人民政府办公室 ICP备12345678号\n"},
]


@pytest.mark.parametrize("name", ["p.jsonl", "p.jsonl.gz", "p.jsonl.zst", "p.parquet"])
def test_cleaned_pack_round_trips(tmp_path: Path, name: str) -> None:
    """--write-clean on a pack writes the same format: every field kept, cleaned text, a scrapegate block;
    the tool reads it back, and so do pyarrow / json."""
    source = tmp_path / "in" / name
    source.parent.mkdir()
    raw = _jsonl(CHROME_RECORDS)
    if name.endswith(".gz"):
        source.write_bytes(gzip.compress(raw))
    elif name.endswith(".zst"):
        zstandard = pytest.importorskip("zstandard")
        source.write_bytes(zstandard.ZstdCompressor().compress(raw))
    elif name.endswith(".parquet"):
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq
        pq.write_table(pa.Table.from_pylist(CHROME_RECORDS), source)
    else:
        source.write_bytes(raw)
    check_paths([str(source)], write_reports=False, jobs=1, write_clean=tmp_path / "clean", select=["BP"])
    out = tmp_path / "clean" / name
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq
        rows = pq.read_table(out).to_pylist()
        blocks = [json.loads(r["scrapegate"]) for r in rows]
    else:
        data = out.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        elif name.endswith(".zst"):
            import zstandard
            data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
        rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        blocks = [r["scrapegate"] for r in rows]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["url"] == "https://example.org/a.html" and rows[0]["lang"] == "zh"
    assert rows[0]["text"].strip() == NOTICE.strip()
    assert "ICP备" not in rows[1]["text"] and rows[1]["text"].startswith(REPORT.splitlines()[0])
    assert blocks[0]["codes"] == ["BP001"] and blocks[0]["removed"][0]["start"] == 0
    again = check_paths([str(out)], write_reports=False, jobs=1, select=["BP"])
    assert sorted(again.reports) == [f"{name}/a", f"{name}/b"]
    assert not any(f["code"] == "BP001" for f in again.reports[f"{name}/a"]["findings"])


def test_attributes_are_line_aligned_dolma_spans(tmp_path: Path) -> None:
    pack = tmp_path / "p.jsonl"
    pack.write_bytes(_jsonl(CHROME_RECORDS[:1]) + b"{broken\n" + _jsonl(CHROME_RECORDS[1:]))
    (tmp_path / "one.txt").write_text("首页 > 通知公告\n" + NOTICE, encoding="utf-8")
    result = check_paths([str(pack), str(tmp_path / "one.txt")], write_reports=False, jobs=1,
                         attributes=tmp_path / "attrs", select=["BP", "TR"])
    lines = [json.loads(l) for l in (tmp_path / "attrs" / "p.jsonl").read_text("utf-8").splitlines()]
    assert [l["id"] for l in lines] == ["a", "2", "b"]
    assert lines[1]["attributes"] == {}
    findings = result.reports["p.jsonl/a"]["findings"]
    bp = next(f for f in findings if f["code"] == "BP001")
    assert lines[0]["attributes"]["scrapegate__BP001"] == [[bp["span"]["start"], bp["span"]["end"], 0.5]]
    plain = [json.loads(l) for l in (tmp_path / "attrs" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert [p["id"] for p in plain] == ["one.txt"] and "scrapegate__BP001" in plain[0]["attributes"]


def test_cli_attributes_flag(tmp_path: Path, monkeypatch) -> None:
    from scrapegate.checks.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.jsonl").write_bytes(_jsonl(CHROME_RECORDS))
    main(["check", "p.jsonl", "--attributes", "attrs", "--report-dir", "out", "--jobs", "1", "--select", "BP"])
    assert len((tmp_path / "attrs" / "p.jsonl").read_text("utf-8").splitlines()) == 2


def test_check_texts_and_the_findings_frame() -> None:
    from scrapegate.checks.api import check_texts

    result = check_texts([{"id": "a", "url": "https://e.org/a", "text": "首页 > 通知公告\n" + NOTICE},
                          NOTICE, {"id": "a", "text": "重复的编号。"}, {"text": ""}], select=["BP", "PV"])
    assert sorted(result.reports) == ["2", "a"]
    assert result.reports["a"]["document"]["source_url"] == "https://e.org/a"
    assert [e["path"] for e in result.summary["input_errors"]] == ["record 3", "record 4"]
    assert result.exit_code == 2
    frame = result.findings_frame()
    assert list(frame.columns)[:3] == ["path", "status", "code"]
    bp = frame[frame.code == "BP001"].iloc[0]
    assert (bp.path, int(bp.start)) == ("a", 0)
    assert frame[frame.code == "PV001"].start.isna().all()
    empty = check_texts([NOTICE], select=["BP"]).findings_frame()
    assert len(empty) == 0 and list(empty.columns) == list(frame.columns)


def test_datatrove_step_annotates_and_drops() -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document as DTDocument

    from scrapegate.checks.datatrove_step import ScrapegateFilter

    spam = "各位代表：我代表县人民政府向大会报告工作。欢迎访问pp电子娱乐官网注册开户。\n"
    docs = [DTDocument(text=NOTICE, id="n"), DTDocument(text=spam, id="s")]
    kept = list(ScrapegateFilter(select=["SP"], batch_size=2).run(iter(docs)))
    assert [d.id for d in kept] == ["n"]
    assert docs[1].metadata["scrapegate"]["status"] == "fail" and "SP001" in docs[1].metadata["scrapegate"]["codes"]
    annotated = list(ScrapegateFilter(select=["SP"], drop=False).run(iter(
        [DTDocument(text=spam, id="s2")])))
    assert len(annotated) == 1 and annotated[0].metadata["scrapegate"]["status"] == "fail"


def test_a_file_changed_after_checking_is_an_input_error_not_an_abort(tmp_path: Path, monkeypatch) -> None:
    """With --write-clean the report phase reads each text again; a file edited in between is an
    input error for that file, and every other document keeps its report and cleaned text."""
    from scrapegate.checks import api

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("首页 > 通知公告\n" + NOTICE, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT, encoding="utf-8")
    real_run = api.run_batch

    def run_then_edit(*args, **kwargs):
        run = real_run(*args, **kwargs)
        (folder / "a.txt").write_text("改过的内容。\n", encoding="utf-8")
        return run

    monkeypatch.setattr(api, "run_batch", run_then_edit)
    result = check_paths([str(folder)], report_dir=tmp_path / "out", write_clean=tmp_path / "clean",
                         jobs=1, select=["BP"])
    assert result.exit_code == 2
    assert [e["path"] for e in result.summary["input_errors"]] == ["a.txt"]
    assert "changed while being checked" in result.summary["input_errors"][0]["error"]
    assert sorted(result.reports) == ["b.txt"]
    assert (tmp_path / "clean" / "b.txt").read_text("utf-8") == REPORT
    assert not (tmp_path / "out" / "a.txt.json").exists()
