"""The history cache: what was read from Git, kept inside ``.git`` between runs.

It holds the commit listing (up to the tip it was made for) and a snapshot per blob name
(content-addressed, so never stale). The file is JSON behind a one-line header with a format
version and a SHA-256 of the body: a truncated, corrupted, foreign or older-format file fails
the check and is rebuilt from Git, never trusted. No pickle: the file is data, not code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govtool.history.gitlog import CommitInfo, FileChange, LoggedCommit
from govtool.history.snapshot import Snapshot, is_valid

FORMAT = "govtool-history-cache"
VERSION = 1


@dataclass
class MergeSides:
    """A merge as the engine needs it: its diff against each parent, and the blobs at the fork."""

    sides: list[list[FileChange]]
    base_blobs: dict[str, str]


@dataclass
class CacheData:
    paths: list[str]
    tip: str | None = None
    commits: list[LoggedCommit] = field(default_factory=list)  # newest first
    merges: dict[str, MergeSides] = field(default_factory=dict)
    snapshots: dict[str, Snapshot | None] = field(default_factory=dict)


def cache_file(git_dir: Path, paths: list[str]) -> Path:
    """One file per register (a repository may hold several registers)."""
    key = hashlib.sha1("\n".join(paths).encode()).hexdigest()[:16]
    return git_dir / "govtool" / f"history-cache-v{VERSION}-{key}.json"


def load(path: Path, paths: list[str]) -> tuple[CacheData | None, str]:
    """The cache, or None with the reason it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "no cache yet"
    except OSError as exc:
        return None, f"unreadable ({exc.strerror})"
    header_line, _, body = raw.partition(b"\n")
    try:
        header = json.loads(header_line)
    except ValueError:
        return None, "bad header"
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        return None, "other format or version"
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None, "checksum mismatch (truncated or corrupted)"
    try:
        data = _decode(json.loads(body))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None, "malformed content"
    if data.paths != paths:
        return None, "made for other paths"
    return data, "used"


def save(path: Path, data: CacheData) -> None:
    """Write atomically; a cache that cannot be written is only a slower next run."""
    body = json.dumps(_encode(data), separators=(",", ":"), ensure_ascii=False).encode()
    header = json.dumps({"format": FORMAT, "version": VERSION, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".history-cache-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header.encode() + b"\n" + body)
        os.replace(temp, path)
    except OSError:
        pass


def _change_out(c: FileChange) -> list[Any]:
    return [c.status, c.old_path, c.new_path, c.old_blob, c.new_blob]


def _change_in(v: Any) -> FileChange:
    status, old_path, new_path, old_blob, new_blob = v
    for item in (old_path, new_path, old_blob, new_blob):
        if item is not None and not isinstance(item, str):
            raise TypeError("bad change")
    if not isinstance(status, str):
        raise TypeError("bad status")
    return FileChange(status, old_path, new_path, old_blob, new_blob)


def _encode(data: CacheData) -> dict[str, Any]:
    return {
        "paths": data.paths,
        "tip": data.tip,
        "commits": [
            [c.info.sha, list(c.info.parents), c.info.date, c.info.author, c.info.email, c.info.subject,
             [_change_out(x) for x in c.changes]]
            for c in data.commits
        ],
        "merges": {
            sha: {"sides": [[_change_out(x) for x in side] for side in m.sides], "base_blobs": m.base_blobs}
            for sha, m in data.merges.items()
        },
        "snapshots": data.snapshots,
    }


def _decode(value: Any) -> CacheData:
    paths = value["paths"]
    tip = value["tip"]
    if not (isinstance(paths, list) and all(isinstance(p, str) for p in paths)):
        raise TypeError("paths")
    if tip is not None and not isinstance(tip, str):
        raise TypeError("tip")
    commits = []
    for sha, parents, date, author, email, subject, changes in value["commits"]:
        if not all(isinstance(x, str) for x in (sha, date, author, email, subject, *parents)):
            raise TypeError("commit")
        info = CommitInfo(sha, tuple(parents), date, author, email, subject)
        commits.append(LoggedCommit(info, tuple(_change_in(x) for x in changes)))
    merges = {}
    for sha, m in value["merges"].items():
        base_blobs = m["base_blobs"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in base_blobs.items()):
            raise TypeError("base blobs")
        merges[sha] = MergeSides([[_change_in(x) for x in side] for side in m["sides"]], dict(base_blobs))
    snapshots = value["snapshots"]
    if not isinstance(snapshots, dict) or not all(is_valid(s) for s in snapshots.values()):
        raise TypeError("snapshots")
    return CacheData(paths, tip, commits, merges, snapshots)
