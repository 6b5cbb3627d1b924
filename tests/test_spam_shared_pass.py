"""The spam pass is one analysis a document, shared by the spam rules and the region inference (which
reads the body without the injected runs): whichever family runs it first, the other reads its result."""

from __future__ import annotations

from scrapegate.checks.api import build_rules
from scrapegate.checks.config import Config
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.registry import all_rules
from scrapegate.checks.runner import analyse_documents
from scrapegate.rules.spam.detector import spam_hits

_TEXT = ("某县人民政府关于开展安全生产检查的通知\n各乡镇人民政府:\n为切实做好安全生产工作,由澳门威斯人游戏网址团委主办的"
         "专项检查将于下月开展。\n请各单位认真组织实施,确保检查取得实效。\n某县人民政府办公室\n2024年3月1日\n")


def _findings(families: list[str], docs: list[Document], ctx: BatchContext) -> list[list[dict]]:
    rules = build_rules(Config(), all_rules(), families, [])
    return [[f.to_json() for f in result.findings] for result in analyse_documents(docs, rules, ctx)]


def test_the_region_rules_leave_the_spam_pass_for_the_spam_rules() -> None:
    doc = Document.from_text("a.txt", _TEXT)
    ctx = BatchContext.build([doc])
    _findings(["RG"], [doc], ctx)
    assert doc.batch_memoised(ctx, "spam_hits")  # the region inference ran the pass
    hits = spam_hits(doc, ctx)
    assert any("澳门威斯人游戏网址" in _TEXT[h.span.start:h.span.end] for h in hits)
    spam = _findings(["SP"], [doc], ctx)
    assert spam_hits(doc, ctx) is hits  # read, not made again
    fresh = Document.from_text("a.txt", _TEXT)
    assert spam == _findings(["SP"], [fresh], BatchContext.build([fresh])) and spam[0]  # the same findings
