"""A series of changes committed one by one, with the pre-commit hook run once over them all.

``govtool import --apply`` saves many changes (people, a source, each action, each progress
note) and commits each on its own with its own message, as the command line's own commands
would, so that each record's history (``govtool show``) says what happened to it, step by step.
Committed one by one through ``git commit``, a pre-commit hook would run once per change: 61
runs of ``govtool lint --staged`` for a 40-row plan, 15 to 20 seconds. So, when the repository
has a pre-commit hook:

1. the union of every file the series writes, as the last change left it, is staged on top of
   ``HEAD`` in a scratch index, exactly what one commit of them all would hold;
2. the hook is run once over it, as Git runs it for a commit (``git hook run pre-commit`` from
   Git 2.36; before that the hook file itself, wherever ``core.hooksPath`` puts it), with the
   environment Git gives a pre-commit hook: ``GIT_INDEX_FILE`` naming that index, ``GIT_EDITOR=:``
   and the author's ``GIT_AUTHOR_NAME``, ``GIT_AUTHOR_EMAIL`` and ``GIT_AUTHOR_DATE``, run from the
   top of the working tree. If it refuses, nothing is committed (:class:`CommitFailed`, the
   hook's own words);
3. each change is then made a commit of its own (``git write-tree`` and ``git commit-tree``, each
   on the one before), holding its files as that change left them, the hook having approved
   exactly this content; no other commit hook runs for them (Git runs none for commit-tree);
4. the branch is moved once, from the commit it was on to the last of them
   (``git update-ref`` with the old value, so nothing that moved it meanwhile is lost).

Without a pre-commit hook, step 2 is left out.

The commits are built in the scratch index, so what the user has staged of other files stays
staged and out of them (as ``git commit --only`` leaves it); at the end the user's index takes
the committed files, as ``git commit --only`` does. If Git fails part-way (a full disk), the
branch has not moved: the commits made so far are unreachable objects Git collects in time, the
caller puts the files back, and a series is committed whole or not at all, with no history
rewritten.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from govtool.support.gitcommand import GitFailed, GitNotFound, run_git
from govtool.support.gitrepo import CommitFailed, check_can_commit, refusal_words

#: ``git hook run`` came with Git 2.36; before it, the hook file is run as Git runs it.
_HOOK_RUN_SINCE = (2, 36)


@dataclass(frozen=True)
class Step:
    """One commit of the series: its message, and its files (absolute paths) as it left them."""

    message: str
    files: Mapping[Path, bytes]


@dataclass(frozen=True)
class PreCommitHook:
    """The pre-commit hook Git would run for a commit in the repository."""

    top: Path  # the top of the working tree, where Git runs its hooks
    path: Path  # the hook file (in the hooks folder, or where core.hooksPath says)


def find_pre_commit_hook(folder: Path) -> PreCommitHook | None:
    """The pre-commit hook of the repository holding ``folder``, as Git finds it: an executable
    ``pre-commit`` in the hooks folder (``core.hooksPath`` honoured); None when there is none,
    outside a repository, or in one without a working tree."""
    try:
        out = run_git(folder, "rev-parse", "--show-toplevel", "--git-path", "hooks/pre-commit")
    except (GitFailed, GitNotFound):
        return None
    answer = out.decode("utf-8", "surrogateescape").splitlines()
    if len(answer) != 2:
        return None
    top, hook = Path(answer[0]), folder / answer[1]  # the hook path is relative to where Git ran
    if not (hook.is_file() and os.access(hook, os.X_OK)):
        return None
    return PreCommitHook(top, hook)


Progress = Callable[[int, int], None]


def commit_series(register_root: Path, steps: Sequence[Step], progress: Progress | None = None) -> list[str]:
    """Commit each of ``steps``, in order, the pre-commit hook run once over them all first (if
    the repository has one): the commits' hashes, oldest first. Raises :class:`CommitFailed` when
    the hook refuses, or Git cannot make a commit; then the branch has not moved."""
    check_can_commit(register_root)
    top = Path(run_git(register_root, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())
    git_dir = Path(run_git(top, "rev-parse", "--absolute-git-dir").decode("utf-8", "surrogateescape").strip())
    named = [(step.message, {_relative(top, path): content for path, content in step.files.items()}) for step in steps]
    union = list(dict.fromkeys(path for _, files in named for path in files))
    start = _head(top)
    scratch = git_dir / f"govtool-series-{os.getpid()}.index"
    env = {"GIT_INDEX_FILE": str(scratch)}
    made: list[str] = []  # the series' commits, oldest first
    try:
        blobs, modes = _stage(top, env, start, union)
        hook = find_pre_commit_hook(register_root)
        if hook is not None:
            _run_hook(hook, env)
        _read_tree(top, env, start)
        for number, (message, files) in enumerate(named, start=1):
            entries = [f"{modes[path]} {_blob(top, blobs, path, content)}\t{path}" for path, content in files.items()]
            run_git(top, "update-index", "--add", "-z", "--index-info", env=env,
                    stdin="".join(entry + "\0" for entry in entries).encode("utf-8", "surrogateescape"))
            tree = run_git(top, "write-tree", env=env).decode("ascii").strip()
            parent = made[-1] if made else start
            made.append(run_git(top, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message,
                                env=env).decode("ascii").strip())
            if progress is not None:
                progress(number, len(named))
        # The branch moves once, from where it was to the last commit, and only if nothing moved it
        # meanwhile: a failure before this line leaves it untouched (the commits made are unreachable).
        if made:
            run_git(top, "update-ref", "-m", f"govtool: {len(made)} commits", "HEAD", made[-1], *([start] if start else []))
        run_git(top, "add", "--", *union)  # the user's index: the files as committed, as 'git commit --only' leaves it
    except GitFailed as failure:
        raise CommitFailed(refusal_words(str(failure)) or "Git did not make the commit") from None
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".lock")):
            leftover.unlink(missing_ok=True)
    return made


def _relative(top: Path, path: Path) -> str:
    return path.resolve().relative_to(top.resolve()).as_posix()


def _head(top: Path) -> str | None:
    """The commit ``HEAD`` names, or None on a branch with no commit yet."""
    try:
        return run_git(top, "rev-parse", "-q", "--verify", "HEAD^{commit}").decode("ascii").strip()
    except GitFailed:
        return None


def _read_tree(top: Path, env: Mapping[str, str], start: str | None) -> None:
    """The scratch index holds ``start``'s files (none before the first commit)."""
    run_git(top, "read-tree", *([start] if start else ["--empty"]), env=env)


def _stage(top: Path, env: Mapping[str, str], start: str | None, union: list[str]) -> tuple[dict[tuple[str, bytes], str], dict[str, str]]:
    """Stage ``union`` as the working tree has it (the last change's content) on top of ``start``,
    as one commit of them all would hold it: (path, content) -> blob, and path -> mode."""
    _read_tree(top, env, start)
    run_git(top, "add", "--", *union, env=env)
    out = run_git(top, "ls-files", "-s", "-z", "--", *union, env=env).decode("utf-8", "surrogateescape")
    blobs: dict[tuple[str, bytes], str] = {}
    modes: dict[str, str] = {}
    for entry in filter(None, out.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, blob, _stage_number = meta.split(" ")
        modes[path] = mode
        blobs[(path, (top / path).read_bytes())] = blob
    return blobs, modes


def _blob(top: Path, blobs: dict[tuple[str, bytes], str], path: str, content: bytes) -> str:
    """The blob of ``content`` at ``path``: a file as a change left it before a later change
    rewrote it is written to Git's objects here, through the path's filters as ``git add`` would."""
    if (path, content) not in blobs:
        blobs[(path, content)] = run_git(top, "hash-object", "-w", "--stdin", f"--path={path}",
                                         stdin=content).decode("ascii").strip()
    return blobs[(path, content)]


def _run_hook(hook: PreCommitHook, env: Mapping[str, str]) -> None:
    """Run the pre-commit hook once over the scratch index, as Git runs it before a commit."""
    given = {**os.environ, **env, "GIT_EDITOR": ":", **_author(hook.top)}
    if _git_version(hook.top) >= _HOOK_RUN_SINCE:
        command = ["git", "hook", "run", "pre-commit"]
    else:  # what Git itself adds for a hook: its programs first on PATH, and where they are
        exec_path = run_git(hook.top, "--exec-path").decode("utf-8", "surrogateescape").strip()
        given.update(GIT_EXEC_PATH=exec_path, GIT_PREFIX="", PATH=os.pathsep.join([exec_path, given.get("PATH", "")]))
        command = [str(hook.path)]
    try:
        done = subprocess.run(command, cwd=hook.top, env=given, stdin=subprocess.DEVNULL, capture_output=True,
                              check=False, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except OSError as failure:  # a hook file that cannot be run at all: Git would not commit either
        raise CommitFailed(f"the pre-commit hook {hook.path} cannot be run: {failure.strerror}") from None
    if done.returncode != 0:
        said = (done.stderr + b"\n" + done.stdout).decode("utf-8", "replace")
        raise CommitFailed(refusal_words(said) or f"the pre-commit hook {hook.path} failed (exit status "
                                                  f"{done.returncode})")


def _author(top: Path) -> dict[str, str]:
    """``GIT_AUTHOR_NAME``, ``GIT_AUTHOR_EMAIL`` and ``GIT_AUTHOR_DATE`` as ``git commit`` sets
    them for its hooks (the date as ``@SECONDS +ZONE``)."""
    try:
        ident = run_git(top, "var", "GIT_AUTHOR_IDENT").decode("utf-8", "surrogateescape").strip()
    except GitFailed:  # no identity: the commit itself will say so
        return {}
    found = re.fullmatch(r"(.*) <(.*)> (\d+) ([+-]\d{4})", ident)
    if found is None:
        return {}
    name, email, seconds, zone = found.groups()
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": f"@{seconds} {zone}"}


def _git_version(top: Path) -> tuple[int, int]:
    """(major, minor) of the Git that runs: ``git version 2.39.5``, ``2.45.1.windows.1``, ``2.39.3 (Apple Git-145)``."""
    found = re.search(rb"(\d+)\.(\d+)", run_git(top, "--version"))
    return (int(found[1]), int(found[2])) if found else (0, 0)


