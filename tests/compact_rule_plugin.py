"""A batch rule that defines ``compact`` but not ``expand``: the runner keeps what ``compact`` returns and hands
it to ``check_batch`` as the payload (test-only; no built-in rule takes this path)."""

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import BatchRule, Family


class CompactOnly(BatchRule):
    """Flags every document with the compacted payloads its batch rule saw (test-only)."""

    code = "ZZ904"
    name = "compact-only-payloads"
    category = "provenance"
    severity = Severity.INFO

    def collect(self, doc, ctx):
        return {"key": doc.key, "chars": doc.chars, "text": doc.text}

    def compact(self, payload, spill):
        return (payload["key"], payload["chars"])  # the text is dropped: check_batch must not see it

    def check_batch(self, docs, payloads, ctx):
        seen = sorted(payloads.values())
        for key in payloads:
            yield key, self.finding(docs[key], "payloads seen", None, details={"own": payloads[key], "seen": seen})


FAMILY = Family(name="compactonly", category="provenance", prefix="ZZ", rules=(CompactOnly,))
