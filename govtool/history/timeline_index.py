"""Each record's committed timeline, kept per tip, so ``show`` reads one record's story only.

A record's timeline is every committed change to its file, following renames back to its first
name. Finding them means reading the register's whole history (every version of every record
from the history cache): most of ``show``'s time on a large register. After such a read, every
record's committed events (as :class:`TimelineEvent`) and the names its file had are kept for
that tip in ``<git-dir>/govtool/timeline-index-<key>-<version>/`` (64 shards by the path's
CRC-32 and a head naming the tip, :class:`govtool.cache.sharded.ShardedCache`), so the next
``show`` at the same tip reads the head and one shard. A new commit makes them stale: the next ``show`` reads the history and writes them
again. The version is a digest of govtool's version and the history reader's source, so a
change to how a change is described rebuilds them; a corrupt, foreign or ill-typed shard is
ignored. Staged and uncommitted edits are never kept: ``show`` uses the index only when no
staged or unstaged change touches any of the record's names, and otherwise reads the history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import govtool
from govtool.cache.sharded import ShardedCache
from govtool.cache.store import drop_stale_versions, register_cache_path

FORMAT = "govtool-timeline-index"
SHARDS = 64
#: an event as kept: commit SHA, label, date, author, summaries, the trail entries it wrote
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


def _store(root: Path) -> ShardedCache | None:
    version = index_version()
    folder = register_cache_path(root, "timeline-index", version) if version else None
    return ShardedCache(folder, FORMAT, version, SHARDS) if folder is not None and version else None


def lookup(root: Path, tip: str, path: str) -> tuple[list[str], list[Event]] | None:
    """The names and committed events of the record at ``path`` at ``tip``; None when not kept."""
    store = _store(root)
    if store is None or store.meta.get("tip") != tip:
        return None
    entry = store.get(path)
    if store.broken:
        return None
    if entry is None:  # no committed change at this tip
        entry = {"names": [path], "events": []}
    if not (isinstance(entry, dict) and _strings(entry.get("names")) and isinstance(entry.get("events"), list)
            and all(_event_ok(event) for event in entry["events"])):
        return None
    return entry["names"], entry["events"]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _event_ok(event: Any) -> bool:
    return (isinstance(event, dict) and set(event) == {"commit", "label", "date", "author", "summaries", "added"}
            and isinstance(event["label"], str) and _strings(event["summaries"])
            and isinstance(event["added"], list) and all(_strings(pair) and len(pair) == 2 for pair in event["added"])
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
    store = _store(root)
    if store is None or store.folder is None:
        return
    entries = {path: {"names": names, "events": events} for path, (names, events) in records.items()}
    if store.save({"tip": tip}, entries.keys(), entries, full=True):
        drop_stale_versions(store.folder)
