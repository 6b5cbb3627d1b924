"""Region rules: inference on the seeds and on fixtures, declared regions, and every finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from region_fixtures import (
    CASES,
    CHANGYI_CITY,
    GULOU_NANJING,
    HARD_CASES,
    LONGGANG_CITY,
    OUTSIDE_MENTIONS,
    RegionCase,
    SEED_EXPECTED,
    swap_title,
)
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import BatchRule
from scrapegate.rules.region.inference import document_inference, document_region
from scrapegate.rules.region.rules import RULES, BatchRegionOutlier, DeclaredRegionMismatch, MismatchOptions, RegionUndeterminable, TitleRegionMismatch, UnknownDeclaredRegion, UrlRegionMismatch

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_docs() -> list[Document]:
    return [Document.from_bytes(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]


def fixture_doc(case: RegionCase, **manifest) -> Document:
    return Document.from_text(case.key, case.text,
                              manifest=ManifestEntry(**manifest) if manifest else None)


def run(rule, docs: list[Document], ctx: BatchContext) -> dict[str, list]:
    out: dict[str, list] = {d.key: [] for d in docs}
    if isinstance(rule, BatchRule):
        payloads = {d.key: rule.collect(d, ctx) for d in docs}
        for key, finding in rule.check_batch({d.key: d for d in docs}, payloads, ctx):
            out[key].append(finding)
    else:
        for d in docs:
            out[d.key].extend(rule.check(d, ctx))
    return out


# -- inference -------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(SEED_EXPECTED))
def test_seed_regions(key):
    docs = seed_docs()
    ctx = BatchContext.build(docs)
    doc = next(d for d in docs if d.key == key)
    adcode, province, name = SEED_EXPECTED[key]
    inferred = document_region(doc, ctx)["inferred"]
    assert inferred["adcode"] == adcode
    assert inferred["province"] == province
    assert inferred["name"] == name
    assert 0.5 <= inferred["confidence"] <= 1.0


def test_seed_001_body_alone_gives_xinwu():
    # 001 has no title line: 习近平总书记对江苏工作 and 新吴人民 decide.
    docs = seed_docs()
    doc = next(d for d in docs if d.key.startswith("001"))
    region = document_region(doc, BatchContext.build(docs))
    assert region["declared"] is not None and region["declared"]["source"] == "url"
    # near certain: Jiangsu holds all the mass and the body speaks as 新吴 often
    inferred = region["inferred"]
    assert {k: inferred[k] for k in ("name", "province", "adcode")} == {
        "name": "无锡市新吴区", "province": "江苏省", "adcode": "320214"}
    assert inferred["confidence"] >= 0.95


@pytest.mark.parametrize("case", CASES + HARD_CASES, ids=[c.key for c in CASES + HARD_CASES])
def test_fixture_regions(case):
    doc = fixture_doc(case)
    inference = document_inference(doc, BatchContext.build([doc]))
    assert inference.adcode == case.adcode, case.note
    assert inference.province == case.province


def test_ordinary_words_leave_no_evidence():
    case = next(c for c in CASES if c.key == "ordinary_words.txt")
    doc = fixture_doc(case)
    inference = document_inference(doc, BatchContext.build([doc]))
    assert {e.surface for e in inference.evidence} <= {"黄石市", "下陆区", "下陆"}


def test_outside_mentions_do_not_outweigh_self_references():
    doc = fixture_doc(OUTSIDE_MENTIONS)
    inference = document_inference(doc, BatchContext.build([doc]))
    assert inference.province_shares["江苏省"] > 0.8
    assert inference.self_referenced


def test_title_line_is_not_body_evidence():
    doc = Document.from_text("t.txt", swap_title(GULOU_NANJING, LONGGANG_CITY))
    inference = document_inference(doc, BatchContext.build([doc]))
    assert inference.adcode == "330383"
    assert all(e.surface not in ("鼓楼区",) for e in inference.evidence)


# -- declared ----------------------------------------------------------------------------------
def test_declared_sources_in_order():
    doc = fixture_doc(CHANGYI_CITY, region="潍坊市", url="https://x.cn/baogao/huadong/1.html")
    ctx = BatchContext.build([doc], expect_region="山东省")
    declared = document_region(doc, ctx)["declared"]
    assert declared == {"name": "潍坊市", "province": "山东省", "adcode": "370700", "source": "manifest"}
    # analyses are memoised per document (one batch context per run): a fresh document per context
    plain = fixture_doc(CHANGYI_CITY)
    assert document_region(plain, BatchContext.build([plain], expect_region="山东省"))["declared"][
        "source"] == "expect-region"
    plain = fixture_doc(CHANGYI_CITY)
    assert document_region(plain, BatchContext.build([plain]))["declared"] == {
        "name": "潍坊市昌邑市", "province": "山东省", "adcode": "370786", "source": "title"}


def test_ambiguous_declared_name_is_resolved_by_the_body():
    doc = fixture_doc(GULOU_NANJING)
    declared = document_region(doc, BatchContext.build([doc], expect_region="鼓楼区"))["declared"]
    assert declared["adcode"] == "320106" and declared["province"] == "江苏省"


def test_document_region_is_memoised():
    doc = fixture_doc(GULOU_NANJING)
    ctx = BatchContext.build([doc])
    assert document_region(doc, ctx) is document_region(doc, ctx)


# -- RG001 declared-region-mismatch -----------------------------------------------------------
def test_expect_hubei_flags_the_seeds_from_elsewhere():
    docs = seed_docs()
    found = run(DeclaredRegionMismatch(), docs, BatchContext.build(docs, expect_region="湖北省"))
    flagged = sorted(k[:3] for k, fs in found.items() if fs)
    assert flagged == ["001", "002", "003"]
    finding = found[next(k for k in found if k.startswith("001"))][0]
    assert finding.details["declared"] == "湖北省" and finding.details["inferred"] == "江苏省"
    assert finding.severity is Severity.ERROR
    assert finding.span is not None and finding.excerpt
    doc = next(d for d in docs if d.key.startswith("001"))
    assert doc.text[finding.span.start:finding.span.end] in ("新吴", "江苏")


def test_error_confidence_keeps_a_less_certain_contradiction_a_warning():
    docs = seed_docs()
    ctx = BatchContext.build(docs, expect_region="湖北省")
    doc = next(d for d in docs if d.key.startswith("002"))
    confidence = document_inference(doc, ctx).confidence
    assert 0.5 <= confidence <= 1.0

    def severity(error_confidence: float) -> Severity:
        rule = DeclaredRegionMismatch(MismatchOptions(error_confidence=error_confidence))
        [finding] = rule.check(doc, ctx)
        return finding.severity

    assert severity(0.0) is Severity.ERROR and severity(confidence) is Severity.ERROR
    assert severity(confidence + 0.01) is Severity.WARNING


@pytest.mark.parametrize("expect", ["宜昌市", "猇亭区", "猇亭", "湖北", "湖北省宜昌市"])
def test_any_level_that_agrees_is_not_flagged(expect):
    docs = seed_docs()
    doc = next(d for d in docs if d.key.startswith("000"))
    assert not list(DeclaredRegionMismatch().check(doc, BatchContext.build(docs, expect_region=expect)))


def test_same_province_other_city_is_flagged():
    docs = seed_docs()
    doc = next(d for d in docs if d.key.startswith("000"))
    [finding] = DeclaredRegionMismatch().check(doc, BatchContext.build(docs, expect_region="十堰市"))
    assert finding.details["declared"] == "湖北省" and finding.details["inferred"] == "湖北省"
    assert finding.details["inferred_region"] == "湖北省宜昌市猇亭区"


def test_manifest_region_wins_over_expect_region():
    doc = fixture_doc(LONGGANG_CITY, region="温州市")
    ctx = BatchContext.build([doc], expect_region="辽宁省")
    assert not list(DeclaredRegionMismatch().check(doc, ctx))
    wrong = fixture_doc(LONGGANG_CITY, region="龙港区")
    [finding] = DeclaredRegionMismatch().check(wrong, BatchContext.build([wrong]))
    assert finding.details == {**finding.details, "declared": "辽宁省", "inferred": "浙江省",
                               "source": "manifest"}


def test_heavy_outside_mentions_are_not_flagged():
    doc = fixture_doc(OUTSIDE_MENTIONS)
    for expect in ("江苏省", "苏州市", "昆山市"):
        ctx = BatchContext.build([doc], expect_region=expect)
        assert not [f for r in RULES if not issubclass(r, BatchRule) for f in r().check(doc, ctx)]


def test_weak_evidence_gives_no_error():
    # one short name, once: never a near certain answer (undeterminable, RG005, or at most an
    # RG001 warning, whichever side of the 0.5 answer threshold the calibration puts it)
    text = "报告\n我们推进镇海片区产业升级。\n"
    doc = Document.from_text("weak.txt", text)
    ctx = BatchContext.build([doc], expect_region="湖北省")
    inference = document_inference(doc, ctx)
    assert inference.confidence < 0.8   # never near certain
    findings = list(DeclaredRegionMismatch().check(doc, ctx))
    assert [f.severity for f in findings] in ([], [Severity.WARNING])
    assert bool(findings) == (inference.adcode is not None)
    assert [f.code for f in RegionUndeterminable().check(doc, ctx)] == ([] if findings else ["RG005"])


# -- RG002 title-region-mismatch --------------------------------------------------------------
def test_title_body_swap_is_flagged():
    doc = Document.from_text("swap.txt", swap_title(CHANGYI_CITY, LONGGANG_CITY))
    [finding] = TitleRegionMismatch().check(doc, BatchContext.build([doc]))
    assert finding.details["declared"] == "山东省" and finding.details["inferred"] == "浙江省"
    assert finding.details["declared_span"] == {"start": 0, "end": len("昌邑市人民政府工作报告")}
    assert finding.severity is Severity.ERROR


def test_seed_title_swap_is_flagged_and_own_titles_are_not():
    docs = seed_docs()
    ctx = BatchContext.build(docs)
    assert not any(run(TitleRegionMismatch(), docs, ctx).values())
    zhenhai = next(d for d in docs if d.key.startswith("003"))
    swapped = Document.from_text("swap.txt", zhenhai.text,
                                 manifest=ManifestEntry(title="2023年十堰市张湾区政府工作报告—全文"))
    [finding] = TitleRegionMismatch().check(swapped, BatchContext.build([swapped]))
    assert finding.details["declared_region"] == "湖北省十堰市张湾区"
    assert finding.details["inferred"] == "浙江省"


def test_ambiguous_title_agrees_with_any_candidate():
    body = GULOU_NANJING.text.split("\n", 1)[1]
    doc = Document.from_text("g.txt", "鼓楼区人民政府工作报告\n" + body)
    assert not list(TitleRegionMismatch().check(doc, BatchContext.build([doc])))


# -- RG003 url-region-mismatch ----------------------------------------------------------------
def test_url_section_contradicting_the_body():
    text = OUTSIDE_MENTIONS.text + "本文地址:/baogao/huazhong/6191.html\n"
    doc = Document.from_text("u.txt", text)
    [finding] = UrlRegionMismatch().check(doc, BatchContext.build([doc]))
    assert finding.details["inferred"] == "江苏省"
    assert finding.details["declared"] == "河南省|湖北省|湖南省"
    start = text.index("/baogao")
    assert finding.details["declared_span"] == {"start": start, "end": start + len("/baogao/huazhong/6191.html")}
    assert finding.severity is Severity.WARNING


def test_gateway_host_is_no_claim_but_the_gateway_s_page_host_is():
    # a big5 gateway serves another site's page: its own host (taiwan) names the portal, not the page
    silent = OUTSIDE_MENTIONS.text + "http://big5.taiwan.cn/gate/big5/econ.example.cn/dljp/t1.htm\n"
    doc = Document.from_text("g.txt", silent)
    assert not list(UrlRegionMismatch().check(doc, BatchContext.build([doc])))
    flagged = OUTSIDE_MENTIONS.text + "http://big5.example.cn/gate/big5/www.jiangxi.gov.cn/art/1.html\n"
    doc = Document.from_text("g.txt", flagged)
    [finding] = UrlRegionMismatch().check(doc, BatchContext.build([doc]))
    assert finding.details["declared"] == "江西省"


def test_seed_url_sections_agree():
    docs = seed_docs()
    assert not any(run(UrlRegionMismatch(), docs, BatchContext.build(docs)).values())


# -- RG004 batch-region-outlier ---------------------------------------------------------------
def _hubei_batch() -> list[Document]:
    docs = [d for d in seed_docs() if d.key[:3] in ("000", "004")]
    for case in CASES:
        if case.province == "湖北省":
            docs.append(fixture_doc(case))
    return docs


def test_batch_outlier_flagged_without_declared_region():
    docs = _hubei_batch() + [d for d in seed_docs() if d.key.startswith("001")]
    assert len(docs) >= 5
    found = run(BatchRegionOutlier(), docs, BatchContext.build(docs))
    flagged = {k: fs for k, fs in found.items() if fs}
    assert list(flagged) == [next(d.key for d in docs if d.key.startswith("001"))]
    [finding] = next(iter(flagged.values()))
    assert finding.details["inferred"] == "江苏省" and finding.details["declared"] is None
    assert finding.details["batch_province"] == "湖北省"
    assert finding.severity is Severity.WARNING


def test_batch_outlier_silent_when_declared_or_mixed():
    docs = _hubei_batch() + [d for d in seed_docs() if d.key.startswith("001")]
    assert not any(run(BatchRegionOutlier(), docs, BatchContext.build(docs, expect_region="湖北省")).values())
    mixed = seed_docs()
    assert not any(run(BatchRegionOutlier(), mixed, BatchContext.build(mixed)).values())


# -- RG005 region-undeterminable, RG006 unknown-declared-region -------------------------------
def test_undeterminable_national_and_word_only_documents():
    for key in ("national.txt", "words_only.txt"):
        doc = fixture_doc(next(c for c in CASES if c.key == key))
        [finding] = RegionUndeterminable().check(doc, BatchContext.build([doc]))
        assert finding.severity is Severity.INFO and finding.details["inferred"] is None
        assert document_region(doc, BatchContext.build([doc]))["inferred"] is None
    docs = seed_docs()
    assert not any(run(RegionUndeterminable(), docs, BatchContext.build(docs)).values())


def test_unknown_declared_region():
    doc = fixture_doc(GULOU_NANJING)
    [finding] = UnknownDeclaredRegion().check(doc, BatchContext.build([doc], expect_region="胡北省"))
    assert finding.details["value"] == "胡北省"
    doc = fixture_doc(GULOU_NANJING)
    assert not list(UnknownDeclaredRegion().check(doc, BatchContext.build([doc], expect_region="南京")))


def test_rules_are_registered_with_docs():
    codes = sorted(r.code for r in RULES)
    assert codes == ["RG001", "RG002", "RG003", "RG004", "RG005", "RG006"]
    for rule in RULES:
        assert rule.summary() and "Example" in rule.documentation()


@pytest.mark.parametrize("text", ["客商来自上海市、苏州市等地。", "游客来自金乡县和苏州市。", "客商来自全国各地，苏州市、上海市居多。"])
def test_lai_zi_before_a_unit_name_marks_the_sentence_as_about_other_regions(text):
    from scrapegate.rules.region.inference import SCORING, collect_evidence
    evidence = collect_evidence([(0, text + "\n苏州市经济增长。")])
    assert [e.weight for e in evidence if e.start < len(text)] == [
        SCORING.full_name * SCORING.outside_factor] * 2
    assert [e.weight for e in evidence if e.start > len(text)] == [SCORING.full_name]


def test_lai_zi_before_an_ordinary_word_is_no_cue():
    from scrapegate.rules.region.inference import SCORING, collect_evidence
    assert [e.weight for e in collect_evidence([(0, "意见来自群众，苏州市经济增长。")])] == [SCORING.full_name]


def test_outside_cue_words_are_found_in_one_pass_as_the_regex_finds_them():
    from scrapegate.rules.region.gazetteer import OutsideWords, context_patterns

    words = OutsideWords.build(["招商", "(?<!以)赴", "周边(?:地区|城市)"])
    text = "以赴京为名,赴上海招商,周边城市客商"
    starts, ends = words.spans(text)
    assert [text[a:b] for a, b in zip(starts, ends)] == ["赴", "招商", "周边城市"]
    assert OutsideWords.build(["[甲乙]地"]) is None   # not a literal form: the regex is searched
    # a class of characters before the word, read as the regex reads it (赶赴现场 is no trip)
    classed = OutsideWords.build(["(?<![以赶奔])赴"])
    text = "全力以赴,赶赴现场,奔赴一线,赴京汇报"
    starts, ends = classed.spans(text)
    assert starts == [m.start() for m in re.finditer("(?<![以赶奔])赴", text)] == [text.index("赴京")]
    patterns = context_patterns()
    assert patterns.outside_words is not None
    sample = "我们赴江苏考察学习,签订合作协议,推进长三角一体化。"
    found = patterns.outside_words.spans(sample)[0]
    assert found and patterns.outside.search(sample).start() == found[0]


def test_a_signature_line_holds_only_the_issuers_name() -> None:
    from scrapegate.rules.region.gazetteer import ADDRESSED, SPEAKS
    from scrapegate.rules.region.inference import _line_owner

    assert _line_owner("高台县文体广电和旅游局\n二〇二四年五月", len("高台县")) == SPEAKS
    assert _line_owner("泗水县人民政府办公室", len("泗水县")) == SPEAKS
    # a sentence that happens to end in a body's suffix is no signature
    assert _line_owner("高台县：请联系教育局\n", len("高台县")) is None
    assert _line_owner("高台县 2024 年统计局", len("高台县")) is None
    # a masthead names the publisher, whose paper may be about one of its parts
    assert _line_owner("泗水日报\n2019年4月8日 第5版", len("泗水")) == ADDRESSED
    assert _line_owner("泗水日报讯 近日,全县", len("泗水")) is None


def test_a_short_name_placed_beside_another_provinces_unit_stays_its_own() -> None:
    """A border or a direction from a unit (利川位于重庆与湖北交界处, 位于重庆以东) names a reference
    point, not where the place lies: 利川 stays 恩施's 利川市 (namesakes.py)."""
    from scrapegate.rules.region.gazetteer import gazetteer
    from scrapegate.rules.region.namesakes import namesakes_relocated

    gaz = gazetteer()
    for text in ("利川位于重庆与湖北交界处，利川的旅游资源丰富。", "利川位于重庆以东，利川风景很美。"):
        found = namesakes_relocated(text, gaz.mention_list(text), gaz)
        assert {gaz.unit(m.candidates[0]).name for m in found if m.surface == "利川"} == {"利川市"}
    text = "沙田位于东莞市西北部，沙田的港口很繁忙。"
    found = namesakes_relocated(text, gaz.mention_list(text), gaz)
    assert {gaz.unit(m.candidates[0]).name for m in found if m.surface == "沙田"} == {"东莞市"}
