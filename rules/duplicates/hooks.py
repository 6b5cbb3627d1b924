"""What the duplicates family adds to the engine: ``summary.json``'s ``duplicate_clusters`` (lists of
paths, as the contract says) with the parallel ``duplicate_keepers`` (the copy to keep of each
cluster, at the same position), and the check of ``--index`` / ``--update-index`` before any file
is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from scrapegate.checks.errors import UsageError
from scrapegate.checks.findings import Finding
from scrapegate.checks.registry import RunArguments
from scrapegate.rules.duplicates.index import DuplicateIndexError, check_index
from scrapegate.rules.duplicates.rules import clusters_and_keepers


def summarize(findings: Sequence[tuple[str, Finding]]) -> dict[str, Any]:
    found = clusters_and_keepers(findings)
    return {"duplicate_clusters": [members for members, _ in found],
            "duplicate_keepers": [keeper for _, keeper in found]}


def check_arguments(args: RunArguments) -> list[str]:
    """A bad --index is a usage error before any file is read; returns warnings."""
    if not args.index:
        if args.update_index:
            raise UsageError("--update-index needs --index PATH")
        return []
    missing = not Path(args.index).exists()
    try:
        check_index(args.index, create=args.update_index)
    except DuplicateIndexError as exc:
        raise UsageError(f"--index {args.index}: {exc}") from exc
    if not any(r.code.startswith("DU") for r in args.rules):
        return ["--index has no effect: every duplicate rule (DU) is deselected"]
    if missing and not args.update_index:
        return [f"--index {args.index} does not exist: nothing to compare against "
                "(add --update-index to create it from this batch)"]
    return []
