"""Corpus scale (issue 15): documents read twice instead of held, line fingerprints counted in bounded
memory, results kept on disk, JSONL report files, reports not kept."""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from scrapegate.checks.api import check_paths
from scrapegate.checks.cli import main
from scrapegate.checks.context import BatchContext, LineCounter
from scrapegate.checks.errors import InputError, UsageError
from scrapegate.checks.inputs import discover, read_document
from scrapegate.checks.runner import KeyIndex, ResultStore, StoredDocument, _map, read_pass
from tree_fixtures import tree_digest, write_pack


def _pack(workdir: Path, seeds_dir: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:3]]
    rows = [{"id": f"r{i}", "text": t} for i, t in enumerate(texts)] + [{"id": "copy", "text": texts[0]}]
    write_pack(workdir / "batch" / "pack.jsonl", rows)
    (workdir / "scrapegate.toml").write_text('extensions = ["txt", "jsonl"]\n', encoding="utf-8")


def test_jsonl_reports_hold_the_per_file_reports_one_a_line(workdir: Path, seeds_dir: Path) -> None:
    _pack(workdir, seeds_dir)
    main(["check", "batch", "--report-dir", "a", "--jobs", "2"])
    assert main(["check", "batch", "--report-dir", "b", "--jobs", "2", "--report-format", "jsonl"]) == 1
    per_file = json.loads((workdir / "a" / "summary.json").read_text("utf-8"))
    summary = json.loads((workdir / "b" / "summary.json").read_text("utf-8"))
    assert sorted(p.name for p in (workdir / "b").iterdir()) == [
        "documents.reports.jsonl", "pack.jsonl.reports.jsonl", "summary.json"]
    lines = {name: (workdir / "b" / name).read_text("utf-8").splitlines()
             for name in ("documents.reports.jsonl", "pack.jsonl.reports.jsonl")}
    by_shard: dict[str, list[str]] = {}
    for entry, before in zip(summary["per_document"], per_file["per_document"]):
        assert entry == {**before, "report": entry["report"]}
        by_shard.setdefault(entry["report"], []).append(entry["path"])
        assert entry["report"] == ("pack.jsonl.reports.jsonl" if entry["path"].startswith("pack.jsonl/")
                                   else "documents.reports.jsonl")
    for name, paths in by_shard.items():  # one line per report, in the summary's order
        assert [json.loads(line)["document"]["path"] for line in lines[name]] == paths
        for line, path in zip(lines[name], paths):
            assert json.loads(line) == json.loads((workdir / "a" / before_name(per_file, path)).read_text("utf-8"))
    pack_reports = [json.loads(line) for line in lines["pack.jsonl.reports.jsonl"]]
    assert any(f["code"].startswith("DU") for r in pack_reports for f in r["findings"])  # batch findings too
    assert main(["report", "b", "-o", "audit.html", "--root", "batch"]) == 0
    assert "pack.jsonl/copy" in (workdir / "audit.html").read_text("utf-8")


def before_name(summary: dict, path: str) -> str:
    return next(e["report"] for e in summary["per_document"] if e["path"] == path)


def test_reports_not_kept_are_written_the_same(workdir: Path) -> None:
    kept = check_paths(["batch"], report_dir="a", jobs=1)
    lean = check_paths(["batch"], report_dir="b", jobs=1, keep_reports=False)
    assert lean.summary == kept.summary
    for key, report in kept.reports.items():
        assert lean.reports[key] == {"status": report["status"], "summary": report["summary"]}
        name = before_name(kept.summary, key)
        assert (workdir / "b" / name).read_bytes() == (workdir / "a" / name).read_bytes()


def test_a_document_that_changes_between_the_two_reads_is_an_input_error(workdir: Path) -> None:
    (item,), _ = discover([str(sorted((workdir / "batch").glob("*.txt"))[0])], ("txt",))
    stored = StoredDocument.of(read_document(item, 1 << 20), item, 1 << 20)
    assert stored.text == read_document(item, 1 << 20).text and stored.chars == len(stored.text)
    StoredDocument._last = None
    item.path.write_text("另一份文件。", encoding="utf-8")
    with pytest.raises(InputError, match="changed while being checked"):
        stored.load()


def test_the_second_read_looks_for_binary_content_only_in_bytes_that_changed(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrapegate.checks.inputs as inputs
    from scrapegate.checks.decoding import looks_binary

    (item,), _ = discover([str(sorted((workdir / "batch").glob("*.txt"))[0])], ("txt",))
    first = read_document(item, 1 << 20)
    stored = StoredDocument.of(first, item, 1 << 20)
    looked: list[bytes] = []
    monkeypatch.setattr(inputs, "looks_binary", lambda raw: looked.append(raw) or looks_binary(raw))
    StoredDocument._last = None
    again = stored.load()
    assert (again.text, again.sha256, again.decoded) == (first.text, first.sha256, first.decoded) and not looked
    StoredDocument._last = None
    item.path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(InputError, match="not a text document"):
        stored.load()
    assert len(looked) == 1


def test_an_unknown_report_format_is_a_usage_error(workdir: Path) -> None:
    with pytest.raises(UsageError, match="--report-format must be one of json, jsonl"):
        check_paths(["batch"], report_dir="out", report_format="parquet")
    assert not (workdir / "out").exists()


def test_line_counter_counts_the_same_whether_it_spills_to_disk_or_not() -> None:
    rng = np.random.default_rng(7)
    shared = rng.integers(0, 2**64 - 1, size=40, dtype=np.uint64)  # template lines, across all 16 parts
    documents = [np.unique(np.concatenate([rng.choice(shared, size=5),
                                           rng.integers(0, 2**64 - 1, size=30, dtype=np.uint64)]))
                 for _ in range(300)]
    expected: Counter[int] = Counter()
    first: dict[int, int] = {}
    for number, fps in enumerate(documents):
        expected.update(fps.tolist())
        for fp in fps.tolist():
            first.setdefault(fp, number)
    frequent = {fp: n for fp, n in expected.items() if n >= 2}
    assert len(frequent) >= 30
    for buffer_pairs in (1 << 22, 500):  # in memory; spilled every few documents
        counter = LineCounter(buffer_pairs=buffer_pairs)
        for fps in documents:
            counter.add(fps)
        counter.add(np.empty(0, dtype=np.uint64))  # a document with no countable line
        counts, firsts = counter.frequent()
        assert counter.documents == len(documents) + 1
        assert counts == frequent
        assert firsts == {fp: first[fp] for fp in frequent}


def test_the_streamed_context_is_the_one_built_from_the_texts(workdir: Path) -> None:
    seeds = sorted((workdir / "batch").glob("*.txt"))
    for n, seed in enumerate(seeds[:3]):  # copies: their lines recur, so there are templates to fetch
        (workdir / "batch" / f"copy{n}.txt").write_bytes(seed.read_bytes())
    items, _ = discover(["batch"], ("txt",))
    docs, errors, ctx = read_pass(items, jobs=2, max_file_size=1 << 20, map_=_map)
    assert not errors and [d.key for d in docs] == [i.key for i in items]
    built = BatchContext.build([read_document(i, 1 << 20) for i in items])
    assert ctx.documents == built.documents == len(items)
    assert list(ctx.template_lines.items()) == list(built.template_lines.items())  # order too
    assert ctx.line_doc_freq == built.line_doc_freq and min(ctx.line_doc_freq.values()) == 2
    assert len(ctx.template_lines) > 40


def test_the_results_keys_are_read_in_order_as_one_by_one(workdir: Path, seeds_dir: Path) -> None:
    _pack(workdir, seeds_dir)  # the pack's documents have keys of their own, not their input's
    run = check_paths(["batch"], report_dir="out", jobs=1, config="scrapegate.toml").run
    assert run is not None
    store = run.results
    keys = [r.document.key for r in store]
    assert list(store.key_list()) == [store.key(i) for i in range(len(store))] == keys
    assert "pack.jsonl/r1" in keys and "001_7c00190a20eabef2.txt" in keys


def test_results_are_kept_on_disk_and_read_back_as_reported(workdir: Path) -> None:
    run = check_paths(["batch"], report_dir="out", jobs=1).run
    assert run is not None
    store = run.results
    keys = [r.document.key for r in store]
    first = store[0]
    assert isinstance(store, ResultStore) and len(store) == 5 and first.document.key == keys[0]
    assert store[0] is not first and store[0].findings == first.findings  # a fresh copy each time
    # documents too are read back from disk: a fresh copy each time, and the batch rules' mapping
    assert store.document(0) is not store.document(0) and store.document(0).sha256 == first.document.sha256
    assert store.documents()[keys[2]].key == keys[2] and list(store.documents()) == keys
    first.findings = first.findings[:1]
    store.add_findings(keys[1], first.findings)
    assert store[1].findings[-1] == first.findings[0]  # batch findings join the stored result
    store.replace(0, first)
    assert store[0].findings == first.findings and store[-1].document.key == keys[4]
    store.remove({keys[0]})
    assert [r.document.key for r in store] == keys[1:]
    assert store[0].findings[-1] == first.findings[0]


def test_batch_findings_wait_on_disk_in_the_order_added() -> None:
    """The batch rules' findings (a million short pages: some 200,000 duplicate findings) wait for the
    report phase pickled in the results' spill, 16 bytes an entry in memory; read by position, in the
    order the rules added them; a result read and its pending findings right after share objects (the
    report workers tell the batch findings apart by identity)."""
    import tracemalloc

    from scrapegate.checks.findings import Finding, Severity, Span
    from scrapegate.checks.runner import PendingFindings
    from scrapegate.checks.spill import Spill

    def finding(n: int, code: str = "DU002") -> Finding:
        return Finding(code, "near_duplicate", "duplicate", Severity.WARNING, f"与 d{n:05d}.txt 相近",
                       Span(n, n + 40), "重复的段落" * 4, {"of": f"d{n:05d}.txt", "similarity": 0.9})

    pending = PendingFindings(Spill())
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(20_000):
        pending.add((n * 7919) % 20_011, [finding(n)])  # positions out of order
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown / 20_000 < 40
    pending.add(7919, [finding(1, "DU001"), finding(2, "DU001")])  # a second rule, same position
    assert [(f.code, f.details["of"]) for f in pending.get(7919)] == [
        ("DU002", "d00001.txt"), ("DU001", "d00001.txt"), ("DU001", "d00002.txt")]
    unused = min(set(range(20_011)) - {(n * 7919) % 20_011 for n in range(20_000)})
    assert pending.get(7919) is pending.get(7919) and pending.get(unused) == [] and len(pending.get(0)) == 1
    pending.drop(7919)
    assert pending.get(7919) == []
    pending.renumber([n for n in range(20_011) if n != 3], 20_011)  # position 3 goes, the rest move down
    assert pending.get(7918) == [] and pending.get(3) == [finding(next(n for n in range(20_000)
                                                                        if (n * 7919) % 20_011 == 4))]


def test_a_compressed_pack_is_spooled_record_by_record_not_held(workdir: Path, seeds_dir: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    with gzip.open(workdir / "pack.jsonl.gz", "wt", encoding="utf-8") as out:
        for n, text in enumerate(texts):
            out.write(json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False) + "\n")
        out.write("{broken\n")
    items, errors = discover(["pack.jsonl.gz"], ("txt",))
    assert [e.key for e in errors] == ["pack.jsonl.gz:6"]
    assert all(i.text is None and i.spooled is not None for i in items)
    spool = Path(items[0].spooled.file)  # type: ignore[union-attr]
    assert Path(tempfile.gettempdir()).resolve() in spool.resolve().parents and workdir not in spool.parents
    assert [read_document(i, 1 << 20).text for i in items] == texts
    result = check_paths(["pack.jsonl.gz"], report_dir="out", jobs=2)
    assert result.summary["documents"]["total"] == len(texts)
    assert result.summary["input_errors"] == [{"path": "pack.jsonl.gz:6", "error": errors[0].problem}]


def test_duplicate_profiles_are_held_on_disk_and_match_as_in_memory() -> None:
    """The main process keeps each duplicate profile in the run's store (signature, anchors and body
    on disk, a row number in memory); the pairs found are those of the in-memory profiles."""
    from duplicate_fixtures import edited_copy, other_site_copy, profiles, reflowed_part, seed_document
    from duplicate_fixtures import SEED_004
    from scrapegate.checks.spill import Spill
    from scrapegate.rules.duplicates.match import MatchThresholds, find_matches
    from scrapegate.rules.duplicates.rules import ExactDuplicate
    from scrapegate.rules.duplicates.store import StoredProfile

    docs = [seed_document(SEED_004), other_site_copy(), edited_copy(), reflowed_part()]
    in_memory = profiles(docs)
    spill = Spill()
    rule = ExactDuplicate()
    rows = {key: rule.compact(p, spill) for key, p in in_memory.items()}
    assert sorted(rows.values()) == list(range(len(docs)))  # the runner holds these numbers
    stored = {key: rule.expand(row, spill) for key, row in rows.items()}
    assert all(isinstance(p, StoredProfile) and type(p).__dictoffset__ == 0 for p in stored.values())
    assert {p.store for p in stored.values()} == {stored[docs[0].key].store}  # type: ignore[attr-defined]
    assert stored[docs[0].key].quality == in_memory[docs[0].key].quality  # read back from disk
    found = find_matches(stored, MatchThresholds())
    assert found == find_matches(in_memory, MatchThresholds())
    assert {m.kind for m in found.matches} == {"exact", "near", "containment"}


def test_forked_workers_inherit_the_models_the_main_process_built_first(workdir: Path) -> None:
    """The checking pass runs its first document in the main process before forking, so the workers
    find the models built (the gazetteer here) instead of each building its own; what the worker
    initializer set there is undone."""
    import multiprocessing

    from scrapegate.checks import runner
    from scrapegate.checks.api import build_rules
    from scrapegate.checks.config import Config
    from scrapegate.checks.registry import all_rules
    from scrapegate.rules.region.gazetteer import gazetteer

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    for n, seed in enumerate(sorted((workdir / "batch").glob("*.txt"))):
        (workdir / "batch" / f"copy{n}.txt").write_bytes(seed.read_bytes())
    items, _ = discover(["batch"], ("txt",))
    assert len(items) >= runner.SERIAL_BELOW  # else no pool
    gazetteer.cache_clear()
    before = runner._worker_rules, runner._worker_context
    run = runner.run_batch(items, build_rules(Config(), all_rules(), [], []), jobs=2, max_file_size=1 << 20)
    assert len(run.results) == len(items) and not run.input_errors
    assert gazetteer.cache_info().currsize == 1  # built here, where the workers were forked from
    assert (runner._worker_rules, runner._worker_context) == before


def test_key_index_finds_each_key_where_a_dict_would() -> None:
    keys = [f"k{i % 700}" for i in range(1000)] + ["", "é", "a/b"]
    index = KeyIndex(keys)
    expected = {key: i for i, key in enumerate(keys)}
    assert all(index[key] == place for key, place in expected.items())
    assert index.get("missing") is None
    with pytest.raises(KeyError):
        index["k700"]


def test_batch_rules_read_payloads_by_key_as_collected(workdir: Path, monkeypatch) -> None:
    import payload_rule_plugin
    from scrapegate.checks import registry

    families = (*registry.builtin_families(), payload_rule_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    for copy in ("c1", "c2"):  # 15 documents: --jobs 2 checks them in workers
        shutil.copytree(workdir / "batch", workdir / "batch" / copy, ignore=shutil.ignore_patterns("c*"))
    assert main(["check", "batch", "--report-dir", "a", "--jobs", "1", "--select", "ZZ903"]) == 3
    assert main(["check", "batch", "--report-dir", "b", "--jobs", "2", "--select", "ZZ903"]) == 3
    assert tree_digest(workdir / "a") == tree_digest(workdir / "b")
    report = json.loads((workdir / "a" / "c1" / "002_605ba49512da1802.txt.json").read_text("utf-8"))
    (finding,) = report["findings"]
    keys = sorted(p.relative_to(workdir / "batch").as_posix() for p in (workdir / "batch").rglob("*.txt"))
    seen = [key for key in keys if not Path(key).name.startswith("001")]
    assert finding["details"]["seen"] == seen and finding["details"]["len"] == 12
    assert finding["details"]["payload"] == {"key": "c1/002_605ba49512da1802.txt",
                                             "chars": report["document"]["chars"], "none": None}
    assert len(finding["details"]["values"]) == 12 and finding["details"]["absent"] is False


def test_a_batch_rule_that_fails_halfway_adds_none_of_its_findings(workdir: Path, monkeypatch) -> None:
    """Batch findings go to disk as the rule yields them; those of a rule that then raises are taken
    back (as when they were collected whole first), the other rules' stay."""
    import payload_rule_plugin
    from scrapegate.checks import registry

    families = (*registry.builtin_families(), payload_rule_plugin.FAMILY)
    monkeypatch.setattr(registry, "builtin_families", lambda: families)
    result = check_paths(["batch"], report_dir="out", jobs=1, select=["ZZ903", "ZZ904"])
    codes = [f.code for r in result.run.results for f in r.findings]  # type: ignore[union-attr]
    assert codes.count("ZZ903") == 4 and "ZZ904" not in codes
    (failed,) = [e for e in result.summary["rule_errors"] if e["code"] == "ZZ904"]
    assert "failed halfway" in failed["error"]


def test_a_worker_sends_its_result_pickled_and_the_spill_keeps_the_bytes() -> None:
    """Pass 2's answer: the result and the payloads pickled where they were made; a payload shared by
    rules stays one object, an unpicklable one stays as it is (held in memory by the main process),
    and the duplicate profile comes packed as its store writes it."""
    import pickle

    from duplicate_fixtures import SEED_004, edited_copy, seed_document
    from scrapegate.checks.registry import BatchRule
    from scrapegate.checks.runner import DocumentResult, checked
    from scrapegate.checks.spill import Pickled, Spill
    from scrapegate.rules.duplicates.rules import ExactDuplicate, NearDuplicate
    from scrapegate.rules.duplicates.store import PackedProfile, ProfileStore

    class Held(BatchRule):
        code = "ZZ1"

    class Spilled(BatchRule):
        code = "ZZ2"

    doc = seed_document(SEED_004)
    profile = ExactDuplicate().collect(doc, BatchContext())
    rules = [ExactDuplicate(), NearDuplicate(), Held(), Spilled()]
    unpicklable = lambda: None  # noqa: E731
    held = checked(DocumentResult(document=doc, payloads={"ZZ1": unpicklable}), rules)
    assert held.payloads["ZZ1"] is unpicklable
    result = DocumentResult(document=doc, payloads={"DU001": profile, "DU002": profile, "ZZ2": {"a": 1}})
    answer = pickle.loads(pickle.dumps(checked(result, rules)))
    assert answer.marks == () and result.payloads == {}
    packed, spilled = answer.payloads["DU001"], answer.payloads["ZZ2"]
    assert isinstance(packed, PackedProfile) and packed is answer.payloads["DU002"]
    assert isinstance(spilled, Pickled) and isinstance(answer.result, Pickled)
    spill = Spill()
    assert spill.get(spill.put(spilled)) == {"a": 1}
    stored = pickle.loads(answer.result.data)
    assert stored.document is None and stored.payloads == {}
    assert spill.get(spill.put(answer.result)).findings == result.findings
    # the store keeps a packed profile as it keeps the profile itself; the pickled profile leaves out
    # what the store's own files hold (signature, anchors), and load() puts them back
    rest = pickle.loads(packed.whole.data)
    assert rest.signature == rest.anchor_keys == rest.anchor_chars == b"" and rest.body == profile.body
    a, b = ProfileStore(Spill()), ProfileStore(Spill())
    assert a.add(profile) == b.add(packed) == 0
    assert a.load(0) == b.load(0) == profile
    other = ExactDuplicate().collect(edited_copy(), BatchContext())
    assert a.add(other) == b.add(PackedProfile.of(other)) == 1
    assert a.load(1) == b.load(1) == other and b.load(0) == profile and len(other.anchor_keys) > 0
    rows = np.array([0])
    assert (a.exact(rows) == b.exact(rows)).all() and a.shingle_counts(rows) == b.shingle_counts(rows)
    parts = [[[k.tolist() for k in part] for part in store.anchor_parts(rows)] for store in (a, b)]
    assert parts[0] == parts[1] and sum(len(keys) for keys, _, _ in parts[0]) > 10
    assert (a.signatures_in_order(rows) == b.signatures_in_order(rows)).all()
    with_finding = DocumentResult(document=doc, findings=[ExactDuplicate().finding(doc, "x", None)])
    assert checked(with_finding, rules).marks == (("duplicate", ExactDuplicate.severity, "DU001"),)


def test_profile_store_reads_the_same_rows_without_pread() -> None:
    """Where there is no os.pread (Windows) the store reads by seek_read, which moves the files'
    offsets: adds after loads still append, and every read gives the rows pread_at gives."""
    from duplicate_fixtures import SEED_004, edited_copy, seed_document
    from scrapegate.checks.context import BatchContext
    from scrapegate.checks.spill import Spill, pread_at, seek_read
    from scrapegate.rules.duplicates.rules import ExactDuplicate
    from scrapegate.rules.duplicates.store import ProfileStore

    profiles = [ExactDuplicate().collect(d, BatchContext()) for d in (seed_document(SEED_004), edited_copy())]
    by_pread, by_seek = ProfileStore(Spill(), read=pread_at), ProfileStore(Spill(), read=seek_read)
    for n in range(6):
        for store in (by_pread, by_seek):
            assert store.add(profiles[n % 2]) == n
            assert store.load(n) == profiles[n % 2] and store.load(0) == profiles[0]  # reads between adds
    rows = np.array([0, 3, 4, 5])
    assert (by_pread.signatures_in_order(rows) == by_seek.signatures_in_order(rows)).all()
    assert all((a == b).all() for a, b in zip(by_pread.band_columns(rows), by_seek.band_columns(rows)))
    parts = [[[k.tolist() for k in part] for part in store.anchor_parts(rows)] for store in (by_pread, by_seek)]
    assert parts[0] == parts[1] and sum(len(keys) for keys, _, _ in parts[0]) > 10
    assert [by_seek.load(n) for n in range(6)] == [by_pread.load(n) for n in range(6)]
    with tempfile.TemporaryFile() as handle:
        handle.write(b"0123456789")
        handle.flush()
        assert seek_read(handle, 4, 3) == pread_at(handle, 4, 3) == b"3456" and seek_read(handle, 9, 8) == b"89"


def test_payload_maps_with_equal_slots_keep_one_array() -> None:
    from scrapegate.checks.runner import PayloadMap, share_equal_slots

    results = ResultStore()
    read = {"a": lambda n: n, "b": lambda n: -n}
    maps = [PayloadMap(results, read["a"]), PayloadMap(results, read["b"]), PayloadMap(results, read["a"]),
            PayloadMap(results, None)]
    for position in range(3):
        maps[0].add(position, None, position)
        maps[1].add(position, None, position)
        maps[2].add(position, None, 7)
        maps[3].add(position, position)
    share_equal_slots(maps)
    assert maps[1]._numbers is maps[0]._numbers and maps[2]._numbers is not maps[0]._numbers
    assert [maps[1]._slot(p) for p in range(3)] == [0, -1, -2] and maps[2]._slot(1) == 7


def test_pack_records_are_read_back_through_one_kept_descriptor(workdir: Path) -> None:
    """Records of two spool files read in turn (the descriptor kept is the last file's)."""
    from scrapegate.checks.inputs import Spool

    spools = [Spool("a.jsonl"), Spool("b.jsonl")]
    records = [(spool.put(f"{name}{n}".encode() * (n + 1)), f"{name}{n}".encode() * (n + 1))
               for n in range(3) for name, spool in zip("ab", spools)]
    for spool in spools:
        spool.close()
    for _ in range(2):
        assert [spooled.read() for spooled, _ in records] == [data for _, data in records]


def test_a_thread_reading_another_spool_keeps_no_descriptor_of_this_one(workdir: Path) -> None:
    """Each thread keeps its own last spool's descriptor: a thread moving to another file does not close
    (and so hand out the number of) the one this thread reads through."""
    import os
    import threading

    from scrapegate.checks.inputs import Spool, _spool_descriptor

    spools = [Spool("a.jsonl"), Spool("b.jsonl")]
    a, b = spools[0].put(b"aaaa"), spools[1].put(b"bbbb")
    for spool in spools:
        spool.close()
    fd = _spool_descriptor(a.file)
    other = threading.Thread(target=lambda: b.read())
    other.start()
    other.join()
    assert os.fstat(fd).st_ino == os.stat(a.file).st_ino  # still a's file, not a number reused for b's
    assert a.read() == b"aaaa" and _spool_descriptor(a.file) == fd


_SPOOL_AND_WAIT = """
import os, signal, sys
from scrapegate.checks.inputs import Spool
spool = Spool("pack.jsonl")
spool.put(b"x" * 5000)
spool.close()
print(Spool._folder, flush=True)
if sys.argv[1] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)  # no exit handler runs: the folder stays
sys.stdin.read()  # alive, holding its spool, until told to go
"""


def test_a_later_run_removes_the_spool_a_killed_run_left_in_tmpdir(workdir: Path, monkeypatch, capsys) -> None:
    """SIGKILL leaves a pack's spool folder (as large as the pack's text) in TMPDIR. The next run removes
    it and says so; a live run's spool (locked) and folders of another name are left alone."""
    import os
    import subprocess
    import sys

    tmp = workdir / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    killed = subprocess.run([sys.executable, "-c", _SPOOL_AND_WAIT, "kill"], env=env, capture_output=True,
                            text=True)
    killed_folder = Path(killed.stdout.strip())
    assert killed.returncode < 0 and killed_folder.parent == tmp and (killed_folder / os.listdir(killed_folder)[0]).stat().st_size == 5000
    live = subprocess.Popen([sys.executable, "-c", _SPOOL_AND_WAIT, "wait"], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert live.stdout is not None
        live_folder = Path(live.stdout.readline().strip())
        other = tmp / "scrapegate-spool-abcd1234"  # not a spool name of this version: never removed
        other.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(tmp))
        assert main(["check", "batch", "--report-dir", "out", "--jobs", "1"]) == 1
        err = capsys.readouterr().err
        assert not killed_folder.exists()
        assert f"warning: removed 1 spool folder (0.0 MB) in {tmp} left by an earlier run that was killed" in err
        assert live_folder.is_dir() and other.is_dir()
    finally:
        live.communicate("")
    assert not live_folder.exists()


def test_the_batch_analysis_is_not_held_through_the_report_phase(workdir: Path) -> None:
    """The duplicate analysis the four DU rules share (every match with its spans, the clusters'
    keepers) is memoised on the batch context for them; once the batch rules are done the main process
    drops it (and pass 2's warm-up tables) instead of holding them until the run ends."""
    text = (workdir / "batch" / sorted(p.name for p in (workdir / "batch").iterdir())[0]).read_bytes()
    (workdir / "batch" / "zz-copy.txt").write_bytes(text)
    result = check_paths(["batch"], report_dir="out", jobs=1, fail_on="never", keep_reports=False)
    assert result.summary["duplicate_clusters"]  # the analysis ran and found the copy
    assert result.run is not None and result.run.context._memo == {}


_FREED_HEAP = """
import sys
from scrapegate.checks.runner import return_free_heap

def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096

blocks = [bytes(2000) for _ in range(60_000)]  # 120 MB of the C heap (past pymalloc's 512 bytes)
keep = bytes(2000)  # after them: the heap's top stays in use, so glibc cannot give it back by itself
before = rss()
del blocks
freed = rss()
if not return_free_heap():
    sys.exit(3)
print(before, freed, rss())
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc/self/statm")
def test_the_heap_the_batch_phase_freed_goes_back_to_the_system() -> None:
    """glibc keeps freed blocks for reuse: a process that built and freed 120 MB of small blocks stays
    that large until asked (the main process after the duplicate search, before the report phase)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _FREED_HEAP], capture_output=True, text=True, timeout=120)
    if done.returncode == 3:
        pytest.skip("not glibc: no malloc_trim")
    before, freed, after = map(int, done.stdout.split())
    assert freed > before - 20e6  # freed, but still held
    assert after < freed - 100e6
