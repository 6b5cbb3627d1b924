"""The TR family's fast paths read exactly what the plainer form they replace reads."""

import random

from scrapegate.rules.truncation.body import table_cells
from scrapegate.rules.truncation.data import break_or_clause_mark, punctuation, sentence_end_mark


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
