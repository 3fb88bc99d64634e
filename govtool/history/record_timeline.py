"""One record's story from Git: who changed what, when, in words a manager reads.

Used by ``govtool show`` (and the changes summary): each commit that touched the record
becomes one :class:`TimelineEvent` with short human summaries ("created", "status open →
in_progress", "re-dated 2026-03-31 → 2026-04-30 (supplier delay)", ...). Renames are
followed back to the record's first file; staged and uncommitted edits come last.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govtool.history import gitlog, timeline_index
from govtool.history.engine import open_view, read_changes
from govtool.history.model import (
    Change,
    added_entries,
    due_moved,
    evidence_added,
    redate_chain,
    silent_edits,
    trail_edits,
)
from govtool.history.snapshot import SCALARS, TRAIL_LISTS, TRAIL_SINGLES, entry_digest

_DONE_WORDS = {"completed": "completed", "closed": "closed", "cancelled": "cancelled"}


@dataclass(frozen=True)
class TimelineEvent:
    commit: str | None  # full SHA; None for staged or uncommitted changes
    label: str  # short SHA, "staged" or "uncommitted"
    date: str | None  # author date YYYY-MM-DD
    author: str | None
    summaries: list[str]
    #: the trail entries this change wrote, as [part, digest of the entry] (see :func:`written`)
    added: list[list[str]] = field(default_factory=list)


#: the records whose timeline needed the register's whole history in this process (tests count them)
HISTORY_READS: list[str] = []


def record_timeline(register_root: Path, record_path: Path | str) -> list[TimelineEvent]:
    """The events of one record, oldest first. Raises HistoryUnavailable outside Git."""
    root = Path(register_root).resolve()
    relative = Path(record_path)
    if relative.is_absolute():
        relative = relative.resolve().relative_to(root)
    view = open_view(root)
    path = relative.as_posix()
    tip = gitlog.head_sha(view.repo)
    kept = timeline_index.lookup(root, tip, path) if tip else None
    if kept is not None:
        kept_names, events = kept
        uncommitted = [*gitlog.staged_changes(view.repo, True, view.paths), *gitlog.working_changes(view.repo, view.paths)]
        touched = {view.to_register(p) for c in uncommitted for p in (c.old_path, c.new_path)}
        if not touched & set(kept_names):  # nothing staged or unstaged for this record: its committed story
            return [TimelineEvent(**event) for event in events]
    HISTORY_READS.append(path)
    changes, _reader, tip = read_changes(view)
    names = {path}
    mine: list[Change] = []
    for change in reversed(changes):
        if change.path in names:
            mine.append(change)
            if change.old_path:
                names.add(change.old_path)
    if tip:
        committed = [c for c in changes if c.where.commit is not None]
        found = timeline_index.owners(committed, lambda c: c.path, lambda c: c.old_path)
        timeline_index.save(root, tip, {p: (n, [asdict(_event(c)) for c in cs]) for p, (n, cs) in found.items()})
    return [_event(change) for change in reversed(mine)]


def _event(change: Change) -> TimelineEvent:
    commit = change.where.commit
    return TimelineEvent(
        commit=commit.sha if commit else None,
        label=change.where.label,
        date=commit.day if commit else None,
        author=commit.author if commit else None,
        summaries=describe_change(change),
        added=written(change),
    )


def written(change: Change) -> list[list[str]]:
    """The trail entries a change added, each as [part, digest], so that the order in which a
    record's entries were written is known from its timeline alone (:mod:`.trail_order`)."""
    return [[part, entry_digest(entry)] for part in (*TRAIL_LISTS, *TRAIL_SINGLES)
            for entry in added_entries(change.before, change.after, part)]


def describe_change(change: Change) -> list[str]:
    """What a change did to a record, as short phrases (never empty)."""
    before, after = change.before, change.after
    if change.deleted:
        return ["deleted (the file was removed)"]
    if after is None:
        return ["edited (this version is not a valid record)"]
    if before is None:
        return ["created"]
    said: list[str] = []
    if change.renamed:
        said.append(f"renamed from {change.old_path}")
    old_status, new_status = before.get("status"), after.get("status")
    reopenings = added_entries(before, after, "reopened")
    for entry in reopenings:
        said.append(_with_reason("reopened", entry))
    if old_status != new_status and new_status and not reopenings:
        said.append(_DONE_WORDS.get(new_status) or f"status {old_status or 'none'} → {new_status}")
    elif after.get("kind") == "source":  # a source has no status: its cancellation entry says it
        said += [_with_reason("cancelled", entry) for entry in added_entries(before, after, "cancellation")]
    for entry in added_entries(before, after, "edits"):
        said.append(_with_reason(_edited(entry), entry))
    if evidence_added(before.get("completion"), after.get("completion")):
        said.append("evidence added to the completion")
    silent = silent_edits(before, after)
    if silent:
        recorded_by = "a review" if after.get("kind") == "risk" else "an edit entry"
        said.append(f"{', '.join(e.named for e in silent)} changed without {recorded_by}")
    moved = due_moved(change)
    if moved:
        chain = redate_chain(before, after)
        if chain:
            reasons = "; ".join(str(r.get("reason")) for r in chain if r.get("reason"))
            said.append(f"re-dated {moved[0]} → {moved[1]}" + (f" ({reasons})" if reasons else ""))
        else:
            said.append(f"due date changed {moved[0]} → {moved[1]} without a re-date entry")
    edits = trail_edits(before, after)
    for part, words in (("updates", "progress note added"), ("reviews", "risk review added"), ("redates", "re-date entry added")):
        edited = sum(1 for e in edits if e.part == part and e.edited)  # an edit is not a new entry
        if len(added_entries(before, after, part)) > edited and not (part == "redates" and moved):
            said.append(words)
    for edit in edits:
        said.append(f"{edit.describe()} (trail rewritten)")
    if not said:
        changed = [key for key in SCALARS if before.get(key) != after.get(key)]
        said.append(f"{', '.join(changed)} changed" if changed else "edited")
    return said


def _edited(entry: dict[str, Any]) -> str:
    """'edited title, measure.target', or 'handed over from jane.smith' for an owner."""
    listed, was = entry.get("fields"), entry.get("from")
    fields = [f for f in listed if isinstance(f, str)] if isinstance(listed, list) else []
    was = was if isinstance(was, dict) else {}
    parts = [f for f in fields if f != "owner"]
    finding = entry.get("finding")  # a source's edit of one finding
    words = [f"edited {finding + ' ' if isinstance(finding, str) else ''}{', '.join(parts)}"] if parts else []
    if "owner" in fields:
        handed = "handed over" if entry.get("handover") is not False else "owner corrected"
        words.append(f"{handed} from {was['owner']}" if isinstance(was.get("owner"), str) else handed)
    return "; ".join(words) or "edited"


def _with_reason(words: str, entry: dict[str, Any]) -> str:
    reason = entry.get("reason")
    return f"{words} ({reason})" if isinstance(reason, str) and reason else words


def format_timeline(events: list[TimelineEvent]) -> list[str]:
    """One line per event: '2026-03-15  1a2b3c4  Jane Smith  created; ...'."""
    lines = []
    for event in events:
        when = event.date or "now".ljust(10)
        who = f"  {event.author}" if event.author else ""
        lines.append(f"{when}  {event.label:<11}{who}  {'; '.join(event.summaries)}")
    return lines
