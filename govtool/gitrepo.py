"""The register's Git repository: find it, and commit the CLI's changes for the user.

Only this module and the history reader touch Git. History is read, never rewritten: the
only write govtool ever makes is a new commit of the files a command just changed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from govtool.errors import GovtoolError

if TYPE_CHECKING:
    import git

# GitPython is imported only by what needs it (a commit, the history reader): importing it
# costs about a fifth of an edit command that does not commit.


def open_repo(folder: Path) -> git.Repo | None:
    """The repository holding ``folder`` (which may be a subfolder), or None outside Git."""
    import git

    try:
        return git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    except git.GitCommandNotFound:  # pragma: no cover - git is a documented requirement
        return None


def git_dir(folder: Path) -> Path | None:
    """The Git directory of the repository holding ``folder``, found as Git finds it: a ``.git``
    folder, or a ``.git`` file naming the directory (a worktree's, a submodule's), in the
    folder or above it. None outside Git."""
    start = folder.resolve()
    for place in (start, *start.parents):
        dot = place / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                text = dot.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir:"):
                return (place / text.removeprefix("gitdir:").strip()).resolve()
            return None
    return None


def lock_folder(register_root: Path) -> Path:
    """Where the edit lock lives: inside .git (never in the working tree) when there is one."""
    found = git_dir(register_root)
    return found if found is not None else register_root / ".govtool"


def user_config(folder: Path) -> dict[str, str]:
    """``user.name`` and ``user.email`` as Git would use them for a commit in ``folder`` (its
    own configuration files, in Git's order); empty outside Git."""
    if git_dir(folder) is None:
        return {}
    try:
        done = subprocess.run(["git", "config", "-z", "--get-regexp", r"^user\.(name|email)$"], cwd=folder,
                              capture_output=True, check=False)
    except OSError:  # pragma: no cover - git is a documented requirement
        return {}
    found: dict[str, str] = {}
    for entry in done.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = entry.partition("\n")
        if key in ("user.name", "user.email"):
            found[key.removeprefix("user.")] = value  # the last one set wins, as in Git
    return found


def commit_files(register_root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (other staged work is left staged, not swept in)."""
    repo = open_repo(register_root)
    if repo is None:
        raise GovtoolError(
            f"cannot commit: {register_root} is not in a Git repository (run 'git init' or 'govtool init')"
        )
    top = Path(repo.working_tree_dir or register_root).resolve()
    relative = [str(Path(p).resolve().relative_to(top)) for p in paths]
    import git

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
