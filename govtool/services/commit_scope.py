"""What must be committed before a govtool command's own commit, so the register is whole in
Git and each commit holds only what its message says.

A register's evidence is its Git history: a clone must be a register that reads the same. A
commit of only the written record can leave out what that record depends on: the settings
(without govtool.yaml a clone is no register at all, and the people directory says who an
owner is), the source or risk an action answers, its parent action. When one of those has
never been committed, or has changed since its last commit (``person add`` or ``new source``
run without committing, then ``new action --commit``; a rating typed into govtool.yaml by
hand), it is committed first, on its own, before the command's commit (``found`` in
:mod:`govtool.services.edits`), and so are changes already in the file the command writes
that the command did not make. With an uncommitted govtool.yaml go the folders' placeholders
and the pre-commit config ``govtool init`` made, when they are not committed either (a
register that was never committed). Nothing else is swept in: the user's other work stays
uncommitted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE, locate
from govtool.register.yamlload import YamlProblem, load_yaml
from govtool.services.checks import PRE_COMMIT_FILE, runs_govtool
from govtool.services.scaffold import FOLDERS
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import open_repo, uncommitted

#: An action's fields that name another record it depends on.
_LINKS = ("source", "risk", "parent")


def carried_along(root: Path, written: list[Path], contents: Mapping[Path, object] | None = None) -> list[Path]:
    """The files (absolute paths) that the ``written`` ones (relative to ``root``) depend on and
    that are not committed as they are now: they are committed before the command's commit.
    ``contents``: a written file's data as the command will write it (its links), when it is
    not written yet; else the file is read."""
    return found_uncommitted(root, written, contents)[1]


def found_uncommitted(root: Path, written: list[Path],
                      contents: Mapping[Path, object] | None = None) -> tuple[list[Path], list[Path]]:
    """Those of the ``written`` files that hold uncommitted changes already, and the files
    :func:`carried_along` names (absolute paths), from one ``git status``."""
    depended_on: list[Path] = [Path(SETTINGS_FILE)]
    for relative in written:
        depended_on += _linked_records(root, relative, (contents or {}).get(relative))
    made_by_init = _made_by_init(root)
    already = {(root / p).resolve() for p in written}
    candidates = [root / p for p in dict.fromkeys([*depended_on, *made_by_init]) if (root / p).resolve() not in already]
    found = uncommitted(root, [*(root / p for p in written), *candidates])  # one 'git status' for all of them
    dirty = [p for p in found if p in already]
    found = [p for p in found if p not in already]
    # What init made goes only with the settings: in a committed register it is committed already.
    settings = (root / SETTINGS_FILE).resolve()
    with_settings = settings in found or settings in already  # 'person add --commit' writes it
    init_only = {(root / p).resolve() for p in made_by_init} - {(root / p).resolve() for p in depended_on}
    return dirty, [p for p in found if with_settings or p not in init_only]


def _linked_records(root: Path, relative: Path, data: object = None) -> list[Path]:
    """The files of the source, risk and parent an action file names (an action only)."""
    if relative.parent.as_posix() != RECORD_FOLDERS["action"]:
        return []
    if data is None:
        try:
            data = load_yaml((root / relative).read_bytes()).data
        except (OSError, YamlProblem):
            return []
    if not isinstance(data, dict):
        return []
    found = []
    for key in _LINKS:
        linked = data.get(key)
        if not isinstance(linked, str):
            continue
        try:
            found.append(locate(root, linked)[1])
        except GovtoolError:  # a broken link is lint's to report; nothing to carry
            continue
    return found


def _made_by_init(root: Path) -> list[Path]:
    """The folders' placeholders and the pre-commit config that ``govtool init`` wrote here."""
    made = [Path(name, ".gitkeep") for name in FOLDERS]
    repo = open_repo(root)
    if repo is not None:
        config = Path(repo.working_tree_dir or root).resolve() / PRE_COMMIT_FILE
        if runs_govtool(config):
            made.append(Path(os.path.relpath(config, root.resolve())))
    return made
