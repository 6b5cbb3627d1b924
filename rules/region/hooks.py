"""What the region family adds to the engine: the report's ``document.region`` and the check of
``--expect-region``."""

from __future__ import annotations

from typing import Any

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.errors import UsageError
from scrapegate.checks.registry import RunArguments
from scrapegate.rules.region.gazetteer import resolve_declared
from scrapegate.rules.region.inference import document_region


def describe(doc: Document, ctx: BatchContext) -> dict[str, Any]:
    return {"region": document_region(doc, ctx)}


def check_arguments(args: RunArguments) -> list[str]:
    if args.expect_region and not resolve_declared(args.expect_region):
        raise UsageError(f"--expect-region '{args.expect_region}': not a province, prefecture or "
                         "county-level unit known to the gazetteer")
    return []
