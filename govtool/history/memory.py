"""What earlier versions of a record said that the version at hand does not.

History rules compare each version of a record with the one before it. Taken literally, a
detour walks around them: delete the record and add it back edited, drop ``due:`` for one
commit and bring it back with another date, or commit an unreadable file and fix it with a
silent re-date. So every version is compared with the record's **last readable version**,
whatever path the history took:

- a version that does not parse stands for the last readable one before it;
- a field that a version lacks (``due``, ``status``, ``id``) keeps its last value: no rule
  judges the removal itself, so the value it comes back with is compared with the last one.
  (Removing a field ``govtool edit`` corrects, such as ``owner`` or ``measure.target``, is
  itself a change ``silent-edit`` judges, so those are compared as they are.)
- a record added under an ID that an earlier commit on the same line of history deleted is
  compared with what was deleted (a restore, or a rename done as delete-then-add).

The memory is keyed by content (blob names) and by record ID, never by the order in which a
run happened to read commits, so a cold run and any number of incremental runs agree. Lint
keeps it in its digest so that new commits can be judged without re-reading the old ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from govtool.history.snapshot import Snapshot

#: The fields a version without them is taken to still hold (see above).
CARRIED_OVER = ("id", "due", "status")


@dataclass
class Grave:
    """A record file deleted by a commit (or by the staged or working changes: no commit)."""

    commit: str | None
    snapshot: Snapshot


@dataclass
class Memory:
    #: blob key -> the snapshot that version stands for, where it differs from the blob's
    #: own (the blob does not parse, or lacks a field an earlier version had)
    stands_for: dict[str, Snapshot] = field(default_factory=dict)
    #: record ID -> its last readable version before a commit deleted the file
    graves: dict[str, Grave] = field(default_factory=dict)

    def before(self, key: str | None, own: Snapshot | None) -> Snapshot | None:
        """The version a change starts from: what the old blob stands for."""
        if key is not None and key in self.stands_for:
            return self.stands_for[key]
        return own

    def after(self, key: str | None, before: Snapshot | None, own: Snapshot | None) -> Snapshot | None:
        """The version a change ends at, with missing fields carried over from ``before``;
        remembers what the new blob stands for when that differs from its own content."""
        if own is None:
            if key is not None and before is not None:
                self.stands_for[key] = before
            return None
        filled = carried_over(before, own)
        if key is not None and filled is not own:
            self.stands_for[key] = filled
        return filled

    def buried(self, commit: str | None, path: str, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            self.graves[record_key(snapshot, path)] = Grave(commit, snapshot)

    def restored(
        self, path: str, snapshot: Snapshot | None, descends_from: Callable[[str], bool]
    ) -> Snapshot | None:
        """The deleted version a newly added record brings back, if any: one deleted by an
        ancestor of the change (``descends_from(commit)``), or by the uncommitted changes."""
        if snapshot is None:
            return None
        grave = self.graves.get(record_key(snapshot, path))
        if grave is None or (grave.commit is not None and not descends_from(grave.commit)):
            return None
        return grave.snapshot


def record_key(snapshot: Snapshot, path: str) -> str:
    """A record's identity across files: its ID, or the file's name when it has none."""
    return str(snapshot.get("id") or PurePosixPath(path).stem)


def carried_over(before: Snapshot | None, own: Snapshot) -> Snapshot:
    """``own`` with every scalar it lacks taken from ``before`` (``own`` itself if none)."""
    if before is None:
        return own
    missing = [key for key in CARRIED_OVER if own.get(key) is None and before.get(key) is not None]
    if not missing:
        return own
    filled = dict(own)
    for key in missing:
        filled[key] = before[key]
    return filled
