"""The "Timeline (from Git)" section of ``govtool show``: the one place it is produced.

The events come from the history engine (govtool/history/), which reads the register's whole
history in one cached pass and describes each change in words ("re-dated 2026-03-31 →
2026-04-30 (supplier delay)"), following renames, with staged and uncommitted edits last.
The same events tell ``show`` the order in which an action's trail entries were written.
"""

from __future__ import annotations

from pathlib import Path

from govtool.history.errors import HistoryUnavailable
from govtool.history.record_timeline import TimelineEvent, format_timeline, record_timeline


def timeline(root: Path, relative: Path) -> tuple[list[TimelineEvent], list[str]]:
    """The record's changes, oldest first (none without history), and one line per change:
    date, commit, author, what changed."""
    try:
        events = record_timeline(root, relative)
    except HistoryUnavailable as reason:
        return [], [f"(no history: {reason})"]
    return events, format_timeline(events) or ["(never committed)"]
