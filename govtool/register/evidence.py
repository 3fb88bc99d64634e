"""Evidence of completion: a file inside the register, or a web address.

A path is checked before anything is written: it must exist, and it must stay inside the
register once ``..`` and symbolic links are followed, because a report links to it and a
reviewer opens it (an evidence path that points at /etc/passwd or a colleague's home folder
is refused, not recorded). Paths are stored relative to the register, with forward slashes.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govtool.register.find import SETTINGS_FILE
from govtool.register.safefile import real_path
from govtool.support.errors import GovtoolError

_WEB = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class EvidenceItem:
    path: str | None  # relative to the register, forward slashes
    url: str | None

    @property
    def target(self) -> str:
        return self.path or self.url or ""

    @property
    def default_description(self) -> str:
        """What to call the evidence when nobody said: the file's name, or the address."""
        return PurePosixPath(self.path).name if self.path else self.target

    def entry(self, description: str) -> dict[str, str]:
        key = "path" if self.path else "url"
        return {key: self.target, "description": description}


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


def resolve_evidence(root: Path, cwd: Path, given: str) -> EvidenceItem:
    """Check one ``--evidence`` value; relative paths are tried from ``cwd``, then the register."""
    text = given.strip()
    if _WEB.match(text):
        return EvidenceItem(path=None, url=text)
    if _SCHEME.match(text):
        raise GovtoolError(f"--evidence {given!r}: only http:// and https:// addresses are accepted")
    if not text:
        raise GovtoolError("--evidence is empty: give a file in the register or a web address")
    root = root.resolve()
    written = Path(os.path.expanduser(text))
    candidates = [written] if written.is_absolute() else [cwd / written, root / written]
    for candidate in candidates:
        if not candidate.exists():
            continue
        real = real_path(candidate)  # follows '..' and symbolic links: where the file really is
        if real is None or not _inside(real, root):
            raise GovtoolError(
                f"--evidence {given}: outside the register: copy it into the register (e.g. evidence/) first"
            )
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
