"""What a person at the keyboard feels: edits, the pre-commit lint, show, reports, at four sizes.

    python bench/keyboard_bench.py [--sizes 300,2000,3000,20000] [--commits 2400,16000,24000,24000] [--runs 7]

Each size is a register generated with a realistic Git history by ``bench/history_bench.py``
(by default eight commits per action: creations, notes, re-dates, completions, slips), kept in
``--folder`` between runs, plus one committed risk (RSK-BENCH) for ``review``. Every figure is
the whole ``govtool`` process (``python -m govtool ...`` in a subprocess, the package compiled
to bytecode first as ``pip install`` does), ``--runs`` times: the median and the spread
(fastest to slowest), in CPU time (user + system of the process and the Git processes it
starts: steadier than wall time on a shared machine; ``--wall`` for wall-clock time). In the same run, the floors: ``python -c pass`` and
``python -c "import click, yaml"`` (Python's own start-up with govtool's two first imports),
and each command's median as a multiple of the second.

- edits (``--no-commit``): update, redate, complete, close, cancel, reopen, edit, review,
  person add, person leave; the file is put back after each run, so every run makes the same edit;
- pre-commit: ``govtool lint --format json`` after a new one-file change is staged (caches
  warmed by one run first), as ``bench/precommit_bench.py`` does, on two registers of each
  size: the history bench's (thousands of standing problems: its evidence file is missing,
  its dates long past) and a clean one (``bench/generate.py --clean``, one commit, no standing
  problem: what a register kept behind the hook looks like, since the hook refuses errors);
- ``show`` of an action, warm;
- ``report all`` and ``export --format xlsx`` (up to ``--reports-up-to`` actions: at 20,000
  the Word plan alone is minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate as generate_flat
from bench.history_bench import GENERATOR_VERSION, generate
from bench.precommit_bench import INSTALLED, environments

COMMITS_PER_ACTION = 8
RISK = """\
id: RSK-BENCH
title: Harm because audits are late
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Weekly audit of 10 records, effectiveness: partial}
"""
BY = ("--by", "jane.smith", "--no-commit")
CHANGE = "MAR charts 99% complete in three weekly audits (was 82%)"


def prepare(folder: Path, actions: int, commits: int) -> Path:
    """The generated repository at its generated tip, with RSK-BENCH committed on top."""
    root = generate(folder, actions, commits)
    tip = next(folder.glob(f"generated-v{GENERATOR_VERSION}-*")).read_text().strip()
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@bench.example"]
    subprocess.run([*git, "reset", "-q", "--hard", tip], cwd=root, check=True)
    (root / "risks").mkdir(exist_ok=True)
    (root / "risks" / "RSK-BENCH.yaml").write_text(RISK, encoding="utf-8")
    subprocess.run([*git, "add", "risks"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Bench: a risk to review"], cwd=root, check=True)
    return root


def prepare_clean(folder: Path, actions: int) -> Path:
    """A register generated with ``--clean`` (dates around today, so made again each day), in
    one commit."""
    root = folder / "repo"
    marker = folder / f"clean-v1-{actions}-{dt.date.today().isoformat()}"
    if marker.exists():
        subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
        return root
    if folder.exists():
        shutil.rmtree(folder)
    generate_flat(root, actions, clean=True)
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@bench.example"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "A clean register"], cwd=root, check=True)
    marker.write_text("")
    return root


def in_state(root: Path, status: str, skip: int = 0) -> str:
    """The ID of an action in ``status`` (the ``skip``-th found), by the file's own line."""
    found = [p.stem for p in sorted((root / "actions").glob("*.yaml"))
             if f"\nstatus: {status}\n" in p.read_text(encoding="utf-8")]
    return found[skip]


def edits(root: Path) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (govtool arguments, files the command changes, put back after each run)."""
    busy, done, other = in_state(root, "in_progress"), in_state(root, "completed"), in_state(root, "completed", 1)
    act = lambda i: f"actions/{i}.yaml"  # noqa: E731
    return {
        "update": (["update", busy, "--note", "Audit 5: 96% compliant.", *BY], [act(busy)]),
        "redate": (["redate", busy, "--to", "2031-03-31", "--reason", "Supplier delay", *BY], [act(busy)]),
        "complete": (["complete", busy, "--change", CHANGE, "--evidence", "https://docs.example.org/a", *BY],
                     [act(busy)]),
        "close": (["close", done, "--note", "Evidence checked at the governance meeting", *BY], [act(done)]),
        "cancel": (["cancel", busy, "--reason", "Superseded by a wider action", *BY], [act(busy)]),
        "reopen": (["reopen", other, "--reason", "The re-audit found old forms in use", *BY], [act(other)]),
        "edit": (["edit", busy, "--title", "Weekly audit of 20 care records, results to governance",
                  "--reason", "Bigger sample agreed", *BY], [act(busy)]),
        "review": (["review", "RSK-BENCH", "--likelihood", "2", "--consequence", "4", "--note", "Audits on time",
                    *BY], ["risks/RSK-BENCH.yaml"]),
        "person add": (["person", "add", "ravi.shah", "--name", "Ravi Shah", "--role", "Quality Lead", "--no-commit"],
                       ["govtool.yaml"]),
        "person leave": (["person", "leave", "jane.smith", "--date", "2026-06-30", "--no-commit"], ["govtool.yaml"]),
    }


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


class Runner:
    def __init__(self, root: Path, env: dict[str, str], runs: int, wall: bool):
        self.root, self.env, self.runs, self.wall = root, env, runs, wall

    def once(self, args: list[str], ok: tuple[int, ...] = (0,)) -> float:
        """The run's seconds: CPU time (user + system, with the Git processes it starts) unless
        ``--wall``. On a shared machine wall time swings with the other users' load."""
        before, started = _children_cpu(), time.perf_counter()
        done = subprocess.run([sys.executable, *args], cwd=self.root, env=self.env, capture_output=True)
        seconds = time.perf_counter() - started if self.wall else _children_cpu() - before
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
        return seconds

    def times(self, args: list[str], before: Callable[[], None] = lambda: None,
              after: Callable[[], None] = lambda: None, ok: tuple[int, ...] = (0,)) -> list[float]:
        found = []
        for _ in range(self.runs):
            before()
            try:
                found.append(self.once(args, ok))
            finally:
                after()
        return found


def restorer(root: Path, files: list[str]) -> Callable[[], None]:
    saved = {name: (root / name).read_bytes() for name in files}

    def restore() -> None:
        for name, raw in saved.items():
            (root / name).write_bytes(raw)
    return restore


PRECOMMIT = "pre-commit lint (one staged change), history bench register (standing problems)"
PRECOMMIT_CLEAN = "pre-commit lint (one staged change), clean register (generate.py --clean)"


def precommit(run: Runner) -> list[float]:
    """``govtool lint --format json`` after a new one-line edit of one action is staged."""
    root = run.root
    lint = ["-m", "govtool", "lint", "--format", "json"]
    target = in_state(root, "in_progress", skip=1)
    path = root / "actions" / f"{target}.yaml"
    original = path.read_bytes()
    counter = iter(range(1_000_000))

    def stage_an_edit() -> None:  # a new edit each time, as each commit brings
        path.write_bytes(original.replace(b"status:", f"# edit {next(counter)}\nstatus:".encode(), 1))
        subprocess.run(["git", "add", str(path)], cwd=root, check=True)

    def unstage() -> None:
        subprocess.run(["git", "reset", "-q", "--", str(path)], cwd=root, check=True)
        path.write_bytes(original)

    run.once(lint, ok=(0, 1))  # warm the caches in .git/govtool
    return run.times(lint, before=stage_an_edit, after=unstage, ok=(0, 1))


def measure(root: Path, env: dict[str, str], runs: int, reports: bool, scratch: Path,
            wall: bool, clean: Path | None = None) -> dict[str, list[float]]:
    run = Runner(root, env, runs, wall)
    govtool = ["-m", "govtool"]
    results: dict[str, list[float]] = {
        "python -c pass": run.times(["-c", "pass"]),
        'python -c "import click, yaml"': run.times(["-c", "import click, yaml"]),
    }
    for name, (args, files) in edits(root).items():
        results[name] = run.times([*govtool, *args], after=restorer(root, files))

    results[PRECOMMIT] = precommit(run)
    if clean is not None:
        results[PRECOMMIT_CLEAN] = precommit(Runner(clean, env, runs, wall))
    shown = in_state(root, "in_progress", skip=2)
    run.once([*govtool, "show", shown])
    results["show (warm)"] = run.times([*govtool, "show", shown])
    if reports:
        out = scratch / "reports"
        results["report all"] = run.times([*govtool, "report", "all", "--as-of", "2026-11-26", "-o", str(out)])
        results["export --format xlsx"] = run.times([*govtool, "export", "--format", "xlsx", "-o",
                                                     str(scratch / "plan.xlsx")])
    return results


def table(by_size: dict[int, dict[str, list[float]]]) -> str:
    sizes = list(by_size)
    floor = 'python -c "import click, yaml"'
    lines = ["| | " + " | ".join(f"{n:,} actions" for n in sizes) + " | growth, last / first |",
             "|---|" + "---|" * (len(sizes) + 1)]
    names = list(next(iter(by_size.values())))
    for name in names:
        cells = []
        for n in sizes:
            times = by_size[n].get(name)
            if not times:
                cells.append("–")
                continue
            median = statistics.median(times)
            ratio = median / statistics.median(by_size[n][floor])
            cells.append(f"{median:.3f} s ({min(times):.3f}–{max(times):.3f}), {ratio:.2f}×")
        first, last = by_size[sizes[0]].get(name), next((by_size[n][name] for n in reversed(sizes)
                                                         if by_size[n].get(name)), None)
        growth = f"{statistics.median(last) / statistics.median(first):.2f}×" if first and last else "–"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "govtool-keyboard-bench")
    parser.add_argument("--sizes", default="300,2000,3000,20000")
    parser.add_argument("--commits", default="",
                        help=f"commits for each size, comma-separated (default: {COMMITS_PER_ACTION} per action; "
                             "generating 160,000 commits of 20,000 files takes git fast-import over an hour)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reports-up-to", type=int, default=3000)
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the govtool source tree to run (default: this one)")
    args = parser.parse_args()
    by_size: dict[int, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="govtool-bench-") as scratch:
        env = environments(args.source.resolve(), Path(scratch))[INSTALLED]
        sizes = [int(s) for s in args.sizes.split(",")]
        commits = [int(c) for c in args.commits.split(",")] if args.commits else [COMMITS_PER_ACTION * s for s in sizes]
        for size, history in zip(sizes, commits, strict=True):
            root = prepare(args.folder / f"a{size}", size, history)
            clean = prepare_clean(args.folder / f"clean{size}", size)
            print(f"{size:,} actions: {root}, clean: {clean}", file=sys.stderr)
            by_size[size] = measure(root, env, args.runs, size <= args.reports_up_to, Path(scratch), args.wall,
                                    clean)
    print(f"whole process, {'wall-clock' if args.wall else 'CPU (user + system)'} time: median (fastest–slowest) "
          f'of {args.runs} runs, and the median as a multiple of python -c "import click, yaml" in the same run')
    print(table(by_size))


if __name__ == "__main__":
    main()
