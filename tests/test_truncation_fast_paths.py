"""The TR family's fast paths read exactly what the plainer form they replace reads."""

import random

from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.rules.boilerplate.chrome import simplify_chars
from scrapegate.rules.truncation.body import Body, TruncationOptions, table_cells
from scrapegate.rules.truncation.data import break_or_clause_mark, punctuation, sentence_end_mark
from scrapegate.rules.truncation.sequences import _ASCII_PARENS, SequenceChecks


def test_mark_scans_are_the_tests_per_character() -> None:
    punct = punctuation()
    marks = punct.sentence_breaks + punct.clause_marks + "".join(punct.terminal) + "".join(punct.closers)
    rnd = random.Random(29)
    alphabet = marks + "、：:第六章附则 \t|｜0123456789.．-[]^\\"
    texts = ["", "第六章  附则", "增长5.2%", "一、总则，", "…", "]"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(5000)]
    for text in texts:
        assert (break_or_clause_mark().search(text) is not None) == any(
            ch in punct.sentence_breaks or ch in punct.clause_marks for ch in text), text
        assert (sentence_end_mark().search(text) is not None) == any(
            ch in punct.terminal and ch not in ".．" for ch in text), text


def test_table_cells_still_refuses_prose_and_counts_rows() -> None:
    assert table_cells("粮食总产量  905.7  7.2") == 3
    assert table_cells("粮食总产量，905.7  7.2") == 0
    assert table_cells("粮食总产量  905.7。  7.2") == 0


def test_first_member_search_reads_the_folded_paragraphs_above() -> None:
    rnd = random.Random(43)
    lines = ["第一章 總則第一條 為了規範管理", "（一）加強領導", "一是穩就業", "第十條 附則", "(一)其他", "工作報告全文如下"]
    labels = ["第一条", "(一)", "一是", "第十条", "（一）", "第一", "条\n第"]
    for _ in range(60):
        text = "\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 12)))
        doc = Document.from_text("x.txt", text)
        body = Body(doc, BatchContext.build([doc]), TruncationOptions())
        checks = SequenceChecks(body)
        for _ in range(8):  # in any order: the folded start grows as a later paragraph is asked for
            first, at = rnd.choice(labels), rnd.randrange(len(body.paragraphs) or 1)
            plain = len(first) >= 3 and any(first in simplify_chars(p.text).translate(_ASCII_PARENS)
                                            for p in body.paragraphs[:at])
            assert checks._first_run_in(first, at) == plain, (text, first, at)


def test_closing_cues_tried_one_by_one_are_found_where_their_alternation_is() -> None:
    import re

    from scrapegate.rules.truncation.data import _data, cues

    patterns = _data("truncation_cues.json")["closing"]
    alternation = re.compile("|".join(f"(?:{p})" for p in patterns))
    rnd = random.Random(31)
    pieces = ["特此通知", "此致", "敬礼", "（完）", "(全文完)", "本办法自", "2024年1月1日起", "施行", "。", "！", "，",
              "由市政府", "负责解释", "谢谢大家", "以上", "请", "为实现目标而奋斗", "（记者 李明）", "民国", "112年3月4日",
              "修正", "经", "通过", "后", "生效", "现将有关事项", " ", "\n", "从", "起执行", "适用", "施行日期", "定之"]
    texts = ["", "特此通知。", "本规定自发布之日起施行。", "为全面建设社会主义现代化国家而努力奋斗！"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))) for _ in range(5000)]
    found = [cues().closing.found_in(text) for text in texts]
    assert found == [alternation.search(text) is not None for text in texts]
    assert 500 < sum(found) < len(texts) - 500  # both answers are exercised


def test_edge_scores_of_a_group_are_each_texts_bigrams_read_from_the_tables() -> None:
    from scrapegate.rules.truncation import model

    tables = model.model().edges
    grams = [g for g in [*tables.first, *tables.final] if len(g) == 2]
    rnd = random.Random(37)
    pieces = grams[:400] + ["。", "，", " ", "\n", "1", "a", "各位代表", "而奋斗！"]
    texts = [("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 90))), rnd.random() < 0.5) for _ in range(400)]

    def plain(text: str, final: bool) -> float:
        edge = model._SKIPPED.sub("", text[-model.EDGE_CHARS:] if final else text[:model.EDGE_CHARS])
        table = tables.final if final else tables.first
        values = [table.get(edge[i:i + 2], 0.0) for i in range(len(edge) - 1)]
        if not values:
            return 0.0
        return max(-model.SCORE_CLIP, min(model.SCORE_CLIP, sum(values) / len(values))) / model.SCORE_CLIP

    assert tables._scores(texts) == [plain(text, final) for text, final in texts]
    assert sum(score != 0.0 for score in tables._scores(texts)) > 300


def test_paragraphs_touched_by_bisection_and_by_numpy_are_those_a_match_overlaps(monkeypatch) -> None:
    import re

    from scrapegate.rules.truncation import body

    pattern = re.compile("(?:[一二三]是|（[一二三]）|x*)")  # also empty matches, and matches across a line break
    rnd = random.Random(41)
    pieces = ["一是", "（二）", "三", "是", "\n", "x", "xx\nx", "，", "发展"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 60))) for _ in range(1000)]
    for few in (body._FEW_SPANS, 0):
        monkeypatch.setattr(body, "_FEW_SPANS", few)
        for text in texts:
            lines = text.split("\n")
            starts = [0]
            for line in lines[:-1]:
                starts.append(starts[-1] + len(line) + 1)
            owner = [k for k, line in enumerate(lines) for _ in range(len(line) + 1)]
            plain = {owner[i] for m in pattern.finditer(text) for i in range(m.start(), max(m.start() + 1, m.end()))}
            assert body._touched(pattern, text, starts) == plain, text
