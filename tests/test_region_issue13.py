"""Ordinary words that are county names, same-name units, Hong Kong / Macao / Taiwan, and the
calibration of RG001 (issue 13): on written fixtures (tests/region_cases_issue13.py)."""

from __future__ import annotations

import pytest

from region_cases_issue13 import (
    NAMED_CASES,
    SAME_NAME_CASES,
    SAME_NAME_UNDECIDED,
    SPECIAL_REGION_CASES,
    WORD_CASES,
    WORD_COUNTIES,
)
from region_fixtures import RegionCase
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.findings import Severity
from scrapegate.rules.region.gazetteer import gazetteer
from scrapegate.rules.region.inference import document_inference
from scrapegate.rules.region.rules import DeclaredRegionMismatch, RegionUndeterminable


def _inference(case: RegionCase, **manifest):
    doc = Document.from_text(case.key, case.text,
                             manifest=ManifestEntry(**manifest) if manifest else None)
    ctx = BatchContext.build([doc])
    return doc, ctx, document_inference(doc, ctx)


def _rg001(case: RegionCase, region: str) -> list:
    doc, ctx, _ = _inference(case, region=region)
    return list(DeclaredRegionMismatch().check(doc, ctx))


@pytest.mark.parametrize("case", WORD_CASES, ids=[c.key for c in WORD_CASES])
def test_an_ordinary_word_is_never_its_county(case):
    _, _, inference = _inference(case)
    county = WORD_COUNTIES[case.key]
    assert inference.adcode == case.adcode, case.note
    assert not any(county in ev.candidates for ev in inference.evidence), case.note
    # the right declaration is not flagged, the county's own province is flagged
    assert _rg001(case, case.province) == []
    gaz = gazetteer()
    assert _rg001(case, gaz.province(county).name + gaz.display_name(county)), case.note


@pytest.mark.parametrize("case", NAMED_CASES, ids=[c.key for c in NAMED_CASES])
def test_the_county_is_found_when_named_in_a_proven_context(case):
    _, _, inference = _inference(case)
    assert inference.adcode == case.adcode, case.note


@pytest.mark.parametrize("case", SAME_NAME_CASES, ids=[c.key for c in SAME_NAME_CASES])
def test_same_name_units_are_told_apart_by_the_title_or_a_parent(case):
    _, _, inference = _inference(case)
    assert inference.adcode == case.adcode, case.note


@pytest.mark.parametrize("case", SAME_NAME_CASES, ids=[c.key for c in SAME_NAME_CASES])
def test_a_declared_same_name_unit_of_another_city_is_an_error(case):
    gaz = gazetteer()
    name = gaz.unit(case.adcode).name
    other = next(c for c in gaz.lookup(name) if gaz.unit(c).name == name
                 and gaz.province(c).adcode != gaz.province(case.adcode).adcode)
    findings = _rg001(case, gaz.province(other).name + gaz.display_name(other))
    assert [f.severity for f in findings] == [Severity.ERROR], case.note
    assert _rg001(case, gaz.province(case.adcode).name + gaz.display_name(case.adcode)) == []


def test_a_same_name_unit_with_nothing_to_tell_is_undeterminable():
    doc, ctx, inference = _inference(SAME_NAME_UNDECIDED)
    assert inference.adcode is None
    assert [f.code for f in RegionUndeterminable().check(doc, ctx)] == ["RG005"]
    # neither 西湖区 is contradicted
    assert _rg001(SAME_NAME_UNDECIDED, "浙江省杭州市西湖区") == []
    assert _rg001(SAME_NAME_UNDECIDED, "江西省南昌市西湖区") == []


@pytest.mark.parametrize("case", SPECIAL_REGION_CASES, ids=[c.key for c in SPECIAL_REGION_CASES])
def test_hong_kong_macao_taiwan_in_traditional_script(case):
    _, _, inference = _inference(case)
    assert inference.adcode == case.adcode, case.note
    assert inference.province == case.province


def test_special_region_codes_follow_the_documented_scheme():
    gaz = gazetteer()
    districts = sorted(c for c, u in gaz.units.items() if u.parent == "810000")
    assert districts == [f"8100{n:02d}" for n in range(1, 19)]
    assert gaz.unit("810005").name == "油尖旺区" and gaz.lookup("油尖旺區") == ["810005"]
    assert gaz.lookup("深水埔") == ["810006"]                # variant spelling
    assert gaz.unit("710705").name == "苗栗县" and gaz.unit("710705").parent == "710000"
    assert gaz.lookup("澳門") == ["820000"]
