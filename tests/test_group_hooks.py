"""Pass 2's group hooks: a family's ``prepare`` and a per-document rule's ``prepare`` compute for a group of
documents what each would compute alone (the spam scorer's numbers, truncation's edge look-up), bit for bit."""

from __future__ import annotations

import random

import numpy as np

from scrapegate.checks import runner
from scrapegate.checks.api import build_rules
from scrapegate.checks.config import Config
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.registry import DocumentRule, all_rules, families
from scrapegate.rules.region.inference import document_region
from scrapegate.rules.region.inference import prepare_group as region_prepare
from scrapegate.rules.spam import model
from scrapegate.rules.spam.clause_scores import GROUP_TEXT_CHARS, score_group, scores_alone
from scrapegate.rules.spam.detector import prepare_group, spam_hits
from scrapegate.rules.spam.learned import WINDOW, spam_view_of
from scrapegate.rules.truncation.analysis import _Analyser, _memo_key, analyse_group, truncation_analysis
from scrapegate.rules.truncation.body import TruncationOptions
from scrapegate.rules.truncation.model import model as truncation_model

WRITTEN = [
    "县政府召开常务会议,研究部署下一步工作。",
    "pp电子娱乐官网注册送88元,澳门威尼斯人在线",
    "。",
    "a",
    "会议",
    "全年完成地区生产总值1234亿元,增长6.5%;\n一般公共预算收入88亿元。",
    "|_关于我们_联系方式_",
    "加快推进乡村振兴\n百家乐网址:www.bbin123.com,QQ:48285701\n",
]


def _identical(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b) and (
        a.dtype.kind != "f" or np.array_equal(np.signbit(a), np.signbit(b)))


def _same_scores(text: str, grouped) -> bool:
    sc = model.scorer()
    alone = scores_alone(text, model.ngrams(text, sc), sc, WINDOW)
    arrays = ("cp", "starts", "ends", "probs", "windows", "window_logits", "char_scores")
    return (all(_identical(getattr(alone, name), getattr(grouped, name)) for name in arrays)
            and all(map(_identical, alone.parts, grouped.parts))
            and all(_identical(np.asarray(x[:]), np.asarray(y[:]))
                    for x, y in zip(alone.prefixes(sc), grouped.prefixes(sc))))


def test_a_group_scores_each_text_as_it_scores_alone() -> None:
    rng = random.Random(27)
    alphabet = list("县政府召开常务会议研究部署,。、;:!?\n|_ ab12pp电子娱乐官网注册送澳门威尼斯人")
    groups = [WRITTEN]
    for _ in range(300):
        groups.append(["".join(rng.choice(alphabet) for _ in range(rng.choice([1, 2, 3, 8, 9, 40, 300])))
                       for _ in range(rng.randint(2, 9))])
    for texts in groups:
        scored = score_group(texts, model.scorer(), WINDOW)
        assert all(s is not None for s in scored)
        assert all(_same_scores(text, s) for text, s in zip(texts, scored))


def test_empty_and_long_texts_are_left_to_score_alone() -> None:
    texts = ["", "县政府召开常务会议。", "会" * (GROUP_TEXT_CHARS + 1), "注册送88元"]
    scored = score_group(texts, model.scorer(), WINDOW)
    assert [s is None for s in scored] == [True, False, True, False]
    assert score_group(["县政府召开常务会议。"], model.scorer(), WINDOW) == [None]  # a group of one gains nothing


def test_the_spam_hook_hands_its_scores_to_the_hits() -> None:
    docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(WRITTEN)]
    ctx = BatchContext.build(docs)
    prepare_group(docs, ctx)
    assert all(spam_view_of(doc)._scores is not None for doc in docs)
    grouped = [spam_hits(doc, ctx) for doc in docs]
    assert all(spam_view_of(doc)._scores is None for doc in docs)  # read once, not held after
    alone_docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(WRITTEN)]
    assert grouped == [spam_hits(doc, ctx) for doc in alone_docs]
    assert any(grouped)


def test_edge_tables_look_up_a_group_as_each_pair_alone() -> None:
    tables = truncation_model().edges
    rng = random.Random(5)
    alphabet = list("近日为进一步下一步营造氛围而奋斗的了是在我国。， \t\u3000") + ["\xa0"]
    for _ in range(300):
        pairs = [("".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 2, 3, 60, 200]))),
                  "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 2, 3, 60, 200]))))
                 for _ in range(rng.randint(1, 8))]
        assert tables.paragraphs_many(pairs) == [tables.paragraphs(*pair) for pair in pairs]


def test_truncation_group_analyses_are_those_made_alone() -> None:
    texts = ["关于做好年度工作的通知\n各单位:\n现将有关事项通知如下。\n特此通知。", "并且要求各部门在本月底前完成",
             "", "一、总体要求\n二、主要任务\n三、", *WRITTEN]
    docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(texts)]
    ctx = BatchContext.build(docs)
    options = TruncationOptions()
    analyse_group(docs, ctx, options)
    assert all(doc.batch_memoised(ctx, _memo_key(options)) for doc in docs)
    alone = [_Analyser(doc, ctx, options).run() for doc in
             [Document.from_text(f"{k}.txt", text) for k, text in enumerate(texts)]]
    assert [truncation_analysis(doc, ctx, options) for doc in docs] == alone


class _CountingPrepare(DocumentRule):
    """Counts the groups it is prepared for (a rule of a test)."""

    code = "ZZ902"
    groups: list[int] = []

    def prepare(self, docs, ctx):
        self.groups.append(len(docs))
        raise ValueError("a failed preparation is ignored")

    def check(self, doc, ctx):
        return []


def test_the_runner_prepares_groups_of_two_or_more() -> None:
    docs = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(WRITTEN)]
    ctx = BatchContext.build(docs)
    rule = _CountingPrepare()
    _CountingPrepare.groups = []
    rules = [*build_rules(Config(), all_rules(), ["SP", "TR"], []), rule]
    grouped = runner.analyse_documents(docs, rules, ctx)
    runner.analyse_documents(docs[:1], rules, ctx)
    assert _CountingPrepare.groups == [len(docs)]
    assert all(not result.crashes for result in grouped)
    assert {f.name for f in families() if f.prepare is not None} == {"spam", "region"}


def test_the_region_hook_makes_what_each_document_makes_alone() -> None:
    """The region family's hook makes the chrome zones and spam runs of a group first: every document's
    region is the one it gets alone, and a story (whose inference reads no spam runs) gets none made."""
    story = "第一章 初入青阳县\n他走进青阳县城,澳门威尼斯人娱乐城的灯牌亮着。\n加入书架 投推荐票"
    texts = [*WRITTEN, "关于印发阳新县2023年政府工作报告的通知\n阳新县人民政府召开常务会议,研究部署工作。", story]
    grouped = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(texts)]
    ctx = BatchContext.build(grouped)
    region_prepare(grouped, ctx)
    assert [doc.batch_memoised(ctx, "spam_hits") for doc in grouped] == [True] * (len(texts) - 1) + [False]
    alone = [Document.from_text(f"{k}.txt", text) for k, text in enumerate(texts)]
    alone_ctx = BatchContext.build(alone)
    assert [document_region(doc, ctx) for doc in grouped] == [document_region(doc, alone_ctx) for doc in alone]
