"""Whether a file is unchanged since it was last read, known without reading it, as Git's index
knows it: its size, modification and change times in nanoseconds, and inode.

The lint memo (:mod:`govtool.lint.incremental`) and the backlinks index
(:mod:`govtool.register.backlinks`) both trust a file by this signature.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

#: A file whose modification or change time is not this much older than the start of the run
#: may still be written within the same tick of the file system's clock without either time
#: moving (Git's "racily clean" entries): its stat is not trusted, so it is read again next time.
RACY_NS = 2_000_000_000


def stat_signature(info: os.stat_result, started_ns: int, racy_ns: int = RACY_NS) -> str | None:
    """What says a regular file is unchanged without reading it; None for anything else, and for
    a file touched within ``racy_ns`` of the start of this run (too close to be sure of)."""
    if not stat.S_ISREG(info.st_mode) or max(info.st_mtime_ns, info.st_ctime_ns) >= started_ns - racy_ns:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def signatures_in(folder_fd: int, names: Iterable[str], started_ns: int, racy_ns: int = RACY_NS) -> list[str | None]:
    """:func:`stat_signature` of each of ``names`` in the folder open as ``folder_fd``, in their
    order, the link itself for a link. The same rule written out in one loop: the backlinks index
    takes a signature of every record file on every run, and a call per file was a sixth of that
    look at 3,000 files. Raises OSError as ``os.stat`` does (a file gone)."""
    limit, regular, look = started_ns - racy_ns, stat.S_ISREG, os.stat
    found: list[str | None] = []
    keep = found.append
    for name in names:
        info = look(name, dir_fd=folder_fd, follow_symlinks=False)
        keep(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
             if regular(info.st_mode) and info.st_mtime_ns < limit and info.st_ctime_ns < limit else None)
    return found
