"""The duplicate family computes a group's profiles at once (runner: BatchRule.prepare): each
document's profile is the one it gets alone, and a document that fails is left to collect."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scrapegate.checks import runner
from scrapegate.checks.api import build_rules
from scrapegate.checks.config import Config
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.registry import all_rules
from scrapegate.rules.boilerplate import chrome
from scrapegate.rules.duplicates import profile
from scrapegate.rules.duplicates.profile import document_profile, document_profiles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [
    "", "短", "一二三四", "经济发展报告，面临着新的形势。\n" * 3, "經(jīng)濟發展報告，臺灣　ＡＢＣ１２３，面臨著挑戰。",
    "<html><body><p>市政府召开常务会议&amp;研究部署工作</p><script>var a=1;</script></body></html>",
    "第一段正文内容。\n\n第二段正文内容，与第一段不同。\n锟斤拷损坏的字符\ufffd。"]


def _docs() -> list[Document]:
    return [Document.from_bytes(f"d{i}", text.encode("utf-8")) for i, text in enumerate(TEXTS)]


def test_a_group_gets_the_profiles_each_document_gets_alone() -> None:
    alone, grouped = _docs(), _docs()
    ctx_alone, ctx_grouped = BatchContext.build(alone), BatchContext.build(grouped)
    document_profiles(grouped, ctx_grouped)
    assert all(doc.batch_memoised(ctx_grouped, "duplicate_profile") for doc in grouped)
    assert ([pickle.dumps(document_profile(doc, ctx_grouped)) for doc in grouped]
            == [pickle.dumps(document_profile(doc, ctx_alone)) for doc in alone])


def test_the_runner_prepares_the_group_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several DU rules share the profile: the first prepare computes it (the group's shingles hashed
    in one call), the others find it."""
    made: list[int] = []
    hashed: list[int] = []
    inputs, group_positions = profile._profile_inputs, profile.shingle_positions_of

    def counted(doc: Document, ctx: BatchContext):  # type: ignore[no-untyped-def]
        made.append(1)
        return inputs(doc, ctx)

    def counted_group(bodies):  # type: ignore[no-untyped-def]
        hashed.append(len(bodies))
        return group_positions(bodies)

    monkeypatch.setattr(profile, "_profile_inputs", counted)
    monkeypatch.setattr(profile, "shingle_positions_of", counted_group)
    docs = _docs()
    rules = build_rules(Config(), all_rules(), ["DU"], [])
    results = runner.analyse_documents(docs, rules, BatchContext.build(docs))
    assert len(made) == len(docs) and all(r.payloads and not r.crashes for r in results)
    assert hashed == [len(docs)]


def test_a_failing_document_is_left_to_collect(monkeypatch: pytest.MonkeyPatch) -> None:
    """The group's other documents are prepared; the failing one's crash is recorded by collect."""
    body_lines = chrome.body_lines

    def failing(doc: Document, ctx: BatchContext):  # type: ignore[no-untyped-def]
        if doc.key == "d1":
            raise ValueError("boom")
        return body_lines(doc, ctx)

    monkeypatch.setattr(chrome, "body_lines", failing)
    docs = _docs()
    ctx = BatchContext.build(docs)
    document_profiles(docs, ctx)
    assert [doc.key for doc in docs if not doc.batch_memoised(ctx, "duplicate_profile")] == ["d1"]
    results = runner.analyse_documents(_docs(), build_rules(Config(), all_rules(), ["DU"], []), ctx)
    crashed = {r.document.key for r in results if r.crashes}
    assert crashed == {"d1"} and all("boom" in c.error for r in results for c in r.crashes)


def test_a_group_whose_hashing_fails_is_left_to_collect(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(bodies):  # type: ignore[no-untyped-def]
        raise MemoryError("no room")

    monkeypatch.setattr(profile, "shingle_positions_of", broken)
    docs = _docs()
    ctx = BatchContext.build(docs)
    document_profiles(docs, ctx)
    assert not any(doc.batch_memoised(ctx, "duplicate_profile") for doc in docs)
    results = runner.analyse_documents(docs, build_rules(Config(), all_rules(), ["DU"], []), ctx)
    assert all(r.payloads and not r.crashes for r in results)
