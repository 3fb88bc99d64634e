"""Pre-commit benchmark: the real ``govtool lint`` command after staging a one-file change.

    python bench/precommit_bench.py [--folder /tmp/govtool-history-bench] [--source DIR] [--runs 5]

Uses the repository of ``bench/history_bench.py`` (2,000 actions, ~16,000 commits; generated
on first use). The caches in ``.git/govtool`` are warmed by one run; then, ``--runs`` times, one action file
gets a new edit and is staged and ``python -m govtool lint --format json`` runs in a subprocess
(best of the runs; also the same staged change linted again), in two set-ups:

- as this machine runs the source tree (PYTHONDONTWRITEBYTECODE=1: every module compiled
  from source on every run, as in a checkout on a machine that forbids bytecode files);
- with bytecode (compiled first into a private PYTHONPYCACHEPREFIX, as an installed copy is).

Next to them: the floors (the interpreter starting with nothing imported, and with the YAML and
click libraries), and ``load_register`` in this process without and with the parse cache.
``--source`` points at another govtool tree (e.g. an older commit exported with ``git
archive``) to compare. The edit is undone and unstaged at the end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.history_bench import GENERATOR_VERSION, generate  # noqa: E402

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


def environments(source: Path, pycache: Path) -> dict[str, dict[str, str]]:
    # An empty prefix hides any __pycache__ left in the tree: "no bytecode" really has none.
    (pycache / "none").mkdir()
    plain = {**os.environ, "PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1",
             "PYTHONPYCACHEPREFIX": str(pycache / "none")}
    compiled = {**plain, "PYTHONPYCACHEPREFIX": str(pycache / "compiled")}
    compiled.pop("PYTHONDONTWRITEBYTECODE")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source / "govtool")], env=compiled, check=True)
    return {"source tree, no bytecode": plain, "with bytecode (as installed)": compiled}


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

    with tempfile.TemporaryDirectory(prefix="govtool-pycache-") as pycache:
        envs = environments(source, Path(pycache))
        plain = envs["source tree, no bytecode"]
        print(f"floor: python -c pass: {best_of(args.runs, command(root, plain, '-c', 'pass')):.3f}s; "
              f"with yaml + click imported: "
              f"{best_of(args.runs, command(root, plain, '-c', 'import yaml, click')):.3f}s")
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
            command(root, plain, *lint)()  # warm the history and parse caches in .git/govtool
            for name, env in envs.items():
                run = command(root, env, *lint)
                times = []
                for _ in range(args.runs):
                    stage_an_edit()
                    times.append(best_of(1, run))
                again = best_of(args.runs, run)
                print(f"pre-commit: govtool lint --format json after a staged one-file change, {name}: "
                      f"{min(times):.3f}s (the same staged change linted again: {again:.3f}s)")
        finally:
            subprocess.run(["git", "reset", "-q", "--", EDITED], cwd=root, check=True)
            target.write_bytes(original)
        status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
        print("bench repository restored" if not status else f"bench repository NOT clean:\n{status}")


if __name__ == "__main__":
    main()
