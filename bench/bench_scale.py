"""Benchmark: the whole check at corpus scale: speed per core, --jobs scaling, peak memory (issue 15).

    python bench/bench_scale.py [--docs 10000] [--small 2000] [--jobs 1,2] [--folder DIR] [--profile]
                                [--select CODES] [--pack jsonl.gz|jsonl.zst|jsonl|parquet]
                                [--engine ray] [--short] [--report-format jsonl]

``--short --pack jsonl.gz`` checks a pack of short generated pages instead (``corpus.short_records``:
0.5-1.5 KB, every 50th an exact and every 50th a near copy), written straight into the pack without
files, for the points of 100,000 and 1,000,000 documents, e.g.::

    nice python bench/bench_scale.py --short --pack jsonl.gz --docs 1000000 --small 100000 --jobs 2 \
        --select DU --report-format jsonl --folder /tmp/scale

Generates a corpus of 3-15 KB documents in mixed encodings (bench/corpus.py; ``--docs`` and ``--small``
documents, the small one the first ``--small`` files of the large), then, each configuration in a fresh
subprocess so its peak memory is its own, runs ``check_paths`` with every built-in rule and writes every
report to a temporary folder, not keeping them in memory (end to end, as ``scrapegate check`` does). Printed per run:

- wall seconds and MB/s; CPU seconds of the whole tree (main + workers, user + system) and MB per CPU
  second (= MB/s per core, meaningful on a shared machine where wall time is not);
- peak RSS of the main process (RUSAGE_SELF) and of the largest worker (RUSAGE_CHILDREN's max), and
  the whole process tree's peak sampled from /proc twice a second (:class:`TreeSampler`: RSS summed,
  and PSS, which counts the pages the workers share with the main process after fork once);
- main-process bytes per document: the difference in main peak RSS between the large and the small
  corpus divided by the difference in documents (what grows with the batch, constants cancelled).

The floor, in the same run: read every file and decode it with scrapegate's decoder (``read_document``,
one process). ``--profile`` prints the top of a cProfile of the small corpus with ``--jobs 1`` instead.
``--engine ray`` also runs the largest ``--jobs`` on a local Ray (started in the measured process with
that many CPUs, so the start-up is timed; its CPU is the whole tree's, Ray's own daemons included,
read with psutil before Ray stops) and says whether its reports are byte-identical to the local run's.
Not a test: numbers vary by machine and load.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_corpus  # noqa: E402


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu() -> float:
    """CPU seconds of this process and every live descendant (Ray's workers are not our children to
    reap), plus the reaped children's."""
    import psutil

    me = psutil.Process()
    total = _cpu(resource.RUSAGE_CHILDREN)
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def _digest(folder: str) -> str:
    import hashlib

    h = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            with open(path, "rb") as handle:  # in pieces: a million reports' file must not raise the peak
                for piece in iter(lambda: handle.read(1 << 20), b""):
                    h.update(piece)
    return h.hexdigest()


class TreeSampler:
    """The peak memory of this process and all its descendants, sampled from ``/proc`` every
    ``interval`` seconds in a thread: the sum of their RSS (pages shared after fork counted in each
    process) and of their PSS (shared pages divided among the processes sharing them: the tree's
    real footprint). Linux only; zeros elsewhere."""

    def __init__(self, interval: float = 0.5) -> None:
        import threading

        self.rss = self.pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def __enter__(self) -> TreeSampler:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self, interval: float) -> None:
        import os

        while not self._stop.is_set():
            rss = pss = 0
            for pid in _tree(os.getpid()):
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
                except (OSError, ValueError, IndexError):
                    pass  # exited meanwhile
            self.rss, self.pss = max(self.rss, rss / 1024), max(self.pss, pss / 1024)
            self._stop.wait(interval)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except (OSError, ValueError):
                pass
    return found


def child(folder: Path, jobs: int, limit: int, report_format: str | None, engine: str = "local",
          select: str | None = None, pack: str | None = None, short: bool = False) -> dict[str, float | str]:
    """One measured run in this (fresh) process."""
    from scrapegate.checks.api import check_paths
    from scrapegate.checks.inputs import discover, read_document

    if short:
        assert pack, "--short checks a pack"
        files = [str(folder / f"short-{limit}.{pack}")]
        megabytes = float((folder / f"short-{limit}.{pack}.mb").read_text())
    else:
        # names as strings, as a command line passes them: a Path object per file (and glob's own
        # work) cost the measured process about 1 KB a document at 100,000 documents
        names = sorted(name for name in os.listdir(folder) if name.endswith(".txt"))[:limit]
        files = [os.path.join(folder, name) for name in names]
        megabytes = sum(os.stat(f).st_size for f in files) / 1e6
    if pack and jobs and not short:
        files = [str(folder / f"pack-{limit}.{pack}")]
    digest = ""  # of the reports written, to compare engines
    if jobs == 0:  # the floor: read + scrapegate decode, one process
        items, _ = discover(files, ("txt", "jsonl", "jsonl.gz", "jsonl.zst", "parquet"))
        start, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        for item in items:
            read_document(item, 50 * 1024 * 1024)
        wall, cpu = time.perf_counter() - start, _cpu(resource.RUSAGE_SELF) - cpu
    else:
        with tempfile.TemporaryDirectory() as out:
            extra = {"report_format": report_format} if report_format else {}
            if _accepts("keep_reports"):  # as `scrapegate check` runs it (older builds keep them)
                extra["keep_reports"] = False
            if select:
                extra["select"] = select.split(",")
            start = time.perf_counter()
            cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
            if engine == "ray":
                import ray

                ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False)
                extra["engine"] = "ray"
            with TreeSampler() as tree:
                result = check_paths(files, report_dir=out, jobs=jobs, fail_on="never", **extra)
            wall = time.perf_counter() - start
            if engine == "ray":
                cpu = _tree_cpu() - cpu
                ray.shutdown()
            else:
                cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu
            assert result.summary["documents"]["total"] == (limit if pack else len(files)), \
                result.summary["input_errors"][:3]
            peaks = {**_peaks(), "tree_rss_mb": tree.rss, "tree_pss_mb": tree.pss}  # before the reports are hashed
            digest = _digest(out)
    if jobs == 0:
        peaks = _peaks()
    return {"docs": limit if pack else len(files), "mb": megabytes, "wall": wall, "cpu": cpu, "reports": digest,
            **peaks}


def _peaks() -> dict[str, float]:
    return {"rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _accepts(name: str) -> bool:
    import inspect

    from scrapegate.checks.api import check_paths

    return name in inspect.signature(check_paths).parameters


def make_pack(folder: Path, limit: int, fmt: str) -> None:
    """The first ``limit`` documents, decoded, as the records of ``pack-<limit>.<fmt>`` (written once)."""
    target = folder / f"pack-{limit}.{fmt}"
    if target.exists():
        return
    from scrapegate.checks.inputs import discover, read_document

    items, _ = discover([str(f) for f in sorted(folder.glob("*.txt"))[:limit]], ("txt",))
    rows = ({"id": item.key.removesuffix(".txt"), "text": read_document(item, 1 << 24).text} for item in items)
    partial = target.with_name(target.name + ".part")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        with pq.ParquetWriter(partial, pa.schema([("id", pa.string()), ("text", pa.string())])) as writer:
            batch: list[dict[str, str]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 1024:
                    writer.write_table(pa.Table.from_pylist(batch))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch))
    else:
        if fmt.endswith(".gz"):
            import gzip

            out: Any = gzip.open(partial, "wb", compresslevel=6)
        elif fmt.endswith(".zst"):
            import zstandard

            out = zstandard.open(partial, "wb")
        else:
            out = open(partial, "wb")
        with out:
            for row in rows:
                out.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    partial.rename(target)


def make_short_pack(folder: Path, limit: int, fmt: str) -> None:
    """``short-<limit>.<fmt>``: ``limit`` short generated pages (corpus.short_records), written once,
    with their text's size in MB beside it (``.mb``)."""
    from corpus import short_records

    target = folder / f"short-{limit}.{fmt}"
    if target.exists():
        return
    partial = target.with_name(target.name + ".part")
    size = 0
    out: Any
    if fmt.endswith(".gz"):
        import gzip

        out = gzip.open(partial, "wb", compresslevel=6)
    elif fmt.endswith(".zst"):
        import zstandard

        out = zstandard.open(partial, "wb")
    else:
        out = open(partial, "wb")
    with out:
        for row in short_records(limit):
            size += len(row["text"].encode("utf-8"))
            out.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    (folder / f"short-{limit}.{fmt}.mb").write_text(f"{size / 1e6}")
    partial.rename(target)


def run(folder: Path, jobs: int, limit: int, report_format: str | None, engine: str = "local",
        select: str | None = None, pack: str | None = None, short: bool = False) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(folder), "--jobs", str(jobs), "--docs", str(limit),
               "--engine", engine]
    if report_format:
        command += ["--report-format", report_format]
    if select:
        command += ["--select", select]
    if pack and short:
        make_short_pack(folder, limit, pack)
        command += ["--pack", pack, "--short"]
    elif pack:
        make_pack(folder, limit, pack)
        command += ["--pack", pack]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(folder: Path, limit: int) -> None:
    from scrapegate.checks.api import check_paths

    with tempfile.TemporaryDirectory() as out:
        files = sorted(folder.glob("*.txt"))[:limit]
        profiler = cProfile.Profile()
        profiler.enable()
        check_paths(files, report_dir=out, jobs=1, fail_on="never")
        profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    print(stream.getvalue())


def _row(label: str, r: dict[str, Any], floor: dict[str, Any] | None) -> str:
    per_core = r["mb"] / r["cpu"]
    vs = f" {floor['mb'] / floor['cpu'] / per_core:5.0f}x floor" if floor else ""
    return (f"{label:<30} {r['docs']:>7,} docs {r['wall']:7.1f} s wall {r['mb'] / r['wall']:6.2f} MB/s | "
            f"{r['cpu']:7.1f} CPU s {per_core:6.2f} MB/s per core{vs} | peak RSS main {r['rss_main_mb']:6.0f} MB, "
            f"largest worker {r['rss_worker_mb']:5.0f} MB" +
            (f"; whole tree sampled: RSS {r['tree_rss_mb']:6.0f} MB, PSS {r['tree_pss_mb']:6.0f} MB"
             if r.get("tree_pss_mb") else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--folder", type=Path, help="corpus folder (kept; generated if empty)")
    parser.add_argument("--report-format", help="passed to check_paths when given (json or jsonl)")
    parser.add_argument("--select", help="only these rules (comma-separated codes or prefixes)")
    parser.add_argument("--pack", help="check one pack of the documents instead of files: jsonl, jsonl.gz, "
                                       "jsonl.zst or parquet")
    parser.add_argument("--short", action="store_true",
                        help="with --pack: a pack of short generated pages (corpus.short_records), no files")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="ray: also run the largest --jobs on a local Ray (needs scrapegate[ray])")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, int(args.jobs), args.docs, args.report_format, args.engine,
                               args.select, args.pack, args.short)))
        return
    folder = args.folder or Path(tempfile.mkdtemp(prefix="scrapegate-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not args.short and len(list(folder.glob("*.txt"))) < args.docs:
        generate_corpus(folder, args.docs)
    if args.profile:
        profile(folder, args.small)
        return
    floor = run(folder, 0, args.docs, None, pack=args.pack if args.short else None, short=args.short)
    print(_row("floor: read + decode", floor, None))
    jobs = [int(j) for j in args.jobs.split(",")]
    what = (args.select or "all rules") + (f", one {args.pack} pack" if args.pack else "")
    results = {}
    for j in jobs:
        results[j] = run(folder, j, args.docs, args.report_format, select=args.select, pack=args.pack,
                         short=args.short)
        print(_row(f"{what}, --jobs {j}", results[j], floor), flush=True)
    if len(jobs) > 1:
        first, last = results[jobs[0]], results[jobs[-1]]
        print(f"--jobs {jobs[-1]} / --jobs {jobs[0]}: {first['wall'] / last['wall']:.2f}x wall "
              "(meaningful only on free cores)")
    if args.engine == "ray":
        on_ray = run(folder, jobs[-1], args.docs, args.report_format, "ray")
        print(_row(f"all rules, Ray, {jobs[-1]} CPUs", on_ray, floor))
        same = on_ray["reports"] == results[jobs[-1]]["reports"]
        print(f"Ray / local --jobs {jobs[-1]}: {on_ray['wall'] / results[jobs[-1]]['wall']:.2f}x wall, "
              f"{on_ray['cpu'] / results[jobs[-1]]['cpu']:.2f}x CPU; reports "
              f"{'byte-identical' if same else 'DIFFERENT'}")
    small = run(folder, jobs[-1], args.small, args.report_format, select=args.select, pack=args.pack,
                short=args.short)
    print(_row(f"{what}, --jobs {jobs[-1]}", small, floor))
    large = results[jobs[-1]]
    growth = (large["rss_main_mb"] - small["rss_main_mb"]) * 1024 * 1024 / (large["docs"] - small["docs"])
    tree = [r["rss_main_mb"] + jobs[-1] * r["rss_worker_mb"] for r in (small, large)]
    print(f"whole tree (main + {jobs[-1]} x largest worker): {tree[0]:.0f} MB at {small['docs']:,}, "
          f"{tree[1]:.0f} MB at {large['docs']:,}")
    print(f"main process: {growth / 1024:.1f} KB per document "
          f"(peak RSS {small['rss_main_mb']:.0f} MB at {small['docs']:,}, {large['rss_main_mb']:.0f} MB "
          f"at {large['docs']:,})")


if __name__ == "__main__":
    main()
