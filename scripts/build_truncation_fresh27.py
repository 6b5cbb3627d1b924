"""Build the session-27 set of whole rules written in numbered articles, of new publishers (issue 12):
``truncation_fresh27.jsonl``.

    python scripts/build_truncation_fresh27.py [--corpus /work/corpora/truncation]

The pattern of ``build_truncation_fresh26.py``: reads ``<corpus>/fresh27/pages_fresh27.txt`` (third-party text,
never in the repository; ``=== URL | script | genre | label | province | publisher``, a ``# query:`` line, an
optional ``# source:`` line, then the page's lines as found) and writes every page as found (``c-plain``, origin
``real``) and the copies ``build_truncation_corpus.generate`` makes of a complete one (origin ``derived``) under
``<corpus>/fresh27/``, and the labels ``bench/corpora/truncation_fresh27.jsonl`` (``truncation.jsonl``'s fields plus
``publisher``, ``ending``, ``numbering`` and ``query``). The split is the publisher's, by the hash of ``fresh27:`` +
publisher (50 % train, 20 % dev, 30 % test). ``ending`` is fresh26's (``closing`` when the last numbered item
states entry into force, effect or interpreter, else ``ordinary-article``); ``numbering`` says how the items are
numbered (``article`` for 第N条, ``list`` for 一、/（一）/1.).

A publisher already in a ``bench/corpora/truncation*.jsonl`` list stops the build: its registered domain is named
there, or, on a platform that hosts many issuing bodies under one domain (every procuratorate's site is a
subdomain of jcy.gov.cn, every Taiwan prosecutors' office one of moj.gov.tw, whose law.moj.gov.tw is listed), its own host is. A page listed twice stops it too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_chrome_html2 import listed_domains, registered_domain  # noqa: E402
from build_truncation_corpus import (  # noqa: E402
    site_split)
from build_truncation_fresh26 import build, earlier_lists  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NAME = "fresh27"
LIST = ROOT / "bench" / "corpora" / f"truncation_{NAME}.jsonl"
SHARES = (("train", 0.5), ("dev", 0.2), ("test", 0.3))
SEED = 27
PLATFORMS = frozenset({"jcy.gov.cn", "moj.gov.tw"})
ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[条條]")


def split_of(publisher: str) -> str:
    """A publisher's split: this set's own salt and shares."""
    return site_split(f"{NAME}:{publisher}", SHARES)


def numbering(text: str) -> str:
    """``article`` when the text is written in 第N条 articles, else ``list``.

    >>> numbering("某规定\\n第一条 为了…\\n第二条 本规定适用于…\\n")
    'article'
    >>> numbering("须知\\n一、按时到岗。\\n二、保持安静。\\n")
    'list'
    """
    return "article" if sum(bool(ARTICLE.match(line)) for line in text.split("\n")) >= 2 else "list"


def named_hosts(paths) -> set[str]:
    """Every host, site and source the lists at ``paths`` name, as written (``www.`` dropped)."""
    out = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for key in ("site", "url", "source", "publisher"):
                value = row.get(key)
                if isinstance(value, str) and value:
                    host = urlparse(value.split(":", 1)[1] if value.startswith("search-pages:") else value).hostname \
                        if "://" in value else value
                    if host:
                        out.add(host.lower().removeprefix("www."))
    return out


def taken(publisher: str, domains: set[str], hosts: set[str]) -> bool:
    """Whether a list already names this publisher (see the module docstring).

    >>> taken("lvliangls.jcy.gov.cn", {"jcy.gov.cn"}, {"huzhou.jcy.gov.cn"})
    False
    >>> taken("huzhou.jcy.gov.cn", {"jcy.gov.cn"}, {"huzhou.jcy.gov.cn"})
    True
    >>> taken("it.fudan.edu.cn", {"fudan.edu.cn"}, {"klca.fudan.edu.cn"})
    True
    """
    host = publisher.lower().removeprefix("www.")
    domain = registered_domain(host)
    if domain in PLATFORMS and host != domain:
        return host in hosts
    return domain in domains or host in hosts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/truncation"))
    parser.add_argument("--labels", type=Path, default=LIST)
    args = parser.parse_args()
    others = earlier_lists(NAME, args.labels)
    domains, hosts = listed_domains(others), named_hosts(others)
    build(args.corpus, args.labels, NAME, SEED, split_of, lambda publisher: taken(publisher, domains, hosts),
          lambda text: {"numbering": numbering(text)})


if __name__ == "__main__":
    main()
