"""Pre-commit benchmark: the real ``govtool lint`` command after staging a one-file change.

    python bench/precommit_bench.py [--folder /tmp/govtool-history-bench] [--source DIR] [--runs 5]

Uses the repository of ``bench/history_bench.py`` (2,000 actions, ~16,000 commits; generated
on first use). The caches in ``.git/govtool`` are warmed by one run; then, ``--runs`` times, one action file
gets a new edit and is staged and ``python -m govtool lint --format json`` runs in a subprocess
(best and median of the runs; also the same staged change linted again), in two set-ups, each
on a fresh copy of the govtool package:

- as installed: bytecode compiled next to the source first, as ``pip install`` does;
- from a source checkout with PYTHONDONTWRITEBYTECODE=1 (this machine sets it): govtool's own
  modules are compiled from source on every run. The standard library and the dependencies
  keep the bytecode they were installed with in both set-ups.

Next to them: the floors (the interpreter starting with nothing imported, and with the YAML,
click and GitPython libraries), and ``load_register`` in this process without and with the
parse cache. ``--source`` points at another govtool tree (e.g. an older commit exported with
``git archive``) to compare. The edit is undone and unstaged at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.history_bench import GENERATOR_VERSION, generate

EDITED = "actions/ACT-B00007.yaml"


def best_of(runs: int, function: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def command(root: Path, env: dict[str, str], *args: str) -> Callable[[], object]:
    def run() -> subprocess.CompletedProcess[bytes]:
        done = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        return done
    return run


INSTALLED = "as installed (bytecode compiled at install)"
FROM_SOURCE = "source checkout, no bytecode written"


def environments(source: Path, scratch: Path) -> dict[str, dict[str, str]]:
    """The two set-ups, each on its own copy of the package (no stale bytecode either way)."""
    base = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    base.pop("PYTHONPYCACHEPREFIX", None)
    envs = {}
    for name in (INSTALLED, FROM_SOURCE):
        tree = scratch / ("installed" if name == INSTALLED else "source")
        shutil.copytree(source / "govtool", tree / "govtool", ignore=shutil.ignore_patterns("__pycache__"))
        envs[name] = {**base, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(scratch / "installed" / "govtool")],
                   env=envs[INSTALLED], check=True)
    return envs


def in_process(root: Path, source: Path, runs: int) -> None:
    """load_register alone, with the collector paused as lint pauses it."""
    script = (
        "import gc, sys, time; from pathlib import Path; gc.disable()\n"
        "from govtool.register.load import load_register\n"
        "import inspect; cached = 'use_cache' in inspect.signature(load_register).parameters\n"
        f"root = Path({str(root)!r})\n"
        "def best(**kw):\n"
        "    times = []\n"
        f"    for _ in range({runs}):\n"
        "        t = time.perf_counter(); load_register(root, **kw); times.append(time.perf_counter() - t)\n"
        "    return min(times)\n"
        "print(f'load_register, every file parsed: {best(**({\"use_cache\": False} if cached else {})):.3f}s')\n"
        "if cached: print(f'load_register, parse cache used: {best():.3f}s')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(source)}
    print(subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True,
                         check=True).stdout, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "govtool-history-bench")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the govtool source tree to run (default: this one)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = generate(args.folder, 2000, 16000)
    generated_tip = next(args.folder.glob(f"generated-v{GENERATOR_VERSION}-*")).read_text().strip()
    subprocess.run(["git", "reset", "-q", "--hard", generated_tip], cwd=root, check=True)
    source = args.source.resolve()
    print(f"repository: {root}; govtool from {source}; best of {args.runs}")

    with tempfile.TemporaryDirectory(prefix="govtool-bench-") as scratch:
        envs = environments(source, Path(scratch))
        installed = envs[INSTALLED]
        floors = {"python -c pass": "pass", "importing yaml + click": "import yaml, click",
                  "importing yaml + click + git (GitPython)": "import yaml, click, git"}
        print("floors: " + "; ".join(f"{name}: {best_of(args.runs, command(root, installed, '-c', code)):.3f}s"
                                     for name, code in floors.items()))
        in_process(root, source, args.runs)
        lint = ("-m", "govtool", "lint", "--format", "json")
        target = root / EDITED
        original = target.read_bytes()
        edits = iter(range(1_000_000))

        def stage_an_edit() -> None:
            """A new edit each time, as each commit brings: the file's parse is never cached yet."""
            edited = original.replace(b"status:", f"# benchmark edit {next(edits)}\nstatus:".encode(), 1)
            target.write_bytes(edited)
            subprocess.run(["git", "add", EDITED], cwd=root, check=True)

        try:
            command(root, installed, *lint)()  # warm the history and parse caches in .git/govtool
            for name, env in envs.items():
                run = command(root, env, *lint)
                times = []
                for _ in range(args.runs):
                    stage_an_edit()
                    times.append(best_of(1, run))
                again = best_of(args.runs, run)
                print(f"pre-commit: govtool lint --format json after a staged one-file change, {name}: "
                      f"best {min(times):.3f}s, median {statistics.median(times):.3f}s "
                      f"(the same staged change linted again: best {again:.3f}s)")
        finally:
            subprocess.run(["git", "reset", "-q", "--", EDITED], cwd=root, check=True)
            target.write_bytes(original)
        status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
        print("bench repository restored" if not status else f"bench repository NOT clean:\n{status}")


if __name__ == "__main__":
    main()
