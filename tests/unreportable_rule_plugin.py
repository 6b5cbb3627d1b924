"""A rule whose findings cannot be reported: lets the tests check that a report that cannot be built
or encoded never loses the other reports."""

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, Family


class UnreportableFindings(DocumentRule):
    """Flags documents whose name starts with 001 with a set in its details, and those whose name
    starts with 002 with two findings that cannot be sorted (one message None, one a text) (test-only).

    Exists to prove that a report that cannot be built is recorded as a crash and the run goes on.
    """

    code = "ZZ902"
    name = "unreportable-findings"
    category = "provenance"
    severity = Severity.INFO

    def check(self, doc, ctx):
        name = doc.key.rsplit("/", 1)[-1]
        if name.startswith("001"):
            yield self.finding(doc, "details hold a set", details={"pages": {1, 2}})
        if name.startswith("002"):
            yield from (self.finding(doc, None), self.finding(doc, "a message"))


RULES = [UnreportableFindings]
FAMILY = Family(name="unreportable", category="provenance", prefix="ZZ", rules=tuple(RULES))
