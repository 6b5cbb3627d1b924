"""The persistent duplicate index (DU004): matches across runs, scheme checks, crash safety."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from duplicate_fixtures import (SEED_004, county_documents, edited_copy, other_site_copy, profiles,
                                run_du, seed_document, truncated_copy)
from scrapegate.checks.findings import Finding, Severity
from scrapegate.rules.duplicates.index import DuplicateIndex, DuplicateIndexError, check_index, iter_keys
from scrapegate.rules.duplicates.match import MatchThresholds
from scrapegate.rules.duplicates.rules import IndexedDuplicate

TESTS = Path(__file__).resolve().parent


def indexed(findings: list[tuple[str, Finding]]) -> dict[str, Finding]:
    out = {}
    for key, finding in findings:
        if finding.code == IndexedDuplicate.code:
            assert key not in out
            out[key] = finding
    return out


@pytest.fixture()
def first_run(tmp_path: Path) -> Path:
    """An index holding seed 004 and the synthetic county reports, as an earlier run left it."""
    index = tmp_path / "dedup.sqlite"
    findings = run_du([seed_document(SEED_004)] + county_documents(), index=index, update=True)
    assert indexed(findings) == {}
    return index


def test_same_pairs_found_across_two_runs_through_the_index(first_run: Path):
    original = seed_document(SEED_004)
    second = [other_site_copy(), truncated_copy(), edited_copy(), seed_document("000_6c315c879fc3e2f4.txt")]
    found = indexed(run_du(second, index=first_run))
    assert set(found) == {"mirror/zhangwan.txt", "cut/zhangwan_part.txt", "edited/zhangwan_v2.txt"}
    exact, cut, near = (found["mirror/zhangwan.txt"], found["cut/zhangwan_part.txt"],
                        found["edited/zhangwan_v2.txt"])
    assert (exact.details["kind"], exact.severity) == ("exact", Severity.ERROR)
    assert (near.details["kind"], near.severity) == ("near", Severity.WARNING)
    assert (cut.details["kind"], cut.details["role"], cut.severity) == (
        "containment", "is-contained", Severity.WARNING)
    for finding in found.values():
        assert finding.details["other"] == SEED_004
        assert finding.details["other_sha256"] == original.sha256
        assert finding.details["other_title"] == "2023年十堰市张湾区政府工作报告—全文"  # as indexed
        assert finding.details["other_source"] is None  # seed 004 names no URL
        assert finding.details["other_indexed_at"].endswith("+00:00")
        assert SEED_004 in finding.message
    # the same kinds and similarities as when the pairs were in one batch
    unused = first_run.parent / "unused.sqlite"
    in_batch = {k: f.details for k, f in run_du([original] + second[:3], index=unused)
                if f.details["other"] == SEED_004}
    assert near.details["similarity"] == in_batch["edited/zhangwan_v2.txt"]["similarity"]
    assert cut.details["similarity"] == in_batch["cut/zhangwan_part.txt"]["similarity"]


def test_distinct_reports_do_not_match_the_index(first_run: Path):
    seeds = [seed_document(k) for k in ("000_6c315c879fc3e2f4.txt", "001_7c00190a20eabef2.txt",
                                         "002_605ba49512da1802.txt", "003_1610248ea291dfaf.txt")]
    assert indexed(run_du(seeds, index=first_run)) == {}


def test_a_fuller_version_of_an_indexed_document_contains_it(tmp_path: Path):
    index = tmp_path / "i.sqlite"
    run_du([truncated_copy()], index=index, update=True)
    (finding,) = indexed(run_du([seed_document(SEED_004)], index=index)).values()
    assert finding.severity is Severity.INFO and finding.details["role"] == "contains"
    assert finding.details["keep"] == SEED_004 and finding.span.start == 0


def test_rechecking_indexed_documents_does_not_flag_them_and_update_is_idempotent(first_run: Path):
    again = [seed_document(SEED_004)] + county_documents()
    assert indexed(run_du(again, index=first_run, update=True)) == {}
    with DuplicateIndex.open(str(first_run)) as index:
        assert len(index) == 6
        assert [k for k, _ in iter_keys(index)][0] == SEED_004


def test_rerunning_a_batch_with_copies_reports_them_in_batch_only(tmp_path: Path):
    index = tmp_path / "i.sqlite"
    batch = [seed_document(SEED_004), other_site_copy(), edited_copy()]
    first = run_du(batch, index=index, update=True)
    again = run_du(batch, index=index, update=True)
    assert indexed(again) == {}
    assert [(k, f.code) for k, f in again] == [(k, f.code) for k, f in first]
    assert {f.code for _, f in again} == {"DU001", "DU002"}


def test_without_update_a_missing_index_is_not_created(tmp_path: Path):
    index = tmp_path / "absent.sqlite"
    assert indexed(run_du([seed_document(SEED_004)], index=index)) == {}
    assert not index.exists()


@pytest.mark.parametrize("name, value", [("scheme_version", "0"), ("num_perm", "256"),
                                         ("shingle_size", "3"), ("minhash_canary", "0000")])
def test_index_from_an_incompatible_version_is_refused(first_run: Path, name: str, value: str):
    with sqlite3.connect(first_run) as db:
        db.execute("UPDATE meta SET value = ? WHERE name = ?", (value, name))
    with pytest.raises(DuplicateIndexError) as raised:
        DuplicateIndex.open(str(first_run))
    message = str(raised.value)
    assert str(first_run) in message and name in message and repr(value) in message
    assert isinstance(raised.value, ValueError)
    with pytest.raises(DuplicateIndexError):  # the rules raise it too: the CLI turns it into exit 2
        run_du([other_site_copy()], index=first_run)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None])
def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path, content: bytes | None):
    path = tmp_path / "other.sqlite"
    if content is None:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE meta (name TEXT, value TEXT)")
            db.execute("INSERT INTO meta VALUES ('format', 'something-else')")
    else:
        path.write_bytes(content)
    with pytest.raises(DuplicateIndexError, match="not a .*scrapegate duplicate index"):
        DuplicateIndex.open(str(path), create=True)
    with pytest.raises(DuplicateIndexError, match=str(path)):
        check_index(str(path))


def test_check_index_accepts_a_missing_or_valid_index(first_run: Path, tmp_path: Path):
    check_index(str(first_run))
    check_index(str(tmp_path / "new.sqlite"))
    assert not (tmp_path / "new.sqlite").exists()
    check_index(str(tmp_path / "new.sqlite"), create=True)
    with DuplicateIndex.open(str(tmp_path / "new.sqlite")) as index:
        assert len(index) == 0 and index.meta()["shingle_size"] == "5"


def test_a_killed_run_leaves_the_index_usable(first_run: Path):
    """A process SIGKILLed in the middle of its update transaction: the index is as before."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(TESTS)!r})
        from duplicate_fixtures import county_documents, other_site_copy, profiles
        from scrapegate.rules.duplicates.index import DuplicateIndex
        index = DuplicateIndex.open({str(first_run)!r})
        docs = [other_site_copy()] + [
            type(d).from_text("late/" + d.key, d.text + "\\n补记") for d in county_documents()]
        with index.transaction():
            added = index.insert(profiles(docs), min_body_chars=0, indexed_at="2024-01-01T00:00:00+00:00")
            assert added == 6, added
            print("inserted", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "inserted", result.stderr
    assert result.returncode == -9
    with DuplicateIndex.open(str(first_run)) as index:
        assert len(index) == 6
        assert sqlite3.connect(first_run).execute("PRAGMA integrity_check").fetchone() == ("ok",)
        matches = index.find(profiles([other_site_copy()]), MatchThresholds())
        assert [(m.key, m.kind, m.indexed.key) for m in matches] == [
            ("mirror/zhangwan.txt", "exact", SEED_004)]
        assert index.add(profiles([other_site_copy()])) == 1
        assert len(index) == 7


def test_an_update_the_disk_refuses_is_an_error_naming_the_index_and_the_findings_stand(workdir: Path):
    """The index file may not grow past its size plus 8 KB (RLIMIT_FSIZE: a full disk for this process):
    the batch's update fails. Before, the four DU rules crashed on it (exit 3, their findings lost, the
    index not named); now the run names the index (exit 2), the lookup's DU004 findings stand and the
    index holds what it held."""
    resource = pytest.importorskip("resource")
    import json
    import signal

    from scrapegate.checks.cli import main
    assert main(["check", "batch", "--index", "i.sqlite", "--update-index", "--report-dir", "first", "-q",
                 "--jobs", "1", "--fail-on", "never"]) == 0
    (workdir / "again").mkdir()
    for seed in sorted((workdir / "batch").iterdir()):
        (workdir / "again" / seed.name).write_text("另一版本\n" + seed.read_text("utf-8"), "utf-8")
    room = (workdir / "i.sqlite").stat().st_size + 8192

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    done = subprocess.run([sys.executable, "-m", "scrapegate.checks.cli", "check", "again", "--index", "i.sqlite",
                           "--update-index", "--report-dir", "out", "-q", "--jobs", "1", "--fail-on", "never"],
                          preexec_fn=limited, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "scrapegate: error: i.sqlite: --index not updated (" in done.stderr
    summary = json.loads((workdir / "out" / "summary.json").read_text("utf-8"))
    assert summary["rule_errors"] == [] and summary["input_errors"][0]["path"] == "i.sqlite"
    reports = [json.loads(p.read_text("utf-8")) for p in sorted((workdir / "out").glob("0*.json"))]
    assert len(reports) == 5 and all("DU004" in {f["code"] for f in r["findings"]} for r in reports)
    with DuplicateIndex.open("i.sqlite") as index:
        assert len(index) == 5


@pytest.mark.parametrize("room", [1000, 20000])
def test_a_new_index_the_disk_refuses_leaves_nothing_behind(workdir: Path, room: int):
    """The first write of a new --index refused (RLIMIT_FSIZE: a full disk for this process). Before, a
    0-byte index was left (room 1000; the next --update-index run took it for a new index, one without
    for an empty file) or a 4 KB header with its -wal and -shm and no tables (room 20000: every later run
    refused "no readable meta table"). Now the index is made beside it and moved in whole: nothing is
    left, and the run is a usage error naming the index."""
    resource = pytest.importorskip("resource")
    import signal

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    (workdir / "idx").mkdir()
    done = subprocess.run([sys.executable, "-m", "scrapegate.checks.cli", "check", "batch", "--index",
                           "idx/i.sqlite", "--update-index", "--report-dir", "out", "-q", "--jobs", "1"],
                          preexec_fn=limited, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "scrapegate: error: --index idx/i.sqlite: idx/i.sqlite: cannot create the index (" in done.stderr
    assert sorted((workdir / "idx").iterdir()) == []


def test_a_new_index_is_moved_in_whole_and_an_empty_file_replaced(tmp_path: Path):
    check_index(str(tmp_path / "new.sqlite"), create=True)
    (tmp_path / "empty.sqlite").touch()
    with DuplicateIndex.open(str(tmp_path / "empty.sqlite"), create=True) as index:
        assert len(index) == 0 and index.add(profiles([other_site_copy()])) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite", "new.sqlite"]
    with DuplicateIndex.open(str(tmp_path / "new.sqlite")) as index:
        assert len(index) == 0 and index.meta()["format"]


def test_an_exception_inside_the_update_rolls_it_back(first_run: Path):
    with DuplicateIndex.open(str(first_run)) as index:
        with pytest.raises(RuntimeError):
            with index.transaction():
                index.insert(profiles([other_site_copy()]), min_body_chars=0, indexed_at="x")
                raise RuntimeError("disk full")
        assert len(index) == 6


def test_the_index_is_updated_once_per_run_whatever_each_rule_was_given(tmp_path: Path, monkeypatch):
    """DU rules configured with different thresholds each get their analysis, but the batch is added
    to the index once, and no analysis matches the batch's own documents in it."""
    from scrapegate.checks.context import BatchContext
    from scrapegate.rules.duplicates.rules import RULES, DuplicateOptions

    index = tmp_path / "i.sqlite"
    docs = [seed_document(SEED_004), other_site_copy(), edited_copy()]
    adds = []
    add = DuplicateIndex.add
    monkeypatch.setattr(DuplicateIndex, "add", lambda self, *a, **k: adds.append(a) or add(self, *a, **k))
    ctx = BatchContext.build(docs)
    ctx.index_path, ctx.update_index = str(index), True
    by_key = {d.key: d for d in docs}
    findings = []
    for rule_class, options in zip(RULES, [DuplicateOptions(near_threshold=0.9), None,
                                           DuplicateOptions(max_matches_per_document=3), None]):
        rule = rule_class(options)
        findings += list(rule.check_batch(by_key, {d.key: rule.collect(d, ctx) for d in docs}, ctx))
    assert len(adds) == 1
    assert indexed(findings) == {}
    assert {f.code for _, f in findings} == {"DU001", "DU002"}
    with DuplicateIndex.open(str(index)) as opened:
        assert len(opened) == 3


def test_a_scheme_1_index_is_refused_with_the_way_to_rebuild_it(first_run: Path):
    """Scheme 2 changed the normal form (simplified characters, no punctuation) and the partial-copy
    keys: an index written before cannot be matched, and the message says what to do."""
    with sqlite3.connect(first_run) as db:
        db.execute("UPDATE meta SET value = '1' WHERE name = 'scheme_version'")
    with pytest.raises(DuplicateIndexError) as raised:
        DuplicateIndex.open(str(first_run))
    message = str(raised.value)
    assert "scheme_version '1'" in message and "reads scheme_version '2' only" in message
    assert f"--index {first_run} --update-index" in message and "simplified" in message
