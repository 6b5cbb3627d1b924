"""Third-party rules arrive through the scrapegate.rules.v1 entry-point group and run like built-ins."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from scrapegate.checks.registry import ENTRY_POINT_GROUP, all_rules

PLUGIN = '''
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule


class MentionsDraft(DocumentRule):
    """The text says it is a draft (征求意见稿).

    A third-party rule used by scrapegate's tests.
    """

    code = "XT001"
    name = "mentions-draft"
    category = "provenance"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        at = doc.text.find("征求意见稿")
        if at >= 0:
            yield self.finding(doc, "the document is a draft", (at, at + 5))
'''


@pytest.fixture
def plugin_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "draft_rules.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "draft_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: draft-rules\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\ndraft = draft_rules:MentionsDraft\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "draft_rules", raising=False)
    return site


def test_entry_point_rule_is_listed_and_runs(plugin_on_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    assert "XT001" in all_rules()
    assert "XT001" not in all_rules(include_plugins=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("关于某事项的通知（征求意见稿）\n正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "docs", "--select", "XT", "--report-dir", "out"])
    report = json.loads((tmp_path / "out" / "a.txt.json").read_text("utf-8"))
    (finding,) = report["findings"]
    assert finding["code"] == "XT001" and finding["span"] == {"start": 9, "end": 14}


FAMILY_PLUGIN = '''
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, Family


class DraftStamp(DocumentRule):
    """The text carries a draft stamp (征求意见稿).

    A third-party family with a category of its own, used by scrapegate's tests.
    """

    code = "XD001"
    name = "draft-stamp"
    category = "draft"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        at = doc.text.find("征求意见稿")
        if at >= 0:
            yield self.finding(doc, "the document is a draft", (at, at + 5))


FAMILY = Family(name="draft", category="draft", prefix="XD", rules=(DraftStamp,), cleans=True,
                document_defaults={"draft": False}, document_schema={"draft": {"type": "boolean"}},
                describe=lambda doc, ctx: {"draft": "征求意见稿" in doc.text},
                details_schema={"maxProperties": 0})
'''


def test_entry_point_family_adds_its_category(tmp_path: Path, monkeypatch, capsys) -> None:
    """A plugin family declares a category the engine has never seen: findings carry it, the summary
    counts it, --write-clean removes its spans, and `scrapegate schema` describes its reports."""
    import jsonschema

    site = tmp_path / "site"
    site.mkdir()
    (site / "draft_family.py").write_text(FAMILY_PLUGIN, encoding="utf-8")
    dist = site / "draft_family-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: draft-family\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\ndraft = draft_family:FAMILY\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "draft_family", raising=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("关于某事项的通知（征求意见稿）\n正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "docs", "--report-dir", "out", "--write-clean", "clean"]) == 0
    report = json.loads((tmp_path / "out" / "a.txt.json").read_text("utf-8"))
    [finding] = [f for f in report["findings"] if f["code"] == "XD001"]
    assert finding["category"] == "draft" and report["document"]["draft"] is True
    assert report["removed"] == [{"start": 9, "end": 14, "categories": ["draft"], "chars": 5}]
    assert (tmp_path / "clean" / "a.txt").read_text("utf-8").startswith("关于某事项的通知（）")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary["findings"]["by_category"]["draft"] == 1
    capsys.readouterr()
    assert main(["schema", "report"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.validate(report, schema)
    assert "draft" in schema["$defs"]["finding"]["properties"]["category"]["enum"]
    assert "draft" in schema["properties"]["document"]["required"]


def test_a_family_whose_rule_declares_another_category_is_refused() -> None:
    from scrapegate.checks.registry import Family, _validate_family
    from scrapegate.rules.spam.rules import RULES as SPAM_RULES

    with pytest.raises(TypeError, match="is not the family's 'draft'"):
        _validate_family(Family(name="x", category="draft", prefix="SP", rules=tuple(SPAM_RULES)), "test")
    with pytest.raises(TypeError, match="document_schema"):
        _validate_family(Family(name="x", category="draft", prefix="XD", rules=(),
                                document_defaults={"draft": False}), "test")
