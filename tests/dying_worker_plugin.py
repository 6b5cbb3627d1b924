"""Rules that kill the process checking or reporting one document: let the tests check that a worker
that dies never loses the other documents' reports (test-only)."""

import os
import signal

from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import DocumentRule, Family

_MAIN = os.getpid()  # the test process: forked workers inherit this number, and never die as it


def _die(how):
    if os.getpid() == _MAIN:
        raise RuntimeError("would have killed the main process")
    if how == "exit":
        os._exit(7)
    os.kill(os.getpid(), signal.SIGKILL)


class DieOnMarkedDocument(DocumentRule):
    """Ends its worker process on ``c1/003…`` (``os._exit(7)``) and on ``c2/004…`` (SIGKILL), as a
    crash in native code or the kernel's out-of-memory killer would (test-only). Flags nothing."""

    code = "ZZ904"
    name = "die-on-marked-document"
    category = "provenance"
    severity = Severity.INFO

    def check(self, doc, ctx):
        if doc.key.startswith("c1/003"):
            _die("exit")
        if doc.key.startswith("c2/004"):
            _die("kill")
        return []


class _DeadlyDetails(dict):
    """Details that end the process that encodes them in a report worker (the report phase)."""

    def items(self):
        from scrapegate.checks import api

        if api._reporting is not None:
            _die("exit")
        return super().items()


class DieWhenReported(DocumentRule):
    """Flags ``000…`` (at the top of the batch) with details that end the report worker that
    encodes them (test-only)."""

    code = "ZZ905"
    name = "die-when-reported"
    category = "provenance"
    severity = Severity.INFO

    def check(self, doc, ctx):
        if doc.key.startswith("000"):
            yield self.finding(doc, "details that end the report worker", details=_DeadlyDetails(n=1))


RULES = [DieOnMarkedDocument, DieWhenReported]
FAMILY = Family(name="dying", category="provenance", prefix="ZZ", rules=tuple(RULES))
