"""html._runs: the text runs between tags, found by one regex match per stretch of markup, are the runs of
the plain definition (a comment, a script/style/template/textarea/title element up to its first end tag,
or any tag is skipped, one at a time), on random markup full of unclosed and mixed-case pieces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scrapegate.checks import html

_PLAIN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)"
                    r"|<[A-Za-z!?/][^>]*>?", re.S | re.I)


_PIECES = ["<!--", "-->", "--", "-", "<!-->", "<!--->", "<script>", "</script>", "</SCRIPT >", "<Style a='>'>",
           "</style", "</style>", "<title>", "</title>", "<textarea>", "</textarea x>", "<template>", "</template>",
           "</scriptx>", "<scripts>", "<", ">", "</", "<!", "<?", "<a", "<a href=x>", "<p>", "</p>", "x<3", "a < b",
           "text", "中文", "&amp;", " ", "\n", "\t", "\u3000", "\u212a"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_runs_are_the_plain_definitions_runs(pieces: list[str]) -> None:
    source = "".join(pieces)
    assert html._runs(source) == html._runs(source, _PLAIN)


def test_runs_skip_scripts_comments_and_the_title_but_keep_text_around_them() -> None:
    source = "<title>T</title><p>一</p> <script>if (a<b) x('</p>')</script>\n<!-- c -- d --> 二 <b>三</b>"
    assert [source[a:b] for a, b in html._runs(source)] == ["一", " 二 ", "三"]
