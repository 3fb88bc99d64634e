"""What a register's summary depends on, told without reading a record or starting Git.

A summary is a pure function of: the files in the register's folder, the repository's tip
and index (history rules read commits and staged changes), the as-of date, and govtool's
own code. The signature is a digest of all of them, made from ``stat`` (size, modification
time in nanoseconds, inode: an atomic rewrite is a new inode) and a few small files in the
Git directory (HEAD, the branch's ref, the stat of the index and of the shallow file, which
``git fetch --unshallow`` removes), so a run where nothing changed costs one ``stat`` per
file and one small read per register.

Like Git's own index, a file changed twice within the file system's clock tick at the same
size could look unchanged; :func:`settled` says whether the newest file is old enough that
this cannot happen, and a summary made before that is not kept.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from govtool.cache.store import code_version
from govtool.support import gitrepo

#: A file modified this recently (seconds) may still change within the same clock tick.
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class Signature:
    #: the files, the tip, the as-of date and the code
    content: str
    #: the Git index's stat: apart, because reading the working tree's state with Git may
    #: rewrite the index (a refresh of its stat data) without changing anything it records
    index: str
    #: the newest modification time among the files (seconds since the epoch)
    newest: float

    @property
    def key(self) -> str:
        return f"{self.content}:{self.index}"

    def settled(self, now: float | None = None) -> bool:
        """True when no file is so new that a same-size change could leave its stat alone."""
        return (now if now is not None else time.time()) - self.newest > RACY_SECONDS


def signature(root: Path, as_of: str) -> Signature:
    digest = hashlib.blake2b(f"{code_version()}\0{as_of}\0".encode(), digest_size=20)
    newest = 0.0
    for relative, stat in _files(root):
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\n".encode("utf-8", "surrogateescape"))
        newest = max(newest, stat.st_mtime)
    git_dir = gitrepo.git_dir(root)
    digest.update(b"git\0" + (_git_tip(git_dir).encode("utf-8", "surrogateescape") if git_dir else b"none"))
    # a shallow clone's history rules do not run; fetching its history changes no tip
    digest.update(b"shallow\0" + (_stat_text(_common_dir(git_dir) / "shallow").encode() if git_dir else b"none"))
    index = _stat_text(git_dir / "index") if git_dir else "none"
    return Signature(digest.hexdigest(), index, newest)


def _files(root: Path) -> list[tuple[str, os.stat_result]]:
    """(path relative to the register, its stat) for every file under the register, hidden
    folders (``.git``) left out, symbolic links stat'ed as links."""
    found: list[tuple[str, os.stat_result]] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            found.append((prefix + "(unreadable)", os.stat_result((0,) * 10)))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                continue
            try:
                found.append((prefix + entry.name, entry.stat(follow_symlinks=False)))
            except OSError:
                continue
    found.sort(key=lambda pair: pair[0])
    return found


def _git_tip(git_dir: Path) -> str:
    """HEAD and the commit it names, read from the Git directory's files."""
    parts = []
    head = _read(git_dir / "HEAD")
    parts.append(head)
    common = _common_dir(git_dir)
    if head.startswith("ref:"):
        ref = head[4:].strip()
        loose = _read(git_dir / ref) or _read(common / ref)
        # a packed ref: the packed-refs file's stat stands for it (it is rewritten when a ref moves)
        parts.append(loose or _stat_text(common / "packed-refs"))
    return "\0".join(parts)


def _common_dir(git_dir: Path) -> Path:
    """The directory a worktree shares with the repository (refs, the shallow file)."""
    common_file = _read(git_dir / "commondir").strip()
    return (git_dir / common_file).resolve() if common_file else git_dir


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="surrogateescape")
    except OSError:
        return ""


def _stat_text(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"
