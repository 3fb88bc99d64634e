"""A series of changes committed one by one, and the branch moved once.

``govtool import --apply`` saves many changes (people, a source, each action, each progress
note) and commits each on its own with its own message, as the command line's own commands
would, so that each record's history (``govtool show``) says what happened to it, step by step.
An import brings a plan in as received, as ``govtool init --commit`` takes over a register
(``--no-verify``): its commits are made without the pre-commit hook, whose check judges the
changes made to the imported records from then on, and ``govtool lint`` lists what they came
with. So:

1. the union of every file the series writes is staged on top of ``HEAD`` in a scratch index;
2. each change is made a commit of its own (``git write-tree`` and ``git commit-tree``, each
   on the one before), holding its files as that change left them; no commit hook runs for
   them (Git runs none for ``commit-tree``);
3. the branch is moved once, from the commit it was on to the last of them
   (``git update-ref`` with the old value, so nothing that moved it meanwhile is lost).

The commits are built in the scratch index, so what the user has staged of other files stays
staged and out of them (as ``git commit --only`` leaves it); at the end the user's index takes
the committed files, as ``git commit --only`` does. If Git fails part-way (a full disk), the
branch has not moved: the commits made so far are unreachable objects Git collects in time, the
caller puts the files back, and a series is committed whole or not at all, with no history
rewritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from govtool.support.gitcommand import GitFailed, run_git
from govtool.support.gitrepo import CommitFailed, check_can_commit, refusal_words


@dataclass(frozen=True)
class Step:
    """One commit of the series: its message, and its files (absolute paths) as it left them."""

    message: str
    files: Mapping[Path, bytes]


Progress = Callable[[int, int], None]


def commit_series(register_root: Path, steps: Sequence[Step], progress: Progress | None = None) -> list[str]:
    """Commit each of ``steps``, in order, without the pre-commit hook (as received): the
    commits' hashes, oldest first. Raises :class:`CommitFailed` when Git cannot make a commit;
    then the branch has not moved."""
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
