"""A rule that raises on one document: lets the tests check that a crash never loses other reports."""

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, Family


class CrashOnNumberedFile(DocumentRule):
    """Raises on documents whose name starts with 001 (test-only).

    Exists to prove that one rule crashing on one document is recorded and the run goes on.
    """

    code = "ZZ901"
    name = "crash-on-numbered-file"
    category = "provenance"
    severity = Severity.INFO

    def check(self, doc, ctx):
        if doc.key.startswith("001"):
            raise RuntimeError("boom")
        return []


RULES = [CrashOnNumberedFile]
FAMILY = Family(name="crash", category="provenance", prefix="ZZ", rules=tuple(RULES))
