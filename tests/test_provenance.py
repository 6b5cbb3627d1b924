"""Provenance: title and source URL in the document block, PV rules, and the Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapegate.checks import check_paths
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.rules.segmentation import document_title, source_url
from scrapegate.rules.provenance.rules import ManifestTitleMismatch, MissingSourceUrl

REPORT = ("导航菜单\n\n（浙江省）宁波市镇海区人民政府工作报告（2023年2月3日）\n\n"
          "各位代表：现在，我代表区人民政府向大会报告工作。\n\n一年来，全区经济稳中有进。\n\n"
          "本文地址：/baogao/huadong/4969.html\n")


def _check(rule, doc: Document) -> list:
    return list(rule.check(doc, BatchContext.build([doc])))


@pytest.mark.parametrize("text, title", [
    (REPORT, "（浙江省）宁波市镇海区人民政府工作报告（2023年2月3日）"),
    ("2023年十堰市张湾区政府工作报告—全文\n各位代表：\n现在报告工作。\n", "2023年十堰市张湾区政府工作报告—全文"),
    ("六是自身建设在担当作为中得到新淬炼。职责履行更加规范。\n\n一年来，全区工作扎实推进。\n", None),
    ("一、2022年工作回顾\n即将过去的一年，是迎难而上的一年。\n", None),
    # every genre word of boilerplate_title_words.txt names a title (决议, 说明 were once missing)
    ("关于2023年国民经济和社会发展计划的决议\n会议批准计划。\n", "关于2023年国民经济和社会发展计划的决议"),
    ("关于2023年预算执行情况的说明\n现将有关情况说明如下\n", "关于2023年预算执行情况的说明"),
    # numbered headings of every form the heading pattern knows are not titles
    ("第一章 规划背景\n第二章 总体要求\n", None),
    ("①政府工作报告解读\n", None),
    # headings of real pages: spaced characters, pinyin glosses, a bare label before the full title
    ("政 府 工 作 报 告\n——2024年1月21日在北京市第十六届人民代表大会第二次会议上\n", "政 府 工 作 报 告"),
    ("政府工作報(bào)告\n西藏自治區(qū)政府工作報(bào)告\n各位代表:\n", "西藏自治區(qū)政府工作報(bào)告"),
    ("政府报告\n(安徽省)2018年长丰县人民政府工作报告(全文)\n各位代表:\n",
     "(安徽省)2018年长丰县人民政府工作报告(全文)"),
    # not headings although they name the genre
    (">政府信息公开>政务专题>政府工作报告>报告全文\n各位代表:\n", None),
    ("• 政府工作报告\n• 发布机构:\n", None),
    ("发布机构: 莱山区政府办 组配分类: 报告全文\n2018年政府工作报告\n", "2018年政府工作报告"),
    ("人大代表梁永芬说:“秦县长的工作报告写得很全面,我听了之后深受感动。 ”\n", None),
    ("现在,我代表自治区人民政府,向大会报告工作,请\n予审议。\n", None),
    # a news headline names no genre: a short line right above the story's first paragraph
    ("城关镇开展冬季消防安全大检查\n12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,"
     "发现隐患十二处,已督促整改。\n", "城关镇开展冬季消防安全大检查"),
    ("热门关键词\n城关镇开展冬季消防安全大检查\n城关镇开展冬季消防安全大检查\n12月3日,城关镇组织安监、消防等部门"
     "对辖区商铺开展冬季消防安全检查,发现隐患十二处。\n", "城关镇开展冬季消防安全大检查"),
    # not headlines: a dateline, a menu, a keyword list, a site's name, a line with no paragraph after it,
    # a line after the story has begun
    ("本报讯 记者王明 通讯员李华\n12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,发现隐患十二处。\n",
     None),
    ("首页 新闻中心 政务公开 办事服务\n12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,发现隐患十二处。\n",
     None),
    ("在线视频,免费观看,高清影院,最新电影\n12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,发现隐患十二处。\n",
     None),
    ("城关镇人民政府门户网站\n12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,发现隐患十二处。\n",
     None),
    ("城关镇开展冬季消防安全大检查\n发现隐患十二处\n已督促整改\n", None),
    ("12月3日,城关镇组织安监、消防等部门对辖区商铺、学校开展冬季消防安全检查,发现隐患十二处。\n下一步工作安排如下\n"
     "镇政府将对整改情况开展回头看,确保隐患全部清零,保障群众生命财产安全。\n", None),
])
def test_title_is_the_documents_own_heading(text: str, title: str | None) -> None:
    doc = Document.from_text("a.txt", text)
    assert document_title(doc, BatchContext.build([doc])) == title


@pytest.mark.parametrize("text, url", [
    (REPORT, "/baogao/huadong/4969.html"),
    ("正文。\n原文链接: https://www.example.gov.cn/art/2023/1/5/art_1.html\n", "https://www.example.gov.cn/art/2023/1/5/art_1.html"),
    ("正文提到 http://a.example/x 这个网址。\n", "http://a.example/x"),
    ("正文。没有地址。\n", None),
])
def test_source_url_from_the_text(text: str, url: str | None) -> None:
    assert source_url(Document.from_text("a.txt", text)) == url


def test_manifest_values_win() -> None:
    doc = Document.from_text("a.txt", REPORT, manifest=ManifestEntry(url="https://x.example/1", title="T"))
    ctx = BatchContext.build([doc])
    assert source_url(doc) == "https://x.example/1" and document_title(doc, ctx) == "T"


def test_missing_source_url() -> None:
    assert [f.code for f in _check(MissingSourceUrl(), Document.from_text("a.txt", "正文。\n"))] == ["PV001"]
    assert _check(MissingSourceUrl(), Document.from_text("a.txt", REPORT)) == []


def test_manifest_title_that_names_another_document_is_flagged() -> None:
    doc = Document.from_text("a.txt", REPORT, manifest=ManifestEntry(title="2023年十堰市张湾区政府工作报告"))
    (finding,) = _check(ManifestTitleMismatch(), doc)
    assert doc.text[finding.span.start:finding.span.end].startswith("（浙江省）宁波市镇海区")
    assert finding.details["similarity"] < 0.6


@pytest.mark.parametrize("claimed", [
    "宁波市镇海区人民政府工作报告", "2023年镇海区政府工作报告—全文", "(浙江省)宁波市镇海区人民政府工作报告(2023年2月3日)",
])
def test_manifest_title_in_another_form_is_not_flagged(claimed: str) -> None:
    doc = Document.from_text("a.txt", REPORT, manifest=ManifestEntry(title=claimed))
    assert _check(ManifestTitleMismatch(), doc) == []


def test_python_api_returns_the_reports_without_writing(tmp_path: Path, seeds_dir: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = check_paths([seeds_dir], write_reports=False, jobs=1)
    assert sorted(result.reports) == sorted(p.name for p in seeds_dir.iterdir())
    assert result.summary["documents"]["total"] == 5
    assert result.exit_code == 1  # seed 001 has an error-level finding
    assert list(tmp_path.iterdir()) == []
