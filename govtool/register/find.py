"""Find the register the way git finds ``.git`` (from a folder upwards to govtool.yaml), and a
record's file in it by the record's ID."""

from __future__ import annotations

import os
from pathlib import Path

from govtool.register.ids import PREFIXES, kind_of
from govtool.register.safefile import is_inside
from govtool.support.errors import GovtoolError
from govtool.support.terminal import as_typed

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
    below = registers_below(here)
    if below:
        shown = ", ".join(below[:5]) + (", ..." if len(below) > 5 else "")
        raise GovtoolError(f"no govtool register here or above {here}, but there are registers below it "
                           f"({shown}): point at one with -C DIR (e.g. govtool -C {as_typed(below[0])} ...)")
    raise GovtoolError(
        f"no govtool register here or above {here}: run 'govtool init' to make one, "
        "or point at one with -C DIR"
    )


#: How many folders :func:`registers_below` looks in before it gives up.
LOOK_BELOW_AT_MOST = 400


def registers_below(folder: Path, depth: int = 2) -> list[str]:
    """Registers in the folders up to ``depth`` levels below ``folder`` (a consultant's
    repository with a folder per client), as paths relative to it: what a command started at
    such a repository's top should name. Hidden folders (.git) are not looked in."""
    found: list[str] = []
    level = [folder]
    looked = 0
    for _ in range(depth):
        deeper = []
        for parent in level:
            try:
                children = sorted(child for child in parent.iterdir()
                                  if child.is_dir() and not child.is_symlink() and not child.name.startswith("."))
            except OSError:
                continue
            for child in children:
                looked += 1
                if looked > LOOK_BELOW_AT_MOST:  # a home folder, say: a hint is not worth a long wait
                    return found
                if (child / SETTINGS_FILE).is_file():
                    found.append(child.relative_to(folder).as_posix())
                else:
                    deeper.append(child)
        level = deeper
    return found


def locate(root: Path, record_id: str) -> tuple[str, Path]:
    """The kind and the file (relative to the register) of the record called ``record_id``."""
    typed = record_id.strip()
    kind = kind_of(typed.upper())
    if kind is None:
        meant = _prefixed(root, typed)
        raise GovtoolError(f"{record_id!r} is not a record ID: " + (
            f"did you mean {meant}?" if meant else "IDs look like ACT-7Q2K9D, SRC-… or RSK-…"))
    folder = root / RECORD_FOLDERS[kind]
    if os.path.isfile(folder / f"{typed}.yaml"):  # the usual case: no need to list the folder
        match: str | None = typed
        stems: list[str] = []
    else:
        stems = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        match = next((s for s in stems if s.casefold() == typed.casefold()), None)
    if match is None:
        import difflib  # only for a did-you-mean: the usual run finds the file

        close = difflib.get_close_matches(typed.upper(), stems, n=3, cutoff=0.7)
        hint = f": did you mean {' or '.join(close)}?" if close else ": 'govtool list' shows the actions"
        raise GovtoolError(f"unknown {kind} {typed}: there is no {folder.name}/{typed}.yaml{hint}")
    relative = Path(folder.name, f"{match}.yaml")
    if not is_inside(root / relative, root.resolve()):
        raise GovtoolError("cannot edit: symbolic link that points outside the register or loops", relative)
    return kind, relative


def _prefixed(root: Path, typed: str) -> str | None:
    """The one record whose ID is ``typed`` with its prefix put back (``8A4MT8``: ``ACT-8A4MT8``,
    case aside), for a "did you mean"; None when no record's is, or more than one kind's is."""
    found = []
    for kind, prefix in PREFIXES.items():
        wanted = f"{prefix}-{typed}".casefold()
        folder = root / RECORD_FOLDERS[kind]
        if kind_of(wanted.upper()) is None or not folder.is_dir():
            continue
        found += [path.stem for path in folder.glob("*.yaml") if path.stem.casefold() == wanted]
    return found[0] if len(found) == 1 else None
