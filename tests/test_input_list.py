"""The batch's inputs held compactly (inputs.InputList): the same records back, in a few dozen bytes a
document beside its key where a list of InputFile records held ~430."""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

from scrapegate.checks.document import ManifestEntry
from scrapegate.checks.inputs import InputFile, InputList, Spooled, discover
from tree_fixtures import write_pack


def test_records_come_back_equal(workdir: Path) -> None:
    (workdir / "batch" / "sub").mkdir()
    write_pack(workdir / "batch" / "sub" / "pack.jsonl", [{"id": f"r{i}", "text": f"第{i}段。"} for i in range(3)])
    found, errors = discover(["batch", "./batch/001_7c00190a20eabef2.txt"], ("txt", "jsonl"))
    assert not errors and isinstance(found, InputList)
    records = [found[i] for i in range(len(found))]
    assert [r.key for r in records] == found.keys == sorted(found.keys)
    assert {r.pack for r in records} == {None, "batch/sub/pack.jsonl"} and len(records) == 5 + 3
    odd = [InputFile(key="a.txt", path=Path("elsewhere/b.txt"), display="elsewhere/b.txt"),  # held as it is
           InputFile(key="m", path=Path("m"), display="m", text="在内存里的文本。", pack="<memory>"),
           InputFile(key="p/x", path=Path("p"), display="p line 3", spooled=Spooled("/tmp/s", 5, 9), pack="p"),
           InputFile(key="d/e.txt", path=Path("/r/d/e.txt"), display="/r/d/e.txt",
                     manifest=ManifestEntry(url="https://example.org/e", region="湖北省"))]
    again = InputList([*records, *odd])
    assert list(again) == [*records, *odd] and again[-1] == odd[-1] and again[1:3] == records[1:3]
    assert [again.pack(i) for i in range(len(again))] == [r.pack for r in [*records, *odd]]
    assert again.packs() == {r.pack: r.pack_key or r.pack for r in [*records, *odd] if r.pack is not None}
    assert again.has_plain() and not InputList(odd[1:3]).has_plain()
    again.set_manifest(0, ManifestEntry(title="标题"))
    assert again[0].manifest == ManifestEntry(title="标题") and again[1] == records[1]


def test_a_document_costs_a_few_dozen_bytes_beside_its_key() -> None:
    keys = [f"{n:06d}_{n * 7919 % 65536:04x}.txt" for n in range(20_000)]
    items = [InputFile(key=k, path=Path("/data/corpus") / k, display=f"/data/corpus/{k}") for k in keys]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = InputList(items)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert held[12_345] == items[12_345]
    assert grown / len(keys) < 60


def test_the_keys_are_on_disk() -> None:
    """A key is not held as a string (about 50 bytes plus its length): a pack's records with
    200-character keys, made and dropped one by one, leave the same few dozen bytes a record."""
    long = "长路径/" * 48
    pack = Path("p.jsonl")
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = InputList(InputFile(key=f"{long}{n:06d}", path=pack, display=f"p.jsonl:{n + 1}",
                               spooled=Spooled("/s/p", 100 * n, 100), pack="p.jsonl", pack_key="p.jsonl")
                     for n in range(20_000))
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert held.keys[12_345] == f"{long}012345" and held[-1].display == "p.jsonl:20000"
    assert grown / len(held) < 60


def test_discovery_orders_by_key_and_settles_a_key_reached_twice(workdir: Path) -> None:
    """Discovery keeps what it finds in the order found and orders it by key at the end: a link walked
    before its file gives way to it, one file named twice is one input, two files of one key in two
    folders are keyed with their folders' names (test_root_prefixed_keys.py)."""
    for name in ("walk/a0.txt", "walk/a/b.txt", "walk/c.txt", "one/x.txt", "two/x.txt"):
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text("正文。", encoding="utf-8")
    (workdir / "walk" / "a_link.txt").symlink_to(workdir / "walk" / "c.txt")  # walked before c.txt
    found, errors = discover(["walk", "walk/c.txt", "one/x.txt"], ("txt",))
    assert not errors and found.keys == ["a/b.txt", "a0.txt", "c.txt", "x.txt"]  # walked: a0.txt first
    assert [found[i].display for i in range(len(found))] == ["walk/a/b.txt", "walk/a0.txt", "walk/c.txt", "one/x.txt"]
    found, errors = discover(["two/x.txt", "walk", "one/x.txt"], ("txt",))
    assert not errors and found.keys == ["a/b.txt", "a0.txt", "c.txt", "one/x.txt", "two/x.txt"]


def test_a_files_key_is_not_the_string_pathlib_interned(tmp_path: Path) -> None:
    """pathlib (before Python 3.12) interns each component of a path it parses; a key kept as that
    string kept an entry in the interpreter's table of interned strings for every file of the run."""
    (tmp_path / "report.txt").write_text("工作报告", encoding="utf-8")
    held = tmp_path / "report.txt"  # its parts stay interned while it lives
    found, errors = discover([str(held)], ("txt",))
    assert not errors and found.keys == ["report.txt"]
    assert found.keys[0] is not sys.intern("report.txt")
