"""Whether a file is unchanged since it was last read, known without reading it, as Git's index
knows it: its size, modification and change times in nanoseconds, and inode.

The lint memo (:mod:`govtool.lint.incremental`) and the backlinks index
(:mod:`govtool.register.backlinks`) both trust a file by this signature.
"""

from __future__ import annotations

import os
import stat

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
