"""The register's Git repository: find it, and commit the CLI's changes for the user.

Only this module and the history reader touch Git. History is read, never rewritten: the
only write govtool ever makes is a new commit of the files a command just changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from govtool.support.errors import GovtoolError
from govtool.support.terminal import GIT_IDENTITY_COMMANDS

if TYPE_CHECKING:
    import git

# GitPython is imported only by what needs it (a commit, the history reader): importing it
# costs about a fifth of an edit command that does not commit.


def open_repo(folder: Path) -> git.Repo | None:
    """The repository holding ``folder`` (which may be a subfolder), or None outside Git.

    Found by Git itself, not by GitPython's walk up the folders: Git stops where the user told
    it to (``GIT_CEILING_DIRECTORIES``, ``GIT_DISCOVERY_ACROSS_FILESYSTEM``), and a folder Git
    says is in no repository must not get its commits in one further up."""
    import git

    from govtool.support.gitcommand import GitFailed, GitNotFound, find_repository

    try:
        found = find_repository(folder)
    except GitNotFound:  # pragma: no cover - git is a documented requirement
        return None
    except GitFailed as refusal:  # e.g. a repository owned by someone else: Git's message names the fix
        raise GovtoolError(f"Git cannot use the repository holding {folder}: {refusal}") from None
    if found is None:
        return None
    try:
        return git.Repo(found.top)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def git_dir(folder: Path) -> Path | None:
    """The Git directory of the repository holding ``folder``, found as Git finds it: a ``.git``
    folder, or a ``.git`` file naming the directory (a worktree's, a submodule's), in the
    folder or above it. None outside Git, or when a ``.git`` file names no folder. Found
    without starting Git: edit commands and cache lookups must not pay for a process."""
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
                target = (place / text.removeprefix("gitdir:").strip()).resolve()
                return target if target.is_dir() else None
            return None
    return None


def lock_folder(register_root: Path) -> Path:
    """Where the edit lock lives: inside .git (never in the working tree) when there is one."""
    found = git_dir(register_root)
    return found if found is not None else register_root / ".govtool"


def user_config(folder: Path) -> dict[str, str]:
    """``user.name`` and ``user.email`` as Git would use them for a commit in ``folder`` (its
    configuration files, in Git's order). Outside a repository (``govtool init`` before ``git
    init``) that is the global and system settings."""
    place = folder.resolve()
    while not place.is_dir() and place != place.parent:  # a folder not made yet: ask from above it
        place = place.parent
    import subprocess  # only when Git is asked: an edit given --by and --no-commit never starts it

    try:
        done = subprocess.run(["git", "config", "-z", "--get-regexp", r"^user\.(name|email)$"], cwd=place,
                              capture_output=True, check=False)
    except OSError:  # pragma: no cover - git is a documented requirement
        return {}
    found: dict[str, str] = {}
    for entry in done.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = entry.partition("\n")
        if key in ("user.name", "user.email"):
            found[key.removeprefix("user.")] = value  # the last one set wins, as in Git
    return found


#: Git state files that mean another operation is half-way: what it is, and how to finish it or
#: abandon it.
_IN_PROGRESS = (
    ("MERGE_HEAD", "the merge", "git merge --continue", "git merge --abort"),
    ("CHERRY_PICK_HEAD", "the cherry-pick", "git cherry-pick --continue", "git cherry-pick --abort"),
    ("REVERT_HEAD", "the revert", "git revert --continue", "git revert --abort"),
    ("rebase-merge", "the rebase", "git rebase --continue", "git rebase --abort"),
    ("rebase-apply", "the rebase (or git am)", "git rebase --continue", "git rebase --abort"),
)


def check_can_commit(register_root: Path) -> git.Repo:
    """The repository, if a commit can be made in it now; else GovtoolError with the cause.

    Checked before anything is written, so a refused commit leaves the register as it was.
    """
    repo = open_repo(register_root)
    if repo is None:
        raise GovtoolError(
            f"cannot commit: {register_root} is not in a Git repository (run 'git init', or use --no-commit)"
        )
    git_dir = Path(repo.git_dir)
    lock = git_dir / "index.lock"
    if lock.exists():
        raise GovtoolError(
            f"cannot commit: {lock} exists: another Git program is using this repository; wait for it, "
            "or delete that file if no Git program is running (nothing was changed)"
        )
    for name, what, finish, abandon in _IN_PROGRESS:
        if (git_dir / name).exists():
            raise GovtoolError(
                f"cannot commit: {what.replace('the ', 'a ', 1)} is in progress in this repository (nothing was "
                f"changed): run the command again with --no-commit, which only saves the file, then 'git add' it "
                f"and it is committed with {what} once its conflicts are resolved ({finish}); or first abandon "
                f"{what} ({abandon})")
    return repo


def commit_files(register_root: Path, paths: list[Path], message: str, verify: bool = True) -> str:
    """Commit exactly ``paths`` (other staged work is left staged, not swept in); ``verify``
    False skips the pre-commit hook (only for a register committed as it was received).

    All or nothing for Git: if the commit is not made (a pre-commit hook refuses, the index is
    locked, the disk is full), the index entries of ``paths`` are put back as they were and
    :class:`CommitFailed` says why; the caller puts the files back.
    """
    repo = check_can_commit(register_root)
    top = Path(repo.working_tree_dir or register_root).resolve()
    relative = [Path(p).resolve().relative_to(top).as_posix() for p in paths]
    before = _index_entries(repo, relative)
    head = _head(repo)
    import git

    try:
        repo.git.add("--", *relative)
        repo.git.commit("-m", message, *(() if verify else ("--no-verify",)), "--only", "--", *relative)
    except git.GitCommandError as exc:
        if _head(repo) != head and repo.head.commit.message.strip() == message.strip():
            return repo.head.commit.hexsha  # made after all (a warning was taken for a failure)
        _restore_index(repo, relative, before)
        raise CommitFailed(_reason(exc)) from None
    return repo.head.commit.hexsha


def uncommitted(register_root: Path, paths: list[Path]) -> list[Path]:
    """Those of ``paths`` (files that exist) whose content is not in the last commit: never
    committed, or changed since (staged or not). A file the repository ignores is left out,
    and so is everything outside a repository. One ``git status`` for all of them."""
    repo = open_repo(register_root)
    present = [Path(p).resolve() for p in paths if Path(p).is_file()]
    if repo is None or not present:
        return []
    top = Path(repo.working_tree_dir or register_root).resolve()
    relative = {p.relative_to(top).as_posix(): p for p in present}
    out = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", *relative,
                          stdout_as_string=True, strip_newline_in_stdout=False)
    entries = out.split("\x00")
    found: list[Path] = []
    for entry in entries:
        path = entry[3:]
        if path in relative and relative[path] not in found:
            found.append(relative[path])
    return [p for p in present if p in found]  # in the order asked


def never_committed(register_root: Path, relative: Path) -> bool:
    """Whether the register's file ``relative`` is in a Git repository that has never committed
    it (no commit yet, or not in the last one): a draft, with no history to account to. False
    outside a repository, where the file's own trail is all there is."""
    repo = open_repo(register_root)
    if repo is None:
        return False
    head = _head(repo)
    if head is None:
        return True
    top = Path(repo.working_tree_dir or register_root).resolve()
    path = (register_root / relative).resolve().relative_to(top).as_posix()
    import git

    try:
        repo.git.cat_file("-e", f"{head}:{path}")
    except git.GitCommandError:
        return True
    return False


class CommitFailed(GovtoolError):
    """Git did not make the commit; the message is Git's own reason. ``done``: what was done
    all the same, for the user (a commit made before this one), when not nothing."""

    done: str = ""


#: The line govtool's pre-commit lint writes when it stops a commit (govtool.lint.commit_gate.STOPPED;
#: not imported: support sits below lint).
_GOVTOOL_STOPPED = "govtool: the commit is stopped by "
#: How govtool's one line on standard error begins when a command fails (the CLI's prefix).
_GOVTOOL_ERROR = "govtool: error: "


def _reason(exc: git.GitCommandError) -> str:
    stderr = exc.stderr if isinstance(exc.stderr, str) else ""
    stdout = exc.stdout if isinstance(exc.stdout, str) else ""
    text = stderr.replace("stderr: ", "", 1).strip().strip("'").strip()
    if "user.email" in text or "identity" in text:
        return f"Git does not know who you are: run {GIT_IDENTITY_COMMANDS}"
    return refusal_words(text or stdout) or str(exc)


def refusal_words(output: str) -> str:
    """Why a hook (or Git) refused a commit, in one line, from what it printed ('' if nothing)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    # govtool's own pre-commit lint names what stops the commit in one line of its own.
    said = [line for line in lines if line.startswith(_GOVTOOL_STOPPED)]
    if said:
        return said[-1].removeprefix("govtool: ")
    # govtool refusing to lint (exit 2) says why in its one error line: the cause, without the
    # prefix the command reporting the refusal puts in front of its own message.
    failed = [line for line in lines if line.startswith(_GOVTOOL_ERROR)]
    if failed:
        return failed[-1].removeprefix(_GOVTOOL_ERROR)
    # A hook's own words are the cause; Git's closing line says only that a hook failed.
    return " / ".join(lines[-3:])


def _head(repo: git.Repo) -> str | None:
    try:
        return repo.head.commit.hexsha
    except ValueError:  # no commit yet
        return None


def _index_entries(repo: git.Repo, relative: list[str]) -> dict[str, str]:
    """Path -> its ``git ls-files -s`` line (mode, blob, stage) in the index now."""
    out = repo.git.ls_files("-s", "-z", "--", *relative, stdout_as_string=True, strip_newline_in_stdout=False)
    entries = {}
    for token in out.split("\x00"):
        meta, _, path = token.partition("\t")
        if path:
            entries[path] = meta
    return entries


def _restore_index(repo: git.Repo, relative: list[str], before: dict[str, str]) -> None:
    """Put the index entries of ``relative`` back as :func:`_index_entries` saw them."""
    if _index_entries(repo, relative) == before:
        return
    zero = "0" * len(_head(repo) or "0" * 40)  # SHA-1 or SHA-256, as the repository uses
    lines = []
    for path in relative:
        if path in before:
            mode, sha, _stage = before[path].split(" ")
            lines.append(f"{mode} {sha}\t{path}")
        else:  # it was not in the index: mode 0 removes the entry
            lines.append(f"0 {zero}\t{path}")
    import git

    with contextlib.suppress(git.GitCommandError):  # the index itself is busy: nothing more to do
        repo.git.update_index("-z", "--index-info", istream=_stdin_bytes("\x00".join(lines) + "\x00"))


def _stdin_bytes(text: str) -> IO[bytes]:
    handle = tempfile.TemporaryFile()
    handle.write(text.encode("utf-8"))
    handle.seek(0)
    return handle


def last_commit_date(folder: Path, day: dt.date | None = None) -> dt.date | None:
    """The committer date of the newest commit that touched ``folder``; None outside Git or
    before the first commit. ``day``: as it stood at the end of that day (the newest such
    commit the branch held then, :func:`~govtool.support.gitcommand.commit_standing_on`)."""
    repo = open_repo(folder)
    if repo is None:
        return None
    import git

    from govtool.support.gitcommand import commit_standing_on

    revision = "HEAD"
    if day is not None:
        standing = commit_standing_on(folder, day)
        if standing is None:
            return None
        revision = standing
    try:
        text = repo.git.log("-1", "--format=%cs", revision, "--", str(folder.resolve()))
    except git.GitCommandError:
        return None
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
