"""The HTML audit report: one self-contained page for a maintainer reviewing a batch.

``scrapegate report REPORT_DIR -o audit.html`` (from the JSON reports; each document's text is read
again from its file and shown only when its SHA-256 still matches the report) or
``scrapegate check … --html audit.html`` (from the run itself). The page shows the status counts;
findings by rule, by family and by source (the manifest's ``source``, else the source URL's host:
which scrape target produces which defects); every document's text with each finding's span
highlighted and the finding beside it; duplicate clusters with the copy to keep; filters and a search.

Safety: every string that comes from a document, a manifest or a report is HTML-escaped, the page's
only script is inline and allowed by hash in its Content-Security-Policy (``default-src 'none'``), so
a hostile document can neither run script nor break the page, and the page loads nothing from the
network.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import urlsplit

from scrapegate.checks.document import Document, split_lines
from scrapegate.checks.errors import UsageError
from scrapegate.checks.output_formats import plural
from scrapegate.checks.packs import FieldMap, PackRecord, pack_format, read_pack

SEVERITIES = ("error", "warning", "info")
STATUSES = ("fail", "warn", "pass")
NO_SOURCE = "(no source)"


@dataclass
class AuditDocument:
    key: str
    report: dict[str, Any]
    text: str | None
    note: str = ""
    """Why the text is not shown (not found, or changed since the report)."""

    @property
    def source(self) -> str:
        doc = self.report["document"]
        manifest = doc.get("manifest") or {}
        if manifest.get("source"):
            return str(manifest["source"])
        url = doc.get("source_url") or manifest.get("url")
        host = urlsplit(url).hostname if url else None
        return host or NO_SOURCE


def _h(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


# --- gathering the documents ------------------------------------------------------------------------

def documents_from_run(reports: dict[str, dict[str, Any]], texts: dict[str, str]) -> list[AuditDocument]:
    return [AuditDocument(key, rep, texts.get(key)) for key, rep in sorted(reports.items())]


def documents_from_report_dir(report_dir: Path, roots: Sequence[Path]
                              ) -> tuple[dict[str, Any], list[AuditDocument], list[str]]:
    """The summary and every document of a report folder, with its text when it can be found unchanged,
    and why each report that could not be read was left off (``<file>: <why>``): one missing, cut short
    or replaced report never loses the others' documents. An unreadable summary is a usage error."""
    summary = _read_report(report_dir / "summary.json")
    if not isinstance(summary, dict) or not isinstance(summary.get("per_document"), list):
        raise UsageError(f"{report_dir / 'summary.json'}: not a summary written by `scrapegate check`")
    docs = []
    skipped: list[str] = []
    packs: dict[Path, dict[str, PackRecord]] = {}
    # --report-format jsonl: each shard's reports by path, and whether every line of it could be read
    shards: dict[str, tuple[dict[str, Any], bool]] = {}
    for entry in summary["per_document"]:
        name = entry["report"]
        try:
            if name.endswith(".reports.jsonl"):
                if name not in shards:
                    shards[name] = _read_shard(report_dir / name, skipped)
                reports, whole = shards[name]
                report = reports.get(entry["path"])
                if report is None:
                    if whole:  # else its unreadable line is named already
                        skipped.append(f"{report_dir / name}: no report of {entry['path']}")
                    continue
            else:
                report = _read_report(report_dir / name)
                _check_shape(report_dir / name, report)
        except UsageError as exc:
            skipped.append(str(exc))
            continue
        text, note = find_text(report["document"], roots, packs)
        docs.append(AuditDocument(entry["path"], report, text, note))
    return summary, docs, skipped


def _read_shard(shard: Path, skipped: list[str]) -> tuple[dict[str, Any], bool]:
    """A ``--report-format jsonl`` shard's reports by path and whether all of it was read; the shard
    or each line that cannot be read is named in ``skipped``."""
    try:
        lines = shard.read_bytes().splitlines()
    except OSError as exc:
        skipped.append(f"{shard}: {exc.strerror or exc}")
        return {}, False
    reports: dict[str, Any] = {}
    whole = True
    for number, line in enumerate(lines, 1):
        where = f"{shard}, line {number}"
        try:
            report = _parsed(Path(where), line)
            _check_shape(Path(where), report)
        except UsageError as exc:
            skipped.append(str(exc))
            whole = False
            continue
        reports[report["document"]["path"]] = report
    return reports, whole


def _check_shape(path: Path, report: Any) -> None:
    """What the page reads of a report is there (valid JSON of another shape would crash the page)."""
    document = report.get("document") if isinstance(report, dict) else None
    if not (isinstance(document, dict) and isinstance(document.get("path"), str)
            and isinstance(document.get("sha256"), str) and isinstance(report.get("findings"), list)
            and isinstance(report.get("status"), str)):
        raise UsageError(f"{path}: not a report written by `scrapegate check`")


def _read_report(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    return _parsed(path, raw)


def _parsed(path: Path, raw: bytes) -> Any:
    """A report folder's JSON, or a usage error naming the file (a file replaced or cut short since the run)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError included
        raise UsageError(f"{path}: not JSON written by `scrapegate check` ({exc})") from None


def find_text(document: dict[str, Any], roots: Sequence[Path],
              packs: dict[Path, dict[str, PackRecord]] | None = None) -> tuple[str | None, str]:
    """The document's decoded text from ``<root>/<path>`` (or from its pack), if its SHA-256 matches.

    ``packs`` caches the packs already read (each is read once, not once per record)."""
    key = document["path"]
    changed = False
    for root in roots:
        for raw, text in _candidates(root, key, {} if packs is None else packs):
            if hashlib.sha256(raw).hexdigest() == document["sha256"]:
                return text, ""
            changed = True
    if changed:
        return None, "the file changed since the report was written: its text is not shown"
    where = ", ".join(str(r) for r in roots) or "."
    return None, f"text not found under {where} (give the checked folder with --root)"


def _candidates(root: Path, key: str, packs: dict[Path, dict[str, PackRecord]]) -> Iterable[tuple[bytes, str]]:
    direct = root / key
    if direct.is_file():
        raw = direct.read_bytes()
        yield raw, Document.from_bytes(key, raw).text
        return
    parts = key.split("/")
    for cut in range(len(parts) - 1, 0, -1):  # a pack record: <pack path>/<record id>
        pack = root.joinpath(*parts[:cut])
        if pack.is_file() and pack_format(pack.name):
            if pack not in packs:
                records, _ = read_pack(pack, "/".join(parts[:cut]), str(pack), FieldMap())
                packs[pack] = {r.key: r for r in records}
            record = packs[pack].get(key)
            if record is not None and record.text is not None:
                yield record.text.encode("utf-8"), record.text
            elif record is not None and record.data is not None:
                yield record.data, Document.from_bytes(key, record.data).text
            return


# --- the page ---------------------------------------------------------------------------------------

def render_page(summary: dict[str, Any], documents: list[AuditDocument], *, origin: str,
                left_off: int = 0) -> str:
    """The page of ``documents``; ``left_off``: how many of the run's reports could not be read and
    are not among them (the page says so, and its counts are of the documents it shows)."""
    findings = [(d, f) for d in documents for f in d.report["findings"]]
    script = _SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    families = sorted({f["category"] for _, f in findings})
    codes = sorted({f["code"] for _, f in findings})
    sources = sorted({d.source for d in documents})
    parts = [
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_h(csp)}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>scrapegate audit: {_h(origin)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        _header(summary, documents, origin, left_off),
        _controls(families, codes, sources),
        "<main>\n",
        _tables(summary, documents, findings),
        _clusters(summary, documents),
        _input_errors(summary),
        "<section id=\"documents\">\n<h2>Documents <span id=\"shown\"></span></h2>\n",
        *(_document(i, d) for i, d in enumerate(documents)),
        "</section>\n</main>\n",
        f"<script>{script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _header(summary: dict[str, Any], documents: list[AuditDocument], origin: str, left_off: int) -> str:
    """The overall status and the counts, of the documents the page shows: the summary's counts of the
    run would include the reports left off (``left_off``), which the page then names beside them."""
    statuses = Counter(d.report["status"] for d in documents)
    sev = Counter(f["severity"] for d in documents for f in d.report["findings"])
    input_errors = summary["documents"].get("input_errors", 0)
    cards = [(s, statuses.get(s, 0)) for s in STATUSES] + [("input errors", input_errors)]
    card_html = "".join(f"<div class=\"card st-{_h(name.split()[0])}\"><b>{n}</b><span>{_h(name)}</span></div>"
                        for name, n in cards)
    sev_html = " · ".join(f"<span class=\"sev-{s}\">{plural(sev.get(s, 0), s, 'info' if s == 'info' else None)}</span>"
                          for s in SEVERITIES)
    baseline = summary.get("baseline")
    base = (f"<p>Baseline {_h(baseline['file'])}: {plural(baseline['suppressed'], 'finding')} held back, "
            f"{plural(len(baseline['stale']), 'stale entry', 'stale entries')}.</p>") if baseline else ""
    return (f"<header>\n<h1>scrapegate audit</h1>\n<p class=\"meta\">{_h(origin)} · checked by scrapegate "
            f"{_h(summary['tool']['version'])} · gate <code>--fail-on {_h(summary['fail_on'])}</code> · overall "
            f"<b class=\"st-{_h(summary['status'])}\">{_h(summary['status'])}</b></p>\n<div class=\"cards\" id=\"status-counts\">{card_html}</div>\n"
            f"<p>{plural(len(documents), 'document')}, {plural(sum(sev.values()), 'finding')}: "
            f"{sev_html}</p>{_left_off(summary, len(documents), left_off)}{base}\n</header>\n")


def _left_off(summary: dict[str, Any], shown: int, left_off: int) -> str:
    if not left_off:
        return ""
    docs = summary["documents"]
    run = ", ".join(f"{s} {docs.get(s, 0)}" for s in STATUSES)
    one = left_off == 1
    return (f"\n<p class=\"note\" id=\"left-off\">{plural(left_off, 'report')} of this run could not be read "
            f"and {'is' if one else 'are'} left off this page (<code>scrapegate report</code> names "
            f"{'it' if one else 'them'}): the counts here are of the {plural(shown, 'document')} shown. The "
            f"run's summary counts {plural(docs['total'], 'document')} ({run}) and "
            f"{plural(summary['findings']['total'], 'finding')}.</p>")


def _controls(families: list[str], codes: list[str], sources: list[str]) -> str:
    def select(name: str, label: str, values: Iterable[str]) -> str:
        options = "".join(f"<option value=\"{_h(v)}\">{_h(v)}</option>" for v in values)
        return (f"<label>{label} <select id=\"f-{name}\" data-filter=\"{name}\"><option value=\"\">all</option>"
                f"{options}</select></label>")

    return ("<nav id=\"controls\">\n<input id=\"search\" type=\"search\" placeholder=\"search text, paths, messages\" "
            "aria-label=\"search\">\n"
            + select("status", "status", STATUSES) + select("severity", "severity", SEVERITIES)
            + select("family", "family", families) + select("rule", "rule", codes)
            + select("source", "source", sources)
            + "<button type=\"button\" id=\"reset\">reset</button><button type=\"button\" id=\"expand\">expand shown"
              "</button><button type=\"button\" id=\"collapse\">collapse all</button>\n</nav>\n")


def _count_table(title: str, anchor: str, filter_name: str, rows: list[tuple[str, str, Counter, int]]) -> str:
    body = "".join(
        f"<tr data-set=\"{filter_name}\" data-value=\"{_h(value)}\" tabindex=\"0\"><td><b>{_h(value)}</b>"
        f"{(' ' + _h(label)) if label else ''}</td><td class=\"n\">{sum(c.values())}</td>"
        + "".join(f"<td class=\"n sev-{s}\">{c.get(s, 0) or ''}</td>" for s in SEVERITIES)
        + f"<td class=\"n\">{docs}</td></tr>\n"
        for value, label, c, docs in rows)
    return (f"<div class=\"table\" id=\"{anchor}\"><h3>{title}</h3><table><thead><tr><th></th><th>findings</th>"
            + "".join(f"<th>{s}</th>" for s in SEVERITIES)
            + f"<th>documents</th></tr></thead><tbody>\n{body}</tbody></table></div>\n")


def _tables(summary: dict[str, Any], documents: list[AuditDocument],
            findings: list[tuple[AuditDocument, dict[str, Any]]]) -> str:
    def grouped(key) -> list[tuple[str, Counter, int]]:
        counts: dict[str, Counter] = defaultdict(Counter)
        docs: dict[str, set[str]] = defaultdict(set)
        for d, f in findings:
            counts[key(d, f)][f["severity"]] += 1
            docs[key(d, f)].add(d.key)
        return [(k, counts[k], len(docs[k])) for k in counts]

    names = {f["code"]: f["name"] for _, f in findings}
    by_rule = sorted(grouped(lambda d, f: f["code"]), key=lambda r: r[0])
    by_family = sorted(grouped(lambda d, f: f["category"]), key=lambda r: (-sum(r[1].values()), r[0]))
    by_source = sorted(grouped(lambda d, f: d.source), key=lambda r: (-sum(r[1].values()), r[0]))
    source_docs = Counter(d.source for d in documents)
    failing = Counter(d.source for d in documents if d.report["status"] == "fail")
    return ("<section id=\"overview\"><h2>Findings</h2><div class=\"tables\">\n"
            + _count_table("by rule", "by-rule", "rule", [(c, names[c], n, k) for c, n, k in by_rule])
            + _count_table("by family", "by-family", "family", [(c, "", n, k) for c, n, k in by_family])
            + _count_table("by source", "by-source", "source",
                           [(s, f"({failing[s]} of {source_docs[s]} fail)", n, k) for s, n, k in by_source])
            + "</div></section>\n")


def _clusters(summary: dict[str, Any], documents: list[AuditDocument]) -> str:
    clusters = summary.get("duplicate_clusters") or []
    if not clusters:
        return "<section id=\"clusters\"><h2>Duplicate clusters</h2><p>none</p></section>\n"
    keeps: Counter = Counter()
    for d in documents:
        for f in d.report["findings"]:
            if f["category"] == "duplicate" and f.get("details", {}).get("keep"):
                keeps[f["details"]["keep"]] += 1
    index = {d.key: i for i, d in enumerate(documents)}
    items = []
    for cluster in clusters:
        keeper = max(cluster, key=lambda p: (keeps[p], -cluster.index(p)))
        members = "".join(
            f"<li class=\"{'keeper' if p == keeper else 'drop'}\">"
            + (f"<a href=\"#doc-{index[p]}\">{_h(p)}</a>" if p in index else _h(p))
            + (" <b>keep</b>" if p == keeper else " drop") + "</li>" for p in cluster)
        items.append(f"<li><ul class=\"cluster\">{members}</ul></li>")
    return (f"<section id=\"clusters\"><h2>Duplicate clusters ({len(clusters)})</h2><ol>{''.join(items)}</ol>"
            "</section>\n")


def _input_errors(summary: dict[str, Any]) -> str:
    errors = summary.get("input_errors") or []
    rule_errors = summary.get("rule_errors") or []
    if not errors and not rule_errors:
        return ""
    items = [f"<li>{_h(e['path'])}: {_h(e['error'])}</li>" for e in errors]
    items += [f"<li>{_h(e.get('path') or 'batch')}: rule {_h(e['code'])} crashed: {_h(e['error'])}</li>"
              for e in rule_errors]
    return f"<section id=\"errors\"><h2>Input and rule errors</h2><ul>{''.join(items)}</ul></section>\n"


def _positions(text: str) -> Callable[[int], str]:
    """``line:column`` (1-based, code points) of an offset."""
    starts = [line.start for line in split_lines(text)]

    def at(offset: int) -> str:
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return f"{i + 1}:{offset - starts[i] + 1}"

    return at


def _highlighted(text: str, findings: list[dict[str, Any]], doc_id: int) -> str:
    """The text with each span in a <mark>; overlapping spans split into segments that name all of them."""
    spans = [(i, f["span"]["start"], f["span"]["end"]) for i, f in enumerate(findings)
             if f.get("span") and 0 <= f["span"]["start"] <= f["span"]["end"] <= len(text)]
    bounds = sorted({0, len(text), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    points: dict[int, list[int]] = defaultdict(list)
    for i, s, e in spans:
        if s == e:
            points[s].append(i)
    out = []
    for a, b in zip(bounds, bounds[1:] + [None]):
        for i in points.get(a, ()):
            sev = findings[i]["severity"]
            out.append(f"<mark class=\"point sev-{sev}\" id=\"m-{doc_id}-{i}\" data-f=\"{i}\" "
                       f"title=\"{_h(findings[i]['code'])}\">⟂</mark>")
        if b is None:
            break
        piece = _h(text[a:b])
        covering = [i for i, s, e in spans if s <= a and b <= e and s < e]
        if not covering:
            out.append(piece)
            continue
        worst = min((findings[i]["severity"] for i in covering), key=SEVERITIES.index)
        first = [i for i, s, _ in spans if s == a and i in covering]
        ident = f" id=\"m-{doc_id}-{first[0]}\"" if first else ""
        codes = " ".join(findings[i]["code"] for i in covering)
        out.append(f"<mark class=\"sev-{worst}\"{ident} data-f=\"{' '.join(map(str, covering))}\" "
                   f"title=\"{_h(codes)}\">{piece}</mark>")
    return "".join(out)


def _document(doc_id: int, d: AuditDocument) -> str:
    rep = d.report
    doc = rep["document"]
    findings = rep["findings"]
    at = _positions(d.text) if d.text is not None else None
    severities = {f["severity"] for f in findings}
    attrs = {
        "status": rep["status"], "source": d.source,
        "codes": " ".join(sorted({f["code"] for f in findings})),
        "families": " ".join(sorted({f["category"] for f in findings})),
        "severities": " ".join(sorted(severities)),
    }
    data = "".join(f" data-{k}=\"{_h(v)}\"" for k, v in attrs.items())
    counts = ", ".join(plural(rep["summary"][s], s, "info" if s == "info" else None)
                       for s in SEVERITIES if rep["summary"].get(s))
    title = doc.get("title")
    url = doc.get("source_url")
    meta = " · ".join(x for x in (
        f"title {_h(title)}" if title else "", f"URL <code>{_h(url)}</code>" if url else "",
        f"source <b>{_h(d.source)}</b>", f"{_h(doc.get('encoding'))}, {doc.get('chars')} characters",
        f"report <code>{_h(d.key)}.json</code>") if x)
    items = []
    for i, f in enumerate(findings):
        where = at(f["span"]["start"]) if at and f.get("span") else ("whole document" if not f.get("span") else "")
        details = f.get("details") or {}
        extra = ""
        if f["category"] == "duplicate" and details.get("other"):
            extra = f"<div class=\"dup\">other: {_h(details['other'])}; keep: <b>{_h(details.get('keep'))}</b></div>"
        items.append(
            f"<li class=\"finding sev-{_h(f['severity'])}\" data-f=\"{i}\" data-code=\"{_h(f['code'])}\" "
            f"data-family=\"{_h(f['category'])}\" data-severity=\"{_h(f['severity'])}\" tabindex=\"0\">"
            f"<div><b>{_h(f['code'])}</b> <span class=\"name\">{_h(f['name'])}</span> "
            f"<span class=\"badge sev-{_h(f['severity'])}\">{_h(f['severity'])}</span> "
            f"<span class=\"where\">{_h(where)}</span></div><div class=\"msg\">{_h(f['message'])}</div>"
            + (f"<div class=\"excerpt\">{_h(f['excerpt'])}</div>" if f.get("excerpt") and d.text is None else "")
            + extra + "</li>")
    if d.text is not None:
        body = f"<pre class=\"text\">{_highlighted(d.text, findings, doc_id)}</pre>"
    else:
        body = f"<p class=\"note\">{_h(d.note)}</p>"
    errors = "".join(f"<li class=\"finding sev-error\">rule {_h(c['code'])} crashed: {_h(c['error'])}</li>"
                     for c in rep.get("rule_errors", []))
    return (f"<details class=\"doc doc-{_h(rep['status'])}\" id=\"doc-{doc_id}\"{data}>"
            f"<summary><span class=\"badge st-{_h(rep['status'])}\">{_h(rep['status'])}</span> "
            f"<span class=\"path\">{_h(d.key)}</span> <span class=\"counts\">{_h(counts) or 'no findings'}</span>"
            f"</summary>\n<p class=\"meta\">{meta}</p>\n<div class=\"docbody\">{body}"
            f"<ol class=\"findings\">{''.join(items)}{errors}</ol></div></details>\n")


_STYLE = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--pass:#2e7d32;--bg:#fafafa;--line:#ddd}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:0;background:var(--bg);color:#222}
header,main,nav{padding:0 24px}header{background:#fff;border-bottom:1px solid var(--line);padding-bottom:8px}
h1{margin:0;padding-top:12px;font-size:22px}h2{font-size:18px;margin:20px 0 8px}h3{font-size:15px;margin:4px 0}
.meta{color:#555;margin:4px 0}.cards{display:flex;gap:12px;margin:8px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px 16px;min-width:90px;text-align:center}
.card b{display:block;font-size:24px}.card.st-fail b{color:var(--err)}.card.st-warn b{color:var(--warn)}
.card.st-pass b{color:var(--pass)}.card.st-input b{color:#555}
nav{position:sticky;top:0;background:#eef2f6;border-bottom:1px solid var(--line);padding:8px 24px;z-index:2;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
#search{flex:1;min-width:220px;padding:4px 8px}
.tables{display:flex;flex-wrap:wrap;gap:16px}.table{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px}
table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}td.n{text-align:right}
tr[data-set]{cursor:pointer}tr[data-set]:hover,tr.active{background:#e3f2fd}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.st-fail{color:var(--err)}.st-warn{color:var(--warn)}.st-pass{color:var(--pass)}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;border:1px solid currentColor}
details.doc{background:#fff;border:1px solid var(--line);border-left:4px solid var(--pass);border-radius:4px;margin:6px 0;padding:4px 10px}
details.doc.doc-fail{border-left-color:var(--err)}details.doc.doc-warn{border-left-color:var(--warn)}
summary{cursor:pointer}.path{font-family:ui-monospace,monospace}.counts{color:#666;margin-left:8px}
.docbody{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:12px;align-items:start}
pre.text{white-space:pre-wrap;word-break:break-all;background:#fcfcfc;border:1px solid #eee;padding:8px;max-height:70vh;overflow:auto;margin:0;font:13px/1.6 "Noto Sans Mono CJK SC","Noto Sans CJK SC","WenQuanYi Zen Hei Mono",ui-monospace,monospace}
mark{border-radius:2px;padding:0 1px;color:inherit;cursor:pointer}
mark.sev-error{background:#ffcdd2}mark.sev-warning{background:#ffe0b2}mark.sev-info{background:#bbdefb}
mark.point{background:none;font-weight:bold}mark.sev-error.point{color:var(--err)}
mark.flash,li.flash{outline:3px solid #7e57c2}
ol.findings{list-style:none;margin:0;padding:0;position:sticky;top:56px;max-height:70vh;overflow:auto}
li.finding{border-left:3px solid currentColor;padding:4px 8px;margin:0 0 6px;background:#fff;cursor:pointer}
li.finding .msg,li.finding .excerpt,li.finding .dup{color:#333}li.finding .excerpt{font-family:monospace;color:#666}
li.finding .name{color:#666}li.finding .where{float:right;color:#888;font-family:monospace}
li.finding.dim{opacity:.35}.note{color:#666;font-style:italic}
ul.cluster{list-style:none;padding:0;margin:4px 0;display:flex;gap:12px;flex-wrap:wrap}
li.keeper{font-weight:bold;color:var(--pass)}li.drop{color:#777}
.hidden{display:none}
"""

_SCRIPT = """
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var search = document.getElementById("search");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var shown = document.getElementById("shown");
  var order = {error: 3, warning: 2, info: 1};
  function value(name) { return document.getElementById("f-" + name).value; }
  function apply() {
    var q = search.value.trim().toLowerCase();
    var st = value("status"), sev = value("severity"), fam = value("family"), rule = value("rule"), src = value("source");
    var n = 0;
    docs.forEach(function (d) {
      var ok = (!st || d.dataset.status === st) && (!src || d.dataset.source === src) &&
        (!fam || (" " + d.dataset.families + " ").indexOf(" " + fam + " ") >= 0) &&
        (!rule || (" " + d.dataset.codes + " ").indexOf(" " + rule + " ") >= 0) &&
        (!sev || d.dataset.severities.split(" ").some(function (s) { return order[s] >= order[sev]; })) &&
        (!q || d.textContent.toLowerCase().indexOf(q) >= 0);
      d.classList.toggle("hidden", !ok);
      if (ok) { n += 1; }
      d.querySelectorAll("li.finding[data-code]").forEach(function (li) {
        var match = (!rule || li.dataset.code === rule) && (!fam || li.dataset.family === fam) &&
          (!sev || order[li.dataset.severity] >= order[sev]);
        li.classList.toggle("dim", !match);
      });
    });
    shown.textContent = "(" + n + " of " + docs.length + " shown)";
    var state = selects.filter(function (s) { return s.value; }).map(function (s) {
      return s.dataset.filter + "=" + encodeURIComponent(s.value);
    });
    if (q) { state.push("q=" + encodeURIComponent(search.value.trim())); }
    if (history.replaceState && location.protocol !== "about:") {
      try { history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname); } catch (e) {}
    }
    document.querySelectorAll("tr[data-set]").forEach(function (tr) {
      tr.classList.toggle("active", value(tr.dataset.set) === tr.dataset.value);
    });
  }
  function flash(el) {
    if (!el) { return; }
    el.scrollIntoView({block: "center"});
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }
  search.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  document.querySelectorAll("tr[data-set]").forEach(function (tr) {
    tr.addEventListener("click", function () {
      var sel = document.getElementById("f-" + tr.dataset.set);
      sel.value = sel.value === tr.dataset.value ? "" : tr.dataset.value;
      apply();
      document.getElementById("documents").scrollIntoView();
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = ""; selects.forEach(function (s) { s.value = ""; }); apply();
  });
  document.getElementById("expand").addEventListener("click", function () {
    docs.forEach(function (d) { if (!d.classList.contains("hidden")) { d.open = true; } });
  });
  document.getElementById("collapse").addEventListener("click", function () {
    docs.forEach(function (d) { d.open = false; });
  });
  docs.forEach(function (d) {
    var id = d.id.slice(4);
    d.querySelectorAll("li.finding[data-f]").forEach(function (li) {
      li.addEventListener("click", function () { flash(document.getElementById("m-" + id + "-" + li.dataset.f)); });
    });
    d.querySelectorAll("mark[data-f]").forEach(function (m) {
      m.addEventListener("click", function () {
        flash(d.querySelector("li.finding[data-f='" + m.dataset.f.split(" ")[0] + "']"));
      });
    });
  });
  docs.forEach(function (d) { if (d.dataset.status === "fail") { d.open = true; } });
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var at = pair.indexOf("="), key = pair.slice(0, at), val;
    if (at < 1) { return; }
    try { val = decodeURIComponent(pair.slice(at + 1)); } catch (e) { return; }
    var sel = document.getElementById("f-" + key);
    if (key === "q") { search.value = val; }
    else if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === val; })) { sel.value = val; }
  });
  apply();
  document.documentElement.dataset.ready = "1";
})();
"""


__all__ = ["render_page", "documents_from_run", "documents_from_report_dir"]
