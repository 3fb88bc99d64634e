"""Evidence of completion: a file inside the register, or a web address.

A path is checked before anything is written: it must exist, and it must stay inside the
register once ``..`` and symbolic links are followed, because a report links to it and a
reviewer opens it (an evidence path that points at /etc/passwd or a colleague's home folder
is refused, not recorded). Paths are stored relative to the register, with forward slashes.

A file kept elsewhere (in someone's Documents folder) is refused as :class:`OutsideRegister`,
which names the file, so that the command line can offer to copy it in
(:func:`copy_name`: ``evidence/YYYY-MM-name``, never over a file already there). A path that
goes through the register and out of it by a symbolic link is never copied: that is a link
planted in the register, not a file the user named. Paths are read as people paste them:
surrounding quotes (Windows' "Copy as path", a file dragged onto a terminal) and, off Windows,
backslash-escaped spaces (a file dragged onto a macOS terminal) are taken off.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govtool.register.find import SETTINGS_FILE
from govtool.register.safefile import real_path
from govtool.support.errors import GovtoolError

_WEB = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


#: The register's folder for evidence files (``govtool init`` makes it).
EVIDENCE_FOLDER = "evidence"


@dataclass(frozen=True)
class EvidenceItem:
    path: str | None  # relative to the register, forward slashes
    url: str | None
    copy_from: Path | None = None  # a file outside the register, to be copied in to ``path``

    @property
    def target(self) -> str:
        return self.path or self.url or ""

    @property
    def default_description(self) -> str:
        """What to call the evidence when nobody said: the file's name (as the user named it,
        for a copy), or the address."""
        if self.copy_from is not None:
            return self.copy_from.name
        return PurePosixPath(self.path).name if self.path else self.target

    def entry(self, description: str) -> dict[str, str]:
        key = "path" if self.path else "url"
        return {key: self.target, "description": description}


def _outside(given: str) -> str:
    return f"--evidence {given}: outside the register: copy it into the register (e.g. {EVIDENCE_FOLDER}/) first"


class OutsideRegister(GovtoolError):
    """An evidence file the user named that is kept outside the register (``source``: where
    it really is), which could be copied in."""

    def __init__(self, given: str, source: Path) -> None:
        super().__init__(_outside(given))
        self.given = given
        self.source = source


def not_evidence(relative: str | PurePosixPath) -> str | None:
    """Why a path inside the register cannot be evidence, or None when it can.

    Git's own folder (its objects, hooks and config), govtool's lock folder and the settings
    file are the machinery of the register, not proof of a change to practice; a report
    would link a reviewer straight into them. Compared without case, as Windows and macOS
    file systems do."""
    # Split as text (a path object per evidence file costs more than the rest of the check).
    parts = posixpath.normpath(str(relative).replace("\\", "/")).casefold().split("/")
    if ".git" in parts or ".govtool" in parts:
        return "is inside Git's own folder or govtool's (.git, .govtool)"
    if parts == [SETTINGS_FILE.casefold()]:
        return f"is the register's settings file ({SETTINGS_FILE})"
    return None


def unquoted(given: str) -> str:
    """A path as it was meant when pasted: without the spaces round it, and without the quotes
    round it that Windows' "Copy as path" and a file dropped onto a terminal put there
    (``"C:\\Users\\Aisha\\Documents\\spot check.xlsx"``, ``'/home/aisha/spot check.xlsx' ``)."""
    text = given.strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text


def _spellings(text: str) -> list[str]:
    """The ways to read a typed path: as it is, then (off Windows, where a backslash is a
    separator) with backslash escapes taken off, as a macOS terminal writes a dropped file
    (``/Users/aisha/spot\\ check.xlsx``)."""
    if os.sep == "\\" or "\\" not in text:
        return [text]
    return [text, re.sub(r"\\(.)", r"\1", text)]


def resolve_evidence(root: Path, cwd: Path, given: str) -> EvidenceItem:
    """Check one ``--evidence`` value; relative paths are tried from ``cwd``, then the register.

    Raises :class:`OutsideRegister` for a file the user named outside the register."""
    text = unquoted(given)
    if _WEB.match(text):
        return EvidenceItem(path=None, url=text)
    if _SCHEME.match(text):
        raise GovtoolError(f"--evidence {given!r}: only http:// and https:// addresses are accepted")
    if not text:
        raise GovtoolError("--evidence is empty: give a file in the register or a web address")
    root = root.resolve()
    candidates = []
    for spelling in _spellings(text):
        written = Path(os.path.expanduser(spelling))
        candidates += [written] if written.is_absolute() else [cwd / written, root / written]
    for candidate in candidates:
        if not candidate.exists():
            continue
        real = real_path(candidate)  # follows '..' and symbolic links: where the file really is
        if real is None or not _inside(real, root):
            if real is not None and real.is_file() and not _through(candidate, root):
                raise OutsideRegister(text, real)
            raise GovtoolError(_outside(given))
        if not real.is_file():
            raise GovtoolError(f"--evidence {given}: is a folder: name the evidence file itself")
        relative = real.relative_to(root).as_posix()
        refused = not_evidence(relative)
        if refused:
            raise GovtoolError(f"--evidence {given}: {refused}: give the file that shows the change (e.g. in evidence/)")
        return EvidenceItem(path=relative, url=None)
    raise GovtoolError(
        f"evidence file not found: {given}: put it in the register (e.g. evidence/) first, or give a web address"
    )


def _inside(path: Path, root: Path) -> bool:
    return root in path.parents


def _through(candidate: Path, root: Path) -> bool:
    """True when ``candidate``, read as written (``..`` taken off, no link followed), passes
    through the register's folder: a file that leaves it does so by a link inside it."""
    written = Path(os.path.abspath(candidate))
    return any(real_path(folder) == root for folder in written.parents)


def copy_name(root: Path, source: Path, day: dt.date, planned: Collection[str] = ()) -> str:
    """Where a copy of ``source`` goes in the register, by the register's convention:
    ``evidence/YYYY-MM-name.ext`` (the month of ``day``; no second date for a name that starts
    with one), in lower case with hyphens for spaces, and never the name of a file already
    there (compared without case, as Windows and macOS do) nor one ``planned`` for another copy:
    ``-2``, ``-3``… is added."""
    suffix = re.sub(r"[^\w.]+", "", source.suffix.casefold())
    stem = re.sub(r"[^\w]+", "-", source.stem.casefold()).strip("-_") or "evidence"
    if not re.match(r"\d{4}-\d{2}", stem):
        stem = f"{day:%Y-%m}-{stem}"
    folder = root / EVIDENCE_FOLDER
    taken = {entry.name.casefold() for entry in folder.iterdir()} if folder.is_dir() else set()
    taken |= {PurePosixPath(name).name.casefold() for name in planned}
    name, count = f"{stem}{suffix}", 1
    while name.casefold() in taken:
        count += 1
        name = f"{stem}-{count}{suffix}"
    return f"{EVIDENCE_FOLDER}/{name}"
