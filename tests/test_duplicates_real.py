"""Duplicate rules (DU001-DU003) on real documents (tests/fixtures/real_reports, sources in SOURCES.md).

Different real reports share stock phrasing (the same city's reports of other years, a report and
the same government's rule-of-law report): they must never pair. A real report copied with a few
figures changed, or cut short, must pair with its original.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duplicate_fixtures import run_du
from scrapegate.checks.document import Document

REAL = Path(__file__).resolve().parent / "fixtures" / "real_reports"


def real(stem: str) -> str:
    return (REAL / f"{stem}.txt").read_text(encoding="utf-8")


def with_figures_changed(text: str, every: int = 12) -> str:
    """Every ``every``-th number rewritten (a later revision of the same report, or a re-typed copy)."""
    count = 0

    def bump(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return str(int(m.group(0)) + 7) if count % every == 0 else m.group(0)

    return re.sub(r"\d+", bump, text)


def test_different_real_documents_never_pair():
    docs = [Document.from_bytes(p.name, p.read_bytes()) for p in sorted(REAL.glob("*.txt"))]
    assert len(docs) >= 7
    assert run_du(docs) == []


@pytest.mark.parametrize("stem", ["gd_shenzhen_guangming_2024_report", "gd_shenzhen_dapeng_2014_committee_report",
                                  "gd_shenzhen_city_2006_report"])
def test_real_report_with_a_few_figures_changed_pairs_as_near(stem):
    original = real(stem)
    edited = with_figures_changed(original)
    assert edited != original
    docs = [Document.from_text(f"{stem}.txt", original), Document.from_text(f"{stem}-edited.txt", edited)]
    others = [Document.from_bytes(p.name, p.read_bytes()) for p in sorted(REAL.glob("*.txt")) if p.stem != stem]
    findings = run_du(docs + others)
    codes = {(key, f.code) for key, f in findings}
    assert codes == {(f"{stem}.txt", "DU002"), (f"{stem}-edited.txt", "DU002")}
    for _, f in findings:
        assert f.details["other"] in {f"{stem}.txt", f"{stem}-edited.txt"}


def test_real_report_cut_short_is_a_contained_copy():
    original = real("gd_shenzhen_guangming_2024_report")
    cut = original[: len(original) // 2]
    findings = run_du([Document.from_text("full.txt", original), Document.from_text("cut.txt", cut)])
    assert {f.code for key, f in findings if key == "cut.txt"} == {"DU003"}
