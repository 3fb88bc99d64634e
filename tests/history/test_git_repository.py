"""Finding the register's repository without GitPython: where Git says there is one, and why not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from govtool.history.engine import open_view
from govtool.history.errors import HistoryUnavailable
from govtool.support.gitcommand import find_repository


def test_a_register_in_a_subfolder_of_a_worktree(reg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    worktree = tmp_path / "second copy"
    reg.git("worktree", "add", "-q", "--detach", str(worktree))
    (worktree / "sub folder").mkdir()
    found = find_repository(worktree / "sub folder")
    assert found is not None and not found.shallow
    assert found.top.resolve() == worktree.resolve()
    # A worktree keeps its caches in the repository's shared directory, not in its own.
    assert found.common_dir.resolve() == (reg.path / ".git").resolve()


def test_outside_a_repository_and_in_a_bare_one_there_is_none(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    assert find_repository(tmp_path / "plain") is None
    assert find_repository(bare) is None
    with pytest.raises(HistoryUnavailable, match="is not in a Git repository: run 'git init'"):
        open_view(tmp_path / "plain")


def test_a_repository_git_refuses_says_why_and_the_fix(reg, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A checkout owned by another user (a CI container's, say) is refused by Git ("dubious
    ownership"): the history rules say so with Git's fix, not that there is no repository."""
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    probe = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=reg.path, capture_output=True, text=True)
    if "dubious ownership" not in probe.stderr:
        pytest.skip("this Git cannot be asked to treat the repository as another user's")
    with pytest.raises(HistoryUnavailable, match="safe.directory") as refused:
        open_view(reg.path)
    assert "\n" not in str(refused.value) and "not in a Git repository" not in str(refused.value)
