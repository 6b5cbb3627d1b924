"""What the provenance family adds to the report's ``document`` block: ``title`` and ``source_url``."""

from __future__ import annotations

from typing import Any

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.segmentation import document_title, source_url


def describe(doc: Document, ctx: BatchContext) -> dict[str, Any]:
    return {"title": document_title(doc, ctx), "source_url": source_url(doc)}
