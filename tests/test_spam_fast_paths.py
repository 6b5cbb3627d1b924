"""The SP family's fast paths read exactly what the plainer form they replace reads."""

import bisect
import random
import re
import warnings

import numpy as np

from scrapegate.checks.textnorm import HAN, HAN_CHARS, count_chars, han_count
from scrapegate.rules.spam import detector, extent, learned, model
from scrapegate.rules.spam.spans import SpanIndex


def _plain_ngram_indexes(cp: np.ndarray, bits: int):
    shift = np.uint64(64 - bits)
    with np.errstate(over="ignore"):
        h1 = cp * model._P1 + np.uint64(1)
        h2 = h1[:-1] + cp[1:] * model._P2 + np.uint64(2)
        h3 = h2[:-1] + cp[2:] * model._P3 + np.uint64(3)
        return tuple(((h * model._MIX) >> shift).astype(np.int64) for h in (h1, h2, h3))


def test_draw_periods_are_the_period_pattern_matches() -> None:
    rnd = random.Random(3)
    texts = ["2024期 第3期 12345678期 5第3期 第12期 ٣٣期 ９９期", "期", "第期", "1期23期"]
    texts += ["".join(rnd.choice("12第期a٣ \n") for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert list(learned._periods(text)) == [m.span() for m in learned._PERIOD.finditer(text)], text


def _same_arrays(plain, fast) -> bool:
    # zip alone would pass a fast path that returns fewer arrays (or none)
    return len(plain) == len(fast) == 3 and all(np.array_equal(a, b) for a, b in zip(plain, fast))


def test_fused_scorer_passes_give_the_same_numbers() -> None:
    sc = model.scorer()
    rnd = random.Random(5)
    for n in [0, 1, 2, 3, *(rnd.randint(4, 300) for _ in range(40))]:
        text = "".join(rnd.choice("娱乐城官网注册ab12,。\n政府工作报告") for _ in range(n))
        cp = model.code_points(text)
        plain = _plain_ngram_indexes(cp, sc.bits)
        assert _same_arrays(plain, model.ngram_indexes(cp, sc.bits))
        parts = tuple(sc.weights[i] for i in plain)
        sums = [np.concatenate(([0.0], np.cumsum(g, dtype=np.float64))) for g in parts]
        fused = sc.contributions(cp)
        assert _same_arrays(sums, sc.prefix_sums(fused))
        assert np.array_equal(sc.char_scores(parts, n), sc.char_scores(fused, n))


def _plain_strip(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip(learned.EDGE))
    return a + lead, a + lead + len(piece.strip(learned.EDGE))


def _plain_stuffed_keywords(text: str, s: int, e: int):
    """The keywords of a stuffed line written out from the rule's description: pieces between
    separators (split, not scanned), each at most _STUFFED_KEYWORD_CHARS once stripped, at least
    STUFFED_MIN_KEYWORDS of them with two Han characters or more, and those at least
    STUFFED_KEYWORD_SHARE of the pieces."""
    pieces, keywords, at = 0, [], s
    for piece in re.split(f"[{learned.STUFFED_SEPARATORS}]", text[s:e]):
        a, b = _plain_strip(text, at, at + len(piece))
        at += len(piece) + 1
        if a == b:
            continue
        if b - a > learned._STUFFED_KEYWORD_CHARS:
            return None
        pieces += 1
        if sum(1 for c in text[a:b] if HAN.fullmatch(c)) >= 2:
            keywords.append((a, b))
    if len(keywords) < learned.STUFFED_MIN_KEYWORDS or len(keywords) < learned.STUFFED_KEYWORD_SHARE * pieces:
        return None
    return keywords


def _plain_stuffed_candidates(text: str) -> list:
    sep = re.compile(f"[{learned.STUFFED_SEPARATORS}]")
    candidates, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if len(line) <= 400 and len(sep.findall(line)) >= learned.STUFFED_MIN_KEYWORDS - 1:
            # a line without sentence marks is one candidate; in a line with them, each stretch
            # between sentence marks with enough title separators (not commas) is one
            whole = "。" not in line and ";" not in line
            seg_start = start
            for seg in [line] if whole else re.split("[。;!?]", line):
                seg_end = seg_start + len(seg)
                titled = whole or len(re.findall(r"[_|\-/~★·]", seg)) >= learned.STUFFED_MIN_KEYWORDS - 1
                keywords = _plain_stuffed_keywords(text, seg_start, seg_end) if seg and titled else None
                if keywords is not None:
                    candidates.append((*_plain_strip(text, seg_start, seg_end), keywords))
                seg_start = seg_end + 1
        start = end + 1
    return candidates


def test_stuffed_line_candidates_are_the_line_by_line_ones() -> None:
    rnd = random.Random(7)
    words = ["在线观看", "美女", "_", "|", ",", "-", "、", "/", "~", "★", "·", "\n", "。", ";", "!", "?", " ", "ab", "视频"]
    texts = ["欧美日韩_在线观看_美女视频_免费|高清\n正文,一句话。", "a_b_c_d", "_|_|\n\n_,_,_"]
    texts += ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        assert learned._stuffed_candidates(text) == _plain_stuffed_candidates(text), text


def test_char_scores_of_a_range_are_the_text_scores_sliced() -> None:
    sc = model.scorer()
    rnd = random.Random(9)
    for n in [0, 1, 2, 3, 50]:
        cp = model.code_points("".join(rnd.choice("娱乐城官网注册ab12,。") for _ in range(n)))
        parts = sc.contributions(cp)
        whole = sc.char_scores(parts, n)
        for _ in range(30):
            s = rnd.randint(0, n)
            e = rnd.randint(s, n)
            assert np.array_equal(sc.char_scores(parts, n, s, e), whole[s:e])


def test_anchored_slot_and_tip_scans_find_what_the_plain_patterns_find() -> None:
    # The plain forms the anchored scans replace: the organisation's slot behind 代表, tip lines
    # from any position, separators between two Han characters.
    org = re.compile(r"(?<=代表)" + learned._ORG_SLOT.pattern)
    spaced = re.compile(f"(?<=[{learned.HAN_CHARS}])[ .·・](?=[{learned.HAN_CHARS}])")
    rnd = random.Random(11)
    words = ["代表", "代表团", "向大会", ",", "向本次大会", "某某娱乐", "第", "期", "12", "2025", "5",
             "一肖", "特码", " ", ".", "·", "百", "家", "乐", "\n", "03", "+", "ab"]
    texts = ["我代表代表团向大会报告", "代表代表某某向大会", "2025112期一肖一码:龙 03 15 27",
             "第3期特码 01 02 03\n第12345期必中 04.05.06", "百 家 乐 真.人.视.讯"]
    texts += ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 40))) for _ in range(4000)]
    for text in texts:
        assert [m.span("org") for m in learned._org_slots(text)] == [m.span("org") for m in org.finditer(text)]
        assert [m.span() for m in learned._tip_lines(text)] == [m.span() for m in learned._TIP_LINE.finditer(text)]
        assert learned._spaced_gaps(text) == [m.start() for m in spaced.finditer(text)]


def test_dates_tried_before_each_month_are_the_date_pattern_matches() -> None:
    from scrapegate.rules.spam import institution_slot as slot

    rnd = random.Random(23)
    pieces = ["3月4日,", "12月31日上午9点,", "1", "12", "月", "日", ",", "，", "上午", "9点", "半", "٣", "0", "月月", "x", "\n"]
    texts = ["3月4日,", "123月4日,", "1月12月3日,", "12月31日上午9点半,"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(6000)]
    found = 0
    for text in texts:
        plain = [m.span() for m in slot._DATED.finditer(text)]
        assert [m.span() for m in slot._dated(text)] == plain, text
        found += bool(plain)
    assert found > 1000


def test_slot_word_starts_are_the_slot_pattern_matches() -> None:
    from scrapegate.rules.spam import institution_slot
    rnd = random.Random(13)
    words = ["第", "十", "四", "届", "2023", "1", "二", "0", "校长", "师生", "召开", "a", " ", "第十四届", "届届", "百",
             "党委书记", "٣", "党", "委", "支部", "员工", "学生", "南", "主", "校区", "副", "院长", "执行", "𝒳", "班子成员",
             "级", "2017级", "19", "20"]
    texts = ["第十四届全国人大", "2023届毕业生", "二0二五届", "第2023届校长", "第1第2届", "学生党支部书记", "主校区校区南校区",
             "X2017级新生", "12019级", "2020级级"]
    texts += ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 30))) for _ in range(4000)]
    literals = re.compile(institution_slot._SLOT_LITERAL_WORDS)
    for text in texts:
        assert institution_slot.slot_word_starts(text) == tuple(
            m.start() for m in institution_slot._SLOT_WORD.finditer(text)), text
        # the automaton's leftmost-first matches are the alternation's (_name_before cuts at their ends)
        assert [(s, e) for _, s, e in institution_slot._SLOT_LITERALS.find_matches_as_indexes(text)] == [
            m.span() for m in literals.finditer(text)], text


def test_sigmoid_of_extreme_logits_is_exact_and_silent() -> None:
    # A clause of one character repeated a million times scores far below float32's exp range.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = model.sigmoid(np.array([-1e6, 0.0, 1e6], dtype=np.float32))
        assert model.sigmoid(np.array([-1e6, 0.0, 1e6])).tolist() == [0.0, 0.5, 1.0]
        assert model.sigmoid(np.zeros(0)).tolist() == []
        # a float32 scalar's exp overflows from 89 on, far inside a float64's range
        scalars = [float(model.sigmoid(t(-100.0))) for t in (np.float32, np.float64, float)]
    assert out.tolist() == [0.0, 0.5, 1.0]
    assert scalars[0] == 0.0 and scalars[1] == scalars[2] > 0.0


def test_latin_ends_before_han_are_the_latin_runs_glued_to_han() -> None:
    # the plain form: every Latin run (a letter, then letters and digits) whose next character is Han
    rnd = random.Random(11)
    texts = ["2023年 5个 pp电子娱乐 12ab34年 ab-12年 a年b年 年a1 x", "", "a", "年", "1年"]
    texts += ["".join(rnd.choice("ab19年官 -.\n") for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        plain = [m.end() for m in detector._LATIN_RUN.finditer(text)
                 if m.end() < len(text) and HAN.match(text, m.end())]
        assert detector._latin_ends_before_han(text) == plain, text


def test_short_texts_score_as_the_numpy_pipeline_scores_them() -> None:
    # probability() scores up to model.SHORT_TEXT_CHARS characters in plain Python (abf9150): the
    # same doubles as the numpy pipeline it skips, for every length around the limit
    sc = model.scorer()
    rnd = random.Random(13)
    alphabet = "娱乐城官网注册ab12９,。\n政府工作报告𠀀"
    texts = ["", "a", "官网", "5", "２０２３年"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, model.SHORT_TEXT_CHARS + 2)))
              for _ in range(500)]
    for text in texts:
        cp = model.code_points(text)
        plain = float(model.sigmoid(sc.logits(cp, np.array([0]), np.array([len(cp)]))[0]))
        assert sc.probability(text) == plain, text


def test_recurring_names_by_finds_and_by_the_automaton_are_str_counts() -> None:
    # _recurring looks a few candidates up with str.find; past its budget, one automaton counts them;
    # either way as text.count does (官网利官网 is written once in 官网利官网利官网, not twice)
    from scrapegate.rules.spam import institution_slot
    rnd = random.Random(17)
    for _ in range(2000):
        text = "".join(rnd.choice("官网利国aa") for _ in range(rnd.randint(0, 30)))
        candidates = sorted({"".join(rnd.choice("官网利国a") for _ in range(rnd.randint(1, 4))) for _ in range(6)})
        by_finds = institution_slot._recurring(text, candidates)
        by_automaton = institution_slot._recurring(text, candidates, budget=-1)
        for name in candidates:
            counted = text.count(name) >= institution_slot.RECURRING_NAME_MIN
            assert by_finds(name) == by_automaton(name) == counted, (text, name)
    for budget in (institution_slot.FIND_BUDGET_CHARS, -1):
        assert not institution_slot._recurring("官网利官网利官网", ["官网利官网"], budget)("官网利官网")


def test_digit_runs_and_offer_tails_are_the_plain_scans() -> None:
    # numbered_names' scan skips counted or dated runs itself; the offer tails are one automaton
    from scrapegate.rules.spam import institution_slot
    plain_tail = re.compile("|".join(institution_slot._OFFER_TAILS))
    rnd = random.Random(19)
    words = ["1", "23", "456", "2023", "年", "名", ".", "%", "\n", "集团", "a", "官网", "官方网站", "官方", "网址",
             "手机版", "网页版", "登录入口", "备用线路", "١٢٣"]
    texts = ["2023年 123集团 12345678 4567% 3.14 88888", ""]
    texts += ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 30))) for _ in range(4000)]
    for text in texts:
        runs = [m.span() for m in re.finditer("[0-9]{3,}", text)
                if not (institution_slot._COUNTED_OR_DATED.match(text, m.end()) or text.startswith((".", "%"), m.end()))]
        assert [m.span() for m in institution_slot._DIGIT_RUN.finditer(text)] == runs, text
        assert [(s, e) for _, s, e in institution_slot._OFFER_TAIL.find_matches_as_indexes(text)] == [
            m.span() for m in plain_tail.finditer(text)], text


def test_title_joined_is_a_count_of_title_separators() -> None:
    # _stuffed_candidates tests a stretch in place for STUFFED_MIN_KEYWORDS - 1 title separators
    rnd = random.Random(23)
    for _ in range(3000):
        text = "".join(rnd.choice("ab_|-/~★·,。\n百") for _ in range(rnd.randint(0, 25)))
        s = rnd.randint(0, len(text))
        e = rnd.randint(s, len(text))
        joins = len(re.findall(r"[_|\-/~★·]", text[s:e]))
        assert bool(learned._TITLE_JOINED.match(text, s, e)) == (joins >= learned.STUFFED_MIN_KEYWORDS - 1)


def test_template_candidates_are_the_plain_bucket_walk_cut_to_insertion_lengths() -> None:
    """The sibling-diff index reads only the templates 1 to MAX_INSERT_CHARS characters shorter
    than the line: the same (template, frequency) pairs, in the same order, as walking every
    template sharing the line's first or last characters and keeping those lengths."""
    from scrapegate.checks.context import BatchContext

    rnd = random.Random(11)
    key = detector.DIFF_KEY_CHARS
    ends = ["来源：本网站", "版权所有中国", "发布时间：0", "欢迎访问本站"]

    def line() -> str:
        middle = "".join(rnd.choice("政府工作报告区县市abc0") for _ in range(rnd.randint(0, 70)))
        return rnd.choice(ends) + middle + rnd.choice(ends)

    templates = {fp: line() for fp in range(3000)}
    ctx = BatchContext(documents=100, template_lines=templates,
                       line_doc_freq={fp: rnd.randint(2, 6) for fp in templates})
    by_prefix: dict[str, list[tuple[str, int]]] = {}
    by_suffix: dict[str, list[tuple[str, int]]] = {}
    for fp, text in templates.items():
        form = detector._align_form(text.strip())
        if len(form) >= detector.TEMPLATE_MIN_CHARS:
            by_prefix.setdefault(form[:key], []).append((form, ctx.frequency(fp)))
            by_suffix.setdefault(form[-key:], []).append((form, ctx.frequency(fp)))
    index = detector._build_template_index(ctx)
    walked = 0
    for _ in range(2000):
        form = detector._align_form(line())
        plain = [(t, f) for t, f in dict.fromkeys(by_prefix.get(form[:key], []) + by_suffix.get(form[-key:], []))
                 if 0 < len(form) - len(t) <= detector.MAX_INSERT_CHARS]
        assert index.candidates(form) == plain, form
        walked += len(plain) > 1
    assert walked > 1000  # most lines have several candidates to order


def test_windows_read_together_are_each_window_read_as_its_own_text():
    # extent.refine reads all of a page's windows in one pass, from the page's n-grams: each window's
    # rows must be the ones the window gives as a text of its own (classes, n-grams, clauses, lines and
    # tokens cut at its edges), byte for byte, and so must each hit's run
    from scrapegate.rules.spam import extent
    sc = model.scorer()
    table = extent._weights()["table"]
    rng = random.Random(7)
    alphabet = "永利集团官网娱乐平台党委书记会见来宾abc0123,。 \n|_.:"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        hits = []
        for _ in range(rng.randint(1, 4)):
            s = rng.randrange(len(text))
            hits.append((s, rng.randint(s + 1, min(len(text), s + 30)), rng.random() < 0.5))
        windows = [(max(0, s - extent.REACH), min(len(text), e + extent.REACH), s, e) for s, e, _ in hits]
        x, cls, taken = extent._features(text, model.ngrams(text, sc),
                                         [(lo, hi, s - lo, e - lo) for lo, hi, s, e in windows], table, sc)
        row = 0
        for lo, hi, s, e in windows:
            window = text[lo:hi]
            own = extent._features(window, model.ngrams(window, sc), [(0, hi - lo, s - lo, e - lo)], table, sc)
            n = hi - lo
            assert x[row:row + n].tobytes() == own[0].tobytes()
            assert np.array_equal(cls[row:row + n], own[1])
            assert np.array_equal(taken[row:row + n - 1], own[2][:n - 1])
            row += n
        assert extent.refine(text, hits, sc) == [extent.refine(text, [hit], sc)[0] for hit in hits]


def test_clause_logits_are_logits_of_runs_inside_the_text():
    # clause_logits drops logits' clamps for runs inside the text: the hot callers read it, the rest logits
    sc = model.scorer()
    rng = random.Random(23)
    alphabet = "永利集团官网娱乐平台党委书记会见来宾abc0123,。 \n"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))
        cp = model.code_points(text)
        prefixes = sc.prefix_sums(sc.contributions(cp))
        starts, ends = model.clause_bounds(cp)
        runs = sorted((a, b) for a, b in (sorted(rng.sample(range(len(cp) + 1), 2)) for _ in range(5)) if a < b)
        if runs:
            starts = np.concatenate([starts, [a for a, _ in runs]]).astype(starts.dtype)
            ends = np.concatenate([ends, [b for _, b in runs]]).astype(ends.dtype)
        assert np.array_equal(sc.clause_logits(starts, ends, prefixes), sc.logits(cp, starts, ends, prefixes))


def test_short_pieces_unordinary_pairs_are_the_numpy_count(monkeypatch):
    # a name or a brand's core (up to SHORT_PIECE_CHARS) is read by Python integers, the rest by numpy
    from scrapegate.rules.spam import extent
    rng = random.Random(11)
    alphabet = "永利集团官网娱乐平台党委书记会见来宾斗地主赢电子游戏威尼斯人俄罗斯贵宾会abc0123,。 \n𠀀豈"
    pieces = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, extent.SHORT_PIECE_CHARS)))
              for _ in range(3000)]
    fast = [extent.unordinary_han_pairs(p) for p in pieces]
    monkeypatch.setattr(extent, "SHORT_PIECE_CHARS", -1)
    assert fast == [extent.unordinary_han_pairs(p) for p in pieces]
    assert sum(n > 0 for n in fast) > 1000


def test_a_sigmoid_of_many_logits_is_each_logits_sigmoid():
    # the window and short-run probabilities are computed for all candidates at once
    logits = np.random.default_rng(5).normal(0, 20, 20000)
    assert model.sigmoid(logits).tolist() == [float(model.sigmoid(x)) for x in logits.tolist()]


def _plain_repeated(run: str):
    """Every length from the longest down, every start, as the rule states it."""
    size5 = detector.REPEAT_MIN_CHARS
    for size in range(min(len(run) // 2, detector.REPEAT_MAX_CHARS), size5 - 1, -1):
        first: set[str] = set()
        for i in range(len(run) - size + 1):
            piece = run[i:i + size]
            if piece in first:
                if not detector._REPEAT_BREAK.search(piece) and len(detector._IS_HAN.findall(piece)) >= 2:
                    return piece
            else:
                first.add(piece)
    return None


def test_repeated_strings_read_from_repeated_stretches_are_the_plain_scan():
    rng = random.Random(13)
    words = ["abc", "太阳集团", "网址", "在南校区", "举行", "_", " ", "党总支", "a", "太阳", "集团网址", "。"]
    runs = ["5月27日,abc太阳集团网址在南校区第二教学楼举行abc太阳集团网址党总支换届大会。", "aaaaaaaaaaaa太阳太阳太阳太阳"]
    runs += ["".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    found = [detector._repeated(run) for run in runs]
    assert found == [_plain_repeated(run) for run in runs]
    assert sum(f is not None for f in found) > 500


def _plain_sentence(folded: str, start: int, end: int):
    floor, ceiling = max(0, start - detector.SENTENCE_REACH), min(len(folded), end + detector.SENTENCE_REACH)
    left = floor
    for brk in detector._SENTENCE_BREAKS:
        at = folded.rfind(brk, floor, start)
        if at >= 0:
            left = max(left, at + len(brk))
    rights = [i for i in (folded.find(c, end, ceiling) for c in detector._SENTENCE_BREAKS) if i >= 0]
    return left, min(rights) if rights else ceiling


def _plain_offer_word_near(folded: str, pos: int, lex, window: int) -> bool:
    for p in range(pos, min(len(folded), pos + window + 1)):
        if lex.offer_pattern.match(folded, p):
            return True
        if folded[p] in "。!?;,,;!?\n":
            return False
    return False


def test_sentence_bounds_and_offer_lookahead_by_one_scan_are_the_per_break_reads():
    rng = random.Random(17)
    lex = detector.lexicon()
    pieces = ["官网", "注册", "娱乐", "葡京", "。", "!", "|", "_", " -", " –", " —", "-", " ", "\n", "\r", ",", "政府", "a"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.1:
            text = "报告" * rng.randint(150, 250) + text + "报告" * rng.randint(150, 250)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert detector._sentence(text, start, end) == _plain_sentence(text, start, end), (text, start, end)
        window = rng.randint(0, 6)
        assert detector._offer_word_near(text, start, lex, window) == _plain_offer_word_near(text, start, lex, window)


def test_glued_tail_words_by_one_alternation_are_the_word_by_word_reads():
    from scrapegate.rules.spam import extent

    def plain(text: str, start: int, end: int):
        for at in range(end, max(start, end - 3) - 1, -1):
            for word in extent.GLUED_TAIL_WORDS:
                if at + len(word) > end and text.startswith(word, at):
                    return at + len(word)
        return None

    rng = random.Random(19)
    pieces = [*extent.GLUED_TAIL_WORDS, "官方", "网", "下", "a", "p", "彩票", "。"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert extent.glued_tail_end(text, start, end) == plain(text, start, end)


def test_name_starts_by_two_scans_are_the_character_by_character_read():
    from scrapegate.rules.spam import institution_slot as slot

    preposition_end = re.compile(f"(?:{slot._PREPOSITION.pattern})$")

    def plain(text: str, i: int) -> int:
        j = i
        while (j > 0 and i - j <= slot.NAME_MAX_CHARS and slot._NAME_CHAR.match(text, j - 1)
               and (not preposition_end.search(text, max(0, j - 3), j) or text[j - 1:j + 1] in slot._COMPOUNDS)):
            j -= 1
        return j

    rng = random.Random(23)
    pieces = ["来到", "到", "在线", "在", "慰问了", "和平", "代表", "感受", "受", "学院", "永利", "ab", "12", "(", "。", " ",
              "\n", "集团", "了", "访问", "问"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        i = rng.randint(0, len(text))
        assert slot._name_start(text, i) == plain(text, i), (text, i)


def test_exact_brand_occurrences_by_find_are_the_bounded_pattern_matches():
    from scrapegate.rules.spam import institution_slot as slot
    rng = random.Random(29)
    pieces = ["bat365", "bat", "365", "x", "0", "太阳", "集团", "太阳太阳", "。", " ", "aa"]
    brands = ["bat365", "太阳", "太阳太阳", "aa", "365太阳", "太阳x", "a", "集团bat"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        brand = rng.choice(brands)
        left = r"(?<![a-z0-9])" if brand[0].isascii() else ""
        right = r"(?![a-z0-9])" if brand[-1].isascii() else ""
        expected = [m.span() for m in re.finditer(left + re.escape(brand) + right, text)]
        assert list(slot._exact_occurrences(text, brand)) == expected, (text, brand)


def test_institution_names_by_endswith_are_the_anchored_pattern_reads():
    from scrapegate.rules.spam import extent
    from scrapegate.rules.spam import institution_slot as slot
    suffix = re.compile("(?:大学|学院|学校|中学|小学|幼儿园|政府|局|委|(?<!大)厅|部|处|办|中心|公司|集团|协会|学会|"
                        "医院|院|所|(?<!网)站|队|会|社|馆|镇|乡|村|街道|区|县|市|省|校|系|科|室|组|团|电视台|电台|报|"
                        "社区|支部|基地|园|场|厂|行|分行|银行|法院|检察院|我们|全体|双方|大家)$")

    def plain(name: str) -> bool:
        m = suffix.search(name)
        return m is not None and (m.group() != "会" or extent.unordinary_han_pairs(name[-2:]) == 0)

    rng = random.Random(31)
    pieces = ["大", "厅", "网", "站", "贵宾", "宾", "会", "协会", "学", "院", "检察", "电视", "台", "永利", "ab", "\n", "家",
              "分", "行", "全体", "双", "同乡", "工", "金沙"]
    found = 0
    for _ in range(4000):
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert slot.institution_name(name) == plain(name), name
        found += slot.institution_name(name)
    assert found > 1000


def test_latin_words_glued_to_han_by_find_are_the_pattern_per_word_matches():
    from scrapegate.checks.textnorm import HAN_CHARS
    from scrapegate.rules.spam import institution_slot as slot
    rng = random.Random(37)
    pieces = ["williamhill", "abcde", "bet", "x", "1", "官网开放办学", "官网", "官网", "。"]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        word = rng.choice(["williamhill", "abcde", "bet"])
        expected = [m.span() for m in re.finditer(r"(?<![a-z0-9])%s[%s]{4}" % (re.escape(word), HAN_CHARS), text)]
        assert list(slot._glued_to_han(text, word)) == expected, (text, word)
        found += bool(expected)
    assert found > 100


class _Reads(str):
    """A page that counts how often the whole of it is searched."""

    searches = 0

    def find(self, *args, **kwargs):  # type: ignore[override]
        type(self).searches += 1
        return super().find(*args, **kwargs)

    def count(self, *args, **kwargs):  # type: ignore[override]
        type(self).searches += 1
        return super().count(*args, **kwargs)


def test_script_shift_reads_a_character_of_the_page_once_and_searches_no_name_it_cannot_prove():
    """The names tried grow with the page: a search of the page per name made a 20 MB line's check
    three times slower than a 10 MB one's (review15). A name none of whose characters the page
    shows it writes in traditional script is refused unread; a character's count is taken once."""
    from scrapegate.checks.textnorm import normalized_view
    from scrapegate.rules.spam.script_shift import foreign_script

    rng = random.Random(7)
    words = "关于开展春季植树活动的通知各单位请组织体育这是第二句话内容完整"
    page = "。".join("".join(rng.choice(words) for _ in range(12)) for _ in range(300))
    names = sorted({page[i:i + 4] for i in range(0, 3000, 7)} - {""})
    view = normalized_view(page)
    source = _Reads(page)
    view.text = _Reads(view.text)  # the view of a simplified page is the page
    foreign = foreign_script(source, view)
    _Reads.searches = 0
    assert not any(foreign(name) for name in names)
    assert _Reads.searches <= len(set(words))  # one count per character, no name searched
    # a traditional page still proves its simplified brand (the module's example, read the same way)
    page = "延安大學必一体育院長主持會議。\n必一体育黨總支書記出席。體育場館建設順利。"
    foreign = foreign_script(_Reads(page), normalized_view(page))
    assert foreign("必一体育") and not foreign("体育场馆")


def test_possessive_contact_gaps_find_what_the_backtracking_gaps_find() -> None:
    rnd = random.Random(11)
    pieces = ["微信", "加微信", "微信号", "v信", "加v", "vx", "weixin", "qq", "扣扣", "号", "号码", "群", "tg", "line",
              "飞机号", "企鹅", "网址", "官网", "v", ":", "@", " ", "   ", "\n", "\u3000", "1", "23456", "987654321",
              "ab", "c_d", "-", "x", "www.", "ab1.com", "/p?q=1", "http://", "中文"]
    texts = ["微信" + " " * 300 + "\n", "微信 号 : abcdef1", "qq号码 12345", "v : @tgname1", "网址 : www.ab1.com"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25))) for _ in range(4000)]
    for name, _anchors, fast in detector._CONTACT_PATTERNS:
        plain = re.compile(fast.pattern.replace("*+", "*").replace("?+", "?"))
        assert plain.pattern != fast.pattern, name
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)


def test_channels_anchored_in_one_pass_are_the_channels_with_an_anchor_in_the_text() -> None:
    rnd = random.Random(29)
    words = [a for _, anchors, _ in detector._CONTACT_PATTERNS for a in anchors]
    pieces = [*words, *{w[:1] for w in words}, *{w[1:] for w in words if len(w) > 1}, "加扣扣", "中文", " ", "1", "\n"]
    texts = ["", "加扣扣", "纸飞机", "微x", "weixi", "官网"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8))) for _ in range(6000)]
    seen = set()
    for text in texts:
        plain = {k for k, (_, anchors, _) in enumerate(detector._CONTACT_PATTERNS) if any(a in text for a in anchors)}
        assert detector._channels_anchored(text) == plain, text
        seen.add(frozenset(plain))
    assert len(seen) > 8  # texts with no channel, one, and several


def test_title_suffix_read_from_the_last_separator_is_the_reference_match() -> None:
    from scrapegate.rules.spam import institution_slot

    def spans(m):  # what title_suffix reads: the segment after the separator
        return None if m is None else m.span(1)

    rnd = random.Random(13)
    pieces = [" ", "\t", "  ", "-", "_", "|", "–", "—", "\n", "\r", "a", "pg", "中", "电子麻将", "官网"]
    texts = ["市政府召开常务会议 - pg电子麻将胡了\n正文", "x" * 10 + " " * 3000 + "-ab"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40))) for _ in range(30000)]
    found = 0
    for text in texts:
        reference = institution_slot._TITLE_SUFFIX.match(text)
        assert spans(institution_slot._title_suffix_match(text)) == spans(reference), text
        found += reference is not None
    assert found > 1000


def test_markup_residue_search_finds_markup_where_the_letter_run_form_does() -> None:
    plain = re.compile(r"</?[a-z][a-z0-9]*[ >/]|[a-z]+=[\"']")
    rnd = random.Random(17)
    found = 0
    for _ in range(30000):
        text = "".join(rnd.choice("</> ab1=\"'中\n") for _ in range(rnd.randint(0, 24)))
        s, e = sorted(rnd.randint(0, len(text)) for _ in range(2))
        expected = plain.search(text, s, e) is not None
        assert (learned.MARKUP.search(text, s, e) is not None) == expected, (text, s, e)
        found += expected
    assert found > 300


def test_span_index_finds_the_spans_a_scan_finds() -> None:
    from scrapegate.rules.spam.spans import SpanIndex

    rnd = random.Random(19)
    for _ in range(2000):
        spans = []
        for _ in range(rnd.randint(0, 12)):
            a = rnd.randint(0, 60)
            spans.append((a, a + rnd.choice([0, 1, 2, 3, 5, 8, 40])))
        index = SpanIndex(spans)
        for _ in range(10):
            s = rnd.randint(-5, 70)
            e = s + rnd.randint(0, 12)
            scan = [k for k, (a, b) in enumerate(spans) if a < e and s < b]
            assert sorted(index.overlapping(s, e)) == scan, (spans, s, e)
            assert index.overlaps(s, e) == bool(scan)


def _plain_recurrences(doc, hits):
    """detector._recurrences as it was: every taken span scanned for each occurrence."""
    import dataclasses

    from scrapegate.checks.findings import Span

    d = detector
    if not hits:
        return hits
    text = doc.text
    folded = None
    taken = [(h.span.start, h.span.end, set(h.signals) <= d._GUESS_SIGNALS) for h in hits]
    replaced, added, seen = set(), [], set()
    for hit in hits:
        run = text[hit.span.start:hit.span.end]
        if run in seen or not d._may_recur(text, hit, run):  # which runs recur: shared, not the fast path
            continue
        seen.add(run)
        at = text.find(run)
        while at >= 0:
            end = at + len(run)
            overlaps = [(a, b, guess) for a, b, guess in taken if a < end and at < b]
            if ((at, end) != (hit.span.start, hit.span.end) and not d._inside_latin_token(text, at, end)
                    and all(guess and b - a <= len(run) + d.RECURRENCE_GUESS_SLACK for a, b, guess in overlaps)):
                if folded is None:
                    folded = d.folded_text(doc)
                if not d._exempt_in_place(folded, at, end, d.lexicon()):
                    replaced.update((a, b) for a, b, _ in overlaps)
                    taken = [t for t in taken if (t[0], t[1]) not in replaced]
                    taken.append((at, end, False))
                    added.append(dataclasses.replace(hit, span=Span(at, end), line=d.line_number(doc, at),
                                                     signals=hit.signals + ("recurrence",)))
            at = text.find(run, end)
    if not added:
        return hits
    kept = [h for h in hits if (h.span.start, h.span.end) not in replaced]
    return sorted(kept + added, key=lambda h: (h.span.start, h.span.end))


def test_recurrences_read_through_sorted_spans_are_the_scan_of_every_span() -> None:
    from scrapegate.checks.document import Document
    from scrapegate.checks.findings import Span

    rnd = random.Random(29)
    words = ["必一体育", "必一", "体育", "贵宾会", "延安大学", "院长", "在", "与", "bet", "x", "。", "\n", "举行"]
    signals = [("learned",), ("whole-clause",), ("glued-run",), ("lexicon",), ("learned", "whole-clause"),
               ("brand-core",)]
    differ = 0
    for _ in range(1500):
        text = "".join(rnd.choice(words) for _ in range(rnd.randint(5, 60)))
        doc = Document.from_text("p.txt", text)
        hits = []
        for _ in range(rnd.randint(1, 8)):
            a = rnd.randrange(len(text))
            b = min(len(text), a + rnd.randint(1, 12))
            hits.append(detector.SpamHit(rnd.choice(["gambling", "offer", "adult"]), Span(a, b), text[a:b],
                                         rnd.choice(signals), 1, probability=0.9))
        hits.sort(key=lambda h: (h.span.start, h.span.end))
        fast, plain = detector._recurrences(doc, hits), _plain_recurrences(doc, hits)
        assert fast == plain, (text, hits)
        differ += fast != hits
    assert differ > 200


def test_the_topic_vocabulary_is_counted_once_per_document(monkeypatch) -> None:
    """Each glued run the scorer guesses asks whether the document touches the topic; the answer reads
    the whole text, so asked per run a long page cost the square of its length (a 20 MB batch of
    real pages, 88 s, now 20 s). Whether the document is about the topic reads the same words: the
    text is scanned for them once for both questions. Own text: news on an e-sports match, one short
    guess per line."""
    from scrapegate.checks.api import check_texts
    from scrapegate.rules.spam import register

    scans, asked = [], []
    scan, touches, about = register.topic_mentions, register.touches_topic, register.about_document
    monkeypatch.setattr(register, "topic_mentions", lambda view: scans.append(1) or scan(view))
    monkeypatch.setattr(register, "touches_topic", lambda *a: asked.append("touches") or touches(*a))
    monkeypatch.setattr(register, "about_document", lambda *a: asked.append("about") or about(*a))
    line = "记者从市体育局获悉，电竞比赛将在市体育馆举行，博彩公司不得赞助。\n"
    result = check_texts([{"id": "a", "text": "关于全区文体工作的报告\n" + line * 6}], select=["SP"])
    assert sorted(set(asked)) == ["about", "touches"] and asked.count("touches") == 1
    assert len(scans) == 1
    assert not list(result.reports.values())[0]["findings"]


def test_long_texts_are_hashed_in_blocks_to_the_same_weights(monkeypatch) -> None:
    """contributions of a text longer than HASH_BLOCK (hashed block by block, float32 weights) are
    the weights of its one-pass hashes; uint32 code points hash as uint64 ones do."""
    sc = model.scorer()
    rnd = random.Random(11)
    for n in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31, 64, 65, 66, 200]:
        text = "".join(rnd.choice("娱乐城官网注册ab12,。\n政府工作报告") for _ in range(n))
        cp = model.code_points(text)
        assert cp.dtype == np.uint32
        plain = _plain_ngram_indexes(cp.astype(np.uint64), sc.bits)
        expected = tuple(sc.weights[i] for i in plain)
        monkeypatch.setattr(model, "HASH_BLOCK", 1 << 16)
        assert _same_arrays(expected, sc.contributions(cp))
        for block in (1, 2, 3, 7, 64):
            monkeypatch.setattr(model, "HASH_BLOCK", block)
            assert _same_arrays(expected, sc.contributions(cp)), (n, block)


def test_long_texts_char_scores_divide_by_the_coverage_counts(monkeypatch) -> None:
    sc = model.scorer()
    rnd = random.Random(12)
    for n in [3, 4, 5, 6, 7, 40]:
        parts = sc.contributions(model.code_points("".join(rnd.choice("娱乐城官网注册ab12,。") for _ in range(n))))
        cached = model.whole_text_char_scores(parts, n)
        monkeypatch.setattr(model, "COVERAGE_CACHED", 4)
        assert np.array_equal(model.whole_text_char_scores(parts, n), cached)
        monkeypatch.undo()


def test_hot_windows_are_the_window_logits_at_the_threshold(monkeypatch) -> None:
    sc = model.scorer()
    rnd = random.Random(13)
    for n in [0, 1, 5, 11, 12, 13, 40, 300]:
        text = "".join(rnd.choice("娱乐城官网注册送彩金ab12,。\n政府工作报告") for _ in range(n))
        prefixes = sc.prefix_sums(sc.contributions(model.code_points(text)))
        logits = sc.window_logits(prefixes, n, learned.WINDOW)
        hot = (logits >= sc.logit_threshold).nonzero()[0]
        for block in (1 << 16, 1, 3, 17):
            monkeypatch.setattr(model, "WINDOW_BLOCK", block)
            idx, vals = sc.hot_windows(prefixes, n, learned.WINDOW)
            assert np.array_equal(idx, hot) and np.array_equal(vals, logits[hot]), (n, block)


def test_a_prose_guess_reads_its_sentence_within_a_reach(monkeypatch) -> None:
    """A page with no sentence break (one line of a policy's clauses, commas only): each guess's
    sentence is read at most SENTENCE_REACH characters on either side, not the whole line (on a line of
    176,000 characters the SP family took 39 s of CPU when every guess scored the line, 16 s so). Own
    text."""
    from scrapegate.rules.spam import own_text

    scored: list[int] = []
    probability = model.ClauseScorer.probability
    monkeypatch.setattr(model.ClauseScorer, "probability",
                        lambda self, text: scored.append(len(text)) or probability(self, text))
    text = "创业人员资金不足的,可以申请小额担保贷款,由小额贷款担保基金提供担保,财政部门给予贴息," * 200
    s = text.find("由小额", len(text) // 2)
    assert own_text.prose_words(text, s, s + 5, model.scorer(), lambda t: False)
    assert max(scored) <= 2 * own_text.SENTENCE_REACH + 5


def test_refine_in_groups_of_windows_finds_the_same_runs(monkeypatch) -> None:
    sc = model.scorer()
    rnd = random.Random(14)
    text = "".join(rnd.choice(["政府工作报告指出,", "澳门娱乐城官网注册送彩金", "百家乐", "。\n", "全面推进乡村振兴"])
                   for _ in range(200))
    hits = [(m.start(), m.end(), k % 2 == 0) for k, m in enumerate(re.finditer("百家乐|娱乐城", text))]
    assert len(hits) > 10
    whole = extent.refine(text, hits, sc, joined=frozenset({1, 4}))
    for rows in (1, 50, 400):
        monkeypatch.setattr(extent, "FEATURE_ROWS", rows)
        assert extent.refine(text, hits, sc, joined=frozenset({1, 4})) == whole


def test_a_hot_window_centred_in_trailing_clause_marks_is_read() -> None:
    """A text ending in a run of clause marks has windows centred after its last clause: they are left out
    together with their scores (the scores were indexed with the unfiltered mask: IndexError, every SP rule
    crashed on the page)."""
    from scrapegate.checks.context import BatchContext
    from scrapegate.checks.document import Document

    doc = Document.from_text("t.txt", "正文。澳门金沙娱乐城官网注册送彩金,,,,,,")
    hits = detector.spam_hits(doc, BatchContext.build([doc]))
    assert any("金沙" in doc.text[h.span.start:h.span.end] for h in hits)


def _listed_among_bodies_plain(text: str) -> list[str]:
    """institution_slot._listed_among_bodies as first written: items that give characters back, and a
    search per item for a school's or a hospital's suffix."""
    from scrapegate.rules.spam import institution_slot as slot

    chars = slot.HAN_CHARS
    items_pattern = re.compile(f"[{chars}a-z0-9()]{{2,20}}(?:、[{chars}a-z0-9()]{{2,20}})+")
    school = re.compile("(?:学院|大学|学校|中学|小学|医院|研究院|研究所)$")
    out: list[str] = []
    at = text.find("、")
    while at >= 0:
        m = items_pattern.search(text, max(0, at - 20), at + 160)
        if m is not None and m.start() <= at < m.end():
            items = m.group().split("、")
            if sum(bool(school.search(item)) for item in items) >= 2:
                out.extend(item for item in items if not slot.institution_name(item))
            at = text.find("、", m.end())
        else:
            at = text.find("、", at + 1)
    return out


def test_possessive_list_items_and_one_suffix_count_find_the_plain_lists() -> None:
    from scrapegate.rules.spam import institution_slot as slot

    rnd = random.Random(19)
    pieces = ["学院", "大学", "研究院", "研究所", "中学院", "医院", "法学院", "旅游学院", "澳门新葡萄娱乐", "、", "、", "，", "。",
              "ab", "1", "(", ")", "的", "中心", "学", "院", "\n", " ", "某某" * 11]
    texts = ["法学院、澳门新葡萄娱乐、旅游学院", "、大学、医院", "学院、" * 30, "长" * 25 + "、大学、研究所、中心"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 60))) for _ in range(6000)]
    found = 0
    for text in texts:
        plain = _listed_among_bodies_plain(text)
        assert slot._listed_among_bodies(text) == plain, text
        found += bool(plain)
    assert found > 200  # the texts hold lists of bodies, not only lists without one


def test_traditional_page_count_by_one_scan_is_the_count_per_character() -> None:
    from scrapegate.checks.textnorm import simplified_chars, traditional_chars

    table = simplified_chars()
    pattern = traditional_chars()  # script_shift's traditional_page counts its matches
    assert {c for c in table if len(c) == 1} == {m.group() for m in pattern.finditer("".join(table))}
    rnd = random.Random(23)
    alphabet = "".join(sorted(table)[:40]) + "体育中国大学ab1。\n[]^-\\"
    for n in (0, 5, 19, 20, 21, 60):
        for _ in range(200):
            page = "".join(rnd.choice(alphabet) for _ in range(n))
            count = sum(1 for c in page if c in table)
            found = len(pattern.findall(page))
            assert found == count, page


def test_page_counts_of_the_own_text_tests_are_read_once_a_page() -> None:
    """forum_handle and list_byline count the page's forum words and byline lines once a page, not
    once a guess (each count read the whole page): a second guess on the same text is a cache hit, and
    the counts are the plain scans' counts."""
    from scrapegate.rules.spam import own_text

    lines = ["金错刀 2021-10-06 16:22:06", "爱要娱乐 2021/10/06 21:04", "九派新闻 2021年10月7日",
             "sydney999对我感觉", "由海姑娘张贴 @ 2005-06-10", "网友回复"]
    text = "\n".join(lines * 50)
    own_text._forum_marks.cache_clear()
    own_text._byline_lines.cache_clear()
    for at in (m.start() for m in re.finditer("sydney", text)):
        assert own_text.forum_handle(text, at, at + 9, lambda t: False)
    for at in (m.start() for m in re.finditer("爱要", text)):
        assert own_text.list_byline(text, at, at + 4, lambda t: False)
    assert own_text._forum_marks.cache_info().misses == 1
    assert own_text._byline_lines.cache_info().misses == 1
    assert own_text._forum_marks(text) == len(set(own_text._FORUM_MARKS.findall(text)))
    assert own_text._byline_lines(text) == sum(1 for x in text.split("\n") if own_text._BYLINE.fullmatch(x))


def test_view_offsets_read_directly_are_the_bisection_over_source_spans() -> None:
    from scrapegate.checks.textnorm import normalized_view

    rnd = random.Random(31)
    pieces = ["百 家 乐", "桑.拿.会.所", "ＡＢ", "\u200b\u200b", "體育", "a", "。", " ", "ｑｑ", "ﬁ", "①", "e\u0301", "\n"]
    texts = ["百 家 乐 上·门", "ＡＢ體育" * 5]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    dropped = 0
    for text in texts:
        view = learned.SpamView(normalized_view(text))
        dropped += bool(view._drops)
        positions = range(len(view.text))
        sources = sorted(rnd.randrange(0, len(text) + 2) for _ in range(5)) + [0, len(text), len(text) + 3]
        plain = [bisect.bisect_left(positions, s, key=lambda i: view.source_span(i, i + 1)[0])
                 for s in sources]
        assert view.view_offsets(sources) == (sources if view.same_offsets else plain), text
    assert dropped > 300  # spaced writing joined: the offsets past dropped separators are read too


def test_containment_in_exempted_units_by_bisect_is_the_test_of_every_unit() -> None:
    # learned_runs drops the units inside an exempted one; asking every exempted unit for every unit
    # was quadratic on a long page the topic exempts
    rnd = random.Random(5)
    for _ in range(2000):
        spans = [(a, a + rnd.randint(0, 30)) for a in (rnd.randint(0, 100) for _ in range(rnd.randint(0, 8)))]
        within = SpanIndex(spans).holds
        for _ in range(20):
            s = rnd.randint(0, 120)
            e = s + rnd.randint(1, 30)
            assert within(s, e) == any(x <= s and e <= y for x, y in spans), (spans, s, e)


def test_a_page_is_scanned_for_owner_slots_once(monkeypatch) -> None:
    # each run asked whether it lies in the site's own owner slot, and each question scanned the page
    from scrapegate.checks.document import Document
    page = ("城乡居民收入稳步提高,社会保障水平持续提升。\n本站推荐娱乐城官网注册送88元彩金,百家乐在线真人游戏\n" * 20
            + "CopyRight © 2023 体育频道节目中心官方网站 | 京ICP证100935\n")
    scans = []
    plain = learned._owner_slots
    monkeypatch.setattr(learned, "_owner_slots", lambda text: scans.append(1) or plain(text))
    runs = learned.learned_runs(Document.from_bytes("a.txt", page.encode()), lambda *a, **k: False, [])
    assert len(runs) >= 20 and len(scans) == 1


def _plain_spec_list(text, s, e, listed) -> bool:
    from scrapegate.checks.textnorm import han_count
    from scrapegate.rules.spam import own_text
    clause_start = max(text.rfind(c, 0, s + 1) for c in ",;。\n") + 1
    ends = [i for i in (text.find(c, s) for c in ",;。\n") if i >= 0]
    clause_end = min(ends, default=len(text))
    clause = text[clause_start:clause_end].strip()
    items = [x for x in re.split(r"\s*\+\s*|\s+", clause) if x]
    if (len(items) < own_text.SPEC_MIN_ITEMS or "+" not in clause
            or not all(own_text._SPEC_TOKEN.fullmatch(x) for x in items) or listed(text[s:e])):
        return False
    rest = text[min(s, clause_start):clause_start] + text[clause_end:max(e, clause_end)]
    return han_count(rest) <= own_text.SPEC_REST_MAX_HAN and not learned.spam_word(rest)


def test_spec_lists_read_item_by_item_are_the_split_clauses() -> None:
    from scrapegate.rules.spam import own_text
    rnd = random.Random(21)
    words = ["3.0t", "v6", "350匹", "8at", "+", " + ", " ", "网友", ",", "。", "\n", "金沙", "i7", "5000mah", "ab"]
    texts = ["马自达6即将发售,3.0t v6+350匹+8at,网友:这价格是真的香", "马自达6即将发售,3.0t v6+350匹+8at,金沙娱乐"]
    texts += ["".join(rnd.choice(words) for _ in range(rnd.randint(1, 25))) for _ in range(1500)]
    # and clauses of whole items beside short neighbours (a cut word, an action word, a listed one), so that the
    # list is found often enough for each later test (listed, the Han outside it, the spam word there) to decide
    items = ["3.0t", "v6", "350匹", "8at", "i7", "5000mah"]
    neighbours = ["网", "网友", "网友说", "app", "彩", "ab", "金沙", "这价格是真的香"]
    for _ in range(500):
        clauses = [rnd.choice(["+", " + ", " "]).join(rnd.choices(items, k=rnd.randint(2, 5))) if rnd.random() < 0.5
                   else rnd.choice(neighbours) for _ in range(rnd.randint(1, 4))]
        texts.append("".join(c + rnd.choice([",", ";", "。", "\n", ""]) for c in clauses))
    for text in texts:
        for _ in range(4):
            s = rnd.randrange(len(text))
            e = rnd.randint(s + 1, len(text))
            listed = (lambda t: "ab" in t) if rnd.random() < 0.3 else (lambda t: False)
            assert own_text.spec_list(text, s, e, listed) == _plain_spec_list(text, s, e, listed), (text, s, e)


def _plain_link_row_item(text, s, e, sc) -> bool:
    if any(c.isdigit() for c in text[s:e]) or learned._ADULT.search(text, s, e) or learned._GAMBLING.search(text, s, e):
        return False
    start, end = learned.line_bounds(text, s, e)
    cuts = [start] + [x for m in learned._LINK_SEPARATOR.finditer(text, start, end) for x in m.span()] + [end]
    items = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    if len(items) < learned.LINK_ROW_MIN_ITEMS:
        return False
    short = [(a, b) for a, b in items if b - a <= learned.LINK_ITEM_MAX_CHARS]
    if len(short) < learned.LINK_ROW_MIN_ITEMS or any(len(piece) > learned.LINK_ITEM_MAX_CHARS
                                                       for piece in learned._LINK_SEPARATOR.split(text[s:e])):
        return False
    clean = sum(sc.probability(text[a:b]) < learned.GROW_PROBABILITY for a, b in short)
    return 3 * clean >= 2 * len(short)


def test_link_rows_read_once_a_line_are_read_as_for_each_guess() -> None:
    sc = model.scorer()
    rnd = random.Random(22)
    items = ["首页", "新闻中心", "网站登录", "设置首页", "广告服务", "联系方式", "澳门新葡京", "金沙官网", "保护隐私权",
             "一个很长很长很长的栏目名称在这里"]
    lines = [rnd.choice([" - ", " | ", "|"]).join(rnd.choice(items) for _ in range(rnd.randint(1, 9))) for _ in range(60)]
    for _ in range(300):
        text = "\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 4)))
        # guesses of a line come in runs and lines repeat across texts of equal content: both are read again right
        for _ in range(6):
            s = rnd.randrange(len(text))
            e = rnd.randint(s + 1, min(len(text), s + 14))
            copy = "".join(text)  # an equal text that is another object
            for t in (text, copy, text):
                assert learned.link_row_item(t, s, e, sc) == _plain_link_row_item(t, s, e, sc), (t, s, e)


def test_line_bounds_kept_for_a_line_are_the_searched_ones() -> None:
    rnd = random.Random(24)
    for _ in range(400):
        text = "".join(rnd.choice("ab\n金") for _ in range(rnd.randint(1, 40)))
        for t in (text, "".join(text)):
            for _ in range(8):
                s = rnd.randint(0, len(t))
                e = rnd.randint(s, len(t))
                line_end = t.find("\n", e)
                assert learned.line_bounds(t, s, e) == (t.rfind("\n", 0, s) + 1, len(t) if line_end < 0 else line_end)


def test_bare_sentences_are_those_the_look_behind_form_finds() -> None:
    behind = re.compile(f"(?<=[。!?])([^\\s{learned._MARKS}]{{2,24}})(?=。)")
    rnd = random.Random(11)
    texts = ["今年全区工作取得了可喜的阶段性成果。百人牛牛现金网。下一步。巩固。", "。。ab。!?x y。", "?" + "字" * 30 + "。"]
    texts += ["".join(rnd.choice("。!?,、 字词a\n") for _ in range(rnd.randint(0, 60))) for _ in range(5000)]
    for text in texts:
        assert [m.span(1) for m in learned._BARE_SENTENCE.finditer(text)] == [
            m.span(1) for m in behind.finditer(text)], text


def test_pairs_written_stops_with_the_answer_of_every_pair_counted() -> None:
    rnd = random.Random(13)
    for _ in range(20000):
        text = "".join(rnd.choice("稳就业保民生。a") for _ in range(rnd.randint(0, 30)))
        s = rnd.randint(0, len(text))
        e = rnd.randint(s, len(text))
        elsewhere = "".join(rnd.choice("稳就业保民生。a") for _ in range(rnd.randint(0, 12)))
        pairs = {m.group(1) for m in learned._HAN_PAIR.finditer(text, s, e) if m.end(1) <= e}
        for parts in (1, 2, 3):
            counted = bool(pairs) and parts * sum(pair in elsewhere for pair in pairs) >= len(pairs)
            assert learned.pairs_written(text, s, e, elsewhere, parts) == counted, (text, s, e, elsewhere, parts)


def test_party_names_are_those_of_the_classes_at_their_start() -> None:
    from scrapegate.rules.spam import institution_slot

    with_classes = re.compile("中共|共青[团團]|民[进進]|民盟|民革|民建|[农農]工[党黨]|致公[党黨]|九三[学學]社|[台臺]盟")
    rnd = random.Random(17)
    for _ in range(5000):
        text = "".join(rnd.choice("中共青团團民进進盟革建农農工党黨致公九三学學社台臺a") for _ in range(rnd.randint(0, 30)))
        assert [m.span() for m in institution_slot.PARTY_NAME.finditer(text)] == [
            m.span() for m in with_classes.finditer(text)], text


def test_whole_prefix_is_the_float64_cumsum() -> None:
    g = np.random.default_rng(7).standard_normal(300_000).astype(np.float32)  # a group's weights
    g[0] = -0.0  # the first sum is the first weight itself, its sign kept
    for part in (g, g[:1], g[:0]):
        plain = np.concatenate(([0.0], np.cumsum(part, dtype=np.float64)))
        assert model.whole_prefix(part).tobytes() == plain.tobytes()


_LOOKED_BEHIND_BARE_CLAUSE = re.compile(f"(?<=[,;。!?])([{HAN_CHARS}]{{2,6}})(?=[,;。!?\\n]|\\Z)")


def _plain_bare_clauses(text: str, sc: model.ClauseScorer) -> list[tuple[int, int, float]]:
    """:func:`learned._bare_clauses` as first written: a look-behind tried at every position, and each clause's
    lead found by searching back for each mark from the clause to the text's start."""
    found = []
    for m in _LOOKED_BEHIND_BARE_CLAUSE.finditer(text):
        s, e = m.span(1)
        if learned._FUNCTION_CHAR.search(text, s, e):
            continue
        lead = max(text.rfind(c, 0, s - 1) for c in ",;。!?\n") + 1
        if han_count(text, lead, s - 1) < learned.BARE_CLAUSE_LEAD_HAN:
            continue
        p = sc.probability(text[s:e])
        if p >= learned.BARE_CLAUSE_PROBABILITY:
            found.append((s, e, p))
    return found if len(found) >= learned.BARE_CLAUSES_MIN else []


def test_bare_clauses_read_what_the_look_behind_scan_reads() -> None:
    sc = model.scorer()
    rnd = random.Random(37)
    pieces = ["金龙百家乐", "真人视讯", "娱乐城", "客人不能赢取现金", "据报道度假村近日开业", "的", "是", "ab", "1", "", "看看"]
    texts = ["据报道,度假村近日开业的娱乐厅内,金龙百家乐,客人不能赢取现金。当地部门否认了这一传闻,"
             "金龙娱乐城,并成立调查组进行调查。记者获悉,该场所已被责令停业整顿,真人视讯。"]
    texts += ["".join(rnd.choice(pieces) + rnd.choice(",;。!?\n ") for _ in range(rnd.randint(1, 40)))
              for _ in range(3000)]
    found = 0
    for text in texts:
        plain = _plain_bare_clauses(text, sc)
        assert learned._bare_clauses(text, sc) == plain, text
        found += bool(plain)
    assert found > 100  # the texts hold pages of bare clauses, not only pages without


def test_latin_page_skips_counting_letters_only_when_they_cannot_decide() -> None:
    rnd = random.Random(41)
    alphabet = ["a", "B", "z", "İ", "K", "ß", "工", "作", "1", " ", "\n", "é"]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))) for _ in range(5000)]
    for text in texts:
        han = han_count(text)
        plain = han < learned.LATIN_PAGE_HAN_SHARE * (han + count_chars(learned._LATIN_LETTERS, text.lower()))
        assert learned.latin_page(text) == plain, text


def test_simplified_class_split_at_the_basic_plane_matches_the_one_class_form() -> None:
    from scrapegate.rules.spam import script_shift

    chars = sorted(script_shift._traditional_of())
    assert any(c > "\uffff" for c in chars)  # the split is exercised
    plain = re.compile("[" + "".join(chars) + "]")
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    split = script_shift._simplified_only()
    assert [m.start() for m in split.finditer(every)] == [m.start() for m in plain.finditer(every)]
