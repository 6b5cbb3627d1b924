"""Written fixtures for ordinary words that are county names, same-name units, and Hong Kong, Macao
and Taiwan (issue 13). Every text is written for the tests (no third-party text).

``WORD_CASES``: a document about one unit whose text contains an ordinary word that is also a
county's name or short form (资源 in 调配资源力量, 县公安局, 生态兴县, 和县委, 新建…基站, 东区);
the county must never be inferred, and a right manifest declaration must not be flagged.
``NAMED_CASES``: the same counties where the text really is about them (a proven context).
``SAME_NAME_CASES``: 和平区, 朝阳区, 西湖区, 鼓楼区, 普陀区, told apart by the title or a parent
named anywhere in the text; ``SAME_NAME_UNDECIDED`` nothing tells them apart.
``SPECIAL_REGION_CASES``: Hong Kong districts, Macao and Taiwan counties, in traditional script.
``SITE_HEADER_CASE``: a same-name unit placed only by the site's name above the body (a chrome
line); ``ENUMERATION_CASE``: a county's news followed by a site's list of counties of many
provinces; ``FICTION_CASE``: a web novel's chapter set in a real county's name;
``PART_OF_OWN_CITY_CASE``: a county profile naming a neighbour as 本市X (a part of the city).
``TOWN_NAME_CASE``: a town named like a unit elsewhere (东莞's 沙田镇, Hong Kong's 沙田区), then bare;
``VISIT_CASE``: a district's delegation going to another city's district (赴), told by the visitor;
``HK_COMMUNITY_CASE``: a Hong Kong district named by its short name.
"""

from __future__ import annotations

from region_fixtures import RegionCase, report

# -- ordinary words that are county names ------------------------------------------------------
ZIYUAN_WORD = RegionCase(
    "ziyuan_word.txt",
    report(
        "宜昌市猇亭区应急管理工作情况通报",
        "汛期以来,猇亭区统筹调配资源力量,组织抢险队伍12支,储备防汛物资价值300余万元。",
        "区应急管理局加强与气象、水利部门会商,全区各街道按照预案调配资源,确保人员及时转移。",
        "下一步,中共猇亭区委、区政府将持续整合资源力量,筑牢安全防线。",
    ),
    "420505", "湖北省", "资源 (资源县, 桂林) in 调配资源力量 / 整合资源力量 is a word",
)

GONGAN_WORD = RegionCase(
    "gongan_word.txt",
    report(
        "武山县召开冬季安全生产工作会议",
        "12月5日,武山县召开冬季安全生产工作会议。副县长、县公安局局长出席会议并讲话。",
        "会议要求县公安局、县交通运输局加强道路交通安全整治,全县公安机关开展隐患排查。",
        "武山县人民政府办公室有关负责人通报了前期工作情况。",
    ),
    "620524", "甘肃省", "县公安局 is 县|公安局 and 全县公安机关 a police force, not 公安县 (荆州)",
)

XINGXIAN_WORD = RegionCase(
    "xingxian_word.txt",
    report(
        "阜平县人民政府工作报告",
        "过去一年,在保定市委、市政府和中共阜平县委的坚强领导下,我们坚持生态兴县、工业强县、旅游富县,"
        "全县经济社会持续健康发展。",
        "我们深入实施科教兴县战略,阜平县城市更新项目顺利推进,生态兴县的路子越走越宽。",
    ),
    "130624", "河北省", "生态兴县 / 科教兴县 are slogans (X兴县 = X invigorates the county), not 兴县 (吕梁)",
)

HEXIAN_WORD = RegionCase(
    "hexian_word.txt",
    report(
        "芦溪县人民政府工作报告",
        "过去一年,在萍乡市委、市政府和县委的坚强领导下,在县人大、县政协的监督支持下,芦溪县各项工作取得新成效。",
        "我们认真落实市委和县委的决策部署,全县上下团结奋进,和县委保持高度一致。",
    ),
    "360323", "江西省", "市委和县委 / ,和县委: 和 is a conjunction, not 和县 (马鞍山)",
)

XINJIAN_WORD = RegionCase(
    "xinjian_word.txt",
    report(
        "安吉县推进5G网络建设",
        "今年以来,安吉县新建5G基站320个,新建通信机房16处,实现城区和重点镇5G网络全覆盖。",
        "县经信局表示,明年将再新建基站200个,并在新建园区同步布局通信设施。安吉县人民政府将加大支持力度。",
    ),
    "330523", "浙江省", "新建 (新建区, 南昌) is a verb here: 新建5G基站, 新建园区",
)

DONGQU_WORD = RegionCase(
    "dongqu_word.txt",
    report(
        "龙泉市人民政府关于工业园区建设情况的报告",
        "龙泉市工业园区分为东区、西区两个片区。东区重点发展汽车空调零部件,西区布局竹木制品产业。",
        "今年园区东区新增标准厂房8万平方米,西区完成道路改造。龙泉市人民政府将继续加大投入。",
    ),
    "331181", "浙江省", "东区 / 西区 are the park's parts, not 攀枝花市东区 or 西区",
)

WORD_CASES = [ZIYUAN_WORD, GONGAN_WORD, XINGXIAN_WORD, HEXIAN_WORD, XINJIAN_WORD, DONGQU_WORD]
# the county each word case must never be inferred as
WORD_COUNTIES = {
    "ziyuan_word.txt": "450329", "gongan_word.txt": "421022", "xingxian_word.txt": "141123",
    "hexian_word.txt": "340523", "xinjian_word.txt": "360112", "dongqu_word.txt": "510402",
}

# -- the same counties, really named ------------------------------------------------------------
NAMED_CASES = [
    RegionCase("ziyuan_named.txt", report(
        "资源县人民政府工作报告",
        "过去一年,在桂林市委、市政府和中共资源县委的坚强领导下,资源县各族人民团结奋斗。",
        "资源县人民政府将坚持生态优先,建设八角寨、资江旅游区。"),
        "450329", "广西壮族自治区", "资源县 in full, 中共资源县委"),
    RegionCase("gongan_named.txt", report(
        "公安县人民政府工作报告",
        "过去一年,在荆州市委、市政府和中共公安县委的坚强领导下,公安县经济社会持续发展。",
        "我们深入推进三袁故里文化建设,公安县人民政府全面完成年度目标任务。"),
        "421022", "湖北省", "公安县 in full, 中共公安县委"),
    RegionCase("xingxian_named.txt", report(
        "政府工作报告",
        "兴县第十六届人民代表大会第二次会议听取了县长所作的政府工作报告。",
        "过去一年,在吕梁市委和兴县县委的坚强领导下,兴县人民政府带领全县人民攻坚克难。"),
        "141123", "山西省", "兴县 at a clause start and as 兴县人民政府, 吕梁 named"),
    RegionCase("hexian_named.txt", report(
        "马鞍山市和县人民政府工作报告",
        "现在,我代表和县人民政府向大会报告工作。过去一年,和县紧紧围绕打造马鞍山市主城区的目标,"
        "现代化美好和县建设迈出坚实步伐。"),
        "340523", "安徽省", "和县人民政府 and 马鞍山市和县"),
    RegionCase("xinjian_named.txt", report(
        "南昌市新建区人民政府工作报告",
        "过去一年,在南昌市委、市政府和中共新建区委的坚强领导下,新建区实现地区生产总值380亿元。",
        "新的一年,新建区人民政府将加快融入南昌主城区发展。"),
        "360112", "江西省", "新建区 in full, 中共新建区委"),
    RegionCase("dongqu_named.txt", report(
        "攀枝花市东区人民政府工作报告",
        "过去一年,在攀枝花市委、市政府和中共东区区委的坚强领导下,东区人民政府全面完成各项目标任务。"),
        "510402", "四川省", "攀枝花市东区: the generic name counts after its parent and as 东区人民政府"),
]

# -- same-name units ------------------------------------------------------------------------------
def _district_report(title: str, district: str, extra: str = "") -> str:
    return report(
        title,
        f"现在,我代表{district}人民政府向大会报告工作,请予审议。",
        f"过去一年,在市委、市政府和中共{district}委的坚强领导下,全区上下团结奋斗,{district}"
        f"经济社会保持平稳健康发展。{extra}",
        f"新的一年,{district}人民政府将团结带领全区人民,奋力完成各项目标任务。",
    )


SAME_NAME_CASES = [
    RegionCase("heping_shenyang.txt", _district_report("沈阳市和平区2022年政府工作报告", "和平区"),
               "210102", "辽宁省", "the title names 沈阳"),
    RegionCase("heping_tianjin.txt", _district_report("和平区2018年政府工作报告", "和平区",
               "我们认真落实习近平总书记对天津工作提出的“三个着力”重要要求。"),
               "120101", "天津市", "天津 named once in the body"),
    RegionCase("chaoyang_beijing.txt", _district_report("北京市朝阳区政府工作报告", "朝阳区"),
               "110105", "北京市", "the title names 北京"),
    RegionCase("chaoyang_changchun.txt", _district_report("政府工作报告", "朝阳区",
               "长春现代化都市圈建设提速,全区社会消费品零售总额占长春市城区的48%。"),
               "220104", "吉林省", "长春 named in the body, not in the title"),
    RegionCase("xihu_hangzhou.txt", _district_report("杭州市西湖区政府工作报告", "西湖区"),
               "330106", "浙江省", "the title names 杭州"),
    RegionCase("xihu_nanchang.txt", _district_report("西湖区人民政府工作报告", "西湖区",
               "我们积极融入大南昌都市圈,全面贯彻习近平总书记对江西工作的重要要求。"),
               "360103", "江西省", "南昌 / 江西 named in the body"),
    RegionCase("gulou_xuzhou.txt", _district_report("徐州市鼓楼区政府工作报告", "鼓楼区"),
               "320302", "江苏省", "the title names 徐州 (南京 has a 鼓楼区 too)"),
    RegionCase("gulou_kaifeng.txt", _district_report("鼓楼区人民政府工作报告", "鼓楼区",
               "我们深入挖掘开封宋都古城文化,书店街、州桥遗址保护利用扎实推进。"),
               "410204", "河南省", "开封 named in the body"),
    RegionCase("putuo_shanghai.txt", _district_report("上海市普陀区政府工作报告", "普陀区"),
               "310107", "上海市", "the title names 上海"),
    RegionCase("putuo_zhoushan.txt", _district_report("普陀区人民政府工作报告", "普陀区",
               "我们全力打造舟山群岛新区海洋经济示范区,渔农村居民人均可支配收入增长8%。"),
               "330903", "浙江省", "舟山 named in the body"),
]

SAME_NAME_UNDECIDED = RegionCase(
    "xihu_alone.txt", _district_report("西湖区政府工作报告", "西湖区"),
    None, None, "西湖区 with no city named anywhere: undeterminable, never a guess")

# -- Hong Kong, Macao, Taiwan ---------------------------------------------------------------------
SPECIAL_REGION_CASES = [
    RegionCase("hk_ytm.txt", "油尖旺區議會\n油尖旺區議會是香港十八個區議會之一,負責就油尖旺區的地區事務向政府提出意見。"
               "油尖旺區議會會議在旺角政府合署舉行,議員就區內交通及環境衞生議題提出動議。\n",
               "810005", "香港特别行政区", "a Hong Kong district council page, traditional script"),
    RegionCase("hk_eastern.txt", "東區區議會第三次會議\n香港東區區議會今日舉行會議,討論柴灣及筲箕灣的地區設施。"
               "東區區議會主席表示,將跟進議員提出的交通改善建議。\n",
               "810003", "香港特别行政区", "東區 of Hong Kong: the generic name as 東區區議會, 香港 named"),
    RegionCase("macao.txt", "澳門特別行政區政府施政報告\n澳門特別行政區政府將全力推進經濟適度多元發展,"
               "澳門居民的生活素質持續提升,特區政府與社會各界攜手推動澳門長期繁榮穩定。\n",
               "820000", "澳门特别行政区", "Macao in traditional script"),
    RegionCase("hualien.txt", "花蓮縣議會定期會施政總報告\n花蓮縣長今日在花蓮縣議會提出施政總報告,就觀光、"
               "財政、教育社福及交通議題向議員報告。花蓮縣政府將與議會合作推動各項建設。\n",
               "710712", "台湾省", "a Taiwan county in traditional script"),
]

# -- what places a page outside its body's sentences ---------------------------------------------
SITE_HEADER_CASE = RegionCase(
    "site_header_gulou.txt",
    "徐州政协\n当前位置: 首页 > 县区政协\n鼓楼区政协围绕城市更新开展协商议事\n"
    "7月下旬,鼓楼区政协组织委员深入老旧厂区地块调研,就加快土地整理和收储听取各方意见。\n"
    "委员们建议,鼓楼区要通盘考虑、专班推进,加快地块整理上市。\n"
    "区政协将把协商成果形成提案报送区委、区政府。\n",
    "320302", "江苏省", "鼓楼区 (南京, 徐州, 福州, 开封) placed by the site's name line 徐州政协 (chrome)")

ENUMERATION_CASE = RegionCase(
    "enumeration_siyang.txt",
    "泗阳县召开秋季植树造林推进会\n10月12日,泗阳县召开秋季植树造林推进会,县委副书记出席会议并讲话。\n"
    "会议要求各乡镇抓住有利时机,确保完成全县年度造林任务。\n"
    "热门站点: 嘉祥县| 琼结县| 宾川县| 庆元县| 措美县| 蒲城县| 宣恩县| 丹棱县| 封丘县| 新田县| 怀远县| 安泽县|\n",
    "321323", "江苏省", "a list of twelve counties of nine provinces is no place the text is about")

FICTION_CASE = RegionCase(
    "fiction_qingyang.txt",
    "第十二章 新官上任 - 官路沉浮最新章节 - 免费小说全本阅读\n"
    "雨停的时候,林涛的车开进了青阳县城。青阳县委大院里的梧桐刚落完叶子。\n"
    "县委书记把他叫进办公室:“青阳县穷,穷在路上。你这个县长,先把路修通。”\n"
    "林涛点点头,心里却想起省城那位老领导的叮嘱。\n",
    None, None, "a story's 青阳县 (a real county of 池州) is a setting, not the page's region")

PART_OF_OWN_CITY_CASE = RegionCase(
    "part_of_own_city.txt",
    "通道侗族自治县概况\n通道侗族自治县位于湖南省西南部、怀化市最南端,东邻邵阳市绥宁县,北靠本市靖州,"
    "西接贵州省黎平县,南连广西三江。\n全县辖8个镇、10个乡,侗族人口约占七成。\n",
    "431230", "湖南省", "本市靖州 is a county of the city the text calls 本市, not the text's own unit")


# -- session 11: town and street names, visits, Hong Kong's short district names -----------------
TOWN_NAME_CASE = RegionCase(
    "town_shatian.txt",
    "沙田镇开展龙舟文化节\n5月20日,东莞市沙田镇在镇文化广场举办龙舟文化节。\n"
    "沙田素有“龙舟之乡”美誉,今年共有16支队伍参赛。\n沙田镇党委负责人表示,将继续擦亮沙田水乡文化品牌。\n",
    "441900", "广东省", "沙田 after 沙田镇 is the town, not Hong Kong's 沙田区")

VISIT_CASE = RegionCase(
    "visit_yongding.txt",
    "龙岩市永定区考察团赴广州市天河区学习交流\n3月5日,龙岩市永定区考察团赴广州市天河区学习交流。\n"
    "天河区有关负责人介绍了天河区产业发展情况,双方就加强合作进行交流。\n考察团一行参观了天河区科技园。\n",
    "350803", "福建省", "the subject 龙岩市永定区 (a city and its district) sends its delegation: the visitor's text")

HK_COMMUNITY_CASE = RegionCase(
    "hk_community.txt",
    "深水埗社區中心舉辦長者活動\n深水埗社區中心本月為區內長者舉辦健康講座,並安排義工探訪獨居長者。\n"
    "深水埗社區客廳亦開放予街坊使用。\n",
    "810006", "香港特别行政区", "深水埗社區 is the district's community, not a 社区 named after it")
