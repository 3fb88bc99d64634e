"""Run a list of govtool commands on one register, bounded, and record what each did.

The hostile harness starts this script once per corpus item, in a fresh process whose address
space is capped (``RLIMIT_AS``), and gives it the commands on standard input as JSON. Each
command runs in-process through click (so thirty commands cost one interpreter start, not
thirty) under a CPU-time limit (``ITIMER_PROF``: it counts the work the command does, so a
loaded machine does not make a healthy command look hung). Before and after each command the register's working tree
and Git refs are hashed; a command that changed anything is followed by a fresh copy of the
pristine register, so every command sees the same hostile input. One JSON line per command
goes to the results file as soon as it finishes, so a crash of the whole process (a C stack
overflow, the memory cap) still names the command that caused it.

Usage: python tests/hostile/driver.py < job.json
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import stat
import sys
import time
import traceback
from pathlib import Path


class CommandTimeout(BaseException):
    """Raised when a command has used its CPU time; a BaseException so that no ``except Exception`` in govtool eats it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise CommandTimeout()


def tree_digest(root: Path) -> dict[str, str]:
    """A hash per entry of the working tree (symlinks by target, never followed) plus Git refs."""
    digests: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if here == root / ".git":  # Git's caches and index may change; its refs may not
            dirs[:] = [d for d in dirs if d == "refs"]
            files = [f for f in files if f in ("HEAD", "packed-refs")]
        for name in dirs + files:
            path = here / name
            relative = str(path.relative_to(root))
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                digests[relative] = "link:" + os.readlink(path)
            elif stat.S_ISDIR(info.st_mode):
                digests[relative] = "dir"
            elif not stat.S_ISREG(info.st_mode):
                digests[relative] = f"special:{stat.S_IFMT(info.st_mode)}"  # a FIFO would block
            else:
                with open(path, "rb") as handle:
                    digests[relative] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _copy_entry(source: str, destination: str) -> None:
    """shutil.copy2, except that a FIFO is re-created (copying would block reading it)."""
    if stat.S_ISFIFO(os.lstat(source).st_mode):
        os.mkfifo(destination)
    else:
        shutil.copy2(source, destination)


def fresh_copy(pristine: Path, work: Path) -> None:
    if work.exists() or work.is_symlink():
        shutil.rmtree(work)
    shutil.copytree(pristine, work, symlinks=True, copy_function=_copy_entry)


def run_one(main: object, argv: list[str], timeout: float) -> dict[str, object]:
    from click.testing import CliRunner

    runner = CliRunner()
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_PROF, timeout)
    outcome: dict[str, object] = {}
    try:
        result = runner.invoke(main, argv, catch_exceptions=True)  # type: ignore[arg-type]
        outcome["exit"] = result.exit_code
        outcome["stdout"] = result.stdout_bytes.decode("utf-8", "replace")
        outcome["stderr"] = result.stderr_bytes.decode("utf-8", "replace")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            outcome["exception"] = "".join(traceback.format_exception(result.exception))
    except CommandTimeout:
        outcome["timeout"] = True
    except MemoryError:
        outcome["exception"] = "MemoryError escaped the CLI"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome


def main() -> None:
    job = json.load(sys.stdin)
    limit = int(job["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGPROF, _on_alarm)
    os.environ["GOVTOOL_PWNED_MARKER"] = job["marker"]
    pristine, work, out = Path(job["pristine"]), Path(job["work"]), Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    fresh_copy(pristine, work)
    watched = [work] + [Path(p) for p in job.get("also_watch", [])]
    baseline = {str(p): tree_digest(p) for p in watched}

    from govtool.cli import main as govtool_main

    with open(job["results"], "w", encoding="utf-8") as results:
        for number, command in enumerate(job["commands"]):
            argv = [a.replace("{work}", str(work)).replace("{out}", str(out)) for a in command["argv"]]
            results.write(json.dumps({"start": number}) + "\n")
            results.flush()
            os.chdir(work)
            outcome = run_one(govtool_main, argv, float(job["timeout"]))
            os.chdir(out)
            outcome["number"] = number
            outcome["name"] = command["name"]
            outcome["argv"] = argv
            after = {str(p): tree_digest(p) for p in watched}
            outcome["changed"] = {
                where: changed(baseline[where], after[where]) for where in baseline if baseline[where] != after[where]
            }
            if outcome["changed"]:
                fresh_copy(pristine, work)
            for stream in ("stdout", "stderr"):
                text = outcome.pop(stream, None)
                if text is not None:
                    path = out / f"{number}.{stream}"
                    path.write_text(str(text), encoding="utf-8")
                    outcome[stream] = str(path)
            results.write(json.dumps(outcome) + "\n")
            results.flush()


if __name__ == "__main__":
    main()
