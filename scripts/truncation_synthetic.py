"""Generated complete documents of six genres for the truncation corpus (written for it, no scraped text).

Genres: news reports, notices (通知/通告), statistical communiqués, work-report-like speeches,
traditional-script press releases (Taiwan and Hong Kong styles) and short announcements, for places in
more than 15 provinces plus Taiwan and Hong Kong. Every document is complete; the corpus builder cuts
them like the real ones.

Two disjoint template pools: ``fit`` (train and dev sites) and ``test`` (test sites). Openings,
closings, sign-offs, footers and closing exhortations of the two pools are worded differently, so a
model that learnt the fit pool's endings by heart gains nothing on the test pool. The body sentences
are assembled from phrase banks (subjects, actions, objects, figures), also split by pool.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

# (province, city or county, script). Taiwan and Hong Kong places write traditional characters.
PLACES = [
    ("河北省", "保定市"), ("山西省", "长治市"), ("辽宁省", "鞍山市"), ("吉林省", "延边州"), ("黑龙江省", "牡丹江市"),
    ("江苏省", "盐城市"), ("浙江省", "台州市"), ("安徽省", "芜湖市"), ("福建省", "泉州市"), ("江西省", "赣州市"),
    ("山东省", "潍坊市"), ("河南省", "洛阳市"), ("湖北省", "宜昌市"), ("湖南省", "常德市"), ("广东省", "惠州市"),
    ("广西壮族自治区", "柳州市"), ("海南省", "儋州市"), ("四川省", "绵阳市"), ("贵州省", "遵义市"), ("云南省", "曲靖市"),
    ("陕西省", "宝鸡市"), ("甘肃省", "天水市"), ("青海省", "海东市"), ("内蒙古自治区", "包头市"), ("新疆维吾尔自治区", "伊犁州"),
    ("重庆市", "万州区"), ("天津市", "滨海新区"), ("宁夏回族自治区", "吴忠市"), ("西藏自治区", "林芝市"), ("上海市", "浦东新区"),
]
TW_PLACES = [("台湾省", "臺中市"), ("台湾省", "高雄市"), ("台湾省", "新北市"), ("台湾省", "臺南市"), ("台湾省", "桃園市"),
             ("台湾省", "花蓮縣")]
HK_BUREAUX = ["運輸及物流局", "環境及生態局", "教育局", "衞生署", "勞工及福利局", "發展局", "民政及青年事務局", "商務及經濟發展局"]

GENRES = ("news", "notice", "statistical_communique", "speech", "press_release_tw", "press_release_hk", "announcement")


@dataclass
class Pool:
    subjects: list[str]
    actions: list[str]
    objects: list[str]
    results: list[str]
    news_open: list[str]
    news_close: list[str]
    news_sign: list[str]
    notice_addressee: list[str]
    notice_close: list[str]
    communique_notes: list[str]
    speech_open: list[str]
    speech_close: list[str]
    tw_open: list[str]
    tw_close: list[str]
    tw_sign: list[str]
    hk_open: list[str]
    hk_close: list[str]
    short_close: list[str]


POOLS = {
    "fit": Pool(
        subjects=["全市", "各级各部门", "我们", "市场监管部门", "相关企业", "项目建设单位", "社区干部", "农业农村部门",
                  "重点企业", "全县上下"],
        actions=["扎实推进", "持续深化", "加快实施", "认真落实", "统筹推进", "大力发展", "稳步推进", "着力提升"],
        objects=["乡村振兴各项任务", "营商环境优化工作", "重大项目建设", "城乡基础设施补短板", "民生实事项目",
                 "生态环境治理", "数字经济和实体经济融合", "老旧小区改造", "职业技能培训", "社会治理创新"],
        results=["取得明显成效", "群众满意度不断提高", "各项指标稳中有进", "发展基础更加坚实", "完成年度目标任务",
                 "形成了一批可复制的经验", "为全年发展开好局"],
        news_open=["本报讯（记者 {name}）", "{city}讯 ", "（通讯员 {name}）", "本报{month}月{day}日讯 "],
        news_close=["据悉，下一步{city}将继续完善相关配套措施。", "活动现场气氛热烈，参与群众纷纷表示收获满满。",
                    "该项目预计年底前全面建成投用。", "据了解，此次活动将持续至本月底。"],
        news_sign=["（记者 {name}）", "责任编辑：{name}", "来源：{city}日报", "（完）"],
        notice_addressee=["各县（市、区）人民政府，市政府各部门：", "各乡镇人民政府、街道办事处，县直各单位：",
                          "各有关单位："],
        notice_close=["特此通知。", "请各单位认真贯彻执行。", "执行中遇到的问题，请及时向市{dept}反映。"],
        communique_notes=["注：1.本公报中数据均为初步统计数。", "注：部分数据因四舍五入，存在总计与分项合计不等的情况。",
                          "资料来源：本公报中数据来自{city}统计局及有关部门。"],
        speech_open=["同志们：", "各位代表：", "同志们、朋友们："],
        speech_close=["让我们更加紧密地团结起来，为建设更加美好的{city}而努力奋斗！",
                      "新的征程已经开启，让我们携手并进，奋力谱写{city}高质量发展新篇章！",
                      "谢谢大家！"],
        tw_open=["{org}今（{day}）日表示，", "為提升{topic}，{org}自即日起"],
        tw_close=["{org}呼籲民眾多加利用，共同營造友善環境。", "相關資訊請至{org}官網查詢。"],
        tw_sign=["新聞聯絡人：{name}科長", "發稿單位：{org}", "聯絡電話：(02)2345-{num}"],
        hk_open=["政府發言人今日（{day}日）表示，", "{org}今日（{day}日）公布，"],
        hk_close=["市民如有查詢，可致電{org}熱線。", "詳情可瀏覽{org}網頁。"],
        short_close=["特此公告。", "欢迎广大市民踊跃参与。"],
    ),
    "test": Pool(
        subjects=["全区", "有关职能部门", "各镇街", "园区管委会", "驻地企业", "工作专班", "基层网格员", "文旅部门",
                  "龙头企业", "全镇干部群众"],
        actions=["全力抓好", "纵深推进", "加力推动", "抓紧抓实", "系统谋划", "有序开展", "协同推进", "全面提速"],
        objects=["高标准农田建设", "招商引资攻坚行动", "城市更新行动", "就业增收工程", "文旅融合发展",
                 "河湖长制落实", "安全生产专项整治", "县域商业体系建设", "普惠托育服务", "智慧城市平台"],
        results=["呈现良好态势", "群众获得感持续增强", "主要指标好于预期", "实现了质的有效提升", "顺利通过验收",
                 "走在全省前列", "打下了坚实基础"],
        news_open=["{city}融媒体中心讯（{name}）", "日前，", "{month}月{day}日上午，", "记者从{city}获悉，"],
        news_close=["接下来，当地还将分批次推出更多惠民举措。", "不少市民表示，家门口的变化看得见、摸得着。",
                    "目前，相关工作正在有序推进中。", "此次签约标志着双方合作迈上新台阶。"],
        news_sign=["编辑：{name} 审核：{name2}", "（{city}融媒记者 {name}）", "稿件来源：{city}发布", "【责任编辑：{name}】"],
        notice_addressee=["各镇人民政府、街道办事处，区政府各工作部门：", "区直各单位，各园区：", "全体居民朋友："],
        notice_close=["特此通告。", "本通知自印发之日起执行。", "请结合实际，抓好贯彻落实。"],
        communique_notes=["说明：公报中部分数据为快报数，最终以年鉴为准。", "附注：①地区生产总值按不变价格计算增长速度。",
                          "数据来源：{city}统计局、{city}调查队。"],
        speech_open=["各位委员：", "同志们，朋友们：", "尊敬的各位来宾："],
        speech_close=["蓝图已经绘就，号角已经吹响，让我们以只争朝夕的劲头，共同创造{city}更加美好的明天！",
                      "我们坚信，有全体干部群众的共同努力，今年各项目标任务一定能够圆满完成！",
                      "以上报告，请予审议。"],
        tw_open=["{org}{day}日召開記者會指出，", "針對{topic}，{org}說明如下："],
        tw_close=["{org}將持續滾動檢討，確保政策落實。", "如有疑問，歡迎撥打服務專線洽詢。"],
        tw_sign=["新聞聯繫人：{name}專員", "資料提供：{org}", "聯絡電話：(07)799-{num}"],
        hk_open=["{org}今日（{day}日）宣布，", "特區政府今日（{day}日）就{topic}作出以下回應："],
        hk_close=["有關安排將適時檢討。", "政府會繼續密切留意情況。"],
        short_close=["特此告知。", "感谢您的理解与支持。"],
    ),
}

NAMES = ["王静", "李强", "张华", "刘洋", "陈晨", "杨帆", "赵敏", "黄磊", "周婷", "吴刚", "徐丽", "孙涛"]
TW_ORGS = ["內政部", "交通部", "勞動部", "衛生福利部", "環境部", "經濟部", "教育部", "{city}政府"]
TW_TOPICS = ["長照服務品質", "道路交通安全", "青年就業", "防疫整備", "空氣品質", "社會住宅"]
HK_TOPICS = ["公共交通票價", "強積金安排", "學校課程", "醫療服務", "郊野公園管理"]
STAT_SECTIONS = ["综合", "农业", "工业和建筑业", "固定资产投资", "国内贸易", "对外经济", "交通和邮电", "财政和金融",
                 "教育和科学技术", "文化旅游和卫生", "人口、人民生活和社会保障", "资源、环境和安全生产"]
STAT_ITEMS = ["地区生产总值", "第一产业增加值", "规模以上工业增加值", "社会消费品零售总额", "一般公共预算收入",
              "城镇居民人均可支配收入", "农村居民人均可支配收入", "货物进出口总额", "粮食总产量", "年末常住人口"]


def _fill(template: str, rng: random.Random, city: str, org: str = "", topic: str = "", dept: str = "") -> str:
    return template.format(name=rng.choice(NAMES), name2=rng.choice(NAMES), city=city, org=org, topic=topic,
                           dept=dept or "政府办公室", month=rng.randint(1, 12), day=rng.randint(1, 28),
                           num=rng.randint(1000, 9999))


def _sentence(pool: Pool, rng: random.Random) -> str:
    s = f"{rng.choice(pool.subjects)}{rng.choice(pool.actions)}{rng.choice(pool.objects)}"
    shape = rng.random()
    if shape < 0.4:
        s += f"，{rng.choice(pool.results)}"
    elif shape < 0.7:
        s += f"，累计投入资金{rng.uniform(0.5, 90):.1f}亿元，{rng.choice(pool.results)}"
    else:
        s += f"，全年新增{rng.randint(3, 900)}个，同比增长{rng.uniform(0.3, 25):.1f}%"
    return s + "。"


def _paragraph(pool: Pool, rng: random.Random, lo: int = 2, hi: int = 4, indent: str = "") -> str:
    return indent + "".join(_sentence(pool, rng) for _ in range(rng.randint(lo, hi)))


def _stat_sentence(rng: random.Random, item: str) -> str:
    verb = rng.choice(["增长", "增长", "下降"])
    return f"全年{item}{rng.uniform(10, 9000):.2f}亿元，比上年{verb}{rng.uniform(0.1, 12):.1f}%。"


@lru_cache(maxsize=1)
def _s2t():
    import opencc  # the project's dependency (textnorm); only the corpus builder converts this way

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


def document(genre: str, place: tuple[str, str], pool_name: str, rng: random.Random) -> tuple[str, str]:
    """(text, script) of one complete generated document."""
    pool = POOLS[pool_name]
    province, city = place
    indent = "\u3000\u3000" if rng.random() < 0.4 else ""
    lines: list[str] = []
    script = "simplified"
    if genre == "news":
        lines.append(f"{city}{rng.choice(pool.objects)}{rng.choice(pool.results)}")
        if rng.random() < 0.5:
            lines.append(f"发布时间：2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)}  来源：{city}新闻网")
        lines.append(indent + _fill(rng.choice(pool.news_open), rng, city) + _paragraph(pool, rng, 1, 3))
        lines += [_paragraph(pool, rng, indent=indent) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.6:
            lines.append(indent + _fill(rng.choice(pool.news_close), rng, city))
        if rng.random() < 0.6:
            lines.append(_fill(rng.choice(pool.news_sign), rng, city))
    elif genre == "notice":
        dept = rng.choice(["发展改革委", "教育局", "住房城乡建设局", "应急管理局", "生态环境局"])
        lines.append(f"{city}人民政府办公室关于做好{rng.choice(pool.objects)}的通知")
        if rng.random() < 0.5:
            lines.append(f"{city[:2]}政办发〔2026〕{rng.randint(1, 60)}号")
        lines.append(rng.choice(pool.notice_addressee))
        lines.append(indent + f"为{rng.choice(pool.actions)}{rng.choice(pool.objects)}，经{city}人民政府同意，现就有关事项通知如下：")
        for k in range(rng.randint(2, 5)):
            head = "一二三四五六"[k]
            lines.append(f"{head}、{rng.choice(pool.actions)}{rng.choice(pool.objects)}")
            lines.append(_paragraph(pool, rng, 1, 3, indent))
        if rng.random() < 0.7:
            lines.append(indent + _fill(rng.choice(pool.notice_close), rng, city, dept=dept))
        if rng.random() < 0.3:
            lines.append(f"附件：{rng.choice(pool.objects)}任务分工表")
        lines.append(f"{city}人民政府办公室")
        lines.append(f"2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        if rng.random() < 0.3:
            lines.append("（此件公开发布）")
    elif genre == "statistical_communique":
        lines.append(f"{city}2025年国民经济和社会发展统计公报")
        lines.append(f"{city}统计局")
        lines.append(f"2026年{rng.randint(2, 4)}月{rng.randint(1, 28)}日")
        for k, section in enumerate(rng.sample(STAT_SECTIONS, rng.randint(3, 7))):
            lines.append(f"{'一二三四五六七八九十'[k]}、{section}")
            lines.append(indent + "".join(_stat_sentence(rng, it) for it in rng.sample(STAT_ITEMS, rng.randint(2, 4))))
            if rng.random() < 0.3:
                lines.append(f"表{k + 1}  2025年主要指标完成情况")
                lines.append("指标  绝对数  比上年增长(%)")
                for it in rng.sample(STAT_ITEMS, rng.randint(2, 5)):
                    lines.append(f"{it}  {rng.uniform(10, 999):.1f}  {rng.uniform(0.1, 9):.1f}")
        for note in rng.sample(pool.communique_notes, rng.randint(0, 2)):
            lines.append(_fill(note, rng, city))
    elif genre == "speech":
        lines.append(f"在全{city[-1]}{rng.choice(pool.objects)}推进会上的讲话")
        lines.append(f"（2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日）")
        lines.append(rng.choice(pool.speech_open))
        lines.append(indent + f"今天召开这次会议，主要任务是总结工作、部署任务，动员全{city[-1]}上下{rng.choice(pool.actions)}{rng.choice(pool.objects)}。")
        for k in range(rng.randint(2, 4)):
            lines.append(f"{'一二三四五'[k]}、{rng.choice(pool.actions)}{rng.choice(pool.objects)}")
            lines += [_paragraph(pool, rng, 2, 4, indent) for _ in range(rng.randint(1, 3))]
        lines.append(indent + _fill(rng.choice(pool.speech_close), rng, city))
    elif genre == "press_release_tw":
        org = _fill(rng.choice(TW_ORGS), rng, city)
        topic = rng.choice(TW_TOPICS)
        lines.append(f"{org}推動{topic}新措施")
        if rng.random() < 0.5:
            lines.append(f"發布日期：115-0{rng.randint(1, 9)}-{rng.randint(10, 28)}")
        lines.append(indent + _fill(rng.choice(pool.tw_open), rng, city, org, topic) + _paragraph(pool, rng, 1, 2))
        lines += [_paragraph(pool, rng, indent=indent) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.7:
            lines.append(indent + _fill(rng.choice(pool.tw_close), rng, city, org, topic))
        lines += [_fill(s, rng, city, org) for s in rng.sample(pool.tw_sign, rng.randint(0, 2))]
        lines = [to_traditional(line) for line in lines]
        script = "traditional"
    elif genre == "press_release_hk":
        org, city = city, "香港"
        topic = rng.choice(HK_TOPICS)
        lines.append(f"{org}公布{topic}安排")
        lines.append(indent + _fill(rng.choice(pool.hk_open), rng, city, org, topic) + _paragraph(pool, rng, 1, 2))
        lines += [_paragraph(pool, rng, indent=indent) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.6:
            lines.append(indent + _fill(rng.choice(pool.hk_close), rng, city, org, topic))
        if rng.random() < 0.7:
            lines.append("完")
            lines.append(f"2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日（星期{'一二三四五'[rng.randint(0, 4)]}）")
            lines.append(f"香港時間{rng.randint(9, 23)}時{rng.randint(10, 59)}分")
        lines = [to_traditional(line) for line in lines]
        script = "traditional"
    else:  # announcement: one or two short paragraphs
        lines.append(f"关于{rng.choice(pool.objects)}的公告")
        lines += [_paragraph(pool, rng, 1, 2, indent) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.6:
            lines.append(indent + rng.choice(pool.short_close))
        if rng.random() < 0.6:
            lines.append(f"{city}{rng.choice(['公共资源交易中心', '自然资源局', '人力资源和社会保障局'])}")
            lines.append(f"2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return "\n".join(lines) + "\n", script


def batch(seed: int, per_genre: int) -> list[dict]:
    """Specifications of the generated documents: id, genre, province, place, site (the publisher)."""
    rng = random.Random(f"synthetic:{seed}")
    out = []
    for genre in GENRES:
        for k in range(per_genre):
            if genre == "press_release_tw":
                province, place = rng.choice(TW_PLACES)
            elif genre == "press_release_hk":
                province, place = "香港特别行政区", rng.choice(HK_BUREAUX)
            else:
                province, place = rng.choice(PLACES)
            out.append({"id": f"syn-{genre}-{k:03d}", "genre": genre, "province": province, "place": place,
                        "site": f"synthetic:{genre}:{place}"})
    return out
