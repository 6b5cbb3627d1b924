"""A DataTrove pipeline step: annotate each document's metadata with scrapegate's verdict, and drop
the documents that fail the gate (``pip install 'scrapegate[datatrove]'``).

Example::

    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from scrapegate.checks.datatrove_step import ScrapegateFilter

    pipeline = [JsonlReader("crawl/"), ScrapegateFilter(fail_on="error", batch_size=256),
                JsonlWriter("kept/")]

Documents are checked a batch at a time (``batch_size``), so batch rules (templates, duplicates) see
each batch. ``doc.metadata["scrapegate"]`` gets ``status``, ``codes`` and ``findings`` (code,
severity, span); with ``drop=False`` every document is kept and only annotated.
"""

from __future__ import annotations

from typing import Any, Sequence

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from scrapegate.checks.api import check_texts


class ScrapegateFilter(BaseFilter):
    name = "scrapegate"

    def __init__(self, fail_on: str = "error", drop: bool = True, select: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None, batch_size: int = 256, exclusion_writer: Any = None,
                 **options: Any) -> None:
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.fail_on, self.drop = fail_on, drop
        self.options = {"select": select, "ignore": ignore, "jobs": 1, **options}

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        records = [{"id": str(i), "text": doc.text, "url": doc.metadata.get("url")}
                   for i, doc in enumerate(batch, start=1)]
        result = check_texts(records, fail_on=self.fail_on, **self.options)
        verdicts: list[bool | tuple[bool, str]] = []
        for i, doc in enumerate(batch, start=1):
            report = result.reports.get(str(i))
            if report is None:  # not checkable (an empty text): nothing to ingest
                doc.metadata["scrapegate"] = {"status": "error", "codes": [], "findings": []}
                verdicts.append((False, "scrapegate_unreadable") if self.drop else True)
                continue
            findings = [{"code": f["code"], "severity": f["severity"], "span": f["span"]}
                        for f in report["findings"]]
            doc.metadata["scrapegate"] = {"status": report["status"],
                                          "codes": sorted({f["code"] for f in findings}), "findings": findings}
            failed = report["status"] == "fail"
            verdicts.append((False, "scrapegate_" + "_".join(sorted({f["code"] for f in report["findings"]
                                                                   if f["severity"] == "error"})))
                            if failed and self.drop else True)
        return verdicts
