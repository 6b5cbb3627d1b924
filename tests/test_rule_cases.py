"""Rule case files: every rule's flagged and passing cases, run through the real pipeline.

One file per rule, ``tests/rules/<CODE>.toml``::

    [[flagged]]
    name = "brand glued into a footer sentence"      # what the case shows
    text = \"\"\"…the document…\"\"\"                      # your own written/paraphrased text
    spans = ["pp电子娱乐"]       # optional: each string is exactly the text of one finding's span
                                #   (one finding each; further findings of the code are allowed)
    severity = "error"          # optional: every finding of this code has this severity
    file = "page.html"          # optional: the document's file name (default "case.txt")
    url = "…"; title = "…"; region = "…"   # optional manifest fields (a manifest is written)
    expect_region = "湖北省"    # optional: ``--expect-region``
    batch = [\"\"\"other doc\"\"\", …]  # optional: other documents checked in the same batch
    details = { kind = "mid-sentence" }   # optional: these keys/values all appear in one finding's details
    example = true              # optional: this case is the rule's docstring example (see below)

    [[passing]]
    name = "彩票公益金 is the lottery fund, not an offer"
    text = \"\"\"…\"\"\"               # same optional keys; passing: no finding of this code in any document

Extensions of the format, for the cases the basic keys cannot express:

* ``encoding = "gbk"``: the text is written in that codec (default UTF-8). Inside the text,
  ``⟪ff fe⟫`` stands for those raw bytes (undecodable input, EN001) and ``⟪gbk:本文地址…⟫`` for that
  text in another codec (a file in mixed encodings, EN002).
* A ``batch`` item may be a table with the document keys ``text``, ``file``, ``encoding``, ``url``,
  ``title``, ``region`` instead of a plain string (default name ``batch_<i>.txt``).
* ``index_batch = [...]`` (items as in ``batch``; default name ``indexed_<i>.txt``): documents checked
  first with ``--update-index`` into a fresh index; the case is then checked with ``--index`` (DU004).
* ``config = \"\"\"…\"\"\"``: the config file's text (default: empty, so no project config is read).

Every case runs with ``check_paths(select=[CODE], jobs=1, write_reports=False)`` on files written to a
temporary folder, with an explicit config file; a rule crash or an input error fails the case.

Docstring examples: each rule has exactly one flagged case with ``example = true``. Its docstring's
example (the paragraph starting ``Example``) is executed through that case: every literal the example
shows (````…```` runs, and the lines of an ``Example::`` block without their ``<-`` comments, split at
``...``/``…`` elisions) must occur in what the case ran (its input texts, file names and manifest
fields) or in what it produced (the decoded text, findings' spans, messages and details), and at
least one of them in what the rule reported (its findings' spans, messages and details): an example
that only repeats its input shows nothing the rule does.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scrapegate.checks import check_paths
from scrapegate.checks.config import family_of
from scrapegate.checks.registry import CAPPED_DETAILS, all_rules, builtin_families, details_keys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).resolve().parent / "rules"
KINDS = ("flagged", "passing")
DOC_KEYS = {"text", "file", "encoding", "url", "title", "region"}
CASE_KEYS = DOC_KEYS | {"name", "spans", "severity", "expect_region", "batch", "index_batch", "details",
                        "example", "config"}
MANIFEST_KEYS = ("url", "title", "region")
RAW = re.compile(r"⟪(?:([a-z][a-z0-9_-]*):(.*?)|([0-9a-fA-F ]+))⟫", re.S)


def load(code: str) -> dict[str, list[dict[str, Any]]]:
    data = tomllib.loads((CASES / f"{code}.toml").read_text(encoding="utf-8"))
    unknown = set(data) - set(KINDS)
    assert not unknown, f"{code}.toml: unknown tables {sorted(unknown)}"
    for kind in KINDS:
        for case in data.get(kind, []):
            bad = set(case) - CASE_KEYS
            assert not bad, f"{code}.toml [{kind}] {case.get('name')!r}: unknown keys {sorted(bad)}"
            assert case.get("name") and "text" in case, f"{code}.toml [{kind}]: a case needs name and text"
            assert kind == "flagged" or not {"spans", "severity", "details", "example"} & set(case), \
                f"{code}.toml passing {case['name']!r}: spans/severity/details/example are for flagged cases"
    return {kind: data.get(kind, []) for kind in KINDS}


def _params() -> list:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        for kind, cases in load(path.stem).items():
            out.extend(pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{case['name']}")
                       for case in cases)
    return out


def encode(text: str, encoding: str) -> bytes:
    """The text in ``encoding``; ``⟪hex⟫`` are those raw bytes, ``⟪codec:text⟫`` that text in that codec."""
    out, cursor = bytearray(), 0
    for match in RAW.finditer(text):
        out += text[cursor:match.start()].encode(encoding)
        codec, part, raw = match.groups()
        out += part.encode(codec) if codec else bytes.fromhex(raw)
        cursor = match.end()
    return bytes(out + text[cursor:].encode(encoding))


def _documents(case: dict[str, Any]) -> list[dict[str, Any]]:
    main = {k: case[k] for k in DOC_KEYS if k in case}
    main.setdefault("file", "case.txt")
    return [main, *_items(case.get("batch", []), "batch")]


def _items(items: list, prefix: str) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(items):
        doc = dict(item) if isinstance(item, dict) else {"text": item}
        assert set(doc) <= DOC_KEYS and "text" in doc, f"{prefix} item {i}: keys must be among {sorted(DOC_KEYS)}"
        doc.setdefault("file", f"{prefix}_{i}.txt")
        out.append(doc)
    return out


def _write(folder: Path, docs: list[dict[str, Any]], manifest: Path) -> None:
    rows = []
    for doc in docs:
        path = folder / doc["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(doc["text"], doc.get("encoding", "utf-8")))
        if any(k in doc for k in MANIFEST_KEYS):
            rows.append({"path": str(path), **{k: doc[k] for k in MANIFEST_KEYS if k in doc}})
    if rows:
        manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@dataclass
class Ran:
    """One case's run: the reports by key, and the main document's findings of the case's code."""

    reports: dict[str, dict[str, Any]]
    main: str
    findings: list[dict[str, Any]]
    texts: dict[str, str]

    def span_text(self, finding: dict[str, Any]) -> str | None:
        span = finding["span"]
        return self.texts[self.main][span["start"]:span["end"]] if span else None


def run_case(code: str, case: dict[str, Any], tmp_path: Path) -> Ran:
    config = tmp_path / "scrapegate.toml"
    config.write_text(case.get("config", ""), encoding="utf-8")
    index = None
    if "index_batch" in case:
        index = tmp_path / "index.sqlite"
        manifest = tmp_path / "indexed.jsonl"
        _write(tmp_path / "indexed", _items(case["index_batch"], "indexed"), manifest)
        first = check_paths([tmp_path / "indexed"], manifest=manifest if manifest.exists() else None,
                            config=config, select=[code], jobs=1, write_reports=False, index=index,
                            update_index=True)
        assert not first.summary["rule_errors"] and not first.summary["input_errors"]
    docs = _documents(case)
    manifest = tmp_path / "manifest.jsonl"
    _write(tmp_path / "docs", docs, manifest)
    result = check_paths([tmp_path / "docs"], manifest=manifest if manifest.exists() else None,
                         config=config, select=[code], jobs=1, write_reports=False, index=index,
                         expect_region=case.get("expect_region"))
    assert not result.summary["rule_errors"], result.summary["rule_errors"]
    assert not result.summary["input_errors"], result.summary["input_errors"]
    main = docs[0]["file"]
    texts = {r.document.key: r.document.text for r in result.run.results}
    findings = [f for f in result.reports[main]["findings"] if f["code"] == code]
    return Ran(result.reports, main, findings, texts)


def undocumented_details(reports: dict[str, dict[str, Any]]) -> list[str]:
    """The details keys of these reports' findings that the rule's family does not document (its
    details schema, which ``scrapegate rule CODE`` and the report schema print), as ``CODE.key``."""
    known = all_rules(include_plugins=False)
    missing = []
    for report in reports.values():
        for f in report["findings"]:
            documented = {key for key, description in details_keys(family_of(known[f["code"]]), f["code"])
                          if description} | set(CAPPED_DETAILS)
            missing += [f"{f['code']}.{key}" for key in f["details"] if key not in documented]
    return sorted(set(missing))


@pytest.mark.parametrize("code, kind, case", _params())
def test_case(code, kind, case, tmp_path):
    ran = run_case(code, case, tmp_path)
    assert not undocumented_details(ran.reports), \
        f"details keys without a description in the family's details_schema: {undocumented_details(ran.reports)}"
    if kind == "passing":
        flagged = {key: [(f["message"], f["span"]) for f in r["findings"] if f["code"] == code]
                   for key, r in ran.reports.items()}
        assert not any(flagged.values()), flagged
        return
    assert ran.findings, f"{code} found nothing in {ran.main}"
    got = [ran.span_text(f) for f in ran.findings]
    unmatched = list(got)
    for span in case.get("spans", []):
        assert span in unmatched, f"no {code} finding spans exactly {span!r}; spans: {got}"
        unmatched.remove(span)
    if "severity" in case:
        assert {f["severity"] for f in ran.findings} == {case["severity"]}
    if "details" in case:
        want = case["details"]
        assert any(all(f["details"].get(k) == v for k, v in want.items()) for f in ran.findings), \
            [f["details"] for f in ran.findings]


# -------------------------------------------------------------------------------- docstrings

def example_literals(doc: str) -> list[str]:
    """The literal fragments of a docstring's example paragraph (see the module docstring)."""
    lines = doc.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("Example")), None)
    assert start is not None, "no paragraph starting 'Example'"
    prose, block = [lines[start]], []
    in_block = lines[start].rstrip().endswith("::")
    for line in lines[start + 1:]:
        if line.startswith((" ", "\t")) and in_block:
            block.append(line.split("<-")[0])
        elif not line.strip():
            if not in_block and prose[-1].strip():
                break
        elif in_block and block:
            break
        else:
            prose.append(line)
    literals = re.findall(r"``(.+?)``", " ".join(prose)) + block
    fragments = [piece.strip() for literal in literals for piece in re.split(r"\.\.\.|…", literal)]
    return [re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), f) for f in fragments if f]


def _example_case(code: str) -> dict[str, Any]:
    examples = [c for c in load(code)["flagged"] if c.get("example")]
    assert len(examples) == 1, f"{code}.toml: {len(examples)} flagged cases marked example = true, want 1"
    return examples[0]


@pytest.mark.parametrize("code", sorted(all_rules(include_plugins=False)))
def test_docstring_example_is_executed(code, tmp_path):
    literals = example_literals(all_rules(include_plugins=False)[code].documentation())
    assert literals, f"{code}: the docstring's example shows no literal text to check"
    case = _example_case(code)
    ran = run_case(code, case, tmp_path)
    assert ran.findings, f"{code}: the docstring example is not flagged"
    given = [str(v) for d in _documents(case) + _items(case.get("index_batch", []), "indexed")
             for v in d.values()]
    reported = [*(json.dumps(f, ensure_ascii=False) for r in ran.reports.values()
                  for f in r["findings"] if f["code"] == code),
                *(ran.span_text(f) or "" for f in ran.findings)]
    produced = [*ran.texts.values(), *reported]
    if "expect_region" in case:
        given.append(f"--expect-region {case['expect_region']}")
    haystack = "\n".join(given + produced)
    missing = [lit for lit in literals if lit not in haystack]
    assert not missing, f"{code}: the docstring example shows {missing}, which its case does not"
    assert any(lit in text for lit in literals for text in reported), \
        f"{code}: none of the docstring example's literals {literals} is in what the rule reported"


# -------------------------------------------------------------------------------- registry

def test_every_builtin_rule_has_flagged_and_passing_cases():
    missing = []
    for family in builtin_families():
        for rule in family.rules:
            path = CASES / f"{rule.code}.toml"
            cases = load(rule.code) if path.exists() else {k: [] for k in KINDS}
            missing += [f"{rule.code}: no {kind} case" for kind in KINDS if not cases[kind]]
    assert not missing, missing


def test_no_case_file_without_a_rule():
    known = all_rules(include_plugins=False)
    assert sorted(p.stem for p in CASES.glob("*.toml") if p.stem not in known) == []


def test_literal_extraction():
    doc = ("Flags X.\n\nExample: ``政府\\u200b工作`` -> span ``a...b``.\nMore ``c``.\n\n"
           "Not ``this``.\n\nExample::\n\n    line one   <- note\n    …tail\n\nAfter.")
    assert example_literals(doc) == ["政府\u200b工作", "a", "b", "c"]
    assert example_literals("S.\n\nExample::\n\n    x <- y\n    z…\n\nAfter ``no``.") == ["x", "z"]
