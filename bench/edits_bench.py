"""Edit commands at two register sizes, run in turn, so that the growth between sizes is measured
in the same minutes (``bench/keyboard_bench.py`` runs one size after the other, and on a shared
machine the floor moves between them).

    python bench/edits_bench.py [--folder DIR] [--sizes 300,3000] [--runs 11] [--source OLD_TREE ...]

For each edit of ``bench/keyboard_bench.py`` (``update`` ... ``person add``, ``--no-commit``, the
files put back after each run), each run is: the floor (``python -c "import click, yaml"``),
then the edit with each tree at each size, in turn. The registers are those of the keyboard
bench (``--folder``, made by it if missing: a generated history and RSK-BENCH). Each tree is
copied and compiled to bytecode as ``pip install`` does; ``--source`` adds a tree to compare
(e.g. ``git archive <commit> govtool | tar -x -C DIR``), this tree is always measured. CPU time
(user + system) of the process and the Git processes it starts; the table gives each median,
its multiple of the floor's median, and the growth from the first size to the last.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.keyboard_bench import _children_cpu, edits, prepare, restorer
from bench.precommit_bench import INSTALLED, environments

FLOOR = ["-c", "import click, yaml"]


def cpu_seconds(root: Path, args: list[str], env: dict[str, str]) -> float:
    before = _children_cpu()
    done = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return _children_cpu() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "govtool-keyboard-bench")
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--only", default="", help="comma-separated edit names (default: every edit)")
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="another govtool source tree to measure beside this one (repeatable)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    roots = {size: prepare(args.folder / f"a{size}", size, 8 * size) for size in sizes}
    plans = {size: edits(root) for size, root in roots.items()}
    wanted = [name for name in plans[sizes[0]] if not args.only or name in args.only.split(",")]
    trees = [Path(__file__).resolve().parent.parent, *args.source]
    floor: list[float] = []
    found: dict[tuple[str, int, int], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="govtool-bench-") as scratch:
        envs = [environments(tree.resolve(), Path(scratch) / str(n))[INSTALLED] for n, tree in enumerate(trees)]
        for name in wanted:
            for env in envs:  # one run not counted: the caches in .git/govtool catch up with the tree
                for size in sizes:
                    command, files = plans[size][name]
                    put_back = restorer(roots[size], files)
                    try:
                        cpu_seconds(roots[size], ["-m", "govtool", *command], env)
                    finally:
                        put_back()
            for _ in range(args.runs):
                floor.append(cpu_seconds(roots[sizes[0]], FLOOR, envs[0]))
                for number, env in enumerate(envs):
                    for size in sizes:
                        command, files = plans[size][name]
                        put_back = restorer(roots[size], files)
                        try:
                            seconds = cpu_seconds(roots[size], ["-m", "govtool", *command], env)
                        finally:
                            put_back()
                        found.setdefault((name, number, size), []).append(seconds)
    base = statistics.median(floor)
    print(f'CPU seconds, median of {args.runs} runs; floor python -c "import click, yaml" {base:.3f} s '
          f"(median of {len(floor)}, {min(floor):.3f}-{max(floor):.3f})")
    print("| edit | tree | " + " | ".join(f"{size:,} actions" for size in sizes) + " | growth |")
    print("|---|---|" + "---|" * (len(sizes) + 1))
    for name in wanted:
        for number, tree in enumerate(trees):
            medians = [statistics.median(found[(name, number, size)]) for size in sizes]
            cells = " | ".join(f"{m:.3f} s ({m / base:.2f}×)" for m in medians)
            label = "this tree" if number == 0 else str(tree)
            print(f"| {name} | {label} | {cells} | {medians[-1] / medians[0]:.2f}× |")


if __name__ == "__main__":
    main()
