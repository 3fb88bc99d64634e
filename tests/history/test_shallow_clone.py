"""A shallow clone (``git clone --depth 1``): it holds HEAD and the index, so the pre-commit check
works there, judging what the commit changes; only the history before HEAD is out of reach, and
init, lint and the portfolio say so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL_SETTINGS, PROJECT_ROOT, GitRepo
from tests.history.helpers import SOURCE, action, note


def _origin(git_repo: GitRepo) -> GitRepo:
    """A register with dated commits: a source and an action, then a progress note."""
    git_repo.write("govtool.yaml", MINIMAL_SETTINGS)
    git_repo.write("sources/SRC-1.yaml", SOURCE)
    git_repo.write("actions/ACT-1.yaml", action(due="2027-03-31"))
    git_repo.commit("The plan", date="2026-01-10")
    git_repo.write("actions/ACT-1.yaml", _started("2027-03-31"))
    git_repo.commit("Started", date="2026-02-01")
    return git_repo


def _started(due: str) -> str:
    progress = {**note("2026-02-01"), "next_milestone": "Audit tool agreed", "milestone_due": "2027-01-31"}
    return action(due=due, status="in_progress", updates=[progress])


def _shallow_clone(origin: GitRepo, target: Path) -> GitRepo:
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin.path}", str(target)], check=True)
    clone = GitRepo(target)
    assert clone.git("rev-parse", "--is-shallow-repository") == "true"
    return clone


def _commit(repo: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
    """``git commit`` with the hook ``govtool init`` wrote, running this source tree's govtool."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(["git", "commit", "-q", *args], cwd=repo.path, env=env, capture_output=True, text=True,
                          timeout=120)


def test_init_warns_and_the_hook_lets_commits_through_in_a_shallow_clone(git_repo: GitRepo, cli,
                                                                          tmp_path: Path) -> None:
    clone = _shallow_clone(_origin(git_repo), tmp_path / "clone")
    setup = cli("init", cwd=clone.path)
    assert setup.exit_code == 0, setup.output
    [warning] = [line for line in setup.output.splitlines() if "shallow clone" in line]
    assert "git fetch --unshallow" in warning and "history" in warning
    empty = _commit(clone, "--allow-empty", "-m", "test")
    assert empty.returncode == 0, empty.stderr
    clone.write("README.md", "Our plan\n")
    clone.git("add", "README.md")
    readme = _commit(clone, "-m", "Readme")
    assert readme.returncode == 0, readme.stderr
    assert "shallow clone" in readme.stderr and "govtool: error" not in readme.stderr
    assert clone.log()[:2] == ["Readme", "test"]


def test_the_staged_change_is_still_judged_by_the_history_rules_in_a_shallow_clone(git_repo: GitRepo, cli,
                                                                                   tmp_path: Path) -> None:
    clone = _shallow_clone(_origin(git_repo), tmp_path / "clone")
    assert cli("init", cwd=clone.path).exit_code == 0
    clone.write("actions/ACT-1.yaml", _started("2027-06-30"))
    clone.git("add", "actions/ACT-1.yaml")
    refused = _commit(clone, "-m", "Later")  # a due date moved with no redates entry
    assert refused.returncode == 1 and "silent-redate" in refused.stdout + refused.stderr
    linted = cli("lint", "--staged", "--as-of", "2026-11-26", cwd=clone.path)
    assert linted.exit_code == 1 and "silent-redate" in linted.stdout
    notices = [line for line in linted.stderr.splitlines() if "shallow clone" in line]
    assert len(notices) == 1 and "only the staged changes" in notices[0] and "git fetch --unshallow" in notices[0]


def test_require_history_still_exits_2_in_a_shallow_clone(git_repo: GitRepo, cli, tmp_path: Path) -> None:
    clone = _shallow_clone(_origin(git_repo), tmp_path / "clone")
    assert cli("lint", "--staged", "--as-of", "2026-11-26", cwd=clone.path).exit_code == 0
    for args in (("--require-history",), ("--staged", "--require-history")):
        strict = cli("lint", "--as-of", "2026-11-26", *args, cwd=clone.path)
        # --staged with nothing staged (as pre-commit run --all-files in CI) says so first
        said = [line for line in strict.stderr.splitlines() if "nothing is staged" not in line]
        assert strict.exit_code == 2 and len(said) == 1, (args, strict.output)
        assert "--require-history" in said[0] and "shallow clone" in said[0]


def test_a_refused_commit_names_the_hook_s_reason_without_a_second_error_prefix(git_repo: GitRepo, cli,
                                                                                 tmp_path: Path) -> None:
    origin = _origin(git_repo)
    origin.write("govtool.yaml", MINIMAL_SETTINGS + "commit: true\n")
    origin.commit("Commit each change", date="2026-02-02")
    clone = _shallow_clone(origin, tmp_path / "clone")
    hook = clone.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\nPYTHONPATH={PROJECT_ROOT} exec {sys.executable} -m govtool lint --staged --require-history\n")
    hook.chmod(0o755)
    refused = cli("update", "ACT-1", "--note", "Audit tool agreed with the pharmacy", "--by", "jane.smith",
                  cwd=clone.path)
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1, refused.output
    assert refused.stderr.count("govtool: error:") == 1
    assert "the commit was refused: history rules cannot run in full (--require-history)" in refused.stderr


def test_portfolio_says_history_was_not_checked_in_a_shallow_clone(git_repo: GitRepo, cli, tmp_path: Path) -> None:
    origin = _origin(git_repo)
    clients = tmp_path / "clients"
    clone = _shallow_clone(origin, clients / "oak")
    shown = cli("portfolio", str(clients), "--as-of", "2026-11-26", "--format", "json")
    assert shown.exit_code == 0, shown.output
    [row] = json.loads(shown.stdout)["registers"]
    assert row["history_unchecked"].startswith("shallow clone") and "git fetch --unshallow" in row["history_unchecked"]
    assert any(need.startswith("history not checked: shallow clone") for need in row["needs"])
    markdown = cli("portfolio", str(clients), "--as-of", "2026-11-26").stdout
    assert "(history not checked)" in markdown
    clone.git("fetch", "-q", "--unshallow")  # the same tip, the full history: the row is made again
    full = cli("portfolio", str(clients), "--as-of", "2026-11-26", "--format", "json")
    [row] = json.loads(full.stdout)["registers"]
    assert row["history_unchecked"] is None and not any("history" in need for need in row["needs"])
    assert "0 unchanged since the last run" in full.stderr
