"""Portfolio benchmark: a consultant's 200 clients, each a register of 200 actions in Git.

    python bench/portfolio_bench.py [--folder /tmp/govtool-portfolio-bench] [--registers 200]
                                    [--actions 200] [--runs 5]

The registers are generated once (``bench/generate.py``, one seed per client) outside the
project tree, each its own repository with two dated commits (the plan, then a month of
progress notes on a tenth of the actions), and kept between runs; delete the folder to
regenerate. Then it times the real command, ``python -m govtool portfolio DIR --format json``,
in a subprocess:

- cold: no cache at all (every register parsed, judged, its history read, linted);
- summaries dropped: the parse, verdict and history caches kept, the per-register summaries
  deleted (what a new govtool version costs on the second day);
- warm: nothing changed (best and median of ``--runs``);
- one register changed: a progress note added (uncommitted) to one client's action;
and, in-process, the floors a warm run is compared with: reading every register's summary
and stat-ing its files (what a warm run does besides starting up), and ``load_register``
with the parse cache for every register (the least work any run that looks at the records
could do). Start-up is ``python -m govtool --version``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate
from govtool.cache.store import code_version, read_checked, register_cache_path
from govtool.register.load import load_register
from govtool.views.portfolio.find import find_registers
from govtool.views.portfolio.signature import signature
from govtool.views.portfolio.summary import CACHE_FORMAT

GENERATOR_VERSION = "1"
PROJECT = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-30"


def git(folder: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00",
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def make_client(root: Path, number: int, actions: int) -> None:
    """One client's register: the plan in one commit, a month of progress notes in a second."""
    generate(root, actions, seed=1000 + number)
    settings_path = root / "govtool.yaml"
    settings = yaml.safe_load(settings_path.read_text())
    settings["location"] = f"Client {number:03d} House"
    settings_path.write_text(yaml.safe_dump(settings, sort_keys=False))
    git(root, "init", "-q", "-b", "main", date="2026-01-05")
    git(root, "add", "-A", date="2026-01-05")
    git(root, "commit", "-q", "-m", "The plan", date="2026-01-05")
    changed = 0
    for path in sorted((root / "actions").glob("*.yaml"))[:: 10]:
        record = yaml.safe_load(path.read_text())
        if record.get("status") != "in_progress":
            continue
        owner = record["updates"][0]["by"] if record.get("updates") else next(iter(settings["people"]))
        record.setdefault("updates", []).append(
            {"date": "2026-02-05", "by": owner, "note": "February audit done and reported to the governance meeting.",
             "next_milestone": "March audit at target", "milestone_due": "2026-03-05"})
        path.write_text(yaml.safe_dump(record, sort_keys=False, width=100))
        changed += 1
    git(root, "commit", "-q", "-am", f"Progress notes on {changed} actions", date="2026-02-05")


def generate_all(folder: Path, registers: int, actions: int) -> None:
    stamp = folder / ".generated"
    wanted = f"{GENERATOR_VERSION} {registers} {actions}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for number in range(registers):
        make_client(folder / f"client-{number:03d}", number, actions)
        if number % 20 == 19:
            print(f"  generated {number + 1}/{registers} registers ({time.perf_counter() - started:.0f} s)", flush=True)
    # files as a user's would be: written well before the run (see govtool/views/portfolio/signature.py)
    an_hour_ago = time.time() - 3600
    for path in folder.rglob("*"):
        if ".git" not in path.parts:
            os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    stamp.write_text(wanted)


def run_portfolio(folder: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "govtool", "portfolio", str(folder), "--as-of", AS_OF,
                           "--format", "json"], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"portfolio failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.stderr.strip().splitlines()[-1]


def timed(command: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def drop(folder: Path, pattern: str) -> None:
    for git_dir in folder.glob("*/.git/govtool"):
        for path in git_dir.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def floors(folder: Path) -> tuple[float, float]:
    roots = list(find_registers(folder))
    started = time.perf_counter()
    for root in roots:
        signature(root, AS_OF)
        path = register_cache_path(root, "portfolio", code_version(), ".json")
        assert path is not None
        read_checked(path, CACHE_FORMAT, code_version())
    summaries = time.perf_counter() - started
    started = time.perf_counter()
    for root in roots:
        load_register(root)
    loads = time.perf_counter() - started
    return summaries, loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/govtool-portfolio-bench"))
    parser.add_argument("--registers", type=int, default=200)
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder: Path = args.folder
    print(f"{args.registers} registers of {args.actions} actions in {folder}", flush=True)
    generate_all(folder, args.registers, args.actions)

    drop(folder, "*")
    cold, note = run_portfolio(folder)
    print(f"cold (no cache at all):                  {cold:7.2f} s   [{note}]", flush=True)
    drop(folder, "portfolio-*")
    relint, note = run_portfolio(folder)
    print(f"summaries dropped (lint caches kept):    {relint:7.2f} s   [{note}]", flush=True)
    warm = []
    for _ in range(args.runs):
        seconds, note = run_portfolio(folder)
        warm.append(seconds)
    print(f"warm, nothing changed (best / median):   {min(warm):7.2f} s / {statistics.median(warm):.2f} s   [{note}]")

    target = sorted((folder / "client-000" / "actions").glob("*.yaml"))[1]
    original = target.read_bytes()
    try:
        target.write_text(original.decode() + f"# touched by the benchmark at {dt.datetime.now().isoformat()}\n")
        past = time.time() - 3600
        os.utime(target, (past, past))
        one, note = run_portfolio(folder)
        print(f"one register changed:                    {one:7.2f} s   [{note}]")
    finally:
        target.write_bytes(original)
        os.utime(target, (time.time() - 3600, time.time() - 3600))

    startup = min(timed([sys.executable, "-m", "govtool", "--version"]) for _ in range(args.runs))
    summaries, loads = floors(folder)
    print(f"start-up floor (govtool --version):      {startup:7.2f} s")
    print(f"stat + read every summary (in-process):  {summaries:7.2f} s")
    print(f"load_register x{args.registers} with parse caches:  {loads:7.2f} s")


if __name__ == "__main__":
    main()
