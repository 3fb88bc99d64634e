"""The register's Git repository: find it, and commit the CLI's changes for the user.

Only this module and the history reader touch Git. History is read, never rewritten: the
only write govtool ever makes is a new commit of the files a command just changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git

from govtool.errors import GovtoolError


def open_repo(folder: Path) -> git.Repo | None:
    """The repository holding ``folder`` (which may be a subfolder), or None outside Git."""
    try:
        return git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    except git.GitCommandNotFound:  # pragma: no cover - git is a documented requirement
        return None


def lock_folder(register_root: Path) -> Path:
    """Where the edit lock lives: inside .git (never in the working tree) when there is one."""
    repo = open_repo(register_root)
    if repo is not None:
        return Path(repo.git_dir)
    return register_root / ".govtool"


def commit_files(register_root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (other staged work is left staged, not swept in)."""
    repo = open_repo(register_root)
    if repo is None:
        raise GovtoolError(
            f"cannot commit: {register_root} is not in a Git repository (run 'git init' or 'govtool init')"
        )
    top = Path(repo.working_tree_dir or register_root).resolve()
    relative = [str(Path(p).resolve().relative_to(top)) for p in paths]
    try:
        repo.git.add("--", *relative)
        repo.git.commit("-m", message, "--only", "--", *relative)
    except git.GitCommandError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        reason = detail[-1].strip() if detail else str(exc)
        if "user.email" in (exc.stderr or "") or "identity" in (exc.stderr or ""):
            reason = "git does not know who you are: run git config --global user.name 'Your Name' and user.email"
        raise GovtoolError(f"the change was saved but not committed: {reason}") from None
    return repo.head.commit.hexsha


def last_commit_date(folder: Path) -> dt.date | None:
    """The committer date of the newest commit that touched ``folder``; None outside Git or
    before the first commit."""
    repo = open_repo(folder)
    if repo is None:
        return None
    try:
        text = repo.git.log("-1", "--format=%cs", "--", str(folder.resolve()))
    except git.GitCommandError:
        return None
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
