"""A document rule that records, as it checks each document, how many objects the collector holds frozen
(``gc.get_freeze_count()``), in this process: a probe of pass 2 for tests/test_serial_freeze.py (test-only)."""

import gc

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, Family

SEEN: list[int] = []


class FreezeProbe(DocumentRule):
    """Records the collector's freeze count at each document, finds nothing (test-only)."""

    code = "ZZ905"
    name = "freeze-probe"
    category = "provenance"
    severity = Severity.INFO

    def check(self, doc, ctx):
        SEEN.append(gc.get_freeze_count())
        return ()


FAMILY = Family(name="freezeprobe", category="provenance", prefix="ZZ", rules=(FreezeProbe,))
