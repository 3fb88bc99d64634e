"""What the history engine hands to rules, timelines and the changes summary.

A :class:`Change` is one record file changed by one step: a commit, the staged index, or the
working tree. It carries the record's trail before and after (see snapshot.py), so a rule is
a comparison of two plain snapshots and never touches Git.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from govtool.history.gitlog import CommitInfo
from govtool.history.snapshot import ENTRY_NAMES, TRAIL_LISTS, TRAIL_SINGLES, Snapshot, entry_key
from govtool.register.dates import read_typed_date
from govtool.register.model import EDITABLE_FIELDS

STATUS_ORDER = {"open": 0, "in_progress": 1, "completed": 2, "closed": 3}


@dataclass(frozen=True)
class Where:
    """The step that made a change."""

    kind: str  # "commit", "staged" or "working"
    commit: CommitInfo | None = None
    merge: bool = False

    def describe(self) -> str:
        if self.commit is not None:
            what = self.commit.describe()
            return f"merge {what[len('commit '):]}" if self.merge else what
        return "the staged changes" if self.kind == "staged" else "the changes not yet committed"

    @property
    def label(self) -> str:
        """Short form for a timeline row: a short SHA, 'staged' or 'uncommitted'."""
        if self.commit is not None:
            return self.commit.short
        return "staged" if self.kind == "staged" else "uncommitted"

    @property
    def day(self) -> str | None:
        return self.commit.day if self.commit else None


@dataclass(frozen=True)
class Change:
    where: Where
    status: str  # A, M, D, R, or "merge"
    path: str  # relative to the register: the new path, or the old one for a deletion
    old_path: str | None
    before: Snapshot | None
    after: Snapshot | None

    @property
    def record_id(self) -> str:
        for snap in (self.after, self.before):
            if snap is not None and snap.get("id"):
                return str(snap["id"])
        return PurePosixPath(self.path).stem

    @property
    def created(self) -> bool:
        return self.before is None and self.after is not None

    @property
    def deleted(self) -> bool:
        """The record file went away (not renamed): the one change a trail never allows."""
        return self.before is not None and self.after is None and self.status in ("D", "merge-D")

    @property
    def renamed(self) -> bool:
        return self.old_path is not None and self.old_path != self.path


@dataclass(frozen=True)
class TrailEdit:
    """An existing trail entry that a change edited or removed."""

    part: str  # updates, redates, reviews, completion, closure, cancellation
    index: int | None  # position in the list (None for the one-off entries)
    entry: dict[str, Any]
    edited: bool

    def describe(self) -> str:
        name = ENTRY_NAMES[self.part]
        when = self.entry.get("date")
        dated = f" of {when}" if isinstance(when, str) else ""
        return f"{'changed' if self.edited else 'removed'} the {name}{dated}"


def evidence_added(old: Any, new: Any) -> bool:
    """``new`` is the completion ``old`` with evidence appended, and nothing else changed
    (``govtool complete ID --evidence ...`` on a completed or closed action)."""
    if not (isinstance(old, dict) and isinstance(new, dict)) or old == new:
        return False
    before, after = old.get("evidence") or [], new.get("evidence") or []
    if not (isinstance(before, list) and isinstance(after, list)) or after[:len(before)] != before:
        return False
    return {k: v for k, v in old.items() if k != "evidence"} == {k: v for k, v in new.items() if k != "evidence"}


def added_entries(before: Snapshot | None, after: Snapshot | None, part: str) -> list[dict[str, Any]]:
    """Entries of trail list ``part`` in ``after`` that ``before`` did not have."""
    if after is None:
        return []
    if part in TRAIL_SINGLES:
        value = after.get(part)
        old = before.get(part) if before else None
        if part == "completion" and evidence_added(old, value):
            return []  # the same completion, with more evidence
        return [value] if value is not None and value != old else []
    old_list, new_list = (before or {}).get(part) or [], after.get(part) or []
    if new_list[:len(old_list)] == old_list:  # the usual, append-only case: no keys needed
        return list(new_list[len(old_list):])
    remaining = Counter(entry_key(e) for e in old_list)
    added = []
    for entry in new_list:
        key = entry_key(entry)
        if remaining[key]:
            remaining[key] -= 1
        else:
            added.append(entry)
    return added


def trail_edits(before: Snapshot | None, after: Snapshot | None) -> list[TrailEdit]:
    """Existing entries that ``after`` changed or dropped (entries are matched by content)."""
    if before is None or after is None:
        return []
    edits: list[TrailEdit] = []
    for part in TRAIL_LISTS:
        old_list, new_list = before.get(part) or [], after.get(part) or []
        if new_list[:len(old_list)] == old_list:
            continue
        remaining = Counter(entry_key(e) for e in new_list)
        for index, entry in enumerate(old_list):
            key = entry_key(entry)
            if remaining[key]:
                remaining[key] -= 1
                continue
            # Something now stands where the entry stood: an edit; nothing there: a removal.
            edits.append(TrailEdit(part, index, entry, edited=index < len(new_list)))
    set_aside = [r.get(part) for r in added_entries(before, after, "reopened") for part in ("completion", "closure")]
    for part in TRAIL_SINGLES:
        old, new = before.get(part), after.get(part)
        if part == "completion" and evidence_added(old, new):
            continue  # evidence appended, each item dated: the completion itself stands as it was
        if old is not None and old != new and old not in set_aside:
            edits.append(TrailEdit(part, None, old, edited=new is not None))
    return edits


@dataclass(frozen=True)
class FieldEdit:
    """One of a record's own fields changed by a change: an action's title, owner, measure, ...
    (dotted: ``measure.target``), a source's date or ``response_due``, a finding's
    (``findings/F1/level``), a risk's score (``residual.likelihood``) or a control's rating
    (``controls/C1/effectiveness``)."""

    field: str
    old: str | None
    new: str | None

    @property
    def part(self) -> tuple[str, str, str] | None:
        """(``findings`` or ``controls``, its ID, the field) for a finding's or a control's field."""
        if "/" not in self.field:
            return None
        parts, rest = self.field.split("/", 1)
        part_id, name = rest.rsplit("/", 1)
        return parts, part_id, name

    @property
    def named(self) -> str:
        """As a message names it: 'measure target', 'residual likelihood', 'level of finding F1'."""
        part = self.part
        if part is None:
            return self.field.replace(".", " ")
        parts, part_id, name = part
        return f"{name} of {parts[:-1]} {part_id}"


#: The trail list whose entries record a change to a record's own fields.
RECORDED_IN = {"action": "edits", "source": "edits", "risk": "reviews"}


def field_edits(before: Snapshot | None, after: Snapshot | None) -> list[FieldEdit]:
    """The guarded fields of a record that a change altered, whether recorded or not. A finding
    or a control added or removed is not an edit of one (only its fields changed in place are)."""
    if before is None or after is None or after.get("kind") != before.get("kind"):
        return []
    if after.get("kind") == "action":
        return [FieldEdit(name, before.get(name), after.get(name))
                for name in EDITABLE_FIELDS if before.get(name) != after.get(name)]
    old, new = before.get("fields") or {}, after.get("fields") or {}
    if old == new:
        return []
    return [FieldEdit(name, old.get(name), new.get(name)) for name in dict.fromkeys([*old, *new])
            if old.get(name) != new.get(name) and ("/" not in name or (name in old and name in new))]


def records(kind: str, entry: dict[str, Any], field: str) -> bool:
    """Whether a trail entry accounts for a change to ``field``.

    An ``edits`` entry names the fields it changed (a finding's with the finding). A risk's
    review sets the residual score and re-rates controls, so any review accounts for those;
    it re-scores the inherent score only when it says so (its ``inherent``).
    """
    if kind == "risk":
        return not field.startswith("inherent.") or isinstance(entry.get("inherent"), dict)
    listed, finding = entry.get("fields"), entry.get("finding")
    prefix = f"findings/{finding}/" if isinstance(finding, str) else ""
    return isinstance(listed, list) and any(isinstance(name, str) and prefix + name == field for name in listed)


def silent_edits(before: Snapshot | None, after: Snapshot | None) -> list[FieldEdit]:
    """Field changes that no entry added by the same change accounts for (``govtool edit`` and
    ``govtool review`` write both together; a hand edit leaves the entry out)."""
    changed = field_edits(before, after)
    if not changed:
        return []
    assert after is not None  # field_edits found changes
    kind = str(after.get("kind"))
    added = added_entries(before, after, RECORDED_IN[kind])
    return [edit for edit in changed if not any(records(kind, entry, edit.field) for entry in added)]


def reopened_by(change: Change) -> bool:
    """Whether a change adds a reopening entry (``govtool reopen``): it may move the status back."""
    return bool(added_entries(change.before, change.after, "reopened"))


def has_entry(snapshot: Snapshot | None, part: str, entry: dict[str, Any]) -> bool:
    if snapshot is None:
        return False
    if part in TRAIL_SINGLES:
        return snapshot.get(part) == entry
    key = entry_key(entry)
    return any(entry_key(e) == key for e in snapshot.get(part) or [])


def redate_chain(before: Snapshot | None, after: Snapshot | None) -> list[dict[str, Any]] | None:
    """The re-date entries added by a change that lead from the old due date to the new one.

    None when the change moved the due date without recording it. Several entries added at
    once (moved twice before committing) count when they chain from the old date to the new.
    """
    old_due = before.get("due") if before else None
    new_due = after.get("due") if after else None
    added = added_entries(before, after, "redates")
    chain: list[dict[str, Any]] = []
    current = old_due
    for _ in range(len(added)):
        step = next((r for r in added if r.get("from") == current and r not in chain), None)
        if step is None:
            break
        chain.append(step)
        current = step.get("to")
        if current == new_due:
            return chain
    return None


def due_moved(change: Change) -> tuple[str, str] | None:
    """(old due, new due) when a change moved an existing record's due date, each as the day it
    names (YYYY-MM-DD): a date typed by hand another way (28/02/2027) is the day it names, so
    writing it as 2027-02-28 is no move, and a re-date entry to 2027-02-28 records the move to it."""
    if change.before is None or change.after is None:
        return None
    old, new = change.before.get("due"), change.after.get("due")
    if old and new and (old := day_named(old)) != (new := day_named(new)):
        return old, new
    return None


def day_named(text: str) -> str:
    """The day a due date names, as YYYY-MM-DD; ``text`` itself when it names no one day."""
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else text
    except ValueError:
        pass
    try:
        read = read_typed_date(text)
    except ValueError:
        return text
    return read.date.isoformat() if read.note is None else text


def unrecorded_move(change: Change, current: Snapshot | None) -> tuple[str, str] | None:
    """(old due, new due) when ``change`` moved a due date and no re-date entry says why.

    Neither added by the change itself (a chain from the old date to the new), nor recorded
    since: an entry in the record as it is now (``current``) with that ``from`` and ``to``,
    which is what ``govtool redate ID --to NEW`` writes for a move made earlier by hand. The
    one test ``silent-redate`` and ``redate`` share.
    """
    moved = due_moved(change)
    if moved is None or redate_chain(change.before, change.after) is not None:
        return None
    old, new = moved
    if current is not None and any(r.get("from") == old and r.get("to") == new for r in current.get("redates") or []):
        return None  # recorded afterwards: the trail now says why
    return moved


def status_regression(change: Change) -> tuple[str, str] | None:
    """(old, new) when the status went backwards: closed -> in_progress, cancelled -> open..."""
    if change.before is None or change.after is None:
        return None
    old, new = change.before.get("status"), change.after.get("status")
    if not old or not new or old == new:
        return None
    if old == "cancelled":
        return (old, new) if new in STATUS_ORDER else None
    if old in STATUS_ORDER and new in STATUS_ORDER and STATUS_ORDER[new] < STATUS_ORDER[old]:
        return old, new
    return None


def could_matter(change: Change) -> bool:
    """Whether any history rule could object to a change, whatever its options.

    Lint keeps only these committed changes in its small per-tip digest, so that a run on
    an unchanged history loads a few hundred changes instead of every version of every
    file. A new history rule that looks at other changes must widen this test.
    """
    if change.before is None or change.after is None:
        return change.deleted
    # A due date moved without its re-date entry (silent-redate). A move that brings its entry
    # is what a plan should hold; only its other parts (below) could still be objected to.
    if due_moved(change) and redate_chain(change.before, change.after) is None:
        return True
    if status_regression(change) or trail_edits(change.before, change.after):
        return True
    if silent_edits(change.before, change.after):
        return True
    # Who typed in a completion or a sign-off (self-recorded-closure, and the plan's "recorded by").
    if any(added_entries(change.before, change.after, part) for part in ("completion", "closure")):
        return True
    day = change.where.day
    return any(
        entry.get("date") != day
        for part in ENTRY_NAMES
        for entry in added_entries(change.before, change.after, part)
    )


@dataclass(frozen=True)
class Acknowledgement:
    """One ``lint.acknowledged`` entry of govtool.yaml."""

    commit: str
    reason: str
    rule: str | None = None
    record: str | None = None

    def covers(self, where: Where, rule: str, record: str) -> bool:
        if where.commit is None or not where.commit.sha.lower().startswith(self.commit.lower()):
            return False
        return (self.rule in (None, rule)) and (self.record in (None, record))


@dataclass(frozen=True)
class AcknowledgedMistake:
    """A history problem that lint no longer reports because govtool.yaml acknowledges it."""

    rule: str
    record: str
    where: Where
    message: str
    acknowledgement: Acknowledgement


@dataclass
class ReadStats:
    """What a run cost: reports and tests use it to show the cache at work."""

    commits_listed: int = 0
    blobs_read: int = 0
    cache: str = ""
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def acknowledge_hint(where: Where) -> str:
    """The way out for a mistake already in a commit that cannot (or should not) be undone."""
    if where.commit is None:
        return ""
    return f"; if it cannot be put right, acknowledge it with the reason: {acknowledgement(where.commit.short)}"


def acknowledgement(commit: str, rule: str | None = None, record: str | None = None) -> str:
    """The command that acknowledges ``commit`` in govtool.yaml's ``lint.acknowledged``, as a
    message gives it: a manager who does not write YAML runs it as printed, the reason added
    (a trial pasted the entry the message used to give, in one line, and broke the file)."""
    named = "".join(f" --{key} {value}" for key, value in (("rule", rule), ("record", record)) if value)
    return f'govtool acknowledge {commit}{named} --reason "..."'
