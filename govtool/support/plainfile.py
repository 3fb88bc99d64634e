"""Open govtool's own files in ``.git/govtool`` (caches, the lock) only if they are plain files.

Whoever can write into a repository's Git folder (a shared drive, a copied checkout) can put
a named pipe there (opening it to read blocks for ever), a device (reading ``/dev/zero``
never ends) or a symbolic link (the cache "write" would land in another file). So these files
are opened without blocking and without following a link, what was opened is checked with
``fstat`` on the descriptor (not on the name, which could change in between), and at most a
bounded number of bytes is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# O_NONBLOCK, O_NOFOLLOW and O_CLOEXEC are POSIX only (Windows has no FIFOs to block on);
# O_BINARY is Windows only (without it the file is opened in text mode).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_FLAGS = _NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class NotPlainFile(OSError):
    """The name holds a link, a pipe, a device or a folder: govtool will not use it."""


def open_plain(path: Path, flags: int = os.O_RDONLY, mode: int = 0o644) -> int:
    """A descriptor of the regular file at ``path`` (created when ``flags`` has O_CREAT)."""
    try:
        fd = os.open(path, flags | _FLAGS, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a symbolic link
            raise NotPlainFile(exc.errno, "a symbolic link, not a file", str(path)) from None
        if exc.errno in (errno.ENXIO, errno.EISDIR):  # a FIFO with no writer; a folder
            raise NotPlainFile(exc.errno, "not a regular file", str(path)) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotPlainFile(errno.EINVAL, "not a regular file (a pipe, a device or a folder)", str(path))
    if _NONBLOCK and flags & _NONBLOCK == 0:  # back to ordinary reads and writes on the plain file
        os.set_blocking(fd, True)
    return fd


def read_plain(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; OSError if it is not one or is over ``limit``."""
    fd = open_plain(path)
    try:
        # The whole file in one read as a rule (its size known): one buffer the size of the file,
        # never joined from chunks. A pre-commit lint reads a few MB of caches; in a new process
        # every buffer's pages are touched afresh, and chunks then their join cost twice that.
        size = min(os.fstat(fd).st_size, limit)
        raw = read_on(fd, os.read(fd, size + 1), limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
    return raw


def read_on(fd: int, start: bytes, size: int) -> bytes:
    """``start`` and what follows it in the open file, up to ``size`` bytes in all."""
    chunks = [start]  # joined: ``start`` itself when nothing follows it (no copy)
    size -= len(start)
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
