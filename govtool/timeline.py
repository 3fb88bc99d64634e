"""The "Timeline (from Git)" section of ``govtool show``: the one place it is produced.

For now it lists the commits that touched the record's file (following renames). The richer
per-record timeline built from one pass over history (govtool/history/) replaces the body of
:func:`timeline_lines` when it lands; nothing else needs to change.
"""

from __future__ import annotations

from pathlib import Path

import git

from govtool.gitrepo import open_repo

_FIELD = "\x1f"


def timeline_lines(root: Path, relative: Path) -> list[str]:
    """One line per commit touching the record's file, oldest first: date, author, subject."""
    repo = open_repo(root)
    if repo is None:
        return ["(not in a Git repository: no history)"]
    top = Path(repo.working_tree_dir or root).resolve()
    path = (root / relative).resolve().relative_to(top).as_posix()
    try:
        log = repo.git.log("--follow", f"--format=%as{_FIELD}%an{_FIELD}%s", "--", path)
        dirty = bool(repo.git.status("--porcelain", "--", path))
    except git.GitCommandError:  # e.g. a repository with no commits yet
        log, dirty = "", (root / relative).exists()
    lines = [line.replace(_FIELD, "  ", 2) for line in reversed(log.splitlines()) if line]
    if not lines:
        lines.append("(never committed)")
    elif dirty:
        lines.append("(the file has changes that are not committed yet)")
    return lines
