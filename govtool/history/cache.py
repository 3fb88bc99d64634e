"""The history cache: what was read from Git, kept inside ``.git`` between runs.

It holds the commit listing (up to the tip it was made for) and a snapshot per blob name
(content-addressed, so never stale). The file format (checked JSON: a truncated, corrupted,
foreign or older-format file is rebuilt from Git, never trusted) is :mod:`govtool.cache.store`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govtool.cache.store import read_checked, remove_cache_file, write_checked
from govtool.history.gitlog import CommitInfo, FileChange, LoggedCommit
from govtool.history.memory import Grave, Memory
from govtool.history.snapshot import FOLDER_KINDS, SCALARS, TRAIL_LISTS, TRAIL_SINGLES, Snapshot, entry_key

KINDS = frozenset(FOLDER_KINDS.values())

FORMAT = "govtool-history-cache"
# 2: snapshots hold the editable fields and the edits and reopened lists. (A lint digest
# written before it carried the memory of detours fails to decode and is rebuilt.)
# 3: a source's and a risk's snapshot holds its guarded ``fields`` (silent-edit on them).
# 4: the lint digest keeps every change that adds a completion or a closure (who typed it in):
# an older digest lacks them, and would name no one.
VERSION = 4


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


def cache_file(git_dir: Path, paths: list[str], name: str = "history-cache") -> Path:
    """One file per register (a repository may hold several registers)."""
    key = hashlib.sha1("\n".join(paths).encode()).hexdigest()[:16]
    return git_dir / "govtool" / f"{name}-v{VERSION}-{key}.json"


def digest_file(git_dir: Path, paths: list[str]) -> Path:
    return cache_file(git_dir, paths, "history-lint")


def slips_file(git_dir: Path, paths: list[str]) -> Path:
    return cache_file(git_dir, paths, "history-slips")


#: A file of the history cache (the full cache, the lint digest or the slips), of any version,
#: for any register of the repository: its version is the number after "-v".
_NAMED = re.compile(r"history-(?:cache|lint|slips)-v([0-9]{1,6})-[0-9a-f]{16}\.json")


def drop_older_versions(folder: Path) -> None:
    """Delete the history cache's files of older versions (``history-cache-v2-….json`` and
    ``history-lint-v2-….json`` once a v3 file is written), for every register of the
    repository: no govtool of this version reads them, and a newer govtool's are left alone.
    Only the names this cache gives its files, only in its own folder (``<git-dir>/govtool/``)."""
    for other in folder.glob("history-*-v*-*.json"):
        found = _NAMED.fullmatch(other.name)
        if found is not None and int(found[1]) < VERSION:
            remove_cache_file(other)


def _read_checked(path: Path, kind: str) -> tuple[Any, str]:
    """The JSON body of a cache file whose header and checksum are right, else None and why."""
    return read_checked(path, f"{FORMAT}:{kind}", VERSION)


def _write_checked(path: Path, kind: str, payload: Any) -> None:
    """Write atomically (a cache that cannot be written is only a slower next run), then
    delete the older versions' files this one replaces."""
    if write_checked(path, f"{FORMAT}:{kind}", VERSION, payload):
        drop_older_versions(path.parent)


_BAD_CONTENT = (ValueError, TypeError, KeyError, IndexError, AttributeError)


def load(path: Path, paths: list[str]) -> tuple[CacheData | None, str]:
    """The cache, or None with the reason it cannot be used."""
    value, reason = _read_checked(path, "full")
    if value is None:
        return None, reason
    try:
        data = _decode(value)
    except _BAD_CONTENT:
        return None, "malformed content"
    if data.paths != paths:
        return None, "made for other paths"
    return data, "used"


def save(path: Path, data: CacheData) -> None:
    _write_checked(path, "full", _encode(data))


@dataclass
class Digest:
    """The committed changes a history rule could object to, for one tip: what lint needs
    on every run, small enough to load in a blink (the full cache is for timelines and
    for reading new commits)."""

    paths: list[str]
    tip: str
    #: (commit, merge?, status, path, old path, before, after), oldest first
    changes: list[tuple[CommitInfo, bool, str, str, str | None, Snapshot | None, Snapshot | None]]
    #: what the versions at the tip stand for (so new commits are judged as a full read would)
    memory: Memory = field(default_factory=Memory)


def load_digest(path: Path, paths: list[str]) -> Digest | None:
    """The digest (for whichever tip it was made), or None when it cannot be trusted."""
    value, _reason = _read_checked(path, "lint")
    if value is None:
        return None
    try:
        if value["paths"] != paths or not isinstance(value["tip"], str):
            return None
        snapshots = _decode_snapshots(value["entries"], value["snapshots"])
        changes = []
        for info, merge, status, change_path, old_path, before, after in value["changes"]:
            commit = _info_in(info)
            if not isinstance(status, str) or not isinstance(change_path, str):
                raise TypeError("change")
            if old_path is not None and not isinstance(old_path, str):
                raise TypeError("path")
            changes.append((commit, bool(merge), status, change_path, old_path,
                            snapshots[before] if before is not None else None,
                            snapshots[after] if after is not None else None))
        return Digest(paths, value["tip"], changes, _memory_in(value["memory"], snapshots))
    except _BAD_CONTENT:
        return None


def save_digest(path: Path, digest: Digest) -> None:
    snapshots: dict[str, Snapshot | None] = {}
    rows = []
    for info, merge, status, change_path, old_path, before, after in digest.changes:
        keys: list[str | None] = []
        for snap in (before, after):
            if snap is None:
                keys.append(None)
            else:
                key = str(len(snapshots))
                snapshots[key] = snap
                keys.append(key)
        rows.append([_info_out(info), merge, status, change_path, old_path, *keys])
    memory = _memory_out(digest.memory, snapshots)
    _write_checked(path, "lint", {"paths": digest.paths, "tip": digest.tip, "changes": rows, "memory": memory,
                                  **_encode_snapshots(snapshots)})


#: The slips file's kind: a change to what counts as a slip changes it, and older files are rebuilt.
SLIPS_KIND = "slips-2"
#: One slip as kept: (record ID, commit SHA or None, day YYYY-MM-DD or None, what saw it, the
#: due date it moved YYYY-MM-DD or None)
SlipRow = tuple[str, str | None, str | None, str, str | None]


def load_slips(path: Path, paths: list[str], tip: str) -> list[SlipRow] | None:
    """The committed slips kept for ``tip`` (:mod:`govtool.history.slips`), or None when the
    file is missing, made for another tip or other paths, or cannot be trusted."""
    value, _reason = _read_checked(path, SLIPS_KIND)
    if value is None:
        return None
    try:
        if value["paths"] != paths or value["tip"] != tip:
            return None
        rows: list[SlipRow] = []
        for record, sha, day, seen_in, moved_from in value["slips"]:
            if not (isinstance(record, str) and isinstance(seen_in, str)
                    and all(x is None or isinstance(x, str) for x in (sha, day, moved_from))):
                raise TypeError("slip")
            rows.append((record, sha, day, seen_in, moved_from))
        return rows
    except _BAD_CONTENT:
        return None


def save_slips(path: Path, paths: list[str], tip: str, rows: list[SlipRow]) -> None:
    _write_checked(path, SLIPS_KIND, {"paths": paths, "tip": tip, "slips": [list(row) for row in rows]})


def _memory_out(memory: Memory, snapshots: dict[str, Snapshot | None]) -> dict[str, Any]:
    """The memory with its snapshots moved into the digest's snapshot table."""
    def number(snap: Snapshot) -> str:
        key = f"m{len(snapshots)}"
        snapshots[key] = snap
        return key

    return {
        "stands_for": {key: number(snap) for key, snap in memory.stands_for.items()},
        "graves": {record: [grave.commit, number(grave.snapshot)] for record, grave in memory.graves.items()},
    }


def _memory_in(value: Any, snapshots: dict[str, Snapshot | None]) -> Memory:
    memory = Memory()
    for key, number in value["stands_for"].items():
        snap = snapshots[number]
        if not isinstance(key, str) or snap is None:
            raise TypeError("memory")
        memory.stands_for[key] = snap
    for record, (commit, number) in value["graves"].items():
        snap = snapshots[number]
        if not isinstance(record, str) or snap is None or not (commit is None or isinstance(commit, str)):
            raise TypeError("grave")
        memory.graves[record] = Grave(commit, snap)
    return memory


def _info_out(info: CommitInfo) -> list[Any]:
    return [info.sha, list(info.parents), info.date, info.author, info.email, info.subject]


def _info_in(value: Any) -> CommitInfo:
    sha, parents, date, author, email, subject = value
    if not all(isinstance(x, str) for x in (sha, date, author, email, subject, *parents)):
        raise TypeError("commit")
    return CommitInfo(sha, tuple(parents), date, author, email, subject)


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
            [*_info_out(c.info), [_change_out(x) for x in c.changes]]
            for c in data.commits
        ],
        "merges": {
            sha: {"sides": [[_change_out(x) for x in side] for side in m.sides], "base_blobs": m.base_blobs}
            for sha, m in data.merges.items()
        },
        **_encode_snapshots(data.snapshots),
    }


def _encode_snapshots(snapshots: dict[str, Snapshot | None]) -> dict[str, Any]:
    """Trail entries repeat in every later version of a file: store each once, by number."""
    numbers: dict[str, int] = {}
    entries: list[Any] = []

    def number(entry: Any) -> int:
        key = entry_key(entry)
        if key not in numbers:
            numbers[key] = len(entries)
            entries.append(entry)
        return numbers[key]

    encoded: dict[str, Any] = {}
    for name, snap in snapshots.items():
        if snap is None:
            encoded[name] = None
            continue
        out = dict(snap)
        for part in TRAIL_LISTS:
            out[part] = [number(e) for e in snap[part]]
        for part in TRAIL_SINGLES:
            out[part] = None if snap[part] is None else number(snap[part])
        encoded[name] = out
    return {"entries": entries, "snapshots": encoded}


def _decode_snapshots(entries: Any, encoded: Any) -> dict[str, Snapshot | None]:
    if not isinstance(entries, list) or not all(type(e) is dict for e in entries):
        raise TypeError("entries")
    snapshots: dict[str, Snapshot | None] = {}
    for name, value in encoded.items():
        if value is None:
            snapshots[name] = None
            continue
        # Numbers index the checked table: a bad one raises IndexError or TypeError.
        snap = dict(value)
        for part in TRAIL_LISTS:
            snap[part] = [entries[i] for i in value[part]]
        for part in TRAIL_SINGLES:
            index = value[part]
            snap[part] = None if index is None else entries[index]
        for key in SCALARS:
            if not (snap[key] is None or type(snap[key]) is str):
                raise TypeError("snapshot")
        fields = snap.get("fields", {})
        if type(fields) is not dict or not all(value is None or type(value) is str for value in fields.values()):
            raise TypeError("snapshot fields")
        if snap["kind"] not in KINDS:
            raise TypeError("snapshot kind")
        snapshots[name] = snap
    return snapshots


def _decode(value: Any) -> CacheData:
    paths = value["paths"]
    tip = value["tip"]
    if not (isinstance(paths, list) and all(isinstance(p, str) for p in paths)):
        raise TypeError("paths")
    if tip is not None and not isinstance(tip, str):
        raise TypeError("tip")
    commits = []
    for *fields, changes in value["commits"]:
        info = _info_in(fields)
        commits.append(LoggedCommit(info, tuple(_change_in(x) for x in changes)))
    merges = {}
    for sha, m in value["merges"].items():
        base_blobs = m["base_blobs"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in base_blobs.items()):
            raise TypeError("base blobs")
        merges[sha] = MergeSides([[_change_in(x) for x in side] for side in m["sides"]], dict(base_blobs))
    snapshots = _decode_snapshots(value["entries"], value["snapshots"])
    return CacheData(paths, tip, commits, merges, snapshots)
