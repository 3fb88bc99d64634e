"""Which registers a commit changes, in a repository that holds several (one folder per client).

A consultant keeps ``clients/acme/`` and ``clients/willow/`` in one repository, each with its own
``govtool.yaml``, and one pre-commit hook at the root. The hook runs ``govtool lint --staged``
in the root, which is no register: it lints instead each register holding a file the commit
adds, changes, renames or deletes (Git's index against HEAD), each on its own, so a commit to
one client is never held up by another client's plan, and a commit that changes no register
(a README, the CI settings) lints nothing.
"""

from __future__ import annotations

from pathlib import Path

from govtool.register.find import SETTINGS_FILE
from govtool.support.errors import GovtoolError


def register_holding(path: Path, top: Path) -> Path | None:
    """The register whose folder holds ``path`` (a file in the repository at ``top``, which may
    have been deleted): the nearest folder above it with a govtool.yaml, up to ``top``."""
    folder = path.parent
    while True:
        if (folder / SETTINGS_FILE).is_file():
            return folder
        if folder == top or folder == folder.parent:
            return None
        folder = folder.parent


def staged_registers(start: Path) -> list[Path]:
    """The registers at or below ``start`` with staged changes, in path order.

    Raises GovtoolError when ``start`` is in no Git repository (there is nothing staged to lint)
    or Git cannot read it.
    """
    from govtool.history import gitlog
    from govtool.support.gitcommand import GitFailed, GitNotFound, find_repository

    here = start.resolve()
    try:
        repo = find_repository(here)
        if repo is None:
            raise GovtoolError(f"--staged lints what Git would commit, and {here} is not in a Git repository")
        changes = gitlog.staged_changes(repo, gitlog.head_sha(repo) is not None, [])
    except GitNotFound:
        raise GovtoolError("--staged needs Git, and no 'git' program can be run") from None
    except GitFailed as refusal:
        raise GovtoolError(f"--staged: Git cannot read the repository holding {here}: {refusal}") from None
    top = repo.top.resolve()
    found: set[Path] = set()
    for change in changes:
        for written in (change.old_path, change.new_path):
            root = register_holding(top / written, top) if written else None
            if root is not None and root.is_relative_to(here):
                found.add(root)
    return sorted(found)


def nothing_staged(start: Path) -> bool:
    """True when ``start`` is in a Git repository whose index holds nothing to commit: ``lint
    --staged`` run by hand, or by ``pre-commit run --all-files`` (a CI check), not by a commit.
    False too when Git cannot say: the caller's own reading then reports why."""
    from govtool.history import gitlog
    from govtool.support.gitcommand import GitFailed, GitNotFound, find_repository

    try:
        repo = find_repository(start.resolve())
        return repo is not None and not gitlog.staged_changes(repo, gitlog.head_sha(repo) is not None, [])
    except (GitNotFound, GitFailed):
        return False
