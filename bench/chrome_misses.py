"""Where the chrome detector misses on the labelled real pages: missed chrome characters by class.

    python bench/chrome_misses.py [--splits train,dev] [--lines] [--extra fresh2]

The split's pages as plain text (one batch, then batches of one page), scored as in bench_chrome. Missed
chrome characters are broken down by origin (published as text, or an HTML page's blocks), place (head /
inline / foot from the labels), line length in content characters, sentence marks, script and genre;
``--lines`` lists every missed chrome line and every lost body line of the single-page run. Missed
characters are also broken down by the stage of the detector that let them go (one batch): never a
candidate of the learned scorer (too long, or prose), a short line the scorer never weighed (not near
chrome, not in a run), weighed but not addable (too long, a sentence, a heading, the title), rated below
the threshold, or rated above it but alone. Tune on train/dev only; the test split is for the final figures.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from chrome_eval import (EXTRA_LISTS, Page, Score, line_places, load_extra_pages, load_pages,  # noqa: E402
                         removed_by_line)

from scrapegate.checks.context import BatchContext  # noqa: E402
from scrapegate.checks.document import Document  # noqa: E402
from scrapegate.rules.boilerplate import chrome, scorer  # noqa: E402
from scrapegate.rules.boilerplate.chrome import count_content  # noqa: E402

_SENTENCE = re.compile("[。;；!！?？]")


def removed(pages: list[Page], batch: bool) -> dict[str, dict[int, int]]:
    docs = [Document.from_text(p.id + ".txt", p.text) for p in pages]
    shared = BatchContext.build(docs) if batch else None
    out = {}
    for page, doc in zip(pages, docs):
        ctx = shared or BatchContext.build([doc])
        out[page.id] = removed_by_line(page.text, [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)])
    return out


def stage(analysis: chrome.ChromeAnalysis, number: int, text: str) -> str:
    """Why a missed chrome line was let go: the first stage of the detector it did not pass."""
    at = next((i for i, line in enumerate(analysis.lines) if line.number == number), None)
    if len(text) > scorer.CANDIDATE_MAX_CHARS or chrome.line_shape(text)[1]:
        return "0 long or prose: never weighed"
    if at not in analysis.candidates:
        return "1 short, not near chrome nor in a run"
    if not chrome.addable_line(analysis.evidence.get(at)):
        return "2 weighed, not addable"
    if analysis.probability.get(at, 0.0) < scorer.line_model().threshold:
        return "3 addable, below threshold"
    return "4 above threshold, alone"


def stages(pages: list[Page]) -> Counter[tuple[str, str]]:
    """Missed chrome characters by origin and by :func:`stage` (the pages as one batch)."""
    docs = [Document.from_text(p.id + ".txt", p.text) for p in pages]
    ctx = BatchContext.build(docs)
    out: Counter[tuple[str, str]] = Counter()
    for page, doc in zip(pages, docs):
        analysis = chrome.chrome_analysis(doc, ctx)
        found = removed_by_line(page.text, [(b.span.start, b.span.end) for b in chrome.chrome_blocks(doc, ctx)])
        lines = page.text.split("\n")
        for number in page.chrome - page.ambiguous:
            text = lines[number - 1].strip()
            missed = len(text) - min(len(text), found.get(number, 0))
            if missed:
                out[("HTML page's blocks" if page.html else "published as text", stage(analysis, number, text))] += missed
    return out


_BREADCRUMB = re.compile(r"[>›»]|当前位置|您的位置|你的位置|所在位置|您现在的位置")
_METADATA = re.compile(r"来源|发布|时间|日期|作者|编辑|浏览|点击|阅读|索引号|发文|字号|分类|\d{4}[-/.年]\d{1,2}")
_COMMENT = re.compile(r"评论|回复|留言|发表|网友|登录|注册|验证码|楼主|沙发|跟帖")
_RELATED = re.compile(r"相关|推荐|排行|热门|热点|阅读|精选|更多|上一篇|下一篇|上一则|下一则")
_FORUM_WIKI = re.compile(r"bbs|tieba|forum|wiki|club|discuz|baike")


def chrome_class(page: Page, place: str, text: str) -> str:
    """The issue's classes of chrome (issue 11), by the line's words (folded to simplified) and place; the
    first that fits: breadcrumb, head metadata row, comment box, wiki/forum chrome (by genre or site), related
    list (inline or after the text, a list word or a short line among others), other. Traditional-script chrome
    is the ``script`` row."""
    folded = chrome.phrase_fold(text)
    if _BREADCRUMB.search(folded) and count_content(text) <= 60:
        return "breadcrumb"
    if place == "head" and _METADATA.search(folded):
        return "head metadata row"
    if _COMMENT.search(folded):
        return "comment box"
    if page.genre in ("forum", "wiki", "wiki_repost") or _FORUM_WIKI.search(page.site):
        return "wiki/forum chrome"
    if place == "inline" or _RELATED.search(folded):
        return "related list / inline"
    return f"other {place}"


def classes(page: Page, place: str, text: str) -> list[tuple[str, str]]:
    content = count_content(text)
    length = "40+" if content >= 40 else "20-39" if content >= 20 else "<20"
    return [("origin", "HTML page's blocks" if page.html else "published as text"), ("place", place),
            ("content chars", length), ("sentence mark", "yes" if _SENTENCE.search(text) else "no"),
            ("script", page.script), ("place, length", f"{place} {length}"), ("genre", page.genre),
            ("chrome class", chrome_class(page, place, text)),
            ("class, origin", f"{chrome_class(page, place, text)}, {'HTML' if page.html else 'text'}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--splits", default="train,dev")
    parser.add_argument("--lines", action="store_true")
    parser.add_argument("--extra", choices=sorted(EXTRA_LISTS),
                        help="an extra list's pages (bench/corpora/chrome_<name>.jsonl) instead of chrome.jsonl's")
    args = parser.parse_args()
    pages = [p for split in args.splits.split(",")
             for p in (load_extra_pages(args.extra, split=split) if args.extra else load_pages(split=split))]
    for batch in (True, False):
        found = removed(pages, batch)
        score = Score()
        total: Counter[tuple[str, str]] = Counter()
        missed: Counter[tuple[str, str]] = Counter()
        for page in pages:
            score.add(page, found[page.id])
            places = line_places(page)
            lines = page.text.split("\n")
            for number in sorted(page.chrome - page.ambiguous):
                text = lines[number - 1].strip()
                got = min(len(text), found[page.id].get(number, 0))
                for key in classes(page, places[number], text):
                    total[key] += len(text)
                    missed[key] += len(text) - got
                if args.lines and not batch and got < len(text):
                    print(f"missed {page.id} {page.site} {places[number]} line {number}: {text[:80]}")
            if args.lines and not batch:
                for number, size in sorted(found[page.id].items()):
                    if number not in page.chrome and number not in page.ambiguous:
                        print(f"lost   {page.id} {page.site} line {number} ({size}): {lines[number - 1].strip()[:80]}")
        gone = score.chrome - score.chrome_found
        print(f"{'one batch' if batch else 'batches of one'}: {score.summary()}")
        print(f"  missed {gone} of {score.chrome} chrome characters")
        for key in sorted(total):
            print(f"  {key[0]:<14} {key[1]:<24} {total[key]:7d} chrome chars, {missed[key] / total[key]:5.0%} missed, "
                  f"{missed[key] / (gone or 1):5.0%} of all misses")
    by_stage = stages(pages)
    print("missed chrome characters by the stage that let them go (one batch)")
    for origin in sorted({k[0] for k in by_stage}):
        total_origin = sum(v for k, v in by_stage.items() if k[0] == origin)
        for key in sorted(k for k in by_stage if k[0] == origin):
            print(f"  {origin:<20} {key[1]:<40} {by_stage[key]:7d} ({by_stage[key] / total_origin:4.0%})")


if __name__ == "__main__":
    main()
