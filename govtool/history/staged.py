"""The record files a commit would take: Git's index, for ``govtool lint --staged``.

A pre-commit hook must judge what is being committed. pre-commit stashes unstaged edits of
tracked files, but an untracked draft (``actions/ACT-DRAFT.yaml`` not yet added) stays in the
working tree, and linting the working tree would fail the commit for a file it does not hold.
"""

from __future__ import annotations

from collections.abc import Callable

from govtool.history import gitlog
from govtool.history.engine import RepositoryView

#: Git's file modes for a regular file (a symbolic link is 120000, a submodule 160000).
_REGULAR = frozenset({"100644", "100755"})


def staged_record_files(view: RepositoryView) -> dict[str, bytes | None]:
    """Register-relative posix path -> the bytes staged for it (None: not a regular file), in the
    repository ``view`` (:func:`govtool.history.engine.open_view`: the caller opens it once, as the
    history rules of the same run read it too)."""
    listed, read = staged_record_blobs(view)
    blobs = read(sorted({sha for sha in listed.values() if sha is not None}))
    return {relative: blobs.get(sha) if sha is not None else None for relative, sha in listed.items()}


def staged_record_blobs(view: RepositoryView) -> tuple[dict[str, str | None], Callable[[list[str]], dict[str, bytes]]]:
    """Register-relative posix path -> the name of the blob staged for it (None: not a regular
    file), and a reader of blobs by name: the incremental lint reads only the blobs it has not
    linted before (a blob's name is a digest of its content). ``view`` as for
    :func:`staged_record_files`."""
    listed = gitlog.index_blobs(view.repo, view.paths)
    staged: dict[str, str | None] = {}
    for path, (mode, sha) in listed.items():
        relative = view.to_register(path)
        if relative is not None:
            staged[relative] = sha if mode in _REGULAR else None
    return staged, lambda shas: gitlog.read_blobs(view.repo, shas)
