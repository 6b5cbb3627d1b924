"""Ordinary words that are county names, same-name units, Hong Kong / Macao / Taiwan, and the
calibration of RG001 (issue 13): on written fixtures (tests/region_cases_issue13.py)."""

from __future__ import annotations

import pytest

from region_cases_issue13 import (
    ENUMERATION_CASE,
    FICTION_CASE,
    HK_COMMUNITY_CASE,
    NAMED_CASES,
    PART_OF_OWN_CITY_CASE,
    SAME_NAME_CASES,
    SAME_NAME_UNDECIDED,
    SITE_HEADER_CASE,
    SPECIAL_REGION_CASES,
    TOWN_NAME_CASE,
    VISIT_CASE,
    WORD_CASES,
    WORD_COUNTIES,
)
from region_fixtures import RegionCase
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.findings import Severity
from scrapegate.rules.region.gazetteer import HONG_KONG, gazetteer
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


@pytest.mark.parametrize("case", [*SPECIAL_REGION_CASES, HK_COMMUNITY_CASE], ids=lambda c: c.key)
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


# -- classes found on the dev split (the tuning batch of scripts/build_region_generated_dev.py) ---
def _text_inference(text: str):
    return _inference(RegionCase("t.txt", text, None, None, ""))[2]


def test_a_town_part_that_is_a_district_name_is_no_mention():
    # 老城区 / 城东区 are any town's parts, not 洛阳市老城区 or 西宁市城东区 (guarded by the build)
    inference = _text_inference("关于做好年度考核工作的通知\n各科室:\n老城区改造有序推进,完成背街小巷整治42条。\n"
                                "城东区道路改造同步推进。\n请各单位于月底前报送工作总结。\n")
    assert inference.adcode is None and not inference.evidence


def test_a_surname_before_the_county_head_title_is_no_county():
    # 康县长 is Mr Kang the county head; the head of 康县 would be 康县县长
    inference = _text_inference("第三章\n在这次会议上,康县长发表了重要讲话。他强调,要抓好春耕生产。\n"
                                "会后,大家分头落实。\n")
    assert inference.adcode is None
    gaz = gazetteer()
    assert [m.surface for m in gaz.mentions("陇南市康县长期坚持生态优先")] == ["陇南市", "康县"]


def test_a_province_short_name_after_an_office_prefix_character_is_still_a_name():
    # 新 is an office prefix (新县委 = 新 + 县委), but 新疆政府 is not 新 + 疆政府
    gaz = gazetteer()
    assert [m.surface for m in gaz.mentions("2022年新疆政府工作报告")] == ["新疆"]


def test_a_self_reference_cue_wins_over_a_word_across_the_name_end():
    # 电白人民: 白人 is a word, but 人民 after the name is the self-reference
    gaz = gazetteer()
    assert [m.surface for m in gaz.mentions("过去一年,电白人民团结一心")] == ["电白"]


def test_a_partner_in_the_same_province_does_not_decide_a_same_name_self_reference():
    # 西安 is 西安市 or a 西安区 (辽源, 牡丹江); 靖边县 (陕西) named in passing is no parent
    text = ("在项目建设推进会上的讲话\n同志们:\n这次会议很重要。过去一年,西安人民团结一心,交出了一份合格答卷。\n"
            "今年我们还要加强与靖边县的协作,学习先进经验。\n让我们撸起袖子加油干,共同建设更加美好的西安!\n")
    assert _text_inference(text).adcode is None
    # a parent named anywhere does decide it
    assert _text_inference(text + "牡丹江市委、市政府对我们寄予厚望。\n").adcode == "231005"


def test_a_title_that_agrees_with_a_weak_body_proves_what_it_would_alone():
    # one short-name mention in the body (0.5 at most), the title names the county's government
    case = RegionCase("quanjiao.txt", "(安徽省)全椒县人民政府工作报告\n各位代表:\n过去五年,是全椒发展历程中充满挑战的五年。\n"
                      "我们坚持稳中求进工作总基调,经济社会发展取得新成效。\n", None, None, "")
    _, _, inference = _inference(case)
    assert inference.adcode == "341124" and inference.confidence >= 0.9


def test_a_hong_kong_district_council_speaks_as_its_district():
    case = RegionCase("hk_south.txt", "南區民政事務處公布社區活動安排\n南區區議會本月召開會議,討論長者服務事宜。\n"
                      "有關詳情可向民政事務處查詢。\n", None, None, "")
    _, _, inference = _inference(case)
    assert inference.adcode == "810004" and inference.province == "香港特别行政区"


def test_a_unit_named_only_as_a_partner_is_not_what_the_text_is_about():
    # 新华 is a word here (新华社...), 常山县 is only a partner in a cooperation sentence
    text = ("在项目建设推进会上的讲话\n同志们:\n这次会议很重要。过去一年,大家团结一心,交出了一份合格答卷。\n"
            "今年我们还要加强与常山县的协作,学习先进经验。\n让我们撸起袖子加油干,共同把各项工作做得更好!\n")
    inference = _text_inference(text)
    assert inference.adcode is None and "only in sentences about other regions" in inference.reason


def test_the_site_name_above_the_body_places_a_same_name_unit():
    # flagged: 福州's 鼓楼区 declared for a page of 徐州's CPPCC; passing: 徐州's
    _, _, inference = _inference(SITE_HEADER_CASE)
    assert inference.adcode == SITE_HEADER_CASE.adcode, SITE_HEADER_CASE.note
    assert [f.severity for f in _rg001(SITE_HEADER_CASE, "福建省福州市鼓楼区")] == [Severity.ERROR]
    assert _rg001(SITE_HEADER_CASE, "江苏省徐州市鼓楼区") == []


@pytest.mark.parametrize("line", ["徐州政协", "徐州政协网站欢迎您", "徐州政协网站欢迎您!", "徐州政协网站欢迎您！",
                                  "徐州政协欢迎你。"])
def test_a_site_name_line_may_end_in_a_welcome_with_either_exclamation_mark(line):
    from scrapegate.rules.region.inference import _site_name
    assert _site_name(line)


def test_a_long_list_of_counties_of_many_provinces_is_no_evidence():
    _, _, inference = _inference(ENUMERATION_CASE)
    assert inference.adcode == ENUMERATION_CASE.adcode, ENUMERATION_CASE.note
    assert _rg001(ENUMERATION_CASE, "江苏省") == []
    assert [f.severity for f in _rg001(ENUMERATION_CASE, "山东省济宁市嘉祥县")] == [Severity.ERROR]
    # a list of one city's districts is still evidence for that city
    text = "南昌市辖区一览\n南昌市辖红谷滩区、东湖区、西湖区、青云谱区、青山湖区、新建区六个区。\n"
    assert _text_inference(text).adcode == "360100"


@pytest.mark.parametrize("text, adcode", [
    # 鼓楼区 is also 徐州's, 福州's and 开封's; 和平区 沈阳's, 河东区 临沂's: six districts of one city
    ("我市召开城市更新推进会\n会议要求玄武区、秦淮区、建邺区、鼓楼区、浦口区、栖霞区加快老旧小区改造。\n"
     "各区要压实责任,确保年底前完成任务。\n", "320100"),
    ("全市防汛工作会议召开\n会议部署和平区、河东区、河西区、南开区、河北区、红桥区防汛工作。\n各区要落实责任。\n",
     "120000"),
], ids=["nanjing", "tianjin"])
def test_a_list_of_one_citys_districts_with_same_name_units_is_evidence(text, adcode):
    # the provinces a list spans are those of its names that have one; a same-name unit has several
    assert _text_inference(text).adcode == adcode


def test_a_portals_reading_link_does_not_make_a_news_page_fiction():
    # a news portal's channel bar links its e-book section (免费阅读, 全文阅读): the page is still news
    text = ("新闻首页 > 北京 > 正文\n读书频道 千本新书好书 免费阅读 全文阅读\n延庆区启动冬季供暖保障工作\n"
            "11月1日,延庆区召开冬季供暖保障工作会议,部署全区供暖设施检修和应急抢修工作。\n"
            "延庆区要求各供暖单位提前做好设备检修,确保居民室内温度达标。\n")
    assert _text_inference(text).adcode == "110119"


def test_a_page_of_fiction_is_about_no_region():
    # flagged: RG005 (the places are a story's); passing: no RG001 error for any declaration
    doc, ctx, inference = _inference(FICTION_CASE)
    assert inference.adcode is None and "fiction" in inference.reason
    assert [f.code for f in RegionUndeterminable().check(doc, ctx)] == ["RG005"]
    assert _rg001(FICTION_CASE, "江苏省") == []
    # without the web-novel site's chrome the same chapter reads as the real county
    plain = RegionCase("t.txt", FICTION_CASE.text.split("\n", 1)[1], None, None, "")
    assert _inference(plain)[2].adcode == "341723"


@pytest.mark.parametrize("chrome", [
    "本站通过搜索各大小说站为您自动抓取各类小说的最快更新供您阅读!",
    "笔趣阁 www.example-bqg.cc,最快更新仕途之路 !",
], ids=["aggregator", "pirate-site"])
def test_a_novel_sites_own_chrome_makes_the_page_fiction(chrome):
    # a chapter whose characters drive to a real city (开封) on a novel aggregator's or a pirate
    # reading site's page: the city is a story's stop, the page is about no region
    chapter = ("吃过午饭,老周把车开出了县城,说晚上想去开封逛夜市。\n"
               "一路上两人说起开封的灌汤包,说起开封的鼓楼夜市,说起开封城墙下的小吃摊。\n"
               "天黑前车子下了高速,远远已经能看见开封的城墙了。\n")
    assert _text_inference(chapter).adcode == "410200"
    inference = _text_inference(chrome + "\n" + chapter)
    assert inference.adcode is None and "fiction" in inference.reason


def test_a_county_named_after_ben_shi_is_a_part_of_the_city_not_the_text_itself():
    # flagged: 靖州 declared for 通道's profile; passing: 通道 declared
    _, _, inference = _inference(PART_OF_OWN_CITY_CASE)
    assert inference.adcode == PART_OF_OWN_CITY_CASE.adcode, PART_OF_OWN_CITY_CASE.note
    assert [f.severity for f in _rg001(PART_OF_OWN_CITY_CASE, "湖南省怀化市靖州苗族侗族自治县")] == [Severity.ERROR]
    assert _rg001(PART_OF_OWN_CITY_CASE, "湖南省怀化市通道侗族自治县") == []
    # a district after 我区 is the district the text speaks as
    assert _text_inference("工作总结\n今年以来,我区新吴坚持创新驱动,经济运行稳中向好。\n").adcode == "320214"


# -- session 11: classes built from the train and dev pages of region_fresh3 ----------------------
def test_a_bare_name_used_as_a_towns_name_is_the_town():
    # flagged: Hong Kong's 沙田区 declared; passing: 东莞 (沙田 bare twice after 沙田镇)
    _, _, inference = _inference(TOWN_NAME_CASE)
    assert inference.adcode == TOWN_NAME_CASE.adcode, TOWN_NAME_CASE.note
    assert not any(c.startswith(HONG_KONG) for ev in inference.evidence for c in ev.candidates)
    assert _rg001(TOWN_NAME_CASE, "广东省东莞市") == []


def test_a_towns_name_keeps_the_bare_name_when_its_unit_is_named_in_full():
    # 昌黎镇 is 昌黎县's seat and no other town's name: it names the county, with or without 昌黎县
    gaz = gazetteer()
    assert [(m.surface, m.candidates) for m in gaz.mentions("昌黎镇位于县城。昌黎风景秀丽")] == [
        ("昌黎", ("130322",)), ("昌黎", ("130322",))]
    assert [m.surface for m in gaz.mentions("昌黎县昌黎镇位于县城。昌黎风景秀丽")] == ["昌黎县", "昌黎", "昌黎"]


@pytest.mark.parametrize("text, adcode", [
    # flagged before (nothing inferred): a town that bears its county's name and no other town's
    ("团风镇召开老旧小区改造推进会\n近日,团风镇召开推进会,镇党委书记出席会议,部署下一阶段工作。\n", "421121"),
    ("昌黎镇开展环境整治\n昌黎镇组织干部群众清理街巷垃圾。\n", "130322"),
    # passing: 兴隆镇 is the name of towns in many counties, so it is a town and no 兴隆县
    ("兴隆镇开展环境整治\n兴隆镇组织干部群众清理街巷垃圾。\n", None),
])
def test_a_town_named_after_its_county_and_borne_by_no_other_names_the_county(text, adcode):
    assert _text_inference(text).adcode == adcode


def test_a_delegation_of_a_city_and_its_district_going_elsewhere_is_the_visitors_text():
    _, _, inference = _inference(VISIT_CASE)
    assert inference.adcode == VISIT_CASE.adcode, VISIT_CASE.note
    assert _rg001(VISIT_CASE, "福建省龙岩市永定区") == []


def test_a_rivers_bank_is_no_province():
    # 马家沟河南岸: the river's south bank, not 河南
    assert _text_inference("先锋路街道概况\n先锋路街道北至马家沟河南岸,与新春乡接壤,辖10个社区。\n").evidence == ()


def test_a_page_naming_hong_kong_names_its_districts_by_their_guarded_short_names():
    # 北區 (an ordinary word elsewhere) is Hong Kong's district on a page that names 香港 ...
    text = "精神健康綜合社區中心\n現時,北區設有一所中心,由香港一間機構營辦。\n北區共有三間綜合家庭服務中心。\n"
    inference = _text_inference(text)
    assert inference.adcode == "810014" and inference.province == "香港特别行政区"
    # ... but not a campus's north part, nor a region's part (新界東區域), nor on a Taiwan page
    campus = _text_inference("校園北區食堂開業\n校園北區食堂今日開業,香港學生也來參加。\n")
    assert not any("810014" in ev.candidates for ev in campus.evidence)
    # (香港 once, in a text written in traditional script, is at most a weak province-level guess)
    assert campus.adcode is None or (campus.adcode == "810000" and campus.weak)
    assert not any("810003" in ev.candidates for ev in _text_inference(
        "服務安排\n營辦新界東區域的服務由香港一間機構負責。\n").evidence)
    # (東 after 在: only the word after it, 區域, keeps the district out)
    assert not any("810003" in ev.candidates for ev in _text_inference(
        "服務安排\n香港機構在東區域提供服務。\n").evidence)
    assert _text_inference("北區公所活動\n台中市北區公所舉辦活動,香港旅客也來參加。\n").province == "台湾省"


@pytest.mark.parametrize("text, adcode", [
    ("桐庐乡村振兴结硕果\n今年,桐庐坚持生态优先,桐庐的美丽乡村建设走在前列。\n", "330122"),
    ("安吉乡亲共话发展\n安吉乡贤回乡创业,安吉的竹产业持续壮大。\n", "330523"),
])
def test_a_word_starting_with_a_town_word_makes_no_town_of_the_name(text, adcode):
    # 乡村, 乡亲, 乡贤 are words of their own: 桐庐乡村 is 桐庐's countryside, not a township named 桐庐
    assert _text_inference(text).adcode == adcode


# -- session 12 -------------------------------------------------------------------------------------
def test_a_visitor_introduced_by_unit_and_title_who_comes_by_dao_fang_is_the_guest():
    # 到访我区 is a guest's coming as 莅临我区 is: the introduced 陵城区 official visits, and 越城区,
    # the only other district named, is the host that writes
    text = ("越城区接待考察团\n3月5日,德州市陵城区委副书记魏雪珍一行到访我区,区委书记金晓明陪同考察。\n"
            "金晓明介绍了越城区经济社会发展情况,双方就加强合作进行交流。\n考察团一行参观了越城区科创园。\n")
    assert _text_inference(text).adcode == "330602"


@pytest.mark.parametrize("verb", ["了解到", "谈到", "考虑到"])
def test_a_delegation_that_learns_of_something_goes_nowhere(verb):
    # …考察团一行了解到, …: 到 ends another verb and no place follows, so nobody travels and the
    # subject is not the side the text speaks for (a delegation going 到浙江省嘉兴市 still is)
    text = f"协作座谈会召开\n上海市嘉定区考察团一行{verb},英吉沙县的协作项目进展顺利,两地合作成效明显。\n"
    assert _text_inference(text).adcode != "310114"
    going = "协作座谈会召开\n上海市嘉定区考察团一行到英吉沙县考察,两地合作成效明显。\n"
    assert _text_inference(going).adcode == "310114"


# built from the train and dev pages of region_fresh4 (visits whose officials of both sides are
# introduced by unit and title, a Macao association's trip, a media centre's source line)
def test_a_delegation_led_by_an_official_of_bare_title_is_the_texts_own():
    # 带领 leads as 率领 does: 白山 (its 市委书记 by bare title) visits 嘉兴 (introduced by unit)
    text = ("白山市党政代表团赴嘉兴考察交流\n5月8日,市委书记王强带领白山市党政代表团到浙江省嘉兴市考察交流。"
            "嘉兴市委书记陈伟会见代表团一行。\n王强表示,白山将学习借鉴嘉兴的经验,推动两地合作走深走实。\n"
            "嘉兴市委书记陈伟表示,嘉兴与白山将加强交流合作。\n")
    assert _text_inference(text).adcode == "220600"


def test_a_bare_title_continuing_a_visitors_introduction_does_not_make_the_visitor_the_host():
    # 荆州市委书记张明,市委副书记、市长李华率荆州市党政代表团来泰州: the bare 市长 is still 荆州's,
    # and the delegation comes to 泰州, whose text it is
    text = ("荆州市党政代表团来泰州考察\n6月3日,湖北省荆州市委书记张明,市委副书记、市长李华率荆州市党政代表团来泰州考察。\n"
            "泰州市委书记王刚,市委副书记、市长赵军陪同考察并出席座谈会。\n"
            "王刚表示,荆州与泰州交流合作空间广阔,泰州将与荆州携手发展。\n")
    assert _text_inference(text).adcode == "321200"


def test_a_delegation_that_sets_out_is_the_texts_own_when_both_sides_are_introduced():
    case = RegionCase("wanzhou.txt", (
        "万州区党政代表团赴上海考察\n4月2日,万州区党政代表团赴上海市考察学习。上海市委常委王伟参加有关活动,"
        "重庆市委常委、万州区委书记张林率队。\n上海市政府副秘书长赵明,黄浦区委书记李强、副区长王敏;万州区领导刘成"
        "参加有关活动。\n在与黄浦区交流座谈会上,张林向黄浦区对口支援万州区多年来的付出表示感谢。黄浦区经济发展质量高,"
        "很多经验做法值得万州学习。\n"),
        "500101", "重庆市", "万州区's delegation sets out (赴上海市): the visitor's text")
    assert _inference(case)[2].adcode == case.adcode
    assert [f.severity for f in _rg001(case, "上海市黄浦区")] == [Severity.ERROR]


def test_a_macao_neighbourhood_association_is_macaos():
    # 澳門街坊總會: 街坊 (neighbours) is a word of its own, not a street named 澳門
    assert _text_inference("街坊總會會慶\n澳門街坊總會舉行會慶聯歡,街總副理事長出席並致辭。\n").evidence[0].candidates == ("820000",)


def test_a_news_items_source_line_naming_a_media_centre_names_the_publisher():
    # 来源:君山区融媒体中心 under the text (page chrome) is the publisher's own line
    text = ("区人大来区考察\n2月20日,某管理区人大工委主任带队来我区考察,区人大常委会主任余为陪同。\n"
            "考察团一行参观了江豚湾、区工业园。\n来源:君山区融媒体中心 作者:张三\n")
    assert _text_inference(text).adcode == "430611"


def test_a_superiors_honour_is_not_the_text_speaking_as_the_superior():
    # 被广东省委、省政府授予: the province honours the community; the text is still 潮阳区's, so a
    # declared sibling county of the same province (河源's 和平县, 和平镇 read as it) is an error
    case = RegionCase("chaoyang.txt", (
        "和平镇社区简介\n潮阳区和平镇新和社区位于练江下游,是和平镇政治经济活动中心。\n"
        "社区先后被广东省委、省政府授予“文明社区”称号,多次被汕头市、潮阳区各级党委、政府表彰。\n"),
        "440513", "广东省", "a superior's honour (被广东省委授予) does not make the text the province's")
    assert _inference(case)[2].adcode == case.adcode
    assert [f.severity for f in _rg001(case, "广东省河源市和平县")] == [Severity.ERROR]


# -- session 15: built from the train and dev pages of region_fresh6 --------------------------------
@pytest.mark.parametrize("text", [
    "海南离岛免税购物额度提高\n记者从海关获悉,今年以来离岛免税购物金额持续增长,离岛旅客人均消费上升。\n",
    "离岛免税政策再优化\n财政部、海关总署、税务总局发布公告,离岛旅客免税购物额度提高。\n",
])
def test_outlying_islands_are_an_everyday_word_not_hong_kongs_district(text):
    # flagged: 离岛 (outlying islands: 海南's 离岛免税) read as 香港离岛区 at 0.83-0.85 before
    assert not any(c.startswith(HONG_KONG) for ev in _text_inference(text).evidence for c in ev.candidates)


def test_macaos_outlying_islands_are_macaos():
    # flagged: 澳門 … 離島辦事處 was 香港离岛区 (0.79); the islands are Macao's (氹仔, 路環)
    text = "離島居民出行安排\n澳門街坊總會離島辦事處表示,離島居民往返澳門半島的巴士班次將增加。\n"
    assert _text_inference(text).adcode == "820000"


def test_a_page_naming_hong_kong_still_names_its_outlying_islands_district():
    # passing: on a page naming 香港 the guarded short name is the district, as 北區 is
    text = "離島區議會會議\n香港離島民政事務處表示,離島居民關注東涌交通。\n"
    assert _text_inference(text).adcode == "810018"


# session 15 (region15b): a paper or broadcaster named after its place on a news item's source line
@pytest.mark.parametrize("source", ["来源：南通日报\n编辑:李四", "来源:南通日报 作者:张三", "稿源 南通广播电视台",
                                    "來源：南通日報\n編輯:李四"])
def test_a_source_line_naming_a_place_paper_is_owner_evidence(source):
    # the publisher's place supports the body's unit of that city (a chrome owner line: plain evidence)
    text = ("唐闸古镇冬季文化活动\n近日,在唐闸古镇,唐闸镇街道联合周边社区开展文化活动,崇川区有关负责人出席。"
            f"活动持续三天。\n{source}\n")
    inference = _text_inference(text)
    assert inference.adcode == "320602"
    assert any(e.candidates == ("320600",) and not e.self_reference for e in inference.evidence)


def test_a_source_line_alone_is_not_the_answer():
    # owner evidence, not a self-reference: a paper reposts other places' news
    text = "唐闸古镇冬季文化活动\n近日,在唐闸古镇,唐闸镇街道联合周边社区开展文化活动。活动持续三天。\n来源：南通日报\n编辑:李四\n"
    assert _text_inference(text).adcode is None


def test_a_national_papers_source_line_names_no_unit():
    text = ("崇川区开展文化活动\n近日,崇川区唐闸镇街道联合周边社区开展文化活动。活动持续三天。\n"
            "来源：光明日报\n编辑:李四\n")
    assert {c for e in _text_inference(text).evidence for c in e.candidates} == {"320602"}


def test_a_provinces_name_before_a_town_word_is_a_subdistrict_only_in_a_countys_context():
    # 澳門街道: Macao's streets (no unit below the province is named): every bare 澳門 stays a mention
    macao = ("認識澳門街\n為傳承澳門街道豐富的歷史文化,青年義工協會日前在海邊街舉行公民教育攤位活動,"
             "向居民介紹認識澳門的路線。\n負責人稱,期望增強居民對國家和澳門的歸屬感。\n")
    assert _text_inference(macao).adcode == "820000"
    streets = "上海街道漫步\n上海街道两旁的梧桐树下,游客沿着老街漫步。\n许多人说,上海的魅力在于细节,上海的老街值得慢慢走。\n"
    assert _text_inference(streets).adcode == "310000"
    # a real 北京街道 in a named district: bare 北京 there is the subdistrict's, not Beijing
    beijing = ("北京街道召开居民代表会议\n近日,西宁市城中区北京街道召开居民代表会议,北京街道党工委书记出席。\n"
               "会议要求,北京辖区各社区做好冬季供暖保障。\n")
    assert _text_inference(beijing).adcode.startswith("6301")


# session 15 (region15b): national commentary that names one place as an example (the calibration's
# ``national`` feature, trained by scripts/train_region_calibration.py)
_NATIONAL_TEXT = (
    "织密平安中国的防护网\n来源:人民日报\n十年来,平安中国建设扎实推进,全国刑事案件立案数持续下降,人民群众安全感不断提升。\n"
    "党中央把平安中国建设摆在突出位置,全国公安机关坚持预防为先、打防结合。\n"
    "在浙江省安吉县,社区民警走进村组,把矛盾化解在基层。安吉县的做法,是全国基层治理的一个缩影。\n"
    "我国将继续完善社会治安防控体系,让平安中国成为全社会共同的底色。\n")


def test_words_of_national_scope_lower_the_confidence_in_one_example_place():
    local = _NATIONAL_TEXT
    for word, plain in [("平安中国", "平安乡村"), ("全国", "各处"), ("党中央", "有关方面"), ("我国", "今后"),
                        ("全社会", "大家")]:
        local = local.replace(word, plain)
    national, example = _text_inference(_NATIONAL_TEXT), _text_inference(local)
    assert example.adcode == "330523"
    # (session 16: nine words of national scope to three mentions of 安吉县: undeterminable now)
    assert national.adcode in (None, "330523")
    assert national.confidence < example.confidence - 0.1
    assert national.confidence < 0.8


# -- session 16 (region16): built from the train and dev pages of the shared corpus and region_fresh6 --
def test_a_pinyin_gloss_with_a_space_before_its_bracket_is_read_away():
    # flagged: 南樂(lè )縣 (a content farm's gloss ending in a space) hid the county's name, and the page
    # was undeterminable (南乐 named once, in passing)
    text = ("南樂(lè )縣政府信息公開(kāi)目錄\n南樂(lè )縣政府信息公開(kāi)目錄按照統一標準編制。\n"
            "本目錄由南樂(lè )縣人民政府辦公室負責解釋。\n")
    inference = _text_inference(text)
    assert inference.adcode == "410923"
    assert {e.surface for e in inference.evidence} >= {"南乐县"}


@pytest.mark.parametrize("text", [
    "街總社區中心會慶\n街坊總會氹仔社區中心日前舉行會慶聯歡,中心主任表示今年服務人次逾七萬。\n"
    "中心多年來組織漫遊澳門等活動,氹仔居民踴躍參與。\n",
    "路環市區交通安排\n路環石排灣公屋群的巴士班次下月起增加,居民往返氹仔更方便。\n",
])
def test_macaos_islands_name_macao(text):
    # flagged: 氹仔 and 路環 (Macao's islands, 路氹 between them) named no unit, and a page naming
    # 澳門 once besides them was undeterminable
    assert _text_inference(text).adcode == "820000"


def test_a_word_over_the_islands_name_is_no_mention_of_macao():
    # passing: 道路环境 and 线路环节 straddle 路环 (a word over its first character is more frequent)
    text = "城区道路环境整治\n武山县开展道路环境整治,优化公交线路环节,县城面貌明显改善。\n"
    assert {c for e in _text_inference(text).evidence for c in e.candidates} == {"620524"}


@pytest.mark.parametrize("text", [
    "让群众安全感成色更足\n前不久,全国公安机关打击电信诈骗推进会召开。今年以来,全国电诈案件立案数同比下降。\n"
    "上世纪六十年代,浙江诸暨创造了就地化解矛盾的经验,至今仍是全国基层治理的样板。\n"
    "我国将持续推进平安中国建设。\n",
    "守护万家灯火的平安中国\n来源:人民日报 时间:2023-05-10\n十年来,平安中国建设不断深化,全国群众安全感持续提升。\n"
    "在一次新闻发布会上,湖南省石门县公安局民警讲述了一个故事:石门籍老人险些被骗,民警及时劝阻。\n"
    "党中央高度重视平安中国建设,我国社会治安形势持续向好。\n",
])
def test_a_text_speaking_more_of_the_country_than_of_its_one_place_is_never_confident(text):
    # flagged: 浙江 (0.82) for national commentary naming 浙江诸暨 as the origin of an experience
    # (as 黔江区 0.81 on a dev page): the national words outnumber the place's mentions
    inference = _text_inference(text)
    assert inference.adcode is None or inference.confidence < 0.8


def test_a_county_report_that_says_quanguo_often_but_speaks_as_its_county_keeps_its_confidence():
    # passing: the national scope lowers nothing when the text speaks as its unit (我县, 县委)
    text = ("石门县召开经济工作会议\n会议指出,我县荣获全国文明城市提名,入选全国百强县,全国农业示范县建设有序推进。\n"
            "中共石门县委书记在会上强调,全县上下要对标全国先进,奋力推动石门县高质量发展。\n")
    inference = _text_inference(text)
    assert inference.adcode == "430726" and inference.confidence >= 0.9


@pytest.mark.parametrize("text, person", [
    ("物玛乡召开牧区产业推进会\n近日,改则县物玛乡召开牧区产业推进会,县长卫辉出席。\n卫辉强调,要抓好牧区产业发展。\n", "卫辉"),
    ("白沙县人大召开座谈会\n出席座谈会的有省人大代表沈丹阳、刘蔚、王桂厅等同志。\n白沙县人民政府作工作通报。\n", "丹阳"),
    ("吉水县召开营商环境大会\n本报讯(记者 褚东丽 通讯员 姜春)近日,吉水县召开优化营商环境大会。\n", "东丽"),
    ("表彰大会召开\n受表彰的有张力、韩志然、乌兰、李佳等同志。会议在西宁市城东区召开。\n", "乌兰"),
])
def test_a_countys_short_name_that_is_a_persons_name_is_no_mention(text, person):
    # flagged: 县长卫辉 / 代表沈丹阳 / 记者 褚东丽 / a list of people's names held a county's short form
    # (卫辉市, 丹阳市, 东丽区, 乌兰县) as evidence, and every later 卫辉 with it
    assert person not in {e.surface for e in _text_inference(text).evidence}


def test_a_short_name_after_a_title_stays_when_the_text_names_its_unit_in_full():
    # passing: 卫辉市 is named in full, so only the official's own name is dropped
    text = "卫辉市召开经济工作会议\n卫辉市召开经济工作会议。县长卫辉主持会议,卫辉经济运行稳中向好。\n"
    assert [e.surface for e in _text_inference(text).evidence].count("卫辉") == 1
