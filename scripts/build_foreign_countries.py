"""Write rules/data/region_foreign_countries.txt: the Chinese names of the world's countries and
territories outside China (美国, 澳大利亚, 英属维尔京群岛), read from the Unicode CLDR's territory names
as Babel ships them (``babel.Locale("zh").territories``; Babel is pinned in the ``gazetteer`` extra, only
the derived list ships). CLDR is the standard source of localised country names: a list written by hand
would miss and misspell some.

The region rules read it to tell a foreign place from a unit of the same name (美国德州 is Texas, not
山东's 德州市: :mod:`scrapegate.rules.region.abroad`).

    pip install 'babel==2.19.0' && python scripts/build_foreign_countries.py [--check]

``--check`` builds the list again and fails when it differs from the shipped file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "rules" / "data" / "region_foreign_countries.txt"
# China and its special regions (their units are the gazetteer's), and CLDR's groupings that are no
# country: the European Union, the euro area, the United Nations, unknown and outlying regions,
# the pseudo-locales
_NOT_FOREIGN = frozenset({"CN", "HK", "MO", "TW", "EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})
HEADER = ("# The Chinese names of the countries and territories outside China, from the Unicode CLDR's\n"
          "# territory names (Babel): written by scripts/build_foreign_countries.py. One name a line.\n")


def build() -> str:
    from babel import Locale

    names = {name for code, name in Locale("zh").territories.items()
             if code.isalpha() and len(code) == 2 and code not in _NOT_FOREIGN}
    return HEADER + "".join(f"{name}\n" for name in sorted(names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the shipped list differs from a rebuild")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.name}: {'identical to a rebuild' if same else 'DIFFERS from a rebuild'}")
        sys.exit(0 if same else 1)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(chr(10)) - 2} names)")


if __name__ == "__main__":
    main()
