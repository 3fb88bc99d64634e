"""Each record's committed timeline, kept per tip, so ``show`` reads one record's story only.

A record's timeline is every committed change to its file, following renames back to its first
name. Finding them means reading the register's whole history (every version of every record
from the history cache): most of ``show``'s time on a large register. After such a read, every
record's committed events (as :class:`TimelineEvent`) and the names its file had are kept for
that tip in ``<git-dir>/govtool/timeline-index-<key>-<version>/NN.json`` (64 shards by the
path's CRC-32, checked JSON like the other caches), so the next ``show`` at the same tip reads
one shard. A new commit makes them stale: the next ``show`` reads the history and writes them
again. The version is a digest of govtool's version and the history reader's source, so a
change to how a change is described rebuilds them; a corrupt, foreign or ill-typed shard is
ignored. Staged and uncommitted edits are never kept: ``show`` uses the index only when no
staged or unstaged change touches any of the record's names, and otherwise reads the history.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import govtool
from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked

FORMAT = "govtool-timeline-index"
SHARDS = 64
#: an event as kept: commit SHA, label, date, author, summaries
Event = dict[str, Any]


@cache
def index_version() -> str | None:
    """A digest of govtool's version and the source that reads and describes history."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.blake2b(govtool.__version__.encode(), digest_size=16)
    try:
        for source in sorted(folder.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:
        return None
    return f"1:{digest.hexdigest()}"


def _folder(root: Path) -> Path | None:
    version = index_version()
    return register_cache_path(root, "timeline-index", version) if version else None


def _shard(folder: Path, path: str) -> Path:
    return folder / f"{zlib.crc32(path.encode()) % SHARDS:02d}.json"


def lookup(root: Path, tip: str, path: str) -> tuple[list[str], list[Event]] | None:
    """The names and committed events of the record at ``path`` at ``tip``; None when not kept."""
    folder = _folder(root)
    if folder is None:
        return None
    value, _reason = read_checked(_shard(folder, path), FORMAT, index_version())
    if not (isinstance(value, dict) and value.get("tip") == tip and isinstance(value.get("records"), dict)):
        return None
    entry = value["records"].get(path, {"names": [path], "events": []})
    if not (isinstance(entry, dict) and _strings(entry.get("names")) and isinstance(entry.get("events"), list)
            and all(_event_ok(event) for event in entry["events"])):
        return None
    return entry["names"], entry["events"]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _event_ok(event: Any) -> bool:
    return (isinstance(event, dict) and set(event) == {"commit", "label", "date", "author", "summaries"}
            and isinstance(event["label"], str) and _strings(event["summaries"])
            and all(event[key] is None or isinstance(event[key], str) for key in ("commit", "date", "author")))


def owners(changes: Iterable[Any], path_of: Callable[[Any], str], old_path_of: Callable[[Any], str | None]
           ) -> dict[str, tuple[list[str], list[Any]]]:
    """Every path's names and changes, oldest first, as :func:`record_timeline` finds one's:
    a change counts for each record one of whose names it is at, and a rename adds its old name."""
    aliases: dict[str, set[str]] = {}
    found: dict[str, tuple[list[str], list[Any]]] = {}
    for change in reversed(list(changes)):
        path = path_of(change)
        for owner in {path, *aliases.get(path, ())}:
            names, mine = found.setdefault(owner, ([owner], []))
            mine.append(change)
            old = old_path_of(change)
            if old and old not in names:
                names.append(old)
                aliases.setdefault(old, set()).add(owner)
    return {owner: (names, list(reversed(mine))) for owner, (names, mine) in found.items()}


def save(root: Path, tip: str, records: dict[str, tuple[list[str], list[Event]]]) -> None:
    """Keep every record's names and committed events for ``tip``; silently skipped when it cannot be."""
    folder = _folder(root)
    if folder is None:
        return
    shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
    for path, (names, events) in records.items():
        shards[zlib.crc32(path.encode()) % SHARDS][path] = {"names": names, "events": events}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    written = False
    for number, shard in enumerate(shards):
        written = write_checked(folder / f"{number:02d}.json", FORMAT, index_version(),
                                {"tip": tip, "records": shard}) or written
    if written:
        drop_stale_versions(folder)
