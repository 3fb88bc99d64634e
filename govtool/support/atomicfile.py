"""Write a file so that it is whole or not there, and never through a file someone planted.

Every writer in govtool (record edits, reports, exports, settings, caches) goes through
:func:`replace_atomically`: the new content goes to a fresh temporary file that
``tempfile.mkstemp`` creates exclusively (``O_CREAT | O_EXCL``: a file or a symbolic link
already at that name, say one committed into the register, is never opened, so never
followed), in the destination's own folder, and is then renamed over the destination. A
rename replaces a link at the destination itself, never the file it points to. On any failure
the temporary file is removed and the old file is left as it was.

Temporary files are named ``.<name>.<random>.tmp``; one left behind by a killed process is
reported by lint (``orphaned-temp-file``).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

#: What a temporary file left by :func:`replace_atomically` looks like.
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
DEFAULT_MODE = 0o644


#: False while :func:`scratch_writes` holds: nothing written needs to reach the disk.
_SYNC: contextvars.ContextVar[bool] = contextvars.ContextVar("govtool_sync_writes", default=True)


@contextlib.contextmanager
def scratch_writes() -> Iterator[None]:
    """While the block runs, files are written without flushing them to disk first: for work
    done in a scratch copy that is thrown away (an import's dry run), where a flush per file
    was most of the wait. Each file is still written whole and renamed into place."""
    token = _SYNC.set(False)
    try:
        yield
    finally:
        _SYNC.reset(token)


def replace_atomically(path: Path, write: Callable[[BinaryIO], object], sync: bool = True) -> None:
    """Replace ``path`` with what ``write`` writes to the open temporary file.

    ``sync``: flush to disk before the rename (a user's file); caches skip it, and so does
    everything written inside :func:`scratch_writes`.
    The file keeps the mode of the regular file it replaces (else 0644).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            if sync and _SYNC.get():
                os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _mode_of(path: Path) -> int:
    """The permission bits of the regular file at ``path`` (a link is not looked through)."""
    try:
        info = os.lstat(path)
    except OSError:
        return DEFAULT_MODE
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else DEFAULT_MODE
