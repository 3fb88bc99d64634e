"""Find every register under some folders: each folder holding a govtool.yaml."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from govtool.register.find import SETTINGS_FILE
from govtool.support.errors import GovtoolError

#: Folders never searched: Git's own, and the usual heavy ones that never hold a register.
SKIPPED = frozenset({"node_modules", "__pycache__", "venv"})


def find_registers(folder: Path) -> Iterator[Path]:
    """Every register at or under ``folder``, in path order. A register's own subfolders are
    not searched (its records, evidence and reports hold no other register); hidden folders
    (``.git``, ``.venv``) and symbolic links to folders are not followed."""
    if not folder.is_dir():
        raise GovtoolError(f"{folder} is not a folder")
    yield from _walk(folder)


def _walk(folder: Path) -> Iterator[Path]:
    if (folder / SETTINGS_FILE).is_file():
        yield folder
        return
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if e.is_dir(follow_symlinks=False)), key=lambda e: e.name)
    except OSError:
        return  # an unreadable folder holds no register we can read; its parent's others still count
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED:
            continue
        yield from _walk(Path(entry.path))
