"""Git's plumbing commands for reading a repository, each run as one ``git`` process.

Reading history needs only a handful of plumbing commands with machine-readable output
(``log -z``, ``diff --raw -z``, ``cat-file --batch``, ``rev-parse``). GitPython's command
wrapper would run them as well, but importing GitPython costs about as much CPU as Python's
own start-up (measured side by side: ``import click, yaml, git`` takes 2.0 times
``import click, yaml``), and the pre-commit lint and ``show`` read history on every run. So
the history reader runs Git itself; GitPython stays where it earns its place, making the
commits of the edit commands (:mod:`govtool.support.gitrepo`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Git's messages in English whatever the user's language, as GitPython asks for them.
_ENVIRONMENT = {"LANGUAGE": "C", "LC_ALL": "C"}
#: No console window flashes up for each Git process on Windows.
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


class GitNotFound(Exception):
    """No ``git`` program can be run."""


class GitFailed(Exception):
    """A Git command ended with a non-zero status (its standard error is the message)."""

    def __init__(self, args: tuple[str, ...], status: int, stderr: bytes):
        # One line, as every message govtool prints: Git's own may run over several.
        message = " ".join(stderr.decode("utf-8", "replace").split()) or f"exit status {status}"
        super().__init__(message)
        self.status = status


def run_git(folder: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None) -> bytes:
    """What ``git ARGS`` prints when run in ``folder`` (raises GitFailed or GitNotFound); ``env``
    adds to the environment (``GIT_INDEX_FILE``, say)."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, input=stdin if stdin is not None else b"", capture_output=True,
            env={**os.environ, **(env or {}), **_ENVIRONMENT}, creationflags=_NO_WINDOW, check=False,
        )
    except FileNotFoundError:
        raise GitNotFound("git") from None
    except NotADirectoryError:  # the folder itself is gone
        raise GitFailed(args, 128, b"the folder no longer exists") from None
    if done.returncode != 0:
        raise GitFailed(args, done.returncode, done.stderr)
    return done.stdout


@dataclass(frozen=True)
class Repository:
    """A repository with a working tree, as the history reader sees it."""

    #: the top of the working tree (commands run here, and paths are relative to it)
    top: Path
    #: the directory shared by all of its worktrees (where caches of its history are kept)
    common_dir: Path
    #: a clone without its full history
    shallow: bool

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        return run_git(self.top, *args, stdin=stdin)

    def text(self, *args: str, stdin: bytes | None = None) -> str:
        return self.run(*args, stdin=stdin).decode("utf-8", "replace")


#: What Git says outside a working tree (no repository at all, or a bare one).
_NO_WORK_TREE = ("not a git repository", "must be run in a work tree")


def find_repository(folder: Path) -> Repository | None:
    """The repository whose working tree holds ``folder``, found by Git itself in one process
    (worktrees, ``.git`` files and GIT_DIR included); None outside one, or in a bare repository.
    Raises GitNotFound when Git cannot be run, and GitFailed when Git refuses the repository
    for another reason (one owned by another user, say: its message names the fix)."""
    try:
        out = run_git(folder, "rev-parse", "--is-bare-repository", "--is-shallow-repository",
                      "--show-toplevel", "--git-common-dir")
    except GitFailed as failure:
        if any(phrase in str(failure) for phrase in _NO_WORK_TREE):
            return None
        raise
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 4 or lines[0] != "false":
        return None
    top = Path(lines[2])
    common = Path(lines[3])
    return Repository(top=top, common_dir=common if common.is_absolute() else (folder / common).resolve(),
                      shallow=lines[1] == "true")


#: How many commits :func:`commit_standing_on` asks Git for at first: those it must pass over
#: were all made within the 26 hours that the world's time zones disagree on the day.
_FIRST_LOOK = 64


def commit_standing_on(folder: Path, day: dt.date, revision: str = "HEAD") -> str | None:
    """The commit ``revision``'s branch stood at at the end of ``day``: the newest commit on its
    first-parent line made on or before that day (the committer's date, in the committer's own
    time zone, as a commit's date is shown). None when there is none (the branch began later,
    nothing is committed yet, or no such revision).

    What a command said on ``day`` came from this commit and its ancestors: a commit made on a
    branch that day but merged later was not there yet, nor was a commit made later.
    """
    # The latest moment that is still ``day`` somewhere (UTC-12): Git filters by the instant,
    # and the commits it lets through that are already the next day where they were made are
    # passed over here.
    until = f"--until={(day + dt.timedelta(days=1)).isoformat()} 12:00:00 +0000"
    for limit in ([f"-n{_FIRST_LOOK}"], []):
        try:
            text = run_git(folder, "log", "--first-parent", until, "--format=%H %cI", *limit, revision, "--")
        except GitFailed:
            return None
        lines = text.decode("ascii", "replace").split()
        for sha, stamp in zip(lines[::2], lines[1::2], strict=False):
            if stamp[:10] <= day.isoformat():
                return sha
        if len(lines) < 2 * _FIRST_LOOK:
            return None
    return None
