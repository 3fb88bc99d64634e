"""Open register files without trusting what the file system holds.

A register arrives by ``git clone`` or a shared drive, so a "record file" may be a symbolic
link out of the register (to /etc/passwd, or a colleague's home folder), a link that loops, a
named pipe (reading it blocks forever), a folder, or gigabytes. Every read of a register file
goes through :func:`read_record_bytes`, and every "is this inside the register" question
through :func:`resolve_inside`, so the answer is the same everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from govtool.register.yamlload import MAX_FILE_BYTES, YamlProblem
from govtool.support.plainfile import read_on

_FOLDER = "a folder, not a record file: move it out of the register's record folders"


def real_path(path: Path) -> Path | None:
    """Where ``path`` really is once links and ``..`` are followed; None for a link loop or a
    name the operating system refuses (an embedded NUL byte, a name too long)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: "Symlink loop" (Python < 3.13)
        return None


def is_inside(path: Path, root: Path) -> bool:
    """True when ``path`` (followed) is ``root`` or below it; ``root`` must be resolved."""
    plain = _plainly_inside(path, root)
    if plain is not None:
        return plain
    real = real_path(path)
    return real is not None and (real == root or root in real.parents)


def _plainly_inside(path: Path, root: Path) -> bool | None:
    """The common case cheaply: a path below ``root`` with no ``..`` and no link on the way.

    Lint asks this for every evidence file; one ``lstat`` per component below the register
    is far cheaper than resolving the whole absolute path. None means "look closer".
    """
    walked = plain_walk(path, root)
    return None if walked is None else walked != REFUSED


#: What :func:`plain_walk` finds at the end of a plain path.
PRESENT, ABSENT, REFUSED = "present", "absent", "refused"


def plain_walk(path: Path, root: Path, plain_folders: set[Path] | None = None) -> str | None:
    """Walk ``path`` down from ``root`` one ``lstat`` per component: PRESENT when every component
    exists and none is a link (so the path is its own real path, inside ``root``), ABSENT when a
    component does not exist (nothing below it can lead anywhere), REFUSED for a name the system
    refuses (NUL byte, too long); None when the path is not plainly below ``root`` (a ``..``, a
    link on the way): resolve it to know where it leads. ``plain_folders`` (kept by the caller
    across calls in one run) holds folders already walked and found plain, so that many files
    in one folder cost one ``lstat`` each."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if ".." in parts:
        return None
    current = root
    for part in parts:
        current = current / part
        if plain_folders is not None and current in plain_folders:
            continue
        try:
            mode = os.lstat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return ABSENT
        except (OSError, ValueError):
            return REFUSED
        if stat.S_ISLNK(mode):
            return None
        if plain_folders is not None and stat.S_ISDIR(mode):
            plain_folders.add(current)
    return PRESENT


# O_NONBLOCK and O_CLOEXEC exist only on POSIX (where a FIFO would otherwise block the open);
# O_BINARY only on Windows (where the default text mode would turn CRLF into LF).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class ReadCount:
    """How many register files this process has read through :func:`read_record_bytes`: the
    tests hold an edit command's reads to the same small number at two register sizes."""

    files = 0


READS = ReadCount()


def read_record_bytes(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`YamlProblem`.

    The file is opened without blocking and checked with ``fstat`` on the open descriptor,
    so a named pipe or a device is refused instead of hanging, and an oversized file is
    refused before it is read into memory. Lint reads every record file on every run, so
    this is kept to four system calls for a file that is not being written meanwhile.
    """
    READS.files += 1
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise YamlProblem("file-too-large", f"file is {info.st_size:,} bytes; a record file may be at most {limit:,}")
        raw = os.read(fd, info.st_size + 1)
        if len(raw) != info.st_size:  # it changed size meanwhile: read on to its end, or past the limit
            raw = read_on(fd, raw, limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew while we read it
        raise YamlProblem("file-too-large", f"file is over {limit:,} bytes; a record file may be at most {limit:,}")
    return raw


def read_record_head(path: Path | str, size: int) -> bytes:
    """At most the first ``size`` bytes of a regular file, else :class:`YamlProblem`, opened as
    :func:`read_record_bytes` opens one (a named pipe is refused, not waited on): for a look at
    a record's top-level fields without reading all of a file that may be too large to."""
    fd, _info = _open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def _open_regular(path: Path | str) -> tuple[int, os.stat_result]:
    """A descriptor open on ``path`` and its ``fstat``, when it is a regular file; else
    :class:`YamlProblem` saying what it is (the descriptor closed)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        what = "a symbolic link to a file that does not exist" if os.path.islink(path) else "missing"
        raise YamlProblem("not-text", f"cannot read the file: {what}") from None
    except IsADirectoryError:
        raise YamlProblem("not-text", _FOLDER) from None
    except OSError as exc:
        raise YamlProblem("not-text", f"cannot read the file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise YamlProblem("not-text", _FOLDER)
            raise YamlProblem("not-text", "not a regular file (a named pipe or a device): replace it with the record file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info
