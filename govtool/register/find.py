"""Find the register the way git finds ``.git``: from a folder upwards to govtool.yaml."""

from __future__ import annotations

from pathlib import Path

from govtool.support.errors import GovtoolError

SETTINGS_FILE = "govtool.yaml"
RECORD_FOLDERS = {"action": "actions", "source": "sources", "risk": "risks"}


def find_register(start: Path | str | None = None) -> Path:
    """Return the folder holding govtool.yaml at or above ``start`` (default: the cwd)."""
    here = Path(start) if start is not None else Path.cwd()
    if not here.exists():
        raise GovtoolError(f"no such folder: {here}")
    here = here.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        settings = folder / SETTINGS_FILE
        # Not is_file(): a govtool.yaml that is a pipe or a broken link is still this register's
        # settings, and loading them says what is wrong instead of searching further up.
        if settings.is_symlink() or (settings.exists() and not settings.is_dir()):
            return folder
    raise GovtoolError(
        f"no govtool register here or above {here}: run 'govtool init' to make one, "
        "or point at one with -C DIR"
    )
