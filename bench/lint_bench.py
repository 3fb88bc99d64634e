"""Lint speed against the floor of reading and parsing every record: ``python bench/lint_bench.py``.

In one run, on generated registers (bench/generate.py):
(a) the floor: read every record file and ``yaml.load(..., Loader=yaml.CSafeLoader)`` it;
(b) ``govtool lint`` without history, as the in-process engine call;
each the best of several interleaved runs in CPU time, at 2,000 actions (target: lint <= 1.5x the floor) and at
20,000 (lint time per action should stay flat: linear, not quadratic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate
from govtool.lint.engine import lint_register

TODAY = dt.date(2026, 11, 26)


def floor(root: Path) -> None:
    for folder in ("actions", "sources", "risks"):
        for path in sorted((root / folder).iterdir()):
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def lint(root: Path) -> None:
    lint_register(root, today=TODAY)


def timed(function: Callable[[Path], None], root: Path) -> float:
    """CPU seconds of this process (user + system): steadier than wall time on a shared machine."""
    start = time.process_time()
    function(root)
    return time.process_time() - start


def measure(root: Path, actions: int, runs: int) -> tuple[float, float]:
    generate(root, actions)
    lint(root)  # warm up: imports, schema compilation, the OS file cache
    floor_times, lint_times = [], []
    for _ in range(runs):  # interleaved, so that both see the same machine load
        floor_times.append(timed(floor, root))
        lint_times.append(timed(lint, root))
    floor_time, lint_time = min(floor_times), min(lint_times)
    problems = len(lint_register(root, today=TODAY).problems)
    print(f"{actions:>6} actions: floor {floor_time * 1000:8.1f} ms   lint {lint_time * 1000:8.1f} ms   "
          f"ratio {lint_time / floor_time:4.2f}   ({problems} problems)")
    return floor_time, lint_time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000, help="size for the linearity check (0 to skip)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small_floor, small_lint = measure(Path(tmp) / "small", args.actions, args.runs)
        ok = small_lint <= 1.5 * small_floor
        print(f"target lint <= 1.5x floor at {args.actions}: {'met' if ok else 'NOT met'}")
        if args.large:
            large_floor, large_lint = measure(Path(tmp) / "large", args.large, max(1, args.runs // 2))
            growth = (large_lint / args.large) / (small_lint / args.actions)
            floor_growth = (large_floor / args.large) / (small_floor / args.actions)
            print(f"time per action at {args.large} / at {args.actions}: lint {growth:.2f}, "
                  f"floor {floor_growth:.2f} (1.00 = linear; the floor shows what the machine adds)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
