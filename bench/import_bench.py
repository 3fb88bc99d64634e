"""Import benchmark: ``govtool import --apply`` of a 40-row plan, with and without the pre-commit hook.

    python bench/import_bench.py [--rows 40] [--runs 3] [--source DIR]

Each run builds a fresh register (``govtool init --auto-commit``, three people) in a temporary
folder and imports a CSV plan of ``--rows`` actions under ``--rows // 4`` findings, every
other row with a progress note, so the import makes people, a source, actions and notes.
Two set-ups: no hook, and a pre-commit hook that runs ``govtool lint --staged`` (what
``pre-commit install`` runs for the hook ``govtool init`` writes, without the pre-commit
framework's own start-up). Prints the best and median wall time of ``--runs`` imports, the
commits the import made, and how many times the hook ran: none, as an import is committed as
received, without the pre-commit check. ``--source`` points at another
govtool tree (e.g. an older commit exported with ``git archive``) to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = [("amy.jones", "Amy Jones", "Clinical Lead"), ("sam.patel", "Sam Patel", "Deputy Manager"),
          ("jane.smith", "Jane Smith", "Registered Manager")]


def plan_csv(rows: int) -> str:
    lines = ["Finding,Regulation,Action,Lead,By when,Progress update"]
    for number in range(rows):
        finding = f"Medicines records had gaps on unit {number // 4 + 1}"  # on every row: older versions need it
        owner = PEOPLE[number % len(PEOPLE)][1]
        note = f"Audit tool agreed for unit {number // 4 + 1}" if number % 2 else ""
        lines.append(f"{finding},12,Audit 10 MAR charts on unit {number + 1} every week and report the results "
                     f"to the governance meeting,{owner},28/0{number % 3 + 1}/2030,{note}")
    return "\n".join(lines) + "\n"


def govtool(source: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source), "GIT_AUTHOR_NAME": "Amy Jones", "GIT_COMMITTER_NAME": "Amy Jones",
           "GIT_AUTHOR_EMAIL": "amy@example.org", "GIT_COMMITTER_EMAIL": "amy@example.org"}
    return subprocess.run([sys.executable, "-m", "govtool", *args], cwd=cwd, env=env, text=True, capture_output=True,
                          check=False)


def one_run(source: Path, rows: int, hook: bool) -> tuple[float, int, int]:
    """(seconds, commits made by the import, hook runs) for one import into a fresh register."""
    with tempfile.TemporaryDirectory(prefix="govtool-import-bench-") as folder:
        place = Path(folder)
        govtool(source, place, "init", "reg", "--provider", "Bench Care Ltd", "--location", "Bench House",
                "--auto-commit")
        register = place / "reg"
        for person_id, name, role in PEOPLE:
            govtool(source, register, "person", "add", person_id, "--name", name, "--role", role)
        counter = place / "hook-runs"
        if hook:
            script = register / ".git" / "hooks" / "pre-commit"
            script.write_text(f"#!/bin/sh\necho run >> {counter}\nPYTHONPATH={source} exec {sys.executable} -m govtool "
                              "lint --staged\n")
            script.chmod(0o755)
        (place / "plan.csv").write_text(plan_csv(rows))
        before = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=register, capture_output=True,
                                    text=True, check=True).stdout)
        started = time.perf_counter()
        done = govtool(source, register, "import", str(place / "plan.csv"), "--source-type", "inspection_report",
                       "--source-date", "01/11/2026", "--by", "amy.jones", "--apply")
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"the import failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        after = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=register, capture_output=True,
                                   text=True, check=True).stdout)
        runs = len(counter.read_text().splitlines()) if counter.exists() else 0
        return elapsed, after - before, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT, help="the govtool tree to run (default: this one)")
    options = parser.parse_args()
    for hook in (False, True):
        results = [one_run(options.source.resolve(), options.rows, hook) for _ in range(options.runs)]
        times = [seconds for seconds, _, _ in results]
        _, commits, runs = results[-1]
        print(f"{options.rows} rows, {'with' if hook else 'without'} the hook: best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s; {commits} commit{'' if commits == 1 else 's'}, hook run {runs} "
              f"time{'' if runs == 1 else 's'}")


if __name__ == "__main__":
    main()
