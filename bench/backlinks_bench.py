"""The backlinks index's own time, in-process and warm: what ``review`` and ``person leave`` pay
to find the records pointing at one, beside the floor of looking at every record file.

    python bench/backlinks_bench.py [--folder DIR] [--sizes 300,3000] [--runs 21] [--source OLD_TREE]

For each register of the keyboard bench (``--folder``, made by ``bench/keyboard_bench.py``;
RSK-BENCH is its committed risk, jane.smith one of its people), once to bring the index up to
date, then in each round, in turn: the floor (every record folder listed and every file
``lstat``-ed by name through a descriptor of its folder, nothing else), ``files_around``
(``review``'s question) and ``files_owned`` (``person leave``'s). Wall milliseconds, median and
range. ``--source`` imports govtool from another tree (e.g. ``git archive <commit> | tar -x -C
DIR``) to measure it instead of this one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _floor(root: Path) -> None:
    """Every record file listed and looked at once: what no index that trusts stats can skip."""
    for folder_name in ("sources", "risks", "actions"):
        folder = root / folder_name
        names = sorted(name for name in os.listdir(folder) if name.endswith((".yaml", ".yml")))
        fd = os.open(folder, os.O_RDONLY)
        try:
            for name in names:
                os.stat(name, dir_fd=fd, follow_symlinks=False)
        finally:
            os.close(fd)


def _milliseconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "govtool-keyboard-bench")
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--source", type=Path, help="another govtool source tree to import instead of this one")
    args = parser.parse_args()
    sys.path.insert(0, str((args.source or Path(__file__).resolve().parent.parent).resolve()))
    from govtool.register.backlinks import files_around, files_owned
    from govtool.register.vocabulary import ACTIVE_STATUSES

    print(f"govtool from {Path(sys.modules['govtool'].__file__ or '').parent}")
    for size in (int(s) for s in args.sizes.split(",")):
        root = (args.folder / f"a{size}" / "repo").resolve()
        calls: dict[str, Callable[[], object]] = {
            "floor: list + lstat": lambda root=root: _floor(root),
            "files_around RSK-BENCH": lambda root=root: files_around(root, "RSK-BENCH"),
            "files_owned jane.smith": lambda root=root: files_owned(root, "jane.smith", ACTIVE_STATUSES),
        }
        for call in calls.values():  # the index brought up to date
            call()
        found: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(args.runs):
            for name, call in calls.items():
                found[name].append(_milliseconds(call))
        for name, times in found.items():
            print(f"{size:>6} actions  {name:<24} {statistics.median(times):6.2f} ms "
                  f"({min(times):.2f}-{max(times):.2f})")


if __name__ == "__main__":
    main()
