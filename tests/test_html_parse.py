"""html._runs: the text runs between tags, found by one regex match per stretch of markup, are the runs of
the plain definition (a comment, a script/style/template/textarea/title element up to its first end tag,
or any tag is skipped, one at a time), on random markup full of unclosed and mixed-case pieces. html.block_texts
(what a batch's line counts read of a page) is the text and runs of html.parse's blocks on random pages."""

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


_PAGE_PIECES = ["<p>", "</p>", "<div class='nav'>", "<div id=a>", "</div>", "<a href=x>", "</a>", "<span>", "</span>",
                "<b class=c>", "<script>", "</script>", "<!--", "-->", "<table>", "<td>", "</table>", "<nav>", "<li>",
                "<ul>", "</ul>", "<br>", "<title>", "</title>", "<head>", "</head>", "<body>", "<noscript>",
                "</noscript>", "<textarea>", "<svg>", "</svg>", "<select><option>", "text", "文本", "\u3000字",
                " ", "\n", "&amp;", "&lt;", "a&nbsp;b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PAGE_PIECES), max_size=50))
def test_block_texts_are_the_parsed_blocks_texts_and_runs(pieces: list[str]) -> None:
    source = "".join(pieces)
    assert html.block_texts(source) == [(b.text, list(b.runs)) for b in html.parse(source).blocks]


def test_block_texts_of_a_page() -> None:
    source = "<html><body><nav><a>首页</a> | <a>新闻</a></nav><p>正文<b>一段</b>。</p><script>x</script></body></html>"
    assert [text for text, _ in html.block_texts(source)] == ["首页 | 新闻", "正文 一段 。"]


def test_line_map_reads_the_same_lines_from_the_parsed_page_as_from_the_light_walk() -> None:
    from scrapegate.checks.context import line_map
    from scrapegate.checks.document import Document
    source = ("<html><body><nav><a>首页</a> | <a>新闻</a></nav><p>正文<b>一段</b>。</p>"
              "<div>版权所有 <a>网站地图</a></div><script>x</script></body></html>")
    doc = Document.from_text("page.html", source)
    light = line_map(doc)
    assert "html_page" not in doc._memo  # the light walk leaves no parsed page behind
    assert line_map(doc, parsed=True) == light and len(light) >= 3
    assert "html_page" in doc._memo  # kept for the rules that check the document next


def test_markup_blanked_by_splitting_at_line_breaks_is_the_substitution() -> None:
    import random

    rnd = random.Random(23)
    for _ in range(5000):
        markup = "".join(rnd.choice(["<", "p", ">", " ", "\n", "\r", "\r\n", "中", "\u2028", "\t"])
                         for _ in range(rnd.randint(0, 20)))
        assert html._blank(markup) == re.sub(r"[^\n\r]", " ", markup), repr(markup)


def test_a_deeply_nested_page_keeps_its_innermost_containers_and_nearest_tokens() -> None:
    """Each element's facts held a copy of every block element and class token above it: 20,000 nested
    divs made 2 GB (review15). The block's path keeps the innermost MAX_ANCESTORS, its own element last;
    its tokens the nearest MAX_ANCESTORS; a page of ordinary depth keeps them all."""
    depth = html.MAX_ANCESTORS + 50
    page = html.parse('<div class="outer">' + '<div class="c">' * depth + "<p>正文内容。</p>" + "</div>" * depth
                      + '</div><div class="footer"><p>版权所有</p></div>')
    deep, shallow = page.blocks
    assert deep.tag == "p" and len(deep.path) == html.MAX_ANCESTORS and len(deep.tokens) == html.MAX_ANCESTORS
    assert deep.tokens[0] == "c" and "outer" not in deep.tokens  # the nearest kept, the farthest left out
    assert len(shallow.path) == 4 and shallow.tokens == ("footer",)  # html, body, div, p
    assert shallow.path[0] not in deep.path and deep.path[-1] not in shallow.path
