"""Third-party rules arrive through the scrapegate.rules.v1 entry-point group and run like built-ins."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from scrapegate.checks.cli import main
from scrapegate.checks.registry import ENTRY_POINT_GROUP, all_rules

PLUGIN = '''
from scrapegate.checks.findings import Category, Severity
from scrapegate.checks.registry import DocumentRule


class MentionsDraft(DocumentRule):
    """The text says it is a draft (征求意见稿).

    A third-party rule used by scrapegate's tests.
    """

    code = "XT001"
    name = "mentions-draft"
    category = Category.PROVENANCE
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
