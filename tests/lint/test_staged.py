"""``govtool lint --staged`` (the pre-commit hook) judges what is being committed: the index,
not untracked drafts or unstaged edits in the working tree."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from tests.conftest import PROJECT_ROOT, GitRepo
from tests.lint.casebuild import base_files, write_files
from tests.lint.test_formats import LATE

GOOD = LATE.replace("ACT-LATE", "ACT-GOOD").replace("due: 2026-10-31", "due: 2027-10-31") + (
    "measure:\n  target: 98% of hoist checks recorded in three consecutive weekly audits\n")


def _register(register: GitRepo) -> GitRepo:
    write_files(register.path, base_files())
    register.write("actions/ACT-GOOD.yaml", GOOD)
    register.commit("The plan", date="2026-11-01")
    return register


def test_an_untracked_draft_is_not_linted_but_a_staged_file_is(register: GitRepo, cli) -> None:
    _register(register)
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')
    assert cli("lint", "--as-of", "2026-11-26", cwd=register.path).exit_code == 1  # the working tree has it
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert (staged.exit_code, staged.stdout) == (0, "No problems found.\n"), staged.output
    register.git("add", "actions/ACT-DRAFT.yaml")
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert staged.exit_code == 1 and "actions/ACT-DRAFT.yaml:2: error invalid-yaml" in staged.stdout


def test_the_staged_content_is_judged_not_the_working_copy(register: GitRepo, cli) -> None:
    _register(register)
    path = register.path / "actions" / "ACT-GOOD.yaml"
    path.write_text(GOOD.replace("owner: jane.smith", "owner: nobody.known"), encoding="utf-8")
    register.git("add", "actions/ACT-GOOD.yaml")
    path.write_text(GOOD, encoding="utf-8")  # fixed in the working tree only, not staged
    plain = cli("lint", "--as-of", "2026-11-26", cwd=register.path)
    assert plain.exit_code == 0, plain.output
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert staged.exit_code == 1 and "actions/ACT-GOOD.yaml:5: error unknown-owner" in staged.stdout


def test_staged_outside_git_exits_2(tmp_path, cli) -> None:
    write_files(tmp_path, base_files())
    result = cli("lint", "--staged", cwd=tmp_path)
    assert result.exit_code == 2 and "--staged lints what Git would commit" in result.stderr


def test_a_git_pre_commit_hook_running_the_hook_entry_lets_a_commit_through_past_a_draft(register: GitRepo) -> None:
    _register(register)
    hook = register.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\nPYTHONPATH={PROJECT_ROOT} exec {sys.executable} -m govtool lint --staged "
                    "--as-of 2026-11-26\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')
    register.write("actions/ACT-GOOD.yaml", GOOD.replace("Replace the hoist", "Replace the broken hoist"))
    env = dict(os.environ)
    done = subprocess.run(["git", "commit", "-q", "-m", "Better title", "actions/ACT-GOOD.yaml"], cwd=register.path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert register.log()[0] == "Better title"


def test_history_rules_under_staged_ignore_unstaged_edits(register: GitRepo, cli) -> None:
    _register(register)
    path = register.path / "actions" / "ACT-GOOD.yaml"
    path.write_text(GOOD.replace("due: 2027-10-31", "due: 2027-12-31"), encoding="utf-8")  # not staged
    assert "error silent-redate" in cli("lint", "--as-of", "2026-11-26", cwd=register.path).stdout
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert (staged.exit_code, staged.stdout) == (0, "No problems found.\n")


def test_a_staged_lint_keeps_the_same_one_of_two_records_with_one_id_as_a_plain_lint(register: GitRepo, cli) -> None:
    """A load reads actions, then sources, then risks: of two records with one ID, the first
    read is the one kept. Everything staged, ``--staged`` must answer as a plain lint does."""
    _register(register)
    source_id = next((register.path / "sources").glob("*.yaml")).stem
    register.write(f"risks/{source_id}.yaml", f"id: {source_id}\ntitle: A risk filed under a source's ID\n")
    register.git("add", "-A")
    plain = cli("lint", "--as-of", "2026-11-26", cwd=register.path)
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert "duplicate-id" in plain.stdout, plain.output
    assert (staged.exit_code, staged.stdout) == (plain.exit_code, plain.stdout)
