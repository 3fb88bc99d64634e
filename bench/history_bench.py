"""History engine benchmark: a generated register of 2,000 actions and ~16,000 commits.

    python bench/history_bench.py [--folder /tmp/govtool-history-bench] [--actions 2000] [--commits 16000]

The repository is generated deterministically (seeded) with ``git fast-import`` (through
GitPython) outside the project tree and kept between runs; delete the folder to regenerate.
Then, in one run, it times:

- floor: one ``git log --raw`` listing every changed blob, one ``git cat-file --batch``
  reading them all, and ``yaml.load(CSafeLoader)`` on each: the least any history reader
  could do;
- first history run (no cache), target <= 3x the floor;
- second history run (cache used), target <= 1.5x lint without history (``load_register``
  plus the history-free rules); both best of five, with the cyclic garbage collector paused
  as ``govtool lint`` pauses it;
- a pre-commit run after a one-file change (staged), and after committing it.
Each history run is ``lint_history`` plus the four history rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

import git
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govtool.history.gitlog import read_blobs
from govtool.lint.history_rules import lint_history, run_history_rules
from govtool.lint.rule import LintContext, all_rules
from govtool.register.load import load_register
from govtool.support.gitcommand import find_repository

GENERATOR_VERSION = "3"
PEOPLE = ["jane.smith", "sam.patel", "amy.jones", "li.chen", "omar.haddad"]
SETTINGS = """\
provider: Bench Care Ltd
location: Bench House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
  sam.patel: {name: Sam Patel, role: Deputy Manager}
  amy.jones: {name: Amy Jones, role: Clinical Lead}
  li.chen: {name: Li Chen, role: Quality Lead}
  omar.haddad: {name: Omar Haddad, role: Senior Carer}
"""
SOURCE = """\
id: SRC-BENCH
type: audit
title: Annual quality audit
date: 2025-01-06
"""


def _action(rng: random.Random, number: int, created: dt.date) -> dict:
    due = created + dt.timedelta(days=rng.randint(30, 180))
    return {
        "id": f"ACT-B{number:05d}",
        "title": f"Weekly audit {number} of 10 care records, results to the monthly governance meeting",
        "source": "SRC-BENCH",
        "owner": rng.choice(PEOPLE),
        "priority": rng.choice(["high", "medium", "low"]),
        "created": created.isoformat(),
        "due": due.isoformat(),
        "status": "open",
        "measure": {"baseline": f"{rng.randint(50, 90)}% in the first audit", "target": "98% in three weekly audits",
                    "method": "weekly audit of 10 records by the deputy manager"},
        "updates": [],
    }


def _evolve(rng: random.Random, data: dict, day: dt.date) -> None:
    """One realistic step: mostly notes, sometimes a recorded re-date, now and then a slip."""
    roll = rng.random()
    who = rng.choice(PEOPLE)
    if data["status"] in ("completed", "closed", "cancelled"):
        data.setdefault("updates", []).append({"date": day.isoformat(), "by": who, "note": "Follow-up check."})
        return
    if roll < 0.6:
        data["status"] = "in_progress"
        data["updates"].append({"date": day.isoformat(), "by": who, "note": f"Audit {len(data['updates']) + 1}: {rng.randint(70, 99)}% compliant.",
                                "next_milestone": "Next weekly audit", "milestone_due": (day + dt.timedelta(days=7)).isoformat()})
    elif roll < 0.8:
        old = data["due"]
        new = (dt.date.fromisoformat(old) + dt.timedelta(days=rng.randint(7, 60))).isoformat()
        data["due"] = new
        data.setdefault("redates", []).append({"date": day.isoformat(), "from": old, "to": new, "reason": "Staffing shortfall in the audit team."})
    elif roll < 0.82:
        data["due"] = (dt.date.fromisoformat(data["due"]) + dt.timedelta(days=14)).isoformat()  # a silent slip
    elif roll < 0.92:
        data["status"] = "completed"
        data["completion"] = {"date": day.isoformat(), "by": who, "change": "Compliance 98% or more in three audits.",
                              "evidence": [{"path": "evidence/audit.pdf", "description": "Audit results"}]}
    else:
        data["status"] = "closed" if "completion" in data else "cancelled"
        key, text = ("closure", "note") if "completion" in data else ("cancellation", "reason")
        data[key] = {"date": day.isoformat(), "by": who, text: "Checked at the governance meeting."}


def generate(folder: Path, actions: int, commits: int) -> Path:
    repo_path = folder / "repo"
    marker = folder / f"generated-v{GENERATOR_VERSION}-{actions}-{commits}"
    if marker.exists():
        return repo_path
    if folder.exists():
        import shutil
        shutil.rmtree(folder)
    repo_path.mkdir(parents=True)
    repo = git.Repo.init(repo_path, initial_branch="main")
    rng = random.Random(20260301)
    start = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
    state: dict[int, dict] = {}
    with tempfile.TemporaryFile() as stream:
        def emit(text: str | bytes) -> None:
            stream.write(text.encode() if isinstance(text, str) else text)

        def data(payload: bytes) -> None:
            emit(f"data {len(payload)}\n")
            emit(payload)
            emit("\n")

        seconds_per_commit = int((dt.datetime(2026, 11, 1, tzinfo=dt.UTC) - start).total_seconds() // commits)
        for n in range(commits):
            when = start + dt.timedelta(seconds=n * seconds_per_commit)
            who = PEOPLE[n % len(PEOPLE)]
            emit(f"commit refs/heads/main\nmark :{n + 1}\n")
            emit(f"author {who} <{who}@bench.example> {int(when.timestamp())} +0000\n")
            emit(f"committer {who} <{who}@bench.example> {int(when.timestamp())} +0000\n")
            if n == 0:
                data(b"Start the register")
                emit("M 100644 inline govtool.yaml\n")
                data(SETTINGS.encode())
                emit("M 100644 inline sources/SRC-BENCH.yaml\n")
                data(SOURCE.encode())
                continue
            if n <= actions:
                number = n
                state[number] = _action(rng, number, when.date())
                message = f"New action ACT-B{number:05d}"
            else:
                number = rng.randint(1, actions)
                _evolve(rng, state[number], when.date())
                message = f"Update ACT-B{number:05d}"
            data(message.encode())
            emit(f"M 100644 inline actions/ACT-B{number:05d}.yaml\n")
            data(yaml.safe_dump(state[number], sort_keys=False).encode())
        stream.seek(0)
        repo.git.fast_import("--quiet", istream=stream)
    repo.git.reset("--hard", "main")
    marker.write_text(repo.head.commit.hexsha)
    return repo_path


def timed(function):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def best_of(runs: int, function):  # type: ignore[no-untyped-def]
    """The fastest of ``runs`` calls (and the last result), the collector paused as lint pauses it."""
    times = []
    for _ in range(runs):
        gc.disable()
        try:
            seconds, result = timed(function)
        finally:
            gc.enable()
        times.append(seconds)
    return min(times), result


def floor(repo: git.Repo) -> int:
    out = repo.git.log("--raw", "--no-abbrev", "-z", "--format=%H", "--", "actions", "sources", "risks")
    blobs = sorted({token.split(" ")[3] for token in out.split("\x00") if token.lstrip("\n").startswith(":")} - {"0" * 40})
    found = find_repository(Path(str(repo.working_tree_dir)))  # read_blobs takes govtool's own Repository
    assert found is not None
    contents = read_blobs(found, blobs)
    for raw in contents.values():
        yaml.load(raw, Loader=yaml.CSafeLoader)
    return len(contents)


def history_run(root: Path, today: dt.date, register=None):  # type: ignore[no-untyped-def]
    register = register or load_register(root)
    history = lint_history(register, None)
    problems = run_history_rules(register, history, today)
    return history, problems


def lint_without_history(root: Path, today: dt.date) -> int:
    register = load_register(root)
    ctx = LintContext(register=register, today=today)
    count = 0
    for spec in all_rules().values():
        if not spec.needs_history:
            count += len(list(spec.check(ctx, dict(spec.options))))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "govtool-history-bench")
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=16000)
    args = parser.parse_args()
    today = dt.date(2026, 11, 26)

    seconds, root = timed(lambda: generate(args.folder, args.actions, args.commits))
    repo = git.Repo(root)
    print(f"repository: {root} ({args.actions} actions, {args.commits} commits; ready in {seconds:.1f}s)")
    generated_tip = next(args.folder.glob(f"generated-v{GENERATOR_VERSION}-*")).read_text().strip()
    repo.git.reset("-q", "--hard", generated_tip)  # undo what an earlier run committed
    for cache in (Path(repo.common_dir) / "govtool").glob("history-*"):
        cache.unlink()

    floor_s, blob_count = timed(lambda: floor(repo))
    print(f"floor (git log --raw + cat-file --batch + CSafeLoader): {floor_s:.2f}s for {blob_count} blobs")
    register = load_register(root)
    first_s, (history, problems) = timed(lambda: history_run(root, today, register))
    print(f"first history run: {first_s:.2f}s = {first_s / floor_s:.2f}x floor (target <= 3x); "
          f"{history.stats.blobs_read} blobs read, {len(history.all_changes)} changes, {len(problems)} problems")
    lint_s, _ = best_of(5, lambda: lint_without_history(root, today))
    second_s, (history, _) = best_of(5, lambda: history_run(root, today, register))
    print(f"lint without history (load_register + history-free rules): {lint_s:.2f}s")
    print(f"second history run (cached): {second_s:.2f}s; with lint: {(lint_s + second_s) / lint_s:.2f}x lint without "
          f"history (target <= 1.5x); {history.stats.blobs_read} blobs read, cache {history.stats.cache}")
    target = root / "actions" / "ACT-B00007.yaml"
    original = target.read_bytes()
    target.write_bytes(original.replace(b"status:", b"# edited for the benchmark\nstatus:", 1))
    repo.git.add(str(target))
    pre_s, (history, _) = timed(lambda: history_run(root, today, register))
    print(f"pre-commit run after a one-file change (staged): {pre_s:.2f}s (history + rules; "
          f"{history.stats.blobs_read} blobs read)")
    repo.git.commit("-q", "-m", "Benchmark edit")
    post_s, (history, _) = timed(lambda: history_run(root, today, register))
    print(f"run after committing it: {post_s:.2f}s ({history.stats.commits_listed} new commit listed, "
          f"{history.stats.blobs_read} blobs read)")
    repo.git.reset("-q", "--hard", generated_tip)


if __name__ == "__main__":
    main()
