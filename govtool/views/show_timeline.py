"""The "Timeline (from Git)" section of ``govtool show``: the one place it is produced.

The events come from the history engine (govtool/history/), which reads the register's whole
history in one cached pass and describes each change in words ("re-dated 2026-03-31 →
2026-04-30 (supplier delay)"), following renames, with staged and uncommitted edits last.
"""

from __future__ import annotations

from pathlib import Path

from govtool.history.errors import HistoryUnavailable
from govtool.history.record_timeline import format_timeline, record_timeline


def timeline_lines(root: Path, relative: Path) -> list[str]:
    """One line per change to the record, oldest first: date, commit, author, what changed."""
    try:
        events = record_timeline(root, relative)
    except HistoryUnavailable as reason:
        return [f"(no history: {reason})"]
    return format_timeline(events) or ["(never committed)"]
