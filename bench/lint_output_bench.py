"""How much of a warm pre-commit lint is writing out the standing problems, in-process.

    python bench/lint_output_bench.py REGISTER [--runs 5]

REGISTER is a register inside Git (e.g. one ``bench/keyboard_bench.py`` generated under its
``--folder``). Each run makes a new one-file change, lints it incrementally (caches warm), and
renders the problems as ``--format json`` does, with the cyclic collector off as the
``govtool`` executable keeps it; it prints the CPU medians of the lint and of the rendering,
and the number of problems. The file is put back at the end. The rendering (and sifting,
part of the lint) grows with the problems a register holds, however small the change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govtool.lint import engine
from govtool.lint.engine import lint_register
from govtool.lint.formats import jsonout
from govtool.lint.formats.view import OutputView


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("register", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = args.register.resolve()
    today = dt.date.today()
    target = sorted((root / "actions").glob("*.yaml"))[5]
    original = target.read_bytes()
    gc.disable()
    lint_register(root, today, incremental=True)
    linting, rendering, problems = [], [], 0
    try:
        for run in range(args.runs):
            target.write_bytes(original.replace(b"status:", f"# edit {run}\nstatus:".encode(), 1))
            started = time.process_time()
            result = lint_register(root, today, incremental=True)
            linted = time.process_time()
            jsonout.render(result, OutputView())
            rendering.append(time.process_time() - linted)
            linting.append(linted - started)
            problems = len(result.problems)
    finally:
        target.write_bytes(original)
    print(f"{root}: {problems:,} problems; lint {statistics.median(linting):.3f} s, "
          f"JSON output {statistics.median(rendering):.3f} s (CPU medians of {args.runs}); last run {engine.LAST_RUN}")


if __name__ == "__main__":
    main()
