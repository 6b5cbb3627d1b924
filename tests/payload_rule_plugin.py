"""A batch rule that reports what ``check_batch`` was handed: lets the tests check the runner's compact
payload mapping (test-only)."""

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import BatchRule, Family


class ReportPayloads(BatchRule):
    """Flags every document with the payloads its batch rule saw (test-only).

    Its collect raises on documents whose name starts with 001 (that document has no payload).
    """

    code = "ZZ903"
    name = "report-payloads"
    category = "provenance"
    severity = Severity.INFO

    def collect(self, doc, ctx):
        if doc.key.rsplit("/", 1)[-1].startswith("001"):
            raise RuntimeError("no payload")
        return {"key": doc.key, "chars": doc.chars, "none": None}

    def check_batch(self, docs, payloads, ctx):
        keys = list(payloads)
        for key in keys:
            details = {"seen": keys, "payload": payloads[key], "len": len(payloads),
                       "values": [p["chars"] for p in payloads.values()], "absent": "001" in payloads}
            yield key, self.finding(docs[key], "payloads seen", None, details=details)


class FailHalfway(BatchRule):
    """Flags two documents, then raises (test-only): a batch rule that fails adds none of its findings."""

    code = "ZZ904"
    name = "fail-halfway"
    category = "provenance"
    severity = Severity.INFO

    def collect(self, doc, ctx):
        return doc.key

    def check_batch(self, docs, payloads, ctx):
        for key in list(payloads)[:2]:
            yield key, self.finding(docs[key], "found before the failure", None)
        raise RuntimeError("failed halfway")


RULES = [ReportPayloads, FailHalfway]
FAMILY = Family(name="payloads", category="provenance", prefix="ZZ", rules=tuple(RULES))
