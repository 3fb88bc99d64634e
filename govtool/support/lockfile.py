"""Hold an operating-system lock on an open file while a block runs: the edit lock's mechanism.

An edit holds one exclusive lock, from reading the record to writing and committing it:
``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows. The system drops either when the
process ends, so a crash never leaves a register locked. Where neither exists, or the file
system refuses ``flock`` (some network file systems), a marker file created exclusively next
to the lock file stands in (a soft lock); a crash leaves that marker behind, so a wait gives
up after ``patience`` seconds with one line saying which file to delete.

This replaces the ``filelock`` package, which did the same on the same three paths: importing
it (with the ``logging`` and ``decimal`` it brings) cost about 11 ms of CPU, a fifth of what an
edit spends beyond Python's own start-up, for one blocking lock on a descriptor govtool
already opens itself (as a plain file, see :mod:`.plainfile`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from govtool.support.errors import GovtoolError

#: How often a wait that cannot block in the system (Windows, the soft lock) tries again.
POLL_SECONDS = 0.05
#: How long a wait for a soft lock lasts before it says the marker may be a crash's.
SOFT_PATIENCE_SECONDS = 60.0
#: flock errors that mean "this file system has no flock", not "someone holds it".
_NO_FLOCK = {errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL}


@contextlib.contextmanager
def locked(fd: int, path: Path, patience: float = SOFT_PATIENCE_SECONDS) -> Iterator[None]:
    """Hold the exclusive lock on ``fd`` (the open file at ``path``), waiting for it if need be."""
    if sys.platform == "win32":  # pragma: no cover - CI is Linux; tests/cli/test_platforms.py imports it
        with _windows_lock(fd):
            yield
        return
    fcntl = _fcntl()
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the holder releases it or ends
        except OSError as refused:
            if refused.errno not in _NO_FLOCK:
                raise
        else:
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
            return
    with soft_lock(path, patience):
        yield


def _fcntl() -> ModuleType | None:
    """The POSIX locks' module, None on a system without them."""
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


@contextlib.contextmanager
def _windows_lock(fd: int) -> Iterator[None]:  # pragma: no cover - runs on Windows only
    import msvcrt

    while True:  # LK_LOCK gives up after ten tries; waiting for an edit to finish is the point
        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            break
        except OSError as busy:
            if busy.errno not in (errno.EACCES, errno.EDEADLK):
                raise
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


@contextlib.contextmanager
def soft_lock(path: Path, patience: float = SOFT_PATIENCE_SECONDS) -> Iterator[None]:
    """Hold ``path``'s soft lock: a marker (``NAME.held``) only one process can create."""
    marker = path.with_name(path.name + ".held")
    gives_up = time.monotonic() + patience
    while True:
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            if time.monotonic() >= gives_up:
                raise GovtoolError(
                    f"another govtool has held the register's lock for over {patience:.0f} s: "
                    f"if none is running, delete {marker} and try again"
                ) from None
        time.sleep(POLL_SECONDS)
    try:
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))  # whose it is, for a person deleting it
    finally:
        os.close(fd)
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)
