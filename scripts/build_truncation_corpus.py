"""Build the truncation corpus: real complete documents, their real and generated cuts, split by site.

Sources (texts stay outside the repository, in ``--out``; the repository keeps only
``bench/corpora/truncation.jsonl``: ids, sources, sites, splits and labels):

* ``--reports``: the git directory of github:johncodes404/china-provincial-gov-reports-2026, whose
  ``output/2026_raw_text/*.csv`` hold the full 2026 政府工作报告 of 30 provinces (the scraped page text,
  chrome included). Site = the original publisher (the province); most were fetched through one
  library proxy, so the proxy host says nothing about the publisher.
* ``--shared``: /work/shared/corpus (real pages from the search tool's stored pages, labelled by hand):
  the pages labelled complete at both ends, the pages labelled cut at the start, and the pages
  whose end is cut (mostly by the tool's ~2,000-character excerpt cap: real cut texts all the same).
  Site = the URL's host without ``www.``/``m.``.

* ``--laws``: the git directory of github:LawRefBook/Laws (regulations: local regulations of seven
  provinces, publisher the province's people's congress; national laws, State Council regulations,
  judicial interpretations, ministries' rules, publisher the issuing body), sampled per publisher.
* ``--laws-more`` (with ``--laws``): 383 more complete laws for the train/dev splits only (cities' local
  regulations under the train/dev provinces, more of the train/dev publishers; :func:`load_laws_more`),
  rows marked ``"added": "laws-more"``; the other rows, the test split's above all, stay as built without it.
* ``--moj``: the git directory of github:kong0107/mojLawSplitJSON (Taiwan's regulations, traditional
  script, laid out as law.moj.gov.tw shows them; publisher = the regulation's top category).
* ``--pages``: complete pages from the search tool's stored pages (third session, issue 12: notices,
  commentary, explainer pages written like reports, statistical briefs, Hong Kong, Macao and Taiwan
  news and releases, traditional-script mirrors), each an excerpt from the page's beginning that ends
  before the tool's ~2,000-byte cap, read and labelled complete at both ends by hand. The texts stay
  in the JSONL named (outside the repository); their URLs, genres and the query that found them are
  in ``bench/corpora/truncation_pages.jsonl``. Site = the URL's host, split by :func:`site_split`
  like every other source (so some land in test: sites nobody tuned on); rows marked
  ``"added": "search-pages"``. A page whose longest line another page already has (a mirror) is left out.
* generated documents (``scripts/truncation_synthetic.py``, our own templates in two disjoint pools,
  the test pool for test sites only): news, notices, statistical communiqués, speeches, Taiwan and
  Hong Kong press releases (traditional script), short announcements, places in 30 provinces.

From every complete document the generator (``random.Random(seed)``, one stream per document id)
makes complete copies (HTML page, pack record, a footer chrome line the boilerplate lists may not
know, an inserted table, a traditional-script copy of a simplified text) and cut copies, one kind each: mid-sentence, paragraph-boundary,
pagination (page 1 of N with its pager left in), table-row (a table stopping mid-row),
before-closing, both-ends, middle-excerpt, and start-only cuts (mid-sentence, paragraph-boundary).
The chrome and pager pools are split: test documents draw from pools no train/dev document uses.

    python scripts/build_truncation_corpus.py --reports /work/.mirror/…/repo \
        --shared /work/shared/corpus --laws /work/.mirror/LawRefBook+Laws/repo \
        --moj /work/.mirror/kong0107+mojLawSplitJSON/repo --laws-more \
        --pages /work/corpora/truncation/search/pages.jsonl --out /work/corpora/truncation \
        --labels bench/corpora/truncation.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from truncation_synthetic import batch, document, to_traditional  # noqa: E402

SPLITS = (("train", 0.45), ("dev", 0.2), ("test", 0.35))
TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)】"

# Footer chrome lines of the kinds that made complete pages look cut (issue 12), two disjoint pools.
FOOTERS = {
    "fit": ["人民日报", "南方日报", "新华日报 2026年2月3日 第3版", "版權所有 © 2025 臺中市政府", "版權所有 香港特別行政區政府",
            "投稿邮箱：news#example.gov.cn（请将#换成@）", "|", "| |", "相关报道：", "分享到：", "责任编辑：王晓",
            "【打印】【关闭】", "扫一扫在手机打开当前页", "來源：澳門特別行政區政府新聞局", "上一篇：下一篇：",
            "联系邮箱：xinwen(at)example.cn"],
    "test": ["大众日报", "湖北日报 2026年1月30日 01版", "著作權所有 © 2024 高雄市政府 版權所有", "版權所有 © 澳門特別行政區政府",
             "来稿邮箱：tougao[at]example.com.cn", "|", "相关新闻：", "分享：", "编辑：李明 审核：张华",
             "【字体：大 中 小】", "手机扫码阅读", "資料來源：行政院新聞傳播處", "上一条：下一条：", "E-mail：web＃example.gov.cn"],
}
HEADS = {
    "fit": ["首页 > 新闻中心 > 正文", "当前位置：首页>政务公开", "首頁 > 新聞稿"],
    "test": ["您的位置：首页 > 要闻", "當前位置：首頁>最新消息", "首页>>信息公开>>通知公告"],
}
# Pagers left under page 1 of a paginated article.
PAGERS = {
    "fit": ["共{n}页 上一页 1 2 {n} 下一页", "第1页 共{n}页", "1 2 3 下一页 尾页", "[1] [2] [3] 下一页",
            "第1頁 共{n}頁 下一頁"],
    "test": ["首页 上一页 1 2 下一页 末页 共{n}页", "第 1 页 / 共 {n} 页", "1 2 ... {n} 下一页 >", "<< 上一頁 1 2 3 下一頁 >>"],
}
# Pagers above page 2 (a start cut that is a later page).
# (the last page of the article: a pager naming a next page would say the end is cut too)
PAGERS_START = {"fit": ["上一页 1 {n}", "第{n}页 共{n}页"], "test": ["< 上一页 1 2 [{n}]", "第{n}頁 共{n}頁"]}

END_KINDS = ("mid-sentence", "paragraph-boundary", "pagination", "table-row", "before-closing")
DOC_KINDS = END_KINDS + ("both-ends", "middle-excerpt", "start-mid-sentence", "start-paragraph-boundary")
CLOSING_LINE = re.compile(r"(?:奋斗|贡献|篇章|新局面|征程|辉煌)[^。！!]{0,12}[！!]$|^特此(?:通知|公告|通告|函告|说明)|此复|"
                          r"^[（(]?完[）)]?$|自.{0,12}(?:起|之日起)施行|(?:特此|謹此)(?:公告|通知)")

CHAPTER_HEAD = re.compile(r"第\s*[一二三四五六七八九十百\d]+\s*[章编編](?![，,。；;：:的])")
SUPPLEMENTARY = re.compile(r"(?:第\s*[一二三四五六七八九十百\d]+\s*[章编編]\s*)?附\s*[则則]$")


@dataclass
class Source:
    id: str
    text: str
    url: str
    site: str
    genre: str
    script: str
    province: str | None
    origin: str  # repo+path or shared-corpus file
    cut_start: bool = False
    cut_end: bool = False
    notes: str = ""
    extra: dict = field(default_factory=dict)


def site_split(site: str, shares: tuple[tuple[str, float], ...] = SPLITS) -> str:
    """The split of ``site`` by its hash, train/dev/test in ``shares``' proportions."""
    h = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    acc = 0.0
    for name, share in shares:
        acc += share
        if h <= acc:
            return name
    return shares[-1][0]


def host(url: str) -> str:
    h = urlparse(url).hostname or url
    return re.sub(r"^(?:www\d?|m|wap)\.", "", h.lower())


def load_reports(git_dir: Path) -> list[Source]:
    names = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", "--name-only", "-z", "HEAD",
                            "output/2026_raw_text/"], capture_output=True, check=True).stdout.decode().split("\0")
    out = []
    for name in sorted(n for n in names if n.endswith("政府工作报告.csv")):
        raw = subprocess.run(["git", "-C", str(git_dir), "show", f"HEAD:{name}"], capture_output=True,
                             check=True).stdout.decode("utf-8-sig")
        for row in csv.DictReader(io.StringIO(raw)):
            text = row["full_text"].replace("\r\n", "\n")
            prov = row["province"]
            out.append(Source(f"gwr2026-{prov}", text, row["source_url"], f"publisher:{prov}", "work_report",
                              "simplified", prov, f"github:johncodes404/china-provincial-gov-reports-2026:{name}"))
    return out


def _git_files(git_dir: Path, under: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(git_dir), "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", "-z",
                          "HEAD", under], capture_output=True, check=True).stdout.decode()
    return sorted(n for n in out.split("\0") if n)


def _git_show(git_dir: Path, name: str) -> str:
    return subprocess.run(["git", "-C", str(git_dir), "show", f"HEAD:{name}"], capture_output=True,
                          check=True).stdout.decode("utf-8-sig")


ENTRY_INTO_FORCE = re.compile(r"施行|实施")
# The clause itself (本条例自…起施行, 本条例施行前…, 施行日期…), read with cited titles taken out: a last
# article may cite a title that holds the word (鹤壁市地方立法条例 ends 按照《河南省实施〈…监督法〉办法》的有关
# 规定执行, inside its chapter 适用与审查), and a list item may use it as a verb (组织制定和实施…的；).
ENTRY_INTO_FORCE_CLAUSE = re.compile(r"(?:自|从|于).{0,40}(?:施行|实施)|(?:施行|实施)(?:日期|之日|前|后|以前|以后)"
                                     r"|(?:起|开始)(?:施行|实施)")
CITED_TITLE = re.compile(r"《[^》]*》")
LAW_PROVINCES = {"山东": "山东省", "河南": "河南省", "浙江": "浙江省", "上海": "上海市", "北京": "北京市", "重庆": "重庆市",
                 "广东": "广东省"}
# National folders of github:LawRefBook/Laws and their publishers (the site of the split).
LAW_NATIONAL = {"行政法规": "gov.cn:国务院", "司法解释": "court.gov.cn", "宪法相关法": "flk.npc.gov.cn",
                "民法商法": "flk.npc.gov.cn", "行政法": "flk.npc.gov.cn", "经济法": "flk.npc.gov.cn",
                "社会法": "flk.npc.gov.cn", "诉讼与非诉讼程序法": "flk.npc.gov.cn"}


def _law_markdown_to_text(md: str) -> str:
    """A law page as a site shows it: headings without ``#``, no comment lines, no blank-line doubling."""
    lines = []
    for line in md.replace("\r\n", "\n").split("\n"):
        if line.startswith("<!--"):
            continue
        lines.append(re.sub(r"^#+\s*", "", line).rstrip())
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip() + "\n"


def load_laws(git_dir: Path, rng: random.Random, per_site: int = 8, max_chars: int = 30000) -> list[Source]:
    """Regulations from github:LawRefBook/Laws: local regulations of seven provinces (publisher: the
    province's people's congress), national laws, State Council regulations, judicial interpretations
    and ministries' rules (publisher: the ministry)."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for name in _git_files(git_dir, "."):
        if not name.endswith(".md") or name.endswith("_index.md") or "/" not in name:
            continue
        parts = name.split("/")
        if parts[0] == "DLC" and len(parts) >= 5:
            prov = LAW_PROVINCES.get(parts[3])
            if prov:
                groups.setdefault((f"lawrefbook:{prov}人大常委会", prov), []).append(name)
        elif parts[0] in LAW_NATIONAL:
            groups.setdefault((LAW_NATIONAL[parts[0]], None), []).append(name)
        elif parts[0] == "部门规章" and len(parts) >= 3:
            groups.setdefault((f"ministry:{parts[1]}", None), []).append(name)
    out = []
    for (site, prov), names in sorted(groups.items()):
        picked = 0
        for name in rng.sample(names, len(names)):
            if picked >= (per_site * 2 if site == "flk.npc.gov.cn" else per_site):
                break
            text = _law_markdown_to_text(_git_show(git_dir, name))
            if not 400 <= len(text) <= max_chars:
                continue
            if name.startswith("DLC/") and not _closes_in_force(text) and site_split(site) != "test":
                # a doubtful copy (see load_laws_more); the test sites' rows stay as first built
                continue
            stem = hashlib.sha256(name.encode()).hexdigest()[:10]
            out.append(Source(f"law-{stem}", text, f"https://github.com/LawRefBook/Laws/blob/HEAD/{name}", site,
                              "regulation", "simplified", prov, f"github:LawRefBook/Laws:{name}"))
            picked += 1
    return out


# More complete laws from github:LawRefBook/Laws for the train/dev splits only (issue 12's second pass):
# the local regulations of cities (publisher: the city's people's congress, not in the corpus before)
# under the four provinces whose own site is a train/dev site, more of those provinces' and the national
# train/dev publishers' texts, and the constitution and criminal-law folders (flk.npc.gov.cn, a dev
# site). Provinces whose site is a test site (北京, 浙江, 重庆) and their cities are left out.
LAW_MORE_PROVINCES = ("山东", "河南", "上海", "广东")
LAW_MORE_NATIONAL = {"宪法": "flk.npc.gov.cn", "刑法": "flk.npc.gov.cn", "宪法相关法": "flk.npc.gov.cn",
                     "民法商法": "flk.npc.gov.cn", "行政法": "flk.npc.gov.cn", "经济法": "flk.npc.gov.cn",
                     "社会法": "flk.npc.gov.cn", "诉讼与非诉讼程序法": "flk.npc.gov.cn"}
CITY = re.compile(r"^(.{2,7}?(?:自治州|市|州|地区|盟))")


def _closes_in_force(text: str) -> bool:
    """The text's last two lines name its entry into force (施行/实施) in a clause of their own, not in a
    cited title or as a verb; or the text is a resolution closing with an exhortation (…作出更大贡献！).
    (Until 2026-12-03 the word alone counted: two cut local regulations were labelled complete, see
    bench/corpora/TRUNCATION.md; the stricter test only drops texts the word test took.)"""
    tail = "\n".join(text.strip().split("\n")[-2:])
    return bool(ENTRY_INTO_FORCE.search(tail)) and (bool(ENTRY_INTO_FORCE_CLAUSE.search(CITED_TITLE.sub("", tail)))
                                                     or tail.rstrip().endswith(("！", "!")))


def fit_split(site: str) -> str:
    """train or dev (45:20) for a publisher new to a train/dev group (:func:`publisher_split`)."""
    h = int(hashlib.sha256(("fit:" + site).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "train" if h <= 0.45 / 0.65 else "dev"


def publisher_split(site: str, province: str | None = None) -> str:
    """The split of a publisher, the one rule for every text added to the corpus or to a list fitted on.

    Whether it is held out is decided by its group, the unit the trainer's folds keep together
    (``train_truncation.publisher``): a city's people's congress goes with its province's
    (``lawrefbook:<province>人大常委会``), every other publisher is a group of its own; the group is
    test when :func:`site_split` says so (every first-pass row has exactly that split). A publisher
    new to a train/dev group (a city added by ``--laws-more``) is train or dev by :func:`fit_split`.
    So the supreme procuratorate (``spp.gov.cn``) is test whichever list its texts come in.

    >>> publisher_split("spp.gov.cn"), publisher_split("lawrefbook:济南市人大常委会", "山东省")
    ('test', 'dev')
    """
    group = f"lawrefbook:{province}人大常委会" if province and site.startswith("lawrefbook:") else site
    if site_split(group) == "test":
        return "test"
    return site_split(site) if group == site else fit_split(site)


def law_title(text: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]$", "", text.strip().split("\n", 1)[0].strip())


def load_laws_more(git_dir: Path, rng: random.Random, taken: set[str], seen_titles: set[str],
                   per_city: int = 6, per_province: int = 30, national: int = 60,
                   max_chars: int = 30000) -> list[Source]:
    """Complete laws for train/dev only (``Source.extra['split']``): ``taken`` are the repository paths
    already in the corpus, ``seen_titles`` the titles of every law already in it (any split), so no
    text of a test site comes back under another publisher."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for name in _git_files(git_dir, "."):
        if not name.endswith(".md") or name.endswith("_index.md") or "/" not in name or name in taken:
            continue
        parts = name.split("/")
        if parts[0] == "DLC" and len(parts) >= 5 and parts[3] in LAW_MORE_PROVINCES:
            prov = LAW_PROVINCES[parts[3]]
            stem = parts[-1]
            city = CITY.match(stem)
            if stem.startswith((prov, prov[:-1] + "人民")) or not city or city.group(1).startswith(parts[3]):
                groups.setdefault((f"lawrefbook:{prov}人大常委会", prov), []).append(name)
            else:
                groups.setdefault((f"lawrefbook:{city.group(1)}人大常委会", prov), []).append(name)
        elif parts[0] in LAW_MORE_NATIONAL:
            groups.setdefault((LAW_MORE_NATIONAL[parts[0]], None), []).append(name)
    out: list[Source] = []
    doubtful: list[str] = []
    for (site, prov), names in sorted(groups.items()):
        province_site = site.endswith(("省人大常委会", "上海市人大常委会"))
        split = publisher_split(site, prov)
        if split == "test":
            continue
        cap = national if site == "flk.npc.gov.cn" else per_province if province_site else per_city
        picked = 0
        for name in rng.sample(names, len(names)):
            if picked >= cap:
                break
            text = _law_markdown_to_text(_git_show(git_dir, name))
            title = law_title(text)
            if not 400 <= len(text) <= max_chars or title in seen_titles:
                continue
            if name.startswith("DLC/") and not _closes_in_force(text):
                # A local regulation's copy here without its entry-into-force article is doubtful as a
                # complete text: the ones read stop inside their outline (德州市养犬管理条例 ends with
                # chapter one, 临沂市城乡规划条例 at 第二十四条). Not labelled complete, so left out.
                doubtful.append(name)
                continue
            seen_titles.add(title)
            stem = hashlib.sha256(name.encode()).hexdigest()[:10]
            out.append(Source(f"law-{stem}", text, f"https://github.com/LawRefBook/Laws/blob/HEAD/{name}", site,
                              "regulation", "simplified", prov, f"github:LawRefBook/Laws:{name}",
                              extra={"split": split, "added": "laws-more"}))
            picked += 1
    print(len(doubtful), "local regulations left out (no entry-into-force article at the end):", *doubtful[:40])
    return out


def moj_page(d: dict) -> str:
    """A regulation of github:kong0107/mojLawSplitJSON (one JSON file) as law.moj.gov.tw shows it: name,
    date and category lines, chapter headings, article numbers and their paragraphs."""
    date = d.get("最新異動日期", "")
    lines = [d["法規名稱"], f"修正日期：{date[:4]}-{date[4:6]}-{date[6:]}", f"法規類別：{d.get('法規類別', '')}"]
    for a in d.get("法規內容", []):
        if "編章節" in a:
            lines.append(a["編章節"].strip())
        elif a.get("條文內容"):
            lines.append(a["條號"])
            # The JSON wraps lines inside a sentence; the page breaks only after a clause.
            content = re.sub(r"(?<![。：；:;])\r?\n\s*", "", a["條文內容"].strip())
            lines += [x.strip() for x in content.replace("\r\n", "\n").split("\n") if x.strip()]
    return "\n".join(lines) + "\n"


def load_moj(git_dir: Path, rng: random.Random, n: int = 60, max_chars: int = 20000) -> list[Source]:
    """Taiwan's regulations (traditional script) from github:kong0107/mojLawSplitJSON, laid out as
    law.moj.gov.tw shows them; publisher: the regulation's top-level category (the issuing body)."""
    names = [f for f in _git_files(git_dir, "FalVMingLing") if f.endswith(".json")]
    out = []
    for name in rng.sample(names, len(names)):
        if len(out) >= n:
            break
        d = json.loads(_git_show(git_dir, name))
        articles = [a for a in d.get("法規內容", []) if a.get("條文內容")]
        if len(articles) < 3 or d.get("法規性質") == "憲法":
            continue
        text = moj_page(d)
        if not 300 <= len(text) <= max_chars:
            continue
        body = d.get("法規類別", "").split("＞")[0] or "law.moj.gov.tw"
        out.append(Source(f"moj-{Path(name).stem}", text, d.get("法規網址", ""), f"law.moj.gov.tw:{body}",
                          "regulation", "traditional", "台湾省", f"github:kong0107/mojLawSplitJSON:{name}"))
    return out


def load_pages(path: Path) -> list[Source]:
    """Complete pages found with the search tool (see the module docstring), in file order; a page
    whose longest line (in simplified characters) an earlier page has is a mirror and is left out."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    out: list[Source] = []
    seen: set[str] = set()
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        longest = max(r["text"].split("\n"), key=len).strip()
        key = "".join(re.findall(r"[\u4e00-\u9fff]", t2s.convert(re.sub(r"[(（][a-zàáǎèéěìíǐòóǒùúǔüǖǘǚǜ ]+[)）]", "",
                                                                          longest))))
        if key in seen:
            continue
        seen.add(key)
        stem = hashlib.sha256(r["url"].encode()).hexdigest()[:10]
        out.append(Source(f"page-{stem}", r["text"], r["url"], host(r["url"]), r["genre"], r["script"],
                          r.get("province"), "search-pages:" + r["url"], extra={"added": "search-pages"}))
    return out


def load_synthetic(seed: int, per_genre: int) -> list[Source]:
    """Complete documents written by scripts/truncation_synthetic.py (own templates, two disjoint pools:
    the text is generated once the site's split is known)."""
    out = []
    for spec in batch(seed, per_genre):
        out.append(Source(spec["id"], "", f"synthetic://{spec['site']}/{spec['id']}", spec["site"], spec["genre"],
                          "", spec["province"], "generated:scripts/truncation_synthetic.py",
                          extra={"place": spec["place"]}))
    return out


def load_shared(root: Path) -> list[Source]:
    out = []
    for line in (root / "index.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("cut_end") is None or r.get("cut_start") is None or r["genre"] in ("boilerplate_page", "directory"):
            continue
        text = (root / "texts" / r["file"]).read_text(encoding="utf-8")
        out.append(Source(f"shared-{r['file'][:-4]}", text, r["url"], host(r["url"]), r["genre"], r["script"],
                          r.get("province"), f"shared-corpus:{r['file']}", bool(r["cut_start"]), bool(r["cut_end"]),
                          r.get("notes", "")[:200]))
    return out


# ------------------------------------------------------------------------------------------------
# Cutting


def content_range(lines: list[str]) -> tuple[int, int]:
    """Indices [a, b) of the lines between the first and the last prose line (chrome outside)."""
    prose = [i for i, l in enumerate(lines) if len(l.strip()) >= 20 and any(c in l for c in "。！？，,；")]
    if not prose:
        return 0, len(lines)
    return prose[0], prose[-1] + 1


def ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(CLOSERS)
    return bool(s) and s[-1] in TERMINAL


def mid_sentence_cut(line: str, rng: random.Random, lo: float = 0.25, hi: float = 0.9) -> int:
    """A position inside ``line`` that is not right after a sentence end (or -1)."""
    n = len(line)
    for _ in range(20):
        k = int(n * rng.uniform(lo, hi))
        if 2 <= k < n - 1 and line[k - 1] not in TERMINAL + CLOSERS + "，,、；;：: " and not line[k - 1].isspace():
            return k
    return -1


def make_table(rng: random.Random, style: str, rows: int) -> list[str]:
    heads = rng.choice([["指标", "2024年", "2025年", "增长(%)"], ["项目", "数量", "金额(万元)"],
                        ["地区", "户数", "人数", "占比"], ["類別", "件數", "比率"]])
    body = []
    for i in range(rows):
        name = rng.choice(["城镇", "农村", "一季度", "二季度", "工业", "服务业", "教育", "卫生", "交通", "住房"]) + str(i + 1)
        body.append([name] + [f"{rng.uniform(1, 999):.{rng.choice([0, 1, 2])}f}" for _ in heads[1:]])
    if style == "pipe":
        return ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)] + ["| " + " | ".join(r) + " |" for r in body]
    if style == "tab":
        return ["\t".join(heads)] + ["\t".join(r) for r in body]
    return ["  ".join(heads)] + ["  ".join(r) for r in body]


def cut_table_row(row: str, rng: random.Random) -> str:
    cells = re.split(r"(\s*\|\s*|\t|  )", row)
    keep = max(2, int(len(cells) * rng.uniform(0.3, 0.7)))
    return "".join(cells[:keep]).rstrip(" |\t")


def closing_index(lines: list[str], a: int, b: int) -> int | None:
    """Index of the first line of the closing part (exhortation, 特此通知, sign-off block)."""
    for i in range(b - 1, max(a, b - 6) - 1, -1):
        if CLOSING_LINE.search(lines[i].strip()):
            j = i
            while j - 1 > a and CLOSING_LINE.search(lines[j - 1].strip()):
                j -= 1
            return j if j > a + 2 else None
    return None


def closing_chapter(lines: list[str], a: int, j: int) -> int:
    """Where the closing part that ends at line ``j`` starts: the heading of the text's last chapter when
    that chapter is its supplementary provisions (第八章 附则, 附則), else ``j``.

    A law's closing part is that chapter, not only its entry-into-force article: cutting just that
    article (2026-12-03 and before) left one copy per law ending inside 附则 on an ordinary article,
    the very shape of the complete laws that close without a 施行 clause, where a page losing exactly
    its last article is rare (a cut landing in a two-article chapter)."""
    for i in range(j, a + 2, -1):
        text = lines[i].strip()
        if SUPPLEMENTARY.match(text):
            return i
        if CHAPTER_HEAD.match(text) and len(text) <= 30:
            return j  # the last chapter is another one
    return j


def generate(src: Source, pool: str, rng: random.Random) -> list[tuple[str, dict, str]]:
    """(variant suffix, labels, text) for a complete document: complete copies and cut copies."""
    lines = src.text.split("\n")
    a, b = content_range(lines)
    body = lines[a:b]
    out: list[tuple[str, dict, str]] = []
    complete = {"cut_start": False, "cut_end": False, "kind": "complete"}

    def add(suffix: str, labels: dict, text_lines: list[str], footer: bool | None = None, fmt: str = "txt") -> None:
        tl = list(text_lines)
        if footer or (footer is None and rng.random() < 0.5):
            tl += [rng.choice(FOOTERS[pool])]
        if fmt == "txt" and rng.random() < 0.3:
            tl = [rng.choice(HEADS[pool])] + tl
        out.append((suffix, dict(labels, format=fmt), "\n".join(tl).strip("\n") + "\n"))

    out.append(("c-plain", dict(complete, format="txt"), src.text))
    add("c-footer", complete, lines, footer=True)
    add("c-html", complete, lines, fmt="html")
    add("c-pack", complete, lines, fmt="pack")
    if src.script == "simplified" and rng.random() < 0.35:
        # a traditional-script copy of a complete document is still complete
        out.append(("c-trad", dict(complete, format="txt"), to_traditional(src.text)))
    if len(body) >= 4:
        k = a + rng.randrange(1, len(body) - 1)
        table = make_table(rng, rng.choice(["pipe", "tab", "space"]), rng.randint(3, 6))
        add("c-table", complete, lines[:k] + table + lines[k:])
    if len(body) < 3:
        return out

    # the second pass's laws calibrate the end: their cut copies are cut at the end only
    kinds = list(END_KINDS if src.extra.get("added") == "laws-more" else DOC_KINDS)
    rng.shuffle(kinds)
    made = 0
    for kind in kinds:
        if made >= 6:
            break
        res = _cut(kind, lines, a, b, pool, rng)
        if res is None:
            continue
        labels, text_lines, footer = res
        add(f"x-{kind}", labels, text_lines, footer=footer, fmt=rng.choice(["txt", "txt", "html", "pack"]))
        made += 1
    return out


def _cut(kind: str, lines: list[str], a: int, b: int, pool: str, rng: random.Random):
    head, tail = lines[:a], lines[b:]
    n = b - a
    end = {"cut_start": False, "cut_end": True, "kind": kind, "end_kind": kind}

    def prose_line(lo: float, hi: float) -> int | None:
        cands = [i for i in range(a + int(n * lo), a + max(int(n * hi), int(n * lo) + 1)) if len(lines[i]) >= 15]
        return rng.choice(cands) if cands else None

    def boundary(lo: float, hi: float) -> int | None:
        cands = [i for i in range(a + max(1, int(n * lo)), a + int(n * hi)) if ends_sentence(lines[i])
                 and len(lines[i]) >= 10]
        return rng.choice(cands) if cands else None

    # A hole in the body (a lost block, a CMS excerpt inside a full page) may keep the page's sign-off
    # lines (organisation, date, source) under the cut: a sign-off does not prove the text complete.
    # Only the sign-off kind of line (no sentence, no end mark): a kept closing sentence (谢谢大家！,
    # 本办法自…施行。) would make the copy a text with a hole, not one cut at its end.
    kept_tail = [t for t in tail if not ends_sentence(t) and not re.fullmatch(r"\s*[（(]?完[）)]?\s*", t)] \
        if rng.random() < 0.35 else []
    if kind == "mid-sentence":
        i = prose_line(0.3, 0.95)
        if i is None or (k := mid_sentence_cut(lines[i], rng)) < 0:
            return None
        return end, head + lines[a:i] + [lines[i][:k]] + kept_tail, None
    if kind == "paragraph-boundary":
        i = boundary(0.3, 0.85)
        if i is None:
            return None
        return end, head + lines[a:i + 1] + kept_tail, None
    if kind == "pagination":
        i = boundary(0.2, 0.7)
        if i is None:
            return None
        pager = rng.choice(PAGERS[pool]).format(n=rng.randint(2, 9))
        if rng.random() < 0.5 and (k := mid_sentence_cut(lines[i + 1], rng)) > 0 and i + 1 < b:
            page = lines[a:i + 1] + [lines[i + 1][:k]]
        else:
            page = lines[a:i + 1]
        return end, head + page + [pager] + (tail[-2:] if rng.random() < 0.5 else []), None
    if kind == "table-row":
        i = boundary(0.3, 0.9)
        if i is None:
            return None
        table = make_table(rng, rng.choice(["pipe", "tab", "space"]), rng.randint(3, 8))
        stop = rng.randrange(2 if table[1].startswith("|-") else 1, len(table))
        partial = cut_table_row(table[stop], rng) if rng.random() < 0.7 else None
        rows = table[:stop] + ([partial] if partial else [])
        if partial is None:
            rows = table[:max(stop, 2)]
            end = dict(end, table_stop="row-boundary")
        return end, head + lines[a:i + 1] + rows, None
    if kind == "before-closing":
        j = closing_index(lines, a, b)
        if j is None:
            return None
        return end, head + lines[a:closing_chapter(lines, a, j)] + kept_tail, None
    if kind in ("both-ends", "middle-excerpt", "start-mid-sentence", "start-paragraph-boundary"):
        s = prose_line(0.1, 0.45)
        if s is None:
            return None
        if kind == "start-paragraph-boundary" or (kind == "middle-excerpt" and rng.random() < 0.5):
            start_lines = lines[s:] if ends_sentence(lines[s - 1]) else lines[s + 1:]
            start_kind = "paragraph-boundary"
        else:
            k = mid_sentence_cut(lines[s], rng, 0.15, 0.8)
            if k < 0:
                return None
            start_lines = [lines[s][k:]] + lines[s + 1:]
            start_kind = "mid-sentence"
        # A later page or a partial capture keeps the page's title (head lines); an excerpt does not.
        # (the head's lead-in lines, 各位代表：, belong to the text that was lost, not to the title).
        kept_head = [h for h in head if not h.strip().endswith(("：", ":"))]
        title = kept_head if kind != "middle-excerpt" and rng.random() < 0.6 else []
        if kind.startswith("start-"):
            pre = [rng.choice(PAGERS_START[pool]).format(n=rng.randint(3, 9))] if rng.random() < 0.3 else []
            return ({"cut_start": True, "cut_end": False, "kind": kind, "start_kind": start_kind},
                    title + pre + start_lines, None)
        body_left = len(start_lines) - len(tail)
        if body_left < 3:
            return None
        e = rng.randrange(max(1, body_left // 3), max(2, body_left - 1))
        stop_line = start_lines[e]
        k = mid_sentence_cut(stop_line, rng) if len(stop_line) >= 15 and rng.random() < 0.6 else -1
        kept = start_lines[:e] + ([stop_line[:k]] if k > 0 else [])
        end_kind = "mid-sentence" if k > 0 else "paragraph-boundary"
        if not kept:
            return None
        if kind == "middle-excerpt":
            start_kind = end_kind = "middle-excerpt"
        return ({"cut_start": True, "cut_end": True, "kind": kind, "start_kind": start_kind, "end_kind": end_kind},
                title + kept, None)
    return None


def to_html(text: str, title: str) -> str:
    parts = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">", f"<title>{html.escape(title)}</title>",
             "<script>var _hmt = _hmt || [];</script>", "</head><body>", "<div class=\"article\">"]
    for line in text.split("\n"):
        if line.strip():
            parts.append(f"<p>{html.escape(line.strip(), quote=False)}</p>")
    parts += ["</div>", "</body></html>"]
    return "\n".join(parts) + "\n"


# a label row's fields, in the order the lists write them
LABEL_KEYS = ("id", "parent", "split", "site", "url", "source", "origin", "genre", "script", "province", "format",
              "file", "cut_start", "cut_end", "kind", "start_kind", "end_kind", "table_stop", "added")


def label_line(row: dict) -> str:
    return json.dumps({k: row[k] for k in LABEL_KEYS if k in row}, ensure_ascii=False) + "\n"


def copy_row(base: dict, parent: str, suffix: str, labels: dict, origin: str) -> tuple[dict, str]:
    """The label row of one copy ``generate`` made of ``parent`` (``base``'s fields, its id, both ends' labels,
    default uncut; a ``c-trad`` copy's script) and the copy's format, taken out of ``labels``."""
    fmt = labels.pop("format")
    row = dict(base, id=f"{parent}.{suffix}", parent=parent, origin=origin, **labels)
    if suffix == "c-trad":
        row["script"] = "traditional"
    row.setdefault("cut_start", False)
    row.setdefault("cut_end", False)
    return row, fmt


def write_copy(corpus: Path, under: str, row: dict, fmt: str, text: str, packs: dict[str, list[dict]]) -> None:
    """Write one copy ``generate`` made in its format (an HTML rendering, a pack record, else a plain text) under
    ``corpus``'s folder ``under`` (``texts/``, ``packs/``) and record it in the row (``file``, relative to
    ``corpus``, and ``format``); a pack's records wait in ``packs`` by split for :func:`write_packs`."""
    doc_id, split = row["id"], row["split"]
    if fmt == "html":
        row["file"] = f"{under}texts/{doc_id}.html"
        (corpus / row["file"]).write_text(to_html(text, text.strip().split("\n")[0][:60]), encoding="utf-8")
    elif fmt == "pack":
        row["file"] = f"{under}packs/{split}.jsonl#{doc_id}"
        packs.setdefault(split, []).append({"id": doc_id, "text": text, "url": row["url"]})
    else:
        row["file"] = f"{under}texts/{doc_id}.txt"
        (corpus / row["file"]).write_text(text, encoding="utf-8")
    row["format"] = fmt


def write_packs(folder: Path, packs: dict[str, list[dict]]) -> None:
    folder.mkdir(exist_ok=True)
    for split, records in packs.items():
        (folder / f"{split}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                               encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=Path, required=True)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--laws", type=Path, help="git directory of github:LawRefBook/Laws")
    ap.add_argument("--moj", type=Path, help="git directory of github:kong0107/mojLawSplitJSON")
    ap.add_argument("--laws-more", action="store_true",
                    help="with --laws: more complete laws (cities' regulations etc.) for train/dev only")
    ap.add_argument("--pages", type=Path, help="JSONL of complete pages found with the search tool")
    ap.add_argument("--pages-list", type=Path, default=Path(__file__).resolve().parents[1] / "bench" / "corpora"
                    / "truncation_pages.jsonl", help="where the pages' URLs and labels are recorded (no text)")
    ap.add_argument("--synthetic-per-genre", type=int, default=30)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()

    pick = random.Random(f"{args.seed}:sources")
    sources = load_reports(args.reports) + load_shared(args.shared)
    if args.laws:
        sources += load_laws(args.laws, pick)
    if args.moj:
        sources += load_moj(args.moj, pick)
    sources += load_synthetic(args.seed, args.synthetic_per_genre)
    if args.laws and args.laws_more:
        # after every other source and with its own random stream: the documents above stay as they were
        taken = {s.origin.split(":", 2)[2] for s in sources if s.origin.startswith("github:LawRefBook/Laws:")}
        titles = {law_title(s.text) for s in sources if s.text}
        test_text = "\n".join(s.text for s in sources if s.text and site_split(s.site) == "test")
        more = [s for s in load_laws_more(args.laws, random.Random(f"{args.seed}:laws-more"), taken, titles)
                if law_title(s.text) not in test_text]
        print(len(more), "more laws:", dict(sorted(Counter(s.extra["split"] for s in more).items())),
              len({s.site for s in more}), "publishers")
        sources += more
    if args.pages:
        pages = load_pages(args.pages)
        sources += pages
        with args.pages_list.open("w", encoding="utf-8") as f:
            for line in args.pages.open(encoding="utf-8"):
                r = json.loads(line)
                kept = any(p.url == r["url"] for p in pages)
                f.write(json.dumps({"url": r["url"], "site": host(r["url"]), "split": site_split(host(r["url"])),
                                    "genre": r["genre"], "script": r["script"], "province": r.get("province"),
                                    "cut_start": False, "cut_end": False, "query": r["query"],
                                    "kept": kept}, ensure_ascii=False) + "\n")
        print(len(pages), "search pages:", dict(sorted(Counter(site_split(p.site) for p in pages).items())))
    texts = args.out / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    packs: dict[str, list[dict]] = {}
    rows = []
    for src in sources:
        split = src.extra.get("split") or site_split(src.site)
        pool = "test" if split == "test" else "fit"
        base = {"source": src.origin, "url": src.url, "site": src.site, "split": split, "genre": src.genre,
                "script": src.script, "province": src.province}
        if "added" in src.extra:
            base["added"] = src.extra["added"]
        if src.cut_start or src.cut_end:
            kind = "real-cut"
            rows.append(dict(base, id=src.id, parent=src.id, origin="real", cut_start=src.cut_start,
                             cut_end=src.cut_end, kind=kind, format="txt", file=f"texts/{src.id}.txt"))
            (texts / f"{src.id}.txt").write_text(src.text, encoding="utf-8")
            continue
        rng = random.Random(f"{args.seed}:{src.id}")
        if src.origin.startswith("generated:"):
            src.text, src.script = document(src.genre, (src.province or "", src.extra["place"]), pool, rng)
        base["script"] = src.script
        for suffix, labels, text in generate(src, pool, rng):
            origin = "generated" if src.origin.startswith("generated:") else "real" if suffix == "c-plain" else "derived"
            row, fmt = copy_row(base, src.id, suffix, labels, origin)
            write_copy(args.out, "", row, fmt, text, packs)
            rows.append(row)
    write_packs(args.out / "packs", packs)
    with (args.out / "labels.jsonl").open("w", encoding="utf-8") as f, args.labels.open("w", encoding="utf-8") as g:
        for r in rows:
            line = label_line(r)
            f.write(line)
            g.write(line)
    print(len(rows), "documents;", Counter(r["split"] for r in rows))
    for split in ("train", "dev", "test"):
        sub = [r for r in rows if r["split"] == split]
        print(split, "complete", sum(not r["cut_start"] and not r["cut_end"] for r in sub), "cut",
              sum(r["cut_start"] or r["cut_end"] for r in sub), "sites", len({r["site"] for r in sub}),
              "genres", dict(Counter(r["genre"] for r in sub if r["origin"] == "real")))
    print(Counter(r["kind"] for r in rows))


if __name__ == "__main__":
    main()
