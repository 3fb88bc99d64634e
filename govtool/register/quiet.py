"""Gone quiet: one definition for lint's ``stale-action`` rule, the digest's "Gone quiet" and
the plan's status reason.

An open or in-progress action has gone quiet when its last progress is more than the rule's
``days`` before the day asked about. Progress is a progress note: it says how the work stands.
The action's first sign of life is the day it was created, or, for an action sent back to
work, the day it was reopened (what came before led to a completion, and a reopening is not
"no progress since August"). A re-date, an edit or a handover says nothing about how the work
stands, so none of them ends the quiet: an action re-dated every month with no note is exactly
what the warning is for. An open action counts too: one with nothing recorded since it was
created months ago is what an inspector reads as drift, not as "on track" (a note saying when
the work starts, or what it waits for, ends the quiet). Completed, closed and cancelled actions
are done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.model import Action, Reopening, Update


@dataclass(frozen=True)
class LastProgress:
    """The day an action last showed progress, and the entry that did (None: its creation)."""

    date: dt.date
    entry: Update | Reopening | None

    def days_to(self, as_of: dt.date) -> int:
        return (as_of - self.date).days


def last_progress(action: Action) -> LastProgress | None:
    """The latest progress note or reopening, else the day the action was created (None
    when none of them is dated)."""
    dated: list[tuple[dt.date, Update | Reopening]] = [
        (entry.date, entry) for entry in (*action.updates, *action.reopenings) if entry.date is not None]
    if dated:
        date, entry = max(reversed(dated), key=lambda pair: pair[0])  # of one day, the last in the file
        return LastProgress(date, entry)
    return LastProgress(action.created, None) if action.created is not None else None


def gone_quiet(action: Action, as_of: dt.date, days: int) -> LastProgress | None:
    """The last progress of an open or in-progress action more than ``days`` before ``as_of``;
    None when it has not gone quiet."""
    if action.status not in ("open", "in_progress"):
        return None
    last = last_progress(action)
    return last if last is not None and last.days_to(as_of) > days else None
