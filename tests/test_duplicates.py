"""Duplicate family (DU001-DU003) within a batch: exact, near and contained copies, and non-pairs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from duplicate_fixtures import (COUNTY_ACCOUNTS, SITE_A_HEAD, SITE_A_TAIL, SITE_B_HEAD, SITE_B_TAIL,
                                html_copy, reflowed_part, traditional_copy,
                                SEED_004, change_figures, county_documents, county_report,
                                edited_copy, near_copy_pages, other_site_copy, profiles, run_du,
                                seed_document, truncated_copy, with_chrome)
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.registry import all_rules
from scrapegate.rules.duplicates.index import DuplicateIndex
from scrapegate.rules.duplicates.match import MatchThresholds
from scrapegate.rules.duplicates.profile import document_profile, shared_count, shingle_hashes
from scrapegate.rules.duplicates.rules import RULES, DuplicateOptions, analyse, duplicate_clusters

SEED_KEYS = ["000_6c315c879fc3e2f4.txt", "001_7c00190a20eabef2.txt", "002_605ba49512da1802.txt",
             "003_1610248ea291dfaf.txt", SEED_004]


def of(findings: list[tuple[str, Finding]], key: str, code: str | None = None) -> list[Finding]:
    return [f for k, f in findings if k == key and (code is None or f.code == code)]


def test_rules_register_with_docstrings_and_stable_codes():
    registered = all_rules(include_plugins=False)
    assert [registered[c].name for c in ("DU001", "DU002", "DU003", "DU004")] == [
        "exact-duplicate", "near-duplicate", "contained-copy", "indexed-duplicate"]
    for rule in RULES:
        assert rule.category == "duplicate"
        assert "Example" in rule.documentation()


def test_exact_copy_in_other_chrome_and_encoding_pairs_both_ways():
    original, mirror = seed_document(SEED_004), other_site_copy()
    assert mirror.encoding != "utf-8" and mirror.sha256 != original.sha256
    findings = run_du([original, mirror])
    assert [f.code for _, f in findings] == ["DU001", "DU001"]
    (dropped,) = of(findings, mirror.key)
    (kept,) = of(findings, original.key)
    assert dropped.severity is Severity.ERROR and kept.severity is Severity.INFO
    assert dropped.details == {"kind": "exact", "other": original.key, "similarity": 1.0,
                               "keep": original.key, "problems": [], "group_size": 2}
    assert kept.details["other"] == mirror.key and kept.details["keep"] == original.key
    assert original.key in dropped.message
    # the span is the body: it starts at the report's first line, after the other site's menu
    assert mirror.text[dropped.span.start:].startswith("\u3000\u30002023年十堰市张湾区")


def test_near_copy_with_figures_changed_paragraph_dropped_and_new_title():
    original, edited = seed_document(SEED_004), edited_copy()
    findings = run_du([original, edited])
    assert {f.code for _, f in findings} == {"DU002"}
    (drop,) = of(findings, edited.key)
    (keep,) = of(findings, original.key)
    assert drop.severity is Severity.WARNING and keep.severity is Severity.INFO
    assert drop.details["kind"] == "near" and drop.details["other"] == original.key
    assert 0.7 <= drop.details["similarity"] < 1.0
    assert keep.details["similarity"] == drop.details["similarity"]
    assert drop.details["keep"] == original.key  # the longer body


def test_truncated_copy_is_contained_and_span_marks_the_shared_part():
    original, cut = seed_document(SEED_004), truncated_copy()
    findings = run_du([original, cut])
    assert {f.code for _, f in findings} == {"DU003"}
    (inner,) = of(findings, cut.key)
    (outer,) = of(findings, original.key)
    assert inner.severity is Severity.WARNING and outer.severity is Severity.INFO
    assert inner.details["role"] == "is-contained" and outer.details["role"] == "contains"
    assert inner.details["other"] == original.key and outer.details["other"] == cut.key
    assert inner.details["similarity"] >= 0.95
    assert "contained in" in inner.message and outer.message.startswith("contains")
    # in the original, the shared text is its first part: from the top to where the copy was cut
    cut_line = original.lines[36]
    assert outer.span.start == 0
    assert original.lines[35].end <= outer.span.end <= cut_line.end
    assert "(四)坚持示范引领" not in original.text[outer.span.start:outer.span.end]
    # in the cut copy the shared part is its whole body, chrome excluded
    assert cut.text[inner.span.start:].startswith("2023年十堰市张湾区")
    assert "本文地址" not in cut.text[inner.span.start:inner.span.end]


def test_all_copies_form_one_cluster_and_distinct_seeds_stay_out():
    docs = [seed_document(k) for k in SEED_KEYS] + [other_site_copy(), truncated_copy(), edited_copy()]
    findings = run_du(docs)
    assert duplicate_clusters(findings) == [sorted(
        [SEED_004, "cut/zhangwan_part.txt", "edited/zhangwan_v2.txt", "mirror/zhangwan.txt"])]
    for key in SEED_KEYS[:4]:
        assert of(findings, key) == []
    # the exact copy collapses onto the kept one: near and partial copies point at the kept copy
    assert {f.details["other"] for f in of(findings, "edited/zhangwan_v2.txt")} == {
        SEED_004, "cut/zhangwan_part.txt"}  # the cut copy is also contained in the edited one
    assert "mirror/zhangwan.txt" not in {f.details["other"] for _, f in findings
                                         if f.code != "DU001"}
    for key, finding in findings:
        assert finding.details["other"] != key
        assert finding.span is not None and finding.excerpt


def test_distinct_reports_sharing_stock_passages_never_pair():
    docs = county_documents() + [seed_document(k) for k in SEED_KEYS]
    assert run_du(docs) == []


def test_distinct_reports_do_not_pair_even_with_lenient_thresholds_on_stock_lines():
    # every stock line is shared by all five reports: they propose candidates, the check rejects them
    options = DuplicateOptions(max_line_frequency=1000)
    assert run_du(county_documents(), options) == []


def test_pairs_built_from_text_written_for_the_tests():
    place = "清溪县"
    report = county_report(place, party="县委")
    exact = Document.from_text("a/清溪.txt", with_chrome(report.split("\n"), SITE_A_HEAD, SITE_A_TAIL))
    wide = report.replace(",", "，").replace("%", "％").replace("1", "１")
    exact_b = Document.from_bytes("b/清溪.txt", with_chrome(
        ["  " + line + "  " for line in wide.split("\n")], SITE_B_HEAD, SITE_B_TAIL).encode("gb18030"))
    lines = report.split("\n")
    near = Document.from_text("c/清溪.txt", "清溪县政府工作报告(摘要版)\n" + "\n".join(
        line for line in lines[1:] if line != COUNTY_ACCOUNTS[place][2]))
    findings = run_du([exact, exact_b, near])
    codes = sorted((k, f.code, f.details["other"]) for k, f in findings)
    assert codes == [("a/清溪.txt", "DU001", "b/清溪.txt"), ("a/清溪.txt", "DU002", "c/清溪.txt"),
                     ("b/清溪.txt", "DU001", "a/清溪.txt"), ("c/清溪.txt", "DU002", "a/清溪.txt")]


def test_figures_rewritten_throughout_a_short_report_is_still_near():
    report = county_report("石岭区")
    docs = [Document.from_text("x.txt", report), Document.from_text("y.txt", change_figures(report))]
    findings = run_du(docs)
    assert {f.code for _, f in findings} == {"DU002"}


def test_output_is_deterministic_whatever_the_input_order():
    docs = [seed_document(SEED_004), other_site_copy(), truncated_copy(), edited_copy()]
    expected = [(k, f.to_json()) for k, f in run_du(docs)]
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    assert [(k, f.to_json()) for k, f in run_du(shuffled)] == expected
    for code in ("DU001", "DU002", "DU003"):
        keys = [k for k, f in expected if f["code"] == code]
        assert keys and keys == sorted(keys)


def test_short_bodies_are_not_judged():
    docs = [Document.from_text(k, "导航菜单\n各位代表:\n现在我代表区人民政府向大会报告工作。\n")
            for k in ("a.txt", "b.txt")]
    assert run_du(docs) == []
    assert [f.code for _, f in run_du(docs, DuplicateOptions(min_body_chars=10))] == ["DU001", "DU001"]


def test_many_copies_point_to_one_kept_copy_and_findings_are_capped():
    text = county_report("柳塘区")
    docs = [Document.from_text(f"copy{i:02d}.txt", text) for i in range(8)]
    findings = run_du(docs, DuplicateOptions(max_matches_per_document=3))
    kept = of(findings, "copy00.txt")
    assert len(kept) == 3 and all(f.details["matches_not_reported"] == 4 for f in kept)
    for i in range(1, 8):
        (f,) = of(findings, f"copy{i:02d}.txt")
        assert f.details["other"] == "copy00.txt" and f.severity is Severity.ERROR
    assert duplicate_clusters(findings) == [[f"copy{i:02d}.txt" for i in range(8)]]


@pytest.mark.parametrize("threshold, expected", [(0.95, set()), (0.7, {"DU002"})])
def test_near_threshold_is_an_option(threshold, expected):
    original, edited = seed_document(SEED_004), edited_copy()
    findings = run_du([original, edited], DuplicateOptions(near_threshold=threshold,
                                                        containment_threshold=0.99))
    assert {f.code for _, f in findings} == expected


def exact_jaccard(a: Document, b: Document, ctx: BatchContext) -> float:
    set_a = shingle_hashes(document_profile(a, ctx).normalized_body)
    set_b = shingle_hashes(document_profile(b, ctx).normalized_body)
    shared = shared_count(set_a, set_b)
    return round(shared / (len(set_a) + len(set_b) - shared), 4)


def test_a_small_group_of_near_copies_is_verified_pairwise():
    docs = near_copy_pages(5)
    findings = run_du(docs)
    for doc in docs:
        named = [f.details["other"] for f in of(findings, doc.key, "DU002")]
        assert sorted(named) == sorted(d.key for d in docs if d is not doc)


def test_a_large_group_of_near_copies_is_one_cluster_at_linear_cost():
    count, limit = 300, 10
    docs = near_copy_pages(count)
    by_key = {d.key: d for d in docs}
    ctx = BatchContext.build(docs)
    findings = run_du(docs, ctx=ctx)
    # one cluster, every page names at least one other page, at most `limit` per rule
    assert duplicate_clusters(findings) == [sorted(by_key)]
    assert {k for k, _ in findings} == set(by_key)
    assert {f.code for _, f in findings} == {"DU002"}
    for key in by_key:
        assert 1 <= len(of(findings, key)) <= limit
    # each reported pair is a verified one: the similarity is the exact Jaccard of the two bodies
    for key, finding in findings[::7]:
        other = finding.details["other"]
        assert other != key and of(findings, other)
        assert finding.details["similarity"] == exact_jaccard(by_key[key], by_key[other], ctx)
        assert finding.details["group_size"] == count
    assert "one of 300 documents" in findings[0][1].message
    # the cost: exact checks grow with the group, not with its number of pairs (44,850)
    payloads = profiles(docs, ctx)
    analysis = analyse(payloads, ctx, DuplicateOptions())
    assert limit * count // 2 <= analysis.verified_pairs <= 20 * count
    assert analysis.candidate_pairs <= 100 * count


def test_a_large_group_is_reported_the_same_whatever_the_input_order():
    docs = near_copy_pages(60)
    expected = [(k, f.to_json()) for k, f in run_du(docs, DuplicateOptions(max_matches_per_document=3))]
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert [(k, f.to_json()) for k, f in run_du(shuffled, DuplicateOptions(
        max_matches_per_document=3))] == expected


def test_a_large_group_keeps_its_partial_copy_and_leaves_distinct_reports_out():
    pages = near_copy_pages(120, place="石岭区")
    lines = pages[0].text.split("\n")
    cut = Document.from_text("cut/石岭区.txt", "\n".join(lines[:len(lines) // 2 + 2]))
    distinct = [d for d in county_documents() if "石岭区" not in d.key]  # other counties' reports
    docs = pages + [cut] + distinct
    findings = run_du(docs)
    (cluster,) = duplicate_clusters(findings)
    assert cluster == sorted([d.key for d in pages] + [cut.key])
    assert {f.code for f in of(findings, cut.key)} == {"DU003"}
    assert all(f.details["role"] == "is-contained" for f in of(findings, cut.key))
    assert all(of(findings, d.key) == [] for d in distinct)


def test_two_subgroups_of_one_report_stay_one_cluster_when_each_names_only_its_closest():
    # site b serves the report with one account paragraph rewritten: every b page is closer to the
    # other b pages than to any a page, yet a and b pages are near-duplicates: one cluster
    place = "云桥市"
    report = county_report(place)
    rewritten = report.replace(COUNTY_ACCOUNTS[place][1], COUNTY_ACCOUNTS["石岭区"][1])
    docs = near_copy_pages(20, place, "a") + near_copy_pages(20, place, "b", report=rewritten)
    ctx = BatchContext.build(docs)
    between = exact_jaccard(docs[0], docs[20], ctx)
    assert 0.7 <= between < min(exact_jaccard(docs[0], docs[1], ctx),
                                exact_jaccard(docs[20], docs[21], ctx))
    findings = run_du(docs, DuplicateOptions(max_matches_per_document=3), ctx=ctx)
    assert duplicate_clusters(findings) == [sorted(d.key for d in docs)]
    assert all(1 <= len(of(findings, d.key)) <= 3 for d in docs)


def test_a_large_group_in_the_index_is_looked_up_at_linear_cost(tmp_path: Path):
    # yesterday's 80 pages of a site are indexed; today's 80 pages of the same report are checked
    pages = near_copy_pages(160)
    ctx = BatchContext.build(pages)
    payloads = profiles(pages, ctx)
    old, new = dict(list(payloads.items())[:80]), dict(list(payloads.items())[80:])
    by_key = {d.key: d for d in pages}
    with DuplicateIndex.open(str(tmp_path / "index.sqlite"), create=True) as index:
        index.add(old)
        matches = index.find(new, MatchThresholds(matches_per_document=5))
        assert index.verified_pairs <= 10 * len(new)  # every pair would be 6,400
    per_doc = {key: [m for m in matches if m.key == key] for key in new}
    assert all(1 <= len(found) <= 5 for found in per_doc.values())
    for m in matches[::5]:
        assert m.kind == "near" and m.indexed.key in old
        assert m.similarity == exact_jaccard(by_key[m.key], by_key[m.indexed.key], ctx)


def test_the_four_rules_share_one_analysis(monkeypatch):
    from scrapegate.rules.duplicates import rules as duplicates

    calls = []
    find = duplicates.find_matches
    monkeypatch.setattr(duplicates, "find_matches", lambda *a: calls.append(a) or find(*a))
    docs = [seed_document(SEED_004), other_site_copy(), edited_copy()]
    ctx = BatchContext.build(docs)
    assert {f.code for _, f in run_du(docs, ctx=ctx)} == {"DU001", "DU002"}
    # other rule instances with equal thresholds (a severity override, say) reuse it too
    assert {f.code for _, f in run_du(docs, DuplicateOptions(), ctx=ctx)} == {"DU001", "DU002"}
    assert len(calls) == 1


def test_traditional_big5_copy_is_an_exact_duplicate():
    original, trad = seed_document(SEED_004), traditional_copy()
    assert trad.encoding.startswith("big5") and "經濟" in trad.text
    findings = run_du([original, trad])
    assert [f.code for _, f in findings] == ["DU001", "DU001"]
    (dropped,) = of(findings, trad.key)
    assert dropped.details["other"] == original.key


def test_reflowed_partial_copy_is_proposed_by_anchors_not_lines():
    """No line of the re-wrapped copy is a line of the original: the anchor keys of the normalised
    body still propose the pair (not LSH: a half copy's Jaccard is far below the bands' reach)."""
    from scrapegate.rules.duplicates.match import _anchor_candidates
    from scrapegate.rules.duplicates.store import stored_rows

    original, part = seed_document(SEED_004), reflowed_part()
    assert not set(part.text.split("\n")) & set(original.text.split("\n")) - {""}
    found = profiles([original, part])
    store, rows = stored_rows(found, sorted(found))
    keys = sorted(found)
    codes = _anchor_candidates(store, rows, keys, MatchThresholds())
    assert [(keys[c // len(keys)], keys[c % len(keys)]) for c in codes.tolist()] == [(original.key, part.key)]
    findings = run_du([original, part])
    assert {f.code for _, f in findings} == {"DU003"}
    (inner,) = of(findings, part.key)
    assert inner.details["role"] == "is-contained" and inner.details["similarity"] >= 0.95


def test_anchor_candidates_are_the_same_whatever_the_number_of_pair_ranges(monkeypatch):
    """The anchor parts' candidate pairs are written to files by range of pair code and summed one
    range at a time: one range per document gives the pairs one range gives."""
    from scrapegate.rules.duplicates import match
    from scrapegate.rules.duplicates.store import stored_rows

    docs = [seed_document(SEED_004), reflowed_part(), truncated_copy(), edited_copy(), other_site_copy(),
            *county_documents()]
    found = profiles(docs)
    keys = sorted(found)
    store, rows = stored_rows(found, keys)
    one = match._anchor_candidates(store, rows, keys, MatchThresholds())
    monkeypatch.setattr(match._PairFiles, "DOCUMENTS_PER_RANGE", 1)
    assert len(match._PairFiles(len(keys))._files) == len(keys) > 2
    many = match._anchor_candidates(store, rows, keys, MatchThresholds())
    assert len(one) >= 3 and one.tolist() == many.tolist() and many.dtype == one.dtype
    # A range of more pairs than PIECE_PAIRS is summed in pieces of consecutive first documents.
    monkeypatch.setattr(match._PairFiles, "DOCUMENTS_PER_RANGE", 1024)
    pieces: list[int] = []
    real = match._PairFiles._pieces

    def counted(self, handle, first):
        for codes, weights in real(self, handle, first):
            pieces.append(len(codes))
            yield codes, weights

    monkeypatch.setattr(match._PairFiles, "_pieces", counted)
    for piece_pairs, max_pieces in ((1, 64), (3, 2)):
        monkeypatch.setattr(match._PairFiles, "PIECE_PAIRS", piece_pairs)
        monkeypatch.setattr(match._PairFiles, "MAX_PIECES", max_pieces)
        pieces.clear()
        cut = match._anchor_candidates(store, rows, keys, MatchThresholds())
        assert cut.tolist() == one.tolist() and cut.dtype == one.dtype
        assert 1 < len(pieces) <= max_pieces and sum(pieces) > len(one)


def test_html_copy_is_matched_on_its_text_not_its_markup():
    original, page = seed_document(SEED_004), html_copy()
    found = profiles([original, page])
    assert found[page.key].quality.markup and not found[original.key].quality.markup
    assert "font" not in found[page.key].body and "hmt" not in found[page.key].body
    findings = run_du([original, page])
    (dropped,) = of(findings, page.key)
    assert dropped.code in ("DU001", "DU002") and dropped.details["other"] == original.key


def test_normal_form_folds_script_width_punctuation_and_case():
    from scrapegate.rules.duplicates.profile import normalize_lines, normalize_text

    assert normalize_text("經濟發展，「穩中求進」！ＧＤＰ增長１２％") == normalize_text("经济发展,“稳中求进”!gdp增长12%")
    assert normalize_text("经济发展,“稳中求进”!GDP增长12%") == "经济发展稳中求进gdp增长12"
    assert normalize_lines(["經濟", "", "發展"]) == ["经济", "", "发展"]
    assert normalize_text("經(jīng)濟(jì)發展（fā）報告(2023)") == "经济发展报告2023"


# --- which copy of a cluster to keep ------------------------------------------------------------

def _write(folder: Path, docs: list[Document]) -> None:
    for doc in docs:
        path = folder / doc.key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.text.encode("utf-8"))


def test_keeper_is_the_clean_copy_not_the_longer_one_with_injected_spam(tmp_path: Path, monkeypatch):
    """The spam family's findings reach the keep choice: the copy with a gambling offer glued into
    its text is longer, yet the clean copy is kept, by every finding and by the summary."""
    from scrapegate.checks import check_paths

    lines = seed_lines_004()
    spammed = list(lines)
    spammed[8] = spammed[8].rstrip("。") + "，欢迎登录pp电子娱乐官网注册开户，首存送彩金。"
    clean = Document.from_text("a/clean.txt", "\n".join(lines))
    dirty = Document.from_text("b/spammed.txt", "\n".join(spammed))
    _write(tmp_path, [clean, dirty])
    monkeypatch.chdir(tmp_path)
    result = check_paths(["."], write_reports=False, jobs=1)
    dirty_codes = {f["code"] for f in result.reports["b/spammed.txt"]["findings"]}
    assert any(code.startswith("SP") for code in dirty_codes)
    du = [f for r in result.reports.values() for f in r["findings"] if f["category"] == "duplicate"]
    assert du and all(f["details"]["keep"] == "a/clean.txt" for f in du)
    (dropped,) = [f for f in result.reports["b/spammed.txt"]["findings"] if f["category"] == "duplicate"]
    assert dropped["severity"] != "info" and "spam" in dropped["details"]["problems"]
    assert "fewest problems" in dropped["message"]
    assert result.summary["duplicate_clusters"] == [["a/clean.txt", "b/spammed.txt"]]
    assert result.summary["duplicate_keepers"] == ["a/clean.txt"]


def seed_lines_004() -> list[str]:
    return seed_document(SEED_004).text.split("\n")


def test_keeper_is_the_text_copy_not_the_raw_html_page():
    """Without other families' findings, the cheap signals still decide: raw HTML is a problem."""
    original, page = seed_document(SEED_004), html_copy("aaa/first-by-path.html")
    findings = run_du([original, page])
    assert {f.details["keep"] for _, f in findings} == {original.key}
    (dropped,) = of(findings, page.key)
    assert dropped.details["problems"] == ["chrome"] and dropped.severity is not Severity.INFO


def test_keeper_is_the_undamaged_copy_even_when_the_damaged_one_is_longer():
    lines = seed_lines_004()
    damaged = list(lines)
    damaged[10] = damaged[10][:20] + "\ufffd\ufffd" + damaged[10][20:] + "锟斤拷锟斤拷"
    clean = Document.from_text("z/clean.txt", "\n".join(lines))
    broken = Document.from_text("a/broken.txt", "\n".join(damaged))
    findings = run_du([clean, broken])
    assert {f.details["keep"] for _, f in findings} == {clean.key}
    (dropped,) = of(findings, broken.key)
    assert dropped.details["problems"] == ["encoding"]


def test_every_finding_of_a_cluster_names_one_keeper_and_partial_copies_lose():
    """Full copy, a re-flowed half and a traditional copy: one cluster, one keeper (the full
    simplified copy: the half lacks text; the traditional copy is as clean and as long, later by
    path), named by every finding, including those of pairs the keeper is not part of."""
    original, part, trad = seed_document(SEED_004), reflowed_part(), traditional_copy()
    findings = run_du([original, part, trad])
    assert duplicate_clusters(findings) == [sorted([original.key, part.key, trad.key])]
    assert {f.details["keep"] for _, f in findings} == {original.key}
    assert all(f.severity is Severity.INFO for f in of(findings, original.key))
    assert all(f.severity is not Severity.INFO for k, f in findings if k != original.key)
    assert {f.details["problems"] == ["truncation"] for f in of(findings, part.key)} == {True}


def test_text_all_reports_share_is_not_a_partial_copy_of_any():
    """A page holding only the stock passages (address, formulas, self-construction, closing) is
    'contained' in every county report; contained in more than two unrelated documents, it is their
    shared text, not a partial copy of one of them."""
    from duplicate_fixtures import STOCK_CLOSING, STOCK_FORMULAS, STOCK_OPENING, STOCK_SELF

    stock = (STOCK_OPENING.format(place="本区") + STOCK_FORMULAS + STOCK_SELF
             + STOCK_CLOSING.format(party="区委"))
    page = Document.from_text("stock/formulas.txt", stock)
    counties = county_documents()
    found = profiles(counties + [page])
    assert found[page.key].body_chars >= 200
    findings = run_du(counties + [page])
    assert of(findings, page.key) == []


def test_an_anchor_pair_whose_signatures_rule_out_a_copy_is_not_verified():
    """Two pages sharing one distinctive passage (half of each) are proposed by their anchors, but
    a containment of 0.8 would need signatures agreeing on about two thirds of their values: the
    pair is dropped before the exact check. A real partial copy of one of them is still verified."""
    from scrapegate.rules.duplicates.match import _anchor_candidates, find_matches
    from scrapegate.rules.duplicates.store import stored_rows

    rng = random.Random(7)

    def han(n: int) -> str:
        return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(n))

    shared = han(600)
    first = Document.from_text("a.txt", "\n".join([han(300), shared, han(300)]))
    second = Document.from_text("b.txt", "\n".join([han(300), shared, han(300)]))
    found = profiles([first, second])
    store, rows = stored_rows(found, sorted(found))
    assert len(_anchor_candidates(store, rows, sorted(found), MatchThresholds())) == 1
    batch = find_matches(found, MatchThresholds())
    assert batch.matches == () and batch.verified_pairs == 0
    part = Document.from_text("c.txt", "\n".join(first.text.split("\n")[:2]))  # 900 of 1,200 chars
    batch = find_matches(profiles([first, second, part]), MatchThresholds())
    assert [(m.longer, m.shorter, m.kind) for m in batch.matches] == [("a.txt", "c.txt", "containment")]
    # (a, c) and (b, c): b holds 600 of c's 900 characters, too close to 0.8 for the signatures
    assert batch.verified_pairs == 2


def test_the_signature_test_bound_is_the_binomial_tail():
    from math import comb

    from scrapegate.rules.duplicates.match import MISS_PROBABILITY, NUM_PERM, _largest_jaccard

    def at_most(k: int, p: float) -> float:
        return sum(comb(NUM_PERM, i) * p ** i * (1 - p) ** (NUM_PERM - i) for i in range(k + 1))

    bound = _largest_jaccard()
    assert list(bound) == sorted(bound) and bound[-1] == 1.0
    for k in (0, 20, 64, 110):
        assert at_most(k, bound[k]) <= MISS_PROBABILITY * (1 + 1e-9) < at_most(k, bound[k] - 1e-6)


def test_shingle_hashes_and_anchor_keys_are_the_scheme_s_values():
    """Stored indexes hold these values (SCHEME): a faster way of computing them must give the same
    bytes (the digest of a seed report's 5-gram hashes and anchors, as computed at 1d140fe)."""
    import hashlib

    from scrapegate.rules.duplicates.profile import anchors, normalize_text, shingle_positions

    body = normalize_text(seed_document(SEED_004).text.replace("\n", ""))
    positions = shingle_positions(body)
    keys, chars = anchors(positions, len(body))
    assert (len(body), len(keys), int(chars.sum()) <= len(body)) == (11377, 181, True)
    assert hashlib.sha256(positions.tobytes() + keys.tobytes() + chars.tobytes()).hexdigest()[:16] == \
        "d9b8176cca260e6d"
    assert shingle_positions("ab").tolist() == [8454004704908101169]  # a body shorter than a 5-gram
