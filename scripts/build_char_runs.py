"""Write checks/char_runs.py: the runs of code points that ``\\w`` and ``\\d`` match, under this Python's
Unicode version (textnorm.char_classes then reads them instead of scanning every code point at each
start; under another Unicode version it scans).

    python scripts/build_char_runs.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from scrapegate.checks.textnorm import char_class_runs

TARGET = Path(__file__).resolve().parent.parent / "checks" / "char_runs.py"


def render() -> str:
    word, digit = char_class_runs(scan=True)

    def rows(runs: tuple[int, ...]) -> str:
        return "".join(f"    {', '.join(str(n) for n in runs[i:i + 12])},\n" for i in range(0, len(runs), 12))

    return ('"""Written by scripts/build_char_runs.py: the runs of code points that ``\\\\w`` and ``\\\\d`` match\n'
            '(flat start, end pairs), under the Unicode version below (see textnorm.char_class_runs)."""\n\n'
            f"UNIDATA_VERSION = {unicodedata.unidata_version!r}\n\n"
            f"WORD_RUNS = (\n{rows(word)})\n\nDIGIT_RUNS = (\n{rows(digit)})\n")


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET} (Unicode {unicodedata.unidata_version})")


if __name__ == "__main__":
    main()
