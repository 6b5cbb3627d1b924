"""A batch rule with its own ``compact`` and no ``expand`` (a plugin may define one; registry.BatchRule.compact):
``check_batch`` gets what ``compact`` returned, by key, collected in workers."""

from __future__ import annotations

from pathlib import Path


def test_a_rule_that_only_compacts_gets_its_compacted_payloads(tmp_path: Path, monkeypatch) -> None:
    import compact_rule_plugin
    from scrapegate.checks import registry
    from scrapegate.checks.api import check_paths
    from scrapegate.checks.runner import SERIAL_BELOW

    families = (*registry.builtin_families(), compact_rule_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    # More documents than runner.SERIAL_BELOW, so that --jobs 2 runs them in workers.
    texts = {f"{'sub/' if n % 3 == 0 else ''}{n:02d}.txt": "第" + "份文件的正文" * (n + 1) + "。" for n in range(SERIAL_BELOW + 2)}
    for name, text in texts.items():
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    result = check_paths([str(tmp_path / "in")], select=["ZZ904"], jobs=2, write_reports=False)
    expected = sorted((name, len(text)) for name, text in texts.items())
    for name, text in texts.items():
        (finding,) = result.reports[name]["findings"]
        assert finding["details"]["own"] == (name, len(text))
        assert finding["details"]["seen"] == expected
