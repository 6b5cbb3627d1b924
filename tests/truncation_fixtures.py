"""Fixture documents for the truncation rules, and a generator of cut copies.

Complete documents written for these tests (no text copied from the samples):

* ``REPORT_LINJIANG``: a three-part 政府工作报告, unindented lines, ASCII punctuation (like many
  aggregator copies), ——bullets in the review, (一)…(六) in 二、 and again (一)…(四) in 三、, a
  closing exhortation and a glossary of circled notes cited in the text.
* ``REPORT_HEXI``: three parts, full-width punctuation and ideographic-space indentation, (一)…(五)
  in every part, 一是…十二是 lists that restart in each paragraph, a thank-you in the review that ends
  with ! (not the closing).
* ``REPORT_DONGCHENG``: a new-term report with four top-level parts (五年回顾, 今后五年, 2023年,
  自身建设), two-space indentation.
* ``REPORT_SHIQIAO``: a two-part county report (一、回顾 二、安排 with (一)…(十二)) and a closing.

Other complete documents that must never be flagged: a news item about a people's congress, a short
notice with a sign-off, a report in traditional characters, English paragraphs.

:func:`real_cuts` and :func:`real_complete_documents` do the same for the real documents in
``fixtures/real_reports`` (all cut kinds for the work reports, mid-sentence end cuts for the others).
Run this file to print precision and recall per cut kind for both sets.

:func:`generated_cuts` cuts the reports at many points (mid-sentence, at a sentence end inside a
paragraph, at a paragraph end, right after a heading, at the start) and wraps some cuts in site
chrome; each case says which sides were cut.

:func:`html_pages` renders cases as CMS article pages (``.html`` files are read as text: head, script,
style, comments, ``<p>``/``<br />``/``<span>`` markup, a footer) and :func:`with_source_line` puts a
source link under them (``详见：http://…``, ``[原文链接](…)``); both must measure like the plain text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

REPORT_LINJIANG = """2023年临江县政府工作报告
政 府 工 作 报 告
——2023年1月9日在临江县第十八届人民代表大会第二次会议上
临江县人民政府县长 王志成
各位代表:
现在,我代表县人民政府向大会报告工作,请予审议,并请县政协委员和其他列席人员提出意见。
一、2022年工作回顾
过去的一年,是极不平凡、极为关键的一年。面对需求收缩、供给冲击、预期转弱三重压力,我们在县委的坚强领导下,团结依靠全县人民,稳住了经济基本盘,守住了民生底线,较好完成了县十八届人大一次会议确定的目标任务。
——综合实力稳步提升。全年实现地区生产总值286.4亿元,增长4.1%;一般公共预算收入15.2亿元,增长6.3%;规上工业增加值增长7.8%;城乡居民人均可支配收入分别达到41260元、20570元,分别增长5.2%、6.9%。
——产业结构持续优化。新增规上工业企业31家,总数达到212家。新能源电池材料产业链加快成形,锂电隔膜项目一期建成投产,获评省级“专精特新①”企业9家。县域商业体系建设扎实推进,新增限上商贸企业24家。
——城乡面貌明显改善。滨江大道西延段建成通车,改造老旧小区18个、惠及居民4300户。新建改建农村公路126公里,创建“四好农村路②”省级示范乡镇2个。
——改革开放纵深推进。“一窗受理、集成服务”改革全面落地,企业开办实现“一日办结”。新签约亿元以上项目42个,实际利用外资3100万美元。
——民生福祉不断增进。民生支出占一般公共预算支出的81.3%。城镇新增就业5620人,新建城区学校2所,县人民医院新院区投入使用,“家门口”养老服务站实现城市社区全覆盖。
在加快发展的同时,政府自身建设不断加强。认真执行县人大及其常委会的决议决定,办理人大代表建议116件、政协委员提案142件。深入推进法治政府建设,严格落实中央八项规定精神,政府系统作风持续好转。
各位代表,过去一年的成绩来之不易。这是县委总揽全局、科学决策的结果,是县人大、县政协监督支持的结果,是全县人民团结奋斗的结果。在此,我代表县人民政府,向全县人民,向所有关心支持临江发展的各界人士,致以崇高的敬意和衷心的感谢!
我们也清醒地看到,经济总量偏小、产业层次不高的问题依然突出;科技创新支撑不足,项目储备有待加强;教育、医疗等公共服务还有不少短板。对此,我们将采取有力措施,认真加以解决。
二、2023年工作安排
今年是全面贯彻落实党的二十大精神的开局之年。政府工作的总体要求是:坚持稳中求进工作总基调,完整、准确、全面贯彻新发展理念,着力扩大有效需求,着力推动高质量发展,着力保障和改善民生,奋力开创临江现代化建设新局面。
全县经济社会发展的主要预期目标是:地区生产总值增长6.5%左右;一般公共预算收入增长6%;固定资产投资增长10%;社会消费品零售总额增长7%;城乡居民人均可支配收入增长与经济增长同步。
为实现上述目标,重点做好以下六个方面工作:
(一)坚持工业强县,壮大实体经济
做强主导产业。围绕新能源电池材料、绿色食品两大主导产业,实施产业链“链长制”,推动锂电隔膜项目二期开工建设,全年新增规上工业企业25家以上。
推动技术改造。实施技改项目60个以上,建成省级数字化车间5个,推动规上工业企业“上云用数赋智”。
(二)坚持项目为王,扩大有效投资
全年谋划储备重大项目150个以上,争取专项债券资金12亿元。落实县级领导包联项目制度,推动新开工亿元以上项目40个,确保重点项目完成投资120亿元。
(三)坚持改革开放,激发发展活力
深化“放管服”改革,推行“容缺受理③”,实现企业投资项目审批全流程网上办理。深化国资国企改革,推动县属国有企业实体化转型。主动融入区域协作,力争新签约亿元以上项目45个。
(四)坚持城乡融合,建设宜居家园
加快滨江新区建设,完成城市污水管网改造30公里。深入实施乡村建设行动,创建美丽乡村示范村12个,农村生活垃圾分类覆盖率达到90%以上。
(五)坚持生态优先,推动绿色发展
深入打好蓝天、碧水、净土保卫战,确保空气质量优良天数比例稳定在90%以上。推进“碳达峰④”行动,新增分布式光伏装机容量5万千瓦。
(六)坚持人民至上,增进民生福祉
稳定和扩大就业,城镇新增就业5000人以上。推动义务教育优质均衡发展,新增学位1800个。推进紧密型县域医共体建设,提升基层医疗服务能力。健全养老服务体系,新增养老床位300张。
三、加强政府自身建设
(一)坚持政治引领。深入学习贯彻党的二十大精神,坚定拥护“两个确立”、坚决做到“两个维护”,确保县委各项决策部署落地见效。
(二)坚持依法行政。自觉接受县人大及其常委会的法律监督和工作监督,主动接受县政协的民主监督,认真办理代表建议和委员提案。
(三)坚持务实担当。大兴调查研究之风,以钉钉子精神抓落实,让“马上就办、办就办好”成为政府系统的鲜明标识。
(四)坚持廉洁从政。严格落实全面从严治党主体责任,持之以恒纠治“四风”,坚持政府过紧日子,把有限的财力用在发展紧要处、民生急需上。
各位代表,新征程催人奋进,新使命重任在肩。让我们更加紧密地团结在以习近平同志为核心的党中央周围,在县委的坚强领导下,踔厉奋发、勇毅前行,为奋力谱写临江高质量发展新篇章而努力奋斗!
附:政府工作报告名词解释
①专精特新:指具有专业化、精细化、特色化、新颖化特征的中小企业。
②四好农村路:指把农村公路建好、管好、护好、运营好。
③容缺受理:指对基本条件具备、主要申请材料齐全但次要材料有欠缺的事项,先行受理、限期补齐。
④碳达峰:指二氧化碳排放量达到历史最高值后逐步回落。
"""

REPORT_HEXI = """河西区政府工作报告
——2023年1月6日在河西区第五届人民代表大会第三次会议上
区长　李明华

　　各位代表：

　　现在，我代表区人民政府，向大会作政府工作报告，请予审议，并请区政协委员和列席会议的同志提出意见。

　　一、过去一年工作回顾

　　2022年，面对超预期因素冲击，我们坚决贯彻落实上级决策部署和区委工作要求，高效统筹疫情防控和经济社会发展，全区经济运行总体平稳、稳中有进。

　　（一）经济发展稳中有进。全年地区生产总值完成412亿元，增长3.6%；一般公共预算收入完成28.7亿元，同口径增长5.1%。固定资产投资增长9.4%，其中工业投资增长21.3%。

　　（二）产业转型步伐加快。数字经济核心产业增加值占比提高到11.2%，新增国家高新技术企业47家。现代服务业加快集聚，软件和信息服务业营业收入突破60亿元。

　　（三）城市品质持续提升。完成城市更新项目23个，打通断头路7条，新增城市绿地46万平方米。河道综合治理全面完成，“清水绕城”的城市格局初步形成。

　　（四）民生保障更加有力。一是稳就业，城镇新增就业1.2万人；二是兴教育，新建改扩建中小学、幼儿园9所；三是强医疗，区中医院迁建工程主体完工；四是兜底线，发放各类救助资金1.6亿元。

　　（五）自身建设不断加强。坚持依法行政，自觉接受区人大法律监督和区政协民主监督，办理人大代表建议98件、政协提案131件，办复率100%。

　　各位代表，这些成绩的取得，是区委坚强领导的结果，是区人大、区政协监督支持的结果，是全区人民团结拼搏的结果。在此，我代表区人民政府，向全区人民致以崇高的敬意！

　　在看到成绩的同时，我们也清醒认识到，全区经济发展仍面临不少困难：产业链条不够完整，创新能力有待提升；城市治理精细化水平不高；部分群众在就业、住房、养老等方面还有不少难题。我们一定直面问题，切实加以解决。

　　二、2023年主要任务

　　2023年是全面贯彻落实党的二十大精神的开局之年。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%；城镇调查失业率控制在5.5%以内；居民收入增长与经济增长基本同步。

　　实现上述目标，要重点抓好以下五个方面工作。

　　（一）聚力创新驱动，加快建设现代化产业体系。一是培育壮大数字经济，推动软件和信息服务业营业收入增长15%。二是做强先进制造业，推进智能装备产业园二期建设。三是提升现代服务业，建成区级物流枢纽。

　　（二）聚力扩大内需，推动经济运行整体好转。一是扩大有效投资，全年实施重点项目120个；二是促进消费恢复，举办“河西消费季”系列活动；三是稳定外贸外资，支持企业参加境内外展会。

　　（三）聚力深化改革，持续优化营商环境。全面推行“一件事一次办”，推动更多政务服务事项“掌上办”“就近办”。落实助企纾困政策，让企业有获得感。

　　（四）聚力城市更新，提升城市功能品质。实施老旧小区改造15个，新建停车泊位3000个。推进河道生态修复，建设“口袋公园”20个。

　　（五）聚力民生改善，不断增强群众获得感。今年拟办十二件民生实事：一是新增就业岗位1万个；二是新建幼儿园3所；三是改造农贸市场4个；四是新增养老床位500张；五是建设社区食堂10个；六是改造背街小巷30条；七是新建公共厕所12座；八是更新公交车辆60辆；九是新建健身步道20公里；十是开展免费体检5万人次；十一是建设保障性租赁住房800套；十二是完成农村饮水提质工程。

　　三、切实加强政府自身建设

　　面对新形势新任务，全区政府系统要始终保持奋发有为的精神状态，努力建设人民满意的服务型政府。

　　（一）坚持旗帜鲜明讲政治。深入学习贯彻习近平新时代中国特色社会主义思想，不断提高政治判断力、政治领悟力、政治执行力。

　　（二）坚持依法科学民主决策。严格执行重大行政决策程序，主动接受各方面监督，让权力在阳光下运行。

　　（三）坚持真抓实干勇担当。大兴调查研究，力戒形式主义、官僚主义，以实干实绩取信于民。

　　（四）坚持清正廉洁守底线。一是严格落实中央八项规定精神；二是持续加强审计监督；三是坚决整治群众身边的不正之风。

　　（五）坚持过紧日子。严控一般性支出，把更多财力用于保障民生。

　　各位代表！使命呼唤担当，实干成就未来。让我们紧密团结在以习近平同志为核心的党中央周围，在区委的坚强领导下，凝心聚力、真抓实干，为加快建设现代化新河西而团结奋斗！
"""

REPORT_DONGCHENG = """东城区人民政府工作报告

  各位代表:

  现在,我代表区人民政府,向大会报告过去五年政府工作和今后五年的目标任务,以及2023年的重点工作,请予审议,并请区政协委员和其他列席人员提出意见。

  一、过去五年工作回顾

  过去五年,是东城发展史上极不平凡的五年。我们坚持以习近平新时代中国特色社会主义思想为指导,团结带领全区人民砥砺奋进,圆满完成区十四届人大一次会议确定的主要目标任务。

  五年来,我们着力推动经济转型升级,地区生产总值从320亿元增加到486亿元,年均增长6.2%。战略性新兴产业产值占规上工业比重提高到38%,“东城智造”品牌影响力不断扩大。

  五年来,我们着力建设宜居城市,累计实施城市更新项目156个,建成区绿化覆盖率达到42.5%。地铁2号线东延段建成运营,“15分钟生活圈”基本成形。

  五年来,我们着力保障和改善民生,累计新增城镇就业7.8万人,新建改扩建学校27所,区人民医院、妇幼保健院新院区相继投用,居民健康水平持续提升。

  五年来,我们坚持依法行政,累计办理人大代表建议612件、政协委员提案735件。政府系统党风廉政建设持续加强,风清气正的政治生态不断巩固。

  各位代表,五年砥砺奋进,五年春华秋实。我们深刻体会到:必须坚持党的全面领导,必须坚持以人民为中心,必须坚持改革创新,必须坚持真抓实干。

  二、今后五年的目标任务

  今后五年,全区经济社会发展的总体目标是:综合实力迈上新台阶,创新能力实现新突破,城市品质达到新高度,民生福祉得到新提升。为此,要着力抓好四个方面:一是建设创新东城,打造区域科技创新高地;二是建设开放东城,构建内外联动发展格局;三是建设品质东城,提升城市现代化治理水平;四是建设幸福东城,让发展成果更多更公平惠及全区人民。

  三、2023年重点工作

  今年经济社会发展的主要预期目标是:地区生产总值增长6.5%左右,一般公共预算收入增长6%左右,城乡居民人均可支配收入增长6.5%左右。围绕上述目标,重点做好以下四个方面工作:

  (一)全力以赴拼经济。坚持项目为王,全年新开工亿元以上项目50个;坚持招大引强,力争引进百亿级项目2个;坚持服务为先,推动规上工业产值增长10%以上。

  (二)持之以恒抓创新。新增高新技术企业40家,研发经费支出占地区生产总值比重达到2.8%。加快建设科创走廊,推动产学研深度融合。

  (三)精益求精建城市。实施城市更新项目35个,完成老旧小区改造20个,打通断头路5条。深化垃圾分类,提升城市精细化管理水平。

  (四)用心用情惠民生。新增城镇就业1.5万人,新增优质学位4000个,建成社区嵌入式养老服务机构8家。完善社会救助体系,兜牢民生底线。

  四、全面加强政府自身建设

  我们将始终坚持党的全面领导,深入推进依法行政,持续改进工作作风,坚定不移推进廉洁政府建设,努力让人民群众满意。

  各位代表,蓝图已经绘就,号角已经吹响。让我们在区委的坚强领导下,勇担使命、团结拼搏,为奋力谱写中国式现代化东城新篇章而努力奋斗!
"""

REPORT_SHIQIAO = """2023年石桥县人民政府工作报告
各位代表:
现在,我代表县人民政府,向大会报告工作,请予审议。
一、2022年工作回顾
2022年,我们坚持稳字当头、稳中求进,全县经济社会保持平稳健康发展。地区生产总值完成168亿元,增长4.8%;一般公共预算收入完成9.3亿元,增长7.1%。
这一年,我们抓产业强实体,新增规上工业企业18家,农产品加工业产值突破80亿元。我们抓项目扩投资,实施重点项目86个,完成投资72亿元。我们抓民生补短板,新建农村公路95公里,改造农村危房320户,城乡居民基本医疗保险参保率稳定在98%以上。
同时,我们认真执行县人大及其常委会的决议决定,办理人大代表建议84件、政协委员提案97件,政府系统作风建设持续加强。
各位代表,成绩来之不易。我们也清醒地看到,县域经济总量不大、财政收支矛盾突出、公共服务还有短板,我们将认真加以解决。
二、2023年工作安排
今年全县经济社会发展的主要预期目标是:地区生产总值增长6.5%,一般公共预算收入增长6%,城乡居民人均可支配收入增长7%。重点抓好以下十二个方面工作:
(一)壮大特色产业。做强农产品精深加工,新增规上农产品加工企业5家。
(二)扩大有效投资。全年实施重点项目90个,完成投资80亿元。
(三)提振消费市场。开展县域商业体系建设,新增限上商贸企业15家。
(四)深化改革创新。推进县属国企改革,优化营商环境。
(五)推进乡村振兴。巩固拓展脱贫攻坚成果,建设高标准农田3万亩。
(六)建设美丽县城。实施县城更新项目12个,完善县城公共服务设施。
(七)改善生态环境。推进河长制、林长制,确保县域水质持续向好。
(八)促进就业增收。城镇新增就业3000人,农村劳动力转移就业2万人。
(九)办好人民教育。新建改扩建中小学3所,推进县域普通高中发展提升。
(十)建设健康石桥。推进县域医共体建设,提升县人民医院服务能力。
(十一)兜牢民生底线。完善社会救助体系,提高城乡低保标准。
(十二)维护安全稳定。统筹发展和安全,抓好安全生产,维护社会和谐稳定。
各位代表,新的一年,任务艰巨,使命光荣。让我们在县委的坚强领导下,凝心聚力、实干争先,为建设富裕美丽幸福新石桥而团结奋斗!
"""

REPORTS = {
    "linjiang": REPORT_LINJIANG,
    "hexi": REPORT_HEXI,
    "dongcheng": REPORT_DONGCHENG,
    "shiqiao": REPORT_SHIQIAO,
}

NEWS_ARTICLE = """东城区十届人大二次会议开幕
2023-01-10 09:30  来源:东城新闻网
1月9日上午,东城区第十届人民代表大会第二次会议在区会议中心开幕。大会应到代表248名,实到236名,符合法定人数。
区长陈晓东代表区人民政府作政府工作报告。报告回顾了过去一年的工作,提出今年全区经济社会发展的主要预期目标:地区生产总值增长6%左右,一般公共预算收入增长5.5%。
报告指出,今年将重点抓好五个方面工作:一是加快产业转型升级;二是持续扩大有效投资;三是深化重点领域改革;四是推进城乡融合发展;五是增进民生福祉。
“今年是全面贯彻落实党的二十大精神的开局之年。”陈晓东说,全区上下要坚定信心、真抓实干,确保各项目标任务顺利完成。
会议还审查了区国民经济和社会发展计划执行情况与2023年计划草案、区财政预算执行情况与2023年预算草案。
(记者 张晓 通讯员 刘洋)
责任编辑:李华
"""

SHORT_NOTICE = """关于2023年春节期间公共停车场免费开放的通知
各位市民:
为方便市民春节期间出行,经研究决定,春节假期全市公共停车场免费开放。具体事项通知如下:
一、免费开放时间为2023年1月21日0时至1月27日24时。
二、免费开放范围为全市由政府投资建设的公共停车场,商业综合体停车场除外。
三、请广大市民文明停车,服从管理人员指挥。
特此通知。
南湖市城市管理局
2023年1月18日
"""

TRADITIONAL_REPORT = """2023年清水縣政府工作報告
各位代表:
現在,我代表縣人民政府向大會報告工作,請予審議。
一、2022年工作回顧
過去一年,我們堅持穩中求進工作總基調,全縣經濟運行總體平穩。地區生產總值增長4.5%,一般公共預算收入增長5.2%,城鄉居民收入穩步提高。
二、2023年工作安排
今年將重點抓好三個方面工作:一是加快產業升級;二是擴大有效投資;三是增進民生福祉。
三、加強政府自身建設
我們將堅持依法行政,自覺接受人大監督和政協民主監督,建設人民滿意的服務型政府。
各位代表,讓我們團結一心、開拓進取,為建設美麗清水而努力奮鬥!
"""

ENGLISH_TEXT = """City council approves riverside park plan
The city council on Tuesday approved a plan to turn a disused stretch of the riverbank into a public park, ending a debate that lasted nearly two years.
Work is expected to begin in the spring. The first phase includes a cycle path, a playground and 400 new trees.
"This is a park for everyone," the mayor said after the vote.
"""

OTHER_COMPLETE = {
    "news": NEWS_ARTICLE,
    "notice": SHORT_NOTICE,
    "traditional": TRADITIONAL_REPORT,
    "english": ENGLISH_TEXT,
}

CHROME_HEAD = "导航菜单\n首页 | 报告 | 公报 | 网站地图\n\n"
CHROME_TAIL = ("\n\n本文仅代表作者观点,不代表本站立场。报告、规划等文件类信息,本站展示并非全部都完整。\n\n"
               "本文地址:/baogao/huadong/1234.html\n\n留言与评论(共有 条评论)\n验证码:\n网站地图\n"
               "Copyright © 2023 版权所有\n")
SITE_TITLE = "(某省){name}人民政府工作报告(2023年1月9日)\n\n"

_TERMINAL_OR_CLOSER = set("。！？!?…”’」』）)")


@dataclass(frozen=True)
class Case:
    """A generated document, the sides that were cut, and how it was made (for failure messages)."""

    name: str
    text: str
    cut: frozenset[str]


def _lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def _content_indices(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and s[-1] not in _TERMINAL_OR_CLOSER and s[-1] not in ":：" and len(s) <= 40 and (
        s[0] in "(（" or (len(s) > 1 and s[1] in "、") or (len(s) > 2 and s[2] in "、"))


def _opening_index(lines: list[str]) -> int:
    """Index of the line after the opening address (各位代表: / 现在,我代表…): start cuts begin here."""
    for i, line in enumerate(lines):
        if "向大会" in line:
            return i + 1
    raise ValueError("fixture has no opening")


_APPENDIX_HEAD = re.compile(r"^\s*(?:名词解释|附件|附：|注释)")


def _appendix_index(lines: list[str]) -> int:
    """Index of the first line of an appendix after the closing (a glossary), or len(lines)."""
    return next((i for i, line in enumerate(lines) if _APPENDIX_HEAD.match(line)), len(lines))


def _end_cuts(name: str, text: str, rng: random.Random, per_kind: int,
              body_start: int | None = None) -> list[tuple[str, str]]:
    lines = _lines(text)
    content = _content_indices(lines)
    body_start = _opening_index(lines) if body_start is None else body_start
    out: list[tuple[str, str]] = []
    # At a paragraph end: keep lines up to and including a content line (never the whole document).
    candidates = [i for i in content if body_start <= i < content[-1]]
    appendix = _appendix_index(lines)
    for i in rng.sample(candidates, min(per_kind, len(candidates))):
        # Between two entries of a glossary after the closing, nothing says more was due: its own kind.
        kind = "end-appendix-entry" if i >= appendix else "end-paragraph"
        out.append((f"{name}/{kind}@{i}", "\n".join(lines[: i + 1]) + "\n"))
    # Right after a heading.
    for i in [i for i in content if _is_heading(lines[i]) and i >= body_start]:
        out.append((f"{name}/end-heading@{i}", "\n".join(lines[: i + 1]) + "\n"))
    # Mid-sentence: inside a long paragraph, not right after a sentence end.
    long_lines = [i for i in content if i >= body_start and len(lines[i].strip()) > 40]
    for i in rng.sample(long_lines, min(per_kind, len(long_lines))):
        line = lines[i]
        positions = [p for p in range(len(line) - len(line.lstrip()) + 6, len(line) - 3)
                     if line[p - 1] not in _TERMINAL_OR_CLOSER and line[p - 1] not in "，,、;；:：."]
        p = rng.choice(positions)
        out.append((f"{name}/end-mid@{i}:{p}", "\n".join(lines[:i] + [line[:p]]) + "\n"))
    # At a sentence end inside a paragraph (the last sentence is complete, the paragraph is not).
    for i in rng.sample(long_lines, min(per_kind, len(long_lines))):
        line = lines[i]
        ends = [p + 1 for p, ch in enumerate(line[:-2]) if ch in "。；;"]
        if ends:
            p = rng.choice(ends)
            out.append((f"{name}/end-sentence@{i}:{p}", "\n".join(lines[:i] + [line[:p]]) + "\n"))
    return out


def _start_cuts(name: str, text: str, rng: random.Random, per_kind: int) -> list[tuple[str, str]]:
    lines = _lines(text)
    content = _content_indices(lines)
    body_start = _opening_index(lines)
    out: list[tuple[str, str]] = []
    candidates = [i for i in content if body_start <= i < content[-3]]
    for i in rng.sample(candidates, min(per_kind, len(candidates))):
        out.append((f"{name}/start-paragraph@{i}", "\n".join(lines[i:]) + "\n"))
    long_lines = [i for i in candidates if len(lines[i].strip()) > 40]
    for i in rng.sample(long_lines, min(per_kind, len(long_lines))):
        line = lines[i]
        lead = len(line) - len(line.lstrip())
        p = rng.randrange(lead + 3, len(line) - 6)
        out.append((f"{name}/start-mid@{i}:{p}", "\n".join([line[p:]] + lines[i + 1:]) + "\n"))
    return out


def _cut_cases(name: str, text: str, rng: random.Random, per_kind: int) -> list[Case]:
    """Start cuts, end cuts and cuts at both ends (like the samples) of one complete report."""
    ends = _end_cuts(name, text, rng, per_kind)
    starts = _start_cuts(name, text, rng, per_kind)
    cases = [Case(n, t, frozenset({"end"})) for n, t in ends]
    cases += [Case(n, t, frozenset({"start"})) for n, t in starts]
    for (sn, st), (en, et) in zip(rng.sample(starts, min(per_kind, len(starts))),
                                  rng.sample(ends, min(per_kind, len(ends)))):
        kept_end = _lines(et)[-1]
        tail_from = st.rfind(kept_end)
        if tail_from <= 0:
            continue
        both = st[: tail_from + len(kept_end)] + "\n"
        if both.rstrip() == st.rstrip():
            continue
        cases.append(Case(f"{sn}+{en}", both, frozenset({"start", "end"})))
    return cases


def _wrap_some_in_chrome(cases: list[Case]) -> list[Case]:
    """Every third case in site chrome, some with the aggregator's own title line on top."""
    wrapped = []
    for k, case in enumerate(cases):
        if k % 3 == 0:
            title = SITE_TITLE.format(name=case.name.split("/")[0]) if k % 2 == 0 else ""
            wrapped.append(Case(case.name + "+chrome", CHROME_HEAD + title + case.text + CHROME_TAIL, case.cut))
        else:
            wrapped.append(case)
    return wrapped


# ---- the same documents as HTML pages (``.html`` files are read as text) ---------------------------

HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() {{
  var hm = document.createElement("script");
  hm.src = "https://hm.example.com/hm.js?0123456789";
}})();
</script>
<style type="text/css">
.article p {{ text-indent: 2em; line-height: 2 }}
</style>
</head>
<body>
<div class="main">
<!-- 正文开始 -->
<div class="article" id="zoom">
"""
HTML_TAIL = """</div>
<!-- 正文结束
     模板: article_detail -->
</div>
<div class="footer">
<p>版权所有：{site} &nbsp; 主办单位：{site}办公室</p>
<p>网站标识码：1234000012 &nbsp;&nbsp; 京ICP备12345678号</p>
</div>
<script>document.write('<span id="visits"></span>');</script>
</body>
</html>
"""


def as_html(text: str, style: int = 0, site: str = "某县人民政府") -> str:
    """``text`` as a CMS article page: each line a paragraph in one of three common markups (0: <p>
    with &emsp; indentation, 1: text<br />, 2: <p><span style=…>), the first line also the <title>,
    inside a head with a script and a style block and a footer with the site's copyright lines."""
    lines = [line.strip() for line in _lines(text)]
    title = next((line for line in lines if line), "")
    body = []
    for line in lines:
        if not line:
            body.append("<p>&nbsp;</p>" if style != 1 else "<br />")
        elif style == 0:
            body.append(f"<p>&emsp;&emsp;{line}</p>")
        elif style == 1:
            body.append(f"{line}<br />")
        else:
            body.append(f'<p style="text-indent:2em;"><span style="font-family:仿宋_GB2312;">{line}</span></p>')
    return HTML_HEAD.format(title=title) + "\n".join(body) + "\n" + HTML_TAIL.format(site=site)


def html_pages(cases: list[Case]) -> list[Case]:
    """Every case not already wrapped in plain-text chrome as an HTML page (the page brings its own
    chrome: head, script, footer), the markup style rotating from case to case."""
    bare = [case for case in cases if "+chrome" not in case.name]
    return [Case(case.name + f"+html{k % 3}", as_html(case.text, k % 3), case.cut) for k, case in enumerate(bare)]


SOURCE_LINES = (
    "详见：http://www.example.gov.cn/art/2023/1/10/art_1229_5678.shtml",
    "[原文链接](https://www.example.gov.cn/zwgk/2023/01/10/content_123456.html)",
    "原文地址 https://mp.weixin.qq.com/s/AbCdEfGh123",
)


def with_source_line(cases: list[Case]) -> list[Case]:
    """Every case not wrapped in chrome with a source link under it (a URL after a label, a Markdown
    link, a bare link): a reference, not a sentence, so only the text above it says whether it is cut."""
    bare = [case for case in cases if "+chrome" not in case.name]
    return [Case(case.name + f"+link{k % 3}", case.text.rstrip("\n") + "\n" + SOURCE_LINES[k % 3] + "\n", case.cut)
            for k, case in enumerate(bare)]


def generated_cuts(seed: int = 20230109, per_kind: int = 6) -> list[Case]:
    """Cut copies of every fixture report (deterministic for a given seed)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for name, text in REPORTS.items():
        cases += _cut_cases(name, text, rng, per_kind)
    return _wrap_some_in_chrome(cases)


REAL_DIR = Path(__file__).resolve().parent / "fixtures" / "real_reports"


def real_documents() -> dict[str, str]:
    """The complete real documents in ``tests/fixtures/real_reports`` (sources in SOURCES.md there)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL_DIR.glob("*.txt"))}


def is_work_report(text: str) -> bool:
    """Has the opening address of a work report (…向大会…报告) in its first lines."""
    return any("向大会" in line for line in _lines(text)[:8])


def real_cuts(seed: int = 20240125, per_kind: int = 8) -> list[Case]:
    """Cut copies of the real documents: every kind of cut for the work reports; for the others only
    mid-sentence end cuts (a news item or a notice cut at a paragraph end has nothing that says more
    was due, so such cuts would measure luck, not the rules)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for name, text in real_documents().items():
        if is_work_report(text):
            cases += _cut_cases(name, text, rng, per_kind)
            continue
        first_line = _content_indices(_lines(text))[0]
        for n, t in _end_cuts(name, text, rng, per_kind, body_start=first_line + 1):
            if "/end-mid@" in n:
                cases.append(Case(n, t, frozenset({"end"})))
    return _wrap_some_in_chrome(cases)


def real_complete_documents() -> list[Case]:
    """Every real document, bare and wrapped in site chrome: none of them may be flagged."""
    out: list[Case] = []
    for name, text in real_documents().items():
        out.append(Case(name, text, frozenset()))
        out.append(Case(name + "+chrome", CHROME_HEAD + text + CHROME_TAIL, frozenset()))
    return out


def complete_documents() -> list[Case]:
    """Every complete fixture, bare and wrapped in site chrome: none of them may be flagged."""
    out: list[Case] = []
    for name, text in {**REPORTS, **OTHER_COMPLETE}.items():
        out.append(Case(name, text, frozenset()))
        out.append(Case(name + "+chrome", CHROME_HEAD + text + CHROME_TAIL, frozenset()))
    return out


@dataclass
class Score:
    """Side-level precision and recall of the truncation rules over a set of cases."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    errors: int = 0          # true positives reported at severity error
    misses: list[str] | None = None
    false_alarms: list[str] | None = None

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    @property
    def error_recall(self) -> float:
        return self.errors / max(1, self.true_pos + self.false_neg)

    def line(self, label: str) -> str:
        return (f"{label:<28} sides={self.true_pos + self.false_neg:4d} precision={self.precision:.3f} "
                f"recall={self.recall:.3f} error-level recall={self.error_recall:.3f} "
                f"false alarms={self.false_pos}")


def measure(cases: list[Case], options=None) -> Score:
    """Run both truncation rules on every case; count sides found, missed and falsely flagged."""
    from scrapegate.checks.context import BatchContext
    from scrapegate.checks.document import Document
    from scrapegate.rules.truncation.rules import RULES

    rules = [rule(options) for rule in RULES]
    score = Score(misses=[], false_alarms=[])
    for case in cases:
        doc = Document.from_text(case.name, case.text)
        ctx = BatchContext.build([doc])
        findings = [f for rule in rules for f in rule.check(doc, ctx)]
        flagged = {f.details["where"]: f for f in findings}
        for where, finding in flagged.items():
            if where in case.cut:
                score.true_pos += 1
                score.errors += finding.severity.value == "error"
            else:
                score.false_pos += 1
                score.false_alarms.append(f"{case.name} [{where}] {finding.message}")
        for where in case.cut - flagged.keys():
            score.false_neg += 1
            score.misses.append(f"{case.name} [{where}]")
    return score


def kind_of(case: Case, where: str) -> str:
    """'end-mid', 'start-paragraph', ... : how the given side of a generated case was cut."""
    for part in case.name.replace("+chrome", "").split("+"):
        kind = part.split("/")[-1].split("@")[0]
        if kind.startswith(where):
            return kind
    return "complete"


def report(cases: list[Case], complete: list[Case]) -> None:  # pragma: no cover - printed measurement
    from collections import defaultdict

    from scrapegate.rules.truncation.body import TruncationOptions

    for label, options in (("genre + generic", None), ("generic only", TruncationOptions(genre_checks=False))):
        scored = [c for c in cases if "end-appendix-entry" not in c.name]
        print(measure(scored + complete, options).line(label))
        by_kind: dict[str, list[Case]] = defaultdict(list)
        for case in cases:
            for where in case.cut:
                by_kind[kind_of(case, where)].append(Case(case.name, case.text, frozenset({where})))
        for kind, subset in sorted(by_kind.items()):
            s = measure(subset, options)
            found = s.true_pos
            print(f"   {kind:<18} sides={len(subset):4d} recall={found / len(subset):.3f} "
                  f"error-level recall={s.errors / len(subset):.3f}")


if __name__ == "__main__":  # pragma: no cover - the measurement printed in the closing note
    import sys

    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    written = (generated_cuts(per_kind=per_kind), complete_documents())
    real = (real_cuts(per_kind=per_kind), real_complete_documents())
    sets = {"written fixtures": written, "real documents": real,
            "written fixtures as HTML pages": (html_pages(written[0]), html_pages(written[1])),
            "real documents as HTML pages": (html_pages(real[0]), html_pages(real[1])),
            "written fixtures with a source link line": (with_source_line(written[0]), with_source_line(written[1])),
            "real documents with a source link line": (with_source_line(real[0]), with_source_line(real[1]))}
    for set_name, (cases, complete) in sets.items():
        print(f"== {set_name}: {len(cases)} cut cases, {len(complete)} complete cases")
        report(cases, complete)
