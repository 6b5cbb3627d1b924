"""Where a check's time goes, by sampling: inclusive and own shares of each function, for one family (or all
rules) on one of bench_families' document sets.

    python bench/profile_sampled.py [--sets generated,short,shared] [--docs 300] [--family all] [--repeat 3]
                                    [--rate 200] [--focus _analyse_document] [--top 40]

The child measures the family as ``bench_families.py`` does (pass 2's groups, fresh documents each
repetition, the set's batch context built and the models warmed up first) under ``py-spy record``
(``pip install py-spy``), which samples the stacks without hooking calls: cProfile and pyinstrument add a
cost to every Python call, so they inflate call-heavy code (a per-line regex helper read as 9 % of the
chrome analysis under cProfile, 3 % sampled). Only the samples taken inside the repetitions are counted
(not the warm-up). ``--focus NAME``: shares within the calls of the function NAME (its subtree).
Native frames (a regex scan, an automaton, numpy) count as their Python caller's own time.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_LOCATION = re.compile(r" \((?:.*?/)?(?P<path>(?:checks|rules|bench|numpy)/[^:]*|[^/:]*):\d+\)$")


def _child(sets_file: Path, name: str, family: str, repeat: int) -> None:
    sys.path.insert(0, str(HERE))
    import bench_families

    measurer = bench_families.Measurer(sets_file, None)
    _warm_up(measurer, name, family)
    for _ in range(repeat):
        measurer.seconds(name, family)


def _warm_up(measurer: Any, name: str, family: str) -> None:
    """One measurement that fills the per-line caches; its samples are not counted (see :func:`shares`)."""
    measurer.seconds(name, family)


def _short(frame: str) -> str:
    """``function (path)``, the line number and the folders above the package dropped."""
    return _LOCATION.sub(lambda m: f" ({m.group('path')})", frame)


def shares(raw: Path, focus: str | None) -> tuple[int, collections.Counter[str], collections.Counter[str]]:
    """(samples counted, inclusive samples per function, own samples per function) of a py-spy raw file,
    counting only the stacks inside ``Measurer.seconds`` called from ``_child``'s repetitions, not from its warm-up.

    >>> raw = Path(tempfile.mkdtemp()) / "raw.txt"
    >>> _ = raw.write_text("\\n".join(["_child (bench/profile_sampled.py:30);_warm_up (bench/profile_sampled.py:38);"
    ...                                "Measurer.seconds (bench/bench_families.py:160);scan (rules/x.py:3) 7",
    ...                                "_child (bench/profile_sampled.py:32);Measurer.seconds (bench/bench_families.py:160);"
    ...                                "scan (rules/x.py:3) 2"]), encoding="utf-8")
    >>> shares(raw, None)[0], dict(shares(raw, None)[2])
    (2, {'scan (x.py)': 2})
    """
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_short(f) for f in stack.split(";")]
        if not any(f.startswith("Measurer.seconds ") for f in frames) or any(f.startswith("_warm_up ") for f in frames):
            continue
        if focus is not None:
            at = next((k for k, f in enumerate(frames) if f.startswith(focus + " ")), None)
            if at is None:
                continue
            frames = frames[at:]
        n = int(count)
        total += n
        for name in set(frames):
            inclusive[name] += n
        own[frames[-1]] += n
    return total, inclusive, own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="generated,short,shared")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--family", default="all", help="a family prefix (SP, BP, ...) or 'all'")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rate", type=int, default=200, help="samples a second")
    parser.add_argument("--focus", help="shares within this function's calls (its name as py-spy prints it)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child[0]), args.child[1], args.child[2], int(args.child[3]))
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise SystemExit("needs py-spy: pip install py-spy")
    sys.path.insert(0, str(HERE))
    import bench_families

    with tempfile.TemporaryDirectory() as tmp:
        sets_file = bench_families.build_sets(args.sets.split(","), args.docs, Path(tmp))
        for name in args.sets.split(","):
            raw = Path(tmp) / f"{name}.txt"
            subprocess.run([spy, "record", "-r", str(args.rate), "-f", "raw", "-o", str(raw), "--",
                            sys.executable, __file__, "--child", str(sets_file), name, args.family, str(args.repeat)],
                           check=True, capture_output=True)
            total, inclusive, own = shares(raw, args.focus)
            print(f"== {name}: {args.family}{f' within {args.focus}' if args.focus else ''}, {total} samples")
            for title, counts in (("inclusive", inclusive), ("own", own)):
                print(f"-- {title}")
                for function, n in counts.most_common(args.top):
                    print(f"{100 * n / max(total, 1):6.1f} %  {function}")


if __name__ == "__main__":
    main()
