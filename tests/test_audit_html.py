"""The HTML audit page: its content, its escaping of hostile documents, and a real headless Chromium.

The browser tests use Chromium from the system packages (Debian: ``apt-get install chromium``; .ci/run
installs it when it can) and skip, saying so, when no browser is installed.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from tree_fixtures import tree_digest, write_pack

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
HOSTILE = ('</pre></details></main><script>document.documentElement.dataset.pwned="1"</script>'
           '<img src=x onerror="document.documentElement.dataset.pwned=2">')


class _Page(HTMLParser):
    """Counts what matters: elements by tag, event-handler attributes, marks and their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}
        self.handlers: list[tuple[str, str]] = []
        self.meta: list[dict[str, str | None]] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        if tag == "meta":
            self.meta.append(dict(attrs))
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={profile}", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=120)


def test_seed_batch_page_content(workdir: Path, capsys) -> None:
    shutil.copy(workdir / "batch" / "004_550990f762e950b4.txt", workdir / "batch" / "copy.txt")
    assert main(["check", "batch", "--report-dir", "out", "--jobs", "1", "--html", "audit.html"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("Reports in out/; audit page audit.html")
    html = (workdir / "audit.html").read_text("utf-8")
    page = _parse(workdir / "audit.html")
    assert page.tags["script"] == 1 and page.handlers == []
    csp = next(m["content"] for m in page.meta if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "http://" not in html.replace("http-equiv", "") and "https://" not in html  # nothing from the network
    assert page.tags["details"] == 6
    assert "pp电子娱乐" in page.marks
    for code in ("BP001", "BP002", "DU001", "PV001", "SP001", "TR001", "TR002"):
        assert f'<tr data-set="rule" data-value="{code}"' in html
    for family in ("boilerplate", "duplicate", "provenance", "spam", "truncation"):
        assert f'<tr data-set="family" data-value="{family}"' in html
    assert '<tr data-set="source" data-value="(no source)"' in html
    assert '<li class="keeper"><a href="#doc-4">004_550990f762e950b4.txt</a> <b>keep</b></li>' in html
    counts = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))["documents"]
    for status in ("fail", "warn", "pass"):
        assert f'<div class="card st-{status}"><b>{counts[status]}</b><span>{status}</span></div>' in html


def test_report_command_rebuilds_the_same_page_from_the_reports(workdir: Path, capsys) -> None:
    main(["check", "batch", "--report-dir", "out", "--jobs", "1", "--html", "from-check.html"])
    assert main(["report", "out", "-o", "from-reports.html", "--root", "batch"]) == 0
    assert "Wrote the audit page of 5 documents to from-reports.html" in capsys.readouterr().out
    assert (workdir / "from-reports.html").read_text("utf-8") == (workdir / "from-check.html").read_text("utf-8")
    # A document edited since: its text is not shown against stale spans.
    (workdir / "batch" / "001_7c00190a20eabef2.txt").write_text("改过的文本。", "utf-8")
    main(["report", "out", "-o", "later.html", "--root", "batch"])
    assert "the file changed since the report was written" in (workdir / "later.html").read_text("utf-8")
    assert main(["report", "batch", "-o", "x.html"]) == 2
    assert "no summary.json here" in capsys.readouterr().err


def test_report_command_never_writes_over_what_it_reads(workdir: Path, capsys) -> None:
    """-o onto the folder's summary.json or a checked document replaced it with the page (exit 0)."""
    write_pack(workdir / "pack.jsonl", [{"id": "a", "text": "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。"}])
    main(["check", "batch", "pack.jsonl", "--report-dir", "out", "--jobs", "1", "-q"])
    before = tree_digest(workdir)
    for output, message in (("out/summary.json", "would overwrite a report of out"),
                            ("out/001_7c00190a20eabef2.txt.json", "would overwrite a report of out"),
                            ("batch/001_7c00190a20eabef2.txt", "would overwrite the checked document"),
                            ("pack.jsonl", "would overwrite the checked document pack.jsonl/a")):
        assert main(["report", "out", "-o", output, "--root", "batch", "--root", "."]) == 2
        assert f"--output {output}: {message}" in capsys.readouterr().err
    assert tree_digest(workdir) == before
    # a summary that is not what check wrote is a usage error, not a crash, and no page
    (workdir / "out" / "summary.json").write_text("<!DOCTYPE html>", "utf-8")
    assert main(["report", "out", "-o", "page.html", "--root", "batch"]) == 2
    assert "out/summary.json: not JSON written by `scrapegate check`" in capsys.readouterr().err
    assert not (workdir / "page.html").exists()


def test_report_command_skips_each_unreadable_report_and_keeps_the_others(workdir: Path, capsys) -> None:
    """A report cut short, removed, not UTF-8 or of another shape is named and left off; the page shows
    the rest and the command exits 2 (it stopped at the first one, with no page)."""
    main(["check", "batch", "--report-dir", "out", "--jobs", "1", "-q"])
    out = workdir / "out"
    names = sorted(p.name for p in out.glob("*.txt.json"))
    (out / names[0]).write_text('{"cut', "utf-8")
    (out / names[1]).write_bytes(b"\xff\xfe{}")
    (out / names[2]).write_text('{"document": []}', "utf-8")
    (out / names[3]).unlink()
    capsys.readouterr()
    assert main(["report", "out", "-o", "page.html", "--root", "batch"]) == 2
    captured = capsys.readouterr()
    assert f"out/{names[0]}: not JSON written by `scrapegate check`" in captured.err
    assert f"out/{names[1]}: not JSON written by `scrapegate check`" in captured.err
    assert f"out/{names[2]}: not a report written by `scrapegate check`; left off the page" in captured.err
    assert f"out/{names[3]}: No such file or directory; left off the page" in captured.err
    kept = [p for p in sorted(json.loads((out / "summary.json").read_text("utf-8"))["per_document"],
                              key=lambda e: e["path"]) if p["report"] not in names[:4]]
    assert f"Wrote the audit page of {len(kept)} document" in captured.out and "(4 reports left off)" in captured.out
    html = (workdir / "page.html").read_text("utf-8")
    for entry in kept:
        assert f"report <code>{entry['path']}.json</code>" in html
    # The counts are of the documents shown, not the summary's (which counts the four left off), and the
    # page says so.
    for status in ("fail", "warn", "pass"):
        shown = sum(entry["status"] == status for entry in kept)
        assert f'<div class="card st-{status}"><b>{shown}</b><span>{status}</span></div>' in html
    findings = sum(entry["error"] + entry["warning"] + entry["info"] for entry in kept)
    assert f"<p>{len(kept)} document{'s' * (len(kept) != 1)}, {findings} finding{'s' * (findings != 1)}: " in html
    assert ('4 reports of this run could not be read and are left off this page (<code>scrapegate report</code> '
            f"names them): the counts here are of the {len(kept)} document") in html
    assert "The run's summary counts 5 documents (" in html
    # Nothing left off: no such note, and the counts are the summary's.
    main(["check", "batch", "--report-dir", "whole", "--jobs", "1", "-q"])
    assert main(["report", "whole", "-o", "whole.html", "--root", "batch"]) == 0
    whole = (workdir / "whole.html").read_text("utf-8")
    assert 'id="left-off"' not in whole and "left off)" not in capsys.readouterr().out
    summary = json.loads((workdir / "whole" / "summary.json").read_text("utf-8"))
    assert f"<p>5 documents, {summary['findings']['total']} findings: " in whole


def test_report_command_skips_unreadable_lines_of_a_jsonl_shard(workdir: Path, capsys) -> None:
    main(["check", "batch", "--report-dir", "out", "--report-format", "jsonl", "--jobs", "1", "-q"])
    shard = workdir / "out" / "documents.reports.jsonl"
    lines = shard.read_bytes().splitlines(keepends=True)
    shard.write_bytes(b"".join([lines[0][:20] + b"\n", *lines[1:]]))
    capsys.readouterr()
    assert main(["report", "out", "-o", "page.html", "--root", "batch"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("left off the page") == 1
    assert "out/documents.reports.jsonl, line 1: not JSON written by `scrapegate check`" in captured.err
    assert f"Wrote the audit page of {len(lines) - 1} documents to page.html (1 report left off)" in captured.out
    html = (workdir / "page.html").read_text("utf-8")
    assert "1 report of this run could not be read and is left off this page" in html
    assert f"the counts here are of the {len(lines) - 1} documents shown" in html


def test_page_shows_pack_records_and_sources(workdir: Path) -> None:
    text = (workdir / "batch" / "001_7c00190a20eabef2.txt").read_text("utf-8")
    records = [{"id": "a", "url": "https://www.example.org/a.html", "text": text},
               {"id": "b", "source": "county-site", "text": "关于开展春季植树活动的通知\n各单位：请于3月12日前组织植树。"}]
    write_pack(workdir / "pack.jsonl", records)
    main(["check", "pack.jsonl", "--report-dir", "out", "--jobs", "1"])
    main(["report", "out", "-o", "audit.html", "--root", "."])
    html = (workdir / "audit.html").read_text("utf-8")
    assert '<tr data-set="source" data-value="www.example.org"' in html
    assert 'data-source="county-site"' in html
    assert "pp电子娱乐" in _parse(workdir / "audit.html").marks


def _hostile_batch(workdir: Path) -> None:
    folder = workdir / "hostile"
    folder.mkdir()
    name = '<img src=x onerror=alert(1)>.txt'
    body = (workdir / "batch" / "001_7c00190a20eabef2.txt").read_text("utf-8")
    (folder / name).write_text(HOSTILE + "\n" + body.replace("pp电子娱乐", "pp电子娱乐" + HOSTILE), "utf-8")
    with open(workdir / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "url", "title", "source"])
        writer.writerow([f"hostile/{name}", 'https://evil.example/"><script>alert(1)</script>',
                         '"><script>document.documentElement.dataset.pwned="3"</script>', "<b>evil</b>"])


def test_hostile_document_strings_are_escaped(workdir: Path) -> None:
    _hostile_batch(workdir)
    main(["check", "hostile", "--manifest", "manifest.csv", "--report-dir", "out", "--jobs", "1",
          "--html", "audit.html"])
    page = _parse(workdir / "audit.html")
    assert page.tags["script"] == 1 and page.tags.get("img", 0) == 0 and page.handlers == []
    assert page.tags["details"] == 1 and page.tags["main"] == 1 and page.tags["pre"] == 1
    assert any("<script>" in mark for mark in page.marks)  # the hostile text is shown, as text
    html = (workdir / "audit.html").read_text("utf-8")
    assert "&lt;b&gt;evil&lt;/b&gt;" in html


@pytest.mark.skipif(_browser() is None, reason="no Chromium or Chrome installed (Debian: apt-get install chromium)")
def test_the_page_in_headless_chromium(workdir: Path, tmp_path: Path) -> None:
    browser = _browser()
    _hostile_batch(workdir)
    shutil.copytree(workdir / "hostile", workdir / "batch" / "hostile")
    main(["check", "batch", "--manifest", "manifest.csv", "--report-dir", "out", "--jobs", "1",
          "--html", "audit.html"])
    url = (workdir / "audit.html").resolve().as_uri()
    done = _chromium(browser, tmp_path / "profile", "--dump-dom", url)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'data-ready="1"' in dom  # the page's own script ran (allowed by its CSP hash)
    assert "data-pwned" not in dom  # no script from a document ran
    assert dom.count('<details class="doc') == 6
    assert "(6 of 6 shown)" in dom
    assert dom.count("<img") == 0
    # Filters run in the browser; the URL's fragment presets them (a link to a filtered view).
    done = _chromium(browser, tmp_path / "profile", "--dump-dom", url + "#rule=SP001&status=fail")
    filtered = done.stdout
    assert "(2 of 6 shown)" in filtered  # seed 001 and the hostile copy of it
    shown = [line for line in filtered.split("<details ")[1:] if 'class="doc doc-' in line.split(">")[0]
             and "hidden" not in line.split(">")[0]]
    assert len(shown) == 2 and all('data-codes="' in d and "SP001" in d.split(">")[0] for d in shown)
    done = _chromium(browser, tmp_path / "profile", "--dump-dom", url + "#q=pp%E7%94%B5%E5%AD%90")  # pp电子
    assert "(2 of 6 shown)" in done.stdout
    shot = workdir / "audit.png"
    done = _chromium(browser, tmp_path / "profile", "--window-size=1400,1600", f"--screenshot={shot}", url)
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 1600)


@pytest.mark.parametrize("args, message", [
    (["--html", "batch/audit.html"], "--html batch/audit.html: would overwrite an input or be read as one"),
    (["--output-file", "batch/001_7c00190a20eabef2.txt"], "would overwrite an input"),
    (["--html", "nowhere/audit.html"], "the folder"),
])
def test_output_files_never_land_on_inputs(workdir: Path, capsys, args, message) -> None:
    assert main(["check", "batch", "--report-dir", "out", *args]) == 2
    assert message in capsys.readouterr().err
    assert not (workdir / "out").exists()  # refused before any work
