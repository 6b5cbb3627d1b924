"""Pass 2 analyses documents in groups, rule by rule: each document's result is the one it gets alone."""

from __future__ import annotations

from pathlib import Path

from scrapegate.checks import runner
from scrapegate.checks.api import build_rules
from scrapegate.checks.config import Config
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.registry import DocumentRule, all_rules
from scrapegate.checks.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _Crashing(DocumentRule):
    code = "ZZ901"

    def check(self, doc, ctx):
        if "人民政府" in doc.text:
            raise ValueError("boom")
        return []


def _outcome(result: runner.DocumentResult) -> tuple:
    return ([f.to_json() for f in result.findings], result.described, result.undescribed,
            [(c.code, c.error) for c in result.crashes], sorted(result.payloads))


def test_a_group_gives_each_document_its_own_result() -> None:
    texts = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["短文。".encode(), "正文：某市人民政府工作报告，现在我代表市人民政府向大会报告工作".encode()]
    docs = lambda: [Document.from_bytes(f"d{i}", raw) for i, raw in enumerate(texts)]  # noqa: E731
    ctx = BatchContext.build(docs())
    for select in ([], ["EN", "SP"]):
        rules = [*build_rules(Config(), all_rules(), select, []), _Crashing()]
        alone = [_outcome(runner.analyse_document(doc, rules, ctx)) for doc in docs()]
        grouped = [_outcome(result) for result in runner.analyse_documents(docs(), rules, ctx)]
        assert grouped == alone
        assert any(crashes for *_, crashes, _ in alone)


def test_groups_are_bounded_by_count_and_bytes() -> None:
    class Item:
        def __init__(self, size: int) -> None:
            self.size = size

    sizes = [[len(group) for group in runner._groups([Item(10)] * 70)],
             [[item.size for item in group] for group in runner._groups(
                 [Item(runner.GROUP_BYTES // 2), Item(runner.GROUP_BYTES // 2), Item(1), Item(2 * runner.GROUP_BYTES),
                  Item(5)])]]
    assert sizes == [[32, 32, 6], [[runner.GROUP_BYTES // 2, runner.GROUP_BYTES // 2], [1], [2 * runner.GROUP_BYTES],
                                   [5]]]


def test_reports_do_not_depend_on_the_jobs(workdir: Path) -> None:
    """40 documents: the pool's chunks (2 places each) are analysed as groups in the workers."""
    for copy in range(1, 8):
        for seed in SEEDS.glob("*.txt"):
            text = seed.read_text("utf-8")
            (workdir / "batch" / f"{copy}_{seed.name}").write_text(text + f"\n第{copy}份。\n", "utf-8")
    assert main(["check", "batch", "--report-dir", "one", "--jobs", "1", "--fail-on", "never", "-q"]) == 0
    assert main(["check", "batch", "--report-dir", "two", "--jobs", "2", "--fail-on", "never", "-q"]) == 0
    one = {p.name: p.read_bytes() for p in (workdir / "one").iterdir()}
    assert one and one == {p.name: p.read_bytes() for p in (workdir / "two").iterdir()}
