"""Write rules/spam/model/pinyin_initials.npy: per Han code point of U+3400-U+9FFF, the first letters of its
pinyin readings (a bit per letter a-z; every reading of a polyphonic character: 长 gives c and z), read from
pypinyin's character table (``pinyin_dict``) (pinned in the ``gazetteer`` extra; only the derived table ships).

A gambling site's letters spell its brand's initials (新葡京 xpj, 永利 yl, 皇冠 hg): the spam spans read the
table to tell a brand's name beside its letters from the host's words (:func:`.extent.initials_edges`).

    pip install 'pypinyin==0.55.0' && python scripts/build_pinyin_initials.py [--check]

``--check`` builds the table again and fails when it differs from the shipped file.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import numpy as np

TARGET = Path(__file__).resolve().parent.parent / "rules" / "spam" / "model" / "pinyin_initials.npy"
FIRST, LAST = 0x3400, 0x9FFF


def build() -> np.ndarray:
    from pypinyin.pinyin_dict import pinyin_dict

    table = np.zeros(LAST - FIRST + 1, dtype="<u4")
    for code in range(FIRST, LAST + 1):
        for reading in pinyin_dict.get(code, "").split(","):
            letter = unicodedata.normalize("NFD", reading)[:1].lower()  # the tone mark comes apart (ā: a + U+0304)
            if "a" <= letter <= "z":
                table[code - FIRST] |= 1 << (ord(letter) - ord("a"))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the shipped table differs from a rebuild")
    args = parser.parse_args()
    table = build()
    if args.check:
        same = TARGET.exists() and np.array_equal(np.load(TARGET), table)
        print(f"{TARGET.name}: {'identical to a rebuild' if same else 'DIFFERS from a rebuild'}")
        sys.exit(0 if same else 1)
    np.save(TARGET, table)
    print(f"wrote {TARGET} ({np.count_nonzero(table)} of {len(table)} code points with a reading)")


if __name__ == "__main__":
    main()
