"""Spam (SP…): text a hacked or SEO-spammed site inserted into a document, located as the inserted run."""

from scrapegate.checks.registry import Family
from scrapegate.rules.spam.detector import prepare_group
from scrapegate.rules.spam.rules import RULES

FAMILY = Family(
    name="spam",
    category="spam",
    prefix="SP",
    rules=tuple(RULES),
    cleans=True,
    prepare=prepare_group,
    details_schema={"properties": {
        "term": {"type": "string", "x-rules": ["SP001", "SP002", "SP003", "SP004", "SP007"],
                 "description": "What was recognised: the curated term that matched, in simplified script "
                                "(百家乐 for 百家樂), or the run's own text when the scorer or a pattern found it; "
                                "the contact's kind for SP003 (wechat, qq, tg, messenger …); the inserted words "
                                "for SP004."},
        "signals": {"type": "array", "items": {"type": "string"},
                    "x-rules": ["SP001", "SP002", "SP003", "SP004", "SP007"],
                    "description": "The detectors that found the run: lexicon (a curated term), learned (the "
                                   "character n-gram scorer, see probability), whole-clause (the run is whole "
                                   "clauses or lines), latin-brand, sibling-diff (SP004), a contact's kind (qq, "
                                   "wechat …), offer-before-contact …"},
        "line": {"type": "integer", "x-rules": ["SP001", "SP002", "SP003", "SP004", "SP007"],
                 "description": "The line (1-based) the run starts on."},
        "probability": {"type": "number", "minimum": 0, "maximum": 1,
                        "x-rules": ["SP001", "SP002", "SP003", "SP004", "SP007"],
                        "description": "The learned scorer's probability that the run is spam, when the scorer "
                                       "took part (absent for a run only the curated lists or patterns found)."},
        "template_excerpt": {"type": "string", "x-rules": ["SP004"],
                             "description": "The same line on the site's other pages (its first 80 characters), "
                                            "which this page's copy differs from by the inserted run."},
        "annotations": {"type": "integer", "x-rules": ["SP005"],
                        "description": "How many characters carry pinyin in parentheses."},
        "lines": {"type": "array", "items": {"type": "integer"}, "x-rules": ["SP005"],
                  "description": "The lines (1-based) that carry them, at most the first 20."},
        "sample": {"type": "string", "x-rules": ["SP005"], "description": "The first of them, e.g. 經(jīng)."},
        "hits": {"type": "integer", "x-rules": ["SP006"],
                 "description": "How many injected runs (SP001-SP004, SP007) the page has."},
        "line_share": {"type": "number", "x-rules": ["SP006"],
                       "description": "The share of the body's lines that hold one."},
        "char_share": {"type": "number", "x-rules": ["SP006"],
                       "description": "The share of the text's characters (white space aside) they cover."},
        "kinds": {"type": "object", "x-rules": ["SP006"],
                  "description": "How many runs of each kind (gambling, adult, contact, offer, template)."},
    }},
)

__all__ = ["FAMILY", "RULES"]
