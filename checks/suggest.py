"""Did-you-mean hints for typos in options, choices and rule codes."""

from __future__ import annotations

import difflib
import re
from typing import Iterable


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'TR001'?`` for the closest options (case-insensitive), or ``""``."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.6)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), options, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def rule_code_hint(code: str, known: Iterable[str]) -> str:
    """A hint among the known codes and their family prefixes (``TR01`` -> ``TR001``, ``TR``)."""
    known = list(known)
    prefixes = sorted({m.group(0) for k in known if (m := re.match(r"[A-Z]+", k))})
    return did_you_mean(code.upper(), known + prefixes)
