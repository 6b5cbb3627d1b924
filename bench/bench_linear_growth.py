"""Benchmark: does checking one hostile document grow linearly with its size? (issue 18)

    python bench/bench_linear_growth.py [--size 250000] [--shapes a,b] [--timeout 120] [--profile SHAPE]

For every document shape below, one document of about ``size`` bytes and one of ``4 * size`` bytes
are checked through the whole pipeline (``check_paths`` on a file: read, decode, every rule, batch
rules; one process, no reports written), each in a fresh subprocess so its peak memory (max RSS) is
its own; each size is run ``--repeat`` times and the fastest run counts. Printed per shape: seconds at n and 4n, the ratio (linear is about 4; the issue's failures
were 10 and more), and peak memory at 4n. A run that exceeds ``--timeout`` is reported as such.
``--profile SHAPE`` prints the top of a cProfile of that shape at 4n instead.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROSE = "今年以来，全区经济运行稳中有进，地区生产总值增长百分之六点五。"

# name -> unit: each shape is its unit repeated to the size; "Han prose" is the ordinary baseline
SHAPES: dict[str, str] = {
    "zero-width file": "\u200b",
    "zero-width runs": "\u200b\u200c\u200d\ufeff" * 10 + PROSE + "\n",
    "U+FFFD runs": "\ufffd" * 40 + PROSE + "\n",
    "private-use runs": "\ue000\ue001\uf8ff" * 13 + PROSE + "\n",
    "supplementary-plane runs": "𠀀𠀁𪚥😀" * 10 + PROSE + "\n",
    "kana runs": "アイウエオかきくけこ" * 4 + PROSE + "\n",
    "Latin-1 mojibake": PROSE.encode("utf-8").decode("latin-1") + "\n",
    "Latin-1 mojibake one line": PROSE.encode("utf-8").decode("latin-1") + " ",
    "pinyin glosses": "經(jīng)濟(jì)發(fā)展(zhǎn)穩(wěn)中(zhōng)有進(jìn)，",
    "contact runs": "联系电话：0717-6543210 邮箱：office12@example.com QQ：12345678 微信：gov_2024\n",
    "domain runs": "www.example-one.com www.abc2.cn http://news.site88.net/a/b.html ",
    "domains between Han": "政府www.pp88.com娱乐平台m.bet365.cc官网",
    "Han prose": PROSE + "\n",
    "one long Han line": PROSE,
    "control characters": "\x01\x02\x07\x1b" * 10 + PROSE + "\n",
    "ASCII letters one line": "abcdefghij" * 10 + " ",
    "one ASCII letter run": "abcdefghij",
}


# name -> (head, fill, tail): the fill repeated to the size between them, so one run grows with the
# document (speed15: SP's patterns backtracked over such a run at the square of its length, 80 KB:
# spaces after 微信 24 s, a first line of spaces 24 s, Latin letters 4 s, nested tags 15 s; nested
# tags still cost html.parse the square of their depth: each block element's path holds all its
# ancestors, 80 KB of <div> 9 s and 1.3 GB)
SPANNING: dict[str, tuple[str, str, str]] = {
    "label before one space run": ("微信", " ", "abc\n"),
    "nested tags (HTML)": ("<html><body>", "<div>", "文</body></html>"),
}


# name -> characters drawn at random (fixed seed) to the size, one line: no unit repeats, so the names,
# slots and words a rule tries grow with the document (review15: SP's script-shift test searched the
# whole page once per name, 10 MB 5 s, 20 MB 17 s)
VARIED: dict[str, str] = {
    "varied Han one line": "关于开展春季植树活动的通知各单位请于月日前组织植树这是第二句话内容完整特此通知，。",
}


def make(shape: str, size: int) -> bytes:
    if shape in VARIED:
        rng = random.Random(1)
        chars = VARIED[shape]
        return "".join(rng.choice(chars) for _ in range(max(1, size // 3))).encode("utf-8")
    if shape in SPANNING:
        head, fill, tail = SPANNING[shape]
        return (head + fill * max(1, (size - len(head) - len(tail)) // len(fill)) + tail).encode("utf-8")
    unit = SHAPES[shape].encode("utf-8")
    return unit * max(1, size // len(unit))


def run_one(shape: str, size: int, profiler: cProfile.Profile | None = None) -> dict[str, float]:
    """Check one document of the shape (in this process) and return seconds and peak RSS in MB."""
    from scrapegate.checks.api import check_paths

    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.txt"  # loads the rules' data once, outside the timing
        warm.write_bytes(make("Han prose", 2000))
        check_paths([str(warm)], jobs=1, write_reports=False, fail_on="never")
        path = Path(folder) / "doc.txt"
        path.write_bytes(make(shape, size))
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = check_paths([str(path)], jobs=1, write_reports=False, fail_on="never")
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
    assert not result.summary["rule_errors"], result.summary["rule_errors"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "findings": result.summary["findings"]["total"]}


def measure(shape: str, size: int, timeout: float, repeat: int) -> dict[str, float] | None:
    """The fastest of ``repeat`` runs (the machine is shared: the minimum is the least disturbed)."""
    runs = []
    for _ in range(repeat):
        try:
            done = subprocess.run([sys.executable, __file__, "--one", shape, "--size", str(size)],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        if done.returncode:
            raise RuntimeError(f"{shape} at {size}: {done.stderr[-2000:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def profile(shape: str, size: int) -> None:
    profiler = cProfile.Profile()
    run_one(shape, size, profiler)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=250_000, help="n in bytes (default 250,000)")
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run before giving up")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the fastest counts (default 2)")
    parser.add_argument("--profile", metavar="SHAPE", help="cProfile the shape at 4n and stop")
    parser.add_argument("--one", metavar="SHAPE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.size)))
        return
    if args.profile:
        profile(args.profile, 4 * args.size)
        return
    shapes = args.shapes.split(",") if args.shapes else [*SHAPES, *VARIED, *SPANNING]
    print(f"n = {args.size:,} bytes, 4n = {4 * args.size:,} bytes; one document per run, whole pipeline")
    print(f"{'shape':<28} {'n (s)':>8} {'4n (s)':>8} {'ratio':>6} {'peak MB at 4n':>14} {'findings at 4n':>15}")
    for shape in shapes:
        small = measure(shape, args.size, args.timeout, args.repeat)
        large = measure(shape, 4 * args.size, args.timeout, args.repeat) if small else None
        if small is None or large is None:
            shown = f"{small['seconds']:8.2f}" if small else f"{'>' + str(int(args.timeout)):>8}"
            print(f"{shape:<28} {shown} {'>' + str(int(args.timeout)):>8}  (timed out)")
            continue
        ratio = large["seconds"] / max(small["seconds"], 1e-6)
        print(f"{shape:<28} {small['seconds']:8.2f} {large['seconds']:8.2f} {ratio:6.1f} "
              f"{large['peak_mb']:14.0f} {large['findings']:15.0f}")


if __name__ == "__main__":
    main()
